/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtksourceview/gtksource.h>

#include "tessera-open-document.h"

G_BEGIN_DECLS

/* The read-only text of a document with its spans drawn behind the text:
 * label colour, a caption above each span, triggers and statements set
 * apart, the selected annotation and the spans related to it emphasised.
 * Only the visible range is drawn, from the open document's span index,
 * so 50,000 spans cost what the dozens on screen cost (no GtkTextTag per
 * span). */

/* A passage of the text that other documents share, [start, end) in
 * code points. */
typedef struct
{
  gint64 start;
  gint64 end;
} TesseraTextPassage;

#define TESSERA_TYPE_TEXT_VIEW (tessera_text_view_get_type ())

G_DECLARE_FINAL_TYPE (TesseraTextView, tessera_text_view, TESSERA, TEXT_VIEW, GtkSourceView)

GtkWidget              *tessera_text_view_new               (void);

/* The labels spans may use (TesseraLabel*; names and colours are copied). */
void                    tessera_text_view_set_labels        (TesseraTextView        *self,
                                                             GPtrArray              *labels);
/* The document whose spans are drawn (its text is the buffer's, set
 * apart); read when drawing, redrawn when it changes. May be NULL. */
void                    tessera_text_view_set_document      (TesseraTextView        *self,
                                                             TesseraOpenDocument    *document);

/* The span drawn as selected (0: none). */
void                    tessera_text_view_set_selected_span (TesseraTextView        *self,
                                                             gint64                  span_id);
/* Spans related to the selection (event arguments, stance holder and
 * target), drawn outlined with @captions[i] (e.g. the role) above them. */
void                    tessera_text_view_set_related       (TesseraTextView        *self,
                                                             const gint64           *span_ids,
                                                             const char * const     *captions,
                                                             guint                   n);
/* What the caption of the selected suggestion adds (e.g. which keys
 * accept and reject it); NULL for nothing. */
void                    tessera_text_view_set_suggestion_hint (TesseraTextView      *self,
                                                             const char             *hint);
/* Passages shared with other documents, marked by a bar in the left
 * margin and a faint band behind the text (copied). */
void                    tessera_text_view_set_passages      (TesseraTextView        *self,
                                                             const TesseraTextPassage *passages,
                                                             guint                   n);
/* The index of the passage whose margin bar is at widget point (@x, @y),
 * or -1. */
int                     tessera_text_view_passage_at        (TesseraTextView        *self,
                                                             double                  x,
                                                             double                  y);
/* Passages whose mark was drawn in the last frame. */
guint                   tessera_text_view_get_n_drawn_passages (TesseraTextView     *self);
/* While TRUE, spans under the pointer show that a click picks them. */
void                    tessera_text_view_set_pick_mode     (TesseraTextView        *self,
                                                             gboolean                picking);
/* The span Enter would pick (0: none), drawn as a span under the
 * pointer is in pick mode, with @caption above it instead of its own. */
void                    tessera_text_view_set_candidate     (TesseraTextView        *self,
                                                             gint64                  span_id,
                                                             const char             *caption);
gint64                  tessera_text_view_get_candidate     (TesseraTextView        *self);

/* The left and right margin that centres a comfortable text column
 * (at most ~75 characters) in @width; the view applies it itself. */
int                     tessera_text_view_get_side_margin   (TesseraTextView        *self,
                                                             int                     width);
/* The id of the span under widget point (@x, @y) — its caption or its
 * text, innermost first — or 0. */
gint64                  tessera_text_view_span_at           (TesseraTextView        *self,
                                                             double                  x,
                                                             double                  y);
/* Span ids drawn in the last frame (transfer none). */
GArray                 *tessera_text_view_get_drawn_spans   (TesseraTextView        *self);

/* Where several people's work is shown, @names (annotator id, gint64 →
 * name) makes each caption say whose the span is; NULL: the label only. */
void     tessera_text_view_set_annotator_names   (TesseraTextView *self,
                                                  GHashTable      *names);
/* The annotators (a set of gint64 ids, may be NULL) whose spans are not
 * drawn and cannot be clicked. */
void     tessera_text_view_set_hidden_annotators (TesseraTextView *self,
                                                  GHashTable      *hidden);

G_END_DECLS
