/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-team-view"

#include "config.h"

#include "tessera-display-util.h"
#include "tessera-document-view.h"
#include "tessera-test-util.h"
#include "team-view-fixture.h"

const char TEAM_TEXT[] =
  "Rebels of the CSP \U0001F1F2\U0001F1F1 said on Sunday they had retaken Anefis from the army.";

gint64
team_tag_as (TesseraProject *project,
             gint64          doc,
             const char     *who,
             const char     *word,
             const char     *label)
{
  tessera_project_set_annotator (project, who);
  return tessera_test_tag (project, doc, word, TESSERA_LABEL_ENTITY, label, NULL);
}

void
team_fixture_set_up (TeamFixture   *f,
                     gconstpointer  data)
{
  g_autoptr(TesseraProject) project = NULL;

  f->dir = tessera_test_make_tmp_dir ();
  project = tessera_test_create_project (f->dir, "team.tessera", &f->path);
  f->doc = tessera_display_test_add_document (project, "Anefis retaken", "Sahel Wire", "2023-11-12", TEAM_TEXT);
  team_tag_as (project, f->doc, "ana", "CSP", "ArmedGroup");
  f->ana_sunday = team_tag_as (project, f->doc, "ana", "Sunday", "Date");
  team_tag_as (project, f->doc, "ana", "Anefis", "Place");
  team_tag_as (project, f->doc, "ana", "army", "ArmedGroup");
  team_tag_as (project, f->doc, "ben", "CSP", "ArmedGroup");
  team_tag_as (project, f->doc, "ben", "Anefis", "Facility");
  team_tag_as (project, f->doc, "ben", "army", "ArmedGroup");
  tessera_project_close (project);

  f->window = tessera_display_test_open_window (f->path, 1200, 800);
  f->workbench = tessera_window_get_workbench (f->window);
  f->view = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_AGREEMENT_VIEW);
  g_assert_nonnull (f->view);
}

/* Nothing computing on a worker any more: its result would come back to
 * a window gone. */
static gboolean
views_idle (gpointer data)
{
  TeamFixture *f = data;
  TesseraDocumentView *doc_view = tessera_display_test_find_widget (GTK_WIDGET (f->window), TESSERA_TYPE_DOCUMENT_VIEW);

  return !tessera_agreement_view_get_busy (f->view) && !tessera_document_view_get_busy (doc_view);
}

void
team_fixture_tear_down (TeamFixture   *f,
                        gconstpointer  data)
{
  g_assert_true (tessera_display_test_wait_until (views_idle, f, 30));
  tessera_display_test_close_window (GTK_WIDGET (f->window), NULL);
  tessera_display_test_remove_project (&f->dir, &f->path);
}

gboolean
team_has_agreement (gpointer view)
{
  return tessera_agreement_view_get_agreement (view) != NULL;
}
