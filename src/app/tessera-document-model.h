/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-project.h"
#include "tessera-document-item.h"

G_BEGIN_DECLS

/* The project's documents as a GListModel of TesseraDocumentItem, with a
 * status filter and a full-text search. Light for 100,000 documents: the
 * metadata (no text) is read once into a compact array, and an item is
 * made only when a row asks for it (and dropped when no row holds it).
 * Follows the project's "changed" signal. Without a search, documents are
 * in import (id) order; with one, the best matches come first, in the
 * order tessera_project_search ranks them.
 *
 * In a big project, reading the documents and searching run in a worker
 * thread on a read-only connection of their own, so the window shows at
 * once; "busy" is TRUE meanwhile, and the list fills when they finish. */

/* How many matches a search shows (the best ones). */
#define TESSERA_DOCUMENT_MODEL_SEARCH_LIMIT 500

/* Status filter that shows every document. */
#define TESSERA_DOCUMENT_MODEL_ALL_STATUSES (-1)

#define TESSERA_TYPE_DOCUMENT_MODEL (tessera_document_model_get_type ())

G_DECLARE_FINAL_TYPE (TesseraDocumentModel, tessera_document_model, TESSERA, DOCUMENT_MODEL, GObject)

/* Signal "error" (GError *): reading, searching or following a change
 * of the project failed (the list may be out of date until the next
 * change). */

TesseraDocumentModel *tessera_document_model_new               (void);

/* Property "project" (read-only; NULL: empty). Setting it clears the
 * search and reads the documents (in a worker thread when there are
 * many); on failure the model is left empty. */
TesseraProject       *tessera_document_model_get_project       (TesseraDocumentModel  *self);
gboolean              tessera_document_model_set_project       (TesseraDocumentModel  *self,
                                                                TesseraProject        *project,
                                                                GError               **error);
/* Reads every document's metadata again (and runs the search again). */
gboolean              tessera_document_model_reload            (TesseraDocumentModel  *self,
                                                                GError               **error);

/* Property "busy": documents are being read or a search runs. */
gboolean              tessera_document_model_get_busy          (TesseraDocumentModel  *self);

/* Projects with more documents than this are read and searched in a
 * worker thread (default 5,000; 0 always uses the thread, for tests). */
void                  tessera_document_model_set_thread_threshold (TesseraDocumentModel *self,
                                                                guint                 n_documents);

/* Property "n-documents": documents in the project, filtered or not. */
guint                 tessera_document_model_get_n_documents   (TesseraDocumentModel  *self);

/* Property "status-filter": a TesseraDocumentStatus, or
 * TESSERA_DOCUMENT_MODEL_ALL_STATUSES. */
int                   tessera_document_model_get_status_filter (TesseraDocumentModel  *self);
void                  tessera_document_model_set_status_filter (TesseraDocumentModel  *self,
                                                                int                    status);

/* Property "search" (read-only): shows only the documents matching
 * @query (words as prefixes, all must occur), best first; NULL or blank
 * shows all. In a big project the matches come later (see "busy"), and
 * errors are reported by the "error" signal. */
const char           *tessera_document_model_get_search        (TesseraDocumentModel  *self);
gboolean              tessera_document_model_set_search        (TesseraDocumentModel  *self,
                                                                const char            *query,
                                                                GError               **error);
/* TRUE when a search is active and had more matches than it shows. */
gboolean              tessera_document_model_get_search_truncated (TesseraDocumentModel *self);
/* How many documents the search matches among those of @status (a
 * TesseraDocumentStatus, or TESSERA_DOCUMENT_MODEL_ALL_STATUSES),
 * whatever the status filter: what the list can say when the filter hides
 * every match. Counts the matches the last search kept (the best
 * ones); 0 without a search. */
guint                 tessera_document_model_count_matches     (TesseraDocumentModel  *self,
                                                                int                    status);

/* The document shown at @position, or 0. Makes no item. */
gint64                tessera_document_model_get_document_id   (TesseraDocumentModel  *self,
                                                                guint                  position);
/* Where document @id is shown, or G_MAXUINT (GTK_INVALID_LIST_POSITION). */
guint                 tessera_document_model_find_position     (TesseraDocumentModel  *self,
                                                                gint64                 id);
/* The position after (@direction > 0) or before (< 0) document @id in
 * the list as shown; when @id is not shown (0, or filtered out), the
 * nearest shown document in that direction. G_MAXUINT when none. */
guint                 tessera_document_model_find_adjacent     (TesseraDocumentModel  *self,
                                                                gint64                 id,
                                                                int                    direction);

G_END_DECLS
