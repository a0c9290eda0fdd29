/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-propagate"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-project.h"
#include "tessera-propagate-private.h"

/* Tagging every occurrence of a mention, in one document or in all of
 * them, as suggestions (see tessera-propagate.h). */

typedef struct
{
  gint64 document_id;
  gint64 start;
  gint64 end;
} Occurrence;

typedef struct
{
  const char             *needle;
  gsize                   needle_len;
  gunichar               *folded;    /* the needle in lower case (IGNORE_CASE) */
  glong                   n_folded;
  glong                   needle_chars;
  gboolean                check_start;  /* the needle starts with a word character */
  gboolean                check_end;
  TesseraOccurrenceFlags  flags;
  GArray                 *found;     /* Occurrence */
  GCancellable           *cancellable;
  TesseraProgressFunc     progress;  /* documents searched / all */
  gpointer                progress_data;
  guint64                 n_done;
  guint64                 n_total;
} Finder;

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Whole words only: no word character right before or after. */
static gboolean
at_word_edges (const Finder *f,
               const char   *text,
               const char   *start,
               const char   *end)
{
  if (f->flags & TESSERA_OCCURRENCES_PARTIAL_WORDS)
    return TRUE;
  if (f->check_start && start > text &&
      is_word_char (g_utf8_get_char (g_utf8_prev_char (start))))
    return FALSE;
  if (f->check_end && *end != '\0' && is_word_char (g_utf8_get_char (end)))
    return FALSE;
  return TRUE;
}

/* With IGNORE_CASE: where the needle ends when it starts at @p, or NULL. */
static const char *
match_folded (const Finder *f,
              const char   *p)
{
  for (glong i = 0; i < f->n_folded; i++)
    {
      if (*p == '\0' || g_unichar_tolower (g_utf8_get_char (p)) != f->folded[i])
        return NULL;
      p = g_utf8_next_char (p);
    }
  return p;
}

static void
find_in_text (Finder     *f,
              gint64      document_id,
              const char *text)
{
  const char *counted = text;
  gint64 cp = 0;

  if (f->flags & TESSERA_OCCURRENCES_IGNORE_CASE)
    {
      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), cp++)
        {
          const char *end = match_folded (f, p);

          if (end != NULL && at_word_edges (f, text, p, end))
            {
              Occurrence o = { document_id, cp, cp + g_utf8_strlen (p, end - p) };

              g_array_append_val (f->found, o);
              cp = o.end - 1;
              p = g_utf8_prev_char (end);
            }
        }
      return;
    }

  for (const char *p = strstr (text, f->needle); p != NULL; )
    {
      const char *end = p + f->needle_len;

      cp += g_utf8_strlen (counted, p - counted);
      counted = p;
      if (at_word_edges (f, text, p, end))
        {
          Occurrence o = { document_id, cp, cp + f->needle_chars };

          g_array_append_val (f->found, o);
          cp = o.end;
          counted = end;
          p = strstr (end, f->needle);
        }
      else
        p = strstr (g_utf8_next_char (p), f->needle);
    }
}

static gboolean
find_in_document (TesseraDocument  *doc,
                  gpointer          user_data,
                  GError          **error)
{
  Finder *f = user_data;

  if (g_cancellable_is_cancelled (f->cancellable))
    {
      g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_CANCELLED, _("Cancelled; nothing was tagged"));
      return FALSE;
    }

  find_in_text (f, doc->id, doc->text != NULL ? doc->text : "");
  if (f->progress != NULL)
    f->progress (++f->n_done, f->n_total, f->progress_data);

  return TRUE;
}

TesseraPropagateResult *
tessera_annotate_occurrences (TesseraProject          *project,
                              gint64                   document_id,
                              const char              *text,
                              gint64                   label_id,
                              TesseraOccurrenceFlags   flags,
                              GError                 **error)
{
  g_autoptr(TesseraPlan) plan = NULL;

  if (!(plan = tessera_annotate_occurrences_plan (project, document_id, text, label_id, flags,
                                                  NULL, NULL, NULL, error)))
    return NULL;

  return tessera_plan_apply (project, plan, error);
}

TesseraPlan *
tessera_annotate_occurrences_plan (TesseraProject          *project,
                                   gint64                   document_id,
                                   const char              *text,
                                   gint64                   label_id,
                                   TesseraOccurrenceFlags   flags,
                                   GCancellable            *cancellable,
                                   TesseraProgressFunc      progress,
                                   gpointer                 progress_data,
                                   GError                 **error)
{
  g_autoptr(TesseraPlan) plan = NULL;
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Occurrence));
  g_autofree gunichar *folded = NULL;
  g_autofree char *lowered = NULL;
  Finder f = { 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (*text == '\0' || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                           *text == '\0' ? _("There is no text to look for")
                                          : _("The text to look for is not valid UTF-8"));
      return NULL;
    }
  if (tessera_project_get_label (project, label_id) == NULL)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND,
                   _("No label with id %" PRId64), label_id);
      return NULL;
    }

  f.needle = text;
  f.needle_len = strlen (text);
  f.needle_chars = g_utf8_strlen (text, -1);
  f.flags = flags;
  f.found = found;
  f.cancellable = cancellable;
  f.progress = progress;
  f.progress_data = progress_data;
  f.check_start = is_word_char (g_utf8_get_char (text));
  f.check_end = is_word_char (g_utf8_get_char (g_utf8_prev_char (text + f.needle_len)));
  if (flags & TESSERA_OCCURRENCES_IGNORE_CASE)
    {
      folded = g_utf8_to_ucs4_fast (text, -1, &f.n_folded);
      for (glong i = 0; i < f.n_folded; i++)
        folded[i] = g_unichar_tolower (folded[i]);
      f.folded = folded;
    }

  if (flags & TESSERA_OCCURRENCES_WHOLE_PROJECT)
    {
      f.n_total = tessera_project_count_documents (project);
      if (!tessera_project_foreach_document (project, TRUE, find_in_document, &f, error))
        return NULL;
    }
  else
    {
      g_autoptr(TesseraDocument) doc = tessera_project_get_document (project, document_id, TRUE, error);

      if (doc == NULL)
        return NULL;
      find_in_text (&f, doc->id, doc->text != NULL ? doc->text : "");
    }

  plan = tessera_plan_new ();

  for (guint i = 0; ok && i < found->len; )
    {
      gint64 doc_id = g_array_index (found, Occurrence, i).document_id;
      g_autoptr(GArray) spans = tessera_project_list_spans (project, doc_id, error);
      g_autoptr(GArray) rejections = NULL;
      g_autoptr(GHashTable) tagged = NULL;
      g_autoptr(GHashTable) rejected = NULL;

      ok = spans != NULL && (rejections = tessera_project_list_rejections (project, doc_id, error)) != NULL;
      if (ok)
        {
          rejected = _tessera_propagate_rejected_keys (rejections);
          tagged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          for (guint k = 0; k < spans->len; k++)
            {
              const TesseraSpan *span = &g_array_index (spans, TesseraSpan, k);

              if (span->label_id == label_id)
                g_hash_table_add (tagged, _tessera_propagate_span_key (span->start, span->end, label_id));
            }
        }

      for (; ok && i < found->len && g_array_index (found, Occurrence, i).document_id == doc_id; i++)
        {
          const Occurrence *o = &g_array_index (found, Occurrence, i);
          g_autofree char *key = _tessera_propagate_span_key (o->start, o->end, label_id);
          TesseraSpan span = { 0 };

          /* Tagged already, or rejected by the analyst. */
          if (g_hash_table_contains (tagged, key) || g_hash_table_contains (rejected, key))
            continue;
          if (g_cancellable_is_cancelled (cancellable))
            {
              g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_CANCELLED,
                                   _("Cancelled; nothing was tagged"));
              ok = FALSE;
              break;
            }

          span.document_id = doc_id;
          span.start = o->start;
          span.end = o->end;
          span.label_id = label_id;
          /* Signed by whoever makes the plan's rows. */
          span.annotator_id = 0;
          span.suggested = TRUE;
          tessera_plan_add_span (plan, &span);
          g_hash_table_add (tagged, g_steal_pointer (&key));
        }
    }

  return ok ? g_steal_pointer (&plan) : NULL;
}

/* --- off the main thread ---------------------------------------------------- */

typedef struct
{
  char                   *project_path;
  gint64                  document_id;
  char                   *text;
  gint64                  label_id;
  TesseraOccurrenceFlags  flags;
  TesseraProgressFunc     progress;
  gpointer                progress_data;
} PlanJob;

static void
plan_job_free (PlanJob *job)
{
  g_free (job->project_path);
  g_free (job->text);
  g_free (job);
}

static void
plan_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PlanJob *job = task_data;
  g_autoptr(TesseraProject) reader = NULL;
  g_autoptr(GError) error = NULL;
  TesseraPlan *plan;

  /* A connection of its own, reading only: the project stays writable. */
  if (!(reader = tessera_project_open (job->project_path, TESSERA_OPEN_READ_ONLY | TESSERA_OPEN_SKIP_CHECK,
                                       &error)) ||
      !(plan = tessera_annotate_occurrences_plan (reader, job->document_id, job->text, job->label_id,
                                                  job->flags, cancellable, job->progress,
                                                  job->progress_data, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, plan, (GDestroyNotify) tessera_plan_free);
}

void
tessera_annotate_occurrences_plan_async (TesseraProject          *project,
                                         gint64                   document_id,
                                         const char              *text,
                                         gint64                   label_id,
                                         TesseraOccurrenceFlags   flags,
                                         GCancellable            *cancellable,
                                         TesseraProgressFunc      progress,
                                         gpointer                 progress_data,
                                         GAsyncReadyCallback      callback,
                                         gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  PlanJob *job;

  g_return_if_fail (TESSERA_IS_PROJECT (project));
  g_return_if_fail (text != NULL);
  /* The worker opens the file again. */
  g_return_if_fail (tessera_project_get_path (project) != NULL);

  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_annotate_occurrences_plan_async);
  /* The worker says what a cancel left ("nothing was tagged"). */
  g_task_set_check_cancellable (task, FALSE);

  job = g_new0 (PlanJob, 1);
  job->project_path = g_strdup (tessera_project_get_path (project));
  job->document_id = document_id;
  job->text = g_strdup (text);
  job->label_id = label_id;
  job->flags = flags;
  job->progress = progress;
  job->progress_data = progress_data;
  g_task_set_task_data (task, job, (GDestroyNotify) plan_job_free);
  g_task_run_in_thread (task, plan_thread);
}

TesseraPlan *
tessera_annotate_occurrences_plan_finish (TesseraProject  *project,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, project), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
