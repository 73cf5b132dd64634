// Server metrics in the Prometheus text exposition format 0.0.4, served at GET /metrics.
//
// What is counted:
//   bsg_http_requests_total{method,route,status}          counter
//   bsg_http_request_duration_seconds{method,route}       histogram (handler time, not writes)
//   bsg_http_open_connections                             gauge
//   bsg_http_connections_total                            counter (accepted)
//   bsg_http_requests_in_flight                           gauge
//   bsg_db_pool_connections{state="in_use"|"idle"}, bsg_db_pool_waiting   gauges (SetDatabase)
// `route` is the route's pattern ("/api/events/{id:int}"), never the raw path, so the number of
// series stays bounded; requests served as static files count under "(static)" and requests
// matching no route under "(unmatched)".
//
// Thread-safety: every method is thread-safe. Recording is lock-free (relaxed atomics on
// per-series slots); only creating a series and rendering take a mutex.
#ifndef BSG_PLATFORM_HTTP_METRICS_H_
#define BSG_PLATFORM_HTTP_METRICS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bsg::db {
class Database;
}

namespace bsg::http {

class Metrics {
 public:
  // Upper bounds of the duration histogram buckets, in seconds (+Inf is implied).
  static constexpr std::array<double, 8> kBuckets = {0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5};

  // The counters of one (method, route) pair. Owned by Metrics; the pointer stays valid for the
  // Metrics' lifetime.
  class Series {
   public:
    Series(std::string method, std::string route)
        : method_(std::move(method)), route_(std::move(route)) {}

   private:
    friend class Metrics;
    static constexpr int kMinStatus = 100;
    static constexpr int kMaxStatus = 599;

    std::string method_;
    std::string route_;
    std::array<std::atomic<std::uint64_t>, kMaxStatus - kMinStatus + 1> by_status_{};
    std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets_{};  // last: +Inf
    std::atomic<std::uint64_t> sum_micros_{0};
  };

  Metrics() = default;
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // The series for `method` and `route`, created on first use. Look it up once and keep it:
  // this takes a mutex.
  Series* GetSeries(std::string_view method, std::string_view route);

  // Records one finished request. `status` outside 100..599 is counted as 500.
  void Observe(Series* series, int status, double seconds);
  // Convenience for callers without a cached series.
  void Observe(std::string_view method, std::string_view route, int status, double seconds);

  void ConnectionOpened();
  void ConnectionClosed();
  void RequestStarted();
  void RequestFinished();

  // Adds the database pool gauges. `db` must outlive this object; nullptr removes them.
  void SetDatabase(db::Database* db);
  // Adds text that is appended verbatim to every rendering; it must be complete exposition-format
  // lines (# HELP, # TYPE, samples). Called on every scrape, from the scraping thread.
  void AddProvider(std::function<std::string()> provider);

  // The whole exposition, ending with a newline.
  std::string Render() const;

 private:
  mutable std::mutex mu_;
  std::vector<std::unique_ptr<Series>> series_;  // GUARDED_BY(mu_) (the vector; slots are atomic)
  std::map<std::pair<std::string, std::string>, Series*, std::less<>> index_;  // GUARDED_BY(mu_)
  std::vector<std::function<std::string()>> providers_;                        // GUARDED_BY(mu_)
  std::atomic<db::Database*> db_{nullptr};
  std::atomic<std::int64_t> open_connections_{0};
  std::atomic<std::uint64_t> connections_total_{0};
  std::atomic<std::int64_t> in_flight_{0};
};

// Escapes a label value for the exposition format (backslash, double quote, newline).
std::string EscapeLabelValue(std::string_view value);

}  // namespace bsg::http

#endif  // BSG_PLATFORM_HTTP_METRICS_H_
