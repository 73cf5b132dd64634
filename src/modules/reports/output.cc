// The report's download formats; see output.h.
#include "modules/reports/output.h"

#include "modules/reports/json.h"
#include "platform/render/renderer_csv.h"
#include "platform/render/renderer_figures.h"
#include "platform/render/renderer_html.h"
#include "platform/render/renderer_pdf.h"
#include "platform/render/world_map.h"

namespace bsg::reports {
namespace {

std::string DataDirOf(const OutputOptions& o) {
  return o.data_dir.empty() ? render::DefaultDataDir() : o.data_dir;
}

// "2024-05-01T09:00:00.123Z" -> "2024-05-01T09:00:00Z" (the PDF's creation date).
std::string PdfDate(const std::string& timestamp) {
  if (timestamp.size() >= 19) return timestamp.substr(0, 19) + "Z";
  return "";
}

// Finds part `ref` (a number or an id) among `parts`.
std::optional<PartRef> FindPart(const std::vector<PartRef>& parts, const std::string& ref) {
  for (const auto& p : parts) {
    if (std::to_string(p.number) == ref || (!p.id.empty() && p.id == ref)) return p;
  }
  return std::nullopt;
}

Result<render::RenderedFile> Pick(std::vector<render::RenderedFile> files,
                                  const std::string& name) {
  for (auto& f : files) {
    if (f.name == name) return std::move(f);
  }
  return Status::Internal("reports.missing_part", "the renderer wrote no " + name);
}

}  // namespace

std::string FileStem(const Report& report) {
  return "bsg-" + report.report_key + "-report_" + report.window.since + "_" + report.window.until;
}

Result<std::vector<render::RenderedFile>> RenderReport(const Report& report, Format format,
                                                       const OutputOptions& options) {
  const std::string data_dir = DataDirOf(options);
  std::vector<render::RenderedFile> out;
  switch (format) {
    case Format::kJson:
      out.push_back(
          {FileStem(report) + ".json", ToJson(report).dump(2) + "\n", "application/json"});
      return out;
    case Format::kHtml: {
      render::HtmlOptions o;
      o.data_dir = data_dir;
      o.download_prefix = options.download_prefix;
      BSG_ASSIGN_OR_RETURN(std::string html, render::RenderHtml(report.document, o));
      out.push_back({FileStem(report) + ".html", std::move(html), "text/html; charset=utf-8"});
      return out;
    }
    case Format::kPdf: {
      render::PdfOptions o;
      o.data_dir = data_dir;
      o.author = "BSG Platform";
      o.creation_date = PdfDate(report.generated_at);
      BSG_ASSIGN_OR_RETURN(render::RenderedPdf pdf, render::RenderPdf(report.document, o));
      out.push_back({FileStem(report) + ".pdf", std::move(pdf.bytes), "application/pdf"});
      return out;
    }
    case Format::kCsv:
      return render::RenderCsvFiles(report.document, {.utf8_bom = false});
    case Format::kSvg:
    case Format::kPng: {
      render::ChartOptions o;
      o.data_dir = data_dir;
      return render::RenderFigureFiles(
          report.document,
          format == Format::kSvg ? render::FigureFormat::kSvg : render::FigureFormat::kPng, o);
    }
  }
  return out;
}

Result<render::RenderedFile> RenderPart(const Report& report, Format format,
                                        const PartRequest& part, const OutputOptions& options) {
  if (part.table.has_value() == part.figure.has_value()) {
    return Status::InvalidArgument("reports.part_required",
                                   "give either table or figure for this format",
                                   {{"table", "give table or figure (not both)"}});
  }
  if (part.table && format != Format::kCsv) {
    return Status::InvalidArgument("reports.figure_only",
                                   "tables are downloaded as csv; svg and png are for figures",
                                   {{"format", "must be csv for a table"}});
  }
  if (part.table) {
    auto ref = FindPart(Tables(report), *part.table);
    if (!ref) return Status::NotFound("reports.table_not_found", "no table " + *part.table);
    BSG_ASSIGN_OR_RETURN(auto files, RenderReport(report, Format::kCsv, options));
    return Pick(std::move(files), "table-" + std::to_string(ref->number) + ".csv");
  }
  auto ref = FindPart(Figures(report), *part.figure);
  if (!ref) return Status::NotFound("reports.figure_not_found", "no figure " + *part.figure);
  const std::string ext(FormatName(format));
  if (format == Format::kCsv) {
    BSG_ASSIGN_OR_RETURN(auto files, RenderReport(report, Format::kCsv, options));
    return Pick(std::move(files), "figure-" + std::to_string(ref->number) + ".csv");
  }
  if (format != Format::kSvg && format != Format::kPng) {
    return Status::InvalidArgument("reports.part_required",
                                   "a single figure is downloaded as csv, svg or png",
                                   {{"format", "must be csv, svg or png with figure"}});
  }
  // Only the asked figure is drawn.
  render::Document one = report.document;
  one.sections.clear();
  render::Section holder;
  const render::DocumentOutline outline = render::BuildOutline(report.document);
  for (const auto& [figure, number] : outline.figure_numbers) {
    if (number == ref->number) holder.blocks.push_back(*figure);
  }
  one.sections.push_back(std::move(holder));
  render::ChartOptions o;
  o.data_dir = DataDirOf(options);
  BSG_ASSIGN_OR_RETURN(
      auto files,
      render::RenderFigureFiles(
          one, format == Format::kSvg ? render::FigureFormat::kSvg : render::FigureFormat::kPng,
          o));
  if (files.empty()) return Status::Internal("reports.missing_part", "no figure was drawn");
  render::RenderedFile f = std::move(files.front());
  f.name = "figure-" + std::to_string(ref->number) + "." + ext;
  return f;
}

}  // namespace bsg::reports
