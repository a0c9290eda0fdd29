/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-agreement-view.h"
#include "tessera-annotation-list.h"
#include "tessera-corroboration-view.h"
#include "tessera-document-list.h"
#include "tessera-document-view.h"
#include "tessera-inspector.h"
#include "tessera-label-palette.h"
#include "tessera-formats.h"
#include "tessera-window.h"

G_BEGIN_DECLS

struct _TesseraWindow
{
  AdwApplicationWindow  parent_instance;

  TesseraWorkbench     *workbench;
  GSettings            *settings;
  GCancellable         *io_cancellable;   /* import or export under way */
  GCancellable         *check_cancellable; /* the open project's check */
  GSignalGroup         *document_signals;  /* the workbench's document, for the titles */
  guint                 checkpoint_id;     /* writes the -wal into the file once idle */

  /* Template widgets */
  AdwWindowTitle       *window_title;
  TesseraDocumentList  *document_list;
  TesseraDocumentView  *document_view;
  TesseraLabelPalette  *label_palette;
  TesseraInspector     *inspector;
  TesseraAnnotationList *annotation_list;
  GtkStack             *center_stack;     /* the document or the corroboration view */
  TesseraCorroborationView *corroboration_view;
  GtkWidget            *side_panel;
  GtkPaned             *outer_paned;      /* document list | the rest */
  GtkPaned             *side_paned;       /* inspector / annotation list */
  guint                 layout_idle_id;
  int                   layout_width, layout_height;
  guint                 show_documents : 1;  /* the panes wanted, */
  guint                 show_side_panel : 1; /* when the document shows */
  guint                 layout_known : 1;  /* narrow is set */
  guint                 narrow : 1;        /* the list stepped aside */
  guint                 layout_moving : 1; /* the window moves a divider */
  int                   outer_laid_out;    /* the panes' sizes when laid out */
  int                   side_laid_out;
  int                   list_width;        /* set by hand, or 0 */
  double                inspector_share;   /* of the side panel's height */
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkSpinner           *banner_spinner;
  GtkWidget            *banner_button;
  AdwToastOverlay      *side_toasts;      /* messages over the side panel, */
  AdwToastOverlay      *list_toasts;      /* else over the document list, */
  AdwToastOverlay      *window_toasts;    /* else over the window */
  AdwToast             *toast;            /* the message shown, or NULL */
  char                 *toast_text;       /* its text */
  guint64               message_step;     /* the undo step it announces, or 0 */
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GMenu                *recent_section;
  GtkMenuButton        *annotator_button;
  GtkLabel             *annotator_label;
  GtkPopover           *annotator_popover;
  GtkEntry             *annotator_entry;
  GtkLabel             *annotator_hint;
};

/* tessera-window-annotator.c: who the analyst is. */
void     _tessera_window_class_add_annotator (GtkWidgetClass *widget_class);
void     _tessera_window_init_annotator   (TesseraWindow  *self);
void     _tessera_window_update_annotator (TesseraWindow  *self);

/* Shows the corroboration view in the centre instead of the document
 * (property "show-corroboration", action win.show-corroboration). */
void     _tessera_window_set_show_corroboration (TesseraWindow *self,
                                                 gboolean       show);

/* Shows the document in the centre (leaving the corroboration or the
 * agreement view). */
void     _tessera_window_show_document     (TesseraWindow *self);

/* Whether the open project may be changed: checked, not damaged, not
 * read-only. */
gboolean _tessera_window_can_edit          (TesseraWindow  *self);

/* tessera-window-layout.c: panes that fit any window. */
void     _tessera_window_class_add_layout (GtkWidgetClass *widget_class);
void     _tessera_window_init_layout      (TesseraWindow  *self);
void     _tessera_window_dispose_layout   (TesseraWindow  *self);
void     _tessera_window_update_panes     (TesseraWindow  *self);
void     _tessera_window_layout_allocated (TesseraWindow  *self,
                                           int             width,
                                           int             height);
gboolean _tessera_window_get_show_documents  (TesseraWindow *self);
void     _tessera_window_set_show_documents  (TesseraWindow *self,
                                              gboolean       show);
gboolean _tessera_window_get_show_side_panel (TesseraWindow *self);
void     _tessera_window_set_show_side_panel (TesseraWindow *self,
                                              gboolean       show);

/* tessera-window-messages.c: messages at the bottom, over a side pane;
 * they go away by themselves. */
void     _tessera_window_dispose_messages  (TesseraWindow  *self);
/* Shows @message, which announces the step just done (the next undo):
 * undoing that step withdraws it. */
void     _tessera_window_show_step_message (TesseraWindow  *self,
                                            const char     *message);
/* Withdraws the message that announced step @serial, if it shows. */
void     _tessera_window_withdraw_step_message (TesseraWindow *self,
                                                guint64        serial);

/* tessera-window-undo.c: undo and redo show what they change, and the
 * buttons say what they would do. */
void     _tessera_window_class_add_undo    (GtkWidgetClass *widget_class);
void     _tessera_window_follow_history    (TesseraWindow  *self,
                                            TesseraHistory *history);

/* tessera-window-actions.c */
void     _tessera_window_class_add_actions (GtkWidgetClass *widget_class);
void     _tessera_window_update_actions    (TesseraWindow  *self);

/* tessera-window-progress.c: documents' status, the next unfinished one */
void     _tessera_window_class_add_progress_actions (GtkWidgetClass *widget_class);
void     _tessera_window_update_progress_actions (TesseraWindow *self);
/* Sets the status of @document_id, undoably; marking it done while
 * suggestions wait in it asks first ("Mark Done Anyway"). */
void     _tessera_window_set_document_status (TesseraWindow         *self,
                                              gint64                 document_id,
                                              TesseraDocumentStatus  status);

/* tessera-window-io.c: projects, import and export through file choosers */
void     _tessera_window_class_add_io_actions (GtkWidgetClass *widget_class);
/* tessera-window-analysis.c: carrying annotations to copies, suggestions */
void     _tessera_window_class_add_analysis_actions (GtkWidgetClass *widget_class);
void     _tessera_window_update_recent     (TesseraWindow  *self);
/* Lets the project go (an import writes it from another thread). */
void     _tessera_window_release_project   (TesseraWindow  *self);

/* Imports @paths as @format (the Import dialog's choices). */
void     _tessera_window_import_as (TesseraWindow       *self,
                                    const char * const  *paths,
                                    TesseraImportFormat  format,
                                    gboolean             add_labels);

G_END_DECLS
