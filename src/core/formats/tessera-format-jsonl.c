/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-format-jsonl"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-json-util.h"
#include "tessera-limits.h"
#include "tessera-record.h"

/* Read size of the JSONL line reader. */
#define READ_CHUNK (64 * 1024)

gboolean
tessera_export_jsonl (TesseraProject              *project,
                      GOutputStream               *out,
                      const TesseraExportOptions  *options,
                      GError                     **error)
{
  g_autoptr(TesseraJsonWriter) writer = NULL;
  TesseraRecordExport ex;
  gboolean ok;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  writer = tessera_json_writer_new (out, options ? options->cancellable : NULL);

  ok = _tessera_record_export_init (&ex, project, writer, options, TRUE, FALSE, error) &&
       tessera_project_foreach_document (project, TRUE, _tessera_record_export_document, &ex, error);
  _tessera_record_export_clear (&ex);
  if (!ok)
    return FALSE;

  return tessera_json_writer_finish (g_steal_pointer (&writer), error);
}

/* --- the JSONL file --------------------------------------------------- */

/* Hands out lines with memory bounded by the longest one (GDataInputStream
 * would buffer a line of any length). */
typedef struct
{
  GInputStream *in;
  GCancellable *cancellable;
  char         *buf;
  gsize         size;
  gsize         start;      /* first byte of the next line */
  gsize         end;        /* end of the bytes read */
  gsize         scanned;    /* no newline in [start, scanned) */
  gboolean      eof;
  guint64       consumed;   /* bytes of the file handed out as lines */
} LineReader;

static void
line_reader_clear (LineReader *r)
{
  g_clear_object (&r->in);
  g_clear_pointer (&r->buf, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LineReader, line_reader_clear)

static void
set_line_too_long_error (GError     **error,
                         const char  *display,
                         guint64      line_no)
{
  g_autofree char *limit = g_format_size_full (TESSERA_MAX_JSONL_LINE, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_LIMIT,
               /* Translators: the file name and the line number ("a.jsonl:3"), then a size
                * ("64.0 MiB"). */
               _("%s:%" PRIu64 ": line longer than the %s limit for one record"),
               display, line_no, limit);
}

/* Returns the next line (without its "\n") in @line/@len, valid until the
 * next call; FALSE at the end (error unset) or on error. */
static gboolean
line_reader_next (LineReader  *r,
                  const char  *display,
                  guint64      line_no,
                  const char **line,
                  gsize       *len,
                  GError     **error)
{
  for (;;)
    {
      const char *nl = memchr (r->buf + r->scanned, '\n', r->end - r->scanned);
      g_autoptr(GError) local_error = NULL;
      gssize n;

      if (nl != NULL || (r->eof && r->end > r->start))
        {
          gsize line_end = nl != NULL ? (gsize) (nl - r->buf) : r->end;
          gsize next = nl != NULL ? line_end + 1 : line_end;

          if (line_end - r->start > TESSERA_MAX_JSONL_LINE)
            {
              set_line_too_long_error (error, display, line_no);
              return FALSE;
            }

          *line = r->buf + r->start;
          *len = line_end - r->start;
          r->consumed += next - r->start;
          r->start = r->scanned = next;
          return TRUE;
        }

      if (r->eof)
        return FALSE;

      r->scanned = r->end;
      if (r->end - r->start > TESSERA_MAX_JSONL_LINE)
        {
          set_line_too_long_error (error, display, line_no);
          return FALSE;
        }

      /* Make room: drop the lines handed out, then grow. */
      if (r->start > 0)
        {
          memmove (r->buf, r->buf + r->start, r->end - r->start);
          r->end -= r->start;
          r->scanned -= r->start;
          r->start = 0;
        }
      if (r->size - r->end < READ_CHUNK / 2)
        {
          r->size *= 2;
          r->buf = g_realloc (r->buf, r->size);
        }

      n = g_input_stream_read (r->in, r->buf + r->end, r->size - r->end,
                               r->cancellable, &local_error);
      if (n < 0)
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED,
                       _("%s: %s"), display, local_error->message);
          return FALSE;
        }
      if (n == 0)
        r->eof = TRUE;
      r->end += n;
    }
}

static gboolean
is_blank_line (const char *line,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
      return FALSE;

  return TRUE;
}

gboolean
_tessera_import_jsonl_file (TesseraImportContext  *ctx,
                            const char            *path,
                            GError               **error)
{
  g_autofree char *display = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(TesseraRecordImporter) importer = NULL;
  g_auto(LineReader) reader = { 0 };
  GCancellable *cancellable;
  guint64 line_no = 0;
  const char *line;
  gsize len;

  g_return_val_if_fail (ctx != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  cancellable = ctx->options != NULL ? ctx->options->cancellable : NULL;
  file = g_file_new_for_path (path);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error (error, TESSERA_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                   ? TESSERA_ERROR_NOT_FOUND : TESSERA_ERROR_FAILED,
                   _("%s: %s"), display, local_error->message);
      return FALSE;
    }
  if (g_file_info_get_size (info) > TESSERA_MAX_JSON_FILE_SIZE)
    {
      g_autofree char *limit = g_format_size_full (TESSERA_MAX_JSON_FILE_SIZE,
                                                   G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_LIMIT,
                   /* Translators: the file name, then a size ("2.0 GiB"). */
                   _("%s: larger than the %s limit for a JSONL file; split it"), display, limit);
      return FALSE;
    }

  reader.in = G_INPUT_STREAM (g_file_read (file, cancellable, &local_error));
  if (reader.in == NULL)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED,
                   _("%s: %s"), display, local_error->message);
      return FALSE;
    }
  reader.cancellable = cancellable;
  reader.size = READ_CHUNK;
  reader.buf = g_malloc (reader.size);

  importer = _tessera_record_importer_new (ctx, display, FALSE);

  for (;;)
    {
      g_autofree char *origin = NULL;
      g_autofree char *repaired = NULL;
      g_autoptr(JsonNode) root = NULL;
      const char *bad;

      if (!line_reader_next (&reader, display, line_no + 1, &line, &len, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          break;
        }

      line_no++;
      if (is_blank_line (line, len))
        continue;

      if (_tessera_import_context_cancelled (ctx, error))
        return FALSE;

      origin = g_strdup_printf ("%s:%" G_GUINT64_FORMAT, display, line_no);

      /* Repaired here, before parsing, so every string of the record is
       * valid UTF-8 and the text's offsets are counted on what is kept. */
      if (!g_utf8_validate_len (line, len, &bad))
        {
          if (!ctx->options->repair_utf8 || *bad == '\0')
            {
              if (*bad == '\0')
                g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                             /* Translators: the file name and line number ("a.jsonl:3"),
                              * then a byte offset in that line. */
                             _("%s: NUL byte at byte %zu of the line"), origin, (gsize) (bad - line));
              else
                g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                             /* Translators: the file name and line number ("a.jsonl:3"),
                              * then a byte offset in that line. */
                             _("%s: invalid UTF-8 at byte %zu of the line"), origin,
                             (gsize) (bad - line));
              return FALSE;
            }
          repaired = g_utf8_make_valid (line, len);
          _tessera_import_report_notice (ctx->report,
                                         "%s: invalid UTF-8 replaced by U+FFFD", origin);
          line = repaired;
          len = strlen (repaired);
        }

      root = tessera_json_parse (origin, line, len, error);
      if (root == NULL ||
          !_tessera_record_importer_add (importer, root, line_no, 0, error))
        return FALSE;

      _tessera_import_context_progress (ctx, reader.consumed);
    }

  return TRUE;
}
