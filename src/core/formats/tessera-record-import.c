/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-record"

#include "config.h"

#include <inttypes.h>
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
_tessera_record_error (GError     **error,
                       const char  *format,
                       ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;

  va_start (args, format);
  g_propagate_error (error,
                     g_error_new_valist (TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT, format, args));
  va_end (args);

  return FALSE;
}

/* Errors from the project (a constraint, SQLite) still say where. */
gboolean
_tessera_record_prefix_error (Record  *r,
                              GError **error)
{
  if (error != NULL && *error != NULL)
    {
      /* Translators: where in the file (file and line), then what the
       * project said went wrong there. */
      char *message = g_strdup_printf (_("%s: %s"), r->where, (*error)->message);

      g_free ((*error)->message);
      (*error)->message = message;
    }

  return FALSE;
}

const char *
_tessera_record_describe (char              buf[TESSERA_RECORD_WHAT_SIZE],
                          const RecordWhat *what)
{
  char ref[48];
  char name[64];

  /* An object is named by its id in the file, quoted (a long one cut on
   * a character boundary), else by its place in the record's list. */
  if (what->ref != NULL)
    {
      gsize len = strlen (what->ref);

      if (len > 40)
        len = g_utf8_find_prev_char (what->ref, what->ref + 41) - what->ref;
      memcpy (ref, what->ref, len);
      ref[len] = '\0';
      /* Translators: the id an object of a record has in the file ("s3"),
       * quoted, in the import's messages. */
      g_snprintf (name, sizeof name, _("\"%s\""), ref);
    }
  else
    g_snprintf (name, sizeof name, "%u", what->index + 1);

  switch (what->object)
    {
    case RECORD_OBJECT_SPAN:
      /* Translators: names a span of a record, by its id in the file,
       * quoted ("\"s3\""), or by its place in the record's "spans" from 1
       * ("4"). It is the subject or the object of the import's messages
       * ("span \"s3\" has no \"label\""): give it an article if your
       * language needs one. The same goes for the four below. */
      g_snprintf (buf, TESSERA_RECORD_WHAT_SIZE, _("span %s"), name);
      break;
    case RECORD_OBJECT_EVENT:
      g_snprintf (buf, TESSERA_RECORD_WHAT_SIZE, _("event %s"), name);
      break;
    case RECORD_OBJECT_STANCE:
      g_snprintf (buf, TESSERA_RECORD_WHAT_SIZE, _("stance %s"), name);
      break;
    case RECORD_OBJECT_ARGUMENT:
      /* Translators: names an argument of an event: the event (its id,
       * quoted, or its place), then the argument's place in its
       * "arguments", from 1. */
      g_snprintf (buf, TESSERA_RECORD_WHAT_SIZE, _("event %s argument %u"), name,
                  what->argument + 1);
      break;
    case RECORD_OBJECT_TARGET:
      /* Translators: names what a stance is about (its "target"): the
       * stance's id, quoted, or its place. */
      g_snprintf (buf, TESSERA_RECORD_WHAT_SIZE, _("stance %s target"), name);
      break;
    default:
      g_assert_not_reached ();
    }

  return buf;
}

/* An optional string member; present but not a string is an error. */
gboolean
_tessera_record_get_string (Record            *r,
                            JsonObject        *obj,
                            const RecordWhat  *what,
                            const char        *key,
                            const char       **out,
                            GError           **error)
{
  JsonNode *node = json_object_get_member (obj, key);
  char buf[TESSERA_RECORD_WHAT_SIZE];

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      if (what == NULL)
        /* Translators: where in the file (file and line), then a member of
         * the record. */
        return _tessera_record_error (error, _("%s: \"%s\" must be a string"), r->where, key);
      /* Translators: where in the file (file and line), an object of the
       * record ("span \"s3\""), then a member of that object. */
      return _tessera_record_error (error, _("%s: %s \"%s\" must be a string"), r->where,
                                    _tessera_record_describe (buf, what), key);
    }

  *out = json_node_get_string (node);
  return TRUE;
}

/* A reference to an object of the record: a string, or an integer some
 * tools write instead. */
gboolean
_tessera_record_get_ref (Record            *r,
                         JsonObject        *obj,
                         const RecordWhat  *what,
                         const char        *key,
                         char               buf[TESSERA_RECORD_REF_SIZE],
                         const char       **out,
                         GError           **error)
{
  JsonNode *node = json_object_get_member (obj, key);
  char what_buf[TESSERA_RECORD_WHAT_SIZE];

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
  else if (what == NULL)
    return _tessera_record_error (error, _("%s: \"%s\" must be a string"), r->where, key);
  else
    return _tessera_record_error (error, _("%s: %s \"%s\" must be a string"), r->where,
                                  _tessera_record_describe (what_buf, what), key);

  return TRUE;
}

/* A code-point offset: a whole number from 0. (One beyond 64 bits never
 * gets here: tessera_json_parse() refuses it.) */
gboolean
_tessera_record_get_offset (Record            *r,
                            JsonObject        *obj,
                            const RecordWhat  *what,
                            const char        *key,
                            gint64            *out,
                            GError           **error)
{
  JsonNode *node = json_object_get_member (obj, key);
  char buf[TESSERA_RECORD_WHAT_SIZE];
  GType type;

  g_return_val_if_fail (what != NULL, FALSE);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    /* Translators: where in the file (file and line), an object of the
     * record ("span \"s3\""), then the member it lacks. */
    return _tessera_record_error (error, _("%s: %s has no \"%s\""), r->where,
                                  _tessera_record_describe (buf, what), key);

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
      return _tessera_record_error (error,
                                    /* Translators: where in the file (file and line), a span
                                     * ("span \"s3\""), which of its offsets ("start" or "end", a
                                     * JSON key), then the number the file gives. */
                                    _("%s: %s %s %s is not a valid offset (offsets are whole "
                                      "numbers of code points from 0)"),
                                    r->where, _tessera_record_describe (buf, what), key, value);
    }

  /* Translators: where in the file (file and line), a span ("span
   * \"s3\""), then which of its offsets ("start" or "end", a JSON key). */
  return _tessera_record_error (error, _("%s: %s \"%s\" must be an integer (a code-point offset)"),
                                r->where, _tessera_record_describe (buf, what), key);
}

/* An optional boolean member; FALSE when absent. */
gboolean
_tessera_record_get_bool (Record            *r,
                          JsonObject        *obj,
                          const RecordWhat  *what,
                          const char        *key,
                          gboolean          *out,
                          GError           **error)
{
  JsonNode *node = json_object_get_member (obj, key);
  char buf[TESSERA_RECORD_WHAT_SIZE];

  g_return_val_if_fail (what != NULL, FALSE);

  *out = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    /* Translators: where in the file (file and line), an object of the
     * record ("span \"s3\""), then a member of that object. Keep true and
     * false: they are JSON's words. */
    return _tessera_record_error (error, _("%s: %s \"%s\" must be true or false"), r->where,
                                  _tessera_record_describe (buf, what), key);

  *out = json_node_get_boolean (node);
  return TRUE;
}

/* An optional array member; NULL when absent. */
gboolean
_tessera_record_get_array (Record            *r,
                           JsonObject        *obj,
                           const RecordWhat  *what,
                           const char        *key,
                           JsonArray        **out,
                           GError           **error)
{
  JsonNode *node = json_object_get_member (obj, key);
  char buf[TESSERA_RECORD_WHAT_SIZE];

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      if (what == NULL)
        /* Translators: where in the file (file and line), then a member of
         * the record. */
        return _tessera_record_error (error, _("%s: \"%s\" must be an array"), r->where, key);
      /* Translators: where in the file (file and line), an object of the
       * record ("event \"e1\""), then a member of that object. */
      return _tessera_record_error (error, _("%s: %s \"%s\" must be an array"), r->where,
                                    _tessera_record_describe (buf, what), key);
    }

  *out = json_node_get_array (node);
  return TRUE;
}

JsonObject *
_tessera_record_get_element_object (Record            *r,
                                    JsonArray         *array,
                                    guint              i,
                                    const RecordWhat  *what,
                                    GError           **error)
{
  JsonNode *node = json_array_get_element (array, i);
  char buf[TESSERA_RECORD_WHAT_SIZE];

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      /* Translators: where in the file (file and line), then an element of
       * one of the record's lists ("span 4", "event \"e1\" argument 2"). */
      _tessera_record_error (error, _("%s: %s must be an object"), r->where,
                             _tessera_record_describe (buf, what));
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
  if (!_tessera_record_get_string (r, obj, NULL, "title", &meta->title, error) ||
      !_tessera_record_get_string (r, obj, NULL, "source", &meta->source, error) ||
      !_tessera_record_get_string (r, obj, NULL, "url", &meta->url, error) ||
      !_tessera_record_get_string (r, obj, NULL, "published", &meta->published, error) ||
      !_tessera_record_get_string (r, obj, NULL, "language", &meta->language, error) ||
      !_tessera_record_get_string (r, obj, NULL, "status", &status, error))
    return FALSE;

  if (status != NULL)
    {
      if (!tessera_status_from_string (status, &meta->status))
        return _tessera_record_error (error,
                                      /* Translators: where in the file (file and line), then the
                                       * status the record gives. Keep new, in-progress and done:
                                       * they are the file's words. */
                                      _("%s: unknown status \"%s\" (expected new, in-progress "
                                        "or done)"), r->where, status);
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
        /* Translators: where in the file (file and line). */
        return _tessera_record_error (error, _("%s: the document could not be added"), r->where);
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
        /* Translators: where in the file (file and line). */
        return _tessera_record_error (error, _("%s: the document's metadata could not be updated"),
                                      r->where);
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
    /* Translators: where in the file (file and line). */
    _tessera_import_report_notice (report, _("%s: byte-order mark removed from the text"),
                                   r->where);
  if (line_endings > 0)
    _tessera_import_report_notice (report,
                                   g_dngettext (GETTEXT_PACKAGE,
                                                /* Translators: where in the file (file and line),
                                                 * then how many line endings (CRLF or CR) became
                                                 * LF. */
                                                "%s: %" PRIu64 " line ending in the text "
                                                "converted to LF",
                                                "%s: %" PRIu64 " line endings in the text "
                                                "converted to LF",
                                                (gulong) line_endings),
                                   r->where, line_endings);
  if (fixes->bytes_repaired > 0)
    _tessera_import_report_notice (report,
                                   g_dngettext (GETTEXT_PACKAGE,
                                                /* Translators: where in the file (file and line),
                                                 * then how many bytes that were not UTF-8 were
                                                 * replaced. */
                                                "%s: %" PRIu64 " invalid byte in the text "
                                                "replaced by U+FFFD",
                                                "%s: %" PRIu64 " invalid bytes in the text "
                                                "replaced by U+FFFD",
                                                (gulong) fixes->bytes_repaired),
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
    /* Translators: where a record is in a project JSON: the file name, then
     * the record's place in its "documents" (from 1). The import's messages
     * begin with it. */
    : g_strdup_printf (_("%s: document %u"), self->file_label, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    /* Translators: where in the file (file and line). */
    return _tessera_record_error (error, _("%s: a document record must be a JSON object"), r.where);
  obj = json_node_get_object (node);

  if (!_tessera_record_get_ref (&r, obj, NULL, "id", ref_buf, &uid, error))
    return FALSE;
  if (uid != NULL && line == 0)
    {
      g_free (r.where);
      /* Translators: where a record is in a project JSON: the file name, the
       * record's place in its "documents" (from 1), then the document's id. */
      r.where = g_strdup_printf (_("%s: document %u (uid \"%s\")"), self->file_label, index, uid);
    }

  /* Another tool's record would come in as a bare text, its annotations lost. */
  if (!_tessera_record_check_keys (obj, r.where, error))
    return FALSE;

  if (!_tessera_record_get_string (&r, obj, NULL, "offset_unit", &unit, error) ||
      !_tessera_record_get_string (&r, obj, NULL, "text", &raw_text, error) ||
      !_tessera_record_get_array (&r, obj, NULL, "spans", &spans, error) ||
      !_tessera_record_get_array (&r, obj, NULL, "events", &events, error) ||
      !_tessera_record_get_array (&r, obj, NULL, "stances", &stances, error) ||
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
    return _tessera_record_error (error,
                                  /* Translators: where in the file (file and line), then the unit
                                   * the record gives. Keep "offset_unit" and "codepoint": they
                                   * are the file's words. */
                                  _("%s: \"offset_unit\" is \"%s\"; Tessera reads offsets in "
                                    "Unicode code points (\"codepoint\")"), r.where, unit);

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
            return _tessera_record_error (error,
                                          /* Translators: where in the file (file and line). */
                                          _("%s: text starts with a byte-order mark; offsets "
                                            "would shift (remove it and recompute the offsets)"),
                                          r.where);
          if (fixes.crlf_converted > 0 || fixes.cr_converted > 0)
            return _tessera_record_error (error,
                                          /* Translators: where in the file (file and line). */
                                          _("%s: text contains CR line endings; offsets would "
                                            "shift (convert them to LF and recompute the offsets)"),
                                          r.where);
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
        return _tessera_record_error (error,
                                      /* Translators: where in the file (file and line), then the
                                       * document's id. */
                                      _("%s: the project already has a document with id \"%s\" "
                                        "and a different text"), r.where, uid);
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
            /* Translators: where in the file (file and line). */
            return _tessera_record_error (error, _("%s: the record has no \"text\""), r.where);
          return _tessera_record_error (error,
                                        /* Translators: where in the file (file and line), then
                                         * the record's "id". */
                                        _("%s: the record has no \"text\" and the project has no "
                                          "document with id \"%s\" to add its annotations to"),
                                        r.where, uid);
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
      RecordWhat what = { RECORD_OBJECT_SPAN, NULL, i, 0 };
      JsonObject *span = _tessera_record_get_element_object (&r, spans, i, &what, error);

      if (span == NULL || !_tessera_record_import_span (&r, span, i, error))
        return FALSE;
    }

  for (guint i = 0; events != NULL && i < json_array_get_length (events); i++)
    {
      RecordWhat what = { RECORD_OBJECT_EVENT, NULL, i, 0 };
      JsonObject *event = _tessera_record_get_element_object (&r, events, i, &what, error);

      if (event == NULL || !_tessera_record_import_event (&r, event, i, error))
        return FALSE;
    }

  for (guint i = 0; stances != NULL && i < json_array_get_length (stances); i++)
    {
      RecordWhat what = { RECORD_OBJECT_STANCE, NULL, i, 0 };
      JsonObject *stance = _tessera_record_get_element_object (&r, stances, i, &what, error);

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
        /* Translators: the file name, then the cluster's place in the file's
         * "clusters" (from 1). */
        return _tessera_record_error (error, _("%s: cluster %u: must be an object"),
                                      self->file_label, i + 1);
      obj = json_node_get_object (node);

      ref = cluster_string (obj, "id");
      kind = cluster_string (obj, "kind");
      cluster.name = (char *) cluster_string (obj, "name");
      created = json_object_get_member (obj, "created");
      if (ref == NULL)
        /* Translators: the file name, then the cluster's place in the file's
         * "clusters" (from 1). */
        return _tessera_record_error (error, _("%s: cluster %u: needs an \"id\" string"),
                                      self->file_label, i + 1);
      if (g_hash_table_contains (self->clusters, ref))
        return _tessera_record_error (error,
                                      /* Translators: the file name, then the cluster's place in
                                       * the file's "clusters" (from 1). */
                                      _("%s: cluster %u: another cluster has the same \"id\""),
                                      self->file_label, i + 1);
      if (g_strcmp0 (kind, "entity") == 0)
        cluster.kind = TESSERA_LABEL_ENTITY;
      else if (g_strcmp0 (kind, "event") == 0)
        cluster.kind = TESSERA_LABEL_EVENT;
      else
        return _tessera_record_error (error,
                                      /* Translators: the file name, then the cluster's place in
                                       * the file's "clusters" (from 1). Keep "kind", "entity" and
                                       * "event": they are the file's words. */
                                      _("%s: cluster %u: \"kind\" must be \"entity\" or \"event\""),
                                      self->file_label, i + 1);
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
      if (cluster.id <= 0 && local_error != NULL)
        /* Translators: the file name, the cluster's place in the file's
         * "clusters" (from 1), then what the project said went wrong. */
        return _tessera_record_error (error, _("%s: cluster %u: %s"), self->file_label, i + 1,
                                      local_error->message);
      if (cluster.id <= 0)
        /* Translators: the file name, then the cluster's place in the file's
         * "clusters" (from 1). */
        return _tessera_record_error (error, _("%s: cluster %u: could not be added"),
                                      self->file_label, i + 1);

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
