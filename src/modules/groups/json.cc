// See json.h.
#include "modules/groups/json.h"

#include <cstdint>
#include <optional>
#include <string>

namespace bsg::groups {
namespace {

using nlohmann::json;

json Opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }
json Opt(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

json ToJson(const StudyPeriod& p) {
  return {{"id", p.id},
          {"code", p.code},
          {"start_date", p.start_date},
          {"end_date", p.end_date},
          {"note", p.note}};
}

json ToJson(const Group& g) {
  return {{"id", g.id},
          {"period", g.period},
          {"kind", g.kind},
          {"code", g.code},
          {"sg_number", Opt(g.sg_number)},
          {"parent_id", Opt(g.parent_id)},
          {"region", Opt(g.region)},
          {"title", g.title},
          {"source", g.source}};
}

json ToJson(const PositionView& v) {
  const Position& p = v.position;
  return {{"id", p.id},
          {"group_id", p.group_id},
          {"group", p.group_code},
          {"period", p.period},
          {"person_id", p.person_id},
          {"person_name", Opt(v.person_name)},
          {"role", p.role},
          {"country", Opt(p.country)},
          {"start_date", p.start_date},
          {"end_date", Opt(p.end_date)},
          {"note", p.note},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}

}  // namespace bsg::groups
