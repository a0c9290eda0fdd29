/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-bench-view"

#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "bench-view.h"
#include "tessera-shared-passages.h"

/* The frames a child waits for, and what the children that show a
 * TesseraWindow share. */

void
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
gint64
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

void
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
gint64
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
void
settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until the next frame is painted; returns when. */
gint64
wait_for_paint (Stage *stage)
{
  guint seen = stage->n_paints;

  while (stage->n_paints == seen)
    g_main_context_iteration (NULL, TRUE);
  return stage->paint_us;
}

/* TRUE when the last frame drew a span whose id is in [lo, hi]. */
static gboolean
frame_draws (Stage  *stage,
             gint64  lo,
             gint64  hi)
{
  GArray *drawn = tessera_document_view_get_drawn_spans (stage->view);

  for (guint i = 0; drawn != NULL && i < drawn->len; i++)
    {
      gint64 id = g_array_index (drawn, gint64, i);

      if (id >= lo && id <= hi)
        return TRUE;
    }
  return FALSE;
}

/* Runs the main loop until a frame draws a span whose id is in [lo, hi];
 * returns when that frame was painted, or 0 when none did in
 * FRAME_TIMEOUT_MS. */
gint64
wait_for_spans (Stage  *stage,
                gint64  lo,
                gint64  hi)
{
  gboolean late = FALSE;
  guint timeout = g_timeout_add (FRAME_TIMEOUT_MS, set_flag, &late);

  for (;;)
    {
      guint seen = stage->n_paints;

      while (stage->n_paints == seen && !late)
        g_main_context_iteration (NULL, TRUE);
      if (late)
        return 0;
      if (frame_draws (stage, lo, hi))
        {
          g_source_remove (timeout);
          return stage->paint_us;
        }
    }
}

gint64
find_document (TesseraProject *project,
               const char     *uid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) doc = tessera_project_find_document (project, uid, FALSE, &error);

  if (doc == NULL)
    die (uid, error);
  return doc->id;
}

GtkWidget *
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

/* Until what the window does in the background after opening a project
 * (the integrity check of a big one, the shared-passages search) is
 * over: it would compete for the CPU, and edits wait for the check. */
void
wait_for_background (TesseraWindow *window,
                     Stage         *stage)
{
  TesseraProject *project = tessera_workbench_get_project (tessera_window_get_workbench (window));
  TesseraSharedPassages *shared = tessera_document_view_get_shared_passages (stage->view);

  while (tessera_project_get_integrity (project) == TESSERA_INTEGRITY_UNKNOWN ||
         tessera_project_get_busy (project) ||
         tessera_shared_passages_get_busy (shared))
    settle (20);
}

/* The lowest and highest span ids of a document (built one document
 * after another, its spans have ids in a run of their own). */
void
span_range (TesseraProject *project,
            gint64          doc_id,
            gint64         *lo,
            gint64         *hi)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) spans = tessera_project_list_spans (project, doc_id, &error);

  if (spans == NULL)
    die ("list spans", error);
  *lo = G_MAXINT64;
  *hi = 0;
  for (guint i = 0; i < spans->len; i++)
    {
      gint64 id = g_array_index (spans, TesseraSpan, i).id;

      *lo = MIN (*lo, id);
      *hi = MAX (*hi, id);
    }
}

/* A TesseraWindow as the application makes it, on @path, presented. */
TesseraWindow *
open_window (Stage      *stage,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  TesseraWindow *window = tessera_window_new (NULL);

  stage_init (stage, GTK_WIDGET (window));
  stage->view = TESSERA_DOCUMENT_VIEW (find_descendant (GTK_WIDGET (window), TESSERA_TYPE_DOCUMENT_VIEW));
  stage->text_view = tessera_document_view_get_text_view (stage->view);
  if (!tessera_window_open_project (window, path, &error))
    die ("open", error);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* Shows @doc_id and returns when a frame has drawn its spans. */
void
show_document (Stage            *stage,
               TesseraWorkbench *workbench,
               gint64            doc_id)
{
  gint64 lo, hi;

  span_range (tessera_workbench_get_project (workbench), doc_id, &lo, &hi);
  tessera_workbench_set_document_id (workbench, doc_id);
  /* It may be shown already: a frame all the same. */
  gtk_widget_queue_draw (GTK_WIDGET (stage->text_view));
  if (wait_for_spans (stage, lo, hi) == 0)
    die ("no frame drew the document's spans", NULL);
}
