/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-project"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "tessera-project-private.h"

/* Events with their arguments, and stances: the annotations made of spans
 * (tessera-project-spans.c), all of whose spans are in one document. */

/* The document a span belongs to, or 0 with an error. @what is the span's
 * role, marked with NC_("span role", …). */
static gint64
span_document (TesseraProject  *self,
               gint64           span_id,
               const char      *what,
               GError         **error)
{
  static const char sql[] = "SELECT document_id FROM span WHERE id = ?1";
  g_auto(TesseraStmt) stmt = _tessera_project_stmt (self, sql, error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, span_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND,
                   /* Translators: what the span is to the annotation (argument,
                    * trigger, statement, holder or target, translated with the context
                    * "span role"), then its id: "The holder span 12 does not exist". */
                   _("The %s span %" PRId64 " does not exist"),
                   g_dpgettext2 (GETTEXT_PACKAGE, "span role", what), span_id);
      return 0;
    }

  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
require_same_document (TesseraProject  *self,
                       gint64           span_id,
                       gint64           document_id,
                       const char      *what,
                       GError         **error)
{
  gint64 doc;

  if (span_id <= 0)
    return TRUE;
  if (!(doc = span_document (self, span_id, what, error)))
    return FALSE;
  if (doc != document_id)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   /* Translators: what the span is to the annotation (argument,
                    * trigger, statement, holder or target, translated with the context
                    * "span role"), then its id: "The holder span 12 is in another document". */
                   _("The %s span %" PRId64 " is in another document"),
                   g_dpgettext2 (GETTEXT_PACKAGE, "span role", what), span_id);
      return FALSE;
    }

  return TRUE;
}

/* --- events ----------------------------------------------------------- */

static gboolean
check_attribute (TesseraProject  *self,
                 const char      *name,
                 const char      *value,
                 GError         **error)
{
  const TesseraAttribute *attr = tessera_project_get_attribute (self, name);

  if (!tessera_attribute_has_value (attr, value))
    {
      g_autofree char *allowed = attr ? g_strjoinv (", ", attr->values) : g_strdup ("");

      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   /* Translators: a value, the event attribute it was given for
                    * (realis or confirmation, as the schema names it), then the values
                    * the schema allows: "“rumoured” is not a realis value (allowed: …)". */
                   _("“%s” is not a %s value (allowed: %s)"), value ? value : "", name, allowed);
      return FALSE;
    }

  return TRUE;
}

static const char *
attribute_default (TesseraProject *self,
                   const char     *name)
{
  const TesseraAttribute *attr = tessera_project_get_attribute (self, name);

  return attr ? attr->default_value : NULL;
}

static gboolean
write_argument (TesseraProject  *self,
                gint64           event_id,
                gint64           document_id,
                gint64           role_label_id,
                gint64           span_id,
                GError         **error)
{
  static const char sql[] =
    "INSERT OR IGNORE INTO event_argument (event_id, role_label_id, span_id) VALUES (?1, ?2, ?3)";
  g_auto(TesseraStmt) stmt = NULL;

  if (!_tessera_project_require_label (self, role_label_id, TESSERA_LABEL_ROLE, error) ||
      !require_same_document (self, span_id, document_id, NC_("span role", "argument"), error))
    return FALSE;
  if (span_id <= 0)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT, _("An argument needs a span"));
      return FALSE;
    }
  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, event_id);
  sqlite3_bind_int64 (stmt, 2, role_label_id);
  sqlite3_bind_int64 (stmt, 3, span_id);

  return _tessera_project_step_done (self, stmt, error);
}

static gboolean
write_event (TesseraProject      *self,
             const TesseraEvent  *event,
             gboolean             with_id,
             gint64              *id_out,
             GError             **error)
{
  static const char sql[] =
    "INSERT INTO event (id, document_id, trigger_span_id, type_label_id, realis, confirmation, annotator_id,"
    " suggested) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
  const char *realis = event->realis ? event->realis : attribute_default (self, "realis");
  const char *confirmation = event->confirmation ? event->confirmation : attribute_default (self, "confirmation");
  gint64 document_id;
  gboolean began;
  gboolean ok;

  if (!(document_id = span_document (self, event->trigger_span_id, NC_("span role", "trigger"), error)))
    return FALSE;
  if (!_tessera_project_require_label (self, event->type_label_id, TESSERA_LABEL_EVENT, error) ||
      !check_attribute (self, "realis", realis, error) ||
      !check_attribute (self, "confirmation", confirmation, error))
    return FALSE;

  if (!_tessera_project_begin_unless_nested (self, &began, error))
    return FALSE;

  {
    g_auto(TesseraStmt) stmt = _tessera_project_stmt (self, sql, error);

    ok = stmt != NULL;
    if (ok)
      {
        if (with_id)
          sqlite3_bind_int64 (stmt, 1, event->id);
        sqlite3_bind_int64 (stmt, 2, document_id);
        sqlite3_bind_int64 (stmt, 3, event->trigger_span_id);
        sqlite3_bind_int64 (stmt, 4, event->type_label_id);
        _tessera_bind_text (stmt, 5, realis);
        _tessera_bind_text (stmt, 6, confirmation);
        _tessera_bind_id (stmt, 7, event->annotator_id);
        sqlite3_bind_int (stmt, 8, event->suggested ? 1 : 0);
        /* A span may trigger several events: no UNIQUE to run into. */
        if (sqlite3_step (stmt) != SQLITE_DONE)
          {
            _tessera_project_set_sqlite_error (self, error, N_("Adding an event"));
            ok = FALSE;
          }
        *id_out = sqlite3_last_insert_rowid (self->db);
      }
  }

  for (guint i = 0; ok && event->arguments != NULL && i < event->arguments->len; i++)
    {
      TesseraArgument *arg = &g_array_index (event->arguments, TesseraArgument, i);

      ok = write_argument (self, *id_out, document_id, arg->role_label_id, arg->span_id, error);
    }

  if (ok)
    _tessera_project_changed (self, TESSERA_CHANGE_EVENT, TESSERA_CHANGE_ADDED, document_id, *id_out);

  return _tessera_project_end_unless_nested (self, began, ok, error);
}

gint64
tessera_project_add_event (TesseraProject  *self,
                           gint64           trigger_span_id,
                           gint64           type_label_id,
                           const char      *realis,
                           const char      *confirmation,
                           GError         **error)
{
  TesseraEvent event = { 0, 0, trigger_span_id, type_label_id, (char *) realis, (char *) confirmation, 0, NULL };
  gint64 id = 0;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), 0);

  if (!_tessera_project_ensure_writable (self, error))
    return 0;
  if (!(event.annotator_id = tessera_project_get_current_annotator_id (self, error)))
    return 0;
  if (!write_event (self, &event, FALSE, &id, error))
    return 0;

  return id;
}

gint64
tessera_project_insert_event (TesseraProject      *self,
                              const TesseraEvent  *event,
                              GError             **error)
{
  gint64 id = 0;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), 0);
  g_return_val_if_fail (event != NULL, 0);

  if (!_tessera_project_ensure_writable (self, error) ||
      !write_event (self, event, event->id > 0, &id, error))
    return 0;

  return id;
}

#define EVENT_COLUMNS \
  "e.id, e.document_id, e.trigger_span_id, e.type_label_id, e.realis, e.confirmation, e.annotator_id, e.suggested"

/* An event as its row holds it, or NULL with TESSERA_ERROR_CORRUPT when
 * its realis or confirmation is not one the schema allows (every write
 * checks them: only damage gets such a value in). */
static TesseraEvent *
event_from_row (TesseraProject  *self,
                sqlite3_stmt    *stmt,
                GError         **error)
{
  const char *realis = (const char *) sqlite3_column_text (stmt, 4);
  const char *confirmation = (const char *) sqlite3_column_text (stmt, 5);
  TesseraEvent *event;

  if (!tessera_attribute_has_value (tessera_project_get_attribute (self, "realis"), realis) ||
      !tessera_attribute_has_value (tessera_project_get_attribute (self, "confirmation"), confirmation))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
                   _("%s is damaged: event %" PRId64 " has a realis or confirmation the "
                      "schema does not know (“tessera-cli check” tells more)"),
                   self->path, (gint64) sqlite3_column_int64 (stmt, 0));
      return NULL;
    }

  event = tessera_event_new ();

  event->id = sqlite3_column_int64 (stmt, 0);
  event->document_id = sqlite3_column_int64 (stmt, 1);
  event->trigger_span_id = sqlite3_column_int64 (stmt, 2);
  event->type_label_id = sqlite3_column_int64 (stmt, 3);
  event->realis = _tessera_column_dup (stmt, 4);
  event->confirmation = _tessera_column_dup (stmt, 5);
  event->annotator_id = sqlite3_column_int64 (stmt, 6);
  event->suggested = sqlite3_column_int (stmt, 7) != 0;

  return event;
}

TesseraEvent *
tessera_project_get_event (TesseraProject  *self,
                           gint64           id,
                           GError         **error)
{
  static const char sql[] = "SELECT " EVENT_COLUMNS " FROM event e WHERE e.id = ?1";
  static const char args_sql[] =
    "SELECT role_label_id, span_id FROM event_argument WHERE event_id = ?1 ORDER BY role_label_id, span_id";
  g_auto(TesseraStmt) stmt = NULL;
  g_auto(TesseraStmt) args = NULL;
  TesseraEvent *event;
  gboolean failed = FALSE;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);

  if (!(stmt = _tessera_project_stmt (self, sql, error)) ||
      !(args = _tessera_project_stmt (self, args_sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_tessera_project_next_row (self, stmt, &failed, error))
    {
      if (!failed)
        g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND, _("No event with id %" PRId64), id);
      return NULL;
    }

  if (!(event = event_from_row (self, stmt, error)))
    return NULL;
  sqlite3_bind_int64 (args, 1, id);
  while (_tessera_project_next_row (self, args, &failed, error))
    tessera_event_add_argument (event, sqlite3_column_int64 (args, 0), sqlite3_column_int64 (args, 1));
  if (failed)
    g_clear_pointer (&event, tessera_event_free);

  return event;
}

gboolean
tessera_project_update_event (TesseraProject      *self,
                              const TesseraEvent  *event,
                              GError             **error)
{
  static const char sql[] =
    "UPDATE event SET type_label_id = ?2, realis = ?3, confirmation = ?4, suggested = ?5 WHERE id = ?1";
  g_autoptr(TesseraEvent) old = NULL;
  g_auto(TesseraStmt) stmt = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  if (!_tessera_project_ensure_writable (self, error))
    return FALSE;
  if (!(old = tessera_project_get_event (self, event->id, error)))
    return FALSE;
  if (!_tessera_project_require_label (self, event->type_label_id, TESSERA_LABEL_EVENT, error) ||
      !check_attribute (self, "realis", event->realis, error) ||
      !check_attribute (self, "confirmation", event->confirmation, error))
    return FALSE;
  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, event->id);
  sqlite3_bind_int64 (stmt, 2, event->type_label_id);
  _tessera_bind_text (stmt, 3, event->realis);
  _tessera_bind_text (stmt, 4, event->confirmation);
  sqlite3_bind_int (stmt, 5, event->suggested ? 1 : 0);
  if (!_tessera_project_step_done (self, stmt, error))
    return FALSE;

  _tessera_project_changed (self, TESSERA_CHANGE_EVENT, TESSERA_CHANGE_UPDATED, old->document_id, event->id);

  return TRUE;
}

gboolean
tessera_project_delete_event (TesseraProject  *self,
                              gint64           id,
                              GError         **error)
{
  static const char stances_sql[] =
    "SELECT 1, id FROM stance WHERE target_event_id = ?1"
    " UNION ALL SELECT 2, cluster_id FROM cluster_member WHERE event_id = ?1";
  static const char sql[] = "DELETE FROM event WHERE id = ?1";
  g_autoptr(TesseraEvent) event = NULL;
  gboolean ok;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);

  if (!_tessera_project_ensure_writable (self, error))
    return FALSE;
  if (!(event = tessera_project_get_event (self, id, error)))
    return FALSE;
  if (!tessera_project_begin (self, error))
    return FALSE;

  {
    g_auto(TesseraStmt) stances = _tessera_project_stmt (self, stances_sql, error);

    ok = stances != NULL;
    if (ok)
      {
        sqlite3_bind_int64 (stances, 1, id);
        while (sqlite3_step (stances) == SQLITE_ROW)
          {
            TesseraChangeKind kind = _tessera_change_kind_of_row (sqlite3_column_int64 (stances, 0));

            _tessera_project_changed (self, kind, TESSERA_CHANGE_UPDATED, event->document_id,
                                      sqlite3_column_int64 (stances, 1));
          }
      }
  }
  if (ok)
    {
      g_auto(TesseraStmt) stmt = _tessera_project_stmt (self, sql, error);

      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          ok = _tessera_project_step_done (self, stmt, error);
        }
    }
  if (ok)
    _tessera_project_changed (self, TESSERA_CHANGE_EVENT, TESSERA_CHANGE_REMOVED, event->document_id, id);

  return _tessera_project_end (self, ok, error);
}

gboolean
tessera_project_add_argument (TesseraProject  *self,
                              gint64           event_id,
                              gint64           role_label_id,
                              gint64           span_id,
                              GError         **error)
{
  g_autoptr(TesseraEvent) event = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);

  if (!_tessera_project_ensure_writable (self, error))
    return FALSE;
  if (!(event = tessera_project_get_event (self, event_id, error)))
    return FALSE;
  if (!write_argument (self, event_id, event->document_id, role_label_id, span_id, error))
    return FALSE;

  _tessera_project_changed (self, TESSERA_CHANGE_EVENT, TESSERA_CHANGE_UPDATED, event->document_id, event_id);

  return TRUE;
}

gboolean
tessera_project_remove_argument (TesseraProject  *self,
                                 gint64           event_id,
                                 gint64           role_label_id,
                                 gint64           span_id,
                                 GError         **error)
{
  static const char sql[] =
    "DELETE FROM event_argument WHERE event_id = ?1 AND role_label_id = ?2 AND (?3 IS NULL OR span_id = ?3)";
  g_autoptr(TesseraEvent) event = NULL;
  g_auto(TesseraStmt) stmt = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);

  if (!_tessera_project_ensure_writable (self, error))
    return FALSE;
  if (!(event = tessera_project_get_event (self, event_id, error)))
    return FALSE;
  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, event_id);
  sqlite3_bind_int64 (stmt, 2, role_label_id);
  _tessera_bind_id (stmt, 3, span_id);
  if (!_tessera_project_step_done (self, stmt, error))
    return FALSE;

  _tessera_project_changed (self, TESSERA_CHANGE_EVENT, TESSERA_CHANGE_UPDATED, event->document_id, event_id);

  return TRUE;
}

GPtrArray *
tessera_project_list_events (TesseraProject  *self,
                             gint64           document_id,
                             GError         **error)
{
  static const char sql[] =
    "SELECT " EVENT_COLUMNS " FROM event e JOIN span s ON s.id = e.trigger_span_id"
    " WHERE e.document_id = ?1 ORDER BY s.start, e.id";
  static const char args_sql[] =
    "SELECT a.event_id, a.role_label_id, a.span_id FROM event_argument a JOIN event e ON e.id = a.event_id"
    " WHERE e.document_id = ?1 ORDER BY a.event_id, a.role_label_id, a.span_id";
  g_auto(TesseraStmt) stmt = NULL;
  g_auto(TesseraStmt) args = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean failed = FALSE;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);

  if (!(stmt = _tessera_project_stmt (self, sql, error)) ||
      !(args = _tessera_project_stmt (self, args_sql, error)))
    return NULL;

  events = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_event_free);
  sqlite3_bind_int64 (stmt, 1, document_id);
  while (_tessera_project_next_row (self, stmt, &failed, error))
    {
      TesseraEvent *event = event_from_row (self, stmt, error);

      if (event == NULL)
        return NULL;
      g_ptr_array_add (events, event);
      g_hash_table_insert (by_id, &event->id, event);
    }

  sqlite3_bind_int64 (args, 1, document_id);
  while (!failed && _tessera_project_next_row (self, args, &failed, error))
    {
      gint64 event_id = sqlite3_column_int64 (args, 0);
      TesseraEvent *event = g_hash_table_lookup (by_id, &event_id);

      if (event != NULL)
        tessera_event_add_argument (event, sqlite3_column_int64 (args, 1), sqlite3_column_int64 (args, 2));
    }

  return failed ? NULL : g_steal_pointer (&events);
}

/* --- stances ---------------------------------------------------------- */

static gboolean
check_stance (TesseraProject       *self,
              const TesseraStance  *stance,
              gint64               *document_id,
              GError              **error)
{
  if (!(*document_id = span_document (self, stance->span_id, NC_("span role", "statement"), error)))
    return FALSE;
  if (!_tessera_project_require_label (self, stance->label_id, TESSERA_LABEL_STANCE, error) ||
      !require_same_document (self, stance->holder_span_id, *document_id, NC_("span role", "holder"), error) ||
      !require_same_document (self, stance->target_span_id, *document_id, NC_("span role", "target"), error))
    return FALSE;

  if (stance->target_event_id > 0)
    {
      g_autoptr(TesseraEvent) target = tessera_project_get_event (self, stance->target_event_id, error);

      if (target == NULL)
        return FALSE;
      if (target->document_id != *document_id)
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       _("The target event %" PRId64 " is in another document"), stance->target_event_id);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
write_stance (TesseraProject       *self,
              const TesseraStance  *stance,
              gboolean              with_id,
              gint64               *id_out,
              GError              **error)
{
  static const char sql[] =
    "INSERT INTO stance (id, document_id, span_id, label_id, holder_span_id, target_event_id, target_span_id,"
    " annotator_id, suggested) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
  g_auto(TesseraStmt) stmt = NULL;
  gint64 document_id;

  if (!check_stance (self, stance, &document_id, error))
    return FALSE;
  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return FALSE;

  if (with_id)
    sqlite3_bind_int64 (stmt, 1, stance->id);
  sqlite3_bind_int64 (stmt, 2, document_id);
  sqlite3_bind_int64 (stmt, 3, stance->span_id);
  sqlite3_bind_int64 (stmt, 4, stance->label_id);
  _tessera_bind_id (stmt, 5, stance->holder_span_id);
  _tessera_bind_id (stmt, 6, stance->target_event_id);
  _tessera_bind_id (stmt, 7, stance->target_span_id);
  _tessera_bind_id (stmt, 8, stance->annotator_id);
  sqlite3_bind_int (stmt, 9, stance->suggested ? 1 : 0);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _tessera_project_set_sqlite_error (self, error, N_("Adding a stance"));
      return FALSE;
    }

  *id_out = sqlite3_last_insert_rowid (self->db);
  _tessera_project_changed (self, TESSERA_CHANGE_STANCE, TESSERA_CHANGE_ADDED, document_id, *id_out);

  return TRUE;
}

gint64
tessera_project_add_stance (TesseraProject  *self,
                            gint64           span_id,
                            gint64           label_id,
                            gint64           holder_span_id,
                            gint64           target_event_id,
                            gint64           target_span_id,
                            GError         **error)
{
  TesseraStance stance = { 0, 0, span_id, label_id, holder_span_id, target_event_id, target_span_id, 0 };
  gint64 id = 0;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), 0);

  if (!_tessera_project_ensure_writable (self, error))
    return 0;
  if (!(stance.annotator_id = tessera_project_get_current_annotator_id (self, error)))
    return 0;
  if (!write_stance (self, &stance, FALSE, &id, error))
    return 0;

  return id;
}

gint64
tessera_project_insert_stance (TesseraProject       *self,
                               const TesseraStance  *stance,
                               GError              **error)
{
  gint64 id = 0;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), 0);
  g_return_val_if_fail (stance != NULL, 0);

  if (!_tessera_project_ensure_writable (self, error) ||
      !write_stance (self, stance, stance->id > 0, &id, error))
    return 0;

  return id;
}

#define STANCE_COLUMNS \
  "t.id, t.document_id, t.span_id, t.label_id, t.holder_span_id, t.target_event_id, t.target_span_id, t.annotator_id," \
  " t.suggested"

static void
stance_from_row (sqlite3_stmt  *stmt,
                 TesseraStance *stance)
{
  stance->id = sqlite3_column_int64 (stmt, 0);
  stance->document_id = sqlite3_column_int64 (stmt, 1);
  stance->span_id = sqlite3_column_int64 (stmt, 2);
  stance->label_id = sqlite3_column_int64 (stmt, 3);
  stance->holder_span_id = sqlite3_column_int64 (stmt, 4);
  stance->target_event_id = sqlite3_column_int64 (stmt, 5);
  stance->target_span_id = sqlite3_column_int64 (stmt, 6);
  stance->annotator_id = sqlite3_column_int64 (stmt, 7);
  stance->suggested = sqlite3_column_int (stmt, 8) != 0;
}

TesseraStance *
tessera_project_get_stance (TesseraProject  *self,
                            gint64           id,
                            GError         **error)
{
  static const char sql[] = "SELECT " STANCE_COLUMNS " FROM stance t WHERE t.id = ?1";
  g_auto(TesseraStmt) stmt = NULL;
  TesseraStance *stance;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);

  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND, _("No stance with id %" PRId64), id);
      return NULL;
    }

  stance = g_new0 (TesseraStance, 1);
  stance_from_row (stmt, stance);

  return stance;
}

gboolean
tessera_project_update_stance (TesseraProject       *self,
                               const TesseraStance  *stance,
                               GError              **error)
{
  static const char sql[] =
    "UPDATE stance SET label_id = ?2, holder_span_id = ?3, target_event_id = ?4, target_span_id = ?5,"
    " suggested = ?6 WHERE id = ?1";
  g_autoptr(TesseraStance) old = NULL;
  g_auto(TesseraStmt) stmt = NULL;
  TesseraStance checked;
  gint64 document_id;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (stance != NULL, FALSE);

  if (!_tessera_project_ensure_writable (self, error))
    return FALSE;
  if (!(old = tessera_project_get_stance (self, stance->id, error)))
    return FALSE;

  checked = *stance;
  checked.span_id = old->span_id;
  if (!check_stance (self, &checked, &document_id, error))
    return FALSE;
  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, stance->id);
  sqlite3_bind_int64 (stmt, 2, stance->label_id);
  _tessera_bind_id (stmt, 3, stance->holder_span_id);
  _tessera_bind_id (stmt, 4, stance->target_event_id);
  _tessera_bind_id (stmt, 5, stance->target_span_id);
  sqlite3_bind_int (stmt, 6, stance->suggested ? 1 : 0);
  if (!_tessera_project_step_done (self, stmt, error))
    return FALSE;

  _tessera_project_changed (self, TESSERA_CHANGE_STANCE, TESSERA_CHANGE_UPDATED, document_id, stance->id);

  return TRUE;
}

gboolean
tessera_project_delete_stance (TesseraProject  *self,
                               gint64           id,
                               GError         **error)
{
  static const char sql[] = "DELETE FROM stance WHERE id = ?1";
  g_autoptr(TesseraStance) stance = NULL;
  g_auto(TesseraStmt) stmt = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);

  if (!_tessera_project_ensure_writable (self, error))
    return FALSE;
  if (!(stance = tessera_project_get_stance (self, id, error)))
    return FALSE;
  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!_tessera_project_step_done (self, stmt, error))
    return FALSE;

  _tessera_project_changed (self, TESSERA_CHANGE_STANCE, TESSERA_CHANGE_REMOVED, stance->document_id, id);

  return TRUE;
}

GArray *
tessera_project_list_stances (TesseraProject  *self,
                              gint64           document_id,
                              GError         **error)
{
  static const char sql[] =
    "SELECT " STANCE_COLUMNS " FROM stance t JOIN span s ON s.id = t.span_id"
    " WHERE t.document_id = ?1 ORDER BY s.start, t.id";
  g_auto(TesseraStmt) stmt = NULL;
  g_autoptr(GArray) stances = NULL;
  gboolean failed = FALSE;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);

  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return NULL;

  stances = g_array_new (FALSE, TRUE, sizeof (TesseraStance));
  sqlite3_bind_int64 (stmt, 1, document_id);
  while (_tessera_project_next_row (self, stmt, &failed, error))
    {
      g_array_set_size (stances, stances->len + 1);
      stance_from_row (stmt, &g_array_index (stances, TesseraStance, stances->len - 1));
    }

  return failed ? NULL : g_steal_pointer (&stances);
}
