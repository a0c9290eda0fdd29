/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-formats.h"
#include "tessera-project.h"

G_BEGIN_DECLS

/* What the interop tests share: imports that must work or fail, and the
 * project's spans as a user sees them. */

/* A span as a user sees it; the strings are interned. */
typedef struct
{
  const char *text;       /* cut from the stored text at the span's offsets */
  const char *label;
  const char *note;
  const char *annotator;
  gboolean    suggested;
} FoundSpan;

typedef struct
{
  guint events, arguments, stances, notes;
} Counts;

#define ASSERT_SPANS(spans, text, label, n) \
  g_assert_cmpuint (count_spans ((spans), (text), (label), NULL, -1), ==, (n))

char    *interop_path (const char *name);
char    *snapshot     (TesseraProject *project);
char    *text_of      (TesseraProject *project, const char *uid);
void     import_ok    (TesseraProject *project, const char *path,
                       const TesseraImportOptions *options, TesseraImportReport *report);
void     import_fails (TesseraProject *project, const char *path,
                       const TesseraImportOptions *options, ...) G_GNUC_NULL_TERMINATED;
guint    loss_count   (const TesseraImportReport *report, TesseraLossKind kind, const char *name);
GArray  *all_spans    (TesseraProject *project, Counts *counts);
guint    count_spans  (GArray *spans, const char *text, const char *label,
                       const char *annotator, int suggested);
const FoundSpan *find_span (GArray *spans, const char *text);
gint64   utf16_units  (const char *from, const char *to);
void     offsets_of   (const char *text, const char *word, gboolean utf16,
                       gint64 *start, gint64 *end);
void     separate     (GString *out);

G_END_DECLS
