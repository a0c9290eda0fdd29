/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-corroboration-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-cluster.h"
#include "tessera-coded-record-editor.h"

struct _TesseraCodedRecordEditor
{
  GtkPopover  parent_instance;

  GtkWidget  *entries[8];   /* in the order of tessera_coded_fields() */
};

G_DEFINE_FINAL_TYPE (TesseraCodedRecordEditor, tessera_coded_record_editor, GTK_TYPE_POPOVER)

/* What each field is called, and what it holds. */
static const struct
{
  const char *title;
  const char *hint;
} field_names[] = {
  { N_("Type"), N_("The event type, as the schema names it") },
  { N_("Date"), N_("The day of the event, YYYY-MM-DD") },
  { N_("Precision"), N_("1: the day is known; 2: a week or a range of days; 3: only the month") },
  { N_("Actor 1"), N_("Who acted (the Agent)") },
  { N_("Actor 2"), N_("Who was fought or targeted") },
  { N_("Location"), N_("Where it happened") },
  { N_("Fatalities"), N_("A whole number: your reading of the figures reported") },
  { N_("Notes"), N_("Why, in a sentence or two") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (field_names) == 8);

static void
apply (TesseraCodedRecordEditor *self)
{
  const char * const *fields = tessera_coded_fields ();
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entries[i]))));

      g_variant_builder_add (&builder, "{ss}", fields[i], text);
    }

  gtk_popover_popdown (GTK_POPOVER (self));
  gtk_widget_activate_action_variant (GTK_WIDGET (self), "corroboration.set-coded",
                                      g_variant_builder_end (&builder));
}

static void
clear_all (TesseraCodedRecordEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->entries); i++)
    gtk_editable_set_text (GTK_EDITABLE (self->entries[i]), "");
  gtk_widget_grab_focus (self->entries[0]);
}

static void
tessera_coded_record_editor_init (TesseraCodedRecordEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *explain;
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *reset;
  GtkWidget *apply_button;

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  explain = gtk_label_new (_("What you set here replaces what the reports give, and the exports mark it "
                             "as set by hand. Leave a field empty to keep the reports' reading."));
  gtk_label_set_wrap (GTK_LABEL (explain), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (explain), 46);
  gtk_label_set_xalign (GTK_LABEL (explain), 0);
  gtk_widget_add_css_class (explain, "dim-label");
  gtk_box_append (GTK_BOX (box), explain);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  for (guint i = 0; i < G_N_ELEMENTS (field_names); i++)
    {
      GtkWidget *label = gtk_label_new (_(field_names[i].title));
      GtkWidget *entry = gtk_entry_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 30);
      gtk_widget_set_tooltip_text (entry, _(field_names[i].hint));
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(field_names[i].title),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(field_names[i].hint),
                                      -1);
      g_signal_connect_swapped (entry, "activate", G_CALLBACK (apply), self);
      gtk_grid_attach (GTK_GRID (grid), label, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), entry, 1, i, 1, 1);
      self->entries[i] = entry;
    }
  gtk_box_append (GTK_BOX (box), grid);

  reset = gtk_button_new_with_mnemonic (_("_Clear All"));
  gtk_widget_set_tooltip_text (reset, _("Give every field back to the reports"));
  g_signal_connect_swapped (reset, "clicked", G_CALLBACK (clear_all), self);
  apply_button = gtk_button_new_with_mnemonic (_("_Apply"));
  gtk_widget_add_css_class (apply_button, "suggested-action");
  gtk_widget_set_hexpand (apply_button, TRUE);
  gtk_widget_set_halign (apply_button, GTK_ALIGN_END);
  g_signal_connect_swapped (apply_button, "clicked", G_CALLBACK (apply), self);
  gtk_box_append (GTK_BOX (buttons), reset);
  gtk_box_append (GTK_BOX (buttons), apply_button);
  gtk_box_append (GTK_BOX (box), buttons);

  gtk_popover_set_child (GTK_POPOVER (self), box);
}

static void
tessera_coded_record_editor_class_init (TesseraCodedRecordEditorClass *klass)
{
}

GtkWidget *
tessera_coded_record_editor_new (void)
{
  return g_object_new (TESSERA_TYPE_CODED_RECORD_EDITOR, NULL);
}

/* Code points of what the reports give shown in an empty entry. */
#define MAX_PLACEHOLDER 36

void
tessera_coded_record_editor_set_record (TesseraCodedRecordEditor *self,
                                        const TesseraCodedEvent  *record)
{
  g_return_if_fail (TESSERA_IS_CODED_RECORD_EDITOR (self));

  for (guint i = 0; i < G_N_ELEMENTS (self->entries); i++)
    {
      const char *field = tessera_coded_fields ()[i];
      const char *gave = record != NULL ? tessera_coded_event_get_reports_gave (record, field) : NULL;
      g_autofree char *value = record != NULL ? tessera_coded_event_dup_field (record, field) : NULL;
      g_autofree char *reports = gave != NULL ? g_strdup (gave) : g_steal_pointer (&value);
      g_autofree char *hand = gave != NULL ? g_steal_pointer (&value) : NULL;
      g_autofree char *shown = NULL;

      /* A placeholder sets the entry's width: the notes would stretch the
       * popover past the window; the record above shows them whole. */
      if (reports != NULL && g_utf8_strlen (reports, -1) > MAX_PLACEHOLDER)
        {
          g_autofree char *cut = g_utf8_substring (reports, 0, MAX_PLACEHOLDER);

          shown = g_strconcat (cut, "…", NULL);
        }
      gtk_editable_set_text (GTK_EDITABLE (self->entries[i]), hand != NULL ? hand : "");
      gtk_entry_set_placeholder_text (GTK_ENTRY (self->entries[i]),
                                      shown != NULL ? shown
                                      : reports != NULL && *reports != '\0' ? reports : "—");
    }
}
