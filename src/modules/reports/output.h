// A built report in its download formats, through the platform's renderers
// (src/platform/render): PDF (A4), standalone HTML, CSV of every table and of every figure's
// data, SVG and PNG of every figure, and the JSON model (json.h).
//
// Thread-safety: functions only.
#ifndef BSG_MODULES_REPORTS_OUTPUT_H_
#define BSG_MODULES_REPORTS_OUTPUT_H_

#include <optional>
#include <string>
#include <vector>

#include "modules/reports/model.h"
#include "platform/render/rendered_file.h"
#include "platform/status.h"

namespace bsg::reports {

// The file name stem of a report's downloads: "bsg-progress-report_2019-09-01_2020-03-31".
std::string FileStem(const Report& report);

struct OutputOptions {
  std::string data_dir;  // empty: render::DefaultDataDir()
  // For the HTML: each table and figure links to its CSV at prefix + "table-N.csv"; empty: none.
  std::string download_prefix;
};

// The whole report in `format`: one file for json, html and pdf ("<stem>.pdf"); for csv one per
// table (table-N.csv) and per figure (figure-N.csv); for svg and png one per figure
// (figure-N.svg). Errors: the renderers' (render.cairo, world_map.*), with context.
Result<std::vector<render::RenderedFile>> RenderReport(const Report& report, Format format,
                                                       const OutputOptions& options = {});

// Which table or figure: its number ("2") or its id ("trainings").
struct PartRequest {
  std::optional<std::string> table;
  std::optional<std::string> figure;
};

// One table (csv) or figure (csv of its data, svg or png). Errors:
//   InvalidArgument reports.part_required      csv/svg/png without table or figure, or both given
//   InvalidArgument reports.figure_only        svg/png asked for a table
//   NotFound reports.table_not_found / reports.figure_not_found
Result<render::RenderedFile> RenderPart(const Report& report, Format format,
                                        const PartRequest& part, const OutputOptions& options = {});

}  // namespace bsg::reports

#endif  // BSG_MODULES_REPORTS_OUTPUT_H_
