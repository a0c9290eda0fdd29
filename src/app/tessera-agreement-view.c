/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-agreement-view"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tessera-error.h"
#include "tessera-agreement-view.h"

/* Changes come in bursts (an import, a curation): compute once they settle. */
#define REFRESH_DELAY_MS 800
/* Rows of the disagreement list; the rest are counted. */
#define MAX_ROWS 2000

struct _TesseraAgreementView
{
  GtkWidget         parent_instance;

  TesseraWorkbench *workbench;
  GSignalGroup     *workbench_signals;
  GBindingGroup    *workbench_bindings;
  GSignalGroup     *project_signals;
  TesseraAgreement *agreement;
  GCancellable     *cancellable;
  gboolean          dirty;
  guint             refresh_id;
  /* The cell chosen. */
  guint             pair;
  TesseraAgreementMeasure measure;
  char             *label;
  GPtrArray        *shown;   /* TesseraDisagreement*, owned by the agreement */
  GHashTable       *titles;  /* document id → title */

  /* Template widgets */
  GtkWidget        *content;
  GtkLabel         *summary_label;
  GtkSpinner       *spinner;
  GtkStack         *stack;
  AdwStatusPage    *empty_page;
  GtkGrid          *pairs_grid;
  GtkLabel         *labels_heading;
  GtkGrid          *labels_grid;
  GtkLabel         *notes_label;
  GtkLabel         *cell_heading;
  GtkListBox       *disagreement_list;
};

G_DEFINE_FINAL_TYPE (TesseraAgreementView, tessera_agreement_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WORKBENCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static TesseraProject *
get_project (TesseraAgreementView *self)
{
  return self->workbench != NULL ? tessera_workbench_get_project (self->workbench) : NULL;
}

static const char *
measure_title (TesseraAgreementMeasure measure)
{
  switch (measure)
    {
    case TESSERA_AGREEMENT_SPANS:
      return _("Entities");
    case TESSERA_AGREEMENT_TRIGGERS:
      return _("Triggers");
    case TESSERA_AGREEMENT_ARGUMENTS:
      return _("Arguments");
    case TESSERA_AGREEMENT_FRAMES:
      return _("Frames");
    case TESSERA_AGREEMENT_STANCES:
      return _("Stances");
    case TESSERA_AGREEMENT_N_MEASURES:
    default:
      return "";
    }
}

/* "0.83", or "–" when there was nothing to compare. */
static char *
figure (double value)
{
  return isnan (value) ? g_strdup ("–") : g_strdup_printf ("%.2f", value);
}

static char *
count_tooltip (const TesseraAgreementPair  *pair,
               const TesseraAgreementCount *count)
{
  /* Translators: a cell of the agreement table: "36 alike; ana 39, ben 36" */
  return g_strdup_printf (_("%u alike; %s %u, %s %u"), count->matched, pair->a, count->a, pair->b, count->b);
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
cell_label (const char *text,
            gboolean    heading,
            float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (heading)
    gtk_widget_add_css_class (label, "agreement-column");
  else
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

/* --- the disagreements of the chosen cell --------------------------------------- */

static const char *
document_title (TesseraAgreementView *self,
                gint64                document_id)
{
  TesseraProject *project = get_project (self);
  const char *title = g_hash_table_lookup (self->titles, &document_id);

  if (title == NULL && project != NULL)
    {
      g_autoptr(TesseraDocument) doc = tessera_project_get_document (project, document_id, FALSE, NULL);

      title = doc != NULL ? doc->title : "";
      g_hash_table_insert (self->titles, g_memdup2 (&document_id, sizeof document_id), g_strdup (title));
      title = g_hash_table_lookup (self->titles, &document_id);
    }
  return title != NULL ? title : "";
}

static GtkWidget *
disagreement_row (TesseraAgreementView       *self,
                  const TesseraAgreementPair *pair,
                  const TesseraDisagreement  *d)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *who_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *who, *what, *where;
  /* Translators: who made an annotation the other did not: "ana only" */
  g_autofree char *only = g_strdup_printf (_("%s only"), d->first ? pair->a : pair->b);
  /* Translators: a disagreement as a screen reader says it, who alone made
   * what, and in which document: "ana only: Place “Kidal”, in Clashes near Kidal". */
  g_autofree char *spoken = g_strdup_printf (_("%s: %s, in %s"), only, d->description,
                                             document_title (self, d->document_id));

  who = gtk_label_new (only);
  gtk_widget_add_css_class (who, d->first ? "agreement-first" : "agreement-second");
  gtk_widget_set_halign (who, GTK_ALIGN_START);
  gtk_widget_set_valign (who, GTK_ALIGN_CENTER);
  gtk_label_set_ellipsize (GTK_LABEL (who), PANGO_ELLIPSIZE_END);

  what = gtk_label_new (d->description);
  gtk_label_set_xalign (GTK_LABEL (what), 0);
  gtk_label_set_wrap (GTK_LABEL (what), TRUE);
  gtk_widget_set_hexpand (what, TRUE);

  where = gtk_label_new (document_title (self, d->document_id));
  gtk_label_set_xalign (GTK_LABEL (where), 1);
  gtk_label_set_ellipsize (GTK_LABEL (where), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (where), 36);
  gtk_widget_add_css_class (where, "dim-label");

  /* A column of the same width, the pill only as wide as the name. */
  gtk_widget_set_size_request (who_box, 110, -1);
  gtk_box_append (GTK_BOX (who_box), who);
  gtk_box_append (GTK_BOX (box), who_box);
  gtk_box_append (GTK_BOX (box), what);
  gtk_box_append (GTK_BOX (box), where);
  gtk_widget_set_tooltip_text (box, _("Open this passage"));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  return row;
}

static void
show_cell (TesseraAgreementView *self)
{
  const TesseraAgreementPair *pair;
  g_autofree char *heading = NULL;
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->disagreement_list))) != NULL)
    gtk_list_box_remove (self->disagreement_list, child);
  g_ptr_array_set_size (self->shown, 0);

  if (self->agreement == NULL || self->pair >= self->agreement->pairs->len)
    {
      gtk_label_set_label (self->cell_heading, "");
      return;
    }
  pair = g_ptr_array_index (self->agreement->pairs, self->pair);

  for (guint i = 0; i < pair->disagreements->len; i++)
    {
      TesseraDisagreement *d = &g_array_index (pair->disagreements, TesseraDisagreement, i);

      if (d->measure != self->measure ||
          (self->label != NULL && g_strcmp0 (d->label, self->label) != 0))
        continue;
      n++;
      if (self->shown->len < MAX_ROWS)
        {
          g_ptr_array_add (self->shown, d);
          gtk_list_box_append (self->disagreement_list, disagreement_row (self, pair, d));
        }
    }

  if (n == 0)
    /* Translators: "Entities, ana – ben: no disagreement" */
    heading = g_strdup_printf (_("%s%s%s, %s – %s: no disagreement"), measure_title (self->measure),
                               self->label != NULL ? " · " : "", self->label != NULL ? self->label : "",
                               pair->a, pair->b);
  else
    heading = g_strdup_printf (ngettext ("%s%s%s, %s – %s: %u disagreement (click one to open its passage)",
                                         "%s%s%s, %s – %s: %u disagreements (click one to open its passage)", n),
                               measure_title (self->measure),
                               self->label != NULL ? " · " : "", self->label != NULL ? self->label : "",
                               pair->a, pair->b, n);
  gtk_label_set_label (self->cell_heading, heading);
}

static void
on_disagreement_activated (TesseraAgreementView *self,
                           GtkListBoxRow        *row)
{
  int index = gtk_list_box_row_get_index (row);
  const TesseraDisagreement *d;

  if (index < 0 || (guint) index >= self->shown->len)
    return;
  d = g_ptr_array_index (self->shown, index);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-passage", "(xx)", d->document_id, d->span_id);
}

/* --- the tables ------------------------------------------------------------------ */

static void fill_labels (TesseraAgreementView *self);

static void
mark_selected (GtkGrid *grid,
               int      column,
               int      row)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (grid)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int c, r;

      gtk_grid_query_child (grid, child, &c, &r, NULL, NULL);
      if (!GTK_IS_BUTTON (child))
        continue;
      /* A flat button draws no background: the chosen one is not flat. */
      if (c == column && r == row)
        {
          gtk_widget_add_css_class (child, "agreement-selected");
          gtk_widget_remove_css_class (child, "flat");
        }
      else
        {
          gtk_widget_remove_css_class (child, "agreement-selected");
          gtk_widget_add_css_class (child, "flat");
        }
    }
}

void
tessera_agreement_view_select_cell (TesseraAgreementView    *self,
                                    guint                    pair,
                                    TesseraAgreementMeasure  measure,
                                    const char              *label)
{
  g_return_if_fail (TESSERA_IS_AGREEMENT_VIEW (self));
  g_return_if_fail (measure < TESSERA_AGREEMENT_N_MEASURES);

  self->pair = pair;
  self->measure = measure;
  g_free (self->label);
  self->label = g_strdup (label);

  mark_selected (self->pairs_grid, label == NULL ? 2 + (int) measure : -1, 1 + (int) pair);
  fill_labels (self);
  show_cell (self);
}

static void
on_cell_clicked (GtkButton            *button,
                 TesseraAgreementView *self)
{
  guint pair = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "pair"));
  guint measure = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "measure"));
  const char *label = g_object_get_data (G_OBJECT (button), "label");

  tessera_agreement_view_select_cell (self, pair, measure, label);
}

static GtkWidget *
cell_button (TesseraAgreementView        *self,
             const TesseraAgreementPair  *pair,
             const TesseraAgreementCount *count,
             guint                        pair_index,
             TesseraAgreementMeasure      measure,
             const char                  *label)
{
  double f1_value = tessera_agreement_count_f1 (count);
  g_autofree char *f1 = figure (f1_value);
  g_autofree char *tooltip = count_tooltip (pair, count);
  GtkWidget *button = gtk_button_new_with_label (f1);
  /* Translators: a figure of the agreement table as a screen reader says
   * it, what it measures, the pair and the figure: "Entities, ana and
   * ben: F1 0.82"; "not available" stands for a figure that cannot be computed. */
  g_autofree char *spoken = g_strdup_printf (_("%s, %s and %s: F1 %s"),
                                             label != NULL ? label : measure_title (measure),
                                             pair->a, pair->b,
                                             isnan (f1_value) ? _("not available") : f1);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "numeric");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  g_object_set_data (G_OBJECT (button), "pair", GUINT_TO_POINTER (pair_index));
  g_object_set_data (G_OBJECT (button), "measure", GUINT_TO_POINTER (measure));
  if (label != NULL)
    g_object_set_data_full (G_OBJECT (button), "label", g_strdup (label), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_cell_clicked), self, 0);
  return button;
}

static void
fill_labels (TesseraAgreementView *self)
{
  const TesseraAgreementPair *pair;
  g_autofree char *heading = NULL;

  clear_grid (self->labels_grid);
  if (self->agreement == NULL || self->pair >= self->agreement->pairs->len)
    return;
  pair = g_ptr_array_index (self->agreement->pairs, self->pair);

  /* Translators: "Entities by label, ana – ben" */
  heading = g_strdup_printf (_("Entities by label, %s – %s"), pair->a, pair->b);
  gtk_label_set_label (self->labels_heading, heading);
  gtk_widget_set_visible (GTK_WIDGET (self->labels_heading), pair->labels->len > 0);

  for (guint l = 0; l < pair->labels->len; l++)
    {
      const char *name = g_ptr_array_index (pair->labels, l);
      const TesseraAgreementCount *count = &g_array_index (pair->by_label, TesseraAgreementCount, l);
      g_autofree char *counts = count_tooltip (pair, count);
      GtkWidget *button = cell_button (self, pair, count, self->pair, TESSERA_AGREEMENT_SPANS, name);

      gtk_grid_attach (self->labels_grid, cell_label (name, FALSE, 0), 0, l, 1, 1);
      gtk_grid_attach (self->labels_grid, button, 1, l, 1, 1);
      gtk_grid_attach (self->labels_grid, cell_label (counts, FALSE, 0), 2, l, 1, 1);
      if (self->label != NULL && g_str_equal (self->label, name))
        {
          gtk_widget_add_css_class (button, "agreement-selected");
          gtk_widget_remove_css_class (button, "flat");
        }
    }
}

static void
fill_pairs (TesseraAgreementView *self)
{
  const TesseraAgreement *agreement = self->agreement;
  const char *headers[] = {
    N_("Pair"), N_("Documents"), NULL, NULL, NULL, NULL, NULL,
    /* Translators: column of the agreement table: Krippendorff's alpha */
    N_("α"),
    /* Translators: column of the agreement table: B-cubed on clusters */
    N_("B³"),
  };

  clear_grid (self->pairs_grid);
  for (guint h = 0; h < G_N_ELEMENTS (headers); h++)
    {
      const char *title = h >= 2 && h < 2 + TESSERA_AGREEMENT_N_MEASURES ? measure_title (h - 2) : _(headers[h]);

      gtk_grid_attach (self->pairs_grid, cell_label (title, TRUE, h == 0 ? 0 : 0.5), h, 0, 1, 1);
    }

  for (guint p = 0; p < agreement->pairs->len; p++)
    {
      const TesseraAgreementPair *pair = g_ptr_array_index (agreement->pairs, p);
      g_autofree char *name = g_strdup_printf ("%s – %s", pair->a, pair->b);
      g_autofree char *docs = g_strdup_printf ("%u", pair->n_documents);
      g_autofree char *alpha = figure (pair->alpha);
      g_autofree char *b3 = figure (pair->b3_f1);
      GtkWidget *alpha_label = cell_label (alpha, FALSE, 0.5);
      GtkWidget *b3_label = cell_label (b3, FALSE, 0.5);
      g_autofree char *alpha_tip = NULL, *b3_tip = NULL;

      GtkWidget *name_label = cell_label (name, FALSE, 0);

      gtk_widget_add_css_class (name_label, "heading");
      gtk_grid_attach (self->pairs_grid, name_label, 0, p + 1, 1, 1);
      gtk_grid_attach (self->pairs_grid, cell_label (docs, FALSE, 0.5), 1, p + 1, 1, 1);
      for (guint m = 0; m < TESSERA_AGREEMENT_N_MEASURES; m++)
        gtk_grid_attach (self->pairs_grid, cell_button (self, pair, &pair->counts[m], p, m, NULL), 2 + m, p + 1, 1, 1);

      /* Translators: tooltip of α: how many places it was computed over */
      alpha_tip = g_strdup_printf (ngettext ("Krippendorff’s α (nominal) over %u place marked as an entity",
                                             "Krippendorff’s α (nominal) over %u places marked as entities",
                                             pair->alpha_units), pair->alpha_units);
      gtk_widget_set_tooltip_text (alpha_label, alpha_tip);
      /* Translators: tooltip of B³ */
      b3_tip = g_strdup_printf (ngettext ("B³ over %u mention both marked and either linked into a cluster",
                                          "B³ over %u mentions both marked and either linked into a cluster",
                                          pair->b3_mentions), pair->b3_mentions);
      gtk_widget_set_tooltip_text (b3_label, b3_tip);
      gtk_grid_attach (self->pairs_grid, alpha_label, 2 + TESSERA_AGREEMENT_N_MEASURES, p + 1, 1, 1);
      gtk_grid_attach (self->pairs_grid, b3_label, 3 + TESSERA_AGREEMENT_N_MEASURES, p + 1, 1, 1);
    }
}

static void
show_agreement (TesseraAgreementView *self)
{
  const TesseraAgreement *agreement = self->agreement;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *summary = NULL;

  for (guint i = 0; i < agreement->annotators->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", (char *) g_ptr_array_index (agreement->annotators, i));
  /* Translators: "F1 of what each pair of annotators made, over the documents both annotated: ana, ben" */
  summary = g_strdup_printf (_("F1 of what each pair made, over the documents both annotated: %s"), names->str);
  gtk_label_set_label (self->summary_label, summary);
  gtk_label_set_label (self->notes_label,
                       _("Entities: start, end and label alike. Triggers: trigger and type. Arguments: "
                         "trigger, type, role and span. Frames: a whole event alike, with realis and "
                         "confirmation. Stances: statement, label, holder and target. Suggestions take "
                         "no part. α: Krippendorff’s alpha (nominal) over the places either marked as an "
                         "entity. B³: over the mentions both marked that either linked into a cluster."));

  fill_pairs (self);
  if (self->pair >= agreement->pairs->len)
    self->pair = 0;
  tessera_agreement_view_select_cell (self, self->pair, self->measure, self->label);
  gtk_stack_set_visible_child_name (self->stack, "table");
}

/* --- computing ----------------------------------------------------------------- */

static void
show_empty (TesseraAgreementView *self,
            const char           *title,
            const char           *message)
{
  gtk_label_set_label (self->summary_label, "");
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, message);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
on_computed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TesseraAgreementView) self = user_data;
  g_autoptr(GError) error = NULL;
  TesseraAgreement *agreement = tessera_agreement_compute_finish (TESSERA_PROJECT (source), result, &error);

  /* Only the latest computation counts. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable ||
      TESSERA_PROJECT (source) != get_project (self))
    {
      g_clear_pointer (&agreement, tessera_agreement_free);
      return;
    }

  gtk_spinner_stop (self->spinner);
  g_clear_object (&self->cancellable);
  g_ptr_array_set_size (self->shown, 0);
  g_clear_pointer (&self->agreement, tessera_agreement_free);
  if (agreement == NULL)
    {
      if (g_error_matches (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT))
        show_empty (self, _("One Annotator So Far"),
                    _("Agreement needs the work of two annotators or more. Merge their projects "
                      "into this one (tessera-cli merge) to compare them."));
      else
        show_empty (self, _("Agreement Could Not Be Computed"), error->message);
      return;
    }
  self->agreement = agreement;
  show_agreement (self);
}

static void
refresh (TesseraAgreementView *self)
{
  TesseraProject *project = get_project (self);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  self->dirty = FALSE;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_hash_table_remove_all (self->titles);

  if (project == NULL || tessera_project_get_path (project) == NULL)
    {
      show_empty (self, _("No Project Open"), _("Open a project to compare its annotators"));
      return;
    }
  self->cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  tessera_agreement_compute_async (project, NULL, self->cancellable, on_computed, g_object_ref (self));
}

static gboolean
refresh_later (gpointer data)
{
  TesseraAgreementView *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_changes_done (TesseraAgreementView *self)
{
  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_later, self);
}

static void
on_project_changed (TesseraAgreementView *self)
{
  /* Another project: nothing of the last one stays on screen. */
  g_clear_pointer (&self->agreement, tessera_agreement_free);
  g_ptr_array_set_size (self->shown, 0);
  refresh (self);
}

/* --- GObject ------------------------------------------------------------------- */

static void
tessera_agreement_view_map (GtkWidget *widget)
{
  TesseraAgreementView *self = TESSERA_AGREEMENT_VIEW (widget);

  GTK_WIDGET_CLASS (tessera_agreement_view_parent_class)->map (widget);
  if (self->dirty || self->agreement == NULL)
    refresh (self);
}

static void
tessera_agreement_view_dispose (GObject *object)
{
  TesseraAgreementView *self = TESSERA_AGREEMENT_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_signal_group_set_target (self->workbench_signals, NULL);
  g_binding_group_set_source (self->workbench_bindings, NULL);
  g_clear_object (&self->workbench);
  g_clear_object (&self->workbench_signals);
  g_clear_object (&self->workbench_bindings);
  g_clear_object (&self->project_signals);

  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_AGREEMENT_VIEW);

  G_OBJECT_CLASS (tessera_agreement_view_parent_class)->dispose (object);
}

static void
tessera_agreement_view_finalize (GObject *object)
{
  TesseraAgreementView *self = TESSERA_AGREEMENT_VIEW (object);

  g_ptr_array_unref (self->shown);
  g_clear_pointer (&self->agreement, tessera_agreement_free);
  g_hash_table_unref (self->titles);
  g_free (self->label);

  G_OBJECT_CLASS (tessera_agreement_view_parent_class)->finalize (object);
}

static void
tessera_agreement_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TesseraAgreementView *self = TESSERA_AGREEMENT_VIEW (object);

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
tessera_agreement_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TesseraAgreementView *self = TESSERA_AGREEMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_WORKBENCH:
      tessera_agreement_view_set_workbench (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_agreement_view_class_init (TesseraAgreementViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_agreement_view_dispose;
  object_class->finalize = tessera_agreement_view_finalize;
  object_class->get_property = tessera_agreement_view_get_property;
  object_class->set_property = tessera_agreement_view_set_property;
  widget_class->map = tessera_agreement_view_map;

  properties[PROP_WORKBENCH] =
    g_param_spec_object ("workbench", NULL, NULL, TESSERA_TYPE_WORKBENCH,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-agreement-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraAgreementView, content);
  gtk_widget_class_bind_template_child (widget_class, TesseraAgreementView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraAgreementView, spinner);
  gtk_widget_class_bind_template_child (widget_class, TesseraAgreementView, stack);
  gtk_widget_class_bind_template_child (widget_class, TesseraAgreementView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TesseraAgreementView, pairs_grid);
  gtk_widget_class_bind_template_child (widget_class, TesseraAgreementView, labels_heading);
  gtk_widget_class_bind_template_child (widget_class, TesseraAgreementView, labels_grid);
  gtk_widget_class_bind_template_child (widget_class, TesseraAgreementView, notes_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraAgreementView, cell_heading);
  gtk_widget_class_bind_template_child (widget_class, TesseraAgreementView, disagreement_list);
  gtk_widget_class_bind_template_callback (widget_class, on_disagreement_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "agreement");
}

static void
tessera_agreement_view_init (TesseraAgreementView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->shown = g_ptr_array_new ();
  self->titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  /* The workbench's project: its changes make the figures stale. */
  self->project_signals = g_signal_group_new (TESSERA_TYPE_PROJECT);
  g_signal_group_connect_swapped (self->project_signals, "changes-done", G_CALLBACK (on_changes_done), self);
  self->workbench_bindings = g_binding_group_new ();
  g_binding_group_bind (self->workbench_bindings, "project", self->project_signals, "target", G_BINDING_SYNC_CREATE);
  self->workbench_signals = g_signal_group_new (TESSERA_TYPE_WORKBENCH);
  g_signal_group_connect_swapped (self->workbench_signals, "notify::project", G_CALLBACK (on_project_changed), self);
  show_empty (self, "", "");
}

/* --- public --------------------------------------------------------------------- */

TesseraWorkbench *
tessera_agreement_view_get_workbench (TesseraAgreementView *self)
{
  g_return_val_if_fail (TESSERA_IS_AGREEMENT_VIEW (self), NULL);

  return self->workbench;
}

void
tessera_agreement_view_set_workbench (TesseraAgreementView *self,
                                      TesseraWorkbench     *workbench)
{
  g_return_if_fail (TESSERA_IS_AGREEMENT_VIEW (self));
  g_return_if_fail (workbench == NULL || TESSERA_IS_WORKBENCH (workbench));

  if (!g_set_object (&self->workbench, workbench))
    return;
  g_signal_group_set_target (self->workbench_signals, workbench);
  g_binding_group_set_source (self->workbench_bindings, workbench);
  /* Without a workbench, no project (a binding group leaves the last one). */
  if (workbench == NULL)
    g_signal_group_set_target (self->project_signals, NULL);
  on_project_changed (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKBENCH]);
}

const TesseraAgreement *
tessera_agreement_view_get_agreement (TesseraAgreementView *self)
{
  g_return_val_if_fail (TESSERA_IS_AGREEMENT_VIEW (self), NULL);

  return self->agreement;
}

gboolean
tessera_agreement_view_get_busy (TesseraAgreementView *self)
{
  g_return_val_if_fail (TESSERA_IS_AGREEMENT_VIEW (self), FALSE);

  return self->cancellable != NULL || self->refresh_id != 0;
}

GPtrArray *
tessera_agreement_view_list_shown (TesseraAgreementView *self)
{
  g_return_val_if_fail (TESSERA_IS_AGREEMENT_VIEW (self), NULL);

  return self->shown;
}
