/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-side-panel"

#include "config.h"

#include <gtk/gtk.h>

#include "tessera-annotation-list.h"
#include "tessera-application.h"
#include "tessera-display-util.h"
#include "tessera-inspector.h"
#include "tessera-label-palette.h"
#include "tessera-test-util.h"
#include "tessera-workbench.h"

/* The right side panel (label palette, inspector, annotation list) on a
 * small project: what it shows, and that what the user does in it reaches
 * the project. */

static const char text[] =
  "Rebels attacked the town of Tin-Azrou on Sunday. The army denied the claim, said the spokesman.";

typedef struct
{
  char                  *dir;
  char                  *path;
  TesseraProject        *project;
  TesseraWorkbench      *workbench;
  GtkWidget             *window;
  TesseraLabelPalette   *palette;
  TesseraInspector      *inspector;
  TesseraAnnotationList *list;
  gint64                 doc_id;
  gint64                 rebels;   /* ArmedGroup span */
  gint64                 town;     /* Place span */
  gint64                 army;     /* ArmedGroup span */
  gint64                 battle;   /* event on "attacked" */
  gint64                 denial;   /* stance on "denied the claim" */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TesseraHistory *history;
  GtkWidget *box;

  f->dir = tessera_test_make_tmp_dir ();
  f->project = tessera_test_create_project (f->dir, "test.tessera", &f->path);
  f->doc_id = tessera_display_test_add_document (f->project, "Clashes", NULL, NULL, text);

  f->workbench = tessera_workbench_new ();
  tessera_workbench_set_project (f->workbench, f->project);
  tessera_workbench_set_document_id (f->workbench, f->doc_id);
  history = tessera_workbench_get_history (f->workbench);

  f->rebels = tessera_history_add_span (history, f->doc_id, 0, 6,
                                        tessera_test_label_id (f->project, TESSERA_LABEL_ENTITY, "ArmedGroup"), &error);
  g_assert_no_error (error);
  f->town = tessera_history_add_span (history, f->doc_id, 28, 37,
                                      tessera_test_label_id (f->project, TESSERA_LABEL_ENTITY, "Place"), &error);
  g_assert_no_error (error);
  f->army = tessera_history_add_span (history, f->doc_id, 49, 57,
                                      tessera_test_label_id (f->project, TESSERA_LABEL_ENTITY, "ArmedGroup"), &error);
  g_assert_no_error (error);
  f->battle = tessera_history_add_event (history, f->doc_id, 7, 15,
                                         tessera_test_label_id (f->project, TESSERA_LABEL_EVENT, "Battle"), &error);
  g_assert_no_error (error);
  f->denial = tessera_history_add_stance (history, f->doc_id, 58, 74,
                                          tessera_test_label_id (f->project, TESSERA_LABEL_STANCE, "denies"), &error);
  g_assert_no_error (error);

  f->palette = g_object_new (TESSERA_TYPE_LABEL_PALETTE, NULL);
  f->inspector = g_object_new (TESSERA_TYPE_INSPECTOR, NULL);
  f->list = g_object_new (TESSERA_TYPE_ANNOTATION_LIST, NULL);
  gtk_widget_set_vexpand (GTK_WIDGET (f->list), TRUE);
  tessera_label_palette_set_workbench (f->palette, f->workbench);
  tessera_inspector_set_workbench (f->inspector, f->workbench);
  tessera_annotation_list_set_workbench (f->list, f->workbench);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->palette));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->inspector));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->list));
  f->window = tessera_display_test_present (box, 340, 1200);
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

/* --- finding widgets as a user (or a screen reader) would ------------------ */

static gboolean
is_tag_button (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.tag") == 0;
}

static gboolean
has_button_label (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static gboolean
is_entry (GtkWidget     *widget,
          gconstpointer  data)
{
  return GTK_IS_ENTRY (widget);
}

static guint
dropdown_position (GtkDropDown *dropdown,
                   const char  *string)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), string))
        return i;
    }

  g_assert_not_reached ();
}

/* --- tests ------------------------------------------------------------------ */

static void
test_palette_layers (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) buttons = tessera_display_test_find_all (f->palette, is_tag_button, NULL);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) labels = tessera_project_list_labels (f->project, TESSERA_LABEL_ENTITY);
  GtkWidget *first;
  GVariant *target;

  /* The entity labels, each tagging with its id and naming its key. */
  g_assert_cmpuint (buttons->len, ==, labels->len);
  first = g_ptr_array_index (buttons, 0);
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (first));
  g_assert_cmpint (g_variant_get_int64 (target), ==,
                   ((TesseraLabel *) g_ptr_array_index (labels, 0))->id);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (first), "Press 1"));

  /* Switching layer in the palette switches the workbench, and back. */
  gtk_toggle_button_set_active (tessera_display_test_find_one (f->palette, has_button_label, "Events"), TRUE);
  g_assert_cmpint (tessera_workbench_get_layer (f->workbench), ==, TESSERA_LAYER_EVENTS);
  events = tessera_display_test_find_all (f->palette, is_tag_button, NULL);
  g_clear_pointer (&labels, g_ptr_array_unref);
  labels = tessera_project_list_labels (f->project, TESSERA_LABEL_EVENT);
  g_assert_cmpuint (events->len, ==, labels->len);

  tessera_workbench_set_layer (f->workbench, TESSERA_LAYER_STANCE);
  g_assert_true (gtk_toggle_button_get_active (tessera_display_test_find_one (f->palette, has_button_label, "Stance")));
  g_assert_false (gtk_toggle_button_get_active (tessera_display_test_find_one (f->palette, has_button_label, "Events")));
}

static void
test_palette_follows_schema (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = tessera_display_test_find_all (f->palette, is_tag_button, NULL);
  g_autoptr(GPtrArray) after = NULL;

  tessera_project_add_label (f->project, TESSERA_LABEL_ENTITY, "Weapon", "#5e5c64", "8", &error);
  g_assert_no_error (error);
  tessera_display_test_run_pending ();

  after = tessera_display_test_find_all (f->palette, is_tag_button, NULL);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  g_assert_nonnull (tessera_display_test_find_one (f->palette, is_label_with_text, "Weapon"));
}

static void
test_inspector_span (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TesseraSpan) span = NULL;
  g_autoptr(GError) error = NULL;
  GtkDropDown *label;
  GtkEntry *note;

  /* Nothing selected: a hint. */
  g_assert_nonnull (tessera_display_test_find_one (f->inspector, is_label_with_text, "press a label"));

  tessera_workbench_select (f->workbench, TESSERA_SELECTION_SPAN, f->town);
  tessera_display_test_run_pending ();
  g_assert_nonnull (tessera_display_test_find_one (f->inspector, is_label_with_text, "“Tin-Azrou”"));

  /* Relabel from the dropdown. */
  label = tessera_display_test_find_one (f->inspector, tessera_display_test_has_tooltip_prefix, "Label");
  gtk_drop_down_set_selected (label, dropdown_position (label, "Facility"));
  span = tessera_project_get_span (f->project, f->town, &error);
  g_assert_no_error (error);
  g_assert_cmpint (span->label_id, ==, tessera_test_label_id (f->project, TESSERA_LABEL_ENTITY, "Facility"));
  g_clear_pointer (&span, tessera_span_free);

  /* A note is committed on Enter and survives a refresh. */
  note = tessera_display_test_find_one (f->inspector, is_entry, NULL);
  gtk_editable_set_text (GTK_EDITABLE (note), "spelled Tin Azrou elsewhere");
  g_signal_emit_by_name (note, "activate");
  tessera_display_test_run_pending ();
  span = tessera_project_get_span (f->project, f->town, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (span->note, ==, "spelled Tin Azrou elsewhere");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (note)), ==, "spelled Tin Azrou elsewhere");

  /* Undo shows the store's note again. */
  tessera_history_undo (tessera_workbench_get_history (f->workbench), &error);
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (note)), ==, "");
}

static void
test_inspector_event_roles (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(TesseraEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  GtkToggleButton *fill;
  GtkDropDown *realis;
  TesseraPickKind pick;
  gint64 pick_id;
  gint64 agent = tessera_test_label_id (f->project, TESSERA_LABEL_ROLE, "Agent");

  tessera_workbench_select (f->workbench, TESSERA_SELECTION_EVENT, f->battle);
  tessera_display_test_run_pending ();
  g_assert_nonnull (tessera_display_test_find_one (f->inspector, is_label_with_text, "“attacked”"));

  /* Fill Agent: the workbench waits for a span, the inspector says so. */
  fill = tessera_display_test_find_one (f->inspector, tessera_display_test_has_tooltip_prefix, "Fill Agent");
  gtk_toggle_button_set_active (fill, TRUE);
  pick = tessera_workbench_get_pick (f->workbench, &pick_id);
  g_assert_cmpint (pick, ==, TESSERA_PICK_ROLE);
  g_assert_cmpint (pick_id, ==, agent);
  g_assert_nonnull (tessera_display_test_find_one (f->inspector, is_label_with_text, "Pick the Agent"));

  /* A click on "Rebels" fills it. */
  g_assert_true (tessera_workbench_complete_pick (f->workbench, f->rebels, &error));
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
  /* The next role waits; Escape would end it. */
  pick = tessera_workbench_get_pick (f->workbench, &pick_id);
  g_assert_cmpint (pick, ==, TESSERA_PICK_ROLE);
  g_assert_cmpint (pick_id, ==, tessera_test_label_id (f->project, TESSERA_LABEL_ROLE, "Opponent"));
  tessera_workbench_set_pick (f->workbench, TESSERA_PICK_NONE, 0);
  fill = tessera_display_test_find_one (f->inspector, tessera_display_test_has_tooltip_prefix, "Fill Agent");
  g_assert_false (gtk_toggle_button_get_active (fill));
  g_assert_nonnull (tessera_display_test_find_one (f->inspector, is_label_with_text, "Rebels"));

  /* Realis from its dropdown. */
  realis = tessera_display_test_find_one (f->inspector, tessera_display_test_has_tooltip_prefix, "Realis");
  gtk_drop_down_set_selected (realis, dropdown_position (realis, "claimed"));
  event = tessera_project_get_event (f->project, f->battle, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (event->realis, ==, "claimed");
  g_assert_cmpuint (event->arguments->len, ==, 1);
  g_clear_pointer (&event, tessera_event_free);

  /* Clear Agent empties the slot. */
  tessera_display_test_run_pending ();
  g_signal_emit_by_name (tessera_display_test_find_one (f->inspector, tessera_display_test_has_tooltip_prefix, "Clear Agent"), "clicked");
  tessera_display_test_run_pending ();
  event = tessera_project_get_event (f->project, f->battle, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (event->arguments->len, ==, 0);
}

static void
test_inspector_stance (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TesseraStance) stance = NULL;
  g_autoptr(GError) error = NULL;
  GtkDropDown *target;

  tessera_workbench_select (f->workbench, TESSERA_SELECTION_STANCE, f->denial);
  tessera_display_test_run_pending ();

  /* Pick the holder: "The army". */
  gtk_toggle_button_set_active (tessera_display_test_find_one (f->inspector, tessera_display_test_has_tooltip_prefix, "Pick holder"), TRUE);
  g_assert_cmpint (tessera_workbench_get_pick (f->workbench, NULL), ==, TESSERA_PICK_HOLDER);
  g_assert_true (tessera_workbench_complete_pick (f->workbench, f->army, &error));
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
  g_assert_nonnull (tessera_display_test_find_one (f->inspector, is_label_with_text, "The army"));

  /* Target: the battle, offered as "Battle: “attacked”". */
  target = tessera_display_test_find_one (f->inspector, tessera_display_test_has_tooltip_prefix, "Target event");
  gtk_drop_down_set_selected (target, dropdown_position (target, "Battle: “attacked”"));
  stance = tessera_project_get_stance (f->project, f->denial, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stance->holder_span_id, ==, f->army);
  g_assert_cmpint (stance->target_event_id, ==, f->battle);
}

/* The inspector shows what the document's model holds, whoever changed
 * it: a holder set elsewhere, a new event among the targets, a renamed
 * event type, a link to a cluster, and the hint once the stance is gone. */
static void
test_inspector_follows_document (Fixture       *f,
                                 gconstpointer  data)
{
  TesseraHistory *history = tessera_workbench_get_history (f->workbench);
  gint64 battle = tessera_test_label_id (f->project, TESSERA_LABEL_EVENT, "Battle");
  g_autoptr(TesseraStance) stance = NULL;
  g_autoptr(GPtrArray) holders = NULL;
  g_autoptr(GError) error = NULL;
  GtkDropDown *target;
  gint64 cluster;

  tessera_workbench_select (f->workbench, TESSERA_SELECTION_STANCE, f->denial);
  tessera_display_test_run_pending ();
  holders = tessera_display_test_find_all (f->inspector, is_label_with_text, "The army");
  g_assert_cmpuint (holders->len, ==, 0);

  stance = tessera_project_get_stance (f->project, f->denial, &error);
  g_assert_no_error (error);
  stance->holder_span_id = f->army;
  g_assert_true (tessera_history_update_stance (history, stance, &error));
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
  g_assert_nonnull (tessera_display_test_find_one (f->inspector, is_label_with_text, "The army"));

  /* "said" becomes an event: a target the stance may take. */
  g_assert_cmpint (tessera_history_add_event (history, f->doc_id, 76, 80, battle, &error), >, 0);
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
  target = tessera_display_test_find_one (f->inspector, tessera_display_test_has_tooltip_prefix, "Target event");
  dropdown_position (target, "Battle: “said”");

  g_assert_true (tessera_history_update_label (history, battle, "Skirmish", NULL, NULL, &error));
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
  dropdown_position (target, "Skirmish: “attacked”");

  /* An entity linked to a cluster from elsewhere. */
  tessera_workbench_select (f->workbench, TESSERA_SELECTION_SPAN, f->rebels);
  tessera_display_test_run_pending ();
  g_assert_nonnull (tessera_display_test_find_one (f->inspector, is_label_with_text, "Not linked"));
  cluster = tessera_history_add_cluster (history, TESSERA_LABEL_ENTITY, "Rebel coalition", &error);
  g_assert_no_error (error);
  g_assert_true (tessera_history_add_cluster_member (history, cluster, f->rebels, 0, &error));
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
  g_assert_nonnull (tessera_display_test_find_one (f->inspector, is_label_with_text, "Rebel coalition"));

  /* Deleted: nothing left to show. */
  tessera_workbench_select (f->workbench, TESSERA_SELECTION_STANCE, f->denial);
  g_assert_true (tessera_history_delete_stance (history, f->denial, &error));
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
  g_assert_nonnull (tessera_display_test_find_one (f->inspector, is_label_with_text, "press a label"));
}

static gboolean
shows_text (TesseraAnnotationList *list,
            const char            *needle)
{
  g_autoptr(GPtrArray) found = tessera_display_test_find_all (list, is_label_with_text, needle);

  return found->len > 0;
}

static void
assert_selected_event (Fixture *f,
                       gint64   event_id)
{
  gint64 id;

  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, &id), ==, TESSERA_SELECTION_EVENT);
  g_assert_cmpint (id, ==, event_id);
}

/* Several events on one trigger: another made from the inspector's menu
 * or by tagging the trigger's text again, the inspector going from one
 * to the next, the list's row naming them all, Delete taking one. */
static void
test_inspector_several_events (Fixture       *f,
                               gconstpointer  data)
{
  TesseraOpenDocument *document = tessera_workbench_get_open_document (f->workbench);
  GListModel *model = tessera_annotation_list_get_model (f->list);
  gint64 movement = tessera_test_label_id (f->project, TESSERA_LABEL_EVENT, "Movement");
  gint64 violence = tessera_test_label_id (f->project, TESSERA_LABEL_EVENT, "RemoteViolence");
  gint64 trigger = tessera_open_document_get_event (document, f->battle)->trigger_span_id;
  g_autoptr(GPtrArray) switchers = NULL;
  g_autoptr(GError) error = NULL;
  gint64 second, third;

  tessera_workbench_select (f->workbench, TESSERA_SELECTION_EVENT, f->battle);
  tessera_display_test_run_pending ();
  switchers = tessera_display_test_find_all (f->inspector, tessera_display_test_has_tooltip_prefix,
                                             "Next Event on This Trigger");
  g_assert_cmpuint (switchers->len, ==, 0);

  /* From the menu: a Movement on "attacked" too, selected. */
  g_assert_nonnull (tessera_display_test_find_one (f->inspector, tessera_display_test_has_tooltip_prefix,
                                                   "Add Another Event on This Trigger"));
  tessera_display_test_activate (f->inspector, "inspector.add-event", "x", movement);
  tessera_display_test_run_pending ();
  tessera_workbench_get_selection (f->workbench, &second);
  g_assert_cmpint (tessera_open_document_get_event (document, second)->trigger_span_id, ==, trigger);
  g_assert_cmpint (tessera_open_document_get_event (document, second)->type_label_id, ==, movement);
  g_assert_nonnull (tessera_display_test_find_one (f->inspector, is_label_with_text, "Event 2 of 2"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  g_assert_true (shows_text (f->list, "Battle · 0 of"));
  g_assert_true (shows_text (f->list, "Movement · 0 of"));

  /* Back to the first; the trigger's span stands for it. */
  g_signal_emit_by_name (tessera_display_test_find_one (f->inspector, tessera_display_test_has_tooltip_prefix,
                                                        "Previous Event on This Trigger"), "clicked");
  tessera_display_test_run_pending ();
  assert_selected_event (f, f->battle);
  g_assert_nonnull (tessera_display_test_find_one (f->inspector, is_label_with_text, "Event 1 of 2"));
  tessera_workbench_select (f->workbench, TESSERA_SELECTION_EVENT, second);
  tessera_workbench_select_span (f->workbench, trigger);
  assert_selected_event (f, f->battle);

  /* Tagging the trigger's text with an event label joins it. */
  g_assert_true (tessera_workbench_tag (f->workbench, 7, 15, violence, &error));
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
  tessera_workbench_get_selection (f->workbench, &third);
  g_assert_cmpint (tessera_open_document_get_event (document, third)->trigger_span_id, ==, trigger);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  g_assert_nonnull (tessera_display_test_find_one (f->inspector, is_label_with_text, "Event 3 of 3"));

  /* Delete takes the selected event only; undo brings it back. */
  g_assert_true (tessera_workbench_delete_selection (f->workbench, &error));
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
  g_assert_null (tessera_open_document_get_event (document, third));
  assert_selected_event (f, f->battle);
  g_assert_nonnull (tessera_display_test_find_one (f->inspector, is_label_with_text, "Event 1 of 2"));
  tessera_history_undo (tessera_workbench_get_history (f->workbench), &error);
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
  g_assert_cmpuint (tessera_open_document_get_n_trigger_events (document, trigger), ==, 3);
  g_assert_nonnull (tessera_display_test_find_one (f->inspector, is_label_with_text, "Event 1 of 3"));
}

static void
test_annotation_list (Fixture       *f,
                      gconstpointer  data)
{
  GListModel *model = tessera_annotation_list_get_model (f->list);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (model);
  g_autoptr(GError) error = NULL;
  TesseraSelectionKind kind;
  gint64 id;

  /* Five spans in text order: Rebels, attacked, Tin-Azrou, The army, denied the claim. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  g_assert_nonnull (tessera_display_test_find_one (f->list, is_label_with_text, "5 annotations"));

  /* The workbench's selection is the list's. */
  tessera_workbench_select (f->workbench, TESSERA_SELECTION_SPAN, f->town);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 2);

  /* Choosing the row of a trigger selects its event. */
  gtk_single_selection_set_selected (selection, 1);
  kind = tessera_workbench_get_selection (f->workbench, &id);
  g_assert_cmpint (kind, ==, TESSERA_SELECTION_EVENT);
  g_assert_cmpint (id, ==, f->battle);

  /* A new span appears in its place and is selected; undo removes it. */
  g_assert_true (tessera_workbench_tag (f->workbench, 41, 47,
                                        tessera_test_label_id (f->project, TESSERA_LABEL_ENTITY, "Date"), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 3);
  g_assert_nonnull (tessera_display_test_find_one (f->list, is_label_with_text, "6 annotations"));

  tessera_history_undo (tessera_workbench_get_history (f->workbench), &error);
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);

  /* Another document: the list follows. */
  tessera_workbench_set_document_id (f->workbench, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
}

/* Rows follow changes that leave their span alone: a role filled, a
 * holder picked, a label renamed, an event deleted from its trigger. */
static void
test_annotation_list_rows (Fixture       *f,
                           gconstpointer  data)
{
  TesseraHistory *history = tessera_workbench_get_history (f->workbench);
  gint64 agent = tessera_test_label_id (f->project, TESSERA_LABEL_ROLE, "Agent");
  gint64 battle = tessera_test_label_id (f->project, TESSERA_LABEL_EVENT, "Battle");
  g_autoptr(GError) error = NULL;

  tessera_display_test_run_pending ();
  g_assert_true (shows_text (f->list, "Battle · 0 of"));
  g_assert_true (shows_text (f->list, "denies"));
  g_assert_false (shows_text (f->list, "denies — "));

  g_assert_true (tessera_history_add_argument (history, f->battle, agent, f->rebels, &error));
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
  g_assert_true (shows_text (f->list, "Battle · 1 of"));
  g_assert_false (shows_text (f->list, "Battle · 0 of"));

  tessera_workbench_select (f->workbench, TESSERA_SELECTION_STANCE, f->denial);
  tessera_workbench_set_pick (f->workbench, TESSERA_PICK_HOLDER, 0);
  g_assert_true (tessera_workbench_complete_pick (f->workbench, f->army, &error));
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
  g_assert_true (shows_text (f->list, "denies — The army"));

  g_assert_true (tessera_history_update_label (history, battle, "Skirmish", NULL, NULL, &error));
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
  g_assert_true (shows_text (f->list, "Skirmish · 1 of"));
  g_assert_false (shows_text (f->list, "Battle"));

  /* The trigger stays, a plain span again. */
  g_assert_true (tessera_history_delete_event (history, f->battle, &error));
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
  g_assert_cmpuint (g_list_model_get_n_items (tessera_annotation_list_get_model (f->list)), ==, 5);
  g_assert_false (shows_text (f->list, "Skirmish · "));
  g_assert_true (shows_text (f->list, "Skirmish"));

  tessera_history_undo (history, &error);
  g_assert_no_error (error);
  tessera_display_test_run_pending ();
  g_assert_true (shows_text (f->list, "Skirmish · 1 of"));
}

static void
add_side_panel_tests (void)
{
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/side-panel/palette/layers", test_palette_layers);
  ADD ("/side-panel/palette/schema", test_palette_follows_schema);
  ADD ("/side-panel/inspector/span", test_inspector_span);
  ADD ("/side-panel/inspector/event-roles", test_inspector_event_roles);
  ADD ("/side-panel/inspector/stance", test_inspector_stance);
  ADD ("/side-panel/inspector/follows-document", test_inspector_follows_document);
  ADD ("/side-panel/inspector/several-events", test_inspector_several_events);
  ADD ("/side-panel/annotation-list", test_annotation_list);
  ADD ("/side-panel/annotation-list/rows", test_annotation_list_rows);
#undef ADD
}

int
main (int   argc,
      char *argv[])
{
  return tessera_display_test_run (&argc, &argv, add_side_panel_tests);
}
