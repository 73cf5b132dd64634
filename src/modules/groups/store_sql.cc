// The groups module's SQL. Values are always bound; only fixed fragments are assembled.
#include <map>
#include <string>
#include <string_view>

#include "modules/groups/store.h"
#include "platform/db/versioned_cache.h"

namespace bsg::groups {
namespace {

constexpr std::string_view kSelectPeriods =
    "SELECT id, code, start_date, end_date, note FROM study_period";
constexpr std::string_view kSelectGroups =
    "SELECT g.id, g.period_id, p.code, g.kind, g.code, g.sg_number, g.parent_id, g.region, "
    "g.title, g.source FROM itu_group g JOIN study_period p ON p.id = g.period_id";
constexpr std::string_view kGroupsOrder =
    " ORDER BY p.start_date, CASE g.kind WHEN 'tsag' THEN 0 WHEN 'study_group' THEN 1 ELSE 2 "
    "END, g.sg_number, g.code";
constexpr std::string_view kInsertGroup =
    "INSERT INTO itu_group (period_id, kind, code, sg_number, parent_id, region, title, source) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, '') RETURNING id";
constexpr std::string_view kSelectPositions =
    "SELECT pos.id, pos.group_id, g.code, p.code, pos.person_id, pos.role, pos.country, "
    "pos.start_date, pos.end_date, pos.note, pos.created_at, pos.updated_at FROM group_position "
    "pos JOIN itu_group g ON g.id = pos.group_id JOIN study_period p ON p.id = g.period_id";
constexpr std::string_view kCountPositions =
    "SELECT COUNT(*) FROM group_position pos JOIN itu_group g ON g.id = pos.group_id "
    "JOIN study_period p ON p.id = g.period_id";
constexpr std::string_view kAllPositionsOrder =
    " ORDER BY p.start_date, g.code, pos.role, pos.start_date, pos.id";
constexpr std::string_view kInsertPosition =
    "INSERT INTO group_position (group_id, person_id, role, country, start_date, end_date, note, "
    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kUpdatePosition =
    "UPDATE group_position SET group_id = ?, person_id = ?, role = ?, country = ?, "
    "start_date = ?, end_date = ?, note = ?, updated_at = ? WHERE id = ?";
constexpr std::string_view kDeletePosition = "DELETE FROM group_position WHERE id = ?";
constexpr std::string_view kMovePositions =
    "UPDATE group_position SET person_id = ? WHERE person_id = ?";
// Seats classified (model.h, SeatClassCount). A seat's country is the position's own, else the
// holder's (the survivor's, for a merged-away holder); its classes are taken on the seat's start
// date from the registry's published views (periods are half-open). A country with neither a
// developing nor a developed period on that day is not stated, as is a seat with no country.
constexpr std::string_view kSeatsByClass =
    "SELECT role, group_kind, development, ldc, region, gender, COUNT(*) FROM ("
    "SELECT gp.role, g.kind AS group_kind, "
    "CASE WHEN c.iso2 IS NULL THEN 'not_stated' "
    "WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2 "
    "AND cc.class = 'developing' "
    "AND (cc.since_effective IS NULL OR cc.since_effective <= gp.start_date) "
    "AND (cc.until_effective IS NULL OR gp.start_date < cc.until_effective)) THEN 'developing' "
    "WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2 "
    "AND cc.class = 'developed' "
    "AND (cc.since_effective IS NULL OR cc.since_effective <= gp.start_date) "
    "AND (cc.until_effective IS NULL OR gp.start_date < cc.until_effective)) THEN 'developed' "
    "ELSE 'not_stated' END AS development, "
    "CASE WHEN c.iso2 IS NULL THEN 'not_stated' "
    "WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2 "
    "AND cc.class = 'ldc' "
    "AND (cc.since_effective IS NULL OR cc.since_effective <= gp.start_date) "
    "AND (cc.until_effective IS NULL OR gp.start_date < cc.until_effective)) THEN 'ldc' "
    "ELSE 'non_ldc' END AS ldc, "
    "COALESCE(c.region, 'not_stated') AS region, "
    "CASE WHEN pf.gender IN ('female', 'male', 'other') THEN pf.gender ELSE 'not_stated' END "
    "AS gender "
    "FROM group_position gp "
    "JOIN itu_group g ON g.id = gp.group_id "
    "JOIN registry_person_facts pf ON pf.person_id = gp.person_id "
    "LEFT JOIN registry_country c ON c.iso2 = COALESCE(gp.country, pf.country) "
    "WHERE g.period_id = ?) seat "
    "GROUP BY role, group_kind, development, ldc, region, gender "
    "ORDER BY role, group_kind, development, ldc, region, gender";

const std::vector<std::string> kPositionColumns = {"group_id", "person_id",  "role",
                                                   "country",  "start_date", "end_date",
                                                   "note",     "created_at", "updated_at"};

struct SortOption {
  std::string_view key;
  std::string_view order_by;
};
constexpr SortOption kPositionSorts[] = {
    {"start_date", " ORDER BY pos.start_date, pos.id"},
    {"-start_date", " ORDER BY pos.start_date DESC, pos.id DESC"},
    {"group", " ORDER BY g.code, pos.role, pos.start_date, pos.id"},
    {"role", " ORDER BY pos.role, g.code, pos.id"},
    {"id", " ORDER BY pos.id"}};

StudyPeriod ToPeriod(const db::Row& r) {
  return {r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)};
}

Group ToGroup(const db::Row& r) {
  Group g;
  g.id = r.Int(0);
  g.period_id = r.Int(1);
  g.period = r.Text(2);
  g.kind = r.Text(3);
  g.code = r.Text(4);
  g.sg_number = r.OptInt(5);
  g.parent_id = r.OptInt(6);
  g.region = r.OptText(7);
  g.title = r.Text(8);
  g.source = r.Text(9);
  return g;
}

Position ToPosition(const db::Row& r) {
  Position p;
  p.id = r.Int(0);
  p.group_id = r.Int(1);
  p.group_code = r.Text(2);
  p.period = r.Text(3);
  p.person_id = r.Int(4);
  p.role = r.Text(5);
  p.country = r.OptText(6);
  p.start_date = r.Text(7);
  p.end_date = r.OptText(8);
  p.note = r.Text(9);
  p.created_at = r.Text(10);
  p.updated_at = r.Text(11);
  return p;
}

Status PositionConflict(const Status& s) {
  if (s.reason() == db::kUniqueViolation) {
    return Status::Conflict("position.duplicate",
                            "this person already holds this role in this group from that date",
                            {{"start_date", "duplicates an existing position"}});
  }
  if (s.reason() == db::kForeignKeyViolation) {
    return Status::Unprocessable("position.invalid", "the position refers to missing records",
                                 {{"person_id", "group_id, person_id and country must exist"}});
  }
  return s;
}

}  // namespace

Result<std::vector<StudyPeriod>> Store::Periods(db::Session& s) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows,
                       s.Query(std::string(kSelectPeriods) + " ORDER BY start_date"));
  std::vector<StudyPeriod> out;
  for (const auto& r : rows) out.push_back(ToPeriod(r));
  return out;
}

Result<StudyPeriod> Store::PeriodByCode(db::Session& s, const std::string& code) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows,
                       s.Query(std::string(kSelectPeriods) + " WHERE code = ?", {code}));
  if (rows.empty()) return Status::NotFound("period.not_found", "no study period " + code);
  return ToPeriod(rows.front());
}

Result<std::vector<Group>> Store::ListGroups(db::Session& s,
                                             const std::optional<std::string>& period,
                                             const std::optional<std::string>& kind) const {
  std::string sql(kSelectGroups);
  sql += " WHERE 1 = 1";
  db::Params params;
  if (period) {
    sql += " AND p.code = ?";
    params.emplace_back(*period);
  }
  if (kind) {
    sql += " AND g.kind = ?";
    params.emplace_back(*kind);
  }
  sql += kGroupsOrder;
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(sql, params));
  std::vector<Group> out;
  for (const auto& r : rows) out.push_back(ToGroup(r));
  return out;
}

Result<Group> Store::GetGroup(db::Session& s, std::int64_t id) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows,
                       s.Query(std::string(kSelectGroups) + " WHERE g.id = ?", {id}));
  if (rows.empty()) return Status::NotFound("group.not_found", "no group with this id");
  return ToGroup(rows.front());
}

Result<std::shared_ptr<const std::map<std::int64_t, Group>>> Store::GroupsById(
    db::Session& s) const {
  using ById = std::map<std::int64_t, Group>;
  static db::VersionedCache<ById> cache("groups");
  return cache.Get(s, [this](db::Session& session) -> Result<ById> {
    BSG_ASSIGN_OR_RETURN(std::vector<Group> all, ListGroups(session, std::nullopt, std::nullopt));
    ById out;
    for (Group& g : all) out.emplace(g.id, std::move(g));
    return out;
  });
}

Result<std::optional<Group>> Store::FindGroup(db::Session& s, const std::string& period,
                                              const std::string& code) const {
  BSG_ASSIGN_OR_RETURN(
      db::Rows rows,
      s.Query(std::string(kSelectGroups) + " WHERE p.code = ? AND g.code = ?", {period, code}));
  if (rows.empty()) return std::optional<Group>();
  return std::optional<Group>(ToGroup(rows.front()));
}

Result<std::int64_t> Store::CreateGroup(db::Session& s, std::int64_t period_id, const GroupDraft& d,
                                        std::optional<std::int64_t> parent_id) const {
  auto row = s.QueryOne(kInsertGroup,
                        {period_id, d.kind, d.code, d.sg_number, parent_id, d.region, d.title});
  if (!row.ok()) {
    if (row.status().reason() == db::kUniqueViolation) {
      return Status::Conflict("group.duplicate", "this period already has a group with this code",
                              {{"code", "already exists in this study period"}});
    }
    return row.status();
  }
  return row->Int(0);
}

Result<registry::Page<Position>> Store::ListPositions(db::Session& s,
                                                      const PositionFilter& f) const {
  std::string_view order;
  for (const auto& o : kPositionSorts) {
    if (o.key == f.sort) order = o.order_by;
  }
  if (order.empty()) {
    return Status::InvalidArgument(
        "request.bad_sort", "unknown sort order",
        {{"sort", "must be one of start_date, -start_date, group, role, id"}});
  }
  std::string where = " WHERE 1 = 1";
  db::Params params;
  if (f.period) {
    where += " AND p.code = ?";
    params.emplace_back(*f.period);
  }
  if (f.group_id) {
    where += " AND pos.group_id = ?";
    params.emplace_back(*f.group_id);
  }
  if (f.person_id) {
    where += " AND pos.person_id = ?";
    params.emplace_back(*f.person_id);
  }
  if (f.role) {
    where += " AND pos.role = ?";
    params.emplace_back(*f.role);
  }
  registry::Page<Position> page;
  BSG_ASSIGN_OR_RETURN(db::Row count, s.QueryOne(std::string(kCountPositions) + where, params));
  page.total = count.Int(0);
  params.emplace_back(f.limit);
  params.emplace_back(f.offset);
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(std::string(kSelectPositions) + where +
                                                  std::string(order) + " LIMIT ? OFFSET ?",
                                              params));
  for (const auto& r : rows) page.items.push_back(ToPosition(r));
  return page;
}

Result<std::vector<Position>> Store::AllPositions(db::Session& s) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows,
                       s.Query(std::string(kSelectPositions) + std::string(kAllPositionsOrder)));
  std::vector<Position> out;
  for (const auto& r : rows) out.push_back(ToPosition(r));
  return out;
}

Result<Position> Store::GetPosition(db::Session& s, std::int64_t id) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows,
                       s.Query(std::string(kSelectPositions) + " WHERE pos.id = ?", {id}));
  if (rows.empty()) return Status::NotFound("position.not_found", "no position with this id");
  return ToPosition(rows.front());
}

Result<std::int64_t> Store::CreatePosition(db::Session& s, const PositionDraft& d,
                                           const std::string& now) const {
  auto row = s.QueryOne(kInsertPosition, {d.group_id, d.person_id, d.role, d.country, d.start_date,
                                          d.end_date, d.note, now, now});
  if (!row.ok()) return PositionConflict(row.status());
  return row->Int(0);
}

Status Store::UpdatePosition(db::Session& s, std::int64_t id, const PositionDraft& d,
                             const std::string& now) const {
  auto n = s.Exec(kUpdatePosition, {d.group_id, d.person_id, d.role, d.country, d.start_date,
                                    d.end_date, d.note, now, id});
  if (!n.ok()) return PositionConflict(n.status());
  if (*n == 0) return Status::NotFound("position.not_found", "no position with this id");
  return Status::Ok();
}

Status Store::DeletePosition(db::Session& s, std::int64_t id) const {
  BSG_ASSIGN_OR_RETURN(std::int64_t n, s.Exec(kDeletePosition, {id}));
  if (n == 0) return Status::NotFound("position.not_found", "no position with this id");
  return Status::Ok();
}

Status Store::BulkInsertPositions(db::Session& s, const std::vector<PositionDraft>& drafts,
                                  const std::string& now) const {
  std::vector<db::Params> rows;
  rows.reserve(drafts.size());
  for (const auto& d : drafts) {
    rows.push_back(
        {d.group_id, d.person_id, d.role, d.country, d.start_date, d.end_date, d.note, now, now});
  }
  Status st = s.BulkInsert("group_position", kPositionColumns, rows);
  return st.ok() ? st : PositionConflict(st);
}

Status Store::MovePositions(db::Session& s, std::int64_t from, std::int64_t into) const {
  return s.Exec(kMovePositions, {into, from}).status();
}

Result<std::vector<SeatClassCount>> Store::SeatsByClass(db::Session& s,
                                                        std::int64_t period_id) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(kSeatsByClass, {period_id}));
  std::vector<SeatClassCount> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Int(6)});
  }
  return out;
}

Result<std::vector<RoleClassCount>> Store::StudyGroupSeatsByClass(db::Session& s,
                                                                  std::int64_t period_id) const {
  BSG_ASSIGN_OR_RETURN(std::vector<SeatClassCount> seats, SeatsByClass(s, period_id));
  std::map<std::pair<std::string, std::string>, std::int64_t> counts;
  for (const auto& seat : seats) {
    if (seat.group_kind == "study_group") counts[{seat.role, seat.development}] += seat.count;
  }
  std::vector<RoleClassCount> out;
  for (const auto& [key, n] : counts) out.push_back({key.first, key.second, n});
  return out;
}

// ---- bulk loading for generated data

namespace {

constexpr std::string_view kMaxPositionId = "SELECT COALESCE(MAX(id), 0) FROM group_position";
// PostgreSQL: the next id handed out is the largest one plus one.
constexpr std::string_view kAdvancePositionSequence =
    "SELECT setval(pg_get_serial_sequence('group_position', 'id'), "
    "COALESCE((SELECT MAX(id) FROM group_position), 0) + 1, false)";

}  // namespace

Result<std::int64_t> Store::MaxPositionId(db::Session& s) const {
  BSG_ASSIGN_OR_RETURN(db::Row row, s.QueryOne(kMaxPositionId, {}));
  return row.Int(0);
}

Status Store::BulkLoadPositions(db::Session& s, const std::vector<Position>& rows) const {
  static const std::vector<std::string> columns = [] {
    std::vector<std::string> c{"id"};
    c.insert(c.end(), kPositionColumns.begin(), kPositionColumns.end());
    return c;
  }();
  std::vector<db::Params> values;
  values.reserve(rows.size());
  for (const auto& p : rows) {
    values.push_back({p.id, p.group_id, p.person_id, p.role, p.country, p.start_date, p.end_date,
                      p.note, p.created_at, p.updated_at});
  }
  Status st = s.BulkInsert("group_position", columns, values);
  return st.ok() ? st : PositionConflict(st);
}

Status Store::AdvanceIdSequences(db::Session& s) const {
  if (s.kind() != db::Kind::kPostgres) return Status::Ok();
  return s.Query(kAdvancePositionSequence).status();
}

}  // namespace bsg::groups
