/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-annotation-list"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-annotation-list.h"
#include "tessera-swatch.h"
#include "tessera-text.h"

/* Longest excerpt a row keeps of its span's text (code points). */
#define MAX_EXCERPT 160

/* One row: a span, and the event or stance it stands for. Rows are
 * immutable once shown: a change replaces the row. */
#define TESSERA_TYPE_ANNOTATION_ITEM (tessera_annotation_item_get_type ())

G_DECLARE_FINAL_TYPE (TesseraAnnotationItem, tessera_annotation_item,
                      TESSERA, ANNOTATION_ITEM, GObject)

struct _TesseraAnnotationItem
{
  GObject               parent_instance;

  gint64                span_id;
  gint64                start;
  gint64                end;
  gint64                label_id;
  TesseraSelectionKind  kind;
  gint64                object_id;  /* event or stance id */
  char                 *text;       /* excerpt, one line */
  char                 *detail;     /* roles filled, or the stance's holder; may be NULL */
  gboolean              span_suggested;
  gboolean              frame_suggested;  /* the event or stance */
};

/* Proposed (the span or its frame), not yet accepted. */
#define ITEM_SUGGESTED(item) ((item)->span_suggested || (item)->frame_suggested)

G_DEFINE_FINAL_TYPE (TesseraAnnotationItem, tessera_annotation_item, G_TYPE_OBJECT)

static void
tessera_annotation_item_finalize (GObject *object)
{
  TesseraAnnotationItem *self = TESSERA_ANNOTATION_ITEM (object);

  g_free (self->text);
  g_free (self->detail);

  G_OBJECT_CLASS (tessera_annotation_item_parent_class)->finalize (object);
}

static void
tessera_annotation_item_class_init (TesseraAnnotationItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tessera_annotation_item_finalize;
}

static void
tessera_annotation_item_init (TesseraAnnotationItem *self)
{
}

static TesseraAnnotationItem *
item_copy (TesseraAnnotationItem *item)
{
  TesseraAnnotationItem *copy = g_object_new (TESSERA_TYPE_ANNOTATION_ITEM, NULL);

  copy->span_id = item->span_id;
  copy->start = item->start;
  copy->end = item->end;
  copy->label_id = item->label_id;
  copy->kind = item->kind;
  copy->object_id = item->object_id;
  copy->text = g_strdup (item->text);
  copy->detail = g_strdup (item->detail);
  copy->span_suggested = item->span_suggested;
  copy->frame_suggested = item->frame_suggested;

  return copy;
}

/* Text order, as tessera_project_list_spans gives it: by start, longest
 * first, then by id. */
static int
item_compare (TesseraAnnotationItem *a,
              TesseraAnnotationItem *b)
{
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end > b->end ? -1 : 1;
  if (a->span_id != b->span_id)
    return a->span_id < b->span_id ? -1 : 1;
  return 0;
}

struct _TesseraAnnotationList
{
  GtkWidget           parent_instance;

  TesseraWorkbench   *workbench;
  TesseraProject     *project;     /* the workbench's, followed for changes */
  GListStore         *store;       /* TesseraAnnotationItem, in text order */
  /* A document may hold 50,000 spans: a change patches its rows instead
   * of reading them all again. */
  GHashTable         *by_span;     /* span id → item in store */
  GHashTable         *event_spans; /* event id → trigger span id */
  GHashTable         *stance_spans;/* stance id → statement span id */
  guint               rebuild_id;  /* idle for a full reload (reset, schema) */
  gboolean            syncing;     /* the list follows the workbench, not the reverse */
  guint               n_suggested; /* rows that are suggestions */

  /* Template widgets */
  GtkLabel           *count_label;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  GtkLabel           *empty_label;
  GtkWidget          *suggestions_bar;
  GtkLabel           *suggestions_label;
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
  return g_strdup_printf (_("%u of %u roles"), count_roles (event->arguments), offered);
}

static TesseraAnnotationItem *
item_new (const TesseraSpan *span,
          const char        *p)
{
  TesseraAnnotationItem *item = g_object_new (TESSERA_TYPE_ANNOTATION_ITEM, NULL);

  item->span_id = span->id;
  item->start = span->start;
  item->end = span->end;
  item->label_id = span->label_id;
  item->kind = TESSERA_SELECTION_SPAN;
  item->text = p ? make_excerpt (p, span->end - span->start) : g_strdup ("");
  item->span_suggested = span->suggested;

  return item;
}

static void
map_object (GHashTable *table,
            gint64      object_id,
            gint64      span_id)
{
  g_hash_table_insert (table, g_memdup2 (&object_id, sizeof object_id),
                       g_memdup2 (&span_id, sizeof span_id));
}

static gint64
lookup_object (GHashTable *table,
               gint64      object_id)
{
  gint64 *span_id = g_hash_table_lookup (table, &object_id);

  return span_id ? *span_id : 0;
}

/* Every row of the document, in text order (NULL without a document). */
static GPtrArray *
collect_items (TesseraAnnotationList *self)
{
  TesseraDocument *doc = tessera_workbench_get_document (self->workbench);
  gint64 doc_id = tessera_workbench_get_document_id (self->workbench);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) stances = NULL;
  g_autoptr(GError) error = NULL;
  TesseraTextCursor cursor;

  if (self->project == NULL || doc == NULL || doc->text == NULL || doc_id == 0)
    return NULL;

  if (!(spans = tessera_project_list_spans (self->project, doc_id, &error)) ||
      !(events = tessera_project_list_events (self->project, doc_id, &error)) ||
      !(stances = tessera_project_list_stances (self->project, doc_id, &error)))
    {
      tessera_workbench_report_error (self->workbench, error);
      return NULL;
    }

  tessera_text_cursor_init (&cursor, doc->text, -1);
  for (guint i = 0; i < spans->len; i++)
    {
      TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);
      const char *p = tessera_text_cursor_seek (&cursor, span->start);
      TesseraAnnotationItem *item = item_new (span, p);

      g_hash_table_insert (self->by_span, &item->span_id, item);
      g_ptr_array_add (items, item);
    }

  for (guint i = 0; i < events->len; i++)
    {
      TesseraEvent *event = g_ptr_array_index (events, i);
      TesseraAnnotationItem *item = g_hash_table_lookup (self->by_span, &event->trigger_span_id);

      map_object (self->event_spans, event->id, event->trigger_span_id);
      if (item == NULL)
        continue;
      item->kind = TESSERA_SELECTION_EVENT;
      item->object_id = event->id;
      item->detail = event_detail (self->project, event);
      item->frame_suggested = event->suggested;
    }

  for (guint i = 0; i < stances->len; i++)
    {
      TesseraStance *stance = &g_array_index (stances, TesseraStance, i);
      TesseraAnnotationItem *item = g_hash_table_lookup (self->by_span, &stance->span_id);
      TesseraAnnotationItem *holder = NULL;

      map_object (self->stance_spans, stance->id, stance->span_id);
      if (item == NULL)
        continue;
      item->kind = TESSERA_SELECTION_STANCE;
      item->object_id = stance->id;
      item->frame_suggested = stance->suggested;
      if (stance->holder_span_id != 0)
        holder = g_hash_table_lookup (self->by_span, &stance->holder_span_id);
      item->detail = holder ? g_strdup (holder->text) : NULL;
    }

  return g_steal_pointer (&items);
}

static void
update_header (TesseraAnnotationList *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  gboolean has_document = self->project != NULL &&
                          tessera_workbench_get_document (self->workbench) != NULL;
  g_autofree char *count = NULL;

  if (has_document)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation", "%u annotations", n),
                             n);
  gtk_label_set_label (self->count_label, count ? count : _("Annotations"));

  gtk_label_set_label (self->empty_label,
                       has_document ? _("No annotations yet. Select text and press a label’s key.")
                                    : _("No document open"));
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");

  if (has_document && self->n_suggested > 0)
    {
      g_autofree char *suggestions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u suggestion",
                                                                   "%u suggestions", self->n_suggested),
                                                      self->n_suggested);

      gtk_label_set_label (self->suggestions_label, suggestions);
    }
  gtk_widget_set_visible (self->suggestions_bar, has_document && self->n_suggested > 0);
}

/* Where @item is, or would go, in the store. */
static guint
lower_bound (TesseraAnnotationList *self,
             TesseraAnnotationItem *item)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint lo = 0, hi = g_list_model_get_n_items (model);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(TesseraAnnotationItem) other = g_list_model_get_item (model, mid);

      if (item_compare (other, item) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static guint
find_span (TesseraAnnotationList *self,
           gint64                 span_id)
{
  TesseraAnnotationItem *item = span_id ? g_hash_table_lookup (self->by_span, &span_id) : NULL;

  return item ? lower_bound (self, item) : GTK_INVALID_LIST_POSITION;
}

/* Selects the row of the workbench's selection; scrolls to it when asked
 * (the user chose something) rather than when a row changed under it. */
static void
sync_selection (TesseraAnnotationList *self,
                gboolean               scroll)
{
  gint64 span_id = self->workbench ? tessera_workbench_get_selected_span (self->workbench) : 0;
  guint position = find_span (self, span_id);

  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing = FALSE;

  if (scroll && position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static void
clear_maps (TesseraAnnotationList *self)
{
  g_hash_table_remove_all (self->by_span);
  g_hash_table_remove_all (self->event_spans);
  g_hash_table_remove_all (self->stance_spans);
}

static void
rebuild_now (TesseraAnnotationList *self)
{
  g_autoptr(GPtrArray) items = NULL;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  g_clear_handle_id (&self->rebuild_id, g_source_remove);

  clear_maps (self);
  self->n_suggested = 0;
  if (self->workbench != NULL)
    items = collect_items (self);
  for (guint i = 0; items != NULL && i < items->len; i++)
    if (ITEM_SUGGESTED ((TesseraAnnotationItem *) g_ptr_array_index (items, i)))
      self->n_suggested++;

  self->syncing = TRUE;
  g_list_store_splice (self->store, 0, n_old, items ? items->pdata : NULL, items ? items->len : 0);
  self->syncing = FALSE;

  update_header (self);
  sync_selection (self, TRUE);
}

static gboolean
rebuild_idle (gpointer data)
{
  TesseraAnnotationList *self = data;

  self->rebuild_id = 0;
  rebuild_now (self);

  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (TesseraAnnotationList *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_idle, self, NULL);
}

/* --- patching rows as the store changes ------------------------------------ */

static void
remove_item (TesseraAnnotationList *self,
             TesseraAnnotationItem *item)
{
  guint position = lower_bound (self, item);

  if (ITEM_SUGGESTED (item))
    self->n_suggested--;
  g_hash_table_remove (self->by_span, &item->span_id);
  g_list_store_remove (self->store, position);
}

/* Puts @item (a new row, owned by the caller) in place of the row of the
 * same span, or adds it. */
static void
put_item (TesseraAnnotationList *self,
          TesseraAnnotationItem *item)
{
  TesseraAnnotationItem *old = g_hash_table_lookup (self->by_span, &item->span_id);
  guint position;

  if (old != NULL && item_compare (old, item) == 0)
    {
      position = lower_bound (self, old);
      self->n_suggested += (ITEM_SUGGESTED (item) ? 1 : 0) - (ITEM_SUGGESTED (old) ? 1 : 0);
      g_hash_table_replace (self->by_span, &item->span_id, item);
      g_list_store_splice (self->store, position, 1, (gpointer *) &item, 1);
      return;
    }

  if (old != NULL)
    remove_item (self, old);
  position = lower_bound (self, item);
  if (ITEM_SUGGESTED (item))
    self->n_suggested++;
  g_hash_table_insert (self->by_span, &item->span_id, item);
  g_list_store_insert (self->store, position, item);
}

static gboolean
patch_span (TesseraAnnotationList *self,
            guint                  action,
            gint64                 span_id)
{
  TesseraDocument *doc = tessera_workbench_get_document (self->workbench);
  TesseraAnnotationItem *old = g_hash_table_lookup (self->by_span, &span_id);
  g_autoptr(TesseraAnnotationItem) item = NULL;
  g_autoptr(TesseraSpan) span = NULL;
  TesseraTextCursor cursor;

  if (action == TESSERA_CHANGE_REMOVED)
    {
      if (old != NULL)
        remove_item (self, old);
      return TRUE;
    }

  if (doc == NULL || doc->text == NULL ||
      !(span = tessera_project_get_span (self->project, span_id, NULL)))
    return FALSE;

  /* A holder quoted by stances would need their rows redone too. */
  if (old != NULL && (old->start != span->start || old->end != span->end))
    return FALSE;

  tessera_text_cursor_init (&cursor, doc->text, -1);
  item = item_new (span, tessera_text_cursor_seek (&cursor, span->start));
  if (old != NULL)
    {
      item->kind = old->kind;
      item->object_id = old->object_id;
      item->detail = g_strdup (old->detail);
      item->frame_suggested = old->frame_suggested;
    }
  put_item (self, item);

  return TRUE;
}

/* Makes the row of @span_id stand for an event or stance, or for the
 * plain span again (kind SPAN). */
static gboolean
patch_frame (TesseraAnnotationList *self,
             gint64                 span_id,
             TesseraSelectionKind   kind,
             gint64                 object_id,
             const char            *detail,
             gboolean               suggested)
{
  TesseraAnnotationItem *old = g_hash_table_lookup (self->by_span, &span_id);
  g_autoptr(TesseraAnnotationItem) item = NULL;

  if (old == NULL)
    return FALSE;

  item = item_copy (old);
  item->kind = kind;
  item->object_id = object_id;
  g_free (item->detail);
  item->detail = g_strdup (detail);
  item->frame_suggested = suggested;
  put_item (self, item);

  return TRUE;
}

static gboolean
patch_event (TesseraAnnotationList *self,
             guint                  action,
             gint64                 event_id)
{
  g_autoptr(TesseraEvent) event = NULL;
  g_autofree char *detail = NULL;
  gint64 span_id;

  if (action == TESSERA_CHANGE_REMOVED)
    {
      span_id = lookup_object (self->event_spans, event_id);
      g_hash_table_remove (self->event_spans, &event_id);
      /* The trigger may be gone already, with its row. */
      if (span_id != 0 && g_hash_table_contains (self->by_span, &span_id))
        return patch_frame (self, span_id, TESSERA_SELECTION_SPAN, 0, NULL, FALSE);
      return TRUE;
    }

  if (!(event = tessera_project_get_event (self->project, event_id, NULL)))
    return FALSE;

  map_object (self->event_spans, event->id, event->trigger_span_id);
  detail = event_detail (self->project, event);
  return patch_frame (self, event->trigger_span_id, TESSERA_SELECTION_EVENT, event->id, detail,
                      event->suggested);
}

static gboolean
patch_stance (TesseraAnnotationList *self,
              guint                  action,
              gint64                 stance_id)
{
  g_autoptr(TesseraStance) stance = NULL;
  TesseraAnnotationItem *holder = NULL;
  gint64 span_id;

  if (action == TESSERA_CHANGE_REMOVED)
    {
      span_id = lookup_object (self->stance_spans, stance_id);
      g_hash_table_remove (self->stance_spans, &stance_id);
      if (span_id != 0 && g_hash_table_contains (self->by_span, &span_id))
        return patch_frame (self, span_id, TESSERA_SELECTION_SPAN, 0, NULL, FALSE);
      return TRUE;
    }

  if (!(stance = tessera_project_get_stance (self->project, stance_id, NULL)))
    return FALSE;

  map_object (self->stance_spans, stance->id, stance->span_id);
  if (stance->holder_span_id != 0)
    holder = g_hash_table_lookup (self->by_span, &stance->holder_span_id);
  return patch_frame (self, stance->span_id, TESSERA_SELECTION_STANCE, stance->id,
                      holder ? holder->text : NULL, stance->suggested);
}

static void
on_project_changed (TesseraAnnotationList *self,
                    guint                  kind,
                    guint                  action,
                    gint64                 document_id,
                    gint64                 object_id,
                    TesseraProject        *project)
{
  gboolean patched = FALSE;

  if (kind == TESSERA_CHANGE_SCHEMA || kind == TESSERA_CHANGE_RESET)
    {
      queue_rebuild (self);
      return;
    }
  if (kind == TESSERA_CHANGE_DOCUMENT ||
      document_id != tessera_workbench_get_document_id (self->workbench) ||
      self->rebuild_id != 0)
    return;

  self->syncing = TRUE;
  switch (kind)
    {
    case TESSERA_CHANGE_SPAN:
      patched = patch_span (self, action, object_id);
      break;
    case TESSERA_CHANGE_EVENT:
      patched = patch_event (self, action, object_id);
      break;
    case TESSERA_CHANGE_STANCE:
      patched = patch_stance (self, action, object_id);
      break;
    default:
      break;
    }
  self->syncing = FALSE;

  /* Anything unexpected: read the document's annotations again. */
  if (!patched)
    {
      queue_rebuild (self);
      return;
    }

  update_header (self);
  sync_selection (self, FALSE);
}

static void
on_selection_changed (TesseraAnnotationList *self)
{
  /* A full reload may be waiting: do it first, it may hold the new row. */
  if (self->rebuild_id != 0)
    rebuild_now (self);
  else
    sync_selection (self, TRUE);
}

static void
set_project (TesseraAnnotationList *self,
             TesseraProject        *project)
{
  if (self->project == project)
    return;

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);
  g_set_object (&self->project, project);
  if (project != NULL)
    g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self,
                             G_CONNECT_SWAPPED);
}

static void
on_workbench_project (TesseraAnnotationList *self)
{
  set_project (self, tessera_workbench_get_project (self->workbench));
  rebuild_now (self);
}

static void
on_selected_changed (TesseraAnnotationList *self)
{
  TesseraAnnotationItem *item;

  if (self->syncing || self->workbench == NULL)
    return;

  item = gtk_single_selection_get_selected_item (self->selection);
  if (item != NULL && item->span_id != tessera_workbench_get_selected_span (self->workbench))
    tessera_workbench_select_span (self->workbench, item->span_id);
}

static void
on_row_activated (TesseraAnnotationList *self,
                  guint                  position)
{
  g_autoptr(TesseraAnnotationItem) item = g_list_model_get_item (G_LIST_MODEL (self->store),
                                                                 position);

  if (item != NULL && self->workbench != NULL)
    tessera_workbench_select_span (self->workbench, item->span_id);
}

typedef struct
{
  TesseraSwatch *swatch;
  GtkLabel      *text;
  GtkLabel      *caption;
  GtkWidget     *answers;   /* accept and reject, for a suggestion */
} RowWidgets;

/* What accepting or rejecting @item acts on: its event or stance when
 * that is suggested, else its span. */
static void
item_suggestion (TesseraAnnotationItem *item,
                 TesseraChangeKind     *kind,
                 gint64                *id)
{
  if (item->frame_suggested && item->kind == TESSERA_SELECTION_EVENT)
    {
      *kind = TESSERA_CHANGE_EVENT;
      *id = item->object_id;
    }
  else if (item->frame_suggested && item->kind == TESSERA_SELECTION_STANCE)
    {
      *kind = TESSERA_CHANGE_STANCE;
      *id = item->object_id;
    }
  else
    {
      *kind = TESSERA_CHANGE_SPAN;
      *id = item->span_id;
    }
}

static void
on_answer_clicked (TesseraAnnotationList *self,
                   GtkButton             *button)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (button), "tessera-list-item");
  TesseraAnnotationItem *item = list_item ? gtk_list_item_get_item (list_item) : NULL;
  TesseraHistory *history = self->workbench ? tessera_workbench_get_history (self->workbench) : NULL;
  gboolean accept = g_object_get_data (G_OBJECT (button), "tessera-accept") != NULL;
  g_autoptr(GError) error = NULL;
  TesseraChangeKind kind;
  gint64 id;
  gboolean ok;

  if (item == NULL || history == NULL || !ITEM_SUGGESTED (item))
    return;

  item_suggestion (item, &kind, &id);
  if (accept)
    ok = tessera_history_accept_suggestion (history, kind, id, &error);
  else
    ok = tessera_history_reject_suggestion (history, kind, id, &error);
  if (!ok)
    tessera_workbench_report_error (self->workbench, error);
}

static GtkWidget *
answer_button_new (TesseraAnnotationList *self,
                   GtkListItem           *list_item,
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
  g_object_set_data (G_OBJECT (button), "tessera-list-item", list_item);
  if (accept)
    g_object_set_data (G_OBJECT (button), "tessera-accept", GINT_TO_POINTER (1));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_answer_clicked), self, G_CONNECT_SWAPPED);

  return button;
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
  RowWidgets *widgets = g_new0 (RowWidgets, 1);

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

  widgets->answers = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  gtk_widget_set_valign (widgets->answers, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (widgets->answers), answer_button_new (self, list_item, TRUE));
  gtk_box_append (GTK_BOX (widgets->answers), answer_button_new (self, list_item, FALSE));
  gtk_box_append (GTK_BOX (box), widgets->answers);

  widgets->swatch = TESSERA_SWATCH (swatch);
  widgets->text = GTK_LABEL (text);
  widgets->caption = GTK_LABEL (caption);
  g_object_set_data_full (G_OBJECT (box), "tessera-row", widgets, g_free);
  gtk_list_item_set_child (list_item, box);
}

static void
on_bind_row (TesseraAnnotationList    *self,
             GtkListItem              *list_item,
             GtkSignalListItemFactory *factory)
{
  TesseraAnnotationItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  RowWidgets *widgets = g_object_get_data (G_OBJECT (box), "tessera-row");
  const TesseraLabel *label = self->project ? tessera_project_get_label (self->project,
                                                                         item->label_id)
                                            : NULL;
  const char *name = label ? label->name : _("Unknown label");
  g_autofree char *caption = NULL;
  g_autofree char *accessible = NULL;

  tessera_swatch_set_color (widgets->swatch, label ? label->color : NULL);
  gtk_label_set_label (widgets->text, item->text);

  switch (item->kind)
    {
    case TESSERA_SELECTION_EVENT:
      /* Translators: an event in the annotation list: "◆ Battle · 2 of 5 roles". */
      caption = g_strdup_printf (_("◆ %s · %s"), name, item->detail ? item->detail : "");
      break;
    case TESSERA_SELECTION_STANCE:
      /* Translators: a stance and its holder: "denies — CSP". */
      caption = item->detail ? g_strdup_printf (_("%s — %s"), name, item->detail) : g_strdup (name);
      break;
    case TESSERA_SELECTION_SPAN:
    case TESSERA_SELECTION_NONE:
    default:
      caption = g_strdup (name);
      break;
    }
  if (ITEM_SUGGESTED (item))
    {
      /* Translators: a suggested annotation in the list: "Suggested · Person". */
      char *marked = g_strdup_printf (_("Suggested · %s"), caption);

      g_free (caption);
      caption = marked;
      gtk_widget_add_css_class (box, "suggestion");
    }
  else
    gtk_widget_remove_css_class (box, "suggestion");
  gtk_widget_set_visible (widgets->answers, ITEM_SUGGESTED (item));
  gtk_label_set_label (widgets->caption, caption);

  accessible = g_strdup_printf ("%s, %s", item->text, caption);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
unbind_workbench (TesseraAnnotationList *self)
{
  if (self->workbench != NULL)
    g_signal_handlers_disconnect_by_data (self->workbench, self);
  set_project (self, NULL);
}

static void
tessera_annotation_list_dispose (GObject *object)
{
  TesseraAnnotationList *self = TESSERA_ANNOTATION_LIST (object);
  GtkWidget *child;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  unbind_workbench (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TESSERA_TYPE_ANNOTATION_LIST);
  /* The template's top box is not a bound child: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->workbench);
  g_clear_object (&self->store);
  g_clear_pointer (&self->by_span, g_hash_table_unref);
  g_clear_pointer (&self->event_spans, g_hash_table_unref);
  g_clear_pointer (&self->stance_spans, g_hash_table_unref);

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
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "annotationlist");
}

static void
tessera_annotation_list_init (TesseraAnnotationList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = g_list_store_new (TESSERA_TYPE_ANNOTATION_ITEM);
  self->by_span = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->event_spans = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->stance_spans = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->syncing = TRUE;
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->store));
  self->syncing = FALSE;
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

  if (self->workbench == workbench)
    return;

  unbind_workbench (self);
  g_set_object (&self->workbench, workbench);

  if (workbench != NULL)
    {
      g_signal_connect_object (workbench, "notify::project", G_CALLBACK (on_workbench_project),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (workbench, "notify::document-id", G_CALLBACK (rebuild_now),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (workbench, "selection-changed", G_CALLBACK (on_selection_changed),
                               self, G_CONNECT_SWAPPED);
      set_project (self, tessera_workbench_get_project (workbench));
    }

  rebuild_now (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKBENCH]);
}

GListModel *
tessera_annotation_list_get_model (TesseraAnnotationList *self)
{
  g_return_val_if_fail (TESSERA_IS_ANNOTATION_LIST (self), NULL);

  return G_LIST_MODEL (self->selection);
}
