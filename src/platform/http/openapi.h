// The OpenAPI 3.1 document of the HTTP API, generated from the registered routes (served at
// GET /api/openapi.json). Nothing is written by hand: each route's RouteDoc and Policy give its
// operation, and the platform's conventions give the rest:
//   - path `{id:int}` becomes `{id}` with an integer (int64) path parameter;
//   - errors share `#/components/schemas/Error` ({code, reason, message, fields});
//   - non-public routes list 401 and 403 and the `session` (cookie bsg_session) and `bearer`
//     security schemes; public ones have `security: []`;
//   - routes with path parameters list 404; routes with a JSON body list 400, 413 and 415;
//     an operation left without any 4xx gets 400 (a malformed path or query);
//   - `x-bsg-policy` carries Policy::Describe().
// The output passes `redocly lint` with the recommended rules.
//
// Thread-safety: a pure function of its arguments.
#ifndef BSG_PLATFORM_HTTP_OPENAPI_H_
#define BSG_PLATFORM_HTTP_OPENAPI_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "platform/http/router.h"

namespace bsg::http {

struct OpenApiInfo {
  std::string title = "BSG Platform API";
  std::string version = "0.0.0";
  std::string description =
      "The HTTP API of BSG Platform. Every error answers with an Error object whose `reason` is "
      "a stable dotted string.";
};

// The whole document, keys in the conventional order.
nlohmann::ordered_json BuildOpenApi(const Router& router, const OpenApiInfo& info);

// The OpenAPI path for a route pattern: "/api/x/{id:int}" -> "/api/x/{id}".
std::string OpenApiPath(std::string_view pattern);

// The operationId for a route, before de-duplication: GET "/api/events/{id:int}/registrations"
// -> "getEventsByIdRegistrations".
std::string OperationIdFor(Method method, std::string_view pattern);

}  // namespace bsg::http

#endif  // BSG_PLATFORM_HTTP_OPENAPI_H_
