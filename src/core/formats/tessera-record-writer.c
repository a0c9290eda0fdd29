/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-record"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-normalise.h"
#include "tessera-record.h"
#include "tessera-text.h"

/* Exports push their buffer this often, so a full disk stops them early. */
#define FLUSH_EVERY_DOCUMENTS 256

/* --- writing ---------------------------------------------------------- */

const char *
_tessera_record_format_ref (char    buf[TESSERA_RECORD_REF_SIZE],
                            char    prefix,
                            gint64  id)
{
  char *end = buf + TESSERA_RECORD_REF_SIZE - 1;
  char *q = end;
  guint64 u = id < 0 ? -(guint64) id : (guint64) id;

  *q = '\0';
  do
    {
      *--q = (char) ('0' + u % 10);
      u /= 10;
    }
  while (u != 0);
  if (id < 0)
    *--q = '-';
  *--q = prefix;

  /* Keep the result at the start of @buf, where callers expect it. */
  memmove (buf, q, end - q + 1);

  return buf;
}

static void
member_ref (TesseraJsonWriter *w,
            const char        *key,
            char               prefix,
            gint64             id)
{
  char ref[TESSERA_RECORD_REF_SIZE];

  tessera_json_writer_member_string (w, key, _tessera_record_format_ref (ref, prefix, id));
}

static void
member_optional (TesseraJsonWriter *w,
                 const char        *key,
                 const char        *value)
{
  if (value != NULL)
    tessera_json_writer_member_string (w, key, value);
}

gboolean
_tessera_record_corrupt_error (GError          **error,
                               TesseraDocument  *doc,
                               const char       *what,
                               char              prefix,
                               gint64            id)
{
  g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
               /* Translators: a document's id, an annotation ("s12" is span 12,
                * "e3" event 3, "t5" stance 5), then what is wrong with it ("has no
                * label"). */
               _("document “%s”: %c%" PRId64 " %s; run a project check"),
               doc->uid, prefix, id, what);
  return FALSE;
}

/* The clusters of one document's spans and events. */
typedef struct
{
  GArray     *members;   /* TesseraClusterMember */
  GHashTable *spans;     /* &span_id → member */
  GHashTable *events;    /* &event_id → member */
} DocumentClusters;

static void
document_clusters_clear (DocumentClusters *dc)
{
  g_clear_pointer (&dc->spans, g_hash_table_unref);
  g_clear_pointer (&dc->events, g_hash_table_unref);
  g_clear_pointer (&dc->members, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DocumentClusters, document_clusters_clear)

static gboolean
document_clusters_load (DocumentClusters     *dc,
                        TesseraRecordExport  *ex,
                        TesseraDocument      *doc,
                        GError              **error)
{
  /* Most projects have no clusters: no query per document then. */
  if (ex->clusters == NULL)
    return TRUE;

  dc->members = tessera_project_list_document_cluster_members (ex->project, doc->id, error);
  if (dc->members == NULL)
    return FALSE;

  dc->spans = g_hash_table_new (g_int64_hash, g_int64_equal);
  dc->events = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < dc->members->len; i++)
    {
      TesseraClusterMember *m = &g_array_index (dc->members, TesseraClusterMember, i);

      if (m->span_id > 0)
        g_hash_table_insert (dc->spans, &m->span_id, m);
      else
        g_hash_table_insert (dc->events, &m->event_id, m);
    }

  return TRUE;
}

static void
member_cluster (TesseraRecordExport *ex,
                GHashTable          *table,
                gint64               id)
{
  const TesseraClusterMember *m = table != NULL ? g_hash_table_lookup (table, &id) : NULL;

  if (m == NULL)
    return;

  member_ref (ex->writer, "cluster", 'c', m->cluster_id);
  /* A backup names each cluster once, at the top. */
  if (!ex->backup)
    member_optional (ex->writer, "cluster_name", g_hash_table_lookup (ex->clusters, &m->cluster_id));
}

static void
member_suggested (TesseraRecordExport *ex,
                  gboolean             suggested)
{
  if (suggested && ex->backup)
    {
      tessera_json_writer_key (ex->writer, "suggested");
      tessera_json_writer_boolean (ex->writer, TRUE);
    }
}

/* What a span text means, as the export writes it. */
typedef struct
{
  TesseraDateStatus    status;     /* a date's */
  char                *day;        /* a resolved date, or NULL */
  TesseraDatePrecision precision;
  TesseraQuantityKind  kind;       /* a figure's, or NONE */
  gint64               figure;
} Meaning;

static void
meaning_free (Meaning *meaning)
{
  g_free (meaning->day);
  g_free (meaning);
}

/* Spans say "Sunday" or "12" again and again: what a text means is worked
 * out once per export (with the publication date it was read against);
 * the memory stays bounded. */
#define MAX_MEANINGS 65536

static const Meaning *
find_meaning (TesseraRecordExport *ex,
              gboolean             date,
              const char          *text,
              gsize                len,
              const char          *published)
{
  g_autofree char *key = g_strdup_printf ("%c%s\x1f%.*s", date ? 'd' : 'q', published ? published : "",
                                          (int) len, text);
  g_autofree char *copy = NULL;
  Meaning *meaning;

  if (ex->normalised == NULL)
    ex->normalised = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) meaning_free);
  if ((meaning = g_hash_table_lookup (ex->normalised, key)) != NULL)
    return meaning;

  if (g_hash_table_size (ex->normalised) >= MAX_MEANINGS)
    g_hash_table_remove_all (ex->normalised);
  meaning = g_new0 (Meaning, 1);
  copy = g_strndup (text, len);
  if (date)
    meaning->status = tessera_normalise_date (copy, published, &meaning->day, &meaning->precision);
  else
    meaning->kind = tessera_normalise_quantity (copy, &meaning->figure);
  if (meaning->status != TESSERA_DATE_RESOLVED)
    g_clear_pointer (&meaning->day, g_free);
  g_hash_table_insert (ex->normalised, g_steal_pointer (&key), meaning);

  return meaning;
}

/* A date span's meaning: read first without the publication date, which
 * settles what is no date or an absolute one for every document; only a
 * relative date is read again against its document's date. */
static const Meaning *
find_date_meaning (TesseraRecordExport *ex,
                   const char          *text,
                   gsize                len,
                   const char          *published)
{
  const Meaning *meaning = find_meaning (ex, TRUE, text, len, NULL);

  if (meaning->status == TESSERA_DATE_NEEDS_PUBLICATION && published != NULL)
    meaning = find_meaning (ex, TRUE, text, len, published);

  return meaning;
}

/* Training data carries what a Date, Quantity or Casualties span means
 * (tessera-normalise.h): "value" and "precision" for a date resolved
 * against the publication date, "value" and "value_kind" for a figure.
 * A span that does not resolve carries neither. */
static void
member_normalised (TesseraRecordExport *ex,
                   const char          *label,
                   const char          *text,
                   gsize                len,
                   const char          *published,
                   gboolean             casualties)
{
  TesseraJsonWriter *w = ex->writer;
  const Meaning *meaning;

  if (g_str_equal (label, "Date"))
    {
      meaning = find_date_meaning (ex, text, len, published);
      if (meaning->day != NULL)
        {
          tessera_json_writer_member_string (w, "value", meaning->day);
          tessera_json_writer_member_int (w, "precision", meaning->precision);
        }
    }
  else if (casualties || g_str_equal (label, "Quantity"))
    {
      meaning = find_meaning (ex, FALSE, text, len, NULL);
      if (meaning->kind != TESSERA_QUANTITY_NONE)
        {
          tessera_json_writer_member_int (w, "value", meaning->figure);
          tessera_json_writer_member_string (w, "value_kind", tessera_quantity_kind_to_string (meaning->kind));
        }
    }
}

static gboolean
write_spans (TesseraRecordExport  *ex,
             TesseraDocument      *doc,
             GArray               *spans,
             DocumentClusters     *dc,
             GHashTable           *casualties,
             GError              **error)
{
  TesseraJsonWriter *w = ex->writer;
  TesseraProject *project = ex->project;
  TesseraTextCursor cursor;
  gint64 last_annotator_id = 0;
  const char *annotator = NULL;

  /* Spans come sorted by start, so one cursor walks the text once. */
  tessera_text_cursor_init (&cursor, doc->text, -1);

  tessera_json_writer_key (w, "spans");
  tessera_json_writer_begin_array (w);

  for (guint i = 0; i < spans->len; i++)
    {
      const TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);
      const TesseraLabel *label = tessera_project_get_label (project, span->label_id);
      TesseraTextCursor end_cursor;
      const char *from, *to;

      if (label == NULL)
        return _tessera_record_corrupt_error (error, doc, _("has no label"), 's', span->id);

      from = span->end >= span->start ? tessera_text_cursor_seek (&cursor, span->start) : NULL;
      end_cursor = cursor;
      to = from != NULL ? tessera_text_cursor_seek (&end_cursor, span->end) : NULL;
      if (to == NULL)
        return _tessera_record_corrupt_error (error, doc, _("lies outside the text"), 's', span->id);

      if (span->annotator_id != last_annotator_id)
        {
          last_annotator_id = span->annotator_id;
          annotator = tessera_project_get_annotator_name (project, span->annotator_id);
        }

      tessera_json_writer_begin_object (w);
      member_ref (w, "id", 's', span->id);
      tessera_json_writer_member_int (w, "start", span->start);
      tessera_json_writer_member_int (w, "end", span->end);
      tessera_json_writer_member_string (w, "label", label->name);
      tessera_json_writer_key (w, "text");
      tessera_json_writer_string (w, from, to - from);
      if (!ex->backup)
        member_normalised (ex, label->name, from, to - from, doc->published,
                           g_hash_table_contains (casualties, &span->id));
      member_optional (w, "annotator", annotator);
      member_optional (w, "note", span->note);
      member_suggested (ex, span->suggested);
      member_cluster (ex, dc->spans, span->id);
      tessera_json_writer_end_object (w);
    }

  tessera_json_writer_end_array (w);

  return TRUE;
}

static gboolean
write_events (TesseraRecordExport  *ex,
              TesseraDocument      *doc,
              GPtrArray            *events,
              DocumentClusters     *dc,
              GError              **error)
{
  TesseraJsonWriter *w = ex->writer;
  TesseraProject *project = ex->project;

  tessera_json_writer_key (w, "events");
  tessera_json_writer_begin_array (w);

  for (guint i = 0; i < events->len; i++)
    {
      const TesseraEvent *event = events->pdata[i];
      const TesseraLabel *type = tessera_project_get_label (project, event->type_label_id);

      if (type == NULL)
        return _tessera_record_corrupt_error (error, doc, _("has no event type"), 'e', event->id);

      tessera_json_writer_begin_object (w);
      member_ref (w, "id", 'e', event->id);
      tessera_json_writer_member_string (w, "type", type->name);
      member_ref (w, "trigger", 's', event->trigger_span_id);
      member_optional (w, "realis", event->realis);
      member_optional (w, "confirmation", event->confirmation);
      member_optional (w, "annotator", tessera_project_get_annotator_name (project, event->annotator_id));

      tessera_json_writer_key (w, "arguments");
      tessera_json_writer_begin_array (w);
      for (guint j = 0; event->arguments != NULL && j < event->arguments->len; j++)
        {
          const TesseraArgument *arg = &g_array_index (event->arguments, TesseraArgument, j);
          const TesseraLabel *role = tessera_project_get_label (project, arg->role_label_id);

          if (role == NULL)
            return _tessera_record_corrupt_error (error, doc, _("has an argument without a role"), 'e', event->id);

          tessera_json_writer_begin_object (w);
          tessera_json_writer_member_string (w, "role", role->name);
          member_ref (w, "span", 's', arg->span_id);
          tessera_json_writer_end_object (w);
        }
      tessera_json_writer_end_array (w);

      member_suggested (ex, event->suggested);
      member_cluster (ex, dc->events, event->id);
      tessera_json_writer_end_object (w);
    }

  tessera_json_writer_end_array (w);

  return TRUE;
}

static gboolean
write_stances (TesseraRecordExport  *ex,
               TesseraDocument      *doc,
               GArray               *stances,
               GError              **error)
{
  TesseraJsonWriter *w = ex->writer;
  TesseraProject *project = ex->project;

  tessera_json_writer_key (w, "stances");
  tessera_json_writer_begin_array (w);

  for (guint i = 0; i < stances->len; i++)
    {
      const TesseraStance *stance = &g_array_index (stances, TesseraStance, i);
      const TesseraLabel *label = tessera_project_get_label (project, stance->label_id);

      if (label == NULL)
        return _tessera_record_corrupt_error (error, doc, _("has no stance label"), 't', stance->id);

      tessera_json_writer_begin_object (w);
      member_ref (w, "id", 't', stance->id);
      member_ref (w, "span", 's', stance->span_id);
      tessera_json_writer_member_string (w, "label", label->name);
      if (stance->holder_span_id > 0)
        member_ref (w, "holder", 's', stance->holder_span_id);
      if (stance->target_event_id > 0 || stance->target_span_id > 0)
        {
          tessera_json_writer_key (w, "target");
          tessera_json_writer_begin_object (w);
          if (stance->target_event_id > 0)
            member_ref (w, "event", 'e', stance->target_event_id);
          else
            member_ref (w, "span", 's', stance->target_span_id);
          tessera_json_writer_end_object (w);
        }
      member_optional (w, "annotator", tessera_project_get_annotator_name (project, stance->annotator_id));
      member_suggested (ex, stance->suggested);
      tessera_json_writer_end_object (w);
    }

  tessera_json_writer_end_array (w);

  return TRUE;
}

#define DROPPED(object) ((drop_suggested && (object)->suggested) || \
                         (annotator_id != 0 && (object)->annotator_id != annotator_id))

gboolean
_tessera_record_keep (GArray    *spans,
                      GPtrArray *events,
                      GArray    *stances,
                      gboolean   drop_suggested,
                      gint64     annotator_id)
{
  g_autoptr(GHashTable) dropped_spans = NULL;
  g_autoptr(GHashTable) dropped_events = NULL;
  gboolean any = FALSE;
  guint kept;

  for (guint i = 0; !any && i < spans->len; i++)
    any = DROPPED (&g_array_index (spans, TesseraSpan, i));
  for (guint i = 0; !any && i < events->len; i++)
    any = DROPPED ((const TesseraEvent *) events->pdata[i]);
  for (guint i = 0; !any && i < stances->len; i++)
    any = DROPPED (&g_array_index (stances, TesseraStance, i));
  if (!any)
    return FALSE;

  /* Ids, not pointers into the arrays: those move as rows go. */
  dropped_spans = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  dropped_events = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  kept = 0;
  for (guint i = 0; i < spans->len; i++)
    {
      TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);

      if (DROPPED (span))
        {
          g_hash_table_add (dropped_spans, g_memdup2 (&span->id, sizeof span->id));
          tessera_span_clear (span);
        }
      else
        g_array_index (spans, TesseraSpan, kept++) = *span;
    }
  /* The tail holds copies of moved rows: blank it so shrinking the array
   * does not free what the kept rows own. */
  if (kept < spans->len)
    memset (&g_array_index (spans, TesseraSpan, kept), 0, (spans->len - kept) * sizeof (TesseraSpan));
  g_array_set_size (spans, kept);

  kept = 0;
  for (guint i = 0; i < events->len; i++)
    {
      TesseraEvent *event = events->pdata[i];

      if (DROPPED (event) || g_hash_table_contains (dropped_spans, &event->trigger_span_id))
        {
          g_hash_table_add (dropped_events, g_memdup2 (&event->id, sizeof event->id));
          tessera_event_free (event);
          continue;
        }
      for (guint a = event->arguments != NULL ? event->arguments->len : 0; a > 0; a--)
        if (g_hash_table_contains (dropped_spans,
                                   &g_array_index (event->arguments, TesseraArgument, a - 1).span_id))
          g_array_remove_index (event->arguments, a - 1);
      events->pdata[kept++] = event;
    }
  for (guint i = kept; i < events->len; i++)
    events->pdata[i] = NULL;
  g_ptr_array_set_size (events, kept);

  kept = 0;
  for (guint i = 0; i < stances->len; i++)
    {
      TesseraStance *stance = &g_array_index (stances, TesseraStance, i);

      if (DROPPED (stance) || g_hash_table_contains (dropped_spans, &stance->span_id))
        continue;
      if (g_hash_table_contains (dropped_spans, &stance->holder_span_id))
        stance->holder_span_id = 0;
      if (g_hash_table_contains (dropped_spans, &stance->target_span_id))
        stance->target_span_id = 0;
      if (g_hash_table_contains (dropped_events, &stance->target_event_id))
        stance->target_event_id = 0;
      g_array_index (stances, TesseraStance, kept++) = *stance;
    }
  g_array_set_size (stances, kept);

  return TRUE;
}

#undef DROPPED

gboolean
_tessera_record_drop_suggested (GArray    *spans,
                                GPtrArray *events,
                                GArray    *stances)
{
  return _tessera_record_keep (spans, events, stances, TRUE, 0);
}

/* The ids of the spans that fill a Casualties role: their figures count
 * whatever their label. */
static GHashTable *
casualty_spans (TesseraProject *project,
                GPtrArray      *events)
{
  GHashTable *spans = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < events->len; i++)
    {
      TesseraEvent *event = events->pdata[i];

      for (guint j = 0; event->arguments != NULL && j < event->arguments->len; j++)
        {
          TesseraArgument *arg = &g_array_index (event->arguments, TesseraArgument, j);
          const TesseraLabel *role = tessera_project_get_label (project, arg->role_label_id);

          if (role != NULL && g_str_equal (role->name, "Casualties"))
            g_hash_table_add (spans, &arg->span_id);
        }
    }
  return spans;
}

gboolean
_tessera_record_write (TesseraRecordExport  *ex,
                       TesseraDocument      *doc,
                       GError              **error)
{
  TesseraJsonWriter *w;
  TesseraProject *project;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) stances = NULL;
  g_auto(DocumentClusters) dc = { 0 };
  g_autoptr(GHashTable) casualties = NULL;

  g_return_val_if_fail (ex != NULL && ex->writer != NULL, FALSE);
  g_return_val_if_fail (TESSERA_IS_PROJECT (ex->project), FALSE);
  g_return_val_if_fail (doc != NULL && doc->text != NULL, FALSE);

  w = ex->writer;
  project = ex->project;

  if (!(spans = tessera_project_list_spans (project, doc->id, error)) ||
      !(events = tessera_project_list_events (project, doc->id, error)) ||
      !(stances = tessera_project_list_stances (project, doc->id, error)) ||
      !document_clusters_load (&dc, ex, doc, error))
    return FALSE;

  /* Training data holds what analysts accepted, nothing merely proposed;
   * one annotator's layer only what they made. */
  _tessera_record_keep (spans, events, stances, !ex->backup, ex->annotator_id);

  tessera_json_writer_begin_object (w);
  tessera_json_writer_member_string (w, "id", doc->uid);
  member_optional (w, "title", doc->title);
  member_optional (w, "source", doc->source);
  member_optional (w, "url", doc->url);
  member_optional (w, "published", doc->published);
  member_optional (w, "language", doc->language);
  tessera_json_writer_member_string (w, "status", tessera_status_to_string (doc->status));
  tessera_json_writer_member_string (w, "offset_unit", "codepoint");
  tessera_json_writer_member_string (w, "text", doc->text);

  casualties = casualty_spans (project, events);
  if (!write_spans (ex, doc, spans, &dc, casualties, error) ||
      !write_events (ex, doc, events, &dc, error) ||
      !write_stances (ex, doc, stances, error))
    return FALSE;

  tessera_json_writer_end_object (w);

  return TRUE;
}

gboolean
_tessera_export_resolve_annotator (TesseraProject             *project,
                                   const TesseraExportOptions *options,
                                   gint64                     *id,
                                   GError                    **error)
{
  *id = 0;
  if (options == NULL || options->annotator == NULL)
    return TRUE;

  if ((*id = tessera_project_find_annotator (project, options->annotator)) == 0)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND,
                   _("No annotations by “%s” in this project"), options->annotator);
      return FALSE;
    }
  return TRUE;
}

gboolean
_tessera_record_export_init (TesseraRecordExport         *ex,
                             TesseraProject              *project,
                             TesseraJsonWriter           *writer,
                             const TesseraExportOptions  *options,
                             gboolean                     jsonl,
                             gboolean                     backup,
                             GError                     **error)
{
  memset (ex, 0, sizeof *ex);
  ex->project = project;
  ex->writer = writer;
  ex->options = options;
  ex->jsonl = jsonl;
  ex->backup = backup;
  ex->total = tessera_project_count_documents (project);
  if (!_tessera_export_resolve_annotator (project, options, &ex->annotator_id, error))
    return FALSE;

  if (tessera_project_has_cluster_members (project))
    {
      g_autoptr(GPtrArray) clusters = tessera_project_list_clusters (project, TESSERA_LABEL_ANY, error);

      if (clusters == NULL)
        return FALSE;
      ex->clusters = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      for (guint i = 0; i < clusters->len; i++)
        {
          TesseraCluster *cluster = clusters->pdata[i];

          g_hash_table_insert (ex->clusters, g_memdup2 (&cluster->id, sizeof cluster->id),
                               g_steal_pointer (&cluster->name));
        }
    }

  return TRUE;
}

void
_tessera_record_export_clear (TesseraRecordExport *ex)
{
  g_clear_pointer (&ex->clusters, g_hash_table_unref);
  g_clear_pointer (&ex->normalised, g_hash_table_unref);
}

gboolean
tessera_export_skips_document (const TesseraExportOptions *options,
                               gint64                      id)
{
  return options != NULL && options->documents != NULL &&
         !g_hash_table_contains (options->documents, &id);
}

gboolean
_tessera_record_export_document (TesseraDocument  *doc,
                                 gpointer          user_data,
                                 GError          **error)
{
  TesseraRecordExport *ex = user_data;
  const TesseraExportOptions *options = ex->options;

  if (options != NULL && g_cancellable_is_cancelled (options->cancellable))
    {
      g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_CANCELLED,
                           _("Export cancelled"));
      return FALSE;
    }

  if (tessera_export_skips_document (options, doc->id))
    return TRUE;
  if (!_tessera_record_write (ex, doc, error))
    return FALSE;
  if (options != NULL && options->report != NULL)
    options->report->n_documents++;
  if (ex->jsonl)
    tessera_json_writer_newline (ex->writer);

  ex->done++;
  if (ex->done % FLUSH_EVERY_DOCUMENTS == 0 &&
      !tessera_json_writer_flush (ex->writer, error))
    return FALSE;

  if (options != NULL && options->progress != NULL)
    options->progress (ex->done, MAX (ex->total, ex->done), options->progress_data);

  return TRUE;
}

void
_tessera_record_write_node (TesseraJsonWriter *w,
                            JsonNode          *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        tessera_json_writer_begin_object (w);
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            tessera_json_writer_key (w, name);
            _tessera_record_write_node (w, member);
          }
        tessera_json_writer_end_object (w);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        tessera_json_writer_begin_array (w);
        for (guint i = 0; i < n; i++)
          _tessera_record_write_node (w, json_array_get_element (array, i));
        tessera_json_writer_end_array (w);
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          tessera_json_writer_int (w, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          tessera_json_writer_double (w, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          tessera_json_writer_boolean (w, json_node_get_boolean (node));
          break;
        case G_TYPE_STRING:
          tessera_json_writer_string (w, json_node_get_string (node), -1);
          break;
        default:
          tessera_json_writer_null (w);
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      tessera_json_writer_null (w);
      break;
    }
}
