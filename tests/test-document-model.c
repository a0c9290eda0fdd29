/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-document-model"

#include "config.h"

#include "tessera-document-model.h"
#include "tessera-history.h"
#include "tessera-test-util.h"

/* The document list's model: what it shows of a project, how it follows
 * changes, filters and searches, in the main thread and in its worker. */

/* Written for these tests. */
static const struct
{
  const char            *uid;
  const char            *title;
  const char            *source;
  const char            *published;
  const char            *text;
} documents[] = {
  { "r1", "Rebels seize Ber", "Horizon Wire", "2023-11-14", "Rebels seized the town of Ber at dawn." },
  { "r2", "Army denies losing Ber", "Sahel Courier", "2023-11-15", "The army denied that Ber had fallen; fighting went on." },
  { "r3", NULL, NULL, NULL, "Talks resumed in Algiers." },
  { "r4", "Convoy reaches Anefis", "Horizon Wire", "2023-11-16", "A convoy reached Anefis after clashes near Ber." },
};

typedef struct
{
  TesseraTestProject    base;
  TesseraHistory       *history;
  TesseraDocumentModel *model;
  gint64                ids[G_N_ELEMENTS (documents)];

  /* The last items-changed, and how many there were. */
  guint                 position, removed, added;
  guint                 n_changes;
} Fixture;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  f->position = position;
  f->removed = removed;
  f->added = added;
  f->n_changes++;
}

static void
wait_until_idle (TesseraDocumentModel *model)
{
  while (tessera_document_model_get_busy (model))
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  tessera_test_project_setup (&f->base, data);
  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(TesseraDocument) doc = tessera_document_new ();

      doc->uid = g_strdup (documents[i].uid);
      doc->title = g_strdup (documents[i].title);
      doc->source = g_strdup (documents[i].source);
      doc->published = g_strdup (documents[i].published);
      doc->text = g_strdup (documents[i].text);
      f->ids[i] = tessera_test_add_document (f->base.project, doc);
    }

  f->history = tessera_history_new (f->base.project);
  f->model = tessera_document_model_new ();
  g_signal_connect (f->model, "items-changed", G_CALLBACK (on_items_changed), f);
  g_assert_true (tessera_document_model_set_project (f->model, f->base.project, &error));
  g_assert_no_error (error);
  f->n_changes = 0;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* Let a worker still reading end before the project file goes. */
  wait_until_idle (f->model);
  g_clear_object (&f->model);
  g_clear_object (&f->history);
  tessera_test_project_teardown (&f->base, data);
}

static TesseraDocumentItem *
item_at (Fixture *f,
         guint    position)
{
  TesseraDocumentItem *item = g_list_model_get_item (G_LIST_MODEL (f->model), position);

  g_assert_nonnull (item);
  return item;
}

static void
set_status (Fixture               *f,
            gint64                 id,
            TesseraDocumentStatus  status)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_history_set_document_status (f->history, id, status, &error));
  g_assert_no_error (error);
}

static void
search (Fixture    *f,
        const char *query)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_document_model_set_search (f->model, query, &error));
  g_assert_no_error (error);
  wait_until_idle (f->model);
}

static gboolean
shows (Fixture *f,
       gint64   id)
{
  return tessera_document_model_find_position (f->model, id) != G_MAXUINT;
}

static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  GListModel *list = G_LIST_MODEL (f->model);
  g_autoptr(TesseraDocumentItem) first = NULL;
  g_autoptr(TesseraDocumentItem) again = NULL;
  g_autoptr(TesseraDocumentItem) untitled = NULL;
  g_autofree char *title = NULL;
  int status;

  g_assert_true (g_list_model_get_item_type (list) == TESSERA_TYPE_DOCUMENT_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 4);
  g_assert_cmpuint (tessera_document_model_get_n_documents (f->model), ==, 4);
  g_assert_null (g_list_model_get_item (list, 4));

  /* In import order, with the metadata a row shows. */
  first = item_at (f, 0);
  g_assert_cmpint (tessera_document_item_get_id (first), ==, f->ids[0]);
  g_assert_cmpstr (tessera_document_item_get_title (first), ==, "Rebels seize Ber");
  g_assert_cmpstr (tessera_document_item_get_source (first), ==, "Horizon Wire");
  g_assert_cmpstr (tessera_document_item_get_published (first), ==, "2023-11-14");
  g_assert_cmpint (tessera_document_item_get_status (first), ==, TESSERA_STATUS_NEW);
  g_assert_cmpint (tessera_document_item_get_n_annotations (first), ==, 0);
  g_object_get (first, "title", &title, "status", &status, NULL);
  g_assert_cmpstr (title, ==, "Rebels seize Ber");
  g_assert_cmpint (status, ==, TESSERA_STATUS_NEW);

  /* A row and the selection asking for the same position share one item. */
  again = item_at (f, 0);
  g_assert_true (again == first);

  /* A document without a title shows its uid; missing fields are "". */
  untitled = item_at (f, 2);
  g_assert_cmpstr (tessera_document_item_get_title (untitled), ==, "r3");
  g_assert_cmpstr (tessera_document_item_get_source (untitled), ==, "");
  g_assert_cmpstr (tessera_document_item_get_published (untitled), ==, "");

  g_assert_cmpint (tessera_document_model_get_document_id (f->model, 3), ==, f->ids[3]);
  g_assert_cmpint (tessera_document_model_get_document_id (f->model, 4), ==, 0);
  g_assert_cmpuint (tessera_document_model_find_position (f->model, f->ids[1]), ==, 1);
  g_assert_cmpuint (tessera_document_model_find_position (f->model, 9999), ==, G_MAXUINT);

  /* No project: nothing. */
  g_assert_true (tessera_document_model_set_project (f->model, NULL, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_cmpuint (f->removed, ==, 4);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_follows_changes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TesseraDocumentItem) item = item_at (f, 1);
  g_autoptr(TesseraDocument) doc = tessera_document_new ();
  g_autoptr(GError) error = NULL;
  guint status_notes = 0, count_notes = 0;

  g_signal_connect (item, "notify::status", G_CALLBACK (count_notify), &status_notes);
  g_signal_connect (item, "notify::n-annotations", G_CALLBACK (count_notify), &count_notes);

  /* A status set anywhere shows in the row at once, and undoes. */
  set_status (f, f->ids[1], TESSERA_STATUS_DONE);
  g_assert_cmpint (tessera_document_item_get_status (item), ==, TESSERA_STATUS_DONE);
  g_assert_cmpuint (status_notes, ==, 1);
  g_assert_cmpuint (f->n_changes, ==, 0);
  g_assert_true (tessera_history_undo (f->history, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tessera_document_item_get_status (item), ==, TESSERA_STATUS_NEW);
  g_assert_cmpuint (status_notes, ==, 2);

  /* The annotation count follows spans added and removed. */
  tessera_test_tag (f->base.project, f->ids[1], "army", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  tessera_test_tag (f->base.project, f->ids[1], "Ber", TESSERA_LABEL_ENTITY, "Place", NULL);
  g_assert_cmpint (tessera_document_item_get_n_annotations (item), ==, 2);
  g_assert_cmpuint (count_notes, ==, 2);
  {
    g_autoptr(GArray) spans = tessera_project_list_spans (f->base.project, f->ids[1], &error);

    g_assert_no_error (error);
    g_assert_true (tessera_project_delete_span (f->base.project,
                                                g_array_index (spans, TesseraSpan, 0).id, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (tessera_document_item_get_n_annotations (item), ==, 1);
  g_assert_cmpuint (status_notes, ==, 2);

  /* An imported document is appended. */
  doc->uid = g_strdup ("r5");
  doc->title = g_strdup ("Ceasefire talks open");
  doc->text = g_strdup ("Ceasefire talks opened in Algiers.");
  tessera_test_add_document (f->base.project, doc);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 5);
  g_assert_cmpuint (tessera_document_model_get_n_documents (f->model), ==, 5);
  g_assert_cmpuint (f->n_changes, ==, 1);
  g_assert_cmpuint (f->position, ==, 4);
  g_assert_cmpuint (f->removed, ==, 0);
  g_assert_cmpuint (f->added, ==, 1);
}

static void
test_status_filter (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  set_status (f, f->ids[1], TESSERA_STATUS_DONE);

  tessera_document_model_set_status_filter (f->model, TESSERA_STATUS_DONE);
  g_assert_cmpint (tessera_document_model_get_status_filter (f->model), ==, TESSERA_STATUS_DONE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 1);
  g_assert_cmpint (tessera_document_model_get_document_id (f->model, 0), ==, f->ids[1]);
  g_assert_cmpuint (tessera_document_model_get_n_documents (f->model), ==, 4);

  tessera_document_model_set_status_filter (f->model, TESSERA_STATUS_NEW);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 3);
  g_assert_false (shows (f, f->ids[1]));

  /* A document leaving the filter goes, alone: the rest of the list
   * (and its scrolling) stays. */
  f->n_changes = 0;
  set_status (f, f->ids[0], TESSERA_STATUS_IN_PROGRESS);
  g_assert_cmpuint (f->n_changes, ==, 1);
  g_assert_cmpuint (f->position, ==, 0);
  g_assert_cmpuint (f->removed, ==, 1);
  g_assert_cmpuint (f->added, ==, 0);
  g_assert_false (shows (f, f->ids[0]));

  /* Undo brings it back where it was. */
  g_assert_true (tessera_history_undo (f->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_changes, ==, 2);
  g_assert_cmpuint (f->position, ==, 0);
  g_assert_cmpuint (f->removed, ==, 0);
  g_assert_cmpuint (f->added, ==, 1);
  g_assert_cmpuint (tessera_document_model_find_position (f->model, f->ids[0]), ==, 0);

  tessera_document_model_set_status_filter (f->model, TESSERA_DOCUMENT_MODEL_ALL_STATUSES);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 4);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  /* Words match as prefixes, in titles and text. */
  search (f, "ber");
  g_assert_cmpstr (tessera_document_model_get_search (f->model), ==, "ber");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 3);
  g_assert_true (shows (f, f->ids[0]));
  g_assert_true (shows (f, f->ids[1]));
  g_assert_false (shows (f, f->ids[2]));
  g_assert_true (shows (f, f->ids[3]));
  g_assert_false (tessera_document_model_get_search_truncated (f->model));

  /* All words must occur. */
  search (f, "ber arm");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 1);
  g_assert_cmpint (tessera_document_model_get_document_id (f->model, 0), ==, f->ids[1]);

  /* Search and status filter together. */
  search (f, "ber");
  set_status (f, f->ids[3], TESSERA_STATUS_DONE);
  tessera_document_model_set_status_filter (f->model, TESSERA_STATUS_DONE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 1);
  g_assert_cmpint (tessera_document_model_get_document_id (f->model, 0), ==, f->ids[3]);
  /* What the filter hides is still counted, by status. */
  g_assert_cmpuint (tessera_document_model_count_matches (f->model, TESSERA_DOCUMENT_MODEL_ALL_STATUSES), ==, 3);
  g_assert_cmpuint (tessera_document_model_count_matches (f->model, TESSERA_STATUS_NEW), ==, 2);
  g_assert_cmpuint (tessera_document_model_count_matches (f->model, TESSERA_STATUS_DONE), ==, 1);
  g_assert_cmpuint (tessera_document_model_count_matches (f->model, TESSERA_STATUS_IN_PROGRESS), ==, 0);
  tessera_document_model_set_status_filter (f->model, TESSERA_DOCUMENT_MODEL_ALL_STATUSES);

  /* What users type is text, not query syntax. */
  search (f, "\"ber OR (");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 0);
  search (f, "nothing-like-this");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 0);

  /* Blank shows everything again. */
  search (f, "   ");
  g_assert_null (tessera_document_model_get_search (f->model));
  g_assert_cmpuint (tessera_document_model_count_matches (f->model, TESSERA_DOCUMENT_MODEL_ALL_STATUSES), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 4);
}

static void
test_adjacent (Fixture       *f,
               gconstpointer  data)
{
  TesseraDocumentModel *m = f->model;

  g_assert_cmpuint (tessera_document_model_find_adjacent (m, f->ids[1], 1), ==, 2);
  g_assert_cmpuint (tessera_document_model_find_adjacent (m, f->ids[1], -1), ==, 0);
  g_assert_cmpuint (tessera_document_model_find_adjacent (m, f->ids[0], -1), ==, G_MAXUINT);
  g_assert_cmpuint (tessera_document_model_find_adjacent (m, f->ids[3], 1), ==, G_MAXUINT);
  /* Nothing shown yet: the first, or the last. */
  g_assert_cmpuint (tessera_document_model_find_adjacent (m, 0, 1), ==, 0);
  g_assert_cmpuint (tessera_document_model_find_adjacent (m, 0, -1), ==, 3);

  /* The shown document was filtered out: its neighbours in the list. */
  set_status (f, f->ids[1], TESSERA_STATUS_DONE);
  tessera_document_model_set_status_filter (m, TESSERA_STATUS_NEW);
  g_assert_cmpint (tessera_document_model_get_document_id (m, tessera_document_model_find_adjacent (m, f->ids[1], 1)),
                   ==, f->ids[2]);
  g_assert_cmpint (tessera_document_model_get_document_id (m, tessera_document_model_find_adjacent (m, f->ids[1], -1)),
                   ==, f->ids[0]);
}

static void
test_reset (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(TesseraDocumentItem) held = item_at (f, 0);
  g_autoptr(TesseraDocumentItem) after = NULL;
  g_autoptr(GError) error = NULL;

  /* More changes at once than the project reports one by one. */
  g_assert_true (tessera_project_begin (f->base.project, &error));
  for (guint i = 0; i < 600; i++)
    {
      g_autoptr(TesseraDocument) doc = tessera_document_new ();

      doc->title = g_strdup_printf ("Bulletin %u", i);
      doc->text = g_strdup ("Nothing new on the front.");
      tessera_test_add_document (f->base.project, doc);
    }
  g_assert_true (tessera_project_commit (f->base.project, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 604);
  g_assert_cmpuint (tessera_document_model_get_n_documents (f->model), ==, 604);

  /* An item still held keeps its identity (a selection stays put). */
  after = item_at (f, 0);
  g_assert_true (after == held);

  /* A search shows its best matches, and says there were more. */
  search (f, "bulletin");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, TESSERA_DOCUMENT_MODEL_SEARCH_LIMIT);
  g_assert_true (tessera_document_model_get_search_truncated (f->model));
  search (f, "bulletin 599");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 1);
  g_assert_false (tessera_document_model_get_search_truncated (f->model));
}

static void
test_thread (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocumentItem) item = NULL;

  /* What a big project does, on a small one. */
  tessera_document_model_set_thread_threshold (f->model, 0);
  g_assert_true (tessera_document_model_set_project (f->model, NULL, &error));
  g_assert_true (tessera_document_model_set_project (f->model, f->base.project, &error));
  g_assert_no_error (error);
  g_assert_true (tessera_document_model_get_busy (f->model));
  wait_until_idle (f->model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 4);

  /* A change made while the worker reads is not lost, whichever of the
   * two saw it first. */
  g_assert_true (tessera_document_model_reload (f->model, &error));
  g_assert_no_error (error);
  g_assert_true (tessera_document_model_get_busy (f->model));
  set_status (f, f->ids[2], TESSERA_STATUS_DONE);
  wait_until_idle (f->model);
  item = item_at (f, 2);
  g_assert_cmpint (tessera_document_item_get_status (item), ==, TESSERA_STATUS_DONE);

  /* Searches run there too. */
  g_assert_true (tessera_document_model_set_search (f->model, "ber", &error));
  g_assert_no_error (error);
  g_assert_true (tessera_document_model_get_busy (f->model));
  wait_until_idle (f->model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 3);

  /* Closing the project while the worker reads drops what it read. */
  g_assert_true (tessera_document_model_reload (f->model, &error));
  g_assert_true (tessera_document_model_set_project (f->model, NULL, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 0);
  wait_until_idle (f->model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/document-model/load", test_load);
  ADD ("/document-model/follows-changes", test_follows_changes);
  ADD ("/document-model/status-filter", test_status_filter);
  ADD ("/document-model/search", test_search);
  ADD ("/document-model/adjacent", test_adjacent);
  ADD ("/document-model/reset", test_reset);
  ADD ("/document-model/thread", test_thread);
#undef ADD

  return g_test_run ();
}
