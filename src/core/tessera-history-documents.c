/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-history-private.h"
#include "tessera-text-header.h"

gboolean
tessera_history_set_document_status (TesseraHistory         *self,
                                     gint64                  document_id,
                                     TesseraDocumentStatus   status,
                                     GError                **error)
{
  g_autoptr(TesseraDocument) doc = NULL;
  StatusRow *before;
  StatusRow *after;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);

  if (!(doc = tessera_project_get_document (self->project, document_id, FALSE, error)))
    return FALSE;
  if (doc->status == status)
    return TRUE;
  if (!_tessera_history_step_begin (self, "Change status", &step, error))
    return FALSE;

  before = g_new0 (StatusRow, 1);
  before->id = document_id;
  before->status = doc->status;
  after = g_memdup2 (before, sizeof *before);
  after->status = status;
  _tessera_history_record (&step, ROW_STATUS, before, after);

  return _tessera_history_step_end (self, &step,
                                    _tessera_history_apply_recorded (self, &step, error), error);
}

/* --- metadata --------------------------------------------------------- */

/* @doc's metadata, without its text: a row to record. */
static TesseraDocument *
metadata_row (const TesseraDocument *doc)
{
  TesseraDocument *row = tessera_document_new ();

  row->id = doc->id;
  row->uid = g_strdup (doc->uid);
  row->title = g_strdup (doc->title);
  row->source = g_strdup (doc->source);
  row->url = g_strdup (doc->url);
  row->published = g_strdup (doc->published);
  row->language = g_strdup (doc->language);
  row->status = doc->status;

  return row;
}

gboolean
_tessera_history_replay_document (TesseraProject         *project,
                                  const TesseraDocument  *to,
                                  GError                **error)
{
  g_autoptr(TesseraDocument) doc = NULL;

  /* The status as it is now: changing it is a command of its own. */
  if (!(doc = tessera_project_get_document (project, to->id, FALSE, error)))
    return FALSE;
  _tessera_history_replace_string (&doc->title, to->title);
  _tessera_history_replace_string (&doc->source, to->source);
  _tessera_history_replace_string (&doc->url, to->url);
  _tessera_history_replace_string (&doc->published, to->published);
  _tessera_history_replace_string (&doc->language, to->language);

  return tessera_project_update_document (project, doc, error);
}

/* @value trimmed; NULL when nothing is left. */
static char *
clean_value (const char *value)
{
  g_autofree char *copy = NULL;

  if (value == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (value));
  return *copy != '\0' ? g_steal_pointer (&copy) : NULL;
}

gboolean
tessera_history_update_document (TesseraHistory         *self,
                                 const TesseraDocument  *doc,
                                 GError                **error)
{
  g_autoptr(TesseraDocument) before = NULL;
  g_autoptr(TesseraDocument) after = NULL;
  const char *label = NULL;
  guint n_changed = 0;
  Step step;

  g_return_val_if_fail (TESSERA_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (doc != NULL, FALSE);

  if (!(before = tessera_project_get_document (self->project, doc->id, FALSE, error)))
    return FALSE;

  after = metadata_row (before);
  g_free (after->title);
  after->title = clean_value (doc->title);
  g_free (after->source);
  after->source = clean_value (doc->source);
  g_free (after->url);
  after->url = clean_value (doc->url);
  g_free (after->published);
  after->published = clean_value (doc->published);
  g_free (after->language);
  after->language = clean_value (doc->language);

  if (after->title == NULL)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT, _("A document needs a title"));
      return FALSE;
    }
  /* What was imported "as given" may stay; what is typed must be a date. */
  if (after->published != NULL && g_strcmp0 (after->published, before->published) != 0 &&
      !tessera_date_is_iso (after->published))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   /* Translators: the date as typed. */
                   _("“%s” is not a date: write the publication date as YYYY-MM-DD, "
                     "such as 2023-11-13"), after->published);
      return FALSE;
    }
  if (after->language != NULL && g_strcmp0 (after->language, before->language) != 0)
    {
      g_autofree char *tag = tessera_language_tag_normalize (after->language);

      if (tag == NULL)
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       /* Translators: the language as typed. */
                       _("“%s” is not a language tag: use a BCP 47 tag such as “en”, "
                         "“fr” or “pt-BR”"), after->language);
          return FALSE;
        }
      g_free (after->language);
      after->language = g_steal_pointer (&tag);
    }

  /* Named after what changed, for the Undo button. */
  if (g_strcmp0 (after->title, before->title) != 0)
    n_changed++, label = "Change title";
  if (g_strcmp0 (after->source, before->source) != 0)
    n_changed++, label = "Change outlet";
  if (g_strcmp0 (after->url, before->url) != 0)
    n_changed++, label = "Change URL";
  if (g_strcmp0 (after->published, before->published) != 0)
    n_changed++, label = "Change publication date";
  if (g_strcmp0 (after->language, before->language) != 0)
    n_changed++, label = "Change language";
  if (n_changed == 0)
    return TRUE;
  if (n_changed > 1)
    label = "Change document details";

  if (!_tessera_history_step_begin (self, label, &step, error))
    return FALSE;
  _tessera_history_record (&step, ROW_DOCUMENT, g_steal_pointer (&before), g_steal_pointer (&after));

  return _tessera_history_step_end (self, &step,
                                    _tessera_history_apply_recorded (self, &step, error), error);
}
