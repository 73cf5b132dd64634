#include "platform/http/response_cache.h"

#include <condition_variable>
#include <cstdio>
#include <optional>

#include "platform/compress.h"
#include "platform/http/http_internal.h"

namespace bsg::http {

struct ResponseCache::Flight {
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  std::optional<Result<Response>> result;
};

ResponseCache::ResponseCache(std::size_t max_bytes, Admission admission)
    : max_bytes_(max_bytes), admission_(admission) {}
ResponseCache::~ResponseCache() = default;

std::string ResponseCache::EtagFor(const std::string& key) {
  // FNV-1a, 64 bits, twice with different offsets: 128 bits, plenty for naming cache entries.
  std::uint64_t a = 14695981039346656037ull;
  std::uint64_t b = 0x84222325cbf29ce4ull;
  for (unsigned char c : key) {
    a = (a ^ c) * 1099511628211ull;
    b = (b ^ c) * 1099511628211ull;
    b ^= b >> 29;
  }
  char out[40];
  std::snprintf(out, sizeof(out), "\"%016llx%016llx\"", static_cast<unsigned long long>(a),
                static_cast<unsigned long long>(b));
  return out;
}

std::string ResponseCache::RequestKey(const Request& req) {
  std::string key(MethodName(req.method));
  key += ' ';
  key += req.path;
  char sep = '?';
  for (const auto& [name, value] : req.query) {  // a multimap: in name order
    key += sep;
    key += name;
    key += '=';
    key += value;
    sep = '&';
  }
  return key;
}

namespace {

bool NamesEtag(const Request& req, const std::string& etag) {
  auto inm = req.headers.find("if-none-match");
  if (inm == req.headers.end()) return false;
  return inm->second.find(etag) != std::string::npos || inm->second == "*";
}

void Tag(Response& r, const std::string& etag) {
  r.SetHeader("ETag", etag);
  if (r.FindHeader("Cache-Control") == nullptr) r.SetHeader("Cache-Control", "no-cache");
}

// Bodies smaller than this are sent as they are (as the server does:
// ServerOptions::gzip_min_bytes).
constexpr std::size_t kGzipMinBytes = 1024;

// Compresses a body to keep once, for every client that accepts gzip.
void GzipAhead(Response& r) {
  if (!internal::WorthGzipping(r, kGzipMinBytes)) return;
  if (std::optional<std::string> gz = Gzip(r.body)) {
    r.gzip_body = std::make_shared<const std::string>(std::move(*gz));
  }
}

Response NotModified(const std::string& etag) {
  Response r;
  r.status = 304;
  r.content_type.clear();
  Tag(r, etag);
  return r;
}

}  // namespace

std::optional<Response> ResponseCache::FindLocked(const Request& req, const std::string& key,
                                                  const std::string& etag) {
  if (NamesEtag(req, etag)) {
    ++stats_.hits;
    return NotModified(etag);
  }
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  ++stats_.hits;
  lru_.splice(lru_.begin(), lru_, it->second.lru);
  return it->second.response;
}

std::optional<Response> ResponseCache::Peek(const Request& req, const std::string& key) {
  const std::string etag = EtagFor(key);
  std::lock_guard lock(mu_);
  return FindLocked(req, key, etag);
}

Result<Response> ResponseCache::Get(const Request& req, const std::string& key,
                                    const std::function<Result<Response>()>& build) {
  const std::string etag = EtagFor(key);
  std::shared_ptr<Flight> flight;
  bool leader = false;
  {
    std::lock_guard lock(mu_);
    if (std::optional<Response> found = FindLocked(req, key, etag)) return std::move(*found);
    auto [it, inserted] = flights_.try_emplace(key);
    if (inserted) {
      it->second = std::make_shared<Flight>();
      leader = true;
    } else {
      ++stats_.waits;
    }
    flight = it->second;
  }

  if (!leader) {
    std::unique_lock lock(flight->mu);
    flight->cv.wait(lock, [&] { return flight->done; });
    return *flight->result;
  }

  Result<Response> result = Status::Internal("cache.no_result", "no result");
  Status admit = admission_ == Admission::kChargeRenders ? req.AdmitRender() : Status::Ok();
  if (!admit.ok()) {
    result = admit;
  } else {
    try {
      result = build();
    } catch (...) {
      // Waiters must not wait forever; the exception goes on to the server's handler.
      std::lock_guard lock(mu_);
      flights_.erase(key);
      std::lock_guard flock(flight->mu);
      flight->result = Status::Internal("cache.build_failed", "the document could not be built");
      flight->done = true;
      flight->cv.notify_all();
      throw;
    }
  }
  const bool kept = result.ok() && result->status >= 200 && result->status < 300 &&
                    result->FindHeader("Set-Cookie") == nullptr;
  if (kept) {
    Tag(*result, etag);
    GzipAhead(*result);
  }
  {
    std::lock_guard lock(mu_);
    ++stats_.builds;
    flights_.erase(key);
    if (kept) Insert(key, *result);
  }
  {
    std::lock_guard flock(flight->mu);
    // A 429 belongs to the leader's address; the others try again themselves.
    if (!result.ok() && result.status().code() == ErrorCode::kTooManyRequests) {
      flight->result =
          Status(ErrorCode::kRetryable, "cache.retry", "The document is not ready; try again.",
                 {{std::string(kRetryAfterField), "1"}});
    } else {
      flight->result = result;
    }
    flight->done = true;
  }
  flight->cv.notify_all();
  return result;
}

void ResponseCache::Insert(const std::string& key, const Response& response) {
  std::size_t bytes = key.size() + response.body.size() + 256;
  if (response.gzip_body) bytes += response.gzip_body->size();
  for (const auto& [name, value] : response.headers) bytes += name.size() + value.size();
  if (bytes > max_bytes_ / 4) return;
  while (stats_.bytes + bytes > max_bytes_ && !lru_.empty()) {
    auto victim = entries_.find(lru_.back());
    stats_.bytes -= victim->second.bytes;
    entries_.erase(victim);
    lru_.pop_back();
    ++stats_.evictions;
  }
  lru_.push_front(key);
  entries_[key] = Entry{response, bytes, lru_.begin()};
  stats_.bytes += bytes;
}

ResponseCache::Stats ResponseCache::stats() const {
  std::lock_guard lock(mu_);
  Stats s = stats_;
  s.entries = entries_.size();
  return s;
}

}  // namespace bsg::http
