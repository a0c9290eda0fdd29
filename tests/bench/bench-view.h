/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "bench-common.h"
#include "tessera-document-view.h"
#include "tessera-project.h"
#include "tessera-window.h"
#include "tessera-workbench.h"

G_BEGIN_DECLS

/* What the parts of bench-view share (see bench-view.c for what it
 * measures): the sizes and targets, what each child reports (the parent
 * reads the values it prints by these indices), and the frames every
 * child waits for. */

#define BIG_DOC_BYTES    5000000
#define BIG_DOC_SPANS    50000
#define WARM_DOC_SPANS   20
/* Two reports of 5 KB: one to switch to, one to tag in. */
#define REPORT_DOC_BYTES 5000
#define REPORT_DOC_SPANS 60
#define SMALL_DOC_SPANS  100
#define KEYPRESSES       50
/* Between selecting a word and its key, as a person takes. */
#define KEYPRESS_GAP_MS  100
#define REPORT_SWITCHES  9
#define BIG_SWITCHES     3
#define FRAME_TIMEOUT_MS 10000
#define PROJECT_DOCS     100000
#define SCROLL_STEPS     300
#define VIEW_WIDTH       1000
#define VIEW_HEIGHT      900
#define SETTLE_MS        1000
#define WATCHDOG_S       600
/* Each measurement runs this many times (a process each) and the median
 * is printed: a busy machine makes single runs vary by ×3. */
#define ROUNDS           3

#define FIRST_FRAME_TARGET_MS   500.0
#define SCROLL_P95_TARGET_MS    16.0
#define WINDOW_FRAME_TARGET_MS  300.0
#define WINDOW_RSS_TARGET_MB    150.0
#define SWITCH_REPORT_TARGET_MS 30.0
#define SWITCH_BIG_TARGET_MS    200.0
/* What rebuilding the whole span index cost each tag at 50,000 spans
 * before the document model patched it (measured 2026-12-06). */
#define INDEX_REBUILD_MS        10.4

void G_GNUC_NORETURN die (const char   *what,
                          const GError *error);

/* bench-view-corpus.c: the projects. */

void     build_view_project   (const char  *path,
                               BenchCorpus *corpus,
                               double       scale);
void     build_corpus_project (const char  *path,
                               BenchCorpus *corpus,
                               guint        n_docs);

/* bench-view-frames.c: frames, and what the children in a TesseraWindow
 * share. */

/* What one child process shows and what its frames took. */
typedef struct
{
  GtkWidget           *window;
  GtkTextView         *text_view;
  TesseraDocumentView *view;          /* NULL in the plain reference */
  gint64               first_warm_span; /* span ids below it are the big document's */
  guint                n_paints;
  gint64               paint_us;      /* the last after-paint */
  /* Scrolling: a step is made at the start of a frame (tick callback) and
   * counted at the end of that frame (after-paint). */
  GtkAdjustment       *vadj;
  guint                steps_left;
  gint64               step_us;       /* when the pending step was made; 0: none */
  gint64               step_cpu_us;
  GArray              *work_ms;       /* step → painted, double */
  GArray              *cpu_ms;        /* CPU time of the process in it, double */
  GArray              *interval_ms;   /* painted → painted, double */
  guint                frames_without_spans;
} Stage;

void           stage_init          (Stage            *stage,
                                    GtkWidget        *window);
void           stage_clear         (Stage            *stage);
gint64         cpu_time_us         (void);
gint64         wait_for_frame      (Stage            *stage,
                                    gboolean          big);
void           settle              (guint             ms);
gint64         wait_for_paint      (Stage            *stage);
gint64         wait_for_spans      (Stage            *stage,
                                    gint64            lo,
                                    gint64            hi);
gint64         find_document       (TesseraProject   *project,
                                    const char       *uid);
GtkWidget     *find_descendant     (GtkWidget        *widget,
                                    GType             type);
void           wait_for_background (TesseraWindow    *window,
                                    Stage            *stage);
void           span_range          (TesseraProject   *project,
                                    gint64            doc_id,
                                    gint64           *lo,
                                    gint64           *hi);
TesseraWindow *open_window         (Stage            *stage,
                                    const char       *path);
void           show_document       (Stage            *stage,
                                    TesseraWorkbench *workbench,
                                    gint64            doc_id);

/* bench-view-document.c: the 5 MB document, and the plain reference. */

/* What a text-view child reports. */
enum
{
  V_FIRST_FRAME_MS,
  V_FIRST_FRAME_CPU_MS,
  V_SET_MS,
  V_RSS_KB,
  V_WORK_P50,
  V_WORK_P95,
  V_WORK_MAX,
  V_CPU_P50,
  V_CPU_P95,
  V_INTERVAL_P50,
  V_INTERVAL_P95,
  V_INTERVAL_MAX,
  V_STEPS,
  V_FRAMES_WITHOUT_SPANS,
  V_RENDERER,
  V_CHARS,
  N_V,
};

const char *renderer_name (double      index);
int         child_view    (const char *path,
                           const char *look_path);
int         child_plain   (const char *path,
                           const char *look_path);

/* bench-view-window.c: the whole window. */

/* What a window child reports. */
enum
{
  W_FIRST_FRAME_MS,
  W_FIRST_FRAME_CPU_MS,
  W_NEW_MS,
  W_OPEN_MS,
  W_RSS_KB,
  W_PEAK_KB,
  W_DRAWN_SPANS,
  W_START_KB,       /* after gtk_init (), before the window */
  W_START_ANON_KB,
  W_BACKGROUND_MS,  /* until the window's background work was over */
  W_DONE_KB,        /* once idle after it */
  W_DONE_ANON_KB,
  W_DONE_PEAK_KB,
  N_W,
};

int child_window (const char *path);

/* bench-view-tag.c: tagging, and the core reference. */

/* What one series of keypresses reports. */
enum
{
  TS_FRAME_P50,     /* activate → painted with the new span */
  TS_FRAME_P95,
  TS_ACTION_P50,    /* activate → returned */
  TS_ACTION_P95,
  TS_VIEWS_P50,     /* the commit's first change signal → returned: the views' share */
  TS_VIEWS_P95,
  TS_CPU_P50,       /* CPU time of the process, activate → painted */
  TS_CPU_P95,
  TS_KEYS,
  TS_LATE,          /* keypresses whose first frame did not draw the span */
  TS_SPANS,         /* spans of the document before */
  N_TS,
};

/* What the core reference reports for one document. */
enum
{
  CS_ALONE_P50,     /* tessera_history_add_span alone */
  CS_ALONE_P95,
  CS_MODEL_P50,     /* with the document's TesseraOpenDocument following */
  CS_MODEL_P95,
  N_CS,
};

int child_tag  (const char *path);
int child_core (const char *path);

/* bench-view-switch.c: switching documents. */

/* What the switching child reports for one document. */
enum
{
  SW_FRAME_P50,     /* set_document_id → first frame with its spans */
  SW_FRAME_MAX,
  SW_SET_P50,       /* set_document_id → returned */
  SW_CPU_P50,
  SW_SWITCHES,
  N_SW,
};

int child_switch (const char *path);

G_END_DECLS
