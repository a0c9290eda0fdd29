/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-history"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "tessera-error.h"
#include "tessera-history.h"
#include "tessera-project.h"
#include "tessera-test-util.h"

/* Written for these tests; each word used for a span occurs once. */
static const char TEXT[] =
  "Rebels seized Ber at dawn; a spokesman for the army denied the report, "
  "saying troops still held the town.";
static const char OTHER_TEXT[] = "Talks resumed in Algiers.";

typedef struct
{
  TesseraHistory *history;
  TesseraProject *project;
  gint64          doc;      /* TEXT */
  gint64          other;    /* OTHER_TEXT */
  char           *file;
  char           *tmp;

  /* Label ids of the default schema. */
  gint64          person, place, group;
  gint64          agent, where;
  gint64          territory, battle;
  gint64          denies, reports, doubts;
} Fixture;

/* How the fixture finds the labels it keeps. */
static const struct
{
  gsize             offset;
  TesseraLabelKind  kind;
  const char       *name;
} fixture_labels[] = {
  { G_STRUCT_OFFSET (Fixture, person), TESSERA_LABEL_ENTITY, "Person" },
  { G_STRUCT_OFFSET (Fixture, place), TESSERA_LABEL_ENTITY, "Place" },
  { G_STRUCT_OFFSET (Fixture, group), TESSERA_LABEL_ENTITY, "ArmedGroup" },
  { G_STRUCT_OFFSET (Fixture, agent), TESSERA_LABEL_ROLE, "Agent" },
  { G_STRUCT_OFFSET (Fixture, where), TESSERA_LABEL_ROLE, "Place" },
  { G_STRUCT_OFFSET (Fixture, territory), TESSERA_LABEL_EVENT, "TerritoryChange" },
  { G_STRUCT_OFFSET (Fixture, battle), TESSERA_LABEL_EVENT, "Battle" },
  { G_STRUCT_OFFSET (Fixture, denies), TESSERA_LABEL_STANCE, "denies" },
  { G_STRUCT_OFFSET (Fixture, reports), TESSERA_LABEL_STANCE, "reports" },
  { G_STRUCT_OFFSET (Fixture, doubts), TESSERA_LABEL_STANCE, "doubts" },
};

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *texts[] = { TEXT, OTHER_TEXT };
  gint64 *ids[] = { &f->doc, &f->other };

  f->tmp = tessera_test_make_tmp_dir ();
  f->project = tessera_test_create_project (f->tmp, "history.tessera", &f->file);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(TesseraDocument) doc = tessera_document_new ();

      doc->uid = g_strdup_printf ("report-%u", i + 1);
      doc->text = g_strdup (texts[i]);
      *ids[i] = tessera_test_add_document (f->project, doc);
    }

  for (guint i = 0; i < G_N_ELEMENTS (fixture_labels); i++)
    G_STRUCT_MEMBER (gint64, f, fixture_labels[i].offset) =
      tessera_test_label_id (f->project, fixture_labels[i].kind, fixture_labels[i].name);
  f->history = tessera_history_new (f->project);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->history);
  g_clear_object (&f->project);
  /* The last connection to close removes SQLite's side files. */
  g_assert_cmpint (g_unlink (f->file), ==, 0);
  g_assert_cmpint (g_rmdir (f->tmp), ==, 0);
  g_free (f->file);
  g_free (f->tmp);
}

typedef struct
{
  gint64 start;
  gint64 end;
} Range;

/* Code points of @word in @text. */
static Range
range_of (const char *text,
          const char *word)
{
  Range range = { -1, -1 };

  tessera_test_find_word (text, word, &range.start, &range.end);

  return range;
}

/* tessera_history_add_span, _add_event and _add_stance take the same
 * arguments. */
typedef gint64 (*AddFunc) (TesseraHistory  *history,
                           gint64           document_id,
                           gint64           start,
                           gint64           end,
                           gint64           label_id,
                           GError         **error);

/* Tags @word of TEXT with @add, which must work; returns the new id. */
static gint64
tag (Fixture    *f,
     AddFunc     add,
     const char *word,
     gint64      label_id)
{
  g_autoptr(GError) error = NULL;
  Range range = range_of (TEXT, word);
  gint64 id = add (f->history, f->doc, range.start, range.end, label_id, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

#define SPAN tessera_history_add_span
#define EVENT tessera_history_add_event
#define STANCE tessera_history_add_stance

static void
undo (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_history_undo (f->history, &error));
  g_assert_no_error (error);
}

static void
redo (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_history_redo (f->history, &error));
  g_assert_no_error (error);
}

static const char *
label_name (Fixture *f,
            gint64   id)
{
  const TesseraLabel *l = tessera_project_get_label (f->project, id);

  return l != NULL ? l->name : "?";
}

/* The span, event or stance @id as it is now, or NULL when it is gone. */
static gpointer
row_now (Fixture           *f,
         TesseraChangeKind  kind,
         gint64             id)
{
  switch (kind)
    {
    case TESSERA_CHANGE_SPAN:
      return tessera_project_get_span (f->project, id, NULL);
    case TESSERA_CHANGE_EVENT:
      return tessera_project_get_event (f->project, id, NULL);
    case TESSERA_CHANGE_STANCE:
      return tessera_project_get_stance (f->project, id, NULL);
    case TESSERA_CHANGE_DOCUMENT:
    case TESSERA_CHANGE_SCHEMA:
    case TESSERA_CHANGE_RESET:
    case TESSERA_CHANGE_CLUSTER:
    default:
      g_assert_not_reached ();
    }
}

static gint64
span_label (Fixture *f,
            gint64   id)
{
  g_autoptr(TesseraSpan) span = row_now (f, TESSERA_CHANGE_SPAN, id);

  g_assert_nonnull (span);

  return span->label_id;
}

/* Everything a user could see of document @doc_id, one line per item,
 * so that states can be compared whole. */
static char *
describe (Fixture *f,
          gint64   doc_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) doc = tessera_project_get_document (f->project, doc_id, FALSE, &error);
  g_autoptr(GArray) spans = tessera_project_list_spans (f->project, doc_id, &error);
  g_autoptr(GPtrArray) events = tessera_project_list_events (f->project, doc_id, &error);
  g_autoptr(GArray) stances = tessera_project_list_stances (f->project, doc_id, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  g_string_append_printf (out, "document %s %s %" G_GINT64_FORMAT " spans\n", doc->uid,
                          tessera_status_to_string (doc->status), doc->n_annotations);
  for (guint i = 0; i < spans->len; i++)
    {
      TesseraSpan *s = &g_array_index (spans, TesseraSpan, i);

      g_string_append_printf (out, "span %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT
                              " %s by %" G_GINT64_FORMAT " note %s created %" G_GINT64_FORMAT "\n",
                              s->id, s->start, s->end, label_name (f, s->label_id), s->annotator_id,
                              s->note ? s->note : "-", s->created);
    }
  for (guint i = 0; i < events->len; i++)
    {
      TesseraEvent *e = g_ptr_array_index (events, i);

      g_string_append_printf (out, "event %" G_GINT64_FORMAT " on %" G_GINT64_FORMAT " %s %s %s by %"
                              G_GINT64_FORMAT ":", e->id, e->trigger_span_id, label_name (f, e->type_label_id),
                              e->realis, e->confirmation, e->annotator_id);
      for (guint a = 0; a < e->arguments->len; a++)
        {
          TesseraArgument *arg = &g_array_index (e->arguments, TesseraArgument, a);

          g_string_append_printf (out, " %s=%" G_GINT64_FORMAT, label_name (f, arg->role_label_id), arg->span_id);
        }
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < stances->len; i++)
    {
      TesseraStance *t = &g_array_index (stances, TesseraStance, i);

      g_string_append_printf (out, "stance %" G_GINT64_FORMAT " on %" G_GINT64_FORMAT " %s holder %" G_GINT64_FORMAT
                              " event %" G_GINT64_FORMAT " span %" G_GINT64_FORMAT " by %" G_GINT64_FORMAT "\n",
                              t->id, t->span_id, label_name (f, t->label_id), t->holder_span_id,
                              t->target_event_id, t->target_span_id, t->annotator_id);
    }

  return g_string_free (out, FALSE);
}

/* Asserts that document @doc_id is now as @expected describes it. */
static void
assert_state (Fixture    *f,
              gint64      doc_id,
              const char *expected)
{
  g_autofree char *now = describe (f, doc_id);

  g_assert_cmpstr (now, ==, expected);
}

/* --- spans ------------------------------------------------------------ */

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_span_undo_redo (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TesseraSpan) before = NULL;
  g_autoptr(TesseraSpan) after = NULL;
  g_autoptr(GError) error = NULL;
  guint undo_notes = 0, redo_notes = 0;
  gint64 id;

  g_signal_connect (f->history, "notify::can-undo", G_CALLBACK (count_notify), &undo_notes);
  g_signal_connect (f->history, "notify::can-redo", G_CALLBACK (count_notify), &redo_notes);
  g_assert_false (tessera_history_can_undo (f->history));
  g_assert_null (tessera_history_get_undo_label (f->history));

  id = tag (f, SPAN, "spokesman", f->person);
  before = row_now (f, TESSERA_CHANGE_SPAN, id);
  g_assert_nonnull (before);
  g_assert_true (tessera_history_can_undo (f->history));
  g_assert_false (tessera_history_can_redo (f->history));
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Add Person");
  g_assert_cmpuint (undo_notes, ==, 1);

  undo (f);
  g_assert_null (row_now (f, TESSERA_CHANGE_SPAN, id));
  g_assert_false (tessera_history_can_undo (f->history));
  g_assert_true (tessera_history_can_redo (f->history));
  g_assert_cmpstr (tessera_history_get_redo_label (f->history), ==, "Add Person");
  g_assert_cmpuint (undo_notes, ==, 2);
  g_assert_cmpuint (redo_notes, ==, 1);

  redo (f);
  after = row_now (f, TESSERA_CHANGE_SPAN, id);
  g_assert_nonnull (after);
  g_assert_cmpint (after->start, ==, before->start);
  g_assert_cmpint (after->end, ==, before->end);
  g_assert_cmpint (after->label_id, ==, before->label_id);
  g_assert_cmpint (after->annotator_id, ==, before->annotator_id);
  g_assert_true (tessera_history_can_undo (f->history));
  g_assert_false (tessera_history_can_redo (f->history));
  g_assert_cmpuint (undo_notes, ==, 3);
  g_assert_cmpuint (redo_notes, ==, 2);

  /* Nothing left to redo is an error, not a crash. */
  g_assert_false (tessera_history_redo (f->history, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED);
}

/* Writes each "changed" emission of any project as "kind action id". */
static gboolean
record_change (GSignalInvocationHint *hint,
               guint                  n_values,
               const GValue          *values,
               gpointer               user_data)
{
  static const char * const kinds[] = { "document", "span", "event", "stance", "schema", "reset" };
  static const char * const actions[] = { "added", "updated", "removed" };

  g_string_append_printf (user_data, "%s %s %" G_GINT64_FORMAT ";",
                          kinds[g_value_get_enum (&values[1])], actions[g_value_get_enum (&values[2])],
                          g_value_get_int64 (&values[4]));

  return TRUE;
}

/* Views follow the project's "changed" signal, so undo and redo must
 * tell them what came and went. */
static void
test_span_changed (Fixture       *f,
                   gconstpointer  data)
{
  /* In progress already: the tag changes no status (see test-suggestions
   * /suggestions/first-annotation). */
  gboolean started = tessera_project_set_document_status (f->project, f->doc, TESSERA_STATUS_IN_PROGRESS, NULL);
  gint64 id = tag (f, SPAN, "troops", f->group);
  g_autoptr(GString) heard = g_string_new (NULL);
  g_autofree char *removed = NULL;
  g_autofree char *added = NULL;
  guint signal_id = g_signal_lookup ("changed", TESSERA_TYPE_PROJECT);
  gulong hook = g_signal_add_emission_hook (signal_id, 0, record_change, heard, NULL);

  g_assert_true (started);
  removed = g_strdup_printf ("span removed %" G_GINT64_FORMAT ";", id);
  added = g_strdup_printf ("span added %" G_GINT64_FORMAT ";", id);

  undo (f);
  g_assert_cmpstr (heard->str, ==, removed);
  g_string_truncate (heard, 0);
  redo (f);
  g_assert_cmpstr (heard->str, ==, added);

  g_signal_remove_emission_hook (signal_id, hook);
}

/* --- events and stances ----------------------------------------------- */

static void
add_argument (Fixture *f,
              gint64   event,
              gint64   role,
              gint64   span)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_history_add_argument (f->history, event, role, span, &error));
  g_assert_no_error (error);
}

static void
test_event_arguments (Fixture       *f,
                      gconstpointer  data)
{
  gint64 rebels = tag (f, SPAN, "Rebels", f->group);
  gint64 ber = tag (f, SPAN, "Ber", f->place);
  gint64 event = tag (f, EVENT, "seized", f->territory);
  g_autofree char *with_both = NULL;
  g_autofree char *with_agent = NULL;
  g_autoptr(TesseraEvent) one = NULL;

  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Add TerritoryChange");
  add_argument (f, event, f->agent, rebels);
  with_agent = describe (f, f->doc);
  add_argument (f, event, f->where, ber);
  with_both = describe (f, f->doc);

  undo (f);
  assert_state (f, f->doc, with_agent);
  one = row_now (f, TESSERA_CHANGE_EVENT, event);
  g_assert_cmpuint (one->arguments->len, ==, 1);
  g_assert_cmpint (g_array_index (one->arguments, TesseraArgument, 0).role_label_id, ==, f->agent);

  redo (f);
  assert_state (f, f->doc, with_both);
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Fill role");
}

/* Filling a role with the span already in it changes nothing, so it is
 * no step to undo, like setting the status a document already has. */
static void
test_event_argument_again (Fixture       *f,
                           gconstpointer  data)
{
  gint64 rebels = tag (f, SPAN, "Rebels", f->group);
  gint64 event = tag (f, EVENT, "seized", f->territory);
  g_autofree char *without = describe (f, f->doc);
  g_autofree char *with_agent = NULL;
  g_autoptr(GError) error = NULL;
  guint undo_notes = 0;

  add_argument (f, event, f->agent, rebels);
  with_agent = describe (f, f->doc);

  add_argument (f, event, f->agent, rebels);
  assert_state (f, f->doc, with_agent);
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Fill role");

  /* One undo takes the argument away: nothing was pushed above it. */
  undo (f);
  assert_state (f, f->doc, without);
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Add TerritoryChange");

  /* Where there was nothing to undo, there still is nothing. */
  redo (f);
  tessera_history_clear (f->history);
  g_signal_connect (f->history, "notify::can-undo", G_CALLBACK (count_notify), &undo_notes);
  g_assert_true (tessera_history_add_argument (f->history, event, f->agent, rebels, &error));
  g_assert_no_error (error);
  g_assert_false (tessera_history_can_undo (f->history));
  g_assert_cmpuint (undo_notes, ==, 0);
  assert_state (f, f->doc, with_agent);
}

/* Commands that would change nothing push no step that undoes nothing:
 * clearing an empty slot, and updates that keep every value. */
static void
test_no_op_commands (Fixture       *f,
                     gconstpointer  data)
{
  gint64 rebels = tag (f, SPAN, "Rebels", f->group);
  gint64 event_id = tag (f, EVENT, "seized", f->territory);
  g_autoptr(TesseraSpan) span = row_now (f, TESSERA_CHANGE_SPAN, rebels);
  g_autoptr(TesseraEvent) event = row_now (f, TESSERA_CHANGE_EVENT, event_id);
  const TesseraLabel *label = tessera_project_get_label (f->project, f->group);
  g_autoptr(GError) error = NULL;
  g_autofree char *state = describe (f, f->doc);

  tessera_history_clear (f->history);

  g_assert_true (tessera_history_remove_argument (f->history, event_id, f->agent, 0, &error));
  g_assert_true (tessera_history_update_span (f->history, span, &error));
  g_assert_true (tessera_history_update_event (f->history, event, &error));
  g_assert_true (tessera_history_update_label (f->history, f->group, label->name, label->color, NULL, &error));
  g_assert_true (tessera_history_update_label (f->history, f->group, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (tessera_history_can_undo (f->history));
  assert_state (f, f->doc, state);
}

/* Changing the type relabels the trigger span too; undo restores both. */
static void
test_event_update (Fixture       *f,
                   gconstpointer  data)
{
  gint64 id = tag (f, EVENT, "seized", f->territory);
  g_autoptr(TesseraEvent) event = row_now (f, TESSERA_CHANGE_EVENT, id);
  g_autoptr(TesseraEvent) changed = NULL;
  g_autoptr(TesseraEvent) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe (f, f->doc);
  g_autofree char *after = NULL;

  event->type_label_id = f->battle;
  g_free (event->realis);
  event->realis = g_strdup ("claimed");
  g_free (event->confirmation);
  event->confirmation = g_strdup ("confirmed");
  g_assert_true (tessera_history_update_event (f->history, event, &error));
  g_assert_no_error (error);

  changed = row_now (f, TESSERA_CHANGE_EVENT, id);
  g_assert_cmpint (changed->type_label_id, ==, f->battle);
  g_assert_cmpstr (changed->realis, ==, "claimed");
  g_assert_cmpint (span_label (f, changed->trigger_span_id), ==, f->battle);
  after = describe (f, f->doc);

  undo (f);
  restored = row_now (f, TESSERA_CHANGE_EVENT, id);
  g_assert_cmpint (restored->type_label_id, ==, f->territory);
  g_assert_cmpstr (restored->realis, ==, "actual");
  g_assert_cmpstr (restored->confirmation, ==, "unconfirmed");
  g_assert_cmpint (span_label (f, restored->trigger_span_id), ==, f->territory);
  assert_state (f, f->doc, before);

  redo (f);
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Change event");
  assert_state (f, f->doc, after);
}

/* The same for a stance: label, holder and target event. */
static void
test_stance_update (Fixture       *f,
                    gconstpointer  data)
{
  gint64 event = tag (f, EVENT, "seized", f->territory);
  gint64 spokesman = tag (f, SPAN, "spokesman", f->person);
  gint64 id = tag (f, STANCE, "denied", f->denies);
  g_autoptr(TesseraStance) stance = row_now (f, TESSERA_CHANGE_STANCE, id);
  g_autoptr(TesseraStance) undone = NULL;
  g_autoptr(TesseraStance) redone = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Add denies");
  g_assert_cmpint (stance->holder_span_id, ==, 0);
  g_assert_cmpint (stance->target_event_id, ==, 0);

  stance->holder_span_id = spokesman;
  stance->target_event_id = event;
  stance->label_id = f->doubts;
  g_assert_true (tessera_history_update_stance (f->history, stance, &error));
  g_assert_no_error (error);
  g_assert_cmpint (span_label (f, stance->span_id), ==, f->doubts);

  undo (f);
  undone = row_now (f, TESSERA_CHANGE_STANCE, id);
  g_assert_cmpint (undone->holder_span_id, ==, 0);
  g_assert_cmpint (undone->target_event_id, ==, 0);
  g_assert_cmpint (undone->label_id, ==, f->denies);
  g_assert_cmpint (span_label (f, stance->span_id), ==, f->denies);

  redo (f);
  redone = row_now (f, TESSERA_CHANGE_STANCE, id);
  g_assert_cmpint (redone->holder_span_id, ==, spokesman);
  g_assert_cmpint (redone->target_event_id, ==, event);
  g_assert_cmpint (redone->label_id, ==, f->doubts);

  /* Undoing the addition removes the statement span with the stance. */
  undo (f);
  undo (f);
  g_assert_null (row_now (f, TESSERA_CHANGE_STANCE, id));
  g_assert_cmpint (tessera_project_count_spans (f->project), ==, 2);
}

/* --- deleting spans --------------------------------------------------- */

/* "Rebels seized Ber …; a spokesman … denied the report, saying troops
 * still held the town": a TerritoryChange with Agent and Place, the
 * spokesman's denial of it and a report toward a span. */
typedef struct
{
  gint64 rebels, ber, spokesman, troops;
  gint64 event, trigger;
  gint64 denial, statement, saying;
} Scene;

/* Sets a stance's holder and targets through the history. */
static void
point_stance (Fixture *f,
              gint64   stance_id,
              gint64   holder,
              gint64   target_event,
              gint64   target_span)
{
  g_autoptr(TesseraStance) stance = row_now (f, TESSERA_CHANGE_STANCE, stance_id);
  g_autoptr(GError) error = NULL;

  stance->holder_span_id = holder;
  stance->target_event_id = target_event;
  stance->target_span_id = target_span;
  g_assert_true (tessera_history_update_stance (f->history, stance, &error));
  g_assert_no_error (error);
}

static Scene
scene_new (Fixture *f)
{
  g_autoptr(TesseraEvent) event = NULL;
  g_autoptr(TesseraStance) denial = NULL;
  Scene s;

  s.rebels = tag (f, SPAN, "Rebels", f->group);
  s.ber = tag (f, SPAN, "Ber", f->place);
  s.spokesman = tag (f, SPAN, "spokesman", f->person);
  s.troops = tag (f, SPAN, "troops", f->group);
  s.event = tag (f, EVENT, "seized", f->territory);
  event = row_now (f, TESSERA_CHANGE_EVENT, s.event);
  s.trigger = event->trigger_span_id;
  add_argument (f, s.event, f->agent, s.rebels);
  add_argument (f, s.event, f->where, s.ber);

  s.denial = tag (f, STANCE, "denied", f->denies);
  denial = row_now (f, TESSERA_CHANGE_STANCE, s.denial);
  s.statement = denial->span_id;
  point_stance (f, s.denial, s.spokesman, s.event, 0);
  s.saying = tag (f, STANCE, "saying", f->reports);
  point_stance (f, s.saying, s.spokesman, s.event, s.troops);

  return s;
}

/* Deletes @span_id through the history, then checks that undo brings
 * back exactly what was there and redo takes it away again. */
static void
delete_undo_redo (Fixture *f,
                  gint64   span_id)
{
  g_autofree char *before = describe (f, f->doc);
  g_autofree char *deleted = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_history_delete_span (f->history, span_id, &error));
  g_assert_no_error (error);
  deleted = describe (f, f->doc);
  g_assert_cmpstr (deleted, !=, before);

  undo (f);
  assert_state (f, f->doc, before);

  redo (f);
  assert_state (f, f->doc, deleted);
}

static void
test_delete_trigger (Fixture       *f,
                     gconstpointer  data)
{
  Scene s = scene_new (f);
  g_autoptr(TesseraStance) denial = NULL;
  g_autoptr(TesseraStance) saying = NULL;

  delete_undo_redo (f, s.trigger);

  /* After the redo: the event is gone, the stances lost only their target. */
  g_assert_null (row_now (f, TESSERA_CHANGE_EVENT, s.event));
  denial = row_now (f, TESSERA_CHANGE_STANCE, s.denial);
  g_assert_cmpint (denial->target_event_id, ==, 0);
  g_assert_cmpint (denial->holder_span_id, ==, s.spokesman);
  saying = row_now (f, TESSERA_CHANGE_STANCE, s.saying);
  g_assert_cmpint (saying->target_event_id, ==, 0);
  g_assert_cmpint (saying->target_span_id, ==, s.troops);
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Delete TerritoryChange");
}

static void
test_delete_argument_span (Fixture       *f,
                           gconstpointer  data)
{
  Scene s = scene_new (f);
  g_autoptr(TesseraEvent) event = NULL;

  delete_undo_redo (f, s.rebels);

  event = row_now (f, TESSERA_CHANGE_EVENT, s.event);
  g_assert_cmpuint (event->arguments->len, ==, 1);
  g_assert_cmpint (g_array_index (event->arguments, TesseraArgument, 0).span_id, ==, s.ber);
}

static void
test_delete_holder_span (Fixture       *f,
                         gconstpointer  data)
{
  Scene s = scene_new (f);
  g_autoptr(TesseraStance) saying = NULL;

  delete_undo_redo (f, s.spokesman);
  delete_undo_redo (f, s.troops);

  saying = row_now (f, TESSERA_CHANGE_STANCE, s.saying);
  g_assert_cmpint (saying->holder_span_id, ==, 0);
  g_assert_cmpint (saying->target_span_id, ==, 0);
  g_assert_cmpint (saying->target_event_id, ==, s.event);
}

static void
test_delete_statement_span (Fixture       *f,
                            gconstpointer  data)
{
  Scene s = scene_new (f);

  delete_undo_redo (f, s.statement);
  g_assert_null (row_now (f, TESSERA_CHANGE_STANCE, s.denial));
}

/* --- other commands --------------------------------------------------- */

static TesseraDocumentStatus
status_of (Fixture *f,
           gint64   doc_id)
{
  g_autoptr(TesseraDocument) doc = tessera_project_get_document (f->project, doc_id, FALSE, NULL);

  g_assert_nonnull (doc);
  return doc->status;
}

static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_history_set_document_status (f->history, f->doc, TESSERA_STATUS_DONE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f, f->doc), ==, TESSERA_STATUS_DONE);
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Change status");

  undo (f);
  g_assert_cmpint (status_of (f, f->doc), ==, TESSERA_STATUS_NEW);
  redo (f);
  g_assert_cmpint (status_of (f, f->doc), ==, TESSERA_STATUS_DONE);

  /* Setting the status it already has is no step to undo. */
  undo (f);
  g_assert_true (tessera_history_set_document_status (f->history, f->doc, TESSERA_STATUS_NEW, &error));
  g_assert_false (tessera_history_can_undo (f->history));
}

static void
test_label_rename (Fixture       *f,
                   gconstpointer  data)
{
  gint64 span = tag (f, SPAN, "spokesman", f->person);
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_history_update_label (f->history, f->person, "Official", "#224466", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (label_name (f, f->person), ==, "Official");

  undo (f);
  g_assert_cmpstr (label_name (f, f->person), ==, "Person");
  g_assert_cmpstr (tessera_project_get_label (f->project, f->person)->color, ==, "#3584e4");
  g_assert_cmpstr (tessera_project_get_label (f->project, f->person)->shortcut, ==, "1");
  g_assert_cmpint (span_label (f, span), ==, f->person);

  redo (f);
  g_assert_cmpstr (label_name (f, f->person), ==, "Official");
  g_assert_cmpint (span_label (f, span), ==, f->person);
}

static void
test_across_documents (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *first_empty = describe (f, f->doc);
  g_autofree char *second_empty = describe (f, f->other);
  g_autoptr(GError) error = NULL;
  Range algiers = range_of (OTHER_TEXT, "Algiers");

  tag (f, SPAN, "Ber", f->place);
  g_assert_cmpint (tessera_history_add_span (f->history, f->other, algiers.start, algiers.end, f->place, &error),
                   >, 0);
  g_assert_no_error (error);

  undo (f);
  undo (f);
  assert_state (f, f->doc, first_empty);
  assert_state (f, f->other, second_empty);
  g_assert_cmpint (tessera_project_count_spans (f->project), ==, 0);
}

static void
test_failed_command (Fixture       *f,
                     gconstpointer  data)
{
  gint64 event = tag (f, EVENT, "seized", f->territory);
  g_autofree char *before = NULL;
  g_autofree char *undo_label = NULL;
  g_autoptr(GError) error = NULL;
  gint64 elsewhere, n = g_utf8_strlen (TEXT, -1);

  tag (f, SPAN, "Ber", f->place);
  elsewhere = tessera_project_add_span (f->project, f->other, 0, 5, f->person, NULL, &error);
  g_assert_no_error (error);
  undo (f);
  before = describe (f, f->doc);
  undo_label = g_strdup (tessera_history_get_undo_label (f->history));

  g_assert_cmpint (tessera_history_add_span (f->history, f->doc, n - 2, n + 3, f->place, &error), ==, 0);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (tessera_history_add_argument (f->history, event, f->agent, elsewhere, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  /* Its span is written before the event is refused: both must go. */
  g_assert_cmpint (tessera_history_add_event (f->history, f->doc, 0, 3, f->person, &error), ==, 0);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);

  /* The redo of "Add Place" is still there, and nothing was written. */
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, undo_label);
  g_assert_true (tessera_history_can_redo (f->history));
  g_assert_cmpstr (tessera_history_get_redo_label (f->history), ==, "Add Place");
  assert_state (f, f->doc, before);
  redo (f);
}

static void
test_group (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *empty = describe (f, f->doc);
  g_autofree char *both = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_history_begin_group (f->history, "Tag the sentence", &error));
  tag (f, SPAN, "Rebels", f->group);
  tag (f, SPAN, "Ber", f->place);
  g_assert_true (tessera_history_end_group (f->history, TRUE, &error));
  g_assert_no_error (error);
  both = describe (f, f->doc);
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Tag the sentence");

  undo (f);
  assert_state (f, f->doc, empty);
  g_assert_false (tessera_history_can_undo (f->history));
  redo (f);
  assert_state (f, f->doc, both);

  /* A group given up leaves neither the spans nor an undo step. */
  g_assert_true (tessera_history_begin_group (f->history, "Abandoned", &error));
  tag (f, SPAN, "spokesman", f->person);
  tag (f, SPAN, "troops", f->group);
  g_assert_false (tessera_history_end_group (f->history, FALSE, &error));
  assert_state (f, f->doc, both);
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Tag the sentence");
  g_assert_cmpint (tessera_project_count_spans (f->project), ==, 2);

  /* A command that fails inside a group leaves the rest of the group. */
  g_clear_error (&error);
  g_assert_true (tessera_history_begin_group (f->history, "Partly", &error));
  tag (f, SPAN, "town", f->place);
  g_assert_cmpint (tessera_history_add_span (f->history, f->doc, 5, 2, f->place, &error), ==, 0);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (tessera_history_end_group (f->history, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tessera_project_count_spans (f->project), ==, 3);
  undo (f);
  assert_state (f, f->doc, both);
}

/* A plan of rows (as propagation works out suggestions) becomes one undo
 * step: its rows refer to each other by planned ids, undo removes them
 * all, redo brings them back with the same ids and still suggested. */
static void
test_apply_plan (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *before = describe (f, f->doc);
  g_autofree char *after = NULL;
  g_autoptr(TesseraPlan) plan = tessera_plan_new ();
  g_autoptr(TesseraPropagateResult) made = NULL;
  g_autoptr(GError) error = NULL;
  Range rebels = range_of (TEXT, "Rebels");
  Range town = range_of (TEXT, "town");
  TesseraSpan span = { 0 };
  g_autoptr(TesseraEvent) event = tessera_event_new ();
  gint64 rebels_id, trigger_id, event_id;

  span.document_id = f->doc;
  span.start = rebels.start;
  span.end = rebels.end;
  span.label_id = f->group;
  span.suggested = TRUE;
  rebels_id = tessera_plan_add_span (plan, &span);
  span.start = town.start;
  span.end = town.end;
  span.label_id = f->battle;
  trigger_id = tessera_plan_add_span (plan, &span);
  g_assert_cmpint (rebels_id, <, 0);
  g_assert_cmpint (trigger_id, <, 0);
  event->document_id = f->doc;
  event->trigger_span_id = trigger_id;
  event->type_label_id = f->battle;
  event->suggested = TRUE;
  tessera_event_add_argument (event, f->agent, rebels_id);
  tessera_plan_add_event (plan, event);

  /* Nothing is made until the history makes it. */
  g_assert_cmpint (tessera_project_count_spans (f->project), ==, 0);
  made = tessera_history_apply_plan (f->history, "Carry annotations", plan, &error);
  g_assert_no_error (error);
  g_assert_nonnull (made);
  g_assert_cmpuint (made->span_ids->len, ==, 2);
  g_assert_cmpuint (made->event_ids->len, ==, 1);
  event_id = g_array_index (made->event_ids, gint64, 0);
  after = describe (f, f->doc);
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Carry annotations");
  {
    g_autoptr(TesseraEvent) made_event = tessera_project_get_event (f->project, event_id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (made_event->trigger_span_id, ==, g_array_index (made->span_ids, gint64, 1));
    g_assert_cmpint (g_array_index (made_event->arguments, TesseraArgument, 0).span_id, ==,
                     g_array_index (made->span_ids, gint64, 0));
  }

  undo (f);
  assert_state (f, f->doc, before);
  g_assert_cmpint (tessera_project_count_spans (f->project), ==, 0);

  redo (f);
  assert_state (f, f->doc, after);
  {
    g_autoptr(TesseraEvent) back = tessera_project_get_event (f->project, event_id, &error);

    g_assert_no_error (error);
    g_assert_true (back->suggested);
    g_assert_cmpuint (back->arguments->len, ==, 1);
  }
}

/* A plan that refers to a row gone since it was made makes nothing. */
static void
test_apply_stale_plan (Fixture       *f,
                       gconstpointer  data)
{
  Scene s = scene_new (f);
  g_autofree char *before = NULL;
  g_autoptr(TesseraPlan) plan = tessera_plan_new ();
  g_autoptr(TesseraEvent) event = tessera_event_new ();
  g_autoptr(GError) error = NULL;
  Range town = range_of (TEXT, "town");
  TesseraSpan span = { 0 };

  span.document_id = f->doc;
  span.start = town.start;
  span.end = town.end;
  span.label_id = f->battle;
  span.suggested = TRUE;
  event->document_id = f->doc;
  event->trigger_span_id = tessera_plan_add_span (plan, &span);
  event->type_label_id = f->battle;
  event->suggested = TRUE;
  tessera_event_add_argument (event, f->agent, s.rebels);
  tessera_plan_add_event (plan, event);

  g_assert_true (tessera_history_delete_span (f->history, s.rebels, &error));
  before = describe (f, f->doc);
  g_assert_null (tessera_history_apply_plan (f->history, "Carry annotations", plan, &error));
  g_assert_nonnull (error);
  assert_state (f, f->doc, before);
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), !=, "Carry annotations");
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  Scene s = scene_new (f);
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_history_delete_span (f->history, s.rebels, &error));
  undo (f);
  g_assert_true (tessera_history_delete_span (f->history, s.troops, &error));
  g_assert_true (tessera_history_set_document_status (f->history, f->doc, TESSERA_STATUS_IN_PROGRESS, &error));
  g_assert_true (tessera_history_update_label (f->history, f->person, "Official", NULL, NULL, &error));
  g_assert_no_error (error);
  before = describe (f, f->doc);

  /* No "Save": closing keeps what every command committed. */
  g_clear_object (&f->history);
  tessera_project_close (f->project);
  g_clear_object (&f->project);
  f->project = tessera_project_open (f->file, TESSERA_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_null (tessera_project_find_label (f->project, TESSERA_LABEL_ENTITY, "Person"));
  g_assert_cmpstr (label_name (f, f->person), ==, "Official");
  f->history = tessera_history_new (f->project);

  assert_state (f, f->doc, before);
  g_assert_nonnull (strstr (before, "in-progress"));
  g_assert_false (tessera_history_can_undo (f->history));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/history/span", test_span_undo_redo);
  ADD ("/history/span-changed", test_span_changed);
  ADD ("/history/event/arguments", test_event_arguments);
  ADD ("/history/event/argument-again", test_event_argument_again);
  ADD ("/history/event/update", test_event_update);
  ADD ("/history/no-op-commands", test_no_op_commands);
  ADD ("/history/stance", test_stance_update);
  ADD ("/history/delete/trigger", test_delete_trigger);
  ADD ("/history/delete/argument", test_delete_argument_span);
  ADD ("/history/delete/holder-target", test_delete_holder_span);
  ADD ("/history/delete/statement", test_delete_statement_span);
  ADD ("/history/status", test_status);
  ADD ("/history/label", test_label_rename);
  ADD ("/history/across-documents", test_across_documents);
  ADD ("/history/failed-command", test_failed_command);
  ADD ("/history/group", test_group);
  ADD ("/history/apply-plan", test_apply_plan);
  ADD ("/history/apply-stale-plan", test_apply_stale_plan);
  ADD ("/history/reopen", test_reopen);
#undef ADD

  return g_test_run ();
}
