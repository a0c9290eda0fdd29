/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-workbench.h"

G_BEGIN_DECLS

/* The role slots of an event: one row per role its type offers (every
 * role when it names none, and any other role filled), each with the
 * spans that fill it, a "Fill" toggle that waits for a span (the
 * workbench's pick) and a button that clears it. Alt+1 to Alt+9, shown
 * on the rows, do what the first nine toggles do, from anywhere in the
 * window; the row waiting for a span scrolls into view. It changes the
 * event through the workbench's history. */

#define TESSERA_TYPE_ROLE_SLOTS (tessera_role_slots_get_type ())

G_DECLARE_FINAL_TYPE (TesseraRoleSlots, tessera_role_slots, TESSERA, ROLE_SLOTS, GtkWidget)

/* Shows the slots of @event, an event of @workbench's document, as the
 * model has it now (NULL: none). */
void tessera_role_slots_show_event (TesseraRoleSlots   *self,
                                    TesseraWorkbench   *workbench,
                                    const TesseraEvent *event);

G_END_DECLS
