// The identity module's records: users and their roles, sessions, API tokens, password resets,
// outbox messages and audit events. Plain values; no I/O.
#ifndef BSG_MODULES_IDENTITY_MODEL_H_
#define BSG_MODULES_IDENTITY_MODEL_H_

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace bsg::identity {

// The roles, in the order the UI lists them.
//   admin        manages users and everything else
//   officer      secretariat staff: manage the programme's records
//   committee    decides fellowships
//   focal_point  endorses the delegates of one country (User::country)
//   delegate     registers, applies, learns
//   viewer       reads
inline constexpr std::array<std::string_view, 6> kRoles = {"admin",       "officer",  "committee",
                                                           "focal_point", "delegate", "viewer"};
inline constexpr std::string_view kRoleAdmin = "admin";
inline constexpr std::string_view kRoleOfficer = "officer";
inline constexpr std::string_view kRoleFocalPoint = "focal_point";

// The six UN languages, by their ISO 639-1 codes.
inline constexpr std::array<std::string_view, 6> kLanguages = {"ar", "zh", "en", "fr", "ru", "es"};

struct User {
  std::int64_t user_id = 0;
  std::string email;  // normalized: trimmed, lowercase
  std::string display_name;
  std::string language = "en";
  std::set<std::string> roles;
  std::optional<std::string> country;  // ISO 3166-1 alpha-2; required for focal_point
  std::optional<std::string> disabled_at;
  bool has_password = false;
  std::string created_at;
  std::string updated_at;

  bool disabled() const { return disabled_at.has_value(); }
  bool HasRole(std::string_view role) const { return roles.count(std::string(role)) > 0; }
};

// A user as stored, with the secret the store alone handles.
struct UserRecord {
  User user;
  std::optional<std::string> password_hash;
};

struct NewUser {
  std::string email;
  std::string display_name;
  std::string language = "en";
  std::set<std::string> roles;
  std::optional<std::string> country;
  std::optional<std::string> password_hash;
};

// A partial update; unset members are left alone.
struct UserPatch {
  std::optional<std::string> display_name = std::nullopt;
  std::optional<std::string> language = std::nullopt;
  std::optional<std::set<std::string>> roles = std::nullopt;
  std::optional<std::optional<std::string>> country = std::nullopt;  // set to nullopt: clear
  std::optional<bool> disabled = std::nullopt;
};

struct UserFilter {
  std::optional<std::string> q =
      std::nullopt;  // substring of email or display name, case-insensitive
  std::optional<std::string> role = std::nullopt;
  std::optional<bool> disabled = std::nullopt;
  std::int64_t limit = 50;
  std::int64_t offset = 0;
};

struct UserPage {
  std::vector<User> users;
  std::int64_t total = 0;
};

// A session row joined with its user, as the authenticator needs it.
struct SessionRecord {
  std::int64_t session_id = 0;
  std::string csrf_token;
  std::string created_at;
  std::string last_seen_at;
  std::string expires_at;  // absolute expiry
  std::optional<std::string> revoked_at;
  UserRecord account;
};

inline constexpr std::string_view kScopeRead = "read";
inline constexpr std::string_view kScopeWrite = "write";
// A Prometheus scraper's token: GET /metrics only (which admits admins only), alone.
inline constexpr std::string_view kScopeMetrics = "metrics";

struct ApiToken {
  std::int64_t token_id = 0;
  std::int64_t user_id = 0;
  std::string name;
  std::string prefix;  // the first characters of the token, to recognize it in a list
  std::set<std::string> scopes;
  std::string created_at;
  std::string expires_at;
  std::optional<std::string> last_used_at;
  std::optional<std::string> revoked_at;
};

struct ApiTokenWithUser {
  ApiToken token;
  UserRecord account;
};

struct PasswordResetRecord {
  std::int64_t reset_id = 0;
  std::int64_t user_id = 0;
  std::string expires_at;
  std::optional<std::string> used_at;
};

struct OutboxMessage {
  std::int64_t message_id = 0;
  std::string kind;  // "password_reset", "account_created", ...
  std::string to;
  std::string subject;
  std::string body;
  std::string created_at;
};

struct AuditEvent {
  std::int64_t event_id = 0;
  std::string at;
  std::optional<std::int64_t> actor_user_id;
  std::string actor_label;
  std::string remote_address;
  std::string request_id;
  std::string record_type;
  std::string record_id;
  std::string action;
  std::optional<nlohmann::json> before;
  std::optional<nlohmann::json> after;
};

struct AuditFilter {
  std::optional<std::string> record_type = std::nullopt;
  std::optional<std::string> record_id = std::nullopt;
  std::optional<std::int64_t> actor_user_id = std::nullopt;
  std::optional<std::string> since = std::nullopt;  // inclusive, formatted timestamp
  std::optional<std::string> until = std::nullopt;  // exclusive, formatted timestamp
  std::int64_t limit = 50;
  std::optional<std::int64_t> before_id = std::nullopt;  // keyset cursor: events with a smaller id
};

}  // namespace bsg::identity

#endif  // BSG_MODULES_IDENTITY_MODEL_H_
