/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tessera-coded-event.h"

G_BEGIN_DECLS

/* The coded record of an event cluster as the corroboration view shows
 * it beside the reports: Pango markup, a few lines. @analysed says
 * whether the shared-passage analysis has run (else independent
 * sources are not known yet). */
char *tessera_coded_record_describe (const TesseraCodedEvent *record,
                                     gboolean                 analysed);

G_END_DECLS
