/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-text"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "tessera-error.h"
#include "tessera-formats.h"
#include "tessera-limits.h"
#include "tessera-project.h"
#include "tessera-test-util.h"
#include "tessera-text.h"

typedef TesseraTestProject Fixture;

static gboolean
report_has_notice (const TesseraImportReport *report,
                   const char                *text)
{
  for (guint i = 0; i < report->notices->len; i++)
    if (strstr (g_ptr_array_index (report->notices, i), text) != NULL)
      return TRUE;

  return FALSE;
}

/* The only document with @uid, with its text. */
static TesseraDocument *
get_document (TesseraProject *project,
              const char     *uid)
{
  g_autoptr(GError) error = NULL;
  TesseraDocument *doc;

  doc = tessera_project_find_document (project, uid, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);

  return doc;
}

/* Imports one good file so that the project has a document, and returns
 * the hash of the project file with that document committed. */
static char *
prepare_committed_project (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = tessera_test_write_file (fixture->dir, "first.txt", "First report\nText.\n", -1);
  TesseraImportReport report;
  char *hash;

  tessera_import_report_init (&report);
  g_assert_true (tessera_test_import (fixture->project, good, FALSE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_documents, ==, 1);
  tessera_import_report_clear (&report);

  hash = tessera_test_project_close_and_hash (fixture);
  tessera_test_project_reopen (fixture);

  return hash;
}

/* A failed import leaves the file exactly as it was, also once closed. */
static void
assert_failed_import_left_file (Fixture    *fixture,
                                const char *hash_before)
{
  g_autofree char *hash_after = NULL;

  g_assert_cmpint (tessera_project_count_documents (fixture->project), ==, 1);
  hash_after = tessera_test_project_close_and_hash (fixture);
  g_assert_cmpstr (hash_after, ==, hash_before);
  tessera_test_project_reopen (fixture);
  g_assert_cmpint (tessera_project_count_documents (fixture->project), ==, 1);
}

static void
test_folder_order (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(TesseraDocument) b = NULL;
  g_autoptr(TesseraDocument) a = NULL;
  g_autoptr(TesseraDocument) nine = NULL;
  g_autofree char *folder = tessera_test_make_folder (fixture->dir, "reports");
  g_autofree char *sub = tessera_test_make_folder (folder, "sub");
  TesseraImportReport report;
  static const char * const expected_uids[] = { "9", "10", "a", "b" };
  static const char * const expected_titles[] = {
    "Nine: army enters Kidal", "Ten", "Title A", "Title B",
  };

  /* Created in an order that is neither file-name nor natural order. */
  g_free (tessera_test_write_file (folder, "b.txt", "\r\n  Title B  \r\nbody of b\r\n", -1));
  g_free (tessera_test_write_file (folder, "a.txt", "\xC2\xA0\xE3\x80\x80Title A\xE3\x80\x80\nbody of a", -1));
  g_free (tessera_test_write_file (folder, "10.txt", "Ten\n", -1));
  g_free (tessera_test_write_file (folder, "9.txt", "Nine: army enters Kidal", -1));
  g_free (tessera_test_write_file (folder, "notes.md", "not a report", -1));
  g_free (tessera_test_write_file (folder, ".hidden.txt", "hidden", -1));
  g_free (tessera_test_write_file (sub, "inner.txt", "in a sub-folder", -1));

  tessera_import_report_init (&report);
  g_assert_true (tessera_test_import (fixture->project, folder, FALSE, &report, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (report.n_documents, ==, 4);
  g_assert_cmpuint (report.n_skipped, ==, 1);
  g_assert_true (report_has_notice (&report, "notes.md"));
  g_assert_false (report_has_notice (&report, "hidden"));
  g_assert_true (report_has_notice (&report, "b.txt: 3 line endings converted to LF"));
  g_assert_cmpint (tessera_project_count_documents (fixture->project), ==, 4);

  docs = tessera_project_list_documents (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 4);
  for (guint i = 0; i < docs->len; i++)
    {
      TesseraDocument *doc = g_ptr_array_index (docs, i);

      g_assert_cmpstr (doc->uid, ==, expected_uids[i]);
      g_assert_cmpstr (doc->title, ==, expected_titles[i]);
      g_assert_null (doc->source);
      g_assert_null (doc->url);
      g_assert_null (doc->published);
      g_assert_cmpint (doc->status, ==, TESSERA_STATUS_NEW);
      if (i > 0)
        g_assert_cmpint (doc->id, >, ((TesseraDocument *) g_ptr_array_index (docs, i - 1))->id);
    }

  /* The text is kept as written, only with LF line endings. */
  b = get_document (fixture->project, "b");
  g_assert_cmpstr (b->text, ==, "\n  Title B  \nbody of b\n");
  g_assert_cmpint (b->n_chars, ==, 23);

  a = get_document (fixture->project, "a");
  g_assert_cmpstr (a->text, ==, "\xC2\xA0\xE3\x80\x80Title A\xE3\x80\x80\nbody of a");
  g_assert_cmpint (a->n_chars, ==, 20);

  nine = get_document (fixture->project, "9");
  g_assert_cmpstr (nine->text, ==, "Nine: army enters Kidal");
  g_assert_false (report_has_notice (&report, "9.txt"));

  tessera_import_report_clear (&report);
}

static void
test_bom (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) doc = NULL;
  g_autofree char *path = tessera_test_write_file (fixture->dir, "bom.text",
                                                   "\xEF\xBB\xBF" "Ceasefire talks\r\nin Algiers", -1);
  TesseraImportReport report;

  tessera_import_report_init (&report);
  g_assert_true (tessera_test_import (fixture->project, path, FALSE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_documents, ==, 1);
  g_assert_true (report_has_notice (&report, "bom.text: byte-order mark removed"));
  g_assert_true (report_has_notice (&report, "bom.text: 1 line ending converted to LF"));

  doc = get_document (fixture->project, "bom");
  g_assert_cmpstr (doc->title, ==, "Ceasefire talks");
  g_assert_cmpstr (doc->text, ==, "Ceasefire talks\nin Algiers");
  g_assert_cmpint (doc->n_chars, ==, 26);

  tessera_import_report_clear (&report);
}

static void
test_uid_unique (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) first = NULL;
  g_autoptr(TesseraDocument) second = NULL;
  g_autoptr(TesseraDocument) third = NULL;
  g_autofree char *folder = tessera_test_make_folder (fixture->dir, "other");
  g_autofree char *one = tessera_test_write_file (fixture->dir, "kidal.txt", "One", -1);
  g_autofree char *two = tessera_test_write_file (folder, "kidal.txt", "Two", -1);
  const char *paths[] = { one, two, one, NULL };
  TesseraImportReport report;

  tessera_import_report_init (&report);
  g_assert_true (tessera_import_paths (fixture->project, paths, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_documents, ==, 3);
  g_assert_true (report_has_notice (&report, "imported as “kidal-2”"));

  first = get_document (fixture->project, "kidal");
  second = get_document (fixture->project, "kidal-2");
  third = get_document (fixture->project, "kidal-3");
  g_assert_cmpstr (first->text, ==, "One");
  g_assert_cmpstr (second->text, ==, "Two");
  g_assert_cmpstr (third->text, ==, "One");

  tessera_import_report_clear (&report);
}

static void
test_explicit_file_any_extension (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) doc = NULL;
  g_autofree char *path = tessera_test_write_file (fixture->dir, "wire.copy.md", "Wire copy\n", -1);

  /* No report: the caller may not want one. */
  g_assert_true (tessera_test_import (fixture->project, path, FALSE, NULL, &error));
  g_assert_no_error (error);

  doc = get_document (fixture->project, "wire.copy");
  g_assert_cmpstr (doc->title, ==, "Wire copy");
}

static void
test_empty_skipped (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = tessera_test_make_folder (fixture->dir, "mixed");
  TesseraImportReport report;

  g_free (tessera_test_write_file (folder, "empty.txt", "", -1));
  g_free (tessera_test_write_file (folder, "blank.txt", " \r\n\t\n\xC2\xA0\n", -1));
  g_free (tessera_test_write_file (folder, "real.txt", "\n\nA real report", -1));

  tessera_import_report_init (&report);
  g_assert_true (tessera_test_import (fixture->project, folder, FALSE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_documents, ==, 1);
  g_assert_cmpuint (report.n_skipped, ==, 2);
  g_assert_true (report_has_notice (&report, "empty.txt: empty, skipped"));
  g_assert_true (report_has_notice (&report, "blank.txt: empty, skipped"));
  g_assert_cmpint (tessera_project_count_documents (fixture->project), ==, 1);

  tessera_import_report_clear (&report);
}

static void
test_long_title (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(TesseraDocument) doc = NULL;
  g_autofree char *path = NULL;

  for (guint i = 0; i < 100; i++)
    g_string_append (line, "très long ");
  path = tessera_test_write_file (fixture->dir, "long.txt", line->str, -1);

  g_assert_true (tessera_test_import (fixture->project, path, FALSE, NULL, &error));
  g_assert_no_error (error);

  /* A one-line article still gets a title that fits a list row. */
  doc = get_document (fixture->project, "long");
  g_assert_cmpint (g_utf8_strlen (doc->title, -1), <=, 201);
  g_assert_true (g_str_has_prefix (doc->title, "très long très long"));
  g_assert_true (g_str_has_suffix (doc->title, "…"));
  g_assert_cmpstr (doc->text, ==, line->str);
}

static void
test_nul_refused (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash_before = prepare_committed_project (fixture);
  g_autofree char *folder = tessera_test_make_folder (fixture->dir, "batch");
  g_autofree char *bad = NULL;
  g_autofree char *hash_open = NULL;
  g_autofree char *hash_open_after = NULL;
  g_autofree char *expected = NULL;
  TesseraImportReport report;
  static const char nul_data[] = "Header\r\nbody\0tail";

  /* The good file comes first, so it is added before the bad one fails. */
  g_free (tessera_test_write_file (folder, "a-good.txt", "A good report", -1));
  bad = tessera_test_write_file (folder, "b-bad.txt", nul_data, sizeof nul_data - 1);

  hash_open = tessera_test_file_sha256 (fixture->path);

  tessera_import_report_init (&report);
  g_assert_false (tessera_test_import (fixture->project, folder, TRUE, &report, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  expected = g_strdup_printf ("%s: NUL byte at byte offset 12", bad);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpuint (report.n_documents, ==, 0);
  tessera_import_report_clear (&report);

  hash_open_after = tessera_test_file_sha256 (fixture->path);
  g_assert_cmpstr (hash_open_after, ==, hash_open);
  g_assert_null (tessera_project_find_document (fixture->project, "a-good", FALSE, NULL));

  assert_failed_import_left_file (fixture, hash_before);
}

static void
test_invalid_utf8 (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) doc = NULL;
  g_autofree char *hash_before = prepare_committed_project (fixture);
  g_autofree char *bad = NULL;
  g_autofree char *expected = NULL;
  TesseraImportReport report;

  /* Latin-1 "é" at byte 8, then two more stray bytes. */
  bad = tessera_test_write_file (fixture->dir, "latin1.txt", "Gao\r\ncaf\xE9 \xFF\xFE ok", -1);

  g_assert_false (tessera_test_import (fixture->project, bad, FALSE, NULL, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  expected = g_strdup_printf ("%s: invalid UTF-8 at byte offset 8", bad);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  assert_failed_import_left_file (fixture, hash_before);

  /* Asked to repair, the same file comes in with U+FFFD, and says so. */
  tessera_import_report_init (&report);
  g_assert_true (tessera_test_import (fixture->project, bad, TRUE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_documents, ==, 1);
  g_assert_true (report_has_notice (&report, "latin1.txt: 3 invalid bytes replaced by U+FFFD"));
  tessera_import_report_clear (&report);

  doc = get_document (fixture->project, "latin1");
  g_assert_cmpstr (doc->text, ==, "Gao\ncaf\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD ok");
  g_assert_cmpint (doc->n_chars, ==, 14);
}

static void
test_missing_path (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = tessera_test_write_file (fixture->dir, "good.txt", "Good", -1);
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-report.txt", NULL);
  const char *paths[] = { good, missing, NULL };

  g_assert_false (tessera_import_paths (fixture->project, paths, NULL, NULL, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_cmpint (tessera_project_count_documents (fixture->project), ==, 0);
}

static void
test_too_big (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash_before = prepare_committed_project (fixture);
  g_autofree char *big = g_build_filename (fixture->dir, "huge.txt", NULL);
  int fd;

  /* Sparse: the size check must refuse it without reading 65 MiB. */
  fd = g_open (big, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, TESSERA_MAX_TEXT_FILE_SIZE + 1024 * 1024), ==, 0);
  g_assert_true (g_close (fd, NULL));

  g_assert_false (tessera_test_import (fixture->project, big, FALSE, NULL, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, big));
  g_assert_nonnull (strstr (error->message, "68157440 bytes"));
  /* The limit, as g_format_size() writes it (with a no-break space). */
  g_assert_nonnull (strstr (error->message, "limit"));
  g_assert_nonnull (strstr (error->message, "64.0"));

  assert_failed_import_left_file (fixture, hash_before);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = tessera_test_write_file (fixture->dir, "good.txt", "Good", -1);
  g_autofree char *hash_before = tessera_test_project_close_and_hash (fixture);
  g_autofree char *hash_after = NULL;

  fixture->project = tessera_test_open_project (fixture->path, TESSERA_OPEN_READ_ONLY);

  g_assert_false (tessera_test_import (fixture->project, good, FALSE, NULL, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_READ_ONLY);

  hash_after = tessera_test_project_close_and_hash (fixture);
  g_assert_cmpstr (hash_after, ==, hash_before);
}

static void
test_progress_and_cancel (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *folder = tessera_test_make_folder (fixture->dir, "three");
  const char *paths[] = { folder, NULL };
  TesseraImportOptions options = { 0 };
  TesseraTestProgress progress = { 0 };

  g_free (tessera_test_write_file (folder, "1.txt", "one", -1));
  g_free (tessera_test_write_file (folder, "2.txt", "two two", -1));
  g_free (tessera_test_write_file (folder, "3.txt", "three three three", -1));

  options.progress = tessera_test_record_progress;
  options.progress_data = &progress;
  g_assert_true (tessera_import_paths (fixture->project, paths, &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.calls, >=, 2);
  g_assert_cmpuint (progress.total, ==, 3 + 7 + 17);
  g_assert_cmpuint (progress.done, ==, progress.total);

  /* Cancelled: an error, and nothing added. */
  g_cancellable_cancel (cancellable);
  options.cancellable = cancellable;
  g_assert_false (tessera_import_paths (fixture->project, paths, &options, NULL, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_CANCELLED);
  g_assert_cmpint (tessera_project_count_documents (fixture->project), ==, 3);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
test_kidal_corpus (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *corpus = g_getenv ("TESSERA_SHARED_CORPUS");
  g_autofree char *folder = NULL;
  TesseraImportReport report;
  const char *name;

  if (corpus == NULL)
    {
      g_test_skip ("TESSERA_SHARED_CORPUS is not set");
      return;
    }
  folder = g_build_filename (corpus, "kidal-2023", NULL);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the Kidal corpus is not here");
      return;
    }

  dir = g_dir_open (folder, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  tessera_import_report_init (&report);
  g_assert_true (tessera_test_import (fixture->project, folder, FALSE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_documents, ==, 5);
  tessera_import_report_clear (&report);

  docs = tessera_project_list_documents (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 5);
  g_assert_cmpuint (names->len, ==, 5);

  for (guint i = 0; i < docs->len; i++)
    {
      TesseraDocument *meta = g_ptr_array_index (docs, i);
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (folder, file, NULL);
      g_autofree char *raw = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *uid = g_strndup (file, strlen (file) - strlen (".txt"));
      g_autoptr(TesseraDocument) doc = NULL;
      gsize len = 0;

      /* The files are numbered, so file-name order is their order. */
      g_assert_cmpstr (meta->uid, ==, uid);
      g_assert_nonnull (meta->title);
      g_assert_cmpstr (meta->title, !=, "");
      g_assert_false (g_ascii_isspace (meta->title[0]));

      g_file_get_contents (path, &raw, &len, &error);
      g_assert_no_error (error);
      expected = tessera_text_normalize (file, raw, len, FALSE, NULL, &error);
      g_assert_no_error (error);

      doc = get_document (fixture->project, uid);
      g_assert_cmpstr (doc->text, ==, expected);
      g_assert_cmpint (doc->n_chars, ==, g_utf8_strlen (expected, -1));
    }
}

static void
test_notice_not_title (Fixture       *fixture,
                       gconstpointer  data)
{
  static const struct {
    const char *name;
    const char *text;
    const char *title;
  } cases[] = {
    /* A saved page's cookie banner, in English and French, and a
     * JavaScript notice: the title is the first line of the report. */
    { "cookies", "This website uses cookies so that we can provide you with the best experience.\n"
                 "Mali’s army says it has retaken Kidal\nThe army said on Tuesday…", "Mali’s army says it has retaken Kidal" },
    { "temoins", "\nCe site utilise des cookies pour améliorer votre navigation. Accepter\n\n"
                 "L’armée reprend Kidal\n", "L’armée reprend Kidal" },
    { "script", "Please enable JavaScript to view this page.\nKidal retaken 🇲🇱\n", "Kidal retaken 🇲🇱" },
    /* A report about cookies is a report. */
    { "bakery", "Cookie prices soar in Bamako\nBakers blame flour.\n", "Cookie prices soar in Bamako" },
    /* A page that is only a notice keeps it as its title. */
    { "only-notice", "We use cookies on this website.\n", "We use cookies on this website." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TesseraDocument) doc = NULL;
      g_autofree char *name = g_strconcat (cases[i].name, ".txt", NULL);
      g_autofree char *path = tessera_test_write_file (fixture->dir, name, cases[i].text, -1);

      g_assert_true (tessera_test_import (fixture->project, path, FALSE, NULL, &error));
      g_assert_no_error (error);
      doc = get_document (fixture->project, cases[i].name);
      g_assert_cmpstr (doc->title, ==, cases[i].title);
      /* The text stays as it was: offsets count from its first byte. */
      g_assert_cmpstr (doc->text, ==, cases[i].text);
    }
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

  add_test ("/import-text/folder-order", test_folder_order);
  add_test ("/import-text/bom", test_bom);
  add_test ("/import-text/uid-unique", test_uid_unique);
  add_test ("/import-text/explicit-file", test_explicit_file_any_extension);
  add_test ("/import-text/empty-skipped", test_empty_skipped);
  add_test ("/import-text/long-title", test_long_title);
  add_test ("/import-text/notice-not-title", test_notice_not_title);
  add_test ("/import-text/nul-refused", test_nul_refused);
  add_test ("/import-text/invalid-utf8", test_invalid_utf8);
  add_test ("/import-text/missing-path", test_missing_path);
  add_test ("/import-text/too-big", test_too_big);
  add_test ("/import-text/read-only", test_read_only);
  add_test ("/import-text/progress-and-cancel", test_progress_and_cancel);
  add_test ("/import-text/kidal-corpus", test_kidal_corpus);

  return g_test_run ();
}
