/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-workbench.h"

G_BEGIN_DECLS

/* The popover that edits the details of the workbench's document: its
 * title, outlet, publication date, URL and language. Each time it opens
 * it shows them as the model has them; Apply (or Enter in a field) makes
 * them one undoable history command; Escape, or a click outside, leaves
 * them as they were.
 * What is refused (a date not written YYYY-MM-DD, no title, a language
 * that is no tag) is said inside it, and nothing changes.
 * Property "workbench": whose document, and whose history. */

#define TESSERA_TYPE_DOCUMENT_DETAILS (tessera_document_details_get_type ())

G_DECLARE_FINAL_TYPE (TesseraDocumentDetails, tessera_document_details, TESSERA, DOCUMENT_DETAILS, GtkPopover)

TesseraWorkbench *tessera_document_details_get_workbench (TesseraDocumentDetails *self);
void              tessera_document_details_set_workbench (TesseraDocumentDetails *self,
                                                          TesseraWorkbench       *workbench);

G_END_DECLS
