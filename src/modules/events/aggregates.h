// Set-based statistics over the events tables for reports (SQL in aggregates_sql.cc only): events
// of a window by kind, status and country, participation in person and remotely, people trained
// at BSG trainings, and events as a report lists them. They are aggregate queries so that a report
// over hundreds of thousands of registrations costs about what the same statistics cost as plain
// SQL (bench/sections/report.sh); their definitions are those of stats.h, and the reports
// module's tests check that both agree on both backends.
//
// A window is [since, until], both "YYYY-MM-DD"; an event is in it when its dates overlap it.
//
// Errors: the db.* reasons of platform/db/database.h.
//
// Thread-safety: stateless; a Session is used by one thread at a time.
#ifndef BSG_MODULES_EVENTS_AGGREGATES_H_
#define BSG_MODULES_EVENTS_AGGREGATES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::events {

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

struct MonthSplit {
  std::string month;  // YYYY-MM
  std::int64_t in_person = 0;
  std::int64_t remote = 0;
};

// People trained at BSG trainings: delegates with an attended registration (at least one
// attendance day); a merged-away person counts as the person they were merged into.
struct TrainingTotals {
  std::int64_t delegates = 0;
  std::int64_t countries = 0;      // distinct countries of those delegates (stated ones)
  std::int64_t organizations = 0;  // distinct organizations (stated ones)
  std::int64_t trainings = 0;      // trainings with at least one such delegate
  std::int64_t no_country = 0;     // delegates without a stated country
  std::int64_t no_organization = 0;
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
  // Participation in the events overlapping the window (cancelled events and cancelled or
  // waitlisted registrations left out).
  Result<ParticipationTotals> Participation(db::Session& s, const std::string& since,
                                            const std::string& until) const;
  // Participations by the month of their attendance days within the window.
  Result<std::vector<MonthSplit>> ParticipationByMonth(db::Session& s, const std::string& since,
                                                       const std::string& until) const;
  // People trained at BSG trainings whose dates overlap [since, until]; since nullopt: from the
  // beginning.
  Result<TrainingTotals> Training(db::Session& s, const std::optional<std::string>& since,
                                  const std::string& until) const;
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
