// XLSX (Office Open XML spreadsheet) reading with liborcus and writing with libxlsxwriter.
// liborcus headers are included only by xlsx.cc: they do not build warning-free.
//
// Reading: the first sheet only. Row numbers are the sheet's own (the first non-blank row is the
// header; rows above it and entirely blank rows are skipped). Cell text:
//  - strings as stored (shared or inline);
//  - numbers in their shortest exact decimal form, integers without a fraction ("1994", not
//    "1994.0");
//  - numbers formatted as dates (built-in date formats and custom formats with d/m/y codes)
//    as ISO dates "YYYY-MM-DD", or "YYYY-MM-DD HH:MM:SS" when they have a time part (the 1900
//    date system, platform/time/spreadsheet.h; serials that name no real day, 0 and Excel's
//    1900-02-29, stay numbers);
//  - booleans as TRUE / FALSE;
//  - formulas as their cached result (a file saved by a spreadsheet program has one); no
//    recalculation.
// Errors (kInvalidArgument): tabular.bad_xlsx (not a readable XLSX file), tabular.empty (no
// sheet or no header row), tabular.bad_date (a date-formatted cell holding a number that is no
// date: not finite, or beyond serial 2958465 (9999-12-31) either way; fields row, column
// (letters), value).
//
// Writing: one sheet named `sheet_name`, a bold header row, every cell written as text (so
// codes such as "0012" and dates keep their exact form). Errors: tabular.cell_too_long (a cell
// over 32,767 characters, the XLSX limit; kInvalidArgument), tabular.too_many_rows (over
// 1,048,575 data rows), tabular.write_failed (kInternal: the temporary file could not be
// written).
#ifndef BSG_PLATFORM_TABULAR_XLSX_H_
#define BSG_PLATFORM_TABULAR_XLSX_H_

#include <string>
#include <string_view>
#include <vector>

#include "platform/status.h"
#include "platform/tabular/table.h"

namespace bsg::tabular {

// Stops with import.too_large (table.h, Limits) as soon as a limit is passed: the unpacked size
// is checked from the ZIP directory before parsing, the rest while parsing.
Result<Table> ReadXlsx(std::string_view bytes, const Limits& limits = {});

Result<std::string> WriteXlsx(const std::vector<std::string>& header,
                              const std::vector<std::vector<std::string>>& rows,
                              std::string_view sheet_name = "data");

}  // namespace bsg::tabular

#endif  // BSG_PLATFORM_TABULAR_XLSX_H_
