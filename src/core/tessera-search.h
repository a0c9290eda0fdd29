/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-project.h"

G_BEGIN_DECLS

/* Where a query occurs in a text, in code points (end exclusive). */
typedef struct
{
  gint64 start;
  gint64 end;
} TesseraSearchHit;

/* Every place @query occurs in @text, by start, case and accents folded
 * ("menaka" finds "Ménaka"). With @words, as the project's search
 * matches: each word of @query begins a word of the text, and the hit is
 * that whole word; otherwise @query is found as it is typed, anywhere.
 * An empty query finds nothing. Returns a GArray of TesseraSearchHit. */
GArray *tessera_search_find_hits      (const char     *text,
                                       const char     *query,
                                       gboolean        words);

/* A short excerpt of @text around the first hit of @query (words as the
 * project's search matches them), as Pango markup with every hit in bold;
 * "…" where it cuts the text. NULL when @query does not occur in the
 * text (it may have matched the title only). */
char   *tessera_search_snippet_markup (const char     *text,
                                       const char     *query);

/* The same for a document of @project. NULL without error when the text
 * does not contain @query. */
char   *tessera_project_search_snippet (TesseraProject *project,
                                        gint64          document_id,
                                        const char     *query,
                                        GError        **error);

G_END_DECLS
