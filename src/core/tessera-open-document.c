/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-open-document"

#include "config.h"

#include <string.h>

#include "tessera-open-document.h"

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

#define TESSERA_TYPE_SPAN_LIST (tessera_span_list_get_type ())

G_DECLARE_FINAL_TYPE (TesseraSpanList, tessera_span_list, TESSERA, SPAN_LIST, GObject)

struct _TesseraSpanList
{
  GObject                 parent_instance;
  const TesseraSpanIndex *spans;   /* the open document's, while it lives */
};

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

struct _TesseraOpenDocument
{
  GObject           parent_instance;

  TesseraProject   *project;
  gint64            id;
  TesseraDocument  *document;

  TesseraSpanIndex *spans;
  GHashTable       *events;          /* &event->id → TesseraEvent* (owned) */
  /* gint64* trigger span id → GPtrArray of TesseraEvent*, by id: a span
   * may trigger several events (brat allows it). */
  GHashTable       *trigger_events;
  GPtrArray        *event_order;     /* TesseraEvent* by trigger position; NULL: to sort again */
  GHashTable       *stances;         /* &stance->id → TesseraStance* (owned) */
  GHashTable       *statement_stances; /* &span_id → TesseraStance* */
  GHashTable       *span_clusters;   /* gint64* span id → gint64* cluster id */
  GHashTable       *event_clusters;
  guint             n_suggestions;
  TesseraSpanList  *span_list;
  /* The byte offset of every MARK_STEP-th code point of the text, made
   * the first time a slice is asked for; NULL until then. */
  GArray           *marks;

  /* What the project said since its last "changes-done". */
  TesseraOpenDocumentChanges pending;
};

G_DEFINE_FINAL_TYPE (TesseraOpenDocument, tessera_open_document, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One open document per project and document id (weak references). */
#define REGISTRY_KEY "tessera-open-documents"

static void
pending_clear (TesseraOpenDocumentChanges *pending)
{
  g_array_set_size (pending->spans, 0);
  g_array_set_size (pending->events, 0);
  g_array_set_size (pending->stances, 0);
  pending->document = pending->clusters = pending->schema = pending->reset = FALSE;
}

/* Whether the row of span @span_id (the span with its event or stance)
 * is a suggestion: what the count of suggestions counts. */
static gboolean
row_suggested (TesseraOpenDocument *self,
               gint64               span_id)
{
  return tessera_span_index_lookup (self->spans, span_id) != NULL &&
         (tessera_open_document_get_span_flags (self, span_id) & TESSERA_SPAN_FLAG_SUGGESTED);
}

/* --- loading -------------------------------------------------------------- */

static gint
compare_event_ids (gconstpointer a,
                   gconstpointer b)
{
  const TesseraEvent *ea = *(const TesseraEvent * const *) a;
  const TesseraEvent *eb = *(const TesseraEvent * const *) b;

  return (ea->id > eb->id) - (ea->id < eb->id);
}

static void
put_event (TesseraOpenDocument *self,
           TesseraEvent        *event)
{
  GPtrArray *on_trigger;

  g_hash_table_replace (self->events, &event->id, event);
  if (!(on_trigger = g_hash_table_lookup (self->trigger_events, &event->trigger_span_id)))
    {
      on_trigger = g_ptr_array_new ();
      g_hash_table_insert (self->trigger_events, g_memdup2 (&event->trigger_span_id, sizeof (gint64)),
                           on_trigger);
    }
  g_ptr_array_add (on_trigger, event);
  /* Mostly one, rarely a handful. */
  if (on_trigger->len > 1)
    g_ptr_array_sort (on_trigger, compare_event_ids);
}

static void
drop_event (TesseraOpenDocument *self,
            gint64               id)
{
  TesseraEvent *event = g_hash_table_lookup (self->events, &id);
  GPtrArray *on_trigger;

  if (event == NULL)
    return;
  if ((on_trigger = g_hash_table_lookup (self->trigger_events, &event->trigger_span_id)) &&
      g_ptr_array_remove (on_trigger, event) && on_trigger->len == 0)
    g_hash_table_remove (self->trigger_events, &event->trigger_span_id);
  g_hash_table_remove (self->events, &id);
}

/* The first event (by id) @span_id triggers, or NULL. */
static const TesseraEvent *
first_trigger_event (TesseraOpenDocument *self,
                     gint64               span_id)
{
  GPtrArray *on_trigger = g_hash_table_lookup (self->trigger_events, &span_id);

  return on_trigger != NULL && on_trigger->len > 0 ? g_ptr_array_index (on_trigger, 0) : NULL;
}

static void
put_stance (TesseraOpenDocument *self,
            TesseraStance       *stance)
{
  g_hash_table_replace (self->stances, &stance->id, stance);
  g_hash_table_replace (self->statement_stances, &stance->span_id, stance);
}

static void
drop_stance (TesseraOpenDocument *self,
             gint64               id)
{
  TesseraStance *stance = g_hash_table_lookup (self->stances, &id);

  if (stance == NULL)
    return;
  if (g_hash_table_lookup (self->statement_stances, &stance->span_id) == stance)
    g_hash_table_remove (self->statement_stances, &stance->span_id);
  g_hash_table_remove (self->stances, &id);
}

static gboolean
load_clusters (TesseraOpenDocument  *self,
               GError              **error)
{
  g_autoptr(GArray) members = NULL;

  if (!(members = tessera_project_list_document_cluster_members (self->project, self->id, error)))
    return FALSE;

  g_hash_table_remove_all (self->span_clusters);
  g_hash_table_remove_all (self->event_clusters);
  for (guint i = 0; i < members->len; i++)
    {
      const TesseraClusterMember *m = &g_array_index (members, TesseraClusterMember, i);
      gint64 *key = g_new (gint64, 1);
      gint64 *cluster = g_new (gint64, 1);

      *key = m->span_id != 0 ? m->span_id : m->event_id;
      *cluster = m->cluster_id;
      g_hash_table_replace (m->span_id != 0 ? self->span_clusters : self->event_clusters, key, cluster);
    }

  return TRUE;
}

/* Everything, from the project. */
static gboolean
load (TesseraOpenDocument  *self,
      GError              **error)
{
  g_autoptr(TesseraDocument) document = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) stances = NULL;
  guint n_spans;

  if (!(document = tessera_project_get_document (self->project, self->id, TRUE, error)) ||
      !(spans = tessera_project_list_spans (self->project, self->id, error)) ||
      !(events = tessera_project_list_events (self->project, self->id, error)) ||
      !(stances = tessera_project_list_stances (self->project, self->id, error)))
    return FALSE;

  n_spans = self->spans ? tessera_span_index_get_n_spans (self->spans) : 0;
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->document, tessera_document_unref);
  self->document = g_steal_pointer (&document);
  g_clear_pointer (&self->spans, tessera_span_index_free);
  self->spans = tessera_span_index_new_from (spans);
  self->span_list->spans = self->spans;

  g_hash_table_remove_all (self->trigger_events);
  g_hash_table_remove_all (self->statement_stances);
  g_hash_table_remove_all (self->events);
  g_hash_table_remove_all (self->stances);
  g_clear_pointer (&self->event_order, g_ptr_array_unref);
  self->n_suggestions = 0;

  for (guint i = 0; i < events->len; i++)
    put_event (self, g_steal_pointer (&events->pdata[i]));
  for (guint i = 0; i < stances->len; i++)
    put_stance (self, tessera_stance_copy (&g_array_index (stances, TesseraStance, i)));
  for (guint i = 0; i < spans->len; i++)
    self->n_suggestions += row_suggested (self, g_array_index (spans, TesseraSpan, i).id);

  if (!load_clusters (self, error))
    return FALSE;

  if (n_spans > 0 || tessera_span_index_get_n_spans (self->spans) > 0)
    g_list_model_items_changed (G_LIST_MODEL (self->span_list), 0, n_spans,
                                tessera_span_index_get_n_spans (self->spans));

  return TRUE;
}

/* --- following the project ------------------------------------------------ */

static void
note_id (GArray *ids,
         gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return;
  g_array_append_val (ids, id);
}

static void
on_project_changed (TesseraOpenDocument *self,
                    guint                kind,
                    guint                action,
                    gint64               document_id,
                    gint64               object_id)
{
  TesseraOpenDocumentChanges *pending = &self->pending;

  switch ((TesseraChangeKind) kind)
    {
    case TESSERA_CHANGE_RESET:
      pending->reset = TRUE;
      break;
    case TESSERA_CHANGE_SCHEMA:
      pending->schema = TRUE;
      break;
    case TESSERA_CHANGE_CLUSTER:
      /* A cluster removed or renamed (document 0) can concern any. */
      if (document_id == 0 || document_id == self->id)
        pending->clusters = TRUE;
      break;
    case TESSERA_CHANGE_DOCUMENT:
      if (document_id == self->id || object_id == self->id)
        pending->document = TRUE;
      break;
    case TESSERA_CHANGE_SPAN:
      if (document_id == self->id)
        note_id (pending->spans, object_id);
      break;
    case TESSERA_CHANGE_EVENT:
      if (document_id == self->id)
        note_id (pending->events, object_id);
      break;
    case TESSERA_CHANGE_STANCE:
      if (document_id == self->id)
        note_id (pending->stances, object_id);
      break;
    default:
      break;
    }
}

/* The rows the pending changes name, read before anything changes:
 * NULL where the object is gone (or is in another document now). */
typedef struct
{
  GPtrArray *spans;     /* TesseraSpan* or NULL, as pending.spans */
  GPtrArray *events;    /* TesseraEvent* or NULL, as pending.events */
  GPtrArray *stances;   /* TesseraStance* or NULL, as pending.stances */
} Fetched;

static void
fetched_clear (Fetched *f)
{
  g_clear_pointer (&f->spans, g_ptr_array_unref);
  g_clear_pointer (&f->events, g_ptr_array_unref);
  g_clear_pointer (&f->stances, g_ptr_array_unref);
}

static void
fetch (TesseraOpenDocument *self,
       Fetched             *f)
{
  const TesseraOpenDocumentChanges *pending = &self->pending;

  f->spans = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_span_free);
  f->events = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_event_free);
  f->stances = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_stance_free);

  for (guint i = 0; i < pending->spans->len; i++)
    {
      TesseraSpan *span = tessera_project_get_span (self->project, g_array_index (pending->spans, gint64, i), NULL);

      if (span != NULL && span->document_id != self->id)
        g_clear_pointer (&span, tessera_span_free);
      g_ptr_array_add (f->spans, span);
    }
  for (guint i = 0; i < pending->events->len; i++)
    {
      TesseraEvent *event = tessera_project_get_event (self->project, g_array_index (pending->events, gint64, i), NULL);

      if (event != NULL && event->document_id != self->id)
        g_clear_pointer (&event, tessera_event_free);
      g_ptr_array_add (f->events, event);
    }
  for (guint i = 0; i < pending->stances->len; i++)
    {
      TesseraStance *stance = tessera_project_get_stance (self->project, g_array_index (pending->stances, gint64, i), NULL);

      if (stance != NULL && stance->document_id != self->id)
        g_clear_pointer (&stance, tessera_stance_free);
      g_ptr_array_add (f->stances, stance);
    }
}

/* The spans whose rows the changes may turn into, or out of, suggestions. */
static GHashTable *
affected_rows (TesseraOpenDocument *self,
               const Fetched       *f)
{
  GHashTable *rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  const TesseraOpenDocumentChanges *pending = &self->pending;

#define ADD_ROW(id) G_STMT_START { gint64 *key = g_new (gint64, 1); *key = (id); \
                                    g_hash_table_add (rows, key); } G_STMT_END

  for (guint i = 0; i < pending->spans->len; i++)
    ADD_ROW (g_array_index (pending->spans, gint64, i));
  for (guint i = 0; i < pending->events->len; i++)
    {
      gint64 id = g_array_index (pending->events, gint64, i);
      const TesseraEvent *old = g_hash_table_lookup (self->events, &id);
      const TesseraEvent *new = g_ptr_array_index (f->events, i);

      if (old != NULL)
        ADD_ROW (old->trigger_span_id);
      if (new != NULL)
        ADD_ROW (new->trigger_span_id);
    }
  for (guint i = 0; i < pending->stances->len; i++)
    {
      gint64 id = g_array_index (pending->stances, gint64, i);
      const TesseraStance *old = g_hash_table_lookup (self->stances, &id);
      const TesseraStance *new = g_ptr_array_index (f->stances, i);

      if (old != NULL)
        ADD_ROW (old->span_id);
      if (new != NULL)
        ADD_ROW (new->span_id);
    }
#undef ADD_ROW

  return rows;
}

static void
count_rows (TesseraOpenDocument *self,
            GHashTable          *rows,
            int                  sign)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (row_suggested (self, *(gint64 *) key))
      self->n_suggestions += sign;
}

static void
apply_frames (TesseraOpenDocument *self,
              Fetched             *f)
{
  for (guint i = 0; i < self->pending.events->len; i++)
    {
      drop_event (self, g_array_index (self->pending.events, gint64, i));
      if (f->events->pdata[i] != NULL)
        put_event (self, g_steal_pointer (&f->events->pdata[i]));
    }
  for (guint i = 0; i < self->pending.stances->len; i++)
    {
      drop_stance (self, g_array_index (self->pending.stances, gint64, i));
      if (f->stances->pdata[i] != NULL)
        put_stance (self, g_steal_pointer (&f->stances->pdata[i]));
    }
  if (self->pending.events->len > 0)
    g_clear_pointer (&self->event_order, g_ptr_array_unref);
}

/* One span at a time, each step telling the list where. */
static void
apply_spans (TesseraOpenDocument *self,
             Fetched             *f)
{
  GListModel *list = G_LIST_MODEL (self->span_list);

  for (guint i = 0; i < self->pending.spans->len; i++)
    {
      gint64 id = g_array_index (self->pending.spans, gint64, i);
      const TesseraSpan *span = g_ptr_array_index (f->spans, i);
      int old_pos = tessera_span_index_find_id (self->spans, id);
      int new_pos;

      if (old_pos >= 0)
        tessera_span_index_remove (self->spans, id);
      if (span == NULL)
        {
          if (old_pos >= 0)
            g_list_model_items_changed (list, old_pos, 1, 0);
          continue;
        }

      tessera_span_index_insert (self->spans, span);
      new_pos = tessera_span_index_find_id (self->spans, id);
      if (old_pos == new_pos)
        g_list_model_items_changed (list, new_pos, 1, 1);
      else
        {
          /* As two steps, each true when it is told. */
          if (old_pos >= 0)
            {
              tessera_span_index_remove (self->spans, id);
              g_list_model_items_changed (list, old_pos, 1, 0);
              tessera_span_index_insert (self->spans, span);
            }
          g_list_model_items_changed (list, new_pos, 0, 1);
        }
    }
  if (self->pending.spans->len > 0)
    g_clear_pointer (&self->event_order, g_ptr_array_unref);
}

/* Patches the model with what the pending changes name. */
static void
apply (TesseraOpenDocument *self)
{
  g_autoptr(GHashTable) rows = NULL;
  Fetched f = { 0 };

  fetch (self, &f);
  rows = affected_rows (self, &f);
  count_rows (self, rows, -1);
  /* Frames and records first: a row of the span list reads them. */
  apply_frames (self, &f);
  apply_spans (self, &f);
  count_rows (self, rows, +1);
  fetched_clear (&f);

  if (self->pending.clusters)
    load_clusters (self, NULL);
}

static void
on_changes_done (TesseraOpenDocument *self)
{
  TesseraOpenDocumentChanges *pending = &self->pending;
  gboolean reload = pending->reset;

  if (!pending->reset && !pending->document && !pending->clusters && !pending->schema &&
      pending->spans->len == 0 && pending->events->len == 0 && pending->stances->len == 0)
    return;

  g_object_ref (self);

  if (pending->document && !reload)
    {
      g_autoptr(TesseraDocument) fresh = tessera_project_get_document (self->project, self->id, FALSE, NULL);

      /* Metadata changes often; the text only when it is another one. */
      if (fresh != NULL && g_strcmp0 (fresh->sha256, self->document->sha256) == 0)
        {
          fresh->text = g_steal_pointer (&self->document->text);
          tessera_document_unref (self->document);
          self->document = g_steal_pointer (&fresh);
        }
      else
        reload = TRUE;
    }

  if (reload)
    {
      pending_clear (pending);
      pending->reset = TRUE;
      /* Gone or damaged: the views keep what they last showed. */
      load (self, NULL);
    }
  else
    apply (self);

  g_signal_emit (self, signals[CHANGED], 0, pending);
  pending_clear (pending);

  g_object_unref (self);
}

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
  if (!load (self, error))
    return NULL;

  g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "changes-done", G_CALLBACK (on_changes_done), self, G_CONNECT_SWAPPED);
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
