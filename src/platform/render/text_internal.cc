#include "platform/render/text_internal.h"

#include <algorithm>

#include "platform/text.h"

namespace bsg::render::internal {

void SetColor(cairo_t* cr, const Rgb& c, double alpha) {
  if (alpha >= 1) {
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
  } else {
    cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha);
  }
}

std::string ValidUtf8(std::string_view text) {
  std::string in(text);
  in.erase(std::remove(in.begin(), in.end(), '\0'), in.end());
  return ReplaceInvalidUtf8(in);
}

std::string EscapeMarkup(std::string_view text) {
  std::string valid = ValidUtf8(text);
  gchar* escaped = g_markup_escape_text(valid.data(), static_cast<gssize>(valid.size()));
  std::string out(escaped);
  g_free(escaped);
  return out;
}

TextContext::TextContext(cairo_t* cr, const std::string& language, bool rtl)
    : context_(pango_cairo_create_context(cr)), rtl_(rtl) {
  PangoContext* ctx = context_.get();
  pango_cairo_context_set_resolution(ctx, 72);
  cairo_font_options_t* fo = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(ctx, fo);
  cairo_font_options_destroy(fo);
  pango_context_set_round_glyph_positions(ctx, FALSE);
  const std::string lang = language.empty() ? "en" : language;
  pango_context_set_language(ctx, pango_language_from_string(lang.c_str()));
  pango_context_set_base_dir(ctx, rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
  // Chinese and Japanese text wants CJK punctuation and Latin digits from the CJK font.
  families_ = (lang.rfind("zh", 0) == 0 || lang.rfind("ja", 0) == 0) ? kFontFamiliesCjkFirst
                                                                     : kFontFamilies;
}

GPtr<PangoLayout> TextContext::Base(const TextStyle& style, double width,
                                    PangoAlignment align) const {
  GPtr<PangoLayout> layout(pango_layout_new(context_.get()));
  PangoLayout* l = layout.get();
  pango_layout_set_auto_dir(l, FALSE);
  PangoFontDescription* font = pango_font_description_from_string(families_.c_str());
  pango_font_description_set_size(font, static_cast<gint>(style.size * PANGO_SCALE));
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(font, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description(l, font);
  pango_font_description_free(font);
  if (width > 0) {
    pango_layout_set_width(l, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_alignment(l, align);
  return layout;
}

namespace {
void AddTabular(PangoLayout* l) {
  PangoAttrList* attrs = pango_layout_get_attributes(l);
  PangoAttrList* own = attrs ? pango_attr_list_copy(attrs) : pango_attr_list_new();
  pango_attr_list_insert(own, pango_attr_font_features_new("tnum"));
  pango_layout_set_attributes(l, own);
  pango_attr_list_unref(own);
}
}  // namespace

GPtr<PangoLayout> TextContext::Plain(std::string_view text, const TextStyle& style, double width,
                                     PangoAlignment align) const {
  GPtr<PangoLayout> layout = Base(style, width, align);
  std::string valid = ValidUtf8(text);
  pango_layout_set_text(layout.get(), valid.data(), static_cast<int>(valid.size()));
  if (style.tabular_numbers) AddTabular(layout.get());
  return layout;
}

GPtr<PangoLayout> TextContext::Markup(std::string_view markup, const TextStyle& style, double width,
                                      PangoAlignment align, bool justify, bool auto_dir) const {
  GPtr<PangoLayout> layout = Base(style, width, align);
  pango_layout_set_auto_dir(layout.get(), auto_dir);
  pango_layout_set_markup(layout.get(), markup.data(), static_cast<int>(markup.size()));
  pango_layout_set_justify(layout.get(), justify);
  if (style.tabular_numbers) AddTabular(layout.get());
  return layout;
}

Size LayoutSize(PangoLayout* layout) {
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return {static_cast<double>(logical.width) / PANGO_SCALE,
          static_cast<double>(logical.height) / PANGO_SCALE};
}

double FirstBaseline(PangoLayout* layout) {
  return static_cast<double>(pango_layout_get_baseline(layout)) / PANGO_SCALE;
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void DrawLayout(cairo_t* cr, PangoLayout* layout, double x, double y, const Rgb& color) {
  SetColor(cr, color);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
}

}  // namespace bsg::render::internal
