/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-segment"

#include "config.h"

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-segment.h"

static gboolean
icu_failed (UErrorCode   status,
            GError     **error)
{
  if (U_SUCCESS (status))
    return FALSE;
  g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED,
               /* Translators: %s is ICU's name of the error */
               _("Could not split the text into words and sentences (%s)"), u_errorName (status));
  return TRUE;
}

/* Whether [from, to) of @text16 holds only white space. */
static gboolean
is_space (const UChar *text16,
          int32_t      from,
          int32_t      to)
{
  for (int32_t i = from; i < to; )
    {
      UChar32 c;

      U16_NEXT (text16, i, to, c);
      if (!u_isUWhiteSpace (c))
        return FALSE;
    }
  return TRUE;
}

gboolean
tessera_segment_text (const char  *text,
                      const char  *language,
                      GArray      *tokens,
                      GArray      *sentences,
                      GError     **error)
{
  UErrorCode status = U_ZERO_ERROR;
  g_autofree UChar *text16 = NULL;
  g_autofree gint64 *code_point = NULL;  /* per UTF-16 index: the code point offset */
  g_autofree char *locale = NULL;
  UBreakIterator *words, *sents;
  int32_t len16 = 0;
  guint first = tokens->len;

  g_return_val_if_fail (text != NULL, FALSE);

  u_strFromUTF8 (NULL, 0, &len16, text, -1, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && icu_failed (status, error))
    return FALSE;
  status = U_ZERO_ERROR;
  text16 = g_new (UChar, (gsize) len16 + 1);
  u_strFromUTF8 (text16, len16 + 1, NULL, text, -1, &status);
  if (icu_failed (status, error))
    return FALSE;

  code_point = g_new (gint64, (gsize) len16 + 1);
  for (int32_t i = 0, cp = 0; i <= len16; cp++)
    {
      code_point[i] = cp;
      if (i == len16)
        break;
      if (U16_IS_LEAD (text16[i]) && i + 1 < len16 && U16_IS_TRAIL (text16[i + 1]))
        {
          code_point[i + 1] = cp;
          i += 2;
        }
      else
        i++;
    }

  /* ICU takes "fr_FR", not "fr-FR". */
  locale = g_strdup (language != NULL ? language : "");
  g_strdelimit (locale, "-", '_');

  words = ubrk_open (UBRK_WORD, locale, text16, len16, &status);
  if (icu_failed (status, error))
    return FALSE;
  for (int32_t a = ubrk_first (words), b = ubrk_next (words); b != UBRK_DONE; a = b, b = ubrk_next (words))
    if (!is_space (text16, a, b))
      {
        TesseraTextToken token = { code_point[a], code_point[b] };

        g_array_append_val (tokens, token);
      }
  ubrk_close (words);

  if (sentences == NULL)
    return TRUE;

  sents = ubrk_open (UBRK_SENTENCE, locale, text16, len16, &status);
  if (icu_failed (status, error))
    return FALSE;
  ubrk_first (sents);
  for (int32_t b = ubrk_next (sents); b != UBRK_DONE; b = ubrk_next (sents))
    {
      gint64 end = code_point[b];
      TesseraTextSentence sentence = { 0, 0, first, 0 };

      /* The tokens inside; a sentence of white space alone has none. */
      while (first < tokens->len && g_array_index (tokens, TesseraTextToken, first).start < end)
        {
          first++;
          sentence.n_tokens++;
        }
      if (sentence.n_tokens == 0)
        continue;
      sentence.start = g_array_index (tokens, TesseraTextToken, sentence.first_token).start;
      sentence.end = g_array_index (tokens, TesseraTextToken, first - 1).end;
      g_array_append_val (sentences, sentence);
    }
  ubrk_close (sents);

  return TRUE;
}
