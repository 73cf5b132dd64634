// The groups module's JSON shapes: study periods, groups and positions as the API returns them
// and as audit events record them. (The representation table's is rules.h's ToJson.)
#ifndef BSG_MODULES_GROUPS_JSON_H_
#define BSG_MODULES_GROUPS_JSON_H_

#include <nlohmann/json.hpp>

#include "modules/groups/model.h"

namespace bsg::groups {

// {id, code, start_date, end_date, note}
nlohmann::json ToJson(const StudyPeriod& p);
// {id, period, kind, code, sg_number, parent_id, region, title, source}; absent values null.
nlohmann::json ToJson(const Group& g);
// {id, group_id, group, period, person_id, person_name, role, country, start_date, end_date,
// note, created_at, updated_at}; absent values null.
nlohmann::json ToJson(const PositionView& p);

}  // namespace bsg::groups

#endif  // BSG_MODULES_GROUPS_JSON_H_
