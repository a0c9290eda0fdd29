/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-schema"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tessera-core-resources.h"
#include "tessera-error.h"
#include "tessera-json-util.h"
#include "tessera-schema.h"

/* The JSON keys of each kind, in TesseraLabelKind order. */
static const char * const kind_plural[TESSERA_N_LABEL_KINDS] = {
  "entities", "events", "roles", "stances",
};
static const char * const kind_singular[TESSERA_N_LABEL_KINDS] = {
  "entity", "event", "role", "stance",
};

/* Given to labels that come without a colour. */
static const char * const fallback_colors[] = {
  "#3584e4", "#e01b24", "#2ec27e", "#9141ac", "#ff7800", "#986a44", "#e5a50a", "#2190a4",
};

const char *
tessera_label_kind_to_string (TesseraLabelKind kind)
{
  g_return_val_if_fail (kind >= 0 && kind < TESSERA_N_LABEL_KINDS, NULL);

  return kind_singular[kind];
}

gboolean
tessera_label_kind_from_string (const char       *str,
                                TesseraLabelKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (int i = 0; i < TESSERA_N_LABEL_KINDS; i++)
    {
      if (g_str_equal (str, kind_singular[i]) || g_str_equal (str, kind_plural[i]))
        {
          *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

G_DEFINE_BOXED_TYPE (TesseraLabel, tessera_label, tessera_label_copy, tessera_label_free)

TesseraLabel *
tessera_label_new (void)
{
  TesseraLabel *label = g_new0 (TesseraLabel, 1);

  label->roles = g_array_new (FALSE, TRUE, sizeof (gint64));

  return label;
}

TesseraLabel *
tessera_label_copy (const TesseraLabel *label)
{
  TesseraLabel *copy;

  g_return_val_if_fail (label != NULL, NULL);

  copy = tessera_label_new ();
  copy->id = label->id;
  copy->kind = label->kind;
  copy->name = g_strdup (label->name);
  copy->description = g_strdup (label->description);
  copy->color = g_strdup (label->color);
  copy->shortcut = g_strdup (label->shortcut);
  copy->position = label->position;
  if (label->roles != NULL)
    g_array_append_vals (copy->roles, label->roles->data, label->roles->len);

  return copy;
}

void
tessera_label_free (TesseraLabel *label)
{
  if (label == NULL)
    return;

  g_free (label->name);
  g_free (label->description);
  g_free (label->color);
  g_free (label->shortcut);
  g_clear_pointer (&label->roles, g_array_unref);
  g_free (label);
}

gboolean
tessera_color_is_valid (const char *color)
{
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return FALSE;

  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;

  return TRUE;
}

void
tessera_attribute_free (TesseraAttribute *attr)
{
  if (attr == NULL)
    return;

  g_free (attr->name);
  g_strfreev (attr->values);
  g_free (attr->default_value);
  g_free (attr);
}

TesseraAttribute *
tessera_attribute_copy (const TesseraAttribute *attr)
{
  TesseraAttribute *copy = g_new0 (TesseraAttribute, 1);

  copy->name = g_strdup (attr->name);
  copy->values = g_strdupv (attr->values);
  copy->default_value = g_strdup (attr->default_value);

  return copy;
}

gboolean
tessera_attribute_has_value (const TesseraAttribute *attr,
                             const char             *value)
{
  return attr != NULL && value != NULL && g_strv_contains ((const char * const *) attr->values, value);
}

void
tessera_schema_def_free (TesseraSchemaDef *def)
{
  if (def == NULL)
    return;

  g_free (def->name);
  g_clear_pointer (&def->labels, g_ptr_array_unref);
  g_clear_pointer (&def->role_names, g_ptr_array_unref);
  g_clear_pointer (&def->renamed_from, g_ptr_array_unref);
  g_clear_pointer (&def->attributes, g_ptr_array_unref);
  g_free (def);
}

static const char *
member_string (JsonObject *obj,
               const char *key)
{
  JsonNode *node = json_object_get_member (obj, key);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
member_is_present_but_not_string (JsonObject *obj,
                                  const char *key)
{
  JsonNode *node = json_object_get_member (obj, key);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) && member_string (obj, key) == NULL;
}

static GStrv
string_array (JsonArray *array)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_STRING)
        return NULL;
      g_strv_builder_add (builder, json_node_get_string (node));
    }

  return g_strv_builder_end (builder);
}

static gboolean
parse_label (TesseraSchemaDef  *def,
             TesseraLabelKind   kind,
             guint              index,
             JsonObject        *obj,
             GHashTable        *names,
             GHashTable        *shortcuts,
             GError           **error)
{
  g_autoptr(TesseraLabel) label = tessera_label_new ();
  const char *where = kind_plural[kind];
  const char *name = member_string (obj, "name");
  const char *color = member_string (obj, "color");
  const char *shortcut = member_string (obj, "shortcut");
  const char *renamed_from = member_string (obj, "renamed_from");
  GStrv roles = NULL;

  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_SCHEMA,
                   /* Translators: the list of the schema JSON the label is in (entities,
                    * events, roles or stances: JSON keys, keep them as they are), then its
                    * position there. Keep "name" as it is. */
                   _("schema: %s[%u] has no \"name\""), where, index);
      return FALSE;
    }
  if (g_hash_table_contains (names, name))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_SCHEMA,
                   /* Translators: the list of the schema JSON (entities, events, roles or
                    * stances), then a label's name. */
                   _("schema: %s: \"%s\" appears twice"), where, name);
      return FALSE;
    }
  if (color != NULL && !tessera_color_is_valid (color))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_SCHEMA,
                   /* Translators: the list of the schema JSON (entities, events, roles or
                    * stances), a label's name, then the colour it was given. */
                   _("schema: %s \"%s\": colour \"%s\" is not of the form #rrggbb"),
                   where, name, color);
      return FALSE;
    }
  if (member_is_present_but_not_string (obj, "color") ||
      member_is_present_but_not_string (obj, "shortcut") ||
      member_is_present_but_not_string (obj, "description"))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_SCHEMA,
                   /* Translators: the list of the schema JSON (entities, events, roles or
                    * stances), then a label's name. */
                   _("schema: %s \"%s\": colour, shortcut and description must be strings"),
                   where, name);
      return FALSE;
    }
  if (shortcut != NULL && *shortcut != '\0')
    {
      gunichar c = g_utf8_get_char_validated (shortcut, -1);

      if (g_utf8_strlen (shortcut, -1) != 1 || !g_unichar_isalnum (c))
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_SCHEMA,
                       /* Translators: the list of the schema JSON (entities, events, roles or
                        * stances), a label's name, then its shortcut key. */
                       _("schema: %s \"%s\": shortcut \"%s\" must be one letter or digit"),
                       where, name, shortcut);
          return FALSE;
        }
      if (g_hash_table_contains (shortcuts, shortcut))
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_SCHEMA,
                       /* Translators: the list of the schema JSON (entities, events, roles or
                        * stances), a label's name, its shortcut key, then the label that
                        * already has that key. */
                       _("schema: %s \"%s\": shortcut \"%s\" is already used by \"%s\""),
                       where, name, shortcut, (const char *) g_hash_table_lookup (shortcuts, shortcut));
          return FALSE;
        }
      g_hash_table_insert (shortcuts, (gpointer) shortcut, (gpointer) name);
    }
  else
    shortcut = NULL;

  if (kind == TESSERA_LABEL_EVENT && json_object_has_member (obj, "roles"))
    {
      JsonNode *node = json_object_get_member (obj, "roles");

      if (!JSON_NODE_HOLDS_ARRAY (node) || (roles = string_array (json_node_get_array (node))) == NULL)
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_SCHEMA,
                       /* Translators: an event label's name. Keep "roles" as it is: it is a
                        * JSON key. */
                       _("schema: event \"%s\": \"roles\" must be an array of role names"), name);
          return FALSE;
        }
    }

  g_hash_table_add (names, (gpointer) name);

  label->kind = kind;
  label->name = g_strdup (name);
  label->description = g_strdup (member_string (obj, "description"));
  label->color = g_strdup (color ? color : fallback_colors[index % G_N_ELEMENTS (fallback_colors)]);
  label->shortcut = g_strdup (shortcut);
  label->position = index;

  g_ptr_array_add (def->labels, g_steal_pointer (&label));
  g_ptr_array_add (def->role_names, roles);
  g_ptr_array_add (def->renamed_from, g_strdup (renamed_from));

  return TRUE;
}

static gboolean
parse_attribute (TesseraSchemaDef  *def,
                 guint              index,
                 JsonObject        *obj,
                 GError           **error)
{
  g_autoptr(TesseraAttribute) attr = g_new0 (TesseraAttribute, 1);
  const char *name = member_string (obj, "name");
  const char *default_value = member_string (obj, "default");
  JsonNode *values = json_object_get_member (obj, "values");

  if (name == NULL || *name == '\0')
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_SCHEMA,
                   /* Translators: a position in the schema's "attributes". Keep "attributes"
                    * and "name" as they are: they are JSON keys. */
                   _("schema: attributes[%u] has no \"name\""), index);
      return FALSE;
    }
  if (values == NULL || !JSON_NODE_HOLDS_ARRAY (values) ||
      (attr->values = string_array (json_node_get_array (values))) == NULL ||
      attr->values[0] == NULL)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_SCHEMA,
                   _("schema: attribute \"%s\": \"values\" must be a non-empty array of strings"), name);
      return FALSE;
    }
  if (default_value != NULL && !g_strv_contains ((const char * const *) attr->values, default_value))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_SCHEMA,
                   _("schema: attribute \"%s\": default \"%s\" is not one of its values"),
                   name, default_value);
      return FALSE;
    }
  for (guint i = 0; i < def->attributes->len; i++)
    {
      TesseraAttribute *other = g_ptr_array_index (def->attributes, i);

      if (g_str_equal (other->name, name))
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_SCHEMA,
                       _("schema: attribute \"%s\" appears twice"), name);
          return FALSE;
        }
    }

  attr->name = g_strdup (name);
  attr->default_value = g_strdup (default_value ? default_value : attr->values[0]);
  g_ptr_array_add (def->attributes, g_steal_pointer (&attr));

  return TRUE;
}

/* Events and stances need realis and confirmation; a schema that leaves
 * them out gets the defaults of DESIGN.md §5. */
static void
add_missing_attributes (TesseraSchemaDef *def)
{
  static const char * const realis[] = { "actual", "claimed", "planned", "generic", NULL };
  static const char * const confirmation[] = { "confirmed", "unconfirmed", NULL };
  struct { const char *name; const char * const *values; const char *def; } wanted[] = {
    { "realis", realis, "actual" },
    { "confirmation", confirmation, "unconfirmed" },
  };

  for (guint w = 0; w < G_N_ELEMENTS (wanted); w++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < def->attributes->len && !found; i++)
        found = g_str_equal (((TesseraAttribute *) g_ptr_array_index (def->attributes, i))->name,
                             wanted[w].name);
      if (!found)
        {
          TesseraAttribute *attr = g_new0 (TesseraAttribute, 1);

          attr->name = g_strdup (wanted[w].name);
          attr->values = g_strdupv ((char **) wanted[w].values);
          attr->default_value = g_strdup (wanted[w].def);
          g_ptr_array_add (def->attributes, attr);
        }
    }
}

TesseraSchemaDef *
tessera_schema_def_parse (const char  *json,
                          gssize       len,
                          GError     **error)
{
  g_autoptr(TesseraSchemaDef) def = g_new0 (TesseraSchemaDef, 1);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) role_names = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *obj;

  g_return_val_if_fail (json != NULL, NULL);

  if (!(root = tessera_json_parse ("schema", json, len, error)))
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_SCHEMA,
                   _("schema: expected a JSON object with \"entities\", \"events\", \"roles\" and \"stances\""));
      return NULL;
    }
  obj = json_node_get_object (root);

  def->name = g_strdup (member_string (obj, "name"));
  def->labels = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_label_free);
  def->role_names = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  def->renamed_from = g_ptr_array_new_with_free_func (g_free);
  def->attributes = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_attribute_free);

  for (int kind = 0; kind < TESSERA_N_LABEL_KINDS; kind++)
    {
      g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) shortcuts = g_hash_table_new (g_str_hash, g_str_equal);
      JsonNode *node = json_object_get_member (obj, kind_plural[kind]);
      JsonArray *array;

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_SCHEMA,
                       /* Translators: a JSON key of the schema (entities, events, roles or
                        * stances). */
                       _("schema: \"%s\" must be an array"), kind_plural[kind]);
          return NULL;
        }

      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_SCHEMA,
                           /* Translators: the list of the schema JSON (entities, events, roles
                            * or stances), then a position in it. */
                           _("schema: %s[%u] must be an object"), kind_plural[kind], i);
              return NULL;
            }
          if (!parse_label (def, kind, i, json_node_get_object (element), names, shortcuts, error))
            return NULL;
          if (kind == TESSERA_LABEL_ROLE)
            g_hash_table_add (role_names, ((TesseraLabel *) g_ptr_array_index (def->labels, def->labels->len - 1))->name);
        }
    }

  /* Every role an event type offers must be a declared role. */
  for (guint i = 0; i < def->labels->len; i++)
    {
      TesseraLabel *label = g_ptr_array_index (def->labels, i);
      GStrv roles = g_ptr_array_index (def->role_names, i);

      for (guint r = 0; roles != NULL && roles[r] != NULL; r++)
        {
          if (!g_hash_table_contains (role_names, roles[r]))
            {
              g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_SCHEMA,
                           /* Translators: an event label's name, then a role's name. Keep
                            * "roles" as it is: it is a JSON key. */
                           _("schema: event \"%s\": role \"%s\" is not among the \"roles\""),
                           label->name, roles[r]);
              return NULL;
            }
        }
    }

  if (json_object_has_member (obj, "attributes"))
    {
      JsonNode *node = json_object_get_member (obj, "attributes");
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_SCHEMA,
                       _("schema: \"attributes\" must be an array"));
          return NULL;
        }
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_SCHEMA,
                           _("schema: attributes[%u] must be an object"), i);
              return NULL;
            }
          if (!parse_attribute (def, i, json_node_get_object (element), error))
            return NULL;
        }
    }
  add_missing_attributes (def);

  return g_steal_pointer (&def);
}

TesseraSchemaDef *
tessera_schema_def_default (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  TesseraSchemaDef *def;

  /* Through the resource object, not the global table: the static
   * library's resource constructor may be left out by the linker. */
  bytes = g_resource_lookup_data (tessera_core_get_resource (),
                                  "/app/tessera/core/schema/conflict-news.json",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);

  def = tessera_schema_def_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  return def;
}
