/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-accessible"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-accessible.h"

#define NAME_KEY "tessera-accessible-name"

/* The first widget of @type under @widget, depth first. */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }

  return NULL;
}

/* The text of the selected item, as the dropdown shows it: its expression's
 * string, or a GtkStringObject's. */
static char *
dup_selected_text (GtkDropDown *dropdown)
{
  gpointer item = gtk_drop_down_get_selected_item (dropdown);
  GtkExpression *expression = gtk_drop_down_get_expression (dropdown);
  g_auto(GValue) value = G_VALUE_INIT;

  if (item == NULL)
    return NULL;
  if (expression != NULL && gtk_expression_evaluate (expression, item, &value) &&
      G_VALUE_HOLDS_STRING (&value))
    return g_value_dup_string (&value);
  if (GTK_IS_STRING_OBJECT (item))
    return g_strdup (gtk_string_object_get_string (item));

  return NULL;
}

/* The button says the name and the value: the focus lands on it, and
 * the dropdown around it has no value a screen reader would read. */
static void
update_drop_down_button (GtkDropDown *dropdown)
{
  const char *name = g_object_get_data (G_OBJECT (dropdown), NAME_KEY);
  /* GTK 4.8's GtkDropDown is a box around an unnamed GtkToggleButton,
   * the widget that takes the focus: without a name of its own it is
   * announced as "GtkToggleButton". */
  GtkWidget *button = find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_TOGGLE_BUTTON);
  g_autofree char *value = dup_selected_text (dropdown);
  g_autofree char *label = NULL;

  if (button == NULL || name == NULL)
    return;
  if (value != NULL && *value != '\0')
    /* Translators: a dropdown as a screen reader says it, its name and
     * what is chosen: "Status: In progress". */
    label = g_strdup_printf (_("%s: %s"), name, value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label != NULL ? label : name, -1);
}

void
tessera_accessible_name_drop_down (GtkDropDown *dropdown,
                                   const char  *name)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));
  g_return_if_fail (name != NULL);

  if (g_object_get_data (G_OBJECT (dropdown), NAME_KEY) == NULL)
    {
      g_signal_connect (dropdown, "notify::selected-item",
                        G_CALLBACK (update_drop_down_button), NULL);
      g_signal_connect (dropdown, "notify::model", G_CALLBACK (update_drop_down_button), NULL);
    }
  g_object_set_data_full (G_OBJECT (dropdown), NAME_KEY, g_strdup (name), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  update_drop_down_button (dropdown);
}

static void
name_widget (GtkWidget  *widget,
             const char *name)
{
  if (widget == NULL)
    return;
  if (name != NULL && *name != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

void
tessera_accessible_name_list_row (GtkWidget  *row_child,
                                  const char *name)
{
  g_return_if_fail (GTK_IS_WIDGET (row_child));

  name_widget (gtk_widget_get_parent (row_child), name);
}

void
tessera_accessible_name_table_row (GtkWidget  *cell_child,
                                   const char *name)
{
  GtkWidget *cell;

  g_return_if_fail (GTK_IS_WIDGET (cell_child));

  cell = gtk_widget_get_parent (cell_child);
  name_widget (cell != NULL ? gtk_widget_get_parent (cell) : NULL, name);
}

/* The row of column titles: the child of @column_view beside its list. */
static GtkWidget *
find_header (GtkColumnView *column_view)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (column_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_LIST_VIEW (child) && !GTK_IS_SCROLLBAR (child))
      return child;

  return NULL;
}

void
tessera_accessible_name_header (GtkColumnView *column_view,
                                const char    *name)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (column_view));

  name_widget (find_header (column_view), name);
}

void
tessera_accessible_name_column_title (GtkColumnView *column_view,
                                      guint          position,
                                      const char    *name)
{
  GtkWidget *header;
  GtkWidget *title;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (column_view));

  if ((header = find_header (column_view)) == NULL)
    return;
  /* One title a column, in order. */
  title = gtk_widget_get_first_child (header);
  for (guint i = 0; title != NULL && i < position; i++)
    title = gtk_widget_get_next_sibling (title);
  if (title != NULL)
    name_widget (find_descendant (title, GTK_TYPE_LABEL), name);
}
