/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-document-list"

#include "config.h"

#include <gtk/gtk.h>

#include "tessera-application.h"
#include "tessera-display-util.h"
#include "tessera-document-item.h"
#include "tessera-document-list.h"
#include "tessera-test-util.h"
#include "tessera-workbench.h"

/* The document list on a small project, in a window: what it shows, and
 * that choosing, searching and filtering there moves the workbench (and
 * the workbench moves it). */

/* Written for these tests. */
static const struct
{
  const char *title;
  const char *source;
  const char *text;
} documents[] = {
  { "Rebels seize Ber", "Horizon Wire", "Rebels seized the town of Ber at dawn." },
  { "Army denies losing Ber", "Sahel Courier", "The army denied that Ber had fallen." },
  { "Talks resume in Algiers", "Horizon Wire", "Talks resumed in Algiers." },
  { "Convoy reaches Anefis", "Radio Nord", "A convoy reached Anefis after clashes near Ber." },
};

typedef struct
{
  TesseraTestProject   base;
  TesseraWorkbench    *workbench;
  TesseraDocumentList *list;
  GtkWidget           *window;
  gint64               ids[G_N_ELEMENTS (documents)];
} Fixture;

/* The first widget under @root of @type whose label (buttons, labels)
 * is @label, or any when @label is NULL. */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      const char *text = NULL;

      if (GTK_IS_BUTTON (root))
        text = gtk_button_get_label (GTK_BUTTON (root));
      else if (GTK_IS_LABEL (root))
        text = gtk_label_get_label (GTK_LABEL (root));
      if (label == NULL || g_strcmp0 (text, label) == 0)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkSingleSelection *
selection (Fixture *f)
{
  GtkWidget *view = find_widget (GTK_WIDGET (f->list), GTK_TYPE_LIST_VIEW, NULL);

  g_assert_nonnull (view);
  return GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (view)));
}

static guint
n_rows (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (selection (f)));
}

static gint64
selected_id (Fixture *f)
{
  TesseraDocumentItem *item = gtk_single_selection_get_selected_item (selection (f));

  return item ? tessera_document_item_get_id (item) : 0;
}

static GtkEditable *
search_entry (Fixture *f)
{
  GtkWidget *entry = find_widget (GTK_WIDGET (f->list), GTK_TYPE_SEARCH_ENTRY, NULL);

  g_assert_nonnull (entry);
  return GTK_EDITABLE (entry);
}

/* What the list says in its empty state, or under the list. */
static gboolean
says (Fixture    *f,
      const char *text)
{
  GtkWidget *label = find_widget (GTK_WIDGET (f->list), GTK_TYPE_LABEL, text);

  return label != NULL && gtk_widget_is_drawable (label);
}

static void
click_filter (Fixture    *f,
              const char *label)
{
  GtkWidget *button = find_widget (GTK_WIDGET (f->list), GTK_TYPE_TOGGLE_BUTTON, label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  tessera_display_test_run_pending ();
}

typedef struct
{
  Fixture *f;
  guint    rows;
} RowsWanted;

static gboolean
has_rows (gpointer user_data)
{
  RowsWanted *wanted = user_data;

  return n_rows (wanted->f) == wanted->rows;
}

/* Types @query and waits for the search (the entry waits for typing to
 * pause before it searches). */
static void
type_search (Fixture    *f,
             const char *query,
             guint       expected_rows)
{
  RowsWanted wanted = { f, expected_rows };

  gtk_editable_set_text (search_entry (f), query);
  tessera_display_test_wait_until (has_rows, &wanted, 5);
  tessera_display_test_run_pending ();
  g_assert_cmpuint (n_rows (f), ==, expected_rows);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  tessera_test_project_setup (&f->base, data);
  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    f->ids[i] = tessera_display_test_add_document (f->base.project, documents[i].title,
                                                   documents[i].source, "2023-11-14",
                                                   documents[i].text);

  f->workbench = tessera_workbench_new ();
  f->list = g_object_new (TESSERA_TYPE_DOCUMENT_LIST, NULL);
  tessera_document_list_set_workbench (f->list, f->workbench);

  f->window = tessera_display_test_present (GTK_WIDGET (f->list), 340, 800);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  tessera_display_test_close_window (f->window, &f->workbench);
  tessera_test_project_teardown (&f->base, data);
}

static void
open_project (Fixture *f)
{
  tessera_workbench_set_project (f->workbench, f->base.project);
  tessera_workbench_set_document_id (f->workbench, f->ids[0]);
  tessera_display_test_run_pending ();
}

static void
test_shows_documents (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TesseraProject) empty = NULL;
  g_autofree char *empty_path = NULL;

  g_assert_true (says (f, "No project open"));

  open_project (f);
  g_assert_cmpuint (n_rows (f), ==, 4);
  g_assert_true (says (f, "4 documents"));
  g_assert_false (says (f, "No project open"));
  /* The shown document is the selected row. */
  g_assert_cmpint (selected_id (f), ==, f->ids[0]);

  /* A document imported now appears at the end. */
  {
    g_autoptr(TesseraDocument) doc = tessera_document_new ();

    doc->title = g_strdup ("Ceasefire holds");
    doc->text = g_strdup ("The ceasefire held overnight.");
    tessera_test_add_document (f->base.project, doc);
    tessera_display_test_run_pending ();
  }
  g_assert_cmpuint (n_rows (f), ==, 5);
  g_assert_true (says (f, "5 documents"));

  /* A project without documents says how to get some. */
  empty = tessera_test_create_project (f->base.dir, "empty.tessera", &empty_path);
  tessera_workbench_set_project (f->workbench, empty);
  tessera_display_test_run_pending ();
  g_assert_cmpuint (n_rows (f), ==, 0);
  g_assert_true (says (f, "No documents yet"));
  g_assert_true (says (f, "Import some with Ctrl+I"));
  tessera_workbench_set_project (f->workbench, NULL);
  tessera_project_close (empty);
}

static void
test_choosing (Fixture       *f,
               gconstpointer  data)
{
  open_project (f);

  /* Choosing a row shows its document. */
  gtk_single_selection_set_selected (selection (f), 2);
  tessera_display_test_run_pending ();
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->ids[2]);

  /* Showing a document elsewhere selects its row. */
  tessera_workbench_set_document_id (f->workbench, f->ids[3]);
  tessera_display_test_run_pending ();
  g_assert_cmpint (selected_id (f), ==, f->ids[3]);

  /* Next and previous document (Alt+Down / Alt+Up in the window). */
  tessera_document_list_select_adjacent (f->list, -1);
  tessera_display_test_run_pending ();
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->ids[2]);
  g_assert_cmpint (selected_id (f), ==, f->ids[2]);
  tessera_document_list_select_adjacent (f->list, 1);
  tessera_document_list_select_adjacent (f->list, 1);
  tessera_display_test_run_pending ();
  /* The last stays the last. */
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->ids[3]);

  /* Ctrl+Shift+F puts the keyboard in the search entry. */
  tessera_document_list_focus_search (f->list);
  tessera_display_test_run_pending ();
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
    GtkWidget *entry = GTK_WIDGET (search_entry (f));

    g_assert_nonnull (focus);
    g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));
  }
}

static void
test_status_filter (Fixture       *f,
                    gconstpointer  data)
{
  TesseraHistory *history;
  g_autoptr(GError) error = NULL;

  open_project (f);
  history = tessera_workbench_get_history (f->workbench);
  g_assert_true (tessera_history_set_document_status (history, f->ids[1], TESSERA_STATUS_DONE, &error));
  g_assert_true (tessera_history_set_document_status (history, f->ids[3], TESSERA_STATUS_DONE, &error));
  g_assert_no_error (error);

  click_filter (f, "Done");
  g_assert_cmpuint (n_rows (f), ==, 2);
  g_assert_true (says (f, "2 of 4 documents"));
  /* The shown document is not among them: nothing is selected, and the
   * next document is the next one done. */
  g_assert_cmpint (selected_id (f), ==, 0);
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->ids[0]);
  tessera_document_list_select_adjacent (f->list, 1);
  tessera_display_test_run_pending ();
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->ids[1]);
  tessera_document_list_select_adjacent (f->list, 1);
  tessera_display_test_run_pending ();
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->ids[3]);

  /* Undoing "done" takes the document out of the filtered list. */
  g_assert_true (tessera_history_undo (history, &error));
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
  g_assert_cmpuint (n_rows (f), ==, 1);

  click_filter (f, "New");
  g_assert_cmpuint (n_rows (f), ==, 3);
  click_filter (f, "In progress");
  g_assert_cmpuint (n_rows (f), ==, 0);
  g_assert_true (says (f, "No documents match"));
  click_filter (f, "All");
  g_assert_cmpuint (n_rows (f), ==, 4);
  g_assert_cmpint (selected_id (f), ==, f->ids[3]);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  open_project (f);

  type_search (f, "ber", 3);
  g_assert_true (says (f, "3 of 4 documents"));

  type_search (f, "algiers", 1);
  /* Enter shows the best match. */
  g_signal_emit_by_name (search_entry (f), "activate");
  tessera_display_test_run_pending ();
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->ids[2]);
  g_assert_cmpint (selected_id (f), ==, f->ids[2]);

  type_search (f, "nothing-of-the-kind", 0);
  g_assert_true (says (f, "No documents match"));

  /* Escape clears the search. */
  g_signal_emit_by_name (search_entry (f), "stop-search");
  type_search (f, "", 4);
  g_assert_cmpstr (gtk_editable_get_text (search_entry (f)), ==, "");
  g_assert_cmpint (selected_id (f), ==, f->ids[2]);

  /* Escape in the clear entry goes back to the list. */
  tessera_document_list_focus_search (f->list);
  g_signal_emit_by_name (search_entry (f), "stop-search");
  tessera_display_test_run_pending ();
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
    GtkWidget *view = find_widget (GTK_WIDGET (f->list), GTK_TYPE_LIST_VIEW, NULL);

    g_assert_nonnull (focus);
    g_assert_true (focus == view || gtk_widget_is_ancestor (focus, view));
  }
}

/* A search the status filter hides entirely says where its matches are,
 * and offers to show them. */
static void
test_search_other_statuses (Fixture       *f,
                            gconstpointer  data)
{
  TesseraHistory *history;
  g_autoptr(GError) error = NULL;
  GtkWidget *show_all;

  open_project (f);
  history = tessera_workbench_get_history (f->workbench);
  /* Done: only the talks in Algiers, where Ber is not named. */
  g_assert_true (tessera_history_set_document_status (history, f->ids[2], TESSERA_STATUS_DONE, &error));
  g_assert_no_error (error);

  type_search (f, "ber", 3);
  click_filter (f, "Done");
  g_assert_cmpuint (n_rows (f), ==, 0);
  g_assert_true (says (f, "No matches among done documents"));
  g_assert_true (says (f, "3 matches in other statuses"));
  g_assert_false (says (f, "No documents match"));

  /* One of them done: two left elsewhere. */
  click_filter (f, "In progress");
  g_assert_true (says (f, "No matches among documents in progress"));
  g_assert_true (says (f, "3 matches in other statuses"));
  g_assert_true (tessera_history_set_document_status (history, f->ids[0], TESSERA_STATUS_IN_PROGRESS, &error));
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
  g_assert_cmpuint (n_rows (f), ==, 1);
  g_assert_true (tessera_history_undo (history, &error));
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
  g_assert_cmpuint (n_rows (f), ==, 0);
  g_assert_true (says (f, "3 matches in other statuses"));

  /* The way out shows every status, and the matches. */
  show_all = find_widget (GTK_WIDGET (f->list), GTK_TYPE_BUTTON, "Show All Statuses");
  g_assert_nonnull (show_all);
  g_assert_true (gtk_widget_is_drawable (show_all));
  g_signal_emit_by_name (show_all, "clicked");
  tessera_display_test_run_pending ();
  g_assert_cmpuint (n_rows (f), ==, 3);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_widget (GTK_WIDGET (f->list),
                                                                                GTK_TYPE_TOGGLE_BUTTON, "All"))));

  /* Words found nowhere say so, without the way out. */
  click_filter (f, "Done");
  type_search (f, "nothing-of-the-kind", 0);
  g_assert_true (says (f, "No documents match"));
  g_assert_false (says (f, "No matches among done documents"));
  g_assert_false (gtk_widget_is_drawable (show_all));
}

static void
add_document_list_tests (void)
{
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/document-list/shows-documents", test_shows_documents);
  ADD ("/document-list/choosing", test_choosing);
  ADD ("/document-list/status-filter", test_status_filter);
  ADD ("/document-list/search", test_search);
  ADD ("/document-list/search-other-statuses", test_search_other_statuses);
#undef ADD
}

int
main (int   argc,
      char *argv[])
{
  return tessera_display_test_run (&argc, &argv, add_document_list_tests);
}
