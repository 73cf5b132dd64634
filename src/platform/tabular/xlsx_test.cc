#include "platform/tabular/xlsx.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "platform/tabular/table.h"

namespace bsg::tabular {
namespace {

using Cells = std::vector<std::string>;

// Builds an XLSX file with libxlsxwriter directly, to test reading of typed cells.
class WorkbookBuilder {
 public:
  WorkbookBuilder() {
    path_ = "/tmp/bsg-xlsx-test-XXXXXX";
    int fd = mkstemp(path_.data());
    close(fd);
    book_ = workbook_new(path_.c_str());
    sheet_ = workbook_add_worksheet(book_, "first");
  }
  ~WorkbookBuilder() { std::remove(path_.c_str()); }
  lxw_workbook* book() { return book_; }
  lxw_worksheet* sheet() { return sheet_; }
  std::string Finish() {
    workbook_close(book_);
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

 private:
  std::string path_;
  lxw_workbook* book_;
  lxw_worksheet* sheet_;
};

TEST(XlsxTest, RoundTripKeepsTextExactly) {
  const Cells header = {"name", "code", "date", "note"};
  const std::vector<Cells> rows = {
      {"S\xC3\xA3o Tom\xC3\xA9", "0012", "1994-12", "line one\nline two"},
      {"\xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD", "", "2020-12-04", "=not a formula"},
      {"", "", "", "only last"}};
  auto bytes = WriteXlsx(header, rows);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(SniffFormat(*bytes), Format::kXlsx);
  auto table = ReadXlsx(*bytes);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->header, header);
  ASSERT_EQ(table->rows.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(table->rows[i].number, static_cast<int>(i) + 2);
    EXPECT_EQ(table->rows[i].cells, rows[i]) << i;
  }
}

TEST(XlsxTest, ReadsFirstSheetOnlyWithSheetRowNumbers) {
  WorkbookBuilder b;
  worksheet_write_string(b.sheet(), 2, 0, "name", nullptr);  // header on row 3
  worksheet_write_string(b.sheet(), 2, 1, "year", nullptr);
  worksheet_write_string(b.sheet(), 3, 0, "Ada", nullptr);
  worksheet_write_number(b.sheet(), 3, 1, 1994, nullptr);
  worksheet_write_string(b.sheet(), 5, 0, "Bo", nullptr);  // row 5 blank
  worksheet_write_number(b.sheet(), 5, 1, 2.5, nullptr);
  worksheet_write_boolean(b.sheet(), 6, 0, 1, nullptr);
  lxw_worksheet* second = workbook_add_worksheet(b.book(), "second");
  worksheet_write_string(second, 0, 0, "ignored", nullptr);
  auto table = ReadXlsx(b.Finish());
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->header_row, 3);
  EXPECT_EQ(table->header, (Cells{"name", "year"}));
  ASSERT_EQ(table->rows.size(), 3u);
  EXPECT_EQ(table->rows[0].number, 4);
  EXPECT_EQ(table->rows[0].cells, (Cells{"Ada", "1994"}));
  EXPECT_EQ(table->rows[1].number, 6);
  EXPECT_EQ(table->rows[1].cells, (Cells{"Bo", "2.5"}));
  EXPECT_EQ(table->rows[2].cells, (Cells{"TRUE"}));
}

TEST(XlsxTest, DateCellsBecomeIsoDates) {
  WorkbookBuilder b;
  lxw_format* date = workbook_add_format(b.book());
  format_set_num_format(date, "dd/mm/yyyy");
  lxw_format* builtin = workbook_add_format(b.book());
  format_set_num_format_index(builtin, 14);
  worksheet_write_string(b.sheet(), 0, 0, "start", nullptr);
  worksheet_write_string(b.sheet(), 0, 1, "end", nullptr);
  lxw_datetime d1 = {2020, 12, 4, 0, 0, 0};
  lxw_datetime d2 = {2017, 6, 4, 12, 30, 0};
  worksheet_write_datetime(b.sheet(), 1, 0, &d1, date);
  worksheet_write_datetime(b.sheet(), 1, 1, &d2, builtin);
  auto table = ReadXlsx(b.Finish());
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0].cells, (Cells{"2020-12-04", "2017-06-04 12:30:00"}));
}

TEST(XlsxTest, DateCellsFollowThe1900DateSystem) {
  WorkbookBuilder b;
  lxw_format* date = workbook_add_format(b.book());
  format_set_num_format(date, "yyyy-mm-dd");
  const double serials[] = {1, 59, 60, 61, 43831, 0};
  for (int c = 0; c < 6; ++c) {
    worksheet_write_string(b.sheet(), 0, c, ("d" + std::to_string(c)).c_str(), nullptr);
    worksheet_write_number(b.sheet(), 1, c, serials[c], date);
  }
  auto table = ReadXlsx(b.Finish());
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->rows.size(), 1u);
  // 60 is Excel's 1900-02-29, a day that never was, and 0 its "1900-01-00": both stay numbers.
  EXPECT_EQ(table->rows[0].cells,
            (Cells{"1900-01-01", "1900-02-28", "60", "1900-03-01", "2020-01-01", "0"}));
}

TEST(XlsxTest, FormulaGivesItsCachedResult) {
  WorkbookBuilder b;
  worksheet_write_string(b.sheet(), 0, 0, "n", nullptr);
  worksheet_write_formula_num(b.sheet(), 1, 0, "=1+1", nullptr, 2);
  auto table = ReadXlsx(b.Finish());
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0].cells, (Cells{"2"}));
}

TEST(XlsxTest, GarbageIsBadXlsx) {
  auto table = ReadXlsx(std::string("PK\x03\x04 this is not a zip file"));
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().reason(), "tabular.bad_xlsx");
}

TEST(XlsxTest, EmptySheetHasNoHeader) {
  WorkbookBuilder b;
  auto table = ReadXlsx(b.Finish());
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().reason(), "tabular.empty");
}

TEST(XlsxTest, OverlongCellIsRefused) {
  auto bytes = WriteXlsx({"a"}, {{std::string(40000, 'x')}});
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.status().reason(), "tabular.cell_too_long");
}

TEST(XlsxTest, ManyRowsRoundTrip) {
  std::vector<Cells> rows;
  for (int i = 0; i < 5000; ++i) rows.push_back({std::to_string(i), "name " + std::to_string(i)});
  auto bytes = WriteXlsx({"id", "name"}, rows);
  ASSERT_TRUE(bytes.ok());
  auto table = ReadXlsx(*bytes);
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->rows.size(), rows.size());
  EXPECT_EQ(table->rows.back().cells, rows.back());
  EXPECT_EQ(table->rows.back().number, 5001);
}

}  // namespace
}  // namespace bsg::tabular
