/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-cluster.h"
#include "tessera-corroboration-values.h"
#include "tessera-open-document.h"
#include "tessera-project.h"

G_BEGIN_DECLS

/* Who reports what about one real-world event. The reports of an event
 * cluster are its member events, each read from its document's
 * TesseraOpenDocument (shared with the other views): the event, its
 * arguments and the stances toward it. The corroboration view shows them
 * as a table, one row per report and one column per thing the reports
 * can say about the event (its type and trigger, each role any of them
 * fills, realis, confirmation, the stances toward it), with the cells
 * whose value differs from what the other reports say flagged; the
 * report export writes them side by side. GTK-free. */

/* --- reading the reports ---------------------------------------------------- */

typedef enum
{
  TESSERA_CORROBORATION_ALL      = 0,
  /* As the exports read: nothing only suggested. An event or a stance
   * that is a suggestion, or stands on a suggested span, is not there;
   * an argument or a holder on a suggested span is left out. */
  TESSERA_CORROBORATION_ACCEPTED = 1 << 0,
} TesseraCorroborationFlags;

/* One member of a cluster, with its document open. */
typedef struct
{
  const TesseraClusterMember *member;
  TesseraOpenDocument        *document;
  /* An event member's event, or an entity member's span; NULL when it
   * is gone (or, with TESSERA_CORROBORATION_ACCEPTED, only suggested). */
  const TesseraEvent         *event;
  const TesseraSpan          *span;
  /* The stances toward the event (const TesseraStance *), in the order
   * of their statements; NULL for none. */
  GPtrArray                  *stances;
} TesseraCorroborationMember;

typedef gboolean (*TesseraCorroborationFunc) (const TesseraCorroborationMember  *member,
                                              gpointer                           user_data,
                                              GError                           **error);

/* Calls @func for each member of cluster @cluster_id in the order the
 * project lists them (by document), opening each document once; stops
 * at the first FALSE. */
gboolean             tessera_corroboration_foreach_member (TesseraProject             *project,
                                                           gint64                      cluster_id,
                                                           TesseraCorroborationFlags   flags,
                                                           TesseraCorroborationFunc    func,
                                                           gpointer                    user_data,
                                                           GError                    **error);

/* The same for @members (TesseraClusterMember values, by document), such
 * as an event in no cluster: { .event_id, .document_id }. */
gboolean             tessera_corroboration_foreach_listed (TesseraProject             *project,
                                                           GArray                     *members,
                                                           TesseraCorroborationFlags   flags,
                                                           TesseraCorroborationFunc    func,
                                                           gpointer                    user_data,
                                                           GError                    **error);

/* Whether @flags leave span @span_id of @document out. */
gboolean             tessera_corroboration_skips_span     (TesseraOpenDocument        *document,
                                                           gint64                      span_id,
                                                           TesseraCorroborationFlags   flags);
/* The event @event_id of @document as @flags read it, or NULL. */
const TesseraEvent  *tessera_corroboration_get_event      (TesseraOpenDocument        *document,
                                                           gint64                      event_id,
                                                           TesseraCorroborationFlags   flags);
/* The events of @document as @flags read them (const TesseraEvent *), in
 * the order the project lists them: by the start of their triggers, then
 * id. Valid until the document changes. */
GPtrArray           *tessera_corroboration_list_events    (TesseraOpenDocument        *document,
                                                           TesseraCorroborationFlags   flags);
/* The stances of @document toward its events, as @flags read them: event
 * id (gint64 *) → GPtrArray of const TesseraStance *, in the order of
 * their statements. Valid until the document changes. */
GHashTable          *tessera_corroboration_index_stances  (TesseraOpenDocument        *document,
                                                           TesseraCorroborationFlags   flags);

/* --- the table -------------------------------------------------------------- */

typedef enum
{
  TESSERA_CORROBORATION_COLUMN_TRIGGER,
  TESSERA_CORROBORATION_COLUMN_ROLE,
  TESSERA_CORROBORATION_COLUMN_REALIS,
  TESSERA_CORROBORATION_COLUMN_CONFIRMATION,
  TESSERA_CORROBORATION_COLUMN_STANCES,
} TesseraCorroborationColumnKind;

typedef struct
{
  TesseraCorroborationColumnKind  kind;
  gint64                          role_id;    /* TESSERA_CORROBORATION_COLUMN_ROLE */
  char                           *key;        /* the role's name, or "trigger", "realis"… */
  char                           *title;      /* translated, for the header */
  gboolean                        disagrees;  /* some reports differ */
  gboolean                        no_majority; /* and no value is given by more
                                               * than half of the reports that
                                               * give one: every value is flagged */
} TesseraCorroborationColumn;

/* What one report says in one column. A cell may quote several spans (two
 * Agents); each text opens its span. */
typedef struct
{
  GPtrArray *texts;      /* char*, in text order; empty: the report says nothing */
  GArray    *span_ids;   /* gint64, parallel to texts */
  GArray    *entities;   /* gint64, parallel to texts: the entity cluster of
                          * the span, 0 when none; reports that name the same
                          * entity agree however they word it */
  GArray    *unreviewed; /* gboolean, parallel to texts: only suggested (the
                          * event, or the argument's span), so left out of
                          * the majority as the exports leave it out */
  char      *caption;    /* a second line (the event type under the trigger), or NULL */
  gboolean   disagrees;  /* other reports say otherwise, or there is no majority */
  char      *others;     /* "Other reports say: …" when it disagrees, after
                          * "No majority." when there is none */
} TesseraCorroborationCell;

/* One row of the table: one report. */
#define TESSERA_TYPE_CORROBORATION_ROW (tessera_corroboration_row_get_type ())

G_DECLARE_FINAL_TYPE (TesseraCorroborationRow, tessera_corroboration_row, TESSERA, CORROBORATION_ROW, GObject)

gint64                          tessera_corroboration_row_get_document_id     (TesseraCorroborationRow *self);
gint64                          tessera_corroboration_row_get_event_id        (TesseraCorroborationRow *self);
gint64                          tessera_corroboration_row_get_trigger_span_id (TesseraCorroborationRow *self);
/* The outlet, or NULL when the document names none (never its title). */
const char                     *tessera_corroboration_row_get_source          (TesseraCorroborationRow *self);
const char                     *tessera_corroboration_row_get_title           (TesseraCorroborationRow *self);
/* As YYYY-MM-DD when tessera_date_parse_prefix() reads it, else as the
 * document gives it, or NULL. */
const char                     *tessera_corroboration_row_get_published       (TesseraCorroborationRow *self);
const char                     *tessera_corroboration_row_get_realis          (TesseraCorroborationRow *self);
const char                     *tessera_corroboration_row_get_confirmation    (TesseraCorroborationRow *self);
gboolean                        tessera_corroboration_row_get_suggested       (TesseraCorroborationRow *self);
/* The cell of column @column (an index into the table's columns). */
const TesseraCorroborationCell *tessera_corroboration_row_get_cell            (TesseraCorroborationRow *self,
                                                                               guint                    column);

/* Reads event cluster @cluster_id of @project: @columns gets the
 * TesseraCorroborationColumn* it fills (trigger, roles in schema order,
 * realis, confirmation, stances), @rows the TesseraCorroborationRow of
 * each member event, by date then outlet. */
gboolean                        tessera_corroboration_load              (TesseraProject  *project,
                                                                         gint64           cluster_id,
                                                                         GPtrArray      **columns,
                                                                         GListStore     **rows,
                                                                         GError         **error);
/* The same table for @members (as tessera_corroboration_foreach_listed()
 * reads them): one event in no cluster gives a table of one report. */
gboolean                        tessera_corroboration_load_listed       (TesseraProject  *project,
                                                                         GArray          *members,
                                                                         GPtrArray      **columns,
                                                                         GListStore     **rows,
                                                                         GError         **error);
void                            tessera_corroboration_column_free       (TesseraCorroborationColumn *column);


/* --- naming a cluster ------------------------------------------------------- */

/* A name for a new cluster around an event: its type, then where (its
 * Place) or else when (its Time, or the document's date): "Battle —
 * Tin-Azrou". For an entity span, its text. */
char                           *tessera_cluster_suggest_name            (TesseraProject  *project,
                                                                         TesseraDocument *document,
                                                                         gint64           span_id,
                                                                         gint64           event_id);

G_END_DECLS
