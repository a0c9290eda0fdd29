/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-types.h"
#include "tessera-core-enums.h"
#include "tessera-annotation.h"
#include "tessera-cluster.h"
#include "tessera-document.h"
#include "tessera-schema.h"

G_BEGIN_DECLS

/* PRAGMA application_id of every Tessera project: "TSRA". */
#define TESSERA_APPLICATION_ID 0x54535241
/* PRAGMA user_version written by this build. */
#define TESSERA_SCHEMA_VERSION 6

typedef enum
{
  TESSERA_OPEN_DEFAULT      = 0,
  /* Nothing is written: not the project, not its -wal. */
  TESSERA_OPEN_READ_ONLY    = 1 << 0,
  /* No PRAGMA quick_check (O(file size)): only for a second, read-only
   * connection to a project this process has opened and checked. */
  TESSERA_OPEN_SKIP_CHECK   = 1 << 1,
  /* Opens at once and leaves the check to tessera_project_verify() or
   * _verify_async() (the window runs it in the background): until it has
   * passed, writes fail with TESSERA_ERROR_NOT_VERIFIED and nothing is
   * checkpointed. */
  TESSERA_OPEN_DEFER_CHECK  = 1 << 2,
  /* integrity_check instead of quick_check: every index is compared with
   * its table (about twice as long). For exports, which read through the
   * indexes and would otherwise pass on what a damaged one says. */
  TESSERA_OPEN_FULL_CHECK   = 1 << 3,
} TesseraOpenFlags;

typedef enum
{
  TESSERA_INTEGRITY_UNKNOWN,  /* opened with TESSERA_OPEN_DEFER_CHECK, not verified yet */
  TESSERA_INTEGRITY_OK,
  TESSERA_INTEGRITY_DAMAGED,  /* nothing is written to it any more */
} TesseraIntegrity;

typedef enum
{
  TESSERA_CHANGE_DOCUMENT,  /* added, metadata or status changed */
  TESSERA_CHANGE_SPAN,
  TESSERA_CHANGE_EVENT,     /* frame or its arguments */
  TESSERA_CHANGE_STANCE,
  TESSERA_CHANGE_SCHEMA,    /* labels or attributes */
  TESSERA_CHANGE_RESET,     /* too much changed at once: reload everything */
  TESSERA_CHANGE_CLUSTER,   /* a cluster or its members (see "Clusters" below) */
} TesseraChangeKind;

typedef enum
{
  TESSERA_CHANGE_ADDED,
  TESSERA_CHANGE_UPDATED,
  TESSERA_CHANGE_REMOVED,
} TesseraChangeAction;

#define TESSERA_TYPE_PROJECT (tessera_project_get_type ())

G_DECLARE_FINAL_TYPE (TesseraProject, tessera_project, TESSERA, PROJECT, GObject)

/* Signal "changed" (guint kind, guint action, gint64 document_id,
 * gint64 object_id): emitted after the change is committed to the file.
 * Changes made inside tessera_project_begin()/commit() are emitted at the
 * outermost commit (dropped on rollback); more than a few hundred at once
 * become a single TESSERA_CHANGE_RESET. Signal "changes-done" follows
 * the changes of each commit. Views do not follow these: they follow
 * the TesseraOpenDocument of their document. */

/* Creates a new project file (refusing an existing non-empty file) with
 * @schema_json, or the default schema when NULL. */
TesseraProject   *tessera_project_create            (const char        *path,
                                                     const char        *schema_json,
                                                     GError           **error);
TesseraProject   *tessera_project_open              (const char        *path,
                                                     TesseraOpenFlags   flags,
                                                     GError           **error);
/* Closes the file (also done on finalize); later calls fail. A verified
 * project that was open for writing is checkpointed first, so that the
 * file alone holds everything and its -wal goes away. */
void              tessera_project_close             (TesseraProject    *self);

const char       *tessera_project_get_path          (TesseraProject    *self);
gboolean          tessera_project_get_read_only     (TesseraProject    *self);
char             *tessera_project_dup_name          (TesseraProject    *self);
gboolean          tessera_project_set_name          (TesseraProject    *self,
                                                     const char        *name,
                                                     GError           **error);

/* The full check (tessera-project-integrity.c): SQLite's integrity_check
 * (every page, every index against its table), foreign keys, every span
 * inside its text with a known label, texts and names valid UTF-8 and
 * texts matching their checksums. Problems are human-readable lines;
 * returns FALSE only when the check itself could not run. */
gboolean          tessera_project_check             (TesseraProject    *self,
                                                     GPtrArray        **problems,
                                                     GError           **error);

/* The open-time check (quick_check) of a project opened with
 * TESSERA_OPEN_DEFER_CHECK. Found damage makes the project
 * TESSERA_INTEGRITY_DAMAGED (it is never written to again) and the call
 * returns FALSE with TESSERA_ERROR_CORRUPT and, in @problems, what was
 * found. The async variant reads on a connection of its own in a worker
 * thread; its result takes effect in _finish, on the calling thread. */
TesseraIntegrity  tessera_project_get_integrity     (TesseraProject    *self);
gboolean          tessera_project_verify            (TesseraProject    *self,
                                                     GCancellable      *cancellable,
                                                     GPtrArray        **problems,
                                                     GError           **error);
void              tessera_project_verify_async      (TesseraProject    *self,
                                                     GCancellable      *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer           user_data);
gboolean          tessera_project_verify_finish     (TesseraProject    *self,
                                                     GAsyncResult      *result,
                                                     GPtrArray        **problems,
                                                     GError           **error);

/* Saves what can still be read of a (damaged) project into a new project
 * at @dest_path, which must not exist (tessera-project-salvage.c): every
 * row that reads, without what lost its footing (a span whose document is
 * gone). Nothing is written to @self's file. @summary ("Saved 12
 * documents, 340 spans, …") and @problems (what could not be read) may be
 * NULL. The async variant reads on connections of its own in a thread. */
gboolean          tessera_project_salvage           (TesseraProject    *self,
                                                     const char        *dest_path,
                                                     GCancellable      *cancellable,
                                                     char             **summary,
                                                     GPtrArray        **problems,
                                                     GError           **error);
void              tessera_project_salvage_async     (TesseraProject    *self,
                                                     const char        *dest_path,
                                                     GCancellable      *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer           user_data);
gboolean          tessera_project_salvage_finish    (TesseraProject    *self,
                                                     GAsyncResult      *result,
                                                     char             **summary,
                                                     GError           **error);

/* Long writes off the main thread without closing the project
 * (tessera-project-worker.c): @func runs in a worker thread on a
 * connection of its own (the worker project it is given, which it may
 * write to in its own transactions), while @self stays open for reading
 * and refuses writes (TESSERA_ERROR_BUSY). What @func committed reaches
 * @self's followers as one TESSERA_CHANGE_RESET in _finish, which must be
 * called; @data_free runs on @data once the work is over. */
typedef gboolean (*TesseraProjectWorkFunc) (TesseraProject *worker,
                                            gpointer        data,
                                            GCancellable   *cancellable,
                                            GError        **error);
void              tessera_project_write_async       (TesseraProject    *self,
                                                     TesseraProjectWorkFunc func,
                                                     gpointer           data,
                                                     GDestroyNotify     data_free,
                                                     GCancellable      *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer           user_data);
gboolean          tessera_project_write_finish      (TesseraProject    *self,
                                                     GAsyncResult      *result,
                                                     GError           **error);
/* Whether long work writes to the project now (writes wait for it). */
gboolean          tessera_project_get_busy          (TesseraProject    *self);

/* Moves what the -wal holds into the project file, as far as readers
 * allow, so that the file alone holds the work (the window calls it when
 * idle). Does nothing on a project that is read-only or not verified. */
gboolean          tessera_project_checkpoint        (TesseraProject    *self,
                                                     GError           **error);

/* Writes a copy of the project, with everything its -wal holds, to
 * @dest_path through SQLite's backup API (tessera-project-copy.c): the
 * way to copy a project, even while it is open. @dest_path must not
 * exist; the copy appears there complete or not at all, and it is a
 * project of its own (a -wal of one is never taken for the other's). */
gboolean          tessera_project_backup            (TesseraProject    *self,
                                                     const char        *dest_path,
                                                     GCancellable      *cancellable,
                                                     TesseraProgressFunc progress,
                                                     gpointer           progress_data,
                                                     GError           **error);
void              tessera_project_backup_async      (TesseraProject    *self,
                                                     const char        *dest_path,
                                                     GCancellable      *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer           user_data);
gboolean          tessera_project_backup_finish     (TesseraProject    *self,
                                                     GAsyncResult      *result,
                                                     GError           **error);

/* Transactions nest (savepoints inside); the outermost commit writes.
 * Inside a transaction, a call that fails may have done part of its work
 * (adding a document, an event with its arguments): roll back. */
gboolean          tessera_project_begin             (TesseraProject    *self,
                                                     GError           **error);
gboolean          tessera_project_commit            (TesseraProject    *self,
                                                     GError           **error);
void              tessera_project_rollback          (TesseraProject    *self);

/* Annotators. The current one (default: the login name) signs new annotations. */
void              tessera_project_set_annotator     (TesseraProject    *self,
                                                     const char        *name);
gint64            tessera_project_get_annotator_id  (TesseraProject    *self,
                                                     const char        *name,
                                                     GError           **error);
gint64            tessera_project_get_current_annotator_id (TesseraProject *self,
                                                     GError           **error);
/* The id of annotator @name, 0 when the project has none of that name
 * (never adds one, unlike get_annotator_id). */
gint64            tessera_project_find_annotator    (TesseraProject    *self,
                                                     const char        *name);
/* The ids (gint64) of the annotators the project knows, by name. */
GArray           *tessera_project_list_annotators   (TesseraProject    *self);
/* How many annotators the project knows (who signed something). */
guint             tessera_project_get_n_annotators  (TesseraProject    *self);
/* The name of annotator @id, or NULL. */
const char       *tessera_project_get_annotator_name(TesseraProject    *self,
                                                     gint64             id);

/* Labels (cached in memory; the returned pointers stay valid until the
 * next schema change). */
GPtrArray        *tessera_project_list_labels       (TesseraProject    *self,
                                                     TesseraLabelKind   kind);
const TesseraLabel *tessera_project_get_label       (TesseraProject    *self,
                                                     gint64             id);
const TesseraLabel *tessera_project_find_label      (TesseraProject    *self,
                                                     TesseraLabelKind   kind,
                                                     const char        *name);
gint64            tessera_project_add_label         (TesseraProject    *self,
                                                     TesseraLabelKind   kind,
                                                     const char        *name,
                                                     const char        *color,
                                                     const char        *shortcut,
                                                     GError           **error);
/* Renames/recolours/rekeys; NULL leaves a field as it is. Annotations keep
 * pointing at the label. */
gboolean          tessera_project_update_label      (TesseraProject    *self,
                                                     gint64             id,
                                                     const char        *name,
                                                     const char        *color,
                                                     const char        *shortcut,
                                                     GError           **error);
/* Refuses (TESSERA_ERROR_IN_USE) while annotations use the label. */
gboolean          tessera_project_delete_label      (TesseraProject    *self,
                                                     gint64             id,
                                                     GError           **error);
const TesseraAttribute *tessera_project_get_attribute (TesseraProject  *self,
                                                     const char        *name);
/* The whole schema as JSON (the shape tessera_schema_def_parse reads). */
char             *tessera_project_dup_schema_json   (TesseraProject    *self);
/* Replaces the schema: labels are matched by kind and name (or by
 * "renamed_from"); labels missing from @json are removed only when no
 * annotation uses them, otherwise nothing changes and the error names them. */
gboolean          tessera_project_replace_schema    (TesseraProject    *self,
                                                     const char        *json,
                                                     gssize             len,
                                                     GError           **error);

/* Documents. @doc supplies text and metadata; id, n_chars, sha256 and
 * imported_at are computed. A missing uid becomes "doc-" and the start of
 * the text's SHA-256. Returns the id. */
gint64            tessera_project_add_document      (TesseraProject    *self,
                                                     const TesseraDocument *doc,
                                                     GError           **error);
TesseraDocument  *tessera_project_get_document      (TesseraProject    *self,
                                                     gint64             id,
                                                     gboolean           with_text,
                                                     GError           **error);
/* NULL without error when no document has @uid. */
TesseraDocument  *tessera_project_find_document     (TesseraProject    *self,
                                                     const char        *uid,
                                                     gboolean           with_text,
                                                     GError           **error);
gboolean          tessera_project_update_document   (TesseraProject    *self,
                                                     const TesseraDocument *doc,
                                                     GError           **error);
gboolean          tessera_project_set_document_status (TesseraProject  *self,
                                                     gint64             id,
                                                     TesseraDocumentStatus status,
                                                     GError           **error);
gint64            tessera_project_count_documents   (TesseraProject    *self);
/* The first document in id order, or 0 when there is none: what a
 * project opens on, without listing 100,000 documents. */
gint64            tessera_project_get_first_document_id (TesseraProject *self);
/* The first document after @after_id (in id order, wrapping round to
 * the first) that is not done, never @after_id itself; 0 when every
 * other document is done (or on error, which is then set). */
gint64            tessera_project_find_unfinished_document (TesseraProject *self,
                                                     gint64             after_id,
                                                     GError           **error);
/* Every document's metadata (no text), in id order. */
GPtrArray        *tessera_project_list_documents    (TesseraProject    *self,
                                                     GError           **error);
/* Calls @func for each document in id order; @func returns FALSE (and
 * sets its error) to stop. Memory does not grow with the corpus. */
typedef gboolean (*TesseraDocumentFunc) (TesseraDocument *doc,
                                         gpointer         user_data,
                                         GError         **error);
gboolean          tessera_project_foreach_document  (TesseraProject    *self,
                                                     gboolean           with_text,
                                                     TesseraDocumentFunc func,
                                                     gpointer           user_data,
                                                     GError           **error);
/* Full-text search over titles and text; words are matched as prefixes,
 * all must occur. Document ids, best first (ranked among the first 4,000
 * matches in document order, so a common word stays fast). */
GArray           *tessera_project_search            (TesseraProject    *self,
                                                     const char        *query,
                                                     guint              limit,
                                                     GError           **error);

/* Spans. add_* signs with the current annotator; insert_* keeps the given
 * annotator and, when non-zero, the given id (undo, import) and returns
 * the id, 0 on error. Offsets are checked against the text. */
gint64            tessera_project_add_span          (TesseraProject    *self,
                                                     gint64             document_id,
                                                     gint64             start,
                                                     gint64             end,
                                                     gint64             label_id,
                                                     const char        *note,
                                                     GError           **error);
gint64            tessera_project_insert_span       (TesseraProject    *self,
                                                     const TesseraSpan *span,
                                                     GError           **error);
/* Updates start, end, label and note of span->id. */
gboolean          tessera_project_update_span       (TesseraProject    *self,
                                                     const TesseraSpan *span,
                                                     GError           **error);
/* Deleting a span also removes what cannot stand without it: an event
 * whose trigger it is, a stance whose statement it is, and arguments it
 * fills; a stance that has it as holder or target keeps the stance with
 * that field cleared. */
gboolean          tessera_project_delete_span       (TesseraProject    *self,
                                                     gint64             id,
                                                     GError           **error);
TesseraSpan      *tessera_project_get_span          (TesseraProject    *self,
                                                     gint64             id,
                                                     GError           **error);
/* A document's spans ordered by start, then longest first. */
GArray           *tessera_project_list_spans        (TesseraProject    *self,
                                                     gint64             document_id,
                                                     GError           **error);
gint64            tessera_project_count_spans       (TesseraProject    *self);

/* Events. realis/confirmation NULL take the attribute's default. */
gint64            tessera_project_add_event         (TesseraProject    *self,
                                                     gint64             trigger_span_id,
                                                     gint64             type_label_id,
                                                     const char        *realis,
                                                     const char        *confirmation,
                                                     GError           **error);
/* Inserts an event with its arguments and annotator, keeping event->id
 * when non-zero (undo, import); returns the id, 0 on error. */
gint64            tessera_project_insert_event      (TesseraProject    *self,
                                                     const TesseraEvent *event,
                                                     GError           **error);
/* Updates type, realis and confirmation (not arguments). */
gboolean          tessera_project_update_event      (TesseraProject    *self,
                                                     const TesseraEvent *event,
                                                     GError           **error);
/* Removes the frame and its arguments; the trigger span stays, stances
 * toward the event lose their target. */
gboolean          tessera_project_delete_event      (TesseraProject    *self,
                                                     gint64             id,
                                                     GError           **error);
gboolean          tessera_project_add_argument      (TesseraProject    *self,
                                                     gint64             event_id,
                                                     gint64             role_label_id,
                                                     gint64             span_id,
                                                     GError           **error);
/* span_id 0 removes every filler of the role (clears the slot). */
gboolean          tessera_project_remove_argument   (TesseraProject    *self,
                                                     gint64             event_id,
                                                     gint64             role_label_id,
                                                     gint64             span_id,
                                                     GError           **error);
TesseraEvent     *tessera_project_get_event         (TesseraProject    *self,
                                                     gint64             id,
                                                     GError           **error);
/* TesseraEvent*, ordered by trigger position. */
GPtrArray        *tessera_project_list_events       (TesseraProject    *self,
                                                     gint64             document_id,
                                                     GError           **error);

/* Stances: holder, target event and target span must be in the same document. */
gint64            tessera_project_add_stance        (TesseraProject    *self,
                                                     gint64             span_id,
                                                     gint64             label_id,
                                                     gint64             holder_span_id,
                                                     gint64             target_event_id,
                                                     gint64             target_span_id,
                                                     GError           **error);
/* As insert_event, for stances. */
gint64            tessera_project_insert_stance     (TesseraProject    *self,
                                                     const TesseraStance *stance,
                                                     GError           **error);
/* Updates label, holder and targets of stance->id. */
gboolean          tessera_project_update_stance     (TesseraProject    *self,
                                                     const TesseraStance *stance,
                                                     GError           **error);
gboolean          tessera_project_delete_stance     (TesseraProject    *self,
                                                     gint64             id,
                                                     GError           **error);
TesseraStance    *tessera_project_get_stance        (TesseraProject    *self,
                                                     gint64             id,
                                                     GError           **error);
/* TesseraStance values, ordered by statement position. */
GArray           *tessera_project_list_stances      (TesseraProject    *self,
                                                     gint64             document_id,
                                                     GError           **error);

/* Clusters (tessera-project-clusters.c): entity spans or events of several
 * documents linked as one real-world entity or event. Changes are
 * notified as TESSERA_CHANGE_CLUSTER with the cluster id as object:
 * ADDED / REMOVED with document 0 for the cluster itself (removing a
 * cluster frees its members, which are not otherwise announced), UPDATED
 * with document 0 for a rename, and UPDATED with the member's document
 * when a member joins or leaves (a move announces both clusters).
 * Deleting a span or an event takes it out of its cluster. */

/* @kind is TESSERA_LABEL_ENTITY or TESSERA_LABEL_EVENT; @name must not be
 * empty. Returns the new id, 0 on error. */
gint64            tessera_project_add_cluster       (TesseraProject    *self,
                                                     TesseraLabelKind   kind,
                                                     const char        *name,
                                                     GError           **error);
/* As add_cluster, keeping cluster->id and cluster->created when non-zero
 * (undo, import); n_members is ignored. */
gint64            tessera_project_insert_cluster    (TesseraProject    *self,
                                                     const TesseraCluster *cluster,
                                                     GError           **error);
gboolean          tessera_project_rename_cluster    (TesseraProject    *self,
                                                     gint64             id,
                                                     const char        *name,
                                                     GError           **error);
/* Removes the cluster; its members stay as annotations, in no cluster. */
gboolean          tessera_project_delete_cluster    (TesseraProject    *self,
                                                     gint64             id,
                                                     GError           **error);
TesseraCluster   *tessera_project_get_cluster       (TesseraProject    *self,
                                                     gint64             id,
                                                     GError           **error);
/* TesseraCluster* of @kind (TESSERA_LABEL_ANY: both), entity clusters
 * first, each kind in the order they were made, with n_members set. */
GPtrArray        *tessera_project_list_clusters     (TesseraProject    *self,
                                                     TesseraLabelKind   kind,
                                                     GError           **error);
/* Adds an entity span (to an entity cluster) or an event (to an event
 * cluster): exactly one of @span_id and @event_id is non-zero. A member
 * of another cluster is MOVED into this one (a span or event is in at
 * most one cluster); already in this one, nothing changes. */
gboolean          tessera_project_add_cluster_member (TesseraProject   *self,
                                                     gint64             cluster_id,
                                                     gint64             span_id,
                                                     gint64             event_id,
                                                     GError           **error);
/* Takes the span or event out of its cluster (TESSERA_ERROR_NOT_FOUND when
 * it is in none). The cluster stays, even when empty. */
gboolean          tessera_project_remove_cluster_member (TesseraProject *self,
                                                     gint64             span_id,
                                                     gint64             event_id,
                                                     GError           **error);
/* Moves every member of @from_id into @into_id (same kind) and deletes
 * @from_id; @into_id keeps its name. */
gboolean          tessera_project_merge_clusters    (TesseraProject    *self,
                                                     gint64             into_id,
                                                     gint64             from_id,
                                                     GError           **error);
/* Moves @members (at least one, all of cluster @id; only span_id or
 * event_id of each is read) into a new cluster of the same kind called
 * @name. Returns its id, 0 on error (then nothing changed). */
gint64            tessera_project_split_cluster     (TesseraProject    *self,
                                                     gint64             id,
                                                     const TesseraClusterMember *members,
                                                     guint              n_members,
                                                     const char        *name,
                                                     GError           **error);
/* TesseraClusterMember values of cluster @id, by document then position
 * in the text. */
GArray           *tessera_project_list_cluster_members (TesseraProject *self,
                                                     gint64             id,
                                                     GError           **error);
/* TesseraClusterMember values for the spans and events of one document
 * that are in a cluster (spans first, in no particular order). */
GArray           *tessera_project_list_document_cluster_members (TesseraProject *self,
                                                     gint64             document_id,
                                                     GError           **error);
/* The cluster of a span or an event; 0 when it is in none (or on error,
 * which is then set). */
gint64            tessera_project_get_span_cluster  (TesseraProject    *self,
                                                     gint64             span_id,
                                                     GError           **error);
gint64            tessera_project_get_event_cluster (TesseraProject    *self,
                                                     gint64             event_id,
                                                     GError           **error);
/* Whether any span or event is in a cluster (exports skip the lookups when not). */
gboolean          tessera_project_has_cluster_members (TesseraProject  *self);

/* Coded fields set by hand (tessera-project-coded.c): what an analyst
 * decided a field of an event cluster's coded record is. Setting or
 * removing one is notified as TESSERA_CHANGE_CLUSTER UPDATED with
 * document 0, as a rename. */

/* Sets (or replaces) @override->field of its cluster; the value must pass
 * tessera_coded_field_check(). */
gboolean          tessera_project_set_coded_override    (TesseraProject             *self,
                                                         const TesseraCodedOverride *override,
                                                         GError                    **error);
/* Removes it; nothing to remove is no error. */
gboolean          tessera_project_remove_coded_override (TesseraProject             *self,
                                                         gint64                      cluster_id,
                                                         const char                 *field,
                                                         GError                    **error);
/* TesseraCodedOverride* of cluster @cluster_id (0: of every cluster), by
 * cluster then in the order of tessera_coded_fields(). */
GPtrArray        *tessera_project_list_coded_overrides  (TesseraProject             *self,
                                                         gint64                      cluster_id,
                                                         GError                    **error);

/* Suggestions (tessera-project-clusters.c): spans, events and stances with
 * suggested = TRUE were proposed (carried from a copy of the text, or
 * annotate-all-occurrences) and wait for the analyst. get/list return
 * them with the flag; JSONL and the report leave them out; project JSON
 * keeps them flagged. Accept one with update_* and suggested = FALSE. */

/* Counts suggestions of document @document_id (0: the whole project);
 * any out argument may be NULL. */
gboolean          tessera_project_count_suggestions (TesseraProject    *self,
                                                     gint64             document_id,
                                                     guint64           *n_spans,
                                                     guint64           *n_events,
                                                     guint64           *n_stances,
                                                     GError           **error);
/* Ids (gint64) of the documents that have suggestions, in id order. */
GArray           *tessera_project_list_suggestion_documents (TesseraProject *self,
                                                     GError           **error);
/* Accepts every suggestion of document @document_id (0: all documents),
 * in one transaction. */
gboolean          tessera_project_accept_suggestions (TesseraProject   *self,
                                                     gint64             document_id,
                                                     GError           **error);
/* Deletes every suggested stance, event and span of @document_id (0: all),
 * with what depends on the spans (see tessera_project_delete_span), in
 * one transaction, and remembers them as rejected (below). */
gboolean          tessera_project_reject_suggestions (TesseraProject   *self,
                                                     gint64             document_id,
                                                     GError           **error);

/* Rejected suggestions (tessera-project-rejections.c): places carrying
 * annotations to copies and tagging every occurrence do not propose again
 * (see TesseraRejection). Nothing is notified: no view shows them. */

/* Remembers @rejection (rejected_at 0: now); one already there for that
 * place and label stays as it is. */
gboolean          tessera_project_add_rejection     (TesseraProject    *self,
                                                     const TesseraRejection *rejection,
                                                     GError           **error);
/* Forgets the rejection of @label_id at @start–@end (none: nothing to do). */
gboolean          tessera_project_remove_rejection  (TesseraProject    *self,
                                                     gint64             document_id,
                                                     gint64             start,
                                                     gint64             end,
                                                     gint64             label_id,
                                                     GError           **error);
/* Whether @label_id at @start–@end of @document_id was rejected; FALSE
 * with @error set when it could not be read. */
gboolean          tessera_project_has_rejection     (TesseraProject    *self,
                                                     gint64             document_id,
                                                     gint64             start,
                                                     gint64             end,
                                                     gint64             label_id,
                                                     gboolean          *rejected,
                                                     GError           **error);
/* TesseraRejection values of @document_id (0: of every document), by
 * document, start, end and label. */
GArray           *tessera_project_list_rejections   (TesseraProject    *self,
                                                     gint64             document_id,
                                                     GError           **error);

G_END_DECLS
