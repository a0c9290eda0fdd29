/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-undo-view"

#include "config.h"

#include <gtk/gtk.h>

#include "tessera-display-util.h"
#include "tessera-document-view.h"
#include "tessera-test-util.h"

/* Undo and redo show themselves: each brings up the document it changes
 * and selects what changed there (or the text an undone tag stood on),
 * and the Undo and Redo buttons say what they would do. */

static const char first_text[] =
  "Rebels attacked the town of Tin-Azrou on Sunday. "
  "The army denied the claim, said the spokesman.";
static const char second_text[] =
  "Gao, 14 November. Convoys of the Malian army left Anefis towards Kidal.";

typedef struct
{
  char                *dir;
  char                *path;
  TesseraWindow       *window;
  TesseraWorkbench    *workbench;
  TesseraProject      *project;
  TesseraDocumentView *view;
  gint64               first_id;
  gint64               second_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TesseraProject) project = NULL;

  f->dir = tessera_test_make_tmp_dir ();
  project = tessera_test_create_project (f->dir, "undo.tessera", &f->path);
  f->first_id = tessera_display_test_add_document (project, "Clashes near Tin-Azrou", NULL, NULL, first_text);
  f->second_id = tessera_display_test_add_document (project, "Convoys leave Anefis", NULL, NULL, second_text);
  tessera_project_close (project);
  g_clear_object (&project);

  f->window = tessera_display_test_open_window (f->path, -1, -1);
  f->workbench = tessera_window_get_workbench (f->window);
  f->project = tessera_workbench_get_project (f->workbench);
  f->view = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_DOCUMENT_VIEW);
  g_assert_nonnull (f->view);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tessera_display_test_close_window (GTK_WIDGET (f->window), NULL);
  tessera_display_test_remove_project (&f->dir, &f->path);
}

static gint64
tag_word (Fixture          *f,
          const char       *word,
          TesseraLabelKind  kind,
          const char       *name)
{
  gint64 start, end, id = 0;

  tessera_display_test_find_shown_word (f->workbench, word, &start, &end);
  tessera_document_view_select_range (f->view, start, end);
  tessera_display_test_activate (f->window, "win.tag", "x", tessera_test_label_id (f->project, kind, name));
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, &id), !=, TESSERA_SELECTION_NONE);
  return id;
}

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  data)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

/* The tooltip of the header button that activates @action. */
static const char *
tooltip_of (Fixture    *f,
            const char *action)
{
  GtkWidget *header = tessera_display_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_HEADER_BAR);

  return gtk_widget_get_tooltip_text (tessera_display_test_find_one (header, has_action, action));
}

/* The text selected in the document view: it must be @word's. */
static void
assert_text_selected (Fixture    *f,
                      const char *text,
                      const char *word)
{
  gint64 start, end, word_start, word_end;

  g_assert_true (tessera_document_view_get_tag_range (f->view, &start, &end));
  tessera_test_find_word (text, word, &word_start, &word_end);
  g_assert_cmpint (start, ==, word_start);
  g_assert_cmpint (end, ==, word_end);
}

static void
test_tooltips (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 kidal;

  g_assert_cmpstr (tooltip_of (f, "win.undo"), ==, "Undo (Ctrl+Z)");
  g_assert_cmpstr (tooltip_of (f, "win.redo"), ==, "Redo (Ctrl+Shift+Z)");

  tessera_workbench_set_document_id (f->workbench, f->second_id);
  kidal = tag_word (f, "Kidal", TESSERA_LABEL_ENTITY, "Place");
  g_assert_cmpstr (tooltip_of (f, "win.undo"), ==, "Undo Tag “Kidal” as Place (Ctrl+Z)");

  /* A key relabels it: the buttons say so. */
  g_assert_true (tessera_display_test_press_key (f->view, GDK_KEY_1, 0));
  g_assert_cmpstr (tooltip_of (f, "win.undo"), ==, "Undo Relabel “Kidal” as Person (Ctrl+Z)");
  tessera_display_test_activate (f->window, "win.undo", NULL);
  g_assert_cmpstr (tooltip_of (f, "win.redo"), ==, "Redo Relabel “Kidal” as Person (Ctrl+Shift+Z)");
  g_assert_cmpstr (tooltip_of (f, "win.undo"), ==, "Undo Tag “Kidal” as Place (Ctrl+Z)");

  /* Deleting; long text is cut. */
  tessera_workbench_select_span (f->workbench, kidal);
  tessera_display_test_activate (f->window, "win.delete-annotation", NULL);
  g_assert_cmpstr (tooltip_of (f, "win.undo"), ==, "Undo Delete Place “Kidal” (Ctrl+Z)");
  tag_word (f, "Convoys of the Malian army left Anefis", TESSERA_LABEL_ENTITY, "Organization");
  g_assert_cmpstr (tooltip_of (f, "win.undo"), ==,
                   "Undo Tag “Convoys of the Malian army…” as Organization (Ctrl+Z)");

  /* Told while another document is shown: the quote is read from the
   * one the step changes. */
  tessera_workbench_set_document_id (f->workbench, f->first_id);
  g_assert_true (tessera_history_undo (tessera_workbench_get_history (f->workbench), &error));
  g_assert_no_error (error);
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->first_id);
  g_assert_cmpstr (tooltip_of (f, "win.redo"), ==,
                   "Redo Tag “Convoys of the Malian army…” as Organization (Ctrl+Shift+Z)");
}

static void
test_undo_shows_document (Fixture       *f,
                          gconstpointer  data)
{
  gint64 rebels, kidal, id;

  rebels = tag_word (f, "Rebels", TESSERA_LABEL_ENTITY, "ArmedGroup");
  tessera_workbench_set_document_id (f->workbench, f->second_id);
  kidal = tag_word (f, "Kidal", TESSERA_LABEL_ENTITY, "Place");

  /* Undo in this document: the tag goes, its text stays selected. */
  tessera_display_test_activate (f->window, "win.undo", NULL);
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->second_id);
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, NULL), ==, TESSERA_SELECTION_NONE);
  assert_text_selected (f, second_text, "Kidal");

  /* Undo again: the first document comes up, "Rebels" selected there. */
  tessera_display_test_activate (f->window, "win.undo", NULL);
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->first_id);
  assert_text_selected (f, first_text, "Rebels");
  g_assert_null (tessera_display_test_find_span (f->project, f->first_id, 0, 6));

  /* Redo: the tag is back and selected. */
  tessera_display_test_activate (f->window, "win.redo", NULL);
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, &id), ==, TESSERA_SELECTION_SPAN);
  g_assert_cmpint (id, ==, rebels);
  g_assert_false (tessera_document_view_get_tag_range (f->view, NULL, NULL));

  /* Redo the other: its document again. */
  tessera_display_test_activate (f->window, "win.redo", NULL);
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->second_id);
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, &id), ==, TESSERA_SELECTION_SPAN);
  g_assert_cmpint (id, ==, kidal);

  /* A deletion undone elsewhere: back where it was, selected. */
  tessera_display_test_activate (f->window, "win.delete-annotation", NULL);
  tessera_workbench_set_document_id (f->workbench, f->first_id);
  tessera_display_test_activate (f->window, "win.undo", NULL);
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->second_id);
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, &id), ==, TESSERA_SELECTION_SPAN);
  g_assert_cmpint (id, ==, kidal);
}

static void
test_undo_event (Fixture       *f,
                 gconstpointer  data)
{
  gboolean corroboration = TRUE;
  gint64 event_id, id;

  /* From the corroboration view too: undo shows the document. */
  tessera_workbench_set_layer (f->workbench, TESSERA_LAYER_EVENTS);
  event_id = tag_word (f, "attacked", TESSERA_LABEL_EVENT, "Battle");
  g_assert_true (tessera_display_test_press_key (f->view, GDK_KEY_5, 0));
  tessera_workbench_set_document_id (f->workbench, f->second_id);
  g_object_set (f->window, "show-corroboration", TRUE, NULL);
  tessera_display_test_run_pending ();

  tessera_display_test_activate (f->window, "win.undo", NULL);
  g_object_get (f->window, "show-corroboration", &corroboration, NULL);
  g_assert_false (corroboration);
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->first_id);
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, &id), ==, TESSERA_SELECTION_EVENT);
  g_assert_cmpint (id, ==, event_id);

  /* Undoing the event itself leaves its trigger's text selected. */
  tessera_workbench_set_document_id (f->workbench, f->second_id);
  tessera_display_test_activate (f->window, "win.undo", NULL);
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->first_id);
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, NULL), ==, TESSERA_SELECTION_NONE);
  assert_text_selected (f, first_text, "attacked");
  tessera_display_test_activate (f->window, "win.redo", NULL);
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, &id), ==, TESSERA_SELECTION_EVENT);
  g_assert_cmpint (id, ==, event_id);
}

static void
add_tests (void)
{
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/undo-view/tooltips", test_tooltips);
  ADD ("/undo-view/shows-document", test_undo_shows_document);
  ADD ("/undo-view/event", test_undo_event);
#undef ADD
}

int
main (int   argc,
      char *argv[])
{
  return tessera_display_test_run (&argc, &argv, add_tests);
}
