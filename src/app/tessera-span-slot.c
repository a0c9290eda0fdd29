/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-span-slot"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-quote.h"
#include "tessera-span-slot.h"

struct _TesseraSpanSlot
{
  GtkWidget        parent_instance;

  char            *field;
  char            *placeholder;
  char            *pick_name;
  char            *pick_shortcut;
  char            *clear_name;
  gboolean         updating;   /* setting the toggle from the workbench */

  /* Template widgets */
  GtkWidget       *box;
  GtkLabel        *value_label;
  GtkToggleButton *pick_button;
  GtkWidget       *clear_button;
};

G_DEFINE_FINAL_TYPE (TesseraSpanSlot, tessera_span_slot, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FIELD,
  PROP_PLACEHOLDER,
  PROP_PICK_LABEL,
  PROP_PICK_TOOLTIP,
  PROP_PICK_NAME,
  PROP_PICK_SHORTCUT,
  PROP_CLEAR_NAME,
  N_PROPS
};

enum {
  PICK_TOGGLED,
  CLEARED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The value as screen readers read it: "Holder: The army". */
static void
update_accessible_value (TesseraSpanSlot *self)
{
  /* Translators: a field and its value, as screen readers read it: "Holder: CSP". */
  g_autofree char *accessible = g_strdup_printf (_("%s: %s"), self->field ? self->field : "",
                                                 gtk_label_get_text (self->value_label));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->value_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
on_pick_toggled (TesseraSpanSlot *self)
{
  if (!self->updating)
    g_signal_emit (self, signals[PICK_TOGGLED], 0, gtk_toggle_button_get_active (self->pick_button));
}

static void
on_clear_clicked (TesseraSpanSlot *self)
{
  g_signal_emit (self, signals[CLEARED], 0);
}

/* --- GObject ------------------------------------------------------------- */

static void
tessera_span_slot_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TESSERA_TYPE_SPAN_SLOT);

  G_OBJECT_CLASS (tessera_span_slot_parent_class)->dispose (object);
}

static void
tessera_span_slot_finalize (GObject *object)
{
  TesseraSpanSlot *self = TESSERA_SPAN_SLOT (object);

  g_clear_pointer (&self->field, g_free);
  g_clear_pointer (&self->placeholder, g_free);
  g_clear_pointer (&self->pick_name, g_free);
  g_clear_pointer (&self->pick_shortcut, g_free);
  g_clear_pointer (&self->clear_name, g_free);

  G_OBJECT_CLASS (tessera_span_slot_parent_class)->finalize (object);
}

static void
tessera_span_slot_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TesseraSpanSlot *self = TESSERA_SPAN_SLOT (object);

  switch (prop_id)
    {
    case PROP_FIELD:
      g_value_set_string (value, self->field);
      break;
    case PROP_PLACEHOLDER:
      g_value_set_string (value, self->placeholder);
      break;
    case PROP_PICK_LABEL:
      g_value_set_string (value, gtk_button_get_label (GTK_BUTTON (self->pick_button)));
      break;
    case PROP_PICK_TOOLTIP:
      g_value_set_string (value, gtk_widget_get_tooltip_text (GTK_WIDGET (self->pick_button)));
      break;
    case PROP_PICK_NAME:
      g_value_set_string (value, self->pick_name);
      break;
    case PROP_PICK_SHORTCUT:
      g_value_set_string (value, self->pick_shortcut);
      break;
    case PROP_CLEAR_NAME:
      g_value_set_string (value, self->clear_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Replaces *@field with @value; FALSE when it held that already. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
tessera_span_slot_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TesseraSpanSlot *self = TESSERA_SPAN_SLOT (object);
  const char *string = g_value_get_string (value);
  gboolean changed = FALSE;

  switch (prop_id)
    {
    case PROP_FIELD:
      if ((changed = set_string (&self->field, string)))
        update_accessible_value (self);
      break;
    case PROP_PLACEHOLDER:
      changed = set_string (&self->placeholder, string);
      break;
    case PROP_PICK_LABEL:
      if ((changed = g_strcmp0 (gtk_button_get_label (GTK_BUTTON (self->pick_button)), string) != 0))
        gtk_button_set_label (GTK_BUTTON (self->pick_button), string);
      break;
    case PROP_PICK_TOOLTIP:
      if ((changed = g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (self->pick_button)), string) != 0))
        gtk_widget_set_tooltip_text (GTK_WIDGET (self->pick_button), string);
      break;
    case PROP_PICK_NAME:
      if ((changed = set_string (&self->pick_name, string)))
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->pick_button),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, string, -1);
      break;
    case PROP_PICK_SHORTCUT:
      if ((changed = set_string (&self->pick_shortcut, string)))
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->pick_button),
                                        GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS, string, -1);
      break;
    case PROP_CLEAR_NAME:
      if ((changed = set_string (&self->clear_name, string)))
        {
          gtk_widget_set_tooltip_text (self->clear_button, string);
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->clear_button),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, string, -1);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
tessera_span_slot_class_init (TesseraSpanSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const char *names[N_PROPS] = {
    [PROP_FIELD] = "field",
    [PROP_PLACEHOLDER] = "placeholder",
    [PROP_PICK_LABEL] = "pick-label",
    [PROP_PICK_TOOLTIP] = "pick-tooltip",
    [PROP_PICK_NAME] = "pick-name",
    [PROP_PICK_SHORTCUT] = "pick-shortcut",
    [PROP_CLEAR_NAME] = "clear-name",
  };

  object_class->dispose = tessera_span_slot_dispose;
  object_class->finalize = tessera_span_slot_finalize;
  object_class->get_property = tessera_span_slot_get_property;
  object_class->set_property = tessera_span_slot_set_property;

  for (guint i = PROP_FIELD; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                         G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PICK_TOGGLED] =
    g_signal_new ("pick-toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[CLEARED] =
    g_signal_new ("cleared", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tessera/Tessera/tessera-span-slot.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraSpanSlot, box);
  gtk_widget_class_bind_template_child (widget_class, TesseraSpanSlot, value_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraSpanSlot, pick_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraSpanSlot, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, on_pick_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tessera_span_slot_init (TesseraSpanSlot *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tessera_span_slot_new (void)
{
  return g_object_new (TESSERA_TYPE_SPAN_SLOT, NULL);
}

void
tessera_span_slot_show (TesseraSpanSlot     *self,
                        TesseraOpenDocument *document,
                        const gint64        *span_ids,
                        guint                n_span_ids,
                        gboolean             picking)
{
  g_autoptr(GString) value = g_string_new (NULL);

  g_return_if_fail (TESSERA_IS_SPAN_SLOT (self));
  g_return_if_fail (document == NULL || TESSERA_IS_OPEN_DOCUMENT (document));
  g_return_if_fail (span_ids != NULL || n_span_ids == 0);

  for (guint i = 0; i < n_span_ids; i++)
    {
      g_autofree char *text = tessera_quote_span (document, span_ids[i]);

      if (value->len > 0)
        g_string_append (value, ", ");
      g_string_append (value, text ? text : "?");
    }

  /* What a pick is for, and how to make it, the inspector's pick bar
   * says: the value stays, and so does the height of the row. */
  gtk_label_set_text (self->value_label, n_span_ids > 0 ? value->str
                                                        : self->placeholder ? self->placeholder : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->value_label), n_span_ids > 0 ? value->str : NULL);

  if (n_span_ids == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->value_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->value_label), "dim-label");
  update_accessible_value (self);

  gtk_widget_set_visible (self->clear_button, n_span_ids > 0);

  /* The button of the slot waiting for a span stands out. */
  self->updating = TRUE;
  gtk_toggle_button_set_active (self->pick_button, picking);
  self->updating = FALSE;
  if (picking)
    gtk_widget_add_css_class (GTK_WIDGET (self->pick_button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->pick_button), "suggested-action");
}
