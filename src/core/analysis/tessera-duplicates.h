/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-types.h"

G_BEGIN_DECLS

/* Passages that several documents share: wire copy reused by several
 * outlets, lightly edited. Sentences are compared by their words in
 * normal form (see tessera-shingle.h); candidate pairs come from MinHash
 * bands over each sentence's rarer words, so no two documents are
 * compared as a whole, and each candidate is confirmed by the longest
 * common subsequence of the two sentences' words, counted word by word
 * and again with rare words weighing more (the lower of the two must
 * reach the threshold). Sentences alike are grouped (transitively);
 * groups whose copies follow each other in every document make one
 * longer passage. */

#define TESSERA_DUPLICATES_DEFAULT_SIMILARITY 0.6
#define TESSERA_DUPLICATES_DEFAULT_MIN_WORDS  6

typedef struct
{
  double min_similarity;  /* 2·LCS/(n+m) of two sentences' words, 0–1 (above) */
  guint  min_words;       /* shorter sentences are left out */
} TesseraDuplicateOptions;

void tessera_duplicate_options_init (TesseraDuplicateOptions *options);

/* One copy of a shared passage. */
typedef struct
{
  gint64 document_id;
  gint64 start;           /* code points, end exclusive */
  gint64 end;
  guint  group;           /* index of its group */
  guint  first_sentence;  /* into the group's sentences */
  guint  n_sentences;
} TesseraPassage;

/* A sentence of a copy, in code points. */
typedef struct
{
  gint64 start;
  gint64 end;
} TesseraSentenceRange;

/* Copies of one passage. The k-th sentence of every copy is a copy of
 * the k-th sentence of the others. */
typedef struct
{
  double  similarity;   /* the lowest similarity of two sentences found alike */
  guint   n_documents;
  guint   n_sentences;  /* sentences in each copy */
  GArray *passages;     /* TesseraPassage, by document id then start */
  GArray *sentences;    /* TesseraSentenceRange, n_sentences per passage */
} TesseraDuplicateGroup;

typedef struct
{
  guint64 n_documents;
  guint64 n_sentences;      /* sentences indexed (min_words or more) */
  guint64 n_exact;          /* of them, exact repeats of another (after normalisation) */
  guint64 n_pairs_compared; /* sentence pairs whose similarity was computed */
  guint64 n_pairs_matched;  /* of them, found alike */
} TesseraDuplicateStats;

typedef struct _TesseraDuplicates     TesseraDuplicates;
typedef struct _TesseraDuplicateIndex TesseraDuplicateIndex;

/* Indexing texts one by one, then finding what they share. */
TesseraDuplicateIndex *tessera_duplicate_index_new    (const TesseraDuplicateOptions *options);
void                   tessera_duplicate_index_add    (TesseraDuplicateIndex *index,
                                                       gint64                 document_id,
                                                       const char            *text);
/* Frees @index. */
TesseraDuplicates     *tessera_duplicate_index_finish (TesseraDuplicateIndex *index,
                                                       GCancellable          *cancellable,
                                                       GError               **error);
void                   tessera_duplicate_index_free   (TesseraDuplicateIndex *index);

/* Every document of @project (@options NULL: the defaults). Progress
 * counts documents read. */
TesseraDuplicates     *tessera_duplicates_find        (TesseraProject               *project,
                                                       const TesseraDuplicateOptions *options,
                                                       TesseraProgressFunc           progress,
                                                       gpointer                      user_data,
                                                       GCancellable                 *cancellable,
                                                       GError                      **error);

/* Groups with the most documents first. */
guint                        tessera_duplicates_get_n_groups (TesseraDuplicates *self);
const TesseraDuplicateGroup *tessera_duplicates_get_group    (TesseraDuplicates *self,
                                                              guint              index);
const TesseraDuplicateStats *tessera_duplicates_get_stats    (TesseraDuplicates *self);
/* The copies of shared passages in @document_id, by start. */
GArray                      *tessera_duplicates_list_passages (TesseraDuplicates *self,
                                                               gint64             document_id);
void                         tessera_duplicates_free         (TesseraDuplicates *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraDuplicates, tessera_duplicates_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraDuplicateIndex, tessera_duplicate_index_free)

G_END_DECLS
