/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-dates"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "tessera-dates.h"

char *
tessera_format_published (const char *published,
                          gboolean    long_form)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, day;

  if (published == NULL || *published == '\0')
    return NULL;

  if (sscanf (published, "%4d-%2d-%2d", &year, &month, &day) == 3 &&
      g_date_valid_dmy (day, month, year))
    date = g_date_time_new_utc (year, month, day, 0, 0, 0);
  if (date == NULL)
    return g_strdup (published);

  /* TRANSLATORS: a document's publication date, short (lists) and long
   * (the document's header); see the strftime() manual for the format. */
  return g_date_time_format (date, long_form ? C_("publication date", "%-d %B %Y") : _("%-d %b %Y"));
}
