/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-project"

#include "config.h"

#include <errno.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tessera-project-private.h"

/* Saving what can be read of a damaged project into a new one. The
 * damaged file is attached read-only to the new project's connection and
 * copied table by table, a thousand rows at a time, and row by row where
 * a chunk meets damage; then whatever lost what it stood on (a span whose
 * document is gone, an event whose trigger is) goes too, and the counters
 * and the full-text index are made again. Nothing is written to the
 * damaged file. */

#define CHUNK 1000

/* Parents before children; the columns are the same on both sides (the
 * same format). Keys are rowids, so a range is one b-tree walk. */
static const struct
{
  const char *table;
  const char *key;      /* NULL: a WITHOUT ROWID table, copied whole */
  const char *what;     /* for the report */
  gint64      since;    /* the format that brought it, when later than 5 */
} tables[] = {
  { "annotator", "id", NULL },
  { "label", "id", NULL },
  { "label_role", NULL, NULL },
  { "attribute", "id", NULL },
  { "document", "id", "documents" },
  { "document_text", "document_id", NULL },
  { "span", "id", "spans" },
  { "event", "id", "events" },
  { "event_argument", NULL, NULL },
  { "stance", "id", "stances" },
  { "cluster", "id", "clusters" },
  { "cluster_member", "rowid", NULL },
  { "rejected_suggestion", NULL, NULL },
  { "coded_override", NULL, NULL, 6 },
};

/* What lost its footing goes; what only pointed at something lost (a
 * stance's holder or target) keeps the rest. */
static const char cleanup_sql[] =
  "DELETE FROM document WHERE id NOT IN (SELECT document_id FROM document_text);"
  "DELETE FROM document_text WHERE document_id NOT IN (SELECT id FROM document);"
  "DELETE FROM span WHERE document_id NOT IN (SELECT id FROM document)"
  "  OR label_id NOT IN (SELECT id FROM label)"
  "  OR \"end\" > (SELECT n_chars FROM document d WHERE d.id = span.document_id);"
  "UPDATE span SET annotator_id = NULL WHERE annotator_id NOT IN (SELECT id FROM annotator);"
  "DELETE FROM event WHERE trigger_span_id NOT IN (SELECT id FROM span)"
  "  OR type_label_id NOT IN (SELECT id FROM label)"
  "  OR document_id NOT IN (SELECT id FROM document);"
  "UPDATE event SET annotator_id = NULL WHERE annotator_id NOT IN (SELECT id FROM annotator);"
  "DELETE FROM event_argument WHERE event_id NOT IN (SELECT id FROM event)"
  "  OR span_id NOT IN (SELECT id FROM span) OR role_label_id NOT IN (SELECT id FROM label);"
  "DELETE FROM stance WHERE span_id NOT IN (SELECT id FROM span)"
  "  OR label_id NOT IN (SELECT id FROM label) OR document_id NOT IN (SELECT id FROM document);"
  "UPDATE stance SET holder_span_id = NULL WHERE holder_span_id NOT IN (SELECT id FROM span);"
  "UPDATE stance SET target_span_id = NULL WHERE target_span_id NOT IN (SELECT id FROM span);"
  "UPDATE stance SET target_event_id = NULL WHERE target_event_id NOT IN (SELECT id FROM event);"
  "UPDATE stance SET annotator_id = NULL WHERE annotator_id NOT IN (SELECT id FROM annotator);"
  "DELETE FROM label_role WHERE event_label_id NOT IN (SELECT id FROM label)"
  "  OR role_label_id NOT IN (SELECT id FROM label);"
  "DELETE FROM cluster_member WHERE cluster_id NOT IN (SELECT id FROM cluster)"
  "  OR (span_id IS NOT NULL AND span_id NOT IN (SELECT id FROM span))"
  "  OR (event_id IS NOT NULL AND event_id NOT IN (SELECT id FROM event));"
  "DELETE FROM rejected_suggestion WHERE document_id NOT IN (SELECT id FROM document)"
  "  OR label_id NOT IN (SELECT id FROM label);"
  "UPDATE rejected_suggestion SET annotator_id = NULL WHERE annotator_id NOT IN (SELECT id FROM annotator);"
  "DELETE FROM coded_override WHERE cluster_id NOT IN (SELECT id FROM cluster);"
  "UPDATE coded_override SET annotator_id = NULL WHERE annotator_id NOT IN (SELECT id FROM annotator);"
  "UPDATE document SET n_spans = (SELECT count(*) FROM span WHERE span.document_id = document.id),"
  "  n_suggested = (SELECT count(*) FROM span WHERE span.document_id = document.id AND span.suggested != 0);"
  "INSERT INTO document_fts (document_fts) VALUES ('rebuild');";

typedef struct
{
  sqlite3   *db;        /* the new project's connection, "damaged" attached */
  GPtrArray *problems;
  guint      unreadable;
} Salvage;

static gboolean
exec_sql (Salvage     *s,
          const char  *sql,
          GError     **error)
{
  if (sqlite3_exec (s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      /* Translators: %s is SQLite's message (in English). */
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, _("Saving what can be read: %s"),
                   _tessera_errmsg (s->db));
      return FALSE;
    }
  return TRUE;
}

static gboolean
exec_with_text (Salvage     *s,
                const char  *sql,
                const char  *text,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (s->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, _("Saving what can be read: %s"),
                   _tessera_errmsg (s->db));
      return FALSE;
    }
  return TRUE;
}

/* Runs @sql with @a and @b bound; FALSE when the damaged file could not
 * be read there. */
static gboolean
copy_range (Salvage    *s,
            const char *sql,
            gint64      a,
            gint64      b)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (s->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, a);
      sqlite3_bind_int64 (stmt, 2, b);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE;
}

/* The integer @sql returns (0 for NULL), or -1 when it cannot be read. */
static gint64
query_int (Salvage    *s,
           const char *sql,
           const char *arg)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (s->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      (arg == NULL || sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC) == SQLITE_OK) &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* The highest key to try: the table's last row, or where damage hides
 * it, the AUTOINCREMENT counter; failing both, a bound. */
static gint64
max_key (Salvage    *s,
         const char *table,
         const char *key)
{
  g_autofree char *sql = g_strdup_printf ("SELECT max(%s) FROM damaged.%s", key, table);
  gint64 max = query_int (s, sql, NULL);

  if (max >= 0 || (max = query_int (s, "SELECT seq FROM damaged.sqlite_sequence WHERE name = ?1", table)) >= 0)
    return max;

  g_ptr_array_add (s->problems, g_strdup_printf ("the %s table could not be read to its end", table));
  return 100000;
}

static gint64
damaged_version (Salvage *s)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version = TESSERA_SCHEMA_VERSION;

  if (sqlite3_prepare_v2 (s->db, "PRAGMA damaged.user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return version;
}

static void
copy_table (Salvage      *s,
            guint         t,
            GCancellable *cancellable)
{
  const char *table = tables[t].table;
  const char *key = tables[t].key;
  g_autofree char *sql = NULL;
  gint64 max;

  /* A project of an older format has no table for what came later. */
  if (tables[t].since > 0 && damaged_version (s) < tables[t].since)
    return;

  if (key == NULL)
    {
      sql = g_strdup_printf ("INSERT OR IGNORE INTO main.%s SELECT * FROM damaged.%s", table, table);
      if (!copy_range (s, sql, 0, 0))
        g_ptr_array_add (s->problems, g_strdup_printf ("the %s table could not be read", table));
      return;
    }

  /* rowid tables: "rowid" names the hidden column, which SELECT * leaves out. */
  sql = g_strdup_printf ("INSERT OR IGNORE INTO main.%s%s SELECT %s* FROM damaged.%s"
                         " WHERE %s BETWEEN ?1 AND ?2",
                         table, g_str_equal (key, "rowid") ? " (rowid, cluster_id, span_id, event_id)" : "",
                         g_str_equal (key, "rowid") ? "rowid, " : "", table, key);
  max = max_key (s, table, key);

  for (gint64 a = 0; a <= max && !g_cancellable_is_cancelled (cancellable); a += CHUNK)
    {
      if (copy_range (s, sql, a, a + CHUNK - 1))
        continue;
      for (gint64 id = a; id < a + CHUNK && id <= max; id++)
        if (!copy_range (s, sql, id, id))
          s->unreadable++;
    }
}

static gint64
count_rows (sqlite3    *db,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM main.%s", table);
  sqlite3_stmt *stmt = NULL;
  gint64 n = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

static char *
summarise (Salvage *s)
{
  g_autoptr(GString) summary = g_string_new ("Saved");

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    if (tables[t].what != NULL)
      g_string_append_printf (summary, "%s %" G_GINT64_FORMAT " %s",
                              summary->len > 5 ? "," : "", count_rows (s->db, tables[t].table), tables[t].what);
  if (s->unreadable > 0)
    g_string_append_printf (summary, "; %u rows could not be read", s->unreadable);

  return g_string_free (g_steal_pointer (&summary), FALSE);
}

gboolean
tessera_project_salvage (TesseraProject  *self,
                         const char      *dest_path,
                         GCancellable    *cancellable,
                         char           **summary,
                         GPtrArray      **problems,
                         GError         **error)
{
  g_autoptr(TesseraProject) dest = NULL;
  g_autofree char *source_uri = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *generation = _tessera_new_generation ();
  Salvage s = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (self->in_memory || self->db_path == NULL)
    return tessera_project_backup (self, dest_path, cancellable, NULL, NULL, error);

  /* An empty project of the current format; its default labels make way
   * for the damaged project's own. */
  if (!(dest = tessera_project_create (dest_path, NULL, error)))
    return FALSE;

  s.db = dest->db;
  s.problems = g_ptr_array_new_with_free_func (g_free);

  escaped = g_uri_escape_string (self->db_path, "/", FALSE);
  source_uri = g_strdup_printf ("file:%s?mode=ro%s", escaped, self->immutable ? "&immutable=1" : "");
  if (!exec_sql (&s, "PRAGMA foreign_keys = OFF", error) ||
      !exec_with_text (&s, "ATTACH ?1 AS damaged", source_uri, error) ||
      !exec_sql (&s, "BEGIN IMMEDIATE;"
                     "DELETE FROM main.label_role; DELETE FROM main.label;"
                     "DELETE FROM main.attribute; DELETE FROM main.meta;", error))
    goto out;

  if (!copy_range (&s, "INSERT OR IGNORE INTO main.meta SELECT * FROM damaged.meta", 0, 0))
    g_ptr_array_add (s.problems, g_strdup ("the project's settings could not be read"));
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    copy_table (&s, t, cancellable);

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !exec_sql (&s, cleanup_sql, error) ||
      /* A project of its own (see tessera-project-open.c). */
      !exec_sql (&s, "DELETE FROM main.meta WHERE key = 'previous_generation'", error) ||
      !exec_with_text (&s, "INSERT OR REPLACE INTO main.meta (key, value) VALUES ('generation', ?1)",
                       generation, error) ||
      !exec_sql (&s, "COMMIT", error))
    goto out;

  ok = exec_sql (&s, "DETACH damaged", error) &&
       exec_sql (&s, "PRAGMA foreign_keys = ON", error) &&
       _tessera_project_load_schema (dest, error) &&
       _tessera_project_load_annotators (dest, error);

out:
  if (!ok)
    {
      sqlite3_exec (s.db, "ROLLBACK", NULL, NULL, NULL);
      tessera_project_close (dest);
      g_unlink (dest_path);
    }
  else
    {
      if (summary != NULL)
        *summary = summarise (&s);
      tessera_project_close (dest);
      if (problems != NULL)
        *problems = g_ptr_array_ref (s.problems);
    }
  g_clear_pointer (&s.problems, g_ptr_array_unref);

  return ok;
}

typedef struct
{
  char *dest_path;
  char *summary;
} SalvageJob;

static void
salvage_job_free (SalvageJob *job)
{
  g_free (job->dest_path);
  g_free (job->summary);
  g_free (job);
}

static void
salvage_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SalvageJob *job = task_data;
  GError *error = NULL;

  /* Reads only the project's path: the damaged file gets a connection
   * of its own, attached to the new project's. */
  if (tessera_project_salvage (source_object, job->dest_path, cancellable, &job->summary, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
tessera_project_salvage_async (TesseraProject      *self,
                               const char          *dest_path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SalvageJob *job;

  g_return_if_fail (TESSERA_IS_PROJECT (self));
  g_return_if_fail (dest_path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_project_salvage_async);
  job = g_new0 (SalvageJob, 1);
  job->dest_path = g_strdup (dest_path);
  g_task_set_task_data (task, job, (GDestroyNotify) salvage_job_free);

  if (self->in_memory)
    salvage_thread (task, self, job, cancellable);
  else
    g_task_run_in_thread (task, salvage_thread);
}

gboolean
tessera_project_salvage_finish (TesseraProject  *self,
                                GAsyncResult    *result,
                                char           **summary,
                                GError         **error)
{
  SalvageJob *job;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  job = g_task_get_task_data (G_TASK (result));
  if (summary != NULL)
    *summary = g_steal_pointer (&job->summary);

  return TRUE;
}
