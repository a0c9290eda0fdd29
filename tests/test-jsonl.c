/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-jsonl"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "tessera-error.h"
#include "tessera-formats.h"
#include "tessera-project.h"
#include "tessera-text.h"

typedef struct
{
  char           *dir;
  char           *project_path;
  TesseraProject *project;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("tessera-jsonl-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->project_path = g_build_filename (fixture->dir, "test.tessera", NULL);
  fixture->project = tessera_project_create (fixture->project_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->project);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      GDir *dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      if (dir != NULL)
        g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->project != NULL)
    tessera_project_close (fixture->project);
  g_clear_object (&fixture->project);
  remove_tree (fixture->dir);
  g_free (fixture->project_path);
  g_free (fixture->dir);
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "jsonl", name, NULL);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);

  return data;
}

static char *
write_file (const char *dir,
            const char *name,
            const char *data)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, data, -1, &error);
  g_assert_no_error (error);

  return path;
}

static gboolean
import_path (TesseraProject       *project,
             const char           *path,
             TesseraImportReport  *report,
             GError              **error)
{
  const char *paths[] = { path, NULL };
  TesseraImportOptions options = { 0 };

  return tessera_import_paths (project, paths, &options, report, error);
}

static void
import_ok (TesseraProject      *project,
           const char          *path,
           TesseraImportReport *report)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (import_path (project, path, report, &error));
  g_assert_no_error (error);
}

static char *
export_jsonl (TesseraProject *project)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  GMemoryOutputStream *mem = G_MEMORY_OUTPUT_STREAM (out);

  g_assert_true (tessera_export_jsonl (project, out, NULL, &error));
  g_assert_no_error (error);

  return g_strndup (g_memory_output_stream_get_data (mem),
                    g_memory_output_stream_get_data_size (mem));
}

static TesseraProject *
create_project (const char *dir,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  TesseraProject *project = tessera_project_create (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);

  return project;
}

static char *
hash_file (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);

  return tessera_text_sha256 (data, len);
}

/* Closes the project so the whole file is on disk, then hashes it. */
static char *
close_and_hash (Fixture *fixture)
{
  tessera_project_close (fixture->project);
  g_clear_object (&fixture->project);

  return hash_file (fixture->project_path);
}

static void
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->project = tessera_project_open (fixture->project_path, TESSERA_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->project);
}

static JsonNode *
parse_line (const char *line)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, line, -1, &error);
  g_assert_no_error (error);

  return json_node_ref (json_parser_get_root (parser));
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
  g_auto(GStrv) lines = g_strsplit (jsonl, "\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *description = NULL;

      if (*lines[i] == '\0')
        continue;
      root = parse_line (lines[i]);
      description = describe_record (json_node_get_object (root));
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
  g_autofree char *expected = read_file (path);
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

  exported = export_jsonl (fixture->project);
  g_assert_cmpstr (exported, ==, expected);
}

/* Emoji (astral), a flag, combining marks, Arabic, Hebrew, curly quotes
 * and CJK: offsets are code points all the way round. */
static void
test_unicode_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = data_path ("unicode.jsonl");
  g_autofree char *original = read_file (path);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *first_path = NULL;
  g_autofree char *described_original = NULL;
  g_autofree char *described_first = NULL;
  g_autofree char *described_second = NULL;
  g_autoptr(TesseraProject) fresh = NULL;

  import_ok (fixture->project, path, NULL);
  first = export_jsonl (fixture->project);

  first_path = write_file (fixture->dir, "first.jsonl", first);
  fresh = create_project (fixture->dir, "fresh.tessera");
  import_ok (fresh, first_path, NULL);
  second = export_jsonl (fresh);

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

  /* The analyst still signs what they add next. */
  id = tessera_project_add_span (fixture->project, doc->id, 0, 6,
                                 tessera_project_find_label (fixture->project, TESSERA_LABEL_ENTITY, "Person")->id,
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
  exported = export_jsonl (fixture->project);
  again_path = write_file (fixture->dir, "again.jsonl", exported);
  tessera_import_report_init (&report);
  import_ok (fixture->project, again_path, &report);
  g_assert_cmpuint (report.n_merged, ==, 2);
  g_assert_cmpuint (report.n_spans, ==, 0);
  g_assert_cmpuint (report.n_events, ==, 0);
  g_assert_cmpuint (report.n_stances, ==, 0);
  tessera_import_report_clear (&report);
  again = export_jsonl (fixture->project);
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
  hash_before = close_and_hash (fixture);
  reopen (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *bad = &bad_cases[i];
      g_autofree char *path = write_file (fixture->dir, "bad.jsonl", bad->content);
      g_autofree char *hash_after = NULL;
      g_autoptr(GError) error = NULL;
      TesseraImportReport report;

      g_test_message ("case %s", bad->name);
      tessera_import_report_init (&report);
      g_assert_false (import_path (fixture->project, path, &report, &error));
      g_assert_error (error, TESSERA_ERROR, bad->code);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, bad->where));
      g_assert_nonnull (strstr (error->message, bad->message));
      g_assert_cmpuint (report.n_documents, ==, 0);
      g_assert_cmpuint (report.n_spans, ==, 0);
      tessera_import_report_clear (&report);

      g_assert_cmpint (tessera_project_count_documents (fixture->project), ==, 2);
      hash_after = close_and_hash (fixture);
      g_assert_cmpstr (hash_after, ==, hash_before);
      reopen (fixture);
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
  path = write_file (fixture->dir, "deep.jsonl", content->str);

  hash_before = close_and_hash (fixture);
  reopen (fixture);

  g_assert_false (import_path (fixture->project, path, NULL, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "deep.jsonl:3:"));
  g_assert_nonnull (strstr (error->message, "deeper than 64"));
  g_assert_cmpint (tessera_project_count_documents (fixture->project), ==, 0);

  hash_after = close_and_hash (fixture);
  g_assert_cmpstr (hash_after, ==, hash_before);
  reopen (fixture);
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

  path = write_file (fixture->dir, "fixes.jsonl",
                     "\n"
                     "{\"id\":\"crlf\",\"title\":\"Windows\",\"text\":\"One\\r\\nTwo\\r\\n\"}\r\n"
                     "   \n"
                     "{\"text\":\"\\n\\n  First line here  \\nSecond line\",\"unknown\":{\"ignored\":[1,2]}}\n");

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

static void
count_progress (guint64  done,
                guint64  total,
                gpointer user_data)
{
  guint64 *last = user_data;

  g_assert_cmpuint (done, <=, total);
  last[0] = done;
  last[1] = total;
}

static void
test_export_progress_and_cancel (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *example = data_path ("example.jsonl");
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out2 = g_memory_output_stream_new_resizable ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  TesseraExportOptions options = { 0 };
  guint64 last[2] = { 0, 0 };

  import_ok (fixture->project, example, NULL);

  options.progress = count_progress;
  options.progress_data = last;
  g_assert_true (tessera_export_jsonl (fixture->project, out, &options, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (last[0], ==, 2);
  g_assert_cmpuint (last[1], ==, 2);

  g_cancellable_cancel (cancellable);
  options.cancellable = cancellable;
  g_assert_false (tessera_export_jsonl (fixture->project, out2, &options, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/jsonl/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("example-round-trip", test_example_round_trip);
  ADD ("unicode-round-trip", test_unicode_round_trip);
  ADD ("merge-preannotations", test_merge_preannotations);
  ADD ("bad-input", test_bad_input);
  ADD ("deep-nesting", test_deep_nesting);
  ADD ("text-fixes-and-defaults", test_text_fixes_and_defaults);
  ADD ("export-progress-and-cancel", test_export_progress_and_cancel);

#undef ADD

  return g_test_run ();
}
