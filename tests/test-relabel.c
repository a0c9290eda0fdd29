/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-relabel"

#include "config.h"

#include <gtk/gtk.h>

#include "tessera-display-util.h"
#include "tessera-test-util.h"

/* A label's key on a selected annotation (no text selected) relabels it,
 * as one undo step: an entity mention another entity label, an event
 * another type (its trigger too), a stance another stance label. A key
 * of another kind changes nothing and says why. */

static const char text[] =
  "Rebels attacked the town of Tin-Azrou on Sunday. "
  "The army denied the claim, said the spokesman.";

typedef struct
{
  char                *dir;
  char                *path;
  TesseraWindow       *window;
  TesseraWorkbench    *workbench;
  TesseraProject      *project;
  TesseraDocumentView *view;
  gint64               doc_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TesseraProject) project = NULL;

  f->dir = tessera_test_make_tmp_dir ();
  project = tessera_test_create_project (f->dir, "relabel.tessera", &f->path);
  f->doc_id = tessera_display_test_add_document (project, "Clashes near Tin-Azrou", NULL, NULL, text);
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

/* Tags @word with the @kind label @name in its layer, as a drag and a
 * key would: the window selects what it made. */
static void
tag_word (Fixture          *f,
          const char       *word,
          TesseraLabelKind  kind,
          const char       *name)
{
  gint64 start, end;

  tessera_display_test_find_shown_word (f->workbench, word, &start, &end);
  tessera_document_view_select_range (f->view, start, end);
  tessera_display_test_activate (f->window, "win.tag", "x", tessera_test_label_id (f->project, kind, name));
  g_assert_false (tessera_document_view_get_tag_range (f->view, NULL, NULL));
}

static TesseraSpan *
span_on (Fixture    *f,
         const char *word)
{
  gint64 start, end;

  tessera_test_find_word (text, word, &start, &end);
  return tessera_display_test_find_span (f->project, f->doc_id, start, end);
}

static const char *
undo_label (Fixture *f)
{
  return tessera_history_get_undo_label (tessera_workbench_get_history (f->workbench));
}

static void
test_entity (Fixture       *f,
             gconstpointer  data)
{
  gint64 person = tessera_test_label_id (f->project, TESSERA_LABEL_ENTITY, "Person");
  gint64 place = tessera_test_label_id (f->project, TESSERA_LABEL_ENTITY, "Place");
  g_autoptr(TesseraSpan) span = NULL;
  gint64 id;

  tag_word (f, "Tin-Azrou", TESSERA_LABEL_ENTITY, "Place");
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, &id), ==, TESSERA_SELECTION_SPAN);

  /* Key 1, Person's: the selected mention is a Person now, still selected. */
  g_assert_true (tessera_display_test_press_key (f->view, GDK_KEY_1, 0));
  span = span_on (f, "Tin-Azrou");
  g_assert_cmpint (span->id, ==, id);
  g_assert_cmpint (span->label_id, ==, person);
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, NULL), ==, TESSERA_SELECTION_SPAN);
  g_assert_null (tessera_window_get_message (f->window));

  /* One step: undo gives the Place back, with the span. */
  tessera_display_test_activate (f->window, "win.undo", NULL);
  g_clear_pointer (&span, tessera_span_free);
  span = span_on (f, "Tin-Azrou");
  g_assert_cmpint (span->label_id, ==, place);

  /* The same label again is no step at all. */
  tessera_workbench_select_span (f->workbench, id);
  g_assert_true (tessera_display_test_press_key (f->view, GDK_KEY_4, 0));
  g_assert_cmpstr (undo_label (f), ==, "Add Place");

  /* The palette takes the same path (win.tag without a text selection). */
  tessera_display_test_activate (f->window, "win.tag", "x",
                                 tessera_test_label_id (f->project, TESSERA_LABEL_ENTITY, "Date"));
  g_clear_pointer (&span, tessera_span_free);
  span = span_on (f, "Tin-Azrou");
  g_assert_cmpint (span->label_id, ==, tessera_test_label_id (f->project, TESSERA_LABEL_ENTITY, "Date"));
}

static void
test_event_type (Fixture       *f,
                 gconstpointer  data)
{
  gint64 movement = tessera_test_label_id (f->project, TESSERA_LABEL_EVENT, "Movement");
  g_autoptr(TesseraEvent) event = NULL;
  g_autoptr(TesseraSpan) trigger = NULL;
  gint64 event_id;

  tessera_workbench_set_layer (f->workbench, TESSERA_LAYER_EVENTS);
  tag_word (f, "attacked", TESSERA_LABEL_EVENT, "Battle");
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, &event_id), ==, TESSERA_SELECTION_EVENT);

  /* Key 5, Movement's: the event's type and its trigger's label. */
  g_assert_true (tessera_display_test_press_key (f->view, GDK_KEY_5, 0));
  event = tessera_project_get_event (f->project, event_id, NULL);
  g_assert_nonnull (event);
  g_assert_cmpint (event->type_label_id, ==, movement);
  trigger = span_on (f, "attacked");
  g_assert_cmpint (trigger->label_id, ==, movement);
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, NULL), ==, TESSERA_SELECTION_EVENT);

  /* Both back in one undo. */
  tessera_display_test_activate (f->window, "win.undo", NULL);
  g_clear_pointer (&event, tessera_event_free);
  g_clear_pointer (&trigger, tessera_span_free);
  event = tessera_project_get_event (f->project, event_id, NULL);
  trigger = span_on (f, "attacked");
  g_assert_cmpint (event->type_label_id, ==, tessera_test_label_id (f->project, TESSERA_LABEL_EVENT, "Battle"));
  g_assert_cmpint (trigger->label_id, ==, event->type_label_id);
}

static void
test_stance (Fixture       *f,
             gconstpointer  data)
{
  gint64 doubts = tessera_test_label_id (f->project, TESSERA_LABEL_STANCE, "doubts");
  g_autoptr(TesseraStance) stance = NULL;
  gint64 stance_id;

  tessera_workbench_set_layer (f->workbench, TESSERA_LAYER_STANCE);
  tag_word (f, "denied", TESSERA_LABEL_STANCE, "denies");
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, &stance_id), ==, TESSERA_SELECTION_STANCE);

  g_assert_true (tessera_display_test_press_key (f->view, GDK_KEY_4, 0));
  stance = tessera_project_get_stance (f->project, stance_id, NULL);
  g_assert_nonnull (stance);
  g_assert_cmpint (stance->label_id, ==, doubts);
}

static void
test_other_kind (Fixture       *f,
                 gconstpointer  data)
{
  gint64 place = tessera_test_label_id (f->project, TESSERA_LABEL_ENTITY, "Place");
  g_autoptr(TesseraSpan) span = NULL;
  g_autoptr(TesseraEvent) event = NULL;
  gint64 event_id;

  tag_word (f, "Tin-Azrou", TESSERA_LABEL_ENTITY, "Place");

  /* In the Events layer key 1 is Battle: not for a mention. Nothing
   * changes, no step; a message says why, briefly. */
  tessera_workbench_set_layer (f->workbench, TESSERA_LAYER_EVENTS);
  g_assert_true (tessera_display_test_press_key (f->view, GDK_KEY_1, 0));
  span = span_on (f, "Tin-Azrou");
  g_assert_cmpint (span->label_id, ==, place);
  g_assert_cmpstr (undo_label (f), ==, "Add Place");
  g_assert_cmpstr (tessera_window_get_message (f->window), ==,
                   "“Tin-Azrou” is an entity mention: only an entity label changes it (Ctrl+1 shows them)");

  /* An entity key on a trigger: the same. */
  tag_word (f, "attacked", TESSERA_LABEL_EVENT, "Battle");
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, &event_id), ==, TESSERA_SELECTION_EVENT);
  tessera_workbench_set_layer (f->workbench, TESSERA_LAYER_ENTITIES);
  g_assert_true (tessera_display_test_press_key (f->view, GDK_KEY_4, 0));
  event = tessera_project_get_event (f->project, event_id, NULL);
  g_assert_cmpint (event->type_label_id, ==, tessera_test_label_id (f->project, TESSERA_LABEL_EVENT, "Battle"));
  g_assert_cmpstr (tessera_window_get_message (f->window), ==,
                   "“attacked” is an event: only an event type changes it (Ctrl+2 shows them)");

  /* A key that is no label's, with nothing selected: not handled. */
  tessera_workbench_select (f->workbench, TESSERA_SELECTION_NONE, 0);
  g_assert_false (tessera_display_test_press_key (f->view, GDK_KEY_4, 0));
}

static void
add_tests (void)
{
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/relabel/entity", test_entity);
  ADD ("/relabel/event-type", test_event_type);
  ADD ("/relabel/stance", test_stance);
  ADD ("/relabel/other-kind", test_other_kind);
#undef ADD
}

int
main (int   argc,
      char *argv[])
{
  return tessera_display_test_run (&argc, &argv, add_tests);
}
