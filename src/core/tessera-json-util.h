/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Checks in one pass that @data is exactly one JSON text as RFC 8259
 * defines it: no comments, single-quoted strings, unquoted keys,
 * trailing commas, hexadecimal numbers, NaN or Infinity (all of which
 * json-glib 1.6 takes), no control characters, bad escapes, \u0000,
 * unpaired surrogates or invalid UTF-8 in strings, no whole number
 * beyond 64 bits (json-glib wraps it silently), nothing after the value
 * but whitespace, and no nesting deeper than TESSERA_MAX_JSON_DEPTH
 * (json-glib 1.6 recurses without a bound). A byte-order mark at the
 * very start is allowed (RFC 8259 §8.1).
 *
 * Errors are TESSERA_ERROR_INVALID_INPUT, or TESSERA_ERROR_LIMIT for the
 * depth, with a message "ORIGIN: byte N: what is wrong" (N counted from
 * 0; the line and column follow N when @data has several lines). */
gboolean  tessera_json_validate (const char  *origin,
                                 const char  *data,
                                 gsize        len,
                                 GError     **error);

/* Parses @data once tessera_json_validate() has passed it; errors
 * (TESSERA_ERROR_INVALID_INPUT or TESSERA_ERROR_LIMIT) begin with
 * @origin. @len -1: @data is NUL-terminated. */
JsonNode *tessera_json_parse    (const char  *origin,
                                 const char  *data,
                                 gssize       len,
                                 GError     **error);

/* Word-at-a-time byte tests, for scanners that skip runs of plain bytes
 * (the JSON writer and validator). */
#define TESSERA_BYTES_ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define TESSERA_BYTES_HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* Nonzero when a byte of @x is below @n (n <= 128), or equals @c. The
 * lowest set bit marks the first such byte exactly; later ones can be
 * false alarms. */
#define TESSERA_BYTES_HAS_LESS(x, n) \
  (((x) - TESSERA_BYTES_ONES * (n)) & ~(x) & TESSERA_BYTES_HIGHS)
#define TESSERA_BYTES_HAS_BYTE(x, c) \
  TESSERA_BYTES_HAS_LESS ((x) ^ (TESSERA_BYTES_ONES * (c)), 1)

/* Skips, 8 bytes at a time, the bytes that need no closer look in a JSON
 * string: all but control characters, '"', '\\' and, with @non_ascii,
 * every byte from 0x80 (else only 0xE2, which starts U+2028 and U+2029).
 * Stops at or before the first such byte, or fewer than 8 from @end. */
static inline const guchar *
tessera_json_skip_plain (const guchar *p,
                         const guchar *end,
                         gboolean      non_ascii)
{
  while (end - p >= 8)
    {
      guint64 x, specials;

      memcpy (&x, p, sizeof x);
      specials = TESSERA_BYTES_HAS_LESS (x, 0x20) | TESSERA_BYTES_HAS_BYTE (x, '"') |
                 TESSERA_BYTES_HAS_BYTE (x, '\\') |
                 (non_ascii ? x & TESSERA_BYTES_HIGHS : TESSERA_BYTES_HAS_BYTE (x, 0xe2));
      if (specials == 0)
        {
          p += 8;
          continue;
        }
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
      /* Straight to the first byte that may be special. */
      p += __builtin_ctzll (specials) / 8;
#endif
      break;
    }

  return p;
}

G_END_DECLS
