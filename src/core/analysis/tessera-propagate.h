/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tessera-types.h"
#include "tessera-duplicates.h"

G_BEGIN_DECLS

/* Carrying annotations onto other copies of the same text, as
 * suggestions (suggested = TRUE) the analyst accepts or rejects. */

/* What was proposed in one document. */
typedef struct
{
  gint64 document_id;
  guint  n_spans;
  guint  n_events;
  guint  n_stances;
} TesseraPropagateCount;

typedef struct
{
  GArray *span_ids;    /* gint64: the suggestions made, in the order made */
  GArray *event_ids;
  GArray *stance_ids;
  GArray *counts;      /* TesseraPropagateCount, by document id */
} TesseraPropagateResult;

TesseraPropagateResult *tessera_propagate_result_new    (void);
void                    tessera_propagate_result_free   (TesseraPropagateResult *result);
/* Spans, events and stances proposed in all. */
void                    tessera_propagate_result_totals (const TesseraPropagateResult *result,
                                                         guint                        *n_spans,
                                                         guint                        *n_events,
                                                         guint                        *n_stances);

/* Carries the annotations of document @source_id (0: of every document,
 * each with the annotations it has of its own) onto the copies of its
 * passages that @duplicates found, in one transaction.
 *
 * Within a passage the two copies are aligned word by word (words equal
 * in normal form, or near-identical spellings, see tessera-shingle.h),
 * sentence by sentence; sentence copies less alike than @min_similarity
 * are left alone. A span is carried only when every word of it has its
 * counterpart, the counterparts follow each other and what separates
 * them is the same: it then covers exactly those words in the copy (with
 * the span's leading or trailing punctuation when the copy has it too).
 * An event is carried with its trigger and those arguments whose spans
 * were carried; a stance with its statement span, and its holder and
 * target when they were carried. Suggestions are never carried, and
 * nothing is made twice: a span, event or stance the copy already has
 * (suggested or not) is used as it is. */
TesseraPropagateResult *tessera_propagate               (TesseraProject         *project,
                                                         TesseraDuplicates      *duplicates,
                                                         gint64                  source_id,
                                                         double                  min_similarity,
                                                         GError                **error);

typedef enum
{
  TESSERA_OCCURRENCES_DEFAULT       = 0,
  TESSERA_OCCURRENCES_WHOLE_PROJECT = 1 << 0,  /* every document, not only the given one */
  TESSERA_OCCURRENCES_IGNORE_CASE   = 1 << 1,
  TESSERA_OCCURRENCES_PARTIAL_WORDS = 1 << 2,  /* match inside longer words too */
} TesseraOccurrenceFlags;

/* Tags every occurrence of @text (whole words, same case, unless @flags
 * say otherwise) in document @document_id, or in every document, with
 * the label @label_id as suggested spans signed by the current
 * annotator, in one transaction. Occurrences that already have a span
 * with that label are skipped. */
TesseraPropagateResult *tessera_annotate_occurrences    (TesseraProject         *project,
                                                         gint64                  document_id,
                                                         const char             *text,
                                                         gint64                  label_id,
                                                         TesseraOccurrenceFlags  flags,
                                                         GError                **error);

/* The same, stopping (with nothing tagged) once @cancellable is
 * cancelled, and telling @progress how many documents were searched. */
TesseraPropagateResult *tessera_annotate_occurrences_full (TesseraProject      *project,
                                                         gint64                  document_id,
                                                         const char             *text,
                                                         gint64                  label_id,
                                                         TesseraOccurrenceFlags  flags,
                                                         GCancellable           *cancellable,
                                                         TesseraProgressFunc     progress,
                                                         gpointer                progress_data,
                                                         GError                **error);

/* Accepts the suggestions @result made (and, so that nothing accepted
 * refers to a suggestion, the suggested spans their events and stances
 * use), in one transaction. */
gboolean                tessera_propagate_result_accept (TesseraProject               *project,
                                                         const TesseraPropagateResult *result,
                                                         GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraPropagateResult, tessera_propagate_result_free)

G_END_DECLS
