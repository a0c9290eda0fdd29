/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tessera-schema.h"

G_BEGIN_DECLS

/* A cluster links mentions (entity spans) or event frames of several
 * documents into one real-world entity or event: "the FAMa", "the clash at
 * Anefis on 7 October". A span or event is in at most one cluster. */

typedef struct _TesseraCluster TesseraCluster;

struct _TesseraCluster
{
  gint64            id;
  TesseraLabelKind  kind;       /* TESSERA_LABEL_ENTITY or TESSERA_LABEL_EVENT */
  char             *name;
  gint64            created;    /* unix seconds */
  guint             n_members;  /* when read from the project */
};

/* One member: an entity span or an event (the other id is 0). */
typedef struct
{
  gint64 cluster_id;
  gint64 span_id;
  gint64 event_id;
  gint64 document_id;
} TesseraClusterMember;

#define TESSERA_TYPE_CLUSTER (tessera_cluster_get_type ())

GType           tessera_cluster_get_type (void) G_GNUC_CONST;
TesseraCluster *tessera_cluster_new      (void);
TesseraCluster *tessera_cluster_copy     (const TesseraCluster *cluster);
void            tessera_cluster_free     (TesseraCluster       *cluster);

/* For the project and the history, which both check: sets @error for a
 * member (a span when @span_id > 0, else an event) that is in no cluster
 * (@cluster_name NULL) or not in the cluster named. */
void            _tessera_cluster_set_member_error (GError     **error,
                                                   gint64       span_id,
                                                   gint64       event_id,
                                                   const char  *cluster_name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraCluster, tessera_cluster_free)

/* A field of an event cluster's coded record (tessera-coded-event.h) set
 * by hand: it replaces what the reports give, and the exports say so. */
typedef struct
{
  gint64  cluster_id;
  char   *field;          /* one of tessera_coded_fields() */
  char   *value;          /* as the exports write it: "2024-03-01", "8", "Anefis" */
  gint64  annotator_id;   /* who set it, 0 when unknown */
  gint64  set_at;         /* unix seconds; 0 on insert: now */
} TesseraCodedOverride;

TesseraCodedOverride *tessera_coded_override_copy (const TesseraCodedOverride *override);
void                  tessera_coded_override_free (TesseraCodedOverride       *override);

/* The fields of a coded record that can be set by hand, NULL-terminated:
 * event_type, event_date, time_precision, actor1, actor2, location,
 * fatalities, notes. */
const char * const   *tessera_coded_fields        (void);
/* Whether @value suits @field: a known field; a day that exists as
 * YYYY-MM-DD for event_date; 1, 2 or 3 for time_precision; a whole number
 * from 0 for fatalities; one line of text, not empty, for the others
 * (notes may hold several). Sets @error saying what is wrong. */
gboolean              tessera_coded_field_check   (const char  *field,
                                                   const char  *value,
                                                   GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraCodedOverride, tessera_coded_override_free)

G_END_DECLS
