/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-plan"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-plan.h"

TesseraPlan *
tessera_plan_new (void)
{
  TesseraPlan *plan = g_new0 (TesseraPlan, 1);

  plan->spans = tessera_span_array_new ();
  plan->events = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_event_free);
  plan->stances = g_array_new (FALSE, FALSE, sizeof (TesseraStance));
  plan->counts = g_array_new (FALSE, FALSE, sizeof (TesseraPropagateCount));

  return plan;
}

void
tessera_plan_free (TesseraPlan *plan)
{
  if (plan == NULL)
    return;

  g_array_unref (plan->spans);
  g_ptr_array_unref (plan->events);
  g_array_unref (plan->stances);
  g_array_unref (plan->counts);
  g_free (plan);
}

gint64
tessera_plan_add_span (TesseraPlan       *plan,
                       const TesseraSpan *span)
{
  TesseraSpan copy = *span;

  copy.id = -(gint64) plan->spans->len - 1;
  copy.note = g_strdup (span->note);
  g_array_append_val (plan->spans, copy);
  tessera_propagate_count_of (plan->counts, span->document_id)->n_spans++;

  return copy.id;
}

gint64
tessera_plan_add_event (TesseraPlan        *plan,
                        const TesseraEvent *event)
{
  TesseraEvent *copy = tessera_event_copy (event);

  copy->id = -(gint64) plan->events->len - 1;
  g_ptr_array_add (plan->events, copy);
  tessera_propagate_count_of (plan->counts, event->document_id)->n_events++;

  return copy->id;
}

gint64
tessera_plan_add_stance (TesseraPlan         *plan,
                         const TesseraStance *stance)
{
  TesseraStance copy = *stance;

  copy.id = -(gint64) plan->stances->len - 1;
  g_array_append_val (plan->stances, copy);
  tessera_propagate_count_of (plan->counts, stance->document_id)->n_stances++;

  return copy.id;
}

gboolean
tessera_plan_is_empty (const TesseraPlan *plan)
{
  g_return_val_if_fail (plan != NULL, TRUE);

  return plan->spans->len == 0 && plan->events->len == 0 && plan->stances->len == 0;
}

/* The real id of @id: planned ones (< 0) through @made, 0 stays 0. */
static gboolean
resolve (gint64       *id,
         GArray       *made,
         GError      **error)
{
  guint index;

  if (*id >= 0)
    return TRUE;

  index = (guint) (-*id - 1);
  if (index >= made->len)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("The plan refers to a row it does not make (%" PRId64 ")"), *id);
      return FALSE;
    }
  *id = g_array_index (made, gint64, index);
  return TRUE;
}

TesseraPropagateResult *
tessera_plan_make_rows (TesseraProject       *project,
                        const TesseraPlan    *plan,
                        TesseraPlanMadeFunc   made,
                        gpointer              user_data,
                        GError              **error)
{
  g_autoptr(TesseraPropagateResult) result = NULL;
  gint64 annotator_id;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (plan != NULL, NULL);

  if (!(annotator_id = tessera_project_get_current_annotator_id (project, error)))
    return NULL;
  result = tessera_propagate_result_new ();
  g_array_append_vals (result->counts, plan->counts->data, plan->counts->len);

  for (guint i = 0; i < plan->spans->len; i++)
    {
      TesseraSpan span = g_array_index (plan->spans, TesseraSpan, i);
      gint64 id;

      span.id = 0;
      if (span.annotator_id == 0)
        span.annotator_id = annotator_id;
      if (!(id = tessera_project_insert_span (project, &span, error)))
        return NULL;
      g_array_append_val (result->span_ids, id);
      if (made != NULL && !made (TESSERA_CHANGE_SPAN, id, user_data, error))
        return NULL;
    }

  for (guint i = 0; i < plan->events->len; i++)
    {
      g_autoptr(TesseraEvent) event = tessera_event_copy (g_ptr_array_index (plan->events, i));
      gint64 id;

      event->id = 0;
      if (event->annotator_id == 0)
        event->annotator_id = annotator_id;
      if (!resolve (&event->trigger_span_id, result->span_ids, error))
        return NULL;
      for (guint a = 0; event->arguments != NULL && a < event->arguments->len; a++)
        if (!resolve (&g_array_index (event->arguments, TesseraArgument, a).span_id, result->span_ids, error))
          return NULL;
      if (!(id = tessera_project_insert_event (project, event, error)))
        return NULL;
      g_array_append_val (result->event_ids, id);
      if (made != NULL && !made (TESSERA_CHANGE_EVENT, id, user_data, error))
        return NULL;
    }

  for (guint i = 0; i < plan->stances->len; i++)
    {
      TesseraStance stance = g_array_index (plan->stances, TesseraStance, i);
      gint64 id;

      stance.id = 0;
      if (stance.annotator_id == 0)
        stance.annotator_id = annotator_id;
      if (!resolve (&stance.span_id, result->span_ids, error) ||
          !resolve (&stance.holder_span_id, result->span_ids, error) ||
          !resolve (&stance.target_span_id, result->span_ids, error) ||
          !resolve (&stance.target_event_id, result->event_ids, error))
        return NULL;
      if (!(id = tessera_project_insert_stance (project, &stance, error)))
        return NULL;
      g_array_append_val (result->stance_ids, id);
      if (made != NULL && !made (TESSERA_CHANGE_STANCE, id, user_data, error))
        return NULL;
    }

  return g_steal_pointer (&result);
}

TesseraPropagateResult *
tessera_plan_apply (TesseraProject     *project,
                    const TesseraPlan  *plan,
                    GError            **error)
{
  g_autoptr(TesseraPropagateResult) result = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (plan != NULL, NULL);

  if (!tessera_project_begin (project, error))
    return NULL;
  if (!(result = tessera_plan_make_rows (project, plan, NULL, NULL, error)))
    {
      tessera_project_rollback (project);
      return NULL;
    }
  if (!tessera_project_commit (project, error))
    return NULL;

  return g_steal_pointer (&result);
}

/* --- results ---------------------------------------------------------- */

TesseraPropagateResult *
tessera_propagate_result_new (void)
{
  TesseraPropagateResult *result = g_new0 (TesseraPropagateResult, 1);

  result->span_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  result->event_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  result->stance_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  result->counts = g_array_new (FALSE, FALSE, sizeof (TesseraPropagateCount));

  return result;
}

void
tessera_propagate_result_free (TesseraPropagateResult *result)
{
  if (result == NULL)
    return;

  g_array_unref (result->span_ids);
  g_array_unref (result->event_ids);
  g_array_unref (result->stance_ids);
  g_array_unref (result->counts);
  g_free (result);
}

void
tessera_propagate_result_totals (const TesseraPropagateResult *result,
                                 guint                        *n_spans,
                                 guint                        *n_events,
                                 guint                        *n_stances)
{
  g_return_if_fail (result != NULL);

  if (n_spans != NULL)
    *n_spans = result->span_ids->len;
  if (n_events != NULL)
    *n_events = result->event_ids->len;
  if (n_stances != NULL)
    *n_stances = result->stance_ids->len;
}

TesseraPropagateCount *
tessera_propagate_count_of (GArray *counts,
                            gint64  document_id)
{
  TesseraPropagateCount count = { document_id, 0, 0, 0 };
  guint i;

  /* Kept in document order: targets mostly come in order. */
  for (i = counts->len; i > 0; i--)
    {
      TesseraPropagateCount *c = &g_array_index (counts, TesseraPropagateCount, i - 1);

      if (c->document_id == document_id)
        return c;
      if (c->document_id < document_id)
        break;
    }
  g_array_insert_val (counts, i, count);

  return &g_array_index (counts, TesseraPropagateCount, i);
}
