/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A document's "published" value as people read it: "2023-11-14"
 * (optionally followed by a time) becomes "14 Nov 2023", or with @long_form
 * "14 November 2023"; anything else is shown as given. NULL for none. */
char *tessera_format_published (const char *published,
                                gboolean    long_form);

G_END_DECLS
