/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-workbench"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-error.h"
#include "tessera-quote.h"
#include "tessera-workbench.h"

struct _TesseraWorkbench
{
  GObject               parent_instance;

  TesseraProject       *project;
  TesseraHistory       *history;
  TesseraDocumentModel *documents;   /* the project's documents, for every view */

  gint64                document_id;
  TesseraOpenDocument  *document;    /* the model of document_id, shared with the views */

  TesseraLayer          layer;

  TesseraSelectionKind  selection;
  gint64                selection_id;

  TesseraPickKind       pick;
  gint64                pick_id;

  GHashTable           *hidden_annotators;  /* gint64 ids whose work the views leave out */
};

G_DEFINE_FINAL_TYPE (TesseraWorkbench, tessera_workbench, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_HISTORY,
  PROP_DOCUMENT_ID,
  PROP_DOCUMENT,
  PROP_LAYER,
  PROP_HIDDEN_ANNOTATORS,
  N_PROPS
};

enum {
  SELECTION_CHANGED,
  PICK_CHANGED,
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Whether the selected object is still in the document (not deleted,
 * not undone). */
static gboolean
selection_exists (TesseraWorkbench *self)
{
  if (self->document == NULL)
    return self->selection == TESSERA_SELECTION_NONE;

  switch (self->selection)
    {
    case TESSERA_SELECTION_NONE:
      return TRUE;
    case TESSERA_SELECTION_SPAN:
      return tessera_open_document_get_span (self->document, self->selection_id) != NULL;
    case TESSERA_SELECTION_EVENT:
      return tessera_open_document_get_event (self->document, self->selection_id) != NULL;
    case TESSERA_SELECTION_STANCE:
      return tessera_open_document_get_stance (self->document, self->selection_id) != NULL;
    default:
      g_assert_not_reached ();
    }
}

/* The document model took in a commit: forget a selection it removed. */
static void
on_document_changed (TesseraWorkbench *self)
{
  if (!selection_exists (self))
    tessera_workbench_select (self, TESSERA_SELECTION_NONE, 0);
}

static void
set_open_document (TesseraWorkbench    *self,
                   TesseraOpenDocument *document)
{
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, on_document_changed, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "changed", G_CALLBACK (on_document_changed), self,
                             G_CONNECT_SWAPPED);
}

static void
tessera_workbench_dispose (GObject *object)
{
  TesseraWorkbench *self = TESSERA_WORKBENCH (object);

  set_open_document (self, NULL);
  /* Stops a reading or a search still running. */
  if (self->documents != NULL)
    tessera_document_model_set_project (self->documents, NULL, NULL);
  g_clear_object (&self->documents);
  g_clear_object (&self->history);
  g_clear_object (&self->project);
  g_clear_pointer (&self->hidden_annotators, g_hash_table_unref);

  G_OBJECT_CLASS (tessera_workbench_parent_class)->dispose (object);
}

static void
tessera_workbench_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TesseraWorkbench *self = TESSERA_WORKBENCH (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_DOCUMENT_ID:
      g_value_set_int64 (value, self->document_id);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_LAYER:
      g_value_set_enum (value, self->layer);
      break;
    case PROP_HIDDEN_ANNOTATORS:
      g_value_set_boxed (value, self->hidden_annotators);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_workbench_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TesseraWorkbench *self = TESSERA_WORKBENCH (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      tessera_workbench_set_project (self, g_value_get_object (value));
      break;
    case PROP_DOCUMENT_ID:
      tessera_workbench_set_document_id (self, g_value_get_int64 (value));
      break;
    case PROP_LAYER:
      tessera_workbench_set_layer (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_workbench_class_init (TesseraWorkbenchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tessera_workbench_dispose;
  object_class->get_property = tessera_workbench_get_property;
  object_class->set_property = tessera_workbench_set_property;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, TESSERA_TYPE_PROJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, TESSERA_TYPE_HISTORY,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT_ID] =
    g_param_spec_int64 ("document-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, TESSERA_TYPE_OPEN_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAYER] =
    g_param_spec_enum ("layer", NULL, NULL, TESSERA_TYPE_LAYER, TESSERA_LAYER_ENTITIES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Read with tessera_workbench_is_annotator_shown(); notified on change. */
  properties[PROP_HIDDEN_ANNOTATORS] =
    g_param_spec_boxed ("hidden-annotators", NULL, NULL, G_TYPE_HASH_TABLE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PICK_CHANGED] =
    g_signal_new ("pick-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tessera_workbench_init (TesseraWorkbench *self)
{
  self->documents = tessera_document_model_new ();
  self->hidden_annotators = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

TesseraWorkbench *
tessera_workbench_new (void)
{
  return g_object_new (TESSERA_TYPE_WORKBENCH, NULL);
}

TesseraProject *
tessera_workbench_get_project (TesseraWorkbench *self)
{
  g_return_val_if_fail (TESSERA_IS_WORKBENCH (self), NULL);

  return self->project;
}

TesseraHistory *
tessera_workbench_get_history (TesseraWorkbench *self)
{
  g_return_val_if_fail (TESSERA_IS_WORKBENCH (self), NULL);

  return self->history;
}

TesseraDocumentModel *
tessera_workbench_get_documents (TesseraWorkbench *self)
{
  g_return_val_if_fail (TESSERA_IS_WORKBENCH (self), NULL);

  return self->documents;
}

void
tessera_workbench_set_project (TesseraWorkbench *self,
                               TesseraProject   *project)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TESSERA_IS_WORKBENCH (self));
  g_return_if_fail (project == NULL || TESSERA_IS_PROJECT (project));

  if (self->project == project)
    return;

  tessera_workbench_select (self, TESSERA_SELECTION_NONE, 0);
  tessera_workbench_set_document_id (self, 0);

  g_clear_object (&self->history);
  g_set_object (&self->project, project);

  if (project != NULL)
    self->history = tessera_history_new (project);
  if (!tessera_document_model_set_project (self->documents, project, &error))
    tessera_workbench_report_error (self, error);
  /* Annotator ids are the project's own. */
  if (g_hash_table_size (self->hidden_annotators) > 0)
    {
      g_hash_table_remove_all (self->hidden_annotators);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_ANNOTATORS]);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

gint64
tessera_workbench_get_document_id (TesseraWorkbench *self)
{
  g_return_val_if_fail (TESSERA_IS_WORKBENCH (self), 0);

  return self->document_id;
}

TesseraDocument *
tessera_workbench_get_document (TesseraWorkbench *self)
{
  g_return_val_if_fail (TESSERA_IS_WORKBENCH (self), NULL);

  return self->document ? tessera_open_document_get_document (self->document) : NULL;
}

TesseraOpenDocument *
tessera_workbench_get_open_document (TesseraWorkbench *self)
{
  g_return_val_if_fail (TESSERA_IS_WORKBENCH (self), NULL);

  return self->document;
}

void
tessera_workbench_set_document_id (TesseraWorkbench *self,
                                   gint64            document_id)
{
  g_return_if_fail (TESSERA_IS_WORKBENCH (self));

  if (self->document_id == document_id)
    return;

  tessera_workbench_select (self, TESSERA_SELECTION_NONE, 0);
  self->document_id = document_id;
  set_open_document (self, NULL);
  if (self->project != NULL && document_id != 0)
    {
      g_autoptr(TesseraOpenDocument) document = NULL;
      g_autoptr(GError) error = NULL;

      if ((document = tessera_open_document_get (self->project, document_id, &error)))
        set_open_document (self, document);
      else
        {
          self->document_id = 0;
          tessera_workbench_report_error (self, error);
        }
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT_ID]);
}

TesseraLayer
tessera_workbench_get_layer (TesseraWorkbench *self)
{
  g_return_val_if_fail (TESSERA_IS_WORKBENCH (self), TESSERA_LAYER_ENTITIES);

  return self->layer;
}

void
tessera_workbench_set_layer (TesseraWorkbench *self,
                             TesseraLayer      layer)
{
  g_return_if_fail (TESSERA_IS_WORKBENCH (self));

  if (self->layer == layer)
    return;

  /* Another layer: the analyst has moved on from the slot waiting. */
  tessera_workbench_set_pick (self, TESSERA_PICK_NONE, 0);
  self->layer = layer;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYER]);
}

TesseraLabelKind
tessera_layer_get_label_kind (TesseraLayer layer)
{
  switch (layer)
    {
    case TESSERA_LAYER_EVENTS: return TESSERA_LABEL_EVENT;
    case TESSERA_LAYER_STANCE: return TESSERA_LABEL_STANCE;
    case TESSERA_LAYER_ENTITIES:
    default: return TESSERA_LABEL_ENTITY;
    }
}

TesseraSelectionKind
tessera_workbench_get_selection (TesseraWorkbench *self,
                                 gint64           *id)
{
  g_return_val_if_fail (TESSERA_IS_WORKBENCH (self), TESSERA_SELECTION_NONE);

  if (id != NULL)
    *id = self->selection_id;

  return self->selection;
}

gint64
tessera_workbench_get_selected_span (TesseraWorkbench *self)
{
  gint64 span_id = 0;

  g_return_val_if_fail (TESSERA_IS_WORKBENCH (self), 0);

  switch (self->selection)
    {
    case TESSERA_SELECTION_SPAN:
      span_id = self->selection_id;
      break;
    case TESSERA_SELECTION_EVENT:
      {
        const TesseraEvent *event = self->document ? tessera_open_document_get_event (self->document,
                                                                                      self->selection_id) : NULL;

        span_id = event ? event->trigger_span_id : 0;
      }
      break;
    case TESSERA_SELECTION_STANCE:
      {
        const TesseraStance *stance = self->document ? tessera_open_document_get_stance (self->document,
                                                                                         self->selection_id) : NULL;

        span_id = stance ? stance->span_id : 0;
      }
      break;
    case TESSERA_SELECTION_NONE:
    default:
      break;
    }

  return span_id;
}

void
tessera_workbench_select (TesseraWorkbench     *self,
                          TesseraSelectionKind  kind,
                          gint64                id)
{
  g_return_if_fail (TESSERA_IS_WORKBENCH (self));

  if (kind == TESSERA_SELECTION_NONE)
    id = 0;

  tessera_workbench_set_pick (self, TESSERA_PICK_NONE, 0);

  if (self->selection == kind && self->selection_id == id)
    return;

  self->selection = kind;
  self->selection_id = id;
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

void
tessera_workbench_select_span (TesseraWorkbench *self,
                               gint64            span_id)
{
  const TesseraEvent *event;
  const TesseraStance *stance;

  g_return_if_fail (TESSERA_IS_WORKBENCH (self));

  if (self->document == NULL || span_id <= 0)
    tessera_workbench_select (self, TESSERA_SELECTION_NONE, 0);
  else if ((event = tessera_open_document_get_trigger_event (self->document, span_id)))
    tessera_workbench_select (self, TESSERA_SELECTION_EVENT, event->id);
  else if ((stance = tessera_open_document_get_statement_stance (self->document, span_id)))
    tessera_workbench_select (self, TESSERA_SELECTION_STANCE, stance->id);
  else
    tessera_workbench_select (self, TESSERA_SELECTION_SPAN, span_id);
}

TesseraPickKind
tessera_workbench_get_pick (TesseraWorkbench *self,
                            gint64           *pick_id)
{
  g_return_val_if_fail (TESSERA_IS_WORKBENCH (self), TESSERA_PICK_NONE);

  if (pick_id != NULL)
    *pick_id = self->pick_id;

  return self->pick;
}

void
tessera_workbench_set_pick (TesseraWorkbench *self,
                            TesseraPickKind   kind,
                            gint64            pick_id)
{
  g_return_if_fail (TESSERA_IS_WORKBENCH (self));

  if (self->pick == kind && self->pick_id == pick_id)
    return;

  self->pick = kind;
  self->pick_id = pick_id;
  g_signal_emit (self, signals[PICK_CHANGED], 0);
}

static gboolean
event_fills_role (const TesseraEvent *event,
                  gint64              role_id)
{
  for (guint i = 0; event->arguments != NULL && i < event->arguments->len; i++)
    if (g_array_index (event->arguments, TesseraArgument, i).role_label_id == role_id)
      return TRUE;

  return FALSE;
}

/* After a fill the next slot waits, as in a form: the event's next role
 * without a filler (in its type's order, after the one just filled), or
 * the stance's target once its holder is given; none left, the pick
 * ends. Escape, selecting something else or another layer end it sooner. */
static void
advance_pick (TesseraWorkbench *self)
{
  TesseraPickKind next = TESSERA_PICK_NONE;
  gint64 next_role = 0;

  if (self->document != NULL && self->pick == TESSERA_PICK_ROLE && self->selection == TESSERA_SELECTION_EVENT)
    {
      const TesseraEvent *event = tessera_open_document_get_event (self->document, self->selection_id);
      const TesseraLabel *type = event ? tessera_project_get_label (self->project, event->type_label_id) : NULL;
      gboolean after = FALSE;

      for (guint i = 0; type != NULL && type->roles != NULL && i < type->roles->len && next_role == 0; i++)
        {
          gint64 role_id = g_array_index (type->roles, gint64, i);

          if (role_id == self->pick_id)
            after = TRUE;
          else if (after && !event_fills_role (event, role_id))
            next_role = role_id;
        }
      if (next_role != 0)
        next = TESSERA_PICK_ROLE;
    }
  else if (self->document != NULL && self->pick == TESSERA_PICK_HOLDER &&
           self->selection == TESSERA_SELECTION_STANCE)
    {
      const TesseraStance *stance = tessera_open_document_get_stance (self->document, self->selection_id);

      if (stance != NULL && stance->target_span_id == 0 && stance->target_event_id == 0)
        next = TESSERA_PICK_TARGET_SPAN;
    }

  /* Through NONE: the views start the next pick afresh. */
  tessera_workbench_set_pick (self, TESSERA_PICK_NONE, 0);
  if (next != TESSERA_PICK_NONE)
    tessera_workbench_set_pick (self, next, next_role);
}

gboolean
tessera_workbench_complete_pick (TesseraWorkbench  *self,
                                 gint64             span_id,
                                 GError           **error)
{
  const TesseraStance *current;
  TesseraStance stance;
  gboolean ok = FALSE;

  g_return_val_if_fail (TESSERA_IS_WORKBENCH (self), FALSE);

  switch (self->pick)
    {
    case TESSERA_PICK_ROLE:
      if (self->selection != TESSERA_SELECTION_EVENT)
        break;
      ok = tessera_history_add_argument (self->history, self->selection_id, self->pick_id, span_id, error);
      break;

    case TESSERA_PICK_HOLDER:
    case TESSERA_PICK_TARGET_SPAN:
      if (self->selection != TESSERA_SELECTION_STANCE)
        break;
      if (self->document == NULL ||
          !(current = tessera_open_document_get_stance (self->document, self->selection_id)))
        break;
      stance = *current;
      if (self->pick == TESSERA_PICK_HOLDER)
        stance.holder_span_id = span_id;
      else
        {
          stance.target_span_id = span_id;
          stance.target_event_id = 0;
        }
      ok = tessera_history_update_stance (self->history, &stance, error);
      break;

    case TESSERA_PICK_NONE:
    default:
      break;
    }

  if (!ok && error != NULL && *error == NULL)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, _("Nothing is waiting for a span"));
  if (ok)
    advance_pick (self);

  return ok;
}

/* The analyst's own trigger span at exactly [start, end), shown and not
 * a suggestion, or 0: an event tagged there joins it (a span may trigger
 * several events) rather than doubling it. */
static gint64
find_own_trigger (TesseraWorkbench *self,
                  gint64            start,
                  gint64            end)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new ();
  gint64 me = 0;

  if (self->document == NULL)
    return 0;
  tessera_span_index_query (tessera_open_document_get_spans (self->document), start, end, hits);
  for (guint i = 0; i < hits->len; i++)
    {
      const TesseraSpan *span = g_ptr_array_index (hits, i);

      if (span->start != start || span->end != end || span->suggested ||
          tessera_open_document_get_n_trigger_events (self->document, span->id) == 0 ||
          !tessera_workbench_is_annotator_shown (self, span->annotator_id))
        continue;
      if (me == 0 && !(me = tessera_project_get_current_annotator_id (self->project, NULL)))
        return 0;
      if (span->annotator_id == me)
        return span->id;
    }

  return 0;
}

gboolean
tessera_workbench_add_trigger_event (TesseraWorkbench  *self,
                                     gint64             span_id,
                                     gint64             type_label_id,
                                     GError           **error)
{
  gint64 id;

  g_return_val_if_fail (TESSERA_IS_WORKBENCH (self), FALSE);

  if (self->history == NULL)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, _("Open a document first"));
      return FALSE;
    }
  if (!(id = tessera_history_add_trigger_event (self->history, span_id, type_label_id, error)))
    return FALSE;
  tessera_workbench_select (self, TESSERA_SELECTION_EVENT, id);

  return TRUE;
}

/* Text tagged while a slot waits for a span fills the slot with the new
 * span, in one undo step: one drag and one key where a tag and a pick
 * took four actions. The event or stance stays selected. */
static gboolean
tag_and_complete_pick (TesseraWorkbench  *self,
                       gint64             start,
                       gint64             end,
                       gint64             label_id,
                       GError           **error)
{
  gint64 id;
  gboolean ok;

  if (!tessera_history_begin_group (self->history, _("Tag and Fill"), error))
    return FALSE;
  ok = (id = tessera_history_add_span (self->history, self->document_id, start, end, label_id, error)) != 0 &&
       tessera_workbench_complete_pick (self, id, error);

  /* On failure the group is rolled back; the first error is the one told. */
  return tessera_history_end_group (self->history, ok, ok ? error : NULL) && ok;
}

gboolean
tessera_workbench_tag (TesseraWorkbench  *self,
                       gint64             start,
                       gint64             end,
                       gint64             label_id,
                       GError           **error)
{
  const TesseraLabel *label;
  gint64 id;

  g_return_val_if_fail (TESSERA_IS_WORKBENCH (self), FALSE);

  if (self->project == NULL || self->document_id == 0)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, _("Open a document first"));
      return FALSE;
    }
  if (!(label = tessera_project_get_label (self->project, label_id)))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND, _("That label no longer exists"));
      return FALSE;
    }

  switch (label->kind)
    {
    case TESSERA_LABEL_EVENT:
      if ((id = find_own_trigger (self, start, end)))
        return tessera_workbench_add_trigger_event (self, id, label_id, error);
      if (!(id = tessera_history_add_event (self->history, self->document_id, start, end, label_id, error)))
        return FALSE;
      tessera_workbench_select (self, TESSERA_SELECTION_EVENT, id);
      return TRUE;

    case TESSERA_LABEL_STANCE:
      if (!(id = tessera_history_add_stance (self->history, self->document_id, start, end, label_id, error)))
        return FALSE;
      tessera_workbench_select (self, TESSERA_SELECTION_STANCE, id);
      return TRUE;

    case TESSERA_LABEL_ENTITY:
    case TESSERA_LABEL_ROLE:
    case TESSERA_LABEL_ANY:
    case TESSERA_N_LABEL_KINDS:
    default:
      if (self->pick != TESSERA_PICK_NONE)
        return tag_and_complete_pick (self, start, end, label_id, error);
      if (!(id = tessera_history_add_span (self->history, self->document_id, start, end, label_id, error)))
        return FALSE;
      tessera_workbench_select (self, TESSERA_SELECTION_SPAN, id);
      return TRUE;
    }
}

/* Why a label of another kind does not apply to the selected span. */
static void
set_kind_error (TesseraWorkbench  *self,
                gint64             span_id,
                TesseraLabelKind   span_kind,
                GError           **error)
{
  const TesseraSpan *span = tessera_open_document_get_span (self->document, span_id);
  g_autofree char *text = span ? tessera_open_document_dup_text (self->document, span->start, span->end) : NULL;
  g_autofree char *quote = tessera_quote_short (text ? text : "", 40);

  switch (span_kind)
    {
    case TESSERA_LABEL_EVENT:
      /* Translators: %s is the text of the selected trigger. */
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("“%s” is an event: only an event type changes it (Ctrl+2 shows them)"), quote);
      break;
    case TESSERA_LABEL_STANCE:
      /* Translators: %s is the text of the selected statement. */
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("“%s” is a stance: only a stance label changes it (Ctrl+3 shows them)"), quote);
      break;
    case TESSERA_LABEL_ENTITY:
    case TESSERA_LABEL_ROLE:
    case TESSERA_LABEL_ANY:
    case TESSERA_N_LABEL_KINDS:
    default:
      /* Translators: %s is the text of the selected mention. */
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("“%s” is an entity mention: only an entity label changes it (Ctrl+1 shows them)"), quote);
      break;
    }
}

gboolean
tessera_workbench_relabel_selection (TesseraWorkbench  *self,
                                     gint64             label_id,
                                     GError           **error)
{
  const TesseraLabel *label;
  const TesseraLabel *current;
  const TesseraSpan *span;
  gint64 span_id;

  g_return_val_if_fail (TESSERA_IS_WORKBENCH (self), FALSE);

  if (self->history == NULL || !(span_id = tessera_workbench_get_selected_span (self)) ||
      !(span = tessera_open_document_get_span (self->document, span_id)))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, _("Select an annotation first"));
      return FALSE;
    }
  if (!(label = tessera_project_get_label (self->project, label_id)))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND, _("That label no longer exists"));
      return FALSE;
    }

  switch (self->selection)
    {
    case TESSERA_SELECTION_EVENT:
      {
        const TesseraEvent *event = tessera_open_document_get_event (self->document, self->selection_id);
        g_autoptr(TesseraEvent) changed = NULL;

        if (label->kind != TESSERA_LABEL_EVENT)
          break;
        if (event == NULL || event->type_label_id == label_id)
          return TRUE;
        changed = tessera_event_copy (event);
        changed->type_label_id = label_id;
        return tessera_history_update_event (self->history, changed, error);
      }

    case TESSERA_SELECTION_STANCE:
      {
        const TesseraStance *stance = tessera_open_document_get_stance (self->document, self->selection_id);
        TesseraStance changed;

        if (label->kind != TESSERA_LABEL_STANCE)
          break;
        if (stance == NULL || stance->label_id == label_id)
          return TRUE;
        changed = *stance;
        changed.label_id = label_id;
        return tessera_history_update_stance (self->history, &changed, error);
      }

    case TESSERA_SELECTION_SPAN:
      {
        g_autoptr(TesseraSpan) changed = NULL;

        current = tessera_project_get_label (self->project, span->label_id);
        if (label->kind != (current ? current->kind : TESSERA_LABEL_ENTITY))
          break;
        if (span->label_id == label_id)
          return TRUE;
        changed = tessera_span_copy (span);
        changed->label_id = label_id;
        return tessera_history_update_span (self->history, changed, error);
      }

    case TESSERA_SELECTION_NONE:
    default:
      g_assert_not_reached ();
    }

  current = tessera_project_get_label (self->project, span->label_id);
  set_kind_error (self, span_id,
                  self->selection == TESSERA_SELECTION_EVENT ? TESSERA_LABEL_EVENT
                  : self->selection == TESSERA_SELECTION_STANCE ? TESSERA_LABEL_STANCE
                  : current ? current->kind : TESSERA_LABEL_ENTITY,
                  error);

  return FALSE;
}

gboolean
tessera_workbench_delete_selection (TesseraWorkbench  *self,
                                    GError           **error)
{
  const TesseraEvent *event;
  gint64 span_id;

  g_return_val_if_fail (TESSERA_IS_WORKBENCH (self), FALSE);

  if (!(span_id = tessera_workbench_get_selected_span (self)))
    return TRUE;

  /* One of several events on a trigger goes alone; the others stay, the
   * first of them selected. */
  if (self->selection == TESSERA_SELECTION_EVENT &&
      tessera_open_document_get_n_trigger_events (self->document, span_id) > 1 &&
      (event = tessera_open_document_get_event (self->document, self->selection_id)) != NULL)
    {
      if (!tessera_history_delete_event (self->history, event->id, error))
        return FALSE;
      tessera_workbench_select_span (self, span_id);
      return TRUE;
    }

  tessera_workbench_select (self, TESSERA_SELECTION_NONE, 0);

  return tessera_history_delete_span (self->history, span_id, error);
}

void
tessera_workbench_report_error (TesseraWorkbench *self,
                                const GError     *error)
{
  g_return_if_fail (TESSERA_IS_WORKBENCH (self));

  if (error != NULL)
    g_signal_emit (self, signals[ERROR], 0, error->message);
}

/* --- whose work is shown ------------------------------------------------ */

gboolean
tessera_workbench_is_annotator_shown (TesseraWorkbench *self,
                                      gint64            annotator_id)
{
  g_return_val_if_fail (TESSERA_IS_WORKBENCH (self), TRUE);

  return self->hidden_annotators == NULL || !g_hash_table_contains (self->hidden_annotators, &annotator_id);
}

void
tessera_workbench_set_annotator_shown (TesseraWorkbench *self,
                                       gint64            annotator_id,
                                       gboolean          shown)
{
  gboolean changed;

  g_return_if_fail (TESSERA_IS_WORKBENCH (self));

  if (shown)
    changed = g_hash_table_remove (self->hidden_annotators, &annotator_id);
  else
    changed = g_hash_table_add (self->hidden_annotators, g_memdup2 (&annotator_id, sizeof annotator_id));
  if (!changed)
    return;

  /* What is hidden cannot stay selected. */
  if (!shown && self->selection != TESSERA_SELECTION_NONE && self->document != NULL)
    {
      const TesseraSpan *span = tessera_open_document_get_span (self->document, tessera_workbench_get_selected_span (self));

      if (span != NULL && span->annotator_id == annotator_id)
        tessera_workbench_select (self, TESSERA_SELECTION_NONE, 0);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_ANNOTATORS]);
}

void
tessera_workbench_show_all_annotators (TesseraWorkbench *self)
{
  g_return_if_fail (TESSERA_IS_WORKBENCH (self));

  if (g_hash_table_size (self->hidden_annotators) == 0)
    return;
  g_hash_table_remove_all (self->hidden_annotators);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_ANNOTATORS]);
}

gboolean
tessera_workbench_shows_several_annotators (TesseraWorkbench *self)
{
  const TesseraSpanIndex *index;
  gint64 first = 0;
  gboolean any = FALSE;

  g_return_val_if_fail (TESSERA_IS_WORKBENCH (self), FALSE);

  if (self->document == NULL)
    return FALSE;
  index = tessera_open_document_get_spans (self->document);
  for (guint i = 0, n = tessera_span_index_get_n_spans (index); i < n; i++)
    {
      gint64 who = tessera_span_index_get_span (index, i)->annotator_id;

      if (!tessera_workbench_is_annotator_shown (self, who))
        continue;
      if (any && who != first)
        return TRUE;
      first = who;
      any = TRUE;
    }
  return FALSE;
}
