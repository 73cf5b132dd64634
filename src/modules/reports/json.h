// JSON shapes of the reports module: the report model (for the web preview), the dashboard, the
// template catalogue, and their JSON Schemas for the route documentation.
#ifndef BSG_MODULES_REPORTS_JSON_H_
#define BSG_MODULES_REPORTS_JSON_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "modules/reports/model.h"
#include "modules/reports/report.h"
#include "modules/reports/rules.h"
#include "platform/render/document.h"
#include "platform/status.h"

namespace bsg::reports {

// The report model:
//   {report, window: {since, until}, language, generated_at,
//    document: {title, subtitle, meta, language, direction, sections: [Section]},
//    values: {key: {kind, value, text, display, provenance, missing}},
//    tables: [{number, id, caption}], figures: [{number, id, caption}], sources: [string]}
// A Section is {id, number, title, blocks, subsections}; a block is one of
//   {type: "paragraph", runs: [{text, provenance?, source?}]}
//   {type: "list", numbered, items: [[runs]]}
//   {type: "table", number, id, caption, columns: [{header, align}], rows: [[{text, source?}]],
//    footnotes}
//   {type: "figure", number, id, caption, provenance, source?, notes, chart}
// `source` is the 1-based number of the provenance in `sources` (the appendix's numbering).
nlohmann::json ToJson(const Report& report);

// {kind, title, category_label, value_label, value_suffix, categories, series: [{name, values
// (null: no data), provenance}]}.
nlohmann::json ChartJson(const render::Chart& chart);

// {window: {since, until, basis, latest_held_end}, generated_at, values (as above),
//  figures: [{number, id, caption, provenance, chart}], tables: [{number, id, caption, columns,
//  rows}]}. `basis` says why the window was shown (WindowBasisName); latest_held_end is the last
// day of the most recent held event up to today (null: none).
nlohmann::json DashboardJson(const Report& report, const SuggestedWindow& choice);

// The suggested window alone: {since, until, basis, latest_held_end}.
nlohmann::json SuggestedWindowJson(const SuggestedWindow& choice);

// {report, language, filters: [..], values: [{key, kind, description}],
//  templates: [{key, section, description, default, text, overridden, updated_by, updated_at,
//               placeholders: [..]}]}.
nlohmann::json TemplatesJson(const std::string& language, const std::vector<TemplateView>& views);

// Parses a PUT body {language?, templates: [{key, text (string or null)}]} or {key, text,
// language?}. InvalidArgument (request.bad_body) naming the field.
Result<std::vector<TemplateChange>> TemplateChangesFromJson(const nlohmann::json& body,
                                                            std::string& language);

// JSON Schemas for RouteDoc.
nlohmann::json ReportSchema();
nlohmann::json DashboardSchema();
nlohmann::json SuggestedWindowSchema();
nlohmann::json TemplatesSchema();
nlohmann::json TemplatesInputSchema();

}  // namespace bsg::reports

#endif  // BSG_MODULES_REPORTS_JSON_H_
