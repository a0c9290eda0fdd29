/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-document-model"

#include "config.h"

#include "tessera-document-model-private.h"

/* What the list shows of the rows: the status filter and the search
 * applied, the GListModel interface with its items made on demand, and
 * positions in the list as shown. */

guint
_tessera_document_model_n_shown (TesseraDocumentModel *self)
{
  return self->visible ? self->visible->len : self->rows->len;
}

static gint64
shown_id (TesseraDocumentModel *self,
          guint                 position)
{
  if (self->visible != NULL)
    return g_array_index (self->visible, gint64, position);

  return g_array_index (self->rows, Row, position).id;
}

static gboolean
filtering (TesseraDocumentModel *self)
{
  return self->status_filter != TESSERA_DOCUMENT_MODEL_ALL_STATUSES || self->search_ids != NULL;
}

static gboolean
row_passes (TesseraDocumentModel *self,
            const Row            *row)
{
  return self->status_filter == TESSERA_DOCUMENT_MODEL_ALL_STATUSES || row->status == self->status_filter;
}

GArray *
_tessera_document_model_compute_visible (TesseraDocumentModel *self)
{
  GArray *visible;

  if (!filtering (self))
    return NULL;

  visible = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (self->search_ids != NULL)
    {
      /* The one past the limit only tells there were more. */
      guint n = MIN (self->search_ids->len, TESSERA_DOCUMENT_MODEL_SEARCH_LIMIT);

      for (guint i = 0; i < n; i++)
        {
          gint64 id = g_array_index (self->search_ids, gint64, i);
          gboolean found;
          guint index = _tessera_document_model_find_row (self, id, &found);

          if (found && row_passes (self, &g_array_index (self->rows, Row, index)))
            g_array_append_val (visible, id);
        }
    }
  else
    {
      for (guint i = 0; i < self->rows->len; i++)
        {
          const Row *row = &g_array_index (self->rows, Row, i);

          if (row_passes (self, row))
            g_array_append_val (visible, row->id);
        }
    }

  return visible;
}

/* Recomputes what is shown after one row changed while filtering, and
 * tells the view the smallest range that differs, so scrolling and the
 * selection stay where they are. */
void
_tessera_document_model_refilter (TesseraDocumentModel *self)
{
  g_autoptr(GArray) old = g_steal_pointer (&self->visible);
  guint old_n, new_n, prefix = 0, suffix = 0;

  self->visible = _tessera_document_model_compute_visible (self);
  g_assert (old != NULL && self->visible != NULL);

  old_n = old->len;
  new_n = self->visible->len;
  while (prefix < old_n && prefix < new_n &&
         g_array_index (old, gint64, prefix) == g_array_index (self->visible, gint64, prefix))
    prefix++;
  while (suffix < old_n - prefix && suffix < new_n - prefix &&
         g_array_index (old, gint64, old_n - 1 - suffix) ==
         g_array_index (self->visible, gint64, new_n - 1 - suffix))
    suffix++;

  if (old_n != new_n || prefix < old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                old_n - prefix - suffix, new_n - prefix - suffix);
}

/* Shows everything again as filtered now (after the filter changed). */
void
_tessera_document_model_refilter_all (TesseraDocumentModel *self)
{
  guint old_n = _tessera_document_model_n_shown (self);

  g_clear_pointer (&self->visible, g_array_unref);
  self->visible = _tessera_document_model_compute_visible (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, _tessera_document_model_n_shown (self));
}

void
_tessera_document_model_update_item (TesseraDocumentModel *self,
                                     const Row            *row)
{
  TesseraDocumentItem *item = g_hash_table_lookup (self->items, &row->id);

  if (item != NULL)
    tessera_document_item_update (item, row->title, row->source, row->published,
                                  row->status, row->n_annotations, row->n_pending);
}

static void
item_finalized (gpointer  data,
                GObject  *where_the_object_was)
{
  TesseraDocumentModel *self = data;
  gint64 id = tessera_document_item_get_id ((TesseraDocumentItem *) where_the_object_was);

  if (g_hash_table_lookup (self->items, &id) == (gpointer) where_the_object_was)
    g_hash_table_remove (self->items, &id);
}

void
_tessera_document_model_forget_items (TesseraDocumentModel *self)
{
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &item))
    g_object_weak_unref (item, item_finalized, self);
  g_hash_table_remove_all (self->items);
}

static GType
tessera_document_model_get_item_type (GListModel *model)
{
  return TESSERA_TYPE_DOCUMENT_ITEM;
}

static guint
tessera_document_model_get_n_items (GListModel *model)
{
  return _tessera_document_model_n_shown (TESSERA_DOCUMENT_MODEL (model));
}

static gpointer
tessera_document_model_get_item (GListModel *model,
                                 guint       position)
{
  TesseraDocumentModel *self = TESSERA_DOCUMENT_MODEL (model);
  TesseraDocumentItem *item;
  const Row *row;
  gboolean found;
  gint64 id;
  guint index;

  if (position >= _tessera_document_model_n_shown (self))
    return NULL;

  id = shown_id (self, position);
  if ((item = g_hash_table_lookup (self->items, &id)) != NULL)
    return g_object_ref (item);

  index = _tessera_document_model_find_row (self, id, &found);
  g_assert (found);
  row = &g_array_index (self->rows, Row, index);
  item = tessera_document_item_new (row->id, row->title, row->source, row->published,
                                    row->status, row->n_annotations, row->n_pending);
  g_hash_table_insert (self->items, g_memdup2 (&id, sizeof id), item);
  g_object_weak_ref (G_OBJECT (item), item_finalized, self);

  return item;
}

void
_tessera_document_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = tessera_document_model_get_item_type;
  iface->get_n_items = tessera_document_model_get_n_items;
  iface->get_item = tessera_document_model_get_item;
}

gint64
tessera_document_model_get_document_id (TesseraDocumentModel *self,
                                        guint                 position)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_MODEL (self), 0);

  if (position >= _tessera_document_model_n_shown (self))
    return 0;

  return shown_id (self, position);
}

guint
tessera_document_model_find_position (TesseraDocumentModel *self,
                                      gint64                id)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_MODEL (self), G_MAXUINT);

  if (id <= 0)
    return G_MAXUINT;

  if (self->visible == NULL)
    {
      gboolean found;
      guint index = _tessera_document_model_find_row (self, id, &found);

      return found ? index : G_MAXUINT;
    }

  for (guint i = 0; i < self->visible->len; i++)
    if (g_array_index (self->visible, gint64, i) == id)
      return i;

  return G_MAXUINT;
}

guint
tessera_document_model_find_adjacent (TesseraDocumentModel *self,
                                      gint64                id,
                                      int                   direction)
{
  guint n, position, lo, hi;

  g_return_val_if_fail (TESSERA_IS_DOCUMENT_MODEL (self), G_MAXUINT);

  n = _tessera_document_model_n_shown (self);
  if (n == 0 || direction == 0)
    return G_MAXUINT;

  position = tessera_document_model_find_position (self, id);
  if (position != G_MAXUINT)
    {
      if (direction > 0)
        return position + 1 < n ? position + 1 : G_MAXUINT;
      return position > 0 ? position - 1 : G_MAXUINT;
    }

  /* Ranked search results have no "next after" a document not among them. */
  if (id <= 0 || self->search_ids != NULL)
    return direction > 0 ? 0 : n - 1;

  /* Shown in id order: the first shown document after @id. */
  lo = 0;
  hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (shown_id (self, mid) < id)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (direction > 0)
    return lo < n ? lo : G_MAXUINT;
  return lo > 0 ? lo - 1 : G_MAXUINT;
}
