/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "tessera-formats-private.h"
#include "tessera-json-writer.h"

G_BEGIN_DECLS

/* One document record of Tessera JSONL (DESIGN.md §4), written and read
 * the same way by the JSONL and project JSON formats (and usable by other
 * exports). Written by tessera-record-writer.c, read by
 * tessera-record-import.c (with tessera-record-import-annotations.c).
 *
 *   {"id":uid,"title",…,"status","offset_unit":"codepoint","text",
 *    "spans":[{"id":"s<span id>","start","end","label","text","annotator","note",
 *              "cluster":"c<id>","cluster_name"}],
 *    "events":[{"id":"e<id>","type","trigger":"s<id>","realis","confirmation",
 *               "annotator","arguments":[{"role","span":"s<id>"}],"cluster","cluster_name"}],
 *    "stances":[{"id":"t<id>","span","label","holder","target":{"event"|"span"},
 *                "annotator"}]}
 *
 * "cluster" appears on a span or event in a cluster. Training data (JSONL)
 * leaves suggestions out, with every reference to them, and names each
 * cluster on its members ("cluster_name"); a backup (project JSON) keeps
 * suggestions with "suggested": true and names clusters once, at the top
 * of the file. Both read "suggested", "cluster" and "cluster_name" back.
 */

/* Room for a prefix letter, a gint64 and the NUL. */
#define TESSERA_RECORD_REF_SIZE 24

/* Formats the reference a record uses for an object: @prefix 's' (span),
 * 'e' (event) or 't' (stance) then the id, e.g. "s12". Returns @buf. */
const char *_tessera_record_format_ref (char    buf[TESSERA_RECORD_REF_SIZE],
                                        char    prefix,
                                        gint64  id);

/* State for _tessera_record_export_document(), a TesseraDocumentFunc
 * for tessera_project_foreach_document (with_text = TRUE): writes each
 * document as a record (a JSONL line when @jsonl), checks cancellation
 * and reports progress per document. */
typedef struct
{
  TesseraProject             *project;
  TesseraJsonWriter          *writer;
  const TesseraExportOptions *options;   /* may be NULL */
  gboolean                    jsonl;
  gboolean                    backup;    /* keep suggestions (flagged) */
  guint64                     done;
  guint64                     total;
  GHashTable                 *clusters;  /* gint64* id → name; NULL: no members anywhere */
  gint64                      annotator_id;  /* options->annotator's; 0: everyone's */
  GHashTable                 *normalised;  /* what span texts mean, by kind, date, text */
} TesseraRecordExport;

/* Fills @ex (the project's clusters included) for an export. */
gboolean    _tessera_record_export_init  (TesseraRecordExport        *ex,
                                          TesseraProject             *project,
                                          TesseraJsonWriter          *writer,
                                          const TesseraExportOptions *options,
                                          gboolean                    jsonl,
                                          gboolean                    backup,
                                          GError                    **error);
void        _tessera_record_export_clear (TesseraRecordExport        *ex);

/* Writes @doc, loaded with its text, as one record object (no newline).
 * Span texts are cut from the text, so a consumer can check offsets. */
gboolean    _tessera_record_write      (TesseraRecordExport *ex,
                                        TesseraDocument     *doc,
                                        GError             **error);

gboolean    _tessera_record_export_document (TesseraDocument *doc,
                                             gpointer         user_data,
                                             GError         **error);

/* Removes from a document's annotations (as listed by the project) the
 * suggested ones and every reference to them: events triggered by a
 * suggested span, arguments it fills, stances whose statement it is; a
 * holder or target that is suggested is cleared. Returns whether
 * anything was suggested. */
/* The same, for objects that are suggested (when @drop_suggested) or,
 * when @annotator_id is not 0, made by another annotator. */
gboolean    _tessera_record_keep           (GArray    *spans,
                                            GPtrArray *events,
                                            GArray    *stances,
                                            gboolean   drop_suggested,
                                            gint64     annotator_id);
gboolean    _tessera_record_drop_suggested (GArray    *spans,
                                            GPtrArray *events,
                                            GArray    *stances);

/* A TESSERA_ERROR_CORRUPT error naming @doc and its object @prefix@id
 * ("s12"), then @what is wrong with it; returns FALSE. */
gboolean    _tessera_record_corrupt_error (GError          **error,
                                           TesseraDocument  *doc,
                                           const char       *what,
                                           char              prefix,
                                           gint64            id);

/* Writes a json-glib tree (small ones: the embedded schema). */
void        _tessera_record_write_node (TesseraJsonWriter *w,
                                        JsonNode          *node);

/* Reads records into the project for one import file. */
typedef struct _TesseraRecordImporter TesseraRecordImporter;

/* @file_label names the file in messages. Spans, events and stances keep
 * their "annotator"; the project's current annotator signs those without
 * one (the import never changes it). With @keep_ids (restoring a project
 * JSON into an empty project) references of the form "s<n>", "e<n>",
 * "t<n>" become the ids of the new objects, so the restored project
 * exports exactly as the original. */
TesseraRecordImporter *_tessera_record_importer_new  (TesseraImportContext  *ctx,
                                                      const char            *file_label,
                                                      gboolean               keep_ids);
/* Adds one record (errors: TESSERA_ERROR_INVALID_INPUT, or what the
 * project reports). Messages start with "FILE:LINE" when @line > 0,
 * otherwise "FILE: document INDEX (uid …)". A record whose id names an
 * existing document with the same text (or no text) adds its annotations
 * to it, skipping spans (same start, end, label), events (same trigger
 * and type) and stances it already has, and sets the title, source, url,
 * published, language and status it gives (fields it lacks stay as they
 * are). Must run inside the import's transaction. */
gboolean    _tessera_record_importer_add   (TesseraRecordImporter  *self,
                                            JsonNode               *record,
                                            guint64                 line,
                                            guint                   index,
                                            GError                **error);
/* Creates the clusters a project JSON lists at its top ("clusters":
 * [{"id":"c1","kind":"event","name":…,"created":…}]), keeping their ids
 * with @keep_ids when free, so its records' "cluster" references find
 * them. Without this call (JSONL), a reference makes a cluster named by
 * its "cluster_name" on first sight, or finds the project's cluster with
 * that id, kind and name (a re-import into the project it came from). */
gboolean    _tessera_record_importer_add_clusters (TesseraRecordImporter *self,
                                            JsonNode               *clusters,
                                            GError                **error);
void        _tessera_record_importer_free  (TesseraRecordImporter  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraRecordImporter, _tessera_record_importer_free)

G_END_DECLS
