/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-project"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tessera-project-private.h"

/* The files of a project: the write lock, and the side files SQLite keeps
 * beside the project (-wal, -shm), or a private copy of them where it
 * cannot. */

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

/* --- the write lock ----------------------------------------------------- */

static char *
lock_key_for (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return NULL;

  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT,
                          (guint64) st.st_dev, (guint64) st.st_ino);
}

/* Whether a project object of this process holds @path for writing: its
 * -wal is then the one that object writes, already verified. */
gboolean
_tessera_held_for_writing_here (const char *path)
{
  g_autofree char *key = lock_key_for (path);
  LockEntry *entry;
  gboolean held;

  if (key == NULL)
    return FALSE;

  G_LOCK (locked_files);
  entry = locked_files ? g_hash_table_lookup (locked_files, key) : NULL;
  held = entry != NULL && entry->held && entry->pid == getpid ();
  G_UNLOCK (locked_files);

  return held;
}

void
_tessera_project_release_lock (TesseraProject *self)
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

/* Takes an advisory lock that says "open for writing", without writing to
 * the file: a second writer, here or in another process, is refused with
 * a clear message. */
gboolean
_tessera_project_acquire_lock (TesseraProject  *self,
              GError         **error)
{
  g_autofree char *key = lock_key_for (self->path);
  LockEntry *entry;

  if (key == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: the project file, then the system's reason. */
                   _("Cannot open %s: %s"), self->path, g_strerror (saved_errno));
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
                   _("%s is already open for writing in this program"), self->path);
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
                       _("Cannot open %s: %s"), self->path, g_strerror (saved_errno));
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
                   _("%s is open for writing in another program (another Tessera window or "
                      "tessera-cli); close it there first"), self->path);
      return FALSE;
    }

  entry->held = TRUE;
  G_UNLOCK (locked_files);

  self->lock_key = g_steal_pointer (&key);

  return TRUE;
}

/* --- files beside the project -------------------------------------------- */

char *
_tessera_side_file (const char *path,
           const char *suffix)
{
  return g_strconcat (path, suffix, NULL);
}

/* Size of @path, -1 when it does not exist. */
gint64
_tessera_file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : -1;
}

gboolean
_tessera_is_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  /* WAL needs to create its side files next to the project. */
  return g_access (path, W_OK) == 0 && g_access (dir, W_OK) == 0;
}

char *
_tessera_immutable_uri (const char *path)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

  return g_strdup_printf ("file:%s?immutable=1", escaped);
}

/* Copies the project and its -wal into a folder of our own, where SQLite
 * can make the -shm it needs to read the -wal. */
gboolean
_tessera_project_make_private_copy (TesseraProject  *self,
                   GError         **error)
{
  static const char * const suffixes[] = { "", "-wal" };
  g_autofree char *name = g_path_get_basename (self->path);
  g_autoptr(GError) local_error = NULL;

  if (!(self->private_dir = g_dir_make_tmp ("tessera-read-XXXXXX", &local_error)))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_READ_ONLY,
                   /* Translators: the project file, then the reason. The -wal is the file
                    * beside the project that holds its latest changes. */
                   _("%s is in a read-only folder beside its -wal, and there is no room to read "
                      "a copy of them: %s"), self->path, local_error->message);
      return FALSE;
    }
  self->db_path = g_build_filename (self->private_dir, name, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from_path = _tessera_side_file (self->path, suffixes[i]);
      g_autofree char *to_path = _tessera_side_file (self->db_path, suffixes[i]);
      g_autoptr(GFile) from = g_file_new_for_path (from_path);
      g_autoptr(GFile) to = g_file_new_for_path (to_path);

      if (!g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &local_error))
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_READ_ONLY,
                       /* Translators: the project file, then the reason. The -wal is the file
                        * beside the project that holds its latest changes. */
                       _("%s is in a read-only folder beside its -wal, and reading a copy of "
                          "them failed: %s"), self->path, local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

void
_tessera_project_remove_private_copy (TesseraProject *self)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  if (self->private_dir == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = _tessera_side_file (self->db_path, suffixes[i]);

      g_unlink (path);
    }
  g_rmdir (self->private_dir);
  g_clear_pointer (&self->private_dir, g_free);
}
