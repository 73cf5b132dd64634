// HTTP responses and the one mapping from Status to HTTP (ErrorResponse).
#ifndef BSG_PLATFORM_HTTP_RESPONSE_H_
#define BSG_PLATFORM_HTTP_RESPONSE_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/status.h"

namespace bsg::http {

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Set-Cookie, ...)
  std::string body;
  // The body gzipped ahead of time (a ResponseCache compresses what it keeps once); the server
  // sends it instead of `body` to a client that accepts gzip.
  std::shared_ptr<const std::string> gzip_body;

  static Response Json(const nlohmann::json& body, int status = 200);
  static Response Text(std::string body, std::string content_type, int status = 200);
  static Response NoContent();
  // Sets a header, replacing one of the same name (case-insensitive); Set-Cookie is appended
  // instead, so a response can set several cookies.
  Response& SetHeader(std::string name, std::string value);
  // The value of a header set with SetHeader (case-insensitive name), or nullptr.
  const std::string* FindHeader(std::string_view name) const;
};

// The Content-Disposition of a download named `file_name` (RFC 6266): "attachment" with an
// ASCII fallback filename (other characters, quotes and backslashes as "_") and the exact name
// as filename*=UTF-8''... (RFC 8187 percent-encoding).
std::string AttachmentDisposition(std::string_view file_name);

// The HTTP status for an error code: the only place this mapping exists.
int HttpStatusFor(ErrorCode code);

// Status fields with a meaning for the HTTP layer. They stay in the body's `fields` as well.
//   retry_after_seconds  a non-negative integer: sent as the `Retry-After` header (429, 503).
//   allow                the methods a path accepts ("GET, POST"): sent as `Allow` (405).
inline constexpr std::string_view kRetryAfterField = "retry_after_seconds";
inline constexpr std::string_view kAllowField = "allow";

// The JSON error body {code, reason, message, fields} with the mapped status. For kInternal the
// message is replaced by a generic one carrying the request id and the fields are dropped; the
// detail is logged instead. kRetryable also gets `Retry-After: 1` unless the status names its own.
// Called with an ok Status (a bug), it answers 500.
Response ErrorResponse(const Status& status, const std::string& request_id = "");

}  // namespace bsg::http

#endif  // BSG_PLATFORM_HTTP_RESPONSE_H_
