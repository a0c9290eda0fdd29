/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-formats.h"
#include "tessera-project.h"

G_BEGIN_DECLS

enum
{
  TESSERA_CLI_EXIT_OK      = 0,
  TESSERA_CLI_EXIT_FAILURE = 1,
  TESSERA_CLI_EXIT_USAGE   = 2,
};

typedef struct _TesseraCliCommand TesseraCliCommand;

/* @argv[0] is the command name; returns the exit status. */
typedef int (*TesseraCliRunFunc) (const TesseraCliCommand *command,
                                  int                      argc,
                                  char                   **argv);

struct _TesseraCliCommand
{
  const char        *name;
  const char        *parameters;   /* N_(), e.g. "PROJECT PATH…" */
  const char        *summary;      /* N_(), one line for the command list */
  const char        *description;  /* N_(), shown after the options; may be NULL */
  guint              min_args;     /* positional arguments */
  guint              max_args;     /* G_MAXUINT: any number */
  TesseraCliRunFunc  run;
};

/* Prints "tessera-cli: MESSAGE" on stderr. */
void            tessera_cli_error           (const char              *format,
                                             ...) G_GNUC_PRINTF (1, 2);

/* Parses the options of @command (adding --help) and checks the number of
 * positional arguments left in @argv (after argv[0]). Returns -1 when the
 * command should go on, otherwise the exit status (0 after --help). */
int             tessera_cli_parse           (const TesseraCliCommand *command,
                                             const GOptionEntry      *entries,
                                             int                     *argc,
                                             char                  ***argv);

/* Opens @path, printing why it cannot be opened on stderr (NULL then). */
TesseraProject *tessera_cli_open_project    (const char              *path,
                                             TesseraOpenFlags         flags);

/* Reads a small file (a schema) with a size limit; errors name the file. */
gboolean        tessera_cli_read_file       (const char              *path,
                                             gsize                    max_size,
                                             char                   **contents,
                                             gsize                   *length,
                                             GError                 **error);

/* Where an export goes: stdout, or a temporary file beside @path that is
 * renamed over it only once everything was written, so a failed export
 * never leaves half a file. */
typedef struct _TesseraCliOutput TesseraCliOutput;

/* @path NULL means stdout. @project_path, when given, is refused as the
 * output (writing an export over the project itself). */
TesseraCliOutput *tessera_cli_output_open   (const char              *path,
                                             const char              *project_path,
                                             GError                 **error);
GOutputStream    *tessera_cli_output_get_stream (TesseraCliOutput    *output);
/* Closes, syncs and moves the file into place; frees @output. */
gboolean          tessera_cli_output_commit (TesseraCliOutput        *output,
                                             GError                 **error);
/* Closes and deletes the temporary file; frees @output. */
void              tessera_cli_output_abort  (TesseraCliOutput        *output);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraCliOutput, tessera_cli_output_abort)

/* A one-line progress indicator on stderr, shown only when stderr is a
 * terminal. Use tessera_cli_progress_update as a TesseraProgressFunc. */
typedef enum
{
  TESSERA_CLI_PROGRESS_IMPORT,  /* bytes */
  TESSERA_CLI_PROGRESS_EXPORT,  /* documents */
  TESSERA_CLI_PROGRESS_COPY,    /* pages */
} TesseraCliProgressKind;

typedef struct
{
  TesseraCliProgressKind kind;
  gboolean               enabled;
  gint64                 last_time;
  glong                  last_width;
} TesseraCliProgress;

void            tessera_cli_progress_init   (TesseraCliProgress      *progress,
                                             TesseraCliProgressKind   kind,
                                             gboolean                 wanted);
void            tessera_cli_progress_update (guint64                  done,
                                             guint64                  total,
                                             gpointer                 user_data);
void            tessera_cli_progress_clear  (TesseraCliProgress      *progress);

/* "3 spans, 1 event, 0 stances" */
char           *tessera_cli_counts_text     (guint                    n_spans,
                                             guint                    n_events,
                                             guint                    n_stances);
/* A project's name from its file name: "reports.tessera" → "reports". */
char           *tessera_cli_name_from_path  (const char              *path);
/* Deletes a project file with its -wal, -shm and -journal. */
void            tessera_cli_remove_project_files (const char         *path);
/* "Imported 5 documents, …" and what else the import did. */
void            tessera_cli_print_import_summary (const TesseraImportReport *report);

/* Commands. */
int             tessera_cli_init            (const TesseraCliCommand *command,
                                             int                      argc,
                                             char                   **argv);
int             tessera_cli_import          (const TesseraCliCommand *command,
                                             int                      argc,
                                             char                   **argv);
int             tessera_cli_export          (const TesseraCliCommand *command,
                                             int                      argc,
                                             char                   **argv);
int             tessera_cli_schema          (const TesseraCliCommand *command,
                                             int                      argc,
                                             char                   **argv);
int             tessera_cli_stats           (const TesseraCliCommand *command,
                                             int                      argc,
                                             char                   **argv);
int             tessera_cli_check           (const TesseraCliCommand *command,
                                             int                      argc,
                                             char                   **argv);
int             tessera_cli_search          (const TesseraCliCommand *command,
                                             int                      argc,
                                             char                   **argv);
int             tessera_cli_edit            (const TesseraCliCommand *command,
                                             int                      argc,
                                             char                   **argv);
int             tessera_cli_clusters        (const TesseraCliCommand *command,
                                             int                      argc,
                                             char                   **argv);
int             tessera_cli_events          (const TesseraCliCommand *command,
                                             int                      argc,
                                             char                   **argv);
int             tessera_cli_suggestions     (const TesseraCliCommand *command,
                                             int                      argc,
                                             char                   **argv);
int             tessera_cli_backup          (const TesseraCliCommand *command,
                                             int                      argc,
                                             char                   **argv);
int             tessera_cli_salvage         (const TesseraCliCommand *command,
                                             int                      argc,
                                             char                   **argv);
int             tessera_cli_upgrade         (const TesseraCliCommand *command,
                                             int                      argc,
                                             char                   **argv);
int             tessera_cli_assign          (const TesseraCliCommand *command,
                                             int                      argc,
                                             char                   **argv);
int             tessera_cli_merge           (const TesseraCliCommand *command,
                                             int                      argc,
                                             char                   **argv);
int             tessera_cli_curate          (const TesseraCliCommand *command,
                                             int                      argc,
                                             char                   **argv);
int             tessera_cli_agreement       (const TesseraCliCommand *command,
                                             int                      argc,
                                             char                   **argv);

G_END_DECLS
