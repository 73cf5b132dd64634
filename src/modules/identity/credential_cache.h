// Credentials that authenticated recently, kept in memory so that a request with a known session
// cookie or API token reads nothing from the database.
//
// Entries are keyed by the credential's hash (never the secret) and labelled with the identity
// data version (migration 0018: bumped by every write that changes what a credential stands for:
// revocation, an account disabled, roles changed). A newer version empties the cache, so a
// revocation committed by any server or the CLI is honoured as soon as the caller reads the new
// version. An entry is good until `valid_until`: the credential's expiry, or the moment its
// last_seen_at / last_used_at is due to be written again, whichever is first; after that the
// caller reads the database (which also checks the idle timeout) and puts the entry back.
//
// Thread-safety: thread-safe.
#ifndef BSG_MODULES_IDENTITY_CREDENTIAL_CACHE_H_
#define BSG_MODULES_IDENTITY_CREDENTIAL_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "platform/http/request.h"
#include "platform/time/timestamp.h"

namespace bsg::identity {

class CredentialCache {
 public:
  // Past this many entries the cache starts again empty (a bound on memory, not an LRU).
  static constexpr std::size_t kMaxEntries = 65536;

  // The principal of `token_hash`, when an entry of `version` is good at `now`. An older
  // `version` than the cache's finds nothing; a newer one empties it first.
  std::optional<http::Principal> Find(const std::string& token_hash, std::int64_t version,
                                      time::TimePoint now);
  // Keeps `principal` for `token_hash` until `valid_until`, labelled `version`: the identity
  // data version read before the credential was (so the entry is never older than its label).
  void Put(const std::string& token_hash, std::int64_t version, const http::Principal& principal,
           time::TimePoint valid_until);
  std::size_t size() const;

 private:
  struct Entry {
    http::Principal principal;
    time::TimePoint valid_until;
  };
  // Empties the cache when `version` is newer; false when it is older (nothing may be used).
  bool AtVersion(std::int64_t version);

  mutable std::mutex mu_;
  std::int64_t version_ = -1;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace bsg::identity

#endif  // BSG_MODULES_IDENTITY_CREDENTIAL_CACHE_H_
