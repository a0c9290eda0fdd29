/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-window-private.h"

/* Actions act on the workbench (and through it the history); widgets
 * activate them with gtk_widget_activate_action (), so a key, a palette
 * button and a test all take the same path. */

static void
report (TesseraWindow *self,
        GError        *error)
{
  if (error != NULL)
    tessera_window_show_message (self, error->message);
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  tessera_document_list_focus_search (TESSERA_WINDOW (widget)->document_list);
}

static void
layer_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  tessera_workbench_set_layer (self->workbench, CLAMP (g_variant_get_int32 (param),
                                                       TESSERA_LAYER_ENTITIES, TESSERA_LAYER_STANCE));
}

static void
tag_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 start, end;

  if (!tessera_document_view_get_tag_range (self->document_view, &start, &end))
    {
      /* No text to tag: the label goes to the selected annotation. */
      if (tessera_workbench_get_selection (self->workbench, NULL) == TESSERA_SELECTION_NONE)
        tessera_window_show_message (self, _("Select some text first, then choose a label"));
      else if (!tessera_workbench_relabel_selection (self->workbench, g_variant_get_int64 (param), &error))
        report (self, error);
      return;
    }

  if (!tessera_workbench_tag (self->workbench, start, end, g_variant_get_int64 (param), &error))
    report (self, error);
  else
    tessera_document_view_clear_range (self->document_view);
}

static void
delete_annotation_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!tessera_workbench_delete_selection (self->workbench, &error))
    report (self, error);
}

static void
clear_selection_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  if (tessera_workbench_get_pick (self->workbench, NULL) != TESSERA_PICK_NONE)
    tessera_workbench_set_pick (self->workbench, TESSERA_PICK_NONE, 0);
  else
    {
      tessera_workbench_select (self->workbench, TESSERA_SELECTION_NONE, 0);
      tessera_document_view_clear_range (self->document_view);
    }
}

static void
adjacent_annotation_activated (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  tessera_document_view_select_adjacent (self->document_view,
                                         g_str_equal (action_name, "win.next-annotation") ? 1 : -1);
}

static void
adjacent_document_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  tessera_document_list_select_adjacent (self->document_list,
                                         g_str_equal (action_name, "win.next-document") ? 1 : -1);
}

static void
set_status_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  gint64 doc_id = tessera_workbench_get_document_id (self->workbench);
  TesseraDocumentStatus status;

  if (doc_id == 0 || !tessera_status_from_string (g_variant_get_string (param, NULL), &status))
    return;

  /* Done asks first while suggestions wait in the document. */
  _tessera_window_set_document_status (self, doc_id, status);
}

/* (document id, span id): back to the document view, with that document
 * shown and the span selected (its event or stance, when it has one) and
 * scrolled into view; what a cell of the corroboration view opens. */
static void
open_passage_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  gint64 document_id, span_id;

  g_variant_get (param, "(xx)", &document_id, &span_id);
  if (tessera_workbench_get_project (self->workbench) == NULL || document_id <= 0)
    return;

  _tessera_window_show_document (self);
  tessera_workbench_set_document_id (self->workbench, document_id);
  if (tessera_workbench_get_document_id (self->workbench) != document_id)
    return;
  tessera_document_view_clear_range (self->document_view);
  tessera_workbench_select_span (self->workbench, span_id);
  tessera_document_view_scroll_to_span (self->document_view, span_id);
}

/* Ctrl+F finds in the open document; F3 and Shift+F3 go through its
 * hits (those of the document list's search when nothing was typed). */
static void
find_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  if (tessera_workbench_get_document_id (self->workbench) == 0)
    return;
  _tessera_window_show_document (self);
  if (g_str_equal (action_name, "win.find"))
    tessera_document_view_find (self->document_view);
  else
    tessera_document_view_find_next (self->document_view, g_str_equal (action_name, "win.find-next") ? 1 : -1);
}

void
_tessera_window_update_actions (TesseraWindow *self)
{
  TesseraHistory *history = tessera_workbench_get_history (self->workbench);
  TesseraProject *project = tessera_workbench_get_project (self->workbench);
  gboolean has_project = project != NULL;
  gboolean can_edit = _tessera_window_can_edit (self);
  gboolean has_document = tessera_workbench_get_document_id (self->workbench) != 0;
  gboolean has_selection = tessera_workbench_get_selection (self->workbench, NULL) != TESSERA_SELECTION_NONE;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "win.undo", can_edit && history && tessera_history_can_undo (history));
  gtk_widget_action_set_enabled (widget, "win.redo", can_edit && history && tessera_history_can_redo (history));
  gtk_widget_action_set_enabled (widget, "win.tag", can_edit && has_document);
  gtk_widget_action_set_enabled (widget, "win.set-status", can_edit && has_document);
  gtk_widget_action_set_enabled (widget, "win.delete-annotation", can_edit && has_selection);
  gtk_widget_action_set_enabled (widget, "win.import", can_edit);
  gtk_widget_action_set_enabled (widget, "win.import-folder", can_edit);
  gtk_widget_action_set_enabled (widget, "win.export", has_project);
  gtk_widget_action_set_enabled (widget, "win.save-copy", has_project);
  gtk_widget_action_set_enabled (widget, "win.salvage",
                                 project && tessera_project_get_integrity (project) == TESSERA_INTEGRITY_DAMAGED);
  _tessera_window_update_progress_actions (self);
}

void
_tessera_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.layer", "i", layer_activated);
  gtk_widget_class_install_action (widget_class, "win.tag", "x", tag_activated);
  gtk_widget_class_install_action (widget_class, "win.delete-annotation", NULL, delete_annotation_activated);
  gtk_widget_class_install_action (widget_class, "win.clear-selection", NULL, clear_selection_activated);
  gtk_widget_class_install_action (widget_class, "win.next-annotation", NULL, adjacent_annotation_activated);
  gtk_widget_class_install_action (widget_class, "win.previous-annotation", NULL, adjacent_annotation_activated);
  gtk_widget_class_install_action (widget_class, "win.next-document", NULL, adjacent_document_activated);
  gtk_widget_class_install_action (widget_class, "win.previous-document", NULL, adjacent_document_activated);
  gtk_widget_class_install_action (widget_class, "win.set-status", "s", set_status_activated);
  gtk_widget_class_install_action (widget_class, "win.open-passage", "(xx)", open_passage_activated);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_activated);
  gtk_widget_class_install_action (widget_class, "win.find-next", NULL, find_activated);
  gtk_widget_class_install_action (widget_class, "win.find-previous", NULL, find_activated);
  _tessera_window_class_add_progress_actions (widget_class);
}
