/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-bench-view"

#include "config.h"

#include "bench-view.h"

/* Switching documents in a TesseraWindow (`--child switch`). */

/* Switches @n times from @away_id to @doc_id. */
static void
switch_to (Stage            *stage,
           TesseraWorkbench *workbench,
           gint64            away_id,
           gint64            doc_id,
           guint             n,
           double           *values)
{
  g_autoptr(GArray) frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) set_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 lo, hi;

  span_range (tessera_workbench_get_project (workbench), doc_id, &lo, &hi);

  for (guint i = 0; i < n; i++)
    {
      gint64 start, start_cpu, painted;
      double ms;

      show_document (stage, workbench, away_id);
      settle (SETTLE_MS / 2);

      start = g_get_monotonic_time ();
      start_cpu = cpu_time_us ();
      tessera_workbench_set_document_id (workbench, doc_id);
      ms = (g_get_monotonic_time () - start) / 1e3;
      g_array_append_val (set_ms, ms);
      if ((painted = wait_for_spans (stage, lo, hi)) == 0)
        die ("no frame drew the document's spans", NULL);
      ms = (painted - start) / 1e3;
      g_array_append_val (frame_ms, ms);
      ms = (cpu_time_us () - start_cpu) / 1e3;
      g_array_append_val (cpu_ms, ms);
      settle (SETTLE_MS / 2);
    }

  values[SW_FRAME_P50] = bench_percentile (frame_ms, 50);
  values[SW_FRAME_MAX] = bench_percentile (frame_ms, 100);
  values[SW_SET_P50] = bench_percentile (set_ms, 50);
  values[SW_CPU_P50] = bench_percentile (cpu_ms, 50);
  values[SW_SWITCHES] = n;
}

/* `--child switch PROJECT`: a TesseraWindow on the view project, showing
 * the warm document between switches to the report and to the big one. */
int
child_switch (const char *path)
{
  Stage stage = { 0 };
  double values[2 * N_SW] = { 0 };
  TesseraWindow *window = open_window (&stage, path);
  TesseraWorkbench *workbench = tessera_window_get_workbench (window);
  TesseraProject *project = tessera_workbench_get_project (workbench);
  gint64 warm_id = find_document (project, "warm");

  show_document (&stage, workbench, warm_id);
  wait_for_background (window, &stage);
  settle (SETTLE_MS);

  switch_to (&stage, workbench, warm_id, find_document (project, "report"), REPORT_SWITCHES, values);
  switch_to (&stage, workbench, warm_id, find_document (project, "big"), BIG_SWITCHES, values + N_SW);

  bench_child_report (2 * N_SW, values);
  stage_clear (&stage);
  return 0;
}
