/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-record.h"
#include "tessera-text.h"

G_BEGIN_DECLS

struct _TesseraRecordImporter
{
  TesseraImportContext *ctx;
  TesseraProject       *project;
  char                 *file_label;
  gboolean              keep_ids;
  /* Merging annotators' work: a span matches an existing one only when
   * the same annotator made it (each keeps their own), and clusters are
   * matched by kind and name. */
  gboolean              per_annotator;

  char                 *span_label_names;   /* for messages, built when needed */

  /* Cluster references of the file ("c3") → ClusterRef. */
  GHashTable           *clusters;
  gboolean              clusters_declared;  /* a project JSON listed them */
};

typedef struct
{
  gint64           id;
  TesseraLabelKind kind;
} ClusterRef;

/* What one record's objects became. */
typedef struct
{
  TesseraRecordImporter *imp;
  char                  *where;       /* "FILE:LINE" or "FILE: document N (uid …)" */
  gint64                 document_id;
  const char            *text;
  gint64                 n_chars;
  TesseraTextCursor      cursor;
  gboolean               merged;
  /* Id tables map a key (kept in @strings) to a position in @ids, plus
   * one: no allocation per entry beyond the table's own. */
  GStringChunk          *strings;
  GArray                *ids;         /* gint64 */
  GHashTable            *spans;       /* reference → span id */
  GHashTable            *events;      /* reference → event id */
  GHashTable            *old_spans;   /* merging: span_key () → span id */
  GHashTable            *old_events;  /* merging: "trigger:type" → event id */
  GHashTable            *old_stances; /* merging: stance_key () → stance id */
} Record;

/* The importer's parts: tessera-record-import.c reads a record and its
 * document, tessera-record-import-annotations.c its spans, events and
 * stances. Messages are whole translated sentences that begin with
 * r->where; @what names the object they are about, NULL for the record
 * itself, and is put into words only when a message needs it. */

/* The objects of a record that messages name. */
typedef enum
{
  RECORD_OBJECT_SPAN,
  RECORD_OBJECT_EVENT,
  RECORD_OBJECT_STANCE,
  RECORD_OBJECT_ARGUMENT,   /* of an event */
  RECORD_OBJECT_TARGET,     /* of a stance */
} RecordObject;

typedef struct
{
  RecordObject  object;
  const char   *ref;        /* the object's id in the file (an argument's
                             * or a target's: its event's or stance's),
                             * or NULL */
  guint         index;      /* its place in the record's array, from 0 */
  guint         argument;   /* RECORD_OBJECT_ARGUMENT: its place in the
                             * event's "arguments", from 0 */
} RecordWhat;

/* Room for the longest description, in any language. */
#define TESSERA_RECORD_WHAT_SIZE 192

/* "span \"s3\"", "span 4", "event \"e1\" argument 2"…, translated. */
const char *_tessera_record_describe           (char              buf[TESSERA_RECORD_WHAT_SIZE],
                                                const RecordWhat *what);

/* A table of the record's references (tessera-record-import-annotations.c). */
GHashTable *_tessera_record_id_table_new       (void);

/* Sets a TESSERA_ERROR_INVALID_INPUT error; returns FALSE. @format is
 * a whole translated message; its arguments begin with r->where. */
gboolean    _tessera_record_error              (GError          **error,
                                                const char       *format,
                                                ...) G_GNUC_PRINTF (2, 3);
/* Puts r->where before the message of *@error; returns FALSE. */
gboolean    _tessera_record_prefix_error       (Record           *r,
                                                GError          **error);

/* The helpers below read member @key of @obj, an object of the record
 * (@what) or the record itself (@what NULL; not for offsets and
 * booleans, which only objects have). */
gboolean    _tessera_record_get_string         (Record           *r,
                                                JsonObject       *obj,
                                                const RecordWhat *what,
                                                const char       *key,
                                                const char      **out,
                                                GError          **error);
gboolean    _tessera_record_get_ref            (Record           *r,
                                                JsonObject       *obj,
                                                const RecordWhat *what,
                                                const char       *key,
                                                char              buf[TESSERA_RECORD_REF_SIZE],
                                                const char      **out,
                                                GError          **error);
gboolean    _tessera_record_get_offset         (Record           *r,
                                                JsonObject       *obj,
                                                const RecordWhat *what,
                                                const char       *key,
                                                gint64           *out,
                                                GError          **error);
gboolean    _tessera_record_get_bool           (Record           *r,
                                                JsonObject       *obj,
                                                const RecordWhat *what,
                                                const char       *key,
                                                gboolean         *out,
                                                GError          **error);
gboolean    _tessera_record_get_array          (Record           *r,
                                                JsonObject       *obj,
                                                const RecordWhat *what,
                                                const char       *key,
                                                JsonArray       **out,
                                                GError          **error);
/* Element @i of @array, which @what describes, if it is an object. */
JsonObject *_tessera_record_get_element_object (Record           *r,
                                                JsonArray        *array,
                                                guint             i,
                                                const RecordWhat *what,
                                                GError          **error);
gint64      _tessera_record_parse_ref_id       (const char       *ref,
                                                char              prefix);

/* tessera-record-import-annotations.c: @index counts from 0 in the
 * record's array. */
gboolean    _tessera_record_load_existing      (Record       *r,
                                                GError      **error);
gboolean    _tessera_record_import_span        (Record       *r,
                                                JsonObject   *obj,
                                                guint         index,
                                                GError      **error);
gboolean    _tessera_record_import_event       (Record       *r,
                                                JsonObject   *obj,
                                                guint         index,
                                                GError      **error);
gboolean    _tessera_record_import_stance      (Record       *r,
                                                JsonObject   *obj,
                                                guint         index,
                                                GError      **error);

G_END_DECLS
