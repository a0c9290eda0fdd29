/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-project-documents"

#include "config.h"

#include <string.h>

#include "tessera-text.h"
#include "test-project-util.h"

/* A project's documents: their metadata, uids, code points, updates,
 * listing, and full-text search. */

/* --- documents -------------------------------------------------------- */

static void
test_document_metadata (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TesseraDocument) in = tessera_document_new ();
  g_autoptr(TesseraDocument) out = NULL;
  g_autoptr(TesseraDocument) bare = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = tessera_text_sha256 ("Convoy left Gao.", 16);
  gint64 id;

  in->uid = g_strdup ("gao-2");
  in->title = g_strdup ("Convoy");
  in->source = g_strdup ("Radio Sahel");
  in->url = g_strdup ("https://example.org/gao-2");
  in->published = g_strdup ("2023-10-02");
  in->language = g_strdup ("en");
  in->status = TESSERA_STATUS_IN_PROGRESS;
  in->text = g_strdup ("Convoy left Gao.");
  id = tessera_project_add_document (f->project, in, &error);
  g_assert_no_error (error);

  fixture_reopen (f);
  out = tessera_project_get_document (f->project, id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (out->id, ==, id);
  g_assert_cmpstr (out->uid, ==, "gao-2");
  g_assert_cmpstr (out->title, ==, "Convoy");
  g_assert_cmpstr (out->source, ==, "Radio Sahel");
  g_assert_cmpstr (out->url, ==, "https://example.org/gao-2");
  g_assert_cmpstr (out->published, ==, "2023-10-02");
  g_assert_cmpstr (out->language, ==, "en");
  g_assert_cmpint (out->status, ==, TESSERA_STATUS_IN_PROGRESS);
  g_assert_cmpstr (out->text, ==, "Convoy left Gao.");
  g_assert_cmpint (out->n_chars, ==, 16);
  g_assert_cmpstr (out->sha256, ==, sha);
  g_assert_cmpint (out->imported_at, >, 1600000000);
  g_assert_cmpint (out->n_annotations, ==, 0);

  bare = tessera_project_get_document (f->project, id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_null (bare->text);
  g_assert_cmpstr (bare->title, ==, "Convoy");

  g_assert_null (tessera_project_get_document (f->project, 9999, FALSE, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND);
}

static void
test_document_uids (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TesseraDocument) found = NULL;
  g_autoptr(TesseraDocument) missing = NULL;
  g_autoptr(TesseraDocument) dup = tessera_document_new ();
  g_autoptr(TesseraDocument) first = NULL;
  g_autoptr(TesseraDocument) second = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a, b;

  found = tessera_project_find_document (f->project, "menaka-1", FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (found->id, ==, f->doc);

  missing = tessera_project_find_document (f->project, "nowhere", FALSE, &error);
  g_assert_no_error (error);
  g_assert_null (missing);

  dup->uid = g_strdup ("menaka-1");
  dup->text = g_strdup ("Another text.");
  g_assert_cmpint (tessera_project_add_document (f->project, dup, &error), ==, 0);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "menaka-1"));
  g_assert_cmpint (tessera_project_count_documents (f->project), ==, 1);

  /* No uid: one is made up, unique even for the same text. */
  a = add_doc (f->project, NULL, NULL, "Same words.");
  b = add_doc (f->project, NULL, NULL, "Same words.");
  first = tessera_project_get_document (f->project, a, FALSE, NULL);
  second = tessera_project_get_document (f->project, b, FALSE, NULL);
  g_assert_true (g_str_has_prefix (first->uid, "doc-"));
  g_assert_true (g_str_has_prefix (second->uid, "doc-"));
  g_assert_cmpstr (first->uid, !=, second->uid);
  g_assert_nonnull (first->title);
  g_assert_cmpstr (first->title, !=, "");
}

static void
test_document_code_points (Fixture       *f,
                           gconstpointer  data)
{
  /* A family emoji (5 code points joined by ZWJ), an e with a combining
   * acute (2), Arabic (right to left, 5), each after a space. */
  static const char text[] = "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"
                             " e\xCC\x81 \xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7";
  g_autoptr(TesseraDocument) doc = NULL;
  g_autoptr(TesseraSpan) span = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, span_id;
  gint64 person = label (f->project, "entity/Person");

  id = add_doc (f->project, "unicode", "Unicode", text);
  doc = tessera_project_get_document (f->project, id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (doc->n_chars, ==, 5 + 1 + 2 + 1 + 5);

  /* The Arabic word is code points 9–14. */
  span_id = tessera_project_add_span (f->project, id, 9, 14, person, NULL, &error);
  g_assert_no_error (error);
  span = tessera_project_get_span (f->project, span_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (span->start, ==, 9);
  g_assert_cmpint (span->end, ==, 14);

  g_assert_cmpint (tessera_project_add_span (f->project, id, 9, 15, person, NULL, &error), ==, 0);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
}

static void
test_document_update (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TesseraDocument) doc = NULL;
  g_autoptr(TesseraDocument) after = NULL;
  g_autoptr(GError) error = NULL;

  doc = tessera_project_get_document (f->project, f->doc, FALSE, &error);
  g_assert_no_error (error);
  g_free (doc->title);
  doc->title = g_strdup ("Shelling of Ménaka");
  g_free (doc->source);
  doc->source = g_strdup ("Local radio");
  g_assert_true (tessera_project_update_document (f->project, doc, &error));
  g_assert_no_error (error);

  g_assert_true (tessera_project_set_document_status (f->project, f->doc, TESSERA_STATUS_DONE, &error));
  g_assert_no_error (error);

  fixture_reopen (f);
  after = tessera_project_get_document (f->project, f->doc, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->title, ==, "Shelling of Ménaka");
  g_assert_cmpstr (after->source, ==, "Local radio");
  g_assert_cmpint (after->status, ==, TESSERA_STATUS_DONE);
  g_assert_cmpstr (after->uid, ==, "menaka-1");
  g_assert_cmpstr (after->text, ==, TEXT);

  g_assert_false (tessera_project_set_document_status (f->project, 9999, TESSERA_STATUS_DONE, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND);
}

typedef struct
{
  GPtrArray *uids;
  guint      stop_after;  /* 0: never */
} Visit;

static gboolean
visit_document (TesseraDocument  *doc,
                gpointer          user_data,
                GError          **error)
{
  Visit *visit = user_data;

  g_ptr_array_add (visit->uids, g_strdup (doc->uid));
  if (visit->stop_after != 0 && visit->uids->len == visit->stop_after)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CANCELLED, "stopped at %s", doc->uid);
      return FALSE;
    }

  return TRUE;
}

static void
test_document_list (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const uids[] = { "menaka-1", "b", "c" };
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  Visit visit = { seen, 0 };

  add_doc (f->project, "b", "B", "Second.");
  add_doc (f->project, "c", "C", "Third.");
  g_assert_cmpint (tessera_project_count_documents (f->project), ==, 3);

  docs = tessera_project_list_documents (f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 3);
  for (guint i = 0; i < docs->len; i++)
    {
      TesseraDocument *doc = g_ptr_array_index (docs, i);

      g_assert_cmpstr (doc->uid, ==, uids[i]);
      g_assert_null (doc->text);
      if (i > 0)
        g_assert_cmpint (doc->id, >, ((TesseraDocument *) g_ptr_array_index (docs, i - 1))->id);
    }

  g_assert_true (tessera_project_foreach_document (f->project, TRUE, visit_document, &visit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (seen, 2), ==, "c");

  g_ptr_array_set_size (seen, 0);
  visit.stop_after = 2;
  g_assert_false (tessera_project_foreach_document (f->project, FALSE, visit_document, &visit, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_CANCELLED);
  g_assert_cmpstr (error->message, ==, "stopped at b");
  g_assert_cmpuint (seen->len, ==, 2);
}

/* The next document not done after a given one, in id order, wrapping
 * round, never the given one; 0 once every other one is done. */
static void
test_unfinished (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = f->doc;
  gint64 b = add_doc (f->project, "b", "B", "Second.");
  gint64 c = add_doc (f->project, "c", "C", "Third.");

  g_assert_cmpint (tessera_project_find_unfinished_document (f->project, a, &error), ==, b);
  g_assert_cmpint (tessera_project_find_unfinished_document (f->project, c, &error), ==, a);
  g_assert_cmpint (tessera_project_find_unfinished_document (f->project, 0, &error), ==, a);

  g_assert_true (tessera_project_set_document_status (f->project, b, TESSERA_STATUS_DONE, &error));
  g_assert_true (tessera_project_set_document_status (f->project, a, TESSERA_STATUS_IN_PROGRESS, &error));
  g_assert_cmpint (tessera_project_find_unfinished_document (f->project, a, &error), ==, c);
  g_assert_cmpint (tessera_project_find_unfinished_document (f->project, c, &error), ==, a);

  g_assert_true (tessera_project_set_document_status (f->project, c, TESSERA_STATUS_DONE, &error));
  g_assert_cmpint (tessera_project_find_unfinished_document (f->project, a, &error), ==, 0);
  g_assert_cmpint (tessera_project_find_unfinished_document (f->project, b, &error), ==, a);
  g_assert_true (tessera_project_set_document_status (f->project, a, TESSERA_STATUS_DONE, &error));
  g_assert_cmpint (tessera_project_find_unfinished_document (f->project, b, &error), ==, 0);
  g_assert_cmpint (tessera_project_find_unfinished_document (f->project, 0, &error), ==, 0);
  g_assert_no_error (error);
}

/* --- search ----------------------------------------------------------- */

static GArray *
search (TesseraProject *project,
        const char     *query)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = tessera_project_search (project, query, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);

  return ids;
}

static gboolean
found_only (TesseraProject *project,
            const char     *query,
            gint64          id)
{
  g_autoptr(GArray) ids = search (project, query);

  return ids->len == 1 && g_array_index (ids, gint64, 0) == id;
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  static const char * const odd[] = { "\"", "*", "AND", "(", ")", "army AND", "NEAR(army", "a\"b", "-x", "^", ":", "", "  " };
  g_autoptr(TesseraDocument) market = NULL;
  g_autoptr(GArray) prefix = NULL;
  g_autoptr(GArray) ranked = NULL;
  g_autoptr(GError) error = NULL;
  gint64 market_id, convoy_id;

  market_id = add_doc (f->project, "gao-market", "Market report", "Prices of millet rose at Gao.");
  convoy_id = add_doc (f->project, "gao-convoy", "Army convoy",
                       "The army convoy met the army near Gao; army trucks returned.");

  /* Prefixes: "mil" is in "militia" and in "millet". */
  prefix = search (f->project, "mil");
  g_assert_cmpuint (prefix->len, ==, 2);

  /* Every word must occur. */
  g_assert_true (found_only (f->project, "army gao", convoy_id));
  g_assert_true (found_only (f->project, "millet Gao", market_id));

  /* Diacritics folded, both ways. */
  g_assert_true (found_only (f->project, "Menaka", f->doc));
  g_assert_true (found_only (f->project, "MÉNAKA", f->doc));

  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      g_autoptr(GArray) ids = tessera_project_search (f->project, odd[i], 0, &error);

      g_assert_no_error (error);
      g_assert_nonnull (ids);
    }

  /* Best match first: the report about an army convoy. */
  ranked = search (f->project, "army");
  g_assert_cmpuint (ranked->len, ==, 2);
  g_assert_cmpint (g_array_index (ranked, gint64, 0), ==, convoy_id);
  g_clear_pointer (&ranked, g_array_unref);
  ranked = tessera_project_search (f->project, "army", 1, &error);
  g_assert_cmpuint (ranked->len, ==, 1);

  /* A new title is found; the old one no longer is. */
  market = tessera_project_get_document (f->project, market_id, FALSE, &error);
  g_free (market->title);
  market->title = g_strdup ("Locust swarm");
  g_assert_true (tessera_project_update_document (f->project, market, &error));
  g_assert_no_error (error);
  g_assert_true (found_only (f->project, "locust", market_id));
  g_clear_pointer (&prefix, g_array_unref);
  prefix = search (f->project, "report");
  g_assert_cmpuint (prefix->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/project/document/metadata", test_document_metadata);
  ADD ("/project/document/uids", test_document_uids);
  ADD ("/project/document/code-points", test_document_code_points);
  ADD ("/project/document/update", test_document_update);
  ADD ("/project/document/list", test_document_list);
  ADD ("/project/document/unfinished", test_unfinished);
  ADD ("/project/search", test_search);
#undef ADD

  return g_test_run ();
}
