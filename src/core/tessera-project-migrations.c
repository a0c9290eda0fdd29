/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-project"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "tessera-project-private.h"

/* Each entry brings a file from version i to i + 1, all in one
 * transaction. Version 1 is the original layout; version 2 added the
 * per-document span counter, a span index in listing order and the
 * indexes stance deletes need; version 4 lets several events share a
 * trigger; version 5 remembers rejected suggestions and counts a
 * document's pending ones; version 6 keeps coded fields set by hand. */
static const char * const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
  "CREATE TABLE annotator (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
  "CREATE TABLE label ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('entity', 'event', 'role', 'stance')),"
  "  name TEXT NOT NULL,"
  "  description TEXT,"
  "  color TEXT NOT NULL,"
  "  shortcut TEXT,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (kind, name));"
  "CREATE TABLE label_role ("
  "  event_label_id INTEGER NOT NULL REFERENCES label (id) ON DELETE CASCADE,"
  "  role_label_id INTEGER NOT NULL REFERENCES label (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (event_label_id, role_label_id)) WITHOUT ROWID;"
  "CREATE TABLE attribute ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  vals TEXT NOT NULL,"
  "  default_value TEXT NOT NULL);"
  "CREATE TABLE document ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL,"
  "  source TEXT,"
  "  url TEXT,"
  "  published TEXT,"
  "  language TEXT,"
  "  status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 2),"
  "  n_chars INTEGER NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  imported_at INTEGER NOT NULL);"
  /* Text apart from metadata: listing 100,000 documents must not page
   * through every text. */
  "CREATE TABLE document_text ("
  "  document_id INTEGER PRIMARY KEY REFERENCES document (id) ON DELETE CASCADE,"
  "  text TEXT NOT NULL);"
  "CREATE VIEW document_fts_content AS"
  "  SELECT d.id AS id, d.title AS title, t.text AS text"
  "  FROM document d JOIN document_text t ON t.document_id = d.id;"
  "CREATE VIRTUAL TABLE document_fts USING fts5 ("
  "  title, text, content = 'document_fts_content', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2');"
  "CREATE TRIGGER document_text_ai AFTER INSERT ON document_text BEGIN"
  "  INSERT INTO document_fts (rowid, title, text)"
  "    SELECT new.document_id, d.title, new.text FROM document d WHERE d.id = new.document_id;"
  "END;"
  "CREATE TRIGGER document_text_bd BEFORE DELETE ON document_text BEGIN"
  "  INSERT INTO document_fts (document_fts, rowid, title, text)"
  "    SELECT 'delete', old.document_id, d.title, old.text FROM document d WHERE d.id = old.document_id;"
  "END;"
  "CREATE TRIGGER document_title_au AFTER UPDATE OF title ON document BEGIN"
  "  INSERT INTO document_fts (document_fts, rowid, title, text)"
  "    SELECT 'delete', old.id, old.title, t.text FROM document_text t WHERE t.document_id = old.id;"
  "  INSERT INTO document_fts (rowid, title, text)"
  "    SELECT new.id, new.title, t.text FROM document_text t WHERE t.document_id = new.id;"
  "END;"
  "CREATE TABLE span ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,"
  "  start INTEGER NOT NULL,"
  "  \"end\" INTEGER NOT NULL,"
  "  label_id INTEGER NOT NULL REFERENCES label (id),"
  "  annotator_id INTEGER REFERENCES annotator (id),"
  "  note TEXT,"
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL,"
  "  CHECK (0 <= start AND start < \"end\"));"
  "CREATE INDEX span_document ON span (document_id, start);"
  "CREATE TABLE event ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,"
  "  trigger_span_id INTEGER NOT NULL UNIQUE REFERENCES span (id) ON DELETE CASCADE,"
  "  type_label_id INTEGER NOT NULL REFERENCES label (id),"
  "  realis TEXT NOT NULL,"
  "  confirmation TEXT NOT NULL,"
  "  annotator_id INTEGER REFERENCES annotator (id));"
  "CREATE INDEX event_document ON event (document_id);"
  "CREATE TABLE event_argument ("
  "  event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,"
  "  role_label_id INTEGER NOT NULL REFERENCES label (id),"
  "  span_id INTEGER NOT NULL REFERENCES span (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (event_id, role_label_id, span_id)) WITHOUT ROWID;"
  "CREATE INDEX event_argument_span ON event_argument (span_id);"
  "CREATE TABLE stance ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,"
  "  span_id INTEGER NOT NULL REFERENCES span (id) ON DELETE CASCADE,"
  "  label_id INTEGER NOT NULL REFERENCES label (id),"
  "  holder_span_id INTEGER REFERENCES span (id) ON DELETE SET NULL,"
  "  target_event_id INTEGER REFERENCES event (id) ON DELETE SET NULL,"
  "  target_span_id INTEGER REFERENCES span (id) ON DELETE SET NULL,"
  "  annotator_id INTEGER REFERENCES annotator (id));"
  "CREATE INDEX stance_document ON stance (document_id);"
  "CREATE INDEX stance_span ON stance (span_id);",

  /* 1 → 2 */
  "ALTER TABLE document ADD COLUMN n_spans INTEGER NOT NULL DEFAULT 0;"
  "UPDATE document SET n_spans = (SELECT count(*) FROM span WHERE span.document_id = document.id);"
  "CREATE TRIGGER span_ai AFTER INSERT ON span BEGIN"
  "  UPDATE document SET n_spans = n_spans + 1 WHERE id = new.document_id;"
  "END;"
  "CREATE TRIGGER span_ad AFTER DELETE ON span BEGIN"
  "  UPDATE document SET n_spans = n_spans - 1 WHERE id = old.document_id;"
  "END;"
  /* The order spans are listed and exported in, without a sort per document. */
  "DROP INDEX span_document;"
  "CREATE INDEX span_document ON span (document_id, start, \"end\" DESC, id);"
  "CREATE INDEX stance_holder ON stance (holder_span_id);"
  "CREATE INDEX stance_target_event ON stance (target_event_id);"
  "CREATE INDEX stance_target_span ON stance (target_span_id);",

  /* 2 → 3: suggestions (annotations proposed, e.g. carried onto a copy of
   * wire text, kept apart until accepted) and clusters linking mentions
   * and events across documents into one real-world entity or event. */
  "ALTER TABLE span ADD COLUMN suggested INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE event ADD COLUMN suggested INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE stance ADD COLUMN suggested INTEGER NOT NULL DEFAULT 0;"
  "CREATE INDEX span_suggested ON span (suggested) WHERE suggested != 0;"
  "CREATE TABLE cluster ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  kind TEXT NOT NULL CHECK (kind IN ('entity', 'event')),"
  "  name TEXT NOT NULL,"
  "  created INTEGER NOT NULL);"
  "CREATE TABLE cluster_member ("
  "  cluster_id INTEGER NOT NULL REFERENCES cluster (id) ON DELETE CASCADE,"
  "  span_id INTEGER UNIQUE REFERENCES span (id) ON DELETE CASCADE,"
  "  event_id INTEGER UNIQUE REFERENCES event (id) ON DELETE CASCADE,"
  "  CHECK ((span_id IS NULL) != (event_id IS NULL)));"
  "CREATE INDEX cluster_member_cluster ON cluster_member (cluster_id);"
  /* The full-text row is written by tessera_project_add_document itself:
   * a trigger gives every insert a statement journal, and FTS5 flushes its
   * pending terms at each one. */
  "DROP TRIGGER document_text_ai;",

  /* 3 → 4: several events on one trigger (brat allows it; biomedical and
   * news data use it). The UNIQUE constraint goes with SQLite's twelve-step
   * rebuild: same columns in the same order (salvage copies with SELECT *),
   * same ids, the AUTOINCREMENT counter carried over so deleted ids stay
   * unused, a plain index where the UNIQUE one served lookups by trigger. */
  "CREATE TABLE new_event ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,"
  "  trigger_span_id INTEGER NOT NULL REFERENCES span (id) ON DELETE CASCADE,"
  "  type_label_id INTEGER NOT NULL REFERENCES label (id),"
  "  realis TEXT NOT NULL,"
  "  confirmation TEXT NOT NULL,"
  "  annotator_id INTEGER REFERENCES annotator (id),"
  "  suggested INTEGER NOT NULL DEFAULT 0);"
  "INSERT INTO new_event (id, document_id, trigger_span_id, type_label_id, realis, confirmation,"
  "                       annotator_id, suggested)"
  "  SELECT id, document_id, trigger_span_id, type_label_id, realis, confirmation, annotator_id, suggested"
  "  FROM event ORDER BY id;"
  "DELETE FROM sqlite_sequence WHERE name = 'new_event';"
  "INSERT INTO sqlite_sequence (name, seq) SELECT 'new_event', seq FROM sqlite_sequence WHERE name = 'event';"
  "DROP TABLE event;"
  "ALTER TABLE new_event RENAME TO event;"
  "CREATE INDEX event_document ON event (document_id);"
  "CREATE INDEX event_trigger ON event (trigger_span_id);",

  /* 4 → 5: where the analyst rejected a suggestion, so that carrying
   * annotations to copies and tagging every occurrence do not propose it
   * again (a span's place and label; an event's trigger place and type; a
   * stance's statement place and label), and who rejected it when. And a
   * counter of each document's suggested spans beside the count of all
   * of them, for the document list. */
  "CREATE TABLE rejected_suggestion ("
  "  document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,"
  "  start INTEGER NOT NULL,"
  "  \"end\" INTEGER NOT NULL,"
  "  label_id INTEGER NOT NULL REFERENCES label (id) ON DELETE CASCADE,"
  "  annotator_id INTEGER REFERENCES annotator (id),"
  "  rejected_at INTEGER NOT NULL,"
  "  PRIMARY KEY (document_id, start, \"end\", label_id)) WITHOUT ROWID;"
  "ALTER TABLE document ADD COLUMN n_suggested INTEGER NOT NULL DEFAULT 0;"
  "UPDATE document SET n_suggested ="
  "  (SELECT count(*) FROM span WHERE span.document_id = document.id AND span.suggested != 0);"
  "DROP TRIGGER span_ai;"
  "DROP TRIGGER span_ad;"
  "CREATE TRIGGER span_ai AFTER INSERT ON span BEGIN"
  "  UPDATE document SET n_spans = n_spans + 1, n_suggested = n_suggested + (new.suggested != 0)"
  "    WHERE id = new.document_id;"
  "END;"
  "CREATE TRIGGER span_ad AFTER DELETE ON span BEGIN"
  "  UPDATE document SET n_spans = n_spans - 1, n_suggested = n_suggested - (old.suggested != 0)"
  "    WHERE id = old.document_id;"
  "END;"
  "CREATE TRIGGER span_au_suggested AFTER UPDATE OF suggested ON span"
  "  WHEN (old.suggested != 0) != (new.suggested != 0) BEGIN"
  "  UPDATE document SET n_suggested = n_suggested + (new.suggested != 0) - (old.suggested != 0)"
  "    WHERE id = new.document_id;"
  "END;",

  /* 5 → 6: fields of an event cluster's coded record set by hand (an
   * analyst's reading of the fatalities, say), who set them and when.
   * They go with their cluster. */
  "CREATE TABLE coded_override ("
  "  cluster_id INTEGER NOT NULL REFERENCES cluster (id) ON DELETE CASCADE,"
  "  field TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  annotator_id INTEGER REFERENCES annotator (id),"
  "  set_at INTEGER NOT NULL,"
  "  PRIMARY KEY (cluster_id, field)) WITHOUT ROWID;",
};

/* The steps that rebuild a table: they run with the foreign keys off (a
 * DROP TABLE would otherwise cascade into the rows that refer to it). */
static gboolean
rebuilds_table (gint64 step)
{
  return step == 3;
}

/* Problems PRAGMA foreign_key_check finds in the tables a rebuild of
 * event touches (the table and those that refer to it), or -1 on error. */
static gint64
count_event_key_problems (TesseraProject  *self,
                          GError         **error)
{
  static const char sql[] =
    "SELECT (SELECT count(*) FROM pragma_foreign_key_check ('event'))"
    " + (SELECT count(*) FROM pragma_foreign_key_check ('event_argument'))"
    " + (SELECT count(*) FROM pragma_foreign_key_check ('stance'))"
    " + (SELECT count(*) FROM pragma_foreign_key_check ('cluster_member'))";
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    _tessera_project_set_sqlite_error (self, error, N_("Updating the project"));
  sqlite3_finalize (stmt);

  return n;
}

static gboolean
foreign_keys_on (TesseraProject *self)
{
  sqlite3_stmt *stmt = NULL;
  gboolean on = FALSE;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA foreign_keys", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    on = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_finalize (stmt);

  return on;
}

/* One step; a rebuild must leave no foreign key broken that was not
 * before (a damaged file may hold some already: that is for
 * "tessera-cli check", not a reason to refuse the upgrade). */
static gboolean
run_step (TesseraProject  *self,
          gint64           step,
          GError         **error)
{
  gint64 before = 0, after = 0;

  if (!rebuilds_table (step))
    return _tessera_project_exec (self, migrations[step], error);

  if ((before = count_event_key_problems (self, error)) < 0 ||
      !_tessera_project_exec (self, migrations[step], error) ||
      (after = count_event_key_problems (self, error)) < 0)
    return FALSE;
  if (after > before)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED,
                   "rebuilding a table broke %" PRId64 " references", after - before);
      return FALSE;
    }

  return TRUE;
}

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == TESSERA_SCHEMA_VERSION);

/* Steps @from to @to and the new version, in one transaction. */
static gboolean
run_steps (TesseraProject  *self,
           gint64           from,
           int              to,
           const char      *set_version,
           GError         **error)
{
  if (!_tessera_project_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (gint64 v = from; v < to; v++)
    {
      if (!run_step (self, v, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          if (error != NULL && *error != NULL)
            {
              /* Translators: the project file, the version of its format
               * being upgraded, then what went wrong. */
              char *message = g_strdup_printf (_("Upgrading %s from format %" PRId64 ": %s"),
                                               self->path, v, (*error)->message);

              g_free ((*error)->message);
              (*error)->message = message;
            }
          return FALSE;
        }
    }

  if (!_tessera_project_exec (self, set_version, error) ||
      !_tessera_project_exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

gboolean
_tessera_project_migrate (TesseraProject  *self,
                          gint64           from,
                          int              to,
                          GError         **error)
{
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", to);
  gboolean keys_off = FALSE;
  gboolean ok;

  g_assert (from >= 0 && to <= TESSERA_SCHEMA_VERSION);

  /* SQLite changes the setting only outside a transaction. */
  for (gint64 v = from; v < to && !keys_off; v++)
    if (rebuilds_table (v) && foreign_keys_on (self))
      {
        if (!_tessera_project_exec (self, "PRAGMA foreign_keys = OFF", error))
          return FALSE;
        keys_off = TRUE;
      }

  ok = run_steps (self, from, to, set_version, error);

  if (keys_off && !_tessera_project_exec (self, "PRAGMA foreign_keys = ON", ok ? error : NULL))
    return FALSE;

  return ok;
}
