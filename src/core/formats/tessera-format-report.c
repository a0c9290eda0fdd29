/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-corroboration.h"
#include "tessera-format-coded.h"
#include "tessera-error.h"
#include "tessera-json-writer.h"
#include "tessera-open-document.h"
#include "tessera-span-index.h"
#include "tessera-text.h"
#include "tessera-formats.h"
#include "tessera-record.h"

/* Report JSON: counts first, then one record per event, then the
 * clusters. The counts need a pass over every document before the first
 * byte of "events" can be written, so the export walks the corpus twice;
 * both passes hold one document at a time, and the counts are per label
 * and per source, which stay small however large the corpus grows.
 * Documents are read through their shared TesseraOpenDocument, and the
 * clusters section reads each cluster's members as the corroboration
 * view reads its reports (tessera-corroboration.h), one document at a
 * time. Suggestions are not reported until accepted. */

/* Flush this often so a full disk or a closed pipe stops the export early. */
#define FLUSH_EVERY_N_DOCUMENTS 64

typedef struct
{
  const char *name;   /* owned by the project's label cache */
  guint64     n;
} LabelCount;

typedef struct
{
  guint64 n_documents;
  guint64 n_spans;
  guint64 n_events;
} SourceCount;

/* Byte range of a span in the document text; start is NULL when the span
 * does not fit the text (the check command reports those). */
typedef struct
{
  const char *start;
  const char *end;
} SpanText;

/* The texts of the spans of the document written, suggestions left out. */
typedef struct
{
  TesseraOpenDocument *document;    /* whose; NULL: none yet */
  SpanText            *texts;       /* in the span index's order */
  GHashTable          *span_index;  /* gint64* span id → index + 1 */
} DocumentSpans;

static void
document_spans_clear (DocumentSpans *ds)
{
  g_clear_pointer (&ds->texts, g_free);
  g_clear_pointer (&ds->span_index, g_hash_table_unref);
  g_clear_object (&ds->document);
}

typedef struct
{
  TesseraProject             *project;
  const TesseraExportOptions *options;
  TesseraJsonWriter          *writer;
  guint64                     done;
  guint64                     total;

  guint64                     n_documents;
  guint64                     n_spans;
  guint64                     n_events;
  guint64                     n_stances;
  guint64                     by_status[TESSERA_N_STATUSES];
  /* Per reported kind (entity, event, stance): LabelCount in schema order,
   * and label id → index in that array. */
  GArray                     *labels[TESSERA_N_LABEL_KINDS];
  GHashTable                 *label_index;   /* gint64* id → LabelCount* */
  GTree                      *by_source;     /* char* → SourceCount* */
  DocumentSpans               spans;         /* of the document written */
  gint64                      annotator_id;  /* options->annotator's; 0: everyone's */
  TesseraDuplicates          *duplicates;    /* for the coded records, once needed */
} Report;

/* With --annotator, only what that annotator made is reported. */
static gboolean
report_keeps (const Report *report,
              gint64        annotator_id)
{
  return report->annotator_id == 0 || annotator_id == report->annotator_id;
}

static gboolean
report_keeps_span (const Report        *report,
                   TesseraOpenDocument *document,
                   gint64               span_id)
{
  const TesseraSpan *span = span_id != 0 ? tessera_open_document_get_span (document, span_id) : NULL;

  return span != NULL && report_keeps (report, span->annotator_id);
}

/* The kinds the report counts, in output order. Spans of entity labels
 * are counted; events by their type, stances by their label, so that each
 * group adds up to the matching total. */
static const TesseraLabelKind counted_kinds[] = {
  TESSERA_LABEL_ENTITY,
  TESSERA_LABEL_EVENT,
  TESSERA_LABEL_STANCE,
};

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return strcmp (a, b);
}

static void
report_init (Report                     *report,
             TesseraProject             *project,
             const TesseraExportOptions *options)
{
  memset (report, 0, sizeof *report);
  report->project = project;
  report->options = options;
  report->label_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  report->by_source = g_tree_new_full (compare_strings, NULL, g_free, g_free);

  for (guint k = 0; k < G_N_ELEMENTS (counted_kinds); k++)
    {
      TesseraLabelKind kind = counted_kinds[k];
      g_autoptr(GPtrArray) labels = tessera_project_list_labels (project, kind);

      report->labels[kind] = g_array_new (FALSE, TRUE, sizeof (LabelCount));
      if (labels == NULL)
        continue;

      g_array_set_size (report->labels[kind], labels->len);
      for (guint i = 0; i < labels->len; i++)
        {
          const TesseraLabel *label = g_ptr_array_index (labels, i);
          LabelCount *count = &g_array_index (report->labels[kind], LabelCount, i);

          count->name = label->name;
          g_hash_table_insert (report->label_index, g_memdup2 (&label->id, sizeof label->id), count);
        }
    }
}

static void
report_clear (Report *report)
{
  for (guint k = 0; k < TESSERA_N_LABEL_KINDS; k++)
    g_clear_pointer (&report->labels[k], g_array_unref);
  g_clear_pointer (&report->label_index, g_hash_table_unref);
  g_clear_pointer (&report->by_source, g_tree_destroy);
  document_spans_clear (&report->spans);
  g_clear_pointer (&report->duplicates, tessera_duplicates_free);
}

static void
report_count_label (Report *report,
                    gint64  label_id)
{
  LabelCount *count = g_hash_table_lookup (report->label_index, &label_id);

  if (count != NULL)
    count->n++;
}

static gboolean
report_step (Report  *report,
             GError **error)
{
  const TesseraExportOptions *options = report->options;

  if (options != NULL && g_cancellable_is_cancelled (options->cancellable))
    {
      g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_CANCELLED,
                           _("The export was cancelled"));
      return FALSE;
    }

  /* Two passes over the documents, reported as one walk over them. */
  report->done++;
  if (options != NULL && options->progress != NULL)
    options->progress (report->done / 2, report->total / 2, options->progress_data);

  if (report->writer != NULL && report->done % FLUSH_EVERY_N_DOCUMENTS == 0)
    return tessera_json_writer_flush (report->writer, error);

  return TRUE;
}

static gboolean
count_document (TesseraDocument  *doc,
                gpointer          user_data,
                GError          **error)
{
  Report *report = user_data;
  const char *source = doc->source != NULL ? doc->source : "";
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) stances = NULL;
  SourceCount *per_source;

  spans = tessera_project_list_spans (report->project, doc->id, error);
  if (spans == NULL)
    return FALSE;
  events = tessera_project_list_events (report->project, doc->id, error);
  if (events == NULL)
    return FALSE;
  stances = tessera_project_list_stances (report->project, doc->id, error);
  if (stances == NULL)
    return FALSE;
  _tessera_record_keep (spans, events, stances, TRUE, report->annotator_id);

  report->n_documents++;
  report->n_spans += spans->len;
  report->n_events += events->len;
  report->n_stances += stances->len;
  if ((guint) doc->status < TESSERA_N_STATUSES)
    report->by_status[doc->status]++;

  for (guint i = 0; i < spans->len; i++)
    {
      const TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);
      const TesseraLabel *label = tessera_project_get_label (report->project, span->label_id);

      if (label != NULL && label->kind == TESSERA_LABEL_ENTITY)
        report_count_label (report, span->label_id);
    }
  for (guint i = 0; i < events->len; i++)
    {
      const TesseraEvent *event = g_ptr_array_index (events, i);

      report_count_label (report, event->type_label_id);
    }
  for (guint i = 0; i < stances->len; i++)
    report_count_label (report, g_array_index (stances, TesseraStance, i).label_id);

  per_source = g_tree_lookup (report->by_source, source);
  if (per_source == NULL)
    {
      per_source = g_new0 (SourceCount, 1);
      g_tree_insert (report->by_source, g_strdup (source), per_source);
    }
  per_source->n_documents++;
  per_source->n_spans += spans->len;
  per_source->n_events += events->len;

  return report_step (report, error);
}

static gboolean
write_source (gpointer key,
              gpointer value,
              gpointer user_data)
{
  TesseraJsonWriter *w = user_data;
  const SourceCount *count = value;

  tessera_json_writer_key (w, key);
  tessera_json_writer_begin_object (w);
  tessera_json_writer_member_int (w, "documents", count->n_documents);
  tessera_json_writer_member_int (w, "spans", count->n_spans);
  tessera_json_writer_member_int (w, "events", count->n_events);
  tessera_json_writer_end_object (w);

  return FALSE;
}

static void
write_counts (Report *report)
{
  TesseraJsonWriter *w = report->writer;

  tessera_json_writer_key (w, "counts");
  tessera_json_writer_begin_object (w);
  tessera_json_writer_member_int (w, "documents", report->n_documents);
  tessera_json_writer_member_int (w, "spans", report->n_spans);
  tessera_json_writer_member_int (w, "events", report->n_events);
  tessera_json_writer_member_int (w, "stances", report->n_stances);

  tessera_json_writer_key (w, "by_label");
  tessera_json_writer_begin_object (w);
  for (guint k = 0; k < G_N_ELEMENTS (counted_kinds); k++)
    {
      TesseraLabelKind kind = counted_kinds[k];
      GArray *counts = report->labels[kind];

      tessera_json_writer_key (w, tessera_label_kind_to_string (kind));
      tessera_json_writer_begin_object (w);
      for (guint i = 0; i < counts->len; i++)
        {
          const LabelCount *count = &g_array_index (counts, LabelCount, i);

          tessera_json_writer_member_int (w, count->name, count->n);
        }
      tessera_json_writer_end_object (w);
    }
  tessera_json_writer_end_object (w);

  tessera_json_writer_key (w, "by_source");
  tessera_json_writer_begin_object (w);
  g_tree_foreach (report->by_source, write_source, w);
  tessera_json_writer_end_object (w);

  tessera_json_writer_key (w, "by_status");
  tessera_json_writer_begin_object (w);
  for (guint s = 0; s < TESSERA_N_STATUSES; s++)
    tessera_json_writer_member_int (w, tessera_status_to_string (s), report->by_status[s]);
  tessera_json_writer_end_object (w);

  tessera_json_writer_end_object (w);
}

/* Finds the texts of the spans of @document, unless they are the ones
 * found last. */
static void
document_spans_set (DocumentSpans       *ds,
                    TesseraOpenDocument *document)
{
  const TesseraSpanIndex *spans;
  TesseraDocument *doc;
  TesseraTextCursor cursor;
  const char *text;
  const char *text_end;
  guint n;

  if (ds->document == document)
    return;
  document_spans_clear (ds);
  spans = tessera_open_document_get_spans (document);
  doc = tessera_open_document_get_document (document);
  n = tessera_span_index_get_n_spans (spans);
  text = doc->text != NULL ? doc->text : "";
  text_end = text + strlen (text);
  ds->document = g_object_ref (document);
  ds->texts = g_new0 (SpanText, n);
  ds->span_index = g_hash_table_new (g_int64_hash, g_int64_equal);

  /* Spans come sorted by start, so one cursor walks the text once; each
   * end is then found from its start, which costs only the span's length. */
  tessera_text_cursor_init (&cursor, text, -1);
  for (guint i = 0; i < n; i++)
    {
      const TesseraSpan *span = tessera_span_index_get_span (spans, i);
      const char *start;
      const char *end;
      gint64 length;

      if (span->suggested)
        continue;
      g_hash_table_insert (ds->span_index, (gpointer) &span->id, GUINT_TO_POINTER (i + 1));

      if (span->start < 0 || span->end < span->start)
        continue;
      start = tessera_text_cursor_seek (&cursor, span->start);
      if (start == NULL)
        continue;

      end = start;
      length = span->end - span->start;
      while (length > 0 && end < text_end)
        {
          end = g_utf8_next_char (end);
          length--;
        }
      if (length > 0)
        continue;

      ds->texts[i].start = start;
      ds->texts[i].end = end;
    }
}

static void
write_span_text (TesseraJsonWriter   *w,
                 const DocumentSpans *ds,
                 gint64               span_id)
{
  gpointer index;

  if (span_id != 0 &&
      (index = g_hash_table_lookup (ds->span_index, &span_id)) != NULL)
    {
      const SpanText *st = &ds->texts[GPOINTER_TO_UINT (index) - 1];

      if (st->start != NULL)
        {
          tessera_json_writer_string (w, st->start, st->end - st->start);
          return;
        }
    }

  tessera_json_writer_null (w);
}

static const char *
label_name (TesseraProject *project,
            gint64          id)
{
  const TesseraLabel *label = tessera_project_get_label (project, id);

  return label != NULL ? label->name : NULL;
}

static void
write_document_fields (TesseraJsonWriter *w,
                       TesseraDocument   *doc)
{
  tessera_json_writer_member_string (w, "document", doc->uid);
  tessera_json_writer_member_string (w, "title", doc->title);
  tessera_json_writer_member_string (w, "source", doc->source);
  tessera_json_writer_member_string (w, "published", doc->published);
}

/* The fields of one event (without "id" and the cluster), shared by the
 * events and clusters sections; @stances are those toward it. */
static void
write_event_fields (Report              *report,
                    TesseraOpenDocument *document,
                    const TesseraEvent  *event,
                    GPtrArray           *stances)
{
  TesseraJsonWriter *w = report->writer;
  const DocumentSpans *ds = &report->spans;

  document_spans_set (&report->spans, document);

  write_document_fields (w, tessera_open_document_get_document (document));
  tessera_json_writer_member_string (w, "type", label_name (report->project, event->type_label_id));
  tessera_json_writer_key (w, "trigger_text");
  write_span_text (w, ds, event->trigger_span_id);
  tessera_json_writer_member_string (w, "realis", event->realis);
  tessera_json_writer_member_string (w, "confirmation", event->confirmation);

  tessera_json_writer_key (w, "arguments");
  tessera_json_writer_begin_array (w);
  for (guint a = 0; event->arguments != NULL && a < event->arguments->len; a++)
    {
      const TesseraArgument *arg = &g_array_index (event->arguments, TesseraArgument, a);

      if (tessera_corroboration_skips_span (document, arg->span_id, TESSERA_CORROBORATION_ACCEPTED) ||
          !report_keeps_span (report, document, arg->span_id))
        continue;
      tessera_json_writer_begin_object (w);
      tessera_json_writer_member_string (w, "role", label_name (report->project, arg->role_label_id));
      tessera_json_writer_key (w, "text");
      write_span_text (w, ds, arg->span_id);
      tessera_json_writer_end_object (w);
    }
  tessera_json_writer_end_array (w);

  tessera_json_writer_key (w, "stances");
  tessera_json_writer_begin_array (w);
  for (guint s = 0; stances != NULL && s < stances->len; s++)
    {
      const TesseraStance *stance = g_ptr_array_index (stances, s);

      if (!report_keeps (report, stance->annotator_id) || !report_keeps_span (report, document, stance->span_id))
        continue;
      tessera_json_writer_begin_object (w);
      tessera_json_writer_member_string (w, "label", label_name (report->project, stance->label_id));
      tessera_json_writer_key (w, "holder_text");
      write_span_text (w, ds, report_keeps_span (report, document, stance->holder_span_id)
                                ? stance->holder_span_id : 0);
      tessera_json_writer_key (w, "statement_text");
      write_span_text (w, ds, stance->span_id);
      tessera_json_writer_end_object (w);
    }
  tessera_json_writer_end_array (w);
}

static gboolean
find_duplicates (Report  *report,
                 GError **error)
{
  GCancellable *cancellable = report->options != NULL ? report->options->cancellable : NULL;

  return report->duplicates != NULL ||
         (report->duplicates = tessera_duplicates_find (report->project, NULL, NULL, NULL, cancellable, error)) != NULL;
}

static gboolean
write_event_record (Report              *report,
                    TesseraDocument     *doc,
                    const TesseraEvent  *event,
                    GError             **error)
{
  g_autoptr(TesseraCodedEvent) record = NULL;

  if (!find_duplicates (report, error) ||
      !(record = tessera_coded_event_build_for_event (report->project, report->duplicates, doc, event, error)))
    return FALSE;
  if (record->event_type != NULL)
    {
      tessera_json_writer_key (report->writer, "coded");
      tessera_coded_event_write_json (report->writer, record);
    }
  return TRUE;
}

static gboolean
write_document_events (TesseraDocument  *doc,
                       gpointer          user_data,
                       GError          **error)
{
  Report *report = user_data;
  TesseraJsonWriter *w = report->writer;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(TesseraOpenDocument) document = NULL;
  g_autoptr(GHashTable) stances = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gboolean any = FALSE;
  char ref[TESSERA_RECORD_REF_SIZE];

  listed = tessera_project_list_events (report->project, doc->id, error);
  if (listed == NULL)
    return FALSE;
  for (guint i = 0; !any && i < listed->len; i++)
    {
      const TesseraEvent *event = g_ptr_array_index (listed, i);

      any = !event->suggested && report_keeps (report, event->annotator_id);
    }
  /* Only documents with (accepted) events need their text. */
  if (!any)
    return report_step (report, error);

  if (!(document = tessera_open_document_get (report->project, doc->id, error)))
    return FALSE;
  events = tessera_corroboration_list_events (document, TESSERA_CORROBORATION_ACCEPTED);
  stances = tessera_corroboration_index_stances (document, TESSERA_CORROBORATION_ACCEPTED);

  for (guint i = 0; i < events->len; i++)
    {
      const TesseraEvent *event = g_ptr_array_index (events, i);
      gint64 cluster = tessera_open_document_get_event_cluster (document, event->id);

      if (!report_keeps (report, event->annotator_id) ||
          !report_keeps_span (report, document, event->trigger_span_id))
        continue;
      tessera_json_writer_begin_object (w);
      tessera_json_writer_member_string (w, "id", _tessera_record_format_ref (ref, 'e', event->id));
      write_event_fields (report, document, event, g_hash_table_lookup (stances, &event->id));
      if (cluster > 0)
        tessera_json_writer_member_string (w, "cluster", _tessera_record_format_ref (ref, 'c', cluster));
      /* An event in no cluster is a coded record of its own; a cluster's
       * record is under the cluster. */
      else if (!write_event_record (report, doc, event, error))
        return FALSE;
      tessera_json_writer_end_object (w);
    }

  return report_step (report, error);
}

/* A member whose annotation is only suggested (or gone with one) is left
 * out, as everywhere in the report. */
static gboolean
write_cluster_member (const TesseraCorroborationMember  *member,
                      gpointer                           user_data,
                      GError                           **error)
{
  Report *report = user_data;
  TesseraJsonWriter *w = report->writer;
  char ref[TESSERA_RECORD_REF_SIZE];

  if (member->event != NULL &&
      report_keeps (report, member->event->annotator_id) &&
      report_keeps_span (report, member->document, member->event->trigger_span_id))
    {
      tessera_json_writer_begin_object (w);
      tessera_json_writer_member_string (w, "event", _tessera_record_format_ref (ref, 'e', member->event->id));
      write_event_fields (report, member->document, member->event, member->stances);
      tessera_json_writer_end_object (w);
    }
  else if (member->event == NULL && member->span != NULL && report_keeps (report, member->span->annotator_id))
    {
      const TesseraSpan *span = member->span;

      document_spans_set (&report->spans, member->document);
      tessera_json_writer_begin_object (w);
      tessera_json_writer_member_string (w, "span", _tessera_record_format_ref (ref, 's', span->id));
      write_document_fields (w, tessera_open_document_get_document (member->document));
      tessera_json_writer_member_string (w, "label", label_name (report->project, span->label_id));
      tessera_json_writer_key (w, "text");
      write_span_text (w, &report->spans, span->id);
      tessera_json_writer_end_object (w);
    }

  return TRUE;
}

/* An event cluster's coded record (tessera-coded-event.h), under "coded",
 * as `tessera-cli events` writes it. Which reports are the same wire
 * copy is found once, when the first record needs it. */
static gboolean
write_coded_record (Report  *report,
                    gint64   cluster_id,
                    GError **error)
{
  g_autoptr(TesseraCodedEvent) record = NULL;

  if (!find_duplicates (report, error))
    return FALSE;
  if (!(record = tessera_coded_event_build_by (report->project, report->duplicates, cluster_id,
                                               report->annotator_id, error)))
    return FALSE;

  /* None of its reports is the annotator's: nothing to code. */
  if (record->n_reports > 0)
    {
      tessera_json_writer_key (report->writer, "coded");
      tessera_coded_event_write_json (report->writer, record);
    }
  return TRUE;
}

/* Each cluster with its members side by side: for an event cluster, who
 * reports it, when, with what arguments, realis and confirmation, and
 * the stances toward it (its reports, read as the corroboration view
 * reads them); for an entity cluster, its mentions. */
static gboolean
write_clusters (Report  *report,
                GError **error)
{
  TesseraJsonWriter *w = report->writer;
  g_autoptr(GPtrArray) clusters = NULL;
  char ref[TESSERA_RECORD_REF_SIZE];
  gboolean ok = TRUE;

  if (!(clusters = tessera_project_list_clusters (report->project, TESSERA_LABEL_ANY, error)))
    return FALSE;

  tessera_json_writer_key (w, "clusters");
  tessera_json_writer_begin_array (w);
  for (guint c = 0; ok && c < clusters->len; c++)
    {
      const TesseraCluster *cluster = g_ptr_array_index (clusters, c);

      tessera_json_writer_begin_object (w);
      tessera_json_writer_member_string (w, "id", _tessera_record_format_ref (ref, 'c', cluster->id));
      tessera_json_writer_member_string (w, "kind", tessera_label_kind_to_string (cluster->kind));
      tessera_json_writer_member_string (w, "name", cluster->name);
      tessera_json_writer_key (w, "members");
      tessera_json_writer_begin_array (w);
      ok = tessera_corroboration_foreach_member (report->project, cluster->id, TESSERA_CORROBORATION_ACCEPTED,
                                                 write_cluster_member, report, error);
      tessera_json_writer_end_array (w);
      if (ok && cluster->kind == TESSERA_LABEL_EVENT)
        ok = write_coded_record (report, cluster->id, error);
      tessera_json_writer_end_object (w);

      if (ok && report->options != NULL && g_cancellable_is_cancelled (report->options->cancellable))
        {
          g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_CANCELLED,
                               _("The export was cancelled"));
          ok = FALSE;
        }
      if (ok && (c + 1) % FLUSH_EVERY_N_DOCUMENTS == 0)
        ok = tessera_json_writer_flush (w, error);
    }
  if (!ok)
    return FALSE;
  tessera_json_writer_end_array (w);

  return TRUE;
}

gboolean
tessera_export_report_json (TesseraProject              *project,
                            GOutputStream               *out,
                            const TesseraExportOptions  *options,
                            GError                     **error)
{
  g_autoptr(TesseraJsonWriter) writer = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *name = NULL;
  Report report;
  gboolean ok;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  report_init (&report, project, options);
  if (!_tessera_export_resolve_annotator (project, options, &report.annotator_id, error))
    {
      report_clear (&report);
      return FALSE;
    }
  report.total = 2 * (guint64) MAX (tessera_project_count_documents (project), 0);

  ok = tessera_project_foreach_document (project, FALSE, count_document, &report, error);
  if (!ok)
    {
      report_clear (&report);
      return FALSE;
    }

  writer = tessera_json_writer_new (out, options != NULL ? options->cancellable : NULL);
  tessera_json_writer_set_pretty (writer, TRUE);
  report.writer = writer;

  now = g_date_time_new_now_utc ();
  generated = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  name = tessera_project_dup_name (project);

  tessera_json_writer_begin_object (writer);
  tessera_json_writer_member_string (writer, "format", "tessera-report");
  tessera_json_writer_member_int (writer, "version", 1);
  tessera_json_writer_member_string (writer, "project", name);
  tessera_json_writer_member_string (writer, "generated", generated);
  write_counts (&report);

  tessera_json_writer_key (writer, "events");
  tessera_json_writer_begin_array (writer);
  ok = tessera_project_foreach_document (project, FALSE, write_document_events, &report, error);
  if (ok)
    {
      tessera_json_writer_end_array (writer);
      ok = write_clusters (&report, error);
    }
  report_clear (&report);
  if (!ok)
    return FALSE;

  tessera_json_writer_end_object (writer);
  tessera_json_writer_newline (writer);

  return tessera_json_writer_finish (g_steal_pointer (&writer), error);
}
