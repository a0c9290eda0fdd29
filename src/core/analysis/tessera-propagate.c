/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-propagate"

#include "config.h"

#include <string.h>

#include "tessera-error.h"
#include "tessera-project.h"
#include "tessera-shingle.h"
#include "tessera-propagate-private.h"

/* Longer sentences are not aligned (the index cuts them at
 * TESSERA_SENTENCE_MAX_WORDS words, so this only guards odd input). */
#define MAX_ALIGN_WORDS 1024

/* --- id maps ---------------------------------------------------------- */

static GHashTable *
id_map_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

static void
id_map_set (GHashTable *map,
            gint64      key,
            gint64      value)
{
  g_hash_table_insert (map, g_memdup2 (&key, sizeof key), g_memdup2 (&value, sizeof value));
}

static gint64
id_map_get (GHashTable *map,
            gint64      key)
{
  gint64 *value = g_hash_table_lookup (map, &key);

  return value != NULL ? *value : 0;
}

char *
_tessera_propagate_span_key (gint64 start,
                             gint64 end,
                             gint64 label_id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                          start, end, label_id);
}

GHashTable *
_tessera_propagate_rejected_keys (GArray *rejections)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < rejections->len; i++)
    {
      const TesseraRejection *r = &g_array_index (rejections, TesseraRejection, i);

      g_hash_table_add (keys, _tessera_propagate_span_key (r->start, r->end, r->label_id));
    }

  return keys;
}

/* --- texts ------------------------------------------------------------ */

typedef struct
{
  gint64     id;
  char      *text;
  gint64     n_chars;
  GArray    *tokens;   /* TesseraWordToken */
  GPtrArray *normal;   /* char* per token, NULL until asked for */
} DocText;

static void
doc_text_free (DocText *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->text);
  g_array_unref (doc->tokens);
  g_ptr_array_unref (doc->normal);
  g_free (doc);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DocText, doc_text_free)

static DocText *
doc_text_load (TesseraProject  *project,
               gint64           id,
               GError         **error)
{
  g_autoptr(TesseraDocument) document = tessera_project_get_document (project, id, TRUE, error);
  DocText *doc;

  if (document == NULL)
    return NULL;

  doc = g_new0 (DocText, 1);
  doc->id = id;
  doc->text = g_steal_pointer (&document->text);
  if (doc->text == NULL)
    doc->text = g_strdup ("");
  doc->n_chars = g_utf8_strlen (doc->text, -1);
  doc->tokens = g_array_new (FALSE, FALSE, sizeof (TesseraWordToken));
  tessera_shingle_analyze (doc->text, doc->tokens, NULL);
  doc->normal = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_set_size (doc->normal, doc->tokens->len);

  return doc;
}

static const TesseraWordToken *
doc_token (const DocText *doc,
           guint          i)
{
  return &g_array_index (doc->tokens, TesseraWordToken, i);
}

static const char *
doc_normal (DocText *doc,
            guint    i)
{
  if (doc->normal->pdata[i] == NULL)
    {
      const TesseraWordToken *token = doc_token (doc, i);

      doc->normal->pdata[i] = tessera_shingle_normalize (doc->text + token->byte_start,
                                                         token->byte_end - token->byte_start);
    }
  return doc->normal->pdata[i];
}

/* Index of the first word that ends after @offset. */
static guint
first_token_ending_after (const DocText *doc,
                          gint64         offset)
{
  guint lo = 0, hi = doc->tokens->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((gint64) doc_token (doc, mid)->end <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The words inside [@start, @end): first index and count. */
static guint
tokens_in (const DocText *doc,
           gint64         start,
           gint64         end,
           guint         *first)
{
  guint i = first_token_ending_after (doc, start);
  guint n = 0;

  while (i < doc->tokens->len && doc_token (doc, i)->start < start)
    i++;
  *first = i;
  while (i + n < doc->tokens->len && (gint64) doc_token (doc, i + n)->end <= end)
    n++;
  return n;
}

/* The characters between words, compared loosely: any run of spaces is
 * one space; curly and straight quotes, and all dashes, are alike. */
static char *
loose_chars (const char *p,
             glong       n_chars)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (glong i = 0; i < n_chars && *p != '\0'; i++, p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          if (!space)
            g_string_append_c (out, ' ');
          space = TRUE;
          continue;
        }
      space = FALSE;
      switch (c)
        {
        case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC:
          c = '\'';
          break;
        case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB:
          c = '"';
          break;
        case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
          c = '-';
          break;
        default:
          break;
        }
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
same_loose_chars (const char *a,
                  glong       na,
                  const char *b,
                  glong       nb)
{
  g_autofree char *la = loose_chars (a, na);
  g_autofree char *lb = loose_chars (b, nb);

  return strcmp (la, lb) == 0;
}

/* --- alignment -------------------------------------------------------- */

static gboolean
words_match (DocText *s,
             guint    i,
             DocText *t,
             guint    j)
{
  if (doc_token (s, i)->hash == doc_token (t, j)->hash)
    return strcmp (doc_normal (s, i), doc_normal (t, j)) == 0;
  return tessera_shingle_words_close (doc_normal (s, i), doc_normal (t, j));
}

/* Aligns the words of two copies of a sentence (longest common
 * subsequence of matching words) and records in @map, for each word of
 * @s, the index of its counterpart in @t. Nothing is recorded when the
 * copies are less alike than @min_similarity. */
static void
align_sentence (DocText                    *s,
                const TesseraSentenceRange *s_range,
                DocText                    *t,
                const TesseraSentenceRange *t_range,
                double                      min_similarity,
                gint32                     *map)
{
  g_autofree guint16 *table = NULL;
  guint s_first, t_first, n, m, i, j;

  n = tokens_in (s, s_range->start, s_range->end, &s_first);
  m = tokens_in (t, t_range->start, t_range->end, &t_first);
  if (n == 0 || m == 0 || n > MAX_ALIGN_WORDS || m > MAX_ALIGN_WORDS)
    return;

#define L(a, b) table[(gsize) (a) * (m + 1) + (b)]
  table = g_new0 (guint16, (gsize) (n + 1) * (m + 1));
  for (i = 1; i <= n; i++)
    for (j = 1; j <= m; j++)
      {
        if (words_match (s, s_first + i - 1, t, t_first + j - 1))
          L (i, j) = L (i - 1, j - 1) + 1;
        else
          L (i, j) = MAX (L (i - 1, j), L (i, j - 1));
      }

  if (2.0 * L (n, m) / (n + m) < min_similarity - 1e-9)
    return;

  for (i = n, j = m; i > 0 && j > 0; )
    {
      if (L (i, j) == L (i - 1, j - 1) + 1 &&
          words_match (s, s_first + i - 1, t, t_first + j - 1))
        {
          map[s_first + i - 1] = t_first + j - 1;
          i--;
          j--;
        }
      else if (L (i - 1, j) >= L (i, j - 1))
        i--;
      else
        j--;
    }
#undef L
}

/* Where span [@start, @end) of @s goes in @t, or FALSE when it cannot
 * be carried (see tessera_propagate()). */
static gboolean
carry_range (DocText      *s,
             DocText      *t,
             const gint32 *map,
             gint64        start,
             gint64        end,
             gint64       *t_start,
             gint64       *t_end)
{
  const TesseraWordToken *first, *last, *t_first, *t_last;
  guint i0, n;
  glong prefix, suffix;

  n = tokens_in (s, start, end, &i0);
  if (n == 0)
    return FALSE;
  first = doc_token (s, i0);
  last = doc_token (s, i0 + n - 1);
  /* A span that cuts a word in two is not carried. */
  if (i0 > 0 && (gint64) doc_token (s, i0 - 1)->end > start)
    return FALSE;
  if (i0 + n < s->tokens->len && (gint64) doc_token (s, i0 + n)->start < end)
    return FALSE;

  for (guint k = 0; k < n; k++)
    if (map[i0 + k] < 0 || map[i0 + k] != map[i0] + (gint32) k)
      return FALSE;

  for (guint k = 0; k + 1 < n; k++)
    {
      const TesseraWordToken *a = doc_token (s, i0 + k), *b = doc_token (s, i0 + k + 1);
      const TesseraWordToken *ta = doc_token (t, map[i0 + k]), *tb = doc_token (t, map[i0 + k + 1]);

      if (!same_loose_chars (s->text + a->byte_end, b->start - a->end,
                             t->text + ta->byte_end, tb->start - ta->end))
        return FALSE;
    }

  t_first = doc_token (t, map[i0]);
  t_last = doc_token (t, map[i0 + n - 1]);
  *t_start = t_first->start;
  *t_end = t_last->end;

  /* Punctuation the span starts or ends with comes along when the copy
   * has the same there. */
  prefix = first->start - start;
  if (prefix > 0 && *t_start >= prefix)
    {
      const char *sp = g_utf8_offset_to_pointer (s->text + first->byte_start, -prefix);
      const char *tp = g_utf8_offset_to_pointer (t->text + t_first->byte_start, -prefix);

      if (same_loose_chars (sp, prefix, tp, prefix))
        *t_start -= prefix;
    }
  suffix = end - last->end;
  if (suffix > 0 && *t_end + suffix <= t->n_chars &&
      same_loose_chars (s->text + last->byte_end, suffix, t->text + t_last->byte_end, suffix))
    *t_end += suffix;

  return TRUE;
}

/* --- carrying --------------------------------------------------------- */

typedef struct
{
  guint   group;
  guint   source;   /* passage index in the group */
  guint   target;
  gint64  target_id;
} PassagePair;

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const PassagePair *x = a, *y = b;

  if (x->target_id != y->target_id)
    return x->target_id < y->target_id ? -1 : 1;
  if (x->group != y->group)
    return x->group < y->group ? -1 : 1;
  if (x->source != y->source)
    return x->source < y->source ? -1 : 1;
  return (x->target > y->target) - (x->target < y->target);
}

/* What a source document brings: its own (not suggested) annotations. */
typedef struct
{
  DocText   *doc;
  GArray    *spans;     /* TesseraSpan */
  GPtrArray *events;    /* TesseraEvent* */
  GArray    *stances;   /* TesseraStance */
} Source;

static void
source_clear (Source *source)
{
  g_clear_pointer (&source->doc, doc_text_free);
  g_clear_pointer (&source->spans, g_array_unref);
  g_clear_pointer (&source->events, g_ptr_array_unref);
  g_clear_pointer (&source->stances, g_array_unref);
}

static gboolean
source_load (TesseraProject  *project,
             gint64           id,
             Source          *source,
             GError         **error)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) stances = NULL;

  if (!(spans = tessera_project_list_spans (project, id, error)) ||
      !(events = tessera_project_list_events (project, id, error)) ||
      !(stances = tessera_project_list_stances (project, id, error)))
    return FALSE;

  source->spans = tessera_span_array_new ();
  for (guint i = 0; i < spans->len; i++)
    {
      TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);

      if (!span->suggested)
        {
          TesseraSpan copy = *span;

          copy.note = g_strdup (span->note);
          g_array_append_val (source->spans, copy);
        }
    }
  source->events = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_event_free);
  for (guint i = 0; i < events->len; i++)
    {
      TesseraEvent *event = g_ptr_array_index (events, i);

      if (!event->suggested)
        g_ptr_array_add (source->events, tessera_event_copy (event));
    }
  source->stances = g_array_new (FALSE, FALSE, sizeof (TesseraStance));
  for (guint i = 0; i < stances->len; i++)
    {
      TesseraStance *stance = &g_array_index (stances, TesseraStance, i);

      if (!stance->suggested)
        g_array_append_val (source->stances, *stance);
    }

  if (source->spans->len == 0)
    return TRUE;

  source->doc = doc_text_load (project, id, error);
  return source->doc != NULL;
}

/* What a target document has already, what the analyst rejected in it,
 * and the maps from the source's annotations to their counterparts in it. */
typedef struct
{
  DocText    *doc;
  GHashTable *spans;            /* "start:end:label" → gint64* id */
  GHashTable *events;           /* "trigger:0:type" → gint64* event id */
  GHashTable *stances;          /* "span:label" → NULL */
  GHashTable *rejected;         /* "start:end:label" → NULL */
  GHashTable *places;           /* span id (planned too) → gint64[2] start, end */
  GHashTable *span_map;         /* source span id → target span id */
  GHashTable *event_map;        /* source event id → target event id */
} Target;

static void
target_set_place (Target *target,
                  gint64  span_id,
                  gint64  start,
                  gint64  end)
{
  gint64 place[2] = { start, end };

  g_hash_table_insert (target->places, g_memdup2 (&span_id, sizeof span_id), g_memdup2 (place, sizeof place));
}

/* Whether the analyst rejected @label_id on span @span_id's place: an
 * event of that type on it, or a stance with that label. */
static gboolean
target_rejects (Target *target,
                gint64  span_id,
                gint64  label_id)
{
  const gint64 *place = g_hash_table_lookup (target->places, &span_id);
  g_autofree char *key = NULL;

  if (place == NULL || g_hash_table_size (target->rejected) == 0)
    return FALSE;
  key = _tessera_propagate_span_key (place[0], place[1], label_id);

  return g_hash_table_contains (target->rejected, key);
}

static void
target_clear (Target *target)
{
  g_clear_pointer (&target->doc, doc_text_free);
  g_clear_pointer (&target->spans, g_hash_table_unref);
  g_clear_pointer (&target->events, g_hash_table_unref);
  g_clear_pointer (&target->stances, g_hash_table_unref);
  g_clear_pointer (&target->rejected, g_hash_table_unref);
  g_clear_pointer (&target->places, g_hash_table_unref);
  g_clear_pointer (&target->span_map, g_hash_table_unref);
  g_clear_pointer (&target->event_map, g_hash_table_unref);
}

static gboolean
target_load (TesseraProject  *project,
             gint64           id,
             Target          *target,
             GError         **error)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) stances = NULL;
  g_autoptr(GArray) rejections = NULL;

  if (!(spans = tessera_project_list_spans (project, id, error)) ||
      !(events = tessera_project_list_events (project, id, error)) ||
      !(stances = tessera_project_list_stances (project, id, error)) ||
      !(rejections = tessera_project_list_rejections (project, id, error)) ||
      !(target->doc = doc_text_load (project, id, error)))
    return FALSE;

  target->spans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  target->places = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < spans->len; i++)
    {
      const TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);

      g_hash_table_insert (target->spans, _tessera_propagate_span_key (span->start, span->end, span->label_id),
                           g_memdup2 (&span->id, sizeof span->id));
      target_set_place (target, span->id, span->start, span->end);
    }
  target->rejected = _tessera_propagate_rejected_keys (rejections);
  target->events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < events->len; i++)
    {
      const TesseraEvent *event = g_ptr_array_index (events, i);
      g_autofree char *key = _tessera_propagate_span_key (event->trigger_span_id, 0, event->type_label_id);

      /* The first of a type on a trigger stands for them. */
      if (!g_hash_table_contains (target->events, key))
        g_hash_table_insert (target->events, g_steal_pointer (&key), g_memdup2 (&event->id, sizeof event->id));
    }
  target->stances = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < stances->len; i++)
    {
      const TesseraStance *stance = &g_array_index (stances, TesseraStance, i);

      g_hash_table_add (target->stances, _tessera_propagate_span_key (stance->span_id, 0, stance->label_id));
    }
  target->span_map = id_map_new ();
  target->event_map = id_map_new ();

  return TRUE;
}

/* Works out a plan, reading @project only. */
typedef struct
{
  TesseraProject         *project;
  TesseraDuplicates      *duplicates;
  double                  min_similarity;
  TesseraPlan            *plan;
} Propagator;

static gboolean
carry_spans (Propagator            *p,
             Source                *source,
             Target                *target,
             const PassagePair     *pair,
             gint32                *map,
             GError               **error)
{
  const TesseraDuplicateGroup *group = tessera_duplicates_get_group (p->duplicates, pair->group);
  const TesseraPassage *sp = &g_array_index (group->passages, TesseraPassage, pair->source);
  const TesseraPassage *tp = &g_array_index (group->passages, TesseraPassage, pair->target);
  guint first, n;

  for (guint k = 0; k < group->n_sentences; k++)
    align_sentence (source->doc,
                    &g_array_index (group->sentences, TesseraSentenceRange, sp->first_sentence + k),
                    target->doc,
                    &g_array_index (group->sentences, TesseraSentenceRange, tp->first_sentence + k),
                    p->min_similarity, map);

  for (guint i = 0; i < source->spans->len; i++)
    {
      const TesseraSpan *span = &g_array_index (source->spans, TesseraSpan, i);
      g_autofree char *key = NULL;
      gint64 start, end, *existing, id;

      if (span->start < sp->start || span->end > sp->end)
        continue;
      if (!carry_range (source->doc, target->doc, map, span->start, span->end, &start, &end))
        continue;

      key = _tessera_propagate_span_key (start, end, span->label_id);
      existing = g_hash_table_lookup (target->spans, key);
      if (existing != NULL)
        id = *existing;
      else if (g_hash_table_contains (target->rejected, key))
        continue;   /* nor what depends on it */
      else
        {
          TesseraSpan copy = *span;

          copy.id = 0;
          copy.document_id = target->doc->id;
          copy.start = start;
          copy.end = end;
          copy.created = 0;
          copy.updated = 0;
          copy.suggested = TRUE;
          id = tessera_plan_add_span (p->plan, &copy);
          g_hash_table_insert (target->spans, g_steal_pointer (&key), g_memdup2 (&id, sizeof id));
          target_set_place (target, id, start, end);
        }
      if (id_map_get (target->span_map, span->id) == 0)
        id_map_set (target->span_map, span->id, id);
    }

  /* Reset the words of this passage for the next pair. */
  n = tokens_in (source->doc, sp->start, sp->end, &first);
  for (guint k = 0; k < n; k++)
    map[first + k] = -1;

  return TRUE;
}

static gboolean
carry_events (Propagator  *p,
              Source      *source,
              Target      *target,
              GError     **error)
{
  for (guint i = 0; i < source->events->len; i++)
    {
      const TesseraEvent *event = g_ptr_array_index (source->events, i);
      g_autoptr(TesseraEvent) copy = NULL;
      g_autofree char *key = NULL;
      gint64 trigger = id_map_get (target->span_map, event->trigger_span_id);
      gint64 *existing;
      gint64 id;

      if (trigger == 0)
        continue;
      /* A span may trigger several events, but one of a type is enough:
       * an event of that type there already (the copy's own, or one
       * carried before) stands for this one. */
      key = _tessera_propagate_span_key (trigger, 0, event->type_label_id);
      if ((existing = g_hash_table_lookup (target->events, key)) != NULL)
        {
          id_map_set (target->event_map, event->id, *existing);
          continue;
        }
      if (target_rejects (target, trigger, event->type_label_id))
        continue;

      copy = tessera_event_new ();
      copy->document_id = target->doc->id;
      copy->trigger_span_id = trigger;
      copy->type_label_id = event->type_label_id;
      copy->realis = g_strdup (event->realis);
      copy->confirmation = g_strdup (event->confirmation);
      copy->annotator_id = event->annotator_id;
      copy->suggested = TRUE;
      for (guint a = 0; event->arguments != NULL && a < event->arguments->len; a++)
        {
          const TesseraArgument *arg = &g_array_index (event->arguments, TesseraArgument, a);
          gint64 span = id_map_get (target->span_map, arg->span_id);

          if (span != 0)
            tessera_event_add_argument (copy, arg->role_label_id, span);
        }

      id = tessera_plan_add_event (p->plan, copy);
      g_hash_table_insert (target->events, g_steal_pointer (&key), g_memdup2 (&id, sizeof id));
      id_map_set (target->event_map, event->id, id);
    }

  return TRUE;
}

static gboolean
carry_stances (Propagator  *p,
               Source      *source,
               Target      *target,
               GError     **error)
{
  for (guint i = 0; i < source->stances->len; i++)
    {
      const TesseraStance *stance = &g_array_index (source->stances, TesseraStance, i);
      TesseraStance copy = *stance;
      g_autofree char *key = NULL;

      copy.span_id = id_map_get (target->span_map, stance->span_id);
      if (copy.span_id == 0)
        continue;
      key = _tessera_propagate_span_key (copy.span_id, 0, stance->label_id);
      if (g_hash_table_contains (target->stances, key) ||
          target_rejects (target, copy.span_id, stance->label_id))
        continue;

      copy.id = 0;
      copy.document_id = target->doc->id;
      copy.holder_span_id = stance->holder_span_id != 0 ? id_map_get (target->span_map, stance->holder_span_id) : 0;
      copy.target_event_id = stance->target_event_id != 0 ? id_map_get (target->event_map, stance->target_event_id) : 0;
      copy.target_span_id = stance->target_span_id != 0 ? id_map_get (target->span_map, stance->target_span_id) : 0;
      copy.suggested = TRUE;

      tessera_plan_add_stance (p->plan, &copy);
      g_hash_table_add (target->stances, g_steal_pointer (&key));
    }

  return TRUE;
}

static gboolean
propagate_source (Propagator  *p,
                  gint64       source_id,
                  GError     **error)
{
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (PassagePair));
  g_autofree gint32 *map = NULL;
  Source source = { 0 };
  gboolean ok = TRUE;

  for (guint g = 0; g < tessera_duplicates_get_n_groups (p->duplicates); g++)
    {
      const TesseraDuplicateGroup *group = tessera_duplicates_get_group (p->duplicates, g);

      for (guint s = 0; s < group->passages->len; s++)
        {
          if (g_array_index (group->passages, TesseraPassage, s).document_id != source_id)
            continue;
          for (guint t = 0; t < group->passages->len; t++)
            {
              gint64 target_id = g_array_index (group->passages, TesseraPassage, t).document_id;
              PassagePair pair = { g, s, t, target_id };

              if (target_id != source_id)
                g_array_append_val (pairs, pair);
            }
        }
    }
  if (pairs->len == 0)
    return TRUE;
  g_array_sort (pairs, compare_pairs);

  if (!source_load (p->project, source_id, &source, error))
    {
      source_clear (&source);
      return FALSE;
    }
  if (source.spans->len == 0)
    {
      source_clear (&source);
      return TRUE;
    }

  map = g_new (gint32, MAX (source.doc->tokens->len, 1));
  for (guint i = 0; i < source.doc->tokens->len; i++)
    map[i] = -1;

  for (guint i = 0; ok && i < pairs->len; )
    {
      gint64 target_id = g_array_index (pairs, PassagePair, i).target_id;
      Target target = { 0 };
      guint j = i;

      ok = target_load (p->project, target_id, &target, error);
      for (; ok && j < pairs->len && g_array_index (pairs, PassagePair, j).target_id == target_id; j++)
        ok = carry_spans (p, &source, &target, &g_array_index (pairs, PassagePair, j), map, error);
      ok = ok && carry_events (p, &source, &target, error) &&
           carry_stances (p, &source, &target, error);
      target_clear (&target);

      while (j < pairs->len && g_array_index (pairs, PassagePair, j).target_id == target_id)
        j++;
      i = j;
    }

  source_clear (&source);
  return ok;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

TesseraPlan *
tessera_propagate_plan (TesseraProject     *project,
                        TesseraDuplicates  *duplicates,
                        gint64              source_id,
                        double              min_similarity,
                        GCancellable       *cancellable,
                        GError            **error)
{
  g_autoptr(TesseraPlan) plan = NULL;
  g_autoptr(GArray) sources = g_array_new (FALSE, FALSE, sizeof (gint64));
  Propagator p;
  gboolean ok = TRUE;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (duplicates != NULL, NULL);

  if (source_id != 0)
    {
      g_autoptr(TesseraDocument) doc = tessera_project_get_document (project, source_id, FALSE, error);

      if (doc == NULL)
        return NULL;
      g_array_append_val (sources, source_id);
    }
  else
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

      for (guint g = 0; g < tessera_duplicates_get_n_groups (duplicates); g++)
        {
          const TesseraDuplicateGroup *group = tessera_duplicates_get_group (duplicates, g);

          for (guint i = 0; i < group->passages->len; i++)
            {
              TesseraPassage *passage = &g_array_index (group->passages, TesseraPassage, i);

              if (g_hash_table_add (seen, &passage->document_id))
                g_array_append_val (sources, passage->document_id);
            }
        }
      g_array_sort (sources, compare_ids);
    }

  plan = tessera_plan_new ();
  p.project = project;
  p.duplicates = duplicates;
  p.min_similarity = min_similarity;
  p.plan = plan;

  for (guint i = 0; ok && i < sources->len; i++)
    ok = !g_cancellable_set_error_if_cancelled (cancellable, error) &&
         propagate_source (&p, g_array_index (sources, gint64, i), error);

  return ok ? g_steal_pointer (&plan) : NULL;
}

TesseraPropagateResult *
tessera_propagate (TesseraProject     *project,
                   TesseraDuplicates  *duplicates,
                   gint64              source_id,
                   double              min_similarity,
                   GError            **error)
{
  g_autoptr(TesseraPlan) plan = NULL;

  if (!(plan = tessera_propagate_plan (project, duplicates, source_id, min_similarity, NULL, error)))
    return NULL;

  return tessera_plan_apply (project, plan, error);
}

/* --- accepting -------------------------------------------------------- */

static gboolean
accept_span (TesseraProject  *project,
             gint64           id,
             GError         **error)
{
  g_autoptr(TesseraSpan) span = NULL;

  if (id == 0)
    return TRUE;
  if (!(span = tessera_project_get_span (project, id, error)))
    return FALSE;
  if (!span->suggested)
    return TRUE;
  span->suggested = FALSE;
  return tessera_project_update_span (project, span, error);
}

static gboolean
accept_event (TesseraProject  *project,
              gint64           id,
              GError         **error)
{
  g_autoptr(TesseraEvent) event = NULL;

  if (id == 0)
    return TRUE;
  if (!(event = tessera_project_get_event (project, id, error)))
    return FALSE;
  if (!accept_span (project, event->trigger_span_id, error))
    return FALSE;
  for (guint a = 0; event->arguments != NULL && a < event->arguments->len; a++)
    if (!accept_span (project, g_array_index (event->arguments, TesseraArgument, a).span_id, error))
      return FALSE;
  if (!event->suggested)
    return TRUE;
  event->suggested = FALSE;
  return tessera_project_update_event (project, event, error);
}

static gboolean
accept_stance (TesseraProject  *project,
               gint64           id,
               GError         **error)
{
  g_autoptr(TesseraStance) stance = NULL;

  if (!(stance = tessera_project_get_stance (project, id, error)))
    return FALSE;
  if (!accept_span (project, stance->span_id, error) ||
      !accept_span (project, stance->holder_span_id, error) ||
      !accept_span (project, stance->target_span_id, error) ||
      !accept_event (project, stance->target_event_id, error))
    return FALSE;
  if (!stance->suggested)
    return TRUE;
  stance->suggested = FALSE;
  return tessera_project_update_stance (project, stance, error);
}

gboolean
tessera_propagate_result_accept (TesseraProject                *project,
                                 const TesseraPropagateResult  *result,
                                 GError                       **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  if (!tessera_project_begin (project, error))
    return FALSE;

  for (guint i = 0; ok && i < result->span_ids->len; i++)
    ok = accept_span (project, g_array_index (result->span_ids, gint64, i), error);
  for (guint i = 0; ok && i < result->event_ids->len; i++)
    ok = accept_event (project, g_array_index (result->event_ids, gint64, i), error);
  for (guint i = 0; ok && i < result->stance_ids->len; i++)
    ok = accept_stance (project, g_array_index (result->stance_ids, gint64, i), error);

  if (!ok)
    {
      tessera_project_rollback (project);
      return FALSE;
    }
  return tessera_project_commit (project, error);
}
