// The platform's own routes: health, metrics and the OpenAPI document (see builtin_routes.h).
#include "platform/http/builtin_routes.h"

#include <chrono>
#include <memory>
#include <mutex>

#include "platform/db/migrate.h"
#include "platform/http/openapi.h"

namespace bsg::http {
namespace {

// How long a computed health answer is served before the database is asked again.
constexpr std::chrono::milliseconds kHealthCacheFor{1000};

class HealthCheck {
 public:
  HealthCheck(db::Database* db, std::string version) : db_(db), version_(std::move(version)) {}

  Response Get() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (cached_ && std::chrono::steady_clock::now() < expires_) return *cached_;
    }
    // One thread asks the database; the others keep answering the stale value meanwhile, so a
    // slow database never piles up health requests.
    std::unique_lock<std::mutex> refresh(refresh_mu_, std::try_to_lock);
    if (!refresh.owns_lock()) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (cached_) return *cached_;
      }
      refresh.lock();  // the very first answer: wait for it
      std::lock_guard<std::mutex> lock(mu_);
      if (cached_ && std::chrono::steady_clock::now() < expires_) return *cached_;
    }
    Response fresh = Compute();
    std::lock_guard<std::mutex> lock(mu_);
    cached_ = fresh;
    expires_ = std::chrono::steady_clock::now() + kHealthCacheFor;
    return fresh;
  }

 private:
  // Runs under refresh_mu_, so at most one thread asks the database at a time.
  Response Compute() {
    nlohmann::ordered_json body = nlohmann::ordered_json::object();
    bool ok = true;
    body["status"] = "ok";
    body["version"] = version_;
    if (db_ != nullptr) {
      nlohmann::ordered_json database = nlohmann::ordered_json::object();
      database["kind"] = std::string(db::KindName(db_->kind()));
      const bool reachable = db_->Ping().ok();
      database["reachable"] = reachable;
      database["schema_version"] = nullptr;
      if (reachable) {
        Result<int> version = db::CurrentSchemaVersion(*db_);
        if (version.ok()) {
          database["schema_version"] = *version;
        } else {
          ok = false;
        }
      } else {
        ok = false;
      }
      body["database"] = std::move(database);
    }
    if (!ok) body["status"] = "degraded";
    Response r;
    r.status = ok ? 200 : 503;
    r.body = body.dump();
    r.SetHeader("Cache-Control", "no-store");
    return r;
  }

  db::Database* db_;
  std::string version_;
  std::mutex refresh_mu_;  // held while computing
  std::mutex mu_;
  std::optional<Response> cached_;                 // GUARDED_BY(mu_)
  std::chrono::steady_clock::time_point expires_;  // GUARDED_BY(mu_)
};

nlohmann::json ObjectSchema(std::initializer_list<std::pair<const char*, nlohmann::json>> props,
                            std::vector<std::string> required) {
  nlohmann::json properties = nlohmann::json::object();
  for (const auto& [name, schema] : props) properties[name] = schema;
  return nlohmann::json{{"type", "object"}, {"required", required}, {"properties", properties}};
}

}  // namespace

void RegisterPlatformRoutes(Router& router, const PlatformRoutesDeps& deps) {
  auto health = std::make_shared<HealthCheck>(deps.db, deps.version);
  Route health_route;
  health_route.method = Method::kGet;
  health_route.pattern = "/api/health";
  health_route.policy = Policy::Public();
  health_route.handler = [health](Request&) -> Result<Response> { return health->Get(); };
  health_route.doc.summary = "Service health";
  health_route.doc.tag = "platform";
  health_route.doc.response_schema = ObjectSchema(
      {{"status", {{"type", "string"}, {"enum", {"ok", "degraded"}}}},
       {"version", {{"type", "string"}}},
       {"database",
        ObjectSchema({{"kind", {{"type", "string"}, {"enum", {"sqlite", "postgresql"}}}},
                      {"reachable", {{"type", "boolean"}}},
                      {"schema_version", {{"type", {"integer", "null"}}}}},
                     {"kind", "reachable", "schema_version"})}},
      {"status", "version"});
  health_route.doc.error_statuses = {503};
  router.Add(std::move(health_route));

  if (deps.metrics != nullptr) {
    Metrics* metrics = deps.metrics;
    metrics->SetDatabase(deps.db);
    Route metrics_route;
    metrics_route.method = Method::kGet;
    metrics_route.pattern = "/metrics";
    // Every route's traffic: admins only. A Prometheus scraper authenticates with an admin's API
    // token (`Authorization: Bearer bsg_...`; a read-scope token will do).
    metrics_route.policy = Policy::Roles({"admin"});
    metrics_route.handler = [metrics](Request&) -> Result<Response> {
      Response r = Response::Text(metrics->Render(), "text/plain; version=0.0.4; charset=utf-8");
      r.SetHeader("Cache-Control", "no-store");
      return r;
    };
    metrics_route.doc.summary = "Prometheus metrics";
    metrics_route.doc.tag = "platform";
    metrics_route.doc.response_content_type = "text/plain";
    metrics_route.doc.response_schema = {{"type", "string"}};
    router.Add(std::move(metrics_route));
  }

  struct OpenApiCache {
    std::once_flag once;
    std::string body;
  };
  auto cache = std::make_shared<OpenApiCache>();
  const Router* router_ptr = &router;
  OpenApiInfo info;
  info.version = deps.version.empty() ? "0.0.0" : deps.version;
  Route openapi_route;
  openapi_route.method = Method::kGet;
  openapi_route.pattern = "/api/openapi.json";
  openapi_route.policy = Policy::Public();
  openapi_route.handler = [cache, router_ptr, info](Request&) -> Result<Response> {
    std::call_once(cache->once, [&] { cache->body = BuildOpenApi(*router_ptr, info).dump(2); });
    Response r;
    r.body = cache->body;
    return r;
  };
  openapi_route.doc.summary = "OpenAPI document of this API";
  openapi_route.doc.tag = "platform";
  openapi_route.doc.response_schema = {{"type", "object"}};
  router.Add(std::move(openapi_route));
}

}  // namespace bsg::http
