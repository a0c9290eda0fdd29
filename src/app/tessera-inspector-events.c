/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-inspector-private.h"

/* Several events on one trigger: the inspector heads an event "Event 2
 * of 3", goes to the others with the buttons beside it, and adds
 * another of a type chosen from a menu. */

/* The menu of event types another event on the trigger can have. */
void
_tessera_inspector_fill_event_menu (TesseraInspector *self)
{
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(GMenu) menu = NULL;

  if (!self->event_menu_stale)
    return;

  types = tessera_project_list_labels (get_project (self), TESSERA_LABEL_EVENT);
  menu = g_menu_new ();
  for (guint i = 0; i < types->len; i++)
    {
      const TesseraLabel *type = g_ptr_array_index (types, i);
      /* Menu labels take "_" for a mnemonic: a name's own are doubled. */
      g_auto(GStrv) parts = g_strsplit (type->name, "_", -1);
      g_autofree char *name = g_strjoinv ("__", parts);
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target_value (item, "inspector.add-event", g_variant_new_int64 (type->id));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->add_event_button, G_MENU_MODEL (menu));
  self->event_menu_stale = FALSE;
}

/* The position of the selected event among those its trigger has. */
static guint
event_position (GPtrArray          *on_trigger,
                const TesseraEvent *event)
{
  for (guint i = 0; i < on_trigger->len; i++)
    if (g_ptr_array_index (on_trigger, i) == event)
      return i;

  return 0;
}

/* The header of an event: "Event", or "Event 2 of 3" with the buttons
 * that go to the others when its trigger has several (hidden for
 * anything else). */
void
_tessera_inspector_fill_event_header (TesseraInspector *self,
                                      const Selected   *selected)
{
  g_autoptr(GPtrArray) on_trigger = NULL;
  g_autofree char *kind = NULL;
  guint position = 0;

  self->n_on_trigger = 0;
  if (selected->kind == TESSERA_SELECTION_EVENT)
    {
      on_trigger = tessera_open_document_list_trigger_events (get_document (self), selected->span->id);
      self->n_on_trigger = on_trigger->len;
      position = event_position (on_trigger, selected->event);
    }

  if (self->n_on_trigger > 1)
    /* Translators: the heading of an event whose trigger has several: "Event 1 of 2". */
    kind = g_strdup_printf (_("Event %u of %u"), position + 1, self->n_on_trigger);
  if (selected->kind == TESSERA_SELECTION_EVENT)
    _tessera_inspector_fill_header (self, selected->span, kind ? kind : _("Event"));

  gtk_widget_set_visible (self->previous_event_button, self->n_on_trigger > 1);
  gtk_widget_set_visible (self->next_event_button, self->n_on_trigger > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.previous-event", position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.next-event", position + 1 < self->n_on_trigger);
}

/* Whether another event can be made on the selection's span: a trigger,
 * or a span an event label names (its event was deleted). */
gboolean
_tessera_inspector_takes_events (TesseraInspector *self,
                                 const Selected   *selected)
{
  const TesseraLabel *label;

  if (selected->kind == TESSERA_SELECTION_EVENT)
    return TRUE;
  if (selected->kind != TESSERA_SELECTION_SPAN)
    return FALSE;
  label = tessera_project_get_label (get_project (self), selected->span->label_id);

  return label != NULL && label->kind == TESSERA_LABEL_EVENT;
}

static void
step_event (TesseraInspector *self,
            int               delta)
{
  g_autoptr(GPtrArray) on_trigger = NULL;
  Selected selected;
  int position;

  if (!_tessera_inspector_get_selected (self, &selected) ||
      selected.kind != TESSERA_SELECTION_EVENT)
    return;

  on_trigger = tessera_open_document_list_trigger_events (get_document (self), selected.span->id);
  position = (int) event_position (on_trigger, selected.event) + delta;
  if (position >= 0 && position < (int) on_trigger->len)
    tessera_workbench_select (self->workbench, TESSERA_SELECTION_EVENT,
                              ((const TesseraEvent *) g_ptr_array_index (on_trigger, position))->id);
}

static void
previous_event_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  step_event (TESSERA_INSPECTOR (widget), -1);
}

static void
next_event_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  step_event (TESSERA_INSPECTOR (widget), +1);
}

static void
add_event_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TesseraInspector *self = TESSERA_INSPECTOR (widget);
  g_autoptr(GError) error = NULL;
  Selected selected;

  if (!_tessera_inspector_get_selected (self, &selected) ||
      !_tessera_inspector_takes_events (self, &selected))
    return;

  if (!tessera_workbench_add_trigger_event (self->workbench, selected.span->id,
                                            g_variant_get_int64 (param), &error))
    _tessera_inspector_report (self, error);
}

void
_tessera_inspector_class_add_events (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "inspector.previous-event", NULL, previous_event_activated);
  gtk_widget_class_install_action (widget_class, "inspector.next-event", NULL, next_event_activated);
  gtk_widget_class_install_action (widget_class, "inspector.add-event", "x", add_event_activated);
}
