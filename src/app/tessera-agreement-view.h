/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-agreement.h"
#include "tessera-workbench.h"

G_BEGIN_DECLS

/* How far the project's annotators agree: a table of pairs × measures
 * (F1 of entity spans, triggers, arguments, frames and stances, α and
 * B³), computed on a worker (tessera_agreement_compute_async) when shown
 * and again after changes; the entity spans by label for the chosen
 * pair; and the disagreements of the chosen cell, each opening its
 * passage (win.open-passage). Property "workbench": the project shown. */

#define TESSERA_TYPE_AGREEMENT_VIEW (tessera_agreement_view_get_type ())

G_DECLARE_FINAL_TYPE (TesseraAgreementView, tessera_agreement_view, TESSERA, AGREEMENT_VIEW, GtkWidget)

TesseraWorkbench       *tessera_agreement_view_get_workbench (TesseraAgreementView    *self);
void                    tessera_agreement_view_set_workbench (TesseraAgreementView    *self,
                                                              TesseraWorkbench        *workbench);
/* The agreement shown, or NULL (none yet, or being computed). */
const TesseraAgreement *tessera_agreement_view_get_agreement (TesseraAgreementView    *self);
/* Chooses the cell of pair @pair and @measure: its disagreements are
 * listed (@label: one entity label's, or NULL). */
void                    tessera_agreement_view_select_cell   (TesseraAgreementView    *self,
                                                              guint                    pair,
                                                              TesseraAgreementMeasure  measure,
                                                              const char              *label);
/* Whether it computes, or will once changes settle. */
gboolean                tessera_agreement_view_get_busy      (TesseraAgreementView    *self);
/* The disagreements listed (TesseraDisagreement, not owned), in order. */
GPtrArray              *tessera_agreement_view_list_shown    (TesseraAgreementView    *self);

G_END_DECLS
