/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-cli"

#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tessera-format-event-json.h"
#include "tessera-formats.h"
#include "tessera-split.h"
#include "tessera-cli-private.h"

/* A label schema is a few kilobytes; anything this big is a wrong file. */
#define MAX_SCHEMA_FILE_SIZE (16 * 1024 * 1024)

typedef gboolean (*ExportFunc) (TesseraProject              *project,
                                GOutputStream               *out,
                                const TesseraExportOptions  *options,
                                GError                     **error);

/* --window of event-json. */
static guint event_window = 1;

static gboolean
export_event_json (TesseraProject              *project,
                   GOutputStream               *out,
                   const TesseraExportOptions  *options,
                   GError                     **error)
{
  return tessera_export_event_json (project, out, options, event_window, NULL, error);
}

static const struct
{
  const char *name;
  ExportFunc  func;        /* NULL: brat, a folder */
  const char *extension;   /* of each part with --split; NULL: cannot split */
} formats[] = {
  { "jsonl",      tessera_export_jsonl,        ".jsonl" },
  { "project",    tessera_export_project_json, NULL },
  { "report",     tessera_export_report_json,  NULL },
  { "tokens",     tessera_export_tokens,       ".jsonl" },
  { "conll",      tessera_export_conll,        ".conll" },
  { "event-json", export_event_json,           ".jsonl" },
  { "brat",       NULL,                        "" },
};

static void
print_not_written (const char *output_path)
{
  if (output_path != NULL)
    g_printerr (_("Nothing was written to %s.\n"), output_path);
}

static void say (gboolean to_stderr, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
say (gboolean    to_stderr,
     const char *format,
     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  if (to_stderr)
    g_printerr ("%s", text);
  else
    g_print ("%s", text);
}

/* What the export changed or left out, where the user reads it: on
 * standard error when the data went to standard output. */
static void
print_export_report (const TesseraExportReport *report,
                     gboolean                   to_stderr)
{
  if (report->n_spans_widened > 0)
    say (to_stderr, ngettext ("%" PRIu64 " span off word boundaries was widened to whole tokens.\n",
                   "%" PRIu64 " spans off word boundaries were widened to whole tokens.\n",
                   report->n_spans_widened), report->n_spans_widened);
  if (report->n_spans_overlapping > 0)
    say (to_stderr, ngettext ("%" PRIu64 " span inside or across another was left out (the outermost is kept).\n",
                   "%" PRIu64 " spans inside or across others were left out (the outermost is kept).\n",
                   report->n_spans_overlapping), report->n_spans_overlapping);
  if (report->n_arguments_outside > 0)
    say (to_stderr, ngettext ("%" PRIu64 " argument outside its event's window was left out (a larger --window keeps it).\n",
                   "%" PRIu64 " arguments outside their event's window were left out (a larger --window keeps them).\n",
                   report->n_arguments_outside), report->n_arguments_outside);
}

/* Writes one export, to a file, standard output or (brat) a folder. */
static gboolean
export_one (TesseraProject              *project,
            ExportFunc                   func,
            const char                  *project_path,
            const char                  *output_path,
            const TesseraExportOptions  *options,
            GError                     **error)
{
  g_autoptr(TesseraCliOutput) output = NULL;

  if (func == NULL)
    return tessera_export_brat (project, output_path, options, error);

  output = tessera_cli_output_open (output_path, project_path, error);
  return output != NULL &&
         func (project, tessera_cli_output_get_stream (output), options, error) &&
         tessera_cli_output_commit (g_steal_pointer (&output), error);
}

static gboolean
export_split (TesseraProject        *project,
              ExportFunc             func,
              const char            *extension,
              const char            *project_path,
              const char            *dir,
              const char            *spec,
              guint32                seed,
              TesseraExportOptions  *options,
              GError               **error)
{
  g_autoptr(GPtrArray) parts = tessera_split_parse (spec, error);
  g_autoptr(TesseraSplit) split = NULL;
  g_autofree char *summary = NULL;

  if (parts == NULL || (split = tessera_split_assign (project, parts, seed, NULL, error)) == NULL)
    return FALSE;
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", dir, g_strerror (saved));
      return FALSE;
    }

  for (guint p = 0; p < parts->len; p++)
    {
      const TesseraSplitPart *part = parts->pdata[p];
      g_autoptr(GHashTable) documents = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autofree char *name = g_strconcat (part->name, extension, NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      for (guint i = 0; i < split->document_ids->len; i++)
        if (g_array_index (split->part_of, guint, i) == p)
          g_hash_table_add (documents, &g_array_index (split->document_ids, gint64, i));
      options->documents = documents;
      if (!export_one (project, func, project_path, path, options, error))
        {
          options->documents = NULL;
          g_prefix_error (error, "%s: ", path);
          return FALSE;
        }
      options->documents = NULL;
    }

  summary = tessera_split_describe (split);
  /* Translators: the seed, then the parts ("train: 32 documents, …"). */
  g_print (_("Split with seed %u: %s.\n"), seed, summary);
  return TRUE;
}

int
tessera_cli_export (const TesseraCliCommand *command,
                    int                      argc,
                    char                   **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output_path = NULL;
  g_autofree char *annotator = NULL;
  g_autofree char *split = NULL;
  gint seed = 42;
  gint window = 1;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GError) error = NULL;
  TesseraExportOptions options = { 0 };
  TesseraExportReport report = { 0 };
  TesseraCliProgress progress;
  ExportFunc func = NULL;
  const char *extension = NULL;
  gboolean brat = FALSE;
  gboolean known = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("Output format: jsonl, project, report, tokens, conll, event-json or brat"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path,
      N_("Write to FILE (a folder for brat and --split) instead of standard output"), N_("FILE|DIR") },
    { "annotator", 'a', 0, G_OPTION_ARG_STRING, &annotator,
      N_("Only what this annotator made (e.g. the curated layer)"), N_("NAME") },
    { "window", 'w', 0, G_OPTION_ARG_INT, &window,
      N_("event-json: sentences per line (default 1)"), N_("N") },
    { "split", 0, 0, G_OPTION_ARG_STRING, &split,
      N_("Write parts, e.g. train=80,dev=10,test=10, keeping linked documents (shared passages, "
         "clusters) in one part"), N_("PARTS") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed,
      N_("Seed of the --split shuffle (default 42)"), N_("N") },
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
      tessera_cli_error (_("export: --format is required (jsonl, project, report, tokens, conll, event-json or brat)"));
      return TESSERA_CLI_EXIT_USAGE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (format, formats[i].name))
      {
        func = formats[i].func;
        extension = formats[i].extension;
        brat = func == NULL;
        known = TRUE;
      }
  if (!known)
    {
      tessera_cli_error (_("export: unknown format “%s” (use jsonl, project, report, tokens, conll, event-json or brat)"), format);
      return TESSERA_CLI_EXIT_USAGE;
    }
  if (window < 1)
    {
      tessera_cli_error (_("export: --window must be 1 or more"));
      return TESSERA_CLI_EXIT_USAGE;
    }
  event_window = window;
  if ((brat || split != NULL) && output_path == NULL)
    {
      tessera_cli_error (_("export: --output DIR is required for brat and for --split"));
      return TESSERA_CLI_EXIT_USAGE;
    }
  if (split != NULL && extension == NULL)
    {
      tessera_cli_error (_("export: the %s format cannot be split"), format);
      return TESSERA_CLI_EXIT_USAGE;
    }

  project = tessera_cli_open_project (path, TESSERA_OPEN_READ_ONLY | TESSERA_OPEN_FULL_CHECK);
  if (project == NULL)
    return TESSERA_CLI_EXIT_FAILURE;

  tessera_cli_progress_init (&progress, TESSERA_CLI_PROGRESS_EXPORT, TRUE);
  options.progress = tessera_cli_progress_update;
  options.progress_data = &progress;
  options.annotator = annotator;
  options.report = &report;

  if (split != NULL)
    ok = export_split (project, func, extension, path, output_path, split, (guint32) seed, &options, &error);
  else
    ok = export_one (project, func, path, output_path, &options, &error);
  tessera_cli_progress_clear (&progress);

  if (!ok)
    {
      tessera_cli_error (_("export failed: %s"), error->message);
      print_not_written (output_path);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  if (brat)
    g_print (ngettext ("Wrote %" PRIu64 " document to %s.\n",
                       "Wrote %" PRIu64 " documents to %s.\n", report.n_documents),
             report.n_documents, output_path);
  print_export_report (&report, output_path == NULL);
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
