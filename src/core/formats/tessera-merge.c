/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-formats"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-record-import-private.h"

/* Merging annotators' projects: each input's documents go through the
 * record importer one at a time, as the record writer writes them for a
 * backup (suggestions flagged, every object with its annotator), so the
 * memory used does not grow with the projects. */

typedef struct
{
  TesseraProject        *input;
  const char            *input_path;
  const char            *output_path;
  TesseraRecordImporter *importer;
  TesseraRecordExport    export;
  GCancellable          *cancellable;
  guint                  index;
} MergeInput;

/* The clusters of the input, found in the project by kind and name (made
 * there when missing), under the references its records use. */
static gboolean
match_clusters (MergeInput  *m,
                GError     **error)
{
  TesseraProject *project = m->importer->project;
  g_autoptr(GPtrArray) theirs = tessera_project_list_clusters (m->input, TESSERA_LABEL_ANY, error);
  g_autoptr(GPtrArray) ours = NULL;
  g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (theirs == NULL || !(ours = tessera_project_list_clusters (project, TESSERA_LABEL_ANY, error)))
    return FALSE;
  for (guint i = 0; i < ours->len; i++)
    {
      const TesseraCluster *cluster = ours->pdata[i];

      g_hash_table_insert (by_name, g_strdup_printf ("%d\t%s", cluster->kind, cluster->name),
                           g_memdup2 (&cluster->id, sizeof cluster->id));
    }

  m->importer->clusters_declared = TRUE;
  for (guint i = 0; i < theirs->len; i++)
    {
      const TesseraCluster *cluster = theirs->pdata[i];
      g_autofree char *key = g_strdup_printf ("%d\t%s", cluster->kind, cluster->name);
      const gint64 *found = g_hash_table_lookup (by_name, key);
      char ref[TESSERA_RECORD_REF_SIZE];
      ClusterRef *match = g_new0 (ClusterRef, 1);

      match->kind = cluster->kind;
      if (found != NULL)
        match->id = *found;
      else if ((match->id = tessera_project_add_cluster (project, cluster->kind, cluster->name, error)) <= 0)
        {
          g_free (match);
          return FALSE;
        }
      g_hash_table_insert (by_name, g_steal_pointer (&key), g_memdup2 (&match->id, sizeof match->id));
      g_hash_table_insert (m->importer->clusters,
                           g_strdup (_tessera_record_format_ref (ref, 'c', cluster->id)), match);
    }

  return TRUE;
}

static gboolean
merge_document (TesseraDocument  *doc,
                gpointer          user_data,
                GError          **error)
{
  MergeInput *m = user_data;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(TesseraDocument) existing = NULL;
  TesseraJsonWriter *writer;
  gboolean ok;

  if (g_cancellable_set_error_if_cancelled (m->cancellable, error))
    return FALSE;

  /* The same id with another text is two different documents. */
  existing = tessera_project_find_document (m->importer->project, doc->uid, TRUE, error);
  if (existing == NULL && error != NULL && *error != NULL)
    return FALSE;
  if (existing != NULL && g_strcmp0 (existing->text, doc->text) != 0)
    {
      g_autofree char *input = g_filename_display_name (m->input_path);
      g_autofree char *output = g_filename_display_name (m->output_path);

      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   /* Translators: the input project, the document's id, then the project merged into. */
                   _("%s: document “%s” has a different text in %s; nothing was merged"),
                   input, doc->uid, output);
      return FALSE;
    }

  writer = tessera_json_writer_new (out, NULL);
  m->export.writer = writer;
  ok = _tessera_record_write (&m->export, doc, error);
  m->export.writer = NULL;
  if (!tessera_json_writer_finish (writer, ok ? error : NULL) || !ok ||
      !g_output_stream_close (out, NULL, error))
    return FALSE;

  if (!json_parser_load_from_data (parser,
                                   g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                                   g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)),
                                   error))
    return FALSE;

  return _tessera_record_importer_add (m->importer, json_parser_get_root (parser), 0, m->index++, error);
}

static gboolean
merge_one (TesseraImportContext  *ctx,
           const char            *input_path,
           GError               **error)
{
  g_autoptr(TesseraProject) input = NULL;
  g_autoptr(TesseraRecordImporter) importer = NULL;
  g_autofree char *display = g_filename_display_name (input_path);
  MergeInput m = { 0 };
  gboolean ok;

  if (!(input = tessera_project_open (input_path, TESSERA_OPEN_READ_ONLY, error)))
    return FALSE;
  if (g_strcmp0 (tessera_project_get_path (input), tessera_project_get_path (ctx->project)) == 0)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("%s is the project merged into"), display);
      return FALSE;
    }

  importer = _tessera_record_importer_new (ctx, display, FALSE);
  importer->per_annotator = TRUE;
  m.input = input;
  m.input_path = input_path;
  m.output_path = tessera_project_get_path (ctx->project);
  m.importer = importer;
  m.cancellable = ctx->options->cancellable;

  if (!_tessera_record_export_init (&m.export, input, NULL, NULL, FALSE, TRUE, error))
    return FALSE;
  ok = match_clusters (&m, error) &&
       tessera_project_foreach_document (input, TRUE, merge_document, &m, error);
  _tessera_record_export_clear (&m.export);
  tessera_project_close (input);

  return ok;
}

gboolean
tessera_merge_projects (TesseraProject              *project,
                        const char * const          *inputs,
                        const TesseraImportOptions  *options,
                        TesseraImportReport         *report,
                        GError                     **error)
{
  static const TesseraImportOptions default_options = { 0 };
  TesseraImportReport local_report;
  TesseraImportContext ctx = { 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (inputs != NULL, FALSE);

  tessera_import_report_init (&local_report);
  if (report == NULL)
    report = &local_report;
  ctx.project = project;
  ctx.options = options != NULL ? options : &default_options;
  ctx.report = report;

  if (!tessera_project_begin (project, error))
    {
      tessera_import_report_clear (&local_report);
      return FALSE;
    }
  for (guint i = 0; ok && inputs[i] != NULL; i++)
    ok = merge_one (&ctx, inputs[i], error);

  /* A failed commit rolls itself back. */
  if (!ok)
    tessera_project_rollback (project);
  else
    ok = tessera_project_commit (project, error);
  if (!ok)
    _tessera_import_report_forget_additions (report);

  tessera_import_report_clear (&local_report);
  return ok;
}
