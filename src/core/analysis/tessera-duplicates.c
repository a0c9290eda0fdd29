/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-duplicates"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-project.h"
#include "tessera-duplicates-private.h"

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

static TesseraSentenceRange
segment_range (TesseraDuplicateIndex *index,
               guint32                i)
{
  TesseraSentenceRange range = { 0, 0 };

  /* From the document's first segment on. */
  for (guint32 j = g_array_index (index->document_first, guint32, document_of (index, i)); j <= i; j++)
    {
      Position position;

      read_position (entry_at (index, j), &position);
      range.start = range.end + position.gap;
      range.end = range.start + position.length;
    }

  return range;
}

static int
compare_occurrences (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  TesseraDuplicateIndex *index = user_data;
  const gint64 *documents = (const gint64 *) (gpointer) index->documents->data;
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  gint64 dx = documents[document_of (index, x)], dy = documents[document_of (index, y)];
  gint64 sx = segment_range (index, x).start, sy = segment_range (index, y).start;

  if (dx != dy)
    return dx < dy ? -1 : 1;
  return (sx > sy) - (sx < sy);
}

/* Where segment @i is in @member (it is there). */
static guint32
member_position (const guint32 *member,
                 guint32        n,
                 guint32        i)
{
  guint32 lo = 0, hi = n;

  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;

      if (member[mid] < i)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_assert (lo < n && member[lo] == i);

  return lo;
}

/* Sentences found alike make groups (the union-find components that
 * reach two documents or more); a group whose every copy is followed by a
 * copy of the same next group, and only there, is merged with it into a
 * longer passage. Most sentences are alike to none: the work is done on
 * those linked to another (the members, by position x), in segment order. */
static GPtrArray *
build_groups (Finder *f)
{
  TesseraDuplicateIndex *index = f->index;
  GPtrArray *groups = g_ptr_array_new_with_free_func (group_free);
  const gint64 *documents = (const gint64 *) (gpointer) index->documents->data;
  g_autofree guint8 *has_copies = g_new0 (guint8, f->n / 8 + 1);
  g_autofree guint32 *member = NULL;
  g_autofree guint32 *root = NULL;
  g_autofree guint32 *doc = NULL;
  g_autofree guint32 *n_docs = NULL;
  g_autofree guint32 *last_doc = NULL;
  g_autofree guint32 *next_of = NULL;
  g_autofree guint32 *prev_of = NULL;
  g_autofree guint32 *occurrence_start = NULL;
  g_autofree guint32 *occurrences = NULL;
  g_autofree guint32 *fill = NULL;
  g_autoptr(GArray) chain = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) copies = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 k = 0;

  /* A root is the smallest segment of its component; every other
   * segment points right at it after this. */
  for (guint32 i = 0; i < f->n; i++)
    {
      guint32 r = find_root (f, i);

      if (r != i)
        has_copies[r / 8] |= 1u << (r % 8);
    }
#define MEMBER(i) (!is_root (f, i) || (has_copies[(i) / 8] & (1u << ((i) % 8))))
  for (guint32 i = 0; i < f->n; i++)
    if (MEMBER (i))
      k++;
  member = g_new (guint32, MAX (k, 1));
  k = 0;
  for (guint32 i = 0; i < f->n; i++)
    if (MEMBER (i))
      member[k++] = i;
#undef MEMBER
  g_clear_pointer (&has_copies, g_free);

  root = g_new (guint32, MAX (k, 1));
  doc = g_new (guint32, MAX (k, 1));
  n_docs = g_new0 (guint32, MAX (k, 1));
  last_doc = g_new (guint32, MAX (k, 1));
  next_of = g_new (guint32, MAX (k, 1));
  prev_of = g_new (guint32, MAX (k, 1));
  occurrence_start = g_new0 (guint32, k + 1);
  occurrences = g_new (guint32, MAX (k, 1));

#define SHARED(x) (n_docs[root[x]] >= 2)

  for (guint32 x = 0; x < k; x++)
    {
      root[x] = is_root (f, member[x]) ? x : member_position (member, k, f->parent[member[x]]);
      doc[x] = document_of (index, member[x]);
      last_doc[x] = NONE;
      next_of[x] = UNSET;
      prev_of[x] = UNSET;
    }
  /* Segments come document by document: count each root's documents. */
  for (guint32 x = 0; x < k; x++)
    if (last_doc[root[x]] != doc[x])
      {
        last_doc[root[x]] = doc[x];
        n_docs[root[x]]++;
      }

  /* A shared sentence's neighbour in its document can be shared only if
   * it is a member too. */
  for (guint32 x = 0; x < k; x++)
    {
      guint32 r = root[x];
      guint32 next = NONE, prev = NONE;

      if (!SHARED (x))
        continue;
      if (x + 1 < k && member[x + 1] == member[x] + 1 && doc[x + 1] == doc[x] && SHARED (x + 1))
        next = root[x + 1];
      if (x > 0 && member[x - 1] == member[x] - 1 && doc[x - 1] == doc[x] && SHARED (x - 1))
        prev = root[x - 1];
      next_of[r] = next_of[r] == UNSET || next_of[r] == next ? next : NONE;
      prev_of[r] = prev_of[r] == UNSET || prev_of[r] == prev ? prev : NONE;
      occurrence_start[r + 1]++;
    }

  /* Occurrences of each root (as segments), in segment order. */
  for (guint32 r = 0; r < k; r++)
    occurrence_start[r + 1] += occurrence_start[r];
  fill = g_memdup2 (occurrence_start, sizeof (guint32) * (k + 1));
  for (guint32 x = 0; x < k; x++)
    if (SHARED (x))
      occurrences[fill[root[x]]++] = member[x];

#define LINKED(a, b) ((a) != (b) && next_of[a] == (b) && prev_of[b] == (a))

  for (guint32 r = 0; r < k; r++)
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
          similarity = MIN (similarity, get_weakest (f, member[c]));
          /* No cycle can pass every document's end, but be sure. */
          if (next_of[c] >= UNSET || !LINKED (c, next_of[c]) || chain->len > k)
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
      g_array_sort_with_data (copies, compare_occurrences, index);

      for (guint o = 0; o < copies->len; o++)
        {
          guint32 i = g_array_index (copies, guint32, o);
          TesseraPassage passage;

          passage.document_id = documents[document_of (index, i)];
          passage.start = segment_range (index, i).start;
          passage.end = segment_range (index, i + n_chain - 1).end;
          passage.group = 0;
          passage.first_sentence = group->sentences->len;
          passage.n_sentences = n_chain;
          if (o == 0 || passage.document_id != g_array_index (group->passages, TesseraPassage, o - 1).document_id)
            group->n_documents++;
          g_array_append_val (group->passages, passage);

          for (guint32 s = 0; s < n_chain; s++)
            {
              TesseraSentenceRange range = segment_range (index, i + s);

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
  g_autofree guint8 *kind = NULL;
  g_autofree guint32 *parent = NULL;
  g_autofree guint64 *keys = NULL;
  g_autofree Finder *f = NULL;
  TesseraDuplicates *result;
  gboolean ok;

  g_return_val_if_fail (index != NULL, NULL);

  if (index->too_big)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_LIMIT,
                   _("Too much text to compare at once (%u sentences)"), index->n_segments);
      return NULL;
    }

  f = g_new0 (Finder, 1);
  f->index = index;
  f->n = index->n_segments;
  f->hashes = (const guint32 *) (gpointer) index->word_hashes->data;
  f->stats.n_documents = index->documents->len;
  f->stats.n_sentences = f->n;
  parent = g_new (guint32, MAX (f->n, 1));
  f->parent = parent;
  for (guint32 i = 0; i < f->n; i++)
    set_weakest (f, i, 1.0f);
  keys = g_new (guint64, MAX (f->n, 1));
  f->keys = keys;

  kind = _tessera_duplicate_link_exact_repeats (f);
  ok = _tessera_duplicate_find_candidates (f, &kind, cancellable, error);
  f->keys = NULL;
  g_clear_pointer (&keys, g_free);
  g_clear_pointer (&f->weights, g_free);
  f->hashes = NULL;
  g_clear_pointer (&index->word_hashes, g_array_unref);
  if (!ok)
    return NULL;

  result = g_new0 (TesseraDuplicates, 1);
  result->groups = build_groups (f);
  result->stats = f->stats;

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
                   _("The similarity must be above 0 and at most 1, not %g"), options->min_similarity);
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
