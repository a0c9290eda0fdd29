/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-normalise"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tessera-corroboration-values.h"
#include "tessera-normalise.h"
#include "tessera-text-header.h"

/* Dates and figures of spans as a conflict dataset codes them. Words are
 * read as tessera_value_tokenize() gives them: casefolded, accent-free,
 * "week-end" as "week", "end". Days alone are left to
 * tessera_corroboration_resolve_date(); this adds slashes, ranges and
 * months, and says why a date did not resolve. */

/* A phrase of tokens, NULL-terminated, and what it means. */
typedef struct
{
  const char *words[4];
  int         value;
} Phrase;

static gboolean opens_phrase (const char *word);

/* The phrase of @phrases matching @tokens at @index, or NULL. */
static const Phrase *
match_phrase (GPtrArray    *tokens,
              guint         index,
              const Phrase *phrases,
              gsize         n)
{
  if (index >= tokens->len || !opens_phrase (g_ptr_array_index (tokens, index)))
    return NULL;
  for (gsize p = 0; p < n; p++)
    {
      guint k = 0;

      while (phrases[p].words[k] != NULL && index + k < tokens->len &&
             g_str_equal (phrases[p].words[k], g_ptr_array_index (tokens, index + k)))
        k++;
      if (phrases[p].words[k] == NULL)
        return &phrases[p];
    }
  return NULL;
}

static guint
phrase_length (const Phrase *phrase)
{
  guint k = 0;

  while (phrase->words[k] != NULL)
    k++;
  return k;
}

/* --- dates ------------------------------------------------------------------ */

/* Words that do not change the day: times of day, and the prepositions
 * and articles around them ("shortly before dawn on Sunday", "dimanche
 * soir", "dans la nuit de samedi"). */
static const char * const times_of_day[] = {
  "morning", "afternoon", "evening", "night", "overnight", "dawn", "dusk",
  "noon", "midday", "midnight", "early", "late", "shortly", "before",
  "after", "around", "at", "in", "during", "by",
  "matin", "apres", "midi", "soir", "soiree", "nuit", "aube", "tot", "tard",
  "dans", "la", "l", "de", "du", "en", "au", "vers",
};

/* Words around a period that say nothing of it: "in October", "the end
 * of October", "le week-end", "courant octobre". */
static const char * const period_fillers[] = {
  "the", "on", "in", "of", "during", "over",
  "le", "la", "les", "l", "en", "au", "courant", "de", "du", "d",
};

enum { WEEK_LAST, WEEK_THIS, WEEKEND, MONTH_LAST };

static const Phrase periods[] = {
  { { "last", "week" }, WEEK_LAST }, { { "semaine", "derniere" }, WEEK_LAST },
  { { "this", "week" }, WEEK_THIS }, { { "cette", "semaine" }, WEEK_THIS },
  { { "last", "weekend" }, WEEKEND }, { { "this", "weekend" }, WEEKEND },
  { { "weekend" }, WEEKEND }, { { "week", "end", "dernier" }, WEEKEND },
  { { "ce", "week", "end" }, WEEKEND }, { { "week", "end" }, WEEKEND },
  { { "last", "month" }, MONTH_LAST }, { { "mois", "dernier" }, MONTH_LAST },
};

/* The day of the month a third of it begins on. */
static const Phrase month_parts[] = {
  { { "early" }, 1 }, { { "beginning" }, 1 }, { { "start" }, 1 }, { { "debut" }, 1 },
  { { "mid" }, 11 }, { { "middle" }, 11 }, { { "mi" }, 11 },
  { { "late" }, 21 }, { { "end" }, 21 }, { { "fin" }, 21 },
};

/* @tokens without the words of @drop. */
static GPtrArray *
tokens_without (GPtrArray          *tokens,
                const char * const *drop,
                gsize               n)
{
  GPtrArray *kept = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < tokens->len; i++)
    if (!tessera_value_word_in (g_ptr_array_index (tokens, i), drop, n))
      g_ptr_array_add (kept, g_strdup (g_ptr_array_index (tokens, i)));
  return kept;
}

static char *
join_tokens (GPtrArray *tokens)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < tokens->len; i++)
    g_string_append_printf (joined, "%s%s", i > 0 ? " " : "", (const char *) g_ptr_array_index (tokens, i));
  return g_string_free (joined, FALSE);
}

/* The month @word names (1–12, English or French, abbreviations too), or
 * 0: the header's date parser knows the names. */
static int
month_of (const char *word)
{
  return tessera_month_number (word);
}

static int
year_of (const char *word)
{
  return strlen (word) == 4 && g_ascii_isdigit (word[0]) && word[0] != '0' &&
         strspn (word, "0123456789") == 4 ? atoi (word) : 0;
}

static char *
format_day (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

static char *
format_dmy (int day,
            int month,
            int year)
{
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

/* "12/11/2023", "12.11.2023": day first, the way British and French
 * reports write it; NULL for anything else. */
static char *
parse_numeric (const char *text)
{
  int day, month, year, used = 0;
  char sep, sep2;

  if (sscanf (text, " %2d%c%2d%c%4d %n", &day, &sep, &month, &sep2, &year, &used) != 5 ||
      text[used] != '\0' || sep != sep2 || (sep != '/' && sep != '.') ||
      year < 1000 || !g_date_valid_dmy (day, month, year))
    return NULL;
  return format_dmy (day, month, year);
}

/* Periods read against @pub: "last week", "the weekend", "early October",
 * "octobre 2023". @relative says whether @pub was needed. */
static char *
resolve_period (GPtrArray            *tokens,
                const GDate          *pub,
                TesseraDatePrecision *precision,
                gboolean             *relative)
{
  g_autoptr(GPtrArray) words = tokens_without (tokens, period_fillers, G_N_ELEMENTS (period_fillers));
  const Phrase *period = match_phrase (words, 0, periods, G_N_ELEMENTS (periods));
  const Phrase *part = NULL;
  guint at = 0;
  int month, year = 0;
  GDate day = *pub;

  *relative = TRUE;
  if (period != NULL && phrase_length (period) == words->len)
    {
      switch (period->value)
        {
        case WEEK_LAST:
        case WEEK_THIS:
          /* Weeks begin on Monday, as ISO 8601 and ACLED count them. */
          g_date_subtract_days (&day, g_date_get_weekday (&day) - G_DATE_MONDAY);
          if (period->value == WEEK_LAST)
            g_date_subtract_days (&day, 7);
          *precision = TESSERA_DATE_PRECISION_RANGE;
          break;
        case WEEKEND:
          /* The weekend under way or just past: its Saturday. */
          g_date_subtract_days (&day, (g_date_get_weekday (&day) - G_DATE_SATURDAY + 7) % 7);
          *precision = TESSERA_DATE_PRECISION_RANGE;
          break;
        default:
          g_date_set_day (&day, 1);
          g_date_subtract_months (&day, 1);
          *precision = TESSERA_DATE_PRECISION_MONTH;
          break;
        }
      return format_day (&day);
    }

  if ((part = match_phrase (words, 0, month_parts, G_N_ELEMENTS (month_parts))) != NULL)
    at = phrase_length (part);
  if (at >= words->len || (month = month_of (g_ptr_array_index (words, at))) == 0)
    return NULL;
  if (at + 1 < words->len &&
      (at + 2 != words->len || (year = year_of (g_ptr_array_index (words, at + 1))) == 0))
    return NULL;

  *relative = year == 0;
  if (year == 0)
    {
      if (!g_date_valid (pub))
        return NULL;
      /* The latest such month that has begun by publication. */
      year = g_date_get_year (pub) - (month > (int) g_date_get_month (pub));
    }
  *precision = part != NULL ? TESSERA_DATE_PRECISION_RANGE : TESSERA_DATE_PRECISION_MONTH;
  return format_dmy (part != NULL ? part->value : 1, month, year);
}

/* Whether @tokens hold a word of a period ("last week", "le week-end"). */
static gboolean
names_period (GPtrArray *tokens)
{
  for (guint i = 0; i < tokens->len; i++)
    for (gsize p = 0; p < G_N_ELEMENTS (periods); p++)
      for (guint k = 0; periods[p].words[k] != NULL; k++)
        if (g_str_equal (periods[p].words[k], g_ptr_array_index (tokens, i)))
          return TRUE;
  return FALSE;
}

/* Everything but the absolute forms, against @published (YYYY-MM-DD). */
static char *
resolve_relative (const char           *text,
                  const char           *published,
                  TesseraDatePrecision *precision,
                  gboolean             *relative)
{
  g_autoptr(GPtrArray) tokens = tessera_value_tokenize (text);
  g_autoptr(GPtrArray) day_words = NULL;
  g_autofree char *joined = NULL;
  char *day;
  GDate pub;

  g_date_clear (&pub, 1);
  g_date_set_dmy (&pub, atoi (published + 8), atoi (published + 5), atoi (published));

  *relative = TRUE;
  *precision = TESSERA_DATE_PRECISION_DAY;
  if ((day = tessera_corroboration_resolve_date (text, published)) != NULL)
    return day;

  /* "late on Saturday", "dimanche soir": the day, whatever the hour. */
  day_words = tokens_without (tokens, times_of_day, G_N_ELEMENTS (times_of_day));
  joined = join_tokens (day_words);
  if (day_words->len > 0 &&
      (day = tessera_corroboration_resolve_date (joined, published)) != NULL)
    return day;

  return resolve_period (tokens, &pub, precision, relative);
}

/* One day or period, no range, no clock time. */
static TesseraDateStatus
normalise_single (const char            *text,
                  const char            *published,
                  char                 **value,
                  TesseraDatePrecision  *precision)
{
  g_autofree char *published_day = NULL;
  g_autofree char *day = NULL;
  TesseraDatePrecision found = TESSERA_DATE_PRECISION_DAY;
  gboolean relative = FALSE;

  *value = NULL;
  if (published != NULL)
    published_day = tessera_date_parse_prefix (published, -1, NULL);

  if ((day = tessera_date_parse (text, -1)) == NULL &&
      (day = parse_numeric (text)) == NULL)
    {
      /* Without a publication date, read against a stand-in one only to
       * tell a relative date ("Sunday") from no date at all. */
      day = resolve_relative (text, published_day != NULL ? published_day : "2000-01-01",
                              &found, &relative);
      if (day != NULL && relative && published_day == NULL)
        {
          g_clear_pointer (&day, g_free);
          return TESSERA_DATE_NEEDS_PUBLICATION;
        }
    }
  if (day == NULL)
    return TESSERA_DATE_NOT_A_DATE;

  *value = g_steal_pointer (&day);
  *precision = found;
  return TESSERA_DATE_RESOLVED;
}

/* --- ranges and clock times ------------------------------------------------ */

/* Words before a range that say nothing of its days: "between", "from",
 * "on the night of", "dans la nuit de", "du", "entre". */
static const char * const range_openers[] = {
  "between", "from", "on", "the", "night", "of", "overnight",
  "entre", "du", "de", "d", "dans", "la", "nuit", "le", "les",
};

/* What joins a range's first day to its last ("3 and 5 March", "samedi à
 * dimanche" once the accent is gone, "du 3 au 5 mars"). */
static const char * const range_joins[] = {
  "and", "to", "through", "until", "till", "au", "a", "et", "jusqu",
};

static gboolean
is_day_number (const char *token)
{
  return g_ascii_isdigit (token[0]) && strspn (token, "0123456789") == strlen (token) &&
         strlen (token) <= 2 && atoi (token) >= 1 && atoi (token) <= 31;
}

static gboolean
read_day (const char *iso,
          GDate      *date)
{
  g_date_clear (date, 1);
  if (iso == NULL || strlen (iso) < 10)
    return FALSE;
  g_date_set_dmy (date, atoi (iso + 8), atoi (iso + 5), atoi (iso));
  return g_date_valid (date);
}

/* A range of days, "between 3 and 5 March", "3-5 March", "from Friday to
 * Sunday", "dans la nuit de samedi à dimanche": its first day, precision
 * 2 (a range), or a month when it spans more than a month. The last day
 * is read as a date of its own; the first against it, so that "Friday"
 * is the Friday before that Sunday and "3" takes its month. */
static TesseraDateStatus
normalise_range (GPtrArray             *tokens,
                 const char            *published,
                 char                 **value,
                 TesseraDatePrecision  *precision)
{
  g_autoptr(GPtrArray) first = g_ptr_array_new ();
  g_autoptr(GPtrArray) last = g_ptr_array_new ();
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;
  g_autofree char *last_day = NULL;
  g_autofree char *first_day = NULL;
  TesseraDatePrecision last_precision, first_precision;
  TesseraDateStatus status;
  guint start = 0, join = 0;
  GDate from, to;

  while (start < tokens->len &&
         tessera_value_word_in (g_ptr_array_index (tokens, start), range_openers, G_N_ELEMENTS (range_openers)))
    start++;
  if (tokens->len < start + 3)
    return TESSERA_DATE_NOT_A_DATE;

  /* "3-5 March": two day numbers, the dash gone with the tokens. */
  if (is_day_number (g_ptr_array_index (tokens, start)) &&
      is_day_number (g_ptr_array_index (tokens, start + 1)))
    join = start + 1;
  else
    for (guint i = start + 1; join == 0 && i + 1 < tokens->len; i++)
      if (tessera_value_word_in (g_ptr_array_index (tokens, i), range_joins, G_N_ELEMENTS (range_joins)))
        join = i;
  if (join == 0)
    return TESSERA_DATE_NOT_A_DATE;

  for (guint i = start; i < tokens->len; i++)
    if (i < join)
      g_ptr_array_add (first, g_ptr_array_index (tokens, i));
    else if (i > join || !tessera_value_word_in (g_ptr_array_index (tokens, i), range_joins, G_N_ELEMENTS (range_joins)))
      g_ptr_array_add (last, g_ptr_array_index (tokens, i));
  last_text = join_tokens (last);
  status = normalise_single (last_text, published, &last_day, &last_precision);
  if (status != TESSERA_DATE_RESOLVED || last_precision != TESSERA_DATE_PRECISION_DAY ||
      !read_day (last_day, &to))
    return status == TESSERA_DATE_NEEDS_PUBLICATION ? status : TESSERA_DATE_NOT_A_DATE;

  if (first->len == 1 && is_day_number (g_ptr_array_index (first, 0)))
    {
      int d = atoi (g_ptr_array_index (first, 0));

      if (!g_date_valid_dmy (d, g_date_get_month (&to), g_date_get_year (&to)))
        return TESSERA_DATE_NOT_A_DATE;
      g_date_clear (&from, 1);
      g_date_set_dmy (&from, d, g_date_get_month (&to), g_date_get_year (&to));
    }
  else
    {
      first_text = join_tokens (first);
      if (normalise_single (first_text, last_day, &first_day, &first_precision) != TESSERA_DATE_RESOLVED ||
          first_precision != TESSERA_DATE_PRECISION_DAY || !read_day (first_day, &from))
        return TESSERA_DATE_NOT_A_DATE;
    }
  if (g_date_compare (&from, &to) > 0)
    return TESSERA_DATE_NOT_A_DATE;

  *value = format_day (&from);
  *precision = g_date_days_between (&from, &to) == 0 ? TESSERA_DATE_PRECISION_DAY
               : g_date_days_between (&from, &to) <= 31 ? TESSERA_DATE_PRECISION_RANGE
               : TESSERA_DATE_PRECISION_MONTH;
  return TESSERA_DATE_RESOLVED;
}

/* Clock times say nothing of the day: "10:45", "14h30", "10 a.m.",
 * "3pm", with "GMT" or "local time" after them. */
static char *
without_clock_times (const char *text)
{
  static GRegex *clock;

  if (g_once_init_enter (&clock))
    g_once_init_leave (&clock, g_regex_new ("\\b\\d{1,2}(?:\\s*[:h.]\\s*\\d{2}(?![.\\d])|\\s*(?:[ap]\\.?\\s?m\\b\\.?|h\\b))"
                                            "(?:\\s*(?:GMT|UTC|local time|heure locale)\\b)?",
                                            G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));
  char *without = g_regex_replace_literal (clock, text, -1, 0, " ", 0, NULL);
  gsize n;

  if (without == NULL)
    return g_strdup (text);
  /* And what stood before the time at the end: "2 March 2024, 14h30". */
    {
      g_strchomp (without);
      for (n = strlen (without); n > 0 && strchr (",;-", without[n - 1]) != NULL; n--)
        without[n - 1] = '\0';
    }
  return without;
}

TesseraDateStatus
tessera_normalise_date (const char            *text,
                        const char            *published,
                        char                 **value,
                        TesseraDatePrecision  *precision)
{
  g_autofree char *without_times = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  TesseraDateStatus status;

  g_return_val_if_fail (text != NULL, TESSERA_DATE_NOT_A_DATE);
  g_return_val_if_fail (value != NULL && precision != NULL, TESSERA_DATE_NOT_A_DATE);

  *value = NULL;
  /* Most spans that are not dates at all stop here, unparsed. */
  tokens = tessera_value_tokenize (text);
  if (!tessera_value_may_be_day (tokens) && !names_period (tokens))
    return TESSERA_DATE_NOT_A_DATE;

  /* Read without its clock time, if it has one. */
  if (strpbrk (text, "0123456789") != NULL)
    {
      without_times = without_clock_times (text);
      if (g_str_equal (without_times, text))
        g_clear_pointer (&without_times, g_free);
      else
        {
          text = without_times;
          g_ptr_array_unref (tokens);
          tokens = tessera_value_tokenize (text);
        }
    }

  if ((status = normalise_single (text, published, value, precision)) != TESSERA_DATE_NOT_A_DATE)
    return status;
  return normalise_range (tokens, published, value, precision);
}

/* --- quantities ------------------------------------------------------------- */

static const Phrase qualifiers[] = {
  { { "no", "fewer", "than" }, TESSERA_QUANTITY_LOWER_BOUND },
  { { "no", "less", "than" }, TESSERA_QUANTITY_LOWER_BOUND },
  { { "not", "less", "than" }, TESSERA_QUANTITY_LOWER_BOUND },
  { { "at", "least" }, TESSERA_QUANTITY_LOWER_BOUND },
  { { "more", "than" }, TESSERA_QUANTITY_LOWER_BOUND },
  { { "over" }, TESSERA_QUANTITY_LOWER_BOUND },
  { { "upwards", "of" }, TESSERA_QUANTITY_LOWER_BOUND },
  { { "au", "moins" }, TESSERA_QUANTITY_LOWER_BOUND },
  { { "plus", "de" }, TESSERA_QUANTITY_LOWER_BOUND },
  { { "plus", "d" }, TESSERA_QUANTITY_LOWER_BOUND },
  { { "up", "to" }, TESSERA_QUANTITY_UPPER_BOUND },
  { { "at", "most" }, TESSERA_QUANTITY_UPPER_BOUND },
  { { "fewer", "than" }, TESSERA_QUANTITY_UPPER_BOUND },
  { { "less", "than" }, TESSERA_QUANTITY_UPPER_BOUND },
  { { "under" }, TESSERA_QUANTITY_UPPER_BOUND },
  { { "jusqu", "a" }, TESSERA_QUANTITY_UPPER_BOUND },
  { { "moins", "de" }, TESSERA_QUANTITY_UPPER_BOUND },
  { { "moins", "d" }, TESSERA_QUANTITY_UPPER_BOUND },
  { { "au", "plus" }, TESSERA_QUANTITY_UPPER_BOUND },
  { { "some" }, TESSERA_QUANTITY_ROUGH },
  { { "about" }, TESSERA_QUANTITY_ROUGH },
  { { "around" }, TESSERA_QUANTITY_ROUGH },
  { { "nearly" }, TESSERA_QUANTITY_ROUGH },
  { { "almost" }, TESSERA_QUANTITY_ROUGH },
  { { "roughly" }, TESSERA_QUANTITY_ROUGH },
  { { "approximately" }, TESSERA_QUANTITY_ROUGH },
  { { "an", "estimated" }, TESSERA_QUANTITY_ROUGH },
  { { "estimated" }, TESSERA_QUANTITY_ROUGH },
  { { "close", "to" }, TESSERA_QUANTITY_ROUGH },
  { { "environ" }, TESSERA_QUANTITY_ROUGH },
  { { "pres", "de" }, TESSERA_QUANTITY_ROUGH },
  { { "pres", "d" }, TESSERA_QUANTITY_ROUGH },
  { { "quelque" }, TESSERA_QUANTITY_ROUGH },
  { { "autour", "de" }, TESSERA_QUANTITY_ROUGH },
  { { "approximativement" }, TESSERA_QUANTITY_ROUGH },
};

/* ACLED's readings of words for numbers (its codebook: "dozens" 12,
 * "hundreds" 100; "several", "many" 10 when no report gives more). */
static const Phrase word_figures[] = {
  { { "a", "dozen" }, 12 }, { { "dozens" }, 12 }, { { "tens" }, 10 },
  { { "scores" }, 20 }, { { "several" }, 10 }, { { "many" }, 10 },
  { { "hundreds" }, 100 }, { { "thousands" }, 1000 },
  { { "une", "dizaine" }, 10 }, { { "des", "dizaines" }, 12 }, { { "dizaines" }, 12 },
  { { "une", "douzaine" }, 12 }, { { "une", "quinzaine" }, 15 }, { { "une", "vingtaine" }, 20 },
  { { "une", "trentaine" }, 30 }, { { "une", "quarantaine" }, 40 }, { { "une", "cinquantaine" }, 50 },
  { { "une", "soixantaine" }, 60 },
  { { "une", "centaine" }, 100 }, { { "des", "centaines" }, 100 }, { { "centaines" }, 100 },
  { { "un", "millier" }, 1000 }, { { "des", "milliers" }, 1000 }, { { "milliers" }, 1000 },
  { { "plusieurs" }, 10 }, { { "de", "nombreux" }, 10 }, { { "de", "nombreuses" }, 10 },
};

TesseraQuantityKind
tessera_normalise_quantity (const char *text,
                            gint64     *value)
{
  g_autoptr(GPtrArray) tokens = NULL;
  TesseraQuantityKind kind = TESSERA_QUANTITY_EXACT;

  g_return_val_if_fail (text != NULL && value != NULL, TESSERA_QUANTITY_NONE);

  tokens = tessera_value_tokenize (text);
  for (guint i = 0; i < tokens->len;)
    {
      const Phrase *phrase;
      double number;
      guint used;

      if ((phrase = match_phrase (tokens, i, qualifiers, G_N_ELEMENTS (qualifiers))) != NULL)
        {
          kind = phrase->value;
          i += phrase_length (phrase);
        }
      else if ((phrase = match_phrase (tokens, i, word_figures, G_N_ELEMENTS (word_figures))) != NULL)
        {
          /* "at least dozens" stays a bound; "some dozens" is a word figure. */
          *value = phrase->value;
          return kind == TESSERA_QUANTITY_LOWER_BOUND || kind == TESSERA_QUANTITY_UPPER_BOUND
                 ? kind : TESSERA_QUANTITY_WORD;
        }
      else if (tessera_value_read_number (tokens, i, &number, &used))
        {
          *value = (gint64) number;
          return kind;
        }
      else
        i++;
    }

  return TESSERA_QUANTITY_NONE;
}

/* Whether @word begins a phrase of any table above: most words begin
 * none, and are turned away by one hash lookup rather than a walk. */
static gboolean
opens_phrase (const char *word)
{
  static const struct
  {
    const Phrase *phrases;
    gsize         n;
  } tables[] = {
    { periods, G_N_ELEMENTS (periods) },
    { month_parts, G_N_ELEMENTS (month_parts) },
    { qualifiers, G_N_ELEMENTS (qualifiers) },
    { word_figures, G_N_ELEMENTS (word_figures) },
  };
  static GHashTable *openers;

  if (g_once_init_enter (&openers))
    {
      GHashTable *built = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
        for (gsize p = 0; p < tables[t].n; p++)
          g_hash_table_add (built, (gpointer) tables[t].phrases[p].words[0]);
      g_once_init_leave (&openers, built);
    }
  return g_hash_table_contains (openers, word);
}

const char *
tessera_quantity_kind_to_string (TesseraQuantityKind kind)
{
  switch (kind)
    {
    case TESSERA_QUANTITY_EXACT:
      return "exact";
    case TESSERA_QUANTITY_LOWER_BOUND:
      return "lower_bound";
    case TESSERA_QUANTITY_UPPER_BOUND:
      return "upper_bound";
    case TESSERA_QUANTITY_ROUGH:
      return "rough";
    case TESSERA_QUANTITY_WORD:
      return "word";
    case TESSERA_QUANTITY_NONE:
    default:
      return NULL;
    }
}
