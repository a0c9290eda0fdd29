/* SPDX-License-Identifier: GPL-3.0-or-later */
/* placeholder: being written */
#define G_LOG_DOMAIN "tessera-document-view"

#include "config.h"

#include "tessera-document-view.h"

struct _TesseraDocumentView
{
  GtkWidget         parent_instance;
  TesseraWorkbench *workbench;
};

G_DEFINE_FINAL_TYPE (TesseraDocumentView, tessera_document_view, GTK_TYPE_WIDGET)

static void
tessera_document_view_dispose (GObject *object)
{
  TesseraDocumentView *self = TESSERA_DOCUMENT_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_DOCUMENT_VIEW);
  g_clear_object (&self->workbench);

  G_OBJECT_CLASS (tessera_document_view_parent_class)->dispose (object);
}

static void
tessera_document_view_class_init (TesseraDocumentViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = tessera_document_view_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-document-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tessera_document_view_init (TesseraDocumentView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TesseraWorkbench *
tessera_document_view_get_workbench (TesseraDocumentView *self)
{
  return self->workbench;
}

void
tessera_document_view_set_workbench (TesseraDocumentView    *self,
                              TesseraWorkbench *workbench)
{
  g_set_object (&self->workbench, workbench);
}

gboolean
tessera_document_view_get_tag_range (TesseraDocumentView *self,
                                     gint64              *start,
                                     gint64              *end)
{
  return FALSE;
}

void
tessera_document_view_select_range (TesseraDocumentView *self,
                                    gint64               start,
                                    gint64               end)
{
}

void
tessera_document_view_clear_range (TesseraDocumentView *self)
{
}

void
tessera_document_view_select_adjacent (TesseraDocumentView *self,
                                       int                  direction)
{
}

void
tessera_document_view_scroll_to_span (TesseraDocumentView *self,
                                      gint64               span_id)
{
}

GArray *
tessera_document_view_get_drawn_spans (TesseraDocumentView *self)
{
  return NULL;
}

GtkTextView *
tessera_document_view_get_text_view (TesseraDocumentView *self)
{
  return NULL;
}
