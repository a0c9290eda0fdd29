/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-cli-private.h"

/* Commands about the project file itself: copying it, upgrading it. */

int
tessera_cli_backup (const TesseraCliCommand *command,
                    int                      argc,
                    char                   **argv)
{
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GError) error = NULL;
  TesseraCliProgress progress;
  gboolean quiet = FALSE;
  const GOptionEntry entries[] = {
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Do not show progress"), NULL },
    G_OPTION_ENTRY_NULL
  };
  const char *path;
  const char *output;
  int status;

  status = tessera_cli_parse (command, entries, &argc, &argv);
  if (status >= 0)
    return status;

  path = argv[1];
  output = argv[2];

  if (g_file_test (output, G_FILE_TEST_EXISTS))
    {
      tessera_cli_error (_("%s already exists; not overwriting it"), output);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  project = tessera_cli_open_project (path, TESSERA_OPEN_READ_ONLY);
  if (project == NULL)
    return TESSERA_CLI_EXIT_FAILURE;

  tessera_cli_progress_init (&progress, TESSERA_CLI_PROGRESS_COPY, !quiet);
  if (!tessera_project_backup (project, output, NULL, tessera_cli_progress_update, &progress, &error))
    {
      tessera_cli_progress_clear (&progress);
      tessera_cli_error ("%s", error->message);
      return TESSERA_CLI_EXIT_FAILURE;
    }
  tessera_cli_progress_clear (&progress);

  g_print (_("Copied %s to %s.\n"), path, output);
  return TESSERA_CLI_EXIT_OK;
}

int
tessera_cli_upgrade (const TesseraCliCommand *command,
                     int                      argc,
                     char                   **argv)
{
  g_autoptr(TesseraProject) project = NULL;
  const char *path;
  int status;

  status = tessera_cli_parse (command, NULL, &argc, &argv);
  if (status >= 0)
    return status;

  path = argv[1];

  /* Opening for writing upgrades an older format, in one transaction. */
  project = tessera_cli_open_project (path, TESSERA_OPEN_DEFAULT);
  if (project == NULL)
    return TESSERA_CLI_EXIT_FAILURE;

  if (tessera_project_get_read_only (project))
    {
      tessera_cli_error (_("%s is read-only; copy it somewhere you can write to, then upgrade the copy"),
                         path);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  tessera_project_close (project);
  g_print (_("%s is in the current project format (%d).\n"), path, TESSERA_SCHEMA_VERSION);

  return TESSERA_CLI_EXIT_OK;
}

int
tessera_cli_salvage (const TesseraCliCommand *command,
                     int                      argc,
                     char                   **argv)
{
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const char *path;
  const char *output;
  int status;

  status = tessera_cli_parse (command, NULL, &argc, &argv);
  if (status >= 0)
    return status;

  path = argv[1];
  output = argv[2];

  if (g_file_test (output, G_FILE_TEST_EXISTS))
    {
      tessera_cli_error (_("%s already exists; not overwriting it"), output);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  /* Not checked: a damaged project is what this command is for. */
  project = tessera_cli_open_project (path, TESSERA_OPEN_READ_ONLY | TESSERA_OPEN_SKIP_CHECK);
  if (project == NULL)
    return TESSERA_CLI_EXIT_FAILURE;

  if (!tessera_project_salvage (project, output, NULL, &summary, &problems, &error))
    {
      tessera_cli_error ("%s", error->message);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_print ("%s: %s\n", path, (const char *) g_ptr_array_index (problems, i));
  g_print (_("%s: %s. The new project is %s.\n"), path, summary, output);

  return TESSERA_CLI_EXIT_OK;
}
