/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-quote.h"
#include "tessera-window-private.h"

/* Undo and redo reach every document: each shows what it changes (the
 * document comes up, what changed is selected, or the text it left is),
 * and the Undo and Redo buttons say what they would do. */

/* Characters of a span's text that a button's tooltip quotes. */
#define TOOLTIP_QUOTE 30

/* The history's own names of steps told by name (a step that changes
 * several annotations, a label, clusters), as the window shows them. */
static const struct
{
  const char *label;
  const char *shown;
} step_names[] = {
  { "Change annotation", N_("Change Annotation") },
  { "Change label", N_("Change Label") },
  { "Change status", N_("Status Change") },
  { "Change title", N_("Change Title") },
  { "Change outlet", N_("Change Outlet") },
  { "Change URL", N_("Change URL") },
  { "Change publication date", N_("Change Publication Date") },
  { "Change language", N_("Change Language") },
  { "Change document details", N_("Change Document Details") },
  { "Accept suggestion", N_("Accept Suggestion") },
  { "Reject suggestion", N_("Reject Suggestion") },
  { "Accept all suggestions", N_("Accept All Suggestions") },
  { "Reject all suggestions", N_("Reject All Suggestions") },
  { "Take this version", N_("Take This Version") },
  { "Add cluster", N_("New Cluster") },
  { "Rename cluster", N_("Rename Cluster") },
  { "Delete cluster", N_("Delete Cluster") },
  { "Add to cluster", N_("Link to Cluster") },
  { "Remove from cluster", N_("Unlink from Cluster") },
  { "Merge clusters", N_("Merge Clusters") },
  { "Split cluster", N_("Split Cluster") },
  { "Set coded fields", N_("Edit Coded Record") },
};

static const char *
step_name (const TesseraHistoryStep *step)
{
  for (guint i = 0; i < G_N_ELEMENTS (step_names); i++)
    if (g_strcmp0 (step->label, step_names[i].label) == 0)
      return _(step_names[i].shown);

  /* Steps the window named itself are in the user's language already. */
  return step->label != NULL ? step->label : _("Last Change");
}

/* The text of [start, end) of document @document_id, short, or NULL. */
static char *
quote_range (TesseraWindow *self,
             gint64         document_id,
             gint64         start,
             gint64         end)
{
  TesseraOpenDocument *shown = tessera_workbench_get_open_document (self->workbench);
  g_autoptr(TesseraDocument) other = NULL;
  g_autofree char *text = NULL;

  if (end <= start)
    return NULL;
  /* Enough to quote: the rest is cut anyway. */
  end = MIN (end, start + 2 * TOOLTIP_QUOTE);

  if (shown != NULL && tessera_workbench_get_document_id (self->workbench) == document_id)
    text = tessera_open_document_dup_text (shown, start, end);
  else
    {
      other = tessera_project_get_document (tessera_workbench_get_project (self->workbench),
                                            document_id, TRUE, NULL);
      if (other != NULL && other->text != NULL && end <= g_utf8_strlen (other->text, -1))
        text = g_utf8_substring (other->text, start, end);
    }

  return text ? tessera_quote_short (text, TOOLTIP_QUOTE) : NULL;
}

/* What the step does, in a few words: "Tag “Kidal” as Place". */
static char *
describe_step (TesseraWindow            *self,
               const TesseraHistoryStep *step)
{
  TesseraProject *project = tessera_workbench_get_project (self->workbench);
  const TesseraLabel *label = step->label_id ? tessera_project_get_label (project, step->label_id) : NULL;
  g_autofree char *quote = NULL;

  if (step->action == TESSERA_STEP_STATUS)
    return g_strdup (_("Status Change"));
  if (step->several || step->action == TESSERA_STEP_OTHER || label == NULL ||
      !(quote = quote_range (self, step->document_id, step->start, step->end)))
    return g_strdup (step_name (step));

  switch (step->action)
    {
    case TESSERA_STEP_ADD:
      /* Translators: what undo or redo would do: "Tag “Kidal” as Place" */
      return g_strdup_printf (_("Tag “%s” as %s"), quote, label->name);
    case TESSERA_STEP_DELETE:
      /* Translators: what undo or redo would do: "Delete Place “Kidal”" */
      return g_strdup_printf (_("Delete %s “%s”"), label->name, quote);
    case TESSERA_STEP_RELABEL:
      /* Translators: what undo or redo would do: "Relabel “Kidal” as Person" */
      return g_strdup_printf (_("Relabel “%s” as %s"), quote, label->name);
    case TESSERA_STEP_CHANGE:
      /* Translators: what undo or redo would do (roles, holder, extent…): "Change Battle “fighting”" */
      return g_strdup_printf (_("Change %s “%s”"), label->name, quote);
    case TESSERA_STEP_ACCEPT:
      /* Translators: what undo or redo would do: "Accept Place “Kidal”" (a suggestion) */
      return g_strdup_printf (_("Accept %s “%s”"), label->name, quote);
    case TESSERA_STEP_REJECT:
      /* Translators: what undo or redo would do: "Reject Place “Kidal”" (a suggestion) */
      return g_strdup_printf (_("Reject %s “%s”"), label->name, quote);
    case TESSERA_STEP_OTHER:
    case TESSERA_STEP_STATUS:
    case TESSERA_STEP_DETAILS:
    default:
      return g_strdup (step_name (step));
    }
}

static void
update_tooltips (TesseraWindow *self)
{
  TesseraHistory *history = tessera_workbench_get_history (self->workbench);
  gint64 document_id = tessera_workbench_get_document_id (self->workbench);
  g_autofree char *undo = NULL;
  g_autofree char *redo = NULL;
  TesseraHistoryStep step;

  if (history != NULL && tessera_history_describe_undo (history, document_id, &step))
    {
      g_autofree char *what = describe_step (self, &step);

      /* Translators: the Undo button's tooltip: "Undo Tag “Kidal” as Place (Ctrl+Z)" */
      undo = g_strdup_printf (_("Undo %s (Ctrl+Z)"), what);
    }
  if (history != NULL && tessera_history_describe_redo (history, document_id, &step))
    {
      g_autofree char *what = describe_step (self, &step);

      /* Translators: the Redo button's tooltip: "Redo Tag “Kidal” as Place (Ctrl+Shift+Z)" */
      redo = g_strdup_printf (_("Redo %s (Ctrl+Shift+Z)"), what);
    }

  gtk_widget_set_tooltip_text (self->undo_button, undo ? undo : _("Undo (Ctrl+Z)"));
  gtk_widget_set_tooltip_text (self->redo_button, redo ? redo : _("Redo (Ctrl+Shift+Z)"));
}

/* After undoing (@redo FALSE) or redoing @step: its document shown, and
 * in it what it is about selected and scrolled to, or, when that is
 * gone (an undone tag), the text it stood on selected. */
static void
show_step (TesseraWindow            *self,
           const TesseraHistoryStep *step,
           gboolean                  redo)
{
  TesseraOpenDocument *document;
  gboolean gone;

  if (step->document_id == 0)
    return;

  _tessera_window_show_document (self);
  tessera_workbench_set_document_id (self->workbench, step->document_id);
  if (tessera_workbench_get_document_id (self->workbench) != step->document_id ||
      step->kind == TESSERA_CHANGE_DOCUMENT)
    return;

  document = tessera_workbench_get_open_document (self->workbench);
  gone = redo ? (step->action == TESSERA_STEP_DELETE || step->action == TESSERA_STEP_REJECT)
              : step->action == TESSERA_STEP_ADD;
  tessera_document_view_clear_range (self->document_view);

  if (gone || tessera_open_document_get_span (document, step->span_id) == NULL)
    {
      tessera_workbench_select (self->workbench, TESSERA_SELECTION_NONE, 0);
      if (step->end > step->start)
        tessera_document_view_select_range (self->document_view, step->start, step->end);
      return;
    }

  if (step->kind == TESSERA_CHANGE_EVENT && tessera_open_document_get_event (document, step->id) != NULL)
    tessera_workbench_select (self->workbench, TESSERA_SELECTION_EVENT, step->id);
  else if (step->kind == TESSERA_CHANGE_STANCE && tessera_open_document_get_stance (document, step->id) != NULL)
    tessera_workbench_select (self->workbench, TESSERA_SELECTION_STANCE, step->id);
  else
    tessera_workbench_select_span (self->workbench, step->span_id);
  tessera_document_view_scroll_to_span (self->document_view, step->span_id);
}

static void
move_step (TesseraWindow *self,
           gboolean       redo)
{
  TesseraHistory *history = tessera_workbench_get_history (self->workbench);
  gint64 document_id = tessera_workbench_get_document_id (self->workbench);
  g_autoptr(GError) error = NULL;
  TesseraHistoryStep step;
  gboolean described;
  gboolean ok;

  if (history == NULL)
    return;

  described = redo ? tessera_history_describe_redo (history, document_id, &step)
                   : tessera_history_describe_undo (history, document_id, &step);
  ok = redo ? tessera_history_redo (history, &error) : tessera_history_undo (history, &error);
  if (!ok)
    {
      tessera_window_show_message (self, error->message);
      return;
    }

  if (!described)
    return;
  /* What announced the step is no longer so. */
  if (!redo)
    _tessera_window_withdraw_step_message (self, step.serial);
  show_step (self, &step, redo);
  /* The document shown may be another now: the tooltips prefer it. */
  update_tooltips (self);
}

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  move_step (TESSERA_WINDOW (widget), FALSE);
}

static void
redo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  move_step (TESSERA_WINDOW (widget), TRUE);
}

void
_tessera_window_follow_history (TesseraWindow  *self,
                                TesseraHistory *history)
{
  if (history != NULL)
    g_signal_connect_object (history, "changed", G_CALLBACK (update_tooltips), self, G_CONNECT_SWAPPED);
  update_tooltips (self);
}

void
_tessera_window_class_add_undo (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_activated);
}
