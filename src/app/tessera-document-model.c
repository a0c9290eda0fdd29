/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-document-model"

#include "config.h"

#include "tessera-document-model-private.h"
#include "tessera-error.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

/* Reading the documents or searching, in a worker thread or not. */
typedef struct
{
  /* Not a strong reference: the last one could then drop in the thread. */
  GWeakRef      model;
  guint         serial;
  gboolean      load;        /* read the documents; else only search */
  gboolean      opened;      /* the thread could open its connection */
  char         *path;
  char         *query;
  GArray       *rows;        /* results */
  GStringChunk *strings;
  GArray       *search_ids;
} Job;

G_DEFINE_FINAL_TYPE_WITH_CODE (TesseraDocumentModel, tessera_document_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      _tessera_document_model_list_model_init))

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_N_DOCUMENTS,
  PROP_STATUS_FILTER,
  PROP_SEARCH,
  PROP_BUSY,
  N_PROPS
};

enum {
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
intern (GStringChunk *strings,
        const char   *str,
        gboolean      shared)
{
  if (str == NULL || *str == '\0')
    return "";

  /* Outlets and dates repeat across documents: store each once. */
  return shared ? g_string_chunk_insert_const (strings, str) : g_string_chunk_insert (strings, str);
}

/* Like intern(), but keeps @old when it is the same text: a document
 * re-read after each new annotation should not copy its title again. */
static const char *
reintern (GStringChunk *strings,
          const char   *old,
          const char   *str,
          gboolean      shared)
{
  if (old != NULL && g_strcmp0 (old, str ? str : "") == 0)
    return old;

  return intern (strings, str, shared);
}

/* Fills @row from @doc; @row may hold the document's previous metadata. */
static void
row_set (Row                   *row,
         gboolean               reuse,
         GStringChunk          *strings,
         const TesseraDocument *doc)
{
  const char *title = doc->title;

  if (title == NULL || *title == '\0')
    title = doc->uid;

  row->id = doc->id;
  row->n_annotations = doc->n_annotations;
  row->n_pending = doc->n_suggested;
  row->title = reintern (strings, reuse ? row->title : NULL, title, FALSE);
  row->source = reintern (strings, reuse ? row->source : NULL, doc->source, TRUE);
  row->published = reintern (strings, reuse ? row->published : NULL, doc->published, TRUE);
  row->status = doc->status;
}

guint
_tessera_document_model_find_row (TesseraDocumentModel *self,
                                  gint64                id,
                                  gboolean             *found)
{
  guint lo = 0, hi = self->rows->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 mid_id = g_array_index (self->rows, Row, mid).id;

      if (mid_id == id)
        {
          *found = TRUE;
          return mid;
        }
      if (mid_id < id)
        lo = mid + 1;
      else
        hi = mid;
    }

  *found = FALSE;
  return lo;
}

typedef struct
{
  GArray       *rows;
  GStringChunk *strings;
  GCancellable *cancellable;
} LoadData;

static gboolean
load_row (TesseraDocument  *doc,
          gpointer          user_data,
          GError          **error)
{
  LoadData *data = user_data;
  Row row;

  if (g_cancellable_set_error_if_cancelled (data->cancellable, error))
    return FALSE;

  row_set (&row, FALSE, data->strings, doc);
  g_array_append_val (data->rows, row);

  return TRUE;
}

static void
job_free (Job *job)
{
  g_weak_ref_clear (&job->model);
  g_free (job->path);
  g_free (job->query);
  g_clear_pointer (&job->rows, g_array_unref);
  g_clear_pointer (&job->strings, g_string_chunk_free);
  g_clear_pointer (&job->search_ids, g_array_unref);
  g_free (job);
}

static gboolean
job_execute (Job             *job,
             TesseraProject  *project,
             GCancellable    *cancellable,
             GError         **error)
{
  g_clear_pointer (&job->rows, g_array_unref);
  g_clear_pointer (&job->strings, g_string_chunk_free);
  g_clear_pointer (&job->search_ids, g_array_unref);

  if (job->load)
    {
      LoadData data;

      /* Sized once: doubling would leave up to half the array unused. */
      job->rows = g_array_sized_new (FALSE, FALSE, sizeof (Row),
                                     (guint) tessera_project_count_documents (project));
      job->strings = g_string_chunk_new (4096);
      data.rows = job->rows;
      data.strings = job->strings;
      data.cancellable = cancellable;
      if (!tessera_project_foreach_document (project, FALSE, load_row, &data, error))
        return FALSE;
    }

  if (job->query != NULL)
    {
      /* One more than shown, to know whether there were more. */
      job->search_ids = tessera_project_search (project, job->query,
                                                TESSERA_DOCUMENT_MODEL_SEARCH_LIMIT + 1, error);
      if (job->search_ids == NULL)
        return FALSE;
    }

  return TRUE;
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GError) error = NULL;

  /* A connection of its own: the project's belongs to the main thread.
   * Read-only opens take no lock, and WAL lets it read beside the writer. */
  project = tessera_project_open (job->path, TESSERA_OPEN_READ_ONLY | TESSERA_OPEN_SKIP_CHECK, &error);
  job->opened = project != NULL;
  if (project != NULL)
    job_execute (job, project, cancellable, &error);
  /* Closed before the main thread hears of it, so the file is free then. */
  g_clear_object (&project);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
remove_row (TesseraDocumentModel *self,
            gint64                id,
            gboolean              emit)
{
  gboolean found;
  guint index = _tessera_document_model_find_row (self, id, &found);

  if (!found)
    return;

  g_array_remove_index (self->rows, index);
  if (!emit)
    return;

  if (self->visible == NULL)
    g_list_model_items_changed (G_LIST_MODEL (self), index, 1, 0);
  else
    _tessera_document_model_refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DOCUMENTS]);
}

/* Reads document @id again: it was added, or its metadata, status or
 * annotation count changed. @emit FALSE only updates the rows. */
static gboolean
refresh_row (TesseraDocumentModel  *self,
             gint64                 id,
             gboolean               emit,
             GError               **error)
{
  g_autoptr(TesseraDocument) doc = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean found;
  guint index;
  Row row;

  doc = tessera_project_get_document (self->project, id, FALSE, &local_error);
  if (doc == NULL)
    {
      if (g_error_matches (local_error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND))
        {
          remove_row (self, id, emit);
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  index = _tessera_document_model_find_row (self, id, &found);
  if (found)
    {
      Row *old = &g_array_index (self->rows, Row, index);

      row_set (old, TRUE, self->strings, doc);
      _tessera_document_model_update_item (self, old);
      if (emit && self->visible != NULL)
        _tessera_document_model_refilter (self);
    }
  else
    {
      row_set (&row, FALSE, self->strings, doc);
      g_array_insert_val (self->rows, index, row);
      if (!emit)
        return TRUE;
      if (self->visible == NULL)
        g_list_model_items_changed (G_LIST_MODEL (self), index, 0, 1);
      else
        _tessera_document_model_refilter (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DOCUMENTS]);
    }

  return TRUE;
}

static void
count_job (TesseraDocumentModel *self,
           int                   delta)
{
  g_assert (delta > 0 || self->n_jobs > 0);

  self->n_jobs += delta;
  if (self->n_jobs == (delta > 0 ? 1u : 0u))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static gboolean start_search (TesseraDocumentModel  *self,
                              GError               **error);
static void     job_apply    (TesseraDocumentModel  *self,
                              Job                   *job,
                              gboolean               ok,
                              GError                *error);

/* Shows what a load read. */
static gboolean
apply_load (TesseraDocumentModel  *self,
            Job                   *job,
            GError               **error)
{
  guint old_n = _tessera_document_model_n_shown (self), old_len = self->rows->len;
  g_autoptr(GError) local_error = NULL;
  GHashTableIter iter;
  gpointer key, item;

  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  self->rows = g_steal_pointer (&job->rows);
  self->strings = g_steal_pointer (&job->strings);

  /* The thread read a snapshot: changes since may be missing from it. */
  g_hash_table_iter_init (&iter, self->changed_while_loading);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (local_error == NULL)
      refresh_row (self, *(gint64 *) key, FALSE, &local_error);
  g_hash_table_remove_all (self->changed_while_loading);

  /* Items still shown keep their identity, so the view keeps its
   * selection; they take the new metadata. */
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, &key, &item))
    {
      gboolean found;
      guint index = _tessera_document_model_find_row (self, *(gint64 *) key, &found);

      if (found)
        _tessera_document_model_update_item (self, &g_array_index (self->rows, Row, index));
    }

  g_clear_pointer (&self->visible, g_array_unref);
  self->visible = _tessera_document_model_compute_visible (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, _tessera_document_model_n_shown (self));
  if (old_len != self->rows->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DOCUMENTS]);

  /* New documents may match the search. */
  if (local_error == NULL && self->search != NULL)
    start_search (self, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static void
apply_search (TesseraDocumentModel *self,
              Job                  *job)
{
  g_clear_pointer (&self->search_ids, g_array_unref);
  self->search_ids = g_steal_pointer (&job->search_ids);
  _tessera_document_model_refilter_all (self);
}

static void
job_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(TesseraDocumentModel) self = g_weak_ref_get (&job->model);
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (self == NULL)
    return;

  /* Told last, so that when "busy" ends the model shows the result. */
  g_object_freeze_notify (G_OBJECT (self));
  count_job (self, -1);
  job_apply (self, job, ok, g_steal_pointer (&error));
  g_object_thaw_notify (G_OBJECT (self));
}

static void
job_apply (TesseraDocumentModel *self,
           Job                  *job,
           gboolean              ok,
           GError               *error)
{
  /* Superseded by a newer job, or the project changed. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      job->serial != (job->load ? self->load_serial : self->search_serial) ||
      self->project == NULL)
    {
      g_clear_error (&error);
      return;
    }

  /* The file could not be opened a second time: read it here instead. */
  if (!ok && !job->opened)
    {
      g_clear_error (&error);
      ok = job_execute (job, self->project, NULL, &error);
    }

  if (job->load)
    {
      self->loading = FALSE;
      if (ok)
        ok = apply_load (self, job, &error);
#ifdef __GLIBC__
      /* The thread read every document (and its connection cached
       * pages): freed, that memory stays with the allocator's arena for
       * that thread; give it back (as GNOME Software does after parsing
       * a big catalogue). */
      malloc_trim (0);
#endif
    }
  else if (ok)
    apply_search (self, job);

  if (!ok)
    g_signal_emit (self, signals[ERROR], 0, error);
  g_clear_error (&error);
}

static gboolean
use_thread (TesseraDocumentModel *self,
            guint                 n_documents)
{
  return n_documents > self->thread_threshold && tessera_project_get_path (self->project) != NULL;
}

/* Reads the documents, or searches (@query not NULL), in a thread when
 * the project is big, else here. */
static gboolean
run_job (TesseraDocumentModel  *self,
         gboolean               load,
         const char            *query,
         GError               **error)
{
  Job *job;
  guint n_documents;

  g_assert (self->project != NULL);

  job = g_new0 (Job, 1);
  job->load = load;
  job->query = g_strdup (query);
  job->serial = load ? ++self->load_serial : ++self->search_serial;
  n_documents = load ? (guint) tessera_project_count_documents (self->project) : self->rows->len;

  if (use_thread (self, n_documents))
    {
      g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, job_done, NULL);

      g_weak_ref_init (&job->model, self);
      job->path = g_strdup (tessera_project_get_path (self->project));
      g_task_set_source_tag (task, run_job);
      g_task_set_task_data (task, job, (GDestroyNotify) job_free);
      g_task_run_in_thread (task, job_thread);
      if (load)
        {
          g_hash_table_remove_all (self->changed_while_loading);
          self->loading = TRUE;
        }
      count_job (self, 1);

      return TRUE;
    }
  else
    {
      gboolean ok = job_execute (job, self->project, NULL, error);

      /* A job that ran here replaces any still running. */
      if (load)
        self->loading = FALSE;
      if (ok && load)
        ok = apply_load (self, job, error);
      else if (ok)
        apply_search (self, job);
      job_free (job);

      return ok;
    }
}

static gboolean
start_search (TesseraDocumentModel  *self,
              GError               **error)
{
  return run_job (self, FALSE, self->search, error);
}

static void
on_project_changed (TesseraDocumentModel *self,
                    guint                 kind,
                    guint                 action,
                    gint64                document_id,
                    gint64                object_id,
                    TesseraProject       *project)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  /* The counts are of spans, and of those suggested: a span changes
   * them when it comes, goes, or is accepted (an update). */
  switch (kind)
    {
    case TESSERA_CHANGE_RESET:
      ok = tessera_document_model_reload (self, &error);
      break;
    case TESSERA_CHANGE_DOCUMENT:
    case TESSERA_CHANGE_SPAN:
      if (document_id <= 0)
        break;
      if (self->loading)
        g_hash_table_add (self->changed_while_loading, g_memdup2 (&document_id, sizeof document_id));
      if (kind == TESSERA_CHANGE_DOCUMENT && action == TESSERA_CHANGE_REMOVED)
        remove_row (self, document_id, TRUE);
      else
        ok = refresh_row (self, document_id, TRUE, &error);
      break;
    default:
      break;
    }

  if (!ok)
    g_signal_emit (self, signals[ERROR], 0, error);
}

static void
tessera_document_model_dispose (GObject *object)
{
  TesseraDocumentModel *self = TESSERA_DOCUMENT_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_clear_object (&self->project);
  _tessera_document_model_forget_items (self);

  G_OBJECT_CLASS (tessera_document_model_parent_class)->dispose (object);
}

static void
tessera_document_model_finalize (GObject *object)
{
  TesseraDocumentModel *self = TESSERA_DOCUMENT_MODEL (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->search_ids, g_array_unref);
  g_clear_pointer (&self->visible, g_array_unref);
  g_clear_pointer (&self->changed_while_loading, g_hash_table_unref);

  G_OBJECT_CLASS (tessera_document_model_parent_class)->finalize (object);
}

static void
tessera_document_model_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TesseraDocumentModel *self = TESSERA_DOCUMENT_MODEL (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_N_DOCUMENTS:
      g_value_set_uint (value, self->rows->len);
      break;
    case PROP_STATUS_FILTER:
      g_value_set_int (value, self->status_filter);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->n_jobs > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_document_model_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TesseraDocumentModel *self = TESSERA_DOCUMENT_MODEL (object);

  switch (prop_id)
    {
    case PROP_STATUS_FILTER:
      tessera_document_model_set_status_filter (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_document_model_class_init (TesseraDocumentModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tessera_document_model_dispose;
  object_class->finalize = tessera_document_model_finalize;
  object_class->get_property = tessera_document_model_get_property;
  object_class->set_property = tessera_document_model_set_property;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, TESSERA_TYPE_PROJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_DOCUMENTS] =
    g_param_spec_uint ("n-documents", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_FILTER] =
    g_param_spec_int ("status-filter", NULL, NULL,
                      TESSERA_DOCUMENT_MODEL_ALL_STATUSES, TESSERA_N_STATUSES - 1,
                      TESSERA_DOCUMENT_MODEL_ALL_STATUSES,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
tessera_document_model_init (TesseraDocumentModel *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  self->strings = g_string_chunk_new (4096);
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->changed_while_loading = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->status_filter = TESSERA_DOCUMENT_MODEL_ALL_STATUSES;
  self->thread_threshold = 5000;
  self->cancellable = g_cancellable_new ();
}

TesseraDocumentModel *
tessera_document_model_new (void)
{
  return g_object_new (TESSERA_TYPE_DOCUMENT_MODEL, NULL);
}

TesseraProject *
tessera_document_model_get_project (TesseraDocumentModel *self)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_MODEL (self), NULL);

  return self->project;
}

gboolean
tessera_document_model_set_project (TesseraDocumentModel  *self,
                                    TesseraProject        *project,
                                    GError               **error)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_MODEL (self), FALSE);
  g_return_val_if_fail (project == NULL || TESSERA_IS_PROJECT (project), FALSE);

  if (self->project == project)
    return TRUE;

  /* Jobs of the previous project end unseen. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->load_serial++;
  self->search_serial++;
  self->loading = FALSE;
  g_hash_table_remove_all (self->changed_while_loading);

  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_set_object (&self->project, project);
  if (project != NULL)
    self->changed_id = g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed),
                                                self, G_CONNECT_SWAPPED);

  if (self->search != NULL)
    {
      g_clear_pointer (&self->search, g_free);
      g_clear_pointer (&self->search_ids, g_array_unref);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);

  return tessera_document_model_reload (self, error);
}

gboolean
tessera_document_model_reload (TesseraDocumentModel  *self,
                               GError               **error)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_MODEL (self), FALSE);

  if (self->project == NULL)
    {
      Job job = { 0 };

      self->load_serial++;
      self->loading = FALSE;
      job.rows = g_array_new (FALSE, FALSE, sizeof (Row));
      job.strings = g_string_chunk_new (64);
      g_clear_pointer (&self->search_ids, g_array_unref);
      apply_load (self, &job, NULL);

      return TRUE;
    }

  /* On failure the model is left empty rather than half-read. */
  if (!run_job (self, TRUE, NULL, error))
    {
      Job job = { 0 };

      job.rows = g_array_new (FALSE, FALSE, sizeof (Row));
      job.strings = g_string_chunk_new (64);
      apply_load (self, &job, NULL);

      return FALSE;
    }

  return TRUE;
}

gboolean
tessera_document_model_get_busy (TesseraDocumentModel *self)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_MODEL (self), FALSE);

  return self->n_jobs > 0;
}

void
tessera_document_model_set_thread_threshold (TesseraDocumentModel *self,
                                             guint                 n_documents)
{
  g_return_if_fail (TESSERA_IS_DOCUMENT_MODEL (self));

  self->thread_threshold = n_documents;
}

guint
tessera_document_model_get_n_documents (TesseraDocumentModel *self)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_MODEL (self), 0);

  return self->rows->len;
}

int
tessera_document_model_get_status_filter (TesseraDocumentModel *self)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_MODEL (self), TESSERA_DOCUMENT_MODEL_ALL_STATUSES);

  return self->status_filter;
}

void
tessera_document_model_set_status_filter (TesseraDocumentModel *self,
                                          int                   status)
{
  g_return_if_fail (TESSERA_IS_DOCUMENT_MODEL (self));
  g_return_if_fail (status >= TESSERA_DOCUMENT_MODEL_ALL_STATUSES && status < TESSERA_N_STATUSES);

  if (self->status_filter == status)
    return;

  self->status_filter = status;
  _tessera_document_model_refilter_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_FILTER]);
}

const char *
tessera_document_model_get_search (TesseraDocumentModel *self)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_MODEL (self), NULL);

  return self->search;
}

gboolean
tessera_document_model_set_search (TesseraDocumentModel  *self,
                                   const char            *query,
                                   GError               **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *old = NULL;

  g_return_val_if_fail (TESSERA_IS_DOCUMENT_MODEL (self), FALSE);

  if (query != NULL)
    {
      stripped = g_strstrip (g_strdup (query));
      if (*stripped == '\0')
        g_clear_pointer (&stripped, g_free);
    }

  if (g_strcmp0 (stripped, self->search) == 0)
    return TRUE;

  old = g_steal_pointer (&self->search);
  self->search = g_steal_pointer (&stripped);

  if (self->search == NULL || self->project == NULL)
    {
      self->search_serial++;
      g_clear_pointer (&self->search_ids, g_array_unref);
      if (self->search != NULL)
        self->search_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      _tessera_document_model_refilter_all (self);
    }
  else if (!start_search (self, error))
    {
      /* The previous search stays. */
      g_free (self->search);
      self->search = g_steal_pointer (&old);
      return FALSE;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);

  return TRUE;
}

gboolean
tessera_document_model_get_search_truncated (TesseraDocumentModel *self)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_MODEL (self), FALSE);

  return self->search_ids != NULL && self->search_ids->len > TESSERA_DOCUMENT_MODEL_SEARCH_LIMIT;
}
