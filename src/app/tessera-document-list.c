/* SPDX-License-Identifier: GPL-3.0-or-later */
/* placeholder: being written */
#define G_LOG_DOMAIN "tessera-document-list"

#include "config.h"

#include "tessera-document-list.h"

struct _TesseraDocumentList
{
  GtkWidget         parent_instance;
  TesseraWorkbench *workbench;
};

G_DEFINE_FINAL_TYPE (TesseraDocumentList, tessera_document_list, GTK_TYPE_WIDGET)

static void
tessera_document_list_dispose (GObject *object)
{
  TesseraDocumentList *self = TESSERA_DOCUMENT_LIST (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_DOCUMENT_LIST);
  g_clear_object (&self->workbench);

  G_OBJECT_CLASS (tessera_document_list_parent_class)->dispose (object);
}

static void
tessera_document_list_class_init (TesseraDocumentListClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = tessera_document_list_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-document-list.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tessera_document_list_init (TesseraDocumentList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TesseraWorkbench *
tessera_document_list_get_workbench (TesseraDocumentList *self)
{
  return self->workbench;
}

void
tessera_document_list_set_workbench (TesseraDocumentList    *self,
                              TesseraWorkbench *workbench)
{
  g_set_object (&self->workbench, workbench);
}

void
tessera_document_list_focus_search (TesseraDocumentList *self)
{
}

void
tessera_document_list_select_adjacent (TesseraDocumentList *self,
                                       int                  direction)
{
}
