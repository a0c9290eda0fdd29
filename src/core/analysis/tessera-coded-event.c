/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-coded-event"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-coded-event.h"
#include "tessera-corroboration.h"
#include "tessera-error.h"
#include "tessera-independence.h"

static void
fatality_report_free (TesseraFatalityReport *report)
{
  g_free (report->outlet);
  g_free (report->text);
  g_free (report);
}

void
tessera_coded_event_free (TesseraCodedEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->name);
  g_free (event->event_type);
  g_free (event->event_date);
  g_free (event->actor1);
  g_free (event->actor2);
  g_free (event->location);
  g_clear_pointer (&event->fatalities_reported, g_ptr_array_unref);
  g_clear_pointer (&event->sources, g_ptr_array_unref);
  g_clear_pointer (&event->disputed, g_ptr_array_unref);
  g_clear_pointer (&event->copies, g_ptr_array_unref);
  g_clear_pointer (&event->set_by_hand, g_ptr_array_unref);
  g_clear_pointer (&event->reports_gave, g_ptr_array_unref);
  g_free (event->notes);
  g_free (event);
}

/* The first accepted value of @cell, or NULL. */
static const char *
accepted_text (const TesseraCorroborationCell *cell)
{
  for (guint i = 0; cell != NULL && i < cell->texts->len; i++)
    if (!g_array_index (cell->unreviewed, gboolean, i))
      return g_ptr_array_index (cell->texts, i);

  return NULL;
}

/* Longest title a note quotes (code points): a text import's title may
 * be its whole first paragraph. */
#define MAX_NOTE_TITLE 40

/* How a report is named in the notes: its outlet, else its title. */
static char *
report_name (TesseraCorroborationRow *row)
{
  const char *source = tessera_corroboration_row_get_source (row);
  const char *title = tessera_corroboration_row_get_title (row);
  g_autofree char *cut = NULL;

  if (source != NULL)
    return g_strdup (source);
  if (title == NULL)
    return g_strdup ("?");
  if (g_utf8_strlen (title, -1) <= MAX_NOTE_TITLE)
    return g_strdup (title);

  cut = g_utf8_substring (title, 0, MAX_NOTE_TITLE);
  return g_strconcat (cut, "…", NULL);
}

/* Reports that say the same, under one key (a normalised value). */
typedef struct
{
  char      *key;
  char      *shown;     /* the first wording */
  GPtrArray *names;     /* char*: the reports that say it */
} Claim;

static void
claim_free (Claim *claim)
{
  g_free (claim->key);
  g_free (claim->shown);
  g_ptr_array_unref (claim->names);
  g_free (claim);
}

static void
add_claim (GPtrArray  *claims,
           const char *key,
           const char *shown,
           char       *name)   /* taken */
{
  Claim *claim = NULL;

  for (guint i = 0; i < claims->len && claim == NULL; i++)
    if (g_str_equal (((Claim *) g_ptr_array_index (claims, i))->key, key))
      claim = g_ptr_array_index (claims, i);

  if (claim == NULL)
    {
      claim = g_new0 (Claim, 1);
      claim->key = g_strdup (key);
      claim->shown = g_strdup (shown);
      claim->names = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (claims, claim);
    }
  g_ptr_array_add (claim->names, name);
}

/* The claim most reports make (of as many, the first made), or NULL. */
static const Claim *
most_claimed (GPtrArray *claims)
{
  const Claim *best = NULL;

  for (guint i = 0; i < claims->len; i++)
    {
      const Claim *claim = g_ptr_array_index (claims, i);

      if (best == NULL || claim->names->len > best->names->len)
        best = claim;
    }

  return best;
}

/* "Fatalities: 8 (Sahel Daily, Wire), 10 (Radio Kidal). " when the
 * reports disagree on @field; also lists it as disputed. */
static void
note_dispute (TesseraCodedEvent *record,
              GString           *notes,
              const char        *field,
              const char        *title,
              GPtrArray         *claims)
{
  if (claims->len < 2)
    return;

  g_ptr_array_add (record->disputed, g_strdup (field));
  g_string_append_printf (notes, "%s: ", title);
  for (guint i = 0; i < claims->len; i++)
    {
      const Claim *claim = g_ptr_array_index (claims, i);
      g_autofree char *names = NULL;

      g_ptr_array_add (claim->names, NULL);
      names = g_strjoinv (", ", (char **) claim->names->pdata);
      g_ptr_array_remove_index (claim->names, claim->names->len - 1);
      g_string_append_printf (notes, "%s%s (%s)", i > 0 ? "; " : "", claim->shown, names);
    }
  g_string_append (notes, ". ");
}

static int
find_column (GPtrArray  *columns,
             const char *key)
{
  for (guint i = 0; i < columns->len; i++)
    {
      const TesseraCorroborationColumn *column = g_ptr_array_index (columns, i);

      if (column->kind == TESSERA_CORROBORATION_COLUMN_ROLE && g_strcmp0 (column->key, key) == 0)
        return (int) i;
    }

  return -1;
}

static const char *
row_text (TesseraCorroborationRow *row,
          int                      column)
{
  return column < 0 ? NULL : accepted_text (tessera_corroboration_row_get_cell (row, (guint) column));
}

/* The entity cluster of the first accepted value of @cell, or 0. */
static gint64
accepted_entity (const TesseraCorroborationCell *cell)
{
  for (guint i = 0; cell != NULL && i < cell->texts->len; i++)
    if (!g_array_index (cell->unreviewed, gboolean, i))
      return g_array_index (cell->entities, gint64, i);

  return 0;
}

/* A column's values as claims, by their corroboration keys. A value in an
 * entity cluster is that entity, under the cluster's name: reports that
 * call the same armed group differently name one actor. */
static GPtrArray *
column_claims (TesseraProject *project,
               GListModel     *rows,
               int             column)
{
  GPtrArray *claims = g_ptr_array_new_with_free_func ((GDestroyNotify) claim_free);

  for (guint i = 0; column >= 0 && i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr(TesseraCorroborationRow) row = g_list_model_get_item (G_LIST_MODEL (rows), i);
      const char *text = row_text (row, column);
      gint64 entity = accepted_entity (tessera_corroboration_row_get_cell (row, (guint) column));
      g_autoptr(TesseraCluster) cluster = entity > 0 ? tessera_project_get_cluster (project, entity, NULL) : NULL;
      g_autofree char *key = NULL;

      if (cluster != NULL)
        key = g_strdup_printf ("entity:%" G_GINT64_FORMAT, entity);
      else if (text != NULL)
        key = tessera_corroboration_value_key (text);
      if (key != NULL && *key != '\0')
        add_claim (claims, key, cluster != NULL ? cluster->name : text, report_name (row));
    }

  return claims;
}

/* The event date and its precision, from each report's Time resolved
 * against its publication date. */
static void
code_date (TesseraCodedEvent *record,
           GString           *notes,
           GListModel        *rows,
           int                column)
{
  g_autoptr(GPtrArray) claims = g_ptr_array_new_with_free_func ((GDestroyNotify) claim_free);
  g_autoptr(GArray) precisions = g_array_new (FALSE, FALSE, sizeof (int));
  const Claim *best;
  int precision = 0;

  for (guint i = 0; column >= 0 && i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr(TesseraCorroborationRow) row = g_list_model_get_item (G_LIST_MODEL (rows), i);
      const char *text = row_text (row, column);
      g_autofree char *day = NULL;
      TesseraDatePrecision p;

      if (text != NULL &&
          tessera_normalise_date (text, tessera_corroboration_row_get_published (row), &day, &p) ==
            TESSERA_DATE_RESOLVED)
        {
          add_claim (claims, day, day, report_name (row));
          g_array_append_val (precisions, p);
        }
    }
  if (!(best = most_claimed (claims)))
    return;

  /* Of as many reports, the earliest day. */
  for (guint i = 0; i < claims->len; i++)
    {
      const Claim *claim = g_ptr_array_index (claims, i);

      if (claim->names->len == best->names->len && strcmp (claim->key, best->key) < 0)
        best = claim;
    }

  precision = TESSERA_DATE_PRECISION_DAY;
  for (guint i = 0; i < precisions->len; i++)
    precision = MAX (precision, g_array_index (precisions, int, i));
  if (claims->len > 1)
    {
      guint32 earliest = G_MAXUINT32, latest = 0;

      /* All within a week: a range; further apart: a month. */
      for (guint i = 0; i < claims->len; i++)
        {
          g_autoptr(GDate) day = g_date_new ();

          g_date_set_parse (day, ((Claim *) g_ptr_array_index (claims, i))->key);
          if (!g_date_valid (day))
            continue;
          earliest = MIN (earliest, g_date_get_julian (day));
          latest = MAX (latest, g_date_get_julian (day));
        }
      precision = MAX (precision, latest >= earliest && latest - earliest <= 6 ? TESSERA_DATE_PRECISION_RANGE
                                                                               : TESSERA_DATE_PRECISION_MONTH);
    }

  record->event_date = g_strdup (best->key);
  record->time_precision = precision;
  note_dispute (record, notes, "event_date", _("Date"), claims);
}

/* The most conservative figure, and each report's. */
static void
code_fatalities (TesseraCodedEvent *record,
                 GString           *notes,
                 GListModel        *rows,
                 int                column)
{
  g_autoptr(GPtrArray) claims = g_ptr_array_new_with_free_func ((GDestroyNotify) claim_free);

  record->fatalities = -1;
  for (guint i = 0; column >= 0 && i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr(TesseraCorroborationRow) row = g_list_model_get_item (G_LIST_MODEL (rows), i);
      const char *text = row_text (row, column);
      TesseraFatalityReport *report;
      g_autofree char *figure = NULL;

      if (text == NULL)
        continue;
      report = g_new0 (TesseraFatalityReport, 1);
      report->document_id = tessera_corroboration_row_get_document_id (row);
      report->outlet = g_strdup (tessera_corroboration_row_get_source (row));
      report->text = g_strdup (text);
      report->kind = tessera_normalise_quantity (text, &report->value);
      g_ptr_array_add (record->fatalities_reported, report);
      if (report->kind == TESSERA_QUANTITY_NONE)
        continue;

      if (record->fatalities < 0 || report->value < record->fatalities)
        record->fatalities = report->value;
      figure = g_strdup_printf ("%" G_GINT64_FORMAT, report->value);
      add_claim (claims, figure, figure, report_name (row));
    }

  note_dispute (record, notes, "fatalities", _("Fatalities"), claims);
}

/* The field most reports give, in their wording; disputes noted. */
static char *
code_field (TesseraCodedEvent *record,
            GString           *notes,
            TesseraProject    *project,
            GListModel        *rows,
            int                column,
            const char        *field,
            const char        *title)
{
  g_autoptr(GPtrArray) claims = column_claims (project, rows, column);
  const Claim *best = most_claimed (claims);

  note_dispute (record, notes, field, title, claims);

  return best ? g_strdup (best->shown) : NULL;
}

static void
code_sources (TesseraCodedEvent *record,
              GString           *notes,
              TesseraProject    *project,
              TesseraDuplicates *duplicates,
              GListModel        *rows)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (rows));
  g_autofree TesseraSourceReport *reports = g_new0 (TesseraSourceReport, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraCorroborationRow) row = g_list_model_get_item (G_LIST_MODEL (rows), i);
      g_autoptr(TesseraSpan) trigger = tessera_project_get_span (project,
                                                               tessera_corroboration_row_get_trigger_span_id (row),
                                                               NULL);
      const char *source = tessera_corroboration_row_get_source (row);

      reports[i].document_id = tessera_corroboration_row_get_document_id (row);
      reports[i].trigger_start = trigger ? trigger->start : 0;
      reports[i].trigger_end = trigger ? trigger->end : 0;
      /* Rows live as long as @rows: the string stays valid. */
      reports[i].published = tessera_corroboration_row_get_published (row);
      if (source != NULL && !g_ptr_array_find_with_equal_func (record->sources, source, g_str_equal, NULL))
        g_ptr_array_add (record->sources, g_strdup (source));
    }

  record->n_reports = n;
  record->independent_sources = tessera_independence_compute (duplicates, reports, n);

  /* Which report carries which one's wire copy, in words. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TesseraCorroborationRow) copy = NULL;
      g_autofree char *copy_name = NULL;

      if (reports[i].copy_of == 0)
        continue;
      copy = g_list_model_get_item (G_LIST_MODEL (rows), i);
      copy_name = report_name (copy);
      for (guint j = 0; j < n; j++)
        if (reports[j].document_id == reports[i].copy_of)
          {
            g_autoptr(TesseraCorroborationRow) source = g_list_model_get_item (G_LIST_MODEL (rows), j);
            g_autofree char *source_name = report_name (source);

            g_ptr_array_add (record->copies, g_strdup_printf ("%s\t%s", copy_name, source_name));
            /* TRANSLATORS: two reports' outlets (or titles): the first tells the event in the
             * second's words (the same wire copy) */
            g_string_append_printf (notes, _("%s repeats %s's wire copy. "), copy_name, source_name);
            break;
          }
    }
}

/* The members of @members made by annotator @annotator_id (0: all). */
static GArray *
members_by (TesseraProject  *project,
            GArray          *members,
            gint64           annotator_id,
            GError         **error)
{
  GArray *kept = g_array_new (FALSE, FALSE, sizeof (TesseraClusterMember));

  for (guint i = 0; i < members->len; i++)
    {
      const TesseraClusterMember *m = &g_array_index (members, TesseraClusterMember, i);
      g_autoptr(TesseraEvent) event = NULL;

      if (annotator_id > 0)
        {
          g_autoptr(GError) local_error = NULL;

          event = tessera_project_get_event (project, m->event_id, &local_error);
          if (event == NULL && !g_error_matches (local_error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              g_array_unref (kept);
              return NULL;
            }
          if (event == NULL || event->annotator_id != annotator_id)
            continue;
        }
      g_array_append_val (kept, *m);
    }

  return kept;
}

char *
tessera_coded_event_dup_field (const TesseraCodedEvent *record,
                               const char              *field)
{
  g_return_val_if_fail (record != NULL && field != NULL, NULL);

  if (g_str_equal (field, "event_type"))
    return g_strdup (record->event_type);
  if (g_str_equal (field, "event_date"))
    return g_strdup (record->event_date);
  if (g_str_equal (field, "time_precision"))
    return record->time_precision > 0 ? g_strdup_printf ("%d", record->time_precision) : NULL;
  if (g_str_equal (field, "actor1"))
    return g_strdup (record->actor1);
  if (g_str_equal (field, "actor2"))
    return g_strdup (record->actor2);
  if (g_str_equal (field, "location"))
    return g_strdup (record->location);
  if (g_str_equal (field, "fatalities"))
    return record->fatalities >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, record->fatalities) : NULL;
  if (g_str_equal (field, "notes"))
    return g_strdup (record->notes);
  return NULL;
}

const char *
tessera_coded_event_get_reports_gave (const TesseraCodedEvent *record,
                                      const char              *field)
{
  g_return_val_if_fail (record != NULL && field != NULL, NULL);

  for (guint i = 0; record->set_by_hand != NULL && i < record->set_by_hand->len; i++)
    if (g_str_equal (g_ptr_array_index (record->set_by_hand, i), field))
      return g_ptr_array_index (record->reports_gave, i);
  return NULL;
}

/* What the analyst set by hand replaces what the reports give; the
 * record keeps both. */
static void
apply_override (TesseraCodedEvent          *record,
                const TesseraCodedOverride *o)
{
  g_autofree char *reports = tessera_coded_event_dup_field (record, o->field);
  char **text = NULL;

  if (g_str_equal (o->field, "event_type"))
    text = &record->event_type;
  else if (g_str_equal (o->field, "event_date"))
    text = &record->event_date;
  else if (g_str_equal (o->field, "actor1"))
    text = &record->actor1;
  else if (g_str_equal (o->field, "actor2"))
    text = &record->actor2;
  else if (g_str_equal (o->field, "location"))
    text = &record->location;
  else if (g_str_equal (o->field, "notes"))
    text = &record->notes;

  if (text != NULL)
    {
      g_free (*text);
      *text = g_strdup (o->value);
    }
  else if (g_str_equal (o->field, "time_precision"))
    record->time_precision = (int) g_ascii_strtoll (o->value, NULL, 10);
  else if (g_str_equal (o->field, "fatalities"))
    record->fatalities = g_ascii_strtoll (o->value, NULL, 10);
  else
    return;

  g_ptr_array_add (record->set_by_hand, g_strdup (o->field));
  g_ptr_array_add (record->reports_gave, reports != NULL ? g_steal_pointer (&reports) : g_strdup (""));
}

/* The record of the reports of a corroboration table. */
static TesseraCodedEvent *
code_table (TesseraProject    *project,
            TesseraDuplicates *duplicates,
            GPtrArray         *columns,
            GListModel        *rows)
{
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func ((GDestroyNotify) claim_free);
  TesseraCodedEvent *record;
  int opponent;
  const Claim *type;

  record = g_new0 (TesseraCodedEvent, 1);
  record->fatalities_reported = g_ptr_array_new_with_free_func ((GDestroyNotify) fatality_report_free);
  record->sources = g_ptr_array_new_with_free_func (g_free);
  record->disputed = g_ptr_array_new_with_free_func (g_free);
  record->copies = g_ptr_array_new_with_free_func (g_free);
  record->set_by_hand = g_ptr_array_new_with_free_func (g_free);
  record->reports_gave = g_ptr_array_new_with_free_func (g_free);
  /* The type under each report's trigger. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr(TesseraCorroborationRow) row = g_list_model_get_item (G_LIST_MODEL (rows), i);

      for (guint c = 0; c < columns->len; c++)
        {
          const TesseraCorroborationColumn *column = g_ptr_array_index (columns, c);
          const TesseraCorroborationCell *cell = tessera_corroboration_row_get_cell (row, c);

          if (column->kind == TESSERA_CORROBORATION_COLUMN_TRIGGER && cell->caption != NULL)
            add_claim (types, cell->caption, cell->caption, report_name (row));
        }
    }
  if ((type = most_claimed (types)))
    record->event_type = g_strdup (type->shown);

  code_date (record, notes, rows, find_column (columns, "Time"));
  record->actor1 = code_field (record, notes, project, rows, find_column (columns, "Agent"), "actor1", _("Agent"));
  opponent = find_column (columns, "Opponent");
  if (opponent < 0)
    opponent = find_column (columns, "Target");
  record->actor2 = code_field (record, notes, project, rows, opponent, "actor2", _("Opponent"));
  record->location = code_field (record, notes, project, rows, find_column (columns, "Place"), "location", _("Place"));
  code_fatalities (record, notes, rows, find_column (columns, "Casualties"));
  code_sources (record, notes, project, duplicates, rows);

  g_strchomp (notes->str);
  record->notes = g_strdup (notes->str);

  return record;
}

static TesseraCodedEvent *
code_members (TesseraProject        *project,
              TesseraDuplicates     *duplicates,
              GArray                *members,
              GError               **error)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GListStore) rows = NULL;

  if (!tessera_corroboration_load_listed (project, members, &columns, &rows, error))
    return NULL;

  return code_table (project, duplicates, columns, G_LIST_MODEL (rows));
}

/* What the analyst set by hand over the record of cluster @cluster. */
static gboolean
apply_overrides (TesseraProject        *project,
                 TesseraCodedEvent     *record,
                 const TesseraCluster  *cluster,
                 GError               **error)
{
  g_autoptr(GPtrArray) overrides = tessera_project_list_coded_overrides (project, cluster->id, error);

  if (overrides == NULL)
    return FALSE;

  record->cluster_id = cluster->id;
  record->name = g_strdup (cluster->name);
  for (guint i = 0; i < overrides->len; i++)
    apply_override (record, g_ptr_array_index (overrides, i));
  return TRUE;
}

TesseraCodedEvent *
tessera_coded_event_build_from_table (TesseraProject    *project,
                                      TesseraDuplicates *duplicates,
                                      gint64             cluster_id,
                                      GPtrArray         *columns,
                                      GListModel        *rows,
                                      GError           **error)
{
  g_autoptr(TesseraCluster) cluster = NULL;
  g_autoptr(TesseraCodedEvent) record = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (columns != NULL && G_IS_LIST_MODEL (rows), NULL);

  if (!(cluster = tessera_project_get_cluster (project, cluster_id, error)))
    return NULL;
  record = code_table (project, duplicates, columns, rows);
  if (!apply_overrides (project, record, cluster, error))
    return NULL;

  return g_steal_pointer (&record);
}

static TesseraCodedEvent *
code_cluster (TesseraProject        *project,
              TesseraDuplicates     *duplicates,
              const TesseraCluster  *cluster,
              gint64                 annotator_id,
              GError               **error)
{
  g_autoptr(GArray) listed = NULL;
  g_autoptr(GArray) members = NULL;
  g_autoptr(TesseraCodedEvent) record = NULL;

  if (!(listed = tessera_project_list_cluster_members (project, cluster->id, error)) ||
      !(members = members_by (project, listed, annotator_id, error)) ||
      !(record = code_members (project, duplicates, members, error)) ||
      !apply_overrides (project, record, cluster, error))
    return NULL;

  return g_steal_pointer (&record);
}

TesseraCodedEvent *
tessera_coded_event_build (TesseraProject    *project,
                           TesseraDuplicates *duplicates,
                           gint64             cluster_id,
                           GError           **error)
{
  g_autoptr(TesseraCluster) cluster = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), NULL);

  if (!(cluster = tessera_project_get_cluster (project, cluster_id, error)))
    return NULL;

  return code_cluster (project, duplicates, cluster, 0, error);
}

TesseraCodedEvent *
tessera_coded_event_build_by (TesseraProject    *project,
                              TesseraDuplicates *duplicates,
                              gint64             cluster_id,
                              gint64             annotator_id,
                              GError           **error)
{
  g_autoptr(TesseraCluster) cluster = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), NULL);

  if (!(cluster = tessera_project_get_cluster (project, cluster_id, error)))
    return NULL;

  return code_cluster (project, duplicates, cluster, annotator_id, error);
}

TesseraCodedEvent *
tessera_coded_event_build_for_event (TesseraProject     *project,
                                     TesseraDuplicates  *duplicates,
                                     TesseraDocument    *doc,
                                     const TesseraEvent *event,
                                     GError            **error)
{
  TesseraClusterMember member = { 0, 0, event->id, doc->id };
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (TesseraClusterMember));
  TesseraCodedEvent *record;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (doc != NULL && event != NULL, NULL);

  g_array_append_val (members, member);
  if (!(record = code_members (project, duplicates, members, error)))
    return NULL;
  record->event_id = event->id;
  record->document_id = doc->id;
  record->name = tessera_cluster_suggest_name (project, doc, event->trigger_span_id, event->id);

  return record;
}

typedef struct
{
  TesseraProject    *project;
  TesseraDuplicates *duplicates;
  gint64             annotator_id;
  GPtrArray         *records;
} Coding;

/* A record of each event of @doc in no cluster: one report, no dispute. */
static gboolean
code_unlinked (TesseraDocument  *doc,
               gpointer          user_data,
               GError          **error)
{
  Coding *coding = user_data;
  g_autoptr(GPtrArray) events = NULL;

  if (!(events = tessera_project_list_events (coding->project, doc->id, error)))
    return FALSE;

  for (guint i = 0; i < events->len; i++)
    {
      const TesseraEvent *event = g_ptr_array_index (events, i);
      g_autoptr(GError) local_error = NULL;
      TesseraCodedEvent *record;

      if (event->suggested ||
          (coding->annotator_id > 0 && event->annotator_id != coding->annotator_id))
        continue;
      if (tessera_project_get_event_cluster (coding->project, event->id, &local_error) > 0)
        continue;
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (!(record = tessera_coded_event_build_for_event (coding->project, coding->duplicates, doc, event, error)))
        return FALSE;
      /* A suggested trigger leaves no accepted report: no record. */
      if (record->event_type == NULL)
        {
          tessera_coded_event_free (record);
          continue;
        }
      g_ptr_array_add (coding->records, record);
    }

  return TRUE;
}

GPtrArray *
tessera_coded_events_build (TesseraProject    *project,
                            TesseraDuplicates *duplicates,
                            gint64             annotator_id,
                            GError           **error)
{
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_coded_event_free);
  Coding coding = { project, duplicates, annotator_id, records };

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), NULL);

  if (!(clusters = tessera_project_list_clusters (project, TESSERA_LABEL_EVENT, error)))
    return NULL;

  for (guint i = 0; i < clusters->len; i++)
    {
      TesseraCodedEvent *record = code_cluster (project, duplicates, g_ptr_array_index (clusters, i),
                                                annotator_id, error);

      if (record == NULL)
        return NULL;
      /* A cluster none of whose reports the annotator made says nothing. */
      if (annotator_id > 0 && record->n_reports == 0)
        {
          tessera_coded_event_free (record);
          continue;
        }
      g_ptr_array_add (records, record);
    }

  if (!tessera_project_foreach_document (project, FALSE, code_unlinked, &coding, error))
    return NULL;

  return g_steal_pointer (&records);
}
