// The demo progress report in its download formats (SQLite): the PDF read back with pdftotext
// and rastered with pdftoppm holds what the seed report holds; every table's CSV matches the
// PDF's table cell by cell; CSV, SVG, PNG, HTML and JSON downloads are complete.
#include "modules/reports/output.h"

#include <cairo.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <regex>
#include <sstream>

#include "modules/reports/json.h"
#include "modules/reports/report.h"
#include "modules/reports/reports_testing.h"
#include "platform/db/migrate.h"
#include "platform/render/renderer_csv.h"
#include "support/test_db.h"

namespace bsg::reports {
namespace {

using testing::HaveTool;
using testing::ReadFile;
using testing::RunCommand;
using testing::TempFolder;

class OutputTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = bsg::testing::OpenTestDatabase(db::Kind::kSqlite).release();
    ASSERT_NE(db_, nullptr);
    auto migrated = db::Migrate(*db_);
    ASSERT_TRUE(migrated.ok()) << migrated.status().ToString();
    testing::SeedDemo(*db_);
    BuildOptions o;
    o.window = {"2019-09-01", "2020-03-31"};
    o.data_dir = testing::DataDir();
    auto r = BuildProgressReport(*db_, o);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    report_ = new Report(std::move(r).value());
    folder_ = new TempFolder();
    auto pdf = RenderReport(*report_, Format::kPdf, {testing::DataDir(), ""});
    ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
    ASSERT_EQ(pdf->size(), 1u);
    pdf_path_ = new std::string(folder_->File((*pdf)[0].name));
    testing::WriteFile(*pdf_path_, (*pdf)[0].content);
  }
  static void TearDownTestSuite() {
    delete pdf_path_;
    delete folder_;
    delete report_;
    delete db_;
    pdf_path_ = nullptr;
    folder_ = nullptr;
    report_ = nullptr;
    db_ = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(report_, nullptr);
    ASSERT_NE(pdf_path_, nullptr);
  }

  static std::string PdfText(const std::string& mode = "-layout") {
    if (!HaveTool("pdftotext")) return "";
    return RunCommand("pdftotext " + mode + " '" + *pdf_path_ + "' -").out;
  }

  static db::Database* db_;
  static Report* report_;
  static TempFolder* folder_;
  static std::string* pdf_path_;
};

db::Database* OutputTest::db_ = nullptr;
Report* OutputTest::report_ = nullptr;
TempFolder* OutputTest::folder_ = nullptr;
std::string* OutputTest::pdf_path_ = nullptr;

// Runs of spaces and line breaks as one space.
std::string Squeeze(const std::string& s) {
  std::string out;
  for (char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<std::string> Words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

// A word of pdftotext -tsv output.
struct PdfWord {
  int page = 0;
  double left = 0;
  double top = 0;
  std::string text;
};

std::vector<PdfWord> TsvWords(const std::string& tsv) {
  std::vector<PdfWord> out;
  std::istringstream in(tsv);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::string field;
    std::istringstream ls(line);
    while (std::getline(ls, field, '\t')) f.push_back(field);
    if (f.size() < 12 || f[0] != "5") continue;
    out.push_back({std::stoi(f[1]), std::stod(f[6]), std::stod(f[7]), f[11]});
  }
  return out;
}

// The words of one line of the PDF, left to right.
struct PdfLine {
  int page = 0;
  double top = 0;
  std::vector<PdfWord> words;
};

std::vector<PdfLine> Lines(const std::vector<PdfWord>& words) {
  std::vector<PdfWord> sorted = words;
  std::stable_sort(sorted.begin(), sorted.end(), [](const PdfWord& a, const PdfWord& b) {
    if (a.page != b.page) return a.page < b.page;
    if (std::abs(a.top - b.top) > 1.0) return a.top < b.top;
    return a.left < b.left;
  });
  std::vector<PdfLine> lines;
  for (const auto& w : sorted) {
    if (lines.empty() || lines.back().page != w.page || std::abs(lines.back().top - w.top) > 1.0) {
      lines.push_back({w.page, w.top, {}});
    }
    lines.back().words.push_back(w);
  }
  return lines;
}

// Reads table `number` out of the PDF's words, column by column, and checks it against `table`'s
// CSV (header and cells) cell by cell. Each page of the table starts with its caption ("Table N:"
// or "... (continued)") and its header line; a column's cell texts follow one another down the
// page, wrapped over as many lines as the cell needs.
void ExpectTableMatchesPdf(const render::Table& table, int number,
                           const std::vector<PdfLine>& lines) {
  const std::string caption = "Table " + std::to_string(number) + ":";
  const std::size_t columns = table.columns.size();
  // Expected words per column (body only), from the CSV.
  std::vector<std::vector<std::vector<std::string>>> expected(columns);  // col -> row -> words
  const std::string csv = render::TableCsv(table);
  std::size_t expected_words = 0;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    for (std::size_t c = 0; c < columns; ++c) {
      const std::string text = c < table.rows[r].size() ? table.rows[r][c].text : "";
      expected[c].push_back(Words(text));
      expected_words += expected[c].back().size();
      // The CSV holds the same cell.
      EXPECT_NE(csv.find(text), std::string::npos) << text;
    }
  }
  std::vector<std::vector<std::string>> got(columns);
  std::size_t got_words = 0;
  int pages = 0;
  for (std::size_t i = 0; i < lines.size() && got_words < expected_words; ++i) {
    const auto& first = lines[i].words;
    if (first.size() < 2 || first[0].text != "Table" ||
        first[1].text != std::to_string(number) + ":") {
      continue;
    }
    ++pages;
    // The header line: one cell per column; its words' positions give the column edges.
    ASSERT_LT(i + 1, lines.size());
    const PdfLine& header = lines[i + 1];
    std::vector<double> edges;
    std::string header_text;
    for (const auto& w : header.words) header_text += (header_text.empty() ? "" : " ") + w.text;
    std::string want_header;
    for (const auto& c : table.columns) want_header += (want_header.empty() ? "" : " ") + c.header;
    ASSERT_EQ(header_text, want_header) << "page " << header.page;
    std::size_t hw = 0;
    for (const auto& c : table.columns) {
      edges.push_back(header.words[hw].left - 2.0);
      hw += Words(c.header).size();
    }
    for (std::size_t j = i + 2; j < lines.size() && got_words < expected_words; ++j) {
      const PdfLine& line = lines[j];
      if (line.page != header.page) break;
      if (line.words.front().left < edges[0]) break;  // text after the table
      std::string joined;
      for (const auto& w : line.words) joined += w.text;
      if (std::regex_match(joined, std::regex(R"(\d+/\d+)"))) break;  // the page number
      for (const auto& w : line.words) {
        std::size_t col = 0;
        while (col + 1 < columns && w.left >= edges[col + 1]) ++col;
        got[col].push_back(w.text);
        ++got_words;
      }
      i = j;
    }
  }
  EXPECT_GE(pages, 1) << caption << " not found in the PDF";
  // Cell by cell: each column's words are its cells' words, in row order.
  for (std::size_t c = 0; c < columns; ++c) {
    std::size_t at = 0;
    for (std::size_t r = 0; r < expected[c].size(); ++r) {
      std::string want, have;
      for (const auto& w : expected[c][r]) {
        want += (want.empty() ? "" : " ") + w;
        have += (have.empty() ? "" : " ") + (at < got[c].size() ? got[c][at] : "<missing>");
        ++at;
      }
      EXPECT_EQ(have, want) << caption << " row " << r + 1 << " column " << c + 1;
    }
    EXPECT_EQ(at, got[c].size()) << caption << " column " << c + 1 << " has extra words";
  }
}

TEST_F(OutputTest, PdfHoldsTheSeedReportsContent) {
  if (!HaveTool("pdftotext")) GTEST_SKIP() << "poppler-utils not installed";
  const std::string text = Squeeze(PdfText());
  for (const char* want :
       {"Table 1: Relevant Resolutions concerning Bridging the Standardization Gap (BSG)",
        "Table 2: List of BSG trainings carried out since September 2019 and planned",
        "February 2020*",
        "4 March 2020*",
        "July 2020*",
        "*planned trainings",
        "Since September 2019, 9 regional group meetings have been held.",
        "Colombo, Sri Lanka, 1 October 2019: ITU Regional Standardization Forum (RSF)",
        "Dubai, United Arab Emirates, 22 October 2019: ITU Inter-Regional Standardization Forum",
        "Over 700 delegates have been trained, representing 74 countries and 80 organizations.",
        "In 2019, over 300 delegates were trained.",
        "Figure 1: Study Group, TSAG and regional group meetings",
        "Figure 2: In-person and remote participation by month",
        "Figure 3: Representation from developing countries in the Study Group management teams",
        "Chairs",
        "Vice-chairs",
        "2013-2016",
        "2017-2020",
        "Sources of figures",
        "Programme 1: Strengthening standards-making capabilities",
        "Programme 3: Human resources capacity building",
        "1 Geographical distribution of Study Group meetings",
        "2 Remote participation"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want;
  }
  // The exact figure behind "over 700" is in the sources.
  EXPECT_NE(text.find("750 distinct people registered as delegates"), std::string::npos);
  // Every page is numbered "N/M".
  const std::string raw = PdfText();
  const int pages = static_cast<int>(std::count(raw.begin(), raw.end(), '\f'));
  EXPECT_GE(pages, 3);
  for (int p = 1; p <= pages; ++p) {
    EXPECT_NE(raw.find(std::to_string(p) + "/" + std::to_string(pages)), std::string::npos) << p;
  }
}

TEST_F(OutputTest, EveryTableCsvMatchesThePdfCellByCell) {
  if (!HaveTool("pdftotext")) GTEST_SKIP() << "poppler-utils not installed";
  const auto lines = Lines(TsvWords(PdfText("-tsv")));
  ASSERT_FALSE(lines.empty());
  auto csv = RenderReport(*report_, Format::kCsv, {testing::DataDir(), ""});
  ASSERT_TRUE(csv.ok()) << csv.status().ToString();
  const render::DocumentOutline outline = render::BuildOutline(report_->document);
  ASSERT_EQ(outline.table_numbers.size(), 2u);
  for (const auto& [table, number] : outline.table_numbers) {
    SCOPED_TRACE("Table " + std::to_string(number));
    const std::string name = "table-" + std::to_string(number) + ".csv";
    auto file = std::find_if(csv->begin(), csv->end(),
                             [&](const render::RenderedFile& f) { return f.name == name; });
    ASSERT_NE(file, csv->end()) << name;
    EXPECT_EQ(file->content, render::TableCsv(*table));
    ExpectTableMatchesPdf(*table, number, lines);
  }
}

// Reads a PNG file into an image surface (nullptr on failure).
std::unique_ptr<cairo_surface_t, void (*)(cairo_surface_t*)> LoadPng(const std::string& path) {
  cairo_surface_t* s = cairo_image_surface_create_from_png(path.c_str());
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(s);
    s = nullptr;
  }
  return {s, [](cairo_surface_t* p) {
            if (p) cairo_surface_destroy(p);
          }};
}

// Pixels within `tolerance` of (r, g, b), and the number of non-white pixels.
std::pair<int, int> CountPixels(cairo_surface_t* s, int r, int g, int b, int tolerance) {
  cairo_surface_flush(s);
  const unsigned char* data = cairo_image_surface_get_data(s);
  const int stride = cairo_image_surface_get_stride(s);
  int match = 0, ink = 0;
  for (int y = 0; y < cairo_image_surface_get_height(s); ++y) {
    for (int x = 0; x < cairo_image_surface_get_width(s); ++x) {
      const auto v = *reinterpret_cast<const std::uint32_t*>(data + y * stride + x * 4);
      const int pr = (v >> 16) & 0xff, pg = (v >> 8) & 0xff, pb = v & 0xff;
      if (pr < 245 || pg < 245 || pb < 245) ++ink;
      if (std::abs(pr - r) <= tolerance && std::abs(pg - g) <= tolerance &&
          std::abs(pb - b) <= tolerance) {
        ++match;
      }
    }
  }
  return {match, ink};
}

TEST_F(OutputTest, PagesRasterAndTheFiguresAreDrawn) {
  if (!HaveTool("pdftoppm")) GTEST_SKIP() << "poppler-utils not installed";
  TempFolder images;
  auto r = RunCommand("pdftoppm -r 40 -png '" + *pdf_path_ + "' '" + images.File("page") + "'");
  ASSERT_EQ(r.exit_code, 0);
  int pages = 0, coloured_pages = 0;
  for (const auto& entry : std::filesystem::directory_iterator(images.path())) {
    auto png = LoadPng(entry.path().string());
    ASSERT_NE(png, nullptr) << entry.path();
    ++pages;
    // The chart kit's first two series colours (Okabe-Ito): blue (#0072B2), orange (#E69F00).
    auto [blue, ink] = CountPixels(png.get(), 0x00, 0x72, 0xB2, 40);
    auto [orange, ink2] = CountPixels(png.get(), 0xE6, 0x9F, 0x00, 40);
    (void)ink2;
    EXPECT_GT(ink, 500) << entry.path() << " is blank";
    if (orange > 50 && blue > 50) ++coloured_pages;
  }
  EXPECT_GE(pages, 3);
  // The participation and management figures draw two series each.
  EXPECT_GE(coloured_pages, 1);
}

TEST_F(OutputTest, FontsAreEmbedded) {
  if (!HaveTool("pdffonts")) GTEST_SKIP() << "poppler-utils not installed";
  auto r = RunCommand("pdffonts '" + *pdf_path_ + "'");
  ASSERT_EQ(r.exit_code, 0);
  std::istringstream in(r.out);
  std::string line;
  int fonts = 0;
  while (std::getline(in, line)) {
    if (line.starts_with("name") || line.starts_with("----")) continue;
    ++fonts;
    EXPECT_NE(line.find(" yes "), std::string::npos) << line;  // emb column
  }
  EXPECT_GT(fonts, 0);
}

TEST_F(OutputTest, DownloadsInEveryFormat) {
  const OutputOptions o{testing::DataDir(), ""};
  auto csv = RenderReport(*report_, Format::kCsv, o);
  ASSERT_TRUE(csv.ok());
  std::vector<std::string> names;
  for (const auto& f : *csv) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{"table-1.csv", "table-2.csv", "figure-1.csv",
                                             "figure-2.csv", "figure-3.csv"}));
  for (Format f : {Format::kSvg, Format::kPng}) {
    auto files = RenderReport(*report_, f, o);
    ASSERT_TRUE(files.ok()) << files.status().ToString();
    ASSERT_EQ(files->size(), 3u);
    for (const auto& file : *files) {
      if (f == Format::kSvg) {
        EXPECT_NE(file.content.find("<svg"), std::string::npos) << file.name;
      } else {
        EXPECT_EQ(file.content.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8)) << file.name;
      }
    }
  }
  auto html = RenderReport(*report_, Format::kHtml, o);
  ASSERT_TRUE(html.ok());
  const std::string& page = (*html)[0].content;
  EXPECT_NE(page.find("<!DOCTYPE html>"), std::string::npos);
  EXPECT_NE(page.find("class=\"value\""), std::string::npos);
  EXPECT_NE(page.find("750 distinct people registered as delegates"), std::string::npos);
  EXPECT_NE(page.find("February 2020*"), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);
  auto json = RenderReport(*report_, Format::kJson, o);
  ASSERT_TRUE(json.ok());
  auto parsed = nlohmann::json::parse((*json)[0].content, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded());
  EXPECT_EQ(parsed["figures"].size(), 3u);

  // The management figure's data: roles by study period.
  const std::string figure3 = (*csv)[4].content;
  EXPECT_NE(figure3.find("2013-2016,2017-2020"), std::string::npos) << figure3;
  EXPECT_NE(figure3.find("Chairs,"), std::string::npos) << figure3;
}

TEST_F(OutputTest, SinglePartsAndTheirErrors) {
  const OutputOptions o{testing::DataDir(), ""};
  auto by_number = RenderPart(*report_, Format::kCsv, {"2", std::nullopt}, o);
  ASSERT_TRUE(by_number.ok()) << by_number.status().ToString();
  EXPECT_EQ(by_number->name, "table-2.csv");
  auto by_id = RenderPart(*report_, Format::kSvg, {std::nullopt, "management-representation"}, o);
  ASSERT_TRUE(by_id.ok()) << by_id.status().ToString();
  EXPECT_EQ(by_id->name, "figure-3.svg");
  EXPECT_NE(by_id->content.find("<svg"), std::string::npos);
  auto png = RenderPart(*report_, Format::kPng, {std::nullopt, "1"}, o);
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  EXPECT_EQ(png->name, "figure-1.png");
  EXPECT_EQ(RenderPart(*report_, Format::kCsv, {}, o).status().reason(), "reports.part_required");
  EXPECT_EQ(RenderPart(*report_, Format::kCsv, {"1", "1"}, o).status().reason(),
            "reports.part_required");
  EXPECT_EQ(RenderPart(*report_, Format::kSvg, {"1", std::nullopt}, o).status().reason(),
            "reports.figure_only");
  EXPECT_EQ(RenderPart(*report_, Format::kCsv, {"9", std::nullopt}, o).status().reason(),
            "reports.table_not_found");
  EXPECT_EQ(RenderPart(*report_, Format::kPng, {std::nullopt, "nope"}, o).status().code(),
            ErrorCode::kNotFound);
}

TEST_F(OutputTest, WithoutTheMapsDataTheMapBecomesBars) {
  BuildOptions o;
  o.window = {"2019-09-01", "2020-03-31"};
  o.data_dir = folder_->File("no-such-data");
  auto r = BuildProgressReport(*db_, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const render::Figure* map = testing::FindFigure(r->document, "meetings-map");
  ASSERT_NE(map, nullptr);
  EXPECT_EQ(map->chart.kind, render::ChartKind::kBar);
  EXPECT_NE(std::find(map->chart.categories.begin(), map->chart.categories.end(), "Sri Lanka"),
            map->chart.categories.end());
  auto pdf = RenderReport(*r, Format::kPdf, {folder_->File("no-such-data"), ""});
  EXPECT_TRUE(pdf.ok()) << pdf.status().ToString();
}

}  // namespace
}  // namespace bsg::reports
