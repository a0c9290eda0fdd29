/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-history-describe"

#include "config.h"

#include "tessera-history.h"
#include "tessera-project.h"
#include "tessera-test-util.h"

/* What the next undo or redo is about (tessera_history_describe_undo):
 * the document, the annotation and what was done to it, so a window can
 * show it and say it; and "changed" after every change of the stacks. */

static const char TEXT[] =
  "Rebels seized Ber at dawn; a spokesman for the army denied the report.";
static const char OTHER_TEXT[] = "Talks resumed in Algiers.";

typedef struct
{
  char           *tmp;
  char           *file;
  TesseraProject *project;
  TesseraHistory *history;
  gint64          doc;
  gint64          other;
  guint           n_changed;
} Fixture;

static void
on_changed (TesseraHistory *history,
            Fixture        *f)
{
  f->n_changed++;
}

static gint64
add_document (TesseraProject *project,
              const char     *uid,
              const char     *text)
{
  g_autoptr(TesseraDocument) doc = tessera_document_new ();

  doc->uid = g_strdup (uid);
  doc->text = g_strdup (text);
  return tessera_test_add_document (project, doc);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->tmp = tessera_test_make_tmp_dir ();
  f->project = tessera_test_create_project (f->tmp, "describe.tessera", &f->file);
  f->doc = add_document (f->project, "report-1", TEXT);
  f->other = add_document (f->project, "report-2", OTHER_TEXT);
  f->history = tessera_history_new (f->project);
  g_signal_connect (f->history, "changed", G_CALLBACK (on_changed), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->history);
  tessera_project_close (f->project);
  g_clear_object (&f->project);
  tessera_test_remove_tree (f->tmp);
  g_free (f->tmp);
  g_free (f->file);
}

static gint64
label (Fixture          *f,
       TesseraLabelKind  kind,
       const char       *name)
{
  return tessera_test_label_id (f->project, kind, name);
}

static gint64
tag (Fixture    *f,
     gint64      doc,
     const char *text,
     const char *word,
     gint64      label_id)
{
  g_autoptr(GError) error = NULL;
  gint64 start, end, id;

  tessera_test_find_word (text, word, &start, &end);
  id = tessera_history_add_span (f->history, doc, start, end, label_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_tag_and_relabel (Fixture       *f,
                      gconstpointer  data)
{
  gint64 place = label (f, TESSERA_LABEL_ENTITY, "Place");
  gint64 person = label (f, TESSERA_LABEL_ENTITY, "Person");
  g_autoptr(TesseraSpan) span = NULL;
  g_autoptr(GError) error = NULL;
  TesseraHistoryStep step, again;
  gint64 ber;

  g_assert_false (tessera_history_describe_undo (f->history, 0, &step));
  g_assert_cmpuint (step.serial, ==, 0);

  ber = tag (f, f->doc, TEXT, "Ber", place);
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_true (tessera_history_describe_undo (f->history, 0, &step));
  g_assert_cmpint (step.action, ==, TESSERA_STEP_ADD);
  g_assert_false (step.several);
  g_assert_cmpint (step.document_id, ==, f->doc);
  g_assert_cmpint (step.kind, ==, TESSERA_CHANGE_SPAN);
  g_assert_cmpint (step.id, ==, ber);
  g_assert_cmpint (step.span_id, ==, ber);
  g_assert_cmpint (step.start, ==, 14);
  g_assert_cmpint (step.end, ==, 17);
  g_assert_cmpint (step.label_id, ==, place);
  g_assert_cmpuint (step.serial, >, 0);

  span = tessera_project_get_span (f->project, ber, &error);
  span->label_id = person;
  g_assert_true (tessera_history_update_span (f->history, span, &error));
  g_assert_no_error (error);
  g_assert_true (tessera_history_describe_undo (f->history, 0, &again));
  g_assert_cmpint (again.action, ==, TESSERA_STEP_RELABEL);
  g_assert_cmpint (again.label_id, ==, person);
  g_assert_cmpuint (again.serial, >, step.serial);

  /* Undone, it is the next redo, with the same serial; the one before is
   * the next undo again. */
  g_assert_true (tessera_history_undo (f->history, &error));
  g_assert_cmpuint (f->n_changed, ==, 3);
  g_assert_true (tessera_history_describe_redo (f->history, 0, &step));
  g_assert_cmpint (step.action, ==, TESSERA_STEP_RELABEL);
  g_assert_cmpuint (step.serial, ==, again.serial);
  g_assert_true (tessera_history_describe_undo (f->history, 0, &step));
  g_assert_cmpint (step.action, ==, TESSERA_STEP_ADD);

  /* Deleting: told by what was deleted. */
  g_assert_true (tessera_history_delete_span (f->history, ber, &error));
  g_assert_true (tessera_history_describe_undo (f->history, 0, &step));
  g_assert_cmpint (step.action, ==, TESSERA_STEP_DELETE);
  g_assert_cmpint (step.label_id, ==, place);
  g_assert_cmpint (step.start, ==, 14);
  g_assert_false (tessera_history_describe_redo (f->history, 0, &step));
}

static void
test_event (Fixture       *f,
            gconstpointer  data)
{
  gint64 battle = label (f, TESSERA_LABEL_EVENT, "Battle");
  gint64 group = label (f, TESSERA_LABEL_ENTITY, "ArmedGroup");
  g_autoptr(GError) error = NULL;
  TesseraHistoryStep step;
  gint64 start, end, event_id, trigger, rebels;

  tessera_test_find_word (TEXT, "seized", &start, &end);
  event_id = tessera_history_add_event (f->history, f->doc, start, end, battle, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_history_describe_undo (f->history, 0, &step));
  g_assert_cmpint (step.action, ==, TESSERA_STEP_ADD);
  g_assert_cmpint (step.kind, ==, TESSERA_CHANGE_EVENT);
  g_assert_cmpint (step.id, ==, event_id);
  g_assert_cmpint (step.start, ==, start);
  g_assert_false (step.several);
  trigger = step.span_id;
  g_assert_cmpint (trigger, >, 0);

  /* A role filled: a change of the event, its trigger where it was. */
  rebels = tag (f, f->doc, TEXT, "Rebels", group);
  g_assert_true (tessera_history_add_argument (f->history, event_id, label (f, TESSERA_LABEL_ROLE, "Agent"),
                                               rebels, &error));
  g_assert_true (tessera_history_describe_undo (f->history, 0, &step));
  g_assert_cmpint (step.action, ==, TESSERA_STEP_CHANGE);
  g_assert_cmpint (step.kind, ==, TESSERA_CHANGE_EVENT);
  g_assert_cmpint (step.span_id, ==, trigger);
  g_assert_cmpint (step.start, ==, start);
  g_assert_cmpint (step.end, ==, end);

  /* Deleting the agent changes the event on the way: the step is about
   * the span deleted. */
  g_assert_true (tessera_history_delete_span (f->history, rebels, &error));
  g_assert_true (tessera_history_describe_undo (f->history, 0, &step));
  g_assert_cmpint (step.action, ==, TESSERA_STEP_DELETE);
  g_assert_cmpint (step.kind, ==, TESSERA_CHANGE_SPAN);
  g_assert_cmpint (step.id, ==, rebels);
  g_assert_false (step.several);
}

static void
test_documents (Fixture       *f,
                gconstpointer  data)
{
  gint64 place = label (f, TESSERA_LABEL_ENTITY, "Place");
  g_autoptr(GError) error = NULL;
  TesseraHistoryStep step;
  gint64 ber, algiers;

  /* A group over two documents prefers the one shown. */
  g_assert_true (tessera_history_begin_group (f->history, "Tag both", &error));
  ber = tag (f, f->doc, TEXT, "Ber", place);
  algiers = tag (f, f->other, OTHER_TEXT, "Algiers", place);
  g_assert_true (tessera_history_end_group (f->history, TRUE, &error));
  g_assert_true (tessera_history_describe_undo (f->history, f->other, &step));
  g_assert_cmpint (step.document_id, ==, f->other);
  g_assert_cmpint (step.id, ==, algiers);
  g_assert_true (step.several);
  g_assert_cmpstr (step.label, ==, "Tag both");
  g_assert_true (tessera_history_describe_undo (f->history, 0, &step));
  g_assert_cmpint (step.document_id, ==, f->doc);
  g_assert_cmpint (step.id, ==, ber);

  /* A status: the document, no annotation. */
  g_assert_true (tessera_history_set_document_status (f->history, f->other, TESSERA_STATUS_DONE, &error));
  g_assert_true (tessera_history_describe_undo (f->history, f->doc, &step));
  g_assert_cmpint (step.action, ==, TESSERA_STEP_STATUS);
  g_assert_cmpint (step.kind, ==, TESSERA_CHANGE_DOCUMENT);
  g_assert_cmpint (step.document_id, ==, f->other);

  /* Clearing is a change of the stacks too. */
  f->n_changed = 0;
  tessera_history_clear (f->history);
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_false (tessera_history_describe_undo (f->history, 0, &step));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/history-describe/tag-and-relabel", Fixture, NULL, fixture_setup, test_tag_and_relabel,
              fixture_teardown);
  g_test_add ("/history-describe/event", Fixture, NULL, fixture_setup, test_event, fixture_teardown);
  g_test_add ("/history-describe/documents", Fixture, NULL, fixture_setup, test_documents, fixture_teardown);

  return g_test_run ();
}
