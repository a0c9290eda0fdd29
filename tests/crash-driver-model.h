/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-project.h"

G_BEGIN_DECLS

/* The expected state of the project crash-driver works on (see
 * crash-driver.c): rows it keeps itself, how each command changes them,
 * their digest, and the same rows read from a file. */

/* The model stays this small, so copying it for undo costs nothing. */
#define MAX_SPANS    150
#define MAX_CLUSTERS 8

typedef struct
{
  gint64                id;
  TesseraDocumentStatus status;
  gint64                n_chars;
} Doc;

typedef struct
{
  gint64 event_id;
  gint64 role_label_id;
  gint64 span_id;
} Arg;

/* The model holds the project's own value types, as plain values: their
 * strings are interned (never freed), an event's arguments are rows of
 * T_ARG (its arguments field stays NULL), timestamps stay 0. So a GArray
 * copy is a deep copy. Every row but an Arg or a member starts with its
 * id; an Arg or a member is known by its three first fields. */
typedef enum
{
  T_DOC,
  T_SPAN,     /* TesseraSpan */
  T_EVENT,    /* TesseraEvent */
  T_ARG,
  T_STANCE,   /* TesseraStance */
  T_CLUSTER,  /* TesseraCluster */
  T_MEMBER,   /* TesseraClusterMember */
  N_TABLES,
} Table;

typedef struct
{
  GArray *rows[N_TABLES];
} Model;

#define N_ROWS(model, table) ((model)->rows[table]->len)

/* How ids are printed, in the state and in what the driver announces. */
#define ID "%" G_GINT64_FORMAT

/* --- rows ------------------------------------------------------------- */

gpointer  row_at         (const Model    *model,
                          Table           table,
                          guint           i);
Model    *model_copy     (const Model    *model);
void      model_free     (Model          *model);
/* The row of a table whose rows start with their id, or NULL. */
gpointer  find_row       (const Model    *model,
                          Table           table,
                          gint64          id);
void      add_row        (Model          *model,
                          Table           table,
                          gconstpointer   row);
/* Removes the Args or members whose three first fields match (0 matches
 * anything). */
void      remove_keyed   (Model          *model,
                          Table           table,
                          gint64          a,
                          gint64          b,
                          gint64          c);
/* The cluster of a span or (span_id 0) an event, or 0. */
gint64    cluster_of     (const Model    *model,
                          gint64          span_id,
                          gint64          event_id);
/* Orders Args or members by their three first fields. */
int       compare_keys   (gconstpointer   a,
                          gconstpointer   b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Model, model_free)

/* --- what commands do to the model ------------------------------------ */

void      set_member     (Model          *model,
                          gint64          cluster_id,
                          gint64          span_id,
                          gint64          event_id);
void      forget_event   (Model          *model,
                          gint64          event_id);
void      forget_span    (Model          *model,
                          gint64          span_id);
void      forget_stance  (Model          *model,
                          gint64          stance_id);
void      merge_cluster  (Model          *model,
                          gint64          from,
                          gint64          into);
void      forget_cluster (Model          *model,
                          gint64          cluster_id);

/* --- the state -------------------------------------------------------- */

/* The SHA-256 of the rows in id order, as test-crash compares it. */
char     *model_digest   (const Model    *model);
/* Prints the rows on stdout as "state ROW" lines. */
void      print_state    (const Model    *model);
/* The state @project holds, read back from the file. */
Model    *load_model     (TesseraProject *project,
                          GError        **error);

G_END_DECLS
