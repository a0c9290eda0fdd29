/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-document-list.h"
#include "tessera-document-model.h"

G_BEGIN_DECLS

/* tessera-document-list-state.c: what the document list says of what it
 * shows, from its model alone. */

/* When it shows no document: an icon, a title, a description (owned by
 * the caller), and whether the matches of the search are all in other
 * statuses than the filter's (then it offers to show every status). */
void  _tessera_document_list_describe_empty (TesseraDocumentModel  *model,
                                             gboolean               has_project,
                                             const char           **icon_name,
                                             const char           **title,
                                             char                 **description,
                                             gboolean              *offer_all);
/* The line under the list ("12 of 1,500 documents"), or NULL for none. */
char *_tessera_document_list_describe_count (TesseraDocumentModel  *model);

G_END_DECLS
