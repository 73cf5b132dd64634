#include "platform/render/world_map.h"

#include <gtest/gtest.h>

#include <cmath>

#include "platform/render/render_test_support.h"

namespace bsg::render {
namespace {

const WorldMap& Map() {
  Result<const WorldMap*> map = LoadWorldMap(testing::DataDir());
  EXPECT_TRUE(map.ok()) << map.status().ToString();
  return **map;
}

TEST(EqualEarthTest, KnownPoints) {
  EXPECT_NEAR(ProjectEqualEarth(0, 0).x, 0, 1e-12);
  EXPECT_NEAR(ProjectEqualEarth(0, 0).y, 0, 1e-12);
  EXPECT_NEAR(ProjectEqualEarth(180, 0).x, kEqualEarthMaxX, 1e-9);
  EXPECT_NEAR(ProjectEqualEarth(0, 90).y, kEqualEarthMaxY, 1e-9);
  EXPECT_NEAR(ProjectEqualEarth(-180, -90).y, -kEqualEarthMaxY, 1e-9);
  EXPECT_NEAR(ProjectEqualEarth(30, 40).x, -ProjectEqualEarth(-30, 40).x, 1e-12);
}

double ProjectedArea(double lon0, double lat0, double lon1, double lat1) {
  MapRing ring;
  const int n = 50;
  for (int i = 0; i <= n; ++i)
    ring.push_back(ProjectEqualEarth(lon0 + (lon1 - lon0) * i / n, lat0));
  for (int i = 0; i <= n; ++i)
    ring.push_back(ProjectEqualEarth(lon1, lat0 + (lat1 - lat0) * i / n));
  for (int i = 0; i <= n; ++i)
    ring.push_back(ProjectEqualEarth(lon1 - (lon1 - lon0) * i / n, lat1));
  for (int i = 0; i <= n; ++i)
    ring.push_back(ProjectEqualEarth(lon0, lat1 - (lat1 - lat0) * i / n));
  double a = 0;
  for (size_t i = 0; i < ring.size(); ++i) {
    const MapPoint& p = ring[i];
    const MapPoint& q = ring[(i + 1) % ring.size()];
    a += p.x * q.y - q.x * p.y;
  }
  return std::fabs(a) / 2;
}

TEST(EqualEarthTest, PreservesArea) {
  // On the sphere, the area of a lon/lat cell is proportional to the difference of the sines.
  const double deg = M_PI / 180;
  const double equator = ProjectedArea(0, 0, 10, 10);
  const double north = ProjectedArea(40, 60, 50, 70);
  EXPECT_NEAR(north / equator, (std::sin(70 * deg) - std::sin(60 * deg)) / std::sin(10 * deg),
              1e-3);
  // And the whole sphere is 4 pi on the unit sphere.
  EXPECT_NEAR(ProjectedArea(-180, -90, 180, 90), 4 * M_PI, 1e-2);
}

TEST(WorldMapTest, LoadsCountriesWithShapes) {
  const WorldMap& map = Map();
  EXPECT_GE(map.countries().size(), 170u);
  for (const char* code : {"FR", "ZM", "BR", "IN", "FJ", "RU", "US", "AQ"}) {
    const MapCountry* c = map.Find(code);
    ASSERT_NE(c, nullptr) << code;
    EXPECT_FALSE(c->polygons.empty()) << code;
    EXPECT_GE(c->polygons[0][0].size(), 4u) << code;
  }
  EXPECT_EQ(map.Find("FR")->numeric, "250");
  EXPECT_EQ(map.Find("ZM")->name, "Zambia");
  EXPECT_EQ(map.Find("XX"), nullptr);
  bool kosovo = false;
  for (const MapCountry& c : map.countries()) {
    if (c.name == "Kosovo") kosovo = c.alpha2.empty();
  }
  EXPECT_TRUE(kosovo);
}

TEST(WorldMapTest, EveryProjectedPointIsInsideTheProjection) {
  int points = 0;
  for (const MapCountry& c : Map().countries()) {
    for (const MapPolygon& polygon : c.polygons) {
      for (const MapRing& ring : polygon) {
        for (const MapPoint& p : ring) {
          ++points;
          ASSERT_LE(std::fabs(p.x), kEqualEarthMaxX + 1e-9) << c.name;
          ASSERT_LE(std::fabs(p.y), kEqualEarthMaxY + 1e-9) << c.name;
        }
      }
    }
    EXPECT_LE(c.min.x, c.label_point.x) << c.name;
    EXPECT_GE(c.max.x, c.label_point.x) << c.name;
  }
  EXPECT_GT(points, 10000);
  // France's label point is in metropolitan France, not between it and French Guiana.
  const MapPoint paris = ProjectEqualEarth(2.35, 48.85);
  const MapCountry* fr = Map().Find("FR");
  EXPECT_NEAR(fr->label_point.x, paris.x, 0.08);
  EXPECT_NEAR(fr->label_point.y, paris.y, 0.08);
}

TEST(WorldMapTest, RingsCrossingTheAntimeridianAreCut) {
  // No edge of Fiji or Russia may run across the map.
  for (const char* code : {"FJ", "RU"}) {
    const MapCountry* c = Map().Find(code);
    ASSERT_NE(c, nullptr);
    for (const MapPolygon& polygon : c->polygons) {
      for (const MapRing& ring : polygon) {
        for (size_t i = 1; i < ring.size(); ++i) {
          ASSERT_LT(std::fabs(ring[i].x - ring[i - 1].x), 1.0) << code;
        }
      }
    }
  }
}

TEST(WorldMapTest, FitMapKeepsEverythingInTheBox) {
  const Box box{10, 20, 400, 200};
  const MapFrame f = FitMap(Map(), box, /*antarctica=*/false);
  EXPECT_NEAR(std::max(f.width / box.w, f.height / box.h), 1.0, 1e-9);
  for (const MapCountry& c : Map().countries()) {
    if (c.alpha2 == "AQ") continue;
    EXPECT_GE(f.X(c.min), box.x - 1e-6);
    EXPECT_LE(f.X(c.max), box.x + box.w + 1e-6);
    EXPECT_GE(f.Y(c.max), box.y - 1e-6);
    EXPECT_LE(f.Y(c.min), box.y + box.h + 1e-6);
  }
}

TEST(WorldMapTest, LoadIsCachedAndErrorsAreClear) {
  Result<const WorldMap*> a = LoadWorldMap(testing::DataDir());
  Result<const WorldMap*> b = LoadWorldMap(testing::DataDir());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
  Result<const WorldMap*> missing = LoadWorldMap("/nonexistent-bsg-data");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(missing.status().reason(), "world_map.missing");
}

TEST(WorldMapTest, DefaultDataDirFollowsTheEnvironmentThenSearches) {
  const char* saved = std::getenv("BSG_DATA_DIR");
  const std::string old = saved ? saved : "";
  setenv("BSG_DATA_DIR", "/srv/bsg/data", 1);
  EXPECT_EQ(DefaultDataDir(), "/srv/bsg/data");
  unsetenv("BSG_DATA_DIR");
  // Without it: a folder that holds the map (the source tree's, found beside the test binary).
  EXPECT_TRUE(LoadWorldMap(DefaultDataDir()).ok()) << DefaultDataDir();
  if (saved) setenv("BSG_DATA_DIR", old.c_str(), 1);
}

TEST(TopoJsonTest, DecodesDeltasTransformAndReversedArcs) {
  // Arc 0 runs (0,0) (1,0) (1,1); arc 1 runs (1,1) (0,1) (0,0), both delta-encoded, scaled by
  // 10 degrees.
  const std::string topo = R"({"type":"Topology",
    "transform":{"scale":[10,10],"translate":[0,0]},
    "arcs":[[[0,0],[1,0],[0,1]],[[1,1],[-1,0],[0,-1]]],
    "objects":{"countries":{"type":"GeometryCollection","geometries":[
      {"type":"Polygon","id":"894","properties":{"name":"Square"},"arcs":[[0,1]]},
      {"type":"MultiPolygon","id":"250","properties":{"name":"Back"},"arcs":[[[-2]]]},
      {"type":null,"id":"001"}]}}})";
  const std::string iso = "numeric,alpha_2,alpha_3,name\n894,ZM,ZMB,Zambia\n250,FR,FRA,France\n";
  Result<std::unique_ptr<WorldMap>> map = WorldMap::Parse(topo, iso);
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  ASSERT_EQ((*map)->countries().size(), 2u);
  const MapCountry* square = (*map)->Find("ZM");
  ASSERT_NE(square, nullptr);
  const MapRing& ring = square->polygons.at(0).at(0);
  ASSERT_EQ(ring.size(), 5u);  // the shared point between the arcs is kept once
  const MapPoint expected[] = {ProjectEqualEarth(0, 0), ProjectEqualEarth(10, 0),
                               ProjectEqualEarth(10, 10), ProjectEqualEarth(0, 10),
                               ProjectEqualEarth(0, 0)};
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_NEAR(ring[i].x, expected[i].x, 1e-12) << i;
    EXPECT_NEAR(ring[i].y, expected[i].y, 1e-12) << i;
  }
  // ~1 is arc 1 reversed: (0,0) (0,1) (1,1).
  const MapRing& back = (*map)->Find("FR")->polygons.at(0).at(0);
  ASSERT_EQ(back.size(), 3u);
  EXPECT_NEAR(back[1].y, ProjectEqualEarth(0, 10).y, 1e-12);
  EXPECT_NEAR(back[2].x, ProjectEqualEarth(10, 10).x, 1e-12);
}

TEST(TopoJsonTest, RejectsBrokenInput) {
  const std::string iso = "numeric,alpha_2\n894,ZM\n";
  for (
      const char* bad :
      {"", "{", "[]", R"({"objects":{}})",
       R"({"arcs":[],"objects":{"countries":{"geometries":[{"type":"Polygon","arcs":[[7]]}]}}})"}) {
    Result<std::unique_ptr<WorldMap>> map = WorldMap::Parse(bad, iso);
    ASSERT_FALSE(map.ok()) << bad;
    EXPECT_EQ(map.status().reason(), "world_map.bad_topojson") << bad;
  }
  Result<std::unique_ptr<WorldMap>> map = WorldMap::Parse("{}", "alpha,numeric\n");
  ASSERT_FALSE(map.ok());
  EXPECT_EQ(map.status().reason(), "world_map.bad_iso_csv");
}

}  // namespace
}  // namespace bsg::render
