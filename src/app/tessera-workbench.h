/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tessera-app-enums.h"
#include "tessera-document-model.h"
#include "tessera-history.h"
#include "tessera-open-document.h"
#include "tessera-project.h"

G_BEGIN_DECLS

/* What the window is working on: the open project and its history, the
 * document shown, the selected annotation, the active layer and whether a
 * role slot or a stance holder is waiting for a span to be clicked.
 * Widgets read it and follow its notifications; they change the project
 * only through the history (action → command → store → signal → view). */

typedef enum
{
  TESSERA_LAYER_ENTITIES,
  TESSERA_LAYER_EVENTS,
  TESSERA_LAYER_STANCE,
} TesseraLayer;

typedef enum
{
  TESSERA_SELECTION_NONE,
  TESSERA_SELECTION_SPAN,    /* an entity span (or any span without frame) */
  TESSERA_SELECTION_EVENT,   /* an event: id is the event id */
  TESSERA_SELECTION_STANCE,  /* a stance: id is the stance id */
} TesseraSelectionKind;

/* A click on a span fills what is pending instead of selecting it. */
typedef enum
{
  TESSERA_PICK_NONE,
  TESSERA_PICK_ROLE,         /* pick_id: role label id of the selected event */
  TESSERA_PICK_HOLDER,       /* the selected stance's holder */
  TESSERA_PICK_TARGET_SPAN,  /* the selected stance's target span */
} TesseraPickKind;

#define TESSERA_TYPE_WORKBENCH (tessera_workbench_get_type ())

G_DECLARE_FINAL_TYPE (TesseraWorkbench, tessera_workbench, TESSERA, WORKBENCH, GObject)

TesseraWorkbench     *tessera_workbench_new                (void);

/* Properties "project", "history" (replaced together). */
TesseraProject       *tessera_workbench_get_project        (TesseraWorkbench     *self);
TesseraHistory       *tessera_workbench_get_history        (TesseraWorkbench     *self);
void                  tessera_workbench_set_project        (TesseraWorkbench     *self,
                                                            TesseraProject       *project);
/* The project's documents, one list model for the window (the document
 * list shows it; others follow documents coming and going). It follows
 * the workbench's project for its whole life. */
TesseraDocumentModel *tessera_workbench_get_documents      (TesseraWorkbench     *self);

/* Property "document-id" (0: none), and property "document": its model,
 * the one the views of the document share and read (no view keeps a copy
 * of its annotations). get_document () is the model's text and metadata. */
gint64                tessera_workbench_get_document_id    (TesseraWorkbench     *self);
TesseraOpenDocument  *tessera_workbench_get_open_document  (TesseraWorkbench     *self);
TesseraDocument      *tessera_workbench_get_document       (TesseraWorkbench     *self);
void                  tessera_workbench_set_document_id    (TesseraWorkbench     *self,
                                                            gint64                document_id);

/* Property "layer". */
TesseraLayer          tessera_workbench_get_layer          (TesseraWorkbench     *self);
void                  tessera_workbench_set_layer          (TesseraWorkbench     *self,
                                                            TesseraLayer          layer);
/* Whose work the views show: every annotator's unless hidden (property
 * "hidden-annotators", notified on change; a new project shows all). A
 * span, event or stance whose span is by a hidden annotator is neither
 * drawn nor listed. */
gboolean              tessera_workbench_is_annotator_shown (TesseraWorkbench   *self,
                                                            gint64              annotator_id);
void                  tessera_workbench_set_annotator_shown (TesseraWorkbench  *self,
                                                            gint64              annotator_id,
                                                            gboolean            shown);
void                  tessera_workbench_show_all_annotators (TesseraWorkbench  *self);
/* Whether the current document shows the work of more than one annotator
 * (then the views say whose each annotation is). */
gboolean              tessera_workbench_shows_several_annotators (TesseraWorkbench *self);

/* The label kind tagged in @layer. */
TesseraLabelKind      tessera_layer_get_label_kind         (TesseraLayer          layer);

/* Signal "selection-changed". Selecting clears any pending pick. */
TesseraSelectionKind  tessera_workbench_get_selection      (TesseraWorkbench     *self,
                                                            gint64               *id);
/* The span drawn as selected: the span itself, an event's trigger, a
 * stance's statement; 0 when nothing is selected. */
gint64                tessera_workbench_get_selected_span  (TesseraWorkbench     *self);
void                  tessera_workbench_select             (TesseraWorkbench     *self,
                                                            TesseraSelectionKind  kind,
                                                            gint64                id);
/* Selects what a span stands for: its event, its stance, or the span. */
void                  tessera_workbench_select_span        (TesseraWorkbench     *self,
                                                            gint64                span_id);

/* Signal "pick-changed". */
TesseraPickKind       tessera_workbench_get_pick           (TesseraWorkbench     *self,
                                                            gint64               *pick_id);
void                  tessera_workbench_set_pick           (TesseraWorkbench     *self,
                                                            TesseraPickKind       kind,
                                                            gint64                pick_id);
/* Fills the pending pick with @span_id through the history; FALSE with
 * error when it cannot (then the pick stays). */
gboolean              tessera_workbench_complete_pick      (TesseraWorkbench     *self,
                                                            gint64                span_id,
                                                            GError              **error);

/* Tags [start, end) of the current document with @label_id through the
 * history: an entity span, an event (trigger + frame) or a stance
 * (statement + record) by the label's kind, and selects it. An event
 * tagged exactly on the analyst's own trigger joins it: a span may
 * trigger several events. */
gboolean              tessera_workbench_tag                (TesseraWorkbench     *self,
                                                            gint64                start,
                                                            gint64                end,
                                                            gint64                label_id,
                                                            GError              **error);
/* Adds an event of type @type_label_id on span @span_id, which may trigger
 * others already, through the history, and selects it. */
gboolean              tessera_workbench_add_trigger_event  (TesseraWorkbench     *self,
                                                            gint64                span_id,
                                                            gint64                type_label_id,
                                                            GError              **error);
/* Gives the selected annotation the label @label_id through the history,
 * in one step: an entity span another entity label, an event another type
 * (its trigger follows), a stance another stance label; the selection
 * stays. A label of another kind changes nothing: FALSE with
 * TESSERA_ERROR_INVALID_INPUT and a message that says so. */
gboolean              tessera_workbench_relabel_selection  (TesseraWorkbench     *self,
                                                            gint64                label_id,
                                                            GError              **error);
/* Deletes the selected annotation (its span, with what depends on it):
 * an event whose trigger has others goes alone. */
gboolean              tessera_workbench_delete_selection   (TesseraWorkbench     *self,
                                                            GError              **error);

/* Signal "error" (const char *message): a command failed; the window shows it. */
void                  tessera_workbench_report_error       (TesseraWorkbench     *self,
                                                            const GError         *error);

G_END_DECLS
