/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-workbench.h"

G_BEGIN_DECLS

/* The current document's annotations in text order; activating one
 * selects it (and the document view scrolls to it). Suggestions are
 * marked, with Accept and Reject on their rows and, above the list, their
 * count with Accept All and Reject All.
 * Property "workbench": what it shows and changes. */

#define TESSERA_TYPE_ANNOTATION_LIST (tessera_annotation_list_get_type ())

G_DECLARE_FINAL_TYPE (TesseraAnnotationList, tessera_annotation_list,
                      TESSERA, ANNOTATION_LIST, GtkWidget)

TesseraWorkbench *tessera_annotation_list_get_workbench (TesseraAnnotationList *self);
void              tessera_annotation_list_set_workbench (TesseraAnnotationList *self,
                                                         TesseraWorkbench      *workbench);
/* The rows shown, a GtkSingleSelection of the document's TesseraSpanItem: for tests. */
GListModel       *tessera_annotation_list_get_model     (TesseraAnnotationList *self);

G_END_DECLS
