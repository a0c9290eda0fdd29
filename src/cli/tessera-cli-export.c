/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tessera-formats.h"
#include "tessera-cli-private.h"

/* A label schema is a few kilobytes; anything this big is a wrong file. */
#define MAX_SCHEMA_FILE_SIZE (16 * 1024 * 1024)

typedef gboolean (*ExportFunc) (TesseraProject              *project,
                                GOutputStream               *out,
                                const TesseraExportOptions  *options,
                                GError                     **error);

static const struct
{
  const char *name;
  ExportFunc  func;
} formats[] = {
  { "jsonl",   tessera_export_jsonl },
  { "project", tessera_export_project_json },
  { "report",  tessera_export_report_json },
  { "tokens",  tessera_export_tokens },
  { "conll",   tessera_export_conll },
};

static void
print_not_written (const char *output_path)
{
  if (output_path != NULL)
    g_printerr (_("Nothing was written to %s.\n"), output_path);
}

int
tessera_cli_export (const TesseraCliCommand *command,
                    int                      argc,
                    char                   **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output_path = NULL;
  g_autofree char *annotator = NULL;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(TesseraCliOutput) output = NULL;
  g_autoptr(GError) error = NULL;
  TesseraExportOptions options = { 0 };
  TesseraCliProgress progress;
  ExportFunc func = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("Output format: jsonl, project, report, tokens or conll"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path,
      N_("Write to FILE instead of standard output"), N_("FILE") },
    { "annotator", 'a', 0, G_OPTION_ARG_STRING, &annotator,
      N_("Only what this annotator made (e.g. the curated layer)"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };
  const char *path;
  gboolean ok;
  int status;

  status = tessera_cli_parse (command, entries, &argc, &argv);
  if (status >= 0)
    return status;

  path = argv[1];

  if (format == NULL)
    {
      tessera_cli_error (_("export: --format is required (jsonl, project, report, tokens or conll)"));
      return TESSERA_CLI_EXIT_USAGE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (format, formats[i].name))
      func = formats[i].func;
  if (func == NULL)
    {
      tessera_cli_error (_("export: unknown format “%s” (use jsonl, project, report, tokens or conll)"), format);
      return TESSERA_CLI_EXIT_USAGE;
    }

  project = tessera_cli_open_project (path, TESSERA_OPEN_READ_ONLY | TESSERA_OPEN_FULL_CHECK);
  if (project == NULL)
    return TESSERA_CLI_EXIT_FAILURE;

  output = tessera_cli_output_open (output_path, path, &error);
  if (output == NULL)
    {
      tessera_cli_error (_("export failed: %s"), error->message);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  tessera_cli_progress_init (&progress, TESSERA_CLI_PROGRESS_EXPORT, TRUE);
  options.progress = tessera_cli_progress_update;
  options.progress_data = &progress;
  options.annotator = annotator;

  ok = func (project, tessera_cli_output_get_stream (output), &options, &error);
  tessera_cli_progress_clear (&progress);

  if (ok)
    ok = tessera_cli_output_commit (g_steal_pointer (&output), &error);

  if (!ok)
    {
      tessera_cli_error (_("export failed: %s"), error->message);
      print_not_written (output_path);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  tessera_project_close (project);

  return TESSERA_CLI_EXIT_OK;
}

static int
print_schema (const char *path,
              const char *output_path)
{
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(TesseraCliOutput) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  gsize len;

  project = tessera_cli_open_project (path, TESSERA_OPEN_READ_ONLY);
  if (project == NULL)
    return TESSERA_CLI_EXIT_FAILURE;

  json = tessera_project_dup_schema_json (project);
  if (json == NULL)
    {
      tessera_cli_error (_("%s: the schema could not be read"), path);
      return TESSERA_CLI_EXIT_FAILURE;
    }
  len = strlen (json);

  output = tessera_cli_output_open (output_path, path, &error);
  if (output == NULL)
    {
      tessera_cli_error ("%s", error->message);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  if (!g_output_stream_write_all (tessera_cli_output_get_stream (output), json, len, NULL, NULL, &error) ||
      (len > 0 && json[len - 1] != '\n' &&
       !g_output_stream_write_all (tessera_cli_output_get_stream (output), "\n", 1, NULL, NULL, &error)) ||
      !tessera_cli_output_commit (g_steal_pointer (&output), &error))
    {
      tessera_cli_error ("%s", error->message);
      print_not_written (output_path);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  tessera_project_close (project);

  return TESSERA_CLI_EXIT_OK;
}

static int
replace_schema (const char *path,
                const char *schema_path)
{
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  gsize len;

  if (!tessera_cli_read_file (schema_path, MAX_SCHEMA_FILE_SIZE, &json, &len, &error))
    {
      tessera_cli_error (_("schema replace failed: %s"), error->message);
      g_printerr (_("The schema of %s is unchanged.\n"), path);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  project = tessera_cli_open_project (path, TESSERA_OPEN_DEFAULT);
  if (project == NULL)
    return TESSERA_CLI_EXIT_FAILURE;

  if (!tessera_project_replace_schema (project, json, len, &error))
    {
      tessera_cli_error (_("schema replace failed: %s: %s"), schema_path, error->message);
      g_printerr (_("The schema of %s is unchanged.\n"), path);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  tessera_project_close (project);

  g_print (_("Replaced the schema of %s with %s.\n"), path, schema_path);

  return TESSERA_CLI_EXIT_OK;
}

int
tessera_cli_schema (const TesseraCliCommand *command,
                    int                      argc,
                    char                   **argv)
{
  g_autofree char *output_path = NULL;
  g_autofree char *replace_path = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path,
      N_("Write the schema to FILE instead of standard output"), N_("FILE") },
    { "replace", 'r', 0, G_OPTION_ARG_FILENAME, &replace_path,
      N_("Replace the project's schema with the one in FILE"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  int status;

  status = tessera_cli_parse (command, entries, &argc, &argv);
  if (status >= 0)
    return status;

  if (output_path != NULL && replace_path != NULL)
    {
      tessera_cli_error (_("schema: --output and --replace cannot be used together"));
      return TESSERA_CLI_EXIT_USAGE;
    }

  if (replace_path != NULL)
    return replace_schema (argv[1], replace_path);

  return print_schema (argv[1], output_path);
}
