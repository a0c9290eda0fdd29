/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-progress-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-progress-dialog.h"

struct _TesseraProgressDialog
{
  GtkWidget      *window;
  GtkProgressBar *bar;
  guint           timeout_id;
  int             permille;    /* set by the worker, atomically; -1: unknown */
};

/* The worker only stores a number; the bar follows it from the main
 * loop, ten times a second. */
static gboolean
refresh (gpointer user_data)
{
  TesseraProgressDialog *dialog = user_data;
  int permille = g_atomic_int_get (&dialog->permille);

  if (permille >= 0)
    gtk_progress_bar_set_fraction (dialog->bar, permille / 1000.0);
  else
    gtk_progress_bar_pulse (dialog->bar);

  return G_SOURCE_CONTINUE;
}

TesseraProgressDialog *
tessera_progress_dialog_new (GtkWindow    *parent,
                             const char   *title,
                             GCancellable *cancellable)
{
  TesseraProgressDialog *dialog = g_new0 (TesseraProgressDialog, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  dialog->permille = -1;
  dialog->window = gtk_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (dialog->window), parent);
  gtk_window_set_modal (GTK_WINDOW (dialog->window), TRUE);
  gtk_window_set_title (GTK_WINDOW (dialog->window), title);
  gtk_window_set_default_size (GTK_WINDOW (dialog->window), 420, -1);
  gtk_window_set_deletable (GTK_WINDOW (dialog->window), FALSE);

  dialog->bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (dialog->bar, TRUE);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_set_halign (cancel, GTK_ALIGN_END);
  if (cancellable != NULL)
    g_signal_connect_object (cancel, "clicked", G_CALLBACK (g_cancellable_cancel), cancellable,
                             G_CONNECT_SWAPPED);
  else
    gtk_widget_set_sensitive (cancel, FALSE);

  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (dialog->bar));
  gtk_box_append (GTK_BOX (box), cancel);
  gtk_window_set_child (GTK_WINDOW (dialog->window), box);
  gtk_window_present (GTK_WINDOW (dialog->window));

  dialog->timeout_id = g_timeout_add (100, refresh, dialog);

  return dialog;
}

void
tessera_progress_dialog_update (guint64  done,
                                guint64  total,
                                gpointer user_data)
{
  TesseraProgressDialog *dialog = user_data;

  g_atomic_int_set (&dialog->permille, total > 0 ? (int) MIN (1000, done * 1000 / total) : -1);
}

void
tessera_progress_dialog_free (TesseraProgressDialog *dialog)
{
  if (dialog == NULL)
    return;

  g_clear_handle_id (&dialog->timeout_id, g_source_remove);
  g_clear_pointer ((GtkWindow **) &dialog->window, gtk_window_destroy);
  g_free (dialog);
}
