/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-history.h"
#include "tessera-project.h"

#include "crash-driver-model.h"

G_BEGIN_DECLS

/* What crash-driver.c and its commands (crash-driver-commands.c) share:
 * the driver and the commands' signature. */

typedef struct
{
  TesseraProject         *project;
  TesseraHistory         *history;
  GRand                  *rand;
  Model                  *model;
  GPtrArray              *undo;      /* UndoStep*, newest last, as the history's */
  GPtrArray              *redo;
  guint64                 n_done;    /* commands acknowledged */
  gint64                  annotator_id;
  GPtrArray              *labels[TESSERA_N_LABEL_KINDS];
  const TesseraAttribute *realis;
  const TesseraAttribute *confirmation;
} Driver;

typedef enum
{
  SKIPPED,   /* nothing to do it on: nothing announced, nothing changed */
  DONE,
  FAILED,
} Outcome;

/* Says on stdout that command n_done + 1 (or a part of it) starts. */
void    announce     (Driver     *d,
                      const char *format,
                      ...) G_GNUC_PRINTF (2, 3);
/* A random number from 0 to @n - 1, from the driver's seed. */
guint   random_index (Driver     *d,
                      guint       n);

/* Each command picks what it works on; when there is nothing to pick it
 * returns SKIPPED before announcing itself. @arg is the command's own
 * (see the table in crash-driver.c). */
typedef Outcome (*CommandFunc) (Driver  *d,
                                int      arg,
                                gint64  *result,
                                GError **error);

Outcome cmd_add                   (Driver *d, int kind, gint64 *result, GError **error);
Outcome cmd_add_argument          (Driver *d, int unused, gint64 *result, GError **error);
Outcome cmd_remove_argument       (Driver *d, int unused, gint64 *result, GError **error);
Outcome cmd_update_span           (Driver *d, int arg, gint64 *result, GError **error);
Outcome cmd_update_event          (Driver *d, int arg, gint64 *result, GError **error);
Outcome cmd_update_stance         (Driver *d, int arg, gint64 *result, GError **error);
/* Deletes a row of the Table @table. */
Outcome cmd_delete                (Driver *d, int table, gint64 *result, GError **error);
Outcome cmd_set_status            (Driver *d, int arg, gint64 *result, GError **error);
Outcome cmd_add_cluster           (Driver *d, int arg, gint64 *result, GError **error);
Outcome cmd_rename_cluster        (Driver *d, int arg, gint64 *result, GError **error);
Outcome cmd_add_cluster_member    (Driver *d, int arg, gint64 *result, GError **error);
Outcome cmd_remove_cluster_member (Driver *d, int arg, gint64 *result, GError **error);
Outcome cmd_merge_clusters        (Driver *d, int arg, gint64 *result, GError **error);

G_END_DECLS
