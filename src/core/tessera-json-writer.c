/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-json-writer"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-json-util.h"
#include "tessera-error.h"
#include "tessera-json-writer.h"

/* Big enough that a million spans cost a few hundred writes, small
 * enough to stay in cache. */
#define BUFFER_SIZE (64 * 1024)

enum
{
  LEVEL_OBJECT    = 1 << 0,
  LEVEL_ARRAY     = 1 << 1,
  LEVEL_NOT_EMPTY = 1 << 2,
};

struct _TesseraJsonWriter
{
  GOutputStream *out;
  GCancellable  *cancellable;
  GError        *error;

  char          *buf;
  gsize          len;

  gboolean       pretty;
  gboolean       after_key;   /* a key was written; its value comes next */

  guint8        *levels;      /* LEVEL_* per open container */
  guint          depth;
  guint          levels_size;
};

/* Bytes that cannot be copied into a JSON string as they are. 0xE2 starts
 * U+2028 and U+2029 (and many harmless characters): it is looked at more
 * closely. */
static const guint8 needs_escape[256] = {
  [0x00 ... 0x1f] = 1,
  ['"'] = 1,
  ['\\'] = 1,
  [0xe2] = 1,
};

static const char hex_digits[] = "0123456789abcdef";

static void
flush_buffer (TesseraJsonWriter *w)
{
  /* Not every stream looks at its cancellable (memory streams do not). */
  if (w->error == NULL)
    g_cancellable_set_error_if_cancelled (w->cancellable, &w->error);
  if (w->len > 0 && w->error == NULL)
    g_output_stream_write_all (w->out, w->buf, w->len, NULL,
                               w->cancellable, &w->error);
  w->len = 0;
}

static void
put_slow (TesseraJsonWriter *w,
          const char        *data,
          gsize              n)
{
  flush_buffer (w);
  if (w->error != NULL)
    return;

  if (n >= BUFFER_SIZE)
    g_output_stream_write_all (w->out, data, n, NULL, w->cancellable, &w->error);
  else
    {
      memcpy (w->buf, data, n);
      w->len = n;
    }
}

static inline void
put (TesseraJsonWriter *w,
     const char        *data,
     gsize              n)
{
  if (G_LIKELY (w->len + n <= BUFFER_SIZE))
    {
      memcpy (w->buf + w->len, data, n);
      w->len += n;
    }
  else
    put_slow (w, data, n);
}

static inline void
put_char (TesseraJsonWriter *w,
          char               c)
{
  if (G_UNLIKELY (w->len == BUFFER_SIZE))
    flush_buffer (w);
  w->buf[w->len++] = c;
}

static void
put_indent (TesseraJsonWriter *w)
{
  put_char (w, '\n');
  for (guint i = 0; i < w->depth; i++)
    put (w, "  ", 2);
}

/* Writes the comma (and indentation) owed before a value or key. Returns
 * FALSE when nothing may be written. */
static gboolean
begin_item (TesseraJsonWriter *w,
            gboolean           is_key)
{
  guint8 *level;

  if (w->error != NULL)
    return FALSE;

  if (w->after_key)
    {
      g_return_val_if_fail (!is_key, FALSE);
      w->after_key = FALSE;
      return TRUE;
    }

  if (w->depth == 0)
    {
      g_return_val_if_fail (!is_key, FALSE);
      return TRUE;
    }

  level = &w->levels[w->depth - 1];
  if (is_key)
    g_return_val_if_fail (*level & LEVEL_OBJECT, FALSE);
  else
    g_return_val_if_fail (*level & LEVEL_ARRAY, FALSE);

  if (*level & LEVEL_NOT_EMPTY)
    put_char (w, ',');
  *level |= LEVEL_NOT_EMPTY;

  if (w->pretty)
    put_indent (w);

  return TRUE;
}

static void
push_level (TesseraJsonWriter *w,
            guint8             kind)
{
  if (w->depth == w->levels_size)
    {
      w->levels_size *= 2;
      w->levels = g_renew (guint8, w->levels, w->levels_size);
    }
  w->levels[w->depth++] = kind;
}

static void
pop_level (TesseraJsonWriter *w,
           guint8             kind,
           char               close)
{
  guint8 level;

  if (w->error != NULL)
    return;

  g_return_if_fail (w->depth > 0);
  g_return_if_fail (!w->after_key);
  level = w->levels[w->depth - 1];
  g_return_if_fail (level & kind);

  w->depth--;
  if (w->pretty && (level & LEVEL_NOT_EMPTY))
    put_indent (w);
  put_char (w, close);
}

/* Valid UTF-8, NULs allowed (they are written escaped). */
static gboolean
is_utf8 (const char *str,
         gsize       len)
{
  const char *end = str + len;

  while (str < end)
    {
      const char *nul = memchr (str, '\0', end - str);
      gsize n = (nul ? nul : end) - str;

      if (!g_utf8_validate_len (str, n, NULL))
        return FALSE;
      str += n + (nul != NULL);
    }

  return TRUE;
}

/* Copies runs of safe bytes at once; only quotes, backslashes, control
 * characters and U+2028/U+2029 (line terminators in JavaScript) are
 * escaped. Everything else, non-ASCII included, is written as UTF-8. */
static void
put_escaped (TesseraJsonWriter *w,
             const char        *str,
             gsize              len)
{
  const guchar *p = (const guchar *) str;
  const guchar *end = p + len;
  const guchar *run = p;

  put_char (w, '"');

  while (p < end)
    {
      guchar c;
      char esc[6];

      /* Texts are mostly runs of plain bytes: testing a word at a time
       * beats a table lookup per byte. */
      p = tessera_json_skip_plain (p, end, FALSE);
      if (p == end)
        break;

      c = *p;
      if (G_LIKELY (!needs_escape[c]))
        {
          p++;
          continue;
        }

      if (c == 0xe2)
        {
          if (end - p < 3 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
            p++;
          else if (p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9))
            {
              put (w, (const char *) run, p - run);
              put (w, p[2] == 0xa8 ? "\\u2028" : "\\u2029", 6);
              p += 3;
              run = p;
            }
          else
            /* Another U+2xxx (curly quotes, dashes). */
            p += 3;
          continue;
        }

      put (w, (const char *) run, p - run);
      switch (c)
        {
        case '"':  put (w, "\\\"", 2); break;
        case '\\': put (w, "\\\\", 2); break;
        case '\n': put (w, "\\n", 2); break;
        case '\t': put (w, "\\t", 2); break;
        case '\r': put (w, "\\r", 2); break;
        case '\b': put (w, "\\b", 2); break;
        case '\f': put (w, "\\f", 2); break;
        default:
          esc[0] = '\\';
          esc[1] = 'u';
          esc[2] = '0';
          esc[3] = '0';
          esc[4] = hex_digits[c >> 4];
          esc[5] = hex_digits[c & 0xf];
          put (w, esc, 6);
          break;
        }
      p++;
      run = p;
    }

  put (w, (const char *) run, p - run);
  put_char (w, '"');
}

TesseraJsonWriter *
tessera_json_writer_new (GOutputStream *out,
                         GCancellable  *cancellable)
{
  TesseraJsonWriter *w;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  w = g_new0 (TesseraJsonWriter, 1);
  w->out = g_object_ref (out);
  w->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  w->buf = g_malloc (BUFFER_SIZE);
  w->levels_size = 32;
  w->levels = g_new (guint8, w->levels_size);

  return w;
}

void
tessera_json_writer_free (TesseraJsonWriter *w)
{
  if (w == NULL)
    return;

  g_clear_object (&w->out);
  g_clear_object (&w->cancellable);
  g_clear_error (&w->error);
  g_free (w->buf);
  g_free (w->levels);
  g_free (w);
}

gboolean
tessera_json_writer_flush (TesseraJsonWriter  *w,
                           GError            **error)
{
  g_return_val_if_fail (w != NULL, FALSE);

  flush_buffer (w);
  if (w->error == NULL)
    g_output_stream_flush (w->out, w->cancellable, &w->error);

  if (w->error != NULL)
    {
      g_propagate_error (error, g_error_copy (w->error));
      return FALSE;
    }

  return TRUE;
}

gboolean
tessera_json_writer_finish (TesseraJsonWriter  *w,
                            GError            **error)
{
  gboolean ok;

  g_return_val_if_fail (w != NULL, FALSE);

  ok = tessera_json_writer_flush (w, error);
  tessera_json_writer_free (w);

  return ok;
}

void
tessera_json_writer_set_pretty (TesseraJsonWriter *w,
                                gboolean           pretty)
{
  g_return_if_fail (w != NULL);

  w->pretty = !!pretty;
}

void
tessera_json_writer_begin_object (TesseraJsonWriter *w)
{
  g_return_if_fail (w != NULL);

  if (!begin_item (w, FALSE))
    return;
  push_level (w, LEVEL_OBJECT);
  put_char (w, '{');
}

void
tessera_json_writer_end_object (TesseraJsonWriter *w)
{
  g_return_if_fail (w != NULL);

  pop_level (w, LEVEL_OBJECT, '}');
}

void
tessera_json_writer_begin_array (TesseraJsonWriter *w)
{
  g_return_if_fail (w != NULL);

  if (!begin_item (w, FALSE))
    return;
  push_level (w, LEVEL_ARRAY);
  put_char (w, '[');
}

void
tessera_json_writer_end_array (TesseraJsonWriter *w)
{
  g_return_if_fail (w != NULL);

  pop_level (w, LEVEL_ARRAY, ']');
}

void
tessera_json_writer_key (TesseraJsonWriter *w,
                         const char        *key)
{
  g_return_if_fail (w != NULL);
  g_return_if_fail (key != NULL);

  if (!begin_item (w, TRUE))
    return;
  put_escaped (w, key, strlen (key));
  if (w->pretty)
    put (w, ": ", 2);
  else
    put_char (w, ':');
  w->after_key = TRUE;
}

void
tessera_json_writer_string (TesseraJsonWriter *w,
                            const char        *str,
                            gssize             len)
{
  g_return_if_fail (w != NULL);

  if (!begin_item (w, FALSE))
    return;
  if (str == NULL)
    {
      put (w, "null", 4);
      return;
    }

  if (len < 0)
    len = strlen (str);
  /* What is written must be JSON: a damaged page can hold bytes that are
   * not UTF-8, and a consumer would only find out much later. */
  if (!is_utf8 (str, len))
    {
      if (w->error == NULL)
        g_set_error (&w->error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
                     _("a text to write is not valid UTF-8: the project is damaged "
                        "(“tessera-cli check” tells more)"));
      return;
    }
  put_escaped (w, str, len);
}

/* Hand-rolled: printf-family formatting dominated export profiles. */
static void
put_int (TesseraJsonWriter *w,
         gint64             value)
{
  char tmp[24];
  char *end = tmp + sizeof tmp;
  char *q = end;
  guint64 u = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      *--q = (char) ('0' + u % 10);
      u /= 10;
    }
  while (u != 0);

  if (value < 0)
    *--q = '-';

  put (w, q, end - q);
}

void
tessera_json_writer_int (TesseraJsonWriter *w,
                         gint64             value)
{
  g_return_if_fail (w != NULL);

  if (!begin_item (w, FALSE))
    return;
  put_int (w, value);
}

void
tessera_json_writer_double (TesseraJsonWriter *w,
                            double             value)
{
  char tmp[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (w != NULL);

  if (!begin_item (w, FALSE))
    return;

  /* JSON has no NaN or infinity. */
  if (!isfinite (value))
    {
      put (w, "null", 4);
      return;
    }

  g_ascii_dtostr (tmp, sizeof tmp, value);
  put (w, tmp, strlen (tmp));
}

void
tessera_json_writer_boolean (TesseraJsonWriter *w,
                             gboolean           value)
{
  g_return_if_fail (w != NULL);

  if (!begin_item (w, FALSE))
    return;
  if (value)
    put (w, "true", 4);
  else
    put (w, "false", 5);
}

void
tessera_json_writer_null (TesseraJsonWriter *w)
{
  g_return_if_fail (w != NULL);

  if (!begin_item (w, FALSE))
    return;
  put (w, "null", 4);
}

void
tessera_json_writer_newline (TesseraJsonWriter *w)
{
  g_return_if_fail (w != NULL);

  /* After an error the containers were not closed: nothing is written. */
  if (w->error != NULL)
    return;
  g_return_if_fail (w->depth == 0 && !w->after_key);
  put_char (w, '\n');
}

void
tessera_json_writer_member_string (TesseraJsonWriter *w,
                                   const char        *key,
                                   const char        *str)
{
  tessera_json_writer_key (w, key);
  tessera_json_writer_string (w, str, -1);
}

void
tessera_json_writer_member_int (TesseraJsonWriter *w,
                                const char        *key,
                                gint64             value)
{
  tessera_json_writer_key (w, key);
  tessera_json_writer_int (w, value);
}
