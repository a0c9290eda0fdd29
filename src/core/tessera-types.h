/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _TesseraProject  TesseraProject;
typedef struct _TesseraHistory  TesseraHistory;
typedef struct _TesseraLabel    TesseraLabel;
typedef struct _TesseraDocument TesseraDocument;
typedef struct _TesseraSpan     TesseraSpan;
typedef struct _TesseraEvent    TesseraEvent;
typedef struct _TesseraStance   TesseraStance;

/* Reports progress of long work; total is 0 when unknown. */
typedef void (*TesseraProgressFunc) (guint64  done,
                                     guint64  total,
                                     gpointer user_data);

G_END_DECLS
