// Storage of the reports module (SQL in store_sql.cc only): the table this module owns,
// report_template_override, the wording officers give a report's paragraphs, per report kind and
// language. The statistics a report counts come from the other modules' stores
// (events/aggregates.h, groups/store.h).
//
// Errors: the db.* reasons of platform/db/database.h.
//
// Thread-safety: stateless; a Session is used by one thread at a time.
#ifndef BSG_MODULES_REPORTS_STORE_H_
#define BSG_MODULES_REPORTS_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/reports/model.h"
#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::reports {

class TemplateStore {
 public:
  TemplateStore() {}
  // The overrides of one report kind in one language, by paragraph key.
  Result<std::vector<TemplateOverride>> List(db::Session& s, std::string_view report_key,
                                             std::string_view language) const;
  Result<std::optional<TemplateOverride>> Find(db::Session& s, std::string_view report_key,
                                               std::string_view paragraph_key,
                                               std::string_view language) const;
  // Inserts or replaces the override of (report_key, paragraph_key, language).
  Status Put(db::Session& s, const TemplateOverride& o) const;
  // Removes an override (the default wording applies again); ok when there was none.
  Status Remove(db::Session& s, std::string_view report_key, std::string_view paragraph_key,
                std::string_view language) const;
};

// Refreshes the query planners' statistics after a bulk load (ANALYZE; VACUUM ANALYZE on
// PostgreSQL, which also sets the visibility map so that index-only scans work before autovacuum
// gets there). Runs outside any transaction, on `db` itself.
Status RefreshPlannerStatistics(db::Database& db);

}  // namespace bsg::reports

#endif  // BSG_MODULES_REPORTS_STORE_H_
