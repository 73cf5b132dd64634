// A synthetic programme for benchmarks: at scale 1 about ITU-T's size over ten years
// (2013-2022): about 20,000 people, 1,500 organizations, 3,000 events, 200,000 registrations
// with their attendance days, and 10,000 management positions; scale N multiplies every count.
//
// The data is consistent (registrations only for existing people and events, attendance only on
// event days, held events in the past of the timeline and planned ones after mid-2022, positions
// in the study periods' groups), deterministic (a fixed-seed generator: the same scale gives the
// same rows) and visibly made up: names "Synthetic ...", emails and titles on example.org.
//
// It is written through the owning modules' bulk-load entry points (registry::Store,
// events::EventStore, groups::Store: BulkLoad*, which use COPY on PostgreSQL and one prepared
// INSERT on SQLite) in one transaction, 20,000 rows per call, with explicit ids above the largest
// existing ones (and each module's id sequences moved past them afterwards).
//
// Thread-safety: one call at a time per database.
#ifndef BSG_MODULES_REPORTS_SYNTHETIC_H_
#define BSG_MODULES_REPORTS_SYNTHETIC_H_

#include <functional>

#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::reports {

// Loads the synthetic programme at `scale` (0 < scale <= 100) into a migrated database,
// calling `progress` (may be empty) with the fraction done, 0 to 1. Errors:
//   InvalidArgument reports.bad_scale        scale out of range
//   Conflict reports.synthetic_exists        the database already holds synthetic data
//   the errors of the modules' bulk loads (nothing is kept: it is one transaction).
Status SeedSynthetic(db::Database& db, double scale, std::function<void(double)> progress);

}  // namespace bsg::reports

#endif  // BSG_MODULES_REPORTS_SYNTHETIC_H_
