/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-project.h"
#include "tessera-span-index.h"

G_BEGIN_DECLS

/* One open document: its text and metadata, its spans (in an index kept
 * up to date span by span), its events and stances by id and by the span
 * they stand on, its cluster links and how many of its annotations are
 * suggestions. It follows the project's changes once for every view of
 * the document, patches itself, and tells them what changed in one
 * "changed" emission per commit, after it is consistent again. Views keep
 * no copies of their own: they read it. (gnome-calendar's timeline and
 * its subscribers are the pattern.)
 *
 * tessera_open_document_get() hands out one instance per project and
 * document: the document view, the annotation list, the inspector and
 * the corroboration view share it. GTK-free. */

#define TESSERA_TYPE_OPEN_DOCUMENT (tessera_open_document_get_type ())

G_DECLARE_FINAL_TYPE (TesseraOpenDocument, tessera_open_document, TESSERA, OPEN_DOCUMENT, GObject)

/* What one "changed" emission reports. Ids are of objects added, changed
 * or removed (look them up to tell which); with @reset, anything may
 * have changed and the arrays are empty. */
typedef struct
{
  GArray   *spans;      /* gint64 span ids */
  GArray   *events;     /* gint64 event ids */
  GArray   *stances;    /* gint64 stance ids */
  gboolean  document;   /* metadata or status */
  gboolean  clusters;   /* cluster links or names */
  gboolean  schema;     /* labels or attributes */
  gboolean  reset;
} TesseraOpenDocumentChanges;

/* Span flags, for drawing. */
typedef enum
{
  TESSERA_SPAN_FLAG_TRIGGER   = 1 << 0,  /* an event's trigger */
  TESSERA_SPAN_FLAG_STATEMENT = 1 << 1,  /* a stance's statement */
  TESSERA_SPAN_FLAG_SUGGESTED = 1 << 2,  /* the span, or its event or stance, is a suggestion */
} TesseraSpanFlags;

/* The shared model of document @document_id of @project (a new
 * reference), loaded when no one has it open yet. */
TesseraOpenDocument    *tessera_open_document_get         (TesseraProject       *project,
                                                           gint64                document_id,
                                                           GError              **error);

TesseraProject         *tessera_open_document_get_project (TesseraOpenDocument  *self);
gint64                  tessera_open_document_get_id      (TesseraOpenDocument  *self);
/* Metadata and text; replaced (not changed) when the metadata changes,
 * so take a reference to keep one. */
TesseraDocument        *tessera_open_document_get_document (TesseraOpenDocument *self);

/* The text from code point @start to @end, or NULL when that is not in
 * it; quick in a long text (no counting from the start). */
char                   *tessera_open_document_dup_text    (TesseraOpenDocument  *self,
                                                           gint64                start,
                                                           gint64                end);

const TesseraSpanIndex *tessera_open_document_get_spans   (TesseraOpenDocument  *self);
const TesseraSpan      *tessera_open_document_get_span    (TesseraOpenDocument  *self,
                                                           gint64                span_id);
TesseraSpanFlags        tessera_open_document_get_span_flags (TesseraOpenDocument *self,
                                                           gint64                span_id);

/* Events in the order of their triggers in the text. */
guint                   tessera_open_document_get_n_events (TesseraOpenDocument *self);
const TesseraEvent     *tessera_open_document_get_nth_event (TesseraOpenDocument *self,
                                                           guint                 i);
const TesseraEvent     *tessera_open_document_get_event   (TesseraOpenDocument  *self,
                                                           gint64                event_id);
/* The first event (the lowest id) @span_id is the trigger of, or NULL:
 * a span may trigger several. */
const TesseraEvent     *tessera_open_document_get_trigger_event (TesseraOpenDocument *self,
                                                           gint64                span_id);
guint                   tessera_open_document_get_n_trigger_events (TesseraOpenDocument *self,
                                                           gint64                span_id);
/* Every event @span_id triggers, by id (const TesseraEvent*, the model's,
 * valid until it next changes); empty when none. Free the array. */
GPtrArray              *tessera_open_document_list_trigger_events (TesseraOpenDocument *self,
                                                           gint64                span_id);

const TesseraStance    *tessera_open_document_get_stance  (TesseraOpenDocument  *self,
                                                           gint64                stance_id);
/* The stance @span_id is the statement of, or NULL. */
const TesseraStance    *tessera_open_document_get_statement_stance (TesseraOpenDocument *self,
                                                           gint64                span_id);

/* The cluster of a span or an event of the document, 0 for none. */
gint64                  tessera_open_document_get_span_cluster  (TesseraOpenDocument *self,
                                                           gint64                span_id);
gint64                  tessera_open_document_get_event_cluster (TesseraOpenDocument *self,
                                                           gint64                event_id);

/* Spans, events and stances waiting as suggestions. */
guint                   tessera_open_document_get_n_suggestions (TesseraOpenDocument *self);

/* The spans as a GListModel of TesseraSpanItem, in text order; positions
 * change as spans come and go ("items-changed" before "changed"). */
GListModel             *tessera_open_document_get_span_list (TesseraOpenDocument *self);

/* A span of an open document, as a list item. */
#define TESSERA_TYPE_SPAN_ITEM (tessera_span_item_get_type ())

G_DECLARE_FINAL_TYPE (TesseraSpanItem, tessera_span_item, TESSERA, SPAN_ITEM, GObject)

gint64                  tessera_span_item_get_span_id     (TesseraSpanItem      *self);

G_END_DECLS
