/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the corroboration table compares values by. GTK-free. */

/* What two values of a column are compared by: case, accents,
 * punctuation and articles do not count, and numbers (in digits or
 * words) are compared as numbers, so "the Malian army" agrees with
 * "Malian Army" and "12 soldiers" with "twelve soldiers", while
 * "at least 12" differs from "some 30". */
char *tessera_corroboration_value_key     (const char *text);

/* @text as values are read: casefolded words without accents, split at
 * anything else, numbers in digits kept whole ("25,000", "1.5").
 * "aujourd'hui" → "aujourd", "hui". */
GPtrArray *tessera_value_tokenize             (const char *text);

/* Whether @word is one of the @n @words. */
gboolean   tessera_value_word_in              (const char         *word,
                                               const char * const *words,
                                               gsize               n);

/* The number @tokens (from tessera_value_tokenize()) spell from @index on,
 * in digits or words ("12", "twelve", "twenty-five", "two thousand five
 * hundred", "a dozen"'s "dozen" = 12), in @value; @n_used (may be NULL)
 * gets how many tokens it took. FALSE when no number begins there. */
gboolean   tessera_value_read_number          (GPtrArray  *tokens,
                                               guint       index,
                                               double     *value,
                                               guint      *n_used);

/* The day @text names, as YYYY-MM-DD, or NULL when it names none.
 * Absolute dates are read by tessera_date_parse() ("12 November 2023",
 * "Sunday, November 12, 2023"). The others are read against @published,
 * the report's publication date (YYYY-MM-DD, a time may follow; NULL or
 * unreadable: only absolute dates resolve), English or French, with a
 * leading "on", "last", "le" or a trailing "dernier" ignored:
 * - "today", "aujourd'hui"; "yesterday", "hier"; "avant-hier";
 * - a weekday ("Sunday", "on Friday", "dimanche"): the latest such day
 *   on or before publication (a Tuesday's "Tuesday" is that day);
 * - a day without a year ("Sunday, November 12", "12 novembre"): in the
 *   publication's year, or the year before when that would come after
 *   publication. */
/* Whether @tokens (from tessera_value_tokenize()) might be a day that
 * tessera_corroboration_resolve_date() reads: they hold a digit, a month,
 * a weekday or a word of "yesterday". FALSE means they cannot be. */
gboolean tessera_value_may_be_day          (GPtrArray  *tokens);

char *tessera_corroboration_resolve_date  (const char *text,
                                           const char *published);

/* What the Time column compares @text by: the date
 * tessera_normalise_date() reads in it against @published (the report's
 * publication date), with its precision, as "date:2024-03-01/1" (a day),
 * "date:2024-02-26/2" (a week, a weekend, a third of a month: its first
 * day) or "date:2024-03/3" (a month). So "last week" published on
 * 2024-03-06 agrees with "la semaine dernière" published the day after,
 * and "late on Saturday" with "Saturday"; a day differs from the week or
 * month around it. NULL when @text names no date that resolves (the
 * column then compares it as any other value). */
char *tessera_corroboration_date_key      (const char *text,
                                           const char *published);

/* What the Casualties column compares @text by: the figure
 * tessera_normalise_quantity() reads in it, as "#12", whatever its kind:
 * word figures by ACLED's reading of them ("dozens" and "a dozen" agree
 * with "12", "tens" is 10), and a bound or rough figure by its number, as
 * tessera_corroboration_value_key() has always compared them ("at
 * least 8", "more than 8" and "8" agree; "at least 12" and "some 30" do
 * not). Only the first figure counts: "12 dead and 30 wounded" is 12, as
 * the coded record reads it. NULL when @text gives no figure. */
char *tessera_corroboration_figure_key    (const char *text);

/* The index into @keys (char *; "" for a report that gives no value) of
 * the first key that more than half of the reports giving a value give,
 * or -1 when there is no such majority (or no value at all). */
int   tessera_corroboration_find_majority (GPtrArray  *keys);

G_END_DECLS
