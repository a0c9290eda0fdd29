/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-project-annotations"

#include "config.h"

#include <string.h>

#include "test-project-util.h"

/* Annotations in the project: spans, events with their arguments,
 * stances, and what deleting one takes along. */

/* --- spans ------------------------------------------------------------ */

static void
assert_span_refused (Fixture    *f,
                     gint64      doc,
                     gint64      start,
                     gint64      end,
                     gint64      label_id,
                     int         code,
                     const char *words)
{
  g_autoptr(GError) error = NULL;
  gint64 before = tessera_project_count_spans (f->project);

  g_assert_cmpint (tessera_project_add_span (f->project, doc, start, end, label_id, NULL, &error), ==, 0);
  g_assert_error (error, TESSERA_ERROR, code);
  g_assert_nonnull (strstr (error->message, words));
  g_assert_cmpint (tessera_project_count_spans (f->project), ==, before);
}

static void
test_span_refused (Fixture       *f,
                   gconstpointer  data)
{
  gint64 person = label (f->project, "entity/Person");
  gint64 n = g_utf8_strlen (TEXT, -1);

  assert_span_refused (f, f->doc, n - 2, n + 1, person, TESSERA_ERROR_INVALID_INPUT, "outside the text");
  assert_span_refused (f, f->doc, -1, 3, person, TESSERA_ERROR_INVALID_INPUT, "outside the text");
  assert_span_refused (f, f->doc, 8, 4, person, TESSERA_ERROR_INVALID_INPUT, "after it ends");
  assert_span_refused (f, f->doc, 4, 4, person, TESSERA_ERROR_INVALID_INPUT, "at least one character");
  assert_span_refused (f, f->doc, 0, 3, 424242, TESSERA_ERROR_NOT_FOUND, "No label");
  assert_span_refused (f, 777, 0, 3, person, TESSERA_ERROR_NOT_FOUND, "No document");

  /* The last code point is inside. */
  g_assert_cmpint (tessera_project_add_span (f->project, f->doc, n - 1, n, person, NULL, NULL), >, 0);
}

static void
test_span_order (Fixture       *f,
                 gconstpointer  data)
{
  static const gint64 expected[][2] = { { 4, 11 }, { 4, 7 }, { 12, 26 }, { 12, 19 }, { 20, 26 } };
  gint64 place = label (f->project, "entity/Place");
  gint64 group = label (f->project, "entity/ArmedGroup");
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GError) error = NULL;

  /* Added out of order; nested and overlapping spans are allowed. */
  g_assert_cmpint (tessera_project_add_span (f->project, f->doc, 20, 26, place, NULL, &error), >, 0);
  g_assert_cmpint (tessera_project_add_span (f->project, f->doc, 12, 19, group, NULL, &error), >, 0);
  g_assert_cmpint (tessera_project_add_span (f->project, f->doc, 4, 7, group, NULL, &error), >, 0);
  g_assert_cmpint (tessera_project_add_span (f->project, f->doc, 12, 26, place, NULL, &error), >, 0);
  g_assert_cmpint (tessera_project_add_span (f->project, f->doc, 4, 11, group, "the militia", &error), >, 0);
  g_assert_no_error (error);

  spans = tessera_project_list_spans (f->project, f->doc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < spans->len; i++)
    {
      TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);

      g_assert_cmpint (span->start, ==, expected[i][0]);
      g_assert_cmpint (span->end, ==, expected[i][1]);
      g_assert_cmpint (span->document_id, ==, f->doc);
    }
  g_assert_cmpstr (g_array_index (spans, TesseraSpan, 0).note, ==, "the militia");
  g_assert_cmpint (n_annotations (f->project, f->doc), ==, 5);
}

static void
test_span_update_delete (Fixture       *f,
                         gconstpointer  data)
{
  gint64 id = tag (f, "militia", "entity/Person");
  gint64 group = label (f->project, "entity/ArmedGroup");
  g_autoptr(TesseraSpan) span = NULL;
  g_autoptr(TesseraSpan) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n = g_utf8_strlen (TEXT, -1);

  span = tessera_project_get_span (f->project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (span->annotator_id, ==, tessera_project_get_current_annotator_id (f->project, NULL));
  span->start = 0;
  span->label_id = group;
  g_free (span->note);
  span->note = g_strdup ("with the article");
  g_assert_true (tessera_project_update_span (f->project, span, &error));
  g_assert_no_error (error);

  after = tessera_project_get_span (f->project, id, &error);
  g_assert_cmpint (after->start, ==, 0);
  g_assert_cmpint (after->end, ==, 11);
  g_assert_cmpint (after->label_id, ==, group);
  g_assert_cmpstr (after->note, ==, "with the article");

  /* An update is checked like an addition. */
  span->end = n + 5;
  g_assert_false (tessera_project_update_span (f->project, span, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_true (tessera_project_delete_span (f->project, id, &error));
  g_assert_no_error (error);
  g_assert_null (tessera_project_get_span (f->project, id, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (tessera_project_delete_span (f->project, id, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND);
  g_assert_cmpint (n_annotations (f->project, f->doc), ==, 0);
}

/* --- the delete cascade ----------------------------------------------- */

static TesseraEvent *
get_event (Fixture *f,
           gint64   id)
{
  g_autoptr(GError) error = NULL;
  TesseraEvent *event = tessera_project_get_event (f->project, id, &error);

  g_assert_no_error (error);
  return event;
}

static TesseraStance *
get_stance (Fixture *f,
            gint64   id)
{
  g_autoptr(GError) error = NULL;
  TesseraStance *stance = tessera_project_get_stance (f->project, id, &error);

  g_assert_no_error (error);
  return stance;
}

static gboolean
has_filler (const TesseraEvent *event,
            gint64              role,
            gint64              span_id)
{
  for (guint i = 0; i < event->arguments->len; i++)
    {
      TesseraArgument *arg = &g_array_index (event->arguments, TesseraArgument, i);

      if (arg->role_label_id == role && (span_id == 0 || arg->span_id == span_id))
        return TRUE;
    }
  return FALSE;
}

static void
test_cascade_trigger (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TesseraStance) stance = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  Scene s;

  build_scene (f, &s);
  delete_span (f, s.shelled);

  g_assert_null (tessera_project_get_event (f->project, s.event, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  events = tessera_project_list_events (f->project, f->doc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 0);

  /* The arguments' spans are annotations in their own right. */
  g_assert_true (span_exists (f, s.militia));
  g_assert_true (span_exists (f, s.menaka));

  /* The stance toward the removed event stays, without its target. */
  stance = get_stance (f, s.stance);
  g_assert_cmpint (stance->target_event_id, ==, 0);
  g_assert_cmpint (stance->holder_span_id, ==, s.governor);
  g_assert_cmpint (stance->target_span_id, ==, s.casualties);
}

static void
test_cascade_statement (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GArray) stances = NULL;
  g_autoptr(TesseraEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  Scene s;

  build_scene (f, &s);
  delete_span (f, s.denied);

  g_assert_null (tessera_project_get_stance (f->project, s.stance, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  stances = tessera_project_list_stances (f->project, f->doc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stances->len, ==, 0);
  g_assert_true (span_exists (f, s.governor));
  event = get_event (f, s.event);
  g_assert_cmpuint (event->arguments->len, ==, 3);
}

static void
test_cascade_argument (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TesseraEvent) event = NULL;
  Scene s;

  build_scene (f, &s);
  delete_span (f, s.militia);

  event = get_event (f, s.event);
  g_assert_cmpint (event->trigger_span_id, ==, s.shelled);
  g_assert_false (has_filler (event, s.agent, 0));
  g_assert_true (has_filler (event, s.place, s.menaka));
  g_assert_true (has_filler (event, s.toll, s.casualties));
  g_assert_cmpuint (event->arguments->len, ==, 2);
}

static void
test_cascade_holder_target (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(TesseraStance) after_holder = NULL;
  g_autoptr(TesseraStance) after_target = NULL;
  g_autoptr(TesseraEvent) event = NULL;
  Scene s;

  build_scene (f, &s);

  delete_span (f, s.governor);
  after_holder = get_stance (f, s.stance);
  g_assert_cmpint (after_holder->holder_span_id, ==, 0);
  g_assert_cmpint (after_holder->target_event_id, ==, s.event);
  g_assert_cmpint (after_holder->target_span_id, ==, s.casualties);

  /* The casualties span is a target and an argument at once. */
  delete_span (f, s.casualties);
  after_target = get_stance (f, s.stance);
  g_assert_cmpint (after_target->target_span_id, ==, 0);
  g_assert_cmpint (after_target->target_event_id, ==, s.event);
  g_assert_cmpint (after_target->span_id, ==, s.denied);
  event = get_event (f, s.event);
  g_assert_false (has_filler (event, s.toll, 0));
}

static void
test_cascade_event (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TesseraStance) stance = NULL;
  g_autoptr(GError) error = NULL;
  Scene s;

  build_scene (f, &s);
  g_assert_true (tessera_project_delete_event (f->project, s.event, &error));
  g_assert_no_error (error);

  g_assert_true (span_exists (f, s.shelled));
  stance = get_stance (f, s.stance);
  g_assert_cmpint (stance->target_event_id, ==, 0);
  g_assert_cmpint (stance->holder_span_id, ==, s.governor);
}

/* --- events ----------------------------------------------------------- */

static void
assert_event_refused (Fixture    *f,
                      gint64      span,
                      gint64      type,
                      const char *realis,
                      const char *words)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (tessera_project_add_event (f->project, span, type, realis, NULL, &error), ==, 0);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_events (Fixture       *f,
             gconstpointer  data)
{
  gint64 violence = label (f->project, "event/RemoteViolence");
  gint64 movement = label (f->project, "event/Movement");
  gint64 agent = label (f->project, "role/Agent");
  gint64 target = label (f->project, "role/Target");
  gint64 withdrew = tag (f, "withdrew", "event/Movement");
  gint64 shelled = tag (f, "shelled", "event/RemoteViolence");
  gint64 militia = tag (f, "militia", "entity/ArmedGroup");
  gint64 army = tag (f, "army", "entity/ArmedGroup");
  gint64 residents = tag (f, "residents", "entity/Person");
  g_autoptr(TesseraEvent) event = NULL;
  g_autoptr(TesseraEvent) cleared = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  gint64 later, first, second, other_doc, elsewhere;

  later = tessera_project_add_event (f->project, withdrew, movement, "claimed", "confirmed", &error);
  g_assert_no_error (error);
  first = tessera_project_add_event (f->project, shelled, violence, NULL, NULL, &error);
  g_assert_no_error (error);

  event = get_event (f, first);
  g_assert_cmpstr (event->realis, ==, "actual");
  g_assert_cmpstr (event->confirmation, ==, "unconfirmed");
  g_assert_cmpint (event->trigger_span_id, ==, shelled);
  g_assert_cmpint (event->type_label_id, ==, violence);
  g_assert_cmpint (event->document_id, ==, f->doc);
  g_assert_cmpuint (event->arguments->len, ==, 0);

  assert_event_refused (f, militia, label (f->project, "entity/Person"), NULL, "not an event label");
  assert_event_refused (f, militia, violence, "rumoured", "realis");
  /* A span may trigger several events (brat allows it). */
  second = tessera_project_add_event (f->project, shelled, movement, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second, >, first);

  /* Two fillers of one role, then the slot cleared with span 0. */
  g_assert_true (tessera_project_add_argument (f->project, first, agent, militia, &error));
  g_assert_true (tessera_project_add_argument (f->project, first, agent, army, &error));
  g_assert_true (tessera_project_add_argument (f->project, first, target, residents, &error));
  g_assert_no_error (error);
  g_clear_pointer (&event, tessera_event_free);
  event = get_event (f, first);
  g_assert_cmpuint (event->arguments->len, ==, 3);
  g_assert_true (has_filler (event, agent, militia));
  g_assert_true (has_filler (event, agent, army));

  g_assert_true (tessera_project_remove_argument (f->project, first, target, residents, &error));
  g_assert_true (tessera_project_remove_argument (f->project, first, agent, 0, &error));
  g_assert_no_error (error);
  cleared = get_event (f, first);
  g_assert_cmpuint (cleared->arguments->len, ==, 0);

  /* A role must be a role label. */
  g_assert_false (tessera_project_add_argument (f->project, first, label (f->project, "entity/Place"),
                                                militia, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* An argument from another document is refused. */
  other_doc = add_doc (f->project, "other", "Other", "Soldiers arrived.");
  elsewhere = tessera_project_add_span (f->project, other_doc, 0, 8,
                                        label (f->project, "entity/ArmedGroup"), NULL, &error);
  g_assert_no_error (error);
  g_assert_false (tessera_project_add_argument (f->project, first, agent, elsewhere, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "another document"));
  g_clear_error (&error);

  /* Listed by trigger position, with their arguments. */
  g_assert_true (tessera_project_add_argument (f->project, later, agent, army, &error));
  events = tessera_project_list_events (f->project, f->doc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpint (((TesseraEvent *) g_ptr_array_index (events, 0))->id, ==, first);
  g_assert_cmpint (((TesseraEvent *) g_ptr_array_index (events, 1))->id, ==, second);
  g_assert_cmpint (((TesseraEvent *) g_ptr_array_index (events, 2))->id, ==, later);
  g_assert_cmpstr (((TesseraEvent *) g_ptr_array_index (events, 2))->realis, ==, "claimed");
  g_assert_true (has_filler (g_ptr_array_index (events, 2), agent, army));
}

/* --- stances ---------------------------------------------------------- */

static void
test_stances (Fixture       *f,
              gconstpointer  data)
{
  gint64 denies = label (f->project, "stance/denies");
  gint64 reports = label (f->project, "stance/reports");
  g_autoptr(TesseraStance) stance = NULL;
  g_autoptr(TesseraStance) updated = NULL;
  g_autoptr(GArray) stances = NULL;
  g_autoptr(GError) error = NULL;
  gint64 said, said_stance, other_doc, other_trigger, other_event;
  Scene s;

  build_scene (f, &s);
  said = tag (f, "said", "stance/reports");

  stance = get_stance (f, s.stance);
  g_assert_cmpint (stance->document_id, ==, f->doc);
  g_assert_cmpint (stance->span_id, ==, s.denied);
  g_assert_cmpint (stance->label_id, ==, denies);
  g_assert_cmpint (stance->holder_span_id, ==, s.governor);
  g_assert_cmpint (stance->target_event_id, ==, s.event);
  g_assert_cmpint (stance->target_span_id, ==, s.casualties);

  /* A target event in another document is refused. */
  other_doc = add_doc (f->project, "other", "Other", "Shelling resumed.");
  other_trigger = tessera_project_add_span (f->project, other_doc, 0, 8,
                                            label (f->project, "event/RemoteViolence"), NULL, &error);
  other_event = tessera_project_add_event (f->project, other_trigger,
                                           label (f->project, "event/RemoteViolence"),
                                           NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tessera_project_add_stance (f->project, said, reports, 0, other_event, 0, &error), ==, 0);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "another document"));
  g_clear_error (&error);

  g_assert_cmpint (tessera_project_add_stance (f->project, said, reports, other_trigger, 0, 0, &error), ==, 0);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "holder"));
  g_clear_error (&error);

  said_stance = tessera_project_add_stance (f->project, said, reports, 0, s.event, 0, &error);
  g_assert_no_error (error);

  /* Another label, no holder, a span target instead of the event. */
  stance->label_id = reports;
  stance->holder_span_id = 0;
  stance->target_event_id = 0;
  stance->target_span_id = s.menaka;
  g_assert_true (tessera_project_update_stance (f->project, stance, &error));
  g_assert_no_error (error);
  updated = get_stance (f, s.stance);
  g_assert_cmpint (updated->label_id, ==, reports);
  g_assert_cmpint (updated->holder_span_id, ==, 0);
  g_assert_cmpint (updated->target_event_id, ==, 0);
  g_assert_cmpint (updated->target_span_id, ==, s.menaka);
  g_assert_cmpint (updated->span_id, ==, s.denied);

  /* Ordered by statement position: "denied" comes before "said". */
  stances = tessera_project_list_stances (f->project, f->doc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stances->len, ==, 2);
  g_assert_cmpint (g_array_index (stances, TesseraStance, 0).id, ==, s.stance);
  g_assert_cmpint (g_array_index (stances, TesseraStance, 1).id, ==, said_stance);

  g_assert_true (tessera_project_delete_stance (f->project, s.stance, &error));
  g_assert_no_error (error);
  g_assert_null (tessera_project_get_stance (f->project, s.stance, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND);
  g_assert_true (span_exists (f, s.denied));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/project/span/refused", test_span_refused);
  ADD ("/project/span/order", test_span_order);
  ADD ("/project/span/update-delete", test_span_update_delete);
  ADD ("/project/cascade/trigger", test_cascade_trigger);
  ADD ("/project/cascade/statement", test_cascade_statement);
  ADD ("/project/cascade/argument", test_cascade_argument);
  ADD ("/project/cascade/holder-target", test_cascade_holder_target);
  ADD ("/project/cascade/event", test_cascade_event);
  ADD ("/project/events", test_events);
  ADD ("/project/stances", test_stances);
#undef ADD

  return g_test_run ();
}
