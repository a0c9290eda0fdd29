/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "tessera-test-util.h"

/* Runs the built tessera-cli as a user or a pipeline would: argv arrays,
 * no shell, looking only at the exit status, stdout, stderr and files. */

/* Runs and expects success; returns stdout. */
static char *run_ok (const char *first, ...) G_GNUC_NULL_TERMINATED;

static char *
run_ok (const char *first,
        ...)
{
  g_autoptr(TesseraTestCliResult) result = NULL;
  va_list ap;

  va_start (ap, first);
  result = tessera_test_run_cli_va (first, ap);
  va_end (ap);

  if (result->status != 0)
    g_printerr ("tessera-cli %s failed:\n%s", first, result->err);
  g_assert_cmpint (result->status, ==, 0);

  return g_steal_pointer (&result->out);
}

static JsonObject *
find_record (GPtrArray  *records,
             const char *id)
{
  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *obj = json_node_get_object (g_ptr_array_index (records, i));

      if (g_strcmp0 (json_object_get_string_member (obj, "id"), id) == 0)
        return obj;
    }

  return NULL;
}

static gint64
stats_int (const char *project,
           const char *member)
{
  g_autofree char *out = run_ok ("stats", project, "--json", NULL);
  g_autoptr(JsonNode) root = tessera_test_parse_json (out);

  return json_object_get_int_member (json_node_get_object (root), member);
}

typedef struct
{
  char *dir;
  char *project;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *out = NULL;

  f->dir = tessera_test_make_tmp_dir ();
  f->project = g_build_filename (f->dir, "test.tessera", NULL);

  out = run_ok ("init", f->project, NULL);
  g_assert_true (g_file_test (f->project, G_FILE_TEST_IS_REGULAR));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  tessera_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->project);
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "cli", name, NULL);
}

/* Writes a folder of three small reports (one with Windows line ends) and
 * a file the import should skip. */
static char *
make_text_folder (Fixture *f)
{
  g_autofree char *folder = tessera_test_make_folder (f->dir, "reports");

  g_free (tessera_test_write_file (folder, "a-convoy.txt",
                                   "Convoy reaches Anefis\n\nA zebra-striped convoy of trucks reached Anefis "
                                   "on Monday.\n", -1));
  g_free (tessera_test_write_file (folder, "b-airstrike.txt",
                                   "Drone strike near Kidal\n\nA drone struck a vehicle near Kidal, residents "
                                   "said.\n", -1));
  g_free (tessera_test_write_file (folder, "c-crlf.txt",
                                   "Talks resume\r\n\r\nNegotiators met in Algiers.\r\n", -1));
  g_free (tessera_test_write_file (folder, "photo.png", "\x89PNG\r\n\x1a\n", 8));

  return g_steal_pointer (&folder);
}

static void
test_help (void)
{
  static const struct
  {
    const char *command;
    const char *options[4];
  } commands[] = {
    { "init",   { "--schema", "--name", NULL } },
    { "import", { "--repair-utf8", "--annotator", "--quiet", NULL } },
    { "export", { "--format", "--output", "jsonl", NULL } },
    { "stats",  { "--json", NULL } },
    { "check",  { "PROJECT", NULL } },
    { "schema", { "--output", "--replace", NULL } },
    { "search", { "--limit", "QUERY", NULL } },
    { "clusters", { "--json", "--kind", NULL } },
    { "suggestions", { "--accept", "--reject", "--document", NULL } },
  };
  g_autoptr(TesseraTestCliResult) main_help = tessera_test_run_cli ("--help", NULL);
  g_autoptr(TesseraTestCliResult) help = tessera_test_run_cli ("help", NULL);
  g_autoptr(TesseraTestCliResult) none = tessera_test_run_cli (NULL, NULL);
  g_autoptr(TesseraTestCliResult) unknown = tessera_test_run_cli ("frobnicate", "x.tessera", NULL);
  g_autoptr(TesseraTestCliResult) unknown_option = tessera_test_run_cli ("--frobnicate", NULL);

  g_assert_cmpint (main_help->status, ==, 0);
  g_assert_cmpint (help->status, ==, 0);
  g_assert_cmpstr (main_help->out, ==, help->out);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_nonnull (strstr (main_help->out, commands[i].command));

  /* No command at all is a usage error, with the command list on stderr. */
  g_assert_cmpint (none->status, ==, 2);
  g_assert_nonnull (strstr (none->err, "import"));

  g_assert_cmpint (unknown->status, ==, 2);
  g_assert_true (g_str_has_prefix (unknown->err, "tessera-cli: "));
  g_assert_nonnull (strstr (unknown->err, "frobnicate"));
  g_assert_cmpstr (unknown->out, ==, "");
  g_assert_cmpint (unknown_option->status, ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(TesseraTestCliResult) result = tessera_test_run_cli (commands[i].command, "--help", NULL);
      g_autoptr(TesseraTestCliResult) via_help = tessera_test_run_cli ("help", commands[i].command, NULL);
      g_autoptr(TesseraTestCliResult) bad_option = tessera_test_run_cli (commands[i].command, "--no-such-option", "x", NULL);
      g_autoptr(TesseraTestCliResult) no_args = tessera_test_run_cli (commands[i].command, NULL);

      g_assert_cmpint (result->status, ==, 0);
      g_assert_nonnull (strstr (result->out, "tessera-cli"));
      g_assert_nonnull (strstr (result->out, commands[i].command));
      g_assert_nonnull (strstr (result->out, "--help"));
      for (guint o = 0; commands[i].options[o] != NULL; o++)
        g_assert_nonnull (strstr (result->out, commands[i].options[o]));
      g_assert_cmpstr (result->err, ==, "");

      g_assert_cmpint (via_help->status, ==, 0);
      g_assert_cmpstr (via_help->out, ==, result->out);

      g_assert_cmpint (bad_option->status, ==, 2);
      g_assert_true (g_str_has_prefix (bad_option->err, "tessera-cli: "));
      g_assert_cmpint (no_args->status, ==, 2);
      g_assert_true (g_str_has_prefix (no_args->err, "tessera-cli: "));
    }
}

static void
test_init (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *sha = tessera_test_file_sha256 (f->project);
  g_autofree char *named = g_build_filename (f->dir, "named.tessera", NULL);
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *bad_schema = g_build_filename (f->dir, "bad-schema.json", NULL);
  g_autofree char *from_bad = g_build_filename (f->dir, "from-bad.tessera", NULL);
  g_autofree char *text_sha = NULL;
  g_autofree char *out = NULL;
  g_autoptr(TesseraTestCliResult) again = NULL;
  g_autoptr(TesseraTestCliResult) over_text = NULL;
  g_autoptr(TesseraTestCliResult) with_bad_schema = NULL;
  g_autoptr(JsonNode) stats = NULL;
  JsonObject *obj;

  g_assert_cmpint (stats_int (f->project, "documents"), ==, 0);

  /* An existing project is never overwritten. */
  again = tessera_test_run_cli ("init", f->project, NULL);
  g_assert_cmpint (again->status, ==, 1);
  g_assert_true (g_str_has_prefix (again->err, "tessera-cli: "));
  g_assert_nonnull (strstr (again->err, f->project));
  {
    g_autofree char *after = tessera_test_file_sha256 (f->project);

    g_assert_cmpstr (sha, ==, after);
  }

  /* Nor is any other file. */
  tessera_test_set_contents (text, "my notes\n", -1);
  text_sha = tessera_test_file_sha256 (text);
  over_text = tessera_test_run_cli ("init", text, NULL);
  g_assert_cmpint (over_text->status, ==, 1);
  {
    g_autofree char *after = tessera_test_file_sha256 (text);

    g_assert_cmpstr (text_sha, ==, after);
  }

  out = run_ok ("init", named, "--name", "Kidal 2023", NULL);
  g_assert_nonnull (strstr (out, "Kidal 2023"));
  g_clear_pointer (&out, g_free);
  out = run_ok ("stats", named, "--json", NULL);
  stats = tessera_test_parse_json (out);
  obj = json_node_get_object (stats);
  g_assert_cmpstr (json_object_get_string_member (obj, "project"), ==, "Kidal 2023");

  /* A schema of one's own instead of the default one. */
  {
    g_autofree char *small = g_build_filename (f->dir, "small.tessera", NULL);
    g_autofree char *schema = data_path ("small-schema.json");
    g_autofree char *small_stats = NULL;
    g_autoptr(JsonNode) root = NULL;
    JsonObject *entities;

    g_free (run_ok ("init", small, "--schema", schema, NULL));
    small_stats = run_ok ("stats", small, "--json", NULL);
    root = tessera_test_parse_json (small_stats);
    entities = json_object_get_object_member (json_object_get_object_member (json_node_get_object (root),
                                                                             "spans_by_label"),
                                              "entity");
    g_assert_cmpuint (json_object_get_size (entities), ==, 2);
    g_assert_true (json_object_has_member (entities, "Actor"));
    g_assert_true (json_object_has_member (entities, "Town"));
  }

  /* A schema that cannot be used leaves no half-made project behind. */
  tessera_test_set_contents (bad_schema, "{\"format\": \"tessera-schema\", \"entities\": [ {\"name\": 42} ", -1);
  with_bad_schema = tessera_test_run_cli ("init", from_bad, "--schema", bad_schema, NULL);
  g_assert_cmpint (with_bad_schema->status, ==, 1);
  g_assert_nonnull (strstr (with_bad_schema->err, "bad-schema.json"));
  g_assert_false (g_file_test (from_bad, G_FILE_TEST_EXISTS));
}

static void
test_import_folder (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *folder = make_text_folder (f);
  g_autoptr(TesseraTestCliResult) result = NULL;
  g_autoptr(TesseraTestCliResult) search = NULL;
  g_autoptr(TesseraTestCliResult) nothing = NULL;
  g_autofree char *out = NULL;

  result = tessera_test_run_cli ("import", f->project, folder, NULL);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_true (g_str_has_prefix (result->out, "Imported 3 documents"));
  /* The line-end conversion is reported, naming the file. */
  g_assert_nonnull (strstr (result->out, "c-crlf"));
  /* Not a terminal: no progress noise on stderr. */
  g_assert_cmpstr (result->err, ==, "");

  g_assert_cmpint (stats_int (f->project, "documents"), ==, 3);

  search = tessera_test_run_cli ("search", f->project, "zebra", NULL);
  g_assert_cmpint (search->status, ==, 0);
  g_assert_true (g_str_has_prefix (search->out, "a-convoy\t"));
  g_assert_nonnull (strstr (search->out, "\tConvoy reaches Anefis"));
  g_assert_null (strstr (search->out, "b-airstrike"));

  out = run_ok ("search", f->project, "kid", "drone", NULL);
  g_assert_true (g_str_has_prefix (out, "b-airstrike\t"));
  /* One match, one line. */
  g_assert_cmpstr (strchr (out, '\n'), ==, "\n");
  g_clear_pointer (&out, g_free);

  nothing = tessera_test_run_cli ("search", f->project, "nonexistentword", NULL);
  g_assert_cmpint (nothing->status, ==, 0);
  g_assert_cmpstr (nothing->out, ==, "");

  /* --quiet: nothing on stdout. */
  {
    g_autofree char *extra = g_build_filename (f->dir, "extra.txt", NULL);

    tessera_test_set_contents (extra, "One more report about Gao.\n", -1);
    out = run_ok ("import", "--quiet", f->project, extra, NULL);
    g_assert_cmpstr (out, ==, "");
    g_assert_cmpint (stats_int (f->project, "documents"), ==, 4);
  }
}

static void
test_import_kidal (Fixture       *f,
                   gconstpointer  data)
{
  const char *shared = g_getenv ("TESSERA_SHARED_CORPUS");
  g_autofree char *corpus = NULL;
  g_autofree char *out = NULL;
  g_autofree char *check = NULL;
  g_autoptr(TesseraTestCliResult) human = NULL;

  if (shared == NULL)
    {
      g_test_skip ("TESSERA_SHARED_CORPUS is not set");
      return;
    }
  corpus = g_build_filename (shared, "kidal-2023", NULL);
  if (!g_file_test (corpus, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the Kidal corpus is not there");
      return;
    }

  out = run_ok ("import", f->project, corpus, NULL);
  g_assert_true (g_str_has_prefix (out, "Imported 5 documents"));

  g_assert_cmpint (stats_int (f->project, "documents"), ==, 5);

  human = tessera_test_run_cli ("stats", f->project, NULL);
  g_assert_cmpint (human->status, ==, 0);
  g_assert_true (g_str_has_prefix (human->out, "Project"));
  g_assert_nonnull (strstr (human->out, "Documents"));
  g_assert_nonnull (strstr (human->out, " 5\n"));

  check = run_ok ("check", f->project, NULL);
  g_assert_nonnull (strstr (check, "OK, 5 documents"));
}

/* Every span of @expected is in @actual with the same offsets, label and text. */
static void
assert_same_spans (JsonObject *expected,
                   JsonObject *actual)
{
  JsonArray *want = json_object_get_array_member (expected, "spans");
  JsonArray *got = json_object_get_array_member (actual, "spans");

  g_assert_cmpstr (json_object_get_string_member (expected, "text"), ==,
                   json_object_get_string_member (actual, "text"));
  g_assert_cmpuint (json_array_get_length (want), ==, json_array_get_length (got));

  for (guint i = 0; i < json_array_get_length (want); i++)
    {
      JsonObject *w = json_array_get_object_element (want, i);
      gboolean found = FALSE;

      for (guint j = 0; j < json_array_get_length (got) && !found; j++)
        {
          JsonObject *g = json_array_get_object_element (got, j);

          found = json_object_get_int_member (w, "start") == json_object_get_int_member (g, "start") &&
                  json_object_get_int_member (w, "end") == json_object_get_int_member (g, "end") &&
                  g_strcmp0 (json_object_get_string_member (w, "label"),
                             json_object_get_string_member (g, "label")) == 0 &&
                  g_strcmp0 (json_object_get_string_member (w, "text"),
                             json_object_get_string_member (g, "text")) == 0;
        }
      if (!found)
        g_printerr ("span %s (%s) missing from the export\n",
                    json_object_get_string_member (w, "id"),
                    json_object_get_string_member (w, "text"));
      g_assert_true (found);
    }
}

static void
test_jsonl_unicode (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *fixture = data_path ("unicode.jsonl");
  g_autofree char *fixture_text = tessera_test_read_file (fixture);
  g_autofree char *out = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(TesseraTestCliResult) export = NULL;
  g_autoptr(GPtrArray) want = tessera_test_parse_jsonl (fixture_text);
  g_autoptr(GPtrArray) got = NULL;
  JsonObject *doc;

  out = run_ok ("import", f->project, fixture, "--annotator", "bob", NULL);
  g_assert_true (g_str_has_prefix (out, "Imported 2 documents, 14 spans, 1 event, 1 stance"));

  export = tessera_test_run_cli ("export", f->project, "--format", "jsonl", NULL);
  g_assert_cmpint (export->status, ==, 0);
  g_assert_cmpstr (export->err, ==, "");
  got = tessera_test_parse_jsonl (export->out);
  g_assert_cmpuint (got->len, ==, 2);

  for (guint i = 0; i < want->len; i++)
    {
      JsonObject *w = json_node_get_object (g_ptr_array_index (want, i));
      JsonObject *g = find_record (got, json_object_get_string_member (w, "id"));

      g_assert_nonnull (g);
      g_assert_cmpstr (json_object_get_string_member (g, "offset_unit"), ==, "codepoint");
      g_assert_cmpstr (json_object_get_string_member (g, "title"), ==,
                       json_object_get_string_member (w, "title"));
      g_assert_cmpstr (json_object_get_string_member (g, "source"), ==,
                       json_object_get_string_member (w, "source"));
      g_assert_cmpstr (json_object_get_string_member (g, "status"), ==,
                       json_object_get_string_member (w, "status"));
      assert_same_spans (w, g);
    }

  /* The event and the stance came through, pointing at the right spans. */
  doc = find_record (got, "uni-1");
  {
    JsonArray *events = json_object_get_array_member (doc, "events");
    JsonArray *stances = json_object_get_array_member (doc, "stances");
    JsonArray *spans = json_object_get_array_member (doc, "spans");
    JsonObject *event;
    const char *trigger;

    g_assert_cmpuint (json_array_get_length (events), ==, 1);
    event = json_array_get_object_element (events, 0);
    g_assert_cmpstr (json_object_get_string_member (event, "type"), ==, "TerritoryChange");
    g_assert_cmpstr (json_object_get_string_member (event, "realis"), ==, "claimed");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (event, "arguments")), ==, 2);
    trigger = json_object_get_string_member (event, "trigger");
    for (guint i = 0; i < json_array_get_length (spans); i++)
      {
        JsonObject *span = json_array_get_object_element (spans, i);

        if (g_strcmp0 (json_object_get_string_member (span, "id"), trigger) == 0)
          g_assert_cmpstr (json_object_get_string_member (span, "text"), ==, "taken");
        /* Spans that named their annotator keep it. */
        g_assert_cmpstr (json_object_get_string_member (span, "annotator"), ==, "ana");
      }
    g_assert_cmpuint (json_array_get_length (stances), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stances, 0), "label"),
                     ==, "denies");
  }

  /* Spans that named none are signed by --annotator. */
  doc = find_record (got, "uni-2");
  {
    JsonArray *spans = json_object_get_array_member (doc, "spans");

    for (guint i = 0; i < json_array_get_length (spans); i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (spans, i), "annotator"),
                       ==, "bob");
  }

  /* --output writes the same bytes as stdout, and leaves no temporary file. */
  {
    g_autofree char *path = g_build_filename (f->dir, "out.jsonl", NULL);
    g_autoptr(GDir) dir = NULL;
    const char *name;

    g_free (run_ok ("export", f->project, "--format", "jsonl", "--output", path, NULL));
    exported = tessera_test_read_file (path);
    g_assert_cmpstr (exported, ==, export->out);

    dir = g_dir_open (f->dir, 0, NULL);
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, ".out.jsonl"));
  }
}

static void
test_project_roundtrip (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *fixture = data_path ("unicode.jsonl");
  g_autofree char *folder = make_text_folder (f);
  g_autofree char *backup = g_build_filename (f->dir, "backup.json", NULL);
  g_autofree char *copy = g_build_filename (f->dir, "copy.tessera", NULL);
  g_autofree char *original = NULL;
  g_autofree char *copied = NULL;

  g_free (run_ok ("import", f->project, fixture, folder, NULL));
  g_free (run_ok ("export", f->project, "--format", "project", "--output", backup, NULL));
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));

  g_free (run_ok ("init", copy, NULL));
  g_free (run_ok ("import", copy, backup, NULL));

  original = run_ok ("export", f->project, "--format", "jsonl", NULL);
  copied = run_ok ("export", copy, "--format", "jsonl", NULL);
  g_assert_cmpstr (original, ==, copied);
}

static gint64
object_int (JsonObject *obj,
            const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);

  for (guint i = 0; parts[i + 1] != NULL; i++)
    {
      g_assert_true (json_object_has_member (obj, parts[i]));
      obj = json_object_get_object_member (obj, parts[i]);
    }
  g_assert_true (json_object_has_member (obj, parts[g_strv_length (parts) - 1]));

  return json_object_get_int_member (obj, parts[g_strv_length (parts) - 1]);
}

static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *fixture = data_path ("unicode.jsonl");
  g_autofree char *folder = make_text_folder (f);
  g_autofree char *path = g_build_filename (f->dir, "report.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report;
  JsonObject *counts;
  JsonArray *events;
  JsonObject *event;
  JsonObject *stance;

  g_free (run_ok ("import", f->project, fixture, folder, NULL));
  g_free (run_ok ("export", f->project, "--format", "report", "--output", path, NULL));

  text = tessera_test_read_file (path);
  root = tessera_test_parse_json (text);
  report = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (report, "format"), ==, "tessera-report");
  g_assert_cmpint (json_object_get_int_member (report, "version"), ==, 1);

  counts = json_object_get_object_member (report, "counts");
  g_assert_cmpint (object_int (counts, "documents"), ==, 5);
  g_assert_cmpint (object_int (counts, "documents"), ==, stats_int (f->project, "documents"));
  g_assert_cmpint (object_int (counts, "spans"), ==, 14);
  g_assert_cmpint (object_int (counts, "events"), ==, 1);
  g_assert_cmpint (object_int (counts, "stances"), ==, 1);
  g_assert_cmpint (object_int (counts, "by_label.entity.ArmedGroup"), ==, 4);
  g_assert_cmpint (object_int (counts, "by_label.entity.Place"), ==, 3);
  g_assert_cmpint (object_int (counts, "by_label.entity.Person"), ==, 3);
  g_assert_cmpint (object_int (counts, "by_label.entity.Facility"), ==, 0);
  g_assert_cmpint (object_int (counts, "by_label.event.TerritoryChange"), ==, 1);
  g_assert_cmpint (object_int (counts, "by_label.stance.denies"), ==, 1);
  g_assert_cmpint (object_int (counts, "by_label.stance.doubts"), ==, 0);
  g_assert_cmpint (object_int (counts, "by_status.done"), ==, 1);
  g_assert_cmpint (object_int (counts, "by_status.in-progress"), ==, 1);
  g_assert_cmpint (object_int (counts, "by_status.new"), ==, 3);

  {
    JsonObject *by_source = json_object_get_object_member (counts, "by_source");

    g_assert_cmpint (object_int (by_source, "Outlet É.documents"), ==, 1);
    g_assert_cmpint (object_int (by_source, "Outlet É.spans"), ==, 9);
    g_assert_cmpint (object_int (by_source, "Outlet É.events"), ==, 1);
    g_assert_cmpint (object_int (by_source, "Outlet B.spans"), ==, 5);
  }

  events = json_object_get_array_member (report, "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 1);
  event = json_array_get_object_element (events, 0);
  g_assert_cmpstr (json_object_get_string_member (event, "document"), ==, "uni-1");
  g_assert_cmpstr (json_object_get_string_member (event, "source"), ==, "Outlet É");
  g_assert_cmpstr (json_object_get_string_member (event, "type"), ==, "TerritoryChange");
  g_assert_cmpstr (json_object_get_string_member (event, "trigger_text"), ==, "taken");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (event, "stances")), ==, 1);
  stance = json_array_get_object_element (json_object_get_array_member (event, "stances"), 0);
  g_assert_cmpstr (json_object_get_string_member (stance, "label"), ==, "denies");
  g_assert_cmpstr (json_object_get_string_member (stance, "holder_text"), ==, "rebels of the CSP\u2011PSD");
  g_assert_cmpstr (json_object_get_string_member (stance, "statement_text"), ==, "denied it");
}

static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *fixture = data_path ("unicode.jsonl");
  g_autoptr(TesseraTestCliResult) result = NULL;

  g_free (run_ok ("import", f->project, fixture, NULL));

  result = tessera_test_run_cli ("check", f->project, NULL);
  g_assert_cmpint (result->status, ==, 0);
  {
    g_autofree char *expected = g_strdup_printf ("%s: OK, 2 documents, 14 spans\n", f->project);

    g_assert_cmpstr (result->out, ==, expected);
  }
}

/* Changes the printed schema: Person becomes Human, Place a new colour. */
static char *
modify_schema (const char *json)
{
  g_autoptr(JsonNode) root = tessera_test_parse_json (json);
  JsonArray *entities = json_object_get_array_member (json_node_get_object (root), "entities");
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gboolean renamed = FALSE;
  gboolean recoloured = FALSE;

  for (guint i = 0; i < json_array_get_length (entities); i++)
    {
      JsonObject *label = json_array_get_object_element (entities, i);
      const char *name = json_object_get_string_member (label, "name");

      if (g_str_equal (name, "Person"))
        {
          json_object_set_string_member (label, "name", "Human");
          json_object_set_string_member (label, "renamed_from", "Person");
          renamed = TRUE;
        }
      else if (g_str_equal (name, "Place"))
        {
          json_object_set_string_member (label, "color", "#123456");
          recoloured = TRUE;
        }
    }
  g_assert_true (renamed && recoloured);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}

static JsonObject *
find_label (JsonObject *schema,
            const char *group,
            const char *name)
{
  JsonArray *labels = json_object_get_array_member (schema, group);

  for (guint i = 0; i < json_array_get_length (labels); i++)
    {
      JsonObject *label = json_array_get_object_element (labels, i);

      if (g_strcmp0 (json_object_get_string_member (label, "name"), name) == 0)
        return label;
    }

  return NULL;
}

static void
test_schema (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *fixture = data_path ("unicode.jsonl");
  g_autofree char *schema_file = g_build_filename (f->dir, "schema.json", NULL);
  g_autofree char *modified_file = g_build_filename (f->dir, "modified.json", NULL);
  g_autofree char *dropped_file = g_build_filename (f->dir, "dropped.json", NULL);
  g_autofree char *printed = NULL;
  g_autofree char *written = NULL;
  g_autofree char *modified = NULL;
  g_autofree char *after = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *sha = NULL;
  g_autoptr(JsonNode) after_root = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(TesseraTestCliResult) both = NULL;
  g_autoptr(TesseraTestCliResult) dropped = NULL;
  guint n_human = 0;

  g_free (run_ok ("import", f->project, fixture, NULL));

  printed = run_ok ("schema", f->project, NULL);
  g_free (run_ok ("schema", f->project, "--output", schema_file, NULL));
  written = tessera_test_read_file (schema_file);
  g_assert_cmpstr (printed, ==, written);

  both = tessera_test_run_cli ("schema", f->project, "--output", schema_file, "--replace", schema_file, NULL);
  g_assert_cmpint (both->status, ==, 2);

  modified = modify_schema (printed);
  tessera_test_set_contents (modified_file, modified, -1);
  g_free (run_ok ("schema", f->project, "--replace", modified_file, NULL));

  after = run_ok ("schema", f->project, NULL);
  after_root = tessera_test_parse_json (after);
  g_assert_null (find_label (json_node_get_object (after_root), "entities", "Person"));
  g_assert_nonnull (find_label (json_node_get_object (after_root), "entities", "Human"));
  g_assert_cmpstr (json_object_get_string_member (find_label (json_node_get_object (after_root),
                                                              "entities", "Place"), "color"),
                   ==, "#123456");

  /* The old spans now carry the new name. */
  exported = run_ok ("export", f->project, "--format", "jsonl", NULL);
  g_assert_null (strstr (exported, "\"Person\""));
  records = tessera_test_parse_jsonl (exported);
  for (guint i = 0; i < records->len; i++)
    {
      JsonArray *spans = json_object_get_array_member (json_node_get_object (g_ptr_array_index (records, i)),
                                                       "spans");

      for (guint j = 0; j < json_array_get_length (spans); j++)
        if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (spans, j), "label"),
                       "Human") == 0)
          n_human++;
    }
  g_assert_cmpuint (n_human, ==, 3);

  /* Dropping a label that spans use is refused, and changes nothing. */
  {
    g_autoptr(JsonNode) root = tessera_test_parse_json (after);
    JsonArray *entities = json_object_get_array_member (json_node_get_object (root), "entities");
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    g_autofree char *json = NULL;

    for (guint i = 0; i < json_array_get_length (entities); i++)
      if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (entities, i), "name"),
                     "Human") == 0)
        {
          json_array_remove_element (entities, i);
          break;
        }
    json_generator_set_root (generator, root);
    json = json_generator_to_data (generator, NULL);
    tessera_test_set_contents (dropped_file, json, -1);
  }
  sha = tessera_test_file_sha256 (f->project);
  dropped = tessera_test_run_cli ("schema", f->project, "--replace", dropped_file, NULL);
  g_assert_cmpint (dropped->status, ==, 1);
  g_assert_nonnull (strstr (dropped->err, "Human"));
  {
    g_autofree char *sha_after = tessera_test_file_sha256 (f->project);

    g_assert_cmpstr (sha, ==, sha_after);
  }
}

static void
test_export_output (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *fixture = data_path ("unicode.jsonl");
  g_autofree char *existing = g_build_filename (f->dir, "existing.jsonl", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "out.jsonl", NULL);
  g_autofree char *sha = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(TesseraTestCliResult) over_project = NULL;
  g_autoptr(TesseraTestCliResult) into_missing = NULL;
  g_autoptr(TesseraTestCliResult) bad_format = NULL;
  g_autoptr(TesseraTestCliResult) no_format = NULL;

  g_free (run_ok ("import", f->project, fixture, NULL));
  sha = tessera_test_file_sha256 (f->project);

  /* An export replaces a file as a whole. */
  tessera_test_set_contents (existing, "old contents that are much longer than nothing at all\n", -1);
  g_free (run_ok ("export", f->project, "-f", "jsonl", "-o", existing, NULL));
  contents = tessera_test_read_file (existing);
  g_assert_true (g_str_has_prefix (contents, "{"));
  g_assert_null (strstr (contents, "old contents"));

  over_project = tessera_test_run_cli ("export", f->project, "--format", "jsonl", "--output", f->project, NULL);
  g_assert_cmpint (over_project->status, ==, 1);
  g_assert_true (g_str_has_prefix (over_project->err, "tessera-cli: "));

  into_missing = tessera_test_run_cli ("export", f->project, "--format", "jsonl", "--output", missing, NULL);
  g_assert_cmpint (into_missing->status, ==, 1);
  g_assert_nonnull (strstr (into_missing->err, "no-such-folder"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  bad_format = tessera_test_run_cli ("export", f->project, "--format", "xml", NULL);
  g_assert_cmpint (bad_format->status, ==, 2);
  g_assert_nonnull (strstr (bad_format->err, "xml"));
  no_format = tessera_test_run_cli ("export", f->project, NULL);
  g_assert_cmpint (no_format->status, ==, 2);

  {
    g_autofree char *sha_after = tessera_test_file_sha256 (f->project);

    g_assert_cmpstr (sha, ==, sha_after);
  }
}

/* A message a user can act on: it names the file and where in it. */
static void
assert_names_place (const char *err,
                    const char *pattern)
{
  if (!g_regex_match_simple (pattern, err, 0, 0))
    g_printerr ("expected /%s/ in: %s", pattern, err);
  g_assert_true (g_regex_match_simple (pattern, err, 0, 0));
}

static char *
deep_json (guint depth)
{
  GString *s = g_string_new ("{\"id\":\"deep\",\"text\":\"x\",\"extra\":");

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append (s, "}\n");

  return g_string_free (s, FALSE);
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  static const char good_line[] =
    "{\"id\":\"good\",\"text\":\"Rebels entered Kidal.\",\"spans\":"
    "[{\"start\":0,\"end\":6,\"label\":\"ArmedGroup\"}]}\n";
  struct
  {
    const char *name;
    const char *contents;
    gssize      len;
    const char *place;   /* where the message must say the problem is */
  } cases[] = {
    { "invalid-utf8.txt", "Kidal \xff\xfe is taken\n", 18, "invalid-utf8\\.txt\\b.*\\bbyte\\b.*\\b6\\b" },
    { "nul-byte.txt", "Kidal\0is taken\n", 15, "nul-byte\\.txt\\b.*\\bbyte\\b.*\\b5\\b" },
    { "out-of-range.jsonl", NULL, -1, "out-of-range\\.jsonl(:| line |, line )2\\b" },
    { "unknown-label.jsonl", NULL, -1, "unknown-label\\.jsonl(:| line |, line )2\\b.*Wizard" },
    { "bad-json.jsonl", NULL, -1, "bad-json\\.jsonl(:| line |, line )2\\b" },
    { "deep.jsonl", NULL, -1, "deep\\.jsonl(:| line |, line )2\\b" },
    { "deep.json", NULL, -1, "deep\\.json\\b" },
  };
  g_autofree char *folder = make_text_folder (f);
  g_autofree char *sha = NULL;
  g_autofree char *deep_line = deep_json (100000);
  g_autofree char *out_of_range = g_strconcat (good_line,
    "{\"id\":\"bad\",\"text\":\"Short.\",\"spans\":[{\"start\":2,\"end\":60,\"label\":\"Place\"}]}\n", NULL);
  g_autofree char *unknown_label = g_strconcat (good_line,
    "{\"id\":\"bad\",\"text\":\"Short.\",\"spans\":[{\"start\":0,\"end\":5,\"label\":\"Wizard\"}]}\n", NULL);
  g_autofree char *bad_json = g_strconcat (good_line, "{\"id\":\"bad\",\"text\":\"Short.\",, }\n", NULL);
  g_autofree char *deep_lines = g_strconcat (good_line, deep_line, NULL);

  cases[2].contents = out_of_range;
  cases[3].contents = unknown_label;
  cases[4].contents = bad_json;
  cases[5].contents = deep_lines;
  cases[6].contents = deep_line;

  g_free (run_ok ("import", f->project, folder, NULL));
  sha = tessera_test_file_sha256 (f->project);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, cases[i].name, NULL);
      g_autofree char *sha_after = NULL;
      g_autoptr(TesseraTestCliResult) result = NULL;

      tessera_test_set_contents (path, cases[i].contents, cases[i].len);

      /* With a good file before it, so nothing half-imported can hide. */
      result = tessera_test_run_cli ("import", f->project, folder, path, NULL);
      g_assert_cmpint (result->status, ==, 1);
      g_assert_cmpstr (result->out, ==, "");
      g_assert_true (g_str_has_prefix (result->err, "tessera-cli: import failed: "));
      assert_names_place (result->err, cases[i].place);
      g_assert_nonnull (strstr (result->err, "Nothing was imported"));

      sha_after = tessera_test_file_sha256 (f->project);
      g_assert_cmpstr (sha, ==, sha_after);
    }

  g_assert_cmpint (stats_int (f->project, "documents"), ==, 3);

  /* --repair-utf8 takes the invalid bytes in, and says so. */
  {
    g_autofree char *path = g_build_filename (f->dir, "invalid-utf8.txt", NULL);
    g_autofree char *out = run_ok ("import", f->project, "--repair-utf8", path, NULL);

    g_assert_true (g_str_has_prefix (out, "Imported 1 document,"));
    g_assert_nonnull (strstr (out, "invalid-utf8"));
    g_assert_cmpint (stats_int (f->project, "documents"), ==, 4);
  }

  /* A file that is not there. */
  {
    g_autofree char *path = g_build_filename (f->dir, "missing.txt", NULL);
    g_autoptr(TesseraTestCliResult) result = tessera_test_run_cli ("import", f->project, path, NULL);

    g_assert_cmpint (result->status, ==, 1);
    g_assert_nonnull (strstr (result->err, "missing.txt"));
  }
}

static void
test_bad_project (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *fixture = data_path ("unicode.jsonl");
  g_autofree char *not_project = g_build_filename (f->dir, "notes.tessera", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.tessera", NULL);
  const char *files[3];

  tessera_test_set_contents (not_project, "These are my notes, not a project.\n", -1);
  g_free (run_ok ("import", f->project, fixture, NULL));
  tessera_test_sql_exec (f->project, "PRAGMA user_version = 99");

  files[0] = not_project;
  files[1] = f->project;
  files[2] = missing;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *sha = g_file_test (files[i], G_FILE_TEST_EXISTS) ? tessera_test_file_sha256 (files[i]) : NULL;
      const char *commands[][6] = {
        { "import", files[i], fixture, NULL },
        { "export", files[i], "--format", "jsonl", NULL },
        { "export", files[i], "--format", "report", NULL },
        { "stats", files[i], NULL },
        { "check", files[i], NULL },
        { "schema", files[i], NULL },
        { "search", files[i], "Kidal", NULL },
      };

      for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
        {
          g_autoptr(TesseraTestCliResult) result = tessera_test_run_cliv (commands[c]);

          g_assert_cmpint (result->status, ==, 1);
          g_assert_cmpstr (result->out, ==, "");
          g_assert_true (g_str_has_prefix (result->err, "tessera-cli: "));
          g_assert_nonnull (strstr (result->err, files[i]));

          if (sha != NULL)
            {
              g_autofree char *sha_after = tessera_test_file_sha256 (files[i]);

              g_assert_cmpstr (sha, ==, sha_after);
            }
          else
            {
              g_assert_false (g_file_test (files[i], G_FILE_TEST_EXISTS));
            }
        }
    }

  /* The too-new project says what is wrong. */
  {
    g_autoptr(TesseraTestCliResult) result = tessera_test_run_cli ("stats", f->project, NULL);

    g_assert_nonnull (strstr (result->err, "newer"));
  }
}

/* Two outlets' copies of one report, clustered and partly suggested, as
 * a model or another project would hand them over. */
static const char CLUSTERED_JSONL[] =
  "{\"id\":\"wire-1\",\"title\":\"Attack on Ber\",\"source\":\"Agency\","
  "\"text\":\"Rebels attacked Ber on Monday.\",\"spans\":["
  "{\"id\":\"s1\",\"start\":0,\"end\":6,\"label\":\"ArmedGroup\",\"cluster\":\"c7\",\"cluster_name\":\"Rebels\"},"
  "{\"id\":\"s2\",\"start\":7,\"end\":15,\"label\":\"Battle\"},"
  "{\"id\":\"s3\",\"start\":16,\"end\":19,\"label\":\"Place\",\"suggested\":true}],"
  "\"events\":[{\"id\":\"e1\",\"type\":\"Battle\",\"trigger\":\"s2\","
  "\"arguments\":[{\"role\":\"Agent\",\"span\":\"s1\"},{\"role\":\"Place\",\"span\":\"s3\"}],"
  "\"cluster\":\"c9\",\"cluster_name\":\"Ber attack\"}]}\n"
  "{\"id\":\"wire-2\",\"title\":\"Ber attacked\",\"source\":\"Paper\","
  "\"text\":\"Insurgents attacked Ber, officials said.\",\"spans\":["
  "{\"id\":\"s1\",\"start\":0,\"end\":10,\"label\":\"ArmedGroup\",\"cluster\":\"c7\",\"cluster_name\":\"Rebels\"},"
  "{\"id\":\"s2\",\"start\":11,\"end\":19,\"label\":\"Battle\"},"
  "{\"id\":\"s3\",\"start\":20,\"end\":23,\"label\":\"Place\",\"suggested\":true}],"
  "\"events\":[{\"id\":\"e1\",\"type\":\"Battle\",\"trigger\":\"s2\","
  "\"cluster\":\"c9\",\"cluster_name\":\"Ber attack\"}]}\n";

static guint
record_spans (const char *jsonl,
              const char *uid)
{
  g_autoptr(GPtrArray) records = tessera_test_parse_jsonl (jsonl);
  JsonObject *record = find_record (records, uid);

  g_assert_nonnull (record);

  return json_array_get_length (json_object_get_array_member (record, "spans"));
}

static void
test_clusters (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *input = tessera_test_write_file (f->dir, "clustered.jsonl", CLUSTERED_JSONL, -1);
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(TesseraTestCliResult) empty = NULL;
  g_autoptr(TesseraTestCliResult) bad_kind = NULL;
  JsonArray *clusters;
  JsonObject *cluster, *member;

  empty = tessera_test_run_cli ("clusters", f->project, NULL);
  g_assert_cmpint (empty->status, ==, 0);
  g_assert_cmpstr (empty->out, ==, "");
  g_assert_nonnull (strstr (empty->err, "no clusters"));

  g_free (run_ok ("import", f->project, input, NULL));

  /* Text: one line per cluster, one per member with outlet and text. */
  out = run_ok ("clusters", f->project, NULL);
  g_assert_nonnull (strstr (out, "c1  entity  Rebels  (2 members)\n"));
  g_assert_nonnull (strstr (out, "c2  event  Ber attack  (2 members)\n"));
  g_assert_nonnull (strstr (out, "Attack on Ber (Agency): s1 “Rebels” ArmedGroup\n"));
  g_assert_nonnull (strstr (out, "Ber attacked (Paper): e2 “attacked” Battle\n"));
  g_clear_pointer (&out, g_free);

  out = run_ok ("clusters", f->project, "--kind", "event", "--json", NULL);
  root = tessera_test_parse_json (out);
  clusters = json_object_get_array_member (json_node_get_object (root), "clusters");
  g_assert_cmpuint (json_array_get_length (clusters), ==, 1);
  cluster = json_array_get_object_element (clusters, 0);
  g_assert_cmpstr (json_object_get_string_member (cluster, "id"), ==, "c2");
  g_assert_cmpstr (json_object_get_string_member (cluster, "kind"), ==, "event");
  g_assert_cmpstr (json_object_get_string_member (cluster, "name"), ==, "Ber attack");
  g_assert_cmpint (json_object_get_int_member (cluster, "size"), ==, 2);
  member = json_array_get_object_element (json_object_get_array_member (cluster, "members"), 0);
  g_assert_cmpstr (json_object_get_string_member (member, "document"), ==, "wire-1");
  g_assert_cmpstr (json_object_get_string_member (member, "source"), ==, "Agency");
  g_assert_cmpstr (json_object_get_string_member (member, "text"), ==, "attacked");
  g_assert_false (json_object_get_boolean_member (member, "suggested"));
  g_clear_pointer (&out, g_free);

  bad_kind = tessera_test_run_cli ("clusters", f->project, "--kind", "stance", NULL);
  g_assert_cmpint (bad_kind->status, ==, 2);

  /* Exported training data carries the clusters, not the suggestions. */
  out = run_ok ("export", f->project, "--format", "jsonl", NULL);
  g_assert_nonnull (strstr (out, "\"cluster\":\"c2\",\"cluster_name\":\"Ber attack\""));
  g_assert_cmpuint (record_spans (out, "wire-1"), ==, 2);
  g_clear_pointer (&out, g_free);
}

static void
test_suggestions (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *input = tessera_test_write_file (f->dir, "clustered.jsonl", CLUSTERED_JSONL, -1);
  g_autofree char *out = NULL;
  g_autoptr(TesseraTestCliResult) both = NULL;
  g_autoptr(TesseraTestCliResult) unknown = NULL;

  g_free (run_ok ("import", f->project, input, NULL));

  out = run_ok ("suggestions", f->project, NULL);
  g_assert_nonnull (strstr (out, "wire-1\t1 span, 0 events, 0 stances\n"));
  g_assert_nonnull (strstr (out, "wire-2\t1 span, 0 events, 0 stances\n"));
  g_assert_nonnull (strstr (out, "Suggestions: 2 spans, 0 events, 0 stances\n"));
  g_clear_pointer (&out, g_free);

  both = tessera_test_run_cli ("suggestions", f->project, "--accept", "--reject", NULL);
  g_assert_cmpint (both->status, ==, 2);
  unknown = tessera_test_run_cli ("suggestions", f->project, "--accept", "--document", "wire-9", NULL);
  g_assert_cmpint (unknown->status, ==, 1);
  g_assert_nonnull (strstr (unknown->err, "wire-9"));

  /* Accepted in one document: exported there, with its role. */
  out = run_ok ("suggestions", f->project, "--accept", "--document", "wire-1", NULL);
  g_assert_cmpstr (out, ==, "Accepted 1 span, 0 events, 0 stances.\n");
  g_clear_pointer (&out, g_free);
  out = run_ok ("export", f->project, "--format", "jsonl", NULL);
  g_assert_cmpuint (record_spans (out, "wire-1"), ==, 3);
  g_assert_cmpuint (record_spans (out, "wire-2"), ==, 2);
  g_assert_nonnull (strstr (out, "{\"role\":\"Place\",\"span\":\"s3\"}"));
  g_clear_pointer (&out, g_free);

  /* Rejected in the other: gone, and nothing left to review. */
  out = run_ok ("suggestions", f->project, "--reject", NULL);
  g_assert_cmpstr (out, ==, "Rejected 1 span, 0 events, 0 stances.\n");
  g_clear_pointer (&out, g_free);
  out = run_ok ("suggestions", f->project, NULL);
  g_assert_cmpstr (out, ==, "Suggestions: 0 spans, 0 events, 0 stances\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (stats_int (f->project, "spans"), ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/help", test_help);
  g_test_add ("/cli/init", Fixture, NULL, fixture_setup, test_init, fixture_teardown);
  g_test_add ("/cli/import/folder", Fixture, NULL, fixture_setup, test_import_folder, fixture_teardown);
  g_test_add ("/cli/import/kidal", Fixture, NULL, fixture_setup, test_import_kidal, fixture_teardown);
  g_test_add ("/cli/import/bad-input", Fixture, NULL, fixture_setup, test_bad_input, fixture_teardown);
  g_test_add ("/cli/jsonl/unicode", Fixture, NULL, fixture_setup, test_jsonl_unicode, fixture_teardown);
  g_test_add ("/cli/export/project-roundtrip", Fixture, NULL, fixture_setup, test_project_roundtrip,
              fixture_teardown);
  g_test_add ("/cli/export/report", Fixture, NULL, fixture_setup, test_report, fixture_teardown);
  g_test_add ("/cli/export/output", Fixture, NULL, fixture_setup, test_export_output, fixture_teardown);
  g_test_add ("/cli/check", Fixture, NULL, fixture_setup, test_check, fixture_teardown);
  g_test_add ("/cli/schema", Fixture, NULL, fixture_setup, test_schema, fixture_teardown);
  g_test_add ("/cli/bad-project", Fixture, NULL, fixture_setup, test_bad_project, fixture_teardown);
  g_test_add ("/cli/clusters", Fixture, NULL, fixture_setup, test_clusters, fixture_teardown);
  g_test_add ("/cli/suggestions", Fixture, NULL, fixture_setup, test_suggestions, fixture_teardown);

  return g_test_run ();
}
