/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-project"

#include "config.h"

#include <errno.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tessera-project-private.h"

/* Pages copied per step: small enough to cancel and report progress often. */
#define PAGES_PER_STEP 1024

static void
remove_with_side_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static gboolean
set_copy_error (sqlite3     *db,
                const char  *dest_path,
                int          rc,
                GError     **error)
{
  int sys_errno = db ? sqlite3_system_errno (db) : 0;

  if (sys_errno == ENOSPC || (rc & 0xff) == SQLITE_FULL)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED,
                 _("Copying to %s: the disk is full"), dest_path);
  else
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, _("Copying to %s: %s"),
                 dest_path, db ? _tessera_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

/* The copy is a project of its own: a -wal one of them leaves is never
 * taken for the other's (see tessera-project-open.c). WAL mode, a check
 * that the copy reads, and a checkpoint so that the file alone holds it. */
static gboolean
finish_copy (sqlite3     *dest,
             const char  *dest_path,
             GError     **error)
{
  g_autofree char *generation = _tessera_new_generation ();
  g_autofree char *sql = g_strdup_printf ("PRAGMA journal_mode = WAL;"
                                          "PRAGMA synchronous = FULL;"
                                          "BEGIN IMMEDIATE;"
                                          "DELETE FROM meta WHERE key = 'previous_generation';"
                                          "INSERT OR REPLACE INTO meta (key, value) VALUES ('generation', '%s');"
                                          "COMMIT;", generation);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if ((rc = sqlite3_exec (dest, sql, NULL, NULL, NULL)) != SQLITE_OK)
    return set_copy_error (dest, dest_path, rc, error);

  if (!_tessera_run_integrity_pragma (dest, dest_path, "quick_check", NULL, problems, error))
    return FALSE;
  if (problems->len > 0)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
                   _("The project is damaged (%s), and so would be a copy of it; save what can be "
                      "read into a new project instead"), (const char *) g_ptr_array_index (problems, 0));
      return FALSE;
    }

  if ((rc = sqlite3_wal_checkpoint_v2 (dest, "main", SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL)) != SQLITE_OK)
    return set_copy_error (dest, dest_path, rc, error);

  return TRUE;
}

/* Puts the finished copy in place without replacing a file that appeared
 * there meanwhile. */
static gboolean
move_into_place (const char  *tmp_path,
                 const char  *dest_path,
                 GError     **error)
{
  if (link (tmp_path, dest_path) == 0)
    {
      g_unlink (tmp_path);
      return TRUE;
    }

  if (errno == EEXIST)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_EXISTS,
                 _("%s already exists; choose another name"), dest_path);
  /* File systems without hard links. */
  else if (!g_file_test (dest_path, G_FILE_TEST_EXISTS) && g_rename (tmp_path, dest_path) == 0)
    return TRUE;
  else
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED,
                 /* Translators: the file being written, then the reason. */
                 _("Copying to %s: %s"), dest_path, g_strerror (errno));

  return FALSE;
}

/* Copies @src (read in one transaction, so the copy is one consistent
 * state even while the project is being written) to @dest_path. */
static gboolean
copy_database (sqlite3             *src,
               const char          *dest_path,
               GCancellable        *cancellable,
               TesseraProgressFunc  progress,
               gpointer             progress_data,
               GError             **error)
{
  g_autofree char *dir = g_path_get_dirname (dest_path);
  g_autofree char *base = g_path_get_basename (dest_path);
  g_autofree char *tmp_name = g_strdup_printf (".%s.%08x.partial", base, g_random_int ());
  g_autofree char *tmp_path = g_build_filename (dir, tmp_name, NULL);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup = NULL;
  gboolean ok = FALSE;
  int rc;

  if (g_file_test (dest_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_EXISTS,
                   _("%s already exists; choose another name"), dest_path);
      return FALSE;
    }

  rc = sqlite3_open_v2 (tmp_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_copy_error (dest, dest_path, rc, error);
      goto out;
    }
  sqlite3_extended_result_codes (dest, 1);

  if ((rc = sqlite3_exec (src, "BEGIN; SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL)) != SQLITE_OK)
    {
      /* Translators: %s is SQLite's message (in English). */
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, _("Reading the project: %s"),
                   _tessera_errmsg (src));
      goto out;
    }

  if (!(backup = sqlite3_backup_init (dest, "main", src, "main")))
    {
      set_copy_error (dest, dest_path, sqlite3_errcode (dest), error);
      goto end_read;
    }

  do
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto end_read;

      rc = sqlite3_backup_step (backup, PAGES_PER_STEP);
      if (progress != NULL)
        {
          int total = sqlite3_backup_pagecount (backup);

          progress (total - sqlite3_backup_remaining (backup), total, progress_data);
        }
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  rc = sqlite3_backup_finish (backup);
  backup = NULL;
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_CORRUPT)
        g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
                     _("The project is damaged (%s), and so would be a copy of it; save what can be "
                        "read into a new project instead"), sqlite3_errstr (rc));
      else
        set_copy_error (dest, dest_path, rc, error);
      goto end_read;
    }

  ok = TRUE;

end_read:
  g_clear_pointer (&backup, sqlite3_backup_finish);
  sqlite3_exec (src, "ROLLBACK", NULL, NULL, NULL);

out:
  ok = ok && finish_copy (dest, dest_path, error);
  if (sqlite3_close (dest) != SQLITE_OK && ok)
    ok = set_copy_error (NULL, dest_path, SQLITE_BUSY, error);
  ok = ok && move_into_place (tmp_path, dest_path, error);
  if (!ok)
    remove_with_side_files (tmp_path);

  return ok;
}

gboolean
tessera_project_backup (TesseraProject       *self,
                        const char           *dest_path,
                        GCancellable         *cancellable,
                        TesseraProgressFunc   progress,
                        gpointer              progress_data,
                        GError              **error)
{
  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);
  /* A copy inside a transaction would hold work not yet committed. */
  g_return_val_if_fail (self->tx_depth == 0, FALSE);

  if (self->db == NULL)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, _("The project is closed"));
      return FALSE;
    }

  return copy_database (self->db, dest_path, cancellable, progress, progress_data, error);
}

typedef struct
{
  sqlite3 *src;
  char    *dest_path;
} BackupJob;

static void
backup_job_free (BackupJob *job)
{
  sqlite3_close_v2 (job->src);
  g_free (job->dest_path);
  g_free (job);
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BackupJob *job = task_data;
  GError *error = NULL;

  if (copy_database (job->src, job->dest_path, cancellable, NULL, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
tessera_project_backup_async (TesseraProject      *self,
                              const char          *dest_path,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  BackupJob *job;

  g_return_if_fail (TESSERA_IS_PROJECT (self));
  g_return_if_fail (dest_path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_project_backup_async);

  /* Upgraded in memory: nothing to read again in a thread, and small. */
  if (self->in_memory)
    {
      if (tessera_project_backup (self, dest_path, cancellable, NULL, NULL, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      return;
    }

  job = g_new0 (BackupJob, 1);
  job->dest_path = g_strdup (dest_path);
  g_task_set_task_data (task, job, (GDestroyNotify) backup_job_free);

  /* A connection of its own reads the last committed state; the
   * project's stays with this thread and can go on writing. */
  if (!(job->src = _tessera_project_open_reader (self, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_run_in_thread (task, backup_thread);
}

gboolean
tessera_project_backup_finish (TesseraProject  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
