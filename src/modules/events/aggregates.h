// The events module's statistics, set-based in SQL (aggregates_sql.cc only): events of a window by
// kind, status and country, participation in person and remotely, people trained at BSG trainings
// and events as a report lists them. They are the one implementation of these statistics: the
// module's API (stats.h: window checks, provenance, JSON) and the progress report both call them,
// so a report over hundreds of thousands of registrations costs about what the same statistics
// cost as plain SQL (bench/sections/report.sh).
//
// People and countries come from the registry's published views (registry_person_facts,
// registry_country, registry_country_class), groups from groups_group: a person merged into
// another counts once, as the survivor, with the survivor's country, gender and organization; a
// country's class is taken as of the date of the thing counted.
//
// Statistics rules (ARCHITECTURE.md): missing data is not zero. Every breakdown has an explicit
// kNotStated bucket (a person without a country, or whose country has no development class
// stated on that day, is neither developing nor developed; a gender not stated is not counted as
// any), and shares are given over the known values with the unknown count beside them.
//
// A window is [since, until], both "YYYY-MM-DD"; an event is in it when its dates overlap it.
//
// Errors: the db.* reasons of platform/db/database.h.
//
// Thread-safety: stateless; a Session is used by one thread at a time.
#ifndef BSG_MODULES_EVENTS_AGGREGATES_H_
#define BSG_MODULES_EVENTS_AGGREGATES_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::events {

inline constexpr char kNotStated[] = "not_stated";

// Events of a window by kind and status.
struct KindStatusCount {
  std::string kind;
  std::string status;
  std::int64_t count = 0;
};

struct CountryCount {
  std::optional<std::string> country;  // nullopt: events without a venue country (virtual)
  std::int64_t count = 0;
};

// Participations in the events of a window: a participation is one person at one event; it is
// in person (remote) when at least one of its attendance days is.
struct ParticipationTotals {
  std::int64_t events_held = 0;             // held events overlapping the window
  std::int64_t events_offering_remote = 0;  // ... of them hybrid or virtual
  std::int64_t events_with_remote = 0;      // events with at least one remote attendance day
  std::int64_t in_person = 0;
  std::int64_t remote = 0;
};

// Participations (person and event pairs) with an attendance day in a month, by the day's mode.
struct MonthParticipation {
  std::string month;  // YYYY-MM
  std::int64_t in_person = 0;
  std::int64_t remote = 0;
};

// One event's registrations and attendance.
struct EventParticipation {
  std::int64_t event_id = 0;
  std::string title;
  std::string kind;
  std::string start_date;
  std::string mode;
  std::int64_t registered_in_person = 0;  // active registrations (not cancelled or waitlisted)
  std::int64_t registered_remote = 0;
  std::int64_t attended_in_person = 0;  // people with an in-person attendance day
  std::int64_t attended_remote = 0;     // people with a remote attendance day
  std::int64_t attended = 0;            // people with any attendance day
};

// Counts per bucket, including kNotStated (present even when zero).
struct Breakdown {
  std::map<std::string, std::int64_t> buckets;

  std::int64_t Get(const std::string& bucket) const;
  std::int64_t Known() const;  // every bucket but kNotStated
  std::int64_t Total() const;
  // The share of `bucket` among the known values; nullopt when nothing is known.
  std::optional<double> ShareOfKnown(const std::string& bucket) const;
};

// People trained at BSG trainings: delegates with an attended registration (at least one
// attendance day), each classified as of the start of their first training counted.
struct TrainingFigures {
  std::int64_t delegates_trained = 0;
  std::int64_t countries = 0;      // distinct stated countries among them
  std::int64_t organizations = 0;  // distinct stated organizations among them
  std::int64_t trainings = 0;      // bsg_training events with at least one such delegate
  Breakdown development;           // developing | developed | not_stated
  Breakdown ldc;                   // ldc | not_ldc | not_stated
  Breakdown gender;                // female | male | other | not_stated
  Breakdown region;                // AFR AMS ARB ASP CIS EUR | not_stated
  Breakdown organization;          // known | not_stated
};

// Events by venue: held, planned (planned, confirmed or postponed) and cancelled, with their ids.
struct GeoCount {
  std::int64_t held = 0;
  std::int64_t planned = 0;
  std::int64_t cancelled = 0;
  std::vector<std::int64_t> event_ids;
};

struct CountryGeo {
  std::string iso2;
  std::string name;
  std::string region;
  GeoCount count;
};

struct Geography {
  std::vector<CountryGeo> countries;        // by country name
  std::map<std::string, GeoCount> regions;  // ITU region, plus "virtual" and kNotStated
  GeoCount total;
};

// An event as a report lists it, with the event it is collocated with and its groups.
struct ListedEvent {
  std::int64_t id = 0;
  std::string kind;
  std::string title;
  std::string start_date;
  std::string end_date;
  std::string date_precision;  // day | month
  std::optional<std::string> city;
  std::optional<std::string> country;
  std::string status;
  std::string mode;
  std::optional<std::string> parent_kind;
  std::optional<std::string> parent_title;
  struct GroupRef {
    std::string kind;  // study_group | tsag | regional_group
    std::string code;
    std::string title;
  };
  std::vector<GroupRef> groups;  // by group id
};

class Aggregates {
 public:
  Aggregates() {}
  // Events whose dates overlap [since, until], by kind and status.
  Result<std::vector<KindStatusCount>> CountEvents(db::Session& s, const std::string& since,
                                                   const std::string& until) const;
  // Up to `limit` ids of events of `kind` (and `status`, when given) overlapping the window, by
  // start date.
  Result<std::vector<std::int64_t>> EventIds(db::Session& s, const std::string& since,
                                             const std::string& until, std::string_view kind,
                                             std::optional<std::string_view> status,
                                             int limit) const;
  // Held events of `kinds` overlapping the window, by venue country.
  Result<std::vector<CountryCount>> HeldEventsByCountry(
      db::Session& s, const std::string& since, const std::string& until,
      const std::vector<std::string>& kinds) const;
  // Events (of `kind`, when given) overlapping the window by venue country and ITU region;
  // events without a country are counted under "virtual" when virtual, else kNotStated.
  Result<Geography> EventsByPlace(db::Session& s, const std::optional<std::string>& since,
                                  const std::optional<std::string>& until,
                                  std::optional<std::string_view> kind) const;
  // Participation in the events overlapping the window (cancelled events and cancelled or
  // waitlisted registrations left out).
  Result<ParticipationTotals> Participation(db::Session& s, const std::string& since,
                                            const std::string& until) const;
  // Per event overlapping the window (cancelled ones left out), by start date.
  Result<std::vector<EventParticipation>> ParticipationPerEvent(
      db::Session& s, const std::optional<std::string>& since,
      const std::optional<std::string>& until) const;
  // Participations by the month of their attendance days within the window.
  Result<std::vector<MonthParticipation>> ParticipationByMonth(
      db::Session& s, const std::optional<std::string>& since,
      const std::optional<std::string>& until) const;
  // People trained at BSG trainings whose dates overlap [since, until]; an open end reaches
  // the first (last) record.
  Result<TrainingFigures> Training(db::Session& s, const std::optional<std::string>& since,
                                   const std::optional<std::string>& until) const;
  // The same per year of the trainings' start dates (a person counts once in each year they
  // were trained in, classified as of their first training that year).
  Result<std::map<int, TrainingFigures>> TrainingByYear(
      db::Session& s, const std::optional<std::string>& since,
      const std::optional<std::string>& until) const;
  // The ids of the trainings Training() counts, by id.
  Result<std::vector<std::int64_t>> TrainingIds(db::Session& s,
                                                const std::optional<std::string>& since,
                                                const std::optional<std::string>& until) const;
  // BSG trainings for a report's training table: held ones overlapping the window, and those
  // not yet held (planned, confirmed or postponed) ending on or after `since`; cancelled ones
  // are left out. By start date.
  Result<std::vector<ListedEvent>> TrainingsForTable(db::Session& s, const std::string& since,
                                                     const std::string& until) const;
  // Held events of `kind` overlapping the window, by start date.
  Result<std::vector<ListedEvent>> HeldEvents(db::Session& s, const std::string& since,
                                              const std::string& until,
                                              std::string_view kind) const;
  // The last day of the most recent held event that started on or before `today`; nullopt when
  // no event has been held.
  Result<std::optional<std::string>> LatestHeldEventEnd(db::Session& s,
                                                        const std::string& today) const;
};

}  // namespace bsg::events

#endif  // BSG_MODULES_EVENTS_AGGREGATES_H_
