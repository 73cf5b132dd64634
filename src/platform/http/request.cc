// Request accessors: headers, cookies, query and path parameters, the JSON body.
#include "platform/http/request.h"

#include <stdexcept>

#include "platform/http/http_internal.h"

namespace bsg::http {
namespace {

// True for application/json and any application/<x>+json, with or without parameters.
bool IsJsonContentType(std::string_view content_type) {
  std::string type =
      internal::ToLower(internal::TrimOws(content_type.substr(0, content_type.find(';'))));
  return type == "application/json" ||
         (type.starts_with("application/") && type.ends_with("+json"));
}

}  // namespace

std::string_view MethodName(Method m) {
  switch (m) {
    case Method::kGet:
      return "GET";
    case Method::kHead:
      return "HEAD";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
    case Method::kOptions:
      return "OPTIONS";
  }
  return "GET";
}

bool IsStateChanging(Method m) {
  return m == Method::kPost || m == Method::kPut || m == Method::kPatch || m == Method::kDelete;
}

std::optional<std::string> Request::Header(std::string_view name) const {
  auto it = headers.find(internal::ToLower(name));
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
  auto it = headers.find("cookie");
  if (it == headers.end()) return std::nullopt;
  std::string_view rest = it->second;
  while (!rest.empty()) {
    std::size_t semi = rest.find(';');
    std::string_view pair = internal::TrimOws(rest.substr(0, semi));
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (internal::TrimOws(pair.substr(0, eq)) != name) continue;
    std::string_view value = internal::TrimOws(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return std::string(value);
  }
  return std::nullopt;
}

std::optional<std::string> Request::Query(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

Result<std::optional<std::int64_t>> Request::QueryInt(std::string_view name) const {
  std::optional<std::string> text = Query(name);
  if (!text) return std::optional<std::int64_t>();
  std::optional<std::int64_t> v = internal::ParseInt64(*text);
  if (!v) {
    return Status::InvalidArgument(
        "request.bad_query", "The query parameter '" + std::string(name) + "' must be an integer.",
        {{std::string(name), "must be an integer"}});
  }
  return std::optional<std::int64_t>(*v);
}

std::int64_t Request::PathInt(std::string_view name) const {
  std::optional<std::int64_t> v = internal::ParseInt64(PathText(name));
  if (!v) {
    throw std::logic_error("path parameter '" + std::string(name) + "' is not an integer");
  }
  return *v;
}

const std::string& Request::PathText(std::string_view name) const {
  auto it = path_params.find(std::string(name));
  if (it == path_params.end()) {
    throw std::logic_error("route has no path parameter '" + std::string(name) + "'");
  }
  return it->second;
}

Result<nlohmann::json> Request::JsonBody() const {
  auto ct = headers.find("content-type");
  if (ct == headers.end() || !IsJsonContentType(ct->second)) {
    return Status(ErrorCode::kUnsupportedMedia, "request.unsupported_media_type",
                  "The request body must be JSON (Content-Type: application/json).");
  }
  if (body.empty()) {
    return Status::InvalidArgument("request.bad_json", "The request body is empty; JSON expected.");
  }
  try {
    return nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    return Status::InvalidArgument(
        "request.bad_json",
        "The request body is not valid JSON (at byte " + std::to_string(e.byte) + ").");
  }
}

}  // namespace bsg::http
