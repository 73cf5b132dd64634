// The example of README.md, compiled and run, so the documentation stays true.
#include <gtest/gtest.h>

#include "platform/render/render_test_support.h"
#include "platform/render/renderer_csv.h"
#include "platform/render/renderer_figures.h"
#include "platform/render/renderer_html.h"
#include "platform/render/renderer_pdf.h"

namespace bsg::render {
namespace {

TEST(ReadmeExampleTest, BuildsAndRendersAReport) {
  namespace r = bsg::render;
  const std::string config_data_dir = testing::DataDir();
  const int held = 9;

  r::Document doc;
  doc.title = "Bridging the Standardization Gap: progress report";
  r::Section meetings;
  meetings.title = "Regional group meetings";
  meetings.blocks.push_back(
      r::Paragraph{{r::TextRun{"Since August 2019, "},
                    r::TextRun{std::to_string(held),
                               "events: " + std::to_string(held) +
                                   " rows where kind=regional_group_meeting and status=held"},
                    r::TextRun{" regional group meetings were held."}}});
  r::Table table;
  table.caption = "Fellowships by region";
  table.columns = {{"Region"}, {"Full", r::Align::kEnd}, {"Partial", r::Align::kEnd}};
  table.rows.push_back({{"Africa"}, {"64", "fellowships: kind=full, region=AFR"}, {"12"}});
  meetings.blocks.push_back(table);
  r::Figure map;
  map.caption = "Fellowships by country";
  map.chart.kind = r::ChartKind::kWorldMap;
  map.chart.value_label = "Fellowships";
  map.chart.categories = {"ZM", "KE", "IN"};
  map.chart.series = {{"Fellowships", {0, 14, 11}, "fellowships: awarded, by country"}};
  meetings.blocks.push_back(map);
  doc.sections.push_back(meetings);

  r::PdfOptions pdf_options;
  pdf_options.data_dir = config_data_dir;
  bsg::Result<r::RenderedPdf> pdf = r::RenderPdf(doc, pdf_options);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(pdf->pages, 2);  // the report, then its sources
  bsg::Result<std::string> html = r::RenderHtml(
      doc, {.data_dir = config_data_dir, .download_prefix = "/api/reports/2024/files/"});
  ASSERT_TRUE(html.ok()) << html.status().ToString();
  std::vector<r::RenderedFile> csvs = r::RenderCsvFiles(doc);
  ASSERT_EQ(csvs.size(), 2u);
  EXPECT_EQ(csvs[0].content, "Region,Full,Partial\r\nAfrica,64,12\r\n");
  auto svgs = r::RenderFigureFiles(doc, r::FigureFormat::kSvg, {.data_dir = config_data_dir});
  ASSERT_TRUE(svgs.ok()) << svgs.status().ToString();
  EXPECT_EQ((*svgs)[0].name, "figure-1.svg");
}

}  // namespace
}  // namespace bsg::render
