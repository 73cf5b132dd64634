#include "platform/tabular/table.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "platform/tabular/csv.h"
#include "platform/tabular/progress.h"

namespace bsg::tabular {
namespace {

Table MustRead(std::string_view csv) {
  auto table = ReadCsv(csv);
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  return table.ok() ? std::move(table).value() : Table{};
}

TEST(ColumnsTest, BindsHeadersLooselyAndReadsTrimmedCells) {
  Table t = MustRead("Family Name , EMAIL,given-name\n  Doe ,a@example.org\n");
  Columns cols({{"family_name", true}, {"given_name"}, {"email"}, {"country"}});
  EXPECT_TRUE(cols.Bind(t).empty());
  EXPECT_TRUE(cols.Has("email"));
  EXPECT_FALSE(cols.Has("country"));
  EXPECT_EQ(cols.Get(t.rows[0], "family_name"), "Doe");
  EXPECT_EQ(cols.Get(t.rows[0], "given_name"), "");  // short row
  EXPECT_EQ(cols.Get(t.rows[0], "country"), "");     // absent column
  EXPECT_EQ(cols.HeaderName("family_name"), "Family Name");
}

TEST(ColumnsTest, ReportsUnknownDuplicateAndMissingColumns) {
  Table t = MustRead("name,email,EMAIL,shoe_size\nx,y,z,w\n");
  Columns cols({{"name"}, {"email"}, {"country", true}});
  auto errors = cols.Bind(t);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0], (CellError{1, "EMAIL", "column appears twice", "EMAIL"}));
  EXPECT_EQ(errors[1], (CellError{1, "shoe_size", "unknown column", "shoe_size"}));
  EXPECT_EQ(errors[2], (CellError{1, "country", "required column is missing", ""}));
}

TEST(ColumnsTest, ValuesBeyondTheHeaderAreReported) {
  Table t = MustRead("a,b\n1,2\n1,2,3\n1,2,,\n");
  Columns cols({{"a"}, {"b"}});
  ASSERT_TRUE(cols.Bind(t).empty());
  EXPECT_FALSE(cols.CheckWidth(t.rows[0]));
  auto error = cols.CheckWidth(t.rows[1]);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->row, 3);
  EXPECT_EQ(error->column, "column 3");
  EXPECT_EQ(error->value, "3");
  EXPECT_FALSE(cols.CheckWidth(t.rows[2]));  // empty extra cells are fine
}

TEST(TableTest, FormatsErrorsForTheCommandLine) {
  EXPECT_EQ(FormatError("people.csv", {7, "email", "is not a valid address", "bob@"}),
            "people.csv:7:email: is not a valid address (bob@)");
  EXPECT_EQ(FormatError("p.csv", {1, "country", "required column is missing", ""}),
            "p.csv:1:country: required column is missing");
  EXPECT_EQ(ToJson(CellError{2, "c", "r", "v"}),
            (nlohmann::json{{"row", 2}, {"column", "c"}, {"reason", "r"}, {"value", "v"}}));
}

TEST(TableTest, FormatsAndContentTypes) {
  EXPECT_EQ(ParseFormat("XLSX"), Format::kXlsx);
  EXPECT_EQ(ParseFormat("csv"), Format::kCsv);
  EXPECT_FALSE(ParseFormat("ods"));
  EXPECT_EQ(FormatFromContentType("text/csv; charset=utf-8"), Format::kCsv);
  EXPECT_EQ(FormatFromContentType(std::string(kXlsxMimeType)), Format::kXlsx);
  EXPECT_FALSE(FormatFromContentType("application/json"));
  EXPECT_EQ(SniffFormat("a,b\n"), Format::kCsv);
  EXPECT_EQ(NormalizeHeader(" Given-Name "), "given_name");
}

TEST(TableTest, WriteTableRoundTripsBothFormats) {
  const std::vector<std::string> header = {"a", "b"};
  const std::vector<std::vector<std::string>> rows = {{"1", "x,y"}, {"", "\xC3\xA9"}};
  for (Format f : {Format::kCsv, Format::kXlsx}) {
    auto bytes = WriteTable(header, rows, f);
    ASSERT_TRUE(bytes.ok());
    auto t = ReadTable(*bytes, f);
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    EXPECT_EQ(t->header, header);
    ASSERT_EQ(t->rows.size(), 2u);
    EXPECT_EQ(t->rows[0].cells, rows[0]);
    EXPECT_EQ(t->rows[1].cells, rows[1]);
  }
}

TEST(ProgressBarTest, DrawsOnlyWhenEnabled) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  {
    ProgressBar off("quiet", f, false);
    off.Update(1, 2);
    ProgressBar on("loud", f, true);
    on.AsFn()(5, 10);
    on.Update(10, 10);
  }
  std::rewind(f);
  char buf[512] = {};
  const std::size_t n = std::fread(buf, 1, sizeof(buf) - 1, f);
  std::fclose(f);
  const std::string out(buf, n);
  EXPECT_EQ(out.find("quiet"), std::string::npos);
  EXPECT_NE(out.find("loud ["), std::string::npos);
  EXPECT_NE(out.find("100% 10/10"), std::string::npos);
  EXPECT_EQ(out.back(), '\n');
}

// Imports hold cells to the platform's text rule: a NUL or other control character is an
// error naming the row and column; tabs and line breaks (quoted) are fine.
TEST(ReadTableTest, RefusesControlCharactersNamingRowAndColumn) {
  const std::string nul = std::string("name,note\r\nAna,ok\r\nBen") + '\0' + "Li,x\r\n";
  auto read = ReadTable(nul, Format::kCsv);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(read.status().reason(), "tabular.bad_text");
  EXPECT_EQ(read.status().fields().at("row"), "3");
  EXPECT_EQ(read.status().fields().at("column"), "name");
  EXPECT_NE(read.status().message().find("must not contain control characters"), std::string::npos);

  auto bell = ReadTable("name,note\r\nAna,ring\a\r\n", Format::kCsv);
  ASSERT_FALSE(bell.ok());
  EXPECT_EQ(bell.status().fields().at("column"), "note");

  auto fine = ReadTable("name,note\r\nAna,\"two\r\nlines\tand a tab\"\r\n", Format::kCsv);
  ASSERT_TRUE(fine.ok()) << fine.status().ToString();
  EXPECT_EQ(fine->rows.at(0).cells.at(1), "two\r\nlines\tand a tab");

  Table table;
  table.header = {"name", std::string("bad") + '\x1b'};
  EXPECT_EQ(CheckText(table).fields().at("row"), "1");
  EXPECT_EQ(CheckText(table).fields().at("column"), "column 2");
}

}  // namespace
}  // namespace bsg::tabular
