/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-text-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tessera-text-view-private.h"

/* Drawing the text view's annotations under the text: spans as tinted
 * boxes (nested ones inset, suggestions hatched, the selection and what
 * it points at outlined), their captions placed so they do not collide,
 * and the bars beside passages other reports share. */

PangoLayout *
_tessera_text_view_caption_layout_new (TesseraTextView *self,
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

      style->layout = _tessera_text_view_caption_layout_new (self, text, style->kind == TESSERA_LABEL_STANCE,
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

      style->suggested_layout = _tessera_text_view_caption_layout_new (self, text, TRUE,
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
      self->hint_layout = _tessera_text_view_caption_layout_new (self, full ? full : text, TRUE,
                                              &self->hint_width, &self->hint_height);
      self->hint_label = style->id;
    }

  return self->hint_layout;
}

/* "Place · ana", "Place ? · ben": whose a span is, where several
 * people's work is shown. */
static const SignedCaption *
signed_caption (TesseraTextView   *self,
                const LabelStyle  *style,
                const TesseraSpan *span,
                gboolean           suggested)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%d",
                                          style->id, span->annotator_id, suggested);
  SignedCaption *caption = g_hash_table_lookup (self->signed_captions, key);

  if (caption == NULL)
    {
      const char *who = g_hash_table_lookup (self->annotator_names, &span->annotator_id);
      g_autofree char *label = suggested ? suggested_caption_text (style) : label_caption_text (style);
      /* Translators: a span's caption and who made it: "Place · ana" */
      g_autofree char *text = who != NULL ? g_strdup_printf (_("%s · %s"), label, who) : g_strdup (label);

      caption = g_new0 (SignedCaption, 1);
      caption->layout = _tessera_text_view_caption_layout_new (self, text,
                                                               suggested || style->kind == TESSERA_LABEL_STANCE,
                                                               &caption->width, &caption->height);
      g_hash_table_insert (self->signed_captions, g_steal_pointer (&key), caption);
    }
  return caption;
}

/* The caption of the span the keyboard would pick: what it would fill. */
static PangoLayout *
candidate_caption (TesseraTextView *self)
{
  if (self->candidate_layout == NULL)
    self->candidate_layout = _tessera_text_view_caption_layout_new (self,
                                                                    self->candidate_caption ? self->candidate_caption : "",
                                                                    FALSE, &self->candidate_width,
                                                                    &self->candidate_height);

  return self->candidate_layout;
}

static PangoLayout *
related_caption (TesseraTextView *self,
                 Related         *related)
{
  if (related->layout == NULL)
    related->layout = _tessera_text_view_caption_layout_new (self, related->caption, FALSE,
                                          &related->caption_width, &related->caption_height);

  return related->layout;
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
  gboolean           candidate;
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

typedef struct
{
  float line_y;   /* the line whose captions are gathered */
  float limit;    /* the right edge of the view */
} CaptionRow;

static int
caption_priority (const SpanDraw *d)
{
  if (d->selected || d->candidate)
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

  if (d->candidate && self->candidate_caption != NULL)
    {
      caption.layout = candidate_caption (self);
      caption.width = self->candidate_width;
      caption.height = self->candidate_height;
      caption.color = &self->accent;
    }
  else if (d->related != NULL)
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
  else if (self->annotator_names != NULL)
    {
      const SignedCaption *named = signed_caption (self, d->style, d->span, d->suggested);

      caption.layout = named->layout;
      caption.width = named->width;
      caption.height = named->height;
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

void
_tessera_text_view_draw_spans (TesseraTextView *self,
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
      const LabelStyle *style;

      if (_tessera_text_view_hides (self, span))
        continue;
      style = g_hash_table_lookup (self->labels, &span->label_id);
      TesseraSpanFlags flags;
      SpanDraw d;
      GtkTextIter start, end;
      gboolean starts_here = span->start >= top_offset;

      flags = tessera_open_document_get_span_flags (self->document, span->id);
      d = (SpanDraw) {
        .snapshot = snapshot,
        .span = span,
        .style = style != NULL ? style : self->unknown_label,
        .flags = flags,
        .level = tessera_span_index_get_depth (index, span),
        .selected = span->id == self->selected_span,
        .hovered = self->picking && (self->hover == span->id || self->candidate == span->id),
        .candidate = self->picking && self->candidate == span->id,
        .suggested = (flags & TESSERA_SPAN_FLAG_SUGGESTED) != 0,
        .related = g_hash_table_lookup (self->related, &span->id),
      };

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
void
_tessera_text_view_draw_passages (TesseraTextView *self,
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

