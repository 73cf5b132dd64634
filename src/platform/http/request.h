// An HTTP request as handlers see it: no RESTinio types leak past src/platform/http.
//
// Thread-safety: one request is handled by one thread.
#ifndef BSG_PLATFORM_HTTP_REQUEST_H_
#define BSG_PLATFORM_HTTP_REQUEST_H_

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "platform/status.h"

namespace bsg::http {

class RateLimiter;

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions };
std::string_view MethodName(Method m);  // "GET"
// True for methods that change state (POST, PUT, PATCH, DELETE): these need a CSRF token when
// the caller is authenticated by a session cookie.
bool IsStateChanging(Method m);

// Who is calling, as established by the Authenticator. Anonymous callers have no Principal.
struct Principal {
  std::int64_t user_id = 0;
  std::string email;
  std::string display_name;
  std::string language;                // preferred UI language ("en", "ar", ...)
  std::set<std::string> roles;         // "admin", "officer", "committee", "focal_point", ...
  std::optional<std::string> country;  // ISO 3166-1 alpha-2 scope of a focal point
  bool via_api_token = false;          // authenticated by an API token, not a session cookie
  std::set<std::string> scopes;        // API token scopes ("read", "write")
  std::string session_id;              // opaque id of the session row (not the cookie value)

  bool HasRole(std::string_view role) const { return roles.count(std::string(role)) > 0; }
};

class Request {
 public:
  Method method = Method::kGet;
  std::string path;    // decoded path without the query string: "/api/countries/VU"
  std::string target;  // raw request target as received
  std::map<std::string, std::string> path_params;  // from the route pattern, already type-checked
  std::multimap<std::string, std::string> query;   // decoded query parameters
  std::map<std::string, std::string> headers;      // header names lower-cased
  std::string body;
  std::string remote_address;  // peer IP address, no port
  // Reached over https: the server's public address is https (ServerOptions::https), or the peer
  // is a trusted proxy that says `X-Forwarded-Proto: https`. A client's own header never counts.
  bool secure = false;
  std::string request_id;  // also sent back as X-Request-Id
  std::optional<Principal> principal;
  // Set by the server (ServerOptions::anonymous_renders_per_minute); null: no limit.
  RateLimiter* render_limiter = nullptr;

  std::optional<std::string> Header(std::string_view name) const;  // case-insensitive
  std::optional<std::string> Cookie(std::string_view name) const;
  // First value of a query parameter.
  std::optional<std::string> Query(std::string_view name) const;
  // Typed query parameters: a present but malformed value is an InvalidArgument naming the field.
  Result<std::optional<std::int64_t>> QueryInt(std::string_view name) const;
  // A path parameter declared `{name:int}`; the router has checked the format.
  std::int64_t PathInt(std::string_view name) const;
  const std::string& PathText(std::string_view name) const;
  // The body parsed as JSON. 415 (request.unsupported_media_type) unless Content-Type is JSON,
  // 400 (request.bad_json) with the parser's position in the message when malformed. 422
  // naming the member (a dotted path) for a key given twice in one object
  // (request.duplicate_field), text that breaks ValidateText (platform/text.h: control
  // characters such as "\u0000"; line breaks are left to the decoders) or a number beyond
  // int64 (request.bad_field).
  Result<nlohmann::json> JsonBody() const;
  // Admits one piece of heavy work for this request: building a document that no cache holds
  // (ResponseCache does it). Signed-in callers always pass; an anonymous caller gets 429
  // (request.rate_limited, with Retry-After) once its address has used its allowance.
  Status AdmitRender() const;
};

}  // namespace bsg::http

#endif  // BSG_PLATFORM_HTTP_REQUEST_H_
