#include "platform/render/chart.h"

#include <cairo-svg.h>
#include <cairo.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "platform/render/chart_internal.h"
#include "platform/render/renderer_csv.h"
#include "platform/render/text_internal.h"
#include "platform/render/world_map.h"

namespace bsg::render {
namespace {

using internal::GPtr;
using internal::Rgb;
using internal::SetColor;
using internal::TextContext;
using internal::TextStyle;

// Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
// deficiency. Blue first; yellow late because it is weak on white.
constexpr Rgb kSeriesColors[] = {Rgb::Hex(0x0072B2), Rgb::Hex(0xE69F00), Rgb::Hex(0x009E73),
                                 Rgb::Hex(0xD55E00), Rgb::Hex(0x56B4E9), Rgb::Hex(0xCC79A7),
                                 Rgb::Hex(0xF0E442), Rgb::Hex(0x000000)};
constexpr Rgb kText = Rgb::Hex(0x333333);
constexpr Rgb kMuted = Rgb::Hex(0x666666);
constexpr Rgb kGrid = Rgb::Hex(0xE3E3E3);
constexpr Rgb kAxis = Rgb::Hex(0x8C8C8C);
constexpr Rgb kNoDataFill = Rgb::Hex(0xE6E6E6);
constexpr Rgb kNoDataHatch = Rgb::Hex(0x9A9A9A);
constexpr Rgb kMapZero = Rgb::Hex(0xDEEBF7);   // lightest blue: zero, distinct from no data
constexpr Rgb kMapLow = Rgb::Hex(0x9ECAE1);    // ColorBrewer Blues, positive classes from
constexpr Rgb kMapHigh = Rgb::Hex(0x08519C);   // kMapLow to kMapHigh
constexpr Rgb kMapLand = Rgb::Hex(0xDCE4EC);   // countries with data under point symbols
constexpr Rgb kMapPoint = Rgb::Hex(0xD55E00);  // Okabe-Ito vermillion
constexpr Rgb kWhite = Rgb::Hex(0xFFFFFF);

constexpr double kLabelSize = 8;
constexpr double kValueSize = 7.5;
constexpr double kTitleSize = 9.5;

const Rgb& SeriesColor(size_t i) { return kSeriesColors[i % std::size(kSeriesColors)]; }

std::optional<double> ValueAt(const ChartSeries& s, size_t i) {
  if (i >= s.values.size() || !s.values[i] || !std::isfinite(*s.values[i])) return std::nullopt;
  return s.values[i];
}

bool IsMissing(const ChartSeries& s, size_t i) { return !ValueAt(s, i).has_value(); }

// Fills the current path grey and hatches it: the one look of "no data" everywhere. When
// `border` > 0 the path is also outlined in white that wide, in the same operation. The hatch is
// lines clipped to the path (a repeating-pattern tile would show seams in some PDF viewers).
void FillHatched(cairo_t* cr, double border = 0) {
  double x1, y1, x2, y2;
  cairo_path_extents(cr, &x1, &y1, &x2, &y2);
  cairo_save(cr);
  SetColor(cr, kNoDataFill);
  cairo_fill_preserve(cr);
  if (border > 0) {
    SetColor(cr, kWhite);
    cairo_set_line_width(cr, border);
    cairo_stroke_preserve(cr);
  }
  cairo_clip(cr);
  SetColor(cr, kNoDataHatch);
  cairo_set_line_width(cr, 0.6);
  const double h = y2 - y1;
  for (double d = std::floor((x1 - h) / 3.5) * 3.5; d <= x2; d += 3.5) {
    cairo_move_to(cr, d, y2);
    cairo_line_to(cr, d + h, y1);
  }
  cairo_stroke(cr);
  cairo_restore(cr);
}

int StepDecimals(double step) {
  int d = 0;
  double scaled = step;
  while (d < 6 && std::fabs(scaled - std::round(scaled)) > 1e-6 * std::max(1.0, scaled)) {
    scaled *= 10;
    ++d;
  }
  return d;
}

double NiceNumber(double x, bool integral) {
  const double e = std::floor(std::log10(x));
  const double p = std::pow(10, e);
  const double f = x / p;
  double nf = 10;
  if (f <= 1) {
    nf = 1;
  } else if (f <= 2) {
    nf = 2;
  } else if (f <= 2.5 && !(integral && e < 1)) {
    nf = 2.5;
  } else if (f <= 5) {
    nf = 5;
  }
  return nf * p;
}

// ---- legend -------------------------------------------------------------------------------

struct LegendItem {
  enum class Kind { kSwatch, kHatch, kLine, kCircle };
  Kind kind = Kind::kSwatch;
  Rgb color;
  std::string label;
  double radius = 0;  // kCircle
};

// Lays the items out in rows within `width` starting at (x, y); draws them when `draw`.
// Returns the height used.
double Legend(cairo_t* cr, const TextContext& tc, const std::string& title,
              const std::vector<LegendItem>& items, double x, double y, double width, bool draw) {
  if (items.empty()) return 0;
  const TextStyle style{kLabelSize, false, false, kText};
  constexpr double kSwatch = 9;
  constexpr double kGap = 12;
  double cx = x, row_y = y, row_h = 0, used = 0;
  auto place = [&](double w, double h) {
    if (cx > x && cx + w > x + width) {
      row_y += row_h + 4;
      cx = x;
      row_h = 0;
    }
    double at = cx;
    cx += w + kGap;
    row_h = std::max(row_h, h);
    used = row_y + row_h - y;
    return at;
  };
  if (!title.empty()) {
    GPtr<PangoLayout> l = tc.Plain(title, TextStyle{kLabelSize, true, false, kText});
    internal::Size s = internal::LayoutSize(l.get());
    double at = place(s.w, s.h);
    if (draw) internal::DrawLayout(cr, l.get(), at, row_y, kText);
  }
  for (const LegendItem& item : items) {
    GPtr<PangoLayout> l = tc.Plain(item.label, style);
    internal::Size s = internal::LayoutSize(l.get());
    const double mark = item.kind == LegendItem::Kind::kCircle ? 2 * item.radius : kSwatch;
    const double h = std::max(s.h, mark);
    const double at = place(mark + 4 + s.w, h);
    if (!draw) continue;
    const double mid = row_y + h / 2;
    switch (item.kind) {
      case LegendItem::Kind::kSwatch:
        SetColor(cr, item.color);
        cairo_rectangle(cr, at, mid - kSwatch / 2, kSwatch, kSwatch);
        cairo_fill(cr);
        break;
      case LegendItem::Kind::kHatch:
        cairo_rectangle(cr, at, mid - kSwatch / 2, kSwatch, kSwatch);
        FillHatched(cr);
        break;
      case LegendItem::Kind::kLine:
        SetColor(cr, item.color);
        cairo_set_line_width(cr, 2);
        cairo_move_to(cr, at, mid);
        cairo_line_to(cr, at + kSwatch, mid);
        cairo_stroke(cr);
        cairo_new_path(cr);
        cairo_arc(cr, at + kSwatch / 2, mid, 2.4, 0, 2 * M_PI);
        cairo_fill(cr);
        break;
      case LegendItem::Kind::kCircle:
        SetColor(cr, item.color, 0.8);
        cairo_new_path(cr);  // no line from the last text's current point
        cairo_arc(cr, at + item.radius, mid, item.radius, 0, 2 * M_PI);
        cairo_fill_preserve(cr);
        SetColor(cr, kWhite);
        cairo_set_line_width(cr, 0.5);
        cairo_stroke(cr);
        break;
    }
    internal::DrawLayout(cr, l.get(), at + mark + 4, mid - s.h / 2, kText);
  }
  return used;
}

// Draws a plain title line at the top of `box` and shrinks the box below it.
void Title(cairo_t* cr, const TextContext& tc, const std::string& title, Box& box) {
  if (title.empty()) return;
  GPtr<PangoLayout> l = tc.Plain(title, TextStyle{kTitleSize, true, false, kText}, box.w);
  internal::DrawLayout(cr, l.get(), box.x, box.y, kText);
  const double h = internal::LayoutSize(l.get()).h + 4;
  box.y += h;
  box.h -= h;
}

// ---- bar and line charts ------------------------------------------------------------------

// Draws a bar, stacked-bar or line chart into a box: title, legend, axes, then the marks.
// Borrows the cairo context, chart and text context for one Draw().
class CartesianChart {
 public:
  CartesianChart(cairo_t* cr, const Chart& chart, const TextContext& tc)
      : cr_(cr), chart_(chart), tc_(tc), n_(chart.categories.size()) {}

  void Draw(Box box) {
    Title(cr_, tc_, chart_.title, box);
    LegendBlock(box);
    Scale();
    if (chart_.horizontal && chart_.kind != ChartKind::kLine) {
      LayoutHorizontal(box);
    } else {
      LayoutVertical(box);
    }
    Grid();
    if (chart_.kind == ChartKind::kLine) {
      Lines();
    } else if (chart_.kind == ChartKind::kStackedBar || chart_.kind == ChartKind::kStackedPercent) {
      Stacks();
    } else {
      Bars();
    }
  }

 private:
  bool Stacked() const {
    return chart_.kind == ChartKind::kStackedBar || chart_.kind == ChartKind::kStackedPercent;
  }
  bool Horizontal() const { return chart_.horizontal && chart_.kind != ChartKind::kLine; }
  bool AnyMissing() const {
    for (const ChartSeries& s : chart_.series) {
      for (size_t i = 0; i < n_; ++i) {
        if (IsMissing(s, i)) return true;
      }
    }
    return false;
  }
  bool CategoryMissing(size_t i) const {
    for (const ChartSeries& s : chart_.series) {
      if (IsMissing(s, i)) return true;
    }
    return false;
  }
  double StackTotal(size_t i) const {
    double t = 0;
    for (const ChartSeries& s : chart_.series) t += std::max(0.0, ValueAt(s, i).value_or(0));
    return t;
  }

  void LegendBlock(Box& box) {
    std::vector<LegendItem> items;
    const bool many =
        chart_.series.size() > 1 || chart_.kind == ChartKind::kGroupedBar || Stacked();
    if (many) {
      for (size_t k = 0; k < chart_.series.size(); ++k) {
        items.push_back(
            {chart_.kind == ChartKind::kLine ? LegendItem::Kind::kLine : LegendItem::Kind::kSwatch,
             SeriesColor(k), chart_.series[k].name});
      }
    }
    if (AnyMissing()) items.push_back({LegendItem::Kind::kHatch, {}, chart_.no_data_label});
    if (items.empty()) return;
    const double h = Legend(cr_, tc_, "", items, box.x, box.y, box.w, true) + 6;
    box.y += h;
    box.h -= h;
  }

  void Scale() {
    double lo = 0, hi = 0;
    bool integral = true;
    for (size_t i = 0; i < n_; ++i) {
      if (Stacked()) {
        hi = std::max(hi, StackTotal(i));
      }
      for (const ChartSeries& s : chart_.series) {
        auto v = ValueAt(s, i);
        if (!v) continue;
        if (!Stacked()) {
          lo = std::min(lo, *v);
          hi = std::max(hi, *v);
        }
        if (*v != std::floor(*v)) integral = false;
      }
    }
    if (chart_.kind == ChartKind::kStackedPercent) {
      scale_ = {0, 100, 20};
      integral = true;
    } else {
      scale_ = NiceScale(lo, hi, Horizontal() ? 6 : 6, integral);
    }
    tick_decimals_ = StepDecimals(scale_.step);
    value_decimals_ = ChartDecimals(chart_);
  }

  std::string TickLabel(double v) const {
    return FormatNumber(v, tick_decimals_) + chart_.value_suffix;
  }
  std::string ValueLabel(double v) const {
    return FormatNumber(v, value_decimals_) + chart_.value_suffix;
  }

  // Position of value `v` along the value axis.
  double Pos(double v) const {
    const double t = (v - scale_.lo) / (scale_.hi - scale_.lo);
    return Horizontal() ? plot_.x + t * plot_.w : plot_.y + plot_.h - t * plot_.h;
  }

  void LayoutVertical(Box box) {
    const TextStyle label{kLabelSize, false, false, kMuted};
    double tick_w = 0;
    for (double t : scale_.Ticks()) {
      GPtr<PangoLayout> l = tc_.Plain(TickLabel(t), label);
      tick_w = std::max(tick_w, internal::LayoutSize(l.get()).w);
    }
    double top = 0;
    if (!chart_.value_label.empty()) {
      GPtr<PangoLayout> l = tc_.Plain(chart_.value_label, label);
      internal::DrawLayout(cr_, l.get(), box.x, box.y, kMuted);
      top = internal::LayoutSize(l.get()).h + 4;
    }
    double bottom_title = 0;
    GPtr<PangoLayout> axis_title;
    if (!chart_.category_label.empty()) {
      axis_title = tc_.Plain(chart_.category_label, label);
      bottom_title = internal::LayoutSize(axis_title.get()).h + 2;
    }
    plot_.x = box.x + tick_w + 6;
    plot_.w = std::max(10.0, box.x + box.w - 4 - plot_.x);
    slot_ = n_ > 0 ? plot_.w / static_cast<double>(n_) : plot_.w;

    // Category labels: wrapped to the slot; thinned when even single words do not fit.
    double widest = 0;
    std::vector<GPtr<PangoLayout>> natural;
    for (const std::string& c : chart_.categories) {
      natural.push_back(tc_.Plain(c, label));
      widest = std::max(widest, internal::LayoutSize(natural.back().get()).w);
    }
    size_t every = 1;
    if (widest > slot_ - 2 && n_ > 8) {
      every = static_cast<size_t>(std::ceil((widest + 6) / slot_));
    }
    std::vector<GPtr<PangoLayout>> labels;
    double label_h = 0;
    for (size_t i = 0; i < n_; ++i) {
      if (i % every != 0) {
        labels.emplace_back();
        continue;
      }
      labels.push_back(every > 1
                           ? std::move(natural[i])
                           : tc_.Plain(chart_.categories[i], label, slot_ - 2, PANGO_ALIGN_CENTER));
      label_h = std::max(label_h, internal::LayoutSize(labels.back().get()).h);
    }
    plot_.y = box.y + top + (chart_.show_values ? 10 : 4);
    plot_.h = std::max(10.0, box.y + box.h - label_h - 4 - bottom_title - plot_.y);
    for (size_t i = 0; i < n_; ++i) {
      if (!labels[i]) continue;
      const double w = every > 1 ? internal::LayoutSize(labels[i].get()).w : slot_ - 2;
      const double cx = plot_.x + (i + 0.5) * slot_;
      internal::DrawLayout(cr_, labels[i].get(), cx - w / 2, plot_.y + plot_.h + 4, kMuted);
    }
    if (axis_title) {
      const double w = internal::LayoutSize(axis_title.get()).w;
      internal::DrawLayout(cr_, axis_title.get(), plot_.x + (plot_.w - w) / 2,
                           plot_.y + plot_.h + 4 + label_h + 2, kMuted);
    }
    for (double t : scale_.Ticks()) {
      GPtr<PangoLayout> l = tc_.Plain(TickLabel(t), label);
      internal::Size s = internal::LayoutSize(l.get());
      internal::DrawLayout(cr_, l.get(), plot_.x - 6 - s.w, Pos(t) - s.h / 2, kMuted);
    }
  }

  void LayoutHorizontal(Box box) {
    const TextStyle label{kLabelSize, false, false, kMuted};
    const double max_label_w = box.w * 0.32;
    double label_w = 0;
    std::vector<GPtr<PangoLayout>> labels;
    for (const std::string& c : chart_.categories) {
      labels.push_back(tc_.Plain(c, label, max_label_w, PANGO_ALIGN_RIGHT));
      GPtr<PangoLayout> natural = tc_.Plain(c, label);
      label_w = std::max(label_w, std::min(max_label_w, internal::LayoutSize(natural.get()).w));
    }
    double tick_h = 0;
    for (double t : scale_.Ticks()) {
      GPtr<PangoLayout> l = tc_.Plain(TickLabel(t), label);
      tick_h = std::max(tick_h, internal::LayoutSize(l.get()).h);
    }
    double bottom_title = 0;
    GPtr<PangoLayout> axis_title;
    if (!chart_.value_label.empty()) {
      axis_title = tc_.Plain(chart_.value_label, label);
      bottom_title = internal::LayoutSize(axis_title.get()).h + 2;
    }
    double top = 0;
    if (!chart_.category_label.empty()) {
      GPtr<PangoLayout> l = tc_.Plain(chart_.category_label, label);
      internal::DrawLayout(cr_, l.get(), box.x, box.y, kMuted);
      top = internal::LayoutSize(l.get()).h + 4;
    }
    plot_.x = box.x + label_w + 6;
    plot_.w = std::max(10.0, box.x + box.w - (chart_.show_values ? 30 : 8) - plot_.x);
    plot_.y = box.y + top;
    plot_.h = std::max(10.0, box.y + box.h - tick_h - 4 - bottom_title - plot_.y);
    slot_ = n_ > 0 ? plot_.h / static_cast<double>(n_) : plot_.h;
    for (size_t i = 0; i < n_; ++i) {
      // Right-aligned in a column as wide as the widest label, ending at the plot.
      pango_layout_set_width(labels[i].get(), static_cast<int>(label_w * PANGO_SCALE));
      internal::Size s = internal::LayoutSize(labels[i].get());
      internal::DrawLayout(cr_, labels[i].get(), plot_.x - 6 - label_w,
                           plot_.y + (i + 0.5) * slot_ - s.h / 2, kMuted);
    }
    for (double t : scale_.Ticks()) {
      GPtr<PangoLayout> l = tc_.Plain(TickLabel(t), label);
      internal::Size s = internal::LayoutSize(l.get());
      internal::DrawLayout(cr_, l.get(), Pos(t) - s.w / 2, plot_.y + plot_.h + 4, kMuted);
    }
    if (axis_title) {
      const double w = internal::LayoutSize(axis_title.get()).w;
      internal::DrawLayout(cr_, axis_title.get(), plot_.x + (plot_.w - w) / 2,
                           plot_.y + plot_.h + 4 + tick_h + 2, kMuted);
    }
  }

  void Grid() {
    cairo_set_line_width(cr_, 0.5);
    SetColor(cr_, kGrid);
    for (double t : scale_.Ticks()) {
      const double p = Pos(t);
      if (Horizontal()) {
        cairo_move_to(cr_, p, plot_.y);
        cairo_line_to(cr_, p, plot_.y + plot_.h);
      } else {
        cairo_move_to(cr_, plot_.x, p);
        cairo_line_to(cr_, plot_.x + plot_.w, p);
      }
    }
    cairo_stroke(cr_);
  }

  void Baseline() {
    const double p = Pos(std::clamp(0.0, scale_.lo, scale_.hi));
    SetColor(cr_, kAxis);
    cairo_set_line_width(cr_, 0.8);
    if (Horizontal()) {
      cairo_move_to(cr_, p, plot_.y);
      cairo_line_to(cr_, p, plot_.y + plot_.h);
    } else {
      cairo_move_to(cr_, plot_.x, p);
      cairo_line_to(cr_, plot_.x + plot_.w, p);
    }
    cairo_stroke(cr_);
  }

  // A rectangle spanning values [a, b] across [c0, c0 + thickness] of the category axis.
  void ValueRect(double a, double b, double c0, double thickness) {
    const double p = Pos(a), q = Pos(b);
    if (Horizontal()) {
      cairo_rectangle(cr_, std::min(p, q), c0, std::fabs(q - p), thickness);
    } else {
      cairo_rectangle(cr_, c0, std::min(p, q), thickness, std::fabs(q - p));
    }
  }

  // The "no data" mark: a hatched band across the whole value axis.
  void NoDataBand(double c0, double thickness) {
    ValueRect(scale_.lo, scale_.hi, c0, thickness);
    FillHatched(cr_);
  }

  // A value label at the end of a bar; returns false when it does not fit the bar's thickness.
  bool FitsLabel(double thickness, const std::string& text) const {
    GPtr<PangoLayout> l = tc_.Plain(text, TextStyle{kValueSize, false, false, kText});
    internal::Size s = internal::LayoutSize(l.get());
    return Horizontal() ? s.h <= thickness + 2 : s.w <= thickness + 4;
  }
  void EndLabel(double v, double c0, double thickness) {
    GPtr<PangoLayout> l = tc_.Plain(ValueLabel(v), TextStyle{kValueSize, false, false, kText});
    internal::Size s = internal::LayoutSize(l.get());
    const double p = Pos(v);
    if (Horizontal()) {
      const double x = v >= 0 ? p + 3 : p - 3 - s.w;
      internal::DrawLayout(cr_, l.get(), x, c0 + (thickness - s.h) / 2, kText);
    } else {
      const double y = v >= 0 ? p - s.h - 1 : p + 1;
      internal::DrawLayout(cr_, l.get(), c0 + (thickness - s.w) / 2, y, kText);
    }
  }

  void Bars() {
    const size_t k = std::max<size_t>(1, chart_.series.size());
    const double group = slot_ * (k == 1 ? 0.62 : 0.78);
    const double bar = group / static_cast<double>(k);
    const double origin = Horizontal() ? plot_.y : plot_.x;
    bool labels = chart_.show_values;
    for (size_t i = 0; labels && i < n_; ++i) {
      for (const ChartSeries& s : chart_.series) {
        if (auto v = ValueAt(s, i); v && !FitsLabel(bar, ValueLabel(*v))) labels = false;
      }
    }
    for (size_t i = 0; i < n_; ++i) {
      for (size_t j = 0; j < chart_.series.size(); ++j) {
        const double c0 = origin + i * slot_ + (slot_ - group) / 2 + j * bar;
        const double gap = k > 1 ? std::min(1.0, bar * 0.1) : 0;
        auto v = ValueAt(chart_.series[j], i);
        if (!v) {
          NoDataBand(c0 + gap / 2, bar - gap);
          continue;
        }
        SetColor(cr_, SeriesColor(j));
        ValueRect(0, *v, c0 + gap / 2, bar - gap);
        cairo_fill(cr_);
      }
    }
    Baseline();
    if (!labels) return;
    for (size_t i = 0; i < n_; ++i) {
      for (size_t j = 0; j < chart_.series.size(); ++j) {
        const double c0 = origin + i * slot_ + (slot_ - group) / 2 + j * bar;
        if (auto v = ValueAt(chart_.series[j], i)) EndLabel(*v, c0, bar);
      }
    }
  }

  void Stacks() {
    const double bar = slot_ * 0.62;
    const double origin = Horizontal() ? plot_.y : plot_.x;
    const bool percent = chart_.kind == ChartKind::kStackedPercent;
    for (size_t i = 0; i < n_; ++i) {
      const double c0 = origin + i * slot_ + (slot_ - bar) / 2;
      const double total = StackTotal(i);
      if (CategoryMissing(i)) {
        // Incomplete stacks are marked behind, so the known part still shows.
        NoDataBand(c0 - 2, bar + 4);
      }
      double base = 0;
      for (size_t j = 0; j < chart_.series.size(); ++j) {
        double v = std::max(0.0, ValueAt(chart_.series[j], i).value_or(0));
        if (percent) v = total > 0 ? v * 100 / total : 0;
        if (v <= 0) continue;
        SetColor(cr_, SeriesColor(j));
        ValueRect(base, base + v, c0, bar);
        cairo_fill(cr_);
        base += v;
      }
      if (!percent && chart_.show_values && total > 0 && FitsLabel(bar, ValueLabel(total))) {
        EndLabel(total, c0, bar);
      }
    }
    Baseline();
  }

  void Lines() {
    Baseline();
    auto x_at = [&](size_t i) { return plot_.x + (i + 0.5) * slot_; };
    for (size_t i = 0; i < n_; ++i) {
      if (CategoryMissing(i))
        NoDataBand(x_at(i) - std::min(7.0, slot_ * 0.3), std::min(14.0, slot_ * 0.6));
    }
    for (size_t j = 0; j < chart_.series.size(); ++j) {
      const ChartSeries& s = chart_.series[j];
      SetColor(cr_, SeriesColor(j));
      cairo_set_line_width(cr_, 1.8);
      cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
      bool pen = false;
      for (size_t i = 0; i < n_; ++i) {
        auto v = ValueAt(s, i);
        if (!v) {
          pen = false;  // a gap, never a line through missing data
          continue;
        }
        if (pen) {
          cairo_line_to(cr_, x_at(i), Pos(*v));
        } else {
          cairo_move_to(cr_, x_at(i), Pos(*v));
        }
        pen = true;
      }
      cairo_stroke(cr_);
      for (size_t i = 0; i < n_; ++i) {
        auto v = ValueAt(s, i);
        if (!v) continue;
        cairo_arc(cr_, x_at(i), Pos(*v), 2.6, 0, 2 * M_PI);
        SetColor(cr_, SeriesColor(j));
        cairo_fill_preserve(cr_);
        SetColor(cr_, kWhite);
        cairo_set_line_width(cr_, 0.8);
        cairo_stroke(cr_);
      }
    }
    if (chart_.show_values && chart_.series.size() == 1 && n_ <= 16) {
      for (size_t i = 0; i < n_; ++i) {
        auto v = ValueAt(chart_.series[0], i);
        if (!v) continue;
        GPtr<PangoLayout> l = tc_.Plain(ValueLabel(*v), TextStyle{kValueSize, false, false, kText});
        internal::Size s = internal::LayoutSize(l.get());
        internal::DrawLayout(cr_, l.get(), x_at(i) - s.w / 2, Pos(*v) - s.h - 3, kText);
      }
    }
  }

  cairo_t* cr_;
  const Chart& chart_;
  const TextContext& tc_;
  size_t n_;
  AxisScale scale_;
  int tick_decimals_ = 0;
  int value_decimals_ = 0;
  Box plot_;
  double slot_ = 1;
};

// ---- world map ----------------------------------------------------------------------------

// Adds the country's outline to the path. Points closer than `tolerance` (box units) to the last
// point kept, and rings smaller than that, add nothing visible and are dropped: this halves the
// size of a map in PDF and SVG.
void CountryPath(cairo_t* cr, const MapCountry& c, const MapFrame& f, double tolerance) {
  for (const MapPolygon& polygon : c.polygons) {
    for (const MapRing& ring : polygon) {
      double x0 = f.X(ring[0]), y0 = f.Y(ring[0]);
      double min_x = x0, max_x = x0, min_y = y0, max_y = y0;
      for (const MapPoint& p : ring) {
        min_x = std::min(min_x, f.X(p));
        max_x = std::max(max_x, f.X(p));
        min_y = std::min(min_y, f.Y(p));
        max_y = std::max(max_y, f.Y(p));
      }
      if (max_x - min_x < tolerance && max_y - min_y < tolerance) continue;
      cairo_move_to(cr, x0, y0);
      for (size_t i = 1; i < ring.size(); ++i) {
        const double x = f.X(ring[i]), y = f.Y(ring[i]);
        if (std::fabs(x - x0) + std::fabs(y - y0) < tolerance) continue;
        cairo_line_to(cr, x, y);
        x0 = x;
        y0 = y;
      }
      cairo_close_path(cr);
    }
  }
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

Rgb Mix(const Rgb& a, const Rgb& b, double t) {
  return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

struct MapClasses {
  std::vector<double> upper;  // upper bounds of the positive classes, ascending
  std::vector<Rgb> colors;
  std::vector<std::string> labels;
  int ClassOf(double v) const {
    for (size_t i = 0; i < upper.size(); ++i) {
      if (v <= upper[i] * (1 + 1e-12)) return static_cast<int>(i);
    }
    return static_cast<int>(upper.size()) - 1;
  }
};

// Classes for positive values: the chart's breaks, or quartiles rounded to nice numbers, so a
// few large countries do not wash everyone else into the first class.
MapClasses Classify(const Chart& chart, std::vector<double> positives, int decimals,
                    bool integral) {
  MapClasses m;
  if (positives.empty()) return m;
  std::sort(positives.begin(), positives.end());
  const double max = positives.back();
  std::vector<double> bounds = chart.map_breaks;
  if (bounds.empty()) {
    for (double q : {0.25, 0.5, 0.75}) {
      double v = positives[static_cast<size_t>(q * (positives.size() - 1))];
      double nice = v <= 0 ? v : NiceNumber(v, integral);
      if (integral) nice = std::max(1.0, std::round(nice));
      if (nice < max) bounds.push_back(nice);
    }
  }
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  bounds.erase(std::remove_if(bounds.begin(), bounds.end(), [&](double b) { return b >= max; }),
               bounds.end());
  bounds.push_back(max);
  m.upper = bounds;
  const size_t k = bounds.size();
  double prev = 0;
  for (size_t i = 0; i < k; ++i) {
    m.colors.push_back(k == 1 ? Mix(kMapLow, kMapHigh, 0.6)
                              : Mix(kMapLow, kMapHigh, static_cast<double>(i) / (k - 1)));
    std::string label;
    if (integral) {
      const double lo = prev + 1, hi = bounds[i];
      label = lo >= hi ? FormatNumber(hi, 0) : FormatNumber(lo, 0) + "\u2013" + FormatNumber(hi, 0);
    } else {
      label =
          (i == 0 ? std::string("\u2264 ") + FormatNumber(bounds[i], decimals)
                  : FormatNumber(prev, decimals) + "\u2013" + FormatNumber(bounds[i], decimals));
    }
    m.labels.push_back(label + chart.value_suffix);
    prev = bounds[i];
  }
  return m;
}

// Everything about a map that is decided before drawing: values, classes, legend, frame.
struct MapPlan {
  std::map<std::string, std::optional<double>> values;
  bool points = false;
  MapClasses classes;
  double vmax = 1;
  double rmax = 4;
  std::vector<LegendItem> items;
  Box area;
  MapFrame frame;
  double legend_x = 0;
  double legend_w = 0;
};

// `box` is the chart's box below its title.
MapPlan PlanMap(cairo_t* cr, const Chart& chart, const Box& box, const TextContext& tc,
                const WorldMap& map) {
  MapPlan plan;
  auto& values = plan.values;
  const ChartSeries& series = chart.series.front();
  for (size_t i = 0; i < chart.categories.size(); ++i) {
    values[Upper(chart.categories[i])] = ValueAt(series, i);
  }
  std::vector<double> positives;
  bool any_zero = false, integral = true;
  for (const auto& [code, v] : values) {
    if (!v) continue;
    if (*v > 0) positives.push_back(*v);
    if (*v == 0) any_zero = true;
    if (*v != std::floor(*v)) integral = false;
  }
  const int decimals = ChartDecimals(chart);
  const bool points = plan.points = chart.map_mode == MapMode::kPoints;
  const MapClasses& classes = plan.classes = Classify(chart, positives, decimals, integral);
  const double vmax = plan.vmax =
      positives.empty() ? 1 : *std::max_element(positives.begin(), positives.end());

  // Legend below the map; measured first to know the map's height.
  auto& items = plan.items;
  items.push_back({LegendItem::Kind::kHatch, {}, chart.no_data_label});
  const double rmax = plan.rmax = std::max(4.0, box.w * 0.028);
  if (points) {
    items.push_back({LegendItem::Kind::kSwatch, kMapLand, "0"});
    std::vector<double> shown;
    if (!positives.empty()) {
      double top = NiceNumber(vmax, integral);
      if (top > vmax) top = vmax;
      shown = {top / 4, top};
      if (integral) shown = {std::max(1.0, std::round(top / 4)), std::round(top)};
    }
    for (double v : shown) {
      items.push_back({LegendItem::Kind::kCircle, kMapPoint,
                       FormatNumber(v, integral ? 0 : decimals) + chart.value_suffix,
                       rmax * std::sqrt(v / vmax)});
    }
  } else {
    if (any_zero) items.push_back({LegendItem::Kind::kSwatch, kMapZero, "0" + chart.value_suffix});
    for (size_t i = 0; i < classes.upper.size(); ++i) {
      items.push_back({LegendItem::Kind::kSwatch, classes.colors[i], classes.labels[i]});
    }
  }
  // The legend starts at the map's left edge, and the map's width depends on the height left by
  // the legend: settle both in a few rounds.
  plan.legend_x = box.x;
  plan.legend_w = box.w;
  for (int round = 0; round < 3; ++round) {
    const double legend_h = Legend(cr, tc, chart.value_label, items, 0, 0, plan.legend_w, false);
    plan.area = Box{box.x, box.y, box.w, std::max(10.0, box.h - legend_h - 6)};
    plan.frame = FitMap(map, plan.area, chart.map_antarctica);
    const double left = std::max(box.x, box.x + (box.w - plan.frame.width) / 2);
    if (std::fabs(left - plan.legend_x) < 1) break;
    plan.legend_x = left;
    plan.legend_w = box.x + box.w - left;
  }
  return plan;
}

Status DrawMap(cairo_t* cr, const Chart& chart, Box box, const TextContext& tc,
               const ChartOptions& options) {
  BSG_ASSIGN_OR_RETURN(const WorldMap* map, LoadWorldMap(options.data_dir));
  Title(cr, tc, chart.title, box);
  const MapPlan plan = PlanMap(cr, chart, box, tc, *map);
  const auto& values = plan.values;
  const bool points = plan.points;
  const MapClasses& classes = plan.classes;
  const double vmax = plan.vmax;
  const double rmax = plan.rmax;
  const auto& items = plan.items;
  const Box& area = plan.area;
  const MapFrame& frame = plan.frame;

  cairo_save(cr);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  const double border = std::max(0.25, area.w / 1600);
  // A thousandth of the map's width: a seventh of a millimetre on an A4 page.
  const double tolerance = std::max(0.3, frame.width / 1000);
  std::vector<const MapCountry*> no_data;
  std::vector<std::pair<const MapCountry*, Rgb>> filled;
  std::vector<std::pair<double, const MapCountry*>> symbols;
  for (const MapCountry& c : map->countries()) {
    if (!chart.map_antarctica && c.alpha2 == "AQ") continue;
    auto it = c.alpha2.empty() ? values.end() : values.find(c.alpha2);
    if (it == values.end() || !it->second) {
      no_data.push_back(&c);
      continue;
    }
    const double v = *it->second;
    Rgb color = kMapLand;
    if (points) {
      if (v > 0) symbols.emplace_back(v, &c);
    } else {
      color = v <= 0 ? kMapZero : classes.colors[classes.ClassOf(v)];
    }
    filled.emplace_back(&c, color);
  }
  // Countries without data: one hatched area, then their thin white borders.
  if (!no_data.empty()) {
    for (const MapCountry* c : no_data) CountryPath(cr, *c, frame, tolerance);
    FillHatched(cr, border);
  }
  // Countries with data, each filled and outlined from one path.
  cairo_set_line_width(cr, border);
  for (const auto& [c, color] : filled) {
    CountryPath(cr, *c, frame, tolerance);
    SetColor(cr, color);
    cairo_fill_preserve(cr);
    SetColor(cr, kWhite);
    cairo_stroke(cr);
  }
  // Largest circles first so that small ones stay visible on top.
  std::sort(symbols.begin(), symbols.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [v, c] : symbols) {
    const double r = std::max(1.2, rmax * std::sqrt(v / vmax));
    cairo_new_path(cr);
    cairo_arc(cr, frame.X(c->label_point), frame.Y(c->label_point), r, 0, 2 * M_PI);
    SetColor(cr, kMapPoint, 0.8);
    cairo_fill_preserve(cr);
    SetColor(cr, kWhite);
    cairo_set_line_width(cr, 0.5);
    cairo_stroke(cr);
  }
  cairo_restore(cr);

  Legend(cr, tc, chart.value_label, items, plan.legend_x, area.y + area.h + 6, plan.legend_w, true);
  return Status::Ok();
}

Status Validate(const Chart& chart) {
  for (const ChartSeries& s : chart.series) {
    if (s.values.size() > chart.categories.size()) {
      return Status::InvalidArgument("chart.invalid",
                                     "Series \"" + s.name + "\" has more values than categories");
    }
  }
  if (chart.kind == ChartKind::kWorldMap && chart.series.empty()) {
    return Status::InvalidArgument("chart.invalid", "A map needs one series of values");
  }
  return Status::Ok();
}

// Cairo writes SVG coordinates with six decimals; two are a hundredth of a point, far below what
// any screen or printer shows. Cutting the rest makes maps a third smaller.
std::string CompactSvgNumbers(const std::string& svg) {
  std::string out;
  out.reserve(svg.size());
  size_t i = 0;
  while (i < svg.size()) {
    const char c = svg[i];
    out += c;
    ++i;
    if (c == '.' && out.size() >= 2 &&
        std::isdigit(static_cast<unsigned char>(out[out.size() - 2]))) {
      size_t kept = 0;
      while (i < svg.size() && std::isdigit(static_cast<unsigned char>(svg[i]))) {
        if (kept < 2) out += svg[i];
        ++kept;
        ++i;
      }
    }
  }
  return out;
}

Result<std::string> RenderToString(const Chart& chart, const ChartOptions& options, bool svg) {
  BSG_RETURN_IF_ERROR(Validate(chart));
  const double w = options.width > 0 ? options.width : 480;
  const double h = ChartHeight(chart, w);
  std::string out;
  cairo_surface_t* surface = nullptr;
  if (svg) {
    surface = cairo_svg_surface_create_for_stream(internal::AppendToString, &out, w, h);
  } else {
    const double s = options.png_scale > 0 ? options.png_scale : 2;
    surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(std::ceil(w * s)),
                                         static_cast<int>(std::ceil(h * s)));
  }
  cairo_t* cr = cairo_create(surface);
  if (!svg)
    cairo_scale(cr, options.png_scale > 0 ? options.png_scale : 2,
                options.png_scale > 0 ? options.png_scale : 2);
  SetColor(cr, kWhite);
  cairo_paint(cr);
  Status status = DrawChart(cr, chart, Box{0, 0, w, h}, options);
  const cairo_status_t draw_status = cairo_status(cr);
  cairo_destroy(cr);
  if (status.ok() && !svg) {
    cairo_surface_flush(surface);
    cairo_surface_write_to_png_stream(surface, internal::AppendToString, &out);
  }
  cairo_surface_finish(surface);
  const cairo_status_t surface_status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (!status.ok()) return status;
  if (draw_status != CAIRO_STATUS_SUCCESS || surface_status != CAIRO_STATUS_SUCCESS) {
    return Status::Internal(
        "render.cairo",
        std::string("Chart rendering failed: ") +
            cairo_status_to_string(draw_status != CAIRO_STATUS_SUCCESS ? draw_status
                                                                       : surface_status));
  }
  return svg ? CompactSvgNumbers(out) : out;
}

std::string CsvNumber(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string();
}

}  // namespace

namespace internal {

Result<MapFrame> MapFrameForChart(const Chart& chart, const Box& box, const ChartOptions& options) {
  BSG_RETURN_IF_ERROR(Validate(chart));
  BSG_ASSIGN_OR_RETURN(const WorldMap* map, LoadWorldMap(options.data_dir));
  cairo_surface_t* scratch = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
  cairo_t* cr = cairo_create(scratch);
  MapFrame frame;
  {
    TextContext tc(cr, chart.language, false);
    Box b = box;
    Title(cr, tc, chart.title, b);
    frame = PlanMap(cr, chart, b, tc, *map).frame;
  }
  cairo_destroy(cr);
  cairo_surface_destroy(scratch);
  return frame;
}

}  // namespace internal

std::vector<double> AxisScale::Ticks() const {
  std::vector<double> ticks;
  if (!(step > 0) || !(hi >= lo)) return ticks;
  const int n = static_cast<int>(std::round((hi - lo) / step));
  for (int i = 0; i <= n && i < 1000; ++i) ticks.push_back(lo + i * step);
  return ticks;
}

AxisScale NiceScale(double min, double max, int max_ticks, bool integral) {
  if (!std::isfinite(min) || !std::isfinite(max)) min = max = 0;
  if (min > max) std::swap(min, max);
  if (max == min) {
    if (max == 0) {
      max = 1;
    } else if (max > 0) {
      min = std::min(min, 0.0);
      if (max == min) max = min + 1;
    } else {
      max = 0;
    }
  }
  max_ticks = std::max(2, max_ticks);
  double step = NiceNumber((max - min) / (max_ticks - 1), integral);
  if (integral) step = std::max(1.0, step);
  AxisScale s;
  s.step = step;
  s.lo = std::floor(min / step + 1e-9) * step;
  s.hi = std::ceil(max / step - 1e-9) * step;
  if (s.hi <= s.lo) s.hi = s.lo + step;
  return s;
}

std::string FormatNumber(double value, int decimals) {
  decimals = std::clamp(decimals, 0, 10);
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string_view digits(buf);
  bool negative = !digits.empty() && digits[0] == '-';
  if (negative) digits.remove_prefix(1);
  if (digits.find_first_not_of("0.") == std::string_view::npos) negative = false;  // no "-0"
  const size_t point = std::min(digits.find('.'), digits.size());
  std::string out;
  out.reserve(digits.size() + digits.size() / 3 + 1);
  if (negative) out += '-';
  for (size_t i = 0; i < point; ++i) {
    if (i > 0 && (point - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  out.append(digits.substr(point));
  return out;
}

int ChartDecimals(const Chart& chart) {
  if (chart.decimals >= 0) return chart.decimals;
  for (const ChartSeries& s : chart.series) {
    for (const auto& v : s.values) {
      if (v && std::isfinite(*v) && *v != std::floor(*v)) return 1;
    }
  }
  return 0;
}

double ChartHeight(const Chart& chart, double width) {
  double aspect = chart.aspect;
  if (!(aspect > 0)) {
    aspect = chart.kind == ChartKind::kWorldMap ? 0.56 : 0.5;
    if (chart.horizontal && chart.kind != ChartKind::kWorldMap) {
      // Leave each category a readable band.
      const double rows =
          static_cast<double>(chart.categories.size() *
                              (chart.kind == ChartKind::kGroupedBar || chart.kind == ChartKind::kBar
                                   ? std::max<size_t>(1, chart.series.size())
                                   : 1));
      aspect = std::max(0.35, std::min(1.4, (rows * 14 + 60) / width));
    }
  }
  return width * aspect;
}

Status DrawChart(cairo_t* cr, const Chart& chart, const Box& box, const ChartOptions& options) {
  BSG_RETURN_IF_ERROR(Validate(chart));
  cairo_save(cr);
  TextContext tc(cr, chart.language, false);
  Status status = Status::Ok();
  if (chart.kind == ChartKind::kWorldMap) {
    status = DrawMap(cr, chart, box, tc, options);
  } else {
    CartesianChart(cr, chart, tc).Draw(box);
  }
  cairo_restore(cr);
  return status;
}

Result<std::string> ChartToSvg(const Chart& chart, const ChartOptions& options) {
  return RenderToString(chart, options, /*svg=*/true);
}

Result<std::string> ChartToPng(const Chart& chart, const ChartOptions& options) {
  return RenderToString(chart, options, /*svg=*/false);
}

std::string ChartDataCsv(const Chart& chart) {
  std::vector<std::string> fields;
  std::string first = chart.category_label;
  if (first.empty()) first = chart.kind == ChartKind::kWorldMap ? "country" : "category";
  fields.push_back(first);
  for (const ChartSeries& s : chart.series) fields.push_back(s.name.empty() ? "value" : s.name);
  std::string out = CsvRecord(fields);
  for (size_t i = 0; i < chart.categories.size(); ++i) {
    fields.assign(1, chart.categories[i]);
    for (const ChartSeries& s : chart.series) {
      auto v = ValueAt(s, i);
      fields.push_back(v ? CsvNumber(*v) : "");
    }
    out += CsvRecord(fields);
  }
  return out;
}

}  // namespace bsg::render
