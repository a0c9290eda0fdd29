/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-bench-duplicates"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "bench-common.h"
#include "tessera-duplicates.h"
#include "tessera-project.h"

/* Finding shared passages in 10,000 news-sized documents. One document
 * in five carries one to three paragraphs of wire copy from a pool of
 * 150, each copy edited the way outlets edit: a British spelling made
 * American, a word dropped or added, straight quotes for curly ones, a
 * doubled letter. The project is built first (not timed); then, in a
 * process of its own, tessera_duplicates_find() is timed, with the number
 * of sentence pairs it compared beside the n·(n−1)/2 document pairs, its
 * peak RSS, and how many planted copies it found. */

#define DEFAULT_DOCS   10000
#define POOL_SIZE      150
#define WIRE_SEED      0x3a5e11
#define TARGET_SECONDS 30.0

/* Words whose spelling outlets change, and what they change them to. */
static const char * const variants[][2] = {
  { "kilometres", "kilometers" },
  { "neighbouring", "neighboring" },
  { "organisation", "organization" },
  { "defence", "defense" },
  { "centre", "center" },
  { "armoured", "armored" },
  { "rebellion", "rebelllion" },
  { "programme", "program" },
};

static const char * const inserted[] = { "also", "reportedly", "however", "now", "again" };

typedef struct
{
  GPtrArray *words;   /* char*, the first capitalised */
  gboolean   quoted;
} WireSentence;

typedef struct
{
  GArray *sentences;  /* WireSentence */
} WireParagraph;

typedef struct
{
  guint  doc;
  guint  paragraph;
  gint64 start;
  gint64 end;
} Planted;

static void G_GNUC_NORETURN
die (const char *what,
     GError     *error)
{
  g_printerr ("bench-duplicates: %s: %s\n", what, error->message);
  exit (1);
}

/* About Zipf's law, as the corpus draws words. */
static const char *
pick_word (BenchCorpus *corpus,
           GRand       *rand)
{
  guint n = bench_corpus_n_words (corpus);
  guint rank = (guint) (exp (g_rand_double (rand) * log (n + 1.0))) - 1;

  return bench_corpus_word (corpus, MIN (rank, n - 1));
}

static GPtrArray *
make_pool (BenchCorpus *corpus)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (WIRE_SEED);
  GPtrArray *pool = g_ptr_array_new ();

  for (guint p = 0; p < POOL_SIZE; p++)
    {
      WireParagraph *paragraph = g_new0 (WireParagraph, 1);
      guint n_sentences = g_rand_int_range (rand, 3, 7);

      paragraph->sentences = g_array_new (FALSE, FALSE, sizeof (WireSentence));
      for (guint s = 0; s < n_sentences; s++)
        {
          WireSentence sentence;
          guint n_words = g_rand_int_range (rand, 12, 26);

          sentence.words = g_ptr_array_new_with_free_func (g_free);
          sentence.quoted = g_rand_int_range (rand, 0, 5) == 0;
          for (guint w = 0; w < n_words; w++)
            {
              char *word;

              if (g_rand_int_range (rand, 0, 12) == 0)
                word = g_strdup (variants[g_rand_int_range (rand, 0, G_N_ELEMENTS (variants))][0]);
              else
                word = g_strdup (pick_word (corpus, rand));
              if (w == 0)
                word[0] = g_ascii_toupper (word[0]);
              g_ptr_array_add (sentence.words, word);
            }
          g_array_append_val (paragraph->sentences, sentence);
        }
      g_ptr_array_add (pool, paragraph);
    }

  return pool;
}

static void
pool_free (GPtrArray *pool)
{
  for (guint p = 0; p < pool->len; p++)
    {
      WireParagraph *paragraph = g_ptr_array_index (pool, p);

      for (guint s = 0; s < paragraph->sentences->len; s++)
        g_ptr_array_unref (g_array_index (paragraph->sentences, WireSentence, s).words);
      g_array_unref (paragraph->sentences);
      g_free (paragraph);
    }
  g_ptr_array_unref (pool);
}

/* One outlet's copy of a wire paragraph: each sentence edited once or
 * twice at most. */
static void
append_copy (GString             *text,
             const WireParagraph *paragraph,
             GRand               *rand)
{
  gboolean straight = g_rand_boolean (rand);

  for (guint s = 0; s < paragraph->sentences->len; s++)
    {
      const WireSentence *sentence = &g_array_index (paragraph->sentences, WireSentence, s);
      guint drop = G_MAXUINT, add = G_MAXUINT;
      gboolean americanise = g_rand_int_range (rand, 0, 3) == 0;
      gboolean double_letter = g_rand_int_range (rand, 0, 10) == 0;

      if (g_rand_int_range (rand, 0, 5) == 0)
        drop = g_rand_int_range (rand, 1, sentence->words->len);
      if (g_rand_int_range (rand, 0, 6) == 0)
        add = g_rand_int_range (rand, 1, sentence->words->len);

      if (s > 0)
        g_string_append_c (text, ' ');
      if (sentence->quoted)
        g_string_append (text, straight ? "\"" : "\u201c");

      for (guint w = 0; w < sentence->words->len; w++)
        {
          const char *word = g_ptr_array_index (sentence->words, w);

          if (w == drop)
            continue;
          if (w > 0)
            g_string_append_c (text, ' ');
          if (w == add)
            {
              g_string_append (text, inserted[g_rand_int_range (rand, 0, G_N_ELEMENTS (inserted))]);
              g_string_append_c (text, ' ');
            }
          if (americanise)
            for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
              if (g_str_equal (word, variants[v][0]))
                word = variants[v][1];
          if (double_letter && w == 1 && g_ascii_isalpha (word[0]))
            {
              g_string_append_c (text, word[0]);
              double_letter = FALSE;
            }
          g_string_append (text, word);
        }

      if (sentence->quoted)
        g_string_append (text, straight ? ",\" a spokesman said." : ",\u201d a spokesman said.");
      else
        g_string_append_c (text, '.');
    }
}

/* Document @index: the corpus text, and for one document in five one to
 * three wire paragraphs put in between its paragraphs. */
static char *
make_text (BenchCorpus *corpus,
           GPtrArray   *pool,
           guint        index,
           char       **title,
           GArray      *planted)
{
  g_autofree char *base = bench_corpus_text (corpus, index, title);
  g_autoptr(GRand) rand = NULL;
  g_auto(GStrv) paragraphs = NULL;
  GString *text;
  guint n_paragraphs, n_copies;
  guint at[3];
  guint which[3];

  if (index % 5 != 1)
    return g_steal_pointer (&base);

  rand = g_rand_new_with_seed (WIRE_SEED ^ (index * 2246822519u));
  paragraphs = g_strsplit (base, "\n\n", -1);
  n_paragraphs = g_strv_length (paragraphs);
  n_copies = g_rand_int_range (rand, 1, 4);
  for (guint c = 0; c < n_copies; c++)
    {
      at[c] = g_rand_int_range (rand, 0, n_paragraphs + 1);
      /* Popular paragraphs are copied more. */
      which[c] = (guint) (pow (g_rand_double (rand), 2.0) * POOL_SIZE);
    }

  text = g_string_new (NULL);
  for (guint p = 0; p <= n_paragraphs; p++)
    {
      for (guint c = 0; c < n_copies; c++)
        if (at[c] == p)
          {
            Planted plant = { index, which[c], 0, 0 };

            if (text->len > 0)
              g_string_append (text, "\n\n");
            plant.start = g_utf8_strlen (text->str, text->len);
            append_copy (text, g_ptr_array_index (pool, which[c]), rand);
            plant.end = g_utf8_strlen (text->str, text->len);
            g_array_append_val (planted, plant);
          }
      if (p < n_paragraphs)
        {
          if (text->len > 0)
            g_string_append (text, "\n\n");
          g_string_append (text, paragraphs[p]);
        }
    }

  return g_string_free (text, FALSE);
}

static double
build_project (const char  *path,
               BenchCorpus *corpus,
               GPtrArray   *pool,
               guint        n_docs,
               GArray      *planted,
               guint64     *n_chars)
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
      doc->text = make_text (corpus, pool, i, &doc->title, planted);
      doc->source = g_strdup_printf ("Outlet %u", i % 37);
      *n_chars += g_utf8_strlen (doc->text, -1);
      if (tessera_project_add_document (project, doc, &error) <= 0)
        die ("add document", error);
    }

  if (!tessera_project_commit (project, &error))
    die ("commit", error);
  tessera_project_close (project);

  return (bench_now_us () - start) / 1e6;
}

static gboolean
overlaps (const TesseraPassage *passage,
          const Planted        *plant)
{
  return passage->start < plant->end && plant->start < passage->end;
}

/* Processor time of this process (user and system), in seconds: on a
 * busy machine the wall-clock time alone says little. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* `--child detect PROJECT PLANTED N_DOCS`: seconds (total, reading and
 * indexing, comparing), sentences, pairs compared, pairs matched, groups,
 * peak RSS (kB), planted copies, of them found, passages outside any
 * planted copy, processor seconds. */
static int
child_detect (const char *path,
              const char *planted_path,
              guint       n_docs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(TesseraDuplicates) duplicates = NULL;
  g_autoptr(TesseraDuplicateIndex) index = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  const Planted *planted;
  guint n_planted, n_found = 0, n_expected = 0, n_stray = 0;
  g_autofree guint *copies_of = g_new0 (guint, POOL_SIZE);
  g_autoptr(GHashTable) by_doc = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                        (GDestroyNotify) g_array_unref);
  const TesseraDuplicateStats *stats;
  gint64 start, read_done, end;
  double cpu_start, cpu_end;
  double values[12];

  if (!g_file_get_contents (planted_path, &contents, &length, &error))
    die ("planted copies", error);
  planted = (const Planted *) (gpointer) contents;
  n_planted = length / sizeof (Planted);

  project = tessera_project_open (path, TESSERA_OPEN_READ_ONLY | TESSERA_OPEN_SKIP_CHECK, &error);
  if (project == NULL)
    die ("open", error);

  /* As tessera_duplicates_find() does, in two steps timed apart. */
  cpu_start = cpu_seconds ();
  start = bench_now_us ();
  index = tessera_duplicate_index_new (NULL);
  {
    g_autoptr(GPtrArray) ids = tessera_project_list_documents (project, &error);

    if (ids == NULL)
      die ("list", error);
    for (guint i = 0; i < ids->len; i++)
      {
        TesseraDocument *meta = g_ptr_array_index (ids, i);
        g_autoptr(TesseraDocument) doc = tessera_project_get_document (project, meta->id, TRUE, &error);

        if (doc == NULL)
          die ("read", error);
        tessera_duplicate_index_add (index, doc->id, doc->text);
      }
  }
  read_done = bench_now_us ();
  duplicates = tessera_duplicate_index_finish (g_steal_pointer (&index), NULL, &error);
  if (duplicates == NULL)
    die ("find", error);
  end = bench_now_us ();
  cpu_end = cpu_seconds ();
  stats = tessera_duplicates_get_stats (duplicates);

  /* Document ids are 1…n in import order. */
  for (guint i = 0; i < n_planted; i++)
    {
      gpointer key = GUINT_TO_POINTER (planted[i].doc + 1);
      GArray *of_doc = g_hash_table_lookup (by_doc, key);

      if (of_doc == NULL)
        {
          of_doc = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (by_doc, key, of_doc);
        }
      g_array_append_val (of_doc, i);
      copies_of[planted[i].paragraph]++;
    }

  /* A planted copy is found when a passage over it is shared with a
   * document that has a copy of the same wire paragraph. */
  for (guint i = 0; i < n_planted; i++)
    {
      const Planted *plant = &planted[i];
      g_autoptr(GArray) passages = NULL;
      gboolean found = FALSE;

      if (copies_of[plant->paragraph] < 2)
        continue;
      n_expected++;
      passages = tessera_duplicates_list_passages (duplicates, plant->doc + 1);
      for (guint p = 0; !found && p < passages->len; p++)
        {
          const TesseraPassage *passage = &g_array_index (passages, TesseraPassage, p);
          const TesseraDuplicateGroup *group = tessera_duplicates_get_group (duplicates, passage->group);

          if (!overlaps (passage, plant))
            continue;
          for (guint q = 0; !found && q < group->passages->len; q++)
            {
              const TesseraPassage *other = &g_array_index (group->passages, TesseraPassage, q);
              GArray *of_doc;

              if (other->document_id == passage->document_id)
                continue;
              of_doc = g_hash_table_lookup (by_doc, GUINT_TO_POINTER ((guint) other->document_id));
              for (guint k = 0; !found && of_doc != NULL && k < of_doc->len; k++)
                {
                  const Planted *copy = &planted[g_array_index (of_doc, guint, k)];

                  found = copy->paragraph == plant->paragraph && overlaps (other, copy);
                }
            }
        }
      if (found)
        n_found++;
    }

  /* Passages in text that was not copied: false finds. */
  for (guint g = 0; g < tessera_duplicates_get_n_groups (duplicates); g++)
    {
      const TesseraDuplicateGroup *group = tessera_duplicates_get_group (duplicates, g);

      for (guint p = 0; p < group->passages->len; p++)
        {
          const TesseraPassage *passage = &g_array_index (group->passages, TesseraPassage, p);
          GArray *of_doc = g_hash_table_lookup (by_doc, GUINT_TO_POINTER ((guint) passage->document_id));
          gboolean inside = FALSE;

          for (guint k = 0; !inside && of_doc != NULL && k < of_doc->len; k++)
            inside = overlaps (passage, &planted[g_array_index (of_doc, guint, k)]);
          if (!inside)
            n_stray++;
        }
    }

  values[0] = (end - start) / 1e6;
  values[1] = (read_done - start) / 1e6;
  values[2] = (end - read_done) / 1e6;
  values[3] = stats->n_sentences;
  values[4] = stats->n_pairs_compared;
  values[5] = stats->n_pairs_matched;
  values[6] = tessera_duplicates_get_n_groups (duplicates);
  values[7] = bench_peak_rss_kb ();
  values[8] = n_expected;
  values[9] = n_found;
  values[10] = n_stray;
  values[11] = cpu_end - cpu_start;
  bench_child_report (G_N_ELEMENTS (values), values);

  (void) n_docs;
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *tmpdir = NULL;
  g_autofree char *project_path = NULL;
  g_autofree char *planted_path = NULL;
  g_autofree char *n_docs_str = NULL;
  g_autoptr(BenchCorpus) corpus = NULL;
  g_autoptr(GArray) planted = g_array_new (FALSE, FALSE, sizeof (Planted));
  g_autoptr(GError) error = NULL;
  GPtrArray *pool;
  double detect[12];
  double build_seconds;
  guint64 n_chars = 0;
  guint n_docs, n_with_copies;
  double doc_pairs;

  if (bench_is_child (argc, argv))
    {
      if (argc >= 6 && g_str_equal (argv[2], "detect"))
        return child_detect (argv[3], argv[4], (guint) g_ascii_strtoull (argv[5], NULL, 10));
      g_printerr ("bench-duplicates: bad child arguments\n");
      return 2;
    }

  g_set_prgname ("bench-duplicates");
  n_docs = bench_parse_size (argc, argv, DEFAULT_DOCS, "[DOCUMENTS]");

  tmpdir = bench_tmpdir_new ();
  corpus = bench_corpus_new ();
  pool = make_pool (corpus);
  project_path = g_build_filename (tmpdir, "duplicates.tessera", NULL);
  planted_path = g_build_filename (tmpdir, "planted.bin", NULL);

  g_printerr ("bench-duplicates: building %u documents...\n", n_docs);
  build_seconds = build_project (project_path, corpus, pool, n_docs, planted, &n_chars);
  pool_free (pool);
  if (!g_file_set_contents (planted_path, planted->data, planted->len * sizeof (Planted), &error))
    die ("planted copies", error);

  n_docs_str = g_strdup_printf ("%u", n_docs);
  {
    const char *args[] = { "detect", project_path, planted_path, n_docs_str, NULL };

    if (!bench_run_child (args, detect, G_N_ELEMENTS (detect), &error))
      die ("detect", error);
  }

  n_with_copies = 0;
  for (guint i = 0; i < n_docs; i++)
    if (i % 5 == 1)
      n_with_copies++;
  doc_pairs = (double) n_docs * (n_docs - 1) / 2;

  printf ("build %u docs (%.1f M characters, %u with %u wire copies) through the API: %.1f s (not timed below)\n",
          n_docs, n_chars / 1e6, n_with_copies, planted->len, build_seconds);
  printf ("duplicates over %u docs, %.0f sentences: %.2f s (target ≤ %.0f s at 10000 docs; "
          "reading and indexing %.2f s, comparing %.2f s; %.2f s of processor time), peak RSS %.0f MB\n",
          n_docs, detect[3], detect[0], TARGET_SECONDS, detect[1], detect[2], detect[11],
          BENCH_MB (detect[7]));
  printf ("duplicates pairs compared: %.0f sentence pairs (%.0f alike) vs %.0f document pairs "
          "(n·(n−1)/2), %.3f per document pair\n",
          detect[4], detect[5], doc_pairs, detect[4] / MAX (doc_pairs, 1));
  printf ("duplicates found: %.0f shared passages; %.0f of %.0f planted copies found (%.1f%%), "
          "%.0f passages outside planted copies\n",
          detect[6], detect[9], detect[8], 100.0 * detect[9] / MAX (detect[8], 1), detect[10]);

  bench_tmpdir_remove (tmpdir);
  return 0;
}
