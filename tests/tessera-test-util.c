/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-test-util"

#include "config.h"

#include <sys/wait.h>
#include <unistd.h>

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "tessera-test-util.h"

/* --- temporary files -------------------------------------------------- */

char *
tessera_test_make_tmp_dir (void)
{
  const char *program = g_get_prgname ();
  g_autofree char *base = g_path_get_basename (program != NULL ? program : "test");
  g_autofree char *template = g_strdup_printf ("tessera-%s-XXXXXX", base);
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);

  return dir;
}

void
tessera_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      const char *name;

      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          tessera_test_remove_tree (child);
        }
      g_assert_cmpint (g_rmdir (path), ==, 0);
    }
  else
    g_assert_cmpint (g_unlink (path), ==, 0);
}

char *
tessera_test_make_folder (const char *parent,
                          const char *name)
{
  char *path = g_build_filename (parent, name, NULL);

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);

  return path;
}

void
tessera_test_set_contents (const char *path,
                           const char *data,
                           gssize      len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

char *
tessera_test_write_file (const char *dir,
                         const char *name,
                         const char *data,
                         gssize      len)
{
  char *path = g_build_filename (dir, name, NULL);

  tessera_test_set_contents (path, data, len);

  return path;
}

char *
tessera_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

char *
tessera_test_file_sha256 (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

/* --- SQLite from outside --------------------------------------------- */

void
tessera_test_sql_exec (const char *path,
                       const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  rc = sqlite3_exec (db, sql, NULL, NULL, &message);
  /* The message first: it says what went wrong. */
  g_assert_cmpstr (message, ==, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

gint64
tessera_test_sql_int (const char *path,
                      const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/* --- projects --------------------------------------------------------- */

TesseraProject *
tessera_test_create_project (const char  *dir,
                             const char  *name,
                             char       **path_out)
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

TesseraProject *
tessera_test_open_project (const char       *path,
                           TesseraOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  TesseraProject *project = tessera_project_open (path, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);

  return project;
}

void
tessera_test_project_setup (TesseraTestProject *fixture,
                            gconstpointer       data)
{
  fixture->dir = tessera_test_make_tmp_dir ();
  fixture->project = tessera_test_create_project (fixture->dir, "test.tessera", &fixture->path);
}

void
tessera_test_project_close (TesseraTestProject *fixture)
{
  if (fixture->project != NULL)
    tessera_project_close (fixture->project);
  g_clear_object (&fixture->project);
}

void
tessera_test_project_teardown (TesseraTestProject *fixture,
                               gconstpointer       data)
{
  tessera_test_project_close (fixture);
  tessera_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

void
tessera_test_project_reopen (TesseraTestProject *fixture)
{
  tessera_test_project_close (fixture);
  fixture->project = tessera_test_open_project (fixture->path, TESSERA_OPEN_DEFAULT);
}

char *
tessera_test_project_close_and_hash (TesseraTestProject *fixture)
{
  tessera_test_project_close (fixture);

  return tessera_test_file_sha256 (fixture->path);
}

/* --- content ---------------------------------------------------------- */

gint64
tessera_test_label_id (TesseraProject   *project,
                       TesseraLabelKind  kind,
                       const char       *name)
{
  const TesseraLabel *label = tessera_project_find_label (project, kind, name);

  g_assert_nonnull (label);

  return label->id;
}

gint64
tessera_test_add_document (TesseraProject        *project,
                           const TesseraDocument *doc)
{
  g_autoptr(GError) error = NULL;
  gint64 id = tessera_project_add_document (project, doc, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

void
tessera_test_find_word (const char *text,
                        const char *word,
                        gint64     *start,
                        gint64     *end)
{
  const char *at = strstr (text, word);

  g_assert_nonnull (at);
  *start = g_utf8_pointer_to_offset (text, at);
  *end = *start + g_utf8_strlen (word, -1);
}

gint64
tessera_test_tag (TesseraProject   *project,
                  gint64            doc_id,
                  const char       *word,
                  TesseraLabelKind  kind,
                  const char       *label,
                  const char       *note)
{
  g_autoptr(TesseraDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, end, id;

  doc = tessera_project_get_document (project, doc_id, TRUE, &error);
  g_assert_no_error (error);
  tessera_test_find_word (doc->text, word, &start, &end);
  id = tessera_project_add_span (project, doc_id, start, end,
                                 tessera_test_label_id (project, kind, label), note, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

/* --- import and export ------------------------------------------------ */

gboolean
tessera_test_import (TesseraProject       *project,
                     const char           *path,
                     gboolean              repair_utf8,
                     TesseraImportReport  *report,
                     GError              **error)
{
  const char *paths[] = { path, NULL };
  TesseraImportOptions options = { 0 };

  options.repair_utf8 = repair_utf8;

  return tessera_import_paths (project, paths, &options, report, error);
}

gboolean
tessera_test_export_full (TesseraProject              *project,
                          TesseraTestExportFunc        func,
                          const TesseraExportOptions  *options,
                          char                       **out,
                          GError                     **error)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  GMemoryOutputStream *mem = G_MEMORY_OUTPUT_STREAM (stream);
  gboolean ok = func (project, stream, options, error);

  if (out != NULL)
    *out = g_strndup (g_memory_output_stream_get_data (mem),
                      g_memory_output_stream_get_data_size (mem));

  return ok;
}

char *
tessera_test_export (TesseraProject        *project,
                     TesseraTestExportFunc  func)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_assert_true (tessera_test_export_full (project, func, NULL, &out, &error));
  g_assert_no_error (error);

  return out;
}

void
tessera_test_record_progress (guint64  done,
                              guint64  total,
                              gpointer user_data)
{
  TesseraTestProgress *progress = user_data;

  g_assert_cmpuint (done, >=, progress->done);
  g_assert_cmpuint (done, <=, total);
  progress->done = done;
  progress->total = total;
  progress->calls++;
}

JsonNode *
tessera_test_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

GPtrArray *
tessera_test_parse_jsonl (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0')
        continue;
      g_ptr_array_add (records, tessera_test_parse_json (lines[i]));
    }

  return records;
}

/* --- the command line ------------------------------------------------- */

void
tessera_test_cli_result_free (TesseraTestCliResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

TesseraTestCliResult *
tessera_test_run_cliv (const char * const *args)
{
  const char *cli = g_getenv ("TESSERA_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  TesseraTestCliResult *result = g_new0 (TesseraTestCliResult, 1);
  int wait_status = 0;

  g_assert_nonnull (cli);

  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);

  result->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;

  {
    g_autofree char *cmd = g_strjoinv (" ", (char **) args);

    g_test_message ("tessera-cli %s → %d\nstdout: %s\nstderr: %s",
                    cmd, result->status, result->out, result->err);
  }

  return result;
}

/* Runs with the NULL-terminated arguments from @first on. */
TesseraTestCliResult *
tessera_test_run_cli_va (const char *first,
            va_list     ap)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  g_ptr_array_add (args, NULL);

  return tessera_test_run_cliv ((const char * const *) args->pdata);
}

TesseraTestCliResult *
tessera_test_run_cli (const char *first,
         ...)
{
  TesseraTestCliResult *result;
  va_list ap;

  va_start (ap, first);
  result = tessera_test_run_cli_va (first, ap);
  va_end (ap);

  return result;
}

void
tessera_test_store_result (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* --- damage and crashes ------------------------------------------------ */

gint64
tessera_test_add_text (TesseraProject *project,
                       const char     *uid,
                       const char     *source,
                       const char     *text)
{
  g_autoptr(TesseraDocument) doc = tessera_document_new ();

  doc->uid = g_strdup (uid);
  doc->title = g_strdup_printf ("Report %s", uid);
  doc->source = g_strdup (source);
  doc->text = g_strdup (text);
  return tessera_test_add_document (project, doc);
}

void
tessera_test_add_report (TesseraProject *project,
                         const char     *uid)
{
  tessera_test_add_text (project, uid, "Wire", "Fighters entered Tin-Azrou on Sunday 🙂; the army denied it.");
}

/* A session that adds @uids and crashes: its work is committed, in the
 * -wal only. */
void
tessera_test_leave_wal (const char         *path,
                        const char * const *uids)
{
  pid_t pid = fork ();
  int status = 0;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) error = NULL;
      TesseraProject *project = tessera_project_open (path, TESSERA_OPEN_DEFAULT, &error);

      if (project == NULL)
        _exit (2);
      for (guint i = 0; uids[i] != NULL; i++)
        tessera_test_add_report (project, uids[i]);
      _exit (0);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

/* The page that holds the root of @table's b-tree. */
gint64
tessera_test_root_page (const char *path,
                        const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT rootpage FROM sqlite_schema WHERE name = '%s'", table);

  return tessera_test_sql_int (path, sql);
}

void
tessera_test_zero_page (const char *path,
                        gint64      page)
{
  gint64 page_size = tessera_test_sql_int (path, "PRAGMA page_size");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpint ((gint64) len, >=, page * page_size);
  memset (contents + (page - 1) * page_size, 0, page_size);
  tessera_test_set_contents (path, contents, len);
}
