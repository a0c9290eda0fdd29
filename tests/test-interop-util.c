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

/* $TESSERA_SHARED_CORPUS/../interop/@name, or NULL (the test skipped). */
char *
interop_path (const char *name)
{
  const char *shared = g_getenv ("TESSERA_SHARED_CORPUS");
  g_autofree char *path = shared != NULL ? g_build_filename (shared, "..", "interop", name, NULL) : NULL;
  g_autofree char *why = path != NULL ? g_strdup_printf ("%s is not there", path)
                                       : g_strdup ("TESSERA_SHARED_CORPUS is not set");

  if (path != NULL && g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&path);
  g_test_skip (why);
  return NULL;
}

/* What the project holds, to tell that nothing changed. */
char *
snapshot (TesseraProject *project)
{
  g_autoptr(GPtrArray) labels = tessera_project_list_labels (project, TESSERA_LABEL_ANY);

  return g_strdup_printf ("%" G_GINT64_FORMAT " documents, %" G_GINT64_FORMAT " spans, %u labels",
                          tessera_project_count_documents (project),
                          tessera_project_count_spans (project), labels->len);
}

/* The text of document @uid, which must exist. */
char *
text_of (TesseraProject *project,
         const char     *uid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) doc = tessera_project_find_document (project, uid, TRUE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return g_strdup (doc->text);
}

/* Imports @path, which must work; @report (may be NULL) is initialised here. */
void
import_ok (TesseraProject             *project,
           const char                 *path,
           const TesseraImportOptions *options,
           TesseraImportReport        *report)
{
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;

  if (report != NULL)
    tessera_import_report_init (report);
  g_assert_true (tessera_import_paths (project, paths, options, report, &error));
  g_assert_no_error (error);
}

/* Imports @path, which must fail with a message that says each of the
 * parts (then NULL), leaving the project as it was. */
void
import_fails (TesseraProject             *project,
              const char                 *path,
              const TesseraImportOptions *options,
              ...)
{
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (project), *after = NULL;
  const char *part;
  va_list args;

  g_assert_false (tessera_import_paths (project, paths, options, NULL, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  va_start (args, options);
  while ((part = va_arg (args, const char *)) != NULL)
    if (strstr (error->message, part) == NULL)
      g_error ("the message “%s” does not say “%s”", error->message, part);
  va_end (args);
  after = snapshot (project);
  g_assert_cmpstr (after, ==, before);
}

guint
loss_count (const TesseraImportReport *report,
            TesseraLossKind            kind,
            const char                *name)
{
  for (guint i = 0; report->losses != NULL && i < report->losses->len; i++)
    {
      const TesseraImportLoss *loss = report->losses->pdata[i];

      if (loss->kind == kind && g_strcmp0 (loss->name, name) == 0)
        return loss->count;
    }
  return 0;
}

/* Every span of the project (FoundSpan); @counts (may be NULL) receives
 * the totals. */
GArray *
all_spans (TesseraProject *project,
           Counts         *counts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = tessera_project_list_documents (project, &error);
  GArray *found = g_array_new (FALSE, FALSE, sizeof (FoundSpan));
  Counts local = { 0 };

  g_assert_no_error (error);
  for (guint d = 0; d < docs->len; d++)
    {
      gint64 id = ((TesseraDocument *) docs->pdata[d])->id;
      g_autoptr(TesseraDocument) doc = tessera_project_get_document (project, id, TRUE, &error);
      g_autoptr(GArray) spans = tessera_project_list_spans (project, id, &error);
      g_autoptr(GPtrArray) events = tessera_project_list_events (project, id, &error);
      g_autoptr(GArray) stances = tessera_project_list_stances (project, id, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < spans->len; i++)
        {
          const TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);
          g_autofree char *text = tessera_text_slice (doc->text, span->start, span->end);
          FoundSpan f = { g_intern_string (text),
                          g_intern_string (tessera_project_get_label (project, span->label_id)->name),
                          g_intern_string (span->note),
                          g_intern_string (tessera_project_get_annotator_name (project, span->annotator_id)),
                          span->suggested };

          local.notes += span->note != NULL;
          g_array_append_val (found, f);
        }
      local.events += events->len;
      for (guint i = 0; i < events->len; i++)
        local.arguments += ((TesseraEvent *) events->pdata[i])->arguments->len;
      local.stances += stances->len;
    }
  if (counts != NULL)
    *counts = local;
  return found;
}

/* How many spans cover @text (NULL: any) with @label and @annotator
 * (NULL: any); @suggested 0, 1 or -1 for either. */
guint
count_spans (GArray     *spans,
             const char *text,
             const char *label,
             const char *annotator,
             int         suggested)
{
  guint n = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      const FoundSpan *f = &g_array_index (spans, FoundSpan, i);

      n += (text == NULL || g_str_equal (f->text, text)) &&
           (label == NULL || g_str_equal (f->label, label)) &&
           (annotator == NULL || g_strcmp0 (f->annotator, annotator) == 0) &&
           (suggested < 0 || f->suggested == suggested);
    }
  return n;
}


const FoundSpan *
find_span (GArray     *spans,
           const char *text)
{
  for (guint i = 0; i < spans->len; i++)
    if (g_str_equal (g_array_index (spans, FoundSpan, i).text, text))
      return &g_array_index (spans, FoundSpan, i);
  g_error ("no span covers “%s”", text);
}

/* UTF-16 code units of [@from, @to), as JavaScript counts them. */
gint64
utf16_units (const char *from,
             const char *to)
{
  gint64 n = 0;

  for (const char *p = from; p < to; p = g_utf8_next_char (p))
    n += g_utf8_get_char (p) > 0xFFFF ? 2 : 1;
  return n;
}

/* [start, end) of the first @word of @text, in UTF-16 code units or code points. */
void
offsets_of (const char *text,
            const char *word,
            gboolean    utf16,
            gint64     *start,
            gint64     *end)
{
  const char *p = strstr (text, word);

  g_assert_nonnull (p);
  *start = utf16 ? utf16_units (text, p) : g_utf8_pointer_to_offset (text, p);
  *end = *start + (utf16 ? utf16_units (word, word + strlen (word)) : g_utf8_strlen (word, -1));
}

/* ", " unless @out just opened a list. */
void
separate (GString *out)
{
  if (out->len > 0 && out->str[out->len - 1] != '[')
    g_string_append (out, ", ");
}

