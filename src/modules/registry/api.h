// The registry's HTTP routes: countries and their classes, organizations, people, and imports
// and exports of organizations and people. See README.md for the list.
#ifndef BSG_MODULES_REGISTRY_API_H_
#define BSG_MODULES_REGISTRY_API_H_

#include "modules/registry/transfer.h"
#include "platform/db/database.h"
#include "platform/http/response.h"
#include "platform/http/router.h"

namespace bsg::registry {

void RegisterRoutes(http::Router& router, db::Database& db);

// The HTTP answer to an import: 200 with the report for a dry run or a good file; 422 for a
// rejected file, whose body is the error shape {code, reason, message, fields} plus the report.
http::Response ImportResponse(const ImportReport& report);

}  // namespace bsg::registry

#endif  // BSG_MODULES_REGISTRY_API_H_
