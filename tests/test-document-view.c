/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-document-view"

#include "config.h"

#include <gtk/gtk.h>

#include "tessera-application.h"
#include "tessera-display-util.h"
#include "tessera-document-view.h"
#include "tessera-test-util.h"
#include "tessera-workbench.h"

/* The document view on its own around a workbench: which text a
 * selection tags once it snaps to words (accents, combining marks,
 * flags, curly apostrophes), and which spans it actually draws as the
 * store changes under it. */

/* "Café" is written with a combining acute (e + U+0301); the flag is two
 * regional indicators (🇲🇱), one grapheme of two code points. */
static const char text[] =
  "Aïcha Maïga met Ménaka’s chief in Gao.\n"
  "Cafe\xcc\x81 owners \xf0\x9f\x87\xb2\xf0\x9f\x87\xb1 flag  and  spaces .\n"
  "The Malian army advanced.";

static const char other_text[] = "Rebels shelled Anefis at dawn.";

typedef struct
{
  char                *dir;
  char                *path;
  TesseraProject      *project;
  TesseraWorkbench    *workbench;
  GtkWidget           *window;
  TesseraDocumentView *view;
  gint64               doc_id;
  gint64               other_id;
} Fixture;

/* The code-point offset of the first @needle in the shown text. */
static gint64
offset_of (Fixture    *f,
           const char *needle)
{
  gint64 start, end;

  tessera_display_test_find_shown_word (f->workbench, needle, &start, &end);
  return start;
}

static char *
text_between (Fixture *f,
              gint64   start,
              gint64   end)
{
  TesseraDocument *doc = tessera_workbench_get_document (f->workbench);
  const char *a = g_utf8_offset_to_pointer (doc->text, start);
  const char *b = g_utf8_offset_to_pointer (doc->text, end);

  return g_strndup (a, b - a);
}

/* What tagging would take after selecting [@from, @to) around @needle. */
static char *
tag_text_after_selecting (Fixture    *f,
                          const char *needle,
                          int         from,
                          int         to)
{
  gint64 base = offset_of (f, needle);
  gint64 start, end;

  tessera_document_view_select_range (f->view, base + from, base + to);
  if (!tessera_document_view_get_tag_range (f->view, &start, &end))
    return NULL;
  g_assert_cmpint (start, <, end);
  return text_between (f, start, end);
}

#define assert_snaps_to(f, needle, from, to, expected)                            \
  G_STMT_START {                                                                  \
    g_autofree char *got_ = tag_text_after_selecting (f, needle, from, to);       \
    g_assert_cmpstr (got_, ==, expected);                                         \
  } G_STMT_END

static guint
n_drawn (Fixture *f)
{
  return tessera_document_view_get_drawn_spans (f->view)->len;
}

static int
caret_offset (Fixture *f)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (tessera_document_view_get_text_view (f->view));
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  return gtk_text_iter_get_offset (&iter);
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text_)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text_))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text_))
      return TRUE;
  return FALSE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = tessera_test_make_tmp_dir ();
  f->project = tessera_test_create_project (f->dir, "test.tessera", &f->path);
  f->doc_id = tessera_display_test_add_document (f->project, "Snap test", "Test Wire", "2023-11-14", text);
  f->other_id = tessera_display_test_add_document (f->project, "Anefis", NULL, NULL, other_text);

  f->workbench = tessera_workbench_new ();
  f->view = g_object_new (TESSERA_TYPE_DOCUMENT_VIEW, NULL);
  tessera_document_view_set_workbench (f->view, f->workbench);
  tessera_workbench_set_project (f->workbench, f->project);
  tessera_workbench_set_document_id (f->workbench, f->doc_id);

  /* Only the window is queued for drawing in each frame waited for: the
   * text view is drawn again only when it asked to be, so what it
   * reports as drawn is what the user sees. */
  f->window = tessera_display_test_present (GTK_WIDGET (f->view), 800, 600);
  tessera_display_test_wait_for_frame (f->window, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tessera_display_test_close_window (f->window, &f->workbench);
  tessera_project_close (f->project);
  g_clear_object (&f->project);
  tessera_display_test_remove_project (&f->dir, &f->path);
}

/* --- what is shown --------------------------------------------------------- */

static void
test_shows_document (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *shown = tessera_display_test_shown_text (f->view);

  g_assert_cmpstr (shown, ==, text);
  g_assert_true (has_label (GTK_WIDGET (f->view), "Snap test"));
  g_assert_true (has_label (GTK_WIDGET (f->view), "Test Wire · 14 November 2023"));
  g_assert_cmpuint (n_drawn (f), ==, 0);

  /* Another document replaces the text; none: the placeholder. */
  tessera_workbench_set_document_id (f->workbench, f->other_id);
  tessera_display_test_wait_for_frame (f->window, NULL);
  g_clear_pointer (&shown, g_free);
  shown = tessera_display_test_shown_text (f->view);
  g_assert_cmpstr (shown, ==, other_text);
  g_assert_true (has_label (GTK_WIDGET (f->view), "Anefis"));
  g_assert_true (has_label (GTK_WIDGET (f->view), "No source or date"));

  tessera_workbench_set_document_id (f->workbench, 0);
  tessera_display_test_wait_for_frame (f->window, NULL);
  g_assert_true (has_label (GTK_WIDGET (f->view), "No Document Open"));
  g_assert_false (tessera_document_view_get_tag_range (f->view, NULL, NULL));
}

/* --- snapping the selection to words ----------------------------------------- */

static void
test_snap_words (Fixture       *f,
                 gconstpointer  data)
{
  /* Inside a word with letters beyond ASCII: the whole word. */
  assert_snaps_to (f, "Aïcha", 1, 3, "Aïcha");
  /* Over the space into the next word: both. */
  assert_snaps_to (f, "Aïcha", 0, 8, "Aïcha Maïga");
  /* The curly apostrophe ends the word unless the selection covers it. */
  assert_snaps_to (f, "Ménaka", 1, 4, "Ménaka");
  assert_snaps_to (f, "Ménaka", 0, 6, "Ménaka");
  assert_snaps_to (f, "Ménaka", 0, 8, "Ménaka’s");
  /* Punctuation is kept only when selected. */
  assert_snaps_to (f, "Gao.", 0, 4, "Gao.");
  assert_snaps_to (f, "Gao", 1, 2, "Gao");
}

static void
test_snap_clusters (Fixture       *f,
                    gconstpointer  data)
{
  gint64 base = offset_of (f, "Cafe");
  gint64 start, end;

  /* Ending between "e" and its combining acute takes the accent too. */
  assert_snaps_to (f, "Cafe", 1, 4, "Cafe\xcc\x81");
  tessera_document_view_select_range (f->view, base, base + 4);
  g_assert_true (tessera_document_view_get_tag_range (f->view, &start, &end));
  g_assert_cmpint (start, ==, base);
  g_assert_cmpint (end, ==, base + 5);

  /* Half a flag is the whole flag: two code points. */
  assert_snaps_to (f, "\xf0\x9f\x87\xb2", 0, 1, "\xf0\x9f\x87\xb2\xf0\x9f\x87\xb1");
  base = offset_of (f, "\xf0\x9f\x87\xb2");
  tessera_document_view_select_range (f->view, base + 1, base + 2);
  g_assert_true (tessera_document_view_get_tag_range (f->view, &start, &end));
  g_assert_cmpint (start, ==, base);
  g_assert_cmpint (end, ==, base + 2);
}

static void
test_snap_whitespace (Fixture       *f,
                      gconstpointer  data)
{
  gint64 base;

  /* Whitespace around the selection is dropped, inside it kept. */
  assert_snaps_to (f, "flag", -1, 4, "flag");
  assert_snaps_to (f, " and ", 0, 5, "and");
  assert_snaps_to (f, " and ", 0, 7, "and  spaces");

  /* A caret alone, or only spaces, tags nothing. */
  tessera_document_view_select_range (f->view, 5, 5);
  g_assert_false (tessera_document_view_get_tag_range (f->view, NULL, NULL));
  base = offset_of (f, "  and");
  tessera_document_view_select_range (f->view, base, base + 2);
  g_assert_false (tessera_document_view_get_tag_range (f->view, NULL, NULL));

  /* Cleared: nothing either. */
  tessera_document_view_select_range (f->view, 0, 5);
  tessera_document_view_clear_range (f->view);
  g_assert_false (tessera_document_view_get_tag_range (f->view, NULL, NULL));
}

/* --- drawing spans ------------------------------------------------------------- */

typedef struct
{
  gint64 aicha;    /* Person "Aïcha Maïga" */
  gint64 malian;   /* ArmedGroup "Malian army" */
  gint64 army;     /* ArmedGroup "army", nested in it */
  gint64 battle;   /* Battle event on "advanced" */
  gint64 trigger;  /* its trigger span */
} Tagged;

static gint64
tag (Fixture          *f,
     gint64            start,
     gint64            end,
     TesseraLabelKind  kind,
     const char       *name)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (tessera_workbench_tag (f->workbench, start, end, tessera_test_label_id (f->project, kind, name), &error));
  g_assert_no_error (error);
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, &id), !=, TESSERA_SELECTION_NONE);
  return id;
}

static void
tag_four (Fixture *f,
          Tagged  *t)
{
  gint64 b = offset_of (f, "Malian army");
  g_autoptr(TesseraEvent) event = NULL;
  g_autoptr(GError) error = NULL;

  t->aicha = tag (f, 0, 11, TESSERA_LABEL_ENTITY, "Person");
  t->malian = tag (f, b, b + 11, TESSERA_LABEL_ENTITY, "ArmedGroup");
  t->army = tag (f, b + 7, b + 11, TESSERA_LABEL_ENTITY, "ArmedGroup");
  t->battle = tag (f, b + 12, b + 20, TESSERA_LABEL_EVENT, "Battle");
  event = tessera_project_get_event (f->project, t->battle, &error);
  g_assert_no_error (error);
  t->trigger = event->trigger_span_id;
  tessera_display_test_wait_for_frame (f->window, NULL);
}

static void
test_draws_spans (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Tagged t;

  tag_four (f, &t);

  /* Nested spans and the event's trigger are all drawn, once each. */
  g_assert_cmpuint (n_drawn (f), ==, 4);
  g_assert_true (tessera_display_test_drawn_contains (f->view, t.aicha));
  g_assert_true (tessera_display_test_drawn_contains (f->view, t.malian));
  g_assert_true (tessera_display_test_drawn_contains (f->view, t.army));
  g_assert_true (tessera_display_test_drawn_contains (f->view, t.trigger));

  /* Spans of another document are not drawn over this one. */
  g_assert_cmpint (tessera_history_add_span (tessera_workbench_get_history (f->workbench), f->other_id, 0, 6,
                                             tessera_test_label_id (f->project, TESSERA_LABEL_ENTITY, "ArmedGroup"), &error), >, 0);
  g_assert_no_error (error);
  tessera_display_test_wait_for_frame (f->window, NULL);
  g_assert_cmpuint (n_drawn (f), ==, 4);

  /* …but are when that document is shown, and these are not. */
  tessera_workbench_set_document_id (f->workbench, f->other_id);
  tessera_display_test_wait_for_frame (f->window, NULL);
  g_assert_cmpuint (n_drawn (f), ==, 1);
  g_assert_false (tessera_display_test_drawn_contains (f->view, t.aicha));

  tessera_workbench_set_document_id (f->workbench, f->doc_id);
  tessera_display_test_wait_for_frame (f->window, NULL);
  g_assert_cmpuint (n_drawn (f), ==, 4);
}

static void
test_adjacent (Fixture       *f,
               gconstpointer  data)
{
  TesseraSelectionKind kind;
  gint64 id;
  Tagged t;

  tag_four (f, &t);

  /* From the caret at the start: the first span, then in text order
   * (the enclosing "Malian army" before the nested "army"). */
  tessera_workbench_select (f->workbench, TESSERA_SELECTION_NONE, 0);
  tessera_document_view_select_range (f->view, 0, 0);
  tessera_document_view_select_adjacent (f->view, 1);
  g_assert_cmpint (tessera_workbench_get_selected_span (f->workbench), ==, t.aicha);
  tessera_document_view_select_adjacent (f->view, 1);
  g_assert_cmpint (tessera_workbench_get_selected_span (f->workbench), ==, t.malian);
  tessera_document_view_select_adjacent (f->view, 1);
  g_assert_cmpint (tessera_workbench_get_selected_span (f->workbench), ==, t.army);

  /* A trigger selects its event. */
  tessera_document_view_select_adjacent (f->view, 1);
  kind = tessera_workbench_get_selection (f->workbench, &id);
  g_assert_cmpint (kind, ==, TESSERA_SELECTION_EVENT);
  g_assert_cmpint (id, ==, t.battle);

  /* Past the last one the selection stays. */
  tessera_document_view_select_adjacent (f->view, 1);
  g_assert_cmpint (tessera_workbench_get_selected_span (f->workbench), ==, t.trigger);

  tessera_document_view_select_adjacent (f->view, -1);
  g_assert_cmpint (tessera_workbench_get_selected_span (f->workbench), ==, t.army);

  /* From a caret in the middle, backwards: the span before it. */
  tessera_workbench_select (f->workbench, TESSERA_SELECTION_NONE, 0);
  tessera_document_view_select_range (f->view, offset_of (f, "chief"), offset_of (f, "chief"));
  tessera_document_view_select_adjacent (f->view, -1);
  g_assert_cmpint (tessera_workbench_get_selected_span (f->workbench), ==, t.aicha);
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  TesseraHistory *history = tessera_workbench_get_history (f->workbench);
  g_autoptr(GError) error = NULL;
  Tagged t;

  tag_four (f, &t);

  tessera_workbench_select_span (f->workbench, t.malian);
  g_assert_true (tessera_workbench_delete_selection (f->workbench, &error));
  g_assert_no_error (error);
  tessera_display_test_wait_for_frame (f->window, NULL);
  g_assert_cmpuint (n_drawn (f), ==, 3);
  g_assert_false (tessera_display_test_drawn_contains (f->view, t.malian));
  g_assert_true (tessera_display_test_drawn_contains (f->view, t.army));

  g_assert_true (tessera_history_undo (history, &error));
  g_assert_no_error (error);
  tessera_display_test_wait_for_frame (f->window, NULL);
  g_assert_cmpuint (n_drawn (f), ==, 4);
  g_assert_true (tessera_display_test_drawn_contains (f->view, t.malian));

  g_assert_true (tessera_history_redo (history, &error));
  g_assert_no_error (error);
  tessera_display_test_wait_for_frame (f->window, NULL);
  g_assert_cmpuint (n_drawn (f), ==, 3);
  g_assert_false (tessera_display_test_drawn_contains (f->view, t.malian));

  /* Deleting the trigger removes the event with it; undo brings both. */
  tessera_workbench_select (f->workbench, TESSERA_SELECTION_EVENT, t.battle);
  g_assert_true (tessera_workbench_delete_selection (f->workbench, &error));
  g_assert_no_error (error);
  tessera_display_test_wait_for_frame (f->window, NULL);
  g_assert_cmpuint (n_drawn (f), ==, 2);
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, NULL), ==, TESSERA_SELECTION_NONE);

  g_assert_true (tessera_history_undo (history, &error));
  g_assert_no_error (error);
  tessera_display_test_wait_for_frame (f->window, NULL);
  g_assert_cmpuint (n_drawn (f), ==, 3);
  g_assert_true (tessera_display_test_drawn_contains (f->view, t.trigger));
}

static void
test_reset (Fixture       *f,
            gconstpointer  data)
{
  gint64 person = tessera_test_label_id (f->project, TESSERA_LABEL_ENTITY, "Person");
  g_autoptr(GError) error = NULL;
  Tagged t;

  tag_four (f, &t);

  /* Hundreds of changes at once arrive as one RESET: the view reads the
   * spans again and keeps the caret where it was. */
  tessera_document_view_select_range (f->view, 5, 5);
  g_assert_true (tessera_project_begin (f->project, &error));
  g_assert_no_error (error);
  for (int k = 0; k < 400; k++)
    {
      g_assert_cmpint (tessera_project_add_span (f->project, f->doc_id, 0, 5, person, NULL, &error), >, 0);
      g_assert_no_error (error);
    }
  g_assert_true (tessera_project_commit (f->project, &error));
  g_assert_no_error (error);
  tessera_display_test_wait_for_frame (f->window, NULL);

  g_assert_cmpuint (n_drawn (f), ==, 404);
  g_assert_cmpint (caret_offset (f), ==, 5);
  g_assert_true (tessera_display_test_drawn_contains (f->view, t.trigger));
}

static void
test_project_gone (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *shown = NULL;
  Tagged t;

  tag_four (f, &t);
  g_assert_cmpuint (n_drawn (f), ==, 4);

  tessera_workbench_set_project (f->workbench, NULL);
  tessera_display_test_wait_for_frame (f->window, NULL);
  g_assert_cmpuint (n_drawn (f), ==, 0);
  shown = tessera_display_test_shown_text (f->view);
  g_assert_cmpstr (shown, ==, "");
  g_assert_true (has_label (GTK_WIDGET (f->view), "No Document Open"));

  /* The same project again: the same spans. */
  tessera_workbench_set_project (f->workbench, f->project);
  tessera_workbench_set_document_id (f->workbench, f->doc_id);
  tessera_display_test_wait_for_frame (f->window, NULL);
  g_assert_cmpuint (n_drawn (f), ==, 4);
}

static void
add_document_view_tests (void)
{
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/document-view/shows-document", test_shows_document);
  ADD ("/document-view/snap/words", test_snap_words);
  ADD ("/document-view/snap/clusters", test_snap_clusters);
  ADD ("/document-view/snap/whitespace", test_snap_whitespace);
  ADD ("/document-view/spans/drawn", test_draws_spans);
  ADD ("/document-view/spans/adjacent", test_adjacent);
  ADD ("/document-view/spans/delete-undo", test_delete_undo);
  ADD ("/document-view/spans/reset", test_reset);
  ADD ("/document-view/project-gone", test_project_gone);
#undef ADD
}

int
main (int   argc,
      char *argv[])
{
  return tessera_display_test_run (&argc, &argv, add_document_view_tests);
}
