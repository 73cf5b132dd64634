// Tabular files as every importer and exporter sees them: a header and rows of text cells, with
// row numbers as a person sees them in a spreadsheet (the header is row 1), and the error type
// importers report, {row, column, reason, value}.
//
// Reading and writing a concrete format lives in csv.h and xlsx.h; ReadTable/WriteTable here pick
// the format. Nothing in this folder knows a domain record: the modules map columns to fields.
//
// Thread-safety: values; no shared state.
#ifndef BSG_PLATFORM_TABULAR_TABLE_H_
#define BSG_PLATFORM_TABULAR_TABLE_H_

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/status.h"

namespace bsg::tabular {

enum class Format { kCsv, kXlsx };

// "csv" | "xlsx".
std::string_view FormatName(Format format);
// Parses "csv" / "xlsx" (case-insensitive); nullopt otherwise.
std::optional<Format> ParseFormat(std::string_view name);
// The MIME type: "text/csv; charset=utf-8" or the Office Open XML spreadsheet type.
std::string_view MimeType(Format format);
inline constexpr std::string_view kXlsxMimeType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
// The format of `bytes` from its content: XLSX files are ZIP archives ("PK\3\4"); anything else
// is taken as CSV.
Format SniffFormat(std::string_view bytes);
// The format named by a Content-Type header value (parameters ignored): text/csv,
// application/csv and text/plain give CSV, the XLSX MIME type gives XLSX; nullopt otherwise.
std::optional<Format> FormatFromContentType(std::string_view content_type);

// One data row. `number` is the row a spreadsheet shows for it (the header is row 1; for CSV,
// a record spanning several lines through a quoted newline is one row). Cells are as read,
// untrimmed; a row may have fewer cells than the header (missing cells are empty) or more.
struct Row {
  int number = 0;
  std::vector<std::string> cells;
};

struct Table {
  int header_row = 1;               // the row number of the header
  std::vector<std::string> header;  // trimmed
  std::vector<Row> rows;            // data rows; entirely blank rows are left out
};

// One problem found in a file. `row` is a Row::number (1 for header problems, 0 for problems
// with the whole file); `column` is the header name as written in the file (empty when the
// problem is not about one column); `value` is the offending cell as written.
struct CellError {
  int row = 0;
  std::string column;
  std::string reason;
  std::string value;

  bool operator==(const CellError&) const = default;
};

// {"row", "column", "reason", "value"}; the value cut to kEchoedValueBytes (TruncateValue).
nlohmann::json ToJson(const CellError& error);
// "FILE:ROW:COLUMN: reason (value)"; the parts in brackets are left out when empty:
// "people.csv:7:email: is not a valid address (bob@)". The value is cut as in ToJson.
std::string FormatError(std::string_view file, const CellError& error);

// Error reports are bounded: the first kErrorsInFull errors are reported in full (each echoed
// value cut to kEchoedValueBytes bytes, on a UTF-8 boundary, followed by kTruncatedMarker), the
// rest only as counts per (column, reason).
inline constexpr std::size_t kErrorsInFull = 1000;
inline constexpr std::size_t kEchoedValueBytes = 200;
inline constexpr std::string_view kTruncatedMarker = "\xE2\x80\xA6[truncated]";  // "…[truncated]"
// `value` when at most `max_bytes` long; else its first bytes (not splitting a UTF-8 sequence)
// followed by kTruncatedMarker.
std::string TruncateValue(std::string_view value, std::size_t max_bytes = kEchoedValueBytes);
// The errors beyond the first kErrorsInFull, counted per (column, reason) in order of first
// appearance.
struct ErrorCount {
  std::string column;
  std::string reason;
  std::size_t count = 0;
};
std::vector<ErrorCount> SummarizeErrors(const std::vector<CellError>& errors,
                                        std::size_t in_full = kErrorsInFull);
// Adds to `body`: "errors" (the first kErrorsInFull, ToJson), "errors_total" (all of them) and
// "errors_summary" ([{column, reason, count}] for the rest; empty when none were left out).
void AddErrorReport(nlohmann::json& body, const std::vector<CellError>& errors);
// The members that make an import's report the error shape of a refused import (nothing was
// stored): "code" "unprocessable", "reason", a "message" naming the first error, and "fields"
// ("row 7: email" -> reason) for the errors reported in full. The report itself stays.
void MarkRefused(nlohmann::json& body, std::string_view reason,
                 const std::vector<CellError>& errors);
// The one error of a file that cannot be read at all (an InvalidArgument from ReadTable, with
// the row, column and value when the reader named them); nullopt for any other status, which
// the caller returns as it is.
std::optional<CellError> ReadFailure(const Status& status);
// The lines a command prints: FormatError for the first kErrorsInFull, then when more, one line
// "FILE: N more error(s) not shown:" and one "FILE:COLUMN: reason (count)" per summary entry.
std::vector<std::string> FormatErrorReport(std::string_view file,
                                           const std::vector<CellError>& errors);

// What a reader accepts; passing a limit stops the read at once with reason import.too_large.
// The defaults suit the imports of a member registry (tens of thousands of people); a caller may
// pass its own.
//  - max_uncompressed_bytes: XLSX only, the sum of the unpacked sizes of the workbook's parts,
//    checked from the ZIP directory before anything is unpacked (a "zip bomb": a 600 kB file can
//    hold a 600 MB sheet). kPayloadTooLarge (413), fields {"file": "..."}.
//  - max_rows (data rows), max_columns (cells in a row), max_cells (non-empty cells in the
//    table), max_cell_bytes (one cell's text), max_shared_strings (XLSX string table entries):
//    kUnprocessable (422) with fields naming the limit, e.g. {"rows": "at most 50000 rows"}.
struct Limits {
  std::size_t max_uncompressed_bytes = 100u * 1024 * 1024;
  std::size_t max_rows = 50'000;
  std::size_t max_columns = 200;
  std::size_t max_cells = 2'000'000;
  std::size_t max_cell_bytes = 32 * 1024;
  std::size_t max_shared_strings = 1'000'000;
};
// The limits of one kind of import: a module's name ("events", "registry", "groups"). Set at
// start-up from the configuration (`<module>.import_max_rows`, `import_max_cells`,
// `import_max_bytes`: the app's ApplyImportLimits); a kind never set has Limits{}. Thread-safe.
void SetImportLimits(std::string kind, const Limits& limits);
Limits ImportLimits(std::string_view kind);

// The Status for a passed limit: `name` is the field ("rows", "columns", "cells", "cell",
// "shared_strings"); `what` is "at most 50000 rows".
Status LimitPassed(std::string name, std::string what, int row = 0);

// What an importer expects of a column.
struct ColumnSpec {
  std::string name;  // lowercase snake_case, as written in exported files
  bool required = false;
};

// The header of a Table matched against the columns an importer knows. Header names are
// compared after trimming, case-insensitively, with spaces and hyphens read as underscores
// ("Family name" matches family_name).
class Columns {
 public:
  explicit Columns(std::vector<ColumnSpec> specs);

  // Matches `table.header`. Returns one CellError (row = header row) for each unknown column,
  // each column named twice and each missing required column; empty when the header is fine.
  std::vector<CellError> Bind(const Table& table);

  // True when the file has `column` (after Bind).
  bool Has(std::string_view column) const;
  // The cell of `column` in `row`, trimmed of spaces and tabs; "" when the file has no such
  // column or the row is short.
  std::string_view Get(const Row& row, std::string_view column) const;
  // The header name of `column` as written in the file (the spec name when absent).
  std::string HeaderName(std::string_view column) const;
  // One CellError for a row that has non-empty cells beyond the header; nullopt otherwise.
  std::optional<CellError> CheckWidth(const Row& row) const;

  const std::vector<ColumnSpec>& specs() const { return specs_; }

 private:
  std::optional<std::size_t> SpecIndex(std::string_view column) const;

  std::vector<ColumnSpec> specs_;
  std::vector<int> index_;            // spec -> header column, -1 when absent
  std::vector<std::string> written_;  // spec -> header name as written
  std::vector<bool> named_;           // header column -> has a name
};

// Trims ASCII spaces, tabs, CR and LF at both ends.
std::string_view Trim(std::string_view s);
// Lowercases ASCII letters, maps ' ' and '-' to '_', trims: the header-name normal form.
std::string NormalizeHeader(std::string_view name);

// Reports progress of a long job: (done, total) in arbitrary units.
using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;

// Reads a CSV or XLSX file held in memory. See csv.h and xlsx.h for the rules and errors
// (reason tabular.*; kInvalidArgument).
// Every cell, header included, must pass the platform's text rule (platform/text.h ValidateText,
// line breaks allowed): a NUL or other control character fails with tabular.bad_text naming
// the row and column (fields "row", "column"), so that nothing imported cuts an XLSX export or
// puts a raw control byte in a CSV one.
Result<Table> ReadTable(std::string_view bytes, Format format, const Limits& limits = {});
// The text check ReadTable makes.
Status CheckText(const Table& table);
// Writes a table (header + rows of cells; row numbers are ignored).
Result<std::string> WriteTable(const std::vector<std::string>& header,
                               const std::vector<std::vector<std::string>>& rows, Format format);

}  // namespace bsg::tabular

#endif  // BSG_PLATFORM_TABULAR_TABLE_H_
