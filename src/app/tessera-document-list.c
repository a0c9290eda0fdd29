/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-document-list"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "tessera-accessible.h"
#include "tessera-document-item.h"
#include "tessera-dates.h"
#include "tessera-document-list-private.h"
#include "tessera-document-model.h"
#include "tessera-search.h"

struct _TesseraDocumentList
{
  GtkWidget             parent_instance;

  TesseraWorkbench     *workbench;
  GSignalGroup         *workbench_signals;
  TesseraDocumentModel *model;          /* the workbench's, or an empty one of its own */
  GSignalGroup         *model_signals;
  GtkSingleSelection   *selection;
  GSimpleAction        *status_action;
  GtkWidget            *status_popover;
  gint64                menu_document_id;
  /* Set while the list follows the workbench, so it does not echo back. */
  gboolean              following;
  /* Enter was pressed in the search entry before its search ended. */
  gboolean              activate_when_ready;

  /* template */
  GtkWidget            *box;
  GtkSearchEntry       *search_entry;
  GtkToggleButton      *all_button;
  GtkToggleButton      *new_button;
  GtkToggleButton      *in_progress_button;
  GtkToggleButton      *done_button;
  GtkStack             *stack;
  GtkListView          *list_view;
  GtkImage             *empty_image;
  GtkLabel             *empty_title;
  GtkLabel             *empty_description;
  GtkWidget            *empty_button;
  GtkLabel             *count_label;
  GMenuModel           *status_menu;
};

G_DEFINE_FINAL_TYPE (TesseraDocumentList, tessera_document_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WORKBENCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Row widgets: made in setup, filled in bind. */
#define ROW_ITEM_KEY "tessera-document-item"

typedef struct
{
  TesseraDocumentList *list;
  GtkWidget *title;
  GtkWidget *meta;
  GtkWidget *snippet;   /* where the search found the document */
  GtkWidget *status;
  GtkWidget *count;
} RowWidgets;

static const char *
status_label (TesseraDocumentStatus status)
{
  switch (status)
    {
    case TESSERA_STATUS_IN_PROGRESS:
      return C_("status", "In progress");
    case TESSERA_STATUS_DONE:
      return C_("status", "Done");
    case TESSERA_STATUS_NEW:
    case TESSERA_N_STATUSES:
    default:
      return C_("status", "New");
    }
}

static const char *
status_css_class (TesseraDocumentStatus status)
{
  switch (status)
    {
    case TESSERA_STATUS_IN_PROGRESS:
      return "status-in-progress";
    case TESSERA_STATUS_DONE:
      return "status-done";
    case TESSERA_STATUS_NEW:
    case TESSERA_N_STATUSES:
    default:
      return "status-new";
    }
}

static TesseraProject *get_project (TesseraDocumentList *self);

/* While searching, the excerpt around the first hit, hits in bold. */
static void
row_refresh_snippet (GtkWidget  *row,
                     RowWidgets *widgets,
                     gint64      id)
{
  TesseraDocumentList *self = widgets->list;
  const char *query = self->model ? tessera_document_model_get_search (self->model) : NULL;
  TesseraProject *project = get_project (self);
  g_autofree char *snippet = NULL;

  if (query != NULL && project != NULL)
    snippet = tessera_project_search_snippet (project, id, query, NULL);
  gtk_inscription_set_markup (GTK_INSCRIPTION (widgets->snippet), snippet);
  gtk_widget_set_visible (widgets->snippet, snippet != NULL);
}

static void
row_refresh (GtkWidget *row)
{
  RowWidgets *widgets = g_object_get_data (G_OBJECT (row), "tessera-row-widgets");
  TesseraDocumentItem *item = g_object_get_data (G_OBJECT (row), ROW_ITEM_KEY);
  g_autofree char *date = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *count = NULL;
  g_autofree char *count_tip = NULL;
  g_autofree char *accessible = NULL;
  const char *title, *source, *status;
  const char *classes[3] = { "status-pill", NULL, NULL };
  int n, pending;

  if (item == NULL)
    return;

  title = tessera_document_item_get_title (item);
  if (*title == '\0')
    title = _("Untitled");
  source = tessera_document_item_get_source (item);
  date = tessera_format_published (tessera_document_item_get_published (item), FALSE);
  if (*source != '\0' && date != NULL)
    /* TRANSLATORS: "source · date" under a document's title */
    meta = g_strdup_printf (_("%s · %s"), source, date);
  else
    meta = g_strdup (*source != '\0' ? source : date ? date : "");

  status = status_label (tessera_document_item_get_status (item));
  classes[1] = status_css_class (tessera_document_item_get_status (item));

  /* Accepted annotations, and suggestions apart. */
  pending = (int) MIN (tessera_document_item_get_n_pending (item), G_MAXINT);
  n = (int) MIN (tessera_document_item_get_n_annotations (item) - pending, G_MAXINT);
  if (pending > 0)
    {
      g_autofree char *accepted = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d annotation",
                                                                "%d annotations", n), n);
      g_autofree char *waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d suggestion pending",
                                                               "%d suggestions pending", pending), pending);

      /* TRANSLATORS: under a document's status in the document list:
       * accepted annotations, then suggestions not yet reviewed ("12 · 3
       * pending"); the plural follows the second number. */
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d · %d pending", "%d · %d pending", pending),
                               n, pending);
      /* TRANSLATORS: "12 annotations, 3 suggestions pending" */
      count_tip = g_strdup_printf (_("%s, %s"), accepted, waiting);
    }
  else
    {
      count = g_strdup_printf ("%d", n);
      count_tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d annotation", "%d annotations", n), n);
    }

  gtk_inscription_set_text (GTK_INSCRIPTION (widgets->title), title);
  gtk_inscription_set_text (GTK_INSCRIPTION (widgets->meta), meta);
  gtk_widget_set_visible (widgets->meta, *meta != '\0');
  row_refresh_snippet (row, widgets, tessera_document_item_get_id (item));
  gtk_label_set_label (GTK_LABEL (widgets->status), status);
  gtk_widget_set_css_classes (widgets->status, classes);
  gtk_label_set_label (GTK_LABEL (widgets->count), count);
  gtk_widget_set_tooltip_text (widgets->count, count_tip);

  /* TRANSLATORS: what a screen reader says for a row of the document
   * list: title, "source · date", status, "N annotations". */
  if (*meta != '\0')
    accessible = g_strdup_printf (_("%s. %s. %s. %s."), title, meta, status, count_tip);
  else
    /* TRANSLATORS: the same, for a document without source or date */
    accessible = g_strdup_printf (_("%s. %s. %s."), title, status, count_tip);
  tessera_accessible_name_list_row (row, accessible);
}

static void on_row_pressed (GtkGestureClick *gesture,
                            int              n_press,
                            double           x,
                            double           y,
                            GtkWidget       *row);

static void
on_factory_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  TesseraDocumentList      *self)
{
  RowWidgets *widgets = g_new0 (RowWidgets, 1);
  g_autoptr(PangoAttrList) bold = pango_attr_list_new ();
  GtkGesture *gesture;
  GtkWidget *row, *texts, *side;

  widgets->list = self;
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);

  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (row), texts);

  /* Inscriptions, not labels: their size does not depend on their
   * text, so the 200 rows GtkListView makes cost no text layout to
   * measure (wrapping labels cost about 1 ms a row). */
  pango_attr_list_insert (bold, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  widgets->title = gtk_inscription_new (NULL);
  gtk_inscription_set_attributes (GTK_INSCRIPTION (widgets->title), bold);
  gtk_inscription_set_min_lines (GTK_INSCRIPTION (widgets->title), 2);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (widgets->title), 2);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (widgets->title), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_wrap_mode (GTK_INSCRIPTION (widgets->title), PANGO_WRAP_WORD_CHAR);
  gtk_inscription_set_yalign (GTK_INSCRIPTION (widgets->title), 0);
  gtk_widget_set_hexpand (widgets->title, TRUE);
  gtk_box_append (GTK_BOX (texts), widgets->title);

  widgets->meta = gtk_inscription_new (NULL);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (widgets->meta), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_add_css_class (widgets->meta, "caption");
  gtk_widget_add_css_class (widgets->meta, "dim-label");
  gtk_box_append (GTK_BOX (texts), widgets->meta);

  widgets->snippet = gtk_inscription_new (NULL);
  gtk_inscription_set_min_lines (GTK_INSCRIPTION (widgets->snippet), 2);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (widgets->snippet), 2);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (widgets->snippet), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_wrap_mode (GTK_INSCRIPTION (widgets->snippet), PANGO_WRAP_WORD_CHAR);
  gtk_inscription_set_yalign (GTK_INSCRIPTION (widgets->snippet), 0);
  gtk_widget_add_css_class (widgets->snippet, "caption");
  gtk_widget_add_css_class (widgets->snippet, "search-snippet");
  gtk_widget_set_visible (widgets->snippet, FALSE);
  gtk_box_append (GTK_BOX (texts), widgets->snippet);

  side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_valign (side, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (row), side);

  widgets->status = gtk_label_new (NULL);
  gtk_widget_set_halign (widgets->status, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (side), widgets->status);

  widgets->count = gtk_label_new (NULL);
  gtk_widget_set_halign (widgets->count, GTK_ALIGN_END);
  gtk_widget_add_css_class (widgets->count, "caption");
  gtk_widget_add_css_class (widgets->count, "numeric");
  gtk_widget_add_css_class (widgets->count, "dim-label");
  gtk_box_append (GTK_BOX (side), widgets->count);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_row_pressed), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (gesture));

  g_object_set_data_full (G_OBJECT (row), "tessera-row-widgets", widgets, g_free);
  gtk_list_item_set_child (list_item, row);
}

static void
on_factory_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 TesseraDocumentList      *self)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);
  TesseraDocumentItem *item = gtk_list_item_get_item (list_item);

  g_object_set_data_full (G_OBJECT (row), ROW_ITEM_KEY, g_object_ref (item), g_object_unref);
  g_signal_connect_object (item, "notify", G_CALLBACK (row_refresh), row, G_CONNECT_SWAPPED);
  row_refresh (row);
}

static void
on_factory_unbind (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   TesseraDocumentList      *self)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);
  TesseraDocumentItem *item = g_object_get_data (G_OBJECT (row), ROW_ITEM_KEY);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, row_refresh, row);
  g_object_set_data (G_OBJECT (row), ROW_ITEM_KEY, NULL);
  tessera_accessible_name_list_row (row, NULL);
}

static TesseraProject *
get_project (TesseraDocumentList *self)
{
  return self->workbench ? tessera_workbench_get_project (self->workbench) : NULL;
}

static void
report_error (TesseraDocumentList *self,
              const GError        *error)
{
  if (self->workbench != NULL)
    tessera_workbench_report_error (self->workbench, error);
}

/* Empty state and the count under the list. */
static void
update_state (TesseraDocumentList *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  const char *icon_name, *title;
  g_autofree char *description = NULL;
  g_autofree char *count = NULL;
  gboolean offer_all;

  _tessera_document_list_describe_empty (self->model, get_project (self) != NULL,
                                         &icon_name, &title, &description, &offer_all);
  gtk_image_set_from_icon_name (self->empty_image, icon_name);
  gtk_label_set_label (self->empty_title, title);
  gtk_label_set_label (self->empty_description, description);
  gtk_widget_set_visible (self->empty_button, offer_all);
  gtk_stack_set_visible_child_name (self->stack, n_items > 0 ? "list" : "empty");

  count = _tessera_document_list_describe_count (self->model);
  gtk_label_set_label (self->count_label, count ? count : "");
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), count != NULL);
}

static void
scroll_to (TesseraDocumentList *self,
           guint                position)
{
  /* GTK 4.8 has no gtk_list_view_scroll_to(); this action scrolls and
   * moves the keyboard cursor there. */
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

/* Selects (and scrolls to) the workbench's document, or nothing when it
 * is not shown. */
static void
follow_document (TesseraDocumentList *self)
{
  gint64 id = self->workbench ? tessera_workbench_get_document_id (self->workbench) : 0;
  guint position = tessera_document_model_find_position (self->model, id);

  self->following = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->following = FALSE;

  if (position != GTK_INVALID_LIST_POSITION)
    scroll_to (self, position);
}

static void
show_document (TesseraDocumentList *self,
               gint64               id)
{
  if (self->workbench != NULL && id > 0)
    tessera_workbench_set_document_id (self->workbench, id);
}

static void
on_selection_changed (TesseraDocumentList *self)
{
  TesseraDocumentItem *item;

  if (self->following)
    return;

  /* Nothing selected: the shown document was filtered out; it stays shown. */
  item = gtk_single_selection_get_selected_item (self->selection);
  if (item != NULL)
    show_document (self, tessera_document_item_get_id (item));
}

static void
on_list_activate (TesseraDocumentList *self,
                  guint                position)
{
  show_document (self, tessera_document_model_get_document_id (self->model, position));
}

static void
on_model_error (TesseraDocumentList *self,
                const GError        *error)
{
  report_error (self, error);
}

static void refresh_rows (GtkWidget *widget);

static void
on_search_changed (TesseraDocumentList *self)
{
  g_autoptr(GError) error = NULL;

  if (!tessera_document_model_set_search (self->model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                          &error))
    report_error (self, error);
  refresh_rows (GTK_WIDGET (self->list_view));
  follow_document (self);
}


static void
focus_list (TesseraDocumentList *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    return;
  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;

  scroll_to (self, position);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
show_best_match (TesseraDocumentList *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    return;

  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    show_document (self, tessera_document_model_get_document_id (self->model, 0));
  focus_list (self);
}

/* Escape in the search entry: clear it; when already clear, back to the list. */
static void
on_stop_search (TesseraDocumentList *self)
{
  self->activate_when_ready = FALSE;
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) == '\0')
    focus_list (self);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Enter in the search entry: show the best match and go to the list. */
static void
on_search_activate (TesseraDocumentList *self)
{
  g_autoptr(GError) error = NULL;

  /* The search may not have started yet (search-changed waits a moment). */
  if (!tessera_document_model_set_search (self->model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                          &error))
    {
      report_error (self, error);
      return;
    }

  if (tessera_document_model_get_busy (self->model))
    self->activate_when_ready = TRUE;
  else
    show_best_match (self);
}

/* Rows kept by the list view show the new search's snippets. */
static void
refresh_rows (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (g_object_get_data (G_OBJECT (child), "tessera-row-widgets") != NULL)
        row_refresh (child);
      else
        refresh_rows (child);
    }
}

/* A search or a reading of the documents ended. */
static void
on_model_busy (TesseraDocumentList *self)
{
  update_state (self);
  if (tessera_document_model_get_busy (self->model))
    return;

  refresh_rows (GTK_WIDGET (self->list_view));
  follow_document (self);
  if (self->activate_when_ready)
    {
      self->activate_when_ready = FALSE;
      show_best_match (self);
    }
}

static gboolean
on_search_key_pressed (TesseraDocumentList   *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) &&
      (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) == 0)
    {
      focus_list (self);
      return TRUE;
    }

  return FALSE;
}

/* The empty state's way out when other statuses hold the matches. */
static void
on_show_all_clicked (TesseraDocumentList *self)
{
  gtk_toggle_button_set_active (self->all_button, TRUE);
}

static void
on_filter_toggled (TesseraDocumentList *self,
                   GtkToggleButton     *button)
{
  int status = TESSERA_DOCUMENT_MODEL_ALL_STATUSES;

  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == self->new_button)
    status = TESSERA_STATUS_NEW;
  else if (button == self->in_progress_button)
    status = TESSERA_STATUS_IN_PROGRESS;
  else if (button == self->done_button)
    status = TESSERA_STATUS_DONE;

  tessera_document_model_set_status_filter (self->model, status);
  follow_document (self);
}

/* The status menu of one document: New / In progress / Done, the current
 * one checked; choosing one goes through the history, so it can be undone. */
static void
popup_status_menu (TesseraDocumentList *self,
                   TesseraDocumentItem *item,
                   GtkWidget           *anchor,
                   double               x,
                   double               y)
{
  TesseraDocumentStatus status = tessera_document_item_get_status (item);
  GdkRectangle rect;
  double sx, sy;

  if (self->workbench == NULL || tessera_workbench_get_history (self->workbench) == NULL)
    return;

  self->menu_document_id = tessera_document_item_get_id (item);
  g_simple_action_set_state (self->status_action, g_variant_new_string (tessera_status_to_string (status)));

  if (!gtk_widget_translate_coordinates (anchor, GTK_WIDGET (self), x, y, &sx, &sy))
    sx = sy = 0;
  rect.x = (int) sx;
  rect.y = (int) sy;
  rect.width = rect.height = 1;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->status_popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->status_popover));
}

static void
on_row_pressed (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                GtkWidget       *row)
{
  TesseraDocumentList *self = TESSERA_DOCUMENT_LIST (gtk_widget_get_ancestor (row, TESSERA_TYPE_DOCUMENT_LIST));
  TesseraDocumentItem *item = g_object_get_data (G_OBJECT (row), ROW_ITEM_KEY);

  if (self == NULL || item == NULL)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_status_menu (self, item, row, x, y);
}

/* Menu or Shift+F10 on the list: the menu of the row with the keyboard
 * focus (else the selected one). */
static gboolean
on_menu_key (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  TesseraDocumentList *self = user_data;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  TesseraDocumentItem *item;

  for (GtkWidget *w = focus; w != NULL && w != widget; w = gtk_widget_get_parent (w))
    {
      GtkWidget *child = gtk_widget_get_first_child (w);

      if (child != NULL && (item = g_object_get_data (G_OBJECT (child), ROW_ITEM_KEY)) != NULL)
        {
          popup_status_menu (self, item, child,
                             gtk_widget_get_width (child) / 2.0, gtk_widget_get_height (child) / 2.0);
          return TRUE;
        }
    }

  if ((item = gtk_single_selection_get_selected_item (self->selection)) != NULL)
    {
      popup_status_menu (self, item, widget, gtk_widget_get_width (widget) / 2.0, 24);
      return TRUE;
    }

  return FALSE;
}

static void
on_status_activated (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  TesseraDocumentList *self = user_data;
  TesseraHistory *history = self->workbench ? tessera_workbench_get_history (self->workbench) : NULL;
  g_autoptr(GError) error = NULL;
  TesseraDocumentStatus status;

  if (history == NULL || self->menu_document_id == 0 ||
      !tessera_status_from_string (g_variant_get_string (param, NULL), &status))
    return;

  /* The window's action asks before "done" while suggestions wait; a
   * list without a window sets the status itself. */
  if (gtk_widget_activate_action (GTK_WIDGET (self), "win.set-document-status", "(xs)",
                                  self->menu_document_id, tessera_status_to_string (status)))
    return;
  if (!tessera_history_set_document_status (history, self->menu_document_id, status, &error))
    report_error (self, error);
}

/* Shows @model (NULL: an empty one of the list's own). */
static void
set_model (TesseraDocumentList  *self,
           TesseraDocumentModel *model)
{
  g_autoptr(TesseraDocumentModel) own = model == NULL ? tessera_document_model_new () : NULL;

  if (model == NULL)
    model = own;
  g_set_object (&self->model, model);
  g_signal_group_set_target (self->model_signals, self->model);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));
}

static void
on_workbench_project (TesseraDocumentList *self)
{
  /* A new project starts unsearched (the workbench gave the model the
   * project already). */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  follow_document (self);
  update_state (self);
}

static void
tessera_document_list_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  TesseraDocumentList *self = TESSERA_DOCUMENT_LIST (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static void
tessera_document_list_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  TesseraDocumentList *self = TESSERA_DOCUMENT_LIST (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  /* A popover's parent must place it on every allocation. */
  if (self->status_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->status_popover));
}

static void
tessera_document_list_dispose (GObject *object)
{
  TesseraDocumentList *self = TESSERA_DOCUMENT_LIST (object);

  g_clear_pointer (&self->status_popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_DOCUMENT_LIST);
  if (self->workbench_signals != NULL)
    g_signal_group_set_target (self->workbench_signals, NULL);
  g_clear_object (&self->workbench_signals);
  g_clear_object (&self->workbench);
  if (self->model_signals != NULL)
    g_signal_group_set_target (self->model_signals, NULL);
  g_clear_object (&self->model_signals);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->status_action);

  G_OBJECT_CLASS (tessera_document_list_parent_class)->dispose (object);
}

static void
tessera_document_list_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TesseraDocumentList *self = TESSERA_DOCUMENT_LIST (object);

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
tessera_document_list_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TesseraDocumentList *self = TESSERA_DOCUMENT_LIST (object);

  switch (prop_id)
    {
    case PROP_WORKBENCH:
      tessera_document_list_set_workbench (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_document_list_class_init (TesseraDocumentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_document_list_dispose;
  object_class->get_property = tessera_document_list_get_property;
  object_class->set_property = tessera_document_list_set_property;
  widget_class->measure = tessera_document_list_measure;
  widget_class->size_allocate = tessera_document_list_size_allocate;

  properties[PROP_WORKBENCH] =
    g_param_spec_object ("workbench", NULL, NULL, TESSERA_TYPE_WORKBENCH,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/tessera/Tessera/tessera-document-list.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentList, box);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentList, all_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentList, new_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentList, in_progress_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentList, done_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentList, stack);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentList, list_view);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentList, empty_image);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentList, empty_title);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentList, empty_description);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentList, empty_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentList, count_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraDocumentList, status_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_key_pressed);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_show_all_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
}

static void
tessera_document_list_init (TesseraDocumentList *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->workbench_signals = g_signal_group_new (TESSERA_TYPE_WORKBENCH);
  g_signal_group_connect_swapped (self->workbench_signals, "notify::project", G_CALLBACK (on_workbench_project), self);
  g_signal_group_connect_swapped (self->workbench_signals, "notify::document-id", G_CALLBACK (follow_document), self);
  self->model_signals = g_signal_group_new (TESSERA_TYPE_DOCUMENT_MODEL);
  g_signal_group_connect_swapped (self->model_signals, "items-changed", G_CALLBACK (update_state), self);
  g_signal_group_connect_swapped (self->model_signals, "notify::n-documents", G_CALLBACK (update_state), self);
  /* A list empty before and after a change gets no items-changed, yet
   * what it says may change. */
  g_signal_group_connect_swapped (self->model_signals, "notify::status-filter", G_CALLBACK (update_state), self);
  g_signal_group_connect_swapped (self->model_signals, "notify::search", G_CALLBACK (update_state), self);
  g_signal_group_connect_swapped (self->model_signals, "error", G_CALLBACK (on_model_error), self);
  g_signal_group_connect_swapped (self->model_signals, "notify::busy", G_CALLBACK (on_model_busy), self);

  self->selection = gtk_single_selection_new (NULL);
  set_model (self, NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (on_selection_changed),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  /* Typing while the list has the focus searches. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Menu|<Shift>F10"),
                                                          gtk_callback_action_new (on_menu_key, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), shortcuts);

  self->status_action = g_simple_action_new_stateful ("status", G_VARIANT_TYPE_STRING,
                                                      g_variant_new_string ("new"));
  g_signal_connect (self->status_action, "activate", G_CALLBACK (on_status_activated), self);
  g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (self->status_action));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "document-list", G_ACTION_GROUP (actions));

  self->status_popover = gtk_popover_menu_new_from_model (self->status_menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->status_popover), FALSE);
  gtk_widget_set_halign (self->status_popover, GTK_ALIGN_START);
  gtk_widget_set_parent (self->status_popover, GTK_WIDGET (self));

  update_state (self);
}

TesseraWorkbench *
tessera_document_list_get_workbench (TesseraDocumentList *self)
{
  g_return_val_if_fail (TESSERA_IS_DOCUMENT_LIST (self), NULL);

  return self->workbench;
}

void
tessera_document_list_set_workbench (TesseraDocumentList *self,
                                     TesseraWorkbench    *workbench)
{
  g_return_if_fail (TESSERA_IS_DOCUMENT_LIST (self));
  g_return_if_fail (workbench == NULL || TESSERA_IS_WORKBENCH (workbench));

  if (self->workbench == workbench)
    return;

  g_set_object (&self->workbench, workbench);
  g_signal_group_set_target (self->workbench_signals, workbench);
  set_model (self, workbench != NULL ? tessera_workbench_get_documents (workbench) : NULL);

  on_workbench_project (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKBENCH]);
}

void
tessera_document_list_focus_search (TesseraDocumentList *self)
{
  g_return_if_fail (TESSERA_IS_DOCUMENT_LIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

void
tessera_document_list_select_adjacent (TesseraDocumentList *self,
                                       int                  direction)
{
  gint64 id;
  guint position;

  g_return_if_fail (TESSERA_IS_DOCUMENT_LIST (self));

  if (self->workbench == NULL)
    return;

  id = tessera_workbench_get_document_id (self->workbench);
  position = tessera_document_model_find_adjacent (self->model, id, direction);
  if (position != G_MAXUINT)
    show_document (self, tessera_document_model_get_document_id (self->model, position));
}
