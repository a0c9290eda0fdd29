/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-project.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean             repair_utf8;   /* invalid bytes become U+FFFD */
  TesseraProgressFunc  progress;      /* bytes done / total */
  gpointer             progress_data;
  GCancellable        *cancellable;
} TesseraImportOptions;

typedef struct
{
  guint      n_documents;   /* new documents */
  guint      n_merged;      /* existing documents (same id and text) that got annotations */
  guint      n_spans;
  guint      n_events;
  guint      n_stances;
  guint      n_skipped;     /* files in a folder that are not importable */
  GPtrArray *notices;       /* char*: what was repaired or converted, per file */
} TesseraImportReport;

void     tessera_import_report_init  (TesseraImportReport *report);
void     tessera_import_report_clear (TesseraImportReport *report);

/* Imports files and folders (a folder: its .txt, .jsonl and .json files in
 * file-name order) in ONE transaction: on any error nothing is added and
 * the project file is left exactly as it was. By extension: .jsonl/.ndjson
 * are Tessera JSONL, .json is project JSON, anything else plain text.
 * Errors name the file and the byte or line. */
gboolean tessera_import_paths        (TesseraProject              *project,
                                      const char * const          *paths,
                                      const TesseraImportOptions  *options,
                                      TesseraImportReport         *report,
                                      GError                     **error);

/* The same, on a connection of its own in a worker thread (see
 * tessera_project_write_async): @project stays open for reading, the
 * window keeps its document and its undo history, and the documents
 * arrive as one reset. @options->progress is called in the worker
 * thread. */
void     tessera_import_paths_async  (TesseraProject              *project,
                                      const char * const          *paths,
                                      const TesseraImportOptions  *options,
                                      GAsyncReadyCallback          callback,
                                      gpointer                     user_data);
/* @report (initialised, may be NULL) receives what was imported. */
gboolean tessera_import_paths_finish (TesseraProject              *project,
                                      GAsyncResult                *result,
                                      TesseraImportReport         *report,
                                      GError                     **error);

/* Merges annotators' projects into @project in ONE transaction (on any
 * error nothing is added): every document of each input (matched by id
 * and text; the same id with another text is an error naming both
 * files), with its spans, events, stances and suggestions, each kept with
 * its annotator, and its cluster links (clusters matched by kind and
 * name). What @project already has from the same annotator is not added
 * again, so merging the same file twice adds nothing. */
gboolean tessera_merge_projects      (TesseraProject              *project,
                                      const char * const          *inputs,
                                      const TesseraImportOptions  *options,
                                      TesseraImportReport         *report,
                                      GError                     **error);

/* Copies the documents @document_ids (gint64) of @from into @project, in
 * ONE transaction: text and metadata, status "new". With @suggest_as,
 * their accepted spans, events and stances come too, as suggestions
 * signed by @suggest_as (what that annotator accepts is theirs); clusters
 * stay behind. */
gboolean tessera_copy_documents      (TesseraProject              *project,
                                      TesseraProject              *from,
                                      GArray                      *document_ids,
                                      const char                  *suggest_as,
                                      GCancellable                *cancellable,
                                      GError                     **error);

typedef struct
{
  TesseraProgressFunc  progress;      /* documents done / total */
  gpointer             progress_data;
  GCancellable        *cancellable;
  /* One annotator's layer only (NULL: everyone's): what they made, and
   * what refers only to it (an argument another filled is left out). An
   * annotator the project does not know is an error. */
  const char          *annotator;
} TesseraExportOptions;

/* Tessera JSONL: one document per line, spans with their text, events,
 * stances, "offset_unit": "codepoint". */
gboolean tessera_export_jsonl        (TesseraProject              *project,
                                      GOutputStream               *out,
                                      const TesseraExportOptions  *options,
                                      GError                     **error);
/* The whole project (schema, annotators, documents, annotations) in one
 * JSON object that tessera_import_paths() reads back into a new project. */
gboolean tessera_export_project_json (TesseraProject              *project,
                                      GOutputStream               *out,
                                      const TesseraExportOptions  *options,
                                      GError                     **error);
/* Counts by label, source and status; each event with its document,
 * source, realis, confirmation and the stances toward it. */
gboolean tessera_export_report_json  (TesseraProject              *project,
                                      GOutputStream               *out,
                                      const TesseraExportOptions  *options,
                                      GError                     **error);

/* Token JSONL: one sentence per line, {"document","sentence","tokens",
 * "ner_tags" (IOB2 over the accepted entity spans),"token_offsets"
 * ([start,end] code points into the text)}. Words and sentences are
 * ICU's; a span off token boundaries covers the tokens it touches, and
 * of overlapping spans the outermost wins. */
gboolean tessera_export_tokens       (TesseraProject              *project,
                                      GOutputStream               *out,
                                      const TesseraExportOptions  *options,
                                      GError                     **error);

/* CoNLL, IOB2 over the same tokens and tags: "-DOCSTART- O" and a blank
 * line before each document, "TOKEN TAG" per line, a blank line after
 * each sentence. */
gboolean tessera_export_conll        (TesseraProject              *project,
                                      GOutputStream               *out,
                                      const TesseraExportOptions  *options,
                                      GError                     **error);

typedef enum
{
  TESSERA_EXPORT_JSONL,
  TESSERA_EXPORT_PROJECT_JSON,
  TESSERA_EXPORT_REPORT_JSON,
  TESSERA_EXPORT_TOKENS,
  TESSERA_EXPORT_CONLL,
} TesseraExportFormat;

/* Exports to @file in a worker thread, on a read-only connection of its
 * own that runs the full integrity check first; @project stays usable.
 * The file is replaced only when the export succeeds (a failed or
 * cancelled one leaves what was there). @options->progress is called in
 * the worker thread. */
void     tessera_export_file_async   (TesseraProject              *project,
                                      TesseraExportFormat          format,
                                      GFile                       *file,
                                      const TesseraExportOptions  *options,
                                      GAsyncReadyCallback          callback,
                                      gpointer                     user_data);
gboolean tessera_export_file_finish  (TesseraProject              *project,
                                      GAsyncResult                *result,
                                      GError                     **error);

G_END_DECLS
