/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "tessera-formats.h"
#include "tessera-project.h"

G_BEGIN_DECLS

/* Helpers the displayless tests share. Each one asserts that what it does
 * works (a failure ends the test where it happened), so a test only
 * states what it checks. */

/* --- temporary files -------------------------------------------------- */

/* A new empty folder "tessera-PROGRAM-XXXXXX" in the temporary directory. */
char           *tessera_test_make_tmp_dir     (void);
/* Removes @path, and everything in it when it is a folder, asserting that
 * every file and folder could be removed. */
void            tessera_test_remove_tree      (const char         *path);
/* Makes the folder @parent/@name; returns its path. */
char           *tessera_test_make_folder      (const char         *parent,
                                               const char         *name);
/* Writes @len bytes of @data (-1: a string) to @path, replacing it. */
void            tessera_test_set_contents     (const char         *path,
                                               const char         *data,
                                               gssize              len);
/* Writes @dir/@name as tessera_test_set_contents() does; returns the path. */
char           *tessera_test_write_file       (const char         *dir,
                                               const char         *name,
                                               const char         *data,
                                               gssize              len);
/* The contents of @path, NUL-terminated. */
char           *tessera_test_read_file        (const char         *path);
/* The hex SHA-256 of the file @path, to tell whether it changed. */
char           *tessera_test_file_sha256      (const char         *path);

/* --- SQLite from outside --------------------------------------------- */

/* Runs @sql on the database file @path with SQLite itself, as another
 * program would (creating the file when there is none). */
void            tessera_test_sql_exec         (const char         *path,
                                               const char         *sql);
/* The integer in the first column of the first row @sql returns, read
 * from @path opened read-only (a "file:" URI works too). */
gint64          tessera_test_sql_int          (const char         *path,
                                               const char         *sql);

/* --- projects --------------------------------------------------------- */

/* Creates the project @dir/@name with the default schema; its path goes
 * to @path_out when that is not NULL. */
TesseraProject *tessera_test_create_project   (const char         *dir,
                                               const char         *name,
                                               char              **path_out);
TesseraProject *tessera_test_open_project     (const char         *path,
                                               TesseraOpenFlags    flags);

/* The fixture most tests use: a temporary folder with one new project. */
typedef struct
{
  char           *dir;      /* the temporary folder */
  char           *path;     /* the project file, "test.tessera" in @dir */
  TesseraProject *project;  /* open on @path, or NULL while closed */
} TesseraTestProject;

/* For g_test_add (…, TesseraTestProject, NULL, setup, test, teardown). */
void            tessera_test_project_setup    (TesseraTestProject *fixture,
                                               gconstpointer       data);
/* Closes the project and removes the folder with all it holds. */
void            tessera_test_project_teardown (TesseraTestProject *fixture,
                                               gconstpointer       data);
/* Closes the project (so the whole file is on disk) and leaves
 * fixture->project NULL. */
void            tessera_test_project_close    (TesseraTestProject *fixture);
/* Opens fixture->path again with TESSERA_OPEN_DEFAULT. */
void            tessera_test_project_reopen   (TesseraTestProject *fixture);
/* Closes the project, then returns the SHA-256 of its file. */
char           *tessera_test_project_close_and_hash (TesseraTestProject *fixture);

/* --- content ---------------------------------------------------------- */

/* The id of the @kind label called @name, which must exist. */
gint64          tessera_test_label_id         (TesseraProject     *project,
                                               TesseraLabelKind    kind,
                                               const char         *name);
/* Adds @doc; returns its id. */
gint64          tessera_test_add_document     (TesseraProject     *project,
                                               const TesseraDocument *doc);
/* The code-point offsets [@start, @end) of the first @word in @text. */
void            tessera_test_find_word        (const char         *text,
                                               const char         *word,
                                               gint64             *start,
                                               gint64             *end);
/* Tags the first @word of document @doc_id with the @kind label @label
 * (and @note, which may be NULL); returns the span's id. */
gint64          tessera_test_tag              (TesseraProject     *project,
                                               gint64              doc_id,
                                               const char         *word,
                                               TesseraLabelKind    kind,
                                               const char         *label,
                                               const char         *note);

/* --- import and export ------------------------------------------------ */

/* tessera_import_paths() on the one file or folder @path. Returns what it
 * returns: callers assert success or failure themselves. */
gboolean        tessera_test_import           (TesseraProject      *project,
                                               const char          *path,
                                               gboolean             repair_utf8,
                                               TesseraImportReport *report,
                                               GError             **error);

/* tessera_export_jsonl, tessera_export_project_json … */
typedef gboolean (*TesseraTestExportFunc) (TesseraProject              *project,
                                           GOutputStream               *out,
                                           const TesseraExportOptions  *options,
                                           GError                     **error);

/* Runs @func for @project with @options (may be NULL) into memory.
 * Returns what @func returns; what it wrote goes to @out when that is
 * not NULL. */
gboolean        tessera_test_export_full      (TesseraProject              *project,
                                               TesseraTestExportFunc        func,
                                               const TesseraExportOptions  *options,
                                               char                       **out,
                                               GError                     **error);
/* What @func writes for @project, which must work, as a string. */
char           *tessera_test_export           (TesseraProject        *project,
                                               TesseraTestExportFunc  func);

/* What a TesseraProgressFunc was told last. */
typedef struct
{
  guint64 done;
  guint64 total;
  guint   calls;
} TesseraTestProgress;

/* A TesseraProgressFunc whose @user_data is a TesseraTestProgress:
 * asserts that done never goes back and never passes total. */
void            tessera_test_record_progress  (guint64             done,
                                               guint64             total,
                                               gpointer            user_data);
/* A GAsyncReadyCallback that stores a reference to the result in the
 * GAsyncResult* @user_data points to (loop until it is set). */
void            tessera_test_store_result     (GObject            *source,
                                               GAsyncResult       *result,
                                               gpointer            user_data);
/* The tree of the JSON document @text. */
JsonNode       *tessera_test_parse_json       (const char         *text);
/* One JsonNode per non-empty line of @text; the array owns them. */
GPtrArray      *tessera_test_parse_jsonl      (const char         *text);

/* --- damage and crashes ---------------------------------------------- */

/* Adds document @text with uid @uid, title "Report UID" and @source;
 * returns its id. */
gint64          tessera_test_add_text         (TesseraProject     *project,
                                               const char         *uid,
                                               const char         *source,
                                               const char         *text);
/* Adds a short report with uid @uid (title "Report UID", source "Wire"). */
void            tessera_test_add_report       (TesseraProject     *project,
                                               const char         *uid);
/* A session that opens @path, adds reports @uids and crashes (a child
 * process that _exit()s without closing): its committed work is left in
 * the -wal only. */
void            tessera_test_leave_wal        (const char         *path,
                                               const char * const *uids);
/* The page holding the root of the b-tree of @table (or index) in @path. */
gint64          tessera_test_root_page        (const char         *path,
                                               const char         *table);
/* Overwrites page @page (1-based) of @path with zeros. */
void            tessera_test_zero_page        (const char         *path,
                                               gint64              page);

/* --- the command line ------------------------------------------------ */

/* The built tessera-cli (env TESSERA_CLI) run as a user or a pipeline
 * would: argv arrays, no shell, looking only at the exit status, stdout,
 * stderr and files. */
typedef struct
{
  int   status;   /* exit status; -1 when killed by a signal */
  char *out;
  char *err;
} TesseraTestCliResult;

void                  tessera_test_cli_result_free (TesseraTestCliResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraTestCliResult, tessera_test_cli_result_free)

TesseraTestCliResult *tessera_test_run_cliv   (const char * const *args);
TesseraTestCliResult *tessera_test_run_cli_va (const char         *first,
                                               va_list             ap);
TesseraTestCliResult *tessera_test_run_cli    (const char         *first,
                                               ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
