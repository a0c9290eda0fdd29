/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-document-details"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-document-details.h"
#include "tessera-text-header.h"

struct _TesseraDocumentDetails
{
  GtkPopover        parent_instance;

  TesseraWorkbench *workbench;

  /* Template widgets */
  GtkEditable      *title_entry;
  GtkEditable      *source_entry;
  GtkEditable      *published_entry;
  GtkLabel         *published_error;
  GtkEditable      *url_entry;
  GtkEditable      *language_entry;
  GtkLabel         *error_label;
};

G_DEFINE_FINAL_TYPE (TesseraDocumentDetails, tessera_document_details, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_WORKBENCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const TesseraDocument *
get_document (TesseraDocumentDetails *self)
{
  TesseraOpenDocument *document = self->workbench ? tessera_workbench_get_open_document (self->workbench) : NULL;

  return document != NULL ? tessera_open_document_get_document (document) : NULL;
}

static void
show_error (GtkLabel   *label,
            const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
show_date_error (TesseraDocumentDetails *self,
                 const char             *message)
{
  show_error (self->published_error, message);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->published_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->published_entry), "error");
}

static void
set_text (GtkEditable *entry,
          const char  *text)
{
  gtk_editable_set_text (entry, text != NULL ? text : "");
}

/* Each time it opens: the details as the model has them now. */
static void
tessera_document_details_show (GtkWidget *widget)
{
  TesseraDocumentDetails *self = TESSERA_DOCUMENT_DETAILS (widget);
  const TesseraDocument *doc = get_document (self);

  if (doc != NULL)
    {
      set_text (self->title_entry, doc->title);
      set_text (self->source_entry, doc->source);
      set_text (self->published_entry, doc->published);
      set_text (self->url_entry, doc->url);
      set_text (self->language_entry, doc->language);
    }
  show_date_error (self, NULL);
  show_error (self->error_label, NULL);

  GTK_WIDGET_CLASS (tessera_document_details_parent_class)->show (widget);
}

static void
on_published_changed (TesseraDocumentDetails *self)
{
  show_date_error (self, NULL);
}

static void
on_apply (TesseraDocumentDetails *self)
{
  const TesseraDocument *doc = get_document (self);
  TesseraHistory *history = self->workbench ? tessera_workbench_get_history (self->workbench) : NULL;
  g_autoptr(TesseraDocument) wanted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *published = NULL;

  if (doc == NULL || history == NULL)
    return;

  /* The history refuses it too; checked here to point at the field. A
   * date imported as given may stay as it is. */
  published = g_strstrip (g_strdup (gtk_editable_get_text (self->published_entry)));
  if (*published != '\0' && g_strcmp0 (published, doc->published) != 0 && !tessera_date_is_iso (published))
    {
      show_date_error (self, _("Not a date: write it as YYYY-MM-DD, such as 2023-11-13"));
      gtk_widget_grab_focus (GTK_WIDGET (self->published_entry));
      return;
    }

  wanted = tessera_document_new ();
  wanted->id = doc->id;
  wanted->title = g_strdup (gtk_editable_get_text (self->title_entry));
  wanted->source = g_strdup (gtk_editable_get_text (self->source_entry));
  wanted->published = g_steal_pointer (&published);
  wanted->url = g_strdup (gtk_editable_get_text (self->url_entry));
  wanted->language = g_strdup (gtk_editable_get_text (self->language_entry));

  /* The header follows the model's signal, not this popover. */
  if (!tessera_history_update_document (history, wanted, &error))
    {
      show_error (self->error_label, error->message);
      return;
    }
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
tessera_document_details_dispose (GObject *object)
{
  TesseraDocumentDetails *self = TESSERA_DOCUMENT_DETAILS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_DOCUMENT_DETAILS);
  g_clear_object (&self->workbench);

  G_OBJECT_CLASS (tessera_document_details_parent_class)->dispose (object);
}

static void
tessera_document_details_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  TesseraDocumentDetails *self = TESSERA_DOCUMENT_DETAILS (object);

  switch (prop_id)
    {
    case PROP_WORKBENCH:
      g_value_set_object (value, self->workbench);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_document_details_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  TesseraDocumentDetails *self = TESSERA_DOCUMENT_DETAILS (object);

  switch (prop_id)
    {
    case PROP_WORKBENCH:
      tessera_document_details_set_workbench (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_document_details_class_init (TesseraDocumentDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_document_details_dispose;
  object_class->get_property = tessera_document_details_get_property;
  object_class->set_property = tessera_document_details_set_property;
  widget_class->show = tessera_document_details_show;

  properties[PROP_WORKBENCH] =
    g_param_spec_object ("workbench", NULL, NULL, TESSERA_TYPE_WORKBENCH,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-document-details.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentDetails, title_entry);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentDetails, source_entry);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentDetails, published_entry);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentDetails, published_error);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentDetails, url_entry);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentDetails, language_entry);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentDetails, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_published_changed);
}

static void
tessera_document_details_init (TesseraDocumentDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TesseraWorkbench *
tessera_document_details_get_workbench (TesseraDocumentDetails *self)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_DETAILS (self), NULL);

  return self->workbench;
}

void
tessera_document_details_set_workbench (TesseraDocumentDetails *self,
                                        TesseraWorkbench       *workbench)
{
  g_return_if_fail (TESSERA_IS_DOCUMENT_DETAILS (self));
  g_return_if_fail (workbench == NULL || TESSERA_IS_WORKBENCH (workbench));

  if (g_set_object (&self->workbench, workbench))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKBENCH]);
}
