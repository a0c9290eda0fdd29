/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-schema.h"
#include "tessera-text-view.h"

G_BEGIN_DECLS

/* What the text view's two parts share: the widget
 * (tessera-text-view.c: style, margins, pointer, the API) and the
 * drawing of spans, captions and shared-passage bars
 * (tessera-text-view-draw.c). */

/* The text column is at most this many average characters wide. */
#define MAX_COLUMN_CHARS 75
#define MIN_SIDE_MARGIN  28
/* Captions are set in the UI font, this much smaller. */
#define CAPTION_SCALE    0.78
/* Nested and overlapping spans are drawn this much inset per level. */
#define LEVEL_INSET      2.0
#define MAX_INSET_LEVELS 3
#define CORNER_RADIUS    3.0
#define MAX_LINE_CAPTIONS 64
/* Shared passages: a bar this far left of the text, this wide. */
#define PASSAGE_BAR_GAP   12.0
#define PASSAGE_BAR_WIDTH 3.0
/* How far from the bar a pointer still points at it. */
#define PASSAGE_BAR_SLOP  6.0
/* Suggestions: hatching stripes this far apart. */
#define HATCH_PERIOD      6.0

typedef struct
{
  gint64            id;
  TesseraLabelKind  kind;
  char             *name;
  GdkRGBA           color;
  GdkRGBA           caption_color[2];  /* on light, on dark */
  PangoLayout      *layout;            /* caption, made when first drawn */
  int               caption_width;
  int               caption_height;
  PangoLayout      *suggested_layout;  /* the caption of a suggestion: "Person ?" */
  int               suggested_width;
  int               suggested_height;
} LabelStyle;

typedef struct
{
  gint64       span_id;
  char        *caption;
  PangoLayout *layout;
  int          caption_width;
  int          caption_height;
} Related;

typedef struct
{
  graphene_rect_t rect;      /* buffer coordinates */
  gint64          span_id;
} CaptionHit;

typedef struct
{
  graphene_rect_t rect;      /* the margin bar, buffer coordinates */
  guint           index;     /* into passages */
} PassageHit;

/* A caption waiting for the other captions of its line, so that the
 * important ones get their place first. */
typedef struct
{
  PangoLayout   *layout;
  const GdkRGBA *color;
  float          x0;        /* where its span starts */
  float          x1;        /* where the span's first line piece ends */
  float          y;
  int            width;
  int            height;
  int            priority;  /* -1: left out; 5: shown even where it does not fit */
  gint64         span_id;
  float          x;         /* where it is placed */
} Caption;

struct _TesseraTextView
{
  GtkSourceView         parent_instance;

  GHashTable           *labels;         /* &LabelStyle.id → LabelStyle */
  LabelStyle           *unknown_label;  /* for a span whose label is not known (yet) */
  TesseraOpenDocument  *document;       /* whose spans are drawn */
  gint64                selected_span;
  GHashTable           *related;        /* &Related.span_id → Related */
  GHashTable           *hidden_annotators; /* gint64 ids not drawn, or NULL */
  /* Where several people's work is shown: annotator id → name, and the
   * captions that say whose a span is ("Place · ana"), by label,
   * annotator and state. NULL: captions name the label only. */
  GHashTable           *annotator_names;
  GHashTable           *signed_captions;
  gboolean              picking;
  gint64                hover;          /* span under the pointer, or 0 */
  gint64                candidate;      /* span the keyboard would pick, or 0 */
  char                 *candidate_caption;
  PangoLayout          *candidate_layout;
  int                   candidate_width;
  int                   candidate_height;
  char                 *suggestion_hint;
  PangoLayout          *hint_layout;    /* the selected suggestion's caption with the hint */
  gint64                hint_label;     /* whose caption hint_layout is */
  int                   hint_width;
  int                   hint_height;
  GArray               *passages;       /* TesseraTextPassage, by start */
  int                   passage_hover;  /* passage whose bar is under the pointer, or -1 */

  gboolean              style_known;
  gboolean              dark;
  GdkRGBA               accent;
  PangoFontDescription *caption_font;
  int                   caption_height;
  int                   char_width;     /* of the text font, Pango units; 0 until measured */
  int                   margins_for_width;

  /* Reused every frame so that drawing allocates nothing of its own. */
  GPtrArray            *hits;           /* const TesseraSpan * */
  GArray               *drawn;          /* gint64 */
  GArray               *caption_hits;   /* CaptionHit */
  GArray               *captions;       /* Caption, of the line being drawn */
  GArray               *passage_hits;   /* PassageHit */
};
/* Mixes @color toward @toward (white or black) by @amount. */
static inline GdkRGBA
mix (const GdkRGBA *color,
     float          toward,
     float          amount)
{
  return (GdkRGBA) {
    color->red + (toward - color->red) * amount,
    color->green + (toward - color->green) * amount,
    color->blue + (toward - color->blue) * amount,
    1.0f,
  };
}

static inline GdkRGBA
with_alpha (const GdkRGBA *color,
            float          alpha)
{
  return (GdkRGBA) { color->red, color->green, color->blue, alpha };
}


/* tessera-text-view-draw.c */
PangoLayout *_tessera_text_view_caption_layout_new (TesseraTextView *self,
                                                    const char      *text,
                                                    gboolean         italic,
                                                    int             *width,
                                                    int             *height);
void         _tessera_text_view_draw_passages      (TesseraTextView *self,
                                                    GtkSnapshot     *snapshot);
void         _tessera_text_view_draw_spans         (TesseraTextView *self,
                                                    GtkSnapshot     *snapshot);

/* A caption naming its annotator too. */
typedef struct
{
  PangoLayout *layout;
  int          width;
  int          height;
} SignedCaption;

/* Whether @span is by an annotator not shown. */
gboolean _tessera_text_view_hides (TesseraTextView   *self,
                                   const TesseraSpan *span);

G_END_DECLS
