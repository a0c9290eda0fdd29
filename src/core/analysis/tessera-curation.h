/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-plan.h"
#include "tessera-project.h"

G_BEGIN_DECLS

/* Curating a gold standard from several annotators' work: what at least
 * @min_agreement annotators made identically becomes the curator's
 * accepted annotation; everything else any of them made becomes a
 * suggestion in the curator's layer, its span's note saying who proposed
 * it, to accept or reject with the suggestion review. Identical means:
 *
 * - entity spans: the same start, end and label;
 * - events: the same frame (trigger, type, every argument by role and
 *   span, realis and confirmation), with their trigger and argument spans;
 * - stances: the same statement, label, holder and target.
 *
 * Only accepted annotations count, and not the curator's own; what the
 * curator already has (accepted or suggested) is not proposed again, so
 * running it again after more work adds only what is new. A reading
 * analysis: it returns a plan (rows signed by the project's current
 * annotator, who should be the curator), made by
 * tessera_history_apply_plan() or tessera_plan_apply(). */

typedef struct
{
  guint n_spans;
  guint n_events;
  guint n_stances;
} TesseraCurationCount;

typedef struct
{
  TesseraPlan          *plan;
  TesseraCurationCount  agreed;     /* planned as accepted */
  TesseraCurationCount  disputed;   /* planned as suggestions */
} TesseraCuration;

TesseraCuration *tessera_curation_plan (TesseraProject  *project,
                                        const char      *curator,
                                        guint            min_agreement,
                                        GCancellable    *cancellable,
                                        GError         **error);
void             tessera_curation_free (TesseraCuration *curation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraCuration, tessera_curation_free)

G_END_DECLS
