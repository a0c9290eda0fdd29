/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-open-document.h"

G_BEGIN_DECLS

/* A value filled by picking a span in the text (an event's role, a
 * stance's holder or target span): on one line, the spans that fill it
 * or a dim placeholder; a toggle button that waits for the span
 * (standing out while it does) and a button that clears it. The toggle
 * keeps its place whatever the slot holds.
 *
 * Properties, all strings: "field" (its name, as screen readers read the
 * value: "Holder: The army"), "placeholder", "pick-label",
 * "pick-tooltip", "pick-name" (the toggle's accessible name),
 * "pick-shortcut" (the key that does what the toggle does, "Alt+1") and
 * "clear-name" (the clear button's tooltip and accessible name).
 * Signals "pick-toggled" (gboolean active) when the user toggles the
 * button, and "cleared" when they click the clear button. */

#define TESSERA_TYPE_SPAN_SLOT (tessera_span_slot_get_type ())

G_DECLARE_FINAL_TYPE (TesseraSpanSlot, tessera_span_slot, TESSERA, SPAN_SLOT, GtkWidget)

GtkWidget *tessera_span_slot_new  (void);
/* Shows spans @span_ids of @document (one it does not have as "?"), or
 * the placeholder for none, and whether the slot waits for a span. */
void       tessera_span_slot_show (TesseraSpanSlot     *self,
                                   TesseraOpenDocument *document,
                                   const gint64        *span_ids,
                                   guint                n_span_ids,
                                   gboolean             picking);

G_END_DECLS
