/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tessera-coded-event.h"
#include "tessera-json-writer.h"
#include "tessera-cli-private.h"

/* --- events: one coded record per event cluster -------------------------- */

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

static gboolean
write_json (GOutputStream  *out,
            GPtrArray      *records,
            GError        **error)
{
  TesseraJsonWriter *w = tessera_json_writer_new (out, NULL);

  tessera_json_writer_set_pretty (w, TRUE);
  tessera_json_writer_begin_object (w);
  tessera_json_writer_key (w, "events");
  tessera_json_writer_begin_array (w);
  for (guint i = 0; i < records->len; i++)
    {
      const TesseraCodedEvent *r = g_ptr_array_index (records, i);
      g_autofree char *id = g_strdup_printf ("c%" G_GINT64_FORMAT, r->cluster_id);

      tessera_json_writer_begin_object (w);
      tessera_json_writer_member_string (w, "cluster", id);
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
      tessera_json_writer_end_object (w);
    }
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
static gboolean
write_csv (GOutputStream  *out,
           GPtrArray      *records,
           GError        **error)
{
  g_autoptr(GString) csv = g_string_new ("event_date,time_precision,event_type,actor1,actor2,location,"
                                         "fatalities,source,notes,reports,independent_sources,disputed\r\n");

  for (guint i = 0; i < records->len; i++)
    {
      const TesseraCodedEvent *r = g_ptr_array_index (records, i);
      g_autofree char *precision = r->time_precision > 0 ? g_strdup_printf ("%d", r->time_precision) : NULL;
      g_autofree char *fatalities = r->fatalities >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, r->fatalities) : NULL;
      g_autofree char *sources = join (r->sources, "; ");
      g_autofree char *reports = g_strdup_printf ("%u", r->n_reports);
      g_autofree char *independent = g_strdup_printf ("%u", r->independent_sources);
      g_autofree char *disputed = join (r->disputed, "; ");

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
      append_field (csv, disputed, TRUE);
    }

  return g_output_stream_write_all (out, csv->str, csv->len, NULL, NULL, error);
}

int
tessera_cli_events (const TesseraCliCommand *command,
                    int                      argc,
                    char                   **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output_path = NULL;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(TesseraDuplicates) duplicates = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(TesseraCliOutput) output = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("json (the default) or csv"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path, N_("Write to FILE instead of standard output"),
      N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  gboolean csv;
  int status;

  status = tessera_cli_parse (command, entries, &argc, &argv);
  if (status >= 0)
    return status;

  if (format != NULL && !g_str_equal (format, "json") && !g_str_equal (format, "csv"))
    {
      tessera_cli_error (_("events: --format must be json or csv"));
      return TESSERA_CLI_EXIT_USAGE;
    }
  csv = format != NULL && g_str_equal (format, "csv");

  if (!(project = tessera_cli_open_project (argv[1], TESSERA_OPEN_READ_ONLY)))
    return TESSERA_CLI_EXIT_FAILURE;

  /* Which reports are the same wire copy: they count as one source. */
  if (!(duplicates = tessera_duplicates_find (project, NULL, NULL, NULL, NULL, &error)) ||
      !(records = tessera_coded_events_build (project, duplicates, &error)) ||
      !(output = tessera_cli_output_open (output_path, argv[1], &error)) ||
      !(csv ? write_csv : write_json) (tessera_cli_output_get_stream (output), records, &error) ||
      !tessera_cli_output_commit (g_steal_pointer (&output), &error))
    {
      tessera_cli_error ("%s: %s", argv[1], error->message);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  return TESSERA_CLI_EXIT_OK;
}
