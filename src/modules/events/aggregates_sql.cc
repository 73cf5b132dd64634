// The SQL of events/aggregates.h (SQLite and PostgreSQL; `?` placeholders, values always bound).
#include <algorithm>
#include <map>
#include <string>

#include "modules/events/aggregates.h"

namespace bsg::events {
namespace {

// Every window condition is the overlap test of stats.h:
// start_date <= until AND end_date >= since.

constexpr std::string_view kCountEvents =
    "SELECT kind, status, COUNT(*) FROM event "
    "WHERE start_date <= ? AND end_date >= ? GROUP BY kind, status";

constexpr std::string_view kEventIds =
    "SELECT id FROM event WHERE start_date <= ? AND end_date >= ? AND kind = ?";
constexpr std::string_view kEventIdsStatus = " AND status = ?";
constexpr std::string_view kEventIdsOrder = " ORDER BY start_date, id LIMIT ?";

constexpr std::string_view kHeldByCountry =
    "SELECT country, COUNT(*) FROM event "
    "WHERE start_date <= ? AND end_date >= ? AND status = 'held' AND kind IN (";

constexpr std::string_view kHeldEventsOfWindow =
    "SELECT COUNT(*), "
    "COALESCE(SUM(CASE WHEN mode IN ('hybrid', 'virtual') THEN 1 ELSE 0 END), 0) "
    "FROM event WHERE start_date <= ? AND end_date >= ? AND status = 'held'";

constexpr std::string_view kParticipationByMode =
    "SELECT a.mode, COUNT(DISTINCT a.registration_id), COUNT(DISTINCT r.event_id) "
    "FROM event e "
    "JOIN event_registration r ON r.event_id = e.id "
    "JOIN event_attendance a ON a.registration_id = r.id "
    "WHERE e.start_date <= ? AND e.end_date >= ? AND e.status <> 'cancelled' "
    "AND r.status NOT IN ('cancelled', 'waitlisted') "
    "GROUP BY a.mode";

constexpr std::string_view kParticipationByMonth =
    "SELECT substr(a.day, 1, 7), a.mode, COUNT(DISTINCT a.registration_id) "
    "FROM event_attendance a WHERE a.day >= ? AND a.day <= ? "
    "GROUP BY substr(a.day, 1, 7), a.mode ORDER BY 1, 2";

// One row per trained person (the survivor of a merge), with that person's country and
// organization.
constexpr std::string_view kTrainees =
    "SELECT DISTINCT COALESCE(s.id, p.id) AS pid, "
    "CASE WHEN s.id IS NULL THEN p.country ELSE s.country END AS country, "
    "CASE WHEN s.id IS NULL THEN p.organization_id ELSE s.organization_id END AS org "
    "FROM event e "
    "JOIN event_registration r ON r.event_id = e.id "
    "JOIN person p ON p.id = r.person_id "
    "LEFT JOIN person s ON s.id = p.merged_into "
    "WHERE e.kind = 'bsg_training' AND e.start_date <= ? AND e.end_date >= ? "
    "AND r.status = 'attended' AND r.role = 'delegate'";
constexpr std::string_view kTrainedTotals =
    "SELECT COUNT(*), COUNT(DISTINCT t.country), COUNT(DISTINCT t.org), "
    "COALESCE(SUM(CASE WHEN t.country IS NULL THEN 1 ELSE 0 END), 0), "
    "COALESCE(SUM(CASE WHEN t.org IS NULL THEN 1 ELSE 0 END), 0) FROM (";
constexpr std::string_view kTrainingsWithTrainees =
    "SELECT COUNT(DISTINCT e.id) FROM event e "
    "JOIN event_registration r ON r.event_id = e.id "
    "WHERE e.kind = 'bsg_training' AND e.start_date <= ? AND e.end_date >= ? "
    "AND r.status = 'attended' AND r.role = 'delegate'";

constexpr std::string_view kListedEventColumns =
    "SELECT e.id, e.kind, e.title, e.start_date, e.end_date, e.date_precision, e.city, "
    "e.country, e.status, e.mode, pe.kind, pe.title "
    "FROM event e LEFT JOIN event pe ON pe.id = e.parent_id ";
constexpr std::string_view kTrainingsForTable =
    "WHERE e.kind = 'bsg_training' AND e.end_date >= ? "
    "AND ((e.status = 'held' AND e.start_date <= ?) "
    "OR e.status IN ('planned', 'confirmed', 'postponed')) "
    "ORDER BY e.start_date, e.id";
constexpr std::string_view kHeldEvents =
    "WHERE e.kind = ? AND e.status = 'held' AND e.start_date <= ? AND e.end_date >= ? "
    "ORDER BY e.start_date, e.id";
constexpr std::string_view kGroupsOfEvents =
    "SELECT eg.event_id, g.kind, g.code, g.title FROM event_group eg "
    "JOIN itu_group g ON g.id = eg.group_id WHERE eg.event_id IN (";

constexpr std::string_view kLatestHeldEventEnd =
    "SELECT MAX(end_date) FROM event WHERE status = 'held' AND start_date <= ?";

// Dates before any record: the lower bound of an open-ended window.
constexpr char kBeginning[] = "0001-01-01";

ListedEvent ListedFromRow(const db::Row& r) {
  ListedEvent e;
  e.id = r.Int(0);
  e.kind = r.Text(1);
  e.title = r.Text(2);
  e.start_date = r.Text(3);
  e.end_date = r.Text(4);
  e.date_precision = r.Text(5);
  e.city = r.OptText(6);
  e.country = r.OptText(7);
  e.status = r.Text(8);
  e.mode = r.Text(9);
  e.parent_kind = r.OptText(10);
  e.parent_title = r.OptText(11);
  return e;
}

// Fills the groups of `events` (at most 500 ids per statement).
Status LoadGroups(db::Session& s, std::vector<ListedEvent>& events) {
  constexpr std::size_t kChunk = 500;
  std::map<std::int64_t, ListedEvent*> by_id;
  for (auto& e : events) by_id[e.id] = &e;
  for (std::size_t start = 0; start < events.size(); start += kChunk) {
    const std::size_t end = std::min(events.size(), start + kChunk);
    std::string sql(kGroupsOfEvents);
    db::Params params;
    for (std::size_t i = start; i < end; ++i) {
      sql += i == start ? "?" : ", ?";
      params.emplace_back(events[i].id);
    }
    sql += ") ORDER BY eg.event_id, g.id";
    BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(sql, params));
    for (const auto& r : rows) {
      by_id.at(r.Int(0))->groups.push_back({r.Text(1), r.Text(2), r.Text(3)});
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<KindStatusCount>> Aggregates::CountEvents(db::Session& s,
                                                             const std::string& since,
                                                             const std::string& until) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(kCountEvents, {until, since}));
  std::vector<KindStatusCount> out;
  for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Int(2)});
  return out;
}

Result<std::vector<std::int64_t>> Aggregates::EventIds(db::Session& s, const std::string& since,
                                                       const std::string& until,
                                                       std::string_view kind,
                                                       std::optional<std::string_view> status,
                                                       int limit) const {
  std::string sql(kEventIds);
  db::Params params{until, since, kind};
  if (status) {
    sql += kEventIdsStatus;
    params.emplace_back(*status);
  }
  sql += kEventIdsOrder;
  params.emplace_back(limit);
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(sql, params));
  std::vector<std::int64_t> out;
  for (const auto& r : rows) out.push_back(r.Int(0));
  return out;
}

Result<std::vector<CountryCount>> Aggregates::HeldEventsByCountry(
    db::Session& s, const std::string& since, const std::string& until,
    const std::vector<std::string>& kinds) const {
  std::vector<CountryCount> out;
  if (kinds.empty()) return out;
  std::string sql(kHeldByCountry);
  db::Params params{until, since};
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    sql += i == 0 ? "?" : ", ?";
    params.emplace_back(kinds[i]);
  }
  sql += ") GROUP BY country ORDER BY country";
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(sql, params));
  for (const auto& r : rows) out.push_back({r.OptText(0), r.Int(1)});
  return out;
}

Result<std::optional<std::string>> Aggregates::LatestHeldEventEnd(db::Session& s,
                                                                  const std::string& today) const {
  BSG_ASSIGN_OR_RETURN(db::Row row, s.QueryOne(kLatestHeldEventEnd, {today}));
  return row.OptText(0);
}

Result<ParticipationTotals> Aggregates::Participation(db::Session& s, const std::string& since,
                                                      const std::string& until) const {
  ParticipationTotals out;
  BSG_ASSIGN_OR_RETURN(db::Row held, s.QueryOne(kHeldEventsOfWindow, {until, since}));
  out.events_held = held.Int(0);
  out.events_offering_remote = held.Int(1);
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(kParticipationByMode, {until, since}));
  for (const auto& r : rows) {
    if (r.Text(0) == "remote") {
      out.remote = r.Int(1);
      out.events_with_remote = r.Int(2);
    } else {
      out.in_person = r.Int(1);
    }
  }
  return out;
}

Result<std::vector<MonthSplit>> Aggregates::ParticipationByMonth(db::Session& s,
                                                                 const std::string& since,
                                                                 const std::string& until) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(kParticipationByMonth, {since, until}));
  std::vector<MonthSplit> out;
  for (const auto& r : rows) {
    const std::string month = r.Text(0);
    if (out.empty() || out.back().month != month) out.push_back({month, 0, 0});
    (r.Text(1) == "remote" ? out.back().remote : out.back().in_person) = r.Int(2);
  }
  return out;
}

Result<TrainingTotals> Aggregates::Training(db::Session& s, const std::optional<std::string>& since,
                                            const std::string& until) const {
  const std::string from = since.value_or(kBeginning);
  TrainingTotals out;
  BSG_ASSIGN_OR_RETURN(
      db::Row totals,
      s.QueryOne(std::string(kTrainedTotals).append(kTrainees).append(") t"), {until, from}));
  out.delegates = totals.Int(0);
  out.countries = totals.Int(1);
  out.organizations = totals.Int(2);
  out.no_country = totals.Int(3);
  out.no_organization = totals.Int(4);
  BSG_ASSIGN_OR_RETURN(db::Row trainings, s.QueryOne(kTrainingsWithTrainees, {until, from}));
  out.trainings = trainings.Int(0);
  return out;
}

Result<std::vector<ListedEvent>> Aggregates::TrainingsForTable(db::Session& s,
                                                               const std::string& since,
                                                               const std::string& until) const {
  BSG_ASSIGN_OR_RETURN(
      db::Rows rows,
      s.Query(std::string(kListedEventColumns).append(kTrainingsForTable), {since, until}));
  std::vector<ListedEvent> out;
  for (const auto& r : rows) out.push_back(ListedFromRow(r));
  BSG_RETURN_IF_ERROR(LoadGroups(s, out));
  return out;
}

Result<std::vector<ListedEvent>> Aggregates::HeldEvents(db::Session& s, const std::string& since,
                                                        const std::string& until,
                                                        std::string_view kind) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(std::string(kListedEventColumns).append(kHeldEvents),
                                              {kind, until, since}));
  std::vector<ListedEvent> out;
  for (const auto& r : rows) out.push_back(ListedFromRow(r));
  BSG_RETURN_IF_ERROR(LoadGroups(s, out));
  return out;
}

}  // namespace bsg::events
