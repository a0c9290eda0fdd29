/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "tessera-formats-private.h"

G_BEGIN_DECLS

/* Other tools' files (brat, CoNLL, doccano, Label Studio) are read into
 * Tessera document records (tessera-record.h) first, with what they hold
 * that a project cannot counted as losses. Only when every file has been
 * read are their labels mapped and checked against the schema (all the
 * missing ones named in one message, or added), --strict applied, and the
 * records handed to the record importer, inside the import's
 * transaction. */

typedef struct _TesseraForeign TesseraForeign;

TesseraForeign *_tessera_foreign_new          (TesseraImportContext *ctx);
void            _tessera_foreign_free         (TesseraForeign       *self);

/* Labels declared by the files (brat's annotation.conf) that the schema
 * gets with add_labels even when no annotation uses them. */
void            _tessera_foreign_declare_label (TesseraForeign      *self,
                                                TesseraLabelKind     kind,
                                                const char          *name);

/* Merging by annotator: a span matches an existing one only when the
 * same annotator made it (Label Studio: each annotator's own work). */
void            _tessera_foreign_set_per_annotator (TesseraForeign  *self,
                                                    gboolean         per_annotator);

/* A new record {"id":@uid,"text":@text,"spans":[],"events":[],"stances":[]},
 * added to the import; @file_label and @line say where it came from. */
JsonObject     *_tessera_foreign_add_record   (TesseraForeign       *self,
                                               const char           *uid,
                                               const char           *text,
                                               const char           *file_label,
                                               guint64               line);

/* Appends a span (the record's "spans") with reference "s@n"; returns it,
 * for "annotator", "suggested", "note", "cluster"… */
JsonObject     *_tessera_foreign_add_span     (JsonObject           *record,
                                               guint64               n,
                                               gint64                start,
                                               gint64                end,
                                               const char           *label);
JsonObject     *_tessera_foreign_add_event    (JsonObject           *record,
                                               guint64               n,
                                               const char           *type,
                                               guint64               trigger);
void            _tessera_foreign_add_argument (JsonObject           *event,
                                               const char           *role,
                                               guint64               span);
/* @target_event or @target_span 0 for none, @holder 0 for none. */
JsonObject     *_tessera_foreign_add_stance   (JsonObject           *record,
                                               guint64               n,
                                               const char           *label,
                                               guint64               span,
                                               guint64               holder,
                                               guint64               target_event,
                                               guint64               target_span);
/* Puts @object in a cluster unique to this import, named @name: @key
 * (e.g. "doc.ann:*3") gives the same cluster to every member. */
void            _tessera_foreign_set_cluster  (TesseraForeign       *self,
                                               JsonObject           *object,
                                               const char           *key,
                                               const char           *name);

/* Counts one thing the project cannot hold. */
void            _tessera_foreign_loss         (TesseraForeign       *self,
                                               TesseraLossKind       kind,
                                               const char           *name,
                                               const char           *file_label,
                                               guint64               line);

/* Whether the project's schema knows @name as a stance label (after the
 * label map): brat events of that type come in as stances. */
gboolean        _tessera_foreign_is_stance_label (TesseraForeign    *self,
                                                  const char        *name);

/* Maps and checks the labels, applies --strict, imports every record and
 * moves the losses into the report. */
gboolean        _tessera_foreign_commit       (TesseraForeign       *self,
                                               GError              **error);

/* What tessera_text_normalize() removes from @raw, as code-point offsets
 * of the raw text: a leading BOM and the CR of each CRLF (a lone CR
 * becomes LF, one for one). _tessera_foreign_remap() moves an offset of
 * the raw text into the normalised one. */
GArray         *_tessera_foreign_removed_chars (const char          *raw,
                                                gsize                len);
gint64          _tessera_foreign_remap        (GArray               *removed,
                                               gint64                offset);

/* Character offsets of another tool, in code points of @text: UTF-16 code
 * units are converted through a table made once per text. */
typedef struct _TesseraUtf16Map TesseraUtf16Map;

TesseraUtf16Map *_tessera_utf16_map_new       (const char           *text);
/* FALSE when @offset is past the end or inside a surrogate pair. */
gboolean         _tessera_utf16_map_to_codepoint (const TesseraUtf16Map *map,
                                                  gint64                 offset,
                                                  gint64                *out);
/* Whether the text has characters outside the BMP (the two units differ). */
gboolean         _tessera_utf16_map_differs   (const TesseraUtf16Map *map);
void             _tessera_utf16_map_free      (TesseraUtf16Map      *map);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraForeign, _tessera_foreign_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraUtf16Map, _tessera_utf16_map_free)

/* The readers (each file, or brat's pair of files). */
gboolean _tessera_import_brat_file         (TesseraImportContext *ctx,
                                            TesseraForeign       *foreign,
                                            const char           *txt_path,
                                            const char           *ann_path,
                                            GError              **error);
/* Declares the labels of brat's annotation.conf (see _tessera_foreign_declare_label). */
gboolean _tessera_brat_read_conf           (TesseraForeign       *foreign,
                                            const char           *path,
                                            GError              **error);
gboolean _tessera_import_conll_file        (TesseraImportContext *ctx,
                                            TesseraForeign       *foreign,
                                            const char           *path,
                                            GError              **error);
gboolean _tessera_import_doccano_file      (TesseraImportContext *ctx,
                                            TesseraForeign       *foreign,
                                            const char           *path,
                                            GError              **error);
gboolean _tessera_import_label_studio_file (TesseraImportContext *ctx,
                                            TesseraForeign       *foreign,
                                            const char           *path,
                                            GError              **error);

/* The file's name without folder and extension: a document's id. */
char    *_tessera_foreign_file_stem        (const char           *path);

/* Reads a whole file (errors name it). */
gboolean _tessera_foreign_read_file        (const char           *path,
                                            char                **contents,
                                            gsize                *length,
                                            GError              **error);

G_END_DECLS
