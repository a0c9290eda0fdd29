/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-trigger-events"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "tessera-error.h"
#include "tessera-history.h"
#include "tessera-open-document.h"
#include "tessera-project.h"
#include "tessera-test-util.h"

/* Several events on one trigger span (brat allows it): made, listed,
 * exported, undone and redone, and taken along with their trigger. */

static const char TEXT[] =
  "The militia attacked Anefis, killing three soldiers; a spokesman denied it.";

typedef struct
{
  TesseraTestProject   base;
  TesseraHistory      *history;
  TesseraOpenDocument *model;
  gint64               doc;
  gint64               attack, death, movement, agent, denies;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  tessera_test_project_setup (&f->base, data);
  f->doc = tessera_test_add_text (f->base.project, "report", "Wire", TEXT);
  f->history = tessera_history_new (f->base.project);
  f->model = tessera_open_document_get (f->base.project, f->doc, &error);
  g_assert_no_error (error);

  f->attack = tessera_test_label_id (f->base.project, TESSERA_LABEL_EVENT, "RemoteViolence");
  f->death = tessera_test_label_id (f->base.project, TESSERA_LABEL_EVENT, "Battle");
  f->movement = tessera_test_label_id (f->base.project, TESSERA_LABEL_EVENT, "Movement");
  f->agent = tessera_test_label_id (f->base.project, TESSERA_LABEL_ROLE, "Agent");
  f->denies = tessera_test_label_id (f->base.project, TESSERA_LABEL_STANCE, "denies");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->model);
  g_clear_object (&f->history);
  tessera_test_project_teardown (&f->base, data);
}

static gint64
history_tag (Fixture    *f,
             const char *word,
             gint64      label_id,
             gboolean    event)
{
  g_autoptr(GError) error = NULL;
  gint64 start, end, id;

  tessera_test_find_word (TEXT, word, &start, &end);
  id = event ? tessera_history_add_event (f->history, f->doc, start, end, label_id, &error)
             : tessera_history_add_span (f->history, f->doc, start, end, label_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

/* The ids of the events the model says @span_id triggers, "a b …". */
static char *
model_events (Fixture *f,
              gint64   span_id)
{
  g_autoptr(GPtrArray) events = tessera_open_document_list_trigger_events (f->model, span_id);
  GString *ids = g_string_new (NULL);

  g_assert_cmpuint (events->len, ==, tessera_open_document_get_n_trigger_events (f->model, span_id));
  for (guint i = 0; i < events->len; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "",
                            ((const TesseraEvent *) g_ptr_array_index (events, i))->id);
  if (events->len > 0)
    g_assert_true (tessera_open_document_get_trigger_event (f->model, span_id) == g_ptr_array_index (events, 0));
  else
    g_assert_null (tessera_open_document_get_trigger_event (f->model, span_id));

  return g_string_free (ids, FALSE);
}

static void
assert_model_events (Fixture    *f,
                     gint64      span_id,
                     const char *want)
{
  g_autofree char *got = model_events (f, span_id);

  g_assert_cmpstr (got, ==, want);
}

static gint64
span_label (Fixture *f,
            gint64   span_id)
{
  return tessera_open_document_get_span (f->model, span_id)->label_id;
}

static void
do_undo (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_history_undo (f->history, &error));
  g_assert_no_error (error);
}

static void
do_redo (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_history_redo (f->history, &error));
  g_assert_no_error (error);
}

/* The JSONL record's events: each "type@trigger text", in order. */
static char *
exported_events (Fixture *f)
{
  g_autofree char *out = tessera_test_export (f->base.project, tessera_export_jsonl);
  g_autoptr(GPtrArray) lines = tessera_test_parse_jsonl (out);
  JsonObject *record;
  JsonArray *spans, *events;
  GString *result = g_string_new (NULL);

  g_assert_cmpuint (lines->len, ==, 1);
  record = json_node_get_object (g_ptr_array_index (lines, 0));
  spans = json_object_get_array_member (record, "spans");
  events = json_object_get_array_member (record, "events");
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      const char *trigger = json_object_get_string_member (event, "trigger");
      const char *text = NULL;

      for (guint s = 0; s < json_array_get_length (spans); s++)
        {
          JsonObject *span = json_array_get_object_element (spans, s);

          if (g_str_equal (json_object_get_string_member (span, "id"), trigger))
            text = json_object_get_string_member (span, "text");
        }
      g_assert_nonnull (text);
      g_string_append_printf (result, "%s%s@%s=%s", i > 0 ? " " : "",
                              json_object_get_string_member (event, "type"), text, trigger);
    }

  return g_string_free (result, FALSE);
}

static void
test_make_list_export (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(TesseraEvent) changed = NULL;
  gint64 first, second, trigger;
  char **parts;

  first = history_tag (f, "attacked", f->attack, TRUE);
  trigger = tessera_open_document_get_event (f->model, first)->trigger_span_id;
  second = tessera_history_add_trigger_event (f->history, trigger, f->death, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second, >, first);

  /* The model lists both, the first first; the span keeps its first
   * event's label. */
  ids = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, first, second);
  assert_model_events (f, trigger, ids);
  g_assert_cmpint (span_label (f, trigger), ==, f->attack);
  g_assert_cmpuint (tessera_open_document_get_n_events (f->model), ==, 2);
  g_assert_true (tessera_open_document_get_span_flags (f->model, trigger) & TESSERA_SPAN_FLAG_TRIGGER);

  /* Both in the JSONL record, with the same trigger. */
  exported = exported_events (f);
  parts = g_strsplit (exported, " ", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  g_assert_true (g_str_has_prefix (parts[0], "RemoteViolence@attacked="));
  g_assert_true (g_str_has_prefix (parts[1], "Battle@attacked="));
  g_assert_cmpstr (strchr (parts[0], '='), ==, strchr (parts[1], '='));
  g_strfreev (parts);

  /* And read back so: one trigger, two events. */
  {
    g_autofree char *jsonl = tessera_test_export (f->base.project, tessera_export_jsonl);
    g_autofree char *path = tessera_test_write_file (f->base.dir, "two.jsonl", jsonl, -1);
    g_autoptr(TesseraProject) fresh = tessera_test_create_project (f->base.dir, "fresh.tessera", NULL);
    g_autoptr(GPtrArray) events = NULL;

    g_assert_true (tessera_test_import (fresh, path, FALSE, NULL, &error));
    g_assert_no_error (error);
    events = tessera_project_list_events (fresh, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (events->len, ==, 2);
    g_assert_cmpint (((TesseraEvent *) g_ptr_array_index (events, 0))->trigger_span_id, ==,
                     ((TesseraEvent *) g_ptr_array_index (events, 1))->trigger_span_id);
    tessera_project_close (fresh);
  }

  /* Undone and redone, with the same id. */
  do_undo (f);
  g_clear_pointer (&ids, g_free);
  ids = g_strdup_printf ("%" G_GINT64_FORMAT, first);
  assert_model_events (f, trigger, ids);
  do_redo (f);
  g_clear_pointer (&ids, g_free);
  ids = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, first, second);
  assert_model_events (f, trigger, ids);

  /* Retyping the second leaves the span alone; the first relabels it. */
  changed = tessera_event_copy (tessera_open_document_get_event (f->model, second));
  changed->type_label_id = f->movement;
  g_assert_true (tessera_history_update_event (f->history, changed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (span_label (f, trigger), ==, f->attack);
  g_clear_pointer (&changed, tessera_event_free);
  changed = tessera_event_copy (tessera_open_document_get_event (f->model, first));
  changed->type_label_id = f->death;
  g_assert_true (tessera_history_update_event (f->history, changed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (span_label (f, trigger), ==, f->death);
  do_undo (f);
  do_undo (f);
  g_assert_cmpint (span_label (f, trigger), ==, f->attack);
  g_assert_cmpint (tessera_open_document_get_event (f->model, second)->type_label_id, ==, f->death);

  /* Deleting the first: the trigger stays, named after the other now. */
  g_assert_true (tessera_history_delete_event (f->history, first, &error));
  g_assert_no_error (error);
  g_clear_pointer (&ids, g_free);
  ids = g_strdup_printf ("%" G_GINT64_FORMAT, second);
  assert_model_events (f, trigger, ids);
  g_assert_cmpint (span_label (f, trigger), ==, f->death);
  do_undo (f);
  g_clear_pointer (&ids, g_free);
  ids = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, first, second);
  assert_model_events (f, trigger, ids);
  g_assert_cmpint (span_label (f, trigger), ==, f->attack);
}

/* Deleting the trigger takes both events, their arguments, a stance's
 * target and a cluster membership along; undo brings them all back. */
static void
test_delete_trigger (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraStance) target = NULL;
  g_autoptr(TesseraEvent) restored = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 first, second, trigger, militia, stance, cluster, start, end;

  first = history_tag (f, "attacked", f->attack, TRUE);
  trigger = tessera_open_document_get_event (f->model, first)->trigger_span_id;
  second = tessera_history_add_trigger_event (f->history, trigger, f->death, &error);
  g_assert_no_error (error);
  militia = history_tag (f, "militia", tessera_test_label_id (f->base.project, TESSERA_LABEL_ENTITY,
                                                              "ArmedGroup"), FALSE);
  g_assert_true (tessera_history_add_argument (f->history, second, f->agent, militia, &error));
  /* A stance toward the second event. */
  tessera_test_find_word (TEXT, "denied", &start, &end);
  stance = tessera_history_add_stance (f->history, f->doc, start, end, f->denies, &error);
  g_assert_no_error (error);
  target = tessera_project_get_stance (f->base.project, stance, &error);
  g_assert_no_error (error);
  target->target_event_id = second;
  g_assert_true (tessera_history_update_stance (f->history, target, &error));
  g_assert_no_error (error);
  cluster = tessera_history_add_cluster (f->history, TESSERA_LABEL_EVENT, "Anefis", &error);
  g_assert_no_error (error);
  g_assert_true (tessera_history_add_cluster_member (f->history, cluster, 0, second, &error));
  g_assert_no_error (error);
  before = tessera_test_export (f->base.project, tessera_export_jsonl);

  g_assert_true (tessera_history_delete_span (f->history, trigger, &error));
  g_assert_no_error (error);
  g_assert_null (tessera_open_document_get_span (f->model, trigger));
  assert_model_events (f, trigger, "");
  g_assert_cmpuint (tessera_open_document_get_n_events (f->model), ==, 0);
  g_assert_cmpint (tessera_open_document_get_stance (f->model, stance)->target_event_id, ==, 0);

  do_undo (f);
  ids = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, first, second);
  assert_model_events (f, trigger, ids);
  restored = tessera_project_get_event (f->base.project, second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (restored->arguments->len, ==, 1);
  g_assert_cmpint (tessera_open_document_get_stance (f->model, stance)->target_event_id, ==, second);
  g_assert_cmpint (tessera_open_document_get_event_cluster (f->model, second), ==, cluster);
  after = tessera_test_export (f->base.project, tessera_export_jsonl);
  g_assert_cmpstr (after, ==, before);

  do_redo (f);
  assert_model_events (f, trigger, "");
  do_undo (f);
  assert_model_events (f, trigger, ids);
}

/* Rejecting a suggested event keeps a suggested trigger that another
 * event stands on; the last one's rejection takes the trigger too. */
static void
test_reject_suggestion (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TesseraSpan span = { 0 };
  TesseraEvent event = { 0 };
  gint64 start, end, trigger, first, second;

  tessera_test_find_word (TEXT, "killing", &start, &end);
  span.document_id = f->doc;
  span.start = start;
  span.end = end;
  span.label_id = f->death;
  span.suggested = TRUE;
  trigger = tessera_project_insert_span (f->base.project, &span, &error);
  g_assert_no_error (error);
  event.document_id = f->doc;
  event.trigger_span_id = trigger;
  event.type_label_id = f->death;
  event.suggested = TRUE;
  first = tessera_project_insert_event (f->base.project, &event, &error);
  g_assert_no_error (error);
  event.type_label_id = f->attack;
  second = tessera_project_insert_event (f->base.project, &event, &error);
  g_assert_no_error (error);

  g_assert_true (tessera_history_reject_suggestion (f->history, TESSERA_CHANGE_EVENT, first, &error));
  g_assert_no_error (error);
  g_assert_nonnull (tessera_open_document_get_span (f->model, trigger));
  g_assert_null (tessera_open_document_get_event (f->model, first));
  g_assert_nonnull (tessera_open_document_get_event (f->model, second));
  g_assert_true (tessera_open_document_get_span_flags (f->model, trigger) & TESSERA_SPAN_FLAG_SUGGESTED);

  g_assert_true (tessera_history_reject_suggestion (f->history, TESSERA_CHANGE_EVENT, second, &error));
  g_assert_no_error (error);
  g_assert_null (tessera_open_document_get_span (f->model, trigger));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/trigger-events/make-list-export", test_make_list_export);
  ADD ("/trigger-events/delete-trigger", test_delete_trigger);
  ADD ("/trigger-events/reject-suggestion", test_reject_suggestion);
#undef ADD

  return g_test_run ();
}
