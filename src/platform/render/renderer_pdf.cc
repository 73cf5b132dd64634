#include "platform/render/renderer_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <variant>
#include <vector>

#include "platform/render/chart.h"
#include "platform/render/renderer_figures.h"
#include "platform/render/text_internal.h"
#include "platform/render/world_map.h"

namespace bsg::render {
namespace {

using internal::GPtr;
using internal::Rgb;
using internal::SetColor;
using internal::TextContext;
using internal::TextStyle;

// A4 portrait in points, and the text block.
constexpr double kPageW = 595.2756;
constexpr double kPageH = 841.8898;
constexpr double kMarginX = 62;
constexpr double kContentW = kPageW - 2 * kMarginX;
constexpr double kTop = 70;              // top of the first line on a page
constexpr double kBottom = kPageH - 68;  // nothing but the footer below
constexpr double kHeaderY = 34;          // running title (pages 2..)
constexpr double kFooterY = kPageH - 44;

constexpr Rgb kInk = Rgb::Hex(0x222222);
constexpr Rgb kMuted = Rgb::Hex(0x5F6368);
constexpr Rgb kAccent = Rgb::Hex(0x1A3A5C);
constexpr Rgb kRule = Rgb::Hex(0x333333);
constexpr Rgb kLine = Rgb::Hex(0xD9DDE2);
constexpr Rgb kHeadFill = Rgb::Hex(0xEEF2F7);

constexpr double kBodySize = 10;
constexpr double kTableSize = 8.5;
constexpr double kCaptionSize = 9.5;
constexpr double kNoteSize = 8;
constexpr double kCellPadX = 4.5;
constexpr double kCellPadY = 3.2;

double Pt(int pango_units) { return static_cast<double>(pango_units) / PANGO_SCALE; }

// A rectangle on a page that links to a numbered source.
struct PageLink {
  double x = 0, y = 0, w = 0, h = 0;
  int source = 0;
};

// Lines [first, end) of `layout`, placed so that the layout's origin is at (x, y).
struct TextOp {
  PangoLayout* layout = nullptr;
  double x = 0;
  double y = 0;
  int first = 0;
  int end = 0;
  Rgb color{};
  std::vector<PageLink> links{};
  int dest = 0;  // source number whose link destination is this text
};
struct RectOp {
  Box box{};
  Rgb fill{};
};
struct RuleOp {
  double x1 = 0, y1 = 0, x2 = 0, width = 0;
  Rgb color{};
};
struct ChartOp {
  Chart chart{};
  Box box{};
  int figure = 0;
};
// The page number of a section, in the table of contents; known only after layout.
struct TocPageOp {
  const Section* section = nullptr;
  double x = 0;  // the end edge (right in left-to-right documents)
  double y = 0;
  bool bold = false;
};
using Op = std::variant<TextOp, RectOp, RuleOp, ChartOp, TocPageOp>;

struct Bookmark {
  std::string text;
  int depth = 1;
  int page = 1;
  double y = 0;
};

// A byte range of a layout's text that links to a source.
struct ByteLink {
  int start = 0;
  int end = 0;
  int source = 0;
};

struct RunMarkup {
  std::string markup;
  std::vector<ByteLink> links;
};

// Lays a Document out into pages of drawing operations, then draws them. Borrows the document,
// options and cairo context, which must outlive it; owns every PangoLayout it makes. One use,
// one thread.
class PdfWriter {
 public:
  PdfWriter(const Document& doc, const PdfOptions& options, cairo_t* cr)
      : doc_(doc),
        options_(options),
        cr_(cr),
        outline_(BuildOutline(doc)),
        rtl_(doc.direction == Direction::kRtl),
        tc_(cr, doc.language, rtl_),
        ltr_tc_(cr, doc.language, false) {}

  Status Layout() {
    NewPage();
    TitleBlock();
    if (options_.table_of_contents) Contents();
    BSG_RETURN_IF_ERROR(Sections(doc_.sections));
    if (options_.sources_appendix && !outline_.sources.empty()) Sources();
    return Status::Ok();
  }

  Status Draw(cairo_surface_t* surface) {
    const int total = static_cast<int>(pages_.size());
    for (int p = 0; p < total; ++p) {
      if (p > 0) RunningTitle();
      Footer(p + 1, total);
      for (const Op& op : pages_[p]) {
        if (const auto* t = std::get_if<TextOp>(&op)) {
          DrawText(*t);
        } else if (const auto* r = std::get_if<RectOp>(&op)) {
          SetColor(cr_, r->fill);
          cairo_rectangle(cr_, r->box.x, r->box.y, r->box.w, r->box.h);
          cairo_fill(cr_);
        } else if (const auto* l = std::get_if<RuleOp>(&op)) {
          SetColor(cr_, l->color);
          cairo_set_line_width(cr_, l->width);
          cairo_move_to(cr_, l->x1, l->y1);
          cairo_line_to(cr_, l->x2, l->y1);
          cairo_stroke(cr_);
        } else if (const auto* c = std::get_if<ChartOp>(&op)) {
          ChartOptions chart_options;
          chart_options.data_dir = options_.data_dir;
          Status s = DrawChart(cr_, c->chart, c->box, chart_options);
          if (!s.ok()) return s.WithContext("figure " + std::to_string(c->figure));
        } else if (const auto* toc = std::get_if<TocPageOp>(&op)) {
          DrawTocPage(*toc);
        }
      }
      cairo_show_page(cr_);
    }
    Bookmarks(surface);
    return Status::Ok();
  }

  int pages() const { return static_cast<int>(pages_.size()); }

 private:
  bool Linked() const { return options_.sources_appendix && options_.link_sources; }

  // ---- page flow ----

  void NewPage() {
    pages_.emplace_back();
    y_ = kTop;
  }
  bool AtPageTop() const { return y_ <= kTop + 0.01; }
  void Space(double d) {
    if (!AtPageTop()) y_ += d;
  }
  // Starts a new page unless `h` more points fit on this one.
  void Ensure(double h) {
    if (y_ + h > kBottom && !AtPageTop()) NewPage();
  }
  void Add(Op op) { pages_.back().push_back(std::move(op)); }
  int PageNumber() const { return static_cast<int>(pages_.size()); }

  PangoAlignment StartAlign() const { return rtl_ ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT; }
  PangoAlignment AlignOf(Align a) const {
    switch (a) {
      case Align::kCenter:
        return PANGO_ALIGN_CENTER;
      case Align::kEnd:
        return rtl_ ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
      case Align::kStart:
        break;
    }
    return StartAlign();
  }

  PangoLayout* Keep(GPtr<PangoLayout> layout) {
    layouts_.push_back(std::move(layout));
    return layouts_.back().get();
  }
  PangoLayout* Plain(std::string_view text, const TextStyle& style, double width,
                     PangoAlignment align) {
    return Keep(tc_.Plain(text, style, width, align));
  }
  PangoLayout* Markup(const std::string& markup, const TextStyle& style, double width,
                      PangoAlignment align, bool justify = false, bool auto_dir = false) {
    return Keep(tc_.Markup(markup, style, width, align, justify, auto_dir));
  }

  RunMarkup Runs(const std::vector<TextRun>& runs) const {
    RunMarkup out;
    int offset = 0;
    for (const TextRun& run : runs) {
      const std::string text = internal::ValidUtf8(run.text);
      std::string piece = internal::EscapeMarkup(text);
      if (run.italic) piece = "<i>" + piece + "</i>";
      if (run.bold) piece = "<b>" + piece + "</b>";
      out.markup += piece;
      const int n = outline_.SourceNumber(run.provenance);
      const int len = static_cast<int>(text.size());
      if (n > 0 && len > 0 && Linked()) out.links.push_back({offset, offset + len, n});
      offset += len;
    }
    return out;
  }

  // Page rectangles of the `links` byte ranges within lines [first, end) of `layout` at (x, y).
  static std::vector<PageLink> LineLinks(PangoLayout* layout, const std::vector<ByteLink>& links,
                                         double x, double y, int first, int end) {
    std::vector<PageLink> out;
    if (links.empty()) return out;
    PangoLayoutIter* it = pango_layout_get_iter(layout);
    int i = 0;
    do {
      if (i >= first && i < end) {
        PangoLayoutLine* line = pango_layout_iter_get_line_readonly(it);
        int y0, y1;
        pango_layout_iter_get_line_yrange(it, &y0, &y1);
        for (const ByteLink& link : links) {
          const int lo = std::max(link.start, line->start_index);
          const int hi = std::min(link.end, line->start_index + line->length);
          if (lo >= hi) continue;
          int* ranges = nullptr;
          int n = 0;
          pango_layout_line_get_x_ranges(line, lo, hi, &ranges, &n);
          for (int k = 0; k < n; ++k) {
            out.push_back({x + Pt(ranges[2 * k]), y + Pt(y0), Pt(ranges[2 * k + 1] - ranges[2 * k]),
                           Pt(y1 - y0), link.source});
          }
          g_free(ranges);
        }
      }
      ++i;
    } while (i < end && pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    return out;
  }

  // Places `layout` at x on the current page and continues it on the next pages as needed,
  // breaking between lines; never leaves a single line of a paragraph of four or more lines
  // alone at the bottom or top of a page.
  void Flow(PangoLayout* layout, double x, const Rgb& color,
            const std::vector<ByteLink>& links = {}, int dest = 0) {
    const int n = pango_layout_get_line_count(layout);
    std::vector<double> top(n), bottom(n);
    PangoLayoutIter* it = pango_layout_get_iter(layout);
    for (int i = 0; i < n; ++i) {
      int y0, y1;
      pango_layout_iter_get_line_yrange(it, &y0, &y1);
      top[i] = Pt(y0);
      bottom[i] = Pt(y1);
      pango_layout_iter_next_line(it);
    }
    pango_layout_iter_free(it);
    int start = 0;
    while (start < n) {
      int end = start;
      while (end < n && bottom[end] - top[start] <= kBottom - y_) ++end;
      if (end < n && n - start >= 4) {
        if (end - start == 1) {
          end = start;
        } else if (n - end == 1) {
          --end;
        }
      }
      if (end == start) {
        if (!AtPageTop()) {
          NewPage();
          continue;
        }
        end = start + 1;  // a line taller than a page: place it anyway
      }
      TextOp op{layout, x, y_ - top[start], start, end, color};
      op.links = LineLinks(layout, links, op.x, op.y, start, end);
      if (start == 0) op.dest = dest;
      Add(std::move(op));
      y_ += bottom[end - 1] - top[start];
      start = end;
      if (start < n) NewPage();
    }
  }

  // A layout that must not be split (a table cell, a caption) at (x, y) on the current page.
  void Place(PangoLayout* layout, double x, double y, const Rgb& color,
             std::vector<PageLink> links = {}) {
    TextOp op{layout, x, y, 0, pango_layout_get_line_count(layout), color};
    op.links = std::move(links);
    Add(std::move(op));
  }

  double FirstLineHeight(PangoLayout* layout) const {
    PangoLayoutIter* it = pango_layout_get_iter(layout);
    int y0, y1;
    pango_layout_iter_get_line_yrange(it, &y0, &y1);
    pango_layout_iter_free(it);
    return Pt(y1 - y0);
  }

  // A list item or source: `marker` in the start margin, `body` (laid out `indent` narrower than
  // the text block) beside it, first baselines aligned.
  void Hanging(const std::string& marker, const TextStyle& marker_style, PangoLayout* body,
               double indent, const Rgb& color, const std::vector<ByteLink>& links, int dest) {
    Ensure(FirstLineHeight(body));
    // The marker hugs the text: right-aligned in its margin, or left-aligned when mirrored.
    PangoLayout* m =
        Plain(marker, marker_style, indent - 5, rtl_ ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
    const double mx = rtl_ ? kMarginX + kContentW - indent + 5 : kMarginX;
    const double dy = internal::FirstBaseline(body) - internal::FirstBaseline(m);
    Place(m, mx, y_ + dy, color);
    Flow(body, rtl_ ? kMarginX : kMarginX + indent, color, links, dest);
  }

  void Rule(double y, double width, const Rgb& color, double x = kMarginX, double w = kContentW) {
    Add(RuleOp{x, y, x + w, width, color});
  }

  // ---- blocks ----

  void TitleBlock() {
    PangoLayout* title = Markup("<b>" + internal::EscapeMarkup(doc_.title) + "</b>",
                                TextStyle{20, false, false, kAccent}, kContentW, StartAlign());
    Flow(title, kMarginX, kAccent);
    if (!doc_.subtitle.empty()) {
      y_ += 4;
      Flow(Plain(doc_.subtitle, TextStyle{13, false, false, Rgb::Hex(0x444444)}, kContentW,
                 StartAlign()),
           kMarginX, Rgb::Hex(0x444444));
    }
    if (!doc_.meta.empty()) y_ += 6;
    for (const std::string& line : doc_.meta) {
      Flow(Plain(line, TextStyle{9, false, false, kMuted}, kContentW, StartAlign()), kMarginX,
           kMuted);
    }
    y_ += 10;
    Rule(y_, 1.5, kAccent);
    y_ += 20;
  }

  void Contents() {
    Heading(doc_.labels.contents, "", 1, nullptr);
    for (const auto& entry : outline_.sections) {
      if (entry.depth > 2) continue;
      const double indent = (entry.depth - 1) * 18.0;
      const bool bold = entry.depth == 1;
      std::string text = entry.number.empty() ? entry.section->title
                                              : entry.number + "\u2002" + entry.section->title;
      PangoLayout* l =
          Plain(text, TextStyle{9.5, bold, false, kInk}, kContentW - indent - 36, StartAlign());
      Ensure(FirstLineHeight(l));
      Space(bold ? 4 : 1);
      const double top = y_;
      const int page = PageNumber();
      Flow(l, rtl_ ? kMarginX + 36 : kMarginX + indent, kInk);
      if (PageNumber() == page) {
        // The number goes on the entry's first line, on the page where the entry starts.
        pages_.back().push_back(
            TocPageOp{entry.section, rtl_ ? kMarginX : kMarginX + kContentW, top, bold});
      }
    }
    y_ += 12;
  }

  void Heading(const std::string& title, const std::string& number, int depth,
               const Section* section) {
    const double size = depth == 1 ? 13.5 : depth == 2 ? 11.5 : 10.5;
    Space(depth == 1 ? 16 : 11);
    const std::string text = number.empty() ? title : number + "\u2002" + title;
    PangoLayout* l = Markup("<b>" + internal::EscapeMarkup(text) + "</b>",
                            TextStyle{size, false, false, kAccent}, kContentW, StartAlign());
    // Keep the heading with at least two lines of what follows.
    Ensure(internal::LayoutSize(l).h + 30);
    bookmarks_.push_back({text, depth, PageNumber(), y_});
    if (section != nullptr) section_pages_[section] = PageNumber();
    Flow(l, kMarginX, kAccent);
    y_ += depth == 1 ? 6 : 4;
  }

  Status Sections(const std::vector<Section>& sections) {
    for (const Section& s : sections) {
      const auto& entry = *std::find_if(outline_.sections.begin(), outline_.sections.end(),
                                        [&](const auto& e) { return e.section == &s; });
      Heading(s.title, entry.number, entry.depth, &s);
      for (const Block& block : s.blocks) {
        if (const auto* p = std::get_if<Paragraph>(&block)) {
          ParagraphBlock(*p);
        } else if (const auto* t = std::get_if<Table>(&block)) {
          TableBlock(*t);
        } else if (const auto* f = std::get_if<Figure>(&block)) {
          BSG_RETURN_IF_ERROR(FigureBlock(*f));
        } else if (const auto* l = std::get_if<BulletList>(&block)) {
          ListBlock(*l);
        }
      }
      BSG_RETURN_IF_ERROR(Sections(s.subsections));
    }
    return Status::Ok();
  }

  void ParagraphBlock(const Paragraph& p) {
    RunMarkup m = Runs(p.runs);
    // In a left-to-right document an Arabic paragraph still reads right to left; in a
    // right-to-left one every paragraph does, even one starting with a Latin name.
    PangoLayout* l = Markup(m.markup, TextStyle{kBodySize, false, false, kInk}, kContentW,
                            StartAlign(), options_.justify, /*auto_dir=*/!rtl_);
    Flow(l, kMarginX, kInk, m.links);
    y_ += 7;
  }

  void ListBlock(const BulletList& list) {
    constexpr double kIndent = 18;
    int n = 0;
    for (const Paragraph& item : list.items) {
      ++n;
      RunMarkup m = Runs(item.runs);
      PangoLayout* body = Markup(m.markup, TextStyle{kBodySize, false, false, kInk},
                                 kContentW - kIndent, StartAlign(), options_.justify);
      Hanging(list.numbered ? std::to_string(n) + "." : "\u2022",
              TextStyle{kBodySize, false, false, kInk}, body, kIndent, kInk, m.links, 0);
      y_ += 3;
    }
    y_ += 5;
  }

  // Column widths for a table `width` wide: columns with a weight get that fraction; the others
  // share the rest in proportion to their natural widths, never below their longest word when
  // there is room for it.
  std::vector<double> ColumnWidths(const Table& t,
                                   const std::vector<std::vector<PangoLayout*>>& cells) {
    const size_t nc = t.columns.size();
    std::vector<double> width(nc, 0), natural(nc, 0), minimum(nc, 0);
    double fixed_share = 0;
    for (const Column& c : t.columns) fixed_share += std::max(0.0, c.weight);
    const double fixed_scale = fixed_share > 1 ? 1 / fixed_share : 1;
    double rest = kContentW;
    std::vector<size_t> free;
    for (size_t i = 0; i < nc; ++i) {
      if (t.columns[i].weight > 0) {
        width[i] = kContentW * t.columns[i].weight * fixed_scale;
        rest -= width[i];
      } else {
        free.push_back(i);
      }
    }
    if (free.empty()) return width;
    rest = std::max(rest, 0.0);
    double sum_nat = 0;
    for (size_t i : free) {
      for (const auto& row : cells) {
        natural[i] = std::max(natural[i], internal::LayoutSize(row[i]).w);
      }
      natural[i] += 2 * kCellPadX + 0.5;
      sum_nat += natural[i];
    }
    if (sum_nat <= rest) {
      for (size_t i : free) width[i] = natural[i] + (rest - sum_nat) * natural[i] / sum_nat;
      return width;
    }
    // Longest words: lay each cell out one word per line.
    double sum_min = 0;
    for (size_t i : free) {
      for (const auto& row : cells) {
        PangoLayout* l = row[i];
        pango_layout_set_wrap(l, PANGO_WRAP_WORD);
        pango_layout_set_width(l, 1);
        minimum[i] = std::max(minimum[i], internal::LayoutSize(l).w);
        pango_layout_set_width(l, -1);
      }
      minimum[i] = std::min(minimum[i] + 2 * kCellPadX + 0.5, natural[i]);
      sum_min += minimum[i];
    }
    if (sum_min >= rest) {
      for (size_t i : free) width[i] = minimum[i] * rest / sum_min;
      return width;
    }
    const double stretch = sum_nat - sum_min;
    for (size_t i : free) {
      width[i] = minimum[i] + (rest - sum_min) * (natural[i] - minimum[i]) / stretch;
    }
    return width;
  }

  void TableBlock(const Table& t) {
    const size_t nc = t.columns.size();
    if (nc == 0) return;
    const int number = outline_.table_numbers.at(&t);
    const TextStyle cell_style{kTableSize, false, false, kInk, true};
    const TextStyle head_style{kTableSize, true, false, kInk, true};
    const size_t nr = t.rows.size();
    const size_t first_total =
        nr - std::min<size_t>(nr, static_cast<size_t>(std::max(0, t.total_rows)));

    // Row 0 is the header; unwrapped layouts first, to measure.
    std::vector<std::vector<PangoLayout*>> cells(nr + 1, std::vector<PangoLayout*>(nc));
    for (size_t i = 0; i < nc; ++i) {
      cells[0][i] = Plain(t.columns[i].header, head_style, -1, AlignOf(t.columns[i].align));
    }
    for (size_t r = 0; r < nr; ++r) {
      const bool total = r >= first_total;
      for (size_t i = 0; i < nc; ++i) {
        const std::string& text = i < t.rows[r].size() ? t.rows[r][i].text : std::string();
        cells[r + 1][i] =
            Plain(text, total ? head_style : cell_style, -1, AlignOf(t.columns[i].align));
      }
    }
    const std::vector<double> width = ColumnWidths(t, cells);
    std::vector<double> x(nc);
    double at = 0;
    for (size_t i = 0; i < nc; ++i) {
      x[i] = rtl_ ? kMarginX + kContentW - at - width[i] : kMarginX + at;
      at += width[i];
    }
    // Cells of a row share their first baseline (Arabic and Latin fonts have different ascents),
    // so each cell is shifted down by drop[r][i].
    std::vector<double> height(nr + 1, 0);
    std::vector<std::vector<double>> drop(nr + 1, std::vector<double>(nc, 0));
    for (size_t r = 0; r <= nr; ++r) {
      double baseline = 0;
      for (size_t i = 0; i < nc; ++i) {
        PangoLayout* l = cells[r][i];
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_width(l, static_cast<int>((width[i] - 2 * kCellPadX) * PANGO_SCALE));
        baseline = std::max(baseline, internal::FirstBaseline(l));
      }
      for (size_t i = 0; i < nc; ++i) {
        drop[r][i] = baseline - internal::FirstBaseline(cells[r][i]);
        height[r] = std::max(height[r], drop[r][i] + internal::LayoutSize(cells[r][i]).h);
      }
      height[r] += 2 * kCellPadY;
    }

    const std::string label =
        "<b>" + internal::EscapeMarkup(doc_.labels.table + " " + std::to_string(number) + ":") +
        "</b> ";
    PangoLayout* caption =
        Markup(label + internal::EscapeMarkup(t.caption),
               TextStyle{kCaptionSize, false, false, kInk}, kContentW, PANGO_ALIGN_CENTER);
    const double caption_h = internal::LayoutSize(caption).h;

    auto header = [&] {
      Rule(y_, 0.9, kRule);
      Add(RectOp{Box{kMarginX, y_, kContentW, height[0]}, kHeadFill});
      for (size_t i = 0; i < nc; ++i) {
        Place(cells[0][i], x[i] + kCellPadX, y_ + kCellPadY + drop[0][i], kInk);
      }
      y_ += height[0];
      Rule(y_, 0.6, kRule);
    };

    Space(8);
    // The caption, the header and the first two rows stay together.
    double need = caption_h + 5 + height[0];
    for (size_t r = 1; r <= std::min<size_t>(nr, 2); ++r) need += height[r];
    Ensure(need);
    Place(caption, kMarginX, y_, kInk);
    y_ += caption_h + 5;
    header();
    for (size_t r = 0; r < nr; ++r) {
      const double h = height[r + 1];
      if (y_ + h > kBottom) {
        Rule(y_, 0.9, kRule);
        NewPage();
        PangoLayout* cont =
            Markup(label + internal::EscapeMarkup(t.caption + " " + doc_.labels.continued),
                   TextStyle{kCaptionSize, false, false, kMuted}, kContentW, PANGO_ALIGN_CENTER);
        Place(cont, kMarginX, y_, kMuted);
        y_ += internal::LayoutSize(cont).h + 5;
        header();
      } else if (r > 0) {
        Rule(y_, r == first_total ? 0.6 : 0.3, r == first_total ? kRule : kLine);
      }
      for (size_t i = 0; i < nc; ++i) {
        std::vector<PageLink> links;
        if (i < t.rows[r].size()) {
          const int source = outline_.SourceNumber(t.rows[r][i].provenance);
          if (source > 0 && Linked()) {
            links.push_back({x[i], y_, width[i], h, source});
          }
        }
        Place(cells[r + 1][i], x[i] + kCellPadX, y_ + kCellPadY + drop[r + 1][i], kInk,
              std::move(links));
      }
      y_ += h;
    }
    Rule(y_, 0.9, kRule);
    y_ += 4;
    for (const std::string& note : t.footnotes) {
      Flow(Plain(note, TextStyle{kNoteSize, false, false, kMuted}, kContentW, StartAlign()),
           kMarginX, kMuted);
      y_ += 1;
    }
    y_ += 10;
  }

  Status FigureBlock(const Figure& f) {
    const int number = outline_.figure_numbers.at(&f);
    Chart chart = ChartForDocument(doc_, f);
    if (chart.kind == ChartKind::kWorldMap) {
      // Fail during layout, with a clear message, rather than half-way through drawing.
      Result<const WorldMap*> map = LoadWorldMap(options_.data_dir);
      if (!map.ok()) return map.status().WithContext("figure " + std::to_string(number));
    }
    const std::string label =
        "<b>" + internal::EscapeMarkup(doc_.labels.figure + " " + std::to_string(number) + ":") +
        "</b> ";
    PangoLayout* caption =
        Markup(label + internal::EscapeMarkup(f.caption),
               TextStyle{kCaptionSize, false, false, kInk}, kContentW, PANGO_ALIGN_CENTER);
    std::vector<PangoLayout*> notes;
    double notes_h = 0;
    for (const std::string& note : f.notes) {
      notes.push_back(
          Plain(note, TextStyle{kNoteSize, false, false, kMuted}, kContentW, PANGO_ALIGN_CENTER));
      notes_h += internal::LayoutSize(notes.back()).h + 1;
    }
    const double caption_h = internal::LayoutSize(caption).h;
    double chart_h = ChartHeight(chart, kContentW);
    const double room = kBottom - kTop - caption_h - notes_h - 20;
    double chart_w = kContentW;
    if (chart_h > room) {  // too tall for a page: scale down, keeping the aspect
      chart_w = kContentW * room / chart_h;
      chart_h = room;
    }
    Space(8);
    Ensure(chart_h + 6 + caption_h + notes_h);
    std::vector<PageLink> links;
    Add(ChartOp{std::move(chart), Box{kMarginX + (kContentW - chart_w) / 2, y_, chart_w, chart_h},
                number});
    y_ += chart_h + 6;
    const int source = outline_.SourceNumber(f.provenance);
    if (source > 0 && Linked()) {
      links.push_back({kMarginX, y_, kContentW, caption_h, source});
    }
    Place(caption, kMarginX, y_, kInk, std::move(links));
    y_ += caption_h + 1;
    for (PangoLayout* note : notes) {
      Place(note, kMarginX, y_, kMuted);
      y_ += internal::LayoutSize(note).h + 1;
    }
    y_ += 12;
    return Status::Ok();
  }

  void Sources() {
    NewPage();
    Heading(doc_.labels.sources, "", 1, nullptr);
    if (!doc_.labels.sources_intro.empty()) {
      Flow(Plain(doc_.labels.sources_intro, TextStyle{9, false, false, kMuted}, kContentW,
                 StartAlign()),
           kMarginX, kMuted);
      y_ += 8;
    }
    constexpr double kIndent = 26;
    const TextStyle style{8.5, false, false, kInk};
    for (size_t i = 0; i < outline_.sources.size(); ++i) {
      const int n = static_cast<int>(i + 1);
      PangoLayout* body = Plain(outline_.sources[i], style, kContentW - kIndent, StartAlign());
      Hanging(std::to_string(n) + ".", style, body, kIndent, kInk, {}, Linked() ? n : 0);
      y_ += 2.5;
    }
  }

  // ---- drawing ----

  void DrawText(const TextOp& op) {
    char attrs[256];
    if (op.dest > 0) {
      std::snprintf(attrs, sizeof attrs, "name='source-%d'", op.dest);
      cairo_tag_begin(cr_, CAIRO_TAG_DEST, attrs);
    }
    SetColor(cr_, op.color);
    PangoLayoutIter* it = pango_layout_get_iter(op.layout);
    int i = 0;
    do {
      if (i >= op.first) {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, nullptr, &logical);
        const double baseline = Pt(pango_layout_iter_get_baseline(it));
        cairo_move_to(cr_, op.x + Pt(logical.x), op.y + baseline);
        pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it));
      }
      ++i;
    } while (i < op.end && pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    if (op.dest > 0) cairo_tag_end(cr_, CAIRO_TAG_DEST);
    for (const PageLink& link : op.links) {
      std::snprintf(attrs, sizeof attrs, "rect=[%.2f %.2f %.2f %.2f] dest='source-%d'", link.x,
                    link.y, link.w, link.h, link.source);
      cairo_tag_begin(cr_, CAIRO_TAG_LINK, attrs);
      cairo_tag_end(cr_, CAIRO_TAG_LINK);
    }
  }

  void DrawTocPage(const TocPageOp& op) {
    auto it = section_pages_.find(op.section);
    if (it == section_pages_.end()) return;
    GPtr<PangoLayout> l =
        ltr_tc_.Plain(std::to_string(it->second), TextStyle{9.5, op.bold, false, kInk});
    const double w = internal::LayoutSize(l.get()).w;
    internal::DrawLayout(cr_, l.get(), rtl_ ? op.x : op.x - w, op.y, kInk);
  }

  void RunningTitle() {
    GPtr<PangoLayout> l =
        tc_.Plain(doc_.title, TextStyle{8, false, false, kMuted}, kContentW, StartAlign());
    pango_layout_set_ellipsize(l.get(), PANGO_ELLIPSIZE_END);
    pango_layout_set_height(l.get(), 0);  // one line
    internal::DrawLayout(cr_, l.get(), kMarginX, kHeaderY, kMuted);
    SetColor(cr_, kLine);
    cairo_set_line_width(cr_, 0.5);
    cairo_move_to(cr_, kMarginX, kHeaderY + 15);
    cairo_line_to(cr_, kMarginX + kContentW, kHeaderY + 15);
    cairo_stroke(cr_);
  }

  void Footer(int page, int total) {
    // Always left to right, so "3 / 12" reads the same in every language.
    GPtr<PangoLayout> l =
        ltr_tc_.Plain(std::to_string(page) + " / " + std::to_string(total),
                      TextStyle{8.5, false, false, kMuted}, kContentW, PANGO_ALIGN_CENTER);
    internal::DrawLayout(cr_, l.get(), kMarginX, kFooterY, kMuted);
  }

  void Bookmarks(cairo_surface_t* surface) {
    std::vector<int> parents = {CAIRO_PDF_OUTLINE_ROOT};
    char attrs[128];
    for (const Bookmark& b : bookmarks_) {
      const size_t depth = std::max<size_t>(1, std::min<size_t>(b.depth, parents.size()));
      std::snprintf(attrs, sizeof attrs, "page=%d pos=[%.2f %.2f]", b.page, kMarginX, b.y);
      const int id = cairo_pdf_surface_add_outline(
          surface, parents[depth - 1], internal::ValidUtf8(b.text).c_str(), attrs,
          depth == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : static_cast<cairo_pdf_outline_flags_t>(0));
      parents.resize(depth);
      parents.push_back(id);
    }
  }

  const Document& doc_;
  const PdfOptions& options_;
  cairo_t* cr_;
  const DocumentOutline outline_;
  const bool rtl_;
  TextContext tc_;
  TextContext ltr_tc_;
  std::vector<GPtr<PangoLayout>> layouts_;
  std::vector<std::vector<Op>> pages_;
  std::vector<Bookmark> bookmarks_;
  std::map<const Section*, int> section_pages_;
  double y_ = kTop;
};

}  // namespace

Result<RenderedPdf> RenderPdf(const Document& document, const PdfOptions& options) {
  RenderedPdf out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(internal::AppendToString, &out.bytes, kPageW, kPageH);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                 internal::ValidUtf8(document.title).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "BSG Platform");
  if (!options.author.empty()) {
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR,
                                   internal::ValidUtf8(options.author).c_str());
  }
  if (!options.creation_date.empty()) {
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                   options.creation_date.c_str());
  }
  cairo_t* cr = cairo_create(surface);
  Status status = Status::Ok();
  {
    PdfWriter writer(document, options, cr);
    status = writer.Layout();
    if (status.ok()) status = writer.Draw(surface);
    out.pages = writer.pages();
  }
  const cairo_status_t draw_status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t surface_status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (!status.ok()) return status;
  if (draw_status != CAIRO_STATUS_SUCCESS || surface_status != CAIRO_STATUS_SUCCESS) {
    return Status::Internal(
        "render.cairo",
        std::string("PDF rendering failed: ") +
            cairo_status_to_string(draw_status != CAIRO_STATUS_SUCCESS ? draw_status
                                                                       : surface_status));
  }
  return out;
}

}  // namespace bsg::render
