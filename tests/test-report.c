/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report"

#include "config.h"

#include <json-glib/json-glib.h>

#include "tessera-formats.h"
#include "tessera-project.h"
#include "tessera-test-util.h"

/* A small project built through the API: two outlets reporting the same
 * capture, one stance toward each report, and the report JSON an analyst
 * would hand on. */

typedef TesseraTestProject Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  tessera_test_project_setup (f, data);
  tessera_project_set_annotator (f->project, "ana");
}

static gint64
add_document (Fixture               *f,
              const char            *uid,
              const char            *source,
              const char            *text,
              TesseraDocumentStatus  status)
{
  g_autoptr(TesseraDocument) doc = tessera_document_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  doc->uid = g_strdup (uid);
  doc->title = g_strdup_printf ("Report %s", uid);
  doc->source = g_strdup (source);
  doc->published = g_strdup ("2023-11-14");
  doc->language = g_strdup ("en");
  doc->text = g_strdup (text);
  id = tessera_test_add_document (f->project, doc);

  tessera_project_set_document_status (f->project, id, status, &error);
  g_assert_no_error (error);

  return id;
}

static gint64
label_id (Fixture          *f,
          TesseraLabelKind  kind,
          const char       *name)
{
  return tessera_test_label_id (f->project, kind, name);
}

/* Tags the first occurrence of @needle (code-point offsets, as the
 * project expects). */
static gint64
tag (Fixture          *f,
     gint64            doc_id,
     const char       *needle,
     TesseraLabelKind  kind,
     const char       *label)
{
  return tessera_test_tag (f->project, doc_id, needle, kind, label, NULL);
}

static JsonObject *
export_report (Fixture    *f,
               JsonParser *parser)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = tessera_export_report_json (f->project, out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);

  json_parser_load_from_data (parser,
                              g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                              g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)),
                              &error);
  g_assert_no_error (error);

  return json_node_get_object (json_parser_get_root (parser));
}

static gint64
member_int (JsonObject *obj,
            const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);

  for (guint i = 0; i + 1 < n; i++)
    {
      g_assert_true (json_object_has_member (obj, parts[i]));
      obj = json_object_get_object_member (obj, parts[i]);
    }
  if (!json_object_has_member (obj, parts[n - 1]))
    g_printerr ("no %s in the report\n", path);
  g_assert_true (json_object_has_member (obj, parts[n - 1]));

  return json_object_get_int_member (obj, parts[n - 1]);
}

static JsonObject *
find_event (JsonArray  *events,
            const char *document)
{
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      if (g_strcmp0 (json_object_get_string_member (event, "document"), document) == 0)
        return event;
    }

  return NULL;
}

/* The text of the @role argument (roles are unique in these events). */
static const char *
argument_text (JsonObject *event,
               const char *role)
{
  JsonArray *arguments = json_object_get_array_member (event, "arguments");

  for (guint i = 0; i < json_array_get_length (arguments); i++)
    {
      JsonObject *arg = json_array_get_object_element (arguments, i);

      if (g_strcmp0 (json_object_get_string_member (arg, "role"), role) == 0)
        return json_object_get_string_member (arg, "text");
    }

  return NULL;
}

static JsonObject *
find_stance (JsonObject *event,
             const char *label)
{
  JsonArray *stances = json_object_get_array_member (event, "stances");

  for (guint i = 0; i < json_array_get_length (stances); i++)
    {
      JsonObject *stance = json_array_get_object_element (stances, i);

      if (g_strcmp0 (json_object_get_string_member (stance, "label"), label) == 0)
        return stance;
    }

  return NULL;
}

static void
build_project (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 a1, a2, b1;
  gint64 rebels, army, kidal, took, said, soldiers, denied;
  gint64 armee, kidal_b, pris, dit, porte_parole;
  gint64 event_a, event_b;

  tessera_project_set_name (f->project, "Kidal desk", &error);
  g_assert_no_error (error);

  a1 = add_document (f, "a1", "Outlet A",
                     "Rebels said the army took Kidal. Soldiers denied losses.",
                     TESSERA_STATUS_DONE);
  a2 = add_document (f, "a2", "Outlet A",
                     "Ana Diallo wrote from Gao.",
                     TESSERA_STATUS_IN_PROGRESS);
  b1 = add_document (f, "b1", "Outlet B",
                     "\u00ab L\u2019arm\u00e9e a pris Kidal \U0001F1F2\U0001F1F1 \u00bb, a dit le porte\u2011parole.",
                     TESSERA_STATUS_NEW);

  rebels = tag (f, a1, "Rebels", TESSERA_LABEL_ENTITY, "ArmedGroup");
  army = tag (f, a1, "army", TESSERA_LABEL_ENTITY, "ArmedGroup");
  kidal = tag (f, a1, "Kidal", TESSERA_LABEL_ENTITY, "Place");
  took = tag (f, a1, "took", TESSERA_LABEL_EVENT, "TerritoryChange");
  said = tag (f, a1, "said", TESSERA_LABEL_STANCE, "reports");
  soldiers = tag (f, a1, "Soldiers", TESSERA_LABEL_ENTITY, "ArmedGroup");
  denied = tag (f, a1, "denied losses", TESSERA_LABEL_STANCE, "denies");

  tag (f, a2, "Ana Diallo", TESSERA_LABEL_ENTITY, "Person");

  armee = tag (f, b1, "L\u2019arm\u00e9e", TESSERA_LABEL_ENTITY, "ArmedGroup");
  pris = tag (f, b1, "pris", TESSERA_LABEL_EVENT, "TerritoryChange");
  kidal_b = tag (f, b1, "Kidal \U0001F1F2\U0001F1F1", TESSERA_LABEL_ENTITY, "Place");
  dit = tag (f, b1, "a dit", TESSERA_LABEL_STANCE, "asserts");
  porte_parole = tag (f, b1, "porte\u2011parole", TESSERA_LABEL_ENTITY, "Person");

  event_a = tessera_project_add_event (f->project, took,
                                       label_id (f, TESSERA_LABEL_EVENT, "TerritoryChange"),
                                       NULL, NULL, &error);
  g_assert_no_error (error);
  tessera_project_add_argument (f->project, event_a, label_id (f, TESSERA_LABEL_ROLE, "Agent"), army, &error);
  g_assert_no_error (error);
  tessera_project_add_argument (f->project, event_a, label_id (f, TESSERA_LABEL_ROLE, "Place"), kidal, &error);
  g_assert_no_error (error);

  event_b = tessera_project_add_event (f->project, pris,
                                       label_id (f, TESSERA_LABEL_EVENT, "TerritoryChange"),
                                       "claimed", "confirmed", &error);
  g_assert_no_error (error);
  tessera_project_add_argument (f->project, event_b, label_id (f, TESSERA_LABEL_ROLE, "Agent"), armee, &error);
  g_assert_no_error (error);
  tessera_project_add_argument (f->project, event_b, label_id (f, TESSERA_LABEL_ROLE, "Place"), kidal_b, &error);
  g_assert_no_error (error);

  tessera_project_add_stance (f->project, said, label_id (f, TESSERA_LABEL_STANCE, "reports"),
                              rebels, event_a, 0, &error);
  g_assert_no_error (error);
  tessera_project_add_stance (f->project, denied, label_id (f, TESSERA_LABEL_STANCE, "denies"),
                              soldiers, event_a, 0, &error);
  g_assert_no_error (error);
  /* No holder: the report says so with null. */
  tessera_project_add_stance (f->project, dit, label_id (f, TESSERA_LABEL_STANCE, "asserts"),
                              0, event_b, 0, &error);
  g_assert_no_error (error);

  (void) porte_parole;
}

static void
test_counts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *report;
  JsonObject *counts;

  build_project (f);
  report = export_report (f, parser);

  g_assert_cmpstr (json_object_get_string_member (report, "format"), ==, "tessera-report");
  g_assert_cmpint (json_object_get_int_member (report, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (report, "project"), ==, "Kidal desk");
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
                                       json_object_get_string_member (report, "generated"), 0, 0));

  counts = json_object_get_object_member (report, "counts");
  g_assert_cmpint (member_int (counts, "documents"), ==, 3);
  g_assert_cmpint (member_int (counts, "spans"), ==, 13);
  g_assert_cmpint (member_int (counts, "events"), ==, 2);
  g_assert_cmpint (member_int (counts, "stances"), ==, 3);

  /* Every label of the schema is listed, zero included. */
  g_assert_cmpint (member_int (counts, "by_label/entity/ArmedGroup"), ==, 4);
  g_assert_cmpint (member_int (counts, "by_label/entity/Place"), ==, 2);
  g_assert_cmpint (member_int (counts, "by_label/entity/Person"), ==, 2);
  g_assert_cmpint (member_int (counts, "by_label/entity/Organization"), ==, 0);
  g_assert_cmpint (member_int (counts, "by_label/entity/Quantity"), ==, 0);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (
                      json_object_get_object_member (counts, "by_label"), "entity")), ==, 7);
  g_assert_cmpint (member_int (counts, "by_label/event/TerritoryChange"), ==, 2);
  g_assert_cmpint (member_int (counts, "by_label/event/Battle"), ==, 0);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (
                      json_object_get_object_member (counts, "by_label"), "event")), ==, 8);
  g_assert_cmpint (member_int (counts, "by_label/stance/reports"), ==, 1);
  g_assert_cmpint (member_int (counts, "by_label/stance/denies"), ==, 1);
  g_assert_cmpint (member_int (counts, "by_label/stance/asserts"), ==, 1);
  g_assert_cmpint (member_int (counts, "by_label/stance/doubts"), ==, 0);

  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (counts, "by_source")), ==, 2);
  g_assert_cmpint (member_int (counts, "by_source/Outlet A/documents"), ==, 2);
  g_assert_cmpint (member_int (counts, "by_source/Outlet A/spans"), ==, 8);
  g_assert_cmpint (member_int (counts, "by_source/Outlet A/events"), ==, 1);
  g_assert_cmpint (member_int (counts, "by_source/Outlet B/documents"), ==, 1);
  g_assert_cmpint (member_int (counts, "by_source/Outlet B/spans"), ==, 5);
  g_assert_cmpint (member_int (counts, "by_source/Outlet B/events"), ==, 1);

  g_assert_cmpint (member_int (counts, "by_status/new"), ==, 1);
  g_assert_cmpint (member_int (counts, "by_status/in-progress"), ==, 1);
  g_assert_cmpint (member_int (counts, "by_status/done"), ==, 1);
}

static void
test_events (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *report;
  JsonArray *events;
  JsonObject *event;
  JsonObject *stance;

  build_project (f);
  report = export_report (f, parser);
  events = json_object_get_array_member (report, "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 2);

  event = find_event (events, "a1");
  g_assert_nonnull (event);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (event, "id"), "e"));
  g_assert_cmpstr (json_object_get_string_member (event, "title"), ==, "Report a1");
  g_assert_cmpstr (json_object_get_string_member (event, "source"), ==, "Outlet A");
  g_assert_cmpstr (json_object_get_string_member (event, "published"), ==, "2023-11-14");
  g_assert_cmpstr (json_object_get_string_member (event, "type"), ==, "TerritoryChange");
  g_assert_cmpstr (json_object_get_string_member (event, "trigger_text"), ==, "took");
  /* The attributes' defaults. */
  g_assert_cmpstr (json_object_get_string_member (event, "realis"), ==, "actual");
  g_assert_cmpstr (json_object_get_string_member (event, "confirmation"), ==, "unconfirmed");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (event, "arguments")), ==, 2);
  g_assert_cmpstr (argument_text (event, "Agent"), ==, "army");
  g_assert_cmpstr (argument_text (event, "Place"), ==, "Kidal");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (event, "stances")), ==, 2);
  stance = find_stance (event, "reports");
  g_assert_nonnull (stance);
  g_assert_cmpstr (json_object_get_string_member (stance, "holder_text"), ==, "Rebels");
  g_assert_cmpstr (json_object_get_string_member (stance, "statement_text"), ==, "said");
  stance = find_stance (event, "denies");
  g_assert_nonnull (stance);
  g_assert_cmpstr (json_object_get_string_member (stance, "holder_text"), ==, "Soldiers");
  g_assert_cmpstr (json_object_get_string_member (stance, "statement_text"), ==, "denied losses");

  /* Texts are cut by code points: curly apostrophe, accents, a flag. */
  event = find_event (events, "b1");
  g_assert_nonnull (event);
  g_assert_cmpstr (json_object_get_string_member (event, "source"), ==, "Outlet B");
  g_assert_cmpstr (json_object_get_string_member (event, "trigger_text"), ==, "pris");
  g_assert_cmpstr (json_object_get_string_member (event, "realis"), ==, "claimed");
  g_assert_cmpstr (json_object_get_string_member (event, "confirmation"), ==, "confirmed");
  g_assert_cmpstr (argument_text (event, "Agent"), ==, "L\u2019arm\u00e9e");
  g_assert_cmpstr (argument_text (event, "Place"), ==, "Kidal \U0001F1F2\U0001F1F1");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (event, "stances")), ==, 1);
  stance = find_stance (event, "asserts");
  g_assert_nonnull (stance);
  g_assert_true (json_object_get_null_member (stance, "holder_text"));
  g_assert_cmpstr (json_object_get_string_member (stance, "statement_text"), ==, "a dit");
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *report = export_report (f, parser);
  JsonObject *counts = json_object_get_object_member (report, "counts");

  g_assert_cmpint (member_int (counts, "documents"), ==, 0);
  g_assert_cmpint (member_int (counts, "spans"), ==, 0);
  g_assert_cmpint (member_int (counts, "by_label/entity/Person"), ==, 0);
  g_assert_cmpint (member_int (counts, "by_status/new"), ==, 0);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (counts, "by_source")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "events")), ==, 0);
}

static void
cancel_on_progress (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_progress_and_cancel (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  TesseraExportOptions options = { 0 };
  TesseraTestProgress progress = { 0 };

  build_project (f);

  /* The progress reaches the end. */
  options.progress = tessera_test_record_progress;
  options.progress_data = &progress;
  g_assert_true (tessera_test_export_full (f->project, tessera_export_report_json, &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.total, >, 0);
  g_assert_cmpuint (progress.done, ==, progress.total);

  /* Cancelling stops the export with an error. */
  options.progress = cancel_on_progress;
  options.progress_data = cancellable;
  options.cancellable = cancellable;
  g_assert_false (tessera_test_export_full (f->project, tessera_export_report_json, &options, NULL, &error));
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/report/counts", Fixture, NULL, fixture_setup, test_counts,
              tessera_test_project_teardown);
  g_test_add ("/report/events", Fixture, NULL, fixture_setup, test_events,
              tessera_test_project_teardown);
  g_test_add ("/report/empty", Fixture, NULL, fixture_setup, test_empty,
              tessera_test_project_teardown);
  g_test_add ("/report/progress-and-cancel", Fixture, NULL, fixture_setup, test_progress_and_cancel,
              tessera_test_project_teardown);

  return g_test_run ();
}
