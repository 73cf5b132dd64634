// JSON shapes of the identity API: encoders for the records and the JSON Schemas that document
// them in /api/openapi.json. Secrets (password hashes, token hashes) have no encoder.
#ifndef BSG_MODULES_IDENTITY_JSON_H_
#define BSG_MODULES_IDENTITY_JSON_H_

#include <nlohmann/json.hpp>

#include "modules/identity/model.h"

namespace bsg::identity {

nlohmann::json ToJson(const User& user);
nlohmann::json ToJson(const ApiToken& token);
nlohmann::json ToJson(const OutboxMessage& message);
nlohmann::json ToJson(const AuditEvent& event);

// JSON Schemas.
nlohmann::json UserSchema();
nlohmann::json ApiTokenSchema();
nlohmann::json OutboxMessageSchema();
nlohmann::json AuditEventSchema();
nlohmann::json ErrorFreeObjectSchema();  // {} with no properties: 202 bodies and the like

}  // namespace bsg::identity

#endif  // BSG_MODULES_IDENTITY_JSON_H_
