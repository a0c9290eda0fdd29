/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-interop-brat"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "tessera-cluster.h"
#include "tessera-error.h"
#include "tessera-formats.h"
#include "tessera-project.h"
#include "tessera-text.h"
#include "tessera-test-util.h"
#include "test-interop-util.h"

/* brat standoff in and out: brat's own news tutorial, a round trip
 * through Tessera's brat export, BOM and CRLF offsets, discontinuous
 * spans. What is asserted is what a user sees: documents, span texts cut
 * from the stored text, labels, notes, clusters, losses and error
 * messages. brat's samples come from ../shared/interop; without them
 * those tests skip. */

/* --- 1. brat's news tutorial ---------------------------------------------------- */

static void
test_brat_news (TesseraTestProject *f,
                gconstpointer       data)
{
  g_autofree char *shared = interop_path ("brat-news-tutorial");
  g_autofree char *news = NULL, *first = NULL;
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(GArray) spans = NULL, mapped = NULL;
  g_autoptr(GHashTable) map = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(TesseraProject) fresh = NULL;
  TesseraImportOptions add = { 0 }, plain = { 0 }, strict = { 0 }, renamed = { 0 };
  TesseraImportReport report;
  const FoundSpan *money, *discworld;
  const char *name;
  Counts c;

  if (shared == NULL)
    return;
  /* Its texts, annotations and annotation.conf; not SOURCE.txt (a .txt,
   * but no document of brat's), the licence or visual.conf. */
  news = tessera_test_make_folder (f->dir, "news");
  dir = g_dir_open (shared, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_equal (name, "SOURCE.txt") &&
        (g_str_has_suffix (name, ".txt") || g_str_has_suffix (name, ".ann") || g_str_equal (name, "annotation.conf")))
      {
        g_autofree char *src = g_build_filename (shared, name, NULL);
        g_autofree char *contents = tessera_test_read_file (src);

        g_free (tessera_test_write_file (news, name, contents, -1));
      }

  add.add_labels = TRUE;
  import_ok (f->project, news, &add, &report);
  g_assert_cmpuint (report.n_documents, ==, 13);
  g_assert_cmpuint (report.n_labels_added, >, 0);
  spans = all_spans (f->project, &c);
  g_assert_cmpint (tessera_project_count_documents (f->project), ==, 13);
  g_assert_cmpuint (spans->len, ==, 119);
  g_assert_cmpuint (c.events, ==, 23);
  /* 52 arguments, 8 of them events (Report's Event-Arg). */
  g_assert_cmpuint (c.arguments, ==, 44);
  g_assert_cmpuint (c.stances, ==, 0);

  /* What the project cannot hold, counted by kind, and nothing else. */
  g_assert_cmpuint (loss_count (&report, TESSERA_LOSS_RELATION, NULL), ==, 8);
  g_assert_cmpuint (loss_count (&report, TESSERA_LOSS_NORMALIZATION, NULL), ==, 1);
  g_assert_cmpuint (loss_count (&report, TESSERA_LOSS_ATTRIBUTE, "Mention"), ==, 2);
  g_assert_cmpuint (loss_count (&report, TESSERA_LOSS_ATTRIBUTE, "Individual"), ==, 3);
  g_assert_cmpuint (loss_count (&report, TESSERA_LOSS_ATTRIBUTE, "Confidence"), ==, 6);
  g_assert_cmpuint (loss_count (&report, TESSERA_LOSS_EVENT_ARGUMENT, NULL), ==, 8);
  g_assert_cmpuint (loss_count (&report, TESSERA_LOSS_NOTE, NULL), ==, 2);
  g_assert_cmpuint (loss_count (&report, TESSERA_LOSS_EQUIV_TYPE, NULL), ==, 2);
  g_assert_cmpuint (report.losses->len, ==, 8);
  /* The report says where the first relation is: R2, line 9. */
  for (guint i = 0; i < report.losses->len; i++)
    if (((TesseraImportLoss *) report.losses->pdata[i])->kind == TESSERA_LOSS_RELATION)
      first = tessera_import_loss_describe (report.losses->pdata[i]);
  g_assert_true (g_str_has_prefix (first, "8 relations (first at "));
  g_assert_true (g_str_has_suffix (first, "000-introduction.ann:9)"));
  tessera_import_report_clear (&report);

  /* Notes on spans are kept, and the labels are the file's. */
  g_assert_cmpuint (c.notes, ==, 2);
  money = find_span (spans, "$100 million");
  g_assert_cmpstr (money->label, ==, "Money");
  g_assert_cmpstr (money->note, ==, "100000000 USD");
  discworld = find_span (spans, "Discworld");
  g_assert_cmpstr (discworld->label, ==, "GPE");
  g_assert_cmpstr (discworld->note, ==, "Should fictional places be annotated?");
  /* brat's numbered roles (Org-Arg2…) are one role repeated. */
  g_assert_nonnull (tessera_project_find_label (f->project, TESSERA_LABEL_ROLE, "Org-Arg"));
  g_assert_null (tessera_project_find_label (f->project, TESSERA_LABEL_ROLE, "Org-Arg2"));

  /* The two Alias equivalences: clusters of 3 and 2 spans. */
  clusters = tessera_project_list_clusters (f->project, TESSERA_LABEL_ENTITY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clusters->len, ==, 2);
  g_assert_cmpuint (((TesseraCluster *) clusters->pdata[0])->n_members +
                    ((TesseraCluster *) clusters->pdata[1])->n_members, ==, 5);

  /* Without --add-labels, into a new project: the missing labels named,
   * nothing imported. */
  fresh = tessera_test_create_project (f->dir, "fresh.tessera", NULL);
  import_fails (fresh, news, &plain, "GPE", "Money", "Merge-org", NULL);
  g_assert_cmpint (tessera_project_count_documents (fresh), ==, 0);

  /* --strict: the relations are an error; the labels it added are gone again. */
  strict.add_labels = TRUE;
  strict.strict = TRUE;
  import_fails (fresh, news, &strict, "8 relations", "--strict", NULL);
  g_assert_cmpint (tessera_project_count_documents (fresh), ==, 0);
  g_assert_null (tessera_project_find_label (fresh, TESSERA_LABEL_ENTITY, "GPE"));

  /* --label-map GPE=Place,Money=Quantity with --add-labels. */
  map = tessera_import_parse_label_map ("GPE=Place,Money=Quantity", &error);
  g_assert_no_error (error);
  renamed.add_labels = TRUE;
  renamed.label_map = map;
  import_ok (fresh, news, &renamed, NULL);
  mapped = all_spans (fresh, NULL);
  ASSERT_SPANS (mapped, NULL, "GPE", 0);
  ASSERT_SPANS (mapped, NULL, "Place", 12);
  ASSERT_SPANS (mapped, "$100 million", "Quantity", 1);
  g_assert_cmpstr (find_span (mapped, "Discworld")->label, ==, "Place");
  g_assert_true (tessera_project_find_label (fresh, TESSERA_LABEL_ENTITY, "GPE") == NULL &&
                 tessera_project_find_label (fresh, TESSERA_LABEL_ENTITY, "Money") == NULL);
  tessera_project_close (fresh);
}

/* --- 2. brat round trip ------------------------------------------------------- */

#define TEXT_A "L\u2019arm\u00e9e \U0001F1F2\U0001F1F1 et Wagner \U0001F44D\U0001F3FD ont repris Ane\u0301fis. " \
               "\u201cNous n\u2019avons pas quitt\u00e9 Kidal,\u201d d\u00e9ment \u0639\u0644\u064a Ag Ghaly."
#define TEXT_B "Selon l\u2019\u00e9tat-major \U0001F600, Kidal est tomb\u00e9e. Les rebelles ont fui Kidal hier."

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Sorts @lines (freed here) and joins them. */
static char *
sorted_join (GPtrArray  *lines,
             const char *separator)
{
  char *joined;

  g_ptr_array_sort (lines, compare_strings);
  g_ptr_array_add (lines, NULL);
  joined = g_strjoinv (separator, (char **) lines->pdata);
  g_ptr_array_unref (lines);
  return joined;
}

/* @node as text: object members sorted by name, without row ids
 * ("id", "cluster") and annotators, references to spans and events
 * replaced by their offsets (recorded in @refs as spans and events are
 * met); array elements sorted. */
static char *
canonical (JsonNode   *node,
           GHashTable *refs)
{
  static const char * const ref_keys[] = { "trigger", "span", "holder", "event", NULL };
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  JsonObject *obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *id = obj != NULL ? json_object_get_string_member_with_default (obj, "id", NULL) : NULL;
  JsonObjectIter iter;
  const char *key;
  JsonNode *member;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        g_ptr_array_add (parts, canonical (json_array_get_element (json_node_get_array (node), i), refs));
      joined = sorted_join (parts, ", ");
      return g_strdup_printf ("[%s]", joined);
    }
  if (obj == NULL)
    {
      g_ptr_array_unref (parts);
      return json_to_string (node, FALSE);
    }
  if (id != NULL && json_object_has_member (obj, "start"))
    g_hash_table_insert (refs, (gpointer) id, g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                                                               json_object_get_int_member (obj, "start"),
                                                               json_object_get_int_member (obj, "end")));
  else if (id != NULL && json_object_has_member (obj, "type"))
    g_hash_table_insert (refs, (gpointer) id, g_strdup_printf ("%s@%s", json_object_get_string_member (obj, "type"),
                                                               (char *) g_hash_table_lookup (refs, json_object_get_string_member (obj, "trigger"))));
  json_object_iter_init (&iter, obj);
  while (json_object_iter_next (&iter, &key, &member))
    if (!g_str_equal (key, "id") && !g_str_equal (key, "cluster") && !g_str_equal (key, "annotator"))
      {
        g_autofree char *value = g_strv_contains (ref_keys, key) && JSON_NODE_HOLDS_VALUE (member)
          ? g_strdup (g_hash_table_lookup (refs, json_node_get_string (member))) : canonical (member, refs);

        g_ptr_array_add (parts, g_strdup_printf ("%s: %s", key, value));
      }
  joined = sorted_join (parts, ", ");
  return g_strdup_printf ("{%s}", joined);
}

/* Each document of the project's JSONL export, by id: its text, spans,
 * events and stances (spans before the events that name them). */
static GHashTable *
canonical_documents (TesseraProject *project)
{
  g_autofree char *jsonl = tessera_test_export (project, tessera_export_jsonl);
  g_autoptr(GPtrArray) records = tessera_test_parse_jsonl (jsonl);
  GHashTable *docs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint r = 0; r < records->len; r++)
    {
      JsonObject *rec = json_node_get_object (records->pdata[r]);
      g_autoptr(GHashTable) refs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      g_autofree char *s = canonical (json_object_get_member (rec, "spans"), refs);
      g_autofree char *e = canonical (json_object_get_member (rec, "events"), refs);
      g_autofree char *t = canonical (json_object_get_member (rec, "stances"), refs);

      g_hash_table_insert (docs, g_strdup (json_object_get_string_member (rec, "id")),
                           g_strdup_printf ("text: %s\nspans: %s\nevents: %s\nstances: %s",
                                            json_object_get_string_member (rec, "text"), s, e, t));
    }
  return docs;
}

/* "NAME (entity|event) N members" for each cluster, sorted. */
static char *
describe_clusters (TesseraProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clusters = tessera_project_list_clusters (project, TESSERA_LABEL_ANY, &error);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < clusters->len; i++)
    {
      const TesseraCluster *c = clusters->pdata[i];

      g_ptr_array_add (lines, g_strdup_printf ("%s (%s) %u", c->name,
                                               c->kind == TESSERA_LABEL_ENTITY ? "entity" : "event", c->n_members));
    }
  return sorted_join (lines, "; ");
}

static void
test_brat_round_trip (TesseraTestProject *f,
                      gconstpointer       data)
{
  TesseraProject *project = f->project;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "brat-out", NULL);
  g_autofree char *txt = g_build_filename (out, "a-bamako.txt", NULL);
  g_autofree char *ann_path = g_build_filename (out, "a-bamako.ann", NULL);
  g_autofree char *conf = g_build_filename (out, "annotation.conf", NULL);
  g_autofree char *written = NULL, *ann = NULL, *clusters_before = NULL, *clusters_after = NULL;
  g_autofree char *ann_again = NULL;
  g_autoptr(TesseraProject) back = NULL;
  g_autoptr(GHashTable) before = NULL, after = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  TesseraExportReport export_report = { 0 };
  TesseraExportOptions export_options = { 0 };
  TesseraImportReport report;
  GHashTableIter iter;
  const char *uid, *canonical;
  gint64 a = tessera_test_add_text (project, "a-bamako", "Wire", TEXT_A);
  gint64 b = tessera_test_add_text (project, "b-gao", "Radio", TEXT_B);
  gint64 territory = tessera_test_label_id (project, TESSERA_LABEL_EVENT, "TerritoryChange");
  gint64 agent = tessera_test_label_id (project, TESSERA_LABEL_ROLE, "Agent");
  gint64 place = tessera_test_label_id (project, TESSERA_LABEL_ROLE, "Place");
  gint64 army, wagner, anefis, retook, ghaly, denies, fell, kidal[3], events[2], entity, event, start, end;

  /* Spans on and after a flag, a skin-tone emoji, a combining accent,
   * curly quotes and Arabic. */
  army = tessera_test_tag (project, a, "L\u2019arm\u00e9e", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  tessera_test_tag (project, a, "\U0001F1F2\U0001F1F1", TESSERA_LABEL_ENTITY, "Place", NULL);
  wagner = tessera_test_tag (project, a, "Wagner", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  retook = tessera_test_tag (project, a, "repris", TESSERA_LABEL_EVENT, "TerritoryChange", NULL);
  anefis = tessera_test_tag (project, a, "Ane\u0301fis", TESSERA_LABEL_ENTITY, "Place", "spelt Anefis by AFP");
  kidal[0] = tessera_test_tag (project, a, "Kidal", TESSERA_LABEL_ENTITY, "Place", NULL);
  denies = tessera_test_tag (project, a, "d\u00e9ment", TESSERA_LABEL_STANCE, "denies", NULL);
  ghaly = tessera_test_tag (project, a, "\u0639\u0644\u064a Ag Ghaly", TESSERA_LABEL_ENTITY, "Person", NULL);
  tessera_test_tag (project, b, "l\u2019\u00e9tat-major", TESSERA_LABEL_ENTITY, "Organization", NULL);
  kidal[1] = tessera_test_tag (project, b, "Kidal", TESSERA_LABEL_ENTITY, "Place", NULL);
  fell = tessera_test_tag (project, b, "tomb\u00e9e", TESSERA_LABEL_EVENT, "TerritoryChange", NULL);
  /* The second Kidal of B, "fui Kidal". */
  tessera_test_find_word (TEXT_B, "fui Kidal", &start, &end);
  kidal[2] = tessera_project_add_span (project, b, start + 4, end,
                                       tessera_test_label_id (project, TESSERA_LABEL_ENTITY, "Place"), NULL, &error);
  g_assert_no_error (error);

  /* Two agents (brat numbers the second: Agent2), claimed and confirmed;
   * a denial of it by its holder; one Kidal and one fall of Kidal across
   * both documents. */
  events[0] = tessera_project_add_event (project, retook, territory, "claimed", "confirmed", &error);
  g_assert_no_error (error);
  events[1] = tessera_project_add_event (project, fell, territory, NULL, NULL, &error);
  g_assert_no_error (error);
  /* A second event on the same trigger. */
  g_assert_cmpint (tessera_project_add_event (project, retook, tessera_test_label_id (project, TESSERA_LABEL_EVENT, "Battle"),
                                              "generic", NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (tessera_project_add_argument (project, events[0], agent, army, &error) &&
                 tessera_project_add_argument (project, events[0], agent, wagner, &error) &&
                 tessera_project_add_argument (project, events[0], place, anefis, &error) &&
                 tessera_project_add_argument (project, events[1], place, kidal[1], &error));
  g_assert_cmpint (tessera_project_add_stance (project, denies,
                                               tessera_test_label_id (project, TESSERA_LABEL_STANCE, "denies"),
                                               ghaly, events[0], 0, &error), >, 0);
  entity = tessera_project_add_cluster (project, TESSERA_LABEL_ENTITY, "Kidal", &error);
  g_assert_no_error (error);
  event = tessera_project_add_cluster (project, TESSERA_LABEL_EVENT, "Fall of Kidal", &error);
  for (guint i = 0; i < 3; i++)
    g_assert_true (tessera_project_add_cluster_member (project, entity, kidal[i], 0, &error));
  for (guint i = 0; i < 2; i++)
    g_assert_true (tessera_project_add_cluster_member (project, event, 0, events[i], &error));
  g_assert_no_error (error);

  export_options.report = &export_report;
  g_assert_true (tessera_export_brat (project, out, &export_options, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (export_report.n_documents, ==, 2);
  /* brat shows the text as it is, and its annotation.conf knows the schema. */
  written = tessera_test_read_file (txt);
  g_assert_cmpstr (written, ==, TEXT_A);
  g_assert_true (g_file_test (conf, G_FILE_TEST_IS_REGULAR));
  ann = tessera_test_read_file (ann_path);
  g_assert_nonnull (strstr (ann, " Agent2:T"));
  g_assert_nonnull (strstr (ann, "\tRealis E1 claimed\n"));

  /* Another export into the folder, which is no longer empty, is refused
   * and leaves it as it was (and nothing half-written beside it). */
  g_assert_false (tessera_export_brat (project, out, NULL, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "brat-out exists and is not an empty folder"));
  g_clear_error (&error);
  ann_again = tessera_test_read_file (ann_path);
  g_assert_cmpstr (ann_again, ==, ann);
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".brat-out"));

  /* Read back into a new project with the same schema: nothing lost. */
  back = tessera_test_create_project (f->dir, "back.tessera", NULL);
  import_ok (back, out, NULL, &report);
  g_assert_cmpuint (report.n_documents, ==, 2);
  g_assert_cmpuint (report.n_spans, ==, 12);
  g_assert_cmpuint (report.n_events, ==, 3);
  g_assert_cmpuint (report.n_stances, ==, 1);
  g_assert_cmpuint (report.losses != NULL ? report.losses->len : 0, ==, 0);
  g_assert_cmpuint (report.n_labels_added, ==, 0);
  tessera_import_report_clear (&report);

  before = canonical_documents (project);
  after = canonical_documents (back);
  g_assert_cmpuint (g_hash_table_size (after), ==, 2);
  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, (gpointer *) &uid, (gpointer *) &canonical))
    g_assert_cmpstr (g_hash_table_lookup (after, uid), ==, canonical);

  /* The same clusters: one Kidal, one fall of Kidal, across documents. */
  clusters_before = describe_clusters (project);
  clusters_after = describe_clusters (back);
  g_assert_cmpstr (clusters_before, ==, "Fall of Kidal (event) 2; Kidal (entity) 3");
  if (g_strcmp0 (clusters_after, clusters_before) != 0)
    g_test_message ("clusters after the round trip: %s", clusters_after);
  g_assert_true (g_strcmp0 (clusters_after, clusters_before) == 0);
  tessera_project_close (back);
}

/* A label with a space: brat names have none, but the project's label
 * must come back, not "Armed_group". */
static void
test_brat_label_space (TesseraTestProject *f,
                       gconstpointer       data)
{
  g_autofree char *out = g_build_filename (f->dir, "brat-space", NULL);
  g_autoptr(TesseraProject) back = tessera_test_create_project (f->dir, "back.tessera", NULL);
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { out, NULL };
  gint64 doc = tessera_test_add_text (f->project, "r1", "Wire", "Wagner left Kidal.");
  gboolean imported;

  g_assert_cmpint (tessera_project_add_label (f->project, TESSERA_LABEL_ENTITY, "Armed group", "#e01b24", NULL, &error), >, 0);
  g_assert_cmpint (tessera_project_add_label (back, TESSERA_LABEL_ENTITY, "Armed group", "#e01b24", NULL, &error), >, 0);
  g_assert_no_error (error);
  tessera_test_tag (f->project, doc, "Wagner", TESSERA_LABEL_ENTITY, "Armed group", NULL);
  g_assert_true (tessera_export_brat (f->project, out, NULL, &error));
  g_assert_no_error (error);

  imported = tessera_import_paths (back, paths, NULL, NULL, &error);
  if (!imported)
    g_test_message ("importing the export: %s", error->message);
  spans = all_spans (back, NULL);
  g_assert_true (imported && count_spans (spans, "Wagner", "Armed group", NULL, -1) == 1);
  tessera_project_close (back);
}

/* --- 3. brat offsets, mismatches, discontinuous spans --------------------------- */

#define BOM_CRLF_TEXT "\xEF\xBB\xBF" "line one\r\nKidal fell\r\n"

static void
test_brat_offsets (TesseraTestProject *f,
                   gconstpointer       data)
{
  g_autofree char *good = tessera_test_make_folder (f->dir, "good");
  g_autofree char *bad = tessera_test_make_folder (f->dir, "bad");
  g_autofree char *disc = tessera_test_make_folder (f->dir, "disc");
  g_autofree char *described = NULL, *text = NULL;
  g_autoptr(GArray) spans = NULL;
  TesseraImportOptions strict = { 0 };
  TesseraImportReport report;
  const TesseraImportLoss *loss;
  gboolean noticed = FALSE;

  /* brat (Python) counts the BOM and each CR: "Kidal" is 11–16. */
  g_free (tessera_test_write_file (good, "kidal.txt", BOM_CRLF_TEXT, -1));
  g_free (tessera_test_write_file (good, "kidal.ann", "T1\tPlace 11 16\tKidal\nT2\tTerritoryChange 17 21\tfell\n", -1));
  import_ok (f->project, good, NULL, &report);
  for (guint i = 0; i < report.notices->len; i++)
    noticed |= strstr (report.notices->pdata[i], "byte-order mark") != NULL;
  g_assert_true (noticed);
  tessera_import_report_clear (&report);
  text = text_of (f->project, "kidal");
  g_assert_cmpstr (text, ==, "line one\nKidal fell\n");
  spans = all_spans (f->project, NULL);
  g_assert_cmpuint (spans->len, ==, 2);
  ASSERT_SPANS (spans, "Kidal", "Place", 1);
  ASSERT_SPANS (spans, "fell", "TerritoryChange", 1);

  /* A T line whose text is not the .txt's there: the file and line, and
   * nothing imported (not the good line before it either). */
  g_free (tessera_test_write_file (bad, "gao.txt", BOM_CRLF_TEXT, -1));
  g_free (tessera_test_write_file (bad, "gao.ann", "T1\tPlace 11 16\tKidal\nT2\tPlace 11 16\tGao\n", -1));
  import_fails (f->project, bad, NULL, "gao.ann:2", "“Gao”", NULL);
  g_assert_null (tessera_project_find_document (f->project, "gao", FALSE, NULL));

  /* brat's "North and South America": T1 in two pieces, an error with
   * --strict, else a loss. */
  g_free (tessera_test_write_file (disc, "america.txt", "North and South America\n", -1));
  g_free (tessera_test_write_file (disc, "america.ann",
                                   "T1\tPlace 0 5;16 23\tNorth America\nT2\tPlace 10 23\tSouth America\n", -1));
  strict.strict = TRUE;
  import_fails (f->project, disc, &strict, "1 discontinuous span", "america.ann:1", NULL);

  import_ok (f->project, disc, NULL, &report);
  g_assert_cmpuint (report.n_documents, ==, 1);
  g_assert_cmpuint (report.n_spans, ==, 1);
  g_assert_cmpuint (report.losses->len, ==, 1);
  loss = report.losses->pdata[0];
  g_assert_cmpint (loss->kind, ==, TESSERA_LOSS_DISCONTINUOUS);
  described = tessera_import_loss_describe (loss);
  g_assert_true (g_str_has_prefix (described, "1 discontinuous span (first at "));
  g_assert_true (g_str_has_suffix (described, "america.ann:1)"));
  tessera_import_report_clear (&report);
  g_clear_pointer (&spans, g_array_unref);
  spans = all_spans (f->project, NULL);
  ASSERT_SPANS (spans, "South America", "Place", 1);
  ASSERT_SPANS (spans, "North and South America", NULL, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, TesseraTestProject, NULL, tessera_test_project_setup, func, tessera_test_project_teardown)
  ADD ("/interop/brat/news-tutorial", test_brat_news);
  ADD ("/interop/brat/round-trip", test_brat_round_trip);
  ADD ("/interop/brat/label-space", test_brat_label_space);
  ADD ("/interop/brat/offsets", test_brat_offsets);
#undef ADD

  return g_test_run ();
}
