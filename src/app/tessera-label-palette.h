/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-workbench.h"

G_BEGIN_DECLS

/* The layer switcher (Entities / Events / Stance) and the labels of the
 * active layer, each a button (win.tag) showing its key.
 * Property "workbench": what it shows and changes. */

#define TESSERA_TYPE_LABEL_PALETTE (tessera_label_palette_get_type ())

G_DECLARE_FINAL_TYPE (TesseraLabelPalette, tessera_label_palette, TESSERA, LABEL_PALETTE, GtkWidget)

TesseraWorkbench *tessera_label_palette_get_workbench (TesseraLabelPalette *self);
void              tessera_label_palette_set_workbench (TesseraLabelPalette *self,
                                                       TesseraWorkbench    *workbench);

G_END_DECLS
