/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-document-view"

#include "config.h"

#include "tessera-document-model.h"
#include "tessera-document-view-private.h"
#include "tessera-search.h"

/* Finding in the open document: the hits of the find bar's query, or of
 * the document list's search, marked with the "search-match" tag; the
 * current hit is the text selection, so a label key tags it. Next and
 * previous go from the selection (or the caret) and wrap round.
 *
 * The list's search matches words as the project's search does (each
 * word of the query begins a word of the text); what is typed in the bar
 * is found as typed, anywhere. Both fold case and accents. */

/* A selection longer than this (code points) is no query for Ctrl+F. */
#define MAX_SELECTED_QUERY 100

static GtkTextTag *
get_tag (GtkTextBuffer *buffer,
         const char    *name,
         const char    *background)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);

  if (tag == NULL)
    tag = gtk_text_buffer_create_tag (buffer, name, "background", background, NULL);

  return tag;
}

static GtkTextTag *
match_tag (GtkTextBuffer *buffer)
{
  return get_tag (buffer, "search-match", "rgba(246,211,45,0.45)");
}

/* The current hit stands out while the keyboard is in the bar (the
 * selection of a text without the focus is faint). */
static GtkTextTag *
current_tag (GtkTextBuffer *buffer)
{
  return get_tag (buffer, "search-current", "rgba(255,163,72,0.8)");
}

static void
clear_tag (GtkTextBuffer *buffer,
           GtkTextTag    *tag)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, tag, &start, &end);
}

static const char *
corpus_query (TesseraDocumentView *self)
{
  TesseraDocumentModel *model = self->workbench ? tessera_workbench_get_documents (self->workbench) : NULL;

  return model != NULL ? tessera_document_model_get_search (model) : NULL;
}

static guint
n_hits (TesseraDocumentView *self)
{
  return self->find_hits != NULL ? self->find_hits->len : 0;
}

static const TesseraSearchHit *
get_hit (TesseraDocumentView *self,
         guint                index)
{
  return &g_array_index (self->find_hits, TesseraSearchHit, index);
}

static void
get_selection (TesseraDocumentView *self,
               gint64              *start,
               gint64              *end)
{
  GtkTextIter s, e;

  gtk_text_buffer_get_selection_bounds (get_buffer (self), &s, &e);
  *start = gtk_text_iter_get_offset (&s);
  *end = gtk_text_iter_get_offset (&e);
}

/* The hit the text selection is, or -1. */
static int
selected_hit (TesseraDocumentView *self)
{
  gint64 start, end;

  get_selection (self, &start, &end);
  for (guint i = 0; i < n_hits (self) && get_hit (self, i)->start <= start; i++)
    if (get_hit (self, i)->start == start && get_hit (self, i)->end == end)
      return (int) i;

  return -1;
}

static void
show_count (TesseraDocumentView *self,
            int                  current,
            int                  wrapped)
{
  tessera_find_bar_show_matches (self->find_bar, (guint) (current + 1), n_hits (self), wrapped);
}

/* Selects hit @index, caret at its end as after a drag, and shows it. */
static void
select_hit (TesseraDocumentView *self,
            guint                index,
            int                  wrapped)
{
  const TesseraSearchHit *hit = get_hit (self, index);
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) hit->start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) hit->end);
  gtk_text_buffer_select_range (buffer, &end, &start);
  clear_tag (buffer, current_tag (buffer));
  gtk_text_buffer_apply_tag (buffer, current_tag (buffer), &start, &end);
  _tessera_document_view_scroll_to_offset (self, hit->start);
  show_count (self, (int) index, wrapped);
}

/* Marks every hit of @query (NULL: none) in the text, matched as the
 * list's search when @words; with @select, selects the first hit at or
 * after @from (else the first). The bar shows @query. */
static void
find (TesseraDocumentView *self,
      const char          *query,
      gboolean             words,
      gboolean             select,
      gint64               from)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextTag *tag = match_tag (buffer);
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  guint first = 0;

  g_free (self->find_query);
  self->find_query = query != NULL && *query != '\0' ? g_strdup (query) : NULL;
  self->find_words = words;
  g_clear_pointer (&self->find_hits, g_array_unref);
  tessera_find_bar_set_query (self->find_bar, self->find_query);

  clear_tag (buffer, tag);
  clear_tag (buffer, current_tag (buffer));
  if (self->find_query == NULL || self->document_id == 0)
    {
      show_count (self, -1, 0);
      return;
    }

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  self->find_hits = tessera_search_find_hits (text, self->find_query, words);
  for (guint i = 0; i < n_hits (self); i++)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) get_hit (self, i)->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) get_hit (self, i)->end);
      gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
    }

  while (first < n_hits (self) && get_hit (self, first)->start < from)
    first++;
  if (select && n_hits (self) > 0)
    select_hit (self, first < n_hits (self) ? first : 0, 0);
  else
    show_count (self, selected_hit (self), 0);
}

void
_tessera_document_view_show_search_hits (TesseraDocumentView *self)
{
  /* What was typed in the bar goes on to the next document, found but
   * not selected; else the list's search lands on its first hit. */
  if (self->find_query != NULL && !self->find_words)
    {
      g_autofree char *query = g_strdup (self->find_query);

      find (self, query, FALSE, FALSE, 0);
    }
  else
    find (self, corpus_query (self), TRUE, TRUE, 0);
}

/* The list's search changed: the newest query wins, unless the list's
 * search was cleared while the bar's query is found. */
static void
on_corpus_search (TesseraDocumentView *self)
{
  const char *query = corpus_query (self);

  if (query == NULL && self->find_query != NULL && !self->find_words)
    return;
  find (self, query, TRUE, TRUE, 0);
}

/* The selection as a query: short, on one line, not the current hit. */
static char *
selection_query (TesseraDocumentView *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (!gtk_text_buffer_get_selection_bounds (get_buffer (self), &start, &end) ||
      gtk_text_iter_get_offset (&end) - gtk_text_iter_get_offset (&start) > MAX_SELECTED_QUERY ||
      selected_hit (self) >= 0)
    return NULL;

  text = gtk_text_iter_get_text (&start, &end);
  if (strchr (text, '\n') != NULL || *g_strstrip (text) == '\0')
    return NULL;

  return g_steal_pointer (&text);
}

void
tessera_document_view_find (TesseraDocumentView *self)
{
  g_autofree char *selected = NULL;
  gint64 start, end;

  g_return_if_fail (TESSERA_IS_DOCUMENT_VIEW (self));

  if (self->document_id == 0)
    return;

  /* Typing looks from where the selection or the caret is. */
  get_selection (self, &start, &end);
  self->find_origin = start;

  selected = selection_query (self);
  if (selected != NULL)
    find (self, selected, FALSE, FALSE, start);
  tessera_find_bar_open (self->find_bar, self->find_query);
}

gboolean
tessera_document_view_find_next (TesseraDocumentView *self,
                                 int                  direction)
{
  gint64 start, end;
  int wrapped = 0;
  guint index;

  g_return_val_if_fail (TESSERA_IS_DOCUMENT_VIEW (self), FALSE);

  if (self->document_id == 0)
    return FALSE;
  if (n_hits (self) == 0)
    {
      /* Nothing to go through yet: ask what to find. */
      if (!tessera_find_bar_get_open (self->find_bar) && self->find_query == NULL)
        tessera_document_view_find (self);
      return FALSE;
    }

  get_selection (self, &start, &end);
  if (direction >= 0)
    {
      for (index = 0; index < n_hits (self) && get_hit (self, index)->start < end; index++)
        ;
      if (index == n_hits (self))
        {
          index = 0;
          wrapped = 1;
        }
    }
  else
    {
      for (index = n_hits (self); index > 0 && get_hit (self, index - 1)->end > start; index--)
        ;
      if (index == 0)
        {
          index = n_hits (self);
          wrapped = -1;
        }
      index--;
    }
  select_hit (self, index, wrapped);

  return TRUE;
}

static void
on_query_changed (TesseraDocumentView *self)
{
  g_autofree char *query = g_strdup (tessera_find_bar_get_query (self->find_bar));

  find (self, query, FALSE, TRUE, self->find_origin);
}

static void
on_next_match (TesseraDocumentView *self)
{
  tessera_document_view_find_next (self, 1);
}

static void
on_previous_match (TesseraDocumentView *self)
{
  tessera_document_view_find_next (self, -1);
}

/* Back to the text with the hit still selected, for a label key. */
static void
on_find_closed (TesseraDocumentView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
on_workbench_bind (TesseraDocumentView *self,
                   TesseraWorkbench    *workbench)
{
  g_signal_group_set_target (self->corpus_signals, tessera_workbench_get_documents (workbench));
}

static void
on_workbench_unbind (TesseraDocumentView *self)
{
  g_signal_group_set_target (self->corpus_signals, NULL);
}

void
_tessera_document_view_find_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (TESSERA_TYPE_FIND_BAR);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentView, find_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_query_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_next_match);
  gtk_widget_class_bind_template_callback (widget_class, on_previous_match);
  gtk_widget_class_bind_template_callback (widget_class, on_find_closed);
}

void
_tessera_document_view_find_init (TesseraDocumentView *self)
{
  self->corpus_signals = g_signal_group_new (TESSERA_TYPE_DOCUMENT_MODEL);
  g_signal_group_connect_swapped (self->corpus_signals, "notify::search", G_CALLBACK (on_corpus_search), self);
  /* The list's model is the workbench's for its life. */
  g_signal_connect_object (self->workbench_signals, "bind", G_CALLBACK (on_workbench_bind),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workbench_signals, "unbind", G_CALLBACK (on_workbench_unbind),
                           self, G_CONNECT_SWAPPED);
}

void
_tessera_document_view_find_dispose (TesseraDocumentView *self)
{
  if (self->corpus_signals != NULL)
    g_signal_group_set_target (self->corpus_signals, NULL);
  g_clear_object (&self->corpus_signals);
  g_clear_pointer (&self->find_hits, g_array_unref);
  g_clear_pointer (&self->find_query, g_free);
}
