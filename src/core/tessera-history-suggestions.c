/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-history"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-history-private.h"

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
  if (!_tessera_history_step_begin (self, label, &c->step, error))
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
  ok = _tessera_history_step_end (self, &c->step, ok, error);
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
  _tessera_history_record (a->step, ROW_SPAN, before, after);

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
      _tessera_history_record (a->step, ROW_EVENT, g_steal_pointer (&before), after);
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
  _tessera_history_record (a->step, ROW_STANCE, before, after);

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
    case TESSERA_CHANGE_DOCUMENT:
    case TESSERA_CHANGE_SCHEMA:
    case TESSERA_CHANGE_RESET:
    case TESSERA_CHANGE_CLUSTER:
    default:
      g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                           _("Only spans, events and stances are suggested"));
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

  if (!_tessera_history_step_begin (self, "Accept suggestion", &step, error))
    return FALSE;

  a.step = &step;
  ok = accept_object (&a, kind, id, error) && _tessera_history_apply_recorded (self, &step, error);

  return _tessera_history_step_end (self, &step, ok, error);
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
  if (!_tessera_history_step_begin (self, "Accept all suggestions", &step, error))
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

  ok = ok && _tessera_history_apply_recorded (self, &step, error);

  return _tessera_history_step_end (self, &step, ok, error);
}

/* Remembers that the suggestion of @label_id at @start–@end of
 * @document_id was rejected, as a step of the rejecting command (so its
 * undo forgets it again); nothing when it is remembered already. */
static gboolean
remember_rejection (TesseraHistory  *self,
                    gint64           document_id,
                    gint64           start,
                    gint64           end,
                    gint64           label_id,
                    GError         **error)
{
  TesseraRejection *rejection;
  gboolean known = FALSE;
  gint64 annotator_id;
  Step step;

  if (!tessera_project_has_rejection (self->project, document_id, start, end, label_id, &known, error))
    return FALSE;
  if (known)
    return TRUE;
  if (!(annotator_id = tessera_project_get_current_annotator_id (self->project, error)) ||
      !_tessera_history_step_begin (self, "Reject suggestion", &step, error))
    return FALSE;

  rejection = g_new0 (TesseraRejection, 1);
  rejection->document_id = document_id;
  rejection->start = start;
  rejection->end = end;
  rejection->label_id = label_id;
  rejection->annotator_id = annotator_id;
  rejection->rejected_at = g_get_real_time () / G_USEC_PER_SEC;
  _tessera_history_record (&step, ROW_REJECTION, NULL, rejection);

  return _tessera_history_step_end (self, &step,
                                    _tessera_history_apply_recorded (self, &step, error), error);
}

/* Deletes one suggestion as the analyst's delete would (what depends on
 * it goes too, undo brings it all back), and remembers it as rejected:
 * a span by its place and label, an event by its trigger's place and its
 * type, a stance by its statement's place and its label. An event or a
 * stance goes with its trigger or statement span when that was suggested
 * with it: such a span means nothing alone. */
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
        return tessera_history_delete_span (self, id, error) &&
               remember_rejection (self, span->document_id, span->start, span->end, span->label_id, error);
      }

    case TESSERA_CHANGE_EVENT:
      {
        g_autoptr(TesseraEvent) event = tessera_project_get_event (self->project, id, error);
        g_autoptr(TesseraSpan) trigger = NULL;
        g_autoptr(GPtrArray) on_trigger = NULL;
        gboolean ok;

        if (event == NULL)
          return FALSE;
        if (!event->suggested)
          break;
        if (!(trigger = tessera_project_get_span (self->project, event->trigger_span_id, error)) ||
            !(on_trigger = _tessera_history_list_trigger_events (self, event->document_id, trigger->id, error)))
          return FALSE;
        /* A suggested trigger goes with its event, unless other events
         * stand on it too. */
        if (trigger->suggested && on_trigger->len <= 1)
          ok = tessera_history_delete_span (self, trigger->id, error);
        else
          ok = tessera_history_delete_event (self, id, error);
        return ok && remember_rejection (self, event->document_id, trigger->start, trigger->end,
                                         event->type_label_id, error);
      }

    case TESSERA_CHANGE_STANCE:
      {
        g_autoptr(TesseraStance) stance = tessera_project_get_stance (self->project, id, error);
        g_autoptr(TesseraSpan) statement = NULL;
        gboolean ok;

        if (stance == NULL)
          return FALSE;
        if (!stance->suggested)
          break;
        if (!(statement = tessera_project_get_span (self->project, stance->span_id, error)))
          return FALSE;
        if (statement->suggested)
          ok = tessera_history_delete_span (self, statement->id, error);
        else
          ok = tessera_history_delete_stance (self, id, error);
        return ok && remember_rejection (self, stance->document_id, statement->start, statement->end,
                                         stance->label_id, error);
      }

    case TESSERA_CHANGE_DOCUMENT:
    case TESSERA_CHANGE_SCHEMA:
    case TESSERA_CHANGE_RESET:
    case TESSERA_CHANGE_CLUSTER:
    default:
      g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                           _("Only spans, events and stances are suggested"));
      return FALSE;
    }

  /* Rejecting deletes: never what an analyst made or accepted. */
  if (kind == TESSERA_CHANGE_SPAN)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                 _("Span %" PRId64 " is not a suggestion"), id);
  else if (kind == TESSERA_CHANGE_EVENT)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                 _("Event %" PRId64 " is not a suggestion"), id);
  else
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                 _("Stance %" PRId64 " is not a suggestion"), id);
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

/* --- suggestions an analysis planned ------------------------------------- */

typedef struct
{
  TesseraHistory *history;
  Step            step;
} Making;

/* Records a row the plan just made as it is stored (with the defaults and
 * times the project gave it), for redo to make it again the same. */
static gboolean
record_made_row (TesseraChangeKind   kind,
                 gint64              id,
                 gpointer            user_data,
                 GError            **error)
{
  Making *making = user_data;
  TesseraProject *project = making->history->project;
  gpointer row = NULL;
  RowKind row_kind = ROW_SPAN;

  switch (kind)
    {
    case TESSERA_CHANGE_SPAN:
      row = tessera_project_get_span (project, id, error);
      row_kind = ROW_SPAN;
      break;
    case TESSERA_CHANGE_EVENT:
      row = tessera_project_get_event (project, id, error);
      row_kind = ROW_EVENT;
      break;
    case TESSERA_CHANGE_STANCE:
      row = tessera_project_get_stance (project, id, error);
      row_kind = ROW_STANCE;
      break;
    case TESSERA_CHANGE_DOCUMENT:
    case TESSERA_CHANGE_SCHEMA:
    case TESSERA_CHANGE_RESET:
    case TESSERA_CHANGE_CLUSTER:
    default:
      g_assert_not_reached ();
    }

  if (row == NULL)
    return FALSE;
  _tessera_history_record (&making->step, row_kind, NULL, row);
  return TRUE;
}

TesseraPropagateResult *
tessera_history_apply_plan (TesseraHistory     *self,
                            const char         *label,
                            const TesseraPlan  *plan,
                            GError            **error)
{
  g_autoptr(TesseraPropagateResult) result = NULL;
  Making making = { self };

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), NULL);
  g_return_val_if_fail (plan != NULL, NULL);

  if (!_tessera_history_step_begin (self, label, &making.step, error))
    return NULL;
  result = tessera_plan_make_rows (self->project, plan, record_made_row, &making, error);
  if (!_tessera_history_step_end (self, &making.step, result != NULL, error))
    return NULL;

  return g_steal_pointer (&result);
}

/* --- taking one version ----------------------------------------------- */

/* Where a suggestion stands: its span, or its trigger's, or its
 * statement's, and who proposed it. */
typedef struct
{
  gint64           document_id;
  gint64           start;
  gint64           end;
  gint64           annotator_id;
  TesseraLabelKind kind;   /* spans: of their label */
} Place;

static gboolean
place_of_span (TesseraHistory *self,
               gint64          span_id,
               Place          *place,
               GError        **error)
{
  g_autoptr(TesseraSpan) span = tessera_project_get_span (self->project, span_id, error);
  const TesseraLabel *label;

  if (span == NULL)
    return FALSE;
  label = tessera_project_get_label (self->project, span->label_id);
  place->document_id = span->document_id;
  place->start = span->start;
  place->end = span->end;
  place->kind = label != NULL ? label->kind : TESSERA_LABEL_ANY;
  return TRUE;
}

static gboolean
same_place (const Place       *a,
            const TesseraSpan *span,
            gint64             annotator_id)
{
  return span != NULL && span->start == a->start && span->end == a->end && annotator_id == a->annotator_id;
}

gboolean
tessera_history_take_suggestion (TesseraHistory     *self,
                                 TesseraChangeKind   kind,
                                 gint64              id,
                                 guint              *n_rejected,
                                 GError            **error)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) stances = NULL;
  g_autoptr(GArray) others = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  Place place = { 0 };
  gint64 trigger_span_id = 0;
  gboolean ok;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  if (n_rejected != NULL)
    *n_rejected = 0;

  /* Where the suggestion stands, and who proposed it. */
  if (kind == TESSERA_CHANGE_SPAN)
    {
      g_autoptr(TesseraSpan) span = tessera_project_get_span (self->project, id, error);

      if (span == NULL || !place_of_span (self, id, &place, error))
        return FALSE;
      place.annotator_id = span->annotator_id;
    }
  else if (kind == TESSERA_CHANGE_EVENT)
    {
      g_autoptr(TesseraEvent) event = tessera_project_get_event (self->project, id, error);

      if (event == NULL || !place_of_span (self, event->trigger_span_id, &place, error))
        return FALSE;
      place.annotator_id = event->annotator_id;
      trigger_span_id = event->trigger_span_id;
    }
  else if (kind == TESSERA_CHANGE_STANCE)
    {
      g_autoptr(TesseraStance) stance = tessera_project_get_stance (self->project, id, error);

      if (stance == NULL || !place_of_span (self, stance->span_id, &place, error))
        return FALSE;
      place.annotator_id = stance->annotator_id;
    }
  else
    return tessera_history_accept_suggestion (self, kind, id, error);

  /* The other versions the same annotator proposed there. */
  if (!(spans = tessera_project_list_spans (self->project, place.document_id, error)) ||
      !(events = tessera_project_list_events (self->project, place.document_id, error)) ||
      !(stances = tessera_project_list_stances (self->project, place.document_id, error)))
    return FALSE;
  for (guint i = 0; i < spans->len; i++)
    g_hash_table_insert (by_id, &g_array_index (spans, TesseraSpan, i).id, &g_array_index (spans, TesseraSpan, i));

  if (kind == TESSERA_CHANGE_SPAN)
    for (guint i = 0; i < spans->len; i++)
      {
        const TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);
        const TesseraLabel *label = tessera_project_get_label (self->project, span->label_id);

        if (span->id != id && span->suggested && label != NULL && label->kind == place.kind &&
            same_place (&place, span, span->annotator_id))
          g_array_append_val (others, span->id);
      }
  else if (kind == TESSERA_CHANGE_EVENT)
    for (guint i = 0; i < events->len; i++)
      {
        const TesseraEvent *event = events->pdata[i];

        /* Versions stand on triggers of their own: events sharing this
         * one's trigger are not alternatives to it. */
        if (event->id != id && event->suggested && event->trigger_span_id != trigger_span_id &&
            same_place (&place, g_hash_table_lookup (by_id, &event->trigger_span_id), event->annotator_id))
          g_array_append_val (others, event->id);
      }
  else
    for (guint i = 0; i < stances->len; i++)
      {
        const TesseraStance *stance = &g_array_index (stances, TesseraStance, i);

        if (stance->id != id && stance->suggested &&
            same_place (&place, g_hash_table_lookup (by_id, &stance->span_id), stance->annotator_id))
          g_array_append_val (others, stance->id);
      }

  if (!tessera_history_begin_group (self, "Take this version", error))
    return FALSE;
  ok = tessera_history_accept_suggestion (self, kind, id, error) &&
       reject_remaining (self, kind, others, error);
  if (!tessera_history_end_group (self, ok, ok ? error : NULL))
    return FALSE;

  if (ok && n_rejected != NULL)
    *n_rejected = others->len;
  return ok;
}
