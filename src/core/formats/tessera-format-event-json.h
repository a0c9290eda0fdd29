/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-formats.h"

G_BEGIN_DECLS

/* Event JSONL, the shape TextEE and OneIE train on: one window of
 * @window consecutive sentences (ICU's) per line, every window of every
 * document, those without events too (a document without words has
 * none):
 *
 *   {"doc_id","wnd_id":"UID_N","tokens":[…],"token_offsets":[[start,end],…],
 *    "entity_mentions":[{"id":"UID_s12","text","entity_type","start","end"}],
 *    "event_mentions":[{"id":"UID_e3","event_type",
 *                       "trigger":{"text","start","end"},
 *                       "arguments":[{"entity_id":"UID_s12","role","text"}]}]}
 *
 * start and end are token indices from the window's first token, end
 * exclusive; offsets are code points into the document's text. Entity
 * mentions: the accepted entity spans wholly in the window, and every
 * argument of its events whatever its label. An event lives in the
 * window of its trigger's first token (a trigger running past the
 * window is cut at its end; one on white space alone is left out).
 *
 * @window: sentences per line (1 or more). Returns FALSE with @error on
 * failure. @n_outside (may be NULL): receives how many event arguments
 * were left out because their span is not wholly inside the window of
 * their event's trigger (or covers no token). Arguments left out for
 * being suggested or another annotator's are not counted. */
gboolean tessera_export_event_json (TesseraProject              *project,
                                    GOutputStream               *out,
                                    const TesseraExportOptions  *options,
                                    guint                        window,
                                    guint64                     *n_outside,
                                    GError                     **error);

G_END_DECLS
