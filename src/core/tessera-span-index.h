/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tessera-annotation.h"

G_BEGIN_DECLS

/* A document's spans arranged for drawing and hit-testing, kept up to
 * date one span at a time: an interval tree (a treap ordered by start,
 * then longest first, then id, each node knowing the largest end below
 * it). Adding, removing and finding a span, and the position of a span
 * in text order, cost O(log n); what overlaps a range, O(log n + hits).
 * The spans are copies the index owns; pointers to them stay valid until
 * that span is removed or replaced. */

typedef struct _TesseraSpanIndex TesseraSpanIndex;

TesseraSpanIndex  *tessera_span_index_new         (void);
/* An index of @spans (TesseraSpan, any order), built in O(n log n). */
TesseraSpanIndex  *tessera_span_index_new_from    (const GArray           *spans);
void               tessera_span_index_free        (TesseraSpanIndex       *index);

/* Adds a copy of @span, replacing the span with the same id if there is
 * one. */
void               tessera_span_index_insert      (TesseraSpanIndex       *index,
                                                   const TesseraSpan      *span);
/* FALSE when no span has @span_id. */
gboolean           tessera_span_index_remove      (TesseraSpanIndex       *index,
                                                   gint64                  span_id);

guint              tessera_span_index_get_n_spans (const TesseraSpanIndex *index);
/* The span with @span_id, or NULL. O(1). */
const TesseraSpan *tessera_span_index_lookup      (const TesseraSpanIndex *index,
                                                   gint64                  span_id);
/* The @i-th span in text order: by start, longest first, then id. */
const TesseraSpan *tessera_span_index_get_span    (const TesseraSpanIndex *index,
                                                   guint                   i);
/* The position of span @span_id in text order, or -1. */
int                tessera_span_index_find_id     (const TesseraSpanIndex *index,
                                                   gint64                  span_id);

/* Appends to @hits (const TesseraSpan *, in text order) the spans that
 * overlap [start, end). */
void               tessera_span_index_query       (const TesseraSpanIndex *index,
                                                   gint64                  start,
                                                   gint64                  end,
                                                   GPtrArray              *hits);
/* The innermost (shortest) span containing @offset, or NULL. */
const TesseraSpan *tessera_span_index_find_at     (const TesseraSpanIndex *index,
                                                   gint64                  offset);
/* How deep @span nests: how many spans before it in text order are still
 * open where it starts (0 for a span that overlaps nothing earlier).
 * Depends only on the spans at its start, so it does not change as the
 * rest of the document changes or scrolls. */
guint              tessera_span_index_get_depth   (const TesseraSpanIndex *index,
                                                   const TesseraSpan      *span);

/* The order of the index: negative when @a comes before @b. */
int                tessera_span_compare           (const TesseraSpan      *a,
                                                   const TesseraSpan      *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraSpanIndex, tessera_span_index_free)

G_END_DECLS
