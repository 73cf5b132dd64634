#include "platform/render/renderer_csv.h"

#include <algorithm>
#include <charconv>

namespace bsg::render {
namespace {

bool IsNumber(std::string_view s) {
  if (s.empty()) return false;
  double v = 0;
  const char* begin = s.data();
  if (*begin == '+') return false;  // "+1" would still be read as a formula
  auto [end, ec] = std::from_chars(begin, s.data() + s.size(), v);
  return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

std::string CsvField(std::string_view value) {
  std::string v(value);
  if (v.size() > 1 &&
      (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r') &&
      !IsNumber(v)) {
    v.insert(v.begin(), '\'');
  }
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string CsvRecord(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += CsvField(fields[i]);
  }
  out += "\r\n";
  return out;
}

std::string TableCsv(const Table& table) {
  std::vector<std::string> fields;
  for (const Column& c : table.columns) fields.push_back(c.header);
  std::string out = CsvRecord(fields);
  for (const auto& row : table.rows) {
    for (size_t i = 0; i < fields.size(); ++i) fields[i] = i < row.size() ? row[i].text : "";
    out += CsvRecord(fields);
  }
  return out;
}

std::vector<RenderedFile> RenderCsvFiles(const Document& document, const CsvOptions& options) {
  const DocumentOutline outline = BuildOutline(document);
  const std::string bom = options.utf8_bom ? "\xEF\xBB\xBF" : "";
  std::vector<RenderedFile> files;
  // Tables first, then figures, each in document order.
  std::vector<std::pair<int, const Table*>> tables;
  for (const auto& [t, n] : outline.table_numbers) tables.emplace_back(n, t);
  std::sort(tables.begin(), tables.end());
  for (const auto& [n, t] : tables) {
    files.push_back(
        {"table-" + std::to_string(n) + ".csv", bom + TableCsv(*t), "text/csv; charset=utf-8"});
  }
  std::vector<std::pair<int, const Figure*>> figures;
  for (const auto& [f, n] : outline.figure_numbers) figures.emplace_back(n, f);
  std::sort(figures.begin(), figures.end());
  for (const auto& [n, f] : figures) {
    files.push_back({"figure-" + std::to_string(n) + ".csv", bom + ChartDataCsv(f->chart),
                     "text/csv; charset=utf-8"});
  }
  return files;
}

}  // namespace bsg::render
