/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-progress"

#include "config.h"

#include <gtk/gtk.h>

#include "tessera-application.h"
#include "tessera-display-util.h"
#include "tessera-document-item.h"
#include "tessera-document-view.h"
#include "tessera-history.h"
#include "tessera-test-util.h"
#include "tessera-window.h"

/* The analyst's progress in the window: the document list counts
 * accepted annotations and pending suggestions apart, the first tag puts
 * a new document in progress, "done" asks first while suggestions wait,
 * and win.next-unfinished (Alt+Page Down) goes to the next document not
 * done. */

static const char first_text[] = "Rebels seized Ber at dawn; the army held the town.";
static const char second_text[] = "Talks resumed in Algiers on Monday.";
static const char third_text[] = "Convoys left Anefis towards Kidal.";

typedef struct
{
  char             *dir;
  char             *path;
  TesseraWindow    *window;
  TesseraWorkbench *workbench;  /* the window's, not owned */
  TesseraProject   *project;    /* the window's, not owned */
  gint64            ids[3];
} Fixture;

static void
suggest (TesseraProject *project,
         gint64          doc_id,
         const char     *text,
         const char     *word,
         const char     *label)
{
  g_autoptr(GError) error = NULL;
  TesseraSpan span = { 0 };

  tessera_test_find_word (text, word, &span.start, &span.end);
  span.document_id = doc_id;
  span.label_id = tessera_test_label_id (project, TESSERA_LABEL_ENTITY, label);
  span.suggested = TRUE;
  g_assert_cmpint (tessera_project_insert_span (project, &span, &error), >, 0);
  g_assert_no_error (error);
}

/* Three documents; the first has one annotation of the analyst's and two
 * suggestions (as carrying annotations to a copy leaves them). */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TesseraProject) project = NULL;

  f->dir = tessera_test_make_tmp_dir ();
  project = tessera_test_create_project (f->dir, "progress.tessera", &f->path);
  f->ids[0] = tessera_display_test_add_document (project, "Ber", "Sahel Wire", NULL, first_text);
  f->ids[1] = tessera_display_test_add_document (project, "Algiers", "Gao Daily", NULL, second_text);
  f->ids[2] = tessera_display_test_add_document (project, "Anefis", NULL, NULL, third_text);
  tessera_test_tag (project, f->ids[0], "army", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  suggest (project, f->ids[0], first_text, "Rebels", "ArmedGroup");
  suggest (project, f->ids[0], first_text, "Ber", "Place");
  tessera_project_close (project);
  g_clear_object (&project);

  f->window = tessera_display_test_open_window (f->path, -1, -1);
  f->workbench = tessera_window_get_workbench (f->window);
  f->project = tessera_workbench_get_project (f->workbench);
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->ids[0]);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    tessera_display_test_close_window (GTK_WIDGET (f->window), NULL);
  tessera_display_test_remove_project (&f->dir, &f->path);
}

/* A shown label under @root whose text is @text, or NULL. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (!gtk_widget_get_visible (root))
    return NULL;
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static TesseraDocumentStatus
status_of (Fixture *f,
           gint64   doc_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) doc = tessera_project_get_document (f->project, doc_id, FALSE, &error);

  g_assert_no_error (error);
  return doc->status;
}

static void
set_status (Fixture               *f,
            gint64                 doc_id,
            TesseraDocumentStatus  status)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_history_set_document_status (tessera_workbench_get_history (f->workbench),
                                                      doc_id, status, &error));
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
}

/* The "Mark Done Anyway" dialog shown now, or NULL. */
static GtkDialog *
find_done_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
answer_done_dialog (int response)
{
  GtkDialog *dialog = find_done_dialog ();

  g_assert_nonnull (dialog);
  g_assert_nonnull (gtk_dialog_get_widget_for_response (dialog, GTK_RESPONSE_ACCEPT));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (gtk_dialog_get_widget_for_response (dialog,
                                                                                          GTK_RESPONSE_ACCEPT))),
                   ==, "Mark Done _Anyway");
  gtk_dialog_response (dialog, response);
  tessera_display_test_run_pending ();
  g_assert_null (find_done_dialog ());
}

/* The list row says "1 · 2 pending": one annotation accepted, two
 * suggestions waiting; accepting them makes it "3". */
static void
test_counts (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *count;

  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  count = find_label (GTK_WIDGET (f->window), "1 · 2 pending");
  g_assert_nonnull (count);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (count), ==, "1 annotation, 2 suggestions pending");

  tessera_display_test_activate (f->window, "win.accept-all-suggestions", NULL);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_null (find_label (GTK_WIDGET (f->window), "1 · 2 pending"));
  count = tessera_display_test_find_one (f->window, tessera_display_test_has_tooltip_prefix, "3 annotations");
  g_assert_true (GTK_IS_LABEL (count));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, "3");

  tessera_display_test_activate (f->window, "win.undo", NULL);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_nonnull (find_label (GTK_WIDGET (f->window), "1 · 2 pending"));
}

/* "Done" while suggestions wait asks first: Cancel leaves the status as
 * it was, "Mark Done Anyway" sets it (undoably). Without suggestions, or
 * for another status, nothing is asked; the document list's menu asks
 * the same. The first tag of a new document puts it in progress. */
static void
test_done_warns (Fixture       *f,
                 gconstpointer  data)
{
  TesseraDocumentView *view = tessera_display_test_find_widget (GTK_WIDGET (f->window),
                                                                TESSERA_TYPE_DOCUMENT_VIEW);
  GtkDropDown *status = tessera_display_test_find_widget (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN);
  gint64 start, end;

  g_assert_cmpint (status_of (f, f->ids[0]), ==, TESSERA_STATUS_NEW);
  tessera_display_test_activate (f->window, "win.set-status", "s", "done");
  g_assert_nonnull (find_done_dialog ());
  {
    g_autofree char *secondary = NULL;

    g_object_get (find_done_dialog (), "secondary-text", &secondary, NULL);
    g_assert_true (g_str_has_prefix (secondary, "2 suggestions in this document are neither"));
  }
  g_assert_cmpint (status_of (f, f->ids[0]), ==, TESSERA_STATUS_NEW);
  answer_done_dialog (GTK_RESPONSE_CANCEL);
  g_assert_cmpint (status_of (f, f->ids[0]), ==, TESSERA_STATUS_NEW);

  /* The header's dropdown asks the same, and shows the status as it
   * stays. */
  gtk_drop_down_set_selected (status, TESSERA_STATUS_DONE);
  tessera_display_test_run_pending ();
  g_assert_cmpuint (gtk_drop_down_get_selected (status), ==, TESSERA_STATUS_NEW);
  answer_done_dialog (GTK_RESPONSE_CANCEL);
  g_assert_cmpuint (gtk_drop_down_get_selected (status), ==, TESSERA_STATUS_NEW);

  tessera_display_test_activate (f->window, "win.set-status", "s", "done");
  answer_done_dialog (GTK_RESPONSE_ACCEPT);
  g_assert_cmpint (status_of (f, f->ids[0]), ==, TESSERA_STATUS_DONE);
  tessera_display_test_activate (f->window, "win.undo", NULL);
  g_assert_cmpint (status_of (f, f->ids[0]), ==, TESSERA_STATUS_NEW);

  /* Another status, or another document without suggestions: at once. */
  tessera_display_test_activate (f->window, "win.set-status", "s", "in-progress");
  g_assert_null (find_done_dialog ());
  g_assert_cmpint (status_of (f, f->ids[0]), ==, TESSERA_STATUS_IN_PROGRESS);
  tessera_display_test_activate (f->window, "win.set-document-status", "(xs)", f->ids[1], "done");
  g_assert_null (find_done_dialog ());
  g_assert_cmpint (status_of (f, f->ids[1]), ==, TESSERA_STATUS_DONE);
  tessera_display_test_activate (f->window, "win.set-document-status", "(xs)", f->ids[0], "done");
  answer_done_dialog (GTK_RESPONSE_CANCEL);
  g_assert_cmpint (status_of (f, f->ids[0]), ==, TESSERA_STATUS_IN_PROGRESS);

  /* The first tag of the third document puts it in progress. */
  tessera_workbench_set_document_id (f->workbench, f->ids[2]);
  tessera_display_test_run_pending ();
  g_assert_cmpuint (gtk_drop_down_get_selected (status), ==, TESSERA_STATUS_NEW);
  tessera_display_test_find_shown_word (f->workbench, "Kidal", &start, &end);
  tessera_document_view_select_range (view, start, end);
  tessera_display_test_activate (f->window, "win.tag", "x",
                                 tessera_test_label_id (f->project, TESSERA_LABEL_ENTITY, "Place"));
  g_assert_cmpint (status_of (f, f->ids[2]), ==, TESSERA_STATUS_IN_PROGRESS);
  g_assert_cmpuint (gtk_drop_down_get_selected (status), ==, TESSERA_STATUS_IN_PROGRESS);
  tessera_display_test_activate (f->window, "win.undo", NULL);
  g_assert_cmpint (status_of (f, f->ids[2]), ==, TESSERA_STATUS_NEW);
  g_assert_cmpuint (gtk_drop_down_get_selected (status), ==, TESSERA_STATUS_NEW);
}

/* The next document not done, after the current one and wrapping round;
 * when none is left, the window says so. */
static void
test_next_unfinished (Fixture       *f,
                      gconstpointer  data)
{
  set_status (f, f->ids[1], TESSERA_STATUS_DONE);

  tessera_display_test_activate (f->window, "win.next-unfinished", NULL);
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->ids[2]);
  tessera_display_test_activate (f->window, "win.next-unfinished", NULL);
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->ids[0]);

  /* Only the one shown is left. */
  set_status (f, f->ids[2], TESSERA_STATUS_DONE);
  tessera_display_test_activate (f->window, "win.next-unfinished", NULL);
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->ids[0]);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_nonnull (find_label (GTK_WIDGET (f->window), "Every other document is done"));

  set_status (f, f->ids[0], TESSERA_STATUS_DONE);
  tessera_display_test_activate (f->window, "win.next-unfinished", NULL);
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->ids[0]);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_nonnull (find_label (GTK_WIDGET (f->window), "Every document is done"));

  set_status (f, f->ids[1], TESSERA_STATUS_IN_PROGRESS);
  tessera_display_test_activate (f->window, "win.next-unfinished", NULL);
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->ids[1]);
}

/* Its key, Alt+Page Down, does nothing else. */
static void
test_next_unfinished_key (void)
{
  g_autoptr(TesseraApplication) app = tessera_application_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) accels = NULL;
  g_auto(GStrv) actions = NULL;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.next-unfinished");
  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  g_assert_cmpstr (accels[0], ==, "<Alt>Page_Down");
  actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), "<Alt>Page_Down");
  g_assert_cmpuint (g_strv_length (actions), ==, 1);
}

static void
add_progress_tests (void)
{
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/progress/counts", test_counts);
  ADD ("/progress/done-warns", test_done_warns);
  ADD ("/progress/next-unfinished", test_next_unfinished);
#undef ADD
  g_test_add_func ("/progress/next-unfinished-key", test_next_unfinished_key);
}

int
main (int   argc,
      char *argv[])
{
  return tessera_display_test_run (&argc, &argv, add_progress_tests);
}
