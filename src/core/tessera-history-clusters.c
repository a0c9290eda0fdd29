/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-history-private.h"

/* --- clusters --------------------------------------------------------- */

static TesseraClusterMember *
member_new (gint64 cluster_id,
            gint64 span_id,
            gint64 event_id,
            gint64 document_id)
{
  TesseraClusterMember *member = g_new0 (TesseraClusterMember, 1);

  member->cluster_id = cluster_id;
  member->span_id = span_id;
  member->event_id = event_id;
  member->document_id = document_id;

  return member;
}

/* The cluster @span_id or @event_id is in (0: none); FALSE on error. */
static gboolean
member_cluster (TesseraHistory  *self,
                gint64           span_id,
                gint64           event_id,
                gint64          *cluster_id,
                GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  *cluster_id = span_id > 0
    ? tessera_project_get_span_cluster (self->project, span_id, &local_error)
    : tessera_project_get_event_cluster (self->project, event_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* The document of a span or an event, 0 with an error. */
static gint64
object_document (TesseraHistory  *self,
                 gint64           span_id,
                 gint64           event_id,
                 GError         **error)
{
  if (span_id > 0)
    {
      g_autoptr(TesseraSpan) span = tessera_project_get_span (self->project, span_id, error);

      return span != NULL ? span->document_id : 0;
    }
  else
    {
      g_autoptr(TesseraEvent) event = tessera_project_get_event (self->project, event_id, error);

      return event != NULL ? event->document_id : 0;
    }
}

static gboolean
check_member (gint64    span_id,
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

gint64
tessera_history_add_cluster (TesseraHistory    *self,
                             TesseraLabelKind   kind,
                             const char        *name,
                             GError           **error)
{
  TesseraCluster *cluster = NULL;
  gint64 id;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), 0);

  if (!_tessera_history_step_begin (self, "Add cluster", &step, error))
    return 0;

  id = tessera_project_add_cluster (self->project, kind, name, error);
  if (id > 0 && (cluster = tessera_project_get_cluster (self->project, id, error)))
    _tessera_history_record (&step, ROW_CLUSTER, NULL, cluster);

  if (!_tessera_history_step_end (self, &step, cluster != NULL, error))
    return 0;

  return id;
}

static TesseraCodedOverride *
find_override (GPtrArray  *overrides,
               const char *field)
{
  for (guint i = 0; i < overrides->len; i++)
    {
      TesseraCodedOverride *o = g_ptr_array_index (overrides, i);

      if (g_str_equal (o->field, field))
        return o;
    }
  return NULL;
}

gboolean
tessera_history_set_coded_fields (TesseraHistory      *self,
                                  gint64               cluster_id,
                                  const char * const  *fields,
                                  const char * const  *values,
                                  GError             **error)
{
  g_autoptr(GPtrArray) overrides = NULL;
  g_autoptr(TesseraCluster) cluster = NULL;
  gboolean changes = FALSE;
  gint64 annotator_id;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (fields != NULL && values != NULL, FALSE);

  if (!(cluster = tessera_project_get_cluster (self->project, cluster_id, error)) ||
      !(overrides = tessera_project_list_coded_overrides (self->project, cluster_id, error)))
    return FALSE;

  /* Every value is checked before anything is written. */
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *value = values[i];
      const TesseraCodedOverride *old = find_override (overrides, fields[i]);

      if (value != NULL && *value != '\0' && !tessera_coded_field_check (fields[i], value, error))
        return FALSE;
      changes |= old != NULL ? g_strcmp0 (old->value, value) != 0 : value != NULL && *value != '\0';
    }
  if (!changes)
    return TRUE;
  if (!(annotator_id = tessera_project_get_current_annotator_id (self->project, error)) ||
      !_tessera_history_step_begin (self, "Set coded fields", &step, error))
    return FALSE;

  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *value = values[i] != NULL && *values[i] != '\0' ? values[i] : NULL;
      const TesseraCodedOverride *old = find_override (overrides, fields[i]);
      TesseraCodedOverride *after = NULL;

      if (old != NULL ? g_strcmp0 (old->value, value) == 0 : value == NULL)
        continue;
      if (value != NULL)
        {
          after = g_new0 (TesseraCodedOverride, 1);
          after->cluster_id = cluster_id;
          after->field = g_strdup (fields[i]);
          after->value = g_strdup (value);
          after->annotator_id = annotator_id;
          after->set_at = g_get_real_time () / G_USEC_PER_SEC;
        }
      _tessera_history_record (&step, ROW_CODED, old != NULL ? tessera_coded_override_copy (old) : NULL, after);
    }

  return _tessera_history_step_end (self, &step,
                                    _tessera_history_apply_recorded (self, &step, error), error);
}

gboolean
tessera_history_rename_cluster (TesseraHistory  *self,
                                gint64           cluster_id,
                                const char      *name,
                                GError         **error)
{
  TesseraCluster *before;
  TesseraCluster *after;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  if (!(before = tessera_project_get_cluster (self->project, cluster_id, error)))
    return FALSE;
  if (g_strcmp0 (before->name, name) == 0)
    {
      tessera_cluster_free (before);
      return TRUE;
    }
  if (!_tessera_history_step_begin (self, "Rename cluster", &step, error))
    {
      tessera_cluster_free (before);
      return FALSE;
    }

  after = tessera_cluster_copy (before);
  _tessera_history_replace_string (&after->name, name);
  _tessera_history_record (&step, ROW_CLUSTER, before, after);

  return _tessera_history_step_end (self, &step,
                                    _tessera_history_apply_recorded (self, &step, error), error);
}

gboolean
tessera_history_delete_cluster (TesseraHistory  *self,
                                gint64           cluster_id,
                                GError         **error)
{
  TesseraCluster *cluster;
  g_autoptr(GArray) members = NULL;
  g_autoptr(GPtrArray) overrides = NULL;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  if (!(members = tessera_project_list_cluster_members (self->project, cluster_id, error)) ||
      !(overrides = tessera_project_list_coded_overrides (self->project, cluster_id, error)))
    return FALSE;
  if (!(cluster = tessera_project_get_cluster (self->project, cluster_id, error)))
    return FALSE;
  if (!_tessera_history_step_begin (self, "Delete cluster", &step, error))
    {
      tessera_cluster_free (cluster);
      return FALSE;
    }

  /* Fields set by hand and members first: undo brings the cluster back
   * before them. */
  for (guint i = 0; i < overrides->len; i++)
    _tessera_history_record (&step, ROW_CODED, g_ptr_array_steal_index (overrides, i--), NULL);
  for (guint i = 0; i < members->len; i++)
    {
      const TesseraClusterMember *m = &g_array_index (members, TesseraClusterMember, i);

      _tessera_history_record (&step, ROW_MEMBER, g_memdup2 (m, sizeof *m), NULL);
    }
  _tessera_history_record (&step, ROW_CLUSTER, cluster, NULL);

  return _tessera_history_step_end (self, &step,
                                    _tessera_history_apply_recorded (self, &step, error), error);
}

gboolean
tessera_history_add_cluster_member (TesseraHistory  *self,
                                    gint64           cluster_id,
                                    gint64           span_id,
                                    gint64           event_id,
                                    GError         **error)
{
  gint64 old_id;
  gint64 document_id;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  if (!check_member (span_id, event_id, error) ||
      !(document_id = object_document (self, span_id, event_id, error)) ||
      !member_cluster (self, span_id, event_id, &old_id, error))
    return FALSE;
  if (old_id == cluster_id)
    return TRUE;
  if (!_tessera_history_step_begin (self, "Add to cluster", &step, error))
    return FALSE;

  _tessera_history_record (&step, ROW_MEMBER,
                           old_id > 0 ? member_new (old_id, span_id, event_id, document_id) : NULL,
                           member_new (cluster_id, span_id, event_id, document_id));

  return _tessera_history_step_end (self, &step,
                                    _tessera_history_apply_recorded (self, &step, error), error);
}

gboolean
tessera_history_remove_cluster_member (TesseraHistory  *self,
                                       gint64           span_id,
                                       gint64           event_id,
                                       GError         **error)
{
  gint64 old_id;
  gint64 document_id;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  if (!check_member (span_id, event_id, error) ||
      !(document_id = object_document (self, span_id, event_id, error)) ||
      !member_cluster (self, span_id, event_id, &old_id, error))
    return FALSE;
  if (old_id == 0)
    {
      _tessera_cluster_set_member_error (error, span_id, event_id, NULL);
      return FALSE;
    }
  if (!_tessera_history_step_begin (self, "Remove from cluster", &step, error))
    return FALSE;

  _tessera_history_record (&step, ROW_MEMBER, member_new (old_id, span_id, event_id, document_id),
                           NULL);

  return _tessera_history_step_end (self, &step,
                                    _tessera_history_apply_recorded (self, &step, error), error);
}

gboolean
tessera_history_merge_clusters (TesseraHistory  *self,
                                gint64           into_id,
                                gint64           from_id,
                                GError         **error)
{
  g_autoptr(TesseraCluster) into = NULL;
  g_autoptr(TesseraCluster) from = NULL;
  g_autoptr(GArray) members = NULL;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  if (!(into = tessera_project_get_cluster (self->project, into_id, error)) ||
      !(from = tessera_project_get_cluster (self->project, from_id, error)))
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
  if (!(members = tessera_project_list_cluster_members (self->project, from_id, error)))
    return FALSE;
  if (!_tessera_history_step_begin (self, "Merge clusters", &step, error))
    return FALSE;

  for (guint i = 0; i < members->len; i++)
    {
      const TesseraClusterMember *m = &g_array_index (members, TesseraClusterMember, i);

      _tessera_history_record (&step, ROW_MEMBER, g_memdup2 (m, sizeof *m),
                               member_new (into_id, m->span_id, m->event_id, m->document_id));
    }
  _tessera_history_record (&step, ROW_CLUSTER, g_steal_pointer (&from), NULL);

  return _tessera_history_step_end (self, &step,
                                    _tessera_history_apply_recorded (self, &step, error), error);
}

gint64
tessera_history_split_cluster (TesseraHistory              *self,
                               gint64                       cluster_id,
                               const TesseraClusterMember  *members,
                               guint                        n_members,
                               const char                  *name,
                               GError                     **error)
{
  g_autoptr(TesseraCluster) cluster = NULL;
  g_autoptr(GHashTable) in_cluster = NULL;
  g_autoptr(GArray) current = NULL;
  TesseraCluster *created = NULL;
  gint64 new_id = 0;
  gboolean ok;
  guint first;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), 0);
  g_return_val_if_fail (members != NULL || n_members == 0, 0);

  if (!(cluster = tessera_project_get_cluster (self->project, cluster_id, error)) ||
      !(current = tessera_project_list_cluster_members (self->project, cluster_id, error)))
    return 0;
  if (n_members == 0)
    {
      g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                           _("Splitting a cluster needs the members that leave it"));
      return 0;
    }

  /* Members by "s<id>" / "e<id>", so each listed one is checked once. */
  in_cluster = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < current->len; i++)
    {
      TesseraClusterMember *m = &g_array_index (current, TesseraClusterMember, i);

      g_hash_table_insert (in_cluster,
                           g_strdup_printf ("%c%" G_GINT64_FORMAT, m->span_id > 0 ? 's' : 'e',
                                            m->span_id > 0 ? m->span_id : m->event_id), m);
    }

  if (!_tessera_history_step_begin (self, "Split cluster", &step, error))
    return 0;

  new_id = tessera_project_add_cluster (self->project, cluster->kind, name, error);
  ok = new_id > 0 && (created = tessera_project_get_cluster (self->project, new_id, error)) != NULL;
  if (ok)
    _tessera_history_record (&step, ROW_CLUSTER, NULL, created);
  first = step.cmd->changes->len;

  for (guint i = 0; ok && i < n_members; i++)
    {
      const TesseraClusterMember *m = &members[i];
      g_autofree char *key = NULL;
      TesseraClusterMember *old;

      if (!(ok = check_member (m->span_id, m->event_id, error)))
        break;
      key = g_strdup_printf ("%c%" G_GINT64_FORMAT, m->span_id > 0 ? 's' : 'e',
                             m->span_id > 0 ? m->span_id : m->event_id);
      old = g_hash_table_lookup (in_cluster, key);
      if (old == NULL)
        {
          _tessera_cluster_set_member_error (error, m->span_id, m->event_id, cluster->name);
          ok = FALSE;
          break;
        }

      _tessera_history_record (&step, ROW_MEMBER, g_memdup2 (old, sizeof *old),
                               member_new (new_id, old->span_id, old->event_id, old->document_id));
      /* Listed twice: moved once. */
      g_hash_table_remove (in_cluster, key);
    }

  /* The new cluster is there already; only the moves remain to apply. */
  ok = ok && _tessera_history_replay (self, step.cmd, first, FALSE, error);

  if (!_tessera_history_step_end (self, &step, ok, error))
    return 0;

  return new_id;
}
