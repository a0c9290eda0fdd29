/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-span-meaning"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "tessera-normalise.h"
#include "tessera-span-meaning.h"

/* Whether @span_id fills a Casualties role of an event of @document: its
 * figure counts whatever its label, as in the export. */
static gboolean
fills_casualties (TesseraOpenDocument *document,
                  gint64               span_id)
{
  TesseraProject *project = tessera_open_document_get_project (document);
  guint n = tessera_open_document_get_n_events (document);

  for (guint i = 0; i < n; i++)
    {
      const TesseraEvent *event = tessera_open_document_get_nth_event (document, i);

      for (guint j = 0; event->arguments != NULL && j < event->arguments->len; j++)
        {
          const TesseraArgument *arg = &g_array_index (event->arguments, TesseraArgument, j);
          const TesseraLabel *role;

          if (arg->span_id != span_id)
            continue;
          role = tessera_project_get_label (project, arg->role_label_id);
          if (role != NULL && g_str_equal (role->name, "Casualties"))
            return TRUE;
        }
    }

  return FALSE;
}

TesseraSpanMeaningKind
tessera_span_meaning_kind (TesseraOpenDocument *document,
                           gint64               span_id)
{
  const TesseraSpan *span;
  const TesseraLabel *label;

  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (document), TESSERA_SPAN_MEANING_NONE);

  if ((span = tessera_open_document_get_span (document, span_id)) == NULL)
    return TESSERA_SPAN_MEANING_NONE;
  label = tessera_project_get_label (tessera_open_document_get_project (document), span->label_id);
  if (label == NULL)
    return TESSERA_SPAN_MEANING_NONE;

  /* A Date span filling a Casualties role stays a date, as in the export. */
  if (g_str_equal (label->name, "Date"))
    return TESSERA_SPAN_MEANING_DATE;
  if (g_str_equal (label->name, "Quantity") || fills_casualties (document, span_id))
    return TESSERA_SPAN_MEANING_FIGURE;

  return TESSERA_SPAN_MEANING_NONE;
}

/* @day (YYYY-MM-DD) as people read it: "1 March 2024", or "March 2024"
 * for a month. */
static char *
format_day (const char           *day,
            TesseraDatePrecision  precision)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, mday;

  if (sscanf (day, "%4d-%2d-%2d", &year, &month, &mday) != 3 ||
      (date = g_date_time_new_utc (year, month, mday, 0, 0, 0)) == NULL)
    return g_strdup (day);

  if (precision == TESSERA_DATE_PRECISION_MONTH)
    /* Translators: a month a date names ("March 2024"), see
     * g_date_time_format(); %OB is the month's name on its own. */
    return g_date_time_format (date, _("%OB %Y"));

  /* Translators: a day a date names, see g_date_time_format(). */
  return g_date_time_format (date, _("%-d %B %Y"));
}

static const char *
precision_words (TesseraDatePrecision precision)
{
  switch (precision)
    {
    case TESSERA_DATE_PRECISION_DAY:
      /* Translators: how precise a date is: "Means 1 March 2024 · a day". */
      return _("a day");
    case TESSERA_DATE_PRECISION_RANGE:
      /* Translators: how precise a date is ("last week", "early October"):
       * it names a range of days starting on the day given. */
      return _("a week or a range of days");
    case TESSERA_DATE_PRECISION_MONTH:
    default:
      /* Translators: how precise a date is: "Means March 2024 · a month". */
      return _("a month");
    }
}

static const char *
figure_words (TesseraQuantityKind kind)
{
  switch (kind)
    {
    case TESSERA_QUANTITY_EXACT:
      /* Translators: how a figure is given: "Figure 12 · exact". */
      return _("exact");
    case TESSERA_QUANTITY_LOWER_BOUND:
      /* Translators: how a figure is given ("more than 8"): "Figure 8 · at least". */
      return _("at least");
    case TESSERA_QUANTITY_UPPER_BOUND:
      /* Translators: how a figure is given ("up to 8"): "Figure 8 · at most". */
      return _("at most");
    case TESSERA_QUANTITY_ROUGH:
      /* Translators: how a figure is given ("some 30"): "Figure 30 · about". */
      return _("about");
    case TESSERA_QUANTITY_WORD:
    case TESSERA_QUANTITY_NONE:
    default:
      /* Translators: a figure given in words ("dozens"), read as the ACLED
       * conflict dataset reads it: "Figure 12 · a word figure (ACLED)". */
      return _("a word figure (ACLED)");
    }
}

char *
tessera_span_meaning_describe (TesseraSpanMeaningKind  kind,
                               const char             *text,
                               const char             *published)
{
  g_autofree char *day = NULL;
  g_autofree char *shown = NULL;
  TesseraDatePrecision precision;
  TesseraQuantityKind quantity;
  gint64 figure;

  g_return_val_if_fail (text != NULL, NULL);

  switch (kind)
    {
    case TESSERA_SPAN_MEANING_DATE:
      switch (tessera_normalise_date (text, published, &day, &precision))
        {
        case TESSERA_DATE_RESOLVED:
          shown = format_day (day, precision);
          /* Translators: what a Date span means: the day (or month) it
           * names, then how precise that is: "Means 1 March 2024 · a day". */
          return g_strdup_printf (_("Means %s · %s"), shown, precision_words (precision));
        case TESSERA_DATE_NEEDS_PUBLICATION:
          return g_strdup (_("Needs the document’s publication date"));
        case TESSERA_DATE_NOT_A_DATE:
        default:
          return NULL;
        }

    case TESSERA_SPAN_MEANING_FIGURE:
      quantity = tessera_normalise_quantity (text, &figure);
      if (quantity == TESSERA_QUANTITY_NONE)
        return NULL;
      shown = g_strdup_printf ("%" G_GINT64_FORMAT, figure);
      /* Translators: what a Quantity or Casualties span counts, then how
       * the figure is given: "Figure 8 · at least". */
      return g_strdup_printf (_("Figure %s · %s"), shown, figure_words (quantity));

    case TESSERA_SPAN_MEANING_NONE:
    default:
      return NULL;
    }
}

char *
tessera_span_meaning_describe_span (TesseraOpenDocument *document,
                                    gint64               span_id)
{
  TesseraSpanMeaningKind kind;
  const TesseraSpan *span;
  g_autofree char *text = NULL;

  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (document), NULL);

  if ((kind = tessera_span_meaning_kind (document, span_id)) == TESSERA_SPAN_MEANING_NONE)
    return NULL;
  span = tessera_open_document_get_span (document, span_id);
  if ((text = tessera_open_document_dup_text (document, span->start, span->end)) == NULL)
    return NULL;

  return tessera_span_meaning_describe (kind, text,
                                        tessera_open_document_get_document (document)->published);
}

char *
tessera_span_meaning_caption (TesseraSpanMeaningKind  kind,
                              const char             *text,
                              const char             *published)
{
  g_autofree char *day = NULL;
  TesseraDatePrecision precision;
  gint64 figure;

  g_return_val_if_fail (text != NULL, NULL);

  /* The symbols need no translation: the figure reads the same everywhere. */
  switch (kind)
    {
    case TESSERA_SPAN_MEANING_DATE:
      switch (tessera_normalise_date (text, published, &day, &precision))
        {
        case TESSERA_DATE_RESOLVED:
          if (precision == TESSERA_DATE_PRECISION_MONTH)
            return g_strndup (day, 7);
          if (precision == TESSERA_DATE_PRECISION_RANGE)
            /* Translators: a date that names several days ("last week"),
             * by the first: "days from 2024-03-04". */
            return g_strdup_printf (_("days from %s"), day);
          return g_steal_pointer (&day);
        case TESSERA_DATE_NEEDS_PUBLICATION:
          return g_strdup (_("Needs the document’s publication date"));
        case TESSERA_DATE_NOT_A_DATE:
        default:
          return NULL;
        }

    case TESSERA_SPAN_MEANING_FIGURE:
      switch (tessera_normalise_quantity (text, &figure))
        {
        case TESSERA_QUANTITY_EXACT:
          return g_strdup_printf ("%" G_GINT64_FORMAT, figure);
        case TESSERA_QUANTITY_LOWER_BOUND:
          return g_strdup_printf ("≥ %" G_GINT64_FORMAT, figure);
        case TESSERA_QUANTITY_UPPER_BOUND:
          return g_strdup_printf ("≤ %" G_GINT64_FORMAT, figure);
        case TESSERA_QUANTITY_ROUGH:
        case TESSERA_QUANTITY_WORD:
          return g_strdup_printf ("≈ %" G_GINT64_FORMAT, figure);
        case TESSERA_QUANTITY_NONE:
        default:
          return NULL;
        }

    case TESSERA_SPAN_MEANING_NONE:
    default:
      return NULL;
    }
}
