/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "tessera-formats.h"

G_BEGIN_DECLS

/* State of one tessera_import_paths() call, shared by the per-format
 * importers. They run inside the transaction the dispatcher opened and
 * must not begin, commit or roll back themselves. */
typedef struct
{
  TesseraProject             *project;
  const TesseraImportOptions *options;
  TesseraImportReport        *report;
  guint64                     bytes_done;   /* over all files, for progress */
  guint64                     bytes_total;
} TesseraImportContext;

/* Reports progress through options->progress, if set. */
void     _tessera_import_context_progress  (TesseraImportContext *ctx,
                                            guint64               bytes_in_file);
/* TRUE (with error set) when options->cancellable was cancelled. */
gboolean _tessera_import_context_cancelled (TesseraImportContext *ctx,
                                            GError              **error);
/* options->annotator's id into @id (0 when no annotator is asked for). */
gboolean _tessera_export_resolve_annotator (TesseraProject             *project,
                                            const TesseraExportOptions *options,
                                            gint64                     *id,
                                            GError                    **error);
/* Nothing was added after a rollback, so the report must not say so. */
void     _tessera_import_report_forget_additions (TesseraImportReport *report);
void     _tessera_import_report_notice     (TesseraImportReport  *report,
                                            const char           *format,
                                            ...) G_GNUC_PRINTF (2, 3);

/* One file each. The uid of a plain-text document is its file name
 * without extension (made unique with "-2", "-3"… if taken). */
gboolean _tessera_import_text_file         (TesseraImportContext *ctx,
                                            const char           *path,
                                            GError              **error);
/* Saved web pages (.html, .htm): the article's text and metadata. */
gboolean _tessera_import_html_file         (TesseraImportContext *ctx,
                                            const char           *path,
                                            GError              **error);
/* Adds @doc (text and metadata) as the document of the file @path: its
 * uid is the file name without extension, made unique; its title is cut
 * to one line of the document list, and without one it is the text's
 * first line. Returns the new id, 0 when the text is blank (skipped, and
 * the report says so), -1 on error. */
gint64   _tessera_import_add_file_document (TesseraImportContext *ctx,
                                            const char           *path,
                                            TesseraDocument      *doc,
                                            GError              **error);
gboolean _tessera_import_jsonl_file        (TesseraImportContext *ctx,
                                            const char           *path,
                                            GError              **error);
gboolean _tessera_import_project_json_file (TesseraImportContext *ctx,
                                            const char           *path,
                                            GError              **error);

/* Other tools' files (tessera-format-detect.c). A document record with
 * keys Tessera does not know is refused, naming them and the format the
 * record looks like (doccano, WikiEvents, RAMS, Label Studio…); @where
 * begins the message. */
gboolean _tessera_record_check_keys          (JsonObject           *record,
                                              const char           *where,
                                              GError              **error);
/* The error for a .json file whose @root is not a Tessera project JSON,
 * naming what it looks like when that can be told. */
void     _tessera_set_not_project_json_error (const char           *display,
                                              JsonNode             *root,
                                              GError              **error);

G_END_DECLS
