#include "platform/render/renderer_html.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "platform/render/render_test_support.h"

namespace bsg::render {
namespace {

using testing::DataDir;

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

class HtmlTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    HtmlOptions options;
    options.data_dir = DataDir();
    options.download_prefix = "/api/reports/2024/files/";
    Result<std::string> html = RenderHtml(testing::SampleDocument(), options);
    ASSERT_TRUE(html.ok()) << html.status().ToString();
    html_ = new std::string(std::move(html).value());
    const char* keep = std::getenv("BSG_RENDER_KEEP");
    if (keep != nullptr && *keep != '\0')
      testing::WriteFile(std::string(keep) + "/sample.html", *html_);
  }
  static void TearDownTestSuite() {
    delete html_;
    html_ = nullptr;
  }
  static std::string* html_;
};
std::string* HtmlTest::html_ = nullptr;

TEST_F(HtmlTest, IsAStandaloneDocument) {
  const std::string& h = *html_;
  EXPECT_EQ(h.rfind("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">", 0), 0u);
  EXPECT_NE(h.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(h.find("<title>Bridging the Standardization Gap: progress report</title>"),
            std::string::npos);
  EXPECT_NE(h.find("@media print"), std::string::npos);
  EXPECT_NE(h.find("</html>\n"), std::string::npos);
  // Nothing is fetched from elsewhere.
  EXPECT_EQ(h.find("<script"), std::string::npos);
  EXPECT_EQ(h.find(" src="), std::string::npos);
  EXPECT_EQ(h.find("rel=\"stylesheet\""), std::string::npos);
}

TEST_F(HtmlTest, SectionsTablesAndFiguresAreNumbered) {
  const std::string& h = *html_;
  EXPECT_NE(h.find("<h2><span class=\"num\">1</span>Introduction</h2>"), std::string::npos);
  EXPECT_NE(h.find("<h3><span class=\"num\">2.2</span>Regional group meetings</h3>"),
            std::string::npos);
  EXPECT_NE(h.find("<caption>Table 2: Regional group meetings held since September 2019"),
            std::string::npos);
  EXPECT_EQ(Count(h, "<thead>"), 3u);
  EXPECT_NE(h.find("<th scope=\"col\" class=\"a-end\">Participants</th>"), std::string::npos);
  EXPECT_NE(h.find("<tr class=\"total\">"), std::string::npos);
  EXPECT_EQ(Count(h, "<figure id=\"figure-"), 5u);
  EXPECT_EQ(Count(h, "<svg"), 5u);
  EXPECT_NE(h.find("<figcaption>Figure 4: Fellowships by country"), std::string::npos);
  EXPECT_NE(h.find("href=\"/api/reports/2024/files/table-2.csv\""), std::string::npos);
  EXPECT_NE(h.find("href=\"/api/reports/2024/files/figure-5.csv\""), std::string::npos);
}

TEST_F(HtmlTest, ValuesCarryProvenanceAndTheAppendixListsIt) {
  const std::string& h = *html_;
  EXPECT_NE(
      h.find("<span class=\"value\" title=\"events: 9 rows where "
             "kind=regional_group_meeting and status=held and start&gt;=2019-08-01\">9</span>"),
      std::string::npos);
  EXPECT_NE(h.find("<section class=\"sources\" id=\"sources\">\n<h2>Sources of figures</h2>"),
            std::string::npos);
  const DocumentOutline outline = BuildOutline(testing::SampleDocument());
  EXPECT_EQ(Count(h, "<li id=\"source-"), outline.sources.size());
  EXPECT_NE(h.find("<li id=\"source-1\">course: 824 enrolments where course=A.1</li>"),
            std::string::npos);
  // Every value links to an entry that exists.
  std::regex link("href=\"#source-([0-9]+)\"");
  for (auto it = std::sregex_iterator(h.begin(), h.end(), link); it != std::sregex_iterator();
       ++it) {
    const int n = std::stoi((*it)[1]);
    EXPECT_GE(n, 1);
    EXPECT_LE(n, static_cast<int>(outline.sources.size()));
  }
}

TEST_F(HtmlTest, IdsAreUniqueAcrossInlineSvgs) {
  std::regex id(" id=\"([^\"]+)\"");
  std::set<std::string> seen;
  const std::string& h = *html_;
  for (auto it = std::sregex_iterator(h.begin(), h.end(), id); it != std::sregex_iterator(); ++it) {
    EXPECT_TRUE(seen.insert((*it)[1]).second) << "duplicate id " << (*it)[1];
  }
  EXPECT_GT(seen.size(), 20u);
  // References point at the figure's own ids.
  EXPECT_EQ(h.find("href=\"#glyph"), std::string::npos);
  EXPECT_EQ(h.find("url(#clip"), std::string::npos);
}

TEST_F(HtmlTest, InlineSvgsAreWellFormedXml) {
  if (!testing::HaveTool("python3")) GTEST_SKIP();
  testing::TempFolder folder;
  const std::string& h = *html_;
  size_t at = 0;
  int n = 0;
  while ((at = h.find("<svg", at)) != std::string::npos) {
    const size_t end = h.find("</svg>", at);
    ASSERT_NE(end, std::string::npos);
    const std::string path = folder.File("f" + std::to_string(++n) + ".svg");
    testing::WriteFile(path, h.substr(at, end + 6 - at));
    auto r = testing::RunCommand(
        "python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' " + path +
        " 2>&1");
    EXPECT_EQ(r.exit_code, 0) << r.out;
    at = end;
  }
  EXPECT_EQ(n, 5);
}

TEST(HtmlEscapeTest, EscapesTextAndAttributes) {
  EXPECT_EQ(EscapeHtml("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(EscapeHtml("سد الفجوة"), "سد الفجوة");
  EXPECT_EQ(EscapeHtml("bad \xff byte"), "bad \xEF\xBF\xBD byte");

  Document d;
  d.title = "<script>alert(1)</script>";
  d.language = "en\"><script>";
  Section s;
  s.title = "A & B";
  s.id = "x\" onclick=\"y";
  s.blocks.push_back(Paragraph{{TextRun{"<b>bold?</b>", "prov\" onmouseover=\"alert(2)"}}});
  Table t;
  t.caption = "<i>caption</i>";
  t.columns = {{"<th>"}};
  t.rows = {{Cell{"a<b & \"c\""}}};
  t.footnotes = {"<note>"};
  s.blocks.push_back(t);
  d.sections = {s};
  Result<std::string> html = RenderHtml(d);
  ASSERT_TRUE(html.ok());
  const std::string& h = *html;
  EXPECT_EQ(h.find("<script"), std::string::npos) << h;
  EXPECT_EQ(h.find("onclick=\""), std::string::npos);
  EXPECT_EQ(h.find("<b>bold"), std::string::npos);
  EXPECT_NE(h.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(h.find("title=\"prov&quot; onmouseover=&quot;alert(2)\""), std::string::npos);
  EXPECT_NE(h.find("<td class=\"a-start\">a&lt;b &amp; &quot;c&quot;</td>"), std::string::npos);
  EXPECT_NE(h.find("Table 1: &lt;i&gt;caption&lt;/i&gt;"), std::string::npos);
  EXPECT_NE(h.find("<li>&lt;note&gt;</li>"), std::string::npos);
  EXPECT_NE(h.find("<li id=\"source-1\">prov&quot; onmouseover=&quot;alert(2)</li>"),
            std::string::npos);
}

TEST(HtmlRtlTest, ArabicDocumentIsRightToLeft) {
  Document d;
  d.title = "تقرير";
  d.language = "ar";
  d.direction = Direction::kRtl;
  d.labels.sources = "مصادر الأرقام";
  Section s;
  s.title = "مقدمة";
  s.blocks.push_back(Paragraph{{TextRun{"عدد الاجتماعات: "}, TextRun{"9", "events: 9 rows"}}});
  d.sections = {s};
  Result<std::string> html = RenderHtml(d);
  ASSERT_TRUE(html.ok());
  EXPECT_EQ(html->rfind("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">", 0), 0u);
  EXPECT_NE(html->find("<h2>مصادر الأرقام</h2>"), std::string::npos);
  HtmlOptions no_sources;
  no_sources.sources_appendix = false;
  Result<std::string> bare = RenderHtml(d, no_sources);
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->find("id=\"sources\""), std::string::npos);
  EXPECT_NE(bare->find("<span class=\"value\" title=\"events: 9 rows\">9</span>"),
            std::string::npos);
}

TEST(HtmlErrorTest, MissingMapDataIsAnError) {
  Document d;
  Section s;
  Figure f;
  f.chart = testing::FellowshipMap();
  s.blocks.push_back(f);
  d.sections = {s};
  HtmlOptions options;
  options.data_dir = "/nonexistent-bsg-data";
  Result<std::string> html = RenderHtml(d, options);
  ASSERT_FALSE(html.ok());
  EXPECT_EQ(html.status().reason(), "world_map.missing");
}

}  // namespace
}  // namespace bsg::render
