/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-open-document"

#include "config.h"

#include "tessera-open-document-private.h"

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
gboolean
_tessera_open_document_load (TesseraOpenDocument  *self,
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
      _tessera_open_document_load (self, NULL);
    }
  else
    apply (self);

  _tessera_open_document_emit_changed (self);
  pending_clear (pending);

  g_object_unref (self);
}

void
_tessera_open_document_follow (TesseraOpenDocument *self)
{
  g_signal_connect_object (self->project, "changed", G_CALLBACK (on_project_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->project, "changes-done", G_CALLBACK (on_changes_done), self, G_CONNECT_SWAPPED);
}
