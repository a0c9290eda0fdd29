/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-document-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-accessible.h"
#include "tessera-dates.h"
#include "tessera-document-details.h"
#include "tessera-document-view-private.h"
#include "tessera-span-index.h"

/* The document being read: its header (title, outlet, date, status) and
 * its text with the annotations drawn over it, following the workbench's
 * document model. The shared-passage margin and the context menu are in
 * tessera-document-view-passages.c, keys and clicks in
 * tessera-document-view-input.c, finding in tessera-document-view-find.c;
 * the header's details are edited in a TesseraDocumentDetails. */

G_DEFINE_FINAL_TYPE (TesseraDocumentView, tessera_document_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WORKBENCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_labels (TesseraDocumentView *self)
{
  g_autoptr(GPtrArray) labels = NULL;

  if (self->project != NULL)
    labels = tessera_project_list_labels (self->project, TESSERA_LABEL_ANY);
  tessera_text_view_set_labels (self->text_view, labels);
}

/* The selected annotation and what it points at: an event's arguments
 * with their roles, a stance's holder and target. */
static void
update_selection (TesseraDocumentView *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) captions = g_ptr_array_new ();
  TesseraSelectionKind kind = TESSERA_SELECTION_NONE;
  gint64 id = 0;

  if (self->workbench != NULL && self->document != NULL)
    kind = tessera_workbench_get_selection (self->workbench, &id);

  tessera_text_view_set_selected_span (self->text_view,
                                       kind != TESSERA_SELECTION_NONE
                                       ? tessera_workbench_get_selected_span (self->workbench) : 0);

  if (kind == TESSERA_SELECTION_EVENT)
    {
      const TesseraEvent *event = tessera_open_document_get_event (self->document, id);

      for (guint i = 0; event != NULL && event->arguments != NULL && i < event->arguments->len; i++)
        {
          const TesseraArgument *arg = &g_array_index (event->arguments, TesseraArgument, i);
          const TesseraLabel *role = tessera_project_get_label (self->project, arg->role_label_id);

          g_array_append_val (ids, arg->span_id);
          g_ptr_array_add (captions, role != NULL ? role->name : (char *) _("Argument"));
        }
    }
  else if (kind == TESSERA_SELECTION_STANCE)
    {
      const TesseraStance *stance = tessera_open_document_get_stance (self->document, id);

      if (stance != NULL && stance->holder_span_id != 0)
        {
          g_array_append_val (ids, stance->holder_span_id);
          g_ptr_array_add (captions, (char *) _("Holder"));
        }
      if (stance != NULL && stance->target_span_id != 0)
        {
          g_array_append_val (ids, stance->target_span_id);
          g_ptr_array_add (captions, (char *) _("Target"));
        }
      if (stance != NULL && stance->target_event_id != 0)
        {
          const TesseraEvent *event = tessera_open_document_get_event (self->document, stance->target_event_id);

          if (event != NULL)
            {
              g_array_append_val (ids, event->trigger_span_id);
              g_ptr_array_add (captions, (char *) _("Target"));
            }
        }
    }

  tessera_text_view_set_related (self->text_view, (const gint64 *) ids->data,
                                 (const char * const *) captions->pdata, ids->len);
}

static void
update_header (TesseraDocumentView   *self,
               const TesseraDocument *doc)
{
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autofree char *date = NULL;

  if (doc == NULL)
    return;

  gtk_label_set_label (self->title_label,
                       doc->title != NULL && *doc->title != '\0' ? doc->title : _("Untitled Document"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), doc->title);

  if (doc->source != NULL && *doc->source != '\0')
    g_string_append (meta, doc->source);
  if ((date = tessera_format_published (doc->published, TRUE)))
    g_string_append_printf (meta, "%s%s", meta->len > 0 ? " · " : "", date);
  if (doc->language != NULL && *doc->language != '\0')
    {
      g_autofree char *language = g_ascii_strup (doc->language, -1);

      g_string_append_printf (meta, "%s%s", meta->len > 0 ? " · " : "", language);
    }
  if (meta->len == 0)
    g_string_append (meta, _("No source or date"));
  gtk_label_set_label (self->meta_label, meta->str);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->meta_label), doc->url);

  self->syncing_status = TRUE;
  gtk_drop_down_set_selected (self->status_dropdown, MIN ((guint) doc->status, TESSERA_N_STATUSES - 1));
  self->syncing_status = FALSE;
}

/* The header as the model has it now (status, title, source). */
static void
refresh_header (TesseraDocumentView *self)
{
  if (self->document != NULL)
    update_header (self, tessera_open_document_get_document (self->document));
}

static void
on_status_selected (TesseraDocumentView *self)
{
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);

  if (self->syncing_status || self->document_id == 0 || selected >= TESSERA_N_STATUSES)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.set-status", "s",
                              tessera_status_to_string ((TesseraDocumentStatus) selected));
  /* A change that failed leaves the store, and so the dropdown, as it was. */
  refresh_header (self);
}

/* Shows the workbench's document: its text only when it is another
 * document (or its text changed), its spans always. */
static void
load_document (TesseraDocumentView *self)
{
  TesseraDocument *doc = self->workbench != NULL ? tessera_workbench_get_document (self->workbench) : NULL;
  GtkTextBuffer *buffer = get_buffer (self);
  gboolean new_text = FALSE;

  if (doc == NULL || doc->text == NULL || self->project == NULL)
    {
      self->document_id = 0;
      g_clear_pointer (&self->document_sha256, g_free);
      tessera_text_view_set_document (self->text_view, NULL);
      gtk_text_buffer_set_text (buffer, "", 0);
      _tessera_document_view_show_search_hits (self);
      _tessera_document_view_update_passages (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (doc->id != self->document_id || g_strcmp0 (doc->sha256, self->document_sha256) != 0)
    {
      GtkTextIter start;

      new_text = TRUE;
      self->document_id = doc->id;
      g_free (self->document_sha256);
      self->document_sha256 = g_strdup (doc->sha256);

      /* Spans of the last document must not be drawn over this text. */
      tessera_text_view_set_document (self->text_view, NULL);
      gtk_text_buffer_set_text (buffer, doc->text, -1);
      gtk_text_buffer_get_start_iter (buffer, &start);
      gtk_text_buffer_place_cursor (buffer, &start);
      gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view)), 0);
    }

  update_header (self, doc);
  tessera_text_view_set_document (self->text_view, self->document);
  update_selection (self);
  if (new_text)
    _tessera_document_view_show_search_hits (self);
  _tessera_document_view_update_passages (self);
  _tessera_document_view_update_context_menu_at_caret (self);
  gtk_stack_set_visible_child_name (self->stack, "document");
}


/* The document's model took in a commit (it is consistent again). */
static void
on_document_changed (TesseraDocumentView              *self,
                     const TesseraOpenDocumentChanges *changes)
{
  if (changes->reset || changes->schema)
    {
      update_labels (self);
      _tessera_document_view_update_suggestion_keys (self);
    }
  if (changes->reset)
    {
      g_hash_table_remove_all (self->document_names);
      load_document (self);
      return;
    }
  if (changes->document)
    {
      g_hash_table_remove (self->document_names, &self->document_id);
      refresh_header (self);
    }
  /* What the selection points at may have changed (a role filled). */
  update_selection (self);
}

static void
on_workbench_document (TesseraDocumentView *self)
{
  TesseraOpenDocument *document = self->workbench ? tessera_workbench_get_open_document (self->workbench) : NULL;

  if (g_set_object (&self->document, document))
    g_signal_group_set_target (self->document_signals, document);
  load_document (self);
  /* Whose work this document shows, and whether to name them. */
  _tessera_document_view_update_annotators (self);
}

static void
on_workbench_project (TesseraDocumentView *self)
{
  TesseraProject *project = self->workbench != NULL ? tessera_workbench_get_project (self->workbench) : NULL;

  g_set_object (&self->project, project);

  /* Same ids in another project are other documents. */
  self->document_id = 0;
  g_hash_table_remove_all (self->document_names);
  update_labels (self);
  _tessera_document_view_update_suggestion_keys (self);
  on_workbench_document (self);
}

static void
on_workbench_selection (TesseraDocumentView *self)
{
  gint64 span_id;

  update_selection (self);
  _tessera_document_view_update_context_menu_at_caret (self);

  if (self->workbench != NULL && (span_id = tessera_workbench_get_selected_span (self->workbench)))
    tessera_document_view_scroll_to_span (self, span_id);
}

static void
on_workbench_pick (TesseraDocumentView *self)
{
  tessera_text_view_set_pick_mode (self->text_view,
                                   self->workbench != NULL &&
                                   tessera_workbench_get_pick (self->workbench, NULL) != TESSERA_PICK_NONE);
}

/* The header lines up with the text column; set before the children
 * are allocated, so that they are laid out once. */
static void
tessera_document_view_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  TesseraDocumentView *self = TESSERA_DOCUMENT_VIEW (widget);
  int side = tessera_text_view_get_side_margin (self->text_view, width);

  if (gtk_widget_get_margin_start (self->header) != side)
    gtk_widget_set_margin_start (self->header, side);
  if (gtk_widget_get_margin_end (self->header) != side)
    gtk_widget_set_margin_end (self->header, side);

  GTK_WIDGET_CLASS (tessera_document_view_parent_class)->size_allocate (widget, width, height, baseline);

  if (self->passage_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->passage_menu));
}

static void
tessera_document_view_dispose (GObject *object)
{
  TesseraDocumentView *self = TESSERA_DOCUMENT_VIEW (object);

  if (self->workbench_signals != NULL)
    g_signal_group_set_target (self->workbench_signals, NULL);
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  g_clear_object (&self->workbench_signals);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->document);
  g_clear_object (&self->project);
  g_clear_object (&self->workbench);
  _tessera_document_view_passages_dispose (self);
  _tessera_document_view_annotators_dispose (self);
  _tessera_document_view_find_dispose (self);
  if (self->scroll_tick != 0 && self->text_view != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->text_view), self->scroll_tick);
  self->scroll_tick = 0;

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_DOCUMENT_VIEW);

  G_OBJECT_CLASS (tessera_document_view_parent_class)->dispose (object);
}

static void
tessera_document_view_finalize (GObject *object)
{
  TesseraDocumentView *self = TESSERA_DOCUMENT_VIEW (object);

  g_free (self->document_sha256);
  g_clear_pointer (&self->passages, g_array_unref);
  g_clear_pointer (&self->document_names, g_hash_table_unref);
  g_clear_object (&self->context_menu);

  G_OBJECT_CLASS (tessera_document_view_parent_class)->finalize (object);
}

static void
tessera_document_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TesseraDocumentView *self = TESSERA_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_WORKBENCH:
      g_value_set_object (value, self->workbench);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_document_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TesseraDocumentView *self = TESSERA_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_WORKBENCH:
      tessera_document_view_set_workbench (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_document_view_class_init (TesseraDocumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_document_view_dispose;
  object_class->finalize = tessera_document_view_finalize;
  object_class->get_property = tessera_document_view_get_property;
  object_class->set_property = tessera_document_view_set_property;
  widget_class->size_allocate = tessera_document_view_size_allocate;

  properties[PROP_WORKBENCH] =
    g_param_spec_object ("workbench", NULL, NULL, TESSERA_TYPE_WORKBENCH,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TESSERA_TYPE_TEXT_VIEW);
  g_type_ensure (TESSERA_TYPE_DOCUMENT_DETAILS);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-document-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentView, stack);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentView, header);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentView, title_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentView, status_dropdown);
  _tessera_document_view_class_add_annotators (widget_class);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentView, text_view);
  gtk_widget_class_bind_template_callback (widget_class, on_status_selected);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  _tessera_document_view_passages_class_init (widget_class);
  _tessera_document_view_find_class_init (widget_class);
}

static void
tessera_document_view_init (TesseraDocumentView *self)
{
  GtkTextIter start;

  gtk_widget_init_template (GTK_WIDGET (self));
  tessera_accessible_name_drop_down (self->status_dropdown, _("Document status"));

  self->document_signals = g_signal_group_new (TESSERA_TYPE_OPEN_DOCUMENT);
  g_signal_group_connect_swapped (self->document_signals, "changed", G_CALLBACK (on_document_changed), self);
  self->workbench_signals = g_signal_group_new (TESSERA_TYPE_WORKBENCH);
  g_signal_group_connect_swapped (self->workbench_signals, "notify::project",
                                  G_CALLBACK (on_workbench_project), self);
  g_signal_group_connect_swapped (self->workbench_signals, "notify::document",
                                  G_CALLBACK (on_workbench_document), self);
  g_signal_group_connect_swapped (self->workbench_signals, "selection-changed",
                                  G_CALLBACK (on_workbench_selection), self);
  g_signal_group_connect_swapped (self->workbench_signals, "pick-changed",
                                  G_CALLBACK (on_workbench_pick), self);
  g_signal_group_connect_swapped (self->workbench_signals, "notify::layer",
                                  G_CALLBACK (_tessera_document_view_update_suggestion_keys), self);

  _tessera_document_view_passages_init (self);
  _tessera_document_view_input_init (self);
  _tessera_document_view_annotators_init (self);
  _tessera_document_view_find_init (self);

  gtk_text_buffer_get_start_iter (get_buffer (self), &start);
  self->scroll_mark = gtk_text_buffer_create_mark (get_buffer (self), NULL, &start, TRUE);
}

TesseraWorkbench *
tessera_document_view_get_workbench (TesseraDocumentView *self)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_VIEW (self), NULL);

  return self->workbench;
}

void
tessera_document_view_set_workbench (TesseraDocumentView *self,
                                     TesseraWorkbench    *workbench)
{
  g_return_if_fail (TESSERA_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (workbench == NULL || TESSERA_IS_WORKBENCH (workbench));

  if (self->workbench == workbench)
    return;

  g_set_object (&self->workbench, workbench);
  g_signal_group_set_target (self->workbench_signals, workbench);
  tessera_shared_passages_set_documents (self->shared,
                                         workbench != NULL ? tessera_workbench_get_documents (workbench) : NULL);

  on_workbench_project (self);
  on_workbench_pick (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKBENCH]);
}

/* How many frames a scroll to a span is retried while the text is laid out. */
#define SCROLL_FRAMES 30

/* Whether the line of @iter is wholly within the visible part of the text. */
static gboolean
iter_in_view (TesseraDocumentView *self,
              const GtkTextIter   *iter)
{
  GdkRectangle visible, location;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self->text_view)))
    return FALSE;
  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self->text_view), &visible);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self->text_view), iter, &location);

  return visible.height > 0 &&
         location.y >= visible.y && location.y + location.height <= visible.y + visible.height;
}

static gboolean
on_scroll_tick (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  TesseraDocumentView *self = user_data;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (get_buffer (self), &iter, self->scroll_mark);
  if (iter_in_view (self, &iter) || self->scroll_frames == 0)
    {
      self->scroll_tick = 0;
      return G_SOURCE_REMOVE;
    }
  self->scroll_frames--;
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->text_view), self->scroll_mark, 0.15, FALSE, 0, 0);
  return G_SOURCE_CONTINUE;
}

void
tessera_document_view_scroll_to_span (TesseraDocumentView *self,
                                      gint64               span_id)
{
  const TesseraSpanIndex *index;
  int pos;

  g_return_if_fail (TESSERA_IS_DOCUMENT_VIEW (self));

  index = get_index (self);
  if (index == NULL || (pos = tessera_span_index_find_id (index, span_id)) < 0)
    return;

  /* A mark, not an iter: it also works before the lines are measured. */
  _tessera_document_view_scroll_to_offset (self, tessera_span_index_get_span (index, pos)->start);
}

void
_tessera_document_view_scroll_to_offset (TesseraDocumentView *self,
                                         gint64               offset)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (get_buffer (self), &iter, (int) offset);
  gtk_text_buffer_move_mark (get_buffer (self), self->scroll_mark, &iter);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->text_view), self->scroll_mark, 0.15, FALSE, 0, 0);

  /* But a view just shown (back from the corroboration view) or a
   * document just loaded is laid out over the next frames, which may
   * undo that scroll: scroll again each frame until the span shows. */
  self->scroll_frames = SCROLL_FRAMES;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->text_view), on_scroll_tick,
                                                      self, NULL);
}

gboolean
tessera_document_view_is_span_visible (TesseraDocumentView *self,
                                       gint64               span_id)
{
  const TesseraSpanIndex *index;
  GtkTextIter iter;
  int pos;

  g_return_val_if_fail (TESSERA_IS_DOCUMENT_VIEW (self), FALSE);

  index = get_index (self);
  if (index == NULL || (pos = tessera_span_index_find_id (index, span_id)) < 0)
    return FALSE;
  gtk_text_buffer_get_iter_at_offset (get_buffer (self), &iter,
                                      (int) tessera_span_index_get_span (index, pos)->start);
  return iter_in_view (self, &iter);
}

GArray *
tessera_document_view_get_drawn_spans (TesseraDocumentView *self)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_VIEW (self), NULL);

  return tessera_text_view_get_drawn_spans (self->text_view);
}

GtkTextView *
tessera_document_view_get_text_view (TesseraDocumentView *self)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_VIEW (self), NULL);

  return GTK_TEXT_VIEW (self->text_view);
}

TesseraSharedPassages *
tessera_document_view_get_shared_passages (TesseraDocumentView *self)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_VIEW (self), NULL);

  return self->shared;
}
