/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-corroboration-table"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-accessible.h"
#include "tessera-corroboration-table.h"
#include "tessera-dates.h"
#include "tessera-outlet-cell.h"
#include "tessera-value-cell.h"

struct _TesseraCorroborationTable
{
  GtkWidget          parent_instance;

  GPtrArray         *columns;     /* TesseraCorroborationColumn*, of the cluster shown */
  char              *columns_signature;
  GListStore        *rows;        /* TesseraCorroborationRow */
  GtkMultiSelection *row_selection;

  /* Template widgets */
  GtkWidget         *scroller;
  GtkColumnView     *column_view;
};

G_DEFINE_FINAL_TYPE (TesseraCorroborationTable, tessera_corroboration_table, GTK_TYPE_WIDGET)

/* --- table cells ------------------------------------------------------------- */

/* The columns of the cluster's (the cell factories know which by index),
 * and the columns around them: a check box that selects the row, the
 * outlet, the date, and a button that removes the report. */

static void
on_value_setup (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, tessera_value_cell_new ());
}

static void
on_value_bind (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  TesseraCorroborationTable *self = g_object_get_data (G_OBJECT (factory), "tessera-table");
  guint index = GPOINTER_TO_UINT (user_data);
  TesseraCorroborationRow *row = gtk_list_item_get_item (list_item);
  gboolean shown = row != NULL && self->columns != NULL && index < self->columns->len;

  tessera_value_cell_set_row (TESSERA_VALUE_CELL (gtk_list_item_get_child (list_item)),
                              shown ? row : NULL,
                              shown ? g_ptr_array_index (self->columns, index) : NULL,
                              index);
}

static void
on_outlet_setup (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, tessera_outlet_cell_new ());
}

static const char *row_outlet      (TesseraCorroborationRow   *row);
static char       *row_spoken_name (TesseraCorroborationTable *self,
                                    TesseraCorroborationRow   *row);

static void
on_outlet_bind (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  TesseraCorroborationTable *self = g_object_get_data (G_OBJECT (factory), "tessera-table");
  TesseraCorroborationRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  g_autofree char *spoken = row != NULL ? row_spoken_name (self, row) : NULL;
  g_autofree char *outlet = NULL;

  if (row != NULL)
    outlet = g_strdup_printf (_("%s: %s"), _("Outlet"), row_outlet (row));

  tessera_outlet_cell_set_row (TESSERA_OUTLET_CELL (cell), row);
  tessera_accessible_name_list_row (cell, outlet);
  /* Every row has an outlet cell: it names the row. */
  tessera_accessible_name_table_row (cell, spoken);
}

/* A cell of one widget, at the top. */
static GtkWidget *
cell_box (GtkListItem *list_item,
          GtkWidget   *child)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_add_css_class (box, "cluster-cell");
  gtk_widget_set_valign (child, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), child);
  gtk_list_item_set_child (list_item, box);

  return child;
}

/* The widget cell_box() put in the cell of @list_item. */
static GtkWidget *
cell_widget (GtkListItem *list_item)
{
  return gtk_widget_get_first_child (gtk_list_item_get_child (list_item));
}

static void
on_date_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *date = cell_box (list_item, gtk_label_new (NULL));

  gtk_label_set_xalign (GTK_LABEL (date), 0);
  gtk_widget_add_css_class (date, "numeric");
}

static void
on_date_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *date = cell_widget (list_item);
  TesseraCorroborationRow *row = gtk_list_item_get_item (list_item);
  const char *published = row != NULL ? tessera_corroboration_row_get_published (row) : NULL;
  g_autofree char *shown = tessera_format_published (published, FALSE);
  g_autofree char *spoken = shown != NULL ? g_strdup_printf (_("%s: %s"), _("Date"), shown)
                                          : g_strdup_printf (_("%s: not reported"), _("Date"));

  gtk_label_set_label (GTK_LABEL (date), shown != NULL ? shown : "—");
  gtk_widget_set_tooltip_text (date, published);
  tessera_accessible_name_list_row (gtk_list_item_get_child (list_item), spoken);
  if (published == NULL)
    gtk_widget_add_css_class (date, "dim-label");
  else
    gtk_widget_remove_css_class (date, "dim-label");
}

/* The outlet of @row, in a sentence. */
static const char *
row_outlet (TesseraCorroborationRow *row)
{
  const char *source = tessera_corroboration_row_get_source (row);

  /* Translators: stands for the outlet of a document that names none. */
  return source != NULL ? source : _("unknown outlet");
}

static void name_widget (GtkWidget  *widget,
                         const char *format,
                         ...) G_GNUC_PRINTF (2, 3);

/* What a screen reader calls @widget. */
static void
name_widget (GtkWidget  *widget,
             const char *format,
             ...)
{
  g_autofree char *name = NULL;
  va_list args;

  va_start (args, format);
  name = g_strdup_vprintf (format, args);
  va_end (args);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
on_select_toggled (GtkCheckButton *check,
                   GtkListItem    *list_item)
{
  TesseraCorroborationTable *self = g_object_get_data (G_OBJECT (check), "tessera-table");
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
on_select_setup (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *check = cell_box (list_item, gtk_check_button_new ());
  gpointer table = g_object_get_data (G_OBJECT (factory), "tessera-table");

  g_object_set_data (G_OBJECT (check), "tessera-table", table);
  gtk_widget_set_tooltip_text (check, _("Select, to split it into a new cluster"));
  g_signal_connect (check, "toggled", G_CALLBACK (on_select_toggled), list_item);
  g_signal_connect_object (list_item, "notify::selected", G_CALLBACK (on_item_selected), check, 0);
}

static void
on_select_bind (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *check = cell_widget (list_item);
  TesseraCorroborationRow *row = gtk_list_item_get_item (list_item);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), gtk_list_item_get_selected (list_item));
  if (row != NULL)
    {
      /* Translators: the check box that selects a row, "Select the report of Sahel Courier". */
      name_widget (check, _("Select the report of %s"), row_outlet (row));
      /* Its cell says the same. */
      name_widget (gtk_widget_get_parent (gtk_list_item_get_child (list_item)),
                   _("Select the report of %s"), row_outlet (row));
    }
}

static void
on_remove_setup (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *button = cell_box (list_item, gtk_button_new_from_icon_name ("list-remove-symbolic"));

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "remove-member");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Remove this report from the cluster"));
}

static void
on_remove_bind (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *button = cell_widget (list_item);
  TesseraCorroborationRow *row = gtk_list_item_get_item (list_item);

  if (row == NULL)
    return;
  /* The target first: the action takes one. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x",
                                    tessera_corroboration_row_get_event_id (row));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "corroboration.remove-member");
  /* Translators: the button that takes one outlet's report out of a cluster. */
  name_widget (button, _("Remove the report of %s from the cluster"), row_outlet (row));
  name_widget (gtk_widget_get_parent (gtk_list_item_get_child (list_item)),
               _("Remove the report of %s from the cluster"), row_outlet (row));
}

/* What a screen reader says of a row: whose report, when, and its
 * trigger ("Report of Sahel Courier, 9 Mar 2025: clashed (Battle)"). */
static char *
row_spoken_name (TesseraCorroborationTable *self,
                 TesseraCorroborationRow   *row)
{
  const char *published = tessera_corroboration_row_get_published (row);
  g_autofree char *date = tessera_format_published (published, FALSE);
  g_autofree char *trigger = NULL;
  g_autofree char *spoken = NULL;

  for (guint c = 0; self->columns != NULL && c < self->columns->len && trigger == NULL; c++)
    {
      const TesseraCorroborationColumn *column = g_ptr_array_index (self->columns, c);
      const TesseraCorroborationCell *cell = tessera_corroboration_row_get_cell (row, c);

      if (column->kind != TESSERA_CORROBORATION_COLUMN_TRIGGER || cell->texts->len == 0)
        continue;
      if (cell->caption != NULL)
        /* Translators: a trigger and its event type: "clashed (Battle)". */
        trigger = g_strdup_printf (_("%s (%s)"), (char *) g_ptr_array_index (cell->texts, 0),
                                   cell->caption);
      else
        trigger = g_strdup (g_ptr_array_index (cell->texts, 0));
    }

  /* Translators: a row of the corroboration table as a screen reader
   * says it, the outlet and the date of one report: "Report of Sahel
   * Courier, 9 Mar 2025". */
  spoken = g_strdup_printf (_("Report of %s, %s"), row_outlet (row),
                            date != NULL ? date : _("undated"));
  if (trigger != NULL)
    {
      /* Translators: a report and its trigger, as a screen reader says
       * it: "Report of Sahel Courier, 9 Mar 2025: clashed (Battle)". */
      char *with_trigger = g_strdup_printf (_("%s: %s"), spoken, trigger);

      g_free (spoken);
      spoken = with_trigger;
    }
  if (tessera_corroboration_row_get_suggested (row))
    {
      /* Translators: a report only suggested, as a screen reader says it. */
      char *suggested = g_strdup_printf (_("%s, unreviewed suggestion"), spoken);

      g_free (spoken);
      spoken = suggested;
    }

  return g_steal_pointer (&spoken);
}

static void
append_column (TesseraCorroborationTable *self,
               const char                *title,
               GCallback                  setup,
               GCallback                  bind,
               guint                      index,
               gboolean                   expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_object_set_data (G_OBJECT (factory), "tessera-table", self);
  g_signal_connect (factory, "setup", setup, GUINT_TO_POINTER (index));
  g_signal_connect (factory, "bind", bind, GUINT_TO_POINTER (index));

  column = gtk_column_view_column_new (title, g_steal_pointer (&factory));
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
}

/* One column per thing the reports can say, rebuilt only when those
 * change: a new role, a column that starts or stops disagreeing. */
static void
build_columns (TesseraCorroborationTable *self)
{
  GListModel *existing = gtk_column_view_get_columns (self->column_view);
  g_autoptr(GString) signature = g_string_new (NULL);

  for (guint c = 0; self->columns != NULL && c < self->columns->len; c++)
    {
      const TesseraCorroborationColumn *column = g_ptr_array_index (self->columns, c);

      g_string_append_printf (signature, "%s\x1f%s\x1f%d%d\x1e", column->key, column->title,
                              column->disagrees, column->no_majority);
    }
  if (g_strcmp0 (signature->str, self->columns_signature) == 0 &&
      g_list_model_get_n_items (existing) > 0)
    return;
  g_free (self->columns_signature);
  self->columns_signature = g_strdup (signature->str);

  while (g_list_model_get_n_items (existing) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (existing, 0);

      gtk_column_view_remove_column (self->column_view, column);
    }

  append_column (self, "", G_CALLBACK (on_select_setup), G_CALLBACK (on_select_bind), 0, FALSE);
  append_column (self, _("Outlet"), G_CALLBACK (on_outlet_setup), G_CALLBACK (on_outlet_bind), 0, FALSE);
  append_column (self, _("Date"), G_CALLBACK (on_date_setup), G_CALLBACK (on_date_bind), 0, FALSE);

  for (guint c = 0; self->columns != NULL && c < self->columns->len; c++)
    {
      const TesseraCorroborationColumn *column = g_ptr_array_index (self->columns, c);
      g_autofree char *title = NULL;

      if (column->no_majority)
        /* Translators: the header of a column whose reports all differ:
         * no value is given by more than half of them. */
        title = g_strdup_printf (_("⚠ %s · no majority"), column->title);
      else if (column->disagrees)
        /* Translators: the header of a column whose reports disagree. */
        title = g_strdup_printf (_("⚠ %s"), column->title);
      else
        title = g_strdup (column->title);

      append_column (self, title, G_CALLBACK (on_value_setup), G_CALLBACK (on_value_bind), c,
                     column->kind == TESSERA_CORROBORATION_COLUMN_ROLE ||
                     column->kind == TESSERA_CORROBORATION_COLUMN_STANCES);
    }

  append_column (self, "", G_CALLBACK (on_remove_setup), G_CALLBACK (on_remove_bind), 0, FALSE);

  /* The columns of controls show no title; a screen reader needs one. */
  /* Translators: the title, heard not seen, of the column of check boxes that select reports. */
  tessera_accessible_name_column_title (self->column_view, 0, _("Select"));
  /* Translators: the title, heard not seen, of the column of buttons that remove reports. */
  tessera_accessible_name_column_title (self->column_view, g_list_model_get_n_items (existing) - 1,
                                        _("Remove"));
}

static void
on_row_activated (TesseraCorroborationTable *self,
                  guint                      position)
{
  g_autoptr(TesseraCorroborationRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  /* A row opens its event, through its trigger. */
  if (row != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "corroboration.open-passage", "(xx)",
                                tessera_corroboration_row_get_document_id (row),
                                tessera_corroboration_row_get_trigger_span_id (row));
}

/* --- GObject ---------------------------------------------------------------- */

static void
tessera_corroboration_table_dispose (GObject *object)
{
  TesseraCorroborationTable *self = TESSERA_CORROBORATION_TABLE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_CORROBORATION_TABLE);

  g_clear_object (&self->row_selection);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (tessera_corroboration_table_parent_class)->dispose (object);
}

static void
tessera_corroboration_table_finalize (GObject *object)
{
  TesseraCorroborationTable *self = TESSERA_CORROBORATION_TABLE (object);

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->columns_signature, g_free);

  G_OBJECT_CLASS (tessera_corroboration_table_parent_class)->finalize (object);
}

static void
tessera_corroboration_table_class_init (TesseraCorroborationTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_corroboration_table_dispose;
  object_class->finalize = tessera_corroboration_table_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tessera/Tessera/tessera-corroboration-table.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationTable, scroller);
  gtk_widget_class_bind_template_child (widget_class, TesseraCorroborationTable, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
tessera_corroboration_table_init (TesseraCorroborationTable *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (TESSERA_TYPE_CORROBORATION_ROW);
  self->row_selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->row_selection));
  /* Translators: the row of column titles of the corroboration table. */
  tessera_accessible_name_header (self->column_view, _("Column titles"));
  build_columns (self);
}

/* --- public ----------------------------------------------------------------- */

gboolean
tessera_corroboration_table_load (TesseraCorroborationTable  *self,
                                  TesseraProject             *project,
                                  gint64                      cluster_id,
                                  gboolean                    keep_selection,
                                  GError                    **error)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GListStore) rows = NULL;
  g_autoptr(GHashTable) kept = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkBitset) now = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = NULL;
  gboolean ok = TRUE;
  guint n;

  g_return_val_if_fail (TESSERA_IS_CORROBORATION_TABLE (self), FALSE);
  g_return_val_if_fail (project == NULL || TESSERA_IS_PROJECT (project), FALSE);

  /* The rows selected before, by event. */
  if (keep_selection)
    {
      GtkSelectionModel *selection = GTK_SELECTION_MODEL (self->row_selection);
      g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->rows)); i++)
        if (gtk_bitset_contains (selected, i))
          {
            g_autoptr(TesseraCorroborationRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
            gint64 event_id = tessera_corroboration_row_get_event_id (row);

            g_hash_table_add (kept, g_memdup2 (&event_id, sizeof event_id));
          }
    }

  if (project != NULL && cluster_id != 0)
    ok = tessera_corroboration_load (project, cluster_id, &columns, &rows, error);

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  self->columns = g_steal_pointer (&columns);
  build_columns (self);

  n = rows != NULL ? g_list_model_get_n_items (G_LIST_MODEL (rows)) : 0;
  for (guint i = 0; i < n; i++)
    {
      TesseraCorroborationRow *row = g_list_model_get_item (G_LIST_MODEL (rows), i);
      gint64 event_id = tessera_corroboration_row_get_event_id (row);

      if (g_hash_table_contains (kept, &event_id))
        gtk_bitset_add (now, i);
      g_ptr_array_add (items, row);
    }
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       items->pdata, items->len);
  mask = gtk_bitset_new_range (0, n);
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->row_selection), now, mask);

  return ok;
}

GtkSelectionModel *
tessera_corroboration_table_get_rows (TesseraCorroborationTable *self)
{
  g_return_val_if_fail (TESSERA_IS_CORROBORATION_TABLE (self), NULL);

  return GTK_SELECTION_MODEL (self->row_selection);
}

GPtrArray *
tessera_corroboration_table_get_columns (TesseraCorroborationTable *self)
{
  g_return_val_if_fail (TESSERA_IS_CORROBORATION_TABLE (self), NULL);

  return self->columns;
}

guint
tessera_corroboration_table_get_n_columns (TesseraCorroborationTable *self)
{
  g_return_val_if_fail (TESSERA_IS_CORROBORATION_TABLE (self), 0);

  return self->columns != NULL ? self->columns->len : 0;
}

const TesseraCorroborationColumn *
tessera_corroboration_table_get_column (TesseraCorroborationTable *self,
                                        guint                      index)
{
  g_return_val_if_fail (TESSERA_IS_CORROBORATION_TABLE (self), NULL);
  g_return_val_if_fail (index < tessera_corroboration_table_get_n_columns (self), NULL);

  return g_ptr_array_index (self->columns, index);
}

char *
tessera_corroboration_table_dup_summary (TesseraCorroborationTable *self)
{
  guint n;
  g_autoptr(GHashTable) outlets = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(GString) differing = g_string_new (NULL);
  guint n_differing = 0;

  g_return_val_if_fail (TESSERA_IS_CORROBORATION_TABLE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraCorroborationRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      /* Only the outlets known: documents that name none may be one. */
      if (tessera_corroboration_row_get_source (row) != NULL)
        g_hash_table_add (outlets, (gpointer) tessera_corroboration_row_get_source (row));
    }
  for (guint c = 0; self->columns != NULL && c < self->columns->len; c++)
    {
      const TesseraCorroborationColumn *column = g_ptr_array_index (self->columns, c);

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

  return g_string_free (g_steal_pointer (&summary), FALSE);
}
