/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-json"

#include "config.h"

#include <string.h>

#include "tessera-error.h"
#include "tessera-json-util.h"
#include "tessera-limits.h"

guint
tessera_json_depth (const char *data,
                    gsize       len,
                    guint       max_depth)
{
  guint depth = 0;
  guint deepest = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > deepest)
            {
              deepest = depth;
              if (deepest > max_depth)
                return deepest;
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }

  return deepest;
}

JsonNode *
tessera_json_parse (const char  *origin,
                    const char  *data,
                    gssize       len,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  if (len < 0)
    len = strlen (data);

  if (tessera_json_depth (data, len, TESSERA_MAX_JSON_DEPTH) > TESSERA_MAX_JSON_DEPTH)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_LIMIT,
                   "%s: JSON nested deeper than %d levels", origin, TESSERA_MAX_JSON_DEPTH);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   "%s: not valid JSON: %s", origin, local_error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   "%s: empty JSON document", origin);
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}
