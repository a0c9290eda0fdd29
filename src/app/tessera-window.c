/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tessera-error.h"
#include "tessera-window-private.h"

G_DEFINE_FINAL_TYPE (TesseraWindow, tessera_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SHOW_CORROBORATION,
  PROP_SHOW_AGREEMENT,
  PROP_SHOW_DOCUMENTS,
  PROP_SHOW_SIDE_PANEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
shows_center (TesseraWindow *self,
              const char    *page)
{
  /* Gone once the template is disposed. */
  if (self->center_stack == NULL)
    return FALSE;
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->center_stack), page) == 0;
}

/* The centre shows "document", "corroboration" or "agreement". */
static void
set_center (TesseraWindow *self,
            const char    *page)
{
  gboolean document = g_str_equal (page, "document");

  if (self->center_stack == NULL || shows_center (self, page))
    return;

  gtk_stack_set_visible_child_name (self->center_stack, page);
  /* The views need the width; the document list and the side panel are
   * about one document. */
  _tessera_window_update_panes (self);
  if (document)
    gtk_widget_grab_focus (GTK_WIDGET (tessera_document_view_get_text_view (self->document_view)));
  else
    gtk_widget_grab_focus (gtk_stack_get_visible_child (self->center_stack));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_CORROBORATION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_AGREEMENT]);
}

void
_tessera_window_set_show_corroboration (TesseraWindow *self,
                                        gboolean       show)
{
  if (show != shows_center (self, "corroboration"))
    set_center (self, show ? "corroboration" : "document");
}

static void
set_show_agreement (TesseraWindow *self,
                    gboolean       show)
{
  if (show != shows_center (self, "agreement"))
    set_center (self, show ? "agreement" : "document");
}

void
_tessera_window_show_document (TesseraWindow *self)
{
  set_center (self, "document");
}

static void
update_titles (TesseraWindow *self)
{
  TesseraProject *project = tessera_workbench_get_project (self->workbench);
  TesseraDocument *doc = tessera_workbench_get_document (self->workbench);
  g_autofree char *name = project ? tessera_project_dup_name (project) : NULL;
  g_autofree char *title = NULL;

  adw_window_title_set_title (self->window_title, name ? name : _("Tessera"));
  adw_window_title_set_subtitle (self->window_title, doc ? doc->title : "");

  title = name ? g_strdup_printf (_("%s — Tessera"), name) : g_strdup (_("Tessera"));
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* Remembers, per project, the document last viewed. */
static void
remember_document (TesseraWindow *self)
{
  TesseraProject *project = tessera_workbench_get_project (self->workbench);
  gint64 doc_id = tessera_workbench_get_document_id (self->workbench);
  g_autoptr(GVariant) old = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *path;
  gint64 id;

  if (project == NULL || doc_id == 0)
    return;

  old = g_settings_get_value (self->settings, "last-documents");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sx}"));
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&sx}", &path, &id))
    if (!g_str_equal (path, tessera_project_get_path (project)))
      g_variant_builder_add (&builder, "{sx}", path, id);
  g_variant_builder_add (&builder, "{sx}", tessera_project_get_path (project), doc_id);
  g_settings_set_value (self->settings, "last-documents", g_variant_builder_end (&builder));
}

static gint64
last_document (TesseraWindow *self,
               const char    *path)
{
  g_autoptr(GVariant) docs = g_settings_get_value (self->settings, "last-documents");
  gint64 id = 0;

  if (!g_variant_lookup (docs, path, "x", &id))
    return 0;

  return id;
}

static void
on_workbench_document (TesseraWindow    *self,
                       GParamSpec       *pspec,
                       TesseraWorkbench *workbench)
{
  update_titles (self);
  remember_document (self);
  _tessera_window_update_actions (self);
  /* A document chosen in the list is there to be read. */
  _tessera_window_show_document (self);
}

/* This often, the window writes what the -wal holds into the project
 * file (when nothing reads an older state), so that the file alone holds
 * the work (a copy of it, a crash of the machine). */
#define CHECKPOINT_PERIOD_SECONDS 3

/* Projects up to this size are checked before the window shows them;
 * bigger ones in the background, editable once the check has passed. */
#define CHECK_AT_ONCE_SIZE (32 * 1024 * 1024)

/* A checkpoint with nothing to write costs microseconds: no need to
 * follow every change to know whether there is something. */
static gboolean
checkpoint_now (gpointer user_data)
{
  TesseraWindow *self = user_data;
  TesseraProject *project = tessera_workbench_get_project (self->workbench);

  if (project != NULL)
    tessera_project_checkpoint (project, NULL);

  return G_SOURCE_CONTINUE;
}

static void
on_document_changed (TesseraWindow                    *self,
                     const TesseraOpenDocumentChanges *changes)
{
  if (changes->document || changes->reset)
    update_titles (self);
}

gboolean
_tessera_window_can_edit (TesseraWindow *self)
{
  TesseraProject *project = tessera_workbench_get_project (self->workbench);

  return project != NULL && !tessera_project_get_read_only (project) &&
         tessera_project_get_integrity (project) == TESSERA_INTEGRITY_OK &&
         !tessera_project_get_busy (project);
}

/* The banner says what the window knows of the project file. */
static void
show_integrity (TesseraWindow *self)
{
  TesseraProject *project = tessera_workbench_get_project (self->workbench);
  TesseraIntegrity integrity = project ? tessera_project_get_integrity (project) : TESSERA_INTEGRITY_OK;
  GtkWidget *banner = gtk_revealer_get_child (self->banner_revealer);

  gtk_spinner_set_spinning (self->banner_spinner, integrity == TESSERA_INTEGRITY_UNKNOWN);
  gtk_widget_set_visible (GTK_WIDGET (self->banner_spinner), integrity == TESSERA_INTEGRITY_UNKNOWN);
  gtk_widget_set_visible (self->banner_button, integrity == TESSERA_INTEGRITY_DAMAGED);
  if (integrity == TESSERA_INTEGRITY_DAMAGED)
    {
      gtk_label_set_label (self->banner_label,
                           _("This project file is damaged, so Tessera will not change it. "
                             "What can still be read can be saved into a new project."));
      gtk_widget_add_css_class (banner, "damaged");
    }
  else
    {
      gtk_label_set_label (self->banner_label,
                           _("Checking the project file… It can be changed once the check has passed."));
      gtk_widget_remove_css_class (banner, "damaged");
    }
  gtk_revealer_set_reveal_child (self->banner_revealer, integrity != TESSERA_INTEGRITY_OK);

  _tessera_window_update_actions (self);
}

static void
check_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TesseraWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Damage is the banner's to say; a check that could not run, this. */
  if (!tessera_project_verify_finish (TESSERA_PROJECT (source), result, NULL, &error) &&
      tessera_project_get_integrity (TESSERA_PROJECT (source)) == TESSERA_INTEGRITY_UNKNOWN &&
      !g_error_matches (error, TESSERA_ERROR, TESSERA_ERROR_CANCELLED) &&
      TESSERA_PROJECT (source) == tessera_workbench_get_project (self->workbench))
    tessera_window_show_message (self, error->message);

  show_integrity (self);
}

/* The check that opening deferred: at once for a small project, in the
 * background for a big one. Nothing is written before it has passed. */
static void
check_project (TesseraWindow  *self,
               TesseraProject *project)
{
  GStatBuf st;

  g_clear_object (&self->check_cancellable);
  if (g_stat (tessera_project_get_path (project), &st) == 0 && st.st_size <= CHECK_AT_ONCE_SIZE)
    {
      g_autoptr(GError) error = NULL;

      if (!tessera_project_verify (project, NULL, NULL, &error) &&
          tessera_project_get_integrity (project) == TESSERA_INTEGRITY_UNKNOWN)
        tessera_window_show_message (self, error->message);
    }
  else
    {
      self->check_cancellable = g_cancellable_new ();
      tessera_project_verify_async (project, self->check_cancellable, check_done, g_object_ref (self));
    }

  show_integrity (self);
}

/* A project opens on the layer the preferences name. */
static void
apply_default_layer (TesseraWindow *self)
{
  g_autofree char *layer = g_settings_get_string (self->settings, "default-layer");

  if (g_str_equal (layer, "events"))
    tessera_workbench_set_layer (self->workbench, TESSERA_LAYER_EVENTS);
  else if (g_str_equal (layer, "stance"))
    tessera_workbench_set_layer (self->workbench, TESSERA_LAYER_STANCE);
  else
    tessera_workbench_set_layer (self->workbench, TESSERA_LAYER_ENTITIES);
}

static void
on_workbench_project (TesseraWindow    *self,
                      GParamSpec       *pspec,
                      TesseraWorkbench *workbench)
{
  TesseraProject *project = tessera_workbench_get_project (workbench);
  TesseraHistory *history = tessera_workbench_get_history (workbench);

  g_clear_handle_id (&self->checkpoint_id, g_source_remove);
  if (project != NULL)
    self->checkpoint_id = g_timeout_add_seconds (CHECKPOINT_PERIOD_SECONDS, checkpoint_now, self);
  if (history != NULL)
    {
      g_signal_connect_object (history, "notify::can-undo", G_CALLBACK (_tessera_window_update_actions),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (history, "notify::can-redo", G_CALLBACK (_tessera_window_update_actions),
                               self, G_CONNECT_SWAPPED);
    }
  _tessera_window_follow_history (self, history);
  if (project != NULL)
    apply_default_layer (self);

  update_titles (self);
  _tessera_window_update_actions (self);
}

static void
on_workbench_error (TesseraWindow    *self,
                    const char       *message,
                    TesseraWorkbench *workbench)
{
  tessera_window_show_message (self, message);
}

static void
add_recent (TesseraWindow *self,
            const char    *path)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-projects");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < 10; i++)
    if (!g_str_equal (old[i], path))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }

  recent = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-projects", (const char * const *) recent);
  g_settings_set_string (self->settings, "last-project", path);
  _tessera_window_update_recent (self);
}

gboolean
tessera_window_open_project (TesseraWindow  *self,
                             const char     *path,
                             GError        **error)
{
  g_autoptr(TesseraProject) project = NULL;
  gint64 doc_id;

  g_return_val_if_fail (TESSERA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* The file may be the one open now: let it go before opening it again. */
  _tessera_window_release_project (self);

  /* quick_check reads the whole file: a big project would open slowly.
   * Until check_project () has passed, nothing is written to it. */
  if (!(project = tessera_project_open (path, TESSERA_OPEN_DEFER_CHECK, error)))
    return FALSE;

  tessera_workbench_set_project (self->workbench, project);
  _tessera_window_update_annotator (self);
  check_project (self, project);

  doc_id = last_document (self, path);
  if (doc_id > 0)
    {
      g_autoptr(TesseraDocument) doc = tessera_project_get_document (project, doc_id, FALSE, NULL);

      if (doc == NULL)
        doc_id = 0;
    }
  if (doc_id == 0)
    doc_id = tessera_project_get_first_document_id (project);
  tessera_workbench_set_document_id (self->workbench, doc_id);

  /* Reading comes first: keys go to the text, not the search entry. */
  gtk_widget_grab_focus (GTK_WIDGET (tessera_document_view_get_text_view (self->document_view)));

  add_recent (self, path);

  return TRUE;
}

TesseraWorkbench *
tessera_window_get_workbench (TesseraWindow *self)
{
  g_return_val_if_fail (TESSERA_IS_WINDOW (self), NULL);

  return self->workbench;
}

static gboolean
tessera_window_close_request (GtkWindow *window)
{
  TesseraWindow *self = TESSERA_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  if (self->io_cancellable != NULL)
    g_cancellable_cancel (self->io_cancellable);
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);

  return GTK_WINDOW_CLASS (tessera_window_parent_class)->close_request (window);
}

static void
tessera_window_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  GTK_WIDGET_CLASS (tessera_window_parent_class)->size_allocate (widget, width, height, baseline);

  _tessera_window_layout_allocated (TESSERA_WINDOW (widget), width, height);
}

static void
tessera_window_dispose (GObject *object)
{
  TesseraWindow *self = TESSERA_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_WINDOW);

  g_clear_handle_id (&self->checkpoint_id, g_source_remove);
  _tessera_window_dispose_messages (self);
  _tessera_window_dispose_layout (self);
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->io_cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tessera_window_parent_class)->dispose (object);
}

static void
tessera_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TesseraWindow *self = TESSERA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_CORROBORATION:
      g_value_set_boolean (value, shows_center (self, "corroboration"));
      break;
    case PROP_SHOW_AGREEMENT:
      g_value_set_boolean (value, shows_center (self, "agreement"));
      break;
    case PROP_SHOW_DOCUMENTS:
      g_value_set_boolean (value, _tessera_window_get_show_documents (self));
      break;
    case PROP_SHOW_SIDE_PANEL:
      g_value_set_boolean (value, _tessera_window_get_show_side_panel (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TesseraWindow *self = TESSERA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_CORROBORATION:
      _tessera_window_set_show_corroboration (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_AGREEMENT:
      set_show_agreement (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_DOCUMENTS:
      _tessera_window_set_show_documents (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_SIDE_PANEL:
      _tessera_window_set_show_side_panel (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_window_class_init (TesseraWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tessera_window_dispose;
  widget_class->size_allocate = tessera_window_size_allocate;
  object_class->get_property = tessera_window_get_property;
  object_class->set_property = tessera_window_set_property;
  window_class->close_request = tessera_window_close_request;

  properties[PROP_SHOW_CORROBORATION] =
    g_param_spec_boolean ("show-corroboration", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_AGREEMENT] =
    g_param_spec_boolean ("show-agreement", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_DOCUMENTS] =
    g_param_spec_boolean ("show-documents", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_SIDE_PANEL] =
    g_param_spec_boolean ("show-side-panel", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TESSERA_TYPE_WORKBENCH);
  g_type_ensure (TESSERA_TYPE_DOCUMENT_LIST);
  g_type_ensure (TESSERA_TYPE_DOCUMENT_VIEW);
  g_type_ensure (TESSERA_TYPE_LABEL_PALETTE);
  g_type_ensure (TESSERA_TYPE_INSPECTOR);
  g_type_ensure (TESSERA_TYPE_ANNOTATION_LIST);
  g_type_ensure (TESSERA_TYPE_AGREEMENT_VIEW);
  g_type_ensure (TESSERA_TYPE_CORROBORATION_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, workbench);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, document_list);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, document_view);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, label_palette);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, annotation_list);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, center_stack);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, corroboration_view);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, side_panel);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, side_paned);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, banner_spinner);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, side_toasts);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, list_toasts);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, window_toasts);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraWindow, redo_button);

  _tessera_window_class_add_actions (widget_class);
  _tessera_window_class_add_undo (widget_class);
  _tessera_window_class_add_layout (widget_class);
  gtk_widget_class_install_property_action (widget_class, "win.show-corroboration", "show-corroboration");
  gtk_widget_class_install_property_action (widget_class, "win.show-agreement", "show-agreement");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK,
                                       "win.show-corroboration", NULL);
  _tessera_window_class_add_io_actions (widget_class);
  _tessera_window_class_add_analysis_actions (widget_class);
  _tessera_window_class_add_annotator (widget_class);
}

static void
tessera_window_init (TesseraWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new ("app.tessera.Tessera");

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* The template gave every view the workbench. */
  g_signal_connect_object (self->workbench, "notify::project", G_CALLBACK (on_workbench_project),
                           self, G_CONNECT_SWAPPED);
  self->document_signals = g_signal_group_new (TESSERA_TYPE_OPEN_DOCUMENT);
  g_signal_group_connect_swapped (self->document_signals, "changed", G_CALLBACK (on_document_changed), self);
  g_object_bind_property (self->workbench, "document", self->document_signals, "target", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->workbench, "notify::document-id", G_CALLBACK (on_workbench_document),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workbench, "selection-changed", G_CALLBACK (_tessera_window_update_actions),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workbench, "error", G_CALLBACK (on_workbench_error),
                           self, G_CONNECT_SWAPPED);

  /* The coded record counts copies of the same wire passage once. */
  tessera_corroboration_view_set_shared_passages (self->corroboration_view,
                                                  tessera_document_view_get_shared_passages (self->document_view));
  _tessera_window_init_annotator (self);
  _tessera_window_init_layout (self);
  _tessera_window_update_recent (self);
  _tessera_window_update_actions (self);
}

TesseraWindow *
tessera_window_new (GtkApplication *application)
{
  return g_object_new (TESSERA_TYPE_WINDOW, "application", application, NULL);
}
