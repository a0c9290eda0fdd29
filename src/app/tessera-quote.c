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
