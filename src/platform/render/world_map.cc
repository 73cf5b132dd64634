#include "platform/render/world_map.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>

namespace bsg::render {
namespace {

using Json = nlohmann::json;

constexpr double kPi = 3.14159265358979323846;
// Equal Earth polynomial coefficients (Šavrič, Patterson and Jenny 2018, equations 1-2).
constexpr double kA1 = 1.340264;
constexpr double kA2 = -0.081106;
constexpr double kA3 = 0.000893;
constexpr double kA4 = 0.003796;

constexpr std::string_view kAntarcticaNumeric = "010";

Status BadTopo(const std::string& why) {
  return Status::InvalidArgument("world_map.bad_topojson", "The world map file is invalid: " + why);
}

// Decoded arcs in longitude/latitude degrees.
using LonLat = std::pair<double, double>;

Result<std::vector<std::vector<LonLat>>> DecodeArcs(const Json& topo) {
  const Json* arcs = topo.contains("arcs") ? &topo["arcs"] : nullptr;
  if (arcs == nullptr || !arcs->is_array()) return BadTopo("no arcs");
  double sx = 1, sy = 1, tx = 0, ty = 0;
  bool quantized = false;
  if (topo.contains("transform")) {
    const Json& t = topo["transform"];
    if (!t.contains("scale") || !t.contains("translate")) return BadTopo("bad transform");
    sx = t.at("scale").at(0).get<double>();
    sy = t.at("scale").at(1).get<double>();
    tx = t.at("translate").at(0).get<double>();
    ty = t.at("translate").at(1).get<double>();
    quantized = true;
  }
  std::vector<std::vector<LonLat>> out;
  out.reserve(arcs->size());
  for (const Json& arc : *arcs) {
    if (!arc.is_array()) return BadTopo("arc is not an array");
    std::vector<LonLat> points;
    points.reserve(arc.size());
    double x = 0, y = 0;
    for (const Json& pos : arc) {
      if (!pos.is_array() || pos.size() < 2 || !pos[0].is_number() || !pos[1].is_number()) {
        return BadTopo("bad position");
      }
      if (quantized) {  // delta-encoded integers
        x += pos[0].get<double>();
        y += pos[1].get<double>();
        points.emplace_back(x * sx + tx, y * sy + ty);
      } else {
        points.emplace_back(pos[0].get<double>(), pos[1].get<double>());
      }
    }
    out.push_back(std::move(points));
  }
  return out;
}

// The part of `ring` on one side of the meridian `lon`: the greater side when `keep_east`
// (Sutherland-Hodgman against one line).
std::vector<LonLat> ClipAtLongitude(const std::vector<LonLat>& ring, double lon, bool keep_east) {
  std::vector<LonLat> out;
  const size_t n = ring.size();
  auto inside = [&](const LonLat& p) { return keep_east ? p.first >= lon : p.first <= lon; };
  auto cross = [&](const LonLat& p, const LonLat& q) {
    const double t = (lon - p.first) / (q.first - p.first);
    return LonLat{lon, p.second + t * (q.second - p.second)};
  };
  for (size_t i = 0; i < n; ++i) {
    const LonLat& cur = ring[i];
    const LonLat& prev = ring[(i + n - 1) % n];
    if (inside(cur)) {
      if (!inside(prev)) out.push_back(cross(prev, cur));
      out.push_back(cur);
    } else if (inside(prev)) {
      out.push_back(cross(prev, cur));
    }
  }
  return out;
}

// Rings that cross the antimeridian (Fiji, Chukotka) jump by about 360 degrees of longitude
// where they cross; drawn on a plane they would streak across the whole map. Such a ring is
// unwrapped to continuous longitudes and cut at +-180 into pieces that each lie on one side.
// A ring around a pole (its unwrapped ends 360 degrees apart) is left as it is.
std::vector<std::vector<LonLat>> CutAtAntimeridian(std::vector<LonLat> ring) {
  bool jumps = false;
  for (size_t i = 1; i < ring.size(); ++i) {
    if (std::fabs(ring[i].first - ring[i - 1].first) > 180) jumps = true;
  }
  if (!jumps) return {std::move(ring)};
  std::vector<LonLat> unwrapped = ring;
  double offset = 0;
  for (size_t i = 1; i < ring.size(); ++i) {
    const double d = ring[i].first - ring[i - 1].first;
    if (d > 180) offset -= 360;
    if (d < -180) offset += 360;
    unwrapped[i].first = ring[i].first + offset;
  }
  if (std::fabs(unwrapped.back().first - unwrapped.front().first) > 180) return {std::move(ring)};
  double lo = unwrapped[0].first, hi = lo;
  for (const LonLat& p : unwrapped) {
    lo = std::min(lo, p.first);
    hi = std::max(hi, p.first);
  }
  std::vector<std::vector<LonLat>> pieces;
  for (int k = static_cast<int>(std::floor((lo + 180) / 360));
       k <= static_cast<int>(std::floor((hi + 180) / 360)); ++k) {
    const double west = -180 + 360.0 * k, east = 180 + 360.0 * k;
    std::vector<LonLat> piece =
        ClipAtLongitude(ClipAtLongitude(unwrapped, west, true), east, false);
    if (piece.size() < 3) continue;
    for (LonLat& p : piece) p.first -= 360.0 * k;
    pieces.push_back(std::move(piece));
  }
  return pieces;
}

// Stitches a ring from arc indexes; a negative index ~i means arc i reversed. Consecutive arcs
// share their end point, which is kept once. Returns the projected ring, or its pieces when it
// crosses the antimeridian.
Result<std::vector<MapRing>> Rings(const Json& indexes,
                                   const std::vector<std::vector<LonLat>>& arcs) {
  if (!indexes.is_array()) return BadTopo("ring is not an array");
  std::vector<LonLat> ring;
  for (const Json& index : indexes) {
    if (!index.is_number_integer()) return BadTopo("arc index is not an integer");
    long long i = index.get<long long>();
    bool reversed = i < 0;
    size_t k = static_cast<size_t>(reversed ? ~i : i);
    if (k >= arcs.size()) return BadTopo("arc index out of range");
    const auto& arc = arcs[k];
    size_t n = arc.size();
    for (size_t j = 0; j < n; ++j) {
      if (!ring.empty() && j == 0) continue;
      ring.push_back(arc[reversed ? n - 1 - j : j]);
    }
  }
  std::vector<MapRing> out;
  for (const auto& piece : CutAtAntimeridian(std::move(ring))) {
    MapRing projected;
    projected.reserve(piece.size());
    for (const LonLat& p : piece) projected.push_back(ProjectEqualEarth(p.first, p.second));
    out.push_back(std::move(projected));
  }
  return out;
}

double SignedArea(const MapRing& ring) {
  double a = 0;
  for (size_t i = 0, n = ring.size(); i < n; ++i) {
    const MapPoint& p = ring[i];
    const MapPoint& q = ring[(i + 1) % n];
    a += p.x * q.y - q.x * p.y;
  }
  return a / 2;
}

MapPoint Centroid(const MapRing& ring) {
  double a = 0, cx = 0, cy = 0;
  for (size_t i = 0, n = ring.size(); i < n; ++i) {
    const MapPoint& p = ring[i];
    const MapPoint& q = ring[(i + 1) % n];
    double cross = p.x * q.y - q.x * p.y;
    a += cross;
    cx += (p.x + q.x) * cross;
    cy += (p.y + q.y) * cross;
  }
  if (std::fabs(a) < 1e-12) return ring.empty() ? MapPoint{} : ring.front();
  return {cx / (3 * a), cy / (3 * a)};
}

void Finish(MapCountry& c) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  c.min = {kInf, kInf};
  c.max = {-kInf, -kInf};
  double best = -1;
  for (const MapPolygon& polygon : c.polygons) {
    for (const MapRing& ring : polygon) {
      for (const MapPoint& p : ring) {
        c.min = {std::min(c.min.x, p.x), std::min(c.min.y, p.y)};
        c.max = {std::max(c.max.x, p.x), std::max(c.max.y, p.y)};
      }
    }
    if (polygon.empty()) continue;
    double area = std::fabs(SignedArea(polygon.front()));
    if (area > best) {
      best = area;
      c.label_point = Centroid(polygon.front());
    }
  }
}

Result<std::map<std::string, std::string>> ParseIsoCsv(std::string_view csv) {
  std::map<std::string, std::string> out;
  std::istringstream in{std::string(csv)};
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (header) {
      if (line.rfind("numeric,alpha_2", 0) != 0) {
        return Status::InvalidArgument("world_map.bad_iso_csv",
                                       "iso_numeric.csv must start with numeric,alpha_2");
      }
      header = false;
      continue;
    }
    const size_t a = line.find(',');
    if (a == std::string::npos) {
      return Status::InvalidArgument("world_map.bad_iso_csv", "Bad line in iso_numeric.csv");
    }
    const size_t b = line.find(',', a + 1);
    out[line.substr(0, a)] = line.substr(a + 1, b == std::string::npos ? b : b - a - 1);
  }
  if (out.empty())
    return Status::InvalidArgument("world_map.bad_iso_csv", "iso_numeric.csv is empty");
  return out;
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::Unavailable(
        "world_map.missing",
        "Map data not found: " + path + " (run scripts/fetch-world-atlas.sh or set BSG_DATA_DIR)");
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

MapPoint ProjectEqualEarth(double lon_deg, double lat_deg) {
  const double lambda = lon_deg * kPi / 180;
  const double phi = lat_deg * kPi / 180;
  const double theta = std::asin(std::sqrt(3.0) / 2 * std::sin(phi));
  const double t2 = theta * theta;
  const double t6 = t2 * t2 * t2;
  const double x = 2 * std::sqrt(3.0) * lambda * std::cos(theta) /
                   (3 * (9 * kA4 * t6 * t2 + 7 * kA3 * t6 + 3 * kA2 * t2 + kA1));
  const double y = theta * (kA1 + kA2 * t2 + t6 * (kA3 + kA4 * t2));
  return {x, y};
}

Result<std::unique_ptr<WorldMap>> WorldMap::Parse(std::string_view topojson,
                                                  std::string_view iso_csv) {
  try {
    return ParseChecked(topojson, iso_csv);
  } catch (const Json::exception& e) {  // a value of the wrong type somewhere in the file
    return BadTopo(e.what());
  }
}

Result<std::unique_ptr<WorldMap>> WorldMap::ParseChecked(std::string_view topojson,
                                                         std::string_view iso_csv) {
  BSG_ASSIGN_OR_RETURN(auto iso, ParseIsoCsv(iso_csv));
  Json topo = Json::parse(topojson.begin(), topojson.end(), nullptr, /*allow_exceptions=*/false);
  if (topo.is_discarded() || !topo.is_object()) return BadTopo("not JSON");
  if (!topo.contains("objects") || !topo["objects"].contains("countries")) {
    return BadTopo("no countries object");
  }
  BSG_ASSIGN_OR_RETURN(auto arcs, DecodeArcs(topo));
  const Json& countries = topo["objects"]["countries"];
  if (!countries.is_object() || !countries.contains("geometries") ||
      !countries["geometries"].is_array()) {
    return BadTopo("no geometries");
  }
  const Json& geometries = countries["geometries"];

  auto map = std::make_unique<WorldMap>();
  for (const Json& g : geometries) {
    if (!g.is_object() || !g.contains("type")) return BadTopo("bad geometry");
    MapCountry c;
    if (g.contains("id") && g["id"].is_string()) c.numeric = g["id"].get<std::string>();
    if (g.contains("properties") && g["properties"].is_object() &&
        g["properties"].contains("name") && g["properties"]["name"].is_string()) {
      c.name = g["properties"]["name"].get<std::string>();
    }
    auto it = iso.find(c.numeric);
    if (it != iso.end()) c.alpha2 = it->second;

    const std::string type = g["type"].is_string() ? g["type"].get<std::string>() : "";
    if ((type == "Polygon" || type == "MultiPolygon") && !g.contains("arcs")) {
      return BadTopo("geometry without arcs");
    }
    std::vector<const Json*> polygons;
    if (type == "Polygon") {
      polygons.push_back(&g["arcs"]);
    } else if (type == "MultiPolygon") {
      if (!g["arcs"].is_array()) return BadTopo("bad MultiPolygon");
      for (const Json& p : g["arcs"]) polygons.push_back(&p);
    } else {
      continue;  // null geometries and points carry no shape
    }
    for (const Json* p : polygons) {
      if (!p->is_array()) return BadTopo("polygon is not an array");
      MapPolygon polygon;
      for (const Json& r : *p) {
        BSG_ASSIGN_OR_RETURN(std::vector<MapRing> rings, Rings(r, arcs));
        for (MapRing& ring : rings) {
          if (ring.size() >= 3) polygon.push_back(std::move(ring));
        }
      }
      if (!polygon.empty()) c.polygons.push_back(std::move(polygon));
    }
    if (c.polygons.empty()) continue;
    Finish(c);
    if (!c.alpha2.empty()) map->by_alpha2_[c.alpha2] = map->countries_.size();
    map->countries_.push_back(std::move(c));
  }
  if (map->countries_.empty()) return BadTopo("no countries");
  return map;
}

const MapCountry* WorldMap::Find(std::string_view alpha2) const {
  auto it = by_alpha2_.find(alpha2);
  return it == by_alpha2_.end() ? nullptr : &countries_[it->second];
}

std::string DefaultDataDir() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("BSG_DATA_DIR"); env != nullptr && *env != '\0') return env;
  std::vector<fs::path> candidates = {fs::path("data")};
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n > 0) {
    buf[n] = '\0';
    const fs::path bin = fs::path(buf).parent_path();
    candidates.push_back(bin / "data");
    candidates.push_back(bin.parent_path() / "data");
    candidates.push_back(bin.parent_path() / "share" / "bsg" / "data");
  }
  for (const fs::path& c : candidates) {
    std::error_code ec;
    if (fs::exists(c / "world" / "countries-110m.json", ec)) return c.string();
  }
  return "data";
}

Result<const WorldMap*> LoadWorldMap(const std::string& data_dir) {
  // Maps are never freed: a handful of folders per process at most, and renderers on other
  // threads may hold pointers until exit.
  static std::mutex mu;
  static auto* cache = new std::map<std::string, std::unique_ptr<WorldMap>>();
  const std::string dir = data_dir.empty() ? DefaultDataDir() : data_dir;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache->find(dir);
  if (it != cache->end()) return static_cast<const WorldMap*>(it->second.get());
  BSG_ASSIGN_OR_RETURN(std::string topo, ReadFile(dir + "/world/countries-110m.json"));
  BSG_ASSIGN_OR_RETURN(std::string iso, ReadFile(dir + "/world/iso_numeric.csv"));
  BSG_ASSIGN_OR_RETURN(std::unique_ptr<WorldMap> map, WorldMap::Parse(topo, iso));
  const WorldMap* result = map.get();
  (*cache)[dir] = std::move(map);
  return result;
}

MapFrame FitMap(const WorldMap& map, const Box& box, bool antarctica) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  MapPoint lo{kInf, kInf}, hi{-kInf, -kInf};
  for (const MapCountry& c : map.countries()) {
    if (!antarctica && c.numeric == kAntarcticaNumeric) continue;
    lo = {std::min(lo.x, c.min.x), std::min(lo.y, c.min.y)};
    hi = {std::max(hi.x, c.max.x), std::max(hi.y, c.max.y)};
  }
  MapFrame f;
  if (!(hi.x > lo.x) || !(hi.y > lo.y)) return f;
  f.scale = std::min(box.w / (hi.x - lo.x), box.h / (hi.y - lo.y));
  f.offset_x = box.x + (box.w - (hi.x - lo.x) * f.scale) / 2 - lo.x * f.scale;
  f.offset_y = box.y + (box.h - (hi.y - lo.y) * f.scale) / 2 + hi.y * f.scale;
  f.width = (hi.x - lo.x) * f.scale;
  f.height = (hi.y - lo.y) * f.scale;
  return f;
}

}  // namespace bsg::render
