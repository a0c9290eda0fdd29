/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-open-document"

#include "config.h"

#include <string.h>

#include "tessera-history.h"
#include "tessera-open-document.h"
#include "tessera-test-util.h"

/* The span index against a plain sorted array, and the per-document
 * model against the project it follows: what every view of a document
 * reads must be what the file holds, after each command and each undo. */

/* --- the span index ----------------------------------------------------- */

static gint
compare_spans (gconstpointer a,
               gconstpointer b)
{
  return tessera_span_compare (a, b);
}

static void
assert_index_matches (const TesseraSpanIndex *index,
                      GArray                 *reference,
                      GRand                  *rand)
{
  g_array_sort (reference, compare_spans);
  g_assert_cmpuint (tessera_span_index_get_n_spans (index), ==, reference->len);

  for (guint i = 0; i < reference->len; i++)
    {
      const TesseraSpan *want = &g_array_index (reference, TesseraSpan, i);

      g_assert_cmpint (tessera_span_index_get_span (index, i)->id, ==, want->id);
      g_assert_cmpint (tessera_span_index_find_id (index, want->id), ==, (int) i);
      g_assert_true (tessera_span_index_lookup (index, want->id) == tessera_span_index_get_span (index, i));
    }

  /* Ranges and points, against a scan of the array. */
  for (guint q = 0; q < 20; q++)
    {
      gint64 start = g_rand_int_range (rand, 0, 1000);
      gint64 end = start + g_rand_int_range (rand, 1, 200);
      g_autoptr(GPtrArray) hits = g_ptr_array_new ();
      const TesseraSpan *at = tessera_span_index_find_at (index, start);
      const TesseraSpan *shortest = NULL;
      guint n = 0;

      tessera_span_index_query (index, start, end, hits);
      for (guint i = 0; i < reference->len; i++)
        {
          const TesseraSpan *span = &g_array_index (reference, TesseraSpan, i);

          if (span->start < end && span->end > start)
            {
              g_assert_cmpuint (n, <, hits->len);
              g_assert_cmpint (((const TesseraSpan *) g_ptr_array_index (hits, n))->id, ==, span->id);
              n++;
            }
          if (span->start <= start && span->end > start &&
              (shortest == NULL || span->end - span->start <= shortest->end - shortest->start))
            shortest = span;
        }
      g_assert_cmpuint (n, ==, hits->len);
      g_assert_true ((at == NULL) == (shortest == NULL));
      if (at != NULL)
        g_assert_cmpint (at->id, ==, shortest->id);
    }

  /* Depth: the earlier spans still open where a span starts. */
  for (guint i = 0; i < reference->len; i += 7)
    {
      const TesseraSpan *span = &g_array_index (reference, TesseraSpan, i);
      guint depth = 0;

      for (guint k = 0; k < i; k++)
        depth += g_array_index (reference, TesseraSpan, k).end > span->start;
      g_assert_cmpuint (tessera_span_index_get_depth (index, tessera_span_index_lookup (index, span->id)),
                        ==, depth);
    }
}

static void
random_span (GRand       *rand,
             gint64       id,
             TesseraSpan *span)
{
  memset (span, 0, sizeof *span);
  span->id = id;
  span->start = g_rand_int_range (rand, 0, 1000);
  span->end = span->start + g_rand_int_range (rand, 1, 60);
  span->label_id = g_rand_int_range (rand, 1, 5);
}

static void
test_span_index (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GArray) reference = g_array_new (FALSE, FALSE, sizeof (TesseraSpan));
  g_autoptr(TesseraSpanIndex) index = NULL;
  gint64 next_id = 1;

  /* Built whole from an ordered array… */
  for (guint i = 0; i < 300; i++)
    {
      TesseraSpan span;

      random_span (rand, next_id++, &span);
      g_array_append_val (reference, span);
    }
  g_array_sort (reference, compare_spans);
  index = tessera_span_index_new_from (reference);
  assert_index_matches (index, reference, rand);

  /* …then changed a span at a time: added, moved (same id), removed. */
  for (guint step = 0; step < 2000; step++)
    {
      guint what = g_rand_int_range (rand, 0, 3);

      if (what == 0 || reference->len == 0)
        {
          TesseraSpan span;

          random_span (rand, next_id++, &span);
          tessera_span_index_insert (index, &span);
          g_array_append_val (reference, span);
        }
      else
        {
          guint k = g_rand_int_range (rand, 0, reference->len);
          TesseraSpan *span = &g_array_index (reference, TesseraSpan, k);

          if (what == 1)
            {
              random_span (rand, span->id, span);
              tessera_span_index_insert (index, span);
            }
          else
            {
              g_assert_true (tessera_span_index_remove (index, span->id));
              g_array_remove_index_fast (reference, k);
            }
        }
      if (step % 97 == 0)
        assert_index_matches (index, reference, rand);
    }
  assert_index_matches (index, reference, rand);
  g_assert_false (tessera_span_index_remove (index, 999999));
}

/* --- the open document -------------------------------------------------- */

static const char text[] =
  "Rebels attacked Tin-Azrou on Sunday 🙂; the army denied it, said the spokesman.";

typedef struct
{
  TesseraTestProject   p;
  TesseraHistory      *history;
  TesseraOpenDocument *doc;
  gint64               doc_id;
  guint                n_changed;    /* "changed" emissions */
  GListStore          *mirror;       /* the span list as items-changed told it */
} Fixture;

static void
on_changed (Fixture                          *f,
            const TesseraOpenDocumentChanges *changes)
{
  f->n_changed++;
}

/* Keeps a copy of the list as its "items-changed" describe it. */
static void
on_items_changed (GListModel *list,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < added; i++)
    g_ptr_array_add (items, g_list_model_get_item (list, position + i));
  g_list_store_splice (f->mirror, position, removed, items->pdata, added);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(TesseraDocument) doc = tessera_document_new ();
  g_autoptr(GError) error = NULL;

  tessera_test_project_setup (&f->p, NULL);
  doc->title = g_strdup ("Tin-Azrou");
  doc->text = g_strdup (text);
  f->doc_id = tessera_test_add_document (f->p.project, doc);
  f->history = tessera_history_new (f->p.project);

  f->doc = tessera_open_document_get (f->p.project, f->doc_id, &error);
  g_assert_no_error (error);
  g_signal_connect_swapped (f->doc, "changed", G_CALLBACK (on_changed), f);
  f->mirror = g_list_store_new (TESSERA_TYPE_SPAN_ITEM);
  g_signal_connect (tessera_open_document_get_span_list (f->doc), "items-changed",
                    G_CALLBACK (on_items_changed), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->mirror);
  g_clear_object (&f->doc);
  g_clear_object (&f->history);
  tessera_test_project_teardown (&f->p, NULL);
}

/* The model says what the project says. */
static void
assert_model_matches (Fixture *f)
{
  g_autoptr(GArray) spans = tessera_project_list_spans (f->p.project, f->doc_id, NULL);
  g_autoptr(GPtrArray) events = tessera_project_list_events (f->p.project, f->doc_id, NULL);
  g_autoptr(GArray) stances = tessera_project_list_stances (f->p.project, f->doc_id, NULL);
  const TesseraSpanIndex *index = tessera_open_document_get_spans (f->doc);
  GListModel *list = tessera_open_document_get_span_list (f->doc);
  guint suggested_rows = 0;

  g_assert_cmpuint (tessera_span_index_get_n_spans (index), ==, spans->len);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, spans->len);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->mirror)), ==, spans->len);
  for (guint i = 0; i < spans->len; i++)
    {
      const TesseraSpan *want = &g_array_index (spans, TesseraSpan, i);
      const TesseraSpan *got = tessera_span_index_get_span (index, i);
      g_autoptr(TesseraSpanItem) item = g_list_model_get_item (G_LIST_MODEL (f->mirror), i);

      g_assert_cmpint (got->id, ==, want->id);
      g_assert_cmpint (got->start, ==, want->start);
      g_assert_cmpint (got->end, ==, want->end);
      g_assert_cmpint (got->label_id, ==, want->label_id);
      g_assert_cmpstr (got->note, ==, want->note);
      g_assert_cmpint (tessera_span_item_get_span_id (item), ==, want->id);
      suggested_rows += (tessera_open_document_get_span_flags (f->doc, want->id) & TESSERA_SPAN_FLAG_SUGGESTED) != 0;
    }

  g_assert_cmpuint (tessera_open_document_get_n_events (f->doc), ==, events->len);
  for (guint i = 0; i < events->len; i++)
    {
      const TesseraEvent *want = g_ptr_array_index (events, i);
      const TesseraEvent *got = tessera_open_document_get_nth_event (f->doc, i);

      g_assert_cmpint (got->id, ==, want->id);
      g_assert_cmpint (got->arguments->len, ==, want->arguments->len);
      g_assert_true (tessera_open_document_get_trigger_event (f->doc, want->trigger_span_id) == got);
      g_assert_true (tessera_open_document_get_span_flags (f->doc, want->trigger_span_id) & TESSERA_SPAN_FLAG_TRIGGER);
    }

  for (guint i = 0; i < stances->len; i++)
    {
      const TesseraStance *want = &g_array_index (stances, TesseraStance, i);
      const TesseraStance *got = tessera_open_document_get_stance (f->doc, want->id);

      g_assert_nonnull (got);
      g_assert_cmpint (got->label_id, ==, want->label_id);
      g_assert_cmpint (got->holder_span_id, ==, want->holder_span_id);
      g_assert_true (tessera_open_document_get_statement_stance (f->doc, want->span_id) == got);
    }

  g_assert_cmpuint (tessera_open_document_get_n_suggestions (f->doc), ==, suggested_rows);
}

/* Tags @word as the window does; returns the span's id. */
static gint64
tag (Fixture          *f,
     const char       *word,
     TesseraLabelKind  kind,
     const char       *label)
{
  g_autoptr(GError) error = NULL;
  gint64 label_id = tessera_test_label_id (f->p.project, kind, label);
  gint64 start, end, id;

  tessera_test_find_word (text, word, &start, &end);
  switch (kind)
    {
    case TESSERA_LABEL_EVENT:
      id = tessera_history_add_event (f->history, f->doc_id, start, end, label_id, &error);
      g_assert_no_error (error);
      return tessera_open_document_get_event (f->doc, id)->trigger_span_id;
    case TESSERA_LABEL_STANCE:
      id = tessera_history_add_stance (f->history, f->doc_id, start, end, label_id, &error);
      g_assert_no_error (error);
      return tessera_open_document_get_stance (f->doc, id)->span_id;
    case TESSERA_LABEL_ENTITY:
    case TESSERA_LABEL_ROLE:
    case TESSERA_LABEL_ANY:
    case TESSERA_N_LABEL_KINDS:
    default:
      id = tessera_history_add_span (f->history, f->doc_id, start, end, label_id, &error);
      g_assert_no_error (error);
      return id;
    }
}

static void
test_follows_commands (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 rebels, attacked, army, denied, event_id, stance_id;
  const TesseraEvent *event;
  guint before;

  assert_model_matches (f);

  /* One emission per command, each after the model took it in. */
  before = f->n_changed;
  rebels = tag (f, "Rebels", TESSERA_LABEL_ENTITY, "ArmedGroup");
  g_assert_cmpuint (f->n_changed, ==, before + 1);
  assert_model_matches (f);

  attacked = tag (f, "attacked", TESSERA_LABEL_EVENT, "Battle");
  event = tessera_open_document_get_trigger_event (f->doc, attacked);
  g_assert_nonnull (event);
  event_id = event->id;
  g_assert_true (tessera_history_add_argument (f->history, event_id,
                                               tessera_test_label_id (f->p.project, TESSERA_LABEL_ROLE, "Agent"),
                                               rebels, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tessera_open_document_get_event (f->doc, event_id)->arguments->len, ==, 1);
  assert_model_matches (f);

  army = tag (f, "army", TESSERA_LABEL_ENTITY, "ArmedGroup");
  denied = tag (f, "denied", TESSERA_LABEL_STANCE, "denies");
  stance_id = tessera_open_document_get_statement_stance (f->doc, denied)->id;
  {
    TesseraStance stance = *tessera_open_document_get_stance (f->doc, stance_id);

    stance.holder_span_id = army;
    stance.target_event_id = event_id;
    g_assert_true (tessera_history_update_stance (f->history, &stance, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (tessera_open_document_get_stance (f->doc, stance_id)->holder_span_id, ==, army);
  assert_model_matches (f);

  /* Deleting the trigger takes its event along, in one emission. */
  before = f->n_changed;
  g_assert_true (tessera_history_delete_span (f->history, attacked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_changed, ==, before + 1);
  g_assert_null (tessera_open_document_get_event (f->doc, event_id));
  g_assert_cmpint (tessera_open_document_get_stance (f->doc, stance_id)->target_event_id, ==, 0);
  assert_model_matches (f);

  /* Undo and redo everything, checking each step. */
  while (tessera_history_can_undo (f->history))
    {
      g_assert_true (tessera_history_undo (f->history, &error));
      g_assert_no_error (error);
      assert_model_matches (f);
    }
  g_assert_cmpuint (tessera_span_index_get_n_spans (tessera_open_document_get_spans (f->doc)), ==, 0);
  while (tessera_history_can_redo (f->history))
    {
      g_assert_true (tessera_history_redo (f->history, &error));
      g_assert_no_error (error);
      assert_model_matches (f);
    }
}

/* Suggestions are counted by row; accepting them updates the count. */
static void
test_suggestions (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TesseraSpan span = { 0 };
  gint64 start, end;

  tessera_test_find_word (text, "spokesman", &start, &end);
  span.document_id = f->doc_id;
  span.start = start;
  span.end = end;
  span.label_id = tessera_test_label_id (f->p.project, TESSERA_LABEL_ENTITY, "Person");
  span.suggested = TRUE;
  g_assert_cmpint (tessera_project_insert_span (f->p.project, &span, &error), >, 0);
  g_assert_no_error (error);

  g_assert_cmpuint (tessera_open_document_get_n_suggestions (f->doc), ==, 1);
  assert_model_matches (f);

  g_assert_true (tessera_project_accept_suggestions (f->p.project, f->doc_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tessera_open_document_get_n_suggestions (f->doc), ==, 0);
  assert_model_matches (f);
}

/* One model per document, shared; metadata follows; another document's
 * changes do not concern it. */
static void
test_shared_and_metadata (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(TesseraOpenDocument) again = tessera_open_document_get (f->p.project, f->doc_id, NULL);
  g_autoptr(TesseraDocument) other = tessera_document_new ();
  g_autoptr(GError) error = NULL;
  guint before;

  g_assert_true (again == f->doc);

  before = f->n_changed;
  other->text = g_strdup ("Another report.");
  tessera_test_add_document (f->p.project, other);
  g_assert_cmpuint (f->n_changed, ==, before);

  g_assert_true (tessera_history_set_document_status (f->history, f->doc_id, TESSERA_STATUS_DONE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_changed, ==, before + 1);
  g_assert_cmpint (tessera_open_document_get_document (f->doc)->status, ==, TESSERA_STATUS_DONE);
  g_assert_cmpstr (tessera_open_document_get_document (f->doc)->text, ==, text);
}

/* Slices of a long text full of multi-byte code points (emoji, combining
 * marks, right-to-left words, curly quotes) are the same as cutting the
 * code points one by one, across every boundary of the model's marks. */
static void
test_dup_text (void)
{
  static const char * const pieces[] = {
    "Fighters ", "entered ", "🙂", "e\u0301", "«الجيش» ", "“Tin-Azrou” ", "a", "👩‍👩‍👧 ", "\n",
  };
  TesseraTestProject p;
  g_autoptr(TesseraDocument) doc = tessera_document_new ();
  g_autoptr(TesseraOpenDocument) open = NULL;
  g_autoptr(GString) built = g_string_new (NULL);
  const char *stored;
  g_autoptr(GError) error = NULL;
  g_autofree gunichar *chars = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  glong n_chars;

  for (guint i = 0; i < 3000; i++)
    g_string_append (built, pieces[(i * 7 + i / 5) % G_N_ELEMENTS (pieces)]);
  tessera_test_project_setup (&p, NULL);
  doc->text = g_strdup (built->str);
  open = tessera_open_document_get (p.project, tessera_test_add_document (p.project, doc), &error);
  g_assert_no_error (error);
  /* As stored (imports normalise the text). */
  stored = tessera_open_document_get_document (open)->text;
  chars = g_utf8_to_ucs4_fast (stored, -1, &n_chars);
  g_assert_cmpint (n_chars, ==, tessera_open_document_get_document (open)->n_chars);

  for (guint i = 0; i < 2000; i++)
    {
      gint64 start = i < 20 ? (gint64) i * 511 % (n_chars + 1) : g_rand_int_range (rand, 0, n_chars + 1);
      gint64 length = g_rand_int_range (rand, 0, 1200);
      gint64 end = i % 3 == 0 ? n_chars : MIN (n_chars, start + length);
      g_autofree char *slice = tessera_open_document_dup_text (open, start, end);
      g_autofree char *expected = g_ucs4_to_utf8 (chars + start, end - start, NULL, NULL, NULL);

      g_assert_cmpstr (slice, ==, expected);
    }
  {
    g_autofree char *all = tessera_open_document_dup_text (open, 0, n_chars);
    g_autofree char *none = tessera_open_document_dup_text (open, n_chars, n_chars);

    g_assert_cmpstr (all, ==, stored);
    g_assert_cmpstr (none, ==, "");
    g_assert_null (tessera_open_document_dup_text (open, 0, n_chars + 1));
    g_assert_null (tessera_open_document_dup_text (open, 5, 4));
    g_assert_null (tessera_open_document_dup_text (open, -1, 4));
  }

  g_clear_object (&open);
  tessera_test_project_teardown (&p, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/open-document/span-index", test_span_index);
  g_test_add_func ("/open-document/dup-text", test_dup_text);
  g_test_add ("/open-document/follows-commands", Fixture, NULL, fixture_setup, test_follows_commands,
              fixture_teardown);
  g_test_add ("/open-document/suggestions", Fixture, NULL, fixture_setup, test_suggestions, fixture_teardown);
  g_test_add ("/open-document/shared-and-metadata", Fixture, NULL, fixture_setup, test_shared_and_metadata,
              fixture_teardown);

  return g_test_run ();
}
