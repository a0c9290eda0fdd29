/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-window-private.h"

/* The analyst's progress through the documents: a document's status
 * (marking one done while suggestions wait in it asks first), and the
 * next document not done yet. */

#define DONE_DIALOG_DOCUMENT_KEY "tessera-document-id"

static void
set_status_now (TesseraWindow         *self,
                gint64                 document_id,
                TesseraDocumentStatus  status)
{
  TesseraHistory *history = tessera_workbench_get_history (self->workbench);
  g_autoptr(GError) error = NULL;

  if (history != NULL && !tessera_history_set_document_status (history, document_id, status, &error))
    tessera_window_show_message (self, error->message);
}

static void
on_done_dialog_response (GtkDialog     *dialog,
                         int            response,
                         TesseraWindow *self)
{
  gint64 *document_id = g_object_get_data (G_OBJECT (dialog), DONE_DIALOG_DOCUMENT_KEY);

  if (response == GTK_RESPONSE_ACCEPT && document_id != NULL)
    set_status_now (self, *document_id, TESSERA_STATUS_DONE);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Suggestions left in @document_id, neither accepted nor rejected, as
 * the document list counts them: suggested spans, and the suggested
 * events and stances that stand on a span already accepted (the others
 * are counted with their span). */
static guint64
count_pending (TesseraWindow  *self,
               gint64          document_id,
               GError        **error)
{
  TesseraProject *project = tessera_workbench_get_project (self->workbench);
  g_autoptr(GHashTable) suggested = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) stances = NULL;
  guint64 n = 0;

  if (project == NULL ||
      !(spans = tessera_project_list_spans (project, document_id, error)) ||
      !(events = tessera_project_list_events (project, document_id, error)) ||
      !(stances = tessera_project_list_stances (project, document_id, error)))
    return 0;

  for (guint i = 0; i < spans->len; i++)
    if (g_array_index (spans, TesseraSpan, i).suggested)
      g_hash_table_add (suggested, &g_array_index (spans, TesseraSpan, i).id);
  n = g_hash_table_size (suggested);
  for (guint i = 0; i < events->len; i++)
    {
      const TesseraEvent *event = g_ptr_array_index (events, i);

      n += event->suggested && !g_hash_table_contains (suggested, &event->trigger_span_id);
    }
  for (guint i = 0; i < stances->len; i++)
    {
      const TesseraStance *stance = &g_array_index (stances, TesseraStance, i);

      n += stance->suggested && !g_hash_table_contains (suggested, &stance->span_id);
    }

  return n;
}

/* Marking a document done while suggestions wait in it asks first:
 * unreviewed suggestions are left out of exports, so "done" would not be. */
static void
ask_before_done (TesseraWindow *self,
                 gint64         document_id,
                 guint64        n_pending)
{
  GtkWidget *dialog;
  GtkWidget *button;
  guint n = (guint) MIN (n_pending, G_MAXUINT);

  dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   "%s", _("Suggestions Are Still Pending"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            g_dngettext (GETTEXT_PACKAGE,
                                                         "%u suggestion in this document is neither accepted "
                                                         "nor rejected. Exports leave it out.",
                                                         "%u suggestions in this document are neither accepted "
                                                         "nor rejected. Exports leave them out.", n),
                                            n);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("Mark Done _Anyway"), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);

  g_object_set_data_full (G_OBJECT (dialog), DONE_DIALOG_DOCUMENT_KEY,
                          g_memdup2 (&document_id, sizeof document_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_done_dialog_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_tessera_window_set_document_status (TesseraWindow         *self,
                                     gint64                 document_id,
                                     TesseraDocumentStatus  status)
{
  g_autoptr(GError) error = NULL;
  guint64 n_pending = 0;

  if (tessera_workbench_get_history (self->workbench) == NULL || document_id <= 0)
    return;

  if (status == TESSERA_STATUS_DONE)
    {
      g_autoptr(TesseraDocument) doc = tessera_project_get_document (tessera_workbench_get_project (self->workbench),
                                                                     document_id, FALSE, &error);

      /* Done already: nothing to ask. */
      if (doc != NULL && doc->status != TESSERA_STATUS_DONE)
        n_pending = count_pending (self, document_id, &error);
      if (error != NULL)
        {
          tessera_window_show_message (self, error->message);
          return;
        }
    }

  if (n_pending > 0)
    ask_before_done (self, document_id, n_pending);
  else
    set_status_now (self, document_id, status);
}

/* (document id, status): the status of any document, as the document
 * list's menu sets it. */
static void
set_document_status_activated (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  TesseraDocumentStatus status;
  const char *name;
  gint64 document_id;

  g_variant_get (param, "(x&s)", &document_id, &name);
  if (tessera_status_from_string (name, &status))
    _tessera_window_set_document_status (TESSERA_WINDOW (widget), document_id, status);
}

/* Opens the next document (in import order, wrapping round) that is not
 * done, or says that none is left. */
static void
next_unfinished_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  TesseraProject *project = tessera_workbench_get_project (self->workbench);
  gint64 current = tessera_workbench_get_document_id (self->workbench);
  g_autoptr(GError) error = NULL;
  gint64 next;

  if (project == NULL || tessera_project_count_documents (project) == 0)
    return;

  next = tessera_project_find_unfinished_document (project, current, &error);
  if (error != NULL)
    {
      tessera_window_show_message (self, error->message);
      return;
    }
  if (next == 0)
    {
      g_autoptr(TesseraDocument) doc = current > 0 ? tessera_project_get_document (project, current, FALSE, NULL)
                                                   : NULL;

      if (doc != NULL && doc->status != TESSERA_STATUS_DONE)
        tessera_window_show_message (self, _("Every other document is done"));
      else
        tessera_window_show_message (self, _("Every document is done"));
      return;
    }

  _tessera_window_show_document (self);
  tessera_workbench_set_document_id (self->workbench, next);
}

void
_tessera_window_update_progress_actions (TesseraWindow *self)
{
  TesseraProject *project = tessera_workbench_get_project (self->workbench);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.set-document-status",
                                 _tessera_window_can_edit (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-unfinished", project != NULL);
}

void
_tessera_window_class_add_progress_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.set-document-status", "(xs)",
                                   set_document_status_activated);
  gtk_widget_class_install_action (widget_class, "win.next-unfinished", NULL, next_unfinished_activated);
}
