/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-file-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-file-picker.h"

typedef struct
{
  TesseraFilePicked callback;
  gpointer          user_data;
  gboolean          save;
} Pick;

static Pick *
pick_new (TesseraFilePicked callback,
          gpointer          user_data,
          gboolean          save)
{
  Pick *pick = g_new0 (Pick, 1);

  pick->callback = callback;
  pick->user_data = user_data;
  pick->save = save;

  return pick;
}

#if GTK_CHECK_VERSION (4, 10, 0)

/* Built against Debian 12's GTK 4.8 the code below is left out; the
 * version macros would call it unavailable. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
on_dialog_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Pick *pick = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  if (pick->save)
    file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, &error);
  else
    file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, &error);
  /* Dismissed or failed: the same as cancelled for the caller. */
  if (error != NULL && !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    g_warning ("File chooser: %s", error->message);

  pick->callback (file, pick->user_data);
  g_free (pick);
}

static GtkFileDialog *
dialog_new (const char    *title,
            const char    *accept_label,
            GtkFileFilter *filter)
{
  GtkFileDialog *dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_accept_label (dialog, accept_label);
  gtk_file_dialog_set_modal (dialog, TRUE);
  if (filter != NULL)
    {
      g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

      g_list_store_append (filters, filter);
      gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
      gtk_file_dialog_set_default_filter (dialog, filter);
    }

  return dialog;
}

void
tessera_file_picker_open (GtkWindow         *parent,
                          const char        *title,
                          const char        *accept_label,
                          GtkFileFilter     *filter,
                          TesseraFilePicked  callback,
                          gpointer           user_data)
{
  g_autoptr(GtkFileDialog) dialog = dialog_new (title, accept_label, filter);

  gtk_file_dialog_open (dialog, parent, NULL, on_dialog_done, pick_new (callback, user_data, FALSE));
}

void
tessera_file_picker_save (GtkWindow         *parent,
                          const char        *title,
                          const char        *accept_label,
                          const char        *suggested_name,
                          GFile             *folder,
                          TesseraFilePicked  callback,
                          gpointer           user_data)
{
  g_autoptr(GtkFileDialog) dialog = dialog_new (title, accept_label, NULL);

  gtk_file_dialog_set_initial_name (dialog, suggested_name);
  gtk_file_dialog_set_initial_folder (dialog, folder);
  gtk_file_dialog_save (dialog, parent, NULL, on_dialog_done, pick_new (callback, user_data, TRUE));
}

G_GNUC_END_IGNORE_DEPRECATIONS

#else /* GTK < 4.10 */

static void
on_native_response (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  Pick *pick = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  pick->callback (file, pick->user_data);
  g_free (pick);
  g_object_unref (native);
}

static void
show_native (GtkFileChooserNative *native,
             Pick                 *pick)
{
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_native_response), pick);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
tessera_file_picker_open (GtkWindow         *parent,
                          const char        *title,
                          const char        *accept_label,
                          GtkFileFilter     *filter,
                          TesseraFilePicked  callback,
                          gpointer           user_data)
{
  GtkFileChooserNative *native = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                                              accept_label, _("_Cancel"));

  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  show_native (native, pick_new (callback, user_data, FALSE));
}

void
tessera_file_picker_save (GtkWindow         *parent,
                          const char        *title,
                          const char        *accept_label,
                          const char        *suggested_name,
                          GFile             *folder,
                          TesseraFilePicked  callback,
                          gpointer           user_data)
{
  GtkFileChooserNative *native = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                                              accept_label, _("_Cancel"));

  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
  show_native (native, pick_new (callback, user_data, TRUE));
}

#endif
