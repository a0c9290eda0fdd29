/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-format-tokens"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-record.h"
#include "tessera-segment.h"
#include "tessera-text.h"

/* Token JSONL: one sentence per line, what token-classification models
 * read, with a way back to the text:
 *
 *   {"document":uid,"sentence":N,"tokens":[…],"ner_tags":["B-Place",…],
 *    "token_offsets":[[start,end],…]}
 *
 * Tokens and sentences are ICU's (tessera-segment.h); offsets are code
 * points into the document's text, so every token is text[start:end].
 * Tags are IOB2 over the accepted entity spans: a span that does not fall
 * on token boundaries covers every token it touches; of overlapping or
 * nested spans the outermost (then the first) wins. */

typedef struct
{
  TesseraProject             *project;
  const TesseraExportOptions *options;
  TesseraJsonWriter          *writer;   /* token JSONL; NULL for CoNLL */
  GOutputStream              *out;      /* CoNLL */
  gint64                      annotator_id;
  guint64                     done;
  guint64                     total;
} TokensExport;

/* Whether a token from @from on ends exactly at @end. */
static gboolean
ends_on_token (GArray *tokens,
               guint   from,
               gint64  end)
{
  for (guint k = from; k < tokens->len && g_array_index (tokens, TesseraTextToken, k).start < end; k++)
    if (g_array_index (tokens, TesseraTextToken, k).end == end)
      return TRUE;
  return FALSE;
}

/* The tag index of each token: 0 outside, else 1 + the span's position
 * in @spans, with B on the first token of each span. */
static void
tag_tokens (GArray              *spans,
            GArray              *tokens,
            guint               *owner,
            gboolean            *begins,
            TesseraExportReport *report)
{
  guint t = 0;

  /* Spans come by start, longest first: the outer one claims first. */
  for (guint s = 0; s < spans->len; s++)
    {
      const TesseraSpan *span = &g_array_index (spans, TesseraSpan, s);
      gboolean first = TRUE;
      gboolean free_run = TRUE;
      guint from;

      while (t > 0 && g_array_index (tokens, TesseraTextToken, t - 1).end > span->start)
        t--;
      while (t < tokens->len && g_array_index (tokens, TesseraTextToken, t).end <= span->start)
        t++;
      from = t;
      /* Every token it touches must be free, or the span is left out. */
      for (guint k = from; k < tokens->len && g_array_index (tokens, TesseraTextToken, k).start < span->end; k++)
        if (owner[k] != 0)
          free_run = FALSE;
      if (!free_run)
        {
          if (report != NULL)
            report->n_spans_overlapping++;
          continue;
        }
      /* Off token boundaries: it takes the whole tokens it touches. */
      if (report != NULL && from < tokens->len &&
          (g_array_index (tokens, TesseraTextToken, from).start != span->start ||
           !ends_on_token (tokens, from, span->end)))
        report->n_spans_widened++;
      for (guint k = from; k < tokens->len && g_array_index (tokens, TesseraTextToken, k).start < span->end; k++)
        {
          owner[k] = s + 1;
          begins[k] = first;
          first = FALSE;
        }
    }
}

/* The IOB2 tag of token @t of @sentence. */
static char *
tag_text (TokensExport              *ex,
          GArray                    *entities,
          const TesseraTextSentence *sentence,
          guint                      t,
          const guint               *owner,
          const gboolean            *begins)
{
  const TesseraSpan *span;
  const TesseraLabel *label;

  if (owner[t] == 0)
    return g_strdup ("O");
  span = &g_array_index (entities, TesseraSpan, owner[t] - 1);
  label = tessera_project_get_label (ex->project, span->label_id);
  /* A sentence break inside a span begins it again. */
  return g_strdup_printf ("%s-%s", begins[t] || t == sentence->first_token ? "B" : "I",
                          label != NULL ? label->name : "?");
}

/* CoNLL, IOB2: "-DOCSTART- O" and a blank line before each document,
 * then a "TOKEN TAG" line per token and a blank line after each
 * sentence. A token never holds white space (a space inside one, which
 * ICU does not make, would become "_"). */
static gboolean
write_conll (TokensExport              *ex,
             TesseraTextCursor         *cursor,
             GArray                    *entities,
             GArray                    *tokens,
             GArray                    *sentences,
             const guint               *owner,
             const gboolean            *begins,
             GError                   **error)
{
  g_autoptr(GString) out = g_string_new ("-DOCSTART- O\n\n");
  GCancellable *cancellable = ex->options != NULL ? ex->options->cancellable : NULL;

  for (guint s = 0; s < sentences->len; s++)
    {
      const TesseraTextSentence *sentence = &g_array_index (sentences, TesseraTextSentence, s);

      for (guint t = sentence->first_token; t < sentence->first_token + sentence->n_tokens; t++)
        {
          const TesseraTextToken *token = &g_array_index (tokens, TesseraTextToken, t);
          const char *from = tessera_text_cursor_seek (cursor, token->start);
          const char *to = tessera_text_cursor_seek (cursor, token->end);
          g_autofree char *tag = tag_text (ex, entities, sentence, t, owner, begins);
          gsize at = out->len;

          g_string_append_len (out, from, to - from);
          for (gsize i = at; i < out->len; i++)
            if (g_ascii_isspace (out->str[i]))
              out->str[i] = '_';
          g_string_append_printf (out, " %s\n", tag);
        }
      g_string_append_c (out, '\n');
    }

  return g_output_stream_write_all (ex->out, out->str, out->len, NULL, cancellable, error);
}

static gboolean
export_document (TesseraDocument  *doc,
                 gpointer          user_data,
                 GError          **error)
{
  TokensExport *ex = user_data;
  TesseraJsonWriter *w = ex->writer;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) stances = NULL;
  g_autoptr(GArray) entities = g_array_new (FALSE, FALSE, sizeof (TesseraSpan));
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (TesseraTextToken));
  g_autoptr(GArray) sentences = g_array_new (FALSE, FALSE, sizeof (TesseraTextSentence));
  g_autofree guint *owner = NULL;
  g_autofree gboolean *begins = NULL;
  TesseraTextCursor cursor;
  const char *text = doc->text != NULL ? doc->text : "";

  if (ex->options != NULL && g_cancellable_set_error_if_cancelled (ex->options->cancellable, error))
    return FALSE;
  if (tessera_export_skips_document (ex->options, doc->id))
    return TRUE;

  if (!(spans = tessera_project_list_spans (ex->project, doc->id, error)) ||
      !(events = tessera_project_list_events (ex->project, doc->id, error)) ||
      !(stances = tessera_project_list_stances (ex->project, doc->id, error)))
    return FALSE;
  _tessera_record_keep (spans, events, stances, TRUE, ex->annotator_id);
  for (guint i = 0; i < spans->len; i++)
    {
      const TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);
      const TesseraLabel *label = tessera_project_get_label (ex->project, span->label_id);

      if (label != NULL && label->kind == TESSERA_LABEL_ENTITY)
        g_array_append_val (entities, *span);
    }

  if (!tessera_segment_text (text, doc->language, tokens, sentences, error))
    {
      g_prefix_error (error, "%s: ", doc->uid);
      return FALSE;
    }
  owner = g_new0 (guint, MAX (tokens->len, 1));
  begins = g_new0 (gboolean, MAX (tokens->len, 1));
  tag_tokens (entities, tokens, owner, begins, ex->options != NULL ? ex->options->report : NULL);
  if (ex->options != NULL && ex->options->report != NULL)
    ex->options->report->n_documents++;

  tessera_text_cursor_init (&cursor, text, -1);
  if (ex->writer == NULL)
    {
      if (!write_conll (ex, &cursor, entities, tokens, sentences, owner, begins, error))
        return FALSE;
    }
  else
    for (guint s = 0; s < sentences->len; s++)
      {
        const TesseraTextSentence *sentence = &g_array_index (sentences, TesseraTextSentence, s);
        guint last = sentence->first_token + sentence->n_tokens;

        tessera_json_writer_begin_object (w);
        tessera_json_writer_member_string (w, "document", doc->uid);
        tessera_json_writer_member_int (w, "sentence", s);

        tessera_json_writer_key (w, "tokens");
        tessera_json_writer_begin_array (w);
        for (guint t = sentence->first_token; t < last; t++)
          {
            const TesseraTextToken *token = &g_array_index (tokens, TesseraTextToken, t);
            const char *from = tessera_text_cursor_seek (&cursor, token->start);
            const char *to = tessera_text_cursor_seek (&cursor, token->end);

            tessera_json_writer_string (w, from, to - from);
          }
        tessera_json_writer_end_array (w);

        tessera_json_writer_key (w, "ner_tags");
        tessera_json_writer_begin_array (w);
        for (guint t = sentence->first_token; t < last; t++)
          {
            g_autofree char *tag = tag_text (ex, entities, sentence, t, owner, begins);

            tessera_json_writer_string (w, tag, -1);
          }
        tessera_json_writer_end_array (w);

        tessera_json_writer_key (w, "token_offsets");
        tessera_json_writer_begin_array (w);
        for (guint t = sentence->first_token; t < last; t++)
          {
            const TesseraTextToken *token = &g_array_index (tokens, TesseraTextToken, t);

            tessera_json_writer_begin_array (w);
            tessera_json_writer_int (w, token->start);
            tessera_json_writer_int (w, token->end);
            tessera_json_writer_end_array (w);
          }
        tessera_json_writer_end_array (w);

        tessera_json_writer_end_object (w);
        tessera_json_writer_newline (w);
      }

  ex->done++;
  if (ex->options != NULL && ex->options->progress != NULL)
    ex->options->progress (ex->done, MAX (ex->total, ex->done), ex->options->progress_data);

  return w == NULL || tessera_json_writer_flush (w, error);
}

gboolean
tessera_export_tokens (TesseraProject              *project,
                       GOutputStream               *out,
                       const TesseraExportOptions  *options,
                       GError                     **error)
{
  g_autoptr(TesseraJsonWriter) writer = NULL;
  TokensExport ex = { 0 };

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  writer = tessera_json_writer_new (out, options ? options->cancellable : NULL);
  ex.project = project;
  ex.options = options;
  ex.writer = writer;
  ex.total = tessera_project_count_documents (project);
  if (!_tessera_export_resolve_annotator (project, options, &ex.annotator_id, error) ||
      !tessera_project_foreach_document (project, TRUE, export_document, &ex, error))
    return FALSE;

  return tessera_json_writer_finish (g_steal_pointer (&writer), error);
}

gboolean
tessera_export_conll (TesseraProject              *project,
                      GOutputStream               *out,
                      const TesseraExportOptions  *options,
                      GError                     **error)
{
  TokensExport ex = { 0 };

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ex.project = project;
  ex.options = options;
  ex.out = out;
  ex.total = tessera_project_count_documents (project);

  return _tessera_export_resolve_annotator (project, options, &ex.annotator_id, error) &&
         tessera_project_foreach_document (project, TRUE, export_document, &ex, error);
}
