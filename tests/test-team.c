/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-team"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "tessera-assignment.h"
#include "tessera-error.h"
#include "tessera-formats.h"
#include "tessera-project.h"
#include "tessera-test-util.h"

/* Team work: annotators' projects merged into one, each annotation kept
 * with its annotator, twice adding nothing, and a document whose text
 * differs refused with both files named and nothing merged. */

#define TEXT_A "Fighters of the FAMa \U0001F1F2\U0001F1F1 entered Anefis on Sunday, a spokesman said."
#define TEXT_B "The convoy left Gao for Kidal \u2014 \u201cwe will hold\u201d, said the governor."

typedef struct
{
  char *dir;
  char *ana;   /* ana.tessera: both documents, her spans, an event, a cluster */
  char *ben;   /* ben.tessera: the same documents, his spans and a suggestion */
} Fixture;

static TesseraProject *
make_project (Fixture    *f,
              const char *name,
              const char *annotator,
              char      **path)
{
  TesseraProject *project = tessera_test_create_project (f->dir, name, path);
  const char *texts[] = { TEXT_A, TEXT_B };
  const char *uids[] = { "report-a", "report-b" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(TesseraDocument) doc = tessera_document_new ();

      doc->uid = g_strdup (uids[i]);
      doc->title = g_strdup (uids[i]);
      doc->text = g_strdup (texts[i]);
      tessera_test_add_document (project, doc);
    }
  tessera_project_set_annotator (project, annotator);
  return project;
}

static gint64
doc_id (TesseraProject *project,
        const char     *uid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) doc = tessera_project_find_document (project, uid, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc->id;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraProject) ana = NULL;
  g_autoptr(TesseraProject) ben = NULL;
  gint64 a, b, fama, anefis, entered, event, kidal, cluster;

  f->dir = tessera_test_make_tmp_dir ();

  ana = make_project (f, "ana.tessera", "ana", &f->ana);
  a = doc_id (ana, "report-a");
  b = doc_id (ana, "report-b");
  fama = tessera_test_tag (ana, a, "FAMa", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  anefis = tessera_test_tag (ana, a, "Anefis", TESSERA_LABEL_ENTITY, "Place", NULL);
  entered = tessera_test_tag (ana, a, "entered", TESSERA_LABEL_EVENT, "Movement", NULL);
  event = tessera_project_add_event (ana, entered, tessera_test_label_id (ana, TESSERA_LABEL_EVENT, "Movement"),
                                     NULL, NULL, &error);
  g_assert_no_error (error);
  tessera_project_add_argument (ana, event, tessera_test_label_id (ana, TESSERA_LABEL_ROLE, "Agent"), fama, &error);
  g_assert_no_error (error);
  tessera_project_add_argument (ana, event, tessera_test_label_id (ana, TESSERA_LABEL_ROLE, "Destination"), anefis, &error);
  g_assert_no_error (error);
  kidal = tessera_test_tag (ana, b, "Kidal", TESSERA_LABEL_ENTITY, "Place", NULL);
  cluster = tessera_project_add_cluster (ana, TESSERA_LABEL_ENTITY, "Anefis and Kidal", &error);
  g_assert_no_error (error);
  tessera_project_add_cluster_member (ana, cluster, anefis, 0, &error);
  g_assert_no_error (error);
  tessera_project_add_cluster_member (ana, cluster, kidal, 0, &error);
  g_assert_no_error (error);
  tessera_project_close (ana);

  ben = make_project (f, "ben.tessera", "ben", &f->ben);
  a = doc_id (ben, "report-a");
  tessera_test_tag (ben, a, "FAMa", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  tessera_test_tag (ben, a, "Anefis", TESSERA_LABEL_ENTITY, "Place", NULL);
  {
    TesseraSpan span = { 0 };
    gint64 start, end;

    tessera_test_find_word (TEXT_A, "Sunday", &start, &end);
    span.document_id = a;
    span.start = start;
    span.end = end;
    span.label_id = tessera_test_label_id (ben, TESSERA_LABEL_ENTITY, "Date");
    span.annotator_id = tessera_project_get_current_annotator_id (ben, &error);
    span.suggested = TRUE;
    g_assert_cmpint (tessera_project_insert_span (ben, &span, &error), >, 0);
    g_assert_no_error (error);
  }
  tessera_project_close (ben);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  tessera_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->ana);
  g_free (f->ben);
}

/* "ana:ArmedGroup 21-25 …": every span with its annotator, by document. */
static char *
describe (TesseraProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = tessera_project_list_documents (project, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint d = 0; d < docs->len; d++)
    {
      TesseraDocument *doc = docs->pdata[d];
      g_autoptr(GArray) spans = tessera_project_list_spans (project, doc->id, &error);
      g_autoptr(GPtrArray) events = tessera_project_list_events (project, doc->id, &error);

      g_assert_no_error (error);
      g_string_append_printf (out, "%s:", doc->uid);
      for (guint i = 0; i < spans->len; i++)
        {
          const TesseraSpan *s = &g_array_index (spans, TesseraSpan, i);

          g_string_append_printf (out, " %s:%s %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "%s%s",
                                  tessera_project_get_annotator_name (project, s->annotator_id),
                                  tessera_project_get_label (project, s->label_id)->name, s->start, s->end,
                                  s->suggested ? "?" : "",
                                  tessera_project_get_span_cluster (project, s->id, NULL) != 0 ? "@" : "");
        }
      for (guint i = 0; i < events->len; i++)
        {
          const TesseraEvent *e = events->pdata[i];

          g_string_append_printf (out, " event:%s:%u",
                                  tessera_project_get_annotator_name (project, e->annotator_id),
                                  e->arguments->len);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
test_merge_twice (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(TesseraProject) merged = tessera_test_create_project (f->dir, "merged.tessera", &path);
  const char *inputs[] = { f->ana, f->ben, NULL };
  g_autofree char *once = NULL, *twice = NULL;
  TesseraImportReport report;

  tessera_import_report_init (&report);
  g_assert_true (tessera_merge_projects (merged, inputs, NULL, &report, &error));
  g_assert_no_error (error);
  /* Two new documents from ana, the same two again from ben. */
  g_assert_cmpuint (report.n_documents, ==, 2);
  g_assert_cmpuint (report.n_merged, ==, 2);
  g_assert_cmpuint (report.n_spans, ==, 4 + 3);
  g_assert_cmpuint (report.n_events, ==, 1);
  tessera_import_report_clear (&report);

  once = describe (merged);
  /* Both annotators' FAMa and Anefis, each theirs; ben's suggestion stays
   * one; ana's cluster comes along. */
  g_assert_cmpstr (once, ==,
                   "report-a: ana:ArmedGroup 16-20 ben:ArmedGroup 16-20 ana:Movement 24-31 ana:Place 32-38@"
                   " ben:Place 32-38 ben:Date 42-48? event:ana:2\n"
                   "report-b: ana:Place 24-29@\n");

  tessera_import_report_init (&report);
  g_assert_true (tessera_merge_projects (merged, inputs, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_documents + report.n_spans + report.n_events + report.n_stances, ==, 0);
  tessera_import_report_clear (&report);
  twice = describe (merged);
  g_assert_cmpstr (twice, ==, once);
  {
    g_autoptr(GPtrArray) clusters = tessera_project_list_clusters (merged, TESSERA_LABEL_ANY, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (clusters->len, ==, 1);
  }
}

/* Fields of an event cluster's coded record that ana set by hand come
 * along, signed by her, onto the merged project's cluster of that name;
 * a field the merged project has set already keeps its value. */
static void
test_merge_coded_fields (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(TesseraProject) merged = tessera_test_create_project (f->dir, "merged.tessera", &path);
  g_autoptr(GPtrArray) overrides = NULL;
  const char *inputs[] = { f->ana, NULL };
  gint64 ours;

  {
    g_autoptr(TesseraProject) ana = tessera_project_open (f->ana, TESSERA_OPEN_DEFAULT, &error);
    g_autoptr(GPtrArray) events = NULL;
    TesseraCodedOverride fatalities = { 0, (char *) "fatalities", (char *) "3", 0, 0 };
    TesseraCodedOverride location = { 0, (char *) "location", (char *) "Anefis town", 0, 0 };
    gint64 cluster;

    g_assert_no_error (error);
    tessera_project_set_annotator (ana, "ana");
    events = tessera_project_list_events (ana, doc_id (ana, "report-a"), &error);
    g_assert_no_error (error);
    cluster = tessera_project_add_cluster (ana, TESSERA_LABEL_EVENT, "Entry into Anefis", &error);
    g_assert_no_error (error);
    g_assert_true (tessera_project_add_cluster_member (ana, cluster, 0,
                                                       ((TesseraEvent *) g_ptr_array_index (events, 0))->id, &error));
    fatalities.cluster_id = location.cluster_id = cluster;
    fatalities.annotator_id = location.annotator_id = tessera_project_get_current_annotator_id (ana, &error);
    g_assert_true (tessera_project_set_coded_override (ana, &fatalities, &error));
    g_assert_true (tessera_project_set_coded_override (ana, &location, &error));
    g_assert_no_error (error);
  }

  /* The merged project already reads the fatalities as 4. */
  ours = tessera_project_add_cluster (merged, TESSERA_LABEL_EVENT, "Entry into Anefis", &error);
  g_assert_no_error (error);
  g_assert_true (tessera_project_set_coded_override (merged, &(TesseraCodedOverride) { ours, (char *) "fatalities",
                                                                                       (char *) "4", 0, 0 }, &error));
  g_assert_no_error (error);

  g_assert_true (tessera_merge_projects (merged, inputs, NULL, NULL, &error));
  g_assert_no_error (error);
  overrides = tessera_project_list_coded_overrides (merged, ours, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (overrides->len, ==, 2);
  g_assert_cmpstr (((TesseraCodedOverride *) g_ptr_array_index (overrides, 0))->field, ==, "location");
  g_assert_cmpstr (((TesseraCodedOverride *) g_ptr_array_index (overrides, 0))->value, ==, "Anefis town");
  g_assert_cmpstr (tessera_project_get_annotator_name (merged,
                                                       ((TesseraCodedOverride *) g_ptr_array_index (overrides, 0))->annotator_id),
                   ==, "ana");
  g_assert_cmpstr (((TesseraCodedOverride *) g_ptr_array_index (overrides, 1))->value, ==, "4");
}

static void
test_merge_conflict (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other = NULL, *path = NULL, *before = NULL;
  g_autoptr(TesseraProject) changed = NULL;
  g_autoptr(TesseraProject) merged = NULL;
  const char *inputs[] = { f->ana, NULL };
  const char *both[] = { f->ben, other, NULL };

  /* cy has report-a with one word changed. */
  changed = tessera_test_create_project (f->dir, "cy.tessera", &other);
  {
    g_autoptr(TesseraDocument) doc = tessera_document_new ();

    doc->uid = g_strdup ("report-a");
    doc->title = g_strdup ("report-a");
    doc->text = g_strdup ("Fighters of the FAMa entered Anefis on Saturday, a spokesman said.");
    tessera_test_add_document (changed, doc);
  }
  tessera_project_close (changed);
  both[1] = other;

  merged = tessera_test_create_project (f->dir, "merged.tessera", &path);
  g_assert_true (tessera_merge_projects (merged, inputs, NULL, NULL, &error));
  g_assert_no_error (error);
  before = describe (merged);

  g_assert_false (tessera_merge_projects (merged, both, NULL, NULL, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "cy.tessera"));
  g_assert_nonnull (strstr (error->message, "merged.tessera"));
  g_assert_nonnull (strstr (error->message, "report-a"));
  /* ben came first and was merged in the same transaction: gone too. */
  {
    g_autofree char *after = describe (merged);

    g_assert_cmpstr (after, ==, before);
  }
}

/* One annotator's layer: ben's spans only, without ana's event, in every
 * export; an annotator the project does not know is an error. */
static void
test_export_annotator (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(TesseraProject) merged = tessera_test_create_project (f->dir, "merged.tessera", &path);
  const char *inputs[] = { f->ana, f->ben, NULL };
  TesseraExportOptions options = { .annotator = "ben" };
  g_autofree char *jsonl = NULL, *backup = NULL, *report = NULL, *everyone = NULL;

  g_assert_true (tessera_merge_projects (merged, inputs, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (tessera_test_export_full (merged, tessera_export_jsonl, &options, &jsonl, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (jsonl, "\"annotator\":\"ben\""));
  g_assert_null (strstr (jsonl, "\"annotator\":\"ana\""));
  g_assert_null (strstr (jsonl, "Movement"));
  /* ben's suggestion is no training data. */
  g_assert_null (strstr (jsonl, "\"text\":\"Sunday\""));

  /* A backup of the layer keeps it, flagged. */
  g_assert_true (tessera_test_export_full (merged, tessera_export_project_json, &options, &backup, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (backup, "\"text\":\"Sunday\""));
  g_assert_null (strstr (backup, "\"annotator\":\"ana\""));

  g_assert_true (tessera_test_export_full (merged, tessera_export_report_json, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_true (tessera_test_export_full (merged, tessera_export_report_json, NULL, &everyone, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (everyone, "\"Movement\""));
  g_assert_true (strstr (report, "\"spans\":2") != NULL || strstr (report, "\"spans\": 2") != NULL);
  g_assert_null (strstr (report, "entered"));

  options.annotator = "zoe";
  g_assert_false (tessera_test_export_full (merged, tessera_export_jsonl, &options, NULL, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "zoe"));
}

static guint
count_in (GArray *ids,
          gint64  id)
{
  guint n = 0;

  for (guint i = 0; i < ids->len; i++)
    n += g_array_index (ids, gint64, i) == id;
  return n;
}

/* Shared documents go to everyone, the rest to exactly one annotator,
 * evenly; the seed decides which, and only the seed. */
static void
test_assignment_plan (void)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *names[] = { "ana", "ben", "cy", NULL };
  guint overlaps[] = { 0, 25, 100 };

  for (gint64 id = 1; id <= 10; id++)
    g_array_append_val (ids, id);

  for (guint o = 0; o < G_N_ELEMENTS (overlaps); o++)
    {
      g_autoptr(TesseraAssignment) plan = tessera_assignment_plan (ids, names, overlaps[o], 7);
      g_autoptr(TesseraAssignment) again = tessera_assignment_plan (ids, names, overlaps[o], 7);
      /* 25% of 10 rounds to 3 (2.5 up); the other 7 are dealt 3, 2, 2. */
      guint shared = overlaps[o] == 0 ? 0 : overlaps[o] == 25 ? 3 : 10;

      g_assert_cmpuint (plan->shared->len, ==, shared);
      for (guint a = 0; a < 3; a++)
        {
          GArray *docs = g_ptr_array_index (plan->documents, a);
          GArray *same = g_ptr_array_index (again->documents, a);

          g_assert_cmpuint (docs->len, ==, shared + (10 - shared) / 3 + (a < (10 - shared) % 3 ? 1 : 0));
          g_assert_cmpmem (docs->data, docs->len * sizeof (gint64), same->data, same->len * sizeof (gint64));
          for (guint i = 1; i < docs->len; i++)
            g_assert_cmpint (g_array_index (docs, gint64, i - 1), <, g_array_index (docs, gint64, i));
        }
      for (gint64 id = 1; id <= 10; id++)
        {
          guint n = 0;

          for (guint a = 0; a < 3; a++)
            n += count_in (g_ptr_array_index (plan->documents, a), id);
          g_assert_cmpuint (n, ==, count_in (plan->shared, id) ? 3 : 1);
        }
    }

  /* Another seed, other shared documents (for these two seeds). */
  {
    g_autoptr(TesseraAssignment) a = tessera_assignment_plan (ids, names, 30, 1);
    g_autoptr(TesseraAssignment) b = tessera_assignment_plan (ids, names, 30, 2);

    g_assert_cmpuint (a->shared->len, ==, b->shared->len);
    g_assert_true (memcmp (a->shared->data, b->shared->data, a->shared->len * sizeof (gint64)) != 0);
  }
}

/* The lead hands the merged project out with its annotations: each
 * package holds its documents, the accepted annotations once (ana's and
 * ben's identical FAMa and Anefis are one suggestion), signed by the
 * package's annotator; the assignment says who has what. */
static void
test_cli_assign (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL, *out = NULL, *err = NULL, *dir = NULL, *ana_path = NULL, *json_path = NULL;
  g_autoptr(TesseraProject) merged = tessera_test_create_project (f->dir, "lead.tessera", &path);
  const char *inputs[] = { f->ana, f->ben, NULL };
  g_autoptr(TesseraProject) package = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GArray) spans = NULL;
  JsonObject *root;
  int status;

  g_assert_true (tessera_merge_projects (merged, inputs, NULL, NULL, &error));
  g_assert_no_error (error);
  tessera_project_close (merged);

  dir = g_build_filename (f->dir, "team", NULL);
  {
    const char *argv[] = { g_getenv ("TESSERA_CLI"), "assign", path, "--annotators", "cy,dan",
                           "--overlap", "100", "--output-dir", dir, "--with-annotations", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (err, ==, "");
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  ana_path = g_build_filename (dir, "cy.tessera", NULL);
  package = tessera_test_open_project (ana_path, TESSERA_OPEN_READ_ONLY);
  g_assert_cmpint (tessera_project_count_documents (package), ==, 2);
  spans = tessera_project_list_spans (package, doc_id (package, "report-a"), &error);
  g_assert_no_error (error);
  /* FAMa, entered, Anefis: once each; ben's suggested Sunday stays behind. */
  g_assert_cmpuint (spans->len, ==, 3);
  for (guint i = 0; i < spans->len; i++)
    {
      const TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);

      g_assert_true (span->suggested);
      g_assert_cmpstr (tessera_project_get_annotator_name (package, span->annotator_id), ==, "cy");
    }
  {
    g_autoptr(GPtrArray) events = tessera_project_list_events (package, doc_id (package, "report-a"), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (events->len, ==, 1);
    g_assert_cmpuint (((TesseraEvent *) events->pdata[0])->arguments->len, ==, 2);
  }
  tessera_project_close (package);

  json_path = g_build_filename (dir, "assignment.json", NULL);
  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "overlap"), ==, 100);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "shared")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (root, "annotators"), 1), "file"), ==, "dan.tessera");

  /* Nothing is overwritten. */
  {
    const char *argv[] = { g_getenv ("TESSERA_CLI"), "assign", path, "--annotators", "dan",
                           "--overlap", "0", "--output-dir", dir, NULL };

    g_clear_pointer (&err, g_free);
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "dan.tessera"));
  }
}

/* The CLI makes OUTPUT whole, named after it, and never overwrites. */
static void
test_cli_merge (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = g_build_filename (f->dir, "team.tessera", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *argv[] = { g_getenv ("TESSERA_CLI"), "merge", output, f->ana, f->ben, NULL };
  g_autoptr(TesseraProject) merged = NULL;
  g_autofree char *name = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "2 documents"));

  merged = tessera_test_open_project (output, TESSERA_OPEN_READ_ONLY);
  name = tessera_project_dup_name (merged);
  g_assert_cmpstr (name, ==, "team");
  g_assert_cmpint (tessera_project_count_spans (merged), ==, 7);
  tessera_project_close (merged);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "--into"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/team/merge-twice", Fixture, NULL, fixture_setup, test_merge_twice, fixture_teardown);
  g_test_add ("/team/merge-conflict", Fixture, NULL, fixture_setup, test_merge_conflict, fixture_teardown);
  g_test_add ("/team/merge-coded-fields", Fixture, NULL, fixture_setup, test_merge_coded_fields, fixture_teardown);
  g_test_add ("/team/export-annotator", Fixture, NULL, fixture_setup, test_export_annotator, fixture_teardown);
  g_test_add_func ("/team/assignment-plan", test_assignment_plan);
  g_test_add ("/team/cli-assign", Fixture, NULL, fixture_setup, test_cli_assign, fixture_teardown);
  g_test_add ("/team/cli-merge", Fixture, NULL, fixture_setup, test_cli_merge, fixture_teardown);

  return g_test_run ();
}
