/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-workbench.h"

G_BEGIN_DECLS

/* While a slot waits for a span (the workbench's pick), a bar that says
 * which slot ("Pick the Agent") and how to pick one from the keyboard,
 * with a button that gives up; hidden otherwise.
 * Property "workbench": whose pick it follows. */

#define TESSERA_TYPE_PICK_BAR (tessera_pick_bar_get_type ())

G_DECLARE_FINAL_TYPE (TesseraPickBar, tessera_pick_bar, TESSERA, PICK_BAR, GtkWidget)

TesseraWorkbench *tessera_pick_bar_get_workbench (TesseraPickBar   *self);
void              tessera_pick_bar_set_workbench (TesseraPickBar   *self,
                                                  TesseraWorkbench *workbench);

G_END_DECLS
