/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-swatch"

#include "config.h"

#include "tessera-swatch.h"

#define SWATCH_SIZE   12
#define SWATCH_RADIUS 3

struct _TesseraSwatch
{
  GtkWidget  parent_instance;

  char      *color;
  GdkRGBA    rgba;
  gboolean   valid;
};

G_DEFINE_FINAL_TYPE (TesseraSwatch, tessera_swatch, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COLOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tessera_swatch_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  *minimum = *natural = SWATCH_SIZE;
}

static void
tessera_swatch_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  TesseraSwatch *self = TESSERA_SWATCH (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int size = MIN (MIN (width, height), SWATCH_SIZE);
  GskRoundedRect rect;
  /* A faint edge keeps pale colours visible on light and dark backgrounds. */
  const GdkRGBA edge = { 0, 0, 0, 0.15 };
  const float edge_widths[4] = { 1, 1, 1, 1 };
  const GdkRGBA edge_colors[4] = { edge, edge, edge, edge };

  if (!self->valid || size <= 0)
    return;

  gsk_rounded_rect_init_from_rect (&rect,
                                   &GRAPHENE_RECT_INIT ((width - size) / 2.f, (height - size) / 2.f,
                                                        size, size),
                                   SWATCH_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, &self->rgba, &rect.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &rect, edge_widths, edge_colors);
}

static void
tessera_swatch_finalize (GObject *object)
{
  TesseraSwatch *self = TESSERA_SWATCH (object);

  g_clear_pointer (&self->color, g_free);

  G_OBJECT_CLASS (tessera_swatch_parent_class)->finalize (object);
}

static void
tessera_swatch_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TesseraSwatch *self = TESSERA_SWATCH (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_swatch_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TesseraSwatch *self = TESSERA_SWATCH (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      tessera_swatch_set_color (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_swatch_class_init (TesseraSwatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tessera_swatch_finalize;
  object_class->get_property = tessera_swatch_get_property;
  object_class->set_property = tessera_swatch_set_property;
  widget_class->measure = tessera_swatch_measure;
  widget_class->snapshot = tessera_swatch_snapshot;

  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "swatch");
  /* Decoration: the label's name beside it is what a screen reader reads. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
tessera_swatch_init (TesseraSwatch *self)
{
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

GtkWidget *
tessera_swatch_new (const char *color)
{
  return g_object_new (TESSERA_TYPE_SWATCH, "color", color, NULL);
}

const char *
tessera_swatch_get_color (TesseraSwatch *self)
{
  g_return_val_if_fail (TESSERA_IS_SWATCH (self), NULL);

  return self->color;
}

void
tessera_swatch_set_color (TesseraSwatch *self,
                          const char    *color)
{
  g_return_if_fail (TESSERA_IS_SWATCH (self));

  if (g_strcmp0 (self->color, color) == 0)
    return;

  g_free (self->color);
  self->color = g_strdup (color);
  self->valid = color != NULL && gdk_rgba_parse (&self->rgba, color);

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}
