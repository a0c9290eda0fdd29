/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-split"

#include "config.h"

#include <string.h>

#include "tessera-cluster.h"
#include "tessera-duplicates.h"
#include "tessera-error.h"
#include "tessera-project.h"
#include "tessera-split.h"
#include "tessera-test-util.h"

/* Splitting documents into train, dev and test parts: the weights are
 * read strictly, the parts come close to them, the same seed gives the
 * same split, and documents that share wire copy or a cluster never end
 * up in different parts, whatever the seed. */

#define N_DOCUMENTS 40
#define N_SEEDS     200

/* A wire paragraph, long enough for the shared-passages analysis (see
 * test-duplicates.c). */
#define WIRE \
  "Rebels of the Azawad Coordination seized the garrison town of Ber on Sunday, a spokesman for the movement said. " \
  "The army convoy had left Anefis, some 110 kilometres to the south, two days earlier after weeks of delay. " \
  "\u201cWe control the camp and the airstrip,\u201d the spokesman told reporters by telephone from the north. " \
  "The rebellion took up arms again in August after eight years of an uneasy truce."

/* --- parsing ----------------------------------------------------------------- */

static void
test_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  const TesseraSplitPart *part;

  parts = tessera_split_parse ("train=80,dev=10,test=10", &error);
  g_assert_no_error (error);
  g_assert_nonnull (parts);
  g_assert_cmpuint (parts->len, ==, 3);
  part = g_ptr_array_index (parts, 0);
  g_assert_cmpstr (part->name, ==, "train");
  g_assert_cmpuint (part->weight, ==, 80);
  part = g_ptr_array_index (parts, 2);
  g_assert_cmpstr (part->name, ==, "test");
  g_assert_cmpuint (part->weight, ==, 10);
  g_clear_pointer (&parts, g_ptr_array_unref);

  /* Any total; spaces around the pieces are forgiven. */
  parts = tessera_split_parse (" a_1 = 3 , b-2=1 ", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parts->len, ==, 2);
  part = g_ptr_array_index (parts, 1);
  g_assert_cmpstr (part->name, ==, "b-2");
  g_assert_cmpuint (part->weight, ==, 1);
}

static void
assert_parse_error (const char *spec,
                    int         code,
                    const char *names)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parts = tessera_split_parse (spec, &error);

  g_assert_null (parts);
  g_assert_error (error, TESSERA_ERROR, code);
  /* The message says which piece is wrong. */
  if (names != NULL && strstr (error->message, names) == NULL)
    g_error ("“%s”: the message “%s” does not name “%s”", spec, error->message, names);
}

static void
test_parse_errors (void)
{
  assert_parse_error ("", TESSERA_ERROR_INVALID_INPUT, "NAME=WEIGHT");
  assert_parse_error ("   ", TESSERA_ERROR_INVALID_INPUT, "NAME=WEIGHT");
  assert_parse_error ("train=80,dev,test=10", TESSERA_ERROR_INVALID_INPUT, "“dev”");
  assert_parse_error ("train80", TESSERA_ERROR_INVALID_INPUT, "“train80”");
  assert_parse_error ("train=80,dev=0,test=10", TESSERA_ERROR_INVALID_INPUT, "“dev=0”");
  assert_parse_error ("train=80,dev=,test=10", TESSERA_ERROR_INVALID_INPUT, "“dev=”");
  assert_parse_error ("train=-5", TESSERA_ERROR_INVALID_INPUT, "“train=-5”");
  assert_parse_error ("train=1.5", TESSERA_ERROR_INVALID_INPUT, "“train=1.5”");
  assert_parse_error ("train=0x10", TESSERA_ERROR_INVALID_INPUT, "“train=0x10”");
  assert_parse_error ("train=99999999999999999999999", TESSERA_ERROR_LIMIT, "“train=99999999999999999999999”");
  assert_parse_error ("train=80,dev=10,train=10", TESSERA_ERROR_INVALID_INPUT, "“train”");
  assert_parse_error ("train=80,,test=10", TESSERA_ERROR_INVALID_INPUT, "empty part");
  assert_parse_error ("train=80,test=10,", TESSERA_ERROR_INVALID_INPUT, "empty part");
  assert_parse_error ("=80", TESSERA_ERROR_INVALID_INPUT, "“=80”");
  assert_parse_error ("Train=80", TESSERA_ERROR_INVALID_INPUT, "“Train=80”");
  assert_parse_error ("tr ain=80", TESSERA_ERROR_INVALID_INPUT, "“tr ain=80”");
}

/* --- a project of 40 reports ----------------------------------------------------- */

typedef struct
{
  TesseraTestProject  base;
  GArray             *ids;          /* gint64: every document */
  gint64              wire_a, wire_b;    /* share WIRE */
  gint64              event_a, event_b;  /* in one event cluster */
  gint64              entity_a, entity_b;  /* in one entity cluster */
  GPtrArray          *parts;        /* train=80,dev=10,test=10 */
} Fixture;

/* A sentence of made-up words that no other document uses, so that the
 * reports share nothing but what a test puts in them. */
static void
append_filler (GString *text,
               GRand   *rand,
               guint    n_sentences)
{
  static const char * const syllables[] = {
    "ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "za", "bi", "do", "fu", "ge", "hi",
    "ja", "ko", "lu", "ma", "no", "pe", "qui", "ro", "su", "ti", "wa", "xe", "yo", "zu",
  };

  for (guint s = 0; s < n_sentences; s++)
    {
      for (guint w = 0; w < 12; w++)
        {
          guint n_syllables = (guint) g_rand_int_range (rand, 2, 5);

          if (w > 0)
            g_string_append_c (text, ' ');
          for (guint k = 0; k < n_syllables; k++)
            {
              const char *syllable = syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))];

              g_string_append (text, syllable);
            }
        }
      g_string_append (text, ". ");
    }
}

static gint64
add_report (Fixture    *f,
            GRand      *rand,
            guint       i,
            const char *middle)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *uid = g_strdup_printf ("report-%02u", i);

  append_filler (text, rand, 3);
  if (middle != NULL)
    g_string_append_printf (text, "\n\n%s\n\n", middle);
  append_filler (text, rand, 2);

  return tessera_test_add_text (f->base.project, uid, "Outlet", text->str);
}

static gint64
add_cluster (Fixture          *f,
             TesseraLabelKind  kind,
             const char       *name,
             gint64            doc_a,
             gint64            doc_b,
             const char       *label)
{
  g_autoptr(GError) error = NULL;
  gint64 cluster, members[2];
  gint64 docs[2] = { doc_a, doc_b };

  cluster = tessera_project_add_cluster (f->base.project, kind, name, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      gint64 span = tessera_test_tag (f->base.project, docs[i], "Kidal", kind, label, NULL);

      if (kind == TESSERA_LABEL_EVENT)
        {
          members[i] = tessera_project_add_event (f->base.project, span,
                                                  tessera_test_label_id (f->base.project, kind, label),
                                                  NULL, NULL, &error);
          g_assert_no_error (error);
          g_assert_true (tessera_project_add_cluster_member (f->base.project, cluster, 0, members[i], &error));
        }
      else
        {
          g_assert_true (tessera_project_add_cluster_member (f->base.project, cluster, span, 0, &error));
        }
      g_assert_no_error (error);
    }

  return cluster;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;

  tessera_test_project_setup (&f->base, data);
  f->ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < N_DOCUMENTS; i++)
    {
      /* The linked pairs are far apart in id order, so the shuffle, not
       * their place in the project, would part them. */
      const char *middle = i == 3 || i == 31 ? WIRE
                         : i == 8 || i == 22 || i == 14 || i == 37 ? "Kidal."
                         : NULL;
      gint64 id = add_report (f, rand, i, middle);

      g_array_append_val (f->ids, id);
    }
  f->wire_a = g_array_index (f->ids, gint64, 3);
  f->wire_b = g_array_index (f->ids, gint64, 31);
  f->event_a = g_array_index (f->ids, gint64, 8);
  f->event_b = g_array_index (f->ids, gint64, 22);
  f->entity_a = g_array_index (f->ids, gint64, 14);
  f->entity_b = g_array_index (f->ids, gint64, 37);

  add_cluster (f, TESSERA_LABEL_EVENT, "Fighting near Kidal", f->event_a, f->event_b, "Battle");
  add_cluster (f, TESSERA_LABEL_ENTITY, "Kidal", f->entity_a, f->entity_b, "Place");

  f->parts = tessera_split_parse ("train=80,dev=10,test=10", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->parts, g_ptr_array_unref);
  g_clear_pointer (&f->ids, g_array_unref);
  tessera_test_project_teardown (&f->base, data);
}

static TesseraSplit *
split (Fixture *f,
       guint32  seed)
{
  g_autoptr(GError) error = NULL;
  TesseraSplit *result = tessera_split_assign (f->base.project, f->parts, seed, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);

  return result;
}

/* The project is what the tests think it is: the wire paragraph is the
 * one passage found, and the filler is not taken for copies. */
static void
test_fixture (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDuplicates) duplicates = NULL;
  const TesseraDuplicateGroup *group;

  duplicates = tessera_duplicates_find (f->base.project, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tessera_duplicates_get_n_groups (duplicates), ==, 1);
  group = tessera_duplicates_get_group (duplicates, 0);
  g_assert_cmpuint (group->n_documents, ==, 2);
  g_assert_cmpint (g_array_index (group->passages, TesseraPassage, 0).document_id, ==, f->wire_a);
  g_assert_cmpint (g_array_index (group->passages, TesseraPassage, 1).document_id, ==, f->wire_b);
}

static void
test_linked_together (Fixture       *f,
                      gconstpointer  data)
{
  /* Dealt at random, two documents would land apart one time in three
   * (1 − 0.8² − 0.1² − 0.1²): over 200 seeds, only keeping them together
   * passes. */
  for (guint32 seed = 1; seed <= N_SEEDS; seed++)
    {
      g_autoptr(TesseraSplit) s = split (f, seed);
      guint total = 0;

      g_assert_cmpuint (s->document_ids->len, ==, N_DOCUMENTS);
      g_assert_cmpuint (s->n_groups, ==, N_DOCUMENTS - 3);
      g_assert_cmpuint (s->n_kept_together, ==, 3);

      g_assert_cmpint (tessera_split_get_part (s, f->wire_a), ==, tessera_split_get_part (s, f->wire_b));
      g_assert_cmpint (tessera_split_get_part (s, f->event_a), ==, tessera_split_get_part (s, f->event_b));
      g_assert_cmpint (tessera_split_get_part (s, f->entity_a), ==, tessera_split_get_part (s, f->entity_b));

      /* 32, 4 and 4, give or take the pairs. */
      g_assert_cmpint (ABS ((int) g_array_index (s->part_sizes, guint, 0) - 32), <=, 2);
      g_assert_cmpint (ABS ((int) g_array_index (s->part_sizes, guint, 1) - 4), <=, 2);
      g_assert_cmpint (ABS ((int) g_array_index (s->part_sizes, guint, 2) - 4), <=, 2);
      for (guint p = 0; p < 3; p++)
        total += g_array_index (s->part_sizes, guint, p);
      g_assert_cmpuint (total, ==, N_DOCUMENTS);

      /* The sizes are what the documents say. */
      for (guint p = 0; p < 3; p++)
        {
          guint n = 0;

          for (guint i = 0; i < N_DOCUMENTS; i++)
            if (tessera_split_get_part (s, g_array_index (f->ids, gint64, i)) == (int) p)
              n++;
          g_assert_cmpuint (n, ==, g_array_index (s->part_sizes, guint, p));
        }
    }
}

static void
test_seeded (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TesseraSplit) first = split (f, 42);
  g_autoptr(TesseraSplit) again = split (f, 42);
  guint n_differ = 0;

  /* The same seed, the same split. */
  g_assert_cmpuint (first->part_of->len, ==, again->part_of->len);
  g_assert_cmpmem (first->document_ids->data, first->document_ids->len * sizeof (gint64),
                   again->document_ids->data, again->document_ids->len * sizeof (gint64));
  g_assert_cmpmem (first->part_of->data, first->part_of->len * sizeof (guint),
                   again->part_of->data, again->part_of->len * sizeof (guint));

  /* Another seed, another split (nearly always: not one of ten alike). */
  for (guint32 seed = 1; seed <= 10; seed++)
    {
      g_autoptr(TesseraSplit) other = split (f, seed);

      if (memcmp (first->part_of->data, other->part_of->data, first->part_of->len * sizeof (guint)) != 0)
        n_differ++;
    }
  g_assert_cmpuint (n_differ, ==, 10);
}

static void
test_describe (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(TesseraSplit) s = split (f, 1);
  g_autofree char *text = tessera_split_describe (s);
  g_autofree char *expected = g_strdup_printf ("train: %u documents, dev: %u documents, test: %u documents; "
                                               "3 groups of linked documents kept whole",
                                               g_array_index (s->part_sizes, guint, 0),
                                               g_array_index (s->part_sizes, guint, 1),
                                               g_array_index (s->part_sizes, guint, 2));

  g_assert_cmpstr (text, ==, expected);
  /* A document added since is in no part. */
  g_assert_cmpint (tessera_split_get_part (s, 999999), ==, -1);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraSplit) s = NULL;

  g_cancellable_cancel (cancellable);
  s = tessera_split_assign (f->base.project, f->parts, 1, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (s);
}

/* One part takes everything; an empty project splits into empty parts. */
static void
test_edges (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) one = tessera_split_parse ("all=1", &error);
  TesseraTestProject fixture = { 0 };
  g_autoptr(TesseraSplit) empty = NULL;
  g_autoptr(TesseraSplit) all = NULL;

  g_assert_no_error (error);
  tessera_test_project_setup (&fixture, NULL);

  empty = tessera_split_assign (fixture.project, one, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->document_ids->len, ==, 0);
  g_assert_cmpuint (g_array_index (empty->part_sizes, guint, 0), ==, 0);
  g_assert_cmpuint (empty->n_groups, ==, 0);

  tessera_test_add_report (fixture.project, "a");
  tessera_test_add_report (fixture.project, "b");
  all = tessera_split_assign (fixture.project, one, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_array_index (all->part_sizes, guint, 0), ==, 2);

  g_clear_pointer (&empty, tessera_split_free);
  g_clear_pointer (&all, tessera_split_free);
  tessera_test_project_teardown (&fixture, NULL);
}

/* --- the Kidal reports -------------------------------------------------------- */

static void
test_kidal (TesseraTestProject *f,
            gconstpointer       data)
{
  const char *shared = g_getenv ("TESSERA_SHARED_CORPUS");
  g_autofree char *corpus = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(TesseraDuplicates) duplicates = NULL;
  TesseraImportReport report;
  guint n_groups;

  if (shared == NULL)
    {
      g_test_skip ("TESSERA_SHARED_CORPUS is not set");
      return;
    }
  corpus = g_build_filename (shared, "kidal-2023", NULL);
  if (!g_file_test (corpus, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the Kidal corpus is not there");
      return;
    }

  tessera_import_report_init (&report);
  g_assert_true (tessera_test_import (f->project, corpus, FALSE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_documents, ==, 5);
  tessera_import_report_clear (&report);

  /* Which reports share wire copy is the analysis's to say. */
  duplicates = tessera_duplicates_find (f->project, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  n_groups = tessera_duplicates_get_n_groups (duplicates);
  g_assert_cmpuint (n_groups, >=, 1);
  g_test_message ("%u passages shared; the first by %u reports", n_groups,
                  tessera_duplicates_get_group (duplicates, 0)->n_documents);

  parts = tessera_split_parse ("train=80,dev=10,test=10", &error);
  g_assert_no_error (error);

  for (guint32 seed = 1; seed <= 50; seed++)
    {
      g_autoptr(TesseraSplit) s = tessera_split_assign (f->project, parts, seed, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (s->document_ids->len, ==, 5);
      g_assert_cmpuint (s->n_kept_together, >=, 1);

      for (guint g = 0; g < n_groups; g++)
        {
          const TesseraDuplicateGroup *group = tessera_duplicates_get_group (duplicates, g);
          int part = tessera_split_get_part (s, g_array_index (group->passages, TesseraPassage, 0).document_id);

          g_assert_cmpint (part, >=, 0);
          for (guint p = 1; p < group->passages->len; p++)
            g_assert_cmpint (tessera_split_get_part (s, g_array_index (group->passages, TesseraPassage, p).document_id),
                             ==, part);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/split/parse", test_parse);
  g_test_add_func ("/split/parse-errors", test_parse_errors);
  g_test_add_func ("/split/edges", test_edges);
  g_test_add ("/split/fixture", Fixture, NULL, fixture_setup, test_fixture, fixture_teardown);
  g_test_add ("/split/linked-together", Fixture, NULL, fixture_setup, test_linked_together, fixture_teardown);
  g_test_add ("/split/seeded", Fixture, NULL, fixture_setup, test_seeded, fixture_teardown);
  g_test_add ("/split/describe", Fixture, NULL, fixture_setup, test_describe, fixture_teardown);
  g_test_add ("/split/cancelled", Fixture, NULL, fixture_setup, test_cancelled, fixture_teardown);
  g_test_add ("/split/kidal", TesseraTestProject, NULL,
              tessera_test_project_setup, test_kidal, tessera_test_project_teardown);

  return g_test_run ();
}
