/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-history"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "tessera-error.h"
#include "tessera-history.h"
#include "tessera-project.h"

/* Written for these tests; each word used for a span occurs once. */
static const char TEXT[] =
  "Rebels seized Ber at dawn; a spokesman for the army denied the report, "
  "saying troops still held the town.";
static const char OTHER_TEXT[] = "Talks resumed in Algiers.";

typedef struct
{
  char           *dir;
  char           *path;
  TesseraProject *project;
  TesseraHistory *history;
  gint64          doc;
  gint64          other;   /* OTHER_TEXT */
} Fixture;

static gint64
new_document (TesseraProject *project,
              const char     *uid,
              const char     *text)
{
  g_autoptr(TesseraDocument) doc = tessera_document_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  doc->uid = g_strdup (uid);
  doc->text = g_strdup (text);
  id = tessera_project_add_document (project, doc, &error);
  g_assert_no_error (error);

  return id;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tessera-history-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "history.tessera", NULL);
  f->project = tessera_project_create (f->path, NULL, &error);
  g_assert_no_error (error);
  f->history = tessera_history_new (f->project);
  f->doc = new_document (f->project, "ber", TEXT);
  f->other = new_document (f->project, "algiers", OTHER_TEXT);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->history);
  g_clear_object (&f->project);
  /* The last connection to close removes SQLite's side files. */
  g_assert_cmpint (g_unlink (f->path), ==, 0);
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
lbl (Fixture          *f,
     TesseraLabelKind  kind,
     const char       *name)
{
  const TesseraLabel *l = tessera_project_find_label (f->project, kind, name);

  g_assert_nonnull (l);

  return l->id;
}

/* Code-point offsets of @word in @text. */
static void
locate (const char *text,
        const char *word,
        gint64     *start,
        gint64     *end)
{
  const char *at = strstr (text, word);

  g_assert_nonnull (at);
  *start = g_utf8_pointer_to_offset (text, at);
  *end = *start + g_utf8_strlen (word, -1);
}

/* Tags @word of TEXT with an entity label, through the history. */
static gint64
tag (Fixture    *f,
     const char *word,
     const char *entity)
{
  g_autoptr(GError) error = NULL;
  gint64 start, end, id;

  locate (TEXT, word, &start, &end);
  id = tessera_history_add_span (f->history, f->doc, start, end,
                                 lbl (f, TESSERA_LABEL_ENTITY, entity), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static gint64
tag_event (Fixture    *f,
           const char *word,
           const char *type)
{
  g_autoptr(GError) error = NULL;
  gint64 start, end, id;

  locate (TEXT, word, &start, &end);
  id = tessera_history_add_event (f->history, f->doc, start, end, lbl (f, TESSERA_LABEL_EVENT, type), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static gint64
tag_stance (Fixture    *f,
            const char *word,
            const char *stance)
{
  g_autoptr(GError) error = NULL;
  gint64 start, end, id;

  locate (TEXT, word, &start, &end);
  id = tessera_history_add_stance (f->history, f->doc, start, end, lbl (f, TESSERA_LABEL_STANCE, stance), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

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

static TesseraEvent *
event_now (Fixture *f,
           gint64   id)
{
  g_autoptr(GError) error = NULL;
  TesseraEvent *event = tessera_project_get_event (f->project, id, &error);

  g_assert_no_error (error);
  return event;
}

static TesseraStance *
stance_now (Fixture *f,
            gint64   id)
{
  g_autoptr(GError) error = NULL;
  TesseraStance *stance = tessera_project_get_stance (f->project, id, &error);

  g_assert_no_error (error);
  return stance;
}

static gint64
span_label (Fixture *f,
            gint64   id)
{
  g_autoptr(TesseraSpan) span = tessera_project_get_span (f->project, id, NULL);

  g_assert_nonnull (span);
  return span->label_id;
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

  id = tag (f, "spokesman", "Person");
  before = tessera_project_get_span (f->project, id, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_history_can_undo (f->history));
  g_assert_false (tessera_history_can_redo (f->history));
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Add Person");
  g_assert_cmpuint (undo_notes, ==, 1);

  undo (f);
  g_assert_null (tessera_project_get_span (f->project, id, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (tessera_history_can_undo (f->history));
  g_assert_true (tessera_history_can_redo (f->history));
  g_assert_cmpstr (tessera_history_get_redo_label (f->history), ==, "Add Person");
  g_assert_cmpuint (undo_notes, ==, 2);
  g_assert_cmpuint (redo_notes, ==, 1);

  redo (f);
  after = tessera_project_get_span (f->project, id, &error);
  g_assert_no_error (error);
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
  gint64 agent = lbl (f, TESSERA_LABEL_ROLE, "Agent");
  gint64 place = lbl (f, TESSERA_LABEL_ROLE, "Place");
  gint64 rebels = tag (f, "Rebels", "ArmedGroup");
  gint64 ber = tag (f, "Ber", "Place");
  gint64 event = tag_event (f, "seized", "TerritoryChange");
  g_autofree char *with_both = NULL;
  g_autofree char *with_agent = NULL;
  g_autofree char *state = NULL;
  g_autoptr(TesseraEvent) one = NULL;

  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Add TerritoryChange");
  add_argument (f, event, agent, rebels);
  with_agent = describe (f, f->doc);
  add_argument (f, event, place, ber);
  with_both = describe (f, f->doc);

  undo (f);
  one = event_now (f, event);
  g_assert_cmpuint (one->arguments->len, ==, 1);
  g_assert_cmpint (g_array_index (one->arguments, TesseraArgument, 0).role_label_id, ==, agent);
  state = describe (f, f->doc);
  g_assert_cmpstr (state, ==, with_agent);

  redo (f);
  g_clear_pointer (&state, g_free);
  state = describe (f, f->doc);
  g_assert_cmpstr (state, ==, with_both);
}

static void
test_event_update (Fixture       *f,
                   gconstpointer  data)
{
  gint64 battle = lbl (f, TESSERA_LABEL_EVENT, "Battle");
  gint64 change = lbl (f, TESSERA_LABEL_EVENT, "TerritoryChange");
  gint64 id = tag_event (f, "seized", "TerritoryChange");
  g_autoptr(TesseraEvent) event = event_now (f, id);
  g_autoptr(TesseraEvent) changed = NULL;
  g_autoptr(TesseraEvent) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe (f, f->doc);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;

  event->type_label_id = battle;
  g_free (event->realis);
  event->realis = g_strdup ("claimed");
  g_free (event->confirmation);
  event->confirmation = g_strdup ("confirmed");
  g_assert_true (tessera_history_update_event (f->history, event, &error));
  g_assert_no_error (error);

  changed = event_now (f, id);
  g_assert_cmpint (changed->type_label_id, ==, battle);
  g_assert_cmpstr (changed->realis, ==, "claimed");
  g_assert_cmpint (span_label (f, changed->trigger_span_id), ==, battle);
  after = describe (f, f->doc);

  undo (f);
  restored = event_now (f, id);
  g_assert_cmpint (restored->type_label_id, ==, change);
  g_assert_cmpstr (restored->realis, ==, "actual");
  g_assert_cmpstr (restored->confirmation, ==, "unconfirmed");
  g_assert_cmpint (span_label (f, restored->trigger_span_id), ==, change);
  undone = describe (f, f->doc);
  g_assert_cmpstr (undone, ==, before);

  redo (f);
  g_clear_pointer (&undone, g_free);
  undone = describe (f, f->doc);
  g_assert_cmpstr (undone, ==, after);
}

static void
test_stance_update (Fixture       *f,
                    gconstpointer  data)
{
  gint64 event = tag_event (f, "seized", "TerritoryChange");
  gint64 spokesman = tag (f, "spokesman", "Person");
  gint64 id = tag_stance (f, "denied", "denies");
  gint64 doubts = lbl (f, TESSERA_LABEL_STANCE, "doubts");
  g_autoptr(TesseraStance) stance = stance_now (f, id);
  g_autoptr(TesseraStance) undone = NULL;
  g_autoptr(TesseraStance) redone = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Add denies");
  g_assert_cmpint (stance->holder_span_id, ==, 0);
  g_assert_cmpint (stance->target_event_id, ==, 0);

  stance->holder_span_id = spokesman;
  stance->target_event_id = event;
  stance->label_id = doubts;
  g_assert_true (tessera_history_update_stance (f->history, stance, &error));
  g_assert_no_error (error);
  g_assert_cmpint (span_label (f, stance->span_id), ==, doubts);

  undo (f);
  undone = stance_now (f, id);
  g_assert_cmpint (undone->holder_span_id, ==, 0);
  g_assert_cmpint (undone->target_event_id, ==, 0);
  g_assert_cmpint (undone->label_id, ==, lbl (f, TESSERA_LABEL_STANCE, "denies"));
  g_assert_cmpint (span_label (f, stance->span_id), ==, undone->label_id);

  redo (f);
  redone = stance_now (f, id);
  g_assert_cmpint (redone->holder_span_id, ==, spokesman);
  g_assert_cmpint (redone->target_event_id, ==, event);
  g_assert_cmpint (redone->label_id, ==, doubts);

  /* Undoing the addition removes the statement span with the stance. */
  undo (f);
  undo (f);
  g_assert_null (tessera_project_get_stance (f->project, id, NULL));
  g_assert_cmpint (tessera_project_count_spans (f->project), ==, 2);
}

/* --- deleting spans --------------------------------------------------- */

/* "Rebels seized Ber …; a spokesman … denied the report, saying troops
 * still held the town": a TerritoryChange with Agent and Place, the
 * spokesman's denial of it and a report toward a span. */
typedef struct
{
  gint64 rebels, ber, spokesman, troops;
  gint64 event, denial, saying;
  gint64 trigger, statement;
} Scene;

static void
build_scene (Fixture *f,
             Scene   *s)
{
  g_autoptr(TesseraEvent) event = NULL;
  g_autoptr(TesseraStance) denial = NULL;
  g_autoptr(TesseraStance) saying = NULL;
  g_autoptr(GError) error = NULL;

  s->rebels = tag (f, "Rebels", "ArmedGroup");
  s->ber = tag (f, "Ber", "Place");
  s->spokesman = tag (f, "spokesman", "Person");
  s->troops = tag (f, "troops", "ArmedGroup");
  s->event = tag_event (f, "seized", "TerritoryChange");
  event = event_now (f, s->event);
  s->trigger = event->trigger_span_id;
  add_argument (f, s->event, lbl (f, TESSERA_LABEL_ROLE, "Agent"), s->rebels);
  add_argument (f, s->event, lbl (f, TESSERA_LABEL_ROLE, "Place"), s->ber);

  s->denial = tag_stance (f, "denied", "denies");
  denial = stance_now (f, s->denial);
  s->statement = denial->span_id;
  denial->holder_span_id = s->spokesman;
  denial->target_event_id = s->event;
  g_assert_true (tessera_history_update_stance (f->history, denial, &error));

  s->saying = tag_stance (f, "saying", "reports");
  saying = stance_now (f, s->saying);
  saying->holder_span_id = s->spokesman;
  saying->target_span_id = s->troops;
  saying->target_event_id = s->event;
  g_assert_true (tessera_history_update_stance (f->history, saying, &error));
  g_assert_no_error (error);
}

/* Deletes @span_id through the history, then checks that undo brings
 * back exactly what was there and redo takes it away again. */
static void
delete_undo_redo (Fixture *f,
                  gint64   span_id)
{
  g_autofree char *before = describe (f, f->doc);
  g_autofree char *deleted = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_history_delete_span (f->history, span_id, &error));
  g_assert_no_error (error);
  deleted = describe (f, f->doc);
  g_assert_cmpstr (deleted, !=, before);

  undo (f);
  undone = describe (f, f->doc);
  g_assert_cmpstr (undone, ==, before);

  redo (f);
  redone = describe (f, f->doc);
  g_assert_cmpstr (redone, ==, deleted);
}

static void
test_delete_trigger (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TesseraStance) denial = NULL;
  g_autoptr(TesseraStance) saying = NULL;
  Scene s;

  build_scene (f, &s);
  delete_undo_redo (f, s.trigger);

  /* After the redo: the event is gone, the stances lost only their target. */
  g_assert_null (tessera_project_get_event (f->project, s.event, NULL));
  denial = stance_now (f, s.denial);
  g_assert_cmpint (denial->target_event_id, ==, 0);
  g_assert_cmpint (denial->holder_span_id, ==, s.spokesman);
  saying = stance_now (f, s.saying);
  g_assert_cmpint (saying->target_event_id, ==, 0);
  g_assert_cmpint (saying->target_span_id, ==, s.troops);
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Delete TerritoryChange");
}

static void
test_delete_argument_span (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(TesseraEvent) event = NULL;
  Scene s;

  build_scene (f, &s);
  delete_undo_redo (f, s.rebels);

  event = event_now (f, s.event);
  g_assert_cmpuint (event->arguments->len, ==, 1);
  g_assert_cmpint (g_array_index (event->arguments, TesseraArgument, 0).span_id, ==, s.ber);
}

static void
test_delete_holder_span (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(TesseraStance) saying = NULL;
  Scene s;

  build_scene (f, &s);
  delete_undo_redo (f, s.spokesman);
  delete_undo_redo (f, s.troops);

  saying = stance_now (f, s.saying);
  g_assert_cmpint (saying->holder_span_id, ==, 0);
  g_assert_cmpint (saying->target_span_id, ==, 0);
  g_assert_cmpint (saying->target_event_id, ==, s.event);
}

static void
test_delete_statement_span (Fixture       *f,
                            gconstpointer  data)
{
  Scene s;

  build_scene (f, &s);
  delete_undo_redo (f, s.statement);
  g_assert_null (tessera_project_get_stance (f->project, s.denial, NULL));
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
  gint64 person = lbl (f, TESSERA_LABEL_ENTITY, "Person");
  gint64 span = tag (f, "spokesman", "Person");
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_history_update_label (f->history, person, "Official", "#224466", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (label_name (f, person), ==, "Official");

  undo (f);
  g_assert_cmpstr (label_name (f, person), ==, "Person");
  g_assert_cmpstr (tessera_project_get_label (f->project, person)->color, ==, "#3584e4");
  g_assert_cmpstr (tessera_project_get_label (f->project, person)->shortcut, ==, "1");
  g_assert_cmpint (span_label (f, span), ==, person);

  redo (f);
  g_assert_cmpstr (label_name (f, person), ==, "Official");
  g_assert_cmpint (span_label (f, span), ==, person);
}

static void
test_across_documents (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *first_empty = describe (f, f->doc);
  g_autofree char *second_empty = describe (f, f->other);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, end;

  tag (f, "Ber", "Place");
  locate (OTHER_TEXT, "Algiers", &start, &end);
  g_assert_cmpint (tessera_history_add_span (f->history, f->other, start, end,
                                             lbl (f, TESSERA_LABEL_ENTITY, "Place"), &error), >, 0);
  g_assert_no_error (error);

  undo (f);
  undo (f);
  first = describe (f, f->doc);
  second = describe (f, f->other);
  g_assert_cmpstr (first, ==, first_empty);
  g_assert_cmpstr (second, ==, second_empty);
  g_assert_cmpint (tessera_project_count_spans (f->project), ==, 0);
}

static void
test_failed_command (Fixture       *f,
                     gconstpointer  data)
{
  gint64 agent = lbl (f, TESSERA_LABEL_ROLE, "Agent");
  gint64 event = tag_event (f, "seized", "TerritoryChange");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undo_label = NULL;
  g_autoptr(GError) error = NULL;
  gint64 elsewhere, n = g_utf8_strlen (TEXT, -1);

  tag (f, "Ber", "Place");
  elsewhere = tessera_project_add_span (f->project, f->other, 0, 5, lbl (f, TESSERA_LABEL_ENTITY, "Person"),
                                        NULL, &error);
  g_assert_no_error (error);
  undo (f);
  before = describe (f, f->doc);
  undo_label = g_strdup (tessera_history_get_undo_label (f->history));

  g_assert_cmpint (tessera_history_add_span (f->history, f->doc, n - 2, n + 3,
                                             lbl (f, TESSERA_LABEL_ENTITY, "Place"), &error), ==, 0);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (tessera_history_add_argument (f->history, event, agent, elsewhere, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (tessera_history_add_event (f->history, f->doc, 0, 3, lbl (f, TESSERA_LABEL_ENTITY, "Person"),
                                              &error), ==, 0);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);

  /* The redo of "Add Place" is still there, and nothing was written. */
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, undo_label);
  g_assert_true (tessera_history_can_redo (f->history));
  g_assert_cmpstr (tessera_history_get_redo_label (f->history), ==, "Add Place");
  after = describe (f, f->doc);
  g_assert_cmpstr (after, ==, before);
  redo (f);
}

static void
test_group (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *empty = describe (f, f->doc);
  g_autofree char *both = NULL;
  g_autofree char *state = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_history_begin_group (f->history, "Tag the sentence", &error));
  tag (f, "Rebels", "ArmedGroup");
  tag (f, "Ber", "Place");
  g_assert_true (tessera_history_end_group (f->history, TRUE, &error));
  g_assert_no_error (error);
  both = describe (f, f->doc);
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Tag the sentence");

  undo (f);
  state = describe (f, f->doc);
  g_assert_cmpstr (state, ==, empty);
  g_assert_false (tessera_history_can_undo (f->history));
  redo (f);
  g_clear_pointer (&state, g_free);
  state = describe (f, f->doc);
  g_assert_cmpstr (state, ==, both);

  /* A group given up leaves neither the spans nor an undo step. */
  g_assert_true (tessera_history_begin_group (f->history, "Abandoned", &error));
  tag (f, "spokesman", "Person");
  tag (f, "troops", "ArmedGroup");
  g_assert_false (tessera_history_end_group (f->history, FALSE, &error));
  g_clear_pointer (&state, g_free);
  state = describe (f, f->doc);
  g_assert_cmpstr (state, ==, both);
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Tag the sentence");
  g_assert_cmpint (tessera_project_count_spans (f->project), ==, 2);
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 person = lbl (f, TESSERA_LABEL_ENTITY, "Person");
  Scene s;

  build_scene (f, &s);
  g_assert_true (tessera_history_delete_span (f->history, s.rebels, &error));
  undo (f);
  g_assert_true (tessera_history_delete_span (f->history, s.troops, &error));
  g_assert_true (tessera_history_set_document_status (f->history, f->doc, TESSERA_STATUS_IN_PROGRESS, &error));
  g_assert_true (tessera_history_update_label (f->history, person, "Official", NULL, NULL, &error));
  g_assert_no_error (error);
  before = describe (f, f->doc);

  /* No "Save": closing keeps what every command committed. */
  g_clear_object (&f->history);
  tessera_project_close (f->project);
  g_clear_object (&f->project);
  f->project = tessera_project_open (f->path, TESSERA_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  f->history = tessera_history_new (f->project);

  after = describe (f, f->doc);
  g_assert_cmpstr (after, ==, before);
  g_assert_nonnull (strstr (after, "in-progress"));
  g_assert_cmpstr (label_name (f, person), ==, "Official");
  g_assert_false (tessera_history_can_undo (f->history));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/history/span", test_span_undo_redo);
  ADD ("/history/event/arguments", test_event_arguments);
  ADD ("/history/event/update", test_event_update);
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
  ADD ("/history/reopen", test_reopen);
#undef ADD

  return g_test_run ();
}
