/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tessera-open-document.h"

G_BEGIN_DECLS

/* The text of span @span_id of @document as the side panel quotes it:
 * at most a few hundred characters, cut with "…". NULL when the document
 * has no such span (or no text). */
char *tessera_quote_span (TesseraOpenDocument *document,
                          gint64               span_id);

/* A short quote of @text (UTF-8) for a message or a tooltip: whitespace
 * runs made one space, at most @max_chars characters, cut with "…". */
char *tessera_quote_short (const char          *text,
                           guint                max_chars);

G_END_DECLS
