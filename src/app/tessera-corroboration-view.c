/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-corroboration-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tessera-accessible.h"
#include "tessera-cluster.h"
#include "tessera-cluster-item.h"
#include "tessera-cluster-list.h"
#include "tessera-corroboration-table.h"
#include "tessera-coded-record.h"
#include "tessera-coded-record-editor.h"
#include "tessera-corroboration-view.h"

struct _TesseraCorroborationView
{
  GtkWidget           parent_instance;

  TesseraWorkbench   *workbench;
  GBindingGroup      *workbench_bindings;
  guint               refresh_id;
  gboolean            dirty;       /* changed while not shown */
  gboolean            updating;    /* filling the widgets from the store */

  TesseraClusterList *clusters;    /* of the workbench's project */
  GtkSingleSelection *cluster_selection;
  GtkFilter          *merge_filter; /* the clusters the shown one can merge into */
  gint64              cluster_id;  /* shown */
  char               *cluster_name;

  /* Template widgets */
  GtkStack           *stack;
  AdwStatusPage      *empty_page;
  GtkListView        *cluster_list;
  GtkLabel           *name_label;
  GtkLabel           *summary_label;
  GtkLabel           *record_label;
  TesseraSharedPassages *shared_passages;  /* which reports are copies, or NULL */
  GtkWidget          *record_button;
  TesseraCodedRecordEditor *record_editor;
  GtkWidget          *rename_button;
  GtkPopover         *rename_popover;
  GtkEntry           *rename_entry;
  GtkWidget          *merge_button;
  GtkPopover         *merge_popover;
  GtkListView        *merge_list;
  GtkWidget          *split_button;
  GtkPopover         *split_popover;
  GtkLabel           *split_label;
  GtkEntry           *split_entry;
  GtkWidget          *delete_button;
  GtkStack           *table_stack;
  TesseraCorroborationTable *table;
};

G_DEFINE_FINAL_TYPE (TesseraCorroborationView, tessera_corroboration_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WORKBENCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (TesseraCorroborationView *self);
static void load_table (TesseraCorroborationView *self);

static void
report (TesseraCorroborationView *self,
        const GError             *error)
{
  if (self->workbench != NULL)
    tessera_workbench_report_error (self->workbench, error);
}

static TesseraProject *
get_project (TesseraCorroborationView *self)
{
  return tessera_cluster_list_get_project (self->clusters);
}

static TesseraHistory *
get_history (TesseraCorroborationView *self)
{
  return self->workbench != NULL ? tessera_workbench_get_history (self->workbench) : NULL;
}

/* Opens a passage: the window shows the document with the span selected.
 * Without a window (a view on its own), the workbench does it. */
static void
open_passage (TesseraCorroborationView *self,
              gint64                    document_id,
              gint64                    span_id)
{
  if (gtk_widget_activate_action (GTK_WIDGET (self), "win.open-passage", "(xx)", document_id, span_id))
    return;

  if (self->workbench != NULL)
    {
      tessera_workbench_set_document_id (self->workbench, document_id);
      tessera_workbench_select_span (self->workbench, span_id);
    }
}

/* --- loading ------------------------------------------------------------------ */

static void
update_actions (TesseraCorroborationView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_cluster = self->cluster_id != 0;
  gboolean has_selection = FALSE;
  gboolean has_other = g_list_model_get_n_items (G_LIST_MODEL (self->clusters)) > 1;

  if (has_cluster)
    {
      GtkSelectionModel *rows = tessera_corroboration_table_get_rows (self->table);
      g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (rows);

      has_selection = !gtk_bitset_is_empty (selected);
    }

  gtk_widget_action_set_enabled (widget, "corroboration.rename", has_cluster);
  gtk_widget_action_set_enabled (widget, "corroboration.merge-into", has_cluster && has_other);
  gtk_widget_action_set_enabled (widget, "corroboration.delete", has_cluster);
  gtk_widget_action_set_enabled (widget, "corroboration.split", has_selection);
  gtk_widget_action_set_enabled (widget, "corroboration.remove-member", has_cluster);

  gtk_widget_set_sensitive (self->rename_button, has_cluster);
  gtk_widget_set_sensitive (self->merge_button, has_cluster && has_other);
  gtk_widget_set_sensitive (self->split_button, has_selection);
}

/* Lists the event clusters, keeping the one shown selected (or the first). */
static void
refresh (TesseraCorroborationView *self)
{
  g_autoptr(GError) error = NULL;
  guint n, position;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->dirty = FALSE;

  self->updating = TRUE;
  if (!tessera_cluster_list_load (self->clusters, &error))
    report (self, error);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->clusters));
  position = tessera_cluster_list_find (self->clusters, self->cluster_id);
  if (position == GTK_INVALID_LIST_POSITION && n > 0)
    position = 0;
  gtk_single_selection_set_selected (self->cluster_selection, position);
  self->updating = FALSE;

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "clusters" : "empty");
  if (get_project (self) == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("No Project Open"));
      adw_status_page_set_description (self->empty_page, _("Open a project to compare its reports"));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Linked Events Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Select an event and link it to a cluster in the inspector: the "
                                         "reports of one event then line up here, outlet by outlet."));
    }

  load_table (self);
}

static gboolean
refresh_idle (gpointer data)
{
  TesseraCorroborationView *self = data;

  self->refresh_id = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

/* Rebuilt when shown; a hidden view only remembers that it must be. */
static void
queue_refresh (TesseraCorroborationView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_idle, self, NULL);
}

/* The cluster coded as one record, beside its reports. */
static void
show_record (TesseraCorroborationView *self,
             guint                     n_reports)
{
  TesseraDuplicates *duplicates = NULL;
  g_autoptr(TesseraCodedEvent) record = NULL;
  g_autofree char *markup = NULL;

  if (self->shared_passages != NULL && tessera_shared_passages_get_ready (self->shared_passages))
    duplicates = tessera_shared_passages_get_duplicates (self->shared_passages);
  /* From the table shown: the reports are read once. */
  if (n_reports > 0 && get_project (self) != NULL &&
      tessera_corroboration_table_get_columns (self->table) != NULL)
    record = tessera_coded_event_build_from_table (get_project (self), duplicates, self->cluster_id,
                                                   tessera_corroboration_table_get_columns (self->table),
                                                   G_LIST_MODEL (tessera_corroboration_table_get_rows (self->table)),
                                                   NULL);

  markup = record ? tessera_coded_record_describe (record, duplicates != NULL) : NULL;
  gtk_label_set_markup (self->record_label, markup ? markup : "");
  gtk_widget_set_visible (GTK_WIDGET (self->record_label), markup != NULL);
  /* Not while the analyst types in it. */
  if (!gtk_widget_get_visible (GTK_WIDGET (self->record_editor)))
    tessera_coded_record_editor_set_record (self->record_editor, record);
  gtk_widget_set_sensitive (self->record_button, record != NULL);
}

/* Loads the table of the selected cluster, keeping the selected rows. */
static void
load_table (TesseraCorroborationView *self)
{
  TesseraClusterItem *item = gtk_single_selection_get_selected_item (self->cluster_selection);
  gint64 shown = self->cluster_id;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  guint n;

  self->cluster_id = item != NULL ? tessera_cluster_item_get_id (item) : 0;
  g_free (self->cluster_name);
  self->cluster_name = item != NULL ? g_strdup (tessera_cluster_item_get_name (item)) : NULL;

  if (!tessera_corroboration_table_load (self->table, get_project (self), self->cluster_id,
                                         item != NULL && self->cluster_id == shown, &error))
    report (self, error);

  n = g_list_model_get_n_items (G_LIST_MODEL (tessera_corroboration_table_get_rows (self->table)));
  summary = tessera_corroboration_table_dup_summary (self->table);
  gtk_label_set_label (self->name_label, self->cluster_name != NULL ? self->cluster_name : "");
  gtk_label_set_label (self->summary_label, summary);
  show_record (self, n);
  gtk_stack_set_visible_child_name (self->table_stack, n > 0 ? "table" : "no-members");
  update_actions (self);
}

/* --- user actions ---------------------------------------------------------- */

static void
on_cluster_selected (TesseraCorroborationView *self)
{
  if (self->updating)
    return;
  load_table (self);
}

static void
on_rows_selection_changed (TesseraCorroborationView *self)
{
  update_actions (self);
}

static void
on_rename_popover_show (TesseraCorroborationView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->rename_entry), self->cluster_name ? self->cluster_name : "");
  gtk_widget_grab_focus (GTK_WIDGET (self->rename_entry));
}

static void
on_rename_confirmed (TesseraCorroborationView *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->rename_entry));

  gtk_popover_popdown (self->rename_popover);
  gtk_widget_activate_action (GTK_WIDGET (self), "corroboration.rename", "s", name);
}

/* Any cluster but the one shown. */
static gboolean
is_merge_target (gpointer item,
                 gpointer user_data)
{
  TesseraCorroborationView *self = user_data;

  return tessera_cluster_item_get_id (item) != self->cluster_id;
}

static void
on_merge_popover_show (TesseraCorroborationView *self)
{
  gtk_filter_changed (self->merge_filter, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_merge_activated (TesseraCorroborationView *self,
                    guint                     position)
{
  GListModel *targets = G_LIST_MODEL (gtk_list_view_get_model (self->merge_list));
  g_autoptr(TesseraClusterItem) item = g_list_model_get_item (targets, position);

  gtk_popover_popdown (self->merge_popover);
  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "corroboration.merge-into", "x",
                                tessera_cluster_item_get_id (item));
}

static void
on_split_popover_show (TesseraCorroborationView *self)
{
  GtkSelectionModel *rows = tessera_corroboration_table_get_rows (self->table);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (rows);
  guint64 n = gtk_bitset_get_size (selected);
  g_autofree char *heading = NULL;
  g_autofree char *name = NULL;

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Move %u report to a new cluster",
                                          "Move %u reports to a new cluster", n),
                             (guint) n);
  gtk_label_set_label (self->split_label, heading);
  /* Translators: the name a cluster split off another gets at first. */
  name = g_strdup_printf (_("%s (split)"), self->cluster_name ? self->cluster_name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->split_entry), name);
  gtk_widget_grab_focus (GTK_WIDGET (self->split_entry));
}

static void
on_split_confirmed (TesseraCorroborationView *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->split_entry));

  gtk_popover_popdown (self->split_popover);
  gtk_widget_activate_action (GTK_WIDGET (self), "corroboration.split", "s", name);
}

static void
rename_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  TesseraCorroborationView *self = TESSERA_CORROBORATION_VIEW (widget);
  TesseraHistory *history = get_history (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_variant_dup_string (param, NULL));

  if (history == NULL || self->cluster_id == 0 || g_strcmp0 (name, self->cluster_name) == 0)
    return;
  if (!tessera_history_rename_cluster (history, self->cluster_id, name, &error))
    report (self, error);
}

/* @param: a{ss}, each field of the record and what the analyst typed. */
static void
set_coded_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TesseraCorroborationView *self = TESSERA_CORROBORATION_VIEW (widget);
  TesseraHistory *history = get_history (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  GVariantIter iter;
  char *field, *value;

  if (history == NULL || self->cluster_id == 0)
    return;
  g_variant_iter_init (&iter, param);
  while (g_variant_iter_next (&iter, "{ss}", &field, &value))
    {
      g_ptr_array_add (fields, field);
      g_ptr_array_add (values, value);
    }
  g_ptr_array_add (fields, NULL);
  g_ptr_array_add (values, NULL);

  if (!tessera_history_set_coded_fields (history, self->cluster_id, (const char * const *) fields->pdata,
                                         (const char * const *) values->pdata, &error))
    report (self, error);
}

static void
merge_into_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  TesseraCorroborationView *self = TESSERA_CORROBORATION_VIEW (widget);
  TesseraHistory *history = get_history (self);
  g_autoptr(GError) error = NULL;
  gint64 into = g_variant_get_int64 (param);
  gint64 from = self->cluster_id;

  if (history == NULL || from == 0 || into == from)
    return;
  /* The merged cluster is gone: show the one it went into. */
  self->cluster_id = into;
  if (!tessera_history_merge_clusters (history, into, from, &error))
    {
      self->cluster_id = from;
      report (self, error);
    }
  refresh (self);
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  TesseraCorroborationView *self = TESSERA_CORROBORATION_VIEW (widget);
  TesseraHistory *history = get_history (self);
  g_autoptr(GError) error = NULL;
  guint position = gtk_single_selection_get_selected (self->cluster_selection);
  gint64 next = 0;

  if (history == NULL || self->cluster_id == 0)
    return;

  /* The cluster after it takes its place, or the one before. */
  if (position != GTK_INVALID_LIST_POSITION)
    {
      g_autoptr(TesseraClusterItem) after = g_list_model_get_item (G_LIST_MODEL (self->clusters), position + 1);
      g_autoptr(TesseraClusterItem) before = position > 0
        ? g_list_model_get_item (G_LIST_MODEL (self->clusters), position - 1) : NULL;

      next = after != NULL ? tessera_cluster_item_get_id (after)
           : before != NULL ? tessera_cluster_item_get_id (before) : 0;
    }

  if (!tessera_history_delete_cluster (history, self->cluster_id, &error))
    {
      report (self, error);
      return;
    }
  self->cluster_id = next;
  refresh (self);
}

static void
split_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  TesseraCorroborationView *self = TESSERA_CORROBORATION_VIEW (widget);
  TesseraHistory *history = get_history (self);
  GtkSelectionModel *rows;
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GArray) members = g_array_new (FALSE, TRUE, sizeof (TesseraClusterMember));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_variant_dup_string (param, NULL));
  GtkBitsetIter iter;
  guint position;

  if (history == NULL || self->cluster_id == 0)
    return;

  rows = tessera_corroboration_table_get_rows (self->table);
  selected = gtk_selection_model_get_selection (rows);
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(TesseraCorroborationRow) row = g_list_model_get_item (G_LIST_MODEL (rows), position);
      TesseraClusterMember member = { 0 };

      if (row == NULL)
        continue;
      member.cluster_id = self->cluster_id;
      member.event_id = tessera_corroboration_row_get_event_id (row);
      member.document_id = tessera_corroboration_row_get_document_id (row);
      g_array_append_val (members, member);
    }
  if (members->len == 0)
    return;

  if (tessera_history_split_cluster (history, self->cluster_id,
                                     (const TesseraClusterMember *) (gpointer) members->data,
                                     members->len, name, &error) == 0)
    report (self, error);
}

static void
open_passage_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  gint64 document_id, span_id;

  g_variant_get (param, "(xx)", &document_id, &span_id);
  open_passage (TESSERA_CORROBORATION_VIEW (widget), document_id, span_id);
}

static void
remove_member_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  TesseraCorroborationView *self = TESSERA_CORROBORATION_VIEW (widget);
  TesseraHistory *history = get_history (self);
  g_autoptr(GError) error = NULL;

  if (history == NULL)
    return;
  if (!tessera_history_remove_cluster_member (history, 0, g_variant_get_int64 (param), &error))
    report (self, error);
}

/* --- following the workbench ------------------------------------------------ */

static void
on_clusters_stale (TesseraCorroborationView *self)
{
  if (tessera_cluster_list_get_stale (self->clusters))
    queue_refresh (self);
}

/* Nothing of the old project stays listed; the new one is read when the
 * view is shown. */
static void
on_clusters_project (TesseraCorroborationView *self)
{
  self->cluster_id = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
  else
    {
      g_clear_handle_id (&self->refresh_id, g_source_remove);
      self->dirty = TRUE;
      load_table (self);
    }
}

/* --- GObject ---------------------------------------------------------------- */

static void
tessera_corroboration_view_map (GtkWidget *widget)
{
  TesseraCorroborationView *self = TESSERA_CORROBORATION_VIEW (widget);

  GTK_WIDGET_CLASS (tessera_corroboration_view_parent_class)->map (widget);

  if (self->dirty)
    refresh (self);
}

/* Focus goes to the list of clusters, where the keyboard starts. */
static gboolean
tessera_corroboration_view_grab_focus (GtkWidget *widget)
{
  TesseraCorroborationView *self = TESSERA_CORROBORATION_VIEW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "clusters") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->cluster_list));

  return FALSE;
}

static void
tessera_corroboration_view_dispose (GObject *object)
{
  TesseraCorroborationView *self = TESSERA_CORROBORATION_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->shared_passages != NULL)
    g_signal_handlers_disconnect_by_data (self->shared_passages, self);
  g_clear_object (&self->shared_passages);
  g_binding_group_set_source (self->workbench_bindings, NULL);
  g_clear_object (&self->workbench);
  if (self->clusters != NULL)
    g_signal_handlers_disconnect_by_data (self->clusters, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_CORROBORATION_VIEW);

  g_clear_object (&self->cluster_selection);
  g_clear_object (&self->merge_filter);
  g_clear_object (&self->clusters);
  g_clear_object (&self->workbench_bindings);

  G_OBJECT_CLASS (tessera_corroboration_view_parent_class)->dispose (object);
}

static void
tessera_corroboration_view_finalize (GObject *object)
{
  TesseraCorroborationView *self = TESSERA_CORROBORATION_VIEW (object);

  g_clear_pointer (&self->cluster_name, g_free);

  G_OBJECT_CLASS (tessera_corroboration_view_parent_class)->finalize (object);
}

static void
tessera_corroboration_view_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  TesseraCorroborationView *self = TESSERA_CORROBORATION_VIEW (object);

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
tessera_corroboration_view_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  TesseraCorroborationView *self = TESSERA_CORROBORATION_VIEW (object);

  switch (prop_id)
    {
    case PROP_WORKBENCH:
      tessera_corroboration_view_set_workbench (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_corroboration_view_class_init (TesseraCorroborationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_corroboration_view_dispose;
  object_class->finalize = tessera_corroboration_view_finalize;
  object_class->get_property = tessera_corroboration_view_get_property;
  object_class->set_property = tessera_corroboration_view_set_property;
  widget_class->map = tessera_corroboration_view_map;
  widget_class->grab_focus = tessera_corroboration_view_grab_focus;

  properties[PROP_WORKBENCH] =
    g_param_spec_object ("workbench", NULL, NULL, TESSERA_TYPE_WORKBENCH,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Named in the templates. */
  g_type_ensure (TESSERA_TYPE_CLUSTER_ITEM);
  g_type_ensure (TESSERA_TYPE_CORROBORATION_TABLE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tessera/Tessera/tessera-corroboration-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, stack);
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, cluster_list);
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, name_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, record_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, record_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, rename_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, rename_popover);
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, rename_entry);
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, merge_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, merge_popover);
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, merge_list);
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, split_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, split_popover);
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, split_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, split_entry);
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, delete_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, table_stack);
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, table);
  gtk_widget_class_bind_template_callback (widget_class, on_rename_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_rename_confirmed);
  gtk_widget_class_bind_template_callback (widget_class, on_merge_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_merge_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_split_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_split_confirmed);

  gtk_widget_class_install_action (widget_class, "corroboration.rename", "s", rename_activated);
  gtk_widget_class_install_action (widget_class, "corroboration.set-coded", "a{ss}", set_coded_activated);
  gtk_widget_class_install_action (widget_class, "corroboration.merge-into", "x", merge_into_activated);
  gtk_widget_class_install_action (widget_class, "corroboration.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "corroboration.split", "s", split_activated);
  gtk_widget_class_install_action (widget_class, "corroboration.remove-member", "x",
                                   remove_member_activated);
  gtk_widget_class_install_action (widget_class, "corroboration.open-passage", "(xx)",
                                   open_passage_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "corroboration");
}

/* --- rows of the lists of clusters ------------------------------------------ */

static void
on_cluster_row_setup (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      gpointer                  user_data)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/app/tessera/Tessera/tessera-cluster-list-item.ui");

  gtk_list_item_set_child (list_item, GTK_WIDGET (gtk_builder_get_object (builder, "row")));
}

/* The name and the summary, and both for screen readers. */
static void
on_cluster_row_bind (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  TesseraClusterItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  const char *name = tessera_cluster_item_get_name (item);
  const char *summary = tessera_cluster_item_get_summary (item);
  /* Translators: a cluster's row as a screen reader says it, its name and
   * its summary: "Battle — Tin-Azrou, 4 reports · Sahel Courier". */
  g_autofree char *spoken = g_strdup_printf (_("%s, %s"), name, summary);

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (row)), name);
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (row)), summary);
  tessera_accessible_name_list_row (row, spoken);
}

static void
on_cluster_row_unbind (GtkSignalListItemFactory *factory,
                       GtkListItem              *list_item,
                       gpointer                  user_data)
{
  tessera_accessible_name_list_row (gtk_list_item_get_child (list_item), NULL);
}

/* The rows of both lists of clusters. */
static GtkListItemFactory *
cluster_row_factory (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_cluster_row_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_cluster_row_bind), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_cluster_row_unbind), NULL);

  return factory;
}

static void
tessera_corroboration_view_init (TesseraCorroborationView *self)
{
  g_autoptr(GtkListItemFactory) cluster_factory = cluster_row_factory ();
  g_autoptr(GtkFilterListModel) merge_targets = NULL;
  g_autoptr(GtkNoSelection) merge_selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->record_editor = TESSERA_CODED_RECORD_EDITOR (tessera_coded_record_editor_new ());
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->record_button), GTK_WIDGET (self->record_editor));

  self->clusters = tessera_cluster_list_new ();
  g_signal_connect_object (self->clusters, "notify::project", G_CALLBACK (on_clusters_project),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->clusters, "notify::stale", G_CALLBACK (on_clusters_stale),
                           self, G_CONNECT_SWAPPED);
  /* The list follows the workbench's project. */
  self->workbench_bindings = g_binding_group_new ();
  g_binding_group_bind (self->workbench_bindings, "project", self->clusters, "project",
                        G_BINDING_SYNC_CREATE);

  self->cluster_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->clusters)));
  gtk_single_selection_set_can_unselect (self->cluster_selection, FALSE);
  g_signal_connect_object (self->cluster_selection, "notify::selected",
                           G_CALLBACK (on_cluster_selected), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->cluster_list, GTK_SELECTION_MODEL (self->cluster_selection));
  gtk_list_view_set_factory (self->cluster_list, cluster_factory);
  gtk_list_view_set_factory (self->merge_list, cluster_factory);

  self->merge_filter = GTK_FILTER (gtk_custom_filter_new (is_merge_target, self, NULL));
  merge_targets = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->clusters)),
                                             g_object_ref (self->merge_filter));
  merge_selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&merge_targets)));
  gtk_list_view_set_model (self->merge_list, GTK_SELECTION_MODEL (merge_selection));

  g_signal_connect_object (tessera_corroboration_table_get_rows (self->table), "selection-changed",
                           G_CALLBACK (on_rows_selection_changed), self, G_CONNECT_SWAPPED);

  refresh (self);
}

/* --- public ----------------------------------------------------------------- */

TesseraWorkbench *
tessera_corroboration_view_get_workbench (TesseraCorroborationView *self)
{
  g_return_val_if_fail (TESSERA_IS_CORROBORATION_VIEW (self), NULL);

  return self->workbench;
}

void
tessera_corroboration_view_set_workbench (TesseraCorroborationView *self,
                                          TesseraWorkbench         *workbench)
{
  g_return_if_fail (TESSERA_IS_CORROBORATION_VIEW (self));
  g_return_if_fail (workbench == NULL || TESSERA_IS_WORKBENCH (workbench));

  if (!g_set_object (&self->workbench, workbench))
    return;
  g_binding_group_set_source (self->workbench_bindings, workbench);
  /* Without a workbench, no project (a binding group leaves the last one). */
  if (workbench == NULL)
    tessera_cluster_list_set_project (self->clusters, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKBENCH]);
}

gint64
tessera_corroboration_view_get_cluster (TesseraCorroborationView *self)
{
  g_return_val_if_fail (TESSERA_IS_CORROBORATION_VIEW (self), 0);

  return self->cluster_id;
}

void
tessera_corroboration_view_set_cluster (TesseraCorroborationView *self,
                                        gint64                    cluster_id)
{
  guint position;

  g_return_if_fail (TESSERA_IS_CORROBORATION_VIEW (self));

  /* Pending changes first, so the cluster is listed. */
  if (self->dirty || self->refresh_id != 0)
    refresh (self);

  if ((position = tessera_cluster_list_find (self->clusters, cluster_id)) != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->cluster_selection, position);
}

GArray *
tessera_corroboration_view_list_clusters (TesseraCorroborationView *self)
{
  GArray *ids;
  guint n;

  g_return_val_if_fail (TESSERA_IS_CORROBORATION_VIEW (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->clusters));
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraClusterItem) item = g_list_model_get_item (G_LIST_MODEL (self->clusters), i);

      gint64 id = tessera_cluster_item_get_id (item);

      g_array_append_val (ids, id);
    }

  return ids;
}

GtkSelectionModel *
tessera_corroboration_view_get_rows (TesseraCorroborationView *self)
{
  g_return_val_if_fail (TESSERA_IS_CORROBORATION_VIEW (self), NULL);

  return tessera_corroboration_table_get_rows (self->table);
}

int
tessera_corroboration_view_get_column (TesseraCorroborationView *self,
                                       const char               *key)
{
  g_return_val_if_fail (TESSERA_IS_CORROBORATION_VIEW (self), -1);
  g_return_val_if_fail (key != NULL, -1);

  for (guint c = 0; c < tessera_corroboration_table_get_n_columns (self->table); c++)
    if (g_str_equal (tessera_corroboration_table_get_column (self->table, c)->key, key))
      return (int) c;

  return -1;
}

GStrv
tessera_corroboration_view_get_disagreements (TesseraCorroborationView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (TESSERA_IS_CORROBORATION_VIEW (self), NULL);

  for (guint c = 0; c < tessera_corroboration_table_get_n_columns (self->table); c++)
    {
      const TesseraCorroborationColumn *column = tessera_corroboration_table_get_column (self->table, c);

      if (column->disagrees)
        g_strv_builder_add (builder, column->key);
    }

  return g_strv_builder_end (builder);
}

void
tessera_corroboration_view_set_shared_passages (TesseraCorroborationView *self,
                                                TesseraSharedPassages    *shared_passages)
{
  g_return_if_fail (TESSERA_IS_CORROBORATION_VIEW (self));

  if (self->shared_passages != NULL)
    g_signal_handlers_disconnect_by_data (self->shared_passages, self);
  g_set_object (&self->shared_passages, shared_passages);
  /* Found later: the independent sources come then. */
  if (shared_passages != NULL)
    g_signal_connect_object (shared_passages, "notify::ready", G_CALLBACK (load_table), self, G_CONNECT_SWAPPED);
}
