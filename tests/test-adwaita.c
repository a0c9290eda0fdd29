/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-adwaita"

#include "config.h"

#include <string.h>

#include "tessera-display-util.h"
#include "tessera-preferences-window.h"
#include "tessera-test-util.h"
#include "tessera-welcome.h"

/* The window as a GNOME app: its header (title and subtitle, an import
 * button that says Import), the first start's explanation shown once,
 * and the preferences (name, layer, light or dark) taking effect. */

typedef struct {
  char             *dir;
  char             *path;
  TesseraWindow    *window;
  TesseraWorkbench *workbench;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("app.tessera.Tessera");

  g_settings_reset (settings, "welcome-shown");
  g_settings_reset (settings, "default-layer");
  g_settings_reset (settings, "color-scheme");
  g_settings_reset (settings, "annotator");

  f->dir = tessera_test_make_tmp_dir ();
  project = tessera_test_create_project (f->dir, "Kidal clashes.tessera", &f->path);
  tessera_display_test_add_document (project, "Fighting near Kidal", "Sahel Daily", "2023-11-13",
                                     "Fighting broke out near Kidal on Sunday.");
  tessera_project_close (project);
  g_clear_object (&project);

  f->window = tessera_display_test_open_window (f->path, 1200, 800);
  f->workbench = tessera_window_get_workbench (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tessera_display_test_close_window (GTK_WIDGET (f->window), NULL);
  tessera_display_test_remove_project (&f->dir, &f->path);
}

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  data)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

/* The visible toplevel other than the main window titled @title, or NULL. */
static GtkWindow *
find_toplevel (Fixture    *f,
               const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window != GTK_WINDOW (f->window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (gtk_window_get_title (window), title) == 0)
        return window;
    }
  return NULL;
}

static void
test_header (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *header = tessera_display_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_HEADER_BAR);
  AdwWindowTitle *title = tessera_display_test_find_widget (header, ADW_TYPE_WINDOW_TITLE);
  GtkWidget *import;

  /* The project's name above, the document's title below. */
  g_assert_nonnull (title);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Kidal clashes");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "Fighting near Kidal");

  /* The import button says so in words, not with Open's folder icon. */
  import = tessera_display_test_find_one (header, has_action, "win.import");
  g_assert_nonnull (tessera_display_test_find_one (import, tessera_display_test_is_label_with_text, "Import"));
}

static void
test_welcome_once (Fixture       *f,
                   gconstpointer  data)
{
  const char *explained[] = {
    "This Is a Copy of the Demo Project", "Three Layers", "Shared Passages", "No Save Button",
  };
  GtkWindow *welcome;

  /* A first start explains itself... */
  g_assert_true (tessera_welcome_present_once (GTK_WINDOW (f->window)));
  welcome = find_toplevel (f, "Welcome to Tessera");
  g_assert_nonnull (welcome);
  g_assert_true (gtk_window_get_modal (welcome));
  for (guint i = 0; i < G_N_ELEMENTS (explained); i++)
    g_assert_nonnull (tessera_display_test_find_one (GTK_WIDGET (welcome), tessera_display_test_is_label_with_text, explained[i]));

  /* ...its one button closes it... */
  g_signal_emit_by_name (gtk_window_get_default_widget (welcome), "clicked");
  tessera_display_test_run_pending ();
  g_assert_null (find_toplevel (f, "Welcome to Tessera"));

  /* ...and the next start says nothing. */
  g_assert_false (tessera_welcome_present_once (GTK_WINDOW (f->window)));
  g_assert_null (find_toplevel (f, "Welcome to Tessera"));
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  data)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data);
}

static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  TesseraPreferencesWindow *preferences = tessera_preferences_window_new ();
  g_autoptr(GSettings) settings = g_settings_new ("app.tessera.Tessera");
  g_autofree char *annotator = NULL;
  g_autofree char *path = g_strdup (f->path);
  GtkWidget *name_row, *layer_row, *style_row;
  GError *error = NULL;

  tessera_preferences_apply_style ();
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (preferences));
  tessera_display_test_wait_for_frame (GTK_WIDGET (preferences), NULL);
  name_row = tessera_display_test_find_one (preferences, is_row_titled, "Your Name");
  layer_row = tessera_display_test_find_one (preferences, is_row_titled, "Layer When a Project Opens");
  style_row = tessera_display_test_find_one (preferences, is_row_titled, "Style");

  /* Dark, and back to following the system. */
  g_assert_false (adw_style_manager_get_dark (style));
  adw_combo_row_set_selected (ADW_COMBO_ROW (style_row), 2);
  tessera_display_test_run_pending ();
  g_assert_true (adw_style_manager_get_dark (style));
  adw_combo_row_set_selected (ADW_COMBO_ROW (style_row), 0);
  tessera_display_test_run_pending ();
  g_assert_false (adw_style_manager_get_dark (style));

  /* The name signs what comes next, and the header shows it. */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "  Amina  ");
  g_signal_emit_by_name (name_row, "apply");
  tessera_display_test_run_pending ();
  annotator = g_settings_get_string (settings, "annotator");
  g_assert_cmpstr (annotator, ==, "Amina");
  g_assert_nonnull (tessera_display_test_find_one (tessera_display_test_find_widget (GTK_WIDGET (f->window),
                                                                                     ADW_TYPE_HEADER_BAR),
                                                   tessera_display_test_is_label_with_text, "Amina"));

  /* The next project opens on the Events layer. */
  g_assert_cmpint (tessera_workbench_get_layer (f->workbench), ==, TESSERA_LAYER_ENTITIES);
  adw_combo_row_set_selected (ADW_COMBO_ROW (layer_row), 1);
  tessera_display_test_run_pending ();
  gtk_window_destroy (GTK_WINDOW (preferences));
  tessera_display_test_close_window (GTK_WIDGET (f->window), NULL);
  f->window = tessera_display_test_open_window (path, 1200, 800);
  f->workbench = tessera_window_get_workbench (f->window);
  g_assert_no_error (error);
  g_assert_cmpint (tessera_workbench_get_layer (f->workbench), ==, TESSERA_LAYER_EVENTS);
}

static void
add_tests (void)
{
  g_test_add ("/adwaita/header", Fixture, NULL, fixture_set_up, test_header, fixture_tear_down);
  g_test_add ("/adwaita/welcome-once", Fixture, NULL, fixture_set_up, test_welcome_once, fixture_tear_down);
  g_test_add ("/adwaita/preferences", Fixture, NULL, fixture_set_up, test_preferences, fixture_tear_down);
}

int
main (int    argc,
      char **argv)
{
  return tessera_display_test_run (&argc, &argv, add_tests);
}
