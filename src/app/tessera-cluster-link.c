/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-cluster-link"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-cluster.h"
#include "tessera-cluster-link.h"
#include "tessera-cluster-popover.h"

struct _TesseraClusterLink
{
  GtkWidget              parent_instance;

  TesseraWorkbench      *workbench;
  gint64                 span_id;    /* what is linked: an entity span… */
  gint64                 event_id;   /* …or an event */

  /* Template widgets */
  GtkWidget             *box;
  GtkLabel              *name_label;
  GtkLabel              *caption_label;
  GtkMenuButton         *link_button;
  TesseraClusterPopover *popover;
  GtkWidget             *remove_button;
};

G_DEFINE_FINAL_TYPE (TesseraClusterLink, tessera_cluster_link, GTK_TYPE_WIDGET)

static void
on_removed (TesseraClusterLink *self)
{
  g_autoptr(GError) error = NULL;

  if (self->workbench == NULL || (self->span_id == 0 && self->event_id == 0))
    return;

  if (!tessera_history_remove_cluster_member (tessera_workbench_get_history (self->workbench),
                                              self->span_id, self->event_id, &error))
    tessera_workbench_report_error (self->workbench, error);
}

static char *
dup_caption (const TesseraCluster *cluster)
{
  if (cluster->kind == TESSERA_LABEL_EVENT)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u report of this event",
                                         "%u reports of this event", cluster->n_members),
                            cluster->n_members);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u mention of this entity",
                                       "%u mentions of this entity", cluster->n_members),
                          cluster->n_members);
}

/* --- GObject ------------------------------------------------------------- */

static void
tessera_cluster_link_dispose (GObject *object)
{
  TesseraClusterLink *self = TESSERA_CLUSTER_LINK (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_CLUSTER_LINK);
  g_clear_object (&self->workbench);

  G_OBJECT_CLASS (tessera_cluster_link_parent_class)->dispose (object);
}

static void
tessera_cluster_link_class_init (TesseraClusterLinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_cluster_link_dispose;

  g_type_ensure (TESSERA_TYPE_CLUSTER_POPOVER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tessera/Tessera/tessera-cluster-link.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraClusterLink, box);
  gtk_widget_class_bind_template_child (widget_class, TesseraClusterLink, name_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraClusterLink, caption_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraClusterLink, link_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraClusterLink, popover);
  gtk_widget_class_bind_template_child (widget_class, TesseraClusterLink, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_removed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tessera_cluster_link_init (TesseraClusterLink *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
tessera_cluster_link_show_member (TesseraClusterLink *self,
                                  TesseraWorkbench   *workbench,
                                  gint64              span_id,
                                  gint64              event_id)
{
  TesseraOpenDocument *document;
  g_autoptr(TesseraCluster) cluster = NULL;
  g_autofree char *accessible = NULL;
  gint64 cluster_id = 0;

  g_return_if_fail (TESSERA_IS_CLUSTER_LINK (self));
  g_return_if_fail (workbench == NULL || TESSERA_IS_WORKBENCH (workbench));
  g_return_if_fail (span_id == 0 || event_id == 0);

  g_set_object (&self->workbench, workbench);
  self->span_id = span_id;
  self->event_id = event_id;
  tessera_cluster_popover_set_member (self->popover, workbench, span_id, event_id);

  document = workbench ? tessera_workbench_get_open_document (workbench) : NULL;
  if (document != NULL)
    cluster_id = event_id > 0 ? tessera_open_document_get_event_cluster (document, event_id)
                              : tessera_open_document_get_span_cluster (document, span_id);
  /* Its name and size are the project's: it spans documents. */
  if (cluster_id > 0)
    cluster = tessera_project_get_cluster (tessera_workbench_get_project (workbench), cluster_id, NULL);

  if (cluster != NULL)
    {
      g_autofree char *caption = dup_caption (cluster);

      gtk_label_set_label (self->name_label, cluster->name);
      gtk_widget_remove_css_class (GTK_WIDGET (self->name_label), "dim-label");
      gtk_label_set_label (self->caption_label, caption);
      gtk_menu_button_set_label (self->link_button, _("Move…"));
    }
  else
    {
      gtk_label_set_label (self->name_label, _("Not linked"));
      gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "dim-label");
      gtk_menu_button_set_label (self->link_button, _("Link…"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->caption_label), cluster != NULL);
  gtk_widget_set_visible (self->remove_button, cluster != NULL);

  /* Translators: a field and its value, as screen readers read it: "Cluster: Battle — Kidal". */
  accessible = g_strdup_printf (_("%s: %s"), _("Cluster"), gtk_label_get_text (self->name_label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}
