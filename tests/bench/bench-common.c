/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bench-common.h"

#define VOCABULARY_SIZE 4000
#define CORPUS_SEED     0x7e55e7a

/* News words at the top of the frequency list, as in real reports. */
static const char * const common_words[] = {
  "the", "of", "and", "to", "in", "a", "said", "on", "that", "for", "was",
  "with", "by", "had", "were", "is", "as", "from", "its", "at", "an",
  "which", "have", "has", "after", "army", "forces", "town", "rebels",
  "government", "soldiers", "north", "military", "people", "residents",
  "officials", "convoy", "region", "camp", "base", "attack", "fighting",
  "control", "spokesman", "statement", "week", "Monday", "Tuesday",
  "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "local",
  "source", "security", "mission", "troops", "drone", "strike", "killed",
  "wounded", "civilians", "road", "airport", "city", "capital", "agreement",
  "peace", "talks", "leaders", "coalition", "movement", "armed", "groups",
  "according", "reported", "confirmed", "denied", "claimed",
};

/* Names and words with accents, curly apostrophes, dashes and other
 * characters beyond ASCII, so that byte and code-point offsets differ. */
static const char * const non_ascii_words[] = {
  "Ménaka", "Gao’s", "Kidal—", "Tombouctou", "Anéfis", "Léré", "Niafunké",
  "Ségou", "Sévaré", "Goïta", "Bamako’s", "Agadès", "Tinzaouatène",
  "déplacés", "Aguelhok’s", "Kidal’s", "Ber—", "Tessalit’s", "Bourem—",
  "Gourma‑Rharous", "Ansongo’s", "Ménaka’s", "Intahaka", "Tilemsi",
  "Adrar‑des‑Ifoghas", "Koulouba", "Kati’s", "Nioro‑du‑Sahel",
  "Tarkint", "Tin‑Essako", "Abeïbara", "Anderamboukane", "Inékar",
  "Tidermène", "Aljoufra", "Œuvre", "Ngolo", "Ségala", "Kéniéba",
  "Zégoua", "Boni—", "Douentza’s", "Mondoro", "Diafarabé", "Ténenkou",
};

static const char * const emoji[] = {
  "🙂", "🇲🇱", "👍🏽", "📍", "⚠️", "🔥",
};

static const char * const onsets[] = {
  "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
  "br", "dr", "kr", "tr", "st", "sh", "ch", "gh", "kh", "th", "w", "y",
};

static const char * const nuclei[] = {
  "a", "e", "i", "o", "u", "ai", "ou", "ei", "ia", "é", "è", "ï", "ø",
};

struct _BenchCorpus
{
  GPtrArray *words;     /* char*, by frequency rank */
  GArray    *n_chars;   /* guint, code points of each word */
  double    *cumulative;
  double     total_weight;
};

static char *
make_pseudo_word (GRand *rand)
{
  GString *word = g_string_new (NULL);
  guint n_syllables = g_rand_int_range (rand, 2, 5);
  /* Mostly ASCII; about one word in twelve gets an accented vowel. */
  gboolean accents = g_rand_int_range (rand, 0, 12) == 0;

  for (guint i = 0; i < n_syllables; i++)
    {
      guint n_nuclei = accents ? G_N_ELEMENTS (nuclei) : 9;

      g_string_append (word, onsets[g_rand_int_range (rand, 0, G_N_ELEMENTS (onsets))]);
      g_string_append (word, nuclei[g_rand_int_range (rand, 0, n_nuclei)]);
    }
  if (g_rand_boolean (rand))
    g_string_append_c (word, "nrsltkm"[g_rand_int_range (rand, 0, 7)]);

  return g_string_free (word, FALSE);
}

BenchCorpus *
bench_corpus_new (void)
{
  BenchCorpus *corpus = g_new0 (BenchCorpus, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (CORPUS_SEED);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint next_non_ascii = 0;

  corpus->words = g_ptr_array_new_with_free_func (g_free);
  corpus->n_chars = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < G_N_ELEMENTS (common_words); i++)
    {
      g_ptr_array_add (corpus->words, g_strdup (common_words[i]));
      g_hash_table_add (seen, corpus->words->pdata[i]);
    }

  /* Non-ASCII names spread over the middle ranks, frequent enough that
   * every document has a few. */
  while (corpus->words->len < VOCABULARY_SIZE)
    {
      char *word;

      if (next_non_ascii < G_N_ELEMENTS (non_ascii_words) && corpus->words->len % 6 == 0)
        word = g_strdup (non_ascii_words[next_non_ascii++]);
      else
        word = make_pseudo_word (rand);

      if (g_hash_table_contains (seen, word))
        {
          g_free (word);
          continue;
        }
      g_ptr_array_add (corpus->words, word);
      g_hash_table_add (seen, word);
    }

  corpus->cumulative = g_new (double, corpus->words->len);
  for (guint i = 0; i < corpus->words->len; i++)
    {
      guint n = g_utf8_strlen (corpus->words->pdata[i], -1);

      g_array_append_val (corpus->n_chars, n);
      corpus->total_weight += 1.0 / pow (i + 2.7, 1.0);
      corpus->cumulative[i] = corpus->total_weight;
    }

  return corpus;
}

void
bench_corpus_free (BenchCorpus *corpus)
{
  if (corpus == NULL)
    return;
  g_ptr_array_unref (corpus->words);
  g_array_unref (corpus->n_chars);
  g_free (corpus->cumulative);
  g_free (corpus);
}

guint
bench_corpus_n_words (BenchCorpus *corpus)
{
  return corpus->words->len;
}

const char *
bench_corpus_word (BenchCorpus *corpus,
                   guint        rank)
{
  g_return_val_if_fail (rank < corpus->words->len, NULL);
  return corpus->words->pdata[rank];
}

static guint
pick_rank (BenchCorpus *corpus,
           GRand       *rand)
{
  double x = g_rand_double (rand) * corpus->total_weight;
  guint lo = 0, hi = corpus->words->len - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (corpus->cumulative[mid] < x)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Appends a word, capitalised if asked (ASCII initials only). */
static guint
append_word (GString    *s,
             const char *word,
             guint       n_chars,
             gboolean    capital)
{
  gsize at = s->len;

  g_string_append (s, word);
  if (capital)
    s->str[at] = g_ascii_toupper (s->str[at]);
  return n_chars;
}

/* Appends @str and returns its length in code points. */
static guint
append_chars (GString    *s,
              const char *str)
{
  g_string_append (s, str);
  return g_utf8_strlen (str, -1);
}

char *
bench_corpus_text (BenchCorpus *corpus,
                   guint        index,
                   char       **title)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (CORPUS_SEED ^ (index * 2654435761u));
  GString *text = g_string_sized_new (4600);
  guint target = g_rand_int_range (rand, 2500, 4000);
  guint n_paragraphs = g_rand_int_range (rand, 4, 8);
  guint chars = 0;
  /* One document in five names a word of its own, as real reports name
   * people and villages no other report mentions. */
  gboolean unique = index % 5 == 0;

  if (title != NULL)
    {
      GString *t = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 4, 10);

      for (guint i = 0; i < n; i++)
        {
          guint rank = pick_rank (corpus, rand);

          if (i > 0)
            g_string_append_c (t, ' ');
          append_word (t, corpus->words->pdata[rank], 0, i == 0);
        }
      *title = g_string_free (t, FALSE);
    }

  for (guint p = 0; p < n_paragraphs && chars < target; p++)
    {
      guint paragraph_end = target * (p + 1) / n_paragraphs;

      if (p > 0)
        chars += append_chars (text, "\n\n");

      while (chars < paragraph_end)
        {
          guint n_words = g_rand_int_range (rand, 8, 25);
          gboolean quote = g_rand_int_range (rand, 0, 10) == 0;

          if (quote)
            chars += append_chars (text, "“");

          for (guint w = 0; w < n_words; w++)
            {
              guint rank = pick_rank (corpus, rand);

              if (w > 0)
                {
                  g_string_append_c (text, ' ');
                  chars++;
                }
              chars += append_word (text, corpus->words->pdata[rank],
                                    g_array_index (corpus->n_chars, guint, rank),
                                    w == 0);
              if (unique && w == 3)
                {
                  g_string_append_printf (text, " Qz%05x", index);
                  chars += 8;
                  unique = FALSE;
                }
              if (g_rand_int_range (rand, 0, 600) == 0)
                {
                  chars += append_chars (text, " ");
                  chars += append_chars (text, emoji[g_rand_int_range (rand, 0, G_N_ELEMENTS (emoji))]);
                }
              else if (w + 1 < n_words && g_rand_int_range (rand, 0, 14) == 0)
                {
                  g_string_append_c (text, ',');
                  chars++;
                }
            }

          chars += append_chars (text, quote ? ",” said a spokesman. " : ". ");
        }
      /* No trailing space at the end of a paragraph. */
      if (text->len > 0 && text->str[text->len - 1] == ' ')
        {
          g_string_truncate (text, text->len - 1);
          chars--;
        }
    }

  return g_string_free (text, FALSE);
}

GArray *
bench_text_tokens (const char *text)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (BenchToken));
  BenchToken token = { -1, -1, FALSE };
  gint64 offset = 0;

  for (const char *p = text; ; p = g_utf8_next_char (p), offset++)
    {
      gunichar c = g_utf8_get_char (p);
      gboolean word = c != 0 && g_unichar_isalnum (c);

      if (word && token.start < 0)
        {
          token.start = offset;
          token.non_ascii = FALSE;
        }
      if (word && c >= 0x80)
        token.non_ascii = TRUE;
      if (!word && token.start >= 0)
        {
          token.end = offset;
          g_array_append_val (tokens, token);
          token.start = -1;
        }
      if (c == 0)
        break;
    }

  return tokens;
}

gint64
bench_now_us (void)
{
  return g_get_monotonic_time ();
}

static gint64
read_status_kb (const char *key)
{
  g_autofree char *status = NULL;
  gsize key_len = strlen (key);

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  for (char *line = status; line != NULL && *line != '\0'; )
    {
      char *next = strchr (line, '\n');

      if (strncmp (line, key, key_len) == 0 && line[key_len] == ':')
        return g_ascii_strtoll (line + key_len + 1, NULL, 10);
      line = next != NULL ? next + 1 : NULL;
    }
  return -1;
}

gint64
bench_peak_rss_kb (void)
{
  return read_status_kb ("VmHWM");
}

gint64
bench_rss_kb (void)
{
  return read_status_kb ("VmRSS");
}

gint64
bench_rss_anon_kb (void)
{
  return read_status_kb ("RssAnon");
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
bench_percentile (GArray *samples,
                  double  p)
{
  gsize rank;

  g_return_val_if_fail (samples->len > 0, 0);

  g_array_sort (samples, compare_doubles);
  /* Nearest rank. */
  rank = (gsize) ceil (p / 100.0 * samples->len);
  rank = CLAMP (rank, 1, samples->len);
  return g_array_index (samples, double, rank - 1);
}

guint
bench_parse_size (int         argc,
                  char      **argv,
                  guint       default_size,
                  const char *usage)
{
  guint64 size;
  g_autoptr(GError) error = NULL;

  if (argc < 2)
    return default_size;

  if (argc > 2 ||
      !g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXUINT, &size, &error))
    {
      g_printerr ("usage: %s %s\n", g_get_prgname (), usage);
      exit (2);
    }
  return (guint) size;
}

char *
bench_tmpdir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp ("tessera-bench-XXXXXX", &error);

  if (path == NULL)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      exit (1);
    }
  return path;
}

void
bench_tmpdir_remove (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) &&
      !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      GDir *dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          bench_tmpdir_remove (child);
        }
      g_clear_pointer (&dir, g_dir_close);
    }
  g_remove (path);
}

#define RESULT_PREFIX "bench-result:"

gboolean
bench_run_child (const char * const *args,
                 double             *values,
                 guint               n_values,
                 GError            **error)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", error);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  const char *line;
  int status;

  if (self == NULL)
    return FALSE;

  g_ptr_array_add (argv, self);
  g_ptr_array_add (argv, (gpointer) "--child");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  /* The child's stderr goes where ours goes, so its errors are seen. */
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT,
                     NULL, NULL, &out, NULL, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    return FALSE;

  line = strstr (out, RESULT_PREFIX);
  if (line == NULL)
    {
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                   "phase \"%s\" printed no result", args[0]);
      return FALSE;
    }
  line += strlen (RESULT_PREFIX);
  for (guint i = 0; i < n_values; i++)
    {
      char *end;

      values[i] = g_ascii_strtod (line, &end);
      if (end == line)
        {
          g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                       "phase \"%s\" printed %u values, %u expected",
                       args[0], i, n_values);
          return FALSE;
        }
      line = end;
    }
  return TRUE;
}

void
bench_child_report (guint         n_values,
                    const double *values)
{
  GString *line = g_string_new (RESULT_PREFIX);

  for (guint i = 0; i < n_values; i++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_c (line, ' ');
      g_string_append (line, g_ascii_dtostr (buf, sizeof buf, values[i]));
    }
  g_print ("%s\n", line->str);
  g_string_free (line, TRUE);
}

gboolean
bench_is_child (int    argc,
                char **argv)
{
  return argc >= 3 && g_strcmp0 (argv[1], "--child") == 0;
}

/* Mirror configure_connection() in tessera-project.c. */
static const char reference_read_pragmas[] =
  "PRAGMA foreign_keys = ON;"
  "PRAGMA cache_size = -32000;"
  "PRAGMA temp_store = MEMORY;";
static const char reference_write_pragmas[] =
  "PRAGMA journal_mode = WAL;"
  "PRAGMA synchronous = FULL;";

sqlite3 *
bench_sqlite_open (const char  *path,
                   GError     **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   "%s: %s", path, sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 5000);
  if (!bench_sqlite_exec (db, reference_read_pragmas, error) ||
      !bench_sqlite_exec (db, reference_write_pragmas, error))
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

sqlite3 *
bench_sqlite_open_read_only (const char  *path,
                             GError     **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   "%s: %s", path, sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 5000);
  if (!bench_sqlite_exec (db, reference_read_pragmas, error))
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

gboolean
bench_sqlite_exec (sqlite3     *db,
                   const char  *sql,
                   GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   "SQLite: %s", message != NULL ? message : sqlite3_errmsg (db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
bench_sqlite_prepare (sqlite3     *db,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   "SQLite: %s", sqlite3_errmsg (db));
      return NULL;
    }
  return stmt;
}
