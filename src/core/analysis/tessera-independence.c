/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-independence"

#include "config.h"

#include <string.h>

#include "tessera-independence.h"

/* Where a report's trigger sits among the shared passages: the group of
 * the passage and the sentence of it, or group G_MAXUINT when the
 * trigger's sentence is the report's own. */
typedef struct
{
  guint group;
  guint sentence;
} CopyPlace;

static CopyPlace
find_copy_place (TesseraDuplicates         *duplicates,
                 const TesseraSourceReport *report)
{
  CopyPlace place = { G_MAXUINT, 0 };
  g_autoptr(GArray) passages = NULL;

  if (duplicates == NULL)
    return place;

  passages = tessera_duplicates_list_passages (duplicates, report->document_id);
  for (guint i = 0; passages != NULL && i < passages->len; i++)
    {
      const TesseraPassage *passage = &g_array_index (passages, TesseraPassage, i);
      const TesseraDuplicateGroup *group;

      if (report->trigger_start < passage->start || report->trigger_end > passage->end)
        continue;

      group = tessera_duplicates_get_group (duplicates, passage->group);
      for (guint k = 0; k < passage->n_sentences; k++)
        {
          const TesseraSentenceRange *sentence =
            &g_array_index (group->sentences, TesseraSentenceRange, passage->first_sentence + k);

          if (report->trigger_start >= sentence->start && report->trigger_end <= sentence->end)
            {
              place.group = passage->group;
              place.sentence = k;
              return place;
            }
        }
    }

  return place;
}

/* Whether @a was published before @b, the lower document id first on
 * the same day or without dates. */
static gboolean
published_before (const TesseraSourceReport *a,
                  const TesseraSourceReport *b)
{
  int order;

  if (a->published != NULL && b->published != NULL &&
      (order = strncmp (a->published, b->published, 10)) != 0)
    return order < 0;
  if ((a->published != NULL) != (b->published != NULL))
    return a->published != NULL;

  return a->document_id < b->document_id;
}

guint
tessera_independence_compute (TesseraDuplicates   *duplicates,
                              TesseraSourceReport *reports,
                              guint                n_reports)
{
  g_autofree CopyPlace *places = g_new0 (CopyPlace, MAX (n_reports, 1));
  guint n_independent = 0;

  g_return_val_if_fail (reports != NULL || n_reports == 0, 0);

  for (guint i = 0; i < n_reports; i++)
    places[i] = find_copy_place (duplicates, &reports[i]);

  /* Each report copies the earliest report whose trigger sentence is a
   * copy of the same sentence of the same passage, when that is not the
   * report itself. */
  for (guint i = 0; i < n_reports; i++)
    {
      const TesseraSourceReport *source = &reports[i];

      reports[i].copy_of = 0;
      for (guint j = 0; places[i].group != G_MAXUINT && j < n_reports; j++)
        if (j != i && places[j].group == places[i].group && places[j].sentence == places[i].sentence &&
            published_before (&reports[j], source))
          source = &reports[j];

      if (source != &reports[i])
        reports[i].copy_of = source->document_id;
      else
        n_independent++;
    }

  return n_independent;
}
