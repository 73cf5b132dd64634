// Password hashing (argon2id through libsodium's crypto_pwhash_str) and the password rules.
//
// Each hash costs OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE (about 56 ms and 64 MiB) by
// default, so a PasswordHasher lets at most `max_concurrent` hashes run at once: a burst of
// sign-ins waits instead of exhausting memory. Tests lower the limits (PasswordLimits::Min()) to
// stay fast under sanitizers.
//
// Thread-safety: PasswordHasher is thread-safe. SetDefaultPasswordLimits is meant for test set-up
// and start-up, before hashers are created.
#ifndef BSG_MODULES_IDENTITY_PASSWORD_H_
#define BSG_MODULES_IDENTITY_PASSWORD_H_

#include <cstddef>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>
#include <string_view>

#include "platform/status.h"

namespace bsg::identity {

struct PasswordLimits {
  unsigned long long opslimit = 0;
  std::size_t memlimit = 0;

  static PasswordLimits Interactive();  // crypto_pwhash_OPSLIMIT/MEMLIMIT_INTERACTIVE
  static PasswordLimits Min();          // crypto_pwhash_OPSLIMIT/MEMLIMIT_MIN (tests only)
  bool operator==(const PasswordLimits&) const = default;
};

// The limits new PasswordHashers use: Interactive() unless changed.
PasswordLimits DefaultPasswordLimits();
void SetDefaultPasswordLimits(PasswordLimits limits);

class PasswordHasher {
 public:
  static constexpr int kMaxConcurrentLimit = 16;
  explicit PasswordHasher(PasswordLimits limits = DefaultPasswordLimits(), int max_concurrent = 2);

  // An argon2id hash string ($argon2id$v=19$m=...). Internal (password.hash_failed) when libsodium
  // runs out of memory.
  Result<std::string> Hash(std::string_view password);

  // What Verify found.
  struct Verdict {
    bool match = false;
    // True when `match` and the hash was made with other limits than this hasher's: the caller
    // should store Hash(password) in its place.
    bool needs_rehash = false;
  };
  // Checks `password` against `hash`. With no hash (unknown account, or one without a password)
  // it verifies against a dummy hash of the same cost, so that the time taken does not tell
  // whether the account exists, and reports no match.
  Verdict Verify(std::string_view password, const std::optional<std::string>& hash);

  const PasswordLimits& limits() const { return limits_; }

 private:
  const std::string& DummyHash();

  PasswordLimits limits_;
  std::counting_semaphore<kMaxConcurrentLimit> slots_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

inline constexpr std::size_t kMinPasswordLength = 12;  // characters (code points)
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// The password rules: at least 12 characters, at most 1024 bytes, not a common password (compared
// in lowercase), not one character repeated, not built from the email address (its local part
// repeated, or with a common password or a few characters around it). Unprocessable
// (user.weak_password) with fields[field] saying why.
Status CheckPasswordRules(std::string_view password, std::string_view email,
                          const std::string& field = "password");

// A random password that satisfies the rules (24 characters base64url), for `bsg user add`.
std::string GeneratePassword();

}  // namespace bsg::identity

#endif  // BSG_MODULES_IDENTITY_PASSWORD_H_
