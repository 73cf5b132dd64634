// The whole application (platform routes and every module's) served in-process on a free
// loopback port, plus a small JSON client with cookie sessions, for end-to-end tests.
//
//   auto db = bsg::testing::OpenTestDatabase(kind);   // then db::Migrate(*db)
//   bsg::testing::AppServer app(*db);
//   ASSERT_TRUE(app.Start().ok());
//   bsg::testing::ApiClient client(app.port());
//   auto session = client.SignIn("ada@example.org", "password...");
//   auto reply = client.Send("GET", "/api/users", std::nullopt, &session);
//
// One AppServer at a time per process: modules are process-wide singletons and register their
// routes again (and rebuild their authenticator) for each server.
#ifndef BSG_TESTS_HTTP_APP_SERVER_H_
#define BSG_TESTS_HTTP_APP_SERVER_H_

#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/modules.h"
#include "app/server_main.h"
#include "modules/identity/password.h"
#include "platform/config.h"
#include "platform/db/data_version.h"
#include "platform/db/database.h"
#include "platform/http/builtin_routes.h"
#include "platform/http/metrics.h"
#include "platform/http/server.h"

namespace bsg::testing {

// The app's start-up, once per test binary that includes this header: building the module list
// runs every module's factory, which registers the import kinds, the hooks and identity's audit
// recorder, as `bsg` does before it serves or runs a command. Fixtures that record changes before
// starting an AppServer (creating users, seeding) rely on it.
class AppModulesEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { app::Modules(); }
};
inline ::testing::Environment* const kAppModulesEnvironment =
    ::testing::AddGlobalTestEnvironment(new AppModulesEnvironment);

// The cheapest password hashing while a fixture lives (PasswordLimits::Min), the previous
// default restored afterwards: declare it as the fixture's first member.
class FastPasswords {
 public:
  FastPasswords() : saved_(identity::DefaultPasswordLimits()) {
    identity::SetDefaultPasswordLimits(identity::PasswordLimits::Min());
  }
  ~FastPasswords() { identity::SetDefaultPasswordLimits(saved_); }
  FastPasswords(const FastPasswords&) = delete;
  FastPasswords& operator=(const FastPasswords&) = delete;

 private:
  const identity::PasswordLimits saved_;
};

class AppServer {
 public:
  explicit AppServer(db::Database& db) : db_(db) {
    // Tests also write through the database directly, as another process would: the identity
    // module reads its data version on every request rather than within the max age.
    config_.data_version_max_age_ms = 0;
    ctx_.config = [this]() -> Result<const Config*> { return &config_; };
    ctx_.database = [this]() -> Result<db::Database*> { return &db_; };
  }
  ~AppServer() {
    if (server_) server_->Stop();
  }
  AppServer(const AppServer&) = delete;
  AppServer& operator=(const AppServer&) = delete;

  // Registers every route, validates the router and starts serving on a free loopback port;
  // `options` gives the rest (trusted proxies, https, ...).
  Status Start(http::ServerOptions options = {}) {
    http::RegisterPlatformRoutes(router_, {&db_, &metrics_, "test"});
    app::RegisterAllRoutes(router_, ctx_);
    BSG_RETURN_IF_ERROR(router_.Validate());
    http::Authenticator* authenticator = nullptr;
    for (const auto& module : app::Modules()) {
      if (authenticator == nullptr) authenticator = module->authenticator();
    }
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    // As `bsg serve` does: versioned reads come from the read cache, so every flow that writes
    // and reads back shows that a write is seen at once.
    if (!options.data_version) {
      options.data_version = [this] { return db::DataVersion(db_); };
      // Tests also write through the database directly, as another process would: read the
      // version on every request rather than within data_version_max_age.
      options.data_version_max_age = std::chrono::milliseconds(0);
    }
    server_ = std::make_unique<http::Server>(options, router_, authenticator, &metrics_);
    return server_->Start();
  }

  std::uint16_t port() const { return server_->port(); }
  const http::Router& router() const { return router_; }

 private:
  db::Database& db_;
  Config config_;
  ModuleContext ctx_;
  http::Metrics metrics_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
};

struct Reply {
  int status = 0;
  std::string body;
  httplib::Headers headers;

  nlohmann::json Json() const {
    return nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  }
  std::string Reason() const {
    auto j = Json();
    return j.is_object() && j.contains("reason") && j["reason"].is_string()
               ? j["reason"].get<std::string>()
               : std::string();
  }
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
  std::vector<std::string> SetCookies() const {
    std::vector<std::string> out;
    auto [from, to] = headers.equal_range("Set-Cookie");
    for (auto it = from; it != to; ++it) out.push_back(it->second);
    return out;
  }
};

// A signed-in browser: its cookies and CSRF token.
struct BrowserSession {
  std::string session_cookie;
  std::string csrf_token;
  nlohmann::json user;
};

class ApiClient {
 public:
  explicit ApiClient(std::uint16_t port) : client_("127.0.0.1", port) {
    client_.set_connection_timeout(10);
    client_.set_read_timeout(60);
  }

  // Sends a request. With `session`, sends its cookies and (for state-changing methods) its CSRF
  // token unless `csrf` says otherwise.
  Reply Send(const std::string& method, const std::string& path,
             const std::optional<nlohmann::json>& body = std::nullopt,
             const BrowserSession* session = nullptr,
             const std::map<std::string, std::string>& extra_headers = {},
             std::optional<std::string> csrf = std::nullopt) {
    httplib::Request req;
    req.method = method;
    req.path = path;
    if (body) {
      req.body = body->dump();
      req.set_header("Content-Type", "application/json");
    }
    if (session) {
      req.set_header(
          "Cookie", "bsg_session=" + session->session_cookie + "; bsg_csrf=" + session->csrf_token);
      const std::string token = csrf.value_or(session->csrf_token);
      if (method != "GET" && method != "HEAD" && !token.empty()) {
        req.set_header("X-CSRF-Token", token);
      }
    }
    for (const auto& [k, v] : extra_headers) req.set_header(k, v);
    auto res = client_.send(req);
    Reply r;
    if (!res) {
      r.status = -1;
      r.body = httplib::to_string(res.error());
      return r;
    }
    r.status = res->status;
    r.body = res->body;
    r.headers = res->headers;
    return r;
  }

  // Signs in; the session's cookie and CSRF token, or nullopt (with `reply` set) on failure.
  std::optional<BrowserSession> SignIn(const std::string& email, const std::string& password,
                                       Reply* reply = nullptr) {
    Reply r =
        Send("POST", "/api/session", nlohmann::json{{"email", email}, {"password", password}});
    if (reply) *reply = r;
    if (r.status != 200) return std::nullopt;
    BrowserSession s;
    for (const auto& c : r.SetCookies()) {
      const std::string prefix = "bsg_session=";
      if (c.starts_with(prefix))
        s.session_cookie = c.substr(prefix.size(), c.find(';') - prefix.size());
    }
    auto j = r.Json();
    s.csrf_token = j.value("csrf_token", "");
    s.user = j["user"];
    return s;
  }

 private:
  httplib::Client client_;
};

}  // namespace bsg::testing

#endif  // BSG_TESTS_HTTP_APP_SERVER_H_
