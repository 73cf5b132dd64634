// CSV downloads of a Document: one file per table (table-N.csv) and one per figure's data
// (figure-N.csv), numbered as in the PDF and HTML (BuildOutline). RFC 4180: fields quoted when
// they hold a comma, a quote, CR or LF, quotes doubled, CRLF between records, UTF-8.
//
// Spreadsheet formula injection: a field starting with '=', '+', '-', '@', TAB or CR that is not
// a number is prefixed with an apostrophe (OWASP "CSV injection"), so opening a download in a
// spreadsheet never runs text from the database as a formula. Numbers such as "-3" are kept.
//
// Thread-safety: pure functions.
#ifndef BSG_PLATFORM_RENDER_RENDERER_CSV_H_
#define BSG_PLATFORM_RENDER_RENDERER_CSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "platform/render/document.h"
#include "platform/render/rendered_file.h"

namespace bsg::render {

struct CsvOptions {
  // Start each file with a UTF-8 byte order mark, which some spreadsheets need to read non-Latin
  // text.
  bool utf8_bom = false;
};

// One field, quoted and neutralized as described above.
std::string CsvField(std::string_view value);
// Fields joined with commas, ending in CRLF.
std::string CsvRecord(const std::vector<std::string>& fields);

// The table as CSV: the header row, then the body rows (cells' text; short rows padded).
std::string TableCsv(const Table& table);

// table-N.csv for every table and figure-N.csv (ChartDataCsv) for every figure, in document
// order.
std::vector<RenderedFile> RenderCsvFiles(const Document& document, const CsvOptions& options = {});

}  // namespace bsg::render

#endif  // BSG_PLATFORM_RENDER_RENDERER_CSV_H_
