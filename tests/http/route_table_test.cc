// The route table's parser and checks, against fake route lists: a route missing from the table,
// a table line for no route, and routes that answer other than the table says (wrongly public, a
// role too many, a country scope not applied) must each produce a problem.
#include "http/route_table.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace bsg::testing {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

const std::set<std::string> kRoles = {"admin", "officer", "focal_point", "viewer"};

const std::vector<Caller> kCallers = {{"anonymous", false, {}, ""},
                                      {"admin", true, {"admin"}, ""},
                                      {"officer", true, {"officer"}, ""},
                                      {"focal_point", true, {"focal_point"}, "KE"},
                                      {"viewer", true, {"viewer"}, ""}};

// A fake server: answers each route as `served` (a table of what the routes really do) says,
// the way the router applies a policy.
RouteCall Serve(const std::string& served) {
  RouteTable table = ParseRouteTable(served, kRoles);
  EXPECT_THAT(table.errors, IsEmpty());
  return [rows = table.rows](const RouteRow& row, const Caller& caller,
                             const std::map<std::string, std::string>& params) -> Answer {
    for (const RouteRow& route : rows) {
      if (route.method != row.method || route.pattern != row.pattern) continue;
      const Access& access = route.access;
      if (access.is_public) return {200, ""};
      if (!caller.signed_in) return {401, "auth.required"};
      if (access.signed_in) return {200, ""};
      bool scoped_only = false;
      for (const auto& [role, param] : access.roles) {
        if (caller.roles.count(role) == 0) continue;
        if (param.empty()) return {200, ""};
        const auto it = params.find(param);
        if (it != params.end() && it->second == caller.country) return {200, ""};
        scoped_only = true;
      }
      if (scoped_only) return {403, "auth.out_of_scope"};
      return {403, "auth.forbidden"};
    }
    return {404, "route.not_found"};
  };
}

std::vector<std::string> Check(const std::string& table_text, const std::string& served) {
  RouteTable table = ParseRouteTable(table_text, kRoles);
  EXPECT_THAT(table.errors, IsEmpty());
  return CheckRouteAnswers(table.rows, kCallers, Serve(served));
}

TEST(RouteTableTest, ParsesEachKindOfLine) {
  RouteTable table = ParseRouteTable(
      "# a comment\n"
      "\n"
      "GET\t/api/health\tpublic\n"
      "DELETE\t/api/session\t\tsigned_in\n"
      "POST\t/api/events\tadmin, officer\n"
      "GET\t/api/countries/{iso2}/delegates\tofficer,focal_point(iso2)\r\n",
      kRoles);
  EXPECT_THAT(table.errors, IsEmpty());
  ASSERT_THAT(table.rows, SizeIs(4));
  EXPECT_TRUE(table.rows[0].access.is_public);
  EXPECT_EQ(table.rows[0].line, 3);
  EXPECT_TRUE(table.rows[1].access.signed_in);
  EXPECT_EQ(table.rows[1].method, "DELETE");
  EXPECT_EQ(table.rows[2].access.roles,
            (std::map<std::string, std::string>{{"admin", ""}, {"officer", ""}}));
  EXPECT_EQ(table.rows[3].pattern, "/api/countries/{iso2}/delegates");
  EXPECT_EQ(table.rows[3].access.roles,
            (std::map<std::string, std::string>{{"focal_point", "iso2"}, {"officer", ""}}));
}

TEST(RouteTableTest, NamesEachMalformedLine) {
  RouteTable table = ParseRouteTable(
      "GET /api/health public\n"
      "FETCH\t/api/x\tpublic\n"
      "GET\tapi/x\tpublic\n"
      "GET\t/api/x\teveryone\n"
      "GET\t/api/y\tadmin,\n"
      "GET\t/api/z\tfocal_point()\n"
      "GET\t/api/w\tadmin,admin\n"
      "GET\t/api/v\tpublic\n"
      "GET\t/api/v\tadmin\n",
      kRoles);
  EXPECT_THAT(table.errors,
              ElementsAre(HasSubstr("line 1: expected method, pattern and who"),
                          HasSubstr("line 2: unknown method 'FETCH'"),
                          HasSubstr("line 3: the pattern must start with '/'"),
                          HasSubstr("line 4: 'everyone' is not public, signed_in or a role"),
                          HasSubstr("line 5: '' is not public, signed_in or a role"),
                          HasSubstr("line 6: 'focal_point()' is not role or role(parameter)"),
                          HasSubstr("line 7: role 'admin' listed twice"),
                          HasSubstr("line 9: GET /api/v is listed twice")));
  ASSERT_THAT(table.rows, SizeIs(1));
  EXPECT_EQ(table.rows[0].line, 8);
}

TEST(RouteTableTest, ARegisteredRouteMissingFromTheTableIsNamed) {
  RouteTable table = ParseRouteTable("GET\t/api/health\tpublic\n", kRoles);
  const std::vector<RegisteredRoute> registered = {{"GET", "/api/health", "public"},
                                                   {"POST", "/api/events", "roles: admin"}};
  EXPECT_THAT(CompareRoutes(registered, table.rows),
              ElementsAre(AllOf(HasSubstr("POST /api/events is registered but not in the route "
                                          "table"),
                                HasSubstr("its own policy says: roles: admin"))));
}

TEST(RouteTableTest, ATableLineWithNoRegisteredRouteIsNamed) {
  RouteTable table = ParseRouteTable(
      "GET\t/api/health\tpublic\n"
      "GET\t/api/events/{id}\tpublic\n",
      kRoles);
  // Same path, other parameter type: not the same route.
  const std::vector<RegisteredRoute> registered = {{"GET", "/api/health", "public"},
                                                   {"GET", "/api/events/{id:int}", "public"}};
  EXPECT_THAT(CompareRoutes(registered, table.rows),
              ElementsAre(HasSubstr("GET /api/events/{id:int} is registered but not in the route "
                                    "table"),
                          HasSubstr("line 2: GET /api/events/{id} is not a registered route")));
  EXPECT_THAT(CompareRoutes({{"GET", "/api/health", "public"}}, {table.rows[0]}), IsEmpty());
}

TEST(RouteTableTest, RoutesThatAnswerAsTheTableSaysPass) {
  const std::string table =
      "GET\t/api/health\tpublic\n"
      "GET\t/api/me\tsigned_in\n"
      "POST\t/api/events\tadmin,officer\n"
      "GET\t/api/countries/{iso2}/delegates\tofficer,focal_point(iso2)\n";
  EXPECT_THAT(Check(table, table), IsEmpty());
}

TEST(RouteTableTest, AWronglyPublicRouteFails) {
  const auto problems = Check("GET\t/api/users\tadmin\n", "GET\t/api/users\tpublic\n");
  // Anonymous gets in instead of 401; officer, focal point and viewer instead of 403.
  ASSERT_THAT(problems, SizeIs(4));
  EXPECT_THAT(problems[0], HasSubstr("GET /api/users as anonymous: the table says 'admin', so "
                                     "expected 401 auth.required, got 200"));
  EXPECT_THAT(problems[1], HasSubstr("as officer: the table says 'admin', so expected 403 "
                                     "auth.forbidden, got 200"));
}

TEST(RouteTableTest, ARoleTooManyOrTooFewFails) {
  EXPECT_THAT(Check("POST\t/api/events\tadmin\n", "POST\t/api/events\tadmin,officer\n"),
              ElementsAre(HasSubstr("POST /api/events as officer: the table says 'admin', so "
                                    "expected 403 auth.forbidden, got 200")));
  EXPECT_THAT(Check("POST\t/api/events\tadmin,officer\n", "POST\t/api/events\tadmin\n"),
              ElementsAre(HasSubstr("POST /api/events as officer: the table says "
                                    "'admin,officer', so expected neither 401 nor 403, got 403 "
                                    "auth.forbidden")));
  EXPECT_THAT(Check("GET\t/api/me\tsigned_in\n", "GET\t/api/me\tadmin\n"), SizeIs(3));
}

TEST(RouteTableTest, ACountryScopeNotAppliedFails) {
  // The focal point is let in for any country, not only its own.
  EXPECT_THAT(Check("GET\t/api/countries/{iso2}/delegates\tfocal_point(iso2)\n",
                    "GET\t/api/countries/{iso2}/delegates\tfocal_point\n"),
              ElementsAre(HasSubstr("as focal_point (iso2=XX): the table says "
                                    "'focal_point(iso2)', so expected 403 auth.out_of_scope, got "
                                    "200")));
  // The scope reads another parameter, so the focal point is kept out of its own country too.
  EXPECT_THAT(Check("GET\t/api/countries/{iso2}/delegates\tfocal_point(iso2)\n",
                    "GET\t/api/countries/{iso2}/delegates\tfocal_point(country)\n"),
              ElementsAre(HasSubstr("(iso2=KE): the table says 'focal_point(iso2)', so expected "
                                    "neither 401 nor 403, got 403 auth.out_of_scope")));
}

TEST(RouteTableTest, NoAnswerIsAProblem) {
  RouteTable table = ParseRouteTable("GET\t/api/health\tpublic\n", kRoles);
  const auto problems = CheckRouteAnswers(
      table.rows, kCallers,
      [](const RouteRow&, const Caller&, const std::map<std::string, std::string>&) {
        return Answer{-1, "connection refused"};
      });
  EXPECT_THAT(problems, SizeIs(kCallers.size()));
}

}  // namespace
}  // namespace bsg::testing
