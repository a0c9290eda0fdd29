/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-window-private.h"

/* Messages: what a command made, what went wrong, a hint. One at a time,
 * as a libadwaita toast over a side pane so that it never hides the text
 * being read, and gone after a few seconds (held while the pointer is on
 * it), sooner when what it announced is undone. */

/* A pane narrower than this leaves the message to the whole window. */
#define MIN_PANE_WIDTH 200

/* Long enough to read: 5 s for a line, a second more for every 40
 * characters past the first 80, 15 s at most. */
static guint
message_seconds (const char *message)
{
  glong n = g_utf8_strlen (message, -1);

  return n <= 80 ? 5 : MIN (15, 5 + (guint) ((n - 80 + 39) / 40));
}

/* The overlay a message shows in: the side panel's, else the document
 * list's, else the window's. */
static AdwToastOverlay *
message_overlay (TesseraWindow *self)
{
  GtkWidget *panes[] = { self->side_panel, GTK_WIDGET (self->document_list) };
  AdwToastOverlay *overlays[] = { self->side_toasts, self->list_toasts };

  for (guint i = 0; i < G_N_ELEMENTS (panes); i++)
    if (gtk_widget_get_mapped (panes[i]) && gtk_widget_get_width (panes[i]) >= MIN_PANE_WIDTH)
      return overlays[i];

  return self->window_toasts;
}

static void
on_toast_dismissed (AdwToast      *toast,
                    TesseraWindow *self)
{
  if (toast != self->toast)
    return;

  g_clear_object (&self->toast);
  g_clear_pointer (&self->toast_text, g_free);
  self->message_step = 0;
}

static void
show_toast (TesseraWindow *self,
            const char    *message,
            gboolean       offers_undo)
{
  g_autoptr(AdwToast) toast = adw_toast_new ("");
  GtkWidget *label = gtk_label_new (message);

  tessera_window_dismiss_message (self);

  /* A toast's own title is one ellipsized line; errors name a file and
   * a line, and must be read whole. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 80);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  adw_toast_set_custom_title (toast, label);
  adw_toast_set_timeout (toast, message_seconds (message));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (offers_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed), self, 0);

  self->toast = g_object_ref (toast);
  self->toast_text = g_strdup (message);
  adw_toast_overlay_add_toast (message_overlay (self), g_steal_pointer (&toast));
}

void
tessera_window_show_message (TesseraWindow *self,
                             const char    *message)
{
  g_return_if_fail (TESSERA_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  show_toast (self, message, FALSE);
}

void
tessera_window_dismiss_message (TesseraWindow *self)
{
  g_return_if_fail (TESSERA_IS_WINDOW (self));

  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  /* "dismissed" cleared it; a toast never shown has not said so. */
  if (self->toast != NULL)
    on_toast_dismissed (self->toast, self);
}

const char *
tessera_window_get_message (TesseraWindow *self)
{
  g_return_val_if_fail (TESSERA_IS_WINDOW (self), NULL);

  return self->toast_text;
}

void
_tessera_window_show_step_message (TesseraWindow *self,
                                   const char    *message)
{
  TesseraHistory *history = tessera_workbench_get_history (self->workbench);
  TesseraHistoryStep step;

  show_toast (self, message, TRUE);
  if (history != NULL && tessera_history_describe_undo (history, 0, &step))
    self->message_step = step.serial;
}

void
_tessera_window_withdraw_step_message (TesseraWindow *self,
                                       guint64        serial)
{
  if (serial != 0 && self->message_step == serial)
    tessera_window_dismiss_message (self);
}

void
_tessera_window_dispose_messages (TesseraWindow *self)
{
  g_clear_object (&self->toast);
  g_clear_pointer (&self->toast_text, g_free);
}
