/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-display-util"

#include "config.h"

#include <adwaita.h>

#include <string.h>

#include "tessera-application.h"
#include "tessera-display-util.h"
#include "tessera-test-util.h"

/* --- the test program ------------------------------------------------- */

gboolean
tessera_display_test_init (int    *argc,
                           char ***argv)
{
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_init (argc, argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return FALSE;
    }
  /* The window's widgets are libadwaita's too (AdwApplication does this). */
  adw_init ();
  tessera_application_ensure_resources ();

  return TRUE;
}

int
tessera_display_test_run (int    *argc,
                          char ***argv,
                          void  (*add_tests) (void))
{
  if (!tessera_display_test_init (argc, argv))
    return 77;
  add_tests ();

  return g_test_run ();
}

/* --- the main loop ---------------------------------------------------- */

void
tessera_display_test_run_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
on_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
tessera_display_test_wait_until (TesseraDisplayTestCondition condition,
                                 gpointer                    user_data,
                                 guint                       seconds)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (seconds, on_timeout, &timed_out);

  while (!condition (user_data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);

  return !timed_out;
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  (*(guint *) user_data)++;
}

static gboolean
painted_once (gpointer user_data)
{
  return *(guint *) user_data > 0;
}

void
tessera_display_test_wait_for_frame (GtkWidget *window,
                                     GtkWidget *also)
{
  GdkFrameClock *clock;
  guint painted = 0;
  gboolean done;
  gulong handler;

  tessera_display_test_run_pending ();
  clock = gtk_widget_get_frame_clock (window);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_draw (window);
  if (also != NULL)
    gtk_widget_queue_draw (also);
  done = tessera_display_test_wait_until (painted_once, &painted, 10);
  g_signal_handler_disconnect (clock, handler);
  g_assert_true (done);
  tessera_display_test_run_pending ();
}

/* --- windows ---------------------------------------------------------- */

TesseraWindow *
tessera_display_test_open_window (const char *path,
                                  int         width,
                                  int         height)
{
  TesseraWindow *window = tessera_window_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (tessera_window_open_project (window, path, &error));
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  tessera_display_test_wait_for_frame (GTK_WIDGET (window), NULL);

  return window;
}

GtkWidget *
tessera_display_test_present (GtkWidget *child,
                              int        width,
                              int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  tessera_display_test_run_pending ();

  return window;
}

static void
pop_down_all (GtkWidget *root)
{
  if (GTK_IS_POPOVER (root) && gtk_widget_get_visible (root))
    gtk_popover_popdown (GTK_POPOVER (root));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    pop_down_all (child);
}

void
tessera_display_test_close_window (GtkWidget         *window,
                                   TesseraWorkbench **workbench)
{
  /* Popovers first, as a user's click elsewhere would: GTK 4.8 may ask
   * an open popover's surface for the pointer after it is gone. */
  pop_down_all (window);
  tessera_display_test_run_pending ();
  gtk_window_destroy (GTK_WINDOW (window));
  tessera_display_test_run_pending ();
  if (workbench != NULL)
    {
      tessera_workbench_set_project (*workbench, NULL);
      g_clear_object (workbench);
    }
}

void
tessera_display_test_remove_project (char **dir,
                                     char **path)
{
  tessera_test_remove_tree (*dir);
  g_clear_pointer (path, g_free);
  g_clear_pointer (dir, g_free);
}

void
tessera_display_test_activate (gpointer    widget,
                               const char *action,
                               const char *format,
                               ...)
{
  GVariant *param = NULL;
  va_list args;

  if (format != NULL)
    {
      va_start (args, format);
      param = g_variant_new_va (format, NULL, &args);
      va_end (args);
    }
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (widget), action, param));
  tessera_display_test_run_pending ();
}

gboolean
tessera_display_test_press_key (TesseraDocumentView *view,
                                guint                keyval,
                                GdkModifierType      state)
{
  GtkWidget *text = GTK_WIDGET (tessera_document_view_get_text_view (view));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (text);
  gboolean handled = FALSE;
  gboolean found = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          g_signal_handler_find (controller, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, view) != 0)
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
          found = TRUE;
        }
    }
  g_assert_true (found);
  tessera_display_test_run_pending ();

  return handled;
}

/* --- finding widgets -------------------------------------------------- */

gpointer
tessera_display_test_find_widget (GtkWidget *root,
                                  GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gpointer found = tessera_display_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
collect (GtkWidget               *widget,
         TesseraDisplayTestMatch  match,
         gconstpointer            data,
         GPtrArray               *found)
{
  /* Hidden, or a stack page not shown. */
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (match (widget, data))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, match, data, found);
}

GPtrArray *
tessera_display_test_find_all (gpointer                root,
                               TesseraDisplayTestMatch match,
                               gconstpointer           data)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (GTK_WIDGET (root), match, data, found);

  return found;
}

gpointer
tessera_display_test_find_one (gpointer                root,
                               TesseraDisplayTestMatch match,
                               gconstpointer           data)
{
  g_autoptr(GPtrArray) found = tessera_display_test_find_all (root, match, data);

  g_assert_cmpuint (found->len, ==, 1);

  return g_ptr_array_index (found, 0);
}

gboolean
tessera_display_test_is_label_with_text (GtkWidget     *widget,
                                         gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

gboolean
tessera_display_test_has_css_class (GtkWidget     *widget,
                                    gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, data);
}

gboolean
tessera_display_test_has_tooltip_prefix (GtkWidget     *widget,
                                         gconstpointer  data)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  return tooltip != NULL && g_str_has_prefix (tooltip, data);
}

/* --- the project and the document view -------------------------------- */

gint64
tessera_display_test_add_document (TesseraProject *project,
                                   const char     *title,
                                   const char     *source,
                                   const char     *published,
                                   const char     *text)
{
  g_autoptr(TesseraDocument) doc = tessera_document_new ();

  doc->title = g_strdup (title);
  doc->source = g_strdup (source);
  doc->published = g_strdup (published);
  doc->text = g_strdup (text);

  return tessera_test_add_document (project, doc);
}

TesseraSpan *
tessera_display_test_find_span (TesseraProject *project,
                                gint64          doc_id,
                                gint64          start,
                                gint64          end)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GError) error = NULL;

  spans = tessera_project_list_spans (project, doc_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < spans->len; i++)
    {
      const TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);

      if (span->start == start && span->end == end)
        return tessera_span_copy (span);
    }

  return NULL;
}

void
tessera_display_test_find_shown_word (TesseraWorkbench *workbench,
                                      const char       *word,
                                      gint64           *start,
                                      gint64           *end)
{
  TesseraDocument *doc = tessera_workbench_get_document (workbench);

  g_assert_nonnull (doc);
  tessera_test_find_word (doc->text, word, start, end);
}

gboolean
tessera_display_test_drawn_contains (TesseraDocumentView *view,
                                     gint64               span_id)
{
  GArray *drawn = tessera_document_view_get_drawn_spans (view);

  for (guint i = 0; i < drawn->len; i++)
    if (g_array_index (drawn, gint64, i) == span_id)
      return TRUE;

  return FALSE;
}

char *
tessera_display_test_shown_text (TesseraDocumentView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (tessera_document_view_get_text_view (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

/* --- long work ----------------------------------------------------------- */

static gboolean
project_not_busy (gpointer user_data)
{
  return !tessera_project_get_busy (user_data);
}

void
tessera_display_test_wait_for_work (TesseraProject *project)
{
  g_assert_true (tessera_display_test_wait_until (project_not_busy, project, 60));
  tessera_display_test_run_pending ();
}

static GtkWidget *
find_button_labelled (GtkWidget  *root,
                      const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_labelled (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
tessera_display_test_find_progress_cancel (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);
      GtkWidget *button = find_button_labelled (toplevel, "_Cancel");

      if (button != NULL && gtk_widget_get_visible (toplevel))
        return button;
    }
  return NULL;
}

/* --- messages --------------------------------------------------------- */

static GtkWidget *
find_label_with (GtkWidget  *root,
                 const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL &&
      gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_with (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
tessera_display_test_shows_message (TesseraWindow *window,
                                    const char    *text)
{
  const char *message = tessera_window_get_message (window);
  GType toast_widget = g_type_from_name ("AdwToastWidget");
  GtkWidget *label;

  if (message == NULL || strstr (message, text) == NULL)
    {
      g_test_message ("The window shows “%s”, not “%s”", message ? message : "", text);
      return FALSE;
    }
  /* Said by a toast on screen, not only kept by the window. */
  tessera_display_test_run_pending ();
  label = find_label_with (GTK_WIDGET (window), text);

  return label != NULL && toast_widget != G_TYPE_INVALID && gtk_widget_get_ancestor (label, toast_widget) != NULL;
}
