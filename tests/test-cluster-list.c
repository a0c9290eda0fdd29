/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cluster-list"

#include "config.h"

#include "tessera-cluster-list.h"
#include "tessera-test-util.h"

/* The corroboration view's list of event clusters: what it lists, and
 * when it tells the view to read again (only for changes that concern
 * the clusters listed or the reports in them). Written for these tests. */

static const char report_a[] = "Rebels attacked Ber at dawn, residents said.";
static const char report_b[] = "The army said rebels attacked Ber on Tuesday.";
static const char report_c[] = "Talks resumed in Algiers without the rebels.";

typedef struct
{
  TesseraTestProject  base;
  TesseraClusterList *list;
  gint64              a, b, c;
  gint64              event_a, event_b;
  gint64              cluster;
  guint               n_stale;  /* notify::stale seen */
} Fixture;

/* An event on the first @word of document @doc. */
static gint64
add_event (TesseraProject *project,
           gint64          doc,
           const char     *word)
{
  g_autoptr(GError) error = NULL;
  gint64 trigger = tessera_test_tag (project, doc, word, TESSERA_LABEL_EVENT, "Battle", NULL);
  gint64 event = tessera_project_add_event (project, trigger,
                                            tessera_test_label_id (project, TESSERA_LABEL_EVENT, "Battle"),
                                            NULL, NULL, &error);

  g_assert_no_error (error);
  return event;
}

static void
on_stale (Fixture *f)
{
  f->n_stale++;
}

static void
load (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_cluster_list_load (f->list, &error));
  g_assert_no_error (error);
  g_assert_false (tessera_cluster_list_get_stale (f->list));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  TesseraProject *project;
  g_autoptr(GError) error = NULL;

  tessera_test_project_setup (&f->base, data);
  project = f->base.project;
  f->a = tessera_test_add_text (project, "a", "Horizon Wire", report_a);
  f->b = tessera_test_add_text (project, "b", "Sahel Courier", report_b);
  f->c = tessera_test_add_text (project, "c", "Niger Daily", report_c);
  f->event_a = add_event (project, f->a, "attacked");
  f->event_b = add_event (project, f->b, "attacked");
  f->cluster = tessera_project_add_cluster (project, TESSERA_LABEL_EVENT, "Attack on Ber", &error);
  g_assert_no_error (error);
  g_assert_true (tessera_project_add_cluster_member (project, f->cluster, 0, f->event_a, &error));
  g_assert_true (tessera_project_add_cluster_member (project, f->cluster, 0, f->event_b, &error));

  f->list = tessera_cluster_list_new ();
  g_signal_connect_swapped (f->list, "notify::stale", G_CALLBACK (on_stale), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->list);
  tessera_test_project_teardown (&f->base, data);
}

/* A project makes the list stale; loading lists its clusters with who reports them. */
static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(TesseraClusterItem) item = NULL;

  g_assert_false (tessera_cluster_list_get_stale (f->list));
  tessera_cluster_list_set_project (f->list, f->base.project);
  g_assert_true (tessera_cluster_list_get_stale (f->list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 0);

  load (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 1);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->list)) == TESSERA_TYPE_CLUSTER_ITEM);
  item = g_list_model_get_item (G_LIST_MODEL (f->list), 0);
  g_assert_cmpint (tessera_cluster_item_get_id (item), ==, f->cluster);
  g_assert_cmpstr (tessera_cluster_item_get_name (item), ==, "Attack on Ber");
  g_assert_nonnull (strstr (tessera_cluster_item_get_summary (item), "Horizon Wire"));
  g_assert_nonnull (strstr (tessera_cluster_item_get_summary (item), "Sahel Courier"));
  g_assert_cmpuint (tessera_cluster_list_find (f->list, f->cluster), ==, 0);
  g_assert_cmpuint (tessera_cluster_list_find (f->list, f->cluster + 100), ==, G_MAXUINT);

  /* Another project (or none) empties the list. */
  tessera_cluster_list_set_project (f->list, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 0);
  g_assert_false (tessera_cluster_list_get_stale (f->list));
}

/* Only changes to the clusters or to the reports in them make it stale. */
static void
test_stale (Fixture       *f,
            gconstpointer  data)
{
  TesseraProject *project = f->base.project;
  g_autoptr(GError) error = NULL;

  tessera_cluster_list_set_project (f->list, project);
  load (f);
  f->n_stale = 0;

  /* A report in no cluster: nothing to read again. */
  tessera_test_tag (project, f->c, "resumed", TESSERA_LABEL_ENTITY, "Place", NULL);
  g_assert_true (tessera_project_set_document_status (project, f->c, TESSERA_STATUS_DONE, &error));
  g_assert_false (tessera_cluster_list_get_stale (f->list));
  g_assert_cmpuint (f->n_stale, ==, 0);

  /* A report in the cluster: a tag there changes what the table shows. */
  tessera_test_tag (project, f->b, "army", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  g_assert_true (tessera_cluster_list_get_stale (f->list));
  /* Told once, however many changes follow before the next load. */
  tessera_test_tag (project, f->b, "rebels", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
  g_assert_cmpuint (f->n_stale, ==, 1);
  load (f);

  /* The cluster itself. */
  g_assert_true (tessera_project_rename_cluster (project, f->cluster, "Ber attack", &error));
  g_assert_no_error (error);
  g_assert_true (tessera_cluster_list_get_stale (f->list));
  load (f);
  {
    g_autoptr(TesseraClusterItem) item = g_list_model_get_item (G_LIST_MODEL (f->list), 0);

    g_assert_cmpstr (tessera_cluster_item_get_name (item), ==, "Ber attack");
  }

  /* A report that joins a cluster is followed from the next load on. */
  {
    gint64 cluster_c = tessera_project_add_cluster (project, TESSERA_LABEL_EVENT, "Talks", &error);

    g_assert_no_error (error);
    g_assert_true (tessera_cluster_list_get_stale (f->list));
    load (f);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 2);
    tessera_test_tag (project, f->c, "Algiers", TESSERA_LABEL_ENTITY, "Place", NULL);
    g_assert_false (tessera_cluster_list_get_stale (f->list));
    g_assert_true (tessera_project_add_cluster_member (project, cluster_c, 0,
                                                       add_event (project, f->c, "Talks"), &error));
    g_assert_no_error (error);
    g_assert_true (tessera_cluster_list_get_stale (f->list));
    load (f);
    tessera_test_tag (project, f->c, "rebels", TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
    g_assert_true (tessera_cluster_list_get_stale (f->list));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cluster-list/load", Fixture, NULL, fixture_setup, test_load, fixture_teardown);
  g_test_add ("/cluster-list/stale", Fixture, NULL, fixture_setup, test_stale, fixture_teardown);

  return g_test_run ();
}
