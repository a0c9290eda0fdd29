/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-text-header"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-text-header.h"

/* A header longer than this is text that happens to look like one. */
#define MAX_HEADER_LINES 12
/* How many non-blank lines after the header may hold a dateline. */
#define DATELINE_LINES 5
/* A title or source given as "key value" (no colon) is a header line
 * only up to this length: "Source close to the army said…" is text. */
#define MAX_WEAK_VALUE_CHARS 150
/* Month and weekday names are shorter; longer words are not looked up. */
#define MAX_WORD 16

/* Whitespace, with the invisible characters web copy carries. */
static gboolean
is_blank (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x200B || c == 0x2060 || c == 0xFEFF;
}

static const char *
skip_blanks (const char *p,
             const char *end)
{
  while (p < end && is_blank (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

/* @start..@end without the blanks around it. */
static void
trim (const char **start,
      const char **end)
{
  *start = skip_blanks (*start, *end);
  while (*end > *start)
    {
      const char *prev = g_utf8_prev_char (*end);

      if (!is_blank (g_utf8_get_char (prev)))
        break;
      *end = prev;
    }
}

static gboolean
is_alnum_at (const char *p,
             const char *end)
{
  return p < end && g_unichar_isalnum (g_utf8_get_char (p));
}

/* The letters at *@pp, lower case and without accents ("Août" → "aout"),
 * into @buf; FALSE (nothing moved) when there are none, or when they are
 * not ASCII once the accents are gone, or too many. */
static gboolean
read_word (const char **pp,
           const char  *end,
           char         buf[MAX_WORD])
{
  const char *p = *pp;
  guint n = 0;

  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);
      gunichar base[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

      if (!g_unichar_isalpha (c))
        break;
      if (g_unichar_fully_decompose (c, FALSE, base, G_N_ELEMENTS (base)) < 1)
        return FALSE;
      c = g_unichar_tolower (base[0]);
      if (c > 0x7F || n + 1 >= MAX_WORD)
        return FALSE;
      buf[n++] = (char) c;
      p = g_utf8_next_char (p);
    }
  if (n == 0)
    return FALSE;

  buf[n] = '\0';
  *pp = p;
  return TRUE;
}

/* Up to @max_digits ASCII digits at *@pp; -1 (nothing moved) when there
 * are none or more. */
static int
read_number (const char **pp,
             const char  *end,
             int          max_digits,
             int         *n_digits)
{
  const char *p = *pp;
  int value = 0;
  int n = 0;

  while (p < end && g_ascii_isdigit (*p))
    {
      if (++n > max_digits)
        return -1;
      value = value * 10 + (*p - '0');
      p++;
    }
  if (n == 0)
    return -1;

  if (n_digits != NULL)
    *n_digits = n;
  *pp = p;
  return value;
}

static gboolean
word_in (const char         *word,
         const char * const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (strcmp (word, list[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Month and weekday names, English and French, in full or cut short
 * ("Nov.", "févr.", "Tues"), accents dropped by read_word(): 1 to 12 for
 * a month, WEEKDAY for a day of the week. Every date a span or a header
 * might hold asks, so they are found by hash rather than by a walk. */
#define WEEKDAY 100

static GHashTable *
date_words (void)
{
  static const struct
  {
    const char *name;
    int         code;
  } words[] = {
    { "january", 1 }, { "jan", 1 }, { "janvier", 1 }, { "janv", 1 },
    { "february", 2 }, { "feb", 2 }, { "fevrier", 2 }, { "fevr", 2 }, { "fev", 2 },
    { "march", 3 }, { "mar", 3 }, { "mars", 3 },
    { "april", 4 }, { "apr", 4 }, { "avril", 4 }, { "avr", 4 },
    { "may", 5 }, { "mai", 5 },
    { "june", 6 }, { "jun", 6 }, { "juin", 6 },
    { "july", 7 }, { "jul", 7 }, { "juillet", 7 }, { "juil", 7 },
    { "august", 8 }, { "aug", 8 }, { "aout", 8 },
    { "september", 9 }, { "sep", 9 }, { "sept", 9 }, { "septembre", 9 },
    { "october", 10 }, { "oct", 10 }, { "octobre", 10 },
    { "november", 11 }, { "nov", 11 }, { "novembre", 11 },
    { "december", 12 }, { "dec", 12 }, { "decembre", 12 },
    { "monday", WEEKDAY }, { "tuesday", WEEKDAY }, { "wednesday", WEEKDAY },
    { "thursday", WEEKDAY }, { "friday", WEEKDAY }, { "saturday", WEEKDAY },
    { "sunday", WEEKDAY }, { "mon", WEEKDAY }, { "tue", WEEKDAY },
    { "tues", WEEKDAY }, { "wed", WEEKDAY }, { "thu", WEEKDAY },
    { "thur", WEEKDAY }, { "thurs", WEEKDAY }, { "fri", WEEKDAY },
    { "sat", WEEKDAY }, { "sun", WEEKDAY },
    { "lundi", WEEKDAY }, { "mardi", WEEKDAY }, { "mercredi", WEEKDAY },
    { "jeudi", WEEKDAY }, { "vendredi", WEEKDAY }, { "samedi", WEEKDAY },
    { "dimanche", WEEKDAY },
  };
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *built = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (words); i++)
        g_hash_table_insert (built, (gpointer) words[i].name, GINT_TO_POINTER (words[i].code));
      g_once_init_leave (&table, built);
    }
  return table;
}

int
tessera_month_number (const char *word)
{
  int code;

  g_return_val_if_fail (word != NULL, 0);

  code = GPOINTER_TO_INT (g_hash_table_lookup (date_words (), word));
  return code <= 12 ? code : 0;
}

static gboolean
is_weekday (const char *word)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (date_words (), word)) == WEEKDAY;
}

/* Blanks, then one @sep if there is one, then blanks. */
static const char *
skip_sep (const char *p,
          const char *end,
          char        sep)
{
  p = skip_blanks (p, end);
  if (p < end && *p == sep)
    p = skip_blanks (p + 1, end);
  return p;
}

/* "1st", "2nd", "13th", "1er": what follows the day's digits, if any. */
static const char *
skip_ordinal (const char *p,
              const char *end)
{
  static const char * const suffixes[] = { "st", "nd", "rd", "th", "er", NULL };
  const char *q = p;
  char word[MAX_WORD];

  if (read_word (&q, end, word) && word_in (word, suffixes))
    return q;
  return p;
}

/* A month name at *@pp, with its abbreviation's full stop. */
static int
read_month (const char **pp,
            const char  *end)
{
  const char *p = *pp;
  char word[MAX_WORD];
  int month;

  if (!read_word (&p, end, word) || (month = tessera_month_number (word)) == 0)
    return 0;
  if (p < end && *p == '.')
    p++;
  *pp = p;
  return month;
}

/* YYYY-MM-DD, and the rest of an ISO 8601 date-time ("T10:00:00+01:00"). */
static const char *
parse_iso (const char *p,
           const char *end,
           int        *year,
           int        *month,
           int        *day)
{
  int n;

  if ((*year = read_number (&p, end, 4, &n)) < 0 || n != 4 || p >= end || *p != '-')
    return NULL;
  p++;
  if ((*month = read_number (&p, end, 2, &n)) < 0 || n != 2 || p >= end || *p != '-')
    return NULL;
  p++;
  if ((*day = read_number (&p, end, 2, &n)) < 0 || n != 2)
    return NULL;
  if (p < end && *p == 'T' && p + 1 < end && g_ascii_isdigit (p[1]))
    {
      for (p++; p < end && (g_ascii_isdigit (*p) || strchr (":.+-Z", *p) != NULL); p++)
        ;
    }
  return p;
}

/* "[weekday[,]] 13 November 2023", "[weekday[,]] November 13[,] 2023". */
static const char *
parse_written (const char *p,
               const char *end,
               int        *year,
               int        *month,
               int        *day)
{
  const char *q = p;
  char word[MAX_WORD];
  int n;

  if (read_word (&q, end, word) && is_weekday (word))
    {
      if (q < end && *q == '.')
        q++;
      p = skip_sep (q, end, ',');
    }

  if (p < end && g_ascii_isdigit (*p))
    {
      if ((*day = read_number (&p, end, 2, NULL)) < 0)
        return NULL;
      p = skip_ordinal (p, end);
      if (p < end && *p == '.')
        p++;
      p = skip_blanks (p, end);
      if ((*month = read_month (&p, end)) == 0)
        return NULL;
      p = skip_sep (p, end, ',');
    }
  else
    {
      if ((*month = read_month (&p, end)) == 0)
        return NULL;
      p = skip_blanks (p, end);
      if ((*day = read_number (&p, end, 2, NULL)) < 0)
        return NULL;
      p = skip_ordinal (p, end);
      p = skip_sep (p, end, ',');
    }

  if ((*year = read_number (&p, end, 4, &n)) < 0 || n != 4)
    return NULL;
  return p;
}

/* The date at @p (valid UTF-8 up to @end) as YYYY-MM-DD, and where it
 * ends; NULL when there is none. */
static char *
parse_date (const char  *p,
            const char  *end,
            const char **after)
{
  int year = 0, month = 0, day = 0;
  const char *q;

  q = parse_iso (p, end, &year, &month, &day);
  if (q == NULL)
    q = parse_written (p, end, &year, &month, &day);
  /* "2023-11-130" or "13 November 20234" are not dates. */
  if (q == NULL || is_alnum_at (q, end))
    return NULL;
  if (year < 1000 || !g_date_valid_dmy (day, month, year))
    return NULL;

  *after = q;
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

/* What may follow a date on its line: ", 10:45", "à 10h45 GMT",
 * "- 3:05 pm (UTC+1)". Returns where it ends, or @p when there is no time. */
static const char *
skip_time (const char *p,
           const char *end)
{
  static const char * const ats[] = { "at", "a", NULL };
  const char *q = skip_sep (p, end, ',');
  char word[MAX_WORD];
  const char *w = q;
  int n;

  if (read_word (&w, end, word) && word_in (word, ats))
    q = skip_blanks (w, end);
  else if (q < end && (*q == '-' || *q == '|'))
    q = skip_blanks (q + 1, end);

  if (read_number (&q, end, 2, NULL) < 0 || q >= end || strchr (":h.", *q) == NULL)
    return p;
  q++;
  if (read_number (&q, end, 2, &n) < 0 || n != 2)
    return p;
  if (q < end && *q == ':' && q + 1 < end && g_ascii_isdigit (q[1]))
    {
      q++;
      read_number (&q, end, 2, NULL);
    }

  /* am/pm, then a time zone: "GMT", "(UTC+1)", "CET". */
  p = q;
  q = skip_blanks (q, end);
  w = q;
  if (read_word (&w, end, word) && (strcmp (word, "am") == 0 || strcmp (word, "pm") == 0))
    p = q = w;
  q = skip_blanks (q, end);
  if (q < end && *q == '(')
    q++;
  w = q;
  while (w < end && g_ascii_isupper (*w))
    w++;
  if (w - q >= 2 && w - q <= 5)
    {
      if (w < end && (*w == '+' || *w == '-'))
        {
          w++;
          while (w < end && (g_ascii_isdigit (*w) || *w == ':'))
            w++;
        }
      if (w < end && *w == ')')
        w++;
      p = w;
    }

  return p;
}

char *
tessera_date_parse_prefix (const char *text,
                           gssize      len,
                           gsize      *consumed)
{
  const char *after = NULL;
  char *date;

  g_return_val_if_fail (text != NULL, NULL);

  if (len < 0)
    len = strlen (text);
  if (!g_utf8_validate_len (text, len, NULL))
    return NULL;

  date = parse_date (text, text + len, &after);
  if (date != NULL && consumed != NULL)
    *consumed = after - text;
  return date;
}

char *
tessera_date_parse (const char *text,
                    gssize      len)
{
  const char *start = text;
  const char *end;
  const char *after = NULL;
  g_autofree char *date = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (len < 0)
    len = strlen (text);
  if (!g_utf8_validate_len (text, len, NULL))
    return NULL;

  end = text + len;
  trim (&start, &end);
  date = parse_date (start, end, &after);
  if (date == NULL || after != end)
    return NULL;
  return g_steal_pointer (&date);
}

gboolean
tessera_date_is_iso (const char *text)
{
  int year = 0, month = 0, day = 0;
  const char *end;

  g_return_val_if_fail (text != NULL, FALSE);

  end = text + strlen (text);
  return end - text == 10 &&
         parse_iso (text, end, &year, &month, &day) == end &&
         year >= 1000 && g_date_valid_dmy (day, month, year);
}

/* --- language tags ---------------------------------------------------- */

static gboolean
all_of (const char *s,
        gboolean  (*pred) (gchar c))
{
  for (; *s != '\0'; s++)
    if (!pred (*s))
      return FALSE;
  return TRUE;
}

static gboolean
is_ascii_alpha (gchar c)
{
  return g_ascii_isalpha (c);
}

static gboolean
is_ascii_alnum (gchar c)
{
  return g_ascii_isalnum (c);
}

static gboolean
is_ascii_digit (gchar c)
{
  return g_ascii_isdigit (c);
}

/* RFC 5646's langtag and privateuse, in their usual case. */
char *
tessera_language_tag_normalize (const char *tag)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *copy = NULL;
  guint i = 0;
  guint n_extlang = 0;
  gsize len;

  if (tag == NULL)
    return NULL;
  len = strlen (tag);
  if (len == 0 || len > 64)
    return NULL;

  copy = g_strdup (tag);
  g_strdelimit (copy, "_", '-');
  parts = g_strsplit (copy, "-", -1);
  for (guint k = 0; parts[k] != NULL; k++)
    {
      gsize n = strlen (parts[k]);

      if (n == 0 || n > 8 || !all_of (parts[k], is_ascii_alnum))
        return NULL;
      for (char *c = parts[k]; *c != '\0'; c++)
        *c = g_ascii_tolower (*c);
    }

  /* A private tag only: "x-newsroom". */
  if (g_str_equal (parts[0], "x"))
    goto privateuse;

  if (strlen (parts[0]) < 2 || strlen (parts[0]) > 3 || !all_of (parts[0], is_ascii_alpha))
    return NULL;
  i = 1;
  while (parts[i] != NULL && n_extlang < 3 && strlen (parts[i]) == 3 && all_of (parts[i], is_ascii_alpha))
    i++, n_extlang++;
  if (parts[i] != NULL && strlen (parts[i]) == 4 && all_of (parts[i], is_ascii_alpha))
    {
      parts[i][0] = g_ascii_toupper (parts[i][0]);
      i++;
    }
  if (parts[i] != NULL &&
      ((strlen (parts[i]) == 2 && all_of (parts[i], is_ascii_alpha)) ||
       (strlen (parts[i]) == 3 && all_of (parts[i], is_ascii_digit))))
    {
      for (char *c = parts[i]; *c != '\0'; c++)
        *c = g_ascii_toupper (*c);
      i++;
    }
  while (parts[i] != NULL &&
         ((strlen (parts[i]) >= 5) ||
          (strlen (parts[i]) == 4 && g_ascii_isdigit (parts[i][0]))))
    i++;
  /* Extensions: a singleton, then subtags of 2 to 8. */
  while (parts[i] != NULL && strlen (parts[i]) == 1 && !g_str_equal (parts[i], "x"))
    {
      guint n = 0;

      for (i++; parts[i] != NULL && strlen (parts[i]) >= 2; i++)
        n++;
      if (n == 0)
        return NULL;
    }
  if (parts[i] == NULL)
    return g_strjoinv ("-", parts);
  if (!g_str_equal (parts[i], "x"))
    return NULL;

privateuse:
  if (parts[i + 1] == NULL)
    return NULL;
  return g_strjoinv ("-", parts);
}

/* --- the header ------------------------------------------------------- */

typedef enum
{
  FIELD_NONE,
  FIELD_TITLE,
  FIELD_SOURCE,
  FIELD_DATE,
  FIELD_URL,
  FIELD_LANGUAGE,
} Field;

typedef enum
{
  LINE_NOT_HEADER,
  LINE_WEAK,     /* "title …", "source …": only beside a strong line */
  LINE_STRONG,   /* "Key: value", or a date, URL or language after its key */
} LineKind;

typedef struct
{
  Field       field;
  char       *value;      /* NULL when not understood (or empty) */
  const char *raw;        /* the value as written, for problems */
  const char *raw_end;
  const char *rest;       /* where the text begins on this line, or NULL */
  guint       number;
} HeaderLine;

static void
header_line_free (gpointer data)
{
  HeaderLine *line = data;

  g_free (line->value);
  g_free (line);
}

static Field
field_for_key (const char *word)
{
  static const struct
  {
    const char *key;
    Field       field;
  } keys[] = {
    { "title", FIELD_TITLE }, { "titre", FIELD_TITLE }, { "headline", FIELD_TITLE },
    { "source", FIELD_SOURCE }, { "outlet", FIELD_SOURCE }, { "publisher", FIELD_SOURCE },
    { "media", FIELD_SOURCE },
    { "date", FIELD_DATE }, { "published", FIELD_DATE }, { "publie", FIELD_DATE },
    { "url", FIELD_URL }, { "link", FIELD_URL }, { "lien", FIELD_URL },
    { "language", FIELD_LANGUAGE }, { "lang", FIELD_LANGUAGE }, { "langue", FIELD_LANGUAGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (strcmp (word, keys[i].key) == 0)
      return keys[i].field;
  return FIELD_NONE;
}

/* A tag, or a language named in English or French ("Language: English",
 * "Langue : français"). */
static char *
language_from_value (const char *start,
                     const char *end)
{
  static const struct
  {
    const char *name;
    const char *tag;
  } names[] = {
    { "english", "en" }, { "anglais", "en" },
    { "french", "fr" }, { "francais", "fr" },
    { "arabic", "ar" }, { "arabe", "ar" },
    { "spanish", "es" }, { "espagnol", "es" }, { "espanol", "es" },
    { "german", "de" }, { "allemand", "de" }, { "deutsch", "de" },
    { "portuguese", "pt" }, { "portugais", "pt" }, { "portugues", "pt" },
    { "italian", "it" }, { "italien", "it" }, { "italiano", "it" },
    { "russian", "ru" }, { "russe", "ru" },
    { "chinese", "zh" }, { "chinois", "zh" },
  };
  g_autofree char *value = NULL;
  const char *p = start;
  char word[MAX_WORD];

  if (read_word (&p, end, word) && p == end)
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      if (strcmp (word, names[i].name) == 0)
        return g_strdup (names[i].tag);

  value = g_strndup (start, end - start);
  return tessera_language_tag_normalize (value);
}

static gboolean
looks_like_url (const char *start,
                const char *end)
{
  gsize len = end - start;

  if (!((len > 7 && g_ascii_strncasecmp (start, "http://", 7) == 0) ||
        (len > 8 && g_ascii_strncasecmp (start, "https://", 8) == 0)))
    return FALSE;
  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    if (is_blank (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* At most @max characters between @start and @end. */
static gboolean
is_short (const char *start,
          const char *end,
          guint       max)
{
  guint n = 0;

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    if (++n > max)
      return FALSE;
  return TRUE;
}

/* One trimmed line [@start, @end) of the header, or not. */
static LineKind
parse_header_line (const char *start,
                   const char *end,
                   HeaderLine *line)
{
  const char *p = start;
  const char *value;
  const char *after = NULL;
  char word[MAX_WORD];
  gboolean colon;

  if (!read_word (&p, end, word) || (line->field = field_for_key (word)) == FIELD_NONE)
    return LINE_NOT_HEADER;

  /* "Published on …", "Publié le …". */
  if (line->field == FIELD_DATE)
    {
      const char *w = skip_blanks (p, end);

      if (w > p && read_word (&w, end, word) && (g_str_equal (word, "on") || g_str_equal (word, "le")))
        p = w;
    }

  /* French puts a space before the colon: "Titre : …". */
  value = skip_blanks (p, end);
  colon = value < end && *value == ':';
  if (colon)
    value = skip_blanks (value + 1, end);
  else if (value == p || value == end)
    return LINE_NOT_HEADER;   /* "Date-line", "Dated", a key alone */

  line->raw = value;
  line->raw_end = end;

  switch (line->field)
    {
    case FIELD_DATE:
      if (value < end && (line->value = parse_date (value, end, &after)) != NULL)
        {
          after = skip_blanks (skip_time (after, end), end);
          /* "date 2023-11-12 On Sunday…": the text starts on this line. */
          if (!colon && after < end)
            line->rest = after;
        }
      return line->value != NULL || colon ? LINE_STRONG : LINE_NOT_HEADER;

    case FIELD_URL:
      if (!colon && !looks_like_url (value, end))
        return LINE_NOT_HEADER;
      if (value < end)
        line->value = g_strndup (value, end - value);
      return LINE_STRONG;

    case FIELD_LANGUAGE:
      if (value < end)
        line->value = language_from_value (value, end);
      return line->value != NULL || colon ? LINE_STRONG : LINE_NOT_HEADER;

    case FIELD_TITLE:
    case FIELD_SOURCE:
      if (value < end)
        line->value = g_strndup (value, end - value);
      if (colon)
        return LINE_STRONG;
      return is_short (value, end, MAX_WEAK_VALUE_CHARS) ? LINE_WEAK : LINE_NOT_HEADER;

    case FIELD_NONE:
    default:
      return LINE_NOT_HEADER;
    }
}

/* One line of @text from *@cursor; FALSE at the end. */
typedef struct
{
  const char *start;
  const char *end;    /* its '\n' or the end of the text */
  const char *next;   /* the next line, or NULL */
} Line;

static gboolean
next_line (const char **cursor,
           Line        *line)
{
  const char *eol;

  if (*cursor == NULL || **cursor == '\0')
    return FALSE;

  line->start = *cursor;
  eol = strchr (line->start, '\n');
  line->end = eol != NULL ? eol : line->start + strlen (line->start);
  line->next = eol != NULL ? eol + 1 : NULL;
  *cursor = line->next;
  return TRUE;
}

/* A line that is only a date, maybe with a time: "13 November 2023",
 * "Published on Monday, November 13, 2023 10:45 GMT", "Le 13 novembre
 * 2023 à 10h45". */
static char *
dateline_date (const char *start,
               const char *end)
{
  static const char * const leads[] = { "published", "posted", "publie", "on", "le", NULL };
  g_autofree char *date = NULL;
  const char *after = NULL;
  const char *p = start;

  for (guint i = 0; i < 2; i++)
    {
      const char *w = p;
      char word[MAX_WORD];

      if (!read_word (&w, end, word) || !word_in (word, leads))
        break;
      p = skip_sep (w, end, ':');
    }

  if ((date = parse_date (p, end, &after)) == NULL)
    return NULL;
  after = skip_blanks (skip_time (after, end), end);
  if (after < end && *after == '.')
    after = skip_blanks (after + 1, end);
  return after == end ? g_steal_pointer (&date) : NULL;
}

static void
add_problem (TesseraTextHeader *header,
             const HeaderLine  *line)
{
  g_autofree char *raw = NULL;
  const char *cut = line->raw;

  /* Enough of the value to recognise it. */
  for (guint n = 0; cut < line->raw_end && n < 40; n++)
    cut = g_utf8_next_char (cut);
  raw = g_strdup_printf ("%.*s%s", (int) (cut - line->raw), line->raw, cut < line->raw_end ? "…" : "");

  if (line->field == FIELD_DATE)
    g_ptr_array_add (header->problems,
                     /* Translators: a line of a plain-text file's header, then its value. */
                     g_strdup_printf (_("line %u: “%s” is not a date Tessera can read; "
                                        "no publication date was set"), line->number, raw));
  else
    g_ptr_array_add (header->problems,
                     g_strdup_printf (_("line %u: “%s” is not a language tag (such as “en” or "
                                        "“fr”); no language was set"), line->number, raw));
}

static void
set_once (char       **field,
          const char  *value)
{
  if (*field == NULL && value != NULL)
    *field = g_strdup (value);
}

void
tessera_text_header_read (const char        *text,
                          TesseraTextHeader *header)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (header_line_free);
  const char *cursor = text;
  const char *body = text;
  guint number = 0;
  guint n_strong = 0;
  guint n_non_blank = 0;
  gboolean first = TRUE;
  Line line;

  g_return_if_fail (text != NULL);
  g_return_if_fail (header != NULL);

  memset (header, 0, sizeof *header);
  header->problems = g_ptr_array_new_with_free_func (g_free);

  while (next_line (&cursor, &line))
    {
      const char *start = line.start;
      const char *end = line.end;
      HeaderLine *hl;
      LineKind kind;

      number++;
      trim (&start, &end);
      if (start == end)
        {
          /* Blank lines before the header are part of it; one after ends it. */
          if (lines->len == 0)
            continue;
          break;
        }
      if (lines->len == MAX_HEADER_LINES)
        break;

      hl = g_new0 (HeaderLine, 1);
      hl->number = number;
      kind = parse_header_line (start, end, hl);
      if (kind == LINE_NOT_HEADER)
        {
          header_line_free (hl);
          break;
        }
      g_ptr_array_add (lines, hl);
      if (kind == LINE_STRONG)
        n_strong++;
      if (hl->rest != NULL)
        {
          body = hl->rest;
          break;
        }
      body = line.next != NULL ? line.next : line.end;
    }

  /* "Title …" and "Source …" alone are more likely the text's first words. */
  if (n_strong == 0)
    {
      g_ptr_array_set_size (lines, 0);
      body = text;
    }

  for (guint i = 0; i < lines->len; i++)
    {
      const HeaderLine *hl = lines->pdata[i];

      if (hl->value == NULL && hl->raw < hl->raw_end)
        add_problem (header, hl);
      switch (hl->field)
        {
        case FIELD_TITLE: set_once (&header->title, hl->value); break;
        case FIELD_SOURCE: set_once (&header->source, hl->value); break;
        case FIELD_DATE: set_once (&header->published, hl->value); break;
        case FIELD_URL: set_once (&header->url, hl->value); break;
        case FIELD_LANGUAGE: set_once (&header->language, hl->value); break;
        case FIELD_NONE:
        default:
          g_assert_not_reached ();
        }
    }
  header->n_header_lines = lines->len;
  header->body = body - text;
  header->title_from = header->body;

  /* The dateline: its line number counts the lines the header took. */
  number = 1;
  for (const char *p = text; p < body; p++)
    if (*p == '\n')
      number++;
  cursor = body;
  for (; n_non_blank < DATELINE_LINES && next_line (&cursor, &line); number++)
    {
      const char *start = line.start;
      const char *end = line.end;
      g_autofree char *date = NULL;

      trim (&start, &end);
      if (start == end)
        continue;
      n_non_blank++;

      if ((date = dateline_date (start, end)) != NULL)
        {
          /* A date is no title. */
          if (first)
            header->title_from = (line.next != NULL ? line.next : line.end) - text;
          if (header->published == NULL)
            {
              header->published = g_steal_pointer (&date);
              header->dateline = number;
            }
          break;
        }
      first = FALSE;
    }
}

void
tessera_text_header_clear (TesseraTextHeader *header)
{
  g_return_if_fail (header != NULL);

  g_clear_pointer (&header->title, g_free);
  g_clear_pointer (&header->source, g_free);
  g_clear_pointer (&header->url, g_free);
  g_clear_pointer (&header->published, g_free);
  g_clear_pointer (&header->language, g_free);
  g_clear_pointer (&header->problems, g_ptr_array_unref);
  memset (header, 0, sizeof *header);
}
