/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-span-meaning"

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "tessera-corroboration-view.h"
#include "tessera-display-util.h"
#include "tessera-inspector.h"
#include "tessera-test-util.h"
#include "tessera-value-cell.h"
#include "tessera-window.h"

/* What a Date, Quantity or Casualties span means, in the window: the
 * inspector reads the selected span as the JSONL export does ("on
 * Friday" in a report of Monday 4 March 2024 is Friday 1 March), again
 * when the document's date or the span's label changes, and the
 * corroboration table shows the value under each Time and Casualties
 * text. Two fictional reports of one clash; the first begins with an
 * emoji (two code points, eight bytes), so offsets are not bytes. */

typedef struct
{
  const char *source;
  const char *published;
  const char *text;
  const char *date;
  const char *casualties;
  const char *casualties_label;  /* a span filling Casualties need not be a Quantity */
} Report;

static const Report reports[] = {
  { "Sahel Wire", "2024-03-04",
    "🇲🇱 Clashes erupted on Friday near Anefis, leaving at least 8 dead, local officials said.",
    "on Friday", "at least 8", "Quantity" },
  { "Radio Nord", "2024-03-03",
    "Dozens of fighters were killed on Friday near Anefis, a doctor told our correspondent.",
    "Friday", "Dozens of fighters", "ArmedGroup" },
};

typedef struct
{
  char             *dir;
  char             *path;
  TesseraWindow    *window;
  TesseraWorkbench *workbench;
  TesseraHistory   *history;
  TesseraInspector *inspector;
  gint64            doc_ids[G_N_ELEMENTS (reports)];
  gint64            event_ids[G_N_ELEMENTS (reports)];
  gint64            date_ids[G_N_ELEMENTS (reports)];
  gint64            casualty_ids[G_N_ELEMENTS (reports)];
  gint64            place_ids[G_N_ELEMENTS (reports)];
} Fixture;

/* --- finding widgets ---------------------------------------------------------- */

/* The inspector's line of what a span means, whichever it says. */
static gboolean
is_meaning_label (GtkWidget     *widget,
                  gconstpointer  data)
{
  const char *text;

  if (!GTK_IS_LABEL (widget))
    return FALSE;
  text = gtk_label_get_text (GTK_LABEL (widget));

  return g_str_has_prefix (text, "Means ") || g_str_has_prefix (text, "Figure ") ||
         g_str_has_prefix (text, "Needs the document");
}

/* The text the inspector shows as the selected span's meaning, or NULL
 * when it shows none. */
static const char *
shown_meaning (Fixture *f)
{
  g_autoptr(GPtrArray) found = tessera_display_test_find_all (f->inspector, is_meaning_label, NULL);

  g_assert_cmpuint (found->len, <=, 1);
  return found->len > 0 ? gtk_label_get_text (g_ptr_array_index (found, 0)) : NULL;
}

/* A label in a corroboration cell reading @data, right under a passage
 * button. */
static gboolean
is_cell_caption (GtkWidget     *widget,
                 gconstpointer  data)
{
  return tessera_display_test_is_label_with_text (widget, data) &&
         gtk_widget_get_ancestor (widget, TESSERA_TYPE_VALUE_CELL) != NULL &&
         GTK_IS_BUTTON (gtk_widget_get_prev_sibling (widget));
}

static gboolean
is_button_with_text (GtkWidget     *widget,
                     gconstpointer  data)
{
  GtkWidget *child;

  if (!GTK_IS_BUTTON (widget))
    return FALSE;
  child = gtk_button_get_child (GTK_BUTTON (widget));
  return GTK_IS_LABEL (child) && g_str_equal (gtk_label_get_text (GTK_LABEL (child)), data);
}

/* The text of the passage button just above @caption. */
static const char *
captioned_text (GtkWidget *caption)
{
  GtkWidget *button = gtk_widget_get_prev_sibling (caption);

  return gtk_label_get_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))));
}

/* --- the fixture -------------------------------------------------------------- */

static void
add_argument (TesseraProject *project,
              gint64          event_id,
              const char     *role,
              gint64          span_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_project_add_argument (project, event_id,
                                               tessera_test_label_id (project, TESSERA_LABEL_ROLE, role),
                                               span_id, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = tessera_test_make_tmp_dir ();
  project = tessera_test_create_project (f->dir, "anefis.tessera", &f->path);

  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    {
      const Report *r = &reports[i];
      gint64 trigger;

      f->doc_ids[i] = tessera_display_test_add_document (project, "Clash near Anefis", r->source,
                                                         r->published, r->text);
      f->date_ids[i] = tessera_test_tag (project, f->doc_ids[i], r->date, TESSERA_LABEL_ENTITY, "Date", NULL);
      f->place_ids[i] = tessera_test_tag (project, f->doc_ids[i], "Anefis", TESSERA_LABEL_ENTITY, "Place", NULL);
      f->casualty_ids[i] = tessera_test_tag (project, f->doc_ids[i], r->casualties,
                                             TESSERA_LABEL_ENTITY, r->casualties_label, NULL);
      trigger = tessera_test_tag (project, f->doc_ids[i], i == 0 ? "Clashes" : "killed",
                                  TESSERA_LABEL_EVENT, "Battle", NULL);
      f->event_ids[i] = tessera_project_add_event (project, trigger,
                                                   tessera_test_label_id (project, TESSERA_LABEL_EVENT, "Battle"),
                                                   NULL, NULL, &error);
      g_assert_no_error (error);
      add_argument (project, f->event_ids[i], "Time", f->date_ids[i]);
      add_argument (project, f->event_ids[i], "Place", f->place_ids[i]);
      add_argument (project, f->event_ids[i], "Casualties", f->casualty_ids[i]);
    }
  tessera_project_close (project);

  f->window = tessera_display_test_open_window (f->path, 1500, 900);
  f->workbench = tessera_window_get_workbench (f->window);
  f->history = tessera_workbench_get_history (f->workbench);
  f->inspector = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_INSPECTOR);
  g_assert_nonnull (f->inspector);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tessera_display_test_close_window (GTK_WIDGET (f->window), NULL);
  tessera_display_test_remove_project (&f->dir, &f->path);
}

static void
select_span (Fixture *f,
             guint    report,
             gint64   span_id)
{
  tessera_workbench_set_document_id (f->workbench, f->doc_ids[report]);
  tessera_workbench_select (f->workbench, TESSERA_SELECTION_SPAN, span_id);
  tessera_display_test_run_pending ();
}

/* Edit Details' change of the publication date (NULL clears it). */
static void
set_published (Fixture    *f,
               guint       report,
               const char *published)
{
  g_autoptr(TesseraDocument) wanted = tessera_document_new ();
  g_autoptr(GError) error = NULL;

  wanted->id = f->doc_ids[report];
  wanted->title = g_strdup ("Clash near Anefis");
  wanted->source = g_strdup (reports[report].source);
  wanted->published = g_strdup (published);
  g_assert_true (tessera_history_update_document (f->history, wanted, &error));
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
}

/* Relabels span @span_id of the document shown, as the inspector's label
 * drop-down does. */
static void
set_span_label (Fixture    *f,
                gint64      span_id,
                const char *label)
{
  TesseraOpenDocument *document = tessera_workbench_get_open_document (f->workbench);
  g_autoptr(TesseraSpan) span = tessera_span_copy (tessera_open_document_get_span (document, span_id));
  g_autoptr(GError) error = NULL;

  span->label_id = tessera_test_label_id (tessera_workbench_get_project (f->workbench),
                                          TESSERA_LABEL_ENTITY, label);
  g_assert_true (tessera_history_update_span (f->history, span, &error));
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
}

/* --- tests -------------------------------------------------------------------- */

static void
test_inspector_date (Fixture       *f,
                     gconstpointer  data)
{
  /* "on Friday" in Monday's report: the Friday before, a day. */
  select_span (f, 0, f->date_ids[0]);
  g_assert_cmpstr (shown_meaning (f), ==, "Means 1 March 2024 · a day");

  /* Another span, and back: the line follows the selection. */
  select_span (f, 0, f->place_ids[0]);
  g_assert_null (shown_meaning (f));
  select_span (f, 0, f->date_ids[0]);
  g_assert_cmpstr (shown_meaning (f), ==, "Means 1 March 2024 · a day");

  /* Edit Details: a week later, the Friday is the 8th; without a date,
   * a weekday means nothing yet; undone, the 1st again. */
  set_published (f, 0, "2024-03-11");
  g_assert_cmpstr (shown_meaning (f), ==, "Means 8 March 2024 · a day");
  set_published (f, 0, NULL);
  g_assert_cmpstr (shown_meaning (f), ==, "Needs the document’s publication date");
  tessera_display_test_activate (f->window, "win.undo", NULL);
  tessera_display_test_activate (f->window, "win.undo", NULL);
  g_assert_cmpstr (shown_meaning (f), ==, "Means 1 March 2024 · a day");

  /* Relabelled a Place, it is no date; labelled a Date again, it is. */
  set_span_label (f, f->date_ids[0], "Place");
  g_assert_null (shown_meaning (f));
  set_span_label (f, f->date_ids[0], "Date");
  g_assert_cmpstr (shown_meaning (f), ==, "Means 1 March 2024 · a day");
}

static void
test_inspector_figure (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 casualties;

  /* A Quantity: the stated figure, a lower bound. */
  select_span (f, 0, f->casualty_ids[0]);
  g_assert_cmpstr (shown_meaning (f), ==, "Figure 8 · at least");

  /* Not a Quantity but filling Casualties: a figure all the same, until
   * it leaves the role, and again when it is back in it. */
  select_span (f, 1, f->casualty_ids[1]);
  g_assert_cmpstr (shown_meaning (f), ==, "Figure 12 · a word figure (ACLED)");
  casualties = tessera_test_label_id (tessera_workbench_get_project (f->workbench), TESSERA_LABEL_ROLE, "Casualties");
  g_assert_true (tessera_history_remove_argument (f->history, f->event_ids[1], casualties,
                                                  f->casualty_ids[1], &error));
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
  g_assert_null (shown_meaning (f));
  g_assert_true (tessera_history_add_argument (f->history, f->event_ids[1], casualties,
                                               f->casualty_ids[1], &error));
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
  g_assert_cmpstr (shown_meaning (f), ==, "Figure 12 · a word figure (ACLED)");
}

static void
test_corroboration_cells (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GError) error = NULL;
  TesseraCorroborationView *view;
  GtkWidget *caption;
  gint64 cluster;

  cluster = tessera_history_add_cluster (f->history, TESSERA_LABEL_EVENT, "Clash near Anefis", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    {
      g_assert_true (tessera_history_add_cluster_member (f->history, cluster, 0, f->event_ids[i], &error));
      g_assert_no_error (error);
    }
  tessera_display_test_run_pending ();

  view = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_CORROBORATION_VIEW);
  g_assert_nonnull (view);
  tessera_display_test_activate (f->window, "win.show-corroboration", NULL);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_cmpint (tessera_corroboration_view_get_cluster (view), ==, cluster);

  /* Each report's Friday, read against its own date, is 1 March. */
  days = tessera_display_test_find_all (view, is_cell_caption, "2024-03-01");
  g_assert_cmpuint (days->len, ==, 2);
  for (guint i = 0; i < days->len; i++)
    {
      const char *text = captioned_text (g_ptr_array_index (days, i));

      g_assert_true (g_str_equal (text, "on Friday") || g_str_equal (text, "Friday"));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (g_ptr_array_index (days, i)), ==,
                       "Means 1 March 2024 · a day");
    }

  /* The tolls: a lower bound, and ACLED's reading of "dozens". */
  caption = tessera_display_test_find_one (view, is_cell_caption, "≥ 8");
  g_assert_cmpstr (captioned_text (caption), ==, "at least 8");
  caption = tessera_display_test_find_one (view, is_cell_caption, "≈ 12");
  g_assert_cmpstr (captioned_text (caption), ==, "Dozens of fighters");

  /* Only Time and Casualties are read: nothing under a Place. */
  places = tessera_display_test_find_all (view, is_button_with_text, "Anefis");
  g_assert_cmpuint (places->len, ==, 2);
  for (guint i = 0; i < places->len; i++)
    g_assert_null (gtk_widget_get_next_sibling (g_ptr_array_index (places, i)));
}

static void
add_span_meaning_tests (void)
{
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/span-meaning/inspector-date", test_inspector_date);
  ADD ("/span-meaning/inspector-figure", test_inspector_figure);
  ADD ("/span-meaning/corroboration-cells", test_corroboration_cells);
#undef ADD
}

int
main (int   argc,
      char *argv[])
{
  return tessera_display_test_run (&argc, &argv, add_span_meaning_tests);
}
