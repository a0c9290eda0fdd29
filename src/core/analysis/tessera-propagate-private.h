/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-propagate.h"

G_BEGIN_DECLS

/* What propagation and tagging all occurrences share. */

/* "start:end:label", to tell a span already there. */
char                  *_tessera_propagate_span_key     (gint64                  start,
                                                       gint64                  end,
                                                       gint64                  label_id);
/* The span keys of @rejections (TesseraRejection): what the analyst
 * rejected, never proposed again. */
GHashTable            *_tessera_propagate_rejected_keys (GArray                *rejections);

G_END_DECLS
