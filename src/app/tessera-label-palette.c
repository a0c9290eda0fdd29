/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-label-palette"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-label-palette.h"
#include "tessera-swatch.h"

#define N_LAYERS 3

struct _TesseraLabelPalette
{
  GtkWidget         parent_instance;

  TesseraWorkbench *workbench;
  GSignalGroup     *workbench_signals;
  GSignalGroup     *document_signals;  /* the workbench's document: schema changes */
  GBindingGroup    *workbench_bindings; /* its layer ↔ the layer buttons */

  /* Template widgets */
  GtkToggleButton  *entities_button;
  GtkToggleButton  *events_button;
  GtkToggleButton  *stance_button;
  GtkBox           *labels_box;
  GtkLabel         *empty_label;
};

G_DEFINE_FINAL_TYPE (TesseraLabelPalette, tessera_label_palette, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WORKBENCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
create_label_button (const TesseraLabel *label)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (label->name);
  g_autofree char *tooltip = NULL;

  gtk_box_append (GTK_BOX (box), tessera_swatch_new (label->color));

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (box), name);

  if (label->shortcut != NULL && *label->shortcut != '\0')
    {
      GtkWidget *key = gtk_label_new (label->shortcut);

      gtk_widget_add_css_class (key, "label-key");
      gtk_box_append (GTK_BOX (box), key);
      /* Translators: the tooltip of a label: its description, then its key. */
      tooltip = g_strdup_printf (_("%s\nPress %s"),
                                 label->description ? label->description : label->name,
                                 label->shortcut);
    }
  else
    tooltip = g_strdup (label->description ? label->description : label->name);

  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.tag");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (label->id));

  return button;
}

static void
rebuild (TesseraLabelPalette *self)
{
  TesseraProject *project = self->workbench ? tessera_workbench_get_project (self->workbench) : NULL;
  g_autoptr(GPtrArray) labels = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->labels_box))))
    gtk_box_remove (self->labels_box, child);

  if (project != NULL)
    {
      TesseraLayer layer = tessera_workbench_get_layer (self->workbench);

      labels = tessera_project_list_labels (project, tessera_layer_get_label_kind (layer));
      for (guint i = 0; i < labels->len; i++)
        gtk_box_append (self->labels_box, create_label_button (g_ptr_array_index (labels, i)));
    }

  if (project == NULL)
    gtk_label_set_label (self->empty_label, _("Open a project to see its labels"));
  else
    gtk_label_set_label (self->empty_label, _("This layer has no labels yet"));
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), labels == NULL || labels->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->labels_box), labels != NULL && labels->len > 0);
}

/* Labels change with the schema, which the document's model reports
 * (in the window, only an import or a reset changes them). */
static void
on_document_changed (TesseraLabelPalette              *self,
                     const TesseraOpenDocumentChanges *changes)
{
  if (changes->schema || changes->reset)
    rebuild (self);
}

/* A toggle is active when its layer is the workbench's; activating it
 * switches the layer, and the group deactivating it changes nothing. */
static gboolean
layer_to_active (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_enum (from) == GPOINTER_TO_INT (user_data));
  return TRUE;
}

static gboolean
active_to_layer (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  if (!g_value_get_boolean (from))
    return FALSE;

  g_value_set_enum (to, GPOINTER_TO_INT (user_data));
  return TRUE;
}

static void
tessera_label_palette_dispose (GObject *object)
{
  TesseraLabelPalette *self = TESSERA_LABEL_PALETTE (object);
  GtkWidget *child;

  g_clear_object (&self->workbench_bindings);
  g_clear_object (&self->workbench_signals);
  g_clear_object (&self->document_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_LABEL_PALETTE);
  /* The template's top box is not a bound child: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->workbench);

  G_OBJECT_CLASS (tessera_label_palette_parent_class)->dispose (object);
}

static void
tessera_label_palette_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TesseraLabelPalette *self = TESSERA_LABEL_PALETTE (object);

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
tessera_label_palette_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TesseraLabelPalette *self = TESSERA_LABEL_PALETTE (object);

  switch (prop_id)
    {
    case PROP_WORKBENCH:
      tessera_label_palette_set_workbench (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_label_palette_class_init (TesseraLabelPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_label_palette_dispose;
  object_class->get_property = tessera_label_palette_get_property;
  object_class->set_property = tessera_label_palette_set_property;

  properties[PROP_WORKBENCH] =
    g_param_spec_object ("workbench", NULL, NULL, TESSERA_TYPE_WORKBENCH,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tessera/Tessera/tessera-label-palette.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraLabelPalette, entities_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraLabelPalette, events_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraLabelPalette, stance_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraLabelPalette, labels_box);
  gtk_widget_class_bind_template_child (widget_class, TesseraLabelPalette, empty_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "labelpalette");
}

static void
tessera_label_palette_init (TesseraLabelPalette *self)
{
  GtkToggleButton *buttons[N_LAYERS];

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Whatever workbench and document it follows, through these. */
  self->workbench_signals = g_signal_group_new (TESSERA_TYPE_WORKBENCH);
  g_signal_group_connect_swapped (self->workbench_signals, "notify::project", G_CALLBACK (rebuild), self);
  g_signal_group_connect_swapped (self->workbench_signals, "notify::layer", G_CALLBACK (rebuild), self);
  g_signal_group_connect_swapped (self->workbench_signals, "notify::document", G_CALLBACK (rebuild), self);
  self->document_signals = g_signal_group_new (TESSERA_TYPE_OPEN_DOCUMENT);
  g_signal_group_connect_swapped (self->document_signals, "changed", G_CALLBACK (on_document_changed), self);

  buttons[TESSERA_LAYER_ENTITIES] = self->entities_button;
  buttons[TESSERA_LAYER_EVENTS] = self->events_button;
  buttons[TESSERA_LAYER_STANCE] = self->stance_button;
  self->workbench_bindings = g_binding_group_new ();
  for (guint i = 0; i < N_LAYERS; i++)
    g_binding_group_bind_full (self->workbench_bindings, "layer", buttons[i], "active",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               layer_to_active, active_to_layer, GINT_TO_POINTER (i), NULL);
  g_binding_group_bind (self->workbench_bindings, "document", self->document_signals, "target",
                        G_BINDING_SYNC_CREATE);

  rebuild (self);
}

TesseraWorkbench *
tessera_label_palette_get_workbench (TesseraLabelPalette *self)
{
  g_return_val_if_fail (TESSERA_IS_LABEL_PALETTE (self), NULL);

  return self->workbench;
}

void
tessera_label_palette_set_workbench (TesseraLabelPalette *self,
                                     TesseraWorkbench    *workbench)
{
  g_return_if_fail (TESSERA_IS_LABEL_PALETTE (self));
  g_return_if_fail (workbench == NULL || TESSERA_IS_WORKBENCH (workbench));

  if (!g_set_object (&self->workbench, workbench))
    return;

  g_signal_group_set_target (self->workbench_signals, workbench);
  g_binding_group_set_source (self->workbench_bindings, workbench);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKBENCH]);
}
