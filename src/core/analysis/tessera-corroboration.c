/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-corroboration"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-annotation.h"
#include "tessera-corroboration.h"
#include "tessera-document.h"
#include "tessera-span-index.h"
#include "tessera-text.h"
#include "tessera-text-header.h"

/* Longest text a cell quotes (code points): a role is filled by a name or
 * a phrase; anything longer is cut so one row cannot fill the screen. */
#define MAX_CELL_TEXT 160
/* Longest cluster name suggested. */
#define MAX_NAME 60

struct _TesseraCorroborationRow
{
  GObject   parent_instance;

  gint64    document_id;
  gint64    event_id;
  gint64    trigger_span_id;
  gint64    trigger_start;
  char     *source;
  char     *title;
  char     *published;
  char     *type;
  char     *realis;
  char     *confirmation;
  gboolean  suggested;

  GArray   *cells;      /* TesseraCorroborationCell, one per column */
  GArray   *arguments;  /* TesseraArgument of the event, until the cells are made */
  GHashTable *span_texts; /* gint64* span id → char*, until the cells are made */
  GHashTable *span_entities; /* gint64* span id → gint64* entity cluster, likewise */
  GHashTable *span_unreviewed; /* gint64* span ids only suggested, likewise */
  GArray   *stances;    /* Stance, until the cells are made */
};

G_DEFINE_FINAL_TYPE (TesseraCorroborationRow, tessera_corroboration_row, G_TYPE_OBJECT)

typedef struct
{
  gint64    span_id;
  char     *text;
  gboolean  unreviewed;
} Stance;

static void
stance_clear (Stance *stance)
{
  g_clear_pointer (&stance->text, g_free);
}

static void
cell_clear (TesseraCorroborationCell *cell)
{
  g_clear_pointer (&cell->texts, g_ptr_array_unref);
  g_clear_pointer (&cell->span_ids, g_array_unref);
  g_clear_pointer (&cell->entities, g_array_unref);
  g_clear_pointer (&cell->unreviewed, g_array_unref);
  g_clear_pointer (&cell->caption, g_free);
  g_clear_pointer (&cell->others, g_free);
}

static void
cell_add (TesseraCorroborationCell *cell,
          const char               *text,
          gint64                    span_id,
          gint64                    entity,
          gboolean                  unreviewed)
{
  g_ptr_array_add (cell->texts, g_strdup (text));
  g_array_append_val (cell->span_ids, span_id);
  g_array_append_val (cell->entities, entity);
  g_array_append_val (cell->unreviewed, unreviewed);
}

static void
tessera_corroboration_row_finalize (GObject *object)
{
  TesseraCorroborationRow *self = TESSERA_CORROBORATION_ROW (object);

  g_free (self->source);
  g_free (self->title);
  g_free (self->published);
  g_free (self->type);
  g_free (self->realis);
  g_free (self->confirmation);
  g_clear_pointer (&self->cells, g_array_unref);
  g_clear_pointer (&self->arguments, g_array_unref);
  g_clear_pointer (&self->span_texts, g_hash_table_unref);
  g_clear_pointer (&self->span_entities, g_hash_table_unref);
  g_clear_pointer (&self->span_unreviewed, g_hash_table_unref);
  g_clear_pointer (&self->stances, g_array_unref);

  G_OBJECT_CLASS (tessera_corroboration_row_parent_class)->finalize (object);
}

static void
tessera_corroboration_row_class_init (TesseraCorroborationRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tessera_corroboration_row_finalize;
}

static void
tessera_corroboration_row_init (TesseraCorroborationRow *self)
{
  self->cells = g_array_new (FALSE, TRUE, sizeof (TesseraCorroborationCell));
  g_array_set_clear_func (self->cells, (GDestroyNotify) cell_clear);
  self->span_texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->span_entities = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->span_unreviewed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->stances = g_array_new (FALSE, TRUE, sizeof (Stance));
  g_array_set_clear_func (self->stances, (GDestroyNotify) stance_clear);
}

gint64
tessera_corroboration_row_get_document_id (TesseraCorroborationRow *self)
{
  g_return_val_if_fail (TESSERA_IS_CORROBORATION_ROW (self), 0);
  return self->document_id;
}

gint64
tessera_corroboration_row_get_event_id (TesseraCorroborationRow *self)
{
  g_return_val_if_fail (TESSERA_IS_CORROBORATION_ROW (self), 0);
  return self->event_id;
}

gint64
tessera_corroboration_row_get_trigger_span_id (TesseraCorroborationRow *self)
{
  g_return_val_if_fail (TESSERA_IS_CORROBORATION_ROW (self), 0);
  return self->trigger_span_id;
}

const char *
tessera_corroboration_row_get_source (TesseraCorroborationRow *self)
{
  g_return_val_if_fail (TESSERA_IS_CORROBORATION_ROW (self), NULL);
  return self->source;
}

const char *
tessera_corroboration_row_get_title (TesseraCorroborationRow *self)
{
  g_return_val_if_fail (TESSERA_IS_CORROBORATION_ROW (self), NULL);
  return self->title;
}

const char *
tessera_corroboration_row_get_published (TesseraCorroborationRow *self)
{
  g_return_val_if_fail (TESSERA_IS_CORROBORATION_ROW (self), NULL);
  return self->published;
}

const char *
tessera_corroboration_row_get_realis (TesseraCorroborationRow *self)
{
  g_return_val_if_fail (TESSERA_IS_CORROBORATION_ROW (self), NULL);
  return self->realis;
}

const char *
tessera_corroboration_row_get_confirmation (TesseraCorroborationRow *self)
{
  g_return_val_if_fail (TESSERA_IS_CORROBORATION_ROW (self), NULL);
  return self->confirmation;
}

gboolean
tessera_corroboration_row_get_suggested (TesseraCorroborationRow *self)
{
  g_return_val_if_fail (TESSERA_IS_CORROBORATION_ROW (self), FALSE);
  return self->suggested;
}

const TesseraCorroborationCell *
tessera_corroboration_row_get_cell (TesseraCorroborationRow *self,
                                    guint                    column)
{
  g_return_val_if_fail (TESSERA_IS_CORROBORATION_ROW (self), NULL);
  g_return_val_if_fail (column < self->cells->len, NULL);

  return &g_array_index (self->cells, TesseraCorroborationCell, column);
}

void
tessera_corroboration_column_free (TesseraCorroborationColumn *column)
{
  if (column == NULL)
    return;
  g_free (column->key);
  g_free (column->title);
  g_free (column);
}

static int
compare_key_pointers (gconstpointer a,
                      gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The key of a cell: the keys of its texts, sorted, without repeats; ""
 * when it says nothing. The Time and Casualties columns compare what
 * their values mean, as the coded record reads them: a Time by the date
 * it normalises to (against the report's publication date) with its
 * precision, a Casualties value by its figure ("dozens" is 12). */
static char *
cell_key (const TesseraCorroborationColumn *column,
          TesseraCorroborationRow          *row,
          const TesseraCorroborationCell   *cell)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) key = g_string_new (NULL);
  gboolean role = column->kind == TESSERA_CORROBORATION_COLUMN_ROLE;
  gboolean time = role && g_strcmp0 (column->key, "Time") == 0;
  gboolean casualties = role && g_strcmp0 (column->key, "Casualties") == 0;

  /* Reports agree on the event's type, not on the word for it. */
  if (column->kind == TESSERA_CORROBORATION_COLUMN_TRIGGER)
    return g_strdup (cell->caption != NULL && cell->texts->len > 0 &&
                     !g_array_index (cell->unreviewed, gboolean, 0) ? cell->caption : "");

  for (guint i = 0; i < cell->texts->len; i++)
    {
      const char *text = g_ptr_array_index (cell->texts, i);
      gint64 entity = g_array_index (cell->entities, gint64, i);
      g_autofree char *day = NULL;
      char *k = NULL;

      /* What is only suggested does not count, as the exports leave it out. */
      if (g_array_index (cell->unreviewed, gboolean, i))
        continue;
      /* The same entity (linked in a cluster) under different names. */
      if (entity > 0)
        k = g_strdup_printf ("@%" G_GINT64_FORMAT, entity);
      /* The same date and precision: "last week" and "la semaine
       * dernière", "late on Saturday" and "Saturday". */
      else if (time)
        k = tessera_corroboration_date_key (text, row->published);
      /* The same figure: "dozens of fighters" and "12". */
      else if (casualties)
        k = tessera_corroboration_figure_key (text);

      /* Elsewhere (and a Casualties value with no figure), the same day,
       * however (and relative to whichever day) it is said; a Time that
       * is no date has been tried already. */
      if (k == NULL && role && !time &&
          (day = tessera_corroboration_resolve_date (text, row->published)) != NULL)
        k = g_strconcat ("date:", day, NULL);
      if (k == NULL)
        k = role ? tessera_corroboration_value_key (text) : g_strdup (text);

      if (*k == '\0')
        {
          g_free (k);
          continue;
        }
      g_ptr_array_add (keys, k);
    }
  g_ptr_array_sort (keys, compare_key_pointers);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *k = g_ptr_array_index (keys, i);

      if (i > 0 && g_str_equal (k, g_ptr_array_index (keys, i - 1)))
        continue;
      if (key->len > 0)
        g_string_append_c (key, '\x1f');
      g_string_append (key, k);
    }

  return g_string_free (g_steal_pointer (&key), FALSE);
}

/* How a cell reads in a tooltip: “some 30 fighters”, or its texts joined. */
static char *
cell_display (const TesseraCorroborationColumn *column,
              const TesseraCorroborationCell   *cell)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (column->kind == TESSERA_CORROBORATION_COLUMN_TRIGGER && cell->caption != NULL)
    return g_strdup (cell->caption);

  for (guint i = 0; i < cell->texts->len; i++)
    {
      if (g_array_index (cell->unreviewed, gboolean, i))
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      if (column->kind == TESSERA_CORROBORATION_COLUMN_ROLE)
        /* Translators: a quoted value in a tooltip. */
        g_string_append_printf (out, _("“%s”"), (const char *) g_ptr_array_index (cell->texts, i));
      else
        g_string_append (out, g_ptr_array_index (cell->texts, i));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Who a report is, in a list of outlets. */
static const char *
row_outlet (TesseraCorroborationRow *row)
{
  /* Translators: stands for the outlet of a document that names none. */
  return row->source != NULL ? row->source : _("unknown outlet");
}

/* Flags the cells of column @c whose value is not the majority's: the
 * value more than half of the reports that give one give. When there is
 * no such majority, every value is flagged (none reads as the consensus)
 * and the column says so. Every cell of a column that disagrees says
 * what the others say. Reports that say nothing are left alone (silence
 * is not disagreement), and so are values only suggested: the exports
 * leave them out, so they count for nothing here either. */
static void
mark_disagreements (GPtrArray  *columns,
                    guint       c,
                    GPtrArray  *rows)
{
  TesseraCorroborationColumn *column = g_ptr_array_index (columns, c);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) distinct = g_ptr_array_new ();
  const char *majority = NULL;
  int m;

  if (column->kind == TESSERA_CORROBORATION_COLUMN_STANCES)
    return;

  for (guint r = 0; r < rows->len; r++)
    {
      TesseraCorroborationRow *row = g_ptr_array_index (rows, r);
      char *key = cell_key (column, row, &g_array_index (row->cells, TesseraCorroborationCell, c));

      g_ptr_array_add (keys, key);
      if (*key != '\0' && g_hash_table_add (seen, key))
        g_ptr_array_add (distinct, key);
    }
  if (distinct->len < 2)
    return;

  m = tessera_corroboration_find_majority (keys);
  if (m >= 0)
    majority = g_ptr_array_index (keys, m);

  column->disagrees = TRUE;
  column->no_majority = majority == NULL;
  for (guint r = 0; r < rows->len; r++)
    {
      TesseraCorroborationRow *row = g_ptr_array_index (rows, r);
      TesseraCorroborationCell *cell = &g_array_index (row->cells, TesseraCorroborationCell, c);
      const char *key = g_ptr_array_index (keys, r);
      g_autoptr(GString) others = g_string_new (NULL);

      if (*key == '\0')
        continue;

      cell->disagrees = majority == NULL || !g_str_equal (key, majority);

      /* What each other value is, and who says it. */
      if (majority == NULL)
        {
          /* Translators: in a cell's tooltip, before what other reports say. */
          g_string_append (others, _("No majority: no value is given by more than half of the reports."));
          g_string_append_c (others, '\n');
        }
      g_string_append (others, _("Other reports say:"));
      for (guint i = 0; i < distinct->len; i++)
        {
          const char *other = g_ptr_array_index (distinct, i);
          g_autofree char *shown = NULL;
          g_autoptr(GString) who = g_string_new (NULL);

          if (g_str_equal (other, key))
            continue;
          for (guint s = 0; s < rows->len; s++)
            {
              TesseraCorroborationRow *sayer = g_ptr_array_index (rows, s);

              if (!g_str_equal (g_ptr_array_index (keys, s), other))
                continue;
              if (shown == NULL)
                shown = cell_display (column, &g_array_index (sayer->cells, TesseraCorroborationCell, c));
              if (who->len > 0)
                g_string_append (who, ", ");
              g_string_append (who, row_outlet (sayer));
            }
          /* Translators: a value and the outlets that give it, in a list:
           * "“some 30 fighters” (The Meridian Post)". */
          g_string_append_c (others, '\n');
          g_string_append_printf (others, _("%s (%s)"), shown, who->str);
        }
      cell->others = g_string_free (g_steal_pointer (&others), FALSE);
    }
}

/* --- the table ------------------------------------------------------------- */

/* The text of @span as a cell quotes it: cut when long, on one line. */
static char *
quote_span (TesseraDocument   *doc,
            const TesseraSpan *span)
{
  gint64 end;
  char *slice;

  if (span == NULL || doc == NULL || doc->text == NULL)
    return NULL;

  end = MIN (span->end, span->start + MAX_CELL_TEXT);
  slice = tessera_text_slice (doc->text, span->start, end);
  if (slice != NULL && end < span->end)
    {
      char *cut = g_strconcat (slice, "…", NULL);

      g_free (slice);
      slice = cut;
    }
  /* Line breaks inside a span would make a row needlessly tall. */
  if (slice != NULL)
    g_strdelimit (slice, "\n\t", ' ');

  return slice;
}

static const char *
label_name (TesseraProject *project,
            gint64          id)
{
  const TesseraLabel *label = tessera_project_get_label (project, id);

  return label != NULL ? label->name : "?";
}

static TesseraCorroborationRow *
make_row (TesseraProject                   *project,
          const TesseraCorroborationMember *member)
{
  TesseraCorroborationRow *row = g_object_new (TESSERA_TYPE_CORROBORATION_ROW, NULL);
  TesseraOpenDocument *document = member->document;
  TesseraDocument *doc = tessera_open_document_get_document (document);
  const TesseraEvent *event = member->event;
  const TesseraSpan *trigger = tessera_open_document_get_span (document, event->trigger_span_id);

  row->document_id = doc->id;
  row->event_id = event->id;
  row->trigger_span_id = event->trigger_span_id;
  row->trigger_start = trigger != NULL ? trigger->start : 0;
  row->title = g_strdup (doc->title != NULL ? doc->title : doc->uid);
  /* Never the title for the outlet: for a text import it may be the
   * whole lead paragraph. */
  row->source = doc->source != NULL && *doc->source != '\0' ? g_strdup (doc->source) : NULL;
  /* As a day when it reads as one, so that rows sort by day. */
  if (doc->published != NULL && *doc->published != '\0' &&
      !(row->published = tessera_date_parse_prefix (doc->published, -1, NULL)))
    row->published = g_strdup (doc->published);
  row->type = g_strdup (label_name (project, event->type_label_id));
  row->realis = g_strdup (event->realis);
  row->confirmation = g_strdup (event->confirmation);
  row->suggested = event->suggested || (trigger != NULL && trigger->suggested);
  row->arguments = g_array_copy (event->arguments);

  g_hash_table_insert (row->span_texts, g_memdup2 (&event->trigger_span_id, sizeof (gint64)),
                       quote_span (doc, trigger));
  for (guint a = 0; event->arguments != NULL && a < event->arguments->len; a++)
    {
      const TesseraArgument *arg = &g_array_index (event->arguments, TesseraArgument, a);
      gint64 entity = tessera_open_document_get_span_cluster (document, arg->span_id);
      const TesseraSpan *span = tessera_open_document_get_span (document, arg->span_id);

      g_hash_table_insert (row->span_texts, g_memdup2 (&arg->span_id, sizeof (gint64)),
                           quote_span (doc, span));
      /* An argument on a suggested span is itself only suggested. */
      if (row->suggested || (span != NULL && span->suggested))
        g_hash_table_add (row->span_unreviewed, g_memdup2 (&arg->span_id, sizeof (gint64)));
      if (entity > 0)
        g_hash_table_insert (row->span_entities, g_memdup2 (&arg->span_id, sizeof (gint64)),
                             g_memdup2 (&entity, sizeof entity));
    }

  /* The stances toward it, in the order of their statements: "denies —
   * CSP", each opening its statement. */
  for (guint s = 0; member->stances != NULL && s < member->stances->len; s++)
    {
      const TesseraStance *stance = g_ptr_array_index (member->stances, s);
      g_autofree char *holder = NULL;
      Stance entry = { 0 };

      holder = quote_span (doc, tessera_open_document_get_span (document, stance->holder_span_id));
      entry.span_id = stance->span_id;
      entry.unreviewed = row->suggested || stance->suggested ||
                         tessera_corroboration_skips_span (document, stance->span_id,
                                                           TESSERA_CORROBORATION_ACCEPTED);
      entry.text = holder != NULL
        /* Translators: a stance and who holds it, "denies — CSP". */
        ? g_strdup_printf (_("%s — %s"), label_name (project, stance->label_id), holder)
        : g_strdup (label_name (project, stance->label_id));
      g_array_append_val (row->stances, entry);
    }

  return row;
}

static void
fill_cells (TesseraCorroborationRow *row,
            GPtrArray               *columns)
{
  g_array_set_size (row->cells, columns->len);

  for (guint c = 0; c < columns->len; c++)
    {
      const TesseraCorroborationColumn *column = g_ptr_array_index (columns, c);
      TesseraCorroborationCell *cell = &g_array_index (row->cells, TesseraCorroborationCell, c);

      cell->texts = g_ptr_array_new_with_free_func (g_free);
      cell->span_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      cell->entities = g_array_new (FALSE, FALSE, sizeof (gint64));
      cell->unreviewed = g_array_new (FALSE, FALSE, sizeof (gboolean));

      switch (column->kind)
        {
        case TESSERA_CORROBORATION_COLUMN_TRIGGER:
          {
            const char *text = g_hash_table_lookup (row->span_texts, &row->trigger_span_id);

            cell_add (cell, text != NULL ? text : "?", row->trigger_span_id, 0, row->suggested);
            cell->caption = g_strdup (row->type);
          }
          break;

        case TESSERA_CORROBORATION_COLUMN_ROLE:
          for (guint a = 0; row->arguments != NULL && a < row->arguments->len; a++)
            {
              const TesseraArgument *arg = &g_array_index (row->arguments, TesseraArgument, a);
              const gint64 *entity;
              const char *text;

              if (arg->role_label_id != column->role_id)
                continue;
              text = g_hash_table_lookup (row->span_texts, &arg->span_id);
              entity = g_hash_table_lookup (row->span_entities, &arg->span_id);
              cell_add (cell, text != NULL ? text : "?", arg->span_id, entity != NULL ? *entity : 0,
                        g_hash_table_contains (row->span_unreviewed, &arg->span_id));
            }
          break;

        case TESSERA_CORROBORATION_COLUMN_REALIS:
          if (row->realis != NULL)
            cell_add (cell, row->realis, row->trigger_span_id, 0, row->suggested);
          break;

        case TESSERA_CORROBORATION_COLUMN_CONFIRMATION:
          if (row->confirmation != NULL)
            cell_add (cell, row->confirmation, row->trigger_span_id, 0, row->suggested);
          break;

        case TESSERA_CORROBORATION_COLUMN_STANCES:
          for (guint s = 0; s < row->stances->len; s++)
            {
              const Stance *stance = &g_array_index (row->stances, Stance, s);

              cell_add (cell, stance->text, stance->span_id, 0, stance->unreviewed);
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  g_clear_pointer (&row->arguments, g_array_unref);
  g_clear_pointer (&row->span_texts, g_hash_table_unref);
  g_clear_pointer (&row->span_entities, g_hash_table_unref);
  g_clear_pointer (&row->span_unreviewed, g_hash_table_unref);
  g_clear_pointer (&row->stances, g_array_unref);
}

/* By date (undated last), then outlet, then document and position. */
static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const TesseraCorroborationRow *x = *(TesseraCorroborationRow * const *) a;
  const TesseraCorroborationRow *y = *(TesseraCorroborationRow * const *) b;
  int cmp;

  if ((x->published == NULL) != (y->published == NULL))
    return x->published == NULL ? 1 : -1;
  if (x->published != NULL && (cmp = strcmp (x->published, y->published)) != 0)
    return cmp;
  if ((x->source == NULL) != (y->source == NULL))
    return x->source == NULL ? 1 : -1;
  if (x->source != NULL && (cmp = g_utf8_collate (x->source, y->source)) != 0)
    return cmp;
  if (x->document_id != y->document_id)
    return x->document_id < y->document_id ? -1 : 1;
  return (x->trigger_start > y->trigger_start) - (x->trigger_start < y->trigger_start);
}

static TesseraCorroborationColumn *
column_new (TesseraCorroborationColumnKind  kind,
            gint64                          role_id,
            const char                     *key,
            const char                     *title)
{
  TesseraCorroborationColumn *column = g_new0 (TesseraCorroborationColumn, 1);

  column->kind = kind;
  column->role_id = role_id;
  column->key = g_strdup (key);
  column->title = g_strdup (title);

  return column;
}

static gboolean
array_has (GArray *ids,
           gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}


typedef struct
{
  TesseraProject *project;
  GPtrArray      *rows;
  GArray         *used_roles;
} Loading;

static gboolean
load_member (const TesseraCorroborationMember  *member,
             gpointer                           user_data,
             GError                           **error)
{
  Loading *loading = user_data;
  const TesseraEvent *event = member->event;

  if (event == NULL)
    return TRUE;

  g_ptr_array_add (loading->rows, make_row (loading->project, member));
  for (guint a = 0; event->arguments != NULL && a < event->arguments->len; a++)
    {
      gint64 role = g_array_index (event->arguments, TesseraArgument, a).role_label_id;

      if (!array_has (loading->used_roles, role))
        g_array_append_val (loading->used_roles, role);
    }

  return TRUE;
}

gboolean
tessera_corroboration_load (TesseraProject  *project,
                            gint64           cluster_id,
                            GPtrArray      **columns_out,
                            GListStore     **rows_out,
                            GError         **error)
{
  g_autoptr(GArray) members = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), FALSE);

  if (!(members = tessera_project_list_cluster_members (project, cluster_id, error)))
    return FALSE;

  return tessera_corroboration_load_listed (project, members, columns_out, rows_out, error);
}

gboolean
tessera_corroboration_load_listed (TesseraProject  *project,
                                   GArray          *members,
                                   GPtrArray      **columns_out,
                                   GListStore     **rows_out,
                                   GError         **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_corroboration_column_free);
  g_autoptr(GArray) used_roles = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GListStore) store = NULL;
  Loading loading = { project, rows, used_roles };

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (columns_out != NULL && rows_out != NULL, FALSE);

  if (!tessera_corroboration_foreach_listed (project, members, TESSERA_CORROBORATION_ALL,
                                             load_member, &loading, error))
    return FALSE;
  g_ptr_array_sort (rows, compare_rows);

  /* Columns: the trigger, the roles any report fills in schema order,
   * realis, confirmation, stances. */
  g_ptr_array_add (columns, column_new (TESSERA_CORROBORATION_COLUMN_TRIGGER, 0, "trigger", _("Trigger")));
  roles = tessera_project_list_labels (project, TESSERA_LABEL_ROLE);
  for (guint i = 0; roles != NULL && i < roles->len; i++)
    {
      const TesseraLabel *role = g_ptr_array_index (roles, i);

      if (array_has (used_roles, role->id))
        g_ptr_array_add (columns, column_new (TESSERA_CORROBORATION_COLUMN_ROLE, role->id,
                                              role->name, role->name));
    }
  /* A role the schema no longer lists still shows. */
  for (guint i = 0; i < used_roles->len; i++)
    {
      gint64 id = g_array_index (used_roles, gint64, i);
      gboolean listed = FALSE;

      for (guint j = 0; roles != NULL && j < roles->len; j++)
        listed |= ((TesseraLabel *) g_ptr_array_index (roles, j))->id == id;
      if (!listed)
        g_ptr_array_add (columns, column_new (TESSERA_CORROBORATION_COLUMN_ROLE, id,
                                              label_name (project, id), label_name (project, id)));
    }
  g_ptr_array_add (columns, column_new (TESSERA_CORROBORATION_COLUMN_REALIS, 0, "realis", _("Realis")));
  g_ptr_array_add (columns, column_new (TESSERA_CORROBORATION_COLUMN_CONFIRMATION, 0, "confirmation",
                                        _("Confirmation")));
  g_ptr_array_add (columns, column_new (TESSERA_CORROBORATION_COLUMN_STANCES, 0, "stances", _("Stances")));

  for (guint r = 0; r < rows->len; r++)
    fill_cells (g_ptr_array_index (rows, r), columns);
  for (guint c = 0; c < columns->len; c++)
    mark_disagreements (columns, c, rows);

  store = g_list_store_new (TESSERA_TYPE_CORROBORATION_ROW);
  g_list_store_splice (store, 0, 0, rows->pdata, rows->len);

  *columns_out = g_steal_pointer (&columns);
  *rows_out = g_steal_pointer (&store);

  return TRUE;
}

/* --- naming a new cluster -------------------------------------------------- */

static char *
span_text (TesseraOpenDocument *document,
           gint64               span_id)
{
  if (document == NULL || span_id <= 0)
    return NULL;

  return quote_span (tessera_open_document_get_document (document),
                     tessera_open_document_get_span (document, span_id));
}

static char *
role_text (TesseraProject      *project,
           TesseraOpenDocument *document,
           const TesseraEvent  *event,
           const char          *role_name)
{
  const TesseraLabel *role = tessera_project_find_label (project, TESSERA_LABEL_ROLE, role_name);

  for (guint a = 0; role != NULL && event->arguments != NULL && a < event->arguments->len; a++)
    {
      const TesseraArgument *arg = &g_array_index (event->arguments, TesseraArgument, a);

      if (arg->role_label_id == role->id)
        return span_text (document, arg->span_id);
    }

  return NULL;
}

static char *
shorten (char *name)
{
  if (name != NULL && g_utf8_strlen (name, -1) > MAX_NAME)
    {
      char *cut = g_utf8_substring (name, 0, MAX_NAME - 1);
      char *shortened = g_strconcat (g_strchomp (cut), "…", NULL);

      g_free (cut);
      g_free (name);
      return shortened;
    }
  return name;
}

char *
tessera_cluster_suggest_name (TesseraProject  *project,
                              TesseraDocument *document,
                              gint64           span_id,
                              gint64           event_id)
{
  g_autoptr(TesseraOpenDocument) open = NULL;
  g_autoptr(TesseraEvent) event = NULL;
  g_autofree char *where = NULL;
  const char *type;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), NULL);

  /* The document's shared model, which whoever asks has open. */
  if (document != NULL && document->id > 0)
    open = tessera_open_document_get (project, document->id, NULL);

  if (event_id <= 0)
    {
      char *text = span_text (open, span_id);

      return shorten (text != NULL ? g_strstrip (text) : g_strdup (_("New cluster")));
    }

  if (open != NULL && tessera_open_document_get_event (open, event_id) != NULL)
    event = tessera_event_copy (tessera_open_document_get_event (open, event_id));
  else if (!(event = tessera_project_get_event (project, event_id, NULL)))
    return g_strdup (_("New cluster"));

  type = label_name (project, event->type_label_id);
  if (!(where = role_text (project, open, event, "Place")) &&
      !(where = role_text (project, open, event, "Time")) &&
      document != NULL && document->published != NULL && *document->published != '\0')
    where = g_strdup (document->published);

  if (where == NULL)
    return g_strdup (type);

  /* Translators: a new cluster's name: an event type and where or when,
   * "Battle — Tin-Azrou". */
  return shorten (g_strdup_printf (_("%s — %s"), type, g_strstrip (where)));
}
