/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-format-detect"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-formats-private.h"

/* Unknown keys named in a message, at most. */
#define MAX_KEYS_NAMED 8
/* Longest key quoted in a message, in bytes. */
#define MAX_KEY_BYTES 40

/* The members of a document record: what _tessera_record_write() writes
 * and _tessera_record_importer_add() reads. */
static const char * const record_keys[] = {
  "id", "title", "source", "url", "published", "language", "status",
  "offset_unit", "text", "spans", "events", "stances",
};

/* Annotation formats of other tools, told by the keys of a record: all
 * of @all and at least one of @any. The first that matches names it. */
typedef struct
{
  const char *name;
  const char *all[3];
  const char *any[4];
} ForeignFormat;

static const ForeignFormat foreign_formats[] = {
  { "Prodigy JSONL", { NULL }, { "_input_hash", "_task_hash", "answer" } },
  { "Label Studio tasks", { "data" }, { "annotations", "predictions" } },
  { "doccano JSONL", { "text" }, { "label", "entities", "relations" } },
  { "WikiEvents JSONL", { "doc_id" }, { "entity_mentions", "event_mentions", "tokens" } },
  { "RAMS JSON lines", { "doc_key" }, { "evt_triggers", "gold_evt_links", "ent_spans" } },
  { "WikiEvents coreference JSON lines", { "doc_key", "clusters" }, { "informative_mentions" } },
  { "DyGIE++ JSON lines", { "doc_key", "sentences" }, { "ner", "events", "relations" } },
  { "spaCy JSON", { NULL }, { "ents", "paragraphs" } },
};

static gboolean
is_record_key (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (record_keys); i++)
    if (strcmp (key, record_keys[i]) == 0)
      return TRUE;

  return FALSE;
}

static void
append_key (GString    *out,
            const char *key,
            gboolean    quoted)
{
  gsize n = strlen (key);

  if (out->len > 0)
    g_string_append (out, ", ");
  if (n > MAX_KEY_BYTES)
    n = g_utf8_find_prev_char (key, key + MAX_KEY_BYTES + 1) - key;
  g_string_append_printf (out, quoted ? "\"%.*s%s\"" : "%.*s%s",
                          (int) n, key, n < strlen (key) ? "…" : "");
}

/* Appends the keys of @list (@n at most) that @obj has and a record
 * does not. */
static void
append_foreign_keys (GString            *out,
                     JsonObject         *obj,
                     const char * const *list,
                     guint               n)
{
  for (guint i = 0; i < n && list[i] != NULL; i++)
    if (json_object_has_member (obj, list[i]) && !is_record_key (list[i]))
      append_key (out, list[i], TRUE);
}

/* The first format of foreign_formats that @obj matches, or NULL; its
 * keys in @obj that a record does not have go to @keys. */
static const ForeignFormat *
match_foreign (JsonObject *obj,
               GString    *keys)
{
  for (guint i = 0; i < G_N_ELEMENTS (foreign_formats); i++)
    {
      const ForeignFormat *format = &foreign_formats[i];
      gboolean matches = TRUE;
      gboolean any = FALSE;

      for (guint j = 0; matches && j < G_N_ELEMENTS (format->all) && format->all[j] != NULL; j++)
        matches = json_object_has_member (obj, format->all[j]);
      for (guint j = 0; matches && j < G_N_ELEMENTS (format->any) && format->any[j] != NULL; j++)
        any |= json_object_has_member (obj, format->any[j]);
      if (!matches || !any)
        continue;

      append_foreign_keys (keys, obj, format->all, G_N_ELEMENTS (format->all));
      append_foreign_keys (keys, obj, format->any, G_N_ELEMENTS (format->any));
      return format;
    }

  return NULL;
}

gboolean
_tessera_record_check_keys (JsonObject  *record,
                            const char  *where,
                            GError     **error)
{
  g_autoptr(GString) unknown = NULL;
  g_autoptr(GString) format_keys = NULL;
  const ForeignFormat *format;
  JsonObjectIter iter;
  const char *key;
  guint n_unknown = 0;

  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (where != NULL, FALSE);

  json_object_iter_init_ordered (&iter, record);
  while (json_object_iter_next_ordered (&iter, &key, NULL))
    {
      if (is_record_key (key))
        continue;
      if (unknown == NULL)
        unknown = g_string_new (NULL);
      if (++n_unknown <= MAX_KEYS_NAMED)
        append_key (unknown, key, FALSE);
    }
  if (unknown == NULL)
    return TRUE;
  if (n_unknown > MAX_KEYS_NAMED)
    g_string_append (unknown, ", …");

  format_keys = g_string_new (NULL);
  format = match_foreign (record, format_keys);
  if (format != NULL)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                 /* Translators: where (file and line), the other tool's format ("Label Studio
                  * tasks"), the JSON keys that gave it away, then the keys Tessera does not
                  * know. */
                 _("%s: this looks like %s (keys %s), which Tessera cannot import yet; "
                    "unknown keys: %s"), where, format->name, format_keys->str, unknown->str);
  else
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                 /* Translators: where (file and line), then the keys Tessera does not know.
                  * The keys in parentheses are JSON keys: keep them as they are. */
                 _("%s: not a Tessera record: unknown keys: %s (a record may have id, title, "
                    "source, url, published, language, status, offset_unit, text, spans, events "
                    "and stances)"), where, unknown->str);

  return FALSE;
}

/* Whether every key of @obj is a record key, and it has a text or spans. */
static gboolean
looks_like_record (JsonObject *obj)
{
  JsonObjectIter iter;
  const char *key;

  json_object_iter_init_ordered (&iter, obj);
  while (json_object_iter_next_ordered (&iter, &key, NULL))
    if (!is_record_key (key))
      return FALSE;

  return json_object_has_member (obj, "text") || json_object_has_member (obj, "spans");
}

void
_tessera_set_not_project_json_error (const char  *display,
                                     JsonNode    *root,
                                     GError     **error)
{
  g_autoptr(GString) keys = g_string_new (NULL);
  gboolean array = JSON_NODE_HOLDS_ARRAY (root);
  JsonNode *first = NULL;
  JsonObject *obj = NULL;
  const ForeignFormat *format;
  const char *tag = NULL;

  if (array && json_array_get_length (json_node_get_array (root)) > 0)
    first = json_array_get_element (json_node_get_array (root), 0);
  else if (!array)
    first = root;
  if (first != NULL && JSON_NODE_HOLDS_OBJECT (first))
    obj = json_node_get_object (first);

  if (obj != NULL && !array)
    tag = json_object_get_string_member_with_default (obj, "format", NULL);

  if (g_strcmp0 (tag, "tessera-schema") == 0)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                 _("%s: a Tessera label schema, not a project JSON: give it to "
                    "“tessera-cli schema --replace” or “tessera-cli init --schema”"), display);
  else if (g_strcmp0 (tag, "tessera-report") == 0)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                 _("%s: a Tessera report, which cannot be imported; import a project JSON "
                    "or JSONL export instead"), display);
  else if (obj != NULL && (format = match_foreign (obj, keys)) != NULL)
    {
      if (array)
        g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                     /* Translators: the file name, the other tool's format ("Label Studio
                      * tasks"), then the JSON keys that gave it away. */
                     _("%s: this looks like %s (an array of records with keys %s), which "
                        "Tessera cannot import yet"), display, format->name, keys->str);
      else
        g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                     /* Translators: the file name, the other tool's format ("Label Studio
                      * tasks"), then the JSON keys that gave it away. */
                     _("%s: this looks like %s (a record with keys %s), which Tessera cannot "
                        "import yet"), display, format->name, keys->str);
    }
  else if (obj != NULL && looks_like_record (obj))
    {
      if (array)
        g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                     _("%s: not a Tessera project JSON but Tessera JSONL records in an array: "
                        "write one record a line in a file named .jsonl"), display);
      else
        g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                     _("%s: not a Tessera project JSON but Tessera JSONL record: write one "
                        "record a line in a file named .jsonl"), display);
    }
  else
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                 /* Translators: keep "format": "tessera-project" as it is: it is the JSON the
                  * file lacks. */
                 _("%s: not a Tessera project JSON (no \"format\": \"tessera-project\")"), display);
}
