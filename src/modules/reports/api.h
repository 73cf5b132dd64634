// The reports HTTP API (tag "reports"):
//
//   GET /api/reports/progress?since=&until=&language=&format=json|html|pdf|csv|svg|png
//                            &table=N&figure=N                                   public
//       the progress report; json (the default) is the report model with provenance and the
//       list of tables and figures; csv needs table= or figure=, svg and png need figure=.
//   GET /api/reports/progress.pdf | .html | .csv | .svg | .png   (same parameters)  public
//       the same downloads, one content type per route (for the OpenAPI description).
//   GET /api/reports/progress/templates?language=en                               public
//   PUT /api/reports/progress/templates                            admin, officer (CSRF, audited)
//   GET /api/reports/dashboard?since=&until=&language=                            public
//   GET /api/reports/suggested-window                                             public
//       the window the dashboard shows when none is named, and why
//
// Window defaults: until = today (UTC), since = 364 days before until. The dashboard without
// since and until shows the suggested window (SuggestWindow, rules.h) and says why.
#ifndef BSG_MODULES_REPORTS_API_H_
#define BSG_MODULES_REPORTS_API_H_

#include <cstddef>
#include <string>

#include "platform/db/database.h"
#include "platform/http/router.h"

namespace bsg::reports {

struct ApiOptions {
  std::string data_dir;  // the world map's data folder; empty: render::DefaultDataDir()
  // Built documents kept (http::ResponseCache), by the data version they were built from.
  std::size_t cache_bytes = 64 * 1024 * 1024;
};

// Adds the reports routes. `db` must outlive the router's use.
void RegisterReportsRoutes(http::Router& router, db::Database& db, const ApiOptions& options);

}  // namespace bsg::reports

#endif  // BSG_MODULES_REPORTS_API_H_
