// CSV reader and writer; see csv.h for the rules.
#include "platform/tabular/csv.h"

#include <cstdint>
#include <string>
#include <utility>

#include "platform/text.h"

namespace bsg::tabular {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool IsFormulaStart(char c) {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

// True when `cell` is zero or more quotes followed by a formula-start character.
bool NeedsGuard(std::string_view cell) {
  std::size_t i = 0;
  while (i < cell.size() && cell[i] == '\'') ++i;
  return i < cell.size() && IsFormulaStart(cell[i]);
}

// Picks ',' unless the first record has ';' and no ',' outside quotes.
char DetectSeparator(std::string_view in) {
  bool quoted = false;
  int commas = 0;
  int semicolons = 0;
  for (char c : in) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted) {
      if (c == '\n' || c == '\r') break;
      if (c == ',') ++commas;
      if (c == ';') ++semicolons;
    }
  }
  return (commas == 0 && semicolons > 0) ? ';' : ',';
}

bool IsBlank(const std::vector<std::string>& cells) {
  for (const auto& c : cells) {
    if (!Trim(c).empty()) return false;
  }
  return true;
}

Status ReadError(std::string reason, int row, std::string message) {
  return Status::InvalidArgument(std::move(reason), "row " + std::to_string(row) + ": " + message,
                                 {{"row", std::to_string(row)}});
}

}  // namespace

Result<Table> ReadCsv(std::string_view in, const CsvOptions& options, const Limits& limits) {
  std::size_t pos = in.starts_with(kBom) ? kBom.size() : 0;
  const std::size_t n = in.size();
  const char sep = DetectSeparator(in.substr(pos));
  Table table;
  bool have_header = false;
  int number = 0;
  std::size_t cell_count = 0;
  std::vector<std::string> cells;
  std::string field;
  while (pos < n) {
    ++number;
    cells.clear();
    bool end_of_record = false;
    while (!end_of_record) {
      field.clear();
      if (pos < n && in[pos] == '"') {
        ++pos;
        while (true) {
          if (pos >= n) {
            return ReadError("tabular.unterminated_quote", number,
                             "a quoted field is not closed before the end of the file");
          }
          const char c = in[pos];
          if (c == '"') {
            if (pos + 1 < n && in[pos + 1] == '"') {
              field += '"';
              pos += 2;
              continue;
            }
            ++pos;
            break;
          }
          // Copy the run up to the next quote at once.
          std::size_t next = in.find('"', pos);
          if (next == std::string_view::npos) next = n;
          field.append(in.substr(pos, next - pos));
          pos = next;
        }
        if (pos < n && in[pos] != sep && in[pos] != '\n' && in[pos] != '\r') {
          return ReadError("tabular.bad_quote", number,
                           "text follows the closing quote of a field (quotes inside a quoted "
                           "field must be doubled)");
        }
      } else {
        const std::size_t start = pos;
        while (pos < n && in[pos] != sep && in[pos] != '\n' && in[pos] != '\r') ++pos;
        field.assign(in.substr(start, pos - start));
      }
      if (!IsValidUtf8(field)) {
        return ReadError("tabular.not_utf8", number,
                         "field " + std::to_string(cells.size() + 1) +
                             " is not UTF-8 text (save the file as \"CSV UTF-8\")");
      }
      if (field.size() > limits.max_cell_bytes) {
        return LimitPassed("cell",
                           "at most " + std::to_string(limits.max_cell_bytes) + " bytes in a cell",
                           number);
      }
      if (cells.size() >= limits.max_columns) {
        return LimitPassed("columns", "at most " + std::to_string(limits.max_columns) + " columns",
                           number);
      }
      if (!field.empty() && ++cell_count > limits.max_cells) {
        return LimitPassed("cells", "at most " + std::to_string(limits.max_cells) + " cells",
                           number);
      }
      cells.push_back(field);
      if (pos >= n) {
        end_of_record = true;
      } else if (in[pos] == sep) {
        ++pos;
        if (pos >= n) {
          cells.emplace_back();  // a separator right before the end: one more empty field
          end_of_record = true;
        }
      } else {
        pos += (in[pos] == '\r' && pos + 1 < n && in[pos + 1] == '\n') ? 2 : 1;
        end_of_record = true;
      }
    }
    if (IsBlank(cells)) continue;
    if (!have_header) {
      have_header = true;
      table.header_row = number;
      for (const auto& c : cells) table.header.emplace_back(Trim(c));
      continue;
    }
    if (options.formula_guard) {
      for (auto& c : cells) {
        if (c.size() > 1 && c[0] == '\'' && NeedsGuard(std::string_view(c).substr(1))) {
          c.erase(0, 1);
        }
      }
    }
    if (table.rows.size() >= limits.max_rows) {
      return LimitPassed("rows", "at most " + std::to_string(limits.max_rows) + " rows", number);
    }
    table.rows.push_back(Row{number, cells});
  }
  if (!have_header) {
    return Status::InvalidArgument("tabular.empty", "the file has no header row", {{"row", "0"}});
  }
  return table;
}

void AppendCsvRecord(std::string& out, const std::vector<std::string>& cells,
                     const CsvOptions& options) {
  bool first = true;
  for (const auto& raw : cells) {
    if (!first) out += ',';
    first = false;
    std::string_view cell = raw;
    const bool guard = options.formula_guard && NeedsGuard(cell);
    const bool quote = cell.find_first_of(",\"\r\n") != std::string_view::npos ||
                       (!cell.empty() && (cell.front() == ' ' || cell.back() == ' ')) || guard;
    if (!quote) {
      out += cell;
      continue;
    }
    out += '"';
    if (guard) out += '\'';
    for (char c : cell) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += "\r\n";
}

std::string WriteCsv(const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows, const CsvOptions& options) {
  std::string out;
  CsvOptions header_options = options;
  header_options.formula_guard = false;
  AppendCsvRecord(out, header, header_options);
  for (const auto& row : rows) AppendCsvRecord(out, row, options);
  return out;
}

}  // namespace bsg::tabular
