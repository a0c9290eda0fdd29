/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-format-conll"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-foreign-private.h"

/* CoNLL token-per-line files: a token and its tag (the last column; any
 * columns between are ignored) per line, a blank line between sentences,
 * "-DOCSTART-" before each document. Tags in IOB1, IOB2, BIOES or BILOU
 * are all read by one rule: B, S and U begin a span; I, E and L continue
 * the span of the same label before them, or begin one (IOB1); E, L and S
 * end it.
 *
 * The text is rebuilt from the tokens: one space between tokens, a line
 * break between sentences. Each file without "-DOCSTART-" is one
 * document named after the file; a file with them gives FILE-1, FILE-2… */

typedef struct
{
  TesseraForeign *foreign;
  char           *label;        /* the file, for messages */
  char           *stem;
  gboolean        has_docstart;
  guint           n_docs;
  GString        *text;
  gint64          n_chars;
  gboolean        sentence_open;
  guint64         first_line;   /* of the document */
  GArray         *spans;        /* DocSpan, the document's */
  GPtrArray      *span_labels;
  /* The span being read, if any. */
  char           *open_label;
  gint64          open_start;
  gint64          last_end;     /* end of the last token */
} ConllReader;

typedef struct
{
  gint64 start;
  gint64 end;
} DocSpan;

static void
close_span (ConllReader *cr)
{
  DocSpan span;

  if (cr->open_label == NULL)
    return;
  span.start = cr->open_start;
  span.end = cr->last_end;
  g_array_append_val (cr->spans, span);
  g_ptr_array_add (cr->span_labels, g_steal_pointer (&cr->open_label));
}

static void
flush_document (ConllReader *cr)
{
  g_autofree char *uid = NULL;
  JsonObject *record;

  close_span (cr);
  if (cr->text->len == 0 && cr->spans->len == 0)
    return;

  cr->n_docs++;
  uid = cr->has_docstart ? g_strdup_printf ("%s-%u", cr->stem, cr->n_docs) : g_strdup (cr->stem);
  record = _tessera_foreign_add_record (cr->foreign, uid, cr->text->str, cr->label, cr->first_line);
  for (guint i = 0; i < cr->spans->len; i++)
    {
      DocSpan *span = &g_array_index (cr->spans, DocSpan, i);

      _tessera_foreign_add_span (record, i + 1, span->start, span->end, cr->span_labels->pdata[i]);
    }

  g_string_truncate (cr->text, 0);
  cr->n_chars = 0;
  cr->sentence_open = FALSE;
  g_array_set_size (cr->spans, 0);
  g_ptr_array_set_size (cr->span_labels, 0);
}

static gboolean
is_tag (const char *tag)
{
  return strcmp (tag, "O") == 0 ||
         (strchr ("BIESLU", tag[0]) != NULL && tag[0] != '\0' && tag[1] == '-' && tag[2] != '\0');
}

static gboolean
read_token (ConllReader  *cr,
            const char   *token,
            const char   *tag)
{
  char prefix = tag[0];
  const char *name = tag + 2;
  gint64 start;

  if (cr->text->len > 0)
    {
      g_string_append_c (cr->text, cr->sentence_open ? ' ' : '\n');
      cr->n_chars++;
    }
  cr->sentence_open = TRUE;

  start = cr->n_chars;
  g_string_append (cr->text, token);
  cr->n_chars += g_utf8_strlen (token, -1);

  if (prefix == 'O' && tag[1] == '\0')
    close_span (cr);
  else if (prefix == 'B' || prefix == 'S' || prefix == 'U' ||
           cr->open_label == NULL || strcmp (cr->open_label, name) != 0)
    {
      close_span (cr);
      cr->open_label = g_strdup (name);
      cr->open_start = start;
    }
  cr->last_end = cr->n_chars;

  if (prefix == 'E' || prefix == 'L' || prefix == 'S' || prefix == 'U')
    close_span (cr);

  return TRUE;
}

gboolean
_tessera_import_conll_file (TesseraImportContext  *ctx,
                            TesseraForeign        *foreign,
                            const char            *path,
                            GError               **error)
{
  g_autofree char *contents = NULL;
  ConllReader cr = { 0 };
  gsize length = 0;
  char *next;
  guint64 line = 0;
  gboolean ok = TRUE;

  if (!_tessera_foreign_read_file (path, &contents, &length, error))
    return FALSE;

  cr.foreign = foreign;
  cr.label = g_filename_display_name (path);
  cr.stem = _tessera_foreign_file_stem (path);
  cr.has_docstart = strstr (contents, "-DOCSTART-") != NULL;
  cr.text = g_string_new (NULL);
  cr.spans = g_array_new (FALSE, FALSE, sizeof (DocSpan));
  cr.span_labels = g_ptr_array_new_with_free_func (g_free);
  cr.first_line = 1;

  if (memchr (contents, '\0', length) != NULL)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("%s: a NUL byte: this is not a text file"), cr.label);
      ok = FALSE;
    }

  for (next = contents; ok && next != NULL && *next != '\0';)
    {
      char *text = next;
      char *nl = strchr (next, '\n');
      g_auto(GStrv) cols = NULL;
      guint n;

      line++;
      if (nl != NULL)
        *nl = '\0', next = nl + 1;
      else
        next = NULL;
      if (line == 1 && g_str_has_prefix (text, "\xEF\xBB\xBF"))
        text += 3;
      g_strstrip (text);

      if (*text == '\0')
        {
          close_span (&cr);
          cr.sentence_open = FALSE;
          continue;
        }
      if (!g_utf8_validate (text, -1, NULL))
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       _("%s:%" PRIu64 ": the line is not valid UTF-8"), cr.label, line);
          ok = FALSE;
          break;
        }

      cols = g_strsplit_set (text, " \t", -1);
      /* Runs of blanks between columns leave empty pieces. */
      n = 0;
      for (guint i = 0; cols[i] != NULL; i++)
        if (*cols[i] != '\0')
          cols[n++] = cols[i];
        else
          g_free (cols[i]);
      cols[n] = NULL;

      if (strcmp (cols[0], "-DOCSTART-") == 0)
        {
          flush_document (&cr);
          cr.first_line = line + 1;
          continue;
        }
      /* CoNLL-U comments ("# sent_id = 3"). */
      if (cols[0][0] == '#' && (n < 2 || !is_tag (cols[n - 1])))
        continue;
      if (n < 2)
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       /* Translators: the file and line. */
                       _("%s:%" PRIu64 ": one column; a line needs a token and its tag "
                         "(the last column)"), cr.label, line);
          ok = FALSE;
          break;
        }
      if (!is_tag (cols[n - 1]))
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       /* Translators: the file and line, then the last column. */
                       _("%s:%" PRIu64 ": “%s” is not a tag (O, or B-, I-, E-, S-, L- or "
                         "U- and a label)"), cr.label, line, cols[n - 1]);
          ok = FALSE;
          break;
        }
      read_token (&cr, cols[0], cols[n - 1]);
      if ((line & 0xffff) == 0)
        _tessera_import_context_progress (ctx, next ? (guint64) (next - contents) : length);
    }

  if (ok)
    flush_document (&cr);

  g_free (cr.open_label);
  g_free (cr.label);
  g_free (cr.stem);
  g_string_free (cr.text, TRUE);
  g_array_unref (cr.spans);
  g_ptr_array_unref (cr.span_labels);

  return ok;
}
