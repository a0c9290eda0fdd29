/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include "tessera-window-private.h"

/* Messages: what a command made, what went wrong, a hint. One at a time,
 * at the bottom of a side pane so that it never hides the text being
 * read, and gone after a few seconds, sooner when what it announced is
 * undone. */

/* Space between a message and the pane's edges. */
#define MESSAGE_MARGIN 12
/* A pane narrower than this leaves the message to the middle. */
#define MIN_PANE_WIDTH 200

/* Long enough to read: 5 s for a line, a second more for every 40
 * characters past the first 80, 15 s at most. */
static guint
message_seconds (const char *message)
{
  glong n = g_utf8_strlen (message, -1);

  return n <= 80 ? 5 : MIN (15, 5 + (guint) ((n - 80 + 39) / 40));
}

static void
hide_message (TesseraWindow *self)
{
  g_clear_handle_id (&self->message_timeout_id, g_source_remove);
  self->message_step = 0;
  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
}

static gboolean
message_timed_out (gpointer user_data)
{
  TesseraWindow *self = user_data;

  self->message_timeout_id = 0;
  hide_message (self);

  return G_SOURCE_REMOVE;
}

static void
start_timeout (TesseraWindow *self)
{
  g_clear_handle_id (&self->message_timeout_id, g_source_remove);
  self->message_timeout_id = g_timeout_add_seconds (self->message_seconds, message_timed_out, self);
}

static void
on_message_enter (TesseraWindow *self)
{
  g_clear_handle_id (&self->message_timeout_id, g_source_remove);
}

static void
on_message_leave (TesseraWindow *self)
{
  if (gtk_revealer_get_reveal_child (self->message_revealer))
    start_timeout (self);
}

static void
on_message_dismissed (TesseraWindow *self)
{
  hide_message (self);
}

/* The pane a message shows over: the side panel, else the document
 * list, else none (then the middle of the window). */
static GtkWidget *
message_pane (TesseraWindow *self)
{
  GtkWidget *panes[] = { self->side_panel, GTK_WIDGET (self->document_list) };

  for (guint i = 0; i < G_N_ELEMENTS (panes); i++)
    if (gtk_widget_get_mapped (panes[i]) && gtk_widget_get_width (panes[i]) >= MIN_PANE_WIDTH)
      return panes[i];

  return NULL;
}

static gboolean
on_message_position (TesseraWindow *self,
                     GtkWidget     *widget,
                     GdkRectangle  *allocation,
                     GtkOverlay    *overlay)
{
  GtkWidget *pane = message_pane (self);
  graphene_rect_t bounds;
  int min, nat, width, height, unused;

  if (widget != GTK_WIDGET (self->message_revealer))
    return FALSE;

  if (pane == NULL || !gtk_widget_compute_bounds (pane, GTK_WIDGET (overlay), &bounds))
    graphene_rect_init (&bounds, 0, 0, gtk_widget_get_width (GTK_WIDGET (overlay)),
                        gtk_widget_get_height (GTK_WIDGET (overlay)));

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  width = MAX (min, MIN (nat, (int) bounds.size.width - 2 * MESSAGE_MARGIN));
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &unused, &height, NULL, NULL);

  allocation->width = width;
  allocation->height = height;
  allocation->x = (int) bounds.origin.x + ((int) bounds.size.width - width) / 2;
  allocation->y = (int) (bounds.origin.y + bounds.size.height) - height - MESSAGE_MARGIN;

  return TRUE;
}

void
tessera_window_show_message (TesseraWindow *self,
                             const char    *message)
{
  g_return_if_fail (TESSERA_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  self->message_step = 0;
  self->message_seconds = message_seconds (message);
  gtk_label_set_label (self->message_label, message);
  gtk_revealer_set_reveal_child (self->message_revealer, TRUE);
  start_timeout (self);
}

void
tessera_window_dismiss_message (TesseraWindow *self)
{
  g_return_if_fail (TESSERA_IS_WINDOW (self));

  hide_message (self);
}

const char *
tessera_window_get_message (TesseraWindow *self)
{
  g_return_val_if_fail (TESSERA_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->message_revealer))
    return NULL;

  return gtk_label_get_label (self->message_label);
}

void
_tessera_window_show_step_message (TesseraWindow *self,
                                   const char    *message)
{
  TesseraHistory *history = tessera_workbench_get_history (self->workbench);
  TesseraHistoryStep step;

  tessera_window_show_message (self, message);
  if (history != NULL && tessera_history_describe_undo (history, 0, &step))
    self->message_step = step.serial;
}

void
_tessera_window_withdraw_step_message (TesseraWindow *self,
                                       guint64        serial)
{
  if (serial != 0 && self->message_step == serial)
    hide_message (self);
}

void
_tessera_window_dispose_messages (TesseraWindow *self)
{
  g_clear_handle_id (&self->message_timeout_id, g_source_remove);
}

void
_tessera_window_class_add_messages (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_message_dismissed);
  gtk_widget_class_bind_template_callback (widget_class, on_message_enter);
  gtk_widget_class_bind_template_callback (widget_class, on_message_leave);
  gtk_widget_class_bind_template_callback (widget_class, on_message_position);
}
