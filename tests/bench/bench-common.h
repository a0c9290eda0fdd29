/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Shared pieces of the benchmark programs: a deterministic synthetic news
 * corpus, timing, peak RSS, measured phases run in a fresh process (peak
 * RSS is per process), and the plain-SQLite reference connection. */

/* A vocabulary of a few thousand words with Zipf-like frequencies: ASCII
 * pseudo-words, some accented and non-ASCII ones ("Ménaka", "Gao’s",
 * "Kidal—") and, now and then, an emoji. Documents are generated from
 * their index alone, so any document can be made again without the others. */
typedef struct _BenchCorpus BenchCorpus;

BenchCorpus *bench_corpus_new         (void);
void         bench_corpus_free        (BenchCorpus *corpus);
/* News-sized text (about 2,500–4,000 characters, several paragraphs) and a
 * title for document @index. */
char        *bench_corpus_text        (BenchCorpus *corpus,
                                       guint        index,
                                       char       **title);
guint        bench_corpus_n_words     (BenchCorpus *corpus);
/* The word of frequency rank @rank (0 is the most common). */
const char  *bench_corpus_word        (BenchCorpus *corpus,
                                       guint        rank);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchCorpus, bench_corpus_free)

/* A word of a text, in code points, end exclusive. */
typedef struct
{
  gint64   start;
  gint64   end;
  gboolean non_ascii;
} BenchToken;

/* The words (runs of letters and digits) of @text. */
GArray      *bench_text_tokens        (const char *text);

gint64       bench_now_us             (void);
/* VmHWM and VmRSS of this process, in kB (-1 when unreadable). */
gint64       bench_peak_rss_kb        (void);
gint64       bench_rss_kb             (void);
/* RssAnon: the part of VmRSS that is the process's own memory (heap,
 * stacks), not mapped files such as libraries and fonts. */
gint64       bench_rss_anon_kb        (void);
/* Sorts @samples (double) and returns its @p-th percentile (0–100). */
double       bench_percentile         (GArray     *samples,
                                       double      p);

/* The size argument (argv[1]) or @default_size; exits on a bad one. */
guint        bench_parse_size         (int         argc,
                                       char      **argv,
                                       guint       default_size,
                                       const char *usage);

/* A new temporary folder, and its removal with everything in it. */
char        *bench_tmpdir_new         (void);
void         bench_tmpdir_remove      (const char *path);

/* Runs this program again as `PROGRAM --child ARGS…`, so a phase gets a
 * process of its own (and its own peak RSS), and reads back the numbers
 * that phase printed with bench_child_report(). */
gboolean     bench_run_child          (const char * const *args,
                                       double             *values,
                                       guint               n_values,
                                       GError            **error);
void         bench_child_report       (guint               n_values,
                                       const double       *values);
/* TRUE when argv is `PROGRAM --child …` (then argv[2] names the phase). */
gboolean     bench_is_child           (int                 argc,
                                       char              **argv);

/* The plain-SQLite reference: a connection with the PRAGMAs the project
 * connection uses, so the ratio compares Tessera's own overhead. */
sqlite3     *bench_sqlite_open        (const char         *path,
                                       GError            **error);
/* A read-only connection with the PRAGMAs of a read-only project. */
sqlite3     *bench_sqlite_open_read_only (const char      *path,
                                          GError         **error);
gboolean     bench_sqlite_exec        (sqlite3            *db,
                                       const char         *sql,
                                       GError            **error);
sqlite3_stmt *bench_sqlite_prepare    (sqlite3            *db,
                                       const char         *sql,
                                       GError            **error);

#define BENCH_MB(kb) ((double) (kb) / 1024.0)

G_END_DECLS
