/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-interop"

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

/* doccano and Label Studio (UTF-16 offsets after emoji, annotations and
 * predictions) and CoNLL (IOB1, BIOES, BILOU), each told apart by the
 * import itself unless a test asks for a format (brat: test-interop-brat).
 * Other tools' samples come from ../shared/interop; without them those
 * tests skip. */

/* --- 4. doccano ---------------------------------------------------------------- */

#define DOC1 "\U0001F44D\U0001F3FD Les FAMa ont repris Kidal \U0001F1F2\U0001F1F1 hier soir, dit l\u2019\u00e9tat-major."
#define DOC2 "\u00ab\u00a0Nous tenons Ane\u0301fis\u00a0\u00bb \U0001F600 a dit Ag Ghaly au t\u00e9l\u00e9phone."
#define DOC3 "Kidal \U0001F1F2\U0001F1F1 Gao"

static const char * const doc1_spans[] = { "FAMa", "ArmedGroup", "Kidal", "Place", "hier soir", "Date", NULL };
static const char * const doc2_spans[] = { "Ane\u0301fis", "Place", "Ag Ghaly", "Person", NULL };

/* doccano's two shapes, "label" triples and "entities" with "relations",
 * offsets in UTF-16 code units. */
static char *
write_doccano (const char *dir)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gint64 s, e;

  g_string_append (out, "{\"id\": 1, \"text\": \"" DOC1 "\", \"label\": [");
  for (guint i = 0; doc1_spans[i] != NULL; i += 2)
    {
      offsets_of (DOC1, doc1_spans[i], TRUE, &s, &e);
      separate (out);
      g_string_append_printf (out, "[%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", \"%s\"]", s, e, doc1_spans[i + 1]);
    }
  g_string_append (out, "]}\n{\"id\": 2, \"text\": \"" DOC2 "\", \"entities\": [");
  for (guint i = 0; doc2_spans[i] != NULL; i += 2)
    {
      offsets_of (DOC2, doc2_spans[i], TRUE, &s, &e);
      separate (out);
      g_string_append_printf (out, "{\"id\": %u, \"start_offset\": %" G_GINT64_FORMAT ", \"end_offset\": %"
                              G_GINT64_FORMAT ", \"label\": \"%s\"}", 10 + i, s, e, doc2_spans[i + 1]);
    }
  g_string_append (out, "], \"relations\": [{\"id\": 5, \"from_id\": 12, \"to_id\": 10, \"type\": \"holds\"}]}\n");
  return tessera_test_write_file (dir, "reports.jsonl", out->str, -1);
}

static void
test_doccano (TesseraTestProject *f,
              gconstpointer       data)
{
  g_autofree char *path = write_doccano (f->dir);
  g_autofree char *line = NULL, *end_path = NULL, *text = NULL;
  g_autoptr(GArray) spans = NULL, cp_spans = NULL;
  g_autoptr(TesseraProject) cp = NULL;
  TesseraImportOptions codepoints = { 0 }, as_tessera = { 0 };
  TesseraImportReport report;
  gint64 s, e;

  /* Asked to read it as Tessera's JSONL, the file is refused as doccano's;
   * left to tell, a .jsonl of records with "label" or "entities" is. */
  as_tessera.format = TESSERA_IMPORT_TESSERA;
  import_fails (f->project, path, &as_tessera, "reports.jsonl:1", "looks like doccano", NULL);
  import_ok (f->project, path, NULL, &report);
  g_assert_cmpuint (report.n_documents, ==, 2);
  g_assert_cmpuint (report.n_spans, ==, 5);
  g_assert_cmpuint (loss_count (&report, TESSERA_LOSS_RELATION, NULL), ==, 1);
  tessera_import_report_clear (&report);
  text = text_of (f->project, "reports-1");
  g_assert_cmpstr (text, ==, DOC1);

  /* Cut from the stored text, every span is the word meant. */
  spans = all_spans (f->project, NULL);
  for (guint i = 0; doc1_spans[i] != NULL; i += 2)
    ASSERT_SPANS (spans, doc1_spans[i], doc1_spans[i + 1], 1);
  for (guint i = 0; doc2_spans[i] != NULL; i += 2)
    ASSERT_SPANS (spans, doc2_spans[i], doc2_spans[i + 1], 1);
  g_assert_cmpuint (count_spans (spans, NULL, NULL, NULL, TRUE), ==, 0);

  /* Read as code points, the same numbers cut other text: the words
   * after an emoji move, those before any do not. */
  cp = tessera_test_create_project (f->dir, "cp.tessera", NULL);
  codepoints.offsets = TESSERA_OFFSETS_CODEPOINT;
  import_ok (cp, path, &codepoints, NULL);
  cp_spans = all_spans (cp, NULL);
  g_assert_cmpuint (cp_spans->len, ==, 5);
  for (guint i = 0; doc1_spans[i] != NULL; i += 2)
    {
      g_autofree char *cut = NULL;

      offsets_of (DOC1, doc1_spans[i], TRUE, &s, &e);
      cut = tessera_text_slice (DOC1, s, e);
      g_assert_cmpstr (cut, !=, doc1_spans[i]);
      ASSERT_SPANS (cp_spans, cut, doc1_spans[i + 1], 1);
    }
  ASSERT_SPANS (cp_spans, "Ane\u0301fis", "Place", 1);
  ASSERT_SPANS (cp_spans, "Ag Ghaly", NULL, 0);

  /* A span that ends the text after an emoji: past the end in code
   * points, an error naming the unit; right in UTF-16 code units. */
  offsets_of (DOC3, "Gao", TRUE, &s, &e);
  g_assert_cmpint (e, ==, utf16_units (DOC3, DOC3 + strlen (DOC3)));
  line = g_strdup_printf ("{\"id\": 3, \"text\": \"" DOC3 "\", \"label\": [[%" G_GINT64_FORMAT ", %"
                          G_GINT64_FORMAT ", \"Place\"]]}\n", s, e);
  end_path = tessera_test_write_file (f->dir, "end.jsonl", line, -1);
  import_fails (cp, end_path, &codepoints, "end.jsonl:1", "code points", NULL);
  import_ok (f->project, end_path, NULL, NULL);
  g_clear_pointer (&spans, g_array_unref);
  spans = all_spans (f->project, NULL);
  ASSERT_SPANS (spans, "Gao", "Place", 1);
  tessera_project_close (cp);
}

static void
test_doccano_samples (TesseraTestProject *f,
                      gconstpointer       data)
{
  g_autofree char *shared = interop_path ("doccano");
  g_autofree char *seq = NULL, *rel = NULL;
  g_autoptr(GArray) spans = NULL;
  TesseraImportOptions add = { 0 };
  TesseraImportReport report;

  if (shared == NULL)
    return;
  seq = g_build_filename (shared, "sequence_labeling-example.jsonl", NULL);
  rel = g_build_filename (shared, "relation_extraction-example.jsonl", NULL);
  add.add_labels = TRUE;

  import_ok (f->project, seq, &add, &report);
  g_assert_cmpuint (report.n_documents, ==, 3);
  g_assert_cmpuint (report.n_spans, ==, 4);
  g_assert_cmpuint (report.losses != NULL ? report.losses->len : 0, ==, 0);
  tessera_import_report_clear (&report);
  import_ok (f->project, rel, &add, &report);
  g_assert_cmpuint (report.n_documents, ==, 1);
  g_assert_cmpuint (report.n_spans, ==, 4);
  g_assert_cmpuint (loss_count (&report, TESSERA_LOSS_RELATION, NULL), ==, 3);
  tessera_import_report_clear (&report);

  spans = all_spans (f->project, NULL);
  ASSERT_SPANS (spans, "EU", "ORG", 1);
  ASSERT_SPANS (spans, "German", "MISC", 1);
  ASSERT_SPANS (spans, "Peter Blackburn", "PERSON", 1);
  ASSERT_SPANS (spans, "Obama", "PERSON", 1);
  ASSERT_SPANS (spans, "Google", "ORG", 1);
  ASSERT_SPANS (spans, "September 4, 1998", "DATE", 1);
  ASSERT_SPANS (spans, "Sergey Brin", "PERSON", 1);
}

/* --- 5. Label Studio ------------------------------------------------------------- */

#define LS_TEXT "\U0001F600 Le FAMa a repris Kidal \U0001F1F2\U0001F1F1 hier soir."
#define LS_TEXT2 "\U0001F1F2\U0001F1F1 Gao"

/* A "labels" result for @word of @text; offsets in UTF-16 code units or
 * code points, its "text" @claimed (NULL: the word). */
static void
append_result (GString    *out,
               const char *text,
               const char *word,
               const char *label,
               gboolean    utf16,
               const char *claimed)
{
  gint64 s, e;

  offsets_of (text, word, utf16, &s, &e);
  separate (out);
  g_string_append_printf (out, "{\"id\": \"r%u\", \"from_name\": \"label\", \"to_name\": \"text\", "
                          "\"type\": \"labels\", \"value\": {\"start\": %" G_GINT64_FORMAT ", \"end\": %"
                          G_GINT64_FORMAT ", \"text\": \"%s\", \"labels\": [\"%s\"]}}",
                          (guint) out->len, s, e, claimed != NULL ? claimed : word, label);
}

static void
begin_annotation (GString    *out,
                  const char *email,
                  gboolean    cancelled)
{
  separate (out);
  g_string_append_printf (out, "{\"completed_by\": {\"id\": %d, \"email\": \"%s\"}, \"was_cancelled\": %s, "
                          "\"result\": [", email[0], email, cancelled ? "true" : "false");
}

/* Two tasks: the first annotated by ana (with a relation), ben and carl
 * (cancelled) and predicted by ner-v2, in UTF-16 code units, ana's
 * Kidal claiming @bad_text (NULL: "Kidal"); the second in code points. */
static char *
write_label_studio (const char *dir,
                    const char *name,
                    const char *bad_text)
{
  g_autoptr(GString) out = g_string_new ("[{\"id\": 41, \"data\": {\"text\": \"" LS_TEXT "\"}, \"annotations\": [");

  begin_annotation (out, "ana@example.org", FALSE);
  append_result (out, LS_TEXT, "Kidal", "Place", TRUE, bad_text);
  append_result (out, LS_TEXT, "FAMa", "ArmedGroup", TRUE, NULL);
  g_string_append (out, ", {\"type\": \"relation\", \"from_id\": \"a\", \"to_id\": \"b\", \"direction\": \"right\"}]}");
  begin_annotation (out, "ben@example.org", FALSE);
  append_result (out, LS_TEXT, "Kidal", "Place", TRUE, NULL);
  append_result (out, LS_TEXT, "hier soir", "Date", TRUE, NULL);
  g_string_append (out, "]}");
  begin_annotation (out, "carl@example.org", TRUE);
  append_result (out, LS_TEXT, "FAMa", "Person", TRUE, NULL);
  g_string_append (out, "]}], \"predictions\": [{\"model_version\": \"ner-v2\", \"result\": [");
  append_result (out, LS_TEXT, "Kidal", "Place", TRUE, NULL);
  append_result (out, LS_TEXT, "hier soir", "Date", TRUE, NULL);
  g_string_append (out, "]}]}, {\"id\": 42, \"data\": {\"text\": \"" LS_TEXT2 "\"}, \"annotations\": [");
  begin_annotation (out, "ana@example.org", FALSE);
  append_result (out, LS_TEXT2, "Gao", "Place", FALSE, NULL);
  g_string_append (out, "]}]}]\n");
  return tessera_test_write_file (dir, name, out->str, -1);
}

static void
test_label_studio (TesseraTestProject *f,
                   gconstpointer       data)
{
  g_autofree char *path = write_label_studio (f->dir, "tasks.json", NULL);
  g_autofree char *bad = write_label_studio (f->dir, "wrong.json", "Gao");
  g_autofree char *text = NULL;
  g_autoptr(GArray) spans = NULL;
  TesseraImportReport report;

  /* A .json array of tasks with "data" and "annotations": Label Studio's. */
  import_ok (f->project, path, NULL, &report);
  g_assert_cmpuint (report.n_documents, ==, 2);
  g_assert_cmpuint (loss_count (&report, TESSERA_LOSS_RELATION, NULL), ==, 1);
  tessera_import_report_clear (&report);
  text = text_of (f->project, "tasks-41");
  g_assert_cmpstr (text, ==, LS_TEXT);

  /* Each annotator's spans, signed by them, at the right code points; the
   * model's are suggestions signed by its version; the cancelled
   * annotation is not there at all. The second task counted code points,
   * as its span's text tells. */
  spans = all_spans (f->project, NULL);
  g_assert_cmpuint (spans->len, ==, 7);
  g_assert_cmpuint (count_spans (spans, "Kidal", "Place", "ana@example.org", FALSE), ==, 1);
  g_assert_cmpuint (count_spans (spans, "FAMa", "ArmedGroup", "ana@example.org", FALSE), ==, 1);
  g_assert_cmpuint (count_spans (spans, "Kidal", "Place", "ben@example.org", FALSE), ==, 1);
  g_assert_cmpuint (count_spans (spans, "hier soir", "Date", "ben@example.org", FALSE), ==, 1);
  g_assert_cmpuint (count_spans (spans, "Kidal", "Place", "ner-v2", TRUE), ==, 1);
  g_assert_cmpuint (count_spans (spans, "hier soir", "Date", "ner-v2", TRUE), ==, 1);
  g_assert_cmpuint (count_spans (spans, NULL, NULL, NULL, TRUE), ==, 2);
  g_assert_cmpuint (count_spans (spans, "Gao", "Place", "ana@example.org", FALSE), ==, 1);
  ASSERT_SPANS (spans, NULL, "Person", 0);
  g_assert_cmpint (tessera_project_find_annotator (f->project, "carl@example.org"), ==, 0);

  /* A span whose "text" is at its offsets in neither unit: an error
   * naming the task, and the project as it was. */
  import_fails (f->project, bad, NULL, "wrong.json: task 1", "“Gao”", NULL);
  g_assert_null (tessera_project_find_document (f->project, "wrong-41", FALSE, NULL));
}

/* --- 6. CoNLL -------------------------------------------------------------------- */

#define CONLL \
  "-DOCSTART- -X- -X- O\n\n" \
  "Les DT B-NP O\nFAMa NNP I-NP I-ORG\nont VB B-VP O\nrepris VB I-VP O\n" \
  "Kidal NNP B-NP I-LOC\nGao NNP I-NP B-LOC\n. . O O\n\n" \
  "Ag NNP B-NP I-PER\nGhaly NNP I-NP I-PER\nparle VB B-VP O\n. . O O\n\n" \
  "-DOCSTART- -X- -X- O\n\n" \
  "Iyad\tB-PER\nAg\tI-PER\nGhaly\tE-PER\na\tO\nquitt\u00e9\tO\nKidal\tS-LOC\n.\tO\n\n" \
  "Le\tO\nMali\tU-LOC\net\tO\nla\tB-ORG\nMINUSMA\tL-ORG\n.\tO\n"

static void
test_conll (TesseraTestProject *f,
            gconstpointer       data)
{
  g_autofree char *path = tessera_test_write_file (f->dir, "news.conll", CONLL, -1);
  g_autofree char *bad = tessera_test_write_file (f->dir, "bad.conll", "Kidal B-LOC\nfell O\nGao B_LOC\n", -1);
  g_autoptr(GHashTable) map = tessera_import_parse_label_map ("LOC=Place,ORG=Organization,PER=Person", NULL);
  g_autofree char *one = NULL, *two = NULL;
  g_autoptr(GArray) spans = NULL;
  TesseraImportOptions options = { 0 };
  TesseraImportReport report;

  options.label_map = map;
  import_ok (f->project, path, &options, &report);
  g_assert_cmpuint (report.n_documents, ==, 2);
  g_assert_cmpuint (report.n_spans, ==, 8);
  tessera_import_report_clear (&report);

  /* The text rebuilt: a space between tokens, a line between sentences. */
  one = text_of (f->project, "news-1");
  g_assert_cmpstr (one, ==, "Les FAMa ont repris Kidal Gao .\nAg Ghaly parle .");
  two = text_of (f->project, "news-2");
  g_assert_cmpstr (two, ==, "Iyad Ag Ghaly a quitt\u00e9 Kidal .\nLe Mali et la MINUSMA .");

  spans = all_spans (f->project, NULL);
  /* IOB1: I- opens a span, B- parts two of one label. */
  ASSERT_SPANS (spans, "FAMa", "Organization", 1);
  ASSERT_SPANS (spans, "Kidal", "Place", 2);
  ASSERT_SPANS (spans, "Gao", "Place", 1);
  ASSERT_SPANS (spans, "Kidal Gao", NULL, 0);
  ASSERT_SPANS (spans, "Ag Ghaly", "Person", 1);
  /* BIOES and BILOU. */
  ASSERT_SPANS (spans, "Iyad Ag Ghaly", "Person", 1);
  ASSERT_SPANS (spans, "Mali", "Place", 1);
  ASSERT_SPANS (spans, "la MINUSMA", "Organization", 1);

  /* A tag that is none: the file and line, nothing imported. */
  import_fails (f->project, bad, &options, "bad.conll:3", "B_LOC", NULL);
}

static void
test_conll_spacy (TesseraTestProject *f,
                  gconstpointer       data)
{
  g_autofree char *path = interop_path ("conll/spacy-ner-token-per-line.iob");
  g_autofree char *text = NULL;
  g_autoptr(GArray) spans = NULL;
  g_auto(GStrv) words = NULL;
  TesseraImportOptions add = { 0 };

  if (path == NULL)
    return;
  add.add_labels = TRUE;
  import_ok (f->project, path, &add, NULL);
  g_assert_cmpint (tessera_project_count_documents (f->project), ==, 1);
  text = text_of (f->project, "spacy-ner-token-per-line");
  words = g_strsplit_set (text, " \n", -1);
  g_assert_cmpuint (g_strv_length (words), ==, 66);
  g_assert_nonnull (strstr (text, " n\u2019t "));

  spans = all_spans (f->project, NULL);
  g_assert_cmpuint (spans->len, ==, 7);
  ASSERT_SPANS (spans, NULL, "PERSON", 2);
  ASSERT_SPANS (spans, NULL, "ORG", 2);
  ASSERT_SPANS (spans, NULL, "DATE", 2);
  ASSERT_SPANS (spans, NULL, "NORP", 1);
  ASSERT_SPANS (spans, "Sebastian Thrun", "PERSON", 1);
  ASSERT_SPANS (spans, "earlier this week", "DATE", 1);
}
int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, TesseraTestProject, NULL, tessera_test_project_setup, func, tessera_test_project_teardown)
  ADD ("/interop/doccano/utf16", test_doccano);
  ADD ("/interop/doccano/samples", test_doccano_samples);
  ADD ("/interop/label-studio", test_label_studio);
  ADD ("/interop/conll", test_conll);
  ADD ("/interop/conll/spacy", test_conll_spacy);
#undef ADD

  return g_test_run ();
}
