/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-role-slots"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tessera-role-slots.h"
#include "tessera-slot-keys.h"
#include "tessera-span-slot.h"
#include "tessera-swatch.h"

/* One row: a role and its slot (owned by the slot's widget, so that it
 * lives as long as the handlers that use it). */
typedef struct
{
  TesseraRoleSlots *self;
  gint64            role_id;
  TesseraSpanSlot  *slot;
  GtkWidget        *list_row;
} RoleRow;

struct _TesseraRoleSlots
{
  GtkWidget         parent_instance;

  TesseraWorkbench *workbench;

  /* The event whose rows are built, and the roles they were built for. */
  gint64            event_id;
  GArray           *role_ids;    /* gint64 */
  GPtrArray        *rows;        /* RoleRow*, borrowed from the rows' slots */
  gint64            picking_role; /* the role whose slot waits for a span, or 0 */

  /* Template widgets */
  GtkWidget        *box;
  GtkListBox       *list;
};

G_DEFINE_FINAL_TYPE (TesseraRoleSlots, tessera_role_slots, GTK_TYPE_WIDGET)

static gboolean
has_id (GArray *ids,
        gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;

  return FALSE;
}

/* The slots @event offers: those of its type (all roles when the type
 * names none), then any role filled that the type no longer offers, so
 * that it can be cleared. */
static GArray *
list_roles (TesseraProject     *project,
            const TesseraEvent *event)
{
  const TesseraLabel *type = tessera_project_get_label (project, event->type_label_id);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (type != NULL && type->roles != NULL && type->roles->len > 0)
    g_array_append_vals (ids, type->roles->data, type->roles->len);
  else
    {
      g_autoptr(GPtrArray) roles = tessera_project_list_labels (project, TESSERA_LABEL_ROLE);

      for (guint i = 0; i < roles->len; i++)
        g_array_append_val (ids, ((TesseraLabel *) g_ptr_array_index (roles, i))->id);
    }
  for (guint i = 0; event->arguments != NULL && i < event->arguments->len; i++)
    {
      const TesseraArgument *arg = &g_array_index (event->arguments, TesseraArgument, i);

      if (!has_id (ids, arg->role_label_id))
        g_array_append_val (ids, arg->role_label_id);
    }

  return ids;
}

static void
on_pick_toggled (TesseraSpanSlot *slot,
                 gboolean         active,
                 RoleRow         *row)
{
  TesseraWorkbench *workbench = row->self->workbench;
  gint64 pick_id;

  if (workbench == NULL)
    return;

  if (active)
    tessera_workbench_set_pick (workbench, TESSERA_PICK_ROLE, row->role_id);
  else if (tessera_workbench_get_pick (workbench, &pick_id) == TESSERA_PICK_ROLE &&
           pick_id == row->role_id)
    tessera_workbench_set_pick (workbench, TESSERA_PICK_NONE, 0);
}

static void
on_cleared (TesseraSpanSlot *slot,
            RoleRow         *row)
{
  TesseraRoleSlots *self = row->self;
  g_autoptr(GError) error = NULL;

  if (self->workbench == NULL || self->event_id == 0)
    return;

  if (!tessera_history_remove_argument (tessera_workbench_get_history (self->workbench),
                                        self->event_id, row->role_id, 0, &error))
    tessera_workbench_report_error (self->workbench, error);
}

/* Alt+1 to Alt+9 fill the first nine roles (@n from 0), from wherever
 * the focus is. */
static gboolean
choose_role (GtkWidget *widget,
             guint      n)
{
  TesseraRoleSlots *self = TESSERA_ROLE_SLOTS (widget);
  RoleRow *row;
  gint64 pick_id;

  if (self->workbench == NULL || self->event_id == 0 || n >= self->rows->len)
    return FALSE;

  row = g_ptr_array_index (self->rows, n);
  /* Chosen again, the pick starts again: back in the text, at the first span. */
  if (tessera_workbench_get_pick (self->workbench, &pick_id) == TESSERA_PICK_ROLE && pick_id == row->role_id)
    tessera_workbench_set_pick (self->workbench, TESSERA_PICK_NONE, 0);
  tessera_workbench_set_pick (self->workbench, TESSERA_PICK_ROLE, row->role_id);
  return TRUE;
}

static void
add_row (TesseraRoleSlots   *self,
         const TesseraLabel *role)
{
  RoleRow *row = g_new0 (RoleRow, 1);
  GtkWidget *list_row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (role->name);
  GtkWidget *slot = tessera_span_slot_new ();
  guint n = self->rows->len;
  g_autofree char *fill_name = g_strdup_printf (_("Fill %s"), role->name);
  g_autofree char *fill_tip = tessera_slot_keys_dup_tooltip (fill_name, n);
  g_autofree char *clear_name = g_strdup_printf (_("Clear %s"), role->name);
  g_autofree char *key = tessera_slot_keys_dup_label (n);

  gtk_box_append (GTK_BOX (title), tessera_swatch_new (role->color));
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (name, "caption-heading");
  gtk_box_append (GTK_BOX (title), name);
  gtk_box_append (GTK_BOX (title), tessera_slot_keys_label_new (n));
  gtk_box_append (GTK_BOX (box), title);

  g_object_set (slot,
                "field", role->name,
                "placeholder", "—",
                "pick-label", _("Fill"),
                "pick-tooltip", fill_tip,
                "pick-name", fill_name,
                "pick-shortcut", key,
                "clear-name", clear_name,
                NULL);
  row->self = self;
  row->role_id = role->id;
  row->slot = TESSERA_SPAN_SLOT (slot);
  row->list_row = list_row;
  g_object_set_data_full (G_OBJECT (slot), "tessera-role-row", row, g_free);
  g_signal_connect (slot, "pick-toggled", G_CALLBACK (on_pick_toggled), row);
  g_signal_connect (slot, "cleared", G_CALLBACK (on_cleared), row);
  gtk_box_append (GTK_BOX (box), slot);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list_row), GTK_ACCESSIBLE_PROPERTY_LABEL, role->name, -1);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);
  gtk_list_box_append (self->list, list_row);
  g_ptr_array_add (self->rows, row);
}

static void
clear_rows (TesseraRoleSlots *self)
{
  GtkWidget *child;

  g_ptr_array_set_size (self->rows, 0);
  g_array_set_size (self->role_ids, 0);
  self->event_id = 0;
  self->picking_role = 0;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);
}

/* --- GObject ------------------------------------------------------------- */

static void
tessera_role_slots_dispose (GObject *object)
{
  TesseraRoleSlots *self = TESSERA_ROLE_SLOTS (object);

  g_ptr_array_set_size (self->rows, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_ROLE_SLOTS);
  g_clear_object (&self->workbench);

  G_OBJECT_CLASS (tessera_role_slots_parent_class)->dispose (object);
}

static void
tessera_role_slots_finalize (GObject *object)
{
  TesseraRoleSlots *self = TESSERA_ROLE_SLOTS (object);

  g_clear_pointer (&self->role_ids, g_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (tessera_role_slots_parent_class)->finalize (object);
}

static void
tessera_role_slots_class_init (TesseraRoleSlotsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_role_slots_dispose;
  object_class->finalize = tessera_role_slots_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tessera/Tessera/tessera-role-slots.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraRoleSlots, box);
  gtk_widget_class_bind_template_child (widget_class, TesseraRoleSlots, list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tessera_role_slots_init (TesseraRoleSlots *self)
{
  self->role_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  tessera_slot_keys_install (GTK_WIDGET (self), choose_role);
}

void
tessera_role_slots_show_event (TesseraRoleSlots   *self,
                               TesseraWorkbench   *workbench,
                               const TesseraEvent *event)
{
  g_autoptr(GArray) ids = NULL;
  TesseraOpenDocument *document;
  TesseraProject *project;
  TesseraPickKind pick;
  gint64 pick_id;

  g_return_if_fail (TESSERA_IS_ROLE_SLOTS (self));
  g_return_if_fail (workbench == NULL || TESSERA_IS_WORKBENCH (workbench));

  if (g_set_object (&self->workbench, workbench))
    clear_rows (self);
  project = workbench ? tessera_workbench_get_project (workbench) : NULL;
  if (event == NULL || project == NULL)
    {
      clear_rows (self);
      return;
    }

  /* Rows are rebuilt only when the roles change: a rebuild would take
   * the button away from under a click. */
  ids = list_roles (project, event);
  if (self->event_id != event->id || ids->len != self->role_ids->len ||
      memcmp (ids->data, self->role_ids->data, ids->len * sizeof (gint64)) != 0)
    {
      clear_rows (self);
      for (guint i = 0; i < ids->len; i++)
        {
          const TesseraLabel *role = tessera_project_get_label (project, g_array_index (ids, gint64, i));

          if (role != NULL)
            add_row (self, role);
        }
      g_array_append_vals (self->role_ids, ids->data, ids->len);
      self->event_id = event->id;
    }

  document = tessera_workbench_get_open_document (self->workbench);
  pick = tessera_workbench_get_pick (self->workbench, &pick_id);
  if (pick != TESSERA_PICK_ROLE)
    pick_id = 0;
  for (guint i = 0; i < self->rows->len; i++)
    {
      RoleRow *row = g_ptr_array_index (self->rows, i);
      g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint j = 0; event->arguments != NULL && j < event->arguments->len; j++)
        {
          const TesseraArgument *arg = &g_array_index (event->arguments, TesseraArgument, j);

          if (arg->role_label_id == row->role_id)
            g_array_append_val (spans, arg->span_id);
        }
      tessera_span_slot_show (row->slot, document, (const gint64 *) (gpointer) spans->data, spans->len,
                              pick_id == row->role_id);
      /* A slot chosen by its key may be out of sight. */
      if (pick_id == row->role_id && pick_id != self->picking_role)
        tessera_slot_keys_scroll_to (row->list_row);
    }
  self->picking_role = pick_id;
}
