// Generation of the OpenAPI 3.1 document from the router (see openapi.h).
#include "platform/http/openapi.h"

#include <map>
#include <set>
#include <vector>

#include "platform/http/http_internal.h"

namespace bsg::http {
namespace {

using Json = nlohmann::ordered_json;

struct PathParam {
  std::string name;
  bool is_int = false;
  std::string suffix;  // literal text after the parameter in its segment
};

std::vector<std::string_view> SplitSegments(std::string_view pattern) {
  std::vector<std::string_view> out;
  if (!pattern.empty() && pattern.front() == '/') pattern.remove_prefix(1);
  while (!pattern.empty()) {
    std::size_t slash = pattern.find('/');
    out.push_back(pattern.substr(0, slash));
    if (slash == std::string_view::npos) break;
    pattern = pattern.substr(slash + 1);
  }
  return out;
}

bool IsParam(std::string_view seg) {
  return seg.size() >= 3 && seg.front() == '{' && seg.find('}') != std::string_view::npos;
}

PathParam ParamOf(std::string_view seg) {
  std::size_t close = seg.find('}');
  std::string_view inner = seg.substr(1, close - 1);
  std::size_t colon = inner.find(':');
  PathParam p;
  p.name = std::string(inner.substr(0, colon));
  p.is_int = colon != std::string_view::npos && inner.substr(colon + 1) == "int";
  p.suffix = std::string(seg.substr(close + 1));
  return p;
}

// "/api/x/{}.ics": the OpenAPI view of a path, where parameter names and types do not count.
std::string TemplateShape(std::string_view pattern) {
  std::string out;
  for (std::string_view seg : SplitSegments(pattern)) {
    out += '/';
    out += IsParam(seg) ? "{}" + ParamOf(seg).suffix : std::string(seg);
  }
  return out.empty() ? "/" : out;
}

// The pattern's path with its parameters renamed, in order, to `names`.
std::string PathWithNames(std::string_view pattern, const std::vector<std::string>& names) {
  std::string out;
  std::size_t n = 0;
  for (std::string_view seg : SplitSegments(pattern)) {
    out += '/';
    if (IsParam(seg)) {
      PathParam p = ParamOf(seg);
      out += '{' + (n < names.size() ? names[n] : p.name) + '}' + p.suffix;
      ++n;
    } else {
      out += seg;
    }
  }
  return out.empty() ? "/" : out;
}

std::vector<PathParam> PathParams(std::string_view pattern) {
  std::vector<PathParam> out;
  for (std::string_view seg : SplitSegments(pattern)) {
    if (IsParam(seg)) out.push_back(ParamOf(seg));
  }
  return out;
}

// "event_types" / "openapi.json" -> "EventTypes" / "OpenapiJson".
std::string CamelWords(std::string_view text) {
  std::string out;
  bool upper = true;
  for (char c : text) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) {
      upper = true;
      continue;
    }
    if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    out.push_back(c);
    upper = false;
  }
  return out;
}

std::string LowerMethod(Method m) { return internal::ToLower(MethodName(m)); }

Json ErrorRef() {
  return Json{{"application/json", Json{{"schema", Json{{"$ref", "#/components/schemas/Error"}}}}}};
}

Json ErrorSchema() {
  return Json{
      {"type", "object"},
      {"description", "The body of every error response."},
      {"required", Json::array({"code", "reason", "message", "fields"})},
      {"properties",
       Json{{"code", Json{{"type", "integer"}, {"description", "The HTTP status code."}}},
            {"reason",
             Json{{"type", "string"},
                  {"description", "A stable dotted name of the failure, e.g. auth.required."}}},
            {"message", Json{{"type", "string"}, {"description", "For the person reading it."}}},
            {"fields", Json{{"type", "object"},
                            {"description", "Messages per input field."},
                            {"additionalProperties", Json{{"type", "string"}}}}}}},
  };
}

std::string StatusDescription(int status) {
  std::string_view phrase = internal::ReasonPhrase(status);
  return phrase == "Unknown" ? "Status " + std::to_string(status) : std::string(phrase);
}

// `names`: the path parameter names shared by every operation on this OpenAPI path.
Json Operation(const Route& route, const std::string& operation_id,
               const std::vector<std::string>& names) {
  const RouteDoc& doc = route.doc;
  const bool is_public = route.policy && route.policy->is_public;
  std::vector<PathParam> path_params = PathParams(route.pattern);
  for (std::size_t i = 0; i < path_params.size() && i < names.size(); ++i) {
    path_params[i].name = names[i];
  }

  Json op = Json::object();
  op["operationId"] = operation_id;
  op["summary"] = doc.summary.empty()
                      ? std::string(MethodName(route.method)) + " " + OpenApiPath(route.pattern)
                      : doc.summary;
  op["tags"] = Json::array({doc.tag.empty() ? "other" : doc.tag});

  Json params = Json::array();
  for (const PathParam& p : path_params) {
    Json schema =
        p.is_int ? Json{{"type", "integer"}, {"format", "int64"}} : Json{{"type", "string"}};
    params.push_back(
        Json{{"name", p.name}, {"in", "path"}, {"required", true}, {"schema", schema}});
  }
  for (const ParamDoc& q : doc.query_params) {
    Json schema = Json{{"type", q.type}};
    if (q.enum_values) schema["enum"] = Json::parse(q.enum_values->dump());
    Json param = Json{{"name", q.name}, {"in", "query"}, {"required", q.required}};
    if (!q.description.empty()) param["description"] = q.description;
    param["schema"] = schema;
    params.push_back(std::move(param));
  }
  if (!params.empty()) op["parameters"] = std::move(params);

  std::set<int> errors(doc.error_statuses.begin(), doc.error_statuses.end());
  if (doc.request_schema) {
    op["requestBody"] = Json{
        {"required", true},
        {"content",
         Json{{"application/json", Json{{"schema", Json::parse(doc.request_schema->dump())}}}}}};
    errors.insert({400, 413, 415});
  }
  if (!is_public) errors.insert({401, 403});
  if (!path_params.empty()) errors.insert(404);
  if (route.cost == Cost::kHeavy) {
    // Built on the heavy workers: a full queue is 503, an anonymous address over its allowance
    // of documents 429; answers carry an ETag, and If-None-Match gets 304.
    errors.insert({429, 503});
    op["x-bsg-cost"] = "heavy";
  }
  if (route.versioned) {
    // Answered from the server's read cache while the data stays the same: an ETag naming the
    // data version, and 304 for If-None-Match.
    op["x-bsg-versioned"] = true;
  }
  bool has_4xx = false;
  for (int s : errors) has_4xx = has_4xx || (s >= 400 && s < 500);
  if (!has_4xx) errors.insert(400);

  Json responses = Json::object();
  Json success = Json{{"description", StatusDescription(doc.success_status)}};
  if (doc.success_status != 204 && doc.success_status != 304) {
    Json schema = Json::parse(doc.response_schema.dump());
    if (schema.empty() && !doc.response_content_type.starts_with("application/json")) {
      schema = Json{{"type", "string"}};
    }
    success["content"] = Json{{doc.response_content_type, Json{{"schema", schema}}}};
  }
  responses[std::to_string(doc.success_status)] = std::move(success);
  for (int s : errors) {
    if (s == doc.success_status) continue;
    responses[std::to_string(s)] =
        Json{{"description", StatusDescription(s)}, {"content", ErrorRef()}};
  }
  op["responses"] = std::move(responses);

  if (is_public) {
    op["security"] = Json::array();
  } else {
    op["security"] =
        Json::array({Json{{"session", Json::array()}}, Json{{"bearer", Json::array()}}});
  }
  op["x-bsg-policy"] = route.policy ? route.policy->Describe() : std::string("none");
  return op;
}

}  // namespace

std::string OpenApiPath(std::string_view pattern) { return PathWithNames(pattern, {}); }

std::string OperationIdFor(Method method, std::string_view pattern) {
  std::string out = LowerMethod(method);
  std::vector<std::string_view> segs = SplitSegments(pattern);
  std::size_t start = (!segs.empty() && segs.front() == "api") ? 1 : 0;
  for (std::size_t i = start; i < segs.size(); ++i) {
    if (IsParam(segs[i])) {
      PathParam p = ParamOf(segs[i]);
      out += "By" + CamelWords(p.name) + CamelWords(p.suffix);
    } else {
      out += CamelWords(segs[i]);
    }
  }
  if (out == LowerMethod(method)) out += "Root";
  return out;
}

nlohmann::ordered_json BuildOpenApi(const Router& router, const OpenApiInfo& info) {
  Json doc = Json::object();
  doc["openapi"] = "3.1.0";
  doc["info"] =
      Json{{"title", info.title},
           {"version", info.version},
           {"description", info.description},
           {"license", Json{{"name", "AGPL-3.0-or-later"}, {"identifier", "AGPL-3.0-or-later"}}}};
  doc["servers"] = Json::array({Json{{"url", "/"}, {"description", "This server"}}});

  std::set<std::string> tags;
  std::set<std::string> used_ids;
  bool any_private = false;
  // OpenAPI allows one path per template shape ("/x/{id}" and "/x/{name}" are the same path),
  // so routes of one shape share the first route's parameter names. Two routes of one shape and
  // method (an int and a text parameter at the same place) cannot both be operations: the later
  // one is described on the earlier one.
  struct PathEntry {
    std::string key;
    std::vector<std::string> names;
  };
  std::map<std::string, PathEntry> by_shape;
  // std::map keeps paths sorted, so the document is stable whatever the registration order.
  std::map<std::string, Json> paths;
  for (const Route& route : router.routes()) {
    auto [entry, fresh] = by_shape.emplace(TemplateShape(route.pattern), PathEntry{});
    if (fresh) {
      for (const PathParam& p : PathParams(route.pattern)) entry->second.names.push_back(p.name);
      entry->second.key = PathWithNames(route.pattern, entry->second.names);
    }
    Json& item = paths[entry->second.key];
    if (item.is_null()) item = Json::object();
    const std::string method = LowerMethod(route.method);
    if (item.contains(method)) {
      Json& existing = item[method];
      std::string note = "Also answers `" + std::string(MethodName(route.method)) + " " +
                         OpenApiPath(route.pattern) + "`";
      if (!route.doc.summary.empty()) note += ": " + route.doc.summary;
      if (existing.contains("description")) {
        note = existing["description"].get<std::string>() + "\n\n" + note;
      }
      existing["description"] = note;
      continue;
    }
    std::string id = OperationIdFor(route.method, route.pattern);
    if (!used_ids.insert(id).second) {
      for (int n = 2;; ++n) {
        std::string candidate = id + std::to_string(n);
        if (used_ids.insert(candidate).second) {
          id = candidate;
          break;
        }
      }
    }
    tags.insert(route.doc.tag.empty() ? "other" : route.doc.tag);
    if (!(route.policy && route.policy->is_public)) any_private = true;
    item[method] = Operation(route, id, entry->second.names);
  }

  Json tag_list = Json::array();
  for (const std::string& t : tags) {
    tag_list.push_back(Json{{"name", t}, {"description", "Operations of the " + t + " module."}});
  }
  doc["tags"] = std::move(tag_list);
  Json path_obj = Json::object();
  for (auto& [path, item] : paths) path_obj[path] = std::move(item);
  doc["paths"] = std::move(path_obj);

  Json components = Json::object();
  components["schemas"] = Json{{"Error", ErrorSchema()}};
  if (any_private) {
    components["securitySchemes"] =
        Json{{"session", Json{{"type", "apiKey"},
                              {"in", "cookie"},
                              {"name", "bsg_session"},
                              {"description", "The session cookie set by signing in."}}},
             {"bearer", Json{{"type", "http"},
                             {"scheme", "bearer"},
                             {"description", "An API token: Authorization: Bearer <token>."}}}};
  }
  doc["components"] = std::move(components);
  return doc;
}

}  // namespace bsg::http
