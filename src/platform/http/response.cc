// Response constructors and the one mapping from Status to HTTP status and error body.
#include "platform/http/response.h"

#include <cctype>

#include "platform/http/http_internal.h"

namespace bsg::http {

Response Response::Json(const nlohmann::json& body, int status) {
  Response r;
  r.status = status;
  // Invalid UTF-8 in a string is replaced rather than thrown: a response must always go out.
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response Response::Text(std::string body, std::string content_type, int status) {
  Response r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

Response Response::NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

Response& Response::SetHeader(std::string name, std::string value) {
  if (!internal::EqualsIgnoreCase(name, "set-cookie")) {
    for (auto& [n, v] : headers) {
      if (internal::EqualsIgnoreCase(n, name)) {
        v = std::move(value);
        return *this;
      }
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

const std::string* Response::FindHeader(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (internal::EqualsIgnoreCase(n, name)) return &v;
  }
  return nullptr;
}

std::string AttachmentDisposition(std::string_view file_name) {
  std::string ascii, encoded;
  for (const char ch : file_name) {
    const auto c = static_cast<unsigned char>(ch);
    const bool plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
    if (plain) {
      ascii += ch;
    } else if ((c & 0xC0) != 0x80) {
      ascii += '_';  // one per character: UTF-8 continuation bytes add none
    }
    // RFC 8187 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else percent-encoded.
    if (std::isalnum(c) || std::string_view("!#$&+-.^_`|~").find(ch) != std::string_view::npos) {
      encoded += ch;
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 0xf];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return 200;
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kUriTooLong:
      return 414;
    case ErrorCode::kUnsupportedMedia:
      return 415;
    case ErrorCode::kUnprocessable:
      return 422;
    case ErrorCode::kTooManyRequests:
      return 429;
    case ErrorCode::kHeadersTooLarge:
      return 431;
    case ErrorCode::kInternal:
      return 500;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kRetryable:
      return 503;
    case ErrorCode::kHttpVersion:
      return 505;
  }
  return 500;
}

Response ErrorResponse(const Status& status, const std::string& request_id) {
  if (status.ok()) {
    return ErrorResponse(Status::Internal("internal.ok_status_as_error", "ok status as an error"),
                         request_id);
  }
  const int code = HttpStatusFor(status.code());
  // ordered_json keeps the documented key order: code, reason, message, fields.
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  body["code"] = code;
  body["reason"] = status.reason();
  nlohmann::ordered_json fields = nlohmann::ordered_json::object();
  if (status.code() == ErrorCode::kInternal) {
    std::string message = "An internal error occurred.";
    if (!request_id.empty()) message += " Reference: " + request_id + ".";
    body["message"] = message;
  } else {
    body["message"] = status.message();
    for (const auto& [name, msg] : status.fields()) fields[name] = msg;
  }
  body["fields"] = std::move(fields);
  Response r;
  r.status = code;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  r.SetHeader("Cache-Control", "no-store");
  if (status.code() != ErrorCode::kInternal) {
    const auto& f = status.fields();
    if (auto it = f.find(std::string(kRetryAfterField));
        it != f.end() && internal::ParseInt64(it->second).value_or(-1) >= 0) {
      r.SetHeader("Retry-After", it->second);
    } else if (status.code() == ErrorCode::kRetryable) {
      r.SetHeader("Retry-After", "1");
    }
    if (auto it = f.find(std::string(kAllowField)); it != f.end()) {
      r.SetHeader("Allow", it->second);
    }
  }
  return r;
}

}  // namespace bsg::http
