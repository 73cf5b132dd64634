// The events module's statistics as its API serves them: the date window checked, the figures
// of aggregates.h (the one, set-based implementation, also used by the progress report) read in
// one read-only transaction, and each result carrying its provenance (the window, the filters,
// the records counted, the rule and when it was computed).
//
//  - training outcomes: who was trained at BSG trainings, from how many countries and
//    organizations, the shares from developing countries and LDCs (each person's country class
//    as of their first training counted) and of women, in total and per year;
//  - geography: events by ITU region and country, held versus planned, in a date window;
//  - participation: in-person versus remote participation per event and per month.
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

#include "modules/events/aggregates.h"
#include "modules/events/model.h"
#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::events::stats {

// A date window; both ends inclusive and optional ("YYYY-MM-DD").
struct Window {
  std::optional<std::string> since;
  std::optional<std::string> until;
};
// Checks both dates; Unprocessable(events.invalid_window) naming since/until.
Status ValidateWindow(const Window& w);

struct TrainingOutcomes {
  Window window;
  std::string computed_at;
  TrainingFigures total;
  std::map<int, TrainingFigures> by_year;  // by the year of the training's start date
  std::vector<std::int64_t> event_ids;     // the trainings counted
};

// Training outcomes of bsg_training events overlapping the window.
Result<TrainingOutcomes> ComputeTrainingOutcomes(db::Database& db, const Window& window);

struct GeographyResult {
  Window window;
  std::optional<EventKind> kind;
  std::string computed_at;
  Geography figures;
};

// Events overlapping the window (optionally of one kind) by the venue's country and ITU region.
// Virtual events without a country are counted under "virtual".
Result<GeographyResult> ComputeGeography(db::Database& db, const Window& window,
                                         std::optional<EventKind> kind);

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
nlohmann::json ToJson(const GeographyResult& g);
nlohmann::json ToJson(const Participation& p);

}  // namespace bsg::events::stats

#endif  // BSG_MODULES_EVENTS_STATS_H_
