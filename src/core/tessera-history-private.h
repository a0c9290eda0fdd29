/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-history.h"

G_BEGIN_DECLS

/* The history's parts: the stacks, groups and replaying in
 * tessera-history.c; the commands by family in tessera-history-*.c.
 *
 * Every command is recorded as rows before and after it (a NULL side
 * means the row did not exist). Doing, redoing and undoing all replay
 * those rows through TesseraProject, forward or backward, so each command
 * needs no undo code of its own. Rows are recorded so that replaying them
 * backward restores what others refer to first (a span before the event
 * it triggers, an event before the stance toward it). */

typedef enum
{
  ROW_SPAN,
  ROW_EVENT,
  ROW_STANCE,
  ROW_STATUS,
  ROW_LABEL,
  ROW_CLUSTER,   /* TesseraCluster */
  ROW_MEMBER,    /* TesseraClusterMember: one span or event and its cluster */
  ROW_REJECTION, /* TesseraRejection: a rejected suggestion remembered */
  ROW_DOCUMENT,  /* TesseraDocument: its metadata, no text */
  ROW_CODED,     /* TesseraCodedOverride: a coded field set by hand */
} RowKind;

typedef struct
{
  gint64                id;
  TesseraDocumentStatus status;
} StatusRow;

/* One row before and after a command (either may be NULL). */
typedef struct
{
  RowKind  kind;
  gpointer before;
  gpointer after;
} Change;

typedef struct
{
  char      *label;
  GPtrArray *changes;   /* Change* */
  guint64    serial;    /* given when it becomes an undo step */
} Command;

struct _TesseraHistory
{
  GObject         parent_instance;

  TesseraProject *project;
  GPtrArray      *undo_stack;  /* Command*, newest last */
  GPtrArray      *redo_stack;
  Command        *group;       /* open group, or NULL */
  guint64         last_serial;
};

typedef struct
{
  Command *cmd;
  guint    mark;   /* changes before this command, when in a group */
} Step;

/* Replays @cmd's rows from the @first on: forward (before → after, in
 * order) or @backward (after → before, newest first). */
gboolean _tessera_history_replay          (TesseraHistory        *self,
                                           Command               *cmd,
                                           guint                  first,
                                           gboolean               backward,
                                           GError               **error);
gboolean _tessera_history_has_argument    (const TesseraEvent    *event,
                                           const TesseraArgument *arg);

/* A command runs in a transaction between step_begin and step_end: it
 * records its rows, then applies them (or makes them itself and records
 * what it made). step_end commits and pushes the step, or rolls back;
 * in a group, the rows join the group's step. A step with no rows is
 * no undo step. */
gboolean _tessera_history_step_begin      (TesseraHistory        *self,
                                           const char            *label,
                                           Step                  *step,
                                           GError               **error);
gboolean _tessera_history_step_end        (TesseraHistory        *self,
                                           Step                  *step,
                                           gboolean               ok,
                                           GError               **error);
/* Takes @before and @after (either may be NULL). */
void     _tessera_history_record          (Step                  *step,
                                           RowKind                kind,
                                           gpointer               before,
                                           gpointer               after);
gboolean _tessera_history_apply_recorded  (TesseraHistory        *self,
                                           Step                  *step,
                                           GError               **error);

void     _tessera_history_replace_string  (char                 **field,
                                           const char            *value);
/* Brings a document's metadata (not its status) to @to's. */
gboolean _tessera_history_replay_document (TesseraProject        *project,
                                           const TesseraDocument *to,
                                           GError               **error);

/* The events span @span_id of document @document_id triggers, by id
 * (TesseraEvent*, owned by the array). */
GPtrArray *_tessera_history_list_trigger_events (TesseraHistory  *self,
                                           gint64                 document_id,
                                           gint64                 span_id,
                                           GError               **error);

G_END_DECLS
