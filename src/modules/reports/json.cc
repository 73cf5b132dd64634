// JSON shapes of the reports module; see json.h.
#include "modules/reports/json.h"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <string_view>

#include "modules/reports/rules.h"
#include "modules/reports/sections.h"

namespace bsg::reports {
namespace {

using nlohmann::json;

json Nullable(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

std::string_view KindName(render::ChartKind k) {
  switch (k) {
    case render::ChartKind::kBar:
      return "bar";
    case render::ChartKind::kGroupedBar:
      return "grouped_bar";
    case render::ChartKind::kStackedBar:
      return "stacked_bar";
    case render::ChartKind::kStackedPercent:
      return "stacked_percent";
    case render::ChartKind::kLine:
      return "line";
    case render::ChartKind::kWorldMap:
      return "world_map";
  }
  return "bar";
}

std::string_view AlignName(render::Align a) {
  switch (a) {
    case render::Align::kStart:
      return "start";
    case render::Align::kCenter:
      return "center";
    case render::Align::kEnd:
      return "end";
  }
  return "start";
}

class DocumentWriter {
 public:
  explicit DocumentWriter(const render::Document& doc)
      : doc_(doc), outline_(render::BuildOutline(doc)) {}

  json Document() const {
    json sections = json::array();
    for (const auto& s : doc_.sections) sections.push_back(Section(s));
    return {{"title", doc_.title},
            {"subtitle", doc_.subtitle},
            {"meta", doc_.meta},
            {"language", doc_.language},
            {"direction", doc_.direction == render::Direction::kRtl ? "rtl" : "ltr"},
            {"sections", sections}};
  }

  json Sources() const { return outline_.sources; }

  json Figure(const render::Figure& f) const {
    json j = {{"type", "figure"},
              {"number", Number(outline_.figure_numbers, &f)},
              {"id", f.id},
              {"caption", f.caption},
              {"provenance", f.provenance},
              {"notes", f.notes},
              {"chart", ChartJson(f.chart)}};
    if (int n = outline_.SourceNumber(f.provenance); n > 0) j["source"] = n;
    return j;
  }

  json Table(const render::Table& t) const {
    json columns = json::array();
    for (const auto& c : t.columns)
      columns.push_back({{"header", c.header}, {"align", AlignName(c.align)}});
    json rows = json::array();
    for (const auto& row : t.rows) {
      json cells = json::array();
      for (const auto& cell : row) {
        json c = {{"text", cell.text}};
        if (int n = outline_.SourceNumber(cell.provenance); n > 0) {
          c["provenance"] = cell.provenance;
          c["source"] = n;
        }
        cells.push_back(c);
      }
      rows.push_back(cells);
    }
    return {{"type", "table"},
            {"number", Number(outline_.table_numbers, &t)},
            {"id", t.id},
            {"caption", t.caption},
            {"columns", columns},
            {"rows", rows},
            {"footnotes", t.footnotes},
            {"total_rows", t.total_rows}};
  }

  const render::DocumentOutline& outline() const { return outline_; }

 private:
  template <typename T>
  static int Number(const std::map<const T*, int>& numbers, const T* p) {
    auto it = numbers.find(p);
    return it == numbers.end() ? 0 : it->second;
  }

  json Runs(const render::Paragraph& p) const {
    json runs = json::array();
    for (const auto& r : p.runs) {
      json j = {{"text", r.text}};
      if (!r.provenance.empty()) {
        j["provenance"] = r.provenance;
        j["source"] = outline_.SourceNumber(r.provenance);
      }
      if (r.bold) j["bold"] = true;
      if (r.italic) j["italic"] = true;
      runs.push_back(j);
    }
    return runs;
  }

  json Block(const render::Block& b) const {
    if (const auto* p = std::get_if<render::Paragraph>(&b)) {
      return {{"type", "paragraph"}, {"runs", Runs(*p)}};
    }
    if (const auto* l = std::get_if<render::BulletList>(&b)) {
      json items = json::array();
      for (const auto& item : l->items) items.push_back(Runs(item));
      return {{"type", "list"}, {"numbered", l->numbered}, {"items", items}};
    }
    if (const auto* t = std::get_if<render::Table>(&b)) return Table(*t);
    return Figure(std::get<render::Figure>(b));
  }

  json Section(const render::Section& s) const {
    json blocks = json::array();
    for (const auto& b : s.blocks) blocks.push_back(Block(b));
    json subsections = json::array();
    for (const auto& sub : s.subsections) subsections.push_back(Section(sub));
    auto number = outline_.section_numbers.find(&s);
    return {{"id", s.id},
            {"number", number == outline_.section_numbers.end() ? "" : number->second},
            {"title", s.title},
            {"blocks", blocks},
            {"subsections", subsections}};
  }

  const render::Document& doc_;
  render::DocumentOutline outline_;
};

json ValuesJson(const ValueMap& values) {
  json out = json::object();
  for (const auto& [key, v] : values) {
    json j = {{"kind", ValueKindName(v.kind)},
              {"missing", v.missing()},
              {"display", Display(v, {})},
              {"provenance", v.provenance}};
    j["value"] = v.number ? json(*v.number) : json(nullptr);
    j["text"] = Nullable(v.text);
    out[key] = j;
  }
  return out;
}

json PartsJson(const std::vector<PartRef>& parts) {
  json out = json::array();
  for (const auto& p : parts)
    out.push_back({{"number", p.number}, {"id", p.id}, {"caption", p.caption}});
  return out;
}

json WindowJson(const Window& w) { return {{"since", w.since}, {"until", w.until}}; }

// A window with the reason it was chosen.
json ChoiceJson(const Window& shown, const SuggestedWindow& choice) {
  json j = WindowJson(shown);
  j["basis"] = WindowBasisName(choice.basis);
  j["latest_held_end"] = Nullable(choice.latest_held_end);
  return j;
}

json Obj(json properties, std::vector<std::string> required = {}) {
  json j = {{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) j["required"] = required;
  return j;
}
json Arr(json items) { return {{"type", "array"}, {"items", std::move(items)}}; }
const json kString = {{"type", "string"}};
const json kInteger = {{"type", "integer"}};
const json kBoolean = {{"type", "boolean"}};
const json kObject = {{"type", "object"}};

json ValuesSchema() {
  return {{"type", "object"},
          {"description", "live values by key"},
          {"additionalProperties",
           Obj({{"kind", {{"type", "string"}, {"enum", {"count", "share", "text", "date"}}}},
                {"missing", kBoolean},
                {"display", kString},
                {"provenance", kString},
                {"value", {{"type", {"number", "null"}}}},
                {"text", {{"type", {"string", "null"}}}}})}};
}

json ChartSchema() {
  return Obj({{"kind", kString},
              {"title", kString},
              {"category_label", kString},
              {"value_label", kString},
              {"value_suffix", kString},
              {"categories", Arr(kString)},
              {"series", Arr(Obj({{"name", kString},
                                  {"values", Arr({{"type", {"number", "null"}}})},
                                  {"provenance", kString}}))}});
}

json PartsSchema() {
  return Arr(Obj({{"number", kInteger}, {"id", kString}, {"caption", kString}}));
}

}  // namespace

json ChartJson(const render::Chart& c) {
  json series = json::array();
  for (const auto& s : c.series) {
    json values = json::array();
    for (std::size_t i = 0; i < c.categories.size(); ++i) {
      values.push_back(i < s.values.size() && s.values[i] ? json(*s.values[i]) : json(nullptr));
    }
    series.push_back({{"name", s.name}, {"values", values}, {"provenance", s.provenance}});
  }
  return {{"kind", KindName(c.kind)},
          {"title", c.title},
          {"category_label", c.category_label},
          {"value_label", c.value_label},
          {"value_suffix", c.value_suffix},
          {"categories", c.categories},
          {"series", series}};
}

json ToJson(const Report& report) {
  DocumentWriter w(report.document);
  return {{"report", report.report_key},
          {"window", WindowJson(report.window)},
          {"language", report.language},
          {"generated_at", report.generated_at},
          {"document", w.Document()},
          {"values", ValuesJson(report.values)},
          {"tables", PartsJson(Tables(report))},
          {"figures", PartsJson(Figures(report))},
          {"sources", w.Sources()}};
}

json DashboardJson(const Report& report, const SuggestedWindow& choice) {
  DocumentWriter w(report.document);
  std::vector<std::pair<int, json>> figures, tables;
  for (const auto& [f, n] : w.outline().figure_numbers) figures.push_back({n, w.Figure(*f)});
  for (const auto& [t, n] : w.outline().table_numbers) tables.push_back({n, w.Table(*t)});
  std::sort(figures.begin(), figures.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::sort(tables.begin(), tables.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  json fj = json::array(), tj = json::array();
  for (auto& [n, j] : figures) fj.push_back(std::move(j));
  for (auto& [n, j] : tables) tj.push_back(std::move(j));
  return {{"window", ChoiceJson(report.window, choice)},
          {"generated_at", report.generated_at},
          {"values", ValuesJson(report.values)},
          {"figures", fj},
          {"tables", tj}};
}

json SuggestedWindowJson(const SuggestedWindow& choice) {
  return ChoiceJson(choice.window, choice);
}

json TemplatesJson(const std::string& language, const std::vector<TemplateView>& views) {
  json templates = json::array();
  std::map<std::string, ValueKind> all_values;
  for (const auto& v : views) {
    json placeholders = json::array();
    for (const auto& [key, kind] : v.entry.allowed) {
      placeholders.push_back(key);
      all_values[key] = kind;
    }
    templates.push_back(
        {{"key", v.entry.spec.key},
         {"section", v.entry.spec.section},
         {"description", v.entry.spec.description},
         {"default", v.entry.spec.text},
         {"text", v.text},
         {"overridden", v.override.has_value()},
         {"updated_by",
          v.override && v.override->updated_by ? json(*v.override->updated_by) : json(nullptr)},
         {"updated_at", v.override ? json(v.override->updated_at) : json(nullptr)},
         {"placeholders", placeholders}});
  }
  std::map<std::string, std::string> descriptions;
  for (const auto& v : CommonValues()) descriptions[v.key] = v.description;
  for (const auto& p : SectionProviders()) {
    for (const auto& v : p.values) descriptions[v.key] = v.description;
  }
  json values = json::array();
  for (const auto& [key, kind] : all_values) {
    values.push_back(
        {{"key", key}, {"kind", ValueKindName(kind)}, {"description", descriptions[key]}});
  }
  return {{"report", kProgressReport},
          {"language", language},
          {"filters", FilterNames()},
          {"values", values},
          {"templates", templates}};
}

Result<std::vector<TemplateChange>> TemplateChangesFromJson(const json& body,
                                                            std::string& language) {
  auto bad = [](const std::string& field, const std::string& why) {
    return Status::InvalidArgument("request.bad_body", field + " " + why, {{field, why}});
  };
  if (!body.is_object()) return bad("body", "must be a JSON object");
  // Members other than these are refused, as http::api_util::Body refuses them.
  auto unknown = [](const json& object, std::initializer_list<std::string_view> known,
                    const std::string& prefix) -> Status {
    Status::Fields fields;
    for (const auto& [key, value] : object.items()) {
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        fields[prefix + key] = "is not a known field";
      }
    }
    if (fields.empty()) return Status::Ok();
    return Status::Unprocessable("request.unknown_field",
                                 "The body has fields this request does not take.", fields);
  };
  if (body.contains("templates")) {
    BSG_RETURN_IF_ERROR(unknown(body, {"language", "templates"}, ""));
  } else {
    BSG_RETURN_IF_ERROR(unknown(body, {"language", "key", "text"}, ""));
  }
  if (body.contains("language")) {
    if (!body["language"].is_string()) return bad("language", "must be a string");
    language = body["language"].get<std::string>();
  }
  auto change = [&](const json& item, const std::string& where) -> Result<TemplateChange> {
    if (!item.is_object()) return bad(where, "must be an object");
    if (where != "body") BSG_RETURN_IF_ERROR(unknown(item, {"key", "text"}, where + "."));
    if (!item.contains("key") || !item["key"].is_string())
      return bad(where + ".key", "must be a string");
    TemplateChange c;
    c.key = item["key"].get<std::string>();
    if (!item.contains("text"))
      return bad(where + ".text", "is required (a string, or null to reset)");
    if (item["text"].is_string()) {
      c.text = item["text"].get<std::string>();
    } else if (!item["text"].is_null()) {
      return bad(where + ".text", "must be a string or null");
    }
    return c;
  };
  std::vector<TemplateChange> out;
  if (body.contains("templates")) {
    if (!body["templates"].is_array()) return bad("templates", "must be an array");
    for (std::size_t i = 0; i < body["templates"].size(); ++i) {
      BSG_ASSIGN_OR_RETURN(TemplateChange c,
                           change(body["templates"][i], "templates[" + std::to_string(i) + "]"));
      out.push_back(std::move(c));
    }
    return out;
  }
  BSG_ASSIGN_OR_RETURN(TemplateChange c, change(body, "body"));
  out.push_back(std::move(c));
  return out;
}

json ReportSchema() {
  json section = {{"type", "object"},
                  {"description", "a section: {id, number, title, blocks, subsections}"}};
  return Obj({{"report", kString},
              {"window", Obj({{"since", kString}, {"until", kString}})},
              {"language", kString},
              {"generated_at", kString},
              {"document", Obj({{"title", kString},
                                {"subtitle", kString},
                                {"meta", Arr(kString)},
                                {"language", kString},
                                {"direction", kString},
                                {"sections", Arr(section)}})},
              {"values", ValuesSchema()},
              {"tables", PartsSchema()},
              {"figures", PartsSchema()},
              {"sources", Arr(kString)}},
             {"report", "window", "document", "values", "tables", "figures", "sources"});
}

json SuggestedWindowSchema() {
  const json basis = {
      {"type", "string"},
      {"enum", {"requested", "recent_activity", "latest_held_event", "no_held_events"}},
      {"description",
       "why this window: the caller's (requested); none named and an event held in the 12 "
       "months to today (recent_activity); none named and nothing held in them: the 12 months "
       "ending on the last day of the most recent held event (latest_held_event); none named "
       "and no event held yet (no_held_events)"}};
  const json latest = {
      {"type", {"string", "null"}},
      {"description", "the last day of the most recent held event up to today; null: none"}};
  return Obj(
      {{"since", kString}, {"until", kString}, {"basis", basis}, {"latest_held_end", latest}},
      {"since", "until", "basis", "latest_held_end"});
}

json DashboardSchema() {
  return Obj({{"window", SuggestedWindowSchema()},
              {"generated_at", kString},
              {"values", ValuesSchema()},
              {"figures", Arr(Obj({{"number", kInteger},
                                   {"id", kString},
                                   {"caption", kString},
                                   {"provenance", kString},
                                   {"chart", ChartSchema()}}))},
              {"tables", Arr(kObject)}},
             {"window", "values", "figures", "tables"});
}

json TemplatesSchema() {
  return Obj({{"report", kString},
              {"language", kString},
              {"filters", Arr(kString)},
              {"values", Arr(Obj({{"key", kString}, {"kind", kString}, {"description", kString}}))},
              {"templates", Arr(Obj({{"key", kString},
                                     {"section", kString},
                                     {"description", kString},
                                     {"default", kString},
                                     {"text", kString},
                                     {"overridden", kBoolean},
                                     {"updated_by", {{"type", {"integer", "null"}}}},
                                     {"updated_at", {{"type", {"string", "null"}}}},
                                     {"placeholders", Arr(kString)}}))}},
             {"report", "language", "templates"});
}

json TemplatesInputSchema() {
  json change = Obj({{"key", kString},
                     {"text",
                      {{"type", {"string", "null"}},
                       {"description", "the new wording; null restores the default"}}}},
                    {"key", "text"});
  return Obj({{"language", {{"type", "string"}, {"enum", {"ar", "en", "es", "fr", "ru", "zh"}}}},
              {"templates", Arr(change)}},
             {"templates"});
}

}  // namespace bsg::reports
