/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include "tessera-window-private.h"

/* The window's panes on any screen: the text column keeps 60 characters
 * or more. Below WIDE_ENOUGH the document list steps aside (F9 or the
 * header's sidebar button bring it back, over nothing: the text column
 * shrinks while it shows); the list and the inspector share what width
 * and height there is until the analyst drags a divider, which then
 * stays where it was put. */

/* Narrower than this, the document list hides by itself. */
#define WIDE_ENOUGH 1180
/* The document list's width: a share of the window, within bounds. */
#define LIST_SHARE 0.21
#define LIST_MIN 240
#define LIST_MAX 300
/* The inspector's share of the side panel's height (the rest is the
 * annotation list's); an event's or a stance's roles need more, in a
 * window no taller than SHORT. */
#define INSPECTOR_SHARE 0.55
#define FRAME_INSPECTOR_SHARE 0.8
#define SHORT 860

/* A pane shows when it is wanted (by hand, or by the window's width) and
 * the document is in the middle: the corroboration and agreement views
 * take the whole width. */
void
_tessera_window_update_panes (TesseraWindow *self)
{
  gboolean document;

  /* Asked while the window is disposed too. */
  if (self->center_stack == NULL || self->list_toasts == NULL || self->side_toasts == NULL)
    return;

  document = g_strcmp0 (gtk_stack_get_visible_child_name (self->center_stack), "document") == 0;
  gtk_widget_set_visible (GTK_WIDGET (self->list_toasts), self->show_documents && document);
  gtk_widget_set_visible (GTK_WIDGET (self->side_toasts), self->show_side_panel && document);
}

gboolean
_tessera_window_get_show_documents (TesseraWindow *self)
{
  return self->show_documents;
}

void
_tessera_window_set_show_documents (TesseraWindow *self,
                                    gboolean       show)
{
  if (show == self->show_documents)
    return;

  self->show_documents = show;
  _tessera_window_update_panes (self);
  g_object_notify (G_OBJECT (self), "show-documents");
}

gboolean
_tessera_window_get_show_side_panel (TesseraWindow *self)
{
  return self->show_side_panel;
}

void
_tessera_window_set_show_side_panel (TesseraWindow *self,
                                     gboolean       show)
{
  if (show == self->show_side_panel)
    return;

  self->show_side_panel = show;
  _tessera_window_update_panes (self);
  g_object_notify (G_OBJECT (self), "show-side-panel");
}

/* A divider the analyst moved keeps its place (the list its width, the
 * inspector its share of the height); one that moved because the window
 * was resized, or because the paned clamped it, does not count. */
static gboolean
moved_by_hand (TesseraWindow *self,
               GtkPaned      *paned,
               int            laid_out_size)
{
  GtkOrientation orientation = gtk_orientable_get_orientation (GTK_ORIENTABLE (paned));
  int size = orientation == GTK_ORIENTATION_HORIZONTAL ? gtk_widget_get_width (GTK_WIDGET (paned))
                                                       : gtk_widget_get_height (GTK_WIDGET (paned));

  return !self->layout_moving && self->layout_idle_id == 0 && size > 0 && size == laid_out_size;
}

static void
on_outer_position (TesseraWindow *self)
{
  if (moved_by_hand (self, self->outer_paned, self->outer_laid_out))
    self->list_width = gtk_paned_get_position (self->outer_paned);
}

static void
on_side_position (TesseraWindow *self)
{
  if (moved_by_hand (self, self->side_paned, self->side_laid_out))
    self->inspector_share = (double) gtk_paned_get_position (self->side_paned) / self->side_laid_out;
}

static void
set_position (TesseraWindow *self,
              GtkPaned      *paned,
              int            position)
{
  if (gtk_paned_get_position (paned) == position)
    return;

  self->layout_moving = TRUE;
  gtk_paned_set_position (paned, position);
  self->layout_moving = FALSE;
}

static gboolean
apply_layout (gpointer user_data)
{
  TesseraWindow *self = user_data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int outer_width = gtk_widget_get_width (GTK_WIDGET (self->outer_paned));
  int side_height = gtk_widget_get_height (GTK_WIDGET (self->side_paned));
  gboolean narrow = width < WIDE_ENOUGH;

  self->layout_idle_id = 0;

  /* Only on crossing the line: a list shown by hand stays shown. */
  if (!self->layout_known || narrow != self->narrow)
    {
      self->layout_known = TRUE;
      self->narrow = narrow;
      _tessera_window_set_show_documents (self, !narrow);
    }

  set_position (self, self->outer_paned,
                self->list_width > 0 ? self->list_width : CLAMP ((int) (width * LIST_SHARE), LIST_MIN, LIST_MAX));
  self->outer_laid_out = outer_width;
  if (side_height > 0)
    {
      TesseraSelectionKind kind = tessera_workbench_get_selection (self->workbench, NULL);
      double share = self->inspector_share;

      if ((kind == TESSERA_SELECTION_EVENT || kind == TESSERA_SELECTION_STANCE) &&
          gtk_widget_get_height (GTK_WIDGET (self)) <= SHORT)
        share = MAX (share, FRAME_INSPECTOR_SHARE);
      set_position (self, self->side_paned, (int) (side_height * share));
      self->side_laid_out = side_height;
    }

  return G_SOURCE_REMOVE;
}

void
_tessera_window_layout_allocated (TesseraWindow *self,
                                  int            width,
                                  int            height)
{
  /* Not during the allocation: showing or hiding a pane queues another. */
  if ((width != self->layout_width || height != self->layout_height) && self->layout_idle_id == 0)
    self->layout_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_layout, self, NULL);
  self->layout_width = width;
  self->layout_height = height;
}

static void
on_selection_changed (TesseraWindow *self)
{
  if (self->layout_idle_id == 0)
    self->layout_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_layout, self, NULL);
}

void
_tessera_window_init_layout (TesseraWindow *self)
{
  self->inspector_share = INSPECTOR_SHARE;
  self->show_documents = TRUE;
  self->show_side_panel = TRUE;
  g_signal_connect_object (self->workbench, "selection-changed", G_CALLBACK (on_selection_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->outer_paned, "notify::position", G_CALLBACK (on_outer_position),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->side_paned, "notify::position", G_CALLBACK (on_side_position),
                           self, G_CONNECT_SWAPPED);
}

void
_tessera_window_dispose_layout (TesseraWindow *self)
{
  g_clear_handle_id (&self->layout_idle_id, g_source_remove);
}

void
_tessera_window_class_add_layout (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_property_action (widget_class, "win.show-documents", "show-documents");
  gtk_widget_class_install_property_action (widget_class, "win.show-side-panel", "show-side-panel");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-documents", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, GDK_SHIFT_MASK, "win.show-side-panel", NULL);
}
