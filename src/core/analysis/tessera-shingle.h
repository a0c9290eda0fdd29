/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The text side of finding repeated passages: words and sentences with
 * their code-point offsets, a normal form of each word that ignores case,
 * accents, doubled letters and British/American spellings, and the
 * hashing (MinHash bands, LCS similarity) that compares sentences. */

/* A word: a run of letters, marks and digits. Apostrophes, hyphens,
 * dashes and other punctuation separate words; a "," or "." between two
 * digits stays inside ("25,000", "3.5"). */
typedef struct
{
  guint32 start;       /* code points, end exclusive */
  guint32 end;
  guint32 byte_start;  /* where the word starts in the text */
  guint32 byte_end;
  guint32 hash;        /* of the normal form; never 0 */
} TesseraWordToken;

/* A sentence, or a line: a line break always ends one. Sentences of more
 * than TESSERA_SENTENCE_MAX_WORDS words are cut into pieces that long. */
typedef struct
{
  guint32 start;        /* code points: first visible character */
  guint32 end;          /* after the last visible one (closing quote included) */
  guint32 first_token;  /* index of its first word */
  guint32 n_tokens;
} TesseraSentence;

#define TESSERA_SENTENCE_MAX_WORDS 256

/* Appends the words of @text (valid UTF-8, NUL-terminated) to @tokens
 * (TesseraWordToken) and its sentences to @sentences (TesseraSentence;
 * may be NULL). Offsets are relative to @text. Texts must be shorter
 * than 4 GiB. */
void     tessera_shingle_analyze       (const char       *text,
                                        GArray           *tokens,
                                        GArray           *sentences);

/* The normal form of the word @word (@len bytes, -1: NUL-terminated):
 * lower case, accents and apostrophes removed, digit separators dropped,
 * a letter repeated in a row written once ("rebelllion" = "rebellion"),
 * and the British endings -tre, -our, -ise… written as -ter, -or, -ize. */
char    *tessera_shingle_normalize     (const char       *word,
                                        gssize            len);
/* The hash TesseraWordToken.hash holds for a normal form. */
guint32  tessera_shingle_hash          (const char       *normal,
                                        gsize             len);

/* TRUE when two normal forms are near-identical spellings of one word:
 * equal, or (both without digits, at least 5 letters and the same first
 * letter) one edit or swap of two letters apart. */
gboolean tessera_shingle_words_close   (const char       *a,
                                        const char       *b);

/* How alike two word sequences are: 2·LCS / (@na + @nb), from 0 to 1,
 * where LCS is the length of their longest common subsequence. Each
 * sequence is at most TESSERA_SENTENCE_MAX_WORDS long. */
double   tessera_shingle_similarity    (const guint32    *a,
                                        guint             na,
                                        const guint32    *b,
                                        guint             nb);

/* The same with each word weighted (@wa, @wb: a weight per word, e.g.
 * how rare the word is): 2·W(LCS) / (W(a) + W(b)), where the LCS is the
 * common subsequence of greatest weight. Shared function words then
 * count for little: "The army said on Tuesday that it had taken the town"
 * and "The army said on Friday that rebels had lost the airport" are
 * alike word by word, not by weight. */
double   tessera_shingle_weighted_similarity (const guint32 *a,
                                              const guint8  *wa,
                                              guint          na,
                                              const guint32 *b,
                                              const guint8  *wb,
                                              guint          nb);

/* The MinHash key of band @band (of @rows hash functions) over the set
 * of word hashes @hashes: two sets get the same key with probability
 * J^@rows, J being their Jaccard similarity. */
guint32  tessera_shingle_minhash_band  (const guint32    *hashes,
                                        guint             n,
                                        guint             band,
                                        guint             rows);

G_END_DECLS
