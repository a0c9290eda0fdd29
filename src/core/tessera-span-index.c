/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-span-index"

#include "config.h"

#include "tessera-span-index.h"

/* A treap: a binary search tree in text order whose nodes also form a
 * heap on a random priority, which keeps it balanced whatever the order
 * spans come in. Each node knows the size of its subtree (for positions)
 * and the largest end in it (to skip subtrees that end before a range). */

typedef struct _Node Node;

struct _Node
{
  TesseraSpan span;      /* the index's own copy */
  Node       *left;
  Node       *right;
  Node       *parent;
  guint32     priority;  /* smaller is nearer the root */
  guint       size;      /* nodes in this subtree */
  gint64      max_end;   /* largest end in this subtree */
};

struct _TesseraSpanIndex
{
  Node       *root;
  GHashTable *by_id;     /* &node->span.id → Node* */
  GRand      *rand;
};

int
tessera_span_compare (const TesseraSpan *a,
                      const TesseraSpan *b)
{
  /* The order of tessera_project_list_spans (): start, longest first, id. */
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end > b->end ? -1 : 1;
  return (a->id > b->id) - (a->id < b->id);
}

static inline guint
size_of (const Node *node)
{
  return node ? node->size : 0;
}

static void
update (Node *node)
{
  node->size = 1 + size_of (node->left) + size_of (node->right);
  node->max_end = node->span.end;
  if (node->left != NULL && node->left->max_end > node->max_end)
    node->max_end = node->left->max_end;
  if (node->right != NULL && node->right->max_end > node->max_end)
    node->max_end = node->right->max_end;
}

static void
update_up (Node *node)
{
  for (; node != NULL; node = node->parent)
    update (node);
}

static void
node_free (Node *node)
{
  tessera_span_clear (&node->span);
  g_free (node);
}

static void
free_subtree (Node *node)
{
  if (node == NULL)
    return;
  free_subtree (node->left);
  free_subtree (node->right);
  node_free (node);
}

/* Puts @child where @old was under @old's parent (or at the root). */
static void
replace_child (TesseraSpanIndex *index,
               Node             *old,
               Node             *child)
{
  Node *parent = old->parent;

  if (child != NULL)
    child->parent = parent;
  if (parent == NULL)
    index->root = child;
  else if (parent->left == old)
    parent->left = child;
  else
    parent->right = child;
}

/* Lifts @node above its parent, keeping the order. */
static void
rotate_up (TesseraSpanIndex *index,
           Node             *node)
{
  Node *parent = node->parent;

  replace_child (index, parent, node);
  if (parent->left == node)
    {
      parent->left = node->right;
      if (node->right != NULL)
        node->right->parent = parent;
      node->right = parent;
    }
  else
    {
      parent->right = node->left;
      if (node->left != NULL)
        node->left->parent = parent;
      node->left = parent;
    }
  parent->parent = node;
  update (parent);
  update (node);
}

TesseraSpanIndex *
tessera_span_index_new (void)
{
  TesseraSpanIndex *index = g_new0 (TesseraSpanIndex, 1);

  index->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  /* Balance, not secrecy: a fixed seed keeps runs alike. */
  index->rand = g_rand_new_with_seed (0x5e55e7a);

  return index;
}

/* A balanced tree of sorted[lo, hi): priorities by depth keep the heap
 * order, and random ones given later are almost all larger, so new spans
 * settle low without unbalancing it. */
static Node *
build_balanced (TesseraSpanIndex   *index,
                const TesseraSpan **sorted,
                guint               lo,
                guint               hi,
                guint32             depth,
                Node               *parent)
{
  Node *node;
  guint mid;

  if (lo >= hi)
    return NULL;

  mid = lo + (hi - lo) / 2;
  node = g_new0 (Node, 1);
  node->span = *sorted[mid];
  node->span.note = g_strdup (sorted[mid]->note);
  node->priority = depth;
  node->parent = parent;
  node->left = build_balanced (index, sorted, lo, mid, depth + 1, node);
  node->right = build_balanced (index, sorted, mid + 1, hi, depth + 1, node);
  update (node);
  g_hash_table_insert (index->by_id, &node->span.id, node);

  return node;
}

TesseraSpanIndex *
tessera_span_index_new_from (const GArray *spans)
{
  TesseraSpanIndex *index = tessera_span_index_new ();
  g_autofree const TesseraSpan **sorted = NULL;
  gboolean in_order = TRUE;
  guint n = 0;

  g_return_val_if_fail (spans != NULL, index);
  g_return_val_if_fail (g_array_get_element_size ((GArray *) spans) == sizeof (TesseraSpan), index);

  /* Built whole in O(n) from spans in text order, as the project lists
   * them; any other order, one at a time. */
  sorted = g_new (const TesseraSpan *, MAX (spans->len, 1));
  for (guint i = 0; i < spans->len && in_order; i++)
    {
      sorted[n++] = &g_array_index (spans, TesseraSpan, i);
      in_order = n == 1 || tessera_span_compare (sorted[n - 2], sorted[n - 1]) < 0;
    }
  if (!in_order)
    {
      for (guint i = 0; i < spans->len; i++)
        tessera_span_index_insert (index, &g_array_index (spans, TesseraSpan, i));
      return index;
    }

  index->root = build_balanced (index, sorted, 0, n, 0, NULL);

  return index;
}

void
tessera_span_index_free (TesseraSpanIndex *index)
{
  if (index == NULL)
    return;

  free_subtree (index->root);
  g_hash_table_unref (index->by_id);
  g_rand_free (index->rand);
  g_free (index);
}

void
tessera_span_index_insert (TesseraSpanIndex  *index,
                           const TesseraSpan *span)
{
  Node *node;
  Node *parent = NULL;
  Node **link = &index->root;

  g_return_if_fail (index != NULL);
  g_return_if_fail (span != NULL);

  tessera_span_index_remove (index, span->id);

  node = g_new0 (Node, 1);
  node->span = *span;
  node->span.note = g_strdup (span->note);
  node->priority = g_rand_int (index->rand);

  while (*link != NULL)
    {
      parent = *link;
      link = tessera_span_compare (&node->span, &parent->span) < 0 ? &parent->left : &parent->right;
    }
  *link = node;
  node->parent = parent;
  update_up (node);

  while (node->parent != NULL && node->priority < node->parent->priority)
    rotate_up (index, node);

  g_hash_table_insert (index->by_id, &node->span.id, node);
}

gboolean
tessera_span_index_remove (TesseraSpanIndex *index,
                           gint64            span_id)
{
  Node *node;
  Node *child;
  Node *parent;

  g_return_val_if_fail (index != NULL, FALSE);

  if (!(node = g_hash_table_lookup (index->by_id, &span_id)))
    return FALSE;
  g_hash_table_remove (index->by_id, &span_id);

  /* Down to where it has one child at most, then out. */
  while (node->left != NULL && node->right != NULL)
    rotate_up (index, node->left->priority < node->right->priority ? node->left : node->right);

  child = node->left != NULL ? node->left : node->right;
  parent = node->parent;
  replace_child (index, node, child);
  update_up (parent);
  node_free (node);

  return TRUE;
}

guint
tessera_span_index_get_n_spans (const TesseraSpanIndex *index)
{
  g_return_val_if_fail (index != NULL, 0);

  return size_of (index->root);
}

const TesseraSpan *
tessera_span_index_lookup (const TesseraSpanIndex *index,
                           gint64                  span_id)
{
  Node *node;

  g_return_val_if_fail (index != NULL, NULL);

  node = g_hash_table_lookup (index->by_id, &span_id);

  return node ? &node->span : NULL;
}

const TesseraSpan *
tessera_span_index_get_span (const TesseraSpanIndex *index,
                             guint                   i)
{
  Node *node;

  g_return_val_if_fail (index != NULL, NULL);
  g_return_val_if_fail (i < size_of (index->root), NULL);

  node = index->root;
  for (;;)
    {
      guint left = size_of (node->left);

      if (i < left)
        node = node->left;
      else if (i == left)
        return &node->span;
      else
        {
          i -= left + 1;
          node = node->right;
        }
    }
}

int
tessera_span_index_find_id (const TesseraSpanIndex *index,
                            gint64                  span_id)
{
  Node *node;
  guint rank;

  g_return_val_if_fail (index != NULL, -1);

  if (!(node = g_hash_table_lookup (index->by_id, &span_id)))
    return -1;

  rank = size_of (node->left);
  for (; node->parent != NULL; node = node->parent)
    if (node == node->parent->right)
      rank += size_of (node->parent->left) + 1;

  return (int) rank;
}

static void
query_subtree (const Node *node,
               gint64      start,
               gint64      end,
               GPtrArray  *hits)
{
  /* Nothing below reaches the range: skip it whole. */
  while (node != NULL && node->max_end > start)
    {
      query_subtree (node->left, start, end, hits);
      /* Everything from here on starts at or after the range's end. */
      if (node->span.start >= end)
        return;
      if (node->span.end > start)
        g_ptr_array_add (hits, (gpointer) &node->span);
      node = node->right;
    }
}

void
tessera_span_index_query (const TesseraSpanIndex *index,
                          gint64                  start,
                          gint64                  end,
                          GPtrArray              *hits)
{
  g_return_if_fail (index != NULL);
  g_return_if_fail (hits != NULL);

  query_subtree (index->root, start, end, hits);
}

const TesseraSpan *
tessera_span_index_find_at (const TesseraSpanIndex *index,
                            gint64                  offset)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new ();
  const TesseraSpan *best = NULL;

  g_return_val_if_fail (index != NULL, NULL);

  query_subtree (index->root, offset, offset + 1, hits);
  for (guint i = 0; i < hits->len; i++)
    {
      const TesseraSpan *span = g_ptr_array_index (hits, i);

      /* Of equal lengths, the last in text order: the one drawn on top. */
      if (best == NULL || span->end - span->start <= best->end - best->start)
        best = span;
    }

  return best;
}

guint
tessera_span_index_get_depth (const TesseraSpanIndex *index,
                              const TesseraSpan      *span)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new ();
  guint depth = 0;

  g_return_val_if_fail (index != NULL, 0);
  g_return_val_if_fail (span != NULL, 0);

  query_subtree (index->root, span->start, span->start + 1, hits);
  for (guint i = 0; i < hits->len; i++)
    if (tessera_span_compare (g_ptr_array_index (hits, i), span) < 0)
      depth++;

  return depth;
}
