/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-history.h"
#include "tessera-text-header.h"
#include "tessera-cli-private.h"

/* A document's metadata, changed through the history command the window's
 * header uses, so both check the same things. */

typedef struct
{
  const char *name;     /* as the option, untranslated like it */
  gsize       offset;   /* of the char* in TesseraDocument */
} Field;

static const Field fields[] = {
  { "title", G_STRUCT_OFFSET (TesseraDocument, title) },
  { "source", G_STRUCT_OFFSET (TesseraDocument, source) },
  { "published", G_STRUCT_OFFSET (TesseraDocument, published) },
  { "url", G_STRUCT_OFFSET (TesseraDocument, url) },
  { "language", G_STRUCT_OFFSET (TesseraDocument, language) },
};

static char **
field_of (TesseraDocument *doc,
          const Field     *field)
{
  return G_STRUCT_MEMBER_P (doc, field->offset);
}

static const char *
or_none (const char *value)
{
  /* Translators: an empty field of a document (no source, no date…). */
  return value != NULL && *value != '\0' ? value : _("(none)");
}

/* Checked before the project is opened, naming the option. */
static gboolean
check_values (const char *title,
              const char *published,
              const char *language)
{
  if (title != NULL)
    {
      g_autofree char *copy = g_strstrip (g_strdup (title));

      if (*copy == '\0')
        {
          tessera_cli_error (_("edit: --title cannot be empty: a document needs a title"));
          return FALSE;
        }
    }
  if (published != NULL && *published != '\0' && !tessera_date_is_iso (published))
    {
      tessera_cli_error (_("edit: --published “%s” is not a date; write it as YYYY-MM-DD, "
                           "such as 2023-11-13"), published);
      return FALSE;
    }
  if (language != NULL && *language != '\0')
    {
      g_autofree char *tag = tessera_language_tag_normalize (language);

      if (tag == NULL)
        {
          tessera_cli_error (_("edit: --language “%s” is not a language tag; use a BCP 47 tag "
                               "such as en, fr or pt-BR"), language);
          return FALSE;
        }
    }
  return TRUE;
}

int
tessera_cli_edit (const TesseraCliCommand *command,
                  int                      argc,
                  char                   **argv)
{
  g_autofree char *title = NULL;
  g_autofree char *source = NULL;
  g_autofree char *published = NULL;
  g_autofree char *url = NULL;
  g_autofree char *language = NULL;
  g_autoptr(TesseraProject) project = NULL;
  g_autoptr(TesseraHistory) history = NULL;
  g_autoptr(TesseraDocument) before = NULL;
  g_autoptr(TesseraDocument) wanted = NULL;
  g_autoptr(TesseraDocument) after = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "title", 't', 0, G_OPTION_ARG_STRING, &title,
      N_("The document's title"), N_("TITLE") },
    { "source", 's', 0, G_OPTION_ARG_STRING, &source,
      N_("The outlet that published it (empty: unknown)"), N_("SOURCE") },
    { "published", 'p', 0, G_OPTION_ARG_STRING, &published,
      N_("When it was published, as YYYY-MM-DD (empty: unknown)"), N_("DATE") },
    { "url", 'u', 0, G_OPTION_ARG_STRING, &url,
      N_("Where it was published (empty: nowhere known)"), N_("URL") },
    { "language", 'l', 0, G_OPTION_ARG_STRING, &language,
      N_("Its language, a BCP 47 tag such as en or fr (empty: unknown)"), N_("TAG") },
    G_OPTION_ENTRY_NULL
  };
  gboolean changing;
  guint n_changed = 0;
  const char *path;
  const char *uid;
  int status;

  status = tessera_cli_parse (command, entries, &argc, &argv);
  if (status >= 0)
    return status;

  path = argv[1];
  uid = argv[2];
  changing = title != NULL || source != NULL || published != NULL || url != NULL || language != NULL;

  if (!check_values (title, published, language))
    return TESSERA_CLI_EXIT_USAGE;

  project = tessera_cli_open_project (path, changing
                                      ? TESSERA_OPEN_DEFAULT
                                      : TESSERA_OPEN_READ_ONLY | TESSERA_OPEN_SKIP_CHECK);
  if (project == NULL)
    return TESSERA_CLI_EXIT_FAILURE;

  before = tessera_project_find_document (project, uid, FALSE, &error);
  if (before == NULL)
    {
      if (error != NULL)
        tessera_cli_error ("%s: %s", path, error->message);
      else
        tessera_cli_error (_("%s: no document has the id “%s”"), path, uid);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  /* Without options: what there is to edit. */
  if (!changing)
    {
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        g_print ("%-10s %s\n", fields[i].name, or_none (*field_of (before, &fields[i])));
      return TESSERA_CLI_EXIT_OK;
    }

  wanted = tessera_project_get_document (project, before->id, FALSE, &error);
  if (wanted == NULL)
    {
      tessera_cli_error ("%s: %s", path, error->message);
      return TESSERA_CLI_EXIT_FAILURE;
    }
  {
    const char *values[] = { title, source, published, url, language };

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      if (values[i] != NULL)
        {
          char **field = field_of (wanted, &fields[i]);

          g_free (*field);
          *field = g_strdup (values[i]);
        }
  }

  history = tessera_history_new (project);
  if (!tessera_history_update_document (history, wanted, &error) ||
      !(after = tessera_project_get_document (project, before->id, FALSE, &error)))
    {
      tessera_cli_error ("%s: %s: %s", path, uid, error->message);
      return TESSERA_CLI_EXIT_FAILURE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *old_value = *field_of (before, &fields[i]);
      const char *new_value = *field_of (after, &fields[i]);

      if (g_strcmp0 (old_value, new_value) == 0)
        continue;
      if (n_changed++ == 0)
        g_print (_("Changed document %s:\n"), uid);
      g_print ("  %-10s %s → %s\n", fields[i].name, or_none (old_value), or_none (new_value));
    }
  if (n_changed == 0)
    g_print (_("Document %s already had these values; nothing changed.\n"), uid);

  tessera_project_close (project);

  return TESSERA_CLI_EXIT_OK;
}
