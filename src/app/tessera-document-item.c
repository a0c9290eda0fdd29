/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-document-item"

#include "config.h"

#include "tessera-document-item.h"

struct _TesseraDocumentItem
{
  GObject                parent_instance;

  gint64                 id;
  char                  *title;
  char                  *source;
  char                  *published;
  TesseraDocumentStatus  status;
  gint64                 n_annotations;
  gint64                 n_pending;
};

G_DEFINE_FINAL_TYPE (TesseraDocumentItem, tessera_document_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_SOURCE,
  PROP_PUBLISHED,
  PROP_STATUS,
  PROP_N_ANNOTATIONS,
  PROP_N_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tessera_document_item_finalize (GObject *object)
{
  TesseraDocumentItem *self = TESSERA_DOCUMENT_ITEM (object);

  g_free (self->title);
  g_free (self->source);
  g_free (self->published);

  G_OBJECT_CLASS (tessera_document_item_parent_class)->finalize (object);
}

static void
tessera_document_item_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TesseraDocumentItem *self = TESSERA_DOCUMENT_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_PUBLISHED:
      g_value_set_string (value, self->published);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_N_ANNOTATIONS:
      g_value_set_int64 (value, self->n_annotations);
      break;
    case PROP_N_PENDING:
      g_value_set_int64 (value, self->n_pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_document_item_class_init (TesseraDocumentItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tessera_document_item_finalize;
  object_class->get_property = tessera_document_item_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, "", flags);
  properties[PROP_PUBLISHED] = g_param_spec_string ("published", NULL, NULL, "", flags);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, TESSERA_TYPE_DOCUMENT_STATUS,
                                               TESSERA_STATUS_NEW, flags);
  properties[PROP_N_ANNOTATIONS] = g_param_spec_int64 ("n-annotations", NULL, NULL,
                                                       0, G_MAXINT64, 0, flags);
  properties[PROP_N_PENDING] = g_param_spec_int64 ("n-pending", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tessera_document_item_init (TesseraDocumentItem *self)
{
}

/* Stores @value (NULL as "") in *@field; TRUE when it changed. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (value == NULL)
    value = "";
  if (*field != NULL && g_str_equal (*field, value))
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

TesseraDocumentItem *
tessera_document_item_new (gint64                 id,
                           const char            *title,
                           const char            *source,
                           const char            *published,
                           TesseraDocumentStatus  status,
                           gint64                 n_annotations,
                           gint64                 n_pending)
{
  TesseraDocumentItem *self = g_object_new (TESSERA_TYPE_DOCUMENT_ITEM, NULL);

  self->id = id;
  set_string (&self->title, title);
  set_string (&self->source, source);
  set_string (&self->published, published);
  self->status = CLAMP (status, TESSERA_STATUS_NEW, TESSERA_N_STATUSES - 1);
  self->n_annotations = MAX (n_annotations, 0);
  self->n_pending = CLAMP (n_pending, 0, self->n_annotations);

  return self;
}

gint64
tessera_document_item_get_id (TesseraDocumentItem *self)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_ITEM (self), 0);

  return self->id;
}

const char *
tessera_document_item_get_title (TesseraDocumentItem *self)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_ITEM (self), NULL);

  return self->title;
}

const char *
tessera_document_item_get_source (TesseraDocumentItem *self)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_ITEM (self), NULL);

  return self->source;
}

const char *
tessera_document_item_get_published (TesseraDocumentItem *self)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_ITEM (self), NULL);

  return self->published;
}

TesseraDocumentStatus
tessera_document_item_get_status (TesseraDocumentItem *self)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_ITEM (self), TESSERA_STATUS_NEW);

  return self->status;
}

gint64
tessera_document_item_get_n_annotations (TesseraDocumentItem *self)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_ITEM (self), 0);

  return self->n_annotations;
}

gint64
tessera_document_item_get_n_pending (TesseraDocumentItem *self)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_ITEM (self), 0);

  return self->n_pending;
}

void
tessera_document_item_update (TesseraDocumentItem   *self,
                              const char            *title,
                              const char            *source,
                              const char            *published,
                              TesseraDocumentStatus  status,
                              gint64                 n_annotations,
                              gint64                 n_pending)
{
  g_return_if_fail (TESSERA_IS_DOCUMENT_ITEM (self));

  status = CLAMP (status, TESSERA_STATUS_NEW, TESSERA_N_STATUSES - 1);
  n_annotations = MAX (n_annotations, 0);
  n_pending = CLAMP (n_pending, 0, n_annotations);

  g_object_freeze_notify (G_OBJECT (self));

  if (set_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  if (set_string (&self->source, source))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
  if (set_string (&self->published, published))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLISHED]);
  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  if (self->n_annotations != n_annotations)
    {
      self->n_annotations = n_annotations;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ANNOTATIONS]);
    }
  if (self->n_pending != n_pending)
    {
      self->n_pending = n_pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}
