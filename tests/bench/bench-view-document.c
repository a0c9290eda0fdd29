/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-bench-view"

#include "config.h"

#include <gtksourceview/gtksource.h>

#include "bench-view.h"

/* Opening and scrolling the 5 MB document in a TesseraDocumentView
 * (`--child view`), and the same text in a plain GtkSourceView
 * (`--child plain`). */

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

const char *
renderer_name (double index)
{
  return index >= 0 && index < G_N_ELEMENTS (renderers) ? renderers[(guint) index] + 3 : "unknown";
}

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
int
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
int
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
