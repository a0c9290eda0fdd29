/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-document-view.h"
#include "tessera-find-bar.h"
#include "tessera-shared-passages.h"
#include "tessera-text-view.h"

G_BEGIN_DECLS

/* What the parts of the document view share: the view itself
 * (tessera-document-view.c), the shared-passage margin and the text's
 * context menu (tessera-document-view-passages.c), and keys, clicks and
 * the text selection (tessera-document-view-input.c). */

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
  GSignalGroup      *workbench_signals;
  GSignalGroup      *document_signals;   /* of the document's model */
  TesseraProject    *project;          /* the workbench's */
  TesseraOpenDocument *document;       /* the workbench's document, followed */

  gint64             document_id;      /* whose text the buffer holds */
  char              *document_sha256;
  gboolean           syncing_status;

  gboolean           press_valid;
  double             press_x;
  double             press_y;

  GtkTextMark       *scroll_mark;
  guint              scroll_tick;      /* tick callback that keeps scrolling
                                        * to scroll_mark until it shows */
  guint              scroll_frames;    /* frames it may still take */

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
  GtkMenuButton     *annotators_button;
  GtkLabel          *annotators_label;
  GtkPopover        *annotators_popover;
  GtkBox            *annotators_box;
  /* One layer shown among several (a curation): how far it agrees with
   * each other annotator, computed again as the curator goes. */
  GCancellable      *agreement_cancellable;
  guint              agreement_refresh_id;
  gint64             agreement_annotator;  /* the layer it was computed for */
  char              *agreement_text;
  TesseraTextView   *text_view;
  /* tessera-document-view-find.c: the find bar and the hits it goes
   * through (the current one is the text selection). */
  TesseraFindBar    *find_bar;
  GArray            *find_hits;        /* TesseraSearchHit of find_query, by start */
  char              *find_query;       /* NULL: nothing is found */
  gboolean           find_words;       /* matched as the document list's search */
  gint64             find_origin;      /* where typing in the bar finds from */
  GSignalGroup      *corpus_signals;   /* the document list's model, for its search */
};

static inline GtkTextBuffer *
get_buffer (TesseraDocumentView *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
}

static inline const TesseraSpanIndex *
get_index (TesseraDocumentView *self)
{
  return self->document ? tessera_open_document_get_spans (self->document) : NULL;
}

/* tessera-document-view-passages.c */
void     _tessera_document_view_passages_init             (TesseraDocumentView *self);
void     _tessera_document_view_passages_class_init       (GtkWidgetClass      *widget_class);
void     _tessera_document_view_passages_dispose          (TesseraDocumentView *self);
/* The passages of this document that others share, from the last search. */
void     _tessera_document_view_update_passages           (TesseraDocumentView *self);
void     _tessera_document_view_update_context_menu_at_caret (TesseraDocumentView *self);
void     _tessera_document_view_prepare_context_menu      (TesseraDocumentView *self,
                                                           double               x,
                                                           double               y);
/* A click at (@x, @y) on a margin bar opens the menu of its copies;
 * FALSE when there is no bar there. */
gboolean _tessera_document_view_popup_passage_menu        (TesseraDocumentView *self,
                                                           double               x,
                                                           double               y);

/* tessera-document-view-input.c */
void     _tessera_document_view_input_init                (TesseraDocumentView *self);
void     _tessera_document_view_update_suggestion_keys    (TesseraDocumentView *self);
gboolean _tessera_document_view_selection_is_suggestion   (TesseraDocumentView *self);
/* 1 for Tab, -1 for Shift+Tab, 0 for any other key or modifiers. */
int      _tessera_document_view_tab_direction             (guint                keyval,
                                                           GdkModifierType      mods);

/* tessera-document-view-pick.c: the span a pending pick waits for,
 * chosen from the keyboard in the text (Tab, arrows, Enter, Escape). */
void     _tessera_document_view_pick_init                 (TesseraDocumentView *self);
gboolean _tessera_document_view_pick_key_pressed          (TesseraDocumentView *self,
                                                           guint                keyval,
                                                           GdkModifierType      mods);

/* tessera-document-view-annotators.c: whose annotations are shown. */
void     _tessera_document_view_annotators_init  (TesseraDocumentView *self);
void     _tessera_document_view_class_add_annotators (GtkWidgetClass *widget_class);
void     _tessera_document_view_update_annotators (TesseraDocumentView *self);
void     _tessera_document_view_annotators_dispose (TesseraDocumentView *self);

/* Scrolls to code point @offset, again each frame until it shows. */
void _tessera_document_view_scroll_to_offset (TesseraDocumentView *self,
                                              gint64               offset);
/* tessera-document-view-find.c: a new text shows the hits of the query
 * typed in the find bar, else those of the document list's search
 * ("search-match"), the first selected and scrolled to. */
void _tessera_document_view_show_search_hits (TesseraDocumentView *self);
void _tessera_document_view_find_class_init  (GtkWidgetClass      *widget_class);
void _tessera_document_view_find_init        (TesseraDocumentView *self);
void _tessera_document_view_find_dispose     (TesseraDocumentView *self);

G_END_DECLS
