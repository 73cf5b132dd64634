// Helpers modules' HTTP handlers share: paging, route registration with documentation, query
// parameter documentation, JSON Schema fragments, reading typed members of JSON bodies.
// Header-only; no state.
#ifndef BSG_PLATFORM_HTTP_API_UTIL_H_
#define BSG_PLATFORM_HTTP_API_UTIL_H_

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/http/request.h"
#include "platform/http/response.h"
#include "platform/http/router.h"
#include "platform/status.h"
#include "platform/text.h"

namespace bsg::http::api_util {

using nlohmann::json;

struct Paging {
  std::int64_t limit = 50;
  std::int64_t offset = 0;
};

inline constexpr std::int64_t kMaxLimit = 500;

// limit (1..500, default 50) and offset (>= 0, default 0); InvalidArgument naming the field.
inline Result<Paging> ReadPaging(const http::Request& request) {
  Paging p;
  BSG_ASSIGN_OR_RETURN(auto limit, request.QueryInt("limit"));
  BSG_ASSIGN_OR_RETURN(auto offset, request.QueryInt("offset"));
  if (limit) {
    if (*limit < 1 || *limit > kMaxLimit) {
      return Status::InvalidArgument("request.bad_query", "limit is out of range",
                                     {{"limit", "must be between 1 and 500"}});
    }
    p.limit = *limit;
  }
  if (offset) {
    if (*offset < 0) {
      return Status::InvalidArgument("request.bad_query", "offset is out of range",
                                     {{"offset", "must be 0 or more"}});
    }
    p.offset = *offset;
  }
  return p;
}

// A documented query parameter; `values` lists the allowed ones.
inline http::ParamDoc Param(std::string name, std::string type, std::string description,
                            std::optional<json> values = std::nullopt) {
  http::ParamDoc p;
  p.name = std::move(name);
  p.type = std::move(type);
  p.description = std::move(description);
  p.enum_values = std::move(values);
  return p;
}

// InvalidArgument(request.bad_query) naming the parameter.
inline Status BadQuery(const std::string& field, const std::string& why) {
  return Status::InvalidArgument("request.bad_query", "bad query parameter " + field + ": " + why,
                                 {{field, why}});
}

// A yes/no query parameter: "true"/"1" or "false"/"0"/absent; else 400 naming it.
inline Result<bool> QueryBool(const http::Request& request, const std::string& name) {
  std::optional<std::string> text = request.Query(name);
  if (!text || text->empty() || *text == "false" || *text == "0") return false;
  if (*text == "true" || *text == "1") return true;
  return BadQuery(name, "must be true or false");
}

// A text query parameter (a search): 400 request.bad_query naming it when it is not text the
// platform stores (ValidateText: invalid UTF-8 such as "%ff", control characters), so that a
// search for it fails instead of quietly matching everything.
inline Result<std::optional<std::string>> QueryText(const http::Request& request,
                                                    const std::string& name) {
  std::optional<std::string> value = request.Query(name);
  if (value) {
    if (auto why = ValidateText(*value, false)) return BadQuery(name, *why);
  }
  return value;
}

inline std::vector<http::ParamDoc> PagingParams(std::vector<http::ParamDoc> more = {}) {
  more.push_back({"limit", "integer", false, "page size, 1 to 500 (default 50)", std::nullopt});
  more.push_back({"offset", "integer", false, "rows to skip (default 0)", std::nullopt});
  return more;
}

// ---- JSON Schema fragments
inline json Str() { return {{"type", "string"}}; }
inline json NullableStr() { return {{"type", {"string", "null"}}}; }
inline json Int() { return {{"type", "integer"}}; }
inline json NullableInt() { return {{"type", {"integer", "null"}}}; }
inline json Bool() { return {{"type", "boolean"}}; }
inline json Num() { return {{"type", "number"}}; }
inline json Enum(std::vector<std::string> values) { return {{"type", "string"}, {"enum", values}}; }
inline json ArrayOf(json items) { return {{"type", "array"}, {"items", std::move(items)}}; }
inline json Object(json properties, std::vector<std::string> required = {}) {
  json o = {{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) o["required"] = required;
  return o;
}
// {items, total, limit, offset}
inline json PageOf(json item) {
  return Object(
      {{"items", ArrayOf(std::move(item))}, {"total", Int()}, {"limit", Int()}, {"offset", Int()}},
      {"items", "total", "limit", "offset"});
}

inline http::RouteDoc Doc(std::string tag, std::string summary, json response,
                          std::vector<int> errors = {}, std::vector<http::ParamDoc> query = {},
                          std::optional<json> request = std::nullopt, int success = 200) {
  http::RouteDoc d;
  d.tag = std::move(tag);
  d.summary = std::move(summary);
  d.response_schema = std::move(response);
  d.error_statuses = std::move(errors);
  d.query_params = std::move(query);
  d.request_schema = std::move(request);
  d.success_status = success;
  return d;
}

// A route with its method, pattern, policy, documentation and handler; the rest defaulted.
inline http::Route MakeRoute(http::Method method, std::string pattern, http::Policy policy,
                             http::RouteDoc doc, http::Handler handler) {
  http::Route r;
  r.method = method;
  r.pattern = std::move(pattern);
  r.policy = std::move(policy);
  r.doc = std::move(doc);
  r.handler = std::move(handler);
  return r;
}

inline void AddRoute(http::Router& router, http::Method method, std::string pattern,
                     http::Policy policy, http::RouteDoc doc, http::Handler handler,
                     http::Cost cost = http::Cost::kCheap,
                     std::function<std::optional<http::Response>(http::Request&)> cached = {}) {
  http::Route r =
      MakeRoute(method, std::move(pattern), std::move(policy), std::move(doc), std::move(handler));
  r.cost = cost;
  r.cached = std::move(cached);
  router.Add(std::move(r));
}

// A GET the server answers from its cache of versioned reads while the data stays the same
// (Route::versioned): the answer depends only on the path and query, the caller, today's date and
// the modules' data, never on identity's records.
inline void AddRead(http::Router& router, std::string pattern, http::Policy policy,
                    http::RouteDoc doc, http::Handler handler) {
  http::Route r = MakeRoute(http::Method::kGet, std::move(pattern), std::move(policy),
                            std::move(doc), std::move(handler));
  r.versioned = true;
  router.Add(std::move(r));
}

// Reads typed members of a JSON object, collecting per-field errors. `known` lists every member
// the request takes: any other is refused ("is not a known field"), as Request::JsonBody already
// refused duplicate keys, control characters and integers beyond 64 bits. Text is one line
// (ValidateText) unless read with MultiLineText.
class Body {
 public:
  Body(json body, std::initializer_list<std::string_view> known) : body_(std::move(body)) {
    if (!body_.is_object()) {
      fields_["body"] = "must be a JSON object";
      return;
    }
    for (const auto& [key, value] : body_.items()) {
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        unknown_[key] = "is not a known field";
      }
    }
  }
  bool Has(const std::string& key) const { return body_.is_object() && body_.contains(key); }
  std::optional<std::string> Text(const std::string& key) { return ReadText(key, false); }
  std::optional<std::string> MultiLineText(const std::string& key) { return ReadText(key, true); }
  std::optional<std::int64_t> Integer(const std::string& key) {
    if (!Has(key) || body_[key].is_null()) return std::nullopt;
    if (!body_[key].is_number_integer()) {
      fields_[key] = "must be a whole number";
      return std::nullopt;
    }
    return body_[key].get<std::int64_t>();
  }
  std::vector<std::string> TextList(const std::string& key) {
    std::vector<std::string> out;
    if (!Has(key) || body_[key].is_null()) return out;
    if (!body_[key].is_array()) {
      fields_[key] = "must be an array of strings";
      return out;
    }
    for (const auto& v : body_[key]) {
      if (!v.is_string()) {
        fields_[key] = "must be an array of strings";
        return {};
      }
      if (auto why = ValidateText(v.get_ref<const std::string&>(), false)) {
        fields_[key] = "must hold text that " + *why;
        return {};
      }
      out.push_back(v.get<std::string>());
    }
    return out;
  }
  // Unprocessable: request.unknown_field naming the members the request does not take, else
  // request.bad_field naming those of the wrong type or with text the rule refuses.
  Status status() const {
    if (!unknown_.empty()) {
      return Status::Unprocessable("request.unknown_field",
                                   "The body has fields this request does not take.", unknown_);
    }
    if (fields_.empty()) return Status::Ok();
    const std::string first = fields_.begin()->first + " " + fields_.begin()->second;
    return Status::Unprocessable("request.bad_field", "The body is not valid: " + first, fields_);
  }

 private:
  std::optional<std::string> ReadText(const std::string& key, bool multi_line) {
    if (!Has(key) || body_[key].is_null()) return std::nullopt;
    if (!body_[key].is_string()) {
      fields_[key] = "must be a string";
      return std::nullopt;
    }
    if (auto why = ValidateText(body_[key].get_ref<const std::string&>(), multi_line)) {
      fields_[key] = *why;
      return std::nullopt;
    }
    return body_[key].get<std::string>();
  }

  json body_;
  Status::Fields fields_;
  Status::Fields unknown_;
};

// A page as JSON.
template <typename T, typename F>
json PageJson(const std::vector<T>& items, std::int64_t total, const Paging& paging, F&& to_json) {
  json list = json::array();
  for (const auto& item : items) list.push_back(to_json(item));
  return {{"items", std::move(list)},
          {"total", total},
          {"limit", paging.limit},
          {"offset", paging.offset}};
}

}  // namespace bsg::http::api_util

#endif  // BSG_PLATFORM_HTTP_API_UTIL_H_
