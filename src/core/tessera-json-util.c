/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-json-util.h"
#include "tessera-limits.h"

/* Longest piece of the input quoted in a message, in bytes. */
#define MAX_QUOTE_BYTES 40
/* Longest number literal converted on the stack. */
#define NUMBER_BUF_SIZE 64

/* Where the validator found what it did not expect. */
typedef enum
{
  UNEXPECTED_FOR_VALUE,       /* where a value should be */
  UNEXPECTED_FOR_KEY,         /* where an object key should be */
  UNEXPECTED_AFTER_KEY,       /* after an object key: ':' */
  UNEXPECTED_AFTER_MEMBER,    /* after an object member: ',' or '}' */
  UNEXPECTED_AFTER_ELEMENT,   /* after an array element: ',' or ']' */
  UNEXPECTED_AFTER_TOP,       /* after the value, at the top */
} Unexpected;

/* What the validator expects next (whitespace aside). */
typedef enum
{
  EXPECT_VALUE,         /* at the top, after ':', or after ',' in an array */
  EXPECT_FIRST_VALUE,   /* after '[': a value or ']' */
  EXPECT_KEY,           /* after ',' in an object */
  EXPECT_FIRST_KEY,     /* after '{': a key or '}' */
  EXPECT_AFTER_VALUE,   /* ',' or the closing bracket, or the end at the top */
} Expect;

typedef struct
{
  const guchar *data;
  const guchar *end;
  guint         depth;
  guchar        open[TESSERA_MAX_JSON_DEPTH];   /* '{' or '[' per level */
  const guchar *key;                            /* the last key read, for messages */
  gsize         key_len;

  /* The first problem found. */
  int           code;
  gsize         offset;
  char         *message;
} Validator;

static const guint8 is_space[256] = {
  [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1,
};

static gboolean fail (Validator    *v,
                      const guchar *at,
                      int           code,
                      const char   *format,
                      ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (Validator    *v,
      const guchar *at,
      int           code,
      const char   *format,
      ...)
{
  va_list args;

  g_assert (v->message == NULL);

  v->code = code;
  v->offset = at - v->data;
  va_start (args, format);
  v->message = g_strdup_vprintf (format, args);
  va_end (args);

  return FALSE;
}

/* Length of the valid UTF-8 sequence (of two bytes or more) at @p, or 0:
 * GLib refuses overlong forms, surrogates and code points past U+10FFFF. */
static guint
utf8_sequence_length (const guchar *p,
                      const guchar *end)
{
  gunichar c = g_utf8_get_char_validated ((const char *) p, end - p);

  if (c == (gunichar) -1 || c == (gunichar) -2)
    return 0;

  return g_utf8_skip[*p];
}

/* The character at @p for a message: ‘x’, U+0007, or the byte when it
 * is not UTF-8. */
static char *
describe_char (const guchar *p,
               const guchar *end)
{
  char c[8];
  guint n;

  if (p >= end)
    /* Translators: what the JSON checker found where something else
     * should be ("not valid JSON: unexpected the end of the text…"). */
    return g_strdup (_("the end of the text"));
  if (*p < 0x20 || *p == 0x7f)
    return g_strdup_printf ("U+%04X", *p);

  n = *p < 0x80 ? 1 : utf8_sequence_length (p, end);
  if (n > 0)
    {
      memcpy (c, p, n);
      c[n] = '\0';
      /* Translators: a character of the JSON, quoted, in the JSON checker's
       * messages ("not valid JSON: unexpected ‘x’ after the JSON value"). */
      return g_strdup_printf (_("‘%s’"), c);
    }

  /* Translators: a byte of the JSON that is not UTF-8, in the JSON
   * checker's messages. */
  return g_strdup_printf (_("byte 0x%02X (invalid UTF-8)"), *p);
}

/* @p .. @to cut to MAX_QUOTE_BYTES on a character boundary. */
static char *
quote (const guchar *p,
       const guchar *to)
{
  gsize n = to - p;

  if (n <= MAX_QUOTE_BYTES)
    return g_strndup ((const char *) p, n);

  n = MAX_QUOTE_BYTES;
  while (n > 0 && (p[n] & 0xc0) == 0x80)
    n--;

  return g_strdup_printf ("%.*s…", (int) n, (const char *) p);
}

static gboolean
fail_unexpected (Validator    *v,
                 const guchar *p,
                 Unexpected    where)
{
  g_autofree char *found = describe_char (p, v->end);

  switch (where)
    {
    case UNEXPECTED_FOR_VALUE:
      return fail (v, p, TESSERA_ERROR_INVALID_INPUT,
                   /* Translators: what the JSON checker found: a character, quoted
                    * (‘x’), U+0009, "byte 0xE9 (invalid UTF-8)" or "the end of the
                    * text". The same goes for the five messages below. Characters in
                    * straight quotes (':', '}') are JSON's own. */
                   _("not valid JSON: unexpected %s where a value should be"), found);
    case UNEXPECTED_FOR_KEY:
      return fail (v, p, TESSERA_ERROR_INVALID_INPUT,
                   _("not valid JSON: unexpected %s where an object key should be"), found);
    case UNEXPECTED_AFTER_KEY:
      return fail (v, p, TESSERA_ERROR_INVALID_INPUT,
                   _("not valid JSON: unexpected %s after an object key (expected ':')"), found);
    case UNEXPECTED_AFTER_MEMBER:
      return fail (v, p, TESSERA_ERROR_INVALID_INPUT,
                   _("not valid JSON: unexpected %s after an object member (expected ',' or '}')"),
                   found);
    case UNEXPECTED_AFTER_ELEMENT:
      return fail (v, p, TESSERA_ERROR_INVALID_INPUT,
                   _("not valid JSON: unexpected %s after an array element (expected ',' or ']')"),
                   found);
    case UNEXPECTED_AFTER_TOP:
      return fail (v, p, TESSERA_ERROR_INVALID_INPUT,
                   _("not valid JSON: unexpected %s after the JSON value"), found);
    default:
      g_assert_not_reached ();
    }
}

/* The text ended at @p, before the value was complete. */
static gboolean
fail_end (Validator    *v,
          const guchar *p)
{
  if (v->depth == 0)
    return fail (v, p, TESSERA_ERROR_INVALID_INPUT, _("not valid JSON: there is no value"));
  if (v->open[v->depth - 1] == '{')
    return fail (v, p, TESSERA_ERROR_INVALID_INPUT,
                 _("not valid JSON: the text ends inside an object"));

  return fail (v, p, TESSERA_ERROR_INVALID_INPUT, _("not valid JSON: the text ends inside an array"));
}

static gboolean
fail_comment (Validator    *v,
              const guchar *p)
{
  return fail (v, p, TESSERA_ERROR_INVALID_INPUT, _("comments are not allowed in JSON"));
}

static const guchar *
skip_space (const guchar *p,
            const guchar *end)
{
  while (p < end && is_space[*p])
    p++;

  return p;
}

static gboolean
is_word_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '$';
}

static gboolean
has_prefix (const guchar *p,
            const guchar *end,
            const char   *prefix)
{
  gsize n = strlen (prefix);

  return (gsize) (end - p) >= n && memcmp (p, prefix, n) == 0;
}

/* The four hex digits after "\u" at @p, or -1. */
static int
hex4 (const guchar *p,
      const guchar *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;
  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }

  return value;
}

/* The escape at @p (a backslash); returns what follows it, or NULL. */
static const guchar *
scan_escape (Validator    *v,
             const guchar *p)
{
  const guchar *end = v->end;
  int unit, low;

  if (end - p < 2)
    return p + 1;   /* the caller reports the unclosed string */

  switch (p[1])
    {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
      return p + 2;
    case 'u':
      break;
    case '\'':
      fail (v, p, TESSERA_ERROR_INVALID_INPUT, _("\\' is not a JSON escape (write ' as it is)"));
      return NULL;
    case 'x':
      fail (v, p, TESSERA_ERROR_INVALID_INPUT,
            _("\\x escapes are not allowed in JSON (write \\u00XX)"));
      return NULL;
    default:
      {
        g_autofree char *found = describe_char (p + 1, end);

        fail (v, p, TESSERA_ERROR_INVALID_INPUT,
              /* Translators: a character of the JSON, quoted (‘q’). */
              _("not valid JSON: %s after a backslash is not an escape"), found);
        return NULL;
      }
    }

  if ((unit = hex4 (p + 2, end)) < 0)
    {
      fail (v, p, TESSERA_ERROR_INVALID_INPUT,
            _("not valid JSON: \\u must be followed by four hex digits"));
      return NULL;
    }
  if (unit == 0)
    {
      /* json-glib would end the string there, silently. */
      fail (v, p, TESSERA_ERROR_INVALID_INPUT, _("\\u0000 (NUL) is not allowed in text"));
      return NULL;
    }
  if (unit >= 0xdc00 && unit <= 0xdfff)
    {
      fail (v, p, TESSERA_ERROR_INVALID_INPUT,
            /* Translators: \\u%04X is a JSON escape ("\\uDC00"), keep it as it is. */
            _("\\u%04X is half of a UTF-16 surrogate pair without the first half"), unit);
      return NULL;
    }
  if (unit >= 0xd800 && unit <= 0xdbff)
    {
      if (!has_prefix (p + 6, end, "\\u") || (low = hex4 (p + 8, end)) < 0xdc00 || low > 0xdfff)
        {
          fail (v, p, TESSERA_ERROR_INVALID_INPUT,
                /* Translators: \\u%04X is a JSON escape ("\\uD83D"), keep it as it is. */
                _("\\u%04X is half of a UTF-16 surrogate pair without the second half"), unit);
          return NULL;
        }
      return p + 12;
    }

  return p + 6;
}

/* The string whose opening quote is at @p; returns what follows its
 * closing quote, or NULL. */
static const guchar *
scan_string (Validator    *v,
             const guchar *p)
{
  const guchar *start = p;
  const guchar *end = v->end;

  p++;
  for (;;)
    {
      guchar c;
      guint n;

      /* Texts are long runs of plain bytes: skip them a word at a time. */
      p = tessera_json_skip_plain (p, end, TRUE);
      if (p >= end)
        {
          fail (v, start, TESSERA_ERROR_INVALID_INPUT,
                _("not valid JSON: the string that starts here is not closed"));
          return NULL;
        }

      c = *p;
      if (c == '"')
        return p + 1;
      if (c == '\\')
        {
          if ((p = scan_escape (v, p)) == NULL)
            return NULL;
        }
      else if (c == '\0')
        {
          fail (v, p, TESSERA_ERROR_INVALID_INPUT, _("NUL byte in a string"));
          return NULL;
        }
      else if (c < 0x20)
        {
          fail (v, p, TESSERA_ERROR_INVALID_INPUT,
                /* Translators: the character's code twice: as U+0009, then in the
                 * JSON escape \\u0009. Keep \\n and \\u as they are. */
                _("control character U+%04X in a string (JSON needs it escaped, e.g. \\n or \\u%04x)"),
                c, c);
          return NULL;
        }
      else if (c >= 0x80)
        {
          if ((n = utf8_sequence_length (p, end)) == 0)
            {
              fail (v, p, TESSERA_ERROR_INVALID_INPUT, _("invalid UTF-8 in a string"));
              return NULL;
            }
          p += n;
        }
      else
        p++;   /* a false alarm of the word test */
    }
}

static const guchar *
skip_digits (const guchar *p,
             const guchar *end)
{
  while (p < end && g_ascii_isdigit (*p))
    p++;

  return p;
}

/* A whole number beyond gint64 (json-glib 1.6 wraps it round): @digits
 * .. @to are its digits, without sign or leading zeros. */
static gboolean
integer_out_of_range (const guchar *digits,
                      const guchar *to,
                      gboolean      negative)
{
  const char *limit = negative ? "9223372036854775808" : "9223372036854775807";
  gsize n = to - digits;

  return n > 19 || (n == 19 && memcmp (digits, limit, 19) > 0);
}

/* A number json-glib cannot hold: a whole number beyond 64 bits
 * (@integer), or one beyond a double. */
static gboolean
fail_number_range (Validator    *v,
                   const guchar *start,
                   const guchar *p,
                   gboolean      integer)
{
  g_autofree char *number = quote (start, p);
  g_autofree char *key = NULL;

  if (v->depth > 0 && v->open[v->depth - 1] == '{' && v->key != NULL)
    key = quote (v->key, v->key + v->key_len);

  if (key != NULL && integer)
    return fail (v, start, TESSERA_ERROR_INVALID_INPUT,
                 /* Translators: the JSON key the number is the value of, then the number. */
                 _("\"%s\": the number %s does not fit in a 64-bit integer"), key, number);
  if (key != NULL)
    /* Translators: the JSON key the number is the value of, then the number. */
    return fail (v, start, TESSERA_ERROR_INVALID_INPUT, _("\"%s\": the number %s is too large"),
                 key, number);
  if (integer)
    return fail (v, start, TESSERA_ERROR_INVALID_INPUT,
                 _("the number %s does not fit in a 64-bit integer"), number);

  return fail (v, start, TESSERA_ERROR_INVALID_INPUT, _("the number %s is too large"), number);
}

/* The number at @p ('-' or a digit); returns what follows it, or NULL. */
static const guchar *
scan_number (Validator    *v,
             const guchar *p)
{
  const guchar *end = v->end;
  const guchar *start = p;
  const guchar *digits;
  gboolean negative = FALSE;
  gboolean integer = TRUE;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
      if (has_prefix (p, end, "Infinity"))
        {
          fail (v, start, TESSERA_ERROR_INVALID_INPUT, _("NaN and Infinity are not allowed in JSON"));
          return NULL;
        }
      if (p >= end || !g_ascii_isdigit (*p))
        {
          fail (v, start, TESSERA_ERROR_INVALID_INPUT,
                _("not valid JSON: a '-' must be followed by digits"));
          return NULL;
        }
    }

  digits = p;
  if (*p == '0')
    {
      p++;
      if (p < end && (*p == 'x' || *p == 'X'))
        {
          fail (v, start, TESSERA_ERROR_INVALID_INPUT,
                _("hexadecimal numbers are not allowed in JSON"));
          return NULL;
        }
      if (p < end && g_ascii_isdigit (*p))
        {
          fail (v, start, TESSERA_ERROR_INVALID_INPUT,
                _("numbers with leading zeros are not allowed in JSON"));
          return NULL;
        }
    }
  else
    p = skip_digits (p, end);

  if (integer_out_of_range (digits, p, negative) &&
      (p >= end || (*p != '.' && *p != 'e' && *p != 'E')))
    {
      fail_number_range (v, start, p, TRUE);
      return NULL;
    }

  if (p < end && *p == '.')
    {
      integer = FALSE;
      p++;
      if (p >= end || !g_ascii_isdigit (*p))
        {
          fail (v, start, TESSERA_ERROR_INVALID_INPUT,
                _("not valid JSON: a '.' in a number must be followed by digits"));
          return NULL;
        }
      p = skip_digits (p, end);
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      integer = FALSE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !g_ascii_isdigit (*p))
        {
          fail (v, start, TESSERA_ERROR_INVALID_INPUT,
                _("not valid JSON: an exponent must have digits"));
          return NULL;
        }
      p = skip_digits (p, end);
    }

  /* Fractions are rare in Tessera's files: converting them costs little,
   * and json-glib would turn 1e999 into an infinity JSON cannot write. */
  if (!integer)
    {
      char buf[NUMBER_BUF_SIZE];
      g_autofree char *copy = NULL;
      gsize n = p - start;
      char *text = n < sizeof buf ? buf : (copy = g_malloc (n + 1));

      memcpy (text, start, n);
      text[n] = '\0';
      if (!isfinite (g_ascii_strtod (text, NULL)))
        {
          fail_number_range (v, start, p, FALSE);
          return NULL;
        }
    }

  return p;
}

/* Something at @p that cannot start a value: says what it looks like. */
static gboolean
fail_value (Validator    *v,
            const guchar *p)
{
  const guchar *end = v->end;
  const guchar *word_end = p;

  if (p >= end)
    return fail_end (v, p);

  switch (*p)
    {
    case '/':
      return fail_comment (v, p);
    case '\'':
      return fail (v, p, TESSERA_ERROR_INVALID_INPUT,
                   _("single-quoted strings are not allowed in JSON"));
    case '+':
      return fail (v, p, TESSERA_ERROR_INVALID_INPUT,
                   _("not valid JSON: a number may not start with '+'"));
    case '.':
      return fail (v, p, TESSERA_ERROR_INVALID_INPUT,
                   _("not valid JSON: a number must start with a digit"));
    case ']':
      if (v->depth > 0 && v->open[v->depth - 1] == '[')
        return fail (v, p, TESSERA_ERROR_INVALID_INPUT,
                     _("a trailing comma before ']' is not allowed in JSON"));
      break;
    case ',':
    case '}':
      return fail_unexpected (v, p, UNEXPECTED_FOR_VALUE);
    default:
      break;
    }

  if (has_prefix (p, end, "NaN") || has_prefix (p, end, "Infinity"))
    return fail (v, p, TESSERA_ERROR_INVALID_INPUT, _("NaN and Infinity are not allowed in JSON"));

  while (word_end < end && is_word_char (*word_end))
    word_end++;
  if (word_end > p)
    {
      g_autofree char *word = quote (p, word_end);

      return fail (v, p, TESSERA_ERROR_INVALID_INPUT,
                   /* Translators: a word of the JSON. Keep true, false and null: they are
                    * JSON's words. */
                   _("not valid JSON: unknown word ‘%s’ (strings need double quotes; "
                     "the only words are true, false and null)"), word);
    }

  return fail_unexpected (v, p, UNEXPECTED_FOR_VALUE);
}

/* A key, its colon, and what follows; or NULL. */
static const guchar *
scan_key (Validator    *v,
          const guchar *p)
{
  const guchar *end = v->end;
  const guchar *key_end;

  if (p < end && *p == '"')
    {
      if ((key_end = scan_string (v, p)) == NULL)
        return NULL;
      v->key = p + 1;
      v->key_len = key_end - 1 - v->key;
      p = skip_space (key_end, end);
      if (p >= end || *p != ':')
        {
          fail_unexpected (v, p, UNEXPECTED_AFTER_KEY);
          return NULL;
        }
      return p + 1;
    }

  if (p >= end)
    fail_end (v, p);
  else if (*p == '}')
    fail (v, p, TESSERA_ERROR_INVALID_INPUT, _("a trailing comma before '}' is not allowed in JSON"));
  else if (*p == '/')
    fail_comment (v, p);
  else if (*p == '\'')
    fail (v, p, TESSERA_ERROR_INVALID_INPUT, _("single-quoted strings are not allowed in JSON"));
  else if (is_word_char (*p))
    fail (v, p, TESSERA_ERROR_INVALID_INPUT, _("object keys must be double-quoted strings in JSON"));
  else
    fail_unexpected (v, p, UNEXPECTED_FOR_KEY);

  return NULL;
}

static gboolean
push (Validator    *v,
      const guchar *p)
{
  if (v->depth == TESSERA_MAX_JSON_DEPTH)
    return fail (v, p, TESSERA_ERROR_LIMIT,
                 /* Translators: the most levels of nesting Tessera reads (64). */
                 _("JSON nested deeper than %d levels"), TESSERA_MAX_JSON_DEPTH);

  v->open[v->depth++] = *p;
  return TRUE;
}

/* What may follow a value: ',' or the closing bracket, or nothing at the
 * top. Returns what follows, with @expect set, or NULL. */
static const guchar *
after_value (Validator    *v,
             const guchar *p,
             Expect       *expect)
{
  const guchar *end = v->end;
  guchar open, close;

  if (v->depth == 0)
    {
      if (p >= end)
        return p;
      if (*p == '/')
        fail_comment (v, p);
      else if (*p == '{' || *p == '[' || *p == '"' || *p == '-' || g_ascii_isdigit (*p) ||
               has_prefix (p, end, "true") || has_prefix (p, end, "false") || has_prefix (p, end, "null"))
        fail (v, p, TESSERA_ERROR_INVALID_INPUT,
              _("not valid JSON: a second value follows the first (only one is allowed)"));
      else
        fail_unexpected (v, p, UNEXPECTED_AFTER_TOP);
      return NULL;
    }

  open = v->open[v->depth - 1];
  close = open == '{' ? '}' : ']';
  if (p >= end)
    {
      fail_end (v, p);
      return NULL;
    }
  if (*p == ',')
    {
      *expect = open == '{' ? EXPECT_KEY : EXPECT_VALUE;
      return p + 1;
    }
  if (*p == close)
    {
      v->depth--;
      *expect = EXPECT_AFTER_VALUE;
      return p + 1;
    }

  if (*p == '/')
    fail_comment (v, p);
  else
    fail_unexpected (v, p, open == '{' ? UNEXPECTED_AFTER_MEMBER : UNEXPECTED_AFTER_ELEMENT);
  return NULL;
}

static gboolean
validate (Validator *v)
{
  const guchar *p = v->data;
  const guchar *end = v->end;
  Expect expect = EXPECT_VALUE;

  /* RFC 8259 §8.1 lets a parser ignore a byte-order mark; json-glib does. */
  if (has_prefix (p, end, "\xef\xbb\xbf"))
    p += 3;

  for (;;)
    {
      p = skip_space (p, end);

      /* An empty array or object. */
      if (p < end && ((expect == EXPECT_FIRST_VALUE && *p == ']') ||
                      (expect == EXPECT_FIRST_KEY && *p == '}')))
        {
          v->depth--;
          p++;
          expect = EXPECT_AFTER_VALUE;
          continue;
        }

      switch (expect)
        {
        case EXPECT_FIRST_VALUE:
        case EXPECT_VALUE:
          if (p >= end)
            return fail_value (v, p);
          switch (*p)
            {
            case '{':
            case '[':
              if (!push (v, p))
                return FALSE;
              expect = *p == '{' ? EXPECT_FIRST_KEY : EXPECT_FIRST_VALUE;
              p++;
              continue;
            case '"':
              p = scan_string (v, p);
              break;
            case '-': case '0': case '1': case '2': case '3': case '4':
            case '5': case '6': case '7': case '8': case '9':
              p = scan_number (v, p);
              break;
            case 't':
            case 'f':
            case 'n':
              {
                const char *word = *p == 't' ? "true" : *p == 'f' ? "false" : "null";

                if (!has_prefix (p, end, word) ||
                    (p + strlen (word) < end && is_word_char (p[strlen (word)])))
                  return fail_value (v, p);
                p += strlen (word);
              }
              break;
            default:
              return fail_value (v, p);
            }
          if (p == NULL)
            return FALSE;
          expect = EXPECT_AFTER_VALUE;
          break;

        case EXPECT_FIRST_KEY:
        case EXPECT_KEY:
          if ((p = scan_key (v, p)) == NULL)
            return FALSE;
          expect = EXPECT_VALUE;
          break;

        case EXPECT_AFTER_VALUE:
        default:
          if ((p = after_value (v, p, &expect)) == NULL)
            return FALSE;
          if (v->depth == 0 && expect == EXPECT_AFTER_VALUE && p >= end)
            return TRUE;
          break;
        }
    }
}

gboolean
tessera_json_validate (const char  *origin,
                       const char  *data,
                       gsize        len,
                       GError     **error)
{
  Validator v = { 0 };
  const char *at, *line_start;
  guint line = 1;

  g_return_val_if_fail (origin != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  v.data = (const guchar *) data;
  v.end = v.data + len;
  if (validate (&v))
    return TRUE;

  /* Where, for a file of several lines, also as line and column (of
   * characters: all before the problem is valid UTF-8). */
  at = data + v.offset;
  line_start = data;
  for (const char *nl = data; (nl = memchr (nl, '\n', at - nl)) != NULL; nl++)
    {
      line++;
      line_start = nl + 1;
    }

  if (line > 1)
    g_set_error (error, TESSERA_ERROR, v.code,
                 /* Translators: where the JSON comes from (a file name), a byte offset, the
                  * line and column there, then what is wrong. */
                 _("%s: byte %zu (line %u, column %ld): %s"),
                 origin, v.offset, line, g_utf8_strlen (line_start, at - line_start) + 1, v.message);
  else
    g_set_error (error, TESSERA_ERROR, v.code,
                 /* Translators: where the JSON comes from (a file name), a byte offset, then
                  * what is wrong. */
                 _("%s: byte %zu: %s"), origin, v.offset, v.message);
  g_free (v.message);

  return FALSE;
}

JsonNode *
tessera_json_parse (const char  *origin,
                    const char  *data,
                    gssize       len,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (origin != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if (len < 0)
    len = strlen (data);

  /* Before json-glib sees it: json-glib 1.6 takes more than JSON and
   * recurses without a bound. */
  if (!tessera_json_validate (origin, data, len, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   /* Translators: where the JSON comes from (a file name), then the parser's
                    * message. */
                   _("%s: not valid JSON: %s"), origin, local_error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("%s: empty JSON document"), origin);
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}
