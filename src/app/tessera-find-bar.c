/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-find-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-find-bar.h"

struct _TesseraFindBar
{
  GtkWidget        parent_instance;

  /* Set while the bar itself changes the entry's text. */
  gboolean         syncing;

  /* Template widgets */
  GtkSearchBar    *search_bar;
  GtkSearchEntry  *entry;
  GtkLabel        *count_label;
  GtkLabel        *wrap_label;
};

G_DEFINE_FINAL_TYPE (TesseraFindBar, tessera_find_bar, GTK_TYPE_WIDGET)

enum {
  QUERY_CHANGED,
  NEXT_MATCH,
  PREVIOUS_MATCH,
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_entry_changed (TesseraFindBar *self)
{
  if (!self->syncing)
    g_signal_emit (self, signals[QUERY_CHANGED], 0);
}

static void
on_next (TesseraFindBar *self)
{
  g_signal_emit (self, signals[NEXT_MATCH], 0);
}

static void
on_previous (TesseraFindBar *self)
{
  g_signal_emit (self, signals[PREVIOUS_MATCH], 0);
}

static void
on_close (TesseraFindBar *self)
{
  tessera_find_bar_close (self);
}

/* Shift+Enter goes back (the entry's "activate" is Enter alone). */
static gboolean
on_entry_key_pressed (TesseraFindBar        *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();

  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      mods == GDK_SHIFT_MASK)
    {
      on_previous (self);
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
tessera_find_bar_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TESSERA_TYPE_FIND_BAR);

  G_OBJECT_CLASS (tessera_find_bar_parent_class)->dispose (object);
}

static void
tessera_find_bar_class_init (TesseraFindBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_find_bar_dispose;

  signals[QUERY_CHANGED] = g_signal_new ("query-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[NEXT_MATCH] = g_signal_new ("next-match", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PREVIOUS_MATCH] = g_signal_new ("previous-match", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-find-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraFindBar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, TesseraFindBar, entry);
  gtk_widget_class_bind_template_child (widget_class, TesseraFindBar, count_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraFindBar, wrap_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_key_pressed);
  gtk_widget_class_bind_template_callback (widget_class, on_next);
  gtk_widget_class_bind_template_callback (widget_class, on_previous);
  gtk_widget_class_bind_template_callback (widget_class, on_close);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tessera_find_bar_init (TesseraFindBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
tessera_find_bar_open (TesseraFindBar *self,
                       const char     *query)
{
  g_return_if_fail (TESSERA_IS_FIND_BAR (self));

  if (query != NULL)
    tessera_find_bar_set_query (self, query);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

void
tessera_find_bar_close (TesseraFindBar *self)
{
  g_return_if_fail (TESSERA_IS_FIND_BAR (self));

  if (!gtk_search_bar_get_search_mode (self->search_bar))
    return;
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->wrap_label), FALSE);
  g_signal_emit (self, signals[CLOSED], 0);
}

gboolean
tessera_find_bar_get_open (TesseraFindBar *self)
{
  g_return_val_if_fail (TESSERA_IS_FIND_BAR (self), FALSE);

  return gtk_search_bar_get_search_mode (self->search_bar);
}

const char *
tessera_find_bar_get_query (TesseraFindBar *self)
{
  g_return_val_if_fail (TESSERA_IS_FIND_BAR (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
tessera_find_bar_set_query (TesseraFindBar *self,
                            const char     *query)
{
  g_return_if_fail (TESSERA_IS_FIND_BAR (self));

  if (query == NULL)
    query = "";
  if (g_str_equal (query, tessera_find_bar_get_query (self)))
    return;
  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), query);
  self->syncing = FALSE;
}

void
tessera_find_bar_show_matches (TesseraFindBar *self,
                               guint           current,
                               guint           n_matches,
                               int             wrapped)
{
  g_autofree char *count = NULL;
  gboolean none;

  g_return_if_fail (TESSERA_IS_FIND_BAR (self));

  none = n_matches == 0 && *tessera_find_bar_get_query (self) != '\0';
  if (none)
    count = g_strdup (_("No matches"));
  else if (n_matches > 0 && current > 0)
    /* TRANSLATORS: where the current match is among those in the
     * document ("3 of 12"); the plural follows the second number. */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u", "%u of %u", n_matches),
                             current, n_matches);
  else if (n_matches > 0)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", n_matches), n_matches);
  gtk_label_set_label (self->count_label, count != NULL ? count : "");

  if (none)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");

  gtk_label_set_label (self->wrap_label, wrapped > 0 ? _("Continued from the top")
                                         : wrapped < 0 ? _("Continued from the bottom") : "");
  gtk_widget_set_visible (GTK_WIDGET (self->wrap_label), wrapped != 0);
}
