/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "tessera-error.h"
#include "tessera-project.h"

G_BEGIN_DECLS

struct _TesseraProject
{
  GObject      parent_instance;

  sqlite3     *db;
  char        *path;
  gboolean     read_only;
  char        *lock_key;         /* held flock, see acquire_lock () */
  GHashTable  *stmts;            /* static SQL text → prepared statement */

  /* What the connection reads (tessera-project-open.c): the project
   * itself; with immutable, its file alone (there is no -wal to read and
   * its folder is read-only); or a private copy of it and its -wal in
   * private_dir (a read-only folder, where SQLite cannot make the -shm). */
  char        *db_path;
  gboolean     immutable;
  char        *private_dir;
  gboolean     in_memory;        /* an older format, upgraded in memory to be read */

  TesseraIntegrity integrity;
  gboolean     lent;             /* a worker writes on a connection of its own */
  gboolean     need_new_generation; /* the next write starts a new -wal generation */
  int          wal_frames;       /* frames in the -wal after the last commit */
  gboolean     schema_touched;   /* labels or annotators written in the open transaction */
  GPtrArray   *retired;          /* label and attribute arrays a reload replaced: pointers
                                  * handed out stay valid until the project goes */

  guint        tx_depth;
  GArray      *pending;          /* TesseraPendingChange, emitted at commit */
  GArray      *savepoint_marks;  /* pending->len when each savepoint began */
  gboolean     pending_reset;

  GPtrArray   *labels;           /* TesseraLabel*, by kind then position */
  GHashTable  *labels_by_id;     /* gint64* → TesseraLabel* (borrowed) */
  GPtrArray   *attributes;       /* TesseraAttribute* */

  GHashTable  *annotator_ids;    /* name → gint64* */
  GHashTable  *annotator_names;  /* gint64* → name (borrowed from annotator_ids keys) */
  char        *annotator;        /* current annotator's name */
};

typedef struct
{
  TesseraChangeKind   kind;
  TesseraChangeAction action;
  gint64              document_id;
  gint64              object_id;
} TesseraPendingChange;

/* A prepared statement that resets itself when it goes out of scope:
 *   g_auto(TesseraStmt) stmt = _tessera_project_stmt (self, sql, error); */
typedef sqlite3_stmt *TesseraStmt;
void          _tessera_stmt_release       (TesseraStmt *stmt);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TesseraStmt, _tessera_stmt_release)

/* @sql must be a string with static storage: it is the cache key. */
sqlite3_stmt *_tessera_project_stmt       (TesseraProject *self,
                                           const char     *sql,
                                           GError        **error);
/* Steps a statement that returns no row; FALSE with error on failure. */
gboolean      _tessera_project_step_done  (TesseraProject *self,
                                           sqlite3_stmt   *stmt,
                                           GError        **error);
gboolean      _tessera_project_exec       (TesseraProject *self,
                                           const char     *sql,
                                           GError        **error);
/* @what says what was being done, marked with N_(): "Adding a span". */
void          _tessera_project_set_sqlite_error (TesseraProject *self,
                                           GError        **error,
                                           const char     *what);
gboolean      _tessera_project_ensure_writable (TesseraProject *self,
                                           GError        **error);
/* Queues (or emits, outside a transaction) a change notification. */
void          _tessera_project_changed    (TesseraProject     *self,
                                           TesseraChangeKind   kind,
                                           TesseraChangeAction action,
                                           gint64              document_id,
                                           gint64              object_id);
/* Ends a transaction begun with tessera_project_begin(): commit when
 * @ok, else roll back. Returns @ok && the commit worked. */
gboolean      _tessera_project_end        (TesseraProject *self,
                                           gboolean        ok,
                                           GError        **error);

/* For work of several statements: outside a transaction, makes one
 * (begin…end, like tessera_project_begin/_end); inside one, adds no
 * savepoint — each savepoint makes FTS5 flush its pending terms, which
 * made an import three times slower — and a failure leaves the caller
 * to roll back, as every caller that batches work does. */
gboolean      _tessera_project_begin_unless_nested (TesseraProject *self,
                                           gboolean       *began,
                                           GError        **error);
gboolean      _tessera_project_end_unless_nested (TesseraProject *self,
                                           gboolean        began,
                                           gboolean        ok,
                                           GError        **error);

/* Steps @stmt: TRUE on a row; FALSE at the end or on an error, which
 * then sets @failed and @error (a damaged page must not look like the
 * end of the rows). */
gboolean      _tessera_project_next_row   (TesseraProject *self,
                                           sqlite3_stmt   *stmt,
                                           gboolean       *failed,
                                           GError        **error);

gboolean      _tessera_project_write_meta (TesseraProject *self,
                                           const char     *key,
                                           const char     *value,
                                           GError        **error);

/* The project's files (tessera-project-files.c). */
gboolean      _tessera_project_acquire_lock (TesseraProject *self,
                                           GError        **error);
void          _tessera_project_release_lock (TesseraProject *self);
/* Whether another project object of this process holds @path for writing. */
gboolean      _tessera_held_for_writing_here (const char    *path);
/* @path with @suffix ("-wal", "-shm") appended. */
char         *_tessera_side_file          (const char     *path,
                                           const char     *suffix);
/* Size of @path, -1 when it does not exist. */
gint64        _tessera_file_size          (const char     *path);
/* The project and its folder can be written (WAL makes side files). */
gboolean      _tessera_is_writable        (const char     *path);
char         *_tessera_immutable_uri      (const char     *path);
gboolean      _tessera_project_make_private_copy (TesseraProject *self,
                                           GError        **error);
void          _tessera_project_remove_private_copy (TesseraProject *self);

/* Remembers every suggestion of @document_id (0: of all) as rejected,
 * signed by @annotator_id, before tessera_project_reject_suggestions
 * deletes them (tessera-project-rejections.c). */
gboolean      _tessera_project_remember_rejected (TesseraProject *self,
                                           gint64          document_id,
                                           gint64          annotator_id,
                                           GError        **error);

/* Opening (tessera-project-open.c). */
gboolean      _tessera_project_migrate    (TesseraProject *self,
                                           gint64          from,
                                           int             to,
                                           GError        **error);
/* In the first transaction after a checkpoint emptied the -wal (while
 * need_new_generation): marks the new generation of the -wal (see
 * tessera-project-open.c). Clear need_new_generation once it commits. */
/* A new, random generation name. */
char         *_tessera_new_generation     (void);
gboolean      _tessera_project_mark_generation (TesseraProject *self,
                                           GError        **error);
/* The check has passed: a writer settles the -wal. */
void          _tessera_project_verified   (TesseraProject *self);
/* After an outermost commit: checkpoints once the -wal has grown. */
void          _tessera_project_after_commit (TesseraProject *self);
/* A second connection that writes to @self's file, for a worker thread
 * while @self is lent (see tessera-project-worker.c). */
TesseraProject *_tessera_project_open_worker (TesseraProject *self,
                                           GError        **error);
/* A new read-only connection to what this project reads, for a worker
 * thread; NULL with an error when it has none (an in-memory upgrade). */
sqlite3      *_tessera_project_open_reader (TesseraProject *self,
                                           GError        **error);

/* Integrity (tessera-project-integrity.c). The first of what
 * integrity_check found, on one line, and how much more there is. */
char         *_tessera_summarise_problems (GPtrArray     *problems);
/* Runs @pragma (quick_check or
 * integrity_check) on @db, adding what it finds to @problems. */
gboolean      _tessera_run_integrity_pragma (sqlite3       *db,
                                           const char     *path,
                                           const char     *pragma,
                                           GCancellable   *cancellable,
                                           GPtrArray      *problems,
                                           GError        **error);

/* Text helpers for statements. */
void          _tessera_bind_text          (sqlite3_stmt   *stmt,
                                           int             index,
                                           const char     *text);
void          _tessera_bind_id            (sqlite3_stmt   *stmt,
                                           int             index,
                                           gint64          id);
char         *_tessera_column_dup         (sqlite3_stmt   *stmt,
                                           int             column);
gint64        _tessera_now                (void);
/* sqlite3_errmsg (@db) as valid UTF-8: a damaged schema puts its own
 * bytes in SQLite's messages ("near \"REFERENC\xba\""), and messages
 * reach the terminal and the window. Valid as long as @db's message, or
 * for good when it had to be mended. */
const char   *_tessera_errmsg             (sqlite3        *db);

/* Schema (tessera-project-schema.c). */
gboolean      _tessera_project_load_schema (TesseraProject *self,
                                           GError        **error);
gboolean      _tessera_project_apply_schema (TesseraProject *self,
                                           const TesseraSchemaDef *def,
                                           GError        **error);
/* A label of @kind with @id, or NULL with an error that names what was wanted. */
const TesseraLabel *_tessera_project_require_label (TesseraProject  *self,
                                           gint64            id,
                                           TesseraLabelKind  kind,
                                           GError          **error);
gboolean      _tessera_project_load_annotators (TesseraProject *self,
                                           GError        **error);

/* Documents (tessera-project-documents.c): code-point length, or -1 with
 * TESSERA_ERROR_NOT_FOUND. */
gint64        _tessera_project_document_length (TesseraProject *self,
                                           gint64          document_id,
                                           GError        **error);

/* Spans (tessera-project-spans.c): what the first column of the rows
 * naming the dependents of a deleted span or event stands for (0 an
 * event, 1 a stance, 2 a cluster). */
TesseraChangeKind _tessera_change_kind_of_row (gint64 what);

/* Test support: creates a project file at an older format version. */
gboolean      _tessera_project_create_at_version (const char *path,
                                           int         version,
                                           GError    **error);

G_END_DECLS
