#include "platform/render/document.h"

#include <gtest/gtest.h>

#include "platform/render/render_test_support.h"

namespace bsg::render {
namespace {

TEST(OutlineTest, NumbersSectionsTablesFiguresInDocumentOrder) {
  const Document d = testing::SampleDocument();
  const DocumentOutline o = BuildOutline(d);
  std::vector<std::string> numbers;
  for (const auto& s : o.sections) numbers.push_back(s.number);
  EXPECT_EQ(numbers, (std::vector<std::string>{"1", "2", "2.1", "2.2", "3", "4"}));
  EXPECT_EQ(o.sections[2].depth, 2);
  EXPECT_EQ(o.sections[2].section->title, "Recommendation ITU-T A.1 online course");

  const Table& resolutions = std::get<Table>(d.sections[0].blocks[2]);
  const Table& meetings = std::get<Table>(d.sections[1].subsections[1].blocks[1]);
  const Table& names = std::get<Table>(d.sections[3].blocks[2]);
  EXPECT_EQ(o.table_numbers.at(&resolutions), 1);
  EXPECT_EQ(o.table_numbers.at(&meetings), 2);
  EXPECT_EQ(o.table_numbers.at(&names), 3);
  const Figure& enrolments = std::get<Figure>(d.sections[1].subsections[0].blocks[1]);
  const Figure& points = std::get<Figure>(d.sections[2].blocks[3]);
  EXPECT_EQ(o.figure_numbers.at(&enrolments), 1);
  EXPECT_EQ(o.figure_numbers.at(&points), 5);
}

TEST(OutlineTest, UnnumberedSectionsAndTheirChildren) {
  Document d;
  Section foreword;
  foreword.title = "Foreword";
  foreword.numbered = false;
  Section child;
  child.title = "Child";
  foreword.subsections.push_back(child);
  Section first;
  first.title = "First";
  d.sections = {foreword, first};
  const DocumentOutline o = BuildOutline(d);
  ASSERT_EQ(o.sections.size(), 3u);
  EXPECT_EQ(o.sections[0].number, "");
  EXPECT_EQ(o.sections[1].number, "1");
  EXPECT_EQ(o.sections[2].number, "1");
}

TEST(OutlineTest, SourcesAreDistinctAndInOrderOfFirstUse) {
  Document d;
  Section s;
  s.blocks.push_back(
      Paragraph{{TextRun{"9", "b"}, TextRun{" and "}, TextRun{"3", "a"}, TextRun{"9", "b"}}});
  Table t;
  t.columns = {{"x"}};
  t.rows = {{Cell{"1", "c"}}, {Cell{"2", "a"}}};
  s.blocks.push_back(t);
  Figure f;
  f.provenance = "d";
  f.chart.series = {{"s", {}, "e"}};
  s.blocks.push_back(f);
  s.blocks.push_back(BulletList{{Paragraph{{TextRun{"x", "f"}}}}, false});
  d.sections = {s};
  const DocumentOutline o = BuildOutline(d);
  EXPECT_EQ(o.sources, (std::vector<std::string>{"b", "a", "c", "d", "e", "f"}));
  EXPECT_EQ(o.SourceNumber("a"), 2);
  EXPECT_EQ(o.SourceNumber(""), 0);
  EXPECT_EQ(o.SourceNumber("unknown"), 0);
}

TEST(CaptionTest, NumberedCaption) {
  EXPECT_EQ(NumberedCaption("Table", 3, "Fellowships"), "Table 3: Fellowships");
  EXPECT_EQ(NumberedCaption("الجدول", 1, ""), "الجدول 1");
  EXPECT_EQ(PlainText(Paragraph{{TextRun{"a"}, TextRun{"b", "p"}}}), "ab");
}

}  // namespace
}  // namespace bsg::render
