/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-project"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "tessera-project-private.h"

/* Fields of an event cluster's coded record set by hand. Rows of their
 * own beside the cluster, which takes them when it goes. */

gboolean
tessera_project_set_coded_override (TesseraProject             *self,
                                    const TesseraCodedOverride *override,
                                    GError                    **error)
{
  static const char sql[] =
    "INSERT OR REPLACE INTO coded_override (cluster_id, field, value, annotator_id, set_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
  g_autoptr(TesseraCluster) cluster = NULL;
  g_auto(TesseraStmt) stmt = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (override != NULL && override->field != NULL, FALSE);

  if (!_tessera_project_ensure_writable (self, error) ||
      !tessera_coded_field_check (override->field, override->value, error))
    return FALSE;
  if (!(cluster = tessera_project_get_cluster (self, override->cluster_id, error)))
    return FALSE;
  if (cluster->kind != TESSERA_LABEL_EVENT)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("Cluster %" PRId64 " links entities: only an event cluster has a coded record"),
                   override->cluster_id);
      return FALSE;
    }
  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, override->cluster_id);
  _tessera_bind_text (stmt, 2, override->field);
  _tessera_bind_text (stmt, 3, override->value);
  _tessera_bind_id (stmt, 4, override->annotator_id);
  sqlite3_bind_int64 (stmt, 5, override->set_at > 0 ? override->set_at : _tessera_now ());
  if (!_tessera_project_step_done (self, stmt, error))
    return FALSE;

  _tessera_project_changed (self, TESSERA_CHANGE_CLUSTER, TESSERA_CHANGE_UPDATED, 0, override->cluster_id);

  return TRUE;
}

gboolean
tessera_project_remove_coded_override (TesseraProject  *self,
                                       gint64           cluster_id,
                                       const char      *field,
                                       GError         **error)
{
  static const char sql[] = "DELETE FROM coded_override WHERE cluster_id = ?1 AND field = ?2";
  g_auto(TesseraStmt) stmt = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (!_tessera_project_ensure_writable (self, error) ||
      !(stmt = _tessera_project_stmt (self, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, cluster_id);
  _tessera_bind_text (stmt, 2, field);
  if (!_tessera_project_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) > 0)
    _tessera_project_changed (self, TESSERA_CHANGE_CLUSTER, TESSERA_CHANGE_UPDATED, 0, cluster_id);

  return TRUE;
}

static int
field_position (const char *field)
{
  const char * const *fields = tessera_coded_fields ();

  for (int i = 0; fields[i] != NULL; i++)
    if (g_str_equal (fields[i], field))
      return i;
  return G_MAXINT;
}

static int
compare_overrides (gconstpointer a,
                   gconstpointer b)
{
  const TesseraCodedOverride *x = *(const TesseraCodedOverride **) a;
  const TesseraCodedOverride *y = *(const TesseraCodedOverride **) b;

  if (x->cluster_id != y->cluster_id)
    return x->cluster_id < y->cluster_id ? -1 : 1;
  return field_position (x->field) - field_position (y->field);
}

GPtrArray *
tessera_project_list_coded_overrides (TesseraProject  *self,
                                      gint64           cluster_id,
                                      GError         **error)
{
  static const char one_sql[] =
    "SELECT cluster_id, field, value, annotator_id, set_at FROM coded_override WHERE cluster_id = ?1";
  static const char all_sql[] =
    "SELECT cluster_id, field, value, annotator_id, set_at FROM coded_override";
  g_auto(TesseraStmt) stmt = NULL;
  g_autoptr(GPtrArray) overrides = NULL;
  gboolean failed = FALSE;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);

  if (!(stmt = _tessera_project_stmt (self, cluster_id > 0 ? one_sql : all_sql, error)))
    return NULL;
  if (cluster_id > 0)
    sqlite3_bind_int64 (stmt, 1, cluster_id);

  overrides = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_coded_override_free);
  while (_tessera_project_next_row (self, stmt, &failed, error))
    {
      TesseraCodedOverride *override = g_new0 (TesseraCodedOverride, 1);
      const char *field = (const char *) sqlite3_column_text (stmt, 1);
      const char *value = (const char *) sqlite3_column_text (stmt, 2);

      override->cluster_id = sqlite3_column_int64 (stmt, 0);
      override->field = g_strdup (field);
      override->value = g_strdup (value);
      override->annotator_id = sqlite3_column_int64 (stmt, 3);
      override->set_at = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (overrides, override);
      /* A damaged page must not reach an export as a field nobody set. */
      if (field == NULL || !tessera_coded_field_check (field, value, NULL))
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
                       _("%s is damaged: a coded field of cluster %" PRId64 " set by hand is not readable "
                         "(“tessera-cli check” tells more)"),
                       tessera_project_get_path (self), override->cluster_id);
          return NULL;
        }
    }
  if (failed)
    return NULL;

  g_ptr_array_sort (overrides, compare_overrides);
  return g_steal_pointer (&overrides);
}
