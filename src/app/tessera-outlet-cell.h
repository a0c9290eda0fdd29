/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-corroboration.h"

G_BEGIN_DECLS

/* The outlet column of the corroboration table: who reports, the
 * headline under it unless it stands in for the outlet, and whether the
 * event is only suggested. */

#define TESSERA_TYPE_OUTLET_CELL (tessera_outlet_cell_get_type ())

G_DECLARE_FINAL_TYPE (TesseraOutletCell, tessera_outlet_cell, TESSERA, OUTLET_CELL, GtkWidget)

GtkWidget *tessera_outlet_cell_new     (void);
/* Shows the report of @row; nothing for NULL. */
void       tessera_outlet_cell_set_row (TesseraOutletCell       *self,
                                        TesseraCorroborationRow *row);

G_END_DECLS
