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
 * stances. Messages begin with r->where; @what names the object in
 * them ("span \"s3\" ", or ""). */

/* A table of the record's references (tessera-record-import-annotations.c). */
GHashTable *_tessera_record_id_table_new       (void);

/* Sets a TESSERA_ERROR_INVALID_INPUT error; returns FALSE. */
gboolean    _tessera_record_error              (Record       *r,
                                                GError      **error,
                                                const char   *format,
                                                ...) G_GNUC_PRINTF (3, 4);
gboolean    _tessera_record_prefix_error       (Record       *r,
                                                GError      **error);

gboolean    _tessera_record_get_string         (Record       *r,
                                                JsonObject   *obj,
                                                const char   *what,
                                                const char   *key,
                                                const char  **out,
                                                GError      **error);
gboolean    _tessera_record_get_ref            (Record       *r,
                                                JsonObject   *obj,
                                                const char   *what,
                                                const char   *key,
                                                char          buf[TESSERA_RECORD_REF_SIZE],
                                                const char  **out,
                                                GError      **error);
gboolean    _tessera_record_get_offset         (Record       *r,
                                                JsonObject   *obj,
                                                const char   *what,
                                                const char   *key,
                                                gint64       *out,
                                                GError      **error);
gboolean    _tessera_record_get_bool           (Record       *r,
                                                JsonObject   *obj,
                                                const char   *what,
                                                const char   *key,
                                                gboolean     *out,
                                                GError      **error);
gboolean    _tessera_record_get_array          (Record       *r,
                                                JsonObject   *obj,
                                                const char   *what,
                                                const char   *key,
                                                JsonArray   **out,
                                                GError      **error);
JsonObject *_tessera_record_get_element_object (Record       *r,
                                                JsonArray    *array,
                                                guint         i,
                                                const char   *what,
                                                GError      **error);
gint64      _tessera_record_parse_ref_id       (const char   *ref,
                                                char          prefix);

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
