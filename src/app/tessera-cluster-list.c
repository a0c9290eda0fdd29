/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-cluster-list"

#include "config.h"

#include "tessera-cluster-list.h"

struct _TesseraClusterList
{
  GObject         parent_instance;

  TesseraProject *project;
  GPtrArray      *items;       /* TesseraClusterItem */
  GHashTable     *documents;   /* gint64* ids of the documents of their reports */
  gboolean        stale;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TesseraClusterList, tessera_cluster_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_STALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return TESSERA_TYPE_CLUSTER_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return TESSERA_CLUSTER_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  TesseraClusterList *self = TESSERA_CLUSTER_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
set_stale (TesseraClusterList *self,
           gboolean            stale)
{
  if (self->stale == stale)
    return;

  self->stale = stale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
}

/* Replaces the items, in one "items-changed". */
static void
replace_items (TesseraClusterList *self,
               GPtrArray          *items)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->items);

  self->items = g_ptr_array_ref (items);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old->len, items->len);
}

static void
on_project_changed (TesseraClusterList *self,
                    guint               kind,
                    guint               action,
                    gint64              document_id,
                    gint64              object_id,
                    TesseraProject     *project)
{
  switch (kind)
    {
    case TESSERA_CHANGE_SPAN:
    case TESSERA_CHANGE_EVENT:
    case TESSERA_CHANGE_STANCE:
    case TESSERA_CHANGE_DOCUMENT:
      /* Only the documents of the clusters listed matter. */
      if (!g_hash_table_contains (self->documents, &document_id))
        return;
      break;
    case TESSERA_CHANGE_SCHEMA:
      /* Label names show in the table, which is read with the list. */
    case TESSERA_CHANGE_CLUSTER:
    case TESSERA_CHANGE_RESET:
    default:
      break;
    }

  set_stale (self, TRUE);
}

static void
tessera_cluster_list_dispose (GObject *object)
{
  TesseraClusterList *self = TESSERA_CLUSTER_LIST (object);

  tessera_cluster_list_set_project (self, NULL);

  G_OBJECT_CLASS (tessera_cluster_list_parent_class)->dispose (object);
}

static void
tessera_cluster_list_finalize (GObject *object)
{
  TesseraClusterList *self = TESSERA_CLUSTER_LIST (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->documents, g_hash_table_unref);

  G_OBJECT_CLASS (tessera_cluster_list_parent_class)->finalize (object);
}

static void
tessera_cluster_list_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TesseraClusterList *self = TESSERA_CLUSTER_LIST (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_STALE:
      g_value_set_boolean (value, self->stale);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_cluster_list_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TesseraClusterList *self = TESSERA_CLUSTER_LIST (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      tessera_cluster_list_set_project (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_cluster_list_class_init (TesseraClusterListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tessera_cluster_list_dispose;
  object_class->finalize = tessera_cluster_list_finalize;
  object_class->get_property = tessera_cluster_list_get_property;
  object_class->set_property = tessera_cluster_list_set_property;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, TESSERA_TYPE_PROJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STALE] =
    g_param_spec_boolean ("stale", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tessera_cluster_list_init (TesseraClusterList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->documents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

TesseraClusterList *
tessera_cluster_list_new (void)
{
  return g_object_new (TESSERA_TYPE_CLUSTER_LIST, NULL);
}

TesseraProject *
tessera_cluster_list_get_project (TesseraClusterList *self)
{
  g_return_val_if_fail (TESSERA_IS_CLUSTER_LIST (self), NULL);

  return self->project;
}

void
tessera_cluster_list_set_project (TesseraClusterList *self,
                                  TesseraProject     *project)
{
  g_autoptr(GPtrArray) none = NULL;

  g_return_if_fail (TESSERA_IS_CLUSTER_LIST (self));
  g_return_if_fail (project == NULL || TESSERA_IS_PROJECT (project));

  if (self->project == project)
    return;

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);
  g_set_object (&self->project, project);
  if (project != NULL)
    g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self,
                             G_CONNECT_SWAPPED);

  /* Same ids in another project are other clusters. */
  g_hash_table_remove_all (self->documents);
  none = g_ptr_array_new_with_free_func (g_object_unref);
  replace_items (self, none);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
  set_stale (self, project != NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
tessera_cluster_list_get_stale (TesseraClusterList *self)
{
  g_return_val_if_fail (TESSERA_IS_CLUSTER_LIST (self), FALSE);

  return self->stale;
}

gboolean
tessera_cluster_list_load (TesseraClusterList  *self,
                           GError             **error)
{
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) sources = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TESSERA_IS_CLUSTER_LIST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_hash_table_remove_all (self->documents);
  if (self->project != NULL &&
      !(clusters = tessera_project_list_clusters (self->project, TESSERA_LABEL_EVENT, &local_error)))
    {
      replace_items (self, items);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  sources = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; clusters != NULL && i < clusters->len; i++)
    g_ptr_array_add (items, tessera_cluster_item_new (self->project, g_ptr_array_index (clusters, i),
                                                      sources, self->documents));

  replace_items (self, items);
  set_stale (self, FALSE);

  return TRUE;
}

guint
tessera_cluster_list_find (TesseraClusterList *self,
                           gint64              cluster_id)
{
  g_return_val_if_fail (TESSERA_IS_CLUSTER_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->items->len; i++)
    if (tessera_cluster_item_get_id (g_ptr_array_index (self->items, i)) == cluster_id)
      return i;

  return G_MAXUINT;
}
