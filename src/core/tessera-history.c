/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-history"

#include "config.h"

#include <string.h>

#include "tessera-error.h"
#include "tessera-history.h"

/* Every command is recorded as rows before and after it (a NULL side
 * means the row did not exist). Doing, redoing and undoing all replay
 * those rows through TesseraProject, forward or backward, so each command
 * needs no undo code of its own. Rows are recorded so that replaying them
 * backward restores what others refer to first (a span before the event
 * it triggers, an event before the stance toward it). */

typedef enum
{
  ROW_SPAN,
  ROW_EVENT,
  ROW_STANCE,
  ROW_STATUS,
  ROW_LABEL,
  ROW_CLUSTER,   /* TesseraCluster */
  ROW_MEMBER,    /* TesseraClusterMember: one span or event and its cluster */
} RowKind;

typedef struct
{
  gint64                id;
  TesseraDocumentStatus status;
} StatusRow;

typedef struct
{
  RowKind  kind;
  gpointer before;
  gpointer after;
} Change;

typedef struct
{
  char      *label;
  GPtrArray *changes;   /* Change* */
} Command;

struct _TesseraHistory
{
  GObject         parent_instance;

  TesseraProject *project;
  GPtrArray      *undo_stack;  /* Command*, newest last */
  GPtrArray      *redo_stack;
  Command        *group;       /* open group, or NULL */
};

G_DEFINE_FINAL_TYPE (TesseraHistory, tessera_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
row_free (RowKind  kind,
          gpointer row)
{
  if (row == NULL)
    return;

  switch (kind)
    {
    case ROW_SPAN: tessera_span_free (row); break;
    case ROW_EVENT: tessera_event_free (row); break;
    case ROW_STANCE: tessera_stance_free (row); break;
    case ROW_STATUS: g_free (row); break;
    case ROW_LABEL: tessera_label_free (row); break;
    case ROW_CLUSTER: tessera_cluster_free (row); break;
    case ROW_MEMBER: g_free (row); break;
    default: g_assert_not_reached ();
    }
}

static void
change_free (Change *change)
{
  row_free (change->kind, change->before);
  row_free (change->kind, change->after);
  g_free (change);
}

static Command *
command_new (const char *label)
{
  Command *cmd = g_new0 (Command, 1);

  cmd->label = g_strdup (label);
  cmd->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);

  return cmd;
}

static void
command_free (Command *cmd)
{
  g_free (cmd->label);
  g_ptr_array_unref (cmd->changes);
  g_free (cmd);
}

/* --- replaying rows --------------------------------------------------- */

static gboolean
has_argument (const TesseraEvent    *event,
              const TesseraArgument *arg)
{
  for (guint i = 0; i < event->arguments->len; i++)
    {
      const TesseraArgument *a = &g_array_index (event->arguments, TesseraArgument, i);

      if (a->role_label_id == arg->role_label_id && a->span_id == arg->span_id)
        return TRUE;
    }
  return FALSE;
}

static gboolean
update_event_row (TesseraProject      *project,
                  const TesseraEvent  *from,
                  const TesseraEvent  *to,
                  GError             **error)
{
  if (!tessera_project_update_event (project, to, error))
    return FALSE;

  for (guint i = 0; i < from->arguments->len; i++)
    {
      const TesseraArgument *arg = &g_array_index (from->arguments, TesseraArgument, i);

      if (!has_argument (to, arg) &&
          !tessera_project_remove_argument (project, to->id, arg->role_label_id, arg->span_id, error))
        return FALSE;
    }
  for (guint i = 0; i < to->arguments->len; i++)
    {
      const TesseraArgument *arg = &g_array_index (to->arguments, TesseraArgument, i);

      if (!has_argument (from, arg) &&
          !tessera_project_add_argument (project, to->id, arg->role_label_id, arg->span_id, error))
        return FALSE;
    }

  return TRUE;
}

/* Brings one row from @from to @to. */
static gboolean
replay_row (TesseraProject  *project,
            RowKind          kind,
            gconstpointer    from,
            gconstpointer    to,
            GError         **error)
{
  switch (kind)
    {
    case ROW_SPAN:
      if (from == NULL)
        return tessera_project_insert_span (project, to, error) != 0;
      if (to == NULL)
        return tessera_project_delete_span (project, ((const TesseraSpan *) from)->id, error);
      return tessera_project_update_span (project, to, error);

    case ROW_EVENT:
      if (from == NULL)
        return tessera_project_insert_event (project, to, error) != 0;
      if (to == NULL)
        return tessera_project_delete_event (project, ((const TesseraEvent *) from)->id, error);
      return update_event_row (project, from, to, error);

    case ROW_STANCE:
      if (from == NULL)
        return tessera_project_insert_stance (project, to, error) != 0;
      if (to == NULL)
        return tessera_project_delete_stance (project, ((const TesseraStance *) from)->id, error);
      return tessera_project_update_stance (project, to, error);

    case ROW_STATUS:
      return tessera_project_set_document_status (project, ((const StatusRow *) to)->id,
                                                  ((const StatusRow *) to)->status, error);

    case ROW_LABEL:
      {
        const TesseraLabel *label = to;

        return tessera_project_update_label (project, label->id, label->name, label->color,
                                             label->shortcut ? label->shortcut : "", error);
      }

    case ROW_CLUSTER:
      if (from == NULL)
        return tessera_project_insert_cluster (project, to, error) != 0;
      if (to == NULL)
        return tessera_project_delete_cluster (project, ((const TesseraCluster *) from)->id, error);
      return tessera_project_rename_cluster (project, ((const TesseraCluster *) to)->id,
                                             ((const TesseraCluster *) to)->name, error);

    case ROW_MEMBER:
      {
        const TesseraClusterMember *m = to != NULL ? to : from;

        /* Adding a member of another cluster moves it. */
        if (to == NULL)
          return tessera_project_remove_cluster_member (project, m->span_id, m->event_id, error);
        return tessera_project_add_cluster_member (project, m->cluster_id, m->span_id, m->event_id, error);
      }

    default:
      g_assert_not_reached ();
    }
}

static gboolean
replay (TesseraHistory  *self,
        Command         *cmd,
        guint            first,
        gboolean         backward,
        GError         **error)
{
  guint n = cmd->changes->len;

  for (guint k = first; k < n; k++)
    {
      Change *change = g_ptr_array_index (cmd->changes, backward ? n - 1 - k + first : k);

      if (!replay_row (self->project, change->kind,
                       backward ? change->after : change->before,
                       backward ? change->before : change->after, error))
        return FALSE;
    }

  return TRUE;
}

/* --- GObject ---------------------------------------------------------- */

static void
tessera_history_finalize (GObject *object)
{
  TesseraHistory *self = TESSERA_HISTORY (object);

  g_clear_pointer (&self->group, command_free);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (tessera_history_parent_class)->finalize (object);
}

static void
tessera_history_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TesseraHistory *self = TESSERA_HISTORY (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, tessera_history_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, tessera_history_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_history_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TesseraHistory *self = TESSERA_HISTORY (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      self->project = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_history_class_init (TesseraHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tessera_history_finalize;
  object_class->get_property = tessera_history_get_property;
  object_class->set_property = tessera_history_set_property;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, TESSERA_TYPE_PROJECT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tessera_history_init (TesseraHistory *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
}

TesseraHistory *
tessera_history_new (TesseraProject *project)
{
  g_return_val_if_fail (TESSERA_IS_PROJECT (project), NULL);

  return g_object_new (TESSERA_TYPE_HISTORY, "project", project, NULL);
}

TesseraProject *
tessera_history_get_project (TesseraHistory *self)
{
  g_return_val_if_fail (TESSERA_IS_HISTORY (self), NULL);

  return self->project;
}

gboolean
tessera_history_can_undo (TesseraHistory *self)
{
  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  return self->undo_stack->len > 0;
}

gboolean
tessera_history_can_redo (TesseraHistory *self)
{
  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  return self->redo_stack->len > 0;
}

static const char *
top_label (GPtrArray *stack)
{
  return stack->len ? ((Command *) g_ptr_array_index (stack, stack->len - 1))->label : NULL;
}

const char *
tessera_history_get_undo_label (TesseraHistory *self)
{
  g_return_val_if_fail (TESSERA_IS_HISTORY (self), NULL);

  return top_label (self->undo_stack);
}

const char *
tessera_history_get_redo_label (TesseraHistory *self)
{
  g_return_val_if_fail (TESSERA_IS_HISTORY (self), NULL);

  return top_label (self->redo_stack);
}

static void
notify_stacks (TesseraHistory *self,
               gboolean        could_undo,
               gboolean        could_redo)
{
  if (could_undo != tessera_history_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != tessera_history_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

void
tessera_history_clear (TesseraHistory *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (TESSERA_IS_HISTORY (self));

  could_undo = tessera_history_can_undo (self);
  could_redo = tessera_history_can_redo (self);
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  notify_stacks (self, could_undo, could_redo);
}

static gboolean
move_command (TesseraHistory  *self,
              GPtrArray       *from,
              GPtrArray       *to,
              gboolean         backward,
              GError         **error)
{
  gboolean could_undo = tessera_history_can_undo (self);
  gboolean could_redo = tessera_history_can_redo (self);
  Command *cmd;

  if (self->group != NULL)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, "Finish the current change first");
      return FALSE;
    }
  if (from->len == 0)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED,
                   backward ? "Nothing to undo" : "Nothing to redo");
      return FALSE;
    }

  cmd = g_ptr_array_index (from, from->len - 1);
  if (!tessera_project_begin (self->project, error))
    return FALSE;
  if (!replay (self, cmd, 0, backward, error))
    {
      tessera_project_rollback (self->project);
      return FALSE;
    }
  if (!tessera_project_commit (self->project, error))
    return FALSE;

  g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));
  notify_stacks (self, could_undo, could_redo);

  return TRUE;
}

gboolean
tessera_history_undo (TesseraHistory  *self,
                      GError         **error)
{
  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  return move_command (self, self->undo_stack, self->redo_stack, TRUE, error);
}

gboolean
tessera_history_redo (TesseraHistory  *self,
                      GError         **error)
{
  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  return move_command (self, self->redo_stack, self->undo_stack, FALSE, error);
}

/* --- running commands ------------------------------------------------- */

typedef struct
{
  Command *cmd;
  guint    mark;   /* changes before this command, when in a group */
} Step;

static gboolean
step_begin (TesseraHistory  *self,
            const char      *label,
            Step            *step,
            GError         **error)
{
  if (!tessera_project_begin (self->project, error))
    return FALSE;

  step->cmd = self->group ? self->group : command_new (label);
  step->mark = step->cmd->changes->len;

  return TRUE;
}

static gboolean
step_end (TesseraHistory  *self,
          Step            *step,
          gboolean         ok,
          GError         **error)
{
  gboolean could_undo = tessera_history_can_undo (self);
  gboolean could_redo = tessera_history_can_redo (self);

  if (ok)
    ok = tessera_project_commit (self->project, error);
  else
    tessera_project_rollback (self->project);

  if (self->group != NULL)
    {
      if (!ok)
        g_ptr_array_set_size (step->cmd->changes, step->mark);
      return ok;
    }

  if (!ok || step->cmd->changes->len == 0)
    {
      command_free (step->cmd);
      return ok;
    }

  g_ptr_array_add (self->undo_stack, step->cmd);
  g_ptr_array_set_size (self->redo_stack, 0);
  notify_stacks (self, could_undo, could_redo);

  return TRUE;
}

static void
record (Step     *step,
        RowKind   kind,
        gpointer  before,
        gpointer  after)
{
  Change *change = g_new0 (Change, 1);

  change->kind = kind;
  change->before = before;
  change->after = after;
  g_ptr_array_add (step->cmd->changes, change);
}

/* Records and applies, in order, the rows recorded since step->mark. */
static gboolean
apply_recorded (TesseraHistory  *self,
                Step            *step,
                GError         **error)
{
  return replay (self, step->cmd, step->mark, FALSE, error);
}

gboolean
tessera_history_begin_group (TesseraHistory  *self,
                             const char      *label,
                             GError         **error)
{
  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->group == NULL, FALSE);

  if (!tessera_project_begin (self->project, error))
    return FALSE;

  self->group = command_new (label);

  return TRUE;
}

gboolean
tessera_history_end_group (TesseraHistory  *self,
                           gboolean         ok,
                           GError         **error)
{
  Step step = { NULL, 0 };

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->group != NULL, FALSE);

  step.cmd = g_steal_pointer (&self->group);

  return step_end (self, &step, ok, error);
}

static const char *
label_name (TesseraHistory *self,
            gint64          label_id)
{
  const TesseraLabel *label = tessera_project_get_label (self->project, label_id);

  return label ? label->name : "annotation";
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
  if (!step_begin (self, label, &step, error))
    return 0;

  id = tessera_project_add_span (self->project, document_id, start, end, label_id, NULL, error);
  if (id > 0 && (span = tessera_project_get_span (self->project, id, error)))
    record (&step, ROW_SPAN, NULL, span);

  if (!step_end (self, &step, span != NULL, error))
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
  if (!step_begin (self, "Change annotation", &step, error))
    {
      tessera_span_free (before);
      return FALSE;
    }

  after = tessera_span_copy (span);
  after->document_id = before->document_id;
  after->annotator_id = before->annotator_id;
  after->created = before->created;
  record (&step, ROW_SPAN, before, after);

  return step_end (self, &step, apply_recorded (self, &step, error), error);
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
          record (step, ROW_STANCE, tessera_stance_copy (stance), NULL);
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
        record (step, ROW_STANCE, tessera_stance_copy (stance), after);
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
  record (step, ROW_MEMBER, member, NULL);
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
  if (!step_begin (self, label, &step, error))
    return FALSE;

  ok = record_cluster_dependents (self, &step, span->document_id, span_id, removed, error) &&
       record_stance_dependents (self, &step, span->document_id, span_id, removed, error);
  for (guint i = 0; ok && i < events->len; i++)
    {
      TesseraEvent *event = g_ptr_array_index (events, i);

      if (g_hash_table_contains (removed, &event->id))
        record (&step, ROW_EVENT, tessera_event_copy (event), NULL);
      else if (event_uses_span (event, span_id))
        record (&step, ROW_EVENT, tessera_event_copy (event), event_without_span (event, span_id));
    }
  if (ok)
    {
      record (&step, ROW_SPAN, g_steal_pointer (&span), NULL);
      ok = apply_recorded (self, &step, error);
    }

  return step_end (self, &step, ok, error);
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
  if (!step_begin (self, label, &step, error))
    return 0;

  span_id = tessera_project_add_span (self->project, document_id, start, end, type_label_id, NULL, error);
  if (span_id > 0 && (span = tessera_project_get_span (self->project, span_id, error)))
    {
      record (&step, ROW_SPAN, NULL, span);
      event_id = tessera_project_add_event (self->project, span_id, type_label_id, NULL, NULL, error);
      if (event_id > 0 && (event = tessera_project_get_event (self->project, event_id, error)))
        record (&step, ROW_EVENT, NULL, event);
    }

  if (!step_end (self, &step, event != NULL, error))
    return 0;

  return event_id;
}

/* Keeps a trigger or statement span's label equal to its event type or
 * stance label, as tagging made it. */
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
  record (step, ROW_SPAN, before, after);

  return TRUE;
}

gboolean
tessera_history_update_event (TesseraHistory      *self,
                              const TesseraEvent  *event,
                              GError             **error)
{
  TesseraEvent *before;
  TesseraEvent *after;
  gboolean ok;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  if (!(before = tessera_project_get_event (self->project, event->id, error)))
    return FALSE;
  if (!step_begin (self, "Change event", &step, error))
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

  ok = record_span_relabel (self, &step, before->trigger_span_id, event->type_label_id, error);
  record (&step, ROW_EVENT, before, after);
  ok = ok && apply_recorded (self, &step, error);

  return step_end (self, &step, ok, error);
}

gboolean
tessera_history_delete_event (TesseraHistory  *self,
                              gint64           event_id,
                              GError         **error)
{
  g_autoptr(TesseraEvent) event = NULL;
  g_autoptr(GHashTable) removed = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean ok;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  if (!(event = tessera_project_get_event (self->project, event_id, error)))
    return FALSE;
  if (!step_begin (self, "Delete event", &step, error))
    return FALSE;

  g_hash_table_add (removed, &event->id);
  ok = record_cluster_dependents (self, &step, event->document_id, 0, removed, error) &&
       record_stance_dependents (self, &step, event->document_id, 0, removed, error);
  g_hash_table_remove_all (removed);
  if (ok)
    {
      record (&step, ROW_EVENT, g_steal_pointer (&event), NULL);
      ok = apply_recorded (self, &step, error);
    }

  return step_end (self, &step, ok, error);
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

      if (!has_argument (after, &arg))
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
    }

  if (!step_begin (self, add ? "Fill role" : "Clear role", &step, error))
    {
      tessera_event_free (before);
      tessera_event_free (after);
      return FALSE;
    }
  record (&step, ROW_EVENT, before, after);

  return step_end (self, &step, apply_recorded (self, &step, error), error);
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
  if (!step_begin (self, label, &step, error))
    return 0;

  span_id = tessera_project_add_span (self->project, document_id, start, end, label_id, NULL, error);
  if (span_id > 0 && (span = tessera_project_get_span (self->project, span_id, error)))
    {
      record (&step, ROW_SPAN, NULL, span);
      stance_id = tessera_project_add_stance (self->project, span_id, label_id, 0, 0, 0, error);
      if (stance_id > 0 && (stance = tessera_project_get_stance (self->project, stance_id, error)))
        record (&step, ROW_STANCE, NULL, stance);
    }

  if (!step_end (self, &step, stance != NULL, error))
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
  if (!step_begin (self, "Change stance", &step, error))
    {
      tessera_stance_free (before);
      return FALSE;
    }

  after = tessera_stance_copy (stance);
  after->document_id = before->document_id;
  after->span_id = before->span_id;
  after->annotator_id = before->annotator_id;

  ok = record_span_relabel (self, &step, before->span_id, stance->label_id, error);
  record (&step, ROW_STANCE, before, after);
  ok = ok && apply_recorded (self, &step, error);

  return step_end (self, &step, ok, error);
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
  if (!step_begin (self, "Delete stance", &step, error))
    {
      tessera_stance_free (stance);
      return FALSE;
    }
  record (&step, ROW_STANCE, stance, NULL);

  return step_end (self, &step, apply_recorded (self, &step, error), error);
}

gboolean
tessera_history_set_document_status (TesseraHistory         *self,
                                     gint64                  document_id,
                                     TesseraDocumentStatus   status,
                                     GError                **error)
{
  g_autoptr(TesseraDocument) doc = NULL;
  StatusRow *before;
  StatusRow *after;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  if (!(doc = tessera_project_get_document (self->project, document_id, FALSE, error)))
    return FALSE;
  if (doc->status == status)
    return TRUE;
  if (!step_begin (self, "Change status", &step, error))
    return FALSE;

  before = g_new0 (StatusRow, 1);
  before->id = document_id;
  before->status = doc->status;
  after = g_memdup2 (before, sizeof *before);
  after->status = status;
  record (&step, ROW_STATUS, before, after);

  return step_end (self, &step, apply_recorded (self, &step, error), error);
}

/* g_set_str() is GLib 2.76. */
static void
replace_string (char       **field,
                const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

gboolean
tessera_history_update_label (TesseraHistory  *self,
                              gint64           label_id,
                              const char      *name,
                              const char      *color,
                              const char      *shortcut,
                              GError         **error)
{
  const TesseraLabel *label;
  TesseraLabel *before;
  TesseraLabel *after;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  if (!(label = tessera_project_get_label (self->project, label_id)))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND, "No label with id %" G_GINT64_FORMAT, label_id);
      return FALSE;
    }

  before = tessera_label_copy (label);
  after = tessera_label_copy (label);
  if (name != NULL)
    replace_string (&after->name, name);
  if (color != NULL)
    replace_string (&after->color, color);
  if (shortcut != NULL)
    replace_string (&after->shortcut, *shortcut ? shortcut : NULL);

  if (!step_begin (self, "Change label", &step, error))
    {
      tessera_label_free (before);
      tessera_label_free (after);
      return FALSE;
    }
  record (&step, ROW_LABEL, before, after);

  return step_end (self, &step, apply_recorded (self, &step, error), error);
}

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
                           "A cluster member is a span or an event");
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

  if (!step_begin (self, "Add cluster", &step, error))
    return 0;

  id = tessera_project_add_cluster (self->project, kind, name, error);
  if (id > 0 && (cluster = tessera_project_get_cluster (self->project, id, error)))
    record (&step, ROW_CLUSTER, NULL, cluster);

  if (!step_end (self, &step, cluster != NULL, error))
    return 0;

  return id;
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
  if (!step_begin (self, "Rename cluster", &step, error))
    {
      tessera_cluster_free (before);
      return FALSE;
    }

  after = tessera_cluster_copy (before);
  replace_string (&after->name, name);
  record (&step, ROW_CLUSTER, before, after);

  return step_end (self, &step, apply_recorded (self, &step, error), error);
}

gboolean
tessera_history_delete_cluster (TesseraHistory  *self,
                                gint64           cluster_id,
                                GError         **error)
{
  TesseraCluster *cluster;
  g_autoptr(GArray) members = NULL;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  if (!(members = tessera_project_list_cluster_members (self->project, cluster_id, error)))
    return FALSE;
  if (!(cluster = tessera_project_get_cluster (self->project, cluster_id, error)))
    return FALSE;
  if (!step_begin (self, "Delete cluster", &step, error))
    {
      tessera_cluster_free (cluster);
      return FALSE;
    }

  /* Members first: undo brings the cluster back before them. */
  for (guint i = 0; i < members->len; i++)
    {
      const TesseraClusterMember *m = &g_array_index (members, TesseraClusterMember, i);

      record (&step, ROW_MEMBER, g_memdup2 (m, sizeof *m), NULL);
    }
  record (&step, ROW_CLUSTER, cluster, NULL);

  return step_end (self, &step, apply_recorded (self, &step, error), error);
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
  if (!step_begin (self, "Add to cluster", &step, error))
    return FALSE;

  record (&step, ROW_MEMBER,
          old_id > 0 ? member_new (old_id, span_id, event_id, document_id) : NULL,
          member_new (cluster_id, span_id, event_id, document_id));

  return step_end (self, &step, apply_recorded (self, &step, error), error);
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
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND,
                   "%s %" G_GINT64_FORMAT " is in no cluster",
                   span_id > 0 ? "Span" : "Event", span_id > 0 ? span_id : event_id);
      return FALSE;
    }
  if (!step_begin (self, "Remove from cluster", &step, error))
    return FALSE;

  record (&step, ROW_MEMBER, member_new (old_id, span_id, event_id, document_id), NULL);

  return step_end (self, &step, apply_recorded (self, &step, error), error);
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
                           "A cluster cannot be merged into itself");
      return FALSE;
    }
  if (into->kind != from->kind)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   "“%s” and “%s” are not both entity or both event clusters",
                   into->name, from->name);
      return FALSE;
    }
  if (!(members = tessera_project_list_cluster_members (self->project, from_id, error)))
    return FALSE;
  if (!step_begin (self, "Merge clusters", &step, error))
    return FALSE;

  for (guint i = 0; i < members->len; i++)
    {
      const TesseraClusterMember *m = &g_array_index (members, TesseraClusterMember, i);

      record (&step, ROW_MEMBER, g_memdup2 (m, sizeof *m),
              member_new (into_id, m->span_id, m->event_id, m->document_id));
    }
  record (&step, ROW_CLUSTER, g_steal_pointer (&from), NULL);

  return step_end (self, &step, apply_recorded (self, &step, error), error);
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
                           "Splitting a cluster needs the members that leave it");
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

  if (!step_begin (self, "Split cluster", &step, error))
    return 0;

  new_id = tessera_project_add_cluster (self->project, cluster->kind, name, error);
  ok = new_id > 0 && (created = tessera_project_get_cluster (self->project, new_id, error)) != NULL;
  if (ok)
    record (&step, ROW_CLUSTER, NULL, created);
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
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       "%s %" G_GINT64_FORMAT " is not a member of “%s”",
                       m->span_id > 0 ? "Span" : "Event",
                       m->span_id > 0 ? m->span_id : m->event_id, cluster->name);
          ok = FALSE;
          break;
        }

      record (&step, ROW_MEMBER, g_memdup2 (old, sizeof *old),
              member_new (new_id, old->span_id, old->event_id, old->document_id));
      /* Listed twice: moved once. */
      g_hash_table_remove (in_cluster, key);
    }

  /* The new cluster is there already; only the moves remain to apply. */
  ok = ok && replay (self, step.cmd, first, FALSE, error);

  if (!step_end (self, &step, ok, error))
    return 0;

  return new_id;
}

/* --- suggestions ------------------------------------------------------ */

/* A command made of other commands (deleting spans, events, stances), as
 * one undo step: a group of its own, or a step of the caller's group so
 * a failure takes back only what this command did. */
typedef struct
{
  Step     step;
  gboolean own_group;
} Compound;

static gboolean
compound_begin (TesseraHistory  *self,
                const char      *label,
                Compound        *c,
                GError         **error)
{
  c->own_group = self->group == NULL;
  if (c->own_group && !tessera_history_begin_group (self, label, error))
    return FALSE;
  if (!step_begin (self, label, &c->step, error))
    {
      if (c->own_group)
        tessera_history_end_group (self, FALSE, NULL);
      return FALSE;
    }

  return TRUE;
}

static gboolean
compound_end (TesseraHistory  *self,
              Compound        *c,
              gboolean         ok,
              GError         **error)
{
  ok = step_end (self, &c->step, ok, error);
  if (c->own_group)
    ok = tessera_history_end_group (self, ok, ok ? error : NULL) && ok;

  return ok;
}

/* What accepting records: each suggested row once, spans before the
 * events and stances that use them. */
typedef struct
{
  TesseraHistory *self;
  Step           *step;
  GHashTable     *seen;   /* "s<id>", "e<id>", "t<id>" */
} Acceptance;

static gboolean
first_visit (Acceptance *a,
             char        prefix,
             gint64      id)
{
  return g_hash_table_add (a->seen, g_strdup_printf ("%c%" G_GINT64_FORMAT, prefix, id));
}

static gboolean
accept_span_row (Acceptance  *a,
                 gint64       span_id,
                 GError     **error)
{
  TesseraSpan *before;
  TesseraSpan *after;

  if (span_id <= 0 || !first_visit (a, 's', span_id))
    return TRUE;
  if (!(before = tessera_project_get_span (a->self->project, span_id, error)))
    return FALSE;
  if (!before->suggested)
    {
      tessera_span_free (before);
      return TRUE;
    }

  after = tessera_span_copy (before);
  after->suggested = FALSE;
  record (a->step, ROW_SPAN, before, after);

  return TRUE;
}

/* The event and the spans it uses. */
static gboolean
accept_event_row (Acceptance  *a,
                  gint64       event_id,
                  GError     **error)
{
  g_autoptr(TesseraEvent) before = NULL;
  TesseraEvent *after;

  if (event_id <= 0 || !first_visit (a, 'e', event_id))
    return TRUE;
  if (!(before = tessera_project_get_event (a->self->project, event_id, error)))
    return FALSE;

  if (!accept_span_row (a, before->trigger_span_id, error))
    return FALSE;
  for (guint i = 0; i < before->arguments->len; i++)
    if (!accept_span_row (a, g_array_index (before->arguments, TesseraArgument, i).span_id, error))
      return FALSE;

  if (before->suggested)
    {
      after = tessera_event_copy (before);
      after->suggested = FALSE;
      record (a->step, ROW_EVENT, g_steal_pointer (&before), after);
    }

  return TRUE;
}

/* The stance, its spans and the event it is toward. */
static gboolean
accept_stance_row (Acceptance  *a,
                   gint64       stance_id,
                   GError     **error)
{
  TesseraStance *before;
  TesseraStance *after;

  if (stance_id <= 0 || !first_visit (a, 't', stance_id))
    return TRUE;
  if (!(before = tessera_project_get_stance (a->self->project, stance_id, error)))
    return FALSE;

  if (!accept_span_row (a, before->span_id, error) ||
      !accept_span_row (a, before->holder_span_id, error) ||
      !accept_span_row (a, before->target_span_id, error) ||
      !accept_event_row (a, before->target_event_id, error))
    {
      tessera_stance_free (before);
      return FALSE;
    }

  if (!before->suggested)
    {
      tessera_stance_free (before);
      return TRUE;
    }

  after = tessera_stance_copy (before);
  after->suggested = FALSE;
  record (a->step, ROW_STANCE, before, after);

  return TRUE;
}

static gboolean
accept_object (Acceptance         *a,
               TesseraChangeKind   kind,
               gint64              id,
               GError            **error)
{
  switch (kind)
    {
    case TESSERA_CHANGE_SPAN:
      return accept_span_row (a, id, error);
    case TESSERA_CHANGE_EVENT:
      return accept_event_row (a, id, error);
    case TESSERA_CHANGE_STANCE:
      return accept_stance_row (a, id, error);
    default:
      g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                           "Only spans, events and stances are suggested");
      return FALSE;
    }
}

gboolean
tessera_history_accept_suggestion (TesseraHistory     *self,
                                   TesseraChangeKind   kind,
                                   gint64              id,
                                   GError            **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Acceptance a = { self, NULL, seen };
  gboolean ok;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  if (!step_begin (self, "Accept suggestion", &step, error))
    return FALSE;

  a.step = &step;
  ok = accept_object (&a, kind, id, error) && apply_recorded (self, &step, error);

  return step_end (self, &step, ok, error);
}

/* Document ids to work on: @document_id, or every one with suggestions. */
static GArray *
suggestion_documents (TesseraHistory  *self,
                      gint64           document_id,
                      GError         **error)
{
  GArray *ids;

  if (document_id <= 0)
    return tessera_project_list_suggestion_documents (self->project, error);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (ids, document_id);

  return ids;
}

gboolean
tessera_history_accept_suggestions (TesseraHistory  *self,
                                    gint64           document_id,
                                    GError         **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) documents = NULL;
  Acceptance a = { self, NULL, seen };
  gboolean ok = TRUE;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  if (!(documents = suggestion_documents (self, document_id, error)))
    return FALSE;
  if (!step_begin (self, "Accept all suggestions", &step, error))
    return FALSE;
  a.step = &step;

  for (guint d = 0; ok && d < documents->len; d++)
    {
      gint64 doc = g_array_index (documents, gint64, d);
      g_autoptr(GArray) spans = NULL;
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(GArray) stances = NULL;

      ok = (spans = tessera_project_list_spans (self->project, doc, error)) != NULL &&
           (events = tessera_project_list_events (self->project, doc, error)) != NULL &&
           (stances = tessera_project_list_stances (self->project, doc, error)) != NULL;

      for (guint i = 0; ok && i < spans->len; i++)
        if (g_array_index (spans, TesseraSpan, i).suggested)
          ok = accept_span_row (&a, g_array_index (spans, TesseraSpan, i).id, error);
      for (guint i = 0; ok && i < events->len; i++)
        if (((TesseraEvent *) g_ptr_array_index (events, i))->suggested)
          ok = accept_event_row (&a, ((TesseraEvent *) g_ptr_array_index (events, i))->id, error);
      for (guint i = 0; ok && i < stances->len; i++)
        if (g_array_index (stances, TesseraStance, i).suggested)
          ok = accept_stance_row (&a, g_array_index (stances, TesseraStance, i).id, error);
    }

  ok = ok && apply_recorded (self, &step, error);

  return step_end (self, &step, ok, error);
}

/* Deletes one suggestion as the analyst's delete would (what depends on
 * it goes too, undo brings it all back). An event or a stance goes with
 * its trigger or statement span when that was suggested with it: such a
 * span means nothing alone. */
static gboolean
reject_object (TesseraHistory     *self,
               TesseraChangeKind   kind,
               gint64              id,
               GError            **error)
{
  switch (kind)
    {
    case TESSERA_CHANGE_SPAN:
      {
        g_autoptr(TesseraSpan) span = tessera_project_get_span (self->project, id, error);

        if (span == NULL)
          return FALSE;
        if (!span->suggested)
          break;
        return tessera_history_delete_span (self, id, error);
      }

    case TESSERA_CHANGE_EVENT:
      {
        g_autoptr(TesseraEvent) event = tessera_project_get_event (self->project, id, error);
        g_autoptr(TesseraSpan) trigger = NULL;

        if (event == NULL)
          return FALSE;
        if (!event->suggested)
          break;
        if (!(trigger = tessera_project_get_span (self->project, event->trigger_span_id, error)))
          return FALSE;
        if (trigger->suggested)
          return tessera_history_delete_span (self, trigger->id, error);
        return tessera_history_delete_event (self, id, error);
      }

    case TESSERA_CHANGE_STANCE:
      {
        g_autoptr(TesseraStance) stance = tessera_project_get_stance (self->project, id, error);
        g_autoptr(TesseraSpan) statement = NULL;

        if (stance == NULL)
          return FALSE;
        if (!stance->suggested)
          break;
        if (!(statement = tessera_project_get_span (self->project, stance->span_id, error)))
          return FALSE;
        if (statement->suggested)
          return tessera_history_delete_span (self, statement->id, error);
        return tessera_history_delete_stance (self, id, error);
      }

    default:
      g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                           "Only spans, events and stances are suggested");
      return FALSE;
    }

  /* Rejecting deletes: never what an analyst made or accepted. */
  g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
               "%s %" G_GINT64_FORMAT " is not a suggestion",
               kind == TESSERA_CHANGE_SPAN ? "Span" : kind == TESSERA_CHANGE_EVENT ? "Event" : "Stance", id);
  return FALSE;
}

gboolean
tessera_history_reject_suggestion (TesseraHistory     *self,
                                   TesseraChangeKind   kind,
                                   gint64              id,
                                   GError            **error)
{
  Compound c;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  if (!compound_begin (self, "Reject suggestion", &c, error))
    return FALSE;

  return compound_end (self, &c, reject_object (self, kind, id, error), error);
}

/* Rejects what is still there and still suggested of @ids (an earlier
 * rejection may have taken it along). */
static gboolean
reject_remaining (TesseraHistory     *self,
                  TesseraChangeKind   kind,
                  GArray             *ids,
                  GError            **error)
{
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      gboolean suggested = FALSE;

      if (kind == TESSERA_CHANGE_SPAN)
        {
          g_autoptr(TesseraSpan) span = tessera_project_get_span (self->project, id, NULL);

          suggested = span != NULL && span->suggested;
        }
      else if (kind == TESSERA_CHANGE_EVENT)
        {
          g_autoptr(TesseraEvent) event = tessera_project_get_event (self->project, id, NULL);

          suggested = event != NULL && event->suggested;
        }
      else
        {
          g_autoptr(TesseraStance) stance = tessera_project_get_stance (self->project, id, NULL);

          suggested = stance != NULL && stance->suggested;
        }

      if (suggested && !reject_object (self, kind, id, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
tessera_history_reject_suggestions (TesseraHistory  *self,
                                    gint64           document_id,
                                    GError         **error)
{
  g_autoptr(GArray) documents = NULL;
  gboolean ok = TRUE;
  Compound c;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  if (!(documents = suggestion_documents (self, document_id, error)))
    return FALSE;
  if (!compound_begin (self, "Reject all suggestions", &c, error))
    return FALSE;

  for (guint d = 0; ok && d < documents->len; d++)
    {
      gint64 doc = g_array_index (documents, gint64, d);
      g_autoptr(GArray) spans = NULL;
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(GArray) stances = NULL;
      g_autoptr(GArray) span_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) event_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) stance_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

      ok = (spans = tessera_project_list_spans (self->project, doc, error)) != NULL &&
           (events = tessera_project_list_events (self->project, doc, error)) != NULL &&
           (stances = tessera_project_list_stances (self->project, doc, error)) != NULL;
      if (!ok)
        break;

      for (guint i = 0; i < spans->len; i++)
        if (g_array_index (spans, TesseraSpan, i).suggested)
          g_array_append_val (span_ids, g_array_index (spans, TesseraSpan, i).id);
      for (guint i = 0; i < events->len; i++)
        if (((TesseraEvent *) g_ptr_array_index (events, i))->suggested)
          g_array_append_val (event_ids, ((TesseraEvent *) g_ptr_array_index (events, i))->id);
      for (guint i = 0; i < stances->len; i++)
        if (g_array_index (stances, TesseraStance, i).suggested)
          g_array_append_val (stance_ids, g_array_index (stances, TesseraStance, i).id);

      ok = reject_remaining (self, TESSERA_CHANGE_STANCE, stance_ids, error) &&
           reject_remaining (self, TESSERA_CHANGE_EVENT, event_ids, error) &&
           reject_remaining (self, TESSERA_CHANGE_SPAN, span_ids, error);
    }

  return compound_end (self, &c, ok, error);
}

gboolean
tessera_history_record_made (TesseraHistory  *self,
                             const char      *label,
                             GArray          *span_ids,
                             GArray          *event_ids,
                             GArray          *stance_ids,
                             GError         **error)
{
  gboolean could_undo, could_redo;
  Command *cmd;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  could_undo = tessera_history_can_undo (self);
  could_redo = tessera_history_can_redo (self);
  cmd = self->group ? self->group : command_new (label);

  /* Spans first, stances last: undo replays backward, so what refers to
   * a span goes before the span. */
  for (guint i = 0; span_ids != NULL && i < span_ids->len; i++)
    {
      TesseraSpan *span = tessera_project_get_span (self->project, g_array_index (span_ids, gint64, i), error);

      if (span == NULL)
        goto failed;
      record (&(Step) { cmd, 0 }, ROW_SPAN, NULL, span);
    }
  for (guint i = 0; event_ids != NULL && i < event_ids->len; i++)
    {
      TesseraEvent *event = tessera_project_get_event (self->project, g_array_index (event_ids, gint64, i), error);

      if (event == NULL)
        goto failed;
      record (&(Step) { cmd, 0 }, ROW_EVENT, NULL, event);
    }
  for (guint i = 0; stance_ids != NULL && i < stance_ids->len; i++)
    {
      TesseraStance *stance = tessera_project_get_stance (self->project, g_array_index (stance_ids, gint64, i), error);

      if (stance == NULL)
        goto failed;
      record (&(Step) { cmd, 0 }, ROW_STANCE, NULL, stance);
    }

  if (cmd == self->group)
    return TRUE;
  if (cmd->changes->len == 0)
    {
      command_free (cmd);
      return TRUE;
    }

  g_ptr_array_add (self->undo_stack, cmd);
  g_ptr_array_set_size (self->redo_stack, 0);
  notify_stacks (self, could_undo, could_redo);

  return TRUE;

failed:
  if (cmd != self->group)
    command_free (cmd);
  return FALSE;
}
