/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-cluster"

#include "config.h"

#include "tessera-cluster.h"

G_DEFINE_BOXED_TYPE (TesseraCluster, tessera_cluster, tessera_cluster_copy, tessera_cluster_free)

TesseraCluster *
tessera_cluster_new (void)
{
  TesseraCluster *cluster = g_new0 (TesseraCluster, 1);

  cluster->kind = TESSERA_LABEL_ENTITY;

  return cluster;
}

TesseraCluster *
tessera_cluster_copy (const TesseraCluster *cluster)
{
  TesseraCluster *copy;

  g_return_val_if_fail (cluster != NULL, NULL);

  copy = g_memdup2 (cluster, sizeof *cluster);
  copy->name = g_strdup (cluster->name);

  return copy;
}

void
tessera_cluster_free (TesseraCluster *cluster)
{
  if (cluster == NULL)
    return;

  g_free (cluster->name);
  g_free (cluster);
}
