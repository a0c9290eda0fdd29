/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-document-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-agreement.h"
#include "tessera-document-view-private.h"

/* Changes come in bursts: compute the agreement once they settle. */
#define AGREEMENT_DELAY_MS 800

/* Whose annotations the document shows, where several people annotate a
 * project (merged for agreement or curation): everyone's, one layer, or
 * several at once. The choice is the workbench's, so the text, the list
 * and the other views follow it together. */

static void schedule_agreement (TesseraDocumentView *self,
                                gint64               annotator_id);

/* The header's button: shown only with two annotators or more, saying
 * whose work is on screen (and, for one layer, how far it agrees with
 * the others'). */
static void
update_button (TesseraDocumentView *self,
               gboolean             schedule)
{
  TesseraProject *project = self->project;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) shown = g_string_new (NULL);
  GHashTable *hidden = NULL;
  guint n_shown = 0;
  gint64 only = 0;

  if (self->workbench != NULL)
    g_object_get (self->workbench, "hidden-annotators", &hidden, NULL);
  tessera_text_view_set_hidden_annotators (self->text_view, hidden);
  g_clear_pointer (&hidden, g_hash_table_unref);

  if (project == NULL || tessera_project_get_n_annotators (project) < 2)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->annotators_button), FALSE);
      tessera_text_view_set_annotator_names (self->text_view, NULL);
      return;
    }

  ids = tessera_project_list_annotators (project);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!tessera_workbench_is_annotator_shown (self->workbench, id))
        continue;
      n_shown++;
      only = id;
      g_string_append_printf (shown, "%s%s", shown->len > 0 ? ", " : "", tessera_project_get_annotator_name (project, id));
    }

  /* Several people's work in this document: each caption says whose. */
  if (n_shown > 1 && tessera_workbench_shows_several_annotators (self->workbench))
    {
      g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

      for (guint i = 0; i < ids->len; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);

          g_hash_table_insert (names, g_memdup2 (&id, sizeof id),
                               g_strdup (tessera_project_get_annotator_name (project, id)));
        }
      tessera_text_view_set_annotator_names (self->text_view, names);
    }
  else
    tessera_text_view_set_annotator_names (self->text_view, NULL);

  if (n_shown == ids->len)
    gtk_label_set_label (self->annotators_label, _("Everyone"));
  else if (n_shown == 0)
    gtk_label_set_label (self->annotators_label, _("Nobody"));
  else if (n_shown == 1 && self->agreement_text != NULL && self->agreement_annotator == only)
    {
      g_autofree char *with = g_strdup_printf ("%s · %s", shown->str, self->agreement_text);

      gtk_label_set_label (self->annotators_label, with);
    }
  else if (n_shown <= 2)
    gtk_label_set_label (self->annotators_label, shown->str);
  else
    {
      /* Translators: whose annotations are shown: "3 of 5 annotators" */
      g_autofree char *some = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u annotator",
                                                            "%u of %u annotators", ids->len),
                                               n_shown, ids->len);

      gtk_label_set_label (self->annotators_label, some);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->annotators_button), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->annotators_button),
                               n_shown == 1 ? _("Whose Annotations to Show (the figures: how far this layer’s "
                                                "entities agree with each other annotator’s, F1 over the "
                                                "documents both annotated)")
                                            : _("Whose Annotations to Show"));
  if (schedule)
    schedule_agreement (self, n_shown == 1 ? only : 0);
}

void
_tessera_document_view_update_annotators (TesseraDocumentView *self)
{
  update_button (self, TRUE);
}

/* --- one layer's agreement with the others ---------------------------------- */

static void
on_agreement (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TesseraDocumentView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAgreement) agreement = tessera_agreement_compute_finish (TESSERA_PROJECT (source), result, &error);
  g_autoptr(GString) text = g_string_new (NULL);
  const char *name;

  /* Only the latest computation counts. */
  if (g_task_get_cancellable (G_TASK (result)) != self->agreement_cancellable)
    return;
  g_clear_object (&self->agreement_cancellable);

  if (agreement == NULL || self->project == NULL || TESSERA_PROJECT (source) != self->project)
    return;
  name = tessera_project_get_annotator_name (self->project, self->agreement_annotator);
  for (guint p = 0; name != NULL && p < agreement->pairs->len; p++)
    {
      const TesseraAgreementPair *pair = agreement->pairs->pdata[p];
      const char *other = g_str_equal (pair->a, name) ? pair->b : g_str_equal (pair->b, name) ? pair->a : NULL;
      double f1 = tessera_agreement_count_f1 (&pair->counts[TESSERA_AGREEMENT_SPANS]);

      if (other == NULL || pair->n_documents == 0 || f1 != f1)
        continue;
      g_string_append_printf (text, "%s%s %.2f", text->len > 0 ? " · " : "", other, f1);
    }
  g_free (self->agreement_text);
  self->agreement_text = text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
  update_button (self, FALSE);
}

static gboolean
compute_agreement (gpointer data)
{
  TesseraDocumentView *self = data;

  self->agreement_refresh_id = 0;
  if (self->project == NULL || self->agreement_annotator == 0 || tessera_project_get_path (self->project) == NULL)
    return G_SOURCE_REMOVE;
  if (self->agreement_cancellable != NULL)
    g_cancellable_cancel (self->agreement_cancellable);
  g_clear_object (&self->agreement_cancellable);
  self->agreement_cancellable = g_cancellable_new ();
  tessera_agreement_compute_async (self->project, NULL, self->agreement_cancellable, on_agreement,
                                   g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* After changes (or another layer chosen), once they settle; nothing when
 * more than one layer is shown. */
static void
schedule_agreement (TesseraDocumentView *self,
                    gint64               annotator_id)
{
  if (annotator_id != self->agreement_annotator)
    g_clear_pointer (&self->agreement_text, g_free);
  self->agreement_annotator = annotator_id;
  if (annotator_id == 0)
    {
      g_clear_handle_id (&self->agreement_refresh_id, g_source_remove);
      return;
    }
  if (self->agreement_refresh_id == 0)
    self->agreement_refresh_id = g_timeout_add (AGREEMENT_DELAY_MS, compute_agreement, self);
}

gboolean
tessera_document_view_get_busy (TesseraDocumentView *self)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_VIEW (self), FALSE);

  return self->agreement_cancellable != NULL || self->agreement_refresh_id != 0;
}

void
_tessera_document_view_annotators_dispose (TesseraDocumentView *self)
{
  g_clear_handle_id (&self->agreement_refresh_id, g_source_remove);
  if (self->agreement_cancellable != NULL)
    g_cancellable_cancel (self->agreement_cancellable);
  g_clear_object (&self->agreement_cancellable);
  g_clear_pointer (&self->agreement_text, g_free);
}

static void
on_annotator_toggled (GtkCheckButton      *check,
                      TesseraDocumentView *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (check), "annotator-id");

  if (self->workbench != NULL && id != NULL)
    tessera_workbench_set_annotator_shown (self->workbench, *id, gtk_check_button_get_active (check));
}

static void
on_everyone_clicked (TesseraDocumentView *self)
{
  if (self->workbench != NULL)
    tessera_workbench_show_all_annotators (self->workbench);
  gtk_popover_popdown (self->annotators_popover);
}

static void
on_annotators_popover_show (TesseraDocumentView *self)
{
  g_autoptr(GArray) ids = NULL;
  GtkWidget *child, *everyone, *heading;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->annotators_box))) != NULL)
    gtk_box_remove (self->annotators_box, child);
  if (self->project == NULL || self->workbench == NULL)
    return;

  heading = gtk_label_new (_("Show the Annotations of"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (self->annotators_box, heading);

  ids = tessera_project_list_annotators (self->project);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      GtkWidget *check = gtk_check_button_new_with_label (tessera_project_get_annotator_name (self->project, id));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), tessera_workbench_is_annotator_shown (self->workbench, id));
      g_object_set_data_full (G_OBJECT (check), "annotator-id", g_memdup2 (&id, sizeof id), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_annotator_toggled), self, 0);
      gtk_box_append (self->annotators_box, check);
    }

  everyone = gtk_button_new_with_mnemonic (_("_Everyone"));
  gtk_widget_add_css_class (everyone, "flat");
  g_signal_connect_object (everyone, "clicked", G_CALLBACK (on_everyone_clicked), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->annotators_box, everyone);
}

void
_tessera_document_view_annotators_init (TesseraDocumentView *self)
{
  g_signal_group_connect_swapped (self->workbench_signals, "notify::hidden-annotators",
                                  G_CALLBACK (_tessera_document_view_update_annotators), self);
  /* A merge or an import may bring annotators in; a curation moves the
   * agreement (computed again once changes settle). */
  g_signal_group_connect_swapped (self->document_signals, "changed",
                                  G_CALLBACK (_tessera_document_view_update_annotators), self);

}

void
_tessera_document_view_class_add_annotators (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentView, annotators_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentView, annotators_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentView, annotators_popover);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentView, annotators_box);
  gtk_widget_class_bind_template_callback (widget_class, on_annotators_popover_show);
}
