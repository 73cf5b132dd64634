// The product's clock; see clock.h.
#include "platform/time/clock.h"

#include <atomic>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace bsg::time {
namespace {

// The test clock's time in milliseconds since the epoch, or kUnset when no test clock lives.
// One atomic, so a reader never sees a half-set clock.
constexpr std::int64_t kUnset = std::numeric_limits<std::int64_t>::min();
std::atomic<std::int64_t> test_clock_millis{kUnset};

}  // namespace

TimePoint Now() {
  const std::int64_t test = test_clock_millis.load(std::memory_order_acquire);
  if (test != kUnset) return TimePoint(std::chrono::milliseconds(test));
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

Date Today() { return DateOf(Now()); }

std::string CurrentTimestamp() { return FormatTimestamp(Now()); }

ScopedTestClock::ScopedTestClock(TimePoint now) {
  std::int64_t expected = kUnset;
  if (!test_clock_millis.compare_exchange_strong(expected, now.time_since_epoch().count(),
                                                 std::memory_order_acq_rel)) {
    throw std::logic_error("a ScopedTestClock is already set");
  }
}

ScopedTestClock::~ScopedTestClock() { test_clock_millis.store(kUnset, std::memory_order_release); }

void ScopedTestClock::Set(TimePoint now) {
  test_clock_millis.store(now.time_since_epoch().count(), std::memory_order_release);
}

void ScopedTestClock::Advance(std::chrono::milliseconds by) {
  test_clock_millis.fetch_add(by.count(), std::memory_order_acq_rel);
}

}  // namespace bsg::time
