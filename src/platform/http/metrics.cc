// Recording and Prometheus rendering of the server metrics (see metrics.h).
#include "platform/http/metrics.h"

#include <fmt/format.h>

#include "platform/db/database.h"

namespace bsg::http {

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

Metrics::Series* Metrics::GetSeries(std::string_view method, std::string_view route) {
  std::pair<std::string, std::string> key(method, route);
  std::lock_guard<std::mutex> lock(mu_);
  auto it = index_.find(key);
  if (it != index_.end()) return it->second;
  series_.push_back(std::make_unique<Series>(key.first, key.second));
  index_.emplace(std::move(key), series_.back().get());
  return series_.back().get();
}

void Metrics::Observe(Series* series, int status, double seconds) {
  if (status < Series::kMinStatus || status > Series::kMaxStatus) status = 500;
  series->by_status_[static_cast<std::size_t>(status - Series::kMinStatus)].fetch_add(
      1, std::memory_order_relaxed);
  std::size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  series->buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  double micros = seconds > 0 ? seconds * 1e6 : 0;
  series->sum_micros_.fetch_add(static_cast<std::uint64_t>(micros + 0.5),
                                std::memory_order_relaxed);
}

void Metrics::Observe(std::string_view method, std::string_view route, int status, double seconds) {
  Observe(GetSeries(method, route), status, seconds);
}

void Metrics::ConnectionOpened() {
  open_connections_.fetch_add(1, std::memory_order_relaxed);
  connections_total_.fetch_add(1, std::memory_order_relaxed);
}
void Metrics::ConnectionClosed() { open_connections_.fetch_sub(1, std::memory_order_relaxed); }
void Metrics::RequestStarted() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
void Metrics::RequestFinished() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }

void Metrics::SetDatabase(db::Database* db) { db_.store(db); }

void Metrics::AddProvider(std::function<std::string()> provider) {
  std::lock_guard<std::mutex> lock(mu_);
  providers_.push_back(std::move(provider));
}

std::string Metrics::Render() const {
  fmt::memory_buffer out;
  auto append = [&out](std::string_view s) { out.append(s.data(), s.data() + s.size()); };

  std::vector<const Series*> series;
  std::vector<std::function<std::string()>> providers;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& s : series_) series.push_back(s.get());
    providers = providers_;
  }

  append("# HELP bsg_http_requests_total HTTP requests answered, by route pattern and status.\n");
  append("# TYPE bsg_http_requests_total counter\n");
  for (const Series* s : series) {
    const std::string method = EscapeLabelValue(s->method_);
    const std::string route = EscapeLabelValue(s->route_);
    for (std::size_t i = 0; i < s->by_status_.size(); ++i) {
      std::uint64_t n = s->by_status_[i].load(std::memory_order_relaxed);
      if (n == 0) continue;
      fmt::format_to(std::back_inserter(out),
                     "bsg_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                     method, route, static_cast<int>(i) + Series::kMinStatus, n);
    }
  }

  append(
      "# HELP bsg_http_request_duration_seconds Time from a complete request to its response "
      "being queued.\n");
  append("# TYPE bsg_http_request_duration_seconds histogram\n");
  for (const Series* s : series) {
    std::array<std::uint64_t, kBuckets.size() + 1> buckets{};
    std::uint64_t count = 0;
    for (std::size_t i = 0; i < s->buckets_.size(); ++i) {
      buckets[i] = s->buckets_[i].load(std::memory_order_relaxed);
      count += buckets[i];
    }
    if (count == 0) continue;
    const std::string labels = fmt::format(
        "method=\"{}\",route=\"{}\"", EscapeLabelValue(s->method_), EscapeLabelValue(s->route_));
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += buckets[i];
      fmt::format_to(std::back_inserter(out),
                     "bsg_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels,
                     kBuckets[i], cumulative);
    }
    fmt::format_to(std::back_inserter(out),
                   "bsg_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels,
                   count);
    fmt::format_to(std::back_inserter(out), "bsg_http_request_duration_seconds_sum{{{}}} {}\n",
                   labels,
                   static_cast<double>(s->sum_micros_.load(std::memory_order_relaxed)) / 1e6);
    fmt::format_to(std::back_inserter(out), "bsg_http_request_duration_seconds_count{{{}}} {}\n",
                   labels, count);
  }

  append("# HELP bsg_http_open_connections Client connections open now.\n");
  append("# TYPE bsg_http_open_connections gauge\n");
  fmt::format_to(std::back_inserter(out), "bsg_http_open_connections {}\n",
                 open_connections_.load(std::memory_order_relaxed));
  append("# HELP bsg_http_connections_total Client connections accepted.\n");
  append("# TYPE bsg_http_connections_total counter\n");
  fmt::format_to(std::back_inserter(out), "bsg_http_connections_total {}\n",
                 connections_total_.load(std::memory_order_relaxed));
  append("# HELP bsg_http_requests_in_flight Requests being handled now.\n");
  append("# TYPE bsg_http_requests_in_flight gauge\n");
  fmt::format_to(std::back_inserter(out), "bsg_http_requests_in_flight {}\n",
                 in_flight_.load(std::memory_order_relaxed));

  if (db::Database* db = db_.load()) {
    db::PoolStats stats = db->pool_stats();
    append("# HELP bsg_db_pool_connections Database pool connections by state.\n");
    append("# TYPE bsg_db_pool_connections gauge\n");
    fmt::format_to(std::back_inserter(out), "bsg_db_pool_connections{{state=\"in_use\"}} {}\n",
                   stats.in_use);
    fmt::format_to(std::back_inserter(out), "bsg_db_pool_connections{{state=\"idle\"}} {}\n",
                   stats.size > stats.in_use ? stats.size - stats.in_use : 0);
    append("# HELP bsg_db_pool_waiting Callers waiting for a database connection.\n");
    append("# TYPE bsg_db_pool_waiting gauge\n");
    fmt::format_to(std::back_inserter(out), "bsg_db_pool_waiting {}\n", stats.waiting);
  }

  for (const auto& provider : providers) {
    std::string text = provider();
    if (text.empty()) continue;
    append(text);
    if (text.back() != '\n') append("\n");
  }
  return fmt::to_string(out);
}

}  // namespace bsg::http
