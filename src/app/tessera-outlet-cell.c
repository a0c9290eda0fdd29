/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-outlet-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-outlet-cell.h"

/* Longest title the tooltip shows (code points). */
#define MAX_TITLE 120

struct _TesseraOutletCell
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkLabel  *outlet_label;
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
  g_autofree char *shown_title = NULL;
  const char *source, *title;

  g_return_if_fail (TESSERA_IS_OUTLET_CELL (self));
  g_return_if_fail (row == NULL || TESSERA_IS_CORROBORATION_ROW (row));

  source = row != NULL ? tessera_corroboration_row_get_source (row) : NULL;
  title = row != NULL ? tessera_corroboration_row_get_title (row) : NULL;

  /* The outlet, never the title: a text import's title may be its whole
   * lead paragraph. The title is in the tooltip, cut short. */
  /* Translators: the Outlet cell of a document that names no outlet. */
  gtk_label_set_label (self->outlet_label, source != NULL ? source : _("unknown outlet"));
  if (source == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->outlet_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->outlet_label), "dim-label");
  if (title != NULL && g_utf8_strlen (title, -1) > MAX_TITLE)
    {
      g_autofree char *cut = g_utf8_substring (title, 0, MAX_TITLE);

      shown_title = g_strconcat (g_strchomp (cut), "…", NULL);
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), shown_title != NULL ? shown_title : title);
  gtk_widget_set_visible (self->suggested_label,
                          row != NULL && tessera_corroboration_row_get_suggested (row));
}
