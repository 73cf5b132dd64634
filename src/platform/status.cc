#include "platform/status.h"

namespace bsg {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return "ok";
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kPermissionDenied:
      return "permission_denied";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kMethodNotAllowed:
      return "method_not_allowed";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kPayloadTooLarge:
      return "payload_too_large";
    case ErrorCode::kUnsupportedMedia:
      return "unsupported_media_type";
    case ErrorCode::kUnprocessable:
      return "unprocessable";
    case ErrorCode::kTooManyRequests:
      return "too_many_requests";
    case ErrorCode::kUriTooLong:
      return "uri_too_long";
    case ErrorCode::kHeadersTooLarge:
      return "headers_too_large";
    case ErrorCode::kHttpVersion:
      return "http_version_not_supported";
    case ErrorCode::kInternal:
      return "internal";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kRetryable:
      return "retryable";
  }
  return "internal";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string s(ErrorCodeName(code_));
  s += " (" + reason_ + "): " + message_;
  for (const auto& [field, msg] : fields_) s += "; " + field + ": " + msg;
  return s;
}

}  // namespace bsg
