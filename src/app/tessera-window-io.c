/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tessera-file-picker.h"
#include "tessera-formats.h"
#include "tessera-progress-dialog.h"
#include "tessera-window-private.h"

/* New, open, import and export. File choosers go through the portal when
 * sandboxed (tessera-file-picker.c; the import's has choices, so stays a
 * GtkFileChooserNative). Import and export run on
 * a worker thread with their own connection to the file; the window
 * shows progress and can cancel. */

typedef struct
{
  TesseraWindow  *window;      /* owned */
  char           *project_path;
  char          **paths;       /* import */
  GFile          *output;      /* export */
  gboolean        repair_utf8;
  TesseraImportReport report;
  TesseraProgressDialog *progress;
} IoJob;

static void
io_job_free (IoJob *job)
{
  g_clear_pointer (&job->progress, tessera_progress_dialog_free);
  tessera_import_report_clear (&job->report);
  g_clear_object (&job->window);
  g_clear_object (&job->output);
  g_free (job->project_path);
  g_strfreev (job->paths);
  g_free (job);
}

static gpointer
ref_or_null (gpointer object)
{
  return object ? g_object_ref (object) : NULL;
}

void
_tessera_window_release_project (TesseraWindow *self)
{
  g_autoptr(TesseraProject) project = NULL;

  project = ref_or_null (tessera_workbench_get_project (self->workbench));
  tessera_workbench_set_project (self->workbench, NULL);
  if (project != NULL)
    tessera_project_close (project);
}

static void
show_progress (IoJob      *job,
               const char *title)
{
  job->progress = tessera_progress_dialog_new (GTK_WINDOW (job->window), title, job->window->io_cancellable);
}

static IoJob *
io_job_new (TesseraWindow *self)
{
  IoJob *job = g_new0 (IoJob, 1);
  TesseraProject *project = tessera_workbench_get_project (self->workbench);

  job->window = g_object_ref (self);
  job->project_path = g_strdup (tessera_project_get_path (project));
  tessera_import_report_init (&job->report);

  g_clear_object (&self->io_cancellable);
  self->io_cancellable = g_cancellable_new ();

  return job;
}

/* --- import ----------------------------------------------------------- */

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  IoJob *job = user_data;
  TesseraWindow *self = job->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) message = g_string_new (NULL);

  if (!tessera_import_paths_finish (TESSERA_PROJECT (source), result, &job->report, &error))
    g_string_append_printf (message, _("Nothing was imported: %s"), error->message);
  else
    {
      g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, "Imported %u document",
                                                    "Imported %u documents", job->report.n_documents),
                              job->report.n_documents);
      for (guint i = 0; i < job->report.notices->len && i < 5; i++)
        g_string_append_printf (message, "\n%s", (const char *) g_ptr_array_index (job->report.notices, i));
      if (job->report.n_labels_added > 0)
        g_string_append_printf (message, "\n%s",
                                g_dngettext (GETTEXT_PACKAGE, "Added a label to the schema",
                                             "Added labels to the schema", job->report.n_labels_added));
      /* What the files held that the project cannot: never lost silently. */
      for (guint i = 0; job->report.losses != NULL && i < job->report.losses->len && i < 5; i++)
        {
          g_autofree char *loss = tessera_import_loss_describe (job->report.losses->pdata[i]);

          /* Translators: what was not imported ("8 relations (first at a.ann:5)"). */
          g_string_append_printf (message, "\n%s", loss);
        }
    }
  tessera_window_show_message (self, message->str);
  _tessera_window_update_actions (self);
  io_job_free (job);
}

/* The project stays open: the import writes on a connection of its own,
 * the document stays on screen and the undo history survives. */
void
tessera_window_import (TesseraWindow      *self,
                       const char * const *paths)
{
  _tessera_window_import_as (self, paths, TESSERA_IMPORT_AUTO, FALSE);
}

void
_tessera_window_import_as (TesseraWindow       *self,
                           const char * const  *paths,
                           TesseraImportFormat  format,
                           gboolean             add_labels)
{
  IoJob *job;
  TesseraImportOptions options;

  g_return_if_fail (TESSERA_IS_WINDOW (self));
  g_return_if_fail (paths != NULL);

  if (tessera_workbench_get_project (self->workbench) == NULL)
    return;

  job = io_job_new (self);
  job->paths = g_strdupv ((char **) paths);
  show_progress (job, _("Importing documents…"));
  options = (TesseraImportOptions) { job->repair_utf8, tessera_progress_dialog_update, job->progress,
                                     self->io_cancellable };
  options.format = format;
  options.add_labels = add_labels;
  tessera_import_paths_async (tessera_workbench_get_project (self->workbench),
                              (const char * const *) job->paths, &options, import_done, job);
  _tessera_window_update_actions (self);
}

static char **
paths_from_chooser (GtkFileChooser *chooser)
{
  g_autoptr(GListModel) files = gtk_file_chooser_get_files (chooser);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        g_strv_builder_add (builder, path);
    }

  return g_strv_builder_end (builder);
}

/* What the Import dialog offers; "auto" tells by name and content. */
static const struct
{
  const char          *id;
  const char          *label;
  TesseraImportFormat  format;
} import_formats[] = {
  { "auto", N_("Tell by Name and Content"), TESSERA_IMPORT_AUTO },
  { "tessera", N_("Tessera JSONL or Project JSON"), TESSERA_IMPORT_TESSERA },
  { "text", N_("Plain Text"), TESSERA_IMPORT_TEXT },
  { "brat", N_("brat Standoff"), TESSERA_IMPORT_BRAT },
  { "conll", N_("CoNLL (IOB1, IOB2, BIOES)"), TESSERA_IMPORT_CONLL },
  { "doccano", N_("doccano JSONL"), TESSERA_IMPORT_DOCCANO },
  { "label-studio", N_("Label Studio JSON"), TESSERA_IMPORT_LABEL_STUDIO },
};

static void
add_import_choices (GtkFileChooser *chooser)
{
  const char *ids[G_N_ELEMENTS (import_formats) + 1] = { NULL };
  const char *labels[G_N_ELEMENTS (import_formats) + 1] = { NULL };

  for (guint i = 0; i < G_N_ELEMENTS (import_formats); i++)
    {
      ids[i] = import_formats[i].id;
      labels[i] = _(import_formats[i].label);
    }
  gtk_file_chooser_add_choice (chooser, "format", _("Format"), ids, labels);
  gtk_file_chooser_set_choice (chooser, "format", "auto");
  gtk_file_chooser_add_choice (chooser, "add-labels", _("Add labels the schema lacks"), NULL, NULL);
}

static void
import_response (GtkNativeDialog *chooser,
                 int              response,
                 TesseraWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_auto(GStrv) paths = paths_from_chooser (GTK_FILE_CHOOSER (chooser));
      const char *format = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "format");
      const char *add = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "add-labels");
      TesseraImportFormat as = TESSERA_IMPORT_AUTO;

      for (guint i = 0; i < G_N_ELEMENTS (import_formats); i++)
        if (g_strcmp0 (format, import_formats[i].id) == 0)
          as = import_formats[i].format;
      if (paths[0] != NULL)
        _tessera_window_import_as (self, (const char * const *) paths, as, g_strcmp0 (add, "true") == 0);
    }
  g_object_unref (chooser);
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  gboolean folder = g_str_equal (action_name, "win.import-folder");
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (folder ? _("Import a Folder of Reports") : _("Import Documents"),
                                         GTK_WINDOW (self),
                                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  add_import_choices (GTK_FILE_CHOOSER (chooser));
  if (!folder)
    {
      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
      gtk_file_filter_set_name (filter, _("Documents and annotations"));
      gtk_file_filter_add_suffix (filter, "ann");
      gtk_file_filter_add_suffix (filter, "conll");
      gtk_file_filter_add_suffix (filter, "iob");
      gtk_file_filter_add_suffix (filter, "bio");
      gtk_file_filter_add_suffix (filter, "html");
      gtk_file_filter_add_suffix (filter, "htm");
      gtk_file_filter_add_suffix (filter, "txt");
      gtk_file_filter_add_suffix (filter, "text");
      gtk_file_filter_add_suffix (filter, "jsonl");
      gtk_file_filter_add_suffix (filter, "ndjson");
      gtk_file_filter_add_suffix (filter, "json");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (import_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* --- export ----------------------------------------------------------- */

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  IoJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (job->output);
  g_autofree char *message = NULL;

  if (!tessera_export_file_finish (TESSERA_PROJECT (source), result, &error))
    message = g_strdup_printf (_("Export failed: %s"), error->message);
  else
    message = g_strdup_printf (_("Exported to %s"), name);

  tessera_window_show_message (job->window, message);
  io_job_free (job);
}

/* What a file chooser was opened for: the window (kept while the chooser
 * shows) and, for an export, the format. */
typedef struct
{
  TesseraWindow *window;
  char          *format;
} Request;

static Request *
request_new (TesseraWindow *self,
             const char    *format)
{
  Request *request = g_new0 (Request, 1);

  request->window = g_object_ref (self);
  request->format = g_strdup (format);

  return request;
}

static void
request_free (Request *request)
{
  g_object_unref (request->window);
  g_free (request->format);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static void
export_picked (GFile    *file,
               gpointer  user_data)
{
  g_autoptr(Request) request = user_data;
  TesseraWindow *self = request->window;
  TesseraProject *project = tessera_workbench_get_project (self->workbench);

  if (file != NULL && project != NULL)
    {
      const char *format = request->format;
      IoJob *job = io_job_new (self);
      TesseraExportOptions options = { tessera_progress_dialog_update, NULL, self->io_cancellable };

      job->output = g_object_ref (file);
      show_progress (job, _("Exporting…"));
      options.progress_data = job->progress;
      tessera_export_file_async (project,
                                 g_str_equal (format, "project") ? TESSERA_EXPORT_PROJECT_JSON
                                 : g_str_equal (format, "report") ? TESSERA_EXPORT_REPORT_JSON
                                 : g_str_equal (format, "tokens") ? TESSERA_EXPORT_TOKENS
                                 : g_str_equal (format, "conll") ? TESSERA_EXPORT_CONLL
                                 : g_str_equal (format, "event-json") ? TESSERA_EXPORT_EVENT_JSON
                                 : g_str_equal (format, "brat") ? TESSERA_EXPORT_BRAT
                                 : TESSERA_EXPORT_JSONL,
                                 job->output, &options, export_done, job);
    }
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  TesseraProject *project = tessera_workbench_get_project (self->workbench);
  const char *format = g_variant_get_string (param, NULL);
  g_autofree char *name = project ? tessera_project_dup_name (project) : g_strdup ("tessera");
  g_autofree char *suggested = NULL;

  if (project == NULL)
    return;

  if (g_str_equal (format, "project"))
    suggested = g_strdup_printf ("%s.project.json", name);
  else if (g_str_equal (format, "report"))
    suggested = g_strdup_printf ("%s.report.json", name);
  else if (g_str_equal (format, "tokens"))
    suggested = g_strdup_printf ("%s.tokens.jsonl", name);
  else if (g_str_equal (format, "conll"))
    suggested = g_strdup_printf ("%s.conll", name);
  else if (g_str_equal (format, "event-json"))
    suggested = g_strdup_printf ("%s.events.jsonl", name);
  else if (g_str_equal (format, "brat"))
    suggested = g_strdup_printf ("%s-brat", name);
  else
    suggested = g_strdup_printf ("%s.jsonl", name);

  tessera_file_picker_save (GTK_WINDOW (self), _("Export"), _("_Export"), suggested, NULL,
                            export_picked, request_new (self, format));
}

/* --- projects --------------------------------------------------------- */

static void
open_path (TesseraWindow *self,
           const char    *path)
{
  g_autoptr(GError) error = NULL;

  if (!tessera_window_open_project (self, path, &error))
    tessera_window_show_message (self, error->message);
}

static void
open_picked (GFile    *file,
             gpointer  user_data)
{
  g_autoptr(Request) request = user_data;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  if (path != NULL)
    open_path (request->window, path);
}

static void
open_project_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Tessera projects"));
  gtk_file_filter_add_suffix (filter, "tessera");
  gtk_file_filter_add_mime_type (filter, "application/x-tessera-project");
  tessera_file_picker_open (GTK_WINDOW (self), _("Open Project"), _("_Open"), filter,
                            open_picked, request_new (self, NULL));
}

static void
new_picked (GFile    *file,
            gpointer  user_data)
{
  g_autoptr(Request) request = user_data;
  TesseraWindow *self = request->window;

  if (file != NULL)
    {
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *with_suffix = NULL;
      g_autoptr(TesseraProject) project = NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL)
        {
          with_suffix = g_str_has_suffix (path, ".tessera") ? g_strdup (path) : g_strconcat (path, ".tessera", NULL);
          /* The chooser already asked before replacing a file. */
          if (g_file_test (with_suffix, G_FILE_TEST_EXISTS) && g_str_equal (with_suffix, path))
            g_unlink (with_suffix);
          if (!(project = tessera_project_create (with_suffix, NULL, &error)))
            tessera_window_show_message (self, error->message);
          else
            {
              tessera_project_close (project);
              open_path (self, with_suffix);
            }
        }
    }
}

static void
new_project_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  TesseraWindow *self = TESSERA_WINDOW (widget);

  tessera_file_picker_save (GTK_WINDOW (self), _("New Project"), _("_Create"), _("Untitled.tessera"), NULL,
                            new_picked, request_new (self, NULL));
}

/* --- copies ------------------------------------------------------------ */

/* A file chosen to write a copy to: the chooser already asked before
 * replacing it, but never the project itself. NULL when refused. */
static char *
copy_destination (TesseraWindow *self,
                  GFile         *file)
{
  g_autoptr(GFile) project_file = NULL;
  TesseraProject *project = tessera_workbench_get_project (self->workbench);
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  if (path == NULL || project == NULL)
    return NULL;

  project_file = g_file_new_for_path (tessera_project_get_path (project));
  if (g_file_equal (file, project_file))
    {
      tessera_window_show_message (self, _("A copy cannot replace the project itself; choose another name."));
      return NULL;
    }
  if (!g_str_has_suffix (path, ".tessera"))
    {
      char *with_suffix = g_strconcat (path, ".tessera", NULL);

      g_free (path);
      path = with_suffix;
    }
  else if (g_file_test (path, G_FILE_TEST_EXISTS))
    g_unlink (path);

  return g_steal_pointer (&path);
}

static char *
project_name (TesseraWindow *self)
{
  TesseraProject *project = tessera_workbench_get_project (self->workbench);

  return project ? tessera_project_dup_name (project) : g_strdup ("tessera");
}

/* A save chooser for a new project file beside this one, named @suggested. */
static void
ask_for_copy_destination (TesseraWindow     *self,
                          const char        *title,
                          const char        *suggested,
                          TesseraFilePicked  picked)
{
  TesseraProject *project = tessera_workbench_get_project (self->workbench);
  g_autofree char *folder_path = NULL;
  g_autoptr(GFile) folder = NULL;

  if (project == NULL)
    return;

  folder_path = g_path_get_dirname (tessera_project_get_path (project));
  folder = g_file_new_for_path (folder_path);
  tessera_file_picker_save (GTK_WINDOW (self), title, _("_Save"), suggested, folder,
                            picked, request_new (self, NULL));
}

/* A copy or a salvage under way: where it goes. */
typedef struct
{
  TesseraWindow *window;
  char          *path;
} CopyJob;

static CopyJob *
copy_job_new (TesseraWindow *self,
              char          *path)
{
  CopyJob *job = g_new0 (CopyJob, 1);

  job->window = g_object_ref (self);
  job->path = path;

  return job;
}

static void
copy_job_free (CopyJob *job)
{
  g_object_unref (job->window);
  g_free (job->path);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CopyJob, copy_job_free)

static void
copy_saved (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CopyJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!tessera_project_backup_finish (TESSERA_PROJECT (source), result, &error))
    message = g_strdup_printf (_("The copy was not saved: %s"), error->message);
  else
    message = g_strdup_printf (_("Saved a copy to %s"), job->path);
  tessera_window_show_message (job->window, message);
}

static void
save_copy_picked (GFile    *file,
                  gpointer  user_data)
{
  g_autoptr(Request) request = user_data;
  TesseraWindow *self = request->window;
  char *path;

  /* SQLite's backup API, on a connection of its own: the copy holds what
   * is still in the -wal, and the analyst can go on working. */
  if (file != NULL && (path = copy_destination (self, file)) != NULL)
    tessera_project_backup_async (tessera_workbench_get_project (self->workbench), path, NULL,
                                  copy_saved, copy_job_new (self, path));
}

static void
save_copy_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  g_autofree char *name = project_name (TESSERA_WINDOW (widget));
  /* Translators: the file name suggested for a copy; %s is the project's name */
  g_autofree char *suggested = g_strdup_printf (_("%s (copy).tessera"), name);

  ask_for_copy_destination (TESSERA_WINDOW (widget), _("Save a Copy"), suggested, save_copy_picked);
}

static void
salvaged (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CopyJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *message = NULL;

  if (!tessera_project_salvage_finish (TESSERA_PROJECT (source), result, &summary, &error))
    {
      message = g_strdup_printf (_("Nothing was saved: %s"), error->message);
      tessera_window_show_message (job->window, message);
      return;
    }

  /* Work goes on in the new project. */
  open_path (job->window, job->path);
  message = g_strdup_printf (_("%s into %s. The damaged project was left as it was."), summary, job->path);
  tessera_window_show_message (job->window, message);
}

static void
salvage_picked (GFile    *file,
                gpointer  user_data)
{
  g_autoptr(Request) request = user_data;
  TesseraWindow *self = request->window;
  char *path;

  if (file != NULL && (path = copy_destination (self, file)) != NULL)
    tessera_project_salvage_async (tessera_workbench_get_project (self->workbench), path, NULL,
                                   salvaged, copy_job_new (self, path));
}

static void
salvage_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  g_autofree char *name = project_name (TESSERA_WINDOW (widget));
  /* Translators: the file name suggested for what could be read of a
   * damaged project; %s is the project's name */
  g_autofree char *suggested = g_strdup_printf (_("%s (saved).tessera"), name);

  ask_for_copy_destination (TESSERA_WINDOW (widget), _("Save What Can Be Read"), suggested, salvage_picked);
}

static void
open_recent_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  open_path (TESSERA_WINDOW (widget), g_variant_get_string (param, NULL));
}

void
_tessera_window_update_recent (TesseraWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-projects");

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *name = g_path_get_basename (recent[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target (item, "win.open-recent", "s", recent[i]);
      g_menu_append_item (self->recent_section, item);
    }
}

void
_tessera_window_class_add_io_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-project", NULL, new_project_activated);
  gtk_widget_class_install_action (widget_class, "win.open-project", NULL, open_project_activated);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_activated);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_activated);
  gtk_widget_class_install_action (widget_class, "win.save-copy", NULL, save_copy_activated);
  gtk_widget_class_install_action (widget_class, "win.salvage", NULL, salvage_activated);
}
