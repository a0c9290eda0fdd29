/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>

#include "tessera-json-writer.h"
#include "tessera-cli-private.h"

#define DEFAULT_SEARCH_LIMIT 20

typedef struct
{
  gint64  id;
  guint64 n_spans;
  guint64 n_events;
  guint64 n_stances;
} AnnotatorCount;

typedef struct
{
  TesseraProject *project;
  guint64         n_documents;
  guint64         by_status[TESSERA_N_STATUSES];
  guint64         n_spans;
  guint64         n_events;
  guint64         n_stances;
  GHashTable     *by_label;      /* gint64* label id → guint64*: spans, event types, stance labels */
  GHashTable     *annotators;    /* gint64* annotator id → AnnotatorCount* */
} Stats;

static guint64 *
counter (GHashTable *table,
         gint64      id)
{
  guint64 *n = g_hash_table_lookup (table, &id);

  if (n == NULL)
    {
      n = g_new0 (guint64, 2);
      /* Key and count share one block: [0] is the id, [1] the count. */
      n[0] = (guint64) id;
      g_hash_table_insert (table, n, n);
    }

  return &n[1];
}

static AnnotatorCount *
annotator_count (Stats  *stats,
                 gint64  id)
{
  AnnotatorCount *count = g_hash_table_lookup (stats->annotators, &id);

  if (count == NULL)
    {
      count = g_new0 (AnnotatorCount, 1);
      count->id = id;
      g_hash_table_insert (stats->annotators, &count->id, count);
    }

  return count;
}

static gboolean
stats_document (TesseraDocument  *doc,
                gpointer          user_data,
                GError          **error)
{
  Stats *stats = user_data;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) stances = NULL;

  spans = tessera_project_list_spans (stats->project, doc->id, error);
  if (spans == NULL)
    return FALSE;
  events = tessera_project_list_events (stats->project, doc->id, error);
  if (events == NULL)
    return FALSE;
  stances = tessera_project_list_stances (stats->project, doc->id, error);
  if (stances == NULL)
    return FALSE;

  stats->n_documents++;
  if ((guint) doc->status < TESSERA_N_STATUSES)
    stats->by_status[doc->status]++;

  stats->n_spans += spans->len;
  for (guint i = 0; i < spans->len; i++)
    {
      const TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);

      (*counter (stats->by_label, span->label_id))++;
      annotator_count (stats, span->annotator_id)->n_spans++;
    }

  stats->n_events += events->len;
  for (guint i = 0; i < events->len; i++)
    {
      const TesseraEvent *event = g_ptr_array_index (events, i);

      annotator_count (stats, event->annotator_id)->n_events++;
    }

  stats->n_stances += stances->len;
  for (guint i = 0; i < stances->len; i++)
    annotator_count (stats, g_array_index (stances, TesseraStance, i).annotator_id)->n_stances++;

  return TRUE;
}

static guint64
label_count (Stats  *stats,
             gint64  label_id)
{
  guint64 *n = g_hash_table_lookup (stats->by_label, &label_id);

  return n != NULL ? n[1] : 0;
}

static int
compare_annotators (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  TesseraProject *project = user_data;
  const AnnotatorCount *ca = *(AnnotatorCount * const *) a;
  const AnnotatorCount *cb = *(AnnotatorCount * const *) b;

  return g_strcmp0 (tessera_project_get_annotator_name (project, ca->id),
                    tessera_project_get_annotator_name (project, cb->id));
}

static const char *
annotator_name (TesseraProject *project,
                gint64          id)
{
  const char *name = tessera_project_get_annotator_name (project, id);

  return name != NULL ? name : "";
}

static void
print_row (int         indent,
           int         width,
           const char *key,
           const char *value)
{
  /* Pad by characters, not bytes, so translated keys line up. */
  int pad = width - indent - (int) g_utf8_strlen (key, -1);

  g_print ("%*s%s%*s  %s\n", indent, "", key, MAX (pad, 0), "", value);
}

static void
print_count_row (int         indent,
                 int         width,
                 const char *key,
                 guint64     value)
{
  g_autofree char *str = g_strdup_printf ("%" G_GUINT64_FORMAT, value);

  print_row (indent, width, key, str);
}

static const TesseraLabelKind span_kinds[] = {
  TESSERA_LABEL_ENTITY,
  TESSERA_LABEL_EVENT,
  TESSERA_LABEL_ROLE,
  TESSERA_LABEL_STANCE,
};

static void
print_stats (Stats       *stats,
             const char  *path,
             const char  *name,
             guint64      file_size,
             GPtrArray   *annotators)
{
  TesseraProject *project = stats->project;
  g_autofree char *size = g_format_size (file_size);
  g_autofree char *file = g_strdup_printf ("%s (%s)", path, size);
  int width = 14;

  for (guint k = 0; k < G_N_ELEMENTS (span_kinds); k++)
    {
      g_autoptr(GPtrArray) labels = tessera_project_list_labels (project, span_kinds[k]);

      for (guint i = 0; labels != NULL && i < labels->len; i++)
        {
          const TesseraLabel *label = g_ptr_array_index (labels, i);

          width = MAX (width, 2 + 8 + (int) g_utf8_strlen (label->name, -1));
        }
    }
  for (guint i = 0; i < annotators->len; i++)
    {
      const AnnotatorCount *count = g_ptr_array_index (annotators, i);

      width = MAX (width, 2 + (int) g_utf8_strlen (annotator_name (project, count->id), -1));
    }

  print_row (0, width, _("Project"), name != NULL ? name : "");
  print_row (0, width, _("File"), file);

  print_count_row (0, width, _("Documents"), stats->n_documents);
  for (guint s = 0; s < TESSERA_N_STATUSES; s++)
    print_count_row (2, width, tessera_status_to_string (s), stats->by_status[s]);

  print_count_row (0, width, _("Spans"), stats->n_spans);
  for (guint k = 0; k < G_N_ELEMENTS (span_kinds); k++)
    {
      g_autoptr(GPtrArray) labels = tessera_project_list_labels (project, span_kinds[k]);

      for (guint i = 0; labels != NULL && i < labels->len; i++)
        {
          const TesseraLabel *label = g_ptr_array_index (labels, i);
          guint64 n = label_count (stats, label->id);
          g_autofree char *key = NULL;

          /* Roles are rarely span labels: list them only when used. */
          if (span_kinds[k] == TESSERA_LABEL_ROLE && n == 0)
            continue;
          key = g_strdup_printf ("%-7s %s", tessera_label_kind_to_string (span_kinds[k]), label->name);
          print_count_row (2, width, key, n);
        }
    }

  print_count_row (0, width, _("Events"), stats->n_events);
  print_count_row (0, width, _("Stances"), stats->n_stances);

  print_count_row (0, width, _("Annotators"), annotators->len);
  for (guint i = 0; i < annotators->len; i++)
    {
      const AnnotatorCount *count = g_ptr_array_index (annotators, i);
      g_autofree char *spans = g_strdup_printf (ngettext ("%u span", "%u spans", (guint) count->n_spans),
                                                (guint) count->n_spans);
      g_autofree char *events = g_strdup_printf (ngettext ("%u event", "%u events", (guint) count->n_events),
                                                 (guint) count->n_events);
      g_autofree char *stances = g_strdup_printf (ngettext ("%u stance", "%u stances", (guint) count->n_stances),
                                                  (guint) count->n_stances);
      g_autofree char *value = g_strdup_printf ("%s, %s, %s", spans, events, stances);

      print_row (2, width, annotator_name (project, count->id), value);
    }
}

static gboolean
write_stats_json (Stats       *stats,
                  const char  *path,
                  const char  *name,
                  guint64      file_size,
                  GPtrArray   *annotators,
                  GError     **error)
{
  TesseraProject *project = stats->project;
  g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  g_autoptr(TesseraJsonWriter) w = tessera_json_writer_new (out, NULL);
  g_autofree char *path_utf8 = g_filename_display_name (path);

  tessera_json_writer_set_pretty (w, TRUE);
  tessera_json_writer_begin_object (w);
  tessera_json_writer_member_string (w, "project", name);
  tessera_json_writer_member_string (w, "file", path_utf8);
  tessera_json_writer_member_int (w, "file_size", file_size);
  tessera_json_writer_member_int (w, "documents", stats->n_documents);

  tessera_json_writer_key (w, "by_status");
  tessera_json_writer_begin_object (w);
  for (guint s = 0; s < TESSERA_N_STATUSES; s++)
    tessera_json_writer_member_int (w, tessera_status_to_string (s), stats->by_status[s]);
  tessera_json_writer_end_object (w);

  tessera_json_writer_member_int (w, "spans", stats->n_spans);
  tessera_json_writer_key (w, "spans_by_label");
  tessera_json_writer_begin_object (w);
  for (guint k = 0; k < G_N_ELEMENTS (span_kinds); k++)
    {
      g_autoptr(GPtrArray) labels = tessera_project_list_labels (project, span_kinds[k]);

      tessera_json_writer_key (w, tessera_label_kind_to_string (span_kinds[k]));
      tessera_json_writer_begin_object (w);
      for (guint i = 0; labels != NULL && i < labels->len; i++)
        {
          const TesseraLabel *label = g_ptr_array_index (labels, i);

          tessera_json_writer_member_int (w, label->name, label_count (stats, label->id));
        }
      tessera_json_writer_end_object (w);
    }
  tessera_json_writer_end_object (w);

  tessera_json_writer_member_int (w, "events", stats->n_events);
  tessera_json_writer_member_int (w, "stances", stats->n_stances);

  tessera_json_writer_key (w, "annotators");
  tessera_json_writer_begin_array (w);
  for (guint i = 0; i < annotators->len; i++)
    {
      const AnnotatorCount *count = g_ptr_array_index (annotators, i);

      tessera_json_writer_begin_object (w);
      tessera_json_writer_member_string (w, "name", tessera_project_get_annotator_name (project, count->id));
      tessera_json_writer_member_int (w, "spans", count->n_spans);
      tessera_json_writer_member_int (w, "events", count->n_events);
      tessera_json_writer_member_int (w, "stances", count->n_stances);
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
tessera_cli_stats (const TesseraCliCommand *command,
                   int                      argc,
                   char                   **argv)
{
  gboolean json = FALSE;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) annotators = NULL;
  g_autofree char *name = NULL;
  const GOptionEntry entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json,
      N_("Print the figures as JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  Stats stats = { 0 };
  const char *path;
  guint64 file_size = 0;
  GStatBuf st;
  GHashTableIter iter;
  gpointer value;
  gboolean ok;
  int status;

  status = tessera_cli_parse (command, entries, &argc, &argv);
  if (status >= 0)
    return status;

  path = argv[1];

  project = tessera_cli_open_project (path, TESSERA_OPEN_READ_ONLY | TESSERA_OPEN_FULL_CHECK);
  if (project == NULL)
    return TESSERA_CLI_EXIT_FAILURE;

  if (g_stat (path, &st) == 0)
    file_size = st.st_size;
  name = tessera_project_dup_name (project);

  stats.project = project;
  stats.by_label = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  stats.annotators = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);

  ok = tessera_project_foreach_document (project, FALSE, stats_document, &stats, &error);
  if (ok)
    {
      annotators = g_ptr_array_new ();
      g_hash_table_iter_init (&iter, stats.annotators);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_ptr_array_add (annotators, value);
      g_ptr_array_sort_with_data (annotators, compare_annotators, project);

      if (json)
        ok = write_stats_json (&stats, path, name, file_size, annotators, &error);
      else
        print_stats (&stats, path, name, file_size, annotators);
    }

  g_clear_pointer (&annotators, g_ptr_array_unref);
  g_hash_table_unref (stats.by_label);
  g_hash_table_unref (stats.annotators);

  if (!ok)
    {
      tessera_cli_error ("%s: %s", path, error->message);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  tessera_project_close (project);

  return TESSERA_CLI_EXIT_OK;
}

int
tessera_cli_check (const TesseraCliCommand *command,
                   int                      argc,
                   char                   **argv)
{
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;
  int status;

  status = tessera_cli_parse (command, NULL, &argc, &argv);
  if (status >= 0)
    return status;

  path = argv[1];

  /* The check runs integrity_check itself and lists what it finds,
   * rather than have the opening refuse a damaged file. */
  project = tessera_cli_open_project (path, TESSERA_OPEN_READ_ONLY | TESSERA_OPEN_SKIP_CHECK);
  if (project == NULL)
    return TESSERA_CLI_EXIT_FAILURE;

  if (!tessera_project_check (project, &problems, &error))
    {
      tessera_cli_error (_("%s: the check could not run: %s"), path, error->message);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  if (problems != NULL && problems->len > 0)
    {
      for (guint i = 0; i < problems->len; i++)
        g_print ("%s: %s\n", path, (const char *) g_ptr_array_index (problems, i));
      g_print (ngettext ("%s: %u problem\n", "%s: %u problems\n", problems->len),
               path, problems->len);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  {
    g_autofree char *documents = NULL;
    g_autofree char *spans = NULL;
    gint64 n_documents = tessera_project_count_documents (project);
    gint64 n_spans = tessera_project_count_spans (project);

    documents = g_strdup_printf (ngettext ("%u document", "%u documents", (gulong) n_documents),
                                 (guint) n_documents);
    spans = g_strdup_printf (ngettext ("%u span", "%u spans", (gulong) n_spans), (guint) n_spans);
    /* Translators: "kidal.tessera: OK, 5 documents, 120 spans" */
    g_print (_("%s: OK, %s, %s\n"), path, documents, spans);
  }

  tessera_project_close (project);

  return TESSERA_CLI_EXIT_OK;
}

/* One line per match in a tab-separated output: fields lose their tabs
 * and line breaks. */
static void
print_field (const char *value,
             char        end)
{
  for (const char *p = value != NULL ? value : ""; *p != '\0'; p++)
    putchar (*p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
  putchar (end);
}

int
tessera_cli_search (const TesseraCliCommand *command,
                    int                      argc,
                    char                   **argv)
{
  int limit = DEFAULT_SEARCH_LIMIT;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *query = NULL;
  const GOptionEntry entries[] = {
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit,
      N_("Print at most N documents (default: 20)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };
  const char *path;
  int status;

  status = tessera_cli_parse (command, entries, &argc, &argv);
  if (status >= 0)
    return status;

  path = argv[1];

  if (limit < 1)
    {
      tessera_cli_error (_("search: --limit must be at least 1"));
      return TESSERA_CLI_EXIT_USAGE;
    }

  {
    g_autoptr(GString) words = g_string_new (NULL);

    for (int i = 2; i < argc; i++)
      g_string_append_printf (words, "%s%s", i > 2 ? " " : "", argv[i]);
    query = g_string_free (g_steal_pointer (&words), FALSE);
  }
  if (!g_utf8_validate (query, -1, NULL))
    {
      tessera_cli_error (_("search: the query is not valid UTF-8"));
      return TESSERA_CLI_EXIT_USAGE;
    }

  project = tessera_cli_open_project (path, TESSERA_OPEN_READ_ONLY);
  if (project == NULL)
    return TESSERA_CLI_EXIT_FAILURE;

  ids = tessera_project_search (project, query, (guint) limit, &error);
  if (ids == NULL)
    {
      tessera_cli_error (_("search failed: %s"), error->message);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(TesseraDocument) doc = NULL;

      doc = tessera_project_get_document (project, g_array_index (ids, gint64, i), FALSE, &error);
      if (doc == NULL)
        {
          tessera_cli_error (_("search failed: %s"), error->message);
          return TESSERA_CLI_EXIT_FAILURE;
        }

      print_field (doc->uid, '\t');
      print_field (doc->title, '\t');
      print_field (doc->source, '\n');
    }

  if (fflush (stdout) != 0)
    {
      tessera_cli_error (_("search failed: %s"), g_strerror (errno));
      return TESSERA_CLI_EXIT_FAILURE;
    }

  if (ids->len == 0)
    g_printerr (_("No documents match “%s”.\n"), query);

  tessera_project_close (project);

  return TESSERA_CLI_EXIT_OK;
}
