/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-agreement-view"

#include "config.h"

#include <gtk/gtk.h>

#include "tessera-agreement-view.h"
#include "tessera-annotation-list.h"
#include "tessera-curation.h"
#include "tessera-display-util.h"
#include "tessera-document-view.h"
#include "tessera-test-util.h"
#include "tessera-window.h"

/* The agreement view in the window, on a project where ana and ben tagged
 * the same report: the table shows the pair's F1 as the CLI counts it,
 * a cell lists what they disagree on, a disagreement opens its passage
 * with the annotator's span selected, and the figures follow new work. */

static const char text[] =
  "Rebels of the CSP \U0001F1F2\U0001F1F1 said on Sunday they had retaken Anefis from the army.";

typedef struct
{
  char                 *dir;
  char                 *path;
  TesseraWindow        *window;
  TesseraWorkbench     *workbench;
  TesseraAgreementView *view;
  gint64                doc;
  gint64                ana_sunday;
  guint                 expected;   /* what a wait waits for */
} Fixture;

static gint64
tag_as (TesseraProject *project,
        gint64          doc,
        const char     *who,
        const char     *word,
        const char     *label)
{
  tessera_project_set_annotator (project, who);
  return tessera_test_tag (project, doc, word, TESSERA_LABEL_ENTITY, label, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TesseraProject) project = NULL;

  f->dir = tessera_test_make_tmp_dir ();
  project = tessera_test_create_project (f->dir, "team.tessera", &f->path);
  f->doc = tessera_display_test_add_document (project, "Anefis retaken", "Sahel Wire", "2023-11-12", text);
  /* ana: CSP, Sunday, Anefis, army; ben: CSP, Anefis (Facility), army. */
  tag_as (project, f->doc, "ana", "CSP", "ArmedGroup");
  f->ana_sunday = tag_as (project, f->doc, "ana", "Sunday", "Date");
  tag_as (project, f->doc, "ana", "Anefis", "Place");
  tag_as (project, f->doc, "ana", "army", "ArmedGroup");
  tag_as (project, f->doc, "ben", "CSP", "ArmedGroup");
  tag_as (project, f->doc, "ben", "Anefis", "Facility");
  tag_as (project, f->doc, "ben", "army", "ArmedGroup");
  tessera_project_close (project);

  f->window = tessera_display_test_open_window (f->path, 1200, 800);
  f->workbench = tessera_window_get_workbench (f->window);
  f->view = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_AGREEMENT_VIEW);
  g_assert_nonnull (f->view);
}

/* Nothing computing on a worker any more: its result would come back to
 * a window gone. */
static gboolean
views_idle (gpointer data)
{
  Fixture *f = data;
  TesseraDocumentView *doc_view = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_DOCUMENT_VIEW);

  return !tessera_agreement_view_get_busy (f->view) && !tessera_document_view_get_busy (doc_view);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_true (tessera_display_test_wait_until (views_idle, f, 30));
  tessera_display_test_close_window (GTK_WIDGET (f->window), NULL);
  tessera_display_test_remove_project (&f->dir, &f->path);
}

static gboolean
has_agreement (gpointer data)
{
  return tessera_agreement_view_get_agreement (data) != NULL;
}

/* ana–gold's matched entity spans reach f->expected. */
static gboolean
gold_agrees_more (gpointer data)
{
  Fixture *f = data;
  const TesseraAgreement *agreement = tessera_agreement_view_get_agreement (f->view);

  return agreement != NULL && agreement->pairs->len == 3 &&
         ((TesseraAgreementPair *) agreement->pairs->pdata[1])->counts[TESSERA_AGREEMENT_SPANS].matched ==
           f->expected;
}

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
  g_assert_true (tessera_display_test_wait_until (has_agreement, f->view, 20));

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
  tag_as (tessera_workbench_get_project (f->workbench), f->doc, "ben", "Anefis", "Place");
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
  gint64 doc = tessera_display_test_add_document (project, "Alone", NULL, NULL, text);
  TesseraWindow *window;
  TesseraAgreementView *view;

  tag_as (project, doc, "ana", "CSP", "ArmedGroup");
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

typedef struct
{
  GtkLabel   *label;
  const char *text;
} LabelWait;

static gboolean
label_says (gpointer data)
{
  LabelWait *wait = data;

  return g_strcmp0 (gtk_label_get_label (wait->label), wait->text) == 0;
}

static gboolean
is_check_labelled (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_CHECK_BUTTON (widget) && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), data) == 0;
}

static gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

static gint64
find_gold_span (TesseraProject *project,
                gint64          doc,
                const char     *label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) spans = tessera_project_list_spans (project, doc, &error);
  gint64 gold = tessera_project_find_annotator (project, "gold");

  g_assert_no_error (error);
  for (guint i = 0; i < spans->len; i++)
    {
      const TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);

      if (span->annotator_id == gold &&
          g_str_equal (tessera_project_get_label (project, span->label_id)->name, label))
        return span->id;
    }
  return 0;
}

/* Curation in the window: the curator's layer alone (ana's and ben's
 * hidden from the header), the disputed Anefis offered in two versions
 * side by side, one key takes one and drops the other, and the agreement
 * with gold moves as the curator goes. */
static void
test_curation (Fixture       *f,
               gconstpointer  data)
{
  TesseraProject *project = tessera_workbench_get_project (f->workbench);
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraCuration) curation = NULL;
  g_autoptr(TesseraPropagateResult) made = NULL;
  TesseraDocumentView *doc_view = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_DOCUMENT_VIEW);
  TesseraAnnotationList *list = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_ANNOTATION_LIST);
  GtkMenuButton *whose;
  LabelWait wait;
  GArray *drawn;
  gint64 gold, place, facility;
  guint matched_before;

  /* The lead curates as gold: CSP and army agreed, Sunday and the two
   * Anefis offered. */
  tessera_project_set_annotator (project, "gold");
  curation = tessera_curation_plan (project, "gold", 2, NULL, &error);
  g_assert_no_error (error);
  made = tessera_history_apply_plan (tessera_workbench_get_history (f->workbench), "Curate", curation->plan, &error);
  g_assert_no_error (error);
  gold = tessera_project_find_annotator (project, "gold");
  place = find_gold_span (project, f->doc, "Place");
  facility = find_gold_span (project, f->doc, "Facility");
  g_assert_cmpint (place, >, 0);
  g_assert_cmpint (facility, >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-agreement", NULL));
  g_assert_true (tessera_display_test_wait_until (has_agreement, f->view, 20));
  /* Pairs: ana–ben, ana–gold, ben–gold. */
  matched_before = ((TesseraAgreementPair *) tessera_agreement_view_get_agreement (f->view)->pairs->pdata[1])
                     ->counts[TESSERA_AGREEMENT_SPANS].matched;
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-agreement", NULL);

  /* Only gold's layer, from the header's popover. */
  whose = tessera_display_test_find_one (doc_view, has_tooltip, "Whose Annotations to Show");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (whose)));
  gtk_menu_button_popup (whose);
  gtk_check_button_set_active (tessera_display_test_find_one (gtk_menu_button_get_popover (whose), is_check_labelled, "ana"), FALSE);
  gtk_check_button_set_active (tessera_display_test_find_one (gtk_menu_button_get_popover (whose), is_check_labelled, "ben"), FALSE);
  gtk_menu_button_popdown (whose);
  g_assert_false (tessera_workbench_is_annotator_shown (f->workbench, tessera_project_find_annotator (project, "ana")));
  g_assert_true (tessera_workbench_is_annotator_shown (f->workbench, gold));

  /* The header says how far gold agrees with each annotator (entities:
   * ana 2·2/(4+2), ben 2·2/(3+2)). */
  wait.label = tessera_display_test_find_widget (gtk_menu_button_get_child (whose), GTK_TYPE_LABEL);
  wait.text = "gold · ana 0.67 · ben 0.80";
  g_assert_true (tessera_display_test_wait_until (label_says, &wait, 20));

  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  drawn = tessera_document_view_get_drawn_spans (doc_view);
  /* CSP, army, Sunday?, Anefis as Place? and as Facility?: gold's five. */
  g_assert_cmpuint (drawn->len, ==, 5);
  for (guint i = 0; i < drawn->len; i++)
    {
      g_autoptr(TesseraSpan) span = tessera_project_get_span (project, g_array_index (drawn, gint64, i), &error);

      g_assert_cmpint (span->annotator_id, ==, gold);
    }
  g_assert_cmpuint (g_list_model_get_n_items (tessera_annotation_list_get_model (list)), ==, 5);

  /* Take ana's version of Anefis (the accept key): ben's goes. */
  tessera_workbench_select_span (f->workbench, place);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.accept-suggestion", NULL));
  {
    g_autoptr(TesseraSpan) taken = tessera_project_get_span (project, place, &error);
    g_autoptr(TesseraSpan) dropped = tessera_project_get_span (project, facility, NULL);

    g_assert_nonnull (taken);
    g_assert_false (taken->suggested);
    g_assert_null (dropped);
  }
  g_assert_cmpuint (g_list_model_get_n_items (tessera_annotation_list_get_model (list)), ==, 4);
  /* As the curator goes: ana 2·3/(4+3), ben 2·2/(3+3). */
  wait.text = "gold · ana 0.86 · ben 0.67";
  g_assert_true (tessera_display_test_wait_until (label_says, &wait, 20));

  /* The agreement with gold follows: ana now has one more alike. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-agreement", NULL));
  f->expected = matched_before + 1;
  g_assert_true (tessera_display_test_wait_until (gold_agrees_more, f, 20));

  /* Everyone again. */
  tessera_workbench_show_all_annotators (f->workbench);
  g_assert_cmpuint (g_list_model_get_n_items (tessera_annotation_list_get_model (list)), ==, 4 + 7);
}

static void
add_tests (void)
{
  g_test_add ("/agreement-view/table-and-passage", Fixture, NULL, fixture_set_up, test_table_and_passage,
              fixture_tear_down);
  g_test_add_func ("/agreement-view/one-annotator", test_one_annotator);
  g_test_add ("/agreement-view/curation", Fixture, NULL, fixture_set_up, test_curation, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  return tessera_display_test_run (&argc, &argv, add_tests);
}
