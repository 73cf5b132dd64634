// Tests of route patterns, matching, validation and policies.
#include "platform/http/router.h"

#include <gtest/gtest.h>

namespace bsg::http {
namespace {

Handler Named(std::string name) {
  return [name](Request&) -> Result<Response> { return Response::Json({{"name", name}}); };
}

Route MakeRoute(Method method, std::string pattern,
                std::optional<Policy> policy = Policy::Public()) {
  Route r;
  r.method = method;
  r.pattern = pattern;
  r.policy = std::move(policy);
  r.handler = Named(pattern);
  return r;
}

TEST(RouterTest, MatchesLiteralAndParameters) {
  Router router;
  router.Add(MakeRoute(Method::kGet, "/api/events"));
  router.Add(MakeRoute(Method::kGet, "/api/events/{id:int}"));
  router.Add(MakeRoute(Method::kGet, "/api/events/{id:int}/registrations/{person}"));

  auto m = router.Find(Method::kGet, "/api/events/42");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->route->pattern, "/api/events/{id:int}");
  EXPECT_EQ(m->path_params.at("id"), "42");

  m = router.Find(Method::kGet, "/api/events/-7/registrations/jane.doe");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->path_params.at("id"), "-7");
  EXPECT_EQ(m->path_params.at("person"), "jane.doe");

  m = router.Find(Method::kGet, "/api/events");
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(m->path_params.empty());
}

TEST(RouterTest, IntParameterRejectsNonIntegers) {
  Router router;
  router.Add(MakeRoute(Method::kGet, "/api/events/{id:int}"));
  for (const char* path : {"/api/events/abc", "/api/events/1.5", "/api/events/+1",
                           "/api/events/99999999999999999999", "/api/events/"}) {
    auto m = router.Find(Method::kGet, path);
    ASSERT_FALSE(m.ok()) << path;
    EXPECT_EQ(m.status().code(), ErrorCode::kNotFound) << path;
    EXPECT_EQ(m.status().reason(), "route.not_found");
  }
}

TEST(RouterTest, LiteralWinsOverParameterAndIntOverText) {
  Router router;
  router.Add(MakeRoute(Method::kGet, "/api/events/{slug}"));
  router.Add(MakeRoute(Method::kGet, "/api/events/{id:int}"));
  router.Add(MakeRoute(Method::kGet, "/api/events/mine"));
  EXPECT_EQ(router.Find(Method::kGet, "/api/events/mine")->route->pattern, "/api/events/mine");
  EXPECT_EQ(router.Find(Method::kGet, "/api/events/12")->route->pattern, "/api/events/{id:int}");
  EXPECT_EQ(router.Find(Method::kGet, "/api/events/abc")->route->pattern, "/api/events/{slug}");
}

TEST(RouterTest, ParameterWithSuffix) {
  Router router;
  router.Add(MakeRoute(Method::kGet, "/api/events/{id:int}"));
  router.Add(MakeRoute(Method::kGet, "/api/events/{id:int}.ics"));
  router.Add(MakeRoute(Method::kGet, "/api/events/{file}"));
  auto m = router.Find(Method::kGet, "/api/events/12.ics");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->route->pattern, "/api/events/{id:int}.ics");
  EXPECT_EQ(m->path_params.at("id"), "12");
  EXPECT_EQ(router.Find(Method::kGet, "/api/events/12")->route->pattern, "/api/events/{id:int}");
  EXPECT_EQ(router.Find(Method::kGet, "/api/events/x.ics")->route->pattern, "/api/events/{file}");
  EXPECT_EQ(router.Find(Method::kGet, "/api/events/x.ics")->path_params.at("file"), "x.ics");
  // The parameter part may not be empty.
  EXPECT_EQ(router.Find(Method::kGet, "/api/events/.ics")->route->pattern, "/api/events/{file}");
}

TEST(RouterTest, BacktracksWhenTheLiteralBranchDoesNotFinish) {
  Router router;
  router.Add(MakeRoute(Method::kGet, "/api/people/me"));
  router.Add(MakeRoute(Method::kGet, "/api/people/{id}/roles"));
  auto m = router.Find(Method::kGet, "/api/people/me/roles");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->route->pattern, "/api/people/{id}/roles");
  EXPECT_EQ(m->path_params.at("id"), "me");
}

TEST(RouterTest, MethodNotAllowedListsTheAcceptedMethods) {
  Router router;
  router.Add(MakeRoute(Method::kGet, "/api/items"));
  router.Add(MakeRoute(Method::kPost, "/api/items"));
  auto m = router.Find(Method::kDelete, "/api/items");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), ErrorCode::kMethodNotAllowed);
  EXPECT_EQ(m.status().reason(), "route.method_not_allowed");
  EXPECT_EQ(m.status().fields().at("allow"), "GET, HEAD, POST");
}

TEST(RouterTest, MethodFoundOnALessSpecificPatternWins) {
  Router router;
  router.Add(MakeRoute(Method::kGet, "/api/items/special"));
  router.Add(MakeRoute(Method::kDelete, "/api/items/{id}"));
  auto m = router.Find(Method::kDelete, "/api/items/special");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->route->pattern, "/api/items/{id}");
}

TEST(RouterTest, HeadUsesTheGetRouteUnlessOneIsRegistered) {
  Router router;
  router.Add(MakeRoute(Method::kGet, "/api/a"));
  router.Add(MakeRoute(Method::kGet, "/api/b"));
  router.Add(MakeRoute(Method::kHead, "/api/b"));
  EXPECT_EQ(router.Find(Method::kHead, "/api/a")->route->method, Method::kGet);
  EXPECT_EQ(router.Find(Method::kHead, "/api/b")->route->method, Method::kHead);
}

TEST(RouterTest, UnknownPathsAreNotFound) {
  Router router;
  router.Add(MakeRoute(Method::kGet, "/api/a"));
  for (const char* path : {"/api/b", "/api/a/", "/api", "", "api/a", "/api//a", "/"}) {
    auto m = router.Find(Method::kGet, path);
    ASSERT_FALSE(m.ok()) << path;
    EXPECT_EQ(m.status().code(), ErrorCode::kNotFound) << path;
  }
}

TEST(RouterTest, VeryDeepPathsAreNotFound) {
  Router router;
  router.Add(MakeRoute(Method::kGet, "/api/{a}"));
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "/x";
  EXPECT_EQ(router.Find(Method::kGet, deep).status().code(), ErrorCode::kNotFound);
}

TEST(RouterTest, CopiesAreIndependent) {
  Router a;
  a.Add(MakeRoute(Method::kGet, "/api/one"));
  Router b = a;
  b.Add(MakeRoute(Method::kGet, "/api/two"));
  EXPECT_TRUE(b.Find(Method::kGet, "/api/one").ok());
  EXPECT_TRUE(b.Find(Method::kGet, "/api/two").ok());
  EXPECT_FALSE(a.Find(Method::kGet, "/api/two").ok());
  EXPECT_EQ(b.Find(Method::kGet, "/api/one")->route, &b.routes()[0]);
  Router c = std::move(b);
  EXPECT_TRUE(c.Find(Method::kGet, "/api/two").ok());
}

// The example in README.md, kept compiling.
TEST(RouterTest, ReadmeExample) {
  Router router;
  Route r;
  r.method = Method::kGet;
  r.pattern = "/api/countries/{country}/delegates";  // {name} text, {name:int} int64
  r.policy = Policy::Roles({"officer", "focal_point"}).CountryScoped("focal_point", "country");
  r.doc.summary = "Delegates of a country";
  r.doc.tag = "registry";  // the module: groups operations in the OpenAPI document
  r.doc.query_params = {{"page", "integer", false, "Page number, from 1", std::nullopt}};
  r.doc.response_schema = {{"type", "array"}, {"items", {{"type", "object"}}}};
  r.handler = [](Request& req) -> Result<Response> {
    BSG_ASSIGN_OR_RETURN(auto page, req.QueryInt("page"));  // 400 request.bad_query
    return Response::Json({{"country", req.PathText("country")}, {"page", page.value_or(1)}});
  };
  router.Add(std::move(r));
  ASSERT_TRUE(router.Validate().ok());
  auto m = router.Find(Method::kGet, "/api/countries/KE/delegates");
  ASSERT_TRUE(m.ok());
  Request req;
  req.path_params = m->path_params;
  req.query.emplace("page", "2");
  Result<Response> res = m->route->handler(req);
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res->body, R"({"country":"KE","page":2})");
}

TEST(RouterValidateTest, AcceptsAGoodTable) {
  Router router;
  router.Add(MakeRoute(Method::kGet, "/api/events/{id:int}"));
  router.Add(MakeRoute(Method::kPut, "/api/events/{id:int}"));
  router.Add(MakeRoute(Method::kGet, "/api/events/mine"));
  router.Add(MakeRoute(Method::kGet, "/metrics"));
  EXPECT_TRUE(router.Validate().ok()) << router.Validate().ToString();
}

TEST(RouterValidateTest, MissingPolicy) {
  Router router;
  router.Add(MakeRoute(Method::kGet, "/api/x", std::nullopt));
  Status s = router.Validate();
  EXPECT_EQ(s.reason(), "router.missing_policy");
  EXPECT_NE(s.message().find("GET /api/x"), std::string::npos);
}

TEST(RouterValidateTest, MissingHandler) {
  Router router;
  Route r = MakeRoute(Method::kGet, "/api/x");
  r.handler = nullptr;
  router.Add(r);
  EXPECT_EQ(router.Validate().reason(), "router.missing_handler");
}

TEST(RouterValidateTest, DuplicateRoute) {
  Router router;
  router.Add(MakeRoute(Method::kGet, "/api/x/{id}"));
  router.Add(MakeRoute(Method::kGet, "/api/x/{name}"));
  Status s = router.Validate();
  EXPECT_EQ(s.reason(), "router.duplicate_route");
  EXPECT_NE(s.message().find("GET /api/x/{name}"), std::string::npos);
  EXPECT_NE(s.message().find("GET /api/x/{id}"), std::string::npos);
}

TEST(RouterValidateTest, SameMethodAndPatternIsADuplicate) {
  Router router;
  router.Add(MakeRoute(Method::kPost, "/api/x"));
  router.Add(MakeRoute(Method::kPost, "/api/x"));
  EXPECT_EQ(router.Validate().reason(), "router.duplicate_route");
}

TEST(RouterValidateTest, BadPatterns) {
  for (const char* pattern :
       {"api/x", "/api/x/", "/api//x", "/api/{}", "/api/{id:float}", "/api/{1x}", "/api/x{id}",
        "/api/{id}/{id}", "/api/a b", "/api/{id", "/api/{id}.{ext}", "/api/{id}x}", "/other/x"}) {
    Router router;
    router.Add(MakeRoute(Method::kGet, pattern));
    EXPECT_EQ(router.Validate().reason(), "router.bad_pattern") << pattern;
  }
}

TEST(RouterValidateTest, IntAndTextParametersMayShareAPosition) {
  Router router;
  router.Add(MakeRoute(Method::kGet, "/api/x/{id:int}"));
  router.Add(MakeRoute(Method::kGet, "/api/x/{file}"));
  router.Add(MakeRoute(Method::kDelete, "/api/x/{xid:int}"));
  router.Add(MakeRoute(Method::kGet, "/api/x/{id:int}.ics"));
  EXPECT_TRUE(router.Validate().ok()) << router.Validate().ToString();
}

TEST(RouterValidateTest, SuffixMakesADifferentPattern) {
  Router router;
  router.Add(MakeRoute(Method::kGet, "/api/x/{id:int}.ics"));
  router.Add(MakeRoute(Method::kGet, "/api/x/{n:int}.ics"));
  EXPECT_EQ(router.Validate().reason(), "router.duplicate_route");
}

TEST(RouterValidateTest, BadPatternIsNeverFound) {
  Router router;
  router.Add(MakeRoute(Method::kGet, "/api/{id:float}"));
  EXPECT_FALSE(router.Find(Method::kGet, "/api/1").ok());
}

// ---- Policy

Principal Someone(std::set<std::string> roles, std::optional<std::string> country = {}) {
  Principal p;
  p.user_id = 7;
  p.roles = std::move(roles);
  p.country = std::move(country);
  return p;
}

TEST(PolicyTest, PublicAllowsEveryone) {
  Request req;
  EXPECT_TRUE(Policy::Public().Check(std::nullopt, req).ok());
  EXPECT_TRUE(Policy::Public().Check(Someone({}), req).ok());
}

TEST(PolicyTest, SignedInNeedsAPrincipal) {
  Request req;
  Status s = Policy::SignedIn().Check(std::nullopt, req);
  EXPECT_EQ(s.code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(s.reason(), "auth.required");
  EXPECT_TRUE(Policy::SignedIn().Check(Someone({}), req).ok());
}

TEST(PolicyTest, RolesNeedOneOfThem) {
  Request req;
  Policy p = Policy::Roles({"admin", "officer"});
  EXPECT_EQ(p.Check(std::nullopt, req).reason(), "auth.required");
  Status s = p.Check(Someone({"delegate"}), req);
  EXPECT_EQ(s.code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(s.reason(), "auth.forbidden");
  EXPECT_TRUE(p.Check(Someone({"officer"}), req).ok());
  // admin is not implied.
  EXPECT_EQ(Policy::Roles({"officer"}).Check(Someone({"admin"}), req).reason(), "auth.forbidden");
}

TEST(PolicyTest, CountryScopeFromPathParameter) {
  Policy p = Policy::Roles({"admin", "focal_point"}).CountryScoped("focal_point", "country");
  Request req;
  req.path_params["country"] = "ke";
  EXPECT_TRUE(p.Check(Someone({"focal_point"}, "KE"), req).ok());
  req.path_params["country"] = "FR";
  Status s = p.Check(Someone({"focal_point"}, "KE"), req);
  EXPECT_EQ(s.code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(s.reason(), "auth.out_of_scope");
  // Another listed role is not narrowed.
  EXPECT_TRUE(p.Check(Someone({"admin", "focal_point"}, "KE"), req).ok());
  EXPECT_TRUE(p.Check(Someone({"admin"}), req).ok());
}

TEST(PolicyTest, CountryScopeFromQueryParameter) {
  Policy p = Policy::Roles({"focal_point"}).CountryScoped("focal_point", "country");
  Request req;
  req.query.emplace("country", "vu");
  EXPECT_TRUE(p.Check(Someone({"focal_point"}, "VU"), req).ok());
  req.query.clear();
  req.query.emplace("country", "KE");
  EXPECT_EQ(p.Check(Someone({"focal_point"}, "VU"), req).reason(), "auth.out_of_scope");
}

TEST(PolicyTest, CountryScopeFailsClosed) {
  Policy p = Policy::Roles({"focal_point"}).CountryScoped("focal_point", "country");
  Request req;  // no parameter at all
  EXPECT_EQ(p.Check(Someone({"focal_point"}, "KE"), req).reason(), "auth.out_of_scope");
  req.path_params["country"] = "KE";
  // A focal point without a country is in no scope.
  EXPECT_EQ(p.Check(Someone({"focal_point"}), req).reason(), "auth.out_of_scope");
}

TEST(PolicyTest, TheScopedRoleIsThePolicysNotThePlatforms) {
  // Any role can be the scoped one...
  Policy p = Policy::Roles({"officer", "mayor"}).CountryScoped("mayor", "country");
  Request req;
  req.path_params["country"] = "KE";
  EXPECT_TRUE(p.Check(Someone({"mayor"}, "KE"), req).ok());
  EXPECT_EQ(p.Check(Someone({"mayor"}, "FR"), req).reason(), "auth.out_of_scope");
  EXPECT_TRUE(p.Check(Someone({"officer"}), req).ok());
  EXPECT_EQ(p.Describe(),
            "roles: mayor, officer; mayor only for its own country (parameter 'country')");
  // ...and a role the policy does not scope is a plain role, whatever its name.
  Policy plain = Policy::Roles({"focal_point"});
  EXPECT_TRUE(plain.Check(Someone({"focal_point"}, "FR"), req).ok());
  EXPECT_EQ(plain.Describe(), "roles: focal_point");
}

TEST(PolicyTest, Describe) {
  EXPECT_EQ(Policy::Public().Describe(), "public");
  EXPECT_EQ(Policy::SignedIn().Describe(), "signed in");
  EXPECT_EQ(Policy::Roles({"officer", "admin"}).Describe(), "roles: admin, officer");
  EXPECT_EQ(
      Policy::Roles({"admin", "focal_point"}).CountryScoped("focal_point", "country").Describe(),
      "roles: admin, focal_point; focal_point only for its own country (parameter "
      "'country')");
}

}  // namespace
}  // namespace bsg::http
