/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-cli"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>

#include "tessera-error.h"
#include "tessera-cli-private.h"

/* Progress lines are redrawn at most this often (µs). */
#define PROGRESS_INTERVAL (G_USEC_PER_SEC / 10)

void
tessera_cli_error (const char *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("tessera-cli: %s\n", message);
}

int
tessera_cli_parse (const TesseraCliCommand *command,
                   const GOptionEntry      *entries,
                   int                     *argc,
                   char                  ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = NULL;
  gboolean help = FALSE;
  guint n_args;
  const GOptionEntry help_entries[] = {
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this help"), NULL },
    G_OPTION_ENTRY_NULL
  };

  /* GOption prints "Usage: PRGNAME [OPTION…] PARAMETERS". */
  prgname = g_strdup_printf ("tessera-cli %s", command->name);
  g_set_prgname (prgname);

  /* GOption translates the parameter string itself. */
  context = g_option_context_new (command->parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, command->summary);
  if (command->description != NULL)
    g_option_context_set_description (context, command->description);
  /* Our own --help returns normally instead of exit() from inside GOption. */
  g_option_context_set_help_enabled (context, FALSE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, help_entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_set_prgname ("tessera-cli");
      tessera_cli_error ("%s", error->message);
      g_printerr (_("Run “tessera-cli %s --help” to see its options.\n"), command->name);
      return TESSERA_CLI_EXIT_USAGE;
    }

  if (help)
    {
      g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);

      g_set_prgname ("tessera-cli");
      g_print ("%s", text);
      return TESSERA_CLI_EXIT_OK;
    }

  g_set_prgname ("tessera-cli");

  n_args = *argc > 0 ? (guint) *argc - 1 : 0;
  if (n_args < command->min_args)
    {
      tessera_cli_error (_("%s: missing arguments; expected %s"),
                         command->name, _(command->parameters));
      g_printerr (_("Run “tessera-cli %s --help” to see its options.\n"), command->name);
      return TESSERA_CLI_EXIT_USAGE;
    }
  if (n_args > command->max_args)
    {
      tessera_cli_error (_("%s: unexpected argument “%s”"),
                         command->name, (*argv)[command->max_args + 1]);
      g_printerr (_("Run “tessera-cli %s --help” to see its options.\n"), command->name);
      return TESSERA_CLI_EXIT_USAGE;
    }

  return -1;
}

TesseraProject *
tessera_cli_open_project (const char       *path,
                          TesseraOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  TesseraProject *project;

  /* SQLite would report these as "unable to open database file". */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      tessera_cli_error (_("%s: no such project file (“tessera-cli init %s” creates one)"),
                         path, path);
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      tessera_cli_error (_("%s is a folder, not a project file"), path);
      return NULL;
    }

  project = tessera_project_open (path, flags, &error);
  if (project == NULL)
    {
      tessera_cli_error ("%s", error->message);
      return NULL;
    }

  return project;
}

gboolean
tessera_cli_read_file (const char  *path,
                       gsize        max_size,
                       char       **contents,
                       gsize       *length,
                       GError     **error)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("%s is not a regular file"), path);
      return FALSE;
    }
  if ((guint64) st.st_size > max_size)
    {
      g_autofree char *limit = g_format_size (max_size);

      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_LIMIT,
                   _("%s is larger than %s"), path, limit);
      return FALSE;
    }

  return g_file_get_contents (path, contents, length, error);
}

struct _TesseraCliOutput
{
  GOutputStream *stream;
  char          *path;      /* NULL for stdout */
  char          *tmp_path;
};

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa;
  GStatBuf sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

TesseraCliOutput *
tessera_cli_output_open (const char  *path,
                         const char  *project_path,
                         GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmpl = NULL;
  TesseraCliOutput *output;
  int fd;

  if (path == NULL)
    {
      output = g_new0 (TesseraCliOutput, 1);
      output->stream = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
      return output;
    }

  if (project_path != NULL && same_file (path, project_path))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("%s is the project file itself; choose another output file"), path);
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("%s is a folder; give the name of the file to write"), path);
      return NULL;
    }

  /* In the same folder, so that the final rename cannot cross file systems. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmpl = g_strdup_printf ("%s%s.%s.XXXXXX", dir, G_DIR_SEPARATOR_S, base);
  fd = g_mkstemp_full (tmpl, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot write in %s: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  output = g_new0 (TesseraCliOutput, 1);
  output->stream = g_unix_output_stream_new (fd, TRUE);
  output->path = g_strdup (path);
  output->tmp_path = g_steal_pointer (&tmpl);

  return output;
}

GOutputStream *
tessera_cli_output_get_stream (TesseraCliOutput *output)
{
  return output->stream;
}

static void
tessera_cli_output_free (TesseraCliOutput *output)
{
  g_clear_object (&output->stream);
  g_free (output->path);
  g_free (output->tmp_path);
  g_free (output);
}

gboolean
tessera_cli_output_commit (TesseraCliOutput  *output,
                           GError           **error)
{
  g_return_val_if_fail (output != NULL, FALSE);

  if (output->path == NULL)
    {
      gboolean ok = g_output_stream_close (output->stream, NULL, error);

      tessera_cli_output_free (output);
      return ok;
    }

  /* Durable before it replaces anything. */
  if (g_fsync (g_unix_output_stream_get_fd (G_UNIX_OUTPUT_STREAM (output->stream))) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", output->path, g_strerror (saved_errno));
      tessera_cli_output_abort (output);
      return FALSE;
    }
  if (!g_output_stream_close (output->stream, NULL, error))
    {
      tessera_cli_output_abort (output);
      return FALSE;
    }
  if (g_rename (output->tmp_path, output->path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", output->path, g_strerror (saved_errno));
      tessera_cli_output_abort (output);
      return FALSE;
    }

  g_clear_pointer (&output->tmp_path, g_free);
  tessera_cli_output_free (output);
  return TRUE;
}

void
tessera_cli_output_abort (TesseraCliOutput *output)
{
  if (output == NULL)
    return;

  if (!g_output_stream_is_closed (output->stream))
    g_output_stream_close (output->stream, NULL, NULL);
  if (output->tmp_path != NULL)
    g_unlink (output->tmp_path);

  tessera_cli_output_free (output);
}

void
tessera_cli_progress_init (TesseraCliProgress     *progress,
                           TesseraCliProgressKind  kind,
                           gboolean                wanted)
{
  memset (progress, 0, sizeof *progress);
  progress->kind = kind;
  /* A pipe or a log file gets no carriage-return noise. */
  progress->enabled = wanted && isatty (STDERR_FILENO);
}

void
tessera_cli_progress_update (guint64  done,
                             guint64  total,
                             gpointer user_data)
{
  TesseraCliProgress *progress = user_data;
  g_autofree char *line = NULL;
  gint64 now;
  glong width;
  guint percent;

  if (!progress->enabled)
    return;

  now = g_get_monotonic_time ();
  if (progress->last_time != 0 && now - progress->last_time < PROGRESS_INTERVAL)
    return;
  progress->last_time = now;

  percent = total > 0 ? (guint) (MIN (done, total) * 100 / total) : 0;

  if (progress->kind == TESSERA_CLI_PROGRESS_IMPORT)
    {
      g_autofree char *done_str = g_format_size (done);
      g_autofree char *total_str = g_format_size (total);

      if (total > 0)
        /* Translators: "45% (120 MB of 266 MB)" */
        line = g_strdup_printf (_("Importing… %u%% (%s of %s)"), percent, done_str, total_str);
      else
        line = g_strdup_printf (_("Importing… %s"), done_str);
    }
  else if (progress->kind == TESSERA_CLI_PROGRESS_COPY)
    /* Translators: "Copying… 45%" */
    line = g_strdup_printf (_("Copying… %u%%"), percent);
  else
    {
      g_autofree char *done_str = g_strdup_printf ("%" G_GUINT64_FORMAT, done);
      g_autofree char *total_str = g_strdup_printf ("%" G_GUINT64_FORMAT, total);

      if (total > 0)
        /* Translators: "45% (1200 of 2600 documents)" */
        line = g_strdup_printf (_("Exporting… %u%% (%s of %s documents)"), percent, done_str, total_str);
      else
        line = g_strdup_printf (_("Exporting… %s documents"), done_str);
    }

  width = g_utf8_strlen (line, -1);
  g_printerr ("\r%s%*s", line, (int) MAX (progress->last_width - width, 0), "");
  progress->last_width = width;
}

void
tessera_cli_progress_clear (TesseraCliProgress *progress)
{
  if (!progress->enabled || progress->last_width == 0)
    return;

  g_printerr ("\r%*s\r", (int) progress->last_width, "");
  progress->last_width = 0;
  progress->last_time = 0;
}

char *
tessera_cli_counts_text (guint n_spans,
                         guint n_events,
                         guint n_stances)
{
  g_autofree char *spans = g_strdup_printf (ngettext ("%u span", "%u spans", n_spans), n_spans);
  g_autofree char *events = g_strdup_printf (ngettext ("%u event", "%u events", n_events), n_events);
  g_autofree char *stances = g_strdup_printf (ngettext ("%u stance", "%u stances", n_stances), n_stances);

  /* Translators: "3 spans, 1 event, 0 stances" */
  return g_strdup_printf (_("%s, %s, %s"), spans, events, stances);
}
