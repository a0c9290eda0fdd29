/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-cluster"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "tessera-cluster.h"
#include "tessera-error.h"

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

void
_tessera_cluster_set_member_error (GError     **error,
                                   gint64       span_id,
                                   gint64       event_id,
                                   const char  *cluster_name)
{
  if (cluster_name == NULL && span_id > 0)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND,
                 _("Span %" PRId64 " is in no cluster"), span_id);
  else if (cluster_name == NULL)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND,
                 _("Event %" PRId64 " is in no cluster"), event_id);
  else if (span_id > 0)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                 /* Translators: a span's id, then the cluster's name. */
                 _("Span %" PRId64 " is not a member of “%s”"), span_id, cluster_name);
  else
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                 /* Translators: an event's id, then the cluster's name. */
                 _("Event %" PRId64 " is not a member of “%s”"), event_id, cluster_name);
}
