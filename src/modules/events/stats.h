// Statistics of the events module, for the API and for the progress report (the reports module
// calls these directly with its db::Database&):
//
//  - training outcomes: who was trained at BSG trainings (distinct people whose registration is
//    attended), from how many countries and organizations, the shares from developing countries
//    and LDCs (each person's country class AS OF the date of their training, from the registry's
//    dated classes) and of women, in total and per year;
//  - geography: events by ITU region and country, held versus planned, in a date window;
//  - participation: in-person versus remote participation per event and per month.
//
// Statistics rules (ARCHITECTURE.md): missing data is not zero. Every breakdown has an explicit
// "not_stated" bucket (a person without a country is neither developing nor developed; a person
// whose gender is not stated is not counted as a man or a woman), and shares are given over the
// known values with the unknown count beside them. Every result carries its provenance: the
// window, the filters, the records counted and the time it was computed.
//
// Thread-safety: functions only; the Database is thread-safe.
#ifndef BSG_MODULES_EVENTS_STATS_H_
#define BSG_MODULES_EVENTS_STATS_H_

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "modules/events/model.h"
#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::events::stats {

inline constexpr char kNotStated[] = "not_stated";

// A date window; both ends inclusive and optional ("YYYY-MM-DD").
struct Window {
  std::optional<std::string> since;
  std::optional<std::string> until;
};
// Checks both dates; Unprocessable(events.invalid_window) naming since/until.
Status ValidateWindow(const Window& w);

// Counts per bucket, including kNotStated (present even when zero).
struct Breakdown {
  std::map<std::string, std::int64_t> buckets;

  std::int64_t Get(const std::string& bucket) const;
  std::int64_t Known() const;  // every bucket but kNotStated
  std::int64_t Total() const;
  // The share of `bucket` among the known values; nullopt when nothing is known.
  std::optional<double> ShareOfKnown(const std::string& bucket) const;
};

struct TrainingFigures {
  std::int64_t delegates_trained = 0;  // distinct delegates with an attended registration
  std::int64_t countries = 0;          // distinct known countries among them
  std::int64_t organizations = 0;      // distinct known organizations among them
  std::int64_t trainings = 0;          // bsg_training events with at least one attendee
  Breakdown development;               // developing | developed | not_stated
  Breakdown ldc;                       // ldc | not_ldc | not_stated
  Breakdown gender;                    // female | male | other | not_stated
  Breakdown region;                    // AFR AMS ARB ASP CIS EUR | not_stated
  Breakdown organization;              // known | not_stated
};

struct TrainingOutcomes {
  Window window;
  std::string computed_at;
  TrainingFigures total;
  std::map<int, TrainingFigures> by_year;  // by the year of the training's start date
  std::vector<std::int64_t> event_ids;     // the trainings counted
};

// Training outcomes of bsg_training events overlapping the window.
Result<TrainingOutcomes> ComputeTrainingOutcomes(db::Database& db, const Window& window);

struct GeoCount {
  std::int64_t held = 0;
  std::int64_t planned = 0;  // planned, confirmed or postponed
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
  Window window;
  std::optional<EventKind> kind;
  std::string computed_at;
  std::vector<CountryGeo> countries;        // by country name
  std::map<std::string, GeoCount> regions;  // ITU region, plus "virtual" and kNotStated
  GeoCount total;
};

// Events overlapping the window (optionally of one kind) by the venue's country and ITU region.
// Virtual events without a country are counted under "virtual".
Result<Geography> ComputeGeography(db::Database& db, const Window& window,
                                   std::optional<EventKind> kind);

struct EventParticipation {
  std::int64_t event_id = 0;
  std::string title;
  EventKind kind = EventKind::kOtherForum;
  std::string start_date;
  EventMode mode = EventMode::kInPerson;
  std::int64_t registered_in_person = 0;  // active registrations (not cancelled or waitlisted)
  std::int64_t registered_remote = 0;
  std::int64_t attended_in_person = 0;  // distinct people with an in-person attendance day
  std::int64_t attended_remote = 0;     // distinct people with a remote attendance day
  std::int64_t attended = 0;            // distinct people with any attendance day
};

struct MonthParticipation {
  std::string month;           // YYYY-MM
  std::int64_t in_person = 0;  // distinct (person, event) pairs with an in-person day that month
  std::int64_t remote = 0;
};

struct Participation {
  Window window;
  std::string computed_at;
  std::vector<EventParticipation> events;
  std::vector<MonthParticipation> months;
  std::int64_t attended_in_person = 0;  // sums over events
  std::int64_t attended_remote = 0;
};

Result<Participation> ComputeParticipation(db::Database& db, const Window& window);

nlohmann::json ToJson(const Breakdown& b);
nlohmann::json ToJson(const TrainingOutcomes& t);
nlohmann::json ToJson(const Geography& g);
nlohmann::json ToJson(const Participation& p);

}  // namespace bsg::events::stats

#endif  // BSG_MODULES_EVENTS_STATS_H_
