/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-cluster-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-cluster.h"
#include "tessera-cluster-popover.h"
#include "tessera-corroboration.h"

struct _TesseraClusterPopover
{
  GtkPopover        parent_instance;

  TesseraWorkbench *workbench;
  gint64            span_id;     /* what it links: an entity span… */
  gint64            event_id;    /* …or an event */

  /* Template widgets */
  GtkLabel         *list_heading;
  GtkWidget        *scroller;
  GtkListBox       *list;
  GtkEntry         *name_entry;
};

G_DEFINE_FINAL_TYPE (TesseraClusterPopover, tessera_cluster_popover, GTK_TYPE_POPOVER)

static gboolean
has_member (TesseraClusterPopover *self)
{
  return self->workbench != NULL && (self->span_id > 0 || self->event_id > 0);
}

static GtkWidget *
create_row (const TesseraCluster *cluster)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (cluster->name);
  g_autofree char *members = g_strdup_printf ("%u", cluster->n_members);
  GtkWidget *count = gtk_label_new (members);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "caption");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), count);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, cluster->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  cluster->name, -1);
  g_object_set_data_full (G_OBJECT (row), "tessera-cluster-id",
                          g_memdup2 (&cluster->id, sizeof cluster->id), g_free);

  return row;
}

/* The clusters of the member's kind but its own, and a name for a new one. */
static void
fill (TesseraClusterPopover *self)
{
  g_autoptr(GPtrArray) clusters = NULL;
  g_autofree char *name = NULL;
  TesseraOpenDocument *document;
  TesseraProject *project;
  GtkWidget *child;
  gint64 current;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  if (!has_member (self) ||
      !(project = tessera_workbench_get_project (self->workbench)) ||
      !(document = tessera_workbench_get_open_document (self->workbench)))
    return;

  current = self->event_id > 0 ? tessera_open_document_get_event_cluster (document, self->event_id)
                               : tessera_open_document_get_span_cluster (document, self->span_id);
  clusters = tessera_project_list_clusters (project,
                                            self->event_id > 0 ? TESSERA_LABEL_EVENT
                                                               : TESSERA_LABEL_ENTITY,
                                            NULL);
  for (guint i = 0; clusters != NULL && i < clusters->len; i++)
    {
      const TesseraCluster *cluster = g_ptr_array_index (clusters, i);

      if (cluster->id == current)
        continue;
      gtk_list_box_append (self->list, create_row (cluster));
      n++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list_heading), n > 0);
  gtk_widget_set_visible (self->scroller, n > 0);

  name = tessera_cluster_suggest_name (project, tessera_open_document_get_document (document),
                                       self->span_id, self->event_id);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name);
  if (n == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

static void
on_row_activated (TesseraClusterPopover *self,
                  GtkListBoxRow         *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "tessera-cluster-id");
  g_autoptr(GError) error = NULL;

  gtk_popover_popdown (GTK_POPOVER (self));
  if (id == NULL || !has_member (self))
    return;

  if (!tessera_history_add_cluster_member (tessera_workbench_get_history (self->workbench),
                                           *id, self->span_id, self->event_id, &error))
    tessera_workbench_report_error (self->workbench, error);
}

static void
on_create (TesseraClusterPopover *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  g_autoptr(GError) error = NULL;
  TesseraHistory *history;
  gint64 cluster_id;
  gboolean ok;

  if (!has_member (self))
    return;
  gtk_popover_popdown (GTK_POPOVER (self));

  /* One undo step: undoing it takes the new cluster away too. */
  history = tessera_workbench_get_history (self->workbench);
  if (!tessera_history_begin_group (history, _("Link to New Cluster"), &error))
    {
      tessera_workbench_report_error (self->workbench, error);
      return;
    }
  ok = (cluster_id = tessera_history_add_cluster (history,
                                                  self->event_id > 0 ? TESSERA_LABEL_EVENT
                                                                     : TESSERA_LABEL_ENTITY,
                                                  name, &error)) > 0 &&
       tessera_history_add_cluster_member (history, cluster_id, self->span_id, self->event_id, &error);
  if (!tessera_history_end_group (history, ok, ok ? &error : NULL) || !ok)
    tessera_workbench_report_error (self->workbench, error);
}

/* --- GObject ------------------------------------------------------------- */

static void
tessera_cluster_popover_show (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (tessera_cluster_popover_parent_class)->show (widget);

  /* Filled each time it opens: clusters come and go elsewhere. */
  fill (TESSERA_CLUSTER_POPOVER (widget));
}

static void
tessera_cluster_popover_dispose (GObject *object)
{
  TesseraClusterPopover *self = TESSERA_CLUSTER_POPOVER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_CLUSTER_POPOVER);
  g_clear_object (&self->workbench);

  G_OBJECT_CLASS (tessera_cluster_popover_parent_class)->dispose (object);
}

static void
tessera_cluster_popover_class_init (TesseraClusterPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_cluster_popover_dispose;
  widget_class->show = tessera_cluster_popover_show;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tessera/Tessera/tessera-cluster-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraClusterPopover, list_heading);
  gtk_widget_class_bind_template_child (widget_class, TesseraClusterPopover, scroller);
  gtk_widget_class_bind_template_child (widget_class, TesseraClusterPopover, list);
  gtk_widget_class_bind_template_child (widget_class, TesseraClusterPopover, name_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_create);
}

static void
tessera_cluster_popover_init (TesseraClusterPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
tessera_cluster_popover_set_member (TesseraClusterPopover *self,
                                    TesseraWorkbench      *workbench,
                                    gint64                 span_id,
                                    gint64                 event_id)
{
  g_return_if_fail (TESSERA_IS_CLUSTER_POPOVER (self));
  g_return_if_fail (workbench == NULL || TESSERA_IS_WORKBENCH (workbench));
  g_return_if_fail (span_id == 0 || event_id == 0);

  g_set_object (&self->workbench, workbench);
  self->span_id = span_id;
  self->event_id = event_id;
}
