/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "tessera-application.h"
#include "tessera-document-item.h"
#include "tessera-document-list.h"
#include "tessera-document-model.h"
#include "tessera-display-util.h"
#include "tessera-document-view.h"
#include "tessera-error.h"
#include "tessera-test-util.h"
#include "tessera-window.h"

/* The whole window on a project file with two documents, driven through
 * its actions as keys and buttons drive it: what the analyst does reaches
 * the file, shows in the text, undoes and redoes, and is still there
 * when the project is opened again. */

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
  TesseraWorkbench    *workbench;  /* the window's, not owned */
  TesseraProject      *project;    /* the window's, not owned */
  TesseraDocumentView *view;
  gint64               first_id;
  gint64               second_id;
} Fixture;

/* The document list's model, as its rows see it. */
static TesseraDocumentModel *
document_model (Fixture *f)
{
  GtkWidget *list = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_DOCUMENT_LIST);
  GtkListView *list_view;
  GtkSelectionModel *selection;

  g_assert_nonnull (list);
  list_view = tessera_display_test_find_widget (list, GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (list_view);
  selection = gtk_list_view_get_model (list_view);
  g_assert_true (GTK_IS_SINGLE_SELECTION (selection));
  g_assert_true (TESSERA_IS_DOCUMENT_MODEL (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection))));
  return TESSERA_DOCUMENT_MODEL (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection)));
}

/* Selects @word in the text as a drag would and presses the key of the
 * @kind label @name: returns what the window selected afterwards. */
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
  /* Tagged: the text selection is gone, so the next key does not tag again. */
  g_assert_false (tessera_document_view_get_tag_range (f->view, NULL, NULL));
  return id;
}

static guint
n_spans (TesseraProject *project,
         gint64          doc_id)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GError) error = NULL;

  spans = tessera_project_list_spans (project, doc_id, &error);
  g_assert_no_error (error);
  return spans->len;
}

static void
attach_window (Fixture       *f,
               TesseraWindow *window)
{
  f->window = window;
  f->workbench = tessera_window_get_workbench (window);
  f->project = tessera_workbench_get_project (f->workbench);
  g_assert_nonnull (f->project);
  f->view = tessera_display_test_find_widget (GTK_WIDGET (window), TESSERA_TYPE_DOCUMENT_VIEW);
  g_assert_nonnull (f->view);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = tessera_test_make_tmp_dir ();
  project = tessera_test_create_project (f->dir, "desk.tessera", &f->path);
  g_assert_true (tessera_project_set_name (project, "Kidal desk", &error));
  g_assert_no_error (error);

  f->first_id = tessera_display_test_add_document (project, "Clashes near Tin-Azrou", "Sahel Wire",
                                                   "2023-11-12", first_text);
  f->second_id = tessera_display_test_add_document (project, "Convoys leave Anefis", "Gao Daily",
                                                    NULL, second_text);

  /* The window opens the file, as a user would. */
  tessera_project_close (project);
  g_clear_object (&project);

  attach_window (f, tessera_display_test_open_window (f->path, -1, -1));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    tessera_display_test_close_window (GTK_WIDGET (f->window), NULL);
  tessera_display_test_remove_project (&f->dir, &f->path);
}

/* --- tests ------------------------------------------------------------------ */

static void
test_open (Fixture       *f,
           gconstpointer  data)
{
  TesseraDocumentModel *model = document_model (f);
  g_autofree char *shown = tessera_display_test_shown_text (f->view);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Kidal desk — Tessera");
  /* The first document is shown; both are listed. */
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->first_id);
  g_assert_cmpstr (shown, ==, first_text);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  g_assert_cmpint (tessera_document_model_get_document_id (model, 0), ==, f->first_id);
  g_assert_cmpint (tessera_document_model_get_document_id (model, 1), ==, f->second_id);
}

static void
test_tag_undo_redo (Fixture       *f,
                    gconstpointer  data)
{
  TesseraDocumentModel *model = document_model (f);
  g_autoptr(TesseraDocumentItem) row = NULL;
  g_autoptr(TesseraSpan) span = NULL;
  gint64 start, end, id;

  /* The list row's annotation count follows (a row holds its item). */
  row = g_list_model_get_item (G_LIST_MODEL (model), tessera_document_model_find_position (model, f->first_id));
  g_assert_cmpint (tessera_document_item_get_n_annotations (row), ==, 0);

  /* A selection inside a word tags the whole word. */
  tessera_display_test_find_shown_word (f->workbench, "Tin-Azrou", &start, &end);
  tessera_document_view_select_range (f->view, start + 1, end - 1);
  tessera_display_test_activate (f->window, "win.tag", "x", tessera_test_label_id (f->project, TESSERA_LABEL_ENTITY, "Place"));
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, &id), ==, TESSERA_SELECTION_SPAN);

  span = tessera_display_test_find_span (f->project, f->first_id, start, end);
  g_assert_nonnull (span);
  g_assert_cmpint (span->id, ==, id);
  g_assert_cmpint (span->start, ==, 28);
  g_assert_cmpint (span->end, ==, 37);
  g_assert_cmpint (span->label_id, ==, tessera_test_label_id (f->project, TESSERA_LABEL_ENTITY, "Place"));
  g_assert_cmpuint (n_spans (f->project, f->first_id), ==, 1);
  g_assert_cmpint (tessera_document_item_get_n_annotations (row), ==, 1);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_cmpuint (tessera_document_view_get_drawn_spans (f->view)->len, ==, 1);
  g_assert_true (tessera_display_test_drawn_contains (f->view, id));

  /* Undo: gone from the file and from the text, and unselected. */
  tessera_display_test_activate (f->window, "win.undo", NULL);
  g_assert_cmpuint (n_spans (f->project, f->first_id), ==, 0);
  g_assert_cmpint (tessera_document_item_get_n_annotations (row), ==, 0);
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, NULL), ==, TESSERA_SELECTION_NONE);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_cmpuint (tessera_document_view_get_drawn_spans (f->view)->len, ==, 0);

  /* Redo: back, where it was. */
  tessera_display_test_activate (f->window, "win.redo", NULL);
  g_clear_pointer (&span, tessera_span_free);
  span = tessera_display_test_find_span (f->project, f->first_id, start, end);
  g_assert_nonnull (span);
  g_assert_cmpuint (n_spans (f->project, f->first_id), ==, 1);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_cmpuint (tessera_document_view_get_drawn_spans (f->view)->len, ==, 1);
  g_assert_true (tessera_display_test_drawn_contains (f->view, span->id));

  /* Redo selected it again. Nothing selected: the window says so
   * instead of tagging. */
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, &id), ==, TESSERA_SELECTION_SPAN);
  g_assert_cmpint (id, ==, span->id);
  tessera_workbench_select (f->workbench, TESSERA_SELECTION_NONE, 0);
  tessera_document_view_clear_range (f->view);
  g_assert_false (tessera_display_test_shows_message (f->window, "Select some text first, then choose a label"));
  tessera_display_test_activate (f->window, "win.tag", "x", tessera_test_label_id (f->project, TESSERA_LABEL_ENTITY, "Person"));
  g_assert_cmpuint (n_spans (f->project, f->first_id), ==, 1);
  g_assert_true (tessera_display_test_shows_message (f->window, "Select some text first, then choose a label"));
}

/* Entities, an event with two roles filled by clicking spans, and a
 * stance with its holder and target: what the file holds after each. */
typedef struct
{
  gint64 rebels;
  gint64 town;
  gint64 army;
  gint64 battle;    /* event */
  gint64 attacked;  /* its trigger span */
  gint64 denial;    /* stance */
  gint64 denied;    /* its statement span */
} Annotated;

static void
annotate (Fixture   *f,
          Annotated *a)
{
  g_autoptr(TesseraEvent) event = NULL;
  g_autoptr(TesseraStance) stance = NULL;
  g_autoptr(GError) error = NULL;
  TesseraHistory *history = tessera_workbench_get_history (f->workbench);
  gint64 agent = tessera_test_label_id (f->project, TESSERA_LABEL_ROLE, "Agent");
  gint64 place = tessera_test_label_id (f->project, TESSERA_LABEL_ROLE, "Place");
  gint64 pick_id = 0;

  tessera_display_test_activate (f->window, "win.layer", "i", 0);
  a->rebels = tag_word (f, "Rebels", TESSERA_LABEL_ENTITY, "ArmedGroup");
  a->town = tag_word (f, "Tin-Azrou", TESSERA_LABEL_ENTITY, "Place");
  a->army = tag_word (f, "The army", TESSERA_LABEL_ENTITY, "ArmedGroup");

  /* Events layer: the trigger becomes an event, selected. */
  tessera_display_test_activate (f->window, "win.layer", "i", 1);
  g_assert_cmpint (tessera_workbench_get_layer (f->workbench), ==, TESSERA_LAYER_EVENTS);
  a->battle = tag_word (f, "attacked", TESSERA_LABEL_EVENT, "Battle");
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, NULL), ==, TESSERA_SELECTION_EVENT);
  event = tessera_project_get_event (f->project, a->battle, &error);
  g_assert_no_error (error);
  a->attacked = event->trigger_span_id;
  g_clear_pointer (&event, tessera_event_free);

  /* Fill Agent and Place as the inspector and a click in the text do. */
  tessera_workbench_set_pick (f->workbench, TESSERA_PICK_ROLE, agent);
  g_assert_true (tessera_workbench_complete_pick (f->workbench, a->rebels, &error));
  g_assert_no_error (error);
  tessera_workbench_set_pick (f->workbench, TESSERA_PICK_ROLE, place);
  g_assert_true (tessera_workbench_complete_pick (f->workbench, a->town, &error));
  g_assert_no_error (error);
  /* Time, the next role without a filler, waits; Escape ends it. */
  g_assert_cmpint (tessera_workbench_get_pick (f->workbench, &pick_id), ==, TESSERA_PICK_ROLE);
  g_assert_cmpint (pick_id, ==, tessera_test_label_id (f->project, TESSERA_LABEL_ROLE, "Time"));
  tessera_workbench_set_pick (f->workbench, TESSERA_PICK_NONE, 0);
  tessera_display_test_run_pending ();

  event = tessera_project_get_event (f->project, a->battle, &error);
  g_assert_no_error (error);
  g_assert_cmpint (event->type_label_id, ==, tessera_test_label_id (f->project, TESSERA_LABEL_EVENT, "Battle"));
  g_assert_cmpuint (event->arguments->len, ==, 2);

  /* Stance layer: "denied the claim", held by the army, toward the battle. */
  tessera_display_test_activate (f->window, "win.layer", "i", 2);
  a->denial = tag_word (f, "denied the claim", TESSERA_LABEL_STANCE, "denies");
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, NULL), ==, TESSERA_SELECTION_STANCE);
  tessera_workbench_set_pick (f->workbench, TESSERA_PICK_HOLDER, 0);
  g_assert_true (tessera_workbench_complete_pick (f->workbench, a->army, &error));
  g_assert_no_error (error);

  stance = tessera_project_get_stance (f->project, a->denial, &error);
  g_assert_no_error (error);
  a->denied = stance->span_id;
  stance->target_event_id = a->battle;
  g_assert_true (tessera_history_update_stance (history, stance, &error));
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
}

static void
assert_annotated (TesseraProject  *project,
                  gint64           doc_id,
                  const Annotated *a,
                  gboolean         with_event)
{
  g_autoptr(TesseraStance) stance = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) stances = NULL;
  g_autoptr(TesseraSpan) town = NULL;

  town = tessera_project_get_span (project, a->town, &error);
  g_assert_no_error (error);
  g_assert_cmpint (town->start, ==, 28);
  g_assert_cmpint (town->end, ==, 37);

  events = tessera_project_list_events (project, doc_id, &error);
  g_assert_no_error (error);
  stances = tessera_project_list_stances (project, doc_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stances->len, ==, 1);
  stance = tessera_project_get_stance (project, a->denial, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stance->span_id, ==, a->denied);
  g_assert_cmpint (stance->holder_span_id, ==, a->army);

  if (with_event)
    {
      const TesseraEvent *event;
      const TesseraArgument *first, *second;

      g_assert_cmpuint (n_spans (project, doc_id), ==, 5);
      g_assert_cmpuint (events->len, ==, 1);
      event = g_ptr_array_index (events, 0);
      g_assert_cmpint (event->id, ==, a->battle);
      g_assert_cmpint (event->trigger_span_id, ==, a->attacked);
      g_assert_cmpuint (event->arguments->len, ==, 2);
      first = &g_array_index (event->arguments, TesseraArgument, 0);
      second = &g_array_index (event->arguments, TesseraArgument, 1);
      /* Ordered by role: Agent before Place in the schema. */
      g_assert_cmpint (first->span_id, ==, a->rebels);
      g_assert_cmpint (second->span_id, ==, a->town);
      g_assert_cmpint (first->role_label_id, ==,
                       tessera_project_find_label (project, TESSERA_LABEL_ROLE, "Agent")->id);
      g_assert_cmpint (second->role_label_id, ==,
                       tessera_project_find_label (project, TESSERA_LABEL_ROLE, "Place")->id);
      g_assert_cmpint (stance->target_event_id, ==, a->battle);
    }
  else
    {
      g_assert_cmpuint (n_spans (project, doc_id), ==, 4);
      g_assert_cmpuint (events->len, ==, 0);
      g_assert_cmpint (stance->target_event_id, ==, 0);
    }
}

static void
test_event_and_stance (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TesseraStance) stance = NULL;
  g_autoptr(GError) error = NULL;
  Annotated a;

  annotate (f, &a);
  assert_annotated (f->project, f->first_id, &a, TRUE);

  /* All five spans are drawn. */
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_cmpuint (tessera_document_view_get_drawn_spans (f->view)->len, ==, 5);
  g_assert_true (tessera_display_test_drawn_contains (f->view, a.attacked));
  g_assert_true (tessera_display_test_drawn_contains (f->view, a.denied));

  /* Undo takes back one step at a time: the target, then the holder. */
  tessera_display_test_activate (f->window, "win.undo", NULL);
  stance = tessera_project_get_stance (f->project, a.denial, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stance->target_event_id, ==, 0);
  g_assert_cmpint (stance->holder_span_id, ==, a.army);
  g_clear_pointer (&stance, tessera_stance_free);

  tessera_display_test_activate (f->window, "win.undo", NULL);
  stance = tessera_project_get_stance (f->project, a.denial, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stance->holder_span_id, ==, 0);

  tessera_display_test_activate (f->window, "win.redo", NULL);
  tessera_display_test_activate (f->window, "win.redo", NULL);
  assert_annotated (f->project, f->first_id, &a, TRUE);
}

static void
test_delete_annotation (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Annotated a;

  annotate (f, &a);

  /* Deleting the selected event removes its trigger and arguments; the
   * stance toward it stays, without a target. */
  tessera_workbench_select (f->workbench, TESSERA_SELECTION_EVENT, a.battle);
  tessera_display_test_activate (f->window, "win.delete-annotation", NULL);
  assert_annotated (f->project, f->first_id, &a, FALSE);
  g_assert_null (tessera_project_get_event (f->project, a.battle, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, NULL), ==, TESSERA_SELECTION_NONE);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_cmpuint (tessera_document_view_get_drawn_spans (f->view)->len, ==, 4);
  g_assert_false (tessera_display_test_drawn_contains (f->view, a.attacked));

  /* One undo brings all of it back. */
  tessera_display_test_activate (f->window, "win.undo", NULL);
  assert_annotated (f->project, f->first_id, &a, TRUE);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_true (tessera_display_test_drawn_contains (f->view, a.attacked));

  /* A plain span, selected by the Tab key's action. */
  tessera_workbench_select (f->workbench, TESSERA_SELECTION_NONE, 0);
  tessera_document_view_select_range (f->view, 0, 0);
  tessera_display_test_activate (f->window, "win.next-annotation", NULL);
  g_assert_cmpint (tessera_workbench_get_selected_span (f->workbench), ==, a.rebels);
  tessera_display_test_activate (f->window, "win.delete-annotation", NULL);
  g_assert_null (tessera_project_get_span (f->project, a.rebels, &error));
  g_clear_error (&error);
  g_assert_cmpuint (n_spans (f->project, f->first_id), ==, 4);
}

/* The row of the list that is selected (highlighted), or G_MAXUINT. */
static guint
selected_row (Fixture *f)
{
  GtkWidget *list = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_DOCUMENT_LIST);
  GtkListView *list_view = tessera_display_test_find_widget (list, GTK_TYPE_LIST_VIEW);

  return gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (list_view)));
}

static void
test_switch_documents (Fixture       *f,
                       gconstpointer  data)
{
  TesseraDocumentModel *model = document_model (f);
  g_autofree char *shown = NULL;
  gint64 convoys;

  tag_word (f, "Rebels", TESSERA_LABEL_ENTITY, "ArmedGroup");
  g_assert_cmpuint (selected_row (f), ==, tessera_document_model_find_position (model, f->first_id));

  tessera_display_test_activate (f->window, "win.next-document", NULL);
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->second_id);
  g_assert_cmpuint (selected_row (f), ==, tessera_document_model_find_position (model, f->second_id));
  shown = tessera_display_test_shown_text (f->view);
  g_assert_cmpstr (shown, ==, second_text);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Kidal desk — Tessera");
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_cmpuint (tessera_document_view_get_drawn_spans (f->view)->len, ==, 0);

  /* Tagging here tags this document. */
  convoys = tag_word (f, "Malian army", TESSERA_LABEL_ENTITY, "ArmedGroup");
  g_assert_cmpuint (n_spans (f->project, f->second_id), ==, 1);
  g_assert_cmpuint (n_spans (f->project, f->first_id), ==, 1);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_true (tessera_display_test_drawn_contains (f->view, convoys));

  /* Past the last document nothing changes; back to the first. */
  tessera_display_test_activate (f->window, "win.next-document", NULL);
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->second_id);
  tessera_display_test_activate (f->window, "win.previous-document", NULL);
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->first_id);
  g_assert_cmpuint (selected_row (f), ==, tessera_document_model_find_position (model, f->first_id));
  g_clear_pointer (&shown, g_free);
  shown = tessera_display_test_shown_text (f->view);
  g_assert_cmpstr (shown, ==, first_text);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_cmpuint (tessera_document_view_get_drawn_spans (f->view)->len, ==, 1);

  tessera_workbench_set_document_id (f->workbench, f->second_id);
  g_clear_pointer (&shown, g_free);
  shown = tessera_display_test_shown_text (f->view);
  g_assert_cmpstr (shown, ==, second_text);
}

static void
test_undo_other_document (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *shown = NULL;
  gint64 rebels;

  /* Undo reaches back into a document no longer shown, and shows it
   * (test-undo-view follows that closely). */
  rebels = tag_word (f, "Rebels", TESSERA_LABEL_ENTITY, "ArmedGroup");
  tessera_display_test_activate (f->window, "win.next-document", NULL);
  tag_word (f, "Kidal", TESSERA_LABEL_ENTITY, "Place");
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_cmpuint (tessera_document_view_get_drawn_spans (f->view)->len, ==, 1);

  tessera_display_test_activate (f->window, "win.undo", NULL);
  tessera_display_test_activate (f->window, "win.undo", NULL);
  g_assert_cmpuint (n_spans (f->project, f->first_id), ==, 0);
  g_assert_cmpuint (n_spans (f->project, f->second_id), ==, 0);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_cmpuint (tessera_document_view_get_drawn_spans (f->view)->len, ==, 0);
  shown = tessera_display_test_shown_text (f->view);
  g_assert_cmpstr (shown, ==, first_text);

  /* Redo the first: it is back in its document, drawn. */
  tessera_display_test_activate (f->window, "win.redo", NULL);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->first_id);
  g_assert_cmpuint (tessera_document_view_get_drawn_spans (f->view)->len, ==, 1);
  g_assert_true (tessera_display_test_drawn_contains (f->view, rebels));
}

static void
test_open_another_project (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (f->dir, "other.tessera", NULL);
  g_autofree char *other_wal = g_strconcat (other_path, "-wal", NULL);
  g_autofree char *other_shm = g_strconcat (other_path, "-shm", NULL);
  g_autoptr(TesseraProject) other = NULL;
  g_autoptr(TesseraDocument) doc = tessera_document_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  TesseraProject *weak;
  gint64 doc_id, span_id;

  tag_word (f, "Rebels", TESSERA_LABEL_ENTITY, "ArmedGroup");
  tag_word (f, "Tin-Azrou", TESSERA_LABEL_ENTITY, "Place");

  /* Another project whose document has the same id as the one shown. */
  other = tessera_project_create (other_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_project_set_name (other, "Gao desk", &error));
  g_assert_no_error (error);
  doc->title = g_strdup ("Market reopens");
  doc->text = g_strdup ("The market of Gao reopened on Monday.");
  doc_id = tessera_project_add_document (other, doc, &error);
  g_assert_no_error (error);
  g_assert_cmpint (doc_id, ==, f->first_id);
  span_id = tessera_project_add_span (other, doc_id, 14, 17,
                                      tessera_project_find_label (other, TESSERA_LABEL_ENTITY, "Place")->id,
                                      NULL, &error);
  g_assert_no_error (error);
  tessera_project_close (other);
  g_clear_object (&other);

  weak = f->project;
  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  g_assert_true (tessera_window_open_project (f->window, other_path, &error));
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
  /* The first project is let go of, not kept open behind the second. */
  g_assert_null (weak);
  f->project = tessera_workbench_get_project (f->workbench);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Gao desk — Tessera");
  shown = tessera_display_test_shown_text (f->view);
  g_assert_cmpstr (shown, ==, "The market of Gao reopened on Monday.");
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_cmpuint (tessera_document_view_get_drawn_spans (f->view)->len, ==, 1);
  g_assert_true (tessera_display_test_drawn_contains (f->view, span_id));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (document_model (f))), ==, 1);
  /* Nothing of the first project's history can be undone here. */
  g_assert_false (tessera_history_can_undo (tessera_workbench_get_history (f->workbench)));

  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  tessera_display_test_run_pending ();
  g_assert_cmpint (g_unlink (other_path), ==, 0);
  g_unlink (other_wal);
  g_unlink (other_shm);
}

static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  TesseraDocumentModel *model = document_model (f);
  g_autoptr(TesseraDocumentItem) item = NULL;
  g_autoptr(TesseraDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  GtkDropDown *status;
  guint position;

  position = tessera_document_model_find_position (model, f->first_id);
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  /* A row holds its item: the item must follow the change itself. */
  item = g_list_model_get_item (G_LIST_MODEL (model), position);
  g_assert_cmpint (tessera_document_item_get_status (item), ==, TESSERA_STATUS_NEW);
  status = tessera_display_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_DROP_DOWN);
  g_assert_nonnull (status);
  g_assert_cmpuint (gtk_drop_down_get_selected (status), ==, TESSERA_STATUS_NEW);

  tessera_display_test_activate (f->window, "win.set-status", "s", "done");
  doc = tessera_project_get_document (f->project, f->first_id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (doc->status, ==, TESSERA_STATUS_DONE);
  g_assert_cmpint (tessera_document_item_get_status (item), ==, TESSERA_STATUS_DONE);
  g_assert_cmpuint (gtk_drop_down_get_selected (status), ==, TESSERA_STATUS_DONE);

  /* The status is undoable like any edit. */
  tessera_display_test_activate (f->window, "win.undo", NULL);
  g_clear_pointer (&doc, tessera_document_unref);
  doc = tessera_project_get_document (f->project, f->first_id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (doc->status, ==, TESSERA_STATUS_NEW);
  g_assert_cmpint (tessera_document_item_get_status (item), ==, TESSERA_STATUS_NEW);

  /* The dropdown in the document's header sets it too. */
  gtk_drop_down_set_selected (status, TESSERA_STATUS_IN_PROGRESS);
  tessera_display_test_run_pending ();
  g_clear_pointer (&doc, tessera_document_unref);
  doc = tessera_project_get_document (f->project, f->first_id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (doc->status, ==, TESSERA_STATUS_IN_PROGRESS);
  g_assert_cmpint (tessera_document_item_get_status (item), ==, TESSERA_STATUS_IN_PROGRESS);

  /* The other document keeps its own. */
  g_clear_pointer (&doc, tessera_document_unref);
  doc = tessera_project_get_document (f->project, f->second_id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (doc->status, ==, TESSERA_STATUS_NEW);
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(TesseraDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  TesseraProject *weak;
  gint64 convoys;
  Annotated a;

  annotate (f, &a);
  tessera_display_test_activate (f->window, "win.set-status", "s", "in-progress");
  tessera_display_test_activate (f->window, "win.next-document", NULL);
  tessera_display_test_activate (f->window, "win.layer", "i", 0);
  convoys = tag_word (f, "Malian army", TESSERA_LABEL_ENTITY, "ArmedGroup");
  tessera_display_test_activate (f->window, "win.set-status", "s", "done");

  /* Closing the window lets the file go. */
  weak = f->project;
  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  gtk_window_close (GTK_WINDOW (f->window));
  f->window = NULL;
  tessera_display_test_run_pending ();
  g_assert_null (weak);

  /* Everything is in the file. */
  project = tessera_project_open (f->path, TESSERA_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  assert_annotated (project, f->first_id, &a, TRUE);
  g_assert_cmpuint (n_spans (project, f->second_id), ==, 1);
  doc = tessera_project_get_document (project, f->first_id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (doc->status, ==, TESSERA_STATUS_IN_PROGRESS);
  g_clear_pointer (&doc, tessera_document_unref);
  doc = tessera_project_get_document (project, f->second_id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (doc->status, ==, TESSERA_STATUS_DONE);
  tessera_project_close (project);
  g_clear_object (&project);

  /* A new window shows the document last viewed, with its span. */
  attach_window (f, tessera_display_test_open_window (f->path, -1, -1));
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->second_id);
  shown = tessera_display_test_shown_text (f->view);
  g_assert_cmpstr (shown, ==, second_text);
  g_assert_cmpuint (tessera_document_view_get_drawn_spans (f->view)->len, ==, 1);
  g_assert_true (tessera_display_test_drawn_contains (f->view, convoys));

  /* Nothing to undo from before. */
  g_assert_false (tessera_history_can_undo (tessera_workbench_get_history (f->workbench)));
  tessera_display_test_activate (f->window, "win.previous-document", NULL);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_cmpuint (tessera_document_view_get_drawn_spans (f->view)->len, ==, 5);
}

static const char *
signer (Fixture *f,
        gint64   span_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraSpan) span = tessera_project_get_span (f->project, span_id, &error);

  g_assert_no_error (error);
  return tessera_project_get_annotator_name (f->project, span->annotator_id);
}

/* The header says who signs new annotations; its popover changes it, for
 * what is tagged next and in the settings (the login name by default). */
static void
test_annotator (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("app.tessera.Tessera");
  GtkMenuButton *button = tessera_display_test_find_one (f->window, tessera_display_test_has_tooltip_prefix,
                                                         "Your Name on New Annotations");
  GtkLabel *name = tessera_display_test_find_widget (gtk_menu_button_get_child (button), GTK_TYPE_LABEL);
  GtkEntry *entry;

  g_settings_reset (settings, "annotator");
  g_assert_cmpstr (gtk_label_get_label (name), ==, g_get_user_name ());
  g_assert_cmpstr (signer (f, tag_word (f, "Rebels", TESSERA_LABEL_ENTITY, "ArmedGroup")), ==, g_get_user_name ());

  gtk_menu_button_popup (button);
  entry = tessera_display_test_find_widget (GTK_WIDGET (gtk_menu_button_get_popover (button)), GTK_TYPE_ENTRY);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, g_get_user_name ());
  gtk_editable_set_text (GTK_EDITABLE (entry), "  ana ");
  g_signal_emit_by_name (entry, "activate");
  tessera_display_test_run_pending ();

  {
    g_autofree char *stored = g_settings_get_string (settings, "annotator");

    g_assert_cmpstr (stored, ==, "ana");
  }
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (button))));
  g_assert_cmpstr (gtk_label_get_label (name), ==, "ana");
  g_assert_cmpstr (signer (f, tag_word (f, "town", TESSERA_LABEL_ENTITY, "Place")), ==, "ana");

  /* The login name again: the default, followed wherever it changes. */
  gtk_menu_button_popup (button);
  gtk_editable_set_text (GTK_EDITABLE (entry), g_get_user_name ());
  g_signal_emit_by_name (entry, "activate");
  tessera_display_test_run_pending ();
  {
    g_autofree char *stored = g_settings_get_string (settings, "annotator");

    g_assert_cmpstr (stored, ==, "");
  }
  g_assert_cmpstr (signer (f, tag_word (f, "army", TESSERA_LABEL_ENTITY, "ArmedGroup")), ==, g_get_user_name ());
}

static void
add_window_tests (void)
{
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/window/open", test_open);
  ADD ("/window/tag-undo-redo", test_tag_undo_redo);
  ADD ("/window/event-and-stance", test_event_and_stance);
  ADD ("/window/delete-annotation", test_delete_annotation);
  ADD ("/window/switch-documents", test_switch_documents);
  ADD ("/window/undo-other-document", test_undo_other_document);
  ADD ("/window/open-another-project", test_open_another_project);
  ADD ("/window/status", test_status);
  ADD ("/window/reopen", test_reopen);
  ADD ("/window/annotator", test_annotator);
#undef ADD
}

int
main (int   argc,
      char *argv[])
{
  return tessera_display_test_run (&argc, &argv, add_window_tests);
}
