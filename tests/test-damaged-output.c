/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-damaged"

#include "config.h"

#include <string.h>

#include "test-damaged.h"

/* What test-damaged makes of a command's output: whether it hangs
 * together (valid UTF-8, JSON that parses, spans whose text is their
 * slice of the document, names the schema knows, counts that agree), and
 * what it says the project holds, to compare with a reference. */

/* --- what an output says --------------------------------------------------- */

void
summary_init (Summary *summary)
{
  memset (summary, 0, sizeof *summary);
  summary->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  summary->texts = g_string_new (NULL);
}

void
summary_clear (Summary *summary)
{
  g_clear_pointer (&summary->labels, g_hash_table_unref);
  if (summary->texts != NULL)
    g_string_free (summary->texts, TRUE);
  summary->texts = NULL;
}

static void
count_label (Summary    *summary,
             const char *label,
             gint64      n)
{
  gint64 old = GPOINTER_TO_SIZE (g_hash_table_lookup (summary->labels, label));

  g_hash_table_replace (summary->labels, g_strdup (label), GSIZE_TO_POINTER (old + n));
}

/* json-glib's getters complain (fatal in tests) about a member of
 * another type: an output may hold anything. */
static const char *
member_string (JsonObject *obj,
               const char *name)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static gboolean
member_int (JsonObject *obj,
            const char *name,
            gint64     *value)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

static JsonObject *
member_object (JsonObject *obj,
               const char *name)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The array @name of @obj; an absent one reads as empty, anything else
 * as NULL. */
static JsonArray *
member_array (JsonObject *obj,
              const char *name,
              JsonArray  *empty)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL)
    return empty;
  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
element_object (JsonArray *array,
                guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonNode *
parse_json (const char  *text,
            gsize        len,
            char       **why)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_data (parser, text, len, &error))
    {
      *why = g_strdup_printf ("not JSON: %s", error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      *why = g_strdup ("no JSON at all");
      return NULL;
    }

  return json_node_copy (json_parser_get_root (parser));
}

/* Whether @id, a reference inside a document, names one of @ids; an
 * absent reference is fine when @optional. */
static gboolean
refers (JsonObject *obj,
        const char *name,
        GHashTable *ids,
        gboolean    optional)
{
  const char *id = member_string (obj, name);

  if (id == NULL)
    return optional && json_object_get_member (obj, name) == NULL;
  return g_hash_table_contains (ids, id);
}

static gboolean
is_suggested (JsonObject *obj)
{
  JsonNode *node = json_object_get_member (obj, "suggested");

  return node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

/* What the documents of one export are checked against. */
typedef struct
{
  Summary    *summary;
  GHashTable *clusters;     /* cluster ids; NULL: not listed (JSONL) */
  GHashTable *vocabulary;   /* "kind\nname" of labels, "attribute\nvalue";
                             * NULL: no schema (JSONL) */
} Export;

/* Whether @name is one of the schema's labels of a kind in @kinds (or
 * values of the attribute), or whether there is no schema to say. */
static gboolean
in_vocabulary (const Export       *export,
               const char * const *kinds,
               const char         *name)
{
  if (export->vocabulary == NULL)
    return TRUE;
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      g_autofree char *key = g_strdup_printf ("%s\n%s", kinds[i], name);

      if (g_hash_table_contains (export->vocabulary, key))
        return TRUE;
    }

  return FALSE;
}

/* A span: in the text, its "text" the code points [start:end], its
 * label one of the schema's. */
static char *
check_span (const Export *export,
            JsonObject   *span,
            const char   *text,
            gint64        n_chars,
            GHashTable   *span_ids)
{
  static const char * const kinds[] = { "entity", "event", "stance", NULL };
  const char *id = member_string (span, "id");
  const char *label = member_string (span, "label");
  const char *span_text = member_string (span, "text");
  gint64 start = -1, end = -1;
  const char *from, *to;

  if (id == NULL || label == NULL || span_text == NULL ||
      !member_int (span, "start", &start) || !member_int (span, "end", &end))
    return g_strdup_printf ("span %s lacks id, label, text, start or end", id ? id : "?");
  if (start < 0 || start > end || end > n_chars)
    return g_strdup_printf ("span %s [%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT "] is outside the text "
                            "(%" G_GINT64_FORMAT " code points)", id, start, end, n_chars);
  from = g_utf8_offset_to_pointer (text, start);
  to = g_utf8_offset_to_pointer (text, end);
  if (strlen (span_text) != (gsize) (to - from) || strncmp (span_text, from, to - from) != 0)
    return g_strdup_printf ("span %s: “%s” is not its slice [%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
                            "] “%.*s” of the text", id, span_text, start, end, (int) (to - from), from);
  if (!in_vocabulary (export, kinds, label))
    return g_strdup_printf ("span %s: label “%s” is not in the schema", id, label);
  if (export->clusters != NULL && !refers (span, "cluster", export->clusters, TRUE))
    return g_strdup_printf ("span %s is in a cluster the export does not list", id);
  if (!g_hash_table_add (span_ids, g_strdup (id)))
    return g_strdup_printf ("span id %s twice", id);

  export->summary->spans++;
  export->summary->suggested += is_suggested (span);
  count_label (export->summary, label, 1);

  return NULL;
}

/* An absent attribute is fine; one that is there holds a value the
 * schema allows. */
static gboolean
attribute_allowed (const Export *export,
                   JsonObject   *event,
                   const char   *attribute)
{
  const char * const kinds[] = { attribute, NULL };
  const char *value = member_string (event, attribute);

  if (value == NULL)
    return json_object_get_member (event, attribute) == NULL;

  return in_vocabulary (export, kinds, value);
}

static char *
check_event (const Export *export,
             JsonObject   *event,
             GHashTable   *span_ids,
             GHashTable   *event_ids)
{
  static const char * const events[] = { "event", NULL };
  static const char * const roles[] = { "role", NULL };
  const char *id = member_string (event, "id");
  const char *type = member_string (event, "type");
  g_autoptr(JsonArray) empty = json_array_new ();
  JsonArray *arguments = member_array (event, "arguments", empty);

  if (id == NULL || type == NULL || !refers (event, "trigger", span_ids, FALSE))
    return g_strdup_printf ("event %s lacks an id, a type or a trigger among the spans", id ? id : "?");
  if (!in_vocabulary (export, events, type) || !attribute_allowed (export, event, "realis") ||
      !attribute_allowed (export, event, "confirmation"))
    return g_strdup_printf ("event %s: its type, realis or confirmation is not in the schema", id);
  if (export->clusters != NULL && !refers (event, "cluster", export->clusters, TRUE))
    return g_strdup_printf ("event %s is in a cluster the export does not list", id);
  if (arguments == NULL)
    return g_strdup_printf ("event %s: arguments are not an array", id);
  for (guint i = 0; i < json_array_get_length (arguments); i++)
    {
      JsonObject *argument = element_object (arguments, i);
      const char *role = member_string (argument, "role");

      if (role == NULL || !in_vocabulary (export, roles, role) || !refers (argument, "span", span_ids, FALSE))
        return g_strdup_printf ("event %s: argument %u lacks a role of the schema or a span among the spans",
                                id, i);
    }
  if (!g_hash_table_add (event_ids, g_strdup (id)))
    return g_strdup_printf ("event id %s twice", id);

  export->summary->events++;
  export->summary->suggested += is_suggested (event);

  return NULL;
}

static char *
check_stance (const Export *export,
              JsonObject   *stance,
              GHashTable   *span_ids,
              GHashTable   *event_ids)
{
  static const char * const stances[] = { "stance", NULL };
  const char *id = member_string (stance, "id");
  const char *label = member_string (stance, "label");
  JsonObject *target = member_object (stance, "target");

  if (id == NULL || label == NULL || !refers (stance, "span", span_ids, FALSE) ||
      !refers (stance, "holder", span_ids, TRUE))
    return g_strdup_printf ("stance %s lacks an id, a label, or a statement or holder among the spans",
                            id ? id : "?");
  if (!in_vocabulary (export, stances, label))
    return g_strdup_printf ("stance %s: label “%s” is not in the schema", id, label);
  if (target != NULL && (!refers (target, "event", event_ids, TRUE) || !refers (target, "span", span_ids, TRUE)))
    return g_strdup_printf ("stance %s: its target is not among the events and spans", id);

  export->summary->stances++;
  export->summary->suggested += is_suggested (stance);

  return NULL;
}

/* One document of an export: a JSONL record, or an element of the
 * project export's "documents". */
static char *
check_document (const Export *export,
                JsonObject   *doc)
{
  g_autoptr(GHashTable) span_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) event_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonArray) empty = json_array_new ();
  const char *id = member_string (doc, "id");
  const char *text = member_string (doc, "text");
  TesseraDocumentStatus status;
  JsonArray *spans, *events, *stances;
  gint64 n_chars;
  char *why = NULL;

  if (id == NULL || text == NULL || !tessera_status_from_string (member_string (doc, "status"), &status))
    return g_strdup_printf ("document %s lacks an id, a text or a status", id ? id : "?");
  spans = member_array (doc, "spans", empty);
  events = member_array (doc, "events", empty);
  stances = member_array (doc, "stances", empty);
  if (spans == NULL || events == NULL || stances == NULL)
    return g_strdup_printf ("document %s: spans, events or stances are not arrays", id);

  n_chars = g_utf8_strlen (text, -1);
  for (guint i = 0; why == NULL && i < json_array_get_length (spans); i++)
    why = check_span (export, element_object (spans, i), text, n_chars, span_ids);
  for (guint i = 0; why == NULL && i < json_array_get_length (events); i++)
    why = check_event (export, element_object (events, i), span_ids, event_ids);
  for (guint i = 0; why == NULL && i < json_array_get_length (stances); i++)
    why = check_stance (export, element_object (stances, i), span_ids, event_ids);
  if (why != NULL)
    {
      g_autofree char *inner = why;

      return g_strdup_printf ("document %s: %s", id, inner);
    }

  export->summary->documents++;
  export->summary->statuses[status]++;
  g_string_append_printf (export->summary->texts, "%s\n%s\n", id, text);

  return NULL;
}

static char *
read_jsonl (const char *out,
            gsize       len,
            Summary    *summary)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint n_lines = g_strv_length (lines);
  Export export = { summary, NULL, NULL };

  if (len > 0 && out[len - 1] != '\n')
    return g_strdup ("the last line is cut short");
  for (guint i = 0; i + 1 < n_lines; i++)
    {
      g_autoptr(JsonNode) root = NULL;
      char *why = NULL;

      if ((root = parse_json (lines[i], -1, &why)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        why = why ? why : g_strdup ("not an object");
      else
        why = check_document (&export, json_node_get_object (root));
      if (why != NULL)
        {
          g_autofree char *inner = why;

          return g_strdup_printf ("line %u: %s", i + 1, inner);
        }
    }
  summary->known = FIELD_DOCUMENTS | FIELD_STATUSES | FIELD_ANNOTATIONS | FIELD_TEXTS;

  return NULL;
}

/* The names the project export's schema gives labels and attribute
 * values, once tessera_schema_def_parse() has read it as an import would;
 * NULL, with @why set, when it does not. */
static GHashTable *
read_vocabulary (JsonObject  *schema,
                 char       **why)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), schema);
  g_autofree char *json = json_to_string (node, FALSE);
  g_autoptr(TesseraSchemaDef) def = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *vocabulary;

  if ((def = tessera_schema_def_parse (json, -1, &error)) == NULL)
    {
      *why = g_strdup_printf ("its schema does not read: %s", error->message);
      return NULL;
    }

  vocabulary = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < def->labels->len; i++)
    {
      const TesseraLabel *label = def->labels->pdata[i];

      g_hash_table_add (vocabulary, g_strdup_printf ("%s\n%s", tessera_label_kind_to_string (label->kind),
                                                     label->name));
    }
  for (guint i = 0; i < def->attributes->len; i++)
    {
      const TesseraAttribute *attribute = def->attributes->pdata[i];

      for (guint v = 0; attribute->values[v] != NULL; v++)
        g_hash_table_add (vocabulary, g_strdup_printf ("%s\n%s", attribute->name, attribute->values[v]));
    }

  return vocabulary;
}

static char *
read_project_json (const char *out,
                   gsize       len,
                   Summary    *summary)
{
  g_autoptr(GHashTable) clusters = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) vocabulary = NULL;
  g_autoptr(JsonArray) empty = json_array_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonArray *documents, *cluster_list;
  JsonObject *obj, *schema;
  Export export = { summary, clusters, NULL };
  char *why = NULL;

  if ((root = parse_json (out, len, &why)) == NULL)
    return why;
  obj = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (obj == NULL || (schema = member_object (obj, "schema")) == NULL ||
      (documents = member_array (obj, "documents", NULL)) == NULL ||
      (cluster_list = member_array (obj, "clusters", empty)) == NULL)
    return g_strdup ("not a project export: no schema or documents");
  if ((vocabulary = read_vocabulary (schema, &why)) == NULL)
    return why;
  export.vocabulary = vocabulary;

  for (guint i = 0; i < json_array_get_length (cluster_list); i++)
    {
      const char *id = member_string (element_object (cluster_list, i), "id");

      if (id == NULL)
        return g_strdup_printf ("cluster %u has no id", i);
      g_hash_table_add (clusters, (gpointer) id);
    }
  for (guint i = 0; why == NULL && i < json_array_get_length (documents); i++)
    {
      JsonObject *doc = element_object (documents, i);

      why = doc != NULL ? check_document (&export, doc) : g_strdup ("a document is not an object");
    }
  summary->known = FIELD_DOCUMENTS | FIELD_STATUSES | FIELD_ANNOTATIONS | FIELD_TEXTS;

  return why;
}

static char *
read_stats (const char *out,
            gsize       len,
            Summary    *summary)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj, *by_status, *by_label;
  gint64 sum = 0;
  char *why = NULL;

  if ((root = parse_json (out, len, &why)) == NULL)
    return why;
  obj = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  by_status = member_object (obj, "by_status");
  by_label = member_object (obj, "spans_by_label");
  if (!member_int (obj, "documents", &summary->documents) || !member_int (obj, "spans", &summary->spans) ||
      !member_int (obj, "events", &summary->events) || !member_int (obj, "stances", &summary->stances) ||
      by_status == NULL || by_label == NULL)
    return g_strdup ("lacks documents, spans, events, stances, by_status or spans_by_label");

  for (guint s = 0; s < TESSERA_N_STATUSES; s++)
    {
      if (!member_int (by_status, tessera_status_to_string (s), &summary->statuses[s]))
        return g_strdup_printf ("by_status lacks %s", tessera_status_to_string (s));
      sum += summary->statuses[s];
    }
  if (sum != summary->documents)
    return g_strdup_printf ("by_status adds up to %" G_GINT64_FORMAT ", not %" G_GINT64_FORMAT " documents",
                            sum, summary->documents);

  /* Label names may repeat across kinds (an entity Place, a role Place). */
  {
    g_autoptr(GList) kinds = json_object_get_members (by_label);

    for (GList *k = kinds; k != NULL; k = k->next)
      {
        JsonObject *labels = member_object (by_label, k->data);
        g_autoptr(GList) names = labels ? json_object_get_members (labels) : NULL;

        for (GList *l = names; l != NULL; l = l->next)
          {
            gint64 n = 0;

            if (!member_int (labels, l->data, &n) || n < 0)
              return g_strdup_printf ("spans_by_label.%s.%s is not a count", (char *) k->data, (char *) l->data);
            if (n > 0)
              count_label (summary, l->data, n);
          }
      }
  }
  summary->known = FIELD_DOCUMENTS | FIELD_STATUSES | FIELD_ANNOTATIONS;

  return NULL;
}

/* "p.tessera: OK, 5 documents, 40 spans" */
static char *
read_check (const char *out,
            gsize       len,
            Summary    *summary)
{
  g_autoptr(GRegex) regex = g_regex_new ("^" PROJECT_NAME ": OK, (\\d+) documents?, (\\d+) spans?\n$",
                                         G_REGEX_DEFAULT, G_REGEX_MATCH_DEFAULT, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *documents = NULL;
  g_autofree char *spans = NULL;

  if (!g_regex_match_full (regex, out, len, 0, G_REGEX_MATCH_DEFAULT, &match, NULL))
    return g_strdup ("not “" PROJECT_NAME ": OK, N documents, N spans”");
  documents = g_match_info_fetch (match, 1);
  spans = g_match_info_fetch (match, 2);
  summary->documents = g_ascii_strtoll (documents, NULL, 10);
  summary->spans = g_ascii_strtoll (spans, NULL, 10);
  summary->known = FIELD_DOCUMENTS;

  return NULL;
}

/* What @run printed, checked to hang together; NULL, or why not. */
char *
read_output (Command  command,
             GBytes  *out,
             Summary *summary)
{
  static char *(* const readers[N_COMMANDS]) (const char *, gsize, Summary *) = {
    [COMMAND_STATS] = read_stats,
    [COMMAND_CHECK] = read_check,
    [COMMAND_JSONL] = read_jsonl,
    [COMMAND_PROJECT] = read_project_json,
  };
  g_autofree char *text = bytes_to_string (out);
  gsize len = g_bytes_get_size (out);
  const char *bad = NULL;

  if (!g_utf8_validate_len (text, len, &bad))
    return g_strdup_printf ("invalid UTF-8 at byte %" G_GSIZE_FORMAT " of stdout", (gsize) (bad - text));

  return readers[command] (text, len, summary);
}

/* The counts @a and @b both know, where they differ; NULL when they
 * agree. JSONL leaves suggestions out, so its annotations are compared
 * only where the project export says there are none. */
char *
compare_summaries (const Summary *a,
                   const Summary *b)
{
  guint known = a->known & b->known;
  GHashTableIter iter;
  gpointer label, n;

  if ((known & FIELD_DOCUMENTS) && a->documents != b->documents)
    return g_strdup_printf ("%" G_GINT64_FORMAT " documents, not %" G_GINT64_FORMAT, a->documents, b->documents);
  if (known & FIELD_STATUSES)
    for (guint s = 0; s < TESSERA_N_STATUSES; s++)
      if (a->statuses[s] != b->statuses[s])
        return g_strdup_printf ("%" G_GINT64_FORMAT " documents %s, not %" G_GINT64_FORMAT,
                                a->statuses[s], tessera_status_to_string (s), b->statuses[s]);
  if ((known & FIELD_TEXTS) && !g_string_equal (a->texts, b->texts))
    return g_strdup ("the documents' ids or texts differ");
  if ((known & FIELD_ANNOTATIONS) && a->suggested == 0 && b->suggested == 0)
    {
      if (a->spans != b->spans || a->events != b->events || a->stances != b->stances)
        return g_strdup_printf ("%" G_GINT64_FORMAT " spans, %" G_GINT64_FORMAT " events, %" G_GINT64_FORMAT
                                " stances, not %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT,
                                a->spans, a->events, a->stances, b->spans, b->events, b->stances);
      g_hash_table_iter_init (&iter, a->labels);
      while (g_hash_table_iter_next (&iter, &label, &n))
        if (GPOINTER_TO_SIZE (n) != GPOINTER_TO_SIZE (g_hash_table_lookup (b->labels, label)))
          return g_strdup_printf ("%" G_GSIZE_FORMAT " spans labelled %s, not %" G_GSIZE_FORMAT,
                                  GPOINTER_TO_SIZE (n), (char *) label,
                                  GPOINTER_TO_SIZE (g_hash_table_lookup (b->labels, label)));
      if (g_hash_table_size (a->labels) != g_hash_table_size (b->labels))
        return g_strdup ("the spans' labels differ");
    }

  return NULL;
}

/* Stats as compared: without "file_size", which a cut file changes
 * without changing what it holds. */
static GBytes *
normalize_stats (GBytes *out)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *why = NULL;
  g_autofree char *text = bytes_to_string (out);
  g_autofree char *normal = NULL;
  gsize len = g_bytes_get_size (out);

  if ((root = parse_json (text, len, &why)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return g_bytes_ref (out);
  json_object_remove_member (json_node_get_object (root), "file_size");
  json_generator_set_root (generator, root);
  normal = json_generator_to_data (generator, &len);

  return g_bytes_new_take (g_steal_pointer (&normal), len);
}

/* Where @out first differs from @reference, with a little of each. */
char *
first_difference (GBytes *out,
                  GBytes *reference)
{
  gsize len = 0, ref_len = 0;
  const char *a = g_bytes_get_data (out, &len);
  const char *b = g_bytes_get_data (reference, &ref_len);
  gsize at = 0;
  gsize from;
  g_autofree char *got = NULL;
  g_autofree char *wanted = NULL;

  while (at < len && at < ref_len && a[at] == b[at])
    at++;
  from = at > 20 ? at - 20 : 0;
  got = g_utf8_make_valid (a + from, MIN (len - from, 50));
  wanted = g_utf8_make_valid (b + from, MIN (ref_len - from, 50));
  g_strdelimit (got, "\n", ' ');
  g_strdelimit (wanted, "\n", ' ');

  return g_strdup_printf ("byte %" G_GSIZE_FORMAT " of stdout: “%s” instead of “%s”", at, got, wanted);
}

/* @out as compared with a reference. */
GBytes *
comparable_output (Command  command,
                   GBytes  *out)
{
  return command == COMMAND_STATS ? normalize_stats (out) : g_bytes_ref (out);
}

