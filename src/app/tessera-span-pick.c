/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-span-pick"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-span-pick.h"

/* How well an offered span suits the pending pick: the keyboard starts
 * on the nearest span of the best rank. */
typedef enum
{
  RANK_LIKELY,   /* free, with a label that suits the role */
  RANK_FREE,     /* not used by the annotation yet */
  RANK_USED,     /* fills one of its slots already */
} Rank;

/* How far (code points) from the trigger or statement a span of a
 * suitable label still comes first: about a paragraph. */
#define LIKELY_REACH 400

/* What the selected annotation holds, and what suits the pick. */
typedef struct
{
  GArray *used;          /* gint64 span ids */
  GArray *likely_labels; /* gint64 label ids */
} Fit;

static gboolean
contains (GArray *ids,
          gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;

  return FALSE;
}

static void
add_id (GArray *ids,
        gint64  id)
{
  if (id != 0 && !contains (ids, id))
    g_array_append_val (ids, id);
}

/* The labels of the spans that fill role @role_id in the document's
 * events other than @event_id: what this document calls that role. */
static void
add_role_labels (TesseraOpenDocument *document,
                 gint64               event_id,
                 gint64               role_id,
                 GArray              *labels)
{
  guint n_events = tessera_open_document_get_n_events (document);

  for (guint i = 0; i < n_events; i++)
    {
      const TesseraEvent *event = tessera_open_document_get_nth_event (document, i);

      for (guint j = 0; event->id != event_id && event->arguments != NULL && j < event->arguments->len; j++)
        {
          const TesseraArgument *arg = &g_array_index (event->arguments, TesseraArgument, j);
          const TesseraSpan *span = arg->role_label_id == role_id
                                    ? tessera_open_document_get_span (document, arg->span_id) : NULL;

          if (span != NULL)
            add_id (labels, span->label_id);
        }
    }
}

/* The entity label named as role @role_id, if there is one: the schema's
 * way of saying what fills it (a Place fills the Place role). */
static void
add_namesake_label (TesseraProject *project,
                    gint64          role_id,
                    GArray         *labels)
{
  /* What fills a few roles whatever the event, where no entity label
   * shares the role's name: labels of the default schema (a schema
   * without them finds none). Who did what to whom is left to the
   * document's other events. */
  static const struct {
    const char *role;
    const char *labels[4];
  } usual[] = {
    { "Time", { "Date", NULL } },
    { "Casualties", { "Quantity", NULL } },
    { "Origin", { "Place", "Facility", NULL } },
    { "Destination", { "Place", "Facility", NULL } },
  };
  const TesseraLabel *role = tessera_project_get_label (project, role_id);
  const TesseraLabel *namesake = role ? tessera_project_find_label (project, TESSERA_LABEL_ENTITY, role->name) : NULL;

  if (namesake != NULL)
    add_id (labels, namesake->id);
  for (guint i = 0; role != NULL && i < G_N_ELEMENTS (usual); i++)
    {
      if (g_strcmp0 (role->name, usual[i].role) != 0)
        continue;
      for (guint j = 0; usual[i].labels[j] != NULL; j++)
        {
          const TesseraLabel *label = tessera_project_find_label (project, TESSERA_LABEL_ENTITY,
                                                                  usual[i].labels[j]);

          if (label != NULL)
            add_id (labels, label->id);
        }
    }
}

static void
fit_init (Fit              *fit,
          TesseraWorkbench *workbench)
{
  TesseraOpenDocument *document = tessera_workbench_get_open_document (workbench);
  const TesseraEvent *event;
  const TesseraStance *stance;
  gint64 pick_id, id;
  TesseraPickKind pick = tessera_workbench_get_pick (workbench, &pick_id);

  fit->used = g_array_new (FALSE, FALSE, sizeof (gint64));
  fit->likely_labels = g_array_new (FALSE, FALSE, sizeof (gint64));

  switch (tessera_workbench_get_selection (workbench, &id))
    {
    case TESSERA_SELECTION_EVENT:
      if (!(event = tessera_open_document_get_event (document, id)))
        break;
      for (guint i = 0; event->arguments != NULL && i < event->arguments->len; i++)
        add_id (fit->used, g_array_index (event->arguments, TesseraArgument, i).span_id);
      if (pick == TESSERA_PICK_ROLE)
        {
          add_role_labels (document, event->id, pick_id, fit->likely_labels);
          add_namesake_label (tessera_workbench_get_project (workbench), pick_id, fit->likely_labels);
        }
      break;

    case TESSERA_SELECTION_STANCE:
      if (!(stance = tessera_open_document_get_stance (document, id)))
        break;
      add_id (fit->used, stance->holder_span_id);
      add_id (fit->used, stance->target_span_id);
      if ((event = tessera_open_document_get_event (document, stance->target_event_id)))
        add_id (fit->used, event->trigger_span_id);
      break;

    case TESSERA_SELECTION_SPAN:
    case TESSERA_SELECTION_NONE:
    default:
      break;
    }
}

static void
fit_clear (Fit *fit)
{
  g_clear_pointer (&fit->used, g_array_unref);
  g_clear_pointer (&fit->likely_labels, g_array_unref);
}

static Rank
fit_rank (const Fit         *fit,
          const TesseraSpan *span)
{
  if (contains (fit->used, span->id))
    return RANK_USED;

  return contains (fit->likely_labels, span->label_id) ? RANK_LIKELY : RANK_FREE;
}

/* Code points between @span and @anchor; 0 when they overlap. */
static gint64
distance (const TesseraSpan *span,
          const TesseraSpan *anchor)
{
  if (span->end <= anchor->start)
    return anchor->start - span->end;
  if (span->start >= anchor->end)
    return span->start - anchor->end;

  return 0;
}

gboolean
tessera_span_pick_offers (TesseraWorkbench  *workbench,
                          const TesseraSpan *span)
{
  TesseraOpenDocument *document;
  TesseraProject *project;
  TesseraPickKind pick;
  const TesseraLabel *label;

  g_return_val_if_fail (TESSERA_IS_WORKBENCH (workbench), FALSE);
  g_return_val_if_fail (span != NULL, FALSE);

  document = tessera_workbench_get_open_document (workbench);
  project = tessera_workbench_get_project (workbench);
  pick = tessera_workbench_get_pick (workbench, NULL);
  if (document == NULL || project == NULL || pick == TESSERA_PICK_NONE ||
      span->id == tessera_workbench_get_selected_span (workbench) ||
      !tessera_workbench_is_annotator_shown (workbench, span->annotator_id))
    return FALSE;

  /* A stance is about an event, which its trigger stands for; about a
   * span only in a document without events (a click picks any). */
  if (pick == TESSERA_PICK_TARGET_SPAN && tessera_open_document_get_n_events (document) > 0)
    return tessera_open_document_get_trigger_event (document, span->id) != NULL;

  label = tessera_project_get_label (project, span->label_id);
  return label != NULL && label->kind == TESSERA_LABEL_ENTITY;
}

gint64
tessera_span_pick_first (TesseraWorkbench *workbench)
{
  TesseraOpenDocument *document;
  const TesseraSpanIndex *index;
  const TesseraSpan *anchor;
  int best_rank = G_MAXINT;
  gint64 best_distance = G_MAXINT64;
  gint64 best = 0;
  guint n_spans;
  Fit fit;

  g_return_val_if_fail (TESSERA_IS_WORKBENCH (workbench), 0);

  document = tessera_workbench_get_open_document (workbench);
  if (document == NULL || tessera_workbench_get_pick (workbench, NULL) == TESSERA_PICK_NONE ||
      !(anchor = tessera_open_document_get_span (document, tessera_workbench_get_selected_span (workbench))))
    return 0;

  fit_init (&fit, workbench);
  index = tessera_open_document_get_spans (document);
  n_spans = tessera_span_index_get_n_spans (index);
  for (guint i = 0; i < n_spans; i++)
    {
      const TesseraSpan *span = tessera_span_index_get_span (index, i);
      Rank rank;
      gint64 gap;

      if (!tessera_span_pick_offers (workbench, span))
        continue;

      rank = fit_rank (&fit, span);
      gap = distance (span, anchor);
      /* A suitable span far away does not pull the keyboard (and the
       * view) off the passage being read. */
      if (rank == RANK_LIKELY && gap > LIKELY_REACH)
        rank = RANK_FREE;
      /* Strictly better only: of two as near, the earlier in the text. */
      if ((int) rank < best_rank || ((int) rank == best_rank && gap < best_distance))
        {
          best_rank = (int) rank;
          best_distance = gap;
          best = span->id;
        }
    }
  fit_clear (&fit);

  return best;
}

gint64
tessera_span_pick_next (TesseraWorkbench *workbench,
                        gint64            span_id,
                        int               direction)
{
  TesseraOpenDocument *document;
  const TesseraSpanIndex *index;
  int position;
  int n_spans;

  g_return_val_if_fail (TESSERA_IS_WORKBENCH (workbench), 0);

  document = tessera_workbench_get_open_document (workbench);
  if (document == NULL)
    return 0;

  index = tessera_open_document_get_spans (document);
  n_spans = (int) tessera_span_index_get_n_spans (index);
  if ((position = tessera_span_index_find_id (index, span_id)) < 0)
    return tessera_span_pick_first (workbench);

  for (int step = 1; step <= n_spans; step++)
    {
      int at = ((position + (direction > 0 ? step : -step)) % n_spans + n_spans) % n_spans;
      const TesseraSpan *span = tessera_span_index_get_span (index, (guint) at);

      if (tessera_span_pick_offers (workbench, span))
        return span->id;
    }

  return 0;
}

/* The stance's target becomes the event @span_id triggers, if it
 * triggers one; FALSE when it does not. */
static gboolean
complete_target_event (TesseraWorkbench  *workbench,
                       gint64             span_id,
                       gboolean          *ok,
                       GError           **error)
{
  TesseraOpenDocument *document = tessera_workbench_get_open_document (workbench);
  const TesseraEvent *event = document ? tessera_open_document_get_trigger_event (document, span_id) : NULL;
  const TesseraStance *current;
  TesseraStance stance;
  gint64 stance_id;

  if (event == NULL ||
      tessera_workbench_get_selection (workbench, &stance_id) != TESSERA_SELECTION_STANCE ||
      !(current = tessera_open_document_get_stance (document, stance_id)))
    return FALSE;

  stance = *current;
  /* A stance is toward an event or a span, not both. */
  stance.target_event_id = event->id;
  stance.target_span_id = 0;
  if ((*ok = tessera_history_update_stance (tessera_workbench_get_history (workbench), &stance, error)))
    tessera_workbench_set_pick (workbench, TESSERA_PICK_NONE, 0);

  return TRUE;
}

gboolean
tessera_span_pick_complete (TesseraWorkbench  *workbench,
                            gint64             span_id,
                            GError           **error)
{
  gboolean ok = FALSE;

  g_return_val_if_fail (TESSERA_IS_WORKBENCH (workbench), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (tessera_workbench_get_pick (workbench, NULL) == TESSERA_PICK_TARGET_SPAN &&
      complete_target_event (workbench, span_id, &ok, error))
    return ok;

  return tessera_workbench_complete_pick (workbench, span_id, error);
}

char *
tessera_span_pick_dup_slot_name (TesseraWorkbench *workbench)
{
  TesseraProject *project;
  const TesseraLabel *role;
  gint64 pick_id;

  g_return_val_if_fail (TESSERA_IS_WORKBENCH (workbench), NULL);

  switch (tessera_workbench_get_pick (workbench, &pick_id))
    {
    case TESSERA_PICK_ROLE:
      project = tessera_workbench_get_project (workbench);
      role = project ? tessera_project_get_label (project, pick_id) : NULL;
      return g_strdup (role ? role->name : "?");
    case TESSERA_PICK_HOLDER:
      return g_strdup (_("Holder"));
    case TESSERA_PICK_TARGET_SPAN:
      return g_strdup (_("Target"));
    case TESSERA_PICK_NONE:
    default:
      return NULL;
    }
}
