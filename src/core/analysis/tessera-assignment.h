/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Handing documents out to annotators: @overlap_percent of them (rounded)
 * go to every annotator, so that agreement can be measured on them; the
 * rest are dealt in turn, so that each annotator gets as many as the
 * others, give or take one. Which documents are shared and who gets which
 * of the rest follows a shuffle by @seed: the same seed, the same plan. */
typedef struct
{
  GPtrArray *annotators;  /* char* */
  GPtrArray *documents;   /* per annotator: GArray of gint64 document ids, ascending */
  GArray    *shared;      /* gint64: the ids every annotator has, ascending */
  guint32    seed;
  guint      overlap_percent;
} TesseraAssignment;

/* @document_ids: gint64. @annotators: at least one name, no repeats. */
TesseraAssignment *tessera_assignment_plan (GArray              *document_ids,
                                            const char * const  *annotators,
                                            guint                overlap_percent,
                                            guint32              seed);
void               tessera_assignment_free (TesseraAssignment   *assignment);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraAssignment, tessera_assignment_free)

G_END_DECLS
