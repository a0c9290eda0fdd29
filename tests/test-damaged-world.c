/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-damaged"

#include "config.h"

#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "test-damaged.h"

/* The world test-damaged damages: a small real project, the sessions
 * that crashed or closed on it, another project's -wal, and what every
 * command prints for each good state. */

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

/* @dir, emptied, holding PROJECT_NAME made of @file and, when not NULL,
 * its -wal made of @wal. */
void
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

/* --- the good states ------------------------------------------------------- */

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
      reference->out[c] = comparable_output (c, run->out);
    }

  return reference;
}

/* --- the -wal -------------------------------------------------------------- */

gsize
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

World *world;

char *
state_dir (const char *name)
{
  return g_build_filename (world->dir, name, NULL);
}

char *
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

/* Whether SQLite's integrity_check finds damage in the project file
 * @path, read alone. */
gboolean
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
void
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

void
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

