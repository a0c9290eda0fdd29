/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-value-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-accessible.h"
#include "tessera-span-meaning.h"
#include "tessera-value-cell.h"

struct _TesseraValueCell
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkWidget *icon;    /* the warning, shown when the cell disagrees */
  GtkWidget *lines;   /* one line per text, then the caption */
};

G_DEFINE_FINAL_TYPE (TesseraValueCell, tessera_value_cell, GTK_TYPE_WIDGET)

/* A label that wraps between words, at most @max_width characters wide
 * and at least @min_width, so that a column is never narrower than a word
 * and the table scrolls sideways rather than breaking one. */
static GtkWidget *
cell_label (const char *text,
            int         min_width,
            int         max_width)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_label_set_width_chars (GTK_LABEL (label), min_width);
  gtk_label_set_max_width_chars (GTK_LABEL (label), max_width);

  return label;
}

/* What a screen reader says for a text of the cell, and what the others
 * say when it differs from them (sighted users see the tint and the
 * tooltip). */
static void
describe_text (GtkWidget                      *widget,
               const char                     *column,
               const char                     *text,
               const TesseraCorroborationCell *cell,
               gboolean                        unreviewed)
{
  g_autofree char *name = unreviewed
    /* Translators: a value only suggested, as a screen reader says it. */
    ? g_strdup_printf (_("%s: %s, unreviewed suggestion"), column, text)
    : cell->disagrees
    /* Translators: a cell that differs from other reports, as a screen reader says it. */
    ? g_strdup_printf (_("%s: %s, differs from other reports"), column, text)
    /* Translators: what a screen reader says for a cell: "Casualties: 12 soldiers". */
    : g_strdup_printf (_("%s: %s"), column, text);

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (cell->others != NULL && !unreviewed)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    cell->others, -1);
}

/* What a screen reader says of the table's cell that holds @widget: the
 * column and every text ("Agent: government troops, rebel fighters"). */
static void
name_table_cell (GtkWidget                        *widget,
                 const TesseraCorroborationColumn *column,
                 const TesseraCorroborationCell   *cell)
{
  g_autoptr(GString) texts = g_string_new (NULL);
  g_autofree char *name = NULL;

  for (guint i = 0; i < cell->texts->len; i++)
    {
      if (i > 0)
        g_string_append (texts, ", ");
      g_string_append (texts, g_ptr_array_index (cell->texts, i));
    }
  if (cell->caption != NULL && texts->len > 0)
    {
      /* Translators: a trigger and its event type: "clashed (Battle)". */
      g_autofree char *typed = g_strdup_printf (_("%s (%s)"), texts->str, cell->caption);

      g_string_assign (texts, typed);
    }

  if (texts->len == 0)
    name = g_strdup_printf (_("%s: not reported"), column->title);
  else if (cell->disagrees)
    name = g_strdup_printf (_("%s: %s, differs from other reports"), column->title, texts->str);
  else
    name = g_strdup_printf (_("%s: %s"), column->title, texts->str);
  tessera_accessible_name_list_row (widget, name);
}

/* What a value only suggested says: it counts for nothing, as in the exports. */
#define UNREVIEWED_TIP _("Unreviewed suggestion: not counted toward the majority, and left out of exports. Open it to review it.")

/* A text that opens its passage when clicked. */
static GtkWidget *
passage_button (const TesseraCorroborationColumn *column,
                const TesseraCorroborationCell   *cell,
                const char                       *text,
                gboolean                          unreviewed,
                gint64                            document_id,
                gint64                            span_id)
{
  gboolean stances = column->kind == TESSERA_CORROBORATION_COLUMN_STANCES;
  GtkWidget *button = gtk_button_new ();

  gtk_button_set_child (GTK_BUTTON (button), cell_label (text, stances ? 12 : 8, stances ? 24 : 18));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "passage");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  if (unreviewed)
    {
      gtk_widget_add_css_class (button, "unreviewed");
      gtk_widget_set_tooltip_text (button, UNREVIEWED_TIP);
    }
  else
    gtk_widget_set_tooltip_text (button, cell->others != NULL ? cell->others : _("Open this passage"));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xx)", document_id, span_id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "corroboration.open-passage");
  describe_text (button, column->title, text, cell, unreviewed);

  return button;
}

/* How the texts of @column are read: the Time column's as dates, the
 * Casualties column's as figures (as the record export reads them). */
static TesseraSpanMeaningKind
column_meaning (const TesseraCorroborationColumn *column)
{
  if (column->kind != TESSERA_CORROBORATION_COLUMN_ROLE)
    return TESSERA_SPAN_MEANING_NONE;
  if (g_strcmp0 (column->key, "Time") == 0)
    return TESSERA_SPAN_MEANING_DATE;
  if (g_strcmp0 (column->key, "Casualties") == 0)
    return TESSERA_SPAN_MEANING_FIGURE;

  return TESSERA_SPAN_MEANING_NONE;
}

/* A dim line under a text: what it means, read against the report's
 * publication date ("2024-03-01", "≥ 8"), the whole reading in its
 * tooltip; NULL when it means nothing. */
static GtkWidget *
meaning_caption (TesseraSpanMeaningKind  kind,
                 const char             *text,
                 const char             *published)
{
  g_autofree char *caption = tessera_span_meaning_caption (kind, text, published);
  g_autofree char *described = NULL;
  GtkWidget *label;

  if (caption == NULL)
    return NULL;
  described = tessera_span_meaning_describe (kind, text, published);
  label = cell_label (caption, 8, 20);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_tooltip_text (label, described);

  return label;
}

static gboolean
is_claim (const char *realis)
{
  return realis != NULL && !g_str_equal (realis, "actual");
}

/* Claims and what is unconfirmed read in italics. */
static gboolean
is_hedged (TesseraCorroborationRow          *row,
           const TesseraCorroborationColumn *column)
{
  switch (column->kind)
    {
    case TESSERA_CORROBORATION_COLUMN_TRIGGER:
    case TESSERA_CORROBORATION_COLUMN_REALIS:
      return is_claim (tessera_corroboration_row_get_realis (row));
    case TESSERA_CORROBORATION_COLUMN_CONFIRMATION:
      return g_strcmp0 (tessera_corroboration_row_get_confirmation (row), "unconfirmed") == 0;
    case TESSERA_CORROBORATION_COLUMN_ROLE:
    case TESSERA_CORROBORATION_COLUMN_STANCES:
    default:
      return FALSE;
    }
}

static void
tessera_value_cell_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TESSERA_TYPE_VALUE_CELL);

  G_OBJECT_CLASS (tessera_value_cell_parent_class)->dispose (object);
}

static void
tessera_value_cell_class_init (TesseraValueCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_value_cell_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tessera/Tessera/tessera-value-cell.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraValueCell, icon);
  gtk_widget_class_bind_template_child (widget_class, TesseraValueCell, lines);
}

static void
tessera_value_cell_init (TesseraValueCell *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tessera_value_cell_new (void)
{
  return g_object_new (TESSERA_TYPE_VALUE_CELL, NULL);
}

void
tessera_value_cell_set_row (TesseraValueCell                 *self,
                            TesseraCorroborationRow          *row,
                            const TesseraCorroborationColumn *column,
                            guint                             index)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const TesseraCorroborationCell *cell;
  TesseraSpanMeaningKind meaning;
  GtkWidget *child;

  g_return_if_fail (TESSERA_IS_VALUE_CELL (self));
  g_return_if_fail (row == NULL || TESSERA_IS_CORROBORATION_ROW (row));
  g_return_if_fail (row == NULL || column != NULL);

  while ((child = gtk_widget_get_first_child (self->lines)) != NULL)
    gtk_box_remove (GTK_BOX (self->lines), child);
  gtk_widget_remove_css_class (widget, "disagrees");
  gtk_widget_remove_css_class (widget, "claimed");
  gtk_widget_set_visible (self->icon, FALSE);
  gtk_widget_set_tooltip_text (widget, NULL);
  if (row == NULL)
    {
      tessera_accessible_name_list_row (widget, NULL);
      return;
    }

  cell = tessera_corroboration_row_get_cell (row, index);
  name_table_cell (widget, column, cell);
  if (cell->disagrees)
    {
      gtk_widget_add_css_class (widget, "disagrees");
      gtk_widget_set_visible (self->icon, TRUE);
    }
  gtk_widget_set_tooltip_text (widget, cell->others);
  if (is_hedged (row, column))
    gtk_widget_add_css_class (widget, "claimed");

  if (cell->texts->len == 0)
    {
      GtkWidget *none = cell_label ("—", 1, 4);
      /* Translators: an empty cell, as a screen reader says it: "Casualties: not reported". */
      g_autofree char *name = g_strdup_printf (_("%s: not reported"), column->title);

      gtk_widget_add_css_class (none, "dim-label");
      gtk_accessible_update_property (GTK_ACCESSIBLE (none), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_box_append (GTK_BOX (self->lines), none);
      return;
    }

  for (guint i = 0; i < cell->texts->len; i++)
    {
      const char *text = g_ptr_array_index (cell->texts, i);
      gboolean unreviewed = g_array_index (cell->unreviewed, gboolean, i);

      if (column->kind == TESSERA_CORROBORATION_COLUMN_REALIS ||
          column->kind == TESSERA_CORROBORATION_COLUMN_CONFIRMATION)
        {
          GtkWidget *label = cell_label (text, 9, 14);

          describe_text (label, column->title, text, cell, unreviewed);
          if (unreviewed)
            {
              GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

              /* The class goes on a parent, as on a button's. */
              gtk_widget_add_css_class (box, "unreviewed");
              gtk_widget_set_tooltip_text (box, UNREVIEWED_TIP);
              gtk_box_append (GTK_BOX (box), label);
              label = box;
            }
          gtk_box_append (GTK_BOX (self->lines), label);
        }
      else
        gtk_box_append (GTK_BOX (self->lines),
                        passage_button (column, cell, text, unreviewed,
                                        tessera_corroboration_row_get_document_id (row),
                                        g_array_index (cell->span_ids, gint64, i)));

      if ((meaning = column_meaning (column)) != TESSERA_SPAN_MEANING_NONE &&
          (child = meaning_caption (meaning, text, tessera_corroboration_row_get_published (row))) != NULL)
        gtk_box_append (GTK_BOX (self->lines), child);
    }

  if (cell->caption != NULL)
    {
      GtkWidget *caption = cell_label (cell->caption, 8, 20);

      gtk_widget_add_css_class (caption, "dim-label");
      gtk_widget_add_css_class (caption, "caption");
      gtk_box_append (GTK_BOX (self->lines), caption);
    }
}
