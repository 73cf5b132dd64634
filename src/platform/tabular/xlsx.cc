// XLSX reader (liborcus spreadsheet model) and writer (libxlsxwriter); see xlsx.h.
#include "platform/tabular/xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <orcus/orcus_xlsx.hpp>
#include <orcus/spreadsheet/import_interface.hpp>
#include <orcus/spreadsheet/types.hpp>
#include <orcus/types.hpp>
#include <sstream>
#include <stdexcept>
#include <string>

#include "platform/tabular/csv.h"
#include "platform/time/spreadsheet.h"

namespace bsg::tabular {
namespace {

namespace ss = orcus::spreadsheet;  // NOLINT

constexpr std::size_t kMaxCellChars = 32767;
constexpr std::size_t kMaxRows = 1048576;

// Shortest exact decimal form; integral values without a fraction.
std::string FormatNumber(double v) {
  if (std::isfinite(v) && std::trunc(v) == v && std::fabs(v) < 1e15) {
    return std::to_string(static_cast<long long>(v));
  }
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  return std::string(buf, ec == std::errc() ? end : buf);
}

// True for a number format that shows a date: the built-in date ids, or a format string with
// day, month-with-day or year codes outside quoted text and [...] sections.
bool IsDateFormat(std::size_t id, std::string_view format) {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
      (id >= 50 && id <= 58)) {
    return true;
  }
  bool quoted = false;
  bool bracket = false;
  bool has_date = false;
  for (std::size_t i = 0; i < format.size(); ++i) {
    const char c = format[i];
    if (c == '\\') {
      ++i;
      continue;
    }
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '[') bracket = true;
    if (c == ']') bracket = false;
    if (bracket) continue;
    if (c == 'd' || c == 'D' || c == 'y' || c == 'Y') has_date = true;
  }
  return has_date;
}

// Thrown from the import callbacks when a limit is passed: it unwinds through orcus and is caught
// around the parse, so that nothing more is read.
struct LimitError {
  Status status;
};

[[noreturn]] void ThrowLimit(std::string name, std::string what, int row = 0) {
  throw LimitError{LimitPassed(std::move(name), std::move(what), row)};
}

void CheckCellText(std::string_view text, const Limits& limits, int row) {
  if (text.size() > limits.max_cell_bytes) {
    ThrowLimit("cell", "at most " + std::to_string(limits.max_cell_bytes) + " bytes in a cell",
               row);
  }
}

// One cell as the importer hands it over.
struct Cell {
  enum class Type { kEmpty, kString, kNumber, kBool } type = Type::kEmpty;
  std::string text;
  double number = 0;
  bool boolean = false;
  std::size_t xf = 0;
};

// The cells of the first sheet, by row then column.
using Rows = std::map<ss::row_t, std::map<ss::col_t, Cell>>;

// The cells of the first sheet, counted as they come in against the limits.
class Grid {
 public:
  explicit Grid(const Limits& limits) : limits_(limits) {}

  // The cell at (row, col), created when new; throws LimitError when it would pass a limit.
  Cell& At(ss::row_t row, ss::col_t col) {
    auto r = rows_.find(row);
    if (r == rows_.end()) {
      // The header row and the data rows: one more than max_rows.
      if (rows_.size() > limits_.max_rows) {
        ThrowLimit("rows", "at most " + std::to_string(limits_.max_rows) + " rows",
                   static_cast<int>(row) + 1);
      }
      r = rows_.emplace(row, std::map<ss::col_t, Cell>()).first;
    }
    auto c = r->second.find(col);
    if (c != r->second.end()) return c->second;
    if (col < 0 || static_cast<std::size_t>(col) >= limits_.max_columns) {
      ThrowLimit("columns", "at most " + std::to_string(limits_.max_columns) + " columns",
                 static_cast<int>(row) + 1);
    }
    if (++cells_ > limits_.max_cells) {
      ThrowLimit("cells", "at most " + std::to_string(limits_.max_cells) + " cells",
                 static_cast<int>(row) + 1);
    }
    return r->second[col];
  }
  // Checks the length of a cell's text.
  void CheckText(std::string_view text, ss::row_t row) const {
    CheckCellText(text, limits_, static_cast<int>(row) + 1);
  }
  const Rows& rows() const { return rows_; }

 private:
  const Limits& limits_;
  Rows rows_;
  std::size_t cells_ = 0;
};

class SharedStrings final : public ss::iface::import_shared_strings {
 public:
  explicit SharedStrings(const Limits& limits) : limits_(limits) {}
  const std::string& at(std::size_t i) const {
    static const std::string kEmpty;
    return i < strings_.size() ? strings_[i] : kEmpty;
  }
  std::size_t append(std::string_view s) override {
    if (strings_.size() >= limits_.max_shared_strings) {
      ThrowLimit("shared_strings",
                 "at most " + std::to_string(limits_.max_shared_strings) + " distinct strings");
    }
    CheckCellText(s, limits_, 0);
    strings_.emplace_back(s);
    return strings_.size() - 1;
  }
  std::size_t add(std::string_view s) override { return append(s); }
  void set_segment_font(std::size_t) override {}
  void set_segment_bold(bool) override {}
  void set_segment_italic(bool) override {}
  void set_segment_font_name(std::string_view) override {}
  void set_segment_font_size(double) override {}
  void set_segment_font_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t,
                              ss::color_elem_t) override {}
  void append_segment(std::string_view s) override {
    segments_ += s;
    CheckCellText(segments_, limits_, 0);
  }
  std::size_t commit_segments() override {
    std::size_t i = append(segments_);
    segments_.clear();
    return i;
  }

 private:
  const Limits& limits_;
  std::vector<std::string> strings_;
  std::string segments_;
};

// Keeps only what tells a date from a number: number format codes and each cell format's
// number format id.
class Styles final : public ss::iface::import_styles {
 public:
  bool IsDate(std::size_t xf) const {
    if (xf >= xf_number_format_.size()) return false;
    const std::size_t id = xf_number_format_[xf];
    auto code = codes_.find(id);
    return IsDateFormat(id, code == codes_.end() ? std::string_view() : code->second);
  }

  void set_number_format_identifier(std::size_t id) override { pending_id_ = id; }
  void set_number_format_code(std::string_view s) override { pending_code_ = s; }
  std::size_t commit_number_format() override {
    codes_[pending_id_] = pending_code_;
    pending_code_.clear();
    return codes_.size() - 1;
  }
  void set_xf_number_format(std::size_t index) override { pending_xf_number_format_ = index; }
  std::size_t commit_cell_xf() override {
    xf_number_format_.push_back(pending_xf_number_format_);
    pending_xf_number_format_ = 0;
    return xf_number_format_.size() - 1;
  }
  std::size_t commit_cell_style_xf() override {
    pending_xf_number_format_ = 0;
    return 0;
  }
  std::size_t commit_dxf() override {
    pending_xf_number_format_ = 0;
    return 0;
  }

  // Everything else is presentation.
  void set_font_count(std::size_t) override {}
  void set_font_bold(bool) override {}
  void set_font_italic(bool) override {}
  void set_font_name(std::string_view) override {}
  void set_font_size(double) override {}
  void set_font_underline(ss::underline_t) override {}
  void set_font_underline_width(ss::underline_width_t) override {}
  void set_font_underline_mode(ss::underline_mode_t) override {}
  void set_font_underline_type(ss::underline_type_t) override {}
  void set_font_underline_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t,
                                ss::color_elem_t) override {}
  void set_font_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t,
                      ss::color_elem_t) override {}
  void set_strikethrough_style(ss::strikethrough_style_t) override {}
  void set_strikethrough_type(ss::strikethrough_type_t) override {}
  void set_strikethrough_width(ss::strikethrough_width_t) override {}
  void set_strikethrough_text(ss::strikethrough_text_t) override {}
  std::size_t commit_font() override { return 0; }
  void set_fill_count(std::size_t) override {}
  void set_fill_pattern_type(ss::fill_pattern_t) override {}
  void set_fill_fg_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t,
                         ss::color_elem_t) override {}
  void set_fill_bg_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t,
                         ss::color_elem_t) override {}
  std::size_t commit_fill() override { return 0; }
  void set_border_count(std::size_t) override {}
  void set_border_style(ss::border_direction_t, ss::border_style_t) override {}
  void set_border_color(ss::border_direction_t, ss::color_elem_t, ss::color_elem_t,
                        ss::color_elem_t, ss::color_elem_t) override {}
  void set_border_width(ss::border_direction_t, double, orcus::length_unit_t) override {}
  std::size_t commit_border() override { return 0; }
  void set_cell_hidden(bool) override {}
  void set_cell_locked(bool) override {}
  void set_cell_print_content(bool) override {}
  void set_cell_formula_hidden(bool) override {}
  std::size_t commit_cell_protection() override { return 0; }
  void set_number_format_count(std::size_t) override {}
  void set_cell_xf_count(std::size_t) override {}
  void set_cell_style_xf_count(std::size_t) override {}
  void set_dxf_count(std::size_t) override {}
  void set_xf_font(std::size_t) override {}
  void set_xf_fill(std::size_t) override {}
  void set_xf_border(std::size_t) override {}
  void set_xf_protection(std::size_t) override {}
  void set_xf_style_xf(std::size_t) override {}
  void set_xf_apply_alignment(bool) override {}
  void set_xf_horizontal_alignment(ss::hor_alignment_t) override {}
  void set_xf_vertical_alignment(ss::ver_alignment_t) override {}
  void set_cell_style_count(std::size_t) override {}
  void set_cell_style_name(std::string_view) override {}
  void set_cell_style_xf(std::size_t) override {}
  void set_cell_style_builtin(std::size_t) override {}
  void set_cell_style_parent_name(std::string_view) override {}
  std::size_t commit_cell_style() override { return 0; }

 private:
  std::map<std::size_t, std::string> codes_;   // number format id -> code
  std::vector<std::size_t> xf_number_format_;  // cell format -> number format id
  std::size_t pending_id_ = 0;
  std::string pending_code_;
  std::size_t pending_xf_number_format_ = 0;
};

// A formula's cached result becomes the cell's value.
class Formula final : public ss::iface::import_formula {
 public:
  explicit Formula(Grid* grid) : grid_(grid) {}
  void set_position(ss::row_t row, ss::col_t col) override {
    row_ = row;
    col_ = col;
    result_ = Cell{};
  }
  void set_formula(ss::formula_grammar_t, std::string_view) override {}
  void set_shared_formula_index(std::size_t) override {}
  void set_result_string(std::string_view value) override {
    grid_->CheckText(value, row_);
    result_.type = Cell::Type::kString;
    result_.text = value;
  }
  void set_result_value(double value) override {
    result_.type = Cell::Type::kNumber;
    result_.number = value;
  }
  void set_result_bool(bool value) override {
    result_.type = Cell::Type::kBool;
    result_.boolean = value;
  }
  void set_result_empty() override { result_.type = Cell::Type::kEmpty; }
  void commit() override {
    Cell& cell = grid_->At(row_, col_);
    const std::size_t xf = cell.xf;
    cell = result_;
    cell.xf = xf;
  }

 private:
  Grid* grid_;
  ss::row_t row_ = 0;
  ss::col_t col_ = 0;
  Cell result_;
};

// Collects the first sheet; later sheets are accepted and ignored.
class Sheet final : public ss::iface::import_sheet {
 public:
  Sheet(Grid* grid, const SharedStrings* strings, bool keep)
      : grid_(grid), strings_(strings), keep_(keep), formula_(grid) {}

  ss::iface::import_formula* get_formula() override { return keep_ ? &formula_ : nullptr; }
  void set_auto(ss::row_t row, ss::col_t col, std::string_view s) override {
    if (!keep_) return;
    grid_->CheckText(s, row);
    Cell& cell = grid_->At(row, col);
    cell.type = Cell::Type::kString;
    cell.text = s;
  }
  void set_string(ss::row_t row, ss::col_t col, ss::string_id_t sindex) override {
    if (!keep_) return;
    Cell& cell = grid_->At(row, col);
    cell.type = Cell::Type::kString;
    cell.text = strings_->at(sindex);
  }
  void set_value(ss::row_t row, ss::col_t col, double value) override {
    if (!keep_) return;
    Cell& cell = grid_->At(row, col);
    cell.type = Cell::Type::kNumber;
    cell.number = value;
  }
  void set_bool(ss::row_t row, ss::col_t col, bool value) override {
    if (!keep_) return;
    Cell& cell = grid_->At(row, col);
    cell.type = Cell::Type::kBool;
    cell.boolean = value;
  }
  void set_date_time(ss::row_t row, ss::col_t col, int year, int month, int day, int hour,
                     int minute, double second) override {
    if (!keep_) return;
    const time::CellDateTime value{{year, month, day},
                                   (hour * 60 + minute) * 60 + static_cast<int>(second)};
    Cell& cell = grid_->At(row, col);
    cell.type = Cell::Type::kString;
    cell.text = value.ToString();
  }
  void set_format(ss::row_t row, ss::col_t col, std::size_t xf_index) override {
    if (!keep_) return;
    grid_->At(row, col).xf = xf_index;
  }
  void set_format(ss::row_t, ss::col_t, ss::row_t, ss::col_t, std::size_t) override {}
  void fill_down_cells(ss::row_t, ss::col_t, ss::row_t) override {}
  ss::range_size_t get_sheet_size() const override { return {1048576, 16384}; }

 private:
  Grid* grid_;
  const SharedStrings* strings_;
  bool keep_;
  Formula formula_;
};

// Resolves A1-style references ("B7", "$B$7", "A1:C5"; sheet prefixes ignored). The cell
// positions come from here when a file gives them as references.
class References final : public ss::iface::import_reference_resolver {
 public:
  ss::src_address_t resolve_address(std::string_view address) override {
    const std::size_t bang = address.rfind('!');
    if (bang != std::string_view::npos) address.remove_prefix(bang + 1);
    ss::src_address_t out{0, 0, 0};
    long col = 0;
    long row = 0;
    for (char c : address) {
      if (c == '$') continue;
      if (c >= 'A' && c <= 'Z') {
        col = col * 26 + (c - 'A' + 1);
      } else if (c >= 'a' && c <= 'z') {
        col = col * 26 + (c - 'a' + 1);
      } else if (c >= '0' && c <= '9') {
        row = row * 10 + (c - '0');
      } else {
        throw std::invalid_argument("bad cell reference");
      }
      if (col > 16384 || row > 1048576) throw std::invalid_argument("bad cell reference");
    }
    if (col == 0 || row == 0) throw std::invalid_argument("bad cell reference");
    out.row = static_cast<ss::row_t>(row - 1);
    out.column = static_cast<ss::col_t>(col - 1);
    return out;
  }
  ss::src_range_t resolve_range(std::string_view range) override {
    const std::size_t colon = range.find(':');
    ss::src_range_t out{};
    out.first = resolve_address(range.substr(0, colon));
    out.last =
        colon == std::string_view::npos ? out.first : resolve_address(range.substr(colon + 1));
    return out;
  }
};

class Factory final : public ss::iface::import_factory {
 public:
  explicit Factory(const Limits& limits) : grid_(limits), strings_(limits) {}
  ss::iface::import_reference_resolver* get_reference_resolver(ss::formula_ref_context_t) override {
    return &references_;
  }
  ss::iface::import_shared_strings* get_shared_strings() override { return &strings_; }
  ss::iface::import_styles* get_styles() override { return &styles_; }
  ss::iface::import_sheet* append_sheet(ss::sheet_t, std::string_view name) override {
    sheets_.push_back(std::make_unique<Sheet>(&grid_, &strings_, sheets_.empty()));
    names_.emplace_back(name);
    return sheets_.back().get();
  }
  ss::iface::import_sheet* get_sheet(std::string_view name) override {
    for (std::size_t i = 0; i < names_.size(); ++i) {
      if (names_[i] == name) return sheets_[i].get();
    }
    return nullptr;
  }
  ss::iface::import_sheet* get_sheet(ss::sheet_t index) override {
    const auto i = static_cast<std::size_t>(index);
    return i < sheets_.size() ? sheets_[i].get() : nullptr;
  }
  void finalize() override {}

  bool has_sheet() const { return !sheets_.empty(); }
  const Grid& grid() const { return grid_; }

  // True for a date-formatted number that is no date a spreadsheet can show: not finite, or
  // beyond 9999-12-31 (serial 2958465) either way. Such a cell is reported, not read.
  bool IsBadDate(const Cell& cell) const {
    return cell.type == Cell::Type::kNumber && styles_.IsDate(cell.xf) &&
           !(std::isfinite(cell.number) && std::fabs(cell.number) < 2958466.0);
  }

  std::string Text(const Cell& cell) const {
    switch (cell.type) {
      case Cell::Type::kString:
        return cell.text;
      case Cell::Type::kNumber:
        if (styles_.IsDate(cell.xf)) {
          if (auto value = time::FromSpreadsheetSerial(cell.number)) return value->ToString();
        }
        return FormatNumber(cell.number);
      case Cell::Type::kBool:
        return cell.boolean ? "TRUE" : "FALSE";
      case Cell::Type::kEmpty:
        return "";
    }
    return "";
  }

 private:
  Grid grid_;
  SharedStrings strings_;
  Styles styles_;
  References references_;
  std::vector<std::unique_ptr<Sheet>> sheets_;
  std::vector<std::string> names_;
};

bool IsBlank(const std::vector<std::string>& cells) {
  for (const auto& c : cells) {
    if (!Trim(c).empty()) return false;
  }
  return true;
}

// A temporary file removed on destruction.
class TempFile {
 public:
  TempFile() {
    const char* dir = std::getenv("TMPDIR");
    path_ = std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/bsg-xlsx-XXXXXX";
    const int fd = mkstemp(path_.data());
    if (fd < 0) {
      path_.clear();
    } else {
      close(fd);
    }
  }
  ~TempFile() {
    if (!path_.empty()) std::remove(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  bool ok() const { return !path_.empty(); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::uint32_t Le32(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}
std::uint16_t Le16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) |
                                    static_cast<unsigned char>(b[at + 1]) << 8);
}

// Sums the unpacked sizes the ZIP central directory gives for every part, before anything is
// unpacked. A file whose directory cannot be found is left to orcus (which then fails with
// tabular.bad_xlsx); ZIP64 sizes (a part over 4 GB) are over any limit.
Status CheckUnpackedSize(std::string_view b, const Limits& limits) {
  constexpr std::size_t kEnd = 22;  // end of central directory record, without comment
  if (b.size() < kEnd) return Status::Ok();
  std::size_t eocd = std::string_view::npos;
  const std::size_t lowest = b.size() > kEnd + 65535 ? b.size() - kEnd - 65535 : 0;
  for (std::size_t at = b.size() - kEnd + 1; at-- > lowest;) {
    if (Le32(b, at) == 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd == std::string_view::npos) return Status::Ok();
  const std::string what =
      "at most " + std::to_string(limits.max_uncompressed_bytes / (1024 * 1024)) +
      " MB unpacked (" + std::to_string(limits.max_uncompressed_bytes) + " bytes)";
  auto too_large = [&](std::string detail) {
    return Status(ErrorCode::kPayloadTooLarge, "import.too_large",
                  "the workbook is too large to import: " + detail + "; the limit is " + what,
                  {{"file", what}});
  };
  const std::uint16_t entries = Le16(b, eocd + 10);
  const std::uint32_t dir_offset = Le32(b, eocd + 16);
  if (entries == 0xFFFF || dir_offset == 0xFFFFFFFF) return too_large("a ZIP64 archive");
  std::uint64_t total = 0;
  std::size_t at = dir_offset;
  for (std::uint16_t i = 0; i < entries; ++i) {
    if (at + 46 > b.size() || Le32(b, at) != 0x02014b50) return Status::Ok();  // orcus decides
    const std::uint32_t size = Le32(b, at + 24);
    if (size == 0xFFFFFFFF) return too_large("a part over 4 GB");
    total += size;
    if (total > limits.max_uncompressed_bytes) {
      return too_large("its parts unpack to more than " + std::to_string(total) + " bytes");
    }
    at += 46 + static_cast<std::size_t>(Le16(b, at + 28)) + Le16(b, at + 30) + Le16(b, at + 32);
  }
  return Status::Ok();
}

// A column number as a spreadsheet names it: 0 -> "A", 27 -> "AB".
std::string ColumnName(std::size_t col) {
  std::string out;
  for (std::size_t n = col + 1; n > 0; n = (n - 1) / 26) {
    out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return out;
}

}  // namespace

Result<Table> ReadXlsx(std::string_view bytes, const Limits& limits) {
  BSG_RETURN_IF_ERROR(CheckUnpackedSize(bytes, limits));
  try {
    Factory factory(limits);
    orcus::orcus_xlsx loader(&factory);
    try {
      loader.read_stream(bytes);
    } catch (const LimitError& e) {
      return e.status;
    }
    if (!factory.has_sheet()) {
      return Status::InvalidArgument("tabular.empty", "the workbook has no sheet", {{"row", "0"}});
    }
    Table table;
    bool have_header = false;
    std::vector<std::string> cells;
    for (const auto& [r, row] : factory.grid().rows()) {
      cells.clear();
      for (const auto& [c, cell] : row) {
        if (c < 0) continue;
        const auto col = static_cast<std::size_t>(c);
        if (factory.IsBadDate(cell)) {
          const std::string row_text = std::to_string(static_cast<int>(r) + 1);
          const std::string value = FormatNumber(cell.number);
          return Status::InvalidArgument(
              "tabular.bad_date",
              "cell " + ColumnName(col) + row_text + " is formatted as a date but holds " + value +
                  ", which is no date",
              {{"row", row_text}, {"column", ColumnName(col)}, {"value", value}});
        }
        if (cells.size() <= col) cells.resize(col + 1);
        cells[col] = factory.Text(cell);
      }
      while (!cells.empty() && cells.back().empty()) cells.pop_back();
      if (IsBlank(cells)) continue;
      const int number = static_cast<int>(r) + 1;
      if (!have_header) {
        have_header = true;
        table.header_row = number;
        for (const auto& cell : cells) table.header.emplace_back(Trim(cell));
        continue;
      }
      table.rows.push_back(Row{number, cells});
    }
    if (!have_header) {
      return Status::InvalidArgument("tabular.empty", "the first sheet has no header row",
                                     {{"row", "0"}});
    }
    return table;
  } catch (const std::exception& e) {
    return Status::InvalidArgument(
        "tabular.bad_xlsx", std::string("the file is not a readable XLSX workbook: ") + e.what(),
        {{"row", "0"}});
  }
}

Result<std::string> WriteXlsx(const std::vector<std::string>& header,
                              const std::vector<std::vector<std::string>>& rows,
                              std::string_view sheet_name) {
  if (rows.size() + 1 > kMaxRows) {
    return Status::InvalidArgument("tabular.too_many_rows",
                                   "an XLSX sheet holds at most 1,048,575 data rows");
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (const auto& cell : rows[r]) {
      if (cell.size() > kMaxCellChars) {
        return Status::InvalidArgument(
            "tabular.cell_too_long",
            "row " + std::to_string(r + 2) + " has a cell longer than 32,767 characters");
      }
    }
  }
  TempFile file;
  if (!file.ok()) {
    return Status::Internal("tabular.write_failed", "cannot create a temporary file");
  }
  lxw_workbook_options options{};
  options.constant_memory =
      LXW_FALSE;  // constant_memory writes inline strings, which liborcus 0.17 skips
  lxw_workbook* workbook = workbook_new_opt(file.path().c_str(), &options);
  if (workbook == nullptr) {
    return Status::Internal("tabular.write_failed", "cannot start the XLSX workbook");
  }
  const std::string name(sheet_name);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  lxw_error error = LXW_NO_ERROR;
  for (std::size_t c = 0; c < header.size() && error == LXW_NO_ERROR; ++c) {
    error = worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), header[c].c_str(), bold);
  }
  for (std::size_t r = 0; r < rows.size() && error == LXW_NO_ERROR; ++r) {
    const auto& row = rows[r];
    for (std::size_t c = 0; c < row.size() && error == LXW_NO_ERROR; ++c) {
      if (row[c].empty()) continue;
      error = worksheet_write_string(sheet, static_cast<lxw_row_t>(r + 1),
                                     static_cast<lxw_col_t>(c), row[c].c_str(), nullptr);
    }
  }
  const lxw_error close_error = workbook_close(workbook);
  if (error != LXW_NO_ERROR || close_error != LXW_NO_ERROR) {
    return Status::Internal("tabular.write_failed",
                            std::string("cannot write the XLSX workbook: ") +
                                lxw_strerror(error != LXW_NO_ERROR ? error : close_error));
  }
  std::ifstream in(file.path(), std::ios::binary);
  if (!in) return Status::Internal("tabular.write_failed", "cannot read back the XLSX workbook");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace bsg::tabular
