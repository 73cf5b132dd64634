// The groups module's pure rules: validation of positions and groups, and the representation
// table (seats by developing/developed, LDC, region and gender, each with a not_stated bucket).
#ifndef BSG_MODULES_GROUPS_RULES_H_
#define BSG_MODULES_GROUPS_RULES_H_

#include <nlohmann/json.hpp>
#include <vector>

#include "modules/groups/model.h"
#include "modules/registry/model.h"
#include "platform/status.h"

namespace bsg::groups {

// Unprocessable (position.invalid) with per-field messages.
Status ValidatePosition(PositionDraft& d, const registry::ClassIndex& countries);
// Unprocessable (group.invalid) with per-field messages.
Status ValidateGroup(GroupDraft& d);

// The representation of one period from its seats as Store::SeatsByClass classifies and counts
// them (model.h, SeatClassCount): a seat without a country, or whose country has no development
// class stated on the seat's start date, is not_stated (never developed or non-LDC); a seat
// without a stated gender is not_stated in the gender breakdown.
PeriodRepresentation Represent(const StudyPeriod& period, const std::vector<SeatClassCount>& seats);

// {period, seats, breakdowns: {name: [{bucket, count, share}]}, by_role: {...}}; shares are
// count / seats rounded to 4 decimals (0 when there are no seats).
nlohmann::json ToJson(const PeriodRepresentation& r);
// Share changes, in percentage points, of `current` against `previous`, bucket by bucket.
nlohmann::json Compare(const PeriodRepresentation& current, const PeriodRepresentation& previous);

}  // namespace bsg::groups

#endif  // BSG_MODULES_GROUPS_RULES_H_
