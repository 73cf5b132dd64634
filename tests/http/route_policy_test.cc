// Every registered route (platform and every module) against every role, held to the reviewed
// table tests/http/route_roles.tsv rather than to the routes' own policies: a route wrongly made
// public, or open to a role too many, fails here. The registered routes and the table must list
// the same routes: a new route fails until a reviewed line says who may call it.
//
// Each request carries placeholder path parameters ({x:int} -> 999999, {x} -> "XX"), an empty
// JSON object as body for state-changing methods, and the session's CSRF token.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "http/app_server.h"
#include "http/route_table.h"
#include "modules/identity/password.h"
#include "modules/identity/service.h"
#include "support/test_db.h"

namespace bsg {
namespace {

using nlohmann::json;
using testing::Answer;
using testing::ApiClient;
using testing::BrowserSession;
using testing::Caller;
using testing::Reply;
using testing::RouteRow;

constexpr const char* kPassword = "violet-harbour-41-kettle";
constexpr const char* kFocalPointCountry = "KE";
constexpr const char* kTablePath = BSG_SOURCE_DIR "/tests/http/route_roles.tsv";

// The path for `pattern` with `params` in their parameters and placeholders in the others;
// `params` that are not path parameters go in the query string.
std::string PathFor(const std::string& pattern, const std::map<std::string, std::string>& params) {
  static const std::regex kParam(R"(\{([A-Za-z_][A-Za-z0-9_]*)(:int)?\})");
  std::string path;
  std::set<std::string> used;
  auto begin = std::sregex_iterator(pattern.begin(), pattern.end(), kParam);
  std::size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    path += pattern.substr(last, static_cast<std::size_t>(m.position()) - last);
    const auto given = params.find(m[1].str());
    if (given != params.end()) {
      path += given->second;
      used.insert(given->first);
    } else {
      path += m[2].matched ? "999999" : "XX";
    }
    last = static_cast<std::size_t>(m.position() + m.length());
  }
  path += pattern.substr(last);
  char sep = '?';
  for (const auto& [name, value] : params) {
    if (used.count(name) > 0) continue;
    path += sep + name + "=" + value;
    sep = '&';
  }
  return path;
}

std::set<std::string> KnownRoles() {
  std::set<std::string> roles;
  for (const auto role : identity::kRoles) roles.insert(std::string(role));
  return roles;
}

class RoutePolicyTest : public testing::DatabaseTest {
 protected:
  testing::FastPasswords fast_passwords_;
};

TEST(RoutePathTest, FillsParametersAndPutsTheOthersInTheQuery) {
  EXPECT_EQ(PathFor("/api/events/{id:int}/registrations/{rid:int}", {}),
            "/api/events/999999/registrations/999999");
  EXPECT_EQ(PathFor("/api/countries/{iso2}/classification", {}),
            "/api/countries/XX/classification");
  EXPECT_EQ(PathFor("/api/countries/{iso2}", {{"iso2", "KE"}}), "/api/countries/KE");
  EXPECT_EQ(PathFor("/api/events/{id:int}.ics", {{"country", "KE"}}),
            "/api/events/999999.ics?country=KE");
}

TEST_P(RoutePolicyTest, EveryRouteAnswersEveryRoleAsTheReviewedTableSays) {
  std::ifstream file(kTablePath);
  ASSERT_TRUE(file) << "cannot read " << kTablePath;
  std::stringstream text;
  text << file.rdbuf();
  const testing::RouteTable table = testing::ParseRouteTable(text.str(), KnownRoles());
  for (const std::string& error : table.errors) ADD_FAILURE() << kTablePath << ": " << error;

  identity::IdentityOptions options;
  options.password_limits = identity::PasswordLimits::Min();
  identity::IdentityService users(db(), options);
  std::vector<Caller> callers = {{"anonymous", false, {}, ""}};
  std::map<std::string, std::string> emails;  // caller name -> email
  for (const auto role : identity::kRoles) {
    identity::CreateUserInput in;
    in.email = std::string(role) + "@example.org";
    in.display_name = std::string(role);
    in.roles = {std::string(role)};
    if (role == identity::kRoleFocalPoint) in.country = kFocalPointCountry;
    in.password = kPassword;
    auto user = users.CreateUser(in, CliActor("test"));
    ASSERT_TRUE(user.ok()) << user.status().ToString();
    callers.push_back({std::string(role), true, user->roles, user->country.value_or("")});
    emails[std::string(role)] = user->email;
  }

  testing::AppServer app(db());
  Status started = app.Start();
  ASSERT_TRUE(started.ok()) << started.ToString();
  ApiClient client(app.port());

  std::vector<testing::RegisteredRoute> registered;
  for (const http::Route& route : app.router().routes()) {
    registered.push_back({std::string(http::MethodName(route.method)), route.pattern,
                          route.policy ? route.policy->Describe() : "none"});
  }
  for (const std::string& problem : testing::CompareRoutes(registered, table.rows)) {
    ADD_FAILURE() << kTablePath << ": " << problem;
  }

  // Only the rows of registered routes are called: CompareRoutes reported the others.
  std::set<std::pair<std::string, std::string>> known;
  for (const auto& route : registered) known.emplace(route.method, route.pattern);
  std::vector<RouteRow> rows;
  for (const RouteRow& row : table.rows) {
    if (known.count({row.method, row.pattern}) > 0) rows.push_back(row);
  }

  int calls = 0;
  auto call = [&](const RouteRow& row, const Caller& caller,
                  const std::map<std::string, std::string>& params) -> Answer {
    ++calls;
    // A fresh session per request: some routes (sign-out) end the one they are called with.
    std::optional<BrowserSession> session;
    if (caller.signed_in) {
      Reply r;
      session = client.SignIn(emails[caller.name], kPassword, &r);
      if (!session) {
        return {-1, "sign-in as " + caller.name + " failed: " + std::to_string(r.status)};
      }
    }
    std::optional<json> body;
    if (row.method != "GET" && row.method != "HEAD") body = json::object();
    const Reply reply =
        client.Send(row.method, PathFor(row.pattern, params), body, session ? &*session : nullptr);
    return {reply.status, reply.Reason()};
  };
  for (const std::string& problem : testing::CheckRouteAnswers(rows, callers, call)) {
    ADD_FAILURE() << problem;
  }
  EXPECT_GE(rows.size(), 19u) << "the identity and platform routes alone are 19";
  EXPECT_GE(calls, static_cast<int>(rows.size() * callers.size()));
}

INSTANTIATE_TEST_SUITE_P(Backends, RoutePolicyTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace bsg
