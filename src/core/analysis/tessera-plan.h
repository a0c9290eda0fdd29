/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-project.h"

G_BEGIN_DECLS

/* Rows an analysis proposes to make, not yet made: what carrying
 * annotations to copies and tagging every occurrence work out (reading
 * only, on any connection, off the main thread if need be), for the
 * history to make as ONE undoable command (tessera_history_apply_plan)
 * or, without a history, tessera_plan_apply().
 *
 * A planned row has a negative id, -(1 + its index); the rows refer to
 * each other by those ids (an event's trigger and arguments, a stance's
 * statement, holder and targets), and to rows already in the project by
 * their own ids. A planned row with annotator 0 is signed by the current
 * annotator of the project that makes it. */

/* What was, or is to be, proposed in one document. */
typedef struct
{
  gint64 document_id;
  guint  n_spans;
  guint  n_events;
  guint  n_stances;
} TesseraPropagateCount;

typedef struct
{
  GArray    *spans;    /* TesseraSpan */
  GPtrArray *events;   /* TesseraEvent* */
  GArray    *stances;  /* TesseraStance */
  GArray    *counts;   /* TesseraPropagateCount, by document id */
} TesseraPlan;

/* What a plan made: the new rows' ids, in the order made. */
typedef struct
{
  GArray *span_ids;    /* gint64 */
  GArray *event_ids;
  GArray *stance_ids;
  GArray *counts;      /* TesseraPropagateCount, by document id */
} TesseraPropagateResult;

TesseraPlan            *tessera_plan_new          (void);
void                    tessera_plan_free         (TesseraPlan        *plan);
/* Each returns the planned row's (negative) id. */
gint64                  tessera_plan_add_span     (TesseraPlan        *plan,
                                                   const TesseraSpan  *span);
gint64                  tessera_plan_add_event    (TesseraPlan        *plan,
                                                   const TesseraEvent *event);
gint64                  tessera_plan_add_stance   (TesseraPlan        *plan,
                                                   const TesseraStance *stance);
gboolean                tessera_plan_is_empty     (const TesseraPlan  *plan);

/* Called with the id of each row made, as made; FALSE stops making. */
typedef gboolean (*TesseraPlanMadeFunc) (TesseraChangeKind   kind,
                                         gint64              id,
                                         gpointer            user_data,
                                         GError            **error);

/* Makes the rows of @plan in @project, within the caller's transaction,
 * spans first, stances last. Fails (making nothing the caller keeps) when
 * a row it refers to is gone, e.g. deleted since the plan was made. */
TesseraPropagateResult *tessera_plan_make_rows    (TesseraProject     *project,
                                                   const TesseraPlan  *plan,
                                                   TesseraPlanMadeFunc made,
                                                   gpointer            user_data,
                                                   GError            **error);
/* The same in a transaction of its own, without a history (tessera-cli). */
TesseraPropagateResult *tessera_plan_apply        (TesseraProject     *project,
                                                   const TesseraPlan  *plan,
                                                   GError            **error);

TesseraPropagateResult *tessera_propagate_result_new    (void);
void                    tessera_propagate_result_free   (TesseraPropagateResult *result);
/* Spans, events and stances made in all. */
void                    tessera_propagate_result_totals (const TesseraPropagateResult *result,
                                                         guint                        *n_spans,
                                                         guint                        *n_events,
                                                         guint                        *n_stances);
/* The count of document @document_id in @counts (TesseraPropagateCount,
 * by document id), added when missing. */
TesseraPropagateCount  *tessera_propagate_count_of      (GArray                       *counts,
                                                         gint64                        document_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraPlan, tessera_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraPropagateResult, tessera_propagate_result_free)

G_END_DECLS
