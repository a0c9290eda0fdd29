/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TESSERA_ERROR (tessera_error_quark ())

typedef enum
{
  TESSERA_ERROR_FAILED,
  TESSERA_ERROR_NOT_A_PROJECT,   /* the file is not a Tessera project */
  TESSERA_ERROR_TOO_NEW,         /* written by a newer Tessera */
  TESSERA_ERROR_LOCKED,          /* another process holds it for writing */
  TESSERA_ERROR_READ_ONLY,       /* a write was asked of a read-only project */
  TESSERA_ERROR_CORRUPT,         /* quick_check or integrity failed */
  TESSERA_ERROR_EXISTS,          /* creating over an existing file */
  TESSERA_ERROR_INVALID_INPUT,   /* bad text, bad JSON, offsets out of range… */
  TESSERA_ERROR_INVALID_SCHEMA,  /* a label schema that cannot be used */
  TESSERA_ERROR_NOT_FOUND,       /* no such document, span, label… */
  TESSERA_ERROR_LIMIT,           /* a size, depth or count limit was passed */
  TESSERA_ERROR_IN_USE,          /* a label still used by annotations */
  TESSERA_ERROR_CANCELLED,
  TESSERA_ERROR_SQLITE,          /* an unexpected SQLite failure */
  TESSERA_ERROR_STRAY_WAL,       /* the -wal beside the project is not its own */
  TESSERA_ERROR_NOT_VERIFIED,    /* a write before the deferred check has passed */
  TESSERA_ERROR_BUSY,            /* a write while long work writes on another connection */
} TesseraError;

GQuark tessera_error_quark (void);

G_END_DECLS
