/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-workbench.h"

G_BEGIN_DECLS

/* The note of a span: written through the history on Enter, when the
 * focus leaves, or when the owner commits it (before the selection
 * changes). While the user types, only a change of the note itself in
 * the model (an undo, say) replaces what they typed. */

#define TESSERA_TYPE_NOTE_ENTRY (tessera_note_entry_get_type ())

G_DECLARE_FINAL_TYPE (TesseraNoteEntry, tessera_note_entry, TESSERA, NOTE_ENTRY, GtkWidget)

/* Shows the note of @span, a span of @workbench's document, as the model
 * has it now (NULL: none, nothing to commit). */
void tessera_note_entry_show_span (TesseraNoteEntry  *self,
                                   TesseraWorkbench  *workbench,
                                   const TesseraSpan *span);
void tessera_note_entry_commit    (TesseraNoteEntry  *self);

G_END_DECLS
