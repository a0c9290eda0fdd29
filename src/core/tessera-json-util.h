/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deepest nesting of [ and { in @data (strings skipped), stopping early
 * once @max_depth is passed; json-glib before 1.10 recurses without a
 * bound, so callers check this before parsing. */
guint     tessera_json_depth (const char  *data,
                              gsize        len,
                              guint        max_depth);

/* Parses @data after the depth check; errors (TESSERA_ERROR_INVALID_INPUT
 * or TESSERA_ERROR_LIMIT) begin with @origin. */
JsonNode *tessera_json_parse (const char  *origin,
                              const char  *data,
                              gssize       len,
                              GError     **error);

G_END_DECLS
