/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Names for screen readers where GTK 4.8 gives none: the button inside a
 * GtkDropDown, and the rows of GtkListView and GtkColumnView (GTK 4.12's
 * gtk_list_item_set_accessible_label() is not there yet).
 *
 * tessera_accessible_name_drop_down(): names @dropdown ("Status") and the
 * button inside it, which the focus lands on and which says the choice
 * too ("Status: In progress") for as long as @dropdown lives. Call it
 * again to rename.
 *
 * tessera_accessible_name_list_row(): names the row a screen reader
 * announces, the parent of @row_child (the widget the factory set as the
 * list item's child); in a GtkColumnView that parent is a cell. Rows are
 * recycled: call it from the factory's bind, with a %NULL @name (no name)
 * from unbind.
 *
 * tessera_accessible_name_table_row(): names the GtkColumnView row that
 * holds the cell of @cell_child.
 *
 * tessera_accessible_name_header(): names the row of column titles.
 *
 * tessera_accessible_name_column_title(): names the title of the column
 * at @position whose title is empty (a column of check boxes), which GTK
 * would call "GtkLabel". Columns added anew get new titles: call it after. */

void tessera_accessible_name_drop_down    (GtkDropDown   *dropdown,
                                           const char    *name);
void tessera_accessible_name_list_row     (GtkWidget     *row_child,
                                           const char    *name);
void tessera_accessible_name_table_row    (GtkWidget     *cell_child,
                                           const char    *name);
void tessera_accessible_name_header       (GtkColumnView *column_view,
                                           const char    *name);
void tessera_accessible_name_column_title (GtkColumnView *column_view,
                                           guint          position,
                                           const char    *name);

G_END_DECLS
