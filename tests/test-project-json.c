/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-project-json"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "tessera-error.h"
#include "tessera-formats.h"
#include "tessera-project.h"
#include "tessera-test-util.h"

typedef TesseraTestProject Fixture;

static gint64
add_document (TesseraProject *project,
              const char     *uid,
              const char     *title,
              const char     *source,
              const char     *text)
{
  g_autoptr(TesseraDocument) doc = tessera_document_new ();

  doc->uid = g_strdup (uid);
  doc->title = g_strdup (title);
  doc->source = g_strdup (source);
  doc->published = g_strdup ("2023-11-14");
  doc->language = g_strdup ("en");
  doc->text = g_strdup (text);

  return tessera_test_add_document (project, doc);
}

/* The id of the role @name. */
static gint64
role (TesseraProject *project,
      const char     *name)
{
  return tessera_test_label_id (project, TESSERA_LABEL_ROLE, name);
}

#define RAID_TEXT "Militia fighters attacked the base near Amaru on Monday. Officials denied any losses."
#define CAMP_TEXT "Le camp de Tessit 🇲🇱 a été bombardé, selon l’armée malienne."

/* Two documents with spans by two annotators, notes, events with
 * arguments, stances toward an event and toward a span, gaps in the ids
 * (deleted objects), a renamed label and a project name. */
static void
build_project (TesseraProject *project)
{
  g_autoptr(GError) error = NULL;
  gint64 raid, camp;
  gint64 militia, attacked, base, amaru, monday, officials, denied, losses, doomed;
  gint64 bombarde, armee, selon, tessit;
  gint64 event, old_event;

  g_assert_true (tessera_project_set_name (project, "Sahel desk", &error));
  g_assert_no_error (error);

  raid = add_document (project, "raid-1", "Raid near Amaru", "Example Wire", RAID_TEXT);
  camp = add_document (project, "camp-2", "Tessit", "Radio Exemple", CAMP_TEXT);

  tessera_project_set_annotator (project, "ana");
  militia = tessera_test_tag (project, raid, "Militia fighters", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  doomed = tessera_test_tag (project, raid, "fighters", TESSERA_LABEL_ENTITY, "Person", NULL);
  attacked = tessera_test_tag (project, raid, "attacked", TESSERA_LABEL_EVENT, "Battle", NULL);
  base = tessera_test_tag (project, raid, "the base", TESSERA_LABEL_ENTITY, "Facility", "a camp, maybe");
  amaru = tessera_test_tag (project, raid, "Amaru", TESSERA_LABEL_ENTITY, "Place", NULL);
  monday = tessera_test_tag (project, raid, "Monday", TESSERA_LABEL_ENTITY, "Date", NULL);
  tessera_project_set_annotator (project, "ben");
  officials = tessera_test_tag (project, raid, "Officials", TESSERA_LABEL_ENTITY, "Person", NULL);
  denied = tessera_test_tag (project, raid, "denied", TESSERA_LABEL_STANCE, "denies", NULL);
  losses = tessera_test_tag (project, raid, "losses", TESSERA_LABEL_ENTITY, "Quantity", NULL);

  tessera_project_delete_span (project, doomed, &error);
  g_assert_no_error (error);

  old_event = tessera_project_add_event (project, attacked,
                                         tessera_test_label_id (project, TESSERA_LABEL_EVENT, "Battle"),
                                         NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_project_delete_event (project, old_event, &error));
  g_assert_no_error (error);

  event = tessera_project_add_event (project, attacked,
                                     tessera_test_label_id (project, TESSERA_LABEL_EVENT, "Battle"),
                                     "claimed", "confirmed", &error);
  g_assert_no_error (error);
  g_assert_true (tessera_project_add_argument (project, event, role (project, "Agent"), militia, &error));
  g_assert_true (tessera_project_add_argument (project, event, role (project, "Target"), base, &error));
  g_assert_true (tessera_project_add_argument (project, event, role (project, "Place"), amaru, &error));
  g_assert_true (tessera_project_add_argument (project, event, role (project, "Time"), monday, &error));
  g_assert_true (tessera_project_add_argument (project, event, role (project, "Casualties"), losses, &error));
  g_assert_no_error (error);

  g_assert_cmpint (tessera_project_add_stance (project, denied,
                                               tessera_test_label_id (project, TESSERA_LABEL_STANCE, "denies"),
                                               officials, event, 0, &error), >, 0);
  g_assert_no_error (error);

  tessera_project_set_annotator (project, "ana");
  tessit = tessera_test_tag (project, camp, "Tessit", TESSERA_LABEL_ENTITY, "Place", NULL);
  bombarde = tessera_test_tag (project, camp, "bombardé", TESSERA_LABEL_EVENT, "RemoteViolence", NULL);
  selon = tessera_test_tag (project, camp, "selon", TESSERA_LABEL_STANCE, "reports", NULL);
  armee = tessera_test_tag (project, camp, "l’armée malienne", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  event = tessera_project_add_event (project, bombarde,
                                     tessera_test_label_id (project, TESSERA_LABEL_EVENT, "RemoteViolence"),
                                     NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_project_add_argument (project, event, role (project, "Place"), tessit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tessera_project_add_stance (project, selon,
                                               tessera_test_label_id (project, TESSERA_LABEL_STANCE, "reports"),
                                               armee, 0, bombarde, &error), >, 0);
  g_assert_no_error (error);

  g_assert_true (tessera_project_set_document_status (project, raid, TESSERA_STATUS_DONE, &error));
  g_assert_true (tessera_project_update_label (project,
                                               tessera_test_label_id (project, TESSERA_LABEL_ENTITY, "ArmedGroup"),
                                               "Combatants", "#aa0000", NULL, &error));
  g_assert_no_error (error);
}

/* A backup restored into a new project exports exactly like the original. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *backup = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *jsonl_source = NULL;
  g_autofree char *jsonl_restored = NULL;
  g_autofree char *restored_name = NULL;
  g_autofree char *second_backup = NULL;
  g_autoptr(TesseraProject) restored = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  TesseraImportReport report;
  JsonObject *root;
  const TesseraLabel *renamed;

  build_project (fixture->project);
  backup = tessera_test_export (fixture->project, tessera_export_project_json);

  /* The envelope. */
  json_parser_load_from_data (parser, backup, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "tessera-project");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (root, "offset_unit"), ==, "codepoint");
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, "Sahel desk");
  g_assert_true (json_object_has_member (json_object_get_object_member (root, "schema"), "entities"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "documents")), ==, 2);

  backup_path = tessera_test_write_file (fixture->dir, "backup.json", backup, -1);
  restored = tessera_test_create_project (fixture->dir, "restored.tessera", NULL);
  tessera_import_report_init (&report);
  g_assert_true (tessera_test_import (restored, backup_path, FALSE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_documents, ==, 2);
  g_assert_cmpuint (report.n_spans, ==, 12);
  g_assert_cmpuint (report.n_events, ==, 2);
  g_assert_cmpuint (report.n_stances, ==, 2);
  tessera_import_report_clear (&report);

  restored_name = tessera_project_dup_name (restored);
  g_assert_cmpstr (restored_name, ==, "Sahel desk");
  renamed = tessera_project_find_label (restored, TESSERA_LABEL_ENTITY, "Combatants");
  g_assert_nonnull (renamed);
  g_assert_cmpstr (renamed->color, ==, "#aa0000");
  g_assert_null (tessera_project_find_label (restored, TESSERA_LABEL_ENTITY, "ArmedGroup"));

  jsonl_source = tessera_test_export (fixture->project, tessera_export_jsonl);
  jsonl_restored = tessera_test_export (restored, tessera_export_jsonl);
  g_assert_cmpstr (jsonl_restored, ==, jsonl_source);
  g_assert_nonnull (strstr (jsonl_source, "\"label\":\"Combatants\""));

  /* Events and stances keep who made them: ben, for the raid's. */
  {
    g_autoptr(GPtrArray) records = tessera_test_parse_jsonl (jsonl_restored);
    JsonObject *raid = json_node_get_object (records->pdata[0]);
    JsonArray *events = json_object_get_array_member (raid, "events");
    JsonArray *stances = json_object_get_array_member (raid, "stances");

    g_assert_cmpstr (json_object_get_string_member (raid, "id"), ==, "raid-1");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 0), "annotator"),
                     ==, "ben");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stances, 0), "annotator"),
                     ==, "ben");
  }

  second_backup = tessera_test_export (restored, tessera_export_project_json);
  g_assert_cmpstr (second_backup, ==, backup);

  tessera_project_close (restored);
}

/* Into a project that has documents, the schema stays and labels the file
 * uses must exist: the error names the file, the document and the span,
 * and nothing is written. */
static void
test_import_into_nonempty (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *backup = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *other_path = NULL;
  g_autofree char *hash_before = NULL;
  g_autofree char *hash_after = NULL;
  g_autoptr(TesseraProject) other = NULL;
  g_autoptr(GError) error = NULL;

  build_project (fixture->project);
  backup = tessera_test_export (fixture->project, tessera_export_project_json);
  backup_path = tessera_test_write_file (fixture->dir, "backup.json", backup, -1);

  other = tessera_test_create_project (fixture->dir, "other.tessera", &other_path);
  add_document (other, "mine", "Mine", NULL, "A document of my own.");
  tessera_project_close (other);
  g_clear_object (&other);
  hash_before = tessera_test_file_sha256 (other_path);

  other = tessera_test_open_project (other_path, TESSERA_OPEN_DEFAULT);
  g_assert_false (tessera_test_import (other, backup_path, FALSE, NULL, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "backup.json: document 1 (uid \"raid-1\"): span \"s1\" has unknown label \"Combatants\""));
  g_assert_cmpint (tessera_project_count_documents (other), ==, 1);
  g_assert_nonnull (tessera_project_find_label (other, TESSERA_LABEL_ENTITY, "ArmedGroup"));
  tessera_project_close (other);
  g_clear_object (&other);

  hash_after = tessera_test_file_sha256 (other_path);
  g_assert_cmpstr (hash_after, ==, hash_before);
}

/* With the labels in place, the documents are added next to what is there. */
static void
test_import_merges_compatible (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *backup = NULL;
  g_autofree char *backup_path = NULL;
  g_autoptr(TesseraProject) other = NULL;
  g_autoptr(TesseraDocument) raid = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  TesseraImportReport report;

  build_project (fixture->project);
  backup = tessera_test_export (fixture->project, tessera_export_project_json);
  backup_path = tessera_test_write_file (fixture->dir, "backup.json", backup, -1);

  other = tessera_test_create_project (fixture->dir, "other.tessera", NULL);
  add_document (other, "mine", "Mine", NULL, "A document of my own.");
  g_assert_cmpint (tessera_project_add_label (other, TESSERA_LABEL_ENTITY, "Combatants", "#123456", NULL, &error), >, 0);
  g_assert_no_error (error);

  tessera_import_report_init (&report);
  g_assert_true (tessera_test_import (other, backup_path, FALSE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_documents, ==, 2);
  g_assert_cmpuint (report.n_spans, ==, 12);
  tessera_import_report_clear (&report);

  g_assert_cmpint (tessera_project_count_documents (other), ==, 3);
  raid = tessera_project_find_document (other, "raid-1", FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (raid);
  g_assert_cmpint (raid->status, ==, TESSERA_STATUS_DONE);
  spans = tessera_project_list_spans (other, raid->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 8);

  tessera_project_close (other);
}

/* --- fields of a coded record set by hand ---------------------------- */

typedef struct
{
  const char *field;
  const char *value;
  const char *annotator;   /* NULL: nobody known */
  gint64      set_at;
} SetByHand;

/* In the order tessera_project_list_coded_overrides() gives them. */
static const SetByHand set_by_hand[] = {
  { "time_precision", "1", "ben", 1700000100 },
  { "fatalities", "10", "ana", 1700000200 },
  { "notes", "The army says none.\nWitnesses say ten.", NULL, 1700000300 },
};

static void
set_field (TesseraProject *project,
           gint64          cluster_id,
           const char     *field,
           const char     *value,
           const char     *annotator,
           gint64          set_at)
{
  g_autoptr(GError) error = NULL;
  TesseraCodedOverride o = { 0 };

  o.cluster_id = cluster_id;
  o.field = (char *) field;
  o.value = (char *) value;
  o.annotator_id = annotator != NULL ? tessera_project_get_annotator_id (project, annotator, &error) : 0;
  g_assert_no_error (error);
  o.set_at = set_at;
  g_assert_true (tessera_project_set_coded_override (project, &o, &error));
  g_assert_no_error (error);
}

/* On top of build_project(): an event cluster made first (id 1) of the
 * two documents' events, with set_by_hand[] set, and an entity cluster
 * (id 2) with nothing set. Returns the event cluster's id. */
static gint64
add_coded_clusters (TesseraProject *project)
{
  g_autoptr(GError) error = NULL;
  const char *uids[] = { "raid-1", "camp-2" };
  gint64 raid, militia;

  raid = tessera_project_add_cluster (project, TESSERA_LABEL_EVENT, "Amaru raid", &error);
  g_assert_no_error (error);
  g_assert_cmpint (raid, ==, 1);
  militia = tessera_project_add_cluster (project, TESSERA_LABEL_ENTITY, "The militia", &error);
  g_assert_no_error (error);
  g_assert_cmpint (militia, ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (uids); i++)
    {
      g_autoptr(TesseraDocument) doc = tessera_project_find_document (project, uids[i], FALSE, &error);
      g_autoptr(GPtrArray) events = NULL;

      g_assert_no_error (error);
      events = tessera_project_list_events (project, doc->id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (events->len, ==, 1);
      g_assert_true (tessera_project_add_cluster_member (project, raid, 0,
                                                         ((TesseraEvent *) events->pdata[0])->id, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (set_by_hand); i++)
    set_field (project, raid, set_by_hand[i].field, set_by_hand[i].value,
               set_by_hand[i].annotator, set_by_hand[i].set_at);

  return raid;
}

/* The id of the @kind cluster called @name, which must exist. */
static gint64
find_cluster (TesseraProject   *project,
              TesseraLabelKind  kind,
              const char       *name)
{
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(GError) error = NULL;

  clusters = tessera_project_list_clusters (project, kind, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < clusters->len; i++)
    {
      const TesseraCluster *cluster = clusters->pdata[i];

      if (g_str_equal (cluster->name, name))
        return cluster->id;
    }
  g_assert_not_reached ();
}

/* What cluster @id of @project has set by hand is @expected (@n of them). */
static void
assert_set_by_hand (TesseraProject  *project,
                    gint64           id,
                    const SetByHand *expected,
                    guint            n)
{
  g_autoptr(GPtrArray) overrides = NULL;
  g_autoptr(GError) error = NULL;

  overrides = tessera_project_list_coded_overrides (project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (overrides->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const TesseraCodedOverride *o = overrides->pdata[i];

      g_assert_cmpint (o->cluster_id, ==, id);
      g_assert_cmpstr (o->field, ==, expected[i].field);
      g_assert_cmpstr (o->value, ==, expected[i].value);
      g_assert_cmpstr (o->annotator_id != 0 ? tessera_project_get_annotator_name (project, o->annotator_id) : NULL,
                       ==, expected[i].annotator);
      g_assert_cmpint (o->set_at, ==, expected[i].set_at);
    }
}

/* The backup carries what the analyst set by hand on the event cluster;
 * restored into a project where the cluster's id is taken, it is on the
 * cluster as the project numbers it now, and the project's own cluster
 * keeps what it had. */
static void
test_set_by_hand_round_trip (Fixture       *fixture,
                             gconstpointer  data)
{
  static const SetByHand theirs[] = { { "fatalities", "2", "cy", 1600000000 } };
  g_autofree char *backup = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *second_backup = NULL;
  g_autoptr(TesseraProject) restored = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *clusters, *fields;
  JsonObject *entity, *event, *field;
  gint64 elsewhere, raid;

  build_project (fixture->project);
  add_coded_clusters (fixture->project);
  backup = tessera_test_export (fixture->project, tessera_export_project_json);

  /* The shape: on the event cluster only, in the order of the fields. */
  json_parser_load_from_data (parser, backup, -1, &error);
  g_assert_no_error (error);
  clusters = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "clusters");
  g_assert_cmpuint (json_array_get_length (clusters), ==, 2);
  entity = json_array_get_object_element (clusters, 0);
  event = json_array_get_object_element (clusters, 1);
  g_assert_cmpstr (json_object_get_string_member (entity, "kind"), ==, "entity");
  g_assert_false (json_object_has_member (entity, "set_by_hand"));
  g_assert_cmpstr (json_object_get_string_member (event, "id"), ==, "c1");
  g_assert_cmpstr (json_object_get_string_member (event, "kind"), ==, "event");
  fields = json_object_get_array_member (event, "set_by_hand");
  g_assert_cmpuint (json_array_get_length (fields), ==, G_N_ELEMENTS (set_by_hand));
  field = json_array_get_object_element (fields, 1);
  g_assert_cmpstr (json_object_get_string_member (field, "field"), ==, "fatalities");
  g_assert_cmpstr (json_object_get_string_member (field, "value"), ==, "10");
  g_assert_cmpstr (json_object_get_string_member (field, "annotator"), ==, "ana");
  g_assert_cmpint (json_object_get_int_member (field, "set_at"), ==, 1700000200);
  field = json_array_get_object_element (fields, 2);
  g_assert_false (json_object_has_member (field, "annotator"));
  g_assert_nonnull (strstr (backup, "\"set_by_hand\":[{\"field\":\"time_precision\",\"value\":\"1\","
                                    "\"annotator\":\"ben\",\"set_at\":1700000100}"));

  /* A project with no documents yet, whose own cluster holds id 1. */
  backup_path = tessera_test_write_file (fixture->dir, "backup.json", backup, -1);
  restored = tessera_test_create_project (fixture->dir, "restored.tessera", NULL);
  elsewhere = tessera_project_add_cluster (restored, TESSERA_LABEL_EVENT, "Elsewhere", &error);
  g_assert_no_error (error);
  g_assert_cmpint (elsewhere, ==, 1);
  set_field (restored, elsewhere, theirs[0].field, theirs[0].value, theirs[0].annotator, theirs[0].set_at);

  g_assert_true (tessera_test_import (restored, backup_path, FALSE, NULL, &error));
  g_assert_no_error (error);

  raid = find_cluster (restored, TESSERA_LABEL_EVENT, "Amaru raid");
  g_assert_cmpint (raid, !=, 1);
  assert_set_by_hand (restored, raid, set_by_hand, G_N_ELEMENTS (set_by_hand));
  assert_set_by_hand (restored, elsewhere, theirs, G_N_ELEMENTS (theirs));
  assert_set_by_hand (restored, find_cluster (restored, TESSERA_LABEL_ENTITY, "The militia"), NULL, 0);

  /* And a backup of the restored project carries them again. */
  second_backup = tessera_test_export (restored, tessera_export_project_json);
  g_assert_nonnull (strstr (second_backup, "\"set_by_hand\":[{\"field\":\"time_precision\",\"value\":\"1\","
                                           "\"annotator\":\"ben\",\"set_at\":1700000100}"));
  g_assert_nonnull (strstr (second_backup, "\"set_by_hand\":[{\"field\":\"fatalities\",\"value\":\"2\","
                                           "\"annotator\":\"cy\",\"set_at\":1600000000}]"));

  tessera_project_close (restored);
}

/* A backup merged back into the project it came from sets what it has,
 * but a field the analyst set again since then keeps the newer value. */
static void
test_set_by_hand_merge_keeps_newer (Fixture       *fixture,
                                    gconstpointer  data)
{
  static const SetByHand expected[] = {
    { "time_precision", "1", "ben", 1700000100 },
    { "fatalities", "12", "ben", 1700000900 },
    { "notes", "The army says none.\nWitnesses say ten.", NULL, 1700000300 },
  };
  g_autofree char *backup = NULL;
  g_autofree char *backup_path = NULL;
  g_autoptr(GError) error = NULL;
  TesseraImportReport report;
  gboolean noticed = FALSE;
  gint64 raid;

  build_project (fixture->project);
  raid = add_coded_clusters (fixture->project);
  backup = tessera_test_export (fixture->project, tessera_export_project_json);
  backup_path = tessera_test_write_file (fixture->dir, "backup.json", backup, -1);

  set_field (fixture->project, raid, "fatalities", "12", "ben", 1700000900);
  g_assert_true (tessera_project_remove_coded_override (fixture->project, raid, "notes", &error));
  g_assert_no_error (error);

  tessera_import_report_init (&report);
  g_assert_true (tessera_test_import (fixture->project, backup_path, FALSE, &report, &error));
  g_assert_no_error (error);
  for (guint i = 0; report.notices != NULL && i < report.notices->len; i++)
    {
      g_test_message ("%s", (const char *) report.notices->pdata[i]);
      noticed |= strstr (report.notices->pdata[i], "1 fields set by hand kept") != NULL;
    }
  g_assert_true (noticed);
  tessera_import_report_clear (&report);

  g_assert_cmpint (find_cluster (fixture->project, TESSERA_LABEL_EVENT, "Amaru raid"), ==, raid);
  assert_set_by_hand (fixture->project, raid, expected, G_N_ELEMENTS (expected));
}

/* A value tessera_coded_field_check() refuses: the error names the file,
 * the cluster, the entry and the field, and the project is as it was. */
static void
test_set_by_hand_bad_value (Fixture       *fixture,
                            gconstpointer  data)
{
  static const SetByHand theirs[] = { { "event_date", "2023-11-13", "cy", 1600000000 } };
  g_autofree char *backup = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *target_path = NULL;
  g_autofree char *hash_before = NULL;
  g_autofree char *hash_after = NULL;
  g_autoptr(TesseraProject) target = NULL;
  g_autoptr(GString) tampered = NULL;
  g_autoptr(GError) error = NULL;
  gint64 elsewhere;

  build_project (fixture->project);
  add_coded_clusters (fixture->project);
  backup = tessera_test_export (fixture->project, tessera_export_project_json);
  tampered = g_string_new (backup);
  g_assert_cmpuint (g_string_replace (tampered, "{\"field\":\"time_precision\",\"value\":\"1\"",
                                      "{\"field\":\"time_precision\",\"value\":\"7\"", 0), ==, 1);
  backup_path = tessera_test_write_file (fixture->dir, "backup.json", tampered->str, tampered->len);

  target = tessera_test_create_project (fixture->dir, "target.tessera", &target_path);
  elsewhere = tessera_project_add_cluster (target, TESSERA_LABEL_EVENT, "Elsewhere", &error);
  g_assert_no_error (error);
  set_field (target, elsewhere, theirs[0].field, theirs[0].value, theirs[0].annotator, theirs[0].set_at);
  tessera_project_close (target);
  g_clear_object (&target);
  hash_before = tessera_test_file_sha256 (target_path);

  target = tessera_test_open_project (target_path, TESSERA_OPEN_DEFAULT);
  g_assert_false (tessera_test_import (target, backup_path, FALSE, NULL, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "backup.json: cluster 2: entry 1 of \"set_by_hand\": "
                                            "time_precision: “7” is not 1 (a day)"));
  g_clear_error (&error);
  g_assert_cmpint (tessera_project_count_documents (target), ==, 0);
  assert_set_by_hand (target, elsewhere, theirs, G_N_ELEMENTS (theirs));
  {
    g_autoptr(GPtrArray) clusters = tessera_project_list_clusters (target, TESSERA_LABEL_ANY, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (clusters->len, ==, 1);
  }
  tessera_project_close (target);
  g_clear_object (&target);

  hash_after = tessera_test_file_sha256 (target_path);
  g_assert_cmpstr (hash_after, ==, hash_before);
}

typedef struct
{
  const char *name;
  const char *content;
  int         code;
  const char *message;
} BadFile;

static const BadFile bad_files[] = {
  { "not-tessera", "{\"hello\": 1}", TESSERA_ERROR_INVALID_INPUT,
    "bad.json: not a Tessera project JSON (no \"format\": \"tessera-project\")" },
  { "array", "[1, 2, 3]", TESSERA_ERROR_INVALID_INPUT, "not a Tessera project JSON" },
  { "broken", "{\"format\": \"tessera-project\", ", TESSERA_ERROR_INVALID_INPUT,
    "bad.json: byte 30: not valid JSON: the text ends inside an object" },
  /* json-glib 1.6 would ignore what follows the first value. */
  { "trailing-garbage", "{\"format\": \"tessera-project\", \"version\": 1, \"documents\": []} x",
    TESSERA_ERROR_INVALID_INPUT, "bad.json: byte 61: not valid JSON: unexpected ‘x’ after the JSON value" },
  { "second-value", "{\"format\": \"tessera-project\", \"documents\": []}\n{\"format\": \"tessera-project\"}\n",
    TESSERA_ERROR_INVALID_INPUT,
    "bad.json: byte 47 (line 2, column 1): not valid JSON: a second value follows the first" },
  { "comment", "{\"format\": \"tessera-project\",\n  // restored from the backup of 12 May\n  \"documents\": []}",
    TESSERA_ERROR_INVALID_INPUT, "bad.json: byte 32 (line 2, column 3): comments are not allowed in JSON" },
  /* json-glib 1.6 would cut the text at \u0000. */
  { "nul-escape", "{\"format\": \"tessera-project\", \"documents\": [{\"id\": \"a\", \"text\": \"cut\\u0000here\"}]}",
    TESSERA_ERROR_INVALID_INPUT, "bad.json: byte 68: \\u0000 (NUL) is not allowed in text" },
  { "unknown-record-keys",
    "{\"format\": \"tessera-project\", \"documents\": [{\"id\": \"a\", \"text\": \"abc\", \"tags\": []}]}",
    TESSERA_ERROR_INVALID_INPUT, "bad.json: document 1 (uid \"a\"): not a Tessera record: unknown keys: tags" },
  { "schema", "{\"format\": \"tessera-schema\", \"version\": 1, \"entities\": []}", TESSERA_ERROR_INVALID_INPUT,
    "bad.json: a Tessera label schema, not a project JSON" },
  { "record", "{\"id\": \"a\", \"text\": \"abc\", \"spans\": []}", TESSERA_ERROR_INVALID_INPUT,
    "bad.json: not a Tessera project JSON but Tessera JSONL record" },
  { "newer", "{\"format\": \"tessera-project\", \"version\": 7, \"documents\": []}", TESSERA_ERROR_TOO_NEW,
    "bad.json: project JSON version 7" },
  { "bad-record", "{\"format\": \"tessera-project\", \"version\": 1, \"documents\": [{\"id\": \"a\", \"text\": \"abc\"}, 5]}",
    TESSERA_ERROR_INVALID_INPUT, "bad.json: document 2: a document record must be a JSON object" },
  { "empty", "", TESSERA_ERROR_INVALID_INPUT, "bad.json: empty file" },
  /* Fields of a coded record set by hand. */
#define CODED_CLUSTER(kind, set_by_hand) \
  "{\"format\": \"tessera-project\", \"version\": 1, \"clusters\": [" \
  "{\"id\": \"c1\", \"kind\": \"event\", \"name\": \"Raid\"}, " \
  "{\"id\": \"c2\", \"kind\": \"" kind "\", \"name\": \"Strike\", \"set_by_hand\": " set_by_hand "}], " \
  "\"documents\": [{\"id\": \"a\", \"text\": \"abc\"}]}"
  { "set-by-hand-time-precision",
    CODED_CLUSTER ("event", "[{\"field\": \"fatalities\", \"value\": \"3\"}, "
                   "{\"field\": \"time_precision\", \"value\": \"7\"}]"),
    TESSERA_ERROR_INVALID_INPUT,
    "bad.json: cluster 2: entry 2 of \"set_by_hand\": time_precision: “7” is not 1 (a day)" },
  { "set-by-hand-unknown-field", CODED_CLUSTER ("event", "[{\"field\": \"casualties\", \"value\": \"3\"}]"),
    TESSERA_ERROR_INVALID_INPUT,
    "bad.json: cluster 2: entry 1 of \"set_by_hand\": “casualties” is not a field of a coded record" },
  { "set-by-hand-number", CODED_CLUSTER ("event", "[{\"field\": \"fatalities\", \"value\": 3}]"),
    TESSERA_ERROR_INVALID_INPUT,
    "bad.json: cluster 2: entry 1 of \"set_by_hand\": fatalities: \"value\" must be a string" },
  { "set-by-hand-set-at", CODED_CLUSTER ("event", "[{\"field\": \"fatalities\", \"value\": \"3\", "
                                         "\"set_at\": \"2023-11-14T10:00:00Z\"}]"),
    TESSERA_ERROR_INVALID_INPUT,
    "bad.json: cluster 2: entry 1 of \"set_by_hand\": fatalities: \"set_at\" must be a whole number" },
  { "set-by-hand-no-field", CODED_CLUSTER ("event", "[[\"fatalities\", \"3\"]]"), TESSERA_ERROR_INVALID_INPUT,
    "bad.json: cluster 2: entry 1 of \"set_by_hand\": must be an object with a \"field\" string" },
  { "set-by-hand-twice", CODED_CLUSTER ("event", "[{\"field\": \"fatalities\", \"value\": \"3\"}, "
                                        "{\"field\": \"fatalities\", \"value\": \"4\"}]"),
    TESSERA_ERROR_INVALID_INPUT,
    "bad.json: cluster 2: entry 2 of \"set_by_hand\": fatalities is set twice for this cluster" },
  { "set-by-hand-entity", CODED_CLUSTER ("entity", "[{\"field\": \"fatalities\", \"value\": \"3\"}]"),
    TESSERA_ERROR_INVALID_INPUT,
    "bad.json: cluster 2: links entities, but only an event cluster has a coded record" },
  { "set-by-hand-object", CODED_CLUSTER ("event", "{\"fatalities\": \"3\"}"), TESSERA_ERROR_INVALID_INPUT,
    "bad.json: cluster 2: \"set_by_hand\" must be an array" },
#undef CODED_CLUSTER
};

static void
test_bad_files (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *hash_before = NULL;

  hash_before = tessera_test_project_close_and_hash (fixture);

  for (guint i = 0; i <= G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *hash_after = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) deep = NULL;

      tessera_test_project_reopen (fixture);

      if (i < G_N_ELEMENTS (bad_files))
        {
          g_test_message ("case %s", bad_files[i].name);
          path = tessera_test_write_file (fixture->dir, "bad.json", bad_files[i].content, -1);
        }
      else
        {
          /* json-glib 1.6 would recurse until it crashed. */
          deep = g_string_new ("{\"format\": \"tessera-project\", \"documents\": ");
          for (guint j = 0; j < 100000; j++)
            g_string_append_c (deep, '[');
          path = tessera_test_write_file (fixture->dir, "bad.json", deep->str, deep->len);
        }

      g_assert_false (tessera_test_import (fixture->project, path, FALSE, NULL, &error));
      g_test_message ("%s", error->message);
      if (i < G_N_ELEMENTS (bad_files))
        {
          g_assert_error (error, TESSERA_ERROR, bad_files[i].code);
          g_assert_nonnull (strstr (error->message, bad_files[i].message));
        }
      else
        {
          g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_LIMIT);
          g_assert_true (g_str_has_suffix (error->message, "bad.json: byte 106: JSON nested deeper than 64 levels"));
        }
      g_assert_cmpint (tessera_project_count_documents (fixture->project), ==, 0);

      hash_after = tessera_test_project_close_and_hash (fixture);
      g_assert_cmpstr (hash_after, ==, hash_before);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/project-json/" path, Fixture, NULL, tessera_test_project_setup, func, \
              tessera_test_project_teardown)

  ADD ("round-trip", test_round_trip);
  ADD ("import-into-nonempty", test_import_into_nonempty);
  ADD ("import-merges-compatible", test_import_merges_compatible);
  ADD ("bad-files", test_bad_files);
  ADD ("set-by-hand/round-trip", test_set_by_hand_round_trip);
  ADD ("set-by-hand/merge-keeps-newer", test_set_by_hand_merge_keeps_newer);
  ADD ("set-by-hand/bad-value", test_set_by_hand_bad_value);

#undef ADD

  return g_test_run ();
}
