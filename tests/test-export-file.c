/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export-file"

#include "config.h"

#include "tessera-formats.h"
#include "tessera-test-util.h"

/* Exporting to a file in the background, as the window does: the same
 * bytes as the export itself, the project left open and writable, and a
 * failed or cancelled export leaving the old file as it was. The text is
 * the test's own, with emoji, a combining mark and right-to-left words. */

static const char report[] =
  "Fighters entered Tin-Azrou 🙂 on Sunday; the army denied it. "
  "Le maire de Ménaka a parlé. «\u0627\u0644\u062c\u064a\u0634» said “nothing”.";

static void
setup (TesseraTestProject *f,
       gconstpointer       data)
{
  tessera_test_project_setup (f, data);
  tessera_test_add_text (f->project, "r1", "Sahel Wire", report);
  tessera_test_tag (f->project, 1, "Tin-Azrou", TESSERA_LABEL_ENTITY, "Place", NULL);
  tessera_test_tag (f->project, 1, "army", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
}

/* Runs the export to @file and waits for it. */
static gboolean
export_file (TesseraProject       *project,
             TesseraExportFormat   format,
             GFile                *file,
             GCancellable         *cancellable,
             TesseraTestProgress  *progress,
             GError              **error)
{
  TesseraExportOptions options = { tessera_test_record_progress, progress, cancellable };
  g_autoptr(GAsyncResult) result = NULL;

  tessera_export_file_async (project, format, file, &options, tessera_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return tessera_export_file_finish (project, result, error);
}

static void
test_same_as_export (TesseraTestProject *f,
                     gconstpointer       data)
{
  static const struct
  {
    TesseraExportFormat   format;
    TesseraTestExportFunc func;
  } formats[] = {
    { TESSERA_EXPORT_JSONL, tessera_export_jsonl },
    { TESSERA_EXPORT_PROJECT_JSON, tessera_export_project_json },
    { TESSERA_EXPORT_REPORT_JSON, tessera_export_report_json },
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, "out.json", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *expected = tessera_test_export (f->project, formats[i].func);
      g_autofree char *written = NULL;
      TesseraTestProgress progress = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_true (export_file (f->project, formats[i].format, file, NULL, &progress, &error));
      g_assert_no_error (error);
      written = tessera_test_read_file (path);
      g_assert_cmpstr (written, ==, expected);
      g_assert_cmpuint (progress.calls, >, 0);
      g_assert_cmpuint (progress.done, ==, progress.total);
    }

  /* The project stayed open for writing meanwhile. */
  g_assert_cmpint (tessera_test_tag (f->project, 1, "Sunday", TESSERA_LABEL_ENTITY, "Date", NULL), >, 0);
}

/* A cancelled export, or one of a project that does not open, keeps the
 * file that was there. */
static void
test_failure_keeps_file (TesseraTestProject *f,
                         gconstpointer       data)
{
  g_autofree char *path = g_build_filename (f->dir, "out.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_files = 0;

  tessera_test_set_contents (path, "the last export\n", -1);
  g_cancellable_cancel (cancellable);
  g_assert_false (export_file (f->project, TESSERA_EXPORT_JSONL, file, cancellable, NULL, &error));
  g_assert_nonnull (error);
  after = tessera_test_read_file (path);
  g_assert_cmpstr (after, ==, "the last export\n");

  /* No temporary file left beside it. */
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, "out") || g_str_has_prefix (name, ".goutputstream"))
      n_files++;
  g_assert_cmpuint (n_files, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/export-file/same-as-export", TesseraTestProject, NULL, setup, test_same_as_export,
              tessera_test_project_teardown);
  g_test_add ("/export-file/failure-keeps-file", TesseraTestProject, NULL, setup, test_failure_keeps_file,
              tessera_test_project_teardown);

  return g_test_run ();
}
