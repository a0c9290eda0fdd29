/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-history-private.h"

G_DEFINE_FINAL_TYPE (TesseraHistory, tessera_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
    case ROW_REJECTION: g_free (row); break;
    case ROW_DOCUMENT: tessera_document_unref (row); break;
    case ROW_CODED: tessera_coded_override_free (row); break;
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

gboolean
_tessera_history_has_argument (const TesseraEvent    *event,
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

      if (!_tessera_history_has_argument (to, arg) &&
          !tessera_project_remove_argument (project, to->id, arg->role_label_id, arg->span_id, error))
        return FALSE;
    }
  for (guint i = 0; i < to->arguments->len; i++)
    {
      const TesseraArgument *arg = &g_array_index (to->arguments, TesseraArgument, i);

      if (!_tessera_history_has_argument (from, arg) &&
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

    case ROW_DOCUMENT:
      return _tessera_history_replay_document (project, to, error);

    case ROW_REJECTION:
      {
        const TesseraRejection *r = to != NULL ? to : from;

        if (to == NULL)
          return tessera_project_remove_rejection (project, r->document_id, r->start, r->end,
                                                   r->label_id, error);
        return tessera_project_add_rejection (project, r, error);
      }

    case ROW_CODED:
      {
        const TesseraCodedOverride *o = to != NULL ? to : from;

        if (to == NULL)
          return tessera_project_remove_coded_override (project, o->cluster_id, o->field, error);
        return tessera_project_set_coded_override (project, o, error);
      }

    default:
      g_assert_not_reached ();
    }
}

gboolean
_tessera_history_replay (TesseraHistory  *self,
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

  /* The stacks changed: a step was done, undone or redone, or the
   * history cleared (what tessera_history_describe_undo() says may have
   * changed). Emitted after "notify::can-undo" and "notify::can-redo". */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
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
  g_signal_emit (self, signals[CHANGED], 0);
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
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, _("Finish the current change first"));
      return FALSE;
    }
  if (from->len == 0)
    {
      g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_FAILED,
                           backward ? _("Nothing to undo") : _("Nothing to redo"));
      return FALSE;
    }

  cmd = g_ptr_array_index (from, from->len - 1);
  if (!tessera_project_begin (self->project, error))
    return FALSE;
  if (!_tessera_history_replay (self, cmd, 0, backward, error))
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

gboolean
_tessera_history_step_begin (TesseraHistory  *self,
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

gboolean
_tessera_history_step_end (TesseraHistory  *self,
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

  step->cmd->serial = ++self->last_serial;
  g_ptr_array_add (self->undo_stack, step->cmd);
  g_ptr_array_set_size (self->redo_stack, 0);
  notify_stacks (self, could_undo, could_redo);

  return TRUE;
}

void
_tessera_history_record (Step     *step,
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
gboolean
_tessera_history_apply_recorded (TesseraHistory  *self,
                                 Step            *step,
                                 GError         **error)
{
  return _tessera_history_replay (self, step->cmd, step->mark, FALSE, error);
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

  return _tessera_history_step_end (self, &step, ok, error);
}

/* g_set_str() is GLib 2.76. */
void
_tessera_history_replace_string (char       **field,
                                 const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}
