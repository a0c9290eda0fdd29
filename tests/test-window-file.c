/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-window-file"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "tessera-display-util.h"
#include "tessera-error.h"
#include "tessera-test-util.h"
#include "tessera-document-view.h"
#include "tessera-window.h"

/* The window and the project file: it refuses a -wal that is not the
 * project's own, checks a project before anything is written to it,
 * says when it is damaged and then writes nothing to it. */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const char * const uids[] = { "w1", "w2", NULL };
  g_autoptr(TesseraProject) project = NULL;

  f->dir = tessera_test_make_tmp_dir ();
  project = tessera_test_create_project (f->dir, "desk.tessera", &f->path);
  for (guint i = 0; uids[i] != NULL; i++)
    tessera_test_add_report (project, uids[i]);
  tessera_project_close (project);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tessera_display_test_remove_project (&f->dir, &f->path);
}

static char *
hash_with_wal (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *project_hash = tessera_test_file_sha256 (path);
  g_autofree char *wal_hash = g_file_test (wal, G_FILE_TEST_EXISTS) ? tessera_test_file_sha256 (wal) : NULL;

  return g_strdup_printf ("%s %s", project_hash, wal_hash ? wal_hash : "-");
}

/* Whether @root shows a revealed GtkRevealer holding a label with @text in it. */
static gboolean
shows_banner (GtkWidget  *root,
              const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    {
      for (GtkWidget *w = root; w != NULL; w = gtk_widget_get_parent (w))
        if (GTK_IS_REVEALER (w))
          return gtk_revealer_get_reveal_child (GTK_REVEALER (w));
      return FALSE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_banner (child, text))
      return TRUE;
  return FALSE;
}

/* Another project's -wal beside the project: the window refuses it, says
 * which file and what to do, and both files stay as they were. */
static void
test_stray_wal (Fixture       *f,
                gconstpointer  data)
{
  static const char * const theirs[] = { "o1", NULL };
  g_autofree char *other = NULL;
  g_autofree char *other_wal = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  TesseraWindow *window;
  gsize len;

  {
    g_autoptr(TesseraProject) project = tessera_test_create_project (f->dir, "other.tessera", &other);

    tessera_project_close (project);
  }
  tessera_test_leave_wal (other, theirs);
  other_wal = g_strconcat (other, "-wal", NULL);
  g_assert_true (g_file_get_contents (other_wal, &contents, &len, NULL));
  tessera_test_set_contents (wal, contents, len);
  before = hash_with_wal (f->path);

  window = tessera_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (tessera_window_open_project (window, f->path, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_STRAY_WAL);
  g_assert_nonnull (strstr (error->message, wal));
  g_assert_null (tessera_workbench_get_project (tessera_window_get_workbench (window)));
  tessera_display_test_close_window (GTK_WIDGET (window), NULL);

  after = hash_with_wal (f->path);
  g_assert_cmpstr (after, ==, before);
}

/* A damaged project opens to be read: the window says it is damaged,
 * offers to save what can be read, and writes nothing to it. */
static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  TesseraWindow *window;
  TesseraProject *project;

  tessera_test_zero_page (f->path, tessera_test_root_page (f->path, "span_document"));
  before = hash_with_wal (f->path);

  window = tessera_display_test_open_window (f->path, 1200, 800);
  project = tessera_workbench_get_project (tessera_window_get_workbench (window));
  g_assert_cmpint (tessera_project_get_integrity (project), ==, TESSERA_INTEGRITY_DAMAGED);
  g_assert_true (shows_banner (GTK_WIDGET (window), "damaged"));

  /* Editing is off: the status key does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-status", "s", "done");
  tessera_display_test_run_pending ();
  {
    g_autoptr(TesseraDocument) doc = tessera_project_get_document (project,
                                                                   tessera_project_get_first_document_id (project),
                                                                   FALSE, NULL);

    g_assert_cmpint (doc->status, ==, TESSERA_STATUS_NEW);
  }

  tessera_display_test_close_window (GTK_WIDGET (window), NULL);
  after = hash_with_wal (f->path);
  g_assert_cmpstr (after, ==, before);
}

/* A sound project: no banner, and editing works at once. */
static void
test_checked (Fixture       *f,
              gconstpointer  data)
{
  TesseraWindow *window = tessera_display_test_open_window (f->path, 1200, 800);
  TesseraProject *project = tessera_workbench_get_project (tessera_window_get_workbench (window));

  g_assert_cmpint (tessera_project_get_integrity (project), ==, TESSERA_INTEGRITY_OK);
  g_assert_false (shows_banner (GTK_WIDGET (window), "damaged"));
  g_assert_false (shows_banner (GTK_WIDGET (window), "Checking"));
  tessera_display_test_activate (window, "win.set-status", "s", "done");
  {
    g_autoptr(TesseraDocument) doc = tessera_project_get_document (project,
                                                                   tessera_project_get_first_document_id (project),
                                                                   FALSE, NULL);

    g_assert_cmpint (doc->status, ==, TESSERA_STATUS_DONE);
  }
  tessera_display_test_close_window (GTK_WIDGET (window), NULL);
}

static gboolean
file_alone_says_done (gpointer user_data)
{
  const char *uri = user_data;

  return tessera_test_sql_int (uri, "SELECT min(status) FROM document") == TESSERA_STATUS_DONE;
}

/* Edits reach the file itself, not only its -wal, once the window has
 * been idle a few seconds: a copy of the file alone, or a crash of the
 * machine, loses nothing. */
static void
test_checkpoint_when_idle (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *escaped = g_uri_escape_string (f->path, "/", FALSE);
  g_autofree char *file_alone = g_strdup_printf ("file:%s?immutable=1", escaped);
  TesseraWindow *window = tessera_display_test_open_window (f->path, 1200, 800);

  tessera_display_test_activate (window, "win.set-status", "s", "done");
  tessera_display_test_activate (window, "win.next-document", NULL);
  tessera_display_test_activate (window, "win.set-status", "s", "done");
  g_assert_false (file_alone_says_done (file_alone));

  g_assert_true (tessera_display_test_wait_until (file_alone_says_done, file_alone, 15));
  tessera_display_test_close_window (GTK_WIDGET (window), NULL);
}

static char *
write_reports (const char *dir,
               guint       n)
{
  char *folder = tessera_test_make_folder (dir, "incoming");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("report-%03u.txt", i);
      g_autofree char *text = g_strdup_printf ("Report %u\nConvoys were seen near Anefis, report %u says.\n", i, i);
      g_autofree char *path = tessera_test_write_file (folder, name, text, -1);
    }

  return folder;
}

/* Importing a folder keeps the project open: the document stays on
 * screen, progress shows with a Cancel button, and afterwards the edit
 * made before the import can still be undone. */
static void
test_import_keeps_project (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *folder = write_reports (f->dir, 40);
  const char *paths[] = { folder, NULL };
  TesseraWindow *window = tessera_display_test_open_window (f->path, 1200, 800);
  TesseraWorkbench *workbench = tessera_window_get_workbench (window);
  TesseraProject *project = tessera_workbench_get_project (workbench);
  TesseraDocumentView *view = tessera_display_test_find_widget (GTK_WIDGET (window), TESSERA_TYPE_DOCUMENT_VIEW);
  g_autofree char *shown = tessera_display_test_shown_text (view);
  gint64 doc_id = tessera_workbench_get_document_id (workbench);
  gint64 start, end;

  /* An edit before the import. */
  tessera_display_test_find_shown_word (workbench, "Tin-Azrou", &start, &end);
  tessera_document_view_select_range (view, start, end);
  tessera_display_test_activate (window, "win.tag", "x",
                                 tessera_test_label_id (project, TESSERA_LABEL_ENTITY, "Place"));
  g_assert_cmpint (tessera_project_count_spans (project), ==, 1);

  tessera_window_import (window, paths);
  g_assert_true (tessera_project_get_busy (project));
  g_assert_nonnull (tessera_display_test_find_progress_cancel ());
  tessera_display_test_wait_for_work (project);

  /* The same project object, the same document on screen. */
  g_assert_true (tessera_workbench_get_project (workbench) == project);
  g_assert_cmpint (tessera_workbench_get_document_id (workbench), ==, doc_id);
  {
    g_autofree char *after = tessera_display_test_shown_text (view);

    g_assert_cmpstr (after, ==, shown);
  }
  g_assert_cmpint (tessera_project_count_documents (project), ==, 42);
  g_assert_null (tessera_display_test_find_progress_cancel ());

  /* The history survived: Ctrl+Z undoes the tag made before. */
  tessera_display_test_activate (window, "win.undo", NULL);
  g_assert_cmpint (tessera_project_count_spans (project), ==, 0);
  g_assert_cmpint (tessera_project_count_documents (project), ==, 42);

  tessera_display_test_close_window (GTK_WIDGET (window), NULL);
}

/* Cancel in the progress dialog: nothing is imported. */
static void
test_import_cancel (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *folder = write_reports (f->dir, 1000);
  const char *paths[] = { folder, NULL };
  TesseraWindow *window = tessera_display_test_open_window (f->path, 1200, 800);
  TesseraProject *project = tessera_workbench_get_project (tessera_window_get_workbench (window));
  GtkWidget *cancel;

  tessera_window_import (window, paths);
  cancel = tessera_display_test_find_progress_cancel ();
  g_assert_nonnull (cancel);
  g_signal_emit_by_name (cancel, "clicked");
  tessera_display_test_wait_for_work (project);

  g_assert_cmpint (tessera_project_count_documents (project), ==, 2);
  g_assert_true (tessera_display_test_shows_message (window, "Nothing was imported"));

  tessera_display_test_close_window (GTK_WIDGET (window), NULL);
}

/* The file chooser on screen (GTK 4.8 without a portal: a dialog). */
static GtkWidget *
find_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (window) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static gboolean
chooser_shows (gpointer data)
{
  return find_chooser () != NULL;
}

static gboolean
copy_saved (gpointer data)
{
  return tessera_window_get_message (data) != NULL &&
         g_str_has_prefix (tessera_window_get_message (data), "Saved a copy to");
}

/* Save a Copy asks where, beside the project, under a name that says
 * copy; what the chooser hands back becomes a copy with the documents;
 * a cancelled chooser writes nothing. */
static void
test_save_copy_chooser (Fixture       *f,
                        gconstpointer  data)
{
  TesseraWindow *window = tessera_display_test_open_window (f->path, 1200, 800);
  g_autofree char *copy_path = g_build_filename (f->dir, "desk copy.tessera", NULL);
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) project_folder = g_file_new_for_path (f->dir);
  g_autoptr(TesseraProject) copied = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  GtkWidget *chooser;

  tessera_display_test_activate (window, "win.save-copy", NULL);
  g_assert_true (tessera_display_test_wait_until (chooser_shows, NULL, 10));
  chooser = find_chooser ();
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (name, ==, "desk (copy).tessera");
  folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
  g_assert_true (g_file_equal (folder, project_folder));

  /* Cancelled: nothing written. */
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  tessera_display_test_run_pending ();
  g_assert_null (find_chooser ());
  g_assert_false (g_file_test (copy_path, G_FILE_TEST_EXISTS));

  /* Chosen: a copy holding the documents. */
  tessera_display_test_activate (window, "win.save-copy", NULL);
  g_assert_true (tessera_display_test_wait_until (chooser_shows, NULL, 10));
  chooser = find_chooser ();
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "desk copy.tessera");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_true (tessera_display_test_wait_until (copy_saved, window, 20));
  copied = tessera_project_open (copy_path, TESSERA_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tessera_project_count_documents (copied), ==, 2);
  tessera_project_close (copied);

  tessera_display_test_close_window (GTK_WIDGET (window), NULL);
}

static void
add_tests (void)
{
  g_test_add ("/window-file/stray-wal", Fixture, NULL, fixture_set_up, test_stray_wal, fixture_tear_down);
  g_test_add ("/window-file/damaged", Fixture, NULL, fixture_set_up, test_damaged, fixture_tear_down);
  g_test_add ("/window-file/checked", Fixture, NULL, fixture_set_up, test_checked, fixture_tear_down);
  g_test_add ("/window-file/import-keeps-project", Fixture, NULL, fixture_set_up, test_import_keeps_project,
              fixture_tear_down);
  g_test_add ("/window-file/import-cancel", Fixture, NULL, fixture_set_up, test_import_cancel, fixture_tear_down);
  g_test_add ("/window-file/save-copy-chooser", Fixture, NULL, fixture_set_up, test_save_copy_chooser,
              fixture_tear_down);
  g_test_add ("/window-file/checkpoint-when-idle", Fixture, NULL, fixture_set_up, test_checkpoint_when_idle,
              fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  return tessera_display_test_run (&argc, &argv, add_tests);
}
