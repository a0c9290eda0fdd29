/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-accessible"

#include "config.h"

#include "tessera-accessible.h"
#include "tessera-display-util.h"

/* What tessera-accessible.c names, read back from GTK's accessible
 * properties (test-a11y.py reads them through AT-SPI, as Orca does). */

/* The button inside a dropdown says its name and what is chosen, as the
 * choice changes; renaming renames both. */
static void
test_drop_down (void)
{
  const char *statuses[] = { "New", "In progress", "Done", NULL };
  GListModel *model = G_LIST_MODEL (gtk_string_list_new (statuses));
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_drop_down_new (model, NULL));
  GtkWidget *window = tessera_display_test_present (GTK_WIDGET (dropdown), 200, 100);
  /* In GTK 4.8, the dropdown's first child. */
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (dropdown));

  g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
  tessera_accessible_name_drop_down (dropdown, "Status");
  gtk_test_accessible_assert_property (dropdown, GTK_ACCESSIBLE_PROPERTY_LABEL, "Status");
  gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL, "Status: New");

  gtk_drop_down_set_selected (dropdown, 1);
  gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Status: In progress");

  tessera_accessible_name_drop_down (dropdown, "State");
  gtk_test_accessible_assert_property (dropdown, GTK_ACCESSIBLE_PROPERTY_LABEL, "State");
  gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL, "State: In progress");

  /* Nothing chosen: the name alone. */
  gtk_drop_down_set_selected (dropdown, GTK_INVALID_LIST_POSITION);
  gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL, "State");

  tessera_display_test_close_window (window, NULL);
}

static void
on_setup (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item)
{
  gtk_list_item_set_child (list_item, gtk_label_new (NULL));
}

static void
on_bind (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item)
{
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (list_item));
  g_autofree char *spoken = g_strdup_printf ("Row %s", text);
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_label (GTK_LABEL (label), text);
  tessera_accessible_name_list_row (label, spoken);
}

/* Each row a list view shows is named after the item bound to it. */
static void
test_list_row (void)
{
  const char *items[] = { "one", "two", "three", NULL };
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *model = gtk_no_selection_new (G_LIST_MODEL (gtk_string_list_new (items)));
  GtkWidget *view;
  GtkWidget *window;
  guint n = 0;

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind), NULL);
  view = gtk_list_view_new (GTK_SELECTION_MODEL (model), factory);
  window = tessera_display_test_present (view, 200, 300);
  tessera_display_test_wait_for_frame (window, NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (view); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *label = gtk_widget_get_first_child (row);
      g_autofree char *spoken = NULL;

      if (!GTK_IS_LABEL (label))
        continue;
      spoken = g_strdup_printf ("Row %s", gtk_label_get_label (GTK_LABEL (label)));
      gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL, spoken);
      n++;
    }
  g_assert_cmpuint (n, ==, 3);

  tessera_display_test_close_window (window, NULL);
}

static void
add_tests (void)
{
  g_test_add_func ("/accessible/drop-down", test_drop_down);
  g_test_add_func ("/accessible/list-row", test_list_row);
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's test backend keeps what the widgets say (the other display
   * tests run with none, which keeps nothing); it needs no bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 77;
    }
  add_tests ();

  return g_test_run ();
}
