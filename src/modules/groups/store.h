// The groups module's storage (SQL in store_sql.cc only). Errors: NotFound period.not_found,
// group.not_found, position.not_found; Conflict position.duplicate / group.duplicate; other db.*
// errors as reported.
//
// Thread-safety: stateless; safe to share.
#ifndef BSG_MODULES_GROUPS_STORE_H_
#define BSG_MODULES_GROUPS_STORE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "modules/groups/model.h"
#include "modules/registry/model.h"
#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::groups {

// Seats of a study period's Study Group management teams, by role and by the holder's country
// class on the seat's start date: developing | developed | not_stated (see SeatClassCount).
struct RoleClassCount {
  std::string role;
  std::string development;
  std::int64_t count = 0;
};

class Store {
 public:
  Store() {}
  Result<std::vector<StudyPeriod>> Periods(db::Session& s) const;
  Result<StudyPeriod> PeriodByCode(db::Session& s, const std::string& code) const;

  Result<std::vector<Group>> ListGroups(db::Session& s, const std::optional<std::string>& period,
                                        const std::optional<std::string>& kind) const;
  Result<Group> GetGroup(db::Session& s, std::int64_t id) const;
  // Every group by id, held in memory while the groups' data version stays the same
  // (db::VersionedCache): one indexed read when nothing changed.
  Result<std::shared_ptr<const std::map<std::int64_t, Group>>> GroupsById(db::Session& s) const;
  Result<std::optional<Group>> FindGroup(db::Session& s, const std::string& period,
                                         const std::string& code) const;
  Result<std::int64_t> CreateGroup(db::Session& s, std::int64_t period_id, const GroupDraft& d,
                                   std::optional<std::int64_t> parent_id) const;

  Result<registry::Page<Position>> ListPositions(db::Session& s, const PositionFilter& f) const;
  // Every position, by period, group, role, start date.
  Result<std::vector<Position>> AllPositions(db::Session& s) const;
  Result<Position> GetPosition(db::Session& s, std::int64_t id) const;
  Result<std::int64_t> CreatePosition(db::Session& s, const PositionDraft& d,
                                      const std::string& now) const;
  Status UpdatePosition(db::Session& s, std::int64_t id, const PositionDraft& d,
                        const std::string& now) const;
  Status DeletePosition(db::Session& s, std::int64_t id) const;
  Status BulkInsertPositions(db::Session& s, const std::vector<PositionDraft>& drafts,
                             const std::string& now) const;
  // Moves every position of person `from` to `into` (person merge).
  Status MovePositions(db::Session& s, std::int64_t from, std::int64_t into) const;

  // The seats (positions in its groups) of a study period, classified and counted in SQL over
  // the registry's published views: the one implementation of the management-team statistics.
  Result<std::vector<SeatClassCount>> SeatsByClass(db::Session& s, std::int64_t period_id) const;
  // The seats of a study period's Study Group (kind study_group) management teams by role and
  // development class: SeatsByClass summed.
  Result<std::vector<RoleClassCount>> StudyGroupSeatsByClass(db::Session& s,
                                                             std::int64_t period_id) const;

  // ---- bulk loading for generated data (bsg seed --synthetic): rows written as given, ids
  // chosen by the caller, in the caller's transaction, no rules checked, no audit. The caller
  // picks ids above MaxPositionId, loads in batches of its choosing, then calls
  // AdvanceIdSequences so that later inserts get ids above the loaded ones.
  // The largest position id in use (0 when there is none).
  Result<std::int64_t> MaxPositionId(db::Session& s) const;
  // Positions with their ids and timestamps (the joined group_code and period are ignored).
  // Conflict position.duplicate as BulkInsertPositions.
  Status BulkLoadPositions(db::Session& s, const std::vector<Position>& rows) const;
  // Moves the position id sequence past the largest id (PostgreSQL); nothing on SQLite, where
  // the next id already follows the largest.
  Status AdvanceIdSequences(db::Session& s) const;
};

}  // namespace bsg::groups

#endif  // BSG_MODULES_GROUPS_STORE_H_
