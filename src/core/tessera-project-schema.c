/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-project"

#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tessera-json-util.h"
#include "tessera-project-private.h"

/* Labels live in memory as well as in the file: there are dozens, and
 * exports look one up for every span. */

static gboolean
is_name (const char *name)
{
  return name != NULL && *name != '\0' && g_utf8_validate (name, -1, NULL);
}

/* What was loaded is a schema Tessera could have written: a damaged page
 * must not reach the window or an export as a label without a name, or
 * an attribute whose default is not one of its values. */
static gboolean
check_schema (TesseraProject  *self,
              GError         **error)
{
  for (guint i = 0; i < self->labels->len; i++)
    {
      const TesseraLabel *label = g_ptr_array_index (self->labels, i);

      if (!is_name (label->name) || !is_name (label->color) ||
          (label->description != NULL && !g_utf8_validate (label->description, -1, NULL)) ||
          (label->shortcut != NULL && !g_utf8_validate (label->shortcut, -1, NULL)))
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
                       _("%s is damaged: label %" PRId64 " is not readable "
                          "(“tessera-cli check” tells more)"), self->path, label->id);
          return FALSE;
        }
    }

  for (guint i = 0; i < self->attributes->len; i++)
    {
      const TesseraAttribute *attr = g_ptr_array_index (self->attributes, i);

      if (!is_name (attr->name) || attr->values[0] == NULL ||
          !tessera_attribute_has_value (attr, attr->default_value))
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
                       _("%s is damaged: the values of attribute %s are not readable "
                          "(“tessera-cli check” tells more)"), self->path,
                       is_name (attr->name) ? attr->name : "?");
          return FALSE;
        }
      for (guint v = 0; attr->values[v] != NULL; v++)
        if (!is_name (attr->values[v]))
          {
            g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
                         _("%s is damaged: the values of attribute %s are not readable "
                            "(“tessera-cli check” tells more)"), self->path, attr->name);
            return FALSE;
          }
    }

  return TRUE;
}

gboolean
_tessera_project_load_schema (TesseraProject  *self,
                              GError         **error)
{
  static const char labels_sql[] =
    "SELECT id, kind, name, description, color, shortcut, position FROM label"
    " ORDER BY CASE kind WHEN 'entity' THEN 0 WHEN 'event' THEN 1 WHEN 'role' THEN 2 ELSE 3 END,"
    " position, id";
  static const char roles_sql[] =
    "SELECT event_label_id, role_label_id FROM label_role ORDER BY event_label_id, position";
  static const char attrs_sql[] = "SELECT name, vals, default_value FROM attribute ORDER BY id";
  g_auto(TesseraStmt) labels = NULL;
  g_auto(TesseraStmt) roles = NULL;
  g_auto(TesseraStmt) attrs = NULL;
  gboolean failed = FALSE;

  if (!(labels = _tessera_project_stmt (self, labels_sql, error)) ||
      !(roles = _tessera_project_stmt (self, roles_sql, error)) ||
      !(attrs = _tessera_project_stmt (self, attrs_sql, error)))
    return FALSE;

  /* The old labels retire rather than go: pointers handed out stay valid
   * (the header's promise), even across a rollback. */
  g_hash_table_remove_all (self->labels_by_id);
  if (self->labels->len > 0)
    {
      g_ptr_array_add (self->retired, self->labels);
      self->labels = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_label_free);
    }
  if (self->attributes->len > 0)
    {
      g_ptr_array_add (self->retired, self->attributes);
      self->attributes = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_attribute_free);
    }

  while (_tessera_project_next_row (self, labels, &failed, error))
    {
      TesseraLabel *label = tessera_label_new ();

      label->id = sqlite3_column_int64 (labels, 0);
      tessera_label_kind_from_string ((const char *) sqlite3_column_text (labels, 1), &label->kind);
      label->name = _tessera_column_dup (labels, 2);
      label->description = _tessera_column_dup (labels, 3);
      label->color = _tessera_column_dup (labels, 4);
      label->shortcut = _tessera_column_dup (labels, 5);
      label->position = sqlite3_column_int (labels, 6);
      g_ptr_array_add (self->labels, label);
      g_hash_table_insert (self->labels_by_id, &label->id, label);
    }

  while (!failed && _tessera_project_next_row (self, roles, &failed, error))
    {
      gint64 event_id = sqlite3_column_int64 (roles, 0);
      gint64 role_id = sqlite3_column_int64 (roles, 1);
      TesseraLabel *event = g_hash_table_lookup (self->labels_by_id, &event_id);

      if (event != NULL)
        g_array_append_val (event->roles, role_id);
    }

  while (!failed && _tessera_project_next_row (self, attrs, &failed, error))
    {
      const char *json = (const char *) sqlite3_column_text (attrs, 1);
      g_autoptr(JsonNode) values = json ? tessera_json_parse ("attribute values", json, -1, NULL) : NULL;
      TesseraAttribute *attr = g_new0 (TesseraAttribute, 1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      attr->name = _tessera_column_dup (attrs, 0);
      attr->default_value = _tessera_column_dup (attrs, 2);
      if (values != NULL && JSON_NODE_HOLDS_ARRAY (values))
        {
          JsonArray *array = json_node_get_array (values);

          for (guint i = 0; i < json_array_get_length (array); i++)
            if (json_node_get_value_type (json_array_get_element (array, i)) == G_TYPE_STRING)
              g_strv_builder_add (builder, json_array_get_string_element (array, i));
        }
      attr->values = g_strv_builder_end (builder);
      g_ptr_array_add (self->attributes, attr);
    }

  return !failed && check_schema (self, error);
}

GPtrArray *
tessera_project_list_labels (TesseraProject   *self,
                             TesseraLabelKind  kind)
{
  GPtrArray *result;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);

  result = g_ptr_array_new ();
  for (guint i = 0; i < self->labels->len; i++)
    {
      TesseraLabel *label = g_ptr_array_index (self->labels, i);

      if (kind == TESSERA_LABEL_ANY || label->kind == kind)
        g_ptr_array_add (result, label);
    }

  return result;
}

const TesseraLabel *
tessera_project_get_label (TesseraProject *self,
                           gint64          id)
{
  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);

  return g_hash_table_lookup (self->labels_by_id, &id);
}

const TesseraLabel *
tessera_project_find_label (TesseraProject   *self,
                            TesseraLabelKind  kind,
                            const char       *name)
{
  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);

  if (name == NULL)
    return NULL;

  for (guint i = 0; i < self->labels->len; i++)
    {
      TesseraLabel *label = g_ptr_array_index (self->labels, i);

      if ((kind == TESSERA_LABEL_ANY || label->kind == kind) && g_str_equal (label->name, name))
        return label;
    }

  return NULL;
}

/* What a label is, for messages: "an entity label". */
static const char *
label_kind_phrase (TesseraLabelKind kind)
{
  switch (kind)
    {
    case TESSERA_LABEL_ENTITY:
      return _("an entity label");
    case TESSERA_LABEL_EVENT:
      return _("an event label");
    case TESSERA_LABEL_ROLE:
      return _("a role label");
    case TESSERA_LABEL_STANCE:
      return _("a stance label");
    case TESSERA_LABEL_ANY:
    case TESSERA_N_LABEL_KINDS:
    default:
      return _("a label");
    }
}

const TesseraLabel *
_tessera_project_require_label (TesseraProject    *self,
                                gint64             id,
                                TesseraLabelKind   kind,
                                GError           **error)
{
  const TesseraLabel *label = tessera_project_get_label (self, id);

  if (label == NULL)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND,
                   _("No label with id %" PRId64), id);
      return NULL;
    }
  if (kind != TESSERA_LABEL_ANY && label->kind != kind)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   /* Translators: a label's name, then what it is and what was asked
                    * for: "\"Place\" is an entity label, not an event label". */
                   _("\"%s\" is %s, not %s"), label->name,
                   label_kind_phrase (label->kind), label_kind_phrase (kind));
      return NULL;
    }

  return label;
}

const TesseraAttribute *
tessera_project_get_attribute (TesseraProject *self,
                               const char     *name)
{
  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);

  for (guint i = 0; i < self->attributes->len; i++)
    {
      TesseraAttribute *attr = g_ptr_array_index (self->attributes, i);

      if (g_str_equal (attr->name, name))
        return attr;
    }

  return NULL;
}

static gboolean
shortcut_taken (TesseraProject    *self,
                TesseraLabelKind   kind,
                const char        *shortcut,
                gint64             except_id,
                GError           **error)
{
  for (guint i = 0; shortcut != NULL && i < self->labels->len; i++)
    {
      TesseraLabel *label = g_ptr_array_index (self->labels, i);

      if (label->kind == kind && label->id != except_id && g_strcmp0 (label->shortcut, shortcut) == 0)
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       /* Translators: a shortcut key, then the name of the label that has it. */
                       _("The key “%s” is already used by “%s”"), shortcut, label->name);
          return TRUE;
        }
    }

  return FALSE;
}

static gint64
insert_label (TesseraProject      *self,
              const TesseraLabel  *label,
              GError             **error)
{
  static const char sql[] =
    "INSERT INTO label (kind, name, description, color, shortcut, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
  g_auto(TesseraStmt) stmt = _tessera_project_stmt (self, sql, error);

  if (stmt == NULL)
    return 0;

  _tessera_bind_text (stmt, 1, tessera_label_kind_to_string (label->kind));
  _tessera_bind_text (stmt, 2, label->name);
  _tessera_bind_text (stmt, 3, label->description);
  _tessera_bind_text (stmt, 4, label->color);
  _tessera_bind_text (stmt, 5, label->shortcut);
  sqlite3_bind_int (stmt, 6, label->position);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                     /* Translators: "There is already an entity label “Place”". */
                     _("There is already %s “%s”"), label_kind_phrase (label->kind), label->name);
      else
        _tessera_project_set_sqlite_error (self, error, N_("Adding a label"));
      return 0;
    }

  return sqlite3_last_insert_rowid (self->db);
}

gint64
tessera_project_add_label (TesseraProject    *self,
                           TesseraLabelKind   kind,
                           const char        *name,
                           const char        *color,
                           const char        *shortcut,
                           GError           **error)
{
  g_autoptr(TesseraLabel) label = tessera_label_new ();
  gint64 id;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), 0);
  g_return_val_if_fail (kind >= 0 && kind < TESSERA_N_LABEL_KINDS, 0);
  g_return_val_if_fail (name != NULL, 0);

  if (!_tessera_project_ensure_writable (self, error))
    return 0;
  if (*name == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT, _("A label needs a name"));
      return 0;
    }
  if (color != NULL && !tessera_color_is_valid (color))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("“%s” is not a colour of the form #rrggbb"), color);
      return 0;
    }
  if (shortcut_taken (self, kind, shortcut, 0, error))
    return 0;

  label->kind = kind;
  label->name = g_strdup (name);
  label->color = g_strdup (color ? color : "#77767b");
  label->shortcut = g_strdup (shortcut);
  for (guint i = 0; i < self->labels->len; i++)
    {
      TesseraLabel *other = g_ptr_array_index (self->labels, i);

      if (other->kind == kind)
        label->position = MAX (label->position, other->position + 1);
    }

  if (!(id = insert_label (self, label, error)))
    return 0;

  self->schema_touched = TRUE;
  _tessera_project_load_schema (self, NULL);
  _tessera_project_changed (self, TESSERA_CHANGE_SCHEMA, TESSERA_CHANGE_ADDED, 0, id);

  return id;
}

gboolean
tessera_project_update_label (TesseraProject  *self,
                              gint64           id,
                              const char      *name,
                              const char      *color,
                              const char      *shortcut,
                              GError         **error)
{
  static const char sql[] =
    "UPDATE label SET name = coalesce (?2, name), color = coalesce (?3, color),"
    " shortcut = CASE WHEN ?4 IS NULL THEN shortcut WHEN ?4 = '' THEN NULL ELSE ?4 END WHERE id = ?1";
  g_auto(TesseraStmt) stmt = NULL;
  const TesseraLabel *label;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);

  if (!_tessera_project_ensure_writable (self, error))
    return FALSE;
  if (!(label = _tessera_project_require_label (self, id, TESSERA_LABEL_ANY, error)))
    return FALSE;
  if (name != NULL && (*name == '\0' || !g_utf8_validate (name, -1, NULL)))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT, _("A label needs a name"));
      return FALSE;
    }
  if (name != NULL && !g_str_equal (name, label->name) &&
      tessera_project_find_label (self, label->kind, name) != NULL)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   /* Translators: "There is already an entity label “Place”". */
                   _("There is already %s “%s”"), label_kind_phrase (label->kind), name);
      return FALSE;
    }
  if (color != NULL && !tessera_color_is_valid (color))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("“%s” is not a colour of the form #rrggbb"), color);
      return FALSE;
    }
  if (shortcut != NULL && *shortcut != '\0' && shortcut_taken (self, label->kind, shortcut, id, error))
    return FALSE;

  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  _tessera_bind_text (stmt, 2, name);
  _tessera_bind_text (stmt, 3, color);
  _tessera_bind_text (stmt, 4, shortcut);
  if (!_tessera_project_step_done (self, stmt, error))
    return FALSE;

  self->schema_touched = TRUE;
  _tessera_project_load_schema (self, NULL);
  _tessera_project_changed (self, TESSERA_CHANGE_SCHEMA, TESSERA_CHANGE_UPDATED, 0, id);

  return TRUE;
}

static gint64
count_label_uses (TesseraProject  *self,
                  gint64           id,
                  GError         **error)
{
  static const char sql[] =
    "SELECT (SELECT count(*) FROM span WHERE label_id = ?1)"
    " + (SELECT count(*) FROM event WHERE type_label_id = ?1)"
    " + (SELECT count(*) FROM event_argument WHERE role_label_id = ?1)"
    " + (SELECT count(*) FROM stance WHERE label_id = ?1)";
  g_auto(TesseraStmt) stmt = _tessera_project_stmt (self, sql, error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _tessera_project_set_sqlite_error (self, error, N_("Counting label uses"));
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
delete_label_row (TesseraProject  *self,
                  gint64           id,
                  GError         **error)
{
  static const char sql[] = "DELETE FROM label WHERE id = ?1";
  g_auto(TesseraStmt) stmt = _tessera_project_stmt (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  return _tessera_project_step_done (self, stmt, error);
}

gboolean
tessera_project_delete_label (TesseraProject  *self,
                              gint64           id,
                              GError         **error)
{
  const TesseraLabel *label;
  gint64 uses;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);

  if (!_tessera_project_ensure_writable (self, error))
    return FALSE;
  if (!(label = _tessera_project_require_label (self, id, TESSERA_LABEL_ANY, error)))
    return FALSE;
  if ((uses = count_label_uses (self, id, error)) < 0)
    return FALSE;
  if (uses > 0)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_IN_USE,
                   /* Translators: a label's name, then how many annotations have it. */
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s” is used by %" PRId64 " annotation; relabel it first",
                                "“%s” is used by %" PRId64 " annotations; relabel them first",
                                (gulong) uses),
                   label->name, uses);
      return FALSE;
    }
  if (!delete_label_row (self, id, error))
    return FALSE;

  self->schema_touched = TRUE;
  _tessera_project_load_schema (self, NULL);
  _tessera_project_changed (self, TESSERA_CHANGE_SCHEMA, TESSERA_CHANGE_REMOVED, 0, id);

  return TRUE;
}

static gboolean
write_attributes (TesseraProject          *self,
                  const TesseraSchemaDef  *def,
                  GError                 **error)
{
  static const char clear_sql[] = "DELETE FROM attribute";
  static const char insert_sql[] = "INSERT INTO attribute (name, vals, default_value) VALUES (?1, ?2, ?3)";
  static const char used_sql[] =
    "SELECT count(*) FROM event WHERE (?1 = 'realis' AND realis = ?2) OR (?1 = 'confirmation' AND confirmation = ?2)";
  g_auto(TesseraStmt) clear = NULL;

  /* A value that events still use must stay. */
  for (guint i = 0; i < self->attributes->len; i++)
    {
      TesseraAttribute *old = g_ptr_array_index (self->attributes, i);
      TesseraAttribute *new = NULL;

      for (guint j = 0; j < def->attributes->len; j++)
        if (g_str_equal (((TesseraAttribute *) g_ptr_array_index (def->attributes, j))->name, old->name))
          new = g_ptr_array_index (def->attributes, j);

      for (guint v = 0; old->values[v] != NULL; v++)
        {
          g_auto(TesseraStmt) used = NULL;

          if (new != NULL && tessera_attribute_has_value (new, old->values[v]))
            continue;
          if (!(used = _tessera_project_stmt (self, used_sql, error)))
            return FALSE;
          _tessera_bind_text (used, 1, old->name);
          _tessera_bind_text (used, 2, old->values[v]);
          if (sqlite3_step (used) == SQLITE_ROW && sqlite3_column_int64 (used, 0) > 0)
            {
              gint64 n_events = sqlite3_column_int64 (used, 0);

              g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_IN_USE,
                           /* Translators: an event attribute (realis, confirmation), one
                            * of its values, then how many events have that value. */
                           g_dngettext (GETTEXT_PACKAGE,
                                        "schema: %s “%s” is used by %" PRId64 " event and cannot "
                                        "be removed",
                                        "schema: %s “%s” is used by %" PRId64 " events and cannot "
                                        "be removed",
                                        (gulong) n_events),
                           old->name, old->values[v], n_events);
              return FALSE;
            }
        }
    }

  if (!(clear = _tessera_project_stmt (self, clear_sql, error)) ||
      !_tessera_project_step_done (self, clear, error))
    return FALSE;

  for (guint i = 0; i < def->attributes->len; i++)
    {
      TesseraAttribute *attr = g_ptr_array_index (def->attributes, i);
      g_auto(TesseraStmt) insert = _tessera_project_stmt (self, insert_sql, error);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *values = NULL;

      if (insert == NULL)
        return FALSE;
      json_builder_begin_array (builder);
      for (guint v = 0; attr->values[v] != NULL; v++)
        json_builder_add_string_value (builder, attr->values[v]);
      json_builder_end_array (builder);
      node = json_builder_get_root (builder);
      values = json_to_string (node, FALSE);

      _tessera_bind_text (insert, 1, attr->name);
      _tessera_bind_text (insert, 2, values);
      _tessera_bind_text (insert, 3, attr->default_value);
      if (!_tessera_project_step_done (self, insert, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_label_fields (TesseraProject      *self,
                    gint64               id,
                    const TesseraLabel  *label,
                    const char          *name,
                    GError             **error)
{
  static const char sql[] =
    "UPDATE label SET name = ?2, description = ?3, color = ?4, shortcut = ?5, position = ?6 WHERE id = ?1";
  g_auto(TesseraStmt) stmt = _tessera_project_stmt (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  _tessera_bind_text (stmt, 2, name);
  _tessera_bind_text (stmt, 3, label->description);
  _tessera_bind_text (stmt, 4, label->color);
  _tessera_bind_text (stmt, 5, label->shortcut);
  sqlite3_bind_int (stmt, 6, label->position);

  return _tessera_project_step_done (self, stmt, error);
}

/* One item of the list of labels a new schema would drop though
 * annotations use them: "entity Place (3 uses)". */
static void
append_label_in_use (GString            *list,
                     const TesseraLabel *label,
                     gint64              uses)
{
  const char *kind;

  switch (label->kind)
    {
    case TESSERA_LABEL_ENTITY:
      /* Translators: the kinds of label, in the list of labels a new schema
       * would drop ("entity Place (3 uses)"). */
      kind = C_("label kind", "entity");
      break;
    case TESSERA_LABEL_EVENT:
      kind = C_("label kind", "event");
      break;
    case TESSERA_LABEL_ROLE:
      kind = C_("label kind", "role");
      break;
    case TESSERA_LABEL_STANCE:
      kind = C_("label kind", "stance");
      break;
    case TESSERA_LABEL_ANY:
    case TESSERA_N_LABEL_KINDS:
    default:
      kind = C_("label kind", "label");
      break;
    }

  if (list->len > 0)
    g_string_append (list, ", ");
  g_string_append_printf (list,
                          g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: an item of the list in "schema: these labels
                                        * are used by annotations but missing from the new schema:
                                        * %s": the kind of label ("entity"), its name, then how many
                                        * annotations have it. */
                                       "%s %s (%" PRId64 " use)",
                                       "%s %s (%" PRId64 " uses)", (gulong) uses),
                          kind, label->name, uses);
}

/* Writes @def over the current schema inside the caller's transaction:
 * matched labels keep their ids (so annotations follow a rename). */
gboolean
_tessera_project_apply_schema (TesseraProject          *self,
                               const TesseraSchemaDef  *def,
                               GError                 **error)
{
  static const char clear_roles_sql[] = "DELETE FROM label_role";
  static const char role_sql[] =
    "INSERT OR IGNORE INTO label_role (event_label_id, role_label_id, position) VALUES (?1, ?2, ?3)";
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, TRUE, sizeof (gint64), def->labels->len);
  g_autoptr(GHashTable) kept = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GString) in_use = g_string_new (NULL);
  g_auto(TesseraStmt) clear_roles = NULL;

  g_array_set_size (ids, def->labels->len);

  /* Match every label of @def to an existing one, by its old name first. */
  for (guint i = 0; i < def->labels->len; i++)
    {
      TesseraLabel *label = g_ptr_array_index (def->labels, i);
      const char *old_name = g_ptr_array_index (def->renamed_from, i);
      const TesseraLabel *existing = NULL;

      if (old_name != NULL)
        existing = tessera_project_find_label (self, label->kind, old_name);
      if (existing == NULL)
        existing = tessera_project_find_label (self, label->kind, label->name);
      if (existing != NULL && !g_hash_table_contains (kept, &existing->id))
        {
          g_array_index (ids, gint64, i) = existing->id;
          g_hash_table_add (kept, (gpointer) &existing->id);
        }
    }

  /* Labels that disappear must be unused. */
  for (guint i = 0; i < self->labels->len; i++)
    {
      TesseraLabel *label = g_ptr_array_index (self->labels, i);
      gint64 uses;

      if (g_hash_table_contains (kept, &label->id))
        continue;
      if ((uses = count_label_uses (self, label->id, error)) < 0)
        return FALSE;
      if (uses > 0)
        append_label_in_use (in_use, label, uses);
    }
  if (in_use->len > 0)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_IN_USE,
                   /* Translators: %s lists the labels ("entity Place (3 uses)"). Keep
                    * "renamed_from" as it is: it is a key of the schema JSON. */
                   _("schema: these labels are used by annotations but missing from the new schema: %s. "
                      "Keep them, or rename them with \"renamed_from\""), in_use->str);
      return FALSE;
    }

  for (guint i = 0; i < self->labels->len; i++)
    {
      TesseraLabel *label = g_ptr_array_index (self->labels, i);

      if (!g_hash_table_contains (kept, &label->id) && !delete_label_row (self, label->id, error))
        return FALSE;
    }

  /* Temporary names first, so that swapping two names does not collide. */
  for (guint i = 0; i < def->labels->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autofree char *temporary = g_strdup_printf ("\x01renaming-%" G_GINT64_FORMAT, id);

      if (id != 0 && !write_label_fields (self, id, g_ptr_array_index (def->labels, i), temporary, error))
        return FALSE;
    }
  for (guint i = 0; i < def->labels->len; i++)
    {
      TesseraLabel *label = g_ptr_array_index (def->labels, i);
      gint64 id = g_array_index (ids, gint64, i);

      if (id != 0)
        {
          if (!write_label_fields (self, id, label, label->name, error))
            return FALSE;
        }
      else if (!(g_array_index (ids, gint64, i) = insert_label (self, label, error)))
        return FALSE;
    }

  if (!(clear_roles = _tessera_project_stmt (self, clear_roles_sql, error)) ||
      !_tessera_project_step_done (self, clear_roles, error))
    return FALSE;

  for (guint i = 0; i < def->labels->len; i++)
    {
      TesseraLabel *label = g_ptr_array_index (def->labels, i);
      GStrv roles = g_ptr_array_index (def->role_names, i);

      for (guint r = 0; roles != NULL && roles[r] != NULL; r++)
        {
          g_auto(TesseraStmt) stmt = _tessera_project_stmt (self, role_sql, error);
          gint64 role_id = 0;

          for (guint j = 0; j < def->labels->len; j++)
            {
              TesseraLabel *other = g_ptr_array_index (def->labels, j);

              if (other->kind == TESSERA_LABEL_ROLE && g_str_equal (other->name, roles[r]))
                role_id = g_array_index (ids, gint64, j);
            }

          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
          sqlite3_bind_int64 (stmt, 2, role_id);
          sqlite3_bind_int (stmt, 3, r);
          if (!_tessera_project_step_done (self, stmt, error))
            return FALSE;
        }
      (void) label;
    }

  self->schema_touched = TRUE;
  if (!_tessera_project_load_schema (self, error) || !write_attributes (self, def, error))
    return FALSE;

  return _tessera_project_load_schema (self, error);
}

gboolean
tessera_project_replace_schema (TesseraProject  *self,
                                const char      *json,
                                gssize           len,
                                GError         **error)
{
  g_autoptr(TesseraSchemaDef) def = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  if (!_tessera_project_ensure_writable (self, error))
    return FALSE;
  if (!(def = tessera_schema_def_parse (json, len, error)))
    return FALSE;
  if (!tessera_project_begin (self, error))
    return FALSE;

  if (!_tessera_project_end (self, _tessera_project_apply_schema (self, def, error), error))
    return FALSE;

  _tessera_project_changed (self, TESSERA_CHANGE_SCHEMA, TESSERA_CHANGE_UPDATED, 0, 0);

  return TRUE;
}

static void
add_label_member (JsonBuilder        *builder,
                  TesseraProject     *self,
                  const TesseraLabel *label)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, label->name);
  json_builder_set_member_name (builder, "color");
  json_builder_add_string_value (builder, label->color);
  if (label->shortcut != NULL)
    {
      json_builder_set_member_name (builder, "shortcut");
      json_builder_add_string_value (builder, label->shortcut);
    }
  if (label->description != NULL)
    {
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, label->description);
    }
  if (label->kind == TESSERA_LABEL_EVENT && label->roles->len > 0)
    {
      json_builder_set_member_name (builder, "roles");
      json_builder_begin_array (builder);
      for (guint r = 0; r < label->roles->len; r++)
        {
          const TesseraLabel *role = tessera_project_get_label (self, g_array_index (label->roles, gint64, r));

          if (role != NULL)
            json_builder_add_string_value (builder, role->name);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

char *
tessera_project_dup_schema_json (TesseraProject *self)
{
  static const char * const plural[TESSERA_N_LABEL_KINDS] = { "entities", "events", "roles", "stances" };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);

  name = tessera_project_dup_name (self);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "tessera-schema");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);

  for (int kind = 0; kind < TESSERA_N_LABEL_KINDS; kind++)
    {
      json_builder_set_member_name (builder, plural[kind]);
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->labels->len; i++)
        {
          TesseraLabel *label = g_ptr_array_index (self->labels, i);

          if ((int) label->kind == kind)
            add_label_member (builder, self, label);
        }
      json_builder_end_array (builder);
    }

  json_builder_set_member_name (builder, "attributes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->attributes->len; i++)
    {
      TesseraAttribute *attr = g_ptr_array_index (self->attributes, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, attr->name);
      json_builder_set_member_name (builder, "values");
      json_builder_begin_array (builder);
      for (guint v = 0; attr->values[v] != NULL; v++)
        json_builder_add_string_value (builder, attr->values[v]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "default");
      json_builder_add_string_value (builder, attr->default_value);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);

  return json_to_string (root, TRUE);
}
