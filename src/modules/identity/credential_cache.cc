#include "modules/identity/credential_cache.h"

namespace bsg::identity {

bool CredentialCache::AtVersion(std::int64_t version) {
  if (version < version_) return false;
  if (version > version_) {
    entries_.clear();
    version_ = version;
  }
  return true;
}

std::optional<http::Principal> CredentialCache::Find(const std::string& token_hash,
                                                     std::int64_t version, time::TimePoint now) {
  std::lock_guard lock(mu_);
  if (!AtVersion(version)) return std::nullopt;
  auto it = entries_.find(token_hash);
  if (it == entries_.end()) return std::nullopt;
  if (now >= it->second.valid_until) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.principal;
}

void CredentialCache::Put(const std::string& token_hash, std::int64_t version,
                          const http::Principal& principal, time::TimePoint valid_until) {
  std::lock_guard lock(mu_);
  if (!AtVersion(version)) return;
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_.insert_or_assign(token_hash, Entry{principal, valid_until});
}

std::size_t CredentialCache::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

}  // namespace bsg::identity
