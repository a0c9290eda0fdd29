/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-text-view"

#include "config.h"

#include "tessera-text-view-private.h"

/* The document's text in a GtkSourceView, with its annotations drawn
 * under it (tessera-text-view-draw.c): style and margins, what is under
 * the pointer, and what the document view tells it to show. */

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

static void
forget_layouts (TesseraTextView *self)
{
  GHashTableIter iter;
  gpointer value;

  g_clear_object (&self->unknown_label->layout);
  g_clear_object (&self->unknown_label->suggested_layout);
  g_clear_object (&self->hint_layout);
  g_clear_object (&self->candidate_layout);
  g_hash_table_iter_init (&iter, self->labels);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_clear_object (&((LabelStyle *) value)->layout);
      g_clear_object (&((LabelStyle *) value)->suggested_layout);
    }

  g_hash_table_iter_init (&iter, self->related);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_clear_object (&((Related *) value)->layout);
  if (self->signed_captions != NULL)
    g_hash_table_remove_all (self->signed_captions);
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

      sample = _tessera_text_view_caption_layout_new (self, "Ag◆", FALSE, NULL, &self->caption_height);
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
      _tessera_text_view_draw_passages (self, snapshot);
      _tessera_text_view_draw_spans (self, snapshot);
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
  g_clear_pointer (&self->hidden_annotators, g_hash_table_unref);
  g_clear_pointer (&self->annotator_names, g_hash_table_unref);
  g_clear_pointer (&self->signed_captions, g_hash_table_unref);

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
  g_clear_object (&self->candidate_layout);
  g_free (self->candidate_caption);

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

void
tessera_text_view_set_candidate (TesseraTextView *self,
                                 gint64           span_id,
                                 const char      *caption)
{
  g_return_if_fail (TESSERA_IS_TEXT_VIEW (self));

  if (self->candidate == span_id && g_strcmp0 (self->candidate_caption, caption) == 0)
    return;

  self->candidate = span_id;
  if (g_strcmp0 (self->candidate_caption, caption) != 0)
    {
      g_free (self->candidate_caption);
      self->candidate_caption = g_strdup (caption);
      g_clear_object (&self->candidate_layout);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gint64
tessera_text_view_get_candidate (TesseraTextView *self)
{
  g_return_val_if_fail (TESSERA_IS_TEXT_VIEW (self), 0);

  return self->candidate;
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
  /* A hidden annotator's span is not there to click: the shortest shown
   * one under the point is. */
  if (span != NULL && _tessera_text_view_hides (self, span))
    {
      int offset = gtk_text_iter_get_offset (&iter);

      span = NULL;
      g_ptr_array_set_size (self->hits, 0);
      tessera_span_index_query (tessera_open_document_get_spans (self->document), offset, offset + 1, self->hits);
      for (guint i = 0; i < self->hits->len; i++)
        {
          const TesseraSpan *hit = g_ptr_array_index (self->hits, i);

          if (!_tessera_text_view_hides (self, hit) && hit->start <= offset && offset < hit->end &&
              (span == NULL || hit->end - hit->start < span->end - span->start))
            span = hit;
        }
    }
  return span ? span->id : 0;
}

static void
signed_caption_free (gpointer data)
{
  SignedCaption *caption = data;

  g_clear_object (&caption->layout);
  g_free (caption);
}

/* Every change of the document sets the names again: the captions are
 * made again only when they differ. */
static gboolean
same_names (GHashTable *a,
            GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (a == NULL || b == NULL || g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (b, key)) != 0)
      return FALSE;
  return TRUE;
}

void
tessera_text_view_set_annotator_names (TesseraTextView *self,
                                       GHashTable      *names)
{
  g_return_if_fail (TESSERA_IS_TEXT_VIEW (self));

  if (names == self->annotator_names || same_names (names, self->annotator_names))
    return;
  g_clear_pointer (&self->annotator_names, g_hash_table_unref);
  if (names != NULL)
    self->annotator_names = g_hash_table_ref (names);
  if (self->signed_captions == NULL)
    self->signed_captions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, signed_caption_free);
  g_hash_table_remove_all (self->signed_captions);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
_tessera_text_view_hides (TesseraTextView   *self,
                          const TesseraSpan *span)
{
  return self->hidden_annotators != NULL && g_hash_table_contains (self->hidden_annotators, &span->annotator_id);
}

void
tessera_text_view_set_hidden_annotators (TesseraTextView *self,
                                         GHashTable      *hidden)
{
  g_return_if_fail (TESSERA_IS_TEXT_VIEW (self));

  if (hidden != NULL && g_hash_table_size (hidden) == 0)
    hidden = NULL;
  if (hidden == self->hidden_annotators && hidden == NULL)
    return;
  g_clear_pointer (&self->hidden_annotators, g_hash_table_unref);
  if (hidden != NULL)
    self->hidden_annotators = g_hash_table_ref (hidden);
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
