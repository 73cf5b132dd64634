// Status and Result<T>: how every expected failure travels in BSG Platform.
//
// An operation that can fail in an expected way (bad input, missing record, conflict, permission)
// returns a Status, or a Result<T> holding either a value or a non-ok Status. Exceptions are kept
// for bugs and for the environment failing (out of memory, disk gone), and are caught once at the
// HTTP and CLI boundaries.
//
// A Status carries:
//   code     the error class (ErrorCode); the HTTP layer maps it to a status code in one place.
//   reason   a stable dotted string naming the exact failure ("request.body_too_large"); never
//            reused for another meaning, so clients and tests may match on it.
//   message  for the person reading it; no internal detail (that goes to the log).
//   fields   per-field messages for input errors: {"email": "is not a valid address"}.
//
// Thread-safety: values; safe to copy between threads.
#ifndef BSG_PLATFORM_STATUS_H_
#define BSG_PLATFORM_STATUS_H_

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace bsg {

// The closed list of error classes. Add at the end; never renumber.
enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,   // malformed or invalid input (400)
  kUnauthenticated,   // no valid session or token (401)
  kPermissionDenied,  // authenticated but not allowed (403)
  kNotFound,          // no such record or route (404)
  kMethodNotAllowed,  // route exists, method does not (405)
  kConflict,          // unique or state conflict (409)
  kPayloadTooLarge,   // request body over the limit (413)
  kUriTooLong,        // request line over the limit (414)
  kHeadersTooLarge,   // request header fields over the limits (431)
  kUnsupportedMedia,  // wrong content type (415)
  kUnprocessable,     // well-formed input that breaks a domain rule (422)
  kTooManyRequests,   // rate limited (429)
  kInternal,          // a bug or an environment failure (500)
  kUnavailable,       // a dependency (the database) is unreachable; retry later (503)
  kRetryable,         // a transaction lost a race (busy / serialization); the caller may retry
  kHttpVersion,       // an HTTP version other than 1.x (505)
};

// Returns the lowercase name of `code` ("invalid_argument").
std::string_view ErrorCodeName(ErrorCode code);

class [[nodiscard]] Status {
 public:
  using Fields = std::map<std::string, std::string>;

  Status() = default;
  Status(ErrorCode code, std::string reason, std::string message, Fields fields = {})
      : code_(code),
        reason_(std::move(reason)),
        message_(std::move(message)),
        fields_(std::move(fields)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string reason, std::string message, Fields fields = {}) {
    return {ErrorCode::kInvalidArgument, std::move(reason), std::move(message), std::move(fields)};
  }
  static Status Unauthenticated(std::string reason, std::string message) {
    return {ErrorCode::kUnauthenticated, std::move(reason), std::move(message)};
  }
  static Status PermissionDenied(std::string reason, std::string message) {
    return {ErrorCode::kPermissionDenied, std::move(reason), std::move(message)};
  }
  static Status NotFound(std::string reason, std::string message) {
    return {ErrorCode::kNotFound, std::move(reason), std::move(message)};
  }
  static Status Conflict(std::string reason, std::string message, Fields fields = {}) {
    return {ErrorCode::kConflict, std::move(reason), std::move(message), std::move(fields)};
  }
  static Status Unprocessable(std::string reason, std::string message, Fields fields = {}) {
    return {ErrorCode::kUnprocessable, std::move(reason), std::move(message), std::move(fields)};
  }
  static Status Internal(std::string reason, std::string message) {
    return {ErrorCode::kInternal, std::move(reason), std::move(message)};
  }
  static Status Unavailable(std::string reason, std::string message) {
    return {ErrorCode::kUnavailable, std::move(reason), std::move(message)};
  }
  static Status Retryable(std::string reason, std::string message) {
    return {ErrorCode::kRetryable, std::move(reason), std::move(message)};
  }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& reason() const { return reason_; }
  const std::string& message() const { return message_; }
  const Fields& fields() const { return fields_; }

  // Returns a copy with `message` prefixed by `context: `.
  Status WithContext(std::string_view context) const {
    Status s = *this;
    s.message_ = std::string(context) + ": " + message_;
    return s;
  }

  // "invalid_argument (request.bad_json): message" for logs and the CLI.
  std::string ToString() const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string reason_;
  std::string message_;
  Fields fields_;
};

// Holds either a T or a non-ok Status. Constructing from an ok Status is a bug.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    if (std::get<Status>(v_).ok()) {
      v_ = Status::Internal("internal.ok_status_as_error", "ok status used as an error");
    }
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace bsg

// Propagates a non-ok Status from an expression returning Status.
#define BSG_RETURN_IF_ERROR(expr)              \
  do {                                         \
    ::bsg::Status bsg_status_ = (expr);        \
    if (!bsg_status_.ok()) return bsg_status_; \
  } while (0)

#define BSG_CONCAT_INNER_(a, b) a##b
#define BSG_CONCAT_(a, b) BSG_CONCAT_INNER_(a, b)
// Declares `lhs` from a Result<T> expression, or returns its Status.
#define BSG_ASSIGN_OR_RETURN(lhs, expr) \
  BSG_ASSIGN_OR_RETURN_IMPL_(BSG_CONCAT_(bsg_result_, __LINE__), lhs, expr)
#define BSG_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  if (!tmp.ok()) return tmp.status();              \
  lhs = std::move(tmp).value()

#endif  // BSG_PLATFORM_STATUS_H_
