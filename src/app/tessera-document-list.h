/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-workbench.h"

G_BEGIN_DECLS

/* The document list: search, status filter and a virtualised list of the project's documents (title, source, date, status, annotation count). Activating a row shows that document.
 * Property "workbench": what it shows and changes (through the history). */

#define TESSERA_TYPE_DOCUMENT_LIST (tessera_document_list_get_type ())

G_DECLARE_FINAL_TYPE (TesseraDocumentList, tessera_document_list, TESSERA, DOCUMENT_LIST, GtkWidget)

TesseraWorkbench *tessera_document_list_get_workbench (TesseraDocumentList *self);
void              tessera_document_list_set_workbench (TesseraDocumentList *self,
                                                  TesseraWorkbench *workbench);

/* Moves the keyboard focus to the search entry (Ctrl+Shift+F). */
void              tessera_document_list_focus_search    (TesseraDocumentList *self);
/* Shows the next (1) or previous (-1) document of the list as filtered. */
void              tessera_document_list_select_adjacent (TesseraDocumentList *self,
                                                         int                  direction);

G_END_DECLS
