/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-format-doccano"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-foreign-private.h"
#include "tessera-json-util.h"
#include "tessera-text.h"

/* doccano and Label Studio, the two web tools whose exports count
 * offsets in JavaScript string indices: UTF-16 code units, which differ
 * from code points after the first emoji (doccano #2290, Label Studio
 * #1347). Offsets are converted; a span's "text", where the file gives
 * one, tells the unit and is checked.
 *
 * doccano JSONL:      {"id","text","label":[[start,end,"LABEL"],…]}
 *                     {"id","text","entities":[{"id","start_offset","end_offset","label"}],
 *                      "relations":[{"from_id","to_id","type"}]}
 * Label Studio JSON:  [{"id","data":{"text"},"annotations":[{"completed_by","result":[…]}],
 *                      "predictions":[{"model_version","result":[…]}]}], each result
 *                     {"type":"labels","value":{"start","end","text","labels":[…]}}
 * Annotations are accepted spans signed by their annotator; predictions
 * are suggestions signed by their model_version. */

typedef struct
{
  TesseraImportContext *ctx;
  TesseraForeign       *foreign;
  const char           *label;      /* the file, for messages */
  char                 *where;      /* "FILE:LINE" or "FILE: task N" */
  guint64               line;
  const char           *raw;        /* the text as the file gives it */
  TesseraUtf16Map      *utf16;      /* of @raw */
  GArray               *removed;    /* what normalising @raw removed */
  char                 *text;       /* normalised */
  gint64                n_raw_chars;
  JsonObject           *record;
  guint64               next_span;
} ForeignDoc;

static void
foreign_doc_clear (ForeignDoc *doc)
{
  g_clear_pointer (&doc->where, g_free);
  g_clear_pointer (&doc->utf16, _tessera_utf16_map_free);
  g_clear_pointer (&doc->removed, g_array_unref);
  g_clear_pointer (&doc->text, g_free);
}

static gboolean
doc_error (GError     **error,
           ForeignDoc  *doc,
           const char  *format,
           ...) G_GNUC_PRINTF (3, 4);

static gboolean
doc_error (GError     **error,
           ForeignDoc  *doc,
           const char  *format,
           ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: where (file and line, or file and task), then what is wrong. */
  g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT, _("%s: %s"), doc->where, what);
  return FALSE;
}

/* Starts a document: its record, with the text normalised. */
static gboolean
doc_begin (ForeignDoc  *doc,
           const char  *uid,
           const char  *raw,
           GError     **error)
{
  TesseraTextFixes fixes = { 0 };

  doc->raw = raw;
  doc->text = tessera_text_normalize (doc->where, raw, strlen (raw), doc->ctx->options->repair_utf8,
                                      &fixes, error);
  if (doc->text == NULL)
    return FALSE;
  doc->utf16 = _tessera_utf16_map_new (raw);
  doc->removed = _tessera_foreign_removed_chars (raw, strlen (raw));
  doc->n_raw_chars = tessera_text_n_chars (raw, -1);
  doc->record = _tessera_foreign_add_record (doc->foreign, uid, doc->text, doc->label, doc->line);
  doc->next_span = 0;
  return TRUE;
}

/* [start, end) of the file in code points of the raw text, by @unit. */
static gboolean
to_codepoints (ForeignDoc        *doc,
               TesseraOffsetUnit  unit,
               gint64             start,
               gint64             end,
               gint64            *cp_start,
               gint64            *cp_end)
{
  if (unit == TESSERA_OFFSETS_CODEPOINT)
    {
      *cp_start = start, *cp_end = end;
      return start >= 0 && start <= end && end <= doc->n_raw_chars;
    }
  return start >= 0 && start <= end &&
         _tessera_utf16_map_to_codepoint (doc->utf16, start, cp_start) &&
         _tessera_utf16_map_to_codepoint (doc->utf16, end, cp_end);
}

static gboolean
raw_slice_is (ForeignDoc *doc,
              gint64      start,
              gint64      end,
              const char *expected)
{
  g_autofree char *found = tessera_text_slice (doc->raw, start, end);

  return found != NULL && strcmp (found, expected) == 0;
}

/* Adds a span given in the file's offsets; @expected (may be NULL) is
 * its text. Returns the span, or NULL with @error. */
static JsonObject *
doc_add_span (ForeignDoc  *doc,
              gint64       start,
              gint64       end,
              const char  *label,
              const char  *expected,
              GError     **error)
{
  TesseraOffsetUnit unit = doc->ctx->options->offsets;
  gint64 cp_start = 0, cp_end = 0;

  if (label == NULL || *label == '\0')
    {
      doc_error (error, doc, _("a span without a label"));
      return NULL;
    }
  if (unit == TESSERA_OFFSETS_AUTO && expected != NULL && _tessera_utf16_map_differs (doc->utf16))
    {
      /* The span's own text says which count the tool used. */
      if (to_codepoints (doc, TESSERA_OFFSETS_UTF16, start, end, &cp_start, &cp_end) &&
          raw_slice_is (doc, cp_start, cp_end, expected))
        unit = TESSERA_OFFSETS_UTF16;
      else
        unit = TESSERA_OFFSETS_CODEPOINT;
    }
  else if (unit == TESSERA_OFFSETS_AUTO)
    unit = TESSERA_OFFSETS_UTF16;

  if (!to_codepoints (doc, unit, start, end, &cp_start, &cp_end))
    {
      doc_error (error, doc,
                 /* Translators: the offsets, then the unit ("UTF-16 code units"). */
                 _("span %" PRId64 "–%" PRId64 " is not inside the text "
                   "(counted in %s)"),
                 start, end,
                 unit == TESSERA_OFFSETS_UTF16 ? _("UTF-16 code units") : _("code points"));
      return NULL;
    }
  if (expected != NULL && !raw_slice_is (doc, cp_start, cp_end, expected))
    {
      g_autofree char *found = tessera_text_slice (doc->raw, cp_start, cp_end);

      doc_error (error, doc,
                 /* Translators: the span's text in the file, its offsets, the unit, then the
                  * text found there. */
                 _("span “%s” at %" PRId64 "–%" PRId64 " (%s) covers “%s” "
                   "in the text"),
                 expected, start, end,
                 unit == TESSERA_OFFSETS_UTF16 ? _("UTF-16 code units") : _("code points"),
                 found ? found : "");
      return NULL;
    }

  return _tessera_foreign_add_span (doc->record, ++doc->next_span,
                                    _tessera_foreign_remap (doc->removed, cp_start),
                                    _tessera_foreign_remap (doc->removed, cp_end), label);
}

static gboolean
get_int (JsonObject *obj,
         const char *key,
         gint64     *out)
{
  JsonNode *node = json_object_get_member (obj, key);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

static const char *
get_string (JsonObject *obj,
            const char *key)
{
  JsonNode *node = obj ? json_object_get_member (obj, key) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* "FILE-ID": the file's name without extension and the record's id. */
static char *
make_uid (const char *path,
          JsonObject *obj,
          guint64     fallback)
{
  g_autofree char *base = _tessera_foreign_file_stem (path);
  JsonNode *id = json_object_get_member (obj, "id");

  if (id != NULL && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_INT64)
    return g_strdup_printf ("%s-%" PRId64, base, json_node_get_int (id));
  if (id != NULL && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
    return g_strdup_printf ("%s-%s", base, json_node_get_string (id));
  return g_strdup_printf ("%s-%" PRIu64, base, fallback);
}

/* --- doccano ------------------------------------------------------------ */

static gboolean
read_doccano_record (ForeignDoc  *doc,
                     const char  *path,
                     JsonObject  *obj,
                     GError     **error)
{
  const char *text = get_string (obj, "text");
  JsonNode *labels = json_object_get_member (obj, "label");
  JsonNode *entities = json_object_get_member (obj, "entities");
  JsonNode *relations = json_object_get_member (obj, "relations");
  JsonNode *cats = json_object_get_member (obj, "cats");
  g_autofree char *uid = NULL;

  if (text == NULL)
    return doc_error (error, doc, _("no \"text\": not a doccano record"));
  uid = make_uid (path, obj, doc->line);
  if (!doc_begin (doc, uid, text, error))
    return FALSE;

  if (labels != NULL && JSON_NODE_HOLDS_ARRAY (labels))
    {
      JsonArray *array = json_node_get_array (labels);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          JsonArray *triple;

          if (JSON_NODE_HOLDS_VALUE (item))
            {
              /* Text classification: a label of the whole document. */
              _tessera_foreign_loss (doc->foreign, TESSERA_LOSS_DOCUMENT_LABEL, NULL, doc->label, doc->line);
              continue;
            }
          if (!JSON_NODE_HOLDS_ARRAY (item) || json_array_get_length (triple = json_node_get_array (item)) != 3 ||
              json_node_get_value_type (json_array_get_element (triple, 0)) != G_TYPE_INT64 ||
              json_node_get_value_type (json_array_get_element (triple, 1)) != G_TYPE_INT64 ||
              json_node_get_value_type (json_array_get_element (triple, 2)) != G_TYPE_STRING)
            return doc_error (error, doc, _("\"label\" %u is not [start, end, \"LABEL\"]"), i + 1);
          if (doc_add_span (doc, json_array_get_int_element (triple, 0), json_array_get_int_element (triple, 1),
                            json_array_get_string_element (triple, 2), NULL, error) == NULL)
            return FALSE;
        }
    }
  else if (labels != NULL)
    return doc_error (error, doc, _("\"label\" must be an array"));

  if (entities != NULL && JSON_NODE_HOLDS_ARRAY (entities))
    {
      JsonArray *array = json_node_get_array (entities);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          JsonObject *entity = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
          gint64 start, end;

          if (entity == NULL || !get_int (entity, "start_offset", &start) ||
              !get_int (entity, "end_offset", &end))
            return doc_error (error, doc, _("entity %u has no \"start_offset\" and \"end_offset\""), i + 1);
          if (doc_add_span (doc, start, end, get_string (entity, "label"), NULL, error) == NULL)
            return FALSE;
        }
    }

  if (relations != NULL && JSON_NODE_HOLDS_ARRAY (relations))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (relations)); i++)
      _tessera_foreign_loss (doc->foreign, TESSERA_LOSS_RELATION, NULL, doc->label, doc->line);
  if (cats != NULL && JSON_NODE_HOLDS_ARRAY (cats))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (cats)); i++)
      _tessera_foreign_loss (doc->foreign, TESSERA_LOSS_DOCUMENT_LABEL, NULL, doc->label, doc->line);

  return TRUE;
}

gboolean
_tessera_import_doccano_file (TesseraImportContext  *ctx,
                              TesseraForeign        *foreign,
                              const char            *path,
                              GError               **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *label = g_filename_display_name (path);
  gsize length = 0;
  char *next;
  guint64 line = 0;

  if (!_tessera_foreign_read_file (path, &contents, &length, error))
    return FALSE;

  for (next = contents; next != NULL && *next != '\0';)
    {
      char *text = next;
      char *nl = strchr (next, '\n');
      ForeignDoc doc = { ctx, foreign, label };
      g_autoptr(JsonNode) root = NULL;
      gboolean ok;

      line++;
      if (nl != NULL)
        *nl = '\0', next = nl + 1;
      else
        next = NULL;
      g_strstrip (text);
      if (*text == '\0')
        continue;

      doc.line = line;
      doc.where = g_strdup_printf ("%s:%" PRIu64, label, line);
      /* Standard JSON only, nesting bounded (json-glib alone is neither). */
      if ((root = tessera_json_parse (doc.where, text, -1, error)) == NULL)
        {
          foreign_doc_clear (&doc);
          return FALSE;
        }
      if (!JSON_NODE_HOLDS_OBJECT (root))
        {
          doc_error (error, &doc, _("not a JSON object"));
          foreign_doc_clear (&doc);
          return FALSE;
        }
      ok = read_doccano_record (&doc, path, json_node_get_object (root), error);
      foreign_doc_clear (&doc);
      if (!ok)
        return FALSE;
      _tessera_import_context_progress (ctx, next ? (guint64) (next - contents) : length);
    }

  return TRUE;
}

/* --- Label Studio -------------------------------------------------------- */

/* Who made an annotation: Label Studio gives a user object, an id, or
 * "created_username" ("name@example.org, 3"). */
static char *
annotator_name (JsonObject *annotation)
{
  JsonNode *by = json_object_get_member (annotation, "completed_by");
  const char *name = get_string (annotation, "created_username");

  if (name != NULL && *name != '\0')
    {
      const char *comma = strchr (name, ',');

      return comma ? g_strndup (name, comma - name) : g_strdup (name);
    }
  if (by != NULL && JSON_NODE_HOLDS_OBJECT (by))
    {
      JsonObject *user = json_node_get_object (by);
      const char *keys[] = { "email", "username", "first_name" };

      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        if ((name = get_string (user, keys[i])) != NULL && *name != '\0')
          return g_strdup (name);
    }
  if (by != NULL && JSON_NODE_HOLDS_VALUE (by) && json_node_get_value_type (by) == G_TYPE_INT64)
    /* Translators: a Label Studio user known only by number. */
    return g_strdup_printf (_("Label Studio user %" PRId64), json_node_get_int (by));
  return g_strdup (_("Label Studio user"));
}

static gboolean
read_results (ForeignDoc  *doc,
              JsonArray   *results,
              const char  *annotator,
              gboolean     suggested,
              GError     **error)
{
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *item = json_array_get_element (results, i);
      JsonObject *result = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      JsonNode *value_node = result ? json_object_get_member (result, "value") : NULL;
      JsonObject *value = value_node && JSON_NODE_HOLDS_OBJECT (value_node) ? json_node_get_object (value_node) : NULL;
      const char *type = get_string (result, "type");
      JsonNode *labels_node;
      JsonArray *labels;
      gint64 start, end;

      if (type == NULL)
        return doc_error (error, doc, _("result %u has no \"type\""), i + 1);
      if (strcmp (type, "relation") == 0)
        {
          _tessera_foreign_loss (doc->foreign, TESSERA_LOSS_RELATION, NULL, doc->where, 0);
          continue;
        }
      if (strcmp (type, "choices") == 0 || strcmp (type, "taxonomy") == 0)
        {
          _tessera_foreign_loss (doc->foreign, TESSERA_LOSS_DOCUMENT_LABEL, NULL, doc->where, 0);
          continue;
        }
      if (strcmp (type, "labels") != 0 || value == NULL)
        {
          _tessera_foreign_loss (doc->foreign, TESSERA_LOSS_OTHER, type, doc->where, 0);
          continue;
        }

      labels_node = json_object_get_member (value, "labels");
      if (!get_int (value, "start", &start) || !get_int (value, "end", &end) ||
          labels_node == NULL || !JSON_NODE_HOLDS_ARRAY (labels_node))
        return doc_error (error, doc, _("result %u has no \"start\", \"end\" and \"labels\""), i + 1);
      labels = json_node_get_array (labels_node);
      for (guint l = 0; l < json_array_get_length (labels); l++)
        {
          JsonObject *span = doc_add_span (doc, start, end,
                                           json_node_get_value_type (json_array_get_element (labels, l)) == G_TYPE_STRING
                                           ? json_array_get_string_element (labels, l) : NULL,
                                           get_string (value, "text"), error);

          if (span == NULL)
            return FALSE;
          json_object_set_string_member (span, "annotator", annotator);
          if (suggested)
            json_object_set_boolean_member (span, "suggested", TRUE);
        }
    }
  return TRUE;
}

/* The task's text: data.text, or its only string. */
static const char *
task_text (JsonObject *data)
{
  const char *text = get_string (data, "text");
  g_autoptr(GList) members = NULL;

  if (text != NULL)
    return text;
  members = json_object_get_members (data);
  for (GList *l = members; l != NULL; l = l->next)
    if ((text = get_string (data, l->data)) != NULL)
      return text;
  return NULL;
}

static gboolean
read_task (ForeignDoc  *doc,
           const char  *path,
           guint        index,
           JsonObject  *task,
           GError     **error)
{
  JsonNode *data = json_object_get_member (task, "data");
  JsonNode *annotations = json_object_get_member (task, "annotations");
  JsonNode *predictions = json_object_get_member (task, "predictions");
  const char *text = data && JSON_NODE_HOLDS_OBJECT (data) ? task_text (json_node_get_object (data)) : NULL;
  g_autofree char *uid = NULL;

  if (text == NULL)
    return doc_error (error, doc, _("no \"data\" with a text: not a Label Studio task"));
  uid = make_uid (path, task, index);
  if (!doc_begin (doc, uid, text, error))
    return FALSE;
  if (JSON_NODE_HOLDS_OBJECT (data) && get_string (json_node_get_object (data), "title") != NULL)
    json_object_set_string_member (doc->record, "title", get_string (json_node_get_object (data), "title"));

  for (guint pass = 0; pass < 2; pass++)
    {
      JsonNode *list = pass == 0 ? annotations : predictions;
      JsonArray *array;

      if (list == NULL || JSON_NODE_HOLDS_NULL (list))
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (list))
        return doc_error (error, doc, pass == 0 ? _("\"annotations\" must be an array")
                                                : _("\"predictions\" must be an array"));
      array = json_node_get_array (list);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          JsonObject *obj = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
          JsonNode *results = obj ? json_object_get_member (obj, "result") : NULL;
          g_autofree char *who = NULL;

          if (results == NULL || !JSON_NODE_HOLDS_ARRAY (results))
            return doc_error (error, doc, _("an annotation without a \"result\" array"));
          if (pass == 0 && json_object_get_boolean_member_with_default (obj, "was_cancelled", FALSE))
            continue;
          if (pass == 0)
            who = annotator_name (obj);
          else
            who = g_strdup (get_string (obj, "model_version") ? get_string (obj, "model_version")
                                                              : _("Label Studio model"));
          if (!read_results (doc, json_node_get_array (results), who, pass == 1, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
_tessera_import_label_studio_file (TesseraImportContext  *ctx,
                                   TesseraForeign        *foreign,
                                   const char            *path,
                                   GError               **error)
{
  g_autofree char *label = g_filename_display_name (path);
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize length = 0;
  JsonArray *tasks = NULL;
  guint n;

  if (!_tessera_foreign_read_file (path, &contents, &length, error))
    return FALSE;
  if ((root = tessera_json_parse (label, contents, length, error)) == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (root))
    tasks = json_node_get_array (root);
  else if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("%s: not a Label Studio export (an array of tasks)"), label);
      return FALSE;
    }

  _tessera_foreign_set_per_annotator (foreign, TRUE);
  n = tasks ? json_array_get_length (tasks) : 1;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = tasks ? json_array_get_element (tasks, i) : root;
      ForeignDoc doc = { ctx, foreign, label };
      gboolean ok;

      /* Translators: where a task is in a Label Studio export: the file, then its number. */
      doc.where = g_strdup_printf (_("%s: task %u"), label, i + 1);
      if (!JSON_NODE_HOLDS_OBJECT (item))
        ok = doc_error (error, &doc, _("not a JSON object"));
      else
        ok = read_task (&doc, path, i + 1, json_node_get_object (item), error);
      foreign_doc_clear (&doc);
      if (!ok)
        return FALSE;
    }
  _tessera_import_context_progress (ctx, length);

  return TRUE;
}
