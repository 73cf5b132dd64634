#include "platform/render/renderer_figures.h"

#include <gtest/gtest.h>

#include "platform/render/render_test_support.h"

namespace bsg::render {
namespace {

TEST(FigureFilesTest, SvgAndPngForEveryFigure) {
  ChartOptions options;
  options.data_dir = testing::DataDir();
  const Document d = testing::SampleDocument();
  Result<std::vector<RenderedFile>> svgs = RenderFigureFiles(d, FigureFormat::kSvg, options);
  ASSERT_TRUE(svgs.ok()) << svgs.status().ToString();
  ASSERT_EQ(svgs->size(), 5u);
  for (size_t i = 0; i < svgs->size(); ++i) {
    EXPECT_EQ((*svgs)[i].name, "figure-" + std::to_string(i + 1) + ".svg");
    EXPECT_EQ((*svgs)[i].content_type, "image/svg+xml");
    EXPECT_NE((*svgs)[i].content.find("<svg"), std::string::npos);
  }
  Result<std::vector<RenderedFile>> pngs = RenderFigureFiles(d, FigureFormat::kPng, options);
  ASSERT_TRUE(pngs.ok()) << pngs.status().ToString();
  ASSERT_EQ(pngs->size(), 5u);
  for (const RenderedFile& f : *pngs) {
    EXPECT_EQ(f.content_type, "image/png");
    testing::Image img = testing::Image::FromPngBytes(f.content);
    ASSERT_TRUE(img.ok()) << f.name;
    EXPECT_EQ(img.width(), 960) << f.name;  // 480 pt at 2 pixels per point
    EXPECT_GT(img.LuminanceVariance(), 50) << f.name;
    const char* keep = std::getenv("BSG_RENDER_KEEP");
    if (keep != nullptr && *keep != '\0')
      testing::WriteFile(std::string(keep) + "/" + f.name, f.content);
  }
}

TEST(FigureFilesTest, ChartsTakeTheDocumentLanguage) {
  Document d;
  d.language = "ar";
  Figure f;
  EXPECT_EQ(ChartForDocument(d, f).language, "ar");
  f.chart.language = "en";
  EXPECT_EQ(ChartForDocument(d, f).language, "en");
}

TEST(FigureFilesTest, ErrorsNameTheFigure) {
  Document d;
  Section s;
  Figure ok;
  ok.chart = testing::EnrolmentChart();
  Figure bad;
  bad.chart.categories = {"a"};
  bad.chart.series = {{"s", {1, 2}}};
  s.blocks = {ok, bad};
  d.sections = {s};
  Result<std::vector<RenderedFile>> files = RenderFigureFiles(d, FigureFormat::kSvg);
  ASSERT_FALSE(files.ok());
  EXPECT_NE(files.status().message().find("figure-2"), std::string::npos);
}

}  // namespace
}  // namespace bsg::render
