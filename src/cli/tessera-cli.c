/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "tessera-cli-private.h"
#include "tessera-cli-analysis.h"

static const TesseraCliCommand commands[] = {
  {
    "init", N_("PROJECT"),
    N_("Create a new, empty project file"),
    N_("The project starts with the default conflict-news label schema unless\n"
       "--schema names a schema JSON file. An existing file is never overwritten."),
    1, 1, tessera_cli_init,
  },
  {
    "import", N_("PROJECT PATH…"),
    N_("Import text, JSONL or project JSON files and folders"),
    N_("A folder brings in its .txt, .html, .jsonl and .json files in file-name order.\n"
       "Files ending in .jsonl or .ndjson are Tessera JSONL, .json is project JSON,\n"
       ".html and .htm are saved web pages (the article's text and metadata),\n"
       "anything else is plain text. Everything is imported in one transaction:\n"
       "if any file is bad, nothing is imported and the project is unchanged."),
    2, G_MAXUINT, tessera_cli_import,
  },
  {
    "export", N_("PROJECT"),
    N_("Write a project as JSONL, project JSON or a report"),
    N_("Formats:\n"
       "  jsonl    one document per line with its spans, events and stances\n"
       "  project  the whole project (schema and annotations) for backup or exchange\n"
       "  report   counts by label, source and status, and every event with its stances\n"
       "  tokens   one sentence per line: tokens, IOB2 entity tags and code-point offsets\n"
       "  conll    CoNLL, IOB2: a token and its tag per line, sentences apart\n"
       "\n"
       "Without --output the export goes to standard output. With --output the file\n"
       "is replaced only once the export is complete."),
    1, 1, tessera_cli_export,
  },
  {
    "stats", N_("PROJECT"),
    N_("Show what a project holds"),
    NULL,
    1, 1, tessera_cli_stats,
  },
  {
    "check", N_("PROJECT"),
    N_("Check a project file for problems"),
    N_("Runs SQLite's integrity check and checks that every annotation fits its\n"
       "document's text and has a known label. Exits with 1 when there are problems."),
    1, 1, tessera_cli_check,
  },
  {
    "backup", N_("PROJECT OUTPUT"),
    N_("Copy a project safely, even while it is open"),
    N_("This is how to copy a project: the copy holds all the work, including what\n"
       "is still in the project's -wal file beside it (copying the .tessera file\n"
       "alone can miss recent work while Tessera has it open, or after a crash).\n"
       "OUTPUT must not exist; it appears complete or not at all."),
    2, 2, tessera_cli_backup,
  },
  {
    "salvage", N_("PROJECT OUTPUT"),
    N_("Save what can be read of a damaged project into a new project"),
    N_("Copies every row that can still be read, leaving out what lost what it\n"
       "stood on (a span whose document could not be read). The damaged project\n"
       "is not written to. OUTPUT must not exist."),
    2, 2, tessera_cli_salvage,
  },
  {
    "upgrade", N_("PROJECT"),
    N_("Bring a project from an older version of Tessera to the current format"),
    N_("Any command that writes to a project upgrades it; read-only commands read\n"
       "an older project without changing it."),
    1, 1, tessera_cli_upgrade,
  },
  {
    "schema", N_("PROJECT"),
    N_("Print or replace a project's label schema"),
    N_("Without options the schema is printed as JSON. With --replace, labels are\n"
       "matched by kind and name, or by \"renamed_from\" to rename a label; a label\n"
       "that is still used by annotations cannot be removed."),
    1, 1, tessera_cli_schema,
  },
  {
    "search", N_("PROJECT QUERY…"),
    N_("Search the titles and texts of a project's documents"),
    N_("Words match as prefixes and must all occur. Each match is printed as one\n"
       "line: document id, title and source, separated by tabs."),
    2, G_MAXUINT, tessera_cli_search,
  },
  {
    "edit", N_("PROJECT DOCUMENT"),
    N_("Change a document's title, outlet, publication date, URL or language"),
    N_("DOCUMENT is the document's id, as search and export print it. An empty value\n"
       "clears a field (not the title). Dates are YYYY-MM-DD and languages BCP 47 tags\n"
       "(en, fr, pt-BR). Prints what changed; without options, prints the document's\n"
       "details."),
    2, 2, tessera_cli_edit,
  },
  {
    "clusters", N_("PROJECT"),
    N_("List the clusters that link mentions and events across documents"),
    N_("Each cluster is printed with its id, kind, name and size, then one line per\n"
       "member: the document's title and source, the span or event id, its text\n"
       "(an event's trigger) and label. Members still only suggested are marked."),
    1, 1, tessera_cli_clusters,
  },
  {
    "events", N_("PROJECT"),
    N_("Code each event as one record from all its reports, as a conflict dataset would"),
    N_("One record per event cluster: event type, date and time precision (the day\n"
       "most reports' Time resolves to against their publication dates), actors (Agent,\n"
       "Opponent), location (Place), fatalities (the most conservative figure, with each\n"
       "report's), reports, outlets, independent sources (reports that carry the same\n"
       "wire passage count once), the fields reports dispute and a note of who says\n"
       "what. --format csv writes ACLED-shaped columns (RFC 4180). Suggestions take no\n"
       "part."),
    1, 1, tessera_cli_events,
  },
  {
    "suggestions", N_("PROJECT"),
    N_("List, accept or reject suggested annotations"),
    N_("Suggestions are annotations proposed for review (carried onto a copy of\n"
       "the same wire text, for example). They are not exported as training data\n"
       "or reported until accepted. Without options, the documents with\n"
       "suggestions are listed. --reject deletes them, with what depends on them."),
    1, 1, tessera_cli_suggestions,
  },
  {
    "duplicates", N_("PROJECT"),
    N_("List the passages that several documents share"),
    N_("Finds sentences and paragraphs repeated across documents (wire copy reused\n"
       "by several outlets), also when lightly edited: punctuation, quotes, spelling\n"
       "(\"kilometres\", \"kilometers\") or a word added or dropped. Each passage is\n"
       "printed with its copies: document id, title and source, code-point offsets\n"
       "and the start of the text."),
    1, 1, tessera_cli_duplicates,
  },
  {
    "propagate", N_("PROJECT"),
    N_("Carry annotations onto other copies of the same passages"),
    N_("Spans, events and stances of an annotated document are proposed as\n"
       "suggestions on the other documents that share its passages, word for word\n"
       "where the copies agree and nowhere they differ. Without --from, every\n"
       "document's own annotations are carried. Running it again proposes nothing\n"
       "twice. Prints how much was proposed in each document."),
    1, 1, tessera_cli_propagate,
  },
  {
    "assign", N_("PROJECT"),
    N_("Hand the documents out to annotators, each in a project of their own"),
    N_("Writes DIR/NAME.tessera for each annotator (the schema and their documents)\n"
       "and DIR/assignment.json saying who has what. --overlap PCT of the documents\n"
       "go to everyone (so that agreement can be measured on them); the rest are\n"
       "dealt evenly. With --with-annotations, the accepted annotations come along\n"
       "as suggestions for each annotator to review. Nothing existing is overwritten."),
    1, 1, tessera_cli_assign,
  },
  {
    "merge", N_("OUTPUT INPUT…"),
    N_("Merge annotators' projects into one"),
    N_("OUTPUT must not exist: it is made with the first input's schema and holds\n"
       "every input's documents (matched by id and text) with all their annotations,\n"
       "each kept with its annotator, and their cluster links. With --into, every\n"
       "argument is an input, merged into an existing project. Merging the same file\n"
       "twice adds nothing. If anything fails, nothing is merged."),
    1, G_MAXUINT, tessera_cli_merge,
  },
  {
    "agreement", N_("PROJECT"),
    N_("Measure how far annotators agree"),
    N_("For each pair of annotators, over the documents both annotated, F1 of their\n"
       "entity spans (also per label), event triggers, event arguments, whole event\n"
       "frames and stances, with Krippendorff's alpha on entity spans and B-cubed on\n"
       "cross-document clusters. Suggestions take no part. --json gives every count."),
    1, 1, tessera_cli_agreement,
  },
  {
    "curate", N_("PROJECT"),
    N_("Make a curated layer from what annotators agree on"),
    N_("What at least K annotators (--min-agreement, default 2) made identically\n"
       "becomes the curator's accepted annotation; everything else any of them made\n"
       "becomes a suggestion in the curator's layer, its note saying who proposed it,\n"
       "to accept or reject (tessera-cli suggestions, or the window). Running it again\n"
       "after more work adds only what is new. Export the result with\n"
       "--annotator NAME."),
    1, 1, tessera_cli_curate,
  },
};

static void
print_main_help (FILE *stream)
{
  g_autoptr(GString) help = g_string_new (NULL);
  int width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, (int) strlen (commands[i].name));

  g_string_append_printf (help, "%s\n  tessera-cli %s\n\n",
                          _("Usage:"), _("COMMAND [OPTION…] PROJECT [ARGUMENT…]"));
  g_string_append_printf (help, "%s\n\n", _("Import, export and check Tessera annotation projects."));
  g_string_append_printf (help, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (help, "  %-*s  %s\n", width, commands[i].name, _(commands[i].summary));
  g_string_append_printf (help, "  %-*s  %s\n", width, "help", _("Show the options of a command"));
  g_string_append_c (help, '\n');
  g_string_append_printf (help, "%s\n", _("Run “tessera-cli COMMAND --help” to see the options of a command."));

  if (stream == stdout)
    g_print ("%s", help->str);
  else
    g_printerr ("%s", help->str);
}

static const TesseraCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];

  return NULL;
}

static int
unknown_command (const char *name)
{
  tessera_cli_error (_("unknown command “%s”"), name);
  g_printerr ("%s\n", _("Run “tessera-cli help” to see the commands."));
  return TESSERA_CLI_EXIT_USAGE;
}

static int
run_help (int    argc,
          char **argv)
{
  const TesseraCliCommand *command;
  char *help_argv[] = { NULL, (char *) "--help", NULL };

  if (argc < 3)
    {
      print_main_help (stdout);
      return TESSERA_CLI_EXIT_OK;
    }

  command = find_command (argv[2]);
  if (command == NULL)
    return unknown_command (argv[2]);

  help_argv[0] = argv[2];
  return command->run (command, 2, help_argv);
}

int
main (int    argc,
      char **argv)
{
  const TesseraCliCommand *command;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("tessera-cli");

  if (argc < 2)
    {
      print_main_help (stderr);
      return TESSERA_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "help") ||
      g_str_equal (argv[1], "--help") ||
      g_str_equal (argv[1], "-h"))
    return run_help (argc, argv);

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("tessera-cli %s\n", PACKAGE_VERSION);
      return TESSERA_CLI_EXIT_OK;
    }

  if (argv[1][0] == '-')
    {
      tessera_cli_error (_("unknown option “%s”"), argv[1]);
      g_printerr ("%s\n", _("Run “tessera-cli help” to see the commands."));
      return TESSERA_CLI_EXIT_USAGE;
    }

  command = find_command (argv[1]);
  if (command == NULL)
    return unknown_command (argv[1]);

  return command->run (command, argc - 1, argv + 1);
}
