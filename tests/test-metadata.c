/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-metadata"

#include "config.h"

#include <string.h>

#include "tessera-error.h"
#include "tessera-history.h"
#include "tessera-test-util.h"

/* A document's title, outlet, date, URL and language: the undoable
 * history command the window's header will use, and "tessera-cli edit"
 * on top of it. */

typedef struct
{
  TesseraTestProject  base;
  TesseraHistory     *history;
  gint64              doc_id;
  guint               n_document_changes;
} Fixture;

static void
on_changed (TesseraProject      *project,
            TesseraChangeKind    kind,
            TesseraChangeAction  action,
            gint64               document_id,
            gint64               object_id,
            Fixture             *f)
{
  if (kind == TESSERA_CHANGE_DOCUMENT && action == TESSERA_CHANGE_UPDATED && object_id == f->doc_id)
    f->n_document_changes++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  tessera_test_project_setup (&f->base, data);
  f->doc_id = tessera_test_add_text (f->base.project, "kidal", NULL, "The army entered Kidal.\n");
  f->history = tessera_history_new (f->base.project);
  g_signal_connect (f->base.project, "changed", G_CALLBACK (on_changed), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->history);
  tessera_test_project_teardown (&f->base, data);
}

static TesseraDocument *
get_doc (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  TesseraDocument *doc = tessera_project_get_document (f->base.project, f->doc_id, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static void
test_edit_undo_redo (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) original = get_doc (f);
  g_autoptr(TesseraDocument) wanted = get_doc (f);
  g_autoptr(TesseraDocument) now = NULL;

  g_free (wanted->title);
  wanted->title = g_strdup ("  Army enters Kidal  ");
  wanted->source = g_strdup ("Sahel Daily");
  wanted->published = g_strdup ("2023-11-14");
  wanted->url = g_strdup ("https://example.org/kidal");
  wanted->language = g_strdup ("en_gb");
  g_assert_true (tessera_history_update_document (f->history, wanted, &error));
  g_assert_no_error (error);

  /* One step, one change signal, values trimmed and normalised. */
  g_assert_true (tessera_history_can_undo (f->history));
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Change document details");
  g_assert_cmpuint (f->n_document_changes, ==, 1);
  now = get_doc (f);
  g_assert_cmpstr (now->title, ==, "Army enters Kidal");
  g_assert_cmpstr (now->source, ==, "Sahel Daily");
  g_assert_cmpstr (now->published, ==, "2023-11-14");
  g_assert_cmpstr (now->url, ==, "https://example.org/kidal");
  g_assert_cmpstr (now->language, ==, "en-GB");
  g_clear_pointer (&now, tessera_document_unref);

  /* The search index follows the title. */
  {
    g_autoptr(GArray) hits = tessera_project_search (f->base.project, "enters", 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
  }

  g_assert_true (tessera_history_undo (f->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_document_changes, ==, 2);
  now = get_doc (f);
  g_assert_cmpstr (now->title, ==, original->title);
  g_assert_null (now->source);
  g_assert_null (now->published);
  g_assert_null (now->url);
  g_assert_null (now->language);
  g_clear_pointer (&now, tessera_document_unref);

  g_assert_true (tessera_history_redo (f->history, &error));
  g_assert_no_error (error);
  now = get_doc (f);
  g_assert_cmpstr (now->source, ==, "Sahel Daily");
  g_assert_cmpstr (now->language, ==, "en-GB");
}

/* Each field alone names the step; "" clears; the status is not the
 * metadata's to change, also when undone. */
static void
test_one_field (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) wanted = get_doc (f);
  g_autoptr(TesseraDocument) now = NULL;

  wanted->source = g_strdup ("Wire");
  g_assert_true (tessera_history_update_document (f->history, wanted, &error));
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Change outlet");

  g_free (wanted->source);
  wanted->source = g_strdup ("");
  g_assert_true (tessera_history_update_document (f->history, wanted, &error));
  g_assert_no_error (error);
  now = get_doc (f);
  g_assert_null (now->source);
  g_clear_pointer (&now, tessera_document_unref);

  /* Marked done outside the history: undoing the outlet keeps that. */
  g_assert_true (tessera_project_set_document_status (f->base.project, f->doc_id,
                                                      TESSERA_STATUS_DONE, &error));
  g_assert_true (tessera_history_undo (f->history, &error));
  g_assert_no_error (error);
  now = get_doc (f);
  g_assert_cmpstr (now->source, ==, "Wire");
  g_assert_cmpint (now->status, ==, TESSERA_STATUS_DONE);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(TesseraDocument) wanted = get_doc (f);
  g_autoptr(TesseraDocument) now = NULL;
  static const char * const bad_dates[] = { "13/11/2023", "2023-02-30", "November 13, 2023", "2023-11" };
  static const char * const bad_languages[] = { "English", "fr-", "en GB" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      g_autoptr(GError) error = NULL;

      g_free (wanted->published);
      wanted->published = g_strdup (bad_dates[i]);
      g_assert_false (tessera_history_update_document (f->history, wanted, &error));
      g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
      g_assert_nonnull (strstr (error->message, bad_dates[i]));
      g_assert_nonnull (strstr (error->message, "YYYY-MM-DD"));
    }
  g_clear_pointer (&wanted->published, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (bad_languages); i++)
    {
      g_autoptr(GError) error = NULL;

      g_free (wanted->language);
      wanted->language = g_strdup (bad_languages[i]);
      g_assert_false (tessera_history_update_document (f->history, wanted, &error));
      g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
      g_assert_nonnull (strstr (error->message, bad_languages[i]));
    }
  g_clear_pointer (&wanted->language, g_free);

  {
    g_autoptr(GError) error = NULL;

    g_free (wanted->title);
    wanted->title = g_strdup (" ");
    g_assert_false (tessera_history_update_document (f->history, wanted, &error));
    g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  }

  /* Nothing was done, and nothing to undo. */
  g_assert_false (tessera_history_can_undo (f->history));
  g_assert_cmpuint (f->n_document_changes, ==, 0);
  now = get_doc (f);
  g_assert_null (now->published);
  g_assert_null (now->language);
}

/* The same values make no step; a date imported as given may stay. */
static void
test_unchanged (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) doc = get_doc (f);

  g_assert_true (tessera_history_update_document (f->history, doc, &error));
  g_assert_false (tessera_history_can_undo (f->history));

  doc->published = g_strdup ("mid-November 2023");
  g_assert_true (tessera_project_update_document (f->base.project, doc, &error));
  g_assert_no_error (error);
  g_free (doc->source);
  doc->source = g_strdup ("Wire");
  g_assert_true (tessera_history_update_document (f->history, doc, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Change outlet");
}

static void
test_missing_document (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) doc = get_doc (f);

  doc->id = 4242;
  g_assert_false (tessera_history_update_document (f->history, doc, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND);
}

/* --- tessera-cli edit --------------------------------------------------- */

static TesseraTestCliResult *
run (const char *first,
     ...) G_GNUC_NULL_TERMINATED;

static TesseraTestCliResult *
run (const char *first,
     ...)
{
  TesseraTestCliResult *result;
  va_list ap;

  va_start (ap, first);
  result = tessera_test_run_cli_va (first, ap);
  va_end (ap);
  return result;
}

static char *
make_cli_project (const char *dir)
{
  g_autofree char *project = g_build_filename (dir, "cli.tessera", NULL);
  g_autofree char *text = tessera_test_write_file (dir, "report.txt",
                                                   "date 2023-11-12\nFighting resumes\n\nText.\n", -1);
  g_autoptr(TesseraTestCliResult) init = run ("init", project, NULL);
  g_autoptr(TesseraTestCliResult) import = NULL;

  g_assert_cmpint (init->status, ==, 0);
  import = run ("import", project, text, NULL);
  g_assert_cmpint (import->status, ==, 0);
  return g_steal_pointer (&project);
}

static void
test_cli_edit (void)
{
  g_autofree char *dir = tessera_test_make_tmp_dir ();
  g_autofree char *project = make_cli_project (dir);
  g_autoptr(TesseraTestCliResult) show = NULL;
  g_autoptr(TesseraTestCliResult) edit = NULL;
  g_autoptr(TesseraTestCliResult) again = NULL;
  g_autoptr(TesseraTestCliResult) clear = NULL;
  g_autoptr(TesseraProject) opened = NULL;
  g_autoptr(TesseraDocument) doc = NULL;

  /* Without options: the details, read from the import's header. */
  show = run ("edit", project, "report", NULL);
  g_assert_cmpint (show->status, ==, 0);
  g_assert_nonnull (strstr (show->out, "title      Fighting resumes\n"));
  g_assert_nonnull (strstr (show->out, "published  2023-11-12\n"));
  g_assert_nonnull (strstr (show->out, "source     (none)\n"));

  edit = run ("edit", project, "report", "--source", "Sahel Daily", "--published", "2023-11-13",
              "--language", "FR", "--url", "https://example.org/r", "--title", "Combats", NULL);
  g_assert_cmpint (edit->status, ==, 0);
  g_assert_cmpstr (edit->out, ==,
                   "Changed document report:\n"
                   "  title      Fighting resumes → Combats\n"
                   "  source     (none) → Sahel Daily\n"
                   "  published  2023-11-12 → 2023-11-13\n"
                   "  url        (none) → https://example.org/r\n"
                   "  language   (none) → fr\n");

  again = run ("edit", project, "report", "--source", "Sahel Daily", NULL);
  g_assert_cmpint (again->status, ==, 0);
  g_assert_nonnull (strstr (again->out, "nothing changed"));

  clear = run ("edit", project, "report", "--source", "", "--url", "", NULL);
  g_assert_cmpint (clear->status, ==, 0);
  g_assert_nonnull (strstr (clear->out, "source     Sahel Daily → (none)"));

  opened = tessera_test_open_project (project, TESSERA_OPEN_READ_ONLY);
  doc = tessera_project_find_document (opened, "report", FALSE, NULL);
  g_assert_nonnull (doc);
  g_assert_cmpstr (doc->title, ==, "Combats");
  g_assert_null (doc->source);
  g_assert_null (doc->url);
  g_assert_cmpstr (doc->published, ==, "2023-11-13");
  g_assert_cmpstr (doc->language, ==, "fr");
  g_clear_object (&opened);

  tessera_test_remove_tree (dir);
}

/* Bad values are refused before the project is opened, naming the
 * option; the file is left as it was. */
static void
test_cli_edit_refused (void)
{
  static const struct
  {
    const char *option;
    const char *value;
    int         status;
    const char *says;
  } cases[] = {
    { "--published", "13/11/2023", 2, "YYYY-MM-DD" },
    { "--published", "2023-02-30", 2, "2023-02-30" },
    { "--language", "English", 2, "BCP 47" },
    { "--title", "", 2, "--title" },
  };
  g_autofree char *dir = tessera_test_make_tmp_dir ();
  g_autofree char *project = make_cli_project (dir);
  g_autofree char *hash = tessera_test_file_sha256 (project);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TesseraTestCliResult) result = run ("edit", project, "report", cases[i].option,
                                                    cases[i].value, NULL);
      g_autofree char *hash_after = tessera_test_file_sha256 (project);

      g_test_message ("%s %s", cases[i].option, cases[i].value);
      g_assert_cmpint (result->status, ==, cases[i].status);
      g_assert_nonnull (strstr (result->err, cases[i].says));
      g_assert_cmpstr (hash_after, ==, hash);
    }

  {
    g_autoptr(TesseraTestCliResult) result = run ("edit", project, "nope", "--title", "X", NULL);

    g_assert_cmpint (result->status, ==, 1);
    g_assert_nonnull (strstr (result->err, "“nope”"));
  }
  {
    g_autoptr(TesseraTestCliResult) result = run ("edit", project, NULL);

    g_assert_cmpint (result->status, ==, 2);
  }

  tessera_test_remove_tree (dir);
}

static void
add_test (const char *path,
          void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_test ("/metadata/edit-undo-redo", test_edit_undo_redo);
  add_test ("/metadata/one-field", test_one_field);
  add_test ("/metadata/refused", test_refused);
  add_test ("/metadata/unchanged", test_unchanged);
  add_test ("/metadata/missing-document", test_missing_document);
  g_test_add_func ("/metadata/cli/edit", test_cli_edit);
  g_test_add_func ("/metadata/cli/edit-refused", test_cli_edit_refused);

  return g_test_run ();
}
