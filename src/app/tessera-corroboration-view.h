/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-shared-passages.h"
#include "tessera-workbench.h"

G_BEGIN_DECLS

/* Who reports what about one real-world event: on the left the event
 * clusters, on the right a table of the selected cluster's reports side
 * by side (outlet, date, trigger, each role, realis, confirmation,
 * stances), read by tessera_corroboration_load(), with the cells where
 * reports disagree marked. A cell opens its passage (win.open-passage).
 * Clusters are renamed, merged, split and deleted, and reports removed,
 * through the history.
 * Widget actions: corroboration.rename (s), corroboration.merge-into (x:
 * cluster id), corroboration.delete, corroboration.split (s: the new
 * cluster's name; the selected rows move), corroboration.remove-member
 * (x: event id), corroboration.open-passage ((xx): document and span id).
 * Property "workbench": the project it shows and changes. */

#define TESSERA_TYPE_CORROBORATION_VIEW (tessera_corroboration_view_get_type ())

G_DECLARE_FINAL_TYPE (TesseraCorroborationView, tessera_corroboration_view, TESSERA, CORROBORATION_VIEW, GtkWidget)

TesseraWorkbench  *tessera_corroboration_view_get_workbench      (TesseraCorroborationView *self);
void               tessera_corroboration_view_set_workbench      (TesseraCorroborationView *self,
                                                                  TesseraWorkbench         *workbench);

/* The event cluster shown (0: none); set_cluster selects it in the list. */
gint64             tessera_corroboration_view_get_cluster        (TesseraCorroborationView *self);
void               tessera_corroboration_view_set_cluster        (TesseraCorroborationView *self,
                                                                  gint64                    cluster_id);
/* The event clusters listed, in order (cluster ids, gint64). */
GArray            *tessera_corroboration_view_list_clusters      (TesseraCorroborationView *self);
/* The table's rows (TesseraCorroborationRow) and their selection, as shown. */
GtkSelectionModel *tessera_corroboration_view_get_rows           (TesseraCorroborationView *self);
/* The index of the column @key (a role's name, "trigger", "realis",
 * "confirmation", "stances") for tessera_corroboration_row_get_cell(), or -1. */
int                tessera_corroboration_view_get_column         (TesseraCorroborationView *self,
                                                                  const char               *key);
/* The keys of the columns where the reports disagree, in table order. */
GStrv              tessera_corroboration_view_get_disagreements  (TesseraCorroborationView *self);
/* Where the view learns which reports are copies of the same wire
 * passage, for the coded record's independent sources. */
void               tessera_corroboration_view_set_shared_passages (TesseraCorroborationView *self,
                                                                   TesseraSharedPassages    *shared_passages);

G_END_DECLS
