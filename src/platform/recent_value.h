// A value read from elsewhere (typically the database's data version), reused for a short time
// instead of read on every request.
//
// Get() answers the value it holds when it was read less than `max_age` ago and no write of this
// process finished since (NoteWrite), so a client reads its own writes at once while writes by
// other processes (other servers, the CLI) are seen within `max_age`. A write that finishes while
// a read is under way may not be in that read: such a read is answered but not kept.
//
//   RecentValue<std::string> version(std::chrono::milliseconds(2));
//   Result<std::string> v = version.Get([&] { return db::DataVersion(db); });
//   ...after a state-changing request committed:  version.NoteWrite();
//
// Thread-safety: thread-safe. Concurrent Gets past max_age may each read.
#ifndef BSG_PLATFORM_RECENT_VALUE_H_
#define BSG_PLATFORM_RECENT_VALUE_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <utility>

#include "platform/status.h"

namespace bsg {

template <typename T>
class RecentValue {
 public:
  using Clock = std::chrono::steady_clock;

  // max_age 0: every Get reads.
  explicit RecentValue(Clock::duration max_age) : max_age_(max_age) {}
  RecentValue(const RecentValue&) = delete;
  RecentValue& operator=(const RecentValue&) = delete;

  // `read` returns Result<T>; its failures are answered and never kept.
  template <typename Read>
  Result<T> Get(Read&& read) {
    const Clock::time_point now = Clock::now();
    const std::uint64_t epoch = epoch_.load(std::memory_order_acquire);
    {
      std::lock_guard lock(mu_);
      if (held_ && held_epoch_ == epoch && now - read_at_ < max_age_) return *held_;
    }
    Result<T> value = read();
    if (value.ok()) {
      std::lock_guard lock(mu_);
      if (epoch_.load(std::memory_order_acquire) == epoch) {
        held_ = *value;
        read_at_ = now;
        held_epoch_ = epoch;
      }
    }
    return value;
  }

  // A write of this process finished (committed or not): the next Get reads again.
  void NoteWrite() { epoch_.fetch_add(1, std::memory_order_acq_rel); }

 private:
  const Clock::duration max_age_;
  std::atomic<std::uint64_t> epoch_{0};
  std::mutex mu_;
  std::optional<T> held_;
  Clock::time_point read_at_;
  std::uint64_t held_epoch_ = 0;
};

}  // namespace bsg

#endif  // BSG_PLATFORM_RECENT_VALUE_H_
