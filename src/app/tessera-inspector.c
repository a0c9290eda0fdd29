/* SPDX-License-Identifier: GPL-3.0-or-later */
/* placeholder: being written */
#define G_LOG_DOMAIN "tessera-inspector"

#include "config.h"

#include "tessera-inspector.h"

struct _TesseraInspector
{
  GtkWidget         parent_instance;
  TesseraWorkbench *workbench;
};

G_DEFINE_FINAL_TYPE (TesseraInspector, tessera_inspector, GTK_TYPE_WIDGET)

static void
tessera_inspector_dispose (GObject *object)
{
  TesseraInspector *self = TESSERA_INSPECTOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_INSPECTOR);
  g_clear_object (&self->workbench);

  G_OBJECT_CLASS (tessera_inspector_parent_class)->dispose (object);
}

static void
tessera_inspector_class_init (TesseraInspectorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = tessera_inspector_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-inspector.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tessera_inspector_init (TesseraInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TesseraWorkbench *
tessera_inspector_get_workbench (TesseraInspector *self)
{
  return self->workbench;
}

void
tessera_inspector_set_workbench (TesseraInspector    *self,
                              TesseraWorkbench *workbench)
{
  g_set_object (&self->workbench, workbench);
}
