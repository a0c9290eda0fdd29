/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-format-jsonl"

#include "config.h"

#include <string.h>

#include "tessera-error.h"
#include "tessera-json-util.h"
#include "tessera-limits.h"
#include "tessera-record.h"
#include "tessera-text.h"

/* Longest title taken from a text's first line. */
#define MAX_TITLE_CHARS 200
/* Longest excerpt of a text quoted in an error message. */
#define MAX_QUOTE_CHARS 60
/* Read size of the JSONL line reader. */
#define READ_CHUNK (64 * 1024)
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

static gboolean
set_corrupt_error (GError          **error,
                   TesseraDocument  *doc,
                   const char       *what,
                   char              prefix,
                   gint64            id)
{
  g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
               "document “%s”: %c%" G_GINT64_FORMAT " %s; run a project check",
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

static gboolean
write_spans (TesseraRecordExport  *ex,
             TesseraDocument      *doc,
             GArray               *spans,
             DocumentClusters     *dc,
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
        return set_corrupt_error (error, doc, "has no label", 's', span->id);

      from = span->end >= span->start ? tessera_text_cursor_seek (&cursor, span->start) : NULL;
      end_cursor = cursor;
      to = from != NULL ? tessera_text_cursor_seek (&end_cursor, span->end) : NULL;
      if (to == NULL)
        return set_corrupt_error (error, doc, "lies outside the text", 's', span->id);

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
        return set_corrupt_error (error, doc, "has no event type", 'e', event->id);

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
            return set_corrupt_error (error, doc, "has an argument without a role", 'e', event->id);

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
        return set_corrupt_error (error, doc, "has no stance label", 't', stance->id);

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

gboolean
_tessera_record_drop_suggested (GArray    *spans,
                                GPtrArray *events,
                                GArray    *stances)
{
  g_autoptr(GHashTable) dropped_spans = NULL;
  g_autoptr(GHashTable) dropped_events = NULL;
  gboolean any = FALSE;
  guint kept;

  for (guint i = 0; !any && i < spans->len; i++)
    any = g_array_index (spans, TesseraSpan, i).suggested;
  for (guint i = 0; !any && i < events->len; i++)
    any = ((const TesseraEvent *) events->pdata[i])->suggested;
  for (guint i = 0; !any && i < stances->len; i++)
    any = g_array_index (stances, TesseraStance, i).suggested;
  if (!any)
    return FALSE;

  /* Ids, not pointers into the arrays: those move as rows go. */
  dropped_spans = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  dropped_events = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  kept = 0;
  for (guint i = 0; i < spans->len; i++)
    {
      TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);

      if (span->suggested)
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

      if (event->suggested || g_hash_table_contains (dropped_spans, &event->trigger_span_id))
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

      if (stance->suggested || g_hash_table_contains (dropped_spans, &stance->span_id))
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

  /* Training data holds what analysts accepted, nothing merely proposed. */
  if (!ex->backup)
    _tessera_record_drop_suggested (spans, events, stances);

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

  if (!write_spans (ex, doc, spans, &dc, error) ||
      !write_events (ex, doc, events, &dc, error) ||
      !write_stances (ex, doc, stances, error))
    return FALSE;

  tessera_json_writer_end_object (w);

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
                           "Export cancelled");
      return FALSE;
    }

  if (!_tessera_record_write (ex, doc, error))
    return FALSE;
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

gboolean
tessera_export_jsonl (TesseraProject              *project,
                      GOutputStream               *out,
                      const TesseraExportOptions  *options,
                      GError                     **error)
{
  g_autoptr(TesseraJsonWriter) writer = NULL;
  TesseraRecordExport ex;
  gboolean ok;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  writer = tessera_json_writer_new (out, options ? options->cancellable : NULL);

  ok = _tessera_record_export_init (&ex, project, writer, options, TRUE, FALSE, error) &&
       tessera_project_foreach_document (project, TRUE, _tessera_record_export_document, &ex, error);
  _tessera_record_export_clear (&ex);
  if (!ok)
    return FALSE;

  return tessera_json_writer_finish (g_steal_pointer (&writer), error);
}

/* --- reading ---------------------------------------------------------- */

struct _TesseraRecordImporter
{
  TesseraImportContext *ctx;
  TesseraProject       *project;
  char                 *file_label;
  gboolean              keep_ids;

  char                 *span_label_names;   /* for messages, built when needed */

  /* Cluster references of the file ("c3") → ClusterRef. */
  GHashTable           *clusters;
  gboolean              clusters_declared;  /* a project JSON listed them */
};

typedef struct
{
  gint64           id;
  TesseraLabelKind kind;
} ClusterRef;

/* What one record's objects became. */
typedef struct
{
  TesseraRecordImporter *imp;
  char                  *where;       /* "FILE:LINE" or "FILE: document N (uid …)" */
  gint64                 document_id;
  const char            *text;
  gint64                 n_chars;
  TesseraTextCursor      cursor;
  gboolean               merged;
  /* Id tables map a key (kept in @strings) to a position in @ids, plus
   * one: no allocation per entry beyond the table's own. */
  GStringChunk          *strings;
  GArray                *ids;         /* gint64 */
  GHashTable            *spans;       /* reference → span id */
  GHashTable            *events;      /* reference → event id */
  GHashTable            *old_spans;   /* merging: span_key () → span id */
  GHashTable            *old_events;  /* merging: "trigger:type" → event id */
  GHashTable            *old_stances; /* merging: stance_key () → stance id */
} Record;

/* Room for a few gint64 keys joined by ':'. */
#define KEY_SIZE 112
/* Room for "stance \"<ref cut to 40 bytes>\" argument 123 ". */
#define WHAT_SIZE 96

static void
record_clear (Record *r)
{
  g_clear_pointer (&r->where, g_free);
  g_clear_pointer (&r->spans, g_hash_table_unref);
  g_clear_pointer (&r->events, g_hash_table_unref);
  g_clear_pointer (&r->old_spans, g_hash_table_unref);
  g_clear_pointer (&r->old_events, g_hash_table_unref);
  g_clear_pointer (&r->old_stances, g_hash_table_unref);
  g_clear_pointer (&r->ids, g_array_unref);
  g_clear_pointer (&r->strings, g_string_chunk_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Record, record_clear)

static GHashTable *
id_table_new (void)
{
  return g_hash_table_new (g_str_hash, g_str_equal);
}

static void
id_table_insert (Record     *r,
                 GHashTable *table,
                 const char *key,
                 gint64      id)
{
  g_array_append_val (r->ids, id);
  g_hash_table_insert (table, g_string_chunk_insert (r->strings, key),
                       GUINT_TO_POINTER (r->ids->len));
}

/* 0 when @key is not in @table. */
static gint64
id_table_lookup (Record     *r,
                 GHashTable *table,
                 const char *key)
{
  guint pos = table != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (table, key)) : 0;

  return pos > 0 ? g_array_index (r->ids, gint64, pos - 1) : 0;
}

/* "span \"s3\" " (or "span 4 " without a reference) for messages. */
static const char *
describe_object (char        what[WHAT_SIZE],
                 const char *kind,
                 const char *ref,
                 guint       index)
{
  if (ref != NULL)
    {
      gsize n = strlen (ref);

      /* Cut a long reference on a character boundary. */
      if (n > 40)
        n = g_utf8_find_prev_char (ref, ref + 41) - ref;
      g_snprintf (what, WHAT_SIZE, "%s \"%.*s\" ", kind, (int) n, ref);
    }
  else
    g_snprintf (what, WHAT_SIZE, "%s %u ", kind, index + 1);

  return what;
}

static gboolean record_error (Record      *r,
                              GError     **error,
                              const char  *format,
                              ...) G_GNUC_PRINTF (3, 4);

static gboolean
record_error (Record      *r,
              GError     **error,
              const char  *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
               "%s: %s", r->where, message);
  return FALSE;
}

/* Errors from the project (a constraint, SQLite) still say where. */
static gboolean
record_prefix_error (Record  *r,
                     GError **error)
{
  g_prefix_error (error, "%s: ", r->where);
  return FALSE;
}

/* An optional string member; present but not a string is an error. */
static gboolean
get_string (Record      *r,
            JsonObject  *obj,
            const char  *what,
            const char  *key,
            const char **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (obj, key);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return record_error (r, error, "%s\"%s\" must be a string", what, key);

  *out = json_node_get_string (node);
  return TRUE;
}

/* A reference to an object of the record: a string, or an integer some
 * tools write instead. */
static gboolean
get_ref (Record      *r,
         JsonObject  *obj,
         const char  *what,
         const char  *key,
         char         buf[TESSERA_RECORD_REF_SIZE],
         const char **out,
         GError     **error)
{
  JsonNode *node = json_object_get_member (obj, key);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    *out = json_node_get_string (node);
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      g_snprintf (buf, TESSERA_RECORD_REF_SIZE, "%" G_GINT64_FORMAT, json_node_get_int (node));
      *out = buf;
    }
  else
    return record_error (r, error, "%s\"%s\" must be a string", what, key);

  return TRUE;
}

/* A code-point offset: a whole number from 0. (One beyond 64 bits never
 * gets here: tessera_json_parse() refuses it.) */
static gboolean
get_offset (Record     *r,
            JsonObject *obj,
            const char *what,
            const char *key,
            gint64     *out,
            GError    **error)
{
  JsonNode *node = json_object_get_member (obj, key);
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return record_error (r, error, "%shas no \"%s\"", what, key);

  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type == G_TYPE_INT64 && json_node_get_int (node) >= 0)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    {
      char value[G_ASCII_DTOSTR_BUF_SIZE];

      if (type == G_TYPE_INT64)
        g_snprintf (value, sizeof value, "%" G_GINT64_FORMAT, json_node_get_int (node));
      else
        g_ascii_dtostr (value, sizeof value, json_node_get_double (node));
      return record_error (r, error,
                           "%s%s %s is not a valid offset (offsets are whole numbers of "
                           "code points from 0)", what, key, value);
    }

  return record_error (r, error, "%s\"%s\" must be an integer (a code-point offset)", what, key);
}

/* An optional boolean member; FALSE when absent. */
static gboolean
get_bool (Record      *r,
          JsonObject  *obj,
          const char  *what,
          const char  *key,
          gboolean    *out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (obj, key);

  *out = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return record_error (r, error, "%s\"%s\" must be true or false", what, key);

  *out = json_node_get_boolean (node);
  return TRUE;
}

/* An optional array member; NULL when absent. */
static gboolean
get_array (Record      *r,
           JsonObject  *obj,
           const char  *what,
           const char  *key,
           JsonArray  **out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (obj, key);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return record_error (r, error, "%s\"%s\" must be an array", what, key);

  *out = json_node_get_array (node);
  return TRUE;
}

static JsonObject *
get_element_object (Record      *r,
                    JsonArray   *array,
                    guint        i,
                    const char  *what,
                    GError     **error)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      record_error (r, error, "%s %u must be an object", what, i + 1);
      return NULL;
    }

  return json_node_get_object (node);
}

/* "s12" → 12 for @prefix 's'; 0 when @ref has another shape. */
static gint64
parse_ref_id (const char *ref,
              char        prefix)
{
  guint64 value = 0;

  if (ref == NULL || ref[0] != prefix || !g_ascii_isdigit (ref[1]))
    return 0;
  if (!g_ascii_string_to_unsigned (ref + 1, 10, 1, G_MAXINT64, &value, NULL))
    return 0;

  return (gint64) value;
}

/* "Person, Organization, …" for messages. */
static char *
label_names (TesseraProject   *project,
             TesseraLabelKind  kind)
{
  g_autoptr(GPtrArray) labels = tessera_project_list_labels (project, kind);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; labels != NULL && i < labels->len; i++)
    {
      const TesseraLabel *label = labels->pdata[i];

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, label->name);
    }

  if (names->len == 0)
    g_string_append (names, "none");

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static const char *
span_label_names (TesseraRecordImporter *imp)
{
  if (imp->span_label_names == NULL)
    {
      g_autofree char *entities = label_names (imp->project, TESSERA_LABEL_ENTITY);
      g_autofree char *events = label_names (imp->project, TESSERA_LABEL_EVENT);
      g_autofree char *stances = label_names (imp->project, TESSERA_LABEL_STANCE);

      imp->span_label_names = g_strdup_printf ("%s; event types: %s; stances: %s",
                                               entities, events, stances);
    }

  return imp->span_label_names;
}

/* A short, quoted excerpt for a message. */
static char *
quote_excerpt (const char *str,
               gssize      len)
{
  g_autoptr(GString) out = g_string_new ("“");
  const char *end;
  const char *p;
  guint n = 0;

  if (len < 0)
    len = strlen (str);
  end = str + len;

  for (p = str; p < end && n < MAX_QUOTE_CHARS; p = g_utf8_next_char (p), n++)
    ;
  g_string_append_len (out, str, p - str);
  if (p < end)
    g_string_append (out, "…");
  g_string_append (out, "”");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Code-point offsets of [start, end) given in UTF-16 units or bytes, if
 * @text has character boundaries there. */
static gboolean
offsets_from_unit (const char *text,
                   gboolean    utf16,
                   gint64      start,
                   gint64      end,
                   gint64     *cp_start,
                   gint64     *cp_end)
{
  gint64 units = 0;
  gint64 chars = 0;
  const char *p = text;

  *cp_start = *cp_end = -1;
  for (;;)
    {
      if (units == start)
        *cp_start = chars;
      if (units == end)
        {
          *cp_end = chars;
          break;
        }
      if (*p == '\0' || units > end)
        break;

      if (utf16)
        units += g_utf8_get_char (p) >= 0x10000 ? 2 : 1;
      else
        units += g_utf8_skip[*(const guchar *) p];
      p = g_utf8_next_char (p);
      chars++;
    }

  return *cp_start >= 0 && *cp_end >= 0;
}

/* Why a span's "text" does not match: often offsets counted by another
 * tool in UTF-16 units (JavaScript, Java) or bytes (Rust, Go). */
static const char *
offset_unit_hint (const char *text,
                  gint64      start,
                  gint64      end,
                  const char *expected)
{
  static const char * const hints[] = {
    "they look like UTF-16 offsets; offsets must be Unicode code points",
    "they look like byte offsets; offsets must be Unicode code points",
  };

  for (guint i = 0; i < G_N_ELEMENTS (hints); i++)
    {
      gint64 cs, ce;
      g_autofree char *slice = NULL;

      if (offsets_from_unit (text, i == 0, start, end, &cs, &ce) &&
          (slice = tessera_text_slice (text, cs, ce)) != NULL &&
          strcmp (slice, expected) == 0)
        return hints[i];
    }

  return "offsets must be Unicode code points";
}

/* The annotator who signs an object: the one the record names, else the
 * project's current one (the project's setting is never changed). */
static gint64
resolve_annotator (Record      *r,
                   const char  *what,
                   const char  *name,
                   GError     **error)
{
  TesseraProject *project = r->imp->project;
  g_autoptr(GError) local_error = NULL;
  gint64 id;

  id = name != NULL && *name != '\0'
    ? tessera_project_get_annotator_id (project, name, &local_error)
    : tessera_project_get_current_annotator_id (project, &local_error);
  if (id > 0)
    return id;

  if (local_error == NULL)
    return record_error (r, error, "%shas an annotator that could not be recorded", what);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return record_prefix_error (r, error);
}

/* After tessera_project_insert_*() returned 0: says which object of the
 * record could not be added, and why when the project said. */
static gboolean
object_not_added (Record      *r,
                  const char  *what,
                  GError     **local_error,
                  GError     **error)
{
  if (*local_error == NULL)
    return record_error (r, error, "%scould not be added", what);
  g_propagate_error (error, g_steal_pointer (local_error));
  return record_prefix_error (r, error);
}

static const char *
span_key (char   key[KEY_SIZE],
          gint64 start,
          gint64 end,
          gint64 label_id)
{
  g_snprintf (key, KEY_SIZE, "%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
              start, end, label_id);
  return key;
}

static const char *
event_key (char   key[KEY_SIZE],
           gint64 trigger,
           gint64 type_id)
{
  g_snprintf (key, KEY_SIZE, "%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, trigger, type_id);
  return key;
}

static const char *
stance_key (char   key[KEY_SIZE],
            gint64 span_id,
            gint64 label_id,
            gint64 holder,
            gint64 target_event,
            gint64 target_span)
{
  g_snprintf (key, KEY_SIZE, "%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
              ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
              span_id, label_id, holder, target_event, target_span);
  return key;
}

/* What the document already has, so a merge skips it. */
static gboolean
load_existing (Record  *r,
               GError **error)
{
  TesseraProject *project = r->imp->project;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) stances = NULL;
  char key[KEY_SIZE];

  if (!(spans = tessera_project_list_spans (project, r->document_id, error)) ||
      !(events = tessera_project_list_events (project, r->document_id, error)) ||
      !(stances = tessera_project_list_stances (project, r->document_id, error)))
    return record_prefix_error (r, error);

  r->old_spans = id_table_new ();
  for (guint i = 0; i < spans->len; i++)
    {
      const TesseraSpan *s = &g_array_index (spans, TesseraSpan, i);

      id_table_insert (r, r->old_spans, span_key (key, s->start, s->end, s->label_id), s->id);
    }

  r->old_events = id_table_new ();
  for (guint i = 0; i < events->len; i++)
    {
      const TesseraEvent *e = events->pdata[i];

      id_table_insert (r, r->old_events, event_key (key, e->trigger_span_id, e->type_label_id),
                       e->id);
    }

  r->old_stances = id_table_new ();
  for (guint i = 0; i < stances->len; i++)
    {
      const TesseraStance *t = &g_array_index (stances, TesseraStance, i);

      id_table_insert (r, r->old_stances,
                       stance_key (key, t->span_id, t->label_id, t->holder_span_id,
                                   t->target_event_id, t->target_span_id),
                       t->id);
    }

  return TRUE;
}

/* The project's cluster for the file's reference @ref, made on first
 * sight when the file did not list its clusters (JSONL); 0 with an error. */
static gint64
resolve_cluster (Record            *r,
                 const char        *what,
                 const char        *ref,
                 const char        *name,
                 TesseraLabelKind   kind,
                 GError           **error)
{
  TesseraRecordImporter *imp = r->imp;
  ClusterRef *found = g_hash_table_lookup (imp->clusters, ref);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(TesseraCluster) same = NULL;
  gint64 id;

  if (found != NULL)
    {
      if (found->kind != kind)
        return record_error (r, error, "%sis %s but cluster \"%s\" links %s",
                             what, kind == TESSERA_LABEL_EVENT ? "an event" : "an entity mention",
                             ref, found->kind == TESSERA_LABEL_EVENT ? "events" : "entity mentions");
      return found->id;
    }
  if (imp->clusters_declared)
    return record_error (r, error, "%scluster \"%s\" is not among the file's \"clusters\"", what, ref);

  if (name != NULL && !g_utf8_validate (name, -1, NULL))
    name = NULL;

  /* The same id, kind and name in this project: the file came from here. */
  if ((id = parse_ref_id (ref, 'c')) > 0 && name != NULL &&
      (same = tessera_project_get_cluster (imp->project, id, NULL)) != NULL &&
      same->kind == kind && g_strcmp0 (same->name, name) == 0)
    id = same->id;
  else if ((id = tessera_project_add_cluster (imp->project, kind,
                                              name != NULL && *name != '\0' ? name : ref,
                                              &local_error)) <= 0)
    return object_not_added (r, what, &local_error, error);

  found = g_new0 (ClusterRef, 1);
  found->id = id;
  found->kind = kind;
  g_hash_table_insert (imp->clusters, g_strdup (ref), found);

  return id;
}

/* Puts an imported (or matched, when merging) span or event into the
 * cluster its record names. A merged object already in a cluster stays
 * where the analyst put it. */
static gboolean
import_membership (Record      *r,
                   JsonObject  *obj,
                   const char  *what,
                   gint64       span_id,
                   gint64       event_id,
                   GError     **error)
{
  TesseraProject *project = r->imp->project;
  char ref_buf[TESSERA_RECORD_REF_SIZE];
  g_autoptr(GError) local_error = NULL;
  const char *ref, *name;
  gint64 cluster_id;

  if (!get_ref (r, obj, what, "cluster", ref_buf, &ref, error) ||
      !get_string (r, obj, what, "cluster_name", &name, error))
    return FALSE;
  if (ref == NULL)
    return TRUE;

  if (r->merged)
    {
      gint64 current = span_id > 0
        ? tessera_project_get_span_cluster (project, span_id, &local_error)
        : tessera_project_get_event_cluster (project, event_id, &local_error);

      if (local_error != NULL)
        return object_not_added (r, what, &local_error, error);
      if (current > 0)
        return TRUE;
    }

  cluster_id = resolve_cluster (r, what, ref, name,
                                span_id > 0 ? TESSERA_LABEL_ENTITY : TESSERA_LABEL_EVENT, error);
  if (cluster_id <= 0)
    return FALSE;
  if (!tessera_project_add_cluster_member (project, cluster_id, span_id, event_id, &local_error))
    return object_not_added (r, what, &local_error, error);

  return TRUE;
}

static gboolean
import_span (Record      *r,
             JsonObject  *obj,
             guint        index,
             GError     **error)
{
  TesseraRecordImporter *imp = r->imp;
  TesseraProject *project = imp->project;
  char ref_buf[TESSERA_RECORD_REF_SIZE];
  char what[WHAT_SIZE];
  char key[KEY_SIZE];
  const TesseraLabel *label = NULL;
  const char *ref, *label_name, *expected, *annotator, *note;
  g_autoptr(GError) local_error = NULL;
  TesseraSpan span = { 0 };
  gint64 start, end, id = 0;
  gboolean suggested;

  if (!get_ref (r, obj, "", "id", ref_buf, &ref, error))
    return FALSE;
  describe_object (what, "span", ref, index);

  if (ref != NULL && g_hash_table_contains (r->spans, ref))
    return record_error (r, error, "two spans have the id \"%s\"", ref);

  if (!get_offset (r, obj, what, "start", &start, error) ||
      !get_offset (r, obj, what, "end", &end, error) ||
      !get_string (r, obj, what, "label", &label_name, error) ||
      !get_string (r, obj, what, "text", &expected, error) ||
      !get_string (r, obj, what, "annotator", &annotator, error) ||
      !get_string (r, obj, what, "note", &note, error) ||
      !get_bool (r, obj, what, "suggested", &suggested, error))
    return FALSE;

  if (start > end)
    return record_error (r, error, "%shas start %" G_GINT64_FORMAT " > end %" G_GINT64_FORMAT,
                         what, start, end);
  if (end > r->n_chars)
    return record_error (r, error,
                         "%sends at %" G_GINT64_FORMAT ", past the end of the text "
                         "(%" G_GINT64_FORMAT " code points)",
                         what, end, r->n_chars);

  if (label_name == NULL)
    return record_error (r, error, "%shas no \"label\"", what);
  if (!(label = tessera_project_find_label (project, TESSERA_LABEL_ENTITY, label_name)) &&
      !(label = tessera_project_find_label (project, TESSERA_LABEL_EVENT, label_name)) &&
      !(label = tessera_project_find_label (project, TESSERA_LABEL_STANCE, label_name)))
    return record_error (r, error, "%shas unknown label \"%s\" (the schema has: %s)",
                         what, label_name, span_label_names (imp));

  if (expected != NULL)
    {
      TesseraTextCursor end_cursor;
      const char *from = tessera_text_cursor_seek (&r->cursor, start);
      const char *to;

      end_cursor = r->cursor;
      to = tessera_text_cursor_seek (&end_cursor, end);
      g_assert (from != NULL && to != NULL);

      if ((gsize) (to - from) != strlen (expected) || memcmp (from, expected, to - from) != 0)
        {
          g_autofree char *want = quote_excerpt (expected, -1);
          g_autofree char *found = quote_excerpt (from, to - from);

          return record_error (r, error,
                               "%shas text %s but the text at %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT
                               " is %s (%s)",
                               what, want, start, end, found,
                               offset_unit_hint (r->text, start, end, expected));
        }
    }

  if (r->merged &&
      (id = id_table_lookup (r, r->old_spans, span_key (key, start, end, label->id))) > 0)
    {
      if (ref != NULL)
        id_table_insert (r, r->spans, ref, id);
      return import_membership (r, obj, what, id, 0, error);
    }

  span.id = imp->keep_ids ? parse_ref_id (ref, 's') : 0;
  span.document_id = r->document_id;
  span.start = start;
  span.end = end;
  span.label_id = label->id;
  span.note = (char *) note;
  span.suggested = suggested;
  if (!(span.annotator_id = resolve_annotator (r, what, annotator, error)))
    return FALSE;
  if ((id = tessera_project_insert_span (project, &span, &local_error)) <= 0)
    return object_not_added (r, what, &local_error, error);

  if (ref != NULL)
    id_table_insert (r, r->spans, ref, id);
  if (r->old_spans != NULL)
    id_table_insert (r, r->old_spans, span_key (key, start, end, label->id), id);
  imp->ctx->report->n_spans++;

  return import_membership (r, obj, what, id, 0, error);
}

/* A span reference of the record, by @key of @obj; 0 (no error) when
 * absent and not @required. */
static gboolean
resolve_span (Record      *r,
              JsonObject  *obj,
              const char  *what,
              const char  *key,
              gboolean     required,
              gint64      *out,
              GError     **error)
{
  char buf[TESSERA_RECORD_REF_SIZE];
  const char *ref;

  *out = 0;
  if (!get_ref (r, obj, what, key, buf, &ref, error))
    return FALSE;

  if (ref == NULL)
    return required ? record_error (r, error, "%shas no \"%s\"", what, key) : TRUE;

  if ((*out = id_table_lookup (r, r->spans, ref)) <= 0)
    return record_error (r, error, "%s%s \"%s\" is not a span of this record",
                         what, key, ref);

  return TRUE;
}

static gboolean
check_attribute (Record      *r,
                 const char  *what,
                 const char  *name,
                 const char  *value,
                 GError     **error)
{
  const TesseraAttribute *attr;
  g_autofree char *values = NULL;

  if (value == NULL)
    return TRUE;

  attr = tessera_project_get_attribute (r->imp->project, name);
  if (attr == NULL)
    return record_error (r, error, "%shas \"%s\" but the schema has no such attribute",
                         what, name);
  if (!tessera_attribute_has_value (attr, value))
    {
      values = attr->values != NULL ? g_strjoinv (", ", attr->values) : g_strdup ("none");
      return record_error (r, error, "%shas unknown %s \"%s\" (expected one of: %s)",
                           what, name, value, values);
    }

  return TRUE;
}

static gboolean
import_event (Record      *r,
              JsonObject  *obj,
              guint        index,
              GError     **error)
{
  TesseraRecordImporter *imp = r->imp;
  TesseraProject *project = imp->project;
  char ref_buf[TESSERA_RECORD_REF_SIZE];
  char what[WHAT_SIZE];
  char key[KEY_SIZE];
  g_autoptr(TesseraEvent) event = tessera_event_new ();
  const TesseraLabel *type;
  const char *ref, *type_name, *realis, *confirmation, *annotator;
  g_autoptr(GError) local_error = NULL;
  JsonArray *arguments;
  gint64 trigger, id = 0;
  gboolean suggested;

  if (!get_ref (r, obj, "", "id", ref_buf, &ref, error))
    return FALSE;
  describe_object (what, "event", ref, index);

  if (ref != NULL && g_hash_table_contains (r->events, ref))
    return record_error (r, error, "two events have the id \"%s\"", ref);

  if (!get_string (r, obj, what, "type", &type_name, error) ||
      !resolve_span (r, obj, what, "trigger", TRUE, &trigger, error) ||
      !get_string (r, obj, what, "realis", &realis, error) ||
      !get_string (r, obj, what, "confirmation", &confirmation, error) ||
      !get_string (r, obj, what, "annotator", &annotator, error) ||
      !get_array (r, obj, what, "arguments", &arguments, error) ||
      !get_bool (r, obj, what, "suggested", &suggested, error) ||
      !check_attribute (r, what, "realis", realis, error) ||
      !check_attribute (r, what, "confirmation", confirmation, error))
    return FALSE;

  if (type_name == NULL)
    return record_error (r, error, "%shas no \"type\"", what);
  if (!(type = tessera_project_find_label (project, TESSERA_LABEL_EVENT, type_name)))
    {
      g_autofree char *names = label_names (project, TESSERA_LABEL_EVENT);

      return record_error (r, error, "%shas unknown event type \"%s\" (the schema has: %s)",
                           what, type_name, names);
    }

  for (guint i = 0; arguments != NULL && i < json_array_get_length (arguments); i++)
    {
      g_autofree char *arg_what = g_strdup_printf ("%sargument %u ", what, i + 1);
      JsonObject *arg = get_element_object (r, arguments, i, arg_what, error);
      const TesseraLabel *role;
      const char *role_name;
      gint64 span_id;

      if (arg == NULL ||
          !get_string (r, arg, arg_what, "role", &role_name, error) ||
          !resolve_span (r, arg, arg_what, "span", TRUE, &span_id, error))
        return FALSE;

      if (role_name == NULL)
        return record_error (r, error, "%shas no \"role\"", arg_what);
      if (!(role = tessera_project_find_label (project, TESSERA_LABEL_ROLE, role_name)))
        {
          g_autofree char *names = label_names (project, TESSERA_LABEL_ROLE);

          return record_error (r, error, "%shas unknown role \"%s\" (the schema has: %s)",
                               arg_what, role_name, names);
        }

      tessera_event_add_argument (event, role->id, span_id);
    }

  if (r->merged &&
      (id = id_table_lookup (r, r->old_events, event_key (key, trigger, type->id))) > 0)
    {
      if (ref != NULL)
        id_table_insert (r, r->events, ref, id);
      return import_membership (r, obj, what, 0, id, error);
    }

  event->id = imp->keep_ids ? parse_ref_id (ref, 'e') : 0;
  event->document_id = r->document_id;
  event->trigger_span_id = trigger;
  event->type_label_id = type->id;
  event->realis = g_strdup (realis);
  event->confirmation = g_strdup (confirmation);
  event->suggested = suggested;
  if (!(event->annotator_id = resolve_annotator (r, what, annotator, error)))
    return FALSE;
  if ((id = tessera_project_insert_event (project, event, &local_error)) <= 0)
    return object_not_added (r, what, &local_error, error);

  if (ref != NULL)
    id_table_insert (r, r->events, ref, id);
  imp->ctx->report->n_events++;

  return import_membership (r, obj, what, 0, id, error);
}

static gboolean
import_stance (Record      *r,
               JsonObject  *obj,
               guint        index,
               GError     **error)
{
  TesseraRecordImporter *imp = r->imp;
  TesseraProject *project = imp->project;
  char ref_buf[TESSERA_RECORD_REF_SIZE];
  char what[WHAT_SIZE];
  char key[KEY_SIZE];
  const TesseraLabel *label;
  const char *ref, *label_name, *annotator;
  g_autoptr(GError) local_error = NULL;
  TesseraStance stance = { 0 };
  JsonNode *target_node;
  gint64 span_id, holder, target_event = 0, target_span = 0;
  gboolean suggested;

  if (!get_ref (r, obj, "", "id", ref_buf, &ref, error))
    return FALSE;
  describe_object (what, "stance", ref, index);

  if (!get_string (r, obj, what, "label", &label_name, error) ||
      !get_string (r, obj, what, "annotator", &annotator, error) ||
      !get_bool (r, obj, what, "suggested", &suggested, error) ||
      !resolve_span (r, obj, what, "span", TRUE, &span_id, error) ||
      !resolve_span (r, obj, what, "holder", FALSE, &holder, error))
    return FALSE;

  if (label_name == NULL)
    return record_error (r, error, "%shas no \"label\"", what);
  if (!(label = tessera_project_find_label (project, TESSERA_LABEL_STANCE, label_name)))
    {
      g_autofree char *names = label_names (project, TESSERA_LABEL_STANCE);

      return record_error (r, error, "%shas unknown stance label \"%s\" (the schema has: %s)",
                           what, label_name, names);
    }

  target_node = json_object_get_member (obj, "target");
  if (target_node != NULL && !JSON_NODE_HOLDS_NULL (target_node))
    {
      g_autofree char *target_what = g_strdup_printf ("%starget ", what);
      JsonObject *target;
      char buf[TESSERA_RECORD_REF_SIZE];
      const char *event_ref;

      if (!JSON_NODE_HOLDS_OBJECT (target_node))
        return record_error (r, error,
                             "%s\"target\" must be an object: {\"event\": id} or {\"span\": id}",
                             what);
      target = json_node_get_object (target_node);

      if (!get_ref (r, target, target_what, "event", buf, &event_ref, error) ||
          !resolve_span (r, target, target_what, "span", FALSE, &target_span, error))
        return FALSE;

      if (event_ref != NULL && target_span > 0)
        return record_error (r, error, "%shas both an event and a span", target_what);
      if (event_ref != NULL && (target_event = id_table_lookup (r, r->events, event_ref)) <= 0)
        return record_error (r, error, "%sevent \"%s\" is not an event of this record",
                             target_what, event_ref);
    }

  if (r->merged &&
      id_table_lookup (r, r->old_stances,
                       stance_key (key, span_id, label->id, holder, target_event, target_span)) > 0)
    return TRUE;

  stance.id = imp->keep_ids ? parse_ref_id (ref, 't') : 0;
  stance.document_id = r->document_id;
  stance.span_id = span_id;
  stance.label_id = label->id;
  stance.holder_span_id = holder;
  stance.target_event_id = target_event;
  stance.target_span_id = target_span;
  stance.suggested = suggested;
  if (!(stance.annotator_id = resolve_annotator (r, what, annotator, error)))
    return FALSE;
  if (tessera_project_insert_stance (project, &stance, &local_error) <= 0)
    return object_not_added (r, what, &local_error, error);

  imp->ctx->report->n_stances++;

  return TRUE;
}

/* The first line with something other than whitespace, trimmed and cut
 * to MAX_TITLE_CHARS; NULL when there is none. */
static char *
title_from_text (const char *text)
{
  const char *line = text;

  while (*line != '\0')
    {
      const char *eol = strchr (line, '\n');
      const char *end = eol != NULL ? eol : line + strlen (line);
      g_autofree char *copy = g_strstrip (g_strndup (line, end - line));

      if (*copy != '\0')
        {
          if (g_utf8_strlen (copy, -1) > MAX_TITLE_CHARS)
            {
              g_autofree char *cut = g_utf8_substring (copy, 0, MAX_TITLE_CHARS);

              return g_strconcat (g_strchomp (cut), "…", NULL);
            }
          return g_steal_pointer (&copy);
        }

      if (eol == NULL)
        break;
      line = eol + 1;
    }

  return NULL;
}

/* The document metadata of a record: NULL, or has_status FALSE, where the
 * record has none. */
typedef struct
{
  const char            *title;
  const char            *source;
  const char            *url;
  const char            *published;
  const char            *language;
  gboolean               has_status;
  TesseraDocumentStatus  status;
} Metadata;

static gboolean
get_metadata (Record      *r,
              JsonObject  *obj,
              Metadata    *meta,
              GError     **error)
{
  const char *status;

  memset (meta, 0, sizeof *meta);
  if (!get_string (r, obj, "", "title", &meta->title, error) ||
      !get_string (r, obj, "", "source", &meta->source, error) ||
      !get_string (r, obj, "", "url", &meta->url, error) ||
      !get_string (r, obj, "", "published", &meta->published, error) ||
      !get_string (r, obj, "", "language", &meta->language, error) ||
      !get_string (r, obj, "", "status", &status, error))
    return FALSE;

  if (status != NULL)
    {
      if (!tessera_status_from_string (status, &meta->status))
        return record_error (r, error,
                             "unknown status \"%s\" (expected new, in-progress or done)", status);
      meta->has_status = TRUE;
    }

  return TRUE;
}

static gboolean
add_new_document (Record          *r,
                  const Metadata  *meta,
                  const char      *uid,
                  const char      *text,
                  GError         **error)
{
  TesseraProject *project = r->imp->project;
  g_autoptr(TesseraDocument) doc = tessera_document_new ();
  g_autoptr(GError) local_error = NULL;

  doc->uid = g_strdup (uid);
  doc->title = meta->title != NULL ? g_strdup (meta->title) : title_from_text (text);
  doc->source = g_strdup (meta->source);
  doc->url = g_strdup (meta->url);
  doc->published = g_strdup (meta->published);
  doc->language = g_strdup (meta->language);
  if (meta->has_status)
    doc->status = meta->status;

  /* Lent, not copied: a text may be megabytes. */
  doc->text = (char *) text;
  r->document_id = tessera_project_add_document (project, doc, &local_error);
  doc->text = NULL;
  if (r->document_id <= 0)
    {
      if (local_error == NULL)
        return record_error (r, error, "the document could not be added");
      g_propagate_error (error, g_steal_pointer (&local_error));
      return record_prefix_error (r, error);
    }

  r->imp->ctx->report->n_documents++;

  return TRUE;
}

/* Replaces *@field by @value when the record has one; TRUE when that
 * changes it. */
static gboolean
merge_field (char       **field,
             const char  *value)
{
  if (value == NULL || g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

/* A record merging into an existing document brings its metadata: each
 * field the record has replaces the document's, the others stay (how
 * annotations without text give plain-text imports their outlet, date
 * and status). */
static gboolean
merge_metadata (Record           *r,
                TesseraDocument  *doc,
                const Metadata   *meta,
                GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean changed = FALSE;

  changed |= merge_field (&doc->title, meta->title);
  changed |= merge_field (&doc->source, meta->source);
  changed |= merge_field (&doc->url, meta->url);
  changed |= merge_field (&doc->published, meta->published);
  changed |= merge_field (&doc->language, meta->language);
  if (meta->has_status && meta->status != doc->status)
    {
      doc->status = meta->status;
      changed = TRUE;
    }

  if (changed && !tessera_project_update_document (r->imp->project, doc, &local_error))
    {
      if (local_error == NULL)
        return record_error (r, error, "the document's metadata could not be updated");
      g_propagate_error (error, g_steal_pointer (&local_error));
      return record_prefix_error (r, error);
    }

  return TRUE;
}

static void
report_text_fixes (Record                 *r,
                   const TesseraTextFixes *fixes)
{
  TesseraImportReport *report = r->imp->ctx->report;
  guint64 line_endings = fixes->crlf_converted + fixes->cr_converted;

  if (fixes->bom_removed)
    _tessera_import_report_notice (report, "%s: byte-order mark removed from the text", r->where);
  if (line_endings > 0)
    _tessera_import_report_notice (report,
                                   "%s: %" G_GUINT64_FORMAT " line endings in the text converted to LF",
                                   r->where, line_endings);
  if (fixes->bytes_repaired > 0)
    _tessera_import_report_notice (report,
                                   "%s: %" G_GUINT64_FORMAT " invalid bytes in the text replaced by U+FFFD",
                                   r->where, fixes->bytes_repaired);
}

gboolean
_tessera_record_importer_add (TesseraRecordImporter  *self,
                              JsonNode               *node,
                              guint64                 line,
                              guint                   index,
                              GError                **error)
{
  TesseraProject *project;
  g_auto(Record) r = { 0 };
  g_autoptr(TesseraDocument) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  char ref_buf[TESSERA_RECORD_REF_SIZE];
  JsonObject *obj;
  JsonArray *spans, *events, *stances;
  const char *uid, *raw_text, *unit;
  TesseraTextFixes fixes = { 0 };
  Metadata meta;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (node != NULL, FALSE);

  project = self->project;
  r.imp = self;
  r.strings = g_string_chunk_new (1024);
  r.ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  r.where = line > 0
    ? g_strdup_printf ("%s:%" G_GUINT64_FORMAT, self->file_label, line)
    : g_strdup_printf ("%s: document %u", self->file_label, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return record_error (&r, error, "a document record must be a JSON object");
  obj = json_node_get_object (node);

  if (!get_ref (&r, obj, "", "id", ref_buf, &uid, error))
    return FALSE;
  if (uid != NULL && line == 0)
    {
      g_free (r.where);
      r.where = g_strdup_printf ("%s: document %u (uid \"%s\")", self->file_label, index, uid);
    }

  /* Another tool's record would come in as a bare text, its annotations lost. */
  if (!_tessera_record_check_keys (obj, r.where, error))
    return FALSE;

  if (!get_string (&r, obj, "", "offset_unit", &unit, error) ||
      !get_string (&r, obj, "", "text", &raw_text, error) ||
      !get_array (&r, obj, "", "spans", &spans, error) ||
      !get_array (&r, obj, "", "events", &events, error) ||
      !get_array (&r, obj, "", "stances", &stances, error) ||
      !get_metadata (&r, obj, &meta, error))
    return FALSE;

  if (spans != NULL && json_array_get_length (spans) > TESSERA_MAX_SPANS_PER_DOC)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_LIMIT,
                   "%s: %u spans, more than the %d a document may have",
                   r.where, json_array_get_length (spans), TESSERA_MAX_SPANS_PER_DOC);
      return FALSE;
    }

  if (unit != NULL && strcmp (unit, "codepoint") != 0)
    return record_error (&r, error,
                         "\"offset_unit\" is \"%s\"; Tessera reads offsets in Unicode code points "
                         "(\"codepoint\")", unit);

  if (raw_text != NULL)
    {
      text = tessera_text_normalize (r.where, raw_text, strlen (raw_text),
                                     self->ctx->options->repair_utf8, &fixes, error);
      if (text == NULL)
        return FALSE;

      /* Offsets were counted in the text as given: converting it would
       * move every span after the change. */
      if (spans != NULL && json_array_get_length (spans) > 0)
        {
          if (fixes.bom_removed)
            return record_error (&r, error,
                                 "text starts with a byte-order mark; offsets would shift "
                                 "(remove it and recompute the offsets)");
          if (fixes.crlf_converted > 0 || fixes.cr_converted > 0)
            return record_error (&r, error,
                                 "text contains CR line endings; offsets would shift "
                                 "(convert them to LF and recompute the offsets)");
        }
    }

  if (uid != NULL)
    {
      existing = tessera_project_find_document (project, uid, TRUE, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return record_prefix_error (&r, error);
        }
    }

  if (existing != NULL)
    {
      if (text != NULL && g_strcmp0 (text, existing->text) != 0)
        return record_error (&r, error,
                             "the project already has a document with id \"%s\" and a different text",
                             uid);
      r.document_id = existing->id;
      r.text = existing->text;
      r.merged = TRUE;
      if (!merge_metadata (&r, existing, &meta, error) ||
          !load_existing (&r, error))
        return FALSE;
      self->ctx->report->n_merged++;
    }
  else
    {
      if (text == NULL)
        {
          if (uid == NULL)
            return record_error (&r, error, "the record has no \"text\"");
          return record_error (&r, error,
                               "the record has no \"text\" and the project has no document "
                               "with id \"%s\" to add its annotations to", uid);
        }
      if (!add_new_document (&r, &meta, uid, text, error))
        return FALSE;
      r.text = text;
    }

  report_text_fixes (&r, &fixes);

  r.n_chars = tessera_text_n_chars (r.text, -1);
  tessera_text_cursor_init (&r.cursor, r.text, -1);
  r.spans = id_table_new ();
  r.events = id_table_new ();

  for (guint i = 0; spans != NULL && i < json_array_get_length (spans); i++)
    {
      JsonObject *span = get_element_object (&r, spans, i, "span", error);

      if (span == NULL || !import_span (&r, span, i, error))
        return FALSE;
    }

  for (guint i = 0; events != NULL && i < json_array_get_length (events); i++)
    {
      JsonObject *event = get_element_object (&r, events, i, "event", error);

      if (event == NULL || !import_event (&r, event, i, error))
        return FALSE;
    }

  for (guint i = 0; stances != NULL && i < json_array_get_length (stances); i++)
    {
      JsonObject *stance = get_element_object (&r, stances, i, "stance", error);

      if (stance == NULL || !import_stance (&r, stance, i, error))
        return FALSE;
    }

  return TRUE;
}

TesseraRecordImporter *
_tessera_record_importer_new (TesseraImportContext *ctx,
                              const char           *file_label,
                              gboolean              keep_ids)
{
  TesseraRecordImporter *self;

  g_return_val_if_fail (ctx != NULL, NULL);
  g_return_val_if_fail (file_label != NULL, NULL);

  self = g_new0 (TesseraRecordImporter, 1);
  self->ctx = ctx;
  self->project = ctx->project;
  self->file_label = g_strdup (file_label);
  self->keep_ids = keep_ids;
  self->clusters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return self;
}

static gboolean
cluster_error (TesseraRecordImporter  *self,
               guint                   index,
               const char             *message,
               GError                **error)
{
  g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
               "%s: cluster %u: %s", self->file_label, index + 1, message);
  return FALSE;
}

static const char *
cluster_string (JsonObject *obj,
                const char *key)
{
  JsonNode *node = json_object_get_member (obj, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

gboolean
_tessera_record_importer_add_clusters (TesseraRecordImporter  *self,
                                       JsonNode               *clusters,
                                       GError                **error)
{
  JsonArray *array;

  g_return_val_if_fail (self != NULL, FALSE);

  if (clusters == NULL || JSON_NODE_HOLDS_NULL (clusters))
    return TRUE;
  self->clusters_declared = TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (clusters))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   "%s: \"clusters\" must be an array", self->file_label);
      return FALSE;
    }

  array = json_node_get_array (clusters);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(TesseraCluster) taken = NULL;
      TesseraCluster cluster = { 0 };
      JsonObject *obj;
      JsonNode *created;
      const char *ref, *kind;
      ClusterRef *found;
      gint64 wanted;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return cluster_error (self, i, "must be an object", error);
      obj = json_node_get_object (node);

      ref = cluster_string (obj, "id");
      kind = cluster_string (obj, "kind");
      cluster.name = (char *) cluster_string (obj, "name");
      created = json_object_get_member (obj, "created");
      if (ref == NULL)
        return cluster_error (self, i, "needs an \"id\" string", error);
      if (g_hash_table_contains (self->clusters, ref))
        return cluster_error (self, i, "another cluster has the same \"id\"", error);
      if (g_strcmp0 (kind, "entity") == 0)
        cluster.kind = TESSERA_LABEL_ENTITY;
      else if (g_strcmp0 (kind, "event") == 0)
        cluster.kind = TESSERA_LABEL_EVENT;
      else
        return cluster_error (self, i, "\"kind\" must be \"entity\" or \"event\"", error);
      if (created != NULL && JSON_NODE_HOLDS_VALUE (created) &&
          json_node_get_value_type (created) == G_TYPE_INT64)
        cluster.created = json_node_get_int (created);

      /* Restoring a backup keeps ids, unless one is taken; merging a
       * backup into the project it came from finds its clusters there
       * (same id, kind and name). */
      wanted = parse_ref_id (ref, 'c');
      taken = wanted > 0 ? tessera_project_get_cluster (self->project, wanted, NULL) : NULL;
      if (taken != NULL && !self->keep_ids &&
          taken->kind == cluster.kind && g_strcmp0 (taken->name, cluster.name) == 0)
        cluster.id = taken->id;
      else
        {
          cluster.id = self->keep_ids && taken == NULL ? wanted : 0;
          cluster.id = tessera_project_insert_cluster (self->project, &cluster, &local_error);
        }
      if (cluster.id <= 0)
        return cluster_error (self, i, local_error != NULL ? local_error->message : "could not be added",
                              error);

      found = g_new0 (ClusterRef, 1);
      found->id = cluster.id;
      found->kind = cluster.kind;
      g_hash_table_insert (self->clusters, g_strdup (ref), found);
    }

  return TRUE;
}

void
_tessera_record_importer_free (TesseraRecordImporter *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->clusters, g_hash_table_unref);
  g_free (self->span_label_names);
  g_free (self->file_label);
  g_free (self);
}

/* --- the JSONL file --------------------------------------------------- */

/* Hands out lines with memory bounded by the longest one (GDataInputStream
 * would buffer a line of any length). */
typedef struct
{
  GInputStream *in;
  GCancellable *cancellable;
  char         *buf;
  gsize         size;
  gsize         start;      /* first byte of the next line */
  gsize         end;        /* end of the bytes read */
  gsize         scanned;    /* no newline in [start, scanned) */
  gboolean      eof;
  guint64       consumed;   /* bytes of the file handed out as lines */
} LineReader;

static void
line_reader_clear (LineReader *r)
{
  g_clear_object (&r->in);
  g_clear_pointer (&r->buf, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LineReader, line_reader_clear)

static void
set_line_too_long_error (GError     **error,
                         const char  *display,
                         guint64      line_no)
{
  g_autofree char *limit = g_format_size_full (TESSERA_MAX_JSONL_LINE, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_LIMIT,
               "%s:%" G_GUINT64_FORMAT ": line longer than the %s limit for one record",
               display, line_no, limit);
}

/* Returns the next line (without its "\n") in @line/@len, valid until the
 * next call; FALSE at the end (error unset) or on error. */
static gboolean
line_reader_next (LineReader  *r,
                  const char  *display,
                  guint64      line_no,
                  const char **line,
                  gsize       *len,
                  GError     **error)
{
  for (;;)
    {
      const char *nl = memchr (r->buf + r->scanned, '\n', r->end - r->scanned);
      g_autoptr(GError) local_error = NULL;
      gssize n;

      if (nl != NULL || (r->eof && r->end > r->start))
        {
          gsize line_end = nl != NULL ? (gsize) (nl - r->buf) : r->end;
          gsize next = nl != NULL ? line_end + 1 : line_end;

          if (line_end - r->start > TESSERA_MAX_JSONL_LINE)
            {
              set_line_too_long_error (error, display, line_no);
              return FALSE;
            }

          *line = r->buf + r->start;
          *len = line_end - r->start;
          r->consumed += next - r->start;
          r->start = r->scanned = next;
          return TRUE;
        }

      if (r->eof)
        return FALSE;

      r->scanned = r->end;
      if (r->end - r->start > TESSERA_MAX_JSONL_LINE)
        {
          set_line_too_long_error (error, display, line_no);
          return FALSE;
        }

      /* Make room: drop the lines handed out, then grow. */
      if (r->start > 0)
        {
          memmove (r->buf, r->buf + r->start, r->end - r->start);
          r->end -= r->start;
          r->scanned -= r->start;
          r->start = 0;
        }
      if (r->size - r->end < READ_CHUNK / 2)
        {
          r->size *= 2;
          r->buf = g_realloc (r->buf, r->size);
        }

      n = g_input_stream_read (r->in, r->buf + r->end, r->size - r->end,
                               r->cancellable, &local_error);
      if (n < 0)
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED,
                       "%s: %s", display, local_error->message);
          return FALSE;
        }
      if (n == 0)
        r->eof = TRUE;
      r->end += n;
    }
}

static gboolean
is_blank_line (const char *line,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
      return FALSE;

  return TRUE;
}

gboolean
_tessera_import_jsonl_file (TesseraImportContext  *ctx,
                            const char            *path,
                            GError               **error)
{
  g_autofree char *display = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(TesseraRecordImporter) importer = NULL;
  g_auto(LineReader) reader = { 0 };
  GCancellable *cancellable;
  guint64 line_no = 0;
  const char *line;
  gsize len;

  g_return_val_if_fail (ctx != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  cancellable = ctx->options != NULL ? ctx->options->cancellable : NULL;
  file = g_file_new_for_path (path);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error (error, TESSERA_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                   ? TESSERA_ERROR_NOT_FOUND : TESSERA_ERROR_FAILED,
                   "%s: %s", display, local_error->message);
      return FALSE;
    }
  if (g_file_info_get_size (info) > TESSERA_MAX_JSON_FILE_SIZE)
    {
      g_autofree char *limit = g_format_size_full (TESSERA_MAX_JSON_FILE_SIZE,
                                                   G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_LIMIT,
                   "%s: larger than the %s limit for a JSONL file; split it", display, limit);
      return FALSE;
    }

  reader.in = G_INPUT_STREAM (g_file_read (file, cancellable, &local_error));
  if (reader.in == NULL)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED,
                   "%s: %s", display, local_error->message);
      return FALSE;
    }
  reader.cancellable = cancellable;
  reader.size = READ_CHUNK;
  reader.buf = g_malloc (reader.size);

  importer = _tessera_record_importer_new (ctx, display, FALSE);

  for (;;)
    {
      g_autofree char *origin = NULL;
      g_autofree char *repaired = NULL;
      g_autoptr(JsonNode) root = NULL;
      const char *bad;

      if (!line_reader_next (&reader, display, line_no + 1, &line, &len, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          break;
        }

      line_no++;
      if (is_blank_line (line, len))
        continue;

      if (_tessera_import_context_cancelled (ctx, error))
        return FALSE;

      origin = g_strdup_printf ("%s:%" G_GUINT64_FORMAT, display, line_no);

      /* Repaired here, before parsing, so every string of the record is
       * valid UTF-8 and the text's offsets are counted on what is kept. */
      if (!g_utf8_validate_len (line, len, &bad))
        {
          if (!ctx->options->repair_utf8 || *bad == '\0')
            {
              g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                           "%s: %s at byte %" G_GSIZE_FORMAT " of the line",
                           origin, *bad == '\0' ? "NUL byte" : "invalid UTF-8",
                           (gsize) (bad - line));
              return FALSE;
            }
          repaired = g_utf8_make_valid (line, len);
          _tessera_import_report_notice (ctx->report,
                                         "%s: invalid UTF-8 replaced by U+FFFD", origin);
          line = repaired;
          len = strlen (repaired);
        }

      root = tessera_json_parse (origin, line, len, error);
      if (root == NULL ||
          !_tessera_record_importer_add (importer, root, line_no, 0, error))
        return FALSE;

      _tessera_import_context_progress (ctx, reader.consumed);
    }

  return TRUE;
}
