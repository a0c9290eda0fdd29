/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-project"

#include "config.h"

#include "tessera-project-private.h"

/* Rejected suggestions: the places and labels an analyst said no to, so
 * that carrying annotations to copies and tagging every occurrence leave
 * them alone. Rows of their own, apart from the annotations: a rejected
 * suggestion is deleted, and nothing refers to it. */

gboolean
tessera_project_add_rejection (TesseraProject          *self,
                               const TesseraRejection  *rejection,
                               GError                 **error)
{
  static const char sql[] =
    "INSERT OR IGNORE INTO rejected_suggestion"
    " (document_id, start, \"end\", label_id, annotator_id, rejected_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
  g_auto(TesseraStmt) stmt = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (rejection != NULL, FALSE);
  g_return_val_if_fail (0 <= rejection->start && rejection->start < rejection->end, FALSE);

  if (!_tessera_project_ensure_writable (self, error) ||
      !(stmt = _tessera_project_stmt (self, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, rejection->document_id);
  sqlite3_bind_int64 (stmt, 2, rejection->start);
  sqlite3_bind_int64 (stmt, 3, rejection->end);
  sqlite3_bind_int64 (stmt, 4, rejection->label_id);
  _tessera_bind_id (stmt, 5, rejection->annotator_id);
  sqlite3_bind_int64 (stmt, 6, rejection->rejected_at > 0 ? rejection->rejected_at : _tessera_now ());

  return _tessera_project_step_done (self, stmt, error);
}

gboolean
tessera_project_remove_rejection (TesseraProject  *self,
                                  gint64           document_id,
                                  gint64           start,
                                  gint64           end,
                                  gint64           label_id,
                                  GError         **error)
{
  static const char sql[] =
    "DELETE FROM rejected_suggestion"
    " WHERE document_id = ?1 AND start = ?2 AND \"end\" = ?3 AND label_id = ?4";
  g_auto(TesseraStmt) stmt = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);

  if (!_tessera_project_ensure_writable (self, error) ||
      !(stmt = _tessera_project_stmt (self, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, end);
  sqlite3_bind_int64 (stmt, 4, label_id);

  return _tessera_project_step_done (self, stmt, error);
}

gboolean
tessera_project_has_rejection (TesseraProject  *self,
                               gint64           document_id,
                               gint64           start,
                               gint64           end,
                               gint64           label_id,
                               gboolean        *rejected,
                               GError         **error)
{
  static const char sql[] =
    "SELECT 1 FROM rejected_suggestion"
    " WHERE document_id = ?1 AND start = ?2 AND \"end\" = ?3 AND label_id = ?4";
  g_auto(TesseraStmt) stmt = NULL;
  gboolean failed = FALSE;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (rejected != NULL, FALSE);

  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, end);
  sqlite3_bind_int64 (stmt, 4, label_id);
  *rejected = _tessera_project_next_row (self, stmt, &failed, error);

  return !failed;
}

GArray *
tessera_project_list_rejections (TesseraProject  *self,
                                 gint64           document_id,
                                 GError         **error)
{
  static const char document_sql[] =
    "SELECT document_id, start, \"end\", label_id, annotator_id, rejected_at FROM rejected_suggestion"
    " WHERE document_id = ?1 ORDER BY start, \"end\", label_id";
  static const char all_sql[] =
    "SELECT document_id, start, \"end\", label_id, annotator_id, rejected_at FROM rejected_suggestion"
    " ORDER BY document_id, start, \"end\", label_id";
  g_auto(TesseraStmt) stmt = NULL;
  g_autoptr(GArray) rejections = NULL;
  gboolean failed = FALSE;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);

  if (!(stmt = _tessera_project_stmt (self, document_id > 0 ? document_sql : all_sql, error)))
    return NULL;
  if (document_id > 0)
    sqlite3_bind_int64 (stmt, 1, document_id);

  rejections = g_array_new (FALSE, FALSE, sizeof (TesseraRejection));
  while (_tessera_project_next_row (self, stmt, &failed, error))
    {
      TesseraRejection rejection;

      rejection.document_id = sqlite3_column_int64 (stmt, 0);
      rejection.start = sqlite3_column_int64 (stmt, 1);
      rejection.end = sqlite3_column_int64 (stmt, 2);
      rejection.label_id = sqlite3_column_int64 (stmt, 3);
      rejection.annotator_id = sqlite3_column_int64 (stmt, 4);
      rejection.rejected_at = sqlite3_column_int64 (stmt, 5);
      g_array_append_val (rejections, rejection);
    }

  return failed ? NULL : g_steal_pointer (&rejections);
}

/* Remembers the suggestions of @document_id (0: all) as rejected, before
 * they go: each span by its place and label, each event by its trigger's
 * place and its type, each stance by its statement's place and label. */
gboolean
_tessera_project_remember_rejected (TesseraProject  *self,
                                    gint64           document_id,
                                    gint64           annotator_id,
                                    GError         **error)
{
  static const char * const sqls[] = {
    "INSERT OR IGNORE INTO rejected_suggestion"
    " (document_id, start, \"end\", label_id, annotator_id, rejected_at)"
    " SELECT s.document_id, s.start, s.\"end\", s.label_id, ?2, ?3 FROM span s"
    " WHERE s.suggested != 0 AND (?1 = 0 OR s.document_id = ?1)",
    "INSERT OR IGNORE INTO rejected_suggestion"
    " (document_id, start, \"end\", label_id, annotator_id, rejected_at)"
    " SELECT e.document_id, s.start, s.\"end\", e.type_label_id, ?2, ?3"
    " FROM event e JOIN span s ON s.id = e.trigger_span_id"
    " WHERE e.suggested != 0 AND (?1 = 0 OR e.document_id = ?1)",
    "INSERT OR IGNORE INTO rejected_suggestion"
    " (document_id, start, \"end\", label_id, annotator_id, rejected_at)"
    " SELECT t.document_id, s.start, s.\"end\", t.label_id, ?2, ?3"
    " FROM stance t JOIN span s ON s.id = t.span_id"
    " WHERE t.suggested != 0 AND (?1 = 0 OR t.document_id = ?1)",
  };
  gint64 now = _tessera_now ();

  for (guint i = 0; i < G_N_ELEMENTS (sqls); i++)
    {
      g_auto(TesseraStmt) stmt = _tessera_project_stmt (self, sqls[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, MAX (document_id, 0));
      _tessera_bind_id (stmt, 2, annotator_id);
      sqlite3_bind_int64 (stmt, 3, now);
      if (!_tessera_project_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}
