/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-duplicates"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tessera-error.h"
#include "tessera-project.h"
#include "tessera-shingle.h"
#include "tessera-duplicates.h"

/* LSH: 128 bands of 5 MinHash rows. Two sentences whose sets of rarer
 * words have Jaccard similarity J become a candidate pair with
 * probability 1 − (1 − J⁵)¹²⁸: 0.98 at J = 0.5, 0.91 at J = 0.45, but
 * 0.004 at J = 0.125 (one rare word in common). A light rewrite of a
 * sentence keeps J around 0.5 or more; 32 bands of 3 rows, as likely to
 * find those, made six times as many candidates of unrelated sentences
 * in the benchmark corpus. */
#define N_BANDS 128
#define N_ROWS  5

/* A sentence needs this many distinct rarer words to be a candidate;
 * one made of common words only is matched when it is repeated exactly. */
#define MIN_CONTENT_WORDS 3

/* Words in more than this share of the sentences (and more than
 * STOP_MIN_SENTENCES of them) say little about which sentences are
 * copies, and make huge buckets: they take no part in MinHash. */
#define STOP_FRACTION      0.005
#define STOP_MIN_SENTENCES 20

/* A bucket of more sentences than this (a passage copied by hundreds of
 * documents) compares each one with its next BUCKET_WINDOW neighbours
 * only: the copies are linked all the same, in a chain. */
#define BUCKET_ALL_PAIRS 48
#define BUCKET_WINDOW    12

#define NONE  G_MAXUINT32
#define UNSET (G_MAXUINT32 - 1)

typedef struct
{
  guint32 doc;      /* index into documents */
  guint32 start;    /* code points */
  guint32 end;
  guint32 first;    /* into words */
  guint32 n_words;
} Segment;

/* Open addressing: word hash (never 0) → count. */
typedef struct
{
  guint32 *keys;
  guint32 *values;
  guint32  mask;
  guint32  n;
} CountMap;

/* Open addressing set of sentence pairs (never 0). */
typedef struct
{
  guint64 *keys;
  guint64  mask;
  guint64  n;
} PairSet;

struct _TesseraDuplicateIndex
{
  TesseraDuplicateOptions options;
  GArray *documents;  /* gint64 */
  GArray *segments;   /* Segment */
  GArray *words;      /* guint32 word hashes of every segment */
  GArray *tokens;     /* scratch: TesseraWordToken */
  GArray *sentences;  /* scratch: TesseraSentence */
};

struct _TesseraDuplicates
{
  GPtrArray             *groups;  /* TesseraDuplicateGroup* */
  TesseraDuplicateStats  stats;
};

void
tessera_duplicate_options_init (TesseraDuplicateOptions *options)
{
  g_return_if_fail (options != NULL);

  options->min_similarity = TESSERA_DUPLICATES_DEFAULT_SIMILARITY;
  options->min_words = TESSERA_DUPLICATES_DEFAULT_MIN_WORDS;
}

/* --- small hash tables ------------------------------------------------ */

static void
count_map_init (CountMap *map,
                guint32   size)
{
  guint32 cap = 1024;

  while (cap < size * 2)
    cap *= 2;
  map->keys = g_new0 (guint32, cap);
  map->values = g_new0 (guint32, cap);
  map->mask = cap - 1;
  map->n = 0;
}

static void
count_map_clear (CountMap *map)
{
  g_clear_pointer (&map->keys, g_free);
  g_clear_pointer (&map->values, g_free);
}

static guint32 *
count_map_lookup (CountMap *map,
                  guint32   key,
                  gboolean  insert)
{
  guint32 i = key & map->mask;

  while (map->keys[i] != 0)
    {
      if (map->keys[i] == key)
        return &map->values[i];
      i = (i + 1) & map->mask;
    }
  if (!insert)
    return NULL;

  if ((map->n + 1) * 2 > map->mask + 1)
    {
      CountMap bigger;

      count_map_init (&bigger, (map->mask + 1));
      for (guint32 k = 0; k <= map->mask; k++)
        if (map->keys[k] != 0)
          *count_map_lookup (&bigger, map->keys[k], TRUE) = map->values[k];
      count_map_clear (map);
      *map = bigger;
      return count_map_lookup (map, key, TRUE);
    }

  map->keys[i] = key;
  map->values[i] = 0;
  map->n++;
  return &map->values[i];
}

static guint64
mix64 (guint64 x)
{
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  x ^= x >> 33;
  return x;
}

static void
pair_set_init (PairSet *set,
               guint64  cap)
{
  set->keys = g_new0 (guint64, cap);
  set->mask = cap - 1;
  set->n = 0;
}

/* TRUE when @key was not in the set yet. */
static gboolean
pair_set_add (PairSet *set,
              guint64  key)
{
  guint64 i;

  if ((set->n + 1) * 2 > set->mask + 1)
    {
      PairSet bigger;

      pair_set_init (&bigger, (set->mask + 1) * 2);
      for (guint64 k = 0; k <= set->mask; k++)
        if (set->keys[k] != 0)
          pair_set_add (&bigger, set->keys[k]);
      g_free (set->keys);
      *set = bigger;
    }

  i = mix64 (key) & set->mask;
  while (set->keys[i] != 0)
    {
      if (set->keys[i] == key)
        return FALSE;
      i = (i + 1) & set->mask;
    }
  set->keys[i] = key;
  set->n++;
  return TRUE;
}

/* --- indexing --------------------------------------------------------- */

TesseraDuplicateIndex *
tessera_duplicate_index_new (const TesseraDuplicateOptions *options)
{
  TesseraDuplicateIndex *index = g_new0 (TesseraDuplicateIndex, 1);

  if (options != NULL)
    index->options = *options;
  else
    tessera_duplicate_options_init (&index->options);
  index->options.min_words = MAX (index->options.min_words, 1);

  index->documents = g_array_new (FALSE, FALSE, sizeof (gint64));
  index->segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  index->words = g_array_new (FALSE, FALSE, sizeof (guint32));
  index->tokens = g_array_new (FALSE, FALSE, sizeof (TesseraWordToken));
  index->sentences = g_array_new (FALSE, FALSE, sizeof (TesseraSentence));

  return index;
}

void
tessera_duplicate_index_free (TesseraDuplicateIndex *index)
{
  if (index == NULL)
    return;

  g_array_unref (index->documents);
  g_array_unref (index->segments);
  g_array_unref (index->words);
  g_array_unref (index->tokens);
  g_array_unref (index->sentences);
  g_free (index);
}

void
tessera_duplicate_index_add (TesseraDuplicateIndex *index,
                             gint64                 document_id,
                             const char            *text)
{
  guint32 doc;

  g_return_if_fail (index != NULL);
  g_return_if_fail (text != NULL);

  doc = index->documents->len;
  g_array_append_val (index->documents, document_id);

  g_array_set_size (index->tokens, 0);
  g_array_set_size (index->sentences, 0);
  tessera_shingle_analyze (text, index->tokens, index->sentences);

  for (guint i = 0; i < index->sentences->len; i++)
    {
      const TesseraSentence *sentence = &g_array_index (index->sentences, TesseraSentence, i);
      Segment segment;

      if (sentence->n_tokens < index->options.min_words)
        continue;

      segment.doc = doc;
      segment.start = sentence->start;
      segment.end = sentence->end;
      segment.first = index->words->len;
      segment.n_words = sentence->n_tokens;
      g_array_append_val (index->segments, segment);

      for (guint t = 0; t < sentence->n_tokens; t++)
        g_array_append_val (index->words,
                            g_array_index (index->tokens, TesseraWordToken, sentence->first_token + t).hash);
    }
}

/* --- finding ---------------------------------------------------------- */

typedef struct
{
  TesseraDuplicateIndex *index;
  const Segment         *segments;
  const guint32         *words;
  guint32                n;
  guint8                *weights;   /* per word of words: how rare it is */
  guint32               *parent;    /* union-find over segments */
  float                 *weakest;   /* per root: lowest similarity of a link */
  PairSet                seen;
  TesseraDuplicateStats  stats;
} Finder;

static guint32
find_root (Finder  *f,
           guint32  i)
{
  guint32 root = i;

  while (f->parent[root] != root)
    root = f->parent[root];
  while (f->parent[i] != root)
    {
      guint32 next = f->parent[i];

      f->parent[i] = root;
      i = next;
    }
  return root;
}

static void
join (Finder  *f,
      guint32  a,
      guint32  b,
      double   similarity)
{
  guint32 ra = find_root (f, a);
  guint32 rb = find_root (f, b);
  float weakest = MIN (f->weakest[ra], f->weakest[rb]);

  weakest = MIN (weakest, (float) similarity);
  if (ra == rb)
    {
      f->weakest[ra] = weakest;
      return;
    }
  /* The smaller index stays the root: groups then list copies in order. */
  if (rb < ra)
    {
      guint32 t = ra;
      ra = rb;
      rb = t;
    }
  f->parent[rb] = ra;
  f->weakest[ra] = weakest;
}

static void
consider_pair (Finder  *f,
               guint32  a,
               guint32  b)
{
  const Segment *sa, *sb;
  double similarity;

  if (a > b)
    {
      guint32 t = a;
      a = b;
      b = t;
    }
  sa = &f->segments[a];
  sb = &f->segments[b];
  /* Copies are between documents; already linked needs no proof. */
  if (sa->doc == sb->doc || find_root (f, a) == find_root (f, b))
    return;
  if (!pair_set_add (&f->seen, ((guint64) a << 32) | b))
    return;

  f->stats.n_pairs_compared++;
  /* The LCS cannot be longer than the shorter sentence. */
  if (2.0 * MIN (sa->n_words, sb->n_words) / (sa->n_words + sb->n_words) <
      f->index->options.min_similarity - 1e-9)
    return;

  similarity = tessera_shingle_similarity (f->words + sa->first, sa->n_words,
                                           f->words + sb->first, sb->n_words);
  /* Alike word by word, and still alike when rare words count for more:
   * two different reports cast in the same stock phrases are not copies. */
  if (similarity >= f->index->options.min_similarity - 1e-9)
    similarity = MIN (similarity,
                      tessera_shingle_weighted_similarity (f->words + sa->first, f->weights + sa->first, sa->n_words,
                                                           f->words + sb->first, f->weights + sb->first, sb->n_words));
  if (similarity >= f->index->options.min_similarity - 1e-9)
    {
      f->stats.n_pairs_matched++;
      join (f, a, b, similarity);
    }
}

typedef struct
{
  guint64 hash;
  guint32 segment;
} SequenceKey;

static int
compare_sequence_keys (const void *a,
                       const void *b)
{
  const SequenceKey *x = a, *y = b;

  if (x->hash != y->hash)
    return x->hash < y->hash ? -1 : 1;
  return (x->segment > y->segment) - (x->segment < y->segment);
}

/* Sentences whose words are the same after normalisation are linked at
 * once; only the first of them (the representative) goes on to MinHash.
 * Returns the representatives' flags. */
static guint8 *
link_exact_repeats (Finder *f)
{
  g_autofree SequenceKey *keys = g_new (SequenceKey, MAX (f->n, 1));
  guint8 *representative = g_new (guint8, MAX (f->n, 1));

  for (guint32 i = 0; i < f->n; i++)
    {
      const Segment *s = &f->segments[i];
      guint64 h = s->n_words;

      for (guint32 w = 0; w < s->n_words; w++)
        h = mix64 (h ^ f->words[s->first + w]) + w;
      keys[i].hash = h;
      keys[i].segment = i;
      representative[i] = TRUE;
    }
  qsort (keys, f->n, sizeof (SequenceKey), compare_sequence_keys);

  for (guint32 i = 0; i < f->n; )
    {
      guint32 j = i + 1;
      const Segment *first = &f->segments[keys[i].segment];

      while (j < f->n && keys[j].hash == keys[i].hash)
        {
          const Segment *other = &f->segments[keys[j].segment];

          if (other->n_words == first->n_words &&
              memcmp (f->words + other->first, f->words + first->first,
                      first->n_words * sizeof (guint32)) == 0)
            {
              representative[keys[j].segment] = FALSE;
              f->stats.n_exact++;
              join (f, keys[i].segment, keys[j].segment, 1.0);
            }
          j++;
        }
      i = j;
    }

  return representative;
}

static int
compare_guint32 (const void *a,
                 const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

/* Sorted distinct words of segment @i into @out; returns their number. */
static guint
distinct_words (Finder  *f,
                guint32  i,
                guint32 *out)
{
  const Segment *s = &f->segments[i];
  guint n = 0;

  memcpy (out, f->words + s->first, s->n_words * sizeof (guint32));
  qsort (out, s->n_words, sizeof (guint32), compare_guint32);
  for (guint k = 0; k < s->n_words; k++)
    if (k == 0 || out[k] != out[k - 1])
      out[n++] = out[k];
  return n;
}

/* About 8·log2 (N / df): the inverse document frequency of a word found
 * in @df of @n sentences, from 1 to 255 (log2 from the exponent and a
 * straight line between powers of two, well within what weights need). */
static guint8
word_weight (guint32 n,
             guint32 df)
{
  double x = (n + 1.0) / (df + 0.5);
  double log2 = 0;

  if (x <= 1.0)
    return 1;
  while (x >= 2.0)
    {
      x /= 2.0;
      log2 += 1.0;
    }
  log2 += x - 1.0;

  return (guint8) CLAMP ((int) (log2 * 8.0 + 0.5), 1, 255);
}

/* Stable LSD radix sort of @keys by their upper 32 bits, 11 bits a pass. */
static void
radix_sort_high (guint64 *keys,
                 guint64 *tmp,
                 gsize    n)
{
  g_autofree gsize *count = g_new (gsize, 2049);

  for (guint shift = 32; shift < 64; shift += 11)
    {
      memset (count, 0, sizeof (gsize) * 2049);
      for (gsize i = 0; i < n; i++)
        count[((keys[i] >> shift) & 0x7ff) + 1]++;
      for (guint d = 0; d < 2048; d++)
        count[d + 1] += count[d];
      for (gsize i = 0; i < n; i++)
        tmp[count[(keys[i] >> shift) & 0x7ff]++] = keys[i];
      memcpy (keys, tmp, n * sizeof (guint64));
    }
}

static gboolean
find_candidates (Finder        *f,
                 const guint8  *representative,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autofree guint32 *content_first = NULL;
  g_autofree guint32 *content_n = NULL;
  g_autofree guint32 *scratch = g_new (guint32, TESSERA_SENTENCE_MAX_WORDS);
  g_autofree guint64 *keys = NULL;
  g_autofree guint64 *tmp = NULL;
  g_autofree guint32 *keyed = NULL;
  g_autoptr(GArray) content = g_array_new (FALSE, FALSE, sizeof (guint32));
  CountMap df;
  guint32 n_representatives = 0;
  guint32 cutoff;
  gsize n_keyed = 0;

  /* How many sentences (representatives) have each word. */
  count_map_init (&df, 1 << 16);
  for (guint32 i = 0; i < f->n; i++)
    {
      guint n;

      if (!representative[i])
        continue;
      n_representatives++;
      n = distinct_words (f, i, scratch);
      for (guint k = 0; k < n; k++)
        (*count_map_lookup (&df, scratch[k], TRUE))++;
    }
  cutoff = MAX (STOP_MIN_SENTENCES, (guint32) (n_representatives * STOP_FRACTION));

  /* Every word of the pool is a word of some representative. */
  f->weights = g_new (guint8, MAX (f->index->words->len, 1));
  for (guint32 k = 0; k < f->index->words->len; k++)
    {
      guint32 *n = count_map_lookup (&df, f->words[k], FALSE);

      f->weights[k] = word_weight (n_representatives, n != NULL ? *n : 1);
    }

  content_first = g_new (guint32, MAX (f->n, 1));
  content_n = g_new0 (guint32, MAX (f->n, 1));
  keyed = g_new (guint32, MAX (f->n, 1));
  for (guint32 i = 0; i < f->n; i++)
    {
      guint n, kept = 0;

      if (!representative[i])
        continue;
      n = distinct_words (f, i, scratch);
      for (guint k = 0; k < n; k++)
        if (*count_map_lookup (&df, scratch[k], FALSE) <= cutoff)
          scratch[kept++] = scratch[k];
      if (kept < MIN_CONTENT_WORDS)
        continue;
      content_first[i] = content->len;
      content_n[i] = kept;
      g_array_append_vals (content, scratch, kept);
      keyed[n_keyed++] = i;
    }
  count_map_clear (&df);

  pair_set_init (&f->seen, 1 << 16);
  keys = g_new (guint64, MAX (n_keyed, 1));
  tmp = g_new (guint64, MAX (n_keyed, 1));

  for (guint band = 0; band < N_BANDS; band++)
    {
      gsize k = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      for (gsize m = 0; m < n_keyed; m++)
        {
          guint32 i = keyed[m];
          guint32 key = tessera_shingle_minhash_band (&g_array_index (content, guint32, content_first[i]),
                                                      content_n[i], band, N_ROWS);

          keys[k++] = ((guint64) key << 32) | i;
        }
      radix_sort_high (keys, tmp, k);

      for (gsize start = 0; start < k; )
        {
          gsize end = start + 1;
          guint32 size;

          while (end < k && (keys[end] >> 32) == (keys[start] >> 32))
            end++;
          size = end - start;

          if (size > 1)
            {
              guint32 window = size <= BUCKET_ALL_PAIRS ? size : BUCKET_WINDOW + 1;
              guint32 first_root = find_root (f, (guint32) keys[start]);
              gboolean linked = TRUE;

              /* Copies found in an earlier band meet again in most bands. */
              for (gsize m = start + 1; linked && m < end; m++)
                linked = find_root (f, (guint32) keys[m]) == first_root;
              if (!linked)
                for (guint32 a = 0; a < size; a++)
                  for (guint32 b = a + 1; b < size && b < a + window; b++)
                    consider_pair (f, (guint32) keys[start + a], (guint32) keys[start + b]);
            }
          start = end;
        }
    }

  return TRUE;
}

static void
group_free (gpointer data)
{
  TesseraDuplicateGroup *group = data;

  g_array_unref (group->passages);
  g_array_unref (group->sentences);
  g_free (group);
}

static int
compare_passages (gconstpointer a,
                  gconstpointer b)
{
  const TesseraPassage *x = a, *y = b;

  if (x->document_id != y->document_id)
    return x->document_id < y->document_id ? -1 : 1;
  return (x->start > y->start) - (x->start < y->start);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const TesseraDuplicateGroup *x = *(TesseraDuplicateGroup * const *) a;
  const TesseraDuplicateGroup *y = *(TesseraDuplicateGroup * const *) b;

  if (x->n_documents != y->n_documents)
    return x->n_documents > y->n_documents ? -1 : 1;
  return compare_passages (&g_array_index (x->passages, TesseraPassage, 0),
                           &g_array_index (y->passages, TesseraPassage, 0));
}

static int
compare_occurrences (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const Finder *f = user_data;
  const gint64 *documents = (const gint64 *) (gpointer) f->index->documents->data;
  const Segment *x = &f->segments[*(const guint32 *) a];
  const Segment *y = &f->segments[*(const guint32 *) b];
  gint64 dx = documents[x->doc], dy = documents[y->doc];

  if (dx != dy)
    return dx < dy ? -1 : 1;
  return (x->start > y->start) - (x->start < y->start);
}

/* Sentences found alike make groups (the union-find components that
 * reach two documents or more); a group whose every copy is followed by a
 * copy of the same next group, and only there, is merged with it into a
 * longer passage. */
static GPtrArray *
build_groups (Finder *f)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func (group_free);
  const gint64 *documents = (const gint64 *) (gpointer) f->index->documents->data;
  g_autofree guint32 *root = g_new (guint32, MAX (f->n, 1));
  g_autofree guint32 *n_docs = g_new0 (guint32, MAX (f->n, 1));
  g_autofree guint32 *last_doc = g_new (guint32, MAX (f->n, 1));
  g_autofree guint32 *next_of = g_new (guint32, MAX (f->n, 1));
  g_autofree guint32 *prev_of = g_new (guint32, MAX (f->n, 1));
  g_autofree guint32 *occurrence_start = g_new0 (guint32, f->n + 1);
  g_autofree guint32 *occurrences = g_new (guint32, MAX (f->n, 1));
  g_autofree guint32 *fill = NULL;
  g_autoptr(GArray) chain = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) copies = g_array_new (FALSE, FALSE, sizeof (guint32));

#define SHARED(i) (n_docs[root[i]] >= 2)

  for (guint32 i = 0; i < f->n; i++)
    {
      root[i] = find_root (f, i);
      last_doc[i] = NONE;
      next_of[i] = UNSET;
      prev_of[i] = UNSET;
    }
  /* Segments come document by document: count each root's documents. */
  for (guint32 i = 0; i < f->n; i++)
    if (last_doc[root[i]] != f->segments[i].doc)
      {
        last_doc[root[i]] = f->segments[i].doc;
        n_docs[root[i]]++;
      }

  for (guint32 i = 0; i < f->n; i++)
    {
      guint32 r = root[i];
      guint32 next = NONE, prev = NONE;

      if (!SHARED (i))
        continue;
      if (i + 1 < f->n && f->segments[i + 1].doc == f->segments[i].doc && SHARED (i + 1))
        next = root[i + 1];
      if (i > 0 && f->segments[i - 1].doc == f->segments[i].doc && SHARED (i - 1))
        prev = root[i - 1];
      next_of[r] = next_of[r] == UNSET || next_of[r] == next ? next : NONE;
      prev_of[r] = prev_of[r] == UNSET || prev_of[r] == prev ? prev : NONE;
      occurrence_start[r + 1]++;
    }

  /* Occurrences of each root, in segment order. */
  for (guint32 r = 0; r < f->n; r++)
    occurrence_start[r + 1] += occurrence_start[r];
  fill = g_memdup2 (occurrence_start, sizeof (guint32) * (f->n + 1));
  for (guint32 i = 0; i < f->n; i++)
    if (SHARED (i))
      occurrences[fill[root[i]]++] = i;

#define LINKED(a, b) ((a) != (b) && next_of[a] == (b) && prev_of[b] == (a))

  for (guint32 r = 0; r < f->n; r++)
    {
      TesseraDuplicateGroup *group;
      guint32 n_chain;
      double similarity = 1.0;

      if (root[r] != r || !SHARED (r))
        continue;
      /* Only chains' heads start a group. */
      if (prev_of[r] < UNSET && LINKED (prev_of[r], r))
        continue;

      g_array_set_size (chain, 0);
      for (guint32 c = r; ; c = next_of[c])
        {
          g_array_append_val (chain, c);
          similarity = MIN (similarity, f->weakest[c]);
          /* No cycle can pass every document's end, but be sure. */
          if (next_of[c] >= UNSET || !LINKED (c, next_of[c]) || chain->len > f->n)
            break;
        }
      n_chain = chain->len;

      group = g_new0 (TesseraDuplicateGroup, 1);
      group->similarity = similarity;
      group->n_sentences = n_chain;
      group->passages = g_array_new (FALSE, FALSE, sizeof (TesseraPassage));
      group->sentences = g_array_new (FALSE, FALSE, sizeof (TesseraSentenceRange));

      /* Copies by document id (documents need not come in id order). */
      g_array_set_size (copies, 0);
      g_array_append_vals (copies, occurrences + occurrence_start[r],
                           occurrence_start[r + 1] - occurrence_start[r]);
      g_array_sort_with_data (copies, compare_occurrences, f);

      for (guint o = 0; o < copies->len; o++)
        {
          guint32 i = g_array_index (copies, guint32, o);
          TesseraPassage passage;

          passage.document_id = documents[f->segments[i].doc];
          passage.start = f->segments[i].start;
          passage.end = f->segments[i + n_chain - 1].end;
          passage.group = 0;
          passage.first_sentence = group->sentences->len;
          passage.n_sentences = n_chain;
          if (o == 0 || passage.document_id != g_array_index (group->passages, TesseraPassage, o - 1).document_id)
            group->n_documents++;
          g_array_append_val (group->passages, passage);

          for (guint32 k = 0; k < n_chain; k++)
            {
              TesseraSentenceRange range = { f->segments[i + k].start, f->segments[i + k].end };

              g_array_append_val (group->sentences, range);
            }
        }

      g_ptr_array_add (groups, group);
    }

#undef LINKED
#undef SHARED

  g_ptr_array_sort (groups, compare_groups);
  for (guint g = 0; g < groups->len; g++)
    {
      TesseraDuplicateGroup *group = g_ptr_array_index (groups, g);

      for (guint p = 0; p < group->passages->len; p++)
        g_array_index (group->passages, TesseraPassage, p).group = g;
    }

  return groups;
}

TesseraDuplicates *
tessera_duplicate_index_finish (TesseraDuplicateIndex  *index,
                                GCancellable           *cancellable,
                                GError                **error)
{
  g_autoptr(TesseraDuplicateIndex) owned = index;
  g_autofree guint8 *representative = NULL;
  g_autofree guint32 *parent = NULL;
  g_autofree float *weakest = NULL;
  TesseraDuplicates *result;
  Finder f = { 0 };
  gboolean ok;

  g_return_val_if_fail (index != NULL, NULL);

  /* Word positions are 32-bit. */
  if (index->words->len >= G_MAXUINT32 - TESSERA_SENTENCE_MAX_WORDS ||
      index->segments->len >= UNSET)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_LIMIT,
                   "Too much text to compare at once (%u sentences)", index->segments->len);
      return NULL;
    }

  f.index = index;
  f.segments = (const Segment *) (gpointer) index->segments->data;
  f.words = (const guint32 *) (gpointer) index->words->data;
  f.n = index->segments->len;
  f.stats.n_documents = index->documents->len;
  f.stats.n_sentences = f.n;
  parent = g_new (guint32, MAX (f.n, 1));
  weakest = g_new (float, MAX (f.n, 1));
  for (guint32 i = 0; i < f.n; i++)
    {
      parent[i] = i;
      weakest[i] = 1.0f;
    }
  f.parent = parent;
  f.weakest = weakest;

  representative = link_exact_repeats (&f);
  ok = find_candidates (&f, representative, cancellable, error);
  g_free (f.seen.keys);
  g_free (f.weights);
  if (!ok)
    return NULL;

  result = g_new0 (TesseraDuplicates, 1);
  result->groups = build_groups (&f);
  result->stats = f.stats;

  return result;
}

typedef struct
{
  TesseraDuplicateIndex *index;
  TesseraProgressFunc    progress;
  gpointer               user_data;
  GCancellable          *cancellable;
  guint64                done;
  guint64                total;
} FindData;

static gboolean
add_document (TesseraDocument  *doc,
              gpointer          user_data,
              GError          **error)
{
  FindData *data = user_data;

  if (g_cancellable_set_error_if_cancelled (data->cancellable, error))
    return FALSE;

  tessera_duplicate_index_add (data->index, doc->id, doc->text != NULL ? doc->text : "");
  data->done++;
  if (data->progress != NULL)
    data->progress (data->done, MAX (data->total, data->done), data->user_data);

  return TRUE;
}

TesseraDuplicates *
tessera_duplicates_find (TesseraProject                *project,
                         const TesseraDuplicateOptions *options,
                         TesseraProgressFunc            progress,
                         gpointer                       user_data,
                         GCancellable                  *cancellable,
                         GError                       **error)
{
  g_autoptr(TesseraDuplicateIndex) index = NULL;
  FindData data = { 0 };

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), NULL);

  if (options != NULL && (options->min_similarity <= 0.0 || options->min_similarity > 1.0))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   "The similarity must be above 0 and at most 1, not %g", options->min_similarity);
      return NULL;
    }

  index = tessera_duplicate_index_new (options);
  data.index = index;
  data.progress = progress;
  data.user_data = user_data;
  data.cancellable = cancellable;
  data.total = tessera_project_count_documents (project);

  if (!tessera_project_foreach_document (project, TRUE, add_document, &data, error))
    return NULL;

  return tessera_duplicate_index_finish (g_steal_pointer (&index), cancellable, error);
}

guint
tessera_duplicates_get_n_groups (TesseraDuplicates *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->groups->len;
}

const TesseraDuplicateGroup *
tessera_duplicates_get_group (TesseraDuplicates *self,
                              guint              index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->groups->len, NULL);

  return g_ptr_array_index (self->groups, index);
}

const TesseraDuplicateStats *
tessera_duplicates_get_stats (TesseraDuplicates *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->stats;
}

static int
compare_passage_starts (gconstpointer a,
                        gconstpointer b)
{
  const TesseraPassage *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (x->end > y->end) - (x->end < y->end);
}

GArray *
tessera_duplicates_list_passages (TesseraDuplicates *self,
                                  gint64             document_id)
{
  GArray *passages;

  g_return_val_if_fail (self != NULL, NULL);

  passages = g_array_new (FALSE, FALSE, sizeof (TesseraPassage));
  for (guint g = 0; g < self->groups->len; g++)
    {
      const TesseraDuplicateGroup *group = g_ptr_array_index (self->groups, g);

      for (guint p = 0; p < group->passages->len; p++)
        {
          const TesseraPassage *passage = &g_array_index (group->passages, TesseraPassage, p);

          if (passage->document_id == document_id)
            g_array_append_val (passages, *passage);
        }
    }
  g_array_sort (passages, compare_passage_starts);

  return passages;
}

void
tessera_duplicates_free (TesseraDuplicates *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->groups);
  g_free (self);
}
