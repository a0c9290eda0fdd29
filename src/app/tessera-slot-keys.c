/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-slot-keys"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-slot-keys.h"

/* For how many frames a scroll to a slot is made again while the
 * inspector settles. */
#define SCROLL_FRAMES 10

typedef struct
{
  TesseraSlotKeyFunc choose;
} SlotKey;

static gboolean
on_slot_key (GtkWidget *owner,
             GVariant  *args,
             gpointer   user_data)
{
  const SlotKey *key = user_data;

  return key->choose (owner, g_variant_get_uint32 (args));
}

void
tessera_slot_keys_install (GtkWidget          *owner,
                           TesseraSlotKeyFunc  choose)
{
  GtkEventController *controller;

  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (choose != NULL);

  /* Managed: the window runs them wherever the focus is, in the text
   * too; GTK skips them while @owner is not shown. */
  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_MANAGED);
  for (guint n = 0; n < TESSERA_SLOT_KEYS_MAX; n++)
    {
      SlotKey *key = g_new0 (SlotKey, 1);
      GtkShortcut *shortcut;

      key->choose = choose;
      shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_1 + n, GDK_ALT_MASK),
                                   gtk_callback_action_new (on_slot_key, key, g_free));
      gtk_shortcut_set_arguments (shortcut, g_variant_new_uint32 (n));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (owner, controller);
}

char *
tessera_slot_keys_dup_label (guint n)
{
  if (n >= TESSERA_SLOT_KEYS_MAX)
    return NULL;

  return gtk_accelerator_get_label (GDK_KEY_1 + n, GDK_ALT_MASK);
}

GtkWidget *
tessera_slot_keys_label_new (guint n)
{
  g_autofree char *text = tessera_slot_keys_dup_label (n);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "label-key");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  /* The buttons' tooltips and accessible shortcuts say it for them. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  return label;
}

char *
tessera_slot_keys_dup_tooltip (const char *action,
                               guint       n)
{
  g_autofree char *key = tessera_slot_keys_dup_label (n);

  if (key != NULL)
    /* Translators: a button's tooltip: "Fill Agent (Alt+1): …". */
    return g_strdup_printf (_("%s (%s): click a span in the text, or Tab to one and press Enter"),
                            action, key);

  /* Translators: a button's tooltip: "Fill Agent: …". */
  return g_strdup_printf (_("%s: click a span in the text, or Tab to one and press Enter"), action);
}

/* Scrolls as little as shows @widget whole, once it is laid out. */
static void
scroll_once (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *view = scrolled ? gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)) : NULL;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double top;

  if (view == NULL || gtk_widget_get_height (widget) <= 0 || !gtk_widget_compute_bounds (widget, view, &bounds))
    return;

  /* Where it is in the view, plus how far the view has scrolled, is
   * where it is in what scrolls. */
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  top = bounds.origin.y + gtk_adjustment_get_value (adjustment);
  gtk_adjustment_clamp_page (adjustment, top, top + bounds.size.height);
}

static gboolean
on_scroll_tick (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  guint frames = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "tessera-slot-scroll-frames"));

  scroll_once (widget);
  if (frames == 0)
    {
      g_object_set_data (G_OBJECT (widget), "tessera-slot-scroll-tick", NULL);
      return G_SOURCE_REMOVE;
    }
  g_object_set_data (G_OBJECT (widget), "tessera-slot-scroll-frames", GUINT_TO_POINTER (frames - 1));
  return G_SOURCE_CONTINUE;
}

void
tessera_slot_keys_scroll_to (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  scroll_once (widget);

  /* Again over the next frames: rows just built are measured there, and
   * the pick bar that comes with the pick takes room from the view. */
  g_object_set_data (G_OBJECT (widget), "tessera-slot-scroll-frames", GUINT_TO_POINTER (SCROLL_FRAMES));
  if (g_object_get_data (G_OBJECT (widget), "tessera-slot-scroll-tick") == NULL)
    g_object_set_data (G_OBJECT (widget), "tessera-slot-scroll-tick",
                       GUINT_TO_POINTER (gtk_widget_add_tick_callback (widget, on_scroll_tick, NULL, NULL)));
}
