/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-document-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tessera-document-view-private.h"
#include "tessera-span-pick.h"

/* Keys and clicks in the document view's text, and the text selection
 * that tagging acts on. */

/* A press and release closer than this is a click, not a drag. */
#define CLICK_SLOP 4.0

/* Whether a label of the active layer is tagged with the key @key. */
static gboolean
layer_uses_key (TesseraDocumentView *self,
                gunichar             key)
{
  g_autoptr(GPtrArray) labels = NULL;

  if (self->project == NULL || self->workbench == NULL)
    return FALSE;

  labels = tessera_project_list_labels (self->project,
                                        tessera_layer_get_label_kind (tessera_workbench_get_layer (self->workbench)));
  for (guint i = 0; i < labels->len; i++)
    {
      const TesseraLabel *label = g_ptr_array_index (labels, i);

      if (label->shortcut != NULL && *label->shortcut != '\0' &&
          g_unichar_tolower (g_utf8_get_char (label->shortcut)) == key)
        return TRUE;
    }

  return FALSE;
}

/* A and R accept and reject unless the layer's labels use them; Enter
 * and Delete always do. The selected suggestion's caption says which. */
void
_tessera_document_view_update_suggestion_keys (TesseraDocumentView *self)
{
  const char *hint;

  self->accept_key = layer_uses_key (self, 'a') ? 0 : 'a';
  self->reject_key = layer_uses_key (self, 'r') ? 0 : 'r';

  if (self->accept_key != 0 && self->reject_key != 0)
    /* Translators: beside a selected suggestion in the text: the keys that accept (✓) and reject (✗) it. */
    hint = _("Enter/A ✓  Delete/R ✗");
  else
    /* Translators: beside a selected suggestion in the text: the keys that accept (✓) and reject (✗) it. */
    hint = _("Enter ✓  Delete ✗");
  tessera_text_view_set_suggestion_hint (self->text_view, hint);
}

/* Whether the selected annotation is a suggestion (or its frame is). */
gboolean
_tessera_document_view_selection_is_suggestion (TesseraDocumentView *self)
{
  gint64 span_id;

  if (self->workbench == NULL || self->document == NULL ||
      !(span_id = tessera_workbench_get_selected_span (self->workbench)))
    return FALSE;

  return (tessera_open_document_get_span_flags (self->document, span_id) & TESSERA_SPAN_FLAG_SUGGESTED) != 0;
}


/* A click on a span selects it, or fills the pending role, holder or
 * target; a click on plain text clears the selection. */
static void
handle_click (TesseraDocumentView *self,
              double               x,
              double               y)
{
  gint64 span_id;

  if (self->workbench == NULL || self->document_id == 0)
    return;

  if (tessera_workbench_get_pick (self->workbench, NULL) == TESSERA_PICK_NONE &&
      _tessera_document_view_popup_passage_menu (self, x, y))
    return;

  span_id = tessera_text_view_span_at (self->text_view, x, y);

  if (tessera_workbench_get_pick (self->workbench, NULL) != TESSERA_PICK_NONE)
    {
      g_autoptr(GError) error = NULL;

      if (span_id != 0 && !tessera_span_pick_complete (self->workbench, span_id, &error))
        tessera_workbench_report_error (self->workbench, error);
      return;
    }

  if (span_id != 0)
    tessera_workbench_select_span (self->workbench, span_id);
  else
    tessera_workbench_select (self->workbench, TESSERA_SELECTION_NONE, 0);
}

static gboolean
event_point (GtkWidget *widget,
             GdkEvent  *event,
             double    *x,
             double    *y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t point;
  double ex, ey, nx, ny;

  if (native == NULL || !gdk_event_get_position (event, &ex, &ey))
    return FALSE;

  gtk_native_get_surface_transform (native, &nx, &ny);
  if (!gtk_widget_compute_point (GTK_WIDGET (native), widget,
                                 &GRAPHENE_POINT_INIT (ex - nx, ey - ny), &point))
    return FALSE;

  *x = point.x;
  *y = point.y;

  return TRUE;
}

/* Presses and releases are watched, not handled: the text view keeps its
 * own click and drag handling (caret, selection), which claims the
 * events before a gesture of ours would see the release. */
static gboolean
on_text_event (TesseraDocumentView      *self,
               GdkEvent                 *event,
               GtkEventControllerLegacy *legacy)
{
  GdkEventType type = gdk_event_get_event_type (event);
  double x, y;

  if (type != GDK_BUTTON_PRESS && type != GDK_BUTTON_RELEASE)
    return GDK_EVENT_PROPAGATE;
  if (type == GDK_BUTTON_PRESS && gdk_button_event_get_button (event) == GDK_BUTTON_SECONDARY &&
      event_point (GTK_WIDGET (self->text_view), event, &x, &y))
    {
      _tessera_document_view_prepare_context_menu (self, x, y);
      return GDK_EVENT_PROPAGATE;
    }
  if (gdk_button_event_get_button (event) != GDK_BUTTON_PRIMARY)
    return GDK_EVENT_PROPAGATE;
  if (!event_point (GTK_WIDGET (self->text_view), event, &x, &y))
    return GDK_EVENT_PROPAGATE;

  if (type == GDK_BUTTON_PRESS)
    {
      /* Shift- and Ctrl-clicks extend the text selection. */
      self->press_valid = !(gdk_event_get_modifier_state (event) & (GDK_SHIFT_MASK | GDK_CONTROL_MASK));
      self->press_x = x;
      self->press_y = y;
      return GDK_EVENT_PROPAGATE;
    }

  if (self->press_valid && fabs (x - self->press_x) <= CLICK_SLOP && fabs (y - self->press_y) <= CLICK_SLOP)
    handle_click (self, x, y);
  self->press_valid = FALSE;

  return GDK_EVENT_PROPAGATE;
}

static gint64
label_for_key (TesseraDocumentView *self,
               guint                keyval)
{
  g_autoptr(GPtrArray) labels = NULL;
  gunichar ch = gdk_keyval_to_unicode (keyval);
  TesseraLabelKind kind;

  if (ch == 0 || !g_unichar_isprint (ch) || self->project == NULL)
    return 0;

  ch = g_unichar_tolower (ch);
  /* While a slot waits for a span, the keys tag entities, whatever the
   * layer: the new span fills the slot (tessera_workbench_tag). */
  if (tessera_workbench_get_pick (self->workbench, NULL) != TESSERA_PICK_NONE)
    kind = TESSERA_LABEL_ENTITY;
  else
    kind = tessera_layer_get_label_kind (tessera_workbench_get_layer (self->workbench));
  labels = tessera_project_list_labels (self->project, kind);

  for (guint i = 0; i < labels->len; i++)
    {
      const TesseraLabel *label = g_ptr_array_index (labels, i);

      if (label->shortcut != NULL && *label->shortcut != '\0' &&
          g_unichar_tolower (g_utf8_get_char (label->shortcut)) == ch)
        return label->id;
    }

  return 0;
}

int
_tessera_document_view_tab_direction (guint           keyval,
                                      GdkModifierType mods)
{
  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return 0;
  if (mods & ~GDK_SHIFT_MASK)
    return 0;

  return (mods & GDK_SHIFT_MASK) || keyval == GDK_KEY_ISO_Left_Tab ? -1 : 1;
}

static gboolean
on_key_pressed (TesseraDocumentView   *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  GtkWidget *widget = GTK_WIDGET (self);
  gint64 label_id;
  int direction;

  if (self->workbench == NULL || self->document_id == 0)
    return GDK_EVENT_PROPAGATE;
  if (_tessera_document_view_pick_key_pressed (self, keyval, mods))
    return GDK_EVENT_STOP;
  if ((direction = _tessera_document_view_tab_direction (keyval, mods)) != 0)
    return gtk_widget_activate_action (widget, direction < 0 ? "win.previous-annotation" : "win.next-annotation",
                                       NULL);

  switch (keyval)
    {
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      if (mods != 0)
        return GDK_EVENT_PROPAGATE;
      /* A suggestion is rejected: deleted with its frame when that was suggested too. */
      gtk_widget_activate_action (widget, _tessera_document_view_selection_is_suggestion (self) ? "win.reject-suggestion"
                                                                         : "win.delete-annotation", NULL);
      return GDK_EVENT_STOP;

    case GDK_KEY_BackSpace:
      if (mods != 0 || !_tessera_document_view_selection_is_suggestion (self))
        return GDK_EVENT_PROPAGATE;
      gtk_widget_activate_action (widget, "win.reject-suggestion", NULL);
      return GDK_EVENT_STOP;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (mods != 0 || !_tessera_document_view_selection_is_suggestion (self))
        return GDK_EVENT_PROPAGATE;
      gtk_widget_activate_action (widget, "win.accept-suggestion", NULL);
      return GDK_EVENT_STOP;

    case GDK_KEY_Escape:
      if (mods != 0)
        return GDK_EVENT_PROPAGATE;
      gtk_widget_activate_action (widget, "win.clear-selection", NULL);
      return GDK_EVENT_STOP;

    default:
      break;
    }

  if (mods & ~GDK_SHIFT_MASK)
    return GDK_EVENT_PROPAGATE;

  /* Without a text selection to tag, A and R answer the selected
   * suggestion (when no label of the layer has those keys), and a label's
   * key relabels the selected annotation. */
  if (!gtk_text_buffer_get_has_selection (get_buffer (self)))
    {
      gunichar ch = g_unichar_tolower (gdk_keyval_to_unicode (keyval));
      gboolean suggestion = _tessera_document_view_selection_is_suggestion (self);

      /* Picking: a key without text to tag would relabel the event. */
      if (ch == 0 || tessera_workbench_get_pick (self->workbench, NULL) != TESSERA_PICK_NONE)
        return GDK_EVENT_PROPAGATE;
      if (mods == 0 && suggestion && ch == self->accept_key)
        gtk_widget_activate_action (widget, "win.accept-suggestion", NULL);
      else if (mods == 0 && suggestion && ch == self->reject_key)
        gtk_widget_activate_action (widget, "win.reject-suggestion", NULL);
      else if (tessera_workbench_get_selection (self->workbench, NULL) != TESSERA_SELECTION_NONE &&
               (label_id = label_for_key (self, keyval)) != 0)
        gtk_widget_activate_action (widget, "win.tag", "x", label_id);
      else
        return GDK_EVENT_PROPAGATE;
      return GDK_EVENT_STOP;
    }
  if (!(label_id = label_for_key (self, keyval)))
    return GDK_EVENT_PROPAGATE;

  gtk_widget_activate_action (widget, "win.tag", "x", label_id);

  return GDK_EVENT_STOP;
}

/* Moves the ends of [start, end) out to whole characters and whole words,
 * without the whitespace around them. Words are Pango's, but the range
 * only grows over letters, digits and marks, so "Ménaka’s" inside gives
 * "Ménaka" and a selection never swallows punctuation it did not touch. */
static gboolean
snap_range (GtkTextIter *start,
            GtkTextIter *end)
{
  gtk_text_iter_order (start, end);

  if (!gtk_text_iter_is_cursor_position (start))
    gtk_text_iter_backward_cursor_position (start);
  if (!gtk_text_iter_is_cursor_position (end))
    gtk_text_iter_forward_cursor_position (end);

  while (gtk_text_iter_compare (start, end) < 0 && g_unichar_isspace (gtk_text_iter_get_char (start)))
    gtk_text_iter_forward_char (start);
  while (gtk_text_iter_compare (start, end) < 0)
    {
      GtkTextIter before = *end;

      gtk_text_iter_backward_char (&before);
      if (!g_unichar_isspace (gtk_text_iter_get_char (&before)))
        break;
      *end = before;
    }
  if (gtk_text_iter_equal (start, end))
    return FALSE;

  while (!gtk_text_iter_starts_word (start) && !gtk_text_iter_is_start (start))
    {
      GtkTextIter before = *start;
      gunichar ch;

      gtk_text_iter_backward_char (&before);
      ch = gtk_text_iter_get_char (&before);
      if (!g_unichar_isalnum (ch) && !g_unichar_ismark (ch))
        break;
      *start = before;
    }

  while (!gtk_text_iter_ends_word (end) && !gtk_text_iter_is_end (end))
    {
      gunichar ch = gtk_text_iter_get_char (end);

      if (!g_unichar_isalnum (ch) && !g_unichar_ismark (ch))
        break;
      gtk_text_iter_forward_char (end);
    }

  /* Marks after the last letter belong to it. */
  while (!gtk_text_iter_is_end (end) && g_unichar_ismark (gtk_text_iter_get_char (end)))
    gtk_text_iter_forward_char (end);

  return TRUE;
}

gboolean
tessera_document_view_get_tag_range (TesseraDocumentView *self,
                                     gint64              *start,
                                     gint64              *end)
{
  GtkTextIter s, e;

  g_return_val_if_fail (TESSERA_IS_DOCUMENT_VIEW (self), FALSE);

  if (self->document_id == 0 || !gtk_text_buffer_get_selection_bounds (get_buffer (self), &s, &e))
    return FALSE;
  if (!snap_range (&s, &e))
    return FALSE;

  if (start != NULL)
    *start = gtk_text_iter_get_offset (&s);
  if (end != NULL)
    *end = gtk_text_iter_get_offset (&e);

  return TRUE;
}

void
tessera_document_view_select_range (TesseraDocumentView *self,
                                    gint64               start,
                                    gint64               end)
{
  GtkTextBuffer *buffer;
  GtkTextIter s, e;

  g_return_if_fail (TESSERA_IS_DOCUMENT_VIEW (self));

  buffer = get_buffer (self);
  gtk_text_buffer_get_iter_at_offset (buffer, &s, (int) CLAMP (start, 0, G_MAXINT));
  gtk_text_buffer_get_iter_at_offset (buffer, &e, (int) CLAMP (end, 0, G_MAXINT));
  gtk_text_buffer_select_range (buffer, &e, &s);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->text_view), gtk_text_buffer_get_insert (buffer),
                                0.1, FALSE, 0, 0);
}

void
tessera_document_view_clear_range (TesseraDocumentView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  g_return_if_fail (TESSERA_IS_DOCUMENT_VIEW (self));

  buffer = get_buffer (self);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  gtk_text_buffer_select_range (buffer, &iter, &iter);
}

/* The first span starting at or after @offset. */
static guint
first_starting_at (const TesseraSpanIndex *index,
                   gint64                  offset)
{
  guint lo = 0;
  guint hi = tessera_span_index_get_n_spans (index);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (tessera_span_index_get_span (index, mid)->start < offset)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

void
tessera_document_view_select_adjacent (TesseraDocumentView *self,
                                       int                  direction)
{
  const TesseraSpanIndex *index;
  const TesseraSpan *span;
  gint64 selected;
  gint64 target;
  int pos;

  g_return_if_fail (TESSERA_IS_DOCUMENT_VIEW (self));

  index = get_index (self);
  if (self->workbench == NULL || index == NULL || tessera_span_index_get_n_spans (index) == 0)
    return;

  selected = tessera_workbench_get_selected_span (self->workbench);
  if (selected != 0 && (pos = tessera_span_index_find_id (index, selected)) >= 0)
    target = (gint64) pos + (direction > 0 ? 1 : -1);
  else
    {
      GtkTextBuffer *buffer = get_buffer (self);
      GtkTextIter caret;
      guint first;

      gtk_text_buffer_get_iter_at_mark (buffer, &caret, gtk_text_buffer_get_insert (buffer));
      first = first_starting_at (index, gtk_text_iter_get_offset (&caret));
      target = direction > 0 ? (gint64) first : (gint64) first - 1;
    }

  if (target < 0 || target >= tessera_span_index_get_n_spans (index))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  span = tessera_span_index_get_span (index, (guint) target);
  tessera_workbench_select_span (self->workbench, span->id);
}


void
_tessera_document_view_input_init (TesseraDocumentView *self)
{
  GtkEventController *controller;

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);

  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (on_text_event), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);

  _tessera_document_view_pick_init (self);
}
