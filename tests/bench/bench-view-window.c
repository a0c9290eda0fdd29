/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-bench-view"

#include "config.h"

#include "bench-view.h"

/* The first frame and the RSS of a TesseraWindow on a big project
 * (`--child window`). */

/* `--child window PROJECT`: as the application starts: a TesseraWindow,
 * the project opened, the window presented; until the first frame in
 * which the document view has drawn the first document's spans. The
 * process has done nothing but start GTK before (run_child ()): its RSS
 * is the window's. */
int
child_window (const char *path)
{
  g_autoptr(GError) error = NULL;
  TesseraWindow *window;
  Stage stage = { 0 };
  double values[N_W] = { 0 };
  GArray *drawn;
  gint64 start, start_cpu;

  values[W_START_KB] = bench_rss_kb ();
  values[W_START_ANON_KB] = bench_rss_anon_kb ();
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

  wait_for_background (window, &stage);
  values[W_BACKGROUND_MS] = (g_get_monotonic_time () - start) / 1e3;
  settle (SETTLE_MS);
  values[W_DONE_KB] = bench_rss_kb ();
  values[W_DONE_ANON_KB] = bench_rss_anon_kb ();
  values[W_DONE_PEAK_KB] = bench_peak_rss_kb ();
  bench_child_report (N_W, values);

  stage_clear (&stage);
  return 0;
}
