/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-cluster-item"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-cluster-item.h"

struct _TesseraClusterItem
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  char    *summary;
};

G_DEFINE_FINAL_TYPE (TesseraClusterItem, tessera_cluster_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tessera_cluster_item_finalize (GObject *object)
{
  TesseraClusterItem *self = TESSERA_CLUSTER_ITEM (object);

  g_free (self->name);
  g_free (self->summary);

  G_OBJECT_CLASS (tessera_cluster_item_parent_class)->finalize (object);
}

static void
tessera_cluster_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TesseraClusterItem *self = TESSERA_CLUSTER_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_cluster_item_class_init (TesseraClusterItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tessera_cluster_item_finalize;
  object_class->get_property = tessera_cluster_item_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tessera_cluster_item_init (TesseraClusterItem *self)
{
}

/* The outlet of document @id, or its title when it names none. */
static const char *
document_source (TesseraProject *project,
                 gint64          id,
                 GHashTable     *sources)
{
  const char *source = g_hash_table_lookup (sources, &id);
  g_autoptr(TesseraDocument) doc = NULL;

  if (source != NULL)
    return source;

  doc = tessera_project_get_document (project, id, FALSE, NULL);
  source = doc == NULL ? "" : doc->source != NULL && *doc->source != '\0' ? doc->source
                            : doc->title != NULL ? doc->title : "";
  g_hash_table_insert (sources, g_memdup2 (&id, sizeof id), g_strdup (source));

  return g_hash_table_lookup (sources, &id);
}

/* "3 reports · Sahel Courier, The Meridian Post"; notes the documents. */
static char *
describe (TesseraProject *project,
          gint64          cluster_id,
          GHashTable     *sources,
          GHashTable     *documents)
{
  g_autoptr(GArray) members = tessera_project_list_cluster_members (project, cluster_id, NULL);
  g_autoptr(GPtrArray) outlets = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) summary = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      const TesseraClusterMember *m = &g_array_index (members, TesseraClusterMember, i);
      const char *source;

      if (m->event_id <= 0)
        continue;
      n++;
      g_hash_table_add (documents, g_memdup2 (&m->document_id, sizeof (gint64)));
      source = document_source (project, m->document_id, sources);
      if (*source != '\0' && g_hash_table_add (seen, (gpointer) source))
        g_ptr_array_add (outlets, (gpointer) source);
    }

  g_string_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u report", "%u reports", n), n);
  for (guint i = 0; i < outlets->len; i++)
    {
      /* Translators: between the number of reports and the outlets. */
      g_string_append (summary, i == 0 ? _(" · ") : ", ");
      g_string_append (summary, g_ptr_array_index (outlets, i));
    }

  return g_string_free (g_steal_pointer (&summary), FALSE);
}

TesseraClusterItem *
tessera_cluster_item_new (TesseraProject       *project,
                          const TesseraCluster *cluster,
                          GHashTable           *sources,
                          GHashTable           *documents)
{
  TesseraClusterItem *self;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (cluster != NULL, NULL);
  g_return_val_if_fail (sources != NULL && documents != NULL, NULL);

  self = g_object_new (TESSERA_TYPE_CLUSTER_ITEM, NULL);
  self->id = cluster->id;
  self->name = g_strdup (cluster->name);
  self->summary = describe (project, cluster->id, sources, documents);

  return self;
}

gint64
tessera_cluster_item_get_id (TesseraClusterItem *self)
{
  g_return_val_if_fail (TESSERA_IS_CLUSTER_ITEM (self), 0);

  return self->id;
}

const char *
tessera_cluster_item_get_name (TesseraClusterItem *self)
{
  g_return_val_if_fail (TESSERA_IS_CLUSTER_ITEM (self), NULL);

  return self->name;
}

const char *
tessera_cluster_item_get_summary (TesseraClusterItem *self)
{
  g_return_val_if_fail (TESSERA_IS_CLUSTER_ITEM (self), NULL);

  return self->summary;
}
