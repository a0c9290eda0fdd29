/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-format-text"

#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tessera-error.h"
#include "tessera-formats-private.h"
#include "tessera-limits.h"
#include "tessera-text.h"
#include "tessera-text-header.h"

/* A title is for the document list: a longer first line is cut here. */
#define MAX_TITLE_CHARS 200

/* Whitespace for trimming a title: Unicode spaces (U+00A0, U+3000…) and
 * the invisible characters web copy often starts a line with. */
static gboolean
is_blank (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x200B || c == 0x2060 || c == 0xFEFF;
}

/* @start..@end (one line) trimmed and cut to MAX_TITLE_CHARS; NULL when
 * it is blank. Valid UTF-8. */
static char *
title_from_line (const char *start,
                 const char *end)
{
  const char *p;
  GString *title;
  guint n = 0;

  while (start < end && is_blank (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);

  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!is_blank (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  if (start == end)
    return NULL;

  p = start;
  while (p < end && n < MAX_TITLE_CHARS)
    {
      p = g_utf8_next_char (p);
      n++;
    }

  title = g_string_new_len (start, p - start);
  if (p < end)
    {
      /* Do not leave a space before the ellipsis. */
      while (title->len > 0)
        {
          const char *last = g_utf8_prev_char (title->str + title->len);

          if (!is_blank (g_utf8_get_char (last)))
            break;
          g_string_truncate (title, last - title->str);
        }
      g_string_append (title, "…");
    }

  return g_string_free (title, FALSE);
}

/* Whether the line @start..@end is a saved page's notice rather than the
 * report: a cookie or consent banner ("This website uses cookies…", "Ce
 * site utilise des cookies…"), or a request to enable JavaScript. */
static gboolean
is_notice_line (const char *start,
                const char *end)
{
  static const char *const site_words[] = {
    "website", "site", "browser", "navigat", "consent", "accept", "experience", NULL,
  };
  g_autofree char *folded = g_utf8_casefold (start, end - start);

  if (strstr (folded, "javascript") != NULL &&
      (strstr (folded, "enable") != NULL || strstr (folded, "activ") != NULL))
    return TRUE;
  if (strstr (folded, "cookie") == NULL)
    return FALSE;
  for (guint i = 0; site_words[i] != NULL; i++)
    if (strstr (folded, site_words[i]) != NULL)
      return TRUE;

  return FALSE;
}

/* The first line with something other than whitespace and not a cookie
 * notice, trimmed and cut to MAX_TITLE_CHARS; else the first line with
 * something; NULL when the text has none. @text is valid UTF-8. */
static char *
find_title (const char *text)
{
  const char *line = text;
  g_autofree char *notice = NULL;

  while (*line != '\0')
    {
      const char *eol = strchr (line, '\n');
      const char *end = eol != NULL ? eol : line + strlen (line);
      char *title = title_from_line (line, end);

      if (title != NULL && is_notice_line (line, end))
        {
          if (notice == NULL)
            notice = title;
          else
            g_free (title);
          title = NULL;
        }
      if (title != NULL)
        return title;
      if (eol == NULL)
        break;
      line = eol + 1;
    }

  return g_steal_pointer (&notice);
}

/* The file name without its last extension ("a.b.txt" → "a.b"). */
static char *
uid_base_for_path (const char *path)
{
  g_autofree char *basename = g_filename_display_basename (path);
  char *dot = strrchr (basename, '.');

  if (dot != NULL && dot != basename)
    *dot = '\0';

  return g_steal_pointer (&basename);
}

static char *
unique_uid (TesseraProject  *project,
            const char      *base,
            GError         **error)
{
  g_autofree char *uid = g_strdup (base);

  for (guint n = 2; ; n++)
    {
      g_autoptr(TesseraDocument) existing = NULL;
      g_autoptr(GError) local_error = NULL;

      existing = tessera_project_find_document (project, uid, FALSE, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (existing == NULL)
        return g_steal_pointer (&uid);

      g_free (uid);
      uid = g_strdup_printf ("%s-%u", base, n);
    }
}

static void
report_fixes (TesseraImportReport    *report,
              const char             *display,
              const TesseraTextFixes *fixes)
{
  guint64 line_endings = fixes->crlf_converted + fixes->cr_converted;

  if (fixes->bom_removed)
    _tessera_import_report_notice (report, "%s: byte-order mark removed", display);

  if (line_endings > 0)
    _tessera_import_report_notice (report,
                                   "%s: %" G_GUINT64_FORMAT " %s converted to LF "
                                   "(%" G_GUINT64_FORMAT " CRLF, %" G_GUINT64_FORMAT " CR)",
                                   display, line_endings,
                                   line_endings == 1 ? "line ending" : "line endings",
                                   fixes->crlf_converted, fixes->cr_converted);

  if (fixes->bytes_repaired > 0)
    _tessera_import_report_notice (report,
                                   "%s: %" G_GUINT64_FORMAT " %s replaced by U+FFFD",
                                   display, fixes->bytes_repaired,
                                   fixes->bytes_repaired == 1 ? "invalid byte" : "invalid bytes");
}

static void
set_too_big_error (GError     **error,
                   const char  *display,
                   guint64      size)
{
  g_autofree char *size_str = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *limit_str = g_format_size_full (TESSERA_MAX_TEXT_FILE_SIZE,
                                                   G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_LIMIT,
               /* Translators: the file name, its size in bytes, the same size in
                * units ("65.0 MiB"), then the limit ("64.0 MiB"). */
               _("%s: %" PRIu64 " bytes (%s) is over the %s limit for a plain-text document"),
               display, size, size_str, limit_str);
}

gint64
_tessera_import_add_file_document (TesseraImportContext  *ctx,
                                   const char            *path,
                                   TesseraDocument       *doc,
                                   GError               **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *first_line = NULL;
  g_autofree char *title = NULL;
  g_autofree char *uid_base = NULL;
  g_autofree char *uid = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 id;

  first_line = find_title (doc->text);
  if (first_line == NULL)
    {
      ctx->report->n_skipped++;
      _tessera_import_report_notice (ctx->report, "%s: empty, skipped", display);
      return 0;
    }
  if (doc->title != NULL)
    title = title_from_line (doc->title, doc->title + strlen (doc->title));
  if (title == NULL)
    title = g_steal_pointer (&first_line);

  uid_base = uid_base_for_path (path);
  uid = unique_uid (ctx->project, uid_base, error);
  if (uid == NULL)
    return -1;
  if (strcmp (uid, uid_base) != 0)
    _tessera_import_report_notice (ctx->report,
                                   "%s: id “%s” is taken, imported as “%s”",
                                   display, uid_base, uid);

  g_free (doc->uid);
  doc->uid = g_steal_pointer (&uid);
  g_free (doc->title);
  doc->title = g_steal_pointer (&title);
  doc->status = TESSERA_STATUS_NEW;

  id = tessera_project_add_document (ctx->project, doc, &local_error);
  if (local_error != NULL || id <= 0)
    {
      if (local_error != NULL)
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", display);
      else
        g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED,
                     _("%s: could not be added to the project"), display);
      return -1;
    }

  ctx->report->n_documents++;
  return id;
}

gboolean
_tessera_import_text_file (TesseraImportContext  *ctx,
                           const char            *path,
                           GError               **error)
{
  g_autofree char *display = NULL;
  g_autofree char *data = NULL;
  g_autoptr(TesseraDocument) doc = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(TesseraTextHeader) header = { 0 };
  TesseraTextFixes fixes;
  GStatBuf st;
  gsize len = 0;
  char *text;
  gint64 id;

  g_return_val_if_fail (ctx != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);

  /* Refuse a huge file before reading a byte of it. */
  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, TESSERA_ERROR,
                   saved_errno == ENOENT ? TESSERA_ERROR_NOT_FOUND : TESSERA_ERROR_FAILED,
                   _("%s: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  if ((guint64) st.st_size > TESSERA_MAX_TEXT_FILE_SIZE)
    {
      set_too_big_error (error, display, st.st_size);
      return FALSE;
    }

  if (!g_file_get_contents (path, &data, &len, &local_error))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED,
                   _("%s: %s"), display, local_error->message);
      return FALSE;
    }
  /* It may have grown since it was measured. */
  if (len > TESSERA_MAX_TEXT_FILE_SIZE)
    {
      set_too_big_error (error, display, len);
      return FALSE;
    }

  text = tessera_text_normalize (display, data, len, ctx->options->repair_utf8,
                                 &fixes, error);
  if (text == NULL)
    return FALSE;
  g_clear_pointer (&data, g_free);

  doc = tessera_document_new ();
  doc->text = text;

  /* Metadata from the top of the text, which stays as it is. */
  tessera_text_header_read (text, &header);
  if (header.title != NULL)
    doc->title = g_steal_pointer (&header.title);
  else if (header.title_from > 0)
    doc->title = find_title (text + header.title_from);
  doc->source = g_steal_pointer (&header.source);
  doc->url = g_steal_pointer (&header.url);
  doc->published = g_steal_pointer (&header.published);
  doc->language = g_steal_pointer (&header.language);

  id = _tessera_import_add_file_document (ctx, path, doc, error);
  if (id < 0)
    return FALSE;
  if (id == 0)
    return TRUE;

  report_fixes (ctx->report, display, &fixes);
  for (guint i = 0; i < header.problems->len; i++)
    _tessera_import_report_notice (ctx->report, "%s: %s", display,
                                   (const char *) g_ptr_array_index (header.problems, i));

  return TRUE;
}
