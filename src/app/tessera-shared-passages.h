/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tessera-document-model.h"
#include "tessera-duplicates.h"

G_BEGIN_DECLS

/* The passages the documents of the open project share (wire copy reused
 * by several outlets), found once per project off the main thread on a
 * read-only connection of its own, and again a little after documents
 * are added (it follows the window's document list model, not the
 * project). Until the first search ends there is nothing.
 * Property "ready" (read-only): a result is there (it stays while a new
 * search runs). Signal "updated": a new result replaced the last one. */

#define TESSERA_TYPE_SHARED_PASSAGES (tessera_shared_passages_get_type ())

G_DECLARE_FINAL_TYPE (TesseraSharedPassages, tessera_shared_passages, TESSERA, SHARED_PASSAGES, GObject)

TesseraSharedPassages *tessera_shared_passages_new             (void);

/* Follows the project of @documents (NULL: none): drops the last result
 * and starts a search when it changes, and searches again a little after
 * documents are added. */
void                   tessera_shared_passages_set_documents   (TesseraSharedPassages *self,
                                                                TesseraDocumentModel  *documents);
gboolean               tessera_shared_passages_get_ready       (TesseraSharedPassages *self);
/* A search is under way. */
gboolean               tessera_shared_passages_get_busy        (TesseraSharedPassages *self);
/* The last result, or NULL (transfer none: valid until "updated"). */
TesseraDuplicates     *tessera_shared_passages_get_duplicates  (TesseraSharedPassages *self);
/* Starts a search now (cancelling one under way). */
void                   tessera_shared_passages_refresh         (TesseraSharedPassages *self);
/* Copies (TesseraPassage) of shared passages in @document_id, by start;
 * empty when there is no result yet. */
GArray                *tessera_shared_passages_list            (TesseraSharedPassages *self,
                                                                gint64                 document_id);

G_END_DECLS
