/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A small rounded square in a label's colour, beside the label's name.
 * Property "color": "#rrggbb" (anything else draws nothing). */

#define TESSERA_TYPE_SWATCH (tessera_swatch_get_type ())

G_DECLARE_FINAL_TYPE (TesseraSwatch, tessera_swatch, TESSERA, SWATCH, GtkWidget)

GtkWidget  *tessera_swatch_new       (const char    *color);
const char *tessera_swatch_get_color (TesseraSwatch *self);
void        tessera_swatch_set_color (TesseraSwatch *self,
                                      const char    *color);

G_END_DECLS
