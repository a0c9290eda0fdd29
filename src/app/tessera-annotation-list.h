/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-workbench.h"

G_BEGIN_DECLS

/* The current document's annotations in text order; activating one selects it and scrolls the text to it.
 * Property "workbench": what it shows and changes (through the history). */

#define TESSERA_TYPE_ANNOTATION_LIST (tessera_annotation_list_get_type ())

G_DECLARE_FINAL_TYPE (TesseraAnnotationList, tessera_annotation_list, TESSERA, ANNOTATION_LIST, GtkWidget)

TesseraWorkbench *tessera_annotation_list_get_workbench (TesseraAnnotationList *self);
void              tessera_annotation_list_set_workbench (TesseraAnnotationList *self,
                                                    TesseraWorkbench *workbench);

G_END_DECLS
