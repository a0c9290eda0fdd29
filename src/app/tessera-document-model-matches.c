/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-document-model"

#include "config.h"

#include "tessera-document-model-private.h"

/* What a search found beyond the status filter, for the list's word when
 * the filter hides every match. */

guint
tessera_document_model_count_matches (TesseraDocumentModel *self,
                                      int                   status)
{
  guint n = 0, kept;

  g_return_val_if_fail (TESSERA_IS_DOCUMENT_MODEL (self), 0);
  g_return_val_if_fail (status >= TESSERA_DOCUMENT_MODEL_ALL_STATUSES && status < TESSERA_N_STATUSES, 0);

  if (self->search_ids == NULL)
    return 0;

  /* As _tessera_document_model_compute_visible () keeps them: the one
   * past the limit only tells there were more. */
  kept = MIN (self->search_ids->len, TESSERA_DOCUMENT_MODEL_SEARCH_LIMIT);
  for (guint i = 0; i < kept; i++)
    {
      gboolean found;
      guint index = _tessera_document_model_find_row (self, g_array_index (self->search_ids, gint64, i), &found);

      if (found && (status == TESSERA_DOCUMENT_MODEL_ALL_STATUSES ||
                    g_array_index (self->rows, Row, index).status == status))
        n++;
    }

  return n;
}
