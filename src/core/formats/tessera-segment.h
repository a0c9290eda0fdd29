/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Words and sentences as ICU's break iterators find them (Unicode text
 * segmentation, UAX #29, with the language's rules): what token-based
 * exports are made of. Offsets are code points, end exclusive. */

typedef struct
{
  gint64 start;
  gint64 end;
} TesseraTextToken;

typedef struct
{
  gint64 start;        /* its first token's start */
  gint64 end;          /* its last token's end */
  guint  first_token;
  guint  n_tokens;
} TesseraTextSentence;

/* Appends the tokens of @text (valid UTF-8) to @tokens: every word,
 * number and punctuation mark, never white space; and its sentences,
 * each with at least one token, to @sentences. @language: a BCP 47 tag
 * such as "fr", or NULL. FALSE (with @error) only when ICU fails. */
gboolean tessera_segment_text (const char  *text,
                               const char  *language,
                               GArray      *tokens,
                               GArray      *sentences,
                               GError     **error);

G_END_DECLS
