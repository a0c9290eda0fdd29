/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-project"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tessera-project-private.h"

/* Long writes (an import, tagging all occurrences) without closing the
 * project: the project lends its write lock to a second connection that
 * a worker thread writes through, stays open for reading meanwhile (WAL
 * lets it read while the worker writes) and refuses writes of its own
 * (TESSERA_ERROR_BUSY). When the worker is done the project takes the
 * lock back and tells its followers once, with a reset: the window keeps
 * its document on screen and its undo history. */

typedef struct
{
  TesseraProject        *worker;
  TesseraProjectWorkFunc func;
  gpointer               data;
  GDestroyNotify         data_free;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_clear_object (&job->worker);
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;

  if (job->func (job->worker, job->data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);

  /* Closed in this thread: the connection was used here. */
  tessera_project_close (job->worker);
}

void
tessera_project_write_async (TesseraProject         *self,
                             TesseraProjectWorkFunc  func,
                             gpointer                data,
                             GDestroyNotify          data_free,
                             GCancellable           *cancellable,
                             GAsyncReadyCallback     callback,
                             gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  WriteJob *job;

  g_return_if_fail (TESSERA_IS_PROJECT (self));
  g_return_if_fail (func != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_project_write_async);
  /* What the worker committed must come back even when cancelled late. */
  g_task_set_check_cancellable (task, FALSE);
  job = g_new0 (WriteJob, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);

  if (!_tessera_project_ensure_writable (self, &error) || self->tx_depth > 0 ||
      !(job->worker = _tessera_project_open_worker (self, &error)))
    {
      if (error == NULL)
        g_set_error (&error, TESSERA_ERROR, TESSERA_ERROR_BUSY,
                     _("%s is in the middle of a change"), self->path);
      g_task_return_error (task, error);
      return;
    }

  self->lent = TRUE;
  g_task_run_in_thread (task, write_thread);
}

gboolean
tessera_project_write_finish (TesseraProject  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  WriteJob *job;
  gboolean ok;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  ok = g_task_propagate_boolean (G_TASK (result), error);

  if (job->worker != NULL && self->lent)
    {
      self->lent = FALSE;
      /* The worker's commits started, or went on with, a generation of
       * the -wal; its checkpoints may have ended one. */
      self->need_new_generation = job->worker->need_new_generation;
      /* Labels and annotators the worker added. */
      _tessera_project_load_schema (self, NULL);
      _tessera_project_load_annotators (self, NULL);
      _tessera_project_changed (self, TESSERA_CHANGE_RESET, TESSERA_CHANGE_UPDATED, 0, 0);
    }

  return ok;
}

gboolean
tessera_project_get_busy (TesseraProject *self)
{
  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);

  return self->lent;
}
