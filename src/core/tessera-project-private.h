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

/* Test support: creates a project file at an older format version. */
gboolean      _tessera_project_create_at_version (const char *path,
                                           int         version,
                                           GError    **error);

G_END_DECLS
