#include "modules/identity/password.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>

#include "modules/identity/common_passwords.h"
#include "modules/identity/crypto.h"

namespace bsg::identity {
namespace {

std::mutex& DefaultLimitsMutex() {
  static std::mutex m;
  return m;
}

PasswordLimits& DefaultLimitsStorage() {
  static PasswordLimits limits = PasswordLimits::Interactive();
  return limits;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::size_t CodePoints(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// The shortest unit that `s` repeats (s itself when it repeats nothing).
std::string_view RepeatedUnit(std::string_view s) {
  for (std::size_t p = 1; p <= s.size() / 2; ++p) {
    if (s.size() % p != 0) continue;
    bool repeats = true;
    for (std::size_t i = p; i < s.size() && repeats; ++i) repeats = s[i] == s[i - p];
    if (repeats) return s.substr(0, p);
  }
  return s;
}

// Guards one of the hasher's slots for the duration of a hash.
class SlotGuard {
 public:
  explicit SlotGuard(std::counting_semaphore<PasswordHasher::kMaxConcurrentLimit>& s) : s_(s) {
    s_.acquire();
  }
  ~SlotGuard() { s_.release(); }
  SlotGuard(const SlotGuard&) = delete;
  SlotGuard& operator=(const SlotGuard&) = delete;

 private:
  std::counting_semaphore<PasswordHasher::kMaxConcurrentLimit>& s_;
};

}  // namespace

PasswordLimits PasswordLimits::Interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordLimits PasswordLimits::Min() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

PasswordLimits DefaultPasswordLimits() {
  std::lock_guard lock(DefaultLimitsMutex());
  return DefaultLimitsStorage();
}

void SetDefaultPasswordLimits(PasswordLimits limits) {
  std::lock_guard lock(DefaultLimitsMutex());
  DefaultLimitsStorage() = limits;
}

PasswordHasher::PasswordHasher(PasswordLimits limits, int max_concurrent)
    : limits_(limits), slots_(std::clamp(max_concurrent, 1, kMaxConcurrentLimit)) {
  EnsureSodium();
}

Result<std::string> PasswordHasher::Hash(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  int rc = 0;
  {
    SlotGuard slot(slots_);
    rc = crypto_pwhash_str_alg(out, password.data(), password.size(), limits_.opslimit,
                               limits_.memlimit, crypto_pwhash_ALG_ARGON2ID13);
  }
  if (rc != 0) {
    return Status::Internal("password.hash_failed", "could not hash the password (out of memory)");
  }
  return std::string(out);
}

PasswordHasher::Verdict PasswordHasher::Verify(std::string_view password,
                                               const std::optional<std::string>& hash) {
  const bool real = hash.has_value() && !hash->empty();
  const std::string& h = real ? *hash : DummyHash();
  int rc = 0;
  {
    SlotGuard slot(slots_);
    rc = crypto_pwhash_str_verify(h.c_str(), password.data(), password.size());
  }
  Verdict v;
  v.match = real && rc == 0;
  if (v.match) {
    v.needs_rehash =
        crypto_pwhash_str_needs_rehash(h.c_str(), limits_.opslimit, limits_.memlimit) != 0;
  }
  return v;
}

const std::string& PasswordHasher::DummyHash() {
  std::call_once(dummy_once_, [this] {
    auto h = Hash(RandomToken(24));
    dummy_hash_ = h.ok() ? *h : std::string();
  });
  return dummy_hash_;
}

Status CheckPasswordRules(std::string_view password, std::string_view email,
                          const std::string& field) {
  auto weak = [&](const std::string& why) {
    return Status::Unprocessable("user.weak_password", "The password is too weak: " + why + ".",
                                 {{field, why}});
  };
  if (CodePoints(password) < kMinPasswordLength) {
    return weak("must be at least " + std::to_string(kMinPasswordLength) + " characters");
  }
  if (password.size() > kMaxPasswordBytes) {
    return weak("must be at most " + std::to_string(kMaxPasswordBytes) + " bytes");
  }
  const std::string lower = AsciiLower(password);
  if (IsCommonPassword(lower)) return weak("is a commonly used password");
  const std::string_view unit = RepeatedUnit(lower);
  if (unit.size() < lower.size() && (unit.size() <= 4 || IsCommonPassword(unit))) {
    return weak("repeats a short or common sequence");
  }
  const std::string address = AsciiLower(email);
  const std::string local = address.substr(0, address.find('@'));
  if (local.size() >= 3) {
    std::string rest = lower;
    for (const std::string& part : {address, local}) {
      for (auto at = rest.find(part); at != std::string::npos; at = rest.find(part)) {
        rest.erase(at, part.size());
      }
    }
    if (rest.size() != lower.size() &&
        (rest.size() < 6 || IsCommonPassword(rest) || IsCommonPassword(RepeatedUnit(rest)))) {
      return weak("is too close to the email address");
    }
  }
  return Status::Ok();
}

std::string GeneratePassword() { return RandomToken(18); }

}  // namespace bsg::identity
