/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-bench-export"

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-common.h"
#include "tessera-formats.h"
#include "tessera-project.h"
#include "tessera-text.h"

/* Exports a project of 1,000,000 spans (10,000 documents × 100 spans) as
 * Tessera JSONL with tessera_export_jsonl() in a process of its own, and a
 * tenth of it in another, so the two peak RSS figures show whether memory
 * stays constant. The reference reads the same rows from the same file
 * with a plain SELECT joined to labels and writes them with fprintf. */

#define DEFAULT_SPANS  1000000
#define SPANS_PER_DOC  100

static void G_GNUC_NORETURN
die (const char *what,
     GError     *error)
{
  g_printerr ("bench-export: %s: %s\n", what, error->message);
  exit (1);
}

/* Builds a project of @n_docs documents with SPANS_PER_DOC spans each,
 * through the API in one transaction: single words, a few runs of two or
 * three words (across punctuation), and some on non-ASCII words. */
static double
build_project (const char  *path,
               BenchCorpus *corpus,
               guint        n_docs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraProject) project = tessera_project_create (path, NULL, &error);
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1114);
  gint64 start = bench_now_us ();

  if (project == NULL)
    die ("create", error);
  labels = tessera_project_list_labels (project, TESSERA_LABEL_ENTITY);
  if (labels == NULL || labels->len == 0)
    {
      g_printerr ("bench-export: the default schema has no entity labels\n");
      exit (1);
    }

  if (!tessera_project_begin (project, &error))
    die ("begin", error);

  for (guint i = 0; i < n_docs; i++)
    {
      g_autoptr(TesseraDocument) doc = tessera_document_new ();
      g_autoptr(GArray) tokens = NULL;
      g_autoptr(GArray) non_ascii = g_array_new (FALSE, FALSE, sizeof (guint));
      gint64 document_id;

      doc->uid = g_strdup_printf ("report-%06u", i);
      doc->text = bench_corpus_text (corpus, i, &doc->title);
      doc->source = g_strdup_printf ("Outlet %u", i % 37);
      doc->language = g_strdup ("en");
      document_id = tessera_project_add_document (project, doc, &error);
      if (document_id <= 0)
        die ("add document", error);

      tokens = bench_text_tokens (doc->text);
      for (guint t = 0; t < tokens->len; t++)
        if (g_array_index (tokens, BenchToken, t).non_ascii)
          g_array_append_val (non_ascii, t);

      for (guint s = 0; s < SPANS_PER_DOC; s++)
        {
          const TesseraLabel *label = labels->pdata[g_rand_int_range (rand, 0, labels->len)];
          guint first, n_words = 1;
          gint64 span_start, span_end;

          if (s % 10 == 0 && non_ascii->len > 0)
            first = g_array_index (non_ascii, guint, g_rand_int_range (rand, 0, non_ascii->len));
          else
            first = g_rand_int_range (rand, 0, tokens->len);
          if (s % 7 == 0)
            n_words = g_rand_int_range (rand, 2, 4);
          n_words = MIN (n_words, tokens->len - first);

          span_start = g_array_index (tokens, BenchToken, first).start;
          span_end = g_array_index (tokens, BenchToken, first + n_words - 1).end;
          if (tessera_project_add_span (project, document_id, span_start, span_end,
                                        label->id, NULL, &error) <= 0)
            die ("add span", error);
        }
    }

  if (!tessera_project_commit (project, &error))
    die ("commit", error);
  tessera_project_close (project);

  return (bench_now_us () - start) / 1e6;
}

static void
write_json_string (FILE       *out,
                   const char *str,
                   gsize       len)
{
  if (str == NULL)
    {
      fputs ("null", out);
      return;
    }
  fputc ('"', out);
  for (const char *p = str; p < str + len; p++)
    {
      unsigned char c = *p;

      if (c == '"' || c == '\\')
        {
          fputc ('\\', out);
          fputc (c, out);
        }
      else if (c == '\n')
        fputs ("\\n", out);
      else if (c < 0x20)
        fprintf (out, "\\u%04x", c);
      else
        fputc (c, out);
    }
  fputc ('"', out);
}

/* The plain-SQLite reference: every document with its text, and its spans
 * (joined to labels and annotators) with their text, one line each. */
static gboolean
reference_export (const char  *db_path,
                  const char  *out_path,
                  GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *documents = NULL, *spans = NULL;
  FILE *out = NULL;
  gboolean ok = FALSE;
  int rc;

  db = bench_sqlite_open_read_only (db_path, error);
  if (db == NULL)
    goto out;
  if ((documents = bench_sqlite_prepare (db, "SELECT d.id, d.uid, d.title, t.text FROM document d "
                                         "JOIN document_text t ON t.document_id = d.id ORDER BY d.id", error)) == NULL ||
      (spans = bench_sqlite_prepare (db,
                                     "SELECT span.id, span.start, span.\"end\", label.name, annotator.name "
                                     "FROM span JOIN label ON label.id = span.label_id "
                                     "LEFT JOIN annotator ON annotator.id = span.annotator_id "
                                     "WHERE span.document_id = ? ORDER BY span.start, span.\"end\" DESC",
                                     error)) == NULL)
    goto out;

  out = fopen (out_path, "w");
  if (out == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot write %s", out_path);
      goto out;
    }

  while ((rc = sqlite3_step (documents)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (documents, 3);
      gsize text_len = sqlite3_column_bytes (documents, 3);
      TesseraTextCursor cursor;
      gboolean first = TRUE;

      fputs ("{\"id\":", out);
      write_json_string (out, (const char *) sqlite3_column_text (documents, 1),
                         sqlite3_column_bytes (documents, 1));
      fputs (",\"title\":", out);
      write_json_string (out, (const char *) sqlite3_column_text (documents, 2),
                         sqlite3_column_bytes (documents, 2));
      fputs (",\"offset_unit\":\"codepoint\",\"text\":", out);
      write_json_string (out, text, text_len);
      fputs (",\"spans\":[", out);

      tessera_text_cursor_init (&cursor, text, text_len);
      sqlite3_bind_int64 (spans, 1, sqlite3_column_int64 (documents, 0));
      while ((rc = sqlite3_step (spans)) == SQLITE_ROW)
        {
          gint64 start = sqlite3_column_int64 (spans, 1);
          gint64 end = sqlite3_column_int64 (spans, 2);
          const char *from = tessera_text_cursor_seek (&cursor, start);
          const char *to = tessera_text_cursor_seek (&cursor, end);

          if (from == NULL || to == NULL)
            {
              g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "span outside its text");
              goto out;
            }
          fprintf (out, "%s{\"id\":\"s%" G_GINT64_FORMAT "\",\"start\":%" G_GINT64_FORMAT
                   ",\"end\":%" G_GINT64_FORMAT ",\"label\":\"%s\",\"text\":",
                   first ? "" : ",", (gint64) sqlite3_column_int64 (spans, 0), start, end,
                   (const char *) sqlite3_column_text (spans, 3));
          write_json_string (out, from, to - from);
          fputs (",\"annotator\":", out);
          write_json_string (out, (const char *) sqlite3_column_text (spans, 4),
                             sqlite3_column_bytes (spans, 4));
          fputc ('}', out);
          first = FALSE;
        }
      sqlite3_reset (spans);
      if (rc != SQLITE_DONE)
        break;
      fputs ("],\"events\":[],\"stances\":[]}\n", out);
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "SQLite: %s", sqlite3_errmsg (db));
      goto out;
    }
  ok = TRUE;

out:
  if (out != NULL && fclose (out) != 0 && ok)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot write %s", out_path);
      ok = FALSE;
    }
  sqlite3_finalize (documents);
  sqlite3_finalize (spans);
  sqlite3_close (db);
  return ok;
}

/* `--child export|reference PROJECT OUTPUT`: prints seconds and peak
 * RSS (kB) of the export alone. */
static int
run_child (int    argc,
           char **argv)
{
  const char *phase = argv[2];
  g_autoptr(GError) error = NULL;
  gint64 start, end;
  double values[2];

  if (argc != 5)
    {
      g_printerr ("bench-export: bad child arguments\n");
      return 2;
    }

  if (g_str_equal (phase, "export"))
    {
      g_autoptr(TesseraProject) project = tessera_project_open (argv[3], TESSERA_OPEN_SKIP_CHECK, &error);
      g_autoptr(GFile) file = g_file_new_for_path (argv[4]);
      g_autoptr(GFileOutputStream) out = NULL;
      TesseraExportOptions options = { 0 };

      if (project == NULL)
        die ("open", error);

      start = bench_now_us ();
      out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
      if (out == NULL ||
          !tessera_export_jsonl (project, G_OUTPUT_STREAM (out), &options, &error) ||
          !g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error))
        die ("export", error);
      end = bench_now_us ();
    }
  else if (g_str_equal (phase, "tokens"))
    {
      g_autoptr(TesseraProject) project = tessera_project_open (argv[3], TESSERA_OPEN_SKIP_CHECK, &error);
      g_autoptr(GFile) file = g_file_new_for_path (argv[4]);
      g_autoptr(GFileOutputStream) out = NULL;

      if (project == NULL)
        die ("open", error);

      start = bench_now_us ();
      out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
      if (out == NULL ||
          !tessera_export_tokens (project, G_OUTPUT_STREAM (out), NULL, &error) ||
          !g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error))
        die ("tokens", error);
      end = bench_now_us ();
    }
  else if (g_str_equal (phase, "brat"))
    {
      g_autoptr(TesseraProject) project = tessera_project_open (argv[3], TESSERA_OPEN_SKIP_CHECK, &error);

      if (project == NULL)
        die ("open", error);

      start = bench_now_us ();
      if (!tessera_export_brat (project, argv[4], NULL, &error))
        die ("brat", error);
      end = bench_now_us ();
    }
  else if (g_str_equal (phase, "reference"))
    {
      start = bench_now_us ();
      if (!reference_export (argv[3], argv[4], &error))
        die ("reference", error);
      end = bench_now_us ();
    }
  else
    {
      g_printerr ("bench-export: unknown phase %s\n", phase);
      return 2;
    }

  values[0] = (end - start) / 1e6;
  values[1] = bench_peak_rss_kb ();
  bench_child_report (G_N_ELEMENTS (values), values);
  return 0;
}

typedef struct
{
  double  seconds;
  double  peak_kb;
  double  megabytes;
  guint64 lines;
} PhaseResult;

static void
run_phase (const char  *phase,
           const char  *project_path,
           const char  *out_path,
           PhaseResult *result)
{
  const char *args[] = { phase, project_path, out_path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  double values[2];
  const char *contents;
  gsize len;

  if (!bench_run_child (args, values, G_N_ELEMENTS (values), &error))
    die (phase, error);
  result->seconds = values[0];
  result->peak_kb = values[1];

  /* brat writes a folder: its files are counted, and it goes. */
  if (g_file_test (out_path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (out_path, 0, &error);
      const char *name;

      if (dir == NULL)
        die (phase, error);
      result->lines = 0;
      result->megabytes = 0;
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (out_path, name, NULL);
          GStatBuf st;

          if (g_stat (child, &st) == 0)
            result->megabytes += st.st_size / 1e6;
          result->lines++;
          remove (child);
        }
      g_clear_pointer (&dir, g_dir_close);
      rmdir (out_path);
      return;
    }

  /* Counts the records, then removes the file so each phase writes a
   * new one. */
  mapped = g_mapped_file_new (out_path, FALSE, &error);
  if (mapped == NULL)
    die (phase, error);
  contents = g_mapped_file_get_contents (mapped);
  len = g_mapped_file_get_length (mapped);
  result->megabytes = len / 1e6;
  result->lines = 0;
  for (const char *p = contents; p != NULL && p < contents + len; )
    {
      p = memchr (p, '\n', contents + len - p);
      if (p != NULL)
        {
          result->lines++;
          p++;
        }
    }
  g_clear_pointer (&mapped, g_mapped_file_unref);
  remove (out_path);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *tmpdir = NULL;
  g_autoptr(BenchCorpus) corpus = NULL;
  g_autofree char *project_path = NULL, *small_project_path = NULL, *out_path = NULL;
  PhaseResult full, full_ref, small, small_ref, tokens, small_tokens, brat;
  g_autofree char *brat_path = NULL;
  guint n_spans, n_docs, n_small_docs;
  double build_seconds;

  if (bench_is_child (argc, argv))
    return run_child (argc, argv);

  g_set_prgname ("bench-export");
  n_spans = bench_parse_size (argc, argv, DEFAULT_SPANS, "[SPANS]");
  n_docs = MAX (n_spans / SPANS_PER_DOC, 1);
  n_small_docs = MAX (n_docs / 10, 1);

  tmpdir = bench_tmpdir_new ();
  corpus = bench_corpus_new ();
  project_path = g_build_filename (tmpdir, "full.tessera", NULL);
  small_project_path = g_build_filename (tmpdir, "small.tessera", NULL);
  out_path = g_build_filename (tmpdir, "export.jsonl", NULL);

  g_printerr ("bench-export: building %u documents x %u spans...\n", n_docs, SPANS_PER_DOC);
  build_seconds = build_project (project_path, corpus, n_docs);
  build_project (small_project_path, corpus, n_small_docs);

  g_printerr ("bench-export: exporting...\n");
  run_phase ("export", project_path, out_path, &full);
  run_phase ("reference", project_path, out_path, &full_ref);
  run_phase ("export", small_project_path, out_path, &small);
  run_phase ("reference", small_project_path, out_path, &small_ref);
  run_phase ("tokens", project_path, out_path, &tokens);
  run_phase ("tokens", small_project_path, out_path, &small_tokens);
  brat_path = g_build_filename (tmpdir, "brat", NULL);
  run_phase ("brat", project_path, brat_path, &brat);

  if (full.lines != n_docs || small.lines != n_small_docs)
    g_printerr ("bench-export: the exports hold %" G_GUINT64_FORMAT " and %" G_GUINT64_FORMAT
                " lines, %u and %u expected\n", full.lines, small.lines, n_docs, n_small_docs);

  printf ("build %u spans (%u docs) through the API in one transaction: %.1f s\n",
           n_docs * SPANS_PER_DOC, n_docs, build_seconds);
  printf ("export %u spans (%u docs) as JSONL: %.2f s, %.0f MB written, peak RSS %.0f MB "
           "(target ≤ 1.5 s at 1000000 spans, constant memory) | "
           "plain SQLite SELECT+fprintf: %.2f s, %.0f MB, peak RSS %.0f MB (ratio %.2f)\n",
           n_docs * SPANS_PER_DOC, n_docs, full.seconds, full.megabytes, BENCH_MB (full.peak_kb),
           full_ref.seconds, full_ref.megabytes, BENCH_MB (full_ref.peak_kb),
           full.seconds / full_ref.seconds);
  printf ("export %u spans (%u docs) as JSONL: %.2f s, %.0f MB written, peak RSS %.0f MB "
           "(constant memory: %.0f MB at %u spans, %+.0f MB for %.0f× the spans) | "
           "plain SQLite SELECT+fprintf: %.2f s, peak RSS %.0f MB, %+.0f MB for %.0f× "
           "(SQLite page cache, ≤ 32 MB) (ratio %.2f)\n",
           n_small_docs * SPANS_PER_DOC, n_small_docs, small.seconds, small.megabytes,
           BENCH_MB (small.peak_kb), BENCH_MB (full.peak_kb), n_docs * SPANS_PER_DOC,
           BENCH_MB (full.peak_kb - small.peak_kb), (double) n_docs / n_small_docs,
           small_ref.seconds, BENCH_MB (small_ref.peak_kb),
           BENCH_MB (full_ref.peak_kb - small_ref.peak_kb), (double) n_docs / n_small_docs,
           small.seconds / small_ref.seconds);

  printf ("export %u spans (%u docs) as tokens (ICU words and sentences, IOB2 tags): %.2f s, %.0f MB, "
          "%" G_GUINT64_FORMAT " sentences, peak RSS %.0f MB (target ≤ 3 s at 1000000 spans, memory flat: "
          "%.0f MB at %u spans) | the JSONL export of the same spans: %.2f s\n",
          n_docs * SPANS_PER_DOC, n_docs, tokens.seconds, tokens.megabytes, tokens.lines,
          BENCH_MB (tokens.peak_kb), BENCH_MB (small_tokens.peak_kb), n_small_docs * SPANS_PER_DOC,
          full.seconds);

  printf ("export %u spans (%u docs) as brat standoff: %.2f s, %" G_GUINT64_FORMAT " files, %.0f MB, "
          "peak RSS %.0f MB (target ≤ 10 s for 10000 documents) | the JSONL export of the same "
          "spans: %.2f s (ratio %.2f)\n",
          n_docs * SPANS_PER_DOC, n_docs, brat.seconds, brat.lines, brat.megabytes,
          BENCH_MB (brat.peak_kb), full.seconds, brat.seconds / full.seconds);

  bench_tmpdir_remove (tmpdir);
  return 0;
}
