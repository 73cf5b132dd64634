// The events API's statistics: window checks, one read-only transaction over aggregates.h, JSON
// with provenance.
#include "modules/events/stats.h"

#include "platform/time/clock.h"
#include "platform/time/date.h"

namespace bsg::events::stats {
namespace {

using nlohmann::json;

constexpr db::TxOptions kReadOnly{.read_only = true, .max_attempts = 5};

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

// Runs `read` in one read-only transaction after checking the window.
template <typename Fn>
Status ReadStats(db::Database& db, const Window& window, Fn read) {
  BSG_RETURN_IF_ERROR(ValidateWindow(window));
  return db.InTransaction([&](db::Transaction& tx) -> Status { return read(tx); }, kReadOnly);
}

}  // namespace

Status ValidateWindow(const Window& w) {
  Status::Fields f;
  if (w.since && !time::IsIsoDate(*w.since)) f["since"] = "must be a date (YYYY-MM-DD)";
  if (w.until && !time::IsIsoDate(*w.until)) f["until"] = "must be a date (YYYY-MM-DD)";
  if (f.empty() && w.since && w.until && *w.until < *w.since) {
    f["until"] = "must not be before since";
  }
  if (!f.empty()) {
    return Status::Unprocessable("events.invalid_window", "the date window is not valid", f);
  }
  return Status::Ok();
}

Result<TrainingOutcomes> ComputeTrainingOutcomes(db::Database& db, const Window& window) {
  TrainingOutcomes out;
  out.window = window;
  out.computed_at = time::CurrentTimestamp();
  const Aggregates stats;
  BSG_RETURN_IF_ERROR(ReadStats(db, window, [&](db::Transaction& tx) -> Status {
    BSG_ASSIGN_OR_RETURN(out.total, stats.Training(tx, window.since, window.until));
    BSG_ASSIGN_OR_RETURN(out.by_year, stats.TrainingByYear(tx, window.since, window.until));
    BSG_ASSIGN_OR_RETURN(out.event_ids, stats.TrainingIds(tx, window.since, window.until));
    return Status::Ok();
  }));
  return out;
}

Result<GeographyResult> ComputeGeography(db::Database& db, const Window& window,
                                         std::optional<EventKind> kind) {
  GeographyResult out;
  out.window = window;
  out.kind = kind;
  out.computed_at = time::CurrentTimestamp();
  BSG_RETURN_IF_ERROR(ReadStats(db, window, [&](db::Transaction& tx) -> Status {
    std::optional<std::string_view> kind_name;
    if (kind) kind_name = Name(*kind);
    BSG_ASSIGN_OR_RETURN(out.figures,
                         Aggregates().EventsByPlace(tx, window.since, window.until, kind_name));
    return Status::Ok();
  }));
  return out;
}

Result<Participation> ComputeParticipation(db::Database& db, const Window& window) {
  Participation out;
  out.window = window;
  out.computed_at = time::CurrentTimestamp();
  const Aggregates stats;
  BSG_RETURN_IF_ERROR(ReadStats(db, window, [&](db::Transaction& tx) -> Status {
    BSG_ASSIGN_OR_RETURN(out.events, stats.ParticipationPerEvent(tx, window.since, window.until));
    BSG_ASSIGN_OR_RETURN(out.months, stats.ParticipationByMonth(tx, window.since, window.until));
    return Status::Ok();
  }));
  for (const EventParticipation& e : out.events) {
    out.attended_in_person += e.attended_in_person;
    out.attended_remote += e.attended_remote;
  }
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
             "attendance day) at bsg_training events overlapping the window, a person merged into "
             "another counted once as the survivor; country classes as of the start of each "
             "person's first counted training; a country with no development class stated on "
             "that day, an unknown country or gender in not_stated"},
            {"event_ids", t.event_ids}}}};
}

json ToJson(const GeographyResult& g) {
  json countries = json::array();
  for (const auto& c : g.figures.countries) {
    json j = CountJson(c.count);
    j["iso2"] = c.iso2;
    j["name"] = c.name;
    j["region"] = c.region;
    countries.push_back(j);
  }
  json regions = json::object();
  for (const auto& [r, c] : g.figures.regions) regions[r] = CountJson(c);
  return {{"window", WindowJson(g.window)},
          {"kind", g.kind ? json(Name(*g.kind)) : json(nullptr)},
          {"countries", countries},
          {"regions", regions},
          {"total", CountJson(g.figures.total)},
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
                      {"kind", e.kind},
                      {"start_date", e.start_date},
                      {"mode", e.mode},
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
             "per event: active registrations by mode, and people with at least one attendance "
             "day in person / remotely; per month: participations (one person at one event) "
             "with an attendance day in that month, by the day's mode"}}}};
}

}  // namespace bsg::events::stats
