/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Normalised values of Date and Quantity (or Casualties) spans, coded as
 * conflict datasets (ACLED) code them. Pure functions, GTK-free. */

/* ACLED's time_precision. */
typedef enum
{
  TESSERA_DATE_PRECISION_DAY   = 1,
  TESSERA_DATE_PRECISION_RANGE = 2,  /* a week, a weekend, a third of a month */
  TESSERA_DATE_PRECISION_MONTH = 3,
} TesseraDatePrecision;

typedef enum
{
  TESSERA_DATE_RESOLVED,
  TESSERA_DATE_NEEDS_PUBLICATION,  /* relative ("Sunday"), and no publication date */
  TESSERA_DATE_NOT_A_DATE,
} TesseraDateStatus;

/* Resolves the Date span @text against @published (YYYY-MM-DD, a time may
 * follow; NULL or unreadable: only absolute dates resolve). On
 * TESSERA_DATE_RESOLVED, @value gets the first day of what @text names as
 * YYYY-MM-DD and @precision how wide it is:
 * - a day (1): "12 November 2023", "12/11/2023" (day first, as in British
 *   and French usage; a month-first US date is misread or refused),
 *   "November 12" (the latest such day on or before publication),
 *   "Sunday", "on Friday", "dimanche" (the latest such day on or before
 *   publication: a Sunday's "Sunday" is that day), "yesterday", "hier",
 *   with times of day ignored ("late on Saturday", "dimanche soir");
 * - a range (2): "last week", "la semaine dernière" (its Monday), "this
 *   week", "the weekend", "le week-end" (the latest Saturday on or before
 *   publication), "early/mid/late October", "début/mi-/fin octobre"
 *   (the 1st, 11th or 21st: thirds of the month), a range of days
 *   ("between 3 and 5 March", "3-5 March", "du 3 au 5 mars", "from
 *   Friday to Sunday", "dans la nuit de samedi à dimanche": its first
 *   day, the last read as a day of its own and the first against it);
 * - a month (3): "October", "in October 2023", "octobre", "last month",
 *   "le mois dernier" (its first day).
 * A month without a year is the latest one that has begun by publication.
 * Clock times ("10:45", "14h30", "3pm local time") are ignored. */
TesseraDateStatus tessera_normalise_date (const char            *text,
                                          const char            *published,
                                          char                 **value,
                                          TesseraDatePrecision  *precision);

typedef enum
{
  TESSERA_QUANTITY_NONE,         /* no figure */
  TESSERA_QUANTITY_EXACT,        /* "12", "twelve", "no losses" (0) */
  TESSERA_QUANTITY_LOWER_BOUND,  /* "at least 12", "more than 12", "au moins 12" */
  TESSERA_QUANTITY_UPPER_BOUND,  /* "up to 12", "fewer than 12", "jusqu'à 12" */
  TESSERA_QUANTITY_ROUGH,        /* "some 30", "about 30", "nearly 30", "environ 30" */
  TESSERA_QUANTITY_WORD,         /* "dozens" (12), "hundreds" (100), "une dizaine" (10) */
} TesseraQuantityKind;

/* The figure a Quantity or Casualties span @text gives, in @value, by the
 * conservative rule: a bound is its stated figure ("more than 12" = 12),
 * a rough figure its number, a word figure ACLED's reading of it
 * ("a dozen"/"dozens"/"des dizaines" 12, "tens"/"une dizaine" 10,
 * "scores"/"une vingtaine" 20, "several"/"many"/"plusieurs" 10,
 * "hundreds"/"une centaine"/"des centaines" 100, "thousands"/"des
 * milliers" 1000). The first figure counts: "12 dead and 30 wounded" is
 * 12. Numbers in words, English and French ("one hundred and five",
 * "vingt et un", "quatre-vingt-dix-neuf", "deux cents"). */
TesseraQuantityKind tessera_normalise_quantity (const char *text,
                                                gint64     *value);

/* "exact", "lower_bound", "upper_bound", "rough", "word"; NULL for NONE. */
const char *tessera_quantity_kind_to_string (TesseraQuantityKind kind);

G_END_DECLS
