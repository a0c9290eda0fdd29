/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-record"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-limits.h"
#include "tessera-record-import-private.h"
#include "tessera-text.h"

/* Longest title taken from a text's first line. */
#define MAX_TITLE_CHARS 200

/* --- reading ---------------------------------------------------------- */

static void
record_clear (Record *r)
{
  g_clear_pointer (&r->where, g_free);
  g_clear_pointer (&r->spans, g_hash_table_unref);
  g_clear_pointer (&r->events, g_hash_table_unref);
  g_clear_pointer (&r->old_spans, g_hash_table_unref);
  g_clear_pointer (&r->old_events, g_hash_table_unref);
  g_clear_pointer (&r->old_stances, g_hash_table_unref);
  g_clear_pointer (&r->ids, g_array_unref);
  g_clear_pointer (&r->strings, g_string_chunk_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Record, record_clear)

gboolean
_tessera_record_error (Record      *r,
                       GError     **error,
                       const char  *format,
                       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
               _("%s: %s"), r->where, message);
  return FALSE;
}

/* Errors from the project (a constraint, SQLite) still say where. */
gboolean
_tessera_record_prefix_error (Record  *r,
                              GError **error)
{
  g_prefix_error (error, "%s: ", r->where);
  return FALSE;
}

/* An optional string member; present but not a string is an error. */
gboolean
_tessera_record_get_string (Record      *r,
                            JsonObject  *obj,
                            const char  *what,
                            const char  *key,
                            const char **out,
                            GError     **error)
{
  JsonNode *node = json_object_get_member (obj, key);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return _tessera_record_error (r, error, "%s\"%s\" must be a string", what, key);

  *out = json_node_get_string (node);
  return TRUE;
}

/* A reference to an object of the record: a string, or an integer some
 * tools write instead. */
gboolean
_tessera_record_get_ref (Record      *r,
                         JsonObject  *obj,
                         const char  *what,
                         const char  *key,
                         char         buf[TESSERA_RECORD_REF_SIZE],
                         const char **out,
                         GError     **error)
{
  JsonNode *node = json_object_get_member (obj, key);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    *out = json_node_get_string (node);
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      g_snprintf (buf, TESSERA_RECORD_REF_SIZE, "%" G_GINT64_FORMAT, json_node_get_int (node));
      *out = buf;
    }
  else
    return _tessera_record_error (r, error, "%s\"%s\" must be a string", what, key);

  return TRUE;
}

/* A code-point offset: a whole number from 0. (One beyond 64 bits never
 * gets here: tessera_json_parse() refuses it.) */
gboolean
_tessera_record_get_offset (Record     *r,
                            JsonObject *obj,
                            const char *what,
                            const char *key,
                            gint64     *out,
                            GError    **error)
{
  JsonNode *node = json_object_get_member (obj, key);
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return _tessera_record_error (r, error, "%shas no \"%s\"", what, key);

  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type == G_TYPE_INT64 && json_node_get_int (node) >= 0)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    {
      char value[G_ASCII_DTOSTR_BUF_SIZE];

      if (type == G_TYPE_INT64)
        g_snprintf (value, sizeof value, "%" G_GINT64_FORMAT, json_node_get_int (node));
      else
        g_ascii_dtostr (value, sizeof value, json_node_get_double (node));
      return _tessera_record_error (r, error,
                                    "%s%s %s is not a valid offset (offsets are whole numbers of "
                                    "code points from 0)", what, key, value);
    }

  return _tessera_record_error (r, error, "%s\"%s\" must be an integer (a code-point offset)",
                                what, key);
}

/* An optional boolean member; FALSE when absent. */
gboolean
_tessera_record_get_bool (Record      *r,
                          JsonObject  *obj,
                          const char  *what,
                          const char  *key,
                          gboolean    *out,
                          GError     **error)
{
  JsonNode *node = json_object_get_member (obj, key);

  *out = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return _tessera_record_error (r, error, "%s\"%s\" must be true or false", what, key);

  *out = json_node_get_boolean (node);
  return TRUE;
}

/* An optional array member; NULL when absent. */
gboolean
_tessera_record_get_array (Record      *r,
                           JsonObject  *obj,
                           const char  *what,
                           const char  *key,
                           JsonArray  **out,
                           GError     **error)
{
  JsonNode *node = json_object_get_member (obj, key);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return _tessera_record_error (r, error, "%s\"%s\" must be an array", what, key);

  *out = json_node_get_array (node);
  return TRUE;
}

JsonObject *
_tessera_record_get_element_object (Record      *r,
                                    JsonArray   *array,
                                    guint        i,
                                    const char  *what,
                                    GError     **error)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      _tessera_record_error (r, error, "%s %u must be an object", what, i + 1);
      return NULL;
    }

  return json_node_get_object (node);
}

/* "s12" → 12 for @prefix 's'; 0 when @ref has another shape. */
gint64
_tessera_record_parse_ref_id (const char *ref,
                              char        prefix)
{
  guint64 value = 0;

  if (ref == NULL || ref[0] != prefix || !g_ascii_isdigit (ref[1]))
    return 0;
  if (!g_ascii_string_to_unsigned (ref + 1, 10, 1, G_MAXINT64, &value, NULL))
    return 0;

  return (gint64) value;
}

/* The first line with something other than whitespace, trimmed and cut
 * to MAX_TITLE_CHARS; NULL when there is none. */
static char *
title_from_text (const char *text)
{
  const char *line = text;

  while (*line != '\0')
    {
      const char *eol = strchr (line, '\n');
      const char *end = eol != NULL ? eol : line + strlen (line);
      g_autofree char *copy = g_strstrip (g_strndup (line, end - line));

      if (*copy != '\0')
        {
          if (g_utf8_strlen (copy, -1) > MAX_TITLE_CHARS)
            {
              g_autofree char *cut = g_utf8_substring (copy, 0, MAX_TITLE_CHARS);

              return g_strconcat (g_strchomp (cut), "…", NULL);
            }
          return g_steal_pointer (&copy);
        }

      if (eol == NULL)
        break;
      line = eol + 1;
    }

  return NULL;
}

/* The document metadata of a record: NULL, or has_status FALSE, where the
 * record has none. */
typedef struct
{
  const char            *title;
  const char            *source;
  const char            *url;
  const char            *published;
  const char            *language;
  gboolean               has_status;
  TesseraDocumentStatus  status;
} Metadata;

static gboolean
get_metadata (Record      *r,
              JsonObject  *obj,
              Metadata    *meta,
              GError     **error)
{
  const char *status;

  memset (meta, 0, sizeof *meta);
  if (!_tessera_record_get_string (r, obj, "", "title", &meta->title, error) ||
      !_tessera_record_get_string (r, obj, "", "source", &meta->source, error) ||
      !_tessera_record_get_string (r, obj, "", "url", &meta->url, error) ||
      !_tessera_record_get_string (r, obj, "", "published", &meta->published, error) ||
      !_tessera_record_get_string (r, obj, "", "language", &meta->language, error) ||
      !_tessera_record_get_string (r, obj, "", "status", &status, error))
    return FALSE;

  if (status != NULL)
    {
      if (!tessera_status_from_string (status, &meta->status))
        return _tessera_record_error (r, error,
                                      "unknown status \"%s\" (expected new, in-progress or done)",
                                      status);
      meta->has_status = TRUE;
    }

  return TRUE;
}

static gboolean
add_new_document (Record          *r,
                  const Metadata  *meta,
                  const char      *uid,
                  const char      *text,
                  GError         **error)
{
  TesseraProject *project = r->imp->project;
  g_autoptr(TesseraDocument) doc = tessera_document_new ();
  g_autoptr(GError) local_error = NULL;

  doc->uid = g_strdup (uid);
  doc->title = meta->title != NULL ? g_strdup (meta->title) : title_from_text (text);
  doc->source = g_strdup (meta->source);
  doc->url = g_strdup (meta->url);
  doc->published = g_strdup (meta->published);
  doc->language = g_strdup (meta->language);
  if (meta->has_status)
    doc->status = meta->status;

  /* Lent, not copied: a text may be megabytes. */
  doc->text = (char *) text;
  r->document_id = tessera_project_add_document (project, doc, &local_error);
  doc->text = NULL;
  if (r->document_id <= 0)
    {
      if (local_error == NULL)
        return _tessera_record_error (r, error, "the document could not be added");
      g_propagate_error (error, g_steal_pointer (&local_error));
      return _tessera_record_prefix_error (r, error);
    }

  r->imp->ctx->report->n_documents++;

  return TRUE;
}

/* Replaces *@field by @value when the record has one; TRUE when that
 * changes it. */
static gboolean
merge_field (char       **field,
             const char  *value)
{
  if (value == NULL || g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

/* A record merging into an existing document brings its metadata: each
 * field the record has replaces the document's, the others stay (how
 * annotations without text give plain-text imports their outlet, date
 * and status). */
static gboolean
merge_metadata (Record           *r,
                TesseraDocument  *doc,
                const Metadata   *meta,
                GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean changed = FALSE;

  changed |= merge_field (&doc->title, meta->title);
  changed |= merge_field (&doc->source, meta->source);
  changed |= merge_field (&doc->url, meta->url);
  changed |= merge_field (&doc->published, meta->published);
  changed |= merge_field (&doc->language, meta->language);
  if (meta->has_status && meta->status != doc->status)
    {
      doc->status = meta->status;
      changed = TRUE;
    }

  if (changed && !tessera_project_update_document (r->imp->project, doc, &local_error))
    {
      if (local_error == NULL)
        return _tessera_record_error (r, error, "the document's metadata could not be updated");
      g_propagate_error (error, g_steal_pointer (&local_error));
      return _tessera_record_prefix_error (r, error);
    }

  return TRUE;
}

static void
report_text_fixes (Record                 *r,
                   const TesseraTextFixes *fixes)
{
  TesseraImportReport *report = r->imp->ctx->report;
  guint64 line_endings = fixes->crlf_converted + fixes->cr_converted;

  if (fixes->bom_removed)
    _tessera_import_report_notice (report, "%s: byte-order mark removed from the text", r->where);
  if (line_endings > 0)
    _tessera_import_report_notice (report,
                                   "%s: %" G_GUINT64_FORMAT " line endings in the text converted to LF",
                                   r->where, line_endings);
  if (fixes->bytes_repaired > 0)
    _tessera_import_report_notice (report,
                                   "%s: %" G_GUINT64_FORMAT " invalid bytes in the text replaced by U+FFFD",
                                   r->where, fixes->bytes_repaired);
}

gboolean
_tessera_record_importer_add (TesseraRecordImporter  *self,
                              JsonNode               *node,
                              guint64                 line,
                              guint                   index,
                              GError                **error)
{
  TesseraProject *project;
  g_auto(Record) r = { 0 };
  g_autoptr(TesseraDocument) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  char ref_buf[TESSERA_RECORD_REF_SIZE];
  JsonObject *obj;
  JsonArray *spans, *events, *stances;
  const char *uid, *raw_text, *unit;
  TesseraTextFixes fixes = { 0 };
  Metadata meta;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (node != NULL, FALSE);

  project = self->project;
  r.imp = self;
  r.strings = g_string_chunk_new (1024);
  r.ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  r.where = line > 0
    ? g_strdup_printf ("%s:%" G_GUINT64_FORMAT, self->file_label, line)
    : g_strdup_printf ("%s: document %u", self->file_label, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return _tessera_record_error (&r, error, "a document record must be a JSON object");
  obj = json_node_get_object (node);

  if (!_tessera_record_get_ref (&r, obj, "", "id", ref_buf, &uid, error))
    return FALSE;
  if (uid != NULL && line == 0)
    {
      g_free (r.where);
      r.where = g_strdup_printf ("%s: document %u (uid \"%s\")", self->file_label, index, uid);
    }

  /* Another tool's record would come in as a bare text, its annotations lost. */
  if (!_tessera_record_check_keys (obj, r.where, error))
    return FALSE;

  if (!_tessera_record_get_string (&r, obj, "", "offset_unit", &unit, error) ||
      !_tessera_record_get_string (&r, obj, "", "text", &raw_text, error) ||
      !_tessera_record_get_array (&r, obj, "", "spans", &spans, error) ||
      !_tessera_record_get_array (&r, obj, "", "events", &events, error) ||
      !_tessera_record_get_array (&r, obj, "", "stances", &stances, error) ||
      !get_metadata (&r, obj, &meta, error))
    return FALSE;

  if (spans != NULL && json_array_get_length (spans) > TESSERA_MAX_SPANS_PER_DOC)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_LIMIT,
                   /* Translators: where the record is (file and line), the number of spans
                    * it has, then the limit. */
                   _("%s: %u spans, more than the %d a document may have"),
                   r.where, json_array_get_length (spans), TESSERA_MAX_SPANS_PER_DOC);
      return FALSE;
    }

  if (unit != NULL && strcmp (unit, "codepoint") != 0)
    return _tessera_record_error (&r, error,
                                  "\"offset_unit\" is \"%s\"; Tessera reads offsets in Unicode "
                                  "code points (\"codepoint\")", unit);

  if (raw_text != NULL)
    {
      text = tessera_text_normalize (r.where, raw_text, strlen (raw_text),
                                     self->ctx->options->repair_utf8, &fixes, error);
      if (text == NULL)
        return FALSE;

      /* Offsets were counted in the text as given: converting it would
       * move every span after the change. */
      if (spans != NULL && json_array_get_length (spans) > 0)
        {
          if (fixes.bom_removed)
            return _tessera_record_error (&r, error,
                                          "text starts with a byte-order mark; offsets would shift "
                                          "(remove it and recompute the offsets)");
          if (fixes.crlf_converted > 0 || fixes.cr_converted > 0)
            return _tessera_record_error (&r, error,
                                          "text contains CR line endings; offsets would shift "
                                          "(convert them to LF and recompute the offsets)");
        }
    }

  if (uid != NULL)
    {
      existing = tessera_project_find_document (project, uid, TRUE, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return _tessera_record_prefix_error (&r, error);
        }
    }

  if (existing != NULL)
    {
      if (text != NULL && g_strcmp0 (text, existing->text) != 0)
        return _tessera_record_error (&r, error,
                                      "the project already has a document with id \"%s\" and a "
                                      "different text", uid);
      r.document_id = existing->id;
      r.text = existing->text;
      r.merged = TRUE;
      if (!merge_metadata (&r, existing, &meta, error) ||
          !_tessera_record_load_existing (&r, error))
        return FALSE;
      self->ctx->report->n_merged++;
    }
  else
    {
      if (text == NULL)
        {
          if (uid == NULL)
            return _tessera_record_error (&r, error, "the record has no \"text\"");
          return _tessera_record_error (&r, error,
                                        "the record has no \"text\" and the project has no "
                                        "document with id \"%s\" to add its annotations to", uid);
        }
      if (!add_new_document (&r, &meta, uid, text, error))
        return FALSE;
      r.text = text;
    }

  report_text_fixes (&r, &fixes);

  r.n_chars = tessera_text_n_chars (r.text, -1);
  tessera_text_cursor_init (&r.cursor, r.text, -1);
  r.spans = _tessera_record_id_table_new ();
  r.events = _tessera_record_id_table_new ();

  for (guint i = 0; spans != NULL && i < json_array_get_length (spans); i++)
    {
      JsonObject *span = _tessera_record_get_element_object (&r, spans, i, "span", error);

      if (span == NULL || !_tessera_record_import_span (&r, span, i, error))
        return FALSE;
    }

  for (guint i = 0; events != NULL && i < json_array_get_length (events); i++)
    {
      JsonObject *event = _tessera_record_get_element_object (&r, events, i, "event", error);

      if (event == NULL || !_tessera_record_import_event (&r, event, i, error))
        return FALSE;
    }

  for (guint i = 0; stances != NULL && i < json_array_get_length (stances); i++)
    {
      JsonObject *stance = _tessera_record_get_element_object (&r, stances, i, "stance", error);

      if (stance == NULL || !_tessera_record_import_stance (&r, stance, i, error))
        return FALSE;
    }

  return TRUE;
}

TesseraRecordImporter *
_tessera_record_importer_new (TesseraImportContext *ctx,
                              const char           *file_label,
                              gboolean              keep_ids)
{
  TesseraRecordImporter *self;

  g_return_val_if_fail (ctx != NULL, NULL);
  g_return_val_if_fail (file_label != NULL, NULL);

  self = g_new0 (TesseraRecordImporter, 1);
  self->ctx = ctx;
  self->project = ctx->project;
  self->file_label = g_strdup (file_label);
  self->keep_ids = keep_ids;
  self->clusters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return self;
}

static gboolean
cluster_error (TesseraRecordImporter  *self,
               guint                   index,
               const char             *message,
               GError                **error)
{
  g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
               /* Translators: the file name, the cluster's position in the file's "clusters"
                * (from 1), then what is wrong with it. */
               _("%s: cluster %u: %s"), self->file_label, index + 1, message);
  return FALSE;
}

static const char *
cluster_string (JsonObject *obj,
                const char *key)
{
  JsonNode *node = json_object_get_member (obj, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

gboolean
_tessera_record_importer_add_clusters (TesseraRecordImporter  *self,
                                       JsonNode               *clusters,
                                       GError                **error)
{
  JsonArray *array;

  g_return_val_if_fail (self != NULL, FALSE);

  if (clusters == NULL || JSON_NODE_HOLDS_NULL (clusters))
    return TRUE;
  self->clusters_declared = TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (clusters))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("%s: \"clusters\" must be an array"), self->file_label);
      return FALSE;
    }

  array = json_node_get_array (clusters);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(TesseraCluster) taken = NULL;
      TesseraCluster cluster = { 0 };
      JsonObject *obj;
      JsonNode *created;
      const char *ref, *kind;
      ClusterRef *found;
      gint64 wanted;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return cluster_error (self, i, "must be an object", error);
      obj = json_node_get_object (node);

      ref = cluster_string (obj, "id");
      kind = cluster_string (obj, "kind");
      cluster.name = (char *) cluster_string (obj, "name");
      created = json_object_get_member (obj, "created");
      if (ref == NULL)
        return cluster_error (self, i, "needs an \"id\" string", error);
      if (g_hash_table_contains (self->clusters, ref))
        return cluster_error (self, i, "another cluster has the same \"id\"", error);
      if (g_strcmp0 (kind, "entity") == 0)
        cluster.kind = TESSERA_LABEL_ENTITY;
      else if (g_strcmp0 (kind, "event") == 0)
        cluster.kind = TESSERA_LABEL_EVENT;
      else
        return cluster_error (self, i, "\"kind\" must be \"entity\" or \"event\"", error);
      if (created != NULL && JSON_NODE_HOLDS_VALUE (created) &&
          json_node_get_value_type (created) == G_TYPE_INT64)
        cluster.created = json_node_get_int (created);

      /* Restoring a backup keeps ids, unless one is taken; merging a
       * backup into the project it came from finds its clusters there
       * (same id, kind and name). */
      wanted = _tessera_record_parse_ref_id (ref, 'c');
      taken = wanted > 0 ? tessera_project_get_cluster (self->project, wanted, NULL) : NULL;
      if (taken != NULL && !self->keep_ids &&
          taken->kind == cluster.kind && g_strcmp0 (taken->name, cluster.name) == 0)
        cluster.id = taken->id;
      else
        {
          cluster.id = self->keep_ids && taken == NULL ? wanted : 0;
          cluster.id = tessera_project_insert_cluster (self->project, &cluster, &local_error);
        }
      if (cluster.id <= 0)
        return cluster_error (self, i, local_error != NULL ? local_error->message : "could not be added",
                              error);

      found = g_new0 (ClusterRef, 1);
      found->id = cluster.id;
      found->kind = cluster.kind;
      g_hash_table_insert (self->clusters, g_strdup (ref), found);
    }

  return TRUE;
}

void
_tessera_record_importer_free (TesseraRecordImporter *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->clusters, g_hash_table_unref);
  g_free (self->span_label_names);
  g_free (self->file_label);
  g_free (self);
}
