/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-project"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "tessera-project-private.h"

/* Opening a project never harms it (DESIGN.md §8):
 *
 * - A writer takes an advisory lock, so there is one writer at a time.
 * - Read-only opens use SQLITE_OPEN_READONLY, which writes neither the
 *   project nor its -wal; in a read-only folder they read the file alone
 *   (immutable) when there is no -wal, or a private copy of both.
 * - No connection checkpoints on its own: automatic checkpoints and the
 *   checkpoint on close are off, and this file runs them only once the
 *   project is verified (quick_check through the -wal) and the -wal is
 *   known to be the project's own.
 * - That last point is the -wal's generation. The first write after a
 *   checkpoint emptied the -wal records meta "generation" (new, random)
 *   and "previous_generation" (the one the file had). A -wal replays
 *   onto a file only when what it holds names the file's generation as
 *   its previous one, or, when the checkpoint already copied that row
 *   into the file, both agree. Another project's -wal, or a crashed
 *   session's -wal beside a restored backup, fails that test and is
 *   refused with both files left exactly as they were. */

/* Frames after which a commit checkpoints (SQLite's own default). */
#define CHECKPOINT_FRAMES 1000

/* --- the connection ------------------------------------------------------ */

typedef struct
{
  char *generation;
  char *previous;
} Generation;

static void
generation_clear (Generation *g)
{
  g_clear_pointer (&g->generation, g_free);
  g_clear_pointer (&g->previous, g_free);
}

static void
set_stray_wal_error (TesseraProject  *self,
                     GError         **error)
{
  g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_STRAY_WAL,
               "%s-wal, beside %s, holds changes that do not belong to this project: it was left "
               "by another project, or by a session from before this copy of the project was "
               "restored. Nothing was read or written. To open the project as it is, move %s-wal "
               "(and %s-shm, if there is one) to another folder; keep them if the changes may "
               "matter, since they can only be read with the file they belong to.",
               self->path, self->path, self->path, self->path);
}

/* "Cannot open": the reason in words, not "disk I/O error". */
static void
set_open_error (TesseraProject  *self,
                sqlite3         *db,
                int              rc,
                GError         **error)
{
  int sys_errno = db ? sqlite3_system_errno (db) : 0;

  if (sys_errno == ENOSPC || (rc & 0xff) == SQLITE_FULL)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED,
                 "Cannot open %s: the disk is full (SQLite needs room beside the project for "
                 "its -wal and -shm files); free some space and try again", self->path);
  else if (sys_errno == EROFS)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_READ_ONLY,
                 "Cannot open %s: it is on a read-only file system", self->path);
  else if (sys_errno == EACCES || sys_errno == EPERM)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_READ_ONLY,
                 "Cannot open %s: permission denied", self->path);
  else if ((rc & 0xff) == SQLITE_NOTADB)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_A_PROJECT,
                 "%s is not a Tessera project (not an SQLite database)", self->path);
  else if ((rc & 0xff) == SQLITE_CORRUPT)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
                 "%s is damaged: %s", self->path, db ? _tessera_errmsg (db) : sqlite3_errstr (rc));
  else if (sys_errno != 0)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, "Cannot open %s: %s (%s)",
                 self->path, db ? _tessera_errmsg (db) : sqlite3_errstr (rc), g_strerror (sys_errno));
  else
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, "Cannot open %s: %s",
                 self->path, db ? _tessera_errmsg (db) : sqlite3_errstr (rc));
}

static int
on_wal_commit (void       *data,
               sqlite3    *db,
               const char *name,
               int         n_frames)
{
  TesseraProject *self = data;

  self->wal_frames = n_frames;
  /* A commit outside tessera_project_begin(); the others checkpoint in
   * tessera_project_commit(), once the transaction is over. */
  if (self->tx_depth == 0)
    _tessera_project_after_commit (self);

  return SQLITE_OK;
}

/* Opens @uri and reads from it, so that a file that cannot be read
 * fails here. Checkpoints are ours alone (see the top of this file). */
static int
connect (const char  *uri,
         int          flags,
         sqlite3    **db_out)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (uri, &db, flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      sqlite3_wal_autocheckpoint (db, 0);
      sqlite3_busy_timeout (db, 5000);
      rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        rc = sqlite3_extended_errcode (db);
    }

  *db_out = db;
  return rc;
}

static int read_file_generation (const char *path, Generation *out);

/* The connection could not read the project. With a -wal beside it that
 * the file alone does not need, the -wal is the culprit. */
static void
set_connect_error (TesseraProject  *self,
                   sqlite3         *db,
                   int              rc,
                   GError         **error)
{
  g_autofree char *wal = _tessera_side_file (self->db_path, "-wal");
  Generation file = { 0 };

  if (((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB) &&
      _tessera_file_size (wal) > 0 && read_file_generation (self->db_path, &file) == SQLITE_OK)
    {
      generation_clear (&file);
      set_stray_wal_error (self, error);
      return;
    }

  set_open_error (self, db, rc, error);
}

/* Read-only: SQLITE_OPEN_READONLY never writes the project or its -wal.
 * In a read-only folder SQLite cannot make the -shm it reads a -wal
 * through: then read the file alone when there is no -wal, or a private
 * copy of both. */
static gboolean
open_read_only (TesseraProject  *self,
                GError         **error)
{
  g_autofree char *wal = _tessera_side_file (self->path, "-wal");
  sqlite3 *db = NULL;
  int rc;

  self->db_path = g_strdup (self->path);
  rc = connect (self->path, SQLITE_OPEN_READONLY, &db);
  if (rc == SQLITE_OK)
    {
      self->db = db;
      return TRUE;
    }

  if ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN ||
      (rc & 0xff) == SQLITE_IOERR)
    {
      g_autofree char *uri = NULL;

      sqlite3_close_v2 (db);
      db = NULL;
      g_clear_pointer (&self->db_path, g_free);

      if (_tessera_file_size (wal) > 0)
        {
          if (!_tessera_project_make_private_copy (self, error))
            return FALSE;
          rc = connect (self->db_path, SQLITE_OPEN_READONLY, &db);
        }
      else
        {
          self->db_path = g_strdup (self->path);
          self->immutable = TRUE;
          uri = _tessera_immutable_uri (self->path);
          rc = connect (uri, SQLITE_OPEN_READONLY, &db);
        }
      if (rc == SQLITE_OK)
        {
          self->db = db;
          return TRUE;
        }
    }

  set_connect_error (self, db, rc, error);
  sqlite3_close_v2 (db);
  return FALSE;
}

static gboolean
open_for_writing (TesseraProject  *self,
                  gboolean         create,
                  GError         **error)
{
  sqlite3 *db = NULL;
  int rc;

  self->db_path = g_strdup (self->path);
  rc = connect (self->path, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0), &db);
  if (rc != SQLITE_OK)
    {
      set_connect_error (self, db, rc, error);
      sqlite3_close_v2 (db);
      return FALSE;
    }

  self->db = db;
  sqlite3_wal_hook (self->db, on_wal_commit, self);

  return TRUE;
}

static gboolean configure_connection (TesseraProject *self, GError **error);

TesseraProject *
_tessera_project_open_worker (TesseraProject  *self,
                              GError         **error)
{
  g_autoptr(TesseraProject) worker = g_object_new (TESSERA_TYPE_PROJECT, NULL);

  g_assert (!self->read_only && !self->in_memory && self->lock_key != NULL);

  /* The same file, verified and locked by @self: the worker inherits
   * both (and never releases the lock: it has no lock_key). */
  worker->path = g_strdup (self->path);
  worker->integrity = self->integrity;
  worker->need_new_generation = self->need_new_generation;
  if (!open_for_writing (worker, FALSE, error) ||
      !configure_connection (worker, error) ||
      !_tessera_project_load_schema (worker, error) ||
      !_tessera_project_load_annotators (worker, error))
    return NULL;
  tessera_project_set_annotator (worker, self->annotator);

  return g_steal_pointer (&worker);
}

sqlite3 *
_tessera_project_open_reader (TesseraProject  *self,
                              GError         **error)
{
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;
  int rc;

  if (self->in_memory || self->db_path == NULL)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED,
                   "%s is read in memory; it has no file to read again", self->path);
      return NULL;
    }

  uri = self->immutable ? _tessera_immutable_uri (self->db_path) : g_strdup (self->db_path);
  rc = connect (uri, SQLITE_OPEN_READONLY, &db);
  if (rc != SQLITE_OK)
    {
      set_open_error (self, db, rc, error);
      sqlite3_close_v2 (db);
      return NULL;
    }

  return db;
}

/* --- whose -wal ---------------------------------------------------------- */

/* Reads the generation marks (NULL: none, as in a project from before
 * they existed); returns the SQLite result code. */
static int
read_generation (sqlite3    *db,
                 Generation *out)
{
  static const char sql[] =
    "SELECT key, value FROM meta WHERE key IN ('generation', 'previous_generation')";
  sqlite3_stmt *stmt = NULL;
  int rc;

  generation_clear (out);
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      char **field = g_strcmp0 (key, "generation") == 0 ? &out->generation : &out->previous;

      g_free (*field);
      *field = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      rc = SQLITE_OK;
    }
  if (rc == SQLITE_DONE)
    rc = SQLITE_OK;
  if (rc != SQLITE_OK)
    rc = sqlite3_extended_errcode (db);
  /* No meta table: a file whose creation is still in its -wal, or
   * another program's database (refused later, knowing that). */
  if (rc == SQLITE_ERROR && strstr (_tessera_errmsg (db), "no such table") != NULL)
    rc = SQLITE_OK;
  sqlite3_finalize (stmt);

  return rc;
}

/* The marks of the project file alone, without its -wal. */
static int
read_file_generation (const char *path,
                      Generation *out)
{
  g_autofree char *uri = _tessera_immutable_uri (path);
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      rc = read_generation (db, out);
    }
  sqlite3_close_v2 (db);

  return rc;
}

static gboolean
wal_belongs (const Generation *file,
             const Generation *through_wal)
{
  /* The -wal was written onto this file... */
  if (g_strcmp0 (through_wal->previous, file->generation) == 0)
    return TRUE;
  /* ...or a checkpoint already copied its marks into the file. */
  return g_strcmp0 (through_wal->generation, file->generation) == 0 &&
         g_strcmp0 (through_wal->previous, file->previous) == 0;
}

/* See the top of this file. Sets *check_needed when the file alone
 * cannot be read (a crash in the middle of a checkpoint can leave it
 * so): then only a full quick_check through the -wal vouches for it. */
static gboolean
verify_wal_owner (TesseraProject  *self,
                  gboolean        *check_needed,
                  GError         **error)
{
  g_autofree char *wal = _tessera_side_file (self->db_path, "-wal");
  Generation file = { 0 };
  Generation through_wal = { 0 };
  gboolean belongs = FALSE;
  int file_rc = SQLITE_OK;
  int wal_rc = SQLITE_OK;

  *check_needed = FALSE;
  /* A reader beside this process's own writer reads the -wal that
   * writer verified and writes. */
  if (self->immutable || _tessera_file_size (wal) <= 0 ||
      (self->lock_key == NULL && _tessera_held_for_writing_here (self->path)))
    return TRUE;

  /* A checkpoint by the project's writer, in another process, can be
   * half-way through the file while it is read here: look again. */
  for (guint attempt = 0; attempt < 4 && !belongs; attempt++)
    {
      if (attempt > 0)
        g_usleep (25 * 1000 * attempt);
      wal_rc = read_generation (self->db, &through_wal);
      file_rc = read_file_generation (self->db_path, &file);
      belongs = wal_rc == SQLITE_OK && file_rc == SQLITE_OK && wal_belongs (&file, &through_wal);
    }

  generation_clear (&file);
  generation_clear (&through_wal);

  if (belongs)
    return TRUE;

  if (file_rc != SQLITE_OK && wal_rc == SQLITE_OK)
    {
      *check_needed = TRUE;
      return TRUE;
    }

  if (file_rc != SQLITE_OK)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
                   "%s is damaged: it cannot be read, with or without %s-wal beside it",
                   self->path, self->path);
      return FALSE;
    }

  set_stray_wal_error (self, error);
  return FALSE;
}

/* --- checkpoints and generations ----------------------------------------- */

static gboolean
may_checkpoint (TesseraProject *self)
{
  return self->db != NULL && !self->read_only && !self->in_memory && !self->lent &&
         self->integrity == TESSERA_INTEGRITY_OK && self->tx_depth == 0;
}

/* Returns whether the -wal is now wholly in the file. */
static gboolean
checkpoint (TesseraProject  *self,
            int              mode,
            GError         **error)
{
  int n_log = 0;
  int n_done = 0;
  int rc;

  if (!may_checkpoint (self))
    return FALSE;

  rc = sqlite3_wal_checkpoint_v2 (self->db, "main", mode, &n_log, &n_done);
  if (rc == SQLITE_BUSY || (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    return FALSE;   /* a reader still needs part of the -wal: next time */
  if (rc != SQLITE_OK)
    {
      _tessera_project_set_sqlite_error (self, error, "Writing the -wal into the project");
      return FALSE;
    }

  self->wal_frames = n_log - n_done;
  if (n_log != n_done)
    return FALSE;

  /* The next write may start the -wal over: mark the new generation. */
  self->need_new_generation = TRUE;
  return TRUE;
}

gboolean
tessera_project_checkpoint (TesseraProject  *self,
                            GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);

  checkpoint (self, SQLITE_CHECKPOINT_PASSIVE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

void
_tessera_project_after_commit (TesseraProject *self)
{
  if (self->wal_frames >= CHECKPOINT_FRAMES)
    checkpoint (self, SQLITE_CHECKPOINT_PASSIVE, NULL);
}

char *
_tessera_new_generation (void)
{
  guint8 bytes[16];
  GString *name = g_string_sized_new (2 * sizeof bytes);

  /* From the kernel, not GLib's generator: a forked process shares its
   * parent's state, and two projects must never share a generation. */
  if (getrandom (bytes, sizeof bytes, 0) != (ssize_t) sizeof bytes)
    for (guint i = 0; i < sizeof bytes; i++)
      bytes[i] = g_random_int () ^ getpid () ^ g_get_monotonic_time ();

  for (guint i = 0; i < sizeof bytes; i++)
    g_string_append_printf (name, "%02x", bytes[i]);

  return g_string_free (name, FALSE);
}

gboolean
_tessera_project_mark_generation (TesseraProject  *self,
                                  GError         **error)
{
  static const char keep_sql[] =
    "INSERT OR REPLACE INTO meta (key, value)"
    " SELECT 'previous_generation', value FROM meta WHERE key = 'generation'";
  static const char new_sql[] = "INSERT OR REPLACE INTO meta (key, value) VALUES ('generation', ?1)";
  g_autofree char *generation = _tessera_new_generation ();
  g_auto(TesseraStmt) keep = NULL;
  g_auto(TesseraStmt) mark = NULL;

  g_assert (self->tx_depth <= 1 && self->need_new_generation);

  if (!(keep = _tessera_project_stmt (self, keep_sql, error)) ||
      sqlite3_step (keep) != SQLITE_DONE ||
      !(mark = _tessera_project_stmt (self, new_sql, error)))
    {
      _tessera_project_set_sqlite_error (self, error, "Writing to the project");
      return FALSE;
    }

  _tessera_bind_text (mark, 1, generation);
  if (sqlite3_step (mark) != SQLITE_DONE)
    {
      _tessera_project_set_sqlite_error (self, error, "Writing to the project");
      return FALSE;
    }

  return TRUE;
}

/* --- opening ------------------------------------------------------------- */

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
      else
        rc = sqlite3_extended_errcode (self->db);
    }
  else
    rc = sqlite3_extended_errcode (self->db);
  sqlite3_finalize (stmt);

  if (rc_out)
    *rc_out = rc;

  return rc == SQLITE_OK;
}

static gboolean
check_is_project (TesseraProject  *self,
                  gint64          *version,
                  GError         **error)
{
  gint64 app_id = 0;
  int rc = SQLITE_OK;

  /* Read only until the file is known to be ours and not too new, so a
   * refused file is left untouched. */
  if (!query_int (self, "PRAGMA application_id", &app_id, &rc))
    {
      set_open_error (self, self->db, rc, error);
      return FALSE;
    }
  if (app_id != TESSERA_APPLICATION_ID)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_A_PROJECT,
                   "%s is not a Tessera project (an SQLite database of another program)", self->path);
      return FALSE;
    }

  if (!query_int (self, "PRAGMA user_version", version, &rc))
    {
      set_open_error (self, self->db, rc, error);
      return FALSE;
    }
  if (*version > TESSERA_SCHEMA_VERSION)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_TOO_NEW,
                   "%s was written by a newer version of Tessera (project format %" G_GINT64_FORMAT
                   "; this version reads up to %d). Update Tessera to open it.",
                   self->path, *version, TESSERA_SCHEMA_VERSION);
      return FALSE;
    }
  if (*version < 1)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_A_PROJECT,
                   "%s is not a Tessera project (its format is unknown)", self->path);
      return FALSE;
    }

  return TRUE;
}

/* SQLite's quick_check or, with @full, integrity_check (which also
 * compares every index with its table: what an export would otherwise
 * read wrong without a word). */
static gboolean
check_file (TesseraProject  *self,
            gboolean         full,
            GError         **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *summary = NULL;

  if (!_tessera_run_integrity_pragma (self->db, self->path, full ? "integrity_check" : "quick_check",
                                      NULL, problems, error))
    return FALSE;

  if (problems->len > 0)
    {
      summary = _tessera_summarise_problems (problems);
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
                   "%s is damaged: %s (“tessera-cli check” lists everything found)",
                   self->path, summary);
      return FALSE;
    }

  self->integrity = TESSERA_INTEGRITY_OK;
  return TRUE;
}

/* An older format opened read-only: upgraded in a copy in memory, so it
 * reads as any project and the file stays as it is. */
static gboolean
upgrade_in_memory (TesseraProject  *self,
                   gint64           version,
                   GError         **error)
{
  sqlite3 *mem = NULL;
  sqlite3_backup *backup;
  int rc = sqlite3_open_v2 (":memory:", &mem, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc == SQLITE_OK && (backup = sqlite3_backup_init (mem, "main", self->db, "main")) != NULL)
    {
      sqlite3_backup_step (backup, -1);
      rc = sqlite3_backup_finish (backup);
    }
  else if (rc == SQLITE_OK)
    rc = sqlite3_errcode (mem);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED,
                   "%s is from an older version of Tessera (format %" G_GINT64_FORMAT ") and "
                   "reading it failed: %s. Open it once for writing (“tessera-cli upgrade %s”) "
                   "to upgrade it.", self->path, version, sqlite3_errstr (rc), self->path);
      sqlite3_close_v2 (mem);
      return FALSE;
    }

  sqlite3_close_v2 (self->db);
  self->db = mem;
  self->in_memory = TRUE;
  sqlite3_extended_result_codes (self->db, 1);

  return _tessera_project_migrate (self, version, TESSERA_SCHEMA_VERSION, error);
}

static gboolean
configure_connection (TesseraProject  *self,
                      GError         **error)
{
  /* 32 MB of pages for the connection that writes, which comes back to
   * the same pages (indexes, the full-text index, what the analyst
   * reads); SQLite's default 2 MB for readers, which pass over the file
   * once (listing, exporting, finding shared passages in a worker) and
   * would otherwise each fill 32 MB for nothing. */
  if (!_tessera_project_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !_tessera_project_exec (self, self->read_only ? "PRAGMA cache_size = -2000"
                                                    : "PRAGMA cache_size = -32000", error) ||
      !_tessera_project_exec (self, "PRAGMA temp_store = MEMORY", error))
    return FALSE;

  if (self->read_only)
    return _tessera_project_exec (self, "PRAGMA query_only = ON", error);

  /* FULL: a commit is on disk when the call returns (DESIGN.md §2). */
  return _tessera_project_exec (self, "PRAGMA journal_mode = WAL", error) &&
         _tessera_project_exec (self, "PRAGMA synchronous = FULL", error);
}

static gboolean
is_wal_mode (TesseraProject *self)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);

  return wal;
}

void
_tessera_project_verified (TesseraProject *self)
{
  g_autofree char *wal = NULL;

  if (self->read_only || self->in_memory)
    return;

  /* What an earlier session left in the -wal goes into the file now,
   * and the next write starts a new generation. */
  wal = _tessera_side_file (self->path, "-wal");
  if (_tessera_file_size (wal) <= 0)
    self->need_new_generation = TRUE;
  else
    checkpoint (self, SQLITE_CHECKPOINT_PASSIVE, NULL);
}

/* After a failed open for writing, the side files SQLite made and could
 * not fill (a full disk leaves a 3-byte -shm). */
static void
remove_new_side_files (const char *path,
                       gboolean    had_wal,
                       gboolean    had_shm)
{
  g_autofree char *wal = _tessera_side_file (path, "-wal");
  g_autofree char *shm = _tessera_side_file (path, "-shm");

  if (!had_wal && _tessera_file_size (wal) == 0)
    g_unlink (wal);
  if (!had_shm && _tessera_file_size (shm) >= 0 && _tessera_file_size (shm) < 32768)
    g_unlink (shm);
}

TesseraProject *
tessera_project_open (const char        *path,
                      TesseraOpenFlags   flags,
                      GError           **error)
{
  g_autoptr(TesseraProject) self = NULL;
  g_autofree char *wal = _tessera_side_file (path, "-wal");
  g_autofree char *shm = _tessera_side_file (path, "-shm");
  gboolean had_wal = _tessera_file_size (wal) >= 0;
  gboolean had_shm = _tessera_file_size (shm) >= 0;
  gint64 version = 0;
  gboolean check_needed = FALSE;
  gboolean skip;
  gboolean defer;

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
  /* SQLite would take an empty file for a new database, and delete a
   * -wal beside it. */
  if (_tessera_file_size (path) == 0)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_A_PROJECT,
                   "%s is not a Tessera project (the file is empty)", path);
      return NULL;
    }

  self = g_object_new (TESSERA_TYPE_PROJECT, NULL);
  self->path = g_strdup (path);
  self->read_only = (flags & TESSERA_OPEN_READ_ONLY) != 0 || !_tessera_is_writable (path);

  if (self->read_only)
    {
      if (!open_read_only (self, error))
        return NULL;
    }
  else if (!_tessera_project_acquire_lock (self, error))
    return NULL;
  else if (!open_for_writing (self, FALSE, error))
    {
      remove_new_side_files (path, had_wal, had_shm);
      return NULL;
    }

  if (!verify_wal_owner (self, &check_needed, error) ||
      !check_is_project (self, &version, error))
    return NULL;

  /* A write (an upgrade, WAL mode) waits for the check, whatever the flags. */
  /* Skipping is for read-only second connections; a write (an upgrade,
   * WAL mode) waits for the check whatever the flags. */
  skip = self->read_only && (flags & TESSERA_OPEN_SKIP_CHECK);
  defer = (flags & TESSERA_OPEN_DEFER_CHECK) && version == TESSERA_SCHEMA_VERSION &&
          (self->read_only || is_wal_mode (self));
  if ((check_needed || (!skip && !defer)) &&
      !check_file (self, (flags & TESSERA_OPEN_FULL_CHECK) != 0, error))
    return NULL;
  if (skip)
    self->integrity = TESSERA_INTEGRITY_OK;

  if (version < TESSERA_SCHEMA_VERSION)
    {
      if (self->read_only ? !upgrade_in_memory (self, version, error)
                          : !_tessera_project_migrate (self, version, TESSERA_SCHEMA_VERSION, error))
        return NULL;
    }

  if (!configure_connection (self, error) ||
      !_tessera_project_load_schema (self, error) ||
      !_tessera_project_load_annotators (self, error))
    return NULL;

  if (self->integrity == TESSERA_INTEGRITY_OK)
    _tessera_project_verified (self);

  return g_steal_pointer (&self);
}

void
tessera_project_close (TesseraProject *self)
{
  g_return_if_fail (TESSERA_IS_PROJECT (self));

  if (self->db != NULL)
    {
      if (self->tx_depth > 0)
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          self->tx_depth = 0;
        }

      g_hash_table_remove_all (self->stmts);

      /* The -wal wholly in the file: let SQLite's close remove it.
       * PASSIVE: a reader in another process must not hold up closing. */
      if (checkpoint (self, SQLITE_CHECKPOINT_PASSIVE, NULL))
        sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);

      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }

  /* After SQLite let go of its own locks (closing our descriptor would
   * otherwise drop its POSIX locks on the same file), and also when the
   * open failed half-way. */
  _tessera_project_release_lock (self);
  _tessera_project_remove_private_copy (self);
}

/* --- creating ------------------------------------------------------------ */

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
  g_autofree char *generation = NULL;
  g_autofree char *wal = _tessera_side_file (path, "-wal");
  g_autofree char *shm = _tessera_side_file (path, "-shm");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gboolean had_wal = _tessera_file_size (wal) >= 0;
  gboolean had_shm = _tessera_file_size (shm) >= 0;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);

  if (_tessera_file_size (path) > 0)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_EXISTS,
                   "%s already exists; choose another name or open it", path);
      return NULL;
    }
  /* A new file must not pick up what a -wal beside it holds. */
  if (had_wal && _tessera_file_size (wal) > 0)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_EXISTS,
                   "%s-wal already exists (left by another project); move it away or choose "
                   "another name", path);
      return NULL;
    }

  def = schema_json ? tessera_schema_def_parse (schema_json, -1, error) : tessera_schema_def_default ();
  if (def == NULL)
    return NULL;

  self = g_object_new (TESSERA_TYPE_PROJECT, NULL);
  self->path = g_strdup (path);

  if (!open_for_writing (self, TRUE, error) || !_tessera_project_acquire_lock (self, error))
    {
      g_clear_pointer (&self->db, sqlite3_close_v2);
      g_unlink (path);
      remove_new_side_files (path, had_wal, had_shm);
      return NULL;
    }
  /* Nothing to verify in a file made just now. */
  self->integrity = TESSERA_INTEGRITY_OK;

  ok = _tessera_project_exec (self, app_id, error) &&
       configure_connection (self, error) &&
       _tessera_project_migrate (self, 0, version, error) &&
       tessera_project_begin (self, error);
  if (ok)
    {
      name = g_path_get_basename (path);
      if (g_str_has_suffix (name, ".tessera"))
        name[strlen (name) - strlen (".tessera")] = '\0';
      created = g_date_time_format_iso8601 (now);
      generation = _tessera_new_generation ();
      ok = _tessera_project_write_meta (self, "name", name, error) &&
           _tessera_project_write_meta (self, "generation", generation, error) &&
           _tessera_project_write_meta (self, "created", created, error) &&
           _tessera_project_write_meta (self, "tool_version", PACKAGE_VERSION, error) &&
           _tessera_project_apply_schema (self, def, error);
      ok = _tessera_project_end (self, ok, error);
    }

  if (!ok || !_tessera_project_load_annotators (self, error))
    {
      tessera_project_close (self);
      g_unlink (path);
      remove_new_side_files (path, had_wal, had_shm);
      return NULL;
    }

  /* The file alone holds the new project from the start, with the
   * generation its first -wal will name. */
  checkpoint (self, SQLITE_CHECKPOINT_PASSIVE, NULL);

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
