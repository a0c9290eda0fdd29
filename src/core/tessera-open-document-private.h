/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-open-document.h"

G_BEGIN_DECLS

/* What the files of the open document share: the object, its span list
 * and what it answers (tessera-open-document.c), and loading it from the
 * project and following the project's changes
 * (tessera-open-document-follow.c). */

#define TESSERA_TYPE_SPAN_LIST (tessera_span_list_get_type ())

G_DECLARE_FINAL_TYPE (TesseraSpanList, tessera_span_list, TESSERA, SPAN_LIST, GObject)

struct _TesseraSpanList
{
  GObject                 parent_instance;
  const TesseraSpanIndex *spans;   /* the open document's, while it lives */
};

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

/* Emits "changed" with the pending changes. */
void     _tessera_open_document_emit_changed (TesseraOpenDocument  *self);

/* tessera-open-document-follow.c: loading and following the project. */

/* Everything, from the project. */
gboolean _tessera_open_document_load         (TesseraOpenDocument  *self,
                                              GError              **error);
/* Follows the project's changes from now on. */
void     _tessera_open_document_follow       (TesseraOpenDocument  *self);

G_END_DECLS
