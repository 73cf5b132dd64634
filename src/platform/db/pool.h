// The connection pool both backends use: up to `size` connections, opened on demand, handed out
// as leases that return themselves on destruction. A caller finding none free waits up to
// `acquire_timeout_ms`, then gets db.busy (retryable).
//
// The backend supplies three callbacks: how to open a connection, whether an idle one is still
// usable (a dropped PostgreSQL connection is not: the pool opens a new one instead), and how to
// make a returned one reusable (roll back what it left open); a connection that cannot be made
// reusable is closed.
//
// Thread-safety: all members may be called from any thread.
#ifndef BSG_PLATFORM_DB_POOL_H_
#define BSG_PLATFORM_DB_POOL_H_

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::db {

template <typename Conn>
class ConnectionPool {
 public:
  struct Callbacks {
    std::function<Result<std::unique_ptr<Conn>>()> open;
    std::function<bool(Conn&)> usable;    // for an idle connection about to be handed out
    std::function<bool(Conn&)> reusable;  // for a returned one; may roll back first
  };

  // A connection checked out of the pool; goes back on destruction.
  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<Conn> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (pool_ != nullptr && conn_ != nullptr) pool_->Release(std::move(conn_));
    }
    Conn* operator->() const { return conn_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Conn> conn_;
  };

  ConnectionPool(int size, int acquire_timeout_ms, Callbacks callbacks)
      : size_limit_(size),
        acquire_timeout_ms_(acquire_timeout_ms),
        callbacks_(std::move(callbacks)) {}

  ~ConnectionPool() {
    std::lock_guard lock(mu_);
    idle_.clear();
  }

  // Opens the first connection, so that an unreachable database fails at open time.
  Status Init() {
    BSG_ASSIGN_OR_RETURN(std::unique_ptr<Conn> first, callbacks_.open());
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(first));
    size_ = 1;
    return Status::Ok();
  }

  // Takes an idle connection, opens a new one while the pool is below its size, or waits up to
  // the acquire timeout for one to come back (then db.busy).
  Result<Lease> Acquire() {
    std::unique_lock lock(mu_);
    if (idle_.empty() && size_ >= size_limit_) {
      const auto deadline =
          std::chrono::steady_clock::now() + std::chrono::milliseconds(acquire_timeout_ms_);
      ++waiting_;
      bool ready =
          cv_.wait_until(lock, deadline, [&] { return !idle_.empty() || size_ < size_limit_; });
      --waiting_;
      if (!ready) {
        return Status::Retryable(
            std::string(kBusy),
            "no free database connection within " + std::to_string(acquire_timeout_ms_) + " ms");
      }
    }
    ++in_use_;
    while (!idle_.empty()) {
      std::unique_ptr<Conn> conn = std::move(idle_.back());
      idle_.pop_back();
      if (callbacks_.usable(*conn)) return Lease(this, std::move(conn));
      --size_;  // closed outside the lock; open another instead
      lock.unlock();
      conn.reset();
      lock.lock();
    }
    ++size_;
    lock.unlock();
    Result<std::unique_ptr<Conn>> conn = callbacks_.open();
    if (!conn.ok()) {
      lock.lock();
      --size_;
      --in_use_;
      cv_.notify_one();
      return conn.status();
    }
    return Lease(this, std::move(conn).value());
  }

  PoolStats stats() const {
    std::lock_guard lock(mu_);
    return PoolStats{size_, in_use_, waiting_};
  }

 private:
  void Release(std::unique_ptr<Conn> conn) {
    if (conn != nullptr && !callbacks_.reusable(*conn)) conn.reset();
    std::lock_guard lock(mu_);
    --in_use_;
    if (conn != nullptr) {
      idle_.push_back(std::move(conn));
    } else {
      --size_;
    }
    cv_.notify_one();
  }

  const int size_limit_;
  const int acquire_timeout_ms_;
  const Callbacks callbacks_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Conn>> idle_;  // GUARDED_BY(mu_)
  int size_ = 0;                             // GUARDED_BY(mu_)
  int in_use_ = 0;                           // GUARDED_BY(mu_)
  int waiting_ = 0;                          // GUARDED_BY(mu_)
};

}  // namespace bsg::db

#endif  // BSG_PLATFORM_DB_POOL_H_
