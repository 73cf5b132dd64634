#include "platform/render/renderer_pdf.h"

#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <regex>

#include "platform/render/render_test_support.h"

namespace bsg::render {
namespace {

using testing::DataDir;
using testing::HaveTool;
using testing::Pages;
using testing::RunCommand;
using testing::TempFolder;

// Set BSG_RENDER_KEEP=/some/folder to keep the rendered files for a look.
void Keep(const std::string& name, const std::string& bytes) {
  const char* keep = std::getenv("BSG_RENDER_KEEP");
  if (keep != nullptr && *keep != '\0') testing::WriteFile(std::string(keep) + "/" + name, bytes);
}

class PdfTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    PdfOptions options;
    options.data_dir = DataDir();
    options.creation_date = "2024-03-01T09:00:00Z";
    Result<RenderedPdf> pdf = RenderPdf(testing::SampleDocument(), options);
    ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
    pdf_ = new RenderedPdf(std::move(pdf).value());
    folder_ = new TempFolder();
    testing::WriteFile(folder_->File("sample.pdf"), pdf_->bytes);
    Keep("sample.pdf", pdf_->bytes);
  }
  static void TearDownTestSuite() {
    delete pdf_;
    delete folder_;
    pdf_ = nullptr;
    folder_ = nullptr;
  }
  void SetUp() override {
    if (!HaveTool("pdftotext")) GTEST_SKIP() << "poppler-utils not installed";
  }
  static std::vector<std::string> TextPages() {
    auto r = RunCommand("pdftotext -layout " + folder_->File("sample.pdf") + " -");
    EXPECT_EQ(r.exit_code, 0);
    return Pages(r.out);
  }

  static RenderedPdf* pdf_;
  static TempFolder* folder_;
};
RenderedPdf* PdfTest::pdf_ = nullptr;
TempFolder* PdfTest::folder_ = nullptr;

TEST_F(PdfTest, IsAPdfWithSeveralPages) {
  ASSERT_GE(pdf_->bytes.size(), 1000u);
  EXPECT_EQ(pdf_->bytes.substr(0, 5), "%PDF-");
  EXPECT_GE(pdf_->pages, 5);
  EXPECT_EQ(static_cast<int>(TextPages().size()), pdf_->pages);
}

TEST_F(PdfTest, LongTableRepeatsItsHeaderOnEveryPage) {
  const auto pages = TextPages();
  int table_pages = 0;
  for (size_t p = 0; p < pages.size(); ++p) {
    // A page holds the table when a line starts with a meeting id followed by its group.
    static const std::regex kRow(R"((^|\n)\s*RGM-\d{4}\s+SG)");
    if (!std::regex_search(pages[p], kRow)) continue;
    ++table_pages;
    for (int i = 0; i < 5; ++i) {
      EXPECT_NE(pages[p].find(testing::LongTableHeader(i)), std::string::npos)
          << "page " << p + 1 << " lacks header " << testing::LongTableHeader(i);
    }
    if (table_pages > 1) {
      EXPECT_NE(pages[p].find("(continued)"), std::string::npos) << "page " << p + 1;
    }
  }
  EXPECT_GE(table_pages, 3);
  // First and last rows, and the total, are all there.
  std::string all;
  for (const auto& p : pages) all += p;
  EXPECT_NE(all.find("RGM-0001"), std::string::npos);
  EXPECT_NE(all.find("RGM-0130"), std::string::npos);
  EXPECT_NE(all.find("Total"), std::string::npos);
  EXPECT_NE(all.find("Source: events module"), std::string::npos);
}

TEST_F(PdfTest, CaptionsAreNumbered) {
  std::string all;
  for (const auto& p : TextPages()) all += p;
  EXPECT_NE(all.find("Table 1: Relevant Resolutions"), std::string::npos);
  EXPECT_NE(all.find("Table 2: Regional group meetings"), std::string::npos);
  EXPECT_NE(all.find("Table 3: The programme"), std::string::npos);
  EXPECT_NE(all.find("Figure 1: Enrolments"), std::string::npos);
  EXPECT_NE(all.find("Figure 4: Fellowships by country"), std::string::npos);
  EXPECT_NE(all.find("Figure 5: Contributions by country"), std::string::npos);
  EXPECT_NE(all.find("2.1"), std::string::npos);  // section numbers
  EXPECT_NE(all.find("Recommendation ITU-T A.1 online course"), std::string::npos);
}

TEST_F(PdfTest, EveryPageHasItsNumber) {
  const auto pages = TextPages();
  const std::string total = std::to_string(pages.size());
  for (size_t p = 0; p < pages.size(); ++p) {
    const std::string expected = std::to_string(p + 1) + " / " + total;
    EXPECT_NE(pages[p].find(expected), std::string::npos) << "page " << p + 1;
  }
}

TEST_F(PdfTest, ValuesArabicAndChineseAreExtractable) {
  std::string all;
  for (const auto& p : TextPages()) all += p;
  EXPECT_NE(all.find("824 enrolments"), std::string::npos);
  EXPECT_NE(all.find("382"), std::string::npos);
  // Chinese comes out in logical order; Arabic words are checked one by one because poppler may
  // order right-to-left runs visually.
  EXPECT_NE(all.find("弥合标准化差距"), std::string::npos);
  for (const char* word : {"الفجوة", "البلدان", "التقييسية"}) {
    EXPECT_NE(all.find(word), std::string::npos) << word;
  }
}

TEST_F(PdfTest, SourcesAppendixListsProvenance) {
  std::string all;
  for (const auto& p : TextPages()) all += p;
  EXPECT_NE(all.find("Sources of figures"), std::string::npos);
  EXPECT_NE(all.find("5. events: 9 rows where kind=regional_group_meeting"), std::string::npos);
  // Values link to named destinations, one per source.
  EXPECT_NE(pdf_->bytes.find("/Subtype /Link"), std::string::npos);
  EXPECT_NE(pdf_->bytes.find("/Dest (source-5)"), std::string::npos);
  EXPECT_NE(pdf_->bytes.find("(source-1) ["), std::string::npos);
}

TEST(PdfLinkTest, LinksCanBeTurnedOff) {
  PdfOptions options;
  options.data_dir = DataDir();
  options.link_sources = false;
  Result<RenderedPdf> pdf = RenderPdf(testing::SampleDocument(), options);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(pdf->bytes.find("/Subtype /Link"), std::string::npos);
  EXPECT_EQ(pdf->bytes.find("(source-1) ["), std::string::npos);
}

TEST_F(PdfTest, AllFontsAreEmbedded) {
  if (!HaveTool("pdffonts")) GTEST_SKIP();
  auto r = RunCommand("pdffonts " + folder_->File("sample.pdf"));
  ASSERT_EQ(r.exit_code, 0);
  std::istringstream lines(r.out);
  std::string line;
  int fonts = 0;
  bool arabic = false, cjk = false;
  while (std::getline(lines, line)) {
    if (line.rfind("name", 0) == 0 || line.rfind("----", 0) == 0 || line.empty()) continue;
    std::istringstream words(line);
    std::vector<std::string> w;
    for (std::string s; words >> s;) w.push_back(s);
    ASSERT_GE(w.size(), 6u) << line;
    EXPECT_EQ(w[w.size() - 5], "yes") << "not embedded: " << line;
    ++fonts;
    arabic |= line.find("NotoSansArabic") != std::string::npos;
    cjk |= line.find("NotoSansCJK") != std::string::npos;
  }
  EXPECT_GE(fonts, 3);
  EXPECT_TRUE(arabic) << r.out;
  EXPECT_TRUE(cjk) << r.out;
}

TEST_F(PdfTest, EveryPageRastersToANonBlankImage) {
  if (!HaveTool("pdftoppm")) GTEST_SKIP();
  auto r = RunCommand("pdftoppm -r 50 -png " + folder_->File("sample.pdf") + " " +
                      folder_->File("page"));
  ASSERT_EQ(r.exit_code, 0);
  int found = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder_->path())) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("page-", 0) != 0) continue;
    ++found;
    testing::Image img = testing::Image::FromPngFile(entry.path().string());
    ASSERT_TRUE(img.ok()) << name;
    EXPECT_GT(img.LuminanceVariance(), 20.0) << name << " looks blank";
  }
  EXPECT_EQ(found, pdf_->pages);
}

TEST(PdfRtlTest, ArabicDocumentRendersRightToLeft) {
  Document d;
  d.title = "تقرير مرحلي عن سد الفجوة التقييسية";
  d.language = "ar";
  d.direction = Direction::kRtl;
  d.labels.table = "الجدول";
  d.labels.figure = "الشكل";
  Section s;
  s.title = "مقدمة";
  s.blocks.push_back(Paragraph::Text("يهدف البرنامج إلى سد الفجوة بين البلدان النامية والمتقدمة."));
  Table t;
  t.caption = "الزمالات حسب المنطقة";
  t.columns = {{"المنطقة"}, {"العدد", Align::kEnd}};
  t.rows = {{testing::C("أفريقيا"), testing::C("64")},
            {testing::C("الدول العربية"), testing::C("30")}};
  s.blocks.push_back(t);
  d.sections.push_back(s);
  PdfOptions options;
  options.data_dir = DataDir();
  Result<RenderedPdf> pdf = RenderPdf(d, options);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  Keep("arabic.pdf", pdf->bytes);
  if (!HaveTool("pdftotext")) GTEST_SKIP();
  TempFolder folder;
  testing::WriteFile(folder.File("ar.pdf"), pdf->bytes);
  auto r = RunCommand("pdftotext -layout " + folder.File("ar.pdf") + " -");
  ASSERT_EQ(r.exit_code, 0);
  // Words without the lam-alef ligature, which poppler extracts in the wrong order.
  for (const char* word : {"مقدمة", "أفريقيا", "المنطقة", "العربية", "64", "30"}) {
    EXPECT_NE(r.out.find(word), std::string::npos) << word << "\n" << r.out;
  }
  std::string squeezed;  // the footer, without spaces and bidi marks
  for (char c : r.out) {
    if (c != ' ') squeezed += c;
  }
  EXPECT_NE(squeezed.find("1/1"), std::string::npos);
  // Right to left: the heading sits at the right of the page, so its line starts with spaces.
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find("مقدمة") != std::string::npos) {
      EXPECT_GT(line.find_first_not_of(' '), 40u) << line;
    }
  }
}

TEST(PdfErrorTest, MissingMapDataIsAnError) {
  Document d;
  d.title = "Map";
  Section s;
  s.title = "Map";
  Figure f;
  f.chart = testing::FellowshipMap();
  s.blocks.push_back(f);
  d.sections.push_back(s);
  PdfOptions options;
  options.data_dir = "/nonexistent-bsg-data";
  Result<RenderedPdf> pdf = RenderPdf(d, options);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(pdf.status().reason(), "world_map.missing");
  EXPECT_NE(pdf.status().message().find("figure 1"), std::string::npos);
}

TEST(PdfEdgeTest, HostileTextAndEmptyPartsRender) {
  Document d;
  d.title = "<b>not markup</b> & \"quotes\" \xff\xfe invalid";
  Section empty;
  Section s;
  s.title = "Markup <i>&amp;</i>";
  s.blocks.push_back(Paragraph::Text("a < b && c > d <span foreground='red'>x</span>"));
  Table t;  // no columns: skipped
  s.blocks.push_back(t);
  Table ragged;
  ragged.caption = "Ragged";
  ragged.columns = {{"A"}, {"B"}, {"C"}};
  ragged.rows = {{testing::C("only one")},
                 {testing::C("1"), testing::C("2"), testing::C("3"), testing::C("extra")}};
  s.blocks.push_back(ragged);
  s.blocks.push_back(BulletList{});
  d.sections = {empty, s};
  Result<RenderedPdf> pdf = RenderPdf(d);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  if (!HaveTool("pdftotext")) GTEST_SKIP();
  TempFolder folder;
  testing::WriteFile(folder.File("edge.pdf"), pdf->bytes);
  auto r = RunCommand("pdftotext " + folder.File("edge.pdf") + " -");
  EXPECT_NE(r.out.find("<b>not markup</b>"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("<span foreground='red'>x</span>"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("only one"), std::string::npos);
}

TEST(PdfPerformanceTest, FortyPageReport) {
  const Document d = testing::LargeDocument();
  PdfOptions options;
  options.data_dir = DataDir();
  options.justify = true;
  options.table_of_contents = true;
  // Warm the map cache and fontconfig, as a running server would be.
  ASSERT_TRUE(RenderPdf(testing::SampleDocument(), options).ok());
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  Result<RenderedPdf> pdf = RenderPdf(d, options);
  const double cpu_ms = 1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  const auto ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  Keep("large.pdf", pdf->bytes);
  EXPECT_GE(pdf->pages, 30);
  std::printf(
      "[ timing ] %d-page PDF, 12 tables, 5 charts incl. 2 maps: %.0f ms (cpu %.0f ms), %zu "
      "bytes\n",
      pdf->pages, ms, cpu_ms, pdf->bytes.size());
  RecordProperty("pages", pdf->pages);
  RecordProperty("render_ms", static_cast<int>(ms));
}

}  // namespace
}  // namespace bsg::render
