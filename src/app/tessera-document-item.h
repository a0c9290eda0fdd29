/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tessera-document.h"

G_BEGIN_DECLS

/* One row of the document list: a document's metadata as properties
 * ("id", "title", "source", "published", "status", "n-annotations",
 * "n-pending"), so rows can bind to them and follow changes. Created on
 * demand by TesseraDocumentModel, which updates it when the project
 * changes. */

#define TESSERA_TYPE_DOCUMENT_ITEM (tessera_document_item_get_type ())

G_DECLARE_FINAL_TYPE (TesseraDocumentItem, tessera_document_item, TESSERA, DOCUMENT_ITEM, GObject)

TesseraDocumentItem   *tessera_document_item_new               (gint64                 id,
                                                                 const char            *title,
                                                                 const char            *source,
                                                                 const char            *published,
                                                                 TesseraDocumentStatus  status,
                                                                 gint64                 n_annotations,
                                                                 gint64                 n_pending);

gint64                 tessera_document_item_get_id            (TesseraDocumentItem   *self);
/* The title, or "" when the document has none. */
const char            *tessera_document_item_get_title         (TesseraDocumentItem   *self);
const char            *tessera_document_item_get_source        (TesseraDocumentItem   *self);
const char            *tessera_document_item_get_published     (TesseraDocumentItem   *self);
TesseraDocumentStatus  tessera_document_item_get_status        (TesseraDocumentItem   *self);
/* Spans in the document, suggested or not. */
gint64                 tessera_document_item_get_n_annotations (TesseraDocumentItem   *self);
/* Of them, suggestions not yet accepted or rejected. */
gint64                 tessera_document_item_get_n_pending     (TesseraDocumentItem   *self);

/* Replaces the metadata, notifying only the properties that changed. */
void                   tessera_document_item_update            (TesseraDocumentItem   *self,
                                                                 const char            *title,
                                                                 const char            *source,
                                                                 const char            *published,
                                                                 TesseraDocumentStatus  status,
                                                                 gint64                 n_annotations,
                                                                 gint64                 n_pending);

G_END_DECLS
