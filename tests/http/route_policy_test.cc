// Every registered route (platform and every module) against every role: where the route's
// declared policy denies the caller the answer is 401 (anonymous) or 403, and where it allows,
// it is neither. New routes are covered automatically.
//
// Each request carries placeholder path parameters ({x:int} -> 999999, {x} -> "XX"), an empty
// JSON object as body for state-changing methods, and the session's CSRF token.
#include <gtest/gtest.h>

#include <regex>

#include "http/app_server.h"
#include "modules/identity/password.h"
#include "modules/identity/service.h"
#include "support/test_db.h"

namespace bsg {
namespace {

using nlohmann::json;
using testing::ApiClient;
using testing::BrowserSession;
using testing::Reply;

constexpr const char* kPassword = "violet-harbour-41-kettle";
constexpr const char* kFocalPointCountry = "KE";

struct Caller {
  std::string name;  // "anonymous" or the role
  std::optional<http::Principal> principal;
  std::string email;
};

// The path with placeholders, and the path parameters the router would extract.
std::pair<std::string, std::map<std::string, std::string>> Placeholders(
    const std::string& pattern) {
  static const std::regex kParam(R"(\{([A-Za-z_][A-Za-z0-9_]*)(:int)?\})");
  std::string path;
  std::map<std::string, std::string> params;
  auto begin = std::sregex_iterator(pattern.begin(), pattern.end(), kParam);
  std::size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    path += pattern.substr(last, static_cast<std::size_t>(m.position()) - last);
    const std::string value = m[2].matched ? "999999" : "XX";
    params[m[1].str()] = value;
    path += value;
    last = static_cast<std::size_t>(m.position() + m.length());
  }
  path += pattern.substr(last);
  return {path, params};
}

class RoutePolicyTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    saved_limits_ = identity::DefaultPasswordLimits();
    identity::SetDefaultPasswordLimits(identity::PasswordLimits::Min());
  }
  void TearDown() override {
    identity::SetDefaultPasswordLimits(saved_limits_);
    DatabaseTest::TearDown();
  }
  identity::PasswordLimits saved_limits_;
};

TEST_P(RoutePolicyTest, EveryRouteAnswersEveryRoleAsItsPolicySays) {
  identity::IdentityOptions options;
  options.password_limits = identity::PasswordLimits::Min();
  identity::IdentityService users(db(), options);
  std::vector<Caller> callers = {{"anonymous", std::nullopt, ""}};
  for (const auto role : identity::kRoles) {
    identity::CreateUserInput in;
    in.email = std::string(role) + "@example.org";
    in.display_name = std::string(role);
    in.roles = {std::string(role)};
    if (role == identity::kRoleFocalPoint) in.country = kFocalPointCountry;
    in.password = kPassword;
    auto user = users.CreateUser(in, identity::CliActor("test"));
    ASSERT_TRUE(user.ok()) << user.status().ToString();
    http::Principal p;
    p.user_id = user->user_id;
    p.email = user->email;
    p.roles = user->roles;
    p.country = user->country;
    callers.push_back({std::string(role), p, user->email});
  }

  testing::AppServer app(db());
  Status started = app.Start();
  ASSERT_TRUE(started.ok()) << started.ToString();
  ApiClient client(app.port());

  int checked = 0;
  for (const http::Route& route : app.router().routes()) {
    ASSERT_TRUE(route.policy) << route.pattern;
    const std::string method(http::MethodName(route.method));
    auto [path, params] = Placeholders(route.pattern);
    for (const Caller& caller : callers) {
      http::Request probe;
      probe.method = route.method;
      probe.path = path;
      probe.path_params = params;
      const Status expected = route.policy->Check(caller.principal, probe);

      // A fresh session per request: some routes (sign-out) end the one they are called with.
      std::optional<BrowserSession> session;
      if (caller.principal) {
        Reply r;
        session = client.SignIn(caller.email, kPassword, &r);
        ASSERT_TRUE(session) << caller.name << ": " << r.status << " " << r.body;
      }
      std::optional<json> body;
      if (http::IsStateChanging(route.method)) body = json::object();
      const Reply reply = client.Send(method, path, body, session ? &*session : nullptr);
      const std::string what = method + " " + route.pattern + " as " + caller.name + " -> " +
                               std::to_string(reply.status) + " " + reply.body.substr(0, 200);
      ASSERT_GT(reply.status, 0) << what;
      if (expected.ok()) {
        EXPECT_NE(reply.status, 401) << what;
        EXPECT_NE(reply.status, 403) << what;
      } else if (!caller.principal) {
        EXPECT_EQ(reply.status, 401) << what;
      } else {
        EXPECT_EQ(reply.status, 403) << what;
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 7 * 19) << "the identity and platform routes alone are 19";
}

INSTANTIATE_TEST_SUITE_P(Backends, RoutePolicyTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace bsg
