/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-outlet-cell"

#include "config.h"

#include "tessera-outlet-cell.h"

struct _TesseraOutletCell
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkLabel  *outlet_label;
  GtkLabel  *title_label;
  GtkWidget *suggested_label;
};

G_DEFINE_FINAL_TYPE (TesseraOutletCell, tessera_outlet_cell, GTK_TYPE_WIDGET)

static void
tessera_outlet_cell_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TESSERA_TYPE_OUTLET_CELL);

  G_OBJECT_CLASS (tessera_outlet_cell_parent_class)->dispose (object);
}

static void
tessera_outlet_cell_class_init (TesseraOutletCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_outlet_cell_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tessera/Tessera/tessera-outlet-cell.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraOutletCell, outlet_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraOutletCell, title_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraOutletCell, suggested_label);
}

static void
tessera_outlet_cell_init (TesseraOutletCell *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tessera_outlet_cell_new (void)
{
  return g_object_new (TESSERA_TYPE_OUTLET_CELL, NULL);
}

void
tessera_outlet_cell_set_row (TesseraOutletCell       *self,
                             TesseraCorroborationRow *row)
{
  const char *source, *title;

  g_return_if_fail (TESSERA_IS_OUTLET_CELL (self));
  g_return_if_fail (row == NULL || TESSERA_IS_CORROBORATION_ROW (row));

  source = row != NULL ? tessera_corroboration_row_get_source (row) : NULL;
  title = row != NULL ? tessera_corroboration_row_get_title (row) : NULL;

  gtk_label_set_label (self->outlet_label, source);
  gtk_label_set_label (self->title_label, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), title);
  /* The headline under the outlet, unless it stands in for it. */
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), g_strcmp0 (title, source) != 0);
  gtk_widget_set_visible (self->suggested_label,
                          row != NULL && tessera_corroboration_row_get_suggested (row));
}
