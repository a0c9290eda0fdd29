/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

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
void     _tessera_import_report_notice     (TesseraImportReport  *report,
                                            const char           *format,
                                            ...) G_GNUC_PRINTF (2, 3);

/* One file each. The uid of a plain-text document is its file name
 * without extension (made unique with "-2", "-3"… if taken). */
gboolean _tessera_import_text_file         (TesseraImportContext *ctx,
                                            const char           *path,
                                            GError              **error);
gboolean _tessera_import_jsonl_file        (TesseraImportContext *ctx,
                                            const char           *path,
                                            GError              **error);
gboolean _tessera_import_project_json_file (TesseraImportContext *ctx,
                                            const char           *path,
                                            GError              **error);

G_END_DECLS
