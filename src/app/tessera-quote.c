/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-quote"

#include "config.h"

#include "tessera-quote.h"

/* Longest text quoted (code points): a whole paragraph tagged as one
 * span should not make the panel a page long. */
#define MAX_QUOTE 600

char *
tessera_quote_span (TesseraOpenDocument *document,
                    gint64               span_id)
{
  const TesseraSpan *span;
  g_autofree char *text = NULL;
  gint64 end;

  g_return_val_if_fail (document == NULL || TESSERA_IS_OPEN_DOCUMENT (document), NULL);

  if (document == NULL || span_id <= 0 ||
      !(span = tessera_open_document_get_span (document, span_id)))
    return NULL;

  end = MIN (span->end, span->start + MAX_QUOTE);
  if (!(text = tessera_open_document_dup_text (document, span->start, end)))
    return NULL;

  return end < span->end ? g_strconcat (text, "…", NULL) : g_steal_pointer (&text);
}

char *
tessera_quote_short (const char *text,
                     guint       max_chars)
{
  GString *quote;
  gboolean space = FALSE;
  gsize word_start = 0;   /* bytes before the last word begun */
  guint n = 0;
  guint n_word = 0;       /* characters before it */

  g_return_val_if_fail (text != NULL, NULL);

  quote = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_unichar_isspace (ch))
        {
          space = quote->len > 0;
          continue;
        }
      if (n + space >= max_chars)
        {
          /* Cut after the last whole word, when that loses little. */
          if (word_start > 0 && n - n_word < 12)
            g_string_truncate (quote, word_start - 1);
          g_string_append (quote, "…");
          break;
        }
      if (space)
        {
          g_string_append_c (quote, ' ');
          n++;
          space = FALSE;
          word_start = quote->len;
          n_word = n;
        }
      g_string_append_unichar (quote, ch);
      n++;
    }

  return g_string_free (quote, FALSE);
}
