/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-html"

#include "config.h"

#include <string.h>

#include "tessera-error.h"
#include "tessera-formats.h"
#include "tessera-test-util.h"

/* Saved web pages: the article's text without the page around it, and
 * what the page says about itself. Every page is written here. */

typedef TesseraTestProject Fixture;

static TesseraDocument *
import_page (Fixture             *f,
             const char          *name,
             const char          *html,
             gssize               len,
             TesseraImportReport *report)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tessera_test_write_file (f->dir, name, html, len);
  g_autofree char *uid = g_strndup (name, strrchr (name, '.') - name);
  TesseraDocument *doc;

  g_assert_true (tessera_test_import (f->project, path, FALSE, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_documents, ==, 1);

  doc = tessera_project_find_document (f->project, uid, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static TesseraDocument *
import_page_quietly (Fixture    *f,
                     const char *name,
                     const char *html)
{
  TesseraImportReport report;
  TesseraDocument *doc;

  tessera_import_report_init (&report);
  doc = import_page (f, name, html, -1, &report);
  tessera_import_report_clear (&report);
  return doc;
}

static const char news_page[] =
  "<!DOCTYPE html>\n"
  "<html lang=\"en_GB\">\n"
  "<head>\n"
  "<meta charset=\"utf-8\">\n"
  "<title>Army enters Kidal | Sahel Daily</title>\n"
  "<meta property=\"og:title\" content=\"Army enters Kidal after days of fighting\">\n"
  "<meta property=\"og:site_name\" content=\"Sahel Daily\">\n"
  "<meta property=\"og:url\" content=\"https://example.org/2023/11/14/kidal\">\n"
  "<meta property=\"article:published_time\" content=\"2023-11-14T09:30:00+00:00\">\n"
  "<style>p { color: red }</style>\n"
  "</head>\n"
  "<body class=\"has-cookie-banner\">\n"
  "<div id=\"cookie-banner\"><p>We use cookies.</p><button>Accept all</button></div>\n"
  "<div id=\"CybotCookiebotDialog\"><p>Consent settings</p></div>\n"
  "<header class=\"masthead\"><a href=\"/\">Sahel Daily</a>\n"
  "<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav></header>\n"
  "<main>\n"
  "<article class=\"story\">\n"
  "<header><h1>Army enters   Kidal</h1><p class=\"byline\">By A. Reporter</p></header>\n"
  "<div class=\"commentary-body\">\n"
  "<p>The Malian army said on Tuesday it had entered <b>Kidal</b>,\n"
  "   a stronghold of Tuareg separatists.</p>\n"
  "<div class=\"shareBar\"><a>Share on X</a></div>\n"
  "<p>Residents&nbsp;reported heavy fighting&#8203; near the town.</p>\n"
  "<h2>Background</h2>\n"
  "<p>The UN mission left the area in October.<br>It had been there since 2013.</p>\n"
  "<ul><li>First point</li><li>Second point</li></ul>\n"
  "</div>\n"
  "<section class=\"related-articles\"><article><h3>Another story</h3>"
  "<p>A teaser for another story that runs long enough to be taken for one.</p></article></section>\n"
  "<div id=\"comments\"><p>Great article!</p></div>\n"
  "<form><label>Email</label><input name=\"email\"></form>\n"
  "<div class=\"newsletter-box\"><p>Sign up for our newsletter</p></div>\n"
  "</article>\n"
  "<aside><p>Most read</p></aside>\n"
  "</main>\n"
  "<footer><p>© Sahel Daily</p></footer>\n"
  "<script>var x = \"<p>not text</p>\";</script>\n"
  "<noscript><p>Enable JavaScript</p></noscript>\n"
  "</body>\n"
  "</html>\n";

static void
test_news_page (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TesseraDocument) doc = import_page_quietly (f, "kidal.html", news_page);

  g_assert_cmpstr (doc->title, ==, "Army enters Kidal after days of fighting");
  g_assert_cmpstr (doc->source, ==, "Sahel Daily");
  g_assert_cmpstr (doc->url, ==, "https://example.org/2023/11/14/kidal");
  g_assert_cmpstr (doc->published, ==, "2023-11-14");
  g_assert_cmpstr (doc->language, ==, "en-GB");
  g_assert_cmpstr (doc->text, ==,
                   "Army enters Kidal\n"
                   "\n"
                   "By A. Reporter\n"
                   "\n"
                   "The Malian army said on Tuesday it had entered Kidal, a stronghold of Tuareg "
                   "separatists.\n"
                   "\n"
                   "Residents reported heavy fighting near the town.\n"
                   "\n"
                   "Background\n"
                   "\n"
                   "The UN mission left the area in October.\n"
                   "It had been there since 2013.\n"
                   "\n"
                   "First point\n"
                   "Second point\n");
}

static const char french_page[] =
  "<!doctype html>\n"
  "<html lang=\"fr\">\n"
  "<head>\n"
  "<meta charset=\"utf-8\">\n"
  "<title>Le convoi atteint Anefis – Le Journal du Sahel</title>\n"
  "<meta property=\"og:site_name\" content=\"Le Journal du Sahel\">\n"
  "<link rel=\"canonical\" href=\"https://example.fr/convoi-anefis\">\n"
  "<meta name=\"date\" content=\"2023-11-13\">\n"
  "</head>\n"
  "<body>\n"
  "<div class=\"cmp-consent\"><p>Nous utilisons des cookies.</p></div>\n"
  "<nav><ul><li>Accueil</li><li>Afrique</li></ul></nav>\n"
  "<main>\n"
  "<h1>Le convoi atteint Anefis</h1>\n"
  "<p>Le convoi est arrivé à Anefis lundi, selon des habitants de Ménaka.</p>\n"
  "<div class=\"newsletter-signup\"><p>Inscrivez-vous</p></div>\n"
  "<p>L’armée n’a pas confirmé.</p>\n"
  "</main>\n"
  "<footer>Mentions légales</footer>\n"
  "</body></html>\n";

static void
test_french_page (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TesseraDocument) doc = import_page_quietly (f, "anefis.htm", french_page);

  /* No og:title: the page's <title> without the outlet's name. */
  g_assert_cmpstr (doc->title, ==, "Le convoi atteint Anefis");
  g_assert_cmpstr (doc->source, ==, "Le Journal du Sahel");
  g_assert_cmpstr (doc->url, ==, "https://example.fr/convoi-anefis");
  g_assert_cmpstr (doc->published, ==, "2023-11-13");
  g_assert_cmpstr (doc->language, ==, "fr");
  g_assert_cmpstr (doc->text, ==,
                   "Le convoi atteint Anefis\n"
                   "\n"
                   "Le convoi est arrivé à Anefis lundi, selon des habitants de Ménaka.\n"
                   "\n"
                   "L’armée n’a pas confirmé.\n");
}

/* A page in Latin-1 that says so: read in its own encoding. */
static void
test_latin1_page (Fixture       *f,
                  gconstpointer  data)
{
  static const char page[] =
    "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
    "<title>Combats pr\xe8s de M\xe9naka</title></head>"
    "<body><p>Des combats ont eu lieu pr\xe8s de M\xe9naka.</p></body></html>";
  TesseraImportReport report;
  g_autoptr(TesseraDocument) doc = NULL;

  tessera_import_report_init (&report);
  doc = import_page (f, "menaka.html", page, sizeof page - 1, &report);
  tessera_import_report_clear (&report);

  g_assert_cmpstr (doc->title, ==, "Combats près de Ménaka");
  g_assert_cmpstr (doc->text, ==, "Des combats ont eu lieu près de Ménaka.\n");
  g_assert_null (doc->language);
  g_assert_null (doc->source);
}

/* Dates from wherever the page keeps them. */
static void
test_dates (Fixture       *f,
            gconstpointer  data)
{
  static const char ld_page[] =
    "<html><head><title>Talks resume</title>"
    "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@graph\": ["
    "{\"@type\": \"WebSite\", \"name\": \"x\"},"
    "{\"@type\": \"NewsArticle\", \"headline\": \"Talks resume in Algiers\","
    " \"datePublished\": \"2023-11-15T07:00:00Z\","
    " \"publisher\": {\"@type\": \"Organization\", \"name\": \"Wire Service\"}}]}</script>"
    "<script type=\"application/ld+json\">{not json</script>"
    "</head><body><p>Negotiators met in Algiers.</p></body></html>";
  static const char time_page[] =
    "<html><body><article><h1>Drone strike</h1>"
    "<p>Posted <time datetime=\"2023-11-16T12:00\">yesterday</time></p>"
    "<p>A drone struck a vehicle near Kidal, residents said on the phone.</p></article></body></html>";
  static const char dateline_page[] =
    "<html><body><h1>Convoy reaches Anefis</h1><p>17 November 2023</p>"
    "<p>A convoy reached Anefis.</p></body></html>";
  g_autoptr(TesseraDocument) ld = import_page_quietly (f, "talks.html", ld_page);
  g_autoptr(TesseraDocument) time = import_page_quietly (f, "drone.html", time_page);
  g_autoptr(TesseraDocument) dateline = import_page_quietly (f, "convoy.html", dateline_page);

  g_assert_cmpstr (ld->published, ==, "2023-11-15");
  g_assert_cmpstr (ld->title, ==, "Talks resume in Algiers");
  g_assert_cmpstr (ld->source, ==, "Wire Service");

  g_assert_cmpstr (time->published, ==, "2023-11-16");
  /* No title anywhere but the heading. */
  g_assert_cmpstr (time->title, ==, "Drone strike");

  g_assert_cmpstr (dateline->published, ==, "2023-11-17");
  g_assert_cmpstr (dateline->title, ==, "Convoy reaches Anefis");
}

/* The story is the longest article, not a teaser card. */
static void
test_longest_article (Fixture       *f,
                      gconstpointer  data)
{
  static const char page[] =
    "<html><body>"
    "<article><h2>Short teaser</h2><p>Read more.</p></article>"
    "<div class=\"wrapper\"><article><h1>The story</h1>"
    "<p>This is the story itself, long enough to be one: the army entered the town on Tuesday "
    "and residents said the fighting had stopped by the evening.</p></article></div>"
    "<article><h2>Another teaser</h2><p>A second card with a line of text under it.</p></article>"
    "</body></html>";
  g_autoptr(TesseraDocument) doc = import_page_quietly (f, "story.html", page);

  g_assert_true (g_str_has_prefix (doc->text, "The story\n\nThis is the story itself"));
  g_assert_null (strstr (doc->text, "teaser"));
}

static void
test_bad_language (Fixture       *f,
                   gconstpointer  data)
{
  static const char page[] = "<html lang=\"english\"><body><p>Text.</p></body></html>";
  TesseraImportReport report;
  g_autoptr(TesseraDocument) doc = NULL;
  gboolean found = FALSE;

  tessera_import_report_init (&report);
  doc = import_page (f, "lang.html", page, -1, &report);
  for (guint i = 0; i < report.notices->len; i++)
    found |= strstr (report.notices->pdata[i], "lang.html") != NULL &&
             strstr (report.notices->pdata[i], "“english”") != NULL;
  tessera_import_report_clear (&report);

  g_assert_true (found);
  g_assert_null (doc->language);
  g_assert_cmpstr (doc->text, ==, "Text.\n");
}

/* In a folder, .html and .htm are pages, beside texts; a blank page is
 * skipped as a blank text is. */
static void
test_folder (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = tessera_test_make_folder (f->dir, "saved");
  g_autoptr(TesseraDocument) page = NULL;
  g_autoptr(TesseraDocument) text = NULL;
  TesseraImportReport report;

  g_free (tessera_test_write_file (folder, "a-page.HTML", french_page, -1));
  g_free (tessera_test_write_file (folder, "b-text.txt", "<p>Not a page</p>\n", -1));
  g_free (tessera_test_write_file (folder, "c-blank.htm", "  \n", -1));

  tessera_import_report_init (&report);
  g_assert_true (tessera_test_import (f->project, folder, FALSE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_documents, ==, 2);
  g_assert_cmpuint (report.n_skipped, ==, 1);
  tessera_import_report_clear (&report);

  page = tessera_project_find_document (f->project, "a-page", TRUE, &error);
  g_assert_nonnull (page);
  g_assert_cmpstr (page->language, ==, "fr");
  /* A .txt stays text, markup and all. */
  text = tessera_project_find_document (f->project, "b-text", TRUE, &error);
  g_assert_nonnull (text);
  g_assert_cmpstr (text->text, ==, "<p>Not a page</p>\n");
}

/* One bad file, and the good page beside it is not imported either. */
static void
test_failed_import (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = tessera_test_make_folder (f->dir, "mixed");
  TesseraImportReport report;

  g_free (tessera_test_write_file (folder, "a-page.html", news_page, -1));
  g_free (tessera_test_write_file (folder, "b-bad.txt", "Bad \xff byte\n", -1));

  tessera_import_report_init (&report);
  g_assert_false (tessera_test_import (f->project, folder, FALSE, &report, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "b-bad.txt"));
  g_assert_cmpuint (report.n_documents, ==, 0);
  tessera_import_report_clear (&report);

  g_assert_cmpint (tessera_project_count_documents (f->project), ==, 0);
}

static void
add_test (const char *path,
          void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, tessera_test_project_setup, func, tessera_test_project_teardown);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_test ("/import-html/news-page", test_news_page);
  add_test ("/import-html/french-page", test_french_page);
  add_test ("/import-html/latin1-page", test_latin1_page);
  add_test ("/import-html/dates", test_dates);
  add_test ("/import-html/longest-article", test_longest_article);
  add_test ("/import-html/bad-language", test_bad_language);
  add_test ("/import-html/folder", test_folder);
  add_test ("/import-html/failed-import", test_failed_import);

  return g_test_run ();
}
