// A per-key token bucket: `per_minute` tokens a minute, up to `burst` saved. Used by the server to
// bound the heavy work (documents built anew) that anonymous callers can ask for per address.
#ifndef BSG_PLATFORM_HTTP_RATE_LIMIT_H_
#define BSG_PLATFORM_HTTP_RATE_LIMIT_H_

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace bsg::http {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  // per_minute 0: no limit (Take always succeeds).
  RateLimiter(int per_minute, int burst);

  // Takes a token for `key`: nullopt when there was one, else the whole seconds until there is
  // (at least 1), for Retry-After.
  std::optional<int> Take(std::string_view key, Clock::time_point now = Clock::now());

  std::size_t keys() const;

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated;
  };
  // Drops buckets that have refilled completely (they hold nothing a new bucket would not).
  void Prune(Clock::time_point now);

  const double per_second_;
  const double burst_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
  Clock::time_point last_prune_{};
};

}  // namespace bsg::http

#endif  // BSG_PLATFORM_HTTP_RATE_LIMIT_H_
