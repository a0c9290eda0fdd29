/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tessera-project.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_HISTORY (tessera_history_get_type ())

G_DECLARE_FINAL_TYPE (TesseraHistory, tessera_history, TESSERA, HISTORY, GObject)

/* Undoable commands over a project. Each command is one transaction and
 * one undo step; views follow TesseraProject::changed, not this object.
 * Properties: "can-undo", "can-redo" (notified as they change). */

TesseraHistory *tessera_history_new              (TesseraProject        *project);
TesseraProject *tessera_history_get_project      (TesseraHistory        *self);

gboolean        tessera_history_can_undo         (TesseraHistory        *self);
gboolean        tessera_history_can_redo         (TesseraHistory        *self);
/* What undo/redo would do, e.g. "Add Person", or NULL. */
const char     *tessera_history_get_undo_label   (TesseraHistory        *self);
const char     *tessera_history_get_redo_label   (TesseraHistory        *self);
gboolean        tessera_history_undo             (TesseraHistory        *self,
                                                  GError               **error);
gboolean        tessera_history_redo             (TesseraHistory        *self,
                                                  GError               **error);
void            tessera_history_clear            (TesseraHistory        *self);

/* Commands between begin_group and end_group form one undo step (one
 * transaction); end_group with ok FALSE rolls them all back. */
gboolean        tessera_history_begin_group      (TesseraHistory        *self,
                                                  const char            *label,
                                                  GError               **error);
gboolean        tessera_history_end_group        (TesseraHistory        *self,
                                                  gboolean               ok,
                                                  GError               **error);

/* Spans with an entity label (or any label). Returns the new span id. */
gint64          tessera_history_add_span         (TesseraHistory        *self,
                                                  gint64                 document_id,
                                                  gint64                 start,
                                                  gint64                 end,
                                                  gint64                 label_id,
                                                  GError               **error);
gboolean        tessera_history_update_span      (TesseraHistory        *self,
                                                  const TesseraSpan     *span,
                                                  GError               **error);
/* Also removes or updates what depends on the span (see
 * tessera_project_delete_span); undo restores all of it. */
gboolean        tessera_history_delete_span      (TesseraHistory        *self,
                                                  gint64                 span_id,
                                                  GError               **error);

/* A trigger span labelled with the event type and its event frame, in one
 * step. Returns the event id. */
gint64          tessera_history_add_event        (TesseraHistory        *self,
                                                  gint64                 document_id,
                                                  gint64                 start,
                                                  gint64                 end,
                                                  gint64                 type_label_id,
                                                  GError               **error);
/* Type (also relabels the trigger span), realis and confirmation. */
gboolean        tessera_history_update_event     (TesseraHistory        *self,
                                                  const TesseraEvent    *event,
                                                  GError               **error);
gboolean        tessera_history_delete_event     (TesseraHistory        *self,
                                                  gint64                 event_id,
                                                  GError               **error);
gboolean        tessera_history_add_argument     (TesseraHistory        *self,
                                                  gint64                 event_id,
                                                  gint64                 role_label_id,
                                                  gint64                 span_id,
                                                  GError               **error);
/* span_id 0 clears the slot. */
gboolean        tessera_history_remove_argument  (TesseraHistory        *self,
                                                  gint64                 event_id,
                                                  gint64                 role_label_id,
                                                  gint64                 span_id,
                                                  GError               **error);

/* A statement span labelled with the stance label and its stance record.
 * Returns the stance id. */
gint64          tessera_history_add_stance       (TesseraHistory        *self,
                                                  gint64                 document_id,
                                                  gint64                 start,
                                                  gint64                 end,
                                                  gint64                 label_id,
                                                  GError               **error);
/* Label (also relabels the statement span), holder and targets. */
gboolean        tessera_history_update_stance    (TesseraHistory        *self,
                                                  const TesseraStance   *stance,
                                                  GError               **error);
gboolean        tessera_history_delete_stance    (TesseraHistory        *self,
                                                  gint64                 stance_id,
                                                  GError               **error);

gboolean        tessera_history_set_document_status (TesseraHistory     *self,
                                                  gint64                 document_id,
                                                  TesseraDocumentStatus  status,
                                                  GError               **error);
/* Renames, recolours or rekeys a label (NULL leaves a field unchanged). */
gboolean        tessera_history_update_label     (TesseraHistory        *self,
                                                  gint64                 label_id,
                                                  const char            *name,
                                                  const char            *color,
                                                  const char            *shortcut,
                                                  GError               **error);

G_END_DECLS
