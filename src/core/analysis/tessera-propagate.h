/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-types.h"
#include "tessera-duplicates.h"
#include "tessera-plan.h"

G_BEGIN_DECLS

/* Carrying annotations onto other copies of the same text, as
 * suggestions (suggested = TRUE) the analyst accepts or rejects. */

/* Works out how to carry the annotations of document @source_id (0: of
 * every document, each with the annotations it has of its own) onto the
 * copies of its passages that @duplicates found, reading @project only.
 *
 * Within a passage the two copies are aligned word by word (words equal
 * in normal form, or near-identical spellings, see tessera-shingle.h),
 * sentence by sentence; sentence copies less alike than @min_similarity
 * are left alone. A span is carried only when every word of it has its
 * counterpart, the counterparts follow each other and what separates
 * them is the same: it then covers exactly those words in the copy (with
 * the span's leading or trailing punctuation when the copy has it too).
 * An event is carried with its trigger and those arguments whose spans
 * were carried; a stance with its statement span, and its holder and
 * target when they were carried. Suggestions are never carried, and
 * nothing is made twice: a span, event or stance the copy already has
 * (suggested or not) is used as it is. Nor is what the analyst rejected
 * there (see tessera_project_add_rejection) proposed again, or what
 * depends on it. */
TesseraPlan            *tessera_propagate_plan          (TesseraProject         *project,
                                                         TesseraDuplicates      *duplicates,
                                                         gint64                  source_id,
                                                         double                  min_similarity,
                                                         GCancellable           *cancellable,
                                                         GError                **error);
/* The plan, made at once in one transaction (without a history). */
TesseraPropagateResult *tessera_propagate               (TesseraProject         *project,
                                                         TesseraDuplicates      *duplicates,
                                                         gint64                  source_id,
                                                         double                  min_similarity,
                                                         GError                **error);

typedef enum
{
  TESSERA_OCCURRENCES_DEFAULT       = 0,
  TESSERA_OCCURRENCES_WHOLE_PROJECT = 1 << 0,  /* every document, not only the given one */
  TESSERA_OCCURRENCES_IGNORE_CASE   = 1 << 1,
  TESSERA_OCCURRENCES_PARTIAL_WORDS = 1 << 2,  /* match inside longer words too */
} TesseraOccurrenceFlags;

/* Works out how to tag every occurrence of @text (whole words, same
 * case, unless @flags say otherwise) in document @document_id, or in
 * every document, with the label @label_id as suggested spans signed by
 * the current annotator, reading @project only. Occurrences that already
 * have a span with that label, or where the analyst rejected that label,
 * are skipped. Stops once @cancellable is cancelled, telling @progress
 * how many documents were searched. */
TesseraPlan            *tessera_annotate_occurrences_plan (TesseraProject    *project,
                                                         gint64                  document_id,
                                                         const char             *text,
                                                         gint64                  label_id,
                                                         TesseraOccurrenceFlags  flags,
                                                         GCancellable           *cancellable,
                                                         TesseraProgressFunc     progress,
                                                         gpointer                progress_data,
                                                         GError                **error);
/* The same in a worker thread, on a read-only connection of its own
 * (@project stays usable and writable meanwhile); @progress is called in
 * the worker. The window makes the plan's rows through its history. */
void                    tessera_annotate_occurrences_plan_async (TesseraProject *project,
                                                         gint64                  document_id,
                                                         const char             *text,
                                                         gint64                  label_id,
                                                         TesseraOccurrenceFlags  flags,
                                                         GCancellable           *cancellable,
                                                         TesseraProgressFunc     progress,
                                                         gpointer                progress_data,
                                                         GAsyncReadyCallback     callback,
                                                         gpointer                user_data);
TesseraPlan            *tessera_annotate_occurrences_plan_finish (TesseraProject *project,
                                                         GAsyncResult           *result,
                                                         GError                **error);
/* The plan, made at once in one transaction (without a history). */
TesseraPropagateResult *tessera_annotate_occurrences    (TesseraProject         *project,
                                                         gint64                  document_id,
                                                         const char             *text,
                                                         gint64                  label_id,
                                                         TesseraOccurrenceFlags  flags,
                                                         GError                **error);

/* Accepts the suggestions @result made (and, so that nothing accepted
 * refers to a suggestion, the suggested spans their events and stances
 * use), in one transaction. */
gboolean                tessera_propagate_result_accept (TesseraProject               *project,
                                                         const TesseraPropagateResult *result,
                                                         GError                      **error);


G_END_DECLS
