/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-error.h"
#include "tessera-progress-dialog.h"
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

/* Works out suggestions, reading @project only, as tessera_propagate_plan()
 * or tessera_annotate_occurrences_plan() do. */
typedef TesseraPlan *(*PlanFunc) (TesseraProject  *project,
                                  gpointer         data,
                                  GError         **error);

/* Runs @plan_func and has the history make what it planned as ONE undo
 * step called @label. */
static TesseraPropagateResult *
make_undoable (TesseraWorkbench  *workbench,
               const char        *label,
               PlanFunc           plan_func,
               gpointer           data,
               GError           **error)
{
  TesseraProject *project = tessera_workbench_get_project (workbench);
  TesseraHistory *history = tessera_workbench_get_history (workbench);
  g_autoptr(TesseraPlan) plan = NULL;

  if (!(plan = plan_func (project, data, error)))
    return NULL;

  return tessera_history_apply_plan (history, label, plan, error);
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

/* Shows @message, about what an analysis @made: when it made anything,
 * undoing that withdraws the message. */
static void
show_made (TesseraWindow          *self,
           const char             *message,
           TesseraPropagateResult *made)
{
  guint n_spans, n_events, n_stances;

  tessera_propagate_result_totals (made, &n_spans, &n_events, &n_stances);
  if (n_spans + n_events + n_stances > 0)
    _tessera_window_show_step_message (self, message);
  else
    tessera_window_show_message (self, message);
}

/* --- carrying annotations to copies ------------------------------------- */

typedef struct
{
  TesseraDuplicates *duplicates;
  gint64             source_id;
} PropagateData;

static TesseraPlan *
plan_propagate (TesseraProject  *project,
                gpointer         data,
                GError         **error)
{
  PropagateData *p = data;

  return tessera_propagate_plan (project, p->duplicates, p->source_id, TESSERA_DUPLICATES_DEFAULT_SIMILARITY,
                                 NULL, error);
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

  if (!(result = make_undoable (self->workbench, _("Carry annotations to copies"), plan_propagate, &data, &error)))
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
  show_made (self, message, result);
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

static TesseraPlan *
plan_occurrences (TesseraProject  *project,
                  gpointer         data,
                  GError         **error)
{
  OccurrenceData *o = data;

  return tessera_annotate_occurrences_plan (project, o->document_id, o->text, o->label_id, o->flags,
                                            NULL, NULL, NULL, error);
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

/* "Proposed 12 Place spans for “Kidal” in 5 reports" */
static char *
occurrences_message (TesseraPropagateResult *result,
                     gboolean                whole_project,
                     const char             *label_name,
                     const char             *text)
{
  g_autofree char *spans = NULL;
  guint n_spans, n_docs;

  tessera_propagate_result_totals (result, &n_spans, NULL, NULL);
  n_docs = result->counts->len;
  if (n_spans == 0)
    /* Translators: %s is the text of a mention, e.g. “Kidal”. */
    return g_strdup_printf (whole_project ? _("No other untagged occurrence of “%s” in the project")
                                          : _("No other untagged occurrence of “%s” in this report"), text);

  /* Translators: "4 Place spans": %s is the label */
  spans = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u %s span", "%u %s spans", n_spans),
                           n_spans, label_name);
  if (!whole_project)
    /* Translators: "Proposed 4 Place spans for “Kidal”" */
    return g_strdup_printf (_("Proposed %s for “%s”"), spans, text);
  /* Translators: "Proposed 12 Place spans for “Kidal” in 5 reports" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Proposed %s for “%s” in %u report",
                                       "Proposed %s for “%s” in %u reports", n_docs),
                          spans, text, n_docs);
}

/* Tagging every document: worked out on a worker, reading only, with
 * progress and Cancel; the history makes the plan as one undo step once
 * it is back. */
typedef struct
{
  TesseraWindow          *window;
  OccurrenceData          data;
  char                   *text;
  char                   *label_name;
  TesseraProgressDialog  *progress;
  GCancellable           *cancellable;
} OccurrenceJob;

static void
occurrence_job_free (OccurrenceJob *job)
{
  g_clear_pointer (&job->progress, tessera_progress_dialog_free);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->window);
  g_free (job->text);
  g_free (job->label_name);
  g_free (job);
}

static void
occurrences_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  OccurrenceJob *job = user_data;
  TesseraWindow *self = job->window;
  TesseraHistory *history = tessera_workbench_get_history (self->workbench);
  g_autoptr(TesseraPlan) plan = NULL;
  g_autoptr(TesseraPropagateResult) made = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_clear_pointer (&job->progress, tessera_progress_dialog_free);
  /* The project closed meanwhile: its history went with it. */
  if (TESSERA_PROJECT (source) != tessera_workbench_get_project (self->workbench))
    history = NULL;
  plan = tessera_annotate_occurrences_plan_finish (TESSERA_PROJECT (source), result, &error);
  /* Cancel pressed as the plan came back: nothing is made. */
  if (plan != NULL && g_cancellable_is_cancelled (job->cancellable))
    {
      g_clear_pointer (&plan, tessera_plan_free);
      g_set_error_literal (&error, TESSERA_ERROR, TESSERA_ERROR_CANCELLED, _("Cancelled; nothing was tagged"));
    }
  if (plan == NULL ||
      (history != NULL &&
       !(made = tessera_history_apply_plan (history, _("Tag all occurrences"), plan, &error))))
    report (self, error);
  else if (made != NULL)
    {
      message = occurrences_message (made, TRUE, job->label_name, job->text);
      show_made (self, message, made);
    }

  _tessera_window_update_actions (self);
  occurrence_job_free (job);
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

  /* A failed run rolls back, which reloads the labels: keep the name. */
  label_name = g_strdup (label->name);

  data.document_id = doc->id;
  data.text = text;
  data.label_id = span->label_id;
  data.flags = whole_project ? TESSERA_OCCURRENCES_WHOLE_PROJECT : TESSERA_OCCURRENCES_DEFAULT;

  if (whole_project)
    {
      OccurrenceJob *job = g_new0 (OccurrenceJob, 1);

      job->window = g_object_ref (self);
      job->data = data;
      job->data.text = job->text = g_steal_pointer (&text);
      job->label_name = g_steal_pointer (&label_name);
      g_clear_object (&self->io_cancellable);
      self->io_cancellable = g_cancellable_new ();
      job->cancellable = g_object_ref (self->io_cancellable);
      job->progress = tessera_progress_dialog_new (GTK_WINDOW (self), _("Tagging all occurrences…"),
                                                   self->io_cancellable);
      tessera_annotate_occurrences_plan_async (project, job->data.document_id, job->data.text,
                                               job->data.label_id, job->data.flags, self->io_cancellable,
                                               tessera_progress_dialog_update, job->progress,
                                               occurrences_done, job);
      _tessera_window_update_actions (self);
      return;
    }

  if (!(result = make_undoable (self->workbench, _("Tag all occurrences"), plan_occurrences, &data, &error)))
    {
      report (self, error);
      return;
    }

  message = occurrences_message (result, FALSE, label_name, text);
  show_made (self, message, result);
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
  guint n_rejected = 0;
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
  /* Accepting takes one version: the others offered there (a curation's
   * disputed annotations) go in the same undo step. */
  if (accept)
    ok = tessera_history_take_suggestion (history, kind, id, &n_rejected, &error);
  else
    ok = tessera_history_reject_suggestion (history, kind, id, &error);

  if (!ok)
    {
      report (self, error);
      return;
    }
  if (n_rejected > 0)
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Took this version; the other one offered here was rejected",
                                                            "Took this version; the %u others offered here were rejected",
                                                            n_rejected), n_rejected);

      _tessera_window_show_step_message (self, message);
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
