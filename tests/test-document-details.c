/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-document-details"

#include "config.h"

#include <gtk/gtk.h>

#include "tessera-display-util.h"
#include "tessera-document-view.h"
#include "tessera-test-util.h"
#include "tessera-window.h"

/* The document's header in the whole window, on two reports of the
 * shared Kidal corpus imported with tessera-cli: it shows their dates,
 * and its Edit Details popover changes the title, outlet and date as
 * one step that Ctrl+Z undoes, refusing a date that is no date. */

typedef struct
{
  char                *dir;
  char                *path;
  TesseraWindow       *window;
  TesseraWorkbench    *workbench;  /* the window's, not owned */
  TesseraProject      *project;    /* the window's, not owned */
  TesseraDocumentView *view;
  gint64               ids[2];     /* reports 001 and 002 */
} Fixture;

/* The corpus file whose name starts with @prefix, or NULL. */
static char *
corpus_file (const char *corpus,
             const char *prefix)
{
  g_autofree char *folder = g_build_filename (corpus, "kidal-2023", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix))
      return g_build_filename (folder, name, NULL);
  return NULL;
}

static void
run_cli (const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  TesseraTestCliResult *result;
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  result = tessera_test_run_cliv ((const char * const *) args->pdata);
  g_assert_cmpint (result->status, ==, 0);
  tessera_test_cli_result_free (result);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *corpus = g_getenv ("TESSERA_SHARED_CORPUS");
  g_autofree char *first = corpus ? corpus_file (corpus, "001_") : NULL;
  g_autofree char *second = corpus ? corpus_file (corpus, "002_") : NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;

  if (first == NULL || second == NULL)
    return;

  f->dir = tessera_test_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "kidal.tessera", NULL);
  run_cli ("init", f->path, NULL);
  run_cli ("import", f->path, first, second, NULL);

  f->window = tessera_display_test_open_window (f->path, 1200, 800);
  f->workbench = tessera_window_get_workbench (f->window);
  f->project = tessera_workbench_get_project (f->workbench);
  f->view = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_DOCUMENT_VIEW);
  g_assert_nonnull (f->view);

  docs = tessera_project_list_documents (f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      TesseraDocument *doc = g_ptr_array_index (docs, i);

      f->ids[g_str_has_prefix (doc->uid, "001_") ? 0 : 1] = doc->id;
    }
  g_assert_cmpint (f->ids[0], !=, f->ids[1]);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    tessera_display_test_close_window (GTK_WIDGET (f->window), NULL);
  if (f->dir != NULL)
    tessera_display_test_remove_project (&f->dir, &f->path);
}

static gboolean
skipped (Fixture *f)
{
  if (f->window == NULL)
    g_test_skip ("the shared corpus (TESSERA_SHARED_CORPUS) is not there");
  return f->window == NULL;
}

/* --- what the user sees ------------------------------------------------- */

static gboolean
label_contains (GtkWidget     *widget,
                gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

/* Whether a label shown under @root says @text (in part). */
static gboolean
shows (gpointer    root,
       const char *text)
{
  g_autoptr(GPtrArray) found = tessera_display_test_find_all (root, label_contains, text);

  return found->len > 0;
}

static gboolean
is_entry (GtkWidget     *widget,
          gconstpointer  data)
{
  return GTK_IS_ENTRY (widget);
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

typedef enum
{
  FIELD_TITLE,
  FIELD_OUTLET,
  FIELD_PUBLISHED,
  FIELD_URL,
  FIELD_LANGUAGE,
  N_FIELDS
} Field;

/* Opens Edit Details; returns its popover. */
static GtkWidget *
open_details (Fixture *f)
{
  GtkWidget *button = tessera_display_test_find_one (f->view, tessera_display_test_has_tooltip_prefix,
                                                     "Edit Details");
  GtkWidget *popover;

  g_assert_true (GTK_IS_MENU_BUTTON (button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  tessera_display_test_run_pending ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_true (gtk_widget_get_visible (popover));
  return popover;
}

/* The popover's entry for @field (they come in this order). */
static GtkEditable *
field_entry (GtkWidget *popover,
             Field      field)
{
  g_autoptr(GPtrArray) entries = tessera_display_test_find_all (popover, is_entry, NULL);

  g_assert_cmpuint (entries->len, ==, N_FIELDS);
  return GTK_EDITABLE (g_ptr_array_index (entries, field));
}

static void
click (GtkWidget  *root,
       const char *label)
{
  g_signal_emit_by_name (tessera_display_test_find_one (root, is_button_labelled, label), "clicked");
  tessera_display_test_run_pending ();
}

static TesseraDocument *
stored (Fixture *f,
        gint64   id)
{
  g_autoptr(GError) error = NULL;
  TesseraDocument *doc = tessera_project_get_document (f->project, id, FALSE, &error);

  g_assert_no_error (error);
  return doc;
}

/* --- tests ------------------------------------------------------------------ */

static void
test_header_dates (Fixture       *f,
                   gconstpointer  data)
{
  if (skipped (f))
    return;

  /* Both reports carry their date in their text; the header shows it. */
  tessera_workbench_set_document_id (f->workbench, f->ids[0]);
  tessera_display_test_run_pending ();
  g_assert_true (shows (f->view, "12 November 2023"));
  tessera_workbench_set_document_id (f->workbench, f->ids[1]);
  tessera_display_test_run_pending ();
  g_assert_true (shows (f->view, "13 November 2023"));
  g_assert_false (shows (f->view, "12 November 2023"));
}

static void
test_edit_undo (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TesseraDocument) before = NULL;
  g_autoptr(TesseraDocument) after = NULL;
  g_autoptr(TesseraDocument) undone = NULL;
  GtkWidget *popover;

  if (skipped (f))
    return;

  tessera_workbench_set_document_id (f->workbench, f->ids[1]);
  tessera_display_test_run_pending ();
  before = stored (f, f->ids[1]);
  g_assert_cmpstr (before->published, ==, "2023-11-13");
  g_assert_null (before->source);

  /* The popover opens on the details as they are. */
  popover = open_details (f);
  g_assert_cmpstr (gtk_editable_get_text (field_entry (popover, FIELD_TITLE)), ==, before->title);
  g_assert_cmpstr (gtk_editable_get_text (field_entry (popover, FIELD_PUBLISHED)), ==, "2023-11-13");
  g_assert_cmpstr (gtk_editable_get_text (field_entry (popover, FIELD_OUTLET)), ==, "");

  /* Enter in a field applies them all. */
  gtk_editable_set_text (field_entry (popover, FIELD_TITLE), "Army closes on Kidal");
  gtk_editable_set_text (field_entry (popover, FIELD_OUTLET), "allAfrica");
  gtk_editable_set_text (field_entry (popover, FIELD_PUBLISHED), "2023-11-14");
  g_signal_emit_by_name (field_entry (popover, FIELD_PUBLISHED), "activate");
  tessera_display_test_run_pending ();
  g_assert_false (gtk_widget_get_visible (popover));

  after = stored (f, f->ids[1]);
  g_assert_cmpstr (after->title, ==, "Army closes on Kidal");
  g_assert_cmpstr (after->source, ==, "allAfrica");
  g_assert_cmpstr (after->published, ==, "2023-11-14");
  g_assert_true (shows (f->view, "Army closes on Kidal"));
  g_assert_true (shows (f->view, "allAfrica · 14 November 2023"));

  /* One Ctrl+Z undoes all of it, in the store and in the header. */
  tessera_display_test_activate (f->window, "win.undo", NULL);
  undone = stored (f, f->ids[1]);
  g_assert_cmpstr (undone->title, ==, before->title);
  g_assert_null (undone->source);
  g_assert_cmpstr (undone->published, ==, "2023-11-13");
  g_assert_false (shows (f->view, "Army closes on Kidal"));
  g_assert_false (shows (f->view, "allAfrica"));
  g_assert_true (shows (f->view, "13 November 2023"));
}

static void
test_invalid_date (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TesseraDocument) before = NULL;
  g_autoptr(TesseraDocument) after = NULL;
  TesseraHistory *history = tessera_workbench_get_history (f->workbench);
  GtkWidget *popover;
  const char *message = "Not a date: write it as YYYY-MM-DD, such as 2023-11-13";

  if (skipped (f))
    return;

  tessera_workbench_set_document_id (f->workbench, f->ids[0]);
  tessera_display_test_run_pending ();
  before = stored (f, f->ids[0]);
  g_assert_false (tessera_history_can_undo (history));

  /* A date as people write it is refused, said under the field, and
   * nothing changes: not the title typed beside it either. */
  popover = open_details (f);
  g_assert_false (shows (popover, message));
  gtk_editable_set_text (field_entry (popover, FIELD_TITLE), "Fighting resumes near Kidal");
  gtk_editable_set_text (field_entry (popover, FIELD_PUBLISHED), "12/11/2023");
  click (popover, "_Apply");
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_true (shows (popover, message));
  after = stored (f, f->ids[0]);
  g_assert_cmpstr (after->title, ==, before->title);
  g_assert_cmpstr (after->published, ==, "2023-11-12");
  g_assert_false (tessera_history_can_undo (history));
  g_assert_false (shows (f->view, "Fighting resumes near Kidal"));

  /* Correcting it takes the message away. */
  gtk_editable_set_text (field_entry (popover, FIELD_PUBLISHED), "2023-11-1");
  tessera_display_test_run_pending ();
  g_assert_false (shows (popover, message));

  /* Closing it (Escape, or a click outside) leaves everything as it
   * was; opened again, it shows the stored details, not what was typed. */
  gtk_popover_popdown (GTK_POPOVER (popover));
  tessera_display_test_run_pending ();
  g_assert_false (gtk_widget_get_visible (popover));
  g_clear_pointer (&after, tessera_document_unref);
  after = stored (f, f->ids[0]);
  g_assert_cmpstr (after->title, ==, before->title);
  g_assert_false (tessera_history_can_undo (history));
  popover = open_details (f);
  g_assert_cmpstr (gtk_editable_get_text (field_entry (popover, FIELD_TITLE)), ==, before->title);
  g_assert_cmpstr (gtk_editable_get_text (field_entry (popover, FIELD_PUBLISHED)), ==, "2023-11-12");

  /* A title is needed: refused with the history's own words. */
  gtk_editable_set_text (field_entry (popover, FIELD_TITLE), "  ");
  click (popover, "_Apply");
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_true (shows (popover, "A document needs a title"));
  g_assert_false (tessera_history_can_undo (history));
}

static void
add_details_tests (void)
{
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/document-details/header-dates", test_header_dates);
  ADD ("/document-details/edit-undo", test_edit_undo);
  ADD ("/document-details/invalid-date", test_invalid_date);
#undef ADD
}

int
main (int   argc,
      char *argv[])
{
  return tessera_display_test_run (&argc, &argv, add_details_tests);
}
