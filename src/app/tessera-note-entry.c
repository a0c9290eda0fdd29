/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-note-entry"

#include "config.h"

#include "tessera-note-entry.h"

struct _TesseraNoteEntry
{
  GtkWidget         parent_instance;

  TesseraWorkbench *workbench;

  /* The span the note belongs to and what the model held when it was
   * shown, so that showing it again leaves the user's typing alone. */
  gint64            span_id;
  char             *loaded_note;
  gboolean          has_focus;

  /* Template widgets */
  GtkWidget        *box;
  GtkEntry         *entry;
};

G_DEFINE_FINAL_TYPE (TesseraNoteEntry, tessera_note_entry, GTK_TYPE_WIDGET)

static void
on_focus_enter (TesseraNoteEntry *self)
{
  self->has_focus = TRUE;
}

static void
on_focus_leave (TesseraNoteEntry *self)
{
  self->has_focus = FALSE;
  tessera_note_entry_commit (self);
}

/* --- GObject ------------------------------------------------------------- */

static void
tessera_note_entry_dispose (GObject *object)
{
  TesseraNoteEntry *self = TESSERA_NOTE_ENTRY (object);

  /* Leaving the focus while torn down writes nothing. */
  self->span_id = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_NOTE_ENTRY);
  g_clear_object (&self->workbench);

  G_OBJECT_CLASS (tessera_note_entry_parent_class)->dispose (object);
}

static void
tessera_note_entry_finalize (GObject *object)
{
  TesseraNoteEntry *self = TESSERA_NOTE_ENTRY (object);

  g_clear_pointer (&self->loaded_note, g_free);

  G_OBJECT_CLASS (tessera_note_entry_parent_class)->finalize (object);
}

static void
tessera_note_entry_class_init (TesseraNoteEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_note_entry_dispose;
  object_class->finalize = tessera_note_entry_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tessera/Tessera/tessera-note-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraNoteEntry, box);
  gtk_widget_class_bind_template_child (widget_class, TesseraNoteEntry, entry);
  gtk_widget_class_bind_template_callback (widget_class, tessera_note_entry_commit);
  gtk_widget_class_bind_template_callback (widget_class, on_focus_enter);
  gtk_widget_class_bind_template_callback (widget_class, on_focus_leave);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tessera_note_entry_init (TesseraNoteEntry *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
tessera_note_entry_show_span (TesseraNoteEntry  *self,
                              TesseraWorkbench  *workbench,
                              const TesseraSpan *span)
{
  const char *note;

  g_return_if_fail (TESSERA_IS_NOTE_ENTRY (self));
  g_return_if_fail (workbench == NULL || TESSERA_IS_WORKBENCH (workbench));

  g_set_object (&self->workbench, workbench);
  if (span == NULL)
    {
      self->span_id = 0;
      return;
    }

  /* While the user types, only a change in the model replaces it. */
  note = span->note ? span->note : "";
  if (self->has_focus && self->span_id == span->id && g_strcmp0 (self->loaded_note, note) == 0)
    return;

  if (!g_str_equal (gtk_editable_get_text (GTK_EDITABLE (self->entry)), note))
    gtk_editable_set_text (GTK_EDITABLE (self->entry), note);
  self->span_id = span->id;
  g_free (self->loaded_note);
  self->loaded_note = g_strdup (note);
}

void
tessera_note_entry_commit (TesseraNoteEntry *self)
{
  TesseraOpenDocument *document;
  g_autoptr(TesseraSpan) span = NULL;
  g_autoptr(GError) error = NULL;
  const TesseraSpan *current;
  const char *text;

  g_return_if_fail (TESSERA_IS_NOTE_ENTRY (self));

  document = self->workbench ? tessera_workbench_get_open_document (self->workbench) : NULL;
  if (self->span_id == 0 || document == NULL)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  if (g_strcmp0 (text, self->loaded_note) == 0)
    return;

  if (!(current = tessera_open_document_get_span (document, self->span_id)))
    {
      /* The span is gone (deleted, undone): nothing to annotate. */
      self->span_id = 0;
      return;
    }

  g_free (self->loaded_note);
  self->loaded_note = g_strdup (text);

  span = tessera_span_copy (current);
  g_free (span->note);
  span->note = *text != '\0' ? g_strdup (text) : NULL;
  if (tessera_history_update_span (tessera_workbench_get_history (self->workbench), span, &error))
    return;

  tessera_workbench_report_error (self->workbench, error);
  /* Show the note the model kept. */
  g_clear_pointer (&self->loaded_note, g_free);
  tessera_note_entry_show_span (self, self->workbench,
                                tessera_open_document_get_span (document, self->span_id));
}
