/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-project"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "tessera-project-private.h"

/* A cluster's name is a handle an analyst types, not a text. */
#define MAX_CLUSTER_NAME_CHARS 1000

/* --- clusters --------------------------------------------------------- */

#define CLUSTER_COLUMNS \
  "c.id, c.kind, c.name, c.created, (SELECT count(*) FROM cluster_member m WHERE m.cluster_id = c.id)"

/* Fills @cluster from its row; FALSE with TESSERA_ERROR_CORRUPT when its
 * name is not readable text. */
static gboolean
cluster_from_row (TesseraProject  *self,
                  sqlite3_stmt    *stmt,
                  TesseraCluster  *cluster,
                  GError         **error)
{
  const char *kind = (const char *) sqlite3_column_text (stmt, 1);
  const char *name = (const char *) sqlite3_column_text (stmt, 2);

  if (name == NULL || !g_utf8_validate (name, sqlite3_column_bytes (stmt, 2), NULL))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
                   _("%s is damaged: cluster %" PRId64 " has no readable name "
                      "(“tessera-cli check” tells more)"),
                   self->path, (gint64) sqlite3_column_int64 (stmt, 0));
      return FALSE;
    }

  cluster->id = sqlite3_column_int64 (stmt, 0);
  cluster->kind = g_strcmp0 (kind, "event") == 0 ? TESSERA_LABEL_EVENT : TESSERA_LABEL_ENTITY;
  cluster->name = _tessera_column_dup (stmt, 2);
  cluster->created = sqlite3_column_int64 (stmt, 3);
  cluster->n_members = (guint) sqlite3_column_int64 (stmt, 4);

  return TRUE;
}

static gboolean
check_kind (TesseraLabelKind   kind,
            GError           **error)
{
  if (kind != TESSERA_LABEL_ENTITY && kind != TESSERA_LABEL_EVENT)
    {
      g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                           _("A cluster links entities or events"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                           _("A cluster needs a name in valid UTF-8"));
      return FALSE;
    }
  if (*name == '\0')
    {
      g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                           _("A cluster needs a name"));
      return FALSE;
    }
  if (g_utf8_strlen (name, -1) > MAX_CLUSTER_NAME_CHARS)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_LIMIT,
                   _("A cluster name may have at most %d characters"), MAX_CLUSTER_NAME_CHARS);
      return FALSE;
    }

  return TRUE;
}

static gint64
write_cluster (TesseraProject        *self,
               const TesseraCluster  *cluster,
               GError               **error)
{
  static const char sql[] = "INSERT INTO cluster (id, kind, name, created) VALUES (?1, ?2, ?3, ?4)";
  g_auto(TesseraStmt) stmt = NULL;
  gint64 id;

  if (!_tessera_project_ensure_writable (self, error) ||
      !check_kind (cluster->kind, error) ||
      !check_name (cluster->name, error))
    return 0;
  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return 0;

  _tessera_bind_id (stmt, 1, cluster->id);
  _tessera_bind_text (stmt, 2, tessera_label_kind_to_string (cluster->kind));
  _tessera_bind_text (stmt, 3, cluster->name);
  sqlite3_bind_int64 (stmt, 4, cluster->created > 0 ? cluster->created : _tessera_now ());
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_PRIMARYKEY)
        g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_EXISTS,
                     _("A cluster with id %" PRId64 " already exists"), cluster->id);
      else
        _tessera_project_set_sqlite_error (self, error, N_("Adding a cluster"));
      return 0;
    }

  id = sqlite3_last_insert_rowid (self->db);
  _tessera_project_changed (self, TESSERA_CHANGE_CLUSTER, TESSERA_CHANGE_ADDED, 0, id);

  return id;
}

gint64
tessera_project_add_cluster (TesseraProject    *self,
                             TesseraLabelKind   kind,
                             const char        *name,
                             GError           **error)
{
  TesseraCluster cluster = { 0, kind, (char *) name, 0, 0 };

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), 0);

  return write_cluster (self, &cluster, error);
}

gint64
tessera_project_insert_cluster (TesseraProject        *self,
                                const TesseraCluster  *cluster,
                                GError               **error)
{
  g_return_val_if_fail (TESSERA_IS_PROJECT (self), 0);
  g_return_val_if_fail (cluster != NULL, 0);

  return write_cluster (self, cluster, error);
}

TesseraCluster *
tessera_project_get_cluster (TesseraProject  *self,
                             gint64           id,
                             GError         **error)
{
  static const char sql[] = "SELECT " CLUSTER_COLUMNS " FROM cluster c WHERE c.id = ?1";
  g_auto(TesseraStmt) stmt = NULL;
  TesseraCluster *cluster;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);

  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND,
                   _("No cluster with id %" PRId64), id);
      return NULL;
    }

  cluster = tessera_cluster_new ();
  if (!cluster_from_row (self, stmt, cluster, error))
    g_clear_pointer (&cluster, tessera_cluster_free);

  return cluster;
}

gboolean
tessera_project_rename_cluster (TesseraProject  *self,
                                gint64           id,
                                const char      *name,
                                GError         **error)
{
  static const char sql[] = "UPDATE cluster SET name = ?2 WHERE id = ?1";
  g_autoptr(TesseraCluster) cluster = NULL;
  g_auto(TesseraStmt) stmt = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);

  if (!_tessera_project_ensure_writable (self, error) || !check_name (name, error))
    return FALSE;
  if (!(cluster = tessera_project_get_cluster (self, id, error)))
    return FALSE;
  if (g_strcmp0 (cluster->name, name) == 0)
    return TRUE;
  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  _tessera_bind_text (stmt, 2, name);
  if (!_tessera_project_step_done (self, stmt, error))
    return FALSE;

  _tessera_project_changed (self, TESSERA_CHANGE_CLUSTER, TESSERA_CHANGE_UPDATED, 0, id);

  return TRUE;
}

gboolean
tessera_project_delete_cluster (TesseraProject  *self,
                                gint64           id,
                                GError         **error)
{
  static const char sql[] = "DELETE FROM cluster WHERE id = ?1";
  g_autoptr(TesseraCluster) cluster = NULL;
  g_auto(TesseraStmt) stmt = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);

  if (!_tessera_project_ensure_writable (self, error))
    return FALSE;
  if (!(cluster = tessera_project_get_cluster (self, id, error)))
    return FALSE;
  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return FALSE;

  /* The members go with the foreign key's cascade. */
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_tessera_project_step_done (self, stmt, error))
    return FALSE;

  _tessera_project_changed (self, TESSERA_CHANGE_CLUSTER, TESSERA_CHANGE_REMOVED, 0, id);

  return TRUE;
}

GPtrArray *
tessera_project_list_clusters (TesseraProject    *self,
                               TesseraLabelKind   kind,
                               GError           **error)
{
  static const char sql[] =
    "SELECT " CLUSTER_COLUMNS " FROM cluster c WHERE ?1 IS NULL OR c.kind = ?1"
    " ORDER BY c.kind = 'event', c.id";
  g_auto(TesseraStmt) stmt = NULL;
  g_autoptr(GPtrArray) clusters = NULL;
  int rc;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);

  if (kind != TESSERA_LABEL_ANY && !check_kind (kind, error))
    return NULL;
  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return NULL;
  if (kind != TESSERA_LABEL_ANY)
    _tessera_bind_text (stmt, 1, tessera_label_kind_to_string (kind));

  clusters = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_cluster_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TesseraCluster *cluster = tessera_cluster_new ();

      g_ptr_array_add (clusters, cluster);
      if (!cluster_from_row (self, stmt, cluster, error))
        return NULL;
    }
  if (rc != SQLITE_DONE)
    {
      _tessera_project_set_sqlite_error (self, error, N_("Listing clusters"));
      return NULL;
    }

  return g_steal_pointer (&clusters);
}

/* --- members ---------------------------------------------------------- */

static gboolean
check_member_ids (gint64    span_id,
                  gint64    event_id,
                  GError  **error)
{
  if ((span_id > 0) == (event_id > 0))
    {
      g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                           _("A cluster member is a span or an event"));
      return FALSE;
    }

  return TRUE;
}

static gint64
current_cluster (TesseraProject  *self,
                 gint64           span_id,
                 gint64           event_id,
                 GError         **error)
{
  static const char span_sql[] = "SELECT cluster_id FROM cluster_member WHERE span_id = ?1";
  static const char event_sql[] = "SELECT cluster_id FROM cluster_member WHERE event_id = ?1";
  g_auto(TesseraStmt) stmt = NULL;
  int rc;

  if (!(stmt = _tessera_project_stmt (self, span_id > 0 ? span_sql : event_sql, error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, span_id > 0 ? span_id : event_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    _tessera_project_set_sqlite_error (self, error, N_("Reading a cluster"));

  return 0;
}

gint64
tessera_project_get_span_cluster (TesseraProject  *self,
                                  gint64           span_id,
                                  GError         **error)
{
  g_return_val_if_fail (TESSERA_IS_PROJECT (self), 0);

  return span_id > 0 ? current_cluster (self, span_id, 0, error) : 0;
}

gint64
tessera_project_get_event_cluster (TesseraProject  *self,
                                   gint64           event_id,
                                   GError         **error)
{
  g_return_val_if_fail (TESSERA_IS_PROJECT (self), 0);

  return event_id > 0 ? current_cluster (self, 0, event_id, error) : 0;
}

/* The document of a member; with @cluster, a would-be member checked
 * against the cluster's kind. 0 with an error. */
static gint64
member_document (TesseraProject        *self,
                 const TesseraCluster  *cluster,
                 gint64                 span_id,
                 gint64                 event_id,
                 GError               **error)
{
  if (span_id > 0)
    {
      g_autoptr(TesseraSpan) span = tessera_project_get_span (self, span_id, error);
      const TesseraLabel *label;

      if (span == NULL)
        return 0;
      if (cluster == NULL)
        return span->document_id;
      label = tessera_project_get_label (self, span->label_id);
      if (label == NULL || label->kind != TESSERA_LABEL_ENTITY)
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       _("Span %" PRId64 " is not an entity mention: only entities "
                          "join a cluster as spans (an event joins by its frame)"), span_id);
          return 0;
        }
      if (cluster->kind != TESSERA_LABEL_ENTITY)
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       _("“%s” is an event cluster: an entity mention cannot join it"), cluster->name);
          return 0;
        }
      return span->document_id;
    }
  else
    {
      g_autoptr(TesseraEvent) event = tessera_project_get_event (self, event_id, error);

      if (event == NULL)
        return 0;
      if (cluster != NULL && cluster->kind != TESSERA_LABEL_EVENT)
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       _("“%s” is an entity cluster: an event cannot join it"), cluster->name);
          return 0;
        }
      return event->document_id;
    }
}

/* Puts a checked member into @cluster_id, from @old_id (0: from none). */
static gboolean
write_member (TesseraProject  *self,
              gint64           cluster_id,
              gint64           old_id,
              gint64           span_id,
              gint64           event_id,
              gint64           document_id,
              GError         **error)
{
  static const char insert_sql[] =
    "INSERT INTO cluster_member (cluster_id, span_id, event_id) VALUES (?1, ?2, ?3)";
  static const char move_span_sql[] = "UPDATE cluster_member SET cluster_id = ?1 WHERE span_id = ?2";
  static const char move_event_sql[] = "UPDATE cluster_member SET cluster_id = ?1 WHERE event_id = ?2";
  g_auto(TesseraStmt) stmt = NULL;

  if (old_id > 0)
    {
      if (!(stmt = _tessera_project_stmt (self, span_id > 0 ? move_span_sql : move_event_sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, cluster_id);
      sqlite3_bind_int64 (stmt, 2, span_id > 0 ? span_id : event_id);
    }
  else
    {
      if (!(stmt = _tessera_project_stmt (self, insert_sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, cluster_id);
      _tessera_bind_id (stmt, 2, span_id);
      _tessera_bind_id (stmt, 3, event_id);
    }
  if (!_tessera_project_step_done (self, stmt, error))
    return FALSE;

  if (old_id > 0)
    _tessera_project_changed (self, TESSERA_CHANGE_CLUSTER, TESSERA_CHANGE_UPDATED, document_id, old_id);
  _tessera_project_changed (self, TESSERA_CHANGE_CLUSTER, TESSERA_CHANGE_UPDATED, document_id, cluster_id);

  return TRUE;
}

gboolean
tessera_project_add_cluster_member (TesseraProject  *self,
                                    gint64           cluster_id,
                                    gint64           span_id,
                                    gint64           event_id,
                                    GError         **error)
{
  g_autoptr(TesseraCluster) cluster = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 document_id;
  gint64 old_id;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);

  if (!_tessera_project_ensure_writable (self, error) || !check_member_ids (span_id, event_id, error))
    return FALSE;
  if (!(cluster = tessera_project_get_cluster (self, cluster_id, error)))
    return FALSE;
  if (!(document_id = member_document (self, cluster, span_id, event_id, error)))
    return FALSE;

  old_id = current_cluster (self, span_id, event_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (old_id == cluster_id)
    return TRUE;

  return write_member (self, cluster_id, old_id, span_id, event_id, document_id, error);
}

gboolean
tessera_project_remove_cluster_member (TesseraProject  *self,
                                       gint64           span_id,
                                       gint64           event_id,
                                       GError         **error)
{
  static const char span_sql[] = "DELETE FROM cluster_member WHERE span_id = ?1";
  static const char event_sql[] = "DELETE FROM cluster_member WHERE event_id = ?1";
  g_autoptr(GError) local_error = NULL;
  g_auto(TesseraStmt) stmt = NULL;
  gint64 document_id;
  gint64 cluster_id;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);

  if (!_tessera_project_ensure_writable (self, error) || !check_member_ids (span_id, event_id, error))
    return FALSE;
  if (!(document_id = member_document (self, NULL, span_id, event_id, error)))
    return FALSE;

  cluster_id = current_cluster (self, span_id, event_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (cluster_id == 0)
    {
      _tessera_cluster_set_member_error (error, span_id, event_id, NULL);
      return FALSE;
    }

  if (!(stmt = _tessera_project_stmt (self, span_id > 0 ? span_sql : event_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, span_id > 0 ? span_id : event_id);
  if (!_tessera_project_step_done (self, stmt, error))
    return FALSE;

  _tessera_project_changed (self, TESSERA_CHANGE_CLUSTER, TESSERA_CHANGE_UPDATED, document_id, cluster_id);

  return TRUE;
}

static void
member_from_row (sqlite3_stmt         *stmt,
                 TesseraClusterMember *member)
{
  member->cluster_id = sqlite3_column_int64 (stmt, 0);
  member->span_id = sqlite3_column_int64 (stmt, 1);
  member->event_id = sqlite3_column_int64 (stmt, 2);
  member->document_id = sqlite3_column_int64 (stmt, 3);
}

static GArray *
collect_members (TesseraProject  *self,
                 sqlite3_stmt    *stmt,
                 GError         **error)
{
  g_autoptr(GArray) members = g_array_new (FALSE, TRUE, sizeof (TesseraClusterMember));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_array_set_size (members, members->len + 1);
      member_from_row (stmt, &g_array_index (members, TesseraClusterMember, members->len - 1));
    }
  if (rc != SQLITE_DONE)
    {
      _tessera_project_set_sqlite_error (self, error, N_("Listing cluster members"));
      return NULL;
    }

  return g_steal_pointer (&members);
}

GArray *
tessera_project_list_cluster_members (TesseraProject  *self,
                                      gint64           id,
                                      GError         **error)
{
  static const char sql[] =
    "SELECT m.cluster_id, coalesce (m.span_id, 0), coalesce (m.event_id, 0),"
    "  coalesce (s.document_id, e.document_id) AS doc, coalesce (s.start, t.start) AS pos"
    " FROM cluster_member m"
    " LEFT JOIN span s ON s.id = m.span_id"
    " LEFT JOIN event e ON e.id = m.event_id"
    " LEFT JOIN span t ON t.id = e.trigger_span_id"
    " WHERE m.cluster_id = ?1 ORDER BY doc, pos, m.rowid";
  g_autoptr(TesseraCluster) cluster = NULL;
  g_auto(TesseraStmt) stmt = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);

  if (!(cluster = tessera_project_get_cluster (self, id, error)))
    return NULL;
  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  return collect_members (self, stmt, error);
}

GArray *
tessera_project_list_document_cluster_members (TesseraProject  *self,
                                               gint64           document_id,
                                               GError         **error)
{
  static const char sql[] =
    "SELECT m.cluster_id, m.span_id, 0, s.document_id"
    " FROM span s JOIN cluster_member m ON m.span_id = s.id WHERE s.document_id = ?1"
    " UNION ALL"
    " SELECT m.cluster_id, 0, m.event_id, e.document_id"
    " FROM event e JOIN cluster_member m ON m.event_id = e.id WHERE e.document_id = ?1";
  g_auto(TesseraStmt) stmt = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);

  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);

  return collect_members (self, stmt, error);
}

gboolean
tessera_project_has_cluster_members (TesseraProject *self)
{
  static const char sql[] = "SELECT EXISTS (SELECT 1 FROM cluster_member)";
  g_auto(TesseraStmt) stmt = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);

  stmt = _tessera_project_stmt (self, sql, NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
}

gboolean
tessera_project_merge_clusters (TesseraProject  *self,
                                gint64           into_id,
                                gint64           from_id,
                                GError         **error)
{
  static const char sql[] = "UPDATE cluster_member SET cluster_id = ?1 WHERE cluster_id = ?2";
  g_autoptr(TesseraCluster) into = NULL;
  g_autoptr(TesseraCluster) from = NULL;
  g_autoptr(GArray) members = NULL;
  gboolean ok;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);

  if (!_tessera_project_ensure_writable (self, error))
    return FALSE;
  if (!(into = tessera_project_get_cluster (self, into_id, error)) ||
      !(from = tessera_project_get_cluster (self, from_id, error)))
    return FALSE;
  if (into_id == from_id)
    {
      g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                           _("A cluster cannot be merged into itself"));
      return FALSE;
    }
  if (into->kind != from->kind)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("“%s” and “%s” are not both entity or both event clusters"),
                   into->name, from->name);
      return FALSE;
    }
  if (!(members = tessera_project_list_cluster_members (self, from_id, error)))
    return FALSE;
  if (!tessera_project_begin (self, error))
    return FALSE;

  {
    g_auto(TesseraStmt) stmt = _tessera_project_stmt (self, sql, error);

    ok = stmt != NULL;
    if (ok)
      {
        sqlite3_bind_int64 (stmt, 1, into_id);
        sqlite3_bind_int64 (stmt, 2, from_id);
        ok = _tessera_project_step_done (self, stmt, error);
      }
  }
  for (guint i = 0; ok && i < members->len; i++)
    _tessera_project_changed (self, TESSERA_CHANGE_CLUSTER, TESSERA_CHANGE_UPDATED,
                              g_array_index (members, TesseraClusterMember, i).document_id, into_id);
  ok = ok && tessera_project_delete_cluster (self, from_id, error);

  return _tessera_project_end (self, ok, error);
}

gint64
tessera_project_split_cluster (TesseraProject              *self,
                               gint64                       id,
                               const TesseraClusterMember  *members,
                               guint                        n_members,
                               const char                  *name,
                               GError                     **error)
{
  g_autoptr(TesseraCluster) cluster = NULL;
  gint64 new_id;
  gboolean ok;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), 0);
  g_return_val_if_fail (members != NULL || n_members == 0, 0);

  if (!_tessera_project_ensure_writable (self, error))
    return 0;
  if (!(cluster = tessera_project_get_cluster (self, id, error)))
    return 0;
  if (n_members == 0)
    {
      g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                           _("Splitting a cluster needs the members that leave it"));
      return 0;
    }
  if (!tessera_project_begin (self, error))
    return 0;

  new_id = tessera_project_add_cluster (self, cluster->kind, name, error);
  ok = new_id > 0;
  for (guint i = 0; ok && i < n_members; i++)
    {
      const TesseraClusterMember *m = &members[i];
      g_autoptr(GError) local_error = NULL;
      gint64 document_id;
      gint64 old_id;

      ok = check_member_ids (m->span_id, m->event_id, error) &&
           (document_id = member_document (self, NULL, m->span_id, m->event_id, error)) > 0;
      if (!ok)
        break;

      old_id = current_cluster (self, m->span_id, m->event_id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          ok = FALSE;
        }
      else if (old_id == new_id)
        continue;   /* listed twice */
      else if (old_id != id)
        {
          _tessera_cluster_set_member_error (error, m->span_id, m->event_id, cluster->name);
          ok = FALSE;
        }
      else
        ok = write_member (self, new_id, id, m->span_id, m->event_id, document_id, error);
    }

  if (!_tessera_project_end (self, ok, error))
    return 0;

  return new_id;
}

/* --- suggestions ------------------------------------------------------ */

/* Each query twice: with a document (its index) and for the whole project. */
#define SUGGESTED_IDS(table) \
  "SELECT id, document_id FROM " table " WHERE suggested != 0 AND document_id = ?1"
#define ALL_SUGGESTED_IDS(table) \
  "SELECT id, document_id FROM " table " WHERE suggested != 0"

typedef struct
{
  gint64 id;
  gint64 document_id;
} Row;

static GArray *
suggested_rows (TesseraProject  *self,
                const char      *document_sql,
                const char      *all_sql,
                gint64           document_id,
                GError         **error)
{
  g_auto(TesseraStmt) stmt = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));
  int rc;

  if (!(stmt = _tessera_project_stmt (self, document_id > 0 ? document_sql : all_sql, error)))
    return NULL;
  if (document_id > 0)
    sqlite3_bind_int64 (stmt, 1, document_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row row = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      _tessera_project_set_sqlite_error (self, error, N_("Listing suggestions"));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

static GArray *
suggested_spans (TesseraProject  *self,
                 gint64           document_id,
                 GError         **error)
{
  return suggested_rows (self, SUGGESTED_IDS ("span"), ALL_SUGGESTED_IDS ("span"), document_id, error);
}

static GArray *
suggested_events (TesseraProject  *self,
                  gint64           document_id,
                  GError         **error)
{
  return suggested_rows (self, SUGGESTED_IDS ("event"), ALL_SUGGESTED_IDS ("event"), document_id, error);
}

static GArray *
suggested_stances (TesseraProject  *self,
                   gint64           document_id,
                   GError         **error)
{
  return suggested_rows (self, SUGGESTED_IDS ("stance"), ALL_SUGGESTED_IDS ("stance"), document_id, error);
}

gboolean
tessera_project_count_suggestions (TesseraProject  *self,
                                   gint64           document_id,
                                   guint64         *n_spans,
                                   guint64         *n_events,
                                   guint64         *n_stances,
                                   GError         **error)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GArray) events = NULL;
  g_autoptr(GArray) stances = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);

  if (!(spans = suggested_spans (self, document_id, error)) ||
      !(events = suggested_events (self, document_id, error)) ||
      !(stances = suggested_stances (self, document_id, error)))
    return FALSE;

  if (n_spans != NULL)
    *n_spans = spans->len;
  if (n_events != NULL)
    *n_events = events->len;
  if (n_stances != NULL)
    *n_stances = stances->len;

  return TRUE;
}

GArray *
tessera_project_list_suggestion_documents (TesseraProject  *self,
                                           GError         **error)
{
  static const char sql[] =
    "SELECT document_id FROM span WHERE suggested != 0"
    " UNION SELECT document_id FROM event WHERE suggested != 0"
    " UNION SELECT document_id FROM stance WHERE suggested != 0"
    " ORDER BY 1";
  g_auto(TesseraStmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);

  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      _tessera_project_set_sqlite_error (self, error, N_("Listing suggestions"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

static gboolean
accept_rows (TesseraProject     *self,
             GArray             *rows,
             const char         *sql,
             TesseraChangeKind   kind,
             GError            **error)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      g_auto(TesseraStmt) stmt = _tessera_project_stmt (self, sql, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, row->id);
      if (!_tessera_project_step_done (self, stmt, error))
        return FALSE;
      _tessera_project_changed (self, kind, TESSERA_CHANGE_UPDATED, row->document_id, row->id);
    }

  return TRUE;
}

gboolean
tessera_project_accept_suggestions (TesseraProject  *self,
                                    gint64           document_id,
                                    GError         **error)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GArray) events = NULL;
  g_autoptr(GArray) stances = NULL;
  gboolean ok;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);

  if (!_tessera_project_ensure_writable (self, error))
    return FALSE;
  if (!(spans = suggested_spans (self, document_id, error)) ||
      !(events = suggested_events (self, document_id, error)) ||
      !(stances = suggested_stances (self, document_id, error)))
    return FALSE;
  if (spans->len + events->len + stances->len == 0)
    return TRUE;
  if (!tessera_project_begin (self, error))
    return FALSE;

  ok = accept_rows (self, spans, "UPDATE span SET suggested = 0 WHERE id = ?1",
                    TESSERA_CHANGE_SPAN, error) &&
       accept_rows (self, events, "UPDATE event SET suggested = 0 WHERE id = ?1",
                    TESSERA_CHANGE_EVENT, error) &&
       accept_rows (self, stances, "UPDATE stance SET suggested = 0 WHERE id = ?1",
                    TESSERA_CHANGE_STANCE, error);

  return _tessera_project_end (self, ok, error);
}

typedef gboolean (*DeleteFunc) (TesseraProject  *self,
                                gint64           id,
                                GError         **error);

static gboolean
reject_rows (TesseraProject  *self,
             GArray          *rows,
             DeleteFunc       delete_func,
             GError         **error)
{
  for (guint i = 0; i < rows->len; i++)
    if (!delete_func (self, g_array_index (rows, Row, i).id, error))
      return FALSE;

  return TRUE;
}

gboolean
tessera_project_reject_suggestions (TesseraProject  *self,
                                    gint64           document_id,
                                    GError         **error)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GArray) events = NULL;
  g_autoptr(GArray) stances = NULL;
  gint64 annotator_id;
  gboolean ok;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);

  if (!_tessera_project_ensure_writable (self, error))
    return FALSE;
  if (!(spans = suggested_spans (self, document_id, error)) ||
      !(events = suggested_events (self, document_id, error)) ||
      !(stances = suggested_stances (self, document_id, error)))
    return FALSE;
  if (spans->len + events->len + stances->len == 0)
    return TRUE;
  if (!(annotator_id = tessera_project_get_current_annotator_id (self, error)) ||
      !tessera_project_begin (self, error))
    return FALSE;

  ok = _tessera_project_remember_rejected (self, document_id, annotator_id, error);

  /* Stances, then events, then spans: deleting a span takes along what
   * depends on it, but deleting a stance or an event takes no span, so
   * every id is still there when its turn comes. */
  ok = ok && reject_rows (self, stances, tessera_project_delete_stance, error) &&
       reject_rows (self, events, tessera_project_delete_event, error) &&
       reject_rows (self, spans, tessera_project_delete_span, error);

  return _tessera_project_end (self, ok, error);
}
