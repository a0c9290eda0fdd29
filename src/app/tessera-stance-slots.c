/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-stance-slots"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tessera-accessible.h"
#include "tessera-quote.h"
#include "tessera-slot-keys.h"
#include "tessera-span-slot.h"
#include "tessera-stance-slots.h"

struct _TesseraStanceSlots
{
  GtkWidget         parent_instance;

  TesseraWorkbench *workbench;
  gint64            stance_id;     /* the stance shown */
  TesseraPickKind   picking;       /* what the shown stance waits for */
  gboolean          updating;      /* filling the dropdown from the model */

  /* Model of target_dropdown */
  GArray           *target_ids;    /* gint64 event ids, 0 first ("None") */
  GStrv             target_names;

  /* Template widgets */
  GtkWidget        *box;
  GtkLabel         *holder_key_label;
  GtkLabel         *target_key_label;
  TesseraSpanSlot  *holder_slot;
  GtkDropDown      *target_dropdown;
  TesseraSpanSlot  *target_slot;
};

G_DEFINE_FINAL_TYPE (TesseraStanceSlots, tessera_stance_slots, GTK_TYPE_WIDGET)

static const TesseraStance *
get_stance (TesseraStanceSlots *self)
{
  TesseraOpenDocument *document = self->workbench ? tessera_workbench_get_open_document (self->workbench)
                                                  : NULL;

  return document && self->stance_id ? tessera_open_document_get_stance (document, self->stance_id) : NULL;
}

/* Writes @stance, a changed copy of the one shown. */
static void
update_stance (TesseraStanceSlots *self,
               TesseraStance      *stance)
{
  g_autoptr(GError) error = NULL;

  if (tessera_history_update_stance (tessera_workbench_get_history (self->workbench), stance, &error))
    return;

  tessera_workbench_report_error (self->workbench, error);
  /* Put the controls back as the model has them. */
  tessera_stance_slots_show_stance (self, self->workbench, get_stance (self));
}

static void
on_target_selected (TesseraStanceSlots *self)
{
  const TesseraStance *current = get_stance (self);
  guint position = gtk_drop_down_get_selected (self->target_dropdown);
  g_autoptr(TesseraStance) stance = NULL;
  gint64 id;

  if (self->updating || current == NULL || self->target_ids == NULL ||
      position >= self->target_ids->len)
    return;

  id = g_array_index (self->target_ids, gint64, position);
  if (id == current->target_event_id)
    return;

  stance = tessera_stance_copy (current);
  stance->target_event_id = id;
  /* A stance is toward an event or a span, not both. */
  if (id != 0)
    stance->target_span_id = 0;
  update_stance (self, stance);
}

static void
on_cleared (TesseraStanceSlots *self,
            TesseraSpanSlot    *slot)
{
  const TesseraStance *current = get_stance (self);
  g_autoptr(TesseraStance) stance = NULL;

  if (current == NULL)
    return;

  stance = tessera_stance_copy (current);
  if (slot == self->holder_slot)
    stance->holder_span_id = 0;
  else
    stance->target_span_id = 0;
  update_stance (self, stance);
}

static void
on_pick_toggled (TesseraStanceSlots *self,
                 gboolean            active,
                 TesseraSpanSlot    *slot)
{
  TesseraPickKind kind = slot == self->holder_slot ? TESSERA_PICK_HOLDER : TESSERA_PICK_TARGET_SPAN;

  if (self->workbench == NULL)
    return;

  if (active)
    tessera_workbench_set_pick (self->workbench, kind, 0);
  else if (tessera_workbench_get_pick (self->workbench, NULL) == kind)
    tessera_workbench_set_pick (self->workbench, TESSERA_PICK_NONE, 0);
}

/* Alt+1 picks the holder, Alt+2 the target, from anywhere in the window. */
static gboolean
choose_slot (GtkWidget *widget,
             guint      n)
{
  TesseraStanceSlots *self = TESSERA_STANCE_SLOTS (widget);
  TesseraPickKind kind = n == 0 ? TESSERA_PICK_HOLDER : TESSERA_PICK_TARGET_SPAN;

  if (self->workbench == NULL || self->stance_id == 0 || n > 1)
    return FALSE;

  /* Chosen again, the pick starts again: back in the text, at the first span. */
  if (tessera_workbench_get_pick (self->workbench, NULL) == kind)
    tessera_workbench_set_pick (self->workbench, TESSERA_PICK_NONE, 0);
  tessera_workbench_set_pick (self->workbench, kind, 0);
  return TRUE;
}

/* A slot's key, beside its heading and in its toggle's tooltip. */
static void
show_key (TesseraSpanSlot *slot,
          GtkLabel        *key_label,
          const char      *action,
          guint            n)
{
  g_autofree char *key = tessera_slot_keys_dup_label (n);
  g_autofree char *tooltip = tessera_slot_keys_dup_tooltip (action, n);

  gtk_label_set_label (key_label, key);
  g_object_set (slot, "pick-tooltip", tooltip, "pick-shortcut", key, NULL);
}

/* The document's events, as "Battle: “clashes”", after "None". */
static void
fill_targets (TesseraStanceSlots  *self,
              TesseraOpenDocument *document,
              gint64               target_event_id)
{
  TesseraProject *project = tessera_workbench_get_project (self->workbench);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  guint n_events = tessera_open_document_get_n_events (document);
  guint selected = GTK_INVALID_LIST_POSITION;
  gint64 none = 0;

  g_array_append_val (ids, none);
  g_strv_builder_add (builder, _("None"));
  for (guint i = 0; i < n_events; i++)
    {
      const TesseraEvent *event = tessera_open_document_get_nth_event (document, i);
      const TesseraLabel *type = tessera_project_get_label (project, event->type_label_id);
      g_autofree char *trigger = tessera_quote_span (document, event->trigger_span_id);
      g_autofree char *name = NULL;

      /* Translators: an event in a list: its type and its trigger, "Battle: “clashes”". */
      name = g_strdup_printf (_("%s: “%s”"), type ? type->name : "?", trigger ? trigger : "");
      g_array_append_val (ids, event->id);
      g_strv_builder_add (builder, name);
    }
  names = g_strv_builder_end (builder);

  /* A new model only when the events change: it closes the list. */
  if (self->target_ids == NULL || ids->len != self->target_ids->len ||
      memcmp (ids->data, self->target_ids->data, ids->len * sizeof (gint64)) != 0 ||
      !g_strv_equal ((const char * const *) names, (const char * const *) self->target_names))
    {
      g_autoptr(GtkStringList) model = gtk_string_list_new ((const char * const *) names);

      g_clear_pointer (&self->target_ids, g_array_unref);
      self->target_ids = g_steal_pointer (&ids);
      g_strfreev (self->target_names);
      self->target_names = g_steal_pointer (&names);
      gtk_drop_down_set_model (self->target_dropdown, G_LIST_MODEL (model));
    }

  for (guint i = 0; i < self->target_ids->len; i++)
    if (g_array_index (self->target_ids, gint64, i) == target_event_id)
      selected = i;
  gtk_drop_down_set_selected (self->target_dropdown, selected);
}

/* --- GObject ------------------------------------------------------------- */

static void
tessera_stance_slots_dispose (GObject *object)
{
  TesseraStanceSlots *self = TESSERA_STANCE_SLOTS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_STANCE_SLOTS);
  g_clear_object (&self->workbench);

  G_OBJECT_CLASS (tessera_stance_slots_parent_class)->dispose (object);
}

static void
tessera_stance_slots_finalize (GObject *object)
{
  TesseraStanceSlots *self = TESSERA_STANCE_SLOTS (object);

  g_clear_pointer (&self->target_ids, g_array_unref);
  g_clear_pointer (&self->target_names, g_strfreev);

  G_OBJECT_CLASS (tessera_stance_slots_parent_class)->finalize (object);
}

static void
tessera_stance_slots_class_init (TesseraStanceSlotsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_stance_slots_dispose;
  object_class->finalize = tessera_stance_slots_finalize;

  g_type_ensure (TESSERA_TYPE_SPAN_SLOT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tessera/Tessera/tessera-stance-slots.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraStanceSlots, box);
  gtk_widget_class_bind_template_child (widget_class, TesseraStanceSlots, holder_key_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraStanceSlots, target_key_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraStanceSlots, holder_slot);
  gtk_widget_class_bind_template_child (widget_class, TesseraStanceSlots, target_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TesseraStanceSlots, target_slot);
  gtk_widget_class_bind_template_callback (widget_class, on_target_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_cleared);
  gtk_widget_class_bind_template_callback (widget_class, on_pick_toggled);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tessera_stance_slots_init (TesseraStanceSlots *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  tessera_accessible_name_drop_down (self->target_dropdown, _("Target event"));

  show_key (self->holder_slot, self->holder_key_label, _("Pick holder"), 0);
  show_key (self->target_slot, self->target_key_label, _("Pick target"), 1);
  tessera_slot_keys_install (GTK_WIDGET (self), choose_slot);
}

void
tessera_stance_slots_show_stance (TesseraStanceSlots  *self,
                                  TesseraWorkbench    *workbench,
                                  const TesseraStance *stance)
{
  TesseraOpenDocument *document;
  TesseraPickKind pick;

  g_return_if_fail (TESSERA_IS_STANCE_SLOTS (self));
  g_return_if_fail (workbench == NULL || TESSERA_IS_WORKBENCH (workbench));

  g_set_object (&self->workbench, workbench);
  document = workbench ? tessera_workbench_get_open_document (workbench) : NULL;
  self->stance_id = stance && document ? stance->id : 0;
  if (self->stance_id == 0)
    {
      self->picking = TESSERA_PICK_NONE;
      return;
    }

  pick = tessera_workbench_get_pick (self->workbench, NULL);
  tessera_span_slot_show (self->holder_slot, document, &stance->holder_span_id,
                          stance->holder_span_id != 0, pick == TESSERA_PICK_HOLDER);
  tessera_span_slot_show (self->target_slot, document, &stance->target_span_id,
                          stance->target_span_id != 0, pick == TESSERA_PICK_TARGET_SPAN);
  /* A slot chosen by its key may be out of sight. */
  if (pick != self->picking && (pick == TESSERA_PICK_HOLDER || pick == TESSERA_PICK_TARGET_SPAN))
    tessera_slot_keys_scroll_to (gtk_widget_get_parent (GTK_WIDGET (pick == TESSERA_PICK_HOLDER ? self->holder_slot
                                                                                                 : self->target_slot)));
  self->picking = pick;

  self->updating = TRUE;
  fill_targets (self, document, stance->target_event_id);
  self->updating = FALSE;
}
