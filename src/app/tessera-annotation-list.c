/* SPDX-License-Identifier: GPL-3.0-or-later */
/* placeholder: being written */
#define G_LOG_DOMAIN "tessera-annotation-list"

#include "config.h"

#include "tessera-annotation-list.h"

struct _TesseraAnnotationList
{
  GtkWidget         parent_instance;
  TesseraWorkbench *workbench;
};

G_DEFINE_FINAL_TYPE (TesseraAnnotationList, tessera_annotation_list, GTK_TYPE_WIDGET)

static void
tessera_annotation_list_dispose (GObject *object)
{
  TesseraAnnotationList *self = TESSERA_ANNOTATION_LIST (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_ANNOTATION_LIST);
  g_clear_object (&self->workbench);

  G_OBJECT_CLASS (tessera_annotation_list_parent_class)->dispose (object);
}

static void
tessera_annotation_list_class_init (TesseraAnnotationListClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = tessera_annotation_list_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-annotation-list.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tessera_annotation_list_init (TesseraAnnotationList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TesseraWorkbench *
tessera_annotation_list_get_workbench (TesseraAnnotationList *self)
{
  return self->workbench;
}

void
tessera_annotation_list_set_workbench (TesseraAnnotationList    *self,
                              TesseraWorkbench *workbench)
{
  g_set_object (&self->workbench, workbench);
}
