/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-project-json"

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

  fixture->dir = g_dir_make_tmp ("tessera-project-json-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->project_path = g_build_filename (fixture->dir, "source.tessera", NULL);
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

static TesseraProject *
create_project (const char *dir,
                const char *name,
                char      **path_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  TesseraProject *project = tessera_project_create (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);

  return project;
}

static char *
write_file (const char *dir,
            const char *name,
            const char *data,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);

  return path;
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

typedef gboolean (*ExportFunc) (TesseraProject *, GOutputStream *,
                                const TesseraExportOptions *, GError **);

static char *
export_to_string (TesseraProject *project,
                  ExportFunc      func)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  GMemoryOutputStream *mem = G_MEMORY_OUTPUT_STREAM (out);

  g_assert_true (func (project, out, NULL, &error));
  g_assert_no_error (error);

  return g_strndup (g_memory_output_stream_get_data (mem),
                    g_memory_output_stream_get_data_size (mem));
}

static gint64
label_id (TesseraProject   *project,
          TesseraLabelKind  kind,
          const char       *name)
{
  const TesseraLabel *label = tessera_project_find_label (project, kind, name);

  g_assert_nonnull (label);

  return label->id;
}

static gint64
add_document (TesseraProject *project,
              const char     *uid,
              const char     *title,
              const char     *source,
              const char     *text)
{
  g_autoptr(TesseraDocument) doc = tessera_document_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  doc->uid = g_strdup (uid);
  doc->title = g_strdup (title);
  doc->source = g_strdup (source);
  doc->published = g_strdup ("2023-11-14");
  doc->language = g_strdup ("en");
  doc->text = g_strdup (text);
  id = tessera_project_add_document (project, doc, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

/* Tags the @nth occurrence of @what in @text with @label. */
static gint64
tag (TesseraProject   *project,
     gint64            doc_id,
     const char       *text,
     const char       *what,
     TesseraLabelKind  kind,
     const char       *label,
     const char       *note)
{
  g_autoptr(GError) error = NULL;
  const char *at = strstr (text, what);
  gint64 start, id;

  g_assert_nonnull (at);
  start = g_utf8_pointer_to_offset (text, at);
  id = tessera_project_add_span (project, doc_id, start, start + g_utf8_strlen (what, -1),
                                 label_id (project, kind, label), note, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

#define RAID_TEXT "Militia fighters attacked the base near Amaru on Monday. Officials denied any losses."
#define CAMP_TEXT "Le camp de Tessit 🇲🇱 a été bombardé, selon l’armée malienne."

/* Two documents with spans by two annotators, notes, events with
 * arguments, stances toward an event and toward a span, gaps in the ids
 * (deleted objects), a renamed label and a project name. */
static void
build_project (TesseraProject *project)
{
  g_autoptr(GError) error = NULL;
  gint64 raid, camp;
  gint64 militia, attacked, base, amaru, monday, officials, denied, losses, doomed;
  gint64 bombarde, armee, selon, tessit;
  gint64 event, old_event;

  g_assert_true (tessera_project_set_name (project, "Sahel desk", &error));
  g_assert_no_error (error);

  raid = add_document (project, "raid-1", "Raid near Amaru", "Example Wire", RAID_TEXT);
  camp = add_document (project, "camp-2", "Tessit", "Radio Exemple", CAMP_TEXT);

  tessera_project_set_annotator (project, "ana");
  militia = tag (project, raid, RAID_TEXT, "Militia fighters", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  doomed = tag (project, raid, RAID_TEXT, "fighters", TESSERA_LABEL_ENTITY, "Person", NULL);
  attacked = tag (project, raid, RAID_TEXT, "attacked", TESSERA_LABEL_EVENT, "Battle", NULL);
  base = tag (project, raid, RAID_TEXT, "the base", TESSERA_LABEL_ENTITY, "Facility", "a camp, maybe");
  amaru = tag (project, raid, RAID_TEXT, "Amaru", TESSERA_LABEL_ENTITY, "Place", NULL);
  monday = tag (project, raid, RAID_TEXT, "Monday", TESSERA_LABEL_ENTITY, "Date", NULL);
  tessera_project_set_annotator (project, "ben");
  officials = tag (project, raid, RAID_TEXT, "Officials", TESSERA_LABEL_ENTITY, "Person", NULL);
  denied = tag (project, raid, RAID_TEXT, "denied", TESSERA_LABEL_STANCE, "denies", NULL);
  losses = tag (project, raid, RAID_TEXT, "losses", TESSERA_LABEL_ENTITY, "Quantity", NULL);

  tessera_project_delete_span (project, doomed, &error);
  g_assert_no_error (error);

  old_event = tessera_project_add_event (project, attacked, label_id (project, TESSERA_LABEL_EVENT, "Battle"),
                                         NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_project_delete_event (project, old_event, &error));
  g_assert_no_error (error);

  event = tessera_project_add_event (project, attacked, label_id (project, TESSERA_LABEL_EVENT, "Battle"),
                                     "claimed", "confirmed", &error);
  g_assert_no_error (error);
  g_assert_true (tessera_project_add_argument (project, event, label_id (project, TESSERA_LABEL_ROLE, "Agent"), militia, &error));
  g_assert_true (tessera_project_add_argument (project, event, label_id (project, TESSERA_LABEL_ROLE, "Target"), base, &error));
  g_assert_true (tessera_project_add_argument (project, event, label_id (project, TESSERA_LABEL_ROLE, "Place"), amaru, &error));
  g_assert_true (tessera_project_add_argument (project, event, label_id (project, TESSERA_LABEL_ROLE, "Time"), monday, &error));
  g_assert_true (tessera_project_add_argument (project, event, label_id (project, TESSERA_LABEL_ROLE, "Casualties"), losses, &error));
  g_assert_no_error (error);

  g_assert_cmpint (tessera_project_add_stance (project, denied, label_id (project, TESSERA_LABEL_STANCE, "denies"),
                                               officials, event, 0, &error), >, 0);
  g_assert_no_error (error);

  tessera_project_set_annotator (project, "ana");
  tessit = tag (project, camp, CAMP_TEXT, "Tessit", TESSERA_LABEL_ENTITY, "Place", NULL);
  bombarde = tag (project, camp, CAMP_TEXT, "bombardé", TESSERA_LABEL_EVENT, "RemoteViolence", NULL);
  selon = tag (project, camp, CAMP_TEXT, "selon", TESSERA_LABEL_STANCE, "reports", NULL);
  armee = tag (project, camp, CAMP_TEXT, "l’armée malienne", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  event = tessera_project_add_event (project, bombarde, label_id (project, TESSERA_LABEL_EVENT, "RemoteViolence"),
                                     NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_project_add_argument (project, event, label_id (project, TESSERA_LABEL_ROLE, "Place"), tessit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tessera_project_add_stance (project, selon, label_id (project, TESSERA_LABEL_STANCE, "reports"),
                                               armee, 0, bombarde, &error), >, 0);
  g_assert_no_error (error);

  g_assert_true (tessera_project_set_document_status (project, raid, TESSERA_STATUS_DONE, &error));
  g_assert_true (tessera_project_update_label (project, label_id (project, TESSERA_LABEL_ENTITY, "ArmedGroup"),
                                               "Combatants", "#aa0000", NULL, &error));
  g_assert_no_error (error);
}

/* A backup restored into a new project exports exactly like the original. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *backup = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *jsonl_source = NULL;
  g_autofree char *jsonl_restored = NULL;
  g_autofree char *restored_name = NULL;
  g_autofree char *second_backup = NULL;
  g_autoptr(TesseraProject) restored = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  TesseraImportReport report;
  JsonObject *root;
  const TesseraLabel *renamed;

  build_project (fixture->project);
  backup = export_to_string (fixture->project, tessera_export_project_json);

  /* The envelope. */
  json_parser_load_from_data (parser, backup, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "tessera-project");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (root, "offset_unit"), ==, "codepoint");
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, "Sahel desk");
  g_assert_true (json_object_has_member (json_object_get_object_member (root, "schema"), "entities"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "documents")), ==, 2);

  backup_path = write_file (fixture->dir, "backup.json", backup, -1);
  restored = create_project (fixture->dir, "restored.tessera", NULL);
  tessera_import_report_init (&report);
  g_assert_true (import_path (restored, backup_path, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_documents, ==, 2);
  g_assert_cmpuint (report.n_spans, ==, 12);
  g_assert_cmpuint (report.n_events, ==, 2);
  g_assert_cmpuint (report.n_stances, ==, 2);
  tessera_import_report_clear (&report);

  restored_name = tessera_project_dup_name (restored);
  g_assert_cmpstr (restored_name, ==, "Sahel desk");
  renamed = tessera_project_find_label (restored, TESSERA_LABEL_ENTITY, "Combatants");
  g_assert_nonnull (renamed);
  g_assert_cmpstr (renamed->color, ==, "#aa0000");
  g_assert_null (tessera_project_find_label (restored, TESSERA_LABEL_ENTITY, "ArmedGroup"));

  jsonl_source = export_to_string (fixture->project, tessera_export_jsonl);
  jsonl_restored = export_to_string (restored, tessera_export_jsonl);
  g_assert_cmpstr (jsonl_restored, ==, jsonl_source);
  g_assert_nonnull (strstr (jsonl_source, "\"label\":\"Combatants\""));

  second_backup = export_to_string (restored, tessera_export_project_json);
  g_assert_cmpstr (second_backup, ==, backup);

  tessera_project_close (restored);
}

/* Into a project that has documents, the schema stays and labels the file
 * uses must exist: the error names the file, the document and the span,
 * and nothing is written. */
static void
test_import_into_nonempty (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *backup = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *other_path = NULL;
  g_autofree char *hash_before = NULL;
  g_autofree char *hash_after = NULL;
  g_autoptr(TesseraProject) other = NULL;
  g_autoptr(GError) error = NULL;

  build_project (fixture->project);
  backup = export_to_string (fixture->project, tessera_export_project_json);
  backup_path = write_file (fixture->dir, "backup.json", backup, -1);

  other = create_project (fixture->dir, "other.tessera", &other_path);
  add_document (other, "mine", "Mine", NULL, "A document of my own.");
  tessera_project_close (other);
  g_clear_object (&other);
  hash_before = hash_file (other_path);

  other = tessera_project_open (other_path, TESSERA_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (import_path (other, backup_path, NULL, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "backup.json: document 1 (uid \"raid-1\"): span \"s1\" has unknown label \"Combatants\""));
  g_assert_cmpint (tessera_project_count_documents (other), ==, 1);
  g_assert_nonnull (tessera_project_find_label (other, TESSERA_LABEL_ENTITY, "ArmedGroup"));
  tessera_project_close (other);
  g_clear_object (&other);

  hash_after = hash_file (other_path);
  g_assert_cmpstr (hash_after, ==, hash_before);
}

/* With the labels in place, the documents are added next to what is there. */
static void
test_import_merges_compatible (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *backup = NULL;
  g_autofree char *backup_path = NULL;
  g_autoptr(TesseraProject) other = NULL;
  g_autoptr(TesseraDocument) raid = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  TesseraImportReport report;

  build_project (fixture->project);
  backup = export_to_string (fixture->project, tessera_export_project_json);
  backup_path = write_file (fixture->dir, "backup.json", backup, -1);

  other = create_project (fixture->dir, "other.tessera", NULL);
  add_document (other, "mine", "Mine", NULL, "A document of my own.");
  g_assert_cmpint (tessera_project_add_label (other, TESSERA_LABEL_ENTITY, "Combatants", "#123456", NULL, &error), >, 0);
  g_assert_no_error (error);

  tessera_import_report_init (&report);
  g_assert_true (import_path (other, backup_path, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_documents, ==, 2);
  g_assert_cmpuint (report.n_spans, ==, 12);
  tessera_import_report_clear (&report);

  g_assert_cmpint (tessera_project_count_documents (other), ==, 3);
  raid = tessera_project_find_document (other, "raid-1", FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (raid);
  g_assert_cmpint (raid->status, ==, TESSERA_STATUS_DONE);
  spans = tessera_project_list_spans (other, raid->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 8);

  tessera_project_close (other);
}

typedef struct
{
  const char *name;
  const char *content;
  int         code;
  const char *message;
} BadFile;

static const BadFile bad_files[] = {
  { "not-tessera", "{\"hello\": 1}", TESSERA_ERROR_INVALID_INPUT,
    "bad.json: not a Tessera project JSON (no \"format\": \"tessera-project\")" },
  { "array", "[1, 2, 3]", TESSERA_ERROR_INVALID_INPUT, "not a Tessera project JSON" },
  { "broken", "{\"format\": \"tessera-project\", ", TESSERA_ERROR_INVALID_INPUT, "bad.json: not valid JSON" },
  { "newer", "{\"format\": \"tessera-project\", \"version\": 7, \"documents\": []}", TESSERA_ERROR_TOO_NEW,
    "bad.json: project JSON version 7" },
  { "bad-record", "{\"format\": \"tessera-project\", \"version\": 1, \"documents\": [{\"id\": \"a\", \"text\": \"abc\"}, 5]}",
    TESSERA_ERROR_INVALID_INPUT, "bad.json: document 2: a document record must be a JSON object" },
  { "empty", "", TESSERA_ERROR_INVALID_INPUT, "bad.json: empty file" },
};

static void
test_bad_files (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *hash_before = NULL;

  tessera_project_close (fixture->project);
  g_clear_object (&fixture->project);
  hash_before = hash_file (fixture->project_path);

  for (guint i = 0; i <= G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *hash_after = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) deep = NULL;

      fixture->project = tessera_project_open (fixture->project_path, TESSERA_OPEN_DEFAULT, &error);
      g_assert_no_error (error);

      if (i < G_N_ELEMENTS (bad_files))
        {
          g_test_message ("case %s", bad_files[i].name);
          path = write_file (fixture->dir, "bad.json", bad_files[i].content, -1);
        }
      else
        {
          /* json-glib 1.6 would recurse until it crashed. */
          deep = g_string_new ("{\"format\": \"tessera-project\", \"documents\": ");
          for (guint j = 0; j < 100000; j++)
            g_string_append_c (deep, '[');
          path = write_file (fixture->dir, "bad.json", deep->str, deep->len);
        }

      g_assert_false (import_path (fixture->project, path, NULL, &error));
      g_test_message ("%s", error->message);
      if (i < G_N_ELEMENTS (bad_files))
        {
          g_assert_error (error, TESSERA_ERROR, bad_files[i].code);
          g_assert_nonnull (strstr (error->message, bad_files[i].message));
        }
      else
        {
          g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_LIMIT);
          g_assert_nonnull (strstr (error->message, "bad.json: JSON nested deeper than 64"));
        }
      g_assert_cmpint (tessera_project_count_documents (fixture->project), ==, 0);

      tessera_project_close (fixture->project);
      g_clear_object (&fixture->project);
      hash_after = hash_file (fixture->project_path);
      g_assert_cmpstr (hash_after, ==, hash_before);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/project-json/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("round-trip", test_round_trip);
  ADD ("import-into-nonempty", test_import_into_nonempty);
  ADD ("import-merges-compatible", test_import_merges_compatible);
  ADD ("bad-files", test_bad_files);

#undef ADD

  return g_test_run ();
}
