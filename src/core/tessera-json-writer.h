/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A streaming JSON writer: exports write record by record into a buffer
 * flushed to a GOutputStream, so memory does not grow with the corpus
 * (json-glib builds a whole tree first). Commas between members and
 * elements are inserted automatically. The first write error is kept and
 * later calls do nothing; tessera_json_writer_finish() reports it. */

typedef struct _TesseraJsonWriter TesseraJsonWriter;

TesseraJsonWriter *tessera_json_writer_new          (GOutputStream     *out,
                                                     GCancellable      *cancellable);
/* Flushes and frees; returns FALSE with the first error, if any. */
gboolean           tessera_json_writer_finish       (TesseraJsonWriter *w,
                                                     GError           **error);
void               tessera_json_writer_free         (TesseraJsonWriter *w);

/* Pretty output: newline and two-space indent per level. Default compact. */
void               tessera_json_writer_set_pretty   (TesseraJsonWriter *w,
                                                     gboolean           pretty);

void               tessera_json_writer_begin_object (TesseraJsonWriter *w);
void               tessera_json_writer_end_object   (TesseraJsonWriter *w);
void               tessera_json_writer_begin_array  (TesseraJsonWriter *w);
void               tessera_json_writer_end_array    (TesseraJsonWriter *w);
void               tessera_json_writer_key          (TesseraJsonWriter *w,
                                                     const char        *key);
/* @len -1 for NUL-terminated; NULL writes null. */
void               tessera_json_writer_string       (TesseraJsonWriter *w,
                                                     const char        *str,
                                                     gssize             len);
void               tessera_json_writer_int          (TesseraJsonWriter *w,
                                                     gint64             value);
void               tessera_json_writer_double       (TesseraJsonWriter *w,
                                                     double             value);
void               tessera_json_writer_boolean      (TesseraJsonWriter *w,
                                                     gboolean           value);
void               tessera_json_writer_null         (TesseraJsonWriter *w);
/* Ends a JSONL record: writes "\n" at top level. */
void               tessera_json_writer_newline      (TesseraJsonWriter *w);

/* Shorthands for "key": value members. */
void               tessera_json_writer_member_string (TesseraJsonWriter *w,
                                                      const char        *key,
                                                      const char        *str);
void               tessera_json_writer_member_int    (TesseraJsonWriter *w,
                                                      const char        *key,
                                                      gint64             value);

/* Pushes buffered bytes to the stream (also done as the buffer fills). */
gboolean           tessera_json_writer_flush        (TesseraJsonWriter *w,
                                                     GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraJsonWriter, tessera_json_writer_free)

G_END_DECLS
