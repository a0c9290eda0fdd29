/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Inside the shared-passages search (tessera-duplicates.h), shared by its
 * three files: the index of sentences (tessera-duplicate-index.c), finding
 * the sentences alike (tessera-duplicate-finder.c) and making passages of
 * them (tessera-duplicates.c). */

#include <string.h>

#include "tessera-shingle.h"
#include "tessera-duplicates.h"

G_BEGIN_DECLS

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

/* A project of 100,000 news reports holds over a million sentences and
 * twenty million words, and the search keeps them all until it ends, so
 * they are kept small (a word in a byte or two, where a hash takes four).
 * Each sentence (segment) has an entry in a stream of bytes:
 *
 * - while indexing: where it is (in code points: from the end of the
 *   document's previous segment, and its length), then its words: how
 *   many, less one, in a byte, and each word's number;
 * - once the rarer words are known (find_candidates()), each entry is
 *   written again, and only a sentence that takes part in MinHash (its
 *   length says so) keeps its words: how many, less one, and how many
 *   distinct rarer words, less one (a byte each), the rarer words'
 *   numbers (MinHash reads them 128 times), then each word in order, as
 *   its place among them or, for another word, its number plus their
 *   count.
 *
 * Words are numbered as they first appear (and again by how common they
 * are, before the entries are written again), so common words get small
 * numbers; numbers are written 7 bits a byte, low bits first. The stream
 * grows block by block, never copied; an entry may run past the end of
 * its block into a margin, so that offsets run on from block to block and
 * sixteen segments' offsets fit in one 32-bit base and 16-bit steps. */
#define SEGMENT_BLOCK_BITS 16
#define SEGMENT_BLOCK_LEN  (1u << SEGMENT_BLOCK_BITS)
#define OFFSET_GROUP       16
#define STREAM_BLOCK_BITS  20
#define STREAM_BLOCK_SIZE  (1u << STREAM_BLOCK_BITS)
/* Where it is, then words twice over (numbers of up to 5 bytes). */
#define MAX_ENTRY_BYTES    (10 + 10 + 2 + 2 * 5 * TESSERA_SENTENCE_MAX_WORDS)
/* The union-find below marks roots with the top bit of a segment number;
 * a word's place among the rarer ones is added to a number. */
#define MAX_SEGMENTS       (1u << 31)
#define MAX_WORDS          (1u << 31)

G_STATIC_ASSERT (TESSERA_SENTENCE_MAX_WORDS <= 256);
G_STATIC_ASSERT ((OFFSET_GROUP - 1) * MAX_ENTRY_BYTES <= G_MAXUINT16);

/* Open addressing: word hash (never 0) → count or word number. */
typedef struct
{
  guint32 *keys;
  guint32 *values;
  guint32  mask;
  guint32  n;
} CountMap;

typedef struct
{
  GPtrArray *blocks;    /* guint8[STREAM_BLOCK_SIZE + MAX_ENTRY_BYTES], NULL once released */
  guint32    end;       /* offset of the next entry */
  guint8    *next;      /* where it goes */
  guint      released;  /* blocks released */
} Stream;

/* Where each segment's entry is in the stream. */
typedef struct
{
  guint32 base[SEGMENT_BLOCK_LEN / OFFSET_GROUP];
  guint16 step[SEGMENT_BLOCK_LEN];
} OffsetBlock;

/* Where a segment is (see above); @keyed: its words follow. */
typedef struct
{
  gint64   gap;
  guint32  length;
  gboolean keyed;
} Position;

struct _TesseraDuplicateIndex
{
  TesseraDuplicateOptions options;
  GArray    *documents;       /* gint64 */
  GArray    *document_first;  /* guint32: each document's first segment */
  GPtrArray *offset_blocks;   /* OffsetBlock */
  guint32    n_segments;
  Stream     entries;
  CountMap   word_numbers;    /* word hash → its number */
  GArray    *word_hashes;     /* guint32: the hash of each word number */
  gboolean   too_big;
  GArray    *tokens;          /* scratch: TesseraWordToken */
  GArray    *sentences;       /* scratch: TesseraSentence */
};

/* --- small helpers ------------------------------------------------------ */

static inline void
count_map_clear (CountMap *map)
{
  g_clear_pointer (&map->keys, g_free);
  g_clear_pointer (&map->values, g_free);
}

static inline guint64
mix64 (guint64 x)
{
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  x ^= x >> 33;
  return x;
}

/* --- entries ------------------------------------------------------------- */

static inline guint8 *
put_number (guint8  *out,
            guint64  number)
{
  while (number >= 0x80)
    {
      *out++ = (guint8) (number | 0x80);
      number >>= 7;
    }
  *out++ = (guint8) number;
  return out;
}

static inline guint64
get_number (const guint8 **p)
{
  const guint8 *q = *p;
  guint64 number = *q & 0x7f;
  guint shift = 7;

  /* Most words are common ones: a byte. */
  if (*q < 0x80)
    {
      *p = q + 1;
      return number;
    }
  while (*q++ & 0x80)
    {
      number |= (guint64) (*q & 0x7f) << shift;
      shift += 7;
    }
  *p = q;
  return number;
}

static inline void
stream_init (Stream *stream)
{
  stream->blocks = g_ptr_array_new_with_free_func (g_free);
  stream->end = 0;
  stream->next = NULL;
  stream->released = 0;
}

static inline void
stream_clear (Stream *stream)
{
  g_clear_pointer (&stream->blocks, g_ptr_array_unref);
}

/* Where the next entry goes, and its offset; NULL when the stream is
 * full (offsets are 32-bit). */
static inline guint8 *
stream_reserve (Stream  *stream,
                guint32 *offset)
{
  guint block = stream->end >> STREAM_BLOCK_BITS;

  if (stream->end > G_MAXUINT32 - MAX_ENTRY_BYTES)
    return NULL;
  while (stream->blocks->len <= block)
    g_ptr_array_add (stream->blocks, g_malloc (STREAM_BLOCK_SIZE + MAX_ENTRY_BYTES));

  *offset = stream->end;
  stream->next = (guint8 *) g_ptr_array_index (stream->blocks, block) + (stream->end & (STREAM_BLOCK_SIZE - 1));
  return stream->next;
}

/* The entry stream_reserve() gave ends at @end. */
static inline void
stream_commit (Stream       *stream,
               const guint8 *end)
{
  g_assert (end - stream->next <= MAX_ENTRY_BYTES);
  stream->end += end - stream->next;
}

static inline const guint8 *
stream_at (const Stream *stream,
           guint32       offset)
{
  const guint8 *block = g_ptr_array_index (stream->blocks, offset >> STREAM_BLOCK_BITS);

  return block + (offset & (STREAM_BLOCK_SIZE - 1));
}

/* Frees the blocks before the one of @offset: read once, in order. */
static inline void
stream_release_before (Stream  *stream,
                       guint32  offset)
{
  for (; stream->released < offset >> STREAM_BLOCK_BITS; stream->released++)
    g_clear_pointer (&g_ptr_array_index (stream->blocks, stream->released), g_free);
}

static inline guint32
get_offset (TesseraDuplicateIndex *index,
            guint32                i)
{
  const OffsetBlock *block = g_ptr_array_index (index->offset_blocks, i >> SEGMENT_BLOCK_BITS);
  guint32 slot = i & (SEGMENT_BLOCK_LEN - 1);

  return block->base[slot / OFFSET_GROUP] + block->step[slot];
}

/* Segments' offsets are set in order. */
static inline void
set_offset (TesseraDuplicateIndex *index,
            guint32                i,
            guint32                offset)
{
  OffsetBlock *block = g_ptr_array_index (index->offset_blocks, i >> SEGMENT_BLOCK_BITS);
  guint32 slot = i & (SEGMENT_BLOCK_LEN - 1);

  if (slot % OFFSET_GROUP == 0)
    block->base[slot / OFFSET_GROUP] = offset;
  g_assert (offset - block->base[slot / OFFSET_GROUP] <= G_MAXUINT16);
  block->step[slot] = offset - block->base[slot / OFFSET_GROUP];
}

static inline const guint8 *
entry_at (TesseraDuplicateIndex *index,
          guint32                i)
{
  return stream_at (&index->entries, get_offset (index, i));
}

/* Where the segment of an entry is; returns what follows. */
static inline const guint8 *
read_position (const guint8 *p,
               Position     *position)
{
  guint64 gap = get_number (&p);
  guint64 length = get_number (&p);

  /* The gap is never negative, but it costs nothing to be sure. */
  position->gap = (gint64) (gap >> 1) ^ -(gint64) (gap & 1);
  position->length = (guint32) (length >> 1);
  position->keyed = length & 1;
  return p;
}

static inline guint8 *
write_position (guint8         *out,
                const Position *position)
{
  out = put_number (out, ((guint64) position->gap << 1) ^ (guint64) (position->gap >> 63));
  return put_number (out, ((guint64) position->length << 1) | (position->keyed ? 1 : 0));
}

/* The words of segment @i, as indexed, into @numbers; returns how many. */
static inline guint
indexed_words (TesseraDuplicateIndex *index,
               guint32                i,
               guint32               *numbers)
{
  const guint8 *p = entry_at (index, i);
  Position position;
  guint n;

  p = read_position (p, &position);
  n = *p++ + 1u;
  for (guint k = 0; k < n; k++)
    numbers[k] = (guint32) get_number (&p);
  return n;
}

/* How many words segment @i has (a keyed one, once written again). */
static inline guint
keyed_n_words (TesseraDuplicateIndex *index,
               guint32                i)
{
  Position position;

  return *read_position (entry_at (index, i), &position) + 1u;
}

/* The distinct rarer words of segment @i into @rarer, their number into
 * @m, and where its words follow; NULL when it is not keyed. */
static inline const guint8 *
keyed_rarer_words (TesseraDuplicateIndex *index,
                   guint32                i,
                   guint                 *n,
                   guint32               *rarer,
                   guint                 *m)
{
  const guint8 *p = entry_at (index, i);
  Position position;

  p = read_position (p, &position);
  if (!position.keyed)
    return NULL;
  *n = *p++ + 1u;
  *m = *p++ + 1u;
  for (guint k = 0; k < *m; k++)
    rarer[k] = (guint32) get_number (&p);
  return p;
}

/* The words of keyed segment @i into @numbers (@rarer: room for its rarer
 * words); returns how many. */
static inline guint
keyed_words (TesseraDuplicateIndex *index,
             guint32                i,
             guint32               *rarer,
             guint32               *numbers)
{
  guint n = 0, m = 0;
  const guint8 *p = keyed_rarer_words (index, i, &n, rarer, &m);

  g_assert (p != NULL);
  for (guint k = 0; k < n; k++)
    {
      guint32 item = (guint32) get_number (&p);

      numbers[k] = item < m ? rarer[item] : item - m;
    }
  return n;
}

/* The document of segment @i: the last one to start at @i or before. */
static inline guint32
document_of (TesseraDuplicateIndex *index,
             guint32                i)
{
  const guint32 *first = (const guint32 *) (gpointer) index->document_first->data;
  guint32 lo = 0, hi = index->document_first->len;

  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;

      if (first[mid] <= i)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo - 1;
}

/* --- finding ---------------------------------------------------------- */

/* What a sentence is to MinHash. */
enum
{
  REPEAT,          /* an exact repeat of an earlier sentence */
  REPRESENTATIVE,  /* the first of its words */
  KEYED            /* a representative with enough rarer words */
};

typedef struct
{
  TesseraDuplicateIndex *index;
  guint32                n;
  const guint32         *hashes;    /* per word number: its hash */
  guint8                *weights;   /* per word number: how rare it is */
  guint32               *parent;    /* union-find over segments (below) */
  /* Keys to sort, room for one a segment: finding exact repeats writes a
   * quarter of it, MinHash one a keyed sentence. Kept in between, its
   * pages serve both (freed, they would go to the entries written again
   * and MinHash would take new ones). */
  guint64               *keys;
  TesseraDuplicateStats  stats;
  /* The words of the two sentences compared, and their weights. */
  guint32                a[TESSERA_SENTENCE_MAX_WORDS];
  guint32                b[TESSERA_SENTENCE_MAX_WORDS];
  guint32                rarer[TESSERA_SENTENCE_MAX_WORDS];
  guint8                 wa[TESSERA_SENTENCE_MAX_WORDS];
  guint8                 wb[TESSERA_SENTENCE_MAX_WORDS];
} Finder;

/* A segment's slot holds its parent or, for a root (ROOT set), the
 * lowest similarity of a link in its set: a similarity is a float from 0
 * to 1, whose bits fit in 31. No second array of a million floats. */
#define ROOT MAX_SEGMENTS

typedef union
{
  guint32 bits;
  float   value;
} FloatBits;

static inline gboolean
is_root (Finder  *f,
         guint32  i)
{
  return (f->parent[i] & ROOT) != 0;
}

static inline float
get_weakest (Finder  *f,
             guint32  root)
{
  FloatBits u = { .bits = f->parent[root] & ~ROOT };

  return u.value;
}

static inline void
set_weakest (Finder  *f,
             guint32  root,
             float    weakest)
{
  FloatBits u = { .value = weakest };

  f->parent[root] = ROOT | u.bits;
}

static inline guint32
find_root (Finder  *f,
           guint32  i)
{
  guint32 root = i;

  while (!is_root (f, root))
    root = f->parent[root];
  while (i != root)
    {
      guint32 next = f->parent[i];

      f->parent[i] = root;
      i = next;
    }
  return root;
}

/* Link sentences whose words are the same; returns what each sentence is
 * (REPEAT or REPRESENTATIVE). */
guint8   *_tessera_duplicate_link_exact_repeats (Finder        *f);
/* Compare candidate pairs from MinHash bands; frees @kind once the entries
 * are written again. */
gboolean  _tessera_duplicate_find_candidates    (Finder        *f,
                                                 guint8       **kind,
                                                 GCancellable  *cancellable,
                                                 GError       **error);

G_END_DECLS
