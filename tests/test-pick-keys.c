/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-pick-keys"

#include "config.h"

#include <gtk/gtk.h>

#include "tessera-display-util.h"
#include "tessera-span-pick.h"
#include "tessera-document-view.h"
#include "tessera-inspector.h"
#include "tessera-test-util.h"
#include "tessera-text-view.h"

/* Events and stances without the mouse: with an event selected, Alt+N
 * chooses its N-th role slot and the text keeps the keyboard; Tab,
 * Shift+Tab and the arrow keys move a candidate over the spans, Enter
 * fills the slot (one undoable step) and Escape gives up. Alt+1 and
 * Alt+2 do the same for a stance's holder and target. The role rows
 * keep their place as slots fill, and a slot chosen out of sight
 * scrolls into view. */

static const char text[] =
  "Rebels of the Coordination of Azawad Movements attacked an army camp near Tin-Azrou "
  "on Sunday, killing twelve soldiers. The Malian army denied the claim, a spokesman "
  "said in Bamako.";

typedef struct
{
  char                *dir;
  char                *path;
  TesseraWindow       *window;
  TesseraWorkbench    *workbench;
  TesseraProject      *project;
  TesseraDocumentView *view;
  GtkWidget           *text_view;
  TesseraInspector    *inspector;
  gint64               doc_id;
  gint64               rebels;    /* a long ArmedGroup span, right before the trigger */
  gint64               camp;      /* Facility */
  gint64               town;      /* Place */
  gint64               sunday;    /* Date */
  gint64               army;      /* ArmedGroup, right before the statement */
  gint64               bamako;    /* Place, the last span */
  gint64               battle;    /* event on "attacked" */
  gint64               denial;    /* stance on "denied the claim" */
} Fixture;

static gint64
add_span (Fixture    *f,
          const char *word,
          const char *label)
{
  return tessera_test_tag (f->project, f->doc_id, word, TESSERA_LABEL_ENTITY, label, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GError) error = NULL;
  TesseraHistory *history;
  gint64 start, end;
  int height = GPOINTER_TO_INT (data);

  f->dir = tessera_test_make_tmp_dir ();
  project = tessera_test_create_project (f->dir, "keys.tessera", &f->path);
  f->doc_id = tessera_display_test_add_document (project, "Camp attacked", NULL, NULL, text);
  tessera_project_close (project);
  g_clear_object (&project);

  f->window = tessera_display_test_open_window (f->path, 1280, height > 0 ? height : 900);
  f->workbench = tessera_window_get_workbench (f->window);
  f->project = tessera_workbench_get_project (f->workbench);
  f->view = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_DOCUMENT_VIEW);
  f->text_view = GTK_WIDGET (tessera_document_view_get_text_view (f->view));
  f->inspector = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_INSPECTOR);
  tessera_workbench_set_document_id (f->workbench, f->doc_id);
  history = tessera_workbench_get_history (f->workbench);

  f->rebels = add_span (f, "Rebels of the Coordination of Azawad Movements", "ArmedGroup");
  f->camp = add_span (f, "army camp", "Facility");
  f->town = add_span (f, "Tin-Azrou", "Place");
  f->sunday = add_span (f, "Sunday", "Date");
  f->army = add_span (f, "The Malian army", "ArmedGroup");
  f->bamako = add_span (f, "Bamako", "Place");
  tessera_test_find_word (text, "attacked", &start, &end);
  f->battle = tessera_history_add_event (history, f->doc_id, start, end,
                                         tessera_test_label_id (f->project, TESSERA_LABEL_EVENT, "Battle"), &error);
  g_assert_no_error (error);
  tessera_test_find_word (text, "denied the claim", &start, &end);
  f->denial = tessera_history_add_stance (history, f->doc_id, start, end,
                                          tessera_test_label_id (f->project, TESSERA_LABEL_STANCE, "denies"),
                                          &error);
  g_assert_no_error (error);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tessera_display_test_close_window (GTK_WIDGET (f->window), NULL);
  tessera_display_test_remove_project (&f->dir, &f->path);
}

/* --- keys as the window gets them ------------------------------------------ */

/* Alt+@digit as the window handles it: the text (which has the focus)
 * sees it first and must let it pass; then the window's managed
 * shortcuts, of widgets shown, as GTK runs them. Returns whether one
 * took it. */
static gboolean
press_alt_digit (Fixture *f,
                 guint    digit)
{
  g_autoptr(GtkShortcutTrigger) trigger = gtk_keyval_trigger_new (GDK_KEY_0 + digit, GDK_ALT_MASK);
  g_autoptr(GPtrArray) widgets = g_ptr_array_new ();
  gboolean handled = FALSE;

  g_assert_false (tessera_display_test_press_key (f->view, GDK_KEY_0 + digit, GDK_ALT_MASK));

  g_ptr_array_add (widgets, f->window);
  for (guint i = 0; i < widgets->len && !handled; i++)
    {
      GtkWidget *widget = g_ptr_array_index (widgets, i);
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

      for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (widgets, child);
      if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (controllers) && !handled; j++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, j);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
              gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)) != GTK_SHORTCUT_SCOPE_MANAGED)
            continue;
          for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !handled; k++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);

              if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
                handled = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                        gtk_shortcut_get_arguments (shortcut));
            }
        }
    }
  tessera_display_test_run_pending ();

  return handled;
}

static gboolean
press (Fixture *f,
       guint    keyval,
       GdkModifierType state)
{
  return tessera_display_test_press_key (f->view, keyval, state);
}

/* --- what the user sees ------------------------------------------------------ */

static gint64
candidate (Fixture *f)
{
  return tessera_text_view_get_candidate (TESSERA_TEXT_VIEW (f->text_view));
}

/* Whether the inspector shows a label saying @text. */
static gboolean
inspector_says (Fixture    *f,
                const char *words)
{
  g_autoptr(GPtrArray) found = tessera_display_test_find_all (f->inspector, tessera_display_test_is_label_with_text, words);

  return found->len > 0;
}

static gint64
battle_trigger (Fixture *f)
{
  g_autoptr(TesseraEvent) event = NULL;
  g_autoptr(GError) error = NULL;

  event = tessera_project_get_event (f->project, f->battle, &error);
  g_assert_no_error (error);
  return event->trigger_span_id;
}

/* Where the button whose tooltip starts with @tooltip is, among the rows. */
static graphene_point_t
button_place (Fixture    *f,
              const char *tooltip)
{
  GtkWidget *button = tessera_display_test_find_one (f->inspector, tessera_display_test_has_tooltip_prefix,
                                                     tooltip);
  graphene_point_t point;

  GtkWidget *rows = gtk_widget_get_ancestor (button, GTK_TYPE_LIST_BOX);

  /* In the list of role rows: where the layout put it, whatever the
   * inspector's scrolling (the waiting slot scrolls into view). */
  g_assert_nonnull (rows);
  g_assert_true (gtk_widget_compute_point (button, rows, &GRAPHENE_POINT_INIT (0, 0), &point));
  return point;
}

static void
assert_selected (Fixture              *f,
                 TesseraSelectionKind  kind,
                 gint64                id)
{
  gint64 selected = 0;

  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, &selected), ==, kind);
  g_assert_cmpint (selected, ==, id);
}

static void
assert_picking (Fixture         *f,
                TesseraPickKind  kind,
                const char      *role)
{
  gint64 pick_id = 0;

  g_assert_cmpint (tessera_workbench_get_pick (f->workbench, &pick_id), ==, kind);
  if (role != NULL)
    g_assert_cmpint (pick_id, ==, tessera_test_label_id (f->project, TESSERA_LABEL_ROLE, role));
  /* The text keeps the keyboard. */
  g_assert_true (gtk_widget_is_focus (f->text_view));
}

/* The spans filling role @role of the battle, in the store. */
static guint
n_filling (Fixture    *f,
           const char *role,
           gint64      span_id)
{
  g_autoptr(TesseraEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  gint64 role_id = tessera_test_label_id (f->project, TESSERA_LABEL_ROLE, role);
  guint n = 0;

  event = tessera_project_get_event (f->project, f->battle, &error);
  g_assert_no_error (error);
  for (guint i = 0; event->arguments != NULL && i < event->arguments->len; i++)
    {
      const TesseraArgument *arg = &g_array_index (event->arguments, TesseraArgument, i);

      if (arg->role_label_id == role_id && (span_id == 0 || arg->span_id == span_id))
        n++;
    }
  return n;
}

/* --- tests ------------------------------------------------------------------- */

static void
test_role (Fixture       *f,
           gconstpointer  data)
{
  graphene_point_t opponent_before, agent_before, opponent_after, agent_after;

  tessera_workbench_select (f->workbench, TESSERA_SELECTION_EVENT, f->battle);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  /* Each slot shows its key. */
  g_assert_true (inspector_says (f, "Alt+1"));
  g_assert_true (inspector_says (f, "Alt+5"));

  /* Alt+1: the Agent waits, from the span nearest the trigger; the
   * inspector says what to do. */
  g_assert_true (press_alt_digit (f, 1));
  assert_picking (f, TESSERA_PICK_ROLE, "Agent");
  g_assert_cmpint (candidate (f), ==, f->rebels);
  g_assert_true (inspector_says (f, "Pick the Agent"));

  /* Tab and the arrows move over the spans in the text, round past the ends. */
  g_assert_true (press (f, GDK_KEY_Tab, 0));
  g_assert_cmpint (candidate (f), ==, f->camp);
  g_assert_true (press (f, GDK_KEY_Right, 0));
  g_assert_cmpint (candidate (f), ==, f->town);
  g_assert_true (press (f, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_cmpint (candidate (f), ==, f->camp);
  g_assert_true (press (f, GDK_KEY_Left, 0));
  g_assert_cmpint (candidate (f), ==, f->rebels);
  g_assert_true (press (f, GDK_KEY_Left, 0));
  g_assert_cmpint (candidate (f), ==, f->bamako);
  g_assert_true (press (f, GDK_KEY_Tab, 0));
  g_assert_cmpint (candidate (f), ==, f->rebels);
  /* Still waiting, nothing written, the event still selected. */
  assert_picking (f, TESSERA_PICK_ROLE, "Agent");
  g_assert_cmpuint (n_filling (f, "Agent", 0), ==, 0);
  assert_selected (f, TESSERA_SELECTION_EVENT, f->battle);

  /* Enter fills the Agent with the long name; the event stays selected
   * and no row moved. */
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  agent_before = button_place (f, "Fill Agent (Alt+1)");
  opponent_before = button_place (f, "Fill Opponent (Alt+2)");
  g_assert_true (press (f, GDK_KEY_Return, 0));
  g_assert_cmpuint (n_filling (f, "Agent", f->rebels), ==, 1);
  /* As in a form, the next role without a filler waits. */
  assert_picking (f, TESSERA_PICK_ROLE, "Opponent");
  assert_selected (f, TESSERA_SELECTION_EVENT, f->battle);
  g_assert_true (gtk_widget_is_focus (f->text_view));
  g_assert_false (inspector_says (f, "Pick the Agent"));
  g_assert_true (inspector_says (f, "Pick the Opponent"));
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  agent_after = button_place (f, "Fill Agent (Alt+1)");
  opponent_after = button_place (f, "Fill Opponent (Alt+2)");
  g_assert_cmpfloat (agent_after.x, ==, agent_before.x);
  g_assert_cmpfloat (agent_after.y, ==, agent_before.y);
  g_assert_cmpfloat (opponent_after.y, ==, opponent_before.y);

  /* Alt+2 at once: the Opponent starts on the nearest span not yet used. */
  g_assert_true (press_alt_digit (f, 2));
  assert_picking (f, TESSERA_PICK_ROLE, "Opponent");
  g_assert_cmpint (candidate (f), ==, f->camp);

  /* Escape gives up without writing anything. */
  g_assert_true (press (f, GDK_KEY_Tab, 0));
  g_assert_true (press (f, GDK_KEY_Escape, 0));
  g_assert_cmpint (tessera_workbench_get_pick (f->workbench, NULL), ==, TESSERA_PICK_NONE);
  g_assert_cmpint (candidate (f), ==, 0);
  g_assert_cmpuint (n_filling (f, "Opponent", 0), ==, 0);
  g_assert_cmpuint (n_filling (f, "Agent", 0), ==, 1);
  assert_selected (f, TESSERA_SELECTION_EVENT, f->battle);

  /* The fill was one step: undo takes it back, redo brings it again. */
  tessera_display_test_activate (f->window, "win.undo", NULL);
  g_assert_cmpuint (n_filling (f, "Agent", 0), ==, 0);
  tessera_display_test_activate (f->window, "win.redo", NULL);
  g_assert_cmpuint (n_filling (f, "Agent", f->rebels), ==, 1);
}

/* The Fill button hands the keyboard to the text: Tab there moves the
 * candidate instead of leaving the event (and the pick). */
static void
test_fill_button (Fixture       *f,
                  gconstpointer  data)
{
  GtkToggleButton *fill;

  tessera_workbench_select (f->workbench, TESSERA_SELECTION_EVENT, f->battle);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  fill = tessera_display_test_find_one (f->inspector, tessera_display_test_has_tooltip_prefix, "Fill Place");
  gtk_widget_grab_focus (GTK_WIDGET (fill));
  gtk_toggle_button_set_active (fill, TRUE);
  tessera_display_test_run_pending ();
  assert_picking (f, TESSERA_PICK_ROLE, "Place");
  g_assert_cmpint (candidate (f), ==, f->town);

  g_assert_true (press (f, GDK_KEY_Tab, 0));
  assert_picking (f, TESSERA_PICK_ROLE, "Place");
  assert_selected (f, TESSERA_SELECTION_EVENT, f->battle);
  g_assert_cmpint (candidate (f), ==, f->sunday);

  /* Going back to the same slot starts over, from the nearest place. */
  g_assert_true (press_alt_digit (f, 3));
  assert_picking (f, TESSERA_PICK_ROLE, "Place");
  g_assert_cmpint (candidate (f), ==, f->town);
  g_assert_true (press (f, GDK_KEY_KP_Enter, 0));
  g_assert_cmpuint (n_filling (f, "Place", f->town), ==, 1);
}

static void
test_stance (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TesseraStance) stance = NULL;
  g_autoptr(GError) error = NULL;

  tessera_workbench_select (f->workbench, TESSERA_SELECTION_STANCE, f->denial);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);

  /* An event's Alt+3 means nothing to a stance. */
  g_assert_false (press_alt_digit (f, 3));
  g_assert_cmpint (tessera_workbench_get_pick (f->workbench, NULL), ==, TESSERA_PICK_NONE);

  /* Alt+1: the holder, from the span nearest the statement. */
  g_assert_true (press_alt_digit (f, 1));
  assert_picking (f, TESSERA_PICK_HOLDER, NULL);
  g_assert_true (inspector_says (f, "Pick the Holder"));
  g_assert_cmpint (candidate (f), ==, f->army);
  g_assert_true (press (f, GDK_KEY_Return, 0));
  assert_selected (f, TESSERA_SELECTION_STANCE, f->denial);
  stance = tessera_project_get_stance (f->project, f->denial, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stance->holder_span_id, ==, f->army);
  g_clear_pointer (&stance, tessera_stance_free);

  /* Alt+2: the target, from the nearest trigger; picking it makes its
   * event the target. */
  g_assert_true (press_alt_digit (f, 2));
  assert_picking (f, TESSERA_PICK_TARGET_SPAN, NULL);
  g_assert_cmpint (candidate (f), ==, battle_trigger (f));
  g_assert_true (press (f, GDK_KEY_Return, 0));
  stance = tessera_project_get_stance (f->project, f->denial, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stance->target_event_id, ==, f->battle);
  g_assert_cmpint (stance->target_span_id, ==, 0);
  g_assert_cmpint (stance->holder_span_id, ==, f->army);
  g_clear_pointer (&stance, tessera_stance_free);
  assert_selected (f, TESSERA_SELECTION_STANCE, f->denial);

  /* Undo takes the target back alone. */
  tessera_display_test_activate (f->window, "win.undo", NULL);
  stance = tessera_project_get_stance (f->project, f->denial, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stance->target_event_id, ==, 0);
  g_assert_cmpint (stance->holder_span_id, ==, f->army);
  g_clear_pointer (&stance, tessera_stance_free);

  /* Escape gives up a holder pick without change. */
  tessera_workbench_select (f->workbench, TESSERA_SELECTION_STANCE, f->denial);
  g_assert_true (press_alt_digit (f, 1));
  g_assert_true (press (f, GDK_KEY_Tab, 0));
  g_assert_true (press (f, GDK_KEY_Escape, 0));
  g_assert_cmpint (tessera_workbench_get_pick (f->workbench, NULL), ==, TESSERA_PICK_NONE);
  stance = tessera_project_get_stance (f->project, f->denial, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stance->holder_span_id, ==, f->army);
}

/* Whether the button whose tooltip starts with @data shows whole in the
 * inspector's scrolled window. */
static gboolean
button_in_view (gpointer data)
{
  Fixture *f = data;
  GtkWidget *button = tessera_display_test_find_one (f->inspector, tessera_display_test_has_tooltip_prefix,
                                                     "Fill Casualties");
  GtkWidget *scrolled = gtk_widget_get_ancestor (button, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  return gtk_widget_compute_bounds (button, scrolled, &bounds) &&
         bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled);
}

/* Text selected while a slot waits, and a label's key: the new entity
 * fills the slot at once (one undo step), whatever the layer, and the
 * event stays selected for the next role. */
static void
test_tag_and_fill (Fixture       *f,
                   gconstpointer  data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->text_view));
  TesseraHistory *history = tessera_workbench_get_history (f->workbench);
  g_autoptr(TesseraSpan) span = NULL;
  g_autoptr(TesseraEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextIter start, end;
  gint64 soldiers, a, b;

  tessera_workbench_set_layer (f->workbench, TESSERA_LAYER_EVENTS);
  tessera_workbench_select (f->workbench, TESSERA_SELECTION_EVENT, f->battle);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_true (press_alt_digit (f, 5));
  assert_picking (f, TESSERA_PICK_ROLE, "Casualties");

  /* "twelve soldiers", not yet tagged, then Quantity's key (7 among the
   * entity labels; among the event types it would be another). */
  tessera_test_find_word (text, "twelve soldiers", &a, &b);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) a);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) b);
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_assert_true (press (f, GDK_KEY_7, 0));

  span = tessera_display_test_find_span (f->project, f->doc_id, a, b);
  g_assert_nonnull (span);
  soldiers = span->id;
  g_assert_cmpint (span->label_id, ==, tessera_test_label_id (f->project, TESSERA_LABEL_ENTITY, "Quantity"));
  g_assert_cmpuint (n_filling (f, "Casualties", soldiers), ==, 1);
  assert_selected (f, TESSERA_SELECTION_EVENT, f->battle);
  g_assert_cmpint (tessera_workbench_get_pick (f->workbench, NULL), ==, TESSERA_PICK_NONE);

  /* One undo takes both back. */
  g_assert_true (tessera_history_undo (history, &error));
  g_assert_no_error (error);
  g_clear_pointer (&span, tessera_span_free);
  span = tessera_display_test_find_span (f->project, f->doc_id, a, b);
  g_assert_null (span);
  g_assert_cmpuint (n_filling (f, "Casualties", 0), ==, 0);

  /* A key with no text selected while picking changes nothing. */
  tessera_workbench_select (f->workbench, TESSERA_SELECTION_EVENT, f->battle);
  g_assert_true (press_alt_digit (f, 5));
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 0);
  gtk_text_buffer_place_cursor (buffer, &start);
  press (f, GDK_KEY_2, 0);
  event = tessera_project_get_event (f->project, f->battle, &error);
  g_assert_no_error (error);
  g_assert_cmpint (event->type_label_id, ==, tessera_test_label_id (f->project, TESSERA_LABEL_EVENT, "Battle"));
}

/* After each fill the next empty slot waits, so a whole event takes a
 * key or two a role; the last slot filled, or another layer, ends it. */
static void
test_advance (Fixture       *f,
              gconstpointer  data)
{
  tessera_workbench_select (f->workbench, TESSERA_SELECTION_EVENT, f->battle);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);

  /* Place, then Time: the candidate starts on a suitable span each time. */
  g_assert_true (press_alt_digit (f, 3));
  assert_picking (f, TESSERA_PICK_ROLE, "Place");
  g_assert_cmpint (candidate (f), ==, f->town);
  g_assert_true (press (f, GDK_KEY_Return, 0));
  assert_picking (f, TESSERA_PICK_ROLE, "Time");
  g_assert_cmpint (candidate (f), ==, f->sunday);
  g_assert_true (press (f, GDK_KEY_Return, 0));
  g_assert_cmpuint (n_filling (f, "Place", f->town), ==, 1);
  g_assert_cmpuint (n_filling (f, "Time", f->sunday), ==, 1);
  assert_picking (f, TESSERA_PICK_ROLE, "Casualties");

  /* Another layer: the slot stops waiting, nothing written. */
  tessera_workbench_set_layer (f->workbench, TESSERA_LAYER_STANCE);
  g_assert_cmpint (tessera_workbench_get_pick (f->workbench, NULL), ==, TESSERA_PICK_NONE);
  g_assert_cmpuint (n_filling (f, "Casualties", 0), ==, 0);

  /* A stance: the holder, then the target waits. */
  tessera_workbench_select (f->workbench, TESSERA_SELECTION_STANCE, f->denial);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  g_assert_true (press_alt_digit (f, 1));
  assert_picking (f, TESSERA_PICK_HOLDER, NULL);
  g_assert_true (tessera_span_pick_complete (f->workbench, f->army, NULL));
  tessera_display_test_run_pending ();
  assert_picking (f, TESSERA_PICK_TARGET_SPAN, NULL);
  g_assert_true (press (f, GDK_KEY_Return, 0));
  g_assert_cmpint (tessera_workbench_get_pick (f->workbench, NULL), ==, TESSERA_PICK_NONE);
  assert_selected (f, TESSERA_SELECTION_STANCE, f->denial);
}

static void
test_scroll (Fixture       *f,
             gconstpointer  data)
{
  tessera_workbench_select (f->workbench, TESSERA_SELECTION_EVENT, f->battle);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
  /* The window is short: the fifth slot is out of sight... */
  g_assert_false (button_in_view (f));

  /* ...until Alt+5 chooses it. */
  g_assert_true (press_alt_digit (f, 5));
  assert_picking (f, TESSERA_PICK_ROLE, "Casualties");
  g_assert_true (tessera_display_test_wait_until (button_in_view, f, 10));
}

static void
add_tests (void)
{
#define ADD(path, func, height) \
  g_test_add (path, Fixture, GINT_TO_POINTER (height), fixture_set_up, func, fixture_tear_down)

  ADD ("/pick-keys/role", test_role, 0);
  ADD ("/pick-keys/fill-button", test_fill_button, 0);
  ADD ("/pick-keys/stance", test_stance, 0);
  ADD ("/pick-keys/scroll", test_scroll, 560);
  ADD ("/pick-keys/tag-and-fill", test_tag_and_fill, 0);
  ADD ("/pick-keys/advance", test_advance, 0);

#undef ADD
}

int
main (int   argc,
      char *argv[])
{
  return tessera_display_test_run (&argc, &argv, add_tests);
}
