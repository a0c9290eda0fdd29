/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-search"

#include "config.h"

#include "tessera-search.h"

/* Code points around the first hit that a snippet shows. */
#define SNIPPET_BEFORE 40
#define SNIPPET_AFTER  80

/* A text folded for case and accents: each folded character remembers
 * the code point of the text it came from. */
typedef struct
{
  GArray *chars;    /* gunichar */
  GArray *origin;   /* gint64, one per folded character */
} Folded;

static void
folded_clear (Folded *folded)
{
  g_clear_pointer (&folded->chars, g_array_unref);
  g_clear_pointer (&folded->origin, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Folded, folded_clear)

static void
fold (const char *text,
      Folded     *folded)
{
  gint64 index = 0;

  folded->chars = g_array_new (FALSE, FALSE, sizeof (gunichar));
  folded->origin = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), index++)
    {
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n = g_unichar_fully_decompose (g_utf8_get_char (p), FALSE, decomposed,
                                           G_N_ELEMENTS (decomposed));

      for (gsize i = 0; i < n; i++)
        {
          gunichar c;

          /* The accents go; a mark alone (there is nothing it sits on) stays. */
          if (g_unichar_ismark (decomposed[i]) && i > 0)
            continue;
          c = g_unichar_tolower (decomposed[i]);
          g_array_append_val (folded->chars, c);
          g_array_append_val (folded->origin, index);
        }
    }
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
matches_at (const Folded *text,
            guint         at,
            const gunichar *word,
            guint         len)
{
  if (at + len > text->chars->len)
    return FALSE;

  return memcmp (&g_array_index (text->chars, gunichar, at), word, len * sizeof (gunichar)) == 0;
}

static void
add_hit (GArray       *hits,
         const Folded *text,
         guint         from,
         guint         to)
{
  TesseraSearchHit hit;

  hit.start = g_array_index (text->origin, gint64, from);
  hit.end = g_array_index (text->origin, gint64, to - 1) + 1;
  g_array_append_val (hits, hit);
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const TesseraSearchHit *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end < y->end ? 1 : x->end > y->end ? -1 : 0;
}

/* Sorted, and those that overlap one before made one. */
static void
merge_hits (GArray *hits)
{
  guint kept = 0;

  g_array_sort (hits, compare_hits);
  for (guint i = 0; i < hits->len; i++)
    {
      TesseraSearchHit *hit = &g_array_index (hits, TesseraSearchHit, i);

      if (kept > 0 && hit->start < g_array_index (hits, TesseraSearchHit, kept - 1).end)
        {
          TesseraSearchHit *last = &g_array_index (hits, TesseraSearchHit, kept - 1);

          last->end = MAX (last->end, hit->end);
          continue;
        }
      g_array_index (hits, TesseraSearchHit, kept++) = *hit;
    }
  g_array_set_size (hits, kept);
}

/* Finds @word (folded, @len characters) in @text: with @words at the
 * start of a word only, the hit running to the end of that word. */
static void
find_word (GArray       *hits,
           const Folded *text,
           const gunichar *word,
           guint         len,
           gboolean      words)
{
  const gunichar *chars = (const gunichar *) (gpointer) text->chars->data;

  if (len == 0)
    return;

  for (guint at = 0; at + len <= text->chars->len; at++)
    {
      guint end;

      if (chars[at] != word[0] || !matches_at (text, at, word, len))
        continue;
      if (!words)
        {
          add_hit (hits, text, at, at + len);
          at += len - 1;
          continue;
        }
      if (at > 0 && is_word_char (chars[at - 1]))
        continue;
      for (end = at + len; end < text->chars->len && is_word_char (chars[end]); end++)
        ;
      add_hit (hits, text, at, end);
      at = end - 1;
    }
}

GArray *
tessera_search_find_hits (const char *text,
                          const char *query,
                          gboolean    words)
{
  g_auto(Folded) folded_text = { NULL, NULL };
  g_auto(Folded) folded_query = { NULL, NULL };
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (TesseraSearchHit));
  const gunichar *q;
  guint n;

  g_return_val_if_fail (text != NULL, hits);
  g_return_val_if_fail (query != NULL, hits);

  fold (text, &folded_text);
  fold (query, &folded_query);
  q = (const gunichar *) (gpointer) folded_query.chars->data;
  n = folded_query.chars->len;

  if (!words)
    {
      find_word (hits, &folded_text, q, n, FALSE);
      return hits;
    }

  /* The words of the query, as the full-text index cuts them. */
  for (guint i = 0; i < n;)
    {
      guint j;

      if (!is_word_char (q[i]))
        {
          i++;
          continue;
        }
      for (j = i; j < n && is_word_char (q[j]); j++)
        ;
      find_word (hits, &folded_text, q + i, j - i, TRUE);
      i = j;
    }
  merge_hits (hits);

  return hits;
}

/* Appends code points [start, end) of @chars, escaped, newlines as spaces. */
static void
append_escaped (GString        *out,
                const gunichar *chars,
                gint64          start,
                gint64          end)
{
  for (gint64 i = start; i < end; i++)
    {
      gunichar c = chars[i];

      switch (c)
        {
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '\n':
        case '\t':
        case '\r':
          g_string_append_c (out, ' ');
          break;
        default:
          g_string_append_unichar (out, c);
        }
    }
}

char *
tessera_search_snippet_markup (const char *text,
                               const char *query)
{
  g_autoptr(GArray) hits = NULL;
  g_autofree gunichar *chars = NULL;
  g_autoptr(GString) out = NULL;
  glong n_chars;
  gint64 start, end, at;
  const TesseraSearchHit *first;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  hits = tessera_search_find_hits (text, query, TRUE);
  if (hits->len == 0)
    return NULL;

  chars = g_utf8_to_ucs4_fast (text, -1, &n_chars);
  first = &g_array_index (hits, TesseraSearchHit, 0);

  /* From a word's start before the hit to a word's end after it. */
  start = MAX (0, first->start - SNIPPET_BEFORE);
  if (start > 0)
    {
      gint64 s = start;

      while (s < first->start && !g_unichar_isspace (chars[s - 1]))
        s++;
      start = s;
    }
  end = MIN (n_chars, first->end + SNIPPET_AFTER);
  if (end < n_chars)
    {
      gint64 e = end;

      while (e > first->end && !g_unichar_isspace (chars[e]))
        e--;
      end = e;
    }
  while (start < first->start && g_unichar_isspace (chars[start]))
    start++;
  while (end > first->end && g_unichar_isspace (chars[end - 1]))
    end--;

  out = g_string_new (start > 0 ? "…" : NULL);
  at = start;
  for (guint i = 0; i < hits->len; i++)
    {
      const TesseraSearchHit *hit = &g_array_index (hits, TesseraSearchHit, i);

      if (hit->start >= end)
        break;
      if (hit->end <= start)
        continue;
      append_escaped (out, chars, at, hit->start);
      g_string_append (out, "<b>");
      append_escaped (out, chars, hit->start, MIN (hit->end, end));
      g_string_append (out, "</b>");
      at = MIN (hit->end, end);
    }
  append_escaped (out, chars, at, end);
  if (end < n_chars)
    g_string_append (out, "…");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
tessera_project_search_snippet (TesseraProject  *project,
                                gint64           document_id,
                                const char      *query,
                                GError         **error)
{
  g_autoptr(TesseraDocument) doc = NULL;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  doc = tessera_project_get_document (project, document_id, TRUE, error);
  if (doc == NULL || doc->text == NULL)
    return NULL;

  return tessera_search_snippet_markup (doc->text, query);
}
