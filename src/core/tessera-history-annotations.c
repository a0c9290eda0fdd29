/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-history"

#include "config.h"

#include <string.h>

#include "tessera-history-private.h"

static const char *
label_name (TesseraHistory *self,
            gint64          label_id)
{
  const TesseraLabel *label = tessera_project_get_label (self->project, label_id);

  return label ? label->name : "annotation";
}

/* A New document is In progress from its first annotation on: the
 * status changes in the step that annotates it, and undo takes both back. */
static gboolean
record_started (TesseraHistory  *self,
                Step            *step,
                gint64           document_id,
                GError         **error)
{
  g_autoptr(TesseraDocument) doc = tessera_project_get_document (self->project, document_id, FALSE, error);
  StatusRow *before;
  StatusRow *after;

  if (doc == NULL)
    return FALSE;
  if (doc->status != TESSERA_STATUS_NEW)
    return TRUE;

  before = g_new0 (StatusRow, 1);
  before->id = document_id;
  before->status = TESSERA_STATUS_NEW;
  after = g_memdup2 (before, sizeof *before);
  after->status = TESSERA_STATUS_IN_PROGRESS;
  _tessera_history_record (step, ROW_STATUS, before, after);

  return tessera_project_set_document_status (self->project, document_id, TESSERA_STATUS_IN_PROGRESS, error);
}

gint64
tessera_history_add_span (TesseraHistory  *self,
                          gint64           document_id,
                          gint64           start,
                          gint64           end,
                          gint64           label_id,
                          GError         **error)
{
  g_autofree char *label = NULL;
  Step step;
  gint64 id;
  TesseraSpan *span = NULL;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), 0);

  label = g_strdup_printf ("Add %s", label_name (self, label_id));
  if (!_tessera_history_step_begin (self, label, &step, error))
    return 0;

  id = tessera_project_add_span (self->project, document_id, start, end, label_id, NULL, error);
  if (id > 0 && (span = tessera_project_get_span (self->project, id, error)))
    _tessera_history_record (&step, ROW_SPAN, NULL, span);

  if (!_tessera_history_step_end (self, &step,
                                  span != NULL && record_started (self, &step, document_id, error), error))
    return 0;

  return id;
}

gboolean
tessera_history_update_span (TesseraHistory     *self,
                             const TesseraSpan  *span,
                             GError            **error)
{
  TesseraSpan *before;
  TesseraSpan *after;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (span != NULL, FALSE);

  if (!(before = tessera_project_get_span (self->project, span->id, error)))
    return FALSE;
  /* Nothing changes: no step that would undo nothing. */
  if (before->start == span->start && before->end == span->end && before->label_id == span->label_id &&
      g_strcmp0 (before->note, span->note) == 0 && before->suggested == span->suggested)
    {
      tessera_span_free (before);
      return TRUE;
    }
  if (!_tessera_history_step_begin (self, "Change annotation", &step, error))
    {
      tessera_span_free (before);
      return FALSE;
    }

  after = tessera_span_copy (span);
  after->document_id = before->document_id;
  after->annotator_id = before->annotator_id;
  after->created = before->created;
  _tessera_history_record (&step, ROW_SPAN, before, after);

  return _tessera_history_step_end (self, &step,
                                    _tessera_history_apply_recorded (self, &step, error), error);
}

static gboolean
event_uses_span (const TesseraEvent *event,
                 gint64              span_id)
{
  for (guint i = 0; i < event->arguments->len; i++)
    if (g_array_index (event->arguments, TesseraArgument, i).span_id == span_id)
      return TRUE;
  return FALSE;
}

static TesseraEvent *
event_without_span (const TesseraEvent *event,
                    gint64              span_id)
{
  TesseraEvent *copy = tessera_event_copy (event);

  for (guint i = copy->arguments->len; i > 0; i--)
    if (g_array_index (copy->arguments, TesseraArgument, i - 1).span_id == span_id)
      g_array_remove_index (copy->arguments, i - 1);

  return copy;
}

/* Records what happens to the stances of a document when @span_id (if
 * non-zero) and the events in @removed_events go away. */
static gboolean
record_stance_dependents (TesseraHistory  *self,
                          Step            *step,
                          gint64           document_id,
                          gint64           span_id,
                          GHashTable      *removed_events,
                          GError         **error)
{
  g_autoptr(GArray) stances = tessera_project_list_stances (self->project, document_id, error);

  if (stances == NULL)
    return FALSE;

  for (guint i = 0; i < stances->len; i++)
    {
      TesseraStance *stance = &g_array_index (stances, TesseraStance, i);
      TesseraStance *after;

      if (span_id > 0 && stance->span_id == span_id)
        {
          _tessera_history_record (step, ROW_STANCE, tessera_stance_copy (stance), NULL);
          continue;
        }

      after = tessera_stance_copy (stance);
      if (span_id > 0 && after->holder_span_id == span_id)
        after->holder_span_id = 0;
      if (span_id > 0 && after->target_span_id == span_id)
        after->target_span_id = 0;
      if (g_hash_table_contains (removed_events, &after->target_event_id))
        after->target_event_id = 0;

      if (memcmp (after, stance, sizeof *stance) != 0)
        _tessera_history_record (step, ROW_STANCE, tessera_stance_copy (stance), after);
      else
        tessera_stance_free (after);
    }

  return TRUE;
}

static void
record_member_removal (Step    *step,
                       gint64   cluster_id,
                       gint64   span_id,
                       gint64   event_id,
                       gint64   document_id)
{
  TesseraClusterMember *member = g_new0 (TesseraClusterMember, 1);

  member->cluster_id = cluster_id;
  member->span_id = span_id;
  member->event_id = event_id;
  member->document_id = document_id;
  _tessera_history_record (step, ROW_MEMBER, member, NULL);
}

/* Records taking @span_id (if non-zero) and the events in @removed_events
 * out of their clusters, before they go: the foreign key would drop the
 * membership silently, and undo must bring it back. */
static gboolean
record_cluster_dependents (TesseraHistory  *self,
                           Step            *step,
                           gint64           document_id,
                           gint64           span_id,
                           GHashTable      *removed_events,
                           GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  GHashTableIter iter;
  gpointer key;
  gint64 cluster_id;

  if (span_id > 0 &&
      (cluster_id = tessera_project_get_span_cluster (self->project, span_id, &local_error)) > 0)
    record_member_removal (step, cluster_id, span_id, 0, document_id);

  g_hash_table_iter_init (&iter, removed_events);
  while (local_error == NULL && g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 event_id = *(gint64 *) key;

      if ((cluster_id = tessera_project_get_event_cluster (self->project, event_id, &local_error)) > 0)
        record_member_removal (step, cluster_id, 0, event_id, document_id);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
tessera_history_delete_span (TesseraHistory  *self,
                             gint64           span_id,
                             GError         **error)
{
  g_autoptr(TesseraSpan) span = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GHashTable) removed = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *label = NULL;
  gboolean ok;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  if (!(span = tessera_project_get_span (self->project, span_id, error)) ||
      !(events = tessera_project_list_events (self->project, span->document_id, error)))
    return FALSE;

  for (guint i = 0; i < events->len; i++)
    {
      TesseraEvent *event = g_ptr_array_index (events, i);

      if (event->trigger_span_id == span_id)
        g_hash_table_add (removed, &event->id);
    }

  label = g_strdup_printf ("Delete %s", label_name (self, span->label_id));
  if (!_tessera_history_step_begin (self, label, &step, error))
    return FALSE;

  ok = record_cluster_dependents (self, &step, span->document_id, span_id, removed, error) &&
       record_stance_dependents (self, &step, span->document_id, span_id, removed, error);
  for (guint i = 0; ok && i < events->len; i++)
    {
      TesseraEvent *event = g_ptr_array_index (events, i);

      if (g_hash_table_contains (removed, &event->id))
        _tessera_history_record (&step, ROW_EVENT, tessera_event_copy (event), NULL);
      else if (event_uses_span (event, span_id))
        _tessera_history_record (&step, ROW_EVENT, tessera_event_copy (event),
                                 event_without_span (event, span_id));
    }
  if (ok)
    {
      _tessera_history_record (&step, ROW_SPAN, g_steal_pointer (&span), NULL);
      ok = _tessera_history_apply_recorded (self, &step, error);
    }

  return _tessera_history_step_end (self, &step, ok, error);
}

gint64
tessera_history_add_event (TesseraHistory  *self,
                           gint64           document_id,
                           gint64           start,
                           gint64           end,
                           gint64           type_label_id,
                           GError         **error)
{
  g_autofree char *label = NULL;
  TesseraSpan *span = NULL;
  TesseraEvent *event = NULL;
  gint64 span_id;
  gint64 event_id = 0;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), 0);

  label = g_strdup_printf ("Add %s", label_name (self, type_label_id));
  if (!_tessera_history_step_begin (self, label, &step, error))
    return 0;

  span_id = tessera_project_add_span (self->project, document_id, start, end, type_label_id, NULL, error);
  if (span_id > 0 && (span = tessera_project_get_span (self->project, span_id, error)))
    {
      _tessera_history_record (&step, ROW_SPAN, NULL, span);
      event_id = tessera_project_add_event (self->project, span_id, type_label_id, NULL, NULL, error);
      if (event_id > 0 && (event = tessera_project_get_event (self->project, event_id, error)))
        _tessera_history_record (&step, ROW_EVENT, NULL, event);
    }

  if (!_tessera_history_step_end (self, &step,
                                  event != NULL && record_started (self, &step, document_id, error), error))
    return 0;

  return event_id;
}

GPtrArray *
_tessera_history_list_trigger_events (TesseraHistory  *self,
                                      gint64           document_id,
                                      gint64           span_id,
                                      GError         **error)
{
  g_autoptr(GPtrArray) events = tessera_project_list_events (self->project, document_id, error);
  GPtrArray *result;

  if (events == NULL)
    return NULL;

  /* Listed by trigger position, then id. */
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_event_free);
  for (guint i = 0; i < events->len; i++)
    if (((TesseraEvent *) g_ptr_array_index (events, i))->trigger_span_id == span_id)
      g_ptr_array_add (result, g_steal_pointer (&events->pdata[i]));

  return result;
}

/* Keeps a trigger or statement span's label equal to its event type (its
 * first event's, when it triggers several) or stance label, as tagging
 * made it. */
static gboolean
record_span_relabel (TesseraHistory  *self,
                     Step            *step,
                     gint64           span_id,
                     gint64           label_id,
                     GError         **error)
{
  TesseraSpan *before = tessera_project_get_span (self->project, span_id, error);
  TesseraSpan *after;

  if (before == NULL)
    return FALSE;
  if (before->label_id == label_id)
    {
      tessera_span_free (before);
      return TRUE;
    }

  after = tessera_span_copy (before);
  after->label_id = label_id;
  _tessera_history_record (step, ROW_SPAN, before, after);

  return TRUE;
}

gint64
tessera_history_add_trigger_event (TesseraHistory  *self,
                                   gint64           span_id,
                                   gint64           type_label_id,
                                   GError         **error)
{
  g_autoptr(TesseraSpan) span = NULL;
  g_autoptr(GPtrArray) on_trigger = NULL;
  g_autofree char *label = NULL;
  TesseraEvent *event = NULL;
  gint64 event_id = 0;
  gboolean ok;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), 0);

  if (!(span = tessera_project_get_span (self->project, span_id, error)) ||
      !(on_trigger = _tessera_history_list_trigger_events (self, span->document_id, span_id, error)))
    return 0;

  label = g_strdup_printf ("Add %s", label_name (self, type_label_id));
  if (!_tessera_history_step_begin (self, label, &step, error))
    return 0;

  /* A span becoming a trigger is labelled as tagging would have; one that
   * is already keeps its first event's type. */
  ok = on_trigger->len > 0 || record_span_relabel (self, &step, span_id, type_label_id, error);
  ok = ok && _tessera_history_apply_recorded (self, &step, error);
  if (ok)
    {
      event_id = tessera_project_add_event (self->project, span_id, type_label_id, NULL, NULL, error);
      if (event_id > 0 && (event = tessera_project_get_event (self->project, event_id, error)))
        _tessera_history_record (&step, ROW_EVENT, NULL, event);
    }

  if (!_tessera_history_step_end (self, &step,
                                  event != NULL && record_started (self, &step, span->document_id, error),
                                  error))
    return 0;

  return event_id;
}

/* Whether @event is the first (lowest id) its trigger has. */
static gboolean
is_first_on_trigger (TesseraHistory      *self,
                     const TesseraEvent  *event,
                     gboolean            *first,
                     GError             **error)
{
  g_autoptr(GPtrArray) on_trigger = _tessera_history_list_trigger_events (self, event->document_id,
                                                                          event->trigger_span_id, error);

  if (on_trigger == NULL)
    return FALSE;
  *first = on_trigger->len == 0 || ((TesseraEvent *) g_ptr_array_index (on_trigger, 0))->id == event->id;

  return TRUE;
}

gboolean
tessera_history_update_event (TesseraHistory      *self,
                              const TesseraEvent  *event,
                              GError             **error)
{
  TesseraEvent *before;
  TesseraEvent *after;
  gboolean first = TRUE;
  gboolean ok;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  if (!(before = tessera_project_get_event (self->project, event->id, error)))
    return FALSE;
  if (before->type_label_id == event->type_label_id && g_strcmp0 (before->realis, event->realis) == 0 &&
      g_strcmp0 (before->confirmation, event->confirmation) == 0)
    {
      tessera_event_free (before);
      return TRUE;
    }
  /* The trigger's label is its first event's type: the others share it. */
  if ((before->type_label_id != event->type_label_id && !is_first_on_trigger (self, before, &first, error)) ||
      !_tessera_history_step_begin (self, "Change event", &step, error))
    {
      tessera_event_free (before);
      return FALSE;
    }

  after = tessera_event_copy (before);
  after->type_label_id = event->type_label_id;
  g_free (after->realis);
  after->realis = g_strdup (event->realis);
  g_free (after->confirmation);
  after->confirmation = g_strdup (event->confirmation);

  ok = !first || record_span_relabel (self, &step, before->trigger_span_id, event->type_label_id, error);
  _tessera_history_record (&step, ROW_EVENT, before, after);
  ok = ok && _tessera_history_apply_recorded (self, &step, error);

  return _tessera_history_step_end (self, &step, ok, error);
}

gboolean
tessera_history_delete_event (TesseraHistory  *self,
                              gint64           event_id,
                              GError         **error)
{
  g_autoptr(TesseraEvent) event = NULL;
  g_autoptr(GPtrArray) on_trigger = NULL;
  g_autoptr(GHashTable) removed = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 trigger_span_id;
  gboolean ok;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  if (!(event = tessera_project_get_event (self->project, event_id, error)) ||
      !(on_trigger = _tessera_history_list_trigger_events (self, event->document_id,
                                                           event->trigger_span_id, error)))
    return FALSE;
  if (!_tessera_history_step_begin (self, "Delete event", &step, error))
    return FALSE;

  trigger_span_id = event->trigger_span_id;
  g_hash_table_add (removed, &event->id);
  ok = record_cluster_dependents (self, &step, event->document_id, 0, removed, error) &&
       record_stance_dependents (self, &step, event->document_id, 0, removed, error);
  g_hash_table_remove_all (removed);
  if (ok)
    _tessera_history_record (&step, ROW_EVENT, g_steal_pointer (&event), NULL);
  /* The trigger's label follows its first event: the next one's now. */
  if (ok && on_trigger->len > 1 && ((TesseraEvent *) g_ptr_array_index (on_trigger, 0))->id == event_id)
    ok = record_span_relabel (self, &step, trigger_span_id,
                              ((TesseraEvent *) g_ptr_array_index (on_trigger, 1))->type_label_id, error);
  if (ok)
    ok = _tessera_history_apply_recorded (self, &step, error);

  return _tessera_history_step_end (self, &step, ok, error);
}

static gboolean
change_arguments (TesseraHistory  *self,
                  gint64           event_id,
                  gint64           role_label_id,
                  gint64           span_id,
                  gboolean         add,
                  GError         **error)
{
  TesseraEvent *before;
  TesseraEvent *after;
  Step step;

  if (!(before = tessera_project_get_event (self->project, event_id, error)))
    return FALSE;

  after = tessera_event_copy (before);
  if (add)
    {
      TesseraArgument arg = { role_label_id, span_id };

      /* Already linked: nothing to do, and no step to undo. */
      if (_tessera_history_has_argument (after, &arg))
        {
          tessera_event_free (before);
          tessera_event_free (after);
          return TRUE;
        }
      g_array_append_val (after->arguments, arg);
    }
  else
    {
      for (guint i = after->arguments->len; i > 0; i--)
        {
          TesseraArgument *arg = &g_array_index (after->arguments, TesseraArgument, i - 1);

          if (arg->role_label_id == role_label_id && (span_id <= 0 || arg->span_id == span_id))
            g_array_remove_index (after->arguments, i - 1);
        }

      /* Nothing filled the slot: no step to undo either. */
      if (after->arguments->len == before->arguments->len)
        {
          tessera_event_free (before);
          tessera_event_free (after);
          return TRUE;
        }
    }

  if (!_tessera_history_step_begin (self, add ? "Fill role" : "Clear role", &step, error))
    {
      tessera_event_free (before);
      tessera_event_free (after);
      return FALSE;
    }
  _tessera_history_record (&step, ROW_EVENT, before, after);

  return _tessera_history_step_end (self, &step,
                                    _tessera_history_apply_recorded (self, &step, error), error);
}

gboolean
tessera_history_add_argument (TesseraHistory  *self,
                              gint64           event_id,
                              gint64           role_label_id,
                              gint64           span_id,
                              GError         **error)
{
  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  return change_arguments (self, event_id, role_label_id, span_id, TRUE, error);
}

gboolean
tessera_history_remove_argument (TesseraHistory  *self,
                                 gint64           event_id,
                                 gint64           role_label_id,
                                 gint64           span_id,
                                 GError         **error)
{
  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  return change_arguments (self, event_id, role_label_id, span_id, FALSE, error);
}

gint64
tessera_history_add_stance (TesseraHistory  *self,
                            gint64           document_id,
                            gint64           start,
                            gint64           end,
                            gint64           label_id,
                            GError         **error)
{
  g_autofree char *label = NULL;
  TesseraSpan *span = NULL;
  TesseraStance *stance = NULL;
  gint64 span_id;
  gint64 stance_id = 0;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), 0);

  label = g_strdup_printf ("Add %s", label_name (self, label_id));
  if (!_tessera_history_step_begin (self, label, &step, error))
    return 0;

  span_id = tessera_project_add_span (self->project, document_id, start, end, label_id, NULL, error);
  if (span_id > 0 && (span = tessera_project_get_span (self->project, span_id, error)))
    {
      _tessera_history_record (&step, ROW_SPAN, NULL, span);
      stance_id = tessera_project_add_stance (self->project, span_id, label_id, 0, 0, 0, error);
      if (stance_id > 0 && (stance = tessera_project_get_stance (self->project, stance_id, error)))
        _tessera_history_record (&step, ROW_STANCE, NULL, stance);
    }

  if (!_tessera_history_step_end (self, &step,
                                  stance != NULL && record_started (self, &step, document_id, error), error))
    return 0;

  return stance_id;
}

gboolean
tessera_history_update_stance (TesseraHistory       *self,
                               const TesseraStance  *stance,
                               GError              **error)
{
  TesseraStance *before;
  TesseraStance *after;
  gboolean ok;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (stance != NULL, FALSE);

  if (!(before = tessera_project_get_stance (self->project, stance->id, error)))
    return FALSE;
  if (before->label_id == stance->label_id && before->holder_span_id == stance->holder_span_id &&
      before->target_event_id == stance->target_event_id &&
      before->target_span_id == stance->target_span_id && before->suggested == stance->suggested)
    {
      tessera_stance_free (before);
      return TRUE;
    }
  if (!_tessera_history_step_begin (self, "Change stance", &step, error))
    {
      tessera_stance_free (before);
      return FALSE;
    }

  after = tessera_stance_copy (stance);
  after->document_id = before->document_id;
  after->span_id = before->span_id;
  after->annotator_id = before->annotator_id;

  ok = record_span_relabel (self, &step, before->span_id, stance->label_id, error);
  _tessera_history_record (&step, ROW_STANCE, before, after);
  ok = ok && _tessera_history_apply_recorded (self, &step, error);

  return _tessera_history_step_end (self, &step, ok, error);
}

gboolean
tessera_history_delete_stance (TesseraHistory  *self,
                               gint64           stance_id,
                               GError         **error)
{
  TesseraStance *stance;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  if (!(stance = tessera_project_get_stance (self->project, stance_id, error)))
    return FALSE;
  if (!_tessera_history_step_begin (self, "Delete stance", &step, error))
    {
      tessera_stance_free (stance);
      return FALSE;
    }
  _tessera_history_record (&step, ROW_STANCE, stance, NULL);

  return _tessera_history_step_end (self, &step,
                                    _tessera_history_apply_recorded (self, &step, error), error);
}
