/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-split"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-cluster.h"
#include "tessera-duplicates.h"
#include "tessera-error.h"
#include "tessera-project.h"
#include "tessera-split.h"

void
tessera_split_part_free (TesseraSplitPart *part)
{
  if (part == NULL)
    return;

  g_free (part->name);
  g_free (part);
}

/* --- parsing ------------------------------------------------------------------ */

static gboolean
is_part_name (const char *name)
{
  if (*name == '\0')
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_' || *p == '-'))
      return FALSE;

  return TRUE;
}

/* Digits only: strtoul would take signs, spaces and hex. */
static gboolean
parse_weight (const char *text,
              guint64    *weight)
{
  guint64 value = 0;

  if (*text == '\0')
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      /* Saturates, so any long number reads as too big, not as 0. */
      value = MIN (value * 10 + (guint64) (*p - '0'), (guint64) G_MAXUINT32 + 1);
    }

  *weight = value;
  return TRUE;
}

GPtrArray *
tessera_split_parse (const char  *spec,
                     GError     **error)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_auto(GStrv) pieces = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (spec != NULL, NULL);

  /* The pieces go back to the user in messages: keep those UTF-8. */
  stripped = g_strstrip (g_utf8_make_valid (spec, -1));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                           _("No parts to split into: give them as NAME=WEIGHT, such as “train=80,dev=10,test=10”"));
      return NULL;
    }

  parts = g_ptr_array_new_with_free_func ((GDestroyNotify) tessera_split_part_free);
  pieces = g_strsplit (stripped, ",", -1);
  for (guint i = 0; pieces[i] != NULL; i++)
    {
      char *piece = g_strstrip (pieces[i]);
      g_autoptr(TesseraSplitPart) part = NULL;
      g_autofree char *name = NULL;
      const char *equals;
      guint64 weight;

      if (*piece == '\0')
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       _("“%s” has an empty part: parts are separated by single commas"), stripped);
          return NULL;
        }

      equals = strchr (piece, '=');
      if (equals == NULL)
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       _("“%s” has no “=”: give each part as NAME=WEIGHT, such as “train=80”"), piece);
          return NULL;
        }

      name = g_strstrip (g_strndup (piece, equals - piece));
      if (!is_part_name (name))
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       _("“%s”: a part’s name is made of lowercase letters, digits, “_” and “-”"), piece);
          return NULL;
        }

      if (!parse_weight (g_strstrip ((char *) equals + 1), &weight) || weight == 0)
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       _("“%s”: the weight must be a whole number above 0"), piece);
          return NULL;
        }
      if (weight > TESSERA_SPLIT_MAX_WEIGHT)
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_LIMIT,
                       _("“%s”: the weight must be at most %u"), piece, (guint) TESSERA_SPLIT_MAX_WEIGHT);
          return NULL;
        }

      for (guint j = 0; j < parts->len; j++)
        if (g_str_equal (((TesseraSplitPart *) g_ptr_array_index (parts, j))->name, name))
          {
            g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                         _("The part “%s” is given twice"), name);
            return NULL;
          }

      if (parts->len == TESSERA_SPLIT_MAX_PARTS)
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_LIMIT,
                       _("Too many parts: at most %u"), (guint) TESSERA_SPLIT_MAX_PARTS);
          return NULL;
        }

      part = g_new0 (TesseraSplitPart, 1);
      part->name = g_steal_pointer (&name);
      part->weight = (guint) weight;
      g_ptr_array_add (parts, g_steal_pointer (&part));
    }

  return g_steal_pointer (&parts);
}

/* --- groups of linked documents ------------------------------------------------ */

typedef struct
{
  GArray       *ids;     /* gint64, ascending (the project lists them in id order) */
  guint        *parent;  /* union–find over indices into ids */
  GCancellable *cancellable;
} Groups;

static gboolean
add_document_id (TesseraDocument  *doc,
                 gpointer          user_data,
                 GError          **error)
{
  Groups *groups = user_data;

  if (g_cancellable_set_error_if_cancelled (groups->cancellable, error))
    return FALSE;

  g_array_append_val (groups->ids, doc->id);

  return TRUE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The index of @id in groups->ids, or -1. */
static gint64
index_of (Groups *groups,
          gint64  id)
{
  const gint64 *found = bsearch (&id, groups->ids->data, groups->ids->len, sizeof (gint64), compare_ids);

  return found != NULL ? found - (const gint64 *) groups->ids->data : -1;
}

static guint
find_root (Groups *groups,
           guint   i)
{
  while (groups->parent[i] != i)
    {
      /* Path halving keeps the trees flat without recursion. */
      groups->parent[i] = groups->parent[groups->parent[i]];
      i = groups->parent[i];
    }

  return i;
}

/* Links two documents by id; ids the listing did not have are ignored. */
static void
link_documents (Groups *groups,
                gint64  a,
                gint64  b)
{
  gint64 i = index_of (groups, a), j = index_of (groups, b);
  guint ri, rj;

  if (i < 0 || j < 0)
    return;

  ri = find_root (groups, (guint) i);
  rj = find_root (groups, (guint) j);
  /* The lower index is the root, so the result does not depend on the
   * order links were made in. */
  if (ri < rj)
    groups->parent[rj] = ri;
  else if (rj < ri)
    groups->parent[ri] = rj;
}

static gboolean
link_shared_passages (TesseraProject  *project,
                      Groups          *groups,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_autoptr(TesseraDuplicates) duplicates = NULL;
  guint n_groups;

  duplicates = tessera_duplicates_find (project, NULL, NULL, NULL, cancellable, error);
  if (duplicates == NULL)
    return FALSE;

  n_groups = tessera_duplicates_get_n_groups (duplicates);
  for (guint g = 0; g < n_groups; g++)
    {
      const TesseraDuplicateGroup *group = tessera_duplicates_get_group (duplicates, g);
      const TesseraPassage *first = &g_array_index (group->passages, TesseraPassage, 0);

      for (guint p = 1; p < group->passages->len; p++)
        link_documents (groups, first->document_id,
                        g_array_index (group->passages, TesseraPassage, p).document_id);
    }

  return TRUE;
}

static gboolean
link_clusters (TesseraProject  *project,
               Groups          *groups,
               GCancellable    *cancellable,
               GError         **error)
{
  g_autoptr(GPtrArray) clusters = NULL;

  if (!tessera_project_has_cluster_members (project))
    return TRUE;

  clusters = tessera_project_list_clusters (project, TESSERA_LABEL_ANY, error);
  if (clusters == NULL)
    return FALSE;

  for (guint c = 0; c < clusters->len; c++)
    {
      const TesseraCluster *cluster = g_ptr_array_index (clusters, c);
      g_autoptr(GArray) members = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* A cluster of one member links nothing. */
      if (cluster->n_members < 2)
        continue;

      members = tessera_project_list_cluster_members (project, cluster->id, error);
      if (members == NULL)
        return FALSE;
      for (guint m = 1; m < members->len; m++)
        link_documents (groups, g_array_index (members, TesseraClusterMember, 0).document_id,
                        g_array_index (members, TesseraClusterMember, m).document_id);
    }

  return TRUE;
}

/* --- dealing the groups out ----------------------------------------------------- */

/* The part furthest below its share of @n_documents: the one with the
 * largest N·w − size·W (the deficit times W, in integers, so no rounding
 * decides), the first on a tie. */
static guint
neediest_part (GPtrArray    *parts,
               const guint  *sizes,
               guint64       total_weight,
               guint         n_documents)
{
  guint best = 0;
  gint64 best_deficit = G_MININT64;

  for (guint p = 0; p < parts->len; p++)
    {
      const TesseraSplitPart *part = g_ptr_array_index (parts, p);
      gint64 deficit = (gint64) n_documents * part->weight - (gint64) sizes[p] * (gint64) total_weight;

      if (deficit > best_deficit)
        {
          best = p;
          best_deficit = deficit;
        }
    }

  return best;
}

TesseraSplit *
tessera_split_assign (TesseraProject  *project,
                      GPtrArray       *parts,
                      guint32          seed,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_autoptr(TesseraSplit) split = NULL;
  g_autofree guint *parent = NULL;
  g_autofree guint *group_of = NULL;
  g_autofree guint *group_size = NULL;
  g_autofree guint *group_part = NULL;
  g_autofree guint *order = NULL;
  g_autoptr(GRand) rand = NULL;
  Groups groups = { 0 };
  guint64 total_weight = 0;
  guint n, n_groups = 0;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (parts != NULL && parts->len > 0 && parts->len <= TESSERA_SPLIT_MAX_PARTS, NULL);

  for (guint p = 0; p < parts->len; p++)
    {
      const TesseraSplitPart *part = g_ptr_array_index (parts, p);

      g_return_val_if_fail (part->weight > 0 && part->weight <= TESSERA_SPLIT_MAX_WEIGHT, NULL);
      total_weight += part->weight;
    }

  split = g_new0 (TesseraSplit, 1);
  split->parts = g_ptr_array_ref (parts);
  split->seed = seed;
  split->document_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  split->part_of = g_array_new (FALSE, FALSE, sizeof (guint));
  split->part_sizes = g_array_new (FALSE, TRUE, sizeof (guint));
  g_array_set_size (split->part_sizes, parts->len);

  groups.ids = split->document_ids;
  groups.cancellable = cancellable;
  if (!tessera_project_foreach_document (project, FALSE, add_document_id, &groups, error))
    return NULL;
  /* Listed in id order already; sorting again costs little and is what
   * the lookups by id rely on. */
  g_array_sort (groups.ids, compare_ids);
  n = groups.ids->len;

  parent = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    parent[i] = i;
  groups.parent = parent;

  if (!link_shared_passages (project, &groups, cancellable, error) ||
      !link_clusters (project, &groups, cancellable, error))
    return NULL;

  /* Groups numbered by their first document, so that only the seed
   * decides the order they are dealt in. A root is its group's lowest
   * index, met before the rest of the group. */
  group_of = g_new (guint, MAX (n, 1));
  group_size = g_new0 (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      guint root = find_root (&groups, i);

      group_of[i] = root == i ? n_groups++ : group_of[root];
      group_size[group_of[i]]++;
    }

  split->n_groups = n_groups;
  for (guint g = 0; g < n_groups; g++)
    if (group_size[g] > 1)
      split->n_kept_together++;

  /* Fisher–Yates, as tessera_assignment_plan() shuffles. */
  order = g_new (guint, MAX (n_groups, 1));
  for (guint g = 0; g < n_groups; g++)
    order[g] = g;
  rand = g_rand_new_with_seed (seed);
  for (guint i = n_groups; i > 1; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
      guint t = order[i - 1];

      order[i - 1] = order[j];
      order[j] = t;
    }

  /* Big groups first, in the shuffled order among groups of a size: a
   * large group dealt last could only overshoot its part (five reports,
   * three of them one wire story: all five ended in train). */
  for (guint k = 1; k < n_groups; k++)
    {
      guint g = order[k];
      guint j = k;

      for (; j > 0 && group_size[order[j - 1]] < group_size[g]; j--)
        order[j] = order[j - 1];
      order[j] = g;
    }

  group_part = g_new (guint, MAX (n_groups, 1));
  for (guint k = 0; k < n_groups; k++)
    {
      guint g = order[k];
      guint p = neediest_part (parts, (const guint *) split->part_sizes->data, total_weight, n);

      group_part[g] = p;
      g_array_index (split->part_sizes, guint, p) += group_size[g];
    }

  g_array_set_size (split->part_of, n);
  for (guint i = 0; i < n; i++)
    g_array_index (split->part_of, guint, i) = group_part[group_of[i]];

  return g_steal_pointer (&split);
}

int
tessera_split_get_part (const TesseraSplit *split,
                        gint64              document_id)
{
  const gint64 *found;

  g_return_val_if_fail (split != NULL, -1);

  found = bsearch (&document_id, split->document_ids->data, split->document_ids->len,
                   sizeof (gint64), compare_ids);
  if (found == NULL)
    return -1;

  return (int) g_array_index (split->part_of, guint, found - (const gint64 *) split->document_ids->data);
}

char *
tessera_split_describe (const TesseraSplit *split)
{
  GString *text;

  g_return_val_if_fail (split != NULL, NULL);

  text = g_string_new (NULL);
  for (guint p = 0; p < split->parts->len; p++)
    {
      const TesseraSplitPart *part = g_ptr_array_index (split->parts, p);
      guint size = g_array_index (split->part_sizes, guint, p);

      if (p > 0)
        g_string_append (text, ", ");
      /* TRANSLATORS: a part of a split and how many documents it has, e.g. "train: 32 documents" */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s: %u document", "%s: %u documents", size),
                              part->name, size);
    }

  g_string_append (text, "; ");
  /* TRANSLATORS: documents that share a passage or a cluster, put in the same part */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u group of linked documents kept whole",
                                             "%u groups of linked documents kept whole",
                                             split->n_kept_together),
                          split->n_kept_together);

  return g_string_free (text, FALSE);
}

void
tessera_split_free (TesseraSplit *split)
{
  if (split == NULL)
    return;

  g_clear_pointer (&split->parts, g_ptr_array_unref);
  g_clear_pointer (&split->document_ids, g_array_unref);
  g_clear_pointer (&split->part_of, g_array_unref);
  g_clear_pointer (&split->part_sizes, g_array_unref);
  g_free (split);
}
