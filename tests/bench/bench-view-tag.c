/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-bench-view"

#include "config.h"

#include "bench-view.h"
#include "tessera-history.h"
#include "tessera-open-document.h"
#include "tessera-span-index.h"

/* Tagging a word in a TesseraWindow, a keypress at a time (`--child
 * tag`), and the core command alone (`--child core`). */

/* A screenful of text, for the core reference to tag where the window
 * does: at the top of the document. */
#define SCREEN_CHARS  3000
/* Words this close to the edge of the screen are left out: selecting
 * them could scroll. */
#define SCREEN_MARGIN 40

static gint64
first_entity_label (TesseraProject *project)
{
  g_autoptr(GPtrArray) labels = tessera_project_list_labels (project, TESSERA_LABEL_ENTITY);

  if (labels == NULL || labels->len == 0)
    die ("no entity label", NULL);
  return ((const TesseraLabel *) g_ptr_array_index (labels, 0))->id;
}

/* Up to @n of @tokens (at @offset in the document) that no span covers,
 * spread evenly; the first and the last may be cut and are left out. */
static GArray *
pick_free_words (GArray                 *tokens,
                 gint64                  offset,
                 const TesseraSpanIndex *spans,
                 guint                   n)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new ();
  g_autoptr(GArray) free_words = g_array_new (FALSE, FALSE, sizeof (BenchToken));
  GArray *words = g_array_new (FALSE, FALSE, sizeof (BenchToken));

  for (guint i = 1; i + 1 < tokens->len; i++)
    {
      BenchToken token = g_array_index (tokens, BenchToken, i);

      token.start += offset;
      token.end += offset;
      g_ptr_array_set_size (hits, 0);
      tessera_span_index_query (spans, token.start, token.end, hits);
      if (hits->len == 0)
        g_array_append_val (free_words, token);
    }

  n = MIN (n, free_words->len);
  for (guint k = 0; k < n; k++)
    g_array_append_val (words, g_array_index (free_words, BenchToken, (guint64) k * free_words->len / n));
  return words;
}

/* Up to @n words on screen that no span covers. */
static GArray *
words_on_screen (Stage               *stage,
                 TesseraOpenDocument *document,
                 guint                n)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (stage->text_view);
  g_autoptr(GArray) tokens = NULL;
  g_autofree char *text = NULL;
  GdkRectangle rect;
  GtkTextIter top, bottom;

  gtk_text_view_get_visible_rect (stage->text_view, &rect);
  gtk_text_view_get_iter_at_location (stage->text_view, &top, rect.x, rect.y + SCREEN_MARGIN);
  gtk_text_view_get_iter_at_location (stage->text_view, &bottom, rect.x + rect.width - 1,
                                      rect.y + rect.height - SCREEN_MARGIN);
  /* A slice keeps offsets, should the buffer hold anything but text. */
  text = gtk_text_buffer_get_slice (buffer, &top, &bottom, TRUE);
  tokens = bench_text_tokens (text);
  return pick_free_words (tokens, gtk_text_iter_get_offset (&top),
                          tessera_open_document_get_spans (document), n);
}

/* When the project first said what a command changed: its commit is
 * done, and what follows until the action returns is the models' and the
 * views' work. An emission hook runs before every handler. */
static gint64 committed_us;

static gboolean
on_project_changed (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               user_data)
{
  if (committed_us == 0)
    committed_us = g_get_monotonic_time ();
  return TRUE;
}

/* Tags words on screen one keypress at a time: a word selected (and
 * drawn so), a pause, then "win.tag" as the key or the palette
 * activates it, until the frame that draws the new span. */
static void
tag_words (Stage         *stage,
           TesseraWindow *window,
           gint64         label_id,
           double        *values)
{
  TesseraWorkbench *workbench = tessera_window_get_workbench (window);
  TesseraOpenDocument *document = tessera_workbench_get_open_document (workbench);
  g_autoptr(GArray) words = words_on_screen (stage, document, KEYPRESSES);
  g_autoptr(GArray) frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) action_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) views_ms = g_array_new (FALSE, FALSE, sizeof (double));
  gulong hook = g_signal_add_emission_hook (g_signal_lookup ("changed", TESSERA_TYPE_PROJECT), 0,
                                            on_project_changed, NULL, NULL);

  if (words->len == 0)
    die ("no untagged word on screen", NULL);
  values[TS_SPANS] = tessera_span_index_get_n_spans (tessera_open_document_get_spans (document));

  for (guint i = 0; i < words->len; i++)
    {
      const BenchToken *word = &g_array_index (words, BenchToken, i);
      gint64 before = tessera_workbench_get_selected_span (workbench);
      gint64 start, start_cpu, returned, painted, span_id;
      double ms;
      guint seen;

      tessera_document_view_select_range (stage->view, word->start, word->end);
      gtk_widget_queue_draw (GTK_WIDGET (stage->text_view));
      wait_for_paint (stage);
      settle (KEYPRESS_GAP_MS);

      seen = stage->n_paints;
      committed_us = 0;
      start = g_get_monotonic_time ();
      start_cpu = cpu_time_us ();
      if (!gtk_widget_activate_action (stage->window, "win.tag", "x", label_id))
        die ("win.tag is disabled", NULL);
      returned = g_get_monotonic_time ();

      span_id = tessera_workbench_get_selected_span (workbench);
      if (span_id == 0 || span_id == before)
        die ("win.tag tagged nothing", NULL);
      if ((painted = wait_for_spans (stage, span_id, span_id)) == 0)
        die ("no frame drew the new span", NULL);

      ms = (painted - start) / 1e3;
      g_array_append_val (frame_ms, ms);
      ms = (returned - start) / 1e3;
      g_array_append_val (action_ms, ms);
      if (committed_us == 0)
        die ("win.tag changed nothing in the project", NULL);
      ms = (returned - committed_us) / 1e3;
      g_array_append_val (views_ms, ms);
      ms = (cpu_time_us () - start_cpu) / 1e3;
      g_array_append_val (cpu_ms, ms);
      if (stage->n_paints > seen + 1)
        values[TS_LATE]++;
    }

  values[TS_FRAME_P50] = bench_percentile (frame_ms, 50);
  values[TS_FRAME_P95] = bench_percentile (frame_ms, 95);
  values[TS_ACTION_P50] = bench_percentile (action_ms, 50);
  values[TS_ACTION_P95] = bench_percentile (action_ms, 95);
  values[TS_VIEWS_P50] = bench_percentile (views_ms, 50);
  values[TS_VIEWS_P95] = bench_percentile (views_ms, 95);
  g_signal_remove_emission_hook (g_signal_lookup ("changed", TESSERA_TYPE_PROJECT), hook);
  values[TS_CPU_P50] = bench_percentile (cpu_ms, 50);
  values[TS_CPU_P95] = bench_percentile (cpu_ms, 95);
  values[TS_KEYS] = words->len;

  /* The next series, and the next run, find the project as it was. */
  for (guint i = 0; i < words->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!tessera_history_undo (tessera_workbench_get_history (workbench), &error))
        die ("undo", error);
    }
}

/* `--child tag PROJECT`: a TesseraWindow on the view project; tagging in
 * the big document, then in the small one with 100 spans. */
int
child_tag (const char *path)
{
  Stage stage = { 0 };
  double values[2 * N_TS] = { 0 };
  TesseraWindow *window = open_window (&stage, path);
  TesseraWorkbench *workbench = tessera_window_get_workbench (window);
  TesseraProject *project = tessera_workbench_get_project (workbench);
  gint64 label_id = first_entity_label (project);

  show_document (&stage, workbench, find_document (project, "big"));
  wait_for_background (window, &stage);
  settle (SETTLE_MS);
  tag_words (&stage, window, label_id, values);

  show_document (&stage, workbench, find_document (project, "small"));
  settle (SETTLE_MS);
  tag_words (&stage, window, label_id, values + N_TS);

  bench_child_report (2 * N_TS, values);
  stage_clear (&stage);
  return 0;
}

/* Up to @n words of the first screenful of a document that no span covers. */
static GArray *
words_at_start (TesseraProject *project,
                gint64          doc_id,
                guint           n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) doc = tessera_project_get_document (project, doc_id, TRUE, &error);
  g_autoptr(GArray) spans = NULL;
  g_autoptr(TesseraSpanIndex) index = NULL;
  g_autoptr(GArray) tokens = NULL;
  g_autofree char *head = NULL;

  if (doc == NULL || (spans = tessera_project_list_spans (project, doc_id, &error)) == NULL)
    die ("document", error);
  index = tessera_span_index_new_from (spans);
  head = g_utf8_substring (doc->text, 0, MIN (SCREEN_CHARS, g_utf8_strlen (doc->text, -1)));
  tokens = bench_text_tokens (head);
  return pick_free_words (tokens, 0, index, n);
}

/* Adds a span on each word, one command (one transaction) each, and
 * takes them back (untimed) so the next series finds the same spans. */
static void
add_spans (TesseraHistory *history,
           gint64          doc_id,
           GArray         *words,
           gint64          label_id,
           double         *p50,
           double         *p95)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < words->len; i++)
    {
      const BenchToken *word = &g_array_index (words, BenchToken, i);
      gint64 start = g_get_monotonic_time ();
      double took;

      if (tessera_history_add_span (history, doc_id, word->start, word->end, label_id, &error) <= 0)
        die ("add span", error);
      took = (g_get_monotonic_time () - start) / 1e3;
      g_array_append_val (ms, took);
    }
  *p50 = bench_percentile (ms, 50);
  *p95 = bench_percentile (ms, 95);

  for (guint i = 0; i < words->len; i++)
    if (!tessera_history_undo (history, &error))
      die ("undo", error);
}

/* `--child core PROJECT`: the command win.tag runs, without any window,
 * on the same documents: alone, then with the document's model. */
int
child_core (const char *path)
{
  static const char * const uids[] = { "big", "small" };
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraProject) project = tessera_project_open (path, TESSERA_OPEN_DEFAULT, &error);
  g_autoptr(TesseraHistory) history = NULL;
  double values[2 * N_CS] = { 0 };
  gint64 label_id;

  if (project == NULL)
    die ("open", error);
  history = tessera_history_new (project);
  label_id = first_entity_label (project);

  for (guint d = 0; d < G_N_ELEMENTS (uids); d++)
    {
      gint64 doc_id = find_document (project, uids[d]);
      g_autoptr(GArray) words = words_at_start (project, doc_id, KEYPRESSES);
      double *v = values + d * N_CS;

      add_spans (history, doc_id, words, label_id, &v[CS_ALONE_P50], &v[CS_ALONE_P95]);
      {
        g_autoptr(TesseraOpenDocument) document = tessera_open_document_get (project, doc_id, &error);

        if (document == NULL)
          die ("open document", error);
        add_spans (history, doc_id, words, label_id, &v[CS_MODEL_P50], &v[CS_MODEL_P95]);
      }
    }

  bench_child_report (2 * N_CS, values);
  return 0;
}
