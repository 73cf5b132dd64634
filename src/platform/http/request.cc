// Request accessors: headers, cookies, query and path parameters, the JSON body.
#include "platform/http/request.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <stdexcept>
#include <vector>

#include "platform/http/http_internal.h"
#include "platform/http/rate_limit.h"
#include "platform/http/response.h"
#include "platform/text.h"

namespace bsg::http {
namespace {

// True for application/json and any application/<x>+json, with or without parameters.
bool IsJsonContentType(std::string_view content_type) {
  std::string type =
      internal::ToLower(internal::TrimOws(content_type.substr(0, content_type.find(';'))));
  return type == "application/json" ||
         (type.starts_with("application/") && type.ends_with("+json"));
}

// Watches the parser's events for what the JSON grammar allows but no request body may hold: a
// key twice in one object (the parser would keep the last), text that breaks the platform's
// text rule (ValidateText: "\u0000" and other control characters; line breaks are left to the
// decoders, which know the single-line fields), and numbers no 64-bit integer can hold.
class BodyChecker {
 public:
  using json = nlohmann::json;

  void On(json::parse_event_t event, const json& value) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        frames_.push_back({event == json::parse_event_t::object_start,
                           frames_.empty() ? std::string() : Path(),
                           {},
                           "",
                           0});
        break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        if (!frames_.empty()) frames_.pop_back();
        Next();
        break;
      case json::parse_event_t::key: {
        if (frames_.empty() || !value.is_string()) break;
        Frame& f = frames_.back();
        f.key = value.get<std::string>();
        if (!f.keys.insert(f.key).second) duplicates_[Path()] = "appears more than once";
        if (auto why = ValidateText(f.key, false)) bad_[Path()] = "has a name that " + *why;
        break;
      }
      case json::parse_event_t::value:
        CheckValue(value);
        Next();
        break;
    }
  }

  Status status() const {
    if (!duplicates_.empty()) {
      return Status::Unprocessable("request.duplicate_field",
                                   "The body names the same field more than once.", duplicates_);
    }
    if (!bad_.empty()) {
      const std::string first = bad_.begin()->first + " " + bad_.begin()->second;
      return Status::Unprocessable("request.bad_field", "The body is not valid: " + first, bad_);
    }
    return Status::Ok();
  }

 private:
  struct Frame {
    bool object = false;
    std::string path;  // of the container itself
    std::set<std::string> keys;
    std::string key;        // the member being read (objects)
    std::size_t index = 0;  // the element being read (arrays)
  };

  // The dotted path of the value being read: "remote.link", "templates[2].text"; "body" for
  // the top level.
  std::string Path() const {
    if (frames_.empty()) return "body";
    const Frame& f = frames_.back();
    if (f.object) return f.path.empty() ? f.key : f.path + "." + f.key;
    return (f.path.empty() ? std::string("body") : f.path) + "[" + std::to_string(f.index) + "]";
  }

  void Next() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
  }

  void CheckValue(const json& value) {
    if (value.is_string()) {
      const std::string& text = value.get_ref<const std::string&>();
      if (auto why = ValidateText(text, true)) bad_[Path()] = *why;
    } else if (value.is_number_unsigned()) {
      if (value.get<std::uint64_t>() >
          static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        bad_[Path()] = "is out of range (at most a 64-bit integer)";
      }
    } else if (value.is_number_float()) {
      // Integers beyond uint64 come out of the parser as floats: refuse any number of that size.
      if (std::fabs(value.get<double>()) >= 9.2e18) {
        bad_[Path()] = "is out of range (at most a 64-bit integer)";
      }
    }
  }

  std::vector<Frame> frames_;
  Status::Fields duplicates_;
  Status::Fields bad_;
};

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
    BodyChecker checker;
    nlohmann::json parsed = nlohmann::json::parse(
        body, [&checker](int, nlohmann::json::parse_event_t event, nlohmann::json& value) {
          checker.On(event, value);
          return true;
        });
    BSG_RETURN_IF_ERROR(checker.status());
    return parsed;
  } catch (const nlohmann::json::parse_error& e) {
    return Status::InvalidArgument(
        "request.bad_json",
        "The request body is not valid JSON (at byte " + std::to_string(e.byte) + ").");
  }
}

Status Request::AdmitRender() const {
  if (principal || render_limiter == nullptr) return Status::Ok();
  std::optional<int> wait = render_limiter->Take(remote_address);
  if (!wait) return Status::Ok();
  return Status(ErrorCode::kTooManyRequests, "request.rate_limited",
                "Too many documents built for this address; try again in " + std::to_string(*wait) +
                    " s, or sign in.",
                {{std::string(kRetryAfterField), std::to_string(*wait)}});
}

}  // namespace bsg::http
