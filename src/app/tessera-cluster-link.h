/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-workbench.h"

G_BEGIN_DECLS

/* The cluster an entity span or an event is linked into across
 * documents: its name and how many members it has (or "Not linked"), a
 * button that links it to another or a new cluster (a
 * TesseraClusterPopover) and one that takes it out, through the
 * workbench's history. */

#define TESSERA_TYPE_CLUSTER_LINK (tessera_cluster_link_get_type ())

G_DECLARE_FINAL_TYPE (TesseraClusterLink, tessera_cluster_link, TESSERA, CLUSTER_LINK, GtkWidget)

/* Shows the cluster of an entity span or an event of @workbench's
 * document (the other id 0), as the model has it now. */
void tessera_cluster_link_show_member (TesseraClusterLink *self,
                                       TesseraWorkbench   *workbench,
                                       gint64              span_id,
                                       gint64              event_id);

G_END_DECLS
