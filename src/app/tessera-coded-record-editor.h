/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-coded-event.h"

G_BEGIN_DECLS

/* A popover to set the fields of an event cluster's coded record by hand:
 * one entry per field of tessera_coded_fields(), empty when the reports'
 * reading stands (shown as the placeholder), the analyst's value when
 * one is set. Apply (or Enter) activates "corroboration.set-coded" with
 * an a{ss} of every field and its entry's text ("" gives a field back to
 * the reports). */
#define TESSERA_TYPE_CODED_RECORD_EDITOR (tessera_coded_record_editor_get_type ())

G_DECLARE_FINAL_TYPE (TesseraCodedRecordEditor, tessera_coded_record_editor, TESSERA, CODED_RECORD_EDITOR, GtkPopover)

GtkWidget *tessera_coded_record_editor_new        (void);
/* Fills the entries from @record (may be NULL: all empty). */
void       tessera_coded_record_editor_set_record (TesseraCodedRecordEditor *self,
                                                   const TesseraCodedEvent  *record);

G_END_DECLS
