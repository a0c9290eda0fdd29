/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-project"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tessera-project-private.h"
#include "tessera-text.h"

static int
interrupt_when_cancelled (void *data)
{
  return g_cancellable_is_cancelled (data);
}

gboolean
_tessera_run_integrity_pragma (sqlite3       *db,
                               const char    *path,
                               const char    *pragma,
                               GCancellable  *cancellable,
                               GPtrArray     *problems,
                               GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", pragma);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (cancellable != NULL)
    sqlite3_progress_handler (db, 10000, interrupt_when_cancelled, cancellable);

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (line != NULL && !g_str_equal (line, "ok"))
        g_ptr_array_add (problems, g_strdup (line));
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_DONE)
    rc = sqlite3_extended_errcode (db);
  sqlite3_finalize (stmt);

  if (cancellable != NULL)
    sqlite3_progress_handler (db, 0, NULL, NULL);

  if (rc == SQLITE_DONE)
    return TRUE;

  if ((rc & 0xff) == SQLITE_INTERRUPT && g_cancellable_is_cancelled (cancellable))
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CANCELLED, _("Checking %s was cancelled"), path);
  else
    /* SQLite gives up on some damage before it can list it. */
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
                 /* Translators: the project file, then what SQLite found (in English). */
                 _("%s is damaged: %s"), path, _tessera_errmsg (db));
  return FALSE;
}

char *
_tessera_summarise_problems (GPtrArray *problems)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  /* SQLite puts several findings in one row, after a header line. */
  for (guint i = 0; i < problems->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (problems, i), "\n", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        if (*parts[j] != '\0' && !g_str_has_prefix (parts[j], "*** "))
          g_ptr_array_add (lines, g_strdup (parts[j]));
    }

  if (lines->len == 0)
    return g_strdup ("SQLite found damage it could not describe");
  if (lines->len == 1)
    return g_strdup (g_ptr_array_index (lines, 0));

  return g_strdup_printf ("%s, and %u more problems", (const char *) g_ptr_array_index (lines, 0),
                          lines->len - 1);
}

/* --- the deferred check --------------------------------------------------- */

TesseraIntegrity
tessera_project_get_integrity (TesseraProject *self)
{
  g_return_val_if_fail (TESSERA_IS_PROJECT (self), TESSERA_INTEGRITY_UNKNOWN);

  return self->integrity;
}

/* Applies what quick_check found (@error is never NULL: it holds why the
 * check could not run). A check that could not run leaves the project
 * unverified (it may be cancelled and run again), unless it failed on
 * damage. */
static gboolean
apply_verdict (TesseraProject  *self,
               gboolean         ran,
               GPtrArray       *found,
               GPtrArray      **problems,
               GError         **error)
{
  if (ran && found->len == 0)
    {
      self->integrity = TESSERA_INTEGRITY_OK;
      _tessera_project_verified (self);
      return TRUE;
    }

  if (ran || g_error_matches (*error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT))
    {
      self->integrity = TESSERA_INTEGRITY_DAMAGED;
      if (ran)
        {
          g_autofree char *summary = _tessera_summarise_problems (found);

          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT, _("%s is damaged: %s"),
                       self->path, summary);
        }
    }

  if (problems != NULL)
    *problems = g_ptr_array_ref (found);

  return FALSE;
}

gboolean
tessera_project_verify (TesseraProject  *self,
                        GCancellable    *cancellable,
                        GPtrArray      **problems,
                        GError         **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  gboolean ran;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (problems != NULL)
    *problems = NULL;

  if (self->integrity == TESSERA_INTEGRITY_OK)
    return TRUE;
  if (self->db == NULL)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, _("The project is closed"));
      return FALSE;
    }

  ran = _tessera_run_integrity_pragma (self->db, self->path, "quick_check", cancellable, found,
                                       &local_error);
  ran = apply_verdict (self, ran, found, problems, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return ran;
}

typedef struct
{
  sqlite3   *db;
  char      *path;
  GPtrArray *found;
} VerifyJob;

static void
verify_job_free (VerifyJob *job)
{
  sqlite3_close_v2 (job->db);
  g_free (job->path);
  g_clear_pointer (&job->found, g_ptr_array_unref);
  g_free (job);
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  VerifyJob *job = task_data;
  GError *error = NULL;

  if (_tessera_run_integrity_pragma (job->db, job->path, "quick_check", cancellable, job->found, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
tessera_project_verify_async (TesseraProject      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  VerifyJob *job;

  g_return_if_fail (TESSERA_IS_PROJECT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_project_verify_async);

  if (self->integrity == TESSERA_INTEGRITY_OK)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  job = g_new0 (VerifyJob, 1);
  job->path = g_strdup (self->path);
  job->found = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, job, (GDestroyNotify) verify_job_free);

  /* A connection of its own: the project's belongs to this thread. */
  if (!(job->db = _tessera_project_open_reader (self, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_run_in_thread (task, verify_thread);
}

gboolean
tessera_project_verify_finish (TesseraProject  *self,
                               GAsyncResult    *result,
                               GPtrArray      **problems,
                               GError         **error)
{
  GTask *task = G_TASK (result);
  VerifyJob *job = g_task_get_task_data (task);
  g_autoptr(GError) local_error = NULL;
  gboolean ran;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (problems != NULL)
    *problems = NULL;

  ran = g_task_propagate_boolean (task, &local_error);
  if (job == NULL || (ran && self->integrity == TESSERA_INTEGRITY_OK))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return ran;
    }

  ran = apply_verdict (self, ran, job->found, problems, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return ran;
}

/* --- the full check -------------------------------------------------------- */

/* The strings a damaged page can turn into invalid UTF-8, which an
 * export would pass on to every consumer. */
static const struct
{
  const char *sql;
  const char *what;
  const char * const columns[6];
} text_columns[] = {
  { "SELECT id, name, description, color, shortcut FROM label", "label",
    { "name", "description", "colour", "key" } },
  { "SELECT id, name, vals, default_value FROM attribute", "attribute",
    { "name", "values", "default value" } },
  { "SELECT id, name FROM annotator", "annotator", { "name" } },
  { "SELECT id, uid, title, source, url, published, language FROM document", "document",
    { "id", "title", "source", "URL", "date", "language" } },
  { "SELECT id, note FROM span WHERE note IS NOT NULL", "span", { "note" } },
  { "SELECT id, realis, confirmation FROM event", "event", { "realis", "confirmation" } },
  { "SELECT id, name FROM cluster", "cluster", { "name" } },
  { "SELECT key, value FROM meta", "project setting", { "value" } },
};

static gboolean
check_text_columns (TesseraProject  *self,
                    GPtrArray       *found,
                    GError         **error)
{
  for (guint t = 0; t < G_N_ELEMENTS (text_columns); t++)
    {
      g_auto(TesseraStmt) stmt = _tessera_project_stmt (self, text_columns[t].sql, error);
      gboolean failed = FALSE;

      if (stmt == NULL)
        return FALSE;

      while (_tessera_project_next_row (self, stmt, &failed, error))
        for (int c = 1; c < sqlite3_column_count (stmt); c++)
          {
            int type = sqlite3_column_type (stmt, c);
            const char *text = (const char *) sqlite3_column_text (stmt, c);

            if (type == SQLITE_NULL)
              continue;
            if (type != SQLITE_TEXT || !g_utf8_validate_len (text, sqlite3_column_bytes (stmt, c), NULL))
              g_ptr_array_add (found, g_strdup_printf ("%s %s: its %s is not valid UTF-8 text",
                                                       text_columns[t].what,
                                                       sqlite3_column_text (stmt, 0),
                                                       text_columns[t].columns[c - 1]));
          }
      if (failed)
        return FALSE;
    }

  return TRUE;
}

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
  static const char count_sql[] =
    "SELECT d.uid, d.n_spans, (SELECT count(*) FROM span s WHERE s.document_id = d.id),"
    " d.n_suggested, (SELECT count(*) FROM span s WHERE s.document_id = d.id AND s.suggested != 0)"
    " FROM document d";
  /* Every column, so that a damaged schema shows here as it would in an export. */
  static const char rejection_sql[] =
    "SELECT d.uid, r.start, r.\"end\", d.n_chars, r.label_id, r.annotator_id, r.rejected_at"
    " FROM rejected_suggestion r JOIN document d ON d.id = r.document_id"
    " WHERE r.start < 0 OR r.start >= r.\"end\" OR r.\"end\" > d.n_chars";
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
  gboolean failed = FALSE;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);

  /* The rest reads through indexes that only integrity_check compares
   * with their tables; past damage it finds, their answers mean little.
   * Damage that stops SQLite before it can list it is a finding too. */
  {
    g_autoptr(GError) local_error = NULL;

    if (!_tessera_run_integrity_pragma (self->db, self->path, "integrity_check", NULL, found, &local_error))
      {
        if (!g_error_matches (local_error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT))
          {
            g_propagate_error (error, g_steal_pointer (&local_error));
            return FALSE;
          }
        g_ptr_array_add (found, g_strdup_printf ("SQLite stopped checking: %s", _tessera_errmsg (self->db)));
      }
  }
  if (found->len > 0)
    {
      if (problems != NULL)
        *problems = g_steal_pointer (&found);
      return TRUE;
    }

  {
    g_auto(TesseraStmt) fk = _tessera_project_stmt (self, fk_sql, error);

    if (fk == NULL)
      return FALSE;
    while (_tessera_project_next_row (self, fk, &failed, error))
      g_ptr_array_add (found, g_strdup_printf ("table %s row %" G_GINT64_FORMAT " refers to a missing %s",
                                               sqlite3_column_text (fk, 0),
                                               (gint64) sqlite3_column_int64 (fk, 1),
                                               sqlite3_column_text (fk, 2)));
    if (failed)
      return FALSE;
  }

  {
    g_auto(TesseraStmt) spans = _tessera_project_stmt (self, span_sql, error);

    if (spans == NULL)
      return FALSE;
    while (_tessera_project_next_row (self, spans, &failed, error))
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
    if (failed)
      return FALSE;
  }

  {
    g_auto(TesseraStmt) counts = _tessera_project_stmt (self, count_sql, error);

    if (counts == NULL)
      return FALSE;
    while (_tessera_project_next_row (self, counts, &failed, error))
      {
        if (sqlite3_column_int64 (counts, 1) != sqlite3_column_int64 (counts, 2))
          g_ptr_array_add (found, g_strdup_printf ("document %s: counted %" G_GINT64_FORMAT " spans, "
                                                   "but %" G_GINT64_FORMAT " are there",
                                                   sqlite3_column_text (counts, 0),
                                                   (gint64) sqlite3_column_int64 (counts, 1),
                                                   (gint64) sqlite3_column_int64 (counts, 2)));
        if (sqlite3_column_int64 (counts, 3) != sqlite3_column_int64 (counts, 4))
          g_ptr_array_add (found, g_strdup_printf ("document %s: counted %" G_GINT64_FORMAT " suggested spans, "
                                                   "but %" G_GINT64_FORMAT " are there",
                                                   sqlite3_column_text (counts, 0),
                                                   (gint64) sqlite3_column_int64 (counts, 3),
                                                   (gint64) sqlite3_column_int64 (counts, 4)));
      }
    if (failed)
      return FALSE;
  }

  {
    g_auto(TesseraStmt) rejections = _tessera_project_stmt (self, rejection_sql, error);

    if (rejections == NULL)
      return FALSE;
    while (_tessera_project_next_row (self, rejections, &failed, error))
      g_ptr_array_add (found, g_strdup_printf ("document %s: a rejected suggestion at %" G_GINT64_FORMAT
                                               "–%" G_GINT64_FORMAT " is outside its text (%" G_GINT64_FORMAT
                                               " code points)",
                                               sqlite3_column_text (rejections, 0),
                                               (gint64) sqlite3_column_int64 (rejections, 1),
                                               (gint64) sqlite3_column_int64 (rejections, 2),
                                               (gint64) sqlite3_column_int64 (rejections, 3)));
    if (failed)
      return FALSE;
  }

  {
    g_auto(TesseraStmt) texts = _tessera_project_stmt (self, text_sql, error);

    if (texts == NULL)
      return FALSE;
    while (_tessera_project_next_row (self, texts, &failed, error))
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
    if (failed)
      return FALSE;
  }

  if (!check_text_columns (self, found, error))
    return FALSE;

  realis = tessera_project_get_attribute (self, "realis");
  confirmation = tessera_project_get_attribute (self, "confirmation");
  {
    g_auto(TesseraStmt) events = _tessera_project_stmt (self, event_sql, error);

    if (events == NULL)
      return FALSE;
    while (_tessera_project_next_row (self, events, &failed, error))
      {
        const char *r = (const char *) sqlite3_column_text (events, 2);
        const char *c = (const char *) sqlite3_column_text (events, 3);

        if (!tessera_attribute_has_value (realis, r) || !tessera_attribute_has_value (confirmation, c))
          g_ptr_array_add (found, g_strdup_printf ("document %s: event %" G_GINT64_FORMAT
                                                   " has a realis or confirmation "
                                                   "that the schema does not allow",
                                                   sqlite3_column_text (events, 1),
                                                   (gint64) sqlite3_column_int64 (events, 0)));
      }
    if (failed)
      return FALSE;
  }

  {
    g_auto(TesseraStmt) cross = _tessera_project_stmt (self, cross_sql, error);

    if (cross == NULL)
      return FALSE;
    while (_tessera_project_next_row (self, cross, &failed, error))
      g_ptr_array_add (found, g_strdup_printf ("%s %" G_GINT64_FORMAT " uses a span of another document",
                                               sqlite3_column_text (cross, 0),
                                               (gint64) sqlite3_column_int64 (cross, 1)));
    if (failed)
      return FALSE;
  }

  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return TRUE;
}
