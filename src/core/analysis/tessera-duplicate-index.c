/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-duplicates"

#include "config.h"

#include "tessera-duplicates-private.h"

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


static guint32
word_number (TesseraDuplicateIndex *index,
             guint32                hash)
{
  guint32 n = index->word_numbers.n;
  guint32 *number = count_map_lookup (&index->word_numbers, hash, TRUE);

  if (index->word_numbers.n != n)
    {
      *number = index->word_hashes->len;
      g_array_append_val (index->word_hashes, hash);
    }

  return *number;
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
  index->document_first = g_array_new (FALSE, FALSE, sizeof (guint32));
  index->offset_blocks = g_ptr_array_new_with_free_func (g_free);
  stream_init (&index->entries);
  count_map_init (&index->word_numbers, 1 << 12);
  index->word_hashes = g_array_new (FALSE, FALSE, sizeof (guint32));
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
  g_array_unref (index->document_first);
  g_ptr_array_unref (index->offset_blocks);
  stream_clear (&index->entries);
  count_map_clear (&index->word_numbers);
  g_clear_pointer (&index->word_hashes, g_array_unref);
  g_array_unref (index->tokens);
  g_array_unref (index->sentences);
  g_free (index);
}

void
tessera_duplicate_index_add (TesseraDuplicateIndex *index,
                             gint64                 document_id,
                             const char            *text)
{
  guint32 previous_end = 0;

  g_return_if_fail (index != NULL);
  g_return_if_fail (text != NULL);

  g_array_append_val (index->documents, document_id);
  g_array_append_val (index->document_first, index->n_segments);
  if (index->too_big)
    return;

  g_array_set_size (index->tokens, 0);
  g_array_set_size (index->sentences, 0);
  tessera_shingle_analyze (text, index->tokens, index->sentences);

  for (guint i = 0; i < index->sentences->len; i++)
    {
      const TesseraSentence *sentence = &g_array_index (index->sentences, TesseraSentence, i);
      Position position;
      guint32 offset;
      guint8 *out;

      if (sentence->n_tokens < index->options.min_words)
        continue;
      /* Finishing says so. */
      if (index->n_segments == MAX_SEGMENTS ||
          index->word_hashes->len + sentence->n_tokens > MAX_WORDS ||
          (out = stream_reserve (&index->entries, &offset)) == NULL)
        {
          index->too_big = TRUE;
          return;
        }

      if ((index->n_segments & (SEGMENT_BLOCK_LEN - 1)) == 0)
        g_ptr_array_add (index->offset_blocks, g_new (OffsetBlock, 1));
      set_offset (index, index->n_segments++, offset);

      position.gap = (gint64) sentence->start - previous_end;
      position.length = sentence->end - sentence->start;
      position.keyed = FALSE;
      previous_end = sentence->end;
      out = write_position (out, &position);
      *out++ = (guint8) (sentence->n_tokens - 1);
      for (guint t = 0; t < sentence->n_tokens; t++)
        {
          const TesseraWordToken *token = &g_array_index (index->tokens, TesseraWordToken,
                                                          sentence->first_token + t);

          out = put_number (out, word_number (index, token->hash));
        }
      stream_commit (&index->entries, out);
    }
}
