/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-document-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-document-view-private.h"
#include "tessera-span-pick.h"

/* While a slot waits for a span (a role, a holder, a target), the text
 * keeps the keyboard: a candidate span stands out with what it would
 * fill above it, Tab and the arrow keys move it over the spans the slot
 * takes, Enter picks it and Escape gives up. A click still picks too. */

static void
show_candidate (TesseraDocumentView *self,
                gint64               span_id)
{
  g_autofree char *slot = tessera_span_pick_dup_slot_name (self->workbench);
  g_autofree char *caption = NULL;
  const TesseraSpan *span = span_id != 0 && self->document != NULL
                            ? tessera_open_document_get_span (self->document, span_id) : NULL;
  GtkTextIter iter;

  if (span != NULL && slot != NULL)
    /* Translators: above the span Enter would pick for a slot, e.g. "Agent? Enter ✓". */
    caption = g_strdup_printf (_("%s? Enter ✓"), slot);
  tessera_text_view_set_candidate (self->text_view, span ? span_id : 0, caption);
  if (span == NULL)
    return;

  /* The caret goes along, so that it is where the eyes (and a screen
   * reader) are. */
  gtk_text_buffer_get_iter_at_offset (get_buffer (self), &iter, (int) span->start);
  gtk_text_buffer_place_cursor (get_buffer (self), &iter);
  _tessera_document_view_scroll_to_offset (self, span->start);
}

static void
on_pick_changed (TesseraDocumentView *self)
{
  GtkWidget *text = GTK_WIDGET (self->text_view);

  if (self->workbench == NULL || tessera_workbench_get_pick (self->workbench, NULL) == TESSERA_PICK_NONE)
    {
      tessera_text_view_set_candidate (self->text_view, 0, NULL);
      return;
    }

  /* However the pick began (a slot's key, its button), the keys that
   * choose the span are the text's. */
  if (gtk_widget_get_mapped (text) && !gtk_widget_is_focus (text))
    gtk_widget_grab_focus (text);
  show_candidate (self, tessera_span_pick_first (self->workbench));
}

/* An undo or another view may take the candidate away. */
static void
on_document_changed (TesseraDocumentView *self)
{
  gint64 candidate = tessera_text_view_get_candidate (self->text_view);
  const TesseraSpan *span;

  if (candidate == 0 || self->workbench == NULL || self->document == NULL)
    return;

  span = tessera_open_document_get_span (self->document, candidate);
  if (span == NULL || !tessera_span_pick_offers (self->workbench, span))
    show_candidate (self, tessera_span_pick_first (self->workbench));
}

static void
move_candidate (TesseraDocumentView *self,
                int                  direction)
{
  gint64 candidate = tessera_text_view_get_candidate (self->text_view);
  gint64 next = candidate != 0 ? tessera_span_pick_next (self->workbench, candidate, direction)
                               : tessera_span_pick_first (self->workbench);

  if (next == 0)
    gtk_widget_error_bell (GTK_WIDGET (self->text_view));
  else
    show_candidate (self, next);
}

static void
pick_candidate (TesseraDocumentView *self)
{
  gint64 candidate = tessera_text_view_get_candidate (self->text_view);
  g_autoptr(GError) error = NULL;

  if (candidate == 0)
    gtk_widget_error_bell (GTK_WIDGET (self->text_view));
  else if (!tessera_span_pick_complete (self->workbench, candidate, &error))
    tessera_workbench_report_error (self->workbench, error);
}

gboolean
_tessera_document_view_pick_key_pressed (TesseraDocumentView *self,
                                         guint                keyval,
                                         GdkModifierType      mods)
{
  int direction;

  if (self->workbench == NULL || tessera_workbench_get_pick (self->workbench, NULL) == TESSERA_PICK_NONE)
    return GDK_EVENT_PROPAGATE;

  if ((direction = _tessera_document_view_tab_direction (keyval, mods)) != 0)
    {
      move_candidate (self, direction);
      return GDK_EVENT_STOP;
    }

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      /* With Shift or Ctrl they still move the caret. */
      if (mods != 0)
        return GDK_EVENT_PROPAGATE;
      move_candidate (self, keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right ||
                            keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down ? 1 : -1);
      return GDK_EVENT_STOP;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (mods != 0)
        return GDK_EVENT_PROPAGATE;
      pick_candidate (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_Escape:
      if (mods != 0)
        return GDK_EVENT_PROPAGATE;
      tessera_workbench_set_pick (self->workbench, TESSERA_PICK_NONE, 0);
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

void
_tessera_document_view_pick_init (TesseraDocumentView *self)
{
  g_signal_group_connect_swapped (self->workbench_signals, "pick-changed",
                                  G_CALLBACK (on_pick_changed), self);
  g_signal_group_connect_swapped (self->document_signals, "changed",
                                  G_CALLBACK (on_document_changed), self);
}
