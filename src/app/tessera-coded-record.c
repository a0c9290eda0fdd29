/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-corroboration-view"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "tessera-coded-record.h"

static void
append_field (GString    *markup,
              const char *title,
              const char *value)
{
  g_autofree char *escaped = g_markup_escape_text (value != NULL ? value : "—", -1);

  if (markup->len > 0 && markup->str[markup->len - 1] != '\n')
    g_string_append (markup, "   ");
  g_string_append_printf (markup, "<b>%s</b> %s", title, escaped);
}

/* After a field the analyst set: says so, and what the reports gave. */
static void
append_by_hand (GString                 *markup,
                const TesseraCodedEvent *record,
                const char              *field)
{
  const char *gave = tessera_coded_event_get_reports_gave (record, field);
  g_autofree char *escaped = NULL;

  if (gave == NULL)
    return;
  escaped = g_markup_escape_text (*gave != '\0' ? gave : "—", -1);
  g_string_append (markup, " <i>");
  /* TRANSLATORS: after a field of the coded record the analyst set; %s is
   * what the reports gave for it */
  g_string_append_printf (markup, _("(set by hand; the reports: %s)"), escaped);
  g_string_append (markup, "</i>");
}

char *
tessera_coded_record_describe (const TesseraCodedEvent *record,
                               gboolean                 analysed)
{
  GString *markup = g_string_new (NULL);
  g_autofree char *date = NULL;
  g_autofree char *actors = NULL;
  g_autofree char *fatalities = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *reports = NULL;

  g_return_val_if_fail (record != NULL, NULL);

  /* TRANSLATORS: an event date as coded (ISO) and its precision */
  date = record->event_date == NULL ? NULL
         : g_strdup_printf ("%s (%s)", record->event_date,
                            record->time_precision == 1 ? _("day")
                            : record->time_precision == 2 ? _("week or range") : _("month"));
  actors = g_strdup_printf ("%s — %s", record->actor1 ? record->actor1 : "—", record->actor2 ? record->actor2 : "—");
  if (record->fatalities >= 0 && tessera_coded_event_get_reports_gave (record, "fatalities") != NULL)
    fatalities = g_strdup_printf ("%" PRId64, (int64_t) record->fatalities);
  else if (record->fatalities >= 0)
    fatalities = g_strdup_printf (ngettext ("%" PRId64 " (the lowest of %u figure reported)",
                                            "%" PRId64 " (the lowest of %u figures reported)",
                                            record->fatalities_reported->len),
                                  (int64_t) record->fatalities, record->fatalities_reported->len);

  append_field (markup, _("Date"), date);
  append_by_hand (markup, record, "event_date");
  append_by_hand (markup, record, "time_precision");
  append_field (markup, _("Type"), record->event_type);
  append_by_hand (markup, record, "event_type");
  append_field (markup, _("Location"), record->location);
  append_by_hand (markup, record, "location");
  g_string_append_c (markup, '\n');
  append_field (markup, _("Actors"), actors);
  append_by_hand (markup, record, "actor1");
  append_by_hand (markup, record, "actor2");
  append_field (markup, _("Fatalities"), fatalities);
  append_by_hand (markup, record, "fatalities");
  g_string_append_c (markup, '\n');

  reports = g_strdup_printf (ngettext ("%u report", "%u reports", record->n_reports), record->n_reports);
  if (analysed)
    counts = g_strdup_printf (ngettext ("%s, %u independent source", "%s, %u independent sources",
                                        record->independent_sources),
                              reports, record->independent_sources);
  else
    counts = g_strdup_printf (_("%s (independent sources once shared passages are found)"), reports);
  append_field (markup, _("Sources"), counts);
  if (record->notes != NULL && *record->notes != '\0')
    {
      g_string_append_c (markup, '\n');
      /* Disputes, and which report repeats which. */
      append_field (markup, _("Notes"), record->notes);
      append_by_hand (markup, record, "notes");
    }

  return g_string_free (markup, FALSE);
}
