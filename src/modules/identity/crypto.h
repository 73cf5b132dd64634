// Small cryptographic and time helpers of the identity module, on libsodium: random tokens,
// token hashing, constant-time comparison, and the UTC timestamps identity writes.
//
// Thread-safety: all functions are thread-safe (libsodium is initialized once, on first use).
#ifndef BSG_MODULES_IDENTITY_CRYPTO_H_
#define BSG_MODULES_IDENTITY_CRYPTO_H_

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace bsg::identity {

using TimePoint = std::chrono::system_clock::time_point;
// The clock identity reads; tests substitute their own.
using Clock = std::function<TimePoint()>;
Clock SystemClock();

// Initializes libsodium (idempotent). Aborts the process when libsodium cannot start, because
// nothing secure can be done without a working random source.
void EnsureSodium();

// `bytes` random bytes from randombytes_buf, base64url without padding.
std::string RandomToken(std::size_t bytes = 32);

// BLAKE2b-256 (crypto_generichash) of `token`, lowercase hex. Tokens are stored only this way.
std::string HashToken(std::string_view token);

// Constant-time equality (sodium_memcmp); false when the lengths differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// "2024-05-01T09:30:00.123Z": UTC, fixed width, milliseconds. Text order is time order.
std::string FormatTimestamp(TimePoint t);

// Parses "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDTHH:MM:SS[.fff]Z"; nullopt when malformed or
// outside the years 1700 to 2250.
std::optional<TimePoint> ParseTimestamp(std::string_view text);

// The same forms, for any year 0000-9999, rewritten in the stored form
// ("2999-01-01" -> "2999-01-01T00:00:00.000Z") for comparisons; nullopt when malformed.
std::optional<std::string> NormalizeTimestamp(std::string_view text);

}  // namespace bsg::identity

#endif  // BSG_MODULES_IDENTITY_CRYPTO_H_
