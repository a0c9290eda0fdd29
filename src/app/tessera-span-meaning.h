/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tessera-open-document.h"

G_BEGIN_DECLS

/* What a Date, Quantity or Casualties span means (tessera-normalise.h),
 * in words for the window, by the rules the JSONL export writes "value"
 * by: a span labelled Date is read as a date against its document's
 * publication date; one labelled Quantity, or filling a Casualties role
 * of an event, as a figure. */

typedef enum
{
  TESSERA_SPAN_MEANING_NONE,
  TESSERA_SPAN_MEANING_DATE,
  TESSERA_SPAN_MEANING_FIGURE,
} TesseraSpanMeaningKind;

/* How span @span_id of @document is read. */
TesseraSpanMeaningKind  tessera_span_meaning_kind     (TesseraOpenDocument    *document,
                                                       gint64                  span_id);

/* The inspector's line for @text read as @kind against @published (the
 * document's date as given, or NULL): "Means 1 March 2024 · a day",
 * "Needs the document’s publication date", "Figure 8 · at least"; NULL
 * when it means nothing. */
char                   *tessera_span_meaning_describe (TesseraSpanMeaningKind  kind,
                                                       const char             *text,
                                                       const char             *published);

/* The same for span @span_id of @document. */
char                   *tessera_span_meaning_describe_span (TesseraOpenDocument *document,
                                                            gint64               span_id);

/* The value alone, short, for a table cell: "2024-03-01", "2024-03"
 * (a month), "≥ 8", "≈ 30"; NULL when it means nothing. */
char                   *tessera_span_meaning_caption  (TesseraSpanMeaningKind  kind,
                                                       const char             *text,
                                                       const char             *published);

G_END_DECLS
