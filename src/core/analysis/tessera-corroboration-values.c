/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-corroboration"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tessera-corroboration-values.h"
#include "tessera-normalise.h"
#include "tessera-text-header.h"

/* What the corroboration table compares: values made comparable (case,
 * articles, numbers in words), dates resolved against the report's
 * publication, and the majority of a column. GTK-free. */

/* --- normalising a value ---------------------------------------------------- */
static const struct
{
  const char *word;
  double      value;
} number_words[] = {
  { "no", 0 }, { "none", 0 }, { "zero", 0 },
  { "one", 1 }, { "two", 2 }, { "three", 3 }, { "four", 4 }, { "five", 5 },
  { "six", 6 }, { "seven", 7 }, { "eight", 8 }, { "nine", 9 }, { "ten", 10 },
  { "eleven", 11 }, { "twelve", 12 }, { "thirteen", 13 }, { "fourteen", 14 },
  { "fifteen", 15 }, { "sixteen", 16 }, { "seventeen", 17 }, { "eighteen", 18 },
  { "nineteen", 19 }, { "twenty", 20 }, { "thirty", 30 }, { "forty", 40 },
  { "fifty", 50 }, { "sixty", 60 }, { "seventy", 70 }, { "eighty", 80 },
  { "ninety", 90 },
  /* French ("un", "une" are articles first). */
  { "deux", 2 }, { "trois", 3 }, { "quatre", 4 }, { "cinq", 5 }, { "sept", 7 },
  { "huit", 8 }, { "neuf", 9 }, { "dix", 10 }, { "onze", 11 }, { "douze", 12 },
  { "treize", 13 }, { "quatorze", 14 }, { "quinze", 15 }, { "seize", 16 },
  { "vingt", 20 }, { "trente", 30 }, { "quarante", 40 }, { "cinquante", 50 },
  { "soixante", 60 },
};

/* "dozen" multiplies too: "two dozen" is 24, "a dozen" 12. */
static const struct
{
  const char *word;
  double      factor;
} multipliers[] = {
  { "dozen", 12 }, { "hundred", 100 }, { "thousand", 1000 }, { "million", 1000000 },
  { "cent", 100 }, { "cents", 100 }, { "mille", 1000 }, { "millions", 1000000 },
};

/* Articles (English and French, the corpus's languages) and what is left
 * of a possessive once its apostrophe is gone. */
static const char * const ignored_words[] = {
  "the", "a", "an", "le", "la", "les", "l", "un", "une", "des", "s",
};

gboolean
tessera_value_word_in (const char         *word,
                       const char * const *words,
                       gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (word, words[i]))
      return TRUE;
  return FALSE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}

GPtrArray *
tessera_value_tokenize (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) token = g_string_new (NULL);
  gboolean digits = FALSE;

  g_return_val_if_fail (text != NULL, tokens);

  /* Most spans are ASCII, which needs neither folding nor decomposing. */
  if (is_ascii (text))
    decomposed = g_ascii_strdown (text, -1);
  else
    {
      folded = g_utf8_casefold (text, -1);
      decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
    }
  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (g_unichar_isalnum (c))
        {
          if (token->len == 0)
            digits = g_unichar_isdigit (c);
          else if (!g_unichar_isdigit (c))
            digits = FALSE;
          g_string_append_unichar (token, c);
          continue;
        }
      /* A separator inside a number: "25,000", "1.5". */
      if ((c == ',' || c == '.') && digits && token->len > 0 &&
          g_ascii_isdigit (p[1]))
        {
          g_string_append_c (token, (char) c);
          continue;
        }
      if (token->len > 0)
        g_ptr_array_add (tokens, g_strdup (token->str));
      g_string_truncate (token, 0);
      digits = FALSE;
    }
  if (token->len > 0)
    g_ptr_array_add (tokens, g_strdup (token->str));

  return tokens;
}

static double
multiplier_of (const char *token)
{
  for (guint m = 0; m < G_N_ELEMENTS (multipliers); m++)
    if (g_str_equal (token, multipliers[m].word))
      return multipliers[m].factor;
  return 0;
}

static gboolean
number_word_value (const char *token,
                   double     *value)
{
  for (guint w = 0; w < G_N_ELEMENTS (number_words); w++)
    if (g_str_equal (token, number_words[w].word))
      {
        *value = number_words[w].value;
        return TRUE;
      }
  return FALSE;
}

/* Words that join the parts of a number: "one hundred and five", "vingt et
 * un", "soixante et onze". */
static gboolean
is_number_join (const char *token)
{
  return g_str_equal (token, "and") || g_str_equal (token, "et");
}

gboolean
tessera_value_read_number (GPtrArray *tokens,
                           guint      index,
                           double    *value,
                           guint     *n_used)
{
  double total = 0, current = 0, word;
  /* What may follow: a unit after "twenty"…"ninety"; a teen after
   * "soixante" and "quatre-vingt" (French counts 70 and 90 so); a unit
   * from 7 after "dix" ("dix-sept"); anything below 100 after hundreds. */
  gboolean tens = FALSE, teen = FALSE, after_ten = FALSE, hundreds = FALSE;
  guint i = index, used;

  g_return_val_if_fail (tokens != NULL && value != NULL, FALSE);

  if (i < tokens->len && g_ascii_isdigit (*(const char *) g_ptr_array_index (tokens, i)))
    {
      g_autoptr(GString) plain = g_string_new (NULL);

      /* "25,000" is twenty-five thousand; "1.5" one and a half. */
      for (const char *p = g_ptr_array_index (tokens, i); g_ascii_isdigit (*p) || *p == ',' || *p == '.'; p++)
        if (*p != ',')
          g_string_append_c (plain, *p);
      current = g_ascii_strtod (plain->str, NULL);
      i++;
    }
  used = i;

  for (; i < tokens->len; i++)
    {
      const char *token = g_ptr_array_index (tokens, i);
      double factor = multiplier_of (token);
      gboolean first = i == index;

      /* "and", "et" only inside a number, before a word of it. */
      if (!first && is_number_join (token) && (tens || hundreds) && i + 1 < tokens->len &&
          (number_word_value (g_ptr_array_index (tokens, i + 1), &word) ||
           g_str_equal (g_ptr_array_index (tokens, i + 1), "un") ||
           g_str_equal (g_ptr_array_index (tokens, i + 1), "une")))
        continue;

      if (factor > 0)
        {
          /* "three hundred", "two thousand", or "hundred" alone. */
          current = (first ? 1 : current) * factor;
          if (factor >= 1000)
            {
              total += current;
              current = 0;
            }
          hundreds = factor == 100;
          tens = teen = after_ten = FALSE;
        }
      else if ((g_str_equal (token, "vingt") || g_str_equal (token, "vingts")) && current == 4 && !first)
        {
          /* "quatre-vingts" is 80, "quatre-vingt-dix" 90. */
          current = 80;
          tens = teen = TRUE;
          after_ten = hundreds = FALSE;
        }
      else if (!first && tens && (g_str_equal (token, "un") || g_str_equal (token, "une")))
        {
          current += 1;
          tens = teen = FALSE;
        }
      else if (number_word_value (token, &word) &&
               (first || (tens && word >= 1 && word <= 9) || (teen && word >= 10 && word <= 19) ||
                (after_ten && word >= 7 && word <= 9) || (hundreds && word < 100) ||
                (current == 0 && total > 0)))
        {
          /* "twenty-five", "two thousand five", "soixante-douze": the word adds on. */
          current += word;
          tens = word >= 20 && word <= 90 && (int) word % 10 == 0;
          teen = word == 60 && tens;
          after_ten = word == 10;
          hundreds = FALSE;
        }
      else
        break;
      used = i + 1;
    }

  if (used == index)
    return FALSE;
  *value = total + current;
  if (n_used != NULL)
    *n_used = used - index;
  return TRUE;
}

char *
tessera_corroboration_value_key (const char *text)
{
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) key = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  tokens = tessera_value_tokenize (text);
  for (guint i = 0; i < tokens->len;)
    {
      const char *token = g_ptr_array_index (tokens, i);
      double value;
      guint used;

      if (tessera_value_read_number (tokens, i, &value, &used))
        {
          g_array_append_val (numbers, value);
          i += used;
          continue;
        }

      i++;
      if (tessera_value_word_in (token, ignored_words, G_N_ELEMENTS (ignored_words)))
        continue;
      if (key->len > 0)
        g_string_append_c (key, ' ');
      g_string_append (key, token);
    }

  /* With numbers, the numbers are what is compared: "12 killed" and
   * "twelve dead" agree, "at least 12" and "some 30" do not. */
  if (numbers->len > 0)
    {
      g_string_assign (key, "#");
      g_array_sort (numbers, compare_doubles);
      for (guint i = 0; i < numbers->len; i++)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          if (i > 0)
            g_string_append_c (key, ',');
          g_string_append (key, g_ascii_formatd (buf, sizeof buf, "%g",
                                                 g_array_index (numbers, double, i)));
        }
    }

  return g_string_free (g_steal_pointer (&key), FALSE);
}


/* --- dates ------------------------------------------------------------------ */

/* Days said relative to publication, as words_of() reads them. */
static const struct
{
  const char *words;
  int         offset;
} relative_days[] = {
  { "today", 0 }, { "aujourd hui", 0 },
  { "yesterday", -1 }, { "hier", -1 },
  { "avant hier", -2 }, { "day before yesterday", -2 },
};

static const struct
{
  const char   *word;
  GDateWeekday  day;
} weekdays[] = {
  { "monday", G_DATE_MONDAY }, { "tuesday", G_DATE_TUESDAY },
  { "wednesday", G_DATE_WEDNESDAY }, { "thursday", G_DATE_THURSDAY },
  { "friday", G_DATE_FRIDAY }, { "saturday", G_DATE_SATURDAY },
  { "sunday", G_DATE_SUNDAY },
  { "lundi", G_DATE_MONDAY }, { "mardi", G_DATE_TUESDAY },
  { "mercredi", G_DATE_WEDNESDAY }, { "jeudi", G_DATE_THURSDAY },
  { "vendredi", G_DATE_FRIDAY }, { "samedi", G_DATE_SATURDAY },
  { "dimanche", G_DATE_SUNDAY },
};

/* Words that say nothing about which day: "on Sunday", "last Friday",
 * "le dimanche", "dimanche dernier". */
static const char * const date_fillers[] = { "on", "last", "the", "le", "dernier" };

gboolean
tessera_value_may_be_day (GPtrArray *tokens)
{
  g_return_val_if_fail (tokens != NULL, FALSE);

  for (guint i = 0; i < tokens->len; i++)
    {
      const char *token = g_ptr_array_index (tokens, i);

      if (g_ascii_isdigit (*token) || tessera_month_number (token) != 0)
        return TRUE;
      for (guint d = 0; d < G_N_ELEMENTS (weekdays); d++)
        if (g_str_equal (token, weekdays[d].word))
          return TRUE;
      /* Each of "today", "aujourd hui", "avant hier" begins with a word
       * of its own. */
      for (guint r = 0; r < G_N_ELEMENTS (relative_days); r++)
        if (g_str_has_prefix (relative_days[r].words, token) &&
            (relative_days[r].words[strlen (token)] == '\0' ||
             relative_days[r].words[strlen (token)] == ' '))
          return TRUE;
    }
  return FALSE;
}

/* @text's words, casefolded, without accents or fillers, joined by one
 * space: "on Sunday," → "sunday", "aujourd'hui" → "aujourd hui". */
static char *
words_of (const char *text)
{
  g_autoptr(GPtrArray) tokens = tessera_value_tokenize (text);
  g_autoptr(GString) words = g_string_new (NULL);

  for (guint i = 0; i < tokens->len; i++)
    {
      const char *token = g_ptr_array_index (tokens, i);

      if (tessera_value_word_in (token, date_fillers, G_N_ELEMENTS (date_fillers)))
        continue;
      if (words->len > 0)
        g_string_append_c (words, ' ');
      g_string_append (words, token);
    }

  return g_string_free (g_steal_pointer (&words), FALSE);
}

/* @words (as words_of() gives them) hold a month's name. */
static gboolean
names_month (const char *words)
{
  g_auto(GStrv) each = g_strsplit (words, " ", -1);

  for (guint i = 0; each[i] != NULL; i++)
    if (tessera_month_number (each[i]) != 0)
      return TRUE;
  return FALSE;
}

static gboolean
read_iso (const char *iso,
          GDate      *date)
{
  int year, month, day;

  g_date_clear (date, 1);
  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static char *
format_iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

/* @text with a year added ("Sunday, November 12" in @year), as
 * tessera_date_parse() reads it, or NULL. */
static char *
parse_with_year (const char *text,
                 guint       year)
{
  static const char * const joins[] = { ", ", " " };
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  /* The parser does not know "on" before a date. */
  for (guint i = 0; i < G_N_ELEMENTS (date_fillers); i++)
    {
      gsize n = strlen (date_fillers[i]);

      if (g_ascii_strncasecmp (trimmed, date_fillers[i], n) == 0 && trimmed[n] == ' ')
        {
          memmove (trimmed, trimmed + n + 1, strlen (trimmed + n + 1) + 1);
          break;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (joins); i++)
    {
      g_autofree char *dated = g_strdup_printf ("%s%s%u", trimmed, joins[i], year);
      char *parsed = tessera_date_parse (dated, -1);

      if (parsed != NULL)
        return parsed;
    }

  return NULL;
}

char *
tessera_corroboration_resolve_date (const char *text,
                                    const char *published)
{
  g_autofree char *published_iso = NULL;
  g_autofree char *words = NULL;
  g_autofree char *dated = NULL;
  char *absolute;
  GDate pub, day;

  g_return_val_if_fail (text != NULL, NULL);

  if ((absolute = tessera_date_parse (text, -1)) != NULL)
    return absolute;

  /* The rest is read against the day of publication. */
  if (published == NULL ||
      (published_iso = tessera_date_parse_prefix (published, -1, NULL)) == NULL ||
      !read_iso (published_iso, &pub))
    return NULL;

  words = words_of (text);
  for (guint i = 0; i < G_N_ELEMENTS (relative_days); i++)
    if (g_str_equal (words, relative_days[i].words))
      {
        day = pub;
        if (relative_days[i].offset < 0)
          g_date_subtract_days (&day, -relative_days[i].offset);
        return format_iso (&day);
      }

  for (guint i = 0; i < G_N_ELEMENTS (weekdays); i++)
    if (g_str_equal (words, weekdays[i].word))
      {
        int back = ((int) g_date_get_weekday (&pub) - (int) weekdays[i].day + 7) % 7;

        day = pub;
        g_date_subtract_days (&day, back);
        return format_iso (&day);
      }

  /* A day and month without a year: the latest such day up to publication.
   * Without a month's name there is none to read (and two parses saved). */
  if (!names_month (words))
    return NULL;
  dated = parse_with_year (text, g_date_get_year (&pub));
  if (dated != NULL && read_iso (dated, &day) && g_date_compare (&day, &pub) > 0)
    {
      g_clear_pointer (&dated, g_free);
      dated = parse_with_year (text, g_date_get_year (&pub) - 1);
    }

  return g_steal_pointer (&dated);
}

/* --- normalised keys -------------------------------------------------------- */

char *
tessera_corroboration_date_key (const char *text,
                                const char *published)
{
  g_autofree char *day = NULL;
  TesseraDatePrecision precision = TESSERA_DATE_PRECISION_DAY;

  g_return_val_if_fail (text != NULL, NULL);

  if (tessera_normalise_date (text, published, &day, &precision) != TESSERA_DATE_RESOLVED)
    {
      /* Whatever tessera_corroboration_resolve_date() reads, the
       * normaliser reads too; this only keeps the two from parting. */
      g_clear_pointer (&day, g_free);
      if ((day = tessera_corroboration_resolve_date (text, published)) == NULL)
        return NULL;
      precision = TESSERA_DATE_PRECISION_DAY;
    }

  /* A month is its year and month: its first day would read as a day. */
  if (precision == TESSERA_DATE_PRECISION_MONTH && strlen (day) >= 7)
    return g_strdup_printf ("date:%.7s/%d", day, (int) precision);
  return g_strdup_printf ("date:%s/%d", day, (int) precision);
}

char *
tessera_corroboration_figure_key (const char *text)
{
  gint64 value = 0;

  g_return_val_if_fail (text != NULL, NULL);

  if (tessera_normalise_quantity (text, &value) == TESSERA_QUANTITY_NONE)
    return NULL;
  /* As tessera_corroboration_value_key() writes a lone number. */
  return g_strdup_printf ("#%" G_GINT64_FORMAT, value);
}

/* --- the majority ----------------------------------------------------------- */

int
tessera_corroboration_find_majority (GPtrArray *keys)
{
  guint giving = 0;

  g_return_val_if_fail (keys != NULL, -1);

  for (guint i = 0; i < keys->len; i++)
    giving += *(const char *) g_ptr_array_index (keys, i) != '\0';

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      guint holders = 0;

      if (*key == '\0')
        continue;
      for (guint j = 0; j < keys->len; j++)
        holders += g_str_equal (key, g_ptr_array_index (keys, j));
      /* More than half: two of three, three of four, not two of four. */
      if (holders * 2 > giving)
        return (int) i;
    }

  return -1;
}
