/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-shared-passages.h"
#include "tessera-workbench.h"

G_BEGIN_DECLS

/* The document: its title, source, date and status (Edit Details changes
 * them, undoably) above the read-only text, with spans drawn in their
 * label colours and captions, and the caret and selection used for
 * tagging; a find bar above them (Ctrl+F).
 * Suggestions are drawn hatched with a dashed outline; Enter (or A)
 * accepts the selected one, Delete (or R) rejects it. Passages other
 * documents share are marked in the margin; a click there, or the
 * context menu, offers their other copies (action document.show-copy,
 * "(xx)": document id, offset).
 * Property "workbench": what it shows and changes (through the history). */

#define TESSERA_TYPE_DOCUMENT_VIEW (tessera_document_view_get_type ())

G_DECLARE_FINAL_TYPE (TesseraDocumentView, tessera_document_view, TESSERA, DOCUMENT_VIEW, GtkWidget)

TesseraWorkbench *tessera_document_view_get_workbench   (TesseraDocumentView *self);
void              tessera_document_view_set_workbench   (TesseraDocumentView *self,
                                                         TesseraWorkbench    *workbench);

/* The text selection in code points, snapped outward to whole words
 * (letters, digits and marks: "Ménaka’s" inside gives "Ménaka") and
 * whole characters, without surrounding whitespace (what tagging uses);
 * FALSE when nothing (or only whitespace) is selected. */
gboolean          tessera_document_view_get_tag_range   (TesseraDocumentView *self,
                                                         gint64              *start,
                                                         gint64              *end);
/* Selects [start, end) in the text (code points) and shows it. */
void              tessera_document_view_select_range    (TesseraDocumentView *self,
                                                         gint64               start,
                                                         gint64               end);
void              tessera_document_view_clear_range     (TesseraDocumentView *self);
/* Selects the next (@direction 1) or previous (-1) span after the caret
 * or the selected span; Tab and Shift+Tab. */
void              tessera_document_view_select_adjacent (TesseraDocumentView *self,
                                                         int                  direction);
/* Opens the find bar above the text (Ctrl+F), its entry focused. It
 * finds what is selected when that is short and on one line; else what
 * it found last, or the document list's search. Case and accents are
 * folded ("menaka" finds "Ménaka"); every hit is marked, and the current
 * one is selected, so a label key tags it. */
void              tessera_document_view_find            (TesseraDocumentView *self);
/* Selects the next (@direction 1) or previous (-1) hit after or before
 * the selection or the caret, wrapping round (F3, Shift+F3); FALSE when
 * nothing is found (then it opens the find bar, if nothing was sought). */
gboolean          tessera_document_view_find_next       (TesseraDocumentView *self,
                                                         int                  direction);
/* Scrolls the text so that the span is visible. */
void              tessera_document_view_scroll_to_span  (TesseraDocumentView *self,
                                                         gint64               span_id);
/* Whether the start of span @span_id is scrolled into view. */
gboolean          tessera_document_view_is_span_visible (TesseraDocumentView *self,
                                                         gint64               span_id);
/* Span ids (gint64) drawn in the last frame, for tests and benchmarks
 * (transfer none: valid until the next frame). */
GArray           *tessera_document_view_get_drawn_spans (TesseraDocumentView *self);
GtkTextView      *tessera_document_view_get_text_view   (TesseraDocumentView *self);
/* The passages the project's documents share: found once per project
 * (off the main thread), marked in the margin of the text; what
 * carrying annotations to copies works from. */
TesseraSharedPassages *tessera_document_view_get_shared_passages (TesseraDocumentView *self);

/* Whether it works on something in the background (the agreement of the
 * one layer shown with the others). */
gboolean          tessera_document_view_get_busy        (TesseraDocumentView *self);

G_END_DECLS
