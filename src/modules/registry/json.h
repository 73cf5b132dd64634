// JSON shapes of the registry's records, and decoding of request bodies into drafts.
#ifndef BSG_MODULES_REGISTRY_JSON_H_
#define BSG_MODULES_REGISTRY_JSON_H_

#include <nlohmann/json.hpp>
#include <vector>

#include "modules/registry/model.h"
#include "platform/status.h"

namespace bsg::registry {

nlohmann::json ToJson(const Country& c);
nlohmann::json ToJson(const ClassPeriod& p);
nlohmann::json ToJson(const Classification& c);
nlohmann::json ToJson(const Organization& o);
nlohmann::json ToJson(const Person& p);

// JSON Schemas of the shapes above, for the route documentation.
nlohmann::json CountrySchema();
nlohmann::json ClassPeriodSchema();
nlohmann::json ClassificationSchema();
nlohmann::json OrganizationSchema();
nlohmann::json OrganizationInputSchema();
nlohmann::json PersonSchema();
nlohmann::json PersonInputSchema();
nlohmann::json ImportReportSchema();

// Decoding: InvalidArgument (request.bad_field) for members of the wrong type.
Result<OrganizationDraft> OrganizationDraftFromJson(const nlohmann::json& body);
Result<PersonDraft> PersonDraftFromJson(const nlohmann::json& body);
Result<ClassChange> ClassChangeFromJson(const nlohmann::json& body);

}  // namespace bsg::registry

#endif  // BSG_MODULES_REGISTRY_JSON_H_
