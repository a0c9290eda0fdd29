/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <gio/gunixoutputstream.h>

#include "tessera-duplicates.h"
#include "tessera-json-writer.h"
#include "tessera-propagate.h"
#include "tessera-text.h"
#include "tessera-cli-analysis.h"

/* Characters of a passage, and of a title, shown in the listing. */
#define EXCERPT_CHARS 72
#define TITLE_CHARS   48

static gboolean
parse_similarity (const char *command,
                  double      value)
{
  if (value > 0.0 && value <= 1.0)
    return TRUE;

  tessera_cli_error (_("%s: --min-similarity must be above 0 and at most 1"), command);
  return FALSE;
}

/* Document metadata by id, for titles and sources. */
static GHashTable *
index_documents (TesseraProject  *project,
                 GError         **error)
{
  g_autoptr(GPtrArray) documents = tessera_project_list_documents (project, error);
  GHashTable *by_id;

  if (documents == NULL)
    return NULL;

  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                 (GDestroyNotify) tessera_document_unref);
  for (guint i = 0; i < documents->len; i++)
    {
      TesseraDocument *doc = g_ptr_array_index (documents, i);

      g_hash_table_insert (by_id, &doc->id, tessera_document_ref (doc));
    }

  return by_id;
}

/* One line of text: line breaks and tabs become spaces. */
static char *
one_line (const char *text)
{
  char *line = g_strdup (text != NULL ? text : "");

  for (char *p = line; *p != '\0'; p++)
    if (*p == '\n' || *p == '\t' || *p == '\r')
      *p = ' ';
  return line;
}

static char *
passage_text (TesseraProject        *project,
              const TesseraPassage  *passage,
              GError               **error)
{
  g_autoptr(TesseraDocument) doc = tessera_project_get_document (project, passage->document_id, TRUE, error);

  if (doc == NULL)
    return NULL;

  return tessera_text_slice (doc->text != NULL ? doc->text : "", passage->start, passage->end);
}

static char *
excerpt (const char *text,
         glong       max_chars)
{
  g_autofree char *line = one_line (text);
  g_autofree char *cut = NULL;

  if (g_utf8_strlen (line, -1) <= max_chars)
    return g_steal_pointer (&line);

  cut = g_utf8_substring (line, 0, max_chars - 1);
  /* Translators: a passage cut short */
  return g_strdup_printf (_("%s…"), cut);
}

static gboolean
print_duplicates (TesseraProject     *project,
                  TesseraDuplicates  *duplicates,
                  GHashTable         *documents,
                  GError            **error)
{
  const TesseraDuplicateStats *stats = tessera_duplicates_get_stats (duplicates);
  guint n_groups = tessera_duplicates_get_n_groups (duplicates);

  for (guint g = 0; g < n_groups; g++)
    {
      const TesseraDuplicateGroup *group = tessera_duplicates_get_group (duplicates, g);
      g_autofree char *docs = g_strdup_printf (ngettext ("%u document", "%u documents", group->n_documents),
                                               group->n_documents);
      g_autofree char *sentences = g_strdup_printf (ngettext ("%u sentence", "%u sentences", group->n_sentences),
                                                    group->n_sentences);

      /* Translators: "Passage 3: 4 documents, 2 sentences, similarity 0.87" */
      g_print (_("Passage %u: %s, %s, similarity %.2f\n"), g + 1, docs, sentences, group->similarity);

      for (guint p = 0; p < group->passages->len; p++)
        {
          const TesseraPassage *passage = &g_array_index (group->passages, TesseraPassage, p);
          TesseraDocument *doc = g_hash_table_lookup (documents, &passage->document_id);
          g_autofree char *text = passage_text (project, passage, error);
          g_autofree char *title = NULL;
          g_autofree char *short_text = NULL;

          if (text == NULL)
            return FALSE;
          short_text = excerpt (text, EXCERPT_CHARS);
          title = excerpt (doc != NULL ? doc->title : NULL, TITLE_CHARS);

          g_print ("  %s\t%s%s%s%s\t%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT "\t“%s”\n",
                   doc != NULL ? doc->uid : "?", title,
                   doc != NULL && doc->source != NULL && *doc->source != '\0' ? " (" : "",
                   doc != NULL && doc->source != NULL ? doc->source : "",
                   doc != NULL && doc->source != NULL && *doc->source != '\0' ? ")" : "",
                   passage->start, passage->end, short_text);
        }
      g_print ("\n");
    }

  {
    g_autofree char *passages = g_strdup_printf (ngettext ("%u shared passage", "%u shared passages", n_groups),
                                                 n_groups);
    g_autofree char *sentences = g_strdup_printf (ngettext ("%u sentence", "%u sentences", (gulong) stats->n_sentences),
                                                  (guint) stats->n_sentences);
    g_autofree char *documents_str = g_strdup_printf (ngettext ("%u document", "%u documents", (gulong) stats->n_documents),
                                                      (guint) stats->n_documents);
    /* The count goes in as text: xgettext cannot read G_GUINT64_FORMAT. */
    g_autofree char *n_pairs = g_strdup_printf ("%" G_GUINT64_FORMAT, stats->n_pairs_compared);
    g_autofree char *pairs = g_strdup_printf (ngettext ("%s pair of sentences compared",
                                                        "%s pairs of sentences compared",
                                                        (gulong) MIN (stats->n_pairs_compared, G_MAXULONG)),
                                              n_pairs);

    /* Translators: "3 shared passages (12 sentences of 5 documents, 40 pairs of sentences compared)" */
    g_print (_("%s (%s of %s, %s)\n"), passages, sentences, documents_str, pairs);
  }

  return TRUE;
}

static gboolean
write_duplicates_json (TesseraProject     *project,
                       TesseraDuplicates  *duplicates,
                       GHashTable         *documents,
                       double              min_similarity,
                       GError            **error)
{
  const TesseraDuplicateStats *stats = tessera_duplicates_get_stats (duplicates);
  g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  g_autoptr(TesseraJsonWriter) w = tessera_json_writer_new (out, NULL);

  tessera_json_writer_set_pretty (w, TRUE);
  tessera_json_writer_begin_object (w);
  tessera_json_writer_member_int (w, "documents", stats->n_documents);
  tessera_json_writer_member_int (w, "sentences", stats->n_sentences);
  tessera_json_writer_member_int (w, "pairs_compared", stats->n_pairs_compared);
  tessera_json_writer_key (w, "min_similarity");
  tessera_json_writer_double (w, min_similarity);
  tessera_json_writer_member_string (w, "offset_unit", "codepoint");

  tessera_json_writer_key (w, "passages");
  tessera_json_writer_begin_array (w);
  for (guint g = 0; g < tessera_duplicates_get_n_groups (duplicates); g++)
    {
      const TesseraDuplicateGroup *group = tessera_duplicates_get_group (duplicates, g);

      tessera_json_writer_begin_object (w);
      tessera_json_writer_key (w, "similarity");
      tessera_json_writer_double (w, group->similarity);
      tessera_json_writer_member_int (w, "documents", group->n_documents);
      tessera_json_writer_member_int (w, "sentences", group->n_sentences);
      tessera_json_writer_key (w, "copies");
      tessera_json_writer_begin_array (w);
      for (guint p = 0; p < group->passages->len; p++)
        {
          const TesseraPassage *passage = &g_array_index (group->passages, TesseraPassage, p);
          TesseraDocument *doc = g_hash_table_lookup (documents, &passage->document_id);
          g_autofree char *text = passage_text (project, passage, error);

          if (text == NULL)
            return FALSE;

          tessera_json_writer_begin_object (w);
          tessera_json_writer_member_string (w, "document", doc != NULL ? doc->uid : NULL);
          tessera_json_writer_member_string (w, "title", doc != NULL ? doc->title : NULL);
          tessera_json_writer_member_string (w, "source", doc != NULL ? doc->source : NULL);
          tessera_json_writer_member_int (w, "start", passage->start);
          tessera_json_writer_member_int (w, "end", passage->end);
          tessera_json_writer_member_string (w, "text", text);
          tessera_json_writer_end_object (w);
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
tessera_cli_duplicates (const TesseraCliCommand *command,
                        int                      argc,
                        char                   **argv)
{
  gboolean json = FALSE;
  double min_similarity = TESSERA_DUPLICATES_DEFAULT_SIMILARITY;
  int min_words = TESSERA_DUPLICATES_DEFAULT_MIN_WORDS;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(TesseraDuplicates) duplicates = NULL;
  g_autoptr(GHashTable) documents = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json,
      N_("Print the passages as JSON"), NULL },
    { "min-similarity", 's', 0, G_OPTION_ARG_DOUBLE, &min_similarity,
      N_("How alike two sentences must be, above 0 and at most 1 (default: 0.6)"), N_("X") },
    { "min-words", 'w', 0, G_OPTION_ARG_INT, &min_words,
      N_("Leave out sentences of fewer words (default: 6)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };
  TesseraDuplicateOptions options;
  const char *path;
  gboolean ok;
  int status;

  status = tessera_cli_parse (command, entries, &argc, &argv);
  if (status >= 0)
    return status;

  path = argv[1];

  if (!parse_similarity (command->name, min_similarity))
    return TESSERA_CLI_EXIT_USAGE;
  if (min_words < 1)
    {
      tessera_cli_error (_("%s: --min-words must be at least 1"), command->name);
      return TESSERA_CLI_EXIT_USAGE;
    }

  project = tessera_cli_open_project (path, TESSERA_OPEN_READ_ONLY);
  if (project == NULL)
    return TESSERA_CLI_EXIT_FAILURE;

  tessera_duplicate_options_init (&options);
  options.min_similarity = min_similarity;
  options.min_words = min_words;

  duplicates = tessera_duplicates_find (project, &options, NULL, NULL, NULL, &error);
  ok = duplicates != NULL && (documents = index_documents (project, &error)) != NULL;
  if (ok)
    {
      if (json)
        ok = write_duplicates_json (project, duplicates, documents, min_similarity, &error);
      else
        ok = print_duplicates (project, duplicates, documents, &error);
    }

  if (!ok)
    {
      tessera_cli_error ("%s: %s", path, error->message);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  tessera_project_close (project);

  return TESSERA_CLI_EXIT_OK;
}

int
tessera_cli_propagate (const TesseraCliCommand *command,
                       int                      argc,
                       char                   **argv)
{
  g_autofree char *from = NULL;
  gboolean accept = FALSE;
  double min_similarity = TESSERA_DUPLICATES_DEFAULT_SIMILARITY;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(TesseraDuplicates) duplicates = NULL;
  g_autoptr(TesseraPropagateResult) result = NULL;
  g_autoptr(GHashTable) documents = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "from", 'f', 0, G_OPTION_ARG_STRING, &from,
      N_("Carry only the annotations of this document (its id)"), N_("DOC") },
    { "accept", 'a', 0, G_OPTION_ARG_NONE, &accept,
      N_("Accept what is proposed at once"), NULL },
    { "min-similarity", 's', 0, G_OPTION_ARG_DOUBLE, &min_similarity,
      N_("How alike two copies of a sentence must be, above 0 and at most 1 (default: 0.6)"), N_("X") },
    G_OPTION_ENTRY_NULL
  };
  TesseraDuplicateOptions options;
  gint64 source_id = 0;
  const char *path;
  guint n_spans, n_events, n_stances;
  int status;

  status = tessera_cli_parse (command, entries, &argc, &argv);
  if (status >= 0)
    return status;

  path = argv[1];

  if (!parse_similarity (command->name, min_similarity))
    return TESSERA_CLI_EXIT_USAGE;

  project = tessera_cli_open_project (path, TESSERA_OPEN_DEFAULT);
  if (project == NULL)
    return TESSERA_CLI_EXIT_FAILURE;

  if (from != NULL)
    {
      g_autoptr(TesseraDocument) doc = tessera_project_find_document (project, from, FALSE, &error);

      if (doc == NULL)
        {
          if (error != NULL)
            tessera_cli_error ("%s: %s", path, error->message);
          else
            tessera_cli_error (_("%s: no document with id “%s”"), path, from);
          return TESSERA_CLI_EXIT_FAILURE;
        }
      source_id = doc->id;
    }

  tessera_duplicate_options_init (&options);
  options.min_similarity = min_similarity;

  if (!(duplicates = tessera_duplicates_find (project, &options, NULL, NULL, NULL, &error)) ||
      !(result = tessera_propagate (project, duplicates, source_id, min_similarity, &error)) ||
      (accept && !tessera_propagate_result_accept (project, result, &error)) ||
      !(documents = index_documents (project, &error)))
    {
      tessera_cli_error ("%s: %s", path, error->message);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  for (guint i = 0; i < result->counts->len; i++)
    {
      const TesseraPropagateCount *count = &g_array_index (result->counts, TesseraPropagateCount, i);
      TesseraDocument *doc = g_hash_table_lookup (documents, &count->document_id);
      g_autofree char *title = excerpt (doc != NULL ? doc->title : NULL, TITLE_CHARS);
      g_autofree char *what = tessera_cli_counts_text (count->n_spans, count->n_events, count->n_stances);

      g_print ("%s\t%s\t%s\n", doc != NULL ? doc->uid : "?", title, what);
    }

  tessera_propagate_result_totals (result, &n_spans, &n_events, &n_stances);
  {
    g_autofree char *what = tessera_cli_counts_text (n_spans, n_events, n_stances);
    guint n_docs = result->counts->len;

    if (accept)
      /* Translators: "Accepted 3 spans, 1 event, 0 stances in 2 documents." */
      g_print (ngettext ("Accepted %s in %u document.\n", "Accepted %s in %u documents.\n", n_docs),
               what, n_docs);
    else
      /* Translators: "Proposed 3 spans, 1 event, 0 stances in 2 documents." */
      g_print (ngettext ("Proposed %s in %u document.\n", "Proposed %s in %u documents.\n", n_docs),
               what, n_docs);
  }

  tessera_project_close (project);

  return TESSERA_CLI_EXIT_OK;
}
