/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-shingle"

#include "config.h"

#include <string.h>

#include "tessera-shingle.h"

/* Bytes of a normal form that count: longer words are told apart by
 * their first MAX_NORMAL bytes. */
#define MAX_NORMAL 128

typedef struct
{
  char     buf[MAX_NORMAL + 8];
  gsize    len;
  guint    n_chars;
  gunichar last;      /* last letter written, to drop doubled letters */
  gboolean ascii_letters;
} Normal;

static void
normal_reset (Normal *n)
{
  n->len = 0;
  n->n_chars = 0;
  n->last = 0;
  n->ascii_letters = TRUE;
}

static void
normal_put (Normal   *n,
            gunichar  c)
{
  gboolean letter;

  if (c < 0x80)
    {
      /* The common case, without the Unicode tables. */
      letter = !g_ascii_isdigit (c);
      if (letter && c == n->last)
        return;
      n->last = letter ? c : 0;
      if (!g_ascii_isalpha (c))
        n->ascii_letters = FALSE;
      n->n_chars++;
      if (n->len + 1 <= MAX_NORMAL)
        n->buf[n->len++] = (char) c;
      return;
    }

  letter = !g_unichar_isdigit (c);

  /* Doubled letters ("rebelllion", "travelled") are written once; digits
   * are kept as they are ("110" is not "10"). */
  if (letter && c == n->last)
    return;
  n->last = letter ? c : 0;

  n->ascii_letters = FALSE;
  n->n_chars++;
  if (n->len + 6 <= MAX_NORMAL)
    n->len += g_unichar_to_utf8 (c, n->buf + n->len);
}

/* Adds one character of a word: lower case, without accents. */
static void
normal_add (Normal   *n,
            gunichar  c)
{
  gunichar d[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

  if (c < 0x80)
    {
      normal_put (n, g_ascii_tolower (c));
      return;
    }
  /* Combining accents of decomposed text. */
  if (g_unichar_ismark (c))
    return;

  c = g_unichar_tolower (c);
  switch (c)
    {
    case 0x00DF: /* ß */
      normal_put (n, 's');
      normal_put (n, 's');
      return;
    case 0x0153: /* œ */
      normal_put (n, 'o');
      normal_put (n, 'e');
      return;
    case 0x00E6: /* æ */
      normal_put (n, 'a');
      normal_put (n, 'e');
      return;
    default:
      break;
    }

  /* The base letter of a canonical decomposition: é → e, ï → i. */
  if (g_unichar_fully_decompose (c, FALSE, d, G_N_ELEMENTS (d)) > 1)
    c = d[0];
  normal_put (n, c);
}

typedef struct
{
  const char *from;
  const char *to;
} Ending;

/* British endings and their American spelling, longest first where one
 * ends another. The rule is applied to both copies alike, so turning
 * "otherwise" into "otherwize" is harmless. */
static const Ending endings[] = {
  { "isations", "izations" },
  { "isation", "ization" },
  { "ising", "izing" },
  { "ised", "ized" },
  { "ises", "izes" },
  { "ise", "ize" },
  { "yse", "yze" },
  { "tres", "ters" },
  { "tre", "ter" },
  { "ours", "ors" },
  { "our", "or" },
  { "fence", "fense" },
  { "ogue", "og" },
};

static void
normal_finish (Normal *n)
{
  n->buf[n->len] = '\0';
  if (!n->ascii_letters || n->n_chars < 5 || n->len >= MAX_NORMAL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
    {
      gsize from_len = strlen (endings[i].from);
      gsize to_len = strlen (endings[i].to);

      if (n->len > from_len && memcmp (n->buf + n->len - from_len, endings[i].from, from_len) == 0)
        {
          memcpy (n->buf + n->len - from_len, endings[i].to, to_len);
          n->len = n->len - from_len + to_len;
          n->buf[n->len] = '\0';
          return;
        }
    }
}

guint32
tessera_shingle_hash (const char *normal,
                      gsize       len)
{
  guint32 h = 2166136261u;

  for (gsize i = 0; i < len; i++)
    {
      h ^= (guchar) normal[i];
      h *= 16777619u;
    }
  /* FNV alone mixes the last bytes poorly: finish as MurmurHash3 does. */
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;

  return h != 0 ? h : 1;
}

static gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
is_terminal (gunichar c)
{
  switch (c)
    {
    case '.': case '!': case '?':
    case 0x2026: /* … */
    case 0x203C: case 0x2047: case 0x2048: case 0x2049:
    case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF0E:
    case 0x061F: /* Arabic question mark */
      return TRUE;
    default:
      return FALSE;
    }
}

/* What may follow a sentence's final stop: closing quotes and brackets. */
static gboolean
is_closer (gunichar c)
{
  switch (c)
    {
    case '"': case '\'': case ')': case ']': case '}':
    case 0x2019: case 0x201D: case 0x00BB: case 0x203A: case 0x300D: case 0x300F:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Words after which a full stop rarely ends the sentence. */
static const char * const abbreviations[] = {
  "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cpl",
  "maj", "brig", "adm", "cmdr", "gov", "sen", "rep", "pres", "rev", "hon",
  "st", "jr", "sr", "mt", "ft", "vs", "jan", "feb", "apr", "aug", "sept",
  "oct", "nov", "dec", "inc", "ltd", "corp", "approx", "cf", "eg", "ie",
};

static gboolean
is_abbreviation (const Normal *n)
{
  if (n->n_chars == 1)
    return n->ascii_letters || !g_unichar_isdigit (g_utf8_get_char (n->buf));
  if (!n->ascii_letters || n->n_chars > 6)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (abbreviations); i++)
    if (strcmp (n->buf, abbreviations[i]) == 0)
      return TRUE;
  return FALSE;
}

typedef struct
{
  GArray  *tokens;
  GArray  *sentences;
  guint32  first_token;   /* of the sentence being read */
  gboolean visible;       /* it has a visible character */
  guint32  start;
  guint32  end;
} SentenceState;

static void
sentence_flush (SentenceState *s)
{
  guint32 n = s->tokens->len - s->first_token;

  if (s->sentences != NULL && n > 0)
    {
      for (guint32 at = 0; at < n; at += TESSERA_SENTENCE_MAX_WORDS)
        {
          TesseraSentence sentence;
          guint32 count = MIN (n - at, TESSERA_SENTENCE_MAX_WORDS);
          const TesseraWordToken *first = &g_array_index (s->tokens, TesseraWordToken, s->first_token + at);
          const TesseraWordToken *last = first + count - 1;

          sentence.first_token = s->first_token + at;
          sentence.n_tokens = count;
          sentence.start = at == 0 ? s->start : first->start;
          sentence.end = at + count == n ? s->end : last->end;
          g_array_append_val (s->sentences, sentence);
        }
    }

  s->first_token = s->tokens->len;
  s->visible = FALSE;
}

/* After a stop and a space: the sentence goes on when the next word
 * starts with a lower-case letter ("two months ago. after eight years"). */
static gboolean
next_starts_lower (const char *p)
{
  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        return FALSE;
      if (!g_unichar_isspace (c))
        return g_unichar_islower (c);
    }
  return FALSE;
}

void
tessera_shingle_analyze (const char *text,
                         GArray     *tokens,
                         GArray     *sentences)
{
  SentenceState s = { tokens, sentences, tokens->len, FALSE, 0, 0 };
  TesseraWordToken token = { 0 };
  Normal normal;
  gboolean in_token = FALSE;
  gboolean last_digit = FALSE;
  gboolean terminal = FALSE;     /* a stop was seen, maybe with closers */
  guint32 word_end = G_MAXUINT32;/* where the last word ended */
  guint32 cp = 0;
  const char *p = text;

  g_return_if_fail (text != NULL);
  g_return_if_fail (tokens != NULL);

  normal_reset (&normal);

  while (*p != '\0')
    {
      gunichar c = (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (in_token)
        {
          if (is_word_char (c))
            {
              normal_add (&normal, c);
              last_digit = c < 0x80 ? g_ascii_isdigit (c) : g_unichar_isdigit (c);
              p = next;
              s.end = ++cp;
              continue;
            }
          /* "25,000", "3.5": a separator between digits. */
          if ((c == ',' || c == '.') && last_digit && g_ascii_isdigit (*next))
            {
              p = next;
              s.end = ++cp;
              continue;
            }

          normal_finish (&normal);
          token.end = cp;
          token.byte_end = p - text;
          token.hash = tessera_shingle_hash (normal.buf, normal.len);
          g_array_append_val (tokens, token);
          in_token = FALSE;
          word_end = cp;
        }

      if (is_word_char (c))
        {
          /* "U.N" or ".com": the stop did not end a sentence. */
          terminal = FALSE;
          if (!s.visible)
            {
              s.visible = TRUE;
              s.start = cp;
            }
          in_token = TRUE;
          token.start = cp;
          token.byte_start = p - text;
          normal_reset (&normal);
          normal_add (&normal, c);
          last_digit = c < 0x80 ? g_ascii_isdigit (c) : g_unichar_isdigit (c);
          s.end = cp + 1;
        }
      else if (c == '\n')
        {
          sentence_flush (&s);
          terminal = FALSE;
        }
      else if (c < 0x80 ? g_ascii_isspace (c) : g_unichar_isspace (c))
        {
          if (terminal && !next_starts_lower (next))
            sentence_flush (&s);
          terminal = FALSE;
        }
      else
        {
          /* @normal still holds the word just before. */
          if (is_terminal (c))
            terminal = !(c == '.' && cp == word_end && is_abbreviation (&normal));
          else if (!is_closer (c))
            terminal = FALSE;

          if (!s.visible)
            {
              s.visible = TRUE;
              s.start = cp;
            }
          s.end = cp + 1;
        }

      p = next;
      cp++;
    }

  if (in_token)
    {
      normal_finish (&normal);
      token.end = cp;
      token.byte_end = p - text;
      token.hash = tessera_shingle_hash (normal.buf, normal.len);
      g_array_append_val (tokens, token);
    }
  sentence_flush (&s);
}

char *
tessera_shingle_normalize (const char *word,
                           gssize      len)
{
  Normal normal;
  const char *end;

  g_return_val_if_fail (word != NULL, NULL);

  end = word + (len < 0 ? strlen (word) : (gsize) len);
  normal_reset (&normal);
  for (const char *p = word; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_word_char (c))
        normal_add (&normal, c);
    }
  normal_finish (&normal);

  return g_strndup (normal.buf, normal.len);
}

gboolean
tessera_shingle_words_close (const char *a,
                             const char *b)
{
  glong na, nb;
  gunichar *ua, *ub;
  gboolean close = FALSE;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (strcmp (a, b) == 0)
    return TRUE;

  na = g_utf8_strlen (a, -1);
  nb = g_utf8_strlen (b, -1);
  if (MIN (na, nb) < 5 || ABS (na - nb) > 1)
    return FALSE;
  for (const char *p = a; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      return FALSE;
  for (const char *p = b; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      return FALSE;

  ua = g_utf8_to_ucs4_fast (a, -1, NULL);
  ub = g_utf8_to_ucs4_fast (b, -1, NULL);

  if (ua[0] == ub[0])
    {
      glong i = 0;

      while (i < MIN (na, nb) && ua[i] == ub[i])
        i++;

      if (na == nb)
        {
          /* One letter changed, or two neighbours swapped. */
          glong j = na - 1;

          while (j > i && ua[j] == ub[j])
            j--;
          close = j == i ||
                  (j == i + 1 && ua[i] == ub[j] && ua[j] == ub[i]);
        }
      else
        {
          /* One letter more in the longer word. */
          const gunichar *longer = na > nb ? ua : ub;
          const gunichar *shorter = na > nb ? ub : ua;
          glong n = MIN (na, nb);

          close = TRUE;
          for (glong k = i; k < n; k++)
            if (shorter[k] != longer[k + 1])
              {
                close = FALSE;
                break;
              }
        }
    }

  g_free (ua);
  g_free (ub);

  return close;
}

double
tessera_shingle_similarity (const guint32 *a,
                            guint          na,
                            const guint32 *b,
                            guint          nb)
{
  guint16 row[TESSERA_SENTENCE_MAX_WORDS + 1];

  g_return_val_if_fail (na <= TESSERA_SENTENCE_MAX_WORDS && nb <= TESSERA_SENTENCE_MAX_WORDS, 0.0);

  if (na == 0 || nb == 0)
    return 0.0;

  memset (row, 0, sizeof (guint16) * (nb + 1));
  for (guint i = 0; i < na; i++)
    {
      guint16 diagonal = 0;
      guint32 x = a[i];

      for (guint j = 0; j < nb; j++)
        {
          guint16 above = row[j + 1];

          if (x == b[j])
            row[j + 1] = diagonal + 1;
          else if (row[j] > above)
            row[j + 1] = row[j];
          diagonal = above;
        }
    }

  return 2.0 * row[nb] / (na + nb);
}

double
tessera_shingle_weighted_similarity (const guint32 *a,
                                     const guint8  *wa,
                                     guint          na,
                                     const guint32 *b,
                                     const guint8  *wb,
                                     guint          nb)
{
  guint32 row[TESSERA_SENTENCE_MAX_WORDS + 1];
  guint32 total = 0;

  g_return_val_if_fail (na <= TESSERA_SENTENCE_MAX_WORDS && nb <= TESSERA_SENTENCE_MAX_WORDS, 0.0);

  for (guint i = 0; i < na; i++)
    total += wa[i];
  for (guint j = 0; j < nb; j++)
    total += wb[j];
  if (total == 0)
    return 0.0;

  memset (row, 0, sizeof (guint32) * (nb + 1));
  for (guint i = 0; i < na; i++)
    {
      guint32 diagonal = 0;
      guint32 x = a[i];

      for (guint j = 0; j < nb; j++)
        {
          guint32 above = row[j + 1];
          guint32 best = MAX (row[j], above);

          /* The same word may weigh differently on each side only if the
           * caller says so: take the mean. */
          if (x == b[j])
            best = MAX (best, diagonal + ((guint32) wa[i] + wb[j]) / 2);
          row[j + 1] = best;
          diagonal = above;
        }
    }

  return MIN (1.0, 2.0 * row[nb] / total);
}

static inline guint64
splitmix64 (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return x ^ (x >> 31);
}

/* Coefficients of the first hash functions, computed once. */
#define N_COEFFICIENTS 1024

static const guint64 *
coefficients (void)
{
  static guint64 table[2 * N_COEFFICIENTS];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < N_COEFFICIENTS; i++)
        {
          table[2 * i] = splitmix64 ((guint64) i * 2 + 1) | 1;
          table[2 * i + 1] = splitmix64 ((guint64) i * 2 + 2);
        }
      g_once_init_leave (&done, 1);
    }
  return table;
}

guint32
tessera_shingle_minhash_band (const guint32 *hashes,
                              guint          n,
                              guint          band,
                              guint          rows)
{
  const guint64 *table = coefficients ();
  guint64 key = splitmix64 (band + G_GUINT64_CONSTANT (0x5445535345524121));

  g_return_val_if_fail (rows > 0 && rows <= 16, 0);

  for (guint r = 0; r < rows; r++)
    {
      /* Hash function band·rows + r: x ↦ (a·x + b) mod 2^64, top 32 bits. */
      guint64 seed = (guint64) band * rows + r;
      guint64 a = seed < N_COEFFICIENTS ? table[2 * seed] : splitmix64 (seed * 2 + 1) | 1;
      guint64 b = seed < N_COEFFICIENTS ? table[2 * seed + 1] : splitmix64 (seed * 2 + 2);
      guint32 min = G_MAXUINT32;

      for (guint i = 0; i < n; i++)
        {
          guint32 h = (guint32) ((a * hashes[i] + b) >> 32);

          if (h < min)
            min = h;
        }

      key = splitmix64 (key ^ min);
    }

  return (guint32) (key >> 32);
}
