// The identity API end to end: the whole application served in-process, on SQLite and
// PostgreSQL.
#include <gtest/gtest.h>

#include "http/app_server.h"
#include "modules/identity/password.h"
#include "modules/identity/service.h"
#include "platform/time/clock.h"
#include "support/test_db.h"

namespace bsg {
namespace {

using nlohmann::json;
using testing::ApiClient;
using testing::BrowserSession;
using testing::Reply;

constexpr const char* kPassword = "violet-harbour-41-kettle";

class IdentityApiTest : public testing::DatabaseTest {
 protected:
  testing::FastPasswords fast_passwords_;
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    identity::IdentityOptions options;
    options.password_limits = identity::PasswordLimits::Min();
    users_ = std::make_unique<identity::IdentityService>(db(), options);
    app_ = std::make_unique<testing::AppServer>(db());
    Status started = app_->Start();
    ASSERT_TRUE(started.ok()) << started.ToString();
    client_ = std::make_unique<ApiClient>(app_->port());
  }
  void TearDown() override {
    client_.reset();
    app_.reset();
    users_.reset();
    DatabaseTest::TearDown();
  }

  std::int64_t MakeUser(const std::string& email, std::set<std::string> roles,
                        std::optional<std::string> country = std::nullopt) {
    identity::CreateUserInput in;
    in.email = email;
    in.display_name = email.substr(0, email.find('@'));
    in.roles = std::move(roles);
    in.country = std::move(country);
    in.password = kPassword;
    auto user = users_->CreateUser(in, CliActor("test"));
    EXPECT_TRUE(user.ok()) << user.status().ToString();
    return user.ok() ? user->user_id : 0;
  }

  BrowserSession SignedIn(const std::string& email) {
    Reply r;
    auto s = client_->SignIn(email, kPassword, &r);
    EXPECT_TRUE(s) << r.status << " " << r.body;
    return s.value_or(BrowserSession{});
  }

  ApiClient& client() { return *client_; }

  // Serves the app again with these server options.
  void Restart(http::ServerOptions options) {
    client_.reset();
    app_ = std::make_unique<testing::AppServer>(db());
    Status started = app_->Start(std::move(options));
    ASSERT_TRUE(started.ok()) << started.ToString();
    client_ = std::make_unique<ApiClient>(app_->port());
  }

  // The Set-Cookie headers of a sign-in sent with `headers`.
  std::vector<std::string> SignInCookies(const std::map<std::string, std::string>& headers) {
    Reply r = client().Send("POST", "/api/session",
                            json{{"email", "ada@example.org"}, {"password", kPassword}}, nullptr,
                            headers);
    EXPECT_EQ(r.status, 200) << r.body;
    const auto cookies = r.SetCookies();
    EXPECT_EQ(cookies.size(), 2u);
    return cookies;
  }

  std::unique_ptr<identity::IdentityService> users_;
  std::unique_ptr<testing::AppServer> app_;
  std::unique_ptr<ApiClient> client_;
};

TEST_P(IdentityApiTest, SignInSetsSessionAndCsrfCookies) {
  MakeUser("ada@example.org", {"admin"});
  Reply r = client().Send("POST", "/api/session",
                          json{{"email", "ada@example.org"}, {"password", kPassword}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["user"]["email"], "ada@example.org");
  EXPECT_FALSE(r.Json()["user"].contains("password_hash"));
  const auto cookies = r.SetCookies();
  ASSERT_EQ(cookies.size(), 2u);
  const std::string session = cookies[0].starts_with("bsg_session=") ? cookies[0] : cookies[1];
  const std::string csrf = cookies[0].starts_with("bsg_csrf=") ? cookies[0] : cookies[1];
  EXPECT_NE(session.find("; HttpOnly"), std::string::npos) << session;
  EXPECT_NE(session.find("; SameSite=Lax"), std::string::npos);
  EXPECT_NE(session.find("; Path=/"), std::string::npos);
  EXPECT_EQ(session.find("Secure"), std::string::npos) << "plain HTTP: no Secure";
  EXPECT_EQ(csrf.find("HttpOnly"), std::string::npos) << "the web app reads bsg_csrf";
  EXPECT_NE(csrf.find(r.Json()["csrf_token"].get<std::string>()), std::string::npos);

  BrowserSession s = SignedIn("ada@example.org");
  Reply me = client().Send("GET", "/api/session", std::nullopt, &s);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.Json()["user"]["roles"], json::array({"admin"}));
  EXPECT_EQ(me.Json()["csrf_token"], s.csrf_token);
  Reply anonymous = client().Send("GET", "/api/session");
  ASSERT_EQ(anonymous.status, 200);
  EXPECT_TRUE(anonymous.Json()["user"].is_null());
}

TEST_P(IdentityApiTest, AForgedForwardedProtoGetsNoSecureCookie) {
  MakeUser("ada@example.org", {"admin"});
  // No trusted proxy and an http public address: the client's own header is not believed.
  for (const auto& c : SignInCookies({{"X-Forwarded-Proto", "https"}})) {
    EXPECT_EQ(c.find("Secure"), std::string::npos) << c;
  }
  // A trusted proxy configured, but the caller (127.0.0.1) is not it.
  http::ServerOptions options;
  options.trusted_proxies = http::TrustedProxies::Parse({"10.0.0.0/8"}).value();
  Restart(options);
  for (const auto& c : SignInCookies({{"X-Forwarded-Proto", "https"}})) {
    EXPECT_EQ(c.find("Secure"), std::string::npos) << c;
  }
}

TEST_P(IdentityApiTest, ATrustedProxysForwardedProtoGetsSecureCookies) {
  MakeUser("ada@example.org", {"admin"});
  http::ServerOptions options;
  options.trusted_proxies = http::TrustedProxies::Parse({"127.0.0.1"}).value();
  Restart(options);
  for (const auto& c : SignInCookies({{"X-Forwarded-Proto", "https"}})) {
    EXPECT_NE(c.find("; Secure"), std::string::npos) << c;
  }
  for (const auto& c : SignInCookies({{"X-Forwarded-Proto", "http"}})) {
    EXPECT_EQ(c.find("Secure"), std::string::npos) << c;
  }
  // Signing out clears the cookies with the same flag.
  BrowserSession s = SignedIn("ada@example.org");
  Reply out =
      client().Send("DELETE", "/api/session", std::nullopt, &s, {{"X-Forwarded-Proto", "https"}});
  ASSERT_LT(out.status, 300) << out.body;
  EXPECT_EQ(out.SetCookies().size(), 2u);
  for (const auto& c : out.SetCookies()) EXPECT_NE(c.find("; Secure"), std::string::npos) << c;
}

TEST_P(IdentityApiTest, AnHttpsPublicAddressGetsSecureCookiesAndHsts) {
  MakeUser("ada@example.org", {"admin"});
  http::ServerOptions options;
  options.https = true;
  Restart(options);
  for (const auto& c : SignInCookies({})) EXPECT_NE(c.find("; Secure"), std::string::npos) << c;
  Reply health = client().Send("GET", "/api/health");
  EXPECT_EQ(health.Header("Strict-Transport-Security"), "max-age=31536000");
  EXPECT_EQ(health.Header("Referrer-Policy"), "same-origin");
}

TEST_P(IdentityApiTest, StateChangingRequestsWithACookieNeedTheCsrfToken) {
  MakeUser("ada@example.org", {"admin"});
  BrowserSession s = SignedIn("ada@example.org");
  Reply missing = client().Send("PATCH", "/api/me", json{{"language", "fr"}}, &s, {}, "");
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(missing.Reason(), "csrf.missing");
  Reply wrong = client().Send("PATCH", "/api/me", json{{"language", "fr"}}, &s, {}, "nope");
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(wrong.Reason(), "csrf.mismatch");
  Reply ok = client().Send("PATCH", "/api/me", json{{"language", "fr"}}, &s);
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.Json()["language"], "fr");
  // Sign-out is state-changing too.
  EXPECT_EQ(client().Send("DELETE", "/api/session", std::nullopt, &s, {}, "").status, 403);
  Reply out = client().Send("DELETE", "/api/session", std::nullopt, &s);
  EXPECT_EQ(out.status, 204);
  EXPECT_EQ(client().Send("GET", "/api/tokens", std::nullopt, &s).status, 401);
}

TEST_P(IdentityApiTest, ExpiredSessionIs401ButSignInStillWorks) {
  time::ScopedTestClock clock(time::Now());
  MakeUser("ada@example.org", {"admin"});
  BrowserSession s = SignedIn("ada@example.org");
  ASSERT_EQ(client().Send("GET", "/api/users", std::nullopt, &s).status, 200);
  clock.Advance(std::chrono::hours(2) + std::chrono::seconds(1));  // idle
  Reply expired = client().Send("GET", "/api/users", std::nullopt, &s);
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(expired.Reason(), "session.expired");
  // Public routes treat a stale cookie as no cookie, and clear it.
  Reply session = client().Send("GET", "/api/session", std::nullopt, &s);
  EXPECT_EQ(session.status, 200);
  EXPECT_TRUE(session.Json()["user"].is_null());
  ASSERT_EQ(session.SetCookies().size(), 2u);
  EXPECT_NE(session.SetCookies()[0].find("Max-Age=0"), std::string::npos);
  Reply again = client().Send("POST", "/api/session",
                              json{{"email", "ada@example.org"}, {"password", kPassword}}, &s);
  EXPECT_EQ(again.status, 200) << again.body;
}

TEST_P(IdentityApiTest, ARevocationWrittenByAnotherProcessEndsTheSessionAtOnce) {
  MakeUser("ada@example.org", {"admin"});
  BrowserSession s = SignedIn("ada@example.org");
  ASSERT_EQ(client().Send("GET", "/api/users", std::nullopt, &s).status, 200);
  ASSERT_EQ(client().Send("GET", "/api/users", std::nullopt, &s).status, 200);  // from memory
  // As `bsg user disable` or another server would: straight into the database.
  ASSERT_TRUE(
      db().Exec("UPDATE user_session SET revoked_at = ?", {"2000-01-01T00:00:00.000Z"}).ok());
  Reply revoked = client().Send("GET", "/api/users", std::nullopt, &s);
  EXPECT_EQ(revoked.status, 401);
  EXPECT_EQ(revoked.Reason(), "session.expired");
}

// The user routes are versioned reads: a repeat comes from the read cache, and any change to the
// accounts, even one written by another process, is in the next answer.
TEST_P(IdentityApiTest, UserListsShowEveryChangeAtOnce) {
  MakeUser("ada@example.org", {"admin"});
  BrowserSession s = SignedIn("ada@example.org");
  Reply first = client().Send("GET", "/api/users", std::nullopt, &s);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.Json()["total"], 1);
  EXPECT_EQ(first.Header("Cache-Control"), "private, no-cache");
  EXPECT_EQ(client().Send("GET", "/api/users", std::nullopt, &s).body, first.body);
  const std::int64_t grace = MakeUser("grace@example.org", {"officer"});  // another process
  Reply second = client().Send("GET", "/api/users", std::nullopt, &s);
  EXPECT_EQ(second.Json()["total"], 2) << second.body;
  ASSERT_TRUE(db().Exec("UPDATE user_account SET display_name = ? WHERE id = ?",
                        {std::string("Grace H."), grace})
                  .ok());
  Reply one = client().Send("GET", "/api/users/" + std::to_string(grace), std::nullopt, &s);
  EXPECT_EQ(one.Json()["display_name"], "Grace H.") << one.body;
}

TEST_P(IdentityApiTest, SixthWrongPasswordGets429ForExistingAndUnknownAccounts) {
  MakeUser("ada@example.org", {"admin"});
  for (const std::string email : {"ada@example.org", "ghost@example.org"}) {
    for (int i = 1; i <= 5; ++i) {
      Reply r = client().Send(
          "POST", "/api/session",
          json{{"email", email}, {"password", "wrong-password-" + std::to_string(i)}});
      EXPECT_EQ(r.status, 401) << email << " attempt " << i << ": " << r.body;
      EXPECT_EQ(r.Reason(), "session.invalid_credentials");
    }
    Reply sixth = client().Send("POST", "/api/session",
                                json{{"email", email}, {"password", "wrong-password-6"}});
    EXPECT_EQ(sixth.status, 429) << email << ": " << sixth.body;
    EXPECT_EQ(sixth.Reason(), "session.rate_limited");
    const std::string retry = sixth.Header("Retry-After");
    ASSERT_FALSE(retry.empty());
    EXPECT_GT(std::stoi(retry), 800);
    EXPECT_LE(std::stoi(retry), 900);
  }
  // The messages of an existing and an unknown account are the same.
  Reply a = client().Send("POST", "/api/session",
                          json{{"email", "x1@example.org"}, {"password", "wrong-password-x"}});
  MakeUser("x2@example.org", {"viewer"});
  Reply b = client().Send("POST", "/api/session",
                          json{{"email", "x2@example.org"}, {"password", "wrong-password-x"}});
  EXPECT_EQ(a.body, b.body);
}

TEST_P(IdentityApiTest, DisabledUsersAreLockedOutAtOnce) {
  MakeUser("ada@example.org", {"admin"});
  const auto grace = MakeUser("grace@example.org", {"officer"});
  BrowserSession admin = SignedIn("ada@example.org");
  BrowserSession officer = SignedIn("grace@example.org");
  Reply token =
      client().Send("POST", "/api/tokens", json{{"name", "t"}, {"scopes", {"read"}}}, &officer);
  ASSERT_EQ(token.status, 201) << token.body;
  const std::string bearer = "Bearer " + token.Json()["token"].get<std::string>();
  ASSERT_EQ(
      client().Send("GET", "/api/audit", std::nullopt, nullptr, {{"Authorization", bearer}}).status,
      200);

  Reply disable = client().Send("PATCH", "/api/users/" + std::to_string(grace),
                                json{{"disabled", true}}, &admin);
  ASSERT_EQ(disable.status, 200) << disable.body;
  EXPECT_EQ(disable.Json()["disabled"], true);
  EXPECT_EQ(client().Send("GET", "/api/audit", std::nullopt, &officer).status, 401);
  EXPECT_EQ(
      client().Send("GET", "/api/audit", std::nullopt, nullptr, {{"Authorization", bearer}}).status,
      401);
  Reply r;
  EXPECT_FALSE(client().SignIn("grace@example.org", kPassword, &r));
  EXPECT_EQ(r.status, 401);
}

TEST_P(IdentityApiTest, MetricsAreForAdminsAndTheirTokensOnly) {
  MakeUser("ada@example.org", {"admin"});
  MakeUser("grace@example.org", {"officer"});
  Reply anonymous = client().Send("GET", "/metrics");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.body.find("bsg_http_requests"), std::string::npos);

  BrowserSession officer = SignedIn("grace@example.org");
  EXPECT_EQ(client().Send("GET", "/metrics", std::nullopt, &officer).status, 403);

  BrowserSession admin = SignedIn("ada@example.org");
  Reply scraped = client().Send("GET", "/metrics", std::nullopt, &admin);
  EXPECT_EQ(scraped.status, 200);
  EXPECT_EQ(scraped.Header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");

  // A Prometheus scraper: an admin's read-scope API token.
  Reply token = client().Send("POST", "/api/tokens",
                              json{{"name", "prometheus"}, {"scopes", {"read"}}}, &admin);
  ASSERT_EQ(token.status, 201) << token.body;
  const std::string bearer = "Bearer " + token.Json()["token"].get<std::string>();
  Reply by_token =
      client().Send("GET", "/metrics", std::nullopt, nullptr, {{"Authorization", bearer}});
  EXPECT_EQ(by_token.status, 200);
  EXPECT_NE(by_token.body.find("route=\"/metrics\""), std::string::npos);

  // A metrics-only token: /metrics and nothing else.
  Reply scraper = client().Send("POST", "/api/tokens",
                                json{{"name", "scraper"}, {"scopes", {"metrics"}}}, &admin);
  ASSERT_EQ(scraper.status, 201) << scraper.body;
  EXPECT_EQ(scraper.Json()["scopes"], json::array({"metrics"}));
  const std::string metrics_bearer = "Bearer " + scraper.Json()["token"].get<std::string>();
  EXPECT_EQ(client()
                .Send("GET", "/metrics", std::nullopt, nullptr, {{"Authorization", metrics_bearer}})
                .status,
            200);
  Reply elsewhere = client().Send("GET", "/api/users", std::nullopt, nullptr,
                                  {{"Authorization", metrics_bearer}});
  EXPECT_EQ(elsewhere.status, 403);
  EXPECT_EQ(elsewhere.Reason(), "token.metrics_only");
  EXPECT_EQ(
      client()
          .Send("GET", "/api/tokens", std::nullopt, nullptr, {{"Authorization", metrics_bearer}})
          .Reason(),
      "token.metrics_only");
  Reply mixed = client().Send("POST", "/api/tokens",
                              json{{"name", "mixed"}, {"scopes", {"metrics", "read"}}}, &admin);
  EXPECT_EQ(mixed.status, 422);
  // A non-admin's metrics token is refused by /metrics itself.
  Reply officer_token = client().Send("POST", "/api/tokens",
                                      json{{"name", "scraper"}, {"scopes", {"metrics"}}}, &officer);
  ASSERT_EQ(officer_token.status, 201) << officer_token.body;
  EXPECT_EQ(
      client()
          .Send("GET", "/metrics", std::nullopt, nullptr,
                {{"Authorization", "Bearer " + officer_token.Json()["token"].get<std::string>()}})
          .status,
      403);
}

TEST_P(IdentityApiTest, ApiTokensAreShownOnceAndScoped) {
  MakeUser("ada@example.org", {"officer"});
  BrowserSession s = SignedIn("ada@example.org");
  Reply read =
      client().Send("POST", "/api/tokens",
                    json{{"name", "reader"}, {"scopes", {"read"}}, {"expires_in_days", 7}}, &s);
  ASSERT_EQ(read.status, 201) << read.body;
  Reply write =
      client().Send("POST", "/api/tokens", json{{"name", "writer"}, {"scopes", {"write"}}}, &s);
  ASSERT_EQ(write.status, 201) << write.body;
  const std::string read_auth = "Bearer " + read.Json()["token"].get<std::string>();
  const std::string write_auth = "Bearer " + write.Json()["token"].get<std::string>();

  Reply list =
      client().Send("GET", "/api/tokens", std::nullopt, nullptr, {{"Authorization", read_auth}});
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.Json()["tokens"].size(), 2u);
  EXPECT_EQ(list.body.find(read.Json()["token"].get<std::string>()), std::string::npos)
      << "the secret is never shown again";

  Reply denied = client().Send("PATCH", "/api/me", json{{"language", "es"}}, nullptr,
                               {{"Authorization", read_auth}});
  EXPECT_EQ(denied.status, 403);
  EXPECT_EQ(denied.Reason(), "token.read_only");
  Reply allowed = client().Send("PATCH", "/api/me", json{{"language", "es"}}, nullptr,
                                {{"Authorization", write_auth}});
  EXPECT_EQ(allowed.status, 200) << allowed.body << " (tokens need no CSRF token)";
  Reply nested = client().Send("POST", "/api/tokens", json{{"name", "x"}, {"scopes", {"read"}}},
                               nullptr, {{"Authorization", write_auth}});
  EXPECT_EQ(nested.status, 403);

  const std::string id = std::to_string(read.Json()["token_id"].get<std::int64_t>());
  EXPECT_EQ(client().Send("DELETE", "/api/tokens/" + id, std::nullopt, &s).status, 204);
  Reply revoked =
      client().Send("GET", "/api/tokens", std::nullopt, nullptr, {{"Authorization", read_auth}});
  EXPECT_EQ(revoked.status, 401);
  EXPECT_EQ(revoked.Reason(), "token.invalid");
  EXPECT_EQ(client().Send("DELETE", "/api/tokens/999999", std::nullopt, &s).status, 404);
  EXPECT_EQ(client()
                .Send("GET", "/api/tokens", std::nullopt, nullptr,
                      {{"Authorization", "Bearer bsg_forged"}})
                .status,
            401);
}

TEST_P(IdentityApiTest, AuditListFiltersAndPages) {
  const auto ada = MakeUser("ada@example.org", {"admin"});
  MakeUser("grace@example.org", {"officer"});
  MakeUser("del@example.org", {"delegate"});
  BrowserSession admin = SignedIn("ada@example.org");
  Reply created = client().Send(
      "POST", "/api/users",
      json{{"email", "new@example.org"}, {"display_name", "New"}, {"roles", {"viewer"}}}, &admin);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string new_id = std::to_string(created.Json()["user_id"].get<std::int64_t>());
  ASSERT_EQ(client()
                .Send("PATCH", "/api/users/" + new_id, json{{"display_name", "Renamed"}}, &admin)
                .status,
            200);

  BrowserSession officer = SignedIn("grace@example.org");
  Reply by_record =
      client().Send("GET", "/api/audit?record=user:" + new_id, std::nullopt, &officer);
  ASSERT_EQ(by_record.status, 200) << by_record.body;
  const json events = by_record.Json()["events"];
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0]["action"], "update");  // newest first
  EXPECT_EQ(events[0]["before"]["display_name"], "New");
  EXPECT_EQ(events[0]["after"]["display_name"], "Renamed");
  EXPECT_EQ(events[0]["actor_user_id"], ada);
  EXPECT_EQ(events[0]["actor_label"], "ada@example.org");
  EXPECT_EQ(events[0]["remote_address"], "127.0.0.1");
  EXPECT_FALSE(events[0]["request_id"].get<std::string>().empty());
  EXPECT_EQ(events[1]["action"], "create");

  Reply by_actor = client().Send("GET", "/api/audit?by=" + std::to_string(ada) + "&record=user",
                                 std::nullopt, &officer);
  ASSERT_EQ(by_actor.status, 200);
  const json actor_events = by_actor.Json()["events"];
  EXPECT_FALSE(actor_events.empty());
  for (const auto& e : actor_events) EXPECT_EQ(e["actor_user_id"], ada);

  Reply future = client().Send("GET", "/api/audit?since=2999-01-01", std::nullopt, &officer);
  ASSERT_EQ(future.status, 200);
  EXPECT_TRUE(future.Json()["events"].empty());
  Reply past =
      client().Send("GET", "/api/audit?until=2000-01-01T00:00:00Z", std::nullopt, &officer);
  EXPECT_TRUE(past.Json()["events"].empty());

  // Keyset pages: two at a time until next_cursor is null, each event seen once.
  std::set<std::int64_t> seen;
  std::string cursor;
  int pages = 0;
  while (pages++ < 50) {
    Reply page = client().Send("GET", "/api/audit?limit=2" + cursor, std::nullopt, &officer);
    ASSERT_EQ(page.status, 200) << page.body;
    const json page_events = page.Json()["events"];
    for (const auto& e : page_events) {
      EXPECT_TRUE(seen.insert(e["event_id"].get<std::int64_t>()).second);
    }
    if (page.Json()["next_cursor"].is_null()) break;
    cursor = "&cursor=" + std::to_string(page.Json()["next_cursor"].get<std::int64_t>());
  }
  auto count = db().Query("SELECT COUNT(*) FROM audit_event");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(static_cast<std::int64_t>(seen.size()), (*count)[0].Int(0));

  EXPECT_EQ(client().Send("GET", "/api/audit?since=yesterday", std::nullopt, &officer).status, 400);
  EXPECT_EQ(client().Send("GET", "/api/audit?by=abc", std::nullopt, &officer).status, 400);
  EXPECT_EQ(client().Send("GET", "/api/audit?limit=0", std::nullopt, &officer).status, 400);
  BrowserSession delegate = SignedIn("del@example.org");
  EXPECT_EQ(client().Send("GET", "/api/audit", std::nullopt, &delegate).status, 403);
  EXPECT_EQ(client().Send("GET", "/api/audit").status, 401);
}

TEST_P(IdentityApiTest, NoRouteCanModifyTheAudit) {
  for (const auto& route : app_->router().routes()) {
    if (route.pattern.find("audit") == std::string::npos) continue;
    EXPECT_TRUE(route.method == http::Method::kGet || route.method == http::Method::kHead)
        << http::MethodName(route.method) << " " << route.pattern;
  }
  MakeUser("ada@example.org", {"admin"});
  BrowserSession admin = SignedIn("ada@example.org");
  for (const char* method : {"POST", "PUT", "PATCH", "DELETE"}) {
    Reply r = client().Send(method, "/api/audit", json::object(), &admin);
    EXPECT_EQ(r.status, 405) << method;
  }
  EXPECT_FALSE(db().Exec("DELETE FROM audit_event").ok());
}

TEST_P(IdentityApiTest, PasswordResetThroughTheOutbox) {
  MakeUser("ada@example.org", {"delegate"});
  MakeUser("grace@example.org", {"officer"});
  MakeUser("root@example.org", {"admin"});
  for (const char* email : {"ada@example.org", "nobody@example.org"}) {
    Reply r = client().Send("POST", "/api/password-reset", json{{"email", email}});
    EXPECT_EQ(r.status, 202) << email;
  }
  // The links are live credentials: an officer may not read them (else an officer could reset
  // an admin's password), an admin may.
  BrowserSession officer = SignedIn("grace@example.org");
  EXPECT_EQ(client().Send("GET", "/api/outbox", std::nullopt, &officer).status, 403);
  BrowserSession admin = SignedIn("root@example.org");
  Reply outbox = client().Send("GET", "/api/outbox", std::nullopt, &admin);
  ASSERT_EQ(outbox.status, 200) << outbox.body;
  const json messages = outbox.Json()["messages"];
  ASSERT_EQ(messages.size(), 1u) << "nothing for an unknown address";
  EXPECT_EQ(messages[0]["to"], "ada@example.org");
  EXPECT_EQ(messages[0]["kind"], "password_reset");
  const std::string body = messages[0]["body"];
  const auto at = body.find("#token=");
  ASSERT_NE(at, std::string::npos) << body;
  const std::string token = body.substr(at + 7, 43);

  Reply weak = client().Send("POST", "/api/password-reset/confirm",
                             json{{"token", token}, {"new_password", "qwertyuiop123"}});
  EXPECT_EQ(weak.status, 422);
  EXPECT_TRUE(weak.Json()["fields"].contains("new_password"));
  Reply done = client().Send("POST", "/api/password-reset/confirm",
                             json{{"token", token}, {"new_password", "a-brand-new-passphrase"}});
  EXPECT_EQ(done.status, 204) << done.body;
  Reply reused = client().Send("POST", "/api/password-reset/confirm",
                               json{{"token", token}, {"new_password", "another-passphrase-9"}});
  EXPECT_EQ(reused.status, 422);
  EXPECT_EQ(reused.Reason(), "password_reset.invalid_token");
  auto delegate = client().SignIn("ada@example.org", "a-brand-new-passphrase");
  ASSERT_TRUE(delegate);
  EXPECT_EQ(client().Send("GET", "/api/outbox", std::nullopt, &*delegate).status, 403);
}

TEST_P(IdentityApiTest, UsersApiValidatesAndFilters) {
  MakeUser("ada@example.org", {"admin"});
  MakeUser("grace@example.org", {"officer"});
  BrowserSession admin = SignedIn("ada@example.org");
  Reply invalid = client().Send(
      "POST", "/api/users",
      json{{"email", "not-an-email"}, {"roles", {"focal_point"}}, {"password", "short"}}, &admin);
  EXPECT_EQ(invalid.status, 422) << invalid.body;
  const json fields = invalid.Json()["fields"];
  EXPECT_TRUE(fields.contains("email"));
  EXPECT_TRUE(fields.contains("country"));
  EXPECT_TRUE(fields.contains("password"));
  // A member of the wrong type or one the request does not take: 422 naming it, as on every
  // module's routes (tests/http/body_decoding_test.cc).
  EXPECT_EQ(client().Send("POST", "/api/users", json{{"email", 5}}, &admin).status, 422);
  EXPECT_EQ(client().Send("POST", "/api/users", json{{"emial", "x@example.org"}}, &admin).status,
            422);
  EXPECT_EQ(client().Send("POST", "/api/users", json::array(), &admin).status, 400);
  Reply duplicate = client().Send(
      "POST", "/api/users", json{{"email", "GRACE@example.org"}, {"roles", {"viewer"}}}, &admin);
  EXPECT_EQ(duplicate.status, 409);

  Reply fp = client().Send("POST", "/api/users",
                           json{{"email", "fp@example.org"},
                                {"display_name", "Focal Point"},
                                {"language", "fr"},
                                {"roles", {"focal_point"}},
                                {"country", "SN"}},
                           &admin);
  ASSERT_EQ(fp.status, 201) << fp.body;
  EXPECT_EQ(fp.Json()["country"], "SN");
  EXPECT_EQ(fp.Json()["has_password"], false);

  Reply list = client().Send("GET", "/api/users?role=focal_point", std::nullopt, &admin);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.Json()["total"], 1);
  Reply paged = client().Send("GET", "/api/users?limit=1&offset=1", std::nullopt, &admin);
  EXPECT_EQ(paged.Json()["total"], 3);
  EXPECT_EQ(paged.Json()["users"].size(), 1u);
  EXPECT_EQ(client().Send("GET", "/api/users?q=focal", std::nullopt, &admin).Json()["total"], 1);
  EXPECT_EQ(client().Send("GET", "/api/users?disabled=maybe", std::nullopt, &admin).status, 400);

  BrowserSession officer = SignedIn("grace@example.org");
  const std::string id = std::to_string(fp.Json()["user_id"].get<std::int64_t>());
  EXPECT_EQ(client().Send("GET", "/api/users/" + id, std::nullopt, &officer).status, 200);
  EXPECT_EQ(client().Send("GET", "/api/users", std::nullopt, &officer).status, 403);
  EXPECT_EQ(client().Send("PATCH", "/api/users/" + id, json{{"disabled", true}}, &officer).status,
            403);
  EXPECT_EQ(client().Send("GET", "/api/users/999999", std::nullopt, &officer).status, 404);
}

TEST_P(IdentityApiTest, ChangeOwnPassword) {
  MakeUser("ada@example.org", {"viewer"});
  BrowserSession s = SignedIn("ada@example.org");
  Reply wrong = client().Send(
      "PUT", "/api/me/password",
      json{{"current_password", "not-my-password"}, {"new_password", "a-brand-new-passphrase"}},
      &s);
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.Reason(), "password.incorrect");
  Reply ok = client().Send(
      "PUT", "/api/me/password",
      json{{"current_password", kPassword}, {"new_password", "a-brand-new-passphrase"}}, &s);
  EXPECT_EQ(ok.status, 204) << ok.body;
  EXPECT_TRUE(client().SignIn("ada@example.org", "a-brand-new-passphrase"));
}

TEST_P(IdentityApiTest, OpenApiDocumentsEveryIdentityRoute) {
  Reply doc = client().Send("GET", "/api/openapi.json");
  ASSERT_EQ(doc.status, 200);
  const json paths = doc.Json()["paths"];
  for (const char* path : {"/api/session", "/api/users", "/api/users/{id}", "/api/me",
                           "/api/me/password", "/api/password-reset", "/api/password-reset/confirm",
                           "/api/tokens", "/api/tokens/{id}", "/api/audit", "/api/outbox"}) {
    ASSERT_TRUE(paths.contains(path)) << path;
    for (const auto& [method, op] : paths[path].items()) {
      if (!op.is_object() || !op.contains("tags")) continue;
      EXPECT_EQ(op["tags"], json::array({"identity"})) << method << " " << path;
      EXPECT_FALSE(op.value("summary", "").empty()) << method << " " << path;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, IdentityApiTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace bsg
