// The identity use cases on SQLite and PostgreSQL, with the product's clock stopped and moved by
// the tests (time::ScopedTestClock).
#include "modules/identity/service.h"

#include <gtest/gtest.h>

#include "modules/identity/audit.h"
#include "platform/time/clock.h"
#include "support/test_db.h"

namespace bsg::identity {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr const char* kPassword = "violet-harbour-41-kettle";

class IdentityServiceTest : public bsg::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    RegisterAuditRecorder();
    options_.password_limits = PasswordLimits::Min();
    options_.base_url = "https://bsg.example.org";
    service_ = std::make_unique<IdentityService>(db(), options_);
  }

  IdentityService& svc() { return *service_; }

  User MakeUser(const std::string& email, std::set<std::string> roles,
                std::optional<std::string> password = kPassword,
                std::optional<std::string> country = std::nullopt) {
    CreateUserInput in;
    in.email = email;
    in.display_name = "Test " + email;
    in.roles = std::move(roles);
    in.country = std::move(country);
    in.password = std::move(password);
    auto user = svc().CreateUser(in, CliActor("test"));
    EXPECT_TRUE(user.ok()) << user.status().ToString();
    return user.ok() ? *user : User{};
  }

  AuditActor Anonymous(const std::string& address = "192.0.2.1") {
    return AuditActor{std::nullopt, "anonymous", address, "req"};
  }

  Result<SignInResult> SignIn(const std::string& email, const std::string& password,
                              const std::string& address = "192.0.2.1") {
    return svc().SignIn(email, password, Anonymous(address));
  }

  http::Request CookieRequest(const std::string& token, http::Method method = http::Method::kGet) {
    http::Request r;
    r.method = method;
    r.headers["cookie"] = "other=1; " + std::string(kSessionCookie) + "=" + token;
    return r;
  }

  http::Request BearerRequest(const std::string& token, http::Method method = http::Method::kGet) {
    http::Request r;
    r.method = method;
    r.headers["authorization"] = "Bearer " + token;
    return r;
  }

  std::vector<OutboxMessage> Outbox() {
    auto m = svc().ListOutbox(100, std::nullopt, std::nullopt);
    EXPECT_TRUE(m.ok());
    return m.ok() ? *m : std::vector<OutboxMessage>{};
  }

  static std::string TokenFromLink(const std::string& body) {
    const auto at = body.find("#token=");
    if (at == std::string::npos) return "";
    const auto start = at + 7;
    const auto end = body.find_first_of("\n ", start);
    return body.substr(start, end - start);
  }

  // The product's clock, stopped; tests move it.
  time::ScopedTestClock clock_{*time::ParseTimestamp("2024-05-01T09:00:00Z")};
  IdentityOptions options_;
  std::unique_ptr<IdentityService> service_;
};

TEST_P(IdentityServiceTest, SignInCreatesASessionTheCookieAuthenticates) {
  const User ada = MakeUser("Ada@Example.org", {"admin"});
  EXPECT_EQ(ada.email, "ada@example.org");
  auto s = SignIn(" ADA@example.org ", kPassword);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->user.user_id, ada.user_id);
  EXPECT_EQ(s->session_token.size(), 43u);
  EXPECT_EQ(s->expires_at, "2024-05-01T21:00:00.000Z");
  auto who = svc().Authenticate(CookieRequest(s->session_token));
  ASSERT_TRUE(who.ok()) << who.status().ToString();
  ASSERT_TRUE(who->has_value());
  EXPECT_EQ((*who)->user_id, ada.user_id);
  EXPECT_TRUE((*who)->HasRole("admin"));
  EXPECT_FALSE((*who)->via_api_token);
  // Only the hash of the token is stored.
  auto rows = db().Query("SELECT token_hash FROM user_session");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Text(0), HashToken(s->session_token));
  // No credentials: anonymous.
  auto anon = svc().Authenticate(http::Request{});
  ASSERT_TRUE(anon.ok());
  EXPECT_FALSE(anon->has_value());
}

TEST_P(IdentityServiceTest, WrongPasswordAndUnknownAccountFailAlike) {
  MakeUser("ada@example.org", {"admin"});
  auto wrong = SignIn("ada@example.org", "not-the-password-at-all");
  auto unknown = SignIn("nobody@example.org", "not-the-password-at-all");
  EXPECT_EQ(wrong.status().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong.status().reason(), unknown.status().reason());
  EXPECT_EQ(wrong.status().message(), unknown.status().message());
  auto missing = SignIn("", "");
  EXPECT_EQ(missing.status().code(), ErrorCode::kUnprocessable);
  EXPECT_EQ(missing.status().fields().size(), 2u);
}

TEST_P(IdentityServiceTest, SixthWrongPasswordIsRateLimitedForExistingAndUnknownAccounts) {
  MakeUser("ada@example.org", {"admin"});
  for (const std::string email : {"ada@example.org", "nobody@example.org"}) {
    for (int i = 1; i <= 5; ++i) {
      auto r = SignIn(email, "wrong-password-" + std::to_string(i));
      EXPECT_EQ(r.status().code(), ErrorCode::kUnauthenticated) << email << " attempt " << i;
      clock_.Advance(seconds(10));
    }
    auto sixth = SignIn(email, "wrong-password-6");
    EXPECT_EQ(sixth.status().code(), ErrorCode::kTooManyRequests) << email;
    EXPECT_EQ(sixth.status().reason(), "session.rate_limited");
    // The first failure was 50 s ago: the window frees up 15 min after it.
    EXPECT_EQ(sixth.status().fields().at("retry_after_seconds"), std::to_string(15 * 60 - 50));
  }
  // Even the right password waits until the window has passed.
  EXPECT_EQ(SignIn("ada@example.org", kPassword).status().code(), ErrorCode::kTooManyRequests);
  clock_.Advance(minutes(15));
  EXPECT_TRUE(SignIn("ada@example.org", kPassword).ok());
}

TEST_P(IdentityServiceTest, SuccessClearsTheAccountsFailures) {
  MakeUser("ada@example.org", {"admin"});
  for (int i = 0; i < 4; ++i) EXPECT_FALSE(SignIn("ada@example.org", "wrong-password-x").ok());
  EXPECT_TRUE(SignIn("ada@example.org", kPassword).ok());
  for (int i = 0; i < 4; ++i) EXPECT_FALSE(SignIn("ada@example.org", "wrong-password-x").ok());
  EXPECT_TRUE(SignIn("ada@example.org", kPassword).ok());
}

TEST_P(IdentityServiceTest, FailuresFromOneAddressAreLimitedAcrossAccounts) {
  options_.max_failures_per_address = 3;
  service_ = std::make_unique<IdentityService>(db(), options_);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(SignIn("user" + std::to_string(i) + "@example.org", "wrong-password-x", "10.9.9.9")
                  .status()
                  .code(),
              ErrorCode::kUnauthenticated);
  }
  EXPECT_EQ(SignIn("user9@example.org", "wrong-password-x", "10.9.9.9").status().code(),
            ErrorCode::kTooManyRequests);
  EXPECT_EQ(SignIn("user9@example.org", "wrong-password-x", "10.9.9.8").status().code(),
            ErrorCode::kUnauthenticated);
}

TEST_P(IdentityServiceTest, SessionsExpireWhenIdleAndAbsolutely) {
  MakeUser("ada@example.org", {"admin"});
  auto s = SignIn("ada@example.org", kPassword);
  ASSERT_TRUE(s.ok());
  // Activity every 90 minutes keeps the session alive...
  for (int i = 0; i < 7; ++i) {
    clock_.Advance(minutes(90));
    auto who = svc().Authenticate(CookieRequest(s->session_token));
    ASSERT_TRUE(who.ok()) << "after " << (i + 1) * 90 << " min: " << who.status().ToString();
  }
  // ...until 12 hours after sign-in (10.5 h so far).
  clock_.Advance(minutes(90));
  auto expired = svc().Authenticate(CookieRequest(s->session_token));
  EXPECT_EQ(expired.status().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(expired.status().reason(), "session.expired");

  auto idle = SignIn("ada@example.org", kPassword);
  ASSERT_TRUE(idle.ok());
  clock_.Advance(hours(2) + seconds(1));
  EXPECT_EQ(svc().Authenticate(CookieRequest(idle->session_token)).status().reason(),
            "session.expired");
  EXPECT_EQ(svc().Authenticate(CookieRequest("made-up-token")).status().reason(),
            "session.expired");
}

TEST_P(IdentityServiceTest, SignOutRevokesTheSession) {
  MakeUser("ada@example.org", {"admin"});
  auto s = SignIn("ada@example.org", kPassword);
  ASSERT_TRUE(s.ok());
  auto who = svc().Authenticate(CookieRequest(s->session_token));
  ASSERT_TRUE(who.ok() && who->has_value());
  ASSERT_TRUE(svc().SignOut(**who, Anonymous()).ok());
  EXPECT_EQ(svc().Authenticate(CookieRequest(s->session_token)).status().code(),
            ErrorCode::kUnauthenticated);
}

// Two servers on one database: each keeps the credentials that authenticated in memory, and a
// revocation committed by one is seen by the other once it reads the identity data version again
// (at most credentials_max_age later; at once for its own writes).
TEST_P(IdentityServiceTest, ARevocationOnOneServerIsSeenByAnother) {
  const User ada = MakeUser("ada@example.org", {"admin"});
  IdentityOptions patient = options_;
  patient.credentials_max_age = std::chrono::hours(1);  // reads the version only after writes
  IdentityService other(db(), patient);
  auto s = SignIn("ada@example.org", kPassword);
  ASSERT_TRUE(s.ok());
  auto token = svc().CreateApiToken(ada.user_id, "script", {"read"}, std::nullopt, Anonymous());
  ASSERT_TRUE(token.ok()) << token.status().ToString();
  auto who = other.Authenticate(CookieRequest(s->session_token));
  ASSERT_TRUE(who.ok() && who->has_value()) << who.status().ToString();
  ASSERT_TRUE(other.Authenticate(BearerRequest(token->secret)).ok());

  ASSERT_TRUE(svc().SignOut(**who, Anonymous()).ok());
  ASSERT_TRUE(svc().RevokeApiToken(ada.user_id, token->token.token_id, Anonymous()).ok());
  // Within its max age `other` still trusts what it read...
  EXPECT_TRUE(other.Authenticate(CookieRequest(s->session_token)).ok());
  // ...until it reads the version again, which a write of its own (or the max age) makes it do.
  other.NoteWrite();
  EXPECT_EQ(other.Authenticate(CookieRequest(s->session_token)).status().reason(),
            "session.expired");
  EXPECT_EQ(other.Authenticate(BearerRequest(token->secret)).status().reason(), "token.invalid");

  // The same through the database alone, as the CLI or a server of an older release would write.
  auto again = SignIn("ada@example.org", kPassword);
  ASSERT_TRUE(again.ok());
  IdentityOptions eager = options_;
  eager.credentials_max_age = std::chrono::milliseconds(0);
  IdentityService third(db(), eager);
  ASSERT_TRUE(third.Authenticate(CookieRequest(again->session_token)).ok());
  ASSERT_TRUE(db().Exec("UPDATE user_session SET revoked_at = ? WHERE id = ?",
                        {time::CurrentTimestamp(), again->session_id})
                  .ok());
  EXPECT_EQ(third.Authenticate(CookieRequest(again->session_token)).status().reason(),
            "session.expired");
}

// A session served from memory still records its use once per touch interval, so the idle
// timeout counts from the last request, and the roles a request sees are the account's.
TEST_P(IdentityServiceTest, ASessionInMemoryStillRecordsItsUseAndSeesRoleChanges) {
  const User admin = MakeUser("ada@example.org", {"admin"});
  const User grace = MakeUser("grace@example.org", {"officer"});
  auto s = SignIn("grace@example.org", kPassword);
  ASSERT_TRUE(s.ok());
  auto last_seen = [&]() {
    auto rows = db().Query("SELECT last_seen_at FROM user_session WHERE id = ?", {s->session_id});
    EXPECT_TRUE(rows.ok() && rows->size() == 1);
    return rows.ok() && !rows->empty() ? (*rows)[0].Text(0) : std::string();
  };
  const std::string signed_in_at = last_seen();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(svc().Authenticate(CookieRequest(s->session_token)).ok());
  EXPECT_EQ(last_seen(), signed_in_at);
  clock_.Advance(seconds(61));
  ASSERT_TRUE(svc().Authenticate(CookieRequest(s->session_token)).ok());
  EXPECT_EQ(last_seen(), time::CurrentTimestamp());
  // Kept alive by requests every 100 minutes, longer than the 2-hour idle timeout in all.
  for (int i = 0; i < 3; ++i) {
    clock_.Advance(minutes(100));
    auto who = svc().Authenticate(CookieRequest(s->session_token));
    ASSERT_TRUE(who.ok()) << who.status().ToString();
  }

  AuditActor by_admin{admin.user_id, admin.email, "192.0.2.1", "r1"};
  ASSERT_TRUE(
      svc().UpdateUser(grace.user_id, {.roles = std::set<std::string>{"viewer"}}, by_admin).ok());
  auto who = svc().Authenticate(CookieRequest(s->session_token));
  ASSERT_TRUE(who.ok() && who->has_value());
  EXPECT_FALSE((*who)->HasRole("officer"));
  EXPECT_TRUE((*who)->HasRole("viewer"));
}

TEST_P(IdentityServiceTest, CsrfTokenMustMatchTheSession) {
  MakeUser("ada@example.org", {"admin"});
  auto s = SignIn("ada@example.org", kPassword);
  auto other = SignIn("ada@example.org", kPassword);
  ASSERT_TRUE(s.ok() && other.ok());
  http::Request req = CookieRequest(s->session_token, http::Method::kPost);
  auto who = svc().Authenticate(req);
  ASSERT_TRUE(who.ok() && who->has_value());
  EXPECT_EQ(svc().CheckCsrf(req, **who).reason(), "csrf.missing");
  req.headers["x-csrf-token"] = other->csrf_token;
  EXPECT_EQ(svc().CheckCsrf(req, **who).reason(), "csrf.mismatch");
  req.headers["x-csrf-token"] = s->csrf_token.substr(1);
  EXPECT_EQ(svc().CheckCsrf(req, **who).code(), ErrorCode::kPermissionDenied);
  req.headers["x-csrf-token"] = s->csrf_token;
  EXPECT_TRUE(svc().CheckCsrf(req, **who).ok());
  auto csrf = svc().CsrfTokenOf(**who);
  ASSERT_TRUE(csrf.ok());
  EXPECT_EQ(*csrf, s->csrf_token);
}

TEST_P(IdentityServiceTest, DisabledUsersCannotSignInAndLoseSessionsAndTokens) {
  const User admin = MakeUser("ada@example.org", {"admin"});
  const User grace = MakeUser("grace@example.org", {"officer"});
  auto s = SignIn("grace@example.org", kPassword);
  ASSERT_TRUE(s.ok());
  auto token = svc().CreateApiToken(grace.user_id, "script", {"read"}, std::nullopt, Anonymous());
  ASSERT_TRUE(token.ok()) << token.status().ToString();
  AuditActor by_admin{admin.user_id, admin.email, "192.0.2.1", "r1"};
  auto disabled = svc().UpdateUser(grace.user_id, {.disabled = true}, by_admin);
  ASSERT_TRUE(disabled.ok()) << disabled.status().ToString();
  EXPECT_TRUE(disabled->disabled());
  EXPECT_EQ(svc().Authenticate(CookieRequest(s->session_token)).status().code(),
            ErrorCode::kUnauthenticated);
  EXPECT_EQ(svc().Authenticate(BearerRequest(token->secret)).status().code(),
            ErrorCode::kUnauthenticated);
  auto again = SignIn("grace@example.org", kPassword);
  EXPECT_EQ(again.status().reason(), "session.invalid_credentials");
  // Enabling does not bring back what disabling revoked, but the password works again.
  ASSERT_TRUE(svc().UpdateUser(grace.user_id, {.disabled = false}, by_admin).ok());
  EXPECT_EQ(svc().Authenticate(CookieRequest(s->session_token)).status().code(),
            ErrorCode::kUnauthenticated);
  EXPECT_TRUE(SignIn("grace@example.org", kPassword).ok());
}

TEST_P(IdentityServiceTest, AdminsCannotLockThemselvesOut) {
  const User admin = MakeUser("ada@example.org", {"admin"});
  AuditActor self{admin.user_id, admin.email, "", ""};
  EXPECT_EQ(svc().UpdateUser(admin.user_id, {.disabled = true}, self).status().reason(),
            "user.self_lockout");
  EXPECT_EQ(svc()
                .UpdateUser(admin.user_id, {.roles = std::set<std::string>{"officer"}}, self)
                .status()
                .reason(),
            "user.self_lockout");
  EXPECT_TRUE(
      svc()
          .UpdateUser(admin.user_id, {.roles = std::set<std::string>{"admin", "officer"}}, self)
          .ok());
}

TEST_P(IdentityServiceTest, UpdateValidatesRolesAndCountry) {
  const User u = MakeUser("fp@example.org", {"focal_point"}, kPassword, "KE");
  AuditActor admin{std::nullopt, "admin", "", ""};
  auto no_country = svc().UpdateUser(
      u.user_id, {.country = std::make_optional(std::optional<std::string>())}, admin);
  EXPECT_EQ(no_country.status().fields().at("country"), "is required for a focal point");
  auto bad_role = svc().UpdateUser(u.user_id, {.roles = std::set<std::string>{"root"}}, admin);
  EXPECT_EQ(bad_role.status().code(), ErrorCode::kUnprocessable);
  EXPECT_TRUE(bad_role.status().fields().count("roles"));
  // Dropping focal_point drops its country.
  auto delegate = svc().UpdateUser(u.user_id, {.roles = std::set<std::string>{"delegate"}}, admin);
  ASSERT_TRUE(delegate.ok()) << delegate.status().ToString();
  EXPECT_FALSE(delegate->country);
  auto lang = svc().UpdateProfile(u.user_id, "Wanjiru", "fr", admin);
  ASSERT_TRUE(lang.ok());
  EXPECT_EQ(lang->language, "fr");
  EXPECT_EQ(
      svc().UpdateProfile(u.user_id, std::nullopt, "de", admin).status().fields().at("language"),
      "must be one of ar, zh, en, fr, ru, es");
}

TEST_P(IdentityServiceTest, CreateUserValidatesAndRefusesDuplicates) {
  MakeUser("ada@example.org", {"admin"});
  CreateUserInput in;
  in.email = "ADA@example.org";
  in.roles = {"viewer"};
  EXPECT_EQ(svc().CreateUser(in, CliActor("t")).status().reason(), "user.email_taken");
  in.email = "not an email";
  in.roles = {};
  in.password = "short";
  auto bad = svc().CreateUser(in, CliActor("t"));
  EXPECT_EQ(bad.status().code(), ErrorCode::kUnprocessable);
  EXPECT_TRUE(bad.status().fields().count("email"));
  EXPECT_TRUE(bad.status().fields().count("roles"));
  EXPECT_TRUE(bad.status().fields().count("password"));
}

TEST_P(IdentityServiceTest, ApiTokensHaveScopesExpiryAndRevocation) {
  const User ada = MakeUser("ada@example.org", {"officer"});
  const User grace = MakeUser("grace@example.org", {"officer"});
  auto read = svc().CreateApiToken(ada.user_id, "reader", {"read"}, 30, Anonymous());
  auto write = svc().CreateApiToken(ada.user_id, "writer", {"write"}, std::nullopt, Anonymous());
  ASSERT_TRUE(read.ok() && write.ok());
  EXPECT_TRUE(read->secret.starts_with("bsg_"));
  EXPECT_EQ(read->token.prefix, read->secret.substr(0, 10));
  EXPECT_EQ(write->token.scopes, (std::set<std::string>{"read", "write"}));

  auto get = svc().Authenticate(BearerRequest(read->secret));
  ASSERT_TRUE(get.ok()) << get.status().ToString();
  ASSERT_TRUE(get->has_value());
  EXPECT_TRUE((*get)->via_api_token);
  EXPECT_EQ((*get)->user_id, ada.user_id);
  EXPECT_EQ(svc().Authenticate(BearerRequest(read->secret, http::Method::kPost)).status().reason(),
            "token.read_only");
  EXPECT_TRUE(svc().Authenticate(BearerRequest(write->secret, http::Method::kDelete)).ok());
  EXPECT_EQ(svc().Authenticate(BearerRequest("bsg_made-up")).status().reason(), "token.invalid");
  EXPECT_EQ(svc().Authenticate(BearerRequest("xyz")).status().reason(), "token.invalid");
  http::Request basic;
  basic.headers["authorization"] = "Basic YTpi";
  EXPECT_EQ(svc().Authenticate(basic).status().code(), ErrorCode::kUnauthenticated);

  auto listed = svc().ListApiTokens(ada.user_id);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 2u);
  EXPECT_EQ(svc().RevokeApiToken(grace.user_id, read->token.token_id, Anonymous()).reason(),
            "token.not_found");
  ASSERT_TRUE(svc().RevokeApiToken(ada.user_id, read->token.token_id, Anonymous()).ok());
  EXPECT_EQ(svc().Authenticate(BearerRequest(read->secret)).status().reason(), "token.invalid");

  clock_.Advance(hours(24 * 91));
  EXPECT_EQ(svc().Authenticate(BearerRequest(write->secret)).status().reason(), "token.expired");
  EXPECT_EQ(svc().CreateApiToken(ada.user_id, "x", {"read"}, 400, Anonymous()).status().code(),
            ErrorCode::kUnprocessable);
  EXPECT_EQ(svc().CreateApiToken(ada.user_id, "x", {"admin"}, 4, Anonymous()).status().code(),
            ErrorCode::kUnprocessable);
}

TEST_P(IdentityServiceTest, PasswordResetThroughTheOutbox) {
  MakeUser("ada@example.org", {"admin"});
  auto old_session = SignIn("ada@example.org", kPassword);
  ASSERT_TRUE(old_session.ok());
  ASSERT_TRUE(svc().RequestPasswordReset("nobody@example.org", Anonymous()).ok());
  EXPECT_TRUE(Outbox().empty());
  ASSERT_TRUE(svc().RequestPasswordReset("ADA@example.org", Anonymous()).ok());
  auto messages = Outbox();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].to, "ada@example.org");
  EXPECT_EQ(messages[0].kind, "password_reset");
  EXPECT_NE(messages[0].body.find("https://bsg.example.org/password-reset#token="),
            std::string::npos);
  const std::string token = TokenFromLink(messages[0].body);
  ASSERT_EQ(token.size(), 43u);

  // A weak password is refused and the link stays usable.
  EXPECT_EQ(svc().ConfirmPasswordReset(token, "password1234", Anonymous()).reason(),
            "user.weak_password");
  ASSERT_TRUE(svc().ConfirmPasswordReset(token, "a-brand-new-passphrase", Anonymous()).ok());
  EXPECT_EQ(svc().ConfirmPasswordReset(token, "another-new-passphrase", Anonymous()).reason(),
            "password_reset.invalid_token");
  EXPECT_EQ(svc().Authenticate(CookieRequest(old_session->session_token)).status().code(),
            ErrorCode::kUnauthenticated);
  EXPECT_FALSE(SignIn("ada@example.org", kPassword).ok());
  EXPECT_TRUE(SignIn("ada@example.org", "a-brand-new-passphrase").ok());

  // Links expire after an hour.
  ASSERT_TRUE(svc().RequestPasswordReset("ada@example.org", Anonymous()).ok());
  const std::string late = TokenFromLink(Outbox().front().body);
  clock_.Advance(minutes(61));
  EXPECT_EQ(svc().ConfirmPasswordReset(late, "yet-another-passphrase", Anonymous()).reason(),
            "password_reset.invalid_token");
  EXPECT_EQ(svc().ConfirmPasswordReset("made-up", "yet-another-passphrase", Anonymous()).reason(),
            "password_reset.invalid_token");
}

TEST_P(IdentityServiceTest, NewUserWithoutPasswordGetsAnInvitation) {
  const User u = MakeUser("new@example.org", {"delegate"}, std::nullopt);
  EXPECT_FALSE(u.has_password);
  EXPECT_FALSE(SignIn("new@example.org", "").ok());
  auto messages = Outbox();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].kind, "account_invitation");
  ASSERT_TRUE(svc()
                  .ConfirmPasswordReset(TokenFromLink(messages[0].body), "a-brand-new-passphrase",
                                        Anonymous())
                  .ok());
  EXPECT_TRUE(SignIn("new@example.org", "a-brand-new-passphrase").ok());
  auto link = svc().CreateResetLink("new@example.org", CliActor("t"));
  ASSERT_TRUE(link.ok());
  EXPECT_TRUE(link->starts_with("https://bsg.example.org/password-reset#token="));
  EXPECT_EQ(svc().CreateResetLink("none@example.org", CliActor("t")).status().reason(),
            "user.not_found");
}

TEST_P(IdentityServiceTest, ChangePasswordChecksTheCurrentOneAndSignsOutOtherSessions) {
  MakeUser("ada@example.org", {"admin"});
  auto here = SignIn("ada@example.org", kPassword);
  auto elsewhere = SignIn("ada@example.org", kPassword);
  ASSERT_TRUE(here.ok() && elsewhere.ok());
  auto who = svc().Authenticate(CookieRequest(here->session_token));
  ASSERT_TRUE(who.ok() && who->has_value());
  EXPECT_EQ(svc()
                .ChangePassword(**who, "wrong-password-x", "a-brand-new-passphrase", Anonymous())
                .reason(),
            "password.incorrect");
  EXPECT_EQ(svc().ChangePassword(**who, kPassword, "password1234", Anonymous()).reason(),
            "user.weak_password");
  ASSERT_TRUE(svc().ChangePassword(**who, kPassword, "a-brand-new-passphrase", Anonymous()).ok());
  EXPECT_TRUE(svc().Authenticate(CookieRequest(here->session_token)).ok());
  EXPECT_FALSE(svc().Authenticate(CookieRequest(elsewhere->session_token)).ok());
  EXPECT_TRUE(SignIn("ada@example.org", "a-brand-new-passphrase").ok());
}

TEST_P(IdentityServiceTest, RehashesOnSignInWhenTheLimitsChange) {
  const User u = MakeUser("ada@example.org", {"admin"});
  auto before = db().Query("SELECT password_hash FROM user_account");
  ASSERT_TRUE(before.ok());
  const std::string old_hash = (*before)[0].Text(0);
  EXPECT_NE(old_hash.find("t=1,"), std::string::npos) << old_hash;

  options_.password_limits.opslimit += 1;
  service_ = std::make_unique<IdentityService>(db(), options_);
  ASSERT_TRUE(SignIn("ada@example.org", kPassword).ok());
  auto after = db().Query("SELECT password_hash FROM user_account");
  ASSERT_TRUE(after.ok());
  const std::string new_hash = (*after)[0].Text(0);
  EXPECT_NE(new_hash, old_hash);
  EXPECT_NE(new_hash.find("t=2,"), std::string::npos) << new_hash;
  auto events = svc().ListAudit({.record_type = "user", .record_id = std::to_string(u.user_id)});
  ASSERT_TRUE(events.ok());
  bool rehashed = false;
  for (const auto& e : *events) rehashed = rehashed || e.action == "password_rehash";
  EXPECT_TRUE(rehashed);
  // Signing in again changes nothing more.
  ASSERT_TRUE(SignIn("ada@example.org", kPassword).ok());
  auto again = db().Query("SELECT password_hash FROM user_account");
  EXPECT_EQ((*again)[0].Text(0), new_hash);
}

TEST_P(IdentityServiceTest, ChangesAreAuditedWithoutSecrets) {
  const User ada = MakeUser("ada@example.org", {"admin"});
  auto s = SignIn("ada@example.org", kPassword);
  ASSERT_TRUE(s.ok());
  auto token = svc().CreateApiToken(ada.user_id, "script", {"read"}, std::nullopt, Anonymous());
  ASSERT_TRUE(token.ok());
  ASSERT_TRUE(svc().RequestPasswordReset("ada@example.org", Anonymous()).ok());
  const std::string reset = TokenFromLink(Outbox().front().body);
  ASSERT_TRUE(svc().ConfirmPasswordReset(reset, "a-brand-new-passphrase", Anonymous()).ok());

  auto events = svc().ListAudit({.limit = 100});
  ASSERT_TRUE(events.ok());
  std::set<std::string> actions;
  for (const auto& e : *events) {
    actions.insert(e.record_type + "." + e.action);
    const std::string text = (e.before ? e.before->dump() : "") + (e.after ? e.after->dump() : "");
    EXPECT_EQ(text.find("argon2"), std::string::npos) << text;
    EXPECT_EQ(text.find(s->session_token), std::string::npos);
    EXPECT_EQ(text.find(s->csrf_token), std::string::npos);
    EXPECT_EQ(text.find(token->secret), std::string::npos);
    EXPECT_EQ(text.find(reset), std::string::npos);
    EXPECT_EQ(text.find(kPassword), std::string::npos);
  }
  EXPECT_EQ(actions, (std::set<std::string>{"user.create", "user.sign_in", "api_token.create",
                                            "user.password_reset_request", "user.password_reset"}));
  const auto& created = events->back();
  EXPECT_EQ(created.action, "create");
  EXPECT_EQ(created.actor_label, "cli: test");
  EXPECT_EQ(created.after->at("email"), "ada@example.org");
  EXPECT_EQ(created.at, "2024-05-01T09:00:00.000Z");
}

TEST_P(IdentityServiceTest, SeedsTheDemoAdminOnlyIntoAnEmptyDatabase) {
  auto first = svc().SeedDemoAdmin();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(first->has_value());
  EXPECT_TRUE(SignIn("admin@example.org", **first).ok());
  auto second = svc().SeedDemoAdmin();
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, IdentityServiceTest, bsg::testing::AllBackends(),
                         bsg::testing::BackendName);

}  // namespace
}  // namespace bsg::identity
