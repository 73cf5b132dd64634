#include "modules/identity/audit.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "modules/identity/model.h"
#include "modules/identity/store.h"
#include "platform/audit.h"
#include "platform/time/timestamp.h"

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

// `value` with the values of secret-named keys replaced by "[redacted]", at any depth.
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

// Writes each event as one audit_event row, secrets redacted.
class Recorder final : public AuditRecorder {
 public:
  Status Record(db::Session& tx, time::TimePoint at, const AuditActor& actor,
                std::string_view record_type, std::string_view record_id, std::string_view action,
                const std::optional<nlohmann::json>& before,
                const std::optional<nlohmann::json>& after) override {
    AuditEvent e;
    e.at = time::FormatTimestamp(at);
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
};

}  // namespace

void RegisterAuditRecorder() {
  static auto* recorder = new Recorder();  // never destroyed: recording may run until exit
  SetAuditRecorder(recorder);
}

}  // namespace bsg::identity
