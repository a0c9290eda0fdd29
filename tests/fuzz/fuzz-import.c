/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-fuzz"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gprintf.h>
#include <glib/gstdio.h>

#include "tessera-formats.h"
#include "tessera-project-private.h"

/* A libFuzzer target for one importer (tests/fuzz/meson.build builds one
 * per format from this file). Each input is written to a file called
 * TESSERA_FUZZ_INPUT, whose extension picks the importer, and imported
 * into a small real project. An import that works must leave a project
 * that passes tessera_project_check(); one that fails must leave it
 * exactly as it was and say why. Anything else aborts, for libFuzzer to
 * report. With TESSERA_FUZZ_INTO_EMPTY the input also goes into an empty
 * project, where project JSON takes the file's schema and keeps its ids. */
#ifndef TESSERA_FUZZ_INPUT
#error "TESSERA_FUZZ_INPUT must name the file the input is written to"
#endif
#ifndef TESSERA_FUZZ_INTO_EMPTY
#define TESSERA_FUZZ_INTO_EMPTY 0
#endif
/* Where the fixture's JSONL files are (the project's tests/data/jsonl);
 * the environment variable of the same name overrides it. */
#ifndef TESSERA_FUZZ_DATA_DIR
#error "TESSERA_FUZZ_DATA_DIR must name the folder of the fixture files"
#endif

int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

typedef struct
{
  const char     *name;
  char           *path;
  GBytes         *pristine;     /* the closed project file as set up */
  char           *fingerprint;  /* of the project as set up */
  TesseraProject *project;
  guint           n_changes;    /* "changed" emissions during the last import */
} FuzzProject;

typedef struct
{
  guint64 done;
  guint64 total;
} FuzzProgress;

static char *tmp_dir;
static char *input_path;
static FuzzProject projects[2];
static guint n_projects;

static void fuzz_fail (const char *format,
                       ...) G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN;

static void
fuzz_fail (const char *format,
           ...)
{
  va_list args;

  va_start (args, format);
  g_printerr ("tessera-fuzz: ");
  g_vfprintf (stderr, format, args);
  g_printerr ("\n");
  va_end (args);

  abort ();
}

/* Setting up must work: there is nothing to fuzz otherwise. */
static void
require (gboolean     ok,
         GError      *error,
         const char  *what)
{
  if (!ok)
    fuzz_fail ("%s: %s", what, error != NULL ? error->message : "failed without an error");
}

/* --- fingerprint --------------------------------------------------------- */

static void
sum_column (GChecksum    *sum,
            sqlite3_stmt *stmt,
            int           i)
{
  guchar type = (guchar) sqlite3_column_type (stmt, i);
  const void *bytes = sqlite3_column_blob (stmt, i);
  int len = sqlite3_column_bytes (stmt, i);

  g_checksum_update (sum, &type, 1);
  g_checksum_update (sum, (const guchar *) &len, sizeof len);
  if (len > 0)
    g_checksum_update (sum, bytes, len);
}

/* Appends a line with @label, the number of rows @sql returns and the
 * SHA-256 of all of them. */
static void
append_rows_digest (GString    *out,
                    sqlite3    *db,
                    const char *label,
                    const char *sql)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3_stmt *stmt = NULL;
  guint64 n_rows = 0;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    fuzz_fail ("fingerprint: %s: %s", sql, sqlite3_errmsg (db));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        sum_column (sum, stmt, i);
      n_rows++;
    }
  if (rc != SQLITE_DONE)
    fuzz_fail ("fingerprint: %s: %s", sql, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);

  g_string_append_printf (out, "%s %" G_GUINT64_FORMAT " %s\n",
                          label, n_rows, g_checksum_get_string (sum));
}

/* Every row of every table (FTS5's own tables and sqlite_sequence too)
 * as the project's connection sees it, plus what the project caches in
 * memory: the schema, the name and the annotators. One line per part, so
 * that a difference says where it is. */
static char *
fingerprint (TesseraProject *project)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GList) names = NULL;
  g_autofree char *schema = tessera_project_dup_schema_json (project);
  g_autofree char *name = tessera_project_dup_name (project);
  sqlite3_stmt *stmt = NULL;

  append_rows_digest (out, project->db, "sqlite_schema",
                      "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name");
  append_rows_digest (out, project->db, "user_version", "PRAGMA user_version");

  if (sqlite3_prepare_v2 (project->db,
                          "SELECT name FROM sqlite_schema WHERE type = 'table' "
                          "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
                          -1, &stmt, NULL) != SQLITE_OK)
    fuzz_fail ("fingerprint: %s", sqlite3_errmsg (project->db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      char *sql = sqlite3_mprintf ("SELECT * FROM \"%w\"", (const char *) tables->pdata[i]);

      append_rows_digest (out, project->db, tables->pdata[i], sql);
      sqlite3_free (sql);
    }

  g_string_append_printf (out, "schema %s\nname %s\n", schema, name != NULL ? name : "(none)");

  names = g_hash_table_get_keys (project->annotator_ids);
  names = g_list_sort (names, (GCompareFunc) strcmp);
  for (const GList *l = names; l != NULL; l = l->next)
    g_string_append_printf (out, "annotator %s %" G_GINT64_FORMAT "\n", (const char *) l->data,
                            *(gint64 *) g_hash_table_lookup (project->annotator_ids, l->data));

  return g_string_free (out, FALSE);
}

/* --- projects ------------------------------------------------------------ */

static void
count_change (TesseraProject *project,
              guint           kind,
              guint           action,
              gint64          document_id,
              gint64          object_id,
              gpointer        user_data)
{
  FuzzProject *fp = user_data;

  fp->n_changes++;
}

static void
open_project (FuzzProject *fp)
{
  g_autoptr(GError) error = NULL;

  fp->project = tessera_project_open (fp->path, TESSERA_OPEN_DEFAULT, &error);
  require (fp->project != NULL, error, fp->path);
  /* The login name would differ from one machine to the next. */
  tessera_project_set_annotator (fp->project, "fuzz");
  g_signal_connect (fp->project, "changed", G_CALLBACK (count_change), fp);
}

/* The project's side files; @with_project: the project file too. */
static void
remove_project_files (const char *path,
                      gboolean    with_project)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal", "" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes) - (with_project ? 0 : 1); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        fuzz_fail ("%s: cannot remove: %s", file, g_strerror (errno));
    }
}

static void
close_project (FuzzProject *fp)
{
  tessera_project_close (fp->project);
  g_clear_object (&fp->project);
}

/* Puts back the project as it was set up, opened anew, so that every
 * input meets the same project and a crash found once is found again by
 * running its input alone. The file is overwritten where it is: the
 * library keeps a descriptor open for every file (device and inode) it
 * ever opened for writing, and a new file each time would pile them up. */
static void
restore_project (FuzzProject *fp)
{
  gsize len;
  const char *data = g_bytes_get_data (fp->pristine, &len);
  FILE *file;

  close_project (fp);
  remove_project_files (fp->path, FALSE);
  file = g_fopen (fp->path, "r+b");
  if (file == NULL ||
      ftruncate (fileno (file), 0) != 0 ||
      fwrite (data, 1, len, file) != len ||
      fclose (file) != 0)
    fuzz_fail ("%s: cannot restore: %s", fp->path, g_strerror (errno));
  open_project (fp);
}

/* Closes the project just set up (which leaves the whole of it in the
 * file), keeps a copy of the file and opens it again. */
static void
keep_pristine (FuzzProject *fp)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (fp->path, "-wal", NULL);
  char *data = NULL;
  gsize len = 0;

  close_project (fp);
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    fuzz_fail ("%s: still there after closing the project", wal);
  require (g_file_get_contents (fp->path, &data, &len, &error), error, fp->path);
  fp->pristine = g_bytes_new_take (data, len);

  open_project (fp);
  fp->fingerprint = fingerprint (fp->project);
}

static void
create_project (FuzzProject *fp,
                const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat (name, ".tessera", NULL);

  fp->name = name;
  fp->path = g_build_filename (tmp_dir, file, NULL);
  fp->project = tessera_project_create (fp->path, NULL, &error);
  require (fp->project != NULL, error, fp->path);
  tessera_project_set_annotator (fp->project, "fuzz");
}

/* Puts the first span and the first event of document @uid in clusters
 * of their own, so that inputs meet cluster members too. */
static void
add_clusters (TesseraProject *project,
              const char     *uid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) doc = tessera_project_find_document (project, uid, FALSE, &error);
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 entity_cluster, event_cluster;
  const TesseraEvent *event;

  require (doc != NULL, error, uid);
  spans = tessera_project_list_spans (project, doc->id, &error);
  require (spans != NULL && spans->len > 0, error, "spans of the fixture");
  events = tessera_project_list_events (project, doc->id, &error);
  require (events != NULL && events->len > 0, error, "events of the fixture");
  event = events->pdata[0];

  entity_cluster = tessera_project_add_cluster (project, TESSERA_LABEL_ENTITY, "Rebels", &error);
  require (entity_cluster != 0, error, "entity cluster");
  require (tessera_project_add_cluster_member (project, entity_cluster,
                                               g_array_index (spans, TesseraSpan, 0).id, 0,
                                               &error),
           error, "entity cluster member");

  event_cluster = tessera_project_add_cluster (project, TESSERA_LABEL_EVENT, "Fall of Amaru", &error);
  require (event_cluster != 0, error, "event cluster");
  require (tessera_project_add_cluster_member (project, event_cluster, 0, event->id, &error),
           error, "event cluster member");
}

/* Documents with spans, events, stances and clusters, from the project's
 * own test data: JSONL pre-annotations of "amaru-1" and "unicode-1" merge
 * into them. */
static void
setup_populated (FuzzProject *fp)
{
  g_autoptr(GError) error = NULL;
  const char *data_dir = g_getenv ("TESSERA_FUZZ_DATA_DIR");
  g_autofree char *example = NULL;
  g_autofree char *unicode = NULL;
  const char *paths[3];

  if (data_dir == NULL)
    data_dir = TESSERA_FUZZ_DATA_DIR;
  example = g_build_filename (data_dir, "example.jsonl", NULL);
  unicode = g_build_filename (data_dir, "unicode.jsonl", NULL);
  paths[0] = example;
  paths[1] = unicode;
  paths[2] = NULL;

  create_project (fp, "populated");
  require (tessera_import_paths (fp->project, paths, NULL, NULL, &error), error, "fixture import");
  add_clusters (fp->project, "amaru-1");
  keep_pristine (fp);
}

static void
setup_empty (FuzzProject *fp)
{
  create_project (fp, "empty");
  keep_pristine (fp);
}

static void
teardown (void)
{
  for (guint i = 0; i < n_projects; i++)
    {
      FuzzProject *fp = &projects[i];

      close_project (fp);
      remove_project_files (fp->path, TRUE);
      g_clear_pointer (&fp->path, g_free);
      g_clear_pointer (&fp->pristine, g_bytes_unref);
      g_clear_pointer (&fp->fingerprint, g_free);
    }
  n_projects = 0;

  if (input_path != NULL)
    g_unlink (input_path);
  g_clear_pointer (&input_path, g_free);
  if (tmp_dir != NULL)
    g_rmdir (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
}

/* The library reports what a user can cause with a GError: a warning or
 * a critical is a bug. GLib's own fatal messages end in SIGTRAP, which
 * libFuzzer does not catch (the input would not be kept): abort here. */
static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
      fuzz_fail ("a warning or critical was logged");
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  g_log_set_writer_func (log_writer, NULL, NULL);

  tmp_dir = g_dir_make_tmp ("tessera-fuzz-XXXXXX", &error);
  require (tmp_dir != NULL, error, "temporary folder");
  input_path = g_build_filename (tmp_dir, TESSERA_FUZZ_INPUT, NULL);

  setup_populated (&projects[n_projects++]);
  if (TESSERA_FUZZ_INTO_EMPTY)
    setup_empty (&projects[n_projects++]);

  atexit (teardown);

  return 0;
}

/* --- one input ----------------------------------------------------------- */

static void
check_progress (guint64  done,
                guint64  total,
                gpointer user_data)
{
  FuzzProgress *progress = user_data;

  if (done < progress->done || done > total)
    fuzz_fail ("progress went from %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT
               " of %" G_GUINT64_FORMAT, progress->done, done, total);
  progress->done = done;
  progress->total = total;
}

/* Whatever the outcome, no transaction stays open and no change waits. */
static void
check_settled (FuzzProject *fp,
               gboolean     ok)
{
  TesseraProject *project = fp->project;

  if (project->tx_depth != 0 || !sqlite3_get_autocommit (project->db))
    fuzz_fail ("%s project: a transaction is still open after an import that %s",
               fp->name, ok ? "worked" : "failed");
  if (project->pending != NULL && project->pending->len > 0)
    fuzz_fail ("%s project: %u changes still pending after an import that %s",
               fp->name, project->pending->len, ok ? "worked" : "failed");
}

static void
check_worked (FuzzProject               *fp,
              const TesseraImportReport *report,
              const GError              *error)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) check_error = NULL;

  if (error != NULL)
    fuzz_fail ("%s project: the import worked but set an error: %s", fp->name, error->message);

  for (guint i = 0; report->notices != NULL && i < report->notices->len; i++)
    if (!g_utf8_validate (report->notices->pdata[i], -1, NULL))
      fuzz_fail ("%s project: a notice is not valid UTF-8", fp->name);

  if (!tessera_project_check (fp->project, &problems, &check_error))
    fuzz_fail ("%s project: the check could not run after an import: %s",
               fp->name, check_error->message);
  if (problems != NULL && problems->len > 0)
    {
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("problem: %s\n", (const char *) problems->pdata[i]);
      fuzz_fail ("%s project: %u problems after an import that worked",
                 fp->name, problems->len);
    }
}

static void
check_failed (FuzzProject               *fp,
              const TesseraImportReport *report,
              const GError              *error)
{
  g_autofree char *after = NULL;

  if (error == NULL || error->message == NULL || error->message[0] == '\0')
    fuzz_fail ("%s project: the import failed without an error message", fp->name);
  /* It is shown in the window and printed by tessera-cli as it is. */
  if (!g_utf8_validate (error->message, -1, NULL))
    fuzz_fail ("%s project: the error message is not valid UTF-8", fp->name);

  if (report->n_documents != 0 || report->n_merged != 0 || report->n_spans != 0 ||
      report->n_events != 0 || report->n_stances != 0)
    fuzz_fail ("%s project: the import failed (%s) but the report counts additions",
               fp->name, error->message);
  if (fp->n_changes != 0)
    fuzz_fail ("%s project: the import failed (%s) but %u changes were announced",
               fp->name, error->message, fp->n_changes);

  after = fingerprint (fp->project);
  if (strcmp (after, fp->fingerprint) != 0)
    {
      g_printerr ("before:\n%safter:\n%s", fp->fingerprint, after);
      fuzz_fail ("%s project: the import failed (%s) but the project changed",
                 fp->name, error->message);
    }
}

static void
import_input (FuzzProject *fp,
              gboolean     repair_utf8)
{
  const char *paths[] = { input_path, NULL };
  FuzzProgress progress = { 0 };
  TesseraImportOptions options = {
    .repair_utf8 = repair_utf8,
    .progress = check_progress,
    .progress_data = &progress,
  };
  TesseraImportReport report;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  tessera_import_report_init (&report);
  fp->n_changes = 0;

  ok = tessera_import_paths (fp->project, paths, &options, &report, &error);

  check_settled (fp, ok);
  if (ok)
    {
      check_worked (fp, &report, error);
      restore_project (fp);
    }
  else
    check_failed (fp, &report, error);

  tessera_import_report_clear (&report);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  /* Repairing changes nothing in valid UTF-8: only the others are
   * imported both ways. */
  gboolean valid = g_utf8_validate_len ((const char *) data, size, NULL);

  require (g_file_set_contents_full (input_path, (const char *) data, size,
                                     G_FILE_SET_CONTENTS_NONE, 0600, &error),
           error, input_path);

  for (guint i = 0; i < n_projects; i++)
    {
      import_input (&projects[i], FALSE);
      if (!valid)
        import_input (&projects[i], TRUE);
    }

  return 0;
}
