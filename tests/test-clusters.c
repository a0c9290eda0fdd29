/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-clusters"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "tessera-error.h"
#include "tessera-formats.h"
#include "tessera-history.h"
#include "tessera-project.h"
#include "tessera-test-util.h"

/* Two outlets on one clash, and a third report; written for these tests. */
static const char TEXT_A[] = "Rebels attacked the army camp at Ber on Tuesday, the army said.";
static const char TEXT_B[] = "The military said insurgents attacked its camp at Ber; two soldiers died.";
static const char TEXT_C[] = "Talks in Algiers stalled as fighting spread near Ber.";

typedef struct
{
  char           *tmp;
  TesseraProject *project;
  TesseraHistory *history;
  gint64          doc_a, doc_b, doc_c;

  /* Spans and events the tests cluster. */
  gint64          rebels_a, army_a, ber_a, attack_a;
  gint64          rebels_b, army_b, ber_b, attack_b;
  gint64          ber_c, fighting_c;
  gint64          attack_trigger_a;

  GArray         *changes;   /* guint kind of each "changed" */
} Fixture;

static gint64
add_doc (Fixture    *f,
         const char *uid,
         const char *source,
         const char *text)
{
  g_autoptr(TesseraDocument) doc = tessera_document_new ();

  doc->uid = g_strdup (uid);
  doc->title = g_strdup_printf ("Report %s", uid);
  doc->source = g_strdup (source);
  doc->published = g_strdup ("2023-10-03");
  doc->text = g_strdup (text);

  return tessera_test_add_document (f->project, doc);
}

/* Tags @word of @text in @doc through the history (undoable). */
static gint64
tag (Fixture    *f,
     gint64      doc,
     const char *text,
     const char *word,
     const char *label)
{
  g_autoptr(GError) error = NULL;
  gint64 start, end, id;

  tessera_test_find_word (text, word, &start, &end);
  id = tessera_history_add_span (f->history, doc, start, end,
                                 tessera_test_label_id (f->project, TESSERA_LABEL_ENTITY, label), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static gint64
tag_event (Fixture    *f,
           gint64      doc,
           const char *text,
           const char *word,
           const char *type)
{
  g_autoptr(GError) error = NULL;
  gint64 start, end, id;

  tessera_test_find_word (text, word, &start, &end);
  id = tessera_history_add_event (f->history, doc, start, end,
                                  tessera_test_label_id (f->project, TESSERA_LABEL_EVENT, type), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static void
on_changed (TesseraProject *project,
            guint           kind,
            guint           action,
            gint64          document_id,
            gint64          object_id,
            Fixture        *f)
{
  g_array_append_val (f->changes, kind);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraEvent) event = NULL;

  f->tmp = tessera_test_make_tmp_dir ();
  f->project = tessera_test_create_project (f->tmp, "clusters.tessera", NULL);
  f->history = tessera_history_new (f->project);
  f->changes = g_array_new (FALSE, FALSE, sizeof (guint));

  f->doc_a = add_doc (f, "outlet-a", "Outlet A", TEXT_A);
  f->doc_b = add_doc (f, "outlet-b", "Outlet B", TEXT_B);
  f->doc_c = add_doc (f, "outlet-c", "Outlet C", TEXT_C);

  f->rebels_a = tag (f, f->doc_a, TEXT_A, "Rebels", "ArmedGroup");
  f->army_a = tag (f, f->doc_a, TEXT_A, "army", "ArmedGroup");
  f->ber_a = tag (f, f->doc_a, TEXT_A, "Ber", "Place");
  f->attack_a = tag_event (f, f->doc_a, TEXT_A, "attacked", "Battle");
  f->rebels_b = tag (f, f->doc_b, TEXT_B, "insurgents", "ArmedGroup");
  f->army_b = tag (f, f->doc_b, TEXT_B, "military", "ArmedGroup");
  f->ber_b = tag (f, f->doc_b, TEXT_B, "Ber", "Place");
  f->attack_b = tag_event (f, f->doc_b, TEXT_B, "attacked", "Battle");
  f->ber_c = tag (f, f->doc_c, TEXT_C, "Ber", "Place");
  f->fighting_c = tag_event (f, f->doc_c, TEXT_C, "fighting", "Battle");

  event = tessera_project_get_event (f->project, f->attack_a, &error);
  g_assert_no_error (error);
  f->attack_trigger_a = event->trigger_span_id;

  /* Arguments, so the exports have something to say about each report. */
  g_assert_true (tessera_history_add_argument (f->history, f->attack_a,
                                               tessera_test_label_id (f->project, TESSERA_LABEL_ROLE, "Agent"),
                                               f->rebels_a, &error));
  g_assert_true (tessera_history_add_argument (f->history, f->attack_b,
                                               tessera_test_label_id (f->project, TESSERA_LABEL_ROLE, "Agent"),
                                               f->rebels_b, &error));
  g_assert_no_error (error);

  tessera_history_clear (f->history);
  g_signal_connect (f->project, "changed", G_CALLBACK (on_changed), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->history);
  g_clear_object (&f->project);
  g_clear_pointer (&f->changes, g_array_unref);
  tessera_test_remove_tree (f->tmp);
  g_free (f->tmp);
}

static guint
count_changes (Fixture          *f,
               TesseraChangeKind kind)
{
  guint n = 0;

  for (guint i = 0; i < f->changes->len; i++)
    n += g_array_index (f->changes, guint, i) == (guint) kind;

  return n;
}

static guint
n_members (Fixture *f,
           gint64   cluster_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) members = tessera_project_list_cluster_members (f->project, cluster_id, &error);

  g_assert_no_error (error);

  return members->len;
}

static gint64
span_cluster (Fixture *f,
              gint64   span_id)
{
  g_autoptr(GError) error = NULL;
  gint64 id = tessera_project_get_span_cluster (f->project, span_id, &error);

  g_assert_no_error (error);

  return id;
}

static gint64
event_cluster (Fixture *f,
               gint64   event_id)
{
  g_autoptr(GError) error = NULL;
  gint64 id = tessera_project_get_event_cluster (f->project, event_id, &error);

  g_assert_no_error (error);

  return id;
}

static gint64
cluster_count (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clusters = tessera_project_list_clusters (f->project, TESSERA_LABEL_ANY, &error);

  g_assert_no_error (error);

  return clusters->len;
}

static char *
cluster_name (Fixture *f,
              gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraCluster) cluster = tessera_project_get_cluster (f->project, id, &error);

  g_assert_no_error (error);

  return g_strdup (cluster->name);
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

/* The project API: kinds are checked, a member is in one cluster only,
 * counts, order and notifications. */
static void
test_project_api (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(GArray) members = NULL;
  g_autoptr(GArray) in_a = NULL;
  gint64 clash, ber, town, id;

  clash = tessera_project_add_cluster (f->project, TESSERA_LABEL_EVENT, "Attack on the Ber camp", &error);
  g_assert_no_error (error);
  ber = tessera_project_add_cluster (f->project, TESSERA_LABEL_ENTITY, "Ber", &error);
  g_assert_no_error (error);
  town = tessera_project_add_cluster (f->project, TESSERA_LABEL_ENTITY, "The town", &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_changes (f, TESSERA_CHANGE_CLUSTER), ==, 3);

  /* Names and kinds a cluster cannot have. */
  g_assert_cmpint (tessera_project_add_cluster (f->project, TESSERA_LABEL_ENTITY, "", &error), ==, 0);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (tessera_project_add_cluster (f->project, TESSERA_LABEL_STANCE, "x", &error), ==, 0);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* Events into the event cluster, places into the entity one. */
  g_assert_true (tessera_project_add_cluster_member (f->project, clash, 0, f->attack_a, &error));
  g_assert_true (tessera_project_add_cluster_member (f->project, clash, 0, f->attack_b, &error));
  g_assert_true (tessera_project_add_cluster_member (f->project, ber, f->ber_b, 0, &error));
  g_assert_true (tessera_project_add_cluster_member (f->project, ber, f->ber_a, 0, &error));
  g_assert_no_error (error);

  /* Wrong kinds: an event into an entity cluster, a mention into an event
   * cluster, an event's trigger span as a mention. */
  g_assert_false (tessera_project_add_cluster_member (f->project, ber, 0, f->fighting_c, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (tessera_project_add_cluster_member (f->project, clash, f->ber_c, 0, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (tessera_project_add_cluster_member (f->project, ber, f->attack_trigger_a, 0, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (tessera_project_add_cluster_member (f->project, 9999, f->ber_c, 0, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Adding a member of another cluster moves it. */
  g_assert_true (tessera_project_add_cluster_member (f->project, town, f->ber_a, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (span_cluster (f, f->ber_a), ==, town);
  g_assert_cmpuint (n_members (f, ber), ==, 1);
  g_assert_true (tessera_project_add_cluster_member (f->project, ber, f->ber_a, 0, &error));
  g_assert_no_error (error);

  /* Listing: entity clusters first, with their sizes; members by document. */
  clusters = tessera_project_list_clusters (f->project, TESSERA_LABEL_ANY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clusters->len, ==, 3);
  g_assert_cmpint (((TesseraCluster *) clusters->pdata[0])->id, ==, ber);
  g_assert_cmpuint (((TesseraCluster *) clusters->pdata[0])->n_members, ==, 2);
  g_assert_cmpint (((TesseraCluster *) clusters->pdata[0])->kind, ==, TESSERA_LABEL_ENTITY);
  g_assert_cmpint (((TesseraCluster *) clusters->pdata[1])->id, ==, town);
  g_assert_cmpuint (((TesseraCluster *) clusters->pdata[1])->n_members, ==, 0);
  g_assert_cmpint (((TesseraCluster *) clusters->pdata[2])->id, ==, clash);
  g_assert_cmpint (((TesseraCluster *) clusters->pdata[2])->kind, ==, TESSERA_LABEL_EVENT);
  g_clear_pointer (&clusters, g_ptr_array_unref);
  clusters = tessera_project_list_clusters (f->project, TESSERA_LABEL_EVENT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clusters->len, ==, 1);

  members = tessera_project_list_cluster_members (f->project, ber, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 2);
  g_assert_cmpint (g_array_index (members, TesseraClusterMember, 0).span_id, ==, f->ber_a);
  g_assert_cmpint (g_array_index (members, TesseraClusterMember, 0).document_id, ==, f->doc_a);
  g_assert_cmpint (g_array_index (members, TesseraClusterMember, 0).event_id, ==, 0);
  g_assert_cmpint (g_array_index (members, TesseraClusterMember, 1).span_id, ==, f->ber_b);
  g_assert_cmpint (g_array_index (members, TesseraClusterMember, 1).document_id, ==, f->doc_b);

  in_a = tessera_project_list_document_cluster_members (f->project, f->doc_a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (in_a->len, ==, 2);
  g_assert_true (tessera_project_has_cluster_members (f->project));

  /* Rename; merging needs two clusters of one kind. */
  g_assert_true (tessera_project_rename_cluster (f->project, clash, "Ber camp attack", &error));
  g_assert_no_error (error);
  g_assert_false (tessera_project_merge_clusters (f->project, ber, clash, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (tessera_project_merge_clusters (f->project, ber, ber, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (tessera_project_merge_clusters (f->project, town, ber, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_members (f, town), ==, 2);
  g_assert_null (tessera_project_get_cluster (f->project, ber, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Split one member off; a non-member cannot be split off. */
  {
    TesseraClusterMember leave = { 0, f->ber_b, 0, 0 };
    TesseraClusterMember stranger = { 0, f->ber_c, 0, 0 };

    g_assert_cmpint (tessera_project_split_cluster (f->project, town, &stranger, 1, "Elsewhere", &error), ==, 0);
    g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
    g_clear_error (&error);
    g_assert_cmpint (cluster_count (f), ==, 2);

    id = tessera_project_split_cluster (f->project, town, &leave, 1, "Ber (Outlet B)", &error);
    g_assert_no_error (error);
    g_assert_cmpint (id, >, 0);
    g_assert_cmpint (span_cluster (f, f->ber_b), ==, id);
    g_assert_cmpint (span_cluster (f, f->ber_a), ==, town);
  }

  /* Leaving a cluster; deleting an annotation takes it out too. */
  g_assert_true (tessera_project_remove_cluster_member (f->project, f->ber_a, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (span_cluster (f, f->ber_a), ==, 0);
  g_assert_false (tessera_project_remove_cluster_member (f->project, f->ber_a, 0, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (tessera_project_delete_event (f->project, f->attack_b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_members (f, clash), ==, 1);

  /* Deleting a cluster keeps its annotations. */
  g_assert_true (tessera_project_delete_cluster (f->project, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (span_cluster (f, f->ber_b), ==, 0);
  {
    g_autoptr(TesseraSpan) kept = tessera_project_get_span (f->project, f->ber_b, NULL);

    g_assert_nonnull (kept);
  }
  g_assert_cmpuint (count_changes (f, TESSERA_CHANGE_CLUSTER), >, 10);
}

/* Every cluster command undoes and redoes as one step. */
static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 clash, other, group, split;

  clash = tessera_history_add_cluster (f->history, TESSERA_LABEL_EVENT, "Ber camp attack", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Add cluster");
  g_assert_true (tessera_history_add_cluster_member (f->history, clash, 0, f->attack_a, &error));
  g_assert_true (tessera_history_add_cluster_member (f->history, clash, 0, f->attack_b, &error));
  other = tessera_history_add_cluster (f->history, TESSERA_LABEL_EVENT, "Fighting near Ber", &error);
  g_assert_true (tessera_history_add_cluster_member (f->history, other, 0, f->fighting_c, &error));
  g_assert_no_error (error);

  /* Undo the last add, redo it. */
  undo (f);
  g_assert_cmpint (event_cluster (f, f->fighting_c), ==, 0);
  redo (f);
  g_assert_cmpint (event_cluster (f, f->fighting_c), ==, other);

  /* Moving a member, undone, goes back to its old cluster. */
  g_assert_true (tessera_history_add_cluster_member (f->history, other, 0, f->attack_b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (event_cluster (f, f->attack_b), ==, other);
  undo (f);
  g_assert_cmpint (event_cluster (f, f->attack_b), ==, clash);

  /* Rename. */
  g_assert_true (tessera_history_rename_cluster (f->history, clash, "Attack on Ber", &error));
  g_assert_no_error (error);
  name = cluster_name (f, clash);
  g_assert_cmpstr (name, ==, "Attack on Ber");
  g_clear_pointer (&name, g_free);
  undo (f);
  name = cluster_name (f, clash);
  g_assert_cmpstr (name, ==, "Ber camp attack");
  g_clear_pointer (&name, g_free);

  /* Merge: one cluster of three, the other gone; undo brings it back
   * with its member. */
  g_assert_true (tessera_history_merge_clusters (f->history, clash, other, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_members (f, clash), ==, 3);
  g_assert_cmpint (cluster_count (f), ==, 1);
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Merge clusters");
  undo (f);
  g_assert_cmpint (cluster_count (f), ==, 2);
  g_assert_cmpuint (n_members (f, clash), ==, 2);
  g_assert_cmpint (event_cluster (f, f->fighting_c), ==, other);
  name = cluster_name (f, other);
  g_assert_cmpstr (name, ==, "Fighting near Ber");
  g_clear_pointer (&name, g_free);
  redo (f);
  g_assert_cmpuint (n_members (f, clash), ==, 3);
  g_assert_cmpint (event_cluster (f, f->fighting_c), ==, clash);

  /* Split it again. */
  {
    TesseraClusterMember leave[] = { { 0, 0, f->fighting_c, 0 } };

    split = tessera_history_split_cluster (f->history, clash, leave, G_N_ELEMENTS (leave),
                                           "Fighting near Ber", &error);
    g_assert_no_error (error);
    g_assert_cmpint (split, >, 0);
    g_assert_cmpint (event_cluster (f, f->fighting_c), ==, split);
    g_assert_cmpuint (n_members (f, clash), ==, 2);
    undo (f);
    g_assert_cmpint (event_cluster (f, f->fighting_c), ==, clash);
    g_assert_cmpint (cluster_count (f), ==, 1);
    redo (f);
    g_assert_cmpint (event_cluster (f, f->fighting_c), ==, split);
  }

  /* Remove a member. */
  g_assert_true (tessera_history_remove_cluster_member (f->history, 0, f->attack_b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (event_cluster (f, f->attack_b), ==, 0);
  undo (f);
  g_assert_cmpint (event_cluster (f, f->attack_b), ==, clash);

  /* Delete a cluster: undo restores it with its members. */
  group = tessera_history_add_cluster (f->history, TESSERA_LABEL_ENTITY, "Rebels", &error);
  g_assert_true (tessera_history_add_cluster_member (f->history, group, f->rebels_a, 0, &error));
  g_assert_true (tessera_history_add_cluster_member (f->history, group, f->rebels_b, 0, &error));
  g_assert_no_error (error);
  g_assert_true (tessera_history_delete_cluster (f->history, group, &error));
  g_assert_no_error (error);
  g_assert_cmpint (span_cluster (f, f->rebels_a), ==, 0);
  g_assert_null (tessera_project_get_cluster (f->project, group, NULL));
  undo (f);
  g_assert_cmpint (span_cluster (f, f->rebels_a), ==, group);
  g_assert_cmpint (span_cluster (f, f->rebels_b), ==, group);
  name = cluster_name (f, group);
  g_assert_cmpstr (name, ==, "Rebels");

  /* Refused commands leave no undo step. */
  g_assert_cmpint (tessera_history_add_cluster (f->history, TESSERA_LABEL_ENTITY, "", &error), ==, 0);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (tessera_history_add_cluster_member (f->history, group, 0, f->attack_a, &error));
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (event_cluster (f, f->attack_a), ==, clash);
  g_assert_cmpstr (tessera_history_get_undo_label (f->history), ==, "Add to cluster");
}

/* Deleting a clustered span or event, then undoing, puts it back in its
 * cluster. */
static void
test_delete_member_undo (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 clash, ber;

  clash = tessera_history_add_cluster (f->history, TESSERA_LABEL_EVENT, "Ber camp attack", &error);
  ber = tessera_history_add_cluster (f->history, TESSERA_LABEL_ENTITY, "Ber", &error);
  g_assert_true (tessera_history_add_cluster_member (f->history, clash, 0, f->attack_a, &error));
  g_assert_true (tessera_history_add_cluster_member (f->history, ber, f->ber_a, 0, &error));
  g_assert_no_error (error);

  g_assert_true (tessera_history_delete_span (f->history, f->ber_a, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_members (f, ber), ==, 0);
  undo (f);
  g_assert_cmpint (span_cluster (f, f->ber_a), ==, ber);

  g_assert_true (tessera_history_delete_event (f->history, f->attack_a, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_members (f, clash), ==, 0);
  undo (f);
  g_assert_cmpint (event_cluster (f, f->attack_a), ==, clash);

  /* Deleting the trigger takes the event along, and undo both back. */
  g_assert_true (tessera_history_delete_span (f->history, f->attack_trigger_a, &error));
  g_assert_no_error (error);
  g_assert_null (tessera_project_get_event (f->project, f->attack_a, NULL));
  undo (f);
  g_assert_cmpint (event_cluster (f, f->attack_a), ==, clash);
  redo (f);
  undo (f);
  g_assert_cmpint (event_cluster (f, f->attack_a), ==, clash);
}

static JsonObject *
find_by_id (JsonArray  *array,
            const char *id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *obj = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (obj, "id"), id) == 0)
        return obj;
    }

  return NULL;
}

static char *
ref (char   prefix,
     gint64 id)
{
  return g_strdup_printf ("%c%" G_GINT64_FORMAT, prefix, id);
}

/* The member list of a project as comparable text: "cluster name|kind|s12,e3". */
static char *
describe_clusters (TesseraProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clusters = tessera_project_list_clusters (project, TESSERA_LABEL_ANY, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < clusters->len; i++)
    {
      const TesseraCluster *cluster = clusters->pdata[i];
      g_autoptr(GArray) members = tessera_project_list_cluster_members (project, cluster->id, &error);

      g_assert_no_error (error);
      g_string_append_printf (out, "c%" G_GINT64_FORMAT " %s|%s|", cluster->id, cluster->name,
                              tessera_label_kind_to_string (cluster->kind));
      for (guint j = 0; j < members->len; j++)
        {
          const TesseraClusterMember *m = &g_array_index (members, TesseraClusterMember, j);

          g_string_append_printf (out, "%c%" G_GINT64_FORMAT ",", m->span_id ? 's' : 'e',
                                  m->span_id ? m->span_id : m->event_id);
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Clusters reach every export, and a project JSON restores them. */
static void
test_exports (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonNode) backup_root = NULL;
  g_autoptr(JsonNode) report_root = NULL;
  g_autoptr(TesseraProject) restored = NULL;
  g_autoptr(TesseraProject) reimported = NULL;
  g_autofree char *jsonl = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *report = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *jsonl_path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *c_clash = NULL;
  g_autofree char *s_ber_a = NULL;
  g_autofree char *e_attack_b = NULL;
  g_autofree char *s_rebels_a = NULL;
  TesseraImportReport import_report;
  JsonObject *record, *obj;
  JsonArray *array;
  gint64 clash, ber, empty;

  clash = tessera_history_add_cluster (f->history, TESSERA_LABEL_EVENT, "Ber camp attack", &error);
  ber = tessera_history_add_cluster (f->history, TESSERA_LABEL_ENTITY, "Ber", &error);
  empty = tessera_history_add_cluster (f->history, TESSERA_LABEL_ENTITY, "Nobody yet", &error);
  g_assert_true (tessera_history_add_cluster_member (f->history, clash, 0, f->attack_a, &error));
  g_assert_true (tessera_history_add_cluster_member (f->history, clash, 0, f->attack_b, &error));
  g_assert_true (tessera_history_add_cluster_member (f->history, ber, f->ber_a, 0, &error));
  g_assert_true (tessera_history_add_cluster_member (f->history, ber, f->ber_b, 0, &error));
  g_assert_true (tessera_history_add_cluster_member (f->history, ber, f->ber_c, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (empty, >, 0);

  c_clash = ref ('c', clash);
  s_ber_a = ref ('s', f->ber_a);
  e_attack_b = ref ('e', f->attack_b);
  s_rebels_a = ref ('s', f->rebels_a);

  /* JSONL: each member names its cluster. */
  jsonl = tessera_test_export (f->project, tessera_export_jsonl);
  records = tessera_test_parse_jsonl (jsonl);
  g_assert_cmpuint (records->len, ==, 3);
  record = json_node_get_object (records->pdata[0]);
  obj = find_by_id (json_object_get_array_member (record, "spans"), s_ber_a);
  g_assert_nonnull (obj);
  {
    g_autofree char *c_ber = ref ('c', ber);

    g_assert_cmpstr (json_object_get_string_member (obj, "cluster"), ==, c_ber);
  }
  g_assert_cmpstr (json_object_get_string_member (obj, "cluster_name"), ==, "Ber");
  obj = find_by_id (json_object_get_array_member (record, "spans"), s_rebels_a);
  g_assert_false (json_object_has_member (obj, "cluster"));
  record = json_node_get_object (records->pdata[1]);
  obj = find_by_id (json_object_get_array_member (record, "events"), e_attack_b);
  g_assert_cmpstr (json_object_get_string_member (obj, "cluster"), ==, c_clash);
  g_assert_cmpstr (json_object_get_string_member (obj, "cluster_name"), ==, "Ber camp attack");

  /* Project JSON: clusters listed once, members refer to them. */
  backup = tessera_test_export (f->project, tessera_export_project_json);
  backup_root = tessera_test_parse_json (backup);
  array = json_object_get_array_member (json_node_get_object (backup_root), "clusters");
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  obj = find_by_id (array, c_clash);
  g_assert_cmpstr (json_object_get_string_member (obj, "kind"), ==, "event");
  g_assert_cmpstr (json_object_get_string_member (obj, "name"), ==, "Ber camp attack");
  record = json_array_get_object_element (json_object_get_array_member (json_node_get_object (backup_root),
                                                                        "documents"), 1);
  obj = find_by_id (json_object_get_array_member (record, "events"), e_attack_b);
  g_assert_cmpstr (json_object_get_string_member (obj, "cluster"), ==, c_clash);
  g_assert_false (json_object_has_member (obj, "cluster_name"));

  /* Restoring the backup into a new project gives the same clusters. */
  backup_path = tessera_test_write_file (f->tmp, "backup.json", backup, -1);
  restored = tessera_test_create_project (f->tmp, "restored.tessera", NULL);
  tessera_import_report_init (&import_report);
  g_assert_true (tessera_test_import (restored, backup_path, FALSE, &import_report, &error));
  g_assert_no_error (error);
  tessera_import_report_clear (&import_report);
  before = describe_clusters (f->project);
  after = describe_clusters (restored);
  g_assert_cmpstr (before, ==, after);
  {
    g_autofree char *again = tessera_test_export (restored, tessera_export_project_json);

    g_assert_cmpstr (again, ==, backup);
  }

  /* JSONL into a new project: the clusters come back by name. */
  jsonl_path = tessera_test_write_file (f->tmp, "export.jsonl", jsonl, -1);
  reimported = tessera_test_create_project (f->tmp, "reimported.tessera", NULL);
  tessera_import_report_init (&import_report);
  g_assert_true (tessera_test_import (reimported, jsonl_path, FALSE, &import_report, &error));
  g_assert_no_error (error);
  tessera_import_report_clear (&import_report);
  {
    g_autoptr(GPtrArray) clusters = tessera_project_list_clusters (reimported, TESSERA_LABEL_ANY, &error);
    const TesseraCluster *c0, *c1;

    g_assert_no_error (error);
    /* The empty cluster has no member to carry it. */
    g_assert_cmpuint (clusters->len, ==, 2);
    c0 = clusters->pdata[0];
    c1 = clusters->pdata[1];
    g_assert_cmpstr (c0->name, ==, "Ber");
    g_assert_cmpuint (c0->n_members, ==, 3);
    g_assert_cmpstr (c1->name, ==, "Ber camp attack");
    g_assert_cmpuint (c1->n_members, ==, 2);
  }

  /* Re-importing the JSONL into its own project finds the same clusters. */
  tessera_import_report_init (&import_report);
  g_assert_true (tessera_test_import (f->project, jsonl_path, FALSE, &import_report, &error));
  g_assert_no_error (error);
  tessera_import_report_clear (&import_report);
  g_clear_pointer (&after, g_free);
  after = describe_clusters (f->project);
  g_assert_cmpstr (before, ==, after);

  /* So does the backup, merged back into it. */
  tessera_import_report_init (&import_report);
  g_assert_true (tessera_test_import (f->project, backup_path, FALSE, &import_report, &error));
  g_assert_no_error (error);
  tessera_import_report_clear (&import_report);
  g_clear_pointer (&after, g_free);
  after = describe_clusters (f->project);
  g_assert_cmpstr (before, ==, after);

  /* Report: the event cluster with both outlets side by side. */
  report = tessera_test_export (f->project, tessera_export_report_json);
  report_root = tessera_test_parse_json (report);
  array = json_object_get_array_member (json_node_get_object (report_root), "events");
  g_assert_cmpstr (json_object_get_string_member (find_by_id (array, e_attack_b), "cluster"), ==, c_clash);
  array = json_object_get_array_member (json_node_get_object (report_root), "clusters");
  obj = find_by_id (array, c_clash);
  g_assert_nonnull (obj);
  g_assert_cmpstr (json_object_get_string_member (obj, "name"), ==, "Ber camp attack");
  array = json_object_get_array_member (obj, "members");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  obj = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (obj, "event"), ==, e_attack_b);
  g_assert_cmpstr (json_object_get_string_member (obj, "document"), ==, "outlet-b");
  g_assert_cmpstr (json_object_get_string_member (obj, "source"), ==, "Outlet B");
  g_assert_cmpstr (json_object_get_string_member (obj, "published"), ==, "2023-10-03");
  g_assert_cmpstr (json_object_get_string_member (obj, "trigger_text"), ==, "attacked");
  g_assert_cmpstr (json_object_get_string_member (obj, "realis"), ==, "actual");
  obj = json_array_get_object_element (json_object_get_array_member (obj, "arguments"), 0);
  g_assert_cmpstr (json_object_get_string_member (obj, "role"), ==, "Agent");
  g_assert_cmpstr (json_object_get_string_member (obj, "text"), ==, "insurgents");
  {
    g_autofree char *c_ber = ref ('c', ber);

    array = json_object_get_array_member (json_node_get_object (report_root), "clusters");
    obj = find_by_id (array, c_ber);
    array = json_object_get_array_member (obj, "members");
    g_assert_cmpuint (json_array_get_length (array), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 2), "text"), ==, "Ber");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 2), "source"),
                     ==, "Outlet C");
  }
}

static void
assert_import_fails (Fixture    *f,
                     const char *name,
                     const char *contents,
                     const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tessera_test_write_file (f->tmp, name, contents, -1);
  TesseraImportReport report;

  tessera_import_report_init (&report);
  g_assert_false (tessera_test_import (f->project, path, FALSE, &report, &error));
  tessera_import_report_clear (&report);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
  /* Nothing of a failed import stays. */
  g_assert_cmpint (cluster_count (f), ==, 0);
  g_assert_cmpint (tessera_project_count_documents (f->project), ==, 3);
}

/* Bad cluster and suggestion fields are refused with a message that says
 * where and what. */
static void
test_import_errors (Fixture       *f,
                    gconstpointer  data)
{
  assert_import_fails (f, "kinds.jsonl",
                       "{\"id\":\"x\",\"text\":\"Rebels attacked Ber.\",\"spans\":["
                       "{\"id\":\"s1\",\"start\":0,\"end\":6,\"label\":\"ArmedGroup\",\"cluster\":\"c1\"},"
                       "{\"id\":\"s2\",\"start\":7,\"end\":15,\"label\":\"Battle\"}],"
                       "\"events\":[{\"id\":\"e1\",\"type\":\"Battle\",\"trigger\":\"s2\",\"cluster\":\"c1\"}]}\n",
                       "kinds.jsonl:1: event \"e1\" is an event but cluster \"c1\" links entity mentions");
  assert_import_fails (f, "flag.jsonl",
                       "{\"id\":\"x\",\"text\":\"Rebels attacked Ber.\",\"spans\":["
                       "{\"id\":\"s1\",\"start\":0,\"end\":6,\"label\":\"ArmedGroup\",\"suggested\":\"yes\"}]}\n",
                       "flag.jsonl:1: span \"s1\" \"suggested\" must be true or false");
  assert_import_fails (f, "trigger.jsonl",
                       "{\"id\":\"x\",\"text\":\"Rebels attacked Ber.\",\"spans\":["
                       "{\"id\":\"s2\",\"start\":7,\"end\":15,\"label\":\"Battle\",\"cluster\":\"c4\"}]}\n",
                       "not an entity mention");
  assert_import_fails (f, "undeclared.json",
                       "{\"format\":\"tessera-project\",\"version\":1,"
                       "\"clusters\":[{\"id\":\"c1\",\"kind\":\"entity\",\"name\":\"Rebels\"}],"
                       "\"documents\":[{\"id\":\"x\",\"text\":\"Rebels attacked Ber.\",\"spans\":["
                       "{\"id\":\"s1\",\"start\":0,\"end\":6,\"label\":\"ArmedGroup\",\"cluster\":\"c2\"}]}]}",
                       "cluster \"c2\" is not among the file's \"clusters\"");
  assert_import_fails (f, "kind.json",
                       "{\"format\":\"tessera-project\",\"version\":1,"
                       "\"clusters\":[{\"id\":\"c1\",\"kind\":\"stance\",\"name\":\"Rebels\"}]}",
                       "kind.json: cluster 1: \"kind\" must be \"entity\" or \"event\"");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/clusters/project-api", test_project_api);
  ADD ("/clusters/history", test_history);
  ADD ("/clusters/delete-member-undo", test_delete_member_undo);
  ADD ("/clusters/exports", test_exports);
  ADD ("/clusters/import-errors", test_import_errors);
#undef ADD

  return g_test_run ();
}
