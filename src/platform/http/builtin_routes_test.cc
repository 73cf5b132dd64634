// Tests of the platform routes (health, metrics, OpenAPI) and of the OpenAPI generator.
#include "platform/http/builtin_routes.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "platform/http/openapi.h"

namespace bsg::http {
namespace {

// A database whose reachability the test controls; counts pings.
class FakeDatabase : public db::Database {
 public:
  db::Kind kind() const override { return db::Kind::kPostgres; }
  std::string redacted_url() const override { return "postgresql://fake"; }
  Result<db::Rows> Query(std::string_view, const db::Params& = {}) override {
    if (!reachable) return Status::Unavailable("db.unreachable", "down");
    auto names = std::make_shared<const std::vector<std::string>>(std::vector<std::string>{"v"});
    db::Rows rows;
    rows.emplace_back(names, std::vector<db::Value>{db::Value(5)});
    return rows;
  }
  Result<std::int64_t> Exec(std::string_view, const db::Params& = {}) override {
    if (!reachable) return Status::Unavailable("db.unreachable", "down");
    return std::int64_t{0};
  }
  Status ExecScript(std::string_view) override { return Status::Ok(); }
  Result<std::unique_ptr<db::Transaction>> Begin(const db::TxOptions& = {}) override {
    return Status::Unavailable("db.unreachable", "not in this fake");
  }
  Status Ping() override {
    ++pings;
    return reachable ? Status::Ok() : Status::Unavailable("db.unreachable", "down");
  }
  db::PoolStats pool_stats() const override { return {4, 1, 0}; }

  std::atomic<bool> reachable{true};
  std::atomic<int> pings{0};
};

Response Call(const Router& router, const std::string& path) {
  auto match = router.Find(Method::kGet, path);
  EXPECT_TRUE(match.ok()) << path;
  Request req;
  req.path = path;
  Result<Response> r = match->route->handler(req);
  EXPECT_TRUE(r.ok());
  return *r;
}

TEST(HealthTest, WithoutDatabase) {
  Router router;
  RegisterPlatformRoutes(router, {nullptr, nullptr, "1.2.3"});
  ASSERT_TRUE(router.Validate().ok());
  Response r = Call(router, "/api/health");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"status":"ok","version":"1.2.3"})");
  // No metrics: no /metrics route.
  EXPECT_FALSE(router.Find(Method::kGet, "/metrics").ok());
}

TEST(HealthTest, ReportsTheDatabase) {
  auto db = db::Database::Open("sqlite::memory:");
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  Router router;
  RegisterPlatformRoutes(router, {db->get(), nullptr, "1.2.3"});
  Response r = Call(router, "/api/health");
  EXPECT_EQ(r.status, 200) << r.body;
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["version"], "1.2.3");
  EXPECT_EQ(j["database"]["kind"], "sqlite");
  EXPECT_EQ(j["database"]["reachable"], true);
  EXPECT_TRUE(j["database"]["schema_version"].is_number_integer());
}

TEST(HealthTest, AsksTheDatabaseAtMostOnceASecond) {
  FakeDatabase db;
  Router router;
  RegisterPlatformRoutes(router, {&db, nullptr, "1.2.3"});
  for (int i = 0; i < 100; ++i) Call(router, "/api/health");
  EXPECT_EQ(db.pings.load(), 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  Call(router, "/api/health");
  EXPECT_EQ(db.pings.load(), 2);
}

TEST(HealthTest, DegradedWhenTheDatabaseIsDown) {
  FakeDatabase db;
  db.reachable = false;
  Router router;
  RegisterPlatformRoutes(router, {&db, nullptr, "1.2.3"});
  Response r = Call(router, "/api/health");
  EXPECT_EQ(r.status, 503);
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["status"], "degraded");
  EXPECT_EQ(j["database"]["reachable"], false);
  EXPECT_TRUE(j["database"]["schema_version"].is_null());
}

TEST(MetricsRouteTest, ServesPrometheusTextWithPoolGauges) {
  FakeDatabase db;
  Metrics metrics;
  Router router;
  RegisterPlatformRoutes(router, {&db, &metrics, "1.2.3"});
  metrics.Observe("GET", "/api/health", 200, 0.001);
  Response r = Call(router, "/metrics");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(r.body.find("bsg_db_pool_connections{state=\"in_use\"} 1\n"), std::string::npos);
  EXPECT_NE(r.body.find("bsg_db_pool_connections{state=\"idle\"} 3\n"), std::string::npos);
  EXPECT_NE(r.body.find("bsg_db_pool_waiting 0\n"), std::string::npos);
  EXPECT_NE(r.body.find("route=\"/api/health\""), std::string::npos);
}

TEST(MetricsRouteTest, OnlyAdminsMayScrape) {
  Metrics metrics;
  Router router;
  RegisterPlatformRoutes(router, {nullptr, &metrics, "1.2.3"});
  auto match = router.Find(Method::kGet, "/metrics");
  ASSERT_TRUE(match.ok());
  ASSERT_TRUE(match->route->policy.has_value());
  const Policy& policy = *match->route->policy;
  Request request;
  request.path = "/metrics";
  EXPECT_EQ(policy.Check(std::nullopt, request).code(), ErrorCode::kUnauthenticated);
  Principal user;
  user.roles = {"officer"};
  EXPECT_EQ(policy.Check(user, request).code(), ErrorCode::kPermissionDenied);
  Principal admin;
  admin.roles = {"admin"};
  admin.via_api_token = true;  // a scraper's token
  EXPECT_TRUE(policy.Check(admin, request).ok());
}

// ---- OpenAPI

Router SampleRouter() {
  static Metrics metrics;
  Router router;
  RegisterPlatformRoutes(router, {nullptr, &metrics, "1.2.3"});
  auto ok = [](Request&) -> Result<Response> { return Response::Json({}); };
  Route list;
  list.method = Method::kGet;
  list.pattern = "/api/events";
  list.policy = Policy::SignedIn();
  list.handler = ok;
  list.doc.summary = "List events";
  list.doc.tag = "events";
  list.doc.query_params = {
      {"page", "integer", false, "Page number, from 1.", std::nullopt},
      {"kind", "string", false, "", nlohmann::json::array({"meeting", "workshop"})}};
  list.doc.response_schema = {{"type", "array"}, {"items", {{"type", "object"}}}};
  router.Add(list);

  Route get;
  get.method = Method::kGet;
  get.pattern = "/api/events/{id:int}";
  get.policy = Policy::Roles({"officer", "focal_point"}).CountryScoped("focal_point", "country");
  get.handler = ok;
  get.doc.summary = "One event";
  get.doc.tag = "events";
  router.Add(get);

  Route create;
  create.method = Method::kPost;
  create.pattern = "/api/events";
  create.policy = Policy::Roles({"officer"});
  create.handler = ok;
  create.doc.summary = "Create an event";
  create.doc.tag = "events";
  create.doc.request_schema =
      nlohmann::json{{"type", "object"}, {"properties", {{"title", {{"type", "string"}}}}}};
  create.doc.success_status = 201;
  create.doc.error_statuses = {409, 422};
  router.Add(create);

  Route remove;
  remove.method = Method::kDelete;
  remove.pattern = "/api/events/{id:int}";
  remove.policy = Policy::Roles({"officer"});
  remove.handler = ok;
  remove.doc.summary = "Delete an event";
  remove.doc.tag = "events";
  remove.doc.success_status = 204;
  router.Add(remove);

  Route sign_in;
  sign_in.method = Method::kPost;
  sign_in.pattern = "/api/session";
  sign_in.policy = Policy::Public();
  sign_in.handler = ok;
  sign_in.csrf_exempt = true;
  sign_in.doc.summary = "Sign in";
  sign_in.doc.tag = "identity";
  sign_in.doc.request_schema = nlohmann::json{{"type", "object"}};
  router.Add(sign_in);
  EXPECT_TRUE(router.Validate().ok()) << router.Validate().ToString();
  return router;
}

TEST(OpenApiTest, PathsAndOperationIds) {
  EXPECT_EQ(OpenApiPath("/api/events/{id:int}/registrations/{person}"),
            "/api/events/{id}/registrations/{person}");
  EXPECT_EQ(OperationIdFor(Method::kGet, "/api/events/{id:int}/registrations"),
            "getEventsByIdRegistrations");
  EXPECT_EQ(OperationIdFor(Method::kGet, "/api/openapi.json"), "getOpenapiJson");
  EXPECT_EQ(OperationIdFor(Method::kPost, "/api/event_types"), "postEventTypes");
  EXPECT_EQ(OperationIdFor(Method::kGet, "/metrics"), "getMetrics");
}

TEST(OpenApiTest, DocumentStructure) {
  Router router = SampleRouter();
  nlohmann::ordered_json doc = BuildOpenApi(router, {"BSG Platform API", "1.2.3", "d"});
  EXPECT_EQ(doc["openapi"], "3.1.0");
  EXPECT_EQ(doc["info"]["title"], "BSG Platform API");
  EXPECT_EQ(doc["info"]["version"], "1.2.3");
  EXPECT_EQ(doc["info"]["license"]["identifier"], "AGPL-3.0-or-later");
  EXPECT_EQ(doc["servers"][0]["url"], "/");

  const auto& paths = doc["paths"];
  ASSERT_TRUE(paths.contains("/api/events/{id}"));
  ASSERT_TRUE(paths.contains("/api/health"));
  ASSERT_TRUE(paths.contains("/api/openapi.json"));
  ASSERT_TRUE(paths.contains("/metrics"));
  EXPECT_EQ(paths["/metrics"]["get"]["responses"]["200"]["content"]["text/plain"]["schema"]["type"],
            "string");

  const auto& get = paths["/api/events/{id}"]["get"];
  EXPECT_EQ(get["operationId"], "getEventsById");
  EXPECT_EQ(get["summary"], "One event");
  EXPECT_EQ(get["tags"][0], "events");
  EXPECT_EQ(get["parameters"][0]["name"], "id");
  EXPECT_EQ(get["parameters"][0]["in"], "path");
  EXPECT_EQ(get["parameters"][0]["required"], true);
  EXPECT_EQ(get["parameters"][0]["schema"]["type"], "integer");
  for (const char* code : {"200", "401", "403", "404"}) {
    EXPECT_TRUE(get["responses"].contains(code)) << code;
  }
  EXPECT_EQ(get["responses"]["404"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/Error");
  EXPECT_EQ(get["security"].size(), 2u);
  EXPECT_EQ(get["x-bsg-policy"],
            "roles: focal_point, officer; focal_point only for its own country (parameter "
            "'country')");

  const auto& list = paths["/api/events"]["get"];
  EXPECT_EQ(list["parameters"][0]["in"], "query");
  EXPECT_EQ(list["parameters"][0]["schema"]["type"], "integer");
  EXPECT_EQ(list["parameters"][1]["schema"]["enum"][1], "workshop");
  EXPECT_FALSE(list["responses"].contains("404"));

  const auto& create = paths["/api/events"]["post"];
  EXPECT_TRUE(create.contains("requestBody"));
  for (const char* code : {"201", "400", "401", "403", "409", "413", "415", "422"}) {
    EXPECT_TRUE(create["responses"].contains(code)) << code;
  }
  EXPECT_FALSE(create["responses"].contains("200"));

  const auto& remove = paths["/api/events/{id}"]["delete"];
  EXPECT_FALSE(remove["responses"]["204"].contains("content"));

  const auto& health = paths["/api/health"]["get"];
  EXPECT_TRUE(health["security"].empty());
  EXPECT_EQ(health["x-bsg-policy"], "public");
  EXPECT_TRUE(health["responses"].contains("400"));  // every operation documents a 4xx
  EXPECT_TRUE(health["responses"].contains("503"));

  EXPECT_TRUE(doc["components"]["schemas"].contains("Error"));
  EXPECT_EQ(doc["components"]["securitySchemes"]["session"]["in"], "cookie");
  EXPECT_EQ(doc["components"]["securitySchemes"]["session"]["name"], "bsg_session");
  EXPECT_EQ(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");

  std::set<std::string> ids;
  for (const auto& [path, item] : paths.items()) {
    for (const auto& [method, op] : item.items()) {
      EXPECT_TRUE(ids.insert(op["operationId"].get<std::string>()).second);
    }
  }
  std::set<std::string> tags;
  for (const auto& t : doc["tags"]) tags.insert(t["name"].get<std::string>());
  EXPECT_EQ(tags, (std::set<std::string>{"events", "identity", "platform"}));

  // For a manual `redocly lint`: BSG_OPENAPI_OUT=/tmp/openapi.json bsg_http_tests
  if (const char* out = std::getenv("BSG_OPENAPI_OUT")) std::ofstream(out) << doc.dump(2);
}

TEST(OpenApiTest, DuplicateOperationIdsAreMadeUnique) {
  Router router;
  auto ok = [](Request&) -> Result<Response> { return Response::Json({}); };
  router.Add({Method::kGet, "/api/a_b", Policy::Public(), ok, {}, false});
  router.Add({Method::kGet, "/api/a/b", Policy::Public(), ok, {}, false});
  auto doc = BuildOpenApi(router, {});
  EXPECT_EQ(doc["paths"]["/api/a_b"]["get"]["operationId"], "getAB");
  EXPECT_EQ(doc["paths"]["/api/a/b"]["get"]["operationId"], "getAB2");
}

TEST(OpenApiTest, RoutesOfOneTemplateShareAPath) {
  Router router;
  auto ok = [](Request&) -> Result<Response> { return Response::Json({}); };
  auto add = [&](Method method, const char* pattern, const char* summary) {
    Route r{method, pattern, Policy::Public(), ok, {}, false};
    r.doc.summary = summary;
    r.doc.tag = "x";
    router.Add(r);
  };
  add(Method::kGet, "/api/x/{id:int}", "One x");
  add(Method::kGet, "/api/x/{file}", "An x file");
  add(Method::kDelete, "/api/x/{xid:int}", "Drop x");
  add(Method::kGet, "/api/x/{id:int}.ics", "Calendar");
  ASSERT_TRUE(router.Validate().ok()) << router.Validate().ToString();
  auto doc = BuildOpenApi(router, {});
  const auto& paths = doc["paths"];
  EXPECT_EQ(paths.size(), 2u);
  const auto& item = paths["/api/x/{id}"];
  EXPECT_EQ(item["get"]["summary"], "One x");
  EXPECT_NE(item["get"]["description"].get<std::string>().find("GET /api/x/{file}"),
            std::string::npos);
  EXPECT_EQ(item["delete"]["parameters"][0]["name"], "id");
  const auto& ics = paths["/api/x/{id}.ics"]["get"];
  EXPECT_EQ(ics["operationId"], "getXByIdIcs");
  EXPECT_EQ(ics["parameters"][0]["schema"]["type"], "integer");
  if (const char* out = std::getenv("BSG_OPENAPI_SHAPES_OUT")) std::ofstream(out) << doc.dump(2);
}

TEST(OpenApiRouteTest, ServesTheDocumentOfTheWholeRouter) {
  Router fresh;
  RegisterPlatformRoutes(fresh, {nullptr, nullptr, "9.9.9"});
  Response r = Call(fresh, "/api/openapi.json");
  auto doc = nlohmann::json::parse(r.body);
  EXPECT_EQ(doc["info"]["version"], "9.9.9");
  EXPECT_TRUE(doc["paths"].contains("/api/openapi.json"));
  // Only public routes: no security schemes to leave unused.
  EXPECT_FALSE(doc["components"].contains("securitySchemes"));
  if (const char* out = std::getenv("BSG_OPENAPI_PUBLIC_OUT")) std::ofstream(out) << r.body;
}

}  // namespace
}  // namespace bsg::http
