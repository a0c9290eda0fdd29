/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-curation"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-curation.h"

/* One thing the annotators made, and who made it. */
typedef struct
{
  char      *key;
  GPtrArray *who;       /* const char*: annotator names, each once, in order met */
  gconstpointer first;  /* the first one met: TesseraSpan*, TesseraEvent*, TesseraStance* */
} Unit;

static void
unit_free (gpointer data)
{
  Unit *unit = data;

  g_free (unit->key);
  g_ptr_array_unref (unit->who);
  g_free (unit);
}

typedef struct
{
  TesseraProject  *project;
  TesseraCuration *result;
  gint64           curator_id;     /* 0 when the curator has nothing yet */
  guint            min_agreement;
  gint64           document_id;
  GHashTable      *spans;          /* span id → TesseraSpan* (the document's) */
  GHashTable      *events;         /* event id → TesseraEvent* */
  /* The curator's layer, as it is and as planned. */
  GHashTable      *has;            /* keys of the curator's spans, frames and stances */
  GHashTable      *accepted_spans; /* "start end label" → span id, accepted */
  GHashTable      *any_spans;      /* "start end label" → span id, accepted or suggested */
  GHashTable      *triggers;       /* span ids (gint64*) that trigger an event */
  GHashTable      *curator_events; /* "start end type" → event id, accepted first */
} Curation;

static char *
place_key (gint64 start,
           gint64 end,
           gint64 label_id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, start, end, label_id);
}

static char *
span_place_key (const TesseraSpan *span)
{
  return place_key (span->start, span->end, span->label_id);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* An event by what it says: trigger, type, arguments, realis, confirmation. */
static char *
frame_key (Curation           *c,
           const TesseraEvent *event)
{
  const TesseraSpan *trigger = g_hash_table_lookup (c->spans, &event->trigger_span_id);
  g_autoptr(GPtrArray) arguments = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  if (trigger == NULL)
    return NULL;
  for (guint i = 0; event->arguments != NULL && i < event->arguments->len; i++)
    {
      const TesseraArgument *argument = &g_array_index (event->arguments, TesseraArgument, i);
      const TesseraSpan *filler = g_hash_table_lookup (c->spans, &argument->span_id);

      if (filler != NULL)
        g_ptr_array_add (arguments, g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                                     argument->role_label_id, filler->start, filler->end));
    }
  g_ptr_array_sort (arguments, compare_strings);
  g_ptr_array_add (arguments, NULL);
  joined = g_strjoinv (",", (char **) arguments->pdata);

  return g_strdup_printf ("E %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " [%s] %s %s",
                          trigger->start, trigger->end, event->type_label_id, joined,
                          event->realis != NULL ? event->realis : "",
                          event->confirmation != NULL ? event->confirmation : "");
}

/* An event as a stance's target: its trigger and type. */
static char *
event_place_key (Curation           *c,
                 const TesseraEvent *event)
{
  const TesseraSpan *trigger = g_hash_table_lookup (c->spans, &event->trigger_span_id);

  return trigger != NULL ? place_key (trigger->start, trigger->end, event->type_label_id) : NULL;
}

static char *
stance_key (Curation            *c,
            const TesseraStance *stance)
{
  const TesseraSpan *statement = g_hash_table_lookup (c->spans, &stance->span_id);
  const TesseraSpan *holder = g_hash_table_lookup (c->spans, &stance->holder_span_id);
  const TesseraSpan *target_span = g_hash_table_lookup (c->spans, &stance->target_span_id);
  const TesseraEvent *target_event = g_hash_table_lookup (c->events, &stance->target_event_id);
  g_autofree char *holder_key = NULL, *target_key = NULL;

  if (statement == NULL)
    return NULL;
  if (holder != NULL)
    holder_key = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, holder->start, holder->end);
  if (target_event != NULL)
    {
      g_autofree char *place = event_place_key (c, target_event);

      target_key = g_strdup_printf ("event %s", place != NULL ? place : "?");
    }
  else if (target_span != NULL)
    target_key = g_strdup_printf ("span %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, target_span->start, target_span->end);

  return g_strdup_printf ("T %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s %s",
                          statement->start, statement->end, stance->label_id,
                          holder_key != NULL ? holder_key : "-", target_key != NULL ? target_key : "-");
}

static void
add_unit (GHashTable    *units,
          GPtrArray     *order,
          char          *key,
          const char    *who,
          gconstpointer  object)
{
  Unit *unit;

  if (key == NULL)
    return;
  if (!(unit = g_hash_table_lookup (units, key)))
    {
      unit = g_new0 (Unit, 1);
      unit->key = key;
      unit->who = g_ptr_array_new ();
      unit->first = object;
      g_hash_table_insert (units, unit->key, unit);
      g_ptr_array_add (order, unit);
    }
  else
    g_free (key);
  for (guint i = 0; i < unit->who->len; i++)
    if (g_str_equal (g_ptr_array_index (unit->who, i), who))
      return;
  g_ptr_array_add (unit->who, (gpointer) who);
}

/* "Proposed by ana and ben" */
static char *
proposed_by (const Unit *unit)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < unit->who->len; i++)
    {
      if (i > 0)
        g_string_append (names, i + 1 == unit->who->len ? _(" and ") : ", ");
      g_string_append (names, g_ptr_array_index (unit->who, i));
    }
  /* Translators: the note on a suggestion curation made; %s: annotators' names */
  return g_strdup_printf (_("Proposed by %s"), names->str);
}

/* A span in the curator's layer at @like's place and label: one there
 * already or planned, accepted if there is one, else (but for a trigger
 * of an agreed event) suggested: an agreed stance whose holder's label is
 * disputed stands on the suggestion, which the exports leave out until it
 * is accepted. Otherwise a new one. A trigger is always a span no other
 * event stands on. */
static gint64
curator_span (Curation          *c,
              const TesseraSpan *like,
              gboolean           suggested,
              gboolean           trigger,
              const char        *note)
{
  g_autofree char *key = span_place_key (like);
  gpointer found = g_hash_table_lookup (c->accepted_spans, key);

  if (found == NULL && (suggested || !trigger))
    found = g_hash_table_lookup (c->any_spans, key);
  TesseraSpan span = { 0 };
  gint64 id;

  if (found != NULL && !(trigger && g_hash_table_contains (c->triggers, found)))
    {
      id = *(gint64 *) found;
      if (trigger)
        g_hash_table_add (c->triggers, g_memdup2 (&id, sizeof id));
      return id;
    }

  span.document_id = c->document_id;
  span.start = like->start;
  span.end = like->end;
  span.label_id = like->label_id;
  span.suggested = suggested;
  span.note = (char *) note;
  id = tessera_plan_add_span (c->result->plan, &span);

  if (!suggested)
    g_hash_table_insert (c->accepted_spans, g_strdup (key), g_memdup2 (&id, sizeof id));
  if (!g_hash_table_contains (c->any_spans, key) || !suggested)
    g_hash_table_insert (c->any_spans, g_strdup (key), g_memdup2 (&id, sizeof id));
  if (trigger)
    g_hash_table_add (c->triggers, g_memdup2 (&id, sizeof id));
  return id;
}

/* What the curator has: not proposed again, and reused by what is planned. */
static void
read_curator_layer (Curation  *c,
                    GArray    *spans,
                    GPtrArray *events,
                    GArray    *stances)
{
  for (guint i = 0; i < spans->len; i++)
    {
      const TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);
      char *key;

      if (span->annotator_id != c->curator_id || c->curator_id == 0)
        continue;
      key = span_place_key (span);
      if (!span->suggested && !g_hash_table_contains (c->accepted_spans, key))
        g_hash_table_insert (c->accepted_spans, g_strdup (key), g_memdup2 (&span->id, sizeof span->id));
      if (!g_hash_table_contains (c->any_spans, key) || !span->suggested)
        g_hash_table_insert (c->any_spans, g_strdup (key), g_memdup2 (&span->id, sizeof span->id));
      g_hash_table_add (c->has, g_strdup_printf ("S %s", key));
      g_free (key);
    }
  for (guint i = 0; i < events->len; i++)
    {
      const TesseraEvent *event = events->pdata[i];
      char *frame, *place;

      g_hash_table_add (c->triggers, g_memdup2 (&event->trigger_span_id, sizeof event->trigger_span_id));
      if (event->annotator_id != c->curator_id || c->curator_id == 0)
        continue;
      if ((frame = frame_key (c, event)) != NULL)
        g_hash_table_add (c->has, frame);
      if ((place = event_place_key (c, event)) != NULL &&
          (!g_hash_table_contains (c->curator_events, place) || !event->suggested))
        g_hash_table_insert (c->curator_events, place, g_memdup2 (&event->id, sizeof event->id));
      else
        g_free (place);
    }
  for (guint i = 0; i < stances->len; i++)
    {
      const TesseraStance *stance = &g_array_index (stances, TesseraStance, i);
      char *key;

      if (stance->annotator_id == c->curator_id && c->curator_id != 0 && (key = stance_key (c, stance)) != NULL)
        g_hash_table_add (c->has, key);
    }
}

static void
plan_event (Curation           *c,
            const Unit         *unit,
            gboolean            agreed)
{
  const TesseraEvent *like = unit->first;
  const TesseraSpan *trigger = g_hash_table_lookup (c->spans, &like->trigger_span_id);
  g_autofree char *note = agreed ? NULL : proposed_by (unit);
  g_autoptr(TesseraEvent) event = tessera_event_new ();
  g_autofree char *place = NULL;
  gint64 id;

  event->document_id = c->document_id;
  event->type_label_id = like->type_label_id;
  event->realis = g_strdup (like->realis);
  event->confirmation = g_strdup (like->confirmation);
  event->suggested = !agreed;
  event->trigger_span_id = curator_span (c, trigger, !agreed, TRUE, note);
  for (guint i = 0; like->arguments != NULL && i < like->arguments->len; i++)
    {
      const TesseraArgument *argument = &g_array_index (like->arguments, TesseraArgument, i);
      const TesseraSpan *filler = g_hash_table_lookup (c->spans, &argument->span_id);

      if (filler != NULL)
        tessera_event_add_argument (event, argument->role_label_id, curator_span (c, filler, !agreed, FALSE, note));
    }
  id = tessera_plan_add_event (c->result->plan, event);

  place = event_place_key (c, like);
  if (place != NULL && (agreed || !g_hash_table_contains (c->curator_events, place)))
    g_hash_table_insert (c->curator_events, g_steal_pointer (&place), g_memdup2 (&id, sizeof id));
}

static void
plan_stance (Curation   *c,
             const Unit *unit,
             gboolean    agreed)
{
  const TesseraStance *like = unit->first;
  const TesseraSpan *statement = g_hash_table_lookup (c->spans, &like->span_id);
  const TesseraSpan *holder = g_hash_table_lookup (c->spans, &like->holder_span_id);
  const TesseraSpan *target_span = g_hash_table_lookup (c->spans, &like->target_span_id);
  const TesseraEvent *target_event = g_hash_table_lookup (c->events, &like->target_event_id);
  g_autofree char *note = agreed ? NULL : proposed_by (unit);
  TesseraStance stance = { 0 };

  stance.document_id = c->document_id;
  stance.label_id = like->label_id;
  stance.suggested = !agreed;
  stance.span_id = curator_span (c, statement, !agreed, FALSE, note);
  if (holder != NULL)
    stance.holder_span_id = curator_span (c, holder, !agreed, FALSE, note);
  if (target_span != NULL)
    stance.target_span_id = curator_span (c, target_span, !agreed, FALSE, note);
  if (target_event != NULL)
    {
      g_autofree char *place = event_place_key (c, target_event);
      const gint64 *event_id = place != NULL ? g_hash_table_lookup (c->curator_events, place) : NULL;

      stance.target_event_id = event_id != NULL ? *event_id : 0;
    }
  tessera_plan_add_stance (c->result->plan, &stance);
}

static gboolean
curate_document (TesseraDocument  *doc,
                 gpointer          user_data,
                 GError          **error)
{
  Curation *c = user_data;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) stances = NULL;
  g_autoptr(GHashTable) span_units = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, unit_free);
  g_autoptr(GHashTable) event_units = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, unit_free);
  g_autoptr(GHashTable) stance_units = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, unit_free);
  g_autoptr(GPtrArray) span_order = g_ptr_array_new ();
  g_autoptr(GPtrArray) event_order = g_ptr_array_new ();
  g_autoptr(GPtrArray) stance_order = g_ptr_array_new ();

  if (!(spans = tessera_project_list_spans (c->project, doc->id, error)) ||
      !(events = tessera_project_list_events (c->project, doc->id, error)) ||
      !(stances = tessera_project_list_stances (c->project, doc->id, error)))
    return FALSE;
  if (spans->len == 0)
    return TRUE;

  c->document_id = doc->id;
  c->spans = g_hash_table_new (g_int64_hash, g_int64_equal);
  c->events = g_hash_table_new (g_int64_hash, g_int64_equal);
  c->has = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c->accepted_spans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c->any_spans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c->triggers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  c->curator_events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < spans->len; i++)
    g_hash_table_insert (c->spans, &g_array_index (spans, TesseraSpan, i).id, &g_array_index (spans, TesseraSpan, i));
  for (guint i = 0; i < events->len; i++)
    g_hash_table_insert (c->events, &((TesseraEvent *) events->pdata[i])->id, events->pdata[i]);

  read_curator_layer (c, spans, events, stances);

  /* The annotators' accepted work, by what it says. */
  for (guint i = 0; i < spans->len; i++)
    {
      const TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);
      const TesseraLabel *label = tessera_project_get_label (c->project, span->label_id);
      const char *who = tessera_project_get_annotator_name (c->project, span->annotator_id);
      g_autofree char *place = NULL;

      if (span->suggested || span->annotator_id == c->curator_id || who == NULL ||
          label == NULL || label->kind != TESSERA_LABEL_ENTITY)
        continue;
      place = span_place_key (span);
      add_unit (span_units, span_order, g_strdup_printf ("S %s", place), who, span);
    }
  for (guint i = 0; i < events->len; i++)
    {
      const TesseraEvent *event = events->pdata[i];
      const char *who = tessera_project_get_annotator_name (c->project, event->annotator_id);

      if (!event->suggested && event->annotator_id != c->curator_id && who != NULL)
        add_unit (event_units, event_order, frame_key (c, event), who, event);
    }
  for (guint i = 0; i < stances->len; i++)
    {
      const TesseraStance *stance = &g_array_index (stances, TesseraStance, i);
      const char *who = tessera_project_get_annotator_name (c->project, stance->annotator_id);

      if (!stance->suggested && stance->annotator_id != c->curator_id && who != NULL)
        add_unit (stance_units, stance_order, stance_key (c, stance), who, stance);
    }

  /* Agreed first, so that what is disputed can stand on it. */
  for (int agreed = 1; agreed >= 0; agreed--)
    {
      for (guint i = 0; i < span_order->len; i++)
        {
          const Unit *unit = g_ptr_array_index (span_order, i);
          g_autofree char *note = NULL;

          if ((unit->who->len >= c->min_agreement) != agreed || g_hash_table_contains (c->has, unit->key))
            continue;
          note = agreed ? NULL : proposed_by (unit);
          curator_span (c, unit->first, !agreed, FALSE, note);
          g_hash_table_add (c->has, g_strdup (unit->key));
          if (agreed)
            c->result->agreed.n_spans++;
          else
            c->result->disputed.n_spans++;
        }
      for (guint i = 0; i < event_order->len; i++)
        {
          const Unit *unit = g_ptr_array_index (event_order, i);

          if ((unit->who->len >= c->min_agreement) != agreed || g_hash_table_contains (c->has, unit->key))
            continue;
          plan_event (c, unit, agreed);
          g_hash_table_add (c->has, g_strdup (unit->key));
          if (agreed)
            c->result->agreed.n_events++;
          else
            c->result->disputed.n_events++;
        }
    }
  for (int agreed = 1; agreed >= 0; agreed--)
    for (guint i = 0; i < stance_order->len; i++)
      {
        const Unit *unit = g_ptr_array_index (stance_order, i);

        if ((unit->who->len >= c->min_agreement) != agreed || g_hash_table_contains (c->has, unit->key))
          continue;
        plan_stance (c, unit, agreed);
        g_hash_table_add (c->has, g_strdup (unit->key));
        if (agreed)
          c->result->agreed.n_stances++;
        else
          c->result->disputed.n_stances++;
      }

  g_clear_pointer (&c->spans, g_hash_table_unref);
  g_clear_pointer (&c->events, g_hash_table_unref);
  g_clear_pointer (&c->has, g_hash_table_unref);
  g_clear_pointer (&c->accepted_spans, g_hash_table_unref);
  g_clear_pointer (&c->any_spans, g_hash_table_unref);
  g_clear_pointer (&c->triggers, g_hash_table_unref);
  g_clear_pointer (&c->curator_events, g_hash_table_unref);
  return TRUE;
}

typedef struct
{
  Curation     *c;
  GCancellable *cancellable;
} CurateData;

static gboolean
curate_document_cb (TesseraDocument  *doc,
                    gpointer          user_data,
                    GError          **error)
{
  CurateData *data = user_data;

  if (g_cancellable_set_error_if_cancelled (data->cancellable, error))
    return FALSE;
  return curate_document (doc, data->c, error);
}

TesseraCuration *
tessera_curation_plan (TesseraProject  *project,
                       const char      *curator,
                       guint            min_agreement,
                       GCancellable    *cancellable,
                       GError         **error)
{
  g_autoptr(TesseraCuration) result = g_new0 (TesseraCuration, 1);
  Curation c = { 0 };
  CurateData data = { &c, cancellable };

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (curator != NULL && *curator != '\0', NULL);

  if (min_agreement < 1)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("The agreement needed must be at least one annotator"));
      return NULL;
    }

  result->plan = tessera_plan_new ();
  c.project = project;
  c.result = result;
  c.curator_id = tessera_project_find_annotator (project, curator);
  c.min_agreement = min_agreement;

  if (!tessera_project_foreach_document (project, FALSE, curate_document_cb, &data, error))
    return NULL;

  return g_steal_pointer (&result);
}

void
tessera_curation_free (TesseraCuration *curation)
{
  if (curation == NULL)
    return;

  g_clear_pointer (&curation->plan, tessera_plan_free);
  g_free (curation);
}
