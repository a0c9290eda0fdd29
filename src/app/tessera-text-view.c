/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-text-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-schema.h"
#include "tessera-text-view.h"

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

struct _TesseraTextView
{
  GtkSourceView         parent_instance;

  GHashTable           *labels;         /* &LabelStyle.id → LabelStyle */
  LabelStyle           *unknown_label;  /* for a span whose label is not known (yet) */
  TesseraOpenDocument  *document;       /* whose spans are drawn */
  gint64                selected_span;
  GHashTable           *related;        /* &Related.span_id → Related */
  gboolean              picking;
  gint64                hover;          /* span under the pointer, or 0 */
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

G_DEFINE_FINAL_TYPE (TesseraTextView, tessera_text_view, GTK_SOURCE_TYPE_VIEW)

static const char text_css[] =
  "textview.document-text {"
  "  font-family: \"Source Serif 4\", \"Source Serif Pro\", \"Noto Serif\", \"Literata\","
  "               \"Charis SIL\", \"DejaVu Serif\", serif;"
  "  font-size: 1.15em;"
  "}";

static void
label_style_free (gpointer data)
{
  LabelStyle *style = data;

  g_clear_object (&style->layout);
  g_clear_object (&style->suggested_layout);
  g_free (style->name);
  g_free (style);
}

static void
related_free (gpointer data)
{
  Related *related = data;

  g_clear_object (&related->layout);
  g_free (related->caption);
  g_free (related);
}

/* Mixes @color toward @toward (white or black) by @amount. */
static GdkRGBA
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

static GdkRGBA
with_alpha (const GdkRGBA *color,
            float          alpha)
{
  return (GdkRGBA) { color->red, color->green, color->blue, alpha };
}

static PangoLayout *
caption_layout_new (TesseraTextView *self,
                    const char      *text,
                    gboolean         italic,
                    int             *width,
                    int             *height)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  if (self->caption_font != NULL)
    pango_layout_set_font_description (layout, self->caption_font);
  if (italic)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_style_new (PANGO_STYLE_ITALIC));
      pango_layout_set_attributes (layout, attrs);
    }
  pango_layout_get_pixel_size (layout, width, height);

  return layout;
}

/* The caption text of a label: "◆" marks event types, quotes stance labels. */
static char *
label_caption_text (const LabelStyle *style)
{
  switch (style->kind)
    {
    case TESSERA_LABEL_EVENT:
      return g_strdup_printf ("◆ %s", style->name);
    case TESSERA_LABEL_STANCE:
      return g_strdup_printf ("“%s”", style->name);
    case TESSERA_LABEL_ENTITY:
    case TESSERA_LABEL_ROLE:
    case TESSERA_N_LABEL_KINDS:
    case TESSERA_LABEL_ANY:
    default:
      return g_strdup (style->name);
    }
}

/* A suggestion's caption asks: "Person ?". */
static char *
suggested_caption_text (const LabelStyle *style)
{
  g_autofree char *text = label_caption_text (style);

  /* Translators: the caption of a suggested annotation, not yet accepted. */
  return g_strdup_printf (_("%s ?"), text);
}

static PangoLayout *
label_caption (TesseraTextView *self,
               LabelStyle      *style)
{
  if (style->layout == NULL)
    {
      g_autofree char *text = label_caption_text (style);

      style->layout = caption_layout_new (self, text, style->kind == TESSERA_LABEL_STANCE,
                                          &style->caption_width, &style->caption_height);
    }

  return style->layout;
}

static PangoLayout *
suggested_caption (TesseraTextView *self,
                   LabelStyle      *style)
{
  if (style->suggested_layout == NULL)
    {
      g_autofree char *text = suggested_caption_text (style);

      style->suggested_layout = caption_layout_new (self, text, TRUE,
                                                    &style->suggested_width, &style->suggested_height);
    }

  return style->suggested_layout;
}

/* The selected suggestion's caption, with how to accept or reject it. */
static PangoLayout *
hint_caption (TesseraTextView *self,
              LabelStyle      *style)
{
  if (self->hint_layout == NULL || self->hint_label != style->id)
    {
      g_autofree char *text = suggested_caption_text (style);
      g_autofree char *full = NULL;

      g_clear_object (&self->hint_layout);
      if (self->suggestion_hint != NULL)
        /* Translators: a suggestion's caption, then how to accept or reject it. */
        full = g_strdup_printf (_("%s · %s"), text, self->suggestion_hint);
      self->hint_layout = caption_layout_new (self, full ? full : text, TRUE,
                                              &self->hint_width, &self->hint_height);
      self->hint_label = style->id;
    }

  return self->hint_layout;
}

static PangoLayout *
related_caption (TesseraTextView *self,
                 Related         *related)
{
  if (related->layout == NULL)
    related->layout = caption_layout_new (self, related->caption, FALSE,
                                          &related->caption_width, &related->caption_height);

  return related->layout;
}

static void
forget_layouts (TesseraTextView *self)
{
  GHashTableIter iter;
  gpointer value;

  g_clear_object (&self->unknown_label->layout);
  g_clear_object (&self->unknown_label->suggested_layout);
  g_clear_object (&self->hint_layout);
  g_hash_table_iter_init (&iter, self->labels);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_clear_object (&((LabelStyle *) value)->layout);
      g_clear_object (&((LabelStyle *) value)->suggested_layout);
    }

  g_hash_table_iter_init (&iter, self->related);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_clear_object (&((Related *) value)->layout);
}

static void
apply_style_scheme (TesseraTextView *self)
{
  static const char * const light_ids[] = { "Adwaita", "classic", NULL };
  static const char * const dark_ids[] = { "Adwaita-dark", "oblivion", "classic-dark", NULL };
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  const char * const *ids = self->dark ? dark_ids : light_ids;
  GtkSourceStyleScheme *scheme = NULL;

  if (!GTK_SOURCE_IS_BUFFER (buffer))
    return;

  for (guint i = 0; ids[i] != NULL && scheme == NULL; i++)
    scheme = gtk_source_style_scheme_manager_get_scheme (manager, ids[i]);

  if (gtk_source_buffer_get_style_scheme (GTK_SOURCE_BUFFER (buffer)) != scheme)
    gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (buffer), scheme);
}

static PangoFontDescription *
caption_font_new (TesseraTextView *self)
{
  g_autofree char *font_name = NULL;
  PangoFontDescription *desc;
  int size;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-font-name", &font_name, NULL);
  desc = pango_font_description_from_string (font_name != NULL ? font_name : "Sans 10");
  size = pango_font_description_get_size (desc);
  if (size <= 0)
    size = 10 * PANGO_SCALE;
  if (pango_font_description_get_size_is_absolute (desc))
    pango_font_description_set_absolute_size (desc, size * CAPTION_SCALE);
  else
    pango_font_description_set_size (desc, (int) (size * CAPTION_SCALE));
  pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);

  return desc;
}

/* Follows the theme (light or dark, accent colour) and the fonts: CSS
 * changes come often (state changes), so only real changes cost. */
static void
update_style (TesseraTextView *self)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  g_autoptr(PangoFontDescription) font = caption_font_new (self);
  GdkRGBA fg;
  gboolean dark;

  /* Light or dark by the theme's text colour; the parent's, since the
   * style scheme sets our own. */
  gtk_style_context_get_color (parent != NULL ? gtk_widget_get_style_context (parent) : context, &fg);
  dark = 0.2126f * fg.red + 0.7152f * fg.green + 0.0722f * fg.blue > 0.5f;

  if (!gtk_style_context_lookup_color (context, "accent_color", &self->accent))
    gdk_rgba_parse (&self->accent, dark ? "#78aeed" : "#1c71d8");

  if (!self->style_known || dark != self->dark)
    {
      self->style_known = TRUE;
      self->dark = dark;
      apply_style_scheme (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }

  if (self->caption_font == NULL || !pango_font_description_equal (font, self->caption_font))
    {
      g_autoptr(PangoLayout) sample = NULL;
      int gap;

      g_clear_pointer (&self->caption_font, pango_font_description_free);
      self->caption_font = g_steal_pointer (&font);
      forget_layouts (self);

      sample = caption_layout_new (self, "Ag◆", FALSE, NULL, &self->caption_height);
      /* Captions live in the gap above each line. */
      gap = self->caption_height + 4;
      gtk_text_view_set_pixels_above_lines (GTK_TEXT_VIEW (self), gap);
      gtk_text_view_set_pixels_inside_wrap (GTK_TEXT_VIEW (self), gap);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }

  /* The text font may have changed too: measure again at next allocation. */
  self->char_width = 0;
  self->margins_for_width = -1;
}

int
tessera_text_view_get_side_margin (TesseraTextView *self,
                                   int              width)
{
  g_return_val_if_fail (TESSERA_IS_TEXT_VIEW (self), MIN_SIDE_MARGIN);

  if (self->char_width == 0)
    {
      PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

      self->char_width = MAX (1, pango_font_metrics_get_approximate_char_width (metrics));
      pango_font_metrics_unref (metrics);
    }

  return MAX (MIN_SIDE_MARGIN, (width - MAX_COLUMN_CHARS * self->char_width / PANGO_SCALE) / 2);
}

/* Centres a text column of at most MAX_COLUMN_CHARS in @width. */
static void
update_margins (TesseraTextView *self,
                int              width)
{
  int side = tessera_text_view_get_side_margin (self, width);

  self->margins_for_width = width;

  if (gtk_text_view_get_left_margin (GTK_TEXT_VIEW (self)) != side)
    gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self), side);
  if (gtk_text_view_get_right_margin (GTK_TEXT_VIEW (self)) != side)
    gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self), side);
}

static void
append_rounded (GtkSnapshot           *snapshot,
                const graphene_rect_t *rect,
                const GdkRGBA         *color)
{
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, rect, CORNER_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, color, rect);
  gtk_snapshot_pop (snapshot);
}

static void
append_outline (GtkSnapshot           *snapshot,
                const graphene_rect_t *rect,
                float                  width,
                const GdkRGBA         *color)
{
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, rect, CORNER_RADIUS);
  gtk_snapshot_append_border (snapshot, &rounded, widths, colors);
}

/* A dashed line as one repeat node, however long the statement. */
static void
append_dashes (GtkSnapshot   *snapshot,
               float          x,
               float          y,
               float          width,
               const GdkRGBA *color)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (x, y, width, 2);

  gtk_snapshot_push_repeat (snapshot, &bounds, &GRAPHENE_RECT_INIT (x, y, 7, 2));
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, 4, 2));
  gtk_snapshot_pop (snapshot);
}

/* A dashed outline: four repeat nodes. */
static void
append_dashed_box (GtkSnapshot           *snapshot,
                   const graphene_rect_t *rect,
                   float                  line,
                   const GdkRGBA         *color)
{
  float x = rect->origin.x, y = rect->origin.y;
  float w = rect->size.width, h = rect->size.height;

  gtk_snapshot_push_repeat (snapshot, &GRAPHENE_RECT_INIT (x, y, w, line),
                            &GRAPHENE_RECT_INIT (x, y, 6, line));
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, 3.5f, line));
  gtk_snapshot_pop (snapshot);

  gtk_snapshot_push_repeat (snapshot, &GRAPHENE_RECT_INIT (x, y + h - line, w, line),
                            &GRAPHENE_RECT_INIT (x, y + h - line, 6, line));
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y + h - line, 3.5f, line));
  gtk_snapshot_pop (snapshot);

  gtk_snapshot_push_repeat (snapshot, &GRAPHENE_RECT_INIT (x, y, line, h),
                            &GRAPHENE_RECT_INIT (x, y, line, 6));
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, line, 3.5f));
  gtk_snapshot_pop (snapshot);

  gtk_snapshot_push_repeat (snapshot, &GRAPHENE_RECT_INIT (x + w - line, y, line, h),
                            &GRAPHENE_RECT_INIT (x + w - line, y, line, 6));
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x + w - line, y, line, 3.5f));
  gtk_snapshot_pop (snapshot);
}

/* Diagonal stripes over a light wash: what is proposed, not yet taken. */
static void
append_hatched (GtkSnapshot           *snapshot,
                const graphene_rect_t *rect,
                const GdkRGBA         *wash,
                const GdkRGBA         *stripe)
{
  const GdkRGBA clear = with_alpha (stripe, 0);
  const GskColorStop stops[4] = {
    { 0.0f, *stripe }, { 0.4f, *stripe }, { 0.4f, clear }, { 1.0f, clear },
  };
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, rect, CORNER_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, wash, rect);
  gtk_snapshot_append_repeating_linear_gradient (snapshot, rect,
                                                 &GRAPHENE_POINT_INIT (0, 0),
                                                 &GRAPHENE_POINT_INIT (HATCH_PERIOD / 2, HATCH_PERIOD / 2),
                                                 stops, G_N_ELEMENTS (stops));
  gtk_snapshot_pop (snapshot);
}

typedef struct
{
  GtkSnapshot       *snapshot;
  const TesseraSpan *span;
  const LabelStyle  *style;
  guint              flags;
  guint              level;
  gboolean           selected;
  gboolean           hovered;
  gboolean           suggested;
  Related           *related;
} SpanDraw;

static void
draw_segment (TesseraTextView *self,
              const SpanDraw  *d,
              float            x0,
              float            x1,
              float            y,
              float            height)
{
  float inset = MIN (d->level, MAX_INSET_LEVELS) * LEVEL_INSET;
  graphene_rect_t rect = GRAPHENE_RECT_INIT (x0 - 1, y + inset, x1 - x0 + 2, height - 2 * inset);
  const GdkRGBA *color = &d->style->color;
  float alpha = self->dark ? 0.36f : 0.26f;
  GdkRGBA fill;

  /* The selection, and a span a click would pick, stand out. */
  if (d->selected || d->hovered)
    alpha = self->dark ? 0.6f : 0.48f;

  if (d->suggested)
    {
      /* Hatched and outlined in dashes: clearly not yet the analyst's. */
      gboolean strong = d->selected || d->hovered;
      GdkRGBA wash = with_alpha (color, strong ? (self->dark ? 0.2f : 0.14f) : (self->dark ? 0.10f : 0.06f));
      GdkRGBA stripe = with_alpha (color, strong ? (self->dark ? 0.45f : 0.34f) : (self->dark ? 0.32f : 0.24f));

      append_hatched (d->snapshot, &rect, &wash, &stripe);
    }
  else
    {
      fill = with_alpha (color, alpha);
      append_rounded (d->snapshot, &rect, &fill);
    }

  if (d->level > 0)
    {
      /* A bar marks where an inner span ends when colours blend. */
      GdkRGBA bar = with_alpha (color, 0.85f);

      gtk_snapshot_append_color (d->snapshot, &bar,
                                 &GRAPHENE_RECT_INIT (rect.origin.x + 1, rect.origin.y + rect.size.height - 2,
                                                      MAX (rect.size.width - 2, 1), 2));
    }

  if (d->flags & TESSERA_SPAN_FLAG_STATEMENT)
    {
      GdkRGBA dash = with_alpha (&d->style->caption_color[self->dark], 0.95f);

      append_dashes (d->snapshot, rect.origin.x + 1, rect.origin.y + rect.size.height - 2,
                     MAX (rect.size.width - 2, 1), &dash);
    }

  if (d->selected)
    append_outline (d->snapshot, &rect, 2, &self->accent);
  else if (d->hovered)
    append_outline (d->snapshot, &rect, 2.5f, &self->accent);
  else if (d->related != NULL)
    append_outline (d->snapshot, &rect, 1.5f, &self->accent);
  else if (d->suggested)
    {
      GdkRGBA border = with_alpha (&d->style->caption_color[self->dark], 0.9f);

      append_dashed_box (d->snapshot, &rect, 1.5f, &border);
    }
  else if (d->flags & TESSERA_SPAN_FLAG_TRIGGER)
    {
      GdkRGBA border = with_alpha (&d->style->caption_color[self->dark], 0.9f);

      append_outline (d->snapshot, &rect, 2, &border);
    }
}

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

typedef struct
{
  float line_y;   /* the line whose captions are gathered */
  float limit;    /* the right edge of the view */
} CaptionRow;

static int
caption_priority (const SpanDraw *d)
{
  if (d->selected)
    return 4;
  if (d->related != NULL)
    return 3;
  if (d->flags & (TESSERA_SPAN_FLAG_TRIGGER | TESSERA_SPAN_FLAG_STATEMENT))
    return 2;
  return 1;
}

static int
compare_captions (gconstpointer a,
                  gconstpointer b)
{
  const Caption *ca = a;
  const Caption *cb = b;

  return (ca->x0 > cb->x0) - (ca->x0 < cb->x0);
}

/* Sets caption->x for every caption not left out, from left to right:
 * above the start of its span, or after the caption before it while that
 * is still above the span's first piece. Returns the first that does not
 * fit, or -1. */
static int
place_captions (TesseraTextView  *self,
                const CaptionRow *row)
{
  float right = -G_MAXFLOAT;

  for (guint i = 0; i < self->captions->len; i++)
    {
      Caption *caption = &g_array_index (self->captions, Caption, i);
      float x;

      if (caption->priority < 0)
        continue;

      x = MAX (caption->x0 - 1, right + 4);
      if (x + caption->width > row->limit)
        x = MAX (right + 4, row->limit - caption->width);
      if (caption->priority < 5 &&
          (x > MAX (caption->x1 - 4, caption->x0 - 1) || x + caption->width > row->limit + 2))
        return i;

      caption->x = x;
      right = x + caption->width;
    }

  return -1;
}

/* Places the gathered captions of a line. When they do not all fit, the
 * least important caption left of the first misfit (or the misfit itself)
 * is left out: the selection's, related spans', triggers' and
 * statements' captions are kept first. */
static void
flush_captions (TesseraTextView *self,
                GtkSnapshot     *snapshot,
                CaptionRow      *row)
{
  guint n = self->captions->len;
  int misfit;

  if (n == 0)
    return;

  g_array_sort (self->captions, compare_captions);

  while ((misfit = place_captions (self, row)) >= 0)
    {
      Caption *failed = &g_array_index (self->captions, Caption, misfit);
      int drop = misfit;

      for (int i = misfit - 1; i >= 0; i--)
        {
          const Caption *other = &g_array_index (self->captions, Caption, i);

          if (other->priority >= 0 && other->priority < g_array_index (self->captions, Caption, drop).priority)
            drop = i;
        }
      if (drop == misfit && failed->priority >= 4)
        {
          /* The selection's caption shows even where it does not fit. */
          failed->priority = 5;
          continue;
        }
      g_array_index (self->captions, Caption, drop).priority = -1;
    }

  for (guint i = 0; i < n; i++)
    {
      const Caption *caption = &g_array_index (self->captions, Caption, i);
      CaptionHit hit;

      if (caption->priority < 0)
        continue;

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (caption->x, caption->y));
      gtk_snapshot_append_layout (snapshot, caption->layout, caption->color);
      gtk_snapshot_restore (snapshot);

      hit.rect = GRAPHENE_RECT_INIT (caption->x, caption->y, caption->width, caption->height);
      hit.span_id = caption->span_id;
      g_array_append_val (self->caption_hits, hit);
    }

  g_array_set_size (self->captions, 0);
}

static void
add_caption (TesseraTextView *self,
             const SpanDraw  *d,
             CaptionRow      *row,
             float            x0,
             float            x1,
             float            line_y)
{
  Caption caption = { 0, };

  if (d->related != NULL)
    {
      caption.layout = related_caption (self, d->related);
      caption.width = d->related->caption_width;
      caption.height = d->related->caption_height;
      caption.color = &self->accent;
    }
  else if (d->suggested && d->selected)
    {
      caption.layout = hint_caption (self, (LabelStyle *) d->style);
      caption.width = self->hint_width;
      caption.height = self->hint_height;
      caption.color = &d->style->caption_color[self->dark];
    }
  else if (d->suggested)
    {
      caption.layout = suggested_caption (self, (LabelStyle *) d->style);
      caption.width = d->style->suggested_width;
      caption.height = d->style->suggested_height;
      caption.color = &d->style->caption_color[self->dark];
    }
  else
    {
      caption.layout = label_caption (self, (LabelStyle *) d->style);
      caption.width = d->style->caption_width;
      caption.height = d->style->caption_height;
      caption.color = &d->style->caption_color[self->dark];
    }

  if (row->line_y != line_y)
    {
      flush_captions (self, d->snapshot, row);
      row->line_y = line_y;
    }

  /* Dozens of spans on one word: their captions could not fit anyway. */
  if (self->captions->len >= MAX_LINE_CAPTIONS && caption_priority (d) <= 1)
    return;

  caption.x0 = x0;
  caption.x1 = x1;
  caption.y = line_y - caption.height - 1;
  caption.priority = caption_priority (d);
  caption.span_id = d->span->id;
  g_array_append_val (self->captions, caption);
}

/* Draws the display-line pieces of one span from @start (which may be a
 * later point than the span's start when it begins above the view). */
static void
draw_span (TesseraTextView *self,
           const SpanDraw  *d,
           GtkTextIter     *start,
           GtkTextIter     *end,
           gboolean         with_caption,
           float            bottom,
           CaptionRow      *row)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextIter iter = *start;

  while (gtk_text_iter_compare (&iter, end) < 0)
    {
      GdkRectangle first, last;
      GtkTextIter next = iter;
      float x0, x1;
      gboolean more;

      gtk_text_view_get_iter_location (view, &iter, &first);
      if (first.y > bottom)
        break;

      more = gtk_text_view_forward_display_line (view, &next) && gtk_text_iter_compare (&next, &iter) > 0;
      if (more && gtk_text_iter_compare (&next, end) <= 0)
        {
          /* The span runs past this display line: end at its last
           * character, leaving out the space where the line wraps. */
          GtkTextIter back = next;

          gtk_text_iter_backward_char (&back);
          gtk_text_view_get_iter_location (view, &back, &last);
          if (gtk_text_iter_ends_line (&back) || g_unichar_isspace (gtk_text_iter_get_char (&back)))
            x1 = last.x;
          else
            x1 = last.x + last.width;
        }
      else
        {
          gtk_text_view_get_iter_location (view, end, &last);
          if (last.y != first.y)
            {
              /* Only at the buffer's end: the end iter sits on a line of its own. */
              GtkTextIter line_end = iter;

              gtk_text_view_forward_display_line_end (view, &line_end);
              gtk_text_view_get_iter_location (view, &line_end, &last);
            }
          x1 = last.x;
          more = FALSE;
        }

      x0 = first.x;
      if (x1 < x0)
        {
          float t = x0;

          x0 = x1;
          x1 = t;
        }

      if (x1 > x0)
        {
          draw_segment (self, d, x0, x1, first.y, first.height);
          if (with_caption)
            add_caption (self, d, row, x0, x1, first.y);
        }
      with_caption = FALSE;

      if (!more)
        break;
      iter = next;
    }
}

static void
draw_spans (TesseraTextView *self,
            GtkSnapshot     *snapshot)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GdkRectangle visible;
  GtkTextIter top, bottom;
  CaptionRow row = { -G_MAXFLOAT, 0 };
  const TesseraSpanIndex *index;
  gint64 top_offset, bottom_offset;
  float bottom_y;

  g_array_set_size (self->drawn, 0);
  g_array_set_size (self->caption_hits, 0);
  g_array_set_size (self->captions, 0);

  if (self->document == NULL ||
      tessera_span_index_get_n_spans ((index = tessera_open_document_get_spans (self->document))) == 0)
    return;

  gtk_text_view_get_visible_rect (view, &visible);
  row.limit = visible.x + visible.width - 2;
  /* A caption of a span just below the view shows above its line. */
  bottom_y = visible.y + visible.height + self->caption_height + 4;

  gtk_text_view_get_iter_at_location (view, &top, visible.x, visible.y);
  gtk_text_view_backward_display_line_start (view, &top);
  gtk_text_view_get_iter_at_location (view, &bottom, visible.x + visible.width, (int) bottom_y);
  if (!gtk_text_iter_ends_line (&bottom))
    gtk_text_view_forward_display_line_end (view, &bottom);
  top_offset = gtk_text_iter_get_offset (&top);
  bottom_offset = gtk_text_iter_get_offset (&bottom) + 1;

  g_ptr_array_set_size (self->hits, 0);
  tessera_span_index_query (index, top_offset, bottom_offset, self->hits);

  for (guint k = 0; k < self->hits->len; k++)
    {
      const TesseraSpan *span = g_ptr_array_index (self->hits, k);
      const LabelStyle *style = g_hash_table_lookup (self->labels, &span->label_id);
      TesseraSpanFlags flags = tessera_open_document_get_span_flags (self->document, span->id);
      SpanDraw d = {
        .snapshot = snapshot,
        .span = span,
        .style = style != NULL ? style : self->unknown_label,
        .flags = flags,
        .level = tessera_span_index_get_depth (index, span),
        .selected = span->id == self->selected_span,
        .hovered = self->picking && self->hover == span->id,
        .suggested = (flags & TESSERA_SPAN_FLAG_SUGGESTED) != 0,
        .related = g_hash_table_lookup (self->related, &span->id),
      };
      GtkTextIter start, end;
      gboolean starts_here = span->start >= top_offset;

      if (starts_here)
        gtk_text_buffer_get_iter_at_offset (buffer, &start, span->start);
      else
        start = top;
      gtk_text_buffer_get_iter_at_offset (buffer, &end, span->end);

      draw_span (self, &d, &start, &end, starts_here, bottom_y, &row);
      g_array_append_val (self->drawn, span->id);
    }

  flush_captions (self, snapshot, &row);
}

/* The passages shared with other documents that are in view: a faint
 * band behind their text and a bar in the left margin (what a click or
 * a tooltip finds). */
static void
draw_passages (TesseraTextView *self,
               GtkSnapshot     *snapshot)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GdkRectangle visible;
  GtkTextIter top, bottom;
  gint64 top_offset, bottom_offset;
  GdkRGBA band, bar;
  int text_width;

  g_array_set_size (self->passage_hits, 0);
  if (self->passages->len == 0)
    return;

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_at_location (view, &top, visible.x, visible.y);
  gtk_text_view_get_iter_at_location (view, &bottom, visible.x + visible.width, visible.y + visible.height);
  top_offset = gtk_text_iter_get_offset (&top) - 1;
  bottom_offset = gtk_text_iter_get_offset (&bottom) + 1;
  text_width = visible.width - gtk_text_view_get_left_margin (view) - gtk_text_view_get_right_margin (view);

  band = self->dark ? (GdkRGBA) { 1, 1, 1, 0.05f } : (GdkRGBA) { 0, 0, 0, 0.035f };
  bar = self->dark ? (GdkRGBA) { 1, 1, 1, 0.32f } : (GdkRGBA) { 0, 0, 0, 0.24f };

  for (guint i = 0; i < self->passages->len; i++)
    {
      const TesseraTextPassage *passage = &g_array_index (self->passages, TesseraTextPassage, i);
      GtkTextIter start, end, line_start;
      GdkRectangle rs, re, left;
      float text_left, text_right, y0, y1;
      PassageHit hit;

      if (passage->end <= top_offset || passage->start >= bottom_offset || passage->end <= passage->start)
        continue;

      gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) passage->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) passage->end);
      /* A passage ending with its line break ends on that line. */
      if (gtk_text_iter_starts_line (&end) && gtk_text_iter_compare (&end, &start) > 0)
        gtk_text_iter_backward_char (&end);

      line_start = start;
      gtk_text_view_backward_display_line_start (view, &line_start);
      gtk_text_view_get_iter_location (view, &line_start, &left);
      gtk_text_view_get_iter_location (view, &start, &rs);
      gtk_text_view_get_iter_location (view, &end, &re);
      text_left = left.x;
      text_right = text_left + MAX (text_width, 1);
      y0 = rs.y;
      y1 = re.y + re.height;

      if (rs.y == re.y)
        gtk_snapshot_append_color (snapshot, &band, &GRAPHENE_RECT_INIT (rs.x, rs.y, MAX (re.x - rs.x, 1), rs.height));
      else
        {
          gtk_snapshot_append_color (snapshot, &band,
                                     &GRAPHENE_RECT_INIT (rs.x, rs.y, MAX (text_right - rs.x, 1), rs.height));
          if (re.y > rs.y + rs.height)
            gtk_snapshot_append_color (snapshot, &band,
                                       &GRAPHENE_RECT_INIT (text_left, rs.y + rs.height, text_right - text_left,
                                                            re.y - rs.y - rs.height));
          gtk_snapshot_append_color (snapshot, &band,
                                     &GRAPHENE_RECT_INIT (text_left, re.y, MAX (re.x - text_left, 1), re.height));
        }

      hit.rect = GRAPHENE_RECT_INIT (text_left - PASSAGE_BAR_GAP - PASSAGE_BAR_SLOP, y0,
                                     PASSAGE_BAR_WIDTH + 2 * PASSAGE_BAR_SLOP, y1 - y0);
      hit.index = i;
      g_array_append_val (self->passage_hits, hit);

      {
        GskRoundedRect rounded;
        graphene_rect_t rect = GRAPHENE_RECT_INIT (text_left - PASSAGE_BAR_GAP, y0, PASSAGE_BAR_WIDTH, y1 - y0);

        gsk_rounded_rect_init_from_rect (&rounded, &rect, PASSAGE_BAR_WIDTH / 2);
        gtk_snapshot_push_rounded_clip (snapshot, &rounded);
        gtk_snapshot_append_color (snapshot, self->passage_hover == (int) i ? &self->accent : &bar, &rect);
        gtk_snapshot_pop (snapshot);
      }
    }
}

/* Checked by drawing a rectangle at a character's
 * gtk_text_view_get_iter_location () and scrolling: in GTK 4.8 the
 * snapshot given to snapshot_layer is already translated to buffer
 * coordinates (GtkTextView translates by its scroll offsets before
 * calling it), so buffer rectangles are drawn as they are. */
static void
tessera_text_view_snapshot_layer (GtkTextView      *view,
                                  GtkTextViewLayer  layer,
                                  GtkSnapshot      *snapshot)
{
  TesseraTextView *self = TESSERA_TEXT_VIEW (view);

  GTK_TEXT_VIEW_CLASS (tessera_text_view_parent_class)->snapshot_layer (view, layer, snapshot);

  if (layer == GTK_TEXT_VIEW_LAYER_BELOW_TEXT)
    {
      draw_passages (self, snapshot);
      draw_spans (self, snapshot);
    }
}

static void
tessera_text_view_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  TesseraTextView *self = TESSERA_TEXT_VIEW (widget);

  /* Set before the text view lays its text out at this width. */
  if (width != self->margins_for_width)
    update_margins (self, width);

  GTK_WIDGET_CLASS (tessera_text_view_parent_class)->size_allocate (widget, width, height, baseline);
}

static void
tessera_text_view_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (tessera_text_view_parent_class)->css_changed (widget, change);

  update_style (TESSERA_TEXT_VIEW (widget));
}

static void
tessera_text_view_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (tessera_text_view_parent_class)->root (widget);

  update_style (TESSERA_TEXT_VIEW (widget));
}

static void
set_hover (TesseraTextView *self,
           gint64           hover)
{
  if (self->hover == hover)
    return;

  self->hover = hover;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hover > 0 && self->picking ? "pointer" : "text");
  if (self->picking)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_passage_hover (TesseraTextView *self,
                   int              hover)
{
  if (self->passage_hover == hover)
    return;

  self->passage_hover = hover;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hover >= 0 ? "pointer" : "text");
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (TesseraTextView          *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  if (self->picking)
    set_hover (self, tessera_text_view_span_at (self, x, y));
  else
    set_passage_hover (self, tessera_text_view_passage_at (self, x, y));
}

static void
on_leave (TesseraTextView          *self,
          GtkEventControllerMotion *motion)
{
  set_hover (self, 0);
  set_passage_hover (self, -1);
}

/* The GtkSourceBuffer GtkSourceView made for itself, set up for reading. */
static void
setup_buffer (TesseraTextView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));

  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  if (GTK_SOURCE_IS_BUFFER (buffer))
    {
      gtk_source_buffer_set_highlight_syntax (GTK_SOURCE_BUFFER (buffer), FALSE);
      gtk_source_buffer_set_highlight_matching_brackets (GTK_SOURCE_BUFFER (buffer), FALSE);
    }
  if (self->style_known)
    apply_style_scheme (self);
}

static void
tessera_text_view_constructed (GObject *object)
{
  TesseraTextView *self = TESSERA_TEXT_VIEW (object);

  G_OBJECT_CLASS (tessera_text_view_parent_class)->constructed (object);

  setup_buffer (self);
  g_signal_connect_object (self, "notify::buffer", G_CALLBACK (setup_buffer), self, G_CONNECT_SWAPPED);
}

static void
tessera_text_view_dispose (GObject *object)
{
  TesseraTextView *self = TESSERA_TEXT_VIEW (object);

  tessera_text_view_set_document (self, NULL);
  g_clear_pointer (&self->labels, g_hash_table_unref);
  g_clear_pointer (&self->related, g_hash_table_unref);

  G_OBJECT_CLASS (tessera_text_view_parent_class)->dispose (object);
}

static void
tessera_text_view_finalize (GObject *object)
{
  TesseraTextView *self = TESSERA_TEXT_VIEW (object);

  g_clear_pointer (&self->caption_font, pango_font_description_free);
  g_clear_pointer (&self->unknown_label, label_style_free);
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  g_clear_pointer (&self->drawn, g_array_unref);
  g_clear_pointer (&self->caption_hits, g_array_unref);
  g_clear_pointer (&self->captions, g_array_unref);
  g_clear_pointer (&self->passage_hits, g_array_unref);
  g_clear_pointer (&self->passages, g_array_unref);
  g_clear_object (&self->hint_layout);
  g_free (self->suggestion_hint);

  G_OBJECT_CLASS (tessera_text_view_parent_class)->finalize (object);
}

static void
tessera_text_view_class_init (TesseraTextViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  object_class->constructed = tessera_text_view_constructed;
  object_class->dispose = tessera_text_view_dispose;
  object_class->finalize = tessera_text_view_finalize;
  widget_class->size_allocate = tessera_text_view_size_allocate;
  widget_class->css_changed = tessera_text_view_css_changed;
  widget_class->root = tessera_text_view_root;
  text_view_class->snapshot_layer = tessera_text_view_snapshot_layer;
}

static void
tessera_text_view_init (TesseraTextView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  GtkEventController *motion;

  self->labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, label_style_free);
  self->unknown_label = g_new0 (LabelStyle, 1);
  self->unknown_label->kind = TESSERA_LABEL_ENTITY;
  self->unknown_label->name = g_strdup ("?");
  self->unknown_label->color = (GdkRGBA) { 0.6f, 0.6f, 0.6f, 1.0f };
  self->unknown_label->caption_color[0] = mix (&self->unknown_label->color, 0.0f, 0.38f);
  self->unknown_label->caption_color[1] = mix (&self->unknown_label->color, 1.0f, 0.35f);
  self->related = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, related_free);
  self->hits = g_ptr_array_new ();
  self->drawn = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->caption_hits = g_array_new (FALSE, FALSE, sizeof (CaptionHit));
  self->captions = g_array_new (FALSE, FALSE, sizeof (Caption));
  self->passage_hits = g_array_new (FALSE, FALSE, sizeof (PassageHit));
  self->passages = g_array_new (FALSE, FALSE, sizeof (TesseraTextPassage));
  self->passage_hover = -1;
  self->margins_for_width = -1;

  /* Read-only text, but with a caret: the selection is made and
   * extended from the keyboard too. */
  gtk_text_view_set_editable (view, FALSE);
  gtk_text_view_set_cursor_visible (view, TRUE);
  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  /* Paragraphs stand apart even where no empty line separates them. */
  gtk_text_view_set_pixels_below_lines (view, 6);
  gtk_text_view_set_top_margin (view, 24);
  gtk_text_view_set_bottom_margin (view, 48);
  gtk_text_view_set_left_margin (view, MIN_SIDE_MARGIN);
  gtk_text_view_set_right_margin (view, MIN_SIDE_MARGIN);
  gtk_source_view_set_highlight_current_line (GTK_SOURCE_VIEW (self), FALSE);
  gtk_source_view_set_show_line_numbers (GTK_SOURCE_VIEW (self), FALSE);

  gtk_widget_add_css_class (GTK_WIDGET (self), "document-text");
  gtk_css_provider_load_from_data (provider, text_css, -1);
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                  GTK_STYLE_PROVIDER (provider),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "motion", G_CALLBACK (on_motion), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (on_leave), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

GtkWidget *
tessera_text_view_new (void)
{
  return g_object_new (TESSERA_TYPE_TEXT_VIEW, NULL);
}

void
tessera_text_view_set_labels (TesseraTextView *self,
                              GPtrArray       *labels)
{
  g_return_if_fail (TESSERA_IS_TEXT_VIEW (self));

  g_hash_table_remove_all (self->labels);
  g_clear_object (&self->hint_layout);

  for (guint i = 0; labels != NULL && i < labels->len; i++)
    {
      const TesseraLabel *label = g_ptr_array_index (labels, i);
      LabelStyle *style = g_new0 (LabelStyle, 1);

      style->id = label->id;
      style->kind = label->kind;
      style->name = g_strdup (label->name);
      if (label->color == NULL || !gdk_rgba_parse (&style->color, label->color))
        style->color = self->unknown_label->color;
      style->color.alpha = 1.0f;
      /* Captions in the label colour, darker on light backgrounds and
       * lighter on dark ones, so that they read as text. */
      style->caption_color[0] = mix (&style->color, 0.0f, 0.38f);
      style->caption_color[1] = mix (&style->color, 1.0f, 0.35f);
      g_hash_table_insert (self->labels, &style->id, style);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
tessera_text_view_set_document (TesseraTextView     *self,
                                TesseraOpenDocument *document)
{
  g_return_if_fail (TESSERA_IS_TEXT_VIEW (self));
  g_return_if_fail (document == NULL || TESSERA_IS_OPEN_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, gtk_widget_queue_draw, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "changed", G_CALLBACK (gtk_widget_queue_draw), self,
                             G_CONNECT_SWAPPED);
  self->hover = 0;

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
tessera_text_view_set_selected_span (TesseraTextView *self,
                                     gint64           span_id)
{
  g_return_if_fail (TESSERA_IS_TEXT_VIEW (self));

  if (self->selected_span == span_id)
    return;

  self->selected_span = span_id;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
tessera_text_view_set_related (TesseraTextView    *self,
                               const gint64       *span_ids,
                               const char * const *captions,
                               guint               n)
{
  g_return_if_fail (TESSERA_IS_TEXT_VIEW (self));
  g_return_if_fail (n == 0 || (span_ids != NULL && captions != NULL));

  g_hash_table_remove_all (self->related);

  for (guint i = 0; i < n; i++)
    {
      Related *related = g_hash_table_lookup (self->related, &span_ids[i]);

      /* One span may fill several roles: "Agent, Origin". */
      if (related != NULL)
        {
          char *joined = g_strconcat (related->caption, ", ", captions[i], NULL);

          g_free (related->caption);
          related->caption = joined;
          continue;
        }

      related = g_new0 (Related, 1);
      related->span_id = span_ids[i];
      related->caption = g_strdup (captions[i]);
      g_hash_table_insert (self->related, &related->span_id, related);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
tessera_text_view_set_pick_mode (TesseraTextView *self,
                                 gboolean         picking)
{
  g_return_if_fail (TESSERA_IS_TEXT_VIEW (self));

  picking = !!picking;
  if (self->picking == picking)
    return;

  self->picking = picking;
  self->hover = -1;
  set_hover (self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gint64
tessera_text_view_span_at (TesseraTextView *self,
                           double           x,
                           double           y)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  const TesseraSpan *span;
  GtkTextIter iter;
  GdkRectangle rect;
  int bx, by, trailing;

  g_return_val_if_fail (TESSERA_IS_TEXT_VIEW (self), 0);

  if (self->document == NULL)
    return 0;

  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);

  for (guint i = 0; i < self->caption_hits->len; i++)
    {
      const CaptionHit *hit = &g_array_index (self->caption_hits, CaptionHit, i);

      if (graphene_rect_contains_point (&hit->rect, &GRAPHENE_POINT_INIT (bx, by)) &&
          tessera_open_document_get_span (self->document, hit->span_id) != NULL)
        return hit->span_id;
    }

  if (!gtk_text_view_get_iter_at_position (view, &iter, &trailing, bx, by))
    return 0;

  /* Only a point on a character counts, not the margin or the end of a
   * short line. */
  gtk_text_view_get_iter_location (view, &iter, &rect);
  if (by < rect.y || by >= rect.y + rect.height ||
      bx < MIN (rect.x, rect.x + rect.width) || bx > MAX (rect.x, rect.x + rect.width))
    return 0;

  span = tessera_span_index_find_at (tessera_open_document_get_spans (self->document),
                                     gtk_text_iter_get_offset (&iter));
  return span ? span->id : 0;
}

GArray *
tessera_text_view_get_drawn_spans (TesseraTextView *self)
{
  g_return_val_if_fail (TESSERA_IS_TEXT_VIEW (self), NULL);

  return self->drawn;
}

void
tessera_text_view_set_suggestion_hint (TesseraTextView *self,
                                       const char      *hint)
{
  g_return_if_fail (TESSERA_IS_TEXT_VIEW (self));

  if (g_strcmp0 (self->suggestion_hint, hint) == 0)
    return;

  g_free (self->suggestion_hint);
  self->suggestion_hint = g_strdup (hint);
  g_clear_object (&self->hint_layout);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
tessera_text_view_set_passages (TesseraTextView          *self,
                                const TesseraTextPassage *passages,
                                guint                     n)
{
  g_return_if_fail (TESSERA_IS_TEXT_VIEW (self));
  g_return_if_fail (n == 0 || passages != NULL);

  g_array_set_size (self->passages, 0);
  if (n > 0)
    g_array_append_vals (self->passages, passages, n);
  g_array_set_size (self->passage_hits, 0);
  self->passage_hover = -1;

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
tessera_text_view_passage_at (TesseraTextView *self,
                              double           x,
                              double           y)
{
  int bx, by;

  g_return_val_if_fail (TESSERA_IS_TEXT_VIEW (self), -1);

  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);

  for (guint i = 0; i < self->passage_hits->len; i++)
    {
      const PassageHit *hit = &g_array_index (self->passage_hits, PassageHit, i);

      if (graphene_rect_contains_point (&hit->rect, &GRAPHENE_POINT_INIT (bx, by)) &&
          hit->index < self->passages->len)
        return hit->index;
    }

  return -1;
}

guint
tessera_text_view_get_n_drawn_passages (TesseraTextView *self)
{
  g_return_val_if_fail (TESSERA_IS_TEXT_VIEW (self), 0);

  return self->passage_hits->len;
}
