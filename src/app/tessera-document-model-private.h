/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-document-model.h"

G_BEGIN_DECLS

/* What the files of the document list's model share: the model
 * (tessera-document-model.c), what the list shows of its rows
 * (tessera-document-model-visible.c) and what it counts of a search
 * (tessera-document-model-matches.c). */

/* One document's metadata. The strings live in the model's string chunk:
 * 100,000 TesseraDocument structs with seven strings each would cost
 * tens of megabytes in small allocations; this costs a few. */
typedef struct
{
  gint64      id;
  gint64      n_annotations;
  gint64      n_pending;
  const char *title;
  const char *source;
  const char *published;
  int         status;
} Row;

struct _TesseraDocumentModel
{
  GObject         parent_instance;

  TesseraProject *project;
  gulong          changed_id;
  GCancellable   *cancellable;  /* of the current project's jobs */
  guint           thread_threshold;

  GArray         *rows;         /* Row, by id */
  GStringChunk   *strings;
  GHashTable     *items;        /* gint64 id → TesseraDocumentItem, not owned */

  int             status_filter;
  char           *search;       /* NULL: no search */
  GArray         *search_ids;   /* gint64, best first; NULL without search */

  /* gint64 ids of the documents shown; NULL when nothing is filtered
   * (then the rows themselves are shown). */
  GArray         *visible;

  /* The latest job of each kind; older ones are dropped when they end. */
  guint           load_serial;
  guint           search_serial;
  /* The latest load runs in a thread. */
  gboolean        loading;
  /* Jobs running in threads, the latest or not: "busy" while any is. */
  guint           n_jobs;
  /* Documents changed while a thread was reading (it may have missed them). */
  GHashTable     *changed_while_loading;
};

/* The index of document @id in rows, or where it would go. */
guint _tessera_document_model_find_row (TesseraDocumentModel *self,
                                        gint64                id,
                                        gboolean             *found);

/* tessera-document-model-visible.c: what the list shows of the rows. */

void    _tessera_document_model_list_model_init (GListModelInterface  *iface);
/* How many documents the list shows. */
guint   _tessera_document_model_n_shown         (TesseraDocumentModel *self);
/* The ids the status filter and the search let through, in the order
 * shown; NULL when nothing is filtered. */
GArray *_tessera_document_model_compute_visible (TesseraDocumentModel *self);
/* After one row changed while filtering: tells only what differs. */
void    _tessera_document_model_refilter        (TesseraDocumentModel *self);
/* After the filter or the search changed: tells the whole list. */
void    _tessera_document_model_refilter_all    (TesseraDocumentModel *self);
/* Gives @row's metadata to its item, if one was made. */
void    _tessera_document_model_update_item     (TesseraDocumentModel *self,
                                                 const Row            *row);
/* Lets go of the items made (they live on unfollowed). */
void    _tessera_document_model_forget_items    (TesseraDocumentModel *self);

G_END_DECLS
