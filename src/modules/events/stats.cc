// Training outcomes, geography and participation.
#include "modules/events/stats.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "modules/events/directory.h"
#include "modules/events/rules.h"
#include "modules/events/store.h"

namespace bsg::events::stats {
namespace {

using nlohmann::json;

constexpr db::TxOptions kReadOnly{.read_only = true, .max_attempts = 5};

// People by id, resolved through merges, loaded lazily.
class People {
 public:
  explicit People(db::Session& s) : s_(s) {}

  Result<const PersonInfo*> Get(std::int64_t id) {
    if (auto it = cache_.find(id); it != cache_.end()) {
      return it->second ? &*it->second : static_cast<const PersonInfo*>(nullptr);
    }
    BSG_ASSIGN_OR_RETURN(auto p, directory::PersonById(s_, id));
    auto [it, inserted] = cache_.emplace(id, std::move(p));
    (void)inserted;
    return it->second ? &*it->second : static_cast<const PersonInfo*>(nullptr);
  }

 private:
  db::Session& s_;
  std::unordered_map<std::int64_t, std::optional<PersonInfo>> cache_;
};

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

// One trained person, classified as of the date of their (first counted) training.
struct Trainee {
  const PersonInfo* person = nullptr;
  std::string date;
};

void Accumulate(TrainingFigures& f, const std::vector<Trainee>& trainees,
                const registry::ClassIndex& countries, std::int64_t trainings) {
  std::set<std::string> country_set;
  std::set<std::int64_t> org_set;
  f.delegates_trained = static_cast<std::int64_t>(trainees.size());
  f.trainings = trainings;
  for (const Trainee& t : trainees) {
    const PersonInfo& p = *t.person;
    std::optional<registry::Classification> cls;
    if (p.country) cls = countries.On(*p.country, t.date);
    if (cls) {
      country_set.insert(*p.country);
      ++f.development.buckets[cls->developing ? "developing" : "developed"];
      ++f.ldc.buckets[cls->ldc ? "ldc" : "not_ldc"];
      ++f.region.buckets[cls->region.empty() ? kNotStated : cls->region];
    } else {
      ++f.development.buckets[kNotStated];
      ++f.ldc.buckets[kNotStated];
      ++f.region.buckets[kNotStated];
    }
    const bool known_gender = p.gender == "female" || p.gender == "male" || p.gender == "other";
    ++f.gender.buckets[known_gender ? p.gender : std::string(kNotStated)];
    if (p.organization_id) {
      org_set.insert(*p.organization_id);
      ++f.organization.buckets["known"];
    } else {
      ++f.organization.buckets[kNotStated];
    }
  }
  f.countries = static_cast<std::int64_t>(country_set.size());
  f.organizations = static_cast<std::int64_t>(org_set.size());
}

json WindowJson(const Window& w) {
  return {{"since", w.since ? json(*w.since) : json(nullptr)},
          {"until", w.until ? json(*w.until) : json(nullptr)}};
}

json CountJson(const GeoCount& c) {
  return {{"held", c.held},
          {"planned", c.planned},
          {"cancelled", c.cancelled},
          {"event_ids", c.event_ids}};
}

void Count(GeoCount& c, const Event& e) {
  switch (e.status) {
    case EventStatus::kHeld:
      ++c.held;
      break;
    case EventStatus::kCancelled:
      ++c.cancelled;
      break;
    default:
      ++c.planned;
  }
  c.event_ids.push_back(e.id);
}

}  // namespace

Status ValidateWindow(const Window& w) {
  Status::Fields f;
  if (w.since && !ParseDate(*w.since)) f["since"] = "must be a date (YYYY-MM-DD)";
  if (w.until && !ParseDate(*w.until)) f["until"] = "must be a date (YYYY-MM-DD)";
  if (f.empty() && w.since && w.until && *w.until < *w.since) {
    f["until"] = "must not be before since";
  }
  if (!f.empty()) {
    return Status::Unprocessable("events.invalid_window", "the date window is not valid", f);
  }
  return Status::Ok();
}

std::int64_t Breakdown::Get(const std::string& bucket) const {
  auto it = buckets.find(bucket);
  return it == buckets.end() ? 0 : it->second;
}

std::int64_t Breakdown::Known() const { return Total() - Get(kNotStated); }

std::int64_t Breakdown::Total() const {
  std::int64_t n = 0;
  for (const auto& [k, v] : buckets) n += v;
  return n;
}

std::optional<double> Breakdown::ShareOfKnown(const std::string& bucket) const {
  const std::int64_t known = Known();
  if (known == 0) return std::nullopt;
  return static_cast<double>(Get(bucket)) / static_cast<double>(known);
}

Result<TrainingOutcomes> ComputeTrainingOutcomes(db::Database& db, const Window& window) {
  BSG_RETURN_IF_ERROR(ValidateWindow(window));
  TrainingOutcomes out;
  out.window = window;
  out.computed_at = NowTimestamp();
  out.total = EmptyFigures();
  Status s = db.InTransaction(
      [&](db::Transaction& tx) -> Status {
        BSG_ASSIGN_OR_RETURN(std::vector<AttendanceFact> facts,
                             SqlEventStore().ListAttendanceFacts(tx, EventKind::kBsgTraining,
                                                                 window.since, window.until));
        BSG_ASSIGN_OR_RETURN(registry::ClassIndex countries, directory::Countries(tx));
        People people(tx);
        // Facts come by training date: the first one seen per person is their first training.
        std::vector<Trainee> all;
        std::set<std::int64_t> seen;
        std::set<std::int64_t> trainings;
        std::map<int, std::vector<Trainee>> per_year;
        std::map<int, std::set<std::int64_t>> seen_year, trainings_year;
        for (const AttendanceFact& f : facts) {
          // Trainers, speakers and chairs deliver a training; delegates are trained.
          if (f.status != RegistrationStatus::kAttended || f.role != RegistrationRole::kDelegate) {
            continue;
          }
          BSG_ASSIGN_OR_RETURN(const PersonInfo* p, people.Get(f.person_id));
          if (p == nullptr) continue;
          const int year = std::stoi(f.start_date.substr(0, 4));
          trainings.insert(f.event_id);
          trainings_year[year].insert(f.event_id);
          if (seen.insert(p->id).second) all.push_back({p, f.start_date});
          if (seen_year[year].insert(p->id).second) per_year[year].push_back({p, f.start_date});
        }
        Accumulate(out.total, all, countries, static_cast<std::int64_t>(trainings.size()));
        for (const auto& [year, trainees] : per_year) {
          TrainingFigures fig = EmptyFigures();
          Accumulate(fig, trainees, countries,
                     static_cast<std::int64_t>(trainings_year[year].size()));
          out.by_year[year] = fig;
        }
        out.event_ids.assign(trainings.begin(), trainings.end());
        return Status::Ok();
      },
      kReadOnly);
  if (!s.ok()) return s;
  return out;
}

Result<Geography> ComputeGeography(db::Database& db, const Window& window,
                                   std::optional<EventKind> kind) {
  BSG_RETURN_IF_ERROR(ValidateWindow(window));
  Geography out;
  out.window = window;
  out.kind = kind;
  out.computed_at = NowTimestamp();
  for (const char* r : {"AFR", "AMS", "ARB", "ASP", "CIS", "EUR", "virtual", kNotStated}) {
    out.regions[r] = GeoCount();
  }
  Status s = db.InTransaction(
      [&](db::Transaction& tx) -> Status {
        EventFilter f;
        f.kind = kind;
        f.since = window.since;
        f.until = window.until;
        f.limit = 1000000;
        BSG_ASSIGN_OR_RETURN(std::vector<Event> events, SqlEventStore().ListEvents(tx, f));
        BSG_ASSIGN_OR_RETURN(registry::ClassIndex countries, directory::Countries(tx));
        std::map<std::string, CountryGeo> by_country;
        for (const Event& e : events) {
          Count(out.total, e);
          if (!e.country) {
            Count(out.regions[e.mode == EventMode::kVirtual ? "virtual" : kNotStated], e);
            continue;
          }
          const registry::Country* c = countries.Find(*e.country);
          CountryGeo& g = by_country[*e.country];
          g.iso2 = *e.country;
          g.name = c ? c->name : *e.country;
          g.region = c ? c->region : kNotStated;
          Count(g.count, e);
          Count(out.regions[g.region], e);
        }
        for (auto& [iso2, g] : by_country) out.countries.push_back(std::move(g));
        std::sort(out.countries.begin(), out.countries.end(),
                  [](const CountryGeo& a, const CountryGeo& b) { return a.name < b.name; });
        return Status::Ok();
      },
      kReadOnly);
  if (!s.ok()) return s;
  return out;
}

Result<Participation> ComputeParticipation(db::Database& db, const Window& window) {
  BSG_RETURN_IF_ERROR(ValidateWindow(window));
  Participation out;
  out.window = window;
  out.computed_at = NowTimestamp();
  Status s = db.InTransaction(
      [&](db::Transaction& tx) -> Status {
        const EventStore& store = SqlEventStore();
        EventFilter f;
        f.since = window.since;
        f.until = window.until;
        f.limit = 1000000;
        BSG_ASSIGN_OR_RETURN(std::vector<Event> events, store.ListEvents(tx, f));
        BSG_ASSIGN_OR_RETURN(
            std::vector<AttendanceFact> facts,
            store.ListAttendanceFacts(tx, std::nullopt, window.since, window.until));
        std::map<std::int64_t, EventParticipation> by_event;
        for (const Event& e : events) {
          if (e.status == EventStatus::kCancelled) continue;
          EventParticipation& p = by_event[e.id];
          p.event_id = e.id;
          p.title = e.title;
          p.kind = e.kind;
          p.start_date = e.start_date;
          p.mode = e.mode;
        }
        for (const AttendanceFact& fact : facts) {
          auto it = by_event.find(fact.event_id);
          if (it == by_event.end()) continue;
          EventParticipation& p = it->second;
          ++(fact.registration_mode == ParticipationMode::kInPerson ? p.registered_in_person
                                                                    : p.registered_remote);
          if (fact.days_in_person > 0) ++p.attended_in_person;
          if (fact.days_remote > 0) ++p.attended_remote;
          if (fact.days_in_person + fact.days_remote > 0) ++p.attended;
        }
        for (auto& [id, p] : by_event) {
          out.attended_in_person += p.attended_in_person;
          out.attended_remote += p.attended_remote;
          out.events.push_back(std::move(p));
        }
        std::sort(out.events.begin(), out.events.end(),
                  [](const EventParticipation& a, const EventParticipation& b) {
                    return a.start_date != b.start_date ? a.start_date < b.start_date
                                                        : a.event_id < b.event_id;
                  });
        BSG_ASSIGN_OR_RETURN(std::vector<AttendanceDay> days,
                             store.ListAttendanceDays(tx, window.since, window.until));
        std::map<std::string, std::set<std::pair<std::int64_t, std::int64_t>>> in_person, remote;
        std::set<std::string> months;
        for (const AttendanceDay& d : days) {
          const std::string month = d.day.substr(0, 7);
          months.insert(month);
          (d.mode == ParticipationMode::kInPerson ? in_person : remote)[month].insert(
              {d.person_id, d.event_id});
        }
        for (const std::string& m : months) {
          out.months.push_back({m, static_cast<std::int64_t>(in_person[m].size()),
                                static_cast<std::int64_t>(remote[m].size())});
        }
        return Status::Ok();
      },
      kReadOnly);
  if (!s.ok()) return s;
  return out;
}

json ToJson(const Breakdown& b) {
  json shares = json::object();
  for (const auto& [k, v] : b.buckets) {
    if (k == kNotStated) continue;
    auto share = b.ShareOfKnown(k);
    shares[k] = share ? json(*share) : json(nullptr);
  }
  return {{"counts", b.buckets},
          {"known", b.Known()},
          {"total", b.Total()},
          {"share_of_known", shares}};
}

namespace {
json FiguresJson(const TrainingFigures& f) {
  return {{"delegates_trained", f.delegates_trained},
          {"countries", f.countries},
          {"organizations", f.organizations},
          {"trainings", f.trainings},
          {"development", ToJson(f.development)},
          {"ldc", ToJson(f.ldc)},
          {"gender", ToJson(f.gender)},
          {"region", ToJson(f.region)},
          {"organization", ToJson(f.organization)}};
}
}  // namespace

json ToJson(const TrainingOutcomes& t) {
  json years = json::array();
  for (const auto& [year, f] : t.by_year) {
    json y = FiguresJson(f);
    y["year"] = year;
    years.push_back(y);
  }
  return {{"window", WindowJson(t.window)},
          {"total", FiguresJson(t.total)},
          {"by_year", years},
          {"provenance",
           {{"computed_at", t.computed_at},
            {"definition",
             "distinct people registered as delegates with an attended registration (at least one "
             "attendance day) at "
             "bsg_training events overlapping the window; country classes as of the date of "
             "each person's first counted training; unknown country or gender in not_stated"},
            {"event_ids", t.event_ids}}}};
}

json ToJson(const Geography& g) {
  json countries = json::array();
  for (const auto& c : g.countries) {
    json j = CountJson(c.count);
    j["iso2"] = c.iso2;
    j["name"] = c.name;
    j["region"] = c.region;
    countries.push_back(j);
  }
  json regions = json::object();
  for (const auto& [r, c] : g.regions) regions[r] = CountJson(c);
  return {{"window", WindowJson(g.window)},
          {"kind", g.kind ? json(Name(*g.kind)) : json(nullptr)},
          {"countries", countries},
          {"regions", regions},
          {"total", CountJson(g.total)},
          {"provenance",
           {{"computed_at", g.computed_at},
            {"definition",
             "events whose dates overlap the window, by the venue country's ITU region; held = "
             "status held, planned = planned, confirmed or postponed"}}}};
}

json ToJson(const Participation& p) {
  json events = json::array();
  for (const auto& e : p.events) {
    events.push_back({{"event_id", e.event_id},
                      {"title", e.title},
                      {"kind", Name(e.kind)},
                      {"start_date", e.start_date},
                      {"mode", Name(e.mode)},
                      {"registered_in_person", e.registered_in_person},
                      {"registered_remote", e.registered_remote},
                      {"attended_in_person", e.attended_in_person},
                      {"attended_remote", e.attended_remote},
                      {"attended", e.attended}});
  }
  json months = json::array();
  for (const auto& m : p.months) {
    months.push_back({{"month", m.month}, {"in_person", m.in_person}, {"remote", m.remote}});
  }
  return {{"window", WindowJson(p.window)},
          {"events", events},
          {"months", months},
          {"attended_in_person", p.attended_in_person},
          {"attended_remote", p.attended_remote},
          {"provenance",
           {{"computed_at", p.computed_at},
            {"definition",
             "per event: active registrations by mode, and distinct people with at least one "
             "attendance day in person / remotely; per month: distinct (person, event) pairs "
             "with an attendance day in that month, by the day's mode"}}}};
}

}  // namespace bsg::events::stats
