#include "modules/identity/service.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "modules/identity/json.h"
#include "modules/identity/rules.h"
#include "platform/config.h"
#include "platform/db/data_version.h"
#include "platform/log.h"
#include "platform/text.h"

namespace bsg::identity {
namespace {

// Runs autocommit statements on the database's pool through the db::Session interface, for
// reads (and single writes) that need no transaction.
class AutocommitSession final : public db::Session {
 public:
  explicit AutocommitSession(db::Database& db) : db_(db) {}
  Result<db::Rows> Query(std::string_view sql, const db::Params& params) override {
    return db_.Query(sql, params);
  }
  Result<std::int64_t> Exec(std::string_view sql, const db::Params& params) override {
    return db_.Exec(sql, params);
  }
  Status BulkInsert(std::string_view, const std::vector<std::string>&,
                    const std::vector<db::Params>&) override {
    return Status::Internal("db.no_transaction", "BulkInsert needs a transaction");
  }
  db::Kind kind() const override { return db_.kind(); }

 private:
  db::Database& db_;
};

// The one route a token with the metrics scope may call (the platform's, builtin_routes.h).
constexpr std::string_view kMetricsPath = "/metrics";
constexpr std::string_view kInvalidCredentials = "The email address or password is not correct.";

Status InvalidCredentials() {
  return Status::Unauthenticated("session.invalid_credentials", std::string(kInvalidCredentials));
}

Status InvalidResetToken() {
  return Status::Unprocessable("password_reset.invalid_token",
                               "This password reset link is not valid or has expired.",
                               {{"token", "is not valid or has expired"}});
}

http::Principal PrincipalFor(const User& u) {
  http::Principal p;
  p.user_id = u.user_id;
  p.email = u.email;
  p.display_name = u.display_name;
  p.language = u.language;
  p.roles = u.roles;
  p.country = u.country;
  return p;
}

std::optional<std::int64_t> ParseId(std::string_view s) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::string LocalPart(const std::string& email) { return email.substr(0, email.find('@')); }

// Merges the fields of a failed Status into `fields`.
void MergeFields(const Status& s, Status::Fields& fields) {
  for (const auto& [k, v] : s.fields()) fields.emplace(k, v);
}

}  // namespace

Status ApplyIdentitySettings(const Config& config, IdentityOptions& o) {
  BSG_ASSIGN_OR_RETURN(auto per_address,
                       config.IntSetting("identity.max_failures_per_address", 1, 1000000));
  BSG_ASSIGN_OR_RETURN(auto per_account,
                       config.IntSetting("identity.max_failures_per_account", 1, 1000000));
  if (per_address) o.max_failures_per_address = static_cast<int>(*per_address);
  if (per_account) o.max_failures_per_account = static_cast<int>(*per_account);
  o.base_url = config.PublicBaseUrl();
  o.credentials_max_age = std::chrono::milliseconds(config.data_version_max_age_ms);
  return Status::Ok();
}

IdentityService::IdentityService(db::Database& db, IdentityOptions options)
    : db_(db),
      options_(std::move(options)),
      hasher_(options_.password_limits, options_.max_concurrent_hashes),
      store_(SqlIdentityStore()),
      credentials_version_(options_.credentials_max_age) {
  EnsureSodium();
}

template <typename Fn>
Status IdentityService::Write(Fn&& fn) {
  Status st = db_.InTransaction(std::forward<Fn>(fn));
  // Committed or rolled back: credentials held in memory are checked against the version again.
  credentials_version_.NoteWrite();
  return st;
}

std::string IdentityService::Now() const { return time::CurrentTimestamp(); }

std::string IdentityService::At(std::chrono::seconds offset) const {
  return time::FormatTimestamp(time::Now() + offset);
}

// ---- authentication

Result<std::int64_t> IdentityService::CredentialsVersion() {
  return credentials_version_.Get([&]() -> Result<std::int64_t> {
    AutocommitSession s(db_);
    BSG_ASSIGN_OR_RETURN(auto version, db::TopicVersion(s, kCredentialsTopic));
    if (!version) {
      return Status::Internal("db.no_data_version",
                              "The identity data version is missing; run bsg migrate.");
    }
    return *version;
  });
}

Result<std::optional<http::Principal>> IdentityService::Authenticate(const http::Request& request) {
  const time::TimePoint now_tp = time::Now();

  if (auto header = request.Header("Authorization")) {
    const std::string value = Trimmed(*header);
    std::string scheme = value.substr(0, std::min<std::size_t>(value.size(), 7));
    for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (scheme != "bearer ") {
      return Status::Unauthenticated("token.invalid",
                                     "Use \"Authorization: Bearer\" with an API token.");
    }
    const std::string token = Trimmed(std::string_view(value).substr(7));
    if (!token.starts_with(kApiTokenPrefix)) {
      return Status::Unauthenticated("token.invalid", "The API token is not valid.");
    }
    BSG_ASSIGN_OR_RETURN(http::Principal p, ApiTokenPrincipal(HashToken(token), now_tp));
    if (p.scopes.count(std::string(kScopeMetrics)) > 0 &&
        (request.path != kMetricsPath ||
         (request.method != http::Method::kGet && request.method != http::Method::kHead))) {
      return Status::PermissionDenied("token.metrics_only",
                                      "This API token may only read /metrics.");
    }
    if (http::IsStateChanging(request.method) && p.scopes.count(std::string(kScopeWrite)) == 0) {
      return Status::PermissionDenied("token.read_only", "This API token has the read scope only.");
    }
    return std::optional<http::Principal>(std::move(p));
  }

  auto cookie = request.Cookie(kSessionCookie);
  if (!cookie || cookie->empty()) return std::optional<http::Principal>();
  BSG_ASSIGN_OR_RETURN(http::Principal p, SessionPrincipal(HashToken(*cookie), now_tp));
  return std::optional<http::Principal>(std::move(p));
}

Result<http::Principal> IdentityService::ApiTokenPrincipal(const std::string& token_hash,
                                                           time::TimePoint now_tp) {
  BSG_ASSIGN_OR_RETURN(const std::int64_t version, CredentialsVersion());
  if (auto held = credentials_.Find(token_hash, version, now_tp)) return std::move(*held);
  AutocommitSession s(db_);
  const std::string now = time::FormatTimestamp(now_tp);
  BSG_ASSIGN_OR_RETURN(auto found, store_.FindApiTokenByHash(s, token_hash));
  if (!found || found->token.revoked_at || found->account.user.disabled()) {
    return Status::Unauthenticated("token.invalid", "The API token is not valid.");
  }
  if (found->token.expires_at <= now) {
    return Status::Unauthenticated("token.expired", "The API token has expired.");
  }
  const std::string touch_before = time::FormatTimestamp(now_tp - options_.session_touch_interval);
  time::TimePoint touched = now_tp;
  if (!found->token.last_used_at || *found->token.last_used_at < touch_before) {
    BSG_RETURN_IF_ERROR(store_.TouchApiToken(s, found->token.token_id, now));
  } else if (auto last = time::ParseTimestamp(*found->token.last_used_at)) {
    touched = *last;
  }
  http::Principal p = PrincipalFor(found->account.user);
  p.via_api_token = true;
  p.scopes = found->token.scopes;
  p.session_id = "token:" + std::to_string(found->token.token_id);
  KeepCredential(token_hash, version, p, found->token.expires_at, touched);
  return p;
}

Result<http::Principal> IdentityService::SessionPrincipal(const std::string& token_hash,
                                                          time::TimePoint now_tp) {
  BSG_ASSIGN_OR_RETURN(const std::int64_t version, CredentialsVersion());
  if (auto held = credentials_.Find(token_hash, version, now_tp)) return std::move(*held);
  AutocommitSession s(db_);
  const std::string now = time::FormatTimestamp(now_tp);
  BSG_ASSIGN_OR_RETURN(auto found, store_.FindSessionByTokenHash(s, token_hash));
  const std::string idle_cutoff = time::FormatTimestamp(now_tp - options_.session_idle);
  if (!found || found->revoked_at || found->expires_at <= now ||
      found->last_seen_at <= idle_cutoff || found->account.user.disabled()) {
    // The server ignores this on public routes (sign-in keeps working with a stale cookie).
    return Status::Unauthenticated("session.expired",
                                   "Your session has ended. Sign in again to continue.");
  }
  const std::string touch_before = time::FormatTimestamp(now_tp - options_.session_touch_interval);
  time::TimePoint touched = now_tp;
  if (found->last_seen_at < touch_before) {
    BSG_RETURN_IF_ERROR(store_.TouchSession(s, found->session_id, now));
  } else if (auto last = time::ParseTimestamp(found->last_seen_at)) {
    touched = *last;
  }
  http::Principal p = PrincipalFor(found->account.user);
  p.session_id = std::to_string(found->session_id);
  KeepCredential(token_hash, version, p, found->expires_at, touched);
  return p;
}

void IdentityService::KeepCredential(const std::string& token_hash, std::int64_t version,
                                     const http::Principal& principal,
                                     const std::string& expires_at, time::TimePoint touched) {
  // Good until the credential expires or its last use is due to be written again (which is
  // also well before the idle timeout); an unreadable expiry is not kept.
  auto expires = time::ParseTimestamp(expires_at);
  if (!expires) return;
  credentials_.Put(token_hash, version, principal,
                   std::min(*expires, touched + options_.session_touch_interval));
}

void IdentityService::NoteWrite() { credentials_version_.NoteWrite(); }

Status IdentityService::CheckCsrf(const http::Request& request, const http::Principal& principal) {
  if (principal.via_api_token) return Status::Ok();
  auto header = request.Header(kCsrfHeader);
  if (!header || header->empty()) {
    return Status::PermissionDenied("csrf.missing",
                                    "This request needs the X-CSRF-Token header of the session.");
  }
  BSG_ASSIGN_OR_RETURN(auto expected, CsrfTokenOf(principal));
  if (!expected || !ConstantTimeEquals(*header, *expected)) {
    return Status::PermissionDenied("csrf.mismatch",
                                    "The X-CSRF-Token header does not match the session.");
  }
  return Status::Ok();
}

Result<std::optional<std::string>> IdentityService::CsrfTokenOf(const http::Principal& principal) {
  if (principal.via_api_token) return std::optional<std::string>();
  auto id = ParseId(principal.session_id);
  if (!id) return std::optional<std::string>();
  AutocommitSession s(db_);
  return store_.SessionCsrfToken(s, *id);
}

// ---- sign-in

Result<std::int64_t> IdentityService::BeginAttempt(const std::string& account_key,
                                                   const std::string& remote_address) {
  const time::TimePoint now = time::Now();
  const std::string now_text = time::FormatTimestamp(now);
  const std::string since = time::FormatTimestamp(now - options_.failure_window);
  std::optional<std::int64_t> retry_after;
  std::int64_t failure_id = 0;
  auto seconds_until_free = [&](const std::optional<std::string>& oldest) -> std::int64_t {
    auto t = oldest ? time::ParseTimestamp(*oldest) : std::nullopt;
    if (!t) return options_.failure_window.count();
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(*t + options_.failure_window - now);
    return std::max<std::int64_t>(1, (left.count() + 999) / 1000);
  };
  Status st = Write([&](db::Transaction& tx) -> Status {
    retry_after.reset();
    BSG_RETURN_IF_ERROR(store_.PruneSignInFailures(tx, since));
    BSG_ASSIGN_OR_RETURN(FailureCounts c,
                         store_.CountSignInFailures(tx, account_key, remote_address, since));
    if (c.account >= options_.max_failures_per_account) {
      retry_after = seconds_until_free(c.account_oldest);
    }
    if (c.address >= options_.max_failures_per_address) {
      retry_after = std::max(retry_after.value_or(0), seconds_until_free(c.address_oldest));
    }
    if (retry_after) return Status::Ok();
    BSG_ASSIGN_OR_RETURN(failure_id,
                         store_.InsertSignInFailure(tx, now_text, account_key, remote_address));
    return Status::Ok();
  });
  BSG_RETURN_IF_ERROR(st);
  if (retry_after) {
    const std::int64_t minutes = (*retry_after + 59) / 60;
    return Status(ErrorCode::kTooManyRequests, "session.rate_limited",
                  "Too many failed sign-in attempts. Try again in " + std::to_string(minutes) +
                      (minutes == 1 ? " minute." : " minutes."),
                  {{"retry_after_seconds", std::to_string(*retry_after)}});
  }
  return failure_id;
}

Status IdentityService::ForgetAttempt(std::int64_t failure_id, const std::string& account_key) {
  return Write([&](db::Transaction& tx) -> Status {
    BSG_RETURN_IF_ERROR(store_.DeleteSignInFailure(tx, failure_id));
    return store_.ClearAccountFailures(tx, account_key);
  });
}

Result<SignInResult> IdentityService::SignIn(std::string_view email_in, std::string_view password,
                                             const AuditActor& actor, std::string_view user_agent) {
  const std::string email = NormalizeEmail(email_in);
  Status::Fields fields;
  if (email.empty()) fields["email"] = "is required";
  if (password.empty()) fields["password"] = "is required";
  if (!fields.empty()) {
    return Status::Unprocessable("session.invalid", "Give an email address and a password.",
                                 std::move(fields));
  }
  const std::string account_key = email.substr(0, 320);
  BSG_ASSIGN_OR_RETURN(std::int64_t attempt, BeginAttempt(account_key, actor.remote_address));

  AutocommitSession s(db_);
  BSG_ASSIGN_OR_RETURN(auto record, store_.FindUserByEmail(s, email));
  std::optional<std::string> hash;
  if (record) hash = record->password_hash;
  // Always one argon2id verification, against a dummy hash when there is no account, so that
  // the time taken does not tell whether the account exists.
  const PasswordHasher::Verdict verdict = hasher_.Verify(password, hash);
  if (!verdict.match || !record || record->user.disabled()) {
    log::App()->info("sign-in failed from {}", actor.remote_address);
    return InvalidCredentials();
  }
  std::optional<std::string> new_hash;
  if (verdict.needs_rehash) {
    BSG_ASSIGN_OR_RETURN(new_hash, hasher_.Hash(password));
  }

  SignInResult r;
  r.user = record->user;
  r.session_token = RandomToken(32);
  r.csrf_token = RandomToken(32);
  const std::string now = Now();
  r.expires_at = At(options_.session_absolute);
  AuditActor who = actor;
  who.user_id = record->user.user_id;
  who.label = record->user.email;
  const std::string user_id = std::to_string(record->user.user_id);
  BSG_RETURN_IF_ERROR(Write([&](db::Transaction& tx) -> Status {
    BSG_RETURN_IF_ERROR(store_.DeleteSignInFailure(tx, attempt));
    BSG_RETURN_IF_ERROR(store_.ClearAccountFailures(tx, account_key));
    if (new_hash) {
      BSG_RETURN_IF_ERROR(store_.SetPasswordHash(tx, record->user.user_id, *new_hash, now));
      BSG_RETURN_IF_ERROR(
          RecordAudit(tx, who, "user", user_id, "password_rehash", std::nullopt, std::nullopt));
    }
    BSG_RETURN_IF_ERROR(store_.PruneSessions(tx, At(-std::chrono::hours(24))));
    BSG_ASSIGN_OR_RETURN(r.session_id,
                         store_.InsertSession(tx, record->user.user_id, HashToken(r.session_token),
                                              r.csrf_token, now, r.expires_at, actor.remote_address,
                                              std::string(user_agent.substr(0, 512))));
    return RecordAudit(tx, who, "user", user_id, "sign_in", std::nullopt,
                       nlohmann::json{{"session_id", r.session_id}});
  }));
  return r;
}

Status IdentityService::SignOut(const http::Principal& principal, const AuditActor& actor) {
  auto id = ParseId(principal.session_id);
  if (principal.via_api_token || !id) return Status::Ok();
  return Write([&](db::Transaction& tx) -> Status {
    BSG_RETURN_IF_ERROR(store_.RevokeSession(tx, *id, Now()));
    return RecordAudit(tx, actor, "user", std::to_string(principal.user_id), "sign_out",
                       nlohmann::json{{"session_id", *id}}, std::nullopt);
  });
}

// ---- users

Result<User> IdentityService::GetUser(std::int64_t user_id) {
  AutocommitSession s(db_);
  BSG_ASSIGN_OR_RETURN(UserRecord r, store_.FindUser(s, user_id));
  return r.user;
}

Result<UserPage> IdentityService::ListUsers(const UserFilter& filter) {
  AutocommitSession s(db_);
  return store_.ListUsers(s, filter);
}

Result<User> IdentityService::CreateUser(const CreateUserInput& in, const AuditActor& actor) {
  NewUser nu;
  nu.email = NormalizeEmail(in.email);
  nu.display_name = Trimmed(in.display_name);
  if (nu.display_name.empty()) nu.display_name = LocalPart(nu.email);
  nu.language = in.language;
  nu.roles = in.roles;
  nu.country = in.country;
  Status::Fields fields;
  CheckEmail(nu.email, fields);
  CheckDisplayName(nu.display_name, fields);
  CheckLanguage(nu.language, fields);
  if (nu.roles.empty()) fields["roles"] = "must contain at least one role";
  CheckRolesAndCountry(nu.roles, nu.country, fields);
  if (in.password) MergeFields(CheckPasswordRules(*in.password, nu.email, "password"), fields);
  BSG_RETURN_IF_ERROR(FieldsToStatus(std::move(fields)));
  if (in.password) {
    BSG_ASSIGN_OR_RETURN(nu.password_hash, hasher_.Hash(*in.password));
  }
  User created;
  Status st = Write([&](db::Transaction& tx) -> Status {
    auto id = store_.InsertUser(tx, nu, Now());
    if (!id.ok()) {
      if (id.status().reason() == db::kUniqueViolation) {
        return Status::Conflict("user.email_taken", "A user with this email address exists.",
                                {{"email", "is already taken"}});
      }
      return id.status();
    }
    BSG_ASSIGN_OR_RETURN(UserRecord r, store_.FindUser(tx, *id));
    created = r.user;
    BSG_RETURN_IF_ERROR(RecordAudit(tx, actor, "user", std::to_string(created.user_id), "create",
                                    std::nullopt, ToJson(created)));
    if (!in.password && in.send_link_without_password) {
      BSG_ASSIGN_OR_RETURN(std::string link, NewResetLink(tx, created));
      BSG_RETURN_IF_ERROR(AddResetMessage(tx, created, link, /*invitation=*/true));
    }
    return Status::Ok();
  });
  BSG_RETURN_IF_ERROR(st);
  return created;
}

Result<User> IdentityService::UpdateUser(std::int64_t user_id, const UserPatch& patch,
                                         const AuditActor& actor) {
  User after;
  Status st = Write([&](db::Transaction& tx) -> Status {
    BSG_ASSIGN_OR_RETURN(UserRecord before, store_.FindUser(tx, user_id));
    after = before.user;
    if (patch.display_name) after.display_name = Trimmed(*patch.display_name);
    if (patch.language) after.language = *patch.language;
    if (patch.roles) {
      after.roles = *patch.roles;
      // Dropping the focal_point role drops its country unless the patch says otherwise.
      if (!patch.country && !after.HasRole(kRoleFocalPoint)) after.country.reset();
    }
    if (patch.country) after.country = *patch.country;
    const std::string now = Now();
    if (patch.disabled) {
      if (*patch.disabled && !after.disabled_at) after.disabled_at = now;
      if (!*patch.disabled) after.disabled_at.reset();
    }
    Status::Fields fields;
    if (patch.display_name) CheckDisplayName(after.display_name, fields);
    if (patch.language) CheckLanguage(after.language, fields);
    if (after.roles.empty()) fields["roles"] = "must contain at least one role";
    CheckRolesAndCountry(after.roles, after.country, fields);
    BSG_RETURN_IF_ERROR(FieldsToStatus(std::move(fields)));
    if (actor.user_id == user_id && before.user.HasRole(kRoleAdmin) &&
        (after.disabled() || !after.HasRole(kRoleAdmin))) {
      return Status::Unprocessable(
          "user.self_lockout", "You cannot disable yourself or remove your own admin role.",
          {{after.disabled() ? "disabled" : "roles", "would lock you out"}});
    }
    BSG_RETURN_IF_ERROR(store_.UpdateUser(tx, after, now));
    const bool newly_disabled = after.disabled() && !before.user.disabled();
    if (newly_disabled) {
      BSG_RETURN_IF_ERROR(store_.RevokeUserSessions(tx, user_id, now, std::nullopt));
      BSG_RETURN_IF_ERROR(store_.RevokeUserApiTokens(tx, user_id, now));
    }
    BSG_ASSIGN_OR_RETURN(UserRecord reread, store_.FindUser(tx, user_id));
    after = reread.user;
    const char* action = newly_disabled                                  ? "disable"
                         : (before.user.disabled() && !after.disabled()) ? "enable"
                                                                         : "update";
    return RecordAudit(tx, actor, "user", std::to_string(user_id), action, ToJson(before.user),
                       ToJson(after));
  });
  BSG_RETURN_IF_ERROR(st);
  return after;
}

Result<User> IdentityService::UpdateProfile(std::int64_t user_id,
                                            const std::optional<std::string>& display_name,
                                            const std::optional<std::string>& language,
                                            const AuditActor& actor) {
  UserPatch patch;
  patch.display_name = display_name;
  patch.language = language;
  return UpdateUser(user_id, patch, actor);
}

Result<User> IdentityService::DisableUser(std::string_view email, const AuditActor& actor) {
  AutocommitSession s(db_);
  BSG_ASSIGN_OR_RETURN(auto record, store_.FindUserByEmail(s, NormalizeEmail(email)));
  if (!record) return Status::NotFound("user.not_found", "No user has this email address.");
  UserPatch patch;
  patch.disabled = true;
  return UpdateUser(record->user.user_id, patch, actor);
}

// ---- passwords

Status IdentityService::ChangePassword(const http::Principal& principal,
                                       std::string_view current_password,
                                       std::string_view new_password, const AuditActor& actor) {
  Status::Fields fields;
  if (current_password.empty()) fields["current_password"] = "is required";
  if (new_password.empty()) fields["new_password"] = "is required";
  if (!fields.empty()) {
    return Status::Unprocessable("user.invalid", "Some fields are not valid.", std::move(fields));
  }
  BSG_ASSIGN_OR_RETURN(UserRecord record, [&] {
    AutocommitSession s(db_);
    return store_.FindUser(s, principal.user_id);
  }());
  BSG_RETURN_IF_ERROR(CheckPasswordRules(new_password, record.user.email, "new_password"));
  BSG_ASSIGN_OR_RETURN(std::int64_t attempt, BeginAttempt(record.user.email, actor.remote_address));
  if (!hasher_.Verify(current_password, record.password_hash).match) {
    return Status::Unprocessable("password.incorrect", "The current password is not correct.",
                                 {{"current_password", "is not correct"}});
  }
  BSG_ASSIGN_OR_RETURN(std::string hash, hasher_.Hash(new_password));
  std::optional<std::int64_t> keep;
  if (!principal.via_api_token) keep = ParseId(principal.session_id);
  return Write([&](db::Transaction& tx) -> Status {
    const std::string now = Now();
    BSG_RETURN_IF_ERROR(store_.DeleteSignInFailure(tx, attempt));
    BSG_RETURN_IF_ERROR(store_.ClearAccountFailures(tx, record.user.email));
    BSG_RETURN_IF_ERROR(store_.SetPasswordHash(tx, record.user.user_id, hash, now));
    BSG_RETURN_IF_ERROR(store_.RevokeUserSessions(tx, record.user.user_id, now, keep));
    BSG_RETURN_IF_ERROR(store_.InvalidateUserResets(tx, record.user.user_id, now));
    return RecordAudit(tx, actor, "user", std::to_string(record.user.user_id), "change_password",
                       std::nullopt, std::nullopt);
  });
}

Result<std::string> IdentityService::NewResetLink(db::Session& tx, const User& user) {
  const std::string token = RandomToken(32);
  BSG_RETURN_IF_ERROR(store_.InsertPasswordReset(tx, user.user_id, HashToken(token), Now(),
                                                 At(options_.reset_validity)));
  return options_.base_url + "/password-reset#token=" + token;
}

Status IdentityService::AddResetMessage(db::Session& tx, const User& user, const std::string& link,
                                        bool invitation) {
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(options_.reset_validity);
  OutboxMessage m;
  m.to = user.email;
  m.created_at = Now();
  if (invitation) {
    m.kind = "account_invitation";
    m.subject = "Your BSG Platform account";
    m.body = "Hello " + user.display_name +
             ",\n\nAn account on BSG Platform has been created for " + user.email +
             ".\n\nTo choose your password, open this link within " +
             std::to_string(minutes.count()) + " minutes:\n\n" + link +
             "\n\nWhen the link has expired, use \"Forgot your password?\" on the sign-in page.\n";
  } else {
    m.kind = "password_reset";
    m.subject = "Reset your BSG Platform password";
    m.body = "Hello " + user.display_name +
             ",\n\nSomeone asked to reset the password of the BSG Platform account " + user.email +
             ".\n\nTo choose a new password, open this link within " +
             std::to_string(minutes.count()) + " minutes:\n\n" + link +
             "\n\nIf you did not ask for this, ignore this message: your password stays the "
             "same.\n";
  }
  return store_.InsertOutbox(tx, m).status();
}

Status IdentityService::RequestPasswordReset(std::string_view email_in, const AuditActor& actor) {
  const std::string email = NormalizeEmail(email_in);
  Status::Fields fields;
  CheckEmail(email, fields);
  BSG_RETURN_IF_ERROR(FieldsToStatus(std::move(fields)));
  AutocommitSession s(db_);
  BSG_ASSIGN_OR_RETURN(auto record, store_.FindUserByEmail(s, email));
  if (!record || record->user.disabled()) return Status::Ok();
  return Write([&](db::Transaction& tx) -> Status {
    BSG_ASSIGN_OR_RETURN(std::string link, NewResetLink(tx, record->user));
    BSG_RETURN_IF_ERROR(AddResetMessage(tx, record->user, link, /*invitation=*/false));
    return RecordAudit(tx, actor, "user", std::to_string(record->user.user_id),
                       "password_reset_request", std::nullopt, std::nullopt);
  });
}

Result<std::string> IdentityService::CreateResetLink(std::string_view email,
                                                     const AuditActor& actor) {
  AutocommitSession s(db_);
  BSG_ASSIGN_OR_RETURN(auto record, store_.FindUserByEmail(s, NormalizeEmail(email)));
  if (!record) return Status::NotFound("user.not_found", "No user has this email address.");
  std::string link;
  BSG_RETURN_IF_ERROR(Write([&](db::Transaction& tx) -> Status {
    BSG_ASSIGN_OR_RETURN(link, NewResetLink(tx, record->user));
    return RecordAudit(tx, actor, "user", std::to_string(record->user.user_id),
                       "password_reset_link", std::nullopt, std::nullopt);
  }));
  return link;
}

Status IdentityService::ConfirmPasswordReset(std::string_view token, std::string_view new_password,
                                             const AuditActor& actor) {
  Status::Fields fields;
  if (token.empty()) fields["token"] = "is required";
  if (new_password.empty()) fields["new_password"] = "is required";
  if (!fields.empty()) {
    return Status::Unprocessable("user.invalid", "Some fields are not valid.", std::move(fields));
  }
  AutocommitSession s(db_);
  BSG_ASSIGN_OR_RETURN(auto reset, store_.FindLivePasswordReset(s, HashToken(token), Now()));
  if (!reset) return InvalidResetToken();
  BSG_ASSIGN_OR_RETURN(UserRecord record, store_.FindUser(s, reset->user_id));
  BSG_RETURN_IF_ERROR(CheckPasswordRules(new_password, record.user.email, "new_password"));
  BSG_ASSIGN_OR_RETURN(std::string hash, hasher_.Hash(new_password));
  return Write([&](db::Transaction& tx) -> Status {
    const std::string now = Now();
    BSG_ASSIGN_OR_RETURN(bool claimed, store_.ClaimPasswordReset(tx, reset->reset_id, now));
    if (!claimed) return InvalidResetToken();
    BSG_RETURN_IF_ERROR(store_.SetPasswordHash(tx, record.user.user_id, hash, now));
    BSG_RETURN_IF_ERROR(store_.InvalidateUserResets(tx, record.user.user_id, now));
    BSG_RETURN_IF_ERROR(store_.RevokeUserSessions(tx, record.user.user_id, now, std::nullopt));
    BSG_RETURN_IF_ERROR(store_.ClearAccountFailures(tx, record.user.email));
    AuditActor who = actor;
    if (!who.user_id) {
      who.user_id = record.user.user_id;
      who.label = record.user.email + " (reset link)";
    }
    return RecordAudit(tx, who, "user", std::to_string(record.user.user_id), "password_reset",
                       std::nullopt, std::nullopt);
  });
}

// ---- API tokens

Result<CreatedApiToken> IdentityService::CreateApiToken(std::int64_t user_id,
                                                        std::string_view name_in,
                                                        const std::set<std::string>& scopes,
                                                        std::optional<int> days,
                                                        const AuditActor& actor) {
  const std::string name = Trimmed(name_in);
  Status::Fields fields;
  CheckDisplayName(name, fields, "name");
  const int d = days.value_or(options_.default_token_days);
  if (d < 1 || d > options_.max_token_days) {
    fields["expires_in_days"] = "must be between 1 and " + std::to_string(options_.max_token_days);
  }
  auto normalized = NormalizeScopes(scopes);
  if (!normalized.ok()) MergeFields(normalized.status(), fields);
  if (!fields.empty()) {
    return Status::Unprocessable("token.invalid", "Some fields are not valid.", std::move(fields));
  }
  CreatedApiToken out;
  out.secret = std::string(kApiTokenPrefix) + RandomToken(32);
  out.token.user_id = user_id;
  out.token.name = name;
  out.token.prefix = out.secret.substr(0, kApiTokenPrefix.size() + 6);
  out.token.scopes = *normalized;
  out.token.created_at = Now();
  out.token.expires_at = At(std::chrono::hours(24) * d);
  BSG_RETURN_IF_ERROR(Write([&](db::Transaction& tx) -> Status {
    BSG_ASSIGN_OR_RETURN(out.token.token_id,
                         store_.InsertApiToken(tx, out.token, HashToken(out.secret)));
    return RecordAudit(tx, actor, "api_token", std::to_string(out.token.token_id), "create",
                       std::nullopt, ToJson(out.token));
  }));
  return out;
}

Result<std::vector<ApiToken>> IdentityService::ListApiTokens(std::int64_t user_id) {
  AutocommitSession s(db_);
  return store_.ListApiTokens(s, user_id);
}

Status IdentityService::RevokeApiToken(std::int64_t user_id, std::int64_t token_id,
                                       const AuditActor& actor) {
  return Write([&](db::Transaction& tx) -> Status {
    auto token = store_.FindApiToken(tx, token_id);
    if (!token.ok() || token->user_id != user_id) {
      if (!token.ok() && token.status().code() != ErrorCode::kNotFound) return token.status();
      return Status::NotFound("token.not_found", "You have no API token with this id.");
    }
    if (token->revoked_at) return Status::Ok();
    BSG_RETURN_IF_ERROR(store_.RevokeApiToken(tx, token_id, Now()));
    BSG_ASSIGN_OR_RETURN(ApiToken after, store_.FindApiToken(tx, token_id));
    return RecordAudit(tx, actor, "api_token", std::to_string(token_id), "revoke", ToJson(*token),
                       ToJson(after));
  });
}

// ---- outbox and audit

Result<std::vector<OutboxMessage>> IdentityService::ListOutbox(
    std::int64_t limit, std::optional<std::int64_t> before_id,
    const std::optional<std::string>& to) {
  AutocommitSession s(db_);
  std::optional<std::string> normalized;
  if (to) normalized = NormalizeEmail(*to);
  return store_.ListOutbox(s, limit, before_id, normalized);
}

Result<std::vector<AuditEvent>> IdentityService::ListAudit(const AuditFilter& filter) {
  AutocommitSession s(db_);
  return store_.ListAudit(s, filter);
}

// ---- demo

Result<std::optional<std::string>> IdentityService::SeedDemoAdmin() {
  AutocommitSession s(db_);
  BSG_ASSIGN_OR_RETURN(std::int64_t users, store_.CountUsers(s));
  if (users > 0) return std::optional<std::string>();
  CreateUserInput in;
  in.email = "admin@example.org";
  in.display_name = "Demo administrator";
  in.roles = {std::string(kRoleAdmin)};
  in.password = GeneratePassword();
  BSG_RETURN_IF_ERROR(CreateUser(in, CliActor("bsg seed --demo")).status());
  return std::optional<std::string>(*in.password);
}

}  // namespace bsg::identity
