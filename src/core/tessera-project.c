/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-project"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "tessera-project-private.h"

G_DEFINE_FINAL_TYPE (TesseraProject, tessera_project, G_TYPE_OBJECT)

enum {
  CHANGED,
  CHANGES_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Changes queued in one transaction beyond this become one RESET. */
#define MAX_PENDING_CHANGES 512

static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}

static void
tessera_project_finalize (GObject *object)
{
  TesseraProject *self = TESSERA_PROJECT (object);

  tessera_project_close (self);

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->retired, g_ptr_array_unref);
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
                  TESSERA_TYPE_CHANGE_KIND, TESSERA_TYPE_CHANGE_ACTION, G_TYPE_INT64, G_TYPE_INT64);

  /**
   * TesseraProject::changes-done:
   *
   * Emitted after the "changed" emissions of one commit: what follows
   * the project can patch itself change by change and tell its own
   * followers once (TesseraOpenDocument does).
   */
  signals[CHANGES_DONE] =
    g_signal_new ("changes-done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
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
  self->retired = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
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

  /* Callers mark @what with N_(). */
  what = g_dgettext (GETTEXT_PACKAGE, what);
  if (code == SQLITE_READONLY || (code & 0xff) == SQLITE_READONLY)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_READ_ONLY,
                 /* Translators: what was being done ("Adding a span"), then the
                  * project file. */
                 _("%s: %s is read-only"), what, self->path);
  else if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
                 /* Translators: the project file, what was being done ("Adding a
                  * span"), then SQLite's message (in English). */
                 _("%s is damaged (%s: %s); “tessera-cli check” tells more"),
                 self->path, what, _tessera_errmsg (self->db));
  else if ((code & 0xff) == SQLITE_BUSY)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_LOCKED,
                 /* Translators: what was being done ("Adding a span"), then the
                  * project file. */
                 _("%s: %s is busy in another process"), what, self->path);
  else
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_SQLITE,
                 _("%s: %s"), what, self->db ? _tessera_errmsg (self->db) : _("project is closed"));
}

sqlite3_stmt *
_tessera_project_stmt (TesseraProject  *self,
                       const char      *sql,
                       GError         **error)
{
  sqlite3_stmt *stmt;

  if (self->db == NULL)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, _("The project is closed"));
      return NULL;
    }

  stmt = g_hash_table_lookup (self->stmts, sql);
  if (stmt != NULL)
    return stmt;

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      const char *message = _tessera_errmsg (self->db);

      /* The statements are the program's own, written for this format: a
       * table or a column they name that is not there is a damaged
       * schema (a flipped byte can rename a column), not a mistake. */
      if ((sqlite3_errcode (self->db) & 0xff) == SQLITE_ERROR &&
          (g_str_has_prefix (message, "no such column") || g_str_has_prefix (message, "no such table")))
        g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
                     /* Translators: the project file, what was being done ("Adding a
                      * span"), then SQLite's message (in English). */
                     _("%s is damaged (%s: %s); “tessera-cli check” tells more"),
                     self->path, _("Preparing a query"), message);
      else
        _tessera_project_set_sqlite_error (self, error, N_("Preparing a query"));
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
  int rc;

  /* A write on its own that is the first of a new -wal generation:
   * marked in one transaction with it, so a failure changes nothing. */
  if (self->tx_depth == 0 && self->need_new_generation && !sqlite3_stmt_readonly (stmt))
    {
      gboolean ok = tessera_project_begin (self, error) &&
                    _tessera_project_step_done (self, stmt, error);

      return _tessera_project_end (self, ok, error);
    }

  rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _tessera_project_set_sqlite_error (self, error, N_("Writing to the project"));
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
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, _("The project is closed"));
      return FALSE;
    }

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      _tessera_project_set_sqlite_error (self, error, N_("Updating the project"));
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

const char *
_tessera_errmsg (sqlite3 *db)
{
  const char *message = sqlite3_errmsg (db);
  g_autofree char *made_valid = NULL;

  if (g_utf8_validate (message, -1, NULL))
    return message;

  /* Rare (a damaged file), so keeping each such message is cheap. */
  made_valid = g_utf8_make_valid (message, -1);
  return g_intern_string (made_valid);
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
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, _("The project is closed"));
      return FALSE;
    }
  if (self->read_only)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_READ_ONLY,
                   _("%s is open read-only"), self->path);
      return FALSE;
    }
  if (self->integrity == TESSERA_INTEGRITY_DAMAGED)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
                   _("%s is damaged, so nothing more is written to it; save what can be read "
                      "into a new project"), self->path);
      return FALSE;
    }
  if (self->lent)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_BUSY,
                   _("%s is busy with long work (an import, tagging all occurrences); "
                      "it can be changed again once that is done"), self->path);
      return FALSE;
    }
  if (self->integrity != TESSERA_INTEGRITY_OK)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_VERIFIED,
                   _("%s is still being checked; it can be changed once the check has passed"),
                   self->path);
      return FALSE;
    }

  return TRUE;
}

gboolean
_tessera_project_next_row (TesseraProject  *self,
                           sqlite3_stmt    *stmt,
                           gboolean        *failed,
                           GError         **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;

  if (rc != SQLITE_DONE && !*failed)
    {
      *failed = TRUE;
      _tessera_project_set_sqlite_error (self, error, N_("reading the project"));
    }

  return FALSE;
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
  if (reset || pending->len > 0)
    g_signal_emit (self, signals[CHANGES_DONE], 0);
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
      g_object_ref (self);
      g_signal_emit (self, signals[CHANGED], 0, kind, action, document_id, object_id);
      g_signal_emit (self, signals[CHANGES_DONE], 0);
      g_object_unref (self);
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
      if (self->need_new_generation && !_tessera_project_mark_generation (self, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
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
      self->schema_touched = FALSE;
      self->need_new_generation = FALSE;
      g_array_set_size (self->savepoint_marks, 0);
      emit_pending (self);
      _tessera_project_after_commit (self);
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

  /* Labels and annotators the rolled-back work wrote are gone again. */
  if (self->schema_touched)
    {
      _tessera_project_load_schema (self, NULL);
      _tessera_project_load_annotators (self, NULL);
      self->schema_touched = self->tx_depth > 0;
    }
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

  return self->read_only || self->integrity == TESSERA_INTEGRITY_DAMAGED;
}

gboolean
_tessera_project_write_meta (TesseraProject  *self,
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

  if (!_tessera_project_write_meta (self, "name", name, error))
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
  gboolean failed = FALSE;

  if (stmt == NULL)
    return FALSE;

  g_hash_table_remove_all (self->annotator_names);
  g_hash_table_remove_all (self->annotator_ids);

  while (_tessera_project_next_row (self, stmt, &failed, error))
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      if (name == NULL || !g_utf8_validate (name, -1, NULL))
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
                       _("%s is damaged: annotator %" PRId64 " has no readable name "
                          "(“tessera-cli check” tells more)"), self->path,
                       (gint64) sqlite3_column_int64 (stmt, 0));
          return FALSE;
        }
      remember_annotator (self, sqlite3_column_int64 (stmt, 0), name);
    }

  return !failed;
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
  self->schema_touched = TRUE;
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

static int
compare_annotator_names (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  TesseraProject *self = user_data;

  return g_utf8_collate (tessera_project_get_annotator_name (self, *(const gint64 *) a),
                         tessera_project_get_annotator_name (self, *(const gint64 *) b));
}

GArray *
tessera_project_list_annotators (TesseraProject *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), ids);

  g_hash_table_iter_init (&iter, self->annotator_ids);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_append_val (ids, *(gint64 *) value);
  g_array_sort_with_data (ids, compare_annotator_names, self);
  return ids;
}

guint
tessera_project_get_n_annotators (TesseraProject *self)
{
  g_return_val_if_fail (TESSERA_IS_PROJECT (self), 0);

  return g_hash_table_size (self->annotator_ids);
}

gint64
tessera_project_find_annotator (TesseraProject *self,
                                const char     *name)
{
  const gint64 *id;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  id = g_hash_table_lookup (self->annotator_ids, name);
  return id != NULL ? *id : 0;
}

const char *
tessera_project_get_annotator_name (TesseraProject *self,
                                    gint64          id)
{
  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);

  return g_hash_table_lookup (self->annotator_names, &id);
}
