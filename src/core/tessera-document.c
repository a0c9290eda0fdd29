/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-document"

#include "config.h"

#include "tessera-document.h"

static const char * const status_names[TESSERA_N_STATUSES] = {
  "new", "in-progress", "done",
};

const char *
tessera_status_to_string (TesseraDocumentStatus status)
{
  g_return_val_if_fail (status < TESSERA_N_STATUSES, NULL);

  return status_names[status];
}

gboolean
tessera_status_from_string (const char            *str,
                            TesseraDocumentStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < TESSERA_N_STATUSES; i++)
    {
      if (g_str_equal (str, status_names[i]))
        {
          *status = i;
          return TRUE;
        }
    }

  if (g_str_equal (str, "in_progress"))
    {
      *status = TESSERA_STATUS_IN_PROGRESS;
      return TRUE;
    }

  return FALSE;
}

G_DEFINE_BOXED_TYPE (TesseraDocument, tessera_document, tessera_document_ref, tessera_document_unref)

TesseraDocument *
tessera_document_new (void)
{
  TesseraDocument *doc = g_new0 (TesseraDocument, 1);

  g_atomic_ref_count_init (&doc->ref_count);
  doc->status = TESSERA_STATUS_NEW;

  return doc;
}

TesseraDocument *
tessera_document_ref (TesseraDocument *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);

  g_atomic_ref_count_inc (&doc->ref_count);

  return doc;
}

void
tessera_document_unref (TesseraDocument *doc)
{
  g_return_if_fail (doc != NULL);

  if (!g_atomic_ref_count_dec (&doc->ref_count))
    return;

  g_free (doc->uid);
  g_free (doc->title);
  g_free (doc->source);
  g_free (doc->url);
  g_free (doc->published);
  g_free (doc->language);
  g_free (doc->text);
  g_free (doc->sha256);
  g_free (doc);
}
