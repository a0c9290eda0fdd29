/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tessera-format-coded.h"
#include "tessera-cli-private.h"

/* --- events: one coded record per event cluster -------------------------- */

int
tessera_cli_events (const TesseraCliCommand *command,
                    int                      argc,
                    char                   **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output_path = NULL;
  g_autofree char *annotator = NULL;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(TesseraDuplicates) duplicates = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(TesseraCliOutput) output = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("json (the default) or csv"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path, N_("Write to FILE instead of standard output"),
      N_("FILE") },
    { "annotator", 'a', 0, G_OPTION_ARG_STRING, &annotator,
      N_("Only the events this annotator made (e.g. the curated layer)"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };
  gboolean csv;
  gint64 annotator_id = 0;
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

  if (annotator != NULL && (annotator_id = tessera_project_find_annotator (project, annotator)) == 0)
    {
      tessera_cli_error (_("%s: no annotator is called “%s”"), argv[1], annotator);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  /* Which reports are the same wire copy: they count as one source. */
  if (!(duplicates = tessera_duplicates_find (project, NULL, NULL, NULL, NULL, &error)) ||
      !(records = tessera_coded_events_build (project, duplicates, annotator_id, &error)) ||
      !(output = tessera_cli_output_open (output_path, argv[1], &error)) ||
      !(csv ? tessera_coded_events_write_csv : tessera_coded_events_write_json)
         (tessera_cli_output_get_stream (output), records, &error) ||
      !tessera_cli_output_commit (g_steal_pointer (&output), &error))
    {
      tessera_cli_error ("%s: %s", argv[1], error->message);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  return TESSERA_CLI_EXIT_OK;
}
