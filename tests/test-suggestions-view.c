/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-suggestions-view"

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "tessera-annotation-list.h"
#include "tessera-application.h"
#include "tessera-display-util.h"
#include "tessera-document-view.h"
#include "tessera-formats.h"
#include "tessera-shared-passages.h"
#include "tessera-test-util.h"
#include "tessera-text-view.h"
#include "tessera-window.h"

/* Suggestions in the window: two reports share a wire paragraph (the
 * second lightly edited), the first is annotated, and carrying its
 * annotations to the copy proposes them there; the analyst sees them
 * drawn apart and listed, accepts or rejects them one by one, by key or
 * all at once, undoes any of it, and exports only what was accepted.
 * Written for this test: the wording is the test's own. */

static const char wire_a[] =
  "Gao, 14 November. Malian troops and Wagner fighters advanced on Kidal on Tuesday after a week "
  "of clashes with the CSP rebel coalition near Anefis. The army said its convoy had reached "
  "positions twelve kilometres from the town, while residents of Kidal reported drones overhead.\n\n"
  "Traders in Gao said the road north has been closed since Sunday. Kidalese families have fled "
  "towards the Algerian border, and aid agencies fear shortages in Kidal before the end of the month.\n";
static const char wire_b[] =
  "Bamako, 15 November. The advance continued for a second day. Malian troops and Wagner fighters "
  "advanced on Kidal on Tuesday following a week of clashes with the CSP rebel coalition near "
  "Anefis. The army said its convoy had reached positions 12 kilometers from the town, while "
  "residents of Kidal reported drones overhead.\n\n"
  "A rebel spokesman told our correspondent by telephone that the coalition would defend every "
  "position around the town.\n";
static const char other_c[] =
  "Niamey, 16 November. Ministers from the region met in Niamey to discuss trade and fuel "
  "supplies, and said nothing about Kidal or the fighting further west.\n";

/* What the first report's shared passage carries to the second. */
static const char * const carried[] = {
  "Malian troops", "Wagner", "advanced", "Kidal", "CSP", "Anefis", "army", "said",
};

typedef struct
{
  char                  *dir;
  char                  *path;
  TesseraWindow         *window;
  TesseraWorkbench      *workbench;  /* the window's */
  TesseraProject        *project;    /* the window's */
  TesseraDocumentView   *view;
  TesseraAnnotationList *list;
  gint64                 a, b, c;
  gint64                 a_kidal;    /* the first Kidal of a, tagged Place */
} Fixture;

/* Lets the window paint a frame, the text view included: it draws spans
 * in its own snapshot, so it is asked too. */
static void
wait_for_frame (Fixture *f)
{
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window),
                                       GTK_WIDGET (tessera_document_view_get_text_view (f->view)));
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *tooltip)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether @root shows the text @text. */
static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  GtkWidget *label = find_label (root, text);

  return label != NULL && gtk_widget_is_visible (label);
}

/* The Accept or Reject button on the annotation list's row of @text
 * (NULL when the row shows none). */
static GtkWidget *
row_button (Fixture    *f,
            const char *text,
            const char *tooltip)
{
  GtkWidget *label = find_label (GTK_WIDGET (f->list), text);
  GtkWidget *row;
  GtkWidget *button;

  g_assert_nonnull (label);
  row = gtk_widget_get_parent (gtk_widget_get_parent (label));
  button = find_button (row, tooltip);
  if (button == NULL || !gtk_widget_is_visible (button))
    return NULL;
  return button;
}

/* Presses @keyval in the text, as the document view's key handler sees it. */
static gboolean
press_key (Fixture *f,
           guint    keyval)
{
  GtkWidget *text = GTK_WIDGET (tessera_document_view_get_text_view (f->view));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (text);
  gboolean handled = FALSE;
  gboolean found = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          g_signal_handler_find (controller, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, f->view) != 0)
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
          found = TRUE;
        }
    }
  g_assert_true (found);
  tessera_display_test_run_pending ();

  return handled;
}

static void
show_document (Fixture *f,
               gint64   id)
{
  tessera_workbench_set_document_id (f->workbench, id);
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, id);
  wait_for_frame (f);
}

static gboolean
shared_found (gpointer user_data)
{
  TesseraSharedPassages *shared = user_data;

  return tessera_shared_passages_get_ready (shared) && !tessera_shared_passages_get_busy (shared);
}

static gboolean
shared_busy (gpointer user_data)
{
  return tessera_shared_passages_get_busy (user_data);
}

/* Until the window has found the passages the reports share. */
static void
wait_for_shared (Fixture *f)
{
  g_assert_true (tessera_display_test_wait_until (shared_found,
                                                  tessera_document_view_get_shared_passages (f->view),
                                                  30));
  wait_for_frame (f);
}

static GArray *
spans_of (Fixture *f,
          gint64   doc)
{
  g_autoptr(GError) error = NULL;
  GArray *spans = tessera_project_list_spans (f->project, doc, &error);

  g_assert_no_error (error);
  return spans;
}

/* The span of @doc over the first @word, or NULL. */
static TesseraSpan *
span_on (Fixture    *f,
         gint64      doc,
         const char *text,
         const char *word)
{
  gint64 start, end;

  tessera_test_find_word (text, word, &start, &end);
  return tessera_display_test_find_span (f->project, doc, start, end);
}

static guint64
n_suggestions (Fixture *f,
               gint64   doc)
{
  g_autoptr(GError) error = NULL;
  guint64 n_spans = 0, n_events = 0, n_stances = 0;

  g_assert_true (tessera_project_count_suggestions (f->project, doc, &n_spans, &n_events, &n_stances, &error));
  g_assert_no_error (error);
  return n_spans + n_events + n_stances;
}

/* The spans, events and stances JSONL exports for document @uid. */
static void
exported (Fixture    *f,
          const char *uid,
          guint      *n_spans,
          guint      *n_events,
          guint      *n_stances)
{
  g_autofree char *jsonl = tessera_test_export (f->project, tessera_export_jsonl);
  g_autoptr(GPtrArray) records = tessera_test_parse_jsonl (jsonl);

  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *record = json_node_get_object (g_ptr_array_index (records, i));

      if (g_strcmp0 (json_object_get_string_member (record, "id"), uid) != 0)
        continue;
      *n_spans = json_array_get_length (json_object_get_array_member (record, "spans"));
      *n_events = json_array_get_length (json_object_get_array_member (record, "events"));
      *n_stances = json_array_get_length (json_object_get_array_member (record, "stances"));
      return;
    }
  g_assert_not_reached ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 troops, kidal, advanced, army, said, event;

  f->dir = tessera_test_make_tmp_dir ();
  project = tessera_test_create_project (f->dir, "wire.tessera", &f->path);
  f->a = tessera_test_add_text (project, "wire-a", "Sahel Wire", wire_a);
  f->b = tessera_test_add_text (project, "wire-b", "Kidal Times", wire_b);
  f->c = tessera_test_add_text (project, "other-c", "Niger Daily", other_c);

  /* The first report, annotated in and out of the shared paragraph. */
  tessera_test_tag (project, f->a, "Gao", TESSERA_LABEL_ENTITY, "Place", NULL);
  troops = tessera_test_tag (project, f->a, "Malian troops", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  tessera_test_tag (project, f->a, "Wagner", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  kidal = tessera_test_tag (project, f->a, "Kidal", TESSERA_LABEL_ENTITY, "Place", NULL);
  tessera_test_tag (project, f->a, "CSP", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  tessera_test_tag (project, f->a, "Anefis", TESSERA_LABEL_ENTITY, "Place", NULL);
  army = tessera_test_tag (project, f->a, "army", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  /* Edited in the copy ("12 kilometers"): not to be carried. */
  tessera_test_tag (project, f->a, "twelve kilometres", TESSERA_LABEL_ENTITY, "Quantity", NULL);
  advanced = tessera_test_tag (project, f->a, "advanced", TESSERA_LABEL_EVENT, "Movement", NULL);
  event = tessera_project_add_event (project, advanced,
                                     tessera_test_label_id (project, TESSERA_LABEL_EVENT, "Movement"),
                                     "actual", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_project_add_argument (project, event,
                                               tessera_test_label_id (project, TESSERA_LABEL_ROLE, "Agent"),
                                               troops, &error));
  g_assert_true (tessera_project_add_argument (project, event,
                                               tessera_test_label_id (project, TESSERA_LABEL_ROLE, "Destination"),
                                               kidal, &error));
  said = tessera_test_tag (project, f->a, "said", TESSERA_LABEL_STANCE, "reports", NULL);
  g_assert_cmpint (tessera_project_add_stance (project, said,
                                               tessera_test_label_id (project, TESSERA_LABEL_STANCE, "reports"),
                                               army, event, 0, &error), >, 0);
  g_assert_no_error (error);
  f->a_kidal = kidal;

  tessera_project_close (project);
  g_clear_object (&project);

  f->window = tessera_display_test_open_window (f->path, -1, -1);
  f->workbench = tessera_window_get_workbench (f->window);
  f->project = tessera_workbench_get_project (f->workbench);
  f->view = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_DOCUMENT_VIEW);
  f->list = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_ANNOTATION_LIST);
  g_assert_nonnull (f->view);
  g_assert_nonnull (f->list);
  show_document (f, f->a);
  wait_for_shared (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tessera_display_test_close_window (GTK_WIDGET (f->window), NULL);
  tessera_display_test_remove_project (&f->dir, &f->path);
}

/* Carries the first report's annotations to the copy and shows the copy. */
static void
propagate (Fixture *f)
{
  show_document (f, f->a);
  tessera_display_test_activate (f->window, "win.propagate", NULL);
  g_assert_true (tessera_display_test_shows_message (f->window, "Proposed 8 spans, 1 event, 1 stance in 1 report"));
  show_document (f, f->b);
}

/* --- tests ------------------------------------------------------------------ */

static void
test_passages_marked (Fixture       *f,
                      gconstpointer  data)
{
  TesseraTextView *text = TESSERA_TEXT_VIEW (tessera_document_view_get_text_view (f->view));

  TesseraSharedPassages *shared = tessera_document_view_get_shared_passages (f->view);
  g_autoptr(GArray) in_b = tessera_shared_passages_list (shared, f->b);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text));
  GtkTextIter caret;

  /* The shared paragraph is marked in both reports, in neither other one. */
  g_assert_cmpuint (tessera_text_view_get_n_drawn_passages (text), ==, 1);
  show_document (f, f->b);
  g_assert_cmpuint (tessera_text_view_get_n_drawn_passages (text), ==, 1);
  show_document (f, f->c);
  g_assert_cmpuint (tessera_text_view_get_n_drawn_passages (text), ==, 0);

  /* "Show in …" opens the other copy at the passage. */
  g_assert_cmpuint (in_b->len, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "document.show-copy", "(xx)",
                                             f->b, g_array_index (in_b, TesseraPassage, 0).start));
  tessera_display_test_run_pending ();
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->b);
  gtk_text_buffer_get_iter_at_mark (buffer, &caret, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_offset (&caret), ==, g_array_index (in_b, TesseraPassage, 0).start);
  {
    g_autofree char *at = g_utf8_substring (wire_b, gtk_text_iter_get_offset (&caret),
                                            gtk_text_iter_get_offset (&caret) + 13);

    g_assert_cmpstr (at, ==, "Malian troops");
  }
}

/* A report added while the window is open (an import, a paste) is
 * searched for the passages it shares a little later, without reopening. */
static void
test_passages_of_new_document (Fixture       *f,
                               gconstpointer  data)
{
  TesseraSharedPassages *shared = tessera_document_view_get_shared_passages (f->view);
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  gint64 copy = tessera_test_add_text (f->project, "wire-d", "Gao Herald", wire_a);

  before = tessera_shared_passages_list (shared, copy);
  g_assert_cmpuint (before->len, ==, 0);
  /* The search waits for the burst of changes to settle, then runs. */
  g_assert_true (tessera_display_test_wait_until (shared_busy, shared, 10));
  wait_for_shared (f);
  after = tessera_shared_passages_list (shared, copy);
  g_assert_cmpuint (after->len, >=, 1);
}

static void
test_propagate (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) stances = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraSpan) quantity = NULL;
  g_autoptr(TesseraSpan) dateline = NULL;
  guint n_spans, n_events, n_stances;

  propagate (f);

  /* Exactly the mentions of the shared paragraph, at their offsets in the copy. */
  spans = spans_of (f, f->b);
  g_assert_cmpuint (spans->len, ==, G_N_ELEMENTS (carried));
  for (guint i = 0; i < G_N_ELEMENTS (carried); i++)
    {
      g_autoptr(TesseraSpan) span = span_on (f, f->b, wire_b, carried[i]);

      g_assert_nonnull (span);
      g_assert_true (span->suggested);
      /* Drawn in the text, as a suggestion. */
      g_assert_true (tessera_display_test_drawn_contains (f->view, span->id));
    }
  /* Nothing in text that differs, nothing from outside the passage. */
  quantity = span_on (f, f->b, wire_b, "12 kilometers");
  g_assert_null (quantity);
  dateline = span_on (f, f->b, wire_b, "Bamako");
  g_assert_null (dateline);

  events = tessera_project_list_events (f->project, f->b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_true (((TesseraEvent *) g_ptr_array_index (events, 0))->suggested);
  g_assert_cmpuint (((TesseraEvent *) g_ptr_array_index (events, 0))->arguments->len, ==, 2);
  stances = tessera_project_list_stances (f->project, f->b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stances->len, ==, 1);
  g_assert_true (g_array_index (stances, TesseraStance, 0).suggested);
  g_assert_cmpint (g_array_index (stances, TesseraStance, 0).target_event_id, ==,
                   ((TesseraEvent *) g_ptr_array_index (events, 0))->id);

  /* Listed as suggestions, each with Accept and Reject, and counted above the list. */
  g_assert_nonnull (row_button (f, "Wagner", "Accept suggestion"));
  g_assert_nonnull (row_button (f, "Wagner", "Reject suggestion"));
  g_assert_true (shows_label (GTK_WIDGET (f->list), "8 suggestions"));

  /* Not exported until accepted. */
  exported (f, "wire-b", &n_spans, &n_events, &n_stances);
  g_assert_cmpuint (n_spans, ==, 0);
  g_assert_cmpuint (n_events, ==, 0);
  g_assert_cmpuint (n_stances, ==, 0);

  /* One undo step takes it all back; redo brings it back as suggestions. */
  tessera_display_test_activate (f->window, "win.undo", NULL);
  g_clear_pointer (&spans, g_array_unref);
  spans = spans_of (f, f->b);
  g_assert_cmpuint (spans->len, ==, 0);
  g_assert_cmpuint (n_suggestions (f, f->b), ==, 0);
  wait_for_frame (f);
  g_assert_cmpuint (tessera_document_view_get_drawn_spans (f->view)->len, ==, 0);
  g_assert_false (shows_label (GTK_WIDGET (f->list), "8 suggestions"));

  tessera_display_test_activate (f->window, "win.redo", NULL);
  g_assert_cmpuint (n_suggestions (f, f->b), ==, G_N_ELEMENTS (carried) + 2);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = tessera_project_list_events (f->project, f->b, &error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_true (((TesseraEvent *) g_ptr_array_index (events, 0))->suggested);
  g_assert_cmpstr (((TesseraEvent *) g_ptr_array_index (events, 0))->realis, ==, "actual");
  wait_for_frame (f);
  g_assert_cmpuint (tessera_document_view_get_drawn_spans (f->view)->len, ==, G_N_ELEMENTS (carried));

  /* Carrying again proposes nothing twice. */
  show_document (f, f->a);
  tessera_display_test_activate (f->window, "win.propagate", NULL);
  g_assert_cmpuint (n_suggestions (f, f->b), ==, G_N_ELEMENTS (carried) + 2);
}

static void
test_accept_reject_one (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TesseraSpan) wagner = NULL;
  g_autoptr(TesseraSpan) anefis = NULL;
  g_autoptr(TesseraSpan) csp = NULL;
  g_autoptr(TesseraSpan) check = NULL;
  guint n_spans, n_events, n_stances;
  guint64 total;

  propagate (f);
  total = n_suggestions (f, f->b);

  /* Accept the selected suggestion: no longer suggested, exported. */
  wagner = span_on (f, f->b, wire_b, "Wagner");
  tessera_workbench_select_span (f->workbench, wagner->id);
  tessera_display_test_activate (f->window, "win.accept-suggestion", NULL);
  check = span_on (f, f->b, wire_b, "Wagner");
  g_assert_false (check->suggested);
  g_assert_null (row_button (f, "Wagner", "Accept suggestion"));
  g_assert_cmpuint (n_suggestions (f, f->b), ==, total - 1);
  exported (f, "wire-b", &n_spans, &n_events, &n_stances);
  g_assert_cmpuint (n_spans, ==, 1);
  /* The next suggestion is selected, ready for the next key. */
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, NULL), !=, TESSERA_SELECTION_NONE);
  g_assert_cmpint (tessera_workbench_get_selected_span (f->workbench), !=, wagner->id);

  tessera_display_test_activate (f->window, "win.undo", NULL);
  g_clear_pointer (&check, tessera_span_free);
  check = span_on (f, f->b, wire_b, "Wagner");
  g_assert_true (check->suggested);
  g_assert_cmpuint (n_suggestions (f, f->b), ==, total);

  /* Reject from the list: gone; undo brings it back, still suggested. */
  wait_for_frame (f);
  g_signal_emit_by_name (row_button (f, "Anefis", "Reject suggestion"), "clicked");
  tessera_display_test_run_pending ();
  anefis = span_on (f, f->b, wire_b, "Anefis");
  g_assert_null (anefis);
  g_assert_false (shows_label (GTK_WIDGET (f->list), "Anefis"));
  tessera_display_test_activate (f->window, "win.undo", NULL);
  anefis = span_on (f, f->b, wire_b, "Anefis");
  g_assert_nonnull (anefis);
  g_assert_true (anefis->suggested);

  /* Accept from the list. */
  wait_for_frame (f);
  g_signal_emit_by_name (row_button (f, "Anefis", "Accept suggestion"), "clicked");
  tessera_display_test_run_pending ();
  g_clear_pointer (&anefis, tessera_span_free);
  anefis = span_on (f, f->b, wire_b, "Anefis");
  g_assert_false (anefis->suggested);
  tessera_display_test_activate (f->window, "win.undo", NULL);

  /* Keys: Enter accepts, Delete rejects, A accepts. */
  csp = span_on (f, f->b, wire_b, "CSP");
  tessera_workbench_select_span (f->workbench, csp->id);
  wait_for_frame (f);
  g_assert_true (press_key (f, GDK_KEY_Return));
  g_clear_pointer (&check, tessera_span_free);
  check = span_on (f, f->b, wire_b, "CSP");
  g_assert_false (check->suggested);
  tessera_display_test_activate (f->window, "win.undo", NULL);

  tessera_workbench_select_span (f->workbench, csp->id);
  g_assert_true (press_key (f, GDK_KEY_Delete));
  g_clear_pointer (&check, tessera_span_free);
  check = span_on (f, f->b, wire_b, "CSP");
  g_assert_null (check);
  tessera_display_test_activate (f->window, "win.undo", NULL);

  tessera_workbench_select_span (f->workbench, csp->id);
  g_assert_true (press_key (f, GDK_KEY_a));
  check = span_on (f, f->b, wire_b, "CSP");
  g_assert_false (check->suggested);
  tessera_display_test_activate (f->window, "win.undo", NULL);

  /* A label of the layer that uses A keeps its key: A no longer
   * accepts, it relabels the suggestion (still one). */
  {
    g_autoptr(GError) error = NULL;
    gint64 person = tessera_test_label_id (f->project, TESSERA_LABEL_ENTITY, "Person");

    g_assert_true (tessera_history_update_label (tessera_workbench_get_history (f->workbench),
                                                 person, NULL, NULL, "a", &error));
    g_assert_no_error (error);
    tessera_display_test_run_pending ();
    tessera_workbench_select_span (f->workbench, csp->id);
    g_assert_true (press_key (f, GDK_KEY_a));
    g_clear_pointer (&check, tessera_span_free);
    check = span_on (f, f->b, wire_b, "CSP");
    g_assert_true (check->suggested);
    g_assert_cmpint (check->label_id, ==, person);
    tessera_display_test_activate (f->window, "win.undo", NULL);
    g_clear_pointer (&check, tessera_span_free);
    check = span_on (f, f->b, wire_b, "CSP");
    g_assert_cmpint (check->label_id, !=, person);
    tessera_workbench_select_span (f->workbench, csp->id);
    /* Enter still does. */
    g_assert_true (press_key (f, GDK_KEY_Return));
    g_clear_pointer (&check, tessera_span_free);
    check = span_on (f, f->b, wire_b, "CSP");
    g_assert_false (check->suggested);
  }
}

static void
test_accept_reject_all (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GArray) spans = NULL;
  guint n_spans, n_events, n_stances;
  guint64 total;

  propagate (f);
  total = n_suggestions (f, f->b);
  g_assert_cmpuint (total, ==, G_N_ELEMENTS (carried) + 2);

  /* Accept All: one step; everything exported; the bar goes. */
  tessera_display_test_activate (f->window, "win.accept-all-suggestions", NULL);
  g_assert_cmpuint (n_suggestions (f, f->b), ==, 0);
  exported (f, "wire-b", &n_spans, &n_events, &n_stances);
  g_assert_cmpuint (n_spans, ==, G_N_ELEMENTS (carried));
  g_assert_cmpuint (n_events, ==, 1);
  g_assert_cmpuint (n_stances, ==, 1);
  g_assert_false (shows_label (GTK_WIDGET (f->list), "8 suggestions"));
  g_assert_null (row_button (f, "Wagner", "Accept suggestion"));

  tessera_display_test_activate (f->window, "win.undo", NULL);
  g_assert_cmpuint (n_suggestions (f, f->b), ==, total);
  exported (f, "wire-b", &n_spans, &n_events, &n_stances);
  g_assert_cmpuint (n_spans, ==, 0);

  /* Reject All: one step; nothing left; undo brings all back. */
  tessera_display_test_activate (f->window, "win.reject-all-suggestions", NULL);
  spans = spans_of (f, f->b);
  g_assert_cmpuint (spans->len, ==, 0);
  wait_for_frame (f);
  g_assert_cmpuint (tessera_document_view_get_drawn_spans (f->view)->len, ==, 0);
  tessera_display_test_activate (f->window, "win.undo", NULL);
  g_assert_cmpuint (n_suggestions (f, f->b), ==, total);
  /* The first report keeps its own annotations throughout. */
  g_assert_cmpuint (n_suggestions (f, f->a), ==, 0);
}

static gboolean
no_progress_dialog (gpointer user_data)
{
  return tessera_display_test_find_progress_cancel () == NULL;
}

static void
test_annotate_occurrences (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GArray) spans = NULL;
  guint n_kidal = 0;

  /* In this document: every other whole-word "Kidal", not "Kidalese". */
  tessera_workbench_select_span (f->workbench, f->a_kidal);
  tessera_display_test_activate (f->window, "win.annotate-occurrences", "s", "document");
  spans = spans_of (f, f->a);
  for (guint i = 0; i < spans->len; i++)
    {
      const TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);
      g_autofree char *text = g_utf8_substring (wire_a, span->start, span->end);

      g_assert_false (g_str_has_prefix (text, "Kidalese"));
      if (g_str_equal (text, "Kidal"))
        {
          n_kidal++;
          g_assert_true (span->suggested == (span->id != f->a_kidal));
        }
    }
  g_assert_cmpuint (n_kidal, ==, 3);
  g_assert_cmpuint (n_suggestions (f, f->a), ==, 2);
  g_assert_cmpuint (n_suggestions (f, f->b), ==, 0);
  g_assert_true (tessera_display_test_shows_message (f->window, "Proposed 2 Place spans for “Kidal”"));

  tessera_display_test_activate (f->window, "win.undo", NULL);
  g_assert_cmpuint (n_suggestions (f, f->a), ==, 0);

  /* Cancel stops it with nothing tagged. */
  tessera_workbench_select_span (f->workbench, f->a_kidal);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.annotate-occurrences", "s", "project"));
  g_signal_emit_by_name (tessera_display_test_find_progress_cancel (), "clicked");
  g_assert_true (tessera_display_test_wait_until (no_progress_dialog, NULL, 30));
  g_assert_cmpuint (n_suggestions (f, 0), ==, 0);
  g_assert_true (tessera_display_test_shows_message (f->window, "Cancelled; nothing was tagged"));
  g_assert_cmpstr (tessera_history_get_undo_label (tessera_workbench_get_history (f->workbench)), !=,
                   "Tag all occurrences");

  /* In all documents: worked out on a worker that only reads, with
   * progress that can cancel (test-propagate checks what a cancel
   * leaves); the history makes what it found as one step. */
  tessera_workbench_select_span (f->workbench, f->a_kidal);
  /* Activated without running the main loop: the work is under way,
   * and the project stays writable meanwhile. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.annotate-occurrences", "s", "project"));
  g_assert_false (tessera_project_get_busy (f->project));
  g_assert_nonnull (tessera_display_test_find_progress_cancel ());
  g_assert_cmpuint (n_suggestions (f, 0), ==, 0);
  g_assert_true (tessera_display_test_wait_until (no_progress_dialog, NULL, 30));
  g_assert_cmpuint (n_suggestions (f, f->a), ==, 2);
  g_assert_cmpuint (n_suggestions (f, f->b), ==, 2);
  g_assert_cmpuint (n_suggestions (f, f->c), ==, 1);
  g_assert_true (tessera_display_test_shows_message (f->window, "Proposed 5 Place spans for “Kidal” in 3 reports"));
  tessera_display_test_activate (f->window, "win.undo", NULL);
  g_assert_cmpuint (n_suggestions (f, 0), ==, 0);
  tessera_display_test_activate (f->window, "win.redo", NULL);
  g_assert_cmpuint (n_suggestions (f, 0), ==, 5);
}

static void
add_suggestions_view_tests (void)
{
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/suggestions-view/passages-marked", test_passages_marked);
  ADD ("/suggestions-view/passages-of-new-document", test_passages_of_new_document);
  ADD ("/suggestions-view/propagate", test_propagate);
  ADD ("/suggestions-view/accept-reject-one", test_accept_reject_one);
  ADD ("/suggestions-view/accept-reject-all", test_accept_reject_all);
  ADD ("/suggestions-view/annotate-occurrences", test_annotate_occurrences);
#undef ADD
}

int
main (int   argc,
      char *argv[])
{
  return tessera_display_test_run (&argc, &argv, add_suggestions_view_tests);
}
