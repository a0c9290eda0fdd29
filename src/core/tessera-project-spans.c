/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-project"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "tessera-project-private.h"

/* --- spans ------------------------------------------------------------ */

#define SPAN_COLUMNS \
  "s.id, s.document_id, s.start, s.\"end\", s.label_id, s.annotator_id, s.note, s.created, s.updated, s.suggested"

static void
span_from_row (sqlite3_stmt *stmt,
               TesseraSpan  *span)
{
  span->id = sqlite3_column_int64 (stmt, 0);
  span->document_id = sqlite3_column_int64 (stmt, 1);
  span->start = sqlite3_column_int64 (stmt, 2);
  span->end = sqlite3_column_int64 (stmt, 3);
  span->label_id = sqlite3_column_int64 (stmt, 4);
  span->annotator_id = sqlite3_column_int64 (stmt, 5);
  span->note = _tessera_column_dup (stmt, 6);
  span->created = sqlite3_column_int64 (stmt, 7);
  span->updated = sqlite3_column_int64 (stmt, 8);
  span->suggested = sqlite3_column_int (stmt, 9) != 0;
}

static gboolean
check_span (TesseraProject     *self,
            const TesseraSpan  *span,
            GError            **error)
{
  gint64 n_chars = _tessera_project_document_length (self, span->document_id, error);

  if (n_chars < 0)
    return FALSE;
  if (span->start > span->end)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("A span cannot start (%" PRId64 ") after it ends (%" PRId64 ")"),
                   span->start, span->end);
      return FALSE;
    }
  if (span->start == span->end)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   /* Translators: the span's start and end (code-point offsets). */
                   _("A span must cover at least one character (%" PRId64 "–%" PRId64 ")"),
                   span->start, span->end);
      return FALSE;
    }
  if (span->start < 0 || span->end > n_chars)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   /* Translators: the span's start and end (code-point offsets), then the
                    * length of the text. */
                   _("Span %" PRId64 "–%" PRId64 " is outside the text (%" PRId64
                      " code points)"), span->start, span->end, n_chars);
      return FALSE;
    }
  if (span->note != NULL && !g_utf8_validate (span->note, -1, NULL))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT, _("A note is not valid UTF-8"));
      return FALSE;
    }
  if (_tessera_project_require_label (self, span->label_id, TESSERA_LABEL_ANY, error) == NULL)
    return FALSE;

  return TRUE;
}

static gboolean
write_span (TesseraProject     *self,
            const TesseraSpan  *span,
            gboolean            with_id,
            gint64             *id_out,
            GError            **error)
{
  static const char sql[] =
    "INSERT INTO span (id, document_id, start, \"end\", label_id, annotator_id, note, created, updated, suggested)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
  g_auto(TesseraStmt) stmt = NULL;
  gint64 now = _tessera_now ();

  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return FALSE;

  if (with_id)
    sqlite3_bind_int64 (stmt, 1, span->id);
  sqlite3_bind_int64 (stmt, 2, span->document_id);
  sqlite3_bind_int64 (stmt, 3, span->start);
  sqlite3_bind_int64 (stmt, 4, span->end);
  sqlite3_bind_int64 (stmt, 5, span->label_id);
  _tessera_bind_id (stmt, 6, span->annotator_id);
  _tessera_bind_text (stmt, 7, span->note);
  sqlite3_bind_int64 (stmt, 8, span->created ? span->created : now);
  sqlite3_bind_int64 (stmt, 9, span->updated ? span->updated : now);
  sqlite3_bind_int (stmt, 10, span->suggested ? 1 : 0);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _tessera_project_set_sqlite_error (self, error, N_("Adding a span"));
      return FALSE;
    }

  *id_out = sqlite3_last_insert_rowid (self->db);
  _tessera_project_changed (self, TESSERA_CHANGE_SPAN, TESSERA_CHANGE_ADDED, span->document_id, *id_out);

  return TRUE;
}

gint64
tessera_project_add_span (TesseraProject  *self,
                          gint64           document_id,
                          gint64           start,
                          gint64           end,
                          gint64           label_id,
                          const char      *note,
                          GError         **error)
{
  TesseraSpan span = { 0, document_id, start, end, label_id, 0, (char *) note, 0, 0 };
  gint64 id = 0;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), 0);

  if (!_tessera_project_ensure_writable (self, error) || !check_span (self, &span, error))
    return 0;
  if (!(span.annotator_id = tessera_project_get_current_annotator_id (self, error)))
    return 0;
  if (!write_span (self, &span, FALSE, &id, error))
    return 0;

  return id;
}

gint64
tessera_project_insert_span (TesseraProject     *self,
                             const TesseraSpan  *span,
                             GError            **error)
{
  gint64 id = 0;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), 0);
  g_return_val_if_fail (span != NULL, 0);

  if (!_tessera_project_ensure_writable (self, error) || !check_span (self, span, error) ||
      !write_span (self, span, span->id > 0, &id, error))
    return 0;

  return id;
}

TesseraSpan *
tessera_project_get_span (TesseraProject  *self,
                          gint64           id,
                          GError         **error)
{
  static const char sql[] = "SELECT " SPAN_COLUMNS " FROM span s WHERE s.id = ?1";
  g_auto(TesseraStmt) stmt = NULL;
  TesseraSpan *span;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);

  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND, _("No span with id %" PRId64), id);
      return NULL;
    }

  span = g_new0 (TesseraSpan, 1);
  span_from_row (stmt, span);

  return span;
}

gboolean
tessera_project_update_span (TesseraProject     *self,
                             const TesseraSpan  *span,
                             GError            **error)
{
  static const char sql[] =
    "UPDATE span SET start = ?2, \"end\" = ?3, label_id = ?4, note = ?5, updated = ?6, suggested = ?7"
    " WHERE id = ?1";
  g_autoptr(TesseraSpan) old = NULL;
  g_auto(TesseraStmt) stmt = NULL;
  TesseraSpan checked;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (span != NULL, FALSE);

  if (!_tessera_project_ensure_writable (self, error))
    return FALSE;
  if (!(old = tessera_project_get_span (self, span->id, error)))
    return FALSE;

  /* The document is the stored one: a span does not move between texts. */
  checked = *span;
  checked.document_id = old->document_id;
  if (!check_span (self, &checked, error))
    return FALSE;
  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, span->id);
  sqlite3_bind_int64 (stmt, 2, span->start);
  sqlite3_bind_int64 (stmt, 3, span->end);
  sqlite3_bind_int64 (stmt, 4, span->label_id);
  _tessera_bind_text (stmt, 5, span->note);
  sqlite3_bind_int64 (stmt, 6, _tessera_now ());
  sqlite3_bind_int (stmt, 7, span->suggested ? 1 : 0);
  if (!_tessera_project_step_done (self, stmt, error))
    return FALSE;

  _tessera_project_changed (self, TESSERA_CHANGE_SPAN, TESSERA_CHANGE_UPDATED, old->document_id, span->id);

  return TRUE;
}

TesseraChangeKind
_tessera_change_kind_of_row (gint64 what)
{
  return what == 0 ? TESSERA_CHANGE_EVENT : what == 1 ? TESSERA_CHANGE_STANCE : TESSERA_CHANGE_CLUSTER;
}

/* Notifies about the events, stances and clusters a span's deletion takes
 * along or changes (the foreign keys do the work in the file). */
static gboolean
announce_span_dependents (TesseraProject  *self,
                          gint64           span_id,
                          gint64           document_id,
                          GError         **error)
{
  static const char sql[] =
    "SELECT 0, id, 2 FROM event WHERE trigger_span_id = ?1"
    " UNION SELECT 0, event_id, 1 FROM event_argument WHERE span_id = ?1"
    " UNION SELECT 1, id, 2 FROM stance WHERE span_id = ?1"
    " UNION SELECT 1, id, 1 FROM stance WHERE holder_span_id = ?1 OR target_span_id = ?1"
    "   OR target_event_id IN (SELECT id FROM event WHERE trigger_span_id = ?1)"
    " UNION SELECT 2, cluster_id, 1 FROM cluster_member WHERE span_id = ?1"
    "   OR event_id IN (SELECT id FROM event WHERE trigger_span_id = ?1)";
  g_auto(TesseraStmt) stmt = _tessera_project_stmt (self, sql, error);
  /* Removed event ids and removed stance ids apart: they may be equal. */
  g_autoptr(GHashTable) removed_events = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) removed_stances = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64) * 3);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, span_id);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 row[3] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                        sqlite3_column_int64 (stmt, 2) };

      g_array_append_vals (rows, row, 1);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      gint64 *row = &((gint64 *) rows->data)[i * 3];
      TesseraChangeKind kind = _tessera_change_kind_of_row (row[0]);

      if (row[2] == 2)
        {
          _tessera_project_changed (self, kind, TESSERA_CHANGE_REMOVED, document_id, row[1]);
          g_hash_table_add (row[0] == 0 ? removed_events : removed_stances, &row[1]);
        }
    }
  for (guint i = 0; i < rows->len; i++)
    {
      gint64 *row = &((gint64 *) rows->data)[i * 3];
      TesseraChangeKind kind = _tessera_change_kind_of_row (row[0]);

      if (row[2] == 1 &&
          (row[0] == 2 || !g_hash_table_contains (row[0] == 0 ? removed_events : removed_stances, &row[1])))
        _tessera_project_changed (self, kind, TESSERA_CHANGE_UPDATED, document_id, row[1]);
    }

  return TRUE;
}

gboolean
tessera_project_delete_span (TesseraProject  *self,
                             gint64           id,
                             GError         **error)
{
  static const char sql[] = "DELETE FROM span WHERE id = ?1";
  g_autoptr(TesseraSpan) span = NULL;
  gboolean ok;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);

  if (!_tessera_project_ensure_writable (self, error))
    return FALSE;
  if (!(span = tessera_project_get_span (self, id, error)))
    return FALSE;
  if (!tessera_project_begin (self, error))
    return FALSE;

  ok = announce_span_dependents (self, id, span->document_id, error);
  if (ok)
    {
      g_auto(TesseraStmt) stmt = _tessera_project_stmt (self, sql, error);

      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          ok = _tessera_project_step_done (self, stmt, error);
        }
    }
  if (ok)
    _tessera_project_changed (self, TESSERA_CHANGE_SPAN, TESSERA_CHANGE_REMOVED, span->document_id, id);

  return _tessera_project_end (self, ok, error);
}

GArray *
tessera_project_list_spans (TesseraProject  *self,
                            gint64           document_id,
                            GError         **error)
{
  static const char sql[] =
    "SELECT " SPAN_COLUMNS " FROM span s WHERE s.document_id = ?1 ORDER BY s.start, s.\"end\" DESC, s.id";
  static const char count_sql[] = "SELECT n_spans FROM document WHERE id = ?1";
  g_auto(TesseraStmt) stmt = NULL;
  g_auto(TesseraStmt) count = NULL;
  g_autoptr(GArray) spans = NULL;
  gboolean failed = FALSE;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);

  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);

  spans = tessera_span_array_new ();
  while (_tessera_project_next_row (self, stmt, &failed, error))
    {
      g_array_set_size (spans, spans->len + 1);
      span_from_row (stmt, &g_array_index (spans, TesseraSpan, spans->len - 1));
    }
  if (failed)
    return NULL;

  /* The rows come through an index; a damaged one drops rows without a
   * word. The counter the triggers keep tells. */
  if (!(count = _tessera_project_stmt (self, count_sql, error)))
    return NULL;
  sqlite3_bind_int64 (count, 1, document_id);
  if (_tessera_project_next_row (self, count, &failed, error) &&
      sqlite3_column_int64 (count, 0) != (gint64) spans->len)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
                   /* Translators: the project file, a document's id, the number of spans it
                    * should have, then how many could be read. */
                   _("%s is damaged: document %" PRId64 " should have %" PRId64
                      " spans but %u can be read (“tessera-cli check” tells more)"),
                   self->path, document_id, (gint64) sqlite3_column_int64 (count, 0), spans->len);
      return NULL;
    }

  return failed ? NULL : g_steal_pointer (&spans);
}

gint64
tessera_project_count_spans (TesseraProject *self)
{
  static const char sql[] = "SELECT count(*) FROM span";
  g_auto(TesseraStmt) stmt = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), 0);

  stmt = _tessera_project_stmt (self, sql, NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}
