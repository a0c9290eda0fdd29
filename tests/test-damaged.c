/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-damaged"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "tessera-test-util.h"

/* A damaged project is refused with a clear message or read right; it
 * never crashes a command, hangs it, or comes out as a broken export,
 * and reading it never changes it. The test makes a small real project,
 * then damages copies of it: byte flips in the header, the cell pointers
 * and the content of every page, every page zeroed, the file cut short,
 * and wrong, cut or damaged -wal files beside it. Each read-only command
 * reads each copy. No damaged file is committed: all are made here.
 *
 * SQLite has no checksums on its pages: a flip inside a record can go
 * unseen even by its integrity_check, and then the right answer is
 * whatever the record now says, as long as the output hangs together
 * (valid UTF-8, JSON that parses, spans whose text is their slice of the
 * document, names the schema knows, counts that agree). Damage that
 * integrity_check sees must be refused or read as if it were not there.
 * A -wal does have checksums, chained from frame to frame: a damaged or
 * cut -wal is read up to the last commit before the damage, exactly.
 *
 * With TESSERA_DAMAGED_KEEP set, the temporary folder stays, so that a
 * failure can be reproduced by hand from the project it names. */

#define PROJECT_NAME "p.tessera"
#define WAL_NAME PROJECT_NAME "-wal"
#define WATCHDOG_SECONDS 20

/* The -wal format: a header, then frames of a header and one page. */
#define WAL_HEADER_SIZE 32
#define FRAME_HEADER_SIZE 24

/* --- the commands -------------------------------------------------------- */

typedef enum
{
  COMMAND_STATS,
  COMMAND_CHECK,
  COMMAND_JSONL,
  COMMAND_PROJECT,
  N_COMMANDS
} Command;

/* Each read-only command, run on PROJECT_NAME in the variant's folder,
 * so that what it prints does not depend on where that is. */
static const struct
{
  const char *name;
  const char *args[4];
} commands[N_COMMANDS] = {
  [COMMAND_STATS]   = { "stats --json", { "stats", PROJECT_NAME, "--json", NULL } },
  [COMMAND_CHECK]   = { "check", { "check", PROJECT_NAME, NULL } },
  [COMMAND_JSONL]   = { "export --format jsonl", { "export", PROJECT_NAME, "--format=jsonl", NULL } },
  [COMMAND_PROJECT] = { "export --format project", { "export", PROJECT_NAME, "--format=project", NULL } },
};

typedef struct
{
  int      status;   /* exit status, -1 when it did not exit */
  int      signal;   /* the signal that ended it, or 0 */
  gboolean hung;     /* the watchdog killed it */
  GBytes  *out;
  char    *err;
} Run;

static void
run_free (Run *run)
{
  g_bytes_unref (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

/* NUL-terminated; GBytes of size 0 may have no data at all. */
static char *
bytes_to_string (GBytes *bytes)
{
  gsize len = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &len) : NULL;

  return len > 0 ? g_strndup (data, len) : g_strdup ("");
}

static gboolean
on_watchdog (gpointer data)
{
  GSubprocess *process = data;

  g_object_set_data (G_OBJECT (process), "hung", GINT_TO_POINTER (TRUE));
  g_subprocess_force_exit (process);

  return G_SOURCE_REMOVE;
}

/* tessera_test_run_cliv() has neither a working folder nor a time limit,
 * and logs every output: here a command may hang, and runs by the
 * hundred. */
static Run *
run_command (const char *dir,
             Command     command)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  Run *run = g_new0 (Run, 1);
  guint watchdog;

  g_ptr_array_add (argv, (gpointer) g_getenv ("TESSERA_CLI"));
  g_assert_nonnull (argv->pdata[0]);
  for (guint i = 0; commands[command].args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) commands[command].args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, dir);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  watchdog = g_timeout_add_seconds (WATCHDOG_SECONDS, on_watchdog, process);
  g_subprocess_communicate_async (process, NULL, NULL, tessera_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_communicate_finish (process, result, &run->out, &err, &error);
  g_assert_no_error (error);

  run->hung = g_object_get_data (G_OBJECT (process), "hung") != NULL;
  if (!run->hung)
    g_source_remove (watchdog);
  if (g_subprocess_get_if_exited (process))
    run->status = g_subprocess_get_exit_status (process);
  else
    {
      run->status = -1;
      run->signal = g_subprocess_get_term_sig (process);
    }
  run->err = bytes_to_string (err);

  return run;
}

/* --- files --------------------------------------------------------------- */

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

static char *
hash_bytes (GBytes *bytes)
{
  return bytes != NULL ? g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes)
                       : g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) "", 0);
}

/* A missing -wal counts as an empty one: SQLite makes an empty -wal
 * beside any WAL-mode database it opens, even read-only, and it holds
 * nothing. A missing project file is a change. */
static char *
hash_file (const char *path,
           gboolean    missing_is_empty)
{
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return missing_is_empty ? hash_bytes (NULL) : g_strdup ("missing");

  return tessera_test_file_sha256 (path);
}

/* @dir, emptied, holding PROJECT_NAME made of @file and, when not NULL,
 * its -wal made of @wal. */
static void
write_state (const char *dir,
             GBytes     *file,
             GBytes     *wal)
{
  g_autofree char *path = g_build_filename (dir, PROJECT_NAME, NULL);
  g_autofree char *wal_path = g_build_filename (dir, WAL_NAME, NULL);

  if (g_file_test (dir, G_FILE_TEST_EXISTS))
    tessera_test_remove_tree (dir);
  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);

  tessera_test_set_contents (path, g_bytes_get_data (file, NULL), g_bytes_get_size (file));
  if (wal != NULL)
    tessera_test_set_contents (wal_path, g_bytes_get_data (wal, NULL), g_bytes_get_size (wal));
}

/* --- the project ------------------------------------------------------------ */

/* Written for this test: emoji (one a ZWJ sequence, one a flag),
 * combining marks, right-to-left text and curly quotes, where offsets in
 * bytes or UTF-16 units would not be code points. */
#define REPORT_KIDAL "Fighters entered Kidal on Sunday 🙂; the army said it “withdrew in good order”. " \
                     "A spokesman denied any losses."
#define REPORT_SEGOU "Le pre\u0301fet de Se\u0301gou a confirme\u0301 l’attaque du camp de Tessit 🇲🇱 : " \
                     "« trois morts », selon l’arme\u0301e."
#define REPORT_ARABIC "قال المتحدث باسم الجيش إن القوات دخلت كيدال يوم الأحد، ونفى المتمردون ذلك."
#define REPORT_MARKET "Residents of Kidal (كيدال) fled north 👩‍👩‍👧 after drones struck the market on " \
                      "Monday, a local official said."
#define REPORT_ANEFIS "“We did not fire first,” the commander said; observers doubted the ‘official’ " \
                      "account of the clash near Anefis."
#define REPORT_LATE "Late report: shelling resumed near Kidal at dawn 💥, according to “two residents”."

static gint64
add_report (TesseraProject *project,
            const char     *uid,
            const char     *text)
{
  g_autoptr(TesseraDocument) doc = tessera_document_new ();

  doc->uid = g_strdup (uid);
  doc->title = g_strdup_printf ("Report %s", uid);
  doc->source = g_strdup ("Example Wire");
  doc->published = g_strdup ("2025-03-09");
  doc->text = g_strdup (text);

  return tessera_test_add_document (project, doc);
}

static gint64
add_event (TesseraProject *project,
           gint64          trigger,
           const char     *type)
{
  g_autoptr(GError) error = NULL;
  gint64 id = tessera_project_add_event (project, trigger,
                                         tessera_test_label_id (project, TESSERA_LABEL_EVENT, type),
                                         NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static void
add_argument (TesseraProject *project,
              gint64          event,
              const char     *role,
              gint64          span)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_project_add_argument (project, event,
                                               tessera_test_label_id (project, TESSERA_LABEL_ROLE, role),
                                               span, &error));
  g_assert_no_error (error);
}

static void
add_stance (TesseraProject *project,
            gint64          span,
            const char     *label,
            gint64          holder,
            gint64          target_event,
            gint64          target_span)
{
  g_autoptr(GError) error = NULL;
  gint64 id = tessera_project_add_stance (project, span,
                                          tessera_test_label_id (project, TESSERA_LABEL_STANCE, label),
                                          holder, target_event, target_span, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
}

static gint64
add_cluster (TesseraProject   *project,
             TesseraLabelKind  kind,
             const char       *name,
             const gint64     *spans,
             const gint64     *events)
{
  g_autoptr(GError) error = NULL;
  gint64 id = tessera_project_add_cluster (project, kind, name, &error);

  g_assert_no_error (error);
  for (guint i = 0; spans != NULL && spans[i] != 0; i++)
    g_assert_true (tessera_project_add_cluster_member (project, id, spans[i], 0, &error));
  for (guint i = 0; events != NULL && events[i] != 0; i++)
    g_assert_true (tessera_project_add_cluster_member (project, id, 0, events[i], &error));
  g_assert_no_error (error);

  return id;
}

static void
set_status (TesseraProject        *project,
            gint64                 doc,
            TesseraDocumentStatus  status)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_project_set_document_status (project, doc, status, &error));
  g_assert_no_error (error);
}

/* Short names for tessera_test_tag(): an entity, an event trigger, a
 * stance statement. */
#define ENTITY(doc, word, label) tessera_test_tag (project, doc, word, TESSERA_LABEL_ENTITY, label, NULL)
#define TRIGGER(doc, word, type) tessera_test_tag (project, doc, word, TESSERA_LABEL_EVENT, type, NULL)
#define STATEMENT(doc, word, label) tessera_test_tag (project, doc, word, TESSERA_LABEL_STANCE, label, NULL)

static void
build_project (TesseraProject *project)
{
  gint64 kidal_doc, segou_doc, arabic_doc, market_doc, anefis_doc;
  gint64 kidal, kidal_ar, market_kidal, market_kidal_ar, entry, entry_ar, span, holder, event;

  tessera_project_set_annotator (project, "amina");
  kidal_doc = add_report (project, "kidal-1", REPORT_KIDAL);
  segou_doc = add_report (project, "segou-2", REPORT_SEGOU);
  arabic_doc = add_report (project, "kidal-ar-3", REPORT_ARABIC);
  market_doc = add_report (project, "market-4", REPORT_MARKET);
  anefis_doc = add_report (project, "anefis-5", REPORT_ANEFIS);

  span = TRIGGER (kidal_doc, "entered", "Movement");
  kidal = ENTITY (kidal_doc, "Kidal", "Place");
  entry = add_event (project, span, "Movement");
  add_argument (project, entry, "Agent", ENTITY (kidal_doc, "Fighters", "ArmedGroup"));
  add_argument (project, entry, "Destination", kidal);
  add_argument (project, entry, "Time", ENTITY (kidal_doc, "Sunday", "Date"));
  holder = tessera_test_tag (project, kidal_doc, "A spokesman", TESSERA_LABEL_ENTITY, "Person", "unnamed");
  ENTITY (kidal_doc, "losses", "Quantity");
  add_stance (project, STATEMENT (kidal_doc, "denied", "denies"), "denies", holder, entry, 0);

  event = add_event (project, TRIGGER (segou_doc, "attaque", "ViolenceAgainstCivilians"),
                     "ViolenceAgainstCivilians");
  add_argument (project, event, "Place", ENTITY (segou_doc, "Tessit", "Place"));
  add_argument (project, event, "Casualties", ENTITY (segou_doc, "trois morts", "Quantity"));
  ENTITY (segou_doc, "Se\u0301gou", "Place");
  holder = ENTITY (segou_doc, "pre\u0301fet", "Person");
  add_stance (project, STATEMENT (segou_doc, "confirme\u0301", "asserts"), "asserts", holder, event, 0);

  tessera_project_set_annotator (project, "jonas");
  kidal_ar = ENTITY (arabic_doc, "كيدال", "Place");
  entry_ar = add_event (project, TRIGGER (arabic_doc, "دخلت", "Movement"), "Movement");
  add_argument (project, entry_ar, "Agent", ENTITY (arabic_doc, "القوات", "ArmedGroup"));
  add_argument (project, entry_ar, "Destination", kidal_ar);
  add_argument (project, entry_ar, "Time", ENTITY (arabic_doc, "الأحد", "Date"));
  holder = ENTITY (arabic_doc, "المتمردون", "ArmedGroup");
  add_stance (project, STATEMENT (arabic_doc, "نفى", "denies"), "denies", holder, entry_ar, 0);

  market_kidal = ENTITY (market_doc, "Kidal", "Place");
  market_kidal_ar = ENTITY (market_doc, "كيدال", "Place");
  event = add_event (project, TRIGGER (market_doc, "struck", "RemoteViolence"), "RemoteViolence");
  add_argument (project, event, "Agent", ENTITY (market_doc, "drones", "ArmedGroup"));
  add_argument (project, event, "Target", ENTITY (market_doc, "the market", "Facility"));
  add_argument (project, event, "Place", market_kidal);
  add_argument (project, event, "Time", ENTITY (market_doc, "Monday", "Date"));
  holder = ENTITY (market_doc, "a local official", "Person");
  add_stance (project, STATEMENT (market_doc, "said", "reports"), "reports", holder, event, 0);

  span = TRIGGER (anefis_doc, "clash", "Battle");
  event = add_event (project, span, "Battle");
  add_argument (project, event, "Place", ENTITY (anefis_doc, "Anefis", "Place"));
  holder = ENTITY (anefis_doc, "the commander", "Person");
  add_stance (project, STATEMENT (anefis_doc, "said", "asserts"), "asserts", holder, event, 0);
  holder = ENTITY (anefis_doc, "observers", "Person");
  add_stance (project, STATEMENT (anefis_doc, "doubted", "doubts"), "doubts", holder, 0, span);

  add_cluster (project, TESSERA_LABEL_ENTITY, "Kidal",
               (const gint64[]) { kidal, kidal_ar, market_kidal, market_kidal_ar, 0 }, NULL);
  add_cluster (project, TESSERA_LABEL_EVENT, "Entry into Kidal", NULL, (const gint64[]) { entry, entry_ar, 0 });

  set_status (project, kidal_doc, TESSERA_STATUS_DONE);
  set_status (project, arabic_doc, TESSERA_STATUS_IN_PROGRESS);
}

/* Five commits, each visible in the project export: what a session that
 * crashes leaves in the -wal. */
static void
add_late_report (TesseraProject *project)
{
  gint64 doc, trigger, place, event;

  tessera_project_set_annotator (project, "jonas");
  doc = add_report (project, "late-6", REPORT_LATE);
  trigger = TRIGGER (doc, "shelling", "RemoteViolence");
  place = ENTITY (doc, "Kidal", "Place");
  event = add_event (project, trigger, "RemoteViolence");
  add_argument (project, event, "Place", place);
}

static void
add_calm_report (TesseraProject *project)
{
  add_report (project, "late-7", "Calm returned to Tessit on Tuesday, the pre\u0301fet said.");
}

static void
add_third_report (TesseraProject *project)
{
  add_report (project, "late-8", "Markets reopened in Kidal on Wednesday.");
}

static void
add_other_report (TesseraProject *project)
{
  add_report (project, "other-2", "Another project's report, left in its -wal.");
}

/* Runs @session on @path in a child that ends without closing the
 * project, as a crash would: its commits are in the -wal only. */
static void
crash_after (const char *path,
             void      (*session) (TesseraProject *project))
{
  pid_t pid = fork ();
  int status = 0;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) error = NULL;
      TesseraProject *project = NULL;

      /* A forked child shares its parent's GRand: without a seed of its
       * own, the new generation it marks would be the very one its parent
       * or a sibling picks, and their -wal files would pass for each
       * other's. */
      g_random_set_seed ((guint32) getpid ());
      project = tessera_project_open (path, TESSERA_OPEN_DEFAULT, &error);

      if (project == NULL)
        _exit (2);
      session (project);
      _exit (0);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

/* --- what an output says --------------------------------------------------- */

/* What a command that read the project says it holds; fields of @known. */
enum
{
  FIELD_DOCUMENTS   = 1 << 0,
  FIELD_STATUSES    = 1 << 1,
  FIELD_ANNOTATIONS = 1 << 2,   /* spans, events, stances and spans by label */
  FIELD_TEXTS       = 1 << 3,
};

typedef struct
{
  guint       known;
  gint64      documents;
  gint64      statuses[TESSERA_N_STATUSES];
  gint64      spans;
  gint64      events;
  gint64      stances;
  gint64      suggested;   /* annotations marked so (project export only) */
  GHashTable *labels;      /* label name → spans */
  GString    *texts;       /* document ids and texts, in order */
} Summary;

static void
summary_init (Summary *summary)
{
  memset (summary, 0, sizeof *summary);
  summary->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  summary->texts = g_string_new (NULL);
}

static void
summary_clear (Summary *summary)
{
  g_clear_pointer (&summary->labels, g_hash_table_unref);
  if (summary->texts != NULL)
    g_string_free (summary->texts, TRUE);
  summary->texts = NULL;
}

static void
count_label (Summary    *summary,
             const char *label,
             gint64      n)
{
  gint64 old = GPOINTER_TO_SIZE (g_hash_table_lookup (summary->labels, label));

  g_hash_table_replace (summary->labels, g_strdup (label), GSIZE_TO_POINTER (old + n));
}

/* json-glib's getters complain (fatal in tests) about a member of
 * another type: an output may hold anything. */
static const char *
member_string (JsonObject *obj,
               const char *name)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static gboolean
member_int (JsonObject *obj,
            const char *name,
            gint64     *value)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

static JsonObject *
member_object (JsonObject *obj,
               const char *name)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The array @name of @obj; an absent one reads as empty, anything else
 * as NULL. */
static JsonArray *
member_array (JsonObject *obj,
              const char *name,
              JsonArray  *empty)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL)
    return empty;
  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
element_object (JsonArray *array,
                guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonNode *
parse_json (const char  *text,
            gsize        len,
            char       **why)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_data (parser, text, len, &error))
    {
      *why = g_strdup_printf ("not JSON: %s", error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      *why = g_strdup ("no JSON at all");
      return NULL;
    }

  return json_node_copy (json_parser_get_root (parser));
}

/* Whether @id, a reference inside a document, names one of @ids; an
 * absent reference is fine when @optional. */
static gboolean
refers (JsonObject *obj,
        const char *name,
        GHashTable *ids,
        gboolean    optional)
{
  const char *id = member_string (obj, name);

  if (id == NULL)
    return optional && json_object_get_member (obj, name) == NULL;
  return g_hash_table_contains (ids, id);
}

static gboolean
is_suggested (JsonObject *obj)
{
  JsonNode *node = json_object_get_member (obj, "suggested");

  return node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

/* What the documents of one export are checked against. */
typedef struct
{
  Summary    *summary;
  GHashTable *clusters;     /* cluster ids; NULL: not listed (JSONL) */
  GHashTable *vocabulary;   /* "kind\nname" of labels, "attribute\nvalue";
                             * NULL: no schema (JSONL) */
} Export;

/* Whether @name is one of the schema's labels of a kind in @kinds (or
 * values of the attribute), or whether there is no schema to say. */
static gboolean
in_vocabulary (const Export       *export,
               const char * const *kinds,
               const char         *name)
{
  if (export->vocabulary == NULL)
    return TRUE;
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      g_autofree char *key = g_strdup_printf ("%s\n%s", kinds[i], name);

      if (g_hash_table_contains (export->vocabulary, key))
        return TRUE;
    }

  return FALSE;
}

/* A span: in the text, its "text" the code points [start:end], its
 * label one of the schema's. */
static char *
check_span (const Export *export,
            JsonObject   *span,
            const char   *text,
            gint64        n_chars,
            GHashTable   *span_ids)
{
  static const char * const kinds[] = { "entity", "event", "stance", NULL };
  const char *id = member_string (span, "id");
  const char *label = member_string (span, "label");
  const char *span_text = member_string (span, "text");
  gint64 start = -1, end = -1;
  const char *from, *to;

  if (id == NULL || label == NULL || span_text == NULL ||
      !member_int (span, "start", &start) || !member_int (span, "end", &end))
    return g_strdup_printf ("span %s lacks id, label, text, start or end", id ? id : "?");
  if (start < 0 || start > end || end > n_chars)
    return g_strdup_printf ("span %s [%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT "] is outside the text "
                            "(%" G_GINT64_FORMAT " code points)", id, start, end, n_chars);
  from = g_utf8_offset_to_pointer (text, start);
  to = g_utf8_offset_to_pointer (text, end);
  if (strlen (span_text) != (gsize) (to - from) || strncmp (span_text, from, to - from) != 0)
    return g_strdup_printf ("span %s: “%s” is not its slice [%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
                            "] “%.*s” of the text", id, span_text, start, end, (int) (to - from), from);
  if (!in_vocabulary (export, kinds, label))
    return g_strdup_printf ("span %s: label “%s” is not in the schema", id, label);
  if (export->clusters != NULL && !refers (span, "cluster", export->clusters, TRUE))
    return g_strdup_printf ("span %s is in a cluster the export does not list", id);
  if (!g_hash_table_add (span_ids, g_strdup (id)))
    return g_strdup_printf ("span id %s twice", id);

  export->summary->spans++;
  export->summary->suggested += is_suggested (span);
  count_label (export->summary, label, 1);

  return NULL;
}

/* An absent attribute is fine; one that is there holds a value the
 * schema allows. */
static gboolean
attribute_allowed (const Export *export,
                   JsonObject   *event,
                   const char   *attribute)
{
  const char * const kinds[] = { attribute, NULL };
  const char *value = member_string (event, attribute);

  if (value == NULL)
    return json_object_get_member (event, attribute) == NULL;

  return in_vocabulary (export, kinds, value);
}

static char *
check_event (const Export *export,
             JsonObject   *event,
             GHashTable   *span_ids,
             GHashTable   *event_ids)
{
  static const char * const events[] = { "event", NULL };
  static const char * const roles[] = { "role", NULL };
  const char *id = member_string (event, "id");
  const char *type = member_string (event, "type");
  g_autoptr(JsonArray) empty = json_array_new ();
  JsonArray *arguments = member_array (event, "arguments", empty);

  if (id == NULL || type == NULL || !refers (event, "trigger", span_ids, FALSE))
    return g_strdup_printf ("event %s lacks an id, a type or a trigger among the spans", id ? id : "?");
  if (!in_vocabulary (export, events, type) || !attribute_allowed (export, event, "realis") ||
      !attribute_allowed (export, event, "confirmation"))
    return g_strdup_printf ("event %s: its type, realis or confirmation is not in the schema", id);
  if (export->clusters != NULL && !refers (event, "cluster", export->clusters, TRUE))
    return g_strdup_printf ("event %s is in a cluster the export does not list", id);
  if (arguments == NULL)
    return g_strdup_printf ("event %s: arguments are not an array", id);
  for (guint i = 0; i < json_array_get_length (arguments); i++)
    {
      JsonObject *argument = element_object (arguments, i);
      const char *role = member_string (argument, "role");

      if (role == NULL || !in_vocabulary (export, roles, role) || !refers (argument, "span", span_ids, FALSE))
        return g_strdup_printf ("event %s: argument %u lacks a role of the schema or a span among the spans",
                                id, i);
    }
  if (!g_hash_table_add (event_ids, g_strdup (id)))
    return g_strdup_printf ("event id %s twice", id);

  export->summary->events++;
  export->summary->suggested += is_suggested (event);

  return NULL;
}

static char *
check_stance (const Export *export,
              JsonObject   *stance,
              GHashTable   *span_ids,
              GHashTable   *event_ids)
{
  static const char * const stances[] = { "stance", NULL };
  const char *id = member_string (stance, "id");
  const char *label = member_string (stance, "label");
  JsonObject *target = member_object (stance, "target");

  if (id == NULL || label == NULL || !refers (stance, "span", span_ids, FALSE) ||
      !refers (stance, "holder", span_ids, TRUE))
    return g_strdup_printf ("stance %s lacks an id, a label, or a statement or holder among the spans",
                            id ? id : "?");
  if (!in_vocabulary (export, stances, label))
    return g_strdup_printf ("stance %s: label “%s” is not in the schema", id, label);
  if (target != NULL && (!refers (target, "event", event_ids, TRUE) || !refers (target, "span", span_ids, TRUE)))
    return g_strdup_printf ("stance %s: its target is not among the events and spans", id);

  export->summary->stances++;
  export->summary->suggested += is_suggested (stance);

  return NULL;
}

/* One document of an export: a JSONL record, or an element of the
 * project export's "documents". */
static char *
check_document (const Export *export,
                JsonObject   *doc)
{
  g_autoptr(GHashTable) span_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) event_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonArray) empty = json_array_new ();
  const char *id = member_string (doc, "id");
  const char *text = member_string (doc, "text");
  TesseraDocumentStatus status;
  JsonArray *spans, *events, *stances;
  gint64 n_chars;
  char *why = NULL;

  if (id == NULL || text == NULL || !tessera_status_from_string (member_string (doc, "status"), &status))
    return g_strdup_printf ("document %s lacks an id, a text or a status", id ? id : "?");
  spans = member_array (doc, "spans", empty);
  events = member_array (doc, "events", empty);
  stances = member_array (doc, "stances", empty);
  if (spans == NULL || events == NULL || stances == NULL)
    return g_strdup_printf ("document %s: spans, events or stances are not arrays", id);

  n_chars = g_utf8_strlen (text, -1);
  for (guint i = 0; why == NULL && i < json_array_get_length (spans); i++)
    why = check_span (export, element_object (spans, i), text, n_chars, span_ids);
  for (guint i = 0; why == NULL && i < json_array_get_length (events); i++)
    why = check_event (export, element_object (events, i), span_ids, event_ids);
  for (guint i = 0; why == NULL && i < json_array_get_length (stances); i++)
    why = check_stance (export, element_object (stances, i), span_ids, event_ids);
  if (why != NULL)
    {
      g_autofree char *inner = why;

      return g_strdup_printf ("document %s: %s", id, inner);
    }

  export->summary->documents++;
  export->summary->statuses[status]++;
  g_string_append_printf (export->summary->texts, "%s\n%s\n", id, text);

  return NULL;
}

static char *
read_jsonl (const char *out,
            gsize       len,
            Summary    *summary)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint n_lines = g_strv_length (lines);
  Export export = { summary, NULL, NULL };

  if (len > 0 && out[len - 1] != '\n')
    return g_strdup ("the last line is cut short");
  for (guint i = 0; i + 1 < n_lines; i++)
    {
      g_autoptr(JsonNode) root = NULL;
      char *why = NULL;

      if ((root = parse_json (lines[i], -1, &why)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        why = why ? why : g_strdup ("not an object");
      else
        why = check_document (&export, json_node_get_object (root));
      if (why != NULL)
        {
          g_autofree char *inner = why;

          return g_strdup_printf ("line %u: %s", i + 1, inner);
        }
    }
  summary->known = FIELD_DOCUMENTS | FIELD_STATUSES | FIELD_ANNOTATIONS | FIELD_TEXTS;

  return NULL;
}

/* The names the project export's schema gives labels and attribute
 * values, once tessera_schema_def_parse() has read it as an import would;
 * NULL, with @why set, when it does not. */
static GHashTable *
read_vocabulary (JsonObject  *schema,
                 char       **why)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), schema);
  g_autofree char *json = json_to_string (node, FALSE);
  g_autoptr(TesseraSchemaDef) def = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *vocabulary;

  if ((def = tessera_schema_def_parse (json, -1, &error)) == NULL)
    {
      *why = g_strdup_printf ("its schema does not read: %s", error->message);
      return NULL;
    }

  vocabulary = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < def->labels->len; i++)
    {
      const TesseraLabel *label = def->labels->pdata[i];

      g_hash_table_add (vocabulary, g_strdup_printf ("%s\n%s", tessera_label_kind_to_string (label->kind),
                                                     label->name));
    }
  for (guint i = 0; i < def->attributes->len; i++)
    {
      const TesseraAttribute *attribute = def->attributes->pdata[i];

      for (guint v = 0; attribute->values[v] != NULL; v++)
        g_hash_table_add (vocabulary, g_strdup_printf ("%s\n%s", attribute->name, attribute->values[v]));
    }

  return vocabulary;
}

static char *
read_project_json (const char *out,
                   gsize       len,
                   Summary    *summary)
{
  g_autoptr(GHashTable) clusters = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) vocabulary = NULL;
  g_autoptr(JsonArray) empty = json_array_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonArray *documents, *cluster_list;
  JsonObject *obj, *schema;
  Export export = { summary, clusters, NULL };
  char *why = NULL;

  if ((root = parse_json (out, len, &why)) == NULL)
    return why;
  obj = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (obj == NULL || (schema = member_object (obj, "schema")) == NULL ||
      (documents = member_array (obj, "documents", NULL)) == NULL ||
      (cluster_list = member_array (obj, "clusters", empty)) == NULL)
    return g_strdup ("not a project export: no schema or documents");
  if ((vocabulary = read_vocabulary (schema, &why)) == NULL)
    return why;
  export.vocabulary = vocabulary;

  for (guint i = 0; i < json_array_get_length (cluster_list); i++)
    {
      const char *id = member_string (element_object (cluster_list, i), "id");

      if (id == NULL)
        return g_strdup_printf ("cluster %u has no id", i);
      g_hash_table_add (clusters, (gpointer) id);
    }
  for (guint i = 0; why == NULL && i < json_array_get_length (documents); i++)
    {
      JsonObject *doc = element_object (documents, i);

      why = doc != NULL ? check_document (&export, doc) : g_strdup ("a document is not an object");
    }
  summary->known = FIELD_DOCUMENTS | FIELD_STATUSES | FIELD_ANNOTATIONS | FIELD_TEXTS;

  return why;
}

static char *
read_stats (const char *out,
            gsize       len,
            Summary    *summary)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj, *by_status, *by_label;
  gint64 sum = 0;
  char *why = NULL;

  if ((root = parse_json (out, len, &why)) == NULL)
    return why;
  obj = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  by_status = member_object (obj, "by_status");
  by_label = member_object (obj, "spans_by_label");
  if (!member_int (obj, "documents", &summary->documents) || !member_int (obj, "spans", &summary->spans) ||
      !member_int (obj, "events", &summary->events) || !member_int (obj, "stances", &summary->stances) ||
      by_status == NULL || by_label == NULL)
    return g_strdup ("lacks documents, spans, events, stances, by_status or spans_by_label");

  for (guint s = 0; s < TESSERA_N_STATUSES; s++)
    {
      if (!member_int (by_status, tessera_status_to_string (s), &summary->statuses[s]))
        return g_strdup_printf ("by_status lacks %s", tessera_status_to_string (s));
      sum += summary->statuses[s];
    }
  if (sum != summary->documents)
    return g_strdup_printf ("by_status adds up to %" G_GINT64_FORMAT ", not %" G_GINT64_FORMAT " documents",
                            sum, summary->documents);

  /* Label names may repeat across kinds (an entity Place, a role Place). */
  {
    g_autoptr(GList) kinds = json_object_get_members (by_label);

    for (GList *k = kinds; k != NULL; k = k->next)
      {
        JsonObject *labels = member_object (by_label, k->data);
        g_autoptr(GList) names = labels ? json_object_get_members (labels) : NULL;

        for (GList *l = names; l != NULL; l = l->next)
          {
            gint64 n = 0;

            if (!member_int (labels, l->data, &n) || n < 0)
              return g_strdup_printf ("spans_by_label.%s.%s is not a count", (char *) k->data, (char *) l->data);
            if (n > 0)
              count_label (summary, l->data, n);
          }
      }
  }
  summary->known = FIELD_DOCUMENTS | FIELD_STATUSES | FIELD_ANNOTATIONS;

  return NULL;
}

/* "p.tessera: OK, 5 documents, 40 spans" */
static char *
read_check (const char *out,
            gsize       len,
            Summary    *summary)
{
  g_autoptr(GRegex) regex = g_regex_new ("^" PROJECT_NAME ": OK, (\\d+) documents?, (\\d+) spans?\n$",
                                         G_REGEX_DEFAULT, G_REGEX_MATCH_DEFAULT, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *documents = NULL;
  g_autofree char *spans = NULL;

  if (!g_regex_match_full (regex, out, len, 0, G_REGEX_MATCH_DEFAULT, &match, NULL))
    return g_strdup ("not “" PROJECT_NAME ": OK, N documents, N spans”");
  documents = g_match_info_fetch (match, 1);
  spans = g_match_info_fetch (match, 2);
  summary->documents = g_ascii_strtoll (documents, NULL, 10);
  summary->spans = g_ascii_strtoll (spans, NULL, 10);
  summary->known = FIELD_DOCUMENTS;

  return NULL;
}

/* What @run printed, checked to hang together; NULL, or why not. */
static char *
read_output (Command  command,
             GBytes  *out,
             Summary *summary)
{
  static char *(* const readers[N_COMMANDS]) (const char *, gsize, Summary *) = {
    [COMMAND_STATS] = read_stats,
    [COMMAND_CHECK] = read_check,
    [COMMAND_JSONL] = read_jsonl,
    [COMMAND_PROJECT] = read_project_json,
  };
  g_autofree char *text = bytes_to_string (out);
  gsize len = g_bytes_get_size (out);
  const char *bad = NULL;

  if (!g_utf8_validate_len (text, len, &bad))
    return g_strdup_printf ("invalid UTF-8 at byte %" G_GSIZE_FORMAT " of stdout", (gsize) (bad - text));

  return readers[command] (text, len, summary);
}

/* The counts @a and @b both know, where they differ; NULL when they
 * agree. JSONL leaves suggestions out, so its annotations are compared
 * only where the project export says there are none. */
static char *
compare_summaries (const Summary *a,
                   const Summary *b)
{
  guint known = a->known & b->known;
  GHashTableIter iter;
  gpointer label, n;

  if ((known & FIELD_DOCUMENTS) && a->documents != b->documents)
    return g_strdup_printf ("%" G_GINT64_FORMAT " documents, not %" G_GINT64_FORMAT, a->documents, b->documents);
  if (known & FIELD_STATUSES)
    for (guint s = 0; s < TESSERA_N_STATUSES; s++)
      if (a->statuses[s] != b->statuses[s])
        return g_strdup_printf ("%" G_GINT64_FORMAT " documents %s, not %" G_GINT64_FORMAT,
                                a->statuses[s], tessera_status_to_string (s), b->statuses[s]);
  if ((known & FIELD_TEXTS) && !g_string_equal (a->texts, b->texts))
    return g_strdup ("the documents' ids or texts differ");
  if ((known & FIELD_ANNOTATIONS) && a->suggested == 0 && b->suggested == 0)
    {
      if (a->spans != b->spans || a->events != b->events || a->stances != b->stances)
        return g_strdup_printf ("%" G_GINT64_FORMAT " spans, %" G_GINT64_FORMAT " events, %" G_GINT64_FORMAT
                                " stances, not %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT,
                                a->spans, a->events, a->stances, b->spans, b->events, b->stances);
      g_hash_table_iter_init (&iter, a->labels);
      while (g_hash_table_iter_next (&iter, &label, &n))
        if (GPOINTER_TO_SIZE (n) != GPOINTER_TO_SIZE (g_hash_table_lookup (b->labels, label)))
          return g_strdup_printf ("%" G_GSIZE_FORMAT " spans labelled %s, not %" G_GSIZE_FORMAT,
                                  GPOINTER_TO_SIZE (n), (char *) label,
                                  GPOINTER_TO_SIZE (g_hash_table_lookup (b->labels, label)));
      if (g_hash_table_size (a->labels) != g_hash_table_size (b->labels))
        return g_strdup ("the spans' labels differ");
    }

  return NULL;
}

/* Stats as compared: without "file_size", which a cut file changes
 * without changing what it holds. */
static GBytes *
normalize_stats (GBytes *out)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *why = NULL;
  g_autofree char *text = bytes_to_string (out);
  g_autofree char *normal = NULL;
  gsize len = g_bytes_get_size (out);

  if ((root = parse_json (text, len, &why)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return g_bytes_ref (out);
  json_object_remove_member (json_node_get_object (root), "file_size");
  json_generator_set_root (generator, root);
  normal = json_generator_to_data (generator, &len);

  return g_bytes_new_take (g_steal_pointer (&normal), len);
}

/* Where @out first differs from @reference, with a little of each. */
static char *
first_difference (GBytes *out,
                  GBytes *reference)
{
  gsize len = 0, ref_len = 0;
  const char *a = g_bytes_get_data (out, &len);
  const char *b = g_bytes_get_data (reference, &ref_len);
  gsize at = 0;
  gsize from;
  g_autofree char *got = NULL;
  g_autofree char *wanted = NULL;

  while (at < len && at < ref_len && a[at] == b[at])
    at++;
  from = at > 20 ? at - 20 : 0;
  got = g_utf8_make_valid (a + from, MIN (len - from, 50));
  wanted = g_utf8_make_valid (b + from, MIN (ref_len - from, 50));
  g_strdelimit (got, "\n", ' ');
  g_strdelimit (wanted, "\n", ' ');

  return g_strdup_printf ("byte %" G_GSIZE_FORMAT " of stdout: “%s” instead of “%s”", at, got, wanted);
}

/* @out as compared with a reference. */
static GBytes *
comparable_output (Command  command,
                   GBytes  *out)
{
  return command == COMMAND_STATS ? normalize_stats (out) : g_bytes_ref (out);
}

/* --- the good states ------------------------------------------------------- */

/* What the commands print for a project that is not damaged. */
typedef struct
{
  char    *name;
  GBytes  *out[N_COMMANDS];   /* stats normalised */
  Summary  summary;           /* of the project export */
} Reference;

static void
reference_free (Reference *reference)
{
  g_free (reference->name);
  for (guint c = 0; c < N_COMMANDS; c++)
    g_bytes_unref (reference->out[c]);
  summary_clear (&reference->summary);
  g_free (reference);
}

static Reference *
make_reference (const char *dir,
                const char *name,
                GBytes     *file,
                GBytes     *wal)
{
  Reference *reference = g_new0 (Reference, 1);

  reference->name = g_strdup (name);
  summary_init (&reference->summary);
  write_state (dir, file, wal);
  for (Command c = 0; c < N_COMMANDS; c++)
    {
      g_autoptr(Run) run = run_command (dir, c);
      g_autofree char *why = NULL;
      Summary summary;

      g_test_message ("%s: %s → %d\n%s", name, commands[c].name, run->status, run->err);
      g_assert_cmpint (run->status, ==, 0);
      g_assert_cmpstr (run->err, ==, "");
      summary_init (&summary);
      why = read_output (c, run->out, c == COMMAND_PROJECT ? &reference->summary : &summary);
      g_assert_cmpstr (why, ==, NULL);
      summary_clear (&summary);
      reference->out[c] = c == COMMAND_STATS ? normalize_stats (run->out) : g_bytes_ref (run->out);
    }

  return reference;
}

/* --- the -wal -------------------------------------------------------------- */

static gsize
frame_size (gsize page_size)
{
  return FRAME_HEADER_SIZE + page_size;
}

static guint32
read_be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

/* The length of @wal up to the end of each commit: a frame whose header
 * has a database size (bytes 4–7) ends a transaction. */
static GArray *
wal_commit_ends (GBytes *wal,
                 gsize   page_size)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (wal, &len);
  GArray *ends = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (gsize at = WAL_HEADER_SIZE; at + frame_size (page_size) <= len; at += frame_size (page_size))
    if (read_be32 (data + at + 4) != 0)
      {
        gsize end = at + frame_size (page_size);

        g_array_append_val (ends, end);
      }

  return ends;
}

/* --- the world: the project, its sessions and their outputs -------------- */

typedef struct
{
  char       *dir;
  gsize       page_size;
  GBytes     *file;         /* the closed project */
  GPtrArray  *btrees;       /* page number - 1 → what the page holds */
  GBytes     *crashed_wal;  /* beside @file, a crashed session's -wal */
  GArray     *commit_ends;  /* of @crashed_wal */
  GBytes     *file_b;       /* the next session took that -wal in and crashed */
  GBytes     *wal_b;
  GBytes     *file_c;       /* the session after that closed properly */
  GBytes     *stray_wal;    /* another project's -wal */
  Reference  *closed;       /* outputs of @file alone */
  GPtrArray  *prefixes;     /* Reference of @file with the first N commits of @crashed_wal */
  Reference  *b_alone;      /* outputs of @file_b alone */
} World;

static World *world;

static char *
state_dir (const char *name)
{
  return g_build_filename (world->dir, name, NULL);
}

static char *
project_in (const char *dir)
{
  return g_build_filename (dir, PROJECT_NAME, NULL);
}

/* @path opened with SQLite alone, as it is: immutable, so that nothing
 * is written beside it, and nothing is read from a -wal. */
static int
open_immutable (const char  *path,
                sqlite3    **db)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *uri = g_strdup_printf ("file:%s?immutable=1", escaped);

  return sqlite3_open_v2 (uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
}

/* What dbstat says each page holds ("free" for those in no b-tree). */
static GPtrArray *
list_btrees (const char *path,
             gsize       n_pages)
{
  GPtrArray *btrees = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  for (gsize i = 0; i < n_pages; i++)
    g_ptr_array_add (btrees, g_strdup ("free"));
  g_assert_cmpint (open_immutable (path, &db), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, "SELECT pageno, name, pagetype FROM dbstat", -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        gint64 page = sqlite3_column_int64 (stmt, 0);
        const char *type = (const char *) sqlite3_column_text (stmt, 2);

        if (page >= 1 && (gsize) page <= n_pages)
          {
            g_free (btrees->pdata[page - 1]);
            btrees->pdata[page - 1] = g_strdup_printf ("%s%s", sqlite3_column_text (stmt, 1),
                                                       g_strcmp0 (type, "overflow") == 0 ? " overflow" : "");
          }
      }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return btrees;
}

/* The closed project, in @dir. */
static void
make_closed_project (const char *dir)
{
  g_autoptr(TesseraProject) project = tessera_test_create_project (dir, PROJECT_NAME, NULL);

  build_project (project);
  tessera_project_close (project);
}

/* @file and @wal in the folder @name, after @session crashed on them;
 * returns the folder. */
static char *
crash_in (const char *name,
          GBytes     *file,
          GBytes     *wal,
          void      (*session) (TesseraProject *project))
{
  char *dir = state_dir (name);
  g_autofree char *path = project_in (dir);

  write_state (dir, file, wal);
  crash_after (path, session);

  return dir;
}

static GBytes *
read_in (const char *dir,
         const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return read_bytes (path);
}

static void
make_sessions (void)
{
  g_autofree char *a = crash_in ("a", world->file, NULL, add_late_report);
  g_autofree char *b = NULL;
  g_autofree char *c = state_dir ("c");
  g_autofree char *c_path = project_in (c);
  g_autoptr(GBytes) a_file = read_in (a, PROJECT_NAME);

  /* The crash left the file as it was: its work is in the -wal. */
  g_assert_true (g_bytes_equal (a_file, world->file));
  world->crashed_wal = read_in (a, WAL_NAME);
  world->commit_ends = wal_commit_ends (world->crashed_wal, world->page_size);
  g_assert_cmpuint (world->commit_ends->len, ==, 5);

  /* The next session takes that -wal into the file, adds a report and
   * crashes too; the one after closes properly. */
  b = crash_in ("b", world->file, world->crashed_wal, add_calm_report);
  world->file_b = read_in (b, PROJECT_NAME);
  world->wal_b = read_in (b, WAL_NAME);
  write_state (c, world->file_b, world->wal_b);
  {
    g_autoptr(TesseraProject) project = tessera_test_open_project (c_path, TESSERA_OPEN_DEFAULT);

    add_third_report (project);
    tessera_project_close (project);
  }
  world->file_c = read_in (c, PROJECT_NAME);
}

static void
make_stray_wal (void)
{
  g_autofree char *dir = tessera_test_make_folder (world->dir, "other");
  g_autofree char *path = project_in (dir);

  {
    g_autoptr(TesseraProject) project = tessera_test_create_project (dir, PROJECT_NAME, NULL);

    add_report (project, "other-1", "Another project's first report.");
    tessera_project_close (project);
  }
  crash_after (path, add_other_report);
  world->stray_wal = read_in (dir, WAL_NAME);
}

static void
make_references (void)
{
  g_autofree char *dir = state_dir ("reference");

  world->closed = make_reference (dir, "the closed project", world->file, NULL);
  world->prefixes = g_ptr_array_new_with_free_func ((GDestroyNotify) reference_free);
  for (guint n = 0; n <= world->commit_ends->len; n++)
    {
      gsize len = n == 0 ? WAL_HEADER_SIZE : g_array_index (world->commit_ends, gsize, n - 1);
      g_autoptr(GBytes) wal = g_bytes_new_from_bytes (world->crashed_wal, 0, len);
      g_autofree char *name = g_strdup_printf ("the crashed session's first %u commits", n);

      g_ptr_array_add (world->prefixes, make_reference (dir, name, world->file, wal));
    }
  world->b_alone = make_reference (dir, "the second session's file alone", world->file_b, NULL);

  /* Each commit shows in the export, so that reading the -wal up to the
   * right commit is told apart from reading it up to another. */
  g_assert_true (g_bytes_equal (((Reference *) world->prefixes->pdata[0])->out[COMMAND_PROJECT],
                                world->closed->out[COMMAND_PROJECT]));
  for (guint n = 1; n < world->prefixes->len; n++)
    g_assert_false (g_bytes_equal (((Reference *) world->prefixes->pdata[n - 1])->out[COMMAND_PROJECT],
                                   ((Reference *) world->prefixes->pdata[n])->out[COMMAND_PROJECT]));
}

/* Every crash (a fork) comes before the first command runs, since
 * GSubprocess starts a thread. */
static void
make_world (void)
{
  g_autofree char *closed = NULL;
  g_autofree char *path = NULL;

  world = g_new0 (World, 1);
  world->dir = tessera_test_make_tmp_dir ();
  closed = tessera_test_make_folder (world->dir, "closed");
  path = project_in (closed);
  make_closed_project (closed);
  world->file = read_bytes (path);
  world->page_size = tessera_test_sql_int (path, "PRAGMA page_size");
  g_assert_cmpuint (g_bytes_get_size (world->file) % world->page_size, ==, 0);
  world->btrees = list_btrees (path, g_bytes_get_size (world->file) / world->page_size);
  make_sessions ();
  make_stray_wal ();
  make_references ();
}

static void
world_free (void)
{
  if (world == NULL)
    return;
  if (g_getenv ("TESSERA_DAMAGED_KEEP") == NULL)
    tessera_test_remove_tree (world->dir);
  else
    g_test_message ("Kept %s: closed/" PROJECT_NAME " is the project the page variants damage", world->dir);
  g_free (world->dir);
  g_bytes_unref (world->file);
  g_ptr_array_unref (world->btrees);
  g_bytes_unref (world->crashed_wal);
  g_array_unref (world->commit_ends);
  g_bytes_unref (world->file_b);
  g_bytes_unref (world->wal_b);
  g_bytes_unref (world->file_c);
  g_bytes_unref (world->stray_wal);
  reference_free (world->closed);
  g_ptr_array_unref (world->prefixes);
  reference_free (world->b_alone);
  g_clear_pointer (&world, g_free);
}

/* --- variants and what is expected of them ------------------------------- */

typedef enum
{
  KIND_FLIP_HEADER,
  KIND_FLIP_POINTERS,
  KIND_FLIP_CONTENT,
  KIND_BIT_CONTENT,
  KIND_ZERO_PAGE,
  KIND_TRUNCATED,
  KIND_STRAY_WAL,
  KIND_SWAPPED_WAL,
  KIND_TRUNCATED_WAL,
  KIND_DAMAGED_WAL,
  N_KINDS
} Kind;

static const char * const kind_names[N_KINDS] = {
  [KIND_FLIP_HEADER]   = "flip in page header",
  [KIND_FLIP_POINTERS] = "flip in cell pointers",
  [KIND_FLIP_CONTENT]  = "flip in page content",
  [KIND_BIT_CONTENT]   = "bit flip in content",
  [KIND_ZERO_PAGE]     = "zeroed page",
  [KIND_TRUNCATED]     = "truncated file",
  [KIND_STRAY_WAL]     = "stray -wal",
  [KIND_SWAPPED_WAL]   = "swapped -wal",
  [KIND_TRUNCATED_WAL] = "truncated -wal",
  [KIND_DAMAGED_WAL]   = "damaged -wal",
};

typedef enum
{
  /* An error, the reference, or, when SQLite's integrity_check does not
   * see the damage either, other data that hangs together. */
  EXPECT_ANY,
  /* An error or exactly the reference. */
  EXPECT_REFERENCE,
  /* An error whose message holds every string of must_say. */
  EXPECT_ERROR,
} Expect;

typedef struct
{
  Kind                kind;
  char               *where;
  GBytes             *file;
  GBytes             *wal;        /* NULL: none */
  Expect              expect;
  const Reference    *reference;
  const char * const *must_say;
  gboolean            seen;       /* by SQLite's integrity_check */
} Variant;

static void
variant_free (Variant *variant)
{
  g_free (variant->where);
  g_bytes_unref (variant->file);
  g_clear_pointer (&variant->wal, g_bytes_unref);
  g_free (variant);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Variant, variant_free)

static Variant *
variant_new (Kind        kind,
             GBytes     *file,
             GBytes     *wal,
             const char *format,
             ...) G_GNUC_PRINTF (4, 5);

/* A variant of the closed project (EXPECT_ANY): set expect and reference
 * for others. */
static Variant *
variant_new (Kind        kind,
             GBytes     *file,
             GBytes     *wal,
             const char *format,
             ...)
{
  Variant *variant = g_new0 (Variant, 1);
  va_list args;

  variant->kind = kind;
  variant->file = g_bytes_ref (file);
  variant->wal = wal != NULL ? g_bytes_ref (wal) : NULL;
  variant->expect = EXPECT_ANY;
  variant->reference = world->closed;
  va_start (args, format);
  variant->where = g_strdup_vprintf (format, args);
  va_end (args);

  return variant;
}

/* @bytes with the bits @mask of the byte at @offset inverted. */
static GBytes *
flip_byte (GBytes *bytes,
           gsize   offset,
           guint8  mask)
{
  gsize len = 0;
  guint8 *data = g_bytes_unref_to_data (g_bytes_ref (bytes), &len);

  g_assert_cmpuint (offset, <, len);
  data[offset] ^= mask;

  return g_bytes_new_take (data, len);
}

static guint8
byte_at (GBytes *bytes,
         gsize   offset)
{
  return ((const guint8 *) g_bytes_get_data (bytes, NULL))[offset];
}

/* --- judging ---------------------------------------------------------------- */

typedef enum
{
  OUTCOME_ERROR,
  OUTCOME_IDENTICAL,
  OUTCOME_CONSISTENT,   /* other data that hangs together */
  OUTCOME_FAILED,
  N_OUTCOMES
} Outcome;

static const char * const outcome_names[N_OUTCOMES] = {
  "error", "identical", "self-consistent-different", "FAILED",
};

typedef struct
{
  guint      variants[N_KINDS];
  guint      runs;
  guint      reference_runs;
  guint      outcomes[N_KINDS][N_OUTCOMES];
  guint      disagreements;      /* between commands, or with check */
  GPtrArray *failures;           /* one line each */
  GPtrArray *differing;          /* variants read as other data */
} Tally;

static Tally tally;

static char *
first_lines (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_auto(GStrv) lines = g_strsplit (g_strstrip (valid), "\n", 4);

  if (g_strv_length (lines) > 3)
    {
      g_free (lines[3]);
      lines[3] = g_strdup ("…");
    }

  return g_strjoinv (" ⏎ ", lines);
}

static void
record_failure (const Variant *variant,
                const char    *command,
                const Run     *run,
                const char    *why)
{
  g_autofree char *err = run != NULL ? first_lines (run->err) : NULL;
  char *line;

  if (run != NULL)
    line = g_strdup_printf ("%s, %s: %s: exit %d%s%s: %s; stderr: %s", kind_names[variant->kind],
                            variant->where, command, run->status, run->signal ? ", signal " : "",
                            run->signal ? g_strsignal (run->signal) : "", why, err);
  else
    line = g_strdup_printf ("%s, %s: %s: %s", kind_names[variant->kind], variant->where, command, why);
  g_test_message ("FAILED %s", line);
  g_ptr_array_add (tally.failures, line);
}

static gboolean
says_all (const char         *text,
          const char * const *must_say)
{
  for (guint i = 0; must_say != NULL && must_say[i] != NULL; i++)
    if (strstr (text, must_say[i]) == NULL)
      return FALSE;

  return TRUE;
}

/* "check" lists the problems it found on stdout, each starting with the
 * file's name (SQLite's own may go on over several lines), then their
 * number. */
static gboolean
is_problem_list (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint n = g_strv_length (lines);
  guint named = 0;
  g_autofree char *last = NULL;

  if (n < 3 || lines[n - 1][0] != '\0' || !g_str_has_prefix (lines[0], PROJECT_NAME ": "))
    return FALSE;
  for (guint i = 0; i + 2 < n; i++)
    named += g_str_has_prefix (lines[i], PROJECT_NAME ": ");
  last = g_strdup_printf (PROJECT_NAME ": %u problem%s", named, named == 1 ? "" : "s");

  return g_str_equal (lines[n - 2], last);
}

/* Exit status 1: a short message naming the file (or the -wal) on
 * stderr, and nothing on stdout but check's list of problems. */
static char *
judge_error (const Variant *variant,
             Command        command,
             const Run     *run)
{
  gsize len = g_bytes_get_size (run->out);
  g_autofree char *text = bytes_to_string (run->out);
  gboolean listed = command == COMMAND_CHECK && is_problem_list (text);
  const char * const project_only[] = { PROJECT_NAME, NULL };
  const char * const *must_say = variant->must_say ? variant->must_say : project_only;
  g_autofree char *err = g_strstrip (g_strdup (run->err));
  g_auto(GStrv) err_lines = g_strsplit (err, "\n", -1);

  if (len > 0 && !listed)
    return g_strdup_printf ("failed after writing %" G_GSIZE_FORMAT " bytes to stdout", len);
  if (!g_utf8_validate (run->err, -1, NULL))
    return g_strdup ("invalid UTF-8 on stderr");
  if (!listed && !says_all (run->err, must_say))
    {
      g_autofree char *names = g_strjoinv ("”, “", (char **) must_say);

      return g_strdup_printf ("the message does not say “%s”", names);
    }
  if (listed && variant->expect == EXPECT_ERROR && !says_all (text, must_say))
    return g_strdup ("the problems listed do not name the -wal");
  if (!listed && g_strv_length (err_lines) > 3)
    return g_strdup_printf ("the message runs to %u lines", g_strv_length (err_lines));

  return NULL;
}

/* One command on one variant. @summary gets what an output that reads
 * says. */
static Outcome
judge_run (const Variant  *variant,
           Command         command,
           const Run      *run,
           Summary        *summary,
           char          **why)
{
  g_autoptr(GBytes) shown = comparable_output (command, run->out);

  if (run->hung)
    *why = g_strdup_printf ("hung: killed after %d s", WATCHDOG_SECONDS);
  else if (run->signal != 0)
    *why = g_strdup ("crashed");
  else if (run->status != 0 && run->status != 1)
    *why = g_strdup ("exit status neither 0 nor 1");
  else if (run->status == 1)
    return (*why = judge_error (variant, command, run)) ? OUTCOME_FAILED : OUTCOME_ERROR;
  else if (variant->expect == EXPECT_ERROR)
    *why = g_strdup ("read a project it must refuse");
  else if ((*why = read_output (command, run->out, summary)) != NULL)
    {
      g_autofree char *inner = *why;

      *why = g_strdup_printf ("exit 0 with broken output: %s", inner);
    }
  else if (g_bytes_equal (shown, variant->reference->out[command]))
    return OUTCOME_IDENTICAL;
  else if (variant->expect == EXPECT_REFERENCE || variant->seen)
    {
      g_autofree char *diff = compare_summaries (summary, &variant->reference->summary);

      if (diff == NULL)
        diff = first_difference (shown, variant->reference->out[command]);
      *why = g_strdup_printf ("read other data than %s%s: %s", variant->reference->name,
                              variant->seen ? ", though SQLite's integrity_check sees the damage" : "", diff);
    }
  else
    return OUTCOME_CONSISTENT;

  return OUTCOME_FAILED;
}

/* What the commands that read the variant say must agree, and "check"
 * must fail whenever another command found damage. */
static void
judge_variant (const Variant *variant,
               const int     *statuses,
               const Outcome *outcomes,
               const Summary *summaries)
{
  for (Command c = 0; c < N_COMMANDS; c++)
    if (c != COMMAND_CHECK && statuses[c] == 1 && statuses[COMMAND_CHECK] == 0)
      {
        g_autofree char *why = g_strdup_printf ("check exits 0 on a project that %s refuses", commands[c].name);

        record_failure (variant, "check", NULL, why);
        tally.disagreements++;
      }

  for (Command a = 0; a < N_COMMANDS; a++)
    for (Command b = a + 1; b < N_COMMANDS; b++)
      {
        g_autofree char *diff = NULL;
        g_autofree char *pair = NULL;
        gboolean read_a = outcomes[a] == OUTCOME_IDENTICAL || outcomes[a] == OUTCOME_CONSISTENT;
        gboolean read_b = outcomes[b] == OUTCOME_IDENTICAL || outcomes[b] == OUTCOME_CONSISTENT;

        if (!read_a || !read_b || (diff = compare_summaries (&summaries[a], &summaries[b])) == NULL)
          continue;
        pair = g_strdup_printf ("%s vs %s", commands[a].name, commands[b].name);
        record_failure (variant, pair, NULL, diff);
        tally.disagreements++;
      }
}

/* "kind, where: stats --json self-consistent-different, check error, …,
 * first difference in …" */
static char *
describe_outcomes (const Variant *variant,
                   const Outcome *outcomes,
                   const char    *difference)
{
  GString *text = g_string_new (NULL);

  g_string_printf (text, "%s, %s:", kind_names[variant->kind], variant->where);
  for (Command c = 0; c < N_COMMANDS; c++)
    g_string_append_printf (text, " %s %s,", commands[c].name, outcome_names[outcomes[c]]);
  if (difference != NULL)
    g_string_append_printf (text, " first difference in %s", difference);
  else
    g_string_truncate (text, text->len - 1);

  return g_string_free (text, FALSE);
}

/* Whether SQLite's integrity_check finds damage in the project file
 * @path, read alone. */
static gboolean
integrity_check_fails (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean fails = TRUE;
  int rc;

  rc = open_immutable (path, &db);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    fails = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0 ||
            sqlite3_step (stmt) != SQLITE_DONE;
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return fails;
}

/* What a command changed of @variant, written in @dir; NULL: nothing. */
static char *
what_changed (const Variant *variant,
              const char    *dir)
{
  g_autofree char *path = project_in (dir);
  g_autofree char *wal_path = g_strconcat (path, "-wal", NULL);
  g_autofree char *file_before = hash_bytes (variant->file);
  g_autofree char *wal_before = hash_bytes (variant->wal);
  g_autofree char *file_after = hash_file (path, FALSE);
  g_autofree char *wal_after = hash_file (wal_path, TRUE);
  gboolean file_changed = !g_str_equal (file_before, file_after);
  gboolean wal_changed = !g_str_equal (wal_before, wal_after);

  if (!file_changed && !wal_changed)
    return NULL;

  return g_strdup_printf ("changed %s%s%s", file_changed ? PROJECT_NAME : "",
                          file_changed && wal_changed ? " and " : "", wal_changed ? WAL_NAME : "");
}

/* Writes @variant, runs every command on it and judges what they did. */
static void
run_variant (Variant *variant)
{
  g_autofree char *dir = state_dir ("variant");
  g_autofree char *path = project_in (dir);
  int statuses[N_COMMANDS];
  Outcome outcomes[N_COMMANDS];
  Summary summaries[N_COMMANDS];
  g_autofree char *difference = NULL;

  write_state (dir, variant->file, variant->wal);
  tally.variants[variant->kind]++;
  variant->seen = variant->expect == EXPECT_ANY && integrity_check_fails (path);

  for (Command c = 0; c < N_COMMANDS; c++)
    {
      g_autoptr(Run) run = run_command (dir, c);
      g_autofree char *changed = what_changed (variant, dir);
      g_autofree char *why = NULL;

      summary_init (&summaries[c]);
      statuses[c] = run->status;
      outcomes[c] = judge_run (variant, c, run, &summaries[c], &why);
      if (changed != NULL)
        {
          g_autofree char *also = why;

          why = also ? g_strdup_printf ("%s; %s", changed, also) : g_steal_pointer (&changed);
          outcomes[c] = OUTCOME_FAILED;
        }
      if (outcomes[c] == OUTCOME_FAILED)
        record_failure (variant, commands[c].name, run, why);
      if (outcomes[c] == OUTCOME_CONSISTENT && difference == NULL)
        {
          g_autoptr(GBytes) shown = comparable_output (c, run->out);
          g_autofree char *where = first_difference (shown, variant->reference->out[c]);

          difference = g_strdup_printf ("%s: %s", commands[c].name, where);
        }
      tally.outcomes[variant->kind][outcomes[c]]++;
      tally.runs++;
    }

  judge_variant (variant, statuses, outcomes, summaries);
  {
    g_autofree char *line = describe_outcomes (variant, outcomes, difference);

    g_test_message ("%s", line);
  }
  if (difference != NULL)
    g_ptr_array_add (tally.differing, describe_outcomes (variant, outcomes, difference));
  for (Command c = 0; c < N_COMMANDS; c++)
    summary_clear (&summaries[c]);
}

/* --- the summary ------------------------------------------------------------ */

static char *
format_summary (void)
{
  GString *text = g_string_new ("Damaged-file variants:\n");
  guint variants = 0;
  guint outcomes[N_OUTCOMES] = { 0 };

  for (Kind k = 0; k < N_KINDS; k++)
    {
      if (tally.variants[k] == 0)
        continue;
      variants += tally.variants[k];
      g_string_append_printf (text, "  %-22s %4u variants:", kind_names[k], tally.variants[k]);
      for (Outcome o = 0; o < N_OUTCOMES; o++)
        {
          outcomes[o] += tally.outcomes[k][o];
          g_string_append_printf (text, " %s %u,", outcome_names[o], tally.outcomes[k][o]);
        }
      g_string_truncate (text, text->len - 1);
      g_string_append_c (text, '\n');
    }
  g_string_append_printf (text, "%u variants, %u runs (and %u on the good states):", variants, tally.runs,
                          tally.reference_runs);
  for (Outcome o = 0; o < N_OUTCOMES; o++)
    g_string_append_printf (text, " %s %u,", outcome_names[o], outcomes[o]);
  g_string_append_printf (text, " and %u disagreements between commands\n", tally.disagreements);

  if (tally.differing->len > 0)
    g_string_append_printf (text, "Read as other data that hangs together (%u):\n", tally.differing->len);
  for (guint i = 0; i < tally.differing->len; i++)
    g_string_append_printf (text, "  %s\n", (char *) tally.differing->pdata[i]);
  if (tally.failures->len > 0)
    g_string_append_printf (text, "Failures (%u):\n", tally.failures->len);
  for (guint i = 0; i < tally.failures->len; i++)
    g_string_append_printf (text, "  %s\n", (char *) tally.failures->pdata[i]);

  return g_string_free (text, FALSE);
}

/* Runs @variant and drops it. */
static void
run_and_free (Variant *variant)
{
  g_autoptr(Variant) owned = variant;

  run_variant (owned);
}

/* --- pages ------------------------------------------------------------------ */

/* Where in @page to flip a byte: a field of the b-tree page header (a
 * different one from page to page), the low byte of the middle cell
 * pointer, the middle of the cell content, and a third of the way into
 * it for a single bit (a change that may leave text valid UTF-8, and
 * every structure intact). Pages that are not b-tree pages (overflow,
 * free) have a 4-byte next-page number, then data. */
typedef struct
{
  gsize header;
  gsize pointers;
  gsize content;
  gsize bit;
} Spots;

static void
find_spots (const guint8 *page,
            guint         page_no,
            gsize         page_size,
            Spots        *spots)
{
  gsize start = page_no == 1 ? 100 : 0;
  guint8 type = page[start];

  if (type == 2 || type == 5 || type == 10 || type == 13)
    {
      gsize header_size = type == 2 || type == 5 ? 12 : 8;
      guint n_cells = page[start + 3] << 8 | page[start + 4];
      gsize content = page[start + 5] << 8 | page[start + 6];

      if (content == 0)
        content = 65536;
      spots->header = start + page_no % header_size;
      spots->pointers = start + header_size + 2 * (n_cells / 2) + 1;
      content = MIN (content, page_size - 1);
      spots->content = content + (page_size - content) / 2;
      spots->bit = content + (page_size - content) / 3;
    }
  else
    {
      spots->header = 3;
      spots->pointers = 7;
      spots->content = page_size / 2;
      spots->bit = page_size / 3;
    }
}

static void
run_flip (Kind   kind,
          guint  page_no,
          gsize  spot,
          guint8 mask)
{
  gsize offset = (page_no - 1) * world->page_size + spot;
  g_autoptr(GBytes) file = flip_byte (world->file, offset, mask);

  run_and_free (variant_new (kind, file, NULL, "page %u (%s) +%" G_GSIZE_FORMAT ", byte %" G_GSIZE_FORMAT
                             " 0x%02x→0x%02x", page_no, (char *) world->btrees->pdata[page_no - 1], spot,
                             offset, byte_at (world->file, offset), byte_at (file, offset)));
}

static void
run_zeroed (guint page_no)
{
  gsize len = 0;
  guint8 *data = g_bytes_unref_to_data (g_bytes_ref (world->file), &len);
  g_autoptr(GBytes) file = NULL;

  memset (data + (page_no - 1) * world->page_size, 0, world->page_size);
  file = g_bytes_new_take (data, len);
  run_and_free (variant_new (KIND_ZERO_PAGE, file, NULL, "page %u (%s), bytes %" G_GSIZE_FORMAT "–%"
                             G_GSIZE_FORMAT, page_no, (char *) world->btrees->pdata[page_no - 1],
                             (page_no - 1) * world->page_size, page_no * world->page_size - 1));
}

static void
run_pages (void)
{
  gsize n_pages = g_bytes_get_size (world->file) / world->page_size;

  for (guint page_no = 1; page_no <= n_pages; page_no++)
    {
      const guint8 *page = (const guint8 *) g_bytes_get_data (world->file, NULL) + (page_no - 1) * world->page_size;
      Spots spots;

      find_spots (page, page_no, world->page_size, &spots);
      run_flip (KIND_FLIP_HEADER, page_no, spots.header, 0xff);
      run_flip (KIND_FLIP_POINTERS, page_no, spots.pointers, 0xff);
      run_flip (KIND_FLIP_CONTENT, page_no, spots.content, 0xff);
      run_flip (KIND_BIT_CONTENT, page_no, spots.bit, 0x01);
      run_zeroed (page_no);
    }
}

/* --- truncation --------------------------------------------------------- */

static void
run_truncated (void)
{
  static const char * const empty[] = { PROJECT_NAME, "not a Tessera project", "empty", NULL };
  gsize size, half;

  size = g_bytes_get_size (world->file);
  half = size / world->page_size / 2 * world->page_size;

  {
    const gsize lengths[] = {
      1, 50, 100, world->page_size, world->page_size + world->page_size / 2 + 1, half, half + 1234,
      size - world->page_size, size - 1,
    };

    for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
      {
        g_autoptr(GBytes) file = g_bytes_new_from_bytes (world->file, 0, lengths[i]);

        run_and_free (variant_new (KIND_TRUNCATED, file, NULL, "to %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT
                                   " bytes", lengths[i], size));
      }
  }
  {
    g_autoptr(GBytes) file = g_bytes_new_static ("", 0);
    Variant *variant = variant_new (KIND_TRUNCATED, file, NULL, "to 0 bytes");

    variant->expect = EXPECT_ERROR;
    variant->must_say = empty;
    run_and_free (variant);
  }
}

/* --- the -wal --------------------------------------------------------------- */

static const char * const names_wal[] = { WAL_NAME, NULL };

/* What SQLite reads of the crashed session's -wal when it is damaged or
 * cut at @offset: the commits that end before the frame holding it. */
static const Reference *
reference_before (gsize offset)
{
  gsize frame = frame_size (world->page_size);
  gsize frame_start = offset < WAL_HEADER_SIZE ? 0
                      : WAL_HEADER_SIZE + (offset - WAL_HEADER_SIZE) / frame * frame;
  guint n = 0;

  while (n < world->commit_ends->len && g_array_index (world->commit_ends, gsize, n) <= frame_start)
    n++;

  return world->prefixes->pdata[n];
}

static void
run_wal_variant (Kind    kind,
                 GBytes *wal,
                 gsize   offset,
                 char   *where)
{
  Variant *variant = variant_new (kind, world->file, wal, "%s", where);

  variant->expect = EXPECT_REFERENCE;
  variant->reference = reference_before (offset);
  g_free (where);
  run_and_free (variant);
}

static void
run_wal_flip (gsize       offset,
              const char *field)
{
  g_autoptr(GBytes) wal = flip_byte (world->crashed_wal, offset, 0xff);

  run_wal_variant (KIND_DAMAGED_WAL, wal, offset,
                   g_strdup_printf ("%s, byte %" G_GSIZE_FORMAT " 0x%02x→0x%02x", field, offset,
                                    byte_at (world->crashed_wal, offset), byte_at (wal, offset)));
}

static void
run_wal_cut (gsize       len,
             const char *field)
{
  g_autoptr(GBytes) wal = g_bytes_new_from_bytes (world->crashed_wal, 0, len);

  run_wal_variant (KIND_TRUNCATED_WAL, wal, len,
                   g_strdup_printf ("cut to %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " bytes, %s", len,
                                    g_bytes_get_size (world->crashed_wal), field));
}

static void
run_refused (Kind        kind,
             GBytes     *file,
             GBytes     *wal,
             const char *where)
{
  Variant *variant = variant_new (kind, file, wal, "%s", where);

  variant->expect = EXPECT_ERROR;
  variant->must_say = names_wal;
  run_and_free (variant);
}

/* Every frame is damaged once, in turn in its header (each field in
 * turn), in its page or cut in the middle. */
static void
run_frames (void)
{
  static const char * const fields[] = { "page number", "database size", "salt-1", "salt-2",
                                         "checksum-1", "checksum-2" };
  gsize frame = frame_size (world->page_size);
  guint n_frames = (g_bytes_get_size (world->crashed_wal) - WAL_HEADER_SIZE) / frame;

  for (guint f = 0; f < n_frames; f++)
    {
      gsize start = WAL_HEADER_SIZE + f * frame;
      g_autofree char *where = NULL;

      switch (f % 3)
        {
        case 0:
          where = g_strdup_printf ("frame %u header, %s", f + 1, fields[(f / 3) % G_N_ELEMENTS (fields)]);
          run_wal_flip (start + (f / 3) % G_N_ELEMENTS (fields) * 4 + 3, where);
          break;
        case 1:
          where = g_strdup_printf ("frame %u page data", f + 1);
          run_wal_flip (start + FRAME_HEADER_SIZE + world->page_size / 2, where);
          break;
        default:
          where = g_strdup_printf ("in frame %u page data", f + 1);
          run_wal_cut (start + FRAME_HEADER_SIZE + world->page_size / 2, where);
          break;
        }
    }
}

static void
run_wal (void)
{
  static const struct
  {
    gsize       offset;
    const char *field;
  } header_fields[] = {
    { 3, "-wal header, magic" },
    { 7, "-wal header, format version" },
    { 10, "-wal header, page size" },
    { 15, "-wal header, checkpoint sequence" },
    { 19, "-wal header, salt-1" },
    { 27, "-wal header, checksum-1" },
  };
  run_refused (KIND_STRAY_WAL, world->file, world->stray_wal, "another project's crashed -wal");
  run_refused (KIND_SWAPPED_WAL, world->file_c, world->crashed_wal,
               "first session's -wal beside the file of the third (closed)");
  run_refused (KIND_SWAPPED_WAL, world->file_c, world->wal_b,
               "second session's -wal beside the file of the third (closed)");
  {
    /* The file already holds what that -wal says: reading it is right. */
    Variant *variant = variant_new (KIND_SWAPPED_WAL, world->file_b, world->crashed_wal,
                                    "first session's -wal beside the file of the second, which took it in");

    variant->expect = EXPECT_REFERENCE;
    variant->reference = world->b_alone;
    run_and_free (variant);
  }

  for (guint i = 0; i < G_N_ELEMENTS (header_fields); i++)
    run_wal_flip (header_fields[i].offset, header_fields[i].field);
  run_wal_cut (16, "in the -wal header");
  run_wal_cut (WAL_HEADER_SIZE + 10, "in frame 1 header");
  run_frames ();
}

static void
test_damaged (void)
{
  g_autofree char *summary = NULL;

  make_world ();
  run_pages ();
  run_truncated ();
  run_wal ();

  tally.reference_runs = (2 + world->prefixes->len) * N_COMMANDS;
  summary = format_summary ();
  g_test_message ("%s", summary);
  g_print ("%s", summary);
  world_free ();

  /* After the summary: a failed test ends the program. */
  if (tally.failures->len > 0)
    g_test_fail_printf ("%u failures (listed above and in the summary)", tally.failures->len);
}

int
main (int    argc,
      char **argv)
{
  int status;

  /* The summary quotes messages and texts in UTF-8. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tally.failures = g_ptr_array_new_with_free_func (g_free);
  tally.differing = g_ptr_array_new_with_free_func (g_free);

  g_test_add_func ("/damaged/read-only-commands", test_damaged);

  status = g_test_run ();

  g_ptr_array_unref (tally.failures);
  g_ptr_array_unref (tally.differing);

  return status;
}
