#include "platform/render/chart.h"

#include <gtest/gtest.h>

#include "platform/render/chart_internal.h"
#include "platform/render/render_test_support.h"
#include "platform/render/world_map.h"

namespace bsg::render {
namespace {

using testing::DataDir;
using testing::Image;

ChartOptions Options() {
  ChartOptions o;
  o.data_dir = DataDir();
  return o;
}

TEST(NiceScaleTest, PicksRoundTicksCoveringTheData) {
  AxisScale s = NiceScale(0, 247);
  EXPECT_EQ(s.lo, 0);
  EXPECT_EQ(s.hi, 250);
  EXPECT_EQ(s.step, 50);
  EXPECT_EQ(s.Ticks(), (std::vector<double>{0, 50, 100, 150, 200, 250}));

  s = NiceScale(0, 3, 6, /*integral=*/true);
  EXPECT_EQ(s.step, 1);
  EXPECT_EQ(s.hi, 3);

  s = NiceScale(0, 0.37);
  EXPECT_DOUBLE_EQ(s.step, 0.1);
  EXPECT_NEAR(s.hi, 0.4, 1e-12);

  s = NiceScale(-12, 30);
  EXPECT_EQ(s.lo, -20);
  EXPECT_EQ(s.hi, 30);
  EXPECT_EQ(s.step, 10);

  s = NiceScale(0, 0);  // all zero: still an axis
  EXPECT_EQ(s.lo, 0);
  EXPECT_GT(s.hi, 0);

  s = NiceScale(0, 12, 6, /*integral=*/true);  // never 2.5 between whole numbers
  EXPECT_EQ(s.step, 5);
}

TEST(FormatNumberTest, GroupsThousandsAndRounds) {
  EXPECT_EQ(FormatNumber(0, 0), "0");
  EXPECT_EQ(FormatNumber(824, 0), "824");
  EXPECT_EQ(FormatNumber(8375, 0), "8,375");
  EXPECT_EQ(FormatNumber(1234567.891, 2), "1,234,567.89");
  EXPECT_EQ(FormatNumber(-1234.5, 1), "-1,234.5");
  EXPECT_EQ(FormatNumber(-0.04, 1), "0.0");
  EXPECT_EQ(FormatNumber(100, 0), "100");
  EXPECT_EQ(FormatNumber(999999, 0), "999,999");
}

TEST(ChartDecimalsTest, WholeNumbersUseNone) {
  Chart c = testing::EnrolmentChart();
  EXPECT_EQ(ChartDecimals(c), 0);
  c.series[0].values[0] = 2.5;
  EXPECT_EQ(ChartDecimals(c), 1);
  c.decimals = 3;
  EXPECT_EQ(ChartDecimals(c), 3);
}

TEST(ChartDataCsvTest, MissingIsEmptyAndZeroIsZero) {
  EXPECT_EQ(ChartDataCsv(testing::EnrolmentChart()),
            "Year,Enrolments\r\n2019,41\r\n2020,198\r\n2021,247\r\n2022,0\r\n2023,\r\n");
  Chart map = testing::FellowshipMap();
  const std::string csv = ChartDataCsv(map);
  EXPECT_EQ(csv.rfind("country,Fellowships\r\nZM,0\r\nKE,14\r\n", 0), 0u) << csv;
  Chart fractions;
  fractions.categories = {"a", "b, with comma"};
  fractions.series = {{"", {0.125, -3}}};
  EXPECT_EQ(ChartDataCsv(fractions), "category,value\r\na,0.125\r\n\"b, with comma\",-3\r\n");
}

TEST(ChartTest, RejectsMoreValuesThanCategories) {
  Chart c;
  c.categories = {"a"};
  c.series = {{"s", {1, 2}}};
  Result<std::string> svg = ChartToSvg(c);
  ASSERT_FALSE(svg.ok());
  EXPECT_EQ(svg.status().reason(), "chart.invalid");
  Chart map;
  map.kind = ChartKind::kWorldMap;
  EXPECT_FALSE(ChartToSvg(map, Options()).ok());
}

TEST(ChartTest, SvgIsWellFormedXml) {
  if (!testing::HaveTool("python3")) GTEST_SKIP();
  testing::TempFolder folder;
  const Chart charts[] = {testing::EnrolmentChart(), testing::FellowshipsByRegion(),
                          testing::ParticipationTrend(), testing::FellowshipMap()};
  int i = 0;
  for (const Chart& c : charts) {
    Result<std::string> svg = ChartToSvg(c, Options());
    ASSERT_TRUE(svg.ok()) << svg.status().ToString();
    EXPECT_NE(svg->find("<svg"), std::string::npos);
    const std::string path = folder.File("c" + std::to_string(i++) + ".svg");
    testing::WriteFile(path, *svg);
    auto r = testing::RunCommand(
        "python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' " + path +
        " 2>&1");
    EXPECT_EQ(r.exit_code, 0) << r.out;
  }
}

TEST(ChartTest, PngHasTheRequestedScale) {
  Result<std::string> png = ChartToPng(testing::EnrolmentChart(), Options());
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  EXPECT_EQ(png->substr(1, 3), "PNG");
  Image img = Image::FromPngBytes(*png);
  ASSERT_TRUE(img.ok());
  EXPECT_EQ(img.width(), 960);
  EXPECT_EQ(img.height(), 480);
  EXPECT_GT(img.LuminanceVariance(), 50);
}

TEST(ChartTest, EveryKindDraws) {
  Chart stacked = testing::FellowshipsByRegion();
  for (ChartKind kind : {ChartKind::kBar, ChartKind::kGroupedBar, ChartKind::kStackedBar,
                         ChartKind::kStackedPercent, ChartKind::kLine}) {
    for (bool horizontal : {false, true}) {
      stacked.kind = kind;
      stacked.horizontal = horizontal;
      Result<std::string> png = ChartToPng(stacked, Options());
      ASSERT_TRUE(png.ok()) << png.status().ToString();
      Image img = Image::FromPngBytes(*png);
      ASSERT_TRUE(img.ok());
      EXPECT_GT(img.LuminanceVariance(), 50) << static_cast<int>(kind) << horizontal;
    }
  }
  Chart empty;  // no categories, no series: an empty frame, not a crash
  EXPECT_TRUE(ChartToPng(empty).ok());
}

// "No data" is hatched grey (fill #E6E6E6); a zero is an empty bar on the axis.
TEST(ChartTest, MissingBarIsDrawnDifferentlyFromZero) {
  Chart missing = testing::EnrolmentChart();
  missing.series[0].values = {41, 198, std::nullopt};
  missing.categories.resize(3);
  Chart zero = missing;
  zero.series[0].values[2] = 0;
  Image with_missing = Image::FromPngBytes(*ChartToPng(missing));
  Image with_zero = Image::FromPngBytes(*ChartToPng(zero));
  ASSERT_TRUE(with_missing.ok() && with_zero.ok());
  // Sample the middle of the third category's bar: three slots over about 450 pt of plot.
  auto fill_pixels = [](const Image& img) {
    const int cx = static_cast<int>(img.width() * 0.835), cy = img.height() / 2;
    int n = 0;
    for (int y = cy - 15; y < cy + 15; ++y) {
      for (int x = cx - 15; x < cx + 15; ++x) {
        const auto p = img.At(x, y);
        if (p.r == 0xE6 && p.g == 0xE6 && p.b == 0xE6) ++n;
      }
    }
    return n;
  };
  EXPECT_GT(fill_pixels(with_missing), 300);
  EXPECT_LT(fill_pixels(with_zero), 60);
}

TEST(MapChartTest, NoDataCountryIsDrawnDifferentlyFromZero) {
  Chart map = testing::FellowshipMap();  // ZM = 0, IN = 11, FR not listed
  ChartOptions options = Options();
  Result<std::string> png = ChartToPng(map, options);
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  Image img = Image::FromPngBytes(*png);
  ASSERT_TRUE(img.ok());
  Result<MapFrame> frame = internal::MapFrameForChart(
      map, Box{0, 0, options.width, ChartHeight(map, options.width)}, options);
  ASSERT_TRUE(frame.ok());
  Result<const WorldMap*> world = LoadWorldMap(DataDir());
  ASSERT_TRUE(world.ok());
  auto pixel = [&](const char* code) {
    const MapCountry* c = (*world)->Find(code);
    EXPECT_NE(c, nullptr) << code;
    const int x = static_cast<int>(frame->X(c->label_point) * options.png_scale);
    const int y = static_cast<int>(frame->Y(c->label_point) * options.png_scale);
    return img.At(x, y);
  };
  const auto zambia = pixel("ZM");  // 0: the lightest blue
  const auto france = pixel("FR");  // no data: grey fill or grey hatch
  const auto india = pixel("IN");   // 11: a dark blue
  EXPECT_GT(zambia.b - zambia.r, 15) << zambia.r << "," << zambia.g << "," << zambia.b;
  EXPECT_GT(zambia.r, 180);
  EXPECT_LT(std::abs(france.b - france.r), 8) << france.r << "," << france.g << "," << france.b;
  EXPECT_LT(france.r, 240);
  EXPECT_LT(india.r, 120);
  EXPECT_GT(india.b - india.r, 60);
}

TEST(MapChartTest, PointsMapDraws) {
  Result<std::string> svg = ChartToSvg(testing::ContributionPoints(), Options());
  ASSERT_TRUE(svg.ok()) << svg.status().ToString();
  EXPECT_GT(svg->size(), 10000u);
}

}  // namespace
}  // namespace bsg::render
