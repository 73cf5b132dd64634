// Text on cairo through pango, shared by the chart kit and the PDF renderer. Internal to
// src/platform/render.
//
// Fonts are named, never left to fontconfig's fallback: "Noto Sans" for Latin, Cyrillic and
// Greek, "Noto Sans Arabic", "Noto Sans CJK SC" (fonts-noto-core, fonts-noto-cjk). Sizes are in
// points: contexts are set to 72 dpi so 1 pt = 1 cairo user unit, with metric hinting off so a
// layout measures the same on PDF, SVG and PNG surfaces.
//
// Thread-safety: a TextContext belongs to one thread, like the cairo_t it was made from.
#ifndef BSG_PLATFORM_RENDER_TEXT_INTERNAL_H_
#define BSG_PLATFORM_RENDER_TEXT_INTERNAL_H_

#include <cairo.h>
#include <pango/pangocairo.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace bsg::render::internal {

inline constexpr char kFontFamilies[] = "Noto Sans,Noto Sans Arabic,Noto Sans CJK SC";
inline constexpr char kFontFamiliesCjkFirst[] = "Noto Sans CJK SC,Noto Sans,Noto Sans Arabic";

struct GObjectUnref {
  void operator()(void* p) const { g_object_unref(p); }
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

struct Rgb {
  double r = 0;
  double g = 0;
  double b = 0;
  static constexpr Rgb Hex(std::uint32_t v) {
    return {((v >> 16) & 0xff) / 255.0, ((v >> 8) & 0xff) / 255.0, (v & 0xff) / 255.0};
  }
};
void SetColor(cairo_t* cr, const Rgb& c, double alpha = 1);

struct TextStyle {
  double size = 10;
  bool bold = false;
  bool italic = false;
  Rgb color = Rgb::Hex(0x222222);
  bool tabular_numbers = false;  // same-width digits, for table columns
};

struct Size {
  double w = 0;
  double h = 0;
};

// `text` as pango takes it: NUL bytes dropped, invalid UTF-8 replaced by U+FFFD (platform/text.h
// ReplaceInvalidUtf8).
std::string ValidUtf8(std::string_view text);
// `text` escaped for pango markup (g_markup_escape_text).
std::string EscapeMarkup(std::string_view text);

// A pango context for one cairo_t, set up as described above, for `language` and base
// direction.
class TextContext {
 public:
  TextContext(cairo_t* cr, const std::string& language, bool rtl);

  PangoContext* get() const { return context_.get(); }
  bool rtl() const { return rtl_; }

  // A layout of plain `text`. `width` <= 0: no wrapping. `align` is absolute (left is left).
  GPtr<PangoLayout> Plain(std::string_view text, const TextStyle& style, double width = -1,
                          PangoAlignment align = PANGO_ALIGN_LEFT) const;
  // A layout of pango `markup` (already escaped by the caller). With `auto_dir`, a paragraph
  // whose first strong character is right-to-left is set right to left and its alignment
  // mirrored (an Arabic paragraph in an English document); otherwise `align` is absolute.
  GPtr<PangoLayout> Markup(std::string_view markup, const TextStyle& style, double width = -1,
                           PangoAlignment align = PANGO_ALIGN_LEFT, bool justify = false,
                           bool auto_dir = false) const;

 private:
  GPtr<PangoLayout> Base(const TextStyle& style, double width, PangoAlignment align) const;

  GPtr<PangoContext> context_;
  std::string families_;
  bool rtl_;
};

// The logical size of a layout in points.
Size LayoutSize(PangoLayout* layout);
// The baseline of the first line, from the top of the layout, in points.
double FirstBaseline(PangoLayout* layout);
// A cairo write function appending to the std::string* `closure`.
cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length);

// Draws `layout` with its top-left corner at (x, y) in `color`.
void DrawLayout(cairo_t* cr, PangoLayout* layout, double x, double y, const Rgb& color);

}  // namespace bsg::render::internal

#endif  // BSG_PLATFORM_RENDER_TEXT_INTERNAL_H_
