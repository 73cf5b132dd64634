// The HTTP server (RESTinio underneath; no other file includes RESTinio).
//
// Per request, in order: request id; size limit (413 from Content-Length before reading the
// body); route lookup (JSON 404/405 for /api/*, static files or index.html otherwise);
// authentication through the Authenticator; the route's Policy (401/403); the CSRF check for
// state-changing requests authenticated by cookie (403 csrf.missing / csrf.mismatch) unless the
// route is csrf_exempt; the handler; the error mapping; the access log line and metrics.
//
// Thread-safety: Run/Start/Stop from one thread; handlers run on the pool threads.
#ifndef BSG_PLATFORM_HTTP_SERVER_H_
#define BSG_PLATFORM_HTTP_SERVER_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "platform/http/request.h"
#include "platform/http/router.h"
#include "platform/status.h"

namespace bsg::http {

// Establishes who is calling. Implemented by the identity module; the platform knows no users.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // nullopt for an anonymous request; Unauthenticated (401, e.g. session.expired) when the
  // request carries credentials that are invalid or expired.
  virtual Result<std::optional<Principal>> Authenticate(const Request& request) = 0;
  // Checks the CSRF token of a state-changing request authenticated by a session cookie.
  // PermissionDenied (403, csrf.missing or csrf.mismatch) when it does not match.
  virtual Status CheckCsrf(const Request& request, const Principal& principal) = 0;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: pick a free port; see Server::port()
  int threads = 2;
  std::size_t max_body_bytes = 10 * 1024 * 1024;
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds write_timeout{30};
  std::chrono::seconds idle_timeout{60};  // keep-alive
  std::string static_dir;                 // built web app (web/dist); empty: no static serving
};

class Metrics;

class Server {
 public:
  Server(ServerOptions options, const Router& router, Authenticator* authenticator,
         Metrics* metrics);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Starts listening and serving on background threads; returns once the port is bound.
  Status Start();
  // The bound port (useful with port 0), valid after Start.
  std::uint16_t port() const;
  // Stops accepting, lets in-flight requests finish, joins the threads.
  void Stop();
  // Start, then block until SIGTERM or SIGINT, then Stop. Returns ok after a clean stop.
  Status RunUntilSignal();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bsg::http

#endif  // BSG_PLATFORM_HTTP_SERVER_H_
