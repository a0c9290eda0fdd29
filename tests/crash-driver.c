/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crash-driver"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "crash-driver.h"

/* The program test-crash kills: it makes random undoable commands on a
 * project through TesseraHistory, as the window does, and says which
 * ones returned, so the test can tell whether a kill lost one.
 *
 *   crash-driver PROJECT SEED [COUNT]   commands until killed (or COUNT)
 *   crash-driver --digest PROJECT       the state of the file
 *
 * It writes one line at a time to stdout, flushed:
 *
 *   ready DIGEST       the project is open; DIGEST is the state it holds
 *   do N WHAT…         command N starts (a group announces its parts too)
 *   ack N ID DIGEST    command N returned: what it made (or 0) and the
 *                      state the file must now hold
 *   digest DIGEST      (--digest) the state the file holds
 *   state ROW…         the state itself, one row a line, after COUNT
 *                      commands or the digest (for a failing test to show)
 *
 * The expected state is a model of the project that the driver keeps
 * itself, from what each command is documented to do (deleting a span
 * takes its events and stances along…), never read back from the file.
 * A DIGEST is the SHA-256 of the model's rows in id order, leaving out
 * timestamps. The same seed on the same file makes the same commands
 * with the same ids, so the test can replay a run to learn the state a
 * command that was in flight when killed would have left.
 *
 * The model is in crash-driver-model.c, the commands that change it in
 * crash-driver-commands.c; here is the driver: undo and redo, which
 * command comes next, and the program. */

/* --- the driver ------------------------------------------------------- */

typedef struct
{
  Model *before;
  Model *after;
} UndoStep;

static void
undo_step_free (UndoStep *step)
{
  model_free (step->before);
  model_free (step->after);
  g_free (step);
}

/* Undo (@backward) and redo: the model goes back (or forward) to a copy
 * of itself. */
static Outcome
cmd_undo_redo (Driver  *d,
               int      backward,
               gint64  *result,
               GError **error)
{
  GPtrArray *from = backward ? d->undo : d->redo;
  GPtrArray *to = backward ? d->redo : d->undo;
  UndoStep *step;

  if (from->len == 0)
    return SKIPPED;

  announce (d, backward ? "undo" : "redo");
  if (!(backward ? tessera_history_undo (d->history, error) : tessera_history_redo (d->history, error)))
    return FAILED;

  step = g_ptr_array_steal_index (from, from->len - 1);
  model_free (d->model);
  d->model = model_copy (backward ? step->before : step->after);
  g_ptr_array_add (to, step);

  return DONE;
}

static Outcome cmd_group (Driver *d, int arg, gint64 *result, GError **error);

typedef enum
{
  GROWS    = 1 << 0,  /* left out while the model has MAX_SPANS spans */
  UNDOABLE = 1 << 1,  /* makes an undo step (undo and redo move one) */
  GROUPED  = 1 << 2,  /* may be part of a group */
} CommandFlags;

static const struct
{
  guint        weight;
  CommandFlags flags;
  CommandFunc  func;
  int          arg;
} commands[] = {
  { 10, GROWS | UNDOABLE | GROUPED, cmd_add, TESSERA_LABEL_ENTITY },
  { 6,  GROWS | UNDOABLE | GROUPED, cmd_add, TESSERA_LABEL_EVENT },
  { 4,  GROWS | UNDOABLE | GROUPED, cmd_add, TESSERA_LABEL_STANCE },
  { 6,  UNDOABLE | GROUPED,         cmd_add_argument, 0 },
  { 3,  UNDOABLE,                   cmd_remove_argument, 0 },
  { 4,  UNDOABLE,                   cmd_update_span, 0 },
  { 4,  UNDOABLE | GROUPED,         cmd_update_event, 0 },
  { 4,  UNDOABLE,                   cmd_update_stance, 0 },
  { 5,  UNDOABLE | GROUPED,         cmd_delete, T_SPAN },
  { 3,  UNDOABLE,                   cmd_delete, T_EVENT },
  { 2,  UNDOABLE,                   cmd_delete, T_STANCE },
  { 3,  UNDOABLE | GROUPED,         cmd_set_status, 0 },
  { 2,  UNDOABLE,                   cmd_add_cluster, 0 },
  { 1,  UNDOABLE,                   cmd_rename_cluster, 0 },
  { 4,  UNDOABLE | GROUPED,         cmd_add_cluster_member, 0 },
  { 2,  UNDOABLE,                   cmd_remove_cluster_member, 0 },
  { 1,  UNDOABLE,                   cmd_merge_clusters, 0 },
  { 1,  UNDOABLE,                   cmd_delete, T_CLUSTER },
  { 6,  0,                          cmd_undo_redo, TRUE },
  { 3,  0,                          cmd_undo_redo, FALSE },
  { 3,  GROWS | UNDOABLE,           cmd_group, 0 },
};

static Outcome
run_entry (Driver  *d,
           guint    k,
           gint64  *result,
           GError **error)
{
  return commands[k].func (d, commands[k].arg, result, error);
}

/* A random command (one that may be grouped when @grouped). */
static guint
random_command (Driver   *d,
                gboolean  grouped)
{
  CommandFlags left_out = N_ROWS (d->model, T_SPAN) >= MAX_SPANS ? GROWS : 0;
  guint total = 0;
  guint pick;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if ((!grouped || (commands[i].flags & GROUPED)) && !(commands[i].flags & left_out))
      total += commands[i].weight;

  pick = random_index (d, total);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if ((grouped && !(commands[i].flags & GROUPED)) || (commands[i].flags & left_out))
        continue;
      if (pick < commands[i].weight)
        return i;
      pick -= commands[i].weight;
    }

  g_assert_not_reached ();
}

/* Two or three commands as one undo step, in one transaction. */
static Outcome
cmd_group (Driver  *d,
           int      arg,
           gint64  *result,
           GError **error)
{
  guint n = (guint) g_rand_int_range (d->rand, 2, 4);

  announce (d, "group of %u", n);
  if (!tessera_history_begin_group (d->history, "Crash test group", error))
    return FAILED;

  for (guint done = 0; done < n;)
    {
      switch (run_entry (d, random_command (d, TRUE), result, error))
        {
        case DONE:
          done++;
          break;
        case FAILED:
          tessera_history_end_group (d->history, FALSE, NULL);
          return FAILED;
        case SKIPPED:
        default:
          break;
        }
    }

  return tessera_history_end_group (d->history, TRUE, error) ? DONE : FAILED;
}

/* Runs one random command; FALSE with @error when the project refused it. */
static gboolean
run_command (Driver  *d,
             GError **error)
{
  g_autoptr(Model) before = model_copy (d->model);
  g_autofree char *digest = NULL;
  gint64 result = 0;
  guint k;
  Outcome outcome;

  do
    {
      k = random_command (d, FALSE);
      outcome = run_entry (d, k, &result, error);
    }
  while (outcome == SKIPPED);

  if (outcome == FAILED)
    return FALSE;

  if (commands[k].flags & UNDOABLE)
    {
      UndoStep *step = g_new0 (UndoStep, 1);

      step->before = g_steal_pointer (&before);
      step->after = model_copy (d->model);
      g_ptr_array_add (d->undo, step);
      g_ptr_array_set_size (d->redo, 0);
    }

  if (tessera_history_can_undo (d->history) != (d->undo->len > 0) ||
      tessera_history_can_redo (d->history) != (d->redo->len > 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "After command %" G_GUINT64_FORMAT " the history and the driver disagree on undo",
                   d->n_done + 1);
      return FALSE;
    }

  d->n_done++;
  digest = model_digest (d->model);
  printf ("ack %" G_GUINT64_FORMAT " %" G_GINT64_FORMAT " %s\n", d->n_done, result, digest);
  fflush (stdout);

  return TRUE;
}

static void
driver_clear (Driver *d)
{
  for (guint k = 0; k < TESSERA_N_LABEL_KINDS; k++)
    g_clear_pointer (&d->labels[k], g_ptr_array_unref);
  g_clear_pointer (&d->undo, g_ptr_array_unref);
  g_clear_pointer (&d->redo, g_ptr_array_unref);
  g_clear_pointer (&d->model, model_free);
  g_clear_pointer (&d->rand, g_rand_free);
  g_clear_object (&d->history);
  if (d->project != NULL)
    tessera_project_close (d->project);
  g_clear_object (&d->project);
}

static gboolean
driver_open (Driver      *d,
             const char  *path,
             guint32      seed,
             GError     **error)
{
  d->project = tessera_project_open (path, TESSERA_OPEN_DEFAULT, error);
  if (d->project == NULL)
    return FALSE;

  /* The test made this annotator, so signing needs no write of its own. */
  tessera_project_set_annotator (d->project, "crash-driver");
  if (!(d->annotator_id = tessera_project_get_current_annotator_id (d->project, error)) ||
      !(d->model = load_model (d->project, error)))
    return FALSE;

  for (guint k = 0; k < TESSERA_N_LABEL_KINDS; k++)
    d->labels[k] = tessera_project_list_labels (d->project, k);
  d->realis = tessera_project_get_attribute (d->project, "realis");
  d->confirmation = tessera_project_get_attribute (d->project, "confirmation");
  if (N_ROWS (d->model, T_DOC) == 0 || d->realis == NULL || d->confirmation == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s needs documents and the default schema", path);
      return FALSE;
    }

  d->history = tessera_history_new (d->project);
  d->rand = g_rand_new_with_seed (seed);
  d->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_step_free);
  d->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_step_free);

  return TRUE;
}

static int
print_digest (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraProject) project = tessera_project_open (path, TESSERA_OPEN_READ_ONLY, &error);
  g_autoptr(Model) model = NULL;
  g_autofree char *digest = NULL;

  if (project == NULL || !(model = load_model (project, &error)))
    {
      g_printerr ("crash-driver: %s\n", error->message);
      return EXIT_FAILURE;
    }

  digest = model_digest (model);
  printf ("digest %s\n", digest);
  print_state (model);
  tessera_project_close (project);

  return EXIT_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *digest = NULL;
  Driver d = { NULL };
  guint64 seed;
  guint64 count = 0;
  pid_t parent = getppid ();
  gboolean ok = TRUE;

  if (argc == 3 && g_str_equal (argv[1], "--digest"))
    return print_digest (argv[2]);

  if ((argc != 3 && argc != 4) ||
      !g_ascii_string_to_unsigned (argv[2], 10, 0, G_MAXUINT32, &seed, NULL) ||
      (argc == 4 && !g_ascii_string_to_unsigned (argv[3], 10, 1, G_MAXUINT64, &count, NULL)))
    {
      g_printerr ("Usage: crash-driver PROJECT SEED [COUNT]\n"
                  "       crash-driver --digest PROJECT\n");
      return EXIT_FAILURE;
    }

  if (!driver_open (&d, argv[1], (guint32) seed, &error))
    {
      g_printerr ("crash-driver: %s\n", error->message);
      driver_clear (&d);
      return EXIT_FAILURE;
    }

  digest = model_digest (d.model);
  printf ("ready %s\n", digest);
  fflush (stdout);

  /* Until killed; a driver whose test died stops by itself. */
  while (ok && (count == 0 || d.n_done < count) && getppid () == parent)
    ok = run_command (&d, &error);

  if (!ok)
    g_printerr ("crash-driver: command %" G_GUINT64_FORMAT " failed: %s\n", d.n_done + 1, error->message);
  else if (count > 0)
    print_state (d.model);

  driver_clear (&d);

  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
