/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-project"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "tessera-project-private.h"
#include "tessera-text.h"

G_DEFINE_FINAL_TYPE (TesseraProject, tessera_project, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Changes queued in one transaction beyond this become one RESET. */
#define MAX_PENDING_CHANGES 512

/* The descriptors this process took to lock project files for writing,
 * by "dev:inode". Closing any descriptor of a file drops every POSIX lock
 * SQLite holds on it in this process, so they stay open (one per file
 * ever opened for writing) and only their flock() comes and goes. */
typedef struct
{
  int      fd;
  gboolean held;
  pid_t    pid;   /* a forked child shares the parent's descriptor, and
                   * with it the flock: it takes a descriptor of its own */
} LockEntry;

static GHashTable *locked_files;
G_LOCK_DEFINE_STATIC (locked_files);

/* Each entry brings a file from version i to i + 1, all in one
 * transaction. Version 1 is the original layout; version 2 added the
 * per-document span counter, a span index in listing order and the
 * indexes stance deletes need. */
static const char * const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
  "CREATE TABLE annotator (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
  "CREATE TABLE label ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('entity', 'event', 'role', 'stance')),"
  "  name TEXT NOT NULL,"
  "  description TEXT,"
  "  color TEXT NOT NULL,"
  "  shortcut TEXT,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (kind, name));"
  "CREATE TABLE label_role ("
  "  event_label_id INTEGER NOT NULL REFERENCES label (id) ON DELETE CASCADE,"
  "  role_label_id INTEGER NOT NULL REFERENCES label (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (event_label_id, role_label_id)) WITHOUT ROWID;"
  "CREATE TABLE attribute ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  vals TEXT NOT NULL,"
  "  default_value TEXT NOT NULL);"
  "CREATE TABLE document ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL,"
  "  source TEXT,"
  "  url TEXT,"
  "  published TEXT,"
  "  language TEXT,"
  "  status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 2),"
  "  n_chars INTEGER NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  imported_at INTEGER NOT NULL);"
  /* Text apart from metadata: listing 100,000 documents must not page
   * through every text. */
  "CREATE TABLE document_text ("
  "  document_id INTEGER PRIMARY KEY REFERENCES document (id) ON DELETE CASCADE,"
  "  text TEXT NOT NULL);"
  "CREATE VIEW document_fts_content AS"
  "  SELECT d.id AS id, d.title AS title, t.text AS text"
  "  FROM document d JOIN document_text t ON t.document_id = d.id;"
  "CREATE VIRTUAL TABLE document_fts USING fts5 ("
  "  title, text, content = 'document_fts_content', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2');"
  "CREATE TRIGGER document_text_ai AFTER INSERT ON document_text BEGIN"
  "  INSERT INTO document_fts (rowid, title, text)"
  "    SELECT new.document_id, d.title, new.text FROM document d WHERE d.id = new.document_id;"
  "END;"
  "CREATE TRIGGER document_text_bd BEFORE DELETE ON document_text BEGIN"
  "  INSERT INTO document_fts (document_fts, rowid, title, text)"
  "    SELECT 'delete', old.document_id, d.title, old.text FROM document d WHERE d.id = old.document_id;"
  "END;"
  "CREATE TRIGGER document_title_au AFTER UPDATE OF title ON document BEGIN"
  "  INSERT INTO document_fts (document_fts, rowid, title, text)"
  "    SELECT 'delete', old.id, old.title, t.text FROM document_text t WHERE t.document_id = old.id;"
  "  INSERT INTO document_fts (rowid, title, text)"
  "    SELECT new.id, new.title, t.text FROM document_text t WHERE t.document_id = new.id;"
  "END;"
  "CREATE TABLE span ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,"
  "  start INTEGER NOT NULL,"
  "  \"end\" INTEGER NOT NULL,"
  "  label_id INTEGER NOT NULL REFERENCES label (id),"
  "  annotator_id INTEGER REFERENCES annotator (id),"
  "  note TEXT,"
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL,"
  "  CHECK (0 <= start AND start < \"end\"));"
  "CREATE INDEX span_document ON span (document_id, start);"
  "CREATE TABLE event ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,"
  "  trigger_span_id INTEGER NOT NULL UNIQUE REFERENCES span (id) ON DELETE CASCADE,"
  "  type_label_id INTEGER NOT NULL REFERENCES label (id),"
  "  realis TEXT NOT NULL,"
  "  confirmation TEXT NOT NULL,"
  "  annotator_id INTEGER REFERENCES annotator (id));"
  "CREATE INDEX event_document ON event (document_id);"
  "CREATE TABLE event_argument ("
  "  event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,"
  "  role_label_id INTEGER NOT NULL REFERENCES label (id),"
  "  span_id INTEGER NOT NULL REFERENCES span (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (event_id, role_label_id, span_id)) WITHOUT ROWID;"
  "CREATE INDEX event_argument_span ON event_argument (span_id);"
  "CREATE TABLE stance ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,"
  "  span_id INTEGER NOT NULL REFERENCES span (id) ON DELETE CASCADE,"
  "  label_id INTEGER NOT NULL REFERENCES label (id),"
  "  holder_span_id INTEGER REFERENCES span (id) ON DELETE SET NULL,"
  "  target_event_id INTEGER REFERENCES event (id) ON DELETE SET NULL,"
  "  target_span_id INTEGER REFERENCES span (id) ON DELETE SET NULL,"
  "  annotator_id INTEGER REFERENCES annotator (id));"
  "CREATE INDEX stance_document ON stance (document_id);"
  "CREATE INDEX stance_span ON stance (span_id);",

  /* 1 → 2 */
  "ALTER TABLE document ADD COLUMN n_spans INTEGER NOT NULL DEFAULT 0;"
  "UPDATE document SET n_spans = (SELECT count(*) FROM span WHERE span.document_id = document.id);"
  "CREATE TRIGGER span_ai AFTER INSERT ON span BEGIN"
  "  UPDATE document SET n_spans = n_spans + 1 WHERE id = new.document_id;"
  "END;"
  "CREATE TRIGGER span_ad AFTER DELETE ON span BEGIN"
  "  UPDATE document SET n_spans = n_spans - 1 WHERE id = old.document_id;"
  "END;"
  /* The order spans are listed and exported in, without a sort per document. */
  "DROP INDEX span_document;"
  "CREATE INDEX span_document ON span (document_id, start, \"end\" DESC, id);"
  "CREATE INDEX stance_holder ON stance (holder_span_id);"
  "CREATE INDEX stance_target_event ON stance (target_event_id);"
  "CREATE INDEX stance_target_span ON stance (target_span_id);",

  /* 2 → 3: suggestions (annotations proposed, e.g. carried onto a copy of
   * wire text, kept apart until accepted) and clusters linking mentions
   * and events across documents into one real-world entity or event. */
  "ALTER TABLE span ADD COLUMN suggested INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE event ADD COLUMN suggested INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE stance ADD COLUMN suggested INTEGER NOT NULL DEFAULT 0;"
  "CREATE INDEX span_suggested ON span (suggested) WHERE suggested != 0;"
  "CREATE TABLE cluster ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  kind TEXT NOT NULL CHECK (kind IN ('entity', 'event')),"
  "  name TEXT NOT NULL,"
  "  created INTEGER NOT NULL);"
  "CREATE TABLE cluster_member ("
  "  cluster_id INTEGER NOT NULL REFERENCES cluster (id) ON DELETE CASCADE,"
  "  span_id INTEGER UNIQUE REFERENCES span (id) ON DELETE CASCADE,"
  "  event_id INTEGER UNIQUE REFERENCES event (id) ON DELETE CASCADE,"
  "  CHECK ((span_id IS NULL) != (event_id IS NULL)));"
  "CREATE INDEX cluster_member_cluster ON cluster_member (cluster_id);"
  /* The full-text row is written by tessera_project_add_document itself:
   * a trigger gives every insert a statement journal, and FTS5 flushes its
   * pending terms at each one. */
  "DROP TRIGGER document_text_ai;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == TESSERA_SCHEMA_VERSION);

static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}

static void
release_lock (TesseraProject *self)
{
  if (self->lock_key != NULL)
    {
      LockEntry *entry;

      G_LOCK (locked_files);
      entry = g_hash_table_lookup (locked_files, self->lock_key);
      if (entry != NULL && entry->held)
        {
          flock (entry->fd, LOCK_UN);
          entry->held = FALSE;
        }
      G_UNLOCK (locked_files);
      g_clear_pointer (&self->lock_key, g_free);
    }
}

void
tessera_project_close (TesseraProject *self)
{
  g_return_if_fail (TESSERA_IS_PROJECT (self));

  if (self->db == NULL)
    return;

  if (self->tx_depth > 0)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->tx_depth = 0;
    }

  g_hash_table_remove_all (self->stmts);
  sqlite3_close_v2 (self->db);
  self->db = NULL;

  /* After SQLite let go of its own locks: closing our descriptor would
   * otherwise drop its POSIX locks on the same file. */
  release_lock (self);
}

static void
tessera_project_finalize (GObject *object)
{
  TesseraProject *self = TESSERA_PROJECT (object);

  tessera_project_close (self);

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->savepoint_marks, g_array_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->labels_by_id, g_hash_table_unref);
  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  g_clear_pointer (&self->annotator_names, g_hash_table_unref);
  g_clear_pointer (&self->annotator_ids, g_hash_table_unref);
  g_clear_pointer (&self->annotator, g_free);

  G_OBJECT_CLASS (tessera_project_parent_class)->finalize (object);
}

static void
tessera_project_class_init (TesseraProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* Memory statistics take a global mutex on every allocation; nothing
   * here reads them. Only possible before SQLite initialises. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);

  object_class->finalize = tessera_project_finalize;

  /**
   * TesseraProject::changed:
   * @kind: a #TesseraChangeKind
   * @action: a #TesseraChangeAction
   * @document_id: the document concerned, or 0
   * @object_id: the span, event, stance, document or label id, or 0
   *
   * Emitted once the change is committed to the file.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4,
                  G_TYPE_UINT, G_TYPE_UINT, G_TYPE_INT64, G_TYPE_INT64);
}

static void
tessera_project_init (TesseraProject *self)
{
  self->stmts = g_hash_table_new_full (NULL, NULL, NULL, finalize_stmt);
  self->pending = g_array_new (FALSE, FALSE, sizeof (TesseraPendingChange));
  self->savepoint_marks = g_array_new (FALSE, FALSE, sizeof (guint));
  self->labels = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_label_free);
  self->labels_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->attributes = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_attribute_free);
  self->annotator_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->annotator_names = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->annotator = g_strdup (g_get_user_name ());
}

/* --- statements ------------------------------------------------------- */

void
_tessera_stmt_release (TesseraStmt *stmt)
{
  if (*stmt != NULL)
    {
      sqlite3_reset (*stmt);
      sqlite3_clear_bindings (*stmt);
    }
}

void
_tessera_project_set_sqlite_error (TesseraProject  *self,
                                   GError         **error,
                                   const char      *what)
{
  int code = self->db ? sqlite3_extended_errcode (self->db) : SQLITE_MISUSE;

  if (code == SQLITE_READONLY || (code & 0xff) == SQLITE_READONLY)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_READ_ONLY,
                 "%s: %s is read-only", what, self->path);
  else if ((code & 0xff) == SQLITE_BUSY)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_LOCKED,
                 "%s: %s is busy in another process", what, self->path);
  else
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_SQLITE,
                 "%s: %s", what, self->db ? sqlite3_errmsg (self->db) : "project is closed");
}

sqlite3_stmt *
_tessera_project_stmt (TesseraProject  *self,
                       const char      *sql,
                       GError         **error)
{
  sqlite3_stmt *stmt;

  if (self->db == NULL)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, "The project is closed");
      return NULL;
    }

  stmt = g_hash_table_lookup (self->stmts, sql);
  if (stmt != NULL)
    return stmt;

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      _tessera_project_set_sqlite_error (self, error, "Preparing a query");
      return NULL;
    }

  g_hash_table_insert (self->stmts, (gpointer) sql, stmt);

  return stmt;
}

gboolean
_tessera_project_step_done (TesseraProject  *self,
                            sqlite3_stmt    *stmt,
                            GError         **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _tessera_project_set_sqlite_error (self, error, "Writing to the project");
      return FALSE;
    }

  return TRUE;
}

gboolean
_tessera_project_exec (TesseraProject  *self,
                       const char      *sql,
                       GError         **error)
{
  char *message = NULL;

  if (self->db == NULL)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, "The project is closed");
      return FALSE;
    }

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      _tessera_project_set_sqlite_error (self, error, "Updating the project");
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

void
_tessera_bind_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
_tessera_bind_id (sqlite3_stmt *stmt,
                  int           index,
                  gint64        id)
{
  if (id <= 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

char *
_tessera_column_dup (sqlite3_stmt *stmt,
                     int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text ? g_strndup ((const char *) text, sqlite3_column_bytes (stmt, column)) : NULL;
}

gint64
_tessera_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

gboolean
_tessera_project_ensure_writable (TesseraProject  *self,
                                  GError         **error)
{
  if (self->db == NULL)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, "The project is closed");
      return FALSE;
    }
  if (self->read_only)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_READ_ONLY,
                   "%s is open read-only", self->path);
      return FALSE;
    }
  return TRUE;
}

/* --- transactions and change notifications ---------------------------- */

static void
emit_pending (TesseraProject *self)
{
  g_autoptr(GArray) pending = NULL;
  gboolean reset = self->pending_reset;

  pending = g_steal_pointer (&self->pending);
  self->pending = g_array_new (FALSE, FALSE, sizeof (TesseraPendingChange));
  self->pending_reset = FALSE;

  g_object_ref (self);
  if (reset)
    g_signal_emit (self, signals[CHANGED], 0, TESSERA_CHANGE_RESET, TESSERA_CHANGE_UPDATED,
                   (gint64) 0, (gint64) 0);
  else
    for (guint i = 0; i < pending->len; i++)
      {
        TesseraPendingChange *c = &g_array_index (pending, TesseraPendingChange, i);

        g_signal_emit (self, signals[CHANGED], 0, c->kind, c->action, c->document_id, c->object_id);
      }
  g_object_unref (self);
}

void
_tessera_project_changed (TesseraProject      *self,
                          TesseraChangeKind    kind,
                          TesseraChangeAction  action,
                          gint64               document_id,
                          gint64               object_id)
{
  TesseraPendingChange change = { kind, action, document_id, object_id };

  if (self->tx_depth == 0)
    {
      g_signal_emit (self, signals[CHANGED], 0, kind, action, document_id, object_id);
      return;
    }

  if (self->pending_reset)
    return;

  if (kind == TESSERA_CHANGE_RESET || self->pending->len >= MAX_PENDING_CHANGES)
    {
      self->pending_reset = TRUE;
      g_array_set_size (self->pending, 0);
      return;
    }

  g_array_append_val (self->pending, change);
}

/* Savepoints nest under one name (RELEASE and ROLLBACK TO act on the
 * newest), so their statements are prepared once: an import opens one
 * per document. */
static gboolean
run_cached (TesseraProject  *self,
            const char      *sql,
            GError         **error)
{
  g_auto(TesseraStmt) stmt = _tessera_project_stmt (self, sql, error);

  return stmt != NULL && _tessera_project_step_done (self, stmt, error);
}

gboolean
tessera_project_begin (TesseraProject  *self,
                       GError         **error)
{
  guint mark;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);

  if (!_tessera_project_ensure_writable (self, error))
    return FALSE;

  if (self->tx_depth == 0)
    {
      /* IMMEDIATE: take the write lock now rather than fail half-way. */
      if (!_tessera_project_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
    }
  else if (!run_cached (self, "SAVEPOINT tessera", error))
    return FALSE;

  mark = self->pending->len;
  g_array_append_val (self->savepoint_marks, mark);
  self->tx_depth++;

  return TRUE;
}

gboolean
tessera_project_commit (TesseraProject  *self,
                        GError         **error)
{
  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (self->tx_depth == 1)
    {
      if (!_tessera_project_exec (self, "COMMIT", error))
        {
          tessera_project_rollback (self);
          return FALSE;
        }
      self->tx_depth = 0;
      g_array_set_size (self->savepoint_marks, 0);
      emit_pending (self);
      return TRUE;
    }

  if (!run_cached (self, "RELEASE tessera", error))
    {
      tessera_project_rollback (self);
      return FALSE;
    }
  self->tx_depth--;
  g_array_set_size (self->savepoint_marks, self->tx_depth);

  return TRUE;
}

void
tessera_project_rollback (TesseraProject *self)
{
  guint mark;

  g_return_if_fail (TESSERA_IS_PROJECT (self));
  g_return_if_fail (self->tx_depth > 0);

  if (self->db == NULL)
    return;

  mark = g_array_index (self->savepoint_marks, guint, self->tx_depth - 1);

  if (self->tx_depth == 1)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_array_set_size (self->pending, 0);
      self->pending_reset = FALSE;
    }
  else
    {
      sqlite3_exec (self->db, "ROLLBACK TO tessera; RELEASE tessera", NULL, NULL, NULL);
      /* A reset cannot be partly undone; it stays and costs a reload. */
      if (!self->pending_reset && mark <= self->pending->len)
        g_array_set_size (self->pending, mark);
    }

  self->tx_depth--;
  g_array_set_size (self->savepoint_marks, self->tx_depth);

  /* Labels and annotators may have been added by the rolled-back work. */
  _tessera_project_load_schema (self, NULL);
  _tessera_project_load_annotators (self, NULL);
}

gboolean
_tessera_project_end (TesseraProject  *self,
                      gboolean         ok,
                      GError         **error)
{
  if (!ok)
    {
      tessera_project_rollback (self);
      return FALSE;
    }

  return tessera_project_commit (self, error);
}

gboolean
_tessera_project_begin_unless_nested (TesseraProject  *self,
                                      gboolean        *began,
                                      GError         **error)
{
  *began = self->tx_depth == 0;

  return !*began || tessera_project_begin (self, error);
}

gboolean
_tessera_project_end_unless_nested (TesseraProject  *self,
                                    gboolean         began,
                                    gboolean         ok,
                                    GError         **error)
{
  return began ? _tessera_project_end (self, ok, error) : ok;
}

/* --- opening ---------------------------------------------------------- */

static char *
lock_key_for (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return NULL;

  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT,
                          (guint64) st.st_dev, (guint64) st.st_ino);
}

/* Takes an advisory lock that says "open for writing", without writing to
 * the file: a second writer, here or in another process, is refused with
 * a clear message. */
static gboolean
acquire_lock (TesseraProject  *self,
              GError         **error)
{
  g_autofree char *key = lock_key_for (self->path);
  LockEntry *entry;

  if (key == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot open %s: %s", self->path, g_strerror (saved_errno));
      return FALSE;
    }

  G_LOCK (locked_files);
  if (locked_files == NULL)
    locked_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  entry = g_hash_table_lookup (locked_files, key);
  if (entry != NULL && entry->pid != getpid ())
    {
      /* Not closed: that would drop the parent's locks in its child. */
      g_hash_table_remove (locked_files, key);
      entry = NULL;
    }
  if (entry != NULL && entry->held)
    {
      G_UNLOCK (locked_files);
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_LOCKED,
                   "%s is already open for writing in this program", self->path);
      return FALSE;
    }

  if (entry == NULL)
    {
      int fd = g_open (self->path, O_RDONLY | O_CLOEXEC, 0);

      if (fd < 0)
        {
          int saved_errno = errno;

          G_UNLOCK (locked_files);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Cannot open %s: %s", self->path, g_strerror (saved_errno));
          return FALSE;
        }
      entry = g_new0 (LockEntry, 1);
      entry->fd = fd;
      entry->pid = getpid ();
      g_hash_table_insert (locked_files, g_strdup (key), entry);
    }

  if (flock (entry->fd, LOCK_EX | LOCK_NB) != 0)
    {
      G_UNLOCK (locked_files);
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_LOCKED,
                   "%s is open for writing in another program (another Tessera window or "
                   "tessera-cli); close it there first", self->path);
      return FALSE;
    }

  entry->held = TRUE;
  G_UNLOCK (locked_files);

  self->lock_key = g_steal_pointer (&key);

  return TRUE;
}

static gboolean
query_int (TesseraProject  *self,
           const char      *sql,
           gint64          *value,
           int             *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc_out)
    *rc_out = rc;

  return rc == SQLITE_OK;
}

static gboolean
run_quick_check (TesseraProject  *self,
                 GPtrArray       *problems,
                 GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL) != SQLITE_OK)
    {
      _tessera_project_set_sqlite_error (self, error, "Checking the project");
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (line != NULL && !g_str_equal (line, "ok"))
        g_ptr_array_add (problems, g_strdup (line));
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
                   "%s is damaged: %s", self->path, sqlite3_errmsg (self->db));
      return FALSE;
    }

  return TRUE;
}

static gboolean
migrate (TesseraProject  *self,
         gint64           from,
         int              to,
         GError         **error)
{
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", to);

  if (!_tessera_project_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (gint64 v = from; v < to; v++)
    {
      if (!_tessera_project_exec (self, migrations[v], error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          g_prefix_error (error, "Upgrading %s from format %" G_GINT64_FORMAT ": ", self->path, v);
          return FALSE;
        }
    }

  if (!_tessera_project_exec (self, set_version, error) ||
      !_tessera_project_exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

static gboolean
configure_connection (TesseraProject  *self,
                      GError         **error)
{
  sqlite3_busy_timeout (self->db, 5000);

  if (!_tessera_project_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !_tessera_project_exec (self, "PRAGMA cache_size = -32000", error) ||
      !_tessera_project_exec (self, "PRAGMA temp_store = MEMORY", error))
    return FALSE;

  if (!self->read_only)
    {
      /* FULL: a commit is on disk when the call returns (DESIGN.md §2). */
      if (!_tessera_project_exec (self, "PRAGMA journal_mode = WAL", error) ||
          !_tessera_project_exec (self, "PRAGMA synchronous = FULL", error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  /* WAL needs to create its side files next to the project. */
  return g_access (path, W_OK) == 0 && g_access (dir, W_OK) == 0;
}

static gboolean
open_database (TesseraProject  *self,
               gboolean         create,
               GError         **error)
{
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  int rc;

  /* A writable file opened read-only on request is opened for writing
   * with query_only set, so that closing it can tidy the WAL side files. */
  flags |= self->read_only && !is_writable (self->path) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (create)
    flags |= SQLITE_OPEN_CREATE;

  rc = sqlite3_open_v2 (self->path, &self->db, flags, NULL);
  if (rc != SQLITE_OK && self->read_only)
    {
      /* A WAL file in a folder we cannot write to: read it as it is. */
      g_autofree char *uri = NULL;
      g_autofree char *escaped = g_uri_escape_string (self->path, "/", FALSE);

      sqlite3_close_v2 (self->db);
      self->db = NULL;
      uri = g_strdup_printf ("file:%s?immutable=1", escaped);
      rc = sqlite3_open_v2 (uri, &self->db, flags, NULL);
    }

  if (rc != SQLITE_OK)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, "Cannot open %s: %s",
                   self->path, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (self->db);
      self->db = NULL;
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, 1);

  if (self->read_only && sqlite3_exec (self->db, "PRAGMA query_only = ON", NULL, NULL, NULL) != SQLITE_OK)
    {
      _tessera_project_set_sqlite_error (self, error, "Opening read-only");
      return FALSE;
    }

  return TRUE;
}

TesseraProject *
tessera_project_open (const char        *path,
                      TesseraOpenFlags   flags,
                      GError           **error)
{
  g_autoptr(TesseraProject) self = NULL;
  gint64 app_id = 0;
  gint64 version = 0;
  int rc = SQLITE_OK;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND, "%s does not exist", path);
      return NULL;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_A_PROJECT,
                   "%s is not a Tessera project (not a regular file)", path);
      return NULL;
    }

  self = g_object_new (TESSERA_TYPE_PROJECT, NULL);
  self->path = g_strdup (path);
  self->read_only = (flags & TESSERA_OPEN_READ_ONLY) != 0 || !is_writable (path);

  if (!self->read_only && !acquire_lock (self, error))
    return NULL;

  if (!open_database (self, FALSE, error))
    return NULL;

  /* Read only until the file is known to be ours and not too new, so a
   * refused file is left untouched. */
  if (!query_int (self, "PRAGMA application_id", &app_id, &rc) || app_id != TESSERA_APPLICATION_ID)
    {
      if (rc == SQLITE_NOTADB || (rc & 0xff) == SQLITE_NOTADB)
        g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_A_PROJECT,
                     "%s is not a Tessera project (not an SQLite database)", path);
      else if (rc != SQLITE_OK)
        g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, "Cannot read %s: %s",
                     path, sqlite3_errmsg (self->db));
      else
        g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_A_PROJECT,
                     "%s is not a Tessera project (an SQLite database of another program)", path);
      return NULL;
    }

  if (!query_int (self, "PRAGMA user_version", &version, NULL))
    {
      _tessera_project_set_sqlite_error (self, error, "Reading the project version");
      return NULL;
    }
  if (version > TESSERA_SCHEMA_VERSION)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_TOO_NEW,
                   "%s was written by a newer version of Tessera (project format %" G_GINT64_FORMAT
                   "; this version reads up to %d). Update Tessera to open it.",
                   path, version, TESSERA_SCHEMA_VERSION);
      return NULL;
    }

  if (!(flags & TESSERA_OPEN_SKIP_CHECK))
    {
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

      if (!run_quick_check (self, problems, error))
        return NULL;
      if (problems->len > 0)
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
                       "%s is damaged: %s", path, (const char *) g_ptr_array_index (problems, 0));
          return NULL;
        }
    }

  if (version < TESSERA_SCHEMA_VERSION && self->read_only)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_READ_ONLY,
                   "%s is from an older version of Tessera and must be upgraded, "
                   "but it is read-only", path);
      return NULL;
    }

  if (!configure_connection (self, error))
    return NULL;

  if (version < TESSERA_SCHEMA_VERSION && !migrate (self, version, TESSERA_SCHEMA_VERSION, error))
    return NULL;

  if (!_tessera_project_load_schema (self, error) ||
      !_tessera_project_load_annotators (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

static gboolean
write_meta (TesseraProject  *self,
            const char      *key,
            const char      *value,
            GError         **error)
{
  static const char sql[] = "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)";
  g_auto(TesseraStmt) stmt = _tessera_project_stmt (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  _tessera_bind_text (stmt, 1, key);
  _tessera_bind_text (stmt, 2, value);

  return _tessera_project_step_done (self, stmt, error);
}

static TesseraProject *
create_file (const char  *path,
             int          version,
             const char  *schema_json,
             GError     **error)
{
  g_autoptr(TesseraProject) self = NULL;
  g_autoptr(TesseraSchemaDef) def = NULL;
  g_autofree char *app_id = g_strdup_printf ("PRAGMA application_id = %d", TESSERA_APPLICATION_ID);
  g_autofree char *name = NULL;
  g_autofree char *created = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GStatBuf st;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) == 0 && st.st_size > 0)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_EXISTS,
                   "%s already exists; choose another name or open it", path);
      return NULL;
    }

  def = schema_json ? tessera_schema_def_parse (schema_json, -1, error) : tessera_schema_def_default ();
  if (def == NULL)
    return NULL;

  self = g_object_new (TESSERA_TYPE_PROJECT, NULL);
  self->path = g_strdup (path);

  if (!open_database (self, TRUE, error) || !acquire_lock (self, error))
    {
      g_unlink (path);
      return NULL;
    }

  ok = _tessera_project_exec (self, app_id, error) &&
       configure_connection (self, error) &&
       migrate (self, 0, version, error) &&
       tessera_project_begin (self, error);
  if (ok)
    {
      name = g_path_get_basename (path);
      if (g_str_has_suffix (name, ".tessera"))
        name[strlen (name) - strlen (".tessera")] = '\0';
      created = g_date_time_format_iso8601 (now);
      ok = write_meta (self, "name", name, error) &&
           write_meta (self, "created", created, error) &&
           write_meta (self, "tool_version", PACKAGE_VERSION, error) &&
           _tessera_project_apply_schema (self, def, error);
      ok = _tessera_project_end (self, ok, error);
    }

  if (!ok || !_tessera_project_load_annotators (self, error))
    {
      tessera_project_close (self);
      g_unlink (path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

TesseraProject *
tessera_project_create (const char  *path,
                        const char  *schema_json,
                        GError     **error)
{
  return create_file (path, TESSERA_SCHEMA_VERSION, schema_json, error);
}

gboolean
_tessera_project_create_at_version (const char  *path,
                                    int          version,
                                    GError     **error)
{
  g_autoptr(TesseraProject) self = NULL;

  g_return_val_if_fail (version >= 1 && version <= TESSERA_SCHEMA_VERSION, FALSE);

  self = create_file (path, version, NULL, error);

  return self != NULL;
}

const char *
tessera_project_get_path (TesseraProject *self)
{
  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);

  return self->path;
}

gboolean
tessera_project_get_read_only (TesseraProject *self)
{
  g_return_val_if_fail (TESSERA_IS_PROJECT (self), TRUE);

  return self->read_only;
}

char *
tessera_project_dup_name (TesseraProject *self)
{
  static const char sql[] = "SELECT value FROM meta WHERE key = 'name'";
  g_auto(TesseraStmt) stmt = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);

  stmt = _tessera_project_stmt (self, sql, NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return g_path_get_basename (self->path);

  return _tessera_column_dup (stmt, 0);
}

gboolean
tessera_project_set_name (TesseraProject  *self,
                          const char      *name,
                          GError         **error)
{
  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!_tessera_project_ensure_writable (self, error))
    return FALSE;

  if (!write_meta (self, "name", name, error))
    return FALSE;

  _tessera_project_changed (self, TESSERA_CHANGE_SCHEMA, TESSERA_CHANGE_UPDATED, 0, 0);

  return TRUE;
}

/* --- annotators ------------------------------------------------------- */

static void
remember_annotator (TesseraProject *self,
                    gint64          id,
                    const char     *name)
{
  char *key = g_strdup (name);
  gint64 *value = g_new (gint64, 1);

  *value = id;
  g_hash_table_insert (self->annotator_ids, key, value);
  g_hash_table_insert (self->annotator_names, value, key);
}

gboolean
_tessera_project_load_annotators (TesseraProject  *self,
                                  GError         **error)
{
  static const char sql[] = "SELECT id, name FROM annotator";
  g_auto(TesseraStmt) stmt = _tessera_project_stmt (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  g_hash_table_remove_all (self->annotator_names);
  g_hash_table_remove_all (self->annotator_ids);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    remember_annotator (self, sqlite3_column_int64 (stmt, 0),
                        (const char *) sqlite3_column_text (stmt, 1));

  return TRUE;
}

void
tessera_project_set_annotator (TesseraProject *self,
                               const char     *name)
{
  g_return_if_fail (TESSERA_IS_PROJECT (self));

  g_free (self->annotator);
  self->annotator = g_strdup (name && *name ? name : g_get_user_name ());
}

gint64
tessera_project_get_annotator_id (TesseraProject  *self,
                                  const char      *name,
                                  GError         **error)
{
  static const char sql[] = "INSERT INTO annotator (name) VALUES (?1)";
  g_auto(TesseraStmt) stmt = NULL;
  gint64 *known;
  gint64 id;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  if ((known = g_hash_table_lookup (self->annotator_ids, name)))
    return *known;

  if (!_tessera_project_ensure_writable (self, error))
    return 0;

  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return 0;
  _tessera_bind_text (stmt, 1, name);
  if (!_tessera_project_step_done (self, stmt, error))
    return 0;

  id = sqlite3_last_insert_rowid (self->db);
  /* A rollback reloads the cache, so an id that was never committed is
   * forgotten again. */
  remember_annotator (self, id, name);

  return id;
}

gint64
tessera_project_get_current_annotator_id (TesseraProject  *self,
                                          GError         **error)
{
  g_return_val_if_fail (TESSERA_IS_PROJECT (self), 0);

  return tessera_project_get_annotator_id (self, self->annotator, error);
}

const char *
tessera_project_get_annotator_name (TesseraProject *self,
                                    gint64          id)
{
  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);

  return g_hash_table_lookup (self->annotator_names, &id);
}

/* --- integrity -------------------------------------------------------- */

gboolean
tessera_project_check (TesseraProject  *self,
                       GPtrArray      **problems,
                       GError         **error)
{
  static const char fk_sql[] = "PRAGMA foreign_key_check";
  static const char span_sql[] =
    "SELECT s.id, d.uid, s.start, s.\"end\", d.n_chars, l.id"
    " FROM span s JOIN document d ON d.id = s.document_id"
    " LEFT JOIN label l ON l.id = s.label_id"
    " WHERE s.start < 0 OR s.\"end\" > d.n_chars OR s.start >= s.\"end\" OR l.id IS NULL";
  static const char text_sql[] =
    "SELECT d.uid, d.n_chars, d.sha256, t.text FROM document d"
    " LEFT JOIN document_text t ON t.document_id = d.id";
  static const char event_sql[] =
    "SELECT e.id, d.uid, e.realis, e.confirmation FROM event e JOIN document d ON d.id = e.document_id";
  static const char cross_sql[] =
    "SELECT 'event', e.id FROM event e JOIN span s ON s.id = e.trigger_span_id WHERE s.document_id != e.document_id"
    " UNION ALL SELECT 'argument', a.event_id FROM event_argument a JOIN event e ON e.id = a.event_id"
    "   JOIN span s ON s.id = a.span_id WHERE s.document_id != e.document_id"
    " UNION ALL SELECT 'stance', t.id FROM stance t JOIN span s ON s.id = t.span_id WHERE s.document_id != t.document_id";
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  const TesseraAttribute *realis;
  const TesseraAttribute *confirmation;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);

  if (!run_quick_check (self, found, error))
    return FALSE;

  {
    g_auto(TesseraStmt) fk = _tessera_project_stmt (self, fk_sql, error);

    if (fk == NULL)
      return FALSE;
    while (sqlite3_step (fk) == SQLITE_ROW)
      g_ptr_array_add (found, g_strdup_printf ("table %s row %" G_GINT64_FORMAT " refers to a missing %s",
                                               sqlite3_column_text (fk, 0),
                                               (gint64) sqlite3_column_int64 (fk, 1),
                                               sqlite3_column_text (fk, 2)));
  }

  {
    g_auto(TesseraStmt) spans = _tessera_project_stmt (self, span_sql, error);

    if (spans == NULL)
      return FALSE;
    while (sqlite3_step (spans) == SQLITE_ROW)
      {
        if (sqlite3_column_type (spans, 5) == SQLITE_NULL)
          g_ptr_array_add (found, g_strdup_printf ("document %s: span %" G_GINT64_FORMAT " has an unknown label",
                                                   sqlite3_column_text (spans, 1),
                                                   (gint64) sqlite3_column_int64 (spans, 0)));
        else
          g_ptr_array_add (found, g_strdup_printf ("document %s: span %" G_GINT64_FORMAT " at %" G_GINT64_FORMAT
                                                   "–%" G_GINT64_FORMAT " is outside its text (%" G_GINT64_FORMAT
                                                   " code points)",
                                                   sqlite3_column_text (spans, 1),
                                                   (gint64) sqlite3_column_int64 (spans, 0),
                                                   (gint64) sqlite3_column_int64 (spans, 2),
                                                   (gint64) sqlite3_column_int64 (spans, 3),
                                                   (gint64) sqlite3_column_int64 (spans, 4)));
      }
  }

  {
    g_auto(TesseraStmt) texts = _tessera_project_stmt (self, text_sql, error);

    if (texts == NULL)
      return FALSE;
    while (sqlite3_step (texts) == SQLITE_ROW)
      {
        const char *uid = (const char *) sqlite3_column_text (texts, 0);
        const char *text = (const char *) sqlite3_column_text (texts, 3);
        gsize len = sqlite3_column_bytes (texts, 3);
        g_autofree char *sha = NULL;

        if (text == NULL)
          {
            g_ptr_array_add (found, g_strdup_printf ("document %s has no text", uid));
            continue;
          }
        if (!g_utf8_validate_len (text, len, NULL))
          {
            g_ptr_array_add (found, g_strdup_printf ("document %s: text is not valid UTF-8", uid));
            continue;
          }
        sha = tessera_text_sha256 (text, len);
        if (tessera_text_n_chars (text, len) != sqlite3_column_int64 (texts, 1) ||
            g_strcmp0 (sha, (const char *) sqlite3_column_text (texts, 2)) != 0)
          g_ptr_array_add (found, g_strdup_printf ("document %s: text changed since import "
                                                   "(length or checksum differs)", uid));
      }
  }

  realis = tessera_project_get_attribute (self, "realis");
  confirmation = tessera_project_get_attribute (self, "confirmation");
  {
    g_auto(TesseraStmt) events = _tessera_project_stmt (self, event_sql, error);

    if (events == NULL)
      return FALSE;
    while (sqlite3_step (events) == SQLITE_ROW)
      {
        const char *r = (const char *) sqlite3_column_text (events, 2);
        const char *c = (const char *) sqlite3_column_text (events, 3);

        if (!tessera_attribute_has_value (realis, r) || !tessera_attribute_has_value (confirmation, c))
          g_ptr_array_add (found, g_strdup_printf ("document %s: event %" G_GINT64_FORMAT
                                                   " has realis \"%s\" / confirmation \"%s\" "
                                                   "that the schema does not allow",
                                                   sqlite3_column_text (events, 1),
                                                   (gint64) sqlite3_column_int64 (events, 0), r, c));
      }
  }

  {
    g_auto(TesseraStmt) cross = _tessera_project_stmt (self, cross_sql, error);

    if (cross == NULL)
      return FALSE;
    while (sqlite3_step (cross) == SQLITE_ROW)
      g_ptr_array_add (found, g_strdup_printf ("%s %" G_GINT64_FORMAT " uses a span of another document",
                                               sqlite3_column_text (cross, 0),
                                               (gint64) sqlite3_column_int64 (cross, 1)));
  }

  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return TRUE;
}
