/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-types.h"

G_BEGIN_DECLS

/* Splitting a project's documents into parts (train, dev, test) for an
 * export. Documents that are linked go to the same part, so that no copy
 * of a text, and no report of the same event, is in training and in test
 * data at once: two documents are linked when they share a passage (wire
 * copy, found by the shared-passages analysis with its default options)
 * or have members in the same cluster, event or entity; a group is every
 * document linked to another of it, transitively. The groups are
 * shuffled by the seed and dealt largest first (the shuffle orders those
 * of one size), each going whole to the part furthest below
 * its share (the most documents short of it; the first part on a tie), so
 * the parts come close to their weights. The same project and seed, the
 * same split. */

#define TESSERA_SPLIT_MAX_PARTS  100
#define TESSERA_SPLIT_MAX_WEIGHT 1000000

typedef struct
{
  char  *name;    /* [a-z0-9_-]+ */
  guint  weight;  /* 1 to TESSERA_SPLIT_MAX_WEIGHT; any total */
} TesseraSplitPart;

void       tessera_split_part_free (TesseraSplitPart  *part);

/* Parses "train=80,dev=10,test=10": TesseraSplitPart*, in the order
 * given, names unique; NULL with TESSERA_ERROR_INVALID_INPUT (or _LIMIT)
 * saying which piece is wrong. */
GPtrArray *tessera_split_parse     (const char        *spec,
                                    GError           **error);

typedef struct
{
  GPtrArray *parts;            /* TesseraSplitPart*, as given to tessera_split_assign() */
  GArray    *document_ids;     /* gint64: every document of the project, ascending */
  GArray    *part_of;          /* guint: the part (index into parts) of document_ids[i] */
  GArray    *part_sizes;       /* guint: documents in each part */
  guint      n_groups;         /* groups, single documents included */
  guint      n_kept_together;  /* groups of more than one document (each in one part) */
  guint32    seed;
} TesseraSplit;

/* Reads the whole project (synchronously: call it from a worker for a
 * big one). @parts: TesseraSplitPart*, at least one, e.g. from
 * tessera_split_parse() (the split keeps a reference). NULL on error or
 * when cancelled (G_IO_ERROR_CANCELLED). */
TesseraSplit *tessera_split_assign   (TesseraProject      *project,
                                      GPtrArray           *parts,
                                      guint32              seed,
                                      GCancellable        *cancellable,
                                      GError             **error);
/* The part of @document_id; -1 for a document the project did not have
 * when it was split. */
int           tessera_split_get_part (const TesseraSplit  *split,
                                      gint64               document_id);
/* What a command line reports: "train: 32 documents, dev: 4 documents,
 * test: 4 documents; 2 groups of linked documents kept whole". */
char         *tessera_split_describe (const TesseraSplit  *split);
void          tessera_split_free     (TesseraSplit        *split);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraSplitPart, tessera_split_part_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraSplit, tessera_split_free)

G_END_DECLS
