/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-corroboration"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "tessera-application.h"
#include "tessera-cluster.h"
#include "tessera-corroboration.h"
#include "tessera-corroboration-view.h"
#include "tessera-display-util.h"
#include "tessera-inspector.h"
#include "tessera-test-util.h"
#include "tessera-window.h"

/* The corroboration view in the whole window, on three reports of one
 * clash from three outlets that agree on who and where but not on the
 * toll: linked into one cluster, the view lists it with one row per
 * outlet and flags the toll that differs; a cell opens its passage; the
 * cluster is renamed, split, merged, deleted and a report removed from
 * the view, each undone. The inspector links an event to a new cluster. */

typedef struct
{
  const char *source;
  const char *published;
  const char *text;
  const char *agent;
  const char *casualties;
} Report;

/* In the table's order: by date, then outlet. */
static const Report reports[] = {
  { "Gao Daily", "2023-11-12",
    "Rebels attacked the base near Kidal on Sunday and twelve soldiers were killed.",
    "Rebels", "twelve soldiers" },
  { "Sahel Wire", "2023-11-12",
    "Rebels attacked army positions near Kidal on Sunday, killing 12 soldiers, officials said.",
    "Rebels", "12 soldiers" },
  { "Radio Nord", "2023-11-13",
    "The rebels said they attacked near Kidal on Sunday, killing some 30 soldiers.",
    "rebels", "some 30 soldiers" },
};

typedef struct
{
  char                     *dir;
  char                     *path;
  TesseraWindow            *window;
  TesseraWorkbench         *workbench;
  TesseraProject           *project;   /* the window's */
  TesseraHistory           *history;
  TesseraCorroborationView *view;
  gint64                    doc_ids[G_N_ELEMENTS (reports)];
  gint64                    event_ids[G_N_ELEMENTS (reports)];
  gint64                    casualty_ids[G_N_ELEMENTS (reports)];
} Fixture;

/* --- finding widgets ---------------------------------------------------------- */

static guint
count_all (gpointer                 root,
           TesseraDisplayTestMatch  match,
           gconstpointer            data)
{
  g_autoptr(GPtrArray) found = tessera_display_test_find_all (root, match, data);

  return found->len;
}

/* A button whose label (its own, or a label inside it) reads @data. */
static gboolean
is_button_with_text (GtkWidget     *widget,
                     gconstpointer  data)
{
  GtkWidget *child;

  if (!GTK_IS_BUTTON (widget))
    return FALSE;
  if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0)
    return TRUE;
  child = gtk_button_get_child (GTK_BUTTON (widget));
  return GTK_IS_LABEL (child) && g_str_equal (gtk_label_get_text (GTK_LABEL (child)), data);
}

/* --- the fixture -------------------------------------------------------------- */

static void
add_argument (TesseraProject *project,
              gint64          event_id,
              const char     *role,
              gint64          span_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_project_add_argument (project, event_id,
                                               tessera_test_label_id (project, TESSERA_LABEL_ROLE, role),
                                               span_id, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = tessera_test_make_tmp_dir ();
  project = tessera_test_create_project (f->dir, "kidal.tessera", &f->path);

  /* Three reports, each with a Battle: its Agent, Place and Casualties. */
  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    {
      const Report *r = &reports[i];
      g_autofree char *title = g_strdup_printf ("Clash near Kidal (%s)", r->source);
      gint64 trigger, agent, place;

      f->doc_ids[i] = tessera_display_test_add_document (project, title, r->source, r->published, r->text);

      agent = tessera_test_tag (project, f->doc_ids[i], r->agent, TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
      place = tessera_test_tag (project, f->doc_ids[i], "Kidal", TESSERA_LABEL_ENTITY, "Place", NULL);
      f->casualty_ids[i] = tessera_test_tag (project, f->doc_ids[i], r->casualties,
                                             TESSERA_LABEL_ENTITY, "Quantity", NULL);
      trigger = tessera_test_tag (project, f->doc_ids[i], "attacked", TESSERA_LABEL_EVENT, "Battle", NULL);
      f->event_ids[i] = tessera_project_add_event (project, trigger,
                                                   tessera_test_label_id (project, TESSERA_LABEL_EVENT,
                                                                          "Battle"),
                                                   NULL, NULL, &error);
      g_assert_no_error (error);
      add_argument (project, f->event_ids[i], "Agent", agent);
      add_argument (project, f->event_ids[i], "Place", place);
      add_argument (project, f->event_ids[i], "Casualties", f->casualty_ids[i]);
    }
  tessera_project_close (project);

  /* The window opens the file, as a user would. */
  f->window = tessera_display_test_open_window (f->path, 1500, 900);
  f->workbench = tessera_window_get_workbench (f->window);
  f->project = tessera_workbench_get_project (f->workbench);
  f->history = tessera_workbench_get_history (f->workbench);
  f->view = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_CORROBORATION_VIEW);
  g_assert_nonnull (f->view);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tessera_display_test_close_window (GTK_WIDGET (f->window), NULL);
  tessera_display_test_remove_project (&f->dir, &f->path);
}

/* --- helpers ------------------------------------------------------------------ */

static gboolean
showing_corroboration (Fixture *f)
{
  gboolean shown;

  g_object_get (f->window, "show-corroboration", &shown, NULL);
  return shown;
}

static void
show_corroboration (Fixture *f)
{
  if (!showing_corroboration (f))
    tessera_display_test_activate (f->window, "win.show-corroboration", NULL);
  g_assert_true (showing_corroboration (f));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->view)));
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
}

/* Links the three events into one cluster, through the history. */
static gint64
link_reports (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 cluster;

  cluster = tessera_history_add_cluster (f->history, TESSERA_LABEL_EVENT, "Kidal clash", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    {
      g_assert_true (tessera_history_add_cluster_member (f->history, cluster, 0, f->event_ids[i], &error));
      g_assert_no_error (error);
    }
  tessera_display_test_run_pending ();
  return cluster;
}

static void
undo (Fixture *f)
{
  tessera_display_test_activate (f->window, "win.undo", NULL);
}

static void
redo (Fixture *f)
{
  tessera_display_test_activate (f->window, "win.redo", NULL);
}

static guint
n_clusters_listed (Fixture *f)
{
  g_autoptr(GArray) ids = tessera_corroboration_view_list_clusters (f->view);

  return ids->len;
}

static guint
n_rows (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (tessera_corroboration_view_get_rows (f->view)));
}

static TesseraCorroborationRow *
row_at (Fixture *f,
        guint    position)
{
  return g_list_model_get_item (G_LIST_MODEL (tessera_corroboration_view_get_rows (f->view)), position);
}

static guint
n_members (Fixture *f,
           gint64   cluster_id)
{
  g_autoptr(TesseraCluster) cluster = NULL;
  g_autoptr(GError) error = NULL;

  cluster = tessera_project_get_cluster (f->project, cluster_id, &error);
  if (cluster == NULL)
    {
      g_clear_error (&error);
      return 0;
    }
  return cluster->n_members;
}

static guint
n_event_clusters (Fixture *f)
{
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(GError) error = NULL;

  clusters = tessera_project_list_clusters (f->project, TESSERA_LABEL_EVENT, &error);
  g_assert_no_error (error);
  return clusters->len;
}

/* --- tests -------------------------------------------------------------------- */

/* What a user reads as "the same value". */
static void
test_value_keys (void)
{
  static const struct
  {
    const char *a;
    const char *b;
    gboolean    same;
  } pairs[] = {
    { "12", "twelve", TRUE },
    { "12 soldiers", "twelve soldiers", TRUE },
    { "at least 12", "some 30", FALSE },
    { "the Malian Army", "Malian army", TRUE },
    { "Mali's army", "Mali army", TRUE },
    { "Ménaka", "Menaka", TRUE },
    { "25,000 people", "twenty-five thousand", TRUE },
    { "Kidal", "Anefis", FALSE },
    { "no casualties", "2 casualties", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *a = tessera_corroboration_value_key (pairs[i].a);
      g_autofree char *b = tessera_corroboration_value_key (pairs[i].b);

      if (pairs[i].same)
        g_assert_cmpstr (a, ==, b);
      else
        g_assert_cmpstr (a, !=, b);
    }
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  show_corroboration (f);

  /* No cluster yet: the view says how to make one. */
  g_assert_cmpuint (n_clusters_listed (f), ==, 0);
  g_assert_nonnull (tessera_display_test_find_one (f->view, tessera_display_test_is_label_with_text,
                              "No Linked Events Yet"));

  /* The toggle goes back to the document. */
  tessera_display_test_activate (f->window, "win.show-corroboration", NULL);
  g_assert_false (showing_corroboration (f));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (f->view)));
}

/* A label whose text has @data in it. */
static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

/* Beside its reports, the cluster coded as one record: its date, place
 * and the conservative fatality figure, and how many reports. */
static void
test_coded_record (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *record;
  const char *text;

  link_reports (f);
  show_corroboration (f);
  record = tessera_display_test_find_one (f->view, is_label_containing, "Fatalities");
  text = gtk_label_get_text (GTK_LABEL (record));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Location Kidal"));
  g_assert_nonnull (strstr (text, "3 reports"));
  g_assert_nonnull (strstr (text, "Notes"));
}

static gboolean
is_menu_button_with_label (GtkWidget     *widget,
                           gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) && g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), data) == 0;
}

static gboolean
is_entry_named (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_ENTRY (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

/* The analyst reads the toll as 12 (not the lowest figure, "twelve"… all
 * say 12 but Radio Nord's "some 30"): Edit Record… shows what the reports
 * give as each entry's placeholder; typing 12 and Enter sets it, one undo
 * step; the record says it was set by hand and what the reports gave; a
 * date that is not one is refused with a message and changes nothing;
 * undo gives the field back. */
static void
test_coded_record_by_hand (Fixture       *f,
                           gconstpointer  data)
{
  gint64 cluster = link_reports (f);
  GtkWidget *button, *popover, *fatalities, *date, *record;
  g_autoptr(GPtrArray) overrides = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;

  show_corroboration (f);
  button = tessera_display_test_find_one (f->view, is_menu_button_with_label, "Edit Record…");
  g_assert_true (gtk_widget_get_sensitive (button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  tessera_display_test_run_pending ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_true (gtk_widget_get_visible (popover));

  fatalities = tessera_display_test_find_one (popover, is_entry_named,
                                              "A whole number: your reading of the figures reported");
  date = tessera_display_test_find_one (popover, is_entry_named, "The day of the event, YYYY-MM-DD");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fatalities)), ==, "");
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (fatalities)), ==, "12");
  /* No report gives a Time. */
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (date)), ==, "—");

  gtk_editable_set_text (GTK_EDITABLE (fatalities), "14");
  g_signal_emit_by_name (fatalities, "activate");
  tessera_display_test_run_pending ();
  g_assert_false (gtk_widget_get_visible (popover));

  overrides = tessera_project_list_coded_overrides (f->project, cluster, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (overrides->len, ==, 1);
  g_assert_cmpstr (((TesseraCodedOverride *) g_ptr_array_index (overrides, 0))->value, ==, "14");
  record = tessera_display_test_find_one (f->view, is_label_containing, "Fatalities");
  text = gtk_label_get_text (GTK_LABEL (record));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Fatalities 14 (set by hand; the reports: 12)"));

  /* Reopened, it shows the value set; a bad date is refused, nothing changes. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  tessera_display_test_run_pending ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fatalities)), ==, "14");
  gtk_editable_set_text (GTK_EDITABLE (date), "Sunday");
  g_signal_emit_by_name (date, "activate");
  tessera_display_test_run_pending ();
  g_clear_pointer (&overrides, g_ptr_array_unref);
  overrides = tessera_project_list_coded_overrides (f->project, cluster, &error);
  g_assert_cmpuint (overrides->len, ==, 1);

  undo (f);
  tessera_display_test_run_pending ();
  g_clear_pointer (&overrides, g_ptr_array_unref);
  overrides = tessera_project_list_coded_overrides (f->project, cluster, &error);
  g_assert_cmpuint (overrides->len, ==, 0);
  record = tessera_display_test_find_one (f->view, is_label_containing, "Fatalities");
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (record)), "set by hand"));
}

static void
test_table (Fixture       *f,
            gconstpointer  data)
{
  g_auto(GStrv) disagreements = NULL;
  g_autoptr(GPtrArray) flagged = NULL;
  gint64 cluster = link_reports (f);
  int casualties, agent, place;

  show_corroboration (f);

  /* The cluster, with one row per outlet, by date then outlet. */
  g_assert_cmpuint (n_clusters_listed (f), ==, 1);
  g_assert_cmpint (tessera_corroboration_view_get_cluster (f->view), ==, cluster);
  g_assert_cmpuint (n_rows (f), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    {
      g_autoptr(TesseraCorroborationRow) row = row_at (f, i);

      g_assert_cmpstr (tessera_corroboration_row_get_source (row), ==, reports[i].source);
      g_assert_cmpstr (tessera_corroboration_row_get_published (row), ==, reports[i].published);
      g_assert_cmpint (tessera_corroboration_row_get_event_id (row), ==, f->event_ids[i]);
    }

  /* One column per role filled; only Casualties disagrees ("twelve" is 12). */
  casualties = tessera_corroboration_view_get_column (f->view, "Casualties");
  agent = tessera_corroboration_view_get_column (f->view, "Agent");
  place = tessera_corroboration_view_get_column (f->view, "Place");
  g_assert_cmpint (casualties, >=, 0);
  g_assert_cmpint (agent, >=, 0);
  g_assert_cmpint (place, >=, 0);
  g_assert_cmpint (tessera_corroboration_view_get_column (f->view, "Target"), ==, -1);
  disagreements = tessera_corroboration_view_get_disagreements (f->view);
  g_assert_cmpuint (g_strv_length (disagreements), ==, 1);
  g_assert_cmpstr (disagreements[0], ==, "Casualties");

  /* The toll of Radio Nord is flagged, with what the others say. */
  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    {
      g_autoptr(TesseraCorroborationRow) row = row_at (f, i);
      const TesseraCorroborationCell *cell = tessera_corroboration_row_get_cell (row, casualties);

      g_assert_cmpstr (g_ptr_array_index (cell->texts, 0), ==, reports[i].casualties);
      g_assert_cmpint (cell->disagrees, ==, i == 2);
      g_assert_false (tessera_corroboration_row_get_cell (row, agent)->disagrees);
      g_assert_false (tessera_corroboration_row_get_cell (row, place)->disagrees);
    }
  {
    g_autoptr(TesseraCorroborationRow) row = row_at (f, 2);
    const char *others = tessera_corroboration_row_get_cell (row, casualties)->others;

    g_assert_nonnull (strstr (others, "Other reports say:"));
    g_assert_nonnull (strstr (others, "twelve soldiers"));
    g_assert_nonnull (strstr (others, "Gao Daily, Sahel Wire"));
  }

  /* On screen: one cell drawn as disagreeing, the header marked. */
  flagged = tessera_display_test_find_all (f->view, tessera_display_test_has_css_class, "disagrees");
  g_assert_cmpuint (flagged->len, ==, 1);
  g_assert_nonnull (tessera_display_test_find_one (g_ptr_array_index (flagged, 0), is_button_with_text, "some 30 soldiers"));
  g_assert_nonnull (tessera_display_test_find_one (f->view, tessera_display_test_is_label_with_text, "⚠ Casualties"));
  g_assert_nonnull (tessera_display_test_find_one (f->view, tessera_display_test_is_label_with_text, "Agent"));
}

static void
test_open_passage (Fixture       *f,
                   gconstpointer  data)
{
  GtkColumnView *table;
  gint64 id = 0;

  link_reports (f);
  show_corroboration (f);

  /* A role cell opens its argument's span in its document. */
  g_signal_emit_by_name (tessera_display_test_find_one (f->view, is_button_with_text, "some 30 soldiers"), "clicked");
  tessera_display_test_run_pending ();
  g_assert_false (showing_corroboration (f));
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->doc_ids[2]);
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, &id), ==, TESSERA_SELECTION_SPAN);
  g_assert_cmpint (id, ==, f->casualty_ids[2]);

  /* A row opens the event, through its trigger. */
  show_corroboration (f);
  table = tessera_display_test_find_widget (GTK_WIDGET (f->view), GTK_TYPE_COLUMN_VIEW);
  g_signal_emit_by_name (table, "activate", 1);
  tessera_display_test_run_pending ();
  g_assert_false (showing_corroboration (f));
  g_assert_cmpint (tessera_workbench_get_document_id (f->workbench), ==, f->doc_ids[1]);
  g_assert_cmpint (tessera_workbench_get_selection (f->workbench, &id), ==, TESSERA_SELECTION_EVENT);
  g_assert_cmpint (id, ==, f->event_ids[1]);
}

static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TesseraCluster) renamed = NULL;
  g_autoptr(TesseraCluster) restored = NULL;
  gint64 cluster = link_reports (f);

  show_corroboration (f);

  tessera_display_test_activate (f->view, "corroboration.rename", "s", "Battle — Kidal, 12 November");
  renamed = tessera_project_get_cluster (f->project, cluster, NULL);
  g_assert_cmpstr (renamed->name, ==, "Battle — Kidal, 12 November");
  /* In the list and above the table. */
  g_assert_cmpuint (count_all (f->view, tessera_display_test_is_label_with_text, "Battle — Kidal, 12 November"), ==, 2);

  undo (f);
  restored = tessera_project_get_cluster (f->project, cluster, NULL);
  g_assert_cmpstr (restored->name, ==, "Kidal clash");
  g_assert_cmpuint (count_all (f->view, tessera_display_test_is_label_with_text, "Kidal clash"), ==, 2);
}

static void
test_split_merge (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GArray) ids = NULL;
  g_auto(GStrv) disagreements = NULL;
  gint64 cluster = link_reports (f);
  gint64 split;

  show_corroboration (f);

  /* Splitting needs a selection. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "corroboration.split", "s", "x");
  tessera_display_test_run_pending ();
  g_assert_cmpuint (n_event_clusters (f), ==, 1);

  /* Radio Nord's claim goes to a cluster of its own. */
  gtk_selection_model_select_item (tessera_corroboration_view_get_rows (f->view), 2, TRUE);
  tessera_display_test_activate (f->view, "corroboration.split", "s", "Kidal clash (rebel claim)");
  g_assert_cmpuint (n_event_clusters (f), ==, 2);
  g_assert_cmpuint (n_members (f, cluster), ==, 2);
  g_assert_cmpuint (n_clusters_listed (f), ==, 2);
  /* The view stays on what is left, which now agrees. */
  g_assert_cmpint (tessera_corroboration_view_get_cluster (f->view), ==, cluster);
  g_assert_cmpuint (n_rows (f), ==, 2);
  disagreements = tessera_corroboration_view_get_disagreements (f->view);
  g_assert_cmpuint (g_strv_length (disagreements), ==, 0);
  g_assert_cmpuint (count_all (f->view, tessera_display_test_has_css_class, "disagrees"), ==, 0);

  undo (f);
  g_assert_cmpuint (n_event_clusters (f), ==, 1);
  g_assert_cmpuint (n_members (f, cluster), ==, 3);
  g_assert_cmpuint (n_rows (f), ==, 3);

  /* Split again, then merge the split cluster back in from its page. */
  redo (f);
  ids = tessera_corroboration_view_list_clusters (f->view);
  g_assert_cmpuint (ids->len, ==, 2);
  split = g_array_index (ids, gint64, 0) == cluster ? g_array_index (ids, gint64, 1)
                                                    : g_array_index (ids, gint64, 0);
  g_assert_cmpuint (n_members (f, split), ==, 1);
  tessera_corroboration_view_set_cluster (f->view, split);
  g_assert_cmpuint (n_rows (f), ==, 1);

  tessera_display_test_activate (f->view, "corroboration.merge-into", "x", cluster);
  g_assert_cmpuint (n_event_clusters (f), ==, 1);
  g_assert_cmpuint (n_members (f, cluster), ==, 3);
  g_assert_cmpint (tessera_corroboration_view_get_cluster (f->view), ==, cluster);
  g_assert_cmpuint (n_rows (f), ==, 3);

  undo (f);
  g_assert_cmpuint (n_event_clusters (f), ==, 2);
  g_assert_cmpuint (n_members (f, split), ==, 1);
  g_assert_cmpuint (n_members (f, cluster), ==, 2);
}

static void
test_remove_delete (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) buttons = NULL;
  g_autoptr(TesseraEvent) event = NULL;
  gint64 cluster = link_reports (f);
  guint n_out = 0;

  show_corroboration (f);

  /* Each row has its own remove button: one report leaves the cluster. */
  buttons = tessera_display_test_find_all (f->view, tessera_display_test_has_tooltip_prefix, "Remove this report");
  g_assert_cmpuint (buttons->len, ==, 3);
  g_signal_emit_by_name (g_ptr_array_index (buttons, 0), "clicked");
  tessera_display_test_run_pending ();
  g_assert_cmpuint (n_members (f, cluster), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    n_out += tessera_project_get_event_cluster (f->project, f->event_ids[i], NULL) == 0;
  g_assert_cmpuint (n_out, ==, 1);
  g_assert_cmpuint (n_rows (f), ==, 2);

  undo (f);
  g_assert_cmpuint (n_members (f, cluster), ==, 3);
  g_assert_cmpuint (n_rows (f), ==, 3);

  /* The action does the same for a given event. */
  tessera_display_test_activate (f->view, "corroboration.remove-member", "x", f->event_ids[0]);
  g_assert_cmpint (tessera_project_get_event_cluster (f->project, f->event_ids[0], NULL), ==, 0);
  undo (f);
  g_assert_cmpint (tessera_project_get_event_cluster (f->project, f->event_ids[0], NULL), ==, cluster);

  /* Deleting the cluster leaves the events annotated, in no cluster. */
  tessera_display_test_activate (f->view, "corroboration.delete", NULL);
  g_assert_cmpuint (n_event_clusters (f), ==, 0);
  g_assert_cmpuint (n_clusters_listed (f), ==, 0);
  event = tessera_project_get_event (f->project, f->event_ids[2], NULL);
  g_assert_nonnull (event);
  g_assert_nonnull (tessera_display_test_find_one (f->view, tessera_display_test_is_label_with_text,
                              "No Linked Events Yet"));

  undo (f);
  g_assert_cmpuint (n_event_clusters (f), ==, 1);
  g_assert_cmpuint (n_members (f, cluster), ==, 3);
  g_assert_cmpuint (n_clusters_listed (f), ==, 1);
  g_assert_cmpuint (n_rows (f), ==, 3);
}

/* The inspector links the selected event to a new cluster named after its
 * type and place, in one undoable step. */
static void
test_inspector_link (Fixture       *f,
                     gconstpointer  data)
{
  TesseraInspector *inspector = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_INSPECTOR);
  GtkMenuButton *link;
  GtkPopover *popover;
  GtkEntry *entry;
  gint64 cluster;

  tessera_workbench_set_document_id (f->workbench, f->doc_ids[1]);
  tessera_workbench_select (f->workbench, TESSERA_SELECTION_EVENT, f->event_ids[1]);
  tessera_display_test_run_pending ();
  g_assert_nonnull (tessera_display_test_find_one (inspector, tessera_display_test_is_label_with_text, "Not linked"));

  link = tessera_display_test_find_one (inspector, tessera_display_test_has_tooltip_prefix, "Link to a cluster");
  gtk_menu_button_popup (link);
  tessera_display_test_run_pending ();
  popover = gtk_menu_button_get_popover (link);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  entry = tessera_display_test_find_widget (GTK_WIDGET (popover), GTK_TYPE_ENTRY);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Battle — Kidal");
  g_signal_emit_by_name (tessera_display_test_find_one (popover, is_button_with_text, "Create"), "clicked");
  tessera_display_test_run_pending ();

  cluster = tessera_project_get_event_cluster (f->project, f->event_ids[1], NULL);
  g_assert_cmpint (cluster, >, 0);
  g_assert_nonnull (tessera_display_test_find_one (inspector, tessera_display_test_is_label_with_text, "Battle — Kidal"));

  /* The next event links to it from the list. */
  tessera_workbench_set_document_id (f->workbench, f->doc_ids[2]);
  tessera_workbench_select (f->workbench, TESSERA_SELECTION_EVENT, f->event_ids[2]);
  tessera_display_test_run_pending ();
  gtk_menu_button_popup (link);
  tessera_display_test_run_pending ();
  {
    GtkWidget *row = gtk_widget_get_ancestor (tessera_display_test_find_one (popover, tessera_display_test_is_label_with_text, "Battle — Kidal"),
                                              GTK_TYPE_LIST_BOX_ROW);

    g_signal_emit_by_name (row, "activate");
  }
  tessera_display_test_run_pending ();
  g_assert_cmpint (tessera_project_get_event_cluster (f->project, f->event_ids[2], NULL), ==, cluster);

  /* Removed from the cluster, then both steps undone: no cluster at all. */
  g_signal_emit_by_name (tessera_display_test_find_one (inspector, tessera_display_test_has_tooltip_prefix, "Remove from cluster"), "clicked");
  tessera_display_test_run_pending ();
  g_assert_cmpint (tessera_project_get_event_cluster (f->project, f->event_ids[2], NULL), ==, 0);
  g_assert_nonnull (tessera_display_test_find_one (inspector, tessera_display_test_is_label_with_text, "Not linked"));

  undo (f);
  g_assert_cmpint (tessera_project_get_event_cluster (f->project, f->event_ids[2], NULL), ==, cluster);
  undo (f);
  undo (f);
  g_assert_cmpuint (n_event_clusters (f), ==, 0);
  g_assert_cmpint (tessera_project_get_event_cluster (f->project, f->event_ids[1], NULL), ==, 0);
}

static void
add_corroboration_tests (void)
{
  g_test_add_func ("/corroboration/value-keys", test_value_keys);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/corroboration/empty", test_empty);
  ADD ("/corroboration/coded-record", test_coded_record);
  ADD ("/corroboration/coded-record-by-hand", test_coded_record_by_hand);
  ADD ("/corroboration/table", test_table);
  ADD ("/corroboration/open-passage", test_open_passage);
  ADD ("/corroboration/rename", test_rename);
  ADD ("/corroboration/split-merge", test_split_merge);
  ADD ("/corroboration/remove-delete", test_remove_delete);
  ADD ("/corroboration/inspector-link", test_inspector_link);
#undef ADD
}

int
main (int   argc,
      char *argv[])
{
  return tessera_display_test_run (&argc, &argv, add_corroboration_tests);
}
