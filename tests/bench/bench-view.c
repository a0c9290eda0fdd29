/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-bench-view"

#include "config.h"

#include <errno.h>
#include <gtk/gtk.h>
#include <gtksourceview/gtksource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench-common.h"
#include "tessera-application.h"
#include "tessera-document-view.h"
#include "tessera-project.h"
#include "tessera-window.h"
#include "tessera-workbench.h"

/* The window against DESIGN.md §7, each measurement in a process of its
 * own (RSS is per process), all on one X display (Xvfb when there is no
 * DISPLAY):
 *  - a 5 MB document with 50,000 spans (entities of every label, nested
 *    ones, events with arguments, stances): time from
 *    tessera_workbench_set_document_id() to the first frame that draws its
 *    spans, RSS after, and the time each step of scrolling page by page
 *    takes to reach the screen; beside the same text in a plain
 *    GtkSourceView with the same font and spacing and no spans;
 *  - a 100,000-document project: TesseraWindow created, project opened,
 *    first frame with the document drawn, and RSS once idle; beside the
 *    same on a 1-document project.
 * Wall-clock times come with the process's CPU time, which a busy machine
 * does not inflate. `bench-view 0.1` scales every size down for a quick run. */

#define BIG_DOC_BYTES    5000000
#define BIG_DOC_SPANS    50000
#define WARM_DOC_SPANS   20
#define PROJECT_DOCS     100000
#define SCROLL_STEPS     300
#define VIEW_WIDTH       1000
#define VIEW_HEIGHT      900
#define SETTLE_MS        1000
#define WATCHDOG_S       600
/* Each measurement runs this many times (a process each) and the median
 * is printed: a busy machine makes single runs vary by ×3. */
#define ROUNDS           3

#define FIRST_FRAME_TARGET_MS   500.0
#define SCROLL_P95_TARGET_MS    16.0
#define WINDOW_FRAME_TARGET_MS  300.0
#define WINDOW_RSS_TARGET_MB    150.0

static void G_GNUC_NORETURN
die (const char   *what,
     const GError *error)
{
  g_printerr ("bench-view: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

/* --- the projects ------------------------------------------------------- */

/* Tags a text the way analysts do: mostly entities, some nested in
 * others, event triggers with their arguments, and stance statements with
 * a holder and the event they are about. */
typedef struct
{
  TesseraProject *project;
  GRand          *rand;
  GPtrArray      *entities;
  GPtrArray      *events;
  GPtrArray      *stances;
  gint64          recent[2];   /* the latest entity spans: argument fillers, holders */
  gint64          last_event;
  guint           n_spans;
} Tagger;

static void
tagger_init (Tagger         *tagger,
             TesseraProject *project)
{
  tagger->project = project;
  tagger->rand = g_rand_new_with_seed (4242);
  tagger->entities = tessera_project_list_labels (project, TESSERA_LABEL_ENTITY);
  tagger->events = tessera_project_list_labels (project, TESSERA_LABEL_EVENT);
  tagger->stances = tessera_project_list_labels (project, TESSERA_LABEL_STANCE);
}

static void
tagger_clear (Tagger *tagger)
{
  g_clear_pointer (&tagger->rand, g_rand_free);
  g_clear_pointer (&tagger->entities, g_ptr_array_unref);
  g_clear_pointer (&tagger->events, g_ptr_array_unref);
  g_clear_pointer (&tagger->stances, g_ptr_array_unref);
}

static const TesseraLabel *
pick_label (Tagger    *tagger,
            GPtrArray *labels)
{
  return g_ptr_array_index (labels, g_rand_int_range (tagger->rand, 0, labels->len));
}

static gint64
add_span (Tagger             *tagger,
          gint64              doc_id,
          gint64              start,
          gint64              end,
          const TesseraLabel *label)
{
  g_autoptr(GError) error = NULL;
  gint64 id = tessera_project_add_span (tagger->project, doc_id, start, end, label->id, NULL, &error);

  if (id <= 0)
    die ("add span", error);
  tagger->n_spans++;
  return id;
}

static void
add_entity (Tagger       *tagger,
            gint64        doc_id,
            gint64        start,
            gint64        end)
{
  tagger->recent[1] = tagger->recent[0];
  tagger->recent[0] = add_span (tagger, doc_id, start, end, pick_label (tagger, tagger->entities));
}

/* An event on @trigger whose first roles are filled by recent entities. */
static void
add_event (Tagger           *tagger,
           gint64            doc_id,
           const BenchToken *trigger)
{
  const TesseraLabel *type = pick_label (tagger, tagger->events);
  gint64 span_id = add_span (tagger, doc_id, trigger->start, trigger->end, type);
  g_autoptr(GError) error = NULL;
  guint n_roles = type->roles != NULL ? MIN (type->roles->len, G_N_ELEMENTS (tagger->recent)) : 0;

  tagger->last_event = tessera_project_add_event (tagger->project, span_id, type->id, NULL, NULL, &error);
  if (tagger->last_event <= 0)
    die ("add event", error);

  for (guint r = 0; r < n_roles; r++)
    if (tagger->recent[r] != 0 &&
        !tessera_project_add_argument (tagger->project, tagger->last_event,
                                       g_array_index (type->roles, gint64, r), tagger->recent[r], &error))
      die ("add argument", error);
}

static void
add_stance (Tagger *tagger,
            gint64  doc_id,
            gint64  start,
            gint64  end)
{
  const TesseraLabel *label = pick_label (tagger, tagger->stances);
  gint64 span_id = add_span (tagger, doc_id, start, end, label);
  g_autoptr(GError) error = NULL;

  if (tessera_project_add_stance (tagger->project, span_id, label->id, tagger->recent[0],
                                  tagger->last_event, 0, &error) <= 0)
    die ("add stance", error);
}

/* Spreads @n_spans spans evenly over the words of the document. */
static void
tag_document (Tagger     *tagger,
              gint64      doc_id,
              const char *text,
              guint       n_spans)
{
  g_autoptr(GArray) tokens = bench_text_tokens (text);
  const BenchToken *t = (const BenchToken *) tokens->data;
  guint goal = tagger->n_spans + n_spans;
  /* One anchor in twenty holds two spans (nesting). */
  double stride = tokens->len / (n_spans / 1.05 + 1);

  tagger->recent[0] = tagger->recent[1] = tagger->last_event = 0;

  for (guint k = 0; tagger->n_spans < goal; k++)
    {
      guint i = (guint) (k * stride);

      if (i + 5 >= tokens->len)
        break;

      if (k % 40 == 7)
        add_stance (tagger, doc_id, t[i].start, t[i + 4].end);
      else if (k % 25 == 3)
        add_event (tagger, doc_id, &t[i]);
      else if (k % 20 == 11 && tagger->n_spans + 1 < goal)
        {
          add_entity (tagger, doc_id, t[i].start, t[i + 2].end);
          add_entity (tagger, doc_id, t[i + 1].start, t[i + 1].end);
        }
      else
        add_entity (tagger, doc_id, t[i].start, t[i + g_rand_int_range (tagger->rand, 0, 10) / 7].end);
    }
}

static gint64
add_document (TesseraProject *project,
              const char     *uid,
              char           *title,
              char           *text)
{
  g_autoptr(TesseraDocument) doc = tessera_document_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  doc->uid = g_strdup (uid);
  doc->title = title;
  doc->text = text;
  doc->source = g_strdup ("Bench Wire");
  doc->published = g_strdup ("2023-11-14");
  doc->language = g_strdup ("en");
  if ((id = tessera_project_add_document (project, doc, &error)) <= 0)
    die ("add document", error);

  /* The caller keeps the text. */
  doc->text = NULL;
  return id;
}

/* News reports one after another, up to @n_bytes of UTF-8. */
static char *
make_long_text (BenchCorpus *corpus,
                gsize        n_bytes)
{
  GString *text = g_string_sized_new (n_bytes + 8192);

  for (guint i = 0; text->len < n_bytes; i++)
    {
      g_autofree char *part = bench_corpus_text (corpus, 500000 + i, NULL);

      if (i > 0)
        g_string_append (text, "\n\n");
      g_string_append (text, part);
    }
  return g_string_free (text, FALSE);
}

/* The big document first, then a small one shown before it so that both
 * the view and the reference are measured with fonts and caches warm. */
static void
build_view_project (const char  *path,
                    BenchCorpus *corpus,
                    double       scale)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraProject) project = tessera_project_create (path, NULL, &error);
  g_autofree char *big = NULL;
  g_autofree char *warm = NULL;
  Tagger tagger = { 0 };
  gint64 id;

  if (project == NULL || !tessera_project_begin (project, &error))
    die ("create", error);
  tagger_init (&tagger, project);

  big = make_long_text (corpus, BIG_DOC_BYTES * scale);
  id = add_document (project, "big", g_strdup ("Five megabytes of news"), big);
  tag_document (&tagger, id, big, MAX (BIG_DOC_SPANS * scale, 100));

  warm = bench_corpus_text (corpus, 7, NULL);
  id = add_document (project, "warm", g_strdup ("A short report"), warm);
  tag_document (&tagger, id, warm, WARM_DOC_SPANS);

  if (!tessera_project_commit (project, &error))
    die ("commit", error);
  tagger_clear (&tagger);
}

/* A report of 1–3 KB, cut at a space. */
static char *
make_news_text (BenchCorpus *corpus,
                guint        index,
                GRand       *rand,
                char       **title)
{
  char *text = bench_corpus_text (corpus, index, title);
  gsize target = g_rand_int_range (rand, 1000, 3000);
  char *cut;

  if (strlen (text) > target && (cut = g_strrstr_len (text, target, " ")) != NULL)
    *cut = '\0';
  return g_strchomp (text);
}

/* @n_docs reports, one in ten of them (the first among them, which the
 * window opens) with a dozen annotations. */
static void
build_corpus_project (const char  *path,
                      BenchCorpus *corpus,
                      guint        n_docs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraProject) project = tessera_project_create (path, NULL, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  Tagger tagger = { 0 };

  if (project == NULL || !tessera_project_begin (project, &error))
    die ("create", error);
  tagger_init (&tagger, project);

  for (guint i = 0; i < n_docs; i++)
    {
      g_autofree char *uid = g_strdup_printf ("report-%06u", i);
      char *title = NULL;
      g_autofree char *text = make_news_text (corpus, i, rand, &title);
      gint64 id = add_document (project, uid, title, text);

      if (i % 10 == 0)
        tag_document (&tagger, id, text, 12);
    }

  if (!tessera_project_commit (project, &error))
    die ("commit", error);
  tagger_clear (&tagger);
}

/* --- frames ------------------------------------------------------------- */

/* What one child process shows and what its frames took. */
typedef struct
{
  GtkWidget           *window;
  GtkTextView         *text_view;
  TesseraDocumentView *view;          /* NULL in the plain reference */
  gint64               first_warm_span; /* span ids below it are the big document's */
  guint                n_paints;
  gint64               paint_us;      /* the last after-paint */
  /* Scrolling: a step is made at the start of a frame (tick callback) and
   * counted at the end of that frame (after-paint). */
  GtkAdjustment       *vadj;
  guint                steps_left;
  gint64               step_us;       /* when the pending step was made; 0: none */
  gint64               step_cpu_us;
  GArray              *work_ms;       /* step → painted, double */
  GArray              *cpu_ms;        /* CPU time of the process in it, double */
  GArray              *interval_ms;   /* painted → painted, double */
  guint                frames_without_spans;
} Stage;

static void
stage_clear (Stage *stage)
{
  g_clear_pointer (&stage->work_ms, g_array_unref);
  g_clear_pointer (&stage->cpu_ms, g_array_unref);
  g_clear_pointer (&stage->interval_ms, g_array_unref);
  g_clear_pointer ((GtkWindow **) &stage->window, gtk_window_destroy);
}

/* TRUE when the last frame drew spans of the big document (@big) or of
 * the small one; the plain reference has no spans, any frame will do. */
static gboolean
frame_shows (Stage    *stage,
             gboolean  big)
{
  GArray *drawn;

  if (stage->view == NULL)
    return TRUE;

  drawn = tessera_document_view_get_drawn_spans (stage->view);
  for (guint i = 0; drawn != NULL && i < drawn->len; i++)
    if ((g_array_index (drawn, gint64, i) < stage->first_warm_span) == big)
      return TRUE;
  return FALSE;
}

/* CPU time of all our threads: unlike the wall clock, it does not count
 * waiting for a CPU that other processes (or Xvfb) hold. */
static gint64
cpu_time_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * G_GINT64_CONSTANT (1000000) + ts.tv_nsec / 1000;
}

static void
on_after_paint (GdkFrameClock *clock,
                Stage         *stage)
{
  gint64 now = g_get_monotonic_time ();

  if (stage->step_us != 0)
    {
      double work = (now - stage->step_us) / 1e3;
      double cpu = (cpu_time_us () - stage->step_cpu_us) / 1e3;
      double interval = (now - stage->paint_us) / 1e3;

      g_array_append_val (stage->work_ms, work);
      g_array_append_val (stage->cpu_ms, cpu);
      g_array_append_val (stage->interval_ms, interval);
      if (!frame_shows (stage, TRUE))
        stage->frames_without_spans++;
      stage->step_us = 0;
    }

  stage->paint_us = now;
  stage->n_paints++;
}

static gboolean
on_watchdog (gpointer user_data)
{
  g_printerr ("bench-view: a measurement did not end within %d s\n", WATCHDOG_S);
  exit (1);
}

static void
stage_init (Stage     *stage,
            GtkWidget *window)
{
  stage->window = window;
  stage->work_ms = g_array_new (FALSE, FALSE, sizeof (double));
  stage->cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  stage->interval_ms = g_array_new (FALSE, FALSE, sizeof (double));

  gtk_widget_realize (window);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), stage);
  g_timeout_add_seconds (WATCHDOG_S, on_watchdog, NULL);
}

/* Runs the main loop until a frame shows the big document or the small
 * one; returns when that frame was painted. */
static gint64
wait_for_frame (Stage    *stage,
                gboolean  big)
{
  for (;;)
    {
      guint seen = stage->n_paints;

      while (stage->n_paints == seen)
        g_main_context_iteration (NULL, TRUE);
      if (frame_shows (stage, big))
        return stage->paint_us;
    }
}

static gboolean
set_flag (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets idle work (text validation, caches) run for @ms. */
static void
settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* TRUE when the last line of the text is on screen. */
static gboolean
shows_end (Stage *stage)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (stage->text_view);
  double bottom = gtk_adjustment_get_value (stage->vadj) + gtk_adjustment_get_page_size (stage->vadj);
  GtkTextIter iter;

  gtk_text_view_get_line_at_y (stage->text_view, &iter, (int) bottom, NULL);
  return gtk_text_iter_get_line (&iter) + 1 >= gtk_text_buffer_get_line_count (buffer);
}

static gboolean
scroll_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  Stage *stage = user_data;
  double value = gtk_adjustment_get_value (stage->vadj);
  double page = gtk_adjustment_get_page_size (stage->vadj);
  double limit = gtk_adjustment_get_upper (stage->vadj) - page;

  /* One step per painted frame. */
  if (stage->step_us != 0)
    return G_SOURCE_CONTINUE;

  if (shows_end (stage))
    stage->steps_left = 0;
  if (stage->steps_left == 0)
    return G_SOURCE_REMOVE;

  /* GtkTextView has not measured the text below yet (it does so when
   * idle): wait for it rather than time a frame that shows nothing new. */
  if (value >= limit)
    return G_SOURCE_CONTINUE;

  stage->steps_left--;
  stage->step_us = g_get_monotonic_time ();
  stage->step_cpu_us = cpu_time_us ();
  gtk_adjustment_set_value (stage->vadj, MIN (value + page, limit));
  return G_SOURCE_CONTINUE;
}

/* Scrolls down a page per frame, from the top. */
static void
scroll_through (Stage *stage)
{
  guint tick;

  stage->vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (stage->text_view));
  /* From a fresh frame: nothing else may be pending in the first step. */
  gtk_adjustment_set_value (stage->vadj, 0);
  gtk_widget_queue_draw (GTK_WIDGET (stage->text_view));
  wait_for_frame (stage, TRUE);

  stage->steps_left = SCROLL_STEPS;
  tick = gtk_widget_add_tick_callback (stage->window, scroll_tick, stage, NULL);
  while (stage->steps_left > 0 || stage->step_us != 0)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (stage->window, tick);
}

static const char * const renderers[] = {
  "GskCairoRenderer", "GskGLRenderer", "GskNglRenderer", "GskVulkanRenderer",
};

/* The renderer as a number a child can report (-1: another one). */
static double
renderer_index (GtkWidget *window)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  for (guint i = 0; renderer != NULL && i < G_N_ELEMENTS (renderers); i++)
    if (g_str_equal (G_OBJECT_TYPE_NAME (renderer), renderers[i]))
      return i;
  return -1;
}

static const char *
renderer_name (double index)
{
  return index >= 0 && index < G_N_ELEMENTS (renderers) ? renderers[(guint) index] + 3 : "unknown";
}

/* What a text-view child reports. */
enum
{
  V_FIRST_FRAME_MS,
  V_FIRST_FRAME_CPU_MS,
  V_SET_MS,
  V_RSS_KB,
  V_WORK_P50,
  V_WORK_P95,
  V_WORK_MAX,
  V_CPU_P50,
  V_CPU_P95,
  V_INTERVAL_P50,
  V_INTERVAL_P95,
  V_INTERVAL_MAX,
  V_STEPS,
  V_FRAMES_WITHOUT_SPANS,
  V_RENDERER,
  V_CHARS,
  N_V,
};

static void
report_view (Stage  *stage,
             double *values)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (stage->text_view);

  values[V_WORK_P50] = bench_percentile (stage->work_ms, 50);
  values[V_WORK_P95] = bench_percentile (stage->work_ms, 95);
  values[V_WORK_MAX] = bench_percentile (stage->work_ms, 100);
  values[V_CPU_P50] = bench_percentile (stage->cpu_ms, 50);
  values[V_CPU_P95] = bench_percentile (stage->cpu_ms, 95);
  values[V_INTERVAL_P50] = bench_percentile (stage->interval_ms, 50);
  values[V_INTERVAL_P95] = bench_percentile (stage->interval_ms, 95);
  values[V_INTERVAL_MAX] = bench_percentile (stage->interval_ms, 100);
  values[V_STEPS] = stage->work_ms->len;
  values[V_FRAMES_WITHOUT_SPANS] = stage->frames_without_spans;
  values[V_RENDERER] = renderer_index (stage->window);
  values[V_CHARS] = gtk_text_buffer_get_char_count (buffer);
  bench_child_report (N_V, values);
}

/* --- the document view -------------------------------------------------- */

static gint64
find_document (TesseraProject *project,
               const char     *uid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) doc = tessera_project_find_document (project, uid, FALSE, &error);

  if (doc == NULL)
    die (uid, error);
  return doc->id;
}

static gint64
first_span (TesseraProject *project,
            gint64          doc_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) spans = tessera_project_list_spans (project, doc_id, &error);
  gint64 first = G_MAXINT64;

  if (spans == NULL)
    die ("list spans", error);
  for (guint i = 0; i < spans->len; i++)
    first = MIN (first, g_array_index (spans, TesseraSpan, i).id);
  return first;
}

/* The font, spacing and size the document view's text had, for the
 * reference to copy. */
static void
save_look (GtkTextView *text_view,
           const char  *path)
{
  g_autoptr(GKeyFile) look = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (text_view));
  g_autofree char *font = pango_font_description_to_string (pango_context_get_font_description (context));

  g_key_file_set_string (look, "look", "font", font);
  g_key_file_set_integer (look, "look", "width", gtk_widget_get_width (GTK_WIDGET (text_view)));
  g_key_file_set_integer (look, "look", "height", gtk_widget_get_height (GTK_WIDGET (text_view)));
  g_key_file_set_integer (look, "look", "wrap-mode", gtk_text_view_get_wrap_mode (text_view));
  g_key_file_set_integer (look, "look", "pixels-above-lines", gtk_text_view_get_pixels_above_lines (text_view));
  g_key_file_set_integer (look, "look", "pixels-below-lines", gtk_text_view_get_pixels_below_lines (text_view));
  g_key_file_set_integer (look, "look", "pixels-inside-wrap", gtk_text_view_get_pixels_inside_wrap (text_view));
  g_key_file_set_integer (look, "look", "left-margin", gtk_text_view_get_left_margin (text_view));
  g_key_file_set_integer (look, "look", "right-margin", gtk_text_view_get_right_margin (text_view));
  g_key_file_set_integer (look, "look", "top-margin", gtk_text_view_get_top_margin (text_view));
  g_key_file_set_integer (look, "look", "bottom-margin", gtk_text_view_get_bottom_margin (text_view));
  if (!g_key_file_save_to_file (look, path, &error))
    die ("save look", error);
}

/* `--child view PROJECT LOOK`: a TesseraDocumentView in a window. */
static int
child_view (const char *path,
            const char *look_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraProject) project = tessera_project_open (path, TESSERA_OPEN_SKIP_CHECK, &error);
  g_autoptr(TesseraWorkbench) workbench = tessera_workbench_new ();
  Stage stage = { 0 };
  double values[N_V] = { 0 };
  gint64 big_id, warm_id, start, start_cpu;

  if (project == NULL)
    die ("open", error);
  big_id = find_document (project, "big");
  warm_id = find_document (project, "warm");
  stage.first_warm_span = first_span (project, warm_id);

  stage_init (&stage, gtk_window_new ());
  gtk_window_set_default_size (GTK_WINDOW (stage.window), VIEW_WIDTH, VIEW_HEIGHT);
  stage.view = g_object_new (TESSERA_TYPE_DOCUMENT_VIEW, NULL);
  stage.text_view = tessera_document_view_get_text_view (stage.view);
  gtk_window_set_child (GTK_WINDOW (stage.window), GTK_WIDGET (stage.view));
  tessera_document_view_set_workbench (stage.view, workbench);
  tessera_workbench_set_project (workbench, project);
  gtk_window_present (GTK_WINDOW (stage.window));

  tessera_workbench_set_document_id (workbench, warm_id);
  wait_for_frame (&stage, FALSE);
  settle (SETTLE_MS / 2);

  start = g_get_monotonic_time ();
  start_cpu = cpu_time_us ();
  tessera_workbench_set_document_id (workbench, big_id);
  values[V_SET_MS] = (g_get_monotonic_time () - start) / 1e3;
  values[V_FIRST_FRAME_MS] = (wait_for_frame (&stage, TRUE) - start) / 1e3;
  values[V_FIRST_FRAME_CPU_MS] = (cpu_time_us () - start_cpu) / 1e3;

  settle (SETTLE_MS);
  values[V_RSS_KB] = bench_rss_kb ();
  save_look (stage.text_view, look_path);

  scroll_through (&stage);
  report_view (&stage, values);

  stage_clear (&stage);
  return 0;
}

/* --- the plain reference ------------------------------------------------ */

static char *
load_text (TesseraProject *project,
           const char     *uid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) doc = tessera_project_find_document (project, uid, TRUE, &error);

  if (doc == NULL)
    die (uid, error);
  return g_steal_pointer (&doc->text);
}

static int
look_int (GKeyFile   *look,
          const char *key)
{
  g_autoptr(GError) error = NULL;
  int value = g_key_file_get_integer (look, "look", key, &error);

  if (error != NULL)
    die (key, error);
  return value;
}

/* CSS for the font of a Pango description ("Serif, Sans 15px"). */
static char *
font_css (const char *font)
{
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  g_auto(GStrv) families = g_strsplit (pango_font_description_get_family (desc), ",", -1);
  GString *css = g_string_new ("textview { font-family: ");
  double size = (double) pango_font_description_get_size (desc) / PANGO_SCALE;

  for (guint i = 0; families[i] != NULL; i++)
    g_string_append_printf (css, "%s\"%s\"", i > 0 ? ", " : "", g_strstrip (families[i]));
  g_string_append_printf (css, "; font-size: %.2f%s; }", size,
                          pango_font_description_get_size_is_absolute (desc) ? "px" : "pt");
  return g_string_free (css, FALSE);
}

/* A GtkSourceView that looks like the document view's text. */
static GtkTextView *
make_plain_view (GKeyFile *look)
{
  GtkTextView *view = GTK_TEXT_VIEW (gtk_source_view_new ());
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  g_autofree char *font = g_key_file_get_string (look, "look", "font", NULL);
  g_autofree char *css = font_css (font != NULL ? font : "Serif 12");

  gtk_css_provider_load_from_data (provider, css, -1);
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (view)),
                                  GTK_STYLE_PROVIDER (provider), GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_text_view_set_editable (view, FALSE);
  gtk_text_view_set_wrap_mode (view, look_int (look, "wrap-mode"));
  gtk_text_view_set_pixels_above_lines (view, look_int (look, "pixels-above-lines"));
  gtk_text_view_set_pixels_below_lines (view, look_int (look, "pixels-below-lines"));
  gtk_text_view_set_pixels_inside_wrap (view, look_int (look, "pixels-inside-wrap"));
  gtk_text_view_set_left_margin (view, look_int (look, "left-margin"));
  gtk_text_view_set_right_margin (view, look_int (look, "right-margin"));
  gtk_text_view_set_top_margin (view, look_int (look, "top-margin"));
  gtk_text_view_set_bottom_margin (view, look_int (look, "bottom-margin"));
  return view;
}

/* `--child plain PROJECT LOOK`: the same texts in a plain GtkSourceView,
 * the window sized so the text gets the area it had in the document view. */
static int
child_plain (const char *path,
             const char *look_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) look = g_key_file_new ();
  g_autofree char *big = NULL;
  g_autofree char *warm = NULL;
  GtkTextBuffer *buffer;
  GtkWidget *scrolled;
  Stage stage = { 0 };
  double values[N_V] = { 0 };
  gint64 start, start_cpu;

  if (!g_key_file_load_from_file (look, look_path, G_KEY_FILE_NONE, &error))
    die ("look", error);

  {
    g_autoptr(TesseraProject) project = tessera_project_open (path, TESSERA_OPEN_READ_ONLY, &error);

    if (project == NULL)
      die ("open", error);
    big = load_text (project, "big");
    warm = load_text (project, "warm");
  }

  stage_init (&stage, gtk_window_new ());
  gtk_window_set_default_size (GTK_WINDOW (stage.window), look_int (look, "width"), look_int (look, "height"));
  stage.text_view = make_plain_view (look);
  buffer = gtk_text_view_get_buffer (stage.text_view);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (stage.text_view));
  gtk_window_set_child (GTK_WINDOW (stage.window), scrolled);
  gtk_window_present (GTK_WINDOW (stage.window));

  gtk_text_buffer_set_text (buffer, warm, -1);
  wait_for_frame (&stage, FALSE);
  settle (SETTLE_MS / 2);

  start = g_get_monotonic_time ();
  start_cpu = cpu_time_us ();
  gtk_text_buffer_set_text (buffer, big, -1);
  values[V_SET_MS] = (g_get_monotonic_time () - start) / 1e3;
  values[V_FIRST_FRAME_MS] = (wait_for_frame (&stage, TRUE) - start) / 1e3;
  values[V_FIRST_FRAME_CPU_MS] = (cpu_time_us () - start_cpu) / 1e3;

  settle (SETTLE_MS);
  values[V_RSS_KB] = bench_rss_kb ();

  scroll_through (&stage);
  report_view (&stage, values);

  stage_clear (&stage);
  return 0;
}

/* --- the whole window --------------------------------------------------- */

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

enum
{
  W_FIRST_FRAME_MS,
  W_FIRST_FRAME_CPU_MS,
  W_NEW_MS,
  W_OPEN_MS,
  W_RSS_KB,
  W_PEAK_KB,
  W_DRAWN_SPANS,
  N_W,
};

/* `--child window PROJECT`: as the application starts: a TesseraWindow,
 * the project opened, the window presented; until the first frame in
 * which the document view has drawn the first document's spans. */
static int
child_window (const char *path)
{
  g_autoptr(GError) error = NULL;
  TesseraWindow *window;
  Stage stage = { 0 };
  double values[N_W] = { 0 };
  GArray *drawn;
  gint64 start, start_cpu;

  start = g_get_monotonic_time ();
  start_cpu = cpu_time_us ();
  window = tessera_window_new (NULL);
  values[W_NEW_MS] = (g_get_monotonic_time () - start) / 1e3;
  stage_init (&stage, GTK_WIDGET (window));
  stage.view = TESSERA_DOCUMENT_VIEW (find_descendant (GTK_WIDGET (window), TESSERA_TYPE_DOCUMENT_VIEW));
  /* Every id is below it: any drawn span is the document's. */
  stage.first_warm_span = G_MAXINT64;

  if (!tessera_window_open_project (window, path, &error))
    die ("open", error);
  values[W_OPEN_MS] = (g_get_monotonic_time () - start) / 1e3;
  gtk_window_present (GTK_WINDOW (window));
  values[W_FIRST_FRAME_MS] = (wait_for_frame (&stage, TRUE) - start) / 1e3;
  values[W_FIRST_FRAME_CPU_MS] = (cpu_time_us () - start_cpu) / 1e3;
  drawn = tessera_document_view_get_drawn_spans (stage.view);
  values[W_DRAWN_SPANS] = drawn != NULL ? drawn->len : 0;

  settle (2 * SETTLE_MS);
  values[W_RSS_KB] = bench_rss_kb ();
  values[W_PEAK_KB] = bench_peak_rss_kb ();
  bench_child_report (N_W, values);

  stage_clear (&stage);
  return 0;
}

/* --- main --------------------------------------------------------------- */

static void
child_setup (void)
{
  gtk_init ();
  tessera_application_ensure_resources ();
}

static int
run_child (int    argc,
           char **argv)
{
  const char *phase = argv[2];

  child_setup ();
  if (argc == 5 && g_str_equal (phase, "view"))
    return child_view (argv[3], argv[4]);
  if (argc == 5 && g_str_equal (phase, "plain"))
    return child_plain (argv[3], argv[4]);
  if (argc == 4 && g_str_equal (phase, "window"))
    return child_window (argv[3]);

  g_printerr ("bench-view: bad child arguments\n");
  return 2;
}

/* Without a display, runs again inside xvfb-run (which sets DISPLAY). */
static void
ensure_display (int    argc,
                char **argv)
{
  g_autofree char *xvfb_run = NULL;
  g_autofree char *self = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  if (g_getenv ("DISPLAY") != NULL)
    return;

  if ((xvfb_run = g_find_program_in_path ("xvfb-run")) == NULL)
    {
      g_printerr ("bench-view: no DISPLAY, and xvfb-run is not installed\n");
      exit (1);
    }
  self = g_file_read_link ("/proc/self/exe", NULL);

  g_ptr_array_add (args, xvfb_run);
  g_ptr_array_add (args, (gpointer) "-a");
  g_ptr_array_add (args, (gpointer) "-s");
  g_ptr_array_add (args, (gpointer) "-screen 0 1600x1000x24");
  g_ptr_array_add (args, self != NULL ? self : argv[0]);
  for (int i = 1; i < argc; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);

  /* A Wayland session around us must not win over the X server we start. */
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  /* Xvfb has no GPU: GL would be Mesa's llvmpipe, which draws on the CPU
   * and costs three times what cairo does, and 60 MB more RSS: numbers
   * about Mesa, not about us. GSK_RENDERER=gl measures it anyway. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  execv (xvfb_run, (char **) args->pdata);
  g_printerr ("bench-view: cannot run %s: %s\n", xvfb_run, g_strerror (errno));
  exit (1);
}

static void
set_environment (void)
{
  /* Never the user's settings: the window remembers recent projects. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", BENCH_SCHEMA_DIR, FALSE);
  /* Xvfb has no accessibility bus to talk to. */
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);
}

static double
parse_scale (int    argc,
             char **argv)
{
  char *end = NULL;
  double scale;

  if (argc < 2)
    return 1.0;

  scale = g_ascii_strtod (argv[1], &end);
  if (argc > 2 || end == argv[1] || *end != '\0' || !(scale > 0 && scale <= 10))
    {
      g_printerr ("usage: bench-view [SCALE]  (1: 5 MB document, 100,000 documents; 0.1 for a quick run)\n");
      exit (2);
    }
  return scale;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Runs a child ROUNDS times; each value is the median of its rounds. */
static void
run_phase (const char *phase,
           const char *project,
           const char *look,
           double     *values,
           guint       n_values)
{
  const char *args[] = { phase, project, look, NULL };
  g_autofree double *rounds = g_new (double, ROUNDS * n_values);
  double column[ROUNDS];

  for (guint r = 0; r < ROUNDS; r++)
    {
      g_autoptr(GError) error = NULL;

      if (!bench_run_child (args, rounds + r * n_values, n_values, &error))
        die (phase, error);
    }

  for (guint v = 0; v < n_values; v++)
    {
      for (guint r = 0; r < ROUNDS; r++)
        column[r] = rounds[r * n_values + v];
      qsort (column, ROUNDS, sizeof (double), compare_doubles);
      values[v] = column[ROUNDS / 2];
    }
}

static void
print_view (const double *view,
            const double *plain,
            double        scale)
{
  printf ("open a %.1f MB document (%.0f chars) with %.0f spans, set_document_id → first frame with its spans: "
          "%.0f ms (target ≤ %.0f ms; set_document_id returned after %.0f ms; CPU %.0f ms) | "
          "plain GtkSourceView, same text, no spans, set_text → first frame: %.0f ms "
          "(set_text %.0f ms; CPU %.0f ms)\n",
          BIG_DOC_BYTES * scale / 1e6, view[V_CHARS], MAX (BIG_DOC_SPANS * scale, 100),
          view[V_FIRST_FRAME_MS], FIRST_FRAME_TARGET_MS, view[V_SET_MS], view[V_FIRST_FRAME_CPU_MS],
          plain[V_FIRST_FRAME_MS], plain[V_SET_MS], plain[V_FIRST_FRAME_CPU_MS]);
  printf ("RSS after opening it (VmRSS, %d ms later): %.0f MB | plain GtkSourceView: %.0f MB\n",
          SETTLE_MS, BENCH_MB (view[V_RSS_KB]), BENCH_MB (plain[V_RSS_KB]));
  printf ("scroll a page per frame, %.0f steps, step → painted: p50 %.1f ms, p95 %.1f ms, max %.1f ms "
          "(target p95 ≤ %.0f ms) | plain GtkSourceView (%.0f steps): p50 %.1f ms, p95 %.1f ms, max %.1f ms\n",
          view[V_STEPS], view[V_WORK_P50], view[V_WORK_P95], view[V_WORK_MAX], SCROLL_P95_TARGET_MS,
          plain[V_STEPS], plain[V_WORK_P50], plain[V_WORK_P95], plain[V_WORK_MAX]);
  printf ("scroll, CPU time of the process per step (the same, without waiting for a busy CPU): "
          "p50 %.1f ms, p95 %.1f ms | plain GtkSourceView: p50 %.1f ms, p95 %.1f ms\n",
          view[V_CPU_P50], view[V_CPU_P95], plain[V_CPU_P50], plain[V_CPU_P95]);
  printf ("scroll, frame to frame (idle validation included; 16.7 ms is the floor at 60 Hz): "
          "p50 %.1f ms, p95 %.1f ms, max %.1f ms | plain GtkSourceView: p50 %.1f ms, p95 %.1f ms, max %.1f ms\n",
          view[V_INTERVAL_P50], view[V_INTERVAL_P95], view[V_INTERVAL_MAX],
          plain[V_INTERVAL_P50], plain[V_INTERVAL_P95], plain[V_INTERVAL_MAX]);
  if (view[V_FRAMES_WITHOUT_SPANS] > 0)
    printf ("warning: %.0f scrolled frames drew no span\n", view[V_FRAMES_WITHOUT_SPANS]);
}

static void
print_window (const double *window,
              const double *single,
              guint         n_docs)
{
  printf ("window on a %u-document project: new window → open_project → first frame with the document: "
          "%.0f ms (target ≤ %.0f ms; window built after %.0f ms, project opened after %.0f ms, "
          "%.0f spans drawn; CPU %.0f ms) | on a 1-document project: %.0f ms (built %.0f ms, "
          "opened %.0f ms; CPU %.0f ms)\n",
          n_docs, window[W_FIRST_FRAME_MS], WINDOW_FRAME_TARGET_MS, window[W_NEW_MS], window[W_OPEN_MS],
          window[W_DRAWN_SPANS], window[W_FIRST_FRAME_CPU_MS],
          single[W_FIRST_FRAME_MS], single[W_NEW_MS], single[W_OPEN_MS], single[W_FIRST_FRAME_CPU_MS]);
  printf ("window RSS once idle (%d ms later): %.0f MB (target ≤ %.0f MB), peak %.0f MB | "
          "on a 1-document project: %.0f MB, peak %.0f MB\n",
          2 * SETTLE_MS, BENCH_MB (window[W_RSS_KB]), WINDOW_RSS_TARGET_MB, BENCH_MB (window[W_PEAK_KB]),
          BENCH_MB (single[W_RSS_KB]), BENCH_MB (single[W_PEAK_KB]));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *tmpdir = NULL;
  g_autofree char *view_project = NULL;
  g_autofree char *corpus_project = NULL;
  g_autofree char *single_project = NULL;
  g_autofree char *look = NULL;
  g_autoptr(BenchCorpus) corpus = NULL;
  double view[N_V], plain[N_V], window[N_W], single[N_W];
  double scale;
  guint n_docs;
  gint64 start;

  set_environment ();
  if (bench_is_child (argc, argv))
    return run_child (argc, argv);

  g_set_prgname ("bench-view");
  scale = parse_scale (argc, argv);
  ensure_display (argc, argv);
  n_docs = MAX (PROJECT_DOCS * scale, 10);

  tmpdir = bench_tmpdir_new ();
  corpus = bench_corpus_new ();
  view_project = g_build_filename (tmpdir, "view.tessera", NULL);
  corpus_project = g_build_filename (tmpdir, "corpus.tessera", NULL);
  single_project = g_build_filename (tmpdir, "single.tessera", NULL);
  look = g_build_filename (tmpdir, "look.ini", NULL);

  start = bench_now_us ();
  build_view_project (view_project, corpus, scale);
  g_printerr ("bench-view: built the %.1f MB document in %.1f s\n",
              BIG_DOC_BYTES * scale / 1e6, (bench_now_us () - start) / 1e6);
  run_phase ("view", view_project, look, view, N_V);
  run_phase ("plain", view_project, look, plain, N_V);

  start = bench_now_us ();
  build_corpus_project (corpus_project, corpus, n_docs);
  g_printerr ("bench-view: built %u documents in %.1f s\n", n_docs, (bench_now_us () - start) / 1e6);
  run_phase ("window", corpus_project, NULL, window, N_W);
  /* What the window costs whatever the size of the project. */
  build_corpus_project (single_project, corpus, 1);
  run_phase ("window", single_project, NULL, single, N_W);

  printf ("display %s, renderer %s (view) / %s (plain); each figure the median of %d runs\n",
          g_getenv ("DISPLAY"), renderer_name (view[V_RENDERER]), renderer_name (plain[V_RENDERER]), ROUNDS);
  print_view (view, plain, scale);
  print_window (window, single, n_docs);

  bench_tmpdir_remove (tmpdir);
  return 0;
}
