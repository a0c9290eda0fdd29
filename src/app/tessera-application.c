/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-application"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-application.h"
#include "tessera-error.h"
#include "tessera-preferences-window.h"
#include "tessera-resources.h"
#include "tessera-welcome.h"
#include "tessera-window.h"

struct _TesseraApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (TesseraApplication, tessera_application, ADW_TYPE_APPLICATION)

static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "win.new-project", { "<Control>n", NULL } },
  { "win.open-project", { "<Control>o", NULL } },
  { "win.import", { "<Control>i", NULL } },
  { "win.export::jsonl", { "<Control>e", NULL } },
  { "win.undo", { "<Control>z", NULL } },
  { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
  { "win.search", { "<Control><Shift>f", NULL } },
  { "win.find", { "<Control>f", NULL } },
  { "win.find-next", { "F3", NULL } },
  { "win.find-previous", { "<Shift>F3", NULL } },
  { "win.layer(0)", { "<Control>1", NULL } },
  { "win.layer(1)", { "<Control>2", NULL } },
  { "win.layer(2)", { "<Control>3", NULL } },
  { "win.next-document", { "<Alt>Down", NULL } },
  { "win.previous-document", { "<Alt>Up", NULL } },
  { "win.next-unfinished", { "<Alt>Page_Down", NULL } },
  { "win.set-status::new", { "<Control><Shift>n", NULL } },
  { "win.set-status::in-progress", { "<Control><Shift>p", NULL } },
  { "win.set-status::done", { "<Control><Shift>d", NULL } },
  { "win.propagate", { "<Control><Shift>c", NULL } },
  { "win.annotate-occurrences::document", { "<Control>t", NULL } },
  { "win.annotate-occurrences::project", { "<Control><Shift>t", NULL } },
  { "win.accept-all-suggestions", { "<Control><Shift>a", NULL } },
  { "win.reject-all-suggestions", { "<Control><Shift>r", NULL } },
  { "win.show-agreement", { "<Control><Shift>g", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
};

char *
tessera_application_dup_demo_project (GError **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "tessera", NULL);
  g_autofree char *copy = g_build_filename (dir, "Demo.tessera", NULL);
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) target = NULL;
  const char *bundled = g_getenv ("TESSERA_DEMO_PROJECT");
  g_autofree char *installed = g_build_filename (PKGDATADIR, "demo.tessera", NULL);

  if (g_file_test (copy, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&copy);

  if (bundled == NULL || !g_file_test (bundled, G_FILE_TEST_EXISTS))
    bundled = installed;
  if (!g_file_test (bundled, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND,
                   _("The demo project is not installed (%s)"), bundled);
      return NULL;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, _("Cannot create %s"), dir);
      return NULL;
    }

  source = g_file_new_for_path (bundled);
  target = g_file_new_for_path (copy);
  if (!g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
    return NULL;

  return g_steal_pointer (&copy);
}

void
tessera_application_ensure_resources (void)
{
  static gsize registered;

  /* The resources live in a static library whose constructor the linker
   * may drop: register them explicitly, once. */
  if (g_once_init_enter (&registered))
    {
      if (!g_resources_get_info ("/app/tessera/Tessera/tessera-window.ui", 0, NULL, NULL, NULL))
        g_resources_register (tessera_get_resource ());
      g_once_init_leave (&registered, 1);
    }
}

static TesseraWindow *
get_window (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (tessera_window_new (GTK_APPLICATION (app)));

  return TESSERA_WINDOW (window);
}

static void
tessera_application_activate (GApplication *app)
{
  TesseraWindow *window = get_window (app);
  g_autoptr(GSettings) settings = g_settings_new ("app.tessera.Tessera");
  g_autofree char *last = g_settings_get_string (settings, "last-project");
  g_autoptr(GError) error = NULL;

  if (tessera_workbench_get_project (tessera_window_get_workbench (window)) == NULL)
    {
      g_autofree char *path = NULL;

      if (*last != '\0' && g_file_test (last, G_FILE_TEST_EXISTS))
        path = g_steal_pointer (&last);
      else
        path = tessera_application_dup_demo_project (&error);

      if (path == NULL || !tessera_window_open_project (window, path, &error))
        tessera_window_show_message (window, error->message);
    }

  gtk_window_present (GTK_WINDOW (window));

  /* A first start explains itself, once. */
  tessera_welcome_present_once (GTK_WINDOW (window));
}

static void
tessera_application_open (GApplication  *app,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  TesseraWindow *window = get_window (app);
  g_autofree char *path = g_file_get_path (files[0]);
  g_autoptr(GError) error = NULL;

  if (path == NULL || !tessera_window_open_project (window, path, &error))
    tessera_window_show_message (window, error ? error->message : _("Only local files can be opened"));

  gtk_window_present (GTK_WINDOW (window));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Tessera developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Tessera"),
                         "application-icon", APPLICATION_ID,
                         "comments", _("Tag entities, events and stance in news reports, across sources"),
                         "version", PACKAGE_VERSION,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developer-name", _("The Tessera developers"),
                         "developers", developers,
                         /* TRANSLATORS: your name(s), one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
welcome_activated (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (tessera_welcome_window_new (parent));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  GtkWindow *preferences = GTK_WINDOW (tessera_preferences_window_new ());

  gtk_window_set_transient_for (preferences, parent);
  gtk_window_present (preferences);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Closing (not just quitting) saves the window size. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "about", about_activated },
  { "preferences", preferences_activated },
  { "welcome", welcome_activated },
  { "quit", quit_activated },
};

static void
tessera_application_startup (GApplication *app)
{
  /* AdwApplication loads style.css (and style-dark.css) from the
   * resource base path and follows the system's dark style. */
  G_APPLICATION_CLASS (tessera_application_parent_class)->startup (app);
  tessera_preferences_apply_style ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

static void
tessera_application_class_init (TesseraApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  tessera_application_ensure_resources ();

  app_class->activate = tessera_application_activate;
  app_class->open = tessera_application_open;
  app_class->startup = tessera_application_startup;
}

static void
tessera_application_init (TesseraApplication *self)
{
}

TesseraApplication *
tessera_application_new (void)
{
  return g_object_new (TESSERA_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/app/tessera/Tessera",
                       NULL);
}
