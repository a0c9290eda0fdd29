/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-export"

#include "config.h"

#include <errno.h>

#include "tessera-format-event-json.h"
#include "tessera-formats.h"

/* Exporting to a file off the main thread, on a read-only connection of
 * the export's own: the caller's project stays open and usable. */

typedef struct
{
  char                *project_path;
  TesseraExportFormat  format;
  GFile               *file;
  TesseraProgressFunc  progress;
  gpointer             progress_data;
  char                *annotator;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->project_path);
  g_free (job->annotator);
  g_clear_object (&job->file);
  g_free (job);
}

static gboolean
export_to (TesseraProject              *project,
           TesseraExportFormat          format,
           GOutputStream               *out,
           const TesseraExportOptions  *options,
           GError                     **error)
{
  switch (format)
    {
    case TESSERA_EXPORT_PROJECT_JSON:
      return tessera_export_project_json (project, out, options, error);
    case TESSERA_EXPORT_REPORT_JSON:
      return tessera_export_report_json (project, out, options, error);
    case TESSERA_EXPORT_TOKENS:
      return tessera_export_tokens (project, out, options, error);
    case TESSERA_EXPORT_CONLL:
      return tessera_export_conll (project, out, options, error);
    case TESSERA_EXPORT_EVENT_JSON:
      return tessera_export_event_json (project, out, options, 1, NULL, error);
    case TESSERA_EXPORT_BRAT:
    case TESSERA_EXPORT_JSONL:
    default:
      return tessera_export_jsonl (project, out, options, error);
    }
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  TesseraExportOptions options = { job->progress, job->progress_data, cancellable, job->annotator };
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  /* An index that no longer matches its table would feed the export
   * wrong rows: the full check, not the quick one. */
  if (!(project = tessera_project_open (job->project_path, TESSERA_OPEN_READ_ONLY | TESSERA_OPEN_FULL_CHECK,
                                        &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* brat is a folder, made beside its place and renamed into it. */
  if (job->format == TESSERA_EXPORT_BRAT)
    {
      g_autofree char *path = g_file_get_path (job->file);

      if (path != NULL && tessera_export_brat (project, path, &options, &error))
        g_task_return_boolean (task, TRUE);
      else if (path == NULL)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s", g_strerror (ENOTSUP));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!(out = g_file_replace (job->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Replacing writes a temporary file: closing it after a cancel drops
   * it, and a failed export keeps the old file. */
  if (!export_to (project, job->format, G_OUTPUT_STREAM (out), &options, &error))
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (out), abandon, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
tessera_export_file_async (TesseraProject              *project,
                           TesseraExportFormat          format,
                           GFile                       *file,
                           const TesseraExportOptions  *options,
                           GAsyncReadyCallback          callback,
                           gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (TESSERA_IS_PROJECT (project));
  g_return_if_fail (G_IS_FILE (file));
  /* The worker opens the file again. */
  g_return_if_fail (tessera_project_get_path (project) != NULL);

  task = g_task_new (project, options != NULL ? options->cancellable : NULL, callback, user_data);
  g_task_set_source_tag (task, tessera_export_file_async);

  job = g_new0 (ExportJob, 1);
  job->project_path = g_strdup (tessera_project_get_path (project));
  job->format = format;
  job->file = g_object_ref (file);
  if (options != NULL)
    {
      job->progress = options->progress;
      job->progress_data = options->progress_data;
      job->annotator = g_strdup (options->annotator);
    }
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
tessera_export_file_finish (TesseraProject  *project,
                            GAsyncResult    *result,
                            GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, project), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
