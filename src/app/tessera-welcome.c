/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-welcome"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-welcome.h"

static GtkWidget *
explanation_row (const char *icon_name,
                 const char *title,
                 const char *text)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  gtk_image_set_icon_size (GTK_IMAGE (icon), GTK_ICON_SIZE_LARGE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  /* A subtitle says everything: never cut it to a line or two. */
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_focusable (row, FALSE);

  return row;
}

GtkWindow *
tessera_welcome_window_new (GtkWindow *parent)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *start = gtk_button_new_with_mnemonic (_("_Start Annotating"));

  gtk_window_set_title (GTK_WINDOW (window), _("Welcome to Tessera"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 720);
  /* The page says "Welcome" already. */
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), gtk_label_new (NULL));
  gtk_widget_add_css_class (header, "flat");

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), APPLICATION_ID);
  gtk_widget_add_css_class (page, "compact");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Welcome to Tessera"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                   _("Tag who did what, where and when in news reports, and see what "
                                     "each outlet claims about the same event."));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list),
                       explanation_row ("folder-documents-symbolic", _("This Is a Copy of the Demo Project"),
                                        _("Fictional reports of one clash from five outlets, partly annotated. "
                                          "Change anything: the original stays installed. "
                                          "Start your own with Main Menu ▸ New Project, "
                                          "then Import (Ctrl+I).")));
  gtk_list_box_append (GTK_LIST_BOX (list),
                       explanation_row ("view-list-bullet-symbolic", _("Three Layers"),
                                        _("Entities: who and where. Events: what happened, with roles — "
                                          "who attacked, where, when, how many died. Stance: who asserts, "
                                          "denies or doubts a claim. Ctrl+1, Ctrl+2 and Ctrl+3 switch "
                                          "layers; select text and press a label’s key to tag it.")));
  gtk_list_box_append (GTK_LIST_BOX (list),
                       explanation_row ("edit-copy-symbolic", _("Shared Passages"),
                                        _("A bar beside the text marks a passage that other reports share "
                                          "word for word — usually the same wire copy. Point at it to see "
                                          "which outlets, click it to open a copy; Ctrl+Shift+C carries "
                                          "your annotations to the copies as suggestions.")));
  gtk_list_box_append (GTK_LIST_BOX (list),
                       explanation_row ("document-save-symbolic", _("No Save Button"),
                                        _("Every change is written to the project file at once, and "
                                          "Ctrl+Z undoes anything. Ctrl+? lists every key.")));

  gtk_widget_set_halign (start, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (start, "suggested-action");
  gtk_widget_add_css_class (start, "pill");
  g_signal_connect_swapped (start, "clicked", G_CALLBACK (gtk_window_destroy), window);

  gtk_box_append (GTK_BOX (content), list);
  gtk_box_append (GTK_BOX (content), start);
  adw_status_page_set_child (ADW_STATUS_PAGE (page), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), page);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_default_widget (GTK_WINDOW (window), start);
  gtk_widget_grab_focus (start);

  return GTK_WINDOW (window);
}

gboolean
tessera_welcome_present_once (GtkWindow *parent)
{
  g_autoptr(GSettings) settings = g_settings_new ("app.tessera.Tessera");

  if (g_settings_get_boolean (settings, "welcome-shown"))
    return FALSE;

  g_settings_set_boolean (settings, "welcome-shown", TRUE);
  gtk_window_present (tessera_welcome_window_new (parent));

  return TRUE;
}
