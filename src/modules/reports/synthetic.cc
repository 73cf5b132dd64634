// The synthetic programme for benchmarks; see synthetic.h.
#include "modules/reports/synthetic.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_set>
#include <utility>
#include <vector>

#include "modules/events/model.h"
#include "modules/events/store.h"
#include "modules/groups/model.h"
#include "modules/groups/store.h"
#include "modules/registry/model.h"
#include "modules/registry/store.h"
#include "modules/reports/store.h"
#include "platform/time/date.h"

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

// A group events and positions are drawn from.
struct GroupRef {
  std::int64_t id = 0;
  std::string kind;
  std::string code;
};

struct Period {
  std::int64_t id = 0;
  std::string start;
  std::string end;
  std::vector<GroupRef> study_groups, tsag, regional;
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

std::string AsciiLower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::int64_t Scaled(double base, double scale) {
  return std::max<std::int64_t>(1, std::llround(base * scale));
}

const Period* PeriodOn(const std::vector<Period>& periods, const std::string& day) {
  for (const auto& p : periods) {
    if (p.start <= day && day <= p.end) return &p;
  }
  return nullptr;
}

// Buffers rows of one kind and hands them to the owning module's bulk-load entry point kBatch at
// a time, so that memory stays bounded at any scale.
template <typename Row>
class Batcher {
 public:
  using Load = std::function<Status(const std::vector<Row>&)>;
  explicit Batcher(Load load) : load_(std::move(load)) {}
  Status Add(Row row) {
    rows_.push_back(std::move(row));
    return rows_.size() >= kBatch ? Flush() : Status::Ok();
  }
  Status Flush() {
    if (rows_.empty()) return Status::Ok();
    Status st = load_(rows_);
    rows_.clear();
    return st;
  }
  std::size_t pending() const { return rows_.size(); }

 private:
  Load load_;
  std::vector<Row> rows_;
};

// The vocabulary value a constant of this file names.
template <typename T>
Result<T> Known(std::optional<T> value, std::string_view name) {
  if (!value) return Status::Internal("reports.synthetic", "unknown value " + std::string(name));
  return *value;
}

Result<events::Event> ToEvent(const EventRow& e, std::int64_t event_base) {
  const std::string number = Pad(e.id - event_base, 6);
  std::string label = e.spec->kind;
  std::replace(label.begin(), label.end(), '_', ' ');
  events::Event out;
  out.id = e.id;
  out.code = "synthetic-" + number;
  BSG_ASSIGN_OR_RETURN(out.kind, Known(events::ParseEventKind(e.spec->kind), e.spec->kind));
  out.title = "Synthetic " + label + " " + number + " (example.org)";
  out.description = "Made-up record for benchmarks (example.org).";
  out.start_date = e.start;
  out.end_date = e.end;
  BSG_ASSIGN_OR_RETURN(out.date_precision,
                       Known(events::ParseDatePrecision(e.precision), e.precision));
  out.time_zone = "UTC";
  out.city = e.city;
  out.country = e.country;
  out.host = "Synthetic host (example.org)";
  BSG_ASSIGN_OR_RETURN(out.mode, Known(events::ParseEventMode(e.mode), e.mode));
  BSG_ASSIGN_OR_RETURN(out.status, Known(events::ParseEventStatus(e.status), e.status));
  out.group_ids = e.groups;
  out.parent_id = e.parent;
  out.programme = e.spec->programme;
  out.pillar = std::string(e.spec->pillar);
  out.created_at = kStamp;
  out.updated_at = kStamp;
  return out;
}

Status Load(db::Transaction& tx, double scale, const std::function<void(double)>& progress) {
  using events::ParticipationMode;
  using events::RegistrationRole;
  using events::RegistrationStatus;
  const registry::Store registry_store;
  const groups::Store group_store;
  const events::EventStore& event_store = events::SqlEventStore();
  auto report = [&](double f) {
    if (progress) progress(std::min(1.0, f));
  };
  BSG_ASSIGN_OR_RETURN(std::int64_t existing,
                       registry_store.CountPeopleWithEmailLike(tx, "synthetic.%@example.org"));
  if (existing > 0) {
    return Status::Conflict("reports.synthetic_exists",
                            "this database already holds synthetic data; use a fresh database");
  }
  Random rng(0x5eed2013u);
  const std::int64_t n_orgs = Scaled(1500, scale);
  const std::int64_t n_people = Scaled(20000, scale);
  const std::int64_t n_events = Scaled(3000, scale);
  const std::int64_t n_positions = Scaled(10000, scale);

  // ---- reference data: country codes in code order; study periods by start with their groups
  // in id order
  std::vector<std::string> countries;
  {
    BSG_ASSIGN_OR_RETURN(std::vector<registry::Country> all, registry_store.Countries(tx));
    for (auto& c : all) countries.push_back(std::move(c.iso2));
    std::sort(countries.begin(), countries.end());
  }
  if (countries.empty())
    return Status::Internal("reports.synthetic", "no countries: migrate first");
  std::vector<Period> periods;
  {
    BSG_ASSIGN_OR_RETURN(std::vector<groups::StudyPeriod> study_periods, group_store.Periods(tx));
    for (const auto& p : study_periods) {
      periods.push_back({p.id, p.start_date, p.end_date, {}, {}, {}});
    }
    BSG_ASSIGN_OR_RETURN(std::vector<groups::Group> all,
                         group_store.ListGroups(tx, std::nullopt, std::nullopt));
    std::sort(all.begin(), all.end(),
              [](const groups::Group& a, const groups::Group& b) { return a.id < b.id; });
    for (const auto& g : all) {
      for (auto& p : periods) {
        if (p.id != g.period_id) continue;
        GroupRef ref{g.id, g.kind, g.code};
        (ref.kind == "study_group" ? p.study_groups
         : ref.kind == "tsag"      ? p.tsag
                                   : p.regional)
            .push_back(ref);
      }
    }
  }

  BSG_ASSIGN_OR_RETURN(std::int64_t org_base, registry_store.MaxOrganizationId(tx));
  BSG_ASSIGN_OR_RETURN(std::int64_t person_base, registry_store.MaxPersonId(tx));
  BSG_ASSIGN_OR_RETURN(std::int64_t event_base, event_store.MaxEventId(tx));
  BSG_ASSIGN_OR_RETURN(std::int64_t registration_base, event_store.MaxRegistrationId(tx));
  BSG_ASSIGN_OR_RETURN(std::int64_t attendance_base, event_store.MaxAttendanceId(tx));
  BSG_ASSIGN_OR_RETURN(std::int64_t position_base, group_store.MaxPositionId(tx));

  // ---- organizations
  {
    Batcher<registry::OrganizationLoadRow> batch(
        [&](const std::vector<registry::OrganizationLoadRow>& rows) {
          return registry_store.BulkLoadOrganizations(tx, rows, kStamp);
        });
    for (std::int64_t i = 1; i <= n_orgs; ++i) {
      registry::OrganizationLoadRow row;
      row.id = org_base + i;
      registry::OrganizationDraft& o = row.draft;
      o.kind = kOrgKinds[rng.Below(std::size(kOrgKinds))];
      o.name = "Synthetic Organization " + Pad(i, 6) + " (example.org)";
      o.name_key = AsciiLower(o.name);
      o.country = countries[rng.Below(static_cast<std::int64_t>(countries.size()))];
      if (o.kind == "sme") o.sme_size = "small";
      BSG_RETURN_IF_ERROR(batch.Add(std::move(row)));
    }
    BSG_RETURN_IF_ERROR(batch.Flush());
  }
  report(0.03);

  // ---- people
  {
    Batcher<registry::PersonLoadRow> batch([&](const std::vector<registry::PersonLoadRow>& rows) {
      return registry_store.BulkLoadPeople(tx, rows, kStamp);
    });
    for (std::int64_t i = 1; i <= n_people; ++i) {
      registry::PersonLoadRow row;
      row.id = person_base + i;
      registry::PersonDraft& p = row.draft;
      const std::string given = kGiven[rng.Below(std::size(kGiven))];
      const std::string family = std::string(kFamily[rng.Below(std::size(kFamily))]) + Pad(i, 6);
      const std::string full = given + " " + family;
      const std::string email = "synthetic." + Pad(i, 7) + "@example.org";
      const std::string lower = AsciiLower(full);
      if (!rng.Chance(0.05)) {
        p.country = countries[rng.Below(static_cast<std::int64_t>(countries.size()))];
      }
      if (!rng.Chance(0.12)) p.organization_id = org_base + 1 + rng.Below(n_orgs);
      const std::int64_t g = rng.Below(100);
      p.gender = g < 40 ? "female" : g < 88 ? "male" : g < 90 ? "other" : "not_stated";
      p.given_name = given;
      p.family_name = family;
      p.full_name = full;
      p.transliteration = full;
      p.email = email;
      p.languages = {"en"};
      p.search_key = lower + " " + email;
      p.sort_key = lower;
      BSG_RETURN_IF_ERROR(batch.Add(std::move(row)));
      if (i % 20000 == 0) report(0.03 + 0.07 * static_cast<double>(i) / n_people);
    }
    BSG_RETURN_IF_ERROR(batch.Flush());
  }
  report(0.10);

  // ---- events: meetings first (they are the parents of collocated trainings)
  std::vector<EventRow> event_rows;
  event_rows.reserve(static_cast<std::size_t>(n_events));
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
    e.id = event_base + static_cast<std::int64_t>(event_rows.size()) + 1;
    e.spec = k;
    const std::string_view kind = k->kind;
    e.days = k->min_days + static_cast<int>(rng.Below(k->max_days - k->min_days + 1));
    const bool collocated =
        kind == "bsg_training" && !study_group_meetings.empty() && rng.Chance(0.5);
    if (collocated) {
      const EventRow& parent = event_rows[study_group_meetings[rng.Below(
          static_cast<std::int64_t>(study_group_meetings.size()))]];
      e.parent = parent.id;
      e.start = parent.start;
      e.days = 1;
    } else {
      BSG_ASSIGN_OR_RETURN(e.start, time::AddDays(kTimelineStart, rng.Below(kTimelineDays - 10)));
    }
    BSG_ASSIGN_OR_RETURN(e.end, time::AddDays(e.start, e.days - 1));
    const std::string year = e.start.substr(0, 4);
    if (collocated) {
      const EventRow& parent = event_rows[static_cast<std::size_t>(*e.parent - event_base - 1)];
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
        const std::vector<GroupRef>* pool = &p->study_groups;
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
        const std::optional<time::Date> first = time::Date::Parse(e.start);
        if (!first) return Status::Internal("reports.synthetic", "bad date " + e.start);
        e.end = first->LastOfMonth().ToString();
      }
    } else {
      const double r = rng.Unit();
      e.status = r < 0.02 ? "cancelled" : r < 0.03 ? "postponed" : "held";
    }
    if (kind == "study_group_meeting") study_group_meetings.push_back(event_rows.size());
    event_rows.push_back(std::move(e));
  }
  {
    Batcher<events::Event> batch([&](const std::vector<events::Event>& rows) {
      return event_store.BulkLoadEvents(tx, rows);
    });
    for (const EventRow& e : event_rows) {
      BSG_ASSIGN_OR_RETURN(events::Event event, ToEvent(e, event_base));
      BSG_RETURN_IF_ERROR(batch.Add(std::move(event)));
    }
    BSG_RETURN_IF_ERROR(batch.Flush());
  }
  report(0.15);

  // ---- registrations and attendance days
  {
    Batcher<events::Registration> regs([&](const std::vector<events::Registration>& rows) {
      return event_store.BulkLoadRegistrations(tx, rows);
    });
    Batcher<events::Attendance> days([&](const std::vector<events::Attendance>& rows) {
      return event_store.BulkLoadAttendance(tx, rows);
    });
    std::int64_t next_registration = registration_base;
    std::int64_t next_attendance = attendance_base;
    std::unordered_set<std::int64_t> chosen;
    for (std::size_t idx = 0; idx < event_rows.size(); ++idx) {
      const EventRow& e = event_rows[idx];
      const std::int64_t wanted = std::llround(e.spec->mean_size * (0.5 + rng.Unit()));
      const std::int64_t size = std::min<std::int64_t>(wanted, n_people);
      chosen.clear();
      const std::string_view kind = e.spec->kind;
      for (std::int64_t n = 0; n < size; ++n) {
        std::int64_t person = 0;
        do {
          person = person_base + 1 + rng.Below(n_people);
        } while (!chosen.insert(person).second);
        ParticipationMode mode = ParticipationMode::kInPerson;
        if (e.mode == "virtual" || (e.mode == "hybrid" && rng.Chance(0.35))) {
          mode = ParticipationMode::kRemote;
        }
        RegistrationRole role = RegistrationRole::kDelegate;
        if (kind == "bsg_training" && n < 2) {
          role = RegistrationRole::kTrainer;
        } else if (n == 0) {
          role = RegistrationRole::kChair;
        } else if (rng.Chance(0.02)) {
          role = RegistrationRole::kSpeaker;
        }
        RegistrationStatus status;
        if (e.status == "held") {
          const double r = rng.Unit();
          status = r < 0.88   ? RegistrationStatus::kAttended
                   : r < 0.96 ? RegistrationStatus::kNoShow
                              : RegistrationStatus::kCancelled;
        } else if (e.status == "cancelled") {
          status = RegistrationStatus::kCancelled;
        } else {
          status =
              rng.Chance(0.7) ? RegistrationStatus::kRegistered : RegistrationStatus::kApproved;
        }
        events::Registration reg;
        reg.id = ++next_registration;
        reg.event_id = e.id;
        reg.person_id = person;
        reg.mode = mode;
        reg.role = role;
        reg.status = status;
        reg.created_at = kStamp;
        reg.updated_at = kStamp;
        const std::int64_t rid = reg.id;
        BSG_RETURN_IF_ERROR(regs.Add(std::move(reg)));
        if (status != RegistrationStatus::kAttended) continue;
        const int attended = 1 + static_cast<int>(rng.Below(std::min(e.days, 3)));
        for (int d = 0; d < attended; ++d) {
          ParticipationMode day_mode = mode;
          if (e.mode == "hybrid" && d > 0 && rng.Chance(0.1)) {
            day_mode = mode == ParticipationMode::kRemote ? ParticipationMode::kInPerson
                                                          : ParticipationMode::kRemote;
          }
          BSG_ASSIGN_OR_RETURN(std::string day, time::AddDays(e.start, d));
          // The registration is written before the batch holding its first day.
          if (days.pending() + 1 >= kBatch) BSG_RETURN_IF_ERROR(regs.Flush());
          events::Attendance a;
          a.id = ++next_attendance;
          a.registration_id = rid;
          a.day = day;
          a.mode = day_mode;
          a.source = day_mode == ParticipationMode::kRemote ? events::AttendanceSource::kRemoteJoin
                                                            : events::AttendanceSource::kCheckin;
          a.recorded_at = day + "T09:00:00.000Z";
          BSG_RETURN_IF_ERROR(days.Add(std::move(a)));
        }
      }
      if (idx % 200 == 0) {
        report(0.15 + 0.75 * static_cast<double>(idx) / static_cast<double>(event_rows.size()));
      }
    }
    BSG_RETURN_IF_ERROR(regs.Flush());
    BSG_RETURN_IF_ERROR(days.Flush());
  }
  report(0.90);
  // Places held, as the events module keeps them.
  BSG_RETURN_IF_ERROR(event_store.RecountPlacesAbove(tx, event_base));
  report(0.93);

  // ---- management positions, spread over the study periods of the timeline
  {
    Batcher<groups::Position> batch([&](const std::vector<groups::Position>& rows) {
      return group_store.BulkLoadPositions(tx, rows);
    });
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
      std::vector<GroupRef> pool = p.study_groups;
      pool.insert(pool.end(), p.tsag.begin(), p.tsag.end());
      pool.insert(pool.end(), p.regional.begin(), p.regional.end());
      const GroupRef& g = pool[rng.Below(static_cast<std::int64_t>(pool.size()))];
      const std::int64_t r = rng.Below(100);
      const char* role = r < 3    ? "chair"
                         : r < 20 ? "vice_chair"
                         : r < 30 ? "wp_chair"
                         : r < 75 ? "rapporteur"
                                  : "associate_rapporteur";
      const std::int64_t person = person_base + 1 + rng.Below(n_people);
      if (!taken.insert({g.id, person, role}).second) continue;
      groups::Position pos;
      if (rng.Chance(0.1)) {
        pos.country = countries[rng.Below(static_cast<std::int64_t>(countries.size()))];
      }
      pos.id = ++id;
      pos.group_id = g.id;
      pos.person_id = person;
      pos.role = role;
      pos.start_date = p.start;
      pos.end_date = p.end;
      pos.note = "synthetic (example.org)";
      pos.created_at = kStamp;
      pos.updated_at = kStamp;
      BSG_RETURN_IF_ERROR(batch.Add(std::move(pos)));
    }
    BSG_RETURN_IF_ERROR(batch.Flush());
  }
  report(0.97);

  // Later inserts get ids above the loaded ones (PostgreSQL sequences).
  BSG_RETURN_IF_ERROR(registry_store.AdvanceIdSequences(tx));
  BSG_RETURN_IF_ERROR(event_store.AdvanceIdSequences(tx));
  BSG_RETURN_IF_ERROR(group_store.AdvanceIdSequences(tx));
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
  // Fresh statistics for the query planners after a bulk load. Best effort: the data is loaded
  // either way.
  if (s.ok()) (void)RefreshPlannerStatistics(db);
  return s;
}

}  // namespace bsg::reports
