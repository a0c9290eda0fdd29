/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-foreign-private.h"
#include "tessera-formats-private.h"

typedef enum
{
  FORMAT_TEXT,
  FORMAT_HTML,
  FORMAT_JSONL,
  FORMAT_PROJECT_JSON,
  FORMAT_BRAT,
  FORMAT_CONLL,
  FORMAT_DOCCANO,
  FORMAT_LABEL_STUDIO,
} ImportFormat;

typedef struct
{
  char         *path;
  char         *collate_key;
  guint64       size;
  ImportFormat  format;
  char         *ann_path;    /* brat: the .ann beside the .txt, if any */
  char         *conf_path;   /* brat: the annotation.conf of its folder, if any */
} ImportFile;

static void
import_file_free (gpointer data)
{
  ImportFile *file = data;

  g_free (file->path);
  g_free (file->collate_key);
  g_free (file->ann_path);
  g_free (file->conf_path);
  g_free (file);
}

void
tessera_import_report_init (TesseraImportReport *report)
{
  g_return_if_fail (report != NULL);

  memset (report, 0, sizeof *report);
  report->notices = g_ptr_array_new_with_free_func (g_free);
}

void
tessera_import_report_clear (TesseraImportReport *report)
{
  g_return_if_fail (report != NULL);

  g_clear_pointer (&report->notices, g_ptr_array_unref);
  g_clear_pointer (&report->losses, g_ptr_array_unref);
  memset (report, 0, sizeof *report);
}

void
_tessera_import_context_progress (TesseraImportContext *ctx,
                                  guint64               bytes_in_file)
{
  guint64 done;

  g_return_if_fail (ctx != NULL);

  if (ctx->options == NULL || ctx->options->progress == NULL)
    return;

  done = ctx->bytes_done + bytes_in_file;
  if (ctx->bytes_total > 0 && done > ctx->bytes_total)
    done = ctx->bytes_total;

  ctx->options->progress (done, ctx->bytes_total, ctx->options->progress_data);
}

gboolean
_tessera_import_context_cancelled (TesseraImportContext  *ctx,
                                   GError               **error)
{
  g_return_val_if_fail (ctx != NULL, FALSE);

  if (ctx->options != NULL &&
      ctx->options->cancellable != NULL &&
      g_cancellable_is_cancelled (ctx->options->cancellable))
    {
      g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_CANCELLED,
                           _("Import cancelled; nothing was imported"));
      return TRUE;
    }

  return FALSE;
}

void
_tessera_import_report_notice (TesseraImportReport *report,
                               const char          *format,
                               ...)
{
  va_list args;

  g_return_if_fail (report != NULL);
  g_return_if_fail (format != NULL);

  if (report->notices == NULL)
    report->notices = g_ptr_array_new_with_free_func (g_free);

  va_start (args, format);
  g_ptr_array_add (report->notices, g_strdup_vprintf (format, args));
  va_end (args);
}

static gboolean
has_suffix_nocase (const char *name,
                   const char *suffix)
{
  gsize name_len = strlen (name);
  gsize suffix_len = strlen (suffix);

  return name_len > suffix_len &&
         g_ascii_strcasecmp (name + name_len - suffix_len, suffix) == 0;
}

/* Files other tools write, told by the end of their name; the format is
 * translated where it is shown. */
static const struct
{
  const char *suffix;
  const char *format;
} foreign_names[] = {
  { ".ann", N_("brat standoff annotations (.ann; import the .txt beside it for the text alone)") },
  { ".a1", N_("BioNLP standoff annotations (.a1)") },
  { ".a2", N_("BioNLP standoff annotations (.a2)") },
  { ".conll", N_("CoNLL token-per-line annotations") },
  { ".conllu", N_("CoNLL-U token-per-line annotations") },
  { ".iob", N_("IOB token-per-line annotations") },
  { ".bio", N_("BIO token-per-line annotations") },
  { ".apf.xml", N_("ACE annotations (.apf.xml)") },
  { ".xmi", N_("UIMA XMI annotations (INCEpTION, WebAnno)") },
};

static const char *
foreign_format_for_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (foreign_names); i++)
    if (has_suffix_nocase (name, foreign_names[i].suffix))
      return foreign_names[i].format;

  return NULL;
}

/* Looks at the start of a JSON file: Label Studio exports an array of
 * tasks, each with "data"; doccano's JSONL records have "text" and
 * "label" or "entities", which Tessera's records never have. */
static ImportFormat
sniff_json (const char   *path,
            ImportFormat  by_name)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  char buf[8192];
  gssize n;
  const char *p;

  if (in == NULL || (n = g_input_stream_read (G_INPUT_STREAM (in), buf, sizeof buf - 1, NULL, NULL)) <= 0)
    return by_name;
  buf[n] = '\0';
  for (p = buf; g_ascii_isspace (*p); p++)
    ;

  if (*p == '[' && strstr (p, "\"data\"") != NULL &&
      (strstr (p, "\"annotations\"") != NULL || strstr (p, "\"predictions\"") != NULL))
    return FORMAT_LABEL_STUDIO;
  if (by_name == FORMAT_JSONL && *p == '{')
    {
      const char *eol = strchr (p, '\n');
      g_autofree char *first = eol ? g_strndup (p, eol - p) : g_strdup (p);

      if (strstr (first, "\"text\"") != NULL && strstr (first, "\"spans\"") == NULL &&
          strstr (first, "\"offset_unit\"") == NULL &&
          (strstr (first, "\"label\"") != NULL || strstr (first, "\"entities\"") != NULL))
        return FORMAT_DOCCANO;
    }
  return by_name;
}

static ImportFormat
format_for_name (const char          *path,
                 const char          *name,
                 TesseraImportFormat  requested)
{
  ImportFormat by_name;

  switch (requested)
    {
    case TESSERA_IMPORT_TEXT:
      return FORMAT_TEXT;
    case TESSERA_IMPORT_BRAT:
      return FORMAT_BRAT;
    case TESSERA_IMPORT_CONLL:
      return FORMAT_CONLL;
    case TESSERA_IMPORT_DOCCANO:
      return FORMAT_DOCCANO;
    case TESSERA_IMPORT_LABEL_STUDIO:
      return FORMAT_LABEL_STUDIO;
    case TESSERA_IMPORT_AUTO:
    case TESSERA_IMPORT_TESSERA:
    default:
      break;
    }

  /* .jsonlines too: the records say whether they are Tessera's (RAMS
   * and others use that name for their own). */
  if (has_suffix_nocase (name, ".jsonl") || has_suffix_nocase (name, ".ndjson") ||
      has_suffix_nocase (name, ".jsonlines"))
    by_name = FORMAT_JSONL;
  else if (has_suffix_nocase (name, ".json"))
    by_name = FORMAT_PROJECT_JSON;
  else if (requested == TESSERA_IMPORT_AUTO &&
           (has_suffix_nocase (name, ".conll") || has_suffix_nocase (name, ".iob") ||
            has_suffix_nocase (name, ".bio") || has_suffix_nocase (name, ".iob2") ||
            has_suffix_nocase (name, ".bioes")))
    return FORMAT_CONLL;
  else if (requested == TESSERA_IMPORT_AUTO && has_suffix_nocase (name, ".ann"))
    return FORMAT_BRAT;
  else if (requested == TESSERA_IMPORT_AUTO &&
           (has_suffix_nocase (name, ".html") || has_suffix_nocase (name, ".htm")))
    return FORMAT_HTML;
  else
    return FORMAT_TEXT;

  return requested == TESSERA_IMPORT_AUTO ? sniff_json (path, by_name) : by_name;
}

static gboolean
is_importable_name (const char          *name,
                    TesseraImportFormat  requested)
{
  static const char * const suffixes[] = {
    ".txt", ".text", ".jsonl", ".ndjson", ".json", ".conll", ".iob", ".bio", ".iob2", ".bioes",
  };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (has_suffix_nocase (name, suffixes[i]))
      return TRUE;

  /* Saved web pages are read as such only when the format is told by name. */
  return requested == TESSERA_IMPORT_AUTO &&
         (has_suffix_nocase (name, ".html") || has_suffix_nocase (name, ".htm"));
}

static ImportFile *
import_file_new (const char          *path,
                 const char          *name,
                 guint64              size,
                 TesseraImportFormat  requested)
{
  ImportFile *file = g_new0 (ImportFile, 1);
  g_autofree char *display = g_filename_display_name (name);

  file->path = g_strdup (path);
  file->collate_key = g_utf8_collate_key_for_filename (display, -1);
  file->size = size;
  file->format = format_for_name (path, name, requested);

  return file;
}

/* The path with its extension replaced by @ext. */
static char *
with_extension (const char *path,
                const char *ext)
{
  const char *slash = strrchr (path, G_DIR_SEPARATOR);
  const char *dot = strrchr (path, '.');

  g_autofree char *stem = NULL;

  if (dot == NULL || (slash != NULL && dot < slash))
    return g_strconcat (path, ext, NULL);
  stem = g_strndup (path, dot - path);
  return g_strconcat (stem, ext, NULL);
}

/* A brat document: @path is its .txt or its .ann. */
static ImportFile *
brat_file_new (const char  *path,
               guint64      size,
               GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *conf = g_build_filename (dir, "annotation.conf", NULL);
  g_autofree char *txt = NULL;
  g_autofree char *ann = NULL;
  g_autofree char *name = NULL;
  ImportFile *file;

  if (has_suffix_nocase (path, ".ann"))
    {
      ann = g_strdup (path);
      txt = with_extension (path, ".txt");
      if (!g_file_test (txt, G_FILE_TEST_IS_REGULAR))
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       /* Translators: a brat .ann file whose text is missing. */
                       _("%s: no .txt of the same name beside it (brat keeps the text there)"),
                       display);
          return NULL;
        }
    }
  else
    {
      txt = g_strdup (path);
      ann = with_extension (path, ".ann");
      if (!g_file_test (ann, G_FILE_TEST_IS_REGULAR))
        g_clear_pointer (&ann, g_free);
    }

  name = g_path_get_basename (txt);
  file = import_file_new (txt, name, size, TESSERA_IMPORT_BRAT);
  file->ann_path = g_steal_pointer (&ann);
  if (g_file_test (conf, G_FILE_TEST_IS_REGULAR))
    file->conf_path = g_steal_pointer (&conf);

  return file;
}

static int
compare_import_files (gconstpointer a,
                      gconstpointer b)
{
  const ImportFile *fa = *(ImportFile * const *) a;
  const ImportFile *fb = *(ImportFile * const *) b;
  int cmp = strcmp (fa->collate_key, fb->collate_key);

  /* Names that collate alike still get a stable order. */
  return cmp != 0 ? cmp : strcmp (fa->path, fb->path);
}

/* Reading a folder failed: a cancel stays a cancel, the rest names the path. */
static void
set_folder_error (GError     **error,
                  const char  *display,
                  GError      *local_error)
{
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_CANCELLED,
                         _("Import cancelled; nothing was imported"));
  else
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED,
                 /* Translators: the folder, then the reason. */
                 _("%s: cannot read the folder: %s"), display, local_error->message);
}

/* Adds a folder's importable files, in file-name order, to @files. */
static gboolean
expand_folder (const char           *path,
               TesseraImportFormat   requested,
               GPtrArray            *files,
               TesseraImportReport  *report,
               GCancellable         *cancellable,
               GError              **error)
{
  gboolean brat = requested == TESSERA_IMPORT_BRAT;
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (import_file_free);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = g_filename_display_name (path);

  enumerator = g_file_enumerate_children (dir,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                          G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN,
                                          G_FILE_QUERY_INFO_NONE,
                                          cancellable, &local_error);
  if (enumerator == NULL)
    {
      set_folder_error (error, display, local_error);
      return FALSE;
    }

  /* A folder with .ann files is brat's: its .txt files are the texts. */
  if (requested == TESSERA_IMPORT_AUTO)
    {
      g_autoptr(GFileEnumerator) scan = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                   G_FILE_QUERY_INFO_NONE,
                                                                   cancellable, NULL);
      GFileInfo *info = NULL;

      while (scan != NULL && !brat && g_file_enumerator_iterate (scan, &info, NULL, cancellable, NULL) &&
             info != NULL)
        brat = has_suffix_nocase (g_file_info_get_name (info), ".ann");
    }

  for (;;)
    {
      GFileInfo *info = NULL;
      const char *name;
      g_autofree char *child = NULL;
      g_autofree char *child_display = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, cancellable, &local_error))
        {
          set_folder_error (error, display, local_error);
          return FALSE;
        }
      if (info == NULL)
        break;

      name = g_file_info_get_name (info);
      if (name[0] == '.' || g_file_info_get_is_hidden (info))
        continue;

      child = g_build_filename (path, name, NULL);
      child_display = g_filename_display_name (child);

      switch (g_file_info_get_file_type (info))
        {
        case G_FILE_TYPE_REGULAR:
          if (brat && has_suffix_nocase (name, ".txt"))
            {
              ImportFile *file = brat_file_new (child, g_file_info_get_size (info), error);

              if (file == NULL)
                return FALSE;
              if (file->ann_path == NULL)
                _tessera_import_report_notice (report,
                                               /* Translators: a text in a brat folder. */
                                               _("%s: no .ann beside it, imported as a text "
                                                 "without annotations"), child_display);
              g_ptr_array_add (found, file);
            }
          else if (brat && has_suffix_nocase (name, ".ann"))
            {
              g_autofree char *txt = with_extension (child, ".txt");

              if (!g_file_test (txt, G_FILE_TEST_IS_REGULAR))
                {
                  g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                               _("%s: no .txt of the same name beside it (brat keeps the text there)"),
                               child_display);
                  return FALSE;
                }
            }
          else if (brat && has_suffix_nocase (name, ".conf"))
            ;   /* annotation.conf is read with the texts; visual.conf and tools.conf are brat's own */
          else if (!brat && is_importable_name (name, requested))
            g_ptr_array_add (found, import_file_new (child, name, g_file_info_get_size (info), requested));
          else
            {
              report->n_skipped++;
              if (brat)
                _tessera_import_report_notice (report,
                                               /* Translators: a file in a brat folder. */
                                               _("%s: not a brat .txt, .ann or .conf file, skipped"),
                                               child_display);
              else
                _tessera_import_report_notice (report,
                                               /* Translators: a file in the folder being imported. */
                                               _("%s: not a .txt, .text, .html, .htm, .jsonl, .ndjson, "
                                                 ".json, .conll, .iob or .bio file, skipped"),
                                               child_display);
            }
          break;

        case G_FILE_TYPE_DIRECTORY:
          /* Sub-folders are not entered, but the analyst should know. */
          /* Translators: a folder inside the folder being imported. */
          _tessera_import_report_notice (report, _("%s: a folder, not entered"), child_display);
          break;

        case G_FILE_TYPE_UNKNOWN:
        case G_FILE_TYPE_SYMBOLIC_LINK:
        case G_FILE_TYPE_SPECIAL:
        case G_FILE_TYPE_SHORTCUT:
        case G_FILE_TYPE_MOUNTABLE:
        default:
          report->n_skipped++;
          /* Translators: something in the folder being imported that is
           * neither a file nor a folder (a device, a socket, a broken link). */
          _tessera_import_report_notice (report, _("%s: not a regular file, skipped"),
                                         child_display);
          break;
        }
    }

  g_ptr_array_sort (found, compare_import_files);
  /* Keys are only for sorting; a 100,000-file folder should not keep them. */
  for (guint i = 0; i < found->len; i++)
    g_clear_pointer (&((ImportFile *) found->pdata[i])->collate_key, g_free);
  g_ptr_array_extend_and_steal (files, g_steal_pointer (&found));

  return TRUE;
}

/* Turns the given paths into the list of files to import, refusing a
 * missing path before anything is written. */
static gboolean
expand_paths (const char * const   *paths,
              TesseraImportFormat   requested,
              GPtrArray            *files,
              TesseraImportReport  *report,
              GCancellable         *cancellable,
              GError              **error)
{
  for (guint i = 0; paths[i] != NULL; i++)
    {
      const char *path = paths[i];
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *basename = NULL;
      const char *foreign;

      info = g_file_query_info (file,
                                G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                G_FILE_QUERY_INFO_NONE,
                                cancellable, &local_error);
      if (info == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND,
                         _("%s: no such file or folder"), display);
          else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_CANCELLED,
                                 _("Import cancelled; nothing was imported"));
          else
            g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED,
                         _("%s: %s"), display, local_error->message);
          return FALSE;
        }

      switch (g_file_info_get_file_type (info))
        {
        case G_FILE_TYPE_DIRECTORY:
          if (!expand_folder (path, requested, files, report, cancellable, error))
            return FALSE;
          break;

        case G_FILE_TYPE_REGULAR:
          /* A file named explicitly is imported whatever its extension,
           * unless another tool's annotations would become a text. */
          basename = g_path_get_basename (path);
          if (requested == TESSERA_IMPORT_BRAT ||
              (requested == TESSERA_IMPORT_AUTO && has_suffix_nocase (basename, ".ann")))
            {
              ImportFile *brat = brat_file_new (path, g_file_info_get_size (info), error);

              if (brat == NULL)
                return FALSE;
              g_ptr_array_add (files, brat);
              break;
            }
          if (requested == TESSERA_IMPORT_AUTO && format_for_name (path, basename, requested) == FORMAT_CONLL)
            {
              g_ptr_array_add (files, import_file_new (path, basename, g_file_info_get_size (info), requested));
              break;
            }
          if ((requested == TESSERA_IMPORT_AUTO || requested == TESSERA_IMPORT_TESSERA) &&
              (foreign = foreign_format_for_name (basename)) != NULL)
            {
              g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                           /* Translators: the file name, then the other tool's format ("CoNLL
                            * token-per-line annotations"). */
                           _("%s: this looks like %s, which Tessera cannot import yet"),
                           display, _(foreign));
              return FALSE;
            }
          g_ptr_array_add (files, import_file_new (path, basename, g_file_info_get_size (info), requested));
          break;

        case G_FILE_TYPE_UNKNOWN:
        case G_FILE_TYPE_SYMBOLIC_LINK:
        case G_FILE_TYPE_SPECIAL:
        case G_FILE_TYPE_SHORTCUT:
        case G_FILE_TYPE_MOUNTABLE:
        default:
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       _("%s: not a regular file or folder"), display);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
import_one (TesseraImportContext  *ctx,
            const ImportFile      *file,
            TesseraForeign       **foreign,
            GHashTable            *confs_read,
            GError               **error)
{
  if (file->format >= FORMAT_BRAT && *foreign == NULL)
    *foreign = _tessera_foreign_new (ctx);

  switch (file->format)
    {
    case FORMAT_HTML:
      return _tessera_import_html_file (ctx, file->path, error);
    case FORMAT_JSONL:
      return _tessera_import_jsonl_file (ctx, file->path, error);
    case FORMAT_PROJECT_JSON:
      return _tessera_import_project_json_file (ctx, file->path, error);
    case FORMAT_BRAT:
      if (file->conf_path != NULL && g_hash_table_add (confs_read, g_strdup (file->conf_path)) &&
          !_tessera_brat_read_conf (*foreign, file->conf_path, error))
        return FALSE;
      return _tessera_import_brat_file (ctx, *foreign, file->path, file->ann_path, error);
    case FORMAT_CONLL:
      return _tessera_import_conll_file (ctx, *foreign, file->path, error);
    case FORMAT_DOCCANO:
      return _tessera_import_doccano_file (ctx, *foreign, file->path, error);
    case FORMAT_LABEL_STUDIO:
      return _tessera_import_label_studio_file (ctx, *foreign, file->path, error);
    case FORMAT_TEXT:
    default:
      return _tessera_import_text_file (ctx, file->path, error);
    }
}

/* Nothing was added after a rollback, so the report must not say so. */
void
_tessera_import_report_forget_additions (TesseraImportReport *report)
{
  report->n_documents = 0;
  report->n_merged = 0;
  report->n_spans = 0;
  report->n_events = 0;
  report->n_stances = 0;
  report->n_labels_added = 0;
  if (report->losses != NULL)
    g_ptr_array_set_size (report->losses, 0);
}

gboolean
tessera_import_paths (TesseraProject              *project,
                      const char * const          *paths,
                      const TesseraImportOptions  *options,
                      TesseraImportReport         *report,
                      GError                     **error)
{
  static const TesseraImportOptions default_options = { 0 };
  TesseraImportReport local_report;
  TesseraImportContext ctx = { 0 };
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(TesseraForeign) foreign = NULL;
  g_autoptr(GHashTable) confs_read = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (paths != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = &default_options;

  tessera_import_report_init (&local_report);
  if (report == NULL)
    report = &local_report;
  else if (report->notices == NULL)
    report->notices = g_ptr_array_new_with_free_func (g_free);

  if (tessera_project_get_read_only (project))
    {
      g_autofree char *display = g_filename_display_name (tessera_project_get_path (project));

      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_READ_ONLY,
                   _("%s is open read-only; nothing was imported"), display);
      goto out;
    }

  ctx.project = project;
  ctx.options = options;
  ctx.report = report;

  if (_tessera_import_context_cancelled (&ctx, error))
    goto out;

  files = g_ptr_array_new_with_free_func (import_file_free);
  if (!expand_paths (paths, options->format, files, report, options->cancellable, error))
    goto out;

  for (guint i = 0; i < files->len; i++)
    ctx.bytes_total += ((ImportFile *) files->pdata[i])->size;

  if (_tessera_import_context_cancelled (&ctx, error))
    goto out;

  if (!tessera_project_begin (project, error))
    goto out;

  _tessera_import_context_progress (&ctx, 0);

  confs_read = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < files->len; i++)
    {
      const ImportFile *file = files->pdata[i];

      if (_tessera_import_context_cancelled (&ctx, error) ||
          !import_one (&ctx, file, &foreign, confs_read, error))
        {
          tessera_project_rollback (project);
          _tessera_import_report_forget_additions (report);
          goto out;
        }

      ctx.bytes_done += file->size;
      _tessera_import_context_progress (&ctx, 0);
    }

  /* Other tools' records go in once their labels are all known. */
  if (foreign != NULL && !_tessera_foreign_commit (foreign, error))
    {
      tessera_project_rollback (project);
      _tessera_import_report_forget_additions (report);
      goto out;
    }

  /* A failed commit rolls itself back. */
  if (!tessera_project_commit (project, error))
    {
      _tessera_import_report_forget_additions (report);
      goto out;
    }

  ok = TRUE;

out:
  tessera_import_report_clear (&local_report);
  return ok;
}

/* --- off the main thread ---------------------------------------------- */

typedef struct
{
  char                **paths;
  TesseraImportOptions  options;
  TesseraImportReport   report;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_strfreev (job->paths);
  g_clear_pointer (&job->options.label_map, g_hash_table_unref);
  tessera_import_report_clear (&job->report);
  g_free (job);
}

static gboolean
import_work (TesseraProject  *worker,
             gpointer         data,
             GCancellable    *cancellable,
             GError         **error)
{
  ImportJob *job = data;

  job->options.cancellable = cancellable;

  return tessera_import_paths (worker, (const char * const *) job->paths, &job->options, &job->report, error);
}

static void
import_written (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (tessera_project_write_finish (TESSERA_PROJECT (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

void
tessera_import_paths_async (TesseraProject              *project,
                            const char * const          *paths,
                            const TesseraImportOptions  *options,
                            GAsyncReadyCallback          callback,
                            gpointer                     user_data)
{
  GTask *task;
  ImportJob *job;

  g_return_if_fail (TESSERA_IS_PROJECT (project));
  g_return_if_fail (paths != NULL);

  job = g_new0 (ImportJob, 1);
  job->paths = g_strdupv ((char **) paths);
  if (options != NULL)
    job->options = *options;
  if (job->options.label_map != NULL)
    g_hash_table_ref (job->options.label_map);
  tessera_import_report_init (&job->report);

  /* The outer task carries the report to _finish; the write runs the
   * import on the worker connection. */
  task = g_task_new (project, job->options.cancellable, callback, user_data);
  g_task_set_source_tag (task, tessera_import_paths_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  tessera_project_write_async (project, import_work, job, NULL, job->options.cancellable,
                               import_written, task);
}

gboolean
tessera_import_paths_finish (TesseraProject        *project,
                             GAsyncResult          *result,
                             TesseraImportReport   *report,
                             GError               **error)
{
  ImportJob *job;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, project), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (report != NULL)
    {
      tessera_import_report_clear (report);
      *report = job->report;
      tessera_import_report_init (&job->report);
    }

  return g_task_propagate_boolean (G_TASK (result), error);
}
