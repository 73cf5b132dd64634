// The groups module's records: study periods, groups (Study Groups, TSAG, regional groups) and
// the management positions people hold in them, and the representation table computed from
// them. Plain values.
#ifndef BSG_MODULES_GROUPS_MODEL_H_
#define BSG_MODULES_GROUPS_MODEL_H_

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bsg::groups {

inline constexpr std::array<std::string_view, 5> kRoles = {"chair", "vice_chair", "wp_chair",
                                                           "rapporteur", "associate_rapporteur"};
inline constexpr std::array<std::string_view, 3> kGroupKinds = {"study_group", "tsag",
                                                                "regional_group"};

struct StudyPeriod {
  std::int64_t id = 0;
  std::string code;  // "2017-2020"
  std::string start_date;
  std::string end_date;
  std::string note;
};

struct Group {
  std::int64_t id = 0;
  std::int64_t period_id = 0;
  std::string period;  // code, joined
  std::string kind;
  std::string code;  // "SG13", "TSAG", "SG13RG-AFR"
  std::optional<std::int64_t> sg_number;
  std::optional<std::int64_t> parent_id;
  std::optional<std::string> region;
  std::string title;
  std::string source;
};

struct GroupDraft {
  std::string period;  // study period code
  std::string kind;
  std::string code;
  std::optional<std::int64_t> sg_number;
  std::optional<std::string> parent;  // code of the parent SG in the same period
  std::optional<std::string> region;
  std::string title;
};

struct Position {
  std::int64_t id = 0;
  std::int64_t group_id = 0;
  std::string group_code;  // joined
  std::string period;      // joined
  std::int64_t person_id = 0;
  std::string role;
  std::optional<std::string> country;  // the country represented; nullopt: the person's
  std::string start_date;
  std::optional<std::string> end_date;
  std::string note;
  std::string created_at;
  std::string updated_at;
};

// A position with its holder's display name, as answers and audit events show it (nullopt when
// the name is not looked up or the person is gone).
struct PositionView {
  Position position;
  std::optional<std::string> person_name;
};

struct PositionDraft {
  std::int64_t group_id = 0;
  std::int64_t person_id = 0;
  std::string role;
  std::optional<std::string> country;
  std::string start_date;
  std::optional<std::string> end_date;
  std::string note;
};

struct PositionFilter {
  std::optional<std::string> period;
  std::optional<std::int64_t> group_id;
  std::optional<std::int64_t> person_id;
  std::optional<std::string> role;
  std::string sort = "start_date";
  std::int64_t limit = 50;
  std::int64_t offset = 0;
};

// Seats of a study period counted by what statistics see of them: the role, the group's kind,
// and the holder's country (the position's, else the person's; a merged-away holder counts as the
// survivor) classified on the position's start date, and gender. Each bucket is a value or
// "not_stated": development developing | developed | not_stated (no country, or no development
// class stated for it that day); ldc ldc | non_ldc | not_stated (no country); region an ITU-D
// region | not_stated; gender female | male | other | not_stated.
struct SeatClassCount {
  std::string role;
  std::string group_kind;
  std::string development;
  std::string ldc;
  std::string region;
  std::string gender;
  std::int64_t count = 0;
};

// Counts per bucket; `not_stated` is always present.
struct Breakdown {
  std::vector<std::pair<std::string, std::int64_t>> buckets;  // in display order
};

struct PeriodRepresentation {
  StudyPeriod period;
  std::int64_t seats = 0;
  std::map<std::string, Breakdown> breakdowns;  // development, ldc, region, gender
  std::map<std::string, Breakdown> by_role;     // role -> development breakdown
};

}  // namespace bsg::groups

#endif  // BSG_MODULES_GROUPS_MODEL_H_
