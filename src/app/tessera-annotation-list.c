/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-annotation-list"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-accessible.h"
#include "tessera-annotation-list.h"
#include "tessera-swatch.h"
#include "tessera-text.h"

/* Longest excerpt a row shows of its span's text (code points). */
#define MAX_EXCERPT 160

/* A row's widgets and what it shows now: changes that leave the span
 * itself alone (an argument added, a holder picked) find it by these. */
typedef struct
{
  GtkWidget     *box;
  TesseraSwatch *swatch;
  GtkLabel      *text;
  GtkLabel      *caption;
  GtkWidget     *answers;         /* accept and reject, made for the first suggestion shown */
  gint64         span_id;         /* 0 while unbound */
  gint64         event_id;        /* the span's (first) event, stance and holder; 0 for none */
  guint          n_events;        /* a trigger may have several */
  gint64         stance_id;
  gint64         holder_span_id;
} Row;

struct _TesseraAnnotationList
{
  GtkWidget            parent_instance;

  TesseraWorkbench    *workbench;
  GSignalGroup        *workbench_signals;
  TesseraOpenDocument *document;     /* the workbench's, which the rows read */
  GSignalGroup        *document_signals;
  /* The rows bound now (a screenful, however long the document): span
   * id → Row, to redo those an event or stance change concerns. */
  GHashTable          *rows;
  /* Into the document's text, for excerpts: rows bound one after
   * another are near each other in it. */
  TesseraTextCursor    cursor;
  gboolean             cursor_set;
  gboolean             syncing;      /* the list follows the workbench, not the reverse */
  /* The document's spans, less those of annotators not shown (no filter
   * while everyone's are: positions are then the span index's). */
  GtkFilterListModel  *filtered;
  GtkFilter           *annotator_filter;
  gboolean             name_annotators;  /* the document shows several people's work */

  /* Template widgets */
  GtkLabel            *count_label;
  GtkStack            *stack;
  GtkListView         *list_view;
  GtkSingleSelection  *selection;
  GtkLabel            *empty_label;
  GtkWidget           *suggestions_bar;
  GtkLabel            *suggestions_label;
};

G_DEFINE_FINAL_TYPE (TesseraAnnotationList, tessera_annotation_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WORKBENCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* An excerpt of [start, end) beginning at @p: at most MAX_EXCERPT code
 * points, line breaks and tabs shown as spaces. */
static char *
make_excerpt (const char *p,
              gint64      length)
{
  GString *str = g_string_sized_new (MIN (length, MAX_EXCERPT) + 4);
  gint64 i;

  for (i = 0; i < length && i < MAX_EXCERPT && *p != '\0'; i++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\t' || c == '\r')
        c = ' ';
      g_string_append_unichar (str, c);
      p = g_utf8_next_char (p);
    }
  if (i < length)
    g_string_append (str, "…");

  return g_string_free (str, FALSE);
}

static char *
span_excerpt (TesseraAnnotationList *self,
              const TesseraSpan     *span)
{
  TesseraDocument *doc = tessera_open_document_get_document (self->document);
  const char *p;

  if (doc == NULL || doc->text == NULL)
    return g_strdup ("");

  /* A reloaded text is another string: the model reads the new one
   * before it lets the old one go. */
  if (!self->cursor_set || self->cursor.text != doc->text)
    {
      tessera_text_cursor_init (&self->cursor, doc->text, -1);
      self->cursor_set = TRUE;
    }
  p = tessera_text_cursor_seek (&self->cursor, span->start);

  return p ? make_excerpt (p, span->end - span->start) : g_strdup ("");
}

static guint
count_roles (GArray *arguments)
{
  guint n = 0;
  gint64 last = 0;

  /* Arguments come ordered by role: count the distinct ones. */
  for (guint i = 0; arguments != NULL && i < arguments->len; i++)
    {
      TesseraArgument *arg = &g_array_index (arguments, TesseraArgument, i);

      if (i == 0 || arg->role_label_id != last)
        n++;
      last = arg->role_label_id;
    }

  return n;
}

static char *
event_detail (TesseraProject     *project,
              const TesseraEvent *event)
{
  const TesseraLabel *type = tessera_project_get_label (project, event->type_label_id);
  guint offered;

  if (type != NULL && type->roles != NULL && type->roles->len > 0)
    offered = type->roles->len;
  else
    {
      g_autoptr(GPtrArray) all = tessera_project_list_labels (project, TESSERA_LABEL_ROLE);

      offered = all->len;
    }

  /* Translators: how many of an event's role slots are filled. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u role", "%u of %u roles", offered),
                          count_roles (event->arguments), offered);
}

/* What a row says of the events its span triggers, one after another:
 * "◆ Attack · 2 of 5 roles  ◆ Death · 1 of 3 roles", each with who made
 * it where several people's work is shown. */
static char *
events_caption (TesseraAnnotationList *self,
                TesseraProject        *project,
                GPtrArray             *events)
{
  GString *caption = g_string_new (NULL);

  for (guint i = 0; i < events->len; i++)
    {
      const TesseraEvent *event = g_ptr_array_index (events, i);
      const TesseraLabel *type = tessera_project_get_label (project, event->type_label_id);
      const char *who = self->name_annotators ? tessera_project_get_annotator_name (project, event->annotator_id)
                                              : NULL;
      g_autofree char *roles = event_detail (project, event);
      g_autofree char *one = NULL;

      /* Translators: an event in the annotation list: "◆ Battle · 2 of 5 roles". */
      one = g_strdup_printf (_("◆ %s · %s"), type ? type->name : _("Unknown label"), roles);
      if (who != NULL)
        {
          /* Translators: an annotation and who made it: "Person · ana". */
          char *signed_one = g_strdup_printf (_("%s · %s"), one, who);

          g_free (one);
          one = signed_one;
        }
      if (i > 0)
        g_string_append (caption, "  ");
      g_string_append (caption, one);
    }

  return g_string_free (caption, FALSE);
}

/* Appends @part to what a screen reader says of a row. */
static void
append_part (GString    *spoken,
             const char *part)
{
  g_autofree char *joined = NULL;

  if (spoken->len == 0)
    {
      g_string_assign (spoken, part);
      return;
    }
  /* Translators: joins the parts of what a screen reader says of an
   * annotation: "Place: Kidal" and "by ana". */
  joined = g_strdup_printf (_("%s, %s"), spoken->str, part);
  g_string_assign (spoken, joined);
}

/* What a screen reader says of a row: the row's caption in words, not
 * signs ("Battle event: fighting, 4 of 5 roles, by ana"). */
static char *
row_spoken_name (TesseraAnnotationList *self,
                 TesseraProject        *project,
                 const TesseraSpan     *span,
                 const char            *label_name,
                 const char            *text,
                 GPtrArray             *events,
                 const TesseraStance   *stance,
                 const char            *holder,
                 gboolean               suggested)
{
  const TesseraEvent *event = events->len > 0 ? g_ptr_array_index (events, 0) : NULL;
  GString *spoken = g_string_new (NULL);
  g_autofree char *what = NULL;
  g_autofree char *named = NULL;
  gint64 annotator_id = stance != NULL ? stance->annotator_id : span->annotator_id;
  const char *who;

  if (suggested)
    append_part (spoken, span->note != NULL && *span->note != '\0' ? span->note : _("Suggested"));

  if (event != NULL && project != NULL)
    {
      const TesseraLabel *type = tessera_project_get_label (project, event->type_label_id);
      const char *type_name = type ? type->name : _("Unknown label");

      if (events->len > 1)
        /* Translators: what a screen reader calls the trigger of several
         * events: "Battle event and 1 more". */
        what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s event and %u more",
                                             "%s event and %u more", events->len - 1),
                                type_name, events->len - 1);
      else
        /* Translators: what a screen reader calls an event: "Battle event". */
        what = g_strdup_printf (_("%s event"), type_name);
      annotator_id = event->annotator_id;
    }
  /* Translators: an annotation as a screen reader says it, its label and
   * its text: "Place: Kidal". */
  named = g_strdup_printf (_("%s: %s"), what != NULL ? what : label_name, text);
  append_part (spoken, named);

  if (event != NULL && project != NULL)
    {
      g_autofree char *roles = event_detail (project, event);

      append_part (spoken, roles);
    }
  if (holder != NULL)
    {
      /* Translators: who holds a stance, as a screen reader says it: "held by CSP". */
      g_autofree char *held = g_strdup_printf (_("held by %s"), holder);

      append_part (spoken, held);
    }
  if (project != NULL && self->name_annotators &&
      (who = tessera_project_get_annotator_name (project, annotator_id)) != NULL)
    {
      /* Translators: who made an annotation, as a screen reader says it: "by ana". */
      g_autofree char *by = g_strdup_printf (_("by %s"), who);

      append_part (spoken, by);
    }

  return g_string_free (spoken, FALSE);
}

static void
update_header (TesseraAnnotationList *self)
{
  guint n = 0;
  guint n_suggestions = 0;
  g_autofree char *count = NULL;

  self->name_annotators = self->workbench != NULL && tessera_workbench_shows_several_annotators (self->workbench);
  if (self->document != NULL)
    {
      n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
      n_suggestions = tessera_open_document_get_n_suggestions (self->document);
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation", "%u annotations", n),
                               n);
    }
  gtk_label_set_label (self->count_label, count ? count : _("Annotations"));

  gtk_label_set_label (self->empty_label,
                       self->document ? _("No annotations yet. Select text and press a label’s key.")
                                      : _("No document open"));
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");

  if (n_suggestions > 0)
    {
      g_autofree char *suggestions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u suggestion",
                                                                   "%u suggestions", n_suggestions),
                                                      n_suggestions);

      gtk_label_set_label (self->suggestions_label, suggestions);
    }
  gtk_widget_set_visible (self->suggestions_bar, n_suggestions > 0);
}

static gboolean
shows_item (gpointer item,
            gpointer user_data)
{
  TesseraAnnotationList *self = user_data;
  const TesseraSpan *span;

  if (self->document == NULL || self->workbench == NULL)
    return TRUE;
  span = tessera_open_document_get_span (self->document, tessera_span_item_get_span_id (item));
  return span == NULL || tessera_workbench_is_annotator_shown (self->workbench, span->annotator_id);
}

static gboolean
filtering (TesseraAnnotationList *self)
{
  return gtk_filter_list_model_get_filter (self->filtered) != NULL;
}

/* The list's position of span @span_id, or -1. */
static int
find_position (TesseraAnnotationList *self,
               gint64                 span_id)
{
  GListModel *model = G_LIST_MODEL (self->filtered);

  if (self->document == NULL || span_id == 0)
    return -1;
  if (!filtering (self))
    return tessera_span_index_find_id (tessera_open_document_get_spans (self->document), span_id);
  for (guint i = 0, n = g_list_model_get_n_items (model); i < n; i++)
    {
      g_autoptr(TesseraSpanItem) item = g_list_model_get_item (model, i);

      if (tessera_span_item_get_span_id (item) == span_id)
        return (int) i;
    }
  return -1;
}

/* Selects the row of the workbench's selection; scrolls to it when asked
 * (the user chose something) rather than when a row changed under it. */
static void
sync_selection (TesseraAnnotationList *self,
                gboolean               scroll)
{
  gint64 span_id = self->workbench ? tessera_workbench_get_selected_span (self->workbench) : 0;
  int position = find_position (self, span_id);

  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, position >= 0 ? (guint) position
                                                                    : GTK_INVALID_LIST_POSITION);
  self->syncing = FALSE;

  if (scroll && position >= 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", (guint) position);
}

/* Fills @row with what the model says of its span now. */
static void ensure_answers (TesseraAnnotationList *self,
                            Row                   *row);

static void
show_row (TesseraAnnotationList *self,
          Row                   *row)
{
  TesseraProject *project = tessera_open_document_get_project (self->document);
  const TesseraSpan *span = tessera_open_document_get_span (self->document, row->span_id);
  g_autoptr(GPtrArray) events = tessera_open_document_list_trigger_events (self->document, row->span_id);
  const TesseraEvent *event = events->len > 0 ? g_ptr_array_index (events, 0) : NULL;
  const TesseraStance *stance = tessera_open_document_get_statement_stance (self->document, row->span_id);
  const TesseraSpan *holder = NULL;
  gboolean suggested = (tessera_open_document_get_span_flags (self->document, row->span_id) &
                        TESSERA_SPAN_FLAG_SUGGESTED) != 0;
  const TesseraLabel *label;
  const char *name;
  g_autofree char *text = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *holder_text = NULL;
  g_autofree char *spoken = NULL;

  /* Only a row on its way out of the list has no span. */
  if (span == NULL)
    return;

  row->event_id = event ? event->id : 0;
  row->n_events = events->len;
  row->stance_id = stance ? stance->id : 0;
  row->holder_span_id = stance ? stance->holder_span_id : 0;
  if (row->holder_span_id != 0)
    holder = tessera_open_document_get_span (self->document, row->holder_span_id);

  label = project ? tessera_project_get_label (project, span->label_id) : NULL;
  name = label ? label->name : _("Unknown label");
  text = span_excerpt (self, span);
  tessera_swatch_set_color (row->swatch, label ? label->color : NULL);
  gtk_label_set_label (row->text, text);

  if (event != NULL && project != NULL)
    caption = events_caption (self, project, events);
  else if (holder != NULL)
    {
      holder_text = span_excerpt (self, holder);
      /* Translators: a stance and its holder: "denies — CSP". */
      caption = g_strdup_printf (_("%s — %s"), name, holder_text);
    }
  else
    caption = g_strdup (name);

  /* Where several people's work is shown, who made each annotation (each
   * event says it itself). */
  if (project != NULL && self->name_annotators && event == NULL)
    {
      const char *who = tessera_project_get_annotator_name (project, stance != NULL ? stance->annotator_id
                                                                    : span->annotator_id);

      if (who != NULL)
        {
          /* Translators: an annotation and who made it: "Person · ana". */
          char *signed_caption = g_strdup_printf (_("%s · %s"), caption, who);

          g_free (caption);
          caption = signed_caption;
        }
    }

  if (suggested)
    {
      /* A curation's note says whose version it is ("Proposed by ana"),
       * first: that is what the curator chooses between. */
      char *marked = span->note != NULL && *span->note != '\0'
                     ? g_strdup_printf (_("%s · %s"), span->note, caption)
                     /* Translators: a suggested annotation in the list: "Suggested · Person". */
                     : g_strdup_printf (_("Suggested · %s"), caption);

      g_free (caption);
      caption = marked;
      gtk_widget_add_css_class (row->box, "suggestion");
    }
  else
    gtk_widget_remove_css_class (row->box, "suggestion");
  if (suggested)
    ensure_answers (self, row);
  if (row->answers != NULL)
    gtk_widget_set_visible (row->answers, suggested);
  gtk_label_set_label (row->caption, caption);

  spoken = row_spoken_name (self, project, span, name, text, events, stance, holder_text,
                            suggested);
  tessera_accessible_name_list_row (row->box, spoken);
}

/* Whether @row shows an event or stance its span no longer stands for,
 * or quotes a holder among @changes' spans. */
static gboolean
row_outdated (TesseraAnnotationList            *self,
              Row                              *row,
              const TesseraOpenDocumentChanges *changes)
{
  const TesseraEvent *event = tessera_open_document_get_trigger_event (self->document, row->span_id);
  const TesseraStance *stance = tessera_open_document_get_statement_stance (self->document, row->span_id);

  if ((event ? event->id : 0) != row->event_id || (stance ? stance->id : 0) != row->stance_id ||
      tessera_open_document_get_n_trigger_events (self->document, row->span_id) != row->n_events)
    return TRUE;
  for (guint i = 0; row->holder_span_id != 0 && i < changes->spans->len; i++)
    if (g_array_index (changes->spans, gint64, i) == row->holder_span_id)
      return TRUE;

  return FALSE;
}

static void
refresh_row (TesseraAnnotationList *self,
             gint64                 span_id)
{
  Row *row = g_hash_table_lookup (self->rows, &span_id);

  if (row != NULL)
    show_row (self, row);
}

/* The model took in a commit. Rows of changed spans were redone as it
 * told the list (items-changed); here, those whose event or stance, or
 * whose labels, changed without their span. */
static void
on_document_changed (TesseraAnnotationList            *self,
                     const TesseraOpenDocumentChanges *changes)
{
  GHashTableIter iter;
  gpointer row;

  if (changes->reset)
    self->cursor_set = FALSE;

  if (changes->reset || changes->schema)
    {
      g_hash_table_iter_init (&iter, self->rows);
      while (g_hash_table_iter_next (&iter, NULL, &row))
        show_row (self, row);
    }
  else
    {
      for (guint i = 0; i < changes->events->len; i++)
        {
          const TesseraEvent *event = tessera_open_document_get_event (self->document,
                                                                       g_array_index (changes->events, gint64, i));

          if (event != NULL)
            refresh_row (self, event->trigger_span_id);
        }
      for (guint i = 0; i < changes->stances->len; i++)
        {
          const TesseraStance *stance = tessera_open_document_get_stance (self->document,
                                                                          g_array_index (changes->stances, gint64, i));

          if (stance != NULL)
            refresh_row (self, stance->span_id);
        }

      /* Events and stances gone, or moved to another span, are no longer
       * in the model to say where they were: ask the rows on screen. */
      if (changes->events->len > 0 || changes->stances->len > 0 || changes->spans->len > 0)
        {
          g_hash_table_iter_init (&iter, self->rows);
          while (g_hash_table_iter_next (&iter, NULL, &row))
            if (row_outdated (self, row, changes))
              show_row (self, row);
        }
    }

  update_header (self);
  sync_selection (self, FALSE);
}

static void
on_workbench_document (TesseraAnnotationList *self)
{
  TesseraOpenDocument *document = self->workbench ? tessera_workbench_get_open_document (self->workbench)
                                                  : NULL;

  /* Before the rows of the new document are bound. */
  self->name_annotators = self->workbench != NULL && tessera_workbench_shows_several_annotators (self->workbench);
  if (self->document != document)
    {
      /* Kept until the selection has let go of its span list. */
      g_autoptr(TesseraOpenDocument) old = g_steal_pointer (&self->document);

      self->document = document ? g_object_ref (document) : NULL;
      self->cursor_set = FALSE;
      g_signal_group_set_target (self->document_signals, document);
      self->syncing = TRUE;
      gtk_filter_list_model_set_model (self->filtered,
                                       document ? tessera_open_document_get_span_list (document) : NULL);
      self->syncing = FALSE;
    }

  update_header (self);
  sync_selection (self, TRUE);
}

static void
on_hidden_annotators (TesseraAnnotationList *self)
{
  GHashTable *hidden = NULL;
  gboolean any;

  g_object_get (self->workbench, "hidden-annotators", &hidden, NULL);
  any = hidden != NULL && g_hash_table_size (hidden) > 0;
  g_clear_pointer (&hidden, g_hash_table_unref);

  self->syncing = TRUE;
  if (any && !filtering (self))
    gtk_filter_list_model_set_filter (self->filtered, self->annotator_filter);
  else if (any)
    gtk_filter_changed (self->annotator_filter, GTK_FILTER_CHANGE_DIFFERENT);
  else
    gtk_filter_list_model_set_filter (self->filtered, NULL);
  self->syncing = FALSE;

  update_header (self);
  /* Rows say who made them only while several people's work shows. */
  {
    GHashTableIter iter;
    gpointer row;

    g_hash_table_iter_init (&iter, self->rows);
    while (g_hash_table_iter_next (&iter, NULL, &row))
      show_row (self, row);
  }
  sync_selection (self, FALSE);
}

static void
on_workbench_selection (TesseraAnnotationList *self)
{
  sync_selection (self, TRUE);
}

static void
on_selected_changed (TesseraAnnotationList *self)
{
  TesseraSpanItem *item;
  gint64 span_id;

  if (self->syncing || self->workbench == NULL)
    return;

  item = gtk_single_selection_get_selected_item (self->selection);
  if (item != NULL &&
      (span_id = tessera_span_item_get_span_id (item)) != tessera_workbench_get_selected_span (self->workbench))
    tessera_workbench_select_span (self->workbench, span_id);
}

static void
on_row_activated (TesseraAnnotationList *self,
                  guint                  position)
{
  g_autoptr(TesseraSpanItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL && self->workbench != NULL)
    tessera_workbench_select_span (self->workbench, tessera_span_item_get_span_id (item));
}

/* What accepting or rejecting the row of @span_id acts on: its event or
 * stance when that is suggested, else its span; FALSE when nothing is. */
static gboolean
row_suggestion (TesseraOpenDocument *document,
                gint64               span_id,
                TesseraChangeKind   *kind,
                gint64              *id)
{
  const TesseraSpan *span = tessera_open_document_get_span (document, span_id);
  g_autoptr(GPtrArray) events = tessera_open_document_list_trigger_events (document, span_id);
  const TesseraStance *stance = tessera_open_document_get_statement_stance (document, span_id);
  const TesseraEvent *event = NULL;

  /* The first suggested event of the trigger's. */
  for (guint i = 0; event == NULL && i < events->len; i++)
    if (((const TesseraEvent *) g_ptr_array_index (events, i))->suggested)
      event = g_ptr_array_index (events, i);

  if (event != NULL)
    {
      *kind = TESSERA_CHANGE_EVENT;
      *id = event->id;
    }
  else if (stance != NULL && stance->suggested)
    {
      *kind = TESSERA_CHANGE_STANCE;
      *id = stance->id;
    }
  else if (span != NULL && span->suggested)
    {
      *kind = TESSERA_CHANGE_SPAN;
      *id = span_id;
    }
  else
    return FALSE;

  return TRUE;
}

static void
on_answer_clicked (TesseraAnnotationList *self,
                   GtkButton             *button)
{
  Row *row = g_object_get_data (G_OBJECT (button), "tessera-row");
  TesseraHistory *history = self->workbench ? tessera_workbench_get_history (self->workbench) : NULL;
  gboolean accept = g_object_get_data (G_OBJECT (button), "tessera-accept") != NULL;
  g_autoptr(GError) error = NULL;
  TesseraChangeKind kind;
  gint64 id;
  gboolean ok;

  if (row->span_id == 0 || history == NULL || self->document == NULL ||
      !row_suggestion (self->document, row->span_id, &kind, &id))
    return;

  if (accept)
    ok = tessera_history_accept_suggestion (history, kind, id, &error);
  else
    ok = tessera_history_reject_suggestion (history, kind, id, &error);
  if (!ok)
    tessera_workbench_report_error (self->workbench, error);
}

static GtkWidget *
answer_button_new (TesseraAnnotationList *self,
                   Row                   *row,
                   gboolean               accept)
{
  GtkWidget *button = gtk_button_new_from_icon_name (accept ? "object-select-symbolic" : "window-close-symbolic");
  const char *name = accept ? _("Accept suggestion") : _("Reject suggestion");

  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_add_css_class (button, accept ? "suggestion-accept" : "suggestion-reject");
  g_object_set_data (G_OBJECT (button), "tessera-row", row);
  if (accept)
    g_object_set_data (G_OBJECT (button), "tessera-accept", GINT_TO_POINTER (1));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_answer_clicked), self, G_CONNECT_SWAPPED);

  return button;
}

/* Most rows never show a suggestion: their buttons are made when one
 * does (a button with a tooltip costs a round trip to the X server, which
 * GTK asks where the pointer is). */
static void
ensure_answers (TesseraAnnotationList *self,
                Row                   *row)
{
  if (row->answers != NULL)
    return;

  row->answers = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  gtk_widget_set_valign (row->answers, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (row->answers), answer_button_new (self, row, TRUE));
  gtk_box_append (GTK_BOX (row->answers), answer_button_new (self, row, FALSE));
  gtk_box_append (GTK_BOX (row->box), row->answers);
}

static Row *
row_of (GtkListItem *list_item)
{
  return g_object_get_data (G_OBJECT (gtk_list_item_get_child (list_item)), "tessera-row");
}

static void
on_setup_row (TesseraAnnotationList    *self,
              GtkListItem              *list_item,
              GtkSignalListItemFactory *factory)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *swatch = tessera_swatch_new (NULL);
  GtkWidget *text = gtk_label_new (NULL);
  GtkWidget *caption = gtk_label_new (NULL);
  Row *row = g_new0 (Row, 1);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_valign (swatch, GTK_ALIGN_START);
  /* Beside the first line. */
  gtk_widget_set_margin_top (swatch, 3);
  gtk_box_append (GTK_BOX (box), swatch);

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (text), TRUE);
  gtk_box_append (GTK_BOX (lines), text);

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (caption), TRUE);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (lines), caption);

  gtk_widget_set_hexpand (lines, TRUE);
  gtk_box_append (GTK_BOX (box), lines);

  row->box = box;
  row->swatch = TESSERA_SWATCH (swatch);
  row->text = GTK_LABEL (text);
  row->caption = GTK_LABEL (caption);
  g_object_set_data_full (G_OBJECT (box), "tessera-row", row, g_free);
  gtk_list_item_set_child (list_item, box);
}

static void
forget_row (TesseraAnnotationList *self,
            Row                   *row)
{
  /* Another row may have taken the span over already. */
  if (self->rows != NULL && row->span_id != 0 && g_hash_table_lookup (self->rows, &row->span_id) == row)
    g_hash_table_remove (self->rows, &row->span_id);
  row->span_id = 0;
}

static void
on_bind_row (TesseraAnnotationList    *self,
             GtkListItem              *list_item,
             GtkSignalListItemFactory *factory)
{
  Row *row = row_of (list_item);

  forget_row (self, row);
  row->span_id = tessera_span_item_get_span_id (gtk_list_item_get_item (list_item));
  /* Replace, not insert: the key is the row's own span_id. */
  g_hash_table_replace (self->rows, &row->span_id, row);
  show_row (self, row);
}

static void
on_unbind_row (TesseraAnnotationList    *self,
               GtkListItem              *list_item,
               GtkSignalListItemFactory *factory)
{
  Row *row = row_of (list_item);

  forget_row (self, row);
  tessera_accessible_name_list_row (row->box, NULL);
}

static void
tessera_annotation_list_dispose (GObject *object)
{
  TesseraAnnotationList *self = TESSERA_ANNOTATION_LIST (object);
  GtkWidget *child;

  if (self->workbench_signals != NULL)
    g_signal_group_set_target (self->workbench_signals, NULL);
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_ANNOTATION_LIST);
  /* The template's top box is not a bound child: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  /* After the rows: they leave the table as they go. */
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_object (&self->workbench_signals);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->filtered);
  g_clear_object (&self->annotator_filter);
  g_clear_object (&self->document);
  g_clear_object (&self->workbench);

  G_OBJECT_CLASS (tessera_annotation_list_parent_class)->dispose (object);
}

static void
tessera_annotation_list_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TesseraAnnotationList *self = TESSERA_ANNOTATION_LIST (object);

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
tessera_annotation_list_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  TesseraAnnotationList *self = TESSERA_ANNOTATION_LIST (object);

  switch (prop_id)
    {
    case PROP_WORKBENCH:
      tessera_annotation_list_set_workbench (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tessera_annotation_list_class_init (TesseraAnnotationListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tessera_annotation_list_dispose;
  object_class->get_property = tessera_annotation_list_get_property;
  object_class->set_property = tessera_annotation_list_set_property;

  properties[PROP_WORKBENCH] =
    g_param_spec_object ("workbench", NULL, NULL, TESSERA_TYPE_WORKBENCH,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/tessera/Tessera/tessera-annotation-list.ui");
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationList, count_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationList, stack);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationList, list_view);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationList, selection);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationList, empty_label);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationList, suggestions_bar);
  gtk_widget_class_bind_template_child (widget_class, TesseraAnnotationList, suggestions_label);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_setup_row);
  gtk_widget_class_bind_template_callback (widget_class, on_bind_row);
  gtk_widget_class_bind_template_callback (widget_class, on_unbind_row);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "annotationlist");
}

static void
tessera_annotation_list_init (TesseraAnnotationList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->annotator_filter = GTK_FILTER (gtk_custom_filter_new (shows_item, self, NULL));
  self->filtered = gtk_filter_list_model_new (NULL, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->filtered));

  self->workbench_signals = g_signal_group_new (TESSERA_TYPE_WORKBENCH);
  g_signal_group_connect_object (self->workbench_signals, "notify::hidden-annotators",
                                 G_CALLBACK (on_hidden_annotators), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->workbench_signals, "notify::document",
                                 G_CALLBACK (on_workbench_document), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->workbench_signals, "selection-changed",
                                 G_CALLBACK (on_workbench_selection), self, G_CONNECT_SWAPPED);

  self->document_signals = g_signal_group_new (TESSERA_TYPE_OPEN_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "changed",
                                 G_CALLBACK (on_document_changed), self, G_CONNECT_SWAPPED);

  update_header (self);
}

TesseraWorkbench *
tessera_annotation_list_get_workbench (TesseraAnnotationList *self)
{
  g_return_val_if_fail (TESSERA_IS_ANNOTATION_LIST (self), NULL);

  return self->workbench;
}

void
tessera_annotation_list_set_workbench (TesseraAnnotationList *self,
                                       TesseraWorkbench      *workbench)
{
  g_return_if_fail (TESSERA_IS_ANNOTATION_LIST (self));
  g_return_if_fail (workbench == NULL || TESSERA_IS_WORKBENCH (workbench));

  if (!g_set_object (&self->workbench, workbench))
    return;

  g_signal_group_set_target (self->workbench_signals, workbench);
  on_workbench_document (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKBENCH]);
}

GListModel *
tessera_annotation_list_get_model (TesseraAnnotationList *self)
{
  g_return_val_if_fail (TESSERA_IS_ANNOTATION_LIST (self), NULL);

  return G_LIST_MODEL (self->selection);
}
