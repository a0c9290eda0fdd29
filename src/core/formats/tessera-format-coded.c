/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-coded"

#include "config.h"

#include <string.h>

#include "tessera-format-coded.h"

/* Coded event records as JSON and as ACLED-shaped CSV: what `tessera-cli
 * events` writes, and the report export's records. */

static void
write_string_or_null (TesseraJsonWriter *w,
                      const char        *key,
                      const char        *value)
{
  tessera_json_writer_key (w, key);
  if (value != NULL)
    tessera_json_writer_string (w, value, -1);
  else
    tessera_json_writer_null (w);
}

static void
write_strings (TesseraJsonWriter *w,
               const char        *key,
               GPtrArray         *strings)
{
  tessera_json_writer_key (w, key);
  tessera_json_writer_begin_array (w);
  for (guint i = 0; i < strings->len; i++)
    tessera_json_writer_string (w, g_ptr_array_index (strings, i), -1);
  tessera_json_writer_end_array (w);
}

static void
write_ref_or_null (TesseraJsonWriter *w,
                   const char        *key,
                   char               kind,
                   gint64             id)
{
  tessera_json_writer_key (w, key);
  if (id > 0)
    {
      g_autofree char *ref = g_strdup_printf ("%c%" G_GINT64_FORMAT, kind, id);

      tessera_json_writer_string (w, ref, -1);
    }
  else
    tessera_json_writer_null (w);
}

void
tessera_coded_event_write_json (TesseraJsonWriter       *w,
                                const TesseraCodedEvent *r)
{
  g_return_if_fail (w != NULL && r != NULL);

  tessera_json_writer_begin_object (w);
  write_ref_or_null (w, "cluster", 'c', r->cluster_id);
  write_ref_or_null (w, "event", 'e', r->event_id);
  write_string_or_null (w, "name", r->name);
  write_string_or_null (w, "event_type", r->event_type);
  write_string_or_null (w, "event_date", r->event_date);
  tessera_json_writer_key (w, "time_precision");
  if (r->time_precision > 0)
    tessera_json_writer_int (w, r->time_precision);
  else
    tessera_json_writer_null (w);
  write_string_or_null (w, "actor1", r->actor1);
  write_string_or_null (w, "actor2", r->actor2);
  write_string_or_null (w, "location", r->location);
  tessera_json_writer_key (w, "fatalities");
  if (r->fatalities >= 0)
    tessera_json_writer_int (w, r->fatalities);
  else
    tessera_json_writer_null (w);
  tessera_json_writer_key (w, "fatalities_reported");
  tessera_json_writer_begin_array (w);
  for (guint j = 0; j < r->fatalities_reported->len; j++)
    {
      const TesseraFatalityReport *f = g_ptr_array_index (r->fatalities_reported, j);

      tessera_json_writer_begin_object (w);
      tessera_json_writer_member_int (w, "document", f->document_id);
      write_string_or_null (w, "outlet", f->outlet);
      tessera_json_writer_member_string (w, "text", f->text);
      tessera_json_writer_key (w, "value");
      if (f->kind != TESSERA_QUANTITY_NONE)
        tessera_json_writer_int (w, f->value);
      else
        tessera_json_writer_null (w);
      write_string_or_null (w, "value_kind", tessera_quantity_kind_to_string (f->kind));
      tessera_json_writer_end_object (w);
    }
  tessera_json_writer_end_array (w);
  tessera_json_writer_member_int (w, "reports", r->n_reports);
  write_strings (w, "sources", r->sources);
  tessera_json_writer_member_int (w, "independent_sources", r->independent_sources);
  tessera_json_writer_key (w, "copies");
  tessera_json_writer_begin_array (w);
  for (guint j = 0; j < r->copies->len; j++)
    {
      g_auto(GStrv) pair = g_strsplit (g_ptr_array_index (r->copies, j), "\t", 2);

      tessera_json_writer_begin_object (w);
      tessera_json_writer_member_string (w, "report", pair[0]);
      tessera_json_writer_member_string (w, "repeats", pair[1]);
      tessera_json_writer_end_object (w);
    }
  tessera_json_writer_end_array (w);
  write_strings (w, "disputed", r->disputed);
  tessera_json_writer_member_string (w, "notes", r->notes);
  tessera_json_writer_key (w, "set_by_hand");
  tessera_json_writer_begin_array (w);
  for (guint j = 0; j < r->set_by_hand->len; j++)
    {
      const char *gave = g_ptr_array_index (r->reports_gave, j);

      tessera_json_writer_begin_object (w);
      tessera_json_writer_member_string (w, "field", g_ptr_array_index (r->set_by_hand, j));
      write_string_or_null (w, "reports_gave", *gave != '\0' ? gave : NULL);
      tessera_json_writer_end_object (w);
    }
  tessera_json_writer_end_array (w);
  tessera_json_writer_end_object (w);
}

gboolean
tessera_coded_events_write_json (GOutputStream  *out,
                                 GPtrArray      *records,
                                 GError        **error)
{
  TesseraJsonWriter *w;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out) && records != NULL, FALSE);

  w = tessera_json_writer_new (out, NULL);
  tessera_json_writer_set_pretty (w, TRUE);
  tessera_json_writer_begin_object (w);
  tessera_json_writer_key (w, "events");
  tessera_json_writer_begin_array (w);
  for (guint i = 0; i < records->len; i++)
    tessera_coded_event_write_json (w, g_ptr_array_index (records, i));
  tessera_json_writer_end_array (w);
  tessera_json_writer_end_object (w);
  tessera_json_writer_newline (w);

  return tessera_json_writer_finish (w, error);
}

/* One CSV field, quoted as RFC 4180 says when it must be. */
static void
append_field (GString    *line,
              const char *value,
              gboolean    last)
{
  value = value != NULL ? value : "";
  if (strpbrk (value, ",\"\r\n") != NULL)
    {
      g_string_append_c (line, '"');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (line, '"');
          g_string_append_c (line, *p);
        }
      g_string_append_c (line, '"');
    }
  else
    g_string_append (line, value);
  g_string_append (line, last ? "\r\n" : ",");
}

static char *
join (GPtrArray  *strings,
      const char *separator)
{
  g_ptr_array_add (strings, NULL);
  {
    char *joined = g_strjoinv (separator, (char **) strings->pdata);

    g_ptr_array_remove_index (strings, strings->len - 1);
    return joined;
  }
}

/* ACLED's columns first, then what Tessera adds. */
gboolean
tessera_coded_events_write_csv (GOutputStream  *out,
                                GPtrArray      *records,
                                GError        **error)
{
  g_autoptr(GString) csv = g_string_new ("event_date,time_precision,event_type,actor1,actor2,location,"
                                         "fatalities,source,notes,reports,independent_sources,disputed,"
                                         "set_by_hand\r\n");

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out) && records != NULL, FALSE);

  for (guint i = 0; i < records->len; i++)
    {
      const TesseraCodedEvent *r = g_ptr_array_index (records, i);
      g_autofree char *precision = r->time_precision > 0 ? g_strdup_printf ("%d", r->time_precision) : NULL;
      g_autofree char *fatalities = r->fatalities >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, r->fatalities) : NULL;
      g_autofree char *sources = join (r->sources, "; ");
      g_autofree char *reports = g_strdup_printf ("%u", r->n_reports);
      g_autofree char *independent = g_strdup_printf ("%u", r->independent_sources);
      g_autofree char *disputed = join (r->disputed, "; ");
      g_autofree char *by_hand = join (r->set_by_hand, "; ");

      append_field (csv, r->event_date, FALSE);
      append_field (csv, precision, FALSE);
      append_field (csv, r->event_type, FALSE);
      append_field (csv, r->actor1, FALSE);
      append_field (csv, r->actor2, FALSE);
      append_field (csv, r->location, FALSE);
      append_field (csv, fatalities, FALSE);
      append_field (csv, sources, FALSE);
      append_field (csv, r->notes, FALSE);
      append_field (csv, reports, FALSE);
      append_field (csv, independent, FALSE);
      append_field (csv, disputed, FALSE);
      append_field (csv, by_hand, TRUE);
    }

  return g_output_stream_write_all (out, csv->str, csv->len, NULL, NULL, error);
}
