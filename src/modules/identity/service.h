// The identity use cases: sign-in with rate limits, sessions and CSRF tokens, API tokens, users,
// passwords and their reset, the outbox and the audit history. IdentityService is also the
// platform's http::Authenticator.
//
// Every change runs in one transaction with its audit event. Messages about credentials never
// tell whether an account exists.
//
// Thread-safety: thread-safe. The database holds every session, token and rate-limit counter, so
// several `bsg serve` processes share them; each process keeps the credentials that authenticated
// recently in memory (CredentialCache), checked against the identity data version, which every
// revocation bumps, at most IdentityOptions::credentials_max_age old.
#ifndef BSG_MODULES_IDENTITY_SERVICE_H_
#define BSG_MODULES_IDENTITY_SERVICE_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "modules/identity/credential_cache.h"
#include "modules/identity/crypto.h"
#include "modules/identity/model.h"
#include "modules/identity/password.h"
#include "modules/identity/store.h"
#include "platform/audit.h"
#include "platform/config.h"
#include "platform/db/database.h"
#include "platform/http/server.h"
#include "platform/recent_value.h"
#include "platform/status.h"
#include "platform/time/clock.h"
#include "platform/time/timestamp.h"

namespace bsg::identity {

inline constexpr std::string_view kSessionCookie = "bsg_session";
inline constexpr std::string_view kCsrfCookie = "bsg_csrf";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";
inline constexpr std::string_view kApiTokenPrefix = "bsg_";
// The data version topic of credentials (migration 0018_identity_data_version).
inline constexpr std::string_view kCredentialsTopic = "identity";

struct IdentityOptions {
  std::chrono::seconds session_idle{std::chrono::hours(2)};
  std::chrono::seconds session_absolute{std::chrono::hours(12)};
  // last_seen_at is written at most this often per session (one write per request is too many).
  std::chrono::seconds session_touch_interval{60};
  std::chrono::seconds reset_validity{std::chrono::hours(1)};
  std::chrono::seconds failure_window{std::chrono::minutes(15)};
  int max_failures_per_account = 5;
  int max_failures_per_address = 20;
  int default_token_days = 90;
  int max_token_days = 365;
  // Where links in messages point: {base_url}/password-reset#token=...
  std::string base_url = "http://127.0.0.1:8080";
  PasswordLimits password_limits = DefaultPasswordLimits();
  int max_concurrent_hashes = 2;
  // How long the identity data version read from the database is trusted before it is read again
  // (writes of this process are seen at once); server.data_version_max_age_ms. 0: every request
  // reads it.
  std::chrono::milliseconds credentials_max_age{2};
};

// Reads the identity settings of `config` on top of `options` (bsg.toml [identity] table, or
// the BSG_IDENTITY_* environment variables):
//   identity.max_failures_per_address   max_failures_per_address (1..1000000)
//   identity.max_failures_per_account   max_failures_per_account (1..1000000)
// base_url from the configuration's public address (server.base_url, BSG_BASE_URL), and
// credentials_max_age from server.data_version_max_age_ms.
// InvalidArgument (config.bad_value) naming the setting when a value is malformed.
Status ApplyIdentitySettings(const Config& config, IdentityOptions& options);

struct SignInResult {
  User user;
  std::string session_token;  // the bsg_session cookie value; shown once
  std::string csrf_token;
  std::int64_t session_id = 0;
  std::string expires_at;
};

struct CreatedApiToken {
  ApiToken token;
  std::string secret;  // "bsg_..."; shown once
};

struct CreateUserInput {
  std::string email;
  std::string display_name;
  std::string language = "en";
  std::set<std::string> roles;
  std::optional<std::string> country;
  std::optional<std::string> password;
  // Without a password: put a link to choose one in the outbox.
  bool send_link_without_password = true;
};

class IdentityService : public http::Authenticator {
 public:
  IdentityService(db::Database& db, IdentityOptions options = {});

  // ---- http::Authenticator
  // Bearer API token (Authorization: Bearer bsg_...) or the bsg_session cookie. An invalid,
  // revoked or expired token is Unauthenticated (token.invalid / token.expired); a read-only
  // token on a state-changing method is PermissionDenied (token.read_only). A cookie that names
  // no live session (expired, revoked, signed out, user disabled) is Unauthenticated
  // (session.expired); the server ignores that on public routes, so sign-in keeps working.
  // No credentials at all: nullopt (anonymous).
  Result<std::optional<http::Principal>> Authenticate(const http::Request& request) override;
  // Ok for API tokens; for cookies the X-CSRF-Token header must equal the session's token
  // (PermissionDenied csrf.missing / csrf.mismatch).
  Status CheckCsrf(const http::Request& request, const http::Principal& principal) override;
  void NoteWrite() override;

  // ---- sessions
  // Unprocessable (session.invalid) for a missing email or password; TooManyRequests
  // (session.rate_limited, fields.retry_after_seconds) past the limits; Unauthenticated
  // (session.invalid_credentials) for a wrong password, an unknown or a disabled account alike.
  Result<SignInResult> SignIn(std::string_view email, std::string_view password,
                              const AuditActor& actor, std::string_view user_agent = "");
  Status SignOut(const http::Principal& principal, const AuditActor& actor);
  // The CSRF token of the principal's session (nullopt for API tokens).
  Result<std::optional<std::string>> CsrfTokenOf(const http::Principal& principal);

  // ---- users
  Result<User> GetUser(std::int64_t user_id);  // NotFound (user.not_found)
  Result<UserPage> ListUsers(const UserFilter& filter);
  // Unprocessable (user.invalid, user.weak_password); Conflict (user.email_taken).
  Result<User> CreateUser(const CreateUserInput& input, const AuditActor& actor);
  // Admin update. Unprocessable (user.invalid, user.self_lockout when an admin would disable
  // themselves or drop their own admin role); NotFound (user.not_found).
  Result<User> UpdateUser(std::int64_t user_id, const UserPatch& patch, const AuditActor& actor);
  // A user's own profile: display_name and language only.
  Result<User> UpdateProfile(std::int64_t user_id, const std::optional<std::string>& display_name,
                             const std::optional<std::string>& language, const AuditActor& actor);
  // Disables by email (CLI). NotFound (user.not_found).
  Result<User> DisableUser(std::string_view email, const AuditActor& actor);

  // ---- passwords
  // Unprocessable (password.incorrect on current_password, user.weak_password); the failure
  // counts against the sign-in limits. Revokes the user's other sessions.
  Status ChangePassword(const http::Principal& principal, std::string_view current_password,
                        std::string_view new_password, const AuditActor& actor);
  // Puts a reset link into the outbox when an enabled account has this email; Ok either way.
  Status RequestPasswordReset(std::string_view email, const AuditActor& actor);
  // Creates a reset link for the CLI. NotFound (user.not_found).
  Result<std::string> CreateResetLink(std::string_view email, const AuditActor& actor);
  // Unprocessable (password_reset.invalid_token: unknown, used or expired; user.weak_password).
  // Revokes every session of the user.
  Status ConfirmPasswordReset(std::string_view token, std::string_view new_password,
                              const AuditActor& actor);

  // ---- API tokens
  // `days` defaults to options.default_token_days. Unprocessable (token.invalid).
  Result<CreatedApiToken> CreateApiToken(std::int64_t user_id, std::string_view name,
                                         const std::set<std::string>& scopes,
                                         std::optional<int> days, const AuditActor& actor);
  Result<std::vector<ApiToken>> ListApiTokens(std::int64_t user_id);
  // NotFound (token.not_found) unless the token belongs to `user_id`.
  Status RevokeApiToken(std::int64_t user_id, std::int64_t token_id, const AuditActor& actor);

  // ---- outbox and audit
  Result<std::vector<OutboxMessage>> ListOutbox(std::int64_t limit,
                                                std::optional<std::int64_t> before_id,
                                                const std::optional<std::string>& to);
  Result<std::vector<AuditEvent>> ListAudit(const AuditFilter& filter);

  // ---- demo
  // Creates admin@example.org with a random password when there are no users; returns the
  // password then, nullopt otherwise.
  Result<std::optional<std::string>> SeedDemoAdmin();

  const IdentityOptions& options() const { return options_; }
  PasswordHasher& hasher() { return hasher_; }

 private:
  std::string Now() const;
  std::string At(std::chrono::seconds offset) const;
  // Checks the sign-in limits for `account_key` and `remote_address` and records a provisional
  // failure (returned) that the caller deletes on success.
  Result<std::int64_t> BeginAttempt(const std::string& account_key,
                                    const std::string& remote_address);
  Status ForgetAttempt(std::int64_t failure_id, const std::string& account_key);
  Result<std::string> NewResetLink(db::Session& tx, const User& user);
  Status AddResetMessage(db::Session& tx, const User& user, const std::string& link,
                         bool invitation);

  // db_.InTransaction, then the credentials in memory are checked against the database again.
  template <typename Fn>
  Status Write(Fn&& fn);
  // The identity data version (topic "identity"), at most options_.credentials_max_age old.
  Result<std::int64_t> CredentialsVersion();
  // The principal of an API token or a session by its hash, from memory or the database (which
  // then records the use at most once per session_touch_interval).
  Result<http::Principal> ApiTokenPrincipal(const std::string& token_hash, time::TimePoint now);
  Result<http::Principal> SessionPrincipal(const std::string& token_hash, time::TimePoint now);
  void KeepCredential(const std::string& token_hash, std::int64_t version,
                      const http::Principal& principal, const std::string& expires_at,
                      time::TimePoint touched);

  db::Database& db_;
  IdentityOptions options_;
  PasswordHasher hasher_;
  const IdentityStore& store_;
  RecentValue<std::int64_t> credentials_version_;
  CredentialCache credentials_;
};

}  // namespace bsg::identity

#endif  // BSG_MODULES_IDENTITY_SERVICE_H_
