// Responses of expensive GET routes (report documents, figures) kept under a key that names all
// they depend on: the route, the normalised query, the language, and the data version they were
// built from (db::DataVersion). Bounded by bytes, least recently used out first. Concurrent
// requests for the same key wait for one build (single flight). A document cache admits each
// build through Request::AdmitRender (the per-address limit for anonymous callers; waiters and
// cache hits are not charged); the server's cache of versioned reads (Route::versioned) does
// not. A kept body of a compressible type is gzipped once (Response::gzip_body).
#ifndef BSG_PLATFORM_HTTP_RESPONSE_CACHE_H_
#define BSG_PLATFORM_HTTP_RESPONSE_CACHE_H_

#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "platform/http/request.h"
#include "platform/http/response.h"
#include "platform/status.h"

namespace bsg::http {

class ResponseCache {
 public:
  enum class Admission { kChargeRenders, kFree };
  explicit ResponseCache(std::size_t max_bytes, Admission admission = Admission::kChargeRenders);
  ~ResponseCache();
  ResponseCache(const ResponseCache&) = delete;
  ResponseCache& operator=(const ResponseCache&) = delete;

  struct Stats {
    std::uint64_t hits = 0;       // answered from the cache (or 304 from the key alone)
    std::uint64_t builds = 0;     // `build` ran
    std::uint64_t waits = 0;      // waited for another request's build of the same key
    std::uint64_t evictions = 0;  // dropped for space
    std::size_t entries = 0;
    std::size_t bytes = 0;
  };

  // The answer for `key`. From the cache when held; else `build` runs once for all concurrent
  // callers with this key (after req.AdmitRender(); its 429 goes to this caller alone), and a 2xx
  // result is kept (an error is passed to the waiters, not kept). Every 2xx answer carries an
  // ETag derived from the key and, unless `build` set one, `Cache-Control: no-cache` (clients
  // revalidate); a request whose If-None-Match names the ETag gets 304 without a build, since the
  // key holds the data version. A response larger than a quarter of max_bytes, or one that sets a
  // cookie, is served but not kept.
  Result<Response> Get(const Request& req, const std::string& key,
                       const std::function<Result<Response>()>& build);

  // The answer for `key` when the cache holds it (or 304 for a matching If-None-Match), without
  // building: for Route::cached.
  std::optional<Response> Peek(const Request& req, const std::string& key);

  Stats stats() const;

  // The ETag a key's responses carry (quoted).
  static std::string EtagFor(const std::string& key);
  // A request's method, path and query parameters (in name order) as a key part.
  static std::string RequestKey(const Request& req);

 private:
  struct Flight;
  struct Entry {
    Response response;
    std::size_t bytes = 0;
    std::list<std::string>::iterator lru;
  };
  // The held answer (or 304 for a matching If-None-Match), counted as a hit; mu_ held.
  std::optional<Response> FindLocked(const Request& req, const std::string& key,
                                     const std::string& etag);
  void Insert(const std::string& key, const Response& response);

  const std::size_t max_bytes_;
  const Admission admission_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> lru_;  // front: most recently used
  std::unordered_map<std::string, std::shared_ptr<Flight>> flights_;
  Stats stats_;
};

}  // namespace bsg::http

#endif  // BSG_PLATFORM_HTTP_RESPONSE_CACHE_H_
