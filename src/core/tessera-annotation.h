/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tessera-types.h"

G_BEGIN_DECLS

/* Plain value types: a document may hold 50,000 spans, so they live in
 * GArrays, not as objects. Offsets are code points, end exclusive. */

struct _TesseraSpan
{
  gint64  id;
  gint64  document_id;
  gint64  start;
  gint64  end;
  gint64  label_id;
  gint64  annotator_id;
  char   *note;      /* may be NULL */
  gint64  created;   /* unix seconds */
  gint64  updated;
  gboolean suggested; /* proposed (e.g. carried from a copy), not yet accepted */
};

typedef struct
{
  gint64 role_label_id;
  gint64 span_id;
} TesseraArgument;

struct _TesseraEvent
{
  gint64  id;
  gint64  document_id;
  gint64  trigger_span_id;
  gint64  type_label_id;
  char   *realis;        /* a value of the "realis" attribute */
  char   *confirmation;  /* a value of the "confirmation" attribute */
  gint64  annotator_id;
  GArray *arguments;     /* TesseraArgument, ordered by role then span */
  gboolean suggested;
};

/* A statement span that takes a stance (asserts, denies…), held by a
 * holder span, toward an event or a span. 0 means "none". */
struct _TesseraStance
{
  gint64 id;
  gint64 document_id;
  gint64 span_id;
  gint64 label_id;
  gint64 holder_span_id;
  gint64 target_event_id;
  gint64 target_span_id;
  gint64 annotator_id;
  gboolean suggested;
};

/* Where the analyst rejected a suggestion, so that analyses do not
 * propose it again: a span suggestion's place and label; an event's
 * trigger place and type; a stance's statement place and label. */
typedef struct
{
  gint64 document_id;
  gint64 start;
  gint64 end;
  gint64 label_id;
  gint64 annotator_id;  /* who rejected it; 0: unknown */
  gint64 rejected_at;   /* unix seconds */
} TesseraRejection;

#define TESSERA_TYPE_SPAN   (tessera_span_get_type ())
#define TESSERA_TYPE_EVENT  (tessera_event_get_type ())
#define TESSERA_TYPE_STANCE (tessera_stance_get_type ())

GType          tessera_span_get_type   (void) G_GNUC_CONST;
GType          tessera_event_get_type  (void) G_GNUC_CONST;
GType          tessera_stance_get_type (void) G_GNUC_CONST;

TesseraSpan   *tessera_span_copy       (const TesseraSpan   *span);
void           tessera_span_free       (TesseraSpan         *span);
/* Frees what a span in a GArray owns (set as the array's clear func). */
void           tessera_span_clear      (TesseraSpan         *span);
/* A GArray of TesseraSpan that clears its elements. */
GArray        *tessera_span_array_new  (void);

TesseraEvent  *tessera_event_new       (void);
TesseraEvent  *tessera_event_copy      (const TesseraEvent  *event);
void           tessera_event_free      (TesseraEvent        *event);
void           tessera_event_add_argument (TesseraEvent     *event,
                                           gint64            role_label_id,
                                           gint64            span_id);

TesseraStance *tessera_stance_copy     (const TesseraStance *stance);
void           tessera_stance_free     (TesseraStance       *stance);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraSpan, tessera_span_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraEvent, tessera_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraStance, tessera_stance_free)

G_END_DECLS
