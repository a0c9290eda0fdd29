/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-format-project-json"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-json-util.h"
#include "tessera-limits.h"
#include "tessera-record-import-private.h"
#include "tessera-record.h"

#define PROJECT_JSON_FORMAT  "tessera-project"
#define PROJECT_JSON_VERSION 1

/* The fields of event cluster @cluster_id's coded record the analyst set
 * by hand: @overrides from the place @first gives for it on (they come by
 * cluster), as "set_by_hand": [{"field":"fatalities","value":"10",
 * "annotator":"ana","set_at":1700000000}] ("annotator" when known; values
 * as the exports write them, times in unix seconds as the file's others).
 * Nothing when there are none. */
static void
write_coded_overrides (TesseraJsonWriter *w,
                       TesseraProject    *project,
                       GPtrArray         *overrides,
                       GHashTable        *first,
                       gint64             cluster_id)
{
  gpointer start;

  if (!g_hash_table_lookup_extended (first, &cluster_id, NULL, &start))
    return;

  tessera_json_writer_key (w, "set_by_hand");
  tessera_json_writer_begin_array (w);
  for (guint i = GPOINTER_TO_UINT (start); i < overrides->len; i++)
    {
      const TesseraCodedOverride *o = overrides->pdata[i];
      const char *annotator = o->annotator_id > 0
        ? tessera_project_get_annotator_name (project, o->annotator_id)
        : NULL;

      if (o->cluster_id != cluster_id)
        break;
      tessera_json_writer_begin_object (w);
      tessera_json_writer_member_string (w, "field", o->field);
      tessera_json_writer_member_string (w, "value", o->value);
      if (annotator != NULL)
        tessera_json_writer_member_string (w, "annotator", annotator);
      tessera_json_writer_member_int (w, "set_at", o->set_at);
      tessera_json_writer_end_object (w);
    }
  tessera_json_writer_end_array (w);
}

/* Every cluster, members or not (their members name them from the
 * records), with what the analyst set by hand of an event cluster's coded
 * record: small beside the documents. */
static gboolean
write_clusters (TesseraJsonWriter  *w,
                TesseraProject     *project,
                GError            **error)
{
  g_autoptr(GPtrArray) clusters = tessera_project_list_clusters (project, TESSERA_LABEL_ANY, error);
  g_autoptr(GPtrArray) overrides = NULL;
  g_autoptr(GHashTable) first = NULL;
  char ref[TESSERA_RECORD_REF_SIZE];

  if (clusters == NULL ||
      !(overrides = tessera_project_list_coded_overrides (project, 0, error)))
    return FALSE;

  /* Cluster id → the place of its first override (they come by cluster). */
  first = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = overrides->len; i-- > 0;)
    {
      const TesseraCodedOverride *o = overrides->pdata[i];

      g_hash_table_replace (first, g_memdup2 (&o->cluster_id, sizeof o->cluster_id), GUINT_TO_POINTER (i));
    }

  tessera_json_writer_key (w, "clusters");
  tessera_json_writer_begin_array (w);
  for (guint i = 0; i < clusters->len; i++)
    {
      const TesseraCluster *cluster = clusters->pdata[i];

      tessera_json_writer_begin_object (w);
      tessera_json_writer_member_string (w, "id", _tessera_record_format_ref (ref, 'c', cluster->id));
      tessera_json_writer_member_string (w, "kind", tessera_label_kind_to_string (cluster->kind));
      tessera_json_writer_member_string (w, "name", cluster->name);
      tessera_json_writer_member_int (w, "created", cluster->created);
      write_coded_overrides (w, project, overrides, first, cluster->id);
      tessera_json_writer_end_object (w);
    }
  tessera_json_writer_end_array (w);

  return TRUE;
}

/* The suggestions the analyst rejected, so that a restored project does
 * not propose them again: by document id, place and label. */
static gboolean
write_rejections (TesseraJsonWriter  *w,
                  TesseraProject     *project,
                  GError            **error)
{
  g_autoptr(GArray) rejections = tessera_project_list_rejections (project, 0, error);
  g_autoptr(TesseraDocument) doc = NULL;

  if (rejections == NULL)
    return FALSE;

  tessera_json_writer_key (w, "rejected_suggestions");
  tessera_json_writer_begin_array (w);
  for (guint i = 0; i < rejections->len; i++)
    {
      const TesseraRejection *r = &g_array_index (rejections, TesseraRejection, i);
      const TesseraLabel *label = tessera_project_get_label (project, r->label_id);

      /* Listed by document: each is read once. */
      if (doc == NULL || doc->id != r->document_id)
        {
          g_clear_pointer (&doc, tessera_document_unref);
          if (!(doc = tessera_project_get_document (project, r->document_id, FALSE, error)))
            return FALSE;
        }
      if (label == NULL)
        continue;

      tessera_json_writer_begin_object (w);
      tessera_json_writer_member_string (w, "document", doc->uid);
      tessera_json_writer_member_int (w, "start", r->start);
      tessera_json_writer_member_int (w, "end", r->end);
      tessera_json_writer_member_string (w, "kind", tessera_label_kind_to_string (label->kind));
      tessera_json_writer_member_string (w, "label", label->name);
      tessera_json_writer_member_int (w, "rejected_at", r->rejected_at);
      tessera_json_writer_end_object (w);
    }
  tessera_json_writer_end_array (w);

  return TRUE;
}

gboolean
tessera_export_project_json (TesseraProject              *project,
                             GOutputStream               *out,
                             const TesseraExportOptions  *options,
                             GError                     **error)
{
  g_autoptr(TesseraJsonWriter) writer = NULL;
  g_autoptr(JsonNode) schema = NULL;
  g_autofree char *schema_json = NULL;
  g_autofree char *name = NULL;
  TesseraRecordExport ex;
  gboolean ok;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The schema is small: embedded through a tree, so it comes out in the
   * same compact style as the rest. */
  schema_json = tessera_project_dup_schema_json (project);
  schema = tessera_json_parse ("project schema", schema_json, -1, error);
  if (schema == NULL)
    return FALSE;

  name = tessera_project_dup_name (project);
  writer = tessera_json_writer_new (out, options ? options->cancellable : NULL);

  tessera_json_writer_begin_object (writer);
  tessera_json_writer_member_string (writer, "format", PROJECT_JSON_FORMAT);
  tessera_json_writer_member_int (writer, "version", PROJECT_JSON_VERSION);
  tessera_json_writer_member_string (writer, "offset_unit", "codepoint");
  if (name != NULL)
    tessera_json_writer_member_string (writer, "name", name);
  tessera_json_writer_key (writer, "schema");
  _tessera_record_write_node (writer, schema);
  /* Before the documents, so a reader meets each cluster before its members. */
  if (!write_clusters (writer, project, error))
    return FALSE;
  tessera_json_writer_key (writer, "documents");
  tessera_json_writer_begin_array (writer);

  /* A backup: suggestions stay, flagged. */
  ok = _tessera_record_export_init (&ex, project, writer, options, FALSE, TRUE, error) &&
       tessera_project_foreach_document (project, TRUE, _tessera_record_export_document, &ex, error);
  _tessera_record_export_clear (&ex);
  if (!ok)
    return FALSE;

  tessera_json_writer_end_array (writer);
  if (!write_rejections (writer, project, error))
    return FALSE;
  tessera_json_writer_end_object (writer);
  tessera_json_writer_newline (writer);

  return tessera_json_writer_finish (g_steal_pointer (&writer), error);
}

/* A project with no documents takes the file's schema and name, so a
 * backup restores into a new project as it was. */
static gboolean
adopt_schema (TesseraImportContext  *ctx,
              const char            *display,
              JsonObject            *root,
              GError               **error)
{
  JsonNode *schema = json_object_get_member (root, "schema");
  JsonNode *name = json_object_get_member (root, "name");
  g_autofree char *schema_json = NULL;

  if (schema == NULL || JSON_NODE_HOLDS_NULL (schema))
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (schema))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("%s: \"schema\" must be an object"), display);
      return FALSE;
    }

  schema_json = json_to_string (schema, FALSE);
  if (!tessera_project_replace_schema (ctx->project, schema_json, -1, error))
    {
      g_prefix_error (error, "%s: schema: ", display);
      return FALSE;
    }

  if (name != NULL && JSON_NODE_HOLDS_VALUE (name) &&
      json_node_get_value_type (name) == G_TYPE_STRING &&
      !tessera_project_set_name (ctx->project, json_node_get_string (name), error))
    {
      g_prefix_error (error, "%s: ", display);
      return FALSE;
    }

  _tessera_import_report_notice (ctx->report,
                                 "%s: the project took the file's label schema and name", display);

  return TRUE;
}

static gboolean
check_header (const char  *display,
              JsonNode    *root,
              GError     **error)
{
  JsonObject *obj;
  JsonNode *format, *version, *unit;

  format = JSON_NODE_HOLDS_OBJECT (root)
    ? json_object_get_member (json_node_get_object (root), "format")
    : NULL;
  if (format == NULL || !JSON_NODE_HOLDS_VALUE (format) ||
      json_node_get_value_type (format) != G_TYPE_STRING ||
      strcmp (json_node_get_string (format), PROJECT_JSON_FORMAT) != 0)
    {
      _tessera_set_not_project_json_error (display, root, error);
      return FALSE;
    }
  obj = json_node_get_object (root);

  version = json_object_get_member (obj, "version");
  if (version != NULL &&
      (!JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("%s: \"version\" must be an integer"), display);
      return FALSE;
    }
  if (version != NULL && json_node_get_int (version) > PROJECT_JSON_VERSION)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_TOO_NEW,
                   _("%s: project JSON version %" PRId64 " was written by a newer "
                      "Tessera (this one reads version %d)"),
                   display, json_node_get_int (version), PROJECT_JSON_VERSION);
      return FALSE;
    }

  unit = json_object_get_member (obj, "offset_unit");
  if (unit != NULL &&
      (!JSON_NODE_HOLDS_VALUE (unit) || json_node_get_value_type (unit) != G_TYPE_STRING ||
       strcmp (json_node_get_string (unit), "codepoint") != 0))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("%s: \"offset_unit\" must be \"codepoint\""), display);
      return FALSE;
    }

  return TRUE;
}

static const char *
member_string (JsonObject *obj,
               const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
member_int (JsonObject *obj,
            const char *name,
            gint64     *value)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

/* The rejected suggestions a backup keeps (see write_rejections), once
 * its documents are in. One whose document or label the project lacks, or
 * that no longer fits its text, is left out. */
static gboolean
import_rejections (TesseraImportContext  *ctx,
                   const char            *display,
                   JsonNode              *rejections,
                   GError               **error)
{
  g_autoptr(TesseraDocument) doc = NULL;
  JsonArray *array;
  guint n_left_out = 0;

  if (rejections == NULL || JSON_NODE_HOLDS_NULL (rejections))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (rejections))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("%s: \"rejected_suggestions\" must be an array"), display);
      return FALSE;
    }

  array = json_node_get_array (rejections);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      TesseraRejection r = { 0 };
      TesseraLabelKind kind = TESSERA_LABEL_ANY;
      const TesseraLabel *label;
      const char *uid;

      if (obj == NULL || !(uid = member_string (obj, "document")) ||
          !member_int (obj, "start", &r.start) || !member_int (obj, "end", &r.end) ||
          !tessera_label_kind_from_string (member_string (obj, "kind"), &kind) ||
          member_string (obj, "label") == NULL || r.start < 0 || r.start >= r.end)
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       /* Translators: the file name, then the place of the entry in the
                        * file's "rejected_suggestions" (from 1). Keep the quoted words:
                        * they are the file's. */
                       _("%s: rejected suggestion %u: needs \"document\", \"kind\" and \"label\" "
                         "strings, and \"start\" before \"end\""), display, i + 1);
          return FALSE;
        }
      member_int (obj, "rejected_at", &r.rejected_at);

      if (doc == NULL || g_strcmp0 (doc->uid, uid) != 0)
        {
          g_autoptr(GError) local_error = NULL;

          g_clear_pointer (&doc, tessera_document_unref);
          doc = tessera_project_find_document (ctx->project, uid, FALSE, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }
      label = tessera_project_find_label (ctx->project, kind, member_string (obj, "label"));
      if (doc == NULL || label == NULL || r.end > doc->n_chars)
        {
          n_left_out++;
          continue;
        }

      r.document_id = doc->id;
      r.label_id = label->id;
      if (!tessera_project_add_rejection (ctx->project, &r, error))
        return FALSE;
    }

  if (n_left_out > 0)
    _tessera_import_report_notice (ctx->report, "%s: %u rejected suggestions left out "
                                   "(their document or label is not in the project)", display, n_left_out);

  return TRUE;
}

/* What the analyst set by hand of each event cluster's coded record (see
 * write_coded_overrides), once the file's clusters are in, on the cluster
 * each "id" became. Merging a backup into the project it came from, a
 * field the project set later than the file says stays as it is. */
static gboolean
import_coded_overrides (TesseraImportContext   *ctx,
                        TesseraRecordImporter  *importer,
                        const char             *display,
                        JsonNode               *clusters,
                        GError                **error)
{
  JsonArray *array;
  guint n_kept = 0;

  /* Not an array: _tessera_record_importer_add_clusters() said so. */
  if (clusters == NULL || !JSON_NODE_HOLDS_ARRAY (clusters))
    return TRUE;

  array = json_node_get_array (clusters);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *set_by_hand = obj != NULL ? json_object_get_member (obj, "set_by_hand") : NULL;
      const char *ref = obj != NULL ? member_string (obj, "id") : NULL;
      const ClusterRef *cluster = ref != NULL ? g_hash_table_lookup (importer->clusters, ref) : NULL;
      g_autoptr(GPtrArray) existing = NULL;
      g_autoptr(GHashTable) seen = NULL;
      JsonArray *fields;

      if (set_by_hand == NULL || JSON_NODE_HOLDS_NULL (set_by_hand) || cluster == NULL)
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (set_by_hand))
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       /* Translators: the file name, then the cluster's place in the file's
                        * "clusters" (from 1). Keep "set_by_hand": it is the file's word. */
                       _("%s: cluster %u: \"set_by_hand\" must be an array"), display, i + 1);
          return FALSE;
        }
      fields = json_node_get_array (set_by_hand);
      if (json_array_get_length (fields) == 0)
        continue;
      if (cluster->kind != TESSERA_LABEL_EVENT)
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       /* Translators: the file name, then the cluster's place in the file's
                        * "clusters" (from 1). Keep "set_by_hand": it is the file's word. */
                       _("%s: cluster %u: links entities, but only an event cluster has a coded "
                         "record with fields \"set_by_hand\""), display, i + 1);
          return FALSE;
        }

      if (!(existing = tessera_project_list_coded_overrides (ctx->project, cluster->id, error)))
        return FALSE;
      seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint j = 0; j < json_array_get_length (fields); j++)
        {
          JsonNode *element = json_array_get_element (fields, j);
          JsonObject *f = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
          g_autoptr(GError) local_error = NULL;
          g_autofree char *where = NULL;
          TesseraCodedOverride o = { 0 };
          JsonNode *annotator, *set_at;
          const char *field, *name;
          gboolean newer = FALSE;

          /* Translators: where a field set by hand is in the file: the file
           * name, the cluster's place in the file's "clusters", then the
           * field's place in the cluster's "set_by_hand" (both from 1). The
           * messages below follow it with a colon. */
          where = g_strdup_printf (_("%s: cluster %u: entry %u of \"set_by_hand\""), display, i + 1, j + 1);

          if (f == NULL || !(field = member_string (f, "field")))
            {
              g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                           /* Translators: where in the file (see "entry %u of"). Keep
                            * "field": it is the file's word. */
                           _("%s: must be an object with a \"field\" string"), where);
              return FALSE;
            }
          if (!(o.value = (char *) member_string (f, "value")))
            {
              g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                           /* Translators: where in the file (see "entry %u of"), then the
                            * field ("fatalities"). Keep "value": it is the file's word. */
                           _("%s: %s: \"value\" must be a string"), where, field);
              return FALSE;
            }
          annotator = json_object_get_member (f, "annotator");
          if (annotator != NULL && !JSON_NODE_HOLDS_NULL (annotator) && !member_string (f, "annotator"))
            {
              g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                           /* Translators: where in the file (see "entry %u of"), then the
                            * field ("fatalities"). Keep "annotator": it is the file's word. */
                           _("%s: %s: \"annotator\" must be a string"), where, field);
              return FALSE;
            }
          set_at = json_object_get_member (f, "set_at");
          if (set_at != NULL && !JSON_NODE_HOLDS_NULL (set_at) && !member_int (f, "set_at", &o.set_at))
            {
              g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                           /* Translators: where in the file (see "entry %u of"), then the
                            * field ("fatalities"). Keep "set_at": it is the file's word. */
                           _("%s: %s: \"set_at\" must be a whole number (seconds since 1970)"),
                           where, field);
              return FALSE;
            }
          if (!tessera_coded_field_check (field, o.value, &local_error))
            {
              /* The message names the field. */
              g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                           "%s: %s", where, local_error->message);
              return FALSE;
            }
          if (!g_hash_table_add (seen, (char *) field))
            {
              g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                           /* Translators: where in the file (see "entry %u of"), then the
                            * field ("fatalities"). */
                           _("%s: %s is set twice for this cluster"), where, field);
              return FALSE;
            }

          for (guint k = 0; k < existing->len; k++)
            {
              const TesseraCodedOverride *e = existing->pdata[k];

              if (g_str_equal (e->field, field) && o.set_at > 0 && e->set_at > o.set_at)
                newer = TRUE;
            }
          if (newer)
            {
              n_kept++;
              continue;
            }

          /* No annotator: nobody known, as the project had it. */
          name = member_string (f, "annotator");
          if (name != NULL && *name != '\0' &&
              !(o.annotator_id = tessera_project_get_annotator_id (ctx->project, name, &local_error)))
            {
              if (local_error != NULL)
                g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", where);
              else
                g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED,
                             /* Translators: where in the file (see "entry %u of"), then the
                              * field ("fatalities"). */
                             _("%s: %s: the annotator could not be recorded"), where, field);
              return FALSE;
            }

          o.cluster_id = cluster->id;
          o.field = (char *) field;
          if (!tessera_project_set_coded_override (ctx->project, &o, error))
            {
              g_prefix_error (error, "%s: ", where);
              return FALSE;
            }
        }
    }

  if (n_kept > 0)
    _tessera_import_report_notice (ctx->report, "%s: %u fields set by hand kept as the project has them "
                                   "(set there after the backup)", display, n_kept);

  return TRUE;
}

gboolean
_tessera_import_project_json_file (TesseraImportContext  *ctx,
                                   const char            *path,
                                   GError               **error)
{
  g_autofree char *display = NULL;
  g_autofree char *repaired = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(TesseraRecordImporter) importer = NULL;
  JsonNode *documents;
  JsonArray *array = NULL;
  const char *data, *bad;
  gsize len;
  gboolean was_empty;
  guint n;

  g_return_val_if_fail (ctx != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);

  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, TESSERA_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                   ? TESSERA_ERROR_NOT_FOUND : TESSERA_ERROR_FAILED,
                   _("%s: %s"), display, local_error->message);
      return FALSE;
    }

  len = g_mapped_file_get_length (mapped);
  data = g_mapped_file_get_contents (mapped);
  if (len > TESSERA_MAX_PROJECT_JSON)
    {
      g_autofree char *limit = g_format_size_full (TESSERA_MAX_PROJECT_JSON,
                                                   G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_LIMIT,
                   /* Translators: the file name, then a size ("512.0 MiB"). */
                   _("%s: larger than the %s limit for a project JSON file "
                      "(export the documents as JSONL instead)"), display, limit);
      return FALSE;
    }
  if (len == 0 || data == NULL)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("%s: empty file; not a Tessera project JSON"), display);
      return FALSE;
    }

  if (!g_utf8_validate_len (data, len, &bad))
    {
      if (!ctx->options->repair_utf8 || *bad == '\0')
        {
          if (*bad == '\0')
            g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                         _("%s: NUL byte at byte offset %zu"), display, (gsize) (bad - data));
          else
            g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                         _("%s: invalid UTF-8 at byte offset %zu"), display, (gsize) (bad - data));
          return FALSE;
        }
      repaired = g_utf8_make_valid (data, len);
      data = repaired;
      len = strlen (repaired);
      _tessera_import_report_notice (ctx->report, "%s: invalid UTF-8 replaced by U+FFFD", display);
    }

  root = tessera_json_parse (display, data, len, error);
  if (root == NULL || !check_header (display, root, error))
    return FALSE;
  g_clear_pointer (&repaired, g_free);

  documents = json_object_get_member (json_node_get_object (root), "documents");
  if (documents != NULL && !JSON_NODE_HOLDS_NULL (documents))
    {
      if (!JSON_NODE_HOLDS_ARRAY (documents))
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       _("%s: \"documents\" must be an array"), display);
          return FALSE;
        }
      array = json_node_get_array (documents);
    }

  was_empty = tessera_project_count_documents (ctx->project) == 0;
  if (was_empty && !adopt_schema (ctx, display, json_node_get_object (root), error))
    return FALSE;

  importer = _tessera_record_importer_new (ctx, display, was_empty);
  if (!_tessera_record_importer_add_clusters (importer,
                                              json_object_get_member (json_node_get_object (root),
                                                                      "clusters"),
                                              error) ||
      !import_coded_overrides (ctx, importer, display,
                               json_object_get_member (json_node_get_object (root), "clusters"),
                               error))
    return FALSE;

  n = array != NULL ? json_array_get_length (array) : 0;
  for (guint i = 0; i < n; i++)
    {
      if (_tessera_import_context_cancelled (ctx, error) ||
          !_tessera_record_importer_add (importer, json_array_get_element (array, i),
                                         0, i + 1, error))
        return FALSE;

      /* No byte positions in a parsed tree: progress by share of documents. */
      _tessera_import_context_progress (ctx, (guint64) len * (i + 1) / n);
    }

  return import_rejections (ctx, display,
                            json_object_get_member (json_node_get_object (root), "rejected_suggestions"),
                            error);
}
