/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-agreement-view"

#include "config.h"

#include <gtk/gtk.h>

#include "tessera-agreement-view.h"
#include "tessera-display-util.h"
#include "tessera-document-view.h"
#include "tessera-test-util.h"
#include "tessera-window.h"
#include "team-view-fixture.h"

/* The agreement view in the window, on a project where ana and ben tagged
 * the same report: the table shows the pair's F1 as the CLI counts it,
 * a cell lists what they disagree on, a disagreement opens its passage
 * with the annotator's span selected, and the figures follow new work. */

typedef TeamFixture Fixture;







static gboolean
has_matched (gpointer data)
{
  Fixture *f = data;
  const TesseraAgreement *agreement = tessera_agreement_view_get_agreement (f->view);

  return agreement != NULL &&
         ((TesseraAgreementPair *) agreement->pairs->pdata[0])->counts[TESSERA_AGREEMENT_SPANS].matched == 3;
}

/* The button of the grid showing @text, there must be one. */
static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static void
test_table_and_passage (Fixture       *f,
                        gconstpointer  data)
{
  const TesseraAgreement *agreement;
  const TesseraAgreementPair *pair;
  GPtrArray *shown;
  GtkListBox *list;
  GtkButton *cell;
  const TesseraDisagreement *sunday = NULL;
  gboolean showing = FALSE;
  gint64 id = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-agreement", NULL));
  g_object_get (f->window, "show-agreement", &showing, NULL);
  g_assert_true (showing);
  g_assert_true (tessera_display_test_wait_until (team_has_agreement, f->view, 20));

  agreement = tessera_agreement_view_get_agreement (f->view);
  g_assert_cmpuint (agreement->pairs->len, ==, 1);
  pair = agreement->pairs->pdata[0];
  g_assert_cmpstr (pair->a, ==, "ana");
  g_assert_cmpstr (pair->b, ==, "ben");
  /* CSP and army alike: 2·2 / (4 + 3). */
  g_assert_cmpuint (pair->counts[TESSERA_AGREEMENT_SPANS].matched, ==, 2);
  cell = tessera_display_test_find_one (f->view, is_button_labelled, "0.57");
  g_assert_nonnull (cell);

  /* The cell lists Sunday and Anefis (ana's Place, ben's Facility). */
  gtk_widget_activate (GTK_WIDGET (cell));
  shown = tessera_agreement_view_list_shown (f->view);
  g_assert_cmpuint (shown->len, ==, 3);
  list = tessera_display_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_LIST_BOX);
  for (guint i = 0; i < shown->len; i++)
    {
      const TesseraDisagreement *d = shown->pdata[i];

      g_assert_nonnull (gtk_list_box_get_row_at_index (list, i));
      if (g_str_equal (d->label, "Date"))
        sunday = d;
    }
  g_assert_nonnull (sunday);
  g_assert_true (sunday->first);
  g_assert_cmpstr (sunday->description, ==, "Date “Sunday”");

  /* Opening it: the document, ana's span selected, the view left. */
  {
    guint index = 0;

    g_assert_true (g_ptr_array_find (shown, sunday, &index));
    g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, index));
  }
  g_object_get (f->window, "show-agreement", &showing, NULL);
  g_assert_false (showing);
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->doc);
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, &id), ==, TESSERA_SELECTION_SPAN);
  g_assert_cmpint (id, ==, f->ana_sunday);

  /* ben agrees on Anefis after all: shown again, the view counts it. */
  team_tag_as (tessera_workbench_get_project (f->workbench), f->doc, "ben", "Anefis", "Place");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-agreement", NULL));
  g_assert_true (tessera_display_test_wait_until (has_matched, f, 20));
}

/* A label saying what agreement needs is on screen. */
static gboolean
says_needs (GtkWidget     *widget,
            gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)),
                                                    "Agreement needs the work of two annotators");
}

static gboolean
shows_needs (gpointer data)
{
  g_autoptr(GPtrArray) found = tessera_display_test_find_all (data, says_needs, NULL);

  return found->len == 1;
}

/* One annotator only: the view says what it needs. */
static void
test_one_annotator (void)
{
  g_autofree char *dir = tessera_test_make_tmp_dir ();
  g_autofree char *path = NULL;
  g_autoptr(TesseraProject) project = tessera_test_create_project (dir, "alone.tessera", &path);
  gint64 doc = tessera_display_test_add_document (project, "Alone", NULL, NULL, TEAM_TEXT);
  TesseraWindow *window;
  TesseraAgreementView *view;

  team_tag_as (project, doc, "ana", "CSP", "ArmedGroup");
  tessera_project_close (project);
  g_clear_object (&project);

  window = tessera_display_test_open_window (path, 1000, 700);
  view = tessera_display_test_find_widget (GTK_WIDGET (window), TESSERA_TYPE_AGREEMENT_VIEW);
  g_assert_false (shows_needs (view));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-agreement", NULL);
  g_assert_true (tessera_display_test_wait_until (shows_needs, view, 20));
  g_assert_null (tessera_agreement_view_get_agreement (view));
  g_assert_false (tessera_agreement_view_get_busy (view));

  tessera_display_test_close_window (GTK_WIDGET (window), NULL);
  tessera_display_test_remove_project (&dir, &path);
}







static void
add_tests (void)
{
  g_test_add ("/agreement-view/table-and-passage", Fixture, NULL, team_fixture_set_up, test_table_and_passage,
              team_fixture_tear_down);
  g_test_add_func ("/agreement-view/one-annotator", test_one_annotator);
}

int
main (int   argc,
      char *argv[])
{
  return tessera_display_test_run (&argc, &argv, add_tests);
}
