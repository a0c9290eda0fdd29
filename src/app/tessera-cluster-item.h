/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-cluster.h"
#include "tessera-project.h"

G_BEGIN_DECLS

/* An event cluster as the corroboration view lists it: its name, and who
 * reports it ("3 reports · Sahel Courier, The Meridian Post").
 * Properties (read-only): "id", "name", "summary". */

#define TESSERA_TYPE_CLUSTER_ITEM (tessera_cluster_item_get_type ())

G_DECLARE_FINAL_TYPE (TesseraClusterItem, tessera_cluster_item, TESSERA, CLUSTER_ITEM, GObject)

/* Reads the reports of @cluster from @project. @sources keeps the outlet
 * of each document read (gint64* id → char*) for the next items; the ids
 * of the documents of its reports are added to @documents. */
TesseraClusterItem *tessera_cluster_item_new         (TesseraProject       *project,
                                                      const TesseraCluster *cluster,
                                                      GHashTable           *sources,
                                                      GHashTable           *documents);

gint64              tessera_cluster_item_get_id      (TesseraClusterItem   *self);
const char         *tessera_cluster_item_get_name    (TesseraClusterItem   *self);
const char         *tessera_cluster_item_get_summary (TesseraClusterItem   *self);

G_END_DECLS
