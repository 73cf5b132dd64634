#include "modules/identity/json.h"

namespace bsg::identity {
namespace {

using nlohmann::json;

json OptString(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json NullableString() { return {{"type", json::array({"string", "null"})}}; }

}  // namespace

json ToJson(const User& u) {
  return {{"user_id", u.user_id},
          {"email", u.email},
          {"display_name", u.display_name},
          {"language", u.language},
          {"roles", json(std::vector<std::string>(u.roles.begin(), u.roles.end()))},
          {"country", OptString(u.country)},
          {"disabled", u.disabled()},
          {"disabled_at", OptString(u.disabled_at)},
          {"has_password", u.has_password},
          {"created_at", u.created_at},
          {"updated_at", u.updated_at}};
}

json ToJson(const ApiToken& t) {
  return {{"token_id", t.token_id},
          {"user_id", t.user_id},
          {"name", t.name},
          {"prefix", t.prefix},
          {"scopes", json(std::vector<std::string>(t.scopes.begin(), t.scopes.end()))},
          {"created_at", t.created_at},
          {"expires_at", t.expires_at},
          {"last_used_at", OptString(t.last_used_at)},
          {"revoked_at", OptString(t.revoked_at)}};
}

json ToJson(const OutboxMessage& m) {
  return {{"message_id", m.message_id}, {"kind", m.kind}, {"to", m.to},
          {"subject", m.subject},       {"body", m.body}, {"created_at", m.created_at}};
}

json ToJson(const AuditEvent& e) {
  return {{"event_id", e.event_id},
          {"at", e.at},
          {"actor_user_id", e.actor_user_id ? json(*e.actor_user_id) : json(nullptr)},
          {"actor_label", e.actor_label},
          {"remote_address", e.remote_address},
          {"request_id", e.request_id},
          {"record_type", e.record_type},
          {"record_id", e.record_id},
          {"action", e.action},
          {"before", e.before ? *e.before : json(nullptr)},
          {"after", e.after ? *e.after : json(nullptr)}};
}

json UserSchema() {
  return {{"type", "object"},
          {"required", json::array({"user_id", "email", "display_name", "language", "roles",
                                    "country", "disabled", "has_password"})},
          {"properties",
           {{"user_id", {{"type", "integer"}}},
            {"email", {{"type", "string"}, {"format", "email"}}},
            {"display_name", {{"type", "string"}}},
            {"language", {{"type", "string"}, {"enum", kLanguages}}},
            {"roles", {{"type", "array"}, {"items", {{"type", "string"}, {"enum", kRoles}}}}},
            {"country", NullableString()},
            {"disabled", {{"type", "boolean"}}},
            {"disabled_at", NullableString()},
            {"has_password", {{"type", "boolean"}}},
            {"created_at", {{"type", "string"}, {"format", "date-time"}}},
            {"updated_at", {{"type", "string"}, {"format", "date-time"}}}}}};
}

json ApiTokenSchema() {
  return {{"type", "object"},
          {"required", json::array({"token_id", "name", "prefix", "scopes", "expires_at"})},
          {"properties",
           {{"token_id", {{"type", "integer"}}},
            {"user_id", {{"type", "integer"}}},
            {"name", {{"type", "string"}}},
            {"prefix", {{"type", "string"}}},
            {"scopes",
             {{"type", "array"},
              {"items", {{"type", "string"}, {"enum", {"read", "write", "metrics"}}}}}},
            {"created_at", {{"type", "string"}, {"format", "date-time"}}},
            {"expires_at", {{"type", "string"}, {"format", "date-time"}}},
            {"last_used_at", NullableString()},
            {"revoked_at", NullableString()}}}};
}

json OutboxMessageSchema() {
  return {{"type", "object"},
          {"required", json::array({"message_id", "kind", "to", "subject", "body", "created_at"})},
          {"properties",
           {{"message_id", {{"type", "integer"}}},
            {"kind", {{"type", "string"}}},
            {"to", {{"type", "string"}}},
            {"subject", {{"type", "string"}}},
            {"body", {{"type", "string"}}},
            {"created_at", {{"type", "string"}, {"format", "date-time"}}}}}};
}

json AuditEventSchema() {
  return {{"type", "object"},
          {"required",
           json::array({"event_id", "at", "actor_label", "record_type", "record_id", "action"})},
          {"properties",
           {{"event_id", {{"type", "integer"}}},
            {"at", {{"type", "string"}, {"format", "date-time"}}},
            {"actor_user_id", {{"type", json::array({"integer", "null"})}}},
            {"actor_label", {{"type", "string"}}},
            {"remote_address", {{"type", "string"}}},
            {"request_id", {{"type", "string"}}},
            {"record_type", {{"type", "string"}}},
            {"record_id", {{"type", "string"}}},
            {"action", {{"type", "string"}}},
            {"before", {{"description", "the record before the change, or null"}}},
            {"after", {{"description", "the record after the change, or null"}}}}}};
}

json ErrorFreeObjectSchema() { return {{"type", "object"}}; }

}  // namespace bsg::identity
