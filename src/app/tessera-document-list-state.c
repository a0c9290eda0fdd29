/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-document-list"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-document-list-private.h"

static const char *
no_matches_among (int status)
{
  switch (status)
    {
    case TESSERA_STATUS_IN_PROGRESS:
      return _("No matches among documents in progress");
    case TESSERA_STATUS_DONE:
      return _("No matches among done documents");
    case TESSERA_STATUS_NEW:
    default:
      return _("No matches among new documents");
    }
}

/* Matches the status filter hides, when it hides every match. */
static guint
count_hidden_matches (TesseraDocumentModel *model)
{
  int status = tessera_document_model_get_status_filter (model);

  if (tessera_document_model_get_search (model) == NULL || status == TESSERA_DOCUMENT_MODEL_ALL_STATUSES ||
      tessera_document_model_get_busy (model) || g_list_model_get_n_items (G_LIST_MODEL (model)) > 0)
    return 0;

  return tessera_document_model_count_matches (model, TESSERA_DOCUMENT_MODEL_ALL_STATUSES) -
         tessera_document_model_count_matches (model, status);
}

void
_tessera_document_list_describe_empty (TesseraDocumentModel  *model,
                                       gboolean               has_project,
                                       const char           **icon_name,
                                       const char           **title,
                                       char                 **description,
                                       gboolean              *offer_all)
{
  guint n_documents = tessera_document_model_get_n_documents (model);
  guint hidden = count_hidden_matches (model);

  *icon_name = "folder-documents-symbolic";
  *offer_all = FALSE;
  if (n_documents == 0 && tessera_document_model_get_busy (model))
    {
      *title = _("Loading documents…");
      *description = g_strdup ("");
    }
  else if (!has_project)
    {
      *title = _("No project open");
      *description = g_strdup (_("Open or create a project from the main menu"));
    }
  else if (n_documents == 0)
    {
      *title = _("No documents yet");
      *description = g_strdup (_("Import some with Ctrl+I"));
    }
  else if (hidden > 0)
    {
      *icon_name = "edit-find-symbolic";
      *title = no_matches_among (tessera_document_model_get_status_filter (model));
      *description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u match in other statuses",
                                                   "%'u matches in other statuses", hidden),
                                      hidden);
      *offer_all = TRUE;
    }
  else
    {
      *icon_name = "edit-find-symbolic";
      *title = _("No documents match");
      *description = g_strdup (tessera_document_model_get_search (model) != NULL
                               ? _("Try other words, or another status")
                               : _("No document has this status yet"));
    }
}

char *
_tessera_document_list_describe_count (TesseraDocumentModel *model)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
  guint n_documents = tessera_document_model_get_n_documents (model);
  gboolean searching = tessera_document_model_get_search (model) != NULL;

  if (tessera_document_model_get_busy (model))
    return g_strdup (searching ? _("Searching…") : _("Loading documents…"));
  if (n_documents == 0)
    return NULL;
  if (searching && tessera_document_model_get_search_truncated (model))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The best %u match", "The best %u matches", n_items),
                            n_items);
  if (searching || tessera_document_model_get_status_filter (model) != TESSERA_DOCUMENT_MODEL_ALL_STATUSES)
    /* TRANSLATORS: "12 of 1,500 documents" under the filtered document list */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u of %'u document", "%'u of %'u documents", n_documents),
                            n_items, n_documents);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u document", "%'u documents", n_documents),
                          n_documents);
}
