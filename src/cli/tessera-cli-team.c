/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-cli"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <glib/gi18n.h>
#include <gio/gunixoutputstream.h>

#include "tessera-agreement.h"
#include "tessera-assignment.h"
#include "tessera-curation.h"
#include "tessera-json-writer.h"
#include "tessera-cli-private.h"

/* --- assign --------------------------------------------------------------- */

/* Names from "ana,ben,cy": not empty, no repeats, usable as file names. */
static GStrv
parse_annotators (const char *command,
                  const char *list)
{
  g_auto(GStrv) names = g_strsplit (list, ",", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_strstrip (names[i]);
      if (*names[i] == '\0' || strchr (names[i], '/') != NULL || names[i][0] == '.')
        {
          tessera_cli_error (_("%s: “%s” cannot be an annotator's name (it names their file)"),
                             command, names[i]);
          return NULL;
        }
      for (guint j = 0; j < i; j++)
        if (g_str_equal (names[i], names[j]))
          {
            tessera_cli_error (_("%s: “%s” is named twice"), command, names[i]);
            return NULL;
          }
    }
  if (names[0] == NULL)
    {
      tessera_cli_error (_("%s: --annotators names nobody"), command);
      return NULL;
    }
  return g_steal_pointer (&names);
}

static void
write_uids (TesseraJsonWriter *w,
            GHashTable        *uids,
            GArray            *ids)
{
  tessera_json_writer_begin_array (w);
  for (guint i = 0; i < ids->len; i++)
    tessera_json_writer_string (w, g_hash_table_lookup (uids, &g_array_index (ids, gint64, i)), -1);
  tessera_json_writer_end_array (w);
}

static gboolean
write_assignment_json (const char         *path,
                       TesseraProject     *project,
                       TesseraAssignment  *plan,
                       GHashTable         *uids,
                       GError            **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = g_file_create (file, G_FILE_CREATE_NONE, NULL, error);
  g_autoptr(TesseraJsonWriter) w = NULL;
  g_autofree char *name = NULL;

  if (out == NULL)
    return FALSE;
  w = tessera_json_writer_new (G_OUTPUT_STREAM (out), NULL);
  name = tessera_project_dup_name (project);
  tessera_json_writer_set_pretty (w, TRUE);
  tessera_json_writer_begin_object (w);
  tessera_json_writer_member_string (w, "format", "tessera-assignment");
  tessera_json_writer_member_int (w, "version", 1);
  tessera_json_writer_member_string (w, "project", name);
  tessera_json_writer_member_int (w, "seed", plan->seed);
  tessera_json_writer_member_int (w, "overlap", plan->overlap_percent);
  tessera_json_writer_key (w, "shared");
  write_uids (w, uids, plan->shared);
  tessera_json_writer_key (w, "annotators");
  tessera_json_writer_begin_array (w);
  for (guint a = 0; a < plan->annotators->len; a++)
    {
      const char *annotator = g_ptr_array_index (plan->annotators, a);
      g_autofree char *file_name = g_strconcat (annotator, ".tessera", NULL);

      tessera_json_writer_begin_object (w);
      tessera_json_writer_member_string (w, "name", annotator);
      tessera_json_writer_member_string (w, "file", file_name);
      tessera_json_writer_key (w, "documents");
      write_uids (w, uids, g_ptr_array_index (plan->documents, a));
      tessera_json_writer_end_object (w);
    }
  tessera_json_writer_end_array (w);
  tessera_json_writer_end_object (w);
  tessera_json_writer_newline (w);

  return tessera_json_writer_finish (g_steal_pointer (&w), error) &&
         g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
}

/* DIR/NAME.tessera with the documents @ids of @source. */
static gboolean
write_package (TesseraProject  *source,
               const char      *schema,
               const char      *path,
               const char      *annotator,
               GArray          *ids,
               gboolean         with_annotations,
               GError         **error)
{
  g_autoptr(TesseraProject) package = NULL;
  g_autofree char *source_name = tessera_project_dup_name (source);
  /* Translators: a package handed to an annotator: "kidal (ana)" */
  g_autofree char *name = g_strdup_printf (_("%s (%s)"), source_name, annotator);
  gboolean ok;

  if (!(package = tessera_project_create (path, schema, error)))
    return FALSE;
  ok = tessera_project_set_name (package, name, error) &&
       tessera_copy_documents (package, source, ids, with_annotations ? annotator : NULL, NULL, error);
  tessera_project_close (package);
  return ok;
}

int
tessera_cli_assign (const TesseraCliCommand *command,
                    int                      argc,
                    char                   **argv)
{
  g_autofree char *names = NULL;
  g_autofree char *dir = NULL;
  g_auto(GStrv) annotators = NULL;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) uids = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(TesseraAssignment) plan = NULL;
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *assignment_path = NULL;
  int overlap = -1;
  gint64 seed = 1;
  gboolean with_annotations = FALSE;
  const GOptionEntry entries[] = {
    { "annotators", 'a', 0, G_OPTION_ARG_STRING, &names,
      N_("Who annotates (comma-separated)"), N_("A,B,…") },
    { "overlap", 'p', 0, G_OPTION_ARG_INT, &overlap,
      N_("Percentage of the documents every annotator gets (0–100)"), N_("PCT") },
    { "output-dir", 'o', 0, G_OPTION_ARG_FILENAME, &dir,
      N_("Folder for the annotators' projects and assignment.json"), N_("DIR") },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed,
      N_("Seed of the shuffle (default: 1); the same seed gives the same assignment"), N_("N") },
    { "with-annotations", 'w', 0, G_OPTION_ARG_NONE, &with_annotations,
      N_("Give the accepted annotations too, as suggestions to review"), NULL },
    G_OPTION_ENTRY_NULL
  };
  const char *path;
  int status;

  status = tessera_cli_parse (command, entries, &argc, &argv);
  if (status >= 0)
    return status;
  path = argv[1];

  if (names == NULL || dir == NULL || overlap < 0)
    {
      tessera_cli_error (_("%s: --annotators, --overlap and --output-dir are required"), command->name);
      return TESSERA_CLI_EXIT_USAGE;
    }
  if (overlap > 100)
    {
      tessera_cli_error (_("%s: --overlap is a percentage, from 0 to 100"), command->name);
      return TESSERA_CLI_EXIT_USAGE;
    }
  if (seed < 0 || seed > G_MAXUINT32)
    {
      tessera_cli_error (_("%s: --seed must be from 0 to %u"), command->name, G_MAXUINT32);
      return TESSERA_CLI_EXIT_USAGE;
    }
  if (!(annotators = parse_annotators (command->name, names)))
    return TESSERA_CLI_EXIT_USAGE;

  assignment_path = g_build_filename (dir, "assignment.json", NULL);
  for (guint a = 0; annotators[a] != NULL; a++)
    {
      g_autofree char *file_name = g_strconcat (annotators[a], ".tessera", NULL);
      g_autofree char *package = g_build_filename (dir, file_name, NULL);

      if (g_file_test (package, G_FILE_TEST_EXISTS))
        {
          tessera_cli_error (_("%s already exists; nothing was written"), package);
          return TESSERA_CLI_EXIT_FAILURE;
        }
    }
  if (g_file_test (assignment_path, G_FILE_TEST_EXISTS))
    {
      tessera_cli_error (_("%s already exists; nothing was written"), assignment_path);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  project = tessera_cli_open_project (path, TESSERA_OPEN_READ_ONLY);
  if (project == NULL)
    return TESSERA_CLI_EXIT_FAILURE;
  if (!(documents = tessera_project_list_documents (project, &error)))
    {
      tessera_cli_error ("%s: %s", path, error->message);
      return TESSERA_CLI_EXIT_FAILURE;
    }
  for (guint i = 0; i < documents->len; i++)
    {
      TesseraDocument *doc = documents->pdata[i];

      g_array_append_val (ids, doc->id);
      g_hash_table_insert (uids, &doc->id, doc->uid);
    }

  plan = tessera_assignment_plan (ids, (const char * const *) annotators, overlap, (guint32) seed);
  schema = tessera_project_dup_schema_json (project);

  if (g_mkdir_with_parents (dir, 0777) != 0)
    {
      tessera_cli_error ("%s: %s", dir, g_strerror (errno));
      return TESSERA_CLI_EXIT_FAILURE;
    }
  for (guint a = 0; annotators[a] != NULL; a++)
    {
      g_autofree char *file_name = g_strconcat (annotators[a], ".tessera", NULL);
      char *package = g_build_filename (dir, file_name, NULL);

      g_ptr_array_add (made, package);
      if (!write_package (project, schema, package, annotators[a], g_ptr_array_index (plan->documents, a),
                          with_annotations, &error))
        break;
    }
  if (error == NULL)
    write_assignment_json (assignment_path, project, plan, uids, &error);
  if (error != NULL)
    {
      tessera_cli_error ("%s", error->message);
      /* All or nothing. */
      for (guint i = 0; i < made->len; i++)
        tessera_cli_remove_project_files (g_ptr_array_index (made, i));
      g_unlink (assignment_path);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  for (guint a = 0; annotators[a] != NULL; a++)
    {
      guint n = ((GArray *) g_ptr_array_index (plan->documents, a))->len;

      /* Translators: "ana: 5 documents in out/ana.tessera" */
      g_print (ngettext ("%s: %u document in %s\n", "%s: %u documents in %s\n", n),
               annotators[a], n, (char *) g_ptr_array_index (made, a));
    }
  g_print (ngettext ("%u document shared by everyone; the assignment is in %s\n",
                     "%u documents shared by everyone; the assignment is in %s\n", plan->shared->len),
           plan->shared->len, assignment_path);

  tessera_project_close (project);
  return TESSERA_CLI_EXIT_OK;
}

/* --- merge ---------------------------------------------------------------- */

/* A new project beside @output, with the schema of the project at @first;
 * NULL (message printed) when it cannot be made. */
static TesseraProject *
create_beside (const char  *output,
               const char  *first,
               char       **made_path)
{
  g_autoptr(TesseraProject) model = tessera_cli_open_project (first, TESSERA_OPEN_READ_ONLY);
  g_autofree char *schema = NULL;
  g_autofree char *dir = g_path_get_dirname (output);
  g_autofree char *base = g_path_get_basename (output);
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  TesseraProject *project = NULL;

  if (model == NULL)
    return NULL;
  schema = tessera_project_dup_schema_json (model);
  tessera_project_close (model);

  /* Moved into place only once complete. */
  path = g_strdup_printf ("%s/.%s.%u.merging", dir, base, (guint) getpid ());
  tessera_cli_remove_project_files (path);
  name = tessera_cli_name_from_path (output);
  if (!(project = tessera_project_create (path, schema, &error)) ||
      !tessera_project_set_name (project, name, &error))
    {
      tessera_cli_error ("%s: %s", output, error->message);
      if (project != NULL)
        {
          tessera_project_close (project);
          g_object_unref (project);
          tessera_cli_remove_project_files (path);
        }
      return NULL;
    }
  *made_path = g_steal_pointer (&path);
  return project;
}

int
tessera_cli_merge (const TesseraCliCommand *command,
                   int                      argc,
                   char                   **argv)
{
  g_autofree char *into = NULL;
  g_autofree char *made = NULL;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GError) error = NULL;
  TesseraImportReport report;
  const GOptionEntry entries[] = {
    { "into", 'i', 0, G_OPTION_ARG_FILENAME, &into,
      N_("Merge into this existing project; every argument is then an input"), N_("PROJECT") },
    G_OPTION_ENTRY_NULL
  };
  const char *output;
  const char * const *inputs;
  int status;

  status = tessera_cli_parse (command, entries, &argc, &argv);
  if (status >= 0)
    return status;

  if (into != NULL)
    {
      output = into;
      inputs = (const char * const *) argv + 1;
      project = tessera_cli_open_project (into, TESSERA_OPEN_DEFAULT);
    }
  else
    {
      output = argv[1];
      inputs = (const char * const *) argv + 2;
      if (argc < 3)
        {
          tessera_cli_error (_("%s: give the output project and at least one input"), command->name);
          return TESSERA_CLI_EXIT_USAGE;
        }
      if (g_file_test (output, G_FILE_TEST_EXISTS))
        {
          tessera_cli_error (_("%s already exists; to merge into it, use --into"), output);
          return TESSERA_CLI_EXIT_FAILURE;
        }
      project = create_beside (output, inputs[0], &made);
    }
  if (project == NULL)
    return TESSERA_CLI_EXIT_FAILURE;

  tessera_import_report_init (&report);
  if (!tessera_merge_projects (project, inputs, NULL, &report, &error))
    {
      tessera_cli_error ("%s", error->message);
      tessera_import_report_clear (&report);
      tessera_project_close (project);
      if (made != NULL)
        tessera_cli_remove_project_files (made);
      else
        g_printerr (_("Nothing was merged; %s is unchanged.\n"), output);
      return TESSERA_CLI_EXIT_FAILURE;
    }
  tessera_project_close (project);

  if (made != NULL && (g_file_test (output, G_FILE_TEST_EXISTS) || g_rename (made, output) != 0))
    {
      tessera_cli_error (_("%s could not be written (%s); nothing was merged"), output,
                         g_file_test (output, G_FILE_TEST_EXISTS) ? g_strerror (EEXIST) : g_strerror (errno));
      tessera_cli_remove_project_files (made);
      tessera_import_report_clear (&report);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  tessera_cli_print_import_summary (&report);
  tessera_import_report_clear (&report);
  return TESSERA_CLI_EXIT_OK;
}

/* --- agreement ------------------------------------------------------------ */

static void
write_number (TesseraJsonWriter *w,
              const char        *key,
              double             value)
{
  tessera_json_writer_key (w, key);
  if (isnan (value))
    tessera_json_writer_null (w);
  else
    tessera_json_writer_double (w, round (value * 10000.0) / 10000.0);
}

static void
write_count (TesseraJsonWriter           *w,
             const TesseraAgreementCount *count)
{
  write_number (w, "f1", tessera_agreement_count_f1 (count));
  tessera_json_writer_member_int (w, "a", count->a);
  tessera_json_writer_member_int (w, "b", count->b);
  tessera_json_writer_member_int (w, "matched", count->matched);
}

static void
write_measure (TesseraJsonWriter          *w,
               const TesseraAgreementPair *pair,
               TesseraAgreementMeasure     measure)
{
  tessera_json_writer_key (w, tessera_agreement_measure_name (measure));
  tessera_json_writer_begin_object (w);
  write_count (w, &pair->counts[measure]);
  tessera_json_writer_end_object (w);
}

static gboolean
write_agreement_json (const TesseraAgreement  *agreement,
                      GError                 **error)
{
  g_autoptr(GOutputStream) out = g_unix_output_stream_new (fileno (stdout), FALSE);
  g_autoptr(TesseraJsonWriter) w = tessera_json_writer_new (out, NULL);

  tessera_json_writer_set_pretty (w, TRUE);
  tessera_json_writer_begin_object (w);
  tessera_json_writer_key (w, "annotators");
  tessera_json_writer_begin_array (w);
  for (guint i = 0; i < agreement->annotators->len; i++)
    tessera_json_writer_string (w, g_ptr_array_index (agreement->annotators, i), -1);
  tessera_json_writer_end_array (w);

  tessera_json_writer_key (w, "pairs");
  tessera_json_writer_begin_array (w);
  for (guint p = 0; p < agreement->pairs->len; p++)
    {
      const TesseraAgreementPair *pair = g_ptr_array_index (agreement->pairs, p);

      tessera_json_writer_begin_object (w);
      tessera_json_writer_member_string (w, "a", pair->a);
      tessera_json_writer_member_string (w, "b", pair->b);
      tessera_json_writer_member_int (w, "documents", pair->n_documents);

      tessera_json_writer_key (w, "spans");
      tessera_json_writer_begin_object (w);
      write_count (w, &pair->counts[TESSERA_AGREEMENT_SPANS]);
      tessera_json_writer_key (w, "by_label");
      tessera_json_writer_begin_object (w);
      for (guint l = 0; l < pair->labels->len; l++)
        {
          tessera_json_writer_key (w, g_ptr_array_index (pair->labels, l));
          tessera_json_writer_begin_object (w);
          write_count (w, &g_array_index (pair->by_label, TesseraAgreementCount, l));
          tessera_json_writer_end_object (w);
        }
      tessera_json_writer_end_object (w);
      tessera_json_writer_end_object (w);

      tessera_json_writer_key (w, "events");
      tessera_json_writer_begin_object (w);
      write_measure (w, pair, TESSERA_AGREEMENT_TRIGGERS);
      write_measure (w, pair, TESSERA_AGREEMENT_ARGUMENTS);
      write_measure (w, pair, TESSERA_AGREEMENT_FRAMES);
      tessera_json_writer_end_object (w);

      tessera_json_writer_key (w, "stances");
      tessera_json_writer_begin_object (w);
      write_count (w, &pair->counts[TESSERA_AGREEMENT_STANCES]);
      tessera_json_writer_end_object (w);

      tessera_json_writer_key (w, "alpha");
      tessera_json_writer_begin_object (w);
      write_number (w, "value", pair->alpha);
      tessera_json_writer_member_string (w, "variant", "Krippendorff's alpha, nominal data, two coders");
      tessera_json_writer_member_string (w, "units",
                                         "entity-span places (document, start, end) either annotator marked; "
                                         "the value each gave is its label, or none");
      tessera_json_writer_member_int (w, "n_units", pair->alpha_units);
      tessera_json_writer_end_object (w);

      tessera_json_writer_key (w, "clusters");
      tessera_json_writer_begin_object (w);
      tessera_json_writer_member_string (w, "measure",
                                         "B-cubed over the mentions (entity spans and event triggers) both "
                                         "annotators marked that either linked into a cluster");
      write_number (w, "precision", pair->b3_precision);
      write_number (w, "recall", pair->b3_recall);
      write_number (w, "f1", pair->b3_f1);
      tessera_json_writer_member_int (w, "mentions", pair->b3_mentions);
      tessera_json_writer_end_object (w);

      tessera_json_writer_end_object (w);
    }
  tessera_json_writer_end_array (w);
  tessera_json_writer_end_object (w);
  tessera_json_writer_newline (w);

  return tessera_json_writer_finish (g_steal_pointer (&w), error);
}

/* "0.83", or "–" when there was nothing to compare. */
static char *
figure (double value)
{
  if (isnan (value))
    return g_strdup ("–");
  return g_strdup_printf ("%.2f", value);
}

/* @text padded with spaces to @width columns (by characters). */
static void
print_cell (const char *text,
            int         width,
            gboolean    right)
{
  int pad = MAX (0, width - (int) g_utf8_strlen (text, -1));

  if (right)
    g_print ("%*s%s", pad, "", text);
  else
    g_print ("%s%*s", text, pad, "");
}

static void
print_agreement_text (const TesseraAgreement *agreement)
{
  const char *headers[] = {
    /* Translators: column headers of the agreement table; keep them short */
    N_("docs"), N_("spans"), N_("triggers"), N_("arguments"), N_("frames"), N_("stances"), N_("α"), N_("B³"),
  };
  int pair_width = (int) g_utf8_strlen (_("pair"), -1);

  for (guint p = 0; p < agreement->pairs->len; p++)
    {
      const TesseraAgreementPair *pair = g_ptr_array_index (agreement->pairs, p);

      pair_width = MAX (pair_width, (int) (g_utf8_strlen (pair->a, -1) + g_utf8_strlen (pair->b, -1) + 3));
    }

  /* Translators: first line of the agreement table */
  g_print (_("Agreement (F1) between each pair of annotators, over the documents both annotated\n\n"));
  print_cell (_("pair"), pair_width, FALSE);
  for (guint h = 0; h < G_N_ELEMENTS (headers); h++)
    {
      g_print ("  ");
      print_cell (_(headers[h]), MAX (9, (int) g_utf8_strlen (_(headers[h]), -1)), TRUE);
    }
  g_print ("\n");

  for (guint p = 0; p < agreement->pairs->len; p++)
    {
      const TesseraAgreementPair *pair = g_ptr_array_index (agreement->pairs, p);
      g_autofree char *name = g_strdup_printf ("%s – %s", pair->a, pair->b);
      g_autofree char *docs = g_strdup_printf ("%u", pair->n_documents);
      char *cells[G_N_ELEMENTS (headers)] = { NULL };

      cells[0] = g_strdup (docs);
      for (guint m = 0; m < TESSERA_AGREEMENT_N_MEASURES; m++)
        cells[1 + m] = figure (tessera_agreement_count_f1 (&pair->counts[m]));
      cells[6] = figure (pair->alpha);
      cells[7] = figure (pair->b3_f1);

      print_cell (name, pair_width, FALSE);
      for (guint h = 0; h < G_N_ELEMENTS (headers); h++)
        {
          g_print ("  ");
          print_cell (cells[h], MAX (9, (int) g_utf8_strlen (_(headers[h]), -1)), TRUE);
          g_free (cells[h]);
        }
      g_print ("\n");
    }

  for (guint p = 0; p < agreement->pairs->len; p++)
    {
      const TesseraAgreementPair *pair = g_ptr_array_index (agreement->pairs, p);
      int label_width = 0;

      if (pair->labels->len == 0)
        continue;
      /* Translators: "Entity spans by label, ana – ben:" */
      g_print (_("\nEntity spans by label, %s – %s:\n"), pair->a, pair->b);
      for (guint l = 0; l < pair->labels->len; l++)
        label_width = MAX (label_width, (int) g_utf8_strlen (g_ptr_array_index (pair->labels, l), -1));
      for (guint l = 0; l < pair->labels->len; l++)
        {
          const TesseraAgreementCount *count = &g_array_index (pair->by_label, TesseraAgreementCount, l);
          g_autofree char *f1 = figure (tessera_agreement_count_f1 (count));

          g_print ("  ");
          print_cell (g_ptr_array_index (pair->labels, l), label_width, FALSE);
          /* Translators: "F1 0.80  (4 alike; ana 5, ben 5)" */
          g_print (_("  F1 %s  (%u alike; %s %u, %s %u)\n"), f1, count->matched, pair->a, count->a, pair->b, count->b);
        }
    }

  g_print ("\n%s\n%s\n",
           _("α: Krippendorff’s alpha (nominal) over the places either annotator marked as an entity,\n"
             "   the value being its label or none."),
           _("B³: over the mentions both marked (entity spans, event triggers) that either linked into a cluster."));
}

int
tessera_cli_agreement (const TesseraCliCommand *command,
                       int                      argc,
                       char                   **argv)
{
  gboolean json = FALSE;
  g_autofree char *names = NULL;
  g_auto(GStrv) annotators = NULL;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(TesseraAgreement) agreement = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json,
      N_("Print JSON instead of a table"), NULL },
    { "annotators", 'a', 0, G_OPTION_ARG_STRING, &names,
      N_("Compare only these annotators (comma-separated; default: all)"), N_("A,B,…") },
    G_OPTION_ENTRY_NULL
  };
  const char *path;
  int status;

  status = tessera_cli_parse (command, entries, &argc, &argv);
  if (status >= 0)
    return status;
  path = argv[1];

  if (names != NULL)
    {
      annotators = g_strsplit (names, ",", -1);
      for (guint i = 0; annotators[i] != NULL; i++)
        {
          g_strstrip (annotators[i]);
          if (*annotators[i] == '\0')
            {
              tessera_cli_error (_("%s: --annotators has an empty name"), command->name);
              return TESSERA_CLI_EXIT_USAGE;
            }
        }
    }

  project = tessera_cli_open_project (path, TESSERA_OPEN_READ_ONLY);
  if (project == NULL)
    return TESSERA_CLI_EXIT_FAILURE;

  agreement = tessera_agreement_compute (project, (const char * const *) annotators, NULL, &error);
  if (agreement == NULL)
    {
      tessera_cli_error ("%s: %s", path, error->message);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  if (json)
    {
      if (!write_agreement_json (agreement, &error))
        {
          tessera_cli_error ("%s: %s", path, error->message);
          return TESSERA_CLI_EXIT_FAILURE;
        }
    }
  else
    print_agreement_text (agreement);

  tessera_project_close (project);
  return TESSERA_CLI_EXIT_OK;
}

/* --- curate --------------------------------------------------------------- */

int
tessera_cli_curate (const TesseraCliCommand *command,
                    int                      argc,
                    char                   **argv)
{
  g_autofree char *curator = NULL;
  int min_agreement = 2;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(TesseraCuration) curation = NULL;
  g_autoptr(TesseraPropagateResult) made = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *agreed = NULL, *disputed = NULL;
  const GOptionEntry entries[] = {
    { "as", 'a', 0, G_OPTION_ARG_STRING, &curator,
      N_("The curator, whose layer receives the result (e.g. gold)"), N_("NAME") },
    { "min-agreement", 'k', 0, G_OPTION_ARG_INT, &min_agreement,
      N_("How many annotators must agree for an annotation to be accepted (default: 2)"), N_("K") },
    G_OPTION_ENTRY_NULL
  };
  const char *path;
  int status;

  status = tessera_cli_parse (command, entries, &argc, &argv);
  if (status >= 0)
    return status;
  path = argv[1];

  if (curator == NULL || *g_strstrip (curator) == '\0')
    {
      tessera_cli_error (_("%s: --as names the curator, e.g. --as gold"), command->name);
      return TESSERA_CLI_EXIT_USAGE;
    }
  if (min_agreement < 1)
    {
      tessera_cli_error (_("%s: --min-agreement must be 1 or more"), command->name);
      return TESSERA_CLI_EXIT_USAGE;
    }

  project = tessera_cli_open_project (path, TESSERA_OPEN_DEFAULT);
  if (project == NULL)
    return TESSERA_CLI_EXIT_FAILURE;
  tessera_project_set_annotator (project, curator);

  if (!(curation = tessera_curation_plan (project, curator, (guint) min_agreement, NULL, &error)) ||
      (!tessera_plan_is_empty (curation->plan) && !(made = tessera_plan_apply (project, curation->plan, &error))))
    {
      tessera_cli_error ("%s: %s", path, error->message);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  agreed = tessera_cli_counts_text (curation->agreed.n_spans, curation->agreed.n_events, curation->agreed.n_stances);
  disputed = tessera_cli_counts_text (curation->disputed.n_spans, curation->disputed.n_events,
                                      curation->disputed.n_stances);
  /* Translators: "gold: accepted 40 spans, 5 events, 3 stances that 2 annotators or more agree on" */
  g_print (ngettext ("%s: accepted %s that %d annotator or more agree on\n",
                     "%s: accepted %s that %d annotators or more agree on\n", min_agreement),
           curator, agreed, min_agreement);
  /* Translators: "gold: proposed 20 spans, 4 events, 2 stances for review (tessera-cli suggestions)" */
  g_print (_("%s: proposed %s for review, each saying who made it\n"), curator, disputed);

  tessera_project_close (project);
  return TESSERA_CLI_EXIT_OK;
}
