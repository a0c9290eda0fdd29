/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-cluster-item.h"
#include "tessera-project.h"

G_BEGIN_DECLS

/* The project's event clusters as a GListModel of TesseraClusterItem,
 * for the corroboration view. It follows the project's changes for the
 * view and tells it, through "stale", when the clusters listed or the
 * documents of their reports changed; reading again is left to the view,
 * which does it when it is shown. GTK-free. */

#define TESSERA_TYPE_CLUSTER_LIST (tessera_cluster_list_get_type ())

G_DECLARE_FINAL_TYPE (TesseraClusterList, tessera_cluster_list, TESSERA, CLUSTER_LIST, GObject)

TesseraClusterList *tessera_cluster_list_new         (void);

/* Property "project" (NULL: empty). A new project empties the list and
 * makes it stale. */
TesseraProject     *tessera_cluster_list_get_project (TesseraClusterList  *self);
void                tessera_cluster_list_set_project (TesseraClusterList  *self,
                                                      TesseraProject      *project);

/* Property "stale" (read-only): the list is not what the project holds
 * now; tessera_cluster_list_load () makes it so. */
gboolean            tessera_cluster_list_get_stale   (TesseraClusterList  *self);

/* Reads the clusters again. On failure the list is empty and stays stale. */
gboolean            tessera_cluster_list_load        (TesseraClusterList  *self,
                                                      GError             **error);

/* The position of cluster @cluster_id, or GTK's invalid position
 * (G_MAXUINT) when it is not listed. */
guint               tessera_cluster_list_find        (TesseraClusterList  *self,
                                                      gint64               cluster_id);

G_END_DECLS
