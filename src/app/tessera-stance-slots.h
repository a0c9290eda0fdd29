/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-workbench.h"

G_BEGIN_DECLS

/* A stance's holder and target: the holder span, the event it is about
 * (one of the document's, or none) or else a span, each span picked in
 * the text (the workbench's pick; a trigger picked as the target makes
 * its event the target) or cleared. Alt+1 picks the holder and Alt+2
 * the target, from anywhere in the window. It changes the stance
 * through the workbench's history. */

#define TESSERA_TYPE_STANCE_SLOTS (tessera_stance_slots_get_type ())

G_DECLARE_FINAL_TYPE (TesseraStanceSlots, tessera_stance_slots, TESSERA, STANCE_SLOTS, GtkWidget)

/* Shows @stance, a stance of @workbench's document, as the model has it
 * now (NULL: none). */
void tessera_stance_slots_show_stance (TesseraStanceSlots  *self,
                                       TesseraWorkbench    *workbench,
                                       const TesseraStance *stance);

G_END_DECLS
