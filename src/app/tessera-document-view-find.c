/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-document-view"

#include "config.h"

#include "tessera-document-model.h"
#include "tessera-document-view-private.h"
#include "tessera-search.h"

/* The hits of the document list's search in the open document: marked
 * with the "search-match" tag, the first selected and scrolled to (so a
 * label key tags it), and next/previous from the selection. */

static GtkTextTag *
match_tag (GtkTextBuffer *buffer)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, "search-match");

  if (tag == NULL)
    tag = gtk_text_buffer_create_tag (buffer, "search-match",
                                      "background", "rgba(246,211,45,0.45)", NULL);

  return tag;
}

static void
select_range (TesseraDocumentView *self,
              GtkTextIter         *start,
              GtkTextIter         *end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));

  gtk_text_buffer_select_range (buffer, start, end);
  _tessera_document_view_scroll_to_offset (self, gtk_text_iter_get_offset (start));
}

void
_tessera_document_view_show_search_hits (TesseraDocumentView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  TesseraDocumentModel *model = self->workbench ? tessera_workbench_get_documents (self->workbench) : NULL;
  const char *query = model ? tessera_document_model_get_search (model) : NULL;
  GtkTextTag *tag = match_tag (buffer);
  g_autoptr(GArray) hits = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, tag, &start, &end);
  if (query == NULL)
    return;

  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  hits = tessera_search_find_hits (text, query, TRUE);
  for (guint i = 0; i < hits->len; i++)
    {
      const TesseraSearchHit *hit = &g_array_index (hits, TesseraSearchHit, i);

      gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) hit->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) hit->end);
      gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
    }

  if (hits->len > 0)
    {
      const TesseraSearchHit *first = &g_array_index (hits, TesseraSearchHit, 0);

      gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) first->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) first->end);
      select_range (self, &start, &end);
    }
}

gboolean
tessera_document_view_find_next (TesseraDocumentView *self,
                                 int                  direction)
{
  GtkTextBuffer *buffer;
  GtkTextTag *tag;
  GtkTextIter start, end, iter;

  g_return_val_if_fail (TESSERA_IS_DOCUMENT_VIEW (self), FALSE);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  tag = match_tag (buffer);
  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);

  if (direction >= 0)
    {
      iter = end;
      if (!gtk_text_iter_starts_tag (&iter, tag) && !gtk_text_iter_forward_to_tag_toggle (&iter, tag))
        return FALSE;
      if (!gtk_text_iter_starts_tag (&iter, tag) && !gtk_text_iter_forward_to_tag_toggle (&iter, tag))
        return FALSE;
      start = iter;
      end = iter;
      gtk_text_iter_forward_to_tag_toggle (&end, tag);
    }
  else
    {
      iter = start;
      if (!gtk_text_iter_backward_to_tag_toggle (&iter, tag))
        return FALSE;
      if (!gtk_text_iter_ends_tag (&iter, tag) && !gtk_text_iter_backward_to_tag_toggle (&iter, tag))
        return FALSE;
      end = iter;
      start = iter;
      gtk_text_iter_backward_to_tag_toggle (&start, tag);
    }

  select_range (self, &start, &end);

  return TRUE;
}
