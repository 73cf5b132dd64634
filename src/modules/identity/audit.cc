#include "modules/identity/audit.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "modules/identity/model.h"
#include "modules/identity/store.h"

namespace bsg::identity {
namespace {

constexpr std::array<std::string_view, 11> kSecretKeys = {
    "password",   "password_hash", "new_password", "current_password", "token",      "token_hash",
    "csrf_token", "secret",        "api_key",      "session_token",    "reset_token"};

bool IsSecretKey(const std::string& key) {
  std::string lower = key;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::find(kSecretKeys.begin(), kSecretKeys.end(), lower) != kSecretKeys.end();
}

}  // namespace

AuditActor ActorFrom(const http::Request& request) {
  AuditActor a;
  if (request.principal) {
    a.user_id = request.principal->user_id;
    a.label = request.principal->email;
    if (request.principal->via_api_token) a.label += " (API token)";
  } else {
    a.label = "anonymous";
  }
  a.remote_address = request.remote_address;
  a.request_id = request.request_id;
  return a;
}

AuditActor CliActor(std::string what) {
  AuditActor a;
  a.label = "cli: " + what;
  return a;
}

nlohmann::json RedactSecrets(const nlohmann::json& value) {
  if (value.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, v] : value.items()) {
      out[key] = IsSecretKey(key) ? nlohmann::json("[redacted]") : RedactSecrets(v);
    }
    return out;
  }
  if (value.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : value) out.push_back(RedactSecrets(v));
    return out;
  }
  return value;
}

Status RecordAuditAt(db::Session& tx, TimePoint at, const AuditActor& actor,
                     std::string_view record_type, std::string_view record_id,
                     std::string_view action, const std::optional<nlohmann::json>& before,
                     const std::optional<nlohmann::json>& after) {
  AuditEvent e;
  e.at = FormatTimestamp(at);
  e.actor_user_id = actor.user_id;
  e.actor_label = actor.label;
  e.remote_address = actor.remote_address;
  e.request_id = actor.request_id;
  e.record_type = std::string(record_type);
  e.record_id = std::string(record_id);
  e.action = std::string(action);
  if (before) e.before = RedactSecrets(*before);
  if (after) e.after = RedactSecrets(*after);
  return SqlIdentityStore().InsertAudit(tx, e).status();
}

Status RecordAudit(db::Session& tx, const AuditActor& actor, std::string_view record_type,
                   std::string_view record_id, std::string_view action,
                   const std::optional<nlohmann::json>& before,
                   const std::optional<nlohmann::json>& after) {
  return RecordAuditAt(tx, std::chrono::system_clock::now(), actor, record_type, record_id, action,
                       before, after);
}

}  // namespace bsg::identity
