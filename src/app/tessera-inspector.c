/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-inspector"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-cluster.h"
#include "tessera-cluster-row.h"
#include "tessera-inspector.h"
#include "tessera-swatch.h"
#include "tessera-text.h"

/* Longest text the inspector quotes (code points). */
#define MAX_QUOTE 600

typedef struct _RoleRow RoleRow;

struct _TesseraInspector
{
  GtkWidget             parent_instance;

  TesseraWorkbench     *workbench;
  TesseraProject       *project;       /* the workbench's, followed for changes */
  guint                 refresh_id;    /* idle that coalesces bursts of changes */
  gboolean              updating;      /* filling controls from the store */

  /* What is shown, as last read from the store. */
  TesseraSelectionKind  kind;
  TesseraSpan          *span;          /* the span, trigger or statement */
  TesseraEvent         *event;
  TesseraStance        *stance;

  /* Model of label_dropdown: the labels of one kind. */
  TesseraLabelKind      label_kind;
  GArray               *label_ids;     /* gint64, per position */
  gboolean              labels_stale;  /* the schema changed */
  GStrv                 realis_values;
  GStrv                 confirmation_values;
  GArray               *target_ids;    /* gint64 event ids, 0 first ("None") */
  GStrv                 target_names;

  /* Role slots of the event shown. */
  gint64                roles_event_id;
  GArray               *role_ids;      /* gint64, one per row */
  GPtrArray            *role_rows;     /* RoleRow* */

  /* The note entry: the span it belongs to and what the store held when
   * it was filled, so a refresh leaves the user's typing alone. */
  gint64                note_span_id;
  char                 *loaded_note;
  gboolean              note_has_focus;

  /* Template widgets */
  GtkStack             *stack;
  GtkLabel             *hint_label;
  GtkLabel             *kind_label;
  GtkLabel             *text_label;
  GtkLabel             *annotator_label;
  GtkDropDown          *label_dropdown;
  GtkWidget            *cluster_box;
  GtkLabel             *cluster_label;
  GtkLabel             *cluster_caption;
  GtkMenuButton        *cluster_button;
  GtkPopover           *cluster_popover;
  GtkLabel             *cluster_list_heading;
  GtkWidget            *cluster_scroller;
  GtkListBox           *cluster_list;
  GtkEntry             *new_cluster_entry;
  GtkWidget            *cluster_remove_button;
  GtkWidget            *attributes_grid;
  GtkDropDown          *realis_dropdown;
  GtkDropDown          *confirmation_dropdown;
  GtkWidget            *roles_box;
  GtkListBox           *roles_list;
  GtkWidget            *holder_box;
  GtkLabel             *holder_label;
  GtkToggleButton      *holder_pick_button;
  GtkWidget            *holder_clear_button;
  GtkWidget            *target_box;
  GtkDropDown          *target_dropdown;
  GtkLabel             *target_span_label;
  GtkToggleButton      *target_pick_button;
  GtkWidget            *target_clear_button;
  GtkEntry             *note_entry;
};

struct _RoleRow
{
  TesseraInspector *self;
  gint64            role_id;
  char             *name;
  GtkLabel         *fillers;
  GtkToggleButton  *fill;
  GtkWidget        *clear;
};

G_DEFINE_FINAL_TYPE (TesseraInspector, tessera_inspector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WORKBENCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (TesseraInspector *self);

/* --- helpers ------------------------------------------------------------ */

static char *
dup_span_text (TesseraInspector *self,
               gint64            start,
               gint64            end)
{
  TesseraDocument *doc = tessera_workbench_get_document (self->workbench);
  g_autofree char *text = NULL;
  gboolean cut = FALSE;

  if (doc == NULL || doc->text == NULL)
    return g_strdup ("");

  if (end - start > MAX_QUOTE)
    {
      end = start + MAX_QUOTE;
      cut = TRUE;
    }
  text = tessera_text_slice (doc->text, start, end);
  if (text == NULL)
    return g_strdup ("");

  return cut ? g_strconcat (text, "…", NULL) : g_steal_pointer (&text);
}

static char *
dup_span_text_by_id (TesseraInspector *self,
                     gint64            span_id)
{
  g_autoptr(TesseraSpan) span = NULL;

  if (span_id == 0 || !(span = tessera_project_get_span (self->project, span_id, NULL)))
    return NULL;

  return dup_span_text (self, span->start, span->end);
}

static gboolean
label_ids_equal (GArray *ids,
                 GArray *other)
{
  if (ids == NULL || other == NULL)
    return ids == other;
  if (ids->len != other->len)
    return FALSE;

  return memcmp (ids->data, other->data, ids->len * sizeof (gint64)) == 0;
}

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strv_equal (a, b);
}

static guint
strv_index (const char * const *strv,
            const char         *value)
{
  for (guint i = 0; strv != NULL && value != NULL && strv[i] != NULL; i++)
    if (g_str_equal (strv[i], value))
      return i;

  return GTK_INVALID_LIST_POSITION;
}

static guint
id_index (GArray *ids,
          gint64  id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

/* A value beside a control: what fills it, a dim placeholder, or, while a
 * span is awaited, an italic prompt. */
static void
set_value (GtkLabel   *label,
           const char *name,
           const char *text,
           const char *placeholder,
           gboolean    picking)
{
  g_autofree char *accessible = NULL;

  if (picking)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<i>%s</i>",
                                                         _("Click a span in the text…"));

      gtk_label_set_markup (label, markup);
    }
  else
    gtk_label_set_text (label, text ? text : placeholder);

  if (text == NULL && !picking)
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");

  /* Translators: a field and its value, as screen readers read it: "Holder: CSP". */
  accessible = g_strdup_printf (_("%s: %s"), name, gtk_label_get_text (label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

/* The button of the slot waiting for a span stands out. */
static void
set_picking (GtkToggleButton *button,
             gboolean         picking)
{
  gtk_toggle_button_set_active (button, picking);
  if (picking)
    gtk_widget_add_css_class (GTK_WIDGET (button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (button), "suggested-action");
}

static void
report (TesseraInspector *self,
        GError           *error)
{
  tessera_workbench_report_error (self->workbench, error);
  /* Put the controls back as the store has them. */
  refresh (self);
}

/* --- dropdown rows ------------------------------------------------------ */

static void
on_setup_item (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  with_swatch)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);

  if (with_swatch)
    gtk_box_append (GTK_BOX (box), tessera_swatch_new (NULL));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (list_item, box);
}

static void
on_bind_item (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  with_swatch)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkStringObject *item = gtk_list_item_get_item (list_item);
  const char *name = gtk_string_object_get_string (item);
  GtkWidget *label = gtk_widget_get_last_child (box);

  gtk_label_set_label (GTK_LABEL (label), name);
  gtk_widget_set_tooltip_text (label, name);

  if (with_swatch)
    {
      TesseraInspector *self = g_object_get_data (G_OBJECT (factory), "tessera-inspector");
      const TesseraLabel *found = NULL;

      if (self != NULL && self->project != NULL)
        found = tessera_project_find_label (self->project, self->label_kind, name);
      tessera_swatch_set_color (TESSERA_SWATCH (gtk_widget_get_first_child (box)),
                                found ? found->color : NULL);
    }
}

static void
set_factory (TesseraInspector *self,
             GtkDropDown      *dropdown,
             gboolean          with_swatch)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "tessera-inspector", self);
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_item), GINT_TO_POINTER (with_swatch));
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_item), GINT_TO_POINTER (with_swatch));
  gtk_drop_down_set_factory (dropdown, factory);
}

static void
set_strings (GtkDropDown        *dropdown,
             const char * const *strings)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (strings);

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
}

/* --- filling the controls ----------------------------------------------- */

static void
fill_label_dropdown (TesseraInspector *self,
                     TesseraLabelKind  kind,
                     gint64            label_id)
{
  g_autoptr(GPtrArray) labels = tessera_project_list_labels (self->project, kind);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *accessible;

  for (guint i = 0; i < labels->len; i++)
    {
      const TesseraLabel *label = g_ptr_array_index (labels, i);

      g_array_append_val (ids, label->id);
      g_ptr_array_add (names, label->name);
    }
  g_ptr_array_add (names, NULL);

  if (self->labels_stale || kind != self->label_kind || !label_ids_equal (ids, self->label_ids))
    {
      self->label_kind = kind;
      g_clear_pointer (&self->label_ids, g_array_unref);
      self->label_ids = g_steal_pointer (&ids);
      self->labels_stale = FALSE;
      set_strings (self->label_dropdown, (const char * const *) names->pdata);
    }

  gtk_drop_down_set_selected (self->label_dropdown, id_index (self->label_ids, label_id));

  switch (kind)
    {
    case TESSERA_LABEL_EVENT: accessible = _("Event type"); break;
    case TESSERA_LABEL_STANCE: accessible = _("Stance"); break;
    case TESSERA_LABEL_ENTITY:
    case TESSERA_LABEL_ROLE:
    case TESSERA_N_LABEL_KINDS:
    case TESSERA_LABEL_ANY:
    default: accessible = _("Label"); break;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->label_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->label_dropdown), accessible);
}

static void
fill_attribute (TesseraInspector  *self,
                GtkDropDown       *dropdown,
                GStrv             *values,
                const char        *name,
                const char        *value)
{
  const TesseraAttribute *attr = tessera_project_get_attribute (self->project, name);
  const char * const *wanted = attr ? (const char * const *) attr->values : NULL;

  if (!strv_equal0 (wanted, (const char * const *) *values))
    {
      g_strfreev (*values);
      *values = g_strdupv ((GStrv) wanted);
      set_strings (dropdown, wanted);
    }
  gtk_drop_down_set_selected (dropdown, strv_index ((const char * const *) *values, value));
  gtk_widget_set_sensitive (GTK_WIDGET (dropdown), *values != NULL);
}

static void
fill_header (TesseraInspector *self,
             const char       *kind)
{
  const char *annotator = tessera_project_get_annotator_name (self->project,
                                                              self->span->annotator_id);
  g_autoptr(GDateTime) created = g_date_time_new_from_unix_local (self->span->created);
  /* Translators: the date an annotation was made, see g_date_time_format(). */
  g_autofree char *date = created ? g_date_time_format (created, _("%-d %B %Y")) : NULL;
  g_autofree char *text = dup_span_text (self, self->span->start, self->span->end);
  /* Translators: the annotated text, quoted. */
  g_autofree char *quoted = g_strdup_printf (_("“%s”"), text);
  g_autofree char *by = NULL;

  gtk_label_set_label (self->kind_label, kind);
  gtk_label_set_label (self->text_label, quoted);

  if (annotator != NULL && date != NULL)
    /* Translators: who made an annotation, and when: "amina · 9 March 2025". */
    by = g_strdup_printf (_("%s · %s"), annotator, date);
  else
    by = g_strdup (annotator ? annotator : date);
  gtk_label_set_label (self->annotator_label, by);
  gtk_widget_set_visible (GTK_WIDGET (self->annotator_label), by != NULL);
}

static void
fill_note (TesseraInspector *self)
{
  const char *note = self->span->note ? self->span->note : "";
  const char *shown = gtk_editable_get_text (GTK_EDITABLE (self->note_entry));

  /* While the user types, only a change in the store itself (an undo, say)
   * replaces what they typed. */
  if (self->note_has_focus && self->note_span_id == self->span->id &&
      g_strcmp0 (self->loaded_note, note) == 0)
    return;

  if (!g_str_equal (shown, note))
    gtk_editable_set_text (GTK_EDITABLE (self->note_entry), note);
  self->note_span_id = self->span->id;
  g_free (self->loaded_note);
  self->loaded_note = g_strdup (note);
}

static void
commit_note (TesseraInspector *self)
{
  g_autoptr(TesseraSpan) span = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;

  if (self->note_span_id == 0 || self->project == NULL)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self->note_entry));
  if (g_strcmp0 (text, self->loaded_note) == 0)
    return;

  if (!(span = tessera_project_get_span (self->project, self->note_span_id, &error)))
    {
      /* The span is gone (deleted, undone): nothing to annotate. */
      self->note_span_id = 0;
      return;
    }

  g_free (self->loaded_note);
  self->loaded_note = g_strdup (text);

  g_free (span->note);
  span->note = *text != '\0' ? g_strdup (text) : NULL;
  if (!tessera_history_update_span (tessera_workbench_get_history (self->workbench), span, &error))
    report (self, error);
}

static void
on_fill_toggled (GtkToggleButton *button,
                 RoleRow         *row)
{
  TesseraInspector *self = row->self;
  gint64 pick_id;
  TesseraPickKind pick;

  if (self->updating)
    return;

  pick = tessera_workbench_get_pick (self->workbench, &pick_id);
  if (gtk_toggle_button_get_active (button))
    tessera_workbench_set_pick (self->workbench, TESSERA_PICK_ROLE, row->role_id);
  else if (pick == TESSERA_PICK_ROLE && pick_id == row->role_id)
    tessera_workbench_set_pick (self->workbench, TESSERA_PICK_NONE, 0);
}

static void
on_role_cleared (GtkButton *button,
                 RoleRow   *row)
{
  TesseraInspector *self = row->self;
  g_autoptr(GError) error = NULL;

  if (self->event == NULL)
    return;

  if (!tessera_history_remove_argument (tessera_workbench_get_history (self->workbench),
                                        self->event->id, row->role_id, 0, &error))
    report (self, error);
}

static void
role_row_free (RoleRow *row)
{
  g_free (row->name);
  g_free (row);
}

static RoleRow *
create_role_row (TesseraInspector   *self,
                 const TesseraLabel *role)
{
  RoleRow *row = g_new0 (RoleRow, 1);
  GtkWidget *list_row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (role->name);
  GtkWidget *fillers = gtk_label_new (NULL);
  GtkWidget *fill = gtk_toggle_button_new_with_label (_("Fill"));
  GtkWidget *clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  g_autofree char *fill_name = g_strdup_printf (_("Fill %s"), role->name);
  g_autofree char *fill_tip =
    g_strdup_printf (_("Fill %s: click a span in the text (Escape cancels)"), role->name);
  g_autofree char *clear_name = g_strdup_printf (_("Clear %s"), role->name);

  row->self = self;
  row->role_id = role->id;
  row->name = g_strdup (role->name);
  row->fillers = GTK_LABEL (fillers);
  row->fill = GTK_TOGGLE_BUTTON (fill);
  row->clear = clear;

  gtk_box_append (GTK_BOX (title), tessera_swatch_new (role->color));
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_add_css_class (name, "caption-heading");
  gtk_box_append (GTK_BOX (title), name);
  gtk_box_append (GTK_BOX (lines), title);

  gtk_label_set_xalign (GTK_LABEL (fillers), 0);
  gtk_label_set_wrap (GTK_LABEL (fillers), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (fillers), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (fillers), 1);
  gtk_box_append (GTK_BOX (lines), fillers);
  gtk_widget_set_hexpand (lines, TRUE);
  gtk_box_append (GTK_BOX (box), lines);

  gtk_widget_set_valign (fill, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (fill, fill_tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (fill),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, fill_name, -1);
  g_signal_connect (fill, "toggled", G_CALLBACK (on_fill_toggled), row);
  gtk_box_append (GTK_BOX (box), fill);

  gtk_widget_set_valign (clear, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (clear, "flat");
  gtk_widget_set_tooltip_text (clear, clear_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (clear),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, clear_name, -1);
  g_signal_connect (clear, "clicked", G_CALLBACK (on_role_cleared), row);
  gtk_box_append (GTK_BOX (box), clear);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);
  gtk_list_box_append (self->roles_list, list_row);

  return row;
}

static void
clear_role_rows (TesseraInspector *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->roles_list))))
    gtk_list_box_remove (self->roles_list, child);
  g_ptr_array_set_size (self->role_rows, 0);
  g_array_set_size (self->role_ids, 0);
  self->roles_event_id = 0;
}

static gboolean
has_role (GArray *ids,
          gint64  id)
{
  return id_index (ids, id) != GTK_INVALID_LIST_POSITION;
}

static void
fill_roles (TesseraInspector *self)
{
  const TesseraLabel *type = tessera_project_get_label (self->project, self->event->type_label_id);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  TesseraPickKind pick;
  gint64 pick_id;

  /* The slots the type offers (all roles when it names none), then any
   * role filled that the type no longer offers, so it can be cleared. */
  if (type != NULL && type->roles != NULL && type->roles->len > 0)
    g_array_append_vals (ids, type->roles->data, type->roles->len);
  else
    {
      g_autoptr(GPtrArray) roles = tessera_project_list_labels (self->project, TESSERA_LABEL_ROLE);

      for (guint i = 0; i < roles->len; i++)
        g_array_append_val (ids, ((TesseraLabel *) g_ptr_array_index (roles, i))->id);
    }
  for (guint i = 0; self->event->arguments != NULL && i < self->event->arguments->len; i++)
    {
      TesseraArgument *arg = &g_array_index (self->event->arguments, TesseraArgument, i);

      if (!has_role (ids, arg->role_label_id))
        g_array_append_val (ids, arg->role_label_id);
    }

  if (self->roles_event_id != self->event->id || !label_ids_equal (ids, self->role_ids))
    {
      clear_role_rows (self);
      for (guint i = 0; i < ids->len; i++)
        {
          const TesseraLabel *role = tessera_project_get_label (self->project,
                                                                g_array_index (ids, gint64, i));

          if (role != NULL)
            {
              g_ptr_array_add (self->role_rows, create_role_row (self, role));
              g_array_append_val (self->role_ids, role->id);
            }
        }
      self->roles_event_id = self->event->id;
    }

  pick = tessera_workbench_get_pick (self->workbench, &pick_id);
  for (guint i = 0; i < self->role_rows->len; i++)
    {
      RoleRow *row = g_ptr_array_index (self->role_rows, i);
      gboolean picking = pick == TESSERA_PICK_ROLE && pick_id == row->role_id;
      g_autoptr(GString) fillers = g_string_new (NULL);

      for (guint j = 0; self->event->arguments != NULL && j < self->event->arguments->len; j++)
        {
          TesseraArgument *arg = &g_array_index (self->event->arguments, TesseraArgument, j);
          g_autofree char *text = NULL;

          if (arg->role_label_id != row->role_id)
            continue;
          text = dup_span_text_by_id (self, arg->span_id);
          if (fillers->len > 0)
            g_string_append (fillers, ", ");
          g_string_append (fillers, text ? text : "?");
        }

      gtk_widget_set_visible (row->clear, fillers->len > 0);
      set_picking (row->fill, picking);
      set_value (row->fillers, row->name, fillers->len > 0 ? fillers->str : NULL, "—", picking);
    }
}

static void
fill_stance (TesseraInspector *self)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  g_autofree char *holder = dup_span_text_by_id (self, self->stance->holder_span_id);
  g_autofree char *target = dup_span_text_by_id (self, self->stance->target_span_id);
  TesseraPickKind pick = tessera_workbench_get_pick (self->workbench, NULL);
  gint64 none = 0;

  /* Holder */
  set_value (self->holder_label, _("Holder"), holder, "—", pick == TESSERA_PICK_HOLDER);
  set_picking (self->holder_pick_button, pick == TESSERA_PICK_HOLDER);
  gtk_widget_set_visible (self->holder_clear_button, holder != NULL);

  /* Target event: the document's events, as "Battle: “clashes”" */
  g_array_append_val (ids, none);
  g_strv_builder_add (builder, _("None"));
  events = tessera_project_list_events (self->project, self->stance->document_id, NULL);
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      TesseraEvent *event = g_ptr_array_index (events, i);
      const TesseraLabel *type = tessera_project_get_label (self->project, event->type_label_id);
      g_autofree char *trigger = dup_span_text_by_id (self, event->trigger_span_id);
      g_autofree char *name = NULL;

      /* Translators: an event in a list: its type and its trigger, "Battle: “clashes”". */
      name = g_strdup_printf (_("%s: “%s”"), type ? type->name : "?", trigger ? trigger : "");
      g_array_append_val (ids, event->id);
      g_strv_builder_add (builder, name);
    }
  names = g_strv_builder_end (builder);
  if (!label_ids_equal (ids, self->target_ids) ||
      !strv_equal0 ((const char * const *) names, (const char * const *) self->target_names))
    {
      g_clear_pointer (&self->target_ids, g_array_unref);
      self->target_ids = g_steal_pointer (&ids);
      g_strfreev (self->target_names);
      self->target_names = g_steal_pointer (&names);
      set_strings (self->target_dropdown, (const char * const *) self->target_names);
    }
  gtk_drop_down_set_selected (self->target_dropdown,
                              id_index (self->target_ids, self->stance->target_event_id));

  /* Target span */
  set_value (self->target_span_label, _("Target span"), target, _("or a span in the text"),
             pick == TESSERA_PICK_TARGET_SPAN);
  set_picking (self->target_pick_button, pick == TESSERA_PICK_TARGET_SPAN);
  gtk_widget_set_visible (self->target_clear_button, target != NULL);
}

/* --- cluster ------------------------------------------------------------- */

/* What the selection links into a cluster: an event, or an entity span
 * (a span of another kind is part of an event or a stance, not linked
 * on its own). FALSE when it cannot be linked. */
static gboolean
cluster_member (TesseraInspector *self,
                gint64           *span_id,
                gint64           *event_id,
                TesseraLabelKind *kind)
{
  const TesseraLabel *label;

  *span_id = *event_id = 0;
  switch (self->kind)
    {
    case TESSERA_SELECTION_EVENT:
      *event_id = self->event->id;
      *kind = TESSERA_LABEL_EVENT;
      return TRUE;

    case TESSERA_SELECTION_SPAN:
      label = tessera_project_get_label (self->project, self->span->label_id);
      if (label == NULL || label->kind != TESSERA_LABEL_ENTITY)
        return FALSE;
      *span_id = self->span->id;
      *kind = TESSERA_LABEL_ENTITY;
      return TRUE;

    case TESSERA_SELECTION_STANCE:
    case TESSERA_SELECTION_NONE:
    default:
      return FALSE;
    }
}

static void
fill_cluster (TesseraInspector *self)
{
  g_autoptr(TesseraCluster) cluster = NULL;
  g_autofree char *accessible = NULL;
  TesseraLabelKind kind;
  gint64 span_id, event_id, cluster_id;

  if (!cluster_member (self, &span_id, &event_id, &kind))
    {
      gtk_widget_set_visible (self->cluster_box, FALSE);
      return;
    }
  gtk_widget_set_visible (self->cluster_box, TRUE);

  cluster_id = event_id > 0 ? tessera_project_get_event_cluster (self->project, event_id, NULL)
                            : tessera_project_get_span_cluster (self->project, span_id, NULL);
  if (cluster_id > 0)
    cluster = tessera_project_get_cluster (self->project, cluster_id, NULL);

  if (cluster != NULL)
    {
      g_autofree char *caption = NULL;

      gtk_label_set_label (self->cluster_label, cluster->name);
      gtk_widget_remove_css_class (GTK_WIDGET (self->cluster_label), "dim-label");
      caption = kind == TESSERA_LABEL_EVENT
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u report of this event",
                                        "%u reports of this event", cluster->n_members),
                           cluster->n_members)
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u mention of this entity",
                                        "%u mentions of this entity", cluster->n_members),
                           cluster->n_members);
      gtk_label_set_label (self->cluster_caption, caption);
      gtk_widget_set_visible (GTK_WIDGET (self->cluster_caption), TRUE);
      gtk_menu_button_set_label (self->cluster_button, _("Move…"));
    }
  else
    {
      gtk_label_set_label (self->cluster_label, _("Not linked"));
      gtk_widget_add_css_class (GTK_WIDGET (self->cluster_label), "dim-label");
      gtk_widget_set_visible (GTK_WIDGET (self->cluster_caption), FALSE);
      gtk_menu_button_set_label (self->cluster_button, _("Link…"));
    }
  gtk_widget_set_visible (self->cluster_remove_button, cluster != NULL);

  /* Translators: a field and its value, as screen readers read it: "Cluster: Battle — Kidal". */
  accessible = g_strdup_printf (_("%s: %s"), _("Cluster"), gtk_label_get_text (self->cluster_label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cluster_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
link_to_cluster (TesseraInspector *self,
                 gint64            cluster_id)
{
  g_autoptr(GError) error = NULL;
  TesseraLabelKind kind;
  gint64 span_id, event_id;

  if (!cluster_member (self, &span_id, &event_id, &kind))
    return;

  if (!tessera_history_add_cluster_member (tessera_workbench_get_history (self->workbench),
                                           cluster_id, span_id, event_id, &error))
    report (self, error);
}

static void
on_cluster_row_activated (TesseraInspector *self,
                          GtkListBoxRow    *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "tessera-cluster-id");

  gtk_popover_popdown (self->cluster_popover);
  if (id != NULL)
    link_to_cluster (self, *id);
}

static void
on_new_cluster (TesseraInspector *self)
{
  TesseraHistory *history = tessera_workbench_get_history (self->workbench);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_cluster_entry))));
  g_autoptr(GError) error = NULL;
  TesseraLabelKind kind;
  gint64 span_id, event_id, cluster_id;
  gboolean ok;

  if (!cluster_member (self, &span_id, &event_id, &kind))
    return;
  gtk_popover_popdown (self->cluster_popover);

  /* One undo step: undoing it takes the new cluster away too. */
  if (!tessera_history_begin_group (history, _("Link to New Cluster"), &error))
    {
      report (self, error);
      return;
    }
  ok = (cluster_id = tessera_history_add_cluster (history, kind, name, &error)) > 0 &&
       tessera_history_add_cluster_member (history, cluster_id, span_id, event_id, &error);
  if (!tessera_history_end_group (history, ok, ok ? &error : NULL) || !ok)
    report (self, error);
}

static void
on_cluster_removed (TesseraInspector *self)
{
  g_autoptr(GError) error = NULL;
  TesseraLabelKind kind;
  gint64 span_id, event_id;

  if (!cluster_member (self, &span_id, &event_id, &kind))
    return;

  if (!tessera_history_remove_cluster_member (tessera_workbench_get_history (self->workbench),
                                              span_id, event_id, &error))
    report (self, error);
}

/* The clusters of the selection's kind, filled each time the popover
 * opens, and a name for a new one. */
static void
on_cluster_popover_show (TesseraInspector *self)
{
  g_autoptr(GPtrArray) clusters = NULL;
  g_autofree char *name = NULL;
  TesseraLabelKind kind;
  GtkWidget *child;
  gint64 span_id, event_id, current;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cluster_list))) != NULL)
    gtk_list_box_remove (self->cluster_list, child);

  if (self->project == NULL || !cluster_member (self, &span_id, &event_id, &kind))
    return;

  current = event_id > 0 ? tessera_project_get_event_cluster (self->project, event_id, NULL)
                         : tessera_project_get_span_cluster (self->project, span_id, NULL);
  clusters = tessera_project_list_clusters (self->project, kind, NULL);
  for (guint i = 0; clusters != NULL && i < clusters->len; i++)
    {
      const TesseraCluster *cluster = g_ptr_array_index (clusters, i);
      GtkWidget *row, *box, *label, *count;
      g_autofree char *members = NULL;

      if (cluster->id == current)
        continue;
      row = gtk_list_box_row_new ();
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      label = gtk_label_new (cluster->name);
      members = g_strdup_printf ("%u", cluster->n_members);
      count = gtk_label_new (members);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (count, "dim-label");
      gtk_widget_add_css_class (count, "caption");
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), count);
      gtk_widget_set_margin_start (box, 8);
      gtk_widget_set_margin_end (box, 8);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_widget_set_tooltip_text (row, cluster->name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      cluster->name, -1);
      g_object_set_data_full (G_OBJECT (row), "tessera-cluster-id",
                              g_memdup2 (&cluster->id, sizeof cluster->id), g_free);
      gtk_list_box_append (self->cluster_list, row);
      n++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->cluster_list_heading), n > 0);
  gtk_widget_set_visible (self->cluster_scroller, n > 0);

  name = tessera_cluster_suggest_name (self->project, tessera_workbench_get_document (self->workbench),
                                       span_id, event_id);
  gtk_editable_set_text (GTK_EDITABLE (self->new_cluster_entry), name);
  if (n == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->new_cluster_entry));
}

static gboolean
load_selection (TesseraInspector *self)
{
  TesseraSelectionKind kind;
  gint64 id, span_id = 0;

  g_clear_pointer (&self->span, tessera_span_free);
  g_clear_pointer (&self->event, tessera_event_free);
  g_clear_pointer (&self->stance, tessera_stance_free);
  self->kind = TESSERA_SELECTION_NONE;

  if (self->workbench == NULL || self->project == NULL ||
      tessera_workbench_get_document (self->workbench) == NULL)
    return FALSE;

  kind = tessera_workbench_get_selection (self->workbench, &id);
  switch (kind)
    {
    case TESSERA_SELECTION_SPAN:
      span_id = id;
      break;
    case TESSERA_SELECTION_EVENT:
      if (!(self->event = tessera_project_get_event (self->project, id, NULL)))
        return FALSE;
      span_id = self->event->trigger_span_id;
      break;
    case TESSERA_SELECTION_STANCE:
      if (!(self->stance = tessera_project_get_stance (self->project, id, NULL)))
        return FALSE;
      span_id = self->stance->span_id;
      break;
    case TESSERA_SELECTION_NONE:
    default:
      return FALSE;
    }

  if (!(self->span = tessera_project_get_span (self->project, span_id, NULL)))
    return FALSE;

  self->kind = kind;
  return TRUE;
}

static void
refresh (TesseraInspector *self)
{
  const TesseraLabel *label;

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (!load_selection (self))
    {
      gboolean has_document = self->workbench != NULL &&
                              tessera_workbench_get_document (self->workbench) != NULL;

      gtk_label_set_label (self->hint_label,
                           has_document ? _("Select text and press a label’s key, or click a span")
                                        : _("Open a document to annotate it"));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      self->note_span_id = 0;
      clear_role_rows (self);
      return;
    }

  self->updating = TRUE;

  label = tessera_project_get_label (self->project, self->span->label_id);
  switch (self->kind)
    {
    case TESSERA_SELECTION_EVENT:
      fill_header (self, _("Event"));
      fill_label_dropdown (self, TESSERA_LABEL_EVENT, self->event->type_label_id);
      fill_attribute (self, self->realis_dropdown, &self->realis_values, "realis",
                      self->event->realis);
      fill_attribute (self, self->confirmation_dropdown, &self->confirmation_values,
                      "confirmation", self->event->confirmation);
      fill_roles (self);
      break;

    case TESSERA_SELECTION_STANCE:
      fill_header (self, _("Stance"));
      fill_label_dropdown (self, TESSERA_LABEL_STANCE, self->stance->label_id);
      fill_stance (self);
      break;

    case TESSERA_SELECTION_SPAN:
    case TESSERA_SELECTION_NONE:
    default:
      fill_header (self, label == NULL || label->kind == TESSERA_LABEL_ENTITY ? _("Entity")
                                                                              : _("Span"));
      fill_label_dropdown (self, label ? label->kind : TESSERA_LABEL_ENTITY, self->span->label_id);
      break;
    }

  fill_cluster (self);
  gtk_widget_set_visible (self->attributes_grid, self->kind == TESSERA_SELECTION_EVENT);
  gtk_widget_set_visible (self->roles_box, self->kind == TESSERA_SELECTION_EVENT);
  gtk_widget_set_visible (self->holder_box, self->kind == TESSERA_SELECTION_STANCE);
  gtk_widget_set_visible (self->target_box, self->kind == TESSERA_SELECTION_STANCE);
  if (self->kind != TESSERA_SELECTION_EVENT)
    clear_role_rows (self);

  fill_note (self);

  self->updating = FALSE;

  gtk_stack_set_visible_child_name (self->stack, "annotation");
}

static gboolean
refresh_idle (gpointer data)
{
  TesseraInspector *self = data;

  self->refresh_id = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

/* --- user actions -------------------------------------------------------- */

static void
on_label_selected (TesseraInspector *self)
{
  TesseraHistory *history;
  g_autoptr(GError) error = NULL;
  guint position;
  gint64 id;
  gboolean ok = TRUE;

  if (self->updating || self->span == NULL || self->label_ids == NULL)
    return;

  position = gtk_drop_down_get_selected (self->label_dropdown);
  if (position >= self->label_ids->len)
    return;
  id = g_array_index (self->label_ids, gint64, position);
  history = tessera_workbench_get_history (self->workbench);

  switch (self->kind)
    {
    case TESSERA_SELECTION_EVENT:
      if (id != self->event->type_label_id)
        {
          g_autoptr(TesseraEvent) event = tessera_event_copy (self->event);

          event->type_label_id = id;
          ok = tessera_history_update_event (history, event, &error);
        }
      break;

    case TESSERA_SELECTION_STANCE:
      if (id != self->stance->label_id)
        {
          g_autoptr(TesseraStance) stance = tessera_stance_copy (self->stance);

          stance->label_id = id;
          ok = tessera_history_update_stance (history, stance, &error);
        }
      break;

    case TESSERA_SELECTION_SPAN:
      if (id != self->span->label_id)
        {
          g_autoptr(TesseraSpan) span = tessera_span_copy (self->span);

          span->label_id = id;
          ok = tessera_history_update_span (history, span, &error);
        }
      break;

    case TESSERA_SELECTION_NONE:
    default:
      break;
    }

  if (!ok)
    report (self, error);
}

static void
on_attribute_selected (TesseraInspector *self,
                       GParamSpec       *pspec,
                       GtkDropDown      *dropdown)
{
  g_autoptr(TesseraEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  TesseraHistory *history;
  gboolean realis = dropdown == self->realis_dropdown;
  GStrv values = realis ? self->realis_values : self->confirmation_values;
  guint position = gtk_drop_down_get_selected (dropdown);
  char **field;

  if (self->updating || self->event == NULL || values == NULL ||
      position >= g_strv_length (values))
    return;

  event = tessera_event_copy (self->event);
  field = realis ? &event->realis : &event->confirmation;
  if (g_strcmp0 (*field, values[position]) == 0)
    return;
  g_free (*field);
  *field = g_strdup (values[position]);

  history = tessera_workbench_get_history (self->workbench);
  if (!tessera_history_update_event (history, event, &error))
    report (self, error);
}

static void
update_stance (TesseraInspector *self,
               TesseraStance    *stance)
{
  TesseraHistory *history = tessera_workbench_get_history (self->workbench);
  g_autoptr(GError) error = NULL;

  if (!tessera_history_update_stance (history, stance, &error))
    report (self, error);
}

static void
on_target_selected (TesseraInspector *self)
{
  g_autoptr(TesseraStance) stance = NULL;
  guint position = gtk_drop_down_get_selected (self->target_dropdown);
  gint64 id;

  if (self->updating || self->stance == NULL || self->target_ids == NULL ||
      position >= self->target_ids->len)
    return;

  id = g_array_index (self->target_ids, gint64, position);
  if (id == self->stance->target_event_id)
    return;

  stance = tessera_stance_copy (self->stance);
  stance->target_event_id = id;
  /* A stance is toward an event or a span, not both. */
  if (id != 0)
    stance->target_span_id = 0;
  update_stance (self, stance);
}

static void
on_holder_cleared (TesseraInspector *self)
{
  g_autoptr(TesseraStance) stance = NULL;

  if (self->stance == NULL)
    return;

  stance = tessera_stance_copy (self->stance);
  stance->holder_span_id = 0;
  update_stance (self, stance);
}

static void
on_target_span_cleared (TesseraInspector *self)
{
  g_autoptr(TesseraStance) stance = NULL;

  if (self->stance == NULL)
    return;

  stance = tessera_stance_copy (self->stance);
  stance->target_span_id = 0;
  update_stance (self, stance);
}

static void
on_pick_toggled (TesseraInspector *self,
                 GtkToggleButton  *button)
{
  TesseraPickKind kind = button == self->holder_pick_button ? TESSERA_PICK_HOLDER
                                                            : TESSERA_PICK_TARGET_SPAN;

  if (self->updating || self->workbench == NULL)
    return;

  if (gtk_toggle_button_get_active (button))
    tessera_workbench_set_pick (self->workbench, kind, 0);
  else if (tessera_workbench_get_pick (self->workbench, NULL) == kind)
    tessera_workbench_set_pick (self->workbench, TESSERA_PICK_NONE, 0);
}

static void
on_note_activate (TesseraInspector *self)
{
  commit_note (self);
}

static void
on_note_focus_enter (TesseraInspector *self)
{
  self->note_has_focus = TRUE;
}

static void
on_note_focus_leave (TesseraInspector *self)
{
  self->note_has_focus = FALSE;
  commit_note (self);
}

/* Escape while a slot waits for a span gives up the pick; otherwise the
 * key goes on to whoever else wants it. */
static gboolean
on_escape (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  TesseraInspector *self = TESSERA_INSPECTOR (widget);

  if (self->workbench == NULL ||
      tessera_workbench_get_pick (self->workbench, NULL) == TESSERA_PICK_NONE)
    return FALSE;

  tessera_workbench_set_pick (self->workbench, TESSERA_PICK_NONE, 0);
  return TRUE;
}

/* --- following the workbench -------------------------------------------- */

static void
on_selection_changed (TesseraInspector *self)
{
  /* A note being typed belongs to the annotation that was selected. */
  commit_note (self);
  refresh (self);
}

static void
on_project_changed (TesseraInspector *self,
                    guint             kind,
                    guint             action,
                    gint64            document_id,
                    gint64            object_id,
                    TesseraProject   *project)
{
  if (kind == TESSERA_CHANGE_SCHEMA || kind == TESSERA_CHANGE_RESET)
    self->labels_stale = TRUE;
  /* A cluster renamed, merged or deleted elsewhere may be the one shown. */
  else if (kind != TESSERA_CHANGE_CLUSTER &&
           document_id != tessera_workbench_get_document_id (self->workbench))
    return;

  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_idle, self, NULL);
}

static void
set_project (TesseraInspector *self,
             TesseraProject   *project)
{
  if (self->project == project)
    return;

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);
  g_set_object (&self->project, project);
  if (project != NULL)
    g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self,
                             G_CONNECT_SWAPPED);
  self->labels_stale = TRUE;
}

static void
on_workbench_project (TesseraInspector *self)
{
  set_project (self, tessera_workbench_get_project (self->workbench));
  refresh (self);
}

static void
unbind_workbench (TesseraInspector *self)
{
  if (self->workbench != NULL)
    g_signal_handlers_disconnect_by_data (self->workbench, self);
  set_project (self, NULL);
}

/* --- GObject ------------------------------------------------------------- */

static void
tessera_inspector_dispose (GObject *object)
{
  TesseraInspector *self = TESSERA_INSPECTOR (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  unbind_workbench (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_INSPECTOR);
  g_clear_object (&self->workbench);

  G_OBJECT_CLASS (tessera_inspector_parent_class)->dispose (object);
}

static void
tessera_inspector_finalize (GObject *object)
{
  TesseraInspector *self = TESSERA_INSPECTOR (object);

  g_clear_pointer (&self->span, tessera_span_free);
  g_clear_pointer (&self->event, tessera_event_free);
  g_clear_pointer (&self->stance, tessera_stance_free);
  g_clear_pointer (&self->label_ids, g_array_unref);
  g_clear_pointer (&self->realis_values, g_strfreev);
  g_clear_pointer (&self->confirmation_values, g_strfreev);
  g_clear_pointer (&self->target_ids, g_array_unref);
  g_clear_pointer (&self->target_names, g_strfreev);
  g_clear_pointer (&self->role_ids, g_array_unref);
  g_clear_pointer (&self->role_rows, g_ptr_array_unref);
  g_clear_pointer (&self->loaded_note, g_free);

  G_OBJECT_CLASS (tessera_inspector_parent_class)->finalize (object);
}

static void
tessera_inspector_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TesseraInspector *self = TESSERA_INSPECTOR (object);

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
tessera_inspector_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TesseraInspector *self = TESSERA_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_WORKBENCH:
      tessera_inspector_set_workbench (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_inspector_class_init (TesseraInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_inspector_dispose;
  object_class->finalize = tessera_inspector_finalize;
  object_class->get_property = tessera_inspector_get_property;
  object_class->set_property = tessera_inspector_set_property;

  properties[PROP_WORKBENCH] =
    g_param_spec_object ("workbench", NULL, NULL, TESSERA_TYPE_WORKBENCH,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tessera/Tessera/tessera-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, hint_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, kind_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, text_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, annotator_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, label_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, cluster_box);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, cluster_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, cluster_caption);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, cluster_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, cluster_popover);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, cluster_list_heading);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, cluster_scroller);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, cluster_list);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, new_cluster_entry);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, cluster_remove_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, attributes_grid);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, realis_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, confirmation_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, roles_box);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, roles_list);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, holder_box);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, holder_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, holder_pick_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, holder_clear_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, target_box);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, target_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, target_span_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, target_pick_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, target_clear_button);
  gtk_widget_class_bind_template_child (widget_class, TesseraInspector, note_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_label_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_attribute_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_target_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_holder_cleared);
  gtk_widget_class_bind_template_callback (widget_class, on_target_span_cleared);
  gtk_widget_class_bind_template_callback (widget_class, on_pick_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_note_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_note_focus_enter);
  gtk_widget_class_bind_template_callback (widget_class, on_note_focus_leave);
  gtk_widget_class_bind_template_callback (widget_class, on_cluster_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_cluster_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_new_cluster);
  gtk_widget_class_bind_template_callback (widget_class, on_cluster_removed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "inspector");
}

static void
tessera_inspector_init (TesseraInspector *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->label_kind = TESSERA_LABEL_ANY;
  self->role_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->role_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) role_row_free);

  set_factory (self, self->label_dropdown, TRUE);
  set_factory (self, self->realis_dropdown, FALSE);
  set_factory (self, self->confirmation_dropdown, FALSE);
  set_factory (self, self->target_dropdown, FALSE);

  /* Managed: Escape cancels a pick wherever the focus is in the window. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (on_escape,
                                                                                   NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  refresh (self);
}

TesseraWorkbench *
tessera_inspector_get_workbench (TesseraInspector *self)
{
  g_return_val_if_fail (TESSERA_IS_INSPECTOR (self), NULL);

  return self->workbench;
}

void
tessera_inspector_set_workbench (TesseraInspector *self,
                                 TesseraWorkbench *workbench)
{
  g_return_if_fail (TESSERA_IS_INSPECTOR (self));
  g_return_if_fail (workbench == NULL || TESSERA_IS_WORKBENCH (workbench));

  if (self->workbench == workbench)
    return;

  unbind_workbench (self);
  g_set_object (&self->workbench, workbench);

  if (workbench != NULL)
    {
      g_signal_connect_object (workbench, "notify::project", G_CALLBACK (on_workbench_project),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (workbench, "notify::document-id", G_CALLBACK (refresh),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (workbench, "selection-changed", G_CALLBACK (on_selection_changed),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (workbench, "pick-changed", G_CALLBACK (refresh),
                               self, G_CONNECT_SWAPPED);
      set_project (self, tessera_workbench_get_project (workbench));
    }

  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKBENCH]);
}
