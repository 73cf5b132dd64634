// The synthetic programme for benchmarks; see synthetic.h.
#include "modules/reports/synthetic.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "modules/events/model.h"
#include "modules/events/rules.h"

namespace bsg::reports {
namespace {

// A fixed-seed SplitMix64: the same sequence on every platform and standard library.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n).
  std::int64_t Below(std::int64_t n) {
    return n <= 0 ? 0 : static_cast<std::int64_t>(Next() % static_cast<std::uint64_t>(n));
  }
  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) / 9007199254740992.0; }
  bool Chance(double p) { return Unit() < p; }

 private:
  std::uint64_t state_;
};

constexpr char kTimelineStart[] = "2013-01-01";
constexpr int kTimelineDays = 3652;  // to 2022-12-31
// Events starting after this day are not held yet: the synthetic "today".
constexpr char kToday[] = "2022-06-30";
constexpr char kStamp[] = "2023-01-01T00:00:00.000Z";
constexpr std::size_t kBatch = 20000;

struct KindSpec {
  const char* kind;
  int weight;     // share of events, in percent
  int mean_size;  // mean registrations
  int min_days;
  int max_days;
  int programme;
  const char* pillar;
};

constexpr KindSpec kKinds[] = {
    {"study_group_meeting", 12, 200, 5, 10, 1, "engagement"},
    {"working_party_meeting", 25, 60, 2, 5, 1, "engagement"},
    {"regional_group_meeting", 6, 40, 2, 3, 1, "awareness"},
    {"tsag", 1, 250, 5, 5, 1, "engagement"},
    {"regional_standardization_forum", 4, 60, 1, 2, 1, "community"},
    {"workshop", 14, 50, 1, 2, 1, "awareness"},
    {"bsg_training", 12, 40, 1, 2, 3, "know_how"},
    {"other_forum", 26, 35, 1, 3, 2, "community"},
};

constexpr const char* kGiven[] = {"Alex", "Sam",  "Robin", "Kim",  "Noor",  "Ari",
                                  "Jo",   "Luca", "Mika",  "Rene", "Sasha", "Yuki"};
constexpr const char* kFamily[] = {"Example", "Sample", "Testcase", "Placeholder",
                                   "Dummy",   "Mockup", "Specimen", "Prototype"};
constexpr const char* kOrgKinds[] = {
    "member_state_administration", "sector_member", "academia", "associate", "sme", "other"};
constexpr const char* kHostCities[] = {"Geneva",  "Abuja", "Bangkok", "Cairo", "Lima",  "Almaty",
                                       "Nairobi", "Dubai", "Hanoi",   "Tunis", "Quito", "Kigali"};

struct Group {
  std::int64_t id = 0;
  std::string kind;
  std::string code;
};

struct Period {
  std::int64_t id = 0;
  std::string start;
  std::string end;
  std::vector<Group> study_groups, tsag, regional;
};

struct EventRow {
  std::int64_t id = 0;
  const KindSpec* spec = nullptr;
  std::string start, end;
  std::string precision = "day";
  std::string status;
  std::string mode;
  std::optional<std::string> country, city;
  std::optional<std::int64_t> parent;
  std::vector<std::int64_t> groups;
  int days = 1;
};

std::string Pad(std::int64_t n, int width) {
  std::string s = std::to_string(n);
  return std::string(s.size() < static_cast<std::size_t>(width) ? width - s.size() : 0, '0') + s;
}

std::int64_t Scaled(double base, double scale) {
  return std::max<std::int64_t>(1, std::llround(base * scale));
}

Result<std::int64_t> MaxId(db::Session& s, const std::string& table) {
  // The table names are ours (constants below), never input.
  BSG_ASSIGN_OR_RETURN(db::Row r, s.QueryOne("SELECT COALESCE(MAX(id), 0) FROM " + table, {}));
  return r.Int(0);
}

const Period* PeriodOn(const std::vector<Period>& periods, const std::string& day) {
  for (const auto& p : periods) {
    if (p.start <= day && day <= p.end) return &p;
  }
  return nullptr;
}

// Buffers rows of one table and writes them in batches.
class Writer {
 public:
  Writer(db::Session& s, std::string table, std::vector<std::string> columns)
      : s_(s), table_(std::move(table)), columns_(std::move(columns)) {}
  Status Add(db::Params row) {
    rows_.push_back(std::move(row));
    return rows_.size() >= kBatch ? Flush() : Status::Ok();
  }
  Status Flush() {
    if (rows_.empty()) return Status::Ok();
    Status st = s_.BulkInsert(table_, columns_, rows_);
    rows_.clear();
    return st;
  }
  std::size_t pending() const { return rows_.size(); }

 private:
  db::Session& s_;
  std::string table_;
  std::vector<std::string> columns_;
  std::vector<db::Params> rows_;
};

Status Load(db::Transaction& tx, double scale, const std::function<void(double)>& progress) {
  auto report = [&](double f) {
    if (progress) progress(std::min(1.0, f));
  };
  BSG_ASSIGN_OR_RETURN(
      db::Row existing,
      tx.QueryOne("SELECT COUNT(*) FROM person WHERE email LIKE ?", {"synthetic.%@example.org"}));
  if (existing.Int(0) > 0) {
    return Status::Conflict("reports.synthetic_exists",
                            "this database already holds synthetic data; use a fresh database");
  }
  Random rng(0x5eed2013u);
  const std::int64_t n_orgs = Scaled(1500, scale);
  const std::int64_t n_people = Scaled(20000, scale);
  const std::int64_t n_events = Scaled(3000, scale);
  const std::int64_t n_positions = Scaled(10000, scale);

  // ---- reference data
  BSG_ASSIGN_OR_RETURN(db::Rows country_rows, tx.Query("SELECT iso2 FROM country ORDER BY iso2"));
  std::vector<std::string> countries;
  for (const auto& r : country_rows) countries.push_back(r.Text(0));
  if (countries.empty())
    return Status::Internal("reports.synthetic", "no countries: migrate first");
  BSG_ASSIGN_OR_RETURN(
      db::Rows period_rows,
      tx.Query("SELECT id, start_date, end_date FROM study_period ORDER BY start_date"));
  std::vector<Period> periods;
  for (const auto& r : period_rows) periods.push_back({r.Int(0), r.Text(1), r.Text(2), {}, {}, {}});
  BSG_ASSIGN_OR_RETURN(db::Rows group_rows,
                       tx.Query("SELECT id, period_id, kind, code FROM itu_group ORDER BY id"));
  for (const auto& r : group_rows) {
    for (auto& p : periods) {
      if (p.id != r.Int(1)) continue;
      Group g{r.Int(0), r.Text(2), r.Text(3)};
      (g.kind == "study_group" ? p.study_groups
       : g.kind == "tsag"      ? p.tsag
                               : p.regional)
          .push_back(g);
    }
  }

  BSG_ASSIGN_OR_RETURN(std::int64_t org_base, MaxId(tx, "organization"));
  BSG_ASSIGN_OR_RETURN(std::int64_t person_base, MaxId(tx, "person"));
  BSG_ASSIGN_OR_RETURN(std::int64_t event_base, MaxId(tx, "event"));
  BSG_ASSIGN_OR_RETURN(std::int64_t registration_base, MaxId(tx, "event_registration"));
  BSG_ASSIGN_OR_RETURN(std::int64_t attendance_base, MaxId(tx, "event_attendance"));
  BSG_ASSIGN_OR_RETURN(std::int64_t position_base, MaxId(tx, "group_position"));

  // ---- organizations
  {
    Writer w(tx, "organization",
             {"id", "kind", "name", "name_key", "country", "sme_size", "created_at", "updated_at"});
    for (std::int64_t i = 1; i <= n_orgs; ++i) {
      const std::string kind = kOrgKinds[rng.Below(std::size(kOrgKinds))];
      const std::string name = "Synthetic Organization " + Pad(i, 6) + " (example.org)";
      std::string key = name;
      std::transform(key.begin(), key.end(), key.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      BSG_RETURN_IF_ERROR(
          w.Add({org_base + i, kind, name, key,
                 countries[rng.Below(static_cast<std::int64_t>(countries.size()))],
                 kind == "sme" ? db::Value("small") : db::Value(), kStamp, kStamp}));
    }
    BSG_RETURN_IF_ERROR(w.Flush());
  }
  report(0.03);

  // ---- people
  {
    Writer w(tx, "person",
             {"id", "given_name", "family_name", "full_name", "transliteration", "search_key",
              "sort_key", "email", "country", "organization_id", "gender", "languages",
              "created_at", "updated_at"});
    for (std::int64_t i = 1; i <= n_people; ++i) {
      const std::string given = kGiven[rng.Below(std::size(kGiven))];
      const std::string family = std::string(kFamily[rng.Below(std::size(kFamily))]) + Pad(i, 6);
      const std::string full = given + " " + family;
      const std::string email = "synthetic." + Pad(i, 7) + "@example.org";
      std::string lower = full;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      db::Value country;
      if (!rng.Chance(0.05)) {
        country = countries[rng.Below(static_cast<std::int64_t>(countries.size()))];
      }
      db::Value org;
      if (!rng.Chance(0.12)) org = org_base + 1 + rng.Below(n_orgs);
      const std::int64_t g = rng.Below(100);
      const char* gender = g < 40 ? "female" : g < 88 ? "male" : g < 90 ? "other" : "not_stated";
      BSG_RETURN_IF_ERROR(w.Add({person_base + i, given, family, full, full, lower + " " + email,
                                 lower, email, country, org, gender, "en", kStamp, kStamp}));
      if (i % 20000 == 0) report(0.03 + 0.07 * static_cast<double>(i) / n_people);
    }
    BSG_RETURN_IF_ERROR(w.Flush());
  }
  report(0.10);

  // ---- events: meetings first (they are the parents of collocated trainings)
  std::vector<EventRow> events;
  events.reserve(static_cast<std::size_t>(n_events));
  std::vector<std::size_t> study_group_meetings;
  std::vector<const KindSpec*> kinds;
  for (const auto& k : kKinds) {
    const std::int64_t count = std::max<std::int64_t>(1, std::llround(n_events * k.weight / 100.0));
    for (std::int64_t i = 0; i < count; ++i) kinds.push_back(&k);
  }
  std::stable_sort(kinds.begin(), kinds.end(), [](const KindSpec* a, const KindSpec* b) {
    return std::string_view(a->kind) == "bsg_training"   ? false
           : std::string_view(b->kind) == "bsg_training" ? true
                                                         : false;
  });
  for (const KindSpec* k : kinds) {
    EventRow e;
    e.id = event_base + static_cast<std::int64_t>(events.size()) + 1;
    e.spec = k;
    const std::string_view kind = k->kind;
    e.days = k->min_days + static_cast<int>(rng.Below(k->max_days - k->min_days + 1));
    const bool collocated =
        kind == "bsg_training" && !study_group_meetings.empty() && rng.Chance(0.5);
    if (collocated) {
      const EventRow& parent = events[study_group_meetings[rng.Below(
          static_cast<std::int64_t>(study_group_meetings.size()))]];
      e.parent = parent.id;
      e.start = parent.start;
      e.days = 1;
    } else {
      e.start = events::AddDays(kTimelineStart, rng.Below(kTimelineDays - 10));
    }
    e.end = events::AddDays(e.start, e.days - 1);
    const std::string year = e.start.substr(0, 4);
    if (collocated) {
      const EventRow& parent = events[static_cast<std::size_t>(*e.parent - event_base - 1)];
      e.mode = parent.mode == "virtual" ? "virtual" : "in_person";
      e.country = e.mode == "virtual" ? std::nullopt : parent.country;
      e.city = e.mode == "virtual" ? std::nullopt : parent.city;
      e.groups = parent.groups;
    } else {
      const double r = rng.Unit();
      if (year == "2020" || year == "2021") {
        e.mode = r < 0.7 ? "virtual" : "hybrid";
      } else if (year == "2022") {
        e.mode = r < 0.6 ? "hybrid" : "in_person";
      } else {
        e.mode = r < 0.3 ? "hybrid" : "in_person";
      }
      if (e.mode != "virtual") {
        const bool geneva =
            (kind == "study_group_meeting" || kind == "working_party_meeting" || kind == "tsag") &&
            rng.Chance(0.75);
        if (geneva) {
          e.country = "CH";
          e.city = "Geneva";
        } else {
          e.country = countries[rng.Below(static_cast<std::int64_t>(countries.size()))];
          e.city = "Synthetic City " + std::to_string(1 + rng.Below(40));
        }
      }
      if (const Period* p = PeriodOn(periods, e.start)) {
        const std::vector<Group>* pool = &p->study_groups;
        if (kind == "tsag" && !p->tsag.empty()) pool = &p->tsag;
        if (kind == "regional_group_meeting" && !p->regional.empty()) pool = &p->regional;
        if (!pool->empty() && kind != "other_forum" && kind != "workshop") {
          e.groups.push_back((*pool)[rng.Below(static_cast<std::int64_t>(pool->size()))].id);
        }
      }
    }
    if (e.start > kToday) {
      e.status = rng.Chance(0.7) ? "planned" : "confirmed";
      if (kind == "bsg_training" && rng.Chance(0.3)) {
        e.precision = "month";
        e.start = e.start.substr(0, 8) + "01";
        const auto d = events::ParseDate(e.start);
        e.end = e.start.substr(0, 8) + Pad(events::DaysInMonth(d->year, d->month), 2);
      }
    } else {
      const double r = rng.Unit();
      e.status = r < 0.02 ? "cancelled" : r < 0.03 ? "postponed" : "held";
    }
    if (kind == "study_group_meeting") study_group_meetings.push_back(events.size());
    events.push_back(std::move(e));
  }
  {
    Writer w(tx, "event",
             {"id", "code", "kind", "title", "description", "start_date", "end_date",
              "date_precision", "time_zone", "city", "country", "host", "mode", "status",
              "parent_id", "programme", "pillar", "created_at", "updated_at"});
    Writer groups(tx, "event_group", {"event_id", "group_id"});
    for (const EventRow& e : events) {
      const std::string number = Pad(e.id - event_base, 6);
      std::string label = e.spec->kind;
      std::replace(label.begin(), label.end(), '_', ' ');
      BSG_RETURN_IF_ERROR(
          w.Add({e.id, "synthetic-" + number, e.spec->kind,
                 "Synthetic " + label + " " + number + " (example.org)",
                 "Made-up record for benchmarks (example.org).", e.start, e.end, e.precision, "UTC",
                 e.city, e.country, "Synthetic host (example.org)", e.mode, e.status, e.parent,
                 e.spec->programme, e.spec->pillar, kStamp, kStamp}));
    }
    BSG_RETURN_IF_ERROR(w.Flush());
    for (const EventRow& e : events) {
      for (std::int64_t g : e.groups) BSG_RETURN_IF_ERROR(groups.Add({e.id, g}));
    }
    BSG_RETURN_IF_ERROR(groups.Flush());
  }
  report(0.15);

  // ---- registrations and attendance days
  {
    Writer regs(
        tx, "event_registration",
        {"id", "event_id", "person_id", "mode", "role", "status", "created_at", "updated_at"});
    Writer days(tx, "event_attendance",
                {"id", "registration_id", "day", "mode", "source", "recorded_at"});
    std::int64_t next_registration = registration_base;
    std::int64_t next_attendance = attendance_base;
    std::unordered_set<std::int64_t> chosen;
    for (std::size_t idx = 0; idx < events.size(); ++idx) {
      const EventRow& e = events[idx];
      const std::int64_t wanted = std::llround(e.spec->mean_size * (0.5 + rng.Unit()));
      const std::int64_t size = std::min<std::int64_t>(wanted, n_people);
      chosen.clear();
      const std::string_view kind = e.spec->kind;
      for (std::int64_t n = 0; n < size; ++n) {
        std::int64_t person = 0;
        do {
          person = person_base + 1 + rng.Below(n_people);
        } while (!chosen.insert(person).second);
        std::string mode = "in_person";
        if (e.mode == "virtual" || (e.mode == "hybrid" && rng.Chance(0.35))) mode = "remote";
        std::string role = "delegate";
        if (kind == "bsg_training" && n < 2) {
          role = "trainer";
        } else if (n == 0) {
          role = "chair";
        } else if (rng.Chance(0.02)) {
          role = "speaker";
        }
        std::string status;
        if (e.status == "held") {
          const double r = rng.Unit();
          status = r < 0.88 ? "attended" : r < 0.96 ? "no_show" : "cancelled";
        } else if (e.status == "cancelled") {
          status = "cancelled";
        } else {
          status = rng.Chance(0.7) ? "registered" : "approved";
        }
        const std::int64_t rid = ++next_registration;
        BSG_RETURN_IF_ERROR(regs.Add({rid, e.id, person, mode, role, status, kStamp, kStamp}));
        if (status != "attended") continue;
        const int attended = 1 + static_cast<int>(rng.Below(std::min(e.days, 3)));
        for (int d = 0; d < attended; ++d) {
          std::string day_mode = mode;
          if (e.mode == "hybrid" && d > 0 && rng.Chance(0.1)) {
            day_mode = mode == "remote" ? "in_person" : "remote";
          }
          const std::string day = events::AddDays(e.start, d);
          if (days.pending() + 1 >= kBatch) BSG_RETURN_IF_ERROR(regs.Flush());
          BSG_RETURN_IF_ERROR(
              days.Add({++next_attendance, rid, day, day_mode,
                        day_mode == "remote" ? "remote_join" : "checkin", day + "T09:00:00.000Z"}));
        }
      }
      if (idx % 200 == 0) {
        report(0.15 + 0.75 * static_cast<double>(idx) / static_cast<double>(events.size()));
      }
    }
    BSG_RETURN_IF_ERROR(regs.Flush());
    BSG_RETURN_IF_ERROR(days.Flush());
  }
  report(0.90);
  // Places held, as the events module keeps them.
  BSG_RETURN_IF_ERROR(
      tx.Exec("UPDATE event SET "
              "taken_in_person = (SELECT COUNT(*) FROM event_registration r WHERE r.event_id = "
              "event.id AND r.mode = 'in_person' AND r.status IN ('registered', 'approved', "
              "'attended', 'no_show')), "
              "taken_remote = (SELECT COUNT(*) FROM event_registration r WHERE r.event_id = "
              "event.id AND r.mode = 'remote' AND r.status IN ('registered', 'approved', "
              "'attended', 'no_show')) "
              "WHERE id > ?",
              {event_base})
          .status());
  report(0.93);

  // ---- management positions, spread over the study periods of the timeline
  {
    Writer w(tx, "group_position",
             {"id", "group_id", "person_id", "role", "country", "start_date", "end_date", "note",
              "created_at", "updated_at"});
    std::vector<const Period*> used;
    for (const auto& p : periods) {
      if (p.start <= "2022-12-31" && p.end >= kTimelineStart &&
          !(p.study_groups.empty() && p.tsag.empty())) {
        used.push_back(&p);
      }
    }
    std::set<std::tuple<std::int64_t, std::int64_t, std::string>> taken;
    std::int64_t id = position_base;
    for (std::int64_t i = 0; i < n_positions && !used.empty(); ++i) {
      const Period& p = *used[static_cast<std::size_t>(i) % used.size()];
      std::vector<Group> pool = p.study_groups;
      pool.insert(pool.end(), p.tsag.begin(), p.tsag.end());
      pool.insert(pool.end(), p.regional.begin(), p.regional.end());
      const Group& g = pool[rng.Below(static_cast<std::int64_t>(pool.size()))];
      const std::int64_t r = rng.Below(100);
      const char* role = r < 3    ? "chair"
                         : r < 20 ? "vice_chair"
                         : r < 30 ? "wp_chair"
                         : r < 75 ? "rapporteur"
                                  : "associate_rapporteur";
      const std::int64_t person = person_base + 1 + rng.Below(n_people);
      if (!taken.insert({g.id, person, role}).second) continue;
      db::Value country;
      if (rng.Chance(0.1))
        country = countries[rng.Below(static_cast<std::int64_t>(countries.size()))];
      BSG_RETURN_IF_ERROR(w.Add({++id, g.id, person, role, country, p.start, p.end,
                                 "synthetic (example.org)", kStamp, kStamp}));
    }
    BSG_RETURN_IF_ERROR(w.Flush());
  }
  report(0.97);

  if (tx.kind() == db::Kind::kPostgres) {
    for (const char* table : {"organization", "person", "event", "event_registration",
                              "event_attendance", "group_position"}) {
      const std::string t(table);
      BSG_RETURN_IF_ERROR(tx.Query("SELECT setval(pg_get_serial_sequence('" + t +
                                   "', 'id'), "
                                   "(SELECT COALESCE(MAX(id), 1) FROM " +
                                   t + "))")
                              .status());
    }
  }
  report(1.0);
  return Status::Ok();
}

}  // namespace

Status SeedSynthetic(db::Database& db, double scale, std::function<void(double)> progress) {
  if (!(scale > 0 && scale <= 100)) {
    return Status::InvalidArgument("reports.bad_scale", "the scale must be above 0 and at most 100",
                                   {{"scale", "must be above 0 and at most 100"}});
  }
  Status s =
      db.InTransaction([&](db::Transaction& tx) -> Status { return Load(tx, scale, progress); },
                       {.read_only = false, .max_attempts = 1});
  // Fresh statistics for the query planners after a bulk load; on PostgreSQL also the
  // visibility map, so that index-only scans work before autovacuum gets there. Best effort:
  // the data is loaded either way.
  if (s.ok()) (void)db.Exec(db.kind() == db::Kind::kPostgres ? "VACUUM ANALYZE" : "ANALYZE");
  return s;
}

}  // namespace bsg::reports
