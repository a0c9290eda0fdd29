/* SPDX-License-Identifier: GPL-3.0-or-later */
/* placeholder: being written */
#define G_LOG_DOMAIN "tessera-label-palette"

#include "config.h"

#include "tessera-label-palette.h"

struct _TesseraLabelPalette
{
  GtkWidget         parent_instance;
  TesseraWorkbench *workbench;
};

G_DEFINE_FINAL_TYPE (TesseraLabelPalette, tessera_label_palette, GTK_TYPE_WIDGET)

static void
tessera_label_palette_dispose (GObject *object)
{
  TesseraLabelPalette *self = TESSERA_LABEL_PALETTE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_LABEL_PALETTE);
  g_clear_object (&self->workbench);

  G_OBJECT_CLASS (tessera_label_palette_parent_class)->dispose (object);
}

static void
tessera_label_palette_class_init (TesseraLabelPaletteClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = tessera_label_palette_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-label-palette.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tessera_label_palette_init (TesseraLabelPalette *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TesseraWorkbench *
tessera_label_palette_get_workbench (TesseraLabelPalette *self)
{
  return self->workbench;
}

void
tessera_label_palette_set_workbench (TesseraLabelPalette    *self,
                              TesseraWorkbench *workbench)
{
  g_set_object (&self->workbench, workbench);
}
