/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-wal"

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "tessera-error.h"
#include "tessera-test-util.h"

/* A project is never harmed by opening it (DESIGN.md §8): a -wal that is
 * not its own is refused, a read-only open writes nothing, the integrity
 * check comes before the first write, copies go through SQLite's backup
 * API. The "crashes" here are child processes that write and _exit()
 * without closing, leaving their committed work in the -wal. */

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = tessera_test_make_tmp_dir ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  tessera_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
side (const char *path,
      const char *suffix)
{
  return g_strconcat (path, suffix, NULL);
}

static gboolean
exists (const char *path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_file_get_contents (from, &contents, &len, &error);
  g_assert_no_error (error);
  tessera_test_set_contents (to, contents, len);
}

static gboolean
has_report (TesseraProject *project,
            const char     *uid)
{
  g_autoptr(TesseraDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  doc = tessera_project_find_document (project, uid, FALSE, &error);
  g_assert_no_error (error);

  return doc != NULL;
}

static gint64
document_id (TesseraProject *project,
             const char     *uid)
{
  g_autoptr(TesseraDocument) doc = tessera_project_find_document (project, uid, FALSE, NULL);

  g_assert_nonnull (doc);
  return doc->id;
}

/* A closed project with reports @uids. */
static char *
make_project (const char         *dir,
              const char         *name,
              const char * const *uids)
{
  g_autoptr(TesseraProject) project = NULL;
  char *path = NULL;

  project = tessera_test_create_project (dir, name, &path);
  for (guint i = 0; uids != NULL && uids[i] != NULL; i++)
    tessera_test_add_report (project, uids[i]);
  tessera_project_close (project);

  return path;
}

typedef struct
{
  char *project;
  char *wal;
} Hashes;

static void
hash_files (const char *path,
            Hashes     *hashes)
{
  g_autofree char *wal = side (path, "-wal");

  hashes->project = tessera_test_file_sha256 (path);
  hashes->wal = exists (wal) ? tessera_test_file_sha256 (wal) : NULL;
}

static void
assert_unchanged (const char *path,
                  Hashes     *before)
{
  Hashes after = { 0 };

  hash_files (path, &after);
  g_assert_cmpstr (after.project, ==, before->project);
  g_assert_cmpstr (after.wal, ==, before->wal);
  g_free (after.project);
  g_free (after.wal);
}

static void
hashes_clear (Hashes *hashes)
{
  g_clear_pointer (&hashes->project, g_free);
  g_clear_pointer (&hashes->wal, g_free);
}

static void
assert_refused_as_stray (const char *path)
{
  static const TesseraOpenFlags flags[] = {
    TESSERA_OPEN_READ_ONLY,
    TESSERA_OPEN_READ_ONLY | TESSERA_OPEN_SKIP_CHECK,
    TESSERA_OPEN_DEFAULT,
    TESSERA_OPEN_DEFER_CHECK,
  };
  static const char * const commands[][4] = {
    { "stats", NULL },
    { "check", NULL },
    { "export", "--format", "jsonl", NULL },
    { "export", "--format", "project", NULL },
  };
  g_autofree char *wal_name = NULL;
  Hashes before = { 0 };

  hash_files (path, &before);
  g_assert_nonnull (before.wal);
  wal_name = side (path, "-wal");

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TesseraProject) project = tessera_project_open (path, flags[i], &error);

      g_assert_null (project);
      g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_STRAY_WAL);
      /* It names the file and says what to do. */
      g_assert_nonnull (strstr (error->message, wal_name));
      g_assert_nonnull (strstr (error->message, "move"));
      assert_unchanged (path, &before);
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *args[6] = { commands[i][0], path };
      g_autoptr(TesseraTestCliResult) result = NULL;

      for (guint j = 1; j < 4 && commands[i][j] != NULL; j++)
        args[j + 1] = commands[i][j];
      result = tessera_test_run_cliv (args);
      g_assert_cmpint (result->status, ==, 1);
      g_assert_nonnull (strstr (result->err, wal_name));
      g_assert_cmpstr (result->out, ==, "");
      assert_unchanged (path, &before);
    }

  hashes_clear (&before);
}

/* Another project's -wal lands beside a project. */
static void
test_other_projects_wal (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const ours[] = { "a1", "a2", NULL };
  static const char * const theirs[] = { "b1", NULL };
  static const char * const more[] = { "b2", "b3", NULL };
  g_autofree char *a = make_project (f->dir, "a.tessera", ours);
  g_autofree char *b = make_project (f->dir, "b.tessera", theirs);
  g_autofree char *a_wal = side (a, "-wal");
  g_autofree char *b_wal = side (b, "-wal");

  tessera_test_leave_wal (b, more);
  g_assert_true (exists (b_wal));
  copy_file (b_wal, a_wal);

  assert_refused_as_stray (a);

  /* Once it is moved away, the project opens as it was. */
  g_assert_cmpint (g_unlink (a_wal), ==, 0);
  {
    g_autoptr(TesseraProject) project = tessera_test_open_project (a, TESSERA_OPEN_READ_ONLY);

    g_assert_true (has_report (project, "a2"));
    g_assert_false (has_report (project, "b2"));
  }

  /* And b's -wal still belongs to b. */
  {
    g_autoptr(TesseraProject) project = tessera_test_open_project (b, TESSERA_OPEN_DEFAULT);

    g_assert_true (has_report (project, "b3"));
  }
}

/* A project restored from a backup while a crashed session's -wal, from
 * after the backup, is still beside it. */
static void
test_restored_backup (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const first[] = { "r1", NULL };
  static const char * const third[] = { "r3", NULL };
  g_autofree char *path = make_project (f->dir, "p.tessera", first);
  g_autofree char *saved = g_build_filename (f->dir, "saved.tessera", NULL);

  /* A copy of the closed project: the file alone holds all of it. */
  copy_file (path, saved);

  /* A later session, closed properly, then one that crashes. */
  {
    g_autoptr(TesseraProject) project = tessera_test_open_project (path, TESSERA_OPEN_DEFAULT);

    tessera_test_add_report (project, "r2");
  }
  tessera_test_leave_wal (path, third);

  copy_file (saved, path);
  assert_refused_as_stray (path);
}

/* The crashed session's own -wal, beside its own project, is its work:
 * read-only opens read it without writing either file, and the next
 * writer keeps it. */
static void
test_own_wal_after_crash (Fixture       *f,
                          gconstpointer  data)
{
  static const char * const first[] = { "c1", NULL };
  static const char * const crashed[] = { "c2", "c3", NULL };
  g_autofree char *path = make_project (f->dir, "p.tessera", first);
  g_autofree char *wal = side (path, "-wal");
  Hashes before = { 0 };

  tessera_test_leave_wal (path, crashed);
  hash_files (path, &before);
  g_assert_nonnull (before.wal);

  {
    g_autoptr(TesseraProject) project = tessera_test_open_project (path, TESSERA_OPEN_READ_ONLY);

    g_assert_true (has_report (project, "c3"));
  }
  {
    g_autoptr(TesseraTestCliResult) stats = tessera_test_run_cli ("stats", path, NULL);
    g_autoptr(TesseraTestCliResult) check = tessera_test_run_cli ("check", path, NULL);

    g_assert_cmpint (stats->status, ==, 0);
    g_assert_nonnull (strstr (stats->out, "3"));
    g_assert_cmpint (check->status, ==, 0);
  }
  assert_unchanged (path, &before);
  hashes_clear (&before);

  /* A writer takes the -wal in, and closing leaves the file alone
   * holding everything. */
  {
    g_autoptr(TesseraProject) project = tessera_test_open_project (path, TESSERA_OPEN_DEFAULT);

    g_assert_true (has_report (project, "c2"));
    tessera_test_add_report (project, "c4");
  }
  g_assert_false (exists (wal));
  g_assert_cmpint (tessera_test_sql_int (path, "SELECT count(*) FROM document"), ==, 4);
}

/* The window's open: quick_check deferred, and until it passes nothing
 * is written, not even a checkpoint of what the -wal holds. */
static void
test_deferred_check (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const first[] = { "d1", NULL };
  static const char * const crashed[] = { "d2", NULL };
  g_autofree char *path = make_project (f->dir, "p.tessera", first);
  g_autofree char *wal = side (path, "-wal");
  Hashes before = { 0 };

  tessera_test_leave_wal (path, crashed);
  hash_files (path, &before);

  {
    g_autoptr(TesseraProject) project = tessera_test_open_project (path, TESSERA_OPEN_DEFER_CHECK);
    g_autoptr(TesseraDocument) doc = tessera_document_new ();
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (tessera_project_get_integrity (project), ==, TESSERA_INTEGRITY_UNKNOWN);
    g_assert_true (has_report (project, "d2"));
    doc->text = g_strdup ("Too early.");
    g_assert_cmpint (tessera_project_add_document (project, doc, &error), ==, 0);
    g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_VERIFIED);
  }
  assert_unchanged (path, &before);
  hashes_clear (&before);

  /* Verified in a worker thread, the project takes writes again. */
  {
    g_autoptr(TesseraProject) project = tessera_test_open_project (path, TESSERA_OPEN_DEFER_CHECK);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(GError) error = NULL;

    tessera_project_verify_async (project, NULL, tessera_test_store_result, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (tessera_project_verify_finish (project, result, &problems, &error));
    g_assert_no_error (error);
    g_assert_null (problems);
    g_assert_cmpint (tessera_project_get_integrity (project), ==, TESSERA_INTEGRITY_OK);
    tessera_test_add_report (project, "d3");
  }
  g_assert_false (exists (wal));
  g_assert_cmpint (tessera_test_sql_int (path, "SELECT count(*) FROM document"), ==, 3);
}

/* A damaged project: the deferred check says so, and from then on
 * nothing is written to it. */
static void
test_damaged_deferred (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const uids[] = { "x1", "x2", NULL };
  g_autofree char *path = make_project (f->dir, "p.tessera", uids);
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  Hashes before = { 0 };

  tessera_test_zero_page (path, tessera_test_root_page (path, "span_document"));
  hash_files (path, &before);

  project = tessera_test_open_project (path, TESSERA_OPEN_DEFER_CHECK);
  g_assert_false (tessera_project_verify (project, NULL, &problems, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, >, 0);
  g_assert_cmpint (tessera_project_get_integrity (project), ==, TESSERA_INTEGRITY_DAMAGED);
  g_assert_true (tessera_project_get_read_only (project));
  g_clear_error (&error);

  {
    g_autoptr(TesseraDocument) doc = tessera_document_new ();

    doc->text = g_strdup ("Not written.");
    g_assert_cmpint (tessera_project_add_document (project, doc, &error), ==, 0);
    g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT);
  }

  tessera_project_close (project);
  assert_unchanged (path, &before);
  hashes_clear (&before);
}

static char *
read_page (const char *path,
           gint64      page)
{
  gint64 page_size = tessera_test_sql_int (path, "PRAGMA page_size");
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_memdup2 (contents + (page - 1) * page_size, page_size);
}

static void
write_page (const char *path,
            gint64      page,
            const char *data)
{
  gint64 page_size = tessera_test_sql_int (path, "PRAGMA page_size");
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  memcpy (contents + (page - 1) * page_size, data, page_size);
  tessera_test_set_contents (path, contents, len);
}

/* An index page from an older state of the file: every page is sound
 * (quick_check passes) but the index misses a span. The check says so,
 * and an export fails rather than leave the span out. */
static void
test_stale_index (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const uids[] = { "i1", NULL };
  g_autofree char *path = make_project (f->dir, "p.tessera", uids);
  g_autofree char *old_page = NULL;
  gint64 page;

  {
    g_autoptr(TesseraProject) project = tessera_test_open_project (path, TESSERA_OPEN_DEFAULT);
    gint64 doc = document_id (project, "i1");

    tessera_test_tag (project, doc, "Fighters", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  }
  page = tessera_test_root_page (path, "span_document");
  old_page = read_page (path, page);
  {
    g_autoptr(TesseraProject) project = tessera_test_open_project (path, TESSERA_OPEN_DEFAULT);
    gint64 doc = document_id (project, "i1");

    tessera_test_tag (project, doc, "army", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  }
  g_assert_cmpint (tessera_test_root_page (path, "span_document"), ==, page);
  write_page (path, page, old_page);

  {
    g_autoptr(TesseraTestCliResult) check = tessera_test_run_cli ("check", path, NULL);
    g_autoptr(TesseraTestCliResult) jsonl = tessera_test_run_cli ("export", path, "--format", "jsonl", NULL);
    g_autoptr(TesseraTestCliResult) project = tessera_test_run_cli ("export", path, "--format", "project", NULL);

    g_assert_cmpint (check->status, ==, 1);
    g_assert_nonnull (strstr (check->out, "span_document"));
    g_assert_cmpint (jsonl->status, ==, 1);
    g_assert_cmpstr (jsonl->out, ==, "");
    g_assert_nonnull (strstr (jsonl->err, "damaged"));
    g_assert_cmpint (project->status, ==, 1);
  }
}

/* What can be read of a damaged project goes into a new one that passes
 * the check; the damaged file is not written. */
static void
test_salvage (Fixture       *f,
              gconstpointer  data)
{
  static const char * const uids[] = { "s1", "s2", "s3", NULL };
  g_autofree char *path = make_project (f->dir, "p.tessera", uids);
  g_autofree char *saved = g_build_filename (f->dir, "saved.tessera", NULL);
  g_autofree char *again = g_build_filename (f->dir, "again.tessera", NULL);
  Hashes before = { 0 };

  {
    g_autoptr(TesseraProject) project = tessera_test_open_project (path, TESSERA_OPEN_DEFAULT);
    gint64 doc = document_id (project, "s2");
    g_autoptr(GError) error = NULL;
    TesseraRejection rejection = { doc, 0, 0, 0 };

    tessera_test_tag (project, doc, "Tin-Azrou", TESSERA_LABEL_ENTITY, "Place", "a note");
    tessera_test_tag (project, doc, "army", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
    /* A suggestion the analyst rejected there, remembered. */
    rejection.start = 0;
    rejection.end = 6;
    rejection.label_id = tessera_test_label_id (project, TESSERA_LABEL_ENTITY, "Facility");
    g_assert_true (tessera_project_add_rejection (project, &rejection, &error));
    g_assert_no_error (error);
  }
  tessera_test_zero_page (path, tessera_test_root_page (path, "span_document"));
  hash_files (path, &before);

  {
    g_autoptr(TesseraTestCliResult) check = tessera_test_run_cli ("check", path, NULL);
    g_autoptr(TesseraTestCliResult) result = tessera_test_run_cli ("salvage", path, saved, NULL);
    g_autoptr(TesseraTestCliResult) saved_check = tessera_test_run_cli ("check", saved, NULL);

    g_assert_cmpint (check->status, ==, 1);
    g_assert_cmpint (result->status, ==, 0);
    g_assert_nonnull (strstr (result->out, "Saved 3 documents, 2 spans"));
    g_assert_cmpint (saved_check->status, ==, 0);
  }
  assert_unchanged (path, &before);
  hashes_clear (&before);

  {
    g_autoptr(TesseraProject) project = tessera_test_open_project (saved, TESSERA_OPEN_DEFAULT);
    g_autoptr(GArray) results = NULL;

    g_autoptr(GArray) rejections = tessera_project_list_rejections (project, 0, NULL);

    g_assert_true (has_report (project, "s3"));
    g_assert_cmpint (tessera_project_count_spans (project), ==, 2);
    /* The rejected suggestions came along. */
    g_assert_cmpuint (rejections->len, ==, 1);
    g_assert_cmpint (g_array_index (rejections, TesseraRejection, 0).document_id, ==, document_id (project, "s2"));
    g_assert_cmpint (g_array_index (rejections, TesseraRejection, 0).end, ==, 6);
    /* The search index was made afresh. */
    results = tessera_project_search (project, "Azrou", 10, NULL);
    g_assert_cmpuint (results->len, ==, 3);
    g_assert_nonnull (tessera_project_find_label (project, TESSERA_LABEL_ENTITY, "Place"));
  }

  /* A project of its own: the damaged one's -wal is never taken for it. */
  {
    g_autoptr(TesseraProject) project = tessera_test_open_project (saved, TESSERA_OPEN_READ_ONLY);
    g_autoptr(GError) error = NULL;

    g_assert_false (tessera_project_salvage (project, saved, NULL, NULL, NULL, &error));
    g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_EXISTS);
    g_clear_error (&error);
    g_assert_true (tessera_project_salvage (project, again, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }
}

static void
test_backup (Fixture       *f,
             gconstpointer  data)
{
  static const char * const uids[] = { "k1", NULL };
  g_autofree char *path = make_project (f->dir, "p.tessera", uids);
  g_autofree char *copy = g_build_filename (f->dir, "copy.tessera", NULL);
  g_autofree char *copy2 = g_build_filename (f->dir, "copy2.tessera", NULL);
  g_autofree char *wal = side (path, "-wal");
  g_autoptr(TesseraProject) project = tessera_test_open_project (path, TESSERA_OPEN_DEFAULT);
  g_autoptr(GError) error = NULL;
  TesseraTestProgress progress = { 0 };

  /* Work that is only in the -wal while the project is open. */
  tessera_test_add_report (project, "k2");
  g_assert_true (exists (wal));

  g_assert_true (tessera_project_backup (project, copy, NULL, tessera_test_record_progress,
                                         &progress, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.done, ==, progress.total);
  g_assert_cmpuint (progress.total, >, 0);

  /* The copy is one file, holding what was in the -wal… */
  {
    g_autofree char *copy_wal = side (copy, "-wal");

    g_assert_false (exists (copy_wal));
  }
  {
    g_autoptr(TesseraProject) copied = tessera_test_open_project (copy, TESSERA_OPEN_READ_ONLY);

    g_assert_true (has_report (copied, "k2"));
  }

  /* …an existing file is never replaced… */
  g_assert_false (tessera_project_backup (project, copy, NULL, NULL, NULL, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_EXISTS);
  g_clear_error (&error);

  /* …and the original's -wal is not taken for the copy's. */
  {
    g_autofree char *copy_wal = side (copy, "-wal");

    copy_file (wal, copy_wal);
    assert_refused_as_stray (copy);
    g_unlink (copy_wal);
  }

  /* In a thread, while the project goes on being written. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    tessera_project_backup_async (project, copy2, NULL, tessera_test_store_result, &result);
    tessera_test_add_report (project, "k3");
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (tessera_project_backup_finish (project, result, &error));
    g_assert_no_error (error);
    g_assert_cmpint (tessera_test_sql_int (copy2, "SELECT count(*) FROM document"), >=, 2);
  }

  /* From the command line, on a project another program has open. */
  {
    g_autofree char *copy3 = g_build_filename (f->dir, "copy3.tessera", NULL);
    g_autoptr(TesseraTestCliResult) result = tessera_test_run_cli ("backup", path, copy3, NULL);
    g_autoptr(TesseraTestCliResult) again = tessera_test_run_cli ("backup", path, copy3, NULL);

    g_assert_cmpint (result->status, ==, 0);
    g_assert_cmpint (tessera_test_sql_int (copy3, "SELECT count(*) FROM document"), ==, 3);
    g_assert_cmpint (again->status, ==, 1);
    g_assert_nonnull (strstr (again->err, "already exists"));
  }
}

/* Label pointers the project handed out stay valid after a failed
 * transaction (the rollback used to reload the schema under them). */
static void
test_labels_survive_rollback (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(TesseraProject) project = tessera_test_create_project (f->dir, "p.tessera", NULL);
  const TesseraLabel *person = tessera_project_find_label (project, TESSERA_LABEL_ENTITY, "Person");
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (person);
  g_assert_true (tessera_project_begin (project, &error));
  g_assert_cmpint (tessera_project_add_label (project, TESSERA_LABEL_ENTITY, "Vehicle", "#336699",
                                              NULL, &error), >, 0);
  g_assert_no_error (error);
  tessera_project_rollback (project);

  g_assert_cmpstr (person->name, ==, "Person");
  g_assert_null (tessera_project_find_label (project, TESSERA_LABEL_ENTITY, "Vehicle"));
}

/* --- as another user, in a read-only folder ------------------------------ */

static gboolean
can_run_as_nobody (void)
{
  g_autofree char *runuser = g_find_program_in_path ("runuser");

  if (geteuid () != 0 || runuser == NULL)
    {
      g_test_skip ("needs root and runuser to read a project as another user");
      return FALSE;
    }
  return TRUE;
}

static TesseraTestCliResult *
run_cli_as_nobody (const char *command,
                   const char *path,
                   const char *extra)
{
  const char *args[] = { "runuser", "-u", "nobody", "--", g_getenv ("TESSERA_CLI"),
                         command, path, extra, NULL };
  g_autoptr(GError) error = NULL;
  TesseraTestCliResult *result = g_new0 (TesseraTestCliResult, 1);
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);
  result->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  g_test_message ("nobody: tessera-cli %s %s → %d\n%s", command, path, result->status, result->err);

  return result;
}

static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const uids[] = { "o1", "o2", NULL };
  static const char * const crashed[] = { "o3", NULL };
  g_autofree char *folder = g_build_filename (f->dir, "shared", NULL);
  g_autofree char *path = NULL;
  g_autofree char *source = NULL;

  if (!can_run_as_nobody ())
    return;

  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  source = make_project (f->dir, "source.tessera", uids);
  path = g_build_filename (folder, "p.tessera", NULL);

  /* Without and then with a crashed session's -wal beside it. */
  for (guint with_wal = 0; with_wal < 2; with_wal++)
    {
      Hashes before = { 0 };

      if (with_wal)
        {
          g_autofree char *wal = side (path, "-wal");
          g_autofree char *source_wal = side (source, "-wal");

          g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
          tessera_test_leave_wal (source, crashed);
          copy_file (source_wal, wal);
          g_assert_cmpint (g_chmod (wal, 0644), ==, 0);
        }
      copy_file (source, path);
      g_assert_cmpint (g_chmod (path, 0644), ==, 0);
      g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
      hash_files (path, &before);

      {
        g_autoptr(TesseraTestCliResult) stats = run_cli_as_nobody ("stats", path, "--json");
        g_autoptr(TesseraTestCliResult) check = run_cli_as_nobody ("check", path, NULL);
        g_autoptr(TesseraTestCliResult) export = run_cli_as_nobody ("export", path, "--format=project");
        g_autoptr(JsonNode) root = NULL;
        g_autoptr(GPtrArray) docs = NULL;

        g_assert_cmpint (stats->status, ==, 0);
        g_assert_cmpint (check->status, ==, 0);
        g_assert_cmpint (export->status, ==, 0);
        root = tessera_test_parse_json (export->out);
        g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root),
                                                                               "documents")),
                          ==, with_wal ? 3 : 2);
      }
      assert_unchanged (path, &before);
      hashes_clear (&before);
    }
}

/* --- a full disk --------------------------------------------------------- */

/* Runs @script in a mount namespace of its own (so the small tmpfs it
 * fills goes away with it). */
static gboolean
run_in_mount_namespace (const char  *script,
                        char       **out,
                        int         *status)
{
  const char *args[] = { "unshare", "-rm", "sh", "-ec", script, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int wait_status = 0;

  if (!g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     out, &err, &wait_status, &error))
    return FALSE;
  g_test_message ("%s\n→ %s%s", script, *out, err);
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;

  return *status != 99;
}

static void
test_full_disk (Fixture       *f,
                gconstpointer  data)
{
  static const char * const uids[] = { "z1", NULL };
  g_autofree char *path = make_project (f->dir, "p.tessera", uids);
  g_autofree char *mount_dir = g_build_filename (f->dir, "disk", NULL);
  g_autofree char *text = tessera_test_write_file (f->dir, "more.txt", "More news.\n", -1);
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  g_assert_cmpint (g_mkdir (mount_dir, 0755), ==, 0);
  script = g_strdup_printf ("mount -t tmpfs -o size=1m tmpfs '%s' 2>/dev/null || exit 99\n"
                            "cp '%s' '%s/p.tessera'\n"
                            "dd if=/dev/zero of='%s/fill' bs=4k 2>/dev/null || true\n"
                            "'%s' import '%s/p.tessera' '%s' 2>&1 || echo \"exit $?\"\n"
                            "ls '%s'\n",
                            mount_dir, path, mount_dir, mount_dir,
                            g_getenv ("TESSERA_CLI"), mount_dir, text, mount_dir);

  if (!run_in_mount_namespace (script, &out, &status))
    {
      g_test_skip ("cannot mount a small file system here (unshare -rm)");
      return;
    }

  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "disk is full"));
  g_assert_nonnull (strstr (out, "exit 1"));
  /* No 3-byte -shm or empty -wal left behind. */
  g_assert_null (strstr (out, "p.tessera-shm"));
  g_assert_null (strstr (out, "p.tessera-wal"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/wal/other-projects-wal", Fixture, NULL, fixture_setup, test_other_projects_wal, fixture_teardown);
  g_test_add ("/wal/restored-backup", Fixture, NULL, fixture_setup, test_restored_backup, fixture_teardown);
  g_test_add ("/wal/own-wal-after-crash", Fixture, NULL, fixture_setup, test_own_wal_after_crash, fixture_teardown);
  g_test_add ("/wal/deferred-check", Fixture, NULL, fixture_setup, test_deferred_check, fixture_teardown);
  g_test_add ("/wal/damaged-deferred", Fixture, NULL, fixture_setup, test_damaged_deferred, fixture_teardown);
  g_test_add ("/wal/stale-index", Fixture, NULL, fixture_setup, test_stale_index, fixture_teardown);
  g_test_add ("/wal/salvage", Fixture, NULL, fixture_setup, test_salvage, fixture_teardown);
  g_test_add ("/wal/backup", Fixture, NULL, fixture_setup, test_backup, fixture_teardown);
  g_test_add ("/wal/labels-survive-rollback", Fixture, NULL, fixture_setup, test_labels_survive_rollback,
              fixture_teardown);
  g_test_add ("/wal/read-only-folder", Fixture, NULL, fixture_setup, test_read_only_folder, fixture_teardown);
  g_test_add ("/wal/full-disk", Fixture, NULL, fixture_setup, test_full_disk, fixture_teardown);

  return g_test_run ();
}
