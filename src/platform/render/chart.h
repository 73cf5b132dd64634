// The chart kit: one drawing code path on a cairo_t for every output (PDF pages, SVG, PNG, and
// through SVG the web), so a figure looks the same wherever it is read.
//
// A Chart is data plus a few presentation choices; DrawChart() draws it into a box. Kinds:
//   kBar, kGroupedBar        one bar per category and series; a legend when there are 2+ series
//   kStackedBar              series stacked per category; kStackedPercent scales each to 100%
//   kLine                    one line per series over the categories (years, months)
//   kWorldMap                categories are ISO 3166-1 alpha-2 codes, series[0] the values;
//                            a choropleth (kChoropleth) or circles sized by value (kPoints)
//
// Missing data is not zero: a value of std::nullopt (or, on a map, a country not listed) is
// drawn hatched grey and the legend says "no data"; a zero is drawn as a zero (a bar of height 0
// on the axis, the lightest map colour). Series colours are the Okabe-Ito palette and map
// classes a ColorBrewer sequential blue, both readable with colour-blindness.
//
// Thread-safety: functions here are reentrant; each call builds its own pango context. The
// world map is loaded once per process (world_map.h).
#ifndef BSG_PLATFORM_RENDER_CHART_H_
#define BSG_PLATFORM_RENDER_CHART_H_

#include <optional>
#include <string>
#include <vector>

#include "platform/status.h"

typedef struct _cairo cairo_t;  // NOLINT: the same declaration as <cairo.h>

namespace bsg::render {

enum class ChartKind { kBar, kGroupedBar, kStackedBar, kStackedPercent, kLine, kWorldMap };
enum class MapMode { kChoropleth, kPoints };

struct ChartSeries {
  std::string name{};
  std::vector<std::optional<double>> values{};  // one per category; short vectors are padded
                                                // with std::nullopt
  std::string provenance{};
};

struct Chart {
  ChartKind kind = ChartKind::kBar;
  std::string title{};  // drawn above the plot when set (a Figure caption usually suffices)
  std::string category_label{};  // x axis title and first CSV header ("Year"); "country" on maps
  std::string value_label{};     // value axis title / map legend title ("Fellowships")
  std::vector<std::string> categories{};
  std::vector<ChartSeries> series{};
  int decimals = -1;           // digits after the point; -1: 0 for whole numbers, else 1
  std::string value_suffix{};  // appended to value labels and ticks ("%")
  bool horizontal = false;     // bars along the x axis, categories down the side
  bool show_values = true;     // value labels on bars and single lines, when they fit
  double aspect = 0;           // height / width; 0: 0.5 for charts, 0.52 for maps
  MapMode map_mode = MapMode::kChoropleth;
  std::vector<double> map_breaks{};  // upper bounds of the positive classes; empty: from the data
  bool map_antarctica = false;
  std::string no_data_label = "no data";
  std::string language{};  // BCP 47 tag for shaping labels ("ar", "zh"); empty: "en"
};

struct Box {
  double x = 0;
  double y = 0;
  double w = 0;
  double h = 0;
};

struct ChartOptions {
  // Folder holding world/countries-110m.json and world/iso_numeric.csv; empty: DefaultDataDir()
  // (world_map.h). Only maps read it.
  std::string data_dir{};
  double width = 480;  // points (1/72 inch), for ChartToSvg / ChartToPng
  double png_scale = 2;
};

// The height DrawChart wants for `width`: width * aspect.
double ChartHeight(const Chart& chart, double width);

// Draws `chart` into `box` (user-space units, 1 unit = 1 pt for text) on `cr`. Leaves the cairo
// state as it found it. Errors: kInvalidArgument ("chart.invalid") for a chart whose series
// lengths exceed its categories or a map with no series; the world map's load errors
// (world_map.h) for maps.
Status DrawChart(cairo_t* cr, const Chart& chart, const Box& box, const ChartOptions& options = {});

// The chart as a standalone SVG document (options.width wide, ChartHeight() high), or as PNG
// bytes at options.png_scale pixels per point, white background. Errors as DrawChart, and
// kInternal ("render.cairo") when cairo fails.
Result<std::string> ChartToSvg(const Chart& chart, const ChartOptions& options = {});
Result<std::string> ChartToPng(const Chart& chart, const ChartOptions& options = {});

// The chart's data as RFC 4180 CSV (CRLF line ends): a header of category_label (or "category",
// "country" for maps) and the series names, then one row per category; a missing value is an
// empty field. Numbers are written in full ("1234.5"), without thousands separators.
std::string ChartDataCsv(const Chart& chart);

// An axis from `lo` to `hi` in steps of `step` covering [min, max] with at most about
// `max_ticks` "nice" ticks (1, 2, 2.5, 5 x 10^n). With `integral`, the step is at least 1.
struct AxisScale {
  double lo = 0;
  double hi = 1;
  double step = 1;
  std::vector<double> Ticks() const;
};
AxisScale NiceScale(double min, double max, int max_ticks = 6, bool integral = false);

// `value` with `decimals` digits after the point and "," between thousands: "12,345.6".
std::string FormatNumber(double value, int decimals);

// The decimals a chart uses: chart.decimals, or 0 when every value is whole, else 1.
int ChartDecimals(const Chart& chart);

}  // namespace bsg::render

#endif  // BSG_PLATFORM_RENDER_CHART_H_
