// Building the progress report, and editing its wording.
//
// BuildProgressReport counts everything in one read-only transaction (so every number is as of
// the same moment), runs the section providers (sections.h) and assembles a render::Document:
//
//   Bridging the Standardization Gap      (unnumbered: pillars, Table 1, the action plan)
//   Programme 1: ...                      (unnumbered heading from the mandates module)
//     1 Geographical distribution ...     (numbered items, only those with a provider)
//     2 Remote participation
//   Programme 3: ...
//     1 Organization of BSG hands-on training sessions/workshops
//     2 Representation of developing countries in Study Group management teams
//   Sources of figures                    (written by the renderers from the provenance)
//
// A programme without any item is left out.
//
// Thread-safety: functions only; the Database is thread-safe.
#ifndef BSG_MODULES_REPORTS_REPORT_H_
#define BSG_MODULES_REPORTS_REPORT_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "modules/reports/model.h"
#include "modules/reports/rules.h"
#include "modules/reports/sections.h"
#include "platform/audit.h"
#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::reports {

struct BuildOptions {
  Window window;
  std::string language = "en";
  // Folder holding world/countries-110m.json (the map); empty: render::DefaultDataDir().
  std::string data_dir;
  // Called with the fraction done (0 to 1) as sections are counted; may be empty.
  std::function<void(double)> progress;
};

// Builds the progress report. Errors: ValidateWindow's; InvalidArgument (reports.bad_language)
// for a language other than the six UN ones; the db.* errors of the queries.
Result<Report> BuildProgressReport(db::Database& db, const BuildOptions& options);

// The window a dashboard shows when none is named (SuggestWindow in rules.h), from the events
// held up to `today`.
Result<SuggestedWindow> SuggestDashboardWindow(db::Database& db, const std::string& today);

// ---- wording

// One template of the catalogue with the wording in force for a language.
struct TemplateView {
  CatalogueEntry entry;
  std::string text;                          // the override when there is one, else the default
  std::optional<TemplateOverride> override;  // the stored override, if any
};

// Every template of the progress report in `language`. InvalidArgument (reports.bad_language).
Result<std::vector<TemplateView>> ListTemplates(db::Database& db, const std::string& language);

// A change of wording: `text` replaces the template's wording; nullopt (or a text equal to the
// default) removes the override so that the default applies again.
struct TemplateChange {
  std::string key;
  std::optional<std::string> text;
};

// Applies `changes` in one transaction, all or nothing, each recorded in the audit history
// (record type report_template, id "progress/<key>/<language>", action update or reset, with the
// wording before and after). Errors, before anything is written:
//   InvalidArgument reports.bad_language; Unprocessable reports.no_changes (empty list);
//   Unprocessable reports.unknown_template naming unknown keys in the `key` field;
//   CheckTemplate's Unprocessable reasons (unknown placeholders are all named), with the
//   template key in the message and the field "templates.<key>".
Status UpdateTemplates(db::Database& db, const AuditActor& actor,
                       std::optional<std::int64_t> user_id, const std::string& language,
                       const std::vector<TemplateChange>& changes);

}  // namespace bsg::reports

#endif  // BSG_MODULES_REPORTS_REPORT_H_
