/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-layout"

#include "config.h"

#include "tessera-annotation-list.h"
#include "tessera-display-util.h"
#include "tessera-document-list.h"
#include "tessera-inspector.h"
#include "tessera-test-util.h"

/* A laptop-sized window keeps the text readable: 60 characters a line or
 * more, the document list stepping aside (F9 brings it back), the
 * annotation list showing rows, the inspector given room for an event's
 * roles. Run at GDK_SCALE=1 and 2 (meson runs it twice). */

static const char report[] =
  "KIDAL, Mali — Fighting broke out on Sunday between the Malian army and fighters of the "
  "Permanent Strategic Framework around Kidal, a desert town the rebels have held since 2012, "
  "military and local sources said. Government troops moved out of the Anefis garrison, "
  "110 kilometres south of Kidal, late on Saturday in a column of around 80 vehicles.";

typedef struct {
  char             *dir;
  char             *path;
  gint64            doc_id;
  gint64            event_id;
  TesseraWindow    *window;
  TesseraWorkbench *workbench;
} Fixture;

typedef struct {
  int width, height;
} Size;

static const Size laptop = { 1024, 700 };
static const Size desktop = { 1600, 1000 };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const Size *size = data;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 trigger;

  f->dir = tessera_test_make_tmp_dir ();
  project = tessera_test_create_project (f->dir, "layout.tessera", &f->path);
  f->doc_id = tessera_display_test_add_document (project, "Fighting around Kidal", "Sahel Daily",
                                                 "2023-11-13", report);
  for (int i = 0; i < 6; i++)
    tessera_display_test_add_document (project, "Another report", "Wire", "2023-11-13", report);
  tessera_test_tag (project, f->doc_id, "Kidal", TESSERA_LABEL_ENTITY, "Place", NULL);
  tessera_test_tag (project, f->doc_id, "Malian army", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  trigger = tessera_test_tag (project, f->doc_id, "Fighting", TESSERA_LABEL_EVENT, "Battle", NULL);
  f->event_id = tessera_project_add_event (project, trigger,
                                           tessera_test_label_id (project, TESSERA_LABEL_EVENT, "Battle"),
                                           NULL, NULL, &error);
  g_assert_no_error (error);
  tessera_project_close (project);
  g_clear_object (&project);

  f->window = tessera_display_test_open_window (f->path, size->width, size->height);
  f->workbench = tessera_window_get_workbench (f->window);
  tessera_workbench_set_document_id (f->workbench, f->doc_id);
  /* The layout settles in an idle after the first allocation. */
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  tessera_display_test_run_pending ();
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tessera_display_test_close_window (GTK_WIDGET (f->window), NULL);
  tessera_display_test_remove_project (&f->dir, &f->path);
}

/* How many average characters fit on a line of the document's text. */
static int
characters_per_line (Fixture *f)
{
  TesseraDocumentView *view = tessera_display_test_find_widget (GTK_WIDGET (f->window),
                                                                TESSERA_TYPE_DOCUMENT_VIEW);
  GtkTextView *text = tessera_document_view_get_text_view (view);
  PangoFontMetrics *metrics = pango_context_get_metrics (gtk_widget_get_pango_context (GTK_WIDGET (text)),
                                                         NULL, NULL);
  int char_width = pango_font_metrics_get_approximate_char_width (metrics);
  int column = gtk_widget_get_width (GTK_WIDGET (text)) - gtk_text_view_get_left_margin (text) -
               gtk_text_view_get_right_margin (text);

  pango_font_metrics_unref (metrics);
  g_assert_cmpint (char_width, >, 0);
  return column * PANGO_SCALE / char_width;
}

static gboolean
shows (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

static void
test_laptop (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *documents = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_DOCUMENT_LIST);
  GtkWidget *annotations = tessera_display_test_find_widget (GTK_WIDGET (f->window),
                                                             TESSERA_TYPE_ANNOTATION_LIST);
  GtkWidget *inspector = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_INSPECTOR);
  GtkWidget *rows;
  int inspector_height;

  /* The text keeps a readable line; the document list stepped aside. */
  g_test_message ("%d characters a line at %dx%d", characters_per_line (f), laptop.width, laptop.height);
  g_assert_cmpint (characters_per_line (f), >=, 60);
  g_assert_false (shows (documents));

  /* The annotation list shows rows, under an inspector. */
  g_assert_true (shows (annotations));
  g_assert_true (shows (inspector));
  rows = tessera_display_test_find_widget (annotations, GTK_TYPE_LIST_VIEW);
  g_assert_cmpint (gtk_widget_get_height (rows), >=, 100);

  /* F9 brings the list back, and takes it away. */
  tessera_display_test_activate (f->window, "win.show-documents", NULL);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_true (shows (documents));
  tessera_display_test_activate (f->window, "win.show-documents", NULL);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_false (shows (documents));

  /* An event selected: its roles get the room. */
  inspector_height = gtk_widget_get_height (inspector);
  tessera_workbench_select (f->workbench, TESSERA_SELECTION_EVENT, f->event_id);
  tessera_display_test_run_pending ();
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_cmpint (gtk_widget_get_height (inspector), >, inspector_height);
  g_assert_true (shows (annotations));
  g_assert_cmpint (characters_per_line (f), >=, 60);

  /* The side panel can go too, for reading. */
  tessera_display_test_activate (f->window, "win.show-side-panel", NULL);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_false (shows (inspector));
  tessera_display_test_activate (f->window, "win.show-side-panel", NULL);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_true (shows (inspector));
}

static void
test_desktop (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *documents = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_DOCUMENT_LIST);

  GtkWidget *inspector = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_INSPECTOR);
  GtkWidget *center = gtk_widget_get_ancestor (GTK_WIDGET (tessera_display_test_find_widget (GTK_WIDGET (f->window),
                                                                                             TESSERA_TYPE_DOCUMENT_VIEW)),
                                               GTK_TYPE_STACK);

  /* Room for everything: the list shows, the text too. */
  g_assert_true (shows (documents));
  g_assert_cmpint (characters_per_line (f), >=, 60);

  /* The corroboration view takes the whole width: no pane left empty
   * beside it; back to the document, both panes return. */
  tessera_display_test_activate (f->window, "win.show-corroboration", NULL);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_false (shows (documents));
  g_assert_false (shows (inspector));
  g_assert_cmpint (gtk_widget_get_width (center), >=, gtk_widget_get_width (GTK_WIDGET (f->window)) - 8);
  tessera_display_test_activate (f->window, "win.show-corroboration", NULL);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_true (shows (documents));
  g_assert_true (shows (inspector));
}

static void
add_tests (void)
{
  g_test_add ("/layout/laptop", Fixture, &laptop, fixture_set_up, test_laptop, fixture_tear_down);
  g_test_add ("/layout/desktop", Fixture, &desktop, fixture_set_up, test_desktop, fixture_tear_down);
}

int
main (int    argc,
      char **argv)
{
  return tessera_display_test_run (&argc, &argv, add_tests);
}
