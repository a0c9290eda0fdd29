/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <gio/gunixoutputstream.h>

#include "tessera-json-writer.h"
#include "tessera-text.h"
#include "tessera-cli-private.h"

/* --- clusters --------------------------------------------------------- */

/* What a member is, for printing. */
typedef struct
{
  char       ref[24];     /* "s12" or "e3" */
  const char *label;      /* entity label or event type; owned by the project */
  char       *text;       /* the mention or the trigger */
  gboolean    suggested;
} MemberInfo;

/* The documents members are in, loaded once each. */
typedef struct
{
  TesseraProject *project;
  GHashTable     *documents;   /* gint64* id → TesseraDocument* (with text) */
} DocumentCache;

static TesseraDocument *
document_cache_get (DocumentCache  *cache,
                    gint64          id,
                    GError        **error)
{
  TesseraDocument *doc = g_hash_table_lookup (cache->documents, &id);

  if (doc == NULL && (doc = tessera_project_get_document (cache->project, id, TRUE, error)) != NULL)
    g_hash_table_insert (cache->documents, g_memdup2 (&id, sizeof id), doc);

  return doc;
}

static gboolean
member_info (DocumentCache               *cache,
             const TesseraClusterMember  *m,
             TesseraDocument             *doc,
             MemberInfo                  *info,
             GError                     **error)
{
  g_autoptr(TesseraSpan) span = NULL;
  const TesseraLabel *label = NULL;
  gint64 span_id = m->span_id;

  memset (info, 0, sizeof *info);

  if (m->event_id > 0)
    {
      g_autoptr(TesseraEvent) event = tessera_project_get_event (cache->project, m->event_id, error);

      if (event == NULL)
        return FALSE;
      g_snprintf (info->ref, sizeof info->ref, "e%" G_GINT64_FORMAT, event->id);
      label = tessera_project_get_label (cache->project, event->type_label_id);
      info->suggested = event->suggested;
      span_id = event->trigger_span_id;
    }
  else
    g_snprintf (info->ref, sizeof info->ref, "s%" G_GINT64_FORMAT, span_id);

  if (!(span = tessera_project_get_span (cache->project, span_id, error)))
    return FALSE;
  if (m->event_id <= 0)
    {
      label = tessera_project_get_label (cache->project, span->label_id);
      info->suggested = span->suggested;
    }
  info->label = label != NULL ? label->name : "";
  info->text = tessera_text_slice (doc->text, span->start, span->end);
  info->suggested |= span->suggested;

  return TRUE;
}

/* One line in a terminal: line breaks inside a mention become spaces. */
static char *
one_line (const char *text)
{
  char *copy = g_strdup (text != NULL ? text : "");

  for (char *p = copy; *p != '\0'; p++)
    if (*p == '\n' || *p == '\t' || *p == '\r')
      *p = ' ';

  return copy;
}

static gboolean
print_clusters (TesseraProject  *project,
                GPtrArray       *clusters,
                DocumentCache   *cache,
                GError         **error)
{
  for (guint c = 0; c < clusters->len; c++)
    {
      const TesseraCluster *cluster = g_ptr_array_index (clusters, c);
      g_autoptr(GArray) members = tessera_project_list_cluster_members (project, cluster->id, error);
      g_autofree char *name = NULL;
      g_autofree char *id = NULL;

      if (members == NULL)
        return FALSE;

      name = one_line (cluster->name);
      id = g_strdup_printf ("c%" G_GINT64_FORMAT, cluster->id);
      /* Translators: a cluster: "c3  event  Clashes at Anefis  (4 members)" */
      g_print (ngettext ("%s  %s  %s  (%u member)\n", "%s  %s  %s  (%u members)\n", members->len),
               id, tessera_label_kind_to_string (cluster->kind), name, members->len);

      for (guint i = 0; i < members->len; i++)
        {
          const TesseraClusterMember *m = &g_array_index (members, TesseraClusterMember, i);
          TesseraDocument *doc = document_cache_get (cache, m->document_id, error);
          g_autofree char *title = NULL;
          g_autofree char *text = NULL;
          MemberInfo info;

          if (doc == NULL || !member_info (cache, m, doc, &info, error))
            return FALSE;

          title = one_line (doc->title != NULL ? doc->title : doc->uid);
          text = one_line (info.text);
          g_print ("    %s", title);
          if (doc->source != NULL && *doc->source != '\0')
            g_print (" (%s)", doc->source);
          g_print (": %s “%s” %s%s\n", info.ref, text, info.label,
                   info.suggested ? _(" (suggested)") : "");
          g_free (info.text);
        }
    }

  return TRUE;
}

static gboolean
write_clusters_json (TesseraProject  *project,
                     GPtrArray       *clusters,
                     DocumentCache   *cache,
                     GError         **error)
{
  g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  g_autoptr(TesseraJsonWriter) w = tessera_json_writer_new (out, NULL);

  tessera_json_writer_set_pretty (w, TRUE);
  tessera_json_writer_begin_object (w);
  tessera_json_writer_key (w, "clusters");
  tessera_json_writer_begin_array (w);

  for (guint c = 0; c < clusters->len; c++)
    {
      const TesseraCluster *cluster = g_ptr_array_index (clusters, c);
      g_autoptr(GArray) members = tessera_project_list_cluster_members (project, cluster->id, error);
      g_autofree char *id = g_strdup_printf ("c%" G_GINT64_FORMAT, cluster->id);

      if (members == NULL)
        return FALSE;

      tessera_json_writer_begin_object (w);
      tessera_json_writer_member_string (w, "id", id);
      tessera_json_writer_member_string (w, "kind", tessera_label_kind_to_string (cluster->kind));
      tessera_json_writer_member_string (w, "name", cluster->name);
      tessera_json_writer_member_int (w, "size", members->len);
      tessera_json_writer_key (w, "members");
      tessera_json_writer_begin_array (w);
      for (guint i = 0; i < members->len; i++)
        {
          const TesseraClusterMember *m = &g_array_index (members, TesseraClusterMember, i);
          TesseraDocument *doc = document_cache_get (cache, m->document_id, error);
          MemberInfo info;

          if (doc == NULL || !member_info (cache, m, doc, &info, error))
            return FALSE;

          tessera_json_writer_begin_object (w);
          tessera_json_writer_member_string (w, m->event_id > 0 ? "event" : "span", info.ref);
          tessera_json_writer_member_string (w, "document", doc->uid);
          tessera_json_writer_member_string (w, "title", doc->title);
          tessera_json_writer_member_string (w, "source", doc->source);
          tessera_json_writer_member_string (w, "published", doc->published);
          tessera_json_writer_member_string (w, "label", info.label);
          tessera_json_writer_member_string (w, "text", info.text);
          tessera_json_writer_key (w, "suggested");
          tessera_json_writer_boolean (w, info.suggested);
          tessera_json_writer_end_object (w);
          g_free (info.text);
        }
      tessera_json_writer_end_array (w);
      tessera_json_writer_end_object (w);
    }

  tessera_json_writer_end_array (w);
  tessera_json_writer_end_object (w);
  tessera_json_writer_newline (w);

  if (!tessera_json_writer_finish (g_steal_pointer (&w), error))
    return FALSE;

  return g_output_stream_close (out, NULL, error);
}

int
tessera_cli_clusters (const TesseraCliCommand *command,
                      int                      argc,
                      char                   **argv)
{
  gboolean json = FALSE;
  g_autofree char *kind_name = NULL;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(GHashTable) documents = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_name,
      N_("Only clusters of entities or of events"), N_("entity|event") },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json,
      N_("Print the clusters as JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  TesseraLabelKind kind = TESSERA_LABEL_ANY;
  DocumentCache cache;
  const char *path;
  gboolean ok;
  int status;

  status = tessera_cli_parse (command, entries, &argc, &argv);
  if (status >= 0)
    return status;

  path = argv[1];

  if (kind_name != NULL)
    {
      if (g_str_equal (kind_name, "entity"))
        kind = TESSERA_LABEL_ENTITY;
      else if (g_str_equal (kind_name, "event"))
        kind = TESSERA_LABEL_EVENT;
      else
        {
          tessera_cli_error (_("clusters: --kind must be entity or event"));
          return TESSERA_CLI_EXIT_USAGE;
        }
    }

  project = tessera_cli_open_project (path, TESSERA_OPEN_READ_ONLY);
  if (project == NULL)
    return TESSERA_CLI_EXIT_FAILURE;

  clusters = tessera_project_list_clusters (project, kind, &error);
  if (clusters == NULL)
    {
      tessera_cli_error ("%s: %s", path, error->message);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  documents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                     (GDestroyNotify) tessera_document_unref);
  cache.project = project;
  cache.documents = documents;

  if (json)
    ok = write_clusters_json (project, clusters, &cache, &error);
  else
    {
      ok = print_clusters (project, clusters, &cache, &error);
      if (ok && fflush (stdout) != 0)
        {
          g_set_error_literal (&error, G_IO_ERROR, g_io_error_from_errno (errno), g_strerror (errno));
          ok = FALSE;
        }
      if (ok && clusters->len == 0)
        g_printerr (_("%s has no clusters.\n"), path);
    }

  if (!ok)
    {
      tessera_cli_error ("%s: %s", path, error->message);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  tessera_project_close (project);

  return TESSERA_CLI_EXIT_OK;
}

/* --- suggestions ------------------------------------------------------ */

static char *
describe_counts (guint64 n_spans,
                 guint64 n_events,
                 guint64 n_stances)
{
  g_autofree char *spans = g_strdup_printf (ngettext ("%u span", "%u spans", (gulong) n_spans),
                                            (guint) n_spans);
  g_autofree char *events = g_strdup_printf (ngettext ("%u event", "%u events", (gulong) n_events),
                                             (guint) n_events);
  g_autofree char *stances = g_strdup_printf (ngettext ("%u stance", "%u stances", (gulong) n_stances),
                                              (guint) n_stances);

  return g_strdup_printf ("%s, %s, %s", spans, events, stances);
}

int
tessera_cli_suggestions (const TesseraCliCommand *command,
                         int                      argc,
                         char                   **argv)
{
  gboolean accept = FALSE;
  gboolean reject = FALSE;
  g_autofree char *uid = NULL;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *counts = NULL;
  const GOptionEntry entries[] = {
    { "accept", 'a', 0, G_OPTION_ARG_NONE, &accept,
      N_("Accept the suggestions"), NULL },
    { "reject", 'r', 0, G_OPTION_ARG_NONE, &reject,
      N_("Delete the suggestions"), NULL },
    { "document", 'd', 0, G_OPTION_ARG_STRING, &uid,
      N_("Only the suggestions of the document with this id"), N_("ID") },
    G_OPTION_ENTRY_NULL
  };
  guint64 n_spans = 0, n_events = 0, n_stances = 0;
  gint64 document_id = 0;
  const char *path;
  int status;

  status = tessera_cli_parse (command, entries, &argc, &argv);
  if (status >= 0)
    return status;

  path = argv[1];

  if (accept && reject)
    {
      tessera_cli_error (_("suggestions: --accept and --reject exclude each other"));
      return TESSERA_CLI_EXIT_USAGE;
    }

  project = tessera_cli_open_project (path, accept || reject
                                      ? TESSERA_OPEN_DEFAULT
                                      : TESSERA_OPEN_READ_ONLY | TESSERA_OPEN_SKIP_CHECK);
  if (project == NULL)
    return TESSERA_CLI_EXIT_FAILURE;

  if (uid != NULL)
    {
      g_autoptr(TesseraDocument) doc = tessera_project_find_document (project, uid, FALSE, &error);

      if (doc == NULL)
        {
          if (error != NULL)
            tessera_cli_error ("%s: %s", path, error->message);
          else
            tessera_cli_error (_("%s: no document has the id “%s”"), path, uid);
          return TESSERA_CLI_EXIT_FAILURE;
        }
      document_id = doc->id;
    }

  if (!tessera_project_count_suggestions (project, document_id, &n_spans, &n_events, &n_stances, &error))
    {
      tessera_cli_error ("%s: %s", path, error->message);
      return TESSERA_CLI_EXIT_FAILURE;
    }
  counts = describe_counts (n_spans, n_events, n_stances);

  if (accept || reject)
    {
      gboolean ok = accept
        ? tessera_project_accept_suggestions (project, document_id, &error)
        : tessera_project_reject_suggestions (project, document_id, &error);

      if (!ok)
        {
          tessera_cli_error ("%s: %s", path, error->message);
          return TESSERA_CLI_EXIT_FAILURE;
        }
      /* Translators: "Accepted 3 spans, 1 event, 0 stances." */
      g_print (accept ? _("Accepted %s.\n") : _("Rejected %s.\n"), counts);
      tessera_project_close (project);
      return TESSERA_CLI_EXIT_OK;
    }

  /* Without an action: what waits, per document. */
  if (!(documents = tessera_project_list_suggestion_documents (project, &error)))
    {
      tessera_cli_error ("%s: %s", path, error->message);
      return TESSERA_CLI_EXIT_FAILURE;
    }
  for (guint i = 0; i < documents->len; i++)
    {
      gint64 id = g_array_index (documents, gint64, i);
      g_autoptr(TesseraDocument) doc = NULL;
      g_autofree char *line = NULL;
      guint64 s = 0, e = 0, t = 0;

      if (document_id > 0 && id != document_id)
        continue;
      if (!(doc = tessera_project_get_document (project, id, FALSE, &error)) ||
          !tessera_project_count_suggestions (project, id, &s, &e, &t, &error))
        {
          tessera_cli_error ("%s: %s", path, error->message);
          return TESSERA_CLI_EXIT_FAILURE;
        }
      line = describe_counts (s, e, t);
      g_print ("%s\t%s\n", doc->uid, line);
    }
  /* Translators: "Suggestions: 12 spans, 2 events, 1 stance" */
  g_print (_("Suggestions: %s\n"), counts);

  tessera_project_close (project);

  return TESSERA_CLI_EXIT_OK;
}
