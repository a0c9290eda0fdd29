/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-assignment"

#include "config.h"

#include "tessera-assignment.h"

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

TesseraAssignment *
tessera_assignment_plan (GArray             *document_ids,
                         const char * const *annotators,
                         guint               overlap_percent,
                         guint32             seed)
{
  TesseraAssignment *plan;
  g_autoptr(GArray) order = NULL;
  g_autoptr(GRand) rand = NULL;
  guint n_annotators, n_shared;

  g_return_val_if_fail (document_ids != NULL, NULL);
  g_return_val_if_fail (annotators != NULL && annotators[0] != NULL, NULL);
  g_return_val_if_fail (overlap_percent <= 100, NULL);

  plan = g_new0 (TesseraAssignment, 1);
  plan->seed = seed;
  plan->overlap_percent = overlap_percent;
  plan->annotators = g_ptr_array_new_with_free_func (g_free);
  plan->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; annotators[i] != NULL; i++)
    {
      g_ptr_array_add (plan->annotators, g_strdup (annotators[i]));
      g_ptr_array_add (plan->documents, g_array_new (FALSE, FALSE, sizeof (gint64)));
    }
  n_annotators = plan->annotators->len;

  /* Fisher–Yates over a copy in id order, so the plan depends only on
   * the documents and the seed. */
  order = g_array_copy (document_ids);
  g_array_sort (order, compare_ids);
  rand = g_rand_new_with_seed (seed);
  for (guint i = order->len; i > 1; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
      gint64 t = g_array_index (order, gint64, i - 1);

      g_array_index (order, gint64, i - 1) = g_array_index (order, gint64, j);
      g_array_index (order, gint64, j) = t;
    }

  n_shared = (guint) (((guint64) order->len * overlap_percent + 50) / 100);
  plan->shared = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_vals (plan->shared, order->data, n_shared);
  for (guint i = 0; i < order->len; i++)
    {
      gint64 id = g_array_index (order, gint64, i);

      if (i < n_shared)
        for (guint a = 0; a < n_annotators; a++)
          g_array_append_val (g_ptr_array_index (plan->documents, a), id);
      else
        g_array_append_val (g_ptr_array_index (plan->documents, (i - n_shared) % n_annotators), id);
    }

  g_array_sort (plan->shared, compare_ids);
  for (guint a = 0; a < n_annotators; a++)
    g_array_sort (g_ptr_array_index (plan->documents, a), compare_ids);

  return plan;
}

void
tessera_assignment_free (TesseraAssignment *assignment)
{
  if (assignment == NULL)
    return;

  g_ptr_array_unref (assignment->annotators);
  g_ptr_array_unref (assignment->documents);
  g_array_unref (assignment->shared);
  g_free (assignment);
}
