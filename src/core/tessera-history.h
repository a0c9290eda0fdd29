/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tessera-plan.h"
#include "tessera-project.h"

G_BEGIN_DECLS

#define TESSERA_TYPE_HISTORY (tessera_history_get_type ())

G_DECLARE_FINAL_TYPE (TesseraHistory, tessera_history, TESSERA, HISTORY, GObject)

/* Undoable commands over a project. Each command is one transaction and
 * one undo step; views follow TesseraProject::changed, not this object.
 * Properties: "can-undo", "can-redo" (notified as they change); signal
 * "changed" after every change of the stacks. */

TesseraHistory *tessera_history_new              (TesseraProject        *project);
TesseraProject *tessera_history_get_project      (TesseraHistory        *self);

gboolean        tessera_history_can_undo         (TesseraHistory        *self);
gboolean        tessera_history_can_redo         (TesseraHistory        *self);
/* What undo/redo would do, e.g. "Add Person", or NULL. */
const char     *tessera_history_get_undo_label   (TesseraHistory        *self);
const char     *tessera_history_get_redo_label   (TesseraHistory        *self);

/* What a step did to what it is about, as a window tells it. */
typedef enum
{
  TESSERA_STEP_OTHER,    /* labels, clusters: nothing in a document's text */
  TESSERA_STEP_ADD,      /* made it */
  TESSERA_STEP_DELETE,   /* deleted it */
  TESSERA_STEP_RELABEL,  /* gave it another label (an event another type) */
  TESSERA_STEP_CHANGE,   /* changed it otherwise: roles, holder, extent, note */
  TESSERA_STEP_ACCEPT,   /* accepted it, a suggestion */
  TESSERA_STEP_REJECT,   /* rejected it, a suggestion */
  TESSERA_STEP_STATUS,   /* changed a document's status */
  TESSERA_STEP_DETAILS,  /* changed a document's title, outlet, date… */
} TesseraStepAction;

/* The step undo (or redo) would take, as done, so that a window can show
 * it: the document it changes and, in it, the annotation it is about.
 * Only valid until the history changes. */
typedef struct
{
  guint64            serial;      /* the step's own, never reused in this history */
  const char        *label;       /* tessera_history_get_undo_label()'s */
  TesseraStepAction  action;      /* done to its subject */
  gboolean           several;     /* it is about more than its subject (a
                                   * plan, all suggestions…): tell it by label */
  gint64             document_id; /* 0: no document's */
  TesseraChangeKind  kind;        /* its subject: _SPAN, _EVENT, _STANCE, or
                                   * _DOCUMENT (its status, its details) */
  gint64             id;          /* the subject's id */
  gint64             span_id;     /* its span: the trigger, the statement */
  gint64             start;       /* that span's place (0, 0 when unknown) */
  gint64             end;
  gint64             label_id;    /* its label or type after the step (before
                                   * it, for a deletion) */
} TesseraHistoryStep;

/* Describes the next undo (redo) step; FALSE when there is none. Of the
 * documents a step changes, @document_id (the one shown) is preferred. */
gboolean        tessera_history_describe_undo    (TesseraHistory        *self,
                                                  gint64                 document_id,
                                                  TesseraHistoryStep    *step);
gboolean        tessera_history_describe_redo    (TesseraHistory        *self,
                                                  gint64                 document_id,
                                                  TesseraHistoryStep    *step);

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

/* Adding a span, an event or a stance to a document still New marks it
 * In progress, in the same undo step. */

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
/* Another event on the existing span @span_id, which may trigger some
 * already (brat allows several; the span's label stays its first
 * event's type, and a span that triggered none takes @type_label_id). In
 * one step. Returns the event id. */
gint64          tessera_history_add_trigger_event (TesseraHistory       *self,
                                                  gint64                 span_id,
                                                  gint64                 type_label_id,
                                                  GError               **error);
/* Type, realis and confirmation. A new type also relabels the trigger
 * span when this is its first event (the lowest id). */
gboolean        tessera_history_update_event     (TesseraHistory        *self,
                                                  const TesseraEvent    *event,
                                                  GError               **error);
/* The trigger span stays; when the event was its first of several, the
 * span takes the next one's type. */
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
/* The title, source (outlet), URL, publication date and language of
 * document @doc->id become @doc's, as one undo step (its status, text and
 * the rest are not read). Values are trimmed; NULL or "" clears a field,
 * but a document keeps a title. A new date must be YYYY-MM-DD and a new
 * language a BCP 47 tag, stored normalised ("en_gb" → "en-GB"); values
 * left as they were are not checked. Changing nothing makes no step. */
gboolean        tessera_history_update_document  (TesseraHistory        *self,
                                                  const TesseraDocument *doc,
                                                  GError               **error);
/* Renames, recolours or rekeys a label (NULL leaves a field unchanged). */
gboolean        tessera_history_update_label     (TesseraHistory        *self,
                                                  gint64                 label_id,
                                                  const char            *name,
                                                  const char            *color,
                                                  const char            *shortcut,
                                                  GError               **error);

/* Clusters. Each command is one undo step; undoing a deletion or a merge
 * brings back the cluster with its members. */
gint64          tessera_history_add_cluster      (TesseraHistory        *self,
                                                  TesseraLabelKind       kind,
                                                  const char            *name,
                                                  GError               **error);
/* Sets fields of event cluster @cluster_id's coded record by hand, in one
 * step: @fields and @values (NULL-terminated, parallel); an empty or NULL
 * value gives the field back to the reports. Each value must pass
 * tessera_coded_field_check(); on any error nothing changes. Unchanged
 * fields make no step. */
gboolean        tessera_history_set_coded_fields (TesseraHistory        *self,
                                                  gint64                 cluster_id,
                                                  const char * const    *fields,
                                                  const char * const    *values,
                                                  GError               **error);
gboolean        tessera_history_rename_cluster   (TesseraHistory        *self,
                                                  gint64                 cluster_id,
                                                  const char            *name,
                                                  GError               **error);
gboolean        tessera_history_delete_cluster   (TesseraHistory        *self,
                                                  gint64                 cluster_id,
                                                  GError               **error);
/* A span or an event (the other id 0); a member of another cluster moves
 * (see tessera_project_add_cluster_member). */
gboolean        tessera_history_add_cluster_member (TesseraHistory      *self,
                                                  gint64                 cluster_id,
                                                  gint64                 span_id,
                                                  gint64                 event_id,
                                                  GError               **error);
gboolean        tessera_history_remove_cluster_member (TesseraHistory   *self,
                                                  gint64                 span_id,
                                                  gint64                 event_id,
                                                  GError               **error);
/* Moves @from_id's members into @into_id, which keeps its name, and
 * deletes @from_id. */
gboolean        tessera_history_merge_clusters   (TesseraHistory        *self,
                                                  gint64                 into_id,
                                                  gint64                 from_id,
                                                  GError               **error);
/* Moves @members (their span_id or event_id) into a new cluster @name;
 * returns its id. */
gint64          tessera_history_split_cluster    (TesseraHistory        *self,
                                                  gint64                 cluster_id,
                                                  const TesseraClusterMember *members,
                                                  guint                  n_members,
                                                  const char            *name,
                                                  GError               **error);

/* Suggestions. @kind is TESSERA_CHANGE_SPAN, _EVENT or _STANCE.
 * Accepting an event also accepts its trigger and argument spans;
 * accepting a stance, its statement, holder and target (and the target
 * event's spans), so nothing accepted refers to a suggestion. Accepting
 * what is no longer suggested does nothing. */
gboolean        tessera_history_accept_suggestion (TesseraHistory       *self,
                                                  TesseraChangeKind      kind,
                                                  gint64                 id,
                                                  GError               **error);
/* Deletes a suggestion with what depends on it, as deleting it would; a
 * suggested event or stance takes its trigger or statement span along
 * when that is suggested too (and no other event stands on a trigger).
 * Remembers it as rejected (tessera_project_add_rejection), so analyses
 * do not propose it again; undo forgets that too. Refuses what is not a
 * suggestion. */
gboolean        tessera_history_reject_suggestion (TesseraHistory       *self,
                                                  TesseraChangeKind      kind,
                                                  gint64                 id,
                                                  GError               **error);
/* Takes one version: accepts the suggestion and, in the same undo step,
 * rejects the other versions the same annotator was offered at the same
 * place (suggested spans of the same kind of label with the same start and
 * end; suggested events on another trigger, stances on a statement, there:
 * events that share a trigger are not versions of each other):
 * what a curation proposes where annotators disagreed. @n_rejected (may
 * be NULL): how many. */
gboolean        tessera_history_take_suggestion  (TesseraHistory       *self,
                                                  TesseraChangeKind      kind,
                                                  gint64                 id,
                                                  guint                 *n_rejected,
                                                  GError               **error);
/* Every suggestion of @document_id (0: of the whole project), one undo step. */
gboolean        tessera_history_accept_suggestions (TesseraHistory      *self,
                                                  gint64                 document_id,
                                                  GError               **error);
gboolean        tessera_history_reject_suggestions (TesseraHistory      *self,
                                                  gint64                 document_id,
                                                  GError               **error);

/* Makes the rows an analysis planned (carrying annotations to copies,
 * tagging every occurrence) as ONE undo step called @label: undo deletes
 * them, redo makes them again with the same ids. Nothing is made when a
 * row the plan refers to is gone. Returns what was made. */
TesseraPropagateResult *tessera_history_apply_plan (TesseraHistory     *self,
                                                  const char            *label,
                                                  const TesseraPlan     *plan,
                                                  GError               **error);

G_END_DECLS
