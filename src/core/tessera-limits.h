/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Limits on input (DESIGN.md §8): past them an import fails with
 * TESSERA_ERROR_LIMIT and a message naming the file and what was too big. */

#define TESSERA_MAX_TEXT_FILE_SIZE   (64 * 1024 * 1024)     /* one plain-text document */
#define TESSERA_MAX_JSON_FILE_SIZE   (G_GINT64_CONSTANT (4) * 1024 * 1024 * 1024)
#define TESSERA_MAX_JSONL_LINE       (128 * 1024 * 1024)    /* one JSONL record */
#define TESSERA_MAX_PROJECT_JSON     (1024 * 1024 * 1024)   /* parsed as one tree */
#define TESSERA_MAX_JSON_DEPTH       64
#define TESSERA_MAX_SPANS_PER_DOC    1000000
