// The events module's part of the demo programme: the meetings, forums and trainings of the
// 2019-2020 progress report (Table 2 and section 2 of Programme 1), earlier BSG trainings back to
// 2016, and made-up participants (names from a deterministic generator, emails on example.org)
// created through the registry's store, with registrations and attendance. The report counts
// these records; nothing is hard-coded in it.
//
// Idempotent: events are found by their code ("demo-..."), people by email, organizations by
// name; only what is missing is created.
#ifndef BSG_MODULES_EVENTS_SEED_H_
#define BSG_MODULES_EVENTS_SEED_H_

#include <cstdint>

#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::events {

struct SeedSummary {
  int events_created = 0;
  int people_created = 0;
  int organizations_created = 0;
  int registrations_created = 0;
  int attendance_days = 0;
};

// Loads the demo events. Needs the registry's countries and the groups and mandates reference
// data (migrations 0003-0005).
Result<SeedSummary> SeedDemoEvents(db::Database& db);

}  // namespace bsg::events

#endif  // BSG_MODULES_EVENTS_SEED_H_
