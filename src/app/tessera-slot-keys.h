/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The keys that choose a slot of the selected event or stance, Alt+1 to
 * Alt+9 wherever the focus is in the window, as each slot shows them;
 * and bringing the chosen slot into view. */

#define TESSERA_SLOT_KEYS_MAX 9

/* Chooses slot @n (from 0) of @owner; FALSE when @owner has no such
 * slot now, and the key goes on to whoever else wants it. */
typedef gboolean (*TesseraSlotKeyFunc) (GtkWidget *owner,
                                        guint      n);

/* Alt+1 to Alt+9 call @choose while @owner is shown. */
void       tessera_slot_keys_install     (GtkWidget          *owner,
                                          TesseraSlotKeyFunc  choose);
/* The key of slot @n as GTK names keys ("Alt+1"); NULL past the ninth. */
char      *tessera_slot_keys_dup_label   (guint               n);
/* A small dim label with the key of slot @n (empty past the ninth). */
GtkWidget *tessera_slot_keys_label_new   (guint               n);
/* The tooltip of the button that fills slot @n: @action ("Fill Agent"),
 * its key, and how to pick a span. */
char      *tessera_slot_keys_dup_tooltip (const char         *action,
                                          guint               n);
/* Scrolls the scrolled window around @widget as little as shows it
 * whole, again over the next frames while it is being laid out. */
void       tessera_slot_keys_scroll_to   (GtkWidget          *widget);

G_END_DECLS
