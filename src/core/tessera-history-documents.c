/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-history"

#include "config.h"

#include "tessera-history-private.h"

gboolean
tessera_history_set_document_status (TesseraHistory         *self,
                                     gint64                  document_id,
                                     TesseraDocumentStatus   status,
                                     GError                **error)
{
  g_autoptr(TesseraDocument) doc = NULL;
  StatusRow *before;
  StatusRow *after;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  if (!(doc = tessera_project_get_document (self->project, document_id, FALSE, error)))
    return FALSE;
  if (doc->status == status)
    return TRUE;
  if (!_tessera_history_step_begin (self, "Change status", &step, error))
    return FALSE;

  before = g_new0 (StatusRow, 1);
  before->id = document_id;
  before->status = doc->status;
  after = g_memdup2 (before, sizeof *before);
  after->status = status;
  _tessera_history_record (&step, ROW_STATUS, before, after);

  return _tessera_history_step_end (self, &step,
                                    _tessera_history_apply_recorded (self, &step, error), error);
}
