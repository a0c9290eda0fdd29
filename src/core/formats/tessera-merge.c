/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-formats"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-record-import-private.h"

/* Moving documents between projects, for team work: merging annotators'
 * projects, and handing documents out. Each document goes through the
 * record importer one at a time, as the record writer writes it, so the
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

/* The fields of cluster @theirs' coded record the input's analyst set by
 * hand, onto cluster @ours where the project has not set them itself
 * (the project's own reading stands). */
static gboolean
carry_coded_fields (MergeInput  *m,
                    gint64       theirs,
                    gint64       ours,
                    GError     **error)
{
  TesseraProject *project = m->importer->project;
  g_autoptr(GPtrArray) set = tessera_project_list_coded_overrides (m->input, theirs, error);
  g_autoptr(GPtrArray) already = NULL;

  if (set == NULL || !(already = tessera_project_list_coded_overrides (project, ours, error)))
    return FALSE;

  for (guint i = 0; i < set->len; i++)
    {
      TesseraCodedOverride *o = g_ptr_array_index (set, i);
      const char *who = tessera_project_get_annotator_name (m->input, o->annotator_id);
      gboolean taken = FALSE;

      for (guint j = 0; j < already->len; j++)
        taken |= g_str_equal (((TesseraCodedOverride *) g_ptr_array_index (already, j))->field, o->field);
      if (taken)
        continue;
      o->cluster_id = ours;
      o->annotator_id = 0;
      if ((who != NULL && (o->annotator_id = tessera_project_get_annotator_id (project, who, error)) <= 0) ||
          !tessera_project_set_coded_override (project, o, error))
        return FALSE;
    }

  return TRUE;
}

/* The clusters of the input, found in the project by kind and name (made
 * there when missing), under the references its records use, with the
 * fields of their coded records set by hand. */
static gboolean
match_clusters (MergeInput  *m,
                GError     **error)
{
  TesseraProject *project = m->importer->project;
  g_autoptr(GPtrArray) theirs = tessera_project_list_clusters (m->input, TESSERA_LABEL_ANY, error);
  g_autoptr(GPtrArray) ours = NULL;
  g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

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
      if (cluster->kind == TESSERA_LABEL_EVENT && !carry_coded_fields (m, cluster->id, match->id, error))
        return FALSE;
    }

  return TRUE;
}

/* @doc as a record, parsed into @parser. */
static gboolean
load_record (TesseraRecordExport  *export,
             TesseraDocument      *doc,
             JsonParser           *parser,
             GError              **error)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  TesseraJsonWriter *writer = tessera_json_writer_new (out, NULL);
  gboolean ok;

  export->writer = writer;
  ok = _tessera_record_write (export, doc, error);
  export->writer = NULL;
  if (!tessera_json_writer_finish (writer, ok ? error : NULL) || !ok ||
      !g_output_stream_close (out, NULL, error))
    return FALSE;

  return json_parser_load_from_data (parser,
                                     g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                                     g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)),
                                     error);
}

static gboolean
merge_document (TesseraDocument  *doc,
                gpointer          user_data,
                GError          **error)
{
  MergeInput *m = user_data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TesseraDocument) existing = NULL;

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

  if (!load_record (&m->export, doc, parser, error))
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

/* The reference @member of @object, put through @renamed (references of
 * dropped duplicates → the ones kept). */
static const char *
follow (JsonObject *object,
        const char *member,
        GHashTable *renamed)
{
  const char *ref = json_object_get_string_member_with_default (object, member, NULL);
  const char *kept;

  if (ref != NULL && (kept = g_hash_table_lookup (renamed, ref)) != NULL)
    {
      json_object_set_string_member (object, member, kept);
      ref = json_object_get_string_member (object, member);
    }
  return ref;
}

/* Each of @kind's objects of @record once (several annotators' identical
 * work would otherwise come as as many suggestions), signed by
 * @annotator, suggested, out of any cluster. */
static void
suggest_once (JsonObject *record,
              const char *kind,
              const char *annotator,
              GHashTable *renamed)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *objects = json_object_get_array_member (record, kind);
  g_autoptr(JsonArray) kept = json_array_new ();

  for (guint i = 0; i < json_array_get_length (objects); i++)
    {
      JsonObject *object = json_array_get_object_element (objects, i);
      const char *ref = json_object_get_string_member_with_default (object, "id", "");
      g_autofree char *key = NULL;
      const char *first;

      if (g_str_equal (kind, "spans"))
        key = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s",
                               json_object_get_int_member_with_default (object, "start", 0),
                               json_object_get_int_member_with_default (object, "end", 0),
                               json_object_get_string_member_with_default (object, "label", ""));
      else if (g_str_equal (kind, "events"))
        {
          JsonArray *arguments = json_object_get_array_member (object, "arguments");

          for (guint a = 0; arguments != NULL && a < json_array_get_length (arguments); a++)
            follow (json_array_get_object_element (arguments, a), "span", renamed);
          key = g_strdup_printf ("%s %s", follow (object, "trigger", renamed),
                                 json_object_get_string_member_with_default (object, "type", ""));
        }
      else
        {
          JsonObject *target = json_object_get_member (object, "target") != NULL
                               ? json_object_get_object_member (object, "target") : NULL;
          const char *holder = follow (object, "holder", renamed);
          const char *span = follow (object, "span", renamed);
          const char *toward = target != NULL ? follow (target, "event", renamed) : NULL;

          if (target != NULL && toward == NULL)
            toward = follow (target, "span", renamed);
          key = g_strdup_printf ("%s %s %s %s", span, json_object_get_string_member_with_default (object, "label", ""),
                                 holder != NULL ? holder : "-", toward != NULL ? toward : "-");
        }

      if ((first = g_hash_table_lookup (seen, key)) != NULL)
        {
          g_hash_table_insert (renamed, g_strdup (ref), g_strdup (first));
          continue;
        }
      g_hash_table_insert (seen, g_steal_pointer (&key), g_strdup (ref));
      json_object_set_string_member (object, "annotator", annotator);
      json_object_set_boolean_member (object, "suggested", TRUE);
      json_object_remove_member (object, "cluster");
      json_object_remove_member (object, "cluster_name");
      json_array_add_object_element (kept, json_object_ref (object));
    }
  json_object_set_array_member (record, kind, g_steal_pointer (&kept));
}

/* A handed-out document starts anew, its annotations suggestions signed
 * by @annotator, or none when @annotator is NULL. */
static void
rewrite_for (JsonObject *record,
             const char *annotator)
{
  static const char * const kinds[] = { "spans", "events", "stances" };
  g_autoptr(GHashTable) renamed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  json_object_set_string_member (record, "status", "new");
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      if (!json_object_has_member (record, kinds[k]))
        continue;
      if (annotator == NULL)
        json_object_remove_member (record, kinds[k]);
      else
        suggest_once (record, kinds[k], annotator, renamed);
    }
}

gboolean
tessera_copy_documents (TesseraProject  *project,
                        TesseraProject  *from,
                        GArray          *document_ids,
                        const char      *suggest_as,
                        GCancellable    *cancellable,
                        GError         **error)
{
  static const TesseraImportOptions default_options = { 0 };
  g_autoptr(TesseraRecordImporter) importer = NULL;
  g_autofree char *display = NULL;
  TesseraImportReport report;
  TesseraImportContext ctx = { 0 };
  TesseraRecordExport export;
  gboolean ok = TRUE;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (TESSERA_IS_PROJECT (from), FALSE);
  g_return_val_if_fail (document_ids != NULL, FALSE);

  tessera_import_report_init (&report);
  ctx.project = project;
  ctx.options = &default_options;
  ctx.report = &report;
  display = g_filename_display_name (tessera_project_get_path (from));

  /* Training-data records: accepted annotations only. */
  if (!_tessera_record_export_init (&export, from, NULL, NULL, TRUE, FALSE, error))
    return FALSE;
  if (!tessera_project_begin (project, error))
    {
      _tessera_record_export_clear (&export);
      return FALSE;
    }
  importer = _tessera_record_importer_new (&ctx, display, FALSE);

  for (guint i = 0; ok && i < document_ids->len; i++)
    {
      g_autoptr(TesseraDocument) doc = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();

      ok = !g_cancellable_set_error_if_cancelled (cancellable, error) &&
           (doc = tessera_project_get_document (from, g_array_index (document_ids, gint64, i), TRUE, error)) != NULL &&
           load_record (&export, doc, parser, error);
      if (ok)
        {
          rewrite_for (json_node_get_object (json_parser_get_root (parser)), suggest_as);
          ok = _tessera_record_importer_add (importer, json_parser_get_root (parser), 0, i, error);
        }
    }
  _tessera_record_export_clear (&export);

  if (!ok)
    tessera_project_rollback (project);
  else
    ok = tessera_project_commit (project, error);
  tessera_import_report_clear (&report);
  return ok;
}
