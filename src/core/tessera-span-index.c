/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-span-index"

#include "config.h"

#include "tessera-span-index.h"

struct _TesseraSpanIndex
{
  GArray  *spans;     /* TesseraSpan */
  gint64  *max_end;   /* max_end[i]: largest end among spans[0..i], nondecreasing */
  guint   *levels;
  guint    n_levels;
  GHashTable *by_id;  /* span id → position + 1 */
};

static void
assign_levels (TesseraSpanIndex *index)
{
  g_autoptr(GArray) level_end = g_array_new (FALSE, TRUE, sizeof (gint64));

  /* Greedy interval colouring: the lowest level free at a span's start. */
  for (guint i = 0; i < index->spans->len; i++)
    {
      const TesseraSpan *span = &g_array_index (index->spans, TesseraSpan, i);
      guint level = 0;

      while (level < level_end->len && g_array_index (level_end, gint64, level) > span->start)
        level++;
      if (level == level_end->len)
        g_array_set_size (level_end, level + 1);
      g_array_index (level_end, gint64, level) = span->end;
      index->levels[i] = level;
    }

  index->n_levels = level_end->len;
}

TesseraSpanIndex *
tessera_span_index_new (GArray *spans)
{
  TesseraSpanIndex *index;
  gint64 running = G_MININT64;

  g_return_val_if_fail (spans != NULL, NULL);
  g_return_val_if_fail (g_array_get_element_size (spans) == sizeof (TesseraSpan), NULL);

  index = g_new0 (TesseraSpanIndex, 1);
  index->spans = g_array_ref (spans);
  index->max_end = g_new (gint64, MAX (spans->len, 1));
  index->levels = g_new0 (guint, MAX (spans->len, 1));
  index->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < spans->len; i++)
    {
      TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);

      g_return_val_if_fail (i == 0 || g_array_index (spans, TesseraSpan, i - 1).start <= span->start, index);
      running = MAX (running, span->end);
      index->max_end[i] = running;
      g_hash_table_insert (index->by_id, &span->id, GUINT_TO_POINTER (i + 1));
    }

  assign_levels (index);

  return index;
}

void
tessera_span_index_free (TesseraSpanIndex *index)
{
  if (index == NULL)
    return;

  g_hash_table_unref (index->by_id);
  g_array_unref (index->spans);
  g_free (index->max_end);
  g_free (index->levels);
  g_free (index);
}

guint
tessera_span_index_get_n_spans (const TesseraSpanIndex *index)
{
  return index->spans->len;
}

const TesseraSpan *
tessera_span_index_get_span (const TesseraSpanIndex *index,
                             guint                   i)
{
  g_return_val_if_fail (i < index->spans->len, NULL);

  return &g_array_index (index->spans, TesseraSpan, i);
}

guint
tessera_span_index_get_level (const TesseraSpanIndex *index,
                              guint                   i)
{
  g_return_val_if_fail (i < index->spans->len, 0);

  return index->levels[i];
}

guint
tessera_span_index_get_n_levels (const TesseraSpanIndex *index)
{
  return index->n_levels;
}

/* First position whose max_end exceeds @offset: before it, no span can
 * reach past @offset. */
static guint
first_reaching (const TesseraSpanIndex *index,
                gint64                  offset)
{
  guint lo = 0;
  guint hi = index->spans->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (index->max_end[mid] > offset)
        hi = mid;
      else
        lo = mid + 1;
    }

  return lo;
}

void
tessera_span_index_query (const TesseraSpanIndex *index,
                          gint64                  start,
                          gint64                  end,
                          GArray                 *hits)
{
  g_return_if_fail (hits != NULL);

  for (guint i = first_reaching (index, start); i < index->spans->len; i++)
    {
      const TesseraSpan *span = &g_array_index (index->spans, TesseraSpan, i);

      if (span->start >= end)
        break;
      if (span->end > start)
        g_array_append_val (hits, i);
    }
}

int
tessera_span_index_find_at (const TesseraSpanIndex *index,
                            gint64                  offset)
{
  int best = -1;
  gint64 best_len = G_MAXINT64;

  for (guint i = first_reaching (index, offset); i < index->spans->len; i++)
    {
      const TesseraSpan *span = &g_array_index (index->spans, TesseraSpan, i);

      if (span->start > offset)
        break;
      if (span->end > offset && span->end - span->start <= best_len)
        {
          best = i;
          best_len = span->end - span->start;
        }
    }

  return best;
}

int
tessera_span_index_find_id (const TesseraSpanIndex *index,
                            gint64                  span_id)
{
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (index->by_id, &span_id)) - 1;
}
