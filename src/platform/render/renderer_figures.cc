#include "platform/render/renderer_figures.h"

#include <algorithm>
#include <string>
#include <utility>

namespace bsg::render {

Chart ChartForDocument(const Document& document, const Figure& figure) {
  Chart chart = figure.chart;
  if (chart.language.empty()) chart.language = document.language;
  return chart;
}

Result<std::vector<RenderedFile>> RenderFigureFiles(const Document& document, FigureFormat format,
                                                    const ChartOptions& options) {
  const DocumentOutline outline = BuildOutline(document);
  std::vector<std::pair<int, const Figure*>> figures;
  for (const auto& [f, n] : outline.figure_numbers) figures.emplace_back(n, f);
  std::sort(figures.begin(), figures.end());
  std::vector<RenderedFile> files;
  for (const auto& [n, figure] : figures) {
    const Chart chart = ChartForDocument(document, *figure);
    const std::string name = "figure-" + std::to_string(n);
    Result<std::string> bytes =
        format == FigureFormat::kSvg ? ChartToSvg(chart, options) : ChartToPng(chart, options);
    if (!bytes.ok()) return bytes.status().WithContext(name);
    if (format == FigureFormat::kSvg) {
      files.push_back({name + ".svg", std::move(bytes).value(), "image/svg+xml"});
    } else {
      files.push_back({name + ".png", std::move(bytes).value(), "image/png"});
    }
  }
  return files;
}

}  // namespace bsg::render
