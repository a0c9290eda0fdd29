/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-corroboration"

#include "config.h"

#include "tessera-corroboration.h"

/* Reading the reports of an event: a cluster's member events (or events
 * listed by hand, such as one in no cluster), each from its document's
 * shared TesseraOpenDocument, as accepted annotations or all of them. */

static gboolean
is_suggested_span (TesseraOpenDocument *document,
                   gint64               span_id)
{
  const TesseraSpan *span = tessera_open_document_get_span (document, span_id);

  return span != NULL && span->suggested;
}

gboolean
tessera_corroboration_skips_span (TesseraOpenDocument       *document,
                                  gint64                     span_id,
                                  TesseraCorroborationFlags  flags)
{
  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (document), TRUE);

  return (flags & TESSERA_CORROBORATION_ACCEPTED) != 0 && is_suggested_span (document, span_id);
}

const TesseraEvent *
tessera_corroboration_get_event (TesseraOpenDocument       *document,
                                 gint64                     event_id,
                                 TesseraCorroborationFlags  flags)
{
  const TesseraEvent *event;

  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (document), NULL);

  event = tessera_open_document_get_event (document, event_id);
  if (event != NULL && (flags & TESSERA_CORROBORATION_ACCEPTED) != 0 &&
      (event->suggested || is_suggested_span (document, event->trigger_span_id)))
    return NULL;

  return event;
}

/* The order the project lists events and stances in: by the start of
 * the span they stand on (@x_span, @y_span), then by id. */
static int
compare_by_start (TesseraOpenDocument *document,
                  gint64               x_span,
                  gint64               x_id,
                  gint64               y_span,
                  gint64               y_id)
{
  const TesseraSpan *x = tessera_open_document_get_span (document, x_span);
  const TesseraSpan *y = tessera_open_document_get_span (document, y_span);
  gint64 sx = x != NULL ? x->start : -1;
  gint64 sy = y != NULL ? y->start : -1;

  if (sx != sy)
    return sx < sy ? -1 : 1;
  return (x_id > y_id) - (x_id < y_id);
}

static int
compare_events (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const TesseraEvent *x = *(const TesseraEvent * const *) a;
  const TesseraEvent *y = *(const TesseraEvent * const *) b;

  return compare_by_start (user_data, x->trigger_span_id, x->id, y->trigger_span_id, y->id);
}

static int
compare_stances (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const TesseraStance *x = *(const TesseraStance * const *) a;
  const TesseraStance *y = *(const TesseraStance * const *) b;

  return compare_by_start (user_data, x->span_id, x->id, y->span_id, y->id);
}

GPtrArray *
tessera_corroboration_list_events (TesseraOpenDocument       *document,
                                   TesseraCorroborationFlags  flags)
{
  guint n;
  GPtrArray *events;

  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (document), NULL);

  n = tessera_open_document_get_n_events (document);
  events = g_ptr_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    {
      const TesseraEvent *event = tessera_open_document_get_nth_event (document, i);

      if (tessera_corroboration_get_event (document, event->id, flags) != NULL)
        g_ptr_array_add (events, (gpointer) event);
    }
  g_ptr_array_sort_with_data (events, compare_events, document);

  return events;
}

GHashTable *
tessera_corroboration_index_stances (TesseraOpenDocument       *document,
                                     TesseraCorroborationFlags  flags)
{
  const TesseraSpanIndex *spans;
  GHashTable *index;
  GHashTableIter iter;
  gpointer toward;
  guint n;

  g_return_val_if_fail (TESSERA_IS_OPEN_DOCUMENT (document), NULL);

  index = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  spans = tessera_open_document_get_spans (document);
  n = tessera_span_index_get_n_spans (spans);

  /* A stance stands on its statement span: the statements in text order. */
  for (guint i = 0; i < n; i++)
    {
      const TesseraSpan *span = tessera_span_index_get_span (spans, i);
      const TesseraStance *stance = tessera_open_document_get_statement_stance (document, span->id);
      GPtrArray *list;

      if (stance == NULL || stance->target_event_id <= 0 ||
          ((flags & TESSERA_CORROBORATION_ACCEPTED) != 0 && (stance->suggested || span->suggested)))
        continue;
      list = g_hash_table_lookup (index, &stance->target_event_id);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (index, (gpointer) &stance->target_event_id, list);
        }
      g_ptr_array_add (list, (gpointer) stance);
    }

  g_hash_table_iter_init (&iter, index);
  while (g_hash_table_iter_next (&iter, NULL, &toward))
    g_ptr_array_sort_with_data (toward, compare_stances, document);

  return index;
}

gboolean
tessera_corroboration_foreach_member (TesseraProject             *project,
                                      gint64                      cluster_id,
                                      TesseraCorroborationFlags   flags,
                                      TesseraCorroborationFunc    func,
                                      gpointer                    user_data,
                                      GError                    **error)
{
  g_autoptr(GArray) members = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!(members = tessera_project_list_cluster_members (project, cluster_id, error)))
    return FALSE;

  return tessera_corroboration_foreach_listed (project, members, flags, func, user_data, error);
}

gboolean
tessera_corroboration_foreach_listed (TesseraProject             *project,
                                      GArray                     *members,
                                      TesseraCorroborationFlags   flags,
                                      TesseraCorroborationFunc    func,
                                      gpointer                    user_data,
                                      GError                    **error)
{
  g_autoptr(TesseraOpenDocument) document = NULL;
  g_autoptr(GHashTable) stances = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (members != NULL && func != NULL, FALSE);

  for (guint i = 0; i < members->len; i++)
    {
      const TesseraClusterMember *m = &g_array_index (members, TesseraClusterMember, i);
      TesseraCorroborationMember member = { m, };

      if (m->document_id <= 0)
        continue;
      /* Members come by document. */
      if (document == NULL || tessera_open_document_get_id (document) != m->document_id)
        {
          g_clear_pointer (&stances, g_hash_table_unref);
          g_clear_object (&document);
          if (!(document = tessera_open_document_get (project, m->document_id, error)))
            return FALSE;
          stances = tessera_corroboration_index_stances (document, flags);
        }

      member.document = document;
      if (m->event_id > 0)
        {
          member.event = tessera_corroboration_get_event (document, m->event_id, flags);
          if (member.event != NULL)
            member.stances = g_hash_table_lookup (stances, &m->event_id);
        }
      else if (!tessera_corroboration_skips_span (document, m->span_id, flags))
        member.span = tessera_open_document_get_span (document, m->span_id);

      if (!func (&member, user_data, error))
        return FALSE;
    }

  return TRUE;
}
