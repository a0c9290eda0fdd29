/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a plain text says about itself at its top, read without changing
 * a byte of it (offsets!):
 *
 * - a header of "key value" or "Key: value" lines at the very top: title,
 *   source (outlet), date (published), url, language; keys in any case,
 *   also French (titre, langue, publié). "Key: value" is always a header
 *   line; "key value" only when the value is what the key wants (a date,
 *   a URL, a language), or for title and source beside such a line. A
 *   "date 2023-11-12 Text…" line ends the header where the text begins.
 * - a dateline near the top (among the first 5 non-blank lines after the
 *   header): a line that is only a date, English or French ("13 November
 *   2023", "November 13, 2023", "lundi 13 novembre 2023", "2023-11-13"),
 *   used when no header gave a date. */
typedef struct
{
  char      *title;      /* NULL when the header gives none */
  char      *source;
  char      *url;
  char      *published;  /* YYYY-MM-DD */
  char      *language;   /* a BCP 47 tag, normalised ("en-GB") */
  gsize      body;       /* byte where the text after the header begins */
  gsize      title_from; /* byte from which to look for the text's own title
                          * (after the header, and after a dateline that
                          * would be the first line) */
  guint      n_header_lines;
  guint      dateline;   /* 1-based line of the dateline used, or 0 */
  GPtrArray *problems;   /* char*, translated: header values not understood,
                          * "line 2: …" */
} TesseraTextHeader;

/* @text: valid UTF-8 with LF line ends. Reads only the top of it. */
void      tessera_text_header_read      (const char        *text,
                                         TesseraTextHeader *header);
void      tessera_text_header_clear     (TesseraTextHeader *header);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TesseraTextHeader, tessera_text_header_clear)

/* A date written in full, English or French, or as ISO 8601 (a time after
 * "T" is allowed), as YYYY-MM-DD; NULL when @text (@len bytes, -1: up to
 * NUL) does not begin with one. @consumed (may be NULL) gets the bytes the
 * date took. Years 1000 to 9999; the day must exist. */
char     *tessera_date_parse_prefix     (const char        *text,
                                         gssize             len,
                                         gsize             *consumed);
/* The same for the whole of @text but for whitespace around it. */
char     *tessera_date_parse            (const char        *text,
                                         gssize             len);
/* 1 to 12 when @word, lower case and without accents, names a month in
 * English or French, in full or cut short ("nov", "fevr"); else 0. */
int       tessera_month_number          (const char        *word);
/* @text is exactly YYYY-MM-DD, a day that exists. */
gboolean  tessera_date_is_iso           (const char        *text);

/* @tag as a well-formed BCP 47 language tag in its usual case ("EN_gb" →
 * "en-GB"; '_' is taken for '-'), or NULL when it is not one ("English",
 * "fr-"). Grandfathered tags are not accepted. */
char     *tessera_language_tag_normalize (const char       *tag);

G_END_DECLS
