/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-text"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-text.h"

#define UTF8_BOM "\xEF\xBB\xBF"
#define REPLACEMENT_CHAR "\xEF\xBF\xBD"

/* Appends [start, end) of valid UTF-8 with CRLF and lone CR turned into LF.
 * memchr keeps the common case (no CR at all) a single copy. */
static void
append_with_lf (GString          *out,
                const char       *data,
                gsize             start,
                gsize             end,
                gsize             len,
                TesseraTextFixes *fixes)
{
  gsize pos = start;

  while (pos < end)
    {
      const char *cr = memchr (data + pos, '\r', end - pos);
      gsize at;

      if (cr == NULL)
        {
          g_string_append_len (out, data + pos, end - pos);
          return;
        }

      at = cr - data;
      g_string_append_len (out, data + pos, at - pos);
      g_string_append_c (out, '\n');

      /* An LF is valid UTF-8, so a CRLF never straddles the end of a
       * validated segment unless the segment ends the input. */
      if (at + 1 < len && data[at + 1] == '\n')
        {
          fixes->crlf_converted++;
          pos = at + 2;
        }
      else
        {
          fixes->cr_converted++;
          pos = at + 1;
        }
    }
}

/* Length of the maximal subpart of an ill-formed sequence at @p (Unicode
 * §3.9, what Python's "replace" does): the longest prefix of a well-formed
 * sequence, at least one byte. */
static gsize
invalid_subpart_length (const guchar *p,
                        gsize         avail)
{
  guchar lead = p[0];
  guchar lo = 0x80, hi = 0xBF;
  gsize need, i;

  if (lead >= 0xC2 && lead <= 0xDF)
    need = 2;
  else if (lead >= 0xE0 && lead <= 0xEF)
    {
      need = 3;
      if (lead == 0xE0)
        lo = 0xA0;
      else if (lead == 0xED)
        hi = 0x9F;
    }
  else if (lead >= 0xF0 && lead <= 0xF4)
    {
      need = 4;
      if (lead == 0xF0)
        lo = 0x90;
      else if (lead == 0xF4)
        hi = 0x8F;
    }
  else
    return 1;

  for (i = 1; i < need && i < avail; i++)
    {
      guchar c = p[i];

      if (c < lo || c > hi)
        return i;
      lo = 0x80;
      hi = 0xBF;
    }

  /* A complete sequence GLib still refused: replace it whole. */
  return i;
}

char *
tessera_text_normalize (const char        *origin,
                        const char        *data,
                        gsize              len,
                        gboolean           repair_utf8,
                        TesseraTextFixes  *fixes,
                        GError           **error)
{
  TesseraTextFixes local_fixes;
  g_autoptr(GString) out = NULL;
  gsize pos = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (origin == NULL)
    origin = "input";
  if (fixes == NULL)
    fixes = &local_fixes;
  memset (fixes, 0, sizeof *fixes);

  if (len >= 3 && memcmp (data, UTF8_BOM, 3) == 0)
    {
      fixes->bom_removed = TRUE;
      pos = 3;
    }

  out = g_string_sized_new (len - pos + 1);

  while (pos < len)
    {
      const char *bad = NULL;
      gsize at, n;

      /* Stops at the first invalid byte or NUL. */
      if (g_utf8_validate_len (data + pos, len - pos, &bad))
        {
          append_with_lf (out, data, pos, len, len, fixes);
          break;
        }

      at = bad - data;
      append_with_lf (out, data, pos, at, len, fixes);

      if (data[at] == '\0')
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       _("%s: NUL byte at byte offset %zu"),
                       origin, at);
          return NULL;
        }

      if (!repair_utf8)
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       _("%s: invalid UTF-8 at byte offset %zu"),
                       origin, at);
          return NULL;
        }

      n = invalid_subpart_length ((const guchar *) data + at, len - at);
      g_string_append_len (out, REPLACEMENT_CHAR, 3);
      fixes->bytes_repaired += n;
      pos = at + n;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
tessera_text_fixes_any (const TesseraTextFixes *fixes)
{
  g_return_val_if_fail (fixes != NULL, FALSE);

  return fixes->bom_removed ||
         fixes->crlf_converted > 0 ||
         fixes->cr_converted > 0 ||
         fixes->bytes_repaired > 0;
}

/* Every byte that is not a continuation byte starts a code point; a plain
 * loop the compiler can vectorise beats g_utf8_strlen() by far. */
static gint64
count_chars (const char *text,
             gsize       len)
{
  const guchar *p = (const guchar *) text;
  gint64 n = 0;

  for (gsize i = 0; i < len; i++)
    n += (p[i] & 0xC0) != 0x80;

  return n;
}

gint64
tessera_text_n_chars (const char *text,
                      gssize      len)
{
  g_return_val_if_fail (text != NULL || len == 0, 0);

  if (len < 0)
    len = strlen (text);

  return count_chars (text, len);
}

char *
tessera_text_slice (const char *text,
                    gint64      start,
                    gint64      end)
{
  TesseraTextCursor cursor;
  const char *from, *to;

  g_return_val_if_fail (text != NULL, NULL);

  if (start < 0 || end < start)
    return NULL;

  tessera_text_cursor_init (&cursor, text, -1);
  if ((from = tessera_text_cursor_seek (&cursor, start)) == NULL ||
      (to = tessera_text_cursor_seek (&cursor, end)) == NULL)
    return NULL;

  return g_strndup (from, to - from);
}

void
tessera_text_cursor_init (TesseraTextCursor *cursor,
                          const char        *text,
                          gssize             len)
{
  g_return_if_fail (cursor != NULL);
  g_return_if_fail (text != NULL || len == 0);

  if (text == NULL)
    text = "";
  if (len < 0)
    len = strlen (text);

  cursor->text = text;
  cursor->len = len;
  cursor->n_chars = count_chars (text, len);
  cursor->ascii = (gsize) cursor->n_chars == cursor->len;
  cursor->byte = 0;
  cursor->chars = 0;
}

const char *
tessera_text_cursor_seek (TesseraTextCursor *cursor,
                          gint64             offset)
{
  const guchar *p;
  gsize byte;
  gint64 chars;

  g_return_val_if_fail (cursor != NULL, NULL);
  g_return_val_if_fail (cursor->text != NULL, NULL);

  if (cursor->n_chars < 0)
    {
      cursor->n_chars = count_chars (cursor->text, cursor->len);
      cursor->ascii = (gsize) cursor->n_chars == cursor->len;
    }

  if (offset < 0 || offset > cursor->n_chars)
    return NULL;

  if (cursor->ascii)
    {
      cursor->byte = offset;
      cursor->chars = offset;
      return cursor->text + offset;
    }

  p = (const guchar *) cursor->text;
  byte = cursor->byte;
  chars = cursor->chars;

  /* Start from whichever known point is nearest: here, the start or the end. */
  if (offset < chars && offset < chars - offset)
    {
      byte = 0;
      chars = 0;
    }
  else if (offset > chars && cursor->n_chars - offset < offset - chars)
    {
      byte = cursor->len;
      chars = cursor->n_chars;
    }

  while (chars < offset)
    {
      byte++;
      while (byte < cursor->len && (p[byte] & 0xC0) == 0x80)
        byte++;
      chars++;
    }

  while (chars > offset)
    {
      byte--;
      while (byte > 0 && (p[byte] & 0xC0) == 0x80)
        byte--;
      chars--;
    }

  cursor->byte = byte;
  cursor->chars = chars;

  return cursor->text + byte;
}

char *
tessera_text_sha256 (const char *text,
                     gsize       len)
{
  g_autoptr(GChecksum) checksum = NULL;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  if (len > 0)
    g_checksum_update (checksum, (const guchar *) text, len);

  return g_strdup (g_checksum_get_string (checksum));
}
