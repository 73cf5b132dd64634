#include "modules/course/certificate_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <algorithm>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <vector>

namespace bsg::course {
namespace {

// A4 landscape in PDF points.
constexpr double kPageW = 842;
constexpr double kPageH = 595;

// The text column, centred, well inside the border.
constexpr double kTextLeft = 70;
constexpr double kTextWidth = kPageW - 2 * kTextLeft;

// The flow of centred text sits between these; the footer (QR code and its caption) is below.
constexpr double kFlowTop = 52;
constexpr double kFlowBottom = 448;

// The QR code: about 90 pt square including its 4-module quiet zone, in the bottom-right corner
// inside the border.
constexpr double kQrSize = 90;
constexpr double kQrX = kPageW - 44 - kQrSize;
constexpr double kQrY = kPageH - 44 - kQrSize;
constexpr int kQuietModules = 4;

// The caption to the left of the QR code, right-aligned against it.
constexpr double kCaptionWidth = 320;
constexpr double kCaptionRight = kQrX - 8;

// Noto Sans covers Latin, Greek and Cyrillic; pango falls back along the list for Arabic and Han,
// then to whatever fontconfig offers for any other script.
constexpr char kFamilies[] = "Noto Sans, Noto Sans Arabic, Noto Sans CJK SC";

struct Rgb {
  double r, g, b;
};
constexpr Rgb kNavy{0.11, 0.23, 0.37};
constexpr Rgb kInk{0.16, 0.16, 0.18};
constexpr Rgb kMuted{0.38, 0.40, 0.44};

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoDeleter {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
struct GObjectDeleter {
  void operator()(void* object) const { g_object_unref(object); }
};
struct QrDeleter {
  void operator()(QRcode* qr) const { QRcode_free(qr); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using CairoPtr = std::unique_ptr<cairo_t, CairoDeleter>;
using ContextPtr = std::unique_ptr<PangoContext, GObjectDeleter>;
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectDeleter>;
using QrPtr = std::unique_ptr<QRcode, QrDeleter>;

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  // Cairo is C: an exception must not cross it, so running out of memory becomes its own error.
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (const std::bad_alloc&) {
    return CAIRO_STATUS_NO_MEMORY;
  }
}

bool ValidUtf8(std::string_view text) {
  // With an explicit length glib also rejects an embedded NUL, which pango would cut the text at.
  return g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr);
}

struct TextStyle {
  double size;  // in points
  bool bold = false;
  double width = kTextWidth;
  PangoAlignment align = PANGO_ALIGN_CENTER;
};

LayoutPtr MakeLayout(PangoContext* context, const std::string& text, const TextStyle& style) {
  LayoutPtr layout(pango_layout_new(context));
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, kFamilies);
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  // Absolute size is in user units, which are points on a PDF surface; a plain size would be
  // scaled by pango's 96 dpi default.
  pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
  pango_layout_set_font_description(layout.get(), font);
  pango_font_description_free(font);
  pango_layout_set_width(layout.get(), static_cast<int>(style.width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment(layout.get(), style.align);
  pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
  return layout;
}

// Lays `text` out at the largest size from `max_size` down to `min_size` (1 pt steps) that fits in
// `max_lines`. At the smallest size the text may take one line more; beyond that it is cut with an
// ellipsis so that an absurdly long value cannot push the page into the footer.
LayoutPtr FitLayout(PangoContext* context, const std::string& text, TextStyle style,
                    double max_size, double min_size, int max_lines) {
  for (double size = max_size; size > min_size; size -= 1) {
    style.size = size;
    LayoutPtr layout = MakeLayout(context, text, style);
    if (pango_layout_get_line_count(layout.get()) <= max_lines) return layout;
  }
  style.size = min_size;
  LayoutPtr layout = MakeLayout(context, text, style);
  pango_layout_set_height(layout.get(), -(max_lines + 1));
  pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
  return layout;
}

double HeightOf(PangoLayout* layout) {
  int width = 0;
  int height = 0;
  pango_layout_get_size(layout, &width, &height);
  return static_cast<double>(height) / PANGO_SCALE;
}

void DrawLayout(cairo_t* cr, PangoLayout* layout, double x, double y, Rgb colour) {
  cairo_set_source_rgb(cr, colour.r, colour.g, colour.b);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
}

void DrawBorder(cairo_t* cr) {
  cairo_set_source_rgb(cr, kNavy.r, kNavy.g, kNavy.b);
  cairo_set_line_width(cr, 2.0);
  cairo_rectangle(cr, 20, 20, kPageW - 40, kPageH - 40);
  cairo_stroke(cr);
  cairo_set_line_width(cr, 0.75);
  cairo_rectangle(cr, 26, 26, kPageW - 52, kPageH - 52);
  cairo_stroke(cr);
}

// Draws each dark module as part of one path, merging horizontal runs, so that renderers fill it
// in one pass with no hairline seams between neighbouring modules.
void DrawQr(cairo_t* cr, const QRcode& qr) {
  const double module = kQrSize / (qr.width + 2 * kQuietModules);
  const double x0 = kQrX + kQuietModules * module;
  const double y0 = kQrY + kQuietModules * module;
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, kQrX, kQrY, kQrSize, kQrSize);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int y = 0; y < qr.width; ++y) {
    const unsigned char* row = qr.data + static_cast<std::size_t>(y) * qr.width;
    for (int x = 0; x < qr.width;) {
      if ((row[x] & 1) == 0) {
        ++x;
        continue;
      }
      int end = x;
      while (end < qr.width && (row[end] & 1) != 0) ++end;
      cairo_rectangle(cr, x0 + x * module, y0 + y * module, (end - x) * module, module);
      x = end;
    }
  }
  cairo_fill(cr);
}

struct Block {
  LayoutPtr layout;
  double gap_before;
  Rgb colour;
};

}  // namespace

Result<std::string> CertificatePdf(const CertificatePdfFacts& facts) {
  const std::string* texts[] = {&facts.issuer_name,    &facts.title,        &facts.learner_name,
                                &facts.completed_text, &facts.course_title, &facts.score_text,
                                &facts.date_text,      &facts.code,         &facts.verify_label,
                                &facts.verify_url};
  for (const std::string* text : texts) {
    if (!ValidUtf8(*text)) {
      return Status::InvalidArgument("certificate.invalid_utf8",
                                     "the certificate text is not valid UTF-8");
    }
  }
  if (facts.learner_name_latin && !ValidUtf8(*facts.learner_name_latin)) {
    return Status::InvalidArgument("certificate.invalid_utf8",
                                   "the certificate text is not valid UTF-8");
  }
  if (facts.verify_url.empty()) {
    return Status::InvalidArgument("certificate.empty_verify_url",
                                   "the certificate has no verification URL");
  }

  // Version 0 lets libqrencode pick the smallest symbol that holds the URL.
  QrPtr qr(QRcode_encodeString(facts.verify_url.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!qr) return Status::Internal("certificate.qr_failed", "could not encode the QR code");

  std::string bytes;
  SurfacePtr surface(cairo_pdf_surface_create_for_stream(AppendToString, &bytes, kPageW, kPageH));
  const std::string doc_title = facts.title + " \u2014 " + facts.learner_name;
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, doc_title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "BSG Platform");
  CairoPtr cr(cairo_create(surface.get()));

  ContextPtr context(pango_cairo_create_context(cr.get()));
  // Rounding glyph positions to whole units suits screens; on a vector page it only makes the
  // spacing uneven.
  pango_context_set_round_glyph_positions(context.get(), FALSE);

  // The centred flow, top to bottom.
  std::vector<Block> flow;
  flow.push_back({FitLayout(context.get(), facts.issuer_name, {}, 13, 9, 2), 0, kMuted});
  flow.push_back(
      {FitLayout(context.get(), facts.title, {.size = 0, .bold = true}, 32, 18, 1), 12, kNavy});
  const std::size_t rule_after = flow.size() - 1;  // a short rule under the title
  flow.push_back(
      {FitLayout(context.get(), facts.learner_name, {.size = 0, .bold = true}, 30, 14, 2), 30,
       kNavy});
  if (facts.learner_name_latin && !facts.learner_name_latin->empty() &&
      *facts.learner_name_latin != facts.learner_name) {
    flow.push_back({FitLayout(context.get(), *facts.learner_name_latin, {}, 14, 10, 1), 2, kMuted});
  }
  flow.push_back({FitLayout(context.get(), facts.completed_text, {}, 13, 9, 2), 18, kInk});
  flow.push_back(
      {FitLayout(context.get(), facts.course_title, {.size = 0, .bold = true}, 20, 12, 2), 6,
       kInk});
  flow.push_back({FitLayout(context.get(), facts.score_text, {}, 12, 9, 2), 16, kInk});
  flow.push_back({FitLayout(context.get(), facts.date_text, {}, 12, 9, 1), 4, kInk});

  // Centre the flow vertically in its band so that short certificates do not leave an empty
  // bottom half; the issuer never rises above the band's top.
  double total = 0;
  for (const Block& block : flow) total += block.gap_before + HeightOf(block.layout.get());
  double y = kFlowTop + std::max(0.0, (kFlowBottom - kFlowTop - total) / 2);

  DrawBorder(cr.get());
  for (std::size_t i = 0; i < flow.size(); ++i) {
    y += flow[i].gap_before;
    DrawLayout(cr.get(), flow[i].layout.get(), kTextLeft, y, flow[i].colour);
    y += HeightOf(flow[i].layout.get());
    if (i == rule_after) {
      cairo_set_source_rgb(cr.get(), kNavy.r, kNavy.g, kNavy.b);
      cairo_set_line_width(cr.get(), 0.75);
      cairo_move_to(cr.get(), kPageW / 2 - 60, y + 8);
      cairo_line_to(cr.get(), kPageW / 2 + 60, y + 8);
      cairo_stroke(cr.get());
    }
  }

  // The footer: the QR code, and to its left the label, the URL and the code, right-aligned and
  // centred on the code's height.
  DrawQr(cr.get(), *qr);
  const TextStyle caption{.size = 0, .width = kCaptionWidth, .align = PANGO_ALIGN_RIGHT};
  TextStyle code_style = caption;
  code_style.bold = true;
  Block footer[] = {
      {FitLayout(context.get(), facts.verify_label, caption, 10, 8, 1), 0, kMuted},
      {FitLayout(context.get(), facts.verify_url, caption, 9, 7, 2), 2, kInk},
      {FitLayout(context.get(), "Code: " + facts.code, code_style, 11, 8, 1), 4, kInk},
  };
  double footer_height = 0;
  for (const Block& block : footer)
    footer_height += block.gap_before + HeightOf(block.layout.get());
  y = kQrY + (kQrSize - footer_height) / 2;
  for (const Block& block : footer) {
    y += block.gap_before;
    DrawLayout(cr.get(), block.layout.get(), kCaptionRight - kCaptionWidth, y, block.colour);
    y += HeightOf(block.layout.get());
  }

  cairo_show_page(cr.get());
  const cairo_status_t draw_status = cairo_status(cr.get());
  cr.reset();
  cairo_surface_finish(surface.get());
  const cairo_status_t surface_status = cairo_surface_status(surface.get());
  if (draw_status != CAIRO_STATUS_SUCCESS || surface_status != CAIRO_STATUS_SUCCESS) {
    return Status::Internal("certificate.render_failed", "could not draw the certificate");
  }
  return bytes;
}

}  // namespace bsg::course
