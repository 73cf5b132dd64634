#include "platform/render/renderer_csv.h"

#include <gtest/gtest.h>

#include "platform/render/render_test_support.h"

namespace bsg::render {
namespace {

TEST(CsvTest, FieldsAreQuotedPerRfc4180) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField(""), "");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(CsvField("سد الفجوة"), "سد الفجوة");
  EXPECT_EQ(CsvRecord({"a", "b,c", ""}), "a,\"b,c\",\r\n");
}

TEST(CsvTest, FormulasAreNeutralizedButNumbersKept) {
  EXPECT_EQ(CsvField("=SUM(A1:A2)"), "'=SUM(A1:A2)");
  EXPECT_EQ(CsvField("+1 555"), "'+1 555");
  EXPECT_EQ(CsvField("@cmd"), "'@cmd");
  EXPECT_EQ(CsvField("-2+3"), "'-2+3");
  EXPECT_EQ(CsvField("=1,2"), "\"'=1,2\"");
  EXPECT_EQ(CsvField("-3"), "-3");
  EXPECT_EQ(CsvField("-0.25"), "-0.25");
  EXPECT_EQ(CsvField("-"), "-");
}

TEST(CsvTest, TableCsvPadsShortRowsAndCutsLongOnes) {
  Table t;
  t.columns = {{"Region"}, {"Count", Align::kEnd}};
  t.rows = {
      {Cell{"Africa", "p"}, Cell{"64"}}, {Cell{"Arab States"}}, {Cell{"a"}, Cell{"b"}, Cell{"c"}}};
  EXPECT_EQ(TableCsv(t), "Region,Count\r\nAfrica,64\r\nArab States,\r\na,b\r\n");
}

TEST(CsvTest, OneFilePerTableAndFigureNumberedAsInTheDocument) {
  const auto files = RenderCsvFiles(testing::SampleDocument());
  std::vector<std::string> names;
  for (const auto& f : files) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{"table-1.csv", "table-2.csv", "table-3.csv",
                                             "figure-1.csv", "figure-2.csv", "figure-3.csv",
                                             "figure-4.csv", "figure-5.csv"}));
  EXPECT_EQ(files[0].content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(files[1].content.rfind("Meeting,Regional group,Host city,Participants,Fellows\r\n", 0),
            0u);
  EXPECT_NE(files[1].content.find("RGM-0130,SG12RG-AFR,Muscat,23,3\r\n"), std::string::npos);
  // Figure 2 (grouped bars) keeps a missing value empty, distinct from 0.
  EXPECT_EQ(files[4].content,
            "category,Full,Partial\r\nAfrica,64,12\r\nAmericas,21,9\r\nArab States,30,\r\n"
            "Asia-Pacific,38,15\r\nCIS,4,0\r\nEurope,2,3\r\n");
  CsvOptions bom;
  bom.utf8_bom = true;
  EXPECT_EQ(RenderCsvFiles(testing::SampleDocument(), bom)[0].content.substr(0, 3), "\xEF\xBB\xBF");
}

}  // namespace
}  // namespace bsg::render
