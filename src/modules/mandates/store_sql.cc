// The mandates module's SQL.
#include "modules/mandates/store.h"

namespace bsg::mandates {
namespace {

constexpr std::string_view kSelectResolutions =
    "SELECT code, conference, number, revision, title FROM resolution ORDER BY conference, number";
constexpr std::string_view kSelectProgrammes =
    "SELECT number, title, resolution_code FROM programme ORDER BY number";
constexpr std::string_view kSelectPillars =
    "SELECT code, letter, name, description FROM pillar ORDER BY letter";

}  // namespace

Result<std::vector<Resolution>> Store::Resolutions(db::Session& s) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(kSelectResolutions));
  std::vector<Resolution> out;
  for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Int(2), r.Text(3), r.Text(4)});
  return out;
}

Result<std::vector<Programme>> Store::Programmes(db::Session& s) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(kSelectProgrammes));
  std::vector<Programme> out;
  for (const auto& r : rows) out.push_back({r.Int(0), r.Text(1), r.Text(2)});
  return out;
}

Result<std::vector<Pillar>> Store::Pillars(db::Session& s) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(kSelectPillars));
  std::vector<Pillar> out;
  for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3)});
  return out;
}

}  // namespace bsg::mandates
