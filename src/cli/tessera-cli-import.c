/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tessera-formats.h"
#include "tessera-cli-private.h"

/* A label schema is a few kilobytes; anything this big is a wrong file. */
#define MAX_SCHEMA_FILE_SIZE (16 * 1024 * 1024)

/* Removes what a failed "init" created, so it can simply be run again. */
void
tessera_cli_remove_project_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* "reports.tessera" → "reports". */
char *
tessera_cli_name_from_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');
  g_autofree char *utf8 = NULL;

  if (dot != NULL && dot != base)
    *dot = '\0';

  utf8 = g_filename_display_name (base);
  return g_steal_pointer (&utf8);
}

int
tessera_cli_init (const TesseraCliCommand *command,
                  int                      argc,
                  char                   **argv)
{
  g_autofree char *schema_path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *schema_json = NULL;
  g_autofree char *project_name = NULL;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "schema", 's', 0, G_OPTION_ARG_FILENAME, &schema_path,
      N_("Use the label schema in FILE instead of the default one"), N_("FILE") },
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name,
      N_("Name of the project (default: the file name)"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };
  const char *path;
  int status;

  status = tessera_cli_parse (command, entries, &argc, &argv);
  if (status >= 0)
    return status;

  path = argv[1];


  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      tessera_cli_error (_("%s already exists; not overwriting it"), path);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  if (schema_path != NULL &&
      !tessera_cli_read_file (schema_path, MAX_SCHEMA_FILE_SIZE, &schema_json, NULL, &error))
    {
      tessera_cli_error ("%s", error->message);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  /* Checked first so the message can name the schema file. */
  if (schema_json != NULL)
    {
      g_autoptr(TesseraSchemaDef) def = tessera_schema_def_parse (schema_json, -1, &error);

      if (def == NULL)
        {
          tessera_cli_error ("%s: %s", schema_path, error->message);
          return TESSERA_CLI_EXIT_FAILURE;
        }
    }

  project = tessera_project_create (path, schema_json, &error);
  if (project == NULL)
    {
      /* The file did not exist before: whatever is there now is ours. */
      tessera_cli_remove_project_files (path);
      tessera_cli_error ("%s", error->message);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  project_name = name != NULL ? g_strdup (name) : tessera_cli_name_from_path (path);
  if (!tessera_project_set_name (project, project_name, &error))
    {
      tessera_project_close (project);
      tessera_cli_remove_project_files (path);
      tessera_cli_error ("%s", error->message);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  tessera_project_close (project);

  g_print (_("Created project “%s” in %s\n"), project_name, path);

  return TESSERA_CLI_EXIT_OK;
}

void
tessera_cli_print_import_summary (const TesseraImportReport *report)
{
  g_autofree char *documents = NULL;
  g_autofree char *spans = NULL;
  g_autofree char *events = NULL;
  g_autofree char *stances = NULL;

  documents = g_strdup_printf (ngettext ("%u document", "%u documents", report->n_documents),
                               report->n_documents);
  spans = g_strdup_printf (ngettext ("%u span", "%u spans", report->n_spans), report->n_spans);
  events = g_strdup_printf (ngettext ("%u event", "%u events", report->n_events), report->n_events);
  stances = g_strdup_printf (ngettext ("%u stance", "%u stances", report->n_stances),
                             report->n_stances);

  /* Translators: "Imported 5 documents, 120 spans, 4 events, 3 stances." */
  g_print (_("Imported %s, %s, %s, %s.\n"), documents, spans, events, stances);

  if (report->n_merged > 0)
    g_print (ngettext ("Added annotations to %u document that was already in the project.\n",
                       "Added annotations to %u documents that were already in the project.\n",
                       report->n_merged),
             report->n_merged);
  if (report->n_skipped > 0)
    g_print (ngettext ("Skipped %u file of a kind Tessera does not import.\n",
                       "Skipped %u files of a kind Tessera does not import.\n",
                       report->n_skipped),
             report->n_skipped);

  for (guint i = 0; report->notices != NULL && i < report->notices->len; i++)
    g_print ("  %s\n", (const char *) g_ptr_array_index (report->notices, i));

  if (report->n_labels_added > 0)
    g_print (ngettext ("Added %u label to the project's schema.\n",
                       "Added %u labels to the project's schema.\n", report->n_labels_added),
             report->n_labels_added);
  if (report->losses != NULL && report->losses->len > 0)
    {
      g_print (_("Not imported (the project has no place for them; --strict refuses such files):\n"));
      for (guint i = 0; i < report->losses->len; i++)
        {
          g_autofree char *line = tessera_import_loss_describe (report->losses->pdata[i]);

          g_print ("  %s\n", line);
        }
    }
}

static gboolean
parse_import_format (const char           *name,
                     TesseraImportFormat  *format)
{
  static const struct { const char *name; TesseraImportFormat format; } formats[] = {
    { "auto", TESSERA_IMPORT_AUTO },
    { "tessera", TESSERA_IMPORT_TESSERA },
    { "text", TESSERA_IMPORT_TEXT },
    { "brat", TESSERA_IMPORT_BRAT },
    { "conll", TESSERA_IMPORT_CONLL },
    { "doccano", TESSERA_IMPORT_DOCCANO },
    { "label-studio", TESSERA_IMPORT_LABEL_STUDIO },
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_strcmp0 (name, formats[i].name) == 0)
      {
        *format = formats[i].format;
        return TRUE;
      }
  return FALSE;
}

int
tessera_cli_import (const TesseraCliCommand *command,
                    int                      argc,
                    char                   **argv)
{
  gboolean repair_utf8 = FALSE;
  gboolean quiet = FALSE;
  gboolean add_labels = FALSE;
  gboolean strict = FALSE;
  g_autofree char *annotator = NULL;
  g_autofree char *format = NULL;
  g_autofree char *label_map = NULL;
  g_autofree char *offsets = NULL;
  g_autoptr(GHashTable) map = NULL;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GError) error = NULL;
  TesseraImportOptions options = { 0 };
  TesseraImportReport report;
  TesseraCliProgress progress;
  const GOptionEntry entries[] = {
    { "repair-utf8", 0, 0, G_OPTION_ARG_NONE, &repair_utf8,
      N_("Replace invalid UTF-8 bytes with U+FFFD instead of refusing the file"), NULL },
    { "annotator", 'a', 0, G_OPTION_ARG_STRING, &annotator,
      N_("Sign imported annotations that name no annotator with NAME (default: your login name)"),
      N_("NAME") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("What the files are: auto (the default), tessera, text, brat, conll, doccano or label-studio"),
      N_("FORMAT") },
    { "label-map", 0, 0, G_OPTION_ARG_STRING, &label_map,
      N_("Rename the files' labels: FILE_LABEL=PROJECT_LABEL,… or a file of such lines"), N_("MAP") },
    { "add-labels", 0, 0, G_OPTION_ARG_NONE, &add_labels,
      N_("Add the labels the project's schema lacks instead of refusing the files"), NULL },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict,
      N_("Refuse files holding what the project cannot (relations, discontinuous spans…)"), NULL },
    { "offsets", 0, 0, G_OPTION_ARG_STRING, &offsets,
      N_("Unit of doccano and Label Studio offsets: utf16 or codepoint (default: utf16 for doccano, "
         "told by each span's text for Label Studio)"), N_("UNIT") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet,
      N_("Print nothing but errors"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GPtrArray) inputs = NULL;
  const char *path;
  gboolean ok;
  int status;

  status = tessera_cli_parse (command, entries, &argc, &argv);
  if (status >= 0)
    return status;

  path = argv[1];

  if (format != NULL && !parse_import_format (format, &options.format))
    {
      tessera_cli_error (_("import: unknown format “%s” (use auto, tessera, text, brat, conll, doccano "
                           "or label-studio)"), format);
      return TESSERA_CLI_EXIT_USAGE;
    }
  if (offsets != NULL)
    {
      if (g_str_equal (offsets, "utf16"))
        options.offsets = TESSERA_OFFSETS_UTF16;
      else if (g_str_equal (offsets, "codepoint"))
        options.offsets = TESSERA_OFFSETS_CODEPOINT;
      else
        {
          tessera_cli_error (_("import: --offsets must be utf16 or codepoint, not “%s”"), offsets);
          return TESSERA_CLI_EXIT_USAGE;
        }
    }
  if (label_map != NULL)
    {
      map = tessera_import_parse_label_map (label_map, &error);
      if (map == NULL)
        {
          tessera_cli_error (_("import: %s"), error->message);
          return TESSERA_CLI_EXIT_USAGE;
        }
    }
  options.label_map = map;
  options.add_labels = add_labels;
  options.strict = strict;

  /* A missing input is a typo: say so before touching the project. */
  inputs = g_ptr_array_new ();
  for (int i = 2; i < argc; i++)
    {
      g_ptr_array_add (inputs, argv[i]);
      if (!g_file_test (argv[i], G_FILE_TEST_EXISTS))
        {
          tessera_cli_error (_("import failed: %s: no such file or folder"), argv[i]);
          g_printerr (_("Nothing was imported; %s is unchanged.\n"), path);
          return TESSERA_CLI_EXIT_FAILURE;
        }
    }

  g_ptr_array_add (inputs, NULL);

  project = tessera_cli_open_project (path, TESSERA_OPEN_DEFAULT);
  if (project == NULL)
    return TESSERA_CLI_EXIT_FAILURE;

  if (annotator != NULL)
    tessera_project_set_annotator (project, annotator);

  tessera_cli_progress_init (&progress, TESSERA_CLI_PROGRESS_IMPORT, !quiet);
  options.repair_utf8 = repair_utf8;
  options.progress = tessera_cli_progress_update;
  options.progress_data = &progress;

  tessera_import_report_init (&report);
  ok = tessera_import_paths (project, (const char * const *) inputs->pdata, &options, &report, &error);
  tessera_cli_progress_clear (&progress);

  if (!ok)
    {
      tessera_cli_error (_("import failed: %s"), error->message);
      g_printerr (_("Nothing was imported; %s is unchanged.\n"), path);
      tessera_import_report_clear (&report);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  if (!quiet)
    tessera_cli_print_import_summary (&report);

  tessera_import_report_clear (&report);
  tessera_project_close (project);

  return TESSERA_CLI_EXIT_OK;
}
