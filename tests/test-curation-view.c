/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-curation-view"

#include "config.h"

#include <gtk/gtk.h>

#include "tessera-annotation-list.h"
#include "tessera-curation.h"
#include "tessera-display-util.h"
#include "tessera-document-view.h"
#include "tessera-test-util.h"
#include "team-view-fixture.h"

/* Curating in the window, on the team fixture (team-view-fixture.h). */

typedef TeamFixture Fixture;

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
  g_assert_true (tessera_display_test_wait_until (team_has_agreement, f->view, 20));
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
  g_test_add ("/curation-view/curation", Fixture, NULL, team_fixture_set_up, test_curation, team_fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  return tessera_display_test_run (&argc, &argv, add_tests);
}
