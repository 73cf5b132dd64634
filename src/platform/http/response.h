// HTTP responses and the one mapping from Status to HTTP (ErrorResponse).
#ifndef BSG_PLATFORM_HTTP_RESPONSE_H_
#define BSG_PLATFORM_HTTP_RESPONSE_H_

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/status.h"

namespace bsg::http {

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Set-Cookie, ...)
  std::string body;

  static Response Json(const nlohmann::json& body, int status = 200);
  static Response Text(std::string body, std::string content_type, int status = 200);
  static Response NoContent();
  Response& SetHeader(std::string name, std::string value);
};

// The HTTP status for an error code: the only place this mapping exists.
int HttpStatusFor(ErrorCode code);

// The JSON error body {code, reason, message, fields} with the mapped status. For kInternal the
// message is replaced by a generic one carrying the request id; the detail is logged instead.
Response ErrorResponse(const Status& status, const std::string& request_id = "");

}  // namespace bsg::http

#endif  // BSG_PLATFORM_HTTP_RESPONSE_H_
