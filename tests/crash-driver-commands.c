/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crash-driver"

#include "config.h"

#include <stdio.h>

#include "crash-driver.h"

/* The commands crash-driver makes at random, each through the history as
 * the window makes it, then on the model as it is documented to act. */

/* --- choosing at random ----------------------------------------------- */

void
announce (Driver     *d,
          const char *format,
          ...)
{
  va_list ap;

  printf ("do %" G_GUINT64_FORMAT " ", d->n_done + 1);
  va_start (ap, format);
  vprintf (format, ap);
  va_end (ap);
  printf ("\n");
  fflush (stdout);
}

guint
random_index (Driver *d,
              guint   n)
{
  g_assert (n > 0);

  return (guint) g_rand_int_range (d->rand, 0, (gint32) n);
}

static gboolean
coin (Driver *d)
{
  return g_rand_boolean (d->rand);
}

static gint64
random_label (Driver           *d,
              TesseraLabelKind  kind)
{
  GPtrArray *labels = d->labels[kind];

  return ((const TesseraLabel *) g_ptr_array_index (labels, random_index (d, labels->len)))->id;
}

static const char *
random_value (Driver                 *d,
              const TesseraAttribute *attr)
{
  return g_intern_string (attr->values[random_index (d, g_strv_length (attr->values))]);
}

static TesseraLabelKind
label_kind (Driver *d,
            gint64  label_id)
{
  const TesseraLabel *label = tessera_project_get_label (d->project, label_id);

  g_assert (label != NULL);

  return label->kind;
}

/* A role an event of type @type_id offers (any role when it lists none). */
static gint64
random_role (Driver *d,
             gint64  type_id)
{
  const TesseraLabel *type = tessera_project_get_label (d->project, type_id);

  if (type->roles == NULL || type->roles->len == 0)
    return random_label (d, TESSERA_LABEL_ROLE);

  return g_array_index (type->roles, gint64, random_index (d, type->roles->len));
}

static void
random_range (Driver     *d,
              gint64      document_id,
              gint64     *start,
              gint64     *end)
{
  const Doc *doc = find_row (d->model, T_DOC, document_id);
  gint64 longest;

  *start = g_rand_int_range (d->rand, 0, (gint32) doc->n_chars);
  longest = MIN (24, doc->n_chars - *start);
  *end = *start + g_rand_int_range (d->rand, 1, (gint32) longest + 1);
}

/* Which rows a command may pick. */
typedef struct
{
  gint64            document_id;   /* 0: any document */
  gint64            except_id;     /* a row left out, or 0 */
  gint64            not_in_cluster;/* rows of this cluster are left out, or 0 */
  gboolean          clustered;     /* only rows in a cluster */
  TesseraLabelKind  kind;          /* spans: of this label kind; clusters: of this kind */
} Want;

#define WANT_ANY ((Want) { 0, 0, 0, FALSE, TESSERA_LABEL_ANY })

static gboolean
row_wanted (Driver        *d,
            Table          table,
            gconstpointer  row,
            const Want    *want)
{
  gint64 id = *(const gint64 *) row;
  gint64 document_id = 0;
  gint64 cluster_id = 0;

  switch (table)
    {
    case T_SPAN:
      document_id = ((const TesseraSpan *) row)->document_id;
      cluster_id = cluster_of (d->model, id, 0);
      if (want->kind != TESSERA_LABEL_ANY && label_kind (d, ((const TesseraSpan *) row)->label_id) != want->kind)
        return FALSE;
      break;
    case T_EVENT:
      document_id = ((const TesseraEvent *) row)->document_id;
      cluster_id = cluster_of (d->model, 0, id);
      break;
    case T_STANCE:
      document_id = ((const TesseraStance *) row)->document_id;
      break;
    case T_CLUSTER:
      if (want->kind != TESSERA_LABEL_ANY && ((const TesseraCluster *) row)->kind != want->kind)
        return FALSE;
      break;
    case T_DOC:
    case T_ARG:
    case T_MEMBER:
    case N_TABLES:
    default:
      break;
    }

  return (want->document_id == 0 || document_id == want->document_id) &&
         (want->except_id == 0 || id != want->except_id) &&
         (want->not_in_cluster == 0 || cluster_id != want->not_in_cluster) &&
         (!want->clustered || cluster_id != 0);
}

/* A random row of @table that @want allows, or NULL. */
static gpointer
random_row (Driver     *d,
            Table       table,
            const Want *want)
{
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (guint));
  guint i;

  for (i = 0; i < N_ROWS (d->model, table); i++)
    if (want == NULL || row_wanted (d, table, row_at (d->model, table, i), want))
      g_array_append_val (wanted, i);

  if (wanted->len == 0)
    return NULL;

  return row_at (d->model, table, g_array_index (wanted, guint, random_index (d, wanted->len)));
}

/* The id of a random span of @document_id other than @except, or 0, half
 * of the time: an optional holder or target. */
static gint64
maybe_span (Driver *d,
            gint64  document_id,
            gint64  except)
{
  Want want = WANT_ANY;
  const TesseraSpan *span;

  want.document_id = document_id;
  want.except_id = except;
  if (coin (d) || !(span = random_row (d, T_SPAN, &want)))
    return 0;

  return span->id;
}

/* --- commands --------------------------------------------------------- */

static const char * const notes[] = {
  NULL, "check the date", "named in the AFP wire", "côté malien — à vérifier", "two sources ✓",
};

static const char * const cluster_names[] = {
  "FAMa", "CSP‑PSD", "Anefis clash", "Kidal", "the governor", "Ménaka attack",
};

/* An event or a stance for the span @span of its @kind: the model's
 * record. Only the new span's id is read back: it is the file's to choose. */
static gboolean
add_record (Driver            *d,
            TesseraLabelKind   kind,
            TesseraSpan       *span,
            gint64            *result,
            GError           **error)
{
  if (kind == TESSERA_LABEL_EVENT)
    {
      g_autoptr(TesseraEvent) made = NULL;
      TesseraEvent event = { 0, span->document_id, 0, span->label_id,
                             (char *) g_intern_string (d->realis->default_value),
                             (char *) g_intern_string (d->confirmation->default_value),
                             d->annotator_id, NULL, FALSE };

      if (!(event.id = tessera_history_add_event (d->history, span->document_id, span->start, span->end,
                                                  span->label_id, error)) ||
          !(made = tessera_project_get_event (d->project, event.id, error)))
        return FALSE;
      span->id = event.trigger_span_id = made->trigger_span_id;
      add_row (d->model, T_EVENT, &event);
      *result = event.id;
    }
  else
    {
      g_autoptr(TesseraStance) made = NULL;
      TesseraStance stance = { 0, span->document_id, 0, span->label_id, 0, 0, 0, d->annotator_id, FALSE };

      if (!(stance.id = tessera_history_add_stance (d->history, span->document_id, span->start, span->end,
                                                    span->label_id, error)) ||
          !(made = tessera_project_get_stance (d->project, stance.id, error)))
        return FALSE;
      span->id = stance.span_id = made->span_id;
      add_row (d->model, T_STANCE, &stance);
      *result = stance.id;
    }

  return TRUE;
}

/* Tags a random stretch of text: an entity span, or an event or a
 * stance with its span, as @kind says. */
Outcome
cmd_add (Driver  *d,
         int      kind,
         gint64  *result,
         GError **error)
{
  Doc *doc = random_row (d, T_DOC, NULL);
  TesseraSpan span = { 0, doc->id, 0, 0, random_label (d, kind), d->annotator_id, NULL, 0, 0, FALSE };

  random_range (d, doc->id, &span.start, &span.end);
  announce (d, "add-%s doc " ID " " ID "-" ID " label " ID, tessera_label_kind_to_string (kind),
            span.document_id, span.start, span.end, span.label_id);

  if (kind != TESSERA_LABEL_ENTITY)
    {
      if (!add_record (d, kind, &span, result, error))
        return FAILED;
    }
  else if (!(*result = span.id = tessera_history_add_span (d->history, span.document_id, span.start,
                                                          span.end, span.label_id, error)))
    return FAILED;

  /* The first annotation of a new document puts it in progress. */
  if (doc->status == TESSERA_STATUS_NEW)
    doc->status = TESSERA_STATUS_IN_PROGRESS;
  add_row (d->model, T_SPAN, &span);

  return DONE;
}

static gboolean
has_arg (Driver    *d,
         const Arg *arg)
{
  for (guint i = 0; i < N_ROWS (d->model, T_ARG); i++)
    if (compare_keys (row_at (d->model, T_ARG, i), arg) == 0)
      return TRUE;

  return FALSE;
}

Outcome
cmd_add_argument (Driver  *d,
                  int      unused,
                  gint64  *result,
                  GError **error)
{
  const TesseraEvent *event = random_row (d, T_EVENT, NULL);
  Want want = WANT_ANY;
  const TesseraSpan *span;
  Arg arg;

  if (event == NULL)
    return SKIPPED;
  want.document_id = event->document_id;
  want.except_id = event->trigger_span_id;
  if (!(span = random_row (d, T_SPAN, &want)))
    return SKIPPED;

  arg = (Arg) { event->id, random_role (d, event->type_label_id), span->id };
  /* Filling a filled slot again changes nothing yet still makes an undo step. */
  if (has_arg (d, &arg))
    return SKIPPED;

  announce (d, "add-argument event " ID " role " ID " span " ID, arg.event_id, arg.role_label_id, arg.span_id);
  if (!tessera_history_add_argument (d->history, arg.event_id, arg.role_label_id, arg.span_id, error))
    return FAILED;

  add_row (d->model, T_ARG, &arg);

  return DONE;
}

Outcome
cmd_remove_argument (Driver  *d,
                     int      unused,
                     gint64  *result,
                     GError **error)
{
  Arg arg;

  if (N_ROWS (d->model, T_ARG) == 0)
    return SKIPPED;

  arg = *(Arg *) row_at (d->model, T_ARG, random_index (d, N_ROWS (d->model, T_ARG)));
  /* Span 0 clears every filler of the role. */
  if (coin (d))
    arg.span_id = 0;

  announce (d, "remove-argument event " ID " role " ID " span " ID, arg.event_id, arg.role_label_id, arg.span_id);
  if (!tessera_history_remove_argument (d->history, arg.event_id, arg.role_label_id, arg.span_id, error))
    return FAILED;

  remove_keyed (d->model, T_ARG, arg.event_id, arg.role_label_id, arg.span_id);

  return DONE;
}

Outcome
cmd_update_span (Driver  *d,
                 int      arg,
                 gint64  *result,
                 GError **error)
{
  TesseraSpan *span = random_row (d, T_SPAN, NULL);
  TesseraSpan update;

  if (span == NULL)
    return SKIPPED;

  update = *span;
  random_range (d, span->document_id, &update.start, &update.end);
  /* A trigger or statement keeps the label of its event or stance. */
  if (label_kind (d, span->label_id) == TESSERA_LABEL_ENTITY)
    update.label_id = random_label (d, TESSERA_LABEL_ENTITY);
  update.note = (char *) g_intern_string (notes[random_index (d, G_N_ELEMENTS (notes))]);
  /* Changing nothing is no command at all (no undo step either). */
  if (update.start == span->start && update.end == span->end && update.label_id == span->label_id &&
      g_strcmp0 (update.note, span->note) == 0)
    return SKIPPED;

  announce (d, "update-span " ID " " ID "-" ID " label " ID, update.id, update.start, update.end, update.label_id);
  if (!tessera_history_update_span (d->history, &update, error))
    return FAILED;

  *span = update;

  return DONE;
}

/* Changing an event's type or a stance's label relabels its span too. */
static void
relabel_span (Driver *d,
              gint64  span_id,
              gint64  label_id)
{
  ((TesseraSpan *) find_row (d->model, T_SPAN, span_id))->label_id = label_id;
}

Outcome
cmd_update_event (Driver  *d,
                  int      arg,
                  gint64  *result,
                  GError **error)
{
  TesseraEvent *event = random_row (d, T_EVENT, NULL);
  TesseraEvent update;

  if (event == NULL)
    return SKIPPED;

  update = *event;
  update.type_label_id = random_label (d, TESSERA_LABEL_EVENT);
  update.realis = (char *) random_value (d, d->realis);
  update.confirmation = (char *) random_value (d, d->confirmation);
  if (update.type_label_id == event->type_label_id && g_strcmp0 (update.realis, event->realis) == 0 &&
      g_strcmp0 (update.confirmation, event->confirmation) == 0)
    return SKIPPED;

  announce (d, "update-event " ID " type " ID " %s %s", update.id, update.type_label_id,
            update.realis, update.confirmation);
  if (!tessera_history_update_event (d->history, &update, error))
    return FAILED;

  *event = update;
  relabel_span (d, event->trigger_span_id, update.type_label_id);

  return DONE;
}

Outcome
cmd_update_stance (Driver  *d,
                   int      arg,
                   gint64  *result,
                   GError **error)
{
  TesseraStance *stance = random_row (d, T_STANCE, NULL);
  Want want = WANT_ANY;
  const TesseraEvent *target = NULL;
  TesseraStance update;

  if (stance == NULL)
    return SKIPPED;

  want.document_id = stance->document_id;
  if (coin (d))
    target = random_row (d, T_EVENT, &want);

  update = *stance;
  update.label_id = random_label (d, TESSERA_LABEL_STANCE);
  update.holder_span_id = maybe_span (d, stance->document_id, stance->span_id);
  update.target_event_id = target != NULL ? target->id : 0;
  update.target_span_id = maybe_span (d, stance->document_id, stance->span_id);
  if (update.label_id == stance->label_id && update.holder_span_id == stance->holder_span_id &&
      update.target_event_id == stance->target_event_id && update.target_span_id == stance->target_span_id)
    return SKIPPED;

  announce (d, "update-stance " ID " label " ID " holder " ID " event " ID " span " ID, update.id,
            update.label_id, update.holder_span_id, update.target_event_id, update.target_span_id);
  if (!tessera_history_update_stance (d->history, &update, error))
    return FAILED;

  *stance = update;
  relabel_span (d, stance->span_id, update.label_id);

  return DONE;
}

/* How each table's rows are deleted, in the file and in the model. */
static const struct
{
  const char *what;
  gboolean  (*delete) (TesseraHistory *history, gint64 id, GError **error);
  void      (*forget) (Model *model, gint64 id);
} deletions[N_TABLES] = {
  [T_SPAN] = { "span", tessera_history_delete_span, forget_span },
  [T_EVENT] = { "event", tessera_history_delete_event, forget_event },
  [T_STANCE] = { "stance", tessera_history_delete_stance, forget_stance },
  [T_CLUSTER] = { "cluster", tessera_history_delete_cluster, forget_cluster },
};

Outcome
cmd_delete (Driver  *d,
            int      table,
            gint64  *result,
            GError **error)
{
  const gint64 *row = random_row (d, table, NULL);
  gint64 id;

  if (row == NULL)
    return SKIPPED;

  id = *row;
  announce (d, "delete-%s " ID, deletions[table].what, id);
  if (!deletions[table].delete (d->history, id, error))
    return FAILED;

  deletions[table].forget (d->model, id);

  return DONE;
}

Outcome
cmd_set_status (Driver  *d,
                int      arg,
                gint64  *result,
                GError **error)
{
  Doc *doc = random_row (d, T_DOC, NULL);
  /* Another status: setting the same one is no command at all. */
  TesseraDocumentStatus status = (doc->status + 1 + random_index (d, TESSERA_N_STATUSES - 1)) % TESSERA_N_STATUSES;

  announce (d, "set-status doc " ID " %s", doc->id, tessera_status_to_string (status));
  if (!tessera_history_set_document_status (d->history, doc->id, status, error))
    return FAILED;

  doc->status = status;

  return DONE;
}

static const char *
random_cluster_name (Driver *d)
{
  return g_intern_string (cluster_names[random_index (d, G_N_ELEMENTS (cluster_names))]);
}

Outcome
cmd_add_cluster (Driver  *d,
                 int      arg,
                 gint64  *result,
                 GError **error)
{
  TesseraCluster cluster = { 0, coin (d) ? TESSERA_LABEL_ENTITY : TESSERA_LABEL_EVENT,
                             (char *) random_cluster_name (d), 0, 0 };

  if (N_ROWS (d->model, T_CLUSTER) >= MAX_CLUSTERS)
    return SKIPPED;

  announce (d, "add-cluster %s %s", tessera_label_kind_to_string (cluster.kind), cluster.name);
  if (!(*result = cluster.id = tessera_history_add_cluster (d->history, cluster.kind, cluster.name, error)))
    return FAILED;

  add_row (d->model, T_CLUSTER, &cluster);

  return DONE;
}

Outcome
cmd_rename_cluster (Driver  *d,
                    int      arg,
                    gint64  *result,
                    GError **error)
{
  TesseraCluster *cluster = random_row (d, T_CLUSTER, NULL);
  const char *name;

  /* Another name: the same one is no command at all. */
  if (cluster == NULL || (name = random_cluster_name (d)) == cluster->name)
    return SKIPPED;

  announce (d, "rename-cluster " ID " %s", cluster->id, name);
  if (!tessera_history_rename_cluster (d->history, cluster->id, name, error))
    return FAILED;

  cluster->name = (char *) name;

  return DONE;
}

/* Puts a span or (span_id 0) an event into cluster @cluster_id, or out
 * of its cluster when that is 0. */
static Outcome
set_cluster (Driver  *d,
             gint64   cluster_id,
             gint64   span_id,
             gint64   event_id,
             GError **error)
{
  announce (d, "set-cluster " ID " span " ID " event " ID, cluster_id, span_id, event_id);
  if (!(cluster_id > 0
        ? tessera_history_add_cluster_member (d->history, cluster_id, span_id, event_id, error)
        : tessera_history_remove_cluster_member (d->history, span_id, event_id, error)))
    return FAILED;

  set_member (d->model, cluster_id, span_id, event_id);

  return DONE;
}

Outcome
cmd_add_cluster_member (Driver  *d,
                        int      arg,
                        gint64  *result,
                        GError **error)
{
  const TesseraCluster *cluster = random_row (d, T_CLUSTER, NULL);
  gboolean entity = cluster != NULL && cluster->kind == TESSERA_LABEL_ENTITY;
  Want want = WANT_ANY;
  const gint64 *member;

  if (cluster == NULL)
    return SKIPPED;

  /* An entity span or an event, not one of its members already (that is
   * no command at all); another cluster's member moves. */
  want.not_in_cluster = cluster->id;
  want.kind = TESSERA_LABEL_ENTITY;
  if (!(member = random_row (d, entity ? T_SPAN : T_EVENT, &want)))
    return SKIPPED;

  return set_cluster (d, cluster->id, entity ? *member : 0, entity ? 0 : *member, error);
}

Outcome
cmd_remove_cluster_member (Driver  *d,
                           int      arg,
                           gint64  *result,
                           GError **error)
{
  Want want = WANT_ANY;
  const gint64 *span;
  const gint64 *event;

  want.clustered = TRUE;
  span = random_row (d, T_SPAN, &want);
  event = random_row (d, T_EVENT, &want);
  if (span != NULL && (event == NULL || coin (d)))
    return set_cluster (d, 0, *span, 0, error);
  if (event != NULL)
    return set_cluster (d, 0, 0, *event, error);

  return SKIPPED;
}

Outcome
cmd_merge_clusters (Driver  *d,
                    int      arg,
                    gint64  *result,
                    GError **error)
{
  const TesseraCluster *into = random_row (d, T_CLUSTER, NULL);
  const TesseraCluster *from;
  Want want = WANT_ANY;
  gint64 into_id;
  gint64 from_id;

  if (into == NULL)
    return SKIPPED;
  want.except_id = into->id;
  want.kind = into->kind;
  if (!(from = random_row (d, T_CLUSTER, &want)))
    return SKIPPED;

  into_id = into->id;
  from_id = from->id;
  announce (d, "merge-clusters " ID " " ID, into_id, from_id);
  if (!tessera_history_merge_clusters (d->history, into_id, from_id, error))
    return FAILED;

  merge_cluster (d->model, from_id, into_id);

  return DONE;
}
