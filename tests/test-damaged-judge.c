/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-damaged"

#include "config.h"

#include <string.h>

#include "test-damaged.h"

/* How test-damaged judges a variant: every command run on it, what each
 * did weighed against what is expected of that kind of damage, and the
 * tally of it all. */

/* --- variants and what is expected of them ------------------------------- */

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

static void
variant_free (Variant *variant)
{
  g_free (variant->where);
  g_bytes_unref (variant->file);
  g_clear_pointer (&variant->wal, g_bytes_unref);
  g_free (variant);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Variant, variant_free)

/* A variant of the closed project (EXPECT_ANY): set expect and reference
 * for others. */
Variant *
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

/* --- judging ---------------------------------------------------------------- */

static const char * const outcome_names[N_OUTCOMES] = {
  "error", "identical", "self-consistent-different", "FAILED",
};

Tally tally;

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

char *
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
void
run_and_free (Variant *variant)
{
  g_autoptr(Variant) owned = variant;

  run_variant (owned);
}

