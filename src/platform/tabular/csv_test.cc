#include "platform/tabular/csv.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace bsg::tabular {
namespace {

using Cells = std::vector<std::string>;

Table MustRead(std::string_view csv) {
  auto table = ReadCsv(csv);
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  return table.ok() ? std::move(table).value() : Table{};
}

TEST(CsvTest, ReadsHeaderAndRowsWithSpreadsheetRowNumbers) {
  Table t = MustRead("name,country\nAda,KE\nBo,VU\n");
  EXPECT_EQ(t.header_row, 1);
  EXPECT_EQ(t.header, (Cells{"name", "country"}));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].number, 2);
  EXPECT_EQ(t.rows[0].cells, (Cells{"Ada", "KE"}));
  EXPECT_EQ(t.rows[1].number, 3);
}

TEST(CsvTest, StripsByteOrderMark) {
  Table t = MustRead("\xEF\xBB\xBFname,country\r\nAda,KE\r\n");
  EXPECT_EQ(t.header, (Cells{"name", "country"}));
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].cells, (Cells{"Ada", "KE"}));
}

TEST(CsvTest, QuotedFieldsHoldSeparatorsQuotesAndNewlines) {
  Table t = MustRead(
      "name,note\n"
      "\"Doe, Jane\",\"said \"\"hi\"\"\"\n"
      "Multi,\"line one\nline two\r\nline three\"\n"
      "After,x\n");
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].cells, (Cells{"Doe, Jane", "said \"hi\""}));
  EXPECT_EQ(t.rows[1].cells, (Cells{"Multi", "line one\nline two\r\nline three"}));
  // The multi-line record is one row, so the next record is row 4, as a spreadsheet shows it.
  EXPECT_EQ(t.rows[1].number, 3);
  EXPECT_EQ(t.rows[2].number, 4);
}

TEST(CsvTest, BlankLinesAreCountedButSkipped) {
  Table t = MustRead("\nname\n\nAda\n,\nBo");
  EXPECT_EQ(t.header_row, 2);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].number, 4);
  EXPECT_EQ(t.rows[1].number, 6);
  EXPECT_EQ(t.rows[1].cells, (Cells{"Bo"}));  // no newline at the end of the file
}

TEST(CsvTest, LoneCarriageReturnsEndRecords) {
  Table t = MustRead("a,b\rc,d\r");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].cells, (Cells{"c", "d"}));
}

TEST(CsvTest, TrailingSeparatorGivesEmptyField) {
  Table t = MustRead("a,b\nx,");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].cells, (Cells{"x", ""}));
}

TEST(CsvTest, SemicolonSeparatorIsDetected) {
  Table t = MustRead("name;country\n\"Doe; J\";KE\n");
  EXPECT_EQ(t.header, (Cells{"name", "country"}));
  EXPECT_EQ(t.rows[0].cells, (Cells{"Doe; J", "KE"}));
}

TEST(CsvTest, QuoteInsideUnquotedFieldIsKept) {
  Table t = MustRead("a,b\n5\" screen,x\n");
  EXPECT_EQ(t.rows[0].cells, (Cells{"5\" screen", "x"}));
}

TEST(CsvTest, UnterminatedQuoteNamesTheRow) {
  auto t = ReadCsv("a,b\nx,y\n\"open,z\nmore\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().reason(), "tabular.unterminated_quote");
  EXPECT_EQ(t.status().fields().at("row"), "3");
}

TEST(CsvTest, TextAfterClosingQuoteIsAnError) {
  auto t = ReadCsv("a\n\"x\"y\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().reason(), "tabular.bad_quote");
  EXPECT_EQ(t.status().fields().at("row"), "2");
}

TEST(CsvTest, RejectsLatin1WithRowNumber) {
  auto t = ReadCsv("name\nJos\xE9\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().reason(), "tabular.not_utf8");
  EXPECT_EQ(t.status().fields().at("row"), "2");
}

TEST(CsvTest, EmptyFileHasNoHeader) {
  auto t = ReadCsv("\xEF\xBB\xBF\n\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().reason(), "tabular.empty");
}

// The decoder is platform/text's (text_test.cc); here, that every field goes through it.
TEST(CsvTest, RejectsOverlongSurrogateAndTruncatedUtf8InAnyField) {
  for (const char* bad : {"\xC0\xAF", "\xED\xA0\x80", "\xE4\xB8", "\xF4\x90\x80\x80"}) {
    auto t = ReadCsv(std::string("a,b\nok,\"x") + bad + "\"\n");
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.status().reason(), "tabular.not_utf8");
    EXPECT_EQ(t.status().fields().at("row"), "2");
  }
  EXPECT_TRUE(ReadCsv("a\nS\xC3\xA3o Tom\xC3\xA9 \xE4\xB8\xAD\xF0\x9F\x98\x80\n").ok());
}

TEST(CsvTest, WriteQuotesWhatNeedsQuoting) {
  const std::string out =
      WriteCsv({"a", "b"}, {{"plain", "with,comma"}, {"say \"x\"", "two\nlines"}, {" pad", ""}});
  EXPECT_EQ(out,
            "a,b\r\n"
            "plain,\"with,comma\"\r\n"
            "\"say \"\"x\"\"\",\"two\nlines\"\r\n"
            "\" pad\",\r\n");
}

TEST(CsvTest, FormulaGuardRoundTrips) {
  const std::vector<std::vector<std::string>> rows = {
      {"=HYPERLINK(\"x\")", "+1", "-", "@SUM", "'=already", "''+two", "it's", "'plain"}};
  const std::string out = WriteCsv({"a", "b", "c", "d", "e", "f", "g", "h"}, rows);
  EXPECT_NE(out.find("\"'=HYPERLINK"), std::string::npos);
  EXPECT_NE(out.find("\"''=already\""), std::string::npos);
  Table t = MustRead(out);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].cells, rows[0]);
}

TEST(CsvTest, RoundTripOfAwkwardValues) {
  const std::vector<std::string> header = {"x", "y", "z"};
  const std::vector<std::vector<std::string>> rows = {
      {"Nguy\xE1\xBB\x85n", "\xE7\x8E\x8B\xE5\xB0\x8F\xE6\x98\x8E", "\"\""},
      {"a\r\nb", ",", " "},
      {"", "", "last"}};
  Table t = MustRead(WriteCsv(header, rows));
  EXPECT_EQ(t.header, header);
  ASSERT_EQ(t.rows.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(t.rows[i].cells, rows[i]) << i;
}

}  // namespace
}  // namespace bsg::tabular
