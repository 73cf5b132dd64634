// End-to-end tests of the HTTP server: a real Server on a free port, driven by cpp-httplib and
// by raw sockets where a client library would tidy the request up.
#include "platform/http/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include "platform/compress.h"
#include "platform/http/http_internal.h"
#include "platform/http/metrics.h"

namespace bsg::http {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Sessions by cookie value: "user", "admin", "focal" (Kenya), "expired"; bearer token "good".
class FakeAuthenticator : public Authenticator {
 public:
  Result<std::optional<Principal>> Authenticate(const Request& request) override {
    if (auto auth = request.Header("Authorization")) {
      if (*auth == "Bearer good") {
        Principal p;
        p.user_id = 2;
        p.via_api_token = true;
        return std::optional<Principal>(p);
      }
      return Status::Unauthenticated("token.invalid", "Bad token.");
    }
    std::optional<std::string> session = request.Cookie("bsg_session");
    if (!session) return std::optional<Principal>();
    if (*session == "expired") {
      return Status::Unauthenticated("session.expired", "Your session has expired.");
    }
    Principal p;
    p.user_id = 1;
    p.email = *session + "@example.org";
    if (*session == "admin") p.roles = {"admin"};
    if (*session == "focal") {
      p.roles = {"focal_point"};
      p.country = "KE";
    }
    return std::optional<Principal>(p);
  }
  Status CheckCsrf(const Request& request, const Principal&) override {
    std::optional<std::string> token = request.Header("X-CSRF-Token");
    if (!token) return Status::PermissionDenied("csrf.missing", "Missing CSRF token.");
    if (*token != "csrf-ok") return Status::PermissionDenied("csrf.mismatch", "Bad CSRF token.");
    return Status::Ok();
  }
};

Route MakeRoute(Method method, std::string pattern, Policy policy, Handler handler) {
  Route r;
  r.method = method;
  r.pattern = std::move(pattern);
  r.policy = std::move(policy);
  r.handler = std::move(handler);
  return r;
}

// A socket connected to 127.0.0.1:port whose reads give up after 5 seconds, or -1.
int Connect(std::uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    close(fd);
    return -1;
  }
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  return fd;
}

// Raw HTTP/1.1: sends `request` as is and returns everything read until the server closes the
// connection (or 5 seconds pass).
std::string RawRequest(std::uint16_t port, const std::string& request) {
  const int fd = Connect(port);
  if (fd < 0) return "";
  std::size_t sent = 0;
  while (sent < request.size()) {
    ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string out;
  char buf[4096];
  while (true) {
    ssize_t n = recv(fd, buf, sizeof(buf), 0);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  close(fd);
  return out;
}

int StatusOf(const std::string& raw) {
  if (raw.size() < 12) return 0;
  return std::stoi(raw.substr(9, 3));
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static_dir_ =
        fs::temp_directory_path() / ("bsg_http_test_" + std::to_string(getpid()) + "_" +
                                     std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(static_dir_ / "assets");
    Write("index.html", "<!doctype html><title>BSG</title>");
    Write("robots.txt", "User-agent: *\n");
    js_ = "console.log('" + std::string(2000, 'x') + "');\n";
    Write("assets/app.1a2b3c.js", js_);
    Write("assets/app.1a2b3c.js.gz", Gzip(js_).value());
    Write("assets/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
    fs::create_directories(static_dir_.parent_path() / "bsg_http_test_secret");
    std::ofstream(static_dir_.parent_path() / "bsg_http_test_secret" / "secret.txt") << "secret";

    router_.Add(MakeRoute(Method::kGet, "/api/ping", Policy::Public(), [](Request& req) {
      return Result<Response>(Response::Json({{"pong", true}, {"q", req.Query("q").value_or("")}}));
    }));
    router_.Add(MakeRoute(Method::kGet, "/api/items/{id:int}", Policy::Public(), [](Request& req) {
      return Result<Response>(Response::Json({{"id", req.PathInt("id")}}));
    }));
    router_.Add(MakeRoute(Method::kPost, "/api/echo", Policy::Public(),
                          [](Request& req) -> Result<Response> {
                            BSG_ASSIGN_OR_RETURN(json body, req.JsonBody());
                            return Response::Json(body, 201);
                          }));
    router_.Add(MakeRoute(
        Method::kGet, "/api/throw", Policy::Public(),
        [](Request&) -> Result<Response> { throw std::runtime_error("boom: secret detail"); }));
    router_.Add(
        MakeRoute(Method::kGet, "/api/fail", Policy::Public(), [](Request&) -> Result<Response> {
          return Status::Internal("db.error", "syntax error: secret detail");
        }));
    router_.Add(MakeRoute(Method::kGet, "/api/slow", Policy::Public(),
                          [this](Request&) -> Result<Response> {
                            slow_entered_ = true;
                            std::this_thread::sleep_for(std::chrono::milliseconds(700));
                            return Response::Json({{"slow", true}});
                          }));
    router_.Add(MakeRoute(Method::kGet, "/api/big", Policy::Public(), [](Request&) {
      json items = json::array();
      for (int i = 0; i < 300; ++i) items.push_back({{"id", i}, {"name", "item number"}});
      return Result<Response>(Response::Json(items));
    }));
    router_.Add(MakeRoute(Method::kGet, "/api/me", Policy::SignedIn(), [](Request& req) {
      return Result<Response>(Response::Json({{"email", req.principal->email}}));
    }));
    router_.Add(MakeRoute(Method::kGet, "/api/admin", Policy::Roles({"admin"}), [](Request&) {
      return Result<Response>(Response::Json({{"admin", true}}));
    }));
    router_.Add(
        MakeRoute(Method::kGet, "/api/countries/{country}/stats",
                  Policy::Roles({"admin", "focal_point"}).CountryScoped("focal_point", "country"),
                  [](Request& req) {
                    return Result<Response>(Response::Json({{"country", req.PathText("country")}}));
                  }));
    router_.Add(MakeRoute(Method::kPost, "/api/change", Policy::SignedIn(), [](Request&) {
      return Result<Response>(Response::Json({{"changed", true}}));
    }));
    Route login = MakeRoute(Method::kPost, "/api/login", Policy::Public(), [](Request&) {
      return Result<Response>(Response::NoContent().SetHeader("Set-Cookie", "bsg_session=user"));
    });
    login.csrf_exempt = true;
    router_.Add(login);
    router_.Add(MakeRoute(Method::kGet, "/api/secure", Policy::Public(), [](Request& req) {
      return Result<Response>(Response::Json({{"secure", req.secure}}));
    }));
    router_.Add(MakeRoute(Method::kGet, "/api/preview", Policy::Public(), [](Request&) {
      Response r = Response::Text("<p>report</p>", "text/html; charset=utf-8");
      r.SetHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'self'");
      return Result<Response>(std::move(r));
    }));
    Route versioned = MakeRoute(
        Method::kGet, "/api/versioned", Policy::Public(), [this](Request& req) -> Result<Response> {
          ++versioned_builds_;
          json items = json::array();
          for (int i = 0; i < 200; ++i) items.push_back({{"id", i}});
          return Response::Json({{"who", req.principal ? req.principal->email : "anyone"},
                                 {"version", data_version_},
                                 {"items", items}});
        });
    versioned.versioned = true;
    router_.Add(versioned);
    router_.Add(MakeRoute(Method::kGet, "/metrics", Policy::Public(), [this](Request&) {
      return Result<Response>(Response::Text(metrics_.Render(), "text/plain; version=0.0.4"));
    }));
    ASSERT_TRUE(router_.Validate().ok()) << router_.Validate().ToString();
  }

  void TearDown() override {
    server_.reset();
    std::error_code ec;
    fs::remove_all(static_dir_, ec);
    fs::remove_all(static_dir_.parent_path() / "bsg_http_test_secret", ec);
  }

  void Write(const std::string& name, const std::string& content) {
    std::ofstream(static_dir_ / name, std::ios::binary) << content;
  }

  void Start(ServerOptions options = {}) {
    options.port = 0;
    options.threads = 2;
    if (options.static_dir.empty()) options.static_dir = static_dir_.string();
    server_ = std::make_unique<Server>(options, router_, &auth_, &metrics_);
    Status s = server_->Start();
    ASSERT_TRUE(s.ok()) << s.ToString();
    ASSERT_NE(server_->port(), 0);
  }

  httplib::Client Client() {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(10, 0);
    c.set_write_timeout(10, 0);
    return c;
  }

  std::uint16_t port() const { return server_->port(); }

  fs::path static_dir_;
  std::string js_;
  Router router_;
  FakeAuthenticator auth_;
  Metrics metrics_;
  std::atomic<bool> slow_entered_{false};
  std::atomic<int> versioned_builds_{0};
  std::string data_version_ = "events=1";  // what ServerOptions::data_version answers
  bool data_version_fails_ = false;
  std::unique_ptr<Server> server_;

  ServerOptions WithDataVersion(std::chrono::milliseconds max_age = {}) {
    ServerOptions o;
    o.data_version_max_age = max_age;
    o.data_version = [this]() -> Result<std::string> {
      if (data_version_fails_) return Status::Unavailable("db.unreachable", "database is down");
      return data_version_;
    };
    return o;
  }
};

void ExpectJsonError(const httplib::Result& res, int status, const std::string& reason) {
  ASSERT_TRUE(res) << "no response for expected " << status;
  EXPECT_EQ(res->status, status) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  json body = json::parse(res->body, nullptr, false);
  ASSERT_TRUE(body.is_object()) << res->body;
  EXPECT_EQ(body["code"], status);
  EXPECT_EQ(body["reason"], reason);
  EXPECT_TRUE(body["message"].is_string());
  EXPECT_TRUE(body["fields"].is_object());
}

TEST_F(ServerTest, ServesARouteWithARequestId) {
  Start();
  auto cli = Client();
  auto res = cli.Get("/api/ping?q=a%20b&token=secret");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(json::parse(res->body), json({{"pong", true}, {"q", "a b"}}));
  std::string id = res->get_header_value("X-Request-Id");
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
}

TEST_F(ServerTest, HonoursAWellFormedIncomingRequestId) {
  Start();
  auto cli = Client();
  auto res = cli.Get("/api/ping", {{"X-Request-Id", "lb-abc.123"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("X-Request-Id"), "lb-abc.123");
  res = cli.Get("/api/ping", {{"X-Request-Id", "bad id\"with quotes"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("X-Request-Id").size(), 16u);
}

TEST_F(ServerTest, TypedPathParameters) {
  Start();
  auto cli = Client();
  auto res = cli.Get("/api/items/42");
  ASSERT_TRUE(res);
  EXPECT_EQ(json::parse(res->body)["id"], 42);
  ExpectJsonError(cli.Get("/api/items/abc"), 404, "route.not_found");
}

TEST_F(ServerTest, UnknownApiPathIsJson404) {
  Start();
  auto cli = Client();
  ExpectJsonError(cli.Get("/api/nope"), 404, "route.not_found");
  ExpectJsonError(cli.Get("/api"), 404, "route.not_found");
  // Not the SPA fallback, even for a browser.
  ExpectJsonError(cli.Get("/api/nope", {{"Accept", "text/html"}}), 404, "route.not_found");
}

TEST_F(ServerTest, MethodNotAllowedWithAllowHeader) {
  Start();
  auto cli = Client();
  auto res = cli.Delete("/api/ping");
  ExpectJsonError(res, 405, "route.method_not_allowed");
  EXPECT_EQ(res->get_header_value("Allow"), "GET, HEAD");
}

TEST_F(ServerTest, HeadOnAGetRoute) {
  Start();
  auto cli = Client();
  auto get = cli.Get("/api/ping");
  auto head = cli.Head("/api/ping");
  ASSERT_TRUE(get);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_TRUE(head->body.empty());
  EXPECT_EQ(head->get_header_value("Content-Length"), std::to_string(get->body.size()));
}

TEST_F(ServerTest, BodyOverTheLimitGets413AndTheServerKeepsServing) {
  Start();  // default limit: 10 MiB
  auto cli = Client();
  std::string body(20 * 1024 * 1024, 'x');
  auto res = cli.Post("/api/echo", body, "application/json");
  ExpectJsonError(res, 413, "request.body_too_large");
  EXPECT_FALSE(res->get_header_value("X-Request-Id").empty());
  auto again = Client().Get("/api/ping");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
  // Exactly at the limit is fine (and is not JSON, so 400).
  ServerOptions small;
  small.max_body_bytes = 1000;
  server_.reset();
  Start(small);
  ExpectJsonError(Client().Post("/api/echo", std::string(1000, ' '), "application/json"), 400,
                  "request.bad_json");
  ExpectJsonError(Client().Post("/api/echo", std::string(1001, ' '), "application/json"), 413,
                  "request.body_too_large");
}

TEST_F(ServerTest, ChunkedBodyOverTheLimitGets413) {
  ServerOptions options;
  options.max_body_bytes = 64 * 1024;
  Start(options);
  auto cli = Client();
  std::string chunk(16 * 1024, 'x');
  auto res = cli.Post(
      "/api/echo",
      [&](size_t offset, httplib::DataSink& sink) {
        if (offset >= 1024 * 1024) {
          sink.done();
        } else {
          sink.write(chunk.data(), chunk.size());
        }
        return true;
      },
      "application/json");
  ExpectJsonError(res, 413, "request.body_too_large");
  auto again = Client().Get("/api/ping");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
}

TEST_F(ServerTest, AForgedTooLargeMarkIsIgnored) {
  Start();
  std::string raw =
      RawRequest(port(),
                 "GET /api/ping HTTP/1.1\r\nHost: x\r\nX-Bsg-Internal-Body-Too-Large: 1\r\n"
                 "Connection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(raw), 200) << raw;
}

TEST_F(ServerTest, MalformedJsonIs400) {
  Start();
  auto cli = Client();
  auto res = cli.Post("/api/echo", "{\"a\": ", "application/json");
  ExpectJsonError(res, 400, "request.bad_json");
  ExpectJsonError(cli.Post("/api/echo", "a=1", "application/x-www-form-urlencoded"), 415,
                  "request.unsupported_media_type");
  auto ok = cli.Post("/api/echo", R"({"a": [1, 2]})", "application/json");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 201);
  EXPECT_EQ(json::parse(ok->body)["a"][1], 2);
}

TEST_F(ServerTest, HandlerExceptionIs500AndTheServerKeepsServing) {
  Start();
  auto cli = Client();
  auto res = cli.Get("/api/throw");
  ExpectJsonError(res, 500, "internal.exception");
  std::string id = res->get_header_value("X-Request-Id");
  EXPECT_NE(json::parse(res->body)["message"].get<std::string>().find(id), std::string::npos);
  EXPECT_EQ(res->body.find("secret detail"), std::string::npos);
  res = cli.Get("/api/fail");
  ExpectJsonError(res, 500, "db.error");
  EXPECT_EQ(res->body.find("secret detail"), std::string::npos);
  auto again = cli.Get("/api/ping");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
}

TEST_F(ServerTest, MalformedPathIs400) {
  Start();
  std::string raw =
      RawRequest(port(), "GET /api/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(raw), 400) << raw;
  EXPECT_NE(raw.find("request.bad_path"), std::string::npos);
}

TEST_F(ServerTest, UnsupportedMethodIs405) {
  Start();
  std::string raw =
      RawRequest(port(), "TRACE /api/ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(raw), 405) << raw;
}

TEST_F(ServerTest, DynamicResponsesAreGzipped) {
  Start();
  auto cli = Client();
  auto res = cli.Get("/api/big", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(res->get_header_value("Vary"), "Accept-Encoding");
  EXPECT_EQ(json::parse(res->body).size(), 300u);  // httplib inflated it
  auto plain = cli.Get("/api/big", {{"Accept-Encoding", "identity"}});
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->has_header("Content-Encoding"));
  EXPECT_EQ(plain->body, res->body);
  auto small = cli.Get("/api/ping", {{"Accept-Encoding", "gzip"}});
  EXPECT_FALSE(small->has_header("Content-Encoding"));
}

// ---- static files

TEST_F(ServerTest, StaticIndexAndAssets) {
  Start();
  auto cli = Client();
  auto index = cli.Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->body, "<!doctype html><title>BSG</title>");
  EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index->get_header_value("Cache-Control"), "no-cache");
  EXPECT_FALSE(index->get_header_value("ETag").empty());

  auto svg = cli.Get("/assets/logo.svg");
  ASSERT_TRUE(svg);
  EXPECT_EQ(svg->status, 200);
  EXPECT_EQ(svg->get_header_value("Content-Type"), "image/svg+xml");
  EXPECT_EQ(svg->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");

  auto robots = cli.Get("/robots.txt");
  ASSERT_TRUE(robots);
  EXPECT_EQ(robots->body, "User-agent: *\n");
  EXPECT_EQ(robots->get_header_value("Content-Type"), "text/plain; charset=utf-8");
}

TEST_F(ServerTest, SecurityHeadersOnEveryResponse) {
  Start();
  auto cli = Client();
  for (const char* path : {"/api/ping", "/api/nope", "/", "/robots.txt", "/assets/logo.svg"}) {
    auto res = cli.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->get_header_value("Referrer-Policy"), "same-origin") << path;
    EXPECT_EQ(res->get_header_value("Permissions-Policy"), kPermissionsPolicy) << path;
    EXPECT_FALSE(res->has_header("Strict-Transport-Security")) << path;  // not https
  }
  // Only HTML gets the app's CSP.
  auto api = cli.Get("/api/ping");
  ASSERT_TRUE(api);
  EXPECT_FALSE(api->has_header("Content-Security-Policy"));
}

TEST_F(ServerTest, AppHtmlHasAContentSecurityPolicyWithoutInlineScripts) {
  Start();
  auto cli = Client();
  // index.html, the SPA fallback, and a 304 revalidation of index.html.
  auto index = cli.Get("/");
  ASSERT_TRUE(index);
  auto spa = cli.Get("/events/12", {{"Accept", "text/html"}});
  ASSERT_TRUE(spa);
  EXPECT_EQ(spa->status, 200);
  auto revalidated = cli.Get("/", {{"If-None-Match", index->get_header_value("ETag")}});
  ASSERT_TRUE(revalidated);
  EXPECT_EQ(revalidated->status, 304);
  for (const auto* res : {&index, &spa, &revalidated}) {
    const std::string csp = (*res)->get_header_value("Content-Security-Policy");
    EXPECT_EQ(csp, kAppContentSecurityPolicy);
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos);
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
    EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos);
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  }
}

TEST_F(ServerTest, AnHtmlResponseKeepsItsOwnContentSecurityPolicy) {
  Start();
  auto res = Client().Get("/api/preview");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Security-Policy"),
            "default-src 'none'; frame-ancestors 'self'");
  EXPECT_EQ(res->get_header_value_count("Content-Security-Policy"), 1u);
}

TEST_F(ServerTest, HstsOnlyWhenThePublicAddressIsHttps) {
  ServerOptions options;
  options.https = true;
  Start(options);
  auto cli = Client();
  for (const char* path : {"/api/ping", "/"}) {
    auto res = cli.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->get_header_value("Strict-Transport-Security"), "max-age=31536000") << path;
  }
}

bool SecureFlag(httplib::Client& cli, const httplib::Headers& headers) {
  auto res = cli.Get("/api/secure", headers);
  EXPECT_TRUE(res);
  if (!res) return false;
  return json::parse(res->body)["secure"].get<bool>();
}

TEST_F(ServerTest, AForgedForwardedProtoDoesNotMakeARequestSecure) {
  Start();  // no trusted proxies, http public address
  auto cli = Client();
  EXPECT_FALSE(SecureFlag(cli, {}));
  EXPECT_FALSE(SecureFlag(cli, {{"X-Forwarded-Proto", "https"}}));
}

TEST_F(ServerTest, AnUntrustedPeersForwardedProtoIsIgnored) {
  ServerOptions options;
  options.trusted_proxies = TrustedProxies::Parse({"10.0.0.0/8"}).value();  // not 127.0.0.1
  Start(options);
  auto cli = Client();
  EXPECT_FALSE(SecureFlag(cli, {{"X-Forwarded-Proto", "https"}}));
}

TEST_F(ServerTest, ATrustedProxysForwardedProtoMakesARequestSecure) {
  ServerOptions options;
  options.trusted_proxies = TrustedProxies::Parse({"127.0.0.1"}).value();
  Start(options);
  auto cli = Client();
  EXPECT_TRUE(SecureFlag(cli, {{"X-Forwarded-Proto", "https"}}));
  EXPECT_FALSE(SecureFlag(cli, {{"X-Forwarded-Proto", "http"}}));
  EXPECT_FALSE(SecureFlag(cli, {}));
}

TEST_F(ServerTest, AnHttpsPublicAddressMakesEveryRequestSecure) {
  ServerOptions options;
  options.https = true;
  Start(options);
  auto cli = Client();
  EXPECT_TRUE(SecureFlag(cli, {}));
  EXPECT_TRUE(SecureFlag(cli, {{"X-Forwarded-Proto", "http"}}));
}

TEST_F(ServerTest, StaticPrecompressedGzip) {
  Start();
  auto cli = Client();
  auto gz = cli.Get("/assets/app.1a2b3c.js", {{"Accept-Encoding", "gzip, deflate"}});
  ASSERT_TRUE(gz);
  EXPECT_EQ(gz->status, 200);
  EXPECT_EQ(gz->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(gz->get_header_value("Vary"), "Accept-Encoding");
  EXPECT_EQ(gz->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(gz->body, js_);  // inflated by httplib
  EXPECT_LT(std::stoul(gz->get_header_value("Content-Length")), js_.size());

  auto plain = cli.Get("/assets/app.1a2b3c.js", {{"Accept-Encoding", "identity"}});
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->has_header("Content-Encoding"));
  EXPECT_EQ(plain->get_header_value("Vary"), "Accept-Encoding");
  EXPECT_EQ(plain->body, js_);
}

TEST_F(ServerTest, StaticEtagGives304) {
  Start();
  auto cli = Client();
  auto first = cli.Get("/");
  ASSERT_TRUE(first);
  std::string etag = first->get_header_value("ETag");
  auto second = cli.Get("/", {{"If-None-Match", etag}});
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 304);
  EXPECT_TRUE(second->body.empty());
}

TEST_F(ServerTest, StaticHead) {
  Start();
  auto cli = Client();
  auto head = cli.Head("/robots.txt");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_TRUE(head->body.empty());
  EXPECT_EQ(head->get_header_value("Content-Length"), "14");
}

TEST_F(ServerTest, SpaFallbackServesIndex) {
  Start();
  auto cli = Client();
  auto res = cli.Get("/events/42/registrations");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "<!doctype html><title>BSG</title>");
  // A browser navigating to a path with a dot still gets the app.
  res = cli.Get("/people/jane.doe", {{"Accept", "text/html,application/xhtml+xml"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  // Missing assets and files are 404s, not HTML.
  ExpectJsonError(cli.Get("/assets/app.old.js"), 404, "route.not_found");
  ExpectJsonError(cli.Get("/assets/missing"), 404, "route.not_found");
  ExpectJsonError(cli.Get("/missing.png"), 404, "route.not_found");
  ExpectJsonError(cli.Post("/index.html", "", "text/plain"), 405, "route.method_not_allowed");
}

TEST_F(ServerTest, PathTraversalIsRejected) {
  Start();
  for (const char* target :
       {"/../bsg_http_test_secret/secret.txt", "/%2e%2e/bsg_http_test_secret/secret.txt",
        "/assets/..%2f..%2fbsg_http_test_secret%2fsecret.txt", "/assets/%2e%2e/index.html",
        "//etc/passwd", "/assets/..\\..\\secret.txt", "/./index.html"}) {
    std::string raw = RawRequest(
        port(), std::string("GET ") + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(StatusOf(raw), 400) << target << "\n" << raw;
    EXPECT_EQ(raw.find("secret\n"), std::string::npos) << target;
    EXPECT_EQ(raw.find("root:"), std::string::npos) << target;
  }
}

TEST_F(ServerTest, NoStaticDirMeansJson404) {
  ServerOptions options;
  options.static_dir = (static_dir_ / "does-not-exist").string();
  Start(options);
  ExpectJsonError(Client().Get("/"), 404, "route.not_found");
  auto ping = Client().Get("/api/ping");
  ASSERT_TRUE(ping);
  EXPECT_EQ(ping->status, 200);
}

// ---- connections

TEST_F(ServerTest, KeepAliveReusesTheConnection) {
  Start();
  auto cli = Client();
  cli.set_keep_alive(true);
  auto before = metrics_.Render();
  for (int i = 0; i < 5; ++i) {
    auto res = cli.Get("/api/ping");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
  }
  std::string text = metrics_.Render();
  EXPECT_NE(text.find("bsg_http_connections_total 1\n"), std::string::npos) << text;
  EXPECT_NE(
      text.find("bsg_http_requests_total{method=\"GET\",route=\"/api/ping\",status=\"200\"} 5"),
      std::string::npos);
}

TEST_F(ServerTest, MetricsCountStaticAndUnmatched) {
  Start();
  auto cli = Client();
  cli.Get("/");
  cli.Get("/api/nope");
  std::string text = cli.Get("/metrics")->body;
  EXPECT_NE(text.find("route=\"(static)\",status=\"200\""), std::string::npos) << text;
  EXPECT_NE(text.find("route=\"(unmatched)\",status=\"404\""), std::string::npos) << text;
  EXPECT_NE(
      text.find("bsg_http_request_duration_seconds_count{method=\"GET\",route=\"(static)\"} 1"),
      std::string::npos);
}

TEST_F(ServerTest, StartTwiceAndPortInUseFail) {
  Start();
  EXPECT_EQ(server_->Start().reason(), "server.already_started");
  ServerOptions options;
  options.port = server_->port();
  Server other(options, router_, nullptr, nullptr);
  Status s = other.Start();
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.reason(), "server.listen_failed");
}

TEST_F(ServerTest, GracefulStopFinishesInFlightRequests) {
  Start();
  const std::uint16_t p = port();
  auto slow = std::async(std::launch::async, [p] {
    httplib::Client c("127.0.0.1", p);
    c.set_read_timeout(10, 0);
    return c.Get("/api/slow");
  });
  while (!slow_entered_) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const auto start = std::chrono::steady_clock::now();
  server_->Stop();
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(300));
  auto res = slow.get();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(json::parse(res->body)["slow"], true);
  EXPECT_EQ(res->get_header_value("Connection"), "close");
  // No longer listening.
  httplib::Client after("127.0.0.1", p);
  after.set_connection_timeout(1, 0);
  EXPECT_FALSE(after.Get("/api/ping"));
  server_->Stop();  // idempotent
}

// ---- authentication, policy, CSRF

TEST_F(ServerTest, PolicyRequiresSignIn) {
  Start();
  auto cli = Client();
  ExpectJsonError(cli.Get("/api/me"), 401, "auth.required");
  auto res = cli.Get("/api/me", {{"Cookie", "bsg_session=user"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(json::parse(res->body)["email"], "user@example.org");
  // Bad credentials: the authenticator's 401 on a private route...
  ExpectJsonError(cli.Get("/api/me", {{"Cookie", "bsg_session=expired"}}), 401, "session.expired");
  ExpectJsonError(cli.Get("/api/me", {{"Authorization", "Bearer bad"}}), 401, "token.invalid");
  // ...while a public route still answers.
  auto ping = cli.Get("/api/ping", {{"Cookie", "bsg_session=expired"}});
  ASSERT_TRUE(ping);
  EXPECT_EQ(ping->status, 200);
}

TEST_F(ServerTest, PolicyRolesAndCountryScope) {
  Start();
  auto cli = Client();
  ExpectJsonError(cli.Get("/api/admin", {{"Cookie", "bsg_session=user"}}), 403, "auth.forbidden");
  auto ok = cli.Get("/api/admin", {{"Cookie", "bsg_session=admin"}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  auto own = cli.Get("/api/countries/ke/stats", {{"Cookie", "bsg_session=focal"}});
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 200);
  ExpectJsonError(cli.Get("/api/countries/FR/stats", {{"Cookie", "bsg_session=focal"}}), 403,
                  "auth.out_of_scope");
  auto admin = cli.Get("/api/countries/FR/stats", {{"Cookie", "bsg_session=admin"}});
  ASSERT_TRUE(admin);
  EXPECT_EQ(admin->status, 200);
}

TEST_F(ServerTest, CsrfForCookieSessions) {
  Start();
  auto cli = Client();
  ExpectJsonError(cli.Post("/api/change", {{"Cookie", "bsg_session=user"}}, "", "text/plain"), 403,
                  "csrf.missing");
  ExpectJsonError(cli.Post("/api/change", {{"Cookie", "bsg_session=user"}, {"X-CSRF-Token", "no"}},
                           "", "text/plain"),
                  403, "csrf.mismatch");
  auto ok = cli.Post("/api/change", {{"Cookie", "bsg_session=user"}, {"X-CSRF-Token", "csrf-ok"}},
                     "", "text/plain");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  // API tokens are not exposed to CSRF.
  auto token = cli.Post("/api/change", {{"Authorization", "Bearer good"}}, "", "text/plain");
  ASSERT_TRUE(token);
  EXPECT_EQ(token->status, 200);
  // csrf_exempt routes (sign-in) skip the check.
  auto login = cli.Post("/api/login", {{"Cookie", "bsg_session=user"}}, "", "text/plain");
  ASSERT_TRUE(login);
  EXPECT_EQ(login->status, 204);
  EXPECT_EQ(login->get_header_value("Set-Cookie"), "bsg_session=user");
  // Anonymous callers of a private route get 401, not a CSRF error.
  ExpectJsonError(cli.Post("/api/change", "", "text/plain"), 401, "auth.required");
}

TEST_F(ServerTest, NoAuthenticatorMeansAnonymous) {
  ServerOptions options;
  options.port = 0;
  Server server(options, router_, nullptr, nullptr);
  ASSERT_TRUE(server.Start().ok());
  httplib::Client cli("127.0.0.1", server.port());
  auto res = cli.Get("/api/me", {{"Cookie", "bsg_session=admin"}});
  ExpectJsonError(res, 401, "auth.required");
  auto ping = cli.Get("/api/ping");
  ASSERT_TRUE(ping);
  EXPECT_EQ(ping->status, 200);
}

// ---- access log

// Replaces the access logger with one writing bare lines into the returned stream (the test
// drops it with spdlog::drop("access") when done).
std::shared_ptr<std::ostringstream> CaptureAccessLog() {
  auto stream = std::make_shared<std::ostringstream>();
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(*stream);
  auto logger = std::make_shared<spdlog::logger>("access", sink);
  logger->set_pattern("%v");
  spdlog::drop("access");
  spdlog::register_logger(logger);
  return stream;
}

// The JSON error body of a raw response, or null.
json RawJsonBody(const std::string& raw) {
  std::size_t at = raw.find("\r\n\r\n");
  if (at == std::string::npos) return nullptr;
  return json::parse(raw.substr(at + 4), nullptr, false);
}

void ExpectRawJsonError(const std::string& raw, int status, const std::string& reason) {
  ASSERT_EQ(StatusOf(raw), status) << raw.substr(0, 300);
  EXPECT_NE(raw.find("Content-Type: application/json"), std::string::npos) << raw.substr(0, 300);
  EXPECT_NE(raw.find("Connection: close"), std::string::npos) << raw.substr(0, 300);
  json body = RawJsonBody(raw);
  ASSERT_TRUE(body.is_object()) << raw.substr(0, 300);
  EXPECT_EQ(body["code"], status);
  EXPECT_EQ(body["reason"], reason);
  EXPECT_TRUE(body["message"].is_string());
  EXPECT_TRUE(body["fields"].is_object());
}

std::size_t CountOf(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST_F(ServerTest, PipelinedRequestsAreAllAnsweredInOrder) {
  Start();
  std::string requests;
  for (int i = 1; i <= 5; ++i) {
    requests += "GET /api/ping?q=" + std::to_string(i) + " HTTP/1.1\r\nHost: x\r\n";
    if (i == 5) requests += "Connection: close\r\n";
    requests += "\r\n";
  }
  std::string raw = RawRequest(port(), requests);
  EXPECT_EQ(CountOf(raw, "HTTP/1.1 200 OK"), 5u) << raw;
  std::size_t last = 0;
  for (int i = 1; i <= 5; ++i) {
    std::size_t at = raw.find("\"q\":\"" + std::to_string(i) + "\"");
    ASSERT_NE(at, std::string::npos) << i;
    EXPECT_GT(at, last);
    last = at;
  }
}

TEST_F(ServerTest, AnOverlongRequestLineIs414WithABody) {
  Start();
  std::string raw = RawRequest(
      port(), "GET /api/ping?q=" + std::string(10000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
  ExpectRawJsonError(raw, 414, "request.uri_too_long");
}

TEST_F(ServerTest, TooManyHeadersAre431WithABody) {
  Start();
  std::string request = "GET /api/ping HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 150; ++i) request += "X-Header-" + std::to_string(i) + ": v\r\n";
  ExpectRawJsonError(RawRequest(port(), request + "\r\n"), 431, "request.headers_too_large");
}

TEST_F(ServerTest, AHugeHeaderIs431WithABody) {
  Start();
  std::string raw = RawRequest(port(), "GET /api/ping HTTP/1.1\r\nHost: x\r\nX-Big: " +
                                           std::string(32 * 1024, 'b') + "\r\n\r\n");
  ExpectRawJsonError(raw, 431, "request.headers_too_large");
}

TEST_F(ServerTest, ABadContentLengthIs400WithABody) {
  Start();
  std::string raw =
      RawRequest(port(), "POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 12ab\r\n\r\n{}");
  ExpectRawJsonError(raw, 400, "request.malformed");
}

TEST_F(ServerTest, ABadChunkSizeIs400WithABody) {
  Start();
  std::string raw =
      RawRequest(port(),
                 "POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Type: "
                 "application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n");
  ExpectRawJsonError(raw, 400, "request.malformed");
}

TEST_F(ServerTest, AnUnknownHttpVersionIs505) {
  Start();
  std::string raw = RawRequest(port(), "GET /api/ping HTTP/9.9\r\nHost: x\r\n\r\n");
  ExpectRawJsonError(raw, 505, "request.http_version");
}

TEST_F(ServerTest, AnAnswerToAMalformedRequestFollowsTheEarlierPipelinedOnes) {
  Start();
  std::string raw = RawRequest(port(),
                               "GET /api/ping?q=1 HTTP/1.1\r\nHost: x\r\n\r\n"
                               "GET /api/ping?q=2 HTTP/1.1\r\nHost: x\r\n\r\n"
                               "POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: x\r\n\r\n");
  EXPECT_EQ(CountOf(raw, "HTTP/1.1 200 OK"), 2u) << raw;
  EXPECT_NE(raw.find("HTTP/1.1 400 Bad Request"), std::string::npos) << raw;
  EXPECT_LT(raw.find("\"q\":\"2\""), raw.find("HTTP/1.1 400"));
}

TEST_F(ServerTest, ExpectContinueGets100BeforeTheBody) {
  Start();
  const int fd = Connect(port());
  ASSERT_GE(fd, 0);
  const std::string head =
      "POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 8\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n";
  ASSERT_EQ(send(fd, head.data(), head.size(), MSG_NOSIGNAL), static_cast<ssize_t>(head.size()));
  char buf[4096];
  const auto start = std::chrono::steady_clock::now();
  ssize_t n = recv(fd, buf, sizeof(buf), 0);
  ASSERT_GT(n, 0);
  EXPECT_EQ(std::string(buf, static_cast<std::size_t>(n)), "HTTP/1.1 100 Continue\r\n\r\n");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(4));
  const std::string body = R"({"a":1})"
                           " ";
  ASSERT_EQ(send(fd, body.data(), body.size(), MSG_NOSIGNAL), 8);
  std::string rest;
  while ((n = recv(fd, buf, sizeof(buf), 0)) > 0) rest.append(buf, static_cast<std::size_t>(n));
  close(fd);
  EXPECT_EQ(StatusOf(rest), 201) << rest;
  EXPECT_EQ(RawJsonBody(rest), json({{"a", 1}}));
}

TEST_F(ServerTest, ExpectContinueOverTheBodyLimitGets413AtOnce) {
  ServerOptions options;
  options.max_body_bytes = 100;
  Start(options);
  std::string raw = RawRequest(port(),
                               "POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n"
                               "Expect: 100-continue\r\n\r\n");
  ExpectRawJsonError(raw, 413, "request.body_too_large");
  EXPECT_EQ(raw.find("100 Continue"), std::string::npos);
}

TEST_F(ServerTest, MalformedRequestsAreLogged) {
  auto stream = CaptureAccessLog();
  Start();
  RawRequest(port(),
             "GET /api/ping HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'b') + "\r\n\r\n");
  RawRequest(port(), "POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n");
  server_->Stop();
  spdlog::drop("access");
  std::istringstream lines(stream->str());
  std::string line;
  std::vector<int> statuses;
  while (std::getline(lines, line)) {
    json entry = json::parse(line, nullptr, false);
    ASSERT_TRUE(entry.is_object()) << line;
    EXPECT_EQ(entry["route"], "(malformed)");
    EXPECT_EQ(entry["remote"], "127.0.0.1");
    statuses.push_back(entry["status"].get<int>());
  }
  EXPECT_EQ(statuses, (std::vector<int>{431, 400}));
}

TEST_F(ServerTest, HeavyRoutesRunOnTheirOwnWorkersAndAFullQueueIs503) {
  std::atomic<int> entered{0};
  std::atomic<bool> release{false};
  Route heavy =
      MakeRoute(Method::kGet, "/api/heavy", Policy::Public(), [&](Request&) -> Result<Response> {
        ++entered;
        while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return Response::Json({{"heavy", true}});
      });
  heavy.cost = Cost::kHeavy;
  router_.Add(heavy);
  // A heavy route whose answer is cached is answered on the request threads.
  Route cached = heavy;
  cached.pattern = "/api/heavy-cached";
  cached.cached = [](Request& req) -> std::optional<Response> {
    if (req.Query("built")) return Response::Json({{"cached", true}});
    return std::nullopt;
  };
  router_.Add(cached);
  ServerOptions options;
  options.heavy_threads = 1;
  options.heavy_queue = 1;
  Start(options);
  const std::string request = "GET /api/heavy HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  auto first = std::async(std::launch::async, [&] { return RawRequest(port(), request); });
  while (entered < 1) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  // The heavy worker is busy: cheap routes and cached answers are given all the same.
  for (int i = 0; i < 20; ++i) {
    auto cli = Client();
    auto res = cli.Get("/api/ping");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    auto hit = cli.Get("/api/heavy-cached?built=1");
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->status, 200);
    EXPECT_EQ(hit->body, R"({"cached":true})");
  }
  // One more heavy request waits in the queue; the next finds it full.
  auto second = std::async(std::launch::async, [&] { return RawRequest(port(), request); });
  auto third = std::async(std::launch::async, [&] { return RawRequest(port(), request); });
  std::string refused;
  for (int i = 0; i < 1000 && refused.empty(); ++i) {
    if (second.wait_for(std::chrono::milliseconds(5)) == std::future_status::ready) {
      refused = second.get();
    } else if (third.wait_for(std::chrono::milliseconds(5)) == std::future_status::ready) {
      refused = third.get();
    }
  }
  EXPECT_EQ(entered, 1);
  release = true;
  ExpectRawJsonError(refused, 503, "server.busy");
  EXPECT_NE(refused.find("Retry-After: 5"), std::string::npos) << refused;
  EXPECT_EQ(StatusOf(first.get()), 200);
  std::string queued = second.valid() ? second.get() : third.get();
  EXPECT_EQ(StatusOf(queued), 200) << queued;
  EXPECT_EQ(entered, 2);
}

TEST_F(ServerTest, AccessLogIsOneJsonObjectPerLineWithoutSecrets) {
  auto stream = CaptureAccessLog();
  Start();
  auto cli = Client();
  cli.Get("/api/ping?token=secret-query",
          {{"Cookie", "bsg_session=user"}, {"Authorization", "Bearer secret-token"}});
  cli.Post("/api/echo", R"({"password": "secret-body"})", "application/json");
  server_->Stop();
  spdlog::drop("access");
  std::istringstream lines(stream->str());
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    ++count;
    json entry = json::parse(line, nullptr, false);
    ASSERT_TRUE(entry.is_object()) << line;
    for (const char* key : {"time", "request_id", "method", "path", "route", "status",
                            "duration_ms", "bytes", "remote"}) {
      EXPECT_TRUE(entry.contains(key)) << key << " in " << line;
    }
    EXPECT_EQ(line.find("secret"), std::string::npos) << line;
  }
  EXPECT_EQ(count, 2);
  json first = json::parse(stream->str().substr(0, stream->str().find('\n')));
  EXPECT_EQ(first["path"], "/api/ping");
  EXPECT_EQ(first["route"], "/api/ping");
  EXPECT_EQ(first["status"], 200);
  EXPECT_EQ(first["method"], "GET");
  EXPECT_EQ(first["remote"], "127.0.0.1");
}

TEST_F(ServerTest, AVersionedReadIsBuiltOnceWhileTheDataStaysTheSame) {
  Start(WithDataVersion());
  auto cli = Client();
  auto first = cli.Get("/api/versioned?x=1");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  const std::string etag = first->get_header_value("ETag");
  EXPECT_FALSE(etag.empty());
  EXPECT_EQ(first->get_header_value("Cache-Control"), "public, no-cache");
  auto second = cli.Get("/api/versioned?x=1");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->body, first->body);
  EXPECT_EQ(versioned_builds_, 1) << "the repeat came from memory";

  // Revalidation: 304 without a build.
  auto again = cli.Get("/api/versioned?x=1", {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  EXPECT_EQ(versioned_builds_, 1);

  // Another query is another answer.
  ASSERT_TRUE(cli.Get("/api/versioned?x=2"));
  EXPECT_EQ(versioned_builds_, 2);

  // A write moves the data version: the next read is built again, with a new ETag.
  data_version_ = "events=2";
  auto changed = cli.Get("/api/versioned?x=1", {{"If-None-Match", etag}});
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->status, 200);
  EXPECT_NE(changed->get_header_value("ETag"), etag);
  EXPECT_EQ(json::parse(changed->body)["version"], "events=2");
  EXPECT_EQ(versioned_builds_, 3);
}

TEST_F(ServerTest, AVersionedReadIsKeptPerCaller) {
  Start(WithDataVersion());
  auto cli = Client();
  auto anyone = cli.Get("/api/versioned");
  auto user = cli.Get("/api/versioned", {{"Cookie", "bsg_session=user"}});
  auto admin = cli.Get("/api/versioned", {{"Cookie", "bsg_session=admin"}});
  ASSERT_TRUE(anyone && user && admin);
  EXPECT_EQ(json::parse(anyone->body)["who"], "anyone");
  EXPECT_EQ(json::parse(user->body)["who"], "user@example.org");
  EXPECT_EQ(json::parse(admin->body)["who"], "admin@example.org");
  EXPECT_EQ(versioned_builds_, 3);
  EXPECT_EQ(user->get_header_value("Cache-Control"), "private, no-cache");
  EXPECT_NE(user->get_header_value("ETag"), anyone->get_header_value("ETag"));
  // One caller's tag does not revalidate another's answer.
  auto cross = cli.Get("/api/versioned", {{"If-None-Match", user->get_header_value("ETag")}});
  ASSERT_TRUE(cross);
  EXPECT_EQ(cross->status, 200);
  EXPECT_EQ(json::parse(cross->body)["who"], "anyone");
}

TEST_F(ServerTest, AVersionedReadIsGzippedOnceForEveryClientThatAcceptsIt) {
  Start(WithDataVersion());
  auto cli = Client();
  cli.set_decompress(false);
  auto plain = cli.Get("/api/versioned");
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->has_header("Content-Encoding"));
  for (int i = 0; i < 2; ++i) {
    auto gz = cli.Get("/api/versioned", {{"Accept-Encoding", "gzip"}});
    ASSERT_TRUE(gz);
    EXPECT_EQ(gz->get_header_value("Content-Encoding"), "gzip");
    EXPECT_LT(gz->body.size(), plain->body.size());
  }
  auto inflated = Client().Get("/api/versioned", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(inflated);
  EXPECT_EQ(inflated->body, plain->body);
  EXPECT_EQ(versioned_builds_, 1);
}

TEST_F(ServerTest, WithoutADataVersionAVersionedReadRunsEveryTime) {
  Start();
  auto cli = Client();
  ASSERT_TRUE(cli.Get("/api/versioned"));
  auto second = cli.Get("/api/versioned");
  ASSERT_TRUE(second);
  EXPECT_EQ(versioned_builds_, 2);
  EXPECT_EQ(second->get_header_value("Cache-Control"), "no-store");
}

TEST_F(ServerTest, TheDataVersionIsReusedUntilAWriteFinishesHere) {
  Start(WithDataVersion(std::chrono::hours(1)));
  auto cli = Client();
  auto first = cli.Get("/api/versioned");
  ASSERT_TRUE(first);
  // Another process wrote: within the max age this server answers what it holds.
  data_version_ = "events=2";
  auto held = cli.Get("/api/versioned");
  ASSERT_TRUE(held);
  EXPECT_EQ(json::parse(held->body)["version"], "events=1");
  EXPECT_EQ(versioned_builds_, 1);
  // A write answered by this server: the next read asks again.
  auto changed =
      cli.Post("/api/change", {{"Cookie", "bsg_session=user"}, {"X-CSRF-Token", "csrf-ok"}}, "",
               "application/json");
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->status, 200);
  auto fresh = cli.Get("/api/versioned");
  ASSERT_TRUE(fresh);
  EXPECT_EQ(json::parse(fresh->body)["version"], "events=2");
  EXPECT_EQ(versioned_builds_, 2);
}

TEST_F(ServerTest, AVersionedReadAnswersTheDataVersionsFailure) {
  Start(WithDataVersion());
  data_version_fails_ = true;
  auto res = Client().Get("/api/versioned");
  ExpectJsonError(res, 503, "db.unreachable");
  EXPECT_EQ(versioned_builds_, 0);
}

}  // namespace
}  // namespace bsg::http
