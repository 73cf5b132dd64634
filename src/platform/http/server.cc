// The HTTP server: RESTinio 0.6 underneath. This is the only file of the project that includes
// RESTinio, so a move to RESTinio 0.7 or Boost.Beast touches this file alone.
//
// RESTinio calls one request handler (Core::Handle) per complete request, on one of the pool
// threads. Routing is ours (Router), not RESTinio's express router.
//
// Body limit: RESTinio, given max_body_size, closes the connection without a word on a larger
// body. We install our own http_parser callbacks (an explicit specialisation of
// restinio::impl::create_parser_settings for our traits' method mapper) that, when the declared
// Content-Length (or the chunked total so far) is over the limit, mark the request with a
// private header and discard the body bytes instead of buffering them. The handler sees the
// mark and answers 413 with the JSON error body, then closes the connection.
#include "platform/http/server.h"

#include <pthread.h>
#include <signal.h>
#include <strings.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <climits>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <future>
#include <mutex>
#include <restinio/http_server.hpp>
#include <restinio/sendfile.hpp>
#include <restinio/traits.hpp>
#include <thread>
#include <vector>

#include "platform/compress.h"
#include "platform/http/http_internal.h"
#include "platform/http/metrics.h"
#include "platform/http/rate_limit.h"
#include "platform/http/response.h"
#include "platform/http/response_cache.h"
#include "platform/log.h"
#include "platform/recent_value.h"
#include "platform/time/clock.h"

namespace bsg::http {
namespace rt {

// Set by our parser callbacks on a request whose body is over the limit; removed from anything
// a client sends, so it cannot be forged.
constexpr std::string_view kTooLargeMark = "x-bsg-internal-body-too-large";
// Set on a message once "100 Continue" was sent for it (see consume_data below).
constexpr std::string_view kContinuedMarkName = "x-bsg-internal-continued";
// A body declared this much over the limit is not drained: the connection is closed at once.
constexpr std::uint64_t kMaxDrainBytes = 64ull * 1024 * 1024;
// Chunked bodies: more chunks than this is abuse (each costs RESTinio a bookkeeping entry).
constexpr std::size_t kMaxChunks = 100000;

// Only a distinct type, so that create_parser_settings can be specialised for our server.
struct HttpMethods : restinio::default_http_methods_t {};

// The HTTP status that one of our parser callbacks stopped the parser for (0: none). Set on the
// connection's thread inside http_parser_execute and read right after it (ConsumeData).
inline thread_local int t_stop_status = 0;

inline int Stop(int status) {
  t_stop_status = status;
  return -1;
}

inline restinio::impl::http_parser_ctx_t* Ctx(http_parser* parser) {
  return static_cast<restinio::impl::http_parser_ctx_t*>(parser->data);
}

inline bool Marked(restinio::impl::http_parser_ctx_t* ctx) {
  return ctx->m_header.has_field(kTooLargeMark);
}

inline void Mark(restinio::impl::http_parser_ctx_t* ctx) {
  ctx->m_header.set_field(std::string(kTooLargeMark), "1");
  std::string().swap(ctx->m_body);  // free what was buffered
}

inline int OnHeadersComplete(http_parser* parser) {
  auto* ctx = Ctx(parser);
  ctx->m_header.remove_field(kTooLargeMark);
  ctx->m_header.remove_field(kContinuedMarkName);
  if (parser->http_major != 1) return Stop(505);
  const std::uint64_t limit = ctx->m_limits.max_body_size();
  if (parser->content_length != ULLONG_MAX && parser->content_length > limit) {
    if (parser->content_length - limit > kMaxDrainBytes) return Stop(413);
    ctx->m_leading_headers_completed = true;
    try {
      Mark(ctx);
    } catch (const std::exception&) {
      return -1;
    }
    return 0;
  }
  return restinio::impl::restinio_headers_complete_cb(parser);
}

inline int OnBody(http_parser* parser, const char* at, size_t length) {
  auto* ctx = Ctx(parser);
  if (Marked(ctx)) return 0;  // draining
  if (static_cast<std::uint64_t>(ctx->m_body.size()) + length > ctx->m_limits.max_body_size()) {
    try {
      Mark(ctx);
    } catch (const std::exception&) {
      return -1;
    }
    return 0;
  }
  return restinio::impl::restinio_body_cb(parser, at, length);
}

inline int OnChunkHeader(http_parser* parser) {
  auto* ctx = Ctx(parser);
  if (Marked(ctx)) return 0;
  if (ctx->m_chunked_info_block.m_chunks.size() >= kMaxChunks) return Stop(413);
  return restinio::impl::restinio_chunk_header_cb(parser);
}

}  // namespace rt
}  // namespace bsg::http

namespace restinio::impl {

// Our parser callbacks: RESTinio's, except for the body limit (see the top of this file).
template <>
inline http_parser_settings create_parser_settings<bsg::http::rt::HttpMethods>() noexcept {
  http_parser_settings settings = create_parser_settings<restinio::default_http_methods_t>();
  settings.on_headers_complete = &bsg::http::rt::OnHeadersComplete;
  settings.on_body = &bsg::http::rt::OnBody;
  settings.on_chunk_header = &bsg::http::rt::OnChunkHeader;
  return settings;
}

}  // namespace restinio::impl

namespace bsg::http {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// RESTinio's own diagnostics (parse errors, timeouts, closed sockets) at debug level: they are
// mostly about misbehaving clients.
class RestinioLogger {
 public:
  explicit RestinioLogger(std::shared_ptr<spdlog::logger> logger) : logger_(std::move(logger)) {}
  template <typename Builder>
  void trace(Builder&&) const noexcept {}
  template <typename Builder>
  void info(Builder&&) const noexcept {}
  template <typename Builder>
  void warn(Builder&& builder) const noexcept {
    Log(builder);
  }
  template <typename Builder>
  void error(Builder&& builder) const noexcept {
    Log(builder);
  }

 private:
  template <typename Builder>
  void Log(Builder& builder) const noexcept {
    try {
      if (logger_ && logger_->should_log(spdlog::level::debug)) {
        logger_->debug("http: {}", builder());
      }
    } catch (...) {
    }
  }
  std::shared_ptr<spdlog::logger> logger_;
};

class ConnectionListener {
 public:
  explicit ConnectionListener(Metrics* metrics) : metrics_(metrics) {}
  void state_changed(const restinio::connection_state::notice_t& notice) noexcept {
    if (metrics_ == nullptr) return;
    const auto cause = notice.cause();
    if (restinio::holds_alternative<restinio::connection_state::accepted_t>(cause)) {
      metrics_->ConnectionOpened();
    } else if (restinio::holds_alternative<restinio::connection_state::closed_t>(cause)) {
      metrics_->ConnectionClosed();
    }
  }

 private:
  Metrics* metrics_;
};

class Core;

struct RequestHandler {
  Core* core;
  restinio::request_handling_status_t operator()(restinio::request_handle_t req) const;
};

struct Traits : restinio::traits_t<restinio::asio_timer_manager_t, RestinioLogger, RequestHandler> {
  using http_methods_mapper_t = rt::HttpMethods;
  using connection_state_listener_t = ConnectionListener;
};

using HttpServer = restinio::http_server_t<Traits>;

// The whole answer (status line, headers, JSON error body) to a request the parser refused, with
// its access-log line and metrics; defined with Core below.
std::string MalformedResponse(Core* core, int status, const asio::ip::tcp::endpoint& remote);

}  // namespace
}  // namespace bsg::http

namespace bsg::http::rt {

// A message's mark that "100 Continue" was sent for it.
constexpr std::string_view kContinuedMark = kContinuedMarkName;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

// The answer to a request the parser stopped on.
inline int StatusForParserError(http_errno error) {
  if (t_stop_status != 0) return t_stop_status;
  switch (error) {
    case HPE_CB_url:
      return 414;
    case HPE_CB_header_field:
    case HPE_CB_header_value:
    case HPE_HEADER_OVERFLOW:
      return 431;
    default:
      return 400;
  }
}

inline bool ExpectsContinue(const restinio::http_request_header_t& header) {
  const std::string expect = header.get_field_or(restinio::http_field::expect, std::string());
  return expect.size() == 12 && strncasecmp(expect.data(), "100-continue", 12) == 0;
}

}  // namespace bsg::http::rt

namespace restinio::impl {

// RESTinio 0.6's consume_data, with two additions. (1) When the parser stops on a request (a
// request line or header fields over the limits, a malformed Content-Length or chunk size, an
// HTTP version other than 1.x, a body far over the limit), RESTinio closes the connection without
// a word; we answer 400, 413, 414, 431 or 505 with the JSON error body, after the answers to the
// requests pipelined before it, and then close. (2) "Expect: 100-continue" gets "100 Continue"
// once the header is read (or 413 at once when the declared body is over the limit), so that
// clients do not wait for their timeout before sending the body. The 100 is written directly
// when nothing else is being written on the connection; otherwise the client sends the body
// after its own timeout, as it would without the 100.
template <>
inline void connection_t<bsg::http::Traits>::consume_data(const char* data, std::size_t length) {
  namespace rt = bsg::http::rt;
  auto& parser = m_input.m_parser;
  auto& ctx = m_input.m_parser_ctx;
  rt::t_stop_status = 0;
  const auto nparsed = http_parser_execute(&parser, &(m_settings->m_parser_settings), data, length);
  m_input.m_buf.consumed_bytes(nparsed);

  int reject = 0;
  if (HPE_OK != parser.http_errno && HPE_PAUSED != parser.http_errno) {
    reject = rt::StatusForParserError(HTTP_PARSER_ERRNO(&parser));
  } else if (!ctx.m_message_complete && ctx.m_leading_headers_completed && parser.http_minor >= 1 &&
             !ctx.m_header.has_field(rt::kContinuedMark) && rt::ExpectsContinue(ctx.m_header)) {
    if (rt::Marked(&ctx)) {
      reject = 413;
    } else if (m_response_coordinator.empty() && !m_write_output_ctx.transmitting()) {
      ctx.m_header.set_field(std::string(rt::kContinuedMark), "1");
      asio_ns::error_code ec;
      asio_ns::write(m_socket, asio_ns::buffer(rt::kContinue.data(), rt::kContinue.size()), ec);
      if (ec) {
        trigger_error_and_close([&] {
          return fmt::format("[connection:{}] cannot write 100 Continue", connection_id());
        });
        return;
      }
    }
  }

  if (reject != 0) {
    if (!m_response_coordinator.is_able_to_get_more_messages()) {
      trigger_error_and_close([&] {
        return fmt::format("[connection:{}] malformed request ({})", connection_id(), reject);
      });
      return;
    }
    const auto request_id = m_response_coordinator.register_new_request();
    writable_items_container_t items;
    items.emplace_back(
        bsg::http::MalformedResponse(m_request_handler.core, reject, m_remote_endpoint));
    write_response_parts_impl(request_id,
                              response_output_flags_t{response_parts_attr_t::final_parts,
                                                      response_connection_attr_t::connection_close},
                              write_group_t{std::move(items)});
    return;
  }

  if (ctx.m_message_complete) {
    on_request_message_complete();
  } else {
    consume_message();
  }
}

}  // namespace restinio::impl

namespace bsg::http {
namespace {

// What the pipeline decided for one request.
struct Outcome {
  Response response;
  std::optional<restinio::sendfile_t> file;  // a static file to send instead of response.body
  std::uint64_t file_size = 0;
  bool static_file = false;  // a file's metadata answer: Content-Length is file_size
  const Route* route = nullptr;
  std::string_view route_label = "(unmatched)";
  bool close = false;     // close the connection after the response
  bool deferred = false;  // a heavy route's handler, to run on the heavy workers
};

std::optional<Method> MethodFromParser(int raw) {
  switch (raw) {
    case HTTP_GET:
      return Method::kGet;
    case HTTP_HEAD:
      return Method::kHead;
    case HTTP_POST:
      return Method::kPost;
    case HTTP_PUT:
      return Method::kPut;
    case HTTP_PATCH:
      return Method::kPatch;
    case HTTP_DELETE:
      return Method::kDelete;
    case HTTP_OPTIONS:
      return Method::kOptions;
    default:
      return std::nullopt;
  }
}

bool IsUnder(const fs::path& path, const fs::path& root) {
  auto [root_end, path_it] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return root_end == root.end();
}

// The heavy routes' threads: a bounded queue of tasks, run in order of arrival.
class WorkerPool {
 public:
  WorkerPool(int threads, std::size_t max_queue) : max_queue_(max_queue) {
    for (int i = 0; i < std::max(1, threads); ++i) {
      threads_.emplace_back([this] { Run(); });
    }
  }
  ~WorkerPool() { Stop(); }

  // False when the queue is full (or the pool stopped): the caller answers 503.
  bool TryPost(std::function<void()> task) {
    {
      std::lock_guard lock(mu_);
      if (stopped_ || queue_.size() >= max_queue_) return false;
      queue_.push_back(std::move(task));
    }
    cv_.notify_one();
    return true;
  }

  // Runs what is running to its end, drops what waits, joins the threads.
  void Stop() {
    {
      std::lock_guard lock(mu_);
      if (stopped_) return;
      stopped_ = true;
      queue_.clear();
    }
    cv_.notify_all();
    for (std::thread& t : threads_) t.join();
    threads_.clear();
  }

 private:
  void Run() {
    while (true) {
      std::function<void()> task;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [this] { return stopped_ || !queue_.empty(); });
        if (stopped_) return;
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      task();
    }
  }

  const std::size_t max_queue_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stopped_ = false;
  std::vector<std::thread> threads_;
};

// Headers of every answer, the parser's refusals included (Prepare, Malformed).
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kEveryResponseHeaders = {{
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "same-origin"},
    {"Permissions-Policy", kPermissionsPolicy},
}};

// Requests a client may send ahead on one connection before reading answers (HTTP/1.1
// pipelining); they are handled in order, and answered in order.
constexpr std::size_t kMaxPipelinedRequests = 16;

class Core {
 public:
  Core(ServerOptions options, const Router& router, Authenticator* authenticator, Metrics* metrics)
      : options_(std::move(options)),
        router_(router),
        authenticator_(authenticator),
        metrics_(metrics),
        render_limiter_(options_.anonymous_renders_per_minute, options_.anonymous_render_burst) {
    if (options_.read_cache_bytes > 0 && options_.data_version) {
      read_cache_ = std::make_unique<ResponseCache>(options_.read_cache_bytes,
                                                    ResponseCache::Admission::kFree);
    }
  }

  ~Core() { Stop(); }

  Status Start();
  void Stop();
  std::uint16_t port() const { return port_.load(); }

  restinio::request_handling_status_t Handle(restinio::request_handle_t req);
  // The answer to a request the parser refused (see consume_data above): logged and counted.
  std::string Malformed(int status, const asio::ip::tcp::endpoint& remote);

 private:
  // Answers `req`: on the calling thread, or for a heavy route's build on the heavy workers.
  void Respond(const restinio::request_handle_t& req, Clock::time_point start);
  // Runs `step`, turning an exception into a 500 in `out`.
  template <typename Step>
  void Guarded(const Request& request, Outcome& out, Step&& step);
  // Sends `out`, then counts and logs it.
  void Send(const restinio::request_handle_t& req, const Request& request, Outcome& out,
            Clock::time_point start);
  void FillRequest(const restinio::request_t& req, Request& request, bool& bad_path,
                   bool& too_large, bool& bad_method);
  void Process(const restinio::request_t& req, Request& request, Outcome& out);
  void RunHandler(Request& request, Outcome& out);
  void ServeStatic(const Request& request, Outcome& out);
  void ServeFile(const Request& request, const fs::path& file, Outcome& out);
  using Builder = restinio::response_builder_t<restinio::user_controlled_output_t>;
  // Builds the RESTinio response (headers, gzip, body); `bytes` gets the body bytes to be sent.
  // The caller sends it with Finish.
  Builder Prepare(restinio::request_t& req, const Request& request, Outcome& out,
                  std::uint64_t& bytes);
  void Finish(Builder& builder);
  void LogAccess(const Request& request, std::string_view method, const Outcome& out,
                 double seconds, std::uint64_t bytes);
  void Error(const Request& request, Outcome& out, const Status& status);

  const ServerOptions options_;
  const Router& router_;
  Authenticator* const authenticator_;
  Metrics* const metrics_;

  std::shared_ptr<spdlog::logger> app_log_;
  std::shared_ptr<spdlog::logger> access_log_;  // nullptr: no access log
  fs::path static_root_;                        // canonical; empty: no static serving
  std::vector<Metrics::Series*> route_series_;  // parallel to router_.routes()
  // "(static)" and "(unmatched)" series by Method, the last for methods we do not support.
  static constexpr std::size_t kOtherMethod = 7;
  std::array<Metrics::Series*, kOtherMethod + 1> static_series_{};
  std::array<Metrics::Series*, kOtherMethod + 1> unmatched_series_{};
  Metrics::Series* malformed_series_ = nullptr;

  RateLimiter render_limiter_;
  std::unique_ptr<ResponseCache> read_cache_;  // of versioned routes; nullptr: none
  // options_.data_version's last answer, reused for data_version_max_age while no state-changing
  // request finished.
  RecentValue<std::string> data_version_{options_.data_version_max_age};
  std::unique_ptr<WorkerPool> heavy_;

  std::atomic<std::uint16_t> port_{0};
  std::atomic<int> in_flight_{0};  // from handler entry until the response is written
  std::atomic<bool> stopping_{false};
  bool running_ = false;

  std::unique_ptr<asio::io_context> io_;
  std::unique_ptr<HttpServer> server_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  std::vector<std::thread> threads_;
};

restinio::request_handling_status_t RequestHandler::operator()(
    restinio::request_handle_t req) const {
  return core->Handle(std::move(req));
}

Status Core::Start() {
  if (running_) return Status::Internal("server.already_started", "The server is already running.");
  app_log_ = log::App();
  access_log_ = log::Access();
  stopping_ = false;

  if (!options_.static_dir.empty()) {
    std::error_code ec;
    fs::path root = fs::canonical(options_.static_dir, ec);
    if (ec || !fs::is_directory(root, ec)) {
      app_log_->warn("static directory {} not found; serving the API only", options_.static_dir);
    } else {
      static_root_ = root;
    }
  }

  if (metrics_ != nullptr) {
    route_series_.clear();
    for (const Route& r : router_.routes()) {
      route_series_.push_back(metrics_->GetSeries(MethodName(r.method), r.pattern));
    }
    for (std::size_t m = 0; m <= kOtherMethod; ++m) {
      std::string_view name = m < kOtherMethod ? MethodName(static_cast<Method>(m)) : "OTHER";
      static_series_[m] = metrics_->GetSeries(name, "(static)");
      unmatched_series_[m] = metrics_->GetSeries(name, "(unmatched)");
    }
    malformed_series_ = metrics_->GetSeries("OTHER", "(malformed)");
  }

  std::string host = options_.host == "localhost" ? "127.0.0.1" : options_.host;
  asio::error_code ec;
  asio::ip::address address = asio::ip::make_address(host, ec);
  if (ec) {
    return Status::Unavailable("server.listen_failed", "Bad listen address '" + host + "'.");
  }

  const int threads = std::max(1, options_.threads);
  io_ = std::make_unique<asio::io_context>(threads);
  const auto read_timeout = std::min(options_.read_timeout, options_.idle_timeout);
  try {
    server_ =
        std::make_unique<HttpServer>(restinio::external_io_context(*io_), [&](auto& settings) {
          settings.port(options_.port)
              .protocol(address.is_v6() ? asio::ip::tcp::v6() : asio::ip::tcp::v4())
              .address(address)
              .request_handler(RequestHandler{this})
              .logger(app_log_)
              .connection_state_listener(std::make_shared<ConnectionListener>(metrics_))
              .read_next_http_message_timelimit(read_timeout)
              .write_http_response_timelimit(options_.write_timeout)
              .handle_request_timeout(std::chrono::seconds(300))
              .buffer_size(16 * 1024)
              .max_pipelined_requests(kMaxPipelinedRequests)
              .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                            .max_url_size(8 * 1024)
                                            .max_field_name_size(1024)
                                            .max_field_value_size(16 * 1024)
                                            .max_field_count(100)
                                            .max_body_size(options_.max_body_bytes))
              .acceptor_post_bind_hook([this](asio::ip::tcp::acceptor& acceptor) {
                port_ = acceptor.local_endpoint().port();
              });
        });
  } catch (const std::exception& e) {
    io_.reset();
    return Status::Unavailable("server.listen_failed", e.what());
  }

  if (std::any_of(router_.routes().begin(), router_.routes().end(),
                  [](const Route& r) { return r.cost == Cost::kHeavy; })) {
    heavy_ = std::make_unique<WorkerPool>(options_.heavy_threads, options_.heavy_queue);
  }
  work_.emplace(asio::make_work_guard(*io_));
  // Stop signals go to the thread that waits for them (RunUntilSignal, `bsg serve`): the pool
  // threads inherit a mask that blocks them.
  sigset_t stop_signals;
  sigset_t old_mask;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, &old_mask);
  for (int i = 0; i < threads; ++i) {
    threads_.emplace_back([this] { io_->run(); });
  }
  pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);

  std::promise<Status> opened;
  server_->open_async([&opened] { opened.set_value(Status::Ok()); },
                      [&opened](std::exception_ptr ex) {
                        std::string what = "unknown error";
                        try {
                          std::rethrow_exception(ex);
                        } catch (const std::exception& e) {
                          what = e.what();
                        } catch (...) {
                        }
                        opened.set_value(Status::Unavailable("server.listen_failed", what));
                      });
  Status s = opened.get_future().get();
  running_ = true;
  if (!s.ok()) {
    Stop();
    return s;
  }
  return Status::Ok();
}

void Core::Stop() {
  if (!running_) return;
  running_ = false;
  stopping_ = true;

  // 1. Stop accepting.
  std::promise<void> closed;
  server_->close_async([&closed] { closed.set_value(); },
                       [&closed](std::exception_ptr) { closed.set_value(); });
  closed.get_future().wait();

  // 2. Let in-flight requests finish (their responses written), within the grace period.
  //    Responses sent meanwhile carry Connection: close.
  const auto deadline = Clock::now() + options_.shutdown_grace;
  int quiet_checks = 0;
  while (Clock::now() < deadline && quiet_checks < 2) {
    quiet_checks = in_flight_.load() == 0 ? quiet_checks + 1 : 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (in_flight_.load() > 0) {
    app_log_->warn("stopping with {} request(s) still in flight", in_flight_.load());
  }

  // 3. Stop the heavy workers (requests still queued are dropped), then the connections' pool,
  //    and drop what is left (idle keep-alive connections).
  if (heavy_) heavy_->Stop();
  heavy_.reset();
  work_.reset();
  io_->stop();
  for (std::thread& t : threads_) t.join();
  threads_.clear();
  server_.reset();
  io_.reset();  // destroys pending handlers and with them the remaining connections
}

void Core::Error(const Request& request, Outcome& out, const Status& status) {
  if (status.code() == ErrorCode::kInternal || status.code() == ErrorCode::kUnavailable) {
    app_log_->error("request {} {} {}: {}", request.request_id, MethodName(request.method),
                    request.path, status.ToString());
  }
  out.response = ErrorResponse(status, request.request_id);
}

void Core::FillRequest(const restinio::request_t& req, Request& request, bool& bad_path,
                       bool& too_large, bool& bad_method) {
  const auto& header = req.header();
  std::optional<Method> method = MethodFromParser(header.method().raw_id());
  bad_method = !method;
  request.method = method.value_or(Method::kGet);
  request.target = std::string(header.request_target());
  std::optional<std::string> path = internal::PercentDecode(header.path(), false);
  bad_path = !path;
  request.path = path ? std::move(*path) : std::string(header.path());
  const auto query = header.query();
  if (!query.empty()) request.query = internal::ParseQuery(query);
  too_large = false;
  header.for_each_field([&](const restinio::http_header_field_t& field) {
    std::string name = internal::ToLower(field.name());
    if (name == rt::kTooLargeMark) {
      too_large = true;
      return;
    }
    if (name == rt::kContinuedMarkName) return;
    auto [it, inserted] = request.headers.emplace(std::move(name), field.value());
    if (!inserted) {
      it->second += it->first == "cookie" ? "; " : ", ";
      it->second += field.value();
    }
  });
  request.body = req.body();
  request.render_limiter = &render_limiter_;
  auto forwarded = request.headers.find("x-forwarded-for");
  request.remote_address =
      ClientAddress(req.remote_endpoint().address().to_string(),
                    forwarded == request.headers.end() ? std::string_view() : forwarded->second,
                    options_.trusted_proxies);
  auto proto = request.headers.find("x-forwarded-proto");
  request.secure =
      options_.https ||
      ForwardedHttps(req.remote_endpoint().address().to_string(),
                     proto == request.headers.end() ? std::string_view() : proto->second,
                     options_.trusted_proxies);
  auto id = request.headers.find("x-request-id");
  request.request_id = (id != request.headers.end() && internal::IsValidRequestId(id->second))
                           ? id->second
                           : internal::NewRequestId();
}

void Core::Process(const restinio::request_t& req, Request& request, Outcome& out) {
  bool bad_path = false;
  bool too_large = false;
  bool bad_method = false;
  FillRequest(req, request, bad_path, too_large, bad_method);
  if (too_large) {
    out.close = true;
    return Error(request, out,
                 Status(ErrorCode::kPayloadTooLarge, "request.body_too_large",
                        "The request body is larger than the limit of " +
                            std::to_string(options_.max_body_bytes) + " bytes."));
  }
  if (bad_path) {
    return Error(request, out,
                 Status::InvalidArgument("request.bad_path", "The request path is malformed."));
  }
  if (bad_method) {
    return Error(request, out,
                 Status(ErrorCode::kMethodNotAllowed, "request.method_not_supported",
                        "This HTTP method is not supported."));
  }

  const std::string& path = request.path;
  const bool api = path.starts_with("/api/") || path == "/api" || path == "/metrics";
  if (!api) return ServeStatic(request, out);

  Result<Router::Match> match = router_.Find(request.method, path);
  if (!match.ok()) return Error(request, out, match.status());
  out.route = match->route;
  out.route_label = out.route->pattern;
  request.path_params = std::move(match->path_params);
  const Route& route = *out.route;
  if (!route.policy) {
    // Router::Validate refuses this at start-up; deny rather than guess.
    return Error(request, out, Status::Internal("router.missing_policy", "route has no policy"));
  }
  const Policy& policy = *route.policy;

  if (authenticator_ != nullptr) {
    Result<std::optional<Principal>> who = authenticator_->Authenticate(request);
    if (who.ok()) {
      request.principal = std::move(*who);
    } else if (!policy.is_public) {
      return Error(request, out, who.status());
    }
  }
  if (Status s = policy.Check(request.principal, request); !s.ok()) {
    return Error(request, out, s);
  }
  if (IsStateChanging(request.method) && request.principal && !request.principal->via_api_token &&
      !route.csrf_exempt && authenticator_ != nullptr) {
    if (Status s = authenticator_->CheckCsrf(request, *request.principal); !s.ok()) {
      return Error(request, out, s);
    }
  }

  if (route.cost == Cost::kHeavy && heavy_) {
    // What a cache holds is answered here; only a build goes to the heavy workers.
    if (route.cached) {
      if (std::optional<Response> hit = route.cached(request)) {
        out.response = std::move(*hit);
        return;
      }
    }
    out.deferred = true;
    return;
  }
  RunHandler(request, out);
}

namespace {

// The caller as a versioned answer's key part: what may change what a route shows.
std::string CallerKey(const std::optional<Principal>& principal) {
  if (!principal) return "anonymous";
  std::string key = "user " + std::to_string(principal->user_id);
  for (const std::string& role : principal->roles) key += " " + role;  // a set: in order
  if (principal->country) key += " country " + *principal->country;
  return key;
}

}  // namespace

void Core::RunHandler(Request& request, Outcome& out) {
  const Route& route = *out.route;
  const bool read = request.method == Method::kGet || request.method == Method::kHead;
  if (route.versioned && read && read_cache_) {
    Result<std::string> version = data_version_.Get(options_.data_version);
    if (!version.ok()) return Error(request, out, version.status());
    const std::string key = ResponseCache::RequestKey(request) + "\n" +
                            CallerKey(request.principal) + "\n" + time::Today().ToString() + "\n" +
                            *version;
    Result<Response> result = read_cache_->Get(request, key, [&]() -> Result<Response> {
      Result<Response> built = route.handler(request);
      if (built.ok()) {
        // Anyone's answer may be kept by shared caches, a signed-in caller's only by theirs;
        // either is revalidated (the ETag names the data version).
        built->SetHeader("Cache-Control",
                         request.principal ? "private, no-cache" : "public, no-cache");
        built->SetHeader("Vary", "Cookie, Authorization");
      }
      return built;
    });
    if (!result.ok()) return Error(request, out, result.status());
    out.response = std::move(*result);
    return;
  }
  Result<Response> result = route.handler(request);
  // Committed (or not) by now, and not yet answered: the next read asks the database again.
  if (IsStateChanging(request.method)) {
    data_version_.NoteWrite();
    if (authenticator_ != nullptr) authenticator_->NoteWrite();
  }
  if (!result.ok()) return Error(request, out, result.status());
  out.response = std::move(*result);
}

void Core::ServeStatic(const Request& request, Outcome& out) {
  out.route_label = "(static)";
  if (static_root_.empty()) {
    out.route_label = "(unmatched)";
    return Error(request, out, Status::NotFound("route.not_found", "Not found."));
  }
  if (request.method != Method::kGet && request.method != Method::kHead) {
    return Error(request, out,
                 Status(ErrorCode::kMethodNotAllowed, "route.method_not_allowed",
                        "Static files accept GET and HEAD only.",
                        {{std::string(kAllowField), "GET, HEAD"}}));
  }
  const std::string& path = request.path;
  // No "..", ".", backslashes or empty segments: nothing a browser sends for our files.
  std::string_view rest = std::string_view(path).substr(1);
  std::string_view last;
  while (true) {
    std::size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    if (seg == ".." || seg == "." || seg.find('\\') != std::string_view::npos ||
        (seg.empty() && slash != std::string_view::npos)) {
      return Error(request, out,
                   Status::InvalidArgument("request.bad_path", "The request path is not allowed."));
    }
    last = seg;
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }

  std::string relative = path.substr(1);
  if (relative.empty() || relative.back() == '/') relative += "index.html";
  std::error_code ec;
  fs::path full = fs::weakly_canonical(static_root_ / relative, ec);
  if (ec || !IsUnder(full, static_root_)) {
    return Error(request, out,
                 Status::InvalidArgument("request.bad_path", "The request path is not allowed."));
  }
  if (fs::is_regular_file(full, ec)) return ServeFile(request, full, out);

  // Not a file: an SPA route gets index.html. Missing assets (hashed, or any name with an
  // extension that a browser does not navigate to) stay 404, so a stale page fails visibly.
  auto accept = request.headers.find("accept");
  const bool wants_html =
      accept != request.headers.end() && accept->second.find("text/html") != std::string::npos;
  const bool looks_like_file = last.find('.') != std::string_view::npos;
  if (!path.starts_with("/assets/") && (wants_html || !looks_like_file)) {
    fs::path index = static_root_ / "index.html";
    if (fs::is_regular_file(index, ec)) return ServeFile(request, index, out);
  }
  return Error(request, out, Status::NotFound("route.not_found", "Not found."));
}

void Core::ServeFile(const Request& request, const fs::path& file, Outcome& out) {
  std::error_code ec;
  fs::path send = file;
  const std::string name = file.filename().string();
  Response& r = out.response;
  r = Response();
  r.content_type = std::string(internal::ContentTypeForPath(name));

  fs::path gz = file;
  gz += ".gz";
  if (fs::is_regular_file(gz, ec)) {
    r.SetHeader("Vary", "Accept-Encoding");
    auto ae = request.headers.find("accept-encoding");
    if (ae != request.headers.end() && internal::AcceptsGzip(ae->second)) {
      send = gz;
      r.SetHeader("Content-Encoding", "gzip");
    }
  }
  const std::uintmax_t size = fs::file_size(send, ec);
  if (ec) return Error(request, out, Status::NotFound("route.not_found", "Not found."));
  const auto mtime = fs::last_write_time(send, ec).time_since_epoch().count();
  char etag[64];
  std::snprintf(etag, sizeof(etag), "\"%jx-%llx%s\"", size, static_cast<long long>(mtime),
                send == file ? "" : "-gz");
  r.SetHeader("ETag", etag);
  const bool immutable = request.path.starts_with("/assets/");
  r.SetHeader("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (r.content_type.starts_with("text/html")) r.SetHeader("X-Frame-Options", "DENY");

  auto inm = request.headers.find("if-none-match");
  out.static_file = true;
  out.file_size = size;
  if (inm != request.headers.end() && inm->second.find(etag) != std::string::npos) {
    r.status = 304;
    return;
  }
  if (request.method == Method::kHead) return;
  out.file = restinio::sendfile(send.string());
  out.file->timelimit(options_.write_timeout);
}

Core::Builder Core::Prepare(restinio::request_t& req, const Request& request, Outcome& out,
                            std::uint64_t& bytes) {
  Response& r = out.response;
  const bool head = request.method == Method::kHead;
  const bool api = out.route_label != "(static)";
  auto rb = req.create_response<restinio::user_controlled_output_t>(restinio::http_status_line_t{
      restinio::http_status_code_t{static_cast<std::uint16_t>(r.status)},
      std::string(internal::ReasonPhrase(r.status))});
  if (!r.content_type.empty() && r.status != 204 && r.status != 304) {
    rb.append_header(restinio::http_field::content_type, r.content_type);
  }
  rb.append_header("X-Request-Id", request.request_id);
  for (const auto& [name, value] : kEveryResponseHeaders) {
    rb.append_header(std::string(name), std::string(value));
  }
  if (options_.https) rb.append_header("Strict-Transport-Security", "max-age=31536000");
  if (r.content_type.starts_with("text/html") &&
      r.FindHeader("Content-Security-Policy") == nullptr) {
    rb.append_header("Content-Security-Policy", std::string(kAppContentSecurityPolicy));
  }
  if (api && r.FindHeader("Cache-Control") == nullptr)
    rb.append_header("Cache-Control", "no-store");

  if (!out.file && !head && r.status != 304 &&
      (r.gzip_body || internal::WorthGzipping(r, options_.gzip_min_bytes))) {
    rb.append_header("Vary", "Accept-Encoding");
    auto ae = request.headers.find("accept-encoding");
    if (ae != request.headers.end() && internal::AcceptsGzip(ae->second)) {
      // A kept answer was compressed once, when it was kept; any other is compressed now.
      std::optional<std::string> gz =
          r.gzip_body ? std::optional<std::string>(*r.gzip_body) : Gzip(r.body);
      if (gz) {
        r.body = std::move(*gz);
        rb.append_header("Content-Encoding", "gzip");
      }
    }
  }
  for (auto& [name, value] : r.headers) rb.append_header(std::move(name), std::move(value));
  if (out.close || stopping_.load(std::memory_order_relaxed)) rb.connection_close();

  // RESTinio always sends Content-Length; for 304 it is 0, as cpp-httplib (and other simple
  // clients) would otherwise wait for that many bytes.
  const std::uint64_t length =
      r.status == 304 ? 0 : (out.static_file ? out.file_size : r.body.size());
  rb.set_content_length(static_cast<std::size_t>(length));
  bytes = 0;
  if (!head && r.status != 304) {
    if (out.file) {
      rb.set_body(std::move(*out.file));
    } else if (!r.body.empty()) {
      rb.set_body(std::move(r.body));
    }
    bytes = length;
  }
  return rb;
}

void Core::Finish(Builder& builder) {
  builder.done([this](const asio::error_code&) { in_flight_.fetch_sub(1); });
}

void Core::LogAccess(const Request& request, std::string_view method, const Outcome& out,
                     double seconds, std::uint64_t bytes) {
  std::string line;
  line.reserve(256);
  line += "{\"time\":\"";
  line += time::CurrentTimestamp();
  line += "\",\"request_id\":\"";
  internal::AppendJsonEscaped(line, request.request_id);
  line += "\",\"method\":\"";
  internal::AppendJsonEscaped(line, method);
  line += "\",\"path\":\"";
  internal::AppendJsonEscaped(line, request.path);
  line += "\",\"route\":\"";
  internal::AppendJsonEscaped(line, out.route_label);
  line += "\",\"status\":";
  line += std::to_string(out.response.status);
  char duration[32];
  std::snprintf(duration, sizeof(duration), "%.3f", seconds * 1000.0);
  line += ",\"duration_ms\":";
  line += duration;
  line += ",\"bytes\":";
  line += std::to_string(bytes);
  line += ",\"remote\":\"";
  internal::AppendJsonEscaped(line, request.remote_address);
  line += '"';
  if (request.principal) {
    line += ",\"user_id\":";
    line += std::to_string(request.principal->user_id);
  }
  line += '}';
  access_log_->log(spdlog::source_loc{}, spdlog::level::info, spdlog::string_view_t(line));
}

restinio::request_handling_status_t Core::Handle(restinio::request_handle_t req) {
  const auto start = Clock::now();
  in_flight_.fetch_add(1);
  Respond(req, start);
  return restinio::request_accepted();
}

template <typename Step>
void Core::Guarded(const Request& request, Outcome& out, Step&& step) {
  try {
    step();
  } catch (const std::exception& e) {
    app_log_->error("request {} {} {}: unhandled exception: {}", request.request_id,
                    MethodName(request.method), request.path, e.what());
    out.file.reset();
    out.static_file = false;
    out.deferred = false;
    out.response =
        ErrorResponse(Status::Internal("internal.exception", e.what()), request.request_id);
  } catch (...) {
    app_log_->error("request {} {} {}: unhandled non-standard exception", request.request_id,
                    MethodName(request.method), request.path);
    out.file.reset();
    out.static_file = false;
    out.deferred = false;
    out.response =
        ErrorResponse(Status::Internal("internal.exception", "unknown"), request.request_id);
  }
}

void Core::Respond(const restinio::request_handle_t& req, Clock::time_point start) {
  if (metrics_ != nullptr) metrics_->RequestStarted();
  auto request = std::make_shared<Request>();
  Outcome out;
  Guarded(*request, out, [&] { Process(*req, *request, out); });
  if (out.deferred) {
    const Route* route = out.route;
    const bool posted = heavy_->TryPost([this, req, start, request, route] {
      Outcome later;
      later.route = route;
      later.route_label = route->pattern;
      Guarded(*request, later, [&] { RunHandler(*request, later); });
      Send(req, *request, later, start);
    });
    if (posted) return;
    out.deferred = false;
    Error(*request, out,
          Status(ErrorCode::kRetryable, "server.busy",
                 "The server is building other documents; try again shortly.",
                 {{std::string(kRetryAfterField), "5"}}));
  }
  Send(req, *request, out, start);
}

void Core::Send(const restinio::request_handle_t& req, const Request& request, Outcome& out,
                Clock::time_point start) {
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const std::string_view method = MethodFromParser(req->header().method().raw_id())
                                      ? MethodName(request.method)
                                      : std::string_view("OTHER");
  std::uint64_t bytes = 0;
  std::optional<Builder> builder;
  try {
    builder.emplace(Prepare(*req, request, out, bytes));
  } catch (const std::exception& e) {
    app_log_->error("request {}: cannot build the response: {}", request.request_id, e.what());
    builder.reset();
    try {
      out = Outcome();
      out.response =
          ErrorResponse(Status::Internal("internal.exception", e.what()), request.request_id);
      builder.emplace(Prepare(*req, request, out, bytes));
    } catch (const std::exception&) {
      builder.reset();
    }
  }

  const int status = out.response.status;
  if (metrics_ != nullptr) {
    metrics_->RequestFinished();
    Metrics::Series* series = nullptr;
    if (out.route != nullptr) {
      const std::size_t index = static_cast<std::size_t>(out.route - router_.routes().data());
      if (index < route_series_.size()) series = route_series_[index];
    }
    if (series == nullptr) {
      const bool is_static = out.route_label == "(static)";
      const std::size_t m = MethodFromParser(req->header().method().raw_id())
                                ? static_cast<std::size_t>(request.method)
                                : kOtherMethod;
      series = is_static ? static_series_[m] : unmatched_series_[m];
    }
    metrics_->Observe(series, status, seconds);
  }
  if (access_log_) LogAccess(request, method, out, seconds, bytes);
  // Sent last, so that a client that has its answer also finds it counted and logged.
  if (builder) {
    try {
      Finish(*builder);
    } catch (const std::exception& e) {
      in_flight_.fetch_sub(1);
      app_log_->error("request {}: cannot send the response: {}", request.request_id, e.what());
    }
  } else {
    in_flight_.fetch_sub(1);
  }
}

std::string Core::Malformed(int status, const asio::ip::tcp::endpoint& remote) {
  Request request;
  request.request_id = internal::NewRequestId();
  request.remote_address = remote.address().to_string();
  ErrorCode code = ErrorCode::kInvalidArgument;
  std::string reason = "request.malformed";
  std::string message = "The request is not well-formed HTTP/1.1.";
  switch (status) {
    case 413:
      code = ErrorCode::kPayloadTooLarge;
      reason = "request.body_too_large";
      message = "The request body is larger than the limit of " +
                std::to_string(options_.max_body_bytes) + " bytes.";
      break;
    case 414:
      code = ErrorCode::kUriTooLong;
      reason = "request.uri_too_long";
      message = "The request target is longer than the limit of 8192 bytes.";
      break;
    case 431:
      code = ErrorCode::kHeadersTooLarge;
      reason = "request.headers_too_large";
      message =
          "The request's header fields are over the limits (100 fields, names of 1024 bytes, "
          "values of 16384 bytes).";
      break;
    case 505:
      code = ErrorCode::kHttpVersion;
      reason = "request.http_version";
      message = "Only HTTP/1.0 and HTTP/1.1 are supported.";
      break;
    default:
      break;
  }
  Outcome out;
  out.route_label = "(malformed)";
  out.response = ErrorResponse(Status(code, reason, message), request.request_id);
  const Response& r = out.response;
  std::string head = "HTTP/1.1 " + std::to_string(r.status) + " ";
  head += internal::ReasonPhrase(r.status);
  head += "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(r.body.size());
  head += "\r\nConnection: close\r\nX-Request-Id: " + request.request_id;
  for (const auto& [name, value] : kEveryResponseHeaders) {
    head += "\r\n";
    head += name;
    head += ": ";
    head += value;
  }
  for (const auto& [name, value] : r.headers) head += "\r\n" + name + ": " + value;
  head += "\r\n\r\n";
  head += r.body;
  if (metrics_ != nullptr) metrics_->Observe(malformed_series_, r.status, 0.0);
  if (access_log_) LogAccess(request, "OTHER", out, 0.0, r.body.size());
  return head;
}

std::string MalformedResponse(Core* core, int status, const asio::ip::tcp::endpoint& remote) {
  return core->Malformed(status, remote);
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions options, const Router& router, Authenticator* authenticator, Metrics* metrics)
      : core(std::move(options), router, authenticator, metrics) {}
  Core core;
};

Server::Server(ServerOptions options, const Router& router, Authenticator* authenticator,
               Metrics* metrics)
    : impl_(std::make_unique<Impl>(std::move(options), router, authenticator, metrics)) {}

Server::~Server() { impl_->core.Stop(); }

Status Server::Start() { return impl_->core.Start(); }

std::uint16_t Server::port() const { return impl_->core.port(); }

void Server::Stop() { impl_->core.Stop(); }

Status Server::RunUntilSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigset_t old;
  pthread_sigmask(SIG_BLOCK, &set, &old);
  Status s = Start();
  if (!s.ok()) {
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    return s;
  }
  int signal = 0;
  sigwait(&set, &signal);
  log::App()->info("received {}, finishing in-flight requests",
                   signal == SIGTERM ? "SIGTERM" : "SIGINT");
  Stop();
  return Status::Ok();
}

}  // namespace bsg::http
