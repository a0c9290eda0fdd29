/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-history"

#include "config.h"

#include <string.h>

#include "tessera-history-private.h"

/* What a step is about, read from its rows: so that a window can say
 * what undo would take back, and show it where it happens.
 *
 * A step's rows are gathered into subjects: an event or a stance with
 * its trigger or statement span, or a span on its own. Its subject is
 * the one it made, deleted or relabelled (in the document preferred when
 * it changes that one), rather than one it changed on the way (an event
 * losing a role when its span was deleted). */

typedef struct
{
  RowKind        kind;        /* ROW_SPAN, ROW_EVENT or ROW_STANCE */
  gint64         id;
  gint64         document_id;
  gint64         span_id;     /* the span itself, or the trigger, the statement */
  gconstpointer  before;      /* its main row */
  gconstpointer  after;
  const TesseraSpan *span_before;  /* its span's row, when the step has one */
  const TesseraSpan *span_after;
  gboolean       span_row;
  guint          order;
} Subject;

/* Of a span, event or stance row (the history's row kinds grow: no
 * switch over them here). */
static gboolean
row_suggested (RowKind       kind,
               gconstpointer row)
{
  if (kind == ROW_SPAN)
    return ((const TesseraSpan *) row)->suggested;
  if (kind == ROW_EVENT)
    return ((const TesseraEvent *) row)->suggested;
  return ((const TesseraStance *) row)->suggested;
}

static gint64
row_label (RowKind       kind,
           gconstpointer row)
{
  if (kind == ROW_SPAN)
    return ((const TesseraSpan *) row)->label_id;
  if (kind == ROW_EVENT)
    return ((const TesseraEvent *) row)->type_label_id;
  return ((const TesseraStance *) row)->label_id;
}

static TesseraStepAction
subject_action (const Subject *s)
{
  if (s->before == NULL)
    return TESSERA_STEP_ADD;
  if (s->after == NULL)
    return row_suggested (s->kind, s->before) ? TESSERA_STEP_REJECT : TESSERA_STEP_DELETE;
  if (row_suggested (s->kind, s->before) && !row_suggested (s->kind, s->after))
    return TESSERA_STEP_ACCEPT;
  if (row_label (s->kind, s->before) != row_label (s->kind, s->after))
    return TESSERA_STEP_RELABEL;
  return TESSERA_STEP_CHANGE;
}

/* How much a step's subject is what it did: a change on the way counts
 * least. */
static guint
action_rank (TesseraStepAction action)
{
  switch (action)
    {
    case TESSERA_STEP_ADD:
    case TESSERA_STEP_DELETE:
    case TESSERA_STEP_REJECT:
      return 3;
    case TESSERA_STEP_ACCEPT:
    case TESSERA_STEP_RELABEL:
      return 2;
    case TESSERA_STEP_CHANGE:
      return 1;
    case TESSERA_STEP_OTHER:
    case TESSERA_STEP_STATUS:
    case TESSERA_STEP_DETAILS:
    default:
      return 0;
    }
}

static Subject *
find_subject (GArray  *subjects,
              RowKind  kind,
              gint64   id)
{
  for (guint i = 0; i < subjects->len; i++)
    {
      Subject *s = &g_array_index (subjects, Subject, i);

      if (s->kind == kind && s->id == id)
        return s;
    }
  return NULL;
}

/* The subject that stands on span @span_id (an event or a stance), or
 * the span's own. */
static Subject *
find_span_subject (GArray *subjects,
                   gint64  span_id)
{
  for (guint i = 0; i < subjects->len; i++)
    {
      Subject *s = &g_array_index (subjects, Subject, i);

      if (s->span_id == span_id)
        return s;
    }
  return NULL;
}

static void
gather_frames (GArray    *subjects,
               GPtrArray *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const Change *c = g_ptr_array_index (changes, i);
      gconstpointer row = c->after != NULL ? c->after : c->before;
      Subject s = { 0, };

      if (c->kind == ROW_EVENT)
        {
          const TesseraEvent *event = row;

          s.id = event->id;
          s.document_id = event->document_id;
          s.span_id = event->trigger_span_id;
        }
      else if (c->kind == ROW_STANCE)
        {
          const TesseraStance *stance = row;

          s.id = stance->id;
          s.document_id = stance->document_id;
          s.span_id = stance->span_id;
        }
      else
        continue;

      /* A row of it again (an event that lost a role, then its type):
       * from the first before to the last after. */
      if (find_subject (subjects, c->kind, s.id) != NULL)
        {
          find_subject (subjects, c->kind, s.id)->after = c->after;
          continue;
        }
      s.kind = c->kind;
      s.before = c->before;
      s.after = c->after;
      s.order = i;
      g_array_append_val (subjects, s);
    }
}

static void
gather_spans (GArray    *subjects,
              GPtrArray *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const Change *c = g_ptr_array_index (changes, i);
      const TesseraSpan *span = c->after != NULL ? c->after : c->before;
      Subject *s;

      if (c->kind != ROW_SPAN)
        continue;

      if ((s = find_span_subject (subjects, span->id)) == NULL)
        {
          Subject add = { 0, };

          add.kind = ROW_SPAN;
          add.id = add.span_id = span->id;
          add.document_id = span->document_id;
          add.before = c->before;
          add.order = i;
          g_array_append_val (subjects, add);
          s = &g_array_index (subjects, Subject, subjects->len - 1);
        }
      if (!s->span_row)
        s->span_before = c->before;
      s->span_row = TRUE;
      s->span_after = c->after;
      if (s->kind == ROW_SPAN)
        s->after = c->after;
    }
}

/* The subject to show: in @document_id when the step changes it, the
 * most the step's own, the first of those. */
static const Subject *
choose_subject (GArray *subjects,
                gint64  document_id)
{
  const Subject *best = NULL;
  gboolean in_document = FALSE;

  for (guint i = 0; i < subjects->len && !in_document; i++)
    in_document = g_array_index (subjects, Subject, i).document_id == document_id;

  for (guint i = 0; i < subjects->len; i++)
    {
      const Subject *s = &g_array_index (subjects, Subject, i);

      if (in_document && s->document_id != document_id)
        continue;
      if (best == NULL || action_rank (subject_action (s)) > action_rank (subject_action (best)))
        best = s;
    }

  return best;
}

/* Whether the step did more than @subject: another subject that it made,
 * deleted, relabelled or accepted too. */
static gboolean
does_more (GArray        *subjects,
           const Subject *subject)
{
  for (guint i = 0; i < subjects->len; i++)
    {
      const Subject *s = &g_array_index (subjects, Subject, i);

      if (s != subject && action_rank (subject_action (s)) > action_rank (TESSERA_STEP_CHANGE))
        return TRUE;
    }
  return FALSE;
}

static void
describe_subject (TesseraHistory     *self,
                  const Subject      *s,
                  TesseraHistoryStep *step)
{
  const TesseraSpan *span = s->span_after != NULL ? s->span_after : s->span_before;

  step->action = subject_action (s);
  step->document_id = s->document_id;
  step->kind = s->kind == ROW_EVENT ? TESSERA_CHANGE_EVENT
             : s->kind == ROW_STANCE ? TESSERA_CHANGE_STANCE : TESSERA_CHANGE_SPAN;
  step->id = s->id;
  step->span_id = s->span_id;
  step->label_id = row_label (s->kind, s->after != NULL ? s->after : s->before);

  if (span != NULL)
    {
      step->start = span->start;
      step->end = span->end;
    }
  else
    {
      /* The step left the span as it was (a role filled): it is there. */
      g_autoptr(TesseraSpan) found = tessera_project_get_span (self->project, s->span_id, NULL);

      if (found != NULL)
        {
          step->start = found->start;
          step->end = found->end;
        }
    }
}

static gboolean
describe (TesseraHistory     *self,
          GPtrArray          *stack,
          gint64              document_id,
          TesseraHistoryStep *step)
{
  g_autoptr(GArray) subjects = g_array_new (FALSE, TRUE, sizeof (Subject));
  const Subject *subject;
  Command *cmd;

  memset (step, 0, sizeof *step);
  if (stack->len == 0)
    return FALSE;

  cmd = g_ptr_array_index (stack, stack->len - 1);
  step->serial = cmd->serial;
  step->label = cmd->label;
  step->kind = TESSERA_CHANGE_RESET;

  gather_frames (subjects, cmd->changes);
  gather_spans (subjects, cmd->changes);

  if ((subject = choose_subject (subjects, document_id)) != NULL)
    {
      describe_subject (self, subject, step);
      step->several = does_more (subjects, subject);
      return TRUE;
    }

  /* No annotation: a document's status or details, or labels and
   * clusters. */
  for (guint i = 0; i < cmd->changes->len; i++)
    {
      const Change *c = g_ptr_array_index (cmd->changes, i);

      if (c->kind == ROW_STATUS)
        {
          step->action = TESSERA_STEP_STATUS;
          step->document_id = ((const StatusRow *) c->after)->id;
        }
      else if (c->kind == ROW_DOCUMENT)
        {
          step->action = TESSERA_STEP_DETAILS;
          step->document_id = ((const TesseraDocument *) c->after)->id;
        }
      else
        continue;
      step->kind = TESSERA_CHANGE_DOCUMENT;
      step->id = step->document_id;
      return TRUE;
    }
  step->action = TESSERA_STEP_OTHER;

  return TRUE;
}

gboolean
tessera_history_describe_undo (TesseraHistory     *self,
                               gint64              document_id,
                               TesseraHistoryStep *step)
{
  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (step != NULL, FALSE);

  return describe (self, self->undo_stack, document_id, step);
}

gboolean
tessera_history_describe_redo (TesseraHistory     *self,
                               gint64              document_id,
                               TesseraHistoryStep *step)
{
  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (step != NULL, FALSE);

  return describe (self, self->redo_stack, document_id, step);
}
