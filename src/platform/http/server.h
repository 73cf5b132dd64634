// The HTTP server (RESTinio underneath; no other file includes RESTinio).
//
// Per request, in order: request id; size limit (413 from Content-Length before reading the
// body); route lookup (JSON 404/405 for /api/*, static files or index.html otherwise);
// authentication through the Authenticator; the route's Policy (401/403); the CSRF check for
// state-changing requests authenticated by cookie (403 csrf.missing / csrf.mismatch) unless the
// route is csrf_exempt; the handler; the error mapping; the access log line and metrics.
// Credentials that fail to authenticate are an error (the Authenticator's 401) on non-public
// routes only; on public routes the caller simply proceeds as anonymous. Handler exceptions
// become a logged 500. Every response carries Referrer-Policy (same-origin), Permissions-Policy
// and, with ServerOptions::https, Strict-Transport-Security; HTML responses without a
// Content-Security-Policy of their own get kAppContentSecurityPolicy. See
// src/platform/http/README.md.
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
#include <string_view>

#include "platform/http/forwarded.h"
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
  // A state-changing request finished (committed or not): credentials an authenticator keeps in
  // memory are checked against the database again before they are trusted.
  virtual void NoteWrite() {}
};

// The Content-Security-Policy of the web app's HTML (index.html and the SPA fallback): scripts,
// styles, fonts and fetches from this origin only, no inline scripts or style elements, images
// also as data: URLs, framed by no one.
inline constexpr std::string_view kAppContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
inline constexpr std::string_view kPermissionsPolicy =
    "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

struct ServerOptions {
  std::string host = "127.0.0.1";  // an IPv4 or IPv6 address, or "localhost"
  std::uint16_t port = 8080;       // 0: pick a free port; see Server::port()
  int threads = 2;
  // Larger bodies get 413 (request.body_too_large) decided from Content-Length before the body
  // is read; the body is then read and discarded (never buffered) so the client sees the
  // answer, and the connection is closed. A body declared more than 64 MiB over the limit is
  // not read at all: the connection is closed at once.
  std::size_t max_body_bytes = 10 * 1024 * 1024;
  // RESTinio 0.6 has one timer from the end of a response until the next request is read
  // completely; it runs for min(read_timeout, idle_timeout), so neither limit is exceeded.
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds write_timeout{30};
  std::chrono::seconds idle_timeout{60};  // keep-alive
  std::string static_dir;                 // built web app (web/dist); empty: no static serving
  // Stop waits this long for in-flight requests before closing what is left.
  std::chrono::seconds shutdown_grace{30};
  // API responses at least this large are gzipped for clients that accept it; 0: never.
  std::size_t gzip_min_bytes = 1024;
  // Peers whose X-Forwarded-For is believed (Request::remote_address is then the client behind
  // them; see forwarded.h). Empty: the peer is the client.
  TrustedProxies trusted_proxies;
  // The public address is https (server.base_url starts with https://): every request counts as
  // secure (Request::secure; cookies get Secure) and responses carry Strict-Transport-Security.
  // Otherwise only a trusted proxy's `X-Forwarded-Proto: https` makes a request secure.
  bool https = false;
  // Heavy routes (Route::cost) run on this many threads of their own, with at most heavy_queue
  // requests waiting; more get 503 (server.busy) with Retry-After.
  int heavy_threads = 1;
  std::size_t heavy_queue = 64;
  // Documents an anonymous caller's address may have built per minute (Request::AdmitRender;
  // cached answers are not counted), with up to anonymous_render_burst at once; 0: no limit.
  int anonymous_renders_per_minute = 60;
  int anonymous_render_burst = 30;
  // Versioned routes (Route::versioned) are answered from a cache of this many bytes while
  // `data_version` returns the same string (db::DataVersion); 0, or no data_version: every
  // request runs its handler.
  std::size_t read_cache_bytes = 32 * 1024 * 1024;
  std::function<Result<std::string>()> data_version;
  // The data version read is reused for this long, unless a state-changing request answered by
  // this server finished meanwhile (so a client always reads its own writes at once); writes by
  // other processes on the database (other servers, the CLI) are seen within this time. 0: read
  // on every request.
  std::chrono::milliseconds data_version_max_age{2};
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
  // Unavailable (server.listen_failed) when the address cannot be bound; Internal
  // (server.already_started) when called twice.
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
