/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-messages"

#include "config.h"

#include <gtk/gtk.h>

#include "tessera-display-util.h"
#include "tessera-document-list.h"
#include "tessera-test-util.h"

/* The window's messages go away: they show over a side pane, never over
 * the text; they time out (held while the pointer is on them); undoing
 * what one announced withdraws it; and their counts agree in number. */

static const char report[] =
  "Convoys left Anefis towards Kidal on Tuesday. In Kidal, the army waited.";

static const char long_message[] =
  "Imported 12 documents\n"
  "report-003.txt: the date line “13 November 2023” was read as the publication date\n"
  "report-004.txt: no title line; the file name was taken\n"
  "Added labels to the schema";

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

typedef struct
{
  int width;
  int height;
} Size;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const Size *size = data;
  g_autoptr(TesseraProject) project = NULL;

  f->dir = tessera_test_make_tmp_dir ();
  project = tessera_test_create_project (f->dir, "messages.tessera", &f->path);
  f->doc_id = tessera_display_test_add_document (project, "Convoys leave Anefis", NULL, NULL, report);
  tessera_project_close (project);
  g_clear_object (&project);

  f->window = tessera_display_test_open_window (f->path, size ? size->width : -1, size ? size->height : -1);
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

/* The last label under @root that says @text, shown or not, or NULL:
 * a toast going away may still say the same as the new one before it. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  GtkWidget *found = NULL;

  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    found = root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *last = find_label (child, text);

      if (last != NULL)
        found = last;
    }
  return found;
}

/* The toast that shows the message now (it must show). */
static GtkWidget *
message_box (Fixture *f)
{
  const char *message = tessera_window_get_message (f->window);
  GType toast_widget = g_type_from_name ("AdwToastWidget");
  GtkWidget *label;

  g_assert_nonnull (message);
  g_assert_true (toast_widget != G_TYPE_INVALID);
  label = find_label (GTK_WIDGET (f->window), message);
  g_assert_nonnull (label);
  return gtk_widget_get_ancestor (label, toast_widget);
}

static gboolean
message_in_place (gpointer user_data)
{
  Fixture *f = user_data;
  const char *message = tessera_window_get_message (f->window);
  GtkWidget *label = message ? find_label (GTK_WIDGET (f->window), message) : NULL;

  return label != NULL && gtk_widget_get_mapped (label) && gtk_widget_get_width (label) > 0;
}

static gboolean
on_settled (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds. */
static void
settle (guint ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (ms, on_settled, loop);
  g_main_loop_run (loop);
}

static gboolean
message_gone (gpointer user_data)
{
  return tessera_window_get_message (((Fixture *) user_data)->window) == NULL;
}

static graphene_rect_t
bounds_in_window (Fixture   *f,
                  GtkWidget *widget)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (f->window), &bounds));
  return bounds;
}

static void
test_placement (Fixture       *f,
                gconstpointer  data)
{
  const char *messages[] = { "Exported to desk.jsonl", long_message };

  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      GtkWidget *list = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_DOCUMENT_LIST);
      graphene_rect_t box, view, documents, unused;

      tessera_window_show_message (f->window, messages[i]);
      g_assert_true (tessera_display_test_wait_until (message_in_place, f, 10));
      /* Toasts slide in: let the animation end. */
      settle (400);
      tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);

      /* Not over the document (its header and text), nor the list of
       * documents: over the side pane, at its bottom, whole. */
      box = bounds_in_window (f, message_box (f));
      view = bounds_in_window (f, GTK_WIDGET (f->view));
      documents = bounds_in_window (f, list);
      g_assert_false (graphene_rect_intersection (&box, &view, &unused));
      g_assert_false (graphene_rect_intersection (&box, &documents, &unused));
      g_assert_cmpfloat (box.origin.x, >=, view.origin.x + view.size.width);
      g_assert_cmpfloat (box.origin.x + box.size.width, <=, gtk_widget_get_width (GTK_WIDGET (f->window)));
      g_assert_cmpfloat (box.origin.y + box.size.height, <=, gtk_widget_get_height (GTK_WIDGET (f->window)));
      g_assert_cmpfloat (box.origin.y + box.size.height, >, gtk_widget_get_height (GTK_WIDGET (f->window)) - 60);
      g_assert_cmpfloat (box.size.height, >, 20);
    }
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GListModel) controllers = NULL;
  GtkEventController *motion = NULL;
  gint64 shown;

  /* A short message goes after about five seconds. */
  tessera_window_show_message (f->window, "Exported to desk.jsonl");
  shown = g_get_monotonic_time ();
  g_assert_true (tessera_display_test_wait_until (message_gone, f, 10));
  g_assert_cmpint (g_get_monotonic_time () - shown, >=, 4 * G_USEC_PER_SEC);

  /* The pointer on it holds it; leaving lets it go. */
  tessera_window_show_message (f->window, "Exported to desk.jsonl");
  g_assert_true (tessera_display_test_wait_until (message_in_place, f, 10));
  controllers = gtk_widget_observe_controllers (message_box (f));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && motion == NULL; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        motion = controller;
    }
  g_assert_nonnull (motion);
  g_signal_emit_by_name (motion, "enter", 4.0, 4.0);
  g_assert_false (tessera_display_test_wait_until (message_gone, f, 7));
  g_signal_emit_by_name (motion, "leave");
  g_assert_true (tessera_display_test_wait_until (message_gone, f, 10));

  /* Dismissed at once. */
  tessera_window_show_message (f->window, "Exported to desk.jsonl");
  tessera_window_dismiss_message (f->window);
  g_assert_null (tessera_window_get_message (f->window));
}

static void
test_withdrawn_on_undo (Fixture       *f,
                        gconstpointer  data)
{
  gint64 start, end;

  /* Tag the first Kidal, then every other one: a message of one span. */
  tessera_display_test_find_shown_word (f->workbench, "Kidal", &start, &end);
  tessera_document_view_select_range (f->view, start, end);
  tessera_display_test_activate (f->window, "win.tag", "x",
                                 tessera_test_label_id (f->project, TESSERA_LABEL_ENTITY, "Place"));
  tessera_display_test_activate (f->window, "win.annotate-occurrences", "s", "document");
  g_assert_cmpstr (tessera_window_get_message (f->window), ==, "Proposed 1 Place span for “Kidal”");

  /* Undoing something else leaves it. */
  tessera_display_test_find_shown_word (f->workbench, "Anefis", &start, &end);
  tessera_document_view_select_range (f->view, start, end);
  tessera_display_test_activate (f->window, "win.tag", "x",
                                 tessera_test_label_id (f->project, TESSERA_LABEL_ENTITY, "Place"));
  tessera_display_test_activate (f->window, "win.undo", NULL);
  g_assert_cmpstr (tessera_window_get_message (f->window), ==, "Proposed 1 Place span for “Kidal”");

  /* Undoing what it announced withdraws it; redoing does not bring it back. */
  tessera_display_test_activate (f->window, "win.undo", NULL);
  g_assert_null (tessera_window_get_message (f->window));
  tessera_display_test_activate (f->window, "win.redo", NULL);
  g_assert_null (tessera_window_get_message (f->window));

  /* A message that announced no step stays through an undo. */
  tessera_window_show_message (f->window, "Exported to desk.jsonl");
  tessera_display_test_activate (f->window, "win.undo", NULL);
  g_assert_cmpstr (tessera_window_get_message (f->window), ==, "Exported to desk.jsonl");
}

static const Size laptop = { 1024, 700 };

static void
add_tests (void)
{
  g_test_add ("/messages/placement", Fixture, NULL, fixture_set_up, test_placement, fixture_tear_down);
  g_test_add ("/messages/placement-laptop", Fixture, &laptop, fixture_set_up, test_placement, fixture_tear_down);
  g_test_add ("/messages/timeout", Fixture, NULL, fixture_set_up, test_timeout, fixture_tear_down);
  g_test_add ("/messages/withdrawn-on-undo", Fixture, NULL, fixture_set_up, test_withdrawn_on_undo,
              fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  return tessera_display_test_run (&argc, &argv, add_tests);
}
