// Route registration: every route declares its method, path pattern, policy (who may call it)
// and its documentation, from which /api/openapi.json is generated.
//
// Patterns use `{name}` for a text segment and `{name:int}` for a signed 64-bit integer segment:
// "/api/events/{id:int}/registrations". A request whose segment does not fit the type gets 404.
// A parameter may be followed by a literal suffix within its segment: "/api/events/{id:int}.ics"
// matches "/api/events/12.ics" with id "12" (the parameter must not be empty).
//
// A literal segment wins over a parameter, a longer suffix over a shorter one, and `{name:int}`
// is tried before `{name}`: "/api/events/mine" beats "/api/events/{id:int}.ics", which beats
// "/api/events/{id:int}", which beats "/api/events/{slug}". HEAD requests are served by the GET
// route of a path unless a HEAD route is registered.
//
// A route registered without a policy, or two routes with the same method and pattern, make
// Router::Validate fail, and `bsg serve` refuses to start.
//
// Thread-safety: routes are added before the server starts; lookups are then read-only.
#ifndef BSG_PLATFORM_HTTP_ROUTER_H_
#define BSG_PLATFORM_HTTP_ROUTER_H_

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "platform/http/request.h"
#include "platform/http/response.h"
#include "platform/status.h"

namespace bsg::http {

// Who may call a route.
//  - Public(): anyone, signed in or not.
//  - SignedIn(): any authenticated principal.
//  - Roles({...}): a principal holding at least one of the roles. `admin` is not implied: list it.
// CountryScoped(role, param) narrows one listed role to requests whose path or query parameter
// `param` equals the principal's country (Principal::country); the other listed roles are not
// narrowed. The platform gives no role a meaning: the module that defines roles says which one
// is scoped (identity's focal point: Roles({"officer", "focal_point"}).CountryScoped(
// "focal_point", "country")).
struct Policy {
  bool is_public = false;
  std::set<std::string> roles;  // empty with is_public=false: any signed-in principal
  std::string scoped_role;      // the role narrowed to its own country; empty: none
  std::string country_param;    // the parameter naming the country of the request

  static Policy Public() { return Policy{true, {}, {}, {}}; }
  static Policy SignedIn() { return Policy{false, {}, {}, {}}; }
  static Policy Roles(std::set<std::string> roles) {
    return Policy{false, std::move(roles), {}, {}};
  }
  Policy CountryScoped(std::string role, std::string param) const {
    Policy p = *this;
    p.scoped_role = std::move(role);
    p.country_param = std::move(param);
    return p;
  }

  // Allows or denies `principal` (nullopt: anonymous) for `request`.
  // Returns Unauthenticated (401) for anonymous callers of non-public routes and
  // PermissionDenied (403) for a principal without a listed role or outside its country scope.
  Status Check(const std::optional<Principal>& principal, const Request& request) const;
  // Human-readable summary for OpenAPI: "public", "signed in", "roles: admin, officer", and for
  // a scoped role "roles: admin, focal_point; focal_point only for its own country (parameter
  // 'country')".
  std::string Describe() const;
};

struct ParamDoc {
  std::string name;
  std::string type = "string";  // "string" | "integer" | "boolean" | "number"
  bool required = false;
  std::string description;
  std::optional<nlohmann::json> enum_values;  // JSON array of allowed values
};

struct RouteDoc {
  std::string summary;
  std::string tag;                               // the module: "platform", "identity", ...
  std::vector<ParamDoc> query_params;            // path params are derived from the pattern
  std::optional<nlohmann::json> request_schema;  // JSON Schema of the body
  nlohmann::json response_schema = nlohmann::json::object();  // JSON Schema of a 2xx body
  std::string response_content_type = "application/json";
  int success_status = 200;
  std::vector<int> error_statuses;  // besides the ones the policy implies (401, 403)
};

using Handler = std::function<Result<Response>(Request&)>;

// What answering a route costs. Heavy routes (documents and figures built from the records) run
// their handler on the server's bounded pool of heavy workers, apart from the threads that answer
// everything else, so that health checks and lists stay fast while documents are built; when that
// pool's queue is full they get 503 with Retry-After. Route::cached answers what is already built
// without going there.
enum class Cost { kCheap, kHeavy };

struct Route {
  Method method = Method::kGet;
  std::string pattern;
  std::optional<Policy> policy;  // required; std::nullopt makes Validate fail
  Handler handler;
  RouteDoc doc;
  // Skip the CSRF check for a state-changing route that starts a session (sign-in).
  bool csrf_exempt = false;
  Cost cost = Cost::kCheap;
  // A heavy route's answer from a cache, on the request threads (after the policy and CSRF
  // checks): a response, or nullopt to run the handler on the heavy workers.
  std::function<std::optional<Response>(Request&)> cached = nullptr;
  // A read whose answer depends only on the request (path and query), the caller (user, roles,
  // country), today's date and the modules' data: the server keeps its answers under a key of
  // those and the data version (ServerOptions::data_version), so a repeat is answered from memory
  // and a revalidation (If-None-Match) with 304, both without running the handler, until a
  // write changes the data. GET only; never for answers that read identity's records (sessions,
  // tokens, the audit trail), which have no data version.
  bool versioned = false;
};

class Router {
 public:
  Router();
  ~Router();
  Router(const Router& other);
  Router& operator=(const Router& other);
  Router(Router&& other) noexcept;
  Router& operator=(Router&& other) noexcept;

  void Add(Route route);
  // Fails (reason router.missing_policy, router.missing_handler, router.duplicate_route,
  // router.bad_pattern) naming the offending route. duplicate_route: the same method and a
  // pattern that differs only in parameter names ("/api/x/{id}" and "/api/x/{name}"). Besides
  // malformed patterns, bad_pattern covers a route outside /api/ (other than /metrics), which
  // the server would never reach.
  Status Validate() const;

  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> path_params;
  };
  // NotFound (route.not_found) when no pattern matches the path; MethodNotAllowed
  // (route.method_not_allowed) when one matches for another method, with the accepted methods
  // in the `allow` field ("GET, HEAD, POST"). `path` is the decoded path, no query string.
  // Routes with malformed patterns are never found.
  Result<Match> Find(Method method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Index;  // a trie of path segments over routes_, kept in step by Add

  std::vector<Route> routes_;
  std::unique_ptr<Index> index_;
};

}  // namespace bsg::http

#endif  // BSG_PLATFORM_HTTP_ROUTER_H_
