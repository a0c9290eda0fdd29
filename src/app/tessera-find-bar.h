/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The bar that finds in the open document: a search entry, where the
 * current match is among all ("3 of 12", "No matches"), whether the last
 * move wrapped round, and previous, next and close buttons. It finds
 * nothing itself: the document view listens to its signals.
 *
 * Signals (no arguments): "query-changed" as the user types (at once,
 * not after a pause), "next-match" (Enter, Ctrl+G, the Next button),
 * "previous-match" (Shift+Enter, Ctrl+Shift+G, the Previous button) and
 * "closed" (Escape, the Close button), after the bar is hidden. */

#define TESSERA_TYPE_FIND_BAR (tessera_find_bar_get_type ())

G_DECLARE_FINAL_TYPE (TesseraFindBar, tessera_find_bar, TESSERA, FIND_BAR, GtkWidget)

/* Shows the bar with the focus in its entry, all of it selected; with
 * @query (not NULL), the entry says that first. */
void        tessera_find_bar_open        (TesseraFindBar *self,
                                          const char     *query);
/* Hides the bar; emits "closed" when it was open. */
void        tessera_find_bar_close       (TesseraFindBar *self);
gboolean    tessera_find_bar_get_open    (TesseraFindBar *self);
const char *tessera_find_bar_get_query   (TesseraFindBar *self);
/* Shows the query without emitting "query-changed" (another search
 * chose it). */
void        tessera_find_bar_set_query   (TesseraFindBar *self,
                                          const char     *query);
/* Where the current match (1-based; 0: none is current) is among
 * @n_matches, and whether the move to it wrapped round (1: to the first,
 * -1: to the last, 0: not). */
void        tessera_find_bar_show_matches (TesseraFindBar *self,
                                           guint           current,
                                           guint           n_matches,
                                           int             wrapped);

G_END_DECLS
