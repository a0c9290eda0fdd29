/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-document-view.h"
#include "tessera-project.h"
#include "tessera-window.h"
#include "tessera-workbench.h"

G_BEGIN_DECLS

/* Helpers the display tests share (real widgets under Xvfb). Like those
 * of tessera-test-util.h, each asserts that what it does works. */

/* --- the test program ------------------------------------------------- */

/* g_test_init() and gtk_init_check() with accessibility off (a bare Xvfb
 * has no accessibility bus, whose warnings would be fatal), then the
 * window's resources. Returns FALSE, having printed the TAP skip line,
 * when there is no display: main() then returns 77, which meson counts
 * as skipped. */
gboolean        tessera_display_test_init            (int                  *argc,
                                                      char               ***argv);
/* The whole of a display test's main(): tessera_display_test_init(),
 * then @add_tests (which calls g_test_add…), then g_test_run(). Returns
 * main()'s exit status, 77 when there is no display. */
int             tessera_display_test_run             (int                  *argc,
                                                      char               ***argv,
                                                      void                (*add_tests) (void));

/* --- the main loop ---------------------------------------------------- */

/* Runs every source that is ready, without blocking. */
void            tessera_display_test_run_pending     (void);

/* Whether what a test waits for has happened. */
typedef gboolean (*TesseraDisplayTestCondition) (gpointer user_data);

/* Iterates the main loop (blocking) until @condition (@user_data) holds
 * or @seconds have passed. Returns FALSE when the time ran out. */
gboolean        tessera_display_test_wait_until      (TesseraDisplayTestCondition  condition,
                                                      gpointer                     user_data,
                                                      guint                        seconds);

/* Lets @window lay out and paint one frame (within 10 s), so rows exist
 * and views report what they drew. Only @window, and @also when it is
 * not NULL, are queued for drawing: a widget inside is drawn again only
 * when it asked to be. */
void            tessera_display_test_wait_for_frame  (GtkWidget            *window,
                                                      GtkWidget            *also);

/* --- windows ---------------------------------------------------------- */

/* A new TesseraWindow that opened the project file @path as a user
 * would, given the default size @width x @height (-1: its own), shown
 * and painted once. */
TesseraWindow  *tessera_display_test_open_window     (const char           *path,
                                                      int                   width,
                                                      int                   height);
/* A plain GtkWindow of default size @width x @height holding @child,
 * shown, with what was pending run. */
GtkWidget      *tessera_display_test_present         (GtkWidget            *child,
                                                      int                   width,
                                                      int                   height);
/* Destroys @window and runs what that left pending; then, when
 * @workbench is not NULL, leaves the workbench's project and unrefs it
 * (setting *@workbench to NULL). */
void            tessera_display_test_close_window    (GtkWidget            *window,
                                                      TesseraWorkbench    **workbench);
/* Removes the temporary folder *@dir with the project *@path in it, and
 * frees and clears both. */
void            tessera_display_test_remove_project  (char                **dir,
                                                      char                **path);

/* Activates @action (e.g. "win.undo") from @widget, with a parameter
 * built from @format and the arguments (none when @format is NULL);
 * asserts it was found, then runs what it left pending. */
void            tessera_display_test_activate        (gpointer              widget,
                                                      const char           *action,
                                                      const char           *format,
                                                      ...);

/* Presses @keyval (with @state) in @view's text as the keyboard would,
 * through the view's own key handler; runs what it left pending and
 * returns whether the view handled the key. */
gboolean        tessera_display_test_press_key       (TesseraDocumentView  *view,
                                                      guint                 keyval,
                                                      GdkModifierType       state);

/* --- finding widgets -------------------------------------------------- */

/* The first widget of @type under @root (@root included), or NULL. */
gpointer        tessera_display_test_find_widget     (GtkWidget            *root,
                                                      GType                 type);

/* Whether @widget is one a search looks for, given @data. */
typedef gboolean (*TesseraDisplayTestMatch) (GtkWidget     *widget,
                                             gconstpointer  data);

/* Whether @window shows a message (a toast) containing @text. */
gboolean        tessera_display_test_shows_message   (TesseraWindow        *window,
                                                      const char           *text);

/* Every widget under @root (included) that @match accepts with @data,
 * skipping what is hidden (a hidden widget, a stack page not shown)
 * and all inside it. The array does not own the widgets. */
GPtrArray      *tessera_display_test_find_all        (gpointer                 root,
                                                      TesseraDisplayTestMatch  match,
                                                      gconstpointer            data);
/* The one widget tessera_display_test_find_all() finds: there must be
 * exactly one. */
gpointer        tessera_display_test_find_one        (gpointer                 root,
                                                      TesseraDisplayTestMatch  match,
                                                      gconstpointer            data);
/* A TesseraDisplayTestMatch: a GtkLabel whose text is exactly @data. */
gboolean        tessera_display_test_is_label_with_text (GtkWidget     *widget,
                                                         gconstpointer  data);
/* A TesseraDisplayTestMatch: the widget has CSS class @data. */
gboolean        tessera_display_test_has_css_class     (GtkWidget     *widget,
                                                         gconstpointer  data);
/* A TesseraDisplayTestMatch: the widget's tooltip starts with @data (a
 * string). */
gboolean        tessera_display_test_has_tooltip_prefix (GtkWidget     *widget,
                                                         gconstpointer  data);

/* --- the project and the document view -------------------------------- */

/* Adds a document with these fields (any may be NULL but @text) to
 * @project; returns its id. */
gint64          tessera_display_test_add_document    (TesseraProject       *project,
                                                      const char           *title,
                                                      const char           *source,
                                                      const char           *published,
                                                      const char           *text);
/* The span of document @doc_id over exactly [@start, @end) (a copy), or
 * NULL when there is none. */
TesseraSpan    *tessera_display_test_find_span       (TesseraProject       *project,
                                                      gint64                doc_id,
                                                      gint64                start,
                                                      gint64                end);
/* The code-point offsets [@start, @end) of the first @word in the text
 * of the document @workbench shows (there must be one). */
void            tessera_display_test_find_shown_word (TesseraWorkbench     *workbench,
                                                      const char           *word,
                                                      gint64               *start,
                                                      gint64               *end);
/* Whether @view drew the span @span_id in its last frame. */
gboolean        tessera_display_test_drawn_contains  (TesseraDocumentView  *view,
                                                      gint64                span_id);
/* The whole text @view's text buffer holds. */
char           *tessera_display_test_shown_text      (TesseraDocumentView  *view);

/* --- long work ----------------------------------------------------------- */

/* Iterates the main loop until long work on @project (an import, tagging
 * all occurrences) is over (within 60 s), then runs what it left pending. */
void            tessera_display_test_wait_for_work   (TesseraProject       *project);
/* The Cancel button of the progress dialog shown now, or NULL. */
GtkWidget      *tessera_display_test_find_progress_cancel (void);

G_END_DECLS
