// The groups module's HTTP routes: study periods, groups, positions, representation.
#ifndef BSG_MODULES_GROUPS_API_H_
#define BSG_MODULES_GROUPS_API_H_

#include "platform/db/database.h"
#include "platform/http/router.h"

namespace bsg::groups {

void RegisterRoutes(http::Router& router, db::Database& db);

}  // namespace bsg::groups

#endif  // BSG_MODULES_GROUPS_API_H_
