/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-format-event-json"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-format-event-json.h"
#include "tessera-record.h"
#include "tessera-segment.h"
#include "tessera-text.h"

/* Event JSONL (see the header for the shape): ICU's words and sentences,
 * as the token export has them, grouped in windows. A span off token
 * boundaries covers every token it touches, and its "text" is what those
 * tokens cover, so text, tokens and start/end always agree. Mentions may
 * nest and overlap: nothing is left out for that, unlike IOB tags.
 *
 * An argument names an entity mention of its own line, so an argument
 * outside its event's window cannot be written: it is counted instead,
 * for the caller to say how much a window that small loses. */

typedef struct
{
  TesseraProject             *project;
  const TesseraExportOptions *options;
  TesseraJsonWriter          *writer;
  guint                       window;
  gint64                      annotator_id;
  guint64                     n_outside;
  guint64                     done;
  guint64                     total;
  GString                    *id;        /* scratch for "UID_s12" */
} EventExport;

/* The tokens a span touches: [first, end), empty when it holds only
 * white space. */
typedef struct
{
  guint first;
  guint end;
} TokenRange;

/* One document, while its windows are written. */
typedef struct
{
  TesseraDocument   *document;
  GArray            *spans;      /* TesseraSpan, by start then longest first */
  GPtrArray         *events;     /* TesseraEvent*, by trigger start */
  GArray            *tokens;     /* TesseraTextToken */
  TokenRange        *ranges;     /* per span */
  guint             *windows;    /* per token: its window */
  gboolean          *argument;   /* per span: fills an argument of the window's events */
  GHashTable        *by_id;      /* &span id → index in @spans + 1 */
  TesseraTextCursor  cursor;
} Document;

static TokenRange
touched_tokens (GArray *tokens,
                gint64  start,
                gint64  end)
{
  guint lo = 0, hi = tokens->len;
  TokenRange range;

  /* Tokens are in text order and never overlap: the first one ending
   * after @start, by bisection, then every one starting before @end. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (tokens, TesseraTextToken, mid).end <= start)
        lo = mid + 1;
      else
        hi = mid;
    }
  range.first = range.end = lo;
  while (range.end < tokens->len && g_array_index (tokens, TesseraTextToken, range.end).start < end)
    range.end++;

  return range;
}

/* The index in doc->spans of span @id, or -1 when the document has no
 * such span (a reference to another document's, which the project
 * refuses to make). */
static gint
span_index (Document *doc,
            gint64    id)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (doc->by_id, &id)) - 1;
}

/* Whether span @s lies wholly in the window of tokens [first, end). */
static gboolean
inside (Document *doc,
        gint      s,
        guint     first,
        guint     end)
{
  const TokenRange *r = &doc->ranges[s];

  return r->first < r->end && r->first >= first && r->end <= end;
}

/* Writes "key": "UID_<prefix><id>". */
static void
member_id (EventExport *ex,
           Document    *doc,
           const char  *key,
           char         prefix,
           gint64       id)
{
  g_string_printf (ex->id, "%s_%c%" PRId64, doc->document->uid, prefix, id);
  tessera_json_writer_member_string (ex->writer, key, ex->id->str);
}

/* Writes "text": what tokens [first, end) cover, white space between
 * them included. */
static void
member_text (EventExport *ex,
             Document    *doc,
             guint        first,
             guint        end)
{
  const char *from = tessera_text_cursor_seek (&doc->cursor,
                                               g_array_index (doc->tokens, TesseraTextToken, first).start);
  const char *to = tessera_text_cursor_seek (&doc->cursor,
                                             g_array_index (doc->tokens, TesseraTextToken, end - 1).end);

  tessera_json_writer_key (ex->writer, "text");
  tessera_json_writer_string (ex->writer, from, to - from);
}

static void
write_tokens (EventExport *ex,
              Document    *doc,
              guint        first,
              guint        end)
{
  TesseraJsonWriter *w = ex->writer;

  tessera_json_writer_key (w, "tokens");
  tessera_json_writer_begin_array (w);
  for (guint t = first; t < end; t++)
    {
      const TesseraTextToken *token = &g_array_index (doc->tokens, TesseraTextToken, t);
      const char *from = tessera_text_cursor_seek (&doc->cursor, token->start);
      const char *to = tessera_text_cursor_seek (&doc->cursor, token->end);

      tessera_json_writer_string (w, from, to - from);
    }
  tessera_json_writer_end_array (w);

  tessera_json_writer_key (w, "token_offsets");
  tessera_json_writer_begin_array (w);
  for (guint t = first; t < end; t++)
    {
      const TesseraTextToken *token = &g_array_index (doc->tokens, TesseraTextToken, t);

      tessera_json_writer_begin_array (w);
      tessera_json_writer_int (w, token->start);
      tessera_json_writer_int (w, token->end);
      tessera_json_writer_end_array (w);
    }
  tessera_json_writer_end_array (w);
}

/* Marks in doc->argument the spans that fill an argument of events
 * [e_from, e_to) of window @k inside it, counting those outside. */
static gboolean
mark_arguments (EventExport  *ex,
                Document     *doc,
                guint         k,
                guint         e_from,
                guint         e_to,
                guint         first,
                guint         end,
                GError      **error)
{
  for (guint e = e_from; e < e_to; e++)
    {
      const TesseraEvent *event = doc->events->pdata[e];
      gint trigger = span_index (doc, event->trigger_span_id);

      if (trigger < 0)
        return _tessera_record_corrupt_error (error, doc->document, _("refers to a span of another document"),
                                  'e', event->id);
      /* A trigger on white space alone places its event nowhere. */
      if (doc->ranges[trigger].first == doc->ranges[trigger].end ||
          doc->windows[doc->ranges[trigger].first] != k)
        continue;

      for (guint a = 0; event->arguments != NULL && a < event->arguments->len; a++)
        {
          gint s = span_index (doc, g_array_index (event->arguments, TesseraArgument, a).span_id);

          if (s < 0)
            return _tessera_record_corrupt_error (error, doc->document, _("refers to a span of another document"),
                                      'e', event->id);
          if (inside (doc, s, first, end))
            doc->argument[s] = TRUE;
          else
            ex->n_outside++;
        }
    }

  return TRUE;
}

static gboolean
write_entity_mentions (EventExport  *ex,
                       Document     *doc,
                       guint         s_from,
                       guint         s_to,
                       guint         first,
                       guint         end,
                       GError      **error)
{
  TesseraJsonWriter *w = ex->writer;

  tessera_json_writer_key (w, "entity_mentions");
  tessera_json_writer_begin_array (w);
  for (guint s = s_from; s < s_to; s++)
    {
      const TesseraSpan *span = &g_array_index (doc->spans, TesseraSpan, s);
      const TesseraLabel *label = tessera_project_get_label (ex->project, span->label_id);

      if (label == NULL)
        return _tessera_record_corrupt_error (error, doc->document, _("has no label"), 's', span->id);
      if (!doc->argument[s] &&
          !(label->kind == TESSERA_LABEL_ENTITY && inside (doc, s, first, end)))
        continue;

      tessera_json_writer_begin_object (w);
      member_id (ex, doc, "id", 's', span->id);
      member_text (ex, doc, doc->ranges[s].first, doc->ranges[s].end);
      tessera_json_writer_member_string (w, "entity_type", label->name);
      tessera_json_writer_member_int (w, "start", doc->ranges[s].first - first);
      tessera_json_writer_member_int (w, "end", doc->ranges[s].end - first);
      tessera_json_writer_end_object (w);
    }
  tessera_json_writer_end_array (w);

  return TRUE;
}

static gboolean
write_event_mentions (EventExport  *ex,
                      Document     *doc,
                      guint         k,
                      guint         e_from,
                      guint         e_to,
                      guint         first,
                      guint         end,
                      GError      **error)
{
  TesseraJsonWriter *w = ex->writer;

  tessera_json_writer_key (w, "event_mentions");
  tessera_json_writer_begin_array (w);
  for (guint e = e_from; e < e_to; e++)
    {
      const TesseraEvent *event = doc->events->pdata[e];
      const TesseraLabel *type = tessera_project_get_label (ex->project, event->type_label_id);
      const TokenRange *trigger = &doc->ranges[span_index (doc, event->trigger_span_id)];
      guint trigger_end;

      if (trigger->first == trigger->end || doc->windows[trigger->first] != k)
        continue;
      if (type == NULL)
        return _tessera_record_corrupt_error (error, doc->document, _("has no event type"), 'e', event->id);
      /* Its first token placed it here; the rest must be here too. */
      trigger_end = MIN (trigger->end, end);

      tessera_json_writer_begin_object (w);
      member_id (ex, doc, "id", 'e', event->id);
      tessera_json_writer_member_string (w, "event_type", type->name);
      tessera_json_writer_key (w, "trigger");
      tessera_json_writer_begin_object (w);
      member_text (ex, doc, trigger->first, trigger_end);
      tessera_json_writer_member_int (w, "start", trigger->first - first);
      tessera_json_writer_member_int (w, "end", trigger_end - first);
      tessera_json_writer_end_object (w);

      tessera_json_writer_key (w, "arguments");
      tessera_json_writer_begin_array (w);
      for (guint a = 0; event->arguments != NULL && a < event->arguments->len; a++)
        {
          const TesseraArgument *arg = &g_array_index (event->arguments, TesseraArgument, a);
          const TesseraLabel *role = tessera_project_get_label (ex->project, arg->role_label_id);
          gint s = span_index (doc, arg->span_id);

          /* Counted as outside by mark_arguments(). */
          if (!inside (doc, s, first, end))
            continue;
          if (role == NULL)
            return _tessera_record_corrupt_error (error, doc->document, _("has an argument without a role"),
                                      'e', event->id);

          tessera_json_writer_begin_object (w);
          member_id (ex, doc, "entity_id", 's', arg->span_id);
          tessera_json_writer_member_string (w, "role", role->name);
          member_text (ex, doc, doc->ranges[s].first, doc->ranges[s].end);
          tessera_json_writer_end_object (w);
        }
      tessera_json_writer_end_array (w);

      tessera_json_writer_end_object (w);
    }
  tessera_json_writer_end_array (w);

  return TRUE;
}

static gboolean
write_windows (EventExport  *ex,
               Document     *doc,
               GArray       *sentences,
               GError      **error)
{
  TesseraJsonWriter *w = ex->writer;
  guint s_from = 0, e_from = 0;
  guint n_windows = (sentences->len + ex->window - 1) / ex->window;

  for (guint k = 0; k < n_windows; k++)
    {
      const TesseraTextSentence *head = &g_array_index (sentences, TesseraTextSentence, k * ex->window);
      const TesseraTextSentence *tail = &g_array_index (sentences, TesseraTextSentence,
                                                        MIN ((k + 1) * ex->window, sentences->len) - 1);
      guint first = head->first_token;
      guint end = tail->first_token + tail->n_tokens;
      guint s_to = s_from, e_to = e_from;
      g_autofree char *wnd_id = g_strdup_printf ("%s_%u", doc->document->uid, k);

      /* Spans come by start and events by their trigger's, so those of
       * this window (and the few on white space) follow the last one's. */
      while (s_to < doc->spans->len && doc->ranges[s_to].first < end)
        s_to++;
      while (e_to < doc->events->len)
        {
          gint trigger = span_index (doc, ((TesseraEvent *) doc->events->pdata[e_to])->trigger_span_id);

          if (trigger >= 0 && doc->ranges[trigger].first >= end)
            break;
          e_to++;
        }

      if (!mark_arguments (ex, doc, k, e_from, e_to, first, end, error))
        return FALSE;

      tessera_json_writer_begin_object (w);
      tessera_json_writer_member_string (w, "doc_id", doc->document->uid);
      tessera_json_writer_member_string (w, "wnd_id", wnd_id);
      write_tokens (ex, doc, first, end);
      if (!write_entity_mentions (ex, doc, s_from, s_to, first, end, error) ||
          !write_event_mentions (ex, doc, k, e_from, e_to, first, end, error))
        return FALSE;
      tessera_json_writer_end_object (w);
      tessera_json_writer_newline (w);

      for (guint s = s_from; s < s_to; s++)
        doc->argument[s] = FALSE;
      s_from = s_to;
      e_from = e_to;
    }

  return TRUE;
}

static gboolean
export_document (TesseraDocument  *tdoc,
                 gpointer          user_data,
                 GError          **error)
{
  EventExport *ex = user_data;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) stances = NULL;
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (TesseraTextToken));
  g_autoptr(GArray) sentences = g_array_new (FALSE, FALSE, sizeof (TesseraTextSentence));
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree TokenRange *ranges = NULL;
  g_autofree guint *windows = NULL;
  g_autofree gboolean *argument = NULL;
  const char *text = tdoc->text != NULL ? tdoc->text : "";
  Document doc = { 0 };

  if (ex->options != NULL && g_cancellable_set_error_if_cancelled (ex->options->cancellable, error))
    return FALSE;
  if (tessera_export_skips_document (ex->options, tdoc->id))
    return TRUE;
  if (ex->options != NULL && ex->options->report != NULL)
    ex->options->report->n_documents++;

  if (!(spans = tessera_project_list_spans (ex->project, tdoc->id, error)) ||
      !(events = tessera_project_list_events (ex->project, tdoc->id, error)) ||
      !(stances = tessera_project_list_stances (ex->project, tdoc->id, error)))
    return FALSE;
  _tessera_record_keep (spans, events, stances, TRUE, ex->annotator_id);

  if (!tessera_segment_text (text, tdoc->language, tokens, sentences, error))
    {
      g_prefix_error (error, "%s: ", tdoc->uid);
      return FALSE;
    }

  /* The arrays no longer change: their rows' ids can be keys. */
  ranges = g_new0 (TokenRange, MAX (spans->len, 1));
  argument = g_new0 (gboolean, MAX (spans->len, 1));
  for (guint s = 0; s < spans->len; s++)
    {
      TesseraSpan *span = &g_array_index (spans, TesseraSpan, s);

      ranges[s] = touched_tokens (tokens, span->start, span->end);
      g_hash_table_insert (by_id, &span->id, GINT_TO_POINTER (s + 1));
    }
  windows = g_new0 (guint, MAX (tokens->len, 1));
  for (guint i = 0; i < sentences->len; i++)
    {
      const TesseraTextSentence *sentence = &g_array_index (sentences, TesseraTextSentence, i);

      for (guint t = sentence->first_token; t < sentence->first_token + sentence->n_tokens; t++)
        windows[t] = i / ex->window;
    }

  doc.document = tdoc;
  doc.spans = spans;
  doc.events = events;
  doc.tokens = tokens;
  doc.ranges = ranges;
  doc.windows = windows;
  doc.argument = argument;
  doc.by_id = by_id;
  tessera_text_cursor_init (&doc.cursor, text, -1);

  if (!write_windows (ex, &doc, sentences, error))
    return FALSE;

  ex->done++;
  if (ex->options != NULL && ex->options->progress != NULL)
    ex->options->progress (ex->done, MAX (ex->total, ex->done), ex->options->progress_data);

  return tessera_json_writer_flush (ex->writer, error);
}

gboolean
tessera_export_event_json (TesseraProject              *project,
                           GOutputStream               *out,
                           const TesseraExportOptions  *options,
                           guint                        window,
                           guint64                     *n_outside,
                           GError                     **error)
{
  g_autoptr(TesseraJsonWriter) writer = NULL;
  g_autoptr(GString) id = g_string_new (NULL);
  EventExport ex = { 0 };
  gboolean ok;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (window >= 1, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  writer = tessera_json_writer_new (out, options ? options->cancellable : NULL);
  ex.project = project;
  ex.options = options;
  ex.writer = writer;
  ex.window = window;
  ex.id = id;
  ex.total = tessera_project_count_documents (project);
  ok = _tessera_export_resolve_annotator (project, options, &ex.annotator_id, error) &&
       tessera_project_foreach_document (project, TRUE, export_document, &ex, error) &&
       tessera_json_writer_finish (g_steal_pointer (&writer), error);

  if (n_outside != NULL)
    *n_outside = ex.n_outside;
  if (options != NULL && options->report != NULL)
    options->report->n_arguments_outside += ex.n_outside;

  return ok;
}
