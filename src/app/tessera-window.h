/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tessera-workbench.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_WINDOW (tessera_window_get_type ())

G_DECLARE_FINAL_TYPE (TesseraWindow, tessera_window, TESSERA, WINDOW, AdwApplicationWindow)

TesseraWindow    *tessera_window_new           (GtkApplication *application);
TesseraWorkbench *tessera_window_get_workbench (TesseraWindow  *self);
/* Opens @path (closing the project shown before) and shows the document
 * last viewed there, or the first one. */
gboolean          tessera_window_open_project  (TesseraWindow  *self,
                                                const char     *path,
                                                GError        **error);
/* Imports @paths (files and folders) into the open project, with a
 * progress dialog that can cancel; the project stays open meanwhile. */
void              tessera_window_import        (TesseraWindow      *self,
                                                const char * const *paths);
/* Shows @message at the bottom of a side pane, never over the text, for
 * a few seconds (longer for a longer message, held while the pointer is
 * on it) or until dismissed; a new message takes its place. */
void              tessera_window_show_message  (TesseraWindow  *self,
                                                const char     *message);
/* Hides the message shown, if any. */
void              tessera_window_dismiss_message (TesseraWindow *self);
/* The message shown now, or NULL. */
const char       *tessera_window_get_message   (TesseraWindow  *self);

G_END_DECLS
