/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-span-pick"

#include "config.h"

#include "tessera-span-pick.h"
#include "tessera-test-util.h"
#include "tessera-workbench.h"

/* Which spans a pending pick offers from the keyboard, in what order,
 * where it starts, and what picking one writes. */

static const char text[] =
  "Rebels shelled Ber on Monday and the army fled. "
  "In Gao on Tuesday, militants attacked the camp. "
  "The army said nothing.";

typedef struct
{
  TesseraTestProject  base;
  TesseraWorkbench   *workbench;
  TesseraHistory     *history;
  gint64              doc_id;
  gint64              rebels, ber, monday, army, gao, tuesday, militants, camp, the_army;
  gint64              shelling;   /* RemoteViolence on "shelled" */
  gint64              attack;     /* Battle on "attacked" */
  gint64              statement;  /* stance on "said" */
} Fixture;

static void
run_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TesseraDocument) doc = tessera_document_new ();
  g_autoptr(GError) error = NULL;
  TesseraProject *project;
  gint64 start, end;

  tessera_test_project_setup (&f->base, data);
  project = f->base.project;
  doc->uid = g_strdup ("camp");
  doc->text = g_strdup (text);
  f->doc_id = tessera_test_add_document (project, doc);

  f->workbench = tessera_workbench_new ();
  tessera_workbench_set_project (f->workbench, project);
  tessera_workbench_set_document_id (f->workbench, f->doc_id);
  f->history = tessera_workbench_get_history (f->workbench);

  f->rebels = tessera_test_tag (project, f->doc_id, "Rebels", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  f->ber = tessera_test_tag (project, f->doc_id, "Ber", TESSERA_LABEL_ENTITY, "Place", NULL);
  f->monday = tessera_test_tag (project, f->doc_id, "Monday", TESSERA_LABEL_ENTITY, "Date", NULL);
  f->army = tessera_test_tag (project, f->doc_id, "army", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  f->gao = tessera_test_tag (project, f->doc_id, "Gao", TESSERA_LABEL_ENTITY, "Place", NULL);
  f->tuesday = tessera_test_tag (project, f->doc_id, "Tuesday", TESSERA_LABEL_ENTITY, "Date", NULL);
  f->militants = tessera_test_tag (project, f->doc_id, "militants", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  f->camp = tessera_test_tag (project, f->doc_id, "camp", TESSERA_LABEL_ENTITY, "Facility", NULL);
  f->the_army = tessera_test_tag (project, f->doc_id, "The army", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);

  tessera_test_find_word (text, "shelled", &start, &end);
  f->shelling = tessera_history_add_event (f->history, f->doc_id, start, end,
                                           tessera_test_label_id (project, TESSERA_LABEL_EVENT, "RemoteViolence"),
                                           &error);
  g_assert_no_error (error);
  tessera_test_find_word (text, "attacked", &start, &end);
  f->attack = tessera_history_add_event (f->history, f->doc_id, start, end,
                                         tessera_test_label_id (project, TESSERA_LABEL_EVENT, "Battle"), &error);
  g_assert_no_error (error);
  tessera_test_find_word (text, "said", &start, &end);
  f->statement = tessera_history_add_stance (f->history, f->doc_id, start, end,
                                             tessera_test_label_id (project, TESSERA_LABEL_STANCE, "asserts"), &error);
  g_assert_no_error (error);
  run_pending ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tessera_workbench_set_project (f->workbench, NULL);
  g_clear_object (&f->workbench);
  tessera_test_project_teardown (&f->base, data);
}

static void
pick_role (Fixture    *f,
           gint64      event_id,
           const char *role)
{
  tessera_workbench_select (f->workbench, TESSERA_SELECTION_EVENT, event_id);
  tessera_workbench_set_pick (f->workbench, TESSERA_PICK_ROLE,
                              tessera_test_label_id (f->base.project, TESSERA_LABEL_ROLE, role));
}

static void
fill (Fixture *f,
      gint64   span_id)
{
  g_autoptr(GError) error = NULL;
  gint64 pick_id = 0, picked = 0;
  TesseraPickKind pick = tessera_workbench_get_pick (f->workbench, &picked);

  g_assert_true (tessera_span_pick_complete (f->workbench, span_id, &error));
  g_assert_no_error (error);
  run_pending ();
  /* Filled: that slot no longer waits (the next one may: stop it). */
  g_assert_false (tessera_workbench_get_pick (f->workbench, &pick_id) == pick && pick_id == picked);
  tessera_workbench_set_pick (f->workbench, TESSERA_PICK_NONE, 0);
}

static gint64
trigger_of (Fixture *f,
            gint64   event_id)
{
  return tessera_open_document_get_event (tessera_workbench_get_open_document (f->workbench),
                                          event_id)->trigger_span_id;
}

/* The nearest span first (of two as near, the earlier), then the nearest
 * the event does not use yet; triggers and statements are passed over,
 * and the ends meet. */
static void
test_order (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *slot = NULL;

  g_assert_cmpint (tessera_span_pick_first (f->workbench), ==, 0);

  pick_role (f, f->shelling, "Agent");
  slot = tessera_span_pick_dup_slot_name (f->workbench);
  g_assert_cmpstr (slot, ==, "Agent");
  g_assert_cmpint (tessera_span_pick_first (f->workbench), ==, f->rebels);
  g_assert_cmpint (tessera_span_pick_next (f->workbench, f->rebels, 1), ==, f->ber);
  g_assert_cmpint (tessera_span_pick_next (f->workbench, f->gao, -1), ==, f->army);
  g_assert_cmpint (tessera_span_pick_next (f->workbench, f->militants, 1), ==, f->camp);
  g_assert_cmpint (tessera_span_pick_next (f->workbench, f->camp, 1), ==, f->the_army);
  g_assert_cmpint (tessera_span_pick_next (f->workbench, f->the_army, 1), ==, f->rebels);
  g_assert_cmpint (tessera_span_pick_next (f->workbench, f->rebels, -1), ==, f->the_army);
  g_assert_false (tessera_span_pick_offers (f->workbench,
                                            tessera_open_document_get_span (tessera_workbench_get_open_document (f->workbench),
                                                                            trigger_of (f, f->attack))));
  fill (f, f->rebels);

  pick_role (f, f->shelling, "Target");
  g_assert_cmpint (tessera_span_pick_first (f->workbench), ==, f->ber);
}

/* The labels that suit a role come first: the entity label of its name
 * (the Place role, a Place), a Date for the Time, and those that fill it
 * in the document's other events. */
static void
test_likely_label (Fixture       *f,
                   gconstpointer  data)
{
  pick_role (f, f->attack, "Agent");
  g_assert_cmpint (tessera_span_pick_first (f->workbench), ==, f->militants);
  pick_role (f, f->attack, "Place");
  g_assert_cmpint (tessera_span_pick_first (f->workbench), ==, f->gao);

  /* A Date suits the Time from the start (the nearest one). */
  pick_role (f, f->attack, "Time");
  g_assert_cmpint (tessera_span_pick_first (f->workbench), ==, f->tuesday);
  pick_role (f, f->shelling, "Time");
  fill (f, f->monday);
  pick_role (f, f->attack, "Time");
  g_assert_cmpint (tessera_span_pick_first (f->workbench), ==, f->tuesday);
  /* Only where it starts: Tab still goes through every span. */
  g_assert_cmpint (tessera_span_pick_next (f->workbench, f->tuesday, 1), ==, f->militants);
}

/* A holder is an entity; a target is an event, which picking its trigger
 * makes the stance's target, in one step. */
static void
test_stance (Fixture       *f,
             gconstpointer  data)
{
  TesseraOpenDocument *document = tessera_workbench_get_open_document (f->workbench);
  const TesseraStance *stance;
  g_autoptr(GError) error = NULL;

  tessera_workbench_select (f->workbench, TESSERA_SELECTION_STANCE, f->statement);
  tessera_workbench_set_pick (f->workbench, TESSERA_PICK_HOLDER, 0);
  g_assert_cmpint (tessera_span_pick_first (f->workbench), ==, f->the_army);
  fill (f, f->the_army);

  tessera_workbench_set_pick (f->workbench, TESSERA_PICK_TARGET_SPAN, 0);
  g_assert_cmpint (tessera_span_pick_first (f->workbench), ==, trigger_of (f, f->attack));
  g_assert_cmpint (tessera_span_pick_next (f->workbench, trigger_of (f, f->attack), 1), ==,
                   trigger_of (f, f->shelling));
  g_assert_false (tessera_span_pick_offers (f->workbench, tessera_open_document_get_span (document, f->camp)));
  fill (f, trigger_of (f, f->attack));

  stance = tessera_open_document_get_stance (document, f->statement);
  g_assert_cmpint (stance->target_event_id, ==, f->attack);
  g_assert_cmpint (stance->target_span_id, ==, 0);
  g_assert_cmpint (stance->holder_span_id, ==, f->the_army);

  g_assert_true (tessera_history_undo (f->history, &error));
  g_assert_no_error (error);
  run_pending ();
  stance = tessera_open_document_get_stance (document, f->statement);
  g_assert_cmpint (stance->target_event_id, ==, 0);
  g_assert_cmpint (stance->holder_span_id, ==, f->the_army);
}

/* Without events, a target is a span. */
static void
test_target_span (Fixture       *f,
                  gconstpointer  data)
{
  TesseraOpenDocument *document = tessera_workbench_get_open_document (f->workbench);
  g_autoptr(GError) error = NULL;

  tessera_workbench_select (f->workbench, TESSERA_SELECTION_EVENT, f->shelling);
  g_assert_true (tessera_workbench_delete_selection (f->workbench, &error));
  tessera_workbench_select (f->workbench, TESSERA_SELECTION_EVENT, f->attack);
  g_assert_true (tessera_workbench_delete_selection (f->workbench, &error));
  g_assert_no_error (error);
  run_pending ();
  g_assert_cmpuint (tessera_open_document_get_n_events (document), ==, 0);

  tessera_workbench_select (f->workbench, TESSERA_SELECTION_STANCE, f->statement);
  tessera_workbench_set_pick (f->workbench, TESSERA_PICK_TARGET_SPAN, 0);
  g_assert_cmpint (tessera_span_pick_first (f->workbench), ==, f->the_army);
  fill (f, f->camp);
  g_assert_cmpint (tessera_open_document_get_stance (document, f->statement)->target_span_id, ==, f->camp);
}

/* The work of annotators not shown is not offered. */
static void
test_hidden (Fixture       *f,
             gconstpointer  data)
{
  gint64 me = tessera_project_get_current_annotator_id (f->base.project, NULL);

  pick_role (f, f->shelling, "Agent");
  tessera_workbench_set_annotator_shown (f->workbench, me, FALSE);
  g_assert_cmpint (tessera_span_pick_first (f->workbench), ==, 0);
  g_assert_cmpint (tessera_span_pick_next (f->workbench, f->rebels, 1), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/span-pick/order", test_order);
  ADD ("/span-pick/likely-label", test_likely_label);
  ADD ("/span-pick/stance", test_stance);
  ADD ("/span-pick/target-span", test_target_span);
  ADD ("/span-pick/hidden", test_hidden);
#undef ADD

  return g_test_run ();
}
