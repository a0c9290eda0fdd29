/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What a picker hands back: the file chosen, or NULL when the analyst
 * cancelled. @user_data is the caller's, to free here. */
typedef void (*TesseraFilePicked) (GFile    *file,
                                   gpointer  user_data);

/* File choosers for opening and saving: GtkFileDialog where GTK has it
 * (4.10 and later, where GtkFileChooserNative is deprecated), else
 * GtkFileChooserNative; both go through the portal when there is one.
 * (Importing keeps GtkFileChooserNative: GtkFileDialog has no choices,
 * and the import's format and "add labels" are choices.) */
void tessera_file_picker_open (GtkWindow         *parent,
                               const char        *title,
                               const char        *accept_label,
                               GtkFileFilter     *filter,
                               TesseraFilePicked  callback,
                               gpointer           user_data);
/* Asks where to save, offering @suggested_name in @folder (either may
 * be NULL); the chooser asks before replacing a file. */
void tessera_file_picker_save (GtkWindow         *parent,
                               const char        *title,
                               const char        *accept_label,
                               const char        *suggested_name,
                               GFile             *folder,
                               TesseraFilePicked  callback,
                               gpointer           user_data);

G_END_DECLS
