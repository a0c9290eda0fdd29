/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tessera-types.h"
#include "tessera-core-enums.h"

G_BEGIN_DECLS

typedef enum
{
  TESSERA_STATUS_NEW,
  TESSERA_STATUS_IN_PROGRESS,
  TESSERA_STATUS_DONE,
  TESSERA_N_STATUSES, /*< skip >*/
} TesseraDocumentStatus;

/* "new", "in-progress", "done" (also accepts "in_progress"). */
const char *tessera_status_to_string   (TesseraDocumentStatus  status);
gboolean    tessera_status_from_string (const char            *str,
                                        TesseraDocumentStatus *status);

#define TESSERA_TYPE_DOCUMENT (tessera_document_get_type ())

/* A document's metadata and, when asked for, its text. Refcounted. */
struct _TesseraDocument
{
  gint64                 id;
  char                  *uid;        /* stable id used in JSON ("id") */
  char                  *title;
  char                  *source;     /* outlet */
  char                  *url;
  char                  *published;  /* as given, ideally ISO 8601 date */
  char                  *language;
  TesseraDocumentStatus  status;
  char                  *text;       /* NULL unless loaded */
  gint64                 n_chars;    /* length in code points */
  char                  *sha256;
  gint64                 imported_at;/* unix seconds */
  gint64                 n_annotations; /* spans in the document */
  gint64                 n_suggested;   /* of them, suggested (pending) */

  /*< private >*/
  gatomicrefcount        ref_count;
};

GType            tessera_document_get_type (void) G_GNUC_CONST;
TesseraDocument *tessera_document_new      (void);
TesseraDocument *tessera_document_ref      (TesseraDocument *doc);
void             tessera_document_unref    (TesseraDocument *doc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraDocument, tessera_document_unref)

G_END_DECLS
