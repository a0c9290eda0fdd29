/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-propagate.h"
#include "tessera-shared-passages.h"
#include "tessera-window-private.h"

/* Work across documents, from the window: carrying the annotations of
 * this report onto the other copies of its shared passages, tagging every
 * occurrence of a mention, and accepting or rejecting what they propose.
 * All of it is one undo step per action. */

#define PENDING_PROPAGATE "tessera-pending-propagate"

static void
report (TesseraWindow *self,
        const GError  *error)
{
  if (error != NULL)
    tessera_window_show_message (self, error->message);
}

/* --- suggestions made as one undo step ---------------------------------- */

/* Makes suggestions in @project, as tessera_propagate() or
 * tessera_annotate_occurrences() do. */
typedef TesseraPropagateResult *(*MakeFunc) (TesseraProject  *project,
                                             gpointer         data,
                                             GError         **error);

/* What was made, read back before it is taken back. */
typedef struct
{
  GArray    *spans;      /* TesseraSpan */
  GPtrArray *events;     /* TesseraEvent* */
  GArray    *stances;    /* TesseraStance */
} Made;

static void
made_clear (Made *made)
{
  g_clear_pointer (&made->spans, g_array_unref);
  g_clear_pointer (&made->events, g_ptr_array_unref);
  g_clear_pointer (&made->stances, g_array_unref);
}

static gboolean
read_made (TesseraProject               *project,
           const TesseraPropagateResult *result,
           Made                         *made,
           GError                      **error)
{
  made->spans = tessera_span_array_new ();
  made->events = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_event_free);
  made->stances = g_array_new (FALSE, FALSE, sizeof (TesseraStance));

  for (guint i = 0; i < result->span_ids->len; i++)
    {
      TesseraSpan *span = tessera_project_get_span (project, g_array_index (result->span_ids, gint64, i), error);

      if (span == NULL)
        return FALSE;
      g_array_append_vals (made->spans, span, 1);
      /* The array owns the note now. */
      span->note = NULL;
      tessera_span_free (span);
    }
  for (guint i = 0; i < result->event_ids->len; i++)
    {
      TesseraEvent *event = tessera_project_get_event (project, g_array_index (result->event_ids, gint64, i), error);

      if (event == NULL)
        return FALSE;
      g_ptr_array_add (made->events, event);
    }
  for (guint i = 0; i < result->stance_ids->len; i++)
    {
      g_autoptr(TesseraStance) stance = tessera_project_get_stance (project,
                                                                    g_array_index (result->stance_ids, gint64, i),
                                                                    error);

      if (stance == NULL)
        return FALSE;
      g_array_append_vals (made->stances, stance, 1);
    }

  return TRUE;
}

typedef struct
{
  TesseraProject         *project;
  TesseraHistory         *history;
  GHashTable             *spans;     /* id made → id remade (gint64*) */
  GHashTable             *events;
  TesseraPropagateResult *result;    /* what was remade */
} Replay;

static void
map_id (GHashTable *map,
        gint64      from,
        gint64      to)
{
  g_hash_table_insert (map, g_memdup2 (&from, sizeof from), g_memdup2 (&to, sizeof to));
}

/* The id remade for @id, @id itself when it was there before, or 0
 * when it was made but could not be remade. */
static gint64
mapped (GHashTable *map,
        GHashTable *made,
        gint64      id)
{
  gint64 *to;

  if (id == 0)
    return 0;
  if ((to = g_hash_table_lookup (map, &id)))
    return *to;
  return g_hash_table_contains (made, &id) ? 0 : id;
}

static TesseraPropagateCount *
count_for (TesseraPropagateResult *result,
           gint64                  document_id)
{
  TesseraPropagateCount count = { document_id, 0, 0, 0 };
  guint i;

  for (i = 0; i < result->counts->len; i++)
    {
      TesseraPropagateCount *c = &g_array_index (result->counts, TesseraPropagateCount, i);

      if (c->document_id == document_id)
        return c;
      if (c->document_id > document_id)
        break;
    }
  g_array_insert_val (result->counts, i, count);

  return &g_array_index (result->counts, TesseraPropagateCount, i);
}

static const TesseraSpan *
find_made_span (const Made *made,
                gint64      id)
{
  for (guint i = 0; i < made->spans->len; i++)
    if (g_array_index (made->spans, TesseraSpan, i).id == id)
      return &g_array_index (made->spans, TesseraSpan, i);
  return NULL;
}

/* Makes again, through the history, what @made holds: the same spans,
 * events with their arguments and stances, suggested. The history
 * records rows as the store has them, so each row is made the way an
 * analyst would make it, then marked suggested. */
static gboolean
replay (Replay      *r,
        const Made  *made,
        GError     **error)
{
  g_autoptr(GHashTable) made_spans = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) made_events = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < made->spans->len; i++)
    g_hash_table_add (made_spans, &g_array_index (made->spans, TesseraSpan, i).id);
  for (guint i = 0; i < made->events->len; i++)
    g_hash_table_add (made_events, &((TesseraEvent *) g_ptr_array_index (made->events, i))->id);

  /* Events and stances with the trigger or statement made for them. A
   * frame on a span the copy had already cannot be made through the
   * history without a second span: it is left out. */
  for (guint i = 0; i < made->events->len; i++)
    {
      const TesseraEvent *event = g_ptr_array_index (made->events, i);
      const TesseraSpan *trigger = find_made_span (made, event->trigger_span_id);
      g_autoptr(TesseraEvent) remade = NULL;
      gint64 id;

      if (trigger == NULL || g_hash_table_contains (r->spans, &trigger->id))
        continue;
      if (!(id = tessera_history_add_event (r->history, trigger->document_id, trigger->start, trigger->end,
                                            event->type_label_id, error)) ||
          !(remade = tessera_project_get_event (r->project, id, error)))
        return FALSE;
      map_id (r->spans, trigger->id, remade->trigger_span_id);
      map_id (r->events, event->id, id);
    }

  for (guint i = 0; i < made->stances->len; i++)
    {
      const TesseraStance *stance = &g_array_index (made->stances, TesseraStance, i);
      const TesseraSpan *statement = find_made_span (made, stance->span_id);
      g_autoptr(TesseraStance) remade = NULL;
      gint64 id;

      if (statement == NULL || g_hash_table_contains (r->spans, &statement->id))
        continue;
      if (!(id = tessera_history_add_stance (r->history, statement->document_id, statement->start, statement->end,
                                             stance->label_id, error)) ||
          !(remade = tessera_project_get_stance (r->project, id, error)))
        return FALSE;
      map_id (r->spans, statement->id, remade->span_id);
    }

  for (guint i = 0; i < made->spans->len; i++)
    {
      const TesseraSpan *span = &g_array_index (made->spans, TesseraSpan, i);
      gint64 id;

      if (g_hash_table_contains (r->spans, &span->id))
        continue;
      if (!(id = tessera_history_add_span (r->history, span->document_id, span->start, span->end,
                                           span->label_id, error)))
        return FALSE;
      map_id (r->spans, span->id, id);
    }

  /* Every span remade is a suggestion, with its note. */
  for (guint i = 0; i < made->spans->len; i++)
    {
      const TesseraSpan *span = &g_array_index (made->spans, TesseraSpan, i);
      g_autoptr(TesseraSpan) remade = NULL;
      gint64 id = mapped (r->spans, made_spans, span->id);

      if (id == 0)
        continue;
      if (!(remade = tessera_project_get_span (r->project, id, error)))
        return FALSE;
      g_free (remade->note);
      remade->note = g_strdup (span->note);
      remade->suggested = TRUE;
      if (!tessera_history_update_span (r->history, remade, error))
        return FALSE;
      g_array_append_val (r->result->span_ids, id);
      count_for (r->result, remade->document_id)->n_spans++;
    }

  for (guint i = 0; i < made->events->len; i++)
    {
      const TesseraEvent *event = g_ptr_array_index (made->events, i);
      g_autoptr(TesseraEvent) remade = NULL;
      gint64 id = mapped (r->events, made_events, event->id);

      if (id == 0 || !g_hash_table_contains (r->events, &event->id))
        continue;
      if (!(remade = tessera_project_get_event (r->project, id, error)))
        return FALSE;

      /* The history keeps an event's flag as the store has it: flag it
       * there, and the change recorded next (arguments, attributes)
       * carries the flag, so that redo makes it suggested too. */
      remade->suggested = TRUE;
      if (!tessera_project_update_event (r->project, remade, error))
        return FALSE;
      for (guint a = 0; event->arguments != NULL && a < event->arguments->len; a++)
        {
          const TesseraArgument *arg = &g_array_index (event->arguments, TesseraArgument, a);
          gint64 span_id = mapped (r->spans, made_spans, arg->span_id);

          if (span_id != 0 &&
              !tessera_history_add_argument (r->history, id, arg->role_label_id, span_id, error))
            return FALSE;
        }
      g_free (remade->realis);
      remade->realis = g_strdup (event->realis);
      g_free (remade->confirmation);
      remade->confirmation = g_strdup (event->confirmation);
      if (!tessera_history_update_event (r->history, remade, error))
        return FALSE;

      g_array_append_val (r->result->event_ids, id);
      count_for (r->result, remade->document_id)->n_events++;
    }

  for (guint i = 0; i < made->stances->len; i++)
    {
      const TesseraStance *stance = &g_array_index (made->stances, TesseraStance, i);
      gint64 span_id = mapped (r->spans, made_spans, stance->span_id);
      g_autoptr(TesseraStance) remade = NULL;
      g_autoptr(GArray) stances = NULL;

      if (span_id == 0 || !g_hash_table_contains (r->spans, &stance->span_id))
        continue;

      /* The stance made with its statement span. */
      if (!(stances = tessera_project_list_stances (r->project, stance->document_id, error)))
        return FALSE;
      for (guint k = 0; k < stances->len && remade == NULL; k++)
        if (g_array_index (stances, TesseraStance, k).span_id == span_id)
          remade = tessera_stance_copy (&g_array_index (stances, TesseraStance, k));
      if (remade == NULL)
        continue;

      remade->label_id = stance->label_id;
      remade->holder_span_id = mapped (r->spans, made_spans, stance->holder_span_id);
      remade->target_span_id = mapped (r->spans, made_spans, stance->target_span_id);
      remade->target_event_id = mapped (r->events, made_events, stance->target_event_id);
      remade->suggested = TRUE;
      if (!tessera_history_update_stance (r->history, remade, error))
        return FALSE;

      g_array_append_val (r->result->stance_ids, remade->id);
      count_for (r->result, remade->document_id)->n_stances++;
    }

  return TRUE;
}

/* Runs @make and records what it made as ONE undo step called @label:
 * it runs in a transaction that is rolled back once its rows are read,
 * then the rows are made again through the history. Returns what was
 * made (ids as they are now). */
static TesseraPropagateResult *
make_undoable (TesseraWorkbench  *workbench,
               const char        *label,
               MakeFunc           make,
               gpointer           data,
               GError           **error)
{
  TesseraProject *project = tessera_workbench_get_project (workbench);
  TesseraHistory *history = tessera_workbench_get_history (workbench);
  g_autoptr(TesseraPropagateResult) first = NULL;
  g_autoptr(GHashTable) spans = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) events = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(TesseraPropagateResult) result = tessera_propagate_result_new ();
  Made made = { NULL, NULL, NULL };
  Replay r = { project, history, spans, events, result };
  gboolean ok;

  if (!tessera_project_begin (project, error))
    return NULL;
  ok = (first = make (project, data, error)) != NULL && read_made (project, first, &made, error);
  tessera_project_rollback (project);
  if (!ok)
    {
      made_clear (&made);
      return NULL;
    }

  if (made.spans->len == 0 && made.events->len == 0 && made.stances->len == 0)
    {
      made_clear (&made);
      return g_steal_pointer (&result);
    }

  if (!tessera_history_begin_group (history, label, error))
    {
      made_clear (&made);
      return NULL;
    }
  ok = replay (&r, &made, error);
  made_clear (&made);
  if (!tessera_history_end_group (history, ok, ok ? error : NULL) || !ok)
    return NULL;

  return g_steal_pointer (&result);
}

/* "3 spans, 1 event, 0 stances" */
static char *
counts_text (guint n_spans,
             guint n_events,
             guint n_stances)
{
  g_autofree char *spans = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u span", "%u spans", n_spans),
                                            n_spans);
  g_autofree char *events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n_events),
                                             n_events);
  g_autofree char *stances = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u stance", "%u stances", n_stances),
                                              n_stances);

  /* Translators: "3 spans, 1 event, 0 stances" */
  return g_strdup_printf (_("%s, %s, %s"), spans, events, stances);
}

/* --- carrying annotations to copies ------------------------------------- */

typedef struct
{
  TesseraDuplicates *duplicates;
  gint64             source_id;
} PropagateData;

static TesseraPropagateResult *
make_propagate (TesseraProject  *project,
                gpointer         data,
                GError         **error)
{
  PropagateData *p = data;

  return tessera_propagate (project, p->duplicates, p->source_id, TESSERA_DUPLICATES_DEFAULT_SIMILARITY, error);
}

static void
run_propagate (TesseraWindow *self,
               gint64         document_id)
{
  TesseraSharedPassages *shared = tessera_document_view_get_shared_passages (self->document_view);
  g_autoptr(TesseraPropagateResult) result = NULL;
  g_autoptr(GArray) passages = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;
  g_autofree char *message = NULL;
  PropagateData data = { tessera_shared_passages_get_duplicates (shared), document_id };
  guint n_spans, n_events, n_stances, n_docs;

  if (data.duplicates == NULL || tessera_workbench_get_project (self->workbench) == NULL)
    return;

  passages = tessera_shared_passages_list (shared, document_id);
  if (passages->len == 0)
    {
      tessera_window_show_message (self, _("This report shares no passage with another report"));
      return;
    }

  if (!(result = make_undoable (self->workbench, _("Carry annotations to copies"), make_propagate, &data, &error)))
    {
      report (self, error);
      return;
    }

  tessera_propagate_result_totals (result, &n_spans, &n_events, &n_stances);
  n_docs = result->counts->len;
  if (n_spans + n_events + n_stances == 0)
    {
      tessera_window_show_message (self, _("Nothing new to carry: the copies already have these annotations, "
                                           "or none is in a shared passage"));
      return;
    }

  what = counts_text (n_spans, n_events, n_stances);
  /* Translators: "Proposed 10 spans, 1 event, 1 stance in 2 reports" */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Proposed %s in %u report",
                                          "Proposed %s in %u reports", n_docs), what, n_docs);
  tessera_window_show_message (self, message);
}

static void
on_shared_updated (TesseraWindow         *self,
                   TesseraSharedPassages *shared)
{
  gint64 document_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (self), PENDING_PROPAGATE));

  g_signal_handlers_disconnect_by_func (shared, on_shared_updated, self);
  g_object_set_data (G_OBJECT (self), PENDING_PROPAGATE, NULL);

  /* Another project since: nothing to do. */
  if (tessera_shared_passages_get_ready (shared) && document_id != 0 &&
      document_id == tessera_workbench_get_document_id (self->workbench))
    run_propagate (self, document_id);
}

static void
propagate_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  TesseraSharedPassages *shared = tessera_document_view_get_shared_passages (self->document_view);
  gint64 document_id = tessera_workbench_get_document_id (self->workbench);

  if (document_id == 0 || tessera_workbench_get_project (self->workbench) == NULL)
    return;

  if (tessera_shared_passages_get_ready (shared))
    {
      run_propagate (self, document_id);
      return;
    }

  /* The search for shared passages is still under way: carry when it ends. */
  if (g_object_get_data (G_OBJECT (self), PENDING_PROPAGATE) == NULL)
    g_signal_connect_object (shared, "updated", G_CALLBACK (on_shared_updated), self, G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (self), PENDING_PROPAGATE, GSIZE_TO_POINTER ((gsize) document_id));
  if (!tessera_shared_passages_get_busy (shared))
    tessera_shared_passages_refresh (shared);
  tessera_window_show_message (self, _("Finding the passages this report shares with others…"));
}

/* --- tagging every occurrence -------------------------------------------- */

typedef struct
{
  gint64                  document_id;
  const char             *text;
  gint64                  label_id;
  TesseraOccurrenceFlags  flags;
} OccurrenceData;

static TesseraPropagateResult *
make_occurrences (TesseraProject  *project,
                  gpointer         data,
                  GError         **error)
{
  OccurrenceData *o = data;

  return tessera_annotate_occurrences (project, o->document_id, o->text, o->label_id, o->flags, error);
}

/* The entity span to repeat: the selected one, or the one the text
 * selection covers exactly. */
static TesseraSpan *
span_to_repeat (TesseraWindow *self)
{
  TesseraProject *project = tessera_workbench_get_project (self->workbench);
  gint64 span_id = 0;
  gint64 start, end;

  if (tessera_workbench_get_selection (self->workbench, &span_id) == TESSERA_SELECTION_SPAN && span_id != 0)
    return tessera_project_get_span (project, span_id, NULL);

  if (tessera_workbench_get_selection (self->workbench, NULL) == TESSERA_SELECTION_NONE &&
      tessera_document_view_get_tag_range (self->document_view, &start, &end))
    {
      g_autoptr(GArray) spans = tessera_project_list_spans (project, tessera_workbench_get_document_id (self->workbench),
                                                            NULL);

      for (guint i = 0; spans != NULL && i < spans->len; i++)
        {
          const TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);
          const TesseraLabel *label = tessera_project_get_label (project, span->label_id);

          if (span->start == start && span->end == end && label != NULL && label->kind == TESSERA_LABEL_ENTITY)
            return tessera_span_copy (span);
        }
    }

  return NULL;
}

static void
annotate_occurrences_activated (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  TesseraProject *project = tessera_workbench_get_project (self->workbench);
  TesseraDocument *doc = tessera_workbench_get_document (self->workbench);
  gboolean whole_project = g_str_equal (g_variant_get_string (param, NULL), "project");
  g_autoptr(TesseraPropagateResult) result = NULL;
  g_autoptr(TesseraSpan) span = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  g_autofree char *label_name = NULL;
  const TesseraLabel *label;
  OccurrenceData data;
  const char *p, *q;
  guint n_spans, n_docs;

  if (project == NULL || doc == NULL || doc->text == NULL)
    return;

  span = span_to_repeat (self);
  label = span != NULL ? tessera_project_get_label (project, span->label_id) : NULL;
  if (span == NULL || label == NULL || label->kind != TESSERA_LABEL_ENTITY)
    {
      tessera_window_show_message (self, _("Select a tagged mention (an entity span) to tag all its occurrences"));
      return;
    }

  p = g_utf8_offset_to_pointer (doc->text, span->start);
  q = g_utf8_offset_to_pointer (p, span->end - span->start);
  text = g_strndup (p, q - p);

  /* A rollback reloads the labels: keep the name, not the label. */
  label_name = g_strdup (label->name);

  data.document_id = doc->id;
  data.text = text;
  data.label_id = span->label_id;
  data.flags = whole_project ? TESSERA_OCCURRENCES_WHOLE_PROJECT : TESSERA_OCCURRENCES_DEFAULT;

  if (!(result = make_undoable (self->workbench, _("Tag all occurrences"), make_occurrences, &data, &error)))
    {
      report (self, error);
      return;
    }

  tessera_propagate_result_totals (result, &n_spans, NULL, NULL);
  n_docs = result->counts->len;
  if (n_spans == 0)
    /* Translators: %s is the text of a mention, e.g. “Kidal”. */
    message = g_strdup_printf (whole_project ? _("No other untagged occurrence of “%s” in the project")
                                             : _("No other untagged occurrence of “%s” in this report"), text);
  else if (!whole_project)
    /* Translators: "Proposed 4 Place spans for “Kidal”" */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Proposed %u %s span for “%s”",
                                            "Proposed %u %s spans for “%s”", n_spans),
                               n_spans, label_name, text);
  else
    /* Translators: "Proposed 12 Place spans for “Kidal” in 5 reports" */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Proposed %u %s spans for “%s” in %u report",
                                            "Proposed %u %s spans for “%s” in %u reports", n_docs),
                               n_spans, label_name, text, n_docs);
  tessera_window_show_message (self, message);
}

/* --- accepting and rejecting --------------------------------------------- */

/* What the selection stands for, as the history names it; FALSE when it
 * is not a suggestion (neither it nor the span it rests on). */
static gboolean
selected_suggestion (TesseraWindow     *self,
                     TesseraChangeKind *kind,
                     gint64            *id,
                     gint64            *span_id)
{
  TesseraProject *project = tessera_workbench_get_project (self->workbench);
  g_autoptr(TesseraSpan) span = NULL;
  gboolean frame_suggested = FALSE;

  if (project == NULL)
    return FALSE;

  *span_id = tessera_workbench_get_selected_span (self->workbench);
  switch (tessera_workbench_get_selection (self->workbench, id))
    {
    case TESSERA_SELECTION_SPAN:
      *kind = TESSERA_CHANGE_SPAN;
      break;
    case TESSERA_SELECTION_EVENT:
      {
        g_autoptr(TesseraEvent) event = tessera_project_get_event (project, *id, NULL);

        *kind = TESSERA_CHANGE_EVENT;
        frame_suggested = event != NULL && event->suggested;
      }
      break;
    case TESSERA_SELECTION_STANCE:
      {
        g_autoptr(TesseraStance) stance = tessera_project_get_stance (project, *id, NULL);

        *kind = TESSERA_CHANGE_STANCE;
        frame_suggested = stance != NULL && stance->suggested;
      }
      break;
    case TESSERA_SELECTION_NONE:
    default:
      return FALSE;
    }

  span = *span_id ? tessera_project_get_span (project, *span_id, NULL) : NULL;
  if (frame_suggested)
    return TRUE;
  if (span == NULL || !span->suggested)
    return FALSE;

  /* An accepted frame on a suggested span: the span is what is proposed. */
  *kind = TESSERA_CHANGE_SPAN;
  *id = *span_id;

  return TRUE;
}

/* Selects the first suggestion after @after (position in the text),
 * or the first one, so that Enter, Enter… goes through them. */
static void
select_next_suggestion (TesseraWindow *self,
                        gint64         after_start,
                        gint64         after_id)
{
  TesseraProject *project = tessera_workbench_get_project (self->workbench);
  gint64 doc_id = tessera_workbench_get_document_id (self->workbench);
  g_autoptr(GArray) spans = NULL;
  gint64 first = 0;

  if (project == NULL || doc_id == 0 || !(spans = tessera_project_list_spans (project, doc_id, NULL)))
    return;

  for (guint i = 0; i < spans->len; i++)
    {
      const TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);

      if (!span->suggested)
        continue;
      if (first == 0)
        first = span->id;
      if (span->start > after_start || (span->start == after_start && span->id > after_id))
        {
          tessera_workbench_select_span (self->workbench, span->id);
          return;
        }
    }

  if (first != 0)
    tessera_workbench_select_span (self->workbench, first);
}

static void
answer_suggestion_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  TesseraHistory *history = tessera_workbench_get_history (self->workbench);
  gboolean accept = g_str_equal (action_name, "win.accept-suggestion");
  g_autoptr(TesseraSpan) span = NULL;
  g_autoptr(GError) error = NULL;
  TesseraChangeKind kind;
  gint64 id, span_id;
  gboolean ok;

  if (history == NULL)
    return;
  if (!selected_suggestion (self, &kind, &id, &span_id))
    {
      if (tessera_workbench_get_selection (self->workbench, NULL) != TESSERA_SELECTION_NONE)
        tessera_window_show_message (self, _("The selected annotation is not a suggestion"));
      return;
    }

  span = tessera_project_get_span (tessera_workbench_get_project (self->workbench), span_id, NULL);
  if (accept)
    ok = tessera_history_accept_suggestion (history, kind, id, &error);
  else
    ok = tessera_history_reject_suggestion (history, kind, id, &error);

  if (!ok)
    {
      report (self, error);
      return;
    }

  if (span != NULL)
    select_next_suggestion (self, span->start, span->id);
}

static void
answer_all_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  TesseraProject *project = tessera_workbench_get_project (self->workbench);
  TesseraHistory *history = tessera_workbench_get_history (self->workbench);
  gint64 doc_id = tessera_workbench_get_document_id (self->workbench);
  gboolean accept = g_str_equal (action_name, "win.accept-all-suggestions");
  g_autoptr(GError) error = NULL;
  guint64 n_spans = 0, n_events = 0, n_stances = 0;
  gboolean ok;

  if (project == NULL || history == NULL || doc_id == 0)
    return;

  if (!tessera_project_count_suggestions (project, doc_id, &n_spans, &n_events, &n_stances, &error))
    {
      report (self, error);
      return;
    }
  if (n_spans + n_events + n_stances == 0)
    {
      tessera_window_show_message (self, _("This report has no suggestions"));
      return;
    }

  if (accept)
    ok = tessera_history_accept_suggestions (history, doc_id, &error);
  else
    ok = tessera_history_reject_suggestions (history, doc_id, &error);
  if (!ok)
    report (self, error);
}

void
_tessera_window_class_add_analysis_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.propagate", NULL, propagate_activated);
  gtk_widget_class_install_action (widget_class, "win.annotate-occurrences", "s", annotate_occurrences_activated);
  gtk_widget_class_install_action (widget_class, "win.accept-suggestion", NULL, answer_suggestion_activated);
  gtk_widget_class_install_action (widget_class, "win.reject-suggestion", NULL, answer_suggestion_activated);
  gtk_widget_class_install_action (widget_class, "win.accept-all-suggestions", NULL, answer_all_activated);
  gtk_widget_class_install_action (widget_class, "win.reject-all-suggestions", NULL, answer_all_activated);
}
