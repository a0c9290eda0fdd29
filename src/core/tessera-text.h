/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What tessera_text_normalize() changed, so an import can report it. */
typedef struct
{
  gboolean bom_removed;
  guint64  crlf_converted;   /* CRLF pairs turned into LF */
  guint64  cr_converted;     /* lone CRs turned into LF */
  guint64  bytes_repaired;   /* invalid bytes replaced by U+FFFD */
} TesseraTextFixes;

/* Applies the text policy of DESIGN.md §3 to raw bytes: BOM removed, CRLF
 * and CR become LF, the result is valid UTF-8 without NUL. Invalid UTF-8
 * or a NUL byte is an error naming @origin and the byte offset in the
 * input, unless @repair_utf8 (then bad bytes become U+FFFD; a NUL is
 * still an error). Returns a newly allocated NUL-terminated string. */
char    *tessera_text_normalize      (const char        *origin,
                                      const char        *data,
                                      gsize              len,
                                      gboolean           repair_utf8,
                                      TesseraTextFixes  *fixes,
                                      GError           **error);

/* TRUE when @fixes records any change. */
gboolean tessera_text_fixes_any      (const TesseraTextFixes *fixes);

/* Number of code points in valid UTF-8 (@len -1 for NUL-terminated). */
gint64   tessera_text_n_chars        (const char        *text,
                                      gssize             len);

/* Newly allocated copy of code points [start, end) of @text, or NULL when
 * the range is not inside the text. */
char    *tessera_text_slice          (const char        *text,
                                      gint64             start,
                                      gint64             end);

/* Walks a text by code-point offsets, cheaply for offsets that come in
 * roughly increasing order (spans sorted by start). */
typedef struct
{
  const char *text;
  gsize       len;      /* bytes */
  gint64      n_chars;  /* code points; -1 until known */
  gboolean    ascii;    /* offsets are byte offsets */
  gsize       byte;     /* current position */
  gint64      chars;
} TesseraTextCursor;

void        tessera_text_cursor_init (TesseraTextCursor *cursor,
                                      const char        *text,
                                      gssize             len);
/* Byte position of code point @offset (0 ≤ offset ≤ n_chars), or NULL
 * when @offset is past the end. */
const char *tessera_text_cursor_seek (TesseraTextCursor *cursor,
                                      gint64             offset);

/* The hex SHA-256 of @text (used to recognise the same document). */
char    *tessera_text_sha256         (const char        *text,
                                      gsize              len);

G_END_DECLS
