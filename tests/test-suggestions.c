/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-suggestions"

#include "config.h"

#include <string.h>

#include "tessera-error.h"
#include "tessera-formats.h"
#include "tessera-history.h"
#include "tessera-project.h"
#include "tessera-test-util.h"

/* Written for these tests; each word used for a span occurs once. */
static const char TEXT[] =
  "Rebels seized Ber at dawn; a spokesman for the army denied the report, "
  "saying troops still held the town.";
static const char OTHER_TEXT[] = "Talks resumed in Algiers.";

/* The document as a propagation would leave it: the analyst tagged the
 * army, the spokesman and an event "held"; the rest was suggested (an
 * event "seized" with its trigger and arguments, a stance "denied"
 * toward it, and "town" as the place of the accepted event). */
typedef struct
{
  char           *tmp;
  TesseraProject *project;
  TesseraHistory *history;
  gint64          doc, other;

  gint64          army, spokesman, held, held_trigger;            /* accepted */
  gint64          rebels, ber, seized, seized_trigger, town;      /* suggested */
  gint64          denied, denied_span, algiers;                   /* suggested */
  gint64          agent, place;                                   /* roles */
} Fixture;

static gint64
add_doc (Fixture    *f,
         const char *uid,
         const char *text)
{
  g_autoptr(TesseraDocument) doc = tessera_document_new ();

  doc->uid = g_strdup (uid);
  doc->source = g_strdup ("Outlet");
  doc->text = g_strdup (text);

  return tessera_test_add_document (f->project, doc);
}

/* A suggested span on the first @word of @text. */
static gint64
suggest_span (Fixture          *f,
              gint64            doc,
              const char       *text,
              const char       *word,
              TesseraLabelKind  kind,
              const char       *label)
{
  g_autoptr(GError) error = NULL;
  TesseraSpan span = { 0 };
  gint64 id;

  tessera_test_find_word (text, word, &span.start, &span.end);
  span.document_id = doc;
  span.label_id = tessera_test_label_id (f->project, kind, label);
  span.annotator_id = tessera_project_get_current_annotator_id (f->project, &error);
  span.suggested = TRUE;
  id = tessera_project_insert_span (f->project, &span, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraEvent) seized = tessera_event_new ();
  gint64 battle, territory;

  f->tmp = tessera_test_make_tmp_dir ();
  f->project = tessera_test_create_project (f->tmp, "suggestions.tessera", NULL);
  f->doc = add_doc (f, "report-1", TEXT);
  f->other = add_doc (f, "report-2", OTHER_TEXT);
  f->agent = tessera_test_label_id (f->project, TESSERA_LABEL_ROLE, "Agent");
  f->place = tessera_test_label_id (f->project, TESSERA_LABEL_ROLE, "Place");
  battle = tessera_test_label_id (f->project, TESSERA_LABEL_EVENT, "Battle");
  territory = tessera_test_label_id (f->project, TESSERA_LABEL_EVENT, "TerritoryChange");

  f->army = tessera_test_tag (f->project, f->doc, "army", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  f->spokesman = tessera_test_tag (f->project, f->doc, "spokesman", TESSERA_LABEL_ENTITY, "Person", NULL);
  f->held_trigger = tessera_test_tag (f->project, f->doc, "held", TESSERA_LABEL_EVENT, "Battle", NULL);
  f->held = tessera_project_add_event (f->project, f->held_trigger, battle, NULL, NULL, &error);
  g_assert_no_error (error);

  f->rebels = suggest_span (f, f->doc, TEXT, "Rebels", TESSERA_LABEL_ENTITY, "ArmedGroup");
  f->ber = suggest_span (f, f->doc, TEXT, "Ber", TESSERA_LABEL_ENTITY, "Place");
  f->town = suggest_span (f, f->doc, TEXT, "town", TESSERA_LABEL_ENTITY, "Place");
  f->seized_trigger = suggest_span (f, f->doc, TEXT, "seized", TESSERA_LABEL_EVENT, "TerritoryChange");
  f->denied_span = suggest_span (f, f->doc, TEXT, "denied", TESSERA_LABEL_STANCE, "denies");
  f->algiers = suggest_span (f, f->other, OTHER_TEXT, "Algiers", TESSERA_LABEL_ENTITY, "Place");

  seized->trigger_span_id = f->seized_trigger;
  seized->type_label_id = territory;
  seized->annotator_id = tessera_project_get_current_annotator_id (f->project, &error);
  seized->suggested = TRUE;
  tessera_event_add_argument (seized, f->agent, f->rebels);
  tessera_event_add_argument (seized, f->place, f->ber);
  f->seized = tessera_project_insert_event (f->project, seized, &error);
  g_assert_no_error (error);

  /* The analyst's own event has a suggested place. */
  g_assert_true (tessera_project_add_argument (f->project, f->held, f->place, f->town, &error));
  g_assert_no_error (error);

  {
    TesseraStance stance = { 0 };

    stance.span_id = f->denied_span;
    stance.label_id = tessera_test_label_id (f->project, TESSERA_LABEL_STANCE, "denies");
    stance.holder_span_id = f->spokesman;
    stance.target_event_id = f->seized;
    stance.annotator_id = seized->annotator_id;
    stance.suggested = TRUE;
    f->denied = tessera_project_insert_stance (f->project, &stance, &error);
    g_assert_no_error (error);
  }

  f->history = tessera_history_new (f->project);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->history);
  g_clear_object (&f->project);
  tessera_test_remove_tree (f->tmp);
  g_free (f->tmp);
}

typedef struct
{
  guint64 spans, events, stances;
} Counts;

static Counts
count (Fixture *f,
       gint64   doc)
{
  g_autoptr(GError) error = NULL;
  Counts c = { 0 };

  g_assert_true (tessera_project_count_suggestions (f->project, doc, &c.spans, &c.events, &c.stances, &error));
  g_assert_no_error (error);

  return c;
}

#define assert_counts(f, doc, s, e, t) G_STMT_START { \
  Counts c_ = count (f, doc);                           \
  g_assert_cmpuint (c_.spans, ==, s);                   \
  g_assert_cmpuint (c_.events, ==, e);                  \
  g_assert_cmpuint (c_.stances, ==, t);                 \
} G_STMT_END

static gboolean
span_suggested (Fixture *f,
                gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraSpan) span = tessera_project_get_span (f->project, id, &error);

  g_assert_no_error (error);

  return span->suggested;
}

static gboolean
span_exists (Fixture *f,
             gint64   id)
{
  g_autoptr(TesseraSpan) span = tessera_project_get_span (f->project, id, NULL);

  return span != NULL;
}

static gboolean
event_suggested (Fixture *f,
                 gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraEvent) event = tessera_project_get_event (f->project, id, &error);

  g_assert_no_error (error);

  return event->suggested;
}

static guint
n_arguments (Fixture *f,
             gint64   event_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraEvent) event = tessera_project_get_event (f->project, event_id, &error);

  g_assert_no_error (error);

  return event->arguments->len;
}

static void
undo (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_history_undo (f->history, &error));
  g_assert_no_error (error);
}

static void
redo (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_history_redo (f->history, &error));
  g_assert_no_error (error);
}

/* The whole state of the fixture's document, to compare before and after. */
static char *
snapshot (Fixture *f)
{
  return tessera_test_export (f->project, tessera_export_project_json);
}

/* Suggestions are listed like any annotation, with their flag. */
static void
test_listed (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) spans = tessera_project_list_spans (f->project, f->doc, &error);
  g_autoptr(GPtrArray) events = tessera_project_list_events (f->project, f->doc, &error);
  g_autoptr(GArray) stances = tessera_project_list_stances (f->project, f->doc, &error);
  g_autoptr(GArray) documents = tessera_project_list_suggestion_documents (f->project, &error);
  guint suggested = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 8);
  for (guint i = 0; i < spans->len; i++)
    suggested += g_array_index (spans, TesseraSpan, i).suggested;
  g_assert_cmpuint (suggested, ==, 5);
  g_assert_true (g_array_index (spans, TesseraSpan, 0).suggested);   /* Rebels, first in the text */
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_true (((TesseraEvent *) events->pdata[0])->suggested);    /* seized */
  g_assert_false (((TesseraEvent *) events->pdata[1])->suggested);   /* held */
  g_assert_cmpuint (stances->len, ==, 1);
  g_assert_true (g_array_index (stances, TesseraStance, 0).suggested);

  assert_counts (f, f->doc, 5, 1, 1);
  assert_counts (f, f->other, 1, 0, 0);
  assert_counts (f, 0, 6, 1, 1);
  g_assert_cmpuint (documents->len, ==, 2);
  g_assert_cmpint (g_array_index (documents, gint64, 0), ==, f->doc);
  g_assert_cmpint (g_array_index (documents, gint64, 1), ==, f->other);
}

static JsonObject *
first_record (const char *jsonl,
              GPtrArray **records)
{
  *records = tessera_test_parse_jsonl (jsonl);
  g_assert_cmpuint ((*records)->len, ==, 2);

  return json_node_get_object ((*records)->pdata[0]);
}

/* Training data and the report hold no suggestion; a backup keeps them. */
static void
test_exports (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonNode) report_root = NULL;
  g_autoptr(JsonNode) backup_root = NULL;
  g_autoptr(TesseraProject) restored = NULL;
  g_autofree char *jsonl = tessera_test_export (f->project, tessera_export_jsonl);
  g_autofree char *report = tessera_test_export (f->project, tessera_export_report_json);
  g_autofree char *backup = tessera_test_export (f->project, tessera_export_project_json);
  g_autofree char *backup_path = NULL;
  TesseraImportReport import_report;
  JsonObject *record, *counts, *event, *span;
  JsonArray *spans, *events;

  /* JSONL: the analyst's three spans, the accepted event without its
   * suggested place, no stance; the other document has no span. */
  record = first_record (jsonl, &records);
  spans = json_object_get_array_member (record, "spans");
  g_assert_cmpuint (json_array_get_length (spans), ==, 3);
  for (guint i = 0; i < json_array_get_length (spans); i++)
    g_assert_false (json_object_has_member (json_array_get_object_element (spans, i), "suggested"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (spans, 0), "text"), ==,
                   "spokesman");
  events = json_object_get_array_member (record, "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 1);
  event = json_array_get_object_element (events, 0);
  g_assert_cmpstr (json_object_get_string_member (event, "type"), ==, "Battle");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (event, "arguments")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record, "stances")), ==, 0);
  record = json_node_get_object (records->pdata[1]);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record, "spans")), ==, 0);

  /* Report: counts and events of accepted work only. */
  report_root = tessera_test_parse_json (report);
  counts = json_object_get_object_member (json_node_get_object (report_root), "counts");
  g_assert_cmpint (json_object_get_int_member (counts, "spans"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (counts, "events"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (counts, "stances"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                     json_object_get_object_member (counts, "by_label"), "entity"), "Place"), ==, 0);
  events = json_object_get_array_member (json_node_get_object (report_root), "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 1);
  event = json_array_get_object_element (events, 0);
  g_assert_cmpstr (json_object_get_string_member (event, "trigger_text"), ==, "held");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (event, "arguments")), ==, 0);

  /* Project JSON: everything, suggestions flagged. */
  backup_root = tessera_test_parse_json (backup);
  record = json_array_get_object_element (json_object_get_array_member (json_node_get_object (backup_root),
                                                                        "documents"), 0);
  spans = json_object_get_array_member (record, "spans");
  g_assert_cmpuint (json_array_get_length (spans), ==, 8);
  span = json_array_get_object_element (spans, 0);
  g_assert_cmpstr (json_object_get_string_member (span, "text"), ==, "Rebels");
  g_assert_true (json_object_get_boolean_member (span, "suggested"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record, "events")), ==, 2);
  g_assert_true (json_object_get_boolean_member (
                   json_array_get_object_element (json_object_get_array_member (record, "stances"), 0),
                   "suggested"));

  /* Restored, the suggestions are still suggestions. */
  backup_path = tessera_test_write_file (f->tmp, "backup.json", backup, -1);
  restored = tessera_test_create_project (f->tmp, "restored.tessera", NULL);
  tessera_import_report_init (&import_report);
  g_assert_true (tessera_test_import (restored, backup_path, FALSE, &import_report, &error));
  g_assert_no_error (error);
  tessera_import_report_clear (&import_report);
  {
    g_autofree char *again = tessera_test_export (restored, tessera_export_project_json);
    g_autofree char *again_jsonl = tessera_test_export (restored, tessera_export_jsonl);
    guint64 n_spans = 0, n_events = 0, n_stances = 0;

    g_assert_cmpstr (again, ==, backup);
    g_assert_cmpstr (again_jsonl, ==, jsonl);
    g_assert_true (tessera_project_count_suggestions (restored, 0, &n_spans, &n_events, &n_stances, &error));
    g_assert_cmpuint (n_spans, ==, 6);
    g_assert_cmpuint (n_events, ==, 1);
    g_assert_cmpuint (n_stances, ==, 1);
  }
}

/* Accepting one suggestion, and what it refers to; undo brings the
 * suggestions back. */
static void
test_accept_one (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;

  /* An event: its trigger and argument spans with it, nothing else. */
  g_assert_true (tessera_history_accept_suggestion (f->history, TESSERA_CHANGE_EVENT, f->seized, &error));
  g_assert_no_error (error);
  g_assert_false (event_suggested (f, f->seized));
  g_assert_false (span_suggested (f, f->seized_trigger));
  g_assert_false (span_suggested (f, f->rebels));
  g_assert_false (span_suggested (f, f->ber));
  g_assert_true (span_suggested (f, f->town));
  assert_counts (f, f->doc, 2, 0, 1);
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Accept suggestion");

  undo (f);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
  redo (f);
  assert_counts (f, f->doc, 2, 0, 1);
  undo (f);

  /* A span alone. */
  g_assert_true (tessera_history_accept_suggestion (f->history, TESSERA_CHANGE_SPAN, f->town, &error));
  g_assert_no_error (error);
  g_assert_false (span_suggested (f, f->town));
  assert_counts (f, f->doc, 4, 1, 1);
  undo (f);
  g_assert_true (span_suggested (f, f->town));

  /* A stance: its statement and the event it is toward (with that
   * event's spans), so nothing accepted refers to a suggestion. */
  g_assert_true (tessera_history_accept_suggestion (f->history, TESSERA_CHANGE_STANCE, f->denied, &error));
  g_assert_no_error (error);
  assert_counts (f, f->doc, 1, 0, 0);
  g_assert_false (span_suggested (f, f->denied_span));
  g_assert_false (event_suggested (f, f->seized));
  undo (f);
  g_clear_pointer (&after, g_free);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);

  /* Accepting what is accepted changes nothing and adds no undo step. */
  g_assert_true (tessera_history_accept_suggestion (f->history, TESSERA_CHANGE_SPAN, f->army, &error));
  g_assert_no_error (error);
  g_assert_true (tessera_history_can_redo (f->history));
  g_assert_false (tessera_history_accept_suggestion (f->history, TESSERA_CHANGE_SPAN, 9999, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND);
}

/* Rejecting one suggestion deletes it as a delete would; undo restores. */
static void
test_reject_one (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;

  /* A span: gone, and out of the event it filled. */
  g_assert_true (tessera_history_reject_suggestion (f->history, TESSERA_CHANGE_SPAN, f->ber, &error));
  g_assert_no_error (error);
  g_assert_false (span_exists (f, f->ber));
  g_assert_cmpuint (n_arguments (f, f->seized), ==, 1);
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Reject suggestion");
  undo (f);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* An event: its suggested trigger goes with it; the stance toward it
   * stays, without a target. */
  g_assert_true (tessera_history_reject_suggestion (f->history, TESSERA_CHANGE_EVENT, f->seized, &error));
  g_assert_no_error (error);
  g_assert_null (tessera_project_get_event (f->project, f->seized, NULL));
  g_assert_false (span_exists (f, f->seized_trigger));
  g_assert_true (span_exists (f, f->rebels));
  {
    g_autoptr(TesseraStance) stance = tessera_project_get_stance (f->project, f->denied, &error);

    g_assert_no_error (error);
    g_assert_cmpint (stance->target_event_id, ==, 0);
  }
  undo (f);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* A stance, with its suggested statement. */
  g_assert_true (tessera_history_reject_suggestion (f->history, TESSERA_CHANGE_STANCE, f->denied, &error));
  g_assert_no_error (error);
  g_assert_null (tessera_project_get_stance (f->project, f->denied, NULL));
  g_assert_false (span_exists (f, f->denied_span));
  undo (f);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);

  /* What the analyst made is never rejected. */
  g_assert_false (tessera_history_reject_suggestion (f->history, TESSERA_CHANGE_SPAN, f->army, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (tessera_history_reject_suggestion (f->history, TESSERA_CHANGE_EVENT, f->held, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (span_exists (f, f->army));
  g_assert_true (tessera_history_can_redo (f->history));
}

/* All of a document's suggestions at once, as one undo step. */
static void
test_all (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;

  g_assert_true (tessera_history_accept_suggestions (f->history, f->doc, &error));
  g_assert_no_error (error);
  assert_counts (f, f->doc, 0, 0, 0);
  assert_counts (f, f->other, 1, 0, 0);
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Accept all suggestions");
  {
    g_autofree char *jsonl = tessera_test_export (f->project, tessera_export_jsonl);
    g_autoptr(GPtrArray) records = NULL;
    JsonObject *record = first_record (jsonl, &records);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record, "spans")), ==, 8);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record, "events")), ==, 2);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record, "stances")), ==, 1);
  }
  undo (f);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);
  redo (f);
  assert_counts (f, f->doc, 0, 0, 0);
  undo (f);

  g_assert_true (tessera_history_reject_suggestions (f->history, f->doc, &error));
  g_assert_no_error (error);
  assert_counts (f, f->doc, 0, 0, 0);
  assert_counts (f, f->other, 1, 0, 0);
  g_assert_true (span_exists (f, f->army));
  g_assert_true (span_exists (f, f->spokesman));
  g_assert_null (tessera_project_get_event (f->project, f->seized, NULL));
  g_assert_cmpuint (n_arguments (f, f->held), ==, 0);
  {
    g_autoptr(GArray) spans = tessera_project_list_spans (f->project, f->doc, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (spans->len, ==, 3);
  }
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Reject all suggestions");
  undo (f);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* The whole project through the history… */
  g_assert_true (tessera_history_reject_suggestions (f->history, 0, &error));
  g_assert_no_error (error);
  assert_counts (f, 0, 0, 0, 0);
  undo (f);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* …and straight through the project (tessera-cli). */
  g_assert_true (tessera_project_reject_suggestions (f->project, f->other, &error));
  g_assert_no_error (error);
  assert_counts (f, 0, 5, 1, 1);
  g_assert_true (tessera_project_accept_suggestions (f->project, 0, &error));
  g_assert_no_error (error);
  assert_counts (f, 0, 0, 0, 0);
  g_assert_false (span_suggested (f, f->rebels));
  g_assert_true (tessera_project_reject_suggestions (f->project, 0, &error));
  g_assert_no_error (error);
  g_assert_true (span_exists (f, f->rebels));
}

/* Rejecting through the project removes suggested spans with what
 * depends on them, and keeps the analyst's work. */
static void
test_project_reject (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_project_reject_suggestions (f->project, 0, &error));
  g_assert_no_error (error);
  assert_counts (f, 0, 0, 0, 0);
  g_assert_false (span_exists (f, f->rebels));
  g_assert_false (span_exists (f, f->algiers));
  g_assert_null (tessera_project_get_stance (f->project, f->denied, NULL));
  g_assert_true (span_exists (f, f->army));
  g_assert_cmpuint (n_arguments (f, f->held), ==, 0);
  g_assert_false (event_suggested (f, f->held));
}

/* Taking one version of what a curation offered at one place: "Ber" as
 * a Place and as a Facility, two events on "seized" (each on a trigger
 * of its own). Taking accepts one and rejects the others there, of the
 * same kind and annotator, as one undo step; what is elsewhere, or of
 * another kind (the trigger under "seized" is no entity), stays. */
static void
test_take_version (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after_undo = NULL;
  g_autoptr(TesseraEvent) other = tessera_event_new ();
  gint64 facility, other_trigger, other_event;
  guint n_rejected = 0;

  facility = suggest_span (f, f->doc, TEXT, "Ber", TESSERA_LABEL_ENTITY, "Facility");
  other_trigger = suggest_span (f, f->doc, TEXT, "seized", TESSERA_LABEL_EVENT, "Battle");
  other->trigger_span_id = other_trigger;
  other->type_label_id = tessera_test_label_id (f->project, TESSERA_LABEL_EVENT, "Battle");
  other->annotator_id = tessera_project_get_current_annotator_id (f->project, &error);
  other->suggested = TRUE;
  other_event = tessera_project_insert_event (f->project, other, &error);
  g_assert_no_error (error);
  before = snapshot (f);

  /* Ber: the Facility version; the Place one goes (and with it the
   * seized event's place argument). */
  g_assert_true (tessera_history_take_suggestion (f->history, TESSERA_CHANGE_SPAN, facility, &n_rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rejected, ==, 1);
  g_assert_false (span_suggested (f, facility));
  g_assert_false (span_exists (f, f->ber));
  g_assert_true (span_suggested (f, f->rebels));
  g_assert_true (span_suggested (f, f->town));
  g_assert_cmpuint (n_arguments (f, f->seized), ==, 1);

  /* One undo step takes it all back. */
  undo (f);
  after_undo = snapshot (f);
  g_assert_cmpstr (after_undo, ==, before);
  redo (f);
  g_assert_false (span_exists (f, f->ber));
  undo (f);

  /* "seized": the Battle event; the TerritoryChange one goes with its
   * suggested trigger, the Battle's trigger is accepted. */
  g_assert_true (tessera_history_take_suggestion (f->history, TESSERA_CHANGE_EVENT, other_event, &n_rejected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rejected, ==, 1);
  g_assert_false (event_suggested (f, other_event));
  g_assert_false (span_suggested (f, other_trigger));
  g_assert_false (span_exists (f, f->seized_trigger));
  g_assert_true (span_suggested (f, f->ber));

  /* Alone at its place, a suggestion is simply accepted. */
  g_assert_true (tessera_history_take_suggestion (f->history, TESSERA_CHANGE_SPAN, f->algiers, &n_rejected, &error));
  g_assert_cmpuint (n_rejected, ==, 0);
  g_assert_false (span_suggested (f, f->algiers));
}

/* The place and label of each rejection of @doc (0: all), "start-end label" a line. */
static char *
rejections_of (TesseraProject *project,
               gint64          doc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rejections = tessera_project_list_rejections (project, doc, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < rejections->len; i++)
    {
      const TesseraRejection *r = &g_array_index (rejections, TesseraRejection, i);
      const TesseraLabel *label = tessera_project_get_label (project, r->label_id);

      g_assert_cmpint (r->rejected_at, >, 0);
      g_string_append_printf (out, "%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " %s\n", r->start, r->end, label->name);
    }

  return g_string_free (out, FALSE);
}

#define assert_rejections(project, doc, expected) G_STMT_START { \
  g_autofree char *r_ = rejections_of (project, doc);             \
  g_assert_cmpstr (r_, ==, expected);                             \
} G_STMT_END

/* Rejecting remembers what was rejected, where, by whom: a span by its
 * place and label, an event by its trigger's place and its type, a
 * stance by its statement's place and label; undo forgets it, redo
 * remembers it again. Rejecting the same again keeps one. Rejecting
 * through the project (tessera-cli) remembers too, and a backup keeps it. */
static void
test_remembered (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rejections = NULL;
  g_autoptr(TesseraProject) restored = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *again = NULL;
  g_autoptr(JsonNode) root = NULL;
  TesseraImportReport report;
  JsonObject *first;
  gint64 ber_again;

  assert_rejections (f->project, 0, "");

  g_assert_true (tessera_history_reject_suggestion (f->history, TESSERA_CHANGE_SPAN, f->ber, &error));
  g_assert_no_error (error);
  assert_rejections (f->project, f->doc, "14-17 Place\n");
  rejections = tessera_project_list_rejections (f->project, f->doc, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_array_index (rejections, TesseraRejection, 0).document_id, ==, f->doc);
  g_assert_cmpint (g_array_index (rejections, TesseraRejection, 0).annotator_id, ==,
                   tessera_project_get_current_annotator_id (f->project, NULL));
  undo (f);
  assert_rejections (f->project, 0, "");
  redo (f);
  assert_rejections (f->project, 0, "14-17 Place\n");

  /* The same place and label rejected again (a suggestion that came back
   * another way): still one, and undoing that keeps the first. */
  ber_again = suggest_span (f, f->doc, TEXT, "Ber", TESSERA_LABEL_ENTITY, "Place");
  g_assert_true (tessera_history_reject_suggestion (f->history, TESSERA_CHANGE_SPAN, ber_again, &error));
  g_assert_no_error (error);
  assert_rejections (f->project, 0, "14-17 Place\n");
  undo (f);
  assert_rejections (f->project, 0, "14-17 Place\n");
  g_assert_true (span_exists (f, ber_again));

  /* An event and its suggested trigger: one rejection, of the type there. */
  g_assert_true (tessera_history_reject_suggestion (f->history, TESSERA_CHANGE_EVENT, f->seized, &error));
  g_assert_no_error (error);
  g_assert_true (tessera_history_reject_suggestion (f->history, TESSERA_CHANGE_STANCE, f->denied, &error));
  g_assert_no_error (error);
  assert_rejections (f->project, f->doc, "7-13 TerritoryChange\n14-17 Place\n52-58 denies\n");

  /* All of them, as one step, then through the project. */
  g_assert_true (tessera_history_reject_suggestions (f->history, f->doc, &error));
  g_assert_no_error (error);
  assert_rejections (f->project, f->doc, "0-6 ArmedGroup\n7-13 TerritoryChange\n14-17 Place\n52-58 denies\n"
                                         "100-104 Place\n");
  undo (f);
  assert_rejections (f->project, f->doc, "7-13 TerritoryChange\n14-17 Place\n52-58 denies\n");
  g_assert_true (tessera_project_reject_suggestions (f->project, f->other, &error));
  g_assert_no_error (error);
  assert_rejections (f->project, f->other, "17-24 Place\n");

  /* A backup keeps them; restored, they are the same. */
  backup = tessera_test_export (f->project, tessera_export_project_json);
  root = tessera_test_parse_json (backup);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root),
                                                                         "rejected_suggestions")), ==, 4);
  first = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root),
                                                                       "rejected_suggestions"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "document"), ==, "report-1");
  g_assert_cmpint (json_object_get_int_member (first, "start"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (first, "end"), ==, 13);
  g_assert_cmpstr (json_object_get_string_member (first, "kind"), ==, "event");
  g_assert_cmpstr (json_object_get_string_member (first, "label"), ==, "TerritoryChange");
  backup_path = tessera_test_write_file (f->tmp, "backup.json", backup, -1);
  restored = tessera_test_create_project (f->tmp, "restored.tessera", NULL);
  tessera_import_report_init (&report);
  g_assert_true (tessera_test_import (restored, backup_path, FALSE, &report, &error));
  g_assert_no_error (error);
  tessera_import_report_clear (&report);
  assert_rejections (restored, 0, "7-13 TerritoryChange\n14-17 Place\n52-58 denies\n17-24 Place\n");
  again = tessera_test_export (restored, tessera_export_project_json);
  g_assert_cmpstr (again, ==, backup);
}

/* Each document counts its suggested spans apart (the document list
 * shows "accepted · pending"), as they come, are accepted or go. */
static void
test_counted (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

#define assert_document_counts(doc_id, all, pending) G_STMT_START {                               \
  g_autoptr(TesseraDocument) d_ = tessera_project_get_document (f->project, doc_id, FALSE, &error); \
  g_assert_no_error (error);                                                                     \
  g_assert_cmpint (d_->n_annotations, ==, all);                                                  \
  g_assert_cmpint (d_->n_suggested, ==, pending);                                                \
} G_STMT_END

  assert_document_counts (f->doc, 8, 5);
  assert_document_counts (f->other, 1, 1);

  g_assert_true (tessera_history_accept_suggestion (f->history, TESSERA_CHANGE_SPAN, f->town, &error));
  g_assert_no_error (error);
  assert_document_counts (f->doc, 8, 4);
  g_assert_true (tessera_history_reject_suggestion (f->history, TESSERA_CHANGE_SPAN, f->ber, &error));
  g_assert_no_error (error);
  assert_document_counts (f->doc, 7, 3);
  undo (f);
  undo (f);
  assert_document_counts (f->doc, 8, 5);

  g_assert_true (tessera_history_accept_suggestions (f->history, 0, &error));
  g_assert_no_error (error);
  assert_document_counts (f->doc, 8, 0);
  assert_document_counts (f->other, 1, 0);
  undo (f);
  g_assert_true (tessera_project_reject_suggestions (f->project, 0, &error));
  g_assert_no_error (error);
  assert_document_counts (f->doc, 3, 0);

  {
    g_autoptr(GPtrArray) problems = NULL;

    g_assert_true (tessera_project_check (f->project, &problems, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
  }
#undef assert_document_counts
}

static TesseraDocumentStatus
status_of (Fixture *f,
           gint64   doc_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) doc = tessera_project_get_document (f->project, doc_id, FALSE, &error);

  g_assert_no_error (error);
  return doc->status;
}

/* The analyst's first annotation of a New document (suggestions are not
 * the analyst's) puts it In progress, in the same undo step; one in
 * progress or done keeps its status. */
static void
test_first_annotation (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 place = tessera_test_label_id (f->project, TESSERA_LABEL_ENTITY, "Place");
  gint64 start, end;

  g_assert_cmpint (status_of (f, f->doc), ==, TESSERA_STATUS_NEW);
  tessera_test_find_word (TEXT, "dawn", &start, &end);
  g_assert_cmpint (tessera_history_add_span (f->history, f->doc, start, end, place, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f, f->doc), ==, TESSERA_STATUS_IN_PROGRESS);
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Add Place");
  undo (f);
  g_assert_cmpint (status_of (f, f->doc), ==, TESSERA_STATUS_NEW);
  g_assert_cmpint (tessera_project_count_spans (f->project), ==, 9);
  redo (f);
  g_assert_cmpint (status_of (f, f->doc), ==, TESSERA_STATUS_IN_PROGRESS);

  /* The second annotation leaves the status as it is, and so does its undo. */
  tessera_test_find_word (TEXT, "troops", &start, &end);
  g_assert_cmpint (tessera_history_add_span (f->history, f->doc, start, end, place, &error), >, 0);
  g_assert_no_error (error);
  undo (f);
  g_assert_cmpint (status_of (f, f->doc), ==, TESSERA_STATUS_IN_PROGRESS);

  /* An event, a stance: the same. */
  tessera_test_find_word (OTHER_TEXT, "resumed", &start, &end);
  g_assert_cmpint (tessera_history_add_event (f->history, f->other, start, end,
                                              tessera_test_label_id (f->project, TESSERA_LABEL_EVENT, "Battle"),
                                              &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f, f->other), ==, TESSERA_STATUS_IN_PROGRESS);
  undo (f);
  g_assert_cmpint (status_of (f, f->other), ==, TESSERA_STATUS_NEW);

  /* A document marked done stays done. */
  g_assert_true (tessera_history_set_document_status (f->history, f->other, TESSERA_STATUS_DONE, &error));
  g_assert_no_error (error);
  tessera_test_find_word (OTHER_TEXT, "Talks", &start, &end);
  g_assert_cmpint (tessera_history_add_stance (f->history, f->other, start, end,
                                               tessera_test_label_id (f->project, TESSERA_LABEL_STANCE, "denies"),
                                               &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f, f->other), ==, TESSERA_STATUS_DONE);

  /* Accepting a suggestion is no annotation of the analyst's own making. */
  g_assert_true (tessera_history_set_document_status (f->history, f->doc, TESSERA_STATUS_NEW, &error));
  g_assert_true (tessera_history_accept_suggestion (f->history, TESSERA_CHANGE_SPAN, f->ber, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f, f->doc), ==, TESSERA_STATUS_NEW);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/suggestions/listed", test_listed);
  ADD ("/suggestions/exports", test_exports);
  ADD ("/suggestions/accept-one", test_accept_one);
  ADD ("/suggestions/reject-one", test_reject_one);
  ADD ("/suggestions/all", test_all);
  ADD ("/suggestions/project-reject", test_project_reject);
  ADD ("/suggestions/take-version", test_take_version);
  ADD ("/suggestions/remembered", test_remembered);
  ADD ("/suggestions/counted", test_counted);
  ADD ("/suggestions/first-annotation", test_first_annotation);
#undef ADD

  return g_test_run ();
}
