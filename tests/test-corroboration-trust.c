/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-corroboration-trust"

#include "config.h"

#include <gtk/gtk.h>

#include "tessera-corroboration-view.h"
#include "tessera-display-util.h"
#include "tessera-document-view.h"
#include "tessera-test-util.h"
#include "tessera-window.h"

/* What the corroboration view must not let an analyst misread: four
 * reports that each name another Opponent (one of them only suggested)
 * have no majority, which the header says and every counted value shows;
 * the suggested one reads as unreviewed; a document without an outlet
 * says so rather than showing its title; dates show; a cell brings its
 * passage into view even far down a long report. */

typedef struct
{
  const char *source;
  const char *published;
  const char *opponent;
} Report;

static const Report reports[] = {
  { NULL, "2023-11-12", "the army" },
  { "Gao Daily", "2023-11-13", "FAMa units" },
  { "Radio Nord", "2023-11-14", "Wagner fighters" },
  { "Sahel Wire", "2023-11-15", "soldiers" },
};

typedef struct
{
  char                     *dir;
  char                     *path;
  TesseraWindow            *window;
  TesseraCorroborationView *view;
  gint64                    doc_ids[G_N_ELEMENTS (reports)];
  gint64                    trigger_ids[G_N_ELEMENTS (reports)];
} Fixture;

static gboolean
is_button_with_text (GtkWidget     *widget,
                     gconstpointer  data)
{
  GtkWidget *child;

  if (!GTK_IS_BUTTON (widget))
    return FALSE;
  child = gtk_button_get_child (GTK_BUTTON (widget));
  return GTK_IS_LABEL (child) && g_str_equal (gtk_label_get_text (GTK_LABEL (child)), data);
}

static guint
count (gpointer                 root,
       TesseraDisplayTestMatch  match,
       gconstpointer            data)
{
  g_autoptr(GPtrArray) found = tessera_display_test_find_all (root, match, data);

  return found->len;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 battle, opponent, cluster, suggested = 0;

  f->dir = tessera_test_make_tmp_dir ();
  project = tessera_test_create_project (f->dir, "trust.tessera", &f->path);
  battle = tessera_test_label_id (project, TESSERA_LABEL_EVENT, "Battle");
  opponent = tessera_test_label_id (project, TESSERA_LABEL_ROLE, "Opponent");
  cluster = tessera_project_add_cluster (project, TESSERA_LABEL_EVENT, "Kidal", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      gint64 event, who;

      /* The second report is long: its clash comes far below the fold. */
      for (guint line = 0; i == 1 && line < 120; line++)
        g_string_append_printf (text, "Background paragraph %u about the region.\n\n", line);
      g_string_append_printf (text, "Rebels fought %s near Kidal.", reports[i].opponent);

      /* The title of a text import may be its whole lead paragraph. */
      f->doc_ids[i] = tessera_display_test_add_document (project, "A very long lead paragraph standing in for a title",
                                                         reports[i].source, reports[i].published, text->str);
      f->trigger_ids[i] = tessera_test_tag (project, f->doc_ids[i], "fought", TESSERA_LABEL_EVENT, "Battle", NULL);
      who = tessera_test_tag (project, f->doc_ids[i], reports[i].opponent, TESSERA_LABEL_ENTITY, "ArmedGroup", NULL);
      event = tessera_project_add_event (project, f->trigger_ids[i], battle, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (tessera_project_add_argument (project, event, opponent, who, &error));
      g_assert_true (tessera_project_add_cluster_member (project, cluster, 0, event, &error));
      g_assert_no_error (error);
      if (i == 3)
        suggested = who;
    }
  tessera_project_close (project);
  /* The last report's Opponent is only suggested. */
  sql = g_strdup_printf ("UPDATE span SET suggested = 1 WHERE id = %" G_GINT64_FORMAT, suggested);
  tessera_test_sql_exec (f->path, sql);

  f->window = tessera_display_test_open_window (f->path, 1200, 700);
  f->view = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_CORROBORATION_VIEW);
  tessera_display_test_activate (f->window, "win.show-corroboration", NULL);
  tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tessera_display_test_close_window (GTK_WIDGET (f->window), NULL);
  tessera_display_test_remove_project (&f->dir, &f->path);
}

static void
test_trust (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) flagged = NULL;
  g_autoptr(GPtrArray) unreviewed = NULL;
  GtkWidget *suggestion;

  /* No majority: said in the header, and every counted value flagged. */
  g_assert_cmpuint (count (f->view, tessera_display_test_is_label_with_text, "⚠ Opponent · no majority"), ==, 1);
  flagged = tessera_display_test_find_all (f->view, tessera_display_test_has_css_class, "disagrees");
  g_assert_cmpuint (flagged->len, ==, 3);
  g_assert_true (tessera_display_test_has_tooltip_prefix (tessera_display_test_find_one (f->view, is_button_with_text, "the army"),
                                                          "No majority"));

  /* The suggestion reads as unreviewed, and is not flagged. */
  unreviewed = tessera_display_test_find_all (f->view, tessera_display_test_has_css_class, "unreviewed");
  g_assert_cmpuint (unreviewed->len, ==, 1);
  suggestion = g_ptr_array_index (unreviewed, 0);
  g_assert_true (is_button_with_text (suggestion, "soldiers"));
  g_assert_true (tessera_display_test_has_tooltip_prefix (suggestion, "Unreviewed suggestion"));

  /* The outlet, never the title; dates shown. */
  g_assert_cmpuint (count (f->view, tessera_display_test_is_label_with_text, "unknown outlet"), ==, 1);
  g_assert_cmpuint (count (f->view, tessera_display_test_is_label_with_text, "Gao Daily"), ==, 1);
  g_assert_cmpuint (count (f->view, tessera_display_test_is_label_with_text,
                           "A very long lead paragraph standing in for a title"), ==, 0);
  g_assert_cmpuint (count (f->view, tessera_display_test_is_label_with_text, "12 Nov 2023"), ==, 1);
  g_assert_cmpuint (count (f->view, tessera_display_test_is_label_with_text, "13 Nov 2023"), ==, 1);
}

typedef struct
{
  TesseraDocumentView *document_view;
  gint64               span_id;
} Shown;

static gboolean
span_shown (gpointer user_data)
{
  Shown *shown = user_data;

  return tessera_document_view_is_span_visible (shown->document_view, shown->span_id);
}

static void
test_scroll (Fixture       *f,
             gconstpointer  data)
{
  Shown shown = { NULL, f->trigger_ids[1] };

  shown.document_view = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_DOCUMENT_VIEW);

  /* Twice, as the analyst did: each time the trigger comes into view. */
  for (guint round = 0; round < 2; round++)
    {
      /* Four reports, four "fought": the second row's is Gao Daily's. */
      g_autoptr(GPtrArray) cells = tessera_display_test_find_all (f->view, is_button_with_text, "fought");

      g_assert_cmpuint (cells->len, ==, 4);
      g_signal_emit_by_name (g_ptr_array_index (cells, 1), "clicked");
      g_assert_true (tessera_display_test_wait_until (span_shown, &shown, 10));

      tessera_display_test_activate (f->window, "win.show-corroboration", NULL);
      tessera_display_test_wait_for_frame (GTK_WIDGET (f->window), NULL);
    }
}

static void
add_tests (void)
{
  g_test_add ("/corroboration-trust/table", Fixture, NULL, fixture_set_up, test_trust, fixture_tear_down);
  g_test_add ("/corroboration-trust/scroll", Fixture, NULL, fixture_set_up, test_scroll, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  return tessera_display_test_run (&argc, &argv, add_tests);
}
