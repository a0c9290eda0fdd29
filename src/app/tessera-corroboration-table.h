/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-corroboration.h"

G_BEGIN_DECLS

/* The table of an event cluster's reports side by side: a row per report
 * (TesseraCorroborationRow), to select with a check box and to remove
 * with a button, its outlet and date, then a column per thing the
 * reports can say, the columns where they disagree marked. A row opens
 * its event and a cell its passage (corroboration.open-passage); the
 * remove button activates corroboration.remove-member. */

#define TESSERA_TYPE_CORROBORATION_TABLE (tessera_corroboration_table_get_type ())

G_DECLARE_FINAL_TYPE (TesseraCorroborationTable, tessera_corroboration_table, TESSERA, CORROBORATION_TABLE, GtkWidget)

/* Shows event cluster @cluster_id of @project (nothing for a NULL
 * @project or a @cluster_id of 0). With @keep_selection, the reports
 * selected before stay selected. On failure it shows nothing. */
gboolean                          tessera_corroboration_table_load          (TesseraCorroborationTable  *self,
                                                                             TesseraProject             *project,
                                                                             gint64                      cluster_id,
                                                                             gboolean                    keep_selection,
                                                                             GError                    **error);
/* The rows (TesseraCorroborationRow) and their selection, as shown. */
GtkSelectionModel                *tessera_corroboration_table_get_rows      (TesseraCorroborationTable  *self);
/* The columns of the cluster's, as tessera_corroboration_load() made them
 * (TesseraCorroborationColumn*; NULL before a load). */
GPtrArray                        *tessera_corroboration_table_get_columns   (TesseraCorroborationTable  *self);
/* The same, one by one. */
guint                             tessera_corroboration_table_get_n_columns (TesseraCorroborationTable  *self);
const TesseraCorroborationColumn *tessera_corroboration_table_get_column    (TesseraCorroborationTable  *self,
                                                                             guint                       index);
/* "3 reports · 2 outlets · They differ on Casualties". */
char                             *tessera_corroboration_table_dup_summary   (TesseraCorroborationTable  *self);

G_END_DECLS
