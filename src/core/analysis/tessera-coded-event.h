/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-duplicates.h"
#include "tessera-normalise.h"
#include "tessera-project.h"

G_BEGIN_DECLS

/* One record per event cluster, as a conflict dataset (ACLED, UCDP)
 * codes an event from its reports, with who reported what kept
 * underneath. Built from the corroboration table, so from accepted
 * annotations only (suggestions take no part, as in every export).
 * GTK-free. */

/* What one report says of the fatalities. */
typedef struct
{
  gint64               document_id;
  char                *outlet;   /* or NULL */
  char                *text;     /* the Casualties span */
  gint64               value;    /* when kind is not TESSERA_QUANTITY_NONE */
  TesseraQuantityKind  kind;
} TesseraFatalityReport;

typedef struct
{
  gint64      cluster_id;        /* the event cluster coded, or 0 for */
  gint64      event_id;          /* an event in no cluster, */
  gint64      document_id;       /* in this document */
  char       *name;
  char       *event_type;        /* the type most reports give */
  /* The day most reports' Time resolves to (ties: the earliest), and
   * ACLED's time_precision: the finest precision among the reports
   * giving that day, widened to a range (2) when reports give other
   * days within a week of it, to a month (3) when further apart;
   * NULL and 0 when no report's Time resolves. */
  char       *event_date;
  int         time_precision;
  char       *actor1;            /* Agent, as most reports name it, or NULL */
  char       *actor2;            /* Opponent (or Target) */
  char       *location;          /* Place */
  /* The most conservative figure reported (the lowest; a lower bound
   * counts as its figure), -1 when no report gives one. */
  gint64      fatalities;
  GPtrArray  *fatalities_reported;  /* TesseraFatalityReport* */
  guint       n_reports;
  GPtrArray  *sources;           /* char*: the outlets named, once each */
  guint       independent_sources;
  GPtrArray  *copies;            /* char*: "COPY\tSOURCE", the reports (outlet, or
                                  * title) that repeat another's wire copy */
  GPtrArray  *disputed;          /* char*: "event_date", "actor1", "actor2", "location", "fatalities" */
  char       *notes;             /* the disputes in words, who says what, and
                                  * which report repeats which */
  /* The fields the analyst set by hand (tessera_history_set_coded_fields()),
   * whose values above are theirs, and what the reports gave for each
   * ("" for nothing), parallel. */
  GPtrArray  *set_by_hand;
  GPtrArray  *reports_gave;
} TesseraCodedEvent;

void               tessera_coded_event_free   (TesseraCodedEvent *event);

/* A record for each event cluster of @project (in the order they were
 * made), then one for each accepted event in no cluster (by document).
 * @duplicates (may be NULL) tells which reports are copies of the same
 * wire passage: they count as one independent source. With
 * @annotator_id, only the events that annotator made are read (and a
 * cluster with none of them gives no record). */
GPtrArray         *tessera_coded_events_build (TesseraProject    *project,
                                               TesseraDuplicates *duplicates,
                                               gint64             annotator_id,
                                               GError           **error);

/* The record of event cluster @cluster_id alone. */
TesseraCodedEvent *tessera_coded_event_build  (TesseraProject    *project,
                                               TesseraDuplicates *duplicates,
                                               gint64             cluster_id,
                                               GError           **error);

/* The record of event cluster @cluster_id from its corroboration table
 * already loaded (tessera_corroboration_load(): @columns, @rows of
 * TesseraCorroborationRow), as the corroboration view shows it. */
TesseraCodedEvent *tessera_coded_event_build_from_table (TesseraProject    *project,
                                                         TesseraDuplicates *duplicates,
                                                         gint64             cluster_id,
                                                         GPtrArray         *columns,
                                                         GListModel        *rows,
                                                         GError           **error);

/* The same, reading only the events annotator @annotator_id made (0:
 * everyone's). */
TesseraCodedEvent *tessera_coded_event_build_by (TesseraProject    *project,
                                                 TesseraDuplicates *duplicates,
                                                 gint64             cluster_id,
                                                 gint64             annotator_id,
                                                 GError           **error);

/* The record of event @event of @doc alone, as for an event in no
 * cluster: one report (its event_type is NULL when the event is only a
 * suggestion, or stands on one). */
TesseraCodedEvent *tessera_coded_event_build_for_event (TesseraProject     *project,
                                                        TesseraDuplicates  *duplicates,
                                                        TesseraDocument    *doc,
                                                        const TesseraEvent *event,
                                                        GError            **error);

/* Field @field (one of tessera_coded_fields()) of @record as the exports
 * write it ("2024-03-01", "1", "8"), or NULL when the record has none. */
char              *tessera_coded_event_dup_field       (const TesseraCodedEvent *record,
                                                        const char              *field);
/* What the reports gave for @field when the analyst set it by hand ("" for
 * nothing), or NULL when @field is the reports' reading. */
const char        *tessera_coded_event_get_reports_gave (const TesseraCodedEvent *record,
                                                         const char              *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraCodedEvent, tessera_coded_event_free)

G_END_DECLS
