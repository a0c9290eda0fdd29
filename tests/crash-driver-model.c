/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crash-driver"

#include "config.h"

#include <stdio.h>

#include "crash-driver-model.h"

/* The crash driver's model of the project: what the file must hold after
 * each command, kept from what the commands are documented to do, and
 * its digest. */

static const gsize row_sizes[N_TABLES] = {
  sizeof (Doc), sizeof (TesseraSpan), sizeof (TesseraEvent), sizeof (Arg), sizeof (TesseraStance),
  sizeof (TesseraCluster), sizeof (TesseraClusterMember),
};

#define KEYED(table) ((table) == T_ARG || (table) == T_MEMBER)

gpointer
row_at (const Model *model,
        Table        table,
        guint        i)
{
  return model->rows[table]->data + i * row_sizes[table];
}

static Model *
model_new (void)
{
  Model *model = g_new0 (Model, 1);

  for (guint t = 0; t < N_TABLES; t++)
    model->rows[t] = g_array_new (FALSE, TRUE, row_sizes[t]);

  return model;
}

Model *
model_copy (const Model *model)
{
  Model *copy = g_new0 (Model, 1);

  for (guint t = 0; t < N_TABLES; t++)
    copy->rows[t] = g_array_copy (model->rows[t]);

  return copy;
}

void
model_free (Model *model)
{
  for (guint t = 0; t < N_TABLES; t++)
    g_array_unref (model->rows[t]);
  g_free (model);
}

gpointer
find_row (const Model *model,
          Table        table,
          gint64       id)
{
  g_assert (!KEYED (table));

  for (guint i = 0; i < N_ROWS (model, table); i++)
    if (*(gint64 *) row_at (model, table, i) == id)
      return row_at (model, table, i);

  return NULL;
}

static void
remove_row (Model  *model,
            Table   table,
            gint64  id)
{
  char *row = find_row (model, table, id);

  g_assert (row != NULL);
  g_array_remove_index (model->rows[table], (row - model->rows[table]->data) / row_sizes[table]);
}

void
add_row (Model         *model,
         Table          table,
         gconstpointer  row)
{
  g_array_append_vals (model->rows[table], row, 1);
}

/* Removes the Args (event, role, span) or members (cluster, span, event)
 * whose three first fields match @a, @b and @c; 0 matches anything. */
void
remove_keyed (Model  *model,
              Table   table,
              gint64  a,
              gint64  b,
              gint64  c)
{
  g_assert (KEYED (table));

  for (guint i = N_ROWS (model, table); i > 0; i--)
    {
      const gint64 *key = row_at (model, table, i - 1);

      if ((a == 0 || key[0] == a) && (b == 0 || key[1] == b) && (c == 0 || key[2] == c))
        g_array_remove_index (model->rows[table], i - 1);
    }
}

/* The cluster of a span or (span_id 0) an event, or 0. */
gint64
cluster_of (const Model *model,
            gint64       span_id,
            gint64       event_id)
{
  for (guint i = 0; i < N_ROWS (model, T_MEMBER); i++)
    {
      const TesseraClusterMember *m = row_at (model, T_MEMBER, i);

      if (span_id > 0 ? m->span_id == span_id : m->event_id == event_id)
        return m->cluster_id;
    }

  return 0;
}

/* --- what commands do to the model ------------------------------------ */

/* Puts a span or (span_id 0) an event into cluster @cluster_id, or out
 * of its cluster when that is 0. */
void
set_member (Model  *model,
            gint64  cluster_id,
            gint64  span_id,
            gint64  event_id)
{
  TesseraClusterMember member = { cluster_id, span_id, event_id, 0 };

  remove_keyed (model, T_MEMBER, 0, span_id, event_id);
  if (cluster_id == 0)
    return;

  member.document_id = span_id > 0
    ? ((TesseraSpan *) find_row (model, T_SPAN, span_id))->document_id
    : ((TesseraEvent *) find_row (model, T_EVENT, event_id))->document_id;
  add_row (model, T_MEMBER, &member);
}

/* tessera_history_delete_event: the frame, its arguments and its cluster
 * membership go; stances toward it lose their target. */
void
forget_event (Model  *model,
              gint64  event_id)
{
  remove_keyed (model, T_ARG, event_id, 0, 0);
  remove_keyed (model, T_MEMBER, 0, 0, event_id);
  for (guint i = 0; i < N_ROWS (model, T_STANCE); i++)
    {
      TesseraStance *stance = row_at (model, T_STANCE, i);

      if (stance->target_event_id == event_id)
        stance->target_event_id = 0;
    }
  remove_row (model, T_EVENT, event_id);
}

/* tessera_history_delete_span: the events it triggers and the stances it
 * states go, as do the arguments it fills and its cluster membership;
 * stances lose it as holder or target. */
void
forget_span (Model  *model,
             gint64  span_id)
{
  for (guint i = N_ROWS (model, T_EVENT); i > 0; i--)
    {
      TesseraEvent *event = row_at (model, T_EVENT, i - 1);

      if (event->trigger_span_id == span_id)
        forget_event (model, event->id);
    }
  remove_keyed (model, T_ARG, 0, 0, span_id);
  remove_keyed (model, T_MEMBER, 0, span_id, 0);
  for (guint i = N_ROWS (model, T_STANCE); i > 0; i--)
    {
      TesseraStance *stance = row_at (model, T_STANCE, i - 1);

      if (stance->span_id == span_id)
        {
          g_array_remove_index (model->rows[T_STANCE], i - 1);
          continue;
        }
      if (stance->holder_span_id == span_id)
        stance->holder_span_id = 0;
      if (stance->target_span_id == span_id)
        stance->target_span_id = 0;
    }
  remove_row (model, T_SPAN, span_id);
}

void
forget_stance (Model  *model,
               gint64  stance_id)
{
  remove_row (model, T_STANCE, stance_id);
}

/* Moves the members of cluster @from to @into (0: to none) and deletes
 * @from, as merging or deleting it does. */
void
merge_cluster (Model  *model,
               gint64  from,
               gint64  into)
{
  if (into == 0)
    remove_keyed (model, T_MEMBER, from, 0, 0);
  for (guint i = 0; i < N_ROWS (model, T_MEMBER); i++)
    {
      TesseraClusterMember *m = row_at (model, T_MEMBER, i);

      if (m->cluster_id == from)
        m->cluster_id = into;
    }
  remove_row (model, T_CLUSTER, from);
}

void
forget_cluster (Model  *model,
                gint64  cluster_id)
{
  merge_cluster (model, cluster_id, 0);
}

/* --- the state as text ------------------------------------------------ */

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const gint64 *x = a;
  const gint64 *y = b;

  for (guint i = 0; i < 3; i++)
    if (x[i] != y[i])
      return compare_ids (&x[i], &y[i]);

  return 0;
}

static void
append_row (GString       *out,
            Table          table,
            gconstpointer  row)
{
  const Doc *doc = row;
  const TesseraSpan *span = row;
  const TesseraEvent *event = row;
  const Arg *arg = row;
  const TesseraStance *stance = row;
  const TesseraCluster *cluster = row;
  const TesseraClusterMember *member = row;
  g_autofree char *text = NULL;

  switch (table)
    {
    case T_DOC:
      g_string_append_printf (out, "doc " ID " %s\n", doc->id, tessera_status_to_string (doc->status));
      break;
    case T_SPAN:
      text = span->note != NULL ? g_strescape (span->note, NULL) : g_strdup ("-");
      g_string_append_printf (out, "span " ID " doc " ID " " ID "-" ID " label " ID " by " ID " note %s\n",
                              span->id, span->document_id, span->start, span->end, span->label_id,
                              span->annotator_id, text);
      break;
    case T_EVENT:
      g_string_append_printf (out, "event " ID " doc " ID " trigger " ID " type " ID " %s %s by " ID "\n",
                              event->id, event->document_id, event->trigger_span_id, event->type_label_id,
                              event->realis, event->confirmation, event->annotator_id);
      break;
    case T_ARG:
      g_string_append_printf (out, "argument event " ID " role " ID " span " ID "\n",
                              arg->event_id, arg->role_label_id, arg->span_id);
      break;
    case T_STANCE:
      g_string_append_printf (out, "stance " ID " doc " ID " statement " ID " label " ID " holder " ID
                              " event " ID " span " ID " by " ID "\n", stance->id, stance->document_id,
                              stance->span_id, stance->label_id, stance->holder_span_id,
                              stance->target_event_id, stance->target_span_id, stance->annotator_id);
      break;
    case T_CLUSTER:
      text = g_strescape (cluster->name, NULL);
      g_string_append_printf (out, "cluster " ID " %s %s\n", cluster->id,
                              tessera_label_kind_to_string (cluster->kind), text);
      break;
    case T_MEMBER:
      g_string_append_printf (out, "member cluster " ID " span " ID " event " ID " doc " ID "\n",
                              member->cluster_id, member->span_id, member->event_id, member->document_id);
      break;
    case N_TABLES:
    default:
      g_assert_not_reached ();
    }
}

/* One line per row, each table in order of ids (or keys). */
static char *
model_to_text (const Model *model)
{
  g_autoptr(Model) sorted = model_copy (model);
  GString *out = g_string_new (NULL);

  for (guint t = 0; t < N_TABLES; t++)
    {
      g_array_sort (sorted->rows[t], KEYED (t) ? compare_keys : compare_ids);
      for (guint i = 0; i < N_ROWS (sorted, t); i++)
        append_row (out, t, row_at (sorted, t, i));
    }

  return g_string_free (out, FALSE);
}

char *
model_digest (const Model *model)
{
  g_autofree char *text = model_to_text (model);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

void
print_state (const Model *model)
{
  g_autofree char *text = model_to_text (model);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      printf ("state %s\n", lines[i]);
  fflush (stdout);
}

/* --- the state in the file -------------------------------------------- */

static gboolean
load_document (TesseraProject  *project,
               Model           *model,
               gint64           document_id,
               GError         **error)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) stances = NULL;
  g_autoptr(GArray) members = NULL;

  if (!(spans = tessera_project_list_spans (project, document_id, error)) ||
      !(events = tessera_project_list_events (project, document_id, error)) ||
      !(stances = tessera_project_list_stances (project, document_id, error)) ||
      !(members = tessera_project_list_document_cluster_members (project, document_id, error)))
    return FALSE;

  for (guint i = 0; i < spans->len; i++)
    {
      TesseraSpan span = g_array_index (spans, TesseraSpan, i);

      span.note = (char *) g_intern_string (span.note);
      span.created = span.updated = 0;
      add_row (model, T_SPAN, &span);
    }
  for (guint i = 0; i < events->len; i++)
    {
      TesseraEvent event = *(TesseraEvent *) g_ptr_array_index (events, i);

      for (guint k = 0; k < event.arguments->len; k++)
        {
          const TesseraArgument *a = &g_array_index (event.arguments, TesseraArgument, k);
          Arg arg = { event.id, a->role_label_id, a->span_id };

          add_row (model, T_ARG, &arg);
        }
      event.realis = (char *) g_intern_string (event.realis);
      event.confirmation = (char *) g_intern_string (event.confirmation);
      event.arguments = NULL;
      add_row (model, T_EVENT, &event);
    }
  g_array_append_vals (model->rows[T_STANCE], stances->data, stances->len);
  g_array_append_vals (model->rows[T_MEMBER], members->data, members->len);

  return TRUE;
}

Model *
load_model (TesseraProject  *project,
            GError         **error)
{
  g_autoptr(Model) model = model_new ();
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) clusters = NULL;

  if (!(docs = tessera_project_list_documents (project, error)) ||
      !(clusters = tessera_project_list_clusters (project, TESSERA_LABEL_ANY, error)))
    return NULL;

  for (guint i = 0; i < docs->len; i++)
    {
      const TesseraDocument *d = g_ptr_array_index (docs, i);
      Doc doc = { d->id, d->status, d->n_chars };

      add_row (model, T_DOC, &doc);
      if (!load_document (project, model, d->id, error))
        return NULL;
    }
  for (guint i = 0; i < clusters->len; i++)
    {
      TesseraCluster cluster = *(TesseraCluster *) g_ptr_array_index (clusters, i);

      cluster.name = (char *) g_intern_string (cluster.name);
      cluster.created = 0;
      cluster.n_members = 0;

      add_row (model, T_CLUSTER, &cluster);
    }

  return g_steal_pointer (&model);
}
