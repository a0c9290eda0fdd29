/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-coded-event"

#include "config.h"

#include <string.h>

#include "tessera-coded-event.h"
#include "tessera-error.h"
#include "tessera-history.h"
#include "tessera-test-util.h"

/* Three fictional reports of one clash, linked as one event: two of
 * Monday 4 March 2024 carry the same wire paragraph ("at least 8 dead"),
 * one of Sunday 3 March says "Tens of fighters". One record: the event
 * on Friday 1 March, 8 fatalities (the conservative figure) with 10
 * reported and disputed, 3 reports, 2 independent sources. */

static const char wire[] =
  "Clashes erupted on Friday near Anefis, leaving at least 8 dead, local officials said. "
  "The army and the rebel coalition have been fighting for control of the road north since the "
  "ceasefire collapsed in the autumn, according to residents reached by telephone.";

typedef struct
{
  TesseraTestProject base;
  gint64             cluster;
} Fixture;

static void
add_report (Fixture    *f,
            const char *uid,
            const char *outlet,
            const char *published,
            const char *text,
            const char *trigger,
            const char *casualties)
{
  TesseraProject *project = f->base.project;
  g_autoptr(TesseraDocument) doc = tessera_document_new ();
  g_autoptr(GError) error = NULL;
  struct { const char *role, *word, *label; } args[] = {
    { "Time", "Friday", "Date" },
    { "Place", "Anefis", "Place" },
    { "Casualties", casualties, "Quantity" },
  };
  gint64 doc_id, event_id;

  doc->uid = g_strdup (uid);
  doc->title = g_strdup (uid);
  doc->source = g_strdup (outlet);
  doc->published = g_strdup (published);
  doc->text = g_strdup (text);
  doc_id = tessera_test_add_document (project, doc);

  event_id = tessera_project_add_event (project,
                                        tessera_test_tag (project, doc_id, trigger, TESSERA_LABEL_EVENT, "Battle", NULL),
                                        tessera_test_label_id (project, TESSERA_LABEL_EVENT, "Battle"),
                                        NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (args); i++)
    {
      gint64 span = tessera_test_tag (project, doc_id, args[i].word, TESSERA_LABEL_ENTITY, args[i].label, NULL);

      g_assert_true (tessera_project_add_argument (project, event_id,
                                                   tessera_test_label_id (project, TESSERA_LABEL_ROLE, args[i].role),
                                                   span, &error));
      g_assert_no_error (error);
    }
  g_assert_true (tessera_project_add_cluster_member (f->base.project, f->cluster, 0, event_id, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *with_lead = g_strconcat ("ANEFIS, Mali — ", wire, " Markets stayed closed.", NULL);
  g_autofree char *with_tail = g_strconcat (wire, " The governor called for calm on Sunday evening.", NULL);
  g_autoptr(GError) error = NULL;

  tessera_test_project_setup (&f->base, data);
  f->cluster = tessera_project_add_cluster (f->base.project, TESSERA_LABEL_EVENT, "Clash near Anefis", &error);
  g_assert_no_error (error);
  add_report (f, "sahel-wire", "Sahel Wire", "2024-03-04", with_lead, "Clashes", "at least 8 dead");
  add_report (f, "kidal-daily", "Kidal Daily", "2024-03-04", with_tail, "Clashes", "at least 8 dead");
  add_report (f, "radio-nord", "Radio Nord", "2024-03-03",
              "Tens of fighters were killed on Friday near Anefis in fighting between the army and rebels, "
              "a doctor at the district hospital told our correspondent.",
              "killed", "Tens of fighters");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tessera_test_project_teardown (&f->base, data);
}

static gboolean
has_string (GPtrArray  *strings,
            const char *s)
{
  return g_ptr_array_find_with_equal_func (strings, s, g_str_equal, NULL);
}

static void
test_one_record (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(TesseraDuplicates) duplicates = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  const TesseraCodedEvent *record;
  gint64 reported[3];

  duplicates = tessera_duplicates_find (f->base.project, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  records = tessera_coded_events_build (f->base.project, duplicates, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);

  g_assert_cmpstr (record->name, ==, "Clash near Anefis");
  g_assert_cmpstr (record->event_type, ==, "Battle");
  /* "Friday" in reports of Sunday 3 and Monday 4 March: Friday 1 March. */
  g_assert_cmpstr (record->event_date, ==, "2024-03-01");
  g_assert_cmpint (record->time_precision, ==, 1);
  g_assert_cmpstr (record->location, ==, "Anefis");

  /* The conservative figure, each report's kept, the dispute noted. */
  g_assert_cmpint (record->fatalities, ==, 8);
  g_assert_cmpuint (record->fatalities_reported->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    reported[i] = ((TesseraFatalityReport *) g_ptr_array_index (record->fatalities_reported, i))->value;
  g_assert_cmpint (MAX (MAX (reported[0], reported[1]), reported[2]), ==, 10);
  g_assert_cmpint (MIN (MIN (reported[0], reported[1]), reported[2]), ==, 8);
  g_assert_true (has_string (record->disputed, "fatalities"));
  g_assert_false (has_string (record->disputed, "event_date"));
  g_assert_nonnull (strstr (record->notes, "10 (Radio Nord)"));

  /* Three reports, three outlets, two independent sources: the two
   * carrying the wire count once. */
  g_assert_cmpuint (record->n_reports, ==, 3);
  g_assert_cmpuint (record->sources->len, ==, 3);
  g_assert_cmpuint (record->independent_sources, ==, 2);
  /* And which repeats which: of two copies of the same day, the lower
   * document id (Sahel Wire, added first) is the source. */
  g_assert_cmpuint (record->copies->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (record->copies, 0), ==, "Kidal Daily\tSahel Wire");
  g_assert_nonnull (strstr (record->notes, "Kidal Daily repeats Sahel Wire's wire copy."));

  /* Without the duplicates analysis, each report is its own source. */
  g_clear_pointer (&records, g_ptr_array_unref);
  records = tessera_coded_events_build (f->base.project, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((TesseraCodedEvent *) g_ptr_array_index (records, 0))->independent_sources, ==, 3);
}

/* The command line says the same, as one ACLED-shaped CSV row (RFC 4180:
 * the note, which has commas, quoted) and as JSON. */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(TesseraTestCliResult) csv = NULL;
  g_autoptr(TesseraTestCliResult) json = NULL;
  g_auto(GStrv) lines = NULL;

  tessera_test_project_close (&f->base);
  csv = tessera_test_run_cli ("events", f->base.path, "--format", "csv", NULL);
  g_assert_cmpint (csv->status, ==, 0);
  lines = g_strsplit (csv->out, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "event_date,time_precision,event_type,actor1,actor2,location,fatalities,"
                                 "source,notes,reports,independent_sources,disputed,set_by_hand");
  /* Sources in the order of the table: by date, then outlet. */
  g_test_message ("%s", lines[1]);
  g_assert_true (g_str_has_prefix (lines[1], "2024-03-01,1,Battle,,,Anefis,8,Radio Nord; Kidal Daily; Sahel Wire,"
                                             "\"Fatalities: 10 (Radio Nord); 8 (Kidal Daily, Sahel Wire). "
                                             "Kidal Daily repeats Sahel Wire's wire copy.\","));
  g_assert_true (g_str_has_suffix (lines[1], ",3,2,fatalities,"));
  g_assert_cmpstr (lines[2], ==, "");

  json = tessera_test_run_cli ("events", f->base.path, NULL);
  g_assert_cmpint (json->status, ==, 0);
  g_assert_nonnull (strstr (json->out, "\"event_date\": \"2024-03-01\""));
  g_assert_nonnull (strstr (json->out, "\"fatalities\": 8"));
  g_assert_nonnull (strstr (json->out, "\"independent_sources\": 2"));
  g_assert_nonnull (strstr (json->out, "\"value_kind\": \"word\""));
  g_assert_nonnull (strstr (json->out, "\"report\": \"Kidal Daily\""));
  g_assert_nonnull (strstr (json->out, "\"repeats\": \"Sahel Wire\""));
}

static const TesseraCodedEvent *
only_record (GPtrArray *records)
{
  g_assert_cmpuint (records->len, ==, 1);
  return g_ptr_array_index (records, 0);
}

static GPtrArray *
build_records (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = tessera_coded_events_build (f->base.project, NULL, 0, &error);

  g_assert_no_error (error);
  return records;
}

/* The analyst reads the fatalities as 10 and the place as "near Anefis":
 * one undo step, stored in the project (it survives closing), marked as
 * set by hand with what the reports gave, in the record and the exports;
 * a value that is not one is refused and changes nothing; undo gives the
 * fields back to the reports. */
static void
test_overrides (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TesseraHistory) history = tessera_history_new (f->base.project);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraTestCliResult) csv = NULL;
  g_autoptr(TesseraTestCliResult) json = NULL;
  g_autoptr(TesseraTestCliResult) report = NULL;
  const char *coded;
  const char *fields[] = { "fatalities", "location", "actor1", NULL };
  const char *values[] = { "10", "near Anefis", "", NULL };
  const char *bad_fields[] = { "event_date", NULL };
  const char *bad_values[] = { "Friday", NULL };
  const TesseraCodedEvent *record;
  g_auto(GStrv) lines = NULL;

  g_assert_true (tessera_history_set_coded_fields (history, f->cluster, fields, values, &error));
  g_assert_no_error (error);
  g_assert_true (tessera_history_can_undo (history));

  records = build_records (f);
  record = only_record (records);
  g_assert_cmpint (record->fatalities, ==, 10);
  g_assert_cmpstr (record->location, ==, "near Anefis");
  /* An empty value sets nothing. */
  g_assert_null (record->actor1);
  g_assert_cmpuint (record->set_by_hand->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (record->set_by_hand, 0), ==, "location");
  g_assert_cmpstr (g_ptr_array_index (record->reports_gave, 0), ==, "Anefis");
  g_assert_cmpstr (g_ptr_array_index (record->set_by_hand, 1), ==, "fatalities");
  g_assert_cmpstr (g_ptr_array_index (record->reports_gave, 1), ==, "8");
  /* What each report said stays underneath. */
  g_assert_cmpuint (record->fatalities_reported->len, ==, 3);

  /* Not a day: refused, with the field and the value in the message. */
  g_assert_false (tessera_history_set_coded_fields (history, f->cluster, bad_fields, bad_values, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "event_date"));
  g_assert_nonnull (strstr (error->message, "Friday"));
  g_clear_error (&error);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = build_records (f);
  g_assert_cmpstr (only_record (records)->event_date, ==, "2024-03-01");

  /* Stored in the file: the command line, on the closed project, says so. */
  tessera_test_project_close (&f->base);
  csv = tessera_test_run_cli ("events", f->base.path, "--format", "csv", NULL);
  g_assert_cmpint (csv->status, ==, 0);
  lines = g_strsplit (csv->out, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[1], "2024-03-01,1,Battle,,,near Anefis,10,"));
  g_assert_true (g_str_has_suffix (lines[1], ",3,2,fatalities,location; fatalities"));
  json = tessera_test_run_cli ("events", f->base.path, NULL);
  g_assert_cmpint (json->status, ==, 0);
  g_assert_nonnull (strstr (json->out, "\"field\": \"fatalities\""));
  g_assert_nonnull (strstr (json->out, "\"reports_gave\": \"8\""));
  /* The report export carries the record under its cluster. */
  report = tessera_test_run_cli ("export", f->base.path, "--format", "report", NULL);
  g_assert_cmpint (report->status, ==, 0);
  coded = strstr (report->out, "\"coded\": {");
  g_assert_nonnull (coded);
  g_assert_nonnull (strstr (coded, "\"event_date\": \"2024-03-01\""));
  g_assert_nonnull (strstr (coded, "\"fatalities\": 10"));
  g_assert_nonnull (strstr (coded, "\"independent_sources\": 2"));
  g_assert_nonnull (strstr (coded, "\"field\": \"location\""));
  tessera_test_project_reopen (&f->base);

  /* Undo: the reports' reading again, nothing set by hand. */
  g_clear_object (&history);
  history = tessera_history_new (f->base.project);
  g_assert_true (tessera_history_set_coded_fields (history, f->cluster,
                                                   (const char *[]) { "fatalities", NULL },
                                                   (const char *[]) { "12", NULL }, &error));
  g_assert_no_error (error);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = build_records (f);
  g_assert_cmpint (only_record (records)->fatalities, ==, 12);
  g_assert_true (tessera_history_undo (history, &error));
  g_assert_no_error (error);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = build_records (f);
  g_assert_cmpint (only_record (records)->fatalities, ==, 10);

  /* Deleting the cluster takes its fields; undoing that brings them back. */
  g_assert_true (tessera_history_delete_cluster (history, f->cluster, &error));
  g_assert_no_error (error);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = tessera_project_list_coded_overrides (f->base.project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 0);
  g_assert_true (tessera_history_undo (history, &error));
  g_assert_no_error (error);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = build_records (f);
  g_assert_cmpint (only_record (records)->fatalities, ==, 10);
  g_assert_cmpstr (only_record (records)->location, ==, "near Anefis");
}

/* An event in no cluster is a record of its own: one report, its date
 * read against its publication, no dispute. And --annotator reads only
 * what that annotator made. */
static void
test_unlinked_and_annotator (Fixture       *f,
                             gconstpointer  data)
{
  TesseraProject *project = f->base.project;
  g_autoptr(TesseraDocument) doc = tessera_document_new ();
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraTestCliResult) csv = NULL;
  g_autoptr(TesseraTestCliResult) unknown = NULL;
  g_autoptr(TesseraTestCliResult) report = NULL;
  const TesseraCodedEvent *record;
  const char *coded;
  g_auto(GStrv) lines = NULL;
  gint64 doc_id, event_id, place;

  tessera_project_set_annotator (project, "curator");
  doc->uid = g_strdup ("menaka");
  doc->title = g_strdup ("Convoy ambushed 🚙 near Ménaka");
  doc->source = g_strdup ("Ménaka FM");
  doc->published = g_strdup ("2024-03-10");
  doc->text = g_strdup ("🚙 Gunmen ambushed a convoy near Ménaka yesterday, killing 3 soldiers.");
  doc_id = tessera_test_add_document (project, doc);
  event_id = tessera_project_add_event (project,
                                        tessera_test_tag (project, doc_id, "ambushed", TESSERA_LABEL_EVENT, "ViolenceAgainstCivilians", NULL),
                                        tessera_test_label_id (project, TESSERA_LABEL_EVENT, "ViolenceAgainstCivilians"),
                                        NULL, NULL, &error);
  g_assert_no_error (error);
  place = tessera_test_tag (project, doc_id, "Ménaka", TESSERA_LABEL_ENTITY, "Place", NULL);
  g_assert_true (tessera_project_add_argument (project, event_id,
                                               tessera_test_label_id (project, TESSERA_LABEL_ROLE, "Place"),
                                               place, &error));
  g_assert_true (tessera_project_add_argument (project, event_id,
                                               tessera_test_label_id (project, TESSERA_LABEL_ROLE, "Time"),
                                               tessera_test_tag (project, doc_id, "yesterday",
                                                                 TESSERA_LABEL_ENTITY, "Date", NULL),
                                               &error));
  g_assert_no_error (error);

  records = build_records (f);
  g_assert_cmpuint (records->len, ==, 2);
  record = g_ptr_array_index (records, 1);
  g_assert_cmpint (record->cluster_id, ==, 0);
  g_assert_cmpint (record->event_id, ==, event_id);
  g_assert_cmpstr (record->event_type, ==, "ViolenceAgainstCivilians");
  g_assert_cmpstr (record->event_date, ==, "2024-03-09");
  g_assert_cmpstr (record->location, ==, "Ménaka");
  g_assert_cmpuint (record->n_reports, ==, 1);
  g_assert_cmpuint (record->independent_sources, ==, 1);
  g_assert_cmpuint (record->disputed->len, ==, 0);
  g_assert_nonnull (strstr (record->name, "Ménaka"));

  /* Only the curator's: the Anefis reports were made by someone else. */
  g_clear_pointer (&records, g_ptr_array_unref);
  records = tessera_coded_events_build (project, NULL, tessera_project_find_annotator (project, "curator"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (only_record (records)->location, ==, "Ménaka");

  tessera_test_project_close (&f->base);
  csv = tessera_test_run_cli ("events", f->base.path, "--format", "csv", "--annotator", "curator", NULL);
  g_assert_cmpint (csv->status, ==, 0);
  lines = g_strsplit (csv->out, "\r\n", -1);
  g_assert_cmpstr (lines[1], ==, "2024-03-09,1,ViolenceAgainstCivilians,,,Ménaka,,Ménaka FM,,1,1,,");
  g_assert_cmpstr (lines[2], ==, "");
  /* The report carries the record under the event, and none under the
   * cluster, whose reports the curator did not make. */
  report = tessera_test_run_cli ("export", f->base.path, "--format", "report", "--annotator", "curator", NULL);
  g_assert_cmpint (report->status, ==, 0);
  coded = strstr (report->out, "\"coded\": {");
  g_assert_nonnull (coded);
  g_assert_nonnull (strstr (coded, "\"event_date\": \"2024-03-09\""));
  g_assert_null (strstr (coded + 1, "\"coded\": {"));
  unknown = tessera_test_run_cli ("events", f->base.path, "--annotator", "nobody", NULL);
  g_assert_cmpint (unknown->status, !=, 0);
  g_assert_nonnull (strstr (unknown->err, "nobody"));
}

/* An actor in an entity cluster is named by the cluster: two reports
 * whose Agent ("army", "the army") is linked to "Malian Armed Forces"
 * agree on it against the third's "rebels", which is noted. */
static void
test_actor_cluster (Fixture       *f,
                    gconstpointer  data)
{
  TesseraProject *project = f->base.project;
  g_autoptr(GArray) members = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  const TesseraCodedEvent *record;
  gint64 forces;
  guint linked = 0;

  members = tessera_project_list_cluster_members (project, f->cluster, &error);
  g_assert_no_error (error);
  forces = tessera_project_add_cluster (project, TESSERA_LABEL_ENTITY, "Malian Armed Forces", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < members->len; i++)
    {
      const TesseraClusterMember *m = &g_array_index (members, TesseraClusterMember, i);
      g_autoptr(TesseraDocument) doc = tessera_project_get_document (project, m->document_id, FALSE, &error);
      gboolean radio = g_str_equal (doc->source, "Radio Nord");
      gint64 agent = tessera_test_tag (project, m->document_id, radio ? "rebels" : "army",
                                       TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);

      g_assert_true (tessera_project_add_argument (project, m->event_id,
                                                   tessera_test_label_id (project, TESSERA_LABEL_ROLE, "Agent"),
                                                   agent, &error));
      g_assert_no_error (error);
      if (!radio)
        {
          g_assert_true (tessera_project_add_cluster_member (project, forces, agent, 0, &error));
          g_assert_no_error (error);
          linked++;
        }
    }
  g_assert_cmpuint (linked, ==, 2);

  records = build_records (f);
  record = only_record (records);
  g_assert_cmpstr (record->actor1, ==, "Malian Armed Forces");
  g_assert_true (has_string (record->disputed, "actor1"));
  g_assert_nonnull (strstr (record->notes, "Malian Armed Forces (Kidal Daily, Sahel Wire)"));
  g_assert_nonnull (strstr (record->notes, "rebels (Radio Nord)"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/coded-event/one-record", Fixture, NULL, fixture_set_up, test_one_record, fixture_tear_down);
  g_test_add ("/coded-event/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  g_test_add ("/coded-event/actor-cluster", Fixture, NULL, fixture_set_up, test_actor_cluster, fixture_tear_down);
  g_test_add ("/coded-event/overrides", Fixture, NULL, fixture_set_up, test_overrides, fixture_tear_down);
  g_test_add ("/coded-event/unlinked-and-annotator", Fixture, NULL, fixture_set_up,
              test_unlinked_and_annotator, fixture_tear_down);

  return g_test_run ();
}
