/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-preferences-window.h"

struct _TesseraPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings   *settings;
  AdwEntryRow *annotator_row;
  AdwComboRow *layer_row;
  AdwComboRow *style_row;
};

G_DEFINE_FINAL_TYPE (TesseraPreferencesWindow, tessera_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The settings' values, in the order the combo rows list them. */
static const char *const layer_values[] = { "entities", "events", "stance" };
static const char *const style_values[] = { "default", "light", "dark" };

static guint
value_index (const char *const *values,
             guint              n_values,
             const char        *value)
{
  for (guint i = 0; i < n_values; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;

  return 0;
}

static void
on_annotator_apply (TesseraPreferencesWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->annotator_row))));

  g_settings_set_string (self->settings, "annotator", name);
}

static void
on_layer_selected (TesseraPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (self->layer_row);

  if (i < G_N_ELEMENTS (layer_values))
    g_settings_set_string (self->settings, "default-layer", layer_values[i]);
}

static void
on_style_selected (TesseraPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (self->style_row);

  if (i < G_N_ELEMENTS (style_values))
    g_settings_set_string (self->settings, "color-scheme", style_values[i]);
}

static AdwComboRow *
combo_row (const char        *title,
           const char        *subtitle,
           const char *const *choices,
           const char *const *values,
           guint              n_values,
           const char        *current)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr(GtkStringList) model = gtk_string_list_new ((const char **) choices);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (row, value_index (values, n_values, current));

  return row;
}

static void
tessera_preferences_window_dispose (GObject *object)
{
  TesseraPreferencesWindow *self = TESSERA_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tessera_preferences_window_parent_class)->dispose (object);
}

static void
tessera_preferences_window_class_init (TesseraPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tessera_preferences_window_dispose;
}

static void
tessera_preferences_window_init (TesseraPreferencesWindow *self)
{
  const char *layers[] = { _("Entities"), _("Events"), _("Stance"), NULL };
  const char *styles[] = { _("Follow System"), _("Light"), _("Dark"), NULL };
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *annotating = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *appearance = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autofree char *name = NULL;
  g_autofree char *layer = NULL;
  g_autofree char *style = NULL;

  self->settings = g_settings_new ("app.tessera.Tessera");
  name = g_settings_get_string (self->settings, "annotator");
  layer = g_settings_get_string (self->settings, "default-layer");
  style = g_settings_get_string (self->settings, "color-scheme");

  gtk_window_set_title (GTK_WINDOW (self), _("Preferences"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 420);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);

  adw_preferences_group_set_title (annotating, _("Annotating"));
  self->annotator_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->annotator_row),
                                 _("Your Name on New Annotations (empty: your login name)"));
  adw_entry_row_set_show_apply_button (self->annotator_row, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->annotator_row), name);
  g_signal_connect_swapped (self->annotator_row, "apply", G_CALLBACK (on_annotator_apply), self);
  adw_preferences_group_add (annotating, GTK_WIDGET (self->annotator_row));

  self->layer_row = combo_row (_("Layer When a Project Opens"),
                               _("What the label keys tag first; Ctrl+1, Ctrl+2 and Ctrl+3 switch"),
                               layers, layer_values, G_N_ELEMENTS (layer_values), layer);
  g_signal_connect_swapped (self->layer_row, "notify::selected", G_CALLBACK (on_layer_selected), self);
  adw_preferences_group_add (annotating, GTK_WIDGET (self->layer_row));

  adw_preferences_group_set_title (appearance, _("Appearance"));
  self->style_row = combo_row (_("Style"), _("Light or dark; “Follow System” uses the desktop’s choice"),
                               styles, style_values, G_N_ELEMENTS (style_values), style);
  g_signal_connect_swapped (self->style_row, "notify::selected", G_CALLBACK (on_style_selected), self);
  adw_preferences_group_add (appearance, GTK_WIDGET (self->style_row));

  adw_preferences_page_add (page, annotating);
  adw_preferences_page_add (page, appearance);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
}

TesseraPreferencesWindow *
tessera_preferences_window_new (void)
{
  return g_object_new (TESSERA_TYPE_PREFERENCES_WINDOW, NULL);
}

static void
apply_style (GSettings *settings)
{
  g_autofree char *style = g_settings_get_string (settings, "color-scheme");
  AdwColorScheme scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (style, "light"))
    scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (style, "dark"))
    scheme = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
}

void
tessera_preferences_apply_style (void)
{
  static GSettings *settings;

  /* Kept for the process's life: it carries the change handler. */
  if (settings == NULL)
    {
      settings = g_settings_new ("app.tessera.Tessera");
      g_signal_connect (settings, "changed::color-scheme", G_CALLBACK (apply_style), NULL);
    }
  apply_style (settings);
}
