// "Now" and "today" for the whole product, and the test clock that sets them.
//
// Every module reads the current time through Now(), Today() or CurrentTimestamp(), never from
// std::chrono::system_clock, so a test that holds a ScopedTestClock moves the time of every module
// at once: sessions expire, events become past, reports pick their default window.
//
// Thread-safety: every function may be called from any thread. A ScopedTestClock is meant for a
// test's own thread; threads that read the clock meanwhile see either the old or the new time.
#ifndef BSG_PLATFORM_TIME_CLOCK_H_
#define BSG_PLATFORM_TIME_CLOCK_H_

#include <chrono>
#include <string>

#include "platform/time/date.h"
#include "platform/time/timestamp.h"

namespace bsg::time {

// The current instant: the system clock, or the test clock while a ScopedTestClock lives.
TimePoint Now();
// The UTC day of Now().
Date Today();
// FormatTimestamp(Now()): "2024-05-01T09:30:00.123Z".
std::string CurrentTimestamp();

// Stops the product's clock at a chosen instant for its lifetime; the test moves it with Set and
// Advance. At most one lives at a time: constructing a second is a bug (std::logic_error).
//
//   time::ScopedTestClock clock(*time::ParseTimestamp("2024-05-01T09:00:00Z"));
//   ...
//   clock.Advance(std::chrono::minutes(16));
class ScopedTestClock {
 public:
  explicit ScopedTestClock(TimePoint now);
  ~ScopedTestClock();
  ScopedTestClock(const ScopedTestClock&) = delete;
  ScopedTestClock& operator=(const ScopedTestClock&) = delete;

  void Set(TimePoint now);
  void Advance(std::chrono::milliseconds by);
};

}  // namespace bsg::time

#endif  // BSG_PLATFORM_TIME_CLOCK_H_
