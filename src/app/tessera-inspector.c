/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-inspector"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tessera-accessible.h"
#include "tessera-cluster-link.h"
#include "tessera-inspector-private.h"
#include "tessera-note-entry.h"
#include "tessera-pick-bar.h"
#include "tessera-quote.h"
#include "tessera-role-slots.h"
#include "tessera-span-meaning.h"
#include "tessera-stance-slots.h"
#include "tessera-swatch.h"

G_DEFINE_FINAL_TYPE (TesseraInspector, tessera_inspector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WORKBENCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (TesseraInspector *self);

/* --- helpers ------------------------------------------------------------ */

/* FALSE when nothing is selected, or what is is gone. */
gboolean
_tessera_inspector_get_selected (TesseraInspector *self,
                                 Selected         *selected)
{
  TesseraOpenDocument *document = get_document (self);
  TesseraSelectionKind kind;
  gint64 id, span_id = 0;

  *selected = (Selected) { TESSERA_SELECTION_NONE, NULL, NULL, NULL };
  if (document == NULL || get_project (self) == NULL)
    return FALSE;

  kind = tessera_workbench_get_selection (self->workbench, &id);
  switch (kind)
    {
    case TESSERA_SELECTION_SPAN:
      span_id = id;
      break;
    case TESSERA_SELECTION_EVENT:
      if (!(selected->event = tessera_open_document_get_event (document, id)))
        return FALSE;
      span_id = selected->event->trigger_span_id;
      break;
    case TESSERA_SELECTION_STANCE:
      if (!(selected->stance = tessera_open_document_get_stance (document, id)))
        return FALSE;
      span_id = selected->stance->span_id;
      break;
    case TESSERA_SELECTION_NONE:
    default:
      return FALSE;
    }

  if (!(selected->span = tessera_open_document_get_span (document, span_id)))
    return FALSE;

  selected->kind = kind;
  return TRUE;
}

static gboolean
label_ids_equal (GArray *ids,
                 GArray *other)
{
  if (ids == NULL || other == NULL)
    return ids == other;
  if (ids->len != other->len)
    return FALSE;

  return memcmp (ids->data, other->data, ids->len * sizeof (gint64)) == 0;
}

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strv_equal (a, b);
}

static guint
strv_index (const char * const *strv,
            const char         *value)
{
  for (guint i = 0; strv != NULL && value != NULL && strv[i] != NULL; i++)
    if (g_str_equal (strv[i], value))
      return i;

  return GTK_INVALID_LIST_POSITION;
}

static guint
id_index (GArray *ids,
          gint64  id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

static void
add_shown_span (TesseraInspector *self,
                gint64            span_id)
{
  if (span_id != 0)
    g_array_append_val (self->shown_spans, span_id);
}

void
_tessera_inspector_report (TesseraInspector *self,
                           GError           *error)
{
  tessera_workbench_report_error (self->workbench, error);
  /* Put the controls back as the model has them. */
  refresh (self);
}

/* --- label dropdown rows: a swatch and the name ---------------------- */

static void
on_setup_item (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_box_append (GTK_BOX (box), tessera_swatch_new (NULL));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (list_item, box);
}

static void
on_bind_item (TesseraInspector *self,
              GtkListItem      *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  const char *name = gtk_string_object_get_string (gtk_list_item_get_item (list_item));
  GtkWidget *label = gtk_widget_get_last_child (box);
  TesseraProject *project = get_project (self);
  const TesseraLabel *found = project ? tessera_project_find_label (project, self->label_kind, name) : NULL;

  gtk_label_set_label (GTK_LABEL (label), name);
  gtk_widget_set_tooltip_text (label, name);
  tessera_swatch_set_color (TESSERA_SWATCH (gtk_widget_get_first_child (box)),
                            found ? found->color : NULL);
}

static void
set_strings (GtkDropDown        *dropdown,
             const char * const *strings)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (strings);

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
}

/* --- filling the controls ----------------------------------------------- */

static void
fill_label_dropdown (TesseraInspector *self,
                     TesseraLabelKind  kind,
                     gint64            label_id)
{
  g_autoptr(GPtrArray) labels = tessera_project_list_labels (get_project (self), kind);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *accessible;

  for (guint i = 0; i < labels->len; i++)
    {
      const TesseraLabel *label = g_ptr_array_index (labels, i);

      g_array_append_val (ids, label->id);
      g_ptr_array_add (names, label->name);
    }
  g_ptr_array_add (names, NULL);

  if (self->labels_stale || kind != self->label_kind || !label_ids_equal (ids, self->label_ids))
    {
      self->label_kind = kind;
      g_clear_pointer (&self->label_ids, g_array_unref);
      self->label_ids = g_steal_pointer (&ids);
      self->labels_stale = FALSE;
      set_strings (self->label_dropdown, (const char * const *) names->pdata);
    }

  gtk_drop_down_set_selected (self->label_dropdown, id_index (self->label_ids, label_id));

  switch (kind)
    {
    case TESSERA_LABEL_EVENT: accessible = _("Event type"); break;
    case TESSERA_LABEL_STANCE: accessible = _("Stance"); break;
    case TESSERA_LABEL_ENTITY:
    case TESSERA_LABEL_ROLE:
    case TESSERA_N_LABEL_KINDS:
    case TESSERA_LABEL_ANY:
    default: accessible = _("Label"); break;
    }
  tessera_accessible_name_drop_down (self->label_dropdown, accessible);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->label_dropdown), accessible);
}

static void
fill_attribute (TesseraInspector  *self,
                GtkDropDown       *dropdown,
                GStrv             *values,
                const char        *name,
                const char        *value)
{
  const TesseraAttribute *attr = tessera_project_get_attribute (get_project (self), name);
  const char * const *wanted = attr ? (const char * const *) attr->values : NULL;

  if (!strv_equal0 (wanted, (const char * const *) *values))
    {
      g_strfreev (*values);
      *values = g_strdupv ((GStrv) wanted);
      set_strings (dropdown, wanted);
    }
  gtk_drop_down_set_selected (dropdown, strv_index ((const char * const *) *values, value));
  gtk_widget_set_sensitive (GTK_WIDGET (dropdown), *values != NULL);
}

void
_tessera_inspector_fill_header (TesseraInspector  *self,
                                const TesseraSpan *span,
                                const char        *kind)
{
  const char *annotator = tessera_project_get_annotator_name (get_project (self), span->annotator_id);
  g_autoptr(GDateTime) created = g_date_time_new_from_unix_local (span->created);
  /* Translators: the date an annotation was made, see g_date_time_format(). */
  g_autofree char *date = created ? g_date_time_format (created, _("%-d %B %Y")) : NULL;
  g_autofree char *text = tessera_quote_span (get_document (self), span->id);
  /* Translators: the annotated text, quoted. */
  g_autofree char *quoted = g_strdup_printf (_("“%s”"), text ? text : "");
  g_autofree char *by = NULL;

  gtk_label_set_label (self->kind_label, kind);
  gtk_label_set_label (self->text_label, quoted);

  if (annotator != NULL && date != NULL)
    /* Translators: who made an annotation, and when: "amina · 9 March 2025". */
    by = g_strdup_printf (_("%s · %s"), annotator, date);
  else
    by = g_strdup (annotator ? annotator : date);
  gtk_label_set_label (self->annotator_label, by);
  gtk_widget_set_visible (GTK_WIDGET (self->annotator_label), by != NULL);
}

/* What a selected Date, Quantity or Casualties span means, as exported;
 * read against the document's publication date. */
static void
fill_meaning (TesseraInspector *self)
{
  g_autofree char *meaning = NULL;
  Selected selected;

  if (_tessera_inspector_get_selected (self, &selected) && selected.kind == TESSERA_SELECTION_SPAN)
    meaning = tessera_span_meaning_describe_span (get_document (self), selected.span->id);
  gtk_label_set_label (self->meaning_label, meaning);
  gtk_widget_set_visible (GTK_WIDGET (self->meaning_label), meaning != NULL);
}

/* --- cluster ------------------------------------------------------------- */

/* What the selection links into a cluster: an event, or an entity span
 * (a span of another kind is part of an event or a stance, not linked
 * on its own). FALSE when it cannot be linked. */
static gboolean
cluster_member (TesseraInspector *self,
                const Selected   *selected,
                gint64           *span_id,
                gint64           *event_id)
{
  const TesseraLabel *label;

  *span_id = *event_id = 0;
  switch (selected->kind)
    {
    case TESSERA_SELECTION_EVENT:
      *event_id = selected->event->id;
      return TRUE;

    case TESSERA_SELECTION_SPAN:
      label = tessera_project_get_label (get_project (self), selected->span->label_id);
      if (label == NULL || label->kind != TESSERA_LABEL_ENTITY)
        return FALSE;
      *span_id = selected->span->id;
      return TRUE;

    case TESSERA_SELECTION_STANCE:
    case TESSERA_SELECTION_NONE:
    default:
      return FALSE;
    }
}

static void
fill_cluster (TesseraInspector *self,
              const Selected   *selected)
{
  gint64 span_id, event_id;
  gboolean member = cluster_member (self, selected, &span_id, &event_id);

  gtk_widget_set_visible (GTK_WIDGET (self->cluster_link), member);
  tessera_cluster_link_show_member (self->cluster_link, self->workbench, span_id, event_id);
}

/* --- refreshing ---------------------------------------------------------- */

static void
show_empty (TesseraInspector *self)
{
  gboolean has_document = get_document (self) != NULL;

  /* Nothing left to write a note to (a selection change committed it). */
  tessera_note_entry_show_span (self->note_entry, self->workbench, NULL);
  tessera_role_slots_show_event (self->role_slots, self->workbench, NULL);
  tessera_stance_slots_show_stance (self->stance_slots, self->workbench, NULL);
  tessera_cluster_link_show_member (self->cluster_link, self->workbench, 0, 0);
  gtk_label_set_label (self->hint_label,
                       has_document ? _("Select text and press a label’s key, or click a span")
                                    : _("Open a document to annotate it"));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
refresh (TesseraInspector *self)
{
  const TesseraLabel *label;
  Selected selected;

  g_array_set_size (self->shown_spans, 0);
  self->kind = TESSERA_SELECTION_NONE;
  self->id = 0;

  if (!_tessera_inspector_get_selected (self, &selected))
    {
      show_empty (self);
      return;
    }

  self->kind = tessera_workbench_get_selection (self->workbench, &self->id);
  add_shown_span (self, selected.span->id);
  self->updating = TRUE;

  switch (selected.kind)
    {
    case TESSERA_SELECTION_EVENT:
      _tessera_inspector_fill_event_header (self, &selected);
      fill_label_dropdown (self, TESSERA_LABEL_EVENT, selected.event->type_label_id);
      fill_attribute (self, self->realis_dropdown, &self->realis_values, "realis",
                      selected.event->realis);
      fill_attribute (self, self->confirmation_dropdown, &self->confirmation_values,
                      "confirmation", selected.event->confirmation);
      tessera_role_slots_show_event (self->role_slots, self->workbench, selected.event);
      for (guint i = 0; selected.event->arguments != NULL && i < selected.event->arguments->len; i++)
        add_shown_span (self, g_array_index (selected.event->arguments, TesseraArgument, i).span_id);
      break;

    case TESSERA_SELECTION_STANCE:
      _tessera_inspector_fill_header (self, selected.span, _("Stance"));
      fill_label_dropdown (self, TESSERA_LABEL_STANCE, selected.stance->label_id);
      tessera_stance_slots_show_stance (self->stance_slots, self->workbench, selected.stance);
      add_shown_span (self, selected.stance->holder_span_id);
      add_shown_span (self, selected.stance->target_span_id);
      break;

    case TESSERA_SELECTION_SPAN:
    case TESSERA_SELECTION_NONE:
    default:
      label = tessera_project_get_label (get_project (self), selected.span->label_id);
      _tessera_inspector_fill_header (self, selected.span,
                                      label == NULL || label->kind == TESSERA_LABEL_ENTITY
                                      ? _("Entity") : _("Span"));
      fill_label_dropdown (self, label ? label->kind : TESSERA_LABEL_ENTITY, selected.span->label_id);
      break;
    }

  if (selected.kind != TESSERA_SELECTION_EVENT)
    _tessera_inspector_fill_event_header (self, &selected);
  if (_tessera_inspector_takes_events (self, &selected))
    _tessera_inspector_fill_event_menu (self);
  gtk_widget_set_visible (GTK_WIDGET (self->add_event_button),
                          _tessera_inspector_takes_events (self, &selected));
  fill_cluster (self, &selected);
  fill_meaning (self);
  gtk_widget_set_visible (self->attributes_grid, selected.kind == TESSERA_SELECTION_EVENT);
  gtk_widget_set_visible (GTK_WIDGET (self->role_slots), selected.kind == TESSERA_SELECTION_EVENT);
  gtk_widget_set_visible (GTK_WIDGET (self->stance_slots), selected.kind == TESSERA_SELECTION_STANCE);
  if (selected.kind != TESSERA_SELECTION_EVENT)
    tessera_role_slots_show_event (self->role_slots, self->workbench, NULL);
  if (selected.kind != TESSERA_SELECTION_STANCE)
    tessera_stance_slots_show_stance (self->stance_slots, self->workbench, NULL);

  tessera_note_entry_show_span (self->note_entry, self->workbench, selected.span);

  self->updating = FALSE;

  gtk_stack_set_visible_child_name (self->stack, "annotation");
}

/* --- user actions -------------------------------------------------------- */

static void
on_label_selected (TesseraInspector *self)
{
  TesseraHistory *history;
  g_autoptr(GError) error = NULL;
  Selected selected;
  guint position;
  gint64 id;
  gboolean ok = TRUE;

  if (self->updating || self->label_ids == NULL ||
      !_tessera_inspector_get_selected (self, &selected))
    return;

  position = gtk_drop_down_get_selected (self->label_dropdown);
  if (position >= self->label_ids->len)
    return;
  id = g_array_index (self->label_ids, gint64, position);
  history = tessera_workbench_get_history (self->workbench);

  switch (selected.kind)
    {
    case TESSERA_SELECTION_EVENT:
      if (id != selected.event->type_label_id)
        {
          g_autoptr(TesseraEvent) event = tessera_event_copy (selected.event);

          event->type_label_id = id;
          ok = tessera_history_update_event (history, event, &error);
        }
      break;

    case TESSERA_SELECTION_STANCE:
      if (id != selected.stance->label_id)
        {
          g_autoptr(TesseraStance) stance = tessera_stance_copy (selected.stance);

          stance->label_id = id;
          ok = tessera_history_update_stance (history, stance, &error);
        }
      break;

    case TESSERA_SELECTION_SPAN:
      if (id != selected.span->label_id)
        {
          g_autoptr(TesseraSpan) span = tessera_span_copy (selected.span);

          span->label_id = id;
          ok = tessera_history_update_span (history, span, &error);
        }
      break;

    case TESSERA_SELECTION_NONE:
    default:
      break;
    }

  if (!ok)
    _tessera_inspector_report (self, error);
}

static void
on_attribute_selected (TesseraInspector *self,
                       GParamSpec       *pspec,
                       GtkDropDown      *dropdown)
{
  g_autoptr(TesseraEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  gboolean realis = dropdown == self->realis_dropdown;
  GStrv values = realis ? self->realis_values : self->confirmation_values;
  guint position = gtk_drop_down_get_selected (dropdown);
  Selected selected;
  char **field;

  if (self->updating || values == NULL || position >= g_strv_length (values) ||
      !_tessera_inspector_get_selected (self, &selected) ||
      selected.kind != TESSERA_SELECTION_EVENT)
    return;

  event = tessera_event_copy (selected.event);
  field = realis ? &event->realis : &event->confirmation;
  if (g_strcmp0 (*field, values[position]) == 0)
    return;
  g_free (*field);
  *field = g_strdup (values[position]);

  if (!tessera_history_update_event (tessera_workbench_get_history (self->workbench), event, &error))
    _tessera_inspector_report (self, error);
}

/* Escape while a slot waits for a span gives up the pick; otherwise the
 * key goes on to whoever else wants it. */
static gboolean
on_escape (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  TesseraInspector *self = TESSERA_INSPECTOR (widget);

  if (self->workbench == NULL ||
      tessera_workbench_get_pick (self->workbench, NULL) == TESSERA_PICK_NONE)
    return FALSE;

  tessera_workbench_set_pick (self->workbench, TESSERA_PICK_NONE, 0);
  return TRUE;
}

/* --- following the workbench and the document ---------------------------- */

static gboolean
has_id (GArray *ids,
        gint64  id)
{
  return id != 0 && id_index (ids, id) != GTK_INVALID_LIST_POSITION;
}

/* Whether a commit to the document touched what is shown. */
static gboolean
changes_concern (TesseraInspector                 *self,
                 const TesseraOpenDocumentChanges *changes)
{
  if (changes->reset || changes->schema || changes->clusters)
    return TRUE;

  switch (self->kind)
    {
    case TESSERA_SELECTION_EVENT:
      /* Or an event came to, or left, its trigger ("Event 1 of 2"). */
      if (has_id (changes->events, self->id) ||
          (changes->events->len > 0 && self->shown_spans->len > 0 &&
           tessera_open_document_get_n_trigger_events (get_document (self),
                                                       g_array_index (self->shown_spans, gint64, 0))
           != self->n_on_trigger))
        return TRUE;
      break;
    case TESSERA_SELECTION_STANCE:
      /* Any event of the document is a target it offers. */
      if (has_id (changes->stances, self->id) || changes->events->len > 0)
        return TRUE;
      break;
    case TESSERA_SELECTION_SPAN:
    case TESSERA_SELECTION_NONE:
    default:
      break;
    }

  for (guint i = 0; i < changes->spans->len; i++)
    {
      gint64 span_id = g_array_index (changes->spans, gint64, i);

      if (has_id (self->shown_spans, span_id) ||
          /* A trigger names a target the stance offers. */
          (self->kind == TESSERA_SELECTION_STANCE &&
           tessera_open_document_get_trigger_event (get_document (self), span_id) != NULL))
        return TRUE;
    }

  return FALSE;
}

static void
on_document_changed (TesseraInspector                 *self,
                     const TesseraOpenDocumentChanges *changes)
{
  if (changes->reset || changes->schema)
    self->labels_stale = self->event_menu_stale = TRUE;
  if (changes_concern (self, changes))
    refresh (self);
  /* A new publication date, or the span now fills a Casualties role. */
  else if (changes->document || changes->events->len > 0)
    fill_meaning (self);
}

static void
on_workbench_document (TesseraInspector *self)
{
  g_signal_group_set_target (self->document_signals, get_document (self));
  refresh (self);
}

static void
on_workbench_project (TesseraInspector *self)
{
  self->labels_stale = self->event_menu_stale = TRUE;
  refresh (self);
}

static void
on_selection_changed (TesseraInspector *self)
{
  /* A note being typed belongs to the annotation that was selected. */
  tessera_note_entry_commit (self->note_entry);
  refresh (self);
}

/* --- GObject ------------------------------------------------------------- */

static void
tessera_inspector_dispose (GObject *object)
{
  TesseraInspector *self = TESSERA_INSPECTOR (object);

  g_clear_object (&self->workbench_signals);
  g_clear_object (&self->document_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_INSPECTOR);
  g_clear_object (&self->workbench);

  G_OBJECT_CLASS (tessera_inspector_parent_class)->dispose (object);
}

static void
tessera_inspector_finalize (GObject *object)
{
  TesseraInspector *self = TESSERA_INSPECTOR (object);

  g_clear_pointer (&self->shown_spans, g_array_unref);
  g_clear_pointer (&self->label_ids, g_array_unref);
  g_clear_pointer (&self->realis_values, g_strfreev);
  g_clear_pointer (&self->confirmation_values, g_strfreev);

  G_OBJECT_CLASS (tessera_inspector_parent_class)->finalize (object);
}

static void
tessera_inspector_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TesseraInspector *self = TESSERA_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_WORKBENCH:
      g_value_set_object (value, self->workbench);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_inspector_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TesseraInspector *self = TESSERA_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_WORKBENCH:
      tessera_inspector_set_workbench (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_inspector_class_init (TesseraInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_inspector_dispose;
  object_class->finalize = tessera_inspector_finalize;
  object_class->get_property = tessera_inspector_get_property;
  object_class->set_property = tessera_inspector_set_property;

  properties[PROP_WORKBENCH] =
    g_param_spec_object ("workbench", NULL, NULL, TESSERA_TYPE_WORKBENCH,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TESSERA_TYPE_CLUSTER_LINK);
  g_type_ensure (TESSERA_TYPE_NOTE_ENTRY);
  g_type_ensure (TESSERA_TYPE_PICK_BAR);
  g_type_ensure (TESSERA_TYPE_ROLE_SLOTS);
  g_type_ensure (TESSERA_TYPE_STANCE_SLOTS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tessera/Tessera/tessera-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, hint_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, kind_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, text_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, annotator_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, meaning_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, previous_event_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, next_event_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, add_event_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, label_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, cluster_link);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, attributes_grid);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, realis_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, confirmation_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, role_slots);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, stance_slots);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, note_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_label_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_attribute_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_setup_item);
  gtk_widget_class_bind_template_callback (widget_class, on_bind_item);
  _tessera_inspector_class_add_events (widget_class);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "inspector");
}

static void
tessera_inspector_init (TesseraInspector *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  tessera_accessible_name_drop_down (self->realis_dropdown, _("Realis"));
  tessera_accessible_name_drop_down (self->confirmation_dropdown, _("Confirmation"));

  self->label_kind = TESSERA_LABEL_ANY;
  self->event_menu_stale = TRUE;
  self->shown_spans = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->workbench_signals = g_signal_group_new (TESSERA_TYPE_WORKBENCH);
  g_signal_group_connect_object (self->workbench_signals, "notify::project",
                                 G_CALLBACK (on_workbench_project), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->workbench_signals, "notify::document",
                                 G_CALLBACK (on_workbench_document), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->workbench_signals, "selection-changed",
                                 G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->workbench_signals, "pick-changed",
                                 G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);

  /* The model tells what a commit changed, once it is consistent. */
  self->document_signals = g_signal_group_new (TESSERA_TYPE_OPEN_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "changed",
                                 G_CALLBACK (on_document_changed), self, G_CONNECT_SWAPPED);

  /* Managed: Escape cancels a pick wherever the focus is in the window. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (on_escape,
                                                                                   NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  refresh (self);
}

TesseraWorkbench *
tessera_inspector_get_workbench (TesseraInspector *self)
{
  g_return_val_if_fail (TESSERA_IS_INSPECTOR (self), NULL);

  return self->workbench;
}

void
tessera_inspector_set_workbench (TesseraInspector *self,
                                 TesseraWorkbench *workbench)
{
  g_return_if_fail (TESSERA_IS_INSPECTOR (self));
  g_return_if_fail (workbench == NULL || TESSERA_IS_WORKBENCH (workbench));

  if (!g_set_object (&self->workbench, workbench))
    return;

  g_signal_group_set_target (self->workbench_signals, workbench);
  self->labels_stale = self->event_menu_stale = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKBENCH]);
  on_workbench_document (self);
}
