/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-bench-import"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-common.h"
#include "tessera-formats.h"
#include "tessera-project.h"

/* Imports a folder of news-sized .txt files with tessera_import_paths()
 * (one transaction, full-text index maintained) and the same rows into
 * plain SQLite with an FTS5 external-content index. Each import runs in a
 * process of its own; a tenth of the corpus is imported too, so the two
 * peak RSS figures show whether memory stays flat. */

#define DEFAULT_DOCS 100000

/* Mirrors the document tables and full-text index of tessera-project.c
 * (metadata apart from text, FTS5 over both), without what only Tessera
 * computes (SHA-256, code-point counts). */
static const char reference_schema[] =
  "CREATE TABLE document ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL);"
  "CREATE TABLE document_text ("
  "  document_id INTEGER PRIMARY KEY REFERENCES document (id) ON DELETE CASCADE,"
  "  text TEXT NOT NULL);"
  "CREATE VIEW document_fts_content AS"
  "  SELECT d.id AS id, d.title AS title, t.text AS text"
  "  FROM document d JOIN document_text t ON t.document_id = d.id;"
  "CREATE VIRTUAL TABLE document_fts USING fts5 ("
  "  title, text, content = 'document_fts_content', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2');";

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The files of @folder in name order, as the importer takes them. */
static GPtrArray *
list_files (const char  *folder,
            GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, error);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (files, g_strdup (name));
  g_ptr_array_sort (files, compare_names);
  return g_steal_pointer (&files);
}

/* The plain-SQLite reference: read, check and insert every file of the
 * folders, in one transaction. */
static gboolean
reference_import (const char         *db_path,
                  const char * const *folders,
                  guint              *n_documents,
                  GError            **error)
{
  sqlite3 *db = bench_sqlite_open (db_path, error);
  sqlite3_stmt *insert = NULL, *insert_text = NULL, *insert_fts = NULL;
  gboolean ok = FALSE;

  *n_documents = 0;
  if (db == NULL)
    return FALSE;
  if (!bench_sqlite_exec (db, reference_schema, error) ||
      (insert = bench_sqlite_prepare (db, "INSERT INTO document (uid, title) VALUES (?, ?)", error)) == NULL ||
      (insert_text = bench_sqlite_prepare (db, "INSERT INTO document_text (document_id, text) VALUES (?, ?)", error)) == NULL ||
      (insert_fts = bench_sqlite_prepare (db, "INSERT INTO document_fts (rowid, title, text) VALUES (?, ?, ?)", error)) == NULL ||
      !bench_sqlite_exec (db, "BEGIN", error))
    goto out;

  for (guint f = 0; folders[f] != NULL; f++)
    {
      g_autoptr(GPtrArray) files = list_files (folders[f], error);

      if (files == NULL)
        goto out;

      for (guint i = 0; i < files->len; i++)
        {
          const char *name = files->pdata[i];
          g_autofree char *path = g_build_filename (folders[f], name, NULL);
          g_autofree char *uid = g_strndup (name, strcspn (name, "."));
          g_autofree char *text = NULL;
          gsize len;
          const char *end_of_line;
          int title_len;
          sqlite3_int64 id;

          if (!g_file_get_contents (path, &text, &len, error))
            goto out;
          if (!g_utf8_validate (text, len, NULL))
            {
              g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: invalid UTF-8", path);
              goto out;
            }
          end_of_line = strchr (text, '\n');
          title_len = end_of_line != NULL ? (int) (end_of_line - text) : (int) len;

          sqlite3_bind_text (insert, 1, uid, -1, SQLITE_STATIC);
          sqlite3_bind_text (insert, 2, text, title_len, SQLITE_STATIC);
          if (sqlite3_step (insert) != SQLITE_DONE)
            {
              g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "SQLite: %s", sqlite3_errmsg (db));
              goto out;
            }
          sqlite3_reset (insert);
          id = sqlite3_last_insert_rowid (db);

          sqlite3_bind_int64 (insert_text, 1, id);
          sqlite3_bind_text (insert_text, 2, text, (int) len, SQLITE_STATIC);
          if (sqlite3_step (insert_text) != SQLITE_DONE)
            {
              g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "SQLite: %s", sqlite3_errmsg (db));
              goto out;
            }
          sqlite3_reset (insert_text);

          sqlite3_bind_int64 (insert_fts, 1, id);
          sqlite3_bind_text (insert_fts, 2, text, title_len, SQLITE_STATIC);
          sqlite3_bind_text (insert_fts, 3, text, (int) len, SQLITE_STATIC);
          if (sqlite3_step (insert_fts) != SQLITE_DONE)
            {
              g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "SQLite: %s", sqlite3_errmsg (db));
              goto out;
            }
          sqlite3_reset (insert_fts);
          (*n_documents)++;
        }
    }

  ok = bench_sqlite_exec (db, "COMMIT", error);

out:
  sqlite3_finalize (insert);
  sqlite3_finalize (insert_text);
  sqlite3_finalize (insert_fts);
  sqlite3_close (db);
  return ok;
}

/* `--child import|reference FILE FOLDER…`: prints seconds, peak RSS (kB)
 * and the number of documents imported. */
static int
run_child (int    argc,
           char **argv)
{
  const char *phase = argv[2];
  const char *file = argv[3];
  const char * const *folders = (const char * const *) argv + 4;
  g_autoptr(GError) error = NULL;
  guint n_documents = 0;
  gint64 start, end;
  double values[3];

  if (argc < 5)
    {
      g_printerr ("bench-import: bad child arguments\n");
      return 2;
    }

  if (g_str_equal (phase, "import"))
    {
      g_autoptr(TesseraProject) project = tessera_project_create (file, NULL, &error);
      TesseraImportOptions options = { 0 };
      TesseraImportReport report;
      gboolean ok;

      if (project == NULL)
        {
          g_printerr ("bench-import: %s\n", error->message);
          return 1;
        }
      tessera_import_report_init (&report);
      start = bench_now_us ();
      ok = tessera_import_paths (project, folders, &options, &report, &error);
      end = bench_now_us ();
      n_documents = report.n_documents;
      tessera_import_report_clear (&report);
      if (!ok)
        {
          g_printerr ("bench-import: %s\n", error->message);
          return 1;
        }
    }
  else if (g_str_equal (phase, "reference"))
    {
      start = bench_now_us ();
      if (!reference_import (file, folders, &n_documents, &error))
        {
          g_printerr ("bench-import: reference: %s\n", error->message);
          return 1;
        }
      end = bench_now_us ();
    }
  else
    {
      g_printerr ("bench-import: unknown phase %s\n", phase);
      return 2;
    }

  values[0] = (end - start) / 1e6;
  values[1] = bench_peak_rss_kb ();
  values[2] = n_documents;
  bench_child_report (G_N_ELEMENTS (values), values);
  return 0;
}

/* Writes documents [first, first + n) into @folder; returns the bytes. */
static guint64
write_batch (BenchCorpus *corpus,
             const char  *folder,
             guint        first,
             guint        n)
{
  guint64 bytes = 0;

  if (g_mkdir (folder, 0700) != 0)
    {
      g_printerr ("bench-import: cannot create %s\n", folder);
      exit (1);
    }
  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *title = NULL;
      g_autofree char *body = bench_corpus_text (corpus, i, &title);
      g_autofree char *text = g_strconcat (title, "\n\n", body, "\n", NULL);
      g_autofree char *name = g_strdup_printf ("report-%06u.txt", i);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(GError) error = NULL;
      gsize len = strlen (text);

      if (!g_file_set_contents (path, text, len, &error))
        {
          g_printerr ("bench-import: %s\n", error->message);
          exit (1);
        }
      bytes += len;
    }
  return bytes;
}

typedef struct
{
  double seconds;
  double peak_kb;
  double n_documents;
} PhaseResult;

static void
run_phase (const char  *phase,
           const char  *file,
           GPtrArray   *folders,
           guint        expected,
           PhaseResult *result)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  double values[3];

  g_ptr_array_add (args, (gpointer) phase);
  g_ptr_array_add (args, (gpointer) file);
  for (guint i = 0; i < folders->len; i++)
    g_ptr_array_add (args, folders->pdata[i]);
  g_ptr_array_add (args, NULL);

  if (!bench_run_child ((const char * const *) args->pdata, values, G_N_ELEMENTS (values), &error))
    {
      g_printerr ("bench-import: %s: %s\n", phase, error->message);
      exit (1);
    }
  result->seconds = values[0];
  result->peak_kb = values[1];
  result->n_documents = values[2];
  if ((guint) result->n_documents != expected)
    g_printerr ("bench-import: %s imported %.0f documents, %u expected\n",
                phase, result->n_documents, expected);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *tmpdir = NULL;
  g_autoptr(BenchCorpus) corpus = NULL;
  g_autoptr(GPtrArray) all_folders = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) small_folders = g_ptr_array_new ();
  g_autofree char *project_path = NULL, *small_project_path = NULL;
  g_autofree char *reference_path = NULL, *small_reference_path = NULL;
  PhaseResult full, full_ref, small, small_ref;
  guint64 bytes = 0, small_bytes = 0;
  guint n_docs, n_small, n_batches;

  if (bench_is_child (argc, argv))
    return run_child (argc, argv);

  g_set_prgname ("bench-import");
  n_docs = bench_parse_size (argc, argv, DEFAULT_DOCS, "[DOCUMENTS]");
  /* The memory check imports a tenth; the corpus is written in ten
   * folders of that size and the small import takes the first. */
  n_small = MAX (n_docs / 10, 1);
  n_batches = (n_docs + n_small - 1) / n_small;

  tmpdir = bench_tmpdir_new ();
  corpus = bench_corpus_new ();

  g_printerr ("bench-import: writing %u documents...\n", n_docs);
  for (guint b = 0; b < n_batches; b++)
    {
      g_autofree char *name = g_strdup_printf ("batch-%02u", b);
      char *folder = g_build_filename (tmpdir, name, NULL);
      guint first = b * n_small;
      guint64 written = write_batch (corpus, folder, first, MIN (n_small, n_docs - first));

      bytes += written;
      if (b == 0)
        {
          small_bytes = written;
          g_ptr_array_add (small_folders, folder);
        }
      g_ptr_array_add (all_folders, folder);
    }

  project_path = g_build_filename (tmpdir, "full.tessera", NULL);
  reference_path = g_build_filename (tmpdir, "full-reference.sqlite", NULL);
  small_project_path = g_build_filename (tmpdir, "small.tessera", NULL);
  small_reference_path = g_build_filename (tmpdir, "small-reference.sqlite", NULL);

  g_printerr ("bench-import: importing...\n");
  run_phase ("import", project_path, all_folders, n_docs, &full);
  run_phase ("reference", reference_path, all_folders, n_docs, &full_ref);
  run_phase ("import", small_project_path, small_folders, n_small, &small);
  run_phase ("reference", small_reference_path, small_folders, n_small, &small_ref);

  printf ("import %u docs: %.2f s, %.1f MB/s, peak RSS %.0f MB "
           "(target ≤ 30 s at 100000 docs, memory flat) | "
           "plain SQLite same rows+FTS5: %.2f s, peak RSS %.0f MB (ratio %.2f)\n",
           n_docs, full.seconds, bytes / 1e6 / full.seconds, BENCH_MB (full.peak_kb),
           full_ref.seconds, BENCH_MB (full_ref.peak_kb), full.seconds / full_ref.seconds);
  printf ("import %u docs: %.2f s, %.1f MB/s, peak RSS %.0f MB "
           "(memory flat: %.0f MB at %u docs, %+.0f MB for %.0f× the documents) | "
           "plain SQLite same rows+FTS5: %.2f s, peak RSS %.0f MB, %+.0f MB for %.0f× (ratio %.2f)\n",
           n_small, small.seconds, small_bytes / 1e6 / small.seconds, BENCH_MB (small.peak_kb),
           BENCH_MB (full.peak_kb), n_docs, BENCH_MB (full.peak_kb - small.peak_kb),
           (double) n_docs / n_small,
           small_ref.seconds, BENCH_MB (small_ref.peak_kb),
           BENCH_MB (full_ref.peak_kb - small_ref.peak_kb), (double) n_docs / n_small,
           small.seconds / small_ref.seconds);

  bench_tmpdir_remove (tmpdir);
  return 0;
}
