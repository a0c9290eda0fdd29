/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-open-document"

#include "config.h"

#include <string.h>

#include "tessera-open-document-private.h"

/* --- the list items ------------------------------------------------------- */

struct _TesseraSpanItem
{
  GObject parent_instance;
  gint64  span_id;
};

G_DEFINE_FINAL_TYPE (TesseraSpanItem, tessera_span_item, G_TYPE_OBJECT)

static void
tessera_span_item_class_init (TesseraSpanItemClass *klass)
{
}

static void
tessera_span_item_init (TesseraSpanItem *self)
{
}

gint64
tessera_span_item_get_span_id (TesseraSpanItem *self)
{
  g_return_val_if_fail (TESSERA_IS_SPAN_ITEM (self), 0);

  return self->span_id;
}

/* --- the span list: a GListModel over the span index --------------------- */

static GType
span_list_get_item_type (GListModel *model)
{
  return TESSERA_TYPE_SPAN_ITEM;
}

static guint
span_list_get_n_items (GListModel *model)
{
  TesseraSpanList *self = TESSERA_SPAN_LIST (model);

  return self->spans ? tessera_span_index_get_n_spans (self->spans) : 0;
}

static gpointer
span_list_get_item (GListModel *model,
                    guint       position)
{
  TesseraSpanList *self = TESSERA_SPAN_LIST (model);
  TesseraSpanItem *item;

  if (self->spans == NULL || position >= tessera_span_index_get_n_spans (self->spans))
    return NULL;

  item = g_object_new (TESSERA_TYPE_SPAN_ITEM, NULL);
  item->span_id = tessera_span_index_get_span (self->spans, position)->id;

  return item;
}

static void
span_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = span_list_get_item_type;
  iface->get_n_items = span_list_get_n_items;
  iface->get_item = span_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TesseraSpanList, tessera_span_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, span_list_model_init))

static void
tessera_span_list_class_init (TesseraSpanListClass *klass)
{
}

static void
tessera_span_list_init (TesseraSpanList *self)
{
}

/* --- the open document ---------------------------------------------------- */

G_DEFINE_FINAL_TYPE (TesseraOpenDocument, tessera_open_document, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One open document per project and document id (weak references). */
#define REGISTRY_KEY "tessera-open-documents"

/* --- the object ----------------------------------------------------------- */

static void
unregister (TesseraOpenDocument *self)
{
  GHashTable *registry;

  if (self->project == NULL)
    return;

  registry = g_object_get_data (G_OBJECT (self->project), REGISTRY_KEY);
  if (registry != NULL && g_hash_table_lookup (registry, &self->id) == self)
    g_hash_table_remove (registry, &self->id);
}

static void
tessera_open_document_dispose (GObject *object)
{
  TesseraOpenDocument *self = TESSERA_OPEN_DOCUMENT (object);

  unregister (self);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  if (self->span_list != NULL)
    self->span_list->spans = NULL;

  G_OBJECT_CLASS (tessera_open_document_parent_class)->dispose (object);
}

static void
tessera_open_document_finalize (GObject *object)
{
  TesseraOpenDocument *self = TESSERA_OPEN_DOCUMENT (object);

  g_clear_object (&self->span_list);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->document, tessera_document_unref);
  g_clear_pointer (&self->spans, tessera_span_index_free);
  g_clear_pointer (&self->event_order, g_ptr_array_unref);
  g_clear_pointer (&self->trigger_events, g_hash_table_unref);
  g_clear_pointer (&self->statement_stances, g_hash_table_unref);
  g_clear_pointer (&self->events, g_hash_table_unref);
  g_clear_pointer (&self->stances, g_hash_table_unref);
  g_clear_pointer (&self->span_clusters, g_hash_table_unref);
  g_clear_pointer (&self->event_clusters, g_hash_table_unref);
  g_clear_pointer (&self->pending.spans, g_array_unref);
  g_clear_pointer (&self->pending.events, g_array_unref);
  g_clear_pointer (&self->pending.stances, g_array_unref);

  G_OBJECT_CLASS (tessera_open_document_parent_class)->finalize (object);
}

static void
tessera_open_document_class_init (TesseraOpenDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tessera_open_document_dispose;
  object_class->finalize = tessera_open_document_finalize;

  /**
   * TesseraOpenDocument::changed:
   * @changes: a TesseraOpenDocumentChanges, valid during the emission
   *
   * Emitted once per commit that concerned the document, after the model
   * took it in.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
}

void
_tessera_open_document_emit_changed (TesseraOpenDocument *self)
{
  g_signal_emit (self, signals[CHANGED], 0, &self->pending);
}

static void
tessera_open_document_init (TesseraOpenDocument *self)
{
  self->events = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) tessera_event_free);
  self->trigger_events = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                (GDestroyNotify) g_ptr_array_unref);
  self->stances = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) tessera_stance_free);
  self->statement_stances = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->span_clusters = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->event_clusters = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->span_list = g_object_new (TESSERA_TYPE_SPAN_LIST, NULL);
  self->pending.spans = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pending.events = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pending.stances = g_array_new (FALSE, FALSE, sizeof (gint64));
}

TesseraOpenDocument *
tessera_open_document_get (TesseraProject  *project,
                           gint64           document_id,
                           GError         **error)
{
  g_autoptr(TesseraOpenDocument) self = NULL;
  TesseraOpenDocument *shared;
  GHashTable *registry;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (document_id > 0, NULL);

  registry = g_object_get_data (G_OBJECT (project), REGISTRY_KEY);
  if (registry == NULL)
    {
      registry = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_object_set_data_full (G_OBJECT (project), REGISTRY_KEY, registry,
                              (GDestroyNotify) g_hash_table_unref);
    }
  if ((shared = g_hash_table_lookup (registry, &document_id)) != NULL)
    return g_object_ref (shared);

  self = g_object_new (TESSERA_TYPE_OPEN_DOCUMENT, NULL);
  self->project = g_object_ref (project);
  self->id = document_id;
  if (!_tessera_open_document_load (self, error))
    return NULL;

  _tessera_open_document_follow (self);
  g_hash_table_insert (registry, &self->id, self);

  return g_steal_pointer (&self);
}

TesseraProject *
tessera_open_document_get_project (TesseraOpenDocument *self)
{
  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (self), NULL);

  return self->project;
}

gint64
tessera_open_document_get_id (TesseraOpenDocument *self)
{
  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (self), 0);

  return self->id;
}

TesseraDocument *
tessera_open_document_get_document (TesseraOpenDocument *self)
{
  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (self), NULL);

  return self->document;
}

/* Code points between two marks: 4 KB of marks for a 5 MB text, and a
 * slice walks at most this far from one. */
#define MARK_STEP 512

static void
ensure_marks (TesseraOpenDocument *self)
{
  const guchar *p = (const guchar *) self->document->text;
  gint64 chars = 0;

  if (self->marks != NULL)
    return;

  self->marks = g_array_sized_new (FALSE, FALSE, sizeof (gsize), self->document->n_chars / MARK_STEP + 1);
  for (gsize byte = 0; p[byte] != '\0'; byte++)
    if ((p[byte] & 0xC0) != 0x80 && chars++ % MARK_STEP == 0)
      g_array_append_val (self->marks, byte);
}

/* Where code point @offset (≤ n_chars) starts. */
static const char *
locate (TesseraOpenDocument *self,
        gint64               offset)
{
  const char *text = self->document->text;
  gint64 mark = offset / MARK_STEP;
  const char *p;

  if ((guint64) mark >= self->marks->len)
    return text + strlen (text);  /* offset == n_chars, on a mark boundary */

  p = text + g_array_index (self->marks, gsize, mark);
  for (gint64 i = mark * MARK_STEP; i < offset; i++)
    p = g_utf8_next_char (p);

  return p;
}

char *
tessera_open_document_dup_text (TesseraOpenDocument *self,
                                gint64               start,
                                gint64               end)
{
  const char *from, *to;

  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (self), NULL);

  if (self->document == NULL || self->document->text == NULL ||
      start < 0 || end < start || end > self->document->n_chars)
    return NULL;

  ensure_marks (self);
  from = locate (self, start);
  to = locate (self, end);

  return g_strndup (from, to - from);
}

const TesseraSpanIndex *
tessera_open_document_get_spans (TesseraOpenDocument *self)
{
  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (self), NULL);

  return self->spans;
}

const TesseraSpan *
tessera_open_document_get_span (TesseraOpenDocument *self,
                                gint64               span_id)
{
  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (self), NULL);

  return tessera_span_index_lookup (self->spans, span_id);
}

TesseraSpanFlags
tessera_open_document_get_span_flags (TesseraOpenDocument *self,
                                      gint64               span_id)
{
  const TesseraSpan *span;
  GPtrArray *events;
  const TesseraStance *stance;
  TesseraSpanFlags flags = 0;

  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (self), 0);

  if ((span = tessera_span_index_lookup (self->spans, span_id)) && span->suggested)
    flags |= TESSERA_SPAN_FLAG_SUGGESTED;
  if ((events = g_hash_table_lookup (self->trigger_events, &span_id)))
    for (guint i = 0; i < events->len; i++)
      {
        const TesseraEvent *event = g_ptr_array_index (events, i);

        flags |= TESSERA_SPAN_FLAG_TRIGGER | (event->suggested ? TESSERA_SPAN_FLAG_SUGGESTED : 0);
      }
  if ((stance = g_hash_table_lookup (self->statement_stances, &span_id)))
    flags |= TESSERA_SPAN_FLAG_STATEMENT | (stance->suggested ? TESSERA_SPAN_FLAG_SUGGESTED : 0);

  return flags;
}

static gint
compare_by_trigger (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const TesseraSpanIndex *spans = user_data;
  const TesseraEvent *ea = *(const TesseraEvent * const *) a;
  const TesseraEvent *eb = *(const TesseraEvent * const *) b;
  const TesseraSpan *sa = tessera_span_index_lookup (spans, ea->trigger_span_id);
  const TesseraSpan *sb = tessera_span_index_lookup (spans, eb->trigger_span_id);
  int order = sa && sb ? tessera_span_compare (sa, sb) : (sa != NULL) - (sb != NULL);

  return order != 0 ? order : (ea->id > eb->id) - (ea->id < eb->id);
}

static GPtrArray *
ensure_event_order (TesseraOpenDocument *self)
{
  GHashTableIter iter;
  gpointer event;

  if (self->event_order != NULL)
    return self->event_order;

  self->event_order = g_ptr_array_sized_new (g_hash_table_size (self->events));
  g_hash_table_iter_init (&iter, self->events);
  while (g_hash_table_iter_next (&iter, NULL, &event))
    g_ptr_array_add (self->event_order, event);
  g_ptr_array_sort_with_data (self->event_order, compare_by_trigger, self->spans);

  return self->event_order;
}

guint
tessera_open_document_get_n_events (TesseraOpenDocument *self)
{
  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (self), 0);

  return g_hash_table_size (self->events);
}

const TesseraEvent *
tessera_open_document_get_nth_event (TesseraOpenDocument *self,
                                     guint                i)
{
  GPtrArray *order;

  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (self), NULL);

  order = ensure_event_order (self);
  g_return_val_if_fail (i < order->len, NULL);

  return g_ptr_array_index (order, i);
}

const TesseraEvent *
tessera_open_document_get_event (TesseraOpenDocument *self,
                                 gint64               event_id)
{
  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (self), NULL);

  return g_hash_table_lookup (self->events, &event_id);
}

/* The first event (by id) @span_id triggers, or NULL. */
static const TesseraEvent *
first_trigger_event (TesseraOpenDocument *self,
                     gint64               span_id)
{
  GPtrArray *on_trigger = g_hash_table_lookup (self->trigger_events, &span_id);

  return on_trigger != NULL && on_trigger->len > 0 ? g_ptr_array_index (on_trigger, 0) : NULL;
}

const TesseraEvent *
tessera_open_document_get_trigger_event (TesseraOpenDocument *self,
                                         gint64               span_id)
{
  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (self), NULL);

  return first_trigger_event (self, span_id);
}

guint
tessera_open_document_get_n_trigger_events (TesseraOpenDocument *self,
                                            gint64               span_id)
{
  GPtrArray *on_trigger;

  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (self), 0);

  on_trigger = g_hash_table_lookup (self->trigger_events, &span_id);

  return on_trigger != NULL ? on_trigger->len : 0;
}

GPtrArray *
tessera_open_document_list_trigger_events (TesseraOpenDocument *self,
                                           gint64               span_id)
{
  GPtrArray *on_trigger;
  GPtrArray *result;

  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (self), NULL);

  on_trigger = g_hash_table_lookup (self->trigger_events, &span_id);
  result = g_ptr_array_sized_new (on_trigger != NULL ? on_trigger->len : 0);
  for (guint i = 0; on_trigger != NULL && i < on_trigger->len; i++)
    g_ptr_array_add (result, g_ptr_array_index (on_trigger, i));

  return result;
}

const TesseraStance *
tessera_open_document_get_stance (TesseraOpenDocument *self,
                                  gint64               stance_id)
{
  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (self), NULL);

  return g_hash_table_lookup (self->stances, &stance_id);
}

const TesseraStance *
tessera_open_document_get_statement_stance (TesseraOpenDocument *self,
                                            gint64               span_id)
{
  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (self), NULL);

  return g_hash_table_lookup (self->statement_stances, &span_id);
}

static gint64
cluster_of (GHashTable *clusters,
            gint64      id)
{
  gint64 *cluster = g_hash_table_lookup (clusters, &id);

  return cluster ? *cluster : 0;
}

gint64
tessera_open_document_get_span_cluster (TesseraOpenDocument *self,
                                        gint64               span_id)
{
  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (self), 0);

  return cluster_of (self->span_clusters, span_id);
}

gint64
tessera_open_document_get_event_cluster (TesseraOpenDocument *self,
                                         gint64               event_id)
{
  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (self), 0);

  return cluster_of (self->event_clusters, event_id);
}

guint
tessera_open_document_get_n_suggestions (TesseraOpenDocument *self)
{
  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (self), 0);

  return self->n_suggestions;
}

GListModel *
tessera_open_document_get_span_list (TesseraOpenDocument *self)
{
  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->span_list);
}
