/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-duplicates"

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "tessera-duplicates.h"
#include "tessera-error.h"
#include "tessera-project.h"
#include "tessera-shingle.h"
#include "tessera-text.h"
#include "tessera-test-util.h"

/* Finding the passages several documents share: a wire paragraph copied
 * word for word by one outlet and lightly edited by another ("kilometres"
 * spelt "kilometers", a word dropped, straight quotes for curly ones, a
 * typo), while each outlet's own paragraphs, and a report cast in the
 * same stock phrases, are not taken for copies. */

#define WIRE \
  "Rebels of the Azawad Coordination seized the garrison town of Ber on Sunday, a spokesman for the movement said. " \
  "The army convoy had left Anefis, some 110 kilometres to the south, two days earlier after weeks of delay. " \
  "\u201cWe control the camp and the airstrip,\u201d the spokesman told reporters by telephone from the north. " \
  "The rebellion took up arms again in August after eight years of an uneasy truce."

#define WIRE_EDITED \
  "Rebels of the Azawad Coordination seized the garrison town of Ber on Sunday, a spokesman for the movement said. " \
  "The army convoy had left Anefis, some 110 kilometers to the south, days earlier after weeks of delay. " \
  "\"We control the camp and the airstrip,\" the spokesman told reporters by telephone from the north. " \
  "The rebelllion took up arms again in August after eight years of an uneasy truce."

#define OWN_A \
  "Prices of millet and rice in the Gao market have doubled since the rainy season began, traders told our reporter. " \
  "The army said on Friday that rebels had lost control of the airport after brief clashes."

#define OWN_B \
  "The regional governor announced a curfew for the whole district and asked residents to stay indoors after nightfall."

#define OWN_C \
  "Humanitarian agencies warned that thousands of displaced families were sheltering in schools without clean water."

#define OTHER_D \
  "Football fans celebrated late into the night after the national team qualified for the continental cup. " \
  "The army said on Tuesday that it had taken control of the town after heavy fighting."

typedef struct
{
  TesseraTestProject  base;
  gint64              a, b, c, d;
  char               *text_a, *text_b, *text_c, *text_d;
} Fixture;

static gint64
add_document (Fixture    *f,
              const char *uid,
              const char *source,
              const char *text)
{
  g_autoptr(TesseraDocument) doc = tessera_document_new ();

  doc->uid = g_strdup (uid);
  doc->title = g_strdup_printf ("Report %s", uid);
  doc->source = g_strdup (source);
  doc->language = g_strdup ("en");
  doc->text = g_strdup (text);

  return tessera_test_add_document (f->base.project, doc);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  tessera_test_project_setup (&f->base, data);

  f->text_a = g_strdup (WIRE "\n\n" OWN_A);
  /* Non-ASCII first, so code points and bytes differ. */
  f->text_b = g_strdup ("M\u00e9naka \u2014 \U0001F1F2\U0001F1F1 From our correspondent.\n\n" WIRE "\n\n" OWN_B);
  f->text_c = g_strdup (OWN_C "\n\n" WIRE_EDITED);
  f->text_d = g_strdup (OTHER_D);

  f->a = add_document (f, "wire", "Agency", f->text_a);
  f->b = add_document (f, "copy", "Outlet B", f->text_b);
  f->c = add_document (f, "edited", "Outlet C", f->text_c);
  f->d = add_document (f, "other", "Outlet D", f->text_d);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_free (f->text_a);
  g_free (f->text_b);
  g_free (f->text_c);
  g_free (f->text_d);
  tessera_test_project_teardown (&f->base, data);
}

/* Code-point range of @needle in @text. */
static void
find_range (const char *text,
            const char *needle,
            gint64     *start,
            gint64     *end)
{
  tessera_test_find_word (text, needle, start, end);
}

static TesseraDuplicates *
find (Fixture *f,
      double   min_similarity)
{
  g_autoptr(GError) error = NULL;
  TesseraDuplicateOptions options;
  TesseraDuplicates *duplicates;

  tessera_duplicate_options_init (&options);
  options.min_similarity = min_similarity;
  duplicates = tessera_duplicates_find (f->base.project, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (duplicates);

  return duplicates;
}

static void
assert_passage (const TesseraPassage *passage,
                gint64                document_id,
                const char           *text,
                const char           *expected)
{
  gint64 start, end;
  g_autofree char *slice = NULL;

  find_range (text, expected, &start, &end);
  g_assert_cmpint (passage->document_id, ==, document_id);
  g_assert_cmpint (passage->start, ==, start);
  g_assert_cmpint (passage->end, ==, end);
  slice = tessera_text_slice (text, passage->start, passage->end);
  g_assert_cmpstr (slice, ==, expected);
}

static void
test_edited_copies (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TesseraDuplicates) duplicates = find (f, TESSERA_DUPLICATES_DEFAULT_SIMILARITY);
  const TesseraDuplicateStats *stats = tessera_duplicates_get_stats (duplicates);
  const TesseraDuplicateGroup *group;
  g_autoptr(GArray) in_d = NULL;
  g_autoptr(GArray) in_c = NULL;

  g_assert_cmpuint (stats->n_documents, ==, 4);
  /* The wire paragraph, and nothing else: not the army sentences of A
   * and D, which share their stock phrases but not their facts. */
  g_assert_cmpuint (tessera_duplicates_get_n_groups (duplicates), ==, 1);

  group = tessera_duplicates_get_group (duplicates, 0);
  g_assert_cmpuint (group->n_documents, ==, 3);
  g_assert_cmpuint (group->n_sentences, ==, 4);
  g_assert_cmpuint (group->passages->len, ==, 3);
  g_assert_cmpfloat (group->similarity, >=, TESSERA_DUPLICATES_DEFAULT_SIMILARITY);
  g_assert_cmpfloat (group->similarity, <, 1.0);

  assert_passage (&g_array_index (group->passages, TesseraPassage, 0), f->a, f->text_a, WIRE);
  assert_passage (&g_array_index (group->passages, TesseraPassage, 1), f->b, f->text_b, WIRE);
  assert_passage (&g_array_index (group->passages, TesseraPassage, 2), f->c, f->text_c, WIRE_EDITED);

  /* Each copy lists its four sentences; the k-th are copies of each other. */
  g_assert_cmpuint (group->sentences->len, ==, 12);
  for (guint p = 0; p < group->passages->len; p++)
    {
      const TesseraPassage *passage = &g_array_index (group->passages, TesseraPassage, p);
      const TesseraSentenceRange *first = &g_array_index (group->sentences, TesseraSentenceRange,
                                                          passage->first_sentence);
      const TesseraSentenceRange *last = first + passage->n_sentences - 1;
      const TesseraSentenceRange *second = first + 1;
      const char *text = p == 0 ? f->text_a : p == 1 ? f->text_b : f->text_c;
      g_autofree char *second_text = tessera_text_slice (text, second->start, second->end);

      g_assert_cmpuint (passage->n_sentences, ==, 4);
      g_assert_cmpint (first->start, ==, passage->start);
      g_assert_cmpint (last->end, ==, passage->end);
      g_assert_true (g_str_has_prefix (second_text, "The army convoy had left Anefis"));
      g_assert_true (g_str_has_suffix (second_text, "after weeks of delay."));
    }

  in_d = tessera_duplicates_list_passages (duplicates, f->d);
  g_assert_cmpuint (in_d->len, ==, 0);
  in_c = tessera_duplicates_list_passages (duplicates, f->c);
  g_assert_cmpuint (in_c->len, ==, 1);
  g_assert_cmpuint (g_array_index (in_c, TesseraPassage, 0).group, ==, 0);
}

static void
test_min_similarity (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TesseraDuplicates) strict = find (f, 0.99);
  const char *second = "The army convoy had left Anefis, some 110 kilometres to the south, "
                       "two days earlier after weeks of delay.";
  guint n_second = 0;

  /* Sentences equal in normal form are still alike (the first; the
   * quote and the next with "rebelllion", in one passage), the edited
   * second sentence no longer: A and B alone share it. */
  g_assert_cmpuint (tessera_duplicates_get_n_groups (strict), ==, 3);
  for (guint g = 0; g < 3; g++)
    {
      const TesseraDuplicateGroup *group = tessera_duplicates_get_group (strict, g);

      g_assert_cmpfloat (group->similarity, ==, 1.0);
      if (group->n_documents == 2)
        {
          n_second++;
          g_assert_cmpuint (group->passages->len, ==, 2);
          assert_passage (&g_array_index (group->passages, TesseraPassage, 0), f->a, f->text_a, second);
          assert_passage (&g_array_index (group->passages, TesseraPassage, 1), f->b, f->text_b, second);
        }
      else
        {
          g_assert_cmpuint (group->n_documents, ==, 3);
          g_assert_cmpint (g_array_index (group->passages, TesseraPassage, 2).document_id, ==, f->c);
        }
    }
  g_assert_cmpuint (n_second, ==, 1);
}

static void
test_bad_similarity (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDuplicates) duplicates = NULL;
  TesseraDuplicateOptions options;

  tessera_duplicate_options_init (&options);
  options.min_similarity = 1.5;
  duplicates = tessera_duplicates_find (f->base.project, &options, NULL, NULL, NULL, &error);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_assert_null (duplicates);
}

/* A paragraph in two documents only once the words are taken in normal
 * form: curly and straight quotes, dashes, accents, case. */
static void
test_index_in_memory (void)
{
  g_autoptr(TesseraDuplicateIndex) index = tessera_duplicate_index_new (NULL);
  g_autoptr(TesseraDuplicates) duplicates = NULL;
  g_autoptr(GError) error = NULL;
  const TesseraDuplicateGroup *group;

  tessera_duplicate_index_add (index, 7,
                               "Intro line.\nThe convoy reached M\u00e9naka \u2014 the regional capital \u2014 "
                               "late on Monday, officials said.");
  tessera_duplicate_index_add (index, 3,
                               "THE CONVOY REACHED MENAKA - THE REGIONAL CAPITAL - LATE ON MONDAY, OFFICIALS SAID.");
  tessera_duplicate_index_add (index, 5, "Nothing in common with the others at all, really not.");
  duplicates = tessera_duplicate_index_finish (g_steal_pointer (&index), NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (tessera_duplicates_get_n_groups (duplicates), ==, 1);
  group = tessera_duplicates_get_group (duplicates, 0);
  g_assert_cmpfloat (group->similarity, ==, 1.0);
  /* By document id, whatever the order they came in. */
  g_assert_cmpint (g_array_index (group->passages, TesseraPassage, 0).document_id, ==, 3);
  g_assert_cmpint (g_array_index (group->passages, TesseraPassage, 0).start, ==, 0);
  g_assert_cmpint (g_array_index (group->passages, TesseraPassage, 1).document_id, ==, 7);
  g_assert_cmpint (g_array_index (group->passages, TesseraPassage, 1).start, ==, 12);
  g_assert_cmpint (g_array_index (group->passages, TesseraPassage, 1).end, ==, 12 + 82);
  g_assert_cmpuint (tessera_duplicates_get_stats (duplicates)->n_exact, ==, 1);
}

/* --- the normal form and the sentences -------------------------------- */

static void
assert_same_normal (const char *a,
                    const char *b)
{
  g_autofree char *na = tessera_shingle_normalize (a, -1);
  g_autofree char *nb = tessera_shingle_normalize (b, -1);

  g_assert_cmpstr (na, ==, nb);
}

static void
test_normal_forms (void)
{
  g_autofree char *menaka = tessera_shingle_normalize ("M\u00e9naka", -1);
  g_autofree char *number = tessera_shingle_normalize ("25,000", -1);

  g_assert_cmpstr (menaka, ==, "menaka");
  g_assert_cmpstr (number, ==, "25000");
  assert_same_normal ("kilometres", "Kilometers");
  assert_same_normal ("rebelllion", "rebellion");
  assert_same_normal ("neighbour", "neighbor");
  assert_same_normal ("organisation", "organization");
  assert_same_normal ("Tombouctou", "TOMBOUCTOU");
  assert_same_normal ("Ae\u0301", "a\u00e9");

  /* Digits are never merged or forgiven. */
  g_autofree char *ten = tessera_shingle_normalize ("110", -1);
  g_assert_cmpstr (ten, ==, "110");
  g_assert_false (tessera_shingle_words_close ("110", "111"));
  g_assert_false (tessera_shingle_words_close ("25000", "250000"));

  g_assert_true (tessera_shingle_words_close ("neighbouring", "neighboring"));
  g_assert_true (tessera_shingle_words_close ("insurgency", "insurgancy"));
  g_assert_true (tessera_shingle_words_close ("recieved", "received"));
  g_assert_false (tessera_shingle_words_close ("north", "south"));
  g_assert_false (tessera_shingle_words_close ("braced", "bracing"));
  g_assert_false (tessera_shingle_words_close ("gao", "goa"));
}

static void
test_sentences (void)
{
  const char *text =
    "\u00ab M\u00e9naka \u00bb \u2014 The U.N. mission left on Oct. 31, Mr. Diallo said. "
    "\u201cIt is over.\u201d Then it rained\u2026 and nobody came.\n"
    "A line without a stop\n\nKidal\u2019s 25,000 people left";
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (TesseraWordToken));
  g_autoptr(GArray) sentences = g_array_new (FALSE, FALSE, sizeof (TesseraSentence));
  const char * const expected[] = {
    "\u00ab M\u00e9naka \u00bb \u2014 The U.N. mission left on Oct. 31, Mr. Diallo said.",
    "\u201cIt is over.\u201d",
    "Then it rained\u2026 and nobody came.",
    "A line without a stop",
    "Kidal\u2019s 25,000 people left",
  };
  const char * const words[] = { "Kidal", "s", "25,000", "people", "left" };

  tessera_shingle_analyze (text, tokens, sentences);

  g_assert_cmpuint (sentences->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < sentences->len; i++)
    {
      const TesseraSentence *s = &g_array_index (sentences, TesseraSentence, i);
      g_autofree char *slice = tessera_text_slice (text, s->start, s->end);

      g_assert_cmpstr (slice, ==, expected[i]);
    }

  /* Words of the last sentence, by code points and by bytes. */
  {
    const TesseraSentence *last = &g_array_index (sentences, TesseraSentence, sentences->len - 1);

    g_assert_cmpuint (last->n_tokens, ==, G_N_ELEMENTS (words));
    for (guint i = 0; i < last->n_tokens; i++)
      {
        const TesseraWordToken *t = &g_array_index (tokens, TesseraWordToken, last->first_token + i);
        g_autofree char *slice = tessera_text_slice (text, t->start, t->end);
        g_autofree char *bytes = g_strndup (text + t->byte_start, t->byte_end - t->byte_start);
        g_autofree char *normal = tessera_shingle_normalize (bytes, -1);

        g_assert_cmpstr (slice, ==, words[i]);
        g_assert_cmpstr (bytes, ==, words[i]);
        g_assert_cmpuint (t->hash, ==, tessera_shingle_hash (normal, strlen (normal)));
      }
  }
}

static void
test_similarity (void)
{
  const guint32 a[] = { 1, 2, 3, 4, 5, 6 };
  const guint32 b[] = { 1, 2, 9, 4, 5, 6, 7 };
  const guint8 wa[] = { 1, 1, 8, 8, 1, 8 };
  const guint8 wb[] = { 1, 1, 8, 8, 1, 8, 8 };

  g_assert_cmpfloat_with_epsilon (tessera_shingle_similarity (a, 6, a, 6), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (tessera_shingle_similarity (a, 6, b, 7), 10.0 / 13.0, 1e-9);
  /* Word 3 (weight 8) differs, word 7 (8) is extra: 2·19 / (27 + 35). */
  g_assert_cmpfloat_with_epsilon (tessera_shingle_weighted_similarity (a, wa, 6, b, wb, 7),
                                  38.0 / 62.0, 1e-9);
  g_assert_cmpuint (tessera_shingle_minhash_band (a, 6, 0, 3), ==, tessera_shingle_minhash_band (a, 6, 0, 3));
}

/* --- the command line -------------------------------------------------- */

static int
run_cli (const char * const *args,
         char              **out)
{
  const char *cli = g_getenv ("TESSERA_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("tessera-cli said: %s", err);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_cli_json (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *passages, *copies;

  tessera_test_project_close (&f->base);

  {
    const char *args[] = { "duplicates", "--json", f->base.path, NULL };

    g_assert_cmpint (run_cli (args, &out), ==, 0);
  }

  root = tessera_test_parse_json (out);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "documents"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (object, "offset_unit"), ==, "codepoint");
  passages = json_object_get_array_member (object, "passages");
  g_assert_cmpuint (json_array_get_length (passages), ==, 1);
  copies = json_object_get_array_member (json_array_get_object_element (passages, 0), "copies");
  g_assert_cmpuint (json_array_get_length (copies), ==, 3);

  for (guint i = 0; i < 3; i++)
    {
      JsonObject *copy = json_array_get_object_element (copies, i);
      const char *text = i == 0 ? f->text_a : i == 1 ? f->text_b : f->text_c;
      g_autofree char *slice = tessera_text_slice (text, json_object_get_int_member (copy, "start"),
                                                   json_object_get_int_member (copy, "end"));

      g_assert_cmpstr (json_object_get_string_member (copy, "document"), ==,
                       i == 0 ? "wire" : i == 1 ? "copy" : "edited");
      g_assert_cmpstr (json_object_get_string_member (copy, "text"), ==, slice);
      g_assert_cmpstr (slice, ==, i == 2 ? WIRE_EDITED : WIRE);
    }

  /* The listing for people names each copy. */
  {
    const char *args[] = { "duplicates", f->base.path, NULL };
    g_autofree char *listing = NULL;

    g_assert_cmpint (run_cli (args, &listing), ==, 0);
    g_assert_nonnull (strstr (listing, "Passage 1: 3 documents, 4 sentences"));
    g_assert_nonnull (strstr (listing, "edited\tReport edited (Outlet C)"));
    g_assert_null (strstr (listing, "other\t"));
  }

  {
    const char *args[] = { "duplicates", "--min-similarity", "2", f->base.path, NULL };
    g_autofree char *ignored = NULL;

    g_assert_cmpint (run_cli (args, &ignored), ==, 2);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/duplicates/normal-forms", test_normal_forms);
  g_test_add_func ("/duplicates/sentences", test_sentences);
  g_test_add_func ("/duplicates/similarity", test_similarity);
  g_test_add_func ("/duplicates/index-in-memory", test_index_in_memory);
  g_test_add ("/duplicates/edited-copies", Fixture, NULL,
              fixture_setup, test_edited_copies, fixture_teardown);
  g_test_add ("/duplicates/min-similarity", Fixture, NULL,
              fixture_setup, test_min_similarity, fixture_teardown);
  g_test_add ("/duplicates/bad-similarity", Fixture, NULL,
              fixture_setup, test_bad_similarity, fixture_teardown);
  g_test_add ("/duplicates/cli-json", Fixture, NULL,
              fixture_setup, test_cli_json, fixture_teardown);

  return g_test_run ();
}
