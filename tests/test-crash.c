/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-crash"

#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "tessera-test-util.h"

/* "A crash loses nothing that was shown as done." crash-driver makes
 * random commands on one project through TesseraHistory and is killed
 * with SIGKILL after a random while, ROUNDS times over the same file.
 * After each kill the project must open, pass tessera_project_check and
 * "tessera-cli check", and hold exactly the state after the last command
 * the driver acknowledged, or after the one command in flight when it
 * was killed (a commit can reach the file before its acknowledgement is
 * written). */

#define ROUNDS 60

/* Written for this test. */
static const char * const texts[] = {
  "Armed men attacked the market in Ménaka on Sunday; the governor said "
  "twelve civilians were killed, while a spokesman for the group denied "
  "any part in it and blamed bandits from across the border.",
  "Talks between the government and the CSP\u2011PSD resumed in Algiers. "
  "Both sides reported progress, but a rebel commander doubted that the "
  "army would withdraw from Anefis before the rains.",
  "Drone strikes hit a convoy near Kidal at dawn. Residents counted "
  "three burned trucks; the army confirmed the strike and said the "
  "convoy carried fighters, which local officials denied.",
};

/* What one run of crash-driver wrote on stdout. */
typedef struct
{
  gboolean   ready;         /* it had opened the project */
  char      *ready_digest;
  GPtrArray *acks;          /* the digest of each acknowledged command */
  gboolean   in_flight;     /* a command had started and was not acknowledged */
  char      *digest;        /* --digest */
  GPtrArray *state;         /* "state" lines, without the prefix */
} Run;

static void
run_free (Run *run)
{
  g_free (run->ready_digest);
  g_free (run->digest);
  g_ptr_array_unref (run->acks);
  g_ptr_array_unref (run->state);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static Run *
parse_run (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  Run *run = g_new0 (Run, 1);

  run->acks = g_ptr_array_new_with_free_func (g_free);
  run->state = g_ptr_array_new_with_free_func (g_free);

  /* The last piece has no newline: a line cut short counts for nothing. */
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (lines[i], " ", 4);
      guint n_words = g_strv_length (words);

      if (g_str_equal (words[0], "ready") && n_words == 2)
        {
          run->ready = TRUE;
          run->ready_digest = g_strdup (words[1]);
        }
      else if (g_str_equal (words[0], "do"))
        run->in_flight = TRUE;
      else if (g_str_equal (words[0], "ack") && n_words == 4)
        {
          g_assert_cmpuint (g_ascii_strtoull (words[1], NULL, 10), ==, run->acks->len + 1);
          g_ptr_array_add (run->acks, g_strdup (words[3]));
          run->in_flight = FALSE;
        }
      else if (g_str_equal (words[0], "digest") && n_words == 2)
        run->digest = g_strdup (words[1]);
      else if (g_str_equal (words[0], "state"))
        g_ptr_array_add (run->state, g_strdup (lines[i] + strlen ("state ")));
      else
        {
          g_test_message ("crash-driver wrote “%s”", lines[i]);
          g_assert_not_reached ();
        }
    }

  return run;
}

static const char *
last_ack (Run *run)
{
  return run->acks->len > 0 ? g_ptr_array_index (run->acks, run->acks->len - 1) : NULL;
}

typedef struct
{
  GSubprocess *process;
  guint        source;    /* the pending kill, or 0 */
} Kill;

static gboolean
send_kill (gpointer data)
{
  Kill *kill = data;

  g_subprocess_send_signal (kill->process, SIGKILL);
  kill->source = 0;

  return G_SOURCE_REMOVE;
}

static void
communicated (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

/* Runs @argv (NULL-terminated) and returns what it wrote on stdout. When
 * @kill_after_ms is not negative it is killed with SIGKILL after that
 * long and must not have ended before; otherwise it must succeed. */
static char *
run_program (const char * const *argv,
             int                 kill_after_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  Kill kill = { NULL, 0 };
  gboolean killed;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);

  kill.process = process;
  if (kill_after_ms >= 0)
    kill.source = g_timeout_add (kill_after_ms, send_kill, &kill);
  /* Read as it writes, so that a full pipe never holds the program up. */
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_communicate_utf8_finish (process, result, &out, &err, &error);
  g_assert_no_error (error);
  g_clear_handle_id (&kill.source, g_source_remove);

  killed = g_subprocess_get_if_signaled (process) && g_subprocess_get_term_sig (process) == SIGKILL;
  if (kill_after_ms >= 0 ? !killed : !g_subprocess_get_successful (process))
    g_test_message ("%s did not end as it should: %s", argv[0], err);
  if (kill_after_ms >= 0)
    g_assert_true (killed);
  else
    g_assert_true (g_subprocess_get_successful (process));

  return g_steal_pointer (&out);
}

static Run *
run_driver (const char * const *args,
            int                 kill_after_ms)
{
  const char *driver = g_getenv ("CRASH_DRIVER");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;

  g_assert_nonnull (driver);
  g_ptr_array_add (argv, (gpointer) driver);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  out = run_program ((const char * const *) argv->pdata, kill_after_ms);

  return parse_run (out);
}

/* What the file holds now, read by the driver. */
static Run *
read_state (const char *path)
{
  Run *found = run_driver ((const char * const []) { "--digest", path, NULL }, -1);

  g_assert_nonnull (found->digest);

  return found;
}

/* Opens @path as the window would and checks it, then with tessera-cli. */
static void
check_project (const char *path)
{
  g_autoptr(TesseraProject) project = tessera_test_open_project (path, TESSERA_OPEN_DEFAULT);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("TESSERA_CLI");
  g_autofree char *out = NULL;

  g_assert_true (tessera_project_check (project, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (const char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
  tessera_project_close (project);

  g_assert_nonnull (cli);
  out = run_program ((const char * const []) { cli, "check", path, NULL }, -1);
  g_assert_true (g_str_has_suffix (out, "\n") && strstr (out, ": OK, ") != NULL);
}

/* Copies the project file (and its WAL side files, if any) over @to. */
static void
copy_project (const char *from,
              const char *to)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from_path = g_strconcat (from, suffixes[i], NULL);
      g_autofree char *to_path = g_strconcat (to, suffixes[i], NULL);
      g_autoptr(GFile) source = g_file_new_for_path (from_path);
      g_autoptr(GFile) dest = g_file_new_for_path (to_path);
      g_autoptr(GError) error = NULL;

      g_remove (to_path);
      if (g_file_test (from_path, G_FILE_TEST_EXISTS))
        g_file_copy (source, dest, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
}

/* Shows the rows that differ between what the file holds and what it
 * should hold. */
static void
show_difference (GPtrArray *found,
                 GPtrArray *expected)
{
  g_autoptr(GHashTable) in_found = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) in_expected = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < found->len; i++)
    g_hash_table_add (in_found, g_ptr_array_index (found, i));
  for (guint i = 0; i < expected->len; i++)
    g_hash_table_add (in_expected, g_ptr_array_index (expected, i));

  for (guint i = 0; i < expected->len; i++)
    if (!g_hash_table_contains (in_found, g_ptr_array_index (expected, i)))
      g_test_message ("missing: %s", (const char *) g_ptr_array_index (expected, i));
  for (guint i = 0; i < found->len; i++)
    if (!g_hash_table_contains (in_expected, g_ptr_array_index (found, i)))
      g_test_message ("unexpected: %s", (const char *) g_ptr_array_index (found, i));
}

/* The file does not hold the state the last acknowledged command left.
 * Runs the same commands again on @before (the file as the round found
 * it) up to the one that was in flight: TRUE when the file holds the
 * state that command leaves. */
static gboolean
in_flight_was_durable (const char *before,
                       guint32     seed,
                       Run        *run,
                       Run        *found)
{
  guint count = run->acks->len + (run->in_flight ? 1 : 0);
  g_autofree char *seed_str = g_strdup_printf ("%" G_GUINT32_FORMAT, seed);
  g_autofree char *count_str = g_strdup_printf ("%u", count);
  g_autoptr(Run) replay = NULL;

  if (count == 0)
    return FALSE;

  replay = run_driver ((const char * const []) { before, seed_str, count_str, NULL }, -1);
  g_assert_cmpuint (replay->acks->len, ==, count);
  /* The driver must be deterministic for the replay to mean anything. */
  for (guint i = 0; i < run->acks->len; i++)
    g_assert_cmpstr (g_ptr_array_index (replay->acks, i), ==, g_ptr_array_index (run->acks, i));

  if (run->in_flight && g_str_equal (last_ack (replay), found->digest))
    return TRUE;

  g_test_message ("the file against the state after command %u:", count);
  show_difference (found->state, replay->state);

  return FALSE;
}

static TesseraProject *
make_project (const char  *dir,
              char       **path)
{
  TesseraProject *project = tessera_test_create_project (dir, "crash.tessera", path);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(TesseraDocument) doc = tessera_document_new ();

      doc->uid = g_strdup_printf ("crash-%u", i + 1);
      doc->title = g_strdup_printf ("Report %u", i + 1);
      doc->text = g_strdup (texts[i]);
      tessera_test_add_document (project, doc);
    }

  /* The driver signs as this annotator; made here, so that its first
   * command writes nothing else. */
  tessera_project_set_annotator (project, "crash-driver");
  g_assert_cmpint (tessera_project_get_current_annotator_id (project, &error), >, 0);
  g_assert_no_error (error);

  return project;
}

static void
test_kill (void)
{
  g_autofree char *dir = tessera_test_make_tmp_dir ();
  g_autofree char *path = NULL;
  g_autofree char *before = g_build_filename (dir, "before.tessera", NULL);
  g_autofree char *state = NULL;
  gint64 started = g_get_monotonic_time ();
  guint acknowledged = 0;
  guint while_opening = 0;
  guint mid_command = 0;
  guint durable_unacknowledged = 0;

  {
    g_autoptr(TesseraProject) project = make_project (dir, &path);

    tessera_project_close (project);
  }
  {
    g_autoptr(Run) found = read_state (path);

    state = g_strdup (found->digest);
  }

  for (guint round = 0; round < ROUNDS; round++)
    {
      /* One round in six is killed while the driver starts and opens. */
      int kill_after_ms = round % 6 == 0 ? g_test_rand_int_range (0, 5) : g_test_rand_int_range (5, 81);
      guint32 seed = g_test_rand_int ();
      g_autofree char *seed_str = g_strdup_printf ("%" G_GUINT32_FORMAT, seed);
      g_autoptr(Run) run = NULL;
      g_autoptr(Run) found = NULL;
      const char *expected;

      copy_project (path, before);
      run = run_driver ((const char * const []) { path, seed_str, NULL }, kill_after_ms);
      g_test_message ("round %u: seed %s, killed after %d ms, %s, %u acknowledged%s", round, seed_str,
                      kill_after_ms, run->ready ? "open" : "opening", run->acks->len,
                      run->in_flight ? ", one in flight" : "");

      /* Nothing but the driver writes to the file. */
      if (run->ready)
        g_assert_cmpstr (run->ready_digest, ==, state);

      check_project (path);
      found = read_state (path);
      expected = run->acks->len > 0 ? last_ack (run) : state;
      if (!g_str_equal (found->digest, expected))
        {
          if (!in_flight_was_durable (before, seed, run, found))
            {
              g_test_message ("round %u lost work: the file holds neither the state after command %u, "
                              "the last acknowledged, nor after the one in flight", round, run->acks->len);
              g_assert_cmpstr (found->digest, ==, expected);
            }
          durable_unacknowledged++;
        }

      acknowledged += run->acks->len;
      while_opening += run->ready ? 0 : 1;
      mid_command += run->in_flight ? 1 : 0;
      g_free (state);
      state = g_strdup (found->digest);
    }

  /* A kill during the commit's fsync finds the WAL frames written: the
   * kernel keeps them, so such a command survives unacknowledged. */
  g_test_message ("%u kills: %u while opening, %u between commands, %u mid-command (%u of them "
                  "already committed, %u rolled back); %u commands acknowledged, none lost; %.1f s",
                  ROUNDS, while_opening, ROUNDS - while_opening - mid_command, mid_command,
                  durable_unacknowledged, mid_command - durable_unacknowledged, acknowledged,
                  (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);

  tessera_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crash/kill", test_kill);

  return g_test_run ();
}
