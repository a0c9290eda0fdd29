/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-project-changes"

#include "config.h"

#include "test-project-util.h"

/* The project's "changed" signal: what views learn of each commit,
 * rollback, reset and cascade. */

/* --- change notifications --------------------------------------------- */

typedef struct
{
  guint  kind;
  guint  action;
  gint64 document_id;
  gint64 object_id;
} Seen;

static void
on_changed (TesseraProject *project,
            guint           kind,
            guint           action,
            gint64          document_id,
            gint64          object_id,
            gpointer        user_data)
{
  Seen seen = { kind, action, document_id, object_id };

  g_array_append_val ((GArray *) user_data, seen);
}

static GArray *
watch (TesseraProject *project)
{
  GArray *seen = g_array_new (FALSE, TRUE, sizeof (Seen));

  g_signal_connect (project, "changed", G_CALLBACK (on_changed), seen);
  return seen;
}

static void
unwatch (TesseraProject *project,
         GArray         *seen)
{
  g_signal_handlers_disconnect_by_data (project, seen);
  g_array_unref (seen);
}

static void
test_changed_signal (Fixture       *f,
                     gconstpointer  data)
{
  GArray *seen = watch (f->project);
  g_autoptr(GError) error = NULL;
  gint64 id, inner1, inner2;
  Seen *first;

  id = tag (f, "militia", "entity/ArmedGroup");
  g_assert_cmpuint (seen->len, ==, 1);
  first = &g_array_index (seen, Seen, 0);
  g_assert_cmpuint (first->kind, ==, TESSERA_CHANGE_SPAN);
  g_assert_cmpuint (first->action, ==, TESSERA_CHANGE_ADDED);
  g_assert_cmpint (first->document_id, ==, f->doc);
  g_assert_cmpint (first->object_id, ==, id);

  /* Inside a transaction: nothing until the outermost commit. */
  g_array_set_size (seen, 0);
  g_assert_true (tessera_project_begin (f->project, &error));
  inner1 = tag (f, "army", "entity/ArmedGroup");
  g_assert_true (tessera_project_begin (f->project, &error));
  inner2 = tag (f, "governor", "entity/Person");
  g_assert_true (tessera_project_commit (f->project, &error));
  g_assert_cmpuint (seen->len, ==, 0);
  g_assert_true (tessera_project_commit (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpint (g_array_index (seen, Seen, 0).object_id, ==, inner1);
  g_assert_cmpint (g_array_index (seen, Seen, 1).object_id, ==, inner2);

  unwatch (f->project, seen);
}

static void
test_changed_rollback (Fixture       *f,
                       gconstpointer  data)
{
  GArray *seen = watch (f->project);
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (tessera_project_begin (f->project, &error));
  id = tag (f, "militia", "entity/ArmedGroup");
  tessera_project_rollback (f->project);

  g_assert_cmpuint (seen->len, ==, 0);
  g_assert_false (span_exists (f, id));
  g_assert_cmpint (tessera_project_count_spans (f->project), ==, 0);
  g_assert_cmpint (n_annotations (f->project, f->doc), ==, 0);

  /* Rolling back an inner transaction keeps the outer one's changes. */
  g_assert_true (tessera_project_begin (f->project, &error));
  id = tag (f, "army", "entity/ArmedGroup");
  g_assert_true (tessera_project_begin (f->project, &error));
  tag (f, "governor", "entity/Person");
  tessera_project_rollback (f->project);
  g_assert_true (tessera_project_commit (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpint (g_array_index (seen, Seen, 0).object_id, ==, id);
  g_assert_cmpint (tessera_project_count_spans (f->project), ==, 1);

  /* Nor does a rollback survive a reopen. */
  fixture_reopen (f);
  g_assert_cmpint (tessera_project_count_spans (f->project), ==, 1);

  g_array_unref (seen);
}

static void
test_changed_reset (Fixture       *f,
                    gconstpointer  data)
{
  GArray *seen = watch (f->project);
  gint64 person = label (f->project, "entity/Person");
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_project_begin (f->project, &error));
  for (guint i = 0; i < 600; i++)
    g_assert_cmpint (tessera_project_add_span (f->project, f->doc, i % 50, i % 50 + 3, person, NULL, &error), >, 0);
  g_assert_true (tessera_project_commit (f->project, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpuint (g_array_index (seen, Seen, 0).kind, ==, TESSERA_CHANGE_RESET);
  g_assert_cmpint (tessera_project_count_spans (f->project), ==, 600);

  unwatch (f->project, seen);
}

/* Views learn from the signal what a delete took along: here the event
 * it triggered goes, and the stance toward that event changes. Fails with
 * the core as it is (see the report): the stance's UPDATED is dropped when
 * its id equals the removed event's id. */
static void
test_changed_cascade (Fixture       *f,
                      gconstpointer  data)
{
  static const guint expected[][2] = {
    { TESSERA_CHANGE_EVENT, TESSERA_CHANGE_REMOVED },
    { TESSERA_CHANGE_STANCE, TESSERA_CHANGE_UPDATED },
    { TESSERA_CHANGE_SPAN, TESSERA_CHANGE_REMOVED },
  };
  GArray *seen = NULL;
  Scene s;

  build_scene (f, &s);
  seen = watch (f->project);
  delete_span (f, s.shelled);

  if (seen->len != G_N_ELEMENTS (expected))
    g_test_fail_printf ("deleting a trigger span emitted %u changes, not 3 (event %" G_GINT64_FORMAT
                        " removed, stance %" G_GINT64_FORMAT " updated, span removed)",
                        seen->len, s.event, s.stance);
  for (guint i = 0; i < MIN (seen->len, G_N_ELEMENTS (expected)) && !g_test_failed (); i++)
    {
      Seen *c = &g_array_index (seen, Seen, i);
      gint64 ids[] = { s.event, s.stance, s.shelled };

      g_assert_cmpuint (c->kind, ==, expected[i][0]);
      g_assert_cmpuint (c->action, ==, expected[i][1]);
      g_assert_cmpint (c->document_id, ==, f->doc);
      g_assert_cmpint (c->object_id, ==, ids[i]);
    }

  unwatch (f->project, seen);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/project/changed/commit", test_changed_signal);
  ADD ("/project/changed/rollback", test_changed_rollback);
  ADD ("/project/changed/reset", test_changed_reset);
  ADD ("/project/changed/cascade", test_changed_cascade);
#undef ADD

  return g_test_run ();
}
