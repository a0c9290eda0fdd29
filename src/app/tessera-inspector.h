/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-workbench.h"

G_BEGIN_DECLS

/* The selected annotation: its label, text and note; an event's type,
 * realis, confirmation and role slots; a stance's label, holder and
 * target. While a slot waits for a span, a bar at its foot says how to
 * pick one; Escape gives the pick up.
 * Property "workbench": what it shows and changes (through the history). */

#define TESSERA_TYPE_INSPECTOR (tessera_inspector_get_type ())

G_DECLARE_FINAL_TYPE (TesseraInspector, tessera_inspector, TESSERA, INSPECTOR, GtkWidget)

TesseraWorkbench *tessera_inspector_get_workbench (TesseraInspector *self);
void              tessera_inspector_set_workbench (TesseraInspector *self,
                                                   TesseraWorkbench *workbench);

G_END_DECLS
