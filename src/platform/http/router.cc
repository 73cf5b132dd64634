// Route patterns, the segment trie that matches request paths to routes, route validation, and
// route policies (who may call a route).
#include "platform/http/router.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "platform/http/http_internal.h"

namespace bsg::http {
namespace {

enum class SegmentKind { kLiteral, kText, kInt };

struct Segment {
  SegmentKind kind = SegmentKind::kLiteral;
  std::string text;    // the literal, or the parameter name
  std::string suffix;  // parameters only: literal text after the parameter ("{id:int}.ics")
};

struct ParsedPattern {
  std::vector<Segment> segments;
  std::string error;  // empty when the pattern is well-formed
};

// Deeper paths are answered 404 without a search.
constexpr std::size_t kMaxSegments = 32;

bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }

ParsedPattern ParsePattern(std::string_view pattern) {
  ParsedPattern out;
  if (pattern.empty() || pattern.front() != '/') {
    out.error = "a pattern must start with '/'";
    return out;
  }
  if (pattern == "/") return out;
  std::string_view rest = pattern.substr(1);
  std::set<std::string> names;
  while (true) {
    std::size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    if (seg.empty()) {
      out.error = "empty path segment";
      return out;
    }
    Segment s;
    if (seg.front() == '{') {
      std::size_t close = seg.find('}');
      if (close == std::string_view::npos || close < 2) {
        out.error = "a parameter must be {name} or {name:int}, optionally followed by a suffix";
        return out;
      }
      std::string_view inner = seg.substr(1, close - 1);
      std::string_view suffix = seg.substr(close + 1);
      for (char c : suffix) {
        if (c == '{' || c == '}' || c == '?' || c == '#' || c == '%' || c == ' ') {
          out.error = "bad character '" + std::string(1, c) + "' after parameter in '" +
                      std::string(seg) + "'";
          return out;
        }
      }
      s.suffix = std::string(suffix);
      std::size_t colon = inner.find(':');
      std::string_view name = inner.substr(0, colon);
      s.kind = SegmentKind::kText;
      if (colon != std::string_view::npos) {
        std::string_view type = inner.substr(colon + 1);
        if (type != "int") {
          out.error = "unknown parameter type '" + std::string(type) + "' (only int)";
          return out;
        }
        s.kind = SegmentKind::kInt;
      }
      if (name.empty() || !IsNameStart(name.front())) {
        out.error = "bad parameter name '" + std::string(name) + "'";
        return out;
      }
      for (char c : name) {
        if (!IsNameChar(c)) {
          out.error = "bad parameter name '" + std::string(name) + "'";
          return out;
        }
      }
      s.text = std::string(name);
      if (!names.insert(s.text).second) {
        out.error = "parameter '" + s.text + "' appears twice";
        return out;
      }
    } else {
      for (char c : seg) {
        if (c == '{' || c == '}' || c == '?' || c == '#' || c == '%' || c == ' ') {
          out.error =
              "bad character '" + std::string(1, c) + "' in segment '" + std::string(seg) + "'";
          return out;
        }
      }
      s.text = std::string(seg);
    }
    out.segments.push_back(std::move(s));
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }
  if (out.segments.size() > kMaxSegments) out.error = "too many segments";
  return out;
}

// "/api/x/{int}/y.{text}.ics": what decides which requests a pattern matches (parameter names
// do not).
std::string Shape(const ParsedPattern& p) {
  std::string out;
  for (const Segment& s : p.segments) {
    out += '/';
    switch (s.kind) {
      case SegmentKind::kLiteral:
        out += s.text;
        break;
      case SegmentKind::kInt:
        out += "{int}" + s.suffix;
        break;
      case SegmentKind::kText:
        out += "{text}" + s.suffix;
        break;
    }
  }
  return out.empty() ? "/" : out;
}

unsigned MethodBit(Method m) { return 1u << static_cast<unsigned>(m); }

constexpr std::array<Method, 7> kAllMethods = {Method::kGet,    Method::kHead,  Method::kPost,
                                               Method::kPut,    Method::kPatch, Method::kDelete,
                                               Method::kOptions};

std::string RouteName(const Route& r) {
  return std::string(MethodName(r.method)) + " " + r.pattern;
}

}  // namespace

struct Router::Index {
  struct Node {
    struct Param {
      SegmentKind kind;
      std::string suffix;
      std::unique_ptr<Node> node;
    };
    std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
    // Tried in order: longer suffixes first, then int before text.
    std::vector<Param> params;
    std::vector<std::size_t> routes;  // indices into routes_ of routes ending here
  };

  Node root;
  std::vector<ParsedPattern> parsed;  // parallel to routes_

  void Add(std::size_t index, const std::string& pattern) {
    parsed.push_back(ParsePattern(pattern));
    const ParsedPattern& p = parsed.back();
    if (!p.error.empty()) return;
    Node* node = &root;
    for (const Segment& s : p.segments) {
      std::unique_ptr<Node>* next = nullptr;
      if (s.kind == SegmentKind::kLiteral) {
        auto it = node->literals.find(s.text);
        if (it == node->literals.end()) {
          it = node->literals.emplace(s.text, std::make_unique<Node>()).first;
        }
        next = &it->second;
      } else {
        for (Node::Param& param : node->params) {
          if (param.kind == s.kind && param.suffix == s.suffix) next = &param.node;
        }
        if (next == nullptr) {
          node->params.push_back({s.kind, s.suffix, nullptr});
          std::stable_sort(node->params.begin(), node->params.end(),
                           [](const Node::Param& a, const Node::Param& b) {
                             if (a.suffix.size() != b.suffix.size()) {
                               return a.suffix.size() > b.suffix.size();
                             }
                             return a.kind == SegmentKind::kInt && b.kind != SegmentKind::kInt;
                           });
          for (Node::Param& param : node->params) {
            if (param.kind == s.kind && param.suffix == s.suffix) next = &param.node;
          }
        }
      }
      if (!*next) *next = std::make_unique<Node>();
      node = next->get();
    }
    node->routes.push_back(index);
  }
};

namespace {

struct Search {
  const std::vector<Route>* routes;
  Method method;
  std::array<std::string_view, kMaxSegments> segments;
  std::size_t count = 0;
  unsigned allowed = 0;  // methods of every pattern matching the path
  std::size_t found = 0;

  template <typename Node>
  bool Walk(const Node& node, std::size_t i) {
    if (i == count) {
      const std::size_t kNone = static_cast<std::size_t>(-1);
      std::size_t get = kNone;
      for (std::size_t idx : node.routes) {
        Method m = (*routes)[idx].method;
        allowed |= MethodBit(m);
        if (m == method) {
          found = idx;
          return true;
        }
        if (m == Method::kGet) get = idx;
      }
      if (get != kNone) {
        allowed |= MethodBit(Method::kHead);
        if (method == Method::kHead) {
          found = get;
          return true;
        }
      }
      return false;
    }
    std::string_view seg = segments[i];
    if (auto it = node.literals.find(seg); it != node.literals.end()) {
      if (Walk(*it->second, i + 1)) return true;
    }
    for (const auto& param : node.params) {
      if (seg.size() <= param.suffix.size() || !seg.ends_with(param.suffix)) continue;
      std::string_view value = seg.substr(0, seg.size() - param.suffix.size());
      if (param.kind == SegmentKind::kInt && !internal::ParseInt64(value)) continue;
      if (Walk(*param.node, i + 1)) return true;
    }
    return false;
  }
};

}  // namespace

Router::Router() : index_(std::make_unique<Index>()) {}
Router::~Router() = default;
Router::Router(Router&& other) noexcept = default;
Router& Router::operator=(Router&& other) noexcept = default;

Router::Router(const Router& other) : routes_(other.routes_), index_(std::make_unique<Index>()) {
  for (std::size_t i = 0; i < routes_.size(); ++i) index_->Add(i, routes_[i].pattern);
}

Router& Router::operator=(const Router& other) {
  if (this != &other) {
    Router copy(other);
    *this = std::move(copy);
  }
  return *this;
}

void Router::Add(Route route) {
  if (!index_) index_ = std::make_unique<Index>();
  routes_.push_back(std::move(route));
  index_->Add(routes_.size() - 1, routes_.back().pattern);
}

Status Router::Validate() const {
  std::map<std::string, std::size_t> by_method_shape;  // "GET /api/x/{int}" -> route index
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const Route& r = routes_[i];
    const std::string name = RouteName(r);
    if (!r.policy) {
      return Status(ErrorCode::kInternal, "router.missing_policy",
                    "Route " + name + " has no policy.");
    }
    if (!r.handler) {
      return Status(ErrorCode::kInternal, "router.missing_handler",
                    "Route " + name + " has no handler.");
    }
    const ParsedPattern& p = index_->parsed[i];
    if (!p.error.empty()) {
      return Status(ErrorCode::kInternal, "router.bad_pattern",
                    "Route " + name + " has a bad pattern: " + p.error + ".");
    }
    if (!(r.pattern.starts_with("/api/") || r.pattern == "/metrics")) {
      return Status(ErrorCode::kInternal, "router.bad_pattern",
                    "Route " + name + " is outside /api/ and would never be reached.");
    }
    auto [dup, inserted] =
        by_method_shape.emplace(std::string(MethodName(r.method)) + " " + Shape(p), i);
    if (!inserted) {
      return Status(ErrorCode::kInternal, "router.duplicate_route",
                    "Route " + name + " duplicates " + RouteName(routes_[dup->second]) + ".");
    }
  }
  return Status::Ok();
}

Result<Router::Match> Router::Find(Method method, const std::string& path) const {
  Search search;
  search.routes = &routes_;
  search.method = method;
  bool too_deep = false;
  if (path.empty() || path.front() != '/' || !index_) {
    too_deep = true;
  } else if (path.size() > 1) {
    std::string_view rest = std::string_view(path).substr(1);
    while (true) {
      if (search.count == kMaxSegments) {
        too_deep = true;
        break;
      }
      std::size_t slash = rest.find('/');
      search.segments[search.count++] = rest.substr(0, slash);
      if (slash == std::string_view::npos) break;
      rest = rest.substr(slash + 1);
    }
  }
  if (!too_deep && search.Walk(index_->root, 0)) {
    Match match;
    match.route = &routes_[search.found];
    const ParsedPattern& p = index_->parsed[search.found];
    for (std::size_t i = 0; i < p.segments.size(); ++i) {
      const Segment& seg = p.segments[i];
      if (seg.kind != SegmentKind::kLiteral) {
        std::string_view value = search.segments[i];
        value.remove_suffix(seg.suffix.size());
        match.path_params.emplace(seg.text, std::string(value));
      }
    }
    return match;
  }
  if (search.allowed != 0) {
    std::string allow;
    for (Method m : kAllMethods) {
      if (search.allowed & MethodBit(m)) {
        if (!allow.empty()) allow += ", ";
        allow += MethodName(m);
      }
    }
    return Status(ErrorCode::kMethodNotAllowed, "route.method_not_allowed",
                  "This endpoint does not accept " + std::string(MethodName(method)) + ".",
                  {{std::string(kAllowField), allow}});
  }
  return Status::NotFound("route.not_found", "There is no API endpoint at this path.");
}

Status Policy::Check(const std::optional<Principal>& principal, const Request& request) const {
  if (is_public) return Status::Ok();
  if (!principal) return Status::Unauthenticated("auth.required", "Sign in to continue.");
  if (roles.empty()) return Status::Ok();
  const bool scoped = !scoped_role.empty() && !country_param.empty();
  bool scoped_role_held = false;
  bool other_role = false;
  for (const std::string& role : roles) {
    if (!principal->HasRole(role)) continue;
    if (scoped && role == scoped_role) {
      scoped_role_held = true;
    } else {
      other_role = true;
    }
  }
  if (!scoped_role_held && !other_role) {
    return Status::PermissionDenied("auth.forbidden", "You do not have permission to do this.");
  }
  if (other_role) return Status::Ok();
  // Only the scoped role lets the caller in: the request must be about its own country.
  std::optional<std::string> value;
  if (auto it = request.path_params.find(country_param); it != request.path_params.end()) {
    value = it->second;
  } else {
    value = request.Query(country_param);
  }
  if (!value || !principal->country || !internal::EqualsIgnoreCase(*value, *principal->country)) {
    return Status::PermissionDenied("auth.out_of_scope",
                                    "This request is outside the country you represent.");
  }
  return Status::Ok();
}

std::string Policy::Describe() const {
  if (is_public) return "public";
  if (roles.empty()) return "signed in";
  std::string out = "roles: ";
  bool first = true;
  for (const std::string& role : roles) {
    if (!first) out += ", ";
    out += role;
    first = false;
  }
  if (!scoped_role.empty() && !country_param.empty() && roles.count(scoped_role) > 0) {
    out += "; " + scoped_role + " only for its own country (parameter '" + country_param + "')";
  }
  return out;
}

}  // namespace bsg::http
