/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crash-driver"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tessera-history.h"
#include "tessera-project.h"

/* The program test-crash kills: it makes random undoable commands on a
 * project through TesseraHistory, as the window does, and says which
 * ones returned, so the test can tell whether a kill lost one.
 *
 *   crash-driver PROJECT SEED [COUNT]   commands until killed (or COUNT)
 *   crash-driver --digest PROJECT       the state of the file
 *
 * It writes one line at a time to stdout, flushed:
 *
 *   ready DIGEST       the project is open; DIGEST is the state it holds
 *   do N WHAT…         command N starts (a group announces its parts too)
 *   ack N ID DIGEST    command N returned: what it made (or 0) and the
 *                      state the file must now hold
 *   digest DIGEST      (--digest) the state the file holds
 *   state ROW…         the state itself, one row a line, after COUNT
 *                      commands or the digest (for a failing test to show)
 *
 * The expected state is a model of the project that the driver keeps
 * itself, from what each command is documented to do (deleting a span
 * takes its events and stances along…), never read back from the file.
 * A DIGEST is the SHA-256 of the model's rows in id order, leaving out
 * timestamps. The same seed on the same file makes the same commands
 * with the same ids, so the test can replay a run to learn the state a
 * command that was in flight when killed would have left. */

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

static const gsize row_sizes[N_TABLES] = {
  sizeof (Doc), sizeof (TesseraSpan), sizeof (TesseraEvent), sizeof (Arg), sizeof (TesseraStance),
  sizeof (TesseraCluster), sizeof (TesseraClusterMember),
};

#define KEYED(table) ((table) == T_ARG || (table) == T_MEMBER)

typedef struct
{
  GArray *rows[N_TABLES];
} Model;

#define N_ROWS(model, table) ((model)->rows[table]->len)

static gpointer
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

static Model *
model_copy (const Model *model)
{
  Model *copy = g_new0 (Model, 1);

  for (guint t = 0; t < N_TABLES; t++)
    copy->rows[t] = g_array_copy (model->rows[t]);

  return copy;
}

static void
model_free (Model *model)
{
  for (guint t = 0; t < N_TABLES; t++)
    g_array_unref (model->rows[t]);
  g_free (model);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Model, model_free)

static gpointer
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

static void
add_row (Model         *model,
         Table          table,
         gconstpointer  row)
{
  g_array_append_vals (model->rows[table], row, 1);
}

/* Removes the Args (event, role, span) or members (cluster, span, event)
 * whose three first fields match @a, @b and @c; 0 matches anything. */
static void
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
static gint64
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
static void
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
static void
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
static void
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

static void
forget_stance (Model  *model,
               gint64  stance_id)
{
  remove_row (model, T_STANCE, stance_id);
}

/* Moves the members of cluster @from to @into (0: to none) and deletes
 * @from, as merging or deleting it does. */
static void
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

static void
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

static int
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

#define ID "%" G_GINT64_FORMAT

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

static char *
model_digest (const Model *model)
{
  g_autofree char *text = model_to_text (model);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static void
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

static Model *
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

/* --- the driver ------------------------------------------------------- */

typedef struct
{
  Model *before;
  Model *after;
} UndoStep;

static void
undo_step_free (UndoStep *step)
{
  model_free (step->before);
  model_free (step->after);
  g_free (step);
}

typedef struct
{
  TesseraProject         *project;
  TesseraHistory         *history;
  GRand                  *rand;
  Model                  *model;
  GPtrArray              *undo;      /* UndoStep*, newest last, as the history's */
  GPtrArray              *redo;
  guint64                 n_done;    /* commands acknowledged */
  gint64                  annotator_id;
  GPtrArray              *labels[TESSERA_N_LABEL_KINDS];
  const TesseraAttribute *realis;
  const TesseraAttribute *confirmation;
} Driver;

typedef enum
{
  SKIPPED,   /* nothing to do it on: nothing announced, nothing changed */
  DONE,
  FAILED,
} Outcome;

/* Says on stdout that command n_done + 1 (or a part of it) starts. */
static void announce (Driver *d, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
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

static guint
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

static const char * const notes[] = {
  NULL, "check the date", "named in the AFP wire", "côté malien — à vérifier", "two sources ✓",
};

static const char * const cluster_names[] = {
  "FAMa", "CSP‑PSD", "Anefis clash", "Kidal", "the governor", "Ménaka attack",
};

/* --- commands --------------------------------------------------------- */

/* Each command picks what it works on; when there is nothing to pick it
 * returns SKIPPED before announcing itself. @arg is the command's own
 * (see the table below). */
typedef Outcome (*CommandFunc) (Driver  *d,
                                int      arg,
                                gint64  *result,
                                GError **error);

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
static Outcome
cmd_add (Driver  *d,
         int      kind,
         gint64  *result,
         GError **error)
{
  const Doc *doc = random_row (d, T_DOC, NULL);
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

static Outcome
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

static Outcome
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

static Outcome
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

static Outcome
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

static Outcome
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

static Outcome
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

static Outcome
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

static Outcome
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

static Outcome
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

static Outcome
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

static Outcome
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

static Outcome
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

/* Undo (@backward) and redo: the model goes back (or forward) to a copy
 * of itself. */
static Outcome
cmd_undo_redo (Driver  *d,
               int      backward,
               gint64  *result,
               GError **error)
{
  GPtrArray *from = backward ? d->undo : d->redo;
  GPtrArray *to = backward ? d->redo : d->undo;
  UndoStep *step;

  if (from->len == 0)
    return SKIPPED;

  announce (d, backward ? "undo" : "redo");
  if (!(backward ? tessera_history_undo (d->history, error) : tessera_history_redo (d->history, error)))
    return FAILED;

  step = g_ptr_array_steal_index (from, from->len - 1);
  model_free (d->model);
  d->model = model_copy (backward ? step->before : step->after);
  g_ptr_array_add (to, step);

  return DONE;
}

static Outcome cmd_group (Driver *d, int arg, gint64 *result, GError **error);

typedef enum
{
  GROWS    = 1 << 0,  /* left out while the model has MAX_SPANS spans */
  UNDOABLE = 1 << 1,  /* makes an undo step (undo and redo move one) */
  GROUPED  = 1 << 2,  /* may be part of a group */
} CommandFlags;

static const struct
{
  guint        weight;
  CommandFlags flags;
  CommandFunc  func;
  int          arg;
} commands[] = {
  { 10, GROWS | UNDOABLE | GROUPED, cmd_add, TESSERA_LABEL_ENTITY },
  { 6,  GROWS | UNDOABLE | GROUPED, cmd_add, TESSERA_LABEL_EVENT },
  { 4,  GROWS | UNDOABLE | GROUPED, cmd_add, TESSERA_LABEL_STANCE },
  { 6,  UNDOABLE | GROUPED,         cmd_add_argument, 0 },
  { 3,  UNDOABLE,                   cmd_remove_argument, 0 },
  { 4,  UNDOABLE,                   cmd_update_span, 0 },
  { 4,  UNDOABLE | GROUPED,         cmd_update_event, 0 },
  { 4,  UNDOABLE,                   cmd_update_stance, 0 },
  { 5,  UNDOABLE | GROUPED,         cmd_delete, T_SPAN },
  { 3,  UNDOABLE,                   cmd_delete, T_EVENT },
  { 2,  UNDOABLE,                   cmd_delete, T_STANCE },
  { 3,  UNDOABLE | GROUPED,         cmd_set_status, 0 },
  { 2,  UNDOABLE,                   cmd_add_cluster, 0 },
  { 1,  UNDOABLE,                   cmd_rename_cluster, 0 },
  { 4,  UNDOABLE | GROUPED,         cmd_add_cluster_member, 0 },
  { 2,  UNDOABLE,                   cmd_remove_cluster_member, 0 },
  { 1,  UNDOABLE,                   cmd_merge_clusters, 0 },
  { 1,  UNDOABLE,                   cmd_delete, T_CLUSTER },
  { 6,  0,                          cmd_undo_redo, TRUE },
  { 3,  0,                          cmd_undo_redo, FALSE },
  { 3,  GROWS | UNDOABLE,           cmd_group, 0 },
};

static Outcome
run_entry (Driver  *d,
           guint    k,
           gint64  *result,
           GError **error)
{
  return commands[k].func (d, commands[k].arg, result, error);
}

/* A random command (one that may be grouped when @grouped). */
static guint
random_command (Driver   *d,
                gboolean  grouped)
{
  CommandFlags left_out = N_ROWS (d->model, T_SPAN) >= MAX_SPANS ? GROWS : 0;
  guint total = 0;
  guint pick;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if ((!grouped || (commands[i].flags & GROUPED)) && !(commands[i].flags & left_out))
      total += commands[i].weight;

  pick = random_index (d, total);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if ((grouped && !(commands[i].flags & GROUPED)) || (commands[i].flags & left_out))
        continue;
      if (pick < commands[i].weight)
        return i;
      pick -= commands[i].weight;
    }

  g_assert_not_reached ();
}

/* Two or three commands as one undo step, in one transaction. */
static Outcome
cmd_group (Driver  *d,
           int      arg,
           gint64  *result,
           GError **error)
{
  guint n = (guint) g_rand_int_range (d->rand, 2, 4);

  announce (d, "group of %u", n);
  if (!tessera_history_begin_group (d->history, "Crash test group", error))
    return FAILED;

  for (guint done = 0; done < n;)
    {
      switch (run_entry (d, random_command (d, TRUE), result, error))
        {
        case DONE:
          done++;
          break;
        case FAILED:
          tessera_history_end_group (d->history, FALSE, NULL);
          return FAILED;
        case SKIPPED:
        default:
          break;
        }
    }

  return tessera_history_end_group (d->history, TRUE, error) ? DONE : FAILED;
}

/* Runs one random command; FALSE with @error when the project refused it. */
static gboolean
run_command (Driver  *d,
             GError **error)
{
  g_autoptr(Model) before = model_copy (d->model);
  g_autofree char *digest = NULL;
  gint64 result = 0;
  guint k;
  Outcome outcome;

  do
    {
      k = random_command (d, FALSE);
      outcome = run_entry (d, k, &result, error);
    }
  while (outcome == SKIPPED);

  if (outcome == FAILED)
    return FALSE;

  if (commands[k].flags & UNDOABLE)
    {
      UndoStep *step = g_new0 (UndoStep, 1);

      step->before = g_steal_pointer (&before);
      step->after = model_copy (d->model);
      g_ptr_array_add (d->undo, step);
      g_ptr_array_set_size (d->redo, 0);
    }

  if (tessera_history_can_undo (d->history) != (d->undo->len > 0) ||
      tessera_history_can_redo (d->history) != (d->redo->len > 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "After command %" G_GUINT64_FORMAT " the history and the driver disagree on undo",
                   d->n_done + 1);
      return FALSE;
    }

  d->n_done++;
  digest = model_digest (d->model);
  printf ("ack %" G_GUINT64_FORMAT " %" G_GINT64_FORMAT " %s\n", d->n_done, result, digest);
  fflush (stdout);

  return TRUE;
}

static void
driver_clear (Driver *d)
{
  for (guint k = 0; k < TESSERA_N_LABEL_KINDS; k++)
    g_clear_pointer (&d->labels[k], g_ptr_array_unref);
  g_clear_pointer (&d->undo, g_ptr_array_unref);
  g_clear_pointer (&d->redo, g_ptr_array_unref);
  g_clear_pointer (&d->model, model_free);
  g_clear_pointer (&d->rand, g_rand_free);
  g_clear_object (&d->history);
  if (d->project != NULL)
    tessera_project_close (d->project);
  g_clear_object (&d->project);
}

static gboolean
driver_open (Driver      *d,
             const char  *path,
             guint32      seed,
             GError     **error)
{
  d->project = tessera_project_open (path, TESSERA_OPEN_DEFAULT, error);
  if (d->project == NULL)
    return FALSE;

  /* The test made this annotator, so signing needs no write of its own. */
  tessera_project_set_annotator (d->project, "crash-driver");
  if (!(d->annotator_id = tessera_project_get_current_annotator_id (d->project, error)) ||
      !(d->model = load_model (d->project, error)))
    return FALSE;

  for (guint k = 0; k < TESSERA_N_LABEL_KINDS; k++)
    d->labels[k] = tessera_project_list_labels (d->project, k);
  d->realis = tessera_project_get_attribute (d->project, "realis");
  d->confirmation = tessera_project_get_attribute (d->project, "confirmation");
  if (N_ROWS (d->model, T_DOC) == 0 || d->realis == NULL || d->confirmation == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s needs documents and the default schema", path);
      return FALSE;
    }

  d->history = tessera_history_new (d->project);
  d->rand = g_rand_new_with_seed (seed);
  d->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_step_free);
  d->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_step_free);

  return TRUE;
}

static int
print_digest (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraProject) project = tessera_project_open (path, TESSERA_OPEN_READ_ONLY, &error);
  g_autoptr(Model) model = NULL;
  g_autofree char *digest = NULL;

  if (project == NULL || !(model = load_model (project, &error)))
    {
      g_printerr ("crash-driver: %s\n", error->message);
      return EXIT_FAILURE;
    }

  digest = model_digest (model);
  printf ("digest %s\n", digest);
  print_state (model);
  tessera_project_close (project);

  return EXIT_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *digest = NULL;
  Driver d = { NULL };
  guint64 seed;
  guint64 count = 0;
  pid_t parent = getppid ();
  gboolean ok = TRUE;

  if (argc == 3 && g_str_equal (argv[1], "--digest"))
    return print_digest (argv[2]);

  if ((argc != 3 && argc != 4) ||
      !g_ascii_string_to_unsigned (argv[2], 10, 0, G_MAXUINT32, &seed, NULL) ||
      (argc == 4 && !g_ascii_string_to_unsigned (argv[3], 10, 1, G_MAXUINT64, &count, NULL)))
    {
      g_printerr ("Usage: crash-driver PROJECT SEED [COUNT]\n"
                  "       crash-driver --digest PROJECT\n");
      return EXIT_FAILURE;
    }

  if (!driver_open (&d, argv[1], (guint32) seed, &error))
    {
      g_printerr ("crash-driver: %s\n", error->message);
      driver_clear (&d);
      return EXIT_FAILURE;
    }

  digest = model_digest (d.model);
  printf ("ready %s\n", digest);
  fflush (stdout);

  /* Until killed; a driver whose test died stops by itself. */
  while (ok && (count == 0 || d.n_done < count) && getppid () == parent)
    ok = run_command (&d, &error);

  if (!ok)
    g_printerr ("crash-driver: command %" G_GUINT64_FORMAT " failed: %s\n", d.n_done + 1, error->message);
  else if (count > 0)
    print_state (d.model);

  driver_clear (&d);

  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
