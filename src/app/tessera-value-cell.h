/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-corroboration.h"

G_BEGIN_DECLS

/* A cell of the corroboration table: what one report says in one column
 * (its trigger, a role, realis, confirmation or the stances toward the
 * event), flagged with a warning when other reports say otherwise. Each
 * quoted text opens its passage (corroboration.open-passage). */

#define TESSERA_TYPE_VALUE_CELL (tessera_value_cell_get_type ())

G_DECLARE_FINAL_TYPE (TesseraValueCell, tessera_value_cell, TESSERA, VALUE_CELL, GtkWidget)

GtkWidget *tessera_value_cell_new     (void);
/* Shows the cell of @row in @column, the @index-th of the table; nothing
 * for a NULL @row. Names, for screen readers, the table cell it is the
 * child of ("Agent: government troops"). */
void       tessera_value_cell_set_row (TesseraValueCell                 *self,
                                       TesseraCorroborationRow          *row,
                                       const TesseraCorroborationColumn *column,
                                       guint                             index);

G_END_DECLS
