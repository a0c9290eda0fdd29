/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-test-util.h"

G_BEGIN_DECLS

/* What the parts of test-damaged share: test-damaged.c (the commands and
 * the damage), test-damaged-world.c (the project and its good states),
 * test-damaged-output.c (what an output says) and test-damaged-judge.c
 * (the variants and their verdicts). */

#define PROJECT_NAME "p.tessera"
#define WAL_NAME PROJECT_NAME "-wal"
#define WATCHDOG_SECONDS 20

/* The -wal format: a header, then frames of a header and one page. */
#define WAL_HEADER_SIZE 32
#define FRAME_HEADER_SIZE 24

/* --- the commands ----------------------------------------------------- */

typedef enum
{
  COMMAND_STATS,
  COMMAND_CHECK,
  COMMAND_JSONL,
  COMMAND_PROJECT,
  N_COMMANDS
} Command;

typedef struct
{
  const char *name;
  const char *args[4];
} CommandLine;

extern const CommandLine commands[N_COMMANDS];

typedef struct
{
  int      status;   /* exit status, -1 when it did not exit */
  int      signal;   /* the signal that ended it, or 0 */
  gboolean hung;     /* the watchdog killed it */
  GBytes  *out;
  char    *err;
} Run;

/* Runs @command in @dir, killed after WATCHDOG_SECONDS. */
Run        *run_command        (const char    *dir,
                                Command        command);
void        run_free           (Run           *run);
char       *bytes_to_string    (GBytes        *bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

/* --- what an output says ---------------------------------------------- */

/* What a command that read the project says it holds; fields of @known. */
enum
{
  FIELD_DOCUMENTS   = 1 << 0,
  FIELD_STATUSES    = 1 << 1,
  FIELD_ANNOTATIONS = 1 << 2,   /* spans, events, stances and spans by label */
  FIELD_TEXTS       = 1 << 3,
};

typedef struct
{
  guint       known;
  gint64      documents;
  gint64      statuses[TESSERA_N_STATUSES];
  gint64      spans;
  gint64      events;
  gint64      stances;
  gint64      suggested;   /* annotations marked so (project export only) */
  GHashTable *labels;      /* label name → spans */
  GString    *texts;       /* document ids and texts, in order */
} Summary;

void        summary_init       (Summary       *summary);
void        summary_clear      (Summary       *summary);
/* What @out printed by @command says, checked to hang together; NULL, or
 * why not. */
char       *read_output        (Command        command,
                                GBytes        *out,
                                Summary       *summary);
/* Where the counts both summaries know differ; NULL when they agree. */
char       *compare_summaries  (const Summary *a,
                                const Summary *b);
char       *first_difference   (GBytes        *out,
                                GBytes        *reference);
/* @out as compared with a reference (stats without "file_size"). */
GBytes     *comparable_output  (Command        command,
                                GBytes        *out);

/* --- the world -------------------------------------------------------- */

/* What the commands print for a project that is not damaged. */
typedef struct
{
  char    *name;
  GBytes  *out[N_COMMANDS];   /* stats normalised */
  Summary  summary;           /* of the project export */
} Reference;

typedef struct
{
  char       *dir;
  gsize       page_size;
  GBytes     *file;         /* the closed project */
  GPtrArray  *btrees;       /* page number - 1 → what the page holds */
  GBytes     *crashed_wal;  /* beside @file, a crashed session's -wal */
  GArray     *commit_ends;  /* of @crashed_wal */
  GBytes     *file_b;       /* the next session took that -wal in and crashed */
  GBytes     *wal_b;
  GBytes     *file_c;       /* the session after that closed properly */
  GBytes     *stray_wal;    /* another project's -wal */
  Reference  *closed;       /* outputs of @file alone */
  GPtrArray  *prefixes;     /* Reference of @file with the first N commits of @crashed_wal */
  Reference  *b_alone;      /* outputs of @file_b alone */
} World;

extern World *world;

/* Makes the world; every crash (a fork) in it comes before any command
 * runs. */
void        make_world         (void);
void        world_free         (void);
/* The folder @name in the world's temporary folder. */
char       *state_dir          (const char    *name);
char       *project_in         (const char    *dir);
void        write_state        (const char    *dir,
                                GBytes        *file,
                                GBytes        *wal);
gsize       frame_size         (gsize          page_size);
gboolean    integrity_check_fails (const char *path);

/* --- variants and what is expected of them ---------------------------- */

typedef enum
{
  KIND_FLIP_HEADER,
  KIND_FLIP_POINTERS,
  KIND_FLIP_CONTENT,
  KIND_BIT_CONTENT,
  KIND_ZERO_PAGE,
  KIND_TRUNCATED,
  KIND_STRAY_WAL,
  KIND_SWAPPED_WAL,
  KIND_TRUNCATED_WAL,
  KIND_DAMAGED_WAL,
  N_KINDS
} Kind;

typedef enum
{
  /* An error, the reference, or, when SQLite's integrity_check does not
   * see the damage either, other data that hangs together. */
  EXPECT_ANY,
  /* An error or exactly the reference. */
  EXPECT_REFERENCE,
  /* An error whose message holds every string of must_say. */
  EXPECT_ERROR,
} Expect;

typedef struct
{
  Kind                kind;
  char               *where;
  GBytes             *file;
  GBytes             *wal;        /* NULL: none */
  Expect              expect;
  const Reference    *reference;
  const char * const *must_say;
  gboolean            seen;       /* by SQLite's integrity_check */
} Variant;

Variant    *variant_new        (Kind           kind,
                                GBytes        *file,
                                GBytes        *wal,
                                const char    *format,
                                ...) G_GNUC_PRINTF (4, 5);
/* Runs every command on @variant, judges them, and drops it. */
void        run_and_free       (Variant       *variant);

/* --- the tally -------------------------------------------------------- */

typedef enum
{
  OUTCOME_ERROR,
  OUTCOME_IDENTICAL,
  OUTCOME_CONSISTENT,   /* other data that hangs together */
  OUTCOME_FAILED,
  N_OUTCOMES
} Outcome;

typedef struct
{
  guint      variants[N_KINDS];
  guint      runs;
  guint      reference_runs;
  guint      outcomes[N_KINDS][N_OUTCOMES];
  guint      disagreements;      /* between commands, or with check */
  GPtrArray *failures;           /* one line each */
  GPtrArray *differing;          /* variants read as other data */
} Tally;

extern Tally tally;

char       *format_summary     (void);

G_END_DECLS
