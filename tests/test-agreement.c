/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-agreement"

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "tessera-agreement.h"
#include "tessera-curation.h"
#include "tessera-formats.h"
#include "tessera-error.h"
#include "tessera-project.h"
#include "tessera-test-util.h"

/* Agreement between two annotators on a fixture small enough to count by
 * hand (the counts are worked out beside each assertion): overlapping
 * and nested spans, a label disagreement, two fillers for one role, a
 * stance toward an event and one toward a span, clusters across two
 * documents, a suggestion that takes no part and a document only one
 * annotated. An emoji flag before the spans checks the quotations. */

#define DOC1 "The FAMa \U0001F1F2\U0001F1F1 attacked Anefis; rebels said the army shelled Kidal, killing 12."
#define DOC2 "Malian troops fought at Anefis."
#define DOC3 "Nothing but ana's own words here."

typedef struct
{
  TesseraTestProject base;
  gint64             doc1, doc2, doc3;
} Fixture;

static gint64
add_doc (TesseraProject *project,
         const char     *uid,
         const char     *text)
{
  g_autoptr(TesseraDocument) doc = tessera_document_new ();

  doc->uid = g_strdup (uid);
  doc->title = g_strdup (uid);
  doc->text = g_strdup (text);
  return tessera_test_add_document (project, doc);
}

static gint64
tag (Fixture    *f,
     gint64      doc,
     const char *word,
     const char *label)
{
  TesseraLabelKind kind = TESSERA_LABEL_ENTITY;

  if (g_str_equal (label, "Battle") || g_str_equal (label, "RemoteViolence"))
    kind = TESSERA_LABEL_EVENT;
  else if (g_str_equal (label, "asserts") || g_str_equal (label, "reports"))
    kind = TESSERA_LABEL_STANCE;
  return tessera_test_tag (f->base.project, doc, word, kind, label, NULL);
}

static gint64
event (Fixture    *f,
       gint64      trigger,
       const char *type)
{
  g_autoptr(GError) error = NULL;
  gint64 id = tessera_project_add_event (f->base.project, trigger,
                                         tessera_test_label_id (f->base.project, TESSERA_LABEL_EVENT, type),
                                         NULL, NULL, &error);

  g_assert_no_error (error);
  return id;
}

static void
argument (Fixture    *f,
          gint64      event_id,
          const char *role,
          gint64      span)
{
  g_autoptr(GError) error = NULL;

  tessera_project_add_argument (f->base.project, event_id,
                                tessera_test_label_id (f->base.project, TESSERA_LABEL_ROLE, role), span, &error);
  g_assert_no_error (error);
}

static void
stance (Fixture    *f,
        gint64      statement,
        const char *label,
        gint64      holder,
        gint64      target_event,
        gint64      target_span)
{
  g_autoptr(GError) error = NULL;

  tessera_project_add_stance (f->base.project, statement,
                              tessera_test_label_id (f->base.project, TESSERA_LABEL_STANCE, label),
                              holder, target_event, target_span, &error);
  g_assert_no_error (error);
}

static void
cluster (Fixture    *f,
         const char *name,
         gint64      a,
         gint64      b)
{
  g_autoptr(GError) error = NULL;
  gint64 id = tessera_project_add_cluster (f->base.project, TESSERA_LABEL_ENTITY, name, &error);

  g_assert_no_error (error);
  tessera_project_add_cluster_member (f->base.project, id, a, 0, &error);
  g_assert_no_error (error);
  tessera_project_add_cluster_member (f->base.project, id, b, 0, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  TesseraProject *project;
  gint64 fama, anefis, rebels, army, kidal, twelve, attacked, shelled, said, killing, e1, e2, troops, anefis2;

  tessera_test_project_setup (&f->base, data);
  project = f->base.project;
  f->doc1 = add_doc (project, "doc1", DOC1);
  f->doc2 = add_doc (project, "doc2", DOC2);
  f->doc3 = add_doc (project, "doc3", DOC3);

  tessera_project_set_annotator (project, "ana");
  fama = tag (f, f->doc1, "FAMa", "ArmedGroup");
  anefis = tag (f, f->doc1, "Anefis", "Place");
  rebels = tag (f, f->doc1, "rebels", "ArmedGroup");
  army = tag (f, f->doc1, "the army", "ArmedGroup");   /* ben: "army" (nested) */
  kidal = tag (f, f->doc1, "Kidal", "Place");
  twelve = tag (f, f->doc1, "12", "Quantity");
  attacked = tag (f, f->doc1, "attacked", "Battle");
  shelled = tag (f, f->doc1, "shelled", "RemoteViolence");
  said = tag (f, f->doc1, "said", "asserts");
  killing = tag (f, f->doc1, "killing 12", "reports");
  e1 = event (f, attacked, "Battle");
  argument (f, e1, "Agent", fama);
  argument (f, e1, "Place", anefis);
  e2 = event (f, shelled, "RemoteViolence");
  argument (f, e2, "Place", kidal);
  argument (f, e2, "Casualties", twelve);
  stance (f, said, "asserts", rebels, e2, 0);
  stance (f, killing, "reports", 0, 0, kidal);
  troops = tag (f, f->doc2, "troops", "ArmedGroup");
  anefis2 = tag (f, f->doc2, "Anefis", "Place");
  cluster (f, "FAMa (ana)", fama, troops);
  cluster (f, "Anefis (ana)", anefis, anefis2);
  tag (f, f->doc3, "words", "Organization");
  (void) army;

  tessera_project_set_annotator (project, "ben");
  fama = tag (f, f->doc1, "FAMa", "ArmedGroup");
  anefis = tag (f, f->doc1, "Anefis", "Place");
  rebels = tag (f, f->doc1, "rebels", "Organization");
  army = tag (f, f->doc1, "army", "ArmedGroup");
  kidal = tag (f, f->doc1, "Kidal", "Place");
  attacked = tag (f, f->doc1, "attacked", "Battle");
  shelled = tag (f, f->doc1, "shelled", "RemoteViolence");
  said = tag (f, f->doc1, "said", "asserts");
  killing = tag (f, f->doc1, "killing 12", "reports");
  e1 = event (f, attacked, "Battle");
  argument (f, e1, "Agent", fama);
  argument (f, e1, "Place", anefis);
  e2 = event (f, shelled, "RemoteViolence");
  argument (f, e2, "Agent", army);
  argument (f, e2, "Agent", rebels);
  argument (f, e2, "Place", kidal);
  stance (f, said, "asserts", rebels, e2, 0);
  stance (f, killing, "reports", rebels, 0, kidal);
  troops = tag (f, f->doc2, "troops", "ArmedGroup");
  tag (f, f->doc2, "Anefis", "Place");
  cluster (f, "FAMa (ben)", fama, troops);

  /* A suggestion is nobody's judgement yet. */
  {
    g_autoptr(GError) error = NULL;
    TesseraSpan span = { 0 };
    gint64 start, end;

    tessera_test_find_word (DOC1, "The", &start, &end);
    span.document_id = f->doc1;
    span.start = start;
    span.end = end;
    span.label_id = tessera_test_label_id (project, TESSERA_LABEL_ENTITY, "Organization");
    span.annotator_id = tessera_project_get_annotator_id (project, "ben", &error);
    span.suggested = TRUE;
    g_assert_cmpint (tessera_project_insert_span (project, &span, &error), >, 0);
    g_assert_no_error (error);
  }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  tessera_test_project_teardown (&f->base, data);
}

static const TesseraAgreementCount *
by_label (const TesseraAgreementPair *pair,
          const char                 *label)
{
  for (guint i = 0; i < pair->labels->len; i++)
    if (g_str_equal (g_ptr_array_index (pair->labels, i), label))
      return &g_array_index (pair->by_label, TesseraAgreementCount, i);
  g_assert_not_reached ();
}

static void
assert_count (const TesseraAgreementCount *count,
              guint                        a,
              guint                        b,
              guint                        matched,
              double                       f1)
{
  g_assert_cmpuint (count->a, ==, a);
  g_assert_cmpuint (count->b, ==, b);
  g_assert_cmpuint (count->matched, ==, matched);
  if (isnan (f1))
    g_assert_true (isnan (tessera_agreement_count_f1 (count)));
  else
    g_assert_cmpfloat_with_epsilon (tessera_agreement_count_f1 (count), f1, 1e-9);
}

static void
test_hand_computed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAgreement) agreement = tessera_agreement_compute (f->base.project, NULL, NULL, &error);
  const TesseraAgreementPair *pair;
  gboolean found_twelve = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (agreement->annotators->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (agreement->annotators, 0), ==, "ana");
  g_assert_cmpuint (agreement->pairs->len, ==, 1);
  pair = g_ptr_array_index (agreement->pairs, 0);
  g_assert_cmpstr (pair->a, ==, "ana");
  g_assert_cmpstr (pair->b, ==, "ben");
  /* doc3 is ana's alone. */
  g_assert_cmpuint (pair->n_documents, ==, 2);

  /* ana: FAMa, Anefis, rebels, the army, Kidal, 12, troops, Anefis (8);
   * ben: FAMa, Anefis, rebels (Organization), army, Kidal, troops, Anefis
   * (7); alike: FAMa, Anefis, Kidal, troops, Anefis: 2·5 / 15. */
  assert_count (&pair->counts[TESSERA_AGREEMENT_SPANS], 8, 7, 5, 10.0 / 15);
  /* ArmedGroup: ana FAMa, rebels, the army, troops; ben FAMa, army, troops. */
  assert_count (by_label (pair, "ArmedGroup"), 4, 3, 2, 4.0 / 7);
  assert_count (by_label (pair, "Place"), 3, 3, 3, 1.0);
  assert_count (by_label (pair, "Quantity"), 1, 0, 0, 0.0);
  assert_count (by_label (pair, "Organization"), 0, 1, 0, 0.0);

  assert_count (&pair->counts[TESSERA_AGREEMENT_TRIGGERS], 2, 2, 2, 1.0);
  /* ana: Battle Agent FAMa, Place Anefis; RemoteViolence Place Kidal,
   * Casualties 12. ben: the same Battle; RemoteViolence Agent army,
   * Agent rebels, Place Kidal. Alike: 3 of 4 and 5. */
  assert_count (&pair->counts[TESSERA_AGREEMENT_ARGUMENTS], 4, 5, 3, 6.0 / 9);
  /* The Battle frames are the same, the RemoteViolence ones not. */
  assert_count (&pair->counts[TESSERA_AGREEMENT_FRAMES], 2, 2, 1, 0.5);
  /* "said" asserts, held by rebels, toward the shelling: alike. "killing
   * 12" reports Kidal: ana with no holder, ben held by rebels. */
  assert_count (&pair->counts[TESSERA_AGREEMENT_STANCES], 2, 2, 1, 0.5);

  /* α: 9 places; 4 given two values (rebels, the army, army, 12). Values
   * (18): ArmedGroup 7, Place 6, none 3, Organization 1, Quantity 1;
   * Σ n_c² = 96. α = 1 − 17·8 / (18² − 96). */
  g_assert_cmpuint (pair->alpha_units, ==, 9);
  g_assert_cmpfloat_with_epsilon (pair->alpha, 1.0 - 17.0 * 8.0 / (324.0 - 96.0), 1e-9);

  /* B³ over FAMa, troops, Anefis, Anefis (the mentions both marked that
   * either linked): ana {FAMa, troops} {Anefis, Anefis}; ben {FAMa,
   * troops} and each Anefis alone. Precision (1 + 1 + ½ + ½) / 4, recall 1. */
  g_assert_cmpuint (pair->b3_mentions, ==, 4);
  g_assert_cmpfloat_with_epsilon (pair->b3_precision, 0.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (pair->b3_recall, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (pair->b3_f1, 2 * 0.75 / 1.75, 1e-9);

  /* Every disagreement is listed, with what it says, quoted exactly. */
  for (guint i = 0; i < pair->disagreements->len; i++)
    {
      const TesseraDisagreement *d = &g_array_index (pair->disagreements, TesseraDisagreement, i);

      if (d->measure == TESSERA_AGREEMENT_SPANS && g_str_equal (d->label, "Quantity"))
        {
          g_assert_true (d->first);
          g_assert_cmpint (d->document_id, ==, f->doc1);
          g_assert_cmpstr (d->description, ==, "Quantity “12”");
          found_twelve = TRUE;
        }
    }
  g_assert_true (found_twelve);
  /* spans 3 + 2, arguments 1 + 2, frames 1 + 1, stances 1 + 1 */
  g_assert_cmpuint (pair->disagreements->len, ==, 12);
}

static void
test_annotators (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *nobody[] = { "ana", "zoe", NULL };
  const char *alone[] = { "ana", NULL };
  g_autoptr(TesseraAgreement) agreement = NULL;

  agreement = tessera_agreement_compute (f->base.project, nobody, NULL, &error);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "zoe"));
  g_assert_null (agreement);
  g_clear_error (&error);

  agreement = tessera_agreement_compute (f->base.project, alone, NULL, &error);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_assert_null (agreement);
}

/* The CLI's JSON carries the same figures, in the documented shape. */
static void
test_cli_json (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *argv[] = { g_getenv ("TESSERA_CLI"), "agreement", "--json", f->base.path, NULL };
  JsonObject *root, *pair, *spans;
  int status;

  tessera_test_project_close (&f->base);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "annotators")), ==, 2);
  pair = json_array_get_object_element (json_object_get_array_member (root, "pairs"), 0);
  g_assert_cmpstr (json_object_get_string_member (pair, "a"), ==, "ana");
  g_assert_cmpint (json_object_get_int_member (pair, "documents"), ==, 2);
  spans = json_object_get_object_member (pair, "spans");
  g_assert_cmpint (json_object_get_int_member (spans, "matched"), ==, 5);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (spans, "f1"), 0.6667, 1e-4);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_object_get_object_member (spans, "by_label"), "Place"), "matched"), ==, 3);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_object_get_object_member (json_object_get_object_member (pair, "events"), "frames"), "f1"), 0.5, 1e-9);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (pair, "stances"), "a"), ==, 2);
  g_assert_true (json_object_has_member (json_object_get_object_member (pair, "alpha"), "variant"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (pair, "clusters"), "mentions"), ==, 4);
}

/* Curating the fixture as gold, with both annotators needed: what they
 * agree on is gold's, the rest waits as suggestions saying who made it;
 * the export of gold's layer holds exactly the agreement; again, nothing. */
static void
test_curate (Fixture       *f,
             gconstpointer  data)
{
  TesseraProject *project = f->base.project;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraCuration) curation = NULL;
  g_autoptr(TesseraPropagateResult) made = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  TesseraExportOptions options = { .annotator = "gold" };
  g_autofree char *exported = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) gold = g_string_new (NULL);
  g_autoptr(GArray) spans = NULL;
  guint n_notes = 0;

  tessera_project_set_annotator (project, "gold");
  curation = tessera_curation_plan (project, "gold", 2, NULL, &error);
  g_assert_no_error (error);
  /* Agreed: FAMa, Anefis, Kidal, troops, Anefis (doc2); the Battle frame;
   * "said" asserts, held by rebels, toward the shelling. */
  g_assert_cmpuint (curation->agreed.n_spans, ==, 5);
  g_assert_cmpuint (curation->agreed.n_events, ==, 1);
  g_assert_cmpuint (curation->agreed.n_stances, ==, 1);
  /* Disputed: rebels (ArmedGroup, Organization), the army, army, 12, and
   * doc3's "words" that only ana saw; each one's shelling; "killing 12"
   * with and without a holder. */
  g_assert_cmpuint (curation->disputed.n_spans, ==, 6);
  g_assert_cmpuint (curation->disputed.n_events, ==, 2);
  g_assert_cmpuint (curation->disputed.n_stances, ==, 2);
  made = tessera_plan_apply (project, curation->plan, &error);
  g_assert_no_error (error);

  /* gold's layer, as training data: what both agreed on, nothing else. */
  g_assert_true (tessera_test_export_full (project, tessera_export_jsonl, &options, &exported, &error));
  g_assert_no_error (error);
  lines = g_strsplit (exported, "\n", -1);
  for (guint l = 0; lines[l] != NULL && *lines[l] != '\0'; l++)
    {
      JsonObject *record;
      JsonArray *array;

      json_parser_load_from_data (parser, lines[l], -1, &error);
      g_assert_no_error (error);
      record = json_node_get_object (json_parser_get_root (parser));
      g_string_append_printf (gold, "%s:", json_object_get_string_member (record, "id"));
      array = json_object_get_array_member (record, "spans");
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *span = json_array_get_object_element (array, i);

          g_string_append_printf (gold, " %s=%s", json_object_get_string_member (span, "text"),
                                  json_object_get_string_member (span, "label"));
        }
      array = json_object_get_array_member (record, "events");
      for (guint i = 0; i < json_array_get_length (array); i++)
        g_string_append_printf (gold, " event:%s/%u",
                                json_object_get_string_member (json_array_get_object_element (array, i), "type"),
                                json_array_get_length (json_object_get_array_member (json_array_get_object_element (array, i), "arguments")));
      array = json_object_get_array_member (record, "stances");
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *stance = json_array_get_object_element (array, i);

          /* Its holder's label and its target are still disputed. */
          g_string_append_printf (gold, " stance:%s%s%s", json_object_get_string_member (stance, "label"),
                                  json_object_has_member (stance, "holder") ? "+holder" : "",
                                  json_object_has_member (stance, "target") ? "+target" : "");
        }
      g_string_append_c (gold, '\n');
    }
  g_assert_cmpstr (gold->str, ==,
                   "doc1: FAMa=ArmedGroup attacked=Battle Anefis=Place said=asserts Kidal=Place event:Battle/2 stance:asserts\n"
                   "doc2: troops=ArmedGroup Anefis=Place\n"
                   "doc3:\n");

  /* Each suggestion's span says who proposed it. */
  spans = tessera_project_list_spans (project, f->doc1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < spans->len; i++)
    {
      const TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);

      if (span->suggested && span->note != NULL && g_str_has_prefix (span->note, "Proposed by "))
        n_notes++;
    }
  /* 5 disputed spans, 2 shelling triggers, 1 "killing 12" statement, and
   * the second "killing 12" (ben's) reuses it. */
  g_assert_cmpuint (n_notes, ==, 5 + 2 + 1);

  /* Again: nothing new. */
  g_clear_pointer (&curation, tessera_curation_free);
  curation = tessera_curation_plan (project, "gold", 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_plan_is_empty (curation->plan));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/agreement/hand-computed", Fixture, NULL, fixture_setup, test_hand_computed, fixture_teardown);
  g_test_add ("/agreement/annotators", Fixture, NULL, fixture_setup, test_annotators, fixture_teardown);
  g_test_add ("/agreement/curate", Fixture, NULL, fixture_setup, test_curate, fixture_teardown);
  g_test_add ("/agreement/cli-json", Fixture, NULL, fixture_setup, test_cli_json, fixture_teardown);

  return g_test_run ();
}
