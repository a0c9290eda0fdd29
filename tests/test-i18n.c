/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-i18n"

#include "config.h"

#include <adwaita.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <locale.h>

#include "tessera-annotation-list.h"
#include "tessera-application.h"
#include "tessera-display-util.h"
#include "tessera-document-list.h"
#include "tessera-inspector.h"
#include "tessera-label-palette.h"
#include "tessera-test-util.h"
#include "tessera-window.h"

/* With LANGUAGE=fr the window speaks French: strings from the templates
 * (GtkBuilder), from C (gettext, with context and plural forms) and from
 * the menu model all come out of the French catalogue the build compiled
 * from po/fr.po. TESSERA_TEST_MO names that .mo; it is put in a locale
 * tree of its own, as LOCALEDIR holds it once installed. */

typedef struct
{
  char          *dir;
  char          *path;
  TesseraWindow *window;
} Fixture;

static char *locale_dir;

/* The texts of every visible GtkLabel under @root (buttons show theirs
 * in one), so that a check reads what is on screen. */
static void
collect_labels (GtkWidget *root,
                GPtrArray *texts)
{
  if (!gtk_widget_get_visible (root))
    return;
  if (GTK_IS_LABEL (root))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect_labels (root, texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;
  return FALSE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TesseraProject) project = NULL;

  f->dir = tessera_test_make_tmp_dir ();
  project = tessera_test_create_project (f->dir, "desk.tessera", &f->path);
  tessera_display_test_add_document (project, "Clashes near Tin-Azrou", "Sahel Wire", "2023-11-12",
                                     "Rebels attacked the town of Tin-Azrou on Sunday.");
  tessera_project_close (project);

  f->window = tessera_display_test_open_window (f->path, -1, -1);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tessera_display_test_close_window (GTK_WIDGET (f->window), NULL);
  tessera_display_test_remove_project (&f->dir, &f->path);
}

/* The catalogue is found and used at all: otherwise every other check
 * would fail for a reason that is not the translation's. */
static void
test_catalogue (void)
{
  g_assert_cmpstr (_("Search documents"), ==, "Rechercher des documents");
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "status", "Done"), ==, "Terminé");
  /* French counts 0 and 1 in the singular. */
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u annotation", "%u annotations", 0), ==,
                   "%u annotation");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u annotation", "%u annotations", 2), ==,
                   "%u annotations");
}

static void
test_window (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkWidget *palette = tessera_display_test_find_widget (window, TESSERA_TYPE_LABEL_PALETTE);
  GtkWidget *documents = tessera_display_test_find_widget (window, TESSERA_TYPE_DOCUMENT_LIST);
  GtkWidget *annotations = tessera_display_test_find_widget (window, TESSERA_TYPE_ANNOTATION_LIST);
  GtkWidget *inspector = tessera_display_test_find_widget (window, TESSERA_TYPE_INSPECTOR);
  GtkWidget *header = tessera_display_test_find_widget (window, ADW_TYPE_HEADER_BAR);
  GtkWidget *search;
  GtkWidget *menu_button;
  GMenuModel *menu;
  g_autoptr(GMenuModel) section = NULL;
  g_autofree char *first_item = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  /* Interface strings only: label names ("Date", the role "Target") are
   * the schema's data and stay as the schema spells them. */
  static const char * const english[] = {
    "Entities", "Events", "Stance", "Annotations", "Labels", "New", "In progress",
    "Done", "Status", "Roles", "Holder", "No document open",
    "Select text and press a label’s key, or click a span",
    "No annotations yet. Select text and press a label’s key.",
  };

  g_assert_nonnull (palette);
  g_assert_nonnull (documents);
  g_assert_nonnull (annotations);
  g_assert_nonnull (inspector);
  g_assert_nonnull (header);

  /* The palette's layer switches, from its template. */
  g_assert_true (shows_text (palette, "Entités"));
  g_assert_true (shows_text (palette, "Événements"));
  g_assert_true (shows_text (palette, "Prise de position"));

  /* The search entry's placeholder. */
  search = tessera_display_test_find_widget (documents, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (search);
  {
    g_autofree char *placeholder = NULL;

    g_object_get (search, "placeholder-text", &placeholder, NULL);
    g_assert_cmpstr (placeholder, ==, "Rechercher des documents");
  }

  /* The document's row: its status, a string with a context, from C. */
  g_assert_true (shows_text (documents, "Nouveau"));

  /* The annotation list's count: a plural form, and French says
   * "0 annotation" where English says "0 annotations". */
  g_assert_true (shows_text (annotations, "0 annotation"));

  /* The inspector's hint with nothing selected. */
  g_assert_true (shows_text (inspector,
                             "Sélectionnez du texte et appuyez sur la touche d’une étiquette, "
                             "ou cliquez sur un segment"));

  /* The main menu, a GMenu from the window's template, mnemonics kept. */
  menu_button = tessera_display_test_find_one (header, tessera_display_test_has_tooltip_prefix, "Menu principal");
  g_assert_nonnull (menu_button);
  /* Beside it, who signs the annotations. */
  g_assert_nonnull (tessera_display_test_find_one (header, tessera_display_test_has_tooltip_prefix,
                                                   "Votre nom sur les nouvelles annotations"));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  g_assert_nonnull (menu);
  section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_nonnull (section);
  g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_LABEL, "s", &first_item));
  g_assert_cmpstr (first_item, ==, "_Nouveau projet…");

  /* And no English left on screen where French is expected. */
  collect_labels (window, texts);
  for (guint i = 0; i < texts->len; i++)
    for (guint j = 0; j < G_N_ELEMENTS (english); j++)
      if (g_strcmp0 (g_ptr_array_index (texts, i), english[j]) == 0)
        g_test_fail_printf ("“%s” is shown untranslated", english[j]);
}

/* A locale tree holding the catalogue under test, as fr/LC_MESSAGES/tessera.mo. */
static char *
make_locale_dir (const char *mo)
{
  g_autofree char *dir = tessera_test_make_tmp_dir ();
  g_autofree char *messages = g_build_filename (dir, "fr", "LC_MESSAGES", NULL);
  g_autofree char *target = g_strconcat (messages, G_DIR_SEPARATOR_S, GETTEXT_PACKAGE, ".mo", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
  g_file_get_contents (mo, &contents, &len, &error);
  g_assert_no_error (error);
  tessera_test_set_contents (target, contents, (gssize) len);
  return g_steal_pointer (&dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *mo = g_getenv ("TESSERA_TEST_MO");
  const char *messages_locale;
  int status;

  /* French whatever the caller's environment says. glibc reads LANGUAGE
   * unless the messages locale is "C" itself; C.UTF-8 will do, so the
   * test needs no French locale generated on the machine. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (mo == NULL || !g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("TESSERA_TEST_MO does not name the compiled po/fr.po\n");
      return 1;
    }

  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 77;
    }
  /* The window's widgets are libadwaita's too (AdwApplication does this). */
  adw_init ();
  /* gtk_init set the locale from the environment. */
  messages_locale = setlocale (LC_MESSAGES, NULL);
  if (messages_locale == NULL || g_str_equal (messages_locale, "C") || g_str_equal (messages_locale, "POSIX"))
    {
      if (setlocale (LC_ALL, "C.UTF-8") == NULL)
        {
          g_print ("1..0 # SKIP no locale in which gettext honours LANGUAGE\n");
          return 77;
        }
    }

  locale_dir = make_locale_dir (mo);
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  tessera_application_ensure_resources ();

  g_test_add_func ("/i18n/catalogue", test_catalogue);
  g_test_add ("/i18n/window", Fixture, NULL, fixture_set_up, test_window, fixture_tear_down);

  status = g_test_run ();
  tessera_test_remove_tree (locale_dir);
  g_free (locale_dir);
  return status;
}
