#include "platform/http/rate_limit.h"

#include <algorithm>
#include <cmath>

namespace bsg::http {

namespace {
// Above this many addresses the full buckets are dropped at once, not only once a minute.
constexpr std::size_t kPruneAbove = 10000;
}  // namespace

RateLimiter::RateLimiter(int per_minute, int burst)
    : per_second_(std::max(0, per_minute) / 60.0), burst_(std::max(1, burst)) {}

std::optional<int> RateLimiter::Take(std::string_view key, Clock::time_point now) {
  if (per_second_ <= 0) return std::nullopt;
  std::lock_guard lock(mu_);
  if (buckets_.size() > kPruneAbove || now - last_prune_ > std::chrono::minutes(1)) Prune(now);
  auto [it, inserted] = buckets_.try_emplace(std::string(key));
  Bucket& b = it->second;
  if (inserted) {
    b.tokens = burst_;
  } else {
    const double elapsed = std::chrono::duration<double>(now - b.updated).count();
    b.tokens = std::min(burst_, b.tokens + std::max(0.0, elapsed) * per_second_);
  }
  b.updated = now;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return std::nullopt;
  }
  return std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) / per_second_)));
}

void RateLimiter::Prune(Clock::time_point now) {
  last_prune_ = now;
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    const double elapsed = std::chrono::duration<double>(now - it->second.updated).count();
    if (it->second.tokens + elapsed * per_second_ >= burst_) {
      it = buckets_.erase(it);
    } else {
      ++it;
    }
  }
}

std::size_t RateLimiter::keys() const {
  std::lock_guard lock(mu_);
  return buckets_.size();
}

}  // namespace bsg::http
