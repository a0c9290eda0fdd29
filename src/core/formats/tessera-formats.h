/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-project.h"

G_BEGIN_DECLS

/* What the files are. AUTO tells by name and content: a folder with
 * .ann files is brat standoff, .conll/.iob/.bio are CoNLL, JSONL records
 * with "label" or "entities" are doccano's, a .json array of tasks with
 * "data" is Label Studio's, .html/.htm are saved web pages; the rest
 * Tessera's own or plain text. */
typedef enum
{
  TESSERA_IMPORT_AUTO,
  TESSERA_IMPORT_TESSERA,       /* JSONL or project JSON, by extension */
  TESSERA_IMPORT_TEXT,
  TESSERA_IMPORT_BRAT,
  TESSERA_IMPORT_CONLL,
  TESSERA_IMPORT_DOCCANO,
  TESSERA_IMPORT_LABEL_STUDIO,
} TesseraImportFormat;

/* The unit of another tool's character offsets. AUTO: UTF-16 code units
 * for doccano (JavaScript strings), told from each span's text for Label
 * Studio, code points for brat (Python strings). */
typedef enum
{
  TESSERA_OFFSETS_AUTO,
  TESSERA_OFFSETS_UTF16,
  TESSERA_OFFSETS_CODEPOINT,
} TesseraOffsetUnit;

typedef struct
{
  gboolean             repair_utf8;   /* invalid bytes become U+FFFD */
  TesseraProgressFunc  progress;      /* bytes done / total */
  gpointer             progress_data;
  GCancellable        *cancellable;
  TesseraImportFormat  format;
  TesseraOffsetUnit    offsets;
  /* Other tools' labels (entity labels, event types, roles, stance
   * labels) renamed: file's name → project's name. May be NULL. */
  GHashTable          *label_map;
  /* Labels the project lacks are added to its schema; otherwise they
   * are an error that lists them all. */
  gboolean             add_labels;
  /* Anything the project cannot hold (a relation, a discontinuous
   * span…) is an error instead of a loss in the report. */
  gboolean             strict;
} TesseraImportOptions;

/* Parses "A=B,C=D" or a file of such pairs, one a line ("A=B" or
 * "A<TAB>B"; '#' starts a comment) into a table for label_map. */
GHashTable *tessera_import_parse_label_map (const char  *spec_or_path,
                                            GError     **error);

/* What another tool's files held that the project cannot: counted by
 * kind (and name, for attributes), with where the first one was. */
typedef enum
{
  TESSERA_LOSS_RELATION,         /* brat R, doccano and Label Studio relations */
  TESSERA_LOSS_NORMALIZATION,    /* brat N */
  TESSERA_LOSS_DISCONTINUOUS,    /* a span in several pieces */
  TESSERA_LOSS_EVENT_ARGUMENT,   /* an event as another event's argument */
  TESSERA_LOSS_ATTRIBUTE,        /* an attribute with no counterpart; @name */
  TESSERA_LOSS_NOTE,             /* a note on what cannot hold one */
  TESSERA_LOSS_DOCUMENT_LABEL,   /* a label on a whole document */
  TESSERA_LOSS_EQUIV_TYPE,       /* the type of a brat equivalence */
  TESSERA_LOSS_OTHER,            /* another kind of annotation; @name */
} TesseraLossKind;

typedef struct
{
  TesseraLossKind  kind;
  char            *name;     /* attribute or annotation name, or NULL */
  guint            count;
  char            *first;    /* "FILE:LINE" of the first */
} TesseraImportLoss;

/* "8 relations (first at news/060.ann:5)", translated. */
char    *tessera_import_loss_describe (const TesseraImportLoss *loss);

typedef struct
{
  guint      n_documents;   /* new documents */
  guint      n_merged;      /* existing documents (same id and text) that got annotations */
  guint      n_spans;
  guint      n_events;
  guint      n_stances;
  guint      n_skipped;     /* files in a folder that are not importable */
  GPtrArray *notices;       /* char*: what was repaired or converted, per file */
  GPtrArray *losses;        /* TesseraImportLoss*: what other tools' files held
                             * that the project cannot, by kind */
  guint      n_labels_added;
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

/* What an export had to change or leave out, for its report. */
typedef struct
{
  guint64 n_documents;
  guint64 n_spans_widened;     /* tokens, CoNLL, event JSON: off token boundaries */
  guint64 n_spans_overlapping; /* tokens, CoNLL: nested or overlapping, outer kept */
  guint64 n_arguments_outside; /* event JSON: arguments outside the event's window */
} TesseraExportReport;

typedef struct
{
  TesseraProgressFunc  progress;      /* documents done / total */
  gpointer             progress_data;
  GCancellable        *cancellable;
  /* One annotator's layer only (NULL: everyone's): what they made, and
   * what refers only to it (an argument another filled is left out). An
   * annotator the project does not know is an error. */
  const char          *annotator;
  /* Only these documents (a set of gint64 ids; --split), NULL: all. */
  GHashTable          *documents;
  /* Receives counts of what was changed or left out; may be NULL. */
  TesseraExportReport *report;
} TesseraExportOptions;

/* TRUE when @options leaves document @id out. */
gboolean tessera_export_skips_document (const TesseraExportOptions *options,
                                        gint64                      id);

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

/* brat standoff into the folder @path (made; it must not exist or be
 * empty, and is filled only when the whole export succeeds): DOC.txt and
 * DOC.ann per document, named after its id, and annotation.conf from the
 * schema. Spans are T lines, events E lines (a repeated role numbered:
 * Role, Role2…), realis and confirmation A lines; a stance is an event of
 * its label with Holder and Target; a span note is a # note; a cluster
 * is a "cluster: NAME" note on each member, and an entity cluster also an
 * Equiv line. Importing the folder gives back the same spans, events,
 * stances, notes and clusters. */
gboolean tessera_export_brat         (TesseraProject              *project,
                                      const char                  *path,
                                      const TesseraExportOptions  *options,
                                      GError                     **error);

typedef enum
{
  TESSERA_EXPORT_JSONL,
  TESSERA_EXPORT_PROJECT_JSON,
  TESSERA_EXPORT_REPORT_JSON,
  TESSERA_EXPORT_TOKENS,
  TESSERA_EXPORT_CONLL,
  TESSERA_EXPORT_EVENT_JSON,   /* one sentence a line */
  TESSERA_EXPORT_BRAT,         /* @file is the folder to make */
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
