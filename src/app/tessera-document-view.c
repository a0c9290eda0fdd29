/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-document-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "tessera-dates.h"
#include "tessera-document-view.h"
#include "tessera-shared-passages.h"
#include "tessera-span-index.h"
#include "tessera-text-view.h"

/* A press and release closer than this is a click, not a drag. */
#define CLICK_SLOP 4.0
/* Other outlets named in a shared passage's tooltip. */
#define MAX_TOOLTIP_NAMES 3
/* Longest document name in a menu (code points). */
#define MAX_NAME_CHARS 60

/* Where a shared passage is in another document. */
typedef struct
{
  gint64 document_id;
  gint64 start;
  gint64 end;
} PassageCopy;

/* A passage of this document that others share. */
typedef struct
{
  gint64  start;
  gint64  end;
  GArray *copies;   /* PassageCopy, one per other document */
} SharedPassage;

struct _TesseraDocumentView
{
  GtkWidget          parent_instance;

  TesseraWorkbench  *workbench;
  TesseraProject    *project;          /* the workbench's */
  TesseraOpenDocument *document;       /* the workbench's document, followed */

  gint64             document_id;      /* whose text the buffer holds */
  char              *document_sha256;
  gboolean           syncing_status;

  gboolean           press_valid;
  double             press_x;
  double             press_y;

  GtkTextMark       *scroll_mark;

  TesseraSharedPassages *shared;       /* the project's shared passages */
  GArray            *passages;         /* SharedPassage of this document, by start */
  GHashTable        *document_names;   /* document id → name shown for it */
  GtkWidget         *passage_menu;     /* popover of a margin bar's "Show in …" */
  GMenu             *context_menu;     /* what the text's context menu adds */
  const SharedPassage *menu_passage;   /* what it was made for */
  gboolean           menu_suggestion;
  gboolean           menu_valid;
  gunichar           accept_key;       /* 'a', or 0 when a label of the layer uses it */
  gunichar           reject_key;       /* 'r', or 0 likewise */

  /* Template widgets */
  GtkStack          *stack;
  GtkWidget         *header;
  GtkLabel          *title_label;
  GtkLabel          *meta_label;
  GtkDropDown       *status_dropdown;
  TesseraTextView   *text_view;
};

G_DEFINE_FINAL_TYPE (TesseraDocumentView, tessera_document_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WORKBENCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkTextBuffer *
get_buffer (TesseraDocumentView *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
}

static const TesseraSpanIndex *
get_index (TesseraDocumentView *self)
{
  return self->document ? tessera_open_document_get_spans (self->document) : NULL;
}

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

/* --- shared passages ------------------------------------------------------ */

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
static void
update_passages (TesseraDocumentView *self)
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

/* A click on a margin bar: where else the passage is. */
static void
popup_passage_menu (TesseraDocumentView *self,
                    guint                index,
                    double               x,
                    double               y)
{
  const SharedPassage *passage = &g_array_index (self->passages, SharedPassage, index);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) copies = copies_menu (self, passage);
  g_autofree char *title = passage_title (passage);
  graphene_point_t point;

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

/* --- suggestions ------------------------------------------------------------ */

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
static void
update_suggestion_keys (TesseraDocumentView *self)
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
static gboolean
selection_is_suggestion (TesseraDocumentView *self)
{
  gint64 span_id;

  if (self->workbench == NULL || self->document == NULL ||
      !(span_id = tessera_workbench_get_selected_span (self->workbench)))
    return FALSE;

  return (tessera_open_document_get_span_flags (self->document, span_id) & TESSERA_SPAN_FLAG_SUGGESTED) != 0;
}

/* The context menu as the keyboard opens it (Menu, Shift+F10): for the
 * passage at the caret and the selected annotation. */
static void
update_context_menu_at_caret (TesseraDocumentView *self)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter caret;

  gtk_text_buffer_get_iter_at_mark (buffer, &caret, gtk_text_buffer_get_insert (buffer));
  update_context_menu (self, passage_at_offset (self, gtk_text_iter_get_offset (&caret)),
                       selection_is_suggestion (self));
}

static void
on_shared_updated (TesseraDocumentView *self)
{
  g_hash_table_remove_all (self->document_names);
  update_passages (self);
  update_context_menu_at_caret (self);
}

/* Shows the workbench's document: its text only when it is another
 * document (or its text changed), its spans always. */
static void
load_document (TesseraDocumentView *self)
{
  TesseraDocument *doc = self->workbench != NULL ? tessera_workbench_get_document (self->workbench) : NULL;
  GtkTextBuffer *buffer = get_buffer (self);

  if (doc == NULL || doc->text == NULL || self->project == NULL)
    {
      self->document_id = 0;
      g_clear_pointer (&self->document_sha256, g_free);
      tessera_text_view_set_document (self->text_view, NULL);
      gtk_text_buffer_set_text (buffer, "", 0);
      update_passages (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (doc->id != self->document_id || g_strcmp0 (doc->sha256, self->document_sha256) != 0)
    {
      GtkTextIter start;

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
  update_passages (self);
  update_context_menu_at_caret (self);
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
      update_suggestion_keys (self);
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

  if (self->document != document)
    {
      if (self->document != NULL)
        g_signal_handlers_disconnect_by_func (self->document, on_document_changed, self);
      g_set_object (&self->document, document);
      if (document != NULL)
        g_signal_connect_object (document, "changed", G_CALLBACK (on_document_changed), self,
                                 G_CONNECT_SWAPPED);
    }
  load_document (self);
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
  update_suggestion_keys (self);
  on_workbench_document (self);
}

static void
on_workbench_selection (TesseraDocumentView *self)
{
  gint64 span_id;

  update_selection (self);
  update_context_menu_at_caret (self);

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

/* A click on a span selects it, or fills the pending role or holder; a
 * click on plain text clears the selection. */
static void
handle_click (TesseraDocumentView *self,
              double               x,
              double               y)
{
  gint64 span_id;
  int pos;

  if (self->workbench == NULL || self->document_id == 0)
    return;

  if (tessera_workbench_get_pick (self->workbench, NULL) == TESSERA_PICK_NONE &&
      (pos = tessera_text_view_passage_at (self->text_view, x, y)) >= 0 &&
      (guint) pos < self->passages->len)
    {
      popup_passage_menu (self, pos, x, y);
      return;
    }

  span_id = tessera_text_view_span_at (self->text_view, x, y);

  if (tessera_workbench_get_pick (self->workbench, NULL) != TESSERA_PICK_NONE)
    {
      g_autoptr(GError) error = NULL;

      if (span_id != 0 && !tessera_workbench_complete_pick (self->workbench, span_id, &error))
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

/* A right click on a span selects it (what "Tag All Occurrences" and
 * the suggestion items act on); on a shared passage the menu also
 * offers its other copies. */
static void
prepare_context_menu (TesseraDocumentView *self,
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

  update_context_menu (self, passage, selection_is_suggestion (self));
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
      prepare_context_menu (self, x, y);
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

  if (self->workbench == NULL || self->document_id == 0)
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      if (mods & ~GDK_SHIFT_MASK)
        return GDK_EVENT_PROPAGATE;
      return gtk_widget_activate_action (widget,
                                         (mods & GDK_SHIFT_MASK) || keyval == GDK_KEY_ISO_Left_Tab
                                         ? "win.previous-annotation" : "win.next-annotation", NULL);

    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      if (mods != 0)
        return GDK_EVENT_PROPAGATE;
      /* A suggestion is rejected: deleted with its frame when that was suggested too. */
      gtk_widget_activate_action (widget, selection_is_suggestion (self) ? "win.reject-suggestion"
                                                                         : "win.delete-annotation", NULL);
      return GDK_EVENT_STOP;

    case GDK_KEY_BackSpace:
      if (mods != 0 || !selection_is_suggestion (self))
        return GDK_EVENT_PROPAGATE;
      gtk_widget_activate_action (widget, "win.reject-suggestion", NULL);
      return GDK_EVENT_STOP;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (mods != 0 || !selection_is_suggestion (self))
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
   * suggestion (when no label of the layer has those keys). */
  if (!gtk_text_buffer_get_has_selection (get_buffer (self)))
    {
      gunichar ch = g_unichar_tolower (gdk_keyval_to_unicode (keyval));

      if (mods != 0 || ch == 0 || !selection_is_suggestion (self))
        return GDK_EVENT_PROPAGATE;
      if (ch == self->accept_key)
        gtk_widget_activate_action (widget, "win.accept-suggestion", NULL);
      else if (ch == self->reject_key)
        gtk_widget_activate_action (widget, "win.reject-suggestion", NULL);
      else
        return GDK_EVENT_PROPAGATE;
      return GDK_EVENT_STOP;
    }
  if (!(label_id = label_for_key (self, keyval)))
    return GDK_EVENT_PROPAGATE;

  gtk_widget_activate_action (widget, "win.tag", "x", label_id);

  return GDK_EVENT_STOP;
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
disconnect_workbench (TesseraDocumentView *self)
{
  if (self->shared != NULL)
    tessera_shared_passages_set_documents (self->shared, NULL);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, on_document_changed, self);
  g_clear_object (&self->document);
  g_clear_object (&self->project);
  if (self->workbench != NULL)
    g_signal_handlers_disconnect_by_data (self->workbench, self);
  g_clear_object (&self->workbench);
}

static void
tessera_document_view_dispose (GObject *object)
{
  TesseraDocumentView *self = TESSERA_DOCUMENT_VIEW (object);

  disconnect_workbench (self);
  if (self->shared != NULL)
    g_signal_handlers_disconnect_by_data (self->shared, self);
  g_clear_object (&self->shared);
  g_clear_pointer (&self->passage_menu, gtk_widget_unparent);

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

  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-document-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentView, stack);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentView, header);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentView, title_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentView, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentView, text_view);
  gtk_widget_class_bind_template_callback (widget_class, on_status_selected);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "document.show-copy", "(xx)", show_copy_activated);
}

static void
tessera_document_view_init (TesseraDocumentView *self)
{
  GtkEventController *controller;
  GtkTextIter start;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->passages = g_array_new (FALSE, FALSE, sizeof (SharedPassage));
  g_array_set_clear_func (self->passages, (GDestroyNotify) shared_passage_clear);
  self->document_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  self->shared = tessera_shared_passages_new ();
  g_signal_connect_object (self->shared, "updated", G_CALLBACK (on_shared_updated), self, G_CONNECT_SWAPPED);

  self->context_menu = g_menu_new ();
  update_context_menu (self, NULL, FALSE);
  gtk_text_view_set_extra_menu (GTK_TEXT_VIEW (self->text_view), G_MENU_MODEL (self->context_menu));
  g_signal_connect_object (get_buffer (self), "notify::cursor-position",
                           G_CALLBACK (update_context_menu_at_caret), self, G_CONNECT_SWAPPED);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->text_view), TRUE);
  g_signal_connect_object (self->text_view, "query-tooltip", G_CALLBACK (on_query_tooltip), self,
                           G_CONNECT_SWAPPED);

  gtk_text_buffer_get_start_iter (get_buffer (self), &start);
  self->scroll_mark = gtk_text_buffer_create_mark (get_buffer (self), NULL, &start, TRUE);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);

  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (on_text_event), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);
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

  disconnect_workbench (self);

  if (workbench != NULL)
    {
      self->workbench = g_object_ref (workbench);
      g_signal_connect_object (workbench, "notify::project", G_CALLBACK (on_workbench_project),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (workbench, "notify::document", G_CALLBACK (on_workbench_document),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (workbench, "selection-changed", G_CALLBACK (on_workbench_selection),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (workbench, "pick-changed", G_CALLBACK (on_workbench_pick),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (workbench, "notify::layer", G_CALLBACK (update_suggestion_keys),
                               self, G_CONNECT_SWAPPED);
      tessera_shared_passages_set_documents (self->shared, tessera_workbench_get_documents (workbench));
    }

  on_workbench_project (self);
  on_workbench_pick (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKBENCH]);
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
tessera_document_view_scroll_to_span (TesseraDocumentView *self,
                                      gint64               span_id)
{
  const TesseraSpanIndex *index;
  GtkTextIter iter;
  int pos;

  g_return_if_fail (TESSERA_IS_DOCUMENT_VIEW (self));

  index = get_index (self);
  if (index == NULL || (pos = tessera_span_index_find_id (index, span_id)) < 0)
    return;

  /* A mark, not an iter: it also works before the lines are measured. */
  gtk_text_buffer_get_iter_at_offset (get_buffer (self), &iter,
                                      (int) tessera_span_index_get_span (index, pos)->start);
  gtk_text_buffer_move_mark (get_buffer (self), self->scroll_mark, &iter);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->text_view), self->scroll_mark, 0.15, FALSE, 0, 0);
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
