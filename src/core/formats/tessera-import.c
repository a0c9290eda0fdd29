/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-formats-private.h"

typedef enum
{
  FORMAT_TEXT,
  FORMAT_JSONL,
  FORMAT_PROJECT_JSON,
} ImportFormat;

typedef struct
{
  char         *path;
  char         *collate_key;
  guint64       size;
  ImportFormat  format;
} ImportFile;

static void
import_file_free (gpointer data)
{
  ImportFile *file = data;

  g_free (file->path);
  g_free (file->collate_key);
  g_free (file);
}

void
tessera_import_report_init (TesseraImportReport *report)
{
  g_return_if_fail (report != NULL);

  memset (report, 0, sizeof *report);
  report->notices = g_ptr_array_new_with_free_func (g_free);
}

void
tessera_import_report_clear (TesseraImportReport *report)
{
  g_return_if_fail (report != NULL);

  g_clear_pointer (&report->notices, g_ptr_array_unref);
  memset (report, 0, sizeof *report);
}

void
_tessera_import_context_progress (TesseraImportContext *ctx,
                                  guint64               bytes_in_file)
{
  guint64 done;

  g_return_if_fail (ctx != NULL);

  if (ctx->options == NULL || ctx->options->progress == NULL)
    return;

  done = ctx->bytes_done + bytes_in_file;
  if (ctx->bytes_total > 0 && done > ctx->bytes_total)
    done = ctx->bytes_total;

  ctx->options->progress (done, ctx->bytes_total, ctx->options->progress_data);
}

gboolean
_tessera_import_context_cancelled (TesseraImportContext  *ctx,
                                   GError               **error)
{
  g_return_val_if_fail (ctx != NULL, FALSE);

  if (ctx->options != NULL &&
      ctx->options->cancellable != NULL &&
      g_cancellable_is_cancelled (ctx->options->cancellable))
    {
      g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_CANCELLED,
                           _("Import cancelled; nothing was imported"));
      return TRUE;
    }

  return FALSE;
}

void
_tessera_import_report_notice (TesseraImportReport *report,
                               const char          *format,
                               ...)
{
  va_list args;

  g_return_if_fail (report != NULL);
  g_return_if_fail (format != NULL);

  if (report->notices == NULL)
    report->notices = g_ptr_array_new_with_free_func (g_free);

  va_start (args, format);
  g_ptr_array_add (report->notices, g_strdup_vprintf (format, args));
  va_end (args);
}

static gboolean
has_suffix_nocase (const char *name,
                   const char *suffix)
{
  gsize name_len = strlen (name);
  gsize suffix_len = strlen (suffix);

  return name_len > suffix_len &&
         g_ascii_strcasecmp (name + name_len - suffix_len, suffix) == 0;
}

/* Files other tools write, told by the end of their name; the format is
 * translated where it is shown. */
static const struct
{
  const char *suffix;
  const char *format;
} foreign_names[] = {
  { ".ann", N_("brat standoff annotations (.ann; import the .txt beside it for the text alone)") },
  { ".a1", N_("BioNLP standoff annotations (.a1)") },
  { ".a2", N_("BioNLP standoff annotations (.a2)") },
  { ".conll", N_("CoNLL token-per-line annotations") },
  { ".conllu", N_("CoNLL-U token-per-line annotations") },
  { ".iob", N_("IOB token-per-line annotations") },
  { ".bio", N_("BIO token-per-line annotations") },
  { ".apf.xml", N_("ACE annotations (.apf.xml)") },
  { ".xmi", N_("UIMA XMI annotations (INCEpTION, WebAnno)") },
};

static const char *
foreign_format_for_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (foreign_names); i++)
    if (has_suffix_nocase (name, foreign_names[i].suffix))
      return foreign_names[i].format;

  return NULL;
}

static ImportFormat
format_for_name (const char *name)
{
  /* .jsonlines too: the records say whether they are Tessera's (RAMS
   * and others use that name for their own). */
  if (has_suffix_nocase (name, ".jsonl") || has_suffix_nocase (name, ".ndjson") ||
      has_suffix_nocase (name, ".jsonlines"))
    return FORMAT_JSONL;
  if (has_suffix_nocase (name, ".json"))
    return FORMAT_PROJECT_JSON;
  return FORMAT_TEXT;
}

static gboolean
is_importable_name (const char *name)
{
  static const char * const suffixes[] = {
    ".txt", ".text", ".jsonl", ".ndjson", ".json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (has_suffix_nocase (name, suffixes[i]))
      return TRUE;

  return FALSE;
}

static ImportFile *
import_file_new (const char *path,
                 const char *name,
                 guint64     size)
{
  ImportFile *file = g_new0 (ImportFile, 1);
  g_autofree char *display = g_filename_display_name (name);

  file->path = g_strdup (path);
  file->collate_key = g_utf8_collate_key_for_filename (display, -1);
  file->size = size;
  file->format = format_for_name (name);

  return file;
}

static int
compare_import_files (gconstpointer a,
                      gconstpointer b)
{
  const ImportFile *fa = *(ImportFile * const *) a;
  const ImportFile *fb = *(ImportFile * const *) b;
  int cmp = strcmp (fa->collate_key, fb->collate_key);

  /* Names that collate alike still get a stable order. */
  return cmp != 0 ? cmp : strcmp (fa->path, fb->path);
}

/* Reading a folder failed: a cancel stays a cancel, the rest names the path. */
static void
set_folder_error (GError     **error,
                  const char  *display,
                  GError      *local_error)
{
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_CANCELLED,
                         _("Import cancelled; nothing was imported"));
  else
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED,
                 /* Translators: the folder, then the reason. */
                 _("%s: cannot read the folder: %s"), display, local_error->message);
}

/* Adds a folder's importable files, in file-name order, to @files. */
static gboolean
expand_folder (const char           *path,
               GPtrArray            *files,
               TesseraImportReport  *report,
               GCancellable         *cancellable,
               GError              **error)
{
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (import_file_free);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = g_filename_display_name (path);

  enumerator = g_file_enumerate_children (dir,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                          G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN,
                                          G_FILE_QUERY_INFO_NONE,
                                          cancellable, &local_error);
  if (enumerator == NULL)
    {
      set_folder_error (error, display, local_error);
      return FALSE;
    }

  for (;;)
    {
      GFileInfo *info = NULL;
      const char *name;
      g_autofree char *child = NULL;
      g_autofree char *child_display = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, cancellable, &local_error))
        {
          set_folder_error (error, display, local_error);
          return FALSE;
        }
      if (info == NULL)
        break;

      name = g_file_info_get_name (info);
      if (name[0] == '.' || g_file_info_get_is_hidden (info))
        continue;

      child = g_build_filename (path, name, NULL);
      child_display = g_filename_display_name (child);

      switch (g_file_info_get_file_type (info))
        {
        case G_FILE_TYPE_REGULAR:
          if (is_importable_name (name))
            g_ptr_array_add (found, import_file_new (child, name, g_file_info_get_size (info)));
          else
            {
              report->n_skipped++;
              _tessera_import_report_notice (report,
                                             /* Translators: a file in the folder being imported. */
                                             _("%s: not a .txt, .text, .jsonl, .ndjson or .json "
                                               "file, skipped"),
                                             child_display);
            }
          break;

        case G_FILE_TYPE_DIRECTORY:
          /* Sub-folders are not entered, but the analyst should know. */
          /* Translators: a folder inside the folder being imported. */
          _tessera_import_report_notice (report, _("%s: a folder, not entered"), child_display);
          break;

        case G_FILE_TYPE_UNKNOWN:
        case G_FILE_TYPE_SYMBOLIC_LINK:
        case G_FILE_TYPE_SPECIAL:
        case G_FILE_TYPE_SHORTCUT:
        case G_FILE_TYPE_MOUNTABLE:
        default:
          report->n_skipped++;
          /* Translators: something in the folder being imported that is
           * neither a file nor a folder (a device, a socket, a broken link). */
          _tessera_import_report_notice (report, _("%s: not a regular file, skipped"),
                                         child_display);
          break;
        }
    }

  g_ptr_array_sort (found, compare_import_files);
  /* Keys are only for sorting; a 100,000-file folder should not keep them. */
  for (guint i = 0; i < found->len; i++)
    g_clear_pointer (&((ImportFile *) found->pdata[i])->collate_key, g_free);
  g_ptr_array_extend_and_steal (files, g_steal_pointer (&found));

  return TRUE;
}

/* Turns the given paths into the list of files to import, refusing a
 * missing path before anything is written. */
static gboolean
expand_paths (const char * const   *paths,
              GPtrArray            *files,
              TesseraImportReport  *report,
              GCancellable         *cancellable,
              GError              **error)
{
  for (guint i = 0; paths[i] != NULL; i++)
    {
      const char *path = paths[i];
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *basename = NULL;
      const char *foreign;

      info = g_file_query_info (file,
                                G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                G_FILE_QUERY_INFO_NONE,
                                cancellable, &local_error);
      if (info == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND,
                         _("%s: no such file or folder"), display);
          else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_CANCELLED,
                                 _("Import cancelled; nothing was imported"));
          else
            g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED,
                         _("%s: %s"), display, local_error->message);
          return FALSE;
        }

      switch (g_file_info_get_file_type (info))
        {
        case G_FILE_TYPE_DIRECTORY:
          if (!expand_folder (path, files, report, cancellable, error))
            return FALSE;
          break;

        case G_FILE_TYPE_REGULAR:
          /* A file named explicitly is imported whatever its extension,
           * unless another tool's annotations would become a text. */
          basename = g_path_get_basename (path);
          if ((foreign = foreign_format_for_name (basename)) != NULL)
            {
              g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                           /* Translators: the file name, then the other tool's format ("CoNLL
                            * token-per-line annotations"). */
                           _("%s: this looks like %s, which Tessera cannot import yet"),
                           display, _(foreign));
              return FALSE;
            }
          g_ptr_array_add (files, import_file_new (path, basename, g_file_info_get_size (info)));
          break;

        case G_FILE_TYPE_UNKNOWN:
        case G_FILE_TYPE_SYMBOLIC_LINK:
        case G_FILE_TYPE_SPECIAL:
        case G_FILE_TYPE_SHORTCUT:
        case G_FILE_TYPE_MOUNTABLE:
        default:
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       _("%s: not a regular file or folder"), display);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
import_one (TesseraImportContext  *ctx,
            const ImportFile      *file,
            GError               **error)
{
  switch (file->format)
    {
    case FORMAT_JSONL:
      return _tessera_import_jsonl_file (ctx, file->path, error);
    case FORMAT_PROJECT_JSON:
      return _tessera_import_project_json_file (ctx, file->path, error);
    case FORMAT_TEXT:
    default:
      return _tessera_import_text_file (ctx, file->path, error);
    }
}

/* Nothing was added after a rollback, so the report must not say so. */
void
_tessera_import_report_forget_additions (TesseraImportReport *report)
{
  report->n_documents = 0;
  report->n_merged = 0;
  report->n_spans = 0;
  report->n_events = 0;
  report->n_stances = 0;
}

gboolean
tessera_import_paths (TesseraProject              *project,
                      const char * const          *paths,
                      const TesseraImportOptions  *options,
                      TesseraImportReport         *report,
                      GError                     **error)
{
  static const TesseraImportOptions default_options = { 0 };
  TesseraImportReport local_report;
  TesseraImportContext ctx = { 0 };
  g_autoptr(GPtrArray) files = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (paths != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = &default_options;

  tessera_import_report_init (&local_report);
  if (report == NULL)
    report = &local_report;
  else if (report->notices == NULL)
    report->notices = g_ptr_array_new_with_free_func (g_free);

  if (tessera_project_get_read_only (project))
    {
      g_autofree char *display = g_filename_display_name (tessera_project_get_path (project));

      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_READ_ONLY,
                   _("%s is open read-only; nothing was imported"), display);
      goto out;
    }

  ctx.project = project;
  ctx.options = options;
  ctx.report = report;

  if (_tessera_import_context_cancelled (&ctx, error))
    goto out;

  files = g_ptr_array_new_with_free_func (import_file_free);
  if (!expand_paths (paths, files, report, options->cancellable, error))
    goto out;

  for (guint i = 0; i < files->len; i++)
    ctx.bytes_total += ((ImportFile *) files->pdata[i])->size;

  if (_tessera_import_context_cancelled (&ctx, error))
    goto out;

  if (!tessera_project_begin (project, error))
    goto out;

  _tessera_import_context_progress (&ctx, 0);

  for (guint i = 0; i < files->len; i++)
    {
      const ImportFile *file = files->pdata[i];

      if (_tessera_import_context_cancelled (&ctx, error) ||
          !import_one (&ctx, file, error))
        {
          tessera_project_rollback (project);
          _tessera_import_report_forget_additions (report);
          goto out;
        }

      ctx.bytes_done += file->size;
      _tessera_import_context_progress (&ctx, 0);
    }

  /* A failed commit rolls itself back. */
  if (!tessera_project_commit (project, error))
    {
      _tessera_import_report_forget_additions (report);
      goto out;
    }

  ok = TRUE;

out:
  tessera_import_report_clear (&local_report);
  return ok;
}

/* --- off the main thread ---------------------------------------------- */

typedef struct
{
  char                **paths;
  TesseraImportOptions  options;
  TesseraImportReport   report;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_strfreev (job->paths);
  tessera_import_report_clear (&job->report);
  g_free (job);
}

static gboolean
import_work (TesseraProject  *worker,
             gpointer         data,
             GCancellable    *cancellable,
             GError         **error)
{
  ImportJob *job = data;

  job->options.cancellable = cancellable;

  return tessera_import_paths (worker, (const char * const *) job->paths, &job->options, &job->report, error);
}

static void
import_written (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (tessera_project_write_finish (TESSERA_PROJECT (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

void
tessera_import_paths_async (TesseraProject              *project,
                            const char * const          *paths,
                            const TesseraImportOptions  *options,
                            GAsyncReadyCallback          callback,
                            gpointer                     user_data)
{
  GTask *task;
  ImportJob *job;

  g_return_if_fail (TESSERA_IS_PROJECT (project));
  g_return_if_fail (paths != NULL);

  job = g_new0 (ImportJob, 1);
  job->paths = g_strdupv ((char **) paths);
  if (options != NULL)
    job->options = *options;
  tessera_import_report_init (&job->report);

  /* The outer task carries the report to _finish; the write runs the
   * import on the worker connection. */
  task = g_task_new (project, job->options.cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_import_paths_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  tessera_project_write_async (project, import_work, job, NULL, job->options.cancellable,
                               import_written, task);
}

gboolean
tessera_import_paths_finish (TesseraProject        *project,
                             GAsyncResult          *result,
                             TesseraImportReport   *report,
                             GError               **error)
{
  ImportJob *job;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, project), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (report != NULL)
    {
      tessera_import_report_clear (report);
      *report = job->report;
      tessera_import_report_init (&job->report);
    }

  return g_task_propagate_boolean (G_TASK (result), error);
}
