// World country shapes for maps: Natural Earth 1:110m countries from the world-atlas npm package
// (data/world/countries-110m.json, TopoJSON keyed by ISO 3166-1 numeric code), joined to
// alpha-2 codes with data/world/iso_numeric.csv, projected with the Equal Earth projection
// (Šavrič, Patterson and Jenny, 2018), an equal-area projection, so that areas compare fairly.
// See data/world/README.md for provenance and licences; scripts/fetch-world-atlas.sh fetches
// the files.
//
// Thread-safety: a WorldMap is immutable after parsing. LoadWorldMap() caches one map per data
// folder for the life of the process and may be called from any thread.
#ifndef BSG_PLATFORM_RENDER_WORLD_MAP_H_
#define BSG_PLATFORM_RENDER_WORLD_MAP_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "platform/render/chart.h"
#include "platform/status.h"

namespace bsg::render {

// A point in projected Equal Earth units: x in [-kEqualEarthMaxX, kEqualEarthMaxX] east
// positive, y in [-kEqualEarthMaxY, kEqualEarthMaxY] north positive (unit sphere).
struct MapPoint {
  double x = 0;
  double y = 0;
};
inline constexpr double kEqualEarthMaxX = 2.7066299836960743;
inline constexpr double kEqualEarthMaxY = 1.3173627591574133;

using MapRing = std::vector<MapPoint>;
// The first ring is the outer boundary, the others holes; fill with the even-odd rule.
using MapPolygon = std::vector<MapRing>;

struct MapCountry {
  std::string numeric{};  // ISO 3166-1 numeric ("250"); empty for shapes without one (Kosovo)
  std::string alpha2{};   // ISO 3166-1 alpha-2 ("FR"); empty when numeric is empty or unknown
  std::string name{};     // Natural Earth's English name
  std::vector<MapPolygon> polygons{};
  MapPoint min;  // bounding box, projected
  MapPoint max;
  MapPoint label_point;  // area centroid of the largest polygon, for points and labels
};

// Projects longitude and latitude in degrees.
MapPoint ProjectEqualEarth(double lon_deg, double lat_deg);

class WorldMap {
 public:
  // Decodes the TopoJSON `topojson` (object "countries": Polygon and MultiPolygon geometries,
  // quantized, delta-encoded arcs) and joins ids to alpha-2 with `iso_csv` (header
  // numeric,alpha_2,...). Errors: kInvalidArgument ("world_map.bad_topojson",
  // "world_map.bad_iso_csv").
  static Result<std::unique_ptr<WorldMap>> Parse(std::string_view topojson,
                                                 std::string_view iso_csv);

  const std::vector<MapCountry>& countries() const { return countries_; }
  // The country with alpha-2 code `alpha2` (upper case), or nullptr.
  const MapCountry* Find(std::string_view alpha2) const;

 private:
  static Result<std::unique_ptr<WorldMap>> ParseChecked(std::string_view topojson,
                                                        std::string_view iso_csv);

  std::vector<MapCountry> countries_;
  std::map<std::string, size_t, std::less<>> by_alpha2_;
};

// The folder holding the map's data (world/countries-110m.json): $BSG_DATA_DIR when set and not
// empty; else the first of ./data, and data/ beside or above the running binary (<bin>/data,
// <bin>/../data, <bin>/../share/bsg/data) that holds the map; else "data".
std::string DefaultDataDir();

// The map read from `data_dir`/world/countries-110m.json and `data_dir`/world/iso_numeric.csv
// (empty `data_dir`: DefaultDataDir()), parsed once per folder and kept for the life of the
// process. Errors: kUnavailable ("world_map.missing") when a file cannot be read, and
// Parse()'s errors. A failed load is not cached, so a later call retries.
Result<const WorldMap*> LoadWorldMap(const std::string& data_dir = "");

// Maps projected coordinates into a box, preserving the aspect ratio and centring the map.
struct MapFrame {
  double scale = 1;
  double offset_x = 0;
  double offset_y = 0;
  double width = 0;  // size of the drawn map within the box
  double height = 0;
  // Box coordinates (y down) of a projected point.
  double X(const MapPoint& p) const { return offset_x + p.x * scale; }
  double Y(const MapPoint& p) const { return offset_y - p.y * scale; }
};
// The frame that fits every country (without Antarctica unless `antarctica`) into `box`.
MapFrame FitMap(const WorldMap& map, const Box& box, bool antarctica);

}  // namespace bsg::render

#endif  // BSG_PLATFORM_RENDER_WORLD_MAP_H_
