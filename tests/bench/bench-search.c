/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-bench-search"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-common.h"
#include "tessera-project.h"

/* A 100,000-document project built through the API, then, each in a
 * process of its own: the time to open it (quick_check skipped, as the
 * window does) and list its documents, with the RSS after that; and the
 * latency of the first page of tessera_project_search() over ~50 queries
 * of one to three words, beside the raw FTS5 query on a read-only
 * connection to the same file, query by query. */

#define DEFAULT_DOCS 100000
#define PAGE_SIZE    50
#define ROUNDS       3

static void G_GNUC_NORETURN
die (const char *what,
     GError     *error)
{
  g_printerr ("bench-search: %s: %s\n", what, error->message);
  exit (1);
}

static double
build_project (const char  *path,
               BenchCorpus *corpus,
               guint        n_docs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraProject) project = tessera_project_create (path, NULL, &error);
  gint64 start = bench_now_us ();

  if (project == NULL)
    die ("create", error);
  if (!tessera_project_begin (project, &error))
    die ("begin", error);

  for (guint i = 0; i < n_docs; i++)
    {
      g_autoptr(TesseraDocument) doc = tessera_document_new ();

      doc->uid = g_strdup_printf ("report-%06u", i);
      doc->text = bench_corpus_text (corpus, i, &doc->title);
      doc->source = g_strdup_printf ("Outlet %u", i % 37);
      doc->published = g_strdup_printf ("2023-%02u-%02u", 1 + i % 12, 1 + i % 28);
      doc->language = g_strdup ("en");
      if (tessera_project_add_document (project, doc, &error) <= 0)
        die ("add document", error);
    }

  if (!tessera_project_commit (project, &error))
    die ("commit", error);
  tessera_project_close (project);

  return (bench_now_us () - start) / 1e6;
}

/* ~50 queries of one to three words: common, middling and rare words,
 * words only one document has, and non-ASCII names. */
static GPtrArray *
make_queries (BenchCorpus *corpus,
              guint        n_docs)
{
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (77);
  guint n_words = bench_corpus_n_words (corpus);
  static const char * const fixed[] = {
    "army", "convoy", "rebels", "spokesman", "drone strike", "peace talks",
    "Ménaka", "Ségou", "Kidal", "Gao", "Anéfis camp", "Tombouctou convoy",
  };
  /* Frequency bands (ranks) of the corpus vocabulary. */
  const guint bands[][2] = {
    { 20, 100 }, { 100, 600 }, { 600, 2000 }, { 2000, n_words },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (queries, g_strdup (fixed[i]));

  /* Eight single words per band. */
  for (guint b = 0; b < G_N_ELEMENTS (bands); b++)
    for (guint i = 0; i < 8; i++)
      g_ptr_array_add (queries,
                       g_strdup (bench_corpus_word (corpus, g_rand_int_range (rand, bands[b][0], bands[b][1]))));

  /* Words only one document has (see bench_corpus_text()). */
  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (queries, g_strdup_printf ("Qz%05x", (g_rand_int_range (rand, 0, MAX (n_docs / 5, 1))) * 5));

  /* Two and three words from mixed bands. */
  for (guint i = 0; i < 4; i++)
    {
      guint a = g_rand_int_range (rand, bands[0][0], bands[0][1]);
      guint c = g_rand_int_range (rand, bands[1][0], bands[2][1]);

      g_ptr_array_add (queries, g_strdup_printf ("%s %s", bench_corpus_word (corpus, a),
                                                 bench_corpus_word (corpus, c)));
    }
  for (guint i = 0; i < 2; i++)
    {
      guint a = g_rand_int_range (rand, bands[0][0], bands[0][1]);
      guint c = g_rand_int_range (rand, bands[0][0], bands[1][1]);
      guint d = g_rand_int_range (rand, bands[1][0], bands[3][1]);

      g_ptr_array_add (queries, g_strdup_printf ("%s %s %s", bench_corpus_word (corpus, a),
                                                 bench_corpus_word (corpus, c),
                                                 bench_corpus_word (corpus, d)));
    }

  return queries;
}

/* The FTS5 query tessera_project_search() is documented to run: every
 * word of the query as a prefix, all of them required. */
static char *
fts_query (const char *query)
{
  g_auto(GStrv) words = g_strsplit_set (query, " ", -1);
  GString *match = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (match->len > 0)
        g_string_append_c (match, ' ');
      g_string_append_c (match, '"');
      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (match, '"');
          g_string_append_c (match, *p);
        }
      g_string_append (match, "\"*");
    }
  return g_string_free (match, FALSE);
}

/* `--child open PROJECT`: seconds, RSS after (kB), peak RSS (kB), documents. */
static int
child_open (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  gint64 start, end;
  double values[4];

  start = bench_now_us ();
  project = tessera_project_open (path, TESSERA_OPEN_SKIP_CHECK, &error);
  if (project == NULL)
    die ("open", error);
  documents = tessera_project_list_documents (project, &error);
  if (documents == NULL)
    die ("list documents", error);
  end = bench_now_us ();

  values[0] = (end - start) / 1e6;
  values[1] = bench_rss_kb ();
  values[2] = bench_peak_rss_kb ();
  values[3] = documents->len;
  bench_child_report (G_N_ELEMENTS (values), values);
  return 0;
}

/* `--child open-reference PROJECT`: the same metadata read with plain
 * SQLite: seconds, RSS after (kB), rows. */
static int
child_open_reference (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt;
  gint64 start, end;
  double values[3];
  int rc;

  start = bench_now_us ();
  db = bench_sqlite_open_read_only (path, &error);
  if (db == NULL)
    die ("reference", error);
  stmt = bench_sqlite_prepare (db,
                               "SELECT id, uid, title, source, url, published, language, status, "
                               "n_chars, sha256, imported_at FROM document ORDER BY id",
                               &error);
  if (stmt == NULL)
    die ("reference", error);
  /* Keeps each row's strings, as a list of documents must. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GString *row = g_string_new (NULL);

      for (int c = 1; c <= 6; c++)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, c);

          g_string_append (row, value != NULL ? value : "");
          g_string_append_c (row, '\0');
        }
      g_string_append (row, (const char *) sqlite3_column_text (stmt, 9));
      g_ptr_array_add (rows, g_string_free (row, FALSE));
    }
  if (rc != SQLITE_DONE)
    {
      g_printerr ("bench-search: reference: %s\n", sqlite3_errmsg (db));
      return 1;
    }
  end = bench_now_us ();

  values[0] = (end - start) / 1e6;
  values[1] = bench_rss_kb ();
  values[2] = rows->len;
  bench_child_report (G_N_ELEMENTS (values), values);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return 0;
}

typedef struct
{
  const char *query;
  double      ms;       /* slowest of the rounds */
  double      ref_ms;
  guint       hits;
} QueryTime;

static int
compare_query_times (const void *a,
                     const void *b)
{
  const QueryTime *x = a, *y = b;

  return (x->ms < y->ms) - (x->ms > y->ms);
}

/* Runs a prepared FTS5 query for @match; returns its milliseconds and
 * adds the rows to @n_rows. */
static double
time_fts (sqlite3      *db,
          sqlite3_stmt *stmt,
          const char   *match,
          guint64      *n_rows)
{
  gint64 start = bench_now_us ();
  int rc;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, PAGE_SIZE);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    (*n_rows)++;
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_printerr ("bench-search: reference \"%s\": %s\n", match, sqlite3_errmsg (db));
      exit (1);
    }
  return (bench_now_us () - start) / 1e3;
}

/* `--child search PROJECT QUERY…`: p50, p99 and max (ms) of
 * tessera_project_search() and of the raw FTS5 query, the mean number of
 * results of each, then p50 and p99 of the same match unranked (newest
 * first), which FTS5 can answer without scoring every match. */
static int
child_search (const char         *path,
              const char * const *queries)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ref_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) unranked_samples = g_array_new (FALSE, FALSE, sizeof (double));
  guint64 hits = 0, ref_hits = 0, unranked_hits = 0;
  sqlite3 *db = NULL;
  sqlite3_stmt *ranked, *unranked;
  double values[10];
  g_autofree QueryTime *slowest = NULL;
  guint n_queries;

  project = tessera_project_open (path, TESSERA_OPEN_SKIP_CHECK, &error);
  if (project == NULL)
    die ("open", error);
  db = bench_sqlite_open_read_only (path, &error);
  if (db == NULL)
    die ("reference", error);
  ranked = bench_sqlite_prepare (db,
                                 "SELECT rowid FROM document_fts WHERE document_fts MATCH ? "
                                 "ORDER BY rank LIMIT ?",
                                 &error);
  if (ranked == NULL)
    die ("reference", error);
  unranked = bench_sqlite_prepare (db,
                                   "SELECT rowid FROM document_fts WHERE document_fts MATCH ? "
                                   "ORDER BY rowid DESC LIMIT ?",
                                   &error);
  if (unranked == NULL)
    die ("reference", error);

  n_queries = g_strv_length ((char **) queries);
  slowest = g_new0 (QueryTime, n_queries);

  for (guint round = 0; round < ROUNDS; round++)
    for (guint q = 0; queries[q] != NULL; q++)
      {
        g_autofree char *match = fts_query (queries[q]);
        g_autoptr(GArray) ids = NULL;
        /* Whichever runs first reads the pages cold: take turns. */
        gboolean reference_first = (round + q) % 2 == 1;
        double ref_ms = 0;
        gint64 start;
        double ms;

        if (reference_first)
          ref_ms = time_fts (db, ranked, match, &ref_hits);

        start = bench_now_us ();
        ids = tessera_project_search (project, queries[q], PAGE_SIZE, &error);
        ms = (bench_now_us () - start) / 1e3;
        if (ids == NULL)
          die (queries[q], error);
        g_array_append_val (samples, ms);
        hits += ids->len;
        slowest[q].query = queries[q];
        slowest[q].ms = MAX (slowest[q].ms, ms);
        slowest[q].hits = ids->len;

        if (!reference_first)
          ref_ms = time_fts (db, ranked, match, &ref_hits);
        g_array_append_val (ref_samples, ref_ms);
        slowest[q].ref_ms = MAX (slowest[q].ref_ms, ref_ms);

        ms = time_fts (db, unranked, match, &unranked_hits);
        g_array_append_val (unranked_samples, ms);
      }

  /* Which queries make the tail, for whoever works on search. */
  qsort (slowest, n_queries, sizeof (QueryTime), compare_query_times);
  for (guint q = 0; q < MIN (n_queries, 5); q++)
    fprintf (stderr, "bench-search: slow query \"%s\": %.1f ms (%u hits), raw FTS5 %.1f ms\n",
             slowest[q].query, slowest[q].ms, slowest[q].hits, slowest[q].ref_ms);

  values[0] = bench_percentile (samples, 50);
  values[1] = bench_percentile (samples, 99);
  values[2] = bench_percentile (samples, 100);
  values[3] = bench_percentile (ref_samples, 50);
  values[4] = bench_percentile (ref_samples, 99);
  values[5] = bench_percentile (ref_samples, 100);
  values[6] = (double) hits / samples->len;
  values[7] = (double) ref_hits / ref_samples->len;
  values[8] = bench_percentile (unranked_samples, 50);
  values[9] = bench_percentile (unranked_samples, 99);
  bench_child_report (G_N_ELEMENTS (values), values);

  sqlite3_finalize (ranked);
  sqlite3_finalize (unranked);
  sqlite3_close (db);
  return 0;
}

static int
run_child (int    argc,
           char **argv)
{
  const char *phase = argv[2];

  if (argc >= 4 && g_str_equal (phase, "open"))
    return child_open (argv[3]);
  if (argc >= 4 && g_str_equal (phase, "open-reference"))
    return child_open_reference (argv[3]);
  if (argc >= 5 && g_str_equal (phase, "search"))
    return child_search (argv[3], (const char * const *) argv + 4);

  g_printerr ("bench-search: bad child arguments\n");
  return 2;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *tmpdir = NULL;
  g_autofree char *project_path = NULL;
  g_autoptr(BenchCorpus) corpus = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  double open[4], open_ref[3], search[10];
  double build_seconds;
  guint n_docs;

  if (bench_is_child (argc, argv))
    return run_child (argc, argv);

  g_set_prgname ("bench-search");
  n_docs = bench_parse_size (argc, argv, DEFAULT_DOCS, "[DOCUMENTS]");

  tmpdir = bench_tmpdir_new ();
  corpus = bench_corpus_new ();
  project_path = g_build_filename (tmpdir, "search.tessera", NULL);
  queries = make_queries (corpus, n_docs);

  g_printerr ("bench-search: building %u documents...\n", n_docs);
  build_seconds = build_project (project_path, corpus, n_docs);

  {
    const char *open_args[] = { "open", project_path, NULL };
    const char *open_ref_args[] = { "open-reference", project_path, NULL };

    if (!bench_run_child (open_args, open, G_N_ELEMENTS (open), &error) ||
        !bench_run_child (open_ref_args, open_ref, G_N_ELEMENTS (open_ref), &error))
      die ("open", error);
  }

  g_ptr_array_add (args, (gpointer) "search");
  g_ptr_array_add (args, project_path);
  for (guint i = 0; i < queries->len; i++)
    g_ptr_array_add (args, queries->pdata[i]);
  g_ptr_array_add (args, NULL);
  if (!bench_run_child ((const char * const *) args->pdata, search, G_N_ELEMENTS (search), &error))
    die ("search", error);

  if ((guint) open[3] != n_docs)
    g_printerr ("bench-search: the project lists %.0f documents, %u expected\n", open[3], n_docs);

  printf ("build %u docs through the API in one transaction: %.1f s\n", n_docs, build_seconds);
  printf ("open %u-doc project (skip check) + list_documents: %.2f s, RSS %.0f MB after, "
           "peak %.0f MB (target ≤ 150 MB open and idle at 100000 docs) | "
           "plain SQLite SELECT of the same metadata: %.2f s, RSS %.0f MB (ratio %.2f)\n",
           n_docs, open[0], BENCH_MB (open[1]), BENCH_MB (open[2]),
           open_ref[0], BENCH_MB (open_ref[1]), open[0] / open_ref[0]);
  printf ("search %u docs, %u queries ×%u, first page (limit %u, %.1f hits avg): "
           "p50 %.2f ms, p99 %.2f ms, max %.2f ms (target ≤ 50 ms) | "
           "raw FTS5 MATCH … ORDER BY rank LIMIT %u (%.1f hits avg): "
           "p50 %.2f ms, p99 %.2f ms, max %.2f ms (p99 ratio %.2f)\n",
           n_docs, queries->len, ROUNDS, PAGE_SIZE, search[6],
           search[0], search[1], search[2], PAGE_SIZE, search[7],
           search[3], search[4], search[5], search[1] / search[4]);
  printf ("search %u docs, same queries unranked for comparison "
          "(raw FTS5 MATCH … ORDER BY rowid DESC LIMIT %u): p50 %.2f ms, p99 %.2f ms\n",
          n_docs, PAGE_SIZE, search[8], search[9]);

  bench_tmpdir_remove (tmpdir);
  return 0;
}
