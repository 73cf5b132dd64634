// The SQL of events/aggregates.h (SQLite and PostgreSQL; `?` placeholders, values always bound).
#include <algorithm>
#include <map>
#include <string>

#include "modules/events/aggregates.h"

namespace bsg::events {
namespace {

// Every window condition is the overlap test: start_date <= until AND end_date >= since. Open
// ends are the first and last possible dates.

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

// Per event: active registrations by mode, and registrations with an attendance day in person /
// remotely / at all (one registration per person and event).
constexpr std::string_view kParticipationPerEvent =
    "SELECT e.id, e.title, e.kind, e.start_date, e.mode, "
    "COALESCE(SUM(CASE WHEN r.mode = 'in_person' THEN 1 ELSE 0 END), 0), "
    "COALESCE(SUM(CASE WHEN r.mode = 'remote' THEN 1 ELSE 0 END), 0), "
    "COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM event_attendance a WHERE a.registration_id = "
    "r.id AND a.mode = 'in_person') THEN 1 ELSE 0 END), 0), "
    "COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM event_attendance a WHERE a.registration_id = "
    "r.id AND a.mode = 'remote') THEN 1 ELSE 0 END), 0), "
    "COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM event_attendance a WHERE a.registration_id = "
    "r.id) THEN 1 ELSE 0 END), 0) "
    "FROM event e LEFT JOIN event_registration r ON r.event_id = e.id "
    "AND r.status NOT IN ('cancelled', 'waitlisted') "
    "WHERE e.start_date <= ? AND e.end_date >= ? AND e.status <> 'cancelled' "
    "GROUP BY e.id, e.title, e.kind, e.start_date, e.mode ORDER BY e.start_date, e.id";

// Events by venue, with the country's name and region.
constexpr std::string_view kEventsByPlace =
    "SELECT e.id, e.status, e.mode, e.country, c.name, c.region "
    "FROM event e LEFT JOIN registry_country c ON c.iso2 = e.country "
    "WHERE e.start_date <= ? AND e.end_date >= ?";
constexpr std::string_view kEventsByPlaceKind = " AND e.kind = ?";

// Trained people: one row per counted person (the survivor of a merge) and period, with the start
// of their first training in that period. `%PERIOD%` is the period's expression: '' for the
// whole window, the start year for a per-year split (it is spliced in as SQL text, never input).
constexpr std::string_view kTraineesWith =
    "WITH trainee AS ("
    "SELECT pf.counted_person_id AS pid, %PERIOD% AS period, MIN(e.start_date) AS first_date "
    "FROM event e "
    "JOIN event_registration r ON r.event_id = e.id "
    "JOIN registry_person_facts pf ON pf.person_id = r.person_id "
    "WHERE e.kind = 'bsg_training' AND e.start_date <= ? AND e.end_date >= ? "
    "AND r.status = 'attended' AND r.role = 'delegate' "
    "GROUP BY pf.counted_person_id%GROUP%), "
    "classified AS ("
    "SELECT t.period, f.country, f.organization_id, f.gender, c.region, "
    "CASE WHEN c.iso2 IS NULL THEN 'not_stated' "
    "WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2 "
    "AND cc.class = 'developing' "
    "AND (cc.since_effective IS NULL OR cc.since_effective <= t.first_date) "
    "AND (cc.until_effective IS NULL OR t.first_date < cc.until_effective)) THEN 'developing' "
    "WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2 "
    "AND cc.class = 'developed' "
    "AND (cc.since_effective IS NULL OR cc.since_effective <= t.first_date) "
    "AND (cc.until_effective IS NULL OR t.first_date < cc.until_effective)) THEN 'developed' "
    "ELSE 'not_stated' END AS development, "
    "CASE WHEN c.iso2 IS NULL THEN 'not_stated' "
    "WHEN EXISTS (SELECT 1 FROM registry_country_class cc WHERE cc.iso2 = c.iso2 "
    "AND cc.class = 'ldc' "
    "AND (cc.since_effective IS NULL OR cc.since_effective <= t.first_date) "
    "AND (cc.until_effective IS NULL OR t.first_date < cc.until_effective)) THEN 'ldc' "
    "ELSE 'not_ldc' END AS ldc "
    "FROM trainee t "
    "JOIN registry_person_facts f ON f.person_id = t.pid "
    "LEFT JOIN registry_country c ON c.iso2 = f.country) ";
// Per period: trainees, distinct stated countries and organizations, trainees without a country.
constexpr std::string_view kTraineeTotals =
    "SELECT period, COUNT(*), COUNT(DISTINCT country), COUNT(DISTINCT organization_id) "
    "FROM classified GROUP BY period ORDER BY period";
// Per period and combination of buckets.
constexpr std::string_view kTraineeBuckets =
    "SELECT period, development, ldc, COALESCE(region, 'not_stated'), gender, "
    "CASE WHEN organization_id IS NULL THEN 'not_stated' ELSE 'known' END, COUNT(*) "
    "FROM classified GROUP BY period, development, ldc, COALESCE(region, 'not_stated'), gender, "
    "CASE WHEN organization_id IS NULL THEN 'not_stated' ELSE 'known' END";
// Trainings with at least one trained delegate, per period, and their ids.
constexpr std::string_view kTrainingsWithTrainees =
    "SELECT %PERIOD%, COUNT(DISTINCT e.id) FROM event e "
    "JOIN event_registration r ON r.event_id = e.id "
    "WHERE e.kind = 'bsg_training' AND e.start_date <= ? AND e.end_date >= ? "
    "AND r.status = 'attended' AND r.role = 'delegate'%GROUPBY%";
constexpr std::string_view kTrainingIds =
    "SELECT DISTINCT e.id FROM event e "
    "JOIN event_registration r ON r.event_id = e.id "
    "WHERE e.kind = 'bsg_training' AND e.start_date <= ? AND e.end_date >= ? "
    "AND r.status = 'attended' AND r.role = 'delegate' ORDER BY e.id";

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
    "JOIN groups_group g ON g.id = eg.group_id WHERE eg.event_id IN (";

constexpr std::string_view kLatestHeldEventEnd =
    "SELECT MAX(end_date) FROM event WHERE status = 'held' AND start_date <= ?";

// Dates before and after any record: the bounds of an open-ended window.
constexpr char kBeginning[] = "0001-01-01";
constexpr char kEnd[] = "9999-12-31";

std::string Replace(std::string text, std::string_view what, std::string_view with) {
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at)) {
    text.replace(at, what.size(), with);
    at += with.size();
  }
  return text;
}

// The trainee statements for the whole window (`by_year` false) or per start year.
std::string TraineeSql(bool by_year, std::string_view select) {
  std::string sql(kTraineesWith);
  sql = Replace(sql, "%PERIOD%", by_year ? "substr(e.start_date, 1, 4)" : "''");
  sql = Replace(sql, "%GROUP%", by_year ? ", substr(e.start_date, 1, 4)" : "");
  return sql.append(select);
}

Breakdown MakeBreakdown(std::initializer_list<const char*> buckets) {
  Breakdown b;
  for (const char* k : buckets) b.buckets[k] = 0;
  b.buckets[kNotStated] = 0;
  return b;
}

TrainingFigures EmptyFigures() {
  TrainingFigures f;
  f.development = MakeBreakdown({"developing", "developed"});
  f.ldc = MakeBreakdown({"ldc", "not_ldc"});
  f.gender = MakeBreakdown({"female", "male", "other"});
  f.region = MakeBreakdown({"AFR", "AMS", "ARB", "ASP", "CIS", "EUR"});
  f.organization = MakeBreakdown({"known"});
  return f;
}

// Trained people per period ("" for the whole window, else the start year).
Result<std::map<std::string, TrainingFigures>> TrainingPerPeriod(
    db::Session& s, const std::optional<std::string>& since,
    const std::optional<std::string>& until, bool by_year) {
  const db::Params window{until.value_or(kEnd), since.value_or(kBeginning)};
  std::map<std::string, TrainingFigures> out;
  if (!by_year) out[""] = EmptyFigures();
  BSG_ASSIGN_OR_RETURN(db::Rows totals, s.Query(TraineeSql(by_year, kTraineeTotals), window));
  for (const auto& r : totals) {
    TrainingFigures& f = out.try_emplace(r.Text(0), EmptyFigures()).first->second;
    f.delegates_trained = r.Int(1);
    f.countries = r.Int(2);
    f.organizations = r.Int(3);
  }
  BSG_ASSIGN_OR_RETURN(db::Rows buckets, s.Query(TraineeSql(by_year, kTraineeBuckets), window));
  for (const auto& r : buckets) {
    TrainingFigures& f = out.try_emplace(r.Text(0), EmptyFigures()).first->second;
    const std::int64_t n = r.Int(6);
    f.development.buckets[r.Text(1)] += n;
    f.ldc.buckets[r.Text(2)] += n;
    f.region.buckets[r.Text(3)] += n;
    f.gender.buckets[r.Text(4)] += n;
    f.organization.buckets[r.Text(5)] += n;
  }
  std::string trainings = Replace(std::string(kTrainingsWithTrainees), "%PERIOD%",
                                  by_year ? "substr(e.start_date, 1, 4)" : "''");
  trainings =
      Replace(trainings, "%GROUPBY%", by_year ? " GROUP BY substr(e.start_date, 1, 4)" : "");
  BSG_ASSIGN_OR_RETURN(db::Rows counted, s.Query(trainings, window));
  for (const auto& r : counted) {
    if (r.Int(1) == 0) continue;
    out.try_emplace(r.Text(0), EmptyFigures()).first->second.trainings = r.Int(1);
  }
  return out;
}

void CountStatus(GeoCount& c, std::int64_t id, std::string_view status) {
  if (status == "held") {
    ++c.held;
  } else if (status == "cancelled") {
    ++c.cancelled;
  } else {
    ++c.planned;
  }
  c.event_ids.push_back(id);
}

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

Result<std::vector<MonthParticipation>> Aggregates::ParticipationByMonth(
    db::Session& s, const std::optional<std::string>& since,
    const std::optional<std::string>& until) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(kParticipationByMonth,
                                              {since.value_or(kBeginning), until.value_or(kEnd)}));
  std::vector<MonthParticipation> out;
  for (const auto& r : rows) {
    const std::string month = r.Text(0);
    if (out.empty() || out.back().month != month) out.push_back({month, 0, 0});
    (r.Text(1) == "remote" ? out.back().remote : out.back().in_person) = r.Int(2);
  }
  return out;
}

Result<std::vector<EventParticipation>> Aggregates::ParticipationPerEvent(
    db::Session& s, const std::optional<std::string>& since,
    const std::optional<std::string>& until) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(kParticipationPerEvent,
                                              {until.value_or(kEnd), since.value_or(kBeginning)}));
  std::vector<EventParticipation> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5), r.Int(6),
                   r.Int(7), r.Int(8), r.Int(9)});
  }
  return out;
}

Result<Geography> Aggregates::EventsByPlace(db::Session& s, const std::optional<std::string>& since,
                                            const std::optional<std::string>& until,
                                            std::optional<std::string_view> kind) const {
  std::string sql(kEventsByPlace);
  db::Params params{until.value_or(kEnd), since.value_or(kBeginning)};
  if (kind) {
    sql += kEventsByPlaceKind;
    params.emplace_back(*kind);
  }
  sql += " ORDER BY e.start_date, e.id";
  BSG_ASSIGN_OR_RETURN(db::Rows rows, s.Query(sql, params));
  Geography out;
  for (const char* r : {"AFR", "AMS", "ARB", "ASP", "CIS", "EUR", "virtual", kNotStated}) {
    out.regions[r] = GeoCount();
  }
  std::map<std::string, CountryGeo> by_country;
  for (const auto& r : rows) {
    const std::int64_t id = r.Int(0);
    const std::string status = r.Text(1);
    CountStatus(out.total, id, status);
    const std::optional<std::string> country = r.OptText(3);
    if (!country) {
      CountStatus(out.regions[r.Text(2) == "virtual" ? "virtual" : kNotStated], id, status);
      continue;
    }
    CountryGeo& g = by_country[*country];
    g.iso2 = *country;
    g.name = r.OptText(4).value_or(*country);
    g.region = r.OptText(5).value_or(kNotStated);
    CountStatus(g.count, id, status);
    CountStatus(out.regions[g.region], id, status);
  }
  for (auto& [iso2, g] : by_country) out.countries.push_back(std::move(g));
  std::sort(out.countries.begin(), out.countries.end(),
            [](const CountryGeo& a, const CountryGeo& b) { return a.name < b.name; });
  return out;
}

Result<TrainingFigures> Aggregates::Training(db::Session& s,
                                             const std::optional<std::string>& since,
                                             const std::optional<std::string>& until) const {
  BSG_ASSIGN_OR_RETURN(auto per_period, TrainingPerPeriod(s, since, until, false));
  return per_period.at("");
}

Result<std::map<int, TrainingFigures>> Aggregates::TrainingByYear(
    db::Session& s, const std::optional<std::string>& since,
    const std::optional<std::string>& until) const {
  BSG_ASSIGN_OR_RETURN(auto per_period, TrainingPerPeriod(s, since, until, true));
  std::map<int, TrainingFigures> out;
  for (auto& [year, figures] : per_period) out[std::stoi(year)] = std::move(figures);
  return out;
}

Result<std::vector<std::int64_t>> Aggregates::TrainingIds(
    db::Session& s, const std::optional<std::string>& since,
    const std::optional<std::string>& until) const {
  BSG_ASSIGN_OR_RETURN(db::Rows rows,
                       s.Query(kTrainingIds, {until.value_or(kEnd), since.value_or(kBeginning)}));
  std::vector<std::int64_t> out;
  for (const auto& r : rows) out.push_back(r.Int(0));
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
