/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-project"

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "tessera-project-private.h"
#include "tessera-text.h"
#include "test-project-util.h"

/* The project file: creating and opening it, its locks, read-only opens,
 * format upgrades, its labels and its check. Documents, annotations and
 * change notifications have programs of their own (test-project-*.c). */

/* --- create and open -------------------------------------------------- */

/* Opening @path must fail with @code and a message containing @words, and
 * leave the file exactly as it was. */
static void
assert_open_refused (const char *path,
                     int         code,
                     const char *words)
{
  g_autofree char *before = tessera_test_file_sha256 (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraProject) project = tessera_project_open (path, TESSERA_OPEN_DEFAULT, &error);

  g_assert_null (project);
  g_assert_error (error, TESSERA_ERROR, code);
  g_assert_nonnull (strstr (error->message, words));
  after = tessera_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
}

static void
assert_label_count (TesseraProject   *project,
                    TesseraLabelKind  kind,
                    guint             expected)
{
  g_autoptr(GPtrArray) labels = tessera_project_list_labels (project, kind);

  g_assert_cmpuint (labels->len, ==, expected);
}

static void
test_create_open (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const battle_roles[] = { "Agent", "Opponent", "Place", "Time", "Casualties" };
  const TesseraLabel *battle;
  const TesseraAttribute *attr;
  g_autofree char *name = NULL;

  fixture_reopen (f);

  name = tessera_project_dup_name (f->project);
  g_assert_cmpstr (name, ==, "Field notes");
  g_assert_cmpstr (tessera_project_get_path (f->project), ==, f->path);
  g_assert_false (tessera_project_get_read_only (f->project));

  assert_label_count (f->project, TESSERA_LABEL_ENTITY, 7);
  assert_label_count (f->project, TESSERA_LABEL_EVENT, 8);
  assert_label_count (f->project, TESSERA_LABEL_ROLE, 8);
  assert_label_count (f->project, TESSERA_LABEL_STANCE, 4);

  battle = tessera_project_find_label (f->project, TESSERA_LABEL_EVENT, "Battle");
  g_assert_nonnull (battle);
  g_assert_cmpuint (battle->roles->len, ==, G_N_ELEMENTS (battle_roles));
  for (guint i = 0; i < G_N_ELEMENTS (battle_roles); i++)
    {
      const TesseraLabel *role = tessera_project_get_label (f->project, g_array_index (battle->roles, gint64, i));

      g_assert_nonnull (role);
      g_assert_cmpint (role->kind, ==, TESSERA_LABEL_ROLE);
      g_assert_cmpstr (role->name, ==, battle_roles[i]);
    }

  attr = tessera_project_get_attribute (f->project, "realis");
  g_assert_nonnull (attr);
  g_assert_cmpstr (attr->default_value, ==, "actual");
  g_assert_true (tessera_attribute_has_value (attr, "claimed"));
  attr = tessera_project_get_attribute (f->project, "confirmation");
  g_assert_nonnull (attr);
  g_assert_cmpstr (attr->default_value, ==, "unconfirmed");
  g_assert_true (tessera_attribute_has_value (attr, "confirmed"));

  /* What was added before closing is still there. */
  g_assert_cmpint (tessera_project_count_documents (f->project), ==, 1);
}

static void
test_create_existing (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *other = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *project_before = tessera_test_file_sha256 (f->path);
  g_autofree char *project_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraProject) project = NULL;

  g_assert_true (g_file_set_contents (other, "my notes\n", -1, NULL));
  project = tessera_project_create (other, NULL, &error);
  g_assert_null (project);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_EXISTS);
  g_assert_true (g_file_get_contents (other, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "my notes\n");
  g_clear_error (&error);

  /* Nor over a project, even one that is open. */
  project = tessera_project_create (f->path, NULL, &error);
  g_assert_null (project);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_EXISTS);
  project_after = tessera_test_file_sha256 (f->path);
  g_assert_cmpstr (project_before, ==, project_after);
}

static void
test_open_text_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "report.tessera", NULL);

  g_assert_true (g_file_set_contents (path, "Not a database, just a report that is long enough to "
                                      "look like something.\n", -1, NULL));
  assert_open_refused (path, TESSERA_ERROR_NOT_A_PROJECT, "not a Tessera project (not an SQLite database)");
}

static void
test_open_missing (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "gone.tessera", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (tessera_project_open (path, TESSERA_OPEN_DEFAULT, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_open_foreign_database (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "addresses.db", NULL);

  tessera_test_sql_exec (path, "CREATE TABLE contact (name TEXT, phone TEXT);"
                  "INSERT INTO contact VALUES ('Awa', '555-0100');");
  assert_open_refused (path, TESSERA_ERROR_NOT_A_PROJECT, "not a Tessera project");
  g_assert_cmpint (tessera_test_sql_int (path, "SELECT count(*) FROM contact"), ==, 1);
}

static void
test_open_too_new (Fixture       *f,
                   gconstpointer  data)
{
  fixture_close (f);
  tessera_test_sql_exec (f->path, "PRAGMA user_version = 99");

  assert_open_refused (f->path, TESSERA_ERROR_TOO_NEW, "99");
  g_assert_cmpint (tessera_test_sql_int (f->path, "PRAGMA user_version"), ==, 99);
}

static void
test_open_locked_here (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TesseraProject) reader = NULL;
  g_autoptr(GError) error = NULL;

  /* f->project holds the file for writing. */
  assert_open_refused (f->path, TESSERA_ERROR_LOCKED, "already open");

  reader = tessera_project_open (f->path, TESSERA_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tessera_project_count_documents (reader), ==, 1);

  /* The first one still writes. */
  tag (f, "militia", "entity/ArmedGroup");
}

/* Run in a subprocess: checks that a plain writable SQLite connection,
 * as the sqlite3 shell or a script would open, sees the number of spans
 * in TESSERA_TEST_SPANS in the project TESSERA_TEST_PROJECT. */
static void
test_other_program (void)
{
  const char *path = g_getenv ("TESSERA_TEST_PROJECT");
  const char *spans = g_getenv ("TESSERA_TEST_SPANS");

  if (!g_test_subprocess ())
    {
      g_test_skip ("run as a subprocess of /project/lock/refused-open-keeps-journal");
      return;
    }

  g_assert_nonnull (path);
  g_assert_nonnull (spans);
  g_assert_cmpint (tessera_test_sql_int (path, "SELECT count(*) FROM span"), ==, g_ascii_strtoll (spans, NULL, 10));
  tessera_test_sql_exec (path, "SELECT count(*) FROM document");
}

static gboolean
seen_by_other_program (const char *path,
                       gint64      n_spans)
{
  g_autofree char *spans = g_strdup_printf ("%" G_GINT64_FORMAT, n_spans);

  g_setenv ("TESSERA_TEST_PROJECT", path, TRUE);
  g_setenv ("TESSERA_TEST_SPANS", spans, TRUE);
  g_test_trap_subprocess ("/project/other-program", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);

  return g_test_trap_has_passed ();
}

/* A refused second open must not take away what keeps the first one's
 * journal alive: another program reading the file meanwhile must still
 * see every committed change. Fails with the core as it is (see the
 * report): the refused open closes a descriptor of the file, which drops
 * every POSIX lock SQLite holds on it in this process. */
static void
test_open_locked_here_other_reader (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraProject) again = NULL;

  tag (f, "militia", "entity/ArmedGroup");
  again = tessera_project_open (f->path, TESSERA_OPEN_DEFAULT, &error);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_LOCKED);

  g_assert_true (seen_by_other_program (f->path, 1));
  if (!g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_test_fail_printf ("another program's close removed %s while the project is open", wal);
      return;
    }

  tag (f, "army", "entity/ArmedGroup");
  if (!seen_by_other_program (f->path, 2))
    g_test_fail_printf ("another program does not see a span committed after a refused second open");
}

/* A child process opens the project for writing and keeps it open until
 * the parent closes *release_fd. */
static GPid
open_in_child (const char *path,
               int        *release_fd)
{
  int ready[2];
  int release[2];
  char c = 0;
  GPid pid;

  g_assert_cmpint (pipe (ready), ==, 0);
  g_assert_cmpint (pipe (release), ==, 0);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      TesseraProject *project;

      close (ready[0]);
      close (release[1]);
      project = tessera_project_open (path, TESSERA_OPEN_SKIP_CHECK, NULL);
      c = project != NULL ? 'y' : 'n';
      if (write (ready[1], &c, 1) != 1)
        _exit (1);
      while (read (release[0], &c, 1) > 0)
        ;
      if (project != NULL)
        tessera_project_close (project);
      _exit (0);
    }

  close (ready[1]);
  close (release[0]);
  g_assert_cmpint (read (ready[0], &c, 1), ==, 1);
  close (ready[0]);
  g_assert_cmpint (c, ==, 'y');
  *release_fd = release[1];

  return pid;
}

static void
test_open_locked_elsewhere (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(TesseraProject) reader = NULL;
  g_autoptr(GError) error = NULL;
  int release_fd = -1;
  int status = 0;
  GPid pid;

  fixture_close (f);
  pid = open_in_child (f->path, &release_fd);

  assert_open_refused (f->path, TESSERA_ERROR_LOCKED, "another program");

  reader = tessera_project_open (f->path, TESSERA_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_project_get_read_only (reader));
  g_assert_cmpint (tessera_project_count_documents (reader), ==, 1);
  g_clear_object (&reader);

  close (release_fd);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  /* Once the other program is gone, the file opens for writing again. */
  fixture_reopen (f);
  tag (f, "army", "entity/ArmedGroup");
}

/* Reads work on @project; every kind of write is refused as read-only. */
static void
assert_read_only (TesseraProject *project,
                  gint64          doc_id)
{
  g_autoptr(TesseraDocument) doc = NULL;
  g_autoptr(TesseraDocument) new_doc = tessera_document_new ();
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  gint64 person;

  g_assert_true (tessera_project_get_read_only (project));
  doc = tessera_project_get_document (project, doc_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (doc->text, ==, TEXT);
  spans = tessera_project_list_spans (project, doc_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 1);

  person = label (project, "entity/Person");
  g_assert_cmpint (tessera_project_add_span (project, doc_id, 0, 3, person, NULL, &error), ==, 0);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_false (tessera_project_delete_span (project, g_array_index (spans, TesseraSpan, 0).id, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_READ_ONLY);
  g_clear_error (&error);

  new_doc->text = g_strdup ("More text.");
  g_assert_cmpint (tessera_project_add_document (project, new_doc, &error), ==, 0);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_false (tessera_project_update_label (project, person, "Human", NULL, NULL, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_false (tessera_project_set_name (project, "Renamed", &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_READ_ONLY);

  g_assert_cmpint (tessera_project_count_spans (project), ==, 1);
}

static void
test_open_read_only_flag (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  tag (f, "militia", "entity/ArmedGroup");
  fixture_close (f);
  before = tessera_test_file_sha256 (f->path);

  f->project = tessera_project_open (f->path, TESSERA_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  assert_read_only (f->project, f->doc);
  fixture_close (f);

  after = tessera_test_file_sha256 (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_open_read_only_file (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TesseraOpenFlags flags = TESSERA_OPEN_DEFAULT;

  tag (f, "militia", "entity/ArmedGroup");
  fixture_close (f);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);

  /* root ignores file permissions, so it must ask for read-only itself. */
  if (g_access (f->path, W_OK) == 0)
    flags = TESSERA_OPEN_READ_ONLY;

  f->project = tessera_project_open (f->path, flags, &error);
  g_assert_no_error (error);
  assert_read_only (f->project, f->doc);
}

/* --- migration -------------------------------------------------------- */

static void
test_migration_counter (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "old.tessera", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 doc, span;

  g_assert_true (_tessera_project_create_at_version (path, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tessera_test_sql_int (path, "PRAGMA user_version"), ==, 1);

  /* A read-only open reads it, upgraded in memory, and leaves the file
   * as it was: stats and exports work on a project nobody upgraded. */
  before = tessera_test_file_sha256 (path);
  project = tessera_project_open (path, TESSERA_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tessera_project_find_label (project, TESSERA_LABEL_ENTITY, "ArmedGroup"));
  g_assert_cmpint (tessera_project_count_documents (project), ==, 0);
  g_assert_true (tessera_project_get_read_only (project));
  g_clear_object (&project);
  after = tessera_test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);

  project = tessera_project_open (path, TESSERA_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  doc = add_doc (project, "new", "New", TEXT);
  g_assert_cmpint (n_annotations (project, doc), ==, 0);
  span = tessera_project_add_span (project, doc, 4, 11, label (project, "entity/ArmedGroup"),
                                   NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n_annotations (project, doc), ==, 1);
  g_assert_true (tessera_project_delete_span (project, span, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_annotations (project, doc), ==, 0);

  tessera_project_close (project);
  g_assert_cmpint (tessera_test_sql_int (path, "PRAGMA user_version"), ==, TESSERA_SCHEMA_VERSION);
}

static void
test_migration_backfill (Fixture       *f,
                         gconstpointer  data)
{
  static const char old_text[] = "Old news from Gao and Ménaka.";
  g_autofree char *path = g_build_filename (f->dir, "old.tessera", NULL);
  g_autofree char *sha = tessera_text_sha256 (old_text, strlen (old_text));
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(TesseraDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  char *sql;

  g_assert_true (_tessera_project_create_at_version (path, 1, &error));
  g_assert_no_error (error);

  /* As the version-1 layout (migration 0) stores them. */
  sql = sqlite3_mprintf ("INSERT INTO document (id, uid, title, n_chars, sha256, imported_at)"
                         "  VALUES (1, 'old', 'Old report', %lld, %Q, 1700000000);"
                         "INSERT INTO document (id, uid, title, n_chars, sha256, imported_at)"
                         "  VALUES (2, 'empty', 'Unread', %lld, %Q, 1700000000);"
                         "INSERT INTO document_text (document_id, text) VALUES (1, %Q), (2, %Q);"
                         "INSERT INTO span (document_id, start, \"end\", label_id, created, updated)"
                         "  SELECT 1, 14, 17, id, 1700000000, 1700000000 FROM label"
                         "  WHERE kind = 'entity' AND name = 'Place';"
                         "INSERT INTO span (document_id, start, \"end\", label_id, created, updated)"
                         "  SELECT 1, 22, 28, id, 1700000000, 1700000000 FROM label"
                         "  WHERE kind = 'entity' AND name = 'Place';",
                         (long long) tessera_text_n_chars (old_text, -1), sha,
                         (long long) tessera_text_n_chars (old_text, -1), sha, old_text, old_text);
  tessera_test_sql_exec (path, sql);
  sqlite3_free (sql);

  project = tessera_project_open (path, TESSERA_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tessera_project_count_spans (project), ==, 2);
  g_assert_cmpint (n_annotations (project, 1), ==, 2);
  g_assert_cmpint (n_annotations (project, 2), ==, 0);

  doc = tessera_project_find_document (project, "old", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (doc->text, ==, old_text);
  g_assert_cmpint (doc->n_annotations, ==, 2);

  tessera_project_close (project);
  g_assert_cmpint (tessera_test_sql_int (path, "PRAGMA user_version"), ==, TESSERA_SCHEMA_VERSION);
}

/* Format 3 to 4: event loses UNIQUE (trigger_span_id), with every row,
 * id and reference to it kept, and the ids of deleted events not reused. */
static void
test_migration_shared_trigger (Fixture       *f,
                               gconstpointer  data)
{
  static const char old_text[] = "The militia shelled Ménaka; the governor denied it.";
  g_autofree char *path = g_build_filename (f->dir, "old.tessera", NULL);
  g_autofree char *sha = tessera_text_sha256 (old_text, strlen (old_text));
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(TesseraEvent) event = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) stances = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  gint64 violence, battle, agent, second;
  char *sql;

  g_assert_true (_tessera_project_create_at_version (path, 3, &error));
  g_assert_no_error (error);

  /* As format 3 stores them: an event (id 7) with an argument, a stance
   * toward it and a cluster; event 9 made and deleted. */
  sql = sqlite3_mprintf ("INSERT INTO document (id, uid, title, n_chars, sha256, imported_at)"
                         "  VALUES (1, 'old', 'Old report', %lld, %Q, 1700000000);"
                         "INSERT INTO document_text (document_id, text) VALUES (1, %Q);"
                         "INSERT INTO span (id, document_id, start, \"end\", label_id, created, updated)"
                         "  SELECT 1, 1, 12, 19, id, 1, 1 FROM label WHERE kind = 'event' AND name = 'RemoteViolence';"
                         "INSERT INTO span (id, document_id, start, \"end\", label_id, created, updated)"
                         "  SELECT 2, 1, 4, 11, id, 1, 1 FROM label WHERE kind = 'entity' AND name = 'ArmedGroup';"
                         "INSERT INTO span (id, document_id, start, \"end\", label_id, created, updated)"
                         "  SELECT 3, 1, 41, 47, id, 1, 1 FROM label WHERE kind = 'stance' AND name = 'denies';"
                         "INSERT INTO event (id, document_id, trigger_span_id, type_label_id, realis, confirmation)"
                         "  SELECT 7, 1, 1, id, 'actual', 'unconfirmed' FROM label"
                         "  WHERE kind = 'event' AND name = 'RemoteViolence';"
                         "INSERT INTO event (id, document_id, trigger_span_id, type_label_id, realis, confirmation)"
                         "  SELECT 9, 1, 2, id, 'actual', 'unconfirmed' FROM label WHERE kind = 'event' AND name = 'Battle';"
                         "DELETE FROM event WHERE id = 9;"
                         "INSERT INTO event_argument (event_id, role_label_id, span_id)"
                         "  SELECT 7, id, 2 FROM label WHERE kind = 'role' AND name = 'Agent';"
                         "INSERT INTO stance (id, document_id, span_id, label_id, target_event_id)"
                         "  SELECT 1, 1, 3, id, 7 FROM label WHERE kind = 'stance' AND name = 'denies';"
                         "INSERT INTO cluster (id, kind, name, created) VALUES (1, 'event', 'Shelling', 1);"
                         "INSERT INTO cluster_member (cluster_id, event_id) VALUES (1, 7);",
                         (long long) tessera_text_n_chars (old_text, -1), sha, old_text);
  tessera_test_sql_exec (path, sql);
  sqlite3_free (sql);
  g_assert_cmpint (tessera_test_sql_int (path, "SELECT count(*) FROM pragma_index_list ('event') WHERE \"unique\""),
                   ==, 1);

  project = tessera_project_open (path, TESSERA_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  violence = label (project, "event/RemoteViolence");
  battle = label (project, "event/Battle");
  agent = label (project, "role/Agent");

  event = tessera_project_get_event (project, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpint (event->trigger_span_id, ==, 1);
  g_assert_cmpint (event->type_label_id, ==, violence);
  g_assert_cmpstr (event->realis, ==, "actual");
  g_assert_cmpuint (event->arguments->len, ==, 1);
  g_assert_cmpint (g_array_index (event->arguments, TesseraArgument, 0).role_label_id, ==, agent);
  g_assert_cmpint (g_array_index (event->arguments, TesseraArgument, 0).span_id, ==, 2);
  stances = tessera_project_list_stances (project, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stances->len, ==, 1);
  g_assert_cmpint (g_array_index (stances, TesseraStance, 0).target_event_id, ==, 7);
  g_assert_cmpint (tessera_project_get_event_cluster (project, 7, &error), ==, 1);

  /* Two events on one trigger now; the deleted id stays unused. */
  second = tessera_project_add_event (project, 1, battle, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second, ==, 10);
  events = tessera_project_list_events (project, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpint (((TesseraEvent *) g_ptr_array_index (events, 0))->trigger_span_id, ==, 1);
  g_assert_cmpint (((TesseraEvent *) g_ptr_array_index (events, 1))->trigger_span_id, ==, 1);

  g_assert_true (tessera_project_check (project, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  /* The foreign keys hold again: the trigger takes both events along. */
  g_assert_true (tessera_project_delete_span (project, 1, &error));
  g_assert_no_error (error);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = tessera_project_list_events (project, 1, &error);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&stances, g_array_unref);
  stances = tessera_project_list_stances (project, 1, &error);
  g_assert_cmpint (g_array_index (stances, TesseraStance, 0).target_event_id, ==, 0);

  tessera_project_close (project);
  g_assert_cmpint (tessera_test_sql_int (path, "PRAGMA user_version"), ==, TESSERA_SCHEMA_VERSION);
  g_assert_cmpint (tessera_test_sql_int (path, "SELECT count(*) FROM pragma_index_list ('event') WHERE \"unique\""),
                   ==, 0);
  g_assert_cmpint (tessera_test_sql_int (path, "SELECT count(*) FROM sqlite_master"
                                               " WHERE type = 'index' AND name IN ('event_trigger', 'event_document')"),
                   ==, 2);
  g_assert_cmpint (tessera_test_sql_int (path, "SELECT seq FROM sqlite_sequence WHERE name = 'event'"), ==, 10);

  /* A project made now went through the same step: its keys are on. */
  g_assert_cmpint (tessera_test_sql_int (f->path, "SELECT count(*) FROM pragma_index_list ('event')"
                                                  " WHERE \"unique\""), ==, 0);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (f->project->db, "PRAGMA foreign_keys", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
  }
}

/* Format 4 to 5: a table of rejected suggestions, and each document's
 * suggested spans counted beside all of them, from the spans already
 * there and by the triggers from then on. */
static void
test_migration_rejections (Fixture       *f,
                           gconstpointer  data)
{
  static const char old_text[] = "Rebels seized Ber; the army held Gao.";
  g_autofree char *path = g_build_filename (f->dir, "old.tessera", NULL);
  g_autofree char *sha = tessera_text_sha256 (old_text, strlen (old_text));
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(TesseraDocument) doc = NULL;
  g_autoptr(TesseraSpan) span = NULL;
  g_autoptr(GArray) rejections = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  TesseraRejection rejection = { 0 };
  gboolean rejected = FALSE;
  gint64 place;
  char *sql;

  g_assert_true (_tessera_project_create_at_version (path, 4, &error));
  g_assert_no_error (error);

  /* As format 4 stores them: three spans, two of them suggested. */
  sql = sqlite3_mprintf ("INSERT INTO document (id, uid, title, n_chars, sha256, imported_at)"
                         "  VALUES (1, 'old', 'Old report', %lld, %Q, 1700000000);"
                         "INSERT INTO document_text (document_id, text) VALUES (1, %Q);"
                         "INSERT INTO span (id, document_id, start, \"end\", label_id, created, updated, suggested)"
                         "  SELECT 1, 1, 0, 6, id, 1, 1, 1 FROM label WHERE kind = 'entity' AND name = 'ArmedGroup';"
                         "INSERT INTO span (id, document_id, start, \"end\", label_id, created, updated, suggested)"
                         "  SELECT 2, 1, 14, 17, id, 1, 1, 1 FROM label WHERE kind = 'entity' AND name = 'Place';"
                         "INSERT INTO span (id, document_id, start, \"end\", label_id, created, updated, suggested)"
                         "  SELECT 3, 1, 33, 36, id, 1, 1, 0 FROM label WHERE kind = 'entity' AND name = 'Place';",
                         (long long) tessera_text_n_chars (old_text, -1), sha, old_text);
  tessera_test_sql_exec (path, sql);
  sqlite3_free (sql);
  g_assert_cmpint (tessera_test_sql_int (path, "SELECT count(*) FROM sqlite_master"
                                               " WHERE name = 'rejected_suggestion'"), ==, 0);

  project = tessera_project_open (path, TESSERA_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  place = label (project, "entity/Place");
  doc = tessera_project_get_document (project, 1, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (doc->n_annotations, ==, 3);
  g_assert_cmpint (doc->n_suggested, ==, 2);
  g_clear_pointer (&doc, tessera_document_unref);

  /* The counter follows: accepting, deleting, adding. */
  span = tessera_project_get_span (project, 1, &error);
  g_assert_no_error (error);
  span->suggested = FALSE;
  g_assert_true (tessera_project_update_span (project, span, &error));
  g_assert_no_error (error);
  g_assert_true (tessera_project_delete_span (project, 2, &error));
  g_assert_no_error (error);
  doc = tessera_project_get_document (project, 1, FALSE, &error);
  g_assert_cmpint (doc->n_annotations, ==, 2);
  g_assert_cmpint (doc->n_suggested, ==, 0);
  g_clear_pointer (&doc, tessera_document_unref);

  /* Rejections: remembered once, forgotten. */
  rejection.document_id = 1;
  rejection.start = 14;
  rejection.end = 17;
  rejection.label_id = place;
  g_assert_true (tessera_project_add_rejection (project, &rejection, &error));
  g_assert_no_error (error);
  g_assert_true (tessera_project_add_rejection (project, &rejection, &error));
  g_assert_no_error (error);
  rejections = tessera_project_list_rejections (project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rejections->len, ==, 1);
  g_assert_cmpint (g_array_index (rejections, TesseraRejection, 0).annotator_id, ==, 0);
  g_assert_cmpint (g_array_index (rejections, TesseraRejection, 0).rejected_at, >, 0);
  g_assert_true (tessera_project_has_rejection (project, 1, 14, 17, place, &rejected, &error));
  g_assert_true (rejected);
  g_assert_true (tessera_project_has_rejection (project, 1, 14, 18, place, &rejected, &error));
  g_assert_false (rejected);

  g_assert_true (tessera_project_check (project, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  g_assert_true (tessera_project_remove_rejection (project, 1, 14, 17, place, &error));
  g_assert_no_error (error);
  g_assert_true (tessera_project_has_rejection (project, 1, 14, 17, place, &rejected, &error));
  g_assert_false (rejected);
  g_assert_true (tessera_project_add_rejection (project, &rejection, &error));
  g_assert_no_error (error);

  tessera_project_close (project);
  g_assert_cmpint (tessera_test_sql_int (path, "PRAGMA user_version"), ==, TESSERA_SCHEMA_VERSION);

  /* A document's rejections go with it. */
  tessera_test_sql_exec (path, "PRAGMA foreign_keys = ON; DELETE FROM document WHERE id = 1");
  g_assert_cmpint (tessera_test_sql_int (path, "SELECT count(*) FROM rejected_suggestion"), ==, 0);
}

/* --- labels ----------------------------------------------------------- */

static void
assert_label_refused (Fixture    *f,
                      gint64      id,
                      const char *name,
                      const char *color,
                      const char *shortcut,
                      const char *words)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (tessera_project_update_label (f->project, id, name, color, shortcut, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_labels (Fixture       *f,
             gconstpointer  data)
{
  gint64 person = label (f->project, "entity/Person");
  gint64 span = tag (f, "governor", "entity/Person");
  const TesseraLabel *renamed;
  g_autoptr(TesseraSpan) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 vehicle;

  vehicle = tessera_project_add_label (f->project, TESSERA_LABEL_ENTITY, "Vehicle", "#123456", "v", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tessera_project_get_label (f->project, vehicle)->color, ==, "#123456");
  assert_label_count (f->project, TESSERA_LABEL_ENTITY, 8);

  g_assert_true (tessera_project_update_label (f->project, person, "Official", "#00aa00", NULL, &error));
  g_assert_no_error (error);
  fixture_reopen (f);
  renamed = tessera_project_get_label (f->project, person);
  g_assert_cmpstr (renamed->name, ==, "Official");
  g_assert_cmpstr (renamed->color, ==, "#00aa00");
  g_assert_cmpstr (renamed->shortcut, ==, "1");
  g_assert_null (tessera_project_find_label (f->project, TESSERA_LABEL_ENTITY, "Person"));
  after = tessera_project_get_span (f->project, span, &error);
  g_assert_cmpint (after->label_id, ==, person);

  assert_label_refused (f, person, NULL, "green", NULL, "colour");
  /* "2" is Organization's key; events have their own "2". */
  assert_label_refused (f, person, NULL, NULL, "2", "Organization");
  assert_label_refused (f, person, "Place", NULL, NULL, "already");
  g_assert_true (tessera_project_update_label (f->project, vehicle, NULL, NULL, "9", &error));
  g_assert_no_error (error);

  g_assert_false (tessera_project_delete_label (f->project, person, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "Official"));
  g_clear_error (&error);
  g_assert_nonnull (tessera_project_get_label (f->project, person));

  g_assert_true (tessera_project_delete_label (f->project, vehicle, &error));
  g_assert_no_error (error);
  g_assert_null (tessera_project_get_label (f->project, vehicle));
  g_assert_null (tessera_project_find_label (f->project, TESSERA_LABEL_ENTITY, "Vehicle"));
}

/* --- check ------------------------------------------------------------ */

static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) healthy = NULL;
  g_autoptr(GPtrArray) broken = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  Scene s;

  build_scene (f, &s);
  g_assert_true (tessera_project_check (f->project, &healthy, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (healthy->len, ==, 0);

  fixture_close (f);
  sql = g_strdup_printf ("UPDATE span SET \"end\" = 100000 WHERE id = %" G_GINT64_FORMAT, s.menaka);
  tessera_test_sql_exec (f->path, sql);
  fixture_reopen (f);

  g_assert_true (tessera_project_check (f->project, &broken, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (broken->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (broken, 0), "menaka-1"));
  g_assert_nonnull (strstr (g_ptr_array_index (broken, 0), "outside its text"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/project/create-open", test_create_open);
  ADD ("/project/create-existing", test_create_existing);
  ADD ("/project/open/missing", test_open_missing);
  ADD ("/project/open/text-file", test_open_text_file);
  ADD ("/project/open/foreign-database", test_open_foreign_database);
  ADD ("/project/open/too-new", test_open_too_new);
  ADD ("/project/open/locked-here", test_open_locked_here);
  ADD ("/project/open/locked-elsewhere", test_open_locked_elsewhere);
  ADD ("/project/open/read-only-flag", test_open_read_only_flag);
  ADD ("/project/open/read-only-file", test_open_read_only_file);
  ADD ("/project/migration/counter", test_migration_counter);
  ADD ("/project/migration/backfill", test_migration_backfill);
  ADD ("/project/migration/shared-trigger", test_migration_shared_trigger);
  ADD ("/project/migration/rejections", test_migration_rejections);
  ADD ("/project/labels", test_labels);
  ADD ("/project/check", test_check);
  /* Last: it fails with the core as it is, and a failure stops the run. */
  ADD ("/project/lock/refused-open-keeps-journal", test_open_locked_here_other_reader);
#undef ADD
  g_test_add_func ("/project/other-program", test_other_program);

  return g_test_run ();
}
