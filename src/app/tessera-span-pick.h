/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-workbench.h"

G_BEGIN_DECLS

/* The span a pending pick of the workbench waits for (a role of the
 * selected event, the selected stance's holder or target), chosen from
 * the keyboard: which spans the pick offers, in text order, which one
 * the keyboard starts on, and filling the pick with one (a click fills
 * it the same way). GTK-free. */

/* Whether the pending pick offers @span: an entity span for a role or a
 * holder; for a target, an event's trigger (an entity span only in a
 * document without events). Spans of annotators not shown are never
 * offered. */
gboolean  tessera_span_pick_offers   (TesseraWorkbench   *workbench,
                                      const TesseraSpan  *span);
/* The span the keyboard starts on, or 0 when none is offered: the one
 * nearest the selected annotation's own span (trigger or statement)
 * among those it does not use yet; for a role, first among spans with a
 * label that suits it: the entity label of the role's name (Place for
 * the Place role), and those of the spans that fill the role in the
 * document's other events. */
gint64    tessera_span_pick_first    (TesseraWorkbench   *workbench);
/* The offered span after @span_id in text order (@direction > 0) or
 * before it (< 0), going round past either end; 0 when none is offered. */
gint64    tessera_span_pick_next     (TesseraWorkbench   *workbench,
                                      gint64              span_id,
                                      int                 direction);
/* Fills the pending pick with @span_id through the history, as
 * tessera_workbench_complete_pick() does; but a stance's target picked
 * on a trigger makes that trigger's event the target. */
gboolean  tessera_span_pick_complete (TesseraWorkbench   *workbench,
                                      gint64              span_id,
                                      GError            **error);
/* What the pending pick fills, as the inspector names it: the role, or
 * "Holder" or "Target"; NULL when no pick is pending. */
char     *tessera_span_pick_dup_slot_name (TesseraWorkbench *workbench);

G_END_DECLS
