/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-shared-passages"

#include "config.h"

#include "tessera-document-model.h"
#include "tessera-shared-passages.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

/* Imports come in bursts of changes: search once they have settled. */
#define REFRESH_DELAY_MS 1500

struct _TesseraSharedPassages
{
  GObject            parent_instance;

  TesseraProject    *project;
  GSignalGroup      *documents_signals;
  TesseraDuplicates *duplicates;
  GCancellable      *cancellable;    /* of the search under way, or NULL */
  guint              refresh_id;     /* a search waiting to start */
  gint64             n_documents;    /* when the last search started */
};

G_DEFINE_FINAL_TYPE (TesseraSharedPassages, tessera_shared_passages, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_READY,
  N_PROPS
};

enum {
  UPDATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
release_memory (void)
{
#ifdef __GLIBC__
  /* Freed memory stays with the allocator (an arena per thread) until
   * told: give it back to the system. */
  malloc_trim (0);
#endif
}

static void
find_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GError) error = NULL;
  TesseraDuplicates *duplicates = NULL;

  /* The search holds what it needs of every sentence of the project (tens
   * of megabytes for 100,000 documents): what loading the list and the
   * first frames left behind goes first, and all it freed after. */
  release_memory ();

  /* A connection of its own: the window's stays free for the analyst. */
  project = tessera_project_open (path, TESSERA_OPEN_READ_ONLY | TESSERA_OPEN_SKIP_CHECK, &error);
  if (project != NULL)
    {
      duplicates = tessera_duplicates_find (project, NULL, NULL, NULL, cancellable, &error);
      tessera_project_close (project);
    }
  g_clear_object (&project);
  release_memory ();

  if (duplicates == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, duplicates, (GDestroyNotify) tessera_duplicates_free);
}

static void
find_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  TesseraSharedPassages *self = TESSERA_SHARED_PASSAGES (source);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  g_autoptr(GError) error = NULL;
  TesseraDuplicates *duplicates;
  gboolean was_ready;

  duplicates = g_task_propagate_pointer (G_TASK (result), &error);

  /* A later search, or another project, took its place. */
  if (cancellable != self->cancellable)
    {
      g_clear_pointer (&duplicates, tessera_duplicates_free);
      return;
    }
  g_clear_object (&self->cancellable);

  if (duplicates == NULL)
    {
      /* The marks are an aid: without them the document reads as before. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Shared passages not found: %s", error->message);
      return;
    }

  was_ready = self->duplicates != NULL;
  g_clear_pointer (&self->duplicates, tessera_duplicates_free);
  self->duplicates = duplicates;

  if (!was_ready)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
  g_signal_emit (self, signals[UPDATED], 0);
}

static void
cancel_search (TesseraSharedPassages *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

void
tessera_shared_passages_refresh (TesseraSharedPassages *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TESSERA_IS_SHARED_PASSAGES (self));

  cancel_search (self);
  if (self->project == NULL || tessera_project_get_path (self->project) == NULL)
    return;

  self->n_documents = tessera_project_count_documents (self->project);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, find_done, NULL);
  g_task_set_source_tag (task, tessera_shared_passages_refresh);
  g_task_set_task_data (task, g_strdup (tessera_project_get_path (self->project)), g_free);
  g_task_run_in_thread (task, find_thread);
}

static gboolean
refresh_timeout (gpointer user_data)
{
  TesseraSharedPassages *self = user_data;

  self->refresh_id = 0;
  tessera_shared_passages_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
queue_refresh (TesseraSharedPassages *self,
               guint                  delay_ms)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refresh_id = g_timeout_add_full (G_PRIORITY_LOW, delay_ms, refresh_timeout, self, NULL);
}

/* Only new documents bring new passages; changed annotations change
 * no text. */
static void
on_n_documents (TesseraSharedPassages *self)
{
  if (self->project != NULL && tessera_project_count_documents (self->project) != self->n_documents)
    queue_refresh (self, REFRESH_DELAY_MS);
}

static void
on_project (TesseraSharedPassages *self)
{
  TesseraDocumentModel *documents = g_signal_group_dup_target (self->documents_signals);
  TesseraProject *project = documents != NULL ? tessera_document_model_get_project (documents) : NULL;
  gboolean was_ready;

  g_clear_object (&documents);
  if (self->project == project)
    return;

  cancel_search (self);
  g_set_object (&self->project, project);

  was_ready = self->duplicates != NULL;
  g_clear_pointer (&self->duplicates, tessera_duplicates_free);
  if (was_ready)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
      g_signal_emit (self, signals[UPDATED], 0);
    }

  /* After the first frame: reading comes first. */
  if (project != NULL)
    queue_refresh (self, 0);
}

void
tessera_shared_passages_set_documents (TesseraSharedPassages *self,
                                       TesseraDocumentModel  *documents)
{
  g_return_if_fail (TESSERA_IS_SHARED_PASSAGES (self));
  g_return_if_fail (documents == NULL || TESSERA_IS_DOCUMENT_MODEL (documents));

  g_signal_group_set_target (self->documents_signals, documents);
  on_project (self);
}

gboolean
tessera_shared_passages_get_ready (TesseraSharedPassages *self)
{
  g_return_val_if_fail (TESSERA_IS_SHARED_PASSAGES (self), FALSE);

  return self->duplicates != NULL;
}

gboolean
tessera_shared_passages_get_busy (TesseraSharedPassages *self)
{
  g_return_val_if_fail (TESSERA_IS_SHARED_PASSAGES (self), FALSE);

  return self->cancellable != NULL || self->refresh_id != 0;
}

TesseraDuplicates *
tessera_shared_passages_get_duplicates (TesseraSharedPassages *self)
{
  g_return_val_if_fail (TESSERA_IS_SHARED_PASSAGES (self), NULL);

  return self->duplicates;
}

GArray *
tessera_shared_passages_list (TesseraSharedPassages *self,
                              gint64                 document_id)
{
  g_return_val_if_fail (TESSERA_IS_SHARED_PASSAGES (self), NULL);

  if (self->duplicates == NULL || document_id <= 0)
    return g_array_new (FALSE, FALSE, sizeof (TesseraPassage));

  return tessera_duplicates_list_passages (self->duplicates, document_id);
}

static void
tessera_shared_passages_dispose (GObject *object)
{
  TesseraSharedPassages *self = TESSERA_SHARED_PASSAGES (object);

  cancel_search (self);
  if (self->documents_signals != NULL)
    g_signal_group_set_target (self->documents_signals, NULL);
  g_clear_object (&self->documents_signals);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (tessera_shared_passages_parent_class)->dispose (object);
}

static void
tessera_shared_passages_finalize (GObject *object)
{
  TesseraSharedPassages *self = TESSERA_SHARED_PASSAGES (object);

  g_clear_pointer (&self->duplicates, tessera_duplicates_free);

  G_OBJECT_CLASS (tessera_shared_passages_parent_class)->finalize (object);
}

static void
tessera_shared_passages_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TesseraSharedPassages *self = TESSERA_SHARED_PASSAGES (object);

  switch (prop_id)
    {
    case PROP_READY:
      g_value_set_boolean (value, self->duplicates != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_shared_passages_class_init (TesseraSharedPassagesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tessera_shared_passages_dispose;
  object_class->finalize = tessera_shared_passages_finalize;
  object_class->get_property = tessera_shared_passages_get_property;

  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tessera_shared_passages_init (TesseraSharedPassages *self)
{
  self->documents_signals = g_signal_group_new (TESSERA_TYPE_DOCUMENT_MODEL);
  g_signal_group_connect_swapped (self->documents_signals, "notify::project", G_CALLBACK (on_project), self);
  g_signal_group_connect_swapped (self->documents_signals, "notify::n-documents", G_CALLBACK (on_n_documents), self);
}

TesseraSharedPassages *
tessera_shared_passages_new (void)
{
  return g_object_new (TESSERA_TYPE_SHARED_PASSAGES, NULL);
}
