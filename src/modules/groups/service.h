// The groups module's use cases: study periods, groups and their management positions, the
// representation table, the positions import and export, and the demo management teams. Each runs
// in one database transaction; a change records its audit event (platform/audit.h) in that same
// transaction, so both commit or neither. The HTTP handlers (api.cc) decode, call one of these
// and encode.
//
// Thread-safety: GroupsService holds only a reference to the database; safe from any thread.
#ifndef BSG_MODULES_GROUPS_SERVICE_H_
#define BSG_MODULES_GROUPS_SERVICE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/groups/model.h"
#include "modules/groups/store.h"
#include "modules/registry/store.h"
#include "modules/registry/transfer.h"
#include "platform/audit.h"
#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::groups {

// A group with the regional groups under it.
struct GroupDetail {
  Group group;
  std::vector<Group> regional_groups;
};

// A period's representation, and optionally another's to compare with.
struct RepresentationComparison {
  PeriodRepresentation current;
  std::optional<PeriodRepresentation> previous;
};

class GroupsService {
 public:
  explicit GroupsService(db::Database& db) : db_(db) {}

  Result<std::vector<StudyPeriod>> Periods();
  // Groups of a period and/or kind (all when nullopt).
  Result<std::vector<Group>> ListGroups(const std::optional<std::string>& period,
                                        const std::optional<std::string>& kind);
  Result<GroupDetail> GetGroup(std::int64_t id);  // NotFound group.not_found
  // Validates (Unprocessable group.invalid, also for an unknown period or parent) and stores;
  // Conflict group.duplicate.
  Result<Group> CreateGroup(const AuditActor& actor, GroupDraft draft);

  // Positions matching `filter`, with their holders' names.
  Result<registry::Page<PositionView>> ListPositions(const PositionFilter& filter);
  // The same for one group's positions: NotFound group.not_found when there is no such group.
  Result<registry::Page<PositionView>> GroupPositions(std::int64_t group_id, PositionFilter filter);
  Result<PositionView> GetPosition(std::int64_t id);  // NotFound position.not_found
  // Validates (Unprocessable position.invalid) and stores; Conflict position.duplicate.
  Result<PositionView> CreatePosition(const AuditActor& actor, PositionDraft draft,
                                      const std::string& now);
  // As CreatePosition, replacing position `id` (NotFound position.not_found).
  Result<PositionView> UpdatePosition(const AuditActor& actor, std::int64_t id, PositionDraft draft,
                                      const std::string& now);
  Status DeletePosition(const AuditActor& actor, std::int64_t id);  // NotFound position.not_found

  // The representation of study period `period`, and of `compare` when given (see
  // RepresentationFor). NotFound period.not_found.
  Result<RepresentationComparison> Representation(const std::string& period,
                                                  const std::optional<std::string>& compare);

 private:
  Result<registry::Page<PositionView>> Positions(db::Session& s, const PositionFilter& f);

  db::Database& db_;
  const Store store_;
  const registry::Store people_;
};

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
