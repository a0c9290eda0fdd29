/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-project.h"

G_BEGIN_DECLS

/* The corroboration table of an event cluster: one row per report (a
 * member event, with its document and outlet), one column per thing the
 * reports can say about the event (its type and trigger, each role any of
 * them fills, realis, confirmation, the stances toward it), and in each
 * column the cells whose value differs from what the other reports say. */

typedef enum
{
  TESSERA_CLUSTER_COLUMN_TRIGGER,
  TESSERA_CLUSTER_COLUMN_ROLE,
  TESSERA_CLUSTER_COLUMN_REALIS,
  TESSERA_CLUSTER_COLUMN_CONFIRMATION,
  TESSERA_CLUSTER_COLUMN_STANCES,
} TesseraClusterColumnKind;

typedef struct
{
  TesseraClusterColumnKind  kind;
  gint64                    role_id;    /* TESSERA_CLUSTER_COLUMN_ROLE */
  char                     *key;        /* the role's name, or "trigger", "realis"… */
  char                     *title;      /* translated, for the header */
  gboolean                  disagrees;  /* some reports differ */
} TesseraClusterColumn;

/* What one report says in one column. A cell may quote several spans (two
 * Agents); each text opens its span. */
typedef struct
{
  GPtrArray *texts;      /* char*, in text order; empty: the report says nothing */
  GArray    *span_ids;   /* gint64, parallel to texts */
  GArray    *entities;   /* gint64, parallel to texts: the entity cluster of
                          * the span, 0 when none; reports that name the same
                          * entity agree however they word it */
  char      *caption;    /* a second line (the event type under the trigger), or NULL */
  gboolean   disagrees;  /* other reports say otherwise */
  char      *others;     /* "Other reports say: …" when it disagrees */
} TesseraClusterCell;

#define TESSERA_TYPE_CLUSTER_ROW (tessera_cluster_row_get_type ())

G_DECLARE_FINAL_TYPE (TesseraClusterRow, tessera_cluster_row, TESSERA, CLUSTER_ROW, GObject)

gint64                    tessera_cluster_row_get_document_id     (TesseraClusterRow *self);
gint64                    tessera_cluster_row_get_event_id        (TesseraClusterRow *self);
gint64                    tessera_cluster_row_get_trigger_span_id (TesseraClusterRow *self);
/* The outlet; the document's title when it names none. */
const char               *tessera_cluster_row_get_source          (TesseraClusterRow *self);
const char               *tessera_cluster_row_get_title           (TesseraClusterRow *self);
/* As the document gives it (ideally an ISO 8601 date), or NULL. */
const char               *tessera_cluster_row_get_published       (TesseraClusterRow *self);
const char               *tessera_cluster_row_get_realis          (TesseraClusterRow *self);
const char               *tessera_cluster_row_get_confirmation    (TesseraClusterRow *self);
gboolean                  tessera_cluster_row_get_suggested       (TesseraClusterRow *self);
/* The cell of column @column (an index into the table's columns). */
const TesseraClusterCell *tessera_cluster_row_get_cell            (TesseraClusterRow *self,
                                                                   guint              column);

/* Reads event cluster @cluster_id from @project: @columns gets the
 * TesseraClusterColumn* it fills (trigger, roles in schema order,
 * realis, confirmation, stances), @rows the TesseraClusterRow of each
 * member event, by date then outlet. */
gboolean                  tessera_cluster_table_load              (TesseraProject     *project,
                                                                   gint64              cluster_id,
                                                                   GPtrArray         **columns,
                                                                   GListStore        **rows,
                                                                   GError            **error);
void                      tessera_cluster_column_free             (TesseraClusterColumn *column);

/* What two values of a column are compared by: case, accents,
 * punctuation and articles do not count, and numbers (in digits or
 * words) are compared as numbers, so "the Malian army" agrees with
 * "Malian Army" and "12 soldiers" with "twelve soldiers", while
 * "at least 12" differs from "some 30". */
char                     *tessera_cluster_value_key               (const char        *text);

/* A name for a new cluster around an event: its type, then where (its
 * Place) or else when (its Time, or the document's date): "Battle —
 * Tin-Azrou". For an entity span, its text. */
char                     *tessera_cluster_suggest_name            (TesseraProject    *project,
                                                                   TesseraDocument   *document,
                                                                   gint64             span_id,
                                                                   gint64             event_id);

G_END_DECLS
