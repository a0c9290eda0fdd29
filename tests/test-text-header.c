/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-text-header"

#include "config.h"

#include <string.h>

#include "tessera-formats.h"
#include "tessera-test-util.h"
#include "tessera-text.h"
#include "tessera-text-header.h"

/* What plain text carries at its top: the parser alone, then through the
 * importer, then on the Kidal reports when they are there. */

/* --- dates ------------------------------------------------------------- */

static void
test_dates (void)
{
  static const struct
  {
    const char *text;
    const char *date;   /* NULL: not a date */
  } cases[] = {
    { "2023-11-13", "2023-11-13" },
    { "2023-11-13T09:30:00+01:00", "2023-11-13" },
    { "13 November 2023", "2023-11-13" },
    { "13 Nov. 2023", "2023-11-13" },
    { "13th November 2023", "2023-11-13" },
    { "November 13, 2023", "2023-11-13" },
    { "Nov 13 2023", "2023-11-13" },
    { "Monday, November 13, 2023", "2023-11-13" },
    { "Mon 13 November 2023", "2023-11-13" },
    { "13 novembre 2023", "2023-11-13" },
    { "lundi 13 novembre 2023", "2023-11-13" },
    { "Lundi 1er mai 2023", "2023-05-01" },
    { "3 août 2023", "2023-08-03" },
    { "3 aout 2023", "2023-08-03" },
    { "14 févr. 2024", "2024-02-14" },
    { "29 février 2024", "2024-02-29" },
    { "  13 DÉCEMBRE 2023  ", "2023-12-13" },
    /* Not dates, or days that do not exist. */
    { "29 February 2023", NULL },
    { "2023-13-01", NULL },
    { "2023-02-30", NULL },
    { "November 2023", NULL },
    { "13 Smarch 2023", NULL },
    { "13 November 20234", NULL },
    { "13 November 2023 and more", NULL },
    { "2023-11-130", NULL },
    { "13/11/2023", NULL },
    { "", NULL },
    { "Monday", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *date = tessera_date_parse (cases[i].text, -1);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpstr (date, ==, cases[i].date);
    }
}

static void
test_date_prefix (void)
{
  const char *text = "13 November 2023 On Monday";
  g_autofree char *date = NULL;
  g_autofree char *bad = NULL;
  gsize consumed = 0;

  date = tessera_date_parse_prefix (text, -1, &consumed);
  g_assert_cmpstr (date, ==, "2023-11-13");
  g_assert_cmpuint (consumed, ==, strlen ("13 November 2023"));

  /* Invalid UTF-8 is no date, whatever it starts with. */
  bad = tessera_date_parse_prefix ("2023-11-13 \xff", -1, NULL);
  g_assert_null (bad);

  g_assert_true (tessera_date_is_iso ("2024-02-29"));
  g_assert_false (tessera_date_is_iso ("2023-02-29"));
  g_assert_false (tessera_date_is_iso ("2023-11-13T10:00"));
  g_assert_false (tessera_date_is_iso ("13 November 2023"));
  g_assert_false (tessera_date_is_iso ("2023-1-13"));
  g_assert_false (tessera_date_is_iso (""));
}

static void
test_language_tags (void)
{
  static const struct
  {
    const char *tag;
    const char *normalized;
  } cases[] = {
    { "en", "en" },
    { "FR", "fr" },
    { "en-gb", "en-GB" },
    { "en_GB", "en-GB" },
    { "pt-BR", "pt-BR" },
    { "zh-hant-tw", "zh-Hant-TW" },
    { "es-419", "es-419" },
    { "sl-rozaj", "sl-rozaj" },
    { "de-CH-1996", "de-CH-1996" },
    { "tmh", "tmh" },
    { "en-a-bbb-x-newsroom", "en-a-bbb-x-newsroom" },
    { "x-wire", "x-wire" },
    { "English", NULL },
    { "français", NULL },
    { "fr-", NULL },
    { "fr--FR", NULL },
    { "f", NULL },
    { "en-a", NULL },
    { "en-x", NULL },
    { "en GB", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *tag = tessera_language_tag_normalize (cases[i].tag);

      g_test_message ("%s", cases[i].tag);
      g_assert_cmpstr (tag, ==, cases[i].normalized);
    }
}

/* --- headers ----------------------------------------------------------- */

static void
test_header_colon (void)
{
  const char *text =
    "Title: Convoy reaches Anefis\n"
    "Source: Sahel Wire\n"
    "Date: 13 November 2023\n"
    "URL: https://example.org/anefis\n"
    "Language: English\n"
    "\n"
    "A convoy of trucks reached Anefis on Monday.\n";
  g_auto(TesseraTextHeader) header = { 0 };

  tessera_text_header_read (text, &header);
  g_assert_cmpstr (header.title, ==, "Convoy reaches Anefis");
  g_assert_cmpstr (header.source, ==, "Sahel Wire");
  g_assert_cmpstr (header.published, ==, "2023-11-13");
  g_assert_cmpstr (header.url, ==, "https://example.org/anefis");
  g_assert_cmpstr (header.language, ==, "en");
  g_assert_cmpuint (header.n_header_lines, ==, 5);
  g_assert_cmpuint (header.dateline, ==, 0);
  g_assert_cmpstr (text + header.body, ==, "\nA convoy of trucks reached Anefis on Monday.\n");
  g_assert_cmpuint (header.problems->len, ==, 0);
}

static void
test_header_french (void)
{
  /* French typography: a no-break space before the colon. */
  const char *text =
    "TITRE\u00a0: Le convoi atteint Anefis\n"
    "source : Le Journal du Sahel\n"
    "langue : français\n"
    "Publié le lundi 13 novembre 2023\n"
    "Le convoi est arrivé lundi.\n";
  g_auto(TesseraTextHeader) header = { 0 };

  tessera_text_header_read (text, &header);
  g_assert_cmpstr (header.title, ==, "Le convoi atteint Anefis");
  g_assert_cmpstr (header.source, ==, "Le Journal du Sahel");
  g_assert_cmpstr (header.language, ==, "fr");
  g_assert_cmpstr (header.published, ==, "2023-11-13");
  g_assert_cmpuint (header.n_header_lines, ==, 4);
  g_assert_cmpstr (text + header.body, ==, "Le convoi est arrivé lundi.\n");
}

/* "date 2023-11-12 On Sunday…": the header ends where the text begins,
 * on the same line, and the title is taken from there. */
static void
test_header_date_inline (void)
{
  const char *text =
    " date 2023-11-12 On Sunday the convoy reached Anefis.\n"
    "\n"
    "More text.\n";
  g_auto(TesseraTextHeader) header = { 0 };

  tessera_text_header_read (text, &header);
  g_assert_cmpstr (header.published, ==, "2023-11-12");
  g_assert_null (header.title);
  g_assert_cmpuint (header.n_header_lines, ==, 1);
  g_assert_true (g_str_has_prefix (text + header.body, "On Sunday the convoy"));
  g_assert_cmpuint (header.title_from, ==, header.body);
}

static void
test_header_key_value_lines (void)
{
  const char *text =
    "date 2023-11-12\n"
    "source Sahel Wire\n"
    "url https://example.org/a\n"
    "language fr\n"
    "Fighting resumed.\n";
  g_auto(TesseraTextHeader) header = { 0 };

  tessera_text_header_read (text, &header);
  g_assert_cmpstr (header.published, ==, "2023-11-12");
  g_assert_cmpstr (header.source, ==, "Sahel Wire");
  g_assert_cmpstr (header.url, ==, "https://example.org/a");
  g_assert_cmpstr (header.language, ==, "fr");
  g_assert_cmpstr (text + header.title_from, ==, "Fighting resumed.\n");
}

/* Text that only looks like a header is text. */
static void
test_not_headers (void)
{
  static const char * const texts[] = {
    "Source close to the army said fighting resumed.\n\nMore.\n",
    "Title fight ends in a draw\nSource of the story: the promoter\n",
    "Date palms line the road to Kidal.\n",
    "Published reports say the army advanced.\n",
    "Language barriers slowed the talks.\n",
    "Kidal: talks stall as the army closes in\n",
    "url shorteners hide where links go\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_auto(TesseraTextHeader) header = { 0 };

      g_test_message ("%s", texts[i]);
      tessera_text_header_read (texts[i], &header);
      g_assert_cmpuint (header.n_header_lines, ==, 0);
      g_assert_null (header.title);
      g_assert_null (header.source);
      g_assert_null (header.published);
      g_assert_null (header.url);
      g_assert_null (header.language);
      g_assert_cmpuint (header.body, ==, 0);
      g_assert_cmpuint (header.title_from, ==, 0);
    }
}

/* A value that is not understood is said, and not used. */
static void
test_header_problems (void)
{
  const char *text =
    "Date: last Monday\n"
    "Language: Klingon\n"
    "\n"
    "Text.\n";
  g_auto(TesseraTextHeader) header = { 0 };

  tessera_text_header_read (text, &header);
  g_assert_null (header.published);
  g_assert_null (header.language);
  g_assert_cmpuint (header.n_header_lines, ==, 2);
  g_assert_cmpuint (header.problems->len, ==, 2);
  g_assert_nonnull (strstr (header.problems->pdata[0], "line 1"));
  g_assert_nonnull (strstr (header.problems->pdata[0], "last Monday"));
  g_assert_nonnull (strstr (header.problems->pdata[1], "line 2"));
  g_assert_nonnull (strstr (header.problems->pdata[1], "Klingon"));
}

static void
test_datelines (void)
{
  static const struct
  {
    const char *text;
    const char *published;
    guint       line;
  } cases[] = {
    /* A headline, a caption, then the dateline. */
    { "Army closes on rebel town\n\nA view of the town, on 22 November 2020.\n13 November 2023\n\nText.\n",
      "2023-11-13", 4 },
    { "Headline\nlundi 13 novembre 2023\nTexte.\n", "2023-11-13", 2 },
    { "Headline\nPublished on Monday, November 13, 2023 at 10:45 GMT\nText.\n", "2023-11-13", 2 },
    { "Titre\nLe 13 novembre 2023 à 10h45\nTexte.\n", "2023-11-13", 2 },
    { "Headline\n2023-11-13\nText.\n", "2023-11-13", 2 },
    /* Too far down: the sixth non-blank line. */
    { "One\nTwo\nThree\nFour\nFive\n13 November 2023\n", NULL, 0 },
    /* A date in a sentence is no dateline. */
    { "Headline\nOn 13 November 2023 the army moved.\n", NULL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(TesseraTextHeader) header = { 0 };

      g_test_message ("%s", cases[i].text);
      tessera_text_header_read (cases[i].text, &header);
      g_assert_cmpstr (header.published, ==, cases[i].published);
      g_assert_cmpuint (header.dateline, ==, cases[i].line);
      g_assert_cmpuint (header.title_from, ==, 0);
    }
}

/* A header's date wins; a dateline first in the text is not its title. */
static void
test_dateline_and_header (void)
{
  const char *text =
    "Date: 2023-11-12\n"
    "\n"
    "14 November 2023\n"
    "Army enters Kidal\n";
  g_auto(TesseraTextHeader) header = { 0 };
  g_auto(TesseraTextHeader) plain = { 0 };

  tessera_text_header_read (text, &header);
  g_assert_cmpstr (header.published, ==, "2023-11-12");
  g_assert_cmpuint (header.dateline, ==, 0);
  g_assert_cmpstr (text + header.title_from, ==, "Army enters Kidal\n");

  tessera_text_header_read ("\n13 November 2023\n\nArmy enters Kidal\n", &plain);
  g_assert_cmpstr (plain.published, ==, "2023-11-13");
  g_assert_cmpuint (plain.dateline, ==, 2);
  g_assert_cmpstr ("\n13 November 2023\n\nArmy enters Kidal\n" + plain.title_from, ==,
                   "\nArmy enters Kidal\n");
}

/* --- through the importer ---------------------------------------------- */

typedef TesseraTestProject Fixture;

static TesseraDocument *
import_one (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tessera_test_write_file (f->dir, name, contents, -1);
  g_autofree char *uid = g_strndup (name, strrchr (name, '.') - name);
  TesseraImportReport report;
  TesseraDocument *doc;

  tessera_import_report_init (&report);
  g_assert_true (tessera_test_import (f->project, path, FALSE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_documents, ==, 1);
  tessera_import_report_clear (&report);

  doc = tessera_project_find_document (f->project, uid, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static void
test_import_header (Fixture       *f,
                    gconstpointer  data)
{
  const char *contents =
    "date 2023-11-12\n"
    "Fighting resumes near Kidal\n"
    "\n"
    "The army and the rebels fought on Sunday.\n";
  g_autoptr(TesseraDocument) doc = import_one (f, "report.txt", contents);

  /* The text is kept as written: offsets count from its first byte. */
  g_assert_cmpstr (doc->text, ==, contents);
  g_assert_cmpstr (doc->published, ==, "2023-11-12");
  g_assert_cmpstr (doc->title, ==, "Fighting resumes near Kidal");
  g_assert_null (doc->source);
}

static void
test_import_dateline (Fixture       *f,
                      gconstpointer  data)
{
  const char *contents =
    "Army closes on rebel town\r\n"
    "\r\n"
    "13 novembre 2023\r\n"
    "\r\n"
    "Text.\r\n";
  g_autoptr(TesseraDocument) doc = import_one (f, "dateline.txt", contents);

  g_assert_cmpstr (doc->published, ==, "2023-11-13");
  g_assert_cmpstr (doc->title, ==, "Army closes on rebel town");
  g_assert_cmpstr (doc->text, ==, "Army closes on rebel town\n\n13 novembre 2023\n\nText.\n");
}

static void
test_import_full_header (Fixture       *f,
                         gconstpointer  data)
{
  const char *contents =
    "Title: Convoy reaches Anefis\n"
    "Source: Sahel Wire\n"
    "Published: 2023-11-13T08:00:00Z\n"
    "Link: https://example.org/anefis\n"
    "Langue : fr_FR\n"
    "\n"
    "Le convoi est arrivé.\n";
  g_autoptr(TesseraDocument) doc = import_one (f, "anefis.txt", contents);

  g_assert_cmpstr (doc->text, ==, contents);
  g_assert_cmpstr (doc->title, ==, "Convoy reaches Anefis");
  g_assert_cmpstr (doc->source, ==, "Sahel Wire");
  g_assert_cmpstr (doc->published, ==, "2023-11-13");
  g_assert_cmpstr (doc->url, ==, "https://example.org/anefis");
  g_assert_cmpstr (doc->language, ==, "fr-FR");
}

/* What was not understood is reported, naming the file and the line. */
static void
test_import_problem_notice (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tessera_test_write_file (f->dir, "vague.txt",
                                                   "Source: Wire\nDate: sometime last week\n\nText.\n", -1);
  g_autoptr(TesseraDocument) doc = NULL;
  TesseraImportReport report;
  gboolean found = FALSE;

  tessera_import_report_init (&report);
  g_assert_true (tessera_test_import (f->project, path, FALSE, &report, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < report.notices->len; i++)
    {
      const char *notice = report.notices->pdata[i];

      found |= strstr (notice, "vague.txt") != NULL && strstr (notice, "line 2") != NULL &&
               strstr (notice, "sometime last week") != NULL;
    }
  g_assert_true (found);
  tessera_import_report_clear (&report);

  doc = tessera_project_find_document (f->project, "vague", FALSE, &error);
  g_assert_nonnull (doc);
  g_assert_cmpstr (doc->source, ==, "Wire");
  g_assert_null (doc->published);
  g_assert_cmpstr (doc->title, ==, "Text.");
}

/* --- the Kidal reports ------------------------------------------------- */

/* The first non-blank line of @path, trimmed. */
static char *
first_line (const char *path)
{
  g_autofree char *raw = tessera_test_read_file (path);
  g_auto(GStrv) lines = g_strsplit (raw, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line != '\0')
        return g_strdup (line);
    }
  return NULL;
}

static char *
find_report (const char *folder,
             const char *prefix)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".txt"))
      return g_build_filename (folder, name, NULL);
  return NULL;
}

static void
test_kidal (Fixture       *f,
            gconstpointer  data)
{
  const char *shared = g_getenv ("TESSERA_SHARED_CORPUS");
  g_autofree char *corpus = NULL;
  g_autofree char *path_001 = NULL;
  g_autofree char *path_002 = NULL;
  g_autofree char *headline = NULL;
  g_autofree char *uid = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) doc_001 = NULL;
  g_autoptr(TesseraDocument) doc_002 = NULL;
  TesseraImportReport report;

  if (shared == NULL)
    {
      g_test_skip ("TESSERA_SHARED_CORPUS is not set");
      return;
    }
  corpus = g_build_filename (shared, "kidal-2023", NULL);
  path_001 = find_report (corpus, "001_");
  path_002 = find_report (corpus, "002_");
  if (path_001 == NULL || path_002 == NULL)
    {
      g_test_skip ("the Kidal reports are not there");
      return;
    }

  tessera_import_report_init (&report);
  g_assert_true (tessera_test_import (f->project, corpus, FALSE, &report, &error));
  g_assert_no_error (error);
  tessera_import_report_clear (&report);

  /* 001 begins "date 2023-11-12" and its lead on the same line. */
  uid = g_path_get_basename (path_001);
  *strrchr (uid, '.') = '\0';
  doc_001 = tessera_project_find_document (f->project, uid, TRUE, &error);
  g_assert_nonnull (doc_001);
  g_assert_cmpstr (doc_001->published, ==, "2023-11-12");
  g_assert_false (g_str_has_prefix (doc_001->title, "date"));
  g_assert_true (g_ascii_isupper (doc_001->title[0]));
  /* …and keeps its text as the file has it. */
  {
    g_autofree char *raw = NULL;
    g_autofree char *expected = NULL;
    gsize len = 0;

    g_file_get_contents (path_001, &raw, &len, &error);
    g_assert_no_error (error);
    expected = tessera_text_normalize (path_001, raw, len, FALSE, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (doc_001->text, ==, expected);
  }

  /* 002 has its dateline under a caption; its headline stays its title. */
  g_clear_pointer (&uid, g_free);
  uid = g_path_get_basename (path_002);
  *strrchr (uid, '.') = '\0';
  doc_002 = tessera_project_find_document (f->project, uid, FALSE, &error);
  g_assert_nonnull (doc_002);
  g_assert_cmpstr (doc_002->published, ==, "2023-11-13");
  headline = first_line (path_002);
  g_assert_cmpstr (doc_002->title, ==, headline);
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

  g_test_add_func ("/text-header/dates", test_dates);
  g_test_add_func ("/text-header/date-prefix", test_date_prefix);
  g_test_add_func ("/text-header/language-tags", test_language_tags);
  g_test_add_func ("/text-header/colon", test_header_colon);
  g_test_add_func ("/text-header/french", test_header_french);
  g_test_add_func ("/text-header/date-inline", test_header_date_inline);
  g_test_add_func ("/text-header/key-value-lines", test_header_key_value_lines);
  g_test_add_func ("/text-header/not-headers", test_not_headers);
  g_test_add_func ("/text-header/problems", test_header_problems);
  g_test_add_func ("/text-header/datelines", test_datelines);
  g_test_add_func ("/text-header/dateline-and-header", test_dateline_and_header);
  add_test ("/text-header/import/header", test_import_header);
  add_test ("/text-header/import/dateline", test_import_dateline);
  add_test ("/text-header/import/full-header", test_import_full_header);
  add_test ("/text-header/import/problem-notice", test_import_problem_notice);
  add_test ("/text-header/import/kidal", test_kidal);

  return g_test_run ();
}
