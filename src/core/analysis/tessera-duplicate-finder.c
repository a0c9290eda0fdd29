/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-duplicates"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-duplicates-private.h"

static void
join (Finder  *f,
      guint32  a,
      guint32  b,
      double   similarity)
{
  guint32 ra = find_root (f, a);
  guint32 rb = find_root (f, b);
  float weakest = MIN (get_weakest (f, ra), get_weakest (f, rb));

  weakest = MIN (weakest, (float) similarity);
  /* The smaller index stays the root: groups then list copies in order. */
  if (rb < ra)
    {
      guint32 t = ra;
      ra = rb;
      rb = t;
    }
  if (ra != rb)
    f->parent[rb] = ra;
  set_weakest (f, ra, weakest);
}

static int
compare_guint64 (const void *a,
                 const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return (x > y) - (x < y);
}

/* Sorts @keys (distinct) in place but for a buffer the size of the
 * largest range of keys with one top byte: a few kilobytes for a million
 * random keys, where a plain radix sort needs a second array of them. By
 * the top byte in place (American flag sort), then each range, small
 * enough to stay in cache, by the rest of the high half through the
 * buffer (stable), then keys with one high half by their low half. */
static void
sort_keys (guint64 *keys,
           gsize    n)
{
  g_autofree guint64 *buffer = NULL;
  gsize start[257] = { 0 };
  gsize next[256];
  gsize largest = 0;

  for (gsize i = 0; i < n; i++)
    start[(keys[i] >> 56) + 1]++;
  for (guint d = 0; d < 256; d++)
    {
      largest = MAX (largest, start[d + 1]);
      start[d + 1] += start[d];
    }
  memcpy (next, start, sizeof next);

  /* Each key goes to its byte's range, displacing one that goes on. */
  for (guint d = 0; d < 256; d++)
    while (next[d] < start[d + 1])
      {
        guint64 v = keys[next[d]];
        guint b = v >> 56;

        while (b != d)
          {
            guint64 t = keys[next[b]];

            keys[next[b]++] = v;
            v = t;
            b = v >> 56;
          }
        keys[next[d]++] = v;
      }

  buffer = g_new (guint64, MAX (largest, 1));
  for (guint d = 0; d < 256; d++)
    {
      guint64 *range = keys + start[d];
      gsize m = start[d + 1] - start[d];

      for (guint shift = 32; shift < 56 && m > 1; shift += 8)
        {
          gsize count[257] = { 0 };

          for (gsize i = 0; i < m; i++)
            count[((range[i] >> shift) & 0xff) + 1]++;
          for (guint b = 0; b < 256; b++)
            count[b + 1] += count[b];
          for (gsize i = 0; i < m; i++)
            buffer[count[(range[i] >> shift) & 0xff]++] = range[i];
          memcpy (range, buffer, m * sizeof (guint64));
        }
    }

  for (gsize s = 0; s < n; )
    {
      gsize e = s + 1;

      while (e < n && keys[e] >> 32 == keys[s] >> 32)
        e++;
      if (e - s > 16)
        qsort (keys + s, e - s, sizeof (guint64), compare_guint64);
      else
        for (gsize i = s + 1; i < e; i++)
          {
            guint64 v = keys[i];
            gsize j = i;

            for (; j > s && keys[j - 1] > v; j--)
              keys[j] = keys[j - 1];
            keys[j] = v;
          }
      s = e;
    }
}

/* Called once the entries are written again: @a and @b are keyed. */
static void
consider_pair (Finder  *f,
               guint32  a,
               guint32  b)
{
  TesseraDuplicateIndex *index = f->index;
  guint na, nb;
  double similarity;

  if (a > b)
    {
      guint32 t = a;
      a = b;
      b = t;
    }
  /* Already linked needs no proof; copies are between documents (@a is
   * in @b's document when that starts at @a or before). */
  if (find_root (f, a) == find_root (f, b) ||
      g_array_index (index->document_first, guint32, document_of (index, b)) <= a)
    return;

  /* A pair that another band brought up already is compared again (and
   * counted again): remembering every pair compared took more memory
   * than the sentences themselves, to save a few percent of the work. */
  f->stats.n_pairs_compared++;
  /* The LCS cannot be longer than the shorter sentence. */
  na = keyed_n_words (index, a);
  nb = keyed_n_words (index, b);
  if (2.0 * MIN (na, nb) / (na + nb) < index->options.min_similarity - 1e-9)
    return;

  keyed_words (index, a, f->rarer, f->a);
  keyed_words (index, b, f->rarer, f->b);
  similarity = tessera_shingle_similarity (f->a, na, f->b, nb);
  /* Alike word by word, and still alike when rare words count for more:
   * two different reports cast in the same stock phrases are not copies. */
  if (similarity >= index->options.min_similarity - 1e-9)
    {
      for (guint k = 0; k < na; k++)
        f->wa[k] = f->weights[f->a[k]];
      for (guint k = 0; k < nb; k++)
        f->wb[k] = f->weights[f->b[k]];
      similarity = MIN (similarity,
                        tessera_shingle_weighted_similarity (f->a, f->wa, na, f->b, f->wb, nb));
    }
  if (similarity >= index->options.min_similarity - 1e-9)
    {
      f->stats.n_pairs_matched++;
      join (f, a, b, similarity);
    }
}

/* The hashes of sentences are sorted a quarter at a time (by their top
 * bits), for a quarter of the room. */
#define HASH_PARTS 4

/* Sentences whose words are the same after normalisation are linked at
 * once; only the first of them (the representative) goes on to MinHash.
 * Returns what each sentence is (REPEAT or REPRESENTATIVE). */
guint8 *
_tessera_duplicate_link_exact_repeats (Finder *f)
{
  TesseraDuplicateIndex *index = f->index;
  /* Half of each hash and the segment: sorted, sentences alike meet. */
  guint64 *keys = f->keys;
  guint8 *kind = g_new (guint8, MAX (f->n, 1));

  memset (kind, REPRESENTATIVE, MAX (f->n, 1));
  for (guint part = 0; part < HASH_PARTS; part++)
    {
      gsize k = 0;

      for (guint32 i = 0; i < f->n; i++)
        {
          guint n = indexed_words (index, i, f->a);
          guint64 h = n;

          for (guint32 w = 0; w < n; w++)
            h = mix64 (h ^ f->hashes[f->a[w]]) + w;
          if (h / (G_MAXUINT64 / HASH_PARTS + 1) == part)
            keys[k++] = (h & G_GUINT64_CONSTANT (0xffffffff00000000)) | i;
        }
      sort_keys (keys, k);

      for (gsize start = 0; start < k; )
        {
          gsize end = start + 1;

          while (end < k && keys[end] >> 32 == keys[start] >> 32)
            end++;

          /* Of one hash, by index: each is a repeat of the first with the
           * same words (the hash's other sentences, if any, are rare). */
          for (gsize j = start + 1; j < end; j++)
            {
              guint32 b = (guint32) keys[j];
              guint m = indexed_words (index, b, f->b);

              for (gsize i = start; i < j; i++)
                {
                  guint32 a = (guint32) keys[i];
                  guint n;

                  if (kind[a] == REPEAT)
                    continue;
                  n = indexed_words (index, a, f->a);
                  if (m == n && memcmp (f->a, f->b, n * sizeof (guint32)) == 0)
                    {
                      kind[b] = REPEAT;
                      f->stats.n_exact++;
                      join (f, a, b, 1.0);
                      break;
                    }
                }
            }
          start = end;
        }
    }

  return kind;
}

static int
compare_guint32 (const void *a,
                 const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

/* @numbers (@n of them) sorted, without repeats; returns how many. */
static guint
sort_distinct (guint32 *numbers,
               guint    n)
{
  guint m = 0;

  /* A sentence is some twenty words. */
  if (n > 32)
    qsort (numbers, n, sizeof (guint32), compare_guint32);
  else
    for (guint i = 1; i < n; i++)
      {
        guint32 v = numbers[i];
        guint j = i;

        for (; j > 0 && numbers[j - 1] > v; j--)
          numbers[j] = numbers[j - 1];
        numbers[j] = v;
      }
  for (guint k = 0; k < n; k++)
    if (k == 0 || numbers[k] != numbers[k - 1])
      numbers[m++] = numbers[k];
  return m;
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

/* Where @number is among @m sorted @rarer words, or @m + @number. */
static guint32
word_item (const guint32 *rarer,
           guint          m,
           guint32        number)
{
  guint lo = 0, hi = m;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (rarer[mid] < number)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo < m && rarer[lo] == number ? lo : m + number;
}

/* Writes the entries again (see the top of the file), with the words
 * numbered again (@renumber: new number of each): sentences with enough
 * rarer words keep their words, rarer ones first; the others only where
 * they are. Returns how many are keyed, or -1 when too much. */
static gssize
rewrite_entries (Finder         *f,
                 const guint8   *kind,
                 const guint8   *rarer_word,
                 const guint32  *renumber)
{
  TesseraDuplicateIndex *index = f->index;
  Stream old = index->entries;
  gssize n_keyed = 0;
  guint32 old_base = 0;

  stream_init (&index->entries);
  for (guint32 i = 0; i < f->n; i++)
    {
      const OffsetBlock *block = g_ptr_array_index (index->offset_blocks, i >> SEGMENT_BLOCK_BITS);
      guint32 slot = i & (SEGMENT_BLOCK_LEN - 1);
      guint32 old_offset, offset;
      const guint8 *p;
      Position position;
      guint n, m = 0;
      guint8 *out;

      /* Read before set_offset() below moves the base. */
      if (slot % OFFSET_GROUP == 0)
        old_base = block->base[slot / OFFSET_GROUP];
      old_offset = old_base + block->step[slot];

      /* The old entries go as the new ones come. */
      stream_release_before (&old, old_offset);
      p = read_position (stream_at (&old, old_offset), &position);
      n = *p++ + 1u;
      for (guint k = 0; k < n; k++)
        f->a[k] = renumber[get_number (&p)];

      if (kind[i] != REPEAT)
        {
          guint d;

          memcpy (f->rarer, f->a, n * sizeof (guint32));
          d = sort_distinct (f->rarer, n);
          for (guint k = 0; k < d; k++)
            if (rarer_word[f->rarer[k]])
              f->rarer[m++] = f->rarer[k];
        }

      if ((out = stream_reserve (&index->entries, &offset)) == NULL)
        {
          stream_clear (&old);
          return -1;
        }
      set_offset (index, i, offset);
      position.keyed = m >= MIN_CONTENT_WORDS;
      out = write_position (out, &position);
      if (position.keyed)
        {
          n_keyed++;
          *out++ = (guint8) (n - 1);
          *out++ = (guint8) (m - 1);
          for (guint k = 0; k < m; k++)
            out = put_number (out, f->rarer[k]);
          for (guint k = 0; k < n; k++)
            out = put_number (out, word_item (f->rarer, m, f->a[k]));
        }
      stream_commit (&index->entries, out);
    }

  stream_clear (&old);
  return n_keyed;
}

static int
compare_by_count (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const guint32 *df = user_data;
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  if (df[x] != df[y])
    return df[x] > df[y] ? -1 : 1;
  return (x > y) - (x < y);
}

/* Frees @kind once the entries are written again. */
gboolean
_tessera_duplicate_find_candidates (Finder        *f,
                                    guint8       **kind,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  TesseraDuplicateIndex *index = f->index;
  guint32 n_numbers = index->word_hashes->len;
  g_autofree guint32 *df = g_new0 (guint32, MAX (n_numbers, 1));
  g_autofree guint32 *order = g_new (guint32, MAX (n_numbers, 1));
  g_autofree guint32 *renumber = g_new (guint32, MAX (n_numbers, 1));
  g_autofree guint32 *hashes = g_new (guint32, MAX (n_numbers, 1));
  g_autofree guint8 *rarer_word = g_new (guint8, MAX (n_numbers, 1));
  g_autofree guint32 *scratch = g_new (guint32, TESSERA_SENTENCE_MAX_WORDS);
  guint64 *keys = f->keys;
  guint32 n_representatives = 0;
  guint32 cutoff;
  gssize n_keyed;

  /* How many sentences (representatives) have each word. */
  for (guint32 i = 0; i < f->n; i++)
    {
      guint n;

      if ((*kind)[i] == REPEAT)
        continue;
      n_representatives++;
      n = sort_distinct (scratch, indexed_words (index, i, scratch));
      for (guint k = 0; k < n; k++)
        df[scratch[k]]++;
    }
  cutoff = MAX (STOP_MIN_SENTENCES, (guint32) (n_representatives * STOP_FRACTION));

  /* Words numbered again, the commonest first: the words kept for
   * comparing then take a byte more often. */
  for (guint32 w = 0; w < n_numbers; w++)
    order[w] = w;
  g_qsort_with_data (order, n_numbers, sizeof (guint32), compare_by_count, df);

  /* Every word is a word of some representative; the rarer ones take
   * part in MinHash. */
  f->weights = g_new (guint8, MAX (n_numbers, 1));
  for (guint32 w = 0; w < n_numbers; w++)
    {
      guint32 count = df[order[w]];

      renumber[order[w]] = w;
      hashes[w] = f->hashes[order[w]];
      f->weights[w] = word_weight (n_representatives, MAX (count, 1));
      rarer_word[w] = count <= cutoff;
    }
  /* An empty project has no words (and memcpy no NULL). */
  if (n_numbers > 0)
    memcpy (index->word_hashes->data, hashes, n_numbers * sizeof (guint32));
  g_clear_pointer (&hashes, g_free);
  g_clear_pointer (&order, g_free);
  g_clear_pointer (&df, g_free);
  /* Words are not looked up by hash any more. */
  count_map_clear (&index->word_numbers);

  n_keyed = rewrite_entries (f, *kind, rarer_word, renumber);
  g_clear_pointer (kind, g_free);
  g_clear_pointer (&renumber, g_free);
  if (n_keyed < 0)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_LIMIT,
                   _("Too much text to compare at once (%u sentences)"), f->n);
      return FALSE;
    }
  g_clear_pointer (&rarer_word, g_free);

  for (guint band = 0; band < N_BANDS; band++)
    {
      gsize k = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      for (guint32 i = 0; i < f->n; i++)
        {
          guint n, m;

          if (keyed_rarer_words (index, i, &n, scratch, &m) == NULL)
            continue;
          /* MinHash hashes the words' hashes, as found in the text. */
          for (guint w = 0; w < m; w++)
            scratch[w] = f->hashes[scratch[w]];
          keys[k++] = ((guint64) tessera_shingle_minhash_band (scratch, m, band, N_ROWS) << 32) | i;
        }
      /* Made in segment order: by key, then as made. */
      sort_keys (keys, k);

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
