/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-project"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-project-private.h"
#include "tessera-text.h"

#define DOCUMENT_COLUMNS \
  "d.id, d.uid, d.title, d.source, d.url, d.published, d.language, d.status," \
  " d.n_chars, d.sha256, d.imported_at, d.n_spans, d.n_suggested"

static gboolean
column_is_text (sqlite3_stmt *stmt,
                int           column)
{
  const char *value = (const char *) sqlite3_column_text (stmt, column);

  return value == NULL || g_utf8_validate_len (value, sqlite3_column_bytes (stmt, column), NULL);
}

/* A document as a row holds it, or NULL with TESSERA_ERROR_CORRUPT when
 * what was stored is no longer valid text: a damaged page must not reach
 * an export as invalid UTF-8, or as text its offsets no longer fit. */
static TesseraDocument *
document_from_row (TesseraProject  *self,
                   sqlite3_stmt    *stmt,
                   int              text_column,
                   GError         **error)
{
  g_autoptr(TesseraDocument) doc = NULL;
  int status = sqlite3_column_int (stmt, 7);
  gboolean valid = text_column < 0 || column_is_text (stmt, text_column);

  for (int c = 1; c <= 6 && valid; c++)
    valid = column_is_text (stmt, c);
  if (!valid)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
                   _("%s is damaged: document %" PRId64 " holds text that is not valid UTF-8 "
                      "(“tessera-cli check” tells more)"),
                   self->path, (gint64) sqlite3_column_int64 (stmt, 0));
      return NULL;
    }

  doc = tessera_document_new ();

  doc->id = sqlite3_column_int64 (stmt, 0);
  doc->uid = _tessera_column_dup (stmt, 1);
  doc->title = _tessera_column_dup (stmt, 2);
  doc->source = _tessera_column_dup (stmt, 3);
  doc->url = _tessera_column_dup (stmt, 4);
  doc->published = _tessera_column_dup (stmt, 5);
  doc->language = _tessera_column_dup (stmt, 6);
  doc->status = CLAMP (status, 0, TESSERA_N_STATUSES - 1);
  doc->n_chars = sqlite3_column_int64 (stmt, 8);
  doc->sha256 = _tessera_column_dup (stmt, 9);
  doc->imported_at = sqlite3_column_int64 (stmt, 10);
  doc->n_annotations = sqlite3_column_int64 (stmt, 11);
  doc->n_suggested = sqlite3_column_int64 (stmt, 12);
  if (text_column >= 0)
    {
      doc->text = _tessera_column_dup (stmt, text_column);
      if (doc->text == NULL || tessera_text_n_chars (doc->text, -1) != doc->n_chars)
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
                       /* Translators: the project file, then the document's id. */
                       _("%s is damaged: the text of document %s is not the length it was imported with "
                          "(“tessera-cli check” tells more)"), self->path, doc->uid);
          return NULL;
        }
    }

  return g_steal_pointer (&doc);
}

static gboolean
uid_taken (TesseraProject *self,
           const char     *uid)
{
  static const char sql[] = "SELECT 1 FROM document WHERE uid = ?1";
  g_auto(TesseraStmt) stmt = _tessera_project_stmt (self, sql, NULL);

  if (stmt == NULL)
    return FALSE;
  _tessera_bind_text (stmt, 1, uid);

  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
check_metadata (const TesseraDocument  *doc,
                GError                **error)
{
  const char *fields[] = { doc->uid, doc->title, doc->source, doc->url, doc->published, doc->language };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i] != NULL && !g_utf8_validate (fields[i], -1, NULL))
      {
        g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                     _("Document metadata is not valid UTF-8"));
        return FALSE;
      }

  return TRUE;
}

gint64
tessera_project_add_document (TesseraProject         *self,
                              const TesseraDocument  *doc,
                              GError                **error)
{
  static const char doc_sql[] =
    "INSERT INTO document (uid, title, source, url, published, language, status, n_chars, sha256, imported_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
  static const char text_sql[] = "INSERT INTO document_text (document_id, text) VALUES (?1, ?2)";
  static const char fts_sql[] = "INSERT INTO document_fts (rowid, title, text) VALUES (?1, ?2, ?3)";
  const char *title;
  gboolean began;
  g_autofree char *sha = NULL;
  g_autofree char *uid = NULL;
  gsize len;
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), 0);
  g_return_val_if_fail (doc != NULL, 0);
  g_return_val_if_fail (doc->text != NULL, 0);

  if (!_tessera_project_ensure_writable (self, error))
    return 0;

  len = strlen (doc->text);
  if (!g_utf8_validate_len (doc->text, len, NULL))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("The text of document “%s” is not valid UTF-8"), doc->uid ? doc->uid : "");
      return 0;
    }
  if (!check_metadata (doc, error))
    return 0;

  sha = tessera_text_sha256 (doc->text, len);
  if (doc->uid != NULL && *doc->uid != '\0')
    uid = g_strdup (doc->uid);
  else
    {
      uid = g_strdup_printf ("doc-%.12s", sha);
      for (guint n = 2; uid_taken (self, uid); n++)
        {
          g_free (uid);
          uid = g_strdup_printf ("doc-%.12s-%u", sha, n);
        }
    }

  title = doc->title && *doc->title ? doc->title : uid;

  if (!_tessera_project_begin_unless_nested (self, &began, error))
    return 0;

  {
    g_auto(TesseraStmt) stmt = _tessera_project_stmt (self, doc_sql, error);

    ok = stmt != NULL;
    if (ok)
      {
        _tessera_bind_text (stmt, 1, uid);
        _tessera_bind_text (stmt, 2, title);
        _tessera_bind_text (stmt, 3, doc->source);
        _tessera_bind_text (stmt, 4, doc->url);
        _tessera_bind_text (stmt, 5, doc->published);
        _tessera_bind_text (stmt, 6, doc->language);
        sqlite3_bind_int (stmt, 7, doc->status);
        sqlite3_bind_int64 (stmt, 8, tessera_text_n_chars (doc->text, len));
        _tessera_bind_text (stmt, 9, sha);
        sqlite3_bind_int64 (stmt, 10, _tessera_now ());
        if (sqlite3_step (stmt) != SQLITE_DONE)
          {
            if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_UNIQUE)
              g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                           _("The project already has a document with id “%s”"), uid);
            else
              _tessera_project_set_sqlite_error (self, error, N_("Adding a document"));
            ok = FALSE;
          }
        id = sqlite3_last_insert_rowid (self->db);
      }
  }

  if (ok)
    {
      g_auto(TesseraStmt) stmt = _tessera_project_stmt (self, text_sql, error);

      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          /* STATIC: the row is written before the caller's string can go. */
          sqlite3_bind_text (stmt, 2, doc->text, len, SQLITE_STATIC);
          ok = _tessera_project_step_done (self, stmt, error);
        }
    }

  if (ok)
    {
      g_auto(TesseraStmt) stmt = _tessera_project_stmt (self, fts_sql, error);

      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          _tessera_bind_text (stmt, 2, title);
          sqlite3_bind_text (stmt, 3, doc->text, len, SQLITE_STATIC);
          ok = _tessera_project_step_done (self, stmt, error);
        }
    }

  if (ok)
    _tessera_project_changed (self, TESSERA_CHANGE_DOCUMENT, TESSERA_CHANGE_ADDED, id, id);

  if (!_tessera_project_end_unless_nested (self, began, ok, error))
    return 0;

  return id;
}

TesseraDocument *
tessera_project_get_document (TesseraProject  *self,
                              gint64           id,
                              gboolean         with_text,
                              GError         **error)
{
  static const char sql[] =
    "SELECT " DOCUMENT_COLUMNS " FROM document d WHERE d.id = ?1";
  static const char text_sql[] =
    "SELECT " DOCUMENT_COLUMNS ", t.text FROM document d JOIN document_text t ON t.document_id = d.id"
    " WHERE d.id = ?1";
  g_auto(TesseraStmt) stmt = NULL;
  gboolean failed = FALSE;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);

  if (!(stmt = _tessera_project_stmt (self, with_text ? text_sql : sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_tessera_project_next_row (self, stmt, &failed, error))
    {
      if (!failed)
        g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND,
                     _("No document with id %" PRId64), id);
      return NULL;
    }

  return document_from_row (self, stmt, with_text ? 13 : -1, error);
}

TesseraDocument *
tessera_project_find_document (TesseraProject  *self,
                               const char      *uid,
                               gboolean         with_text,
                               GError         **error)
{
  static const char sql[] = "SELECT id FROM document WHERE uid = ?1";
  g_auto(TesseraStmt) stmt = NULL;
  gint64 id;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return NULL;
  _tessera_bind_text (stmt, 1, uid);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  id = sqlite3_column_int64 (stmt, 0);

  return tessera_project_get_document (self, id, with_text, error);
}

gint64
_tessera_project_document_length (TesseraProject  *self,
                                  gint64           document_id,
                                  GError         **error)
{
  static const char sql[] = "SELECT n_chars FROM document WHERE id = ?1";
  g_auto(TesseraStmt) stmt = _tessera_project_stmt (self, sql, error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND,
                   _("No document with id %" PRId64), document_id);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

gboolean
tessera_project_update_document (TesseraProject         *self,
                                 const TesseraDocument  *doc,
                                 GError                **error)
{
  static const char sql[] =
    "UPDATE document SET title = ?2, source = ?3, url = ?4, published = ?5, language = ?6, status = ?7"
    " WHERE id = ?1";
  g_auto(TesseraStmt) stmt = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (doc != NULL, FALSE);

  if (!_tessera_project_ensure_writable (self, error) || !check_metadata (doc, error))
    return FALSE;
  if (doc->title == NULL || *doc->title == '\0')
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT, _("A document needs a title"));
      return FALSE;
    }
  if (_tessera_project_document_length (self, doc->id, error) < 0)
    return FALSE;
  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, doc->id);
  _tessera_bind_text (stmt, 2, doc->title);
  _tessera_bind_text (stmt, 3, doc->source);
  _tessera_bind_text (stmt, 4, doc->url);
  _tessera_bind_text (stmt, 5, doc->published);
  _tessera_bind_text (stmt, 6, doc->language);
  sqlite3_bind_int (stmt, 7, doc->status);
  if (!_tessera_project_step_done (self, stmt, error))
    return FALSE;

  _tessera_project_changed (self, TESSERA_CHANGE_DOCUMENT, TESSERA_CHANGE_UPDATED, doc->id, doc->id);

  return TRUE;
}

gboolean
tessera_project_set_document_status (TesseraProject         *self,
                                     gint64                  id,
                                     TesseraDocumentStatus   status,
                                     GError                **error)
{
  static const char sql[] = "UPDATE document SET status = ?2 WHERE id = ?1";
  g_auto(TesseraStmt) stmt = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (status < TESSERA_N_STATUSES, FALSE);

  if (!_tessera_project_ensure_writable (self, error))
    return FALSE;
  if (_tessera_project_document_length (self, id, error) < 0)
    return FALSE;
  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, status);
  if (!_tessera_project_step_done (self, stmt, error))
    return FALSE;

  _tessera_project_changed (self, TESSERA_CHANGE_DOCUMENT, TESSERA_CHANGE_UPDATED, id, id);

  return TRUE;
}

gint64
tessera_project_count_documents (TesseraProject *self)
{
  static const char sql[] = "SELECT count(*) FROM document";
  g_auto(TesseraStmt) stmt = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), 0);

  stmt = _tessera_project_stmt (self, sql, NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

gint64
tessera_project_get_first_document_id (TesseraProject *self)
{
  static const char sql[] = "SELECT min(id) FROM document";
  g_auto(TesseraStmt) stmt = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), 0);

  stmt = _tessera_project_stmt (self, sql, NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

/* The first unfinished document among those @sql reads, 0 when none. */
static gint64
first_unfinished (TesseraProject  *self,
                  const char      *sql,
                  gint64           id,
                  GError         **error)
{
  g_auto(TesseraStmt) stmt = NULL;
  gboolean failed = FALSE;

  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, TESSERA_STATUS_DONE);

  if (_tessera_project_next_row (self, stmt, &failed, error))
    return sqlite3_column_int64 (stmt, 0);

  return 0;
}

gint64
tessera_project_find_unfinished_document (TesseraProject  *self,
                                          gint64           after_id,
                                          GError         **error)
{
  /* In id order: walks the table from @after_id, and stops at the first. */
  static const char after_sql[] =
    "SELECT id FROM document WHERE id > ?1 AND status != ?2 ORDER BY id LIMIT 1";
  static const char before_sql[] =
    "SELECT id FROM document WHERE id < ?1 AND status != ?2 ORDER BY id LIMIT 1";
  g_autoptr(GError) local_error = NULL;
  gint64 id;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), 0);

  id = first_unfinished (self, after_sql, after_id, &local_error);
  if (id == 0 && local_error == NULL && after_id > 0)
    id = first_unfinished (self, before_sql, after_id, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  return id;
}

GPtrArray *
tessera_project_list_documents (TesseraProject  *self,
                                GError         **error)
{
  static const char sql[] = "SELECT " DOCUMENT_COLUMNS " FROM document d ORDER BY d.id";
  g_auto(TesseraStmt) stmt = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  gboolean failed = FALSE;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);

  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return NULL;

  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_document_unref);
  while (_tessera_project_next_row (self, stmt, &failed, error))
    {
      TesseraDocument *doc = document_from_row (self, stmt, -1, error);

      if (doc == NULL)
        return NULL;
      g_ptr_array_add (docs, doc);
    }

  return failed ? NULL : g_steal_pointer (&docs);
}

gboolean
tessera_project_foreach_document (TesseraProject       *self,
                                  gboolean              with_text,
                                  TesseraDocumentFunc   func,
                                  gpointer              user_data,
                                  GError              **error)
{
  /* Separate statements from list/get, so @func may call those. */
  static const char sql[] = "SELECT " DOCUMENT_COLUMNS " FROM document d ORDER BY d.id";
  static const char text_sql[] =
    "SELECT " DOCUMENT_COLUMNS ", t.text FROM document d JOIN document_text t ON t.document_id = d.id"
    " ORDER BY d.id";
  g_auto(TesseraStmt) stmt = NULL;
  gboolean failed = FALSE;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!(stmt = _tessera_project_stmt (self, with_text ? text_sql : sql, error)))
    return FALSE;

  while (_tessera_project_next_row (self, stmt, &failed, error))
    {
      g_autoptr(TesseraDocument) doc = document_from_row (self, stmt, with_text ? 13 : -1, error);

      if (doc == NULL || !func (doc, user_data, error))
        return FALSE;
    }

  return !failed;
}

/* Turns what a user types into an FTS5 query: each word quoted (so FTS
 * syntax characters are plain text) and matched as a prefix. */
static char *
fts_query_from_words (const char *query)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) words = g_strsplit_set (query, " \t\n\r", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, '"');
      for (const char *p = words[i]; *p; p++)
        {
          if (*p == '"')
            g_string_append (out, "\"\"");
          else
            g_string_append_c (out, *p);
        }
      g_string_append (out, "\"*");
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

GArray *
tessera_project_search (TesseraProject  *self,
                        const char      *query,
                        guint            limit,
                        GError         **error)
{
  /* BM25 costs a little per match: a common word matching most of
   * 100,000 documents took 400 ms. The best of the first few thousand
   * matches (in document order) is what a first page can afford. */
  static const char sql[] =
    "SELECT rowid FROM (SELECT rowid, rank FROM document_fts WHERE document_fts MATCH ?1 LIMIT 4000)"
    " ORDER BY rank LIMIT ?2";
  g_auto(TesseraStmt) stmt = NULL;
  g_autofree char *fts = NULL;
  g_autoptr(GArray) ids = NULL;
  int rc;

  g_return_val_if_fail (TESSERA_IS_PROJECT (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  fts = fts_query_from_words (query);
  if (*fts == '\0')
    return g_steal_pointer (&ids);

  if (!(stmt = _tessera_project_stmt (self, sql, error)))
    return NULL;
  _tessera_bind_text (stmt, 1, fts);
  sqlite3_bind_int (stmt, 2, limit > 0 ? (int) MIN (limit, G_MAXINT) : -1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      _tessera_project_set_sqlite_error (self, error, N_("Searching"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}
