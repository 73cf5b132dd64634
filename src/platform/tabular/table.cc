// Table helpers: formats, column binding, error formatting.
#include "platform/tabular/table.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <mutex>
#include <utility>

#include "platform/tabular/csv.h"
#include "platform/tabular/xlsx.h"
#include "platform/text.h"

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
          {"value", TruncateValue(error.value)}};
}

std::string TruncateValue(std::string_view value, std::size_t max_bytes) {
  if (value.size() <= max_bytes) return std::string(value);
  std::size_t cut = max_bytes;
  // Back up to the start of a UTF-8 sequence (continuation bytes are 10xxxxxx).
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  std::string out(value.substr(0, cut));
  out += kTruncatedMarker;
  return out;
}

std::vector<ErrorCount> SummarizeErrors(const std::vector<CellError>& errors, std::size_t in_full) {
  std::vector<ErrorCount> out;
  std::map<std::pair<std::string, std::string>, std::size_t> index;
  for (std::size_t i = in_full; i < errors.size(); ++i) {
    const CellError& e = errors[i];
    auto [it, added] = index.try_emplace({e.column, e.reason}, out.size());
    if (added) out.push_back({TruncateValue(e.column), TruncateValue(e.reason), 0});
    ++out[it->second].count;
  }
  return out;
}

void MarkRefused(nlohmann::json& body, std::string_view reason,
                 const std::vector<CellError>& errors) {
  body["code"] = "unprocessable";
  body["reason"] = std::string(reason);
  std::string message = "the file has errors; nothing was imported";
  if (!errors.empty()) {
    const CellError& first = errors.front();
    message += " (first: row " + std::to_string(first.row) +
               (first.column.empty() ? "" : ", " + first.column) + ": " + first.reason + ")";
  }
  body["message"] = message;
  nlohmann::json fields = nlohmann::json::object();
  for (std::size_t i = 0; i < errors.size() && i < kErrorsInFull; ++i) {
    const CellError& e = errors[i];
    fields["row " + std::to_string(e.row) + (e.column.empty() ? "" : ": " + e.column)] = e.reason;
  }
  body["fields"] = std::move(fields);
}

std::optional<CellError> ReadFailure(const Status& status) {
  if (status.code() != ErrorCode::kInvalidArgument) return std::nullopt;
  const auto& f = status.fields();
  auto get = [&](const char* key) {
    auto it = f.find(key);
    return it == f.end() ? std::string() : it->second;
  };
  const std::string row = get("row");
  return CellError{row.empty() ? 0 : std::atoi(row.c_str()), get("column"), status.message(),
                   get("value")};
}

void AddErrorReport(nlohmann::json& body, const std::vector<CellError>& errors) {
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t i = 0; i < errors.size() && i < kErrorsInFull; ++i) {
    list.push_back(ToJson(errors[i]));
  }
  nlohmann::json summary = nlohmann::json::array();
  for (const ErrorCount& c : SummarizeErrors(errors)) {
    summary.push_back({{"column", c.column}, {"reason", c.reason}, {"count", c.count}});
  }
  body["errors"] = std::move(list);
  body["errors_total"] = errors.size();
  body["errors_summary"] = std::move(summary);
}

std::vector<std::string> FormatErrorReport(std::string_view file,
                                           const std::vector<CellError>& errors) {
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < errors.size() && i < kErrorsInFull; ++i) {
    lines.push_back(FormatError(file, errors[i]));
  }
  if (errors.size() > kErrorsInFull) {
    lines.push_back(std::string(file) + ": " + std::to_string(errors.size() - kErrorsInFull) +
                    " more error(s) not shown:");
    for (const ErrorCount& c : SummarizeErrors(errors)) {
      lines.push_back(std::string(file) + ":" + c.column + ": " + c.reason + " (" +
                      std::to_string(c.count) + ")");
    }
  }
  return lines;
}

Status LimitPassed(std::string name, std::string what, int row) {
  std::string message = "the file is too large to import: " + what;
  if (row > 0) message += " (passed at row " + std::to_string(row) + ")";
  return Status::Unprocessable("import.too_large", std::move(message),
                               {{std::move(name), std::move(what)}});
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
    out += TruncateValue(error.value);
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

namespace {
std::mutex import_limits_mu;
std::map<std::string, Limits, std::less<>>& ImportLimitsByKind() {
  static auto* limits = new std::map<std::string, Limits, std::less<>>();
  return *limits;
}
}  // namespace

void SetImportLimits(std::string kind, const Limits& limits) {
  std::lock_guard lock(import_limits_mu);
  ImportLimitsByKind()[std::move(kind)] = limits;
}

Limits ImportLimits(std::string_view kind) {
  std::lock_guard lock(import_limits_mu);
  auto it = ImportLimitsByKind().find(kind);
  return it == ImportLimitsByKind().end() ? Limits{} : it->second;
}

Result<Table> ReadTable(std::string_view bytes, Format format, const Limits& limits) {
  BSG_ASSIGN_OR_RETURN(
      Table table, format == Format::kCsv ? ReadCsv(bytes, {}, limits) : ReadXlsx(bytes, limits));
  BSG_RETURN_IF_ERROR(CheckText(table));
  return table;
}

Status CheckText(const Table& table) {
  auto check = [](int row, const std::string& column, const std::string& cell) -> Status {
    auto why = ValidateText(cell, /*allow_newlines=*/true);
    if (!why) return Status::Ok();
    return Status::InvalidArgument(
        "tabular.bad_text", "row " + std::to_string(row) + ", column " + column + ": " + *why,
        {{"row", std::to_string(row)}, {"column", column}});
  };
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    BSG_RETURN_IF_ERROR(
        check(table.header_row, "column " + std::to_string(i + 1), table.header[i]));
  }
  for (const Row& row : table.rows) {
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      const bool named = i < table.header.size() && !table.header[i].empty();
      const std::string column = named ? table.header[i] : "column " + std::to_string(i + 1);
      BSG_RETURN_IF_ERROR(check(row.number, column, row.cells[i]));
    }
  }
  return Status::Ok();
}

Result<std::string> WriteTable(const std::vector<std::string>& header,
                               const std::vector<std::vector<std::string>>& rows, Format format) {
  if (format == Format::kCsv) return WriteCsv(header, rows);
  return WriteXlsx(header, rows);
}

}  // namespace bsg::tabular
