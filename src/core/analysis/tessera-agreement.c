/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-agreement"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-text.h"
#include "tessera-agreement.h"

/* Longest quotation in a disagreement's description. */
#define QUOTE_CHARS 40

static const char * const measure_names[TESSERA_AGREEMENT_N_MEASURES] = {
  "spans", "triggers", "arguments", "frames", "stances",
};

const char *
tessera_agreement_measure_name (TesseraAgreementMeasure measure)
{
  g_return_val_if_fail (measure < TESSERA_AGREEMENT_N_MEASURES, NULL);

  return measure_names[measure];
}

double
tessera_agreement_count_f1 (const TesseraAgreementCount *count)
{
  g_return_val_if_fail (count != NULL, NAN);

  if (count->a + count->b == 0)
    return NAN;
  return 2.0 * count->matched / (count->a + count->b);
}

/* One item an annotator has in a document, under its key. */
typedef struct
{
  gint64      start;
  gint64      end;
  gint64      span_id;
  const char *label;        /* the project's, or NULL */
  char       *description;
} Item;

static void
item_free (gpointer data)
{
  Item *item = data;

  g_free (item->description);
  g_free (item);
}

/* What one annotator has in the document being read. */
typedef struct
{
  GHashTable *items[TESSERA_AGREEMENT_N_MEASURES];  /* key → Item */
  GHashTable *values;                               /* "start end" → sorted labels joined */
} Layer;

static Layer *
layer_new (void)
{
  Layer *layer = g_new0 (Layer, 1);

  for (guint m = 0; m < TESSERA_AGREEMENT_N_MEASURES; m++)
    layer->items[m] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, item_free);
  layer->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return layer;
}

static void
layer_free (gpointer data)
{
  Layer *layer = data;

  for (guint m = 0; m < TESSERA_AGREEMENT_N_MEASURES; m++)
    g_hash_table_unref (layer->items[m]);
  g_hash_table_unref (layer->values);
  g_free (layer);
}

/* What one pair accumulates beyond its counts. */
typedef struct
{
  GHashTable *by_label;      /* label → TesseraAgreementCount */
  GHashTable *value_counts;  /* α: value → how often it was given */
  guint       alpha_differ;  /* α: units given two different values */
} PairState;

typedef struct
{
  TesseraProject *project;
  GArray         *annotator_ids;  /* gint64, as the result's names */
  gboolean       *has_accepted;   /* per annotator: an accepted span seen */
  GPtrArray      *pairs;          /* TesseraAgreementPair*, as the result's */
  GPtrArray      *states;         /* PairState*, as pairs */
  GPtrArray      *mentions;       /* per annotator: "doc start end kind" → cluster id (gint64*) */
  /* The document being read. */
  gint64            document_id;
  TesseraTextCursor cursor;
  GHashTable       *spans;        /* span id → TesseraSpan* (of the document's array) */
  GHashTable       *events;       /* event id → TesseraEvent* */
  GPtrArray        *layers;       /* Layer* per annotator, NULL when none in the document */
} Computation;

static void
pair_free (gpointer data)
{
  TesseraAgreementPair *pair = data;

  if (pair == NULL)
    return;
  g_free (pair->a);
  g_free (pair->b);
  g_ptr_array_unref (pair->labels);
  g_array_unref (pair->by_label);
  g_array_unref (pair->disagreements);
  g_free (pair);
}

static void
disagreement_clear (gpointer data)
{
  TesseraDisagreement *d = data;

  g_free (d->label);
  g_free (d->description);
}

static void
pair_state_free (gpointer data)
{
  PairState *state = data;

  g_hash_table_unref (state->by_label);
  g_hash_table_unref (state->value_counts);
  g_free (state);
}

void
tessera_agreement_free (TesseraAgreement *agreement)
{
  if (agreement == NULL)
    return;

  g_ptr_array_unref (agreement->annotators);
  g_ptr_array_unref (agreement->pairs);
  g_free (agreement);
}

/* --- reading a document -------------------------------------------------- */

/* “text” of [start, end), cut short when long. */
static char *
quote (Computation *c,
       gint64       start,
       gint64       end)
{
  const char *from = tessera_text_cursor_seek (&c->cursor, start);
  const char *to;
  g_autofree char *text = NULL;

  if (from == NULL)
    return g_strdup ("“?”");
  if (end - start > QUOTE_CHARS)
    {
      to = tessera_text_cursor_seek (&c->cursor, start + QUOTE_CHARS - 1);
      text = g_strndup (from, to - from);
      /* Translators: a quotation cut short */
      return g_strdup_printf (_("“%s…”"), text);
    }
  to = tessera_text_cursor_seek (&c->cursor, end);
  text = g_strndup (from, to != NULL ? (gsize) (to - from) : strlen (from));
  for (char *p = text; *p != '\0'; p++)
    if (*p == '\n' || *p == '\t')
      *p = ' ';
  /* Translators: a quotation of annotated text */
  return g_strdup_printf (_("“%s”"), text);
}

static const char *
label_name (Computation *c,
            gint64       id)
{
  const TesseraLabel *label = tessera_project_get_label (c->project, id);

  return label != NULL ? label->name : "?";
}

static int
annotator_index (Computation *c,
                 gint64       annotator_id)
{
  for (guint i = 0; i < c->annotator_ids->len; i++)
    if (g_array_index (c->annotator_ids, gint64, i) == annotator_id)
      return (int) i;
  return -1;
}

/* The layer of an annotator compared, made when first needed; NULL for
 * another annotator. */
static Layer *
layer_of (Computation *c,
          gint64       annotator_id)
{
  int i = annotator_index (c, annotator_id);

  if (i < 0)
    return NULL;
  if (g_ptr_array_index (c->layers, i) == NULL)
    g_ptr_array_index (c->layers, i) = layer_new ();
  return g_ptr_array_index (c->layers, i);
}

static void
add_item (Layer                   *layer,
          TesseraAgreementMeasure  measure,
          char                    *key,
          const TesseraSpan       *span,
          const char              *label,
          char                    *description)
{
  Item *item = g_new0 (Item, 1);

  item->start = span->start;
  item->end = span->end;
  item->span_id = span->id;
  item->label = label;
  item->description = description;
  /* The same item twice counts once. */
  g_hash_table_replace (layer->items[measure], key, item);
}

static void
add_mention (Computation *c,
             gint64       annotator_id,
             gint64       start,
             gint64       end,
             char         kind,
             gint64       cluster_id)
{
  int i = annotator_index (c, annotator_id);
  gint64 *value;

  if (i < 0)
    return;
  value = g_new (gint64, 1);
  *value = cluster_id;
  g_hash_table_replace (g_ptr_array_index (c->mentions, i),
                        g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %c",
                                         c->document_id, start, end, kind),
                        value);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
read_spans (Computation *c,
            GArray      *spans,
            GHashTable  *span_clusters)
{
  g_autoptr(GHashTable) labels_at = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < spans->len; i++)
    {
      TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);
      const TesseraLabel *label = tessera_project_get_label (c->project, span->label_id);
      g_autofree char *text = NULL;
      const gint64 *cluster;
      Layer *layer;
      char *place;
      int index;
      GPtrArray *labels;

      g_hash_table_insert (c->spans, &span->id, span);
      if (!span->suggested && (index = annotator_index (c, span->annotator_id)) >= 0)
        c->has_accepted[index] = TRUE;
      if (span->suggested || label == NULL || label->kind != TESSERA_LABEL_ENTITY ||
          !(layer = layer_of (c, span->annotator_id)))
        continue;

      text = quote (c, span->start, span->end);
      add_item (layer, TESSERA_AGREEMENT_SPANS,
                g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s", span->start, span->end, label->name),
                span, label->name, g_strdup_printf ("%s %s", label->name, text));
      cluster = g_hash_table_lookup (span_clusters, &span->id);
      add_mention (c, span->annotator_id, span->start, span->end, 'S', cluster != NULL ? *cluster : 0);

      /* α: the labels each annotator gave one place. */
      place = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                               span->annotator_id, span->start, span->end);
      if (!(labels = g_hash_table_lookup (labels_at, place)))
        {
          labels = g_ptr_array_new ();
          g_hash_table_insert (labels_at, place, labels);
        }
      else
        g_free (place);
      g_ptr_array_add (labels, (gpointer) label->name);
    }

  g_hash_table_iter_init (&iter, labels_at);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *labels = value;
      gint64 annotator_id;
      char *rest;
      GString *joined = g_string_new (NULL);

      annotator_id = g_ascii_strtoll (key, &rest, 10);
      g_ptr_array_sort (labels, compare_strings);
      for (guint i = 0; i < labels->len; i++)
        if (i == 0 || strcmp (g_ptr_array_index (labels, i), g_ptr_array_index (labels, i - 1)) != 0)
          g_string_append_printf (joined, "%s%s", joined->len > 0 ? "+" : "", (char *) g_ptr_array_index (labels, i));
      g_hash_table_replace (layer_of (c, annotator_id)->values, g_strdup (rest + 1), g_string_free (joined, FALSE));
    }
}

static int
compare_arguments (gconstpointer a,
                   gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* "Attack “clash”" */
static char *
trigger_text (Computation        *c,
              const TesseraEvent *event,
              const TesseraSpan  *trigger)
{
  g_autofree char *text = quote (c, trigger->start, trigger->end);

  return g_strdup_printf ("%s %s", label_name (c, event->type_label_id), text);
}

static void
read_events (Computation *c,
             GPtrArray   *events,
             GHashTable  *event_clusters)
{
  for (guint i = 0; i < events->len; i++)
    {
      TesseraEvent *event = g_ptr_array_index (events, i);
      const TesseraSpan *trigger = g_hash_table_lookup (c->spans, &event->trigger_span_id);
      const char *type = label_name (c, event->type_label_id);
      g_autoptr(GPtrArray) frame_arguments = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) frame_texts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *arguments_key = NULL;
      g_autofree char *arguments_text = NULL;
      g_autofree char *what = NULL;
      const gint64 *cluster;
      Layer *layer;

      g_hash_table_insert (c->events, &event->id, event);
      if (event->suggested || trigger == NULL || !(layer = layer_of (c, event->annotator_id)))
        continue;

      what = trigger_text (c, event, trigger);
      add_item (layer, TESSERA_AGREEMENT_TRIGGERS,
                g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s", trigger->start, trigger->end, type),
                trigger, type, g_strdup (what));
      cluster = g_hash_table_lookup (event_clusters, &event->id);
      add_mention (c, event->annotator_id, trigger->start, trigger->end, 'E', cluster != NULL ? *cluster : 0);

      for (guint k = 0; k < event->arguments->len; k++)
        {
          const TesseraArgument *argument = &g_array_index (event->arguments, TesseraArgument, k);
          const TesseraSpan *filler = g_hash_table_lookup (c->spans, &argument->span_id);
          const char *role = label_name (c, argument->role_label_id);
          g_autofree char *filler_text = NULL;

          if (filler == NULL)
            continue;
          filler_text = quote (c, filler->start, filler->end);
          add_item (layer, TESSERA_AGREEMENT_ARGUMENTS,
                    g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                     trigger->start, trigger->end, type, role, filler->start, filler->end),
                    trigger, type, g_strdup_printf ("%s: %s = %s", what, role, filler_text));
          g_ptr_array_add (frame_arguments,
                           g_strdup_printf ("%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, role, filler->start, filler->end));
          g_ptr_array_add (frame_texts, g_strdup_printf ("%s = %s", role, filler_text));
        }

      /* A frame is its trigger, type, set of arguments, realis and confirmation. */
      g_ptr_array_sort (frame_arguments, compare_arguments);
      g_ptr_array_sort (frame_texts, compare_arguments);
      g_ptr_array_add (frame_arguments, NULL);
      g_ptr_array_add (frame_texts, NULL);
      arguments_key = g_strjoinv (",", (char **) frame_arguments->pdata);
      arguments_text = g_strjoinv (", ", (char **) frame_texts->pdata);
      add_item (layer, TESSERA_AGREEMENT_FRAMES,
                g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s [%s] %s %s",
                                 trigger->start, trigger->end, type, arguments_key,
                                 event->realis != NULL ? event->realis : "",
                                 event->confirmation != NULL ? event->confirmation : ""),
                trigger, type,
                /* Translators: an event frame: "Attack “clash” (Place = “Anefis”; actual, confirmed)" */
                g_strdup_printf (_("%s (%s; %s, %s)"), what, arguments_text,
                                 event->realis != NULL ? event->realis : "",
                                 event->confirmation != NULL ? event->confirmation : ""));
    }
}

static void
read_stances (Computation *c,
              GArray      *stances)
{
  for (guint i = 0; i < stances->len; i++)
    {
      const TesseraStance *stance = &g_array_index (stances, TesseraStance, i);
      const TesseraSpan *statement = g_hash_table_lookup (c->spans, &stance->span_id);
      const TesseraSpan *holder = g_hash_table_lookup (c->spans, &stance->holder_span_id);
      const TesseraSpan *target_span = g_hash_table_lookup (c->spans, &stance->target_span_id);
      const TesseraEvent *target_event = g_hash_table_lookup (c->events, &stance->target_event_id);
      const TesseraSpan *target_trigger = NULL;
      const char *label = label_name (c, stance->label_id);
      g_autofree char *holder_key = NULL, *target_key = NULL;
      g_autofree char *statement_text = NULL, *holder_text = NULL, *target_text = NULL;
      Layer *layer;

      if (stance->suggested || statement == NULL || !(layer = layer_of (c, stance->annotator_id)))
        continue;

      if (target_event != NULL)
        target_trigger = g_hash_table_lookup (c->spans, &target_event->trigger_span_id);

      statement_text = quote (c, statement->start, statement->end);
      if (holder != NULL)
        {
          holder_key = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, holder->start, holder->end);
          holder_text = quote (c, holder->start, holder->end);
        }
      if (target_trigger != NULL)
        {
          target_key = g_strdup_printf ("event %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s",
                                        target_trigger->start, target_trigger->end,
                                        label_name (c, target_event->type_label_id));
          target_text = trigger_text (c, target_event, target_trigger);
        }
      else if (target_span != NULL)
        {
          target_key = g_strdup_printf ("span %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                        target_span->start, target_span->end);
          target_text = quote (c, target_span->start, target_span->end);
        }

      add_item (layer, TESSERA_AGREEMENT_STANCES,
                g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s|%s|%s",
                                 statement->start, statement->end, label,
                                 holder_key != NULL ? holder_key : "-", target_key != NULL ? target_key : "-"),
                statement, label,
                /* Translators: a stance: "Deny “denied”, held by “the army”, toward Attack “clash”";
                 * "nobody" and "nothing" stand for a missing holder or target. */
                g_strdup_printf (_("%s %s, held by %s, toward %s"), label, statement_text,
                                 holder_text != NULL ? holder_text : _("nobody"),
                                 target_text != NULL ? target_text : _("nothing")));
    }
}

/* --- comparing ---------------------------------------------------------- */

static void
add_disagreement (TesseraAgreementPair    *pair,
                  TesseraAgreementMeasure  measure,
                  gint64                   document_id,
                  const Item              *item,
                  gboolean                 first)
{
  TesseraDisagreement d = {
    .measure = measure,
    .document_id = document_id,
    .start = item->start,
    .end = item->end,
    .span_id = item->span_id,
    .first = first,
    .label = g_strdup (item->label),
    .description = g_strdup (item->description),
  };

  g_array_append_val (pair->disagreements, d);
}

static TesseraAgreementCount *
label_count (PairState  *state,
             const char *label)
{
  TesseraAgreementCount *count = g_hash_table_lookup (state->by_label, label);

  if (count == NULL)
    {
      count = g_new0 (TesseraAgreementCount, 1);
      g_hash_table_insert (state->by_label, g_strdup (label), count);
    }
  return count;
}

/* Counts the items of @mine (the first annotator's when @first) and
 * those of @theirs it also holds. */
static void
count_side (TesseraAgreementPair    *pair,
            PairState               *state,
            TesseraAgreementMeasure  measure,
            gint64                   document_id,
            GHashTable              *mine,
            GHashTable              *theirs,
            gboolean                 first)
{
  TesseraAgreementCount *count = &pair->counts[measure];
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, mine);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Item *item = value;
      gboolean shared = g_hash_table_contains (theirs, key);
      TesseraAgreementCount *by_label = NULL;

      if (measure == TESSERA_AGREEMENT_SPANS)
        by_label = label_count (state, item->label);

      if (first)
        {
          count->a++;
          if (by_label != NULL)
            by_label->a++;
          if (shared)
            {
              count->matched++;
              if (by_label != NULL)
                by_label->matched++;
            }
        }
      else if (by_label != NULL)
        by_label->b++;
      if (!first)
        count->b++;

      if (!shared)
        add_disagreement (pair, measure, document_id, item, first);
    }
}

/* α: each place either annotator marked is a unit; the value each gave
 * it is its labels, or none. */
static void
count_units (PairState  *state,
             guint      *n_units,
             GHashTable *values_a,
             GHashTable *values_b)
{
  GHashTableIter iter;
  gpointer key, value;

  for (guint side = 0; side < 2; side++)
    {
      GHashTable *mine = side == 0 ? values_a : values_b;
      GHashTable *theirs = side == 0 ? values_b : values_a;

      g_hash_table_iter_init (&iter, mine);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          const char *other = g_hash_table_lookup (theirs, key);

          /* A place both marked is counted from the first side only. */
          if (side == 1 && other != NULL)
            continue;
          (*n_units)++;
          for (guint v = 0; v < 2; v++)
            {
              const char *given = v == 0 ? value : (other != NULL ? other : "");
              guint n = GPOINTER_TO_UINT (g_hash_table_lookup (state->value_counts, given));

              if (n == 0)
                g_hash_table_insert (state->value_counts, g_strdup (given), GUINT_TO_POINTER (1));
              else
                g_hash_table_replace (state->value_counts, g_strdup (given), GUINT_TO_POINTER (n + 1));
            }
          if (other == NULL || strcmp (value, other) != 0)
            state->alpha_differ++;
        }
    }
}

static void
compare_document (Computation *c)
{
  guint n = c->annotator_ids->len;
  guint p = 0;

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++, p++)
      {
        TesseraAgreementPair *pair = g_ptr_array_index (c->pairs, p);
        PairState *state = g_ptr_array_index (c->states, p);
        Layer *a = g_ptr_array_index (c->layers, i);
        Layer *b = g_ptr_array_index (c->layers, j);

        /* Only documents both annotated. */
        if (a == NULL || b == NULL)
          continue;
        pair->n_documents++;
        for (guint m = 0; m < TESSERA_AGREEMENT_N_MEASURES; m++)
          {
            count_side (pair, state, m, c->document_id, a->items[m], b->items[m], TRUE);
            count_side (pair, state, m, c->document_id, b->items[m], a->items[m], FALSE);
          }
        count_units (state, &pair->alpha_units, a->values, b->values);
      }
}

/* B³ over the mentions both marked that either linked into a cluster: a
 * mention's cluster is the mentions of that set in the same cluster, or
 * itself alone. */
static void
compare_clusters (TesseraAgreementPair *pair,
                  GHashTable           *mentions_a,
                  GHashTable           *mentions_b)
{
  g_autoptr(GHashTable) size_a = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) size_b = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) size_ab = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;
  double precision = 0, recall = 0;

  pair->b3_precision = pair->b3_recall = pair->b3_f1 = NAN;

  g_hash_table_iter_init (&iter, mentions_a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const gint64 *in_b = g_hash_table_lookup (mentions_b, key);
      gint64 ca = *(const gint64 *) value;
      char *ka, *kb;

      if (in_b == NULL || (ca == 0 && *in_b == 0))
        continue;
      ka = ca != 0 ? g_strdup_printf ("c%" G_GINT64_FORMAT, ca) : g_strdup_printf ("m%s", (char *) key);
      kb = *in_b != 0 ? g_strdup_printf ("c%" G_GINT64_FORMAT, *in_b) : g_strdup_printf ("m%s", (char *) key);
      g_ptr_array_add (keys, ka);
      g_ptr_array_add (keys, kb);
      g_hash_table_replace (size_a, g_strdup (ka), GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (size_a, ka)) + 1));
      g_hash_table_replace (size_b, g_strdup (kb), GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (size_b, kb)) + 1));
      {
        char *both = g_strconcat (ka, "\t", kb, NULL);

        g_hash_table_replace (size_ab, both, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (size_ab, both)) + 1));
      }
    }

  pair->b3_mentions = keys->len / 2;
  if (pair->b3_mentions == 0)
    return;

  for (guint k = 0; k < keys->len; k += 2)
    {
      const char *ka = g_ptr_array_index (keys, k), *kb = g_ptr_array_index (keys, k + 1);
      g_autofree char *both = g_strconcat (ka, "\t", kb, NULL);
      double shared = GPOINTER_TO_UINT (g_hash_table_lookup (size_ab, both));

      precision += shared / GPOINTER_TO_UINT (g_hash_table_lookup (size_a, ka));
      recall += shared / GPOINTER_TO_UINT (g_hash_table_lookup (size_b, kb));
    }
  pair->b3_precision = precision / pair->b3_mentions;
  pair->b3_recall = recall / pair->b3_mentions;
  pair->b3_f1 = 2 * pair->b3_precision * pair->b3_recall / (pair->b3_precision + pair->b3_recall);
}

static double
alpha (const PairState *state,
       guint            n_units)
{
  GHashTableIter iter;
  gpointer value;
  double n = 2.0 * n_units, sum_squares = 0, expected;

  g_hash_table_iter_init (&iter, state->value_counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    sum_squares += (double) GPOINTER_TO_UINT (value) * GPOINTER_TO_UINT (value);
  /* Σ over c ≠ k of n_c·n_k. */
  expected = n * n - sum_squares;
  if (n_units == 0 || expected <= 0)
    return NAN;
  /* 1 − D_o / D_e, with D_o = Σ o_ck / n (c ≠ k), o_ck counted both ways. */
  return 1.0 - (n - 1.0) * 2.0 * state->alpha_differ / expected;
}

static int
compare_disagreements (gconstpointer a,
                       gconstpointer b)
{
  const TesseraDisagreement *x = a, *y = b;

  if (x->document_id != y->document_id)
    return x->document_id < y->document_id ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->measure != y->measure)
    return x->measure < y->measure ? -1 : 1;
  return x->first == y->first ? 0 : (x->first ? -1 : 1);
}

static void
finish_pair (TesseraAgreementPair *pair,
             PairState            *state)
{
  g_autoptr(GList) labels = g_hash_table_get_keys (state->by_label);

  labels = g_list_sort (labels, (GCompareFunc) strcmp);
  for (GList *l = labels; l != NULL; l = l->next)
    {
      g_ptr_array_add (pair->labels, g_strdup (l->data));
      g_array_append_val (pair->by_label, *(TesseraAgreementCount *) g_hash_table_lookup (state->by_label, l->data));
    }
  pair->alpha = alpha (state, pair->alpha_units);
  g_array_sort (pair->disagreements, compare_disagreements);
}

/* --- the whole project ---------------------------------------------------- */

static gboolean
read_document (Computation      *c,
               TesseraDocument  *doc,
               GError          **error)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) stances = NULL;
  g_autoptr(GArray) members = NULL;
  g_autoptr(GHashTable) span_clusters = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) event_clusters = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (!(spans = tessera_project_list_spans (c->project, doc->id, error)) ||
      !(events = tessera_project_list_events (c->project, doc->id, error)) ||
      !(stances = tessera_project_list_stances (c->project, doc->id, error)) ||
      !(members = tessera_project_list_document_cluster_members (c->project, doc->id, error)))
    return FALSE;
  if (spans->len == 0)
    return TRUE;

  for (guint i = 0; i < members->len; i++)
    {
      TesseraClusterMember *member = &g_array_index (members, TesseraClusterMember, i);

      if (member->span_id != 0)
        g_hash_table_insert (span_clusters, &member->span_id, &member->cluster_id);
      else
        g_hash_table_insert (event_clusters, &member->event_id, &member->cluster_id);
    }

  c->document_id = doc->id;
  tessera_text_cursor_init (&c->cursor, doc->text != NULL ? doc->text : "", -1);
  c->spans = g_hash_table_new (g_int64_hash, g_int64_equal);
  c->events = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < c->layers->len; i++)
    g_clear_pointer (&g_ptr_array_index (c->layers, i), layer_free);

  read_spans (c, spans, span_clusters);
  read_events (c, events, event_clusters);
  read_stances (c, stances);
  compare_document (c);

  g_clear_pointer (&c->spans, g_hash_table_unref);
  g_clear_pointer (&c->events, g_hash_table_unref);
  for (guint i = 0; i < c->layers->len; i++)
    g_clear_pointer (&g_ptr_array_index (c->layers, i), layer_free);

  return TRUE;
}

typedef struct
{
  Computation  *c;
  GCancellable *cancellable;
} ReadData;

static gboolean
read_document_cb (TesseraDocument  *doc,
                  gpointer          user_data,
                  GError          **error)
{
  ReadData *data = user_data;

  if (g_cancellable_set_error_if_cancelled (data->cancellable, error))
    return FALSE;
  return read_document (data->c, doc, error);
}

/* Keeps the pairs of annotators with accepted spans (when they were not
 * named), in order: computed for every annotator the project knows, in
 * the one pass over the documents. */
static void
drop_idle_annotators (TesseraAgreement *result,
                      const gboolean   *has_accepted)
{
  guint n = result->annotators->len;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (pair_free);

  for (guint i = 0, p = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++, p++)
      if (has_accepted[i] && has_accepted[j])
        g_ptr_array_add (pairs, g_steal_pointer (&g_ptr_array_index (result->pairs, p)));
  for (guint i = 0; i < n; i++)
    if (has_accepted[i])
      g_ptr_array_add (kept, g_steal_pointer (&g_ptr_array_index (result->annotators, i)));

  g_ptr_array_unref (result->pairs);
  g_ptr_array_unref (result->annotators);
  result->pairs = g_steal_pointer (&pairs);
  result->annotators = g_steal_pointer (&kept);
}

TesseraAgreement *
tessera_agreement_compute (TesseraProject      *project,
                           const char * const  *annotators,
                           GCancellable        *cancellable,
                           GError             **error)
{
  g_autoptr(TesseraAgreement) result = g_new0 (TesseraAgreement, 1);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (pair_state_free);
  g_autoptr(GPtrArray) mentions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GPtrArray) layers = g_ptr_array_new ();
  g_autofree gboolean *has_accepted = NULL;
  Computation c = { 0 };
  ReadData data = { &c, cancellable };
  guint n;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), NULL);

  result->pairs = g_ptr_array_new_with_free_func (pair_free);
  if (annotators != NULL)
    {
      result->annotators = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; annotators[i] != NULL; i++)
        g_ptr_array_add (result->annotators, g_strdup (annotators[i]));
    }
  else
    {
      g_autoptr(GArray) known = tessera_project_list_annotators (project);

      result->annotators = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < known->len; i++)
        g_ptr_array_add (result->annotators,
                         g_strdup (tessera_project_get_annotator_name (project, g_array_index (known, gint64, i))));
    }

  n = result->annotators->len;
  if (n < 2)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("Agreement needs two annotators or more, not %u"), n);
      return NULL;
    }

  for (guint i = 0; i < n; i++)
    {
      const char *name = g_ptr_array_index (result->annotators, i);
      gint64 id = tessera_project_find_annotator (project, name);

      if (id == 0)
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND,
                       _("No annotations by “%s” in this project"), name);
          return NULL;
        }
      g_array_append_val (ids, id);
      g_ptr_array_add (mentions, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free));
      g_ptr_array_add (layers, NULL);
    }

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        TesseraAgreementPair *pair = g_new0 (TesseraAgreementPair, 1);
        PairState *state = g_new0 (PairState, 1);

        pair->a = g_strdup (g_ptr_array_index (result->annotators, i));
        pair->b = g_strdup (g_ptr_array_index (result->annotators, j));
        pair->labels = g_ptr_array_new_with_free_func (g_free);
        pair->by_label = g_array_new (FALSE, FALSE, sizeof (TesseraAgreementCount));
        pair->disagreements = g_array_new (FALSE, FALSE, sizeof (TesseraDisagreement));
        g_array_set_clear_func (pair->disagreements, disagreement_clear);
        state->by_label = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
        state->value_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
        g_ptr_array_add (result->pairs, pair);
        g_ptr_array_add (states, state);
      }

  has_accepted = g_new0 (gboolean, n);
  c.project = project;
  c.annotator_ids = ids;
  c.has_accepted = has_accepted;
  c.pairs = result->pairs;
  c.states = states;
  c.mentions = mentions;
  c.layers = layers;

  if (!tessera_project_foreach_document (project, TRUE, read_document_cb, &data, error))
    return NULL;

  for (guint i = 0, p = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++, p++)
      {
        TesseraAgreementPair *pair = g_ptr_array_index (result->pairs, p);

        finish_pair (pair, g_ptr_array_index (states, p));
        compare_clusters (pair, g_ptr_array_index (mentions, i), g_ptr_array_index (mentions, j));
      }

  if (annotators == NULL)
    {
      drop_idle_annotators (result, has_accepted);
      if (result->annotators->len < 2)
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       _("Agreement needs two annotators or more, not %u"), result->annotators->len);
          return NULL;
        }
    }

  return g_steal_pointer (&result);
}

/* --- on a worker ------------------------------------------------------------ */

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char * const *names = task_data;
  const char *path = tessera_project_get_path (TESSERA_PROJECT (source));
  g_autoptr(TesseraProject) reader = NULL;
  g_autoptr(GError) error = NULL;
  TesseraAgreement *agreement = NULL;

  if ((reader = tessera_project_open (path, TESSERA_OPEN_READ_ONLY | TESSERA_OPEN_SKIP_CHECK, &error)))
    {
      agreement = tessera_agreement_compute (reader, names != NULL && names[0] != NULL ? names : NULL,
                                             cancellable, &error);
      tessera_project_close (reader);
    }
  if (agreement == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, agreement, (GDestroyNotify) tessera_agreement_free);
}

void
tessera_agreement_compute_async (TesseraProject      *project,
                                 const char * const  *annotators,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TESSERA_IS_PROJECT (project));
  g_return_if_fail (tessera_project_get_path (project) != NULL);

  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_agreement_compute_async);
  g_task_set_task_data (task, g_strdupv ((char **) annotators), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, compute_thread);
}

TesseraAgreement *
tessera_agreement_compute_finish (TesseraProject  *project,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, project), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
