// Handlers decode the request, call the service and encode the answer; the platform has already
// checked the route's policy and the CSRF token.
#include "modules/identity/api.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string>

#include "modules/identity/json.h"
#include "modules/identity/rules.h"
#include "platform/http/api_util.h"
#include "platform/http/audit_actor.h"
#include "platform/time/timestamp.h"

namespace bsg::identity {
namespace {

using nlohmann::json;

constexpr std::string_view kTag = "identity";
constexpr std::int64_t kMaxPageSize = 200;

// ---- decoding

// Reads typed members of a JSON object body and collects type errors per field.
class BodyReader {
 public:
  explicit BodyReader(json body) : body_(std::move(body)) {}

  std::optional<std::string> String(const std::string& key) {
    auto it = body_.find(key);
    if (it == body_.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) {
      fields_[key] = "must be a string";
      return std::nullopt;
    }
    return it->get<std::string>();
  }
  // Absent: nullopt; null: an empty inner optional.
  std::optional<std::optional<std::string>> NullableString(const std::string& key) {
    auto it = body_.find(key);
    if (it == body_.end()) return std::nullopt;
    if (it->is_null()) return std::optional<std::string>();
    if (!it->is_string()) {
      fields_[key] = "must be a string or null";
      return std::nullopt;
    }
    return std::optional<std::string>(it->get<std::string>());
  }
  std::optional<bool> Bool(const std::string& key) {
    auto it = body_.find(key);
    if (it == body_.end() || it->is_null()) return std::nullopt;
    if (!it->is_boolean()) {
      fields_[key] = "must be true or false";
      return std::nullopt;
    }
    return it->get<bool>();
  }
  std::optional<int> SmallInt(const std::string& key) {
    auto it = body_.find(key);
    if (it == body_.end() || it->is_null()) return std::nullopt;
    if (!it->is_number_integer() || it->get<std::int64_t>() < -1000000 ||
        it->get<std::int64_t>() > 1000000) {
      fields_[key] = "must be a whole number";
      return std::nullopt;
    }
    return static_cast<int>(it->get<std::int64_t>());
  }
  std::optional<std::set<std::string>> StringSet(const std::string& key) {
    auto it = body_.find(key);
    if (it == body_.end() || it->is_null()) return std::nullopt;
    std::set<std::string> out;
    bool ok = it->is_array();
    if (ok) {
      for (const auto& v : *it) {
        if (!v.is_string()) {
          ok = false;
          break;
        }
        out.insert(v.get<std::string>());
      }
    }
    if (!ok) {
      fields_[key] = "must be an array of strings";
      return std::nullopt;
    }
    return out;
  }
  // Unprocessable (request.invalid_field) when a member had the wrong type, as
  // http::api_util::Body.
  Status Finish() {
    if (fields_.empty()) return Status::Ok();
    return Status::Unprocessable("request.invalid_field", "Some fields have the wrong type.",
                                 std::move(fields_));
  }

 private:
  json body_;
  Status::Fields fields_;
};

// The body as a JSON object holding no members but `allowed`. InvalidArgument
// (request.not_an_object) or Unprocessable (request.unknown_field, as http::api_util::Body)
// otherwise.
Result<BodyReader> ReadObject(const http::Request& request,
                              std::initializer_list<std::string_view> allowed) {
  BSG_ASSIGN_OR_RETURN(json body, request.JsonBody());
  if (!body.is_object()) {
    return Status::InvalidArgument("request.not_an_object", "The body must be a JSON object.");
  }
  Status::Fields unknown;
  for (const auto& [key, value] : body.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      unknown[key] = "is not a field of this request";
    }
  }
  if (!unknown.empty()) {
    return Status::Unprocessable("request.unknown_field",
                                 "The body has fields this request does not take.",
                                 std::move(unknown));
  }
  return BodyReader(std::move(body));
}

Result<std::int64_t> PageLimit(const http::Request& request, std::int64_t fallback) {
  BSG_ASSIGN_OR_RETURN(auto limit, request.QueryInt("limit"));
  if (!limit) return fallback;
  if (*limit < 1 || *limit > kMaxPageSize) {
    return Status::InvalidArgument("request.invalid_query", "The limit is out of range.",
                                   {{"limit", "must be between 1 and 200"}});
  }
  return *limit;
}

Result<std::optional<std::string>> QueryTimestamp(const http::Request& request,
                                                  const std::string& name) {
  auto text = request.Query(name);
  if (!text) return std::optional<std::string>();
  auto normalized = time::NormalizeTimestamp(*text);
  if (!normalized) {
    return Status::InvalidArgument(
        "request.invalid_query", "A date is malformed.",
        {{name, "must be a date (2024-05-01) or a UTC time (2024-05-01T09:30:00Z)"}});
  }
  return normalized;
}

// ---- cookies

// Secure when the request came over https as the server establishes it (an https
// server.base_url, or a trusted proxy's X-Forwarded-Proto); never from a client's own header.
bool OverTls(const http::Request& request) { return request.secure; }

std::string Cookie(std::string_view name, const std::string& value, std::int64_t max_age,
                   bool http_only, bool secure) {
  std::string c = std::string(name) + "=" + value + "; Path=/; Max-Age=" + std::to_string(max_age) +
                  "; SameSite=Lax";
  if (http_only) c += "; HttpOnly";
  if (secure) c += "; Secure";
  return c;
}

void SetSessionCookies(http::Response& r, const http::Request& request, const SignInResult& s,
                       std::chrono::seconds lifetime) {
  const bool secure = OverTls(request);
  r.SetHeader("Set-Cookie",
              Cookie(kSessionCookie, s.session_token, lifetime.count(), true, secure));
  r.SetHeader("Set-Cookie", Cookie(kCsrfCookie, s.csrf_token, lifetime.count(), false, secure));
}

void ClearSessionCookies(http::Response& r, const http::Request& request) {
  const bool secure = OverTls(request);
  r.SetHeader("Set-Cookie", Cookie(kSessionCookie, "", 0, true, secure));
  r.SetHeader("Set-Cookie", Cookie(kCsrfCookie, "", 0, false, secure));
}

// ---- documentation helpers

json ObjectSchema(json properties, std::vector<std::string> required = {}) {
  json s = {
      {"type", "object"}, {"additionalProperties", false}, {"properties", std::move(properties)}};
  if (!required.empty()) s["required"] = required;
  return s;
}

json StringProp(std::string description = "") {
  json p = {{"type", "string"}};
  if (!description.empty()) p["description"] = std::move(description);
  return p;
}

json RolesProp() { return {{"type", "array"}, {"items", {{"type", "string"}, {"enum", kRoles}}}}; }

json SessionSchema() {
  return ObjectSchema({{"user", {{"oneOf", json::array({UserSchema(), {{"type", "null"}}})}}},
                       {"csrf_token", {{"type", json::array({"string", "null"})}}}},
                      {"user"});
}

http::RouteDoc Doc(std::string summary, json response_schema, int success = 200,
                   std::vector<int> errors = {}) {
  http::RouteDoc d;
  d.summary = std::move(summary);
  d.tag = std::string(kTag);
  d.response_schema = std::move(response_schema);
  d.success_status = success;
  d.error_statuses = std::move(errors);
  return d;
}

http::RouteDoc Doc(std::string summary, json request_schema, json response_schema, int success,
                   std::vector<int> errors) {
  http::RouteDoc d =
      Doc(std::move(summary), std::move(response_schema), success, std::move(errors));
  d.request_schema = std::move(request_schema);
  return d;
}

http::ParamDoc Param(std::string name, std::string type, std::string description) {
  http::ParamDoc p;
  p.name = std::move(name);
  p.type = std::move(type);
  p.description = std::move(description);
  return p;
}

const http::Principal& Caller(const http::Request& request) {
  // The route's policy guarantees a principal for every handler that calls this.
  return *request.principal;
}

void Add(http::Router& router, http::Method method, std::string pattern, http::Policy policy,
         http::RouteDoc doc, http::Handler handler, bool csrf_exempt = false) {
  http::Route r = http::api_util::MakeRoute(method, std::move(pattern), std::move(policy),
                                            std::move(doc), std::move(handler));
  r.csrf_exempt = csrf_exempt;
  router.Add(std::move(r));
}

}  // namespace

void RegisterIdentityRoutes(http::Router& router, IdentityService& svc) {
  using http::Method;
  using http::Policy;
  using http::Request;
  using http::Response;
  const Policy admin = Policy::Roles({"admin"});
  const Policy staff = Policy::Roles({"admin", "officer"});
  const std::chrono::seconds session_lifetime = svc.options().session_absolute;

  // ---- sessions

  Add(
      router, Method::kPost, "/api/session", Policy::Public(),
      Doc("Sign in with email and password; sets the bsg_session and bsg_csrf cookies",
          ObjectSchema({{"email", StringProp()}, {"password", StringProp()}},
                       {"email", "password"}),
          SessionSchema(), 200, {400, 401, 415, 422, 429}),
      [&svc, session_lifetime](Request& req) -> Result<Response> {
        BSG_ASSIGN_OR_RETURN(BodyReader body, ReadObject(req, {"email", "password"}));
        auto email = body.String("email");
        auto password = body.String("password");
        BSG_RETURN_IF_ERROR(body.Finish());
        BSG_ASSIGN_OR_RETURN(SignInResult s, svc.SignIn(email.value_or(""), password.value_or(""),
                                                        http::ActorFrom(req),
                                                        req.Header("User-Agent").value_or("")));
        Response r = Response::Json({{"user", ToJson(s.user)}, {"csrf_token", s.csrf_token}});
        SetSessionCookies(r, req, s, session_lifetime);
        r.SetHeader("Cache-Control", "no-store");
        return r;
      },
      /*csrf_exempt=*/true);

  Add(router, Method::kGet, "/api/session", Policy::Public(),
      Doc("The signed-in user and the session's CSRF token; user is null when signed out",
          SessionSchema()),
      [&svc](Request& req) -> Result<Response> {
        if (!req.principal) {
          Response r = Response::Json({{"user", nullptr}, {"csrf_token", nullptr}});
          if (req.Cookie(kSessionCookie)) ClearSessionCookies(r, req);
          return r;
        }
        BSG_ASSIGN_OR_RETURN(User user, svc.GetUser(req.principal->user_id));
        BSG_ASSIGN_OR_RETURN(auto csrf, svc.CsrfTokenOf(*req.principal));
        Response r = Response::Json(
            {{"user", ToJson(user)}, {"csrf_token", csrf ? json(*csrf) : json(nullptr)}});
        r.SetHeader("Cache-Control", "no-store");
        return r;
      });

  Add(router, Method::kDelete, "/api/session", Policy::SignedIn(),
      Doc("Sign out: revoke the session and clear its cookies", json::object(), 204),
      [&svc](Request& req) -> Result<Response> {
        BSG_RETURN_IF_ERROR(svc.SignOut(Caller(req), http::ActorFrom(req)));
        Response r = Response::NoContent();
        ClearSessionCookies(r, req);
        return r;
      });

  // ---- users

  {
    http::RouteDoc doc = Doc("List users (admin)",
                             ObjectSchema({{"users", {{"type", "array"}, {"items", UserSchema()}}},
                                           {"total", {{"type", "integer"}}},
                                           {"limit", {{"type", "integer"}}},
                                           {"offset", {{"type", "integer"}}}},
                                          {"users", "total", "limit", "offset"}),
                             200, {400});
    doc.query_params = {
        Param("q", "string", "part of the email address or display name"),
        Param("role", "string", "only users holding this role"),
        Param("disabled", "boolean", "true: only disabled users; false: only enabled"),
        Param("limit", "integer", "page size, 1 to 200 (default 50)"),
        Param("offset", "integer", "users to skip (default 0)")};
    doc.query_params[1].enum_values = json(kRoles);
    http::api_util::AddRead(
        router, "/api/users", admin, std::move(doc), [&svc](Request& req) -> Result<Response> {
          UserFilter f;
          BSG_ASSIGN_OR_RETURN(auto q, http::api_util::QueryText(req, "q"));
          if (q && !q->empty()) f.q = *q;
          if (auto role = req.Query("role"); role && !role->empty()) {
            if (!IsRole(*role)) {
              return Status::InvalidArgument("request.invalid_query", "Unknown role.",
                                             {{"role", "is not a role"}});
            }
            f.role = *role;
          }
          if (auto d = req.Query("disabled")) {
            if (*d == "true" || *d == "1") {
              f.disabled = true;
            } else if (*d == "false" || *d == "0") {
              f.disabled = false;
            } else {
              return Status::InvalidArgument("request.invalid_query", "Malformed filter.",
                                             {{"disabled", "must be true or false"}});
            }
          }
          BSG_ASSIGN_OR_RETURN(f.limit, PageLimit(req, 50));
          BSG_ASSIGN_OR_RETURN(auto offset, req.QueryInt("offset"));
          f.offset = offset.value_or(0);
          if (f.offset < 0) {
            return Status::InvalidArgument("request.invalid_query", "The offset is negative.",
                                           {{"offset", "must be 0 or more"}});
          }
          BSG_ASSIGN_OR_RETURN(UserPage page, svc.ListUsers(f));
          json users = json::array();
          for (const auto& u : page.users) users.push_back(ToJson(u));
          return Response::Json(
              {{"users", users}, {"total", page.total}, {"limit", f.limit}, {"offset", f.offset}});
        });
  }

  Add(router, Method::kPost, "/api/users", admin,
      Doc("Create a user (admin). Without a password, a link to choose one goes to the outbox",
          ObjectSchema({{"email", StringProp()},
                        {"display_name", StringProp()},
                        {"language", {{"type", "string"}, {"enum", kLanguages}}},
                        {"roles", RolesProp()},
                        {"country",
                         {{"type", json::array({"string", "null"})},
                          {"description", "ISO 3166-1 alpha-2; focal points only"}}},
                        {"password", StringProp("at least 12 characters, not a common one")}},
                       {"email", "roles"}),
          UserSchema(), 201, {400, 409, 415, 422}),
      [&svc](Request& req) -> Result<Response> {
        BSG_ASSIGN_OR_RETURN(BodyReader body, ReadObject(req, {"email", "display_name", "language",
                                                               "roles", "country", "password"}));
        CreateUserInput in;
        in.email = body.String("email").value_or("");
        in.display_name = body.String("display_name").value_or("");
        in.language = body.String("language").value_or("en");
        in.roles = body.StringSet("roles").value_or(std::set<std::string>{});
        in.country = body.NullableString("country").value_or(std::nullopt);
        in.password = body.String("password");
        BSG_RETURN_IF_ERROR(body.Finish());
        if (in.email.empty()) {
          return Status::Unprocessable("user.invalid", "Some fields are not valid.",
                                       {{"email", "is required"}});
        }
        BSG_ASSIGN_OR_RETURN(User user, svc.CreateUser(in, http::ActorFrom(req)));
        return Response::Json(ToJson(user), 201);
      });

  http::api_util::AddRead(router, "/api/users/{id:int}", staff,
                          Doc("One user (admin, officer)", UserSchema(), 200, {404}),
                          [&svc](Request& req) -> Result<Response> {
                            BSG_ASSIGN_OR_RETURN(User user, svc.GetUser(req.PathInt("id")));
                            return Response::Json(ToJson(user));
                          });

  Add(router, Method::kPatch, "/api/users/{id:int}", admin,
      Doc("Change a user's name, language, roles, country or disabled flag (admin)",
          ObjectSchema({{"display_name", StringProp()},
                        {"language", {{"type", "string"}, {"enum", kLanguages}}},
                        {"roles", RolesProp()},
                        {"country", {{"type", json::array({"string", "null"})}}},
                        {"disabled", {{"type", "boolean"}}}}),
          UserSchema(), 200, {400, 404, 415, 422}),
      [&svc](Request& req) -> Result<Response> {
        BSG_ASSIGN_OR_RETURN(BodyReader body, ReadObject(req, {"display_name", "language", "roles",
                                                               "country", "disabled"}));
        UserPatch patch;
        patch.display_name = body.String("display_name");
        patch.language = body.String("language");
        patch.roles = body.StringSet("roles");
        patch.country = body.NullableString("country");
        patch.disabled = body.Bool("disabled");
        BSG_RETURN_IF_ERROR(body.Finish());
        BSG_ASSIGN_OR_RETURN(User user,
                             svc.UpdateUser(req.PathInt("id"), patch, http::ActorFrom(req)));
        return Response::Json(ToJson(user));
      });

  // ---- the caller's own account

  Add(router, Method::kPatch, "/api/me", Policy::SignedIn(),
      Doc("Change your display name or language",
          ObjectSchema({{"display_name", StringProp()},
                        {"language", {{"type", "string"}, {"enum", kLanguages}}}}),
          UserSchema(), 200, {400, 415, 422}),
      [&svc](Request& req) -> Result<Response> {
        BSG_ASSIGN_OR_RETURN(BodyReader body, ReadObject(req, {"display_name", "language"}));
        auto name = body.String("display_name");
        auto language = body.String("language");
        BSG_RETURN_IF_ERROR(body.Finish());
        BSG_ASSIGN_OR_RETURN(User user, svc.UpdateProfile(Caller(req).user_id, name, language,
                                                          http::ActorFrom(req)));
        return Response::Json(ToJson(user));
      });

  Add(router, Method::kPut, "/api/me/password", Policy::SignedIn(),
      Doc("Change your password; your other sessions are signed out",
          ObjectSchema({{"current_password", StringProp()}, {"new_password", StringProp()}},
                       {"current_password", "new_password"}),
          json::object(), 204, {400, 415, 422, 429}),
      [&svc](Request& req) -> Result<Response> {
        BSG_ASSIGN_OR_RETURN(BodyReader body,
                             ReadObject(req, {"current_password", "new_password"}));
        auto current = body.String("current_password");
        auto next = body.String("new_password");
        BSG_RETURN_IF_ERROR(body.Finish());
        BSG_RETURN_IF_ERROR(svc.ChangePassword(Caller(req), current.value_or(""), next.value_or(""),
                                               http::ActorFrom(req)));
        return Response::NoContent();
      });

  // ---- password reset

  Add(
      router, Method::kPost, "/api/password-reset", Policy::Public(),
      Doc("Ask for a password reset link; always 202, whether or not the account exists",
          ObjectSchema({{"email", StringProp()}}, {"email"}),
          ObjectSchema({{"message", StringProp()}}), 202, {400, 415, 422}),
      [&svc](Request& req) -> Result<Response> {
        BSG_ASSIGN_OR_RETURN(BodyReader body, ReadObject(req, {"email"}));
        auto email = body.String("email");
        BSG_RETURN_IF_ERROR(body.Finish());
        if (!email || email->empty()) {
          return Status::Unprocessable("user.invalid", "Some fields are not valid.",
                                       {{"email", "is required"}});
        }
        BSG_RETURN_IF_ERROR(svc.RequestPasswordReset(*email, http::ActorFrom(req)));
        return Response::Json({{"message",
                                "If an account has this address, a link to reset its password "
                                "has been sent."}},
                              202);
      },
      /*csrf_exempt=*/true);

  Add(
      router, Method::kPost, "/api/password-reset/confirm", Policy::Public(),
      Doc("Choose a new password with a reset token; signs out every session of the account",
          ObjectSchema({{"token", StringProp()}, {"new_password", StringProp()}},
                       {"token", "new_password"}),
          json::object(), 204, {400, 415, 422}),
      [&svc](Request& req) -> Result<Response> {
        BSG_ASSIGN_OR_RETURN(BodyReader body, ReadObject(req, {"token", "new_password"}));
        auto token = body.String("token");
        auto next = body.String("new_password");
        BSG_RETURN_IF_ERROR(body.Finish());
        BSG_RETURN_IF_ERROR(
            svc.ConfirmPasswordReset(token.value_or(""), next.value_or(""), http::ActorFrom(req)));
        return Response::NoContent();
      },
      /*csrf_exempt=*/true);

  // ---- API tokens

  Add(router, Method::kGet, "/api/tokens", Policy::SignedIn(),
      Doc("Your API tokens (never their secret)",
          ObjectSchema({{"tokens", {{"type", "array"}, {"items", ApiTokenSchema()}}}}, {"tokens"})),
      [&svc](Request& req) -> Result<Response> {
        BSG_ASSIGN_OR_RETURN(auto tokens, svc.ListApiTokens(Caller(req).user_id));
        json items = json::array();
        for (const auto& t : tokens) items.push_back(ToJson(t));
        return Response::Json({{"tokens", items}});
      });

  {
    json created = ApiTokenSchema();
    created["properties"]["token"] = StringProp("the secret, bsg_...; shown only in this response");
    created["required"].push_back("token");
    Add(router, Method::kPost, "/api/tokens", Policy::SignedIn(),
        Doc("Create an API token for scripts (Authorization: Bearer bsg_...)",
            ObjectSchema(
                {{"name", StringProp()},
                 {"scopes",
                  {{"type", "array"},
                   {"items", {{"type", "string"}, {"enum", {"read", "write", "metrics"}}}}}},
                 {"expires_in_days", {{"type", "integer"}, {"minimum", 1}, {"maximum", 365}}}},
                {"name", "scopes"}),
            created, 201, {400, 415, 422}),
        [&svc](Request& req) -> Result<Response> {
          if (Caller(req).via_api_token) {
            return Status::PermissionDenied("token.not_allowed",
                                            "API tokens cannot create API tokens; sign in.");
          }
          BSG_ASSIGN_OR_RETURN(BodyReader body,
                               ReadObject(req, {"name", "scopes", "expires_in_days"}));
          auto name = body.String("name");
          auto scopes = body.StringSet("scopes");
          auto days = body.SmallInt("expires_in_days");
          BSG_RETURN_IF_ERROR(body.Finish());
          BSG_ASSIGN_OR_RETURN(CreatedApiToken t,
                               svc.CreateApiToken(Caller(req).user_id, name.value_or(""),
                                                  scopes.value_or(std::set<std::string>{}), days,
                                                  http::ActorFrom(req)));
          json out = ToJson(t.token);
          out["token"] = t.secret;
          Response r = Response::Json(out, 201);
          r.SetHeader("Cache-Control", "no-store");
          return r;
        });
  }

  Add(router, Method::kDelete, "/api/tokens/{id:int}", Policy::SignedIn(),
      Doc("Revoke one of your API tokens", json::object(), 204, {404}),
      [&svc](Request& req) -> Result<Response> {
        BSG_RETURN_IF_ERROR(
            svc.RevokeApiToken(Caller(req).user_id, req.PathInt("id"), http::ActorFrom(req)));
        return Response::NoContent();
      });

  // ---- audit and outbox

  {
    http::RouteDoc doc =
        Doc("The audit history, newest first (admin, officer)",
            ObjectSchema({{"events", {{"type", "array"}, {"items", AuditEventSchema()}}},
                          {"next_cursor", {{"type", json::array({"integer", "null"})}}}},
                         {"events", "next_cursor"}),
            200, {400});
    doc.query_params = {
        Param("record", "string", "TYPE or TYPE:ID, e.g. user:12"),
        Param("by", "integer", "the acting user's user_id"),
        Param("since", "string", "from this UTC time or date, inclusive (ISO 8601)"),
        Param("until", "string", "before this UTC time or date, exclusive (ISO 8601)"),
        Param("limit", "integer", "page size, 1 to 200 (default 50)"),
        Param("cursor", "integer", "next_cursor of the previous page")};
    Add(router, Method::kGet, "/api/audit", staff, std::move(doc),
        [&svc](Request& req) -> Result<Response> {
          AuditFilter f;
          if (auto record = req.Query("record"); record && !record->empty()) {
            const auto colon = record->find(':');
            f.record_type = record->substr(0, colon);
            if (colon != std::string::npos) f.record_id = record->substr(colon + 1);
          }
          BSG_ASSIGN_OR_RETURN(f.actor_user_id, req.QueryInt("by"));
          BSG_ASSIGN_OR_RETURN(f.since, QueryTimestamp(req, "since"));
          BSG_ASSIGN_OR_RETURN(f.until, QueryTimestamp(req, "until"));
          BSG_ASSIGN_OR_RETURN(f.limit, PageLimit(req, 50));
          BSG_ASSIGN_OR_RETURN(f.before_id, req.QueryInt("cursor"));
          BSG_ASSIGN_OR_RETURN(auto events, svc.ListAudit(f));
          json items = json::array();
          for (const auto& e : events) items.push_back(ToJson(e));
          json next = nullptr;
          if (static_cast<std::int64_t>(events.size()) == f.limit) next = events.back().event_id;
          return Response::Json({{"events", items}, {"next_cursor", next}});
        });
  }

  {
    http::RouteDoc doc =
        Doc("Messages the system would send, newest first (admin only: reset and invitation "
            "links in them are live credentials)",
            ObjectSchema({{"messages", {{"type", "array"}, {"items", OutboxMessageSchema()}}},
                          {"next_cursor", {{"type", json::array({"integer", "null"})}}}},
                         {"messages", "next_cursor"}),
            200, {400});
    doc.query_params = {Param("to", "string", "only messages to this address"),
                        Param("limit", "integer", "page size, 1 to 200 (default 50)"),
                        Param("cursor", "integer", "next_cursor of the previous page")};
    Add(router, Method::kGet, "/api/outbox", admin, std::move(doc),
        [&svc](Request& req) -> Result<Response> {
          BSG_ASSIGN_OR_RETURN(std::int64_t limit, PageLimit(req, 50));
          BSG_ASSIGN_OR_RETURN(auto cursor, req.QueryInt("cursor"));
          BSG_ASSIGN_OR_RETURN(auto messages, svc.ListOutbox(limit, cursor, req.Query("to")));
          json items = json::array();
          for (const auto& m : messages) items.push_back(ToJson(m));
          json next = nullptr;
          if (static_cast<std::int64_t>(messages.size()) == limit) {
            next = messages.back().message_id;
          }
          return Response::Json({{"messages", items}, {"next_cursor", next}});
        });
  }
}

}  // namespace bsg::identity
