// Small cryptographic helpers of the identity module, on libsodium: random tokens, token hashing,
// constant-time comparison. (Timestamps are platform/time's.)
//
// Thread-safety: all functions are thread-safe (libsodium is initialized once, on first use).
#ifndef BSG_MODULES_IDENTITY_CRYPTO_H_
#define BSG_MODULES_IDENTITY_CRYPTO_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace bsg::identity {

// Initializes libsodium (idempotent). Aborts the process when libsodium cannot start, because
// nothing secure can be done without a working random source.
void EnsureSodium();

// `bytes` random bytes from randombytes_buf, base64url without padding.
std::string RandomToken(std::size_t bytes = 32);

// BLAKE2b-256 (crypto_generichash) of `token`, lowercase hex. Tokens are stored only this way.
std::string HashToken(std::string_view token);

// Constant-time equality (sodium_memcmp); false when the lengths differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace bsg::identity

#endif  // BSG_MODULES_IDENTITY_CRYPTO_H_
