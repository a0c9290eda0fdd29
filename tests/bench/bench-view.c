/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-bench-view"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bench-view.h"
#include "tessera-application.h"

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
 *    first frame with the document drawn, and RSS once idle (the child
 *    does nothing but start GTK before it makes the window) and once its
 *    background work (integrity check, shared-passages search) is over;
 *    beside the same on a 1-document project;
 *  - tagging in a TesseraWindow: a word selected, "win.tag" activated as
 *    a key does, until the frame that draws the new span; in the 5 MB
 *    document and in one with 100 spans; beside the core command alone
 *    (tessera_history_add_span) on the same project and spans;
 *  - switching documents in a TesseraWindow: set_document_id () to the
 *    first frame that draws the new document's spans, for a 5 KB report
 *    with 60 spans and for the 5 MB document.
 * Wall-clock times come with the process's CPU time, which a busy machine
 * does not inflate. `bench-view 0.1` scales every size down for a quick run.
 *
 * `bench-view [SCALE] [PHASE...]` runs only the measurements named, to
 * rerun one quickly: document (the 5 MB document, and the plain
 * GtkSourceView), window, tag (with the core command alone) or switch;
 * all of them when none is named, as `meson test --benchmark` runs it.
 * Only the projects they need are built: the one with the 5 MB document
 * for document, tag and switch; the 100,000-document one (and the
 * 1-document one) for window. The renderers on the first line, and the
 * switch line's comparison with the document view alone, come from
 * document: without it, they are left out.
 *
 * This file is the parent, which runs each measurement in a child (this
 * program again, `--child NAME …`) and prints what they report; the
 * children are in bench-view-{document,window,tag,switch}.c, the frames
 * they wait for in bench-view-frames.c, and the projects they are
 * measured on in bench-view-corpus.c. */

void G_GNUC_NORETURN
die (const char   *what,
     const GError *error)
{
  g_printerr ("bench-view: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

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
  if (argc == 4 && g_str_equal (phase, "tag"))
    return child_tag (argv[3]);
  if (argc == 4 && g_str_equal (phase, "core"))
    return child_core (argv[3]);
  if (argc == 4 && g_str_equal (phase, "switch"))
    return child_switch (argv[3]);

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

/* The measurements that can be run alone. */
enum
{
  PHASE_DOCUMENT = 1 << 0,   /* with the plain reference */
  PHASE_WINDOW   = 1 << 1,
  PHASE_TAG      = 1 << 2,   /* with the core reference */
  PHASE_SWITCH   = 1 << 3,
  ALL_PHASES     = (1 << 4) - 1,
};

/* Their names, bit by bit. */
static const char * const phase_names[] = { "document", "window", "tag", "switch" };

static void G_GNUC_NORETURN
usage (void)
{
  g_printerr ("usage: bench-view [SCALE] [PHASE...]  (SCALE 1: 5 MB document, 100,000 documents; "
              "0.1 for a quick run; PHASE: document, window, tag or switch, all of them by default)\n");
  exit (2);
}

/* `[SCALE] [PHASE...]`: sets @scale and returns the phases asked for. */
static guint
parse_arguments (int     argc,
                 char  **argv,
                 double *scale)
{
  guint phases = 0;
  int i = 1;

  *scale = 1.0;
  if (argc > 1)
    {
      char *end = NULL;
      double value = g_ascii_strtod (argv[1], &end);

      /* What starts as a number is meant as the scale. */
      if (end != argv[1])
        {
          if (*end != '\0' || !(value > 0 && value <= 10))
            usage ();
          *scale = value;
          i = 2;
        }
    }

  for (; i < argc; i++)
    {
      guint p = 0;

      while (p < G_N_ELEMENTS (phase_names) && !g_str_equal (argv[i], phase_names[p]))
        p++;
      if (p == G_N_ELEMENTS (phase_names))
        usage ();
      phases |= 1u << p;
    }
  return phases != 0 ? phases : ALL_PHASES;
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
  printf ("window process on a %u-document project (nothing but gtk_init before the window): "
          "RSS at start %.0f MB (own memory, RssAnon, %.0f MB); %d ms after the first frame %.0f MB "
          "(target ≤ %.0f MB), peak (VmHWM) %.0f MB; after its background work (integrity check, "
          "shared-passages search; over %.1f s after start) %.0f MB (own memory %.0f MB), peak %.0f MB | "
          "on a 1-document project: start %.0f MB (own %.0f MB); %.0f MB, peak %.0f MB; "
          "after its background work (%.1f s) %.0f MB (own %.0f MB), peak %.0f MB\n",
          n_docs, BENCH_MB (window[W_START_KB]), BENCH_MB (window[W_START_ANON_KB]), 2 * SETTLE_MS,
          BENCH_MB (window[W_RSS_KB]), WINDOW_RSS_TARGET_MB, BENCH_MB (window[W_PEAK_KB]),
          window[W_BACKGROUND_MS] / 1e3, BENCH_MB (window[W_DONE_KB]), BENCH_MB (window[W_DONE_ANON_KB]),
          BENCH_MB (window[W_DONE_PEAK_KB]),
          BENCH_MB (single[W_START_KB]), BENCH_MB (single[W_START_ANON_KB]),
          BENCH_MB (single[W_RSS_KB]), BENCH_MB (single[W_PEAK_KB]),
          single[W_BACKGROUND_MS] / 1e3, BENCH_MB (single[W_DONE_KB]), BENCH_MB (single[W_DONE_ANON_KB]),
          BENCH_MB (single[W_DONE_PEAK_KB]));
}

static void
print_tag (const double *tag,
           const double *core,
           double        scale)
{
  for (guint d = 0; d < 2; d++)
    {
      const double *t = tag + d * N_TS;
      const double *c = core + d * N_CS;
      g_autofree char *doc = d == 0 ? g_strdup_printf ("the %.1f MB document", BIG_DOC_BYTES * scale / 1e6)
                                    : g_strdup_printf ("a %.0f KB document", REPORT_DOC_BYTES / 1e3);

      printf ("tag a word in %s with %.0f spans, win.tag → next frame with the new span: "
              "p50 %.1f ms, p95 %.1f ms (%.0f keypresses, %.0f drawn a frame late; CPU p50 %.1f ms, p95 %.1f ms) | "
              "core command alone (tessera_history_add_span, same project and spans): p50 %.1f ms, p95 %.1f ms; "
              "with the document's TesseraOpenDocument following: p50 %.1f ms, p95 %.1f ms\n",
              doc, t[TS_SPANS], t[TS_FRAME_P50], t[TS_FRAME_P95], t[TS_KEYS], t[TS_LATE],
              t[TS_CPU_P50], t[TS_CPU_P95],
              c[CS_ALONE_P50], c[CS_ALONE_P95], c[CS_MODEL_P50], c[CS_MODEL_P95]);
    }
  printf ("tag a word, inside win.tag (activate → return): %.1f MB document p50 %.1f ms, p95 %.1f ms; "
          "%.0f-span document p50 %.1f ms, p95 %.1f ms | core command alone: p50 %.1f ms, p95 %.1f ms; "
          "p50 %.1f ms, p95 %.1f ms\n",
          BIG_DOC_BYTES * scale / 1e6, tag[TS_ACTION_P50], tag[TS_ACTION_P95],
          tag[N_TS + TS_SPANS], tag[N_TS + TS_ACTION_P50], tag[N_TS + TS_ACTION_P95],
          core[CS_ALONE_P50], core[CS_ALONE_P95], core[N_CS + CS_ALONE_P50], core[N_CS + CS_ALONE_P95]);
  printf ("tag a word, the views' share of each keypress (the commit's first change signal → win.tag "
          "returns: the document model, the text, the list, the inspector): %.1f MB document with %.0f spans "
          "p50 %.1f ms, p95 %.1f ms; %.0f-span document p50 %.1f ms, p95 %.1f ms (target: well under the "
          "%.1f ms the span index took to rebuild at 50,000 spans)\n",
          BIG_DOC_BYTES * scale / 1e6, tag[TS_SPANS], tag[TS_VIEWS_P50], tag[TS_VIEWS_P95],
          tag[N_TS + TS_SPANS], tag[N_TS + TS_VIEWS_P50], tag[N_TS + TS_VIEWS_P95], INDEX_REBUILD_MS);
}

/* @view: NULL when the document phase did not run. */
static void
print_switch (const double *sw,
              const double *view,
              double        scale)
{
  const double *report = sw, *big = sw + N_SW;

  printf ("switch documents in the window, set_document_id → first frame with the new one's spans: "
          "a 5 KB report with %d spans p50 %.0f ms (target ≤ %.0f ms; max %.0f ms of %.0f; "
          "set_document_id returned after %.0f ms; CPU %.0f ms), the %.1f MB document with %.0f spans "
          "p50 %.0f ms (target ≤ %.0f ms; max %.0f ms of %.0f; returned after %.0f ms; CPU %.0f ms)",
          REPORT_DOC_SPANS, report[SW_FRAME_P50], SWITCH_REPORT_TARGET_MS, report[SW_FRAME_MAX],
          report[SW_SWITCHES], report[SW_SET_P50], report[SW_CPU_P50],
          BIG_DOC_BYTES * scale / 1e6, MAX (BIG_DOC_SPANS * scale, 100),
          big[SW_FRAME_P50], SWITCH_BIG_TARGET_MS, big[SW_FRAME_MAX], big[SW_SWITCHES],
          big[SW_SET_P50], big[SW_CPU_P50]);
  if (view != NULL)
    printf (" | the document view alone opening the %.1f MB document (first line): %.0f ms",
            BIG_DOC_BYTES * scale / 1e6, view[V_FIRST_FRAME_MS]);
  printf ("\n");
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
  double view[N_V] = { 0 }, plain[N_V] = { 0 }, window[N_W] = { 0 }, single[N_W] = { 0 };
  double tag[2 * N_TS] = { 0 }, core[2 * N_CS] = { 0 }, sw[2 * N_SW] = { 0 };
  double scale;
  guint phases;
  guint n_docs;
  gint64 start;

  set_environment ();
  if (bench_is_child (argc, argv))
    return run_child (argc, argv);

  g_set_prgname ("bench-view");
  phases = parse_arguments (argc, argv, &scale);
  ensure_display (argc, argv);
  n_docs = MAX (PROJECT_DOCS * scale, 10);

  tmpdir = bench_tmpdir_new ();
  corpus = bench_corpus_new ();
  view_project = g_build_filename (tmpdir, "view.tessera", NULL);
  corpus_project = g_build_filename (tmpdir, "corpus.tessera", NULL);
  single_project = g_build_filename (tmpdir, "single.tessera", NULL);
  look = g_build_filename (tmpdir, "look.ini", NULL);

  if (phases & (PHASE_DOCUMENT | PHASE_TAG | PHASE_SWITCH))
    {
      start = bench_now_us ();
      build_view_project (view_project, corpus, scale);
      g_printerr ("bench-view: built the %.1f MB document in %.1f s\n",
                  BIG_DOC_BYTES * scale / 1e6, (bench_now_us () - start) / 1e6);
    }
  if (phases & PHASE_DOCUMENT)
    {
      run_phase ("view", view_project, look, view, N_V);
      run_phase ("plain", view_project, look, plain, N_V);
    }
  if (phases & PHASE_TAG)
    {
      run_phase ("tag", view_project, NULL, tag, 2 * N_TS);
      run_phase ("core", view_project, NULL, core, 2 * N_CS);
    }
  if (phases & PHASE_SWITCH)
    run_phase ("switch", view_project, NULL, sw, 2 * N_SW);

  if (phases & PHASE_WINDOW)
    {
      start = bench_now_us ();
      build_corpus_project (corpus_project, corpus, n_docs);
      g_printerr ("bench-view: built %u documents in %.1f s\n", n_docs, (bench_now_us () - start) / 1e6);
      run_phase ("window", corpus_project, NULL, window, N_W);
      /* What the window costs whatever the size of the project. */
      build_corpus_project (single_project, corpus, 1);
      run_phase ("window", single_project, NULL, single, N_W);
    }

  printf ("display %s", g_getenv ("DISPLAY"));
  if (phases & PHASE_DOCUMENT)
    printf (", renderer %s (view) / %s (plain)", renderer_name (view[V_RENDERER]), renderer_name (plain[V_RENDERER]));
  printf ("; each figure the median of %d runs\n", ROUNDS);
  if (phases & PHASE_DOCUMENT)
    print_view (view, plain, scale);
  if (phases & PHASE_WINDOW)
    print_window (window, single, n_docs);
  if (phases & PHASE_TAG)
    print_tag (tag, core, scale);
  if (phases & PHASE_SWITCH)
    print_switch (sw, phases & PHASE_DOCUMENT ? view : NULL, scale);

  bench_tmpdir_remove (tmpdir);
  return 0;
}
