/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-jsonl"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "tessera-error.h"
#include "tessera-formats.h"
#include "tessera-project.h"
#include "tessera-test-util.h"

typedef TesseraTestProject Fixture;

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "jsonl", name, NULL);
}

static void
import_ok (TesseraProject      *project,
           const char          *path,
           TesseraImportReport *report)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_test_import (project, path, FALSE, report, &error));
  g_assert_no_error (error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The annotations of a record, written with span positions instead of
 * ids, sorted: two records with the same annotations give the same
 * string whatever their ids. Also checks every span's "text" against its
 * code-point slice. */
static char *
describe_record (JsonObject *record)
{
  const char *text = json_object_get_string_member (record, "text");
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  JsonArray *spans = json_object_get_array_member (record, "spans");
  JsonArray *events = json_object_get_array_member (record, "events");
  JsonArray *stances = json_object_get_array_member (record, "stances");

  g_string_append_printf (out, "id=%s title=%s status=%s\n",
                          json_object_get_string_member (record, "id"),
                          json_object_get_string_member_with_default (record, "title", "-"),
                          json_object_get_string_member_with_default (record, "status", "-"));

  for (guint i = 0; i < json_array_get_length (spans); i++)
    {
      JsonObject *span = json_array_get_object_element (spans, i);
      gint64 start = json_object_get_int_member (span, "start");
      gint64 end = json_object_get_int_member (span, "end");
      const char *span_text = json_object_get_string_member (span, "text");
      char *key = g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT ":%s",
                                   start, end, json_object_get_string_member (span, "label"));
      const char *from = g_utf8_offset_to_pointer (text, start);
      const char *to = g_utf8_offset_to_pointer (text, end);
      g_autofree char *slice = g_strndup (from, to - from);

      g_assert_cmpint (end, <=, g_utf8_strlen (text, -1));
      g_assert_cmpstr (span_text, ==, slice);

      g_hash_table_insert (keys, g_strdup (json_object_get_string_member (span, "id")), key);
      g_ptr_array_add (lines, g_strdup_printf ("span %s \"%s\"", key, span_text));
    }

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      JsonArray *args = json_object_get_array_member (event, "arguments");
      g_autoptr(GString) line = g_string_new (NULL);

      g_hash_table_insert (keys, g_strdup (json_object_get_string_member (event, "id")),
                           g_strdup_printf ("event@%s", (char *) g_hash_table_lookup (keys, json_object_get_string_member (event, "trigger"))));
      g_string_append_printf (line, "event %s on %s %s/%s:",
                              json_object_get_string_member (event, "type"),
                              (char *) g_hash_table_lookup (keys, json_object_get_string_member (event, "trigger")),
                              json_object_get_string_member_with_default (event, "realis", "-"),
                              json_object_get_string_member_with_default (event, "confirmation", "-"));
      for (guint j = 0; j < json_array_get_length (args); j++)
        {
          JsonObject *arg = json_array_get_object_element (args, j);

          g_string_append_printf (line, " %s=%s", json_object_get_string_member (arg, "role"),
                                  (char *) g_hash_table_lookup (keys, json_object_get_string_member (arg, "span")));
        }
      g_ptr_array_add (lines, g_string_free (g_steal_pointer (&line), FALSE));
    }

  for (guint i = 0; i < json_array_get_length (stances); i++)
    {
      JsonObject *stance = json_array_get_object_element (stances, i);
      JsonObject *target = json_object_get_object_member (stance, "target");
      const char *holder = json_object_get_string_member_with_default (stance, "holder", NULL);
      const char *target_ref = NULL;

      if (target != NULL)
        target_ref = json_object_get_string_member_with_default (target, "event",
                       json_object_get_string_member_with_default (target, "span", NULL));

      g_ptr_array_add (lines, g_strdup_printf ("stance %s on %s by %s toward %s",
                                               json_object_get_string_member (stance, "label"),
                                               (char *) g_hash_table_lookup (keys, json_object_get_string_member (stance, "span")),
                                               holder ? (char *) g_hash_table_lookup (keys, holder) : "-",
                                               target_ref ? (char *) g_hash_table_lookup (keys, target_ref) : "-"));
    }

  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    {
      g_assert_null (strstr (lines->pdata[i], "(null)"));
      g_string_append_printf (out, "%s\n", (char *) lines->pdata[i]);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
describe_jsonl (const char *jsonl)
{
  g_autoptr(GPtrArray) records = tessera_test_parse_jsonl (jsonl);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < records->len; i++)
    {
      g_autofree char *description = describe_record (json_node_get_object (records->pdata[i]));

      g_string_append (out, description);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The DESIGN.md §4 shape comes in and goes out unchanged, byte for byte. */
static void
test_example_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = data_path ("example.jsonl");
  g_autofree char *expected = tessera_test_read_file (path);
  g_autofree char *exported = NULL;
  TesseraImportReport report;

  tessera_import_report_init (&report);
  import_ok (fixture->project, path, &report);
  g_assert_cmpuint (report.n_documents, ==, 2);
  g_assert_cmpuint (report.n_merged, ==, 0);
  g_assert_cmpuint (report.n_spans, ==, 10);
  g_assert_cmpuint (report.n_events, ==, 1);
  g_assert_cmpuint (report.n_stances, ==, 2);
  tessera_import_report_clear (&report);

  exported = tessera_test_export (fixture->project, tessera_export_jsonl);
  g_assert_cmpstr (exported, ==, expected);
}

/* Emoji (astral), a flag, combining marks, Arabic, Hebrew, curly quotes
 * and CJK: offsets are code points all the way round. */
static void
test_unicode_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = data_path ("unicode.jsonl");
  g_autofree char *original = tessera_test_read_file (path);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *first_path = NULL;
  g_autofree char *described_original = NULL;
  g_autofree char *described_first = NULL;
  g_autofree char *described_second = NULL;
  g_autoptr(TesseraProject) fresh = NULL;

  import_ok (fixture->project, path, NULL);
  first = tessera_test_export (fixture->project, tessera_export_jsonl);

  first_path = tessera_test_write_file (fixture->dir, "first.jsonl", first, -1);
  fresh = tessera_test_create_project (fixture->dir, "fresh.tessera", NULL);
  import_ok (fresh, first_path, NULL);
  second = tessera_test_export (fresh, tessera_export_jsonl);

  described_original = describe_jsonl (original);
  described_first = describe_jsonl (first);
  described_second = describe_jsonl (second);

  /* The fixture has no status: it came in as "new". */
  g_assert_nonnull (strstr (described_first, "status=new"));
  g_assert_cmpstr (described_second, ==, described_first);
  g_assert_cmpstr (strchr (described_first, '\n'), ==, strchr (described_original, '\n'));
  g_assert_nonnull (strstr (described_first, "span 36-38:Place \"🇲🇱\""));

  tessera_project_close (fresh);
}

/* Model pre-annotations come back in by document id; what the document
 * already has is not added twice. */
static void
test_merge_preannotations (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *example = data_path ("example.jsonl");
  g_autofree char *pre = data_path ("preannotations.jsonl");
  g_autofree char *exported = NULL;
  g_autofree char *again = NULL;
  g_autofree char *again_path = NULL;
  g_autoptr(TesseraDocument) doc = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  TesseraImportReport report;
  guint by_model = 0;
  gint64 id;

  import_ok (fixture->project, example, NULL);
  tessera_project_set_annotator (fixture->project, "analyst");

  tessera_import_report_init (&report);
  import_ok (fixture->project, pre, &report);
  g_assert_cmpuint (report.n_documents, ==, 0);
  g_assert_cmpuint (report.n_merged, ==, 1);
  g_assert_cmpuint (report.n_spans, ==, 2);
  g_assert_cmpuint (report.n_events, ==, 1);
  tessera_import_report_clear (&report);

  g_assert_cmpint (tessera_project_count_documents (fixture->project), ==, 2);
  doc = tessera_project_find_document (fixture->project, "amaru-1", FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  spans = tessera_project_list_spans (fixture->project, doc->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 11);
  for (guint i = 0; i < spans->len; i++)
    {
      const TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);
      const char *who = tessera_project_get_annotator_name (fixture->project, span->annotator_id);

      if (g_strcmp0 (who, "model-v1") == 0)
        by_model++;
      else
        g_assert_cmpstr (who, ==, "ana");
    }
  g_assert_cmpuint (by_model, ==, 2);

  /* The example's event (three arguments) names ana; the model's names
   * nobody, so the current annotator signs it. */
  {
    g_autoptr(GPtrArray) events = tessera_project_list_events (fixture->project, doc->id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (events->len, ==, 2);
    for (guint i = 0; i < events->len; i++)
      {
        const TesseraEvent *event = events->pdata[i];
        const char *who = tessera_project_get_annotator_name (fixture->project, event->annotator_id);

        g_assert_cmpstr (who, ==, event->arguments->len == 3 ? "ana" : "analyst");
      }
  }

  /* The analyst still signs what they add next. */
  id = tessera_project_add_span (fixture->project, doc->id, 0, 6,
                                 tessera_test_label_id (fixture->project, TESSERA_LABEL_ENTITY, "Person"),
                                 NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  {
    g_autoptr(TesseraSpan) added = tessera_project_get_span (fixture->project, id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (tessera_project_get_annotator_name (fixture->project, added->annotator_id), ==,
                     "analyst");
  }

  /* Importing an export into the same project adds nothing. */
  exported = tessera_test_export (fixture->project, tessera_export_jsonl);
  again_path = tessera_test_write_file (fixture->dir, "again.jsonl", exported, -1);
  tessera_import_report_init (&report);
  import_ok (fixture->project, again_path, &report);
  g_assert_cmpuint (report.n_merged, ==, 2);
  g_assert_cmpuint (report.n_spans, ==, 0);
  g_assert_cmpuint (report.n_events, ==, 0);
  g_assert_cmpuint (report.n_stances, ==, 0);
  tessera_import_report_clear (&report);
  again = tessera_test_export (fixture->project, tessera_export_jsonl);
  g_assert_cmpstr (again, ==, exported);
}

typedef struct
{
  const char *name;
  const char *content;    /* the file */
  int         code;       /* TESSERA_ERROR_… */
  const char *where;      /* "bad.jsonl:N:" */
  const char *message;    /* part of the message */
} BadCase;

#define GOOD_LINE "{\"id\":\"fresh-1\",\"text\":\"A good record comes first.\"," \
                  "\"spans\":[{\"id\":\"s1\",\"start\":2,\"end\":6,\"label\":\"Place\"}]}\n"

static const BadCase bad_cases[] = {
  { "out-of-range",
    GOOD_LINE "\n"
    "{\"id\":\"b\",\"text\":\"Short text.\",\"spans\":[{\"id\":\"s3\",\"start\":6,\"end\":240,\"label\":\"Place\"}]}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:3:",
    "span \"s3\" ends at 240, past the end of the text (11 code points)" },
  { "reversed",
    GOOD_LINE
    "{\"id\":\"b\",\"text\":\"Short text here.\",\"spans\":[{\"id\":\"s4\",\"start\":9,\"end\":5,\"label\":\"Place\"}]}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2:", "span \"s4\" has start 9 > end 5" },
  { "unknown-label",
    GOOD_LINE
    "{\"id\":\"b\",\"text\":\"A rifle.\",\"spans\":[{\"id\":\"s1\",\"start\":2,\"end\":7,\"label\":\"Weapon\"}]}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2:", "unknown label \"Weapon\" (the schema has: Person, Organization" },
  { "bad-json",
    GOOD_LINE "{\"id\":\"b\",\"text\":\"unterminated\"\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2:", "not valid JSON" },
  { "not-an-object",
    GOOD_LINE "[1, 2, 3]\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2:", "must be a JSON object" },
  { "utf16-offsets",
    GOOD_LINE
    "{\"id\":\"b\",\"text\":\"😀 Amaru fell.\",\"spans\":[{\"id\":\"s2\",\"start\":3,\"end\":8,\"label\":\"Place\",\"text\":\"Amaru\"}]}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2:",
    "span \"s2\" has text “Amaru” but the text at 3–8 is “maru ” (they look like UTF-16 offsets" },
  { "byte-offsets",
    GOOD_LINE
    "{\"id\":\"b\",\"text\":\"Café Amaru fell.\",\"spans\":[{\"id\":\"s2\",\"start\":6,\"end\":11,\"label\":\"Place\",\"text\":\"Amaru\"}]}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2:", "they look like byte offsets" },
  { "unknown-status",
    GOOD_LINE "{\"id\":\"b\",\"text\":\"Some text.\",\"status\":\"finished\"}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2:", "unknown status \"finished\"" },
  { "unknown-trigger",
    GOOD_LINE
    "{\"id\":\"b\",\"text\":\"Troops attacked.\",\"spans\":[{\"id\":\"s1\",\"start\":7,\"end\":15,\"label\":\"Battle\"}],"
    "\"events\":[{\"id\":\"e1\",\"type\":\"Battle\",\"trigger\":\"s99\"}]}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2:", "event \"e1\" trigger \"s99\" is not a span of this record" },
  { "unknown-role",
    GOOD_LINE
    "{\"id\":\"b\",\"text\":\"Troops attacked.\",\"spans\":[{\"id\":\"s1\",\"start\":7,\"end\":15,\"label\":\"Battle\"}],"
    "\"events\":[{\"id\":\"e1\",\"type\":\"Battle\",\"trigger\":\"s1\",\"arguments\":[{\"role\":\"Victim\",\"span\":\"s1\"}]}]}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2:", "unknown role \"Victim\"" },
  { "bad-realis",
    GOOD_LINE
    "{\"id\":\"b\",\"text\":\"Troops attacked.\",\"spans\":[{\"id\":\"s1\",\"start\":7,\"end\":15,\"label\":\"Battle\"}],"
    "\"events\":[{\"id\":\"e1\",\"type\":\"Battle\",\"trigger\":\"s1\",\"realis\":\"rumoured\"}]}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2:", "unknown realis \"rumoured\"" },
  { "stance-unknown-event",
    GOOD_LINE
    "{\"id\":\"b\",\"text\":\"They denied it.\",\"spans\":[{\"id\":\"s1\",\"start\":5,\"end\":11,\"label\":\"denies\"}],"
    "\"stances\":[{\"id\":\"t1\",\"span\":\"s1\",\"label\":\"denies\",\"target\":{\"event\":\"e7\"}}]}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2:", "event \"e7\" is not an event of this record" },
  { "duplicate-uid-other-text",
    GOOD_LINE "{\"id\":\"amaru-1\",\"text\":\"A different text.\"}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2:", "already has a document with id \"amaru-1\" and a different text" },
  { "crlf-with-spans",
    GOOD_LINE
    "{\"id\":\"b\",\"text\":\"Line one\\r\\nAmaru\",\"spans\":[{\"id\":\"s1\",\"start\":10,\"end\":15,\"label\":\"Place\"}]}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2:", "text contains CR line endings; offsets would shift" },
  { "code-units",
    GOOD_LINE "{\"id\":\"b\",\"text\":\"x\",\"offset_unit\":\"utf16\"}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2:", "\"offset_unit\" is \"utf16\"" },
  { "no-text",
    GOOD_LINE "{\"id\":\"nowhere\",\"spans\":[]}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2:", "no \"text\"" },
  { "invalid-utf8",
    GOOD_LINE "{\"id\":\"b\",\"text\":\"caf\xe9\"}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2:", "invalid UTF-8 at byte 21 of the line" },
  /* json-glib would cut the text at \u0000 and carry on. */
  { "nul-escape",
    GOOD_LINE "\n{\"id\":\"b\",\"text\":\"cut\\u0000here\"}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:3: byte 21:", "\\u0000 (NUL) is not allowed in text" },
  /* json-glib would take the first and drop the second. */
  { "two-values",
    GOOD_LINE "{\"id\":\"a\",\"text\":\"One.\"} {\"id\":\"b\",\"text\":\"Two.\"}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2: byte 25:", "a second value follows the first" },
  { "trailing-garbage",
    GOOD_LINE "{\"id\":\"a\",\"text\":\"One.\"} x\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2: byte 25:", "unexpected ‘x’ after the JSON value" },
  { "comment",
    GOOD_LINE "{\"id\":\"b\",\"text\":\"x\"} // checked by hand\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2: byte 22:", "comments are not allowed in JSON" },
  { "single-quotes",
    GOOD_LINE "{\"id\":'b',\"text\":\"x\"}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2: byte 6:", "single-quoted strings are not allowed in JSON" },
  { "unquoted-key",
    GOOD_LINE "{\"id\":\"b\",text:\"x\"}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2: byte 10:", "object keys must be double-quoted strings" },
  { "trailing-comma",
    GOOD_LINE "{\"id\":\"b\",\"text\":\"x\",}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2: byte 21:", "a trailing comma before '}' is not allowed" },
  { "hex-offset",
    GOOD_LINE "{\"id\":\"b\",\"text\":\"Short.\",\"spans\":[{\"id\":\"s1\",\"start\":0x1,\"end\":3,\"label\":\"Place\"}]}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2: byte 54:", "hexadecimal numbers are not allowed in JSON" },
  { "nan-offset",
    GOOD_LINE "{\"id\":\"b\",\"text\":\"Short.\",\"spans\":[{\"id\":\"s1\",\"start\":NaN,\"end\":3,\"label\":\"Place\"}]}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2: byte 54:", "NaN and Infinity are not allowed in JSON" },
  { "control-character",
    GOOD_LINE "{\"id\":\"b\",\"text\":\"tab\there\"}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2: byte 21:", "control character U+0009 in a string" },
  { "lone-surrogate",
    GOOD_LINE "{\"id\":\"b\",\"text\":\"half \\ud83d of a pair\"}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2: byte 23:", "\\uD83D is half of a UTF-16 surrogate pair" },
  /* json-glib would wrap it round to -1: "start 0 > end -1". */
  { "huge-offset",
    GOOD_LINE "{\"id\":\"b\",\"text\":\"Short.\",\"spans\":[{\"id\":\"s1\",\"start\":0,\"end\":99999999999999999999,\"label\":\"Place\"}]}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2: byte 62:",
    "\"end\": the number 99999999999999999999 does not fit in a 64-bit integer" },
  { "fractional-offset",
    GOOD_LINE "{\"id\":\"b\",\"text\":\"Short.\",\"spans\":[{\"id\":\"s1\",\"start\":1e30,\"end\":3,\"label\":\"Place\"}]}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2:", "span \"s1\" start 1e+30 is not a valid offset" },
  { "negative-offset",
    GOOD_LINE "{\"id\":\"b\",\"text\":\"Short.\",\"spans\":[{\"id\":\"s1\",\"start\":-5,\"end\":3,\"label\":\"Place\"}]}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2:", "span \"s1\" start -5 is not a valid offset" },
  /* Prodigy's spans look like Tessera's: only its other keys tell. */
  { "prodigy",
    GOOD_LINE "{\"text\":\"Short.\",\"spans\":[{\"start\":0,\"end\":5,\"label\":\"LOC\"}],"
    "\"_input_hash\":17,\"_task_hash\":-4,\"answer\":\"accept\"}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2:",
    "this looks like Prodigy JSONL (keys \"_input_hash\", \"_task_hash\", \"answer\"), which "
    "Tessera cannot import yet; unknown keys: _input_hash, _task_hash, answer" },
  { "unknown-keys",
    GOOD_LINE "{\"id\":\"b\",\"text\":\"Short.\",\"lang\":\"en\",\"meta\":{}}\n",
    TESSERA_ERROR_INVALID_INPUT, "bad.jsonl:2:", "not a Tessera record: unknown keys: lang, meta (a record may have id," },
};

/* Every bad input names the file and line, and leaves the project file
 * exactly as it was (the good record before it is rolled back too). */
static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *example = data_path ("example.jsonl");
  g_autofree char *hash_before = NULL;

  import_ok (fixture->project, example, NULL);
  hash_before = tessera_test_project_close_and_hash (fixture);
  tessera_test_project_reopen (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *bad = &bad_cases[i];
      g_autofree char *path = tessera_test_write_file (fixture->dir, "bad.jsonl", bad->content, -1);
      g_autofree char *hash_after = NULL;
      g_autoptr(GError) error = NULL;
      TesseraImportReport report;

      g_test_message ("case %s", bad->name);
      tessera_import_report_init (&report);
      g_assert_false (tessera_test_import (fixture->project, path, FALSE, &report, &error));
      g_assert_error (error, TESSERA_ERROR, bad->code);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, bad->where));
      g_assert_nonnull (strstr (error->message, bad->message));
      g_assert_cmpuint (report.n_documents, ==, 0);
      g_assert_cmpuint (report.n_spans, ==, 0);
      tessera_import_report_clear (&report);

      g_assert_cmpint (tessera_project_count_documents (fixture->project), ==, 2);
      hash_after = tessera_test_project_close_and_hash (fixture);
      g_assert_cmpstr (hash_after, ==, hash_before);
      tessera_test_project_reopen (fixture);
    }
}

/* json-glib 1.6 recurses without a bound: deep nesting must be refused
 * before it is parsed, not crash. */
static void
test_deep_nesting (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GString) content = g_string_new (GOOD_LINE);
  g_autofree char *path = NULL;
  g_autofree char *hash_before = NULL;
  g_autofree char *hash_after = NULL;
  g_autoptr(GError) error = NULL;

  /* Brackets inside a string do not count. */
  g_string_append (content, "{\"id\":\"deep-ok\",\"text\":\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\\"[[[[\"}\n");
  g_string_append (content, "{\"id\":\"deep\",\"text\":\"x\",\"extra\":");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (content, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (content, ']');
  g_string_append (content, "}\n");
  path = tessera_test_write_file (fixture->dir, "deep.jsonl", content->str, content->len);

  hash_before = tessera_test_project_close_and_hash (fixture);
  tessera_test_project_reopen (fixture);

  g_assert_false (tessera_test_import (fixture->project, path, FALSE, NULL, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "deep.jsonl:3:"));
  g_assert_nonnull (strstr (error->message, "deeper than 64"));
  g_assert_cmpint (tessera_project_count_documents (fixture->project), ==, 0);

  hash_after = tessera_test_project_close_and_hash (fixture);
  g_assert_cmpstr (hash_after, ==, hash_before);
  tessera_test_project_reopen (fixture);
}

/* .jsonlines is another name for JSON Lines: Tessera's own records come
 * in under it. */
static void
test_jsonlines_name (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *example = data_path ("example.jsonl");
  g_autofree char *content = tessera_test_read_file (example);
  g_autofree char *path = tessera_test_write_file (fixture->dir, "example.jsonlines", content, -1);
  g_autofree char *exported = NULL;

  import_ok (fixture->project, path, NULL);
  exported = tessera_test_export (fixture->project, tessera_export_jsonl);
  g_assert_cmpstr (exported, ==, content);
}

/* Without spans, a text with CRLF is converted and the import says so;
 * a record without title or id gets them from the text and the project. */
static void
test_text_fixes_and_defaults (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  TesseraImportReport report;
  gboolean noticed = FALSE;

  path = tessera_test_write_file (fixture->dir, "fixes.jsonl",
                                  "\n"
                                  "{\"id\":\"crlf\",\"title\":\"Windows\",\"text\":\"One\\r\\nTwo\\r\\n\"}\r\n"
                                  "   \n"
                                  "{\"text\":\"\\n\\n  First line here  \\nSecond line\"}\n",
                                  -1);

  tessera_import_report_init (&report);
  import_ok (fixture->project, path, &report);
  g_assert_cmpuint (report.n_documents, ==, 2);
  for (guint i = 0; i < report.notices->len; i++)
    if (strstr (report.notices->pdata[i], "fixes.jsonl:2") != NULL &&
        strstr (report.notices->pdata[i], "line endings") != NULL)
      noticed = TRUE;
  g_assert_true (noticed);
  tessera_import_report_clear (&report);

  docs = tessera_project_list_documents (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 2);
  {
    g_autoptr(TesseraDocument) crlf = tessera_project_find_document (fixture->project, "crlf", TRUE, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (crlf->text, ==, "One\nTwo\n");
    g_assert_cmpint (crlf->status, ==, TESSERA_STATUS_NEW);
  }
  {
    TesseraDocument *untitled = docs->pdata[1];

    g_assert_cmpstr (untitled->title, ==, "First line here");
    g_assert_nonnull (untitled->uid);
    g_assert_cmpstr (untitled->uid, !=, "");
  }
}

#define SIGNED_TEXT "Rebels seized Ber at dawn. The army denied it, a spokesman said."

/* Spans, events and stances keep the annotator they name; those naming
 * none are signed by the current annotator, who stays the current one. */
static void
test_annotators (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(TesseraDocument) doc = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) stances = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *record;
  JsonArray *array;
  gint64 current;

  tessera_project_set_annotator (fixture->project, "analyst");
  path = tessera_test_write_file (fixture->dir, "signed.jsonl",
    "{\"id\":\"ber-1\",\"text\":\"" SIGNED_TEXT "\","
    "\"spans\":[{\"id\":\"s1\",\"start\":0,\"end\":6,\"label\":\"ArmedGroup\",\"annotator\":\"model-v1\"},"
    "{\"id\":\"s2\",\"start\":7,\"end\":13,\"label\":\"TerritoryChange\"},"
    "{\"id\":\"s3\",\"start\":14,\"end\":17,\"label\":\"Place\"},"
    "{\"id\":\"s4\",\"start\":27,\"end\":35,\"label\":\"ArmedGroup\"},"
    "{\"id\":\"s5\",\"start\":36,\"end\":42,\"label\":\"denies\"},"
    "{\"id\":\"s6\",\"start\":47,\"end\":58,\"label\":\"Person\"},"
    "{\"id\":\"s7\",\"start\":59,\"end\":63,\"label\":\"reports\"}],"
    "\"events\":[{\"id\":\"e1\",\"type\":\"TerritoryChange\",\"trigger\":\"s2\",\"annotator\":\"model-v1\","
    "\"arguments\":[{\"role\":\"Agent\",\"span\":\"s1\"},{\"role\":\"Place\",\"span\":\"s3\"}]}],"
    "\"stances\":[{\"id\":\"t1\",\"span\":\"s5\",\"label\":\"denies\",\"holder\":\"s4\","
    "\"target\":{\"event\":\"e1\"},\"annotator\":\"jonas\"},"
    "{\"id\":\"t2\",\"span\":\"s7\",\"label\":\"reports\",\"holder\":\"s6\",\"target\":{\"event\":\"e1\"}}]}\n",
    -1);
  import_ok (fixture->project, path, NULL);

  current = tessera_project_get_current_annotator_id (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tessera_project_get_annotator_name (fixture->project, current), ==, "analyst");

  doc = tessera_project_find_document (fixture->project, "ber-1", FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);

  spans = tessera_project_list_spans (fixture->project, doc->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 7);
  for (guint i = 0; i < spans->len; i++)
    {
      const TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);

      g_assert_cmpstr (tessera_project_get_annotator_name (fixture->project, span->annotator_id), ==,
                       span->start == 0 ? "model-v1" : "analyst");
    }

  events = tessera_project_list_events (fixture->project, doc->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (tessera_project_get_annotator_name (fixture->project,
                                                       ((TesseraEvent *) events->pdata[0])->annotator_id),
                   ==, "model-v1");
  g_assert_cmpuint (((TesseraEvent *) events->pdata[0])->arguments->len, ==, 2);

  stances = tessera_project_list_stances (fixture->project, doc->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stances->len, ==, 2);
  for (guint i = 0; i < stances->len; i++)
    {
      const TesseraStance *stance = &g_array_index (stances, TesseraStance, i);
      gboolean denial = stance->label_id == tessera_test_label_id (fixture->project, TESSERA_LABEL_STANCE,
                                                                   "denies");

      g_assert_cmpstr (tessera_project_get_annotator_name (fixture->project, stance->annotator_id), ==,
                       denial ? "jonas" : "analyst");
    }

  /* The export names them on events and stances too. */
  exported = tessera_test_export (fixture->project, tessera_export_jsonl);
  records = tessera_test_parse_jsonl (exported);
  g_assert_cmpuint (records->len, ==, 1);
  record = json_node_get_object (records->pdata[0]);
  array = json_object_get_array_member (record, "events");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "annotator"),
                   ==, "model-v1");
  array = json_object_get_array_member (record, "stances");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *stance = json_array_get_object_element (array, i);

      g_assert_cmpstr (json_object_get_string_member (stance, "annotator"), ==,
                       g_str_equal (json_object_get_string_member (stance, "label"), "denies")
                       ? "jonas" : "analyst");
    }
}

/* Annotations without text merge into a document imported from plain
 * text and bring its metadata: what the record gives replaces what the
 * document had, what it lacks stays. */
static void
test_merge_metadata (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *text_path = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GError) error = NULL;
  TesseraImportReport report;

  text_path = tessera_test_write_file (fixture->dir, "anefis.txt",
                                       "Convoy reaches Anefis\n\nA convoy of trucks reached Anefis on Monday.\n",
                                       -1);
  import_ok (fixture->project, text_path, NULL);
  {
    g_autoptr(TesseraDocument) doc = tessera_project_find_document (fixture->project, "anefis", FALSE,
                                                                    &error);

    g_assert_no_error (error);
    g_assert_nonnull (doc);
    g_assert_null (doc->source);
    g_assert_null (doc->published);
    g_assert_cmpint (doc->status, ==, TESSERA_STATUS_NEW);
  }

  first = tessera_test_write_file (fixture->dir, "first.jsonl",
    "{\"id\":\"anefis\",\"source\":\"Radio Example\",\"published\":\"2023-11-20\",\"status\":\"done\","
    "\"offset_unit\":\"codepoint\",\"spans\":[{\"id\":\"s1\",\"start\":15,\"end\":21,\"label\":\"Place\","
    "\"text\":\"Anefis\",\"annotator\":\"ana\"}]}\n",
    -1);
  tessera_import_report_init (&report);
  import_ok (fixture->project, first, &report);
  g_assert_cmpuint (report.n_documents, ==, 0);
  g_assert_cmpuint (report.n_merged, ==, 1);
  g_assert_cmpuint (report.n_spans, ==, 1);
  tessera_import_report_clear (&report);

  {
    g_autoptr(TesseraDocument) doc = tessera_project_find_document (fixture->project, "anefis", TRUE,
                                                                    &error);
    g_autoptr(GArray) spans = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (doc);
    g_assert_cmpstr (doc->title, ==, "Convoy reaches Anefis");
    g_assert_cmpstr (doc->source, ==, "Radio Example");
    g_assert_cmpstr (doc->published, ==, "2023-11-20");
    g_assert_cmpint (doc->status, ==, TESSERA_STATUS_DONE);
    g_assert_null (doc->url);
    g_assert_null (doc->language);
    g_assert_cmpstr (doc->text, ==, "Convoy reaches Anefis\n\nA convoy of trucks reached Anefis on Monday.\n");

    spans = tessera_project_list_spans (fixture->project, doc->id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (spans->len, ==, 1);
    g_assert_cmpint (g_array_index (spans, TesseraSpan, 0).start, ==, 15);
  }

  /* A later record with other fields changes only those. */
  second = tessera_test_write_file (fixture->dir, "second.jsonl",
                                    "{\"id\":\"anefis\",\"url\":\"https://radio.example/anefis\","
                                    "\"status\":\"in-progress\"}\n",
                                    -1);
  import_ok (fixture->project, second, NULL);
  {
    g_autoptr(TesseraDocument) doc = tessera_project_find_document (fixture->project, "anefis", FALSE,
                                                                    &error);

    g_assert_no_error (error);
    g_assert_cmpstr (doc->title, ==, "Convoy reaches Anefis");
    g_assert_cmpstr (doc->source, ==, "Radio Example");
    g_assert_cmpstr (doc->published, ==, "2023-11-20");
    g_assert_cmpstr (doc->url, ==, "https://radio.example/anefis");
    g_assert_cmpint (doc->status, ==, TESSERA_STATUS_IN_PROGRESS);
    g_assert_cmpint (doc->n_annotations, ==, 1);
  }
}

static void
test_export_progress_and_cancel (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *example = data_path ("example.jsonl");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  TesseraExportOptions options = { 0 };
  TesseraTestProgress progress = { 0 };

  import_ok (fixture->project, example, NULL);

  options.progress = tessera_test_record_progress;
  options.progress_data = &progress;
  g_assert_true (tessera_test_export_full (fixture->project, tessera_export_jsonl, &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.done, ==, 2);
  g_assert_cmpuint (progress.total, ==, 2);

  g_cancellable_cancel (cancellable);
  options.cancellable = cancellable;
  g_assert_false (tessera_test_export_full (fixture->project, tessera_export_jsonl, &options, NULL, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/jsonl/" path, Fixture, NULL, tessera_test_project_setup, func, \
              tessera_test_project_teardown)

  ADD ("example-round-trip", test_example_round_trip);
  ADD ("unicode-round-trip", test_unicode_round_trip);
  ADD ("merge-preannotations", test_merge_preannotations);
  ADD ("merge-metadata", test_merge_metadata);
  ADD ("annotators", test_annotators);
  ADD ("bad-input", test_bad_input);
  ADD ("deep-nesting", test_deep_nesting);
  ADD ("jsonlines-name", test_jsonlines_name);
  ADD ("text-fixes-and-defaults", test_text_fixes_and_defaults);
  ADD ("export-progress-and-cancel", test_export_progress_and_cancel);

#undef ADD

  return g_test_run ();
}
