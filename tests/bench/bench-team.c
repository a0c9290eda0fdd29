/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-bench-team"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-common.h"
#include "tessera-agreement.h"
#include "tessera-formats.h"
#include "tessera-project.h"

/* Team work at scale, each phase in a process of its own:
 *
 * - agreement over 1,000 documents × 3 annotators × 100 spans (target
 *   ≤ 2 s), beside a plain-SQLite reference that reads the same spans and
 *   counts the matching ones of each pair with a hash set;
 * - merging three 10,000-document projects (20 spans a document each) into
 *   a new one (target ≤ 30 s, memory flat: the same merge at a tenth of
 *   the size peaks alike), beside reading the three (exporting them as
 *   JSONL to /dev/null), which a merge must at least do.
 *
 * `bench-team SCALE` runs at SCALE × those sizes (e.g. 0.1). */

#define AGREE_DOCS      1000
#define AGREE_SPANS     100
#define MERGE_DOCS      10000
#define MERGE_SPANS     20

static const char * const annotators[] = { "ana", "ben", "cy" };

static void G_GNUC_NORETURN
die (const char *what,
     GError     *error)
{
  g_printerr ("bench-team: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

/* @n_docs documents; each of @n_annotators annotators tags @n_spans words
 * of each, the first as it likes, the others as the first did but for one
 * span in seven (another label) and one in eleven (another word). */
static void
build_project (const char  *path,
               BenchCorpus *corpus,
               guint        n_docs,
               guint        n_spans,
               guint        n_annotators)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraProject) project = tessera_project_create (path, NULL, &error);
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  gint64 annotator_ids[G_N_ELEMENTS (annotators)];

  if (project == NULL)
    die ("create", error);
  labels = tessera_project_list_labels (project, TESSERA_LABEL_ENTITY);
  if (!tessera_project_begin (project, &error))
    die ("begin", error);
  for (guint a = 0; a < n_annotators; a++)
    if (!(annotator_ids[a] = tessera_project_get_annotator_id (project, annotators[a], &error)))
      die ("annotator", error);

  for (guint i = 0; i < n_docs; i++)
    {
      g_autoptr(TesseraDocument) doc = tessera_document_new ();
      g_autoptr(GArray) tokens = NULL;
      g_autofree guint *picked = g_new (guint, n_spans);
      g_autofree guint *labelled = g_new (guint, n_spans);
      gint64 document_id;

      doc->uid = g_strdup_printf ("report-%06u", i);
      doc->text = bench_corpus_text (corpus, i, &doc->title);
      if ((document_id = tessera_project_add_document (project, doc, &error)) <= 0)
        die ("add document", error);
      tokens = bench_text_tokens (doc->text);
      for (guint s = 0; s < n_spans; s++)
        {
          picked[s] = g_rand_int_range (rand, 0, tokens->len);
          labelled[s] = g_rand_int_range (rand, 0, labels->len);
        }

      for (guint a = 0; a < n_annotators; a++)
        for (guint s = 0; s < n_spans; s++)
          {
            const BenchToken *token;
            TesseraSpan span = { 0 };
            guint t = picked[s], l = labelled[s];

            if (a > 0 && g_rand_int_range (rand, 0, 11) == 0)
              t = g_rand_int_range (rand, 0, tokens->len);
            if (a > 0 && g_rand_int_range (rand, 0, 7) == 0)
              l = g_rand_int_range (rand, 0, labels->len);
            token = &g_array_index (tokens, BenchToken, t);
            span.document_id = document_id;
            span.start = token->start;
            span.end = token->end;
            span.label_id = ((TesseraLabel *) labels->pdata[l])->id;
            span.annotator_id = annotator_ids[a];
            if (tessera_project_insert_span (project, &span, &error) <= 0)
              die ("span", error);
          }
    }

  if (!tessera_project_commit (project, &error))
    die ("commit", error);
  tessera_project_close (project);
}

/* The reference: the same spans by plain SQL, matched pair by pair. */
static guint64
reference_agreement (const char *path)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = bench_sqlite_open_read_only (path, &error);
  sqlite3_stmt *stmt;
  GHashTable *sets[G_N_ELEMENTS (annotators)] = { NULL };
  guint64 matched = 0;
  gint64 document = -1;

  if (db == NULL || !(stmt = bench_sqlite_prepare (db, "SELECT document_id, start, \"end\", label_id, annotator_id "
                                                       "FROM span ORDER BY document_id", &error)))
    die ("reference", error);
  for (guint a = 0; a < G_N_ELEMENTS (sets); a++)
    sets[a] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (int rc = sqlite3_step (stmt); ; rc = sqlite3_step (stmt))
    {
      gint64 doc = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -2;

      if (doc != document)
        {
          /* Each pair's spans alike in the document just read. */
          for (guint a = 0; a < G_N_ELEMENTS (sets); a++)
            for (guint b = a + 1; b < G_N_ELEMENTS (sets); b++)
              {
                GHashTableIter iter;
                gpointer key;

                g_hash_table_iter_init (&iter, sets[a]);
                while (g_hash_table_iter_next (&iter, &key, NULL))
                  matched += g_hash_table_contains (sets[b], key);
              }
          for (guint a = 0; a < G_N_ELEMENTS (sets); a++)
            g_hash_table_remove_all (sets[a]);
          document = doc;
        }
      if (rc != SQLITE_ROW)
        break;
      {
        gint64 who = sqlite3_column_int64 (stmt, 4) - 1;

        if (who >= 0 && who < (gint64) G_N_ELEMENTS (sets))
          g_hash_table_add (sets[who], g_strdup_printf ("%lld %lld %lld",
                                                         (long long) sqlite3_column_int64 (stmt, 1),
                                                         (long long) sqlite3_column_int64 (stmt, 2),
                                                         (long long) sqlite3_column_int64 (stmt, 3)));
      }
    }

  for (guint a = 0; a < G_N_ELEMENTS (sets); a++)
    g_hash_table_unref (sets[a]);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return matched;
}

/* `--child PHASE ARGS…`: seconds, peak RSS (kB) and a count. */
static int
run_child (int    argc,
           char **argv)
{
  const char *phase = argv[2];
  g_autoptr(GError) error = NULL;
  double values[3] = { 0 };
  gint64 start = bench_now_us ();

  if (g_str_equal (phase, "agreement") && argc == 4)
    {
      g_autoptr(TesseraProject) project = tessera_project_open (argv[3], TESSERA_OPEN_READ_ONLY | TESSERA_OPEN_SKIP_CHECK, &error);
      g_autoptr(TesseraAgreement) agreement = NULL;

      if (project == NULL || !(agreement = tessera_agreement_compute (project, NULL, NULL, &error)))
        die ("agreement", error);
      for (guint p = 0; p < agreement->pairs->len; p++)
        values[2] += ((TesseraAgreementPair *) agreement->pairs->pdata[p])->counts[TESSERA_AGREEMENT_SPANS].matched;
    }
  else if (g_str_equal (phase, "agreement-reference") && argc == 4)
    values[2] = reference_agreement (argv[3]);
  else if (g_str_equal (phase, "merge") && argc >= 5)
    {
      g_autoptr(TesseraProject) output = tessera_project_create (argv[3], NULL, &error);
      TesseraImportReport report;

      tessera_import_report_init (&report);
      if (output == NULL || !tessera_merge_projects (output, (const char * const *) argv + 4, NULL, &report, &error))
        die ("merge", error);
      values[2] = report.n_spans;
      tessera_import_report_clear (&report);
      tessera_project_close (output);
    }
  else if (g_str_equal (phase, "read") && argc >= 4)
    {
      for (int i = 3; i < argc; i++)
        {
          g_autoptr(TesseraProject) input = tessera_project_open (argv[i], TESSERA_OPEN_READ_ONLY | TESSERA_OPEN_SKIP_CHECK, &error);
          g_autoptr(GFile) file = g_file_new_for_path ("/dev/null");
          g_autoptr(GFileOutputStream) out = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, &error);

          if (input == NULL || out == NULL ||
              !tessera_export_project_json (input, G_OUTPUT_STREAM (out), NULL, &error))
            die ("read", error);
          values[2] += tessera_project_count_spans (input);
        }
    }
  else
    {
      g_printerr ("bench-team: bad child arguments\n");
      return 2;
    }

  values[0] = (bench_now_us () - start) / 1e6;
  values[1] = bench_peak_rss_kb ();
  bench_child_report (G_N_ELEMENTS (values), values);
  return 0;
}

static void
phase (const char * const *args,
       double             *values)
{
  g_autoptr(GError) error = NULL;

  if (!bench_run_child (args, values, 3, &error))
    die (args[0], error);
}

/* Three copies of a project of @n_docs documents signed by ana, made
 * ben's and cy's by renaming the annotator. */
static void
build_inputs (const char  *dir,
              BenchCorpus *corpus,
              guint        n_docs,
              char       **paths)
{
  for (guint a = 0; a < 3; a++)
    paths[a] = g_strdup_printf ("%s/%s-%u.tessera", dir, annotators[a], n_docs);
  build_project (paths[0], corpus, n_docs, MERGE_SPANS, 1);
  for (guint a = 1; a < 3; a++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *sql = g_strdup_printf ("UPDATE annotator SET name = '%s'", annotators[a]);
      gsize len;
      sqlite3 *db;

      if (!g_file_get_contents (paths[0], &contents, &len, &error) ||
          !g_file_set_contents (paths[a], contents, len, &error) ||
          !(db = bench_sqlite_open (paths[a], &error)) ||
          !bench_sqlite_exec (db, sql, &error))
        die ("copy", error);
      sqlite3_close (db);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(BenchCorpus) corpus = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *agree_path = NULL;
  double scale = 1.0;
  double agree[3], reference[3], merge[3], merge_small[3], read[3];
  guint agree_docs, merge_docs, small_docs;
  char *inputs[3], *small_inputs[3];

  if (bench_is_child (argc, argv))
    return run_child (argc, argv);
  if (argc > 1 && (scale = g_ascii_strtod (argv[1], NULL)) <= 0)
    {
      g_printerr ("usage: bench-team [SCALE]\n");
      return 2;
    }
  agree_docs = MAX (10, (guint) (AGREE_DOCS * scale));
  merge_docs = MAX (100, (guint) (MERGE_DOCS * scale));
  small_docs = MAX (10, merge_docs / 10);

  corpus = bench_corpus_new ();
  dir = bench_tmpdir_new ();
  agree_path = g_build_filename (dir, "agreement.tessera", NULL);

  g_printerr ("bench-team: building %u documents × 3 annotators × %u spans...\n", agree_docs, AGREE_SPANS);
  build_project (agree_path, corpus, agree_docs, AGREE_SPANS, 3);
  {
    const char *args[] = { "agreement", agree_path, NULL };
    const char *ref_args[] = { "agreement-reference", agree_path, NULL };

    phase (args, agree);
    phase (ref_args, reference);
  }
  printf ("agreement over %u docs × 3 annotators × %u spans: %.2f s (target ≤ 2 s at 1000 docs), "
          "peak RSS %.0f MB; plain SQLite reading and matching the same spans %.2f s (× %.1f); "
          "%.0f span pairs alike (reference %.0f)\n",
          agree_docs, AGREE_SPANS, agree[0], BENCH_MB (agree[1]), reference[0], agree[0] / MAX (reference[0], 1e-6),
          agree[2], reference[2]);

  g_printerr ("bench-team: building three projects of %u and of %u documents...\n", merge_docs, small_docs);
  build_inputs (dir, corpus, merge_docs, inputs);
  build_inputs (dir, corpus, small_docs, small_inputs);
  {
    g_autofree char *out = g_build_filename (dir, "merged.tessera", NULL);
    g_autofree char *small_out = g_build_filename (dir, "merged-small.tessera", NULL);
    const char *args[] = { "merge", out, inputs[0], inputs[1], inputs[2], NULL };
    const char *small_args[] = { "merge", small_out, small_inputs[0], small_inputs[1], small_inputs[2], NULL };
    const char *read_args[] = { "read", inputs[0], inputs[1], inputs[2], NULL };

    phase (args, merge);
    phase (small_args, merge_small);
    phase (read_args, read);
  }
  printf ("merge of 3 × %u docs (%.0f spans): %.1f s (target ≤ 30 s at 10000 docs), peak RSS %.0f MB "
          "(3 × %u docs: %.0f MB); reading the three inputs (project JSON to /dev/null) %.1f s (× %.1f)\n",
          merge_docs, merge[2], merge[0], BENCH_MB (merge[1]), small_docs, BENCH_MB (merge_small[1]),
          read[0], merge[0] / MAX (read[0], 1e-6));

  for (guint a = 0; a < 3; a++)
    {
      g_free (inputs[a]);
      g_free (small_inputs[a]);
    }
  bench_tmpdir_remove (dir);
  return 0;
}
