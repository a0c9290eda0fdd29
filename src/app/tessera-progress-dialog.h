/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A small modal window over @parent with a title, a progress bar and a
 * Cancel button that cancels @cancellable: what long work (an import, an
 * export, tagging all occurrences) shows while it runs on a worker. */
typedef struct _TesseraProgressDialog TesseraProgressDialog;

TesseraProgressDialog *tessera_progress_dialog_new     (GtkWindow             *parent,
                                                        const char            *title,
                                                        GCancellable          *cancellable);
/* A TesseraProgressFunc: safe to call from any thread. */
void                   tessera_progress_dialog_update  (guint64                done,
                                                        guint64                total,
                                                        gpointer               dialog);
/* Closes the window. */
void                   tessera_progress_dialog_free    (TesseraProgressDialog *dialog);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraProgressDialog, tessera_progress_dialog_free)

G_END_DECLS
