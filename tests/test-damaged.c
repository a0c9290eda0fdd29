/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-damaged"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "test-damaged.h"

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
 * failure can be reproduced by hand from the project it names.
 *
 * Here are the commands and the damage; test-damaged-world.c makes the
 * project and its good states, test-damaged-output.c reads what a
 * command printed, and test-damaged-judge.c judges each variant. */

/* --- the commands -------------------------------------------------------- */

/* Each read-only command, run on PROJECT_NAME in the variant's folder,
 * so that what it prints does not depend on where that is. */
const CommandLine commands[N_COMMANDS] = {
  [COMMAND_STATS]   = { "stats --json", { "stats", PROJECT_NAME, "--json", NULL } },
  [COMMAND_CHECK]   = { "check", { "check", PROJECT_NAME, NULL } },
  [COMMAND_JSONL]   = { "export --format jsonl", { "export", PROJECT_NAME, "--format=jsonl", NULL } },
  [COMMAND_PROJECT] = { "export --format project", { "export", PROJECT_NAME, "--format=project", NULL } },
};

void
run_free (Run *run)
{
  g_bytes_unref (run->out);
  g_free (run->err);
  g_free (run);
}

/* NUL-terminated; GBytes of size 0 may have no data at all. */
char *
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
Run *
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

/* --- damage ----------------------------------------------------------------- */

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