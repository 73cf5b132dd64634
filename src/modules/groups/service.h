// Groups use cases that span stores: the representation table, the positions import and export,
// and the demo management teams.
#ifndef BSG_MODULES_GROUPS_SERVICE_H_
#define BSG_MODULES_GROUPS_SERVICE_H_

#include <string>
#include <vector>

#include "modules/groups/model.h"
#include "modules/identity/audit.h"
#include "modules/registry/transfer.h"
#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::groups {

// The representation of study period `period` (a code such as "2017-2020"): every position in
// the period's groups, its holder's country (the position's, else the person's; a merged-away
// holder's survivor is used) classified on the position's start date. NotFound period.not_found.
Result<PeriodRepresentation> RepresentationFor(db::Session& s, const std::string& period);

// Registers the "positions" transfer kind (import and export) and the person merge and export
// hooks of this module.
void RegisterGroupsHooks();

// Loads demo management teams for 2013-2016 and 2017-2020: made-up people (names visibly made
// up, @example.org emails) spread across country classes so that developing-country
// representation grows between the periods, some with gender not stated and a few with no
// country. Idempotent: a second run adds nothing.
Status SeedDemoTeams(db::Database& db);

}  // namespace bsg::groups

#endif  // BSG_MODULES_GROUPS_SERVICE_H_
