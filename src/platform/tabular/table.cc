// Table helpers: formats, column binding, error formatting.
#include "platform/tabular/table.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "platform/tabular/csv.h"
#include "platform/tabular/xlsx.h"

namespace bsg::tabular {

std::string_view FormatName(Format format) { return format == Format::kCsv ? "csv" : "xlsx"; }

std::optional<Format> ParseFormat(std::string_view name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "csv") return Format::kCsv;
  if (lower == "xlsx") return Format::kXlsx;
  return std::nullopt;
}

std::string_view MimeType(Format format) {
  return format == Format::kCsv ? std::string_view("text/csv; charset=utf-8") : kXlsxMimeType;
}

Format SniffFormat(std::string_view bytes) {
  return bytes.starts_with(std::string_view("PK\x03\x04", 4)) ? Format::kXlsx : Format::kCsv;
}

std::optional<Format> FormatFromContentType(std::string_view content_type) {
  std::string type;
  for (char c : content_type.substr(0, content_type.find(';'))) {
    type += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const std::string_view t = Trim(type);
  if (t == "text/csv" || t == "application/csv" || t == "text/plain") return Format::kCsv;
  if (t == kXlsxMimeType) return Format::kXlsx;
  return std::nullopt;
}

nlohmann::json ToJson(const CellError& error) {
  return {{"row", error.row},
          {"column", error.column},
          {"reason", error.reason},
          {"value", error.value}};
}

std::string FormatError(std::string_view file, const CellError& error) {
  std::string out(file);
  out += ':';
  out += std::to_string(error.row);
  out += ':';
  out += error.column;
  out += ": ";
  out += error.reason;
  if (!error.value.empty()) {
    out += " (";
    out += error.value;
    out += ')';
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string NormalizeHeader(std::string_view name) {
  std::string out;
  for (char c : Trim(name)) {
    if (c == ' ' || c == '-') {
      out += '_';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

Columns::Columns(std::vector<ColumnSpec> specs)
    : specs_(std::move(specs)), index_(specs_.size(), -1), written_(specs_.size()) {
  for (std::size_t i = 0; i < specs_.size(); ++i) written_[i] = specs_[i].name;
}

std::optional<std::size_t> Columns::SpecIndex(std::string_view column) const {
  for (std::size_t i = 0; i < specs_.size(); ++i) {
    if (specs_[i].name == column) return i;
  }
  return std::nullopt;
}

std::vector<CellError> Columns::Bind(const Table& table) {
  std::vector<CellError> errors;
  std::fill(index_.begin(), index_.end(), -1);
  named_.assign(table.header.size(), false);
  for (std::size_t h = 0; h < table.header.size(); ++h) {
    const std::string& written = table.header[h];
    if (written.empty()) continue;  // an unnamed column must then stay empty (CheckWidth)
    named_[h] = true;
    const std::string norm = NormalizeHeader(written);
    auto spec = SpecIndex(norm);
    if (!spec) {
      errors.push_back({table.header_row, written, "unknown column", written});
      continue;
    }
    if (index_[*spec] >= 0) {
      errors.push_back({table.header_row, written, "column appears twice", written});
      continue;
    }
    index_[*spec] = static_cast<int>(h);
    written_[*spec] = written;
  }
  for (std::size_t i = 0; i < specs_.size(); ++i) {
    if (specs_[i].required && index_[i] < 0) {
      errors.push_back({table.header_row, specs_[i].name, "required column is missing", ""});
    }
  }
  return errors;
}

bool Columns::Has(std::string_view column) const {
  auto spec = SpecIndex(column);
  return spec && index_[*spec] >= 0;
}

std::string_view Columns::Get(const Row& row, std::string_view column) const {
  auto spec = SpecIndex(column);
  if (!spec || index_[*spec] < 0) return {};
  const auto i = static_cast<std::size_t>(index_[*spec]);
  if (i >= row.cells.size()) return {};
  return Trim(row.cells[i]);
}

std::string Columns::HeaderName(std::string_view column) const {
  auto spec = SpecIndex(column);
  return spec ? written_[*spec] : std::string(column);
}

std::optional<CellError> Columns::CheckWidth(const Row& row) const {
  for (std::size_t i = 0; i < row.cells.size(); ++i) {
    const bool unnamed = i >= named_.size() || !named_[i];
    if (unnamed && !Trim(row.cells[i]).empty()) {
      return CellError{row.number, "column " + std::to_string(i + 1),
                       "value in a column without a known header", row.cells[i]};
    }
  }
  return std::nullopt;
}

Result<Table> ReadTable(std::string_view bytes, Format format) {
  return format == Format::kCsv ? ReadCsv(bytes) : ReadXlsx(bytes);
}

Result<std::string> WriteTable(const std::vector<std::string>& header,
                               const std::vector<std::vector<std::string>>& rows, Format format) {
  if (format == Format::kCsv) return WriteCsv(header, rows);
  return WriteXlsx(header, rows);
}

}  // namespace bsg::tabular
