/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-window-private.h"

/* Characters of the name the header shows. */
#define NAME_CHARS 20

/* Who the analyst is: the name new annotations are signed with, shown in
 * the header bar and changed in its popover. Kept in the settings (empty:
 * the login name), so it is the same in every project. */

static char *
current_name (TesseraWindow *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "annotator");

  g_strstrip (name);
  return *name != '\0' ? g_steal_pointer (&name) : g_strdup (g_get_user_name ());
}

/* The header's name, and the project's signature, follow the settings. */
void
_tessera_window_update_annotator (TesseraWindow *self)
{
  TesseraProject *project = tessera_workbench_get_project (self->workbench);
  g_autofree char *name = current_name (self);
  /* Translators: the accessible name of the header's button; %s: the analyst's name */
  g_autofree char *described = g_strdup_printf (_("Annotating as %s"), name);

  /* A long name is cut short in the header, whole in the popover. */
  if (g_utf8_strlen (name, -1) > NAME_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (name, 0, NAME_CHARS - 1);
      g_autofree char *shown = g_strconcat (cut, "…", NULL);

      gtk_label_set_label (self->annotator_label, shown);
    }
  else
    gtk_label_set_label (self->annotator_label, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->annotator_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, described, -1);
  if (project != NULL)
    tessera_project_set_annotator (project, name);
}

static void
on_annotator_popover_show (TesseraWindow *self)
{
  g_autofree char *name = current_name (self);
  g_autofree char *hint = NULL;

  gtk_editable_set_text (GTK_EDITABLE (self->annotator_entry), name);
  /* Translators: %s is the login name */
  hint = g_strdup_printf (_("What you annotate from now on is signed with this name; "
                            "leave it empty for your login name, %s."), g_get_user_name ());
  gtk_label_set_label (self->annotator_hint, hint);
  gtk_widget_grab_focus (GTK_WIDGET (self->annotator_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->annotator_entry), 0, -1);
}

static void
on_annotator_entry_activate (TesseraWindow *self)
{
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->annotator_entry)));

  g_strstrip (name);
  /* The login name is the default: keep following it. */
  if (g_strcmp0 (name, g_get_user_name ()) == 0)
    name[0] = '\0';
  g_settings_set_string (self->settings, "annotator", name);
  gtk_popover_popdown (self->annotator_popover);
}

void
_tessera_window_init_annotator (TesseraWindow *self)
{
  g_signal_connect_object (self->settings, "changed::annotator",
                           G_CALLBACK (_tessera_window_update_annotator), self, G_CONNECT_SWAPPED);
  _tessera_window_update_annotator (self);
}

void
_tessera_window_class_add_annotator (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, annotator_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, annotator_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, annotator_popover);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, annotator_entry);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, annotator_hint);
  gtk_widget_class_bind_template_callback (widget_class, on_annotator_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_annotator_entry_activate);
}
