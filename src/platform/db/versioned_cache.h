// Reference data held in memory while its topic's data version stays the same: the countries and
// their dated classes, the groups' codes. Every transaction that writes a module's tables bumps
// that module's version (data_version.h), so a value loaded at version N is the data of version N
// wherever it was read, in this process or another on the same database.
//
//   db::VersionedCache<ClassIndex> cache("registry");
//   BSG_ASSIGN_OR_RETURN(std::shared_ptr<const ClassIndex> index,
//                        cache.Get(tx, [&](db::Session& s) { return LoadClassIndex(s); }));
//
// Get reads the topic's version in the caller's session (one indexed read), and answers the held
// value when it was loaded at that version from the same Database (Session::database_id); else it
// loads in that session. The version is read before the data, so that where each statement has
// its own snapshot (PostgreSQL's READ COMMITTED) a value may be newer than its version, never
// older. Only a read-only transaction's load is kept: a writing transaction may
// see its own uncommitted writes, and a version that a rollback takes back. Sessions without a
// database id (test doubles), and topics without a version row, always load.
//
// Thread-safety: safe from any thread; concurrent misses may each load.
#ifndef BSG_PLATFORM_DB_VERSIONED_CACHE_H_
#define BSG_PLATFORM_DB_VERSIONED_CACHE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "platform/db/data_version.h"
#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::db {

template <typename T>
class VersionedCache {
 public:
  explicit VersionedCache(std::string topic) : topic_(std::move(topic)) {}
  VersionedCache(const VersionedCache&) = delete;
  VersionedCache& operator=(const VersionedCache&) = delete;

  using Loader = std::function<Result<T>(Session&)>;

  Result<std::shared_ptr<const T>> Get(Session& s, const Loader& load) {
    const std::uint64_t database = s.database_id();
    std::optional<std::int64_t> version;
    if (database != 0) {
      BSG_ASSIGN_OR_RETURN(version, TopicVersion(s, topic_));
    }
    if (version) {
      std::lock_guard lock(mu_);
      for (const Entry& e : entries_) {
        if (e.database == database && e.version == *version) {
          ++hits_;
          return e.value;
        }
      }
    }
    BSG_ASSIGN_OR_RETURN(T loaded, load(s));
    auto value = std::make_shared<const T>(std::move(loaded));
    std::lock_guard lock(mu_);
    ++loads_;
    if (version && s.read_only()) Keep(database, *version, value);
    return value;
  }

  std::uint64_t hits() const {
    std::lock_guard lock(mu_);
    return hits_;
  }
  std::uint64_t loads() const {
    std::lock_guard lock(mu_);
    return loads_;
  }

 private:
  // A process normally has one database; tests open many, so only the last few are held.
  static constexpr std::size_t kMaxDatabases = 4;

  struct Entry {
    std::uint64_t database = 0;
    std::int64_t version = 0;
    std::shared_ptr<const T> value;
  };

  // Replaces the database's entry unless it holds a newer version; mu_ held.
  void Keep(std::uint64_t database, std::int64_t version, std::shared_ptr<const T> value) {
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->database != database) continue;
      if (it->version > version) return;
      entries_.erase(it);
      break;
    }
    if (entries_.size() >= kMaxDatabases) entries_.erase(entries_.begin());
    entries_.push_back({database, version, std::move(value)});
  }

  const std::string topic_;
  mutable std::mutex mu_;
  std::vector<Entry> entries_;  // oldest first
  std::uint64_t hits_ = 0;
  std::uint64_t loads_ = 0;
};

}  // namespace bsg::db

#endif  // BSG_PLATFORM_DB_VERSIONED_CACHE_H_
