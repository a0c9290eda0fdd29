/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-project.h"

G_BEGIN_DECLS

/* Agreement between annotators, pair by pair, over the documents both
 * annotated (a document is annotated by whoever has an accepted span in
 * it; suggestions are proposals, not anyone's judgement, and take no
 * part). Each measure compares two sets of items and counts F1 =
 * 2·matched / (a + b):
 *
 * - spans: entity spans as (start, end, label), also per label;
 * - triggers: events as (trigger start, end, type);
 * - arguments: (trigger start, end, type, role, argument start, end);
 * - frames: events whose trigger, type, set of (role, argument span),
 *   realis and confirmation are all the same;
 * - stances: (statement start, end, label, holder span or none, target:
 *   an event by trigger and type, a span, or none).
 *
 * Two more figures: Krippendorff's α for nominal data over entity-span
 * units (each place, start and end, that either annotator marked; the
 * value each gave it is its label, or "none"), and B³ over the mentions
 * both annotators marked (entity spans and event triggers, by document,
 * start and end) that either linked into a cross-document cluster. */

typedef enum
{
  TESSERA_AGREEMENT_SPANS,
  TESSERA_AGREEMENT_TRIGGERS,
  TESSERA_AGREEMENT_ARGUMENTS,
  TESSERA_AGREEMENT_FRAMES,
  TESSERA_AGREEMENT_STANCES,
  TESSERA_AGREEMENT_N_MEASURES
} TesseraAgreementMeasure;

typedef struct
{
  guint a;        /* items of the first annotator */
  guint b;        /* items of the second */
  guint matched;  /* items both have */
} TesseraAgreementCount;

/* 2·matched / (a + b); NAN when neither has any item. */
double tessera_agreement_count_f1 (const TesseraAgreementCount *count);

/* An item one annotator of the pair has and the other has not. */
typedef struct
{
  TesseraAgreementMeasure measure;
  gint64                  document_id;
  gint64                  start;        /* code points: the span, trigger or statement */
  gint64                  end;
  gint64                  span_id;      /* that span (the annotator's own) */
  gboolean                first;        /* the first annotator's (else the second's) */
  char                   *label;        /* entity label, event type or stance label */
  char                   *description;  /* what it says, e.g. "Attack: Place = [40, 46)" */
} TesseraDisagreement;

typedef struct
{
  char                  *a;            /* annotator names */
  char                  *b;
  guint                  n_documents;  /* annotated by both */
  TesseraAgreementCount  counts[TESSERA_AGREEMENT_N_MEASURES];
  GPtrArray             *labels;       /* char*: entity labels seen, sorted */
  GArray                *by_label;     /* TesseraAgreementCount, as labels */
  double                 alpha;        /* NAN when undefined (one value only) */
  guint                  alpha_units;
  double                 b3_precision; /* NAN when no mention is linked */
  double                 b3_recall;
  double                 b3_f1;
  guint                  b3_mentions;
  GArray                *disagreements; /* TesseraDisagreement, by document and start */
} TesseraAgreementPair;

typedef struct
{
  GPtrArray *annotators;  /* char*: as asked, else every annotator by name */
  GPtrArray *pairs;       /* TesseraAgreementPair*, in the annotators' order */
} TesseraAgreement;

/* @annotators: the names to compare (at least two), or NULL for every
 * annotator with accepted spans. A name with no accepted annotation is
 * an error naming it. */
TesseraAgreement *tessera_agreement_compute (TesseraProject      *project,
                                             const char * const  *annotators,
                                             GCancellable        *cancellable,
                                             GError             **error);
void              tessera_agreement_free    (TesseraAgreement    *agreement);

/* The same on a worker thread, on a read-only connection of its own:
 * @project stays free for the window. */
void              tessera_agreement_compute_async  (TesseraProject      *project,
                                                    const char * const  *annotators,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
TesseraAgreement *tessera_agreement_compute_finish (TesseraProject      *project,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* The name of a measure as in JSON ("spans", "triggers"…). */
const char       *tessera_agreement_measure_name (TesseraAgreementMeasure measure);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraAgreement, tessera_agreement_free)

G_END_DECLS
