/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-find"

#include "config.h"

#include <gtk/gtk.h>

#include "tessera-display-util.h"
#include "tessera-document-list.h"
#include "tessera-document-view.h"
#include "tessera-find-bar.h"
#include "tessera-test-util.h"
#include "tessera-window.h"

/* Finding in the open document, in the whole window: Ctrl+F opens the
 * find bar, what is typed is found as the corpus search finds it (case
 * and accents folded), Enter, Shift+Enter, F3 and Shift+F3 go through
 * the hits, wrapping round, and Escape goes back to the text with the
 * hit selected, so that a label key tags exactly it. A document opened
 * from the document list's search lands on its first hit, and F3 goes
 * on from there. */

/* "Ménaka" twice: once before a curly apostrophe. */
static const char first_text[] =
  "Fighting broke out near Ménaka on Sunday.\n"
  "Residents of Ménaka’s market fled towards Gao at dawn.";
static const char second_text[] =
  "A convoy left Anefis for Kidal. No town in the east is named here.";

typedef struct
{
  char                *dir;
  char                *path;
  TesseraWindow       *window;
  TesseraWorkbench    *workbench;  /* the window's, not owned */
  TesseraProject      *project;    /* the window's, not owned */
  TesseraDocumentView *view;
  TesseraFindBar      *bar;
  gint64               first_id;
  gint64               second_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TesseraProject) project = NULL;

  /* The bar shows at once, not over the frames of a slide. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  f->dir = tessera_test_make_tmp_dir ();
  project = tessera_test_create_project (f->dir, "find.tessera", &f->path);
  f->first_id = tessera_display_test_add_document (project, "Clashes near Ménaka", "Sahel Wire",
                                                   "2023-11-12", first_text);
  f->second_id = tessera_display_test_add_document (project, "Convoy leaves Anefis", "Gao Daily",
                                                    "2023-11-13", second_text);
  tessera_project_close (project);
  g_clear_object (&project);

  f->window = tessera_display_test_open_window (f->path, 1200, 800);
  f->workbench = tessera_window_get_workbench (f->window);
  f->project = tessera_workbench_get_project (f->workbench);
  f->view = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_DOCUMENT_VIEW);
  g_assert_nonnull (f->view);
  f->bar = tessera_display_test_find_widget (GTK_WIDGET (f->view), TESSERA_TYPE_FIND_BAR);
  g_assert_nonnull (f->bar);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    tessera_display_test_close_window (GTK_WIDGET (f->window), NULL);
  tessera_display_test_remove_project (&f->dir, &f->path);
}

/* --- what the user sees ------------------------------------------------- */

static GtkEditable *
bar_entry (Fixture *f)
{
  GtkWidget *entry = tessera_display_test_find_widget (GTK_WIDGET (f->bar), GTK_TYPE_SEARCH_ENTRY);

  g_assert_nonnull (entry);
  return GTK_EDITABLE (entry);
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text);
}

/* Whether the bar shows the label @text (hidden ones do not count). */
static gboolean
bar_says (Fixture    *f,
          const char *text)
{
  g_autoptr(GPtrArray) found = tessera_display_test_find_all (f->bar, is_label, text);

  return found->len > 0;
}

/* Whether the keyboard focus is in @widget. */
static gboolean
has_focus (Fixture   *f,
           GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static GtkTextBuffer *
buffer (Fixture *f)
{
  return gtk_text_view_get_buffer (tessera_document_view_get_text_view (f->view));
}

/* The text selection, in code points. */
static void
get_selection (Fixture *f,
               gint64  *start,
               gint64  *end)
{
  GtkTextIter s, e;

  gtk_text_buffer_get_selection_bounds (buffer (f), &s, &e);
  *start = gtk_text_iter_get_offset (&s);
  *end = gtk_text_iter_get_offset (&e);
}

/* The code points of the @nth (from 0) "Ménaka" of the first text. */
static void
menaka (guint   nth,
        gint64 *start,
        gint64 *end)
{
  const char *at = first_text;

  for (guint i = 0; i <= nth; i++)
    {
      at = strstr (i == 0 ? at : at + 1, "Ménaka");
      g_assert_nonnull (at);
    }
  *start = g_utf8_pointer_to_offset (first_text, at);
  *end = *start + g_utf8_strlen ("Ménaka", -1);
}

#define assert_selected(f, nth)                                            \
  G_STMT_START {                                                           \
    gint64 want_start_, want_end_, start_, end_;                           \
    menaka (nth, &want_start_, &want_end_);                                \
    get_selection (f, &start_, &end_);                                     \
    g_assert_cmpint (start_, ==, want_start_);                             \
    g_assert_cmpint (end_, ==, want_end_);                                 \
  } G_STMT_END

/* Whether [@start, @end) is marked with the tag @name, and no more of it. */
static gboolean
tagged (Fixture    *f,
        const char *name,
        gint64      start,
        gint64      end)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer (f)), name);
  GtkTextIter s, e;

  if (tag == NULL)
    return FALSE;
  gtk_text_buffer_get_iter_at_offset (buffer (f), &s, (int) start);
  gtk_text_buffer_get_iter_at_offset (buffer (f), &e, (int) end);
  return gtk_text_iter_starts_tag (&s, tag) && gtk_text_iter_ends_tag (&e, tag);
}

/* Whether [@start, @end) is marked as a hit. */
static gboolean
marked (Fixture *f,
        gint64   start,
        gint64   end)
{
  return tagged (f, "search-match", start, end);
}

/* Whether the @nth "Ménaka" stands out as the current hit. */
static gboolean
is_current (Fixture *f,
            guint    nth)
{
  gint64 start, end;

  menaka (nth, &start, &end);
  return tagged (f, "search-current", start, end);
}

/* Whether anything in the text is marked as a hit. */
static gboolean
marked_anywhere (Fixture *f)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer (f)), "search-match");
  GtkTextIter iter;

  if (tag == NULL)
    return FALSE;
  gtk_text_buffer_get_start_iter (buffer (f), &iter);
  return gtk_text_iter_has_tag (&iter, tag) || gtk_text_iter_forward_to_tag_toggle (&iter, tag);
}

/* Shift+Enter in the bar's entry, as the keyboard sends it. */
static void
press_shift_enter (Fixture *f)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (bar_entry (f)));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Return, 0, GDK_SHIFT_MASK, &handled);
    }
  g_assert_true (handled);
  tessera_display_test_run_pending ();
}

static guint
n_spans (Fixture *f)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GError) error = NULL;

  spans = tessera_project_list_spans (f->project, f->first_id, &error);
  g_assert_no_error (error);
  return spans->len;
}

/* --- tests ------------------------------------------------------------------ */

static void
test_find_and_tag (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TesseraSpan) span = NULL;
  gint64 start, end;

  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->first_id);
  g_assert_false (tessera_find_bar_get_open (f->bar));

  /* Ctrl+F opens the bar, ready to type. */
  tessera_display_test_activate (f->window, "win.find", NULL);
  g_assert_true (tessera_find_bar_get_open (f->bar));
  g_assert_true (has_focus (f, GTK_WIDGET (bar_entry (f))));

  /* Without its accent, in lower case: both are found, the first
   * selected and shown. */
  gtk_editable_set_text (bar_entry (f), "menaka");
  tessera_display_test_run_pending ();
  g_assert_true (bar_says (f, "1 of 2"));
  menaka (0, &start, &end);
  g_assert_true (marked (f, start, end));
  menaka (1, &start, &end);
  g_assert_true (marked (f, start, end));
  assert_selected (f, 0);

  /* Enter goes to the second, Shift+Enter back, F3 on again. */
  g_assert_true (is_current (f, 0));
  g_signal_emit_by_name (bar_entry (f), "activate");
  tessera_display_test_run_pending ();
  assert_selected (f, 1);
  g_assert_true (bar_says (f, "2 of 2"));
  g_assert_true (is_current (f, 1));
  g_assert_false (is_current (f, 0));
  press_shift_enter (f);
  assert_selected (f, 0);
  g_assert_true (bar_says (f, "1 of 2"));
  g_assert_false (bar_says (f, "Continued from the bottom"));
  tessera_display_test_activate (f->window, "win.find-next", NULL);
  assert_selected (f, 1);

  /* Past the last, F3 wraps round to the first, and says so. */
  tessera_display_test_activate (f->window, "win.find-next", NULL);
  assert_selected (f, 0);
  g_assert_true (bar_says (f, "1 of 2"));
  g_assert_true (bar_says (f, "Continued from the top"));
  tessera_display_test_activate (f->window, "win.find-previous", NULL);
  assert_selected (f, 1);
  g_assert_true (bar_says (f, "Continued from the bottom"));
  tessera_display_test_activate (f->window, "win.find-previous", NULL);
  assert_selected (f, 0);
  g_assert_false (bar_says (f, "Continued from the bottom"));

  /* What is not there is said plainly, and nothing stays marked. */
  gtk_editable_set_text (bar_entry (f), "timbuktu");
  tessera_display_test_run_pending ();
  g_assert_true (bar_says (f, "No matches"));
  g_assert_false (marked_anywhere (f));
  gtk_editable_set_text (bar_entry (f), "MÉNAKA");
  tessera_display_test_run_pending ();
  g_assert_true (bar_says (f, "1 of 2"));
  g_assert_false (bar_says (f, "No matches"));
  g_signal_emit_by_name (bar_entry (f), "activate");
  tessera_display_test_run_pending ();
  assert_selected (f, 1);

  /* Escape closes the bar and gives the text the keyboard, the hit
   * still selected… */
  g_signal_emit_by_name (bar_entry (f), "stop-search");
  tessera_display_test_run_pending ();
  g_assert_false (tessera_find_bar_get_open (f->bar));
  g_assert_true (has_focus (f, GTK_WIDGET (tessera_document_view_get_text_view (f->view))));
  assert_selected (f, 1);

  /* …so the key of a label (4: Place) tags exactly that hit. */
  g_assert_cmpuint (n_spans (f), ==, 0);
  g_assert_true (tessera_display_test_press_key (f->view, GDK_KEY_4, 0));
  menaka (1, &start, &end);
  span = tessera_display_test_find_span (f->project, f->first_id, start, end);
  g_assert_nonnull (span);
  g_assert_cmpint (span->label_id, ==, tessera_test_label_id (f->project, TESSERA_LABEL_ENTITY, "Place"));
  g_assert_cmpuint (n_spans (f), ==, 1);

  /* F3 goes on from there (round to the first), bar closed or not. */
  tessera_display_test_activate (f->window, "win.find-next", NULL);
  assert_selected (f, 0);
}

static void
test_find_selection (Fixture       *f,
                     gconstpointer  data)
{
  gint64 start, end;

  /* A short selection is what Ctrl+F looks for. */
  tessera_display_test_find_shown_word (f->workbench, "Gao", &start, &end);
  tessera_document_view_select_range (f->view, start, end);
  tessera_display_test_activate (f->window, "win.find", NULL);
  g_assert_cmpstr (gtk_editable_get_text (bar_entry (f)), ==, "Gao");
  g_assert_true (bar_says (f, "1 of 1"));
  g_assert_true (marked (f, start, end));

  /* Two lines are no query: the bar keeps what it had. */
  tessera_document_view_select_range (f->view, 0, start);
  tessera_display_test_activate (f->window, "win.find", NULL);
  g_assert_cmpstr (gtk_editable_get_text (bar_entry (f)), ==, "Gao");

  /* Clearing the entry leaves nothing marked. */
  gtk_editable_set_text (bar_entry (f), "");
  tessera_display_test_run_pending ();
  g_assert_false (marked_anywhere (f));
  g_assert_false (bar_says (f, "No matches"));
}

static void
test_corpus_search (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *list = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_DOCUMENT_LIST);
  GtkWidget *search;

  /* From the other document, the corpus search (Ctrl+Shift+F) and Enter
   * open its best match… */
  tessera_workbench_set_document_id (f->workbench, f->second_id);
  tessera_display_test_run_pending ();
  g_assert_nonnull (list);
  search = tessera_display_test_find_widget (list, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (search);
  tessera_display_test_activate (f->window, "win.search", NULL);
  g_assert_true (has_focus (f, search));
  gtk_editable_set_text (GTK_EDITABLE (search), "menaka");
  g_signal_emit_by_name (search, "activate");
  tessera_display_test_run_pending ();
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->first_id);

  /* …which lands on the first hit, marked and selected, and F3 goes on
   * to the next, the find bar still closed. */
  assert_selected (f, 0);
  {
    gint64 start, end;

    menaka (1, &start, &end);
    g_assert_true (marked (f, start, end));
  }
  g_assert_false (tessera_find_bar_get_open (f->bar));
  tessera_display_test_activate (f->window, "win.find-next", NULL);
  assert_selected (f, 1);

  /* Ctrl+F there goes through the same hits: the query is the search's. */
  tessera_display_test_activate (f->window, "win.find", NULL);
  g_assert_cmpstr (gtk_editable_get_text (bar_entry (f)), ==, "menaka");
  g_assert_true (bar_says (f, "2 of 2"));
  g_signal_emit_by_name (bar_entry (f), "activate");
  tessera_display_test_run_pending ();
  assert_selected (f, 0);

  /* A document without the words has nothing marked. */
  tessera_workbench_set_document_id (f->workbench, f->second_id);
  tessera_display_test_run_pending ();
  g_assert_false (marked_anywhere (f));
  g_assert_true (bar_says (f, "No matches"));
}

static void
add_find_tests (void)
{
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/find/find-and-tag", test_find_and_tag);
  ADD ("/find/selection", test_find_selection);
  ADD ("/find/corpus-search", test_corpus_search);
#undef ADD
}

int
main (int   argc,
      char *argv[])
{
  return tessera_display_test_run (&argc, &argv, add_find_tests);
}
