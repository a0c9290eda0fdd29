/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-search"

#include "config.h"

#include "tessera-search.h"
#include "tessera-text.h"
#include "tessera-test-util.h"

/* Finding a query in a text as the project's search finds documents
 * (case and accents folded, words as prefixes), and the snippet a
 * result shows. Texts written for these tests. */

static const char text[] =
  "Les combattants sont entrés à Ménaka 🏳️ dimanche.\n"
  "MENAKA reste calme; la route de Menaka-Anderamboukane est fermée.";

static void
check_hits (const char *query,
            gboolean    words,
            const char *expected)
{
  g_autoptr(GArray) hits = tessera_search_find_hits (text, query, words);
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < hits->len; i++)
    {
      TesseraSearchHit *hit = &g_array_index (hits, TesseraSearchHit, i);
      g_autofree char *slice = tessera_text_slice (text, hit->start, hit->end);

      g_string_append_printf (got, "%s%s", i > 0 ? "|" : "", slice);
    }
  g_assert_cmpstr (got->str, ==, expected);
}

static void
test_hits (void)
{
  /* Accents and case folded; the whole word is the hit. */
  check_hits ("menaka", TRUE, "Ménaka|MENAKA|Menaka");
  check_hits ("MÉNA", TRUE, "Ménaka|MENAKA|Menaka");
  check_hits ("ménaka anderam", TRUE, "Ménaka|MENAKA|Menaka|Anderamboukane");
  /* Words begin a word of the text. */
  check_hits ("naka", TRUE, "");
  check_hits ("entres", TRUE, "entrés");
  /* Found as typed, anywhere. */
  check_hits ("naka", FALSE, "naka|NAKA|naka");
  check_hits ("ka 🏳", FALSE, "ka 🏳");
  check_hits ("", TRUE, "");
  check_hits ("  ;; ", TRUE, "");
}

static void
test_offsets (void)
{
  /* Code points, after an emoji of several: the hit selects the word. */
  g_autoptr(GArray) hits = tessera_search_find_hits (text, "dimanche", TRUE);
  TesseraSearchHit *hit;
  g_autofree char *slice = NULL;

  g_assert_cmpuint (hits->len, ==, 1);
  hit = &g_array_index (hits, TesseraSearchHit, 0);
  slice = tessera_text_slice (text, hit->start, hit->end);
  g_assert_cmpstr (slice, ==, "dimanche");
  g_assert_cmpint (hit->start, ==, g_utf8_strlen ("Les combattants sont entrés à Ménaka 🏳️ ", -1));
}

static void
test_snippet (void)
{
  g_autofree char *snippet = tessera_search_snippet_markup (text, "menaka");
  g_autofree char *none = tessera_search_snippet_markup (text, "Kidal");
  g_autofree char *markup = tessera_search_snippet_markup ("A <b> & Ménaka", "menaka");
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *cut = NULL;

  g_assert_cmpstr (snippet, ==,
                   "Les combattants sont entrés à <b>Ménaka</b> 🏳️ dimanche. <b>MENAKA</b> reste calme; "
                   "la route de <b>Menaka</b>-Anderamboukane est fermée.");
  g_assert_null (none);
  /* The text is escaped, and the snippet is markup Pango reads. */
  g_assert_cmpstr (markup, ==, "A &lt;b&gt; &amp; <b>Ménaka</b>");

  /* Far into a long text: cut at words on both sides. */
  for (guint i = 0; i < 40; i++)
    g_string_append (long_text, "word ");
  g_string_append (long_text, "Ménaka ");
  for (guint i = 0; i < 40; i++)
    g_string_append (long_text, "more ");
  cut = tessera_search_snippet_markup (long_text->str, "menaka");
  g_assert_true (g_str_has_prefix (cut, "…word "));
  g_assert_true (g_str_has_suffix (cut, " more…"));
  g_assert_nonnull (strstr (cut, " <b>Ménaka</b> more"));
}

static void
test_project_snippet (TesseraTestProject *f,
                      gconstpointer       data)
{
  g_autoptr(TesseraDocument) doc = tessera_document_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *snippet = NULL;
  gint64 id;

  doc->title = g_strdup ("Ménaka in the title only");
  doc->text = g_strdup (text);
  id = tessera_project_add_document (f->project, doc, &error);
  g_assert_no_error (error);

  /* What the project's search finds, the snippet shows. */
  ids = tessera_project_search (f->project, "menaka", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, id);
  snippet = tessera_project_search_snippet (f->project, id, "menaka", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (snippet, "<b>Ménaka</b>"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/hits", test_hits);
  g_test_add_func ("/search/offsets", test_offsets);
  g_test_add_func ("/search/snippet", test_snippet);
  g_test_add ("/search/project-snippet", TesseraTestProject, NULL,
              tessera_test_project_setup, test_project_snippet, tessera_test_project_teardown);

  return g_test_run ();
}
