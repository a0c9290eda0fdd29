/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-workbench.h"

G_BEGIN_DECLS

/* Links an entity span or an event of the workbench's document into a
 * cluster, through the workbench's history: the clusters of its kind
 * (but the one it is in), filled each time the popover opens, or a new
 * one, named after it, in one undo step. */

#define TESSERA_TYPE_CLUSTER_POPOVER (tessera_cluster_popover_get_type ())

G_DECLARE_FINAL_TYPE (TesseraClusterPopover, tessera_cluster_popover, TESSERA, CLUSTER_POPOVER, GtkPopover)

/* What it links: an entity span or an event of @workbench's document
 * (the other id 0), or nothing (both 0). */
void tessera_cluster_popover_set_member (TesseraClusterPopover *self,
                                         TesseraWorkbench      *workbench,
                                         gint64                 span_id,
                                         gint64                 event_id);

G_END_DECLS
