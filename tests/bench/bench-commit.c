/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-bench-commit"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "bench-common.h"
#include "tessera-project.h"

/* Latency of committing one span durably with tessera_project_add_span()
 * outside any transaction (each call its own commit), beside one plain
 * INSERT per transaction on a connection with the same PRAGMAs. The two
 * alternate commit by commit, so both see the same disk and the same
 * load on a shared machine. */

#define DEFAULT_COMMITS 2000
#define N_DOCUMENTS     300

/* Mirrors the span table of tessera-project.c and what it refers to. */
static const char reference_schema[] =
  "CREATE TABLE document (id INTEGER PRIMARY KEY, text TEXT NOT NULL);"
  "CREATE TABLE label (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
  "CREATE TABLE annotator (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
  "CREATE TABLE span ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,"
  "  start INTEGER NOT NULL,"
  "  \"end\" INTEGER NOT NULL,"
  "  label_id INTEGER NOT NULL REFERENCES label (id),"
  "  annotator_id INTEGER REFERENCES annotator (id),"
  "  note TEXT,"
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL,"
  "  CHECK (0 <= start AND start < \"end\"));"
  "CREATE INDEX span_document ON span (document_id, start);"
  "INSERT INTO label (id, name) VALUES (1, 'Person');"
  "INSERT INTO annotator (id, name) VALUES (1, 'bench');";

typedef struct
{
  gint64 document_id;
  GArray *tokens;   /* BenchToken */
} BenchDoc;

static void
bench_doc_clear (BenchDoc *doc)
{
  g_clear_pointer (&doc->tokens, g_array_unref);
}

static void
print_line (GArray *tessera,
            GArray *reference,
            guint   n_commits)
{
  double p50 = bench_percentile (tessera, 50), p99 = bench_percentile (tessera, 99);
  double max = bench_percentile (tessera, 100);
  double ref_p50 = bench_percentile (reference, 50), ref_p99 = bench_percentile (reference, 99);
  double ref_max = bench_percentile (reference, 100);

  printf ("commit 1 span ×%u on %u docs (autocommit, durable): "
           "p50 %.3f ms, p99 %.3f ms, max %.2f ms (target p99 ≤ 2 ms) | "
           "plain SQLite INSERT per transaction: p50 %.3f ms, p99 %.3f ms, max %.2f ms "
           "(p99 ratio %.2f)\n",
           n_commits, N_DOCUMENTS, p50, p99, max,
           ref_p50, ref_p99, ref_max, p99 / ref_p99);
}

static void G_GNUC_NORETURN
die (const char *what,
     GError     *error)
{
  g_printerr ("bench-commit: %s: %s\n", what, error->message);
  exit (1);
}

/* One plain INSERT in its own (autocommit) transaction; milliseconds. */
static double
commit_reference (sqlite3          *db,
                  sqlite3_stmt     *insert_span,
                  gint64            document_id,
                  const BenchToken *token)
{
  gint64 start = bench_now_us ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  sqlite3_bind_int64 (insert_span, 1, document_id);
  sqlite3_bind_int64 (insert_span, 2, token->start);
  sqlite3_bind_int64 (insert_span, 3, token->end);
  sqlite3_bind_int64 (insert_span, 4, now);
  sqlite3_bind_int64 (insert_span, 5, now);
  if (sqlite3_step (insert_span) != SQLITE_DONE)
    {
      g_printerr ("bench-commit: reference: %s\n", sqlite3_errmsg (db));
      exit (1);
    }
  sqlite3_reset (insert_span);
  return (bench_now_us () - start) / 1e3;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *tmpdir = NULL;
  g_autofree char *project_path = NULL, *reference_path = NULL;
  g_autoptr(BenchCorpus) corpus = NULL;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GArray) docs = g_array_new (FALSE, TRUE, sizeof (BenchDoc));
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ref_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (2023);
  g_autoptr(GError) error = NULL;
  const TesseraLabel *label;
  sqlite3 *db;
  sqlite3_stmt *insert_document = NULL, *insert_span = NULL;
  guint n_commits;

  g_set_prgname ("bench-commit");
  n_commits = bench_parse_size (argc, argv, DEFAULT_COMMITS, "[COMMITS]");
  g_array_set_clear_func (docs, (GDestroyNotify) bench_doc_clear);

  tmpdir = bench_tmpdir_new ();
  corpus = bench_corpus_new ();
  project_path = g_build_filename (tmpdir, "commit.tessera", NULL);
  reference_path = g_build_filename (tmpdir, "commit-reference.sqlite", NULL);

  project = tessera_project_create (project_path, NULL, &error);
  if (project == NULL)
    die ("create", error);
  label = tessera_project_find_label (project, TESSERA_LABEL_ENTITY, "Person");
  if (label == NULL)
    {
      g_printerr ("bench-commit: the default schema has no Person label\n");
      return 1;
    }

  db = bench_sqlite_open (reference_path, &error);
  if (db == NULL ||
      !bench_sqlite_exec (db, reference_schema, &error) ||
      (insert_document = bench_sqlite_prepare (db, "INSERT INTO document (id, text) VALUES (?, ?)", &error)) == NULL ||
      (insert_span = bench_sqlite_prepare (db,
                                           "INSERT INTO span (document_id, start, \"end\", label_id, annotator_id, note, created, updated) "
                                           "VALUES (?, ?, ?, 1, 1, NULL, ?, ?)", &error)) == NULL)
    die ("reference", error);

  /* The same documents in both files, each added in one transaction. */
  if (!tessera_project_begin (project, &error) ||
      !bench_sqlite_exec (db, "BEGIN", &error))
    die ("begin", error);
  for (guint i = 0; i < N_DOCUMENTS; i++)
    {
      g_autoptr(TesseraDocument) doc = tessera_document_new ();
      BenchDoc bench_doc = { 0 };

      doc->uid = g_strdup_printf ("report-%06u", i);
      doc->text = bench_corpus_text (corpus, i, &doc->title);
      bench_doc.document_id = tessera_project_add_document (project, doc, &error);
      if (bench_doc.document_id <= 0)
        die ("add document", error);
      bench_doc.tokens = bench_text_tokens (doc->text);
      g_array_append_val (docs, bench_doc);

      sqlite3_bind_int64 (insert_document, 1, bench_doc.document_id);
      sqlite3_bind_text (insert_document, 2, doc->text, -1, SQLITE_STATIC);
      if (sqlite3_step (insert_document) != SQLITE_DONE)
        {
          g_printerr ("bench-commit: reference: %s\n", sqlite3_errmsg (db));
          return 1;
        }
      sqlite3_reset (insert_document);
    }
  if (!tessera_project_commit (project, &error) ||
      !bench_sqlite_exec (db, "COMMIT", &error))
    die ("commit", error);

  for (guint i = 0; i < n_commits; i++)
    {
      const BenchDoc *doc = &g_array_index (docs, BenchDoc, g_rand_int_range (rand, 0, docs->len));
      const BenchToken *token = &g_array_index (doc->tokens, BenchToken,
                                                g_rand_int_range (rand, 0, doc->tokens->len));
      gint64 start, id;
      double ms, ref_ms = 0;

      /* Take turns at going first, so neither always follows the other's fsync. */
      if (i % 2 == 1)
        ref_ms = commit_reference (db, insert_span, doc->document_id, token);

      start = bench_now_us ();
      id = tessera_project_add_span (project, doc->document_id, token->start, token->end,
                                     label->id, NULL, &error);
      ms = (bench_now_us () - start) / 1e3;
      if (id <= 0)
        die ("add span", error);
      g_array_append_val (samples, ms);

      if (i % 2 == 0)
        ref_ms = commit_reference (db, insert_span, doc->document_id, token);
      g_array_append_val (ref_samples, ref_ms);
    }

  if (tessera_project_count_spans (project) != n_commits)
    g_printerr ("bench-commit: the project holds %" G_GINT64_FORMAT " spans, %u expected\n",
                tessera_project_count_spans (project), n_commits);

  print_line (samples, ref_samples, n_commits);

  sqlite3_finalize (insert_document);
  sqlite3_finalize (insert_span);
  sqlite3_close (db);
  tessera_project_close (project);
  bench_tmpdir_remove (tmpdir);
  return 0;
}
