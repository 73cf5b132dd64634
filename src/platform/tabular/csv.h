// CSV reading and writing (RFC 4180, UTF-8).
//
// Reading:
//  - UTF-8, with or without a byte-order mark; any other encoding fails with
//    tabular.not_utf8 naming the row (save the file as "CSV UTF-8").
//  - Records end with CRLF, LF or a lone CR. Fields may be quoted with '"'; a quoted field may
//    hold separators, quotes (doubled: "") and line breaks, and then spans several lines but is
//    still one row. A quote inside an unquoted field is kept as written (5" screen).
//  - The separator is ',' unless the first record has no ',' outside quotes and has ';' (the
//    "CSV" that spreadsheets write in locales with a decimal comma).
//  - Rows are numbered as a spreadsheet shows the file: record N (counting blank records) is row
//    N. The first non-blank record is the header; blank records are skipped.
//  - Errors (kInvalidArgument): tabular.not_utf8, tabular.unterminated_quote (a quoted field
//    runs to the end of the file), tabular.bad_quote (text after a closing quote),
//    tabular.empty (no header).
//  - Formula guard: a cell written as ' followed by =, +, -, @, tab or CR (possibly after more
//    quotes) loses its first ', undoing what WriteCsv adds.
//
// Writing: a header record then one record per row, CRLF line ends, no byte-order mark; fields
// are quoted when they hold ',', '"', CR, LF or leading/trailing spaces. With the formula guard
// (on by default) a cell starting with =, +, -, @, tab or CR (possibly after quotes ') gets a
// leading ' so that a spreadsheet opening the file does not run it as a formula
// (CSV injection); ReadCsv removes it again, so export then import gives back the same text.
#ifndef BSG_PLATFORM_TABULAR_CSV_H_
#define BSG_PLATFORM_TABULAR_CSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "platform/status.h"
#include "platform/tabular/table.h"

namespace bsg::tabular {

struct CsvOptions {
  bool formula_guard = true;
};

// Stops with import.too_large (table.h, Limits) as soon as a limit is passed.
Result<Table> ReadCsv(std::string_view bytes, const CsvOptions& options = {},
                      const Limits& limits = {});

// Appends one CSV record (with CRLF) to `out`.
void AppendCsvRecord(std::string& out, const std::vector<std::string>& cells,
                     const CsvOptions& options = {});

std::string WriteCsv(const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows,
                     const CsvOptions& options = {});

}  // namespace bsg::tabular

#endif  // BSG_PLATFORM_TABULAR_CSV_H_
