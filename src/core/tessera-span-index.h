/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tessera-annotation.h"

G_BEGIN_DECLS

/* A document's spans arranged for drawing and hit-testing: what overlaps
 * a visible range, which span is under the pointer, and a nesting level
 * per span so overlapping spans can be drawn apart. Built once per
 * change of the document's spans; queries cost O(log n + hits). */

typedef struct _TesseraSpanIndex TesseraSpanIndex;

/* @spans: TesseraSpan sorted by start, then longest first (as
 * tessera_project_list_spans returns them); the index keeps a reference. */
TesseraSpanIndex  *tessera_span_index_new         (GArray                 *spans);
void               tessera_span_index_free        (TesseraSpanIndex       *index);

guint              tessera_span_index_get_n_spans (const TesseraSpanIndex *index);
const TesseraSpan *tessera_span_index_get_span    (const TesseraSpanIndex *index,
                                                   guint                   i);
/* 0 for spans that overlap nothing earlier; each enclosing or overlapping
 * span already placed pushes a later one a level further. */
guint              tessera_span_index_get_level   (const TesseraSpanIndex *index,
                                                   guint                   i);
guint              tessera_span_index_get_n_levels(const TesseraSpanIndex *index);

/* Appends to @hits (guint indices, in order) the spans overlapping
 * [start, end). */
void               tessera_span_index_query       (const TesseraSpanIndex *index,
                                                   gint64                  start,
                                                   gint64                  end,
                                                   GArray                 *hits);
/* The innermost (shortest) span containing @offset, or -1. */
int                tessera_span_index_find_at     (const TesseraSpanIndex *index,
                                                   gint64                  offset);
/* The position of span @span_id, or -1. */
int                tessera_span_index_find_id     (const TesseraSpanIndex *index,
                                                   gint64                  span_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraSpanIndex, tessera_span_index_free)

G_END_DECLS
