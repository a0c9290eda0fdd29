/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-history"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-history-private.h"

gboolean
tessera_history_update_label (TesseraHistory  *self,
                              gint64           label_id,
                              const char      *name,
                              const char      *color,
                              const char      *shortcut,
                              GError         **error)
{
  const TesseraLabel *label;
  TesseraLabel *before;
  TesseraLabel *after;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  if (!(label = tessera_project_get_label (self->project, label_id)))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND, _("No label with id %" PRId64), label_id);
      return FALSE;
    }

  before = tessera_label_copy (label);
  after = tessera_label_copy (label);
  if (name != NULL)
    _tessera_history_replace_string (&after->name, name);
  if (color != NULL)
    _tessera_history_replace_string (&after->color, color);
  if (shortcut != NULL)
    _tessera_history_replace_string (&after->shortcut, *shortcut ? shortcut : NULL);

  /* Nothing changes: no step that would undo nothing. */
  if (g_strcmp0 (before->name, after->name) == 0 && g_strcmp0 (before->color, after->color) == 0 &&
      g_strcmp0 (before->shortcut, after->shortcut) == 0)
    {
      tessera_label_free (before);
      tessera_label_free (after);
      return TRUE;
    }

  if (!_tessera_history_step_begin (self, "Change label", &step, error))
    {
      tessera_label_free (before);
      tessera_label_free (after);
      return FALSE;
    }
  _tessera_history_record (&step, ROW_LABEL, before, after);

  return _tessera_history_step_end (self, &step,
                                    _tessera_history_apply_recorded (self, &step, error), error);
}
