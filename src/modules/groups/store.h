// The groups module's storage (SQL in store_sql.cc only). Errors: NotFound period.not_found,
// group.not_found, position.not_found; Conflict position.duplicate / group.duplicate; other db.*
// errors as reported.
//
// Thread-safety: stateless; safe to share.
#ifndef BSG_MODULES_GROUPS_STORE_H_
#define BSG_MODULES_GROUPS_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/groups/model.h"
#include "modules/registry/model.h"
#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::groups {

// A seat as read, before the holder's details are joined in.
struct SeatRow {
  std::string role;
  std::string group_kind;
  std::string start_date;
  std::optional<std::string> country;  // the position's own country
  std::int64_t person_id = 0;
};

// Seats of a study period's Study Group management teams, by role and by the holder's country
// class on the seat's start date: developing | developed | not_stated (no country).
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

  // The seats of a study period (positions in its groups).
  Result<std::vector<SeatRow>> Seats(db::Session& s, std::int64_t period_id) const;
  // The seats of a study period's Study Group (kind study_group) management teams by role and by
  // the holder's country class on the seat's start date, counted in SQL (reports at scale).
  Result<std::vector<RoleClassCount>> StudyGroupSeatsByClass(db::Session& s,
                                                             std::int64_t period_id) const;
};

}  // namespace bsg::groups

#endif  // BSG_MODULES_GROUPS_STORE_H_
