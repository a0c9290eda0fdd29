/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-pick-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-pick-bar.h"
#include "tessera-span-pick.h"

struct _TesseraPickBar
{
  GtkWidget         parent_instance;

  TesseraWorkbench *workbench;
  GSignalGroup     *workbench_signals;

  /* Template widgets */
  GtkWidget        *box;
  GtkLabel         *title_label;
};

G_DEFINE_FINAL_TYPE (TesseraPickBar, tessera_pick_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WORKBENCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_pick_changed (TesseraPickBar *self)
{
  g_autofree char *slot = self->workbench ? tessera_span_pick_dup_slot_name (self->workbench) : NULL;
  g_autofree char *title = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self), slot != NULL);
  if (slot == NULL)
    return;

  /* Translators: while a slot waits for a span: "Pick the Agent", "Pick the Holder". */
  title = g_strdup_printf (_("Pick the %s"), slot);
  gtk_label_set_label (self->title_label, title);
}

static void
on_cancel_clicked (TesseraPickBar *self)
{
  if (self->workbench != NULL)
    tessera_workbench_set_pick (self->workbench, TESSERA_PICK_NONE, 0);
}

static void
tessera_pick_bar_dispose (GObject *object)
{
  TesseraPickBar *self = TESSERA_PICK_BAR (object);

  g_clear_object (&self->workbench_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_PICK_BAR);
  g_clear_object (&self->workbench);

  G_OBJECT_CLASS (tessera_pick_bar_parent_class)->dispose (object);
}

static void
tessera_pick_bar_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TesseraPickBar *self = TESSERA_PICK_BAR (object);

  switch (prop_id)
    {
    case PROP_WORKBENCH:
      g_value_set_object (value, self->workbench);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_pick_bar_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TesseraPickBar *self = TESSERA_PICK_BAR (object);

  switch (prop_id)
    {
    case PROP_WORKBENCH:
      tessera_pick_bar_set_workbench (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_pick_bar_class_init (TesseraPickBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_pick_bar_dispose;
  object_class->get_property = tessera_pick_bar_get_property;
  object_class->set_property = tessera_pick_bar_set_property;

  properties[PROP_WORKBENCH] =
    g_param_spec_object ("workbench", NULL, NULL, TESSERA_TYPE_WORKBENCH,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-pick-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraPickBar, box);
  gtk_widget_class_bind_template_child (widget_class, TesseraPickBar, title_label);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pickbar");
  /* What it says changes with the pick: a status, for screen readers. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
tessera_pick_bar_init (TesseraPickBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->workbench_signals = g_signal_group_new (TESSERA_TYPE_WORKBENCH);
  g_signal_group_connect_object (self->workbench_signals, "pick-changed",
                                 G_CALLBACK (on_pick_changed), self, G_CONNECT_SWAPPED);
}

TesseraWorkbench *
tessera_pick_bar_get_workbench (TesseraPickBar *self)
{
  g_return_val_if_fail (TESSERA_IS_PICK_BAR (self), NULL);

  return self->workbench;
}

void
tessera_pick_bar_set_workbench (TesseraPickBar   *self,
                                TesseraWorkbench *workbench)
{
  g_return_if_fail (TESSERA_IS_PICK_BAR (self));
  g_return_if_fail (workbench == NULL || TESSERA_IS_WORKBENCH (workbench));

  if (!g_set_object (&self->workbench, workbench))
    return;

  g_signal_group_set_target (self->workbench_signals, workbench);
  on_pick_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKBENCH]);
}
