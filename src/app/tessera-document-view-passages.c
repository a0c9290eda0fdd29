/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-document-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-document-view-private.h"

/* The shared-passage margin of the document view: bars beside passages
 * other reports share, their tooltips and the menu of the other copies,
 * and the text's context menu (tagging, suggestions, copies). */

/* Other outlets named in a shared passage's tooltip. */
#define MAX_TOOLTIP_NAMES 3
/* Longest document name in a menu (code points). */
#define MAX_NAME_CHARS 60

static void
shared_passage_clear (SharedPassage *passage)
{
  g_clear_pointer (&passage->copies, g_array_unref);
}

/* How a document is named in tooltips and menus: its outlet and title. */
static const char *
document_name (TesseraDocumentView *self,
               gint64               document_id)
{
  g_autoptr(TesseraDocument) doc = NULL;
  const char *name;
  GString *str;

  if ((name = g_hash_table_lookup (self->document_names, &document_id)))
    return name;

  str = g_string_new (NULL);
  doc = self->project ? tessera_project_get_document (self->project, document_id, FALSE, NULL) : NULL;
  if (doc != NULL && doc->source != NULL && *doc->source != '\0')
    g_string_append (str, doc->source);
  if (doc != NULL && doc->title != NULL && *doc->title != '\0')
    {
      if (str->len > 0)
        g_string_append (str, " — ");
      g_string_append (str, doc->title);
    }
  if (str->len == 0)
    g_string_append (str, doc != NULL && doc->uid != NULL ? doc->uid : _("Untitled Document"));
  if (g_utf8_strlen (str->str, -1) > MAX_NAME_CHARS)
    {
      g_string_truncate (str, g_utf8_offset_to_pointer (str->str, MAX_NAME_CHARS - 1) - str->str);
      g_string_append (str, "…");
    }

  name = g_string_free (str, FALSE);
  g_hash_table_insert (self->document_names, g_memdup2 (&document_id, sizeof document_id), (char *) name);

  return name;
}

/* The outlet alone, for the short list of a tooltip. */
static char *
document_outlet (TesseraDocumentView *self,
                 gint64               document_id)
{
  g_autoptr(TesseraDocument) doc = NULL;

  doc = self->project ? tessera_project_get_document (self->project, document_id, FALSE, NULL) : NULL;
  if (doc != NULL && doc->source != NULL && *doc->source != '\0')
    return g_strdup (doc->source);

  return g_strdup (document_name (self, document_id));
}

/* The passages of this document that others share, from the last search. */
void
_tessera_document_view_update_passages (TesseraDocumentView *self)
{
  g_autoptr(GArray) found = NULL;
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (TesseraTextPassage));
  TesseraDuplicates *duplicates = tessera_shared_passages_get_duplicates (self->shared);

  g_array_set_size (self->passages, 0);
  self->menu_valid = FALSE;
  if (self->passage_menu != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->passage_menu));

  if (duplicates != NULL && self->document_id != 0)
    found = tessera_shared_passages_list (self->shared, self->document_id);

  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      const TesseraPassage *passage = &g_array_index (found, TesseraPassage, i);
      const TesseraDuplicateGroup *group = tessera_duplicates_get_group (duplicates, passage->group);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
      SharedPassage shared = { passage->start, passage->end, NULL };
      TesseraTextPassage mark = { passage->start, passage->end };

      if (group == NULL)
        continue;

      shared.copies = g_array_new (FALSE, FALSE, sizeof (PassageCopy));
      for (guint k = 0; k < group->passages->len; k++)
        {
          const TesseraPassage *other = &g_array_index (group->passages, TesseraPassage, k);
          PassageCopy copy = { other->document_id, other->start, other->end };

          if (other->document_id == self->document_id ||
              !g_hash_table_add (seen, (gpointer) &other->document_id))
            continue;
          g_array_append_val (shared.copies, copy);
        }

      if (shared.copies->len == 0)
        {
          shared_passage_clear (&shared);
          continue;
        }
      g_array_append_val (self->passages, shared);
      g_array_append_val (marks, mark);
    }

  tessera_text_view_set_passages (self->text_view, (const TesseraTextPassage *) marks->data, marks->len);
}

/* "Also in 3 reports: Sahel Courier, Kidal Times, Mali Daily, …" */
static char *
passage_tooltip (TesseraDocumentView *self,
                 const SharedPassage *passage)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = passage->copies->len;

  for (guint i = 0; i < n && i < MAX_TOOLTIP_NAMES; i++)
    {
      g_autofree char *outlet = document_outlet (self, g_array_index (passage->copies, PassageCopy, i).document_id);

      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, outlet);
    }
  if (n > MAX_TOOLTIP_NAMES)
    g_string_append (names, ", …");

  /* Translators: a passage of the text that other reports share; %s names them. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Also in %u report: %s", "Also in %u reports: %s", n),
                          n, names->str);
}

/* "Also in 3 reports", above the menu of the other copies. */
static char *
passage_title (const SharedPassage *passage)
{
  guint n = passage->copies->len;

  /* Translators: a passage of the text that other reports share. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Also in %u report", "Also in %u reports", n), n);
}

/* The shared passage holding @offset, or NULL. */
static const SharedPassage *
passage_at_offset (TesseraDocumentView *self,
                   gint64               offset)
{
  for (guint i = 0; i < self->passages->len; i++)
    {
      const SharedPassage *passage = &g_array_index (self->passages, SharedPassage, i);

      if (passage->start <= offset && offset < passage->end)
        return passage;
    }

  return NULL;
}

/* "Show in …" for each other copy of @passage. */
static GMenu *
copies_menu (TesseraDocumentView *self,
             const SharedPassage *passage)
{
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < passage->copies->len; i++)
    {
      const PassageCopy *copy = &g_array_index (passage->copies, PassageCopy, i);
      /* Translators: opens the same passage in another report. */
      g_autofree char *label = g_strdup_printf (_("Show in %s"), document_name (self, copy->document_id));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "document.show-copy",
                                               g_variant_new ("(xx)", copy->document_id, copy->start));
      g_menu_append_item (menu, item);
    }

  return menu;
}

static gboolean
on_query_tooltip (TesseraDocumentView *self,
                  int                  x,
                  int                  y,
                  gboolean             keyboard,
                  GtkTooltip          *tooltip,
                  GtkWidget           *widget)
{
  g_autofree char *text = NULL;
  int index;

  if (keyboard || (index = tessera_text_view_passage_at (self->text_view, x, y)) < 0 ||
      (guint) index >= self->passages->len)
    return FALSE;

  text = passage_tooltip (self, &g_array_index (self->passages, SharedPassage, index));
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

gboolean
_tessera_document_view_popup_passage_menu (TesseraDocumentView *self,
                                           double               x,
                                           double               y)
{
  const SharedPassage *passage;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) copies = NULL;
  g_autofree char *title = NULL;
  graphene_point_t point;
  int index = tessera_text_view_passage_at (self->text_view, x, y);

  if (index < 0 || (guint) index >= self->passages->len)
    return FALSE;

  passage = &g_array_index (self->passages, SharedPassage, index);
  copies = copies_menu (self, passage);
  title = passage_title (passage);
  g_menu_append_section (menu, title, G_MENU_MODEL (copies));

  if (self->passage_menu == NULL)
    {
      self->passage_menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
      gtk_widget_set_parent (self->passage_menu, GTK_WIDGET (self));
      gtk_popover_set_position (GTK_POPOVER (self->passage_menu), GTK_POS_RIGHT);
    }
  else
    gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->passage_menu), G_MENU_MODEL (menu));

  if (!gtk_widget_compute_point (GTK_WIDGET (self->text_view), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    point = GRAPHENE_POINT_INIT (x, y);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->passage_menu),
                               &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->passage_menu));

  return TRUE;
}

/* document.show-copy (document id, offset): the other copy, scrolled to. */
static void
show_copy_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TesseraDocumentView *self = TESSERA_DOCUMENT_VIEW (widget);
  gint64 document_id, offset;
  GtkTextIter iter;

  g_variant_get (param, "(xx)", &document_id, &offset);
  if (self->workbench == NULL || document_id <= 0)
    return;

  /* Through the window when it can (it leaves other views for the text). */
  if (!gtk_widget_activate_action (widget, "win.open-passage", "(xx)", document_id, (gint64) 0))
    tessera_workbench_set_document_id (self->workbench, document_id);
  if (self->document_id != document_id)
    return;

  gtk_text_buffer_get_iter_at_offset (get_buffer (self), &iter, (int) CLAMP (offset, 0, G_MAXINT));
  gtk_text_buffer_place_cursor (get_buffer (self), &iter);
  gtk_text_buffer_move_mark (get_buffer (self), self->scroll_mark, &iter);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->text_view), self->scroll_mark, 0.15, TRUE, 0, 0.2);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* The text's context menu: tagging every occurrence, carrying
 * annotations to copies, and the copies of the passage clicked. */
static void
update_context_menu (TesseraDocumentView *self,
                     const SharedPassage *passage,
                     gboolean             suggestion)
{
  g_autoptr(GMenu) tagging = g_menu_new ();
  g_autoptr(GMenu) suggestions = g_menu_new ();

  if (self->menu_valid && self->menu_passage == passage && self->menu_suggestion == suggestion)
    return;
  self->menu_valid = TRUE;
  self->menu_passage = passage;
  self->menu_suggestion = suggestion;

  g_menu_remove_all (self->context_menu);

  g_menu_append (tagging, _("Tag All Occurrences in This Document"), "win.annotate-occurrences::document");
  g_menu_append (tagging, _("Tag All Occurrences in All Documents"), "win.annotate-occurrences::project");
  g_menu_append (tagging, _("Carry Annotations to Copies"), "win.propagate");
  g_menu_append_section (self->context_menu, NULL, G_MENU_MODEL (tagging));

  if (suggestion)
    {
      g_menu_append (suggestions, _("Accept Suggestion"), "win.accept-suggestion");
      g_menu_append (suggestions, _("Reject Suggestion"), "win.reject-suggestion");
      g_menu_append_section (self->context_menu, NULL, G_MENU_MODEL (suggestions));
    }

  if (passage != NULL)
    {
      g_autoptr(GMenu) copies = copies_menu (self, passage);
      g_autofree char *title = passage_title (passage);

      g_menu_append_section (self->context_menu, title, G_MENU_MODEL (copies));
    }
}

/* The context menu as the keyboard opens it (Menu, Shift+F10): for the
 * passage at the caret and the selected annotation. */
void
_tessera_document_view_update_context_menu_at_caret (TesseraDocumentView *self)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter caret;

  gtk_text_buffer_get_iter_at_mark (buffer, &caret, gtk_text_buffer_get_insert (buffer));
  update_context_menu (self, passage_at_offset (self, gtk_text_iter_get_offset (&caret)),
                       _tessera_document_view_selection_is_suggestion (self));
}

static void
on_shared_updated (TesseraDocumentView *self)
{
  g_hash_table_remove_all (self->document_names);
  _tessera_document_view_update_passages (self);
  _tessera_document_view_update_context_menu_at_caret (self);
}

/* A right click on a span selects it (what "Tag All Occurrences" and
 * the suggestion items act on); on a shared passage the menu also
 * offers its other copies. */
void
_tessera_document_view_prepare_context_menu (TesseraDocumentView *self,
                                             double               x,
                                             double               y)
{
  const SharedPassage *passage = NULL;
  GtkTextIter iter;
  gint64 span_id;
  int bx, by, pos;

  if (self->workbench == NULL || self->document_id == 0)
    return;

  if ((pos = tessera_text_view_passage_at (self->text_view, x, y)) >= 0 && (guint) pos < self->passages->len)
    passage = &g_array_index (self->passages, SharedPassage, pos);
  else
    {
      gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self->text_view), GTK_TEXT_WINDOW_WIDGET,
                                             (int) x, (int) y, &bx, &by);
      if (gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self->text_view), &iter, bx, by))
        passage = passage_at_offset (self, gtk_text_iter_get_offset (&iter));
    }
  if (tessera_workbench_get_pick (self->workbench, NULL) == TESSERA_PICK_NONE &&
      !gtk_text_buffer_get_has_selection (get_buffer (self)) &&
      (span_id = tessera_text_view_span_at (self->text_view, x, y)) != 0)
    tessera_workbench_select_span (self->workbench, span_id);

  update_context_menu (self, passage, _tessera_document_view_selection_is_suggestion (self));
}

void
_tessera_document_view_passages_init (TesseraDocumentView *self)
{
  self->passages = g_array_new (FALSE, FALSE, sizeof (SharedPassage));
  g_array_set_clear_func (self->passages, (GDestroyNotify) shared_passage_clear);
  self->document_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  self->shared = tessera_shared_passages_new ();
  g_signal_connect_object (self->shared, "updated", G_CALLBACK (on_shared_updated), self, G_CONNECT_SWAPPED);

  self->context_menu = g_menu_new ();
  update_context_menu (self, NULL, FALSE);
  gtk_text_view_set_extra_menu (GTK_TEXT_VIEW (self->text_view), G_MENU_MODEL (self->context_menu));
  g_signal_connect_object (get_buffer (self), "notify::cursor-position",
                           G_CALLBACK (_tessera_document_view_update_context_menu_at_caret), self, G_CONNECT_SWAPPED);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->text_view), TRUE);
  g_signal_connect_object (self->text_view, "query-tooltip", G_CALLBACK (on_query_tooltip), self,
                           G_CONNECT_SWAPPED);
}

void
_tessera_document_view_passages_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "document.show-copy", "(xx)", show_copy_activated);
}

void
_tessera_document_view_passages_dispose (TesseraDocumentView *self)
{
  if (self->shared != NULL)
    {
      tessera_shared_passages_set_documents (self->shared, NULL);
      g_signal_handlers_disconnect_by_data (self->shared, self);
    }
  g_clear_object (&self->shared);
  g_clear_pointer (&self->passage_menu, gtk_widget_unparent);
}
