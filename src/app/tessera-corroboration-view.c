/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-corroboration-view"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "tessera-cluster.h"
#include "tessera-cluster-row.h"
#include "tessera-corroboration-view.h"
#include "tessera-dates.h"

/* --- the clusters listed on the left --------------------------------------- */

#define TESSERA_TYPE_CLUSTER_ITEM (tessera_cluster_item_get_type ())
G_DECLARE_FINAL_TYPE (TesseraClusterItem, tessera_cluster_item, TESSERA, CLUSTER_ITEM, GObject)

struct _TesseraClusterItem
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  char    *summary;   /* "3 reports · Sahel Courier, The Meridian Post" */
};

G_DEFINE_FINAL_TYPE (TesseraClusterItem, tessera_cluster_item, G_TYPE_OBJECT)

static void
tessera_cluster_item_finalize (GObject *object)
{
  TesseraClusterItem *self = TESSERA_CLUSTER_ITEM (object);

  g_free (self->name);
  g_free (self->summary);

  G_OBJECT_CLASS (tessera_cluster_item_parent_class)->finalize (object);
}

static void
tessera_cluster_item_class_init (TesseraClusterItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tessera_cluster_item_finalize;
}

static void
tessera_cluster_item_init (TesseraClusterItem *self)
{
}

/* --- the view ----------------------------------------------------------------- */

/* Columns of the table before and after the cluster's own. */
typedef enum
{
  EXTRA_SELECT,
  EXTRA_OUTLET,
  EXTRA_DATE,
  EXTRA_REMOVE,
} ExtraColumn;

struct _TesseraCorroborationView
{
  GtkWidget           parent_instance;

  TesseraWorkbench   *workbench;
  TesseraProject     *project;
  guint               refresh_id;
  gboolean            dirty;       /* changed while not shown */
  gboolean            updating;    /* filling the widgets from the store */

  GListStore         *clusters;    /* TesseraClusterItem */
  GtkSingleSelection *cluster_selection;
  gint64              cluster_id;  /* shown */
  char               *cluster_name;
  GHashTable         *documents;   /* gint64* ids of the documents of listed clusters */

  GPtrArray          *columns;     /* TesseraClusterColumn*, of the table shown */
  char               *columns_signature;
  GListStore         *rows;        /* TesseraClusterRow */
  GtkMultiSelection  *row_selection;

  /* Template widgets */
  GtkStack           *stack;
  GtkLabel           *empty_label;
  GtkListView        *cluster_list;
  GtkLabel           *name_label;
  GtkLabel           *summary_label;
  GtkWidget          *rename_button;
  GtkPopover         *rename_popover;
  GtkEntry           *rename_entry;
  GtkWidget          *merge_button;
  GtkPopover         *merge_popover;
  GtkListBox         *merge_list;
  GtkWidget          *split_button;
  GtkPopover         *split_popover;
  GtkLabel           *split_label;
  GtkEntry           *split_entry;
  GtkWidget          *delete_button;
  GtkStack           *table_stack;
  GtkColumnView      *table;
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

/* "3 reports · Sahel Courier, The Meridian Post"; notes the documents. */
static char *
describe_cluster (TesseraProject *project,
                  gint64          cluster_id,
                  GHashTable     *documents,
                  GHashTable     *sources)
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

      source = g_hash_table_lookup (sources, &m->document_id);
      if (source == NULL)
        {
          g_autoptr(TesseraDocument) doc = tessera_project_get_document (project, m->document_id,
                                                                         FALSE, NULL);

          source = doc == NULL ? "" : doc->source != NULL && *doc->source != '\0' ? doc->source
                                    : doc->title != NULL ? doc->title : "";
          g_hash_table_insert (sources, g_memdup2 (&m->document_id, sizeof (gint64)), g_strdup (source));
          source = g_hash_table_lookup (sources, &m->document_id);
        }
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

static void
update_actions (TesseraCorroborationView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_cluster = self->cluster_id != 0;
  gboolean has_selection = FALSE;
  gboolean has_other = g_list_model_get_n_items (G_LIST_MODEL (self->clusters)) > 1;

  if (has_cluster)
    {
      g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->row_selection));

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
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) sources = NULL;
  g_autoptr(GError) error = NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->dirty = FALSE;
  g_hash_table_remove_all (self->documents);

  if (self->project != NULL &&
      !(clusters = tessera_project_list_clusters (self->project, TESSERA_LABEL_EVENT, &error)))
    report (self, error);

  sources = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; clusters != NULL && i < clusters->len; i++)
    {
      const TesseraCluster *cluster = g_ptr_array_index (clusters, i);
      TesseraClusterItem *item = g_object_new (TESSERA_TYPE_CLUSTER_ITEM, NULL);

      item->id = cluster->id;
      item->name = g_strdup (cluster->name);
      item->summary = describe_cluster (self->project, cluster->id, self->documents, sources);
      if (cluster->id == self->cluster_id)
        position = i;
      g_ptr_array_add (items, item);
    }

  self->updating = TRUE;
  g_list_store_splice (self->clusters, 0, g_list_model_get_n_items (G_LIST_MODEL (self->clusters)),
                       items->pdata, items->len);
  if (position == GTK_INVALID_LIST_POSITION && items->len > 0)
    position = 0;
  gtk_single_selection_set_selected (self->cluster_selection, position);
  self->updating = FALSE;

  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "clusters" : "empty");
  gtk_label_set_label (self->empty_label,
                       self->project == NULL
                         ? _("Open a project to compare its reports")
                         : _("No linked events yet — select an event and link it to a cluster in the inspector"));

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

/* --- table cells ------------------------------------------------------------- */

static TesseraClusterRow *
list_item_row (GtkListItem *list_item)
{
  return gtk_list_item_get_item (list_item);
}

static void
remove_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

/* A label that wraps between words, at most @max_width characters wide
 * and at least @min_width (-1: its longest word), so that a column is
 * never narrower than a word and the table scrolls sideways rather than
 * breaking one. */
static GtkWidget *
cell_label (const char *text,
            int         min_width,
            int         max_width)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_label_set_width_chars (GTK_LABEL (label), min_width);
  gtk_label_set_max_width_chars (GTK_LABEL (label), max_width);

  return label;
}

static void
on_passage_clicked (GtkButton                *button,
                    TesseraCorroborationView *self)
{
  gint64 *ids = g_object_get_data (G_OBJECT (button), "tessera-passage");

  if (ids != NULL)
    open_passage (self, ids[0], ids[1]);
}

/* A text that opens its passage when clicked. */
/* What a screen reader says for a cell, and what the others say when it
 * differs from them (sighted users see the tint and the tooltip). */
static void
describe_cell (GtkWidget                *widget,
               const char               *column,
               const char               *text,
               const TesseraClusterCell *cell)
{
  g_autofree char *name = cell->disagrees
    /* Translators: a cell that differs from other reports, as a screen reader says it. */
    ? g_strdup_printf (_("%s: %s, differs from other reports"), column, text)
    /* Translators: what a screen reader says for a cell: "Casualties: 12 soldiers". */
    : g_strdup_printf (_("%s: %s"), column, text);

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (cell->others != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    cell->others, -1);
}

static GtkWidget *
passage_button (TesseraCorroborationView *self,
                int                       min_width,
                int                       max_width,
                const char               *column,
                const char               *text,
                gint64                    document_id,
                gint64                    span_id,
                const TesseraClusterCell *cell)
{
  GtkWidget *button = gtk_button_new ();
  gint64 *ids = g_new (gint64, 2);

  ids[0] = document_id;
  ids[1] = span_id;
  g_object_set_data_full (G_OBJECT (button), "tessera-passage", ids, g_free);
  gtk_button_set_child (GTK_BUTTON (button), cell_label (text, min_width, max_width));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "passage");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, cell->others != NULL ? cell->others : _("Open this passage"));
  describe_cell (button, column, text, cell);
  g_signal_connect (button, "clicked", G_CALLBACK (on_passage_clicked), self);

  return button;
}

static void
on_cell_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  gtk_widget_add_css_class (box, "cluster-cell");
  gtk_list_item_set_child (list_item, box);
}

static gboolean
is_claim (const char *realis)
{
  return realis != NULL && !g_str_equal (realis, "actual");
}

/* A column of the cluster's: the texts of the cell, each opening its
 * span; flagged with a warning when other reports say otherwise. */
static void
on_cell_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  TesseraCorroborationView *self = g_object_get_data (G_OBJECT (factory), "tessera-view");
  guint index = GPOINTER_TO_UINT (user_data);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  TesseraClusterRow *row = list_item_row (list_item);
  const TesseraClusterColumn *column;
  const TesseraClusterCell *cell;
  GtkWidget *lines;
  gboolean italic = FALSE;

  remove_children (box);
  gtk_widget_remove_css_class (box, "disagrees");
  gtk_widget_set_tooltip_text (box, NULL);
  if (self == NULL || row == NULL || self->columns == NULL || index >= self->columns->len)
    return;

  column = g_ptr_array_index (self->columns, index);
  cell = tessera_cluster_row_get_cell (row, index);

  if (cell->disagrees)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (box, "disagrees");
      gtk_widget_add_css_class (icon, "disagreement-icon");
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (box), icon);
    }
  gtk_widget_set_tooltip_text (box, cell->others);

  lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (lines, TRUE);
  gtk_box_append (GTK_BOX (box), lines);

  switch (column->kind)
    {
    case TESSERA_CLUSTER_COLUMN_TRIGGER:
      italic = is_claim (tessera_cluster_row_get_realis (row));
      break;
    case TESSERA_CLUSTER_COLUMN_REALIS:
      italic = is_claim (tessera_cluster_row_get_realis (row));
      break;
    case TESSERA_CLUSTER_COLUMN_CONFIRMATION:
      italic = g_strcmp0 (tessera_cluster_row_get_confirmation (row), "unconfirmed") == 0;
      break;
    case TESSERA_CLUSTER_COLUMN_ROLE:
    case TESSERA_CLUSTER_COLUMN_STANCES:
    default:
      break;
    }
  if (italic)
    gtk_widget_add_css_class (box, "claimed");
  else
    gtk_widget_remove_css_class (box, "claimed");

  if (cell->texts->len == 0)
    {
      GtkWidget *none = cell_label ("—", 1, 4);
      /* Translators: an empty cell, as a screen reader says it: "Casualties: not reported". */
      g_autofree char *name = g_strdup_printf (_("%s: not reported"), column->title);

      gtk_widget_add_css_class (none, "dim-label");
      gtk_accessible_update_property (GTK_ACCESSIBLE (none), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_box_append (GTK_BOX (lines), none);
      return;
    }

  for (guint i = 0; i < cell->texts->len; i++)
    {
      const char *text = g_ptr_array_index (cell->texts, i);
      gint64 span_id = g_array_index (cell->span_ids, gint64, i);

      if (column->kind == TESSERA_CLUSTER_COLUMN_REALIS ||
          column->kind == TESSERA_CLUSTER_COLUMN_CONFIRMATION)
        {
          GtkWidget *label = cell_label (text, 9, 14);

          describe_cell (label, column->title, text, cell);
          gtk_box_append (GTK_BOX (lines), label);
        }
      else
        gtk_box_append (GTK_BOX (lines),
                        passage_button (self,
                                        column->kind == TESSERA_CLUSTER_COLUMN_STANCES ? 12 : 8,
                                        column->kind == TESSERA_CLUSTER_COLUMN_STANCES ? 24 : 18,
                                        column->title, text,
                                        tessera_cluster_row_get_document_id (row), span_id,
                                        cell));
    }

  if (cell->caption != NULL)
    {
      GtkWidget *caption = cell_label (cell->caption, 8, 20);

      gtk_widget_add_css_class (caption, "dim-label");
      gtk_widget_add_css_class (caption, "caption");
      gtk_box_append (GTK_BOX (lines), caption);
    }
}

static void
on_select_toggled (GtkCheckButton *check,
                   GtkListItem    *list_item)
{
  TesseraCorroborationView *self = g_object_get_data (G_OBJECT (check), "tessera-view");
  guint position = gtk_list_item_get_position (list_item);

  if (self == NULL || position == GTK_INVALID_LIST_POSITION ||
      gtk_check_button_get_active (check) == gtk_list_item_get_selected (list_item))
    return;

  if (gtk_check_button_get_active (check))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->row_selection), position, FALSE);
  else
    gtk_selection_model_unselect_item (GTK_SELECTION_MODEL (self->row_selection), position);
}

static void
on_item_selected (GtkListItem    *list_item,
                  GParamSpec     *pspec,
                  GtkCheckButton *check)
{
  gtk_check_button_set_active (check, gtk_list_item_get_selected (list_item));
}

static void
on_remove_clicked (GtkButton                *button,
                   TesseraCorroborationView *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "tessera-event-id");

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "corroboration.remove-member", "x", *id);
}

static void
on_extra_setup (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  TesseraCorroborationView *self = g_object_get_data (G_OBJECT (factory), "tessera-view");
  ExtraColumn which = GPOINTER_TO_UINT (user_data);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_add_css_class (box, "cluster-cell");
  switch (which)
    {
    case EXTRA_SELECT:
      {
        GtkWidget *check = gtk_check_button_new ();

        g_object_set_data (G_OBJECT (check), "tessera-view", self);
        gtk_widget_set_valign (check, GTK_ALIGN_START);
        g_signal_connect (check, "toggled", G_CALLBACK (on_select_toggled), list_item);
        g_signal_connect_object (list_item, "notify::selected", G_CALLBACK (on_item_selected), check, 0);
        gtk_box_append (GTK_BOX (box), check);
      }
      break;

    case EXTRA_REMOVE:
      {
        GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");

        gtk_widget_add_css_class (button, "flat");
        gtk_widget_add_css_class (button, "remove-member");
        gtk_widget_set_valign (button, GTK_ALIGN_START);
        gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
        gtk_widget_set_tooltip_text (button, _("Remove this report from the cluster"));
        g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked), self);
        gtk_box_append (GTK_BOX (box), button);
      }
      break;

    case EXTRA_OUTLET:
    case EXTRA_DATE:
    default:
      break;
    }

  gtk_list_item_set_child (list_item, box);
}

static void
on_extra_bind (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  ExtraColumn which = GPOINTER_TO_UINT (user_data);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  TesseraClusterRow *row = list_item_row (list_item);
  const char *source;

  if (row == NULL)
    return;
  source = tessera_cluster_row_get_source (row);

  switch (which)
    {
    case EXTRA_SELECT:
      {
        GtkWidget *check = gtk_widget_get_first_child (box);
        /* Translators: the check box that selects a row, "Select the report of Sahel Courier". */
        g_autofree char *name = g_strdup_printf (_("Select the report of %s"), source);

        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), gtk_list_item_get_selected (list_item));
        gtk_widget_set_tooltip_text (check, _("Select, to split it into a new cluster"));
        gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      }
      break;

    case EXTRA_OUTLET:
      {
        GtkWidget *outlet = cell_label (source, 12, 18);

        remove_children (box);
        gtk_widget_add_css_class (outlet, "outlet");
        gtk_box_append (GTK_BOX (box), outlet);

        /* The headline under the outlet, unless it stands in for it. */
        if (g_strcmp0 (tessera_cluster_row_get_title (row), source) != 0)
          {
            GtkWidget *title = gtk_label_new (tessera_cluster_row_get_title (row));

            gtk_label_set_xalign (GTK_LABEL (title), 0);
            gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
            gtk_label_set_max_width_chars (GTK_LABEL (title), 26);
            gtk_label_set_width_chars (GTK_LABEL (title), 12);
            gtk_widget_set_tooltip_text (title, tessera_cluster_row_get_title (row));
            gtk_widget_add_css_class (title, "dim-label");
            gtk_widget_add_css_class (title, "caption");
            gtk_box_append (GTK_BOX (box), title);
          }

        if (tessera_cluster_row_get_suggested (row))
          {
            GtkWidget *pill = gtk_label_new (_("suggested"));

            gtk_label_set_xalign (GTK_LABEL (pill), 0);
            gtk_widget_set_halign (pill, GTK_ALIGN_START);
            gtk_widget_add_css_class (pill, "suggested-pill");
            gtk_box_append (GTK_BOX (box), pill);
          }
      }
      break;

    case EXTRA_DATE:
      {
        const char *published = tessera_cluster_row_get_published (row);
        g_autofree char *shown = tessera_format_published (published, FALSE);
        GtkWidget *date = gtk_label_new (shown != NULL ? shown : "—");

        gtk_label_set_xalign (GTK_LABEL (date), 0);
        gtk_widget_set_tooltip_text (date, published);
        remove_children (box);
        gtk_widget_add_css_class (date, "numeric");
        if (published == NULL)
          gtk_widget_add_css_class (date, "dim-label");
        gtk_box_append (GTK_BOX (box), date);
      }
      break;

    case EXTRA_REMOVE:
      {
        GtkWidget *button = gtk_widget_get_first_child (box);
        gint64 event_id = tessera_cluster_row_get_event_id (row);
        /* Translators: the button that takes one outlet's report out of a cluster. */
        g_autofree char *name = g_strdup_printf (_("Remove the report of %s from the cluster"), source);

        g_object_set_data_full (G_OBJECT (button), "tessera-event-id",
                                g_memdup2 (&event_id, sizeof event_id), g_free);
        gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      }
      break;

    default:
      break;
    }
}

static GtkListItemFactory *
make_factory (TesseraCorroborationView *self,
              GCallback                 setup,
              GCallback                 bind,
              guint                     data)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "tessera-view", self);
  g_signal_connect (factory, "setup", setup, GUINT_TO_POINTER (data));
  g_signal_connect (factory, "bind", bind, GUINT_TO_POINTER (data));

  return factory;
}

static void
append_column (TesseraCorroborationView *self,
               const char               *title,
               GtkListItemFactory       *factory,
               gboolean                  expand)
{
  g_autoptr(GtkColumnViewColumn) column = gtk_column_view_column_new (title, factory);

  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->table, column);
}

/* One column per thing the reports can say, rebuilt only when those
 * change: a new role, a column that starts or stops disagreeing. */
static void
build_columns (TesseraCorroborationView *self)
{
  GListModel *existing = gtk_column_view_get_columns (self->table);
  g_autoptr(GString) signature = g_string_new (NULL);

  for (guint c = 0; self->columns != NULL && c < self->columns->len; c++)
    {
      const TesseraClusterColumn *column = g_ptr_array_index (self->columns, c);

      g_string_append_printf (signature, "%s\x1f%s\x1f%d\x1e", column->key, column->title, column->disagrees);
    }
  if (g_strcmp0 (signature->str, self->columns_signature) == 0 &&
      g_list_model_get_n_items (existing) > 0)
    return;
  g_free (self->columns_signature);
  self->columns_signature = g_strdup (signature->str);

  while (g_list_model_get_n_items (existing) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (existing, 0);

      gtk_column_view_remove_column (self->table, column);
    }

  append_column (self, "", make_factory (self, G_CALLBACK (on_extra_setup), G_CALLBACK (on_extra_bind),
                                         EXTRA_SELECT), FALSE);
  append_column (self, _("Outlet"), make_factory (self, G_CALLBACK (on_extra_setup),
                                                  G_CALLBACK (on_extra_bind), EXTRA_OUTLET), FALSE);
  append_column (self, _("Date"), make_factory (self, G_CALLBACK (on_extra_setup),
                                                G_CALLBACK (on_extra_bind), EXTRA_DATE), FALSE);

  for (guint c = 0; self->columns != NULL && c < self->columns->len; c++)
    {
      const TesseraClusterColumn *column = g_ptr_array_index (self->columns, c);
      /* Translators: the header of a column whose reports disagree. */
      g_autofree char *title = column->disagrees ? g_strdup_printf (_("⚠ %s"), column->title)
                                                 : g_strdup (column->title);

      append_column (self, title,
                     make_factory (self, G_CALLBACK (on_cell_setup), G_CALLBACK (on_cell_bind), c),
                     column->kind == TESSERA_CLUSTER_COLUMN_ROLE ||
                     column->kind == TESSERA_CLUSTER_COLUMN_STANCES);
    }

  append_column (self, "", make_factory (self, G_CALLBACK (on_extra_setup), G_CALLBACK (on_extra_bind),
                                         EXTRA_REMOVE), FALSE);
}

static void
update_summary (TesseraCorroborationView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autoptr(GHashTable) outlets = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(GString) differing = g_string_new (NULL);
  guint n_differing = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraClusterRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      g_hash_table_add (outlets, (gpointer) tessera_cluster_row_get_source (row));
    }
  for (guint c = 0; self->columns != NULL && c < self->columns->len; c++)
    {
      const TesseraClusterColumn *column = g_ptr_array_index (self->columns, c);

      if (!column->disagrees)
        continue;
      if (differing->len > 0)
        g_string_append (differing, ", ");
      g_string_append (differing, column->title);
      n_differing++;
    }

  g_string_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u report", "%u reports", n), n);
  g_string_append (summary, _(" · "));
  g_string_append_printf (summary,
                          g_dngettext (GETTEXT_PACKAGE, "%u outlet", "%u outlets",
                                       g_hash_table_size (outlets)),
                          g_hash_table_size (outlets));
  g_string_append (summary, _(" · "));
  if (n_differing > 0)
    /* Translators: followed by the columns where reports differ, "Casualties, Agent". */
    g_string_append_printf (summary, _("They differ on %s"), differing->str);
  else if (n > 1)
    g_string_append (summary, _("No disagreement between them"));
  else
    g_string_append (summary, _("Link reports from other outlets to compare them"));

  gtk_label_set_label (self->summary_label, summary->str);
}

/* Loads the table of the selected cluster, keeping the selected rows. */
static void
load_table (TesseraCorroborationView *self)
{
  TesseraClusterItem *item = gtk_single_selection_get_selected_item (self->cluster_selection);
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GListStore) rows = NULL;
  g_autoptr(GHashTable) kept = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  /* The rows selected before, by event. */
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->row_selection));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->rows)); i++)
    if (gtk_bitset_contains (selected, i))
      {
        g_autoptr(TesseraClusterRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
        gint64 event_id = tessera_cluster_row_get_event_id (row);

        g_hash_table_add (kept, g_memdup2 (&event_id, sizeof event_id));
      }
  if (item == NULL || item->id != self->cluster_id)
    g_hash_table_remove_all (kept);

  self->cluster_id = item != NULL ? item->id : 0;
  g_free (self->cluster_name);
  self->cluster_name = item != NULL ? g_strdup (item->name) : NULL;

  if (item != NULL && self->project != NULL &&
      !tessera_cluster_table_load (self->project, item->id, &columns, &rows, &error))
    report (self, error);

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  self->columns = g_steal_pointer (&columns);
  build_columns (self);

  self->updating = TRUE;
  n = rows != NULL ? g_list_model_get_n_items (G_LIST_MODEL (rows)) : 0;
  {
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GtkBitset) now = gtk_bitset_new_empty ();
    g_autoptr(GtkBitset) mask = NULL;

    for (guint i = 0; i < n; i++)
      {
        TesseraClusterRow *row = g_list_model_get_item (G_LIST_MODEL (rows), i);
        gint64 event_id = tessera_cluster_row_get_event_id (row);

        if (g_hash_table_contains (kept, &event_id))
          gtk_bitset_add (now, i);
        g_ptr_array_add (items, row);
      }
    g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                         items->pdata, items->len);
    mask = gtk_bitset_new_range (0, n);
    gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->row_selection), now, mask);
  }
  self->updating = FALSE;

  gtk_label_set_label (self->name_label, item != NULL ? item->name : "");
  gtk_stack_set_visible_child_name (self->table_stack, n > 0 ? "table" : "no-members");
  update_summary (self);
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
on_row_activated (TesseraCorroborationView *self,
                  guint                     position)
{
  g_autoptr(TesseraClusterRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  if (row != NULL)
    open_passage (self, tessera_cluster_row_get_document_id (row),
                  tessera_cluster_row_get_trigger_span_id (row));
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

static void
on_merge_popover_show (TesseraCorroborationView *self)
{
  GtkWidget *child;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->clusters));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->merge_list))) != NULL)
    gtk_list_box_remove (self->merge_list, child);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraClusterItem) item = g_list_model_get_item (G_LIST_MODEL (self->clusters), i);
      GtkWidget *row, *box, *name, *summary;

      if (item->id == self->cluster_id)
        continue;
      row = gtk_list_box_row_new ();
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      name = gtk_label_new (item->name);
      summary = gtk_label_new (item->summary);
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (summary), 0);
      gtk_label_set_ellipsize (GTK_LABEL (summary), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (summary, "dim-label");
      gtk_widget_add_css_class (summary, "caption");
      gtk_box_append (GTK_BOX (box), name);
      gtk_box_append (GTK_BOX (box), summary);
      gtk_widget_set_margin_start (box, 8);
      gtk_widget_set_margin_end (box, 8);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "tessera-cluster-id",
                              g_memdup2 (&item->id, sizeof item->id), g_free);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, item->name, -1);
      gtk_list_box_append (self->merge_list, row);
    }
}

static void
on_merge_row_activated (TesseraCorroborationView *self,
                        GtkListBoxRow            *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "tessera-cluster-id");

  gtk_popover_popdown (self->merge_popover);
  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "corroboration.merge-into", "x", *id);
}

static void
on_split_popover_show (TesseraCorroborationView *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->row_selection));
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

      next = after != NULL ? after->id : before != NULL ? before->id : 0;
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
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GArray) members = g_array_new (FALSE, TRUE, sizeof (TesseraClusterMember));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_variant_dup_string (param, NULL));
  GtkBitsetIter iter;
  guint position;

  if (history == NULL || self->cluster_id == 0)
    return;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->row_selection));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(TesseraClusterRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);
      TesseraClusterMember member = { 0 };

      if (row == NULL)
        continue;
      member.cluster_id = self->cluster_id;
      member.event_id = tessera_cluster_row_get_event_id (row);
      member.document_id = tessera_cluster_row_get_document_id (row);
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
on_project_changed (TesseraCorroborationView *self,
                    guint                     kind,
                    guint                     action,
                    gint64                    document_id,
                    gint64                    object_id,
                    TesseraProject           *project)
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
    default:
      break;
    }

  queue_refresh (self);
}

static void
set_project (TesseraCorroborationView *self,
             TesseraProject           *project)
{
  if (self->project == project)
    return;

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);
  g_set_object (&self->project, project);
  if (project != NULL)
    g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self,
                             G_CONNECT_SWAPPED);

  /* Same ids in another project are other clusters. Nothing of the old
   * project stays listed; the new one is read when the view is shown. */
  self->cluster_id = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
  else
    {
      g_clear_handle_id (&self->refresh_id, g_source_remove);
      self->dirty = TRUE;
      g_hash_table_remove_all (self->documents);
      g_list_store_remove_all (self->clusters);
      load_table (self);
    }
}

static void
on_workbench_project (TesseraCorroborationView *self)
{
  set_project (self, tessera_workbench_get_project (self->workbench));
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
  if (self->workbench != NULL)
    g_signal_handlers_disconnect_by_data (self->workbench, self);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);
  g_clear_object (&self->project);
  g_clear_object (&self->workbench);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_CORROBORATION_VIEW);

  g_clear_object (&self->cluster_selection);
  g_clear_object (&self->clusters);
  g_clear_object (&self->row_selection);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (tessera_corroboration_view_parent_class)->dispose (object);
}

static void
tessera_corroboration_view_finalize (GObject *object)
{
  TesseraCorroborationView *self = TESSERA_CORROBORATION_VIEW (object);

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->columns_signature, g_free);
  g_clear_pointer (&self->cluster_name, g_free);
  g_clear_pointer (&self->documents, g_hash_table_unref);

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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tessera/Tessera/tessera-corroboration-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, stack);
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, empty_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, cluster_list);
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, name_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationView, summary_label);
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
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_rename_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_rename_confirmed);
  gtk_widget_class_bind_template_callback (widget_class, on_merge_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_merge_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_split_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_split_confirmed);

  gtk_widget_class_install_action (widget_class, "corroboration.rename", "s", rename_activated);
  gtk_widget_class_install_action (widget_class, "corroboration.merge-into", "x", merge_into_activated);
  gtk_widget_class_install_action (widget_class, "corroboration.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "corroboration.split", "s", split_activated);
  gtk_widget_class_install_action (widget_class, "corroboration.remove-member", "x",
                                   remove_member_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "corroboration");
}

static void
on_cluster_item_setup (GtkSignalListItemFactory *factory,
                       GtkListItem              *list_item,
                       gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *summary = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_lines (GTK_LABEL (name), 2);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "cluster-list-name");
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_label_set_lines (GTK_LABEL (summary), 2);
  gtk_label_set_ellipsize (GTK_LABEL (summary), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (summary, "dim-label");
  gtk_widget_add_css_class (summary, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), summary);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_item_set_child (list_item, box);
}

static void
on_cluster_item_bind (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      gpointer                  user_data)
{
  TesseraClusterItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *summary = gtk_widget_get_last_child (box);

  gtk_label_set_label (GTK_LABEL (name), item->name);
  gtk_label_set_label (GTK_LABEL (summary), item->summary);
}

static void
tessera_corroboration_view_init (TesseraCorroborationView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->documents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  self->clusters = g_list_store_new (TESSERA_TYPE_CLUSTER_ITEM);
  self->cluster_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->clusters)));
  gtk_single_selection_set_can_unselect (self->cluster_selection, FALSE);
  g_signal_connect_object (self->cluster_selection, "notify::selected",
                           G_CALLBACK (on_cluster_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect (factory, "setup", G_CALLBACK (on_cluster_item_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_cluster_item_bind), NULL);
  gtk_list_view_set_factory (self->cluster_list, factory);
  gtk_list_view_set_model (self->cluster_list, GTK_SELECTION_MODEL (self->cluster_selection));

  self->rows = g_list_store_new (TESSERA_TYPE_CLUSTER_ROW);
  self->row_selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  g_signal_connect_object (self->row_selection, "selection-changed",
                           G_CALLBACK (on_rows_selection_changed), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->table, GTK_SELECTION_MODEL (self->row_selection));

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

  if (self->workbench == workbench)
    return;

  if (self->workbench != NULL)
    g_signal_handlers_disconnect_by_data (self->workbench, self);
  g_set_object (&self->workbench, workbench);
  if (workbench != NULL)
    g_signal_connect_object (workbench, "notify::project", G_CALLBACK (on_workbench_project),
                             self, G_CONNECT_SWAPPED);

  set_project (self, workbench != NULL ? tessera_workbench_get_project (workbench) : NULL);
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
  guint n;

  g_return_if_fail (TESSERA_IS_CORROBORATION_VIEW (self));

  /* Pending changes first, so the cluster is listed. */
  if (self->dirty || self->refresh_id != 0)
    refresh (self);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->clusters));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraClusterItem) item = g_list_model_get_item (G_LIST_MODEL (self->clusters), i);

      if (item->id == cluster_id)
        {
          gtk_single_selection_set_selected (self->cluster_selection, i);
          return;
        }
    }
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

      g_array_append_val (ids, item->id);
    }

  return ids;
}

GtkSelectionModel *
tessera_corroboration_view_get_rows (TesseraCorroborationView *self)
{
  g_return_val_if_fail (TESSERA_IS_CORROBORATION_VIEW (self), NULL);

  return GTK_SELECTION_MODEL (self->row_selection);
}

int
tessera_corroboration_view_get_column (TesseraCorroborationView *self,
                                       const char               *key)
{
  g_return_val_if_fail (TESSERA_IS_CORROBORATION_VIEW (self), -1);
  g_return_val_if_fail (key != NULL, -1);

  for (guint c = 0; self->columns != NULL && c < self->columns->len; c++)
    if (g_str_equal (((TesseraClusterColumn *) g_ptr_array_index (self->columns, c))->key, key))
      return (int) c;

  return -1;
}

GStrv
tessera_corroboration_view_get_disagreements (TesseraCorroborationView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (TESSERA_IS_CORROBORATION_VIEW (self), NULL);

  for (guint c = 0; self->columns != NULL && c < self->columns->len; c++)
    {
      const TesseraClusterColumn *column = g_ptr_array_index (self->columns, c);

      if (column->disagrees)
        g_strv_builder_add (builder, column->key);
    }

  return g_strv_builder_end (builder);
}
