// The platform's own routes, registered before any module's:
//   GET /api/health        public; {"status":"ok"|"degraded","version","database":{...}}, 503
//                          when degraded. Computed at most once a second and cached, so load
//                          balancers may poll it hard without touching the database.
//   GET /metrics           admins only: Prometheus text format 0.0.4 (only when deps.metrics is
//                          set). A Prometheus scraper authenticates with an admin's API token
//                          (`authorization: {credentials_file: ...}` in its scrape config).
//   GET /api/openapi.json  public; the OpenAPI 3.1 document of every route in the router,
//                          built on first request and then cached.
//
// Thread-safety: RegisterPlatformRoutes runs before the server starts; the handlers it adds are
// thread-safe.
#ifndef BSG_PLATFORM_HTTP_BUILTIN_ROUTES_H_
#define BSG_PLATFORM_HTTP_BUILTIN_ROUTES_H_

#include <string>

#include "platform/db/database.h"
#include "platform/http/metrics.h"
#include "platform/http/router.h"

namespace bsg::http {

struct PlatformRoutesDeps {
  db::Database* db = nullptr;  // nullptr: health has no "database" part
  Metrics* metrics = nullptr;  // nullptr: no /metrics route
  std::string version;         // reported by health and in the OpenAPI info
};

// Adds the routes above to `router`, and the database pool gauges to deps.metrics. The
// dependencies, and `router` itself (for the OpenAPI document), must outlive the server: do not
// move or copy the router after this call.
void RegisterPlatformRoutes(Router& router, const PlatformRoutesDeps& deps);

}  // namespace bsg::http

#endif  // BSG_PLATFORM_HTTP_BUILTIN_ROUTES_H_
