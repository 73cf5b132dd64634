// Revocation of certificates through a W3C Bitstring Status List (v1.0).
//
// Every signed certificate carries one position ("index") in a published list of bits; the bit
// at that position is 1 once the certificate is revoked. Anyone holding the certificate fetches
// the list and reads the bit, so the issuer never learns which certificate was checked.
//
// Layout, as the W3C Recommendation fixes it:
//   - the list is at least 131,072 bits (16 KiB), so that a single list hides which of many
//     certificates a verifier is asking about;
//   - index 0 is the most significant bit of the first byte, index 7 its least significant bit,
//     index 8 the most significant bit of the second byte, and so on;
//   - published, the bytes are GZIP-compressed and written as multibase base64url: the letter
//     "u" followed by base64url without padding (RFC 4648 section 5).
//
// The same StatusList type also serves as the issuer's private record of which indexes have been
// handed out (the "used" list), kept apart from the published revocation bits: a revoked bit and
// a used bit mean different things and only the revocation bits are ever published.
//
// Indexes are handed out at random (RandomFreeIndex) rather than in order, so that a
// certificate's position says nothing about when it was issued or about its neighbours.
//
// Thread-safety: StatusList is a value; const methods may be called from several threads, a
// mutating one needs the caller's lock. The free functions are thread-safe.
#ifndef BSG_MODULES_COURSE_STATUS_LIST_H_
#define BSG_MODULES_COURSE_STATUS_LIST_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "platform/status.h"

namespace bsg::course {

class StatusList {
 public:
  // The smallest list the Recommendation allows: 16 KiB of bits.
  static constexpr std::int64_t kMinBits = 131'072;
  // The largest list this code will build, read or inflate: 2 MiB of bits (16,777,216 entries).
  // Bounds the memory a hostile or corrupt encodedList can make us allocate.
  static constexpr std::int64_t kMaxBits = 16'777'216;

  // A list of kMinBits bits, all 0.
  StatusList();

  // A list of `bits` bits, all 0. InvalidArgument (credential.bad_status_list_size) unless
  // `bits` is a multiple of 8 between kMinBits and kMaxBits.
  static Result<StatusList> WithSize(std::int64_t bits);

  // The list stored as raw bytes (one database BLOB), as bytes() returned them. InvalidArgument
  // (credential.bad_status_list_size) for a length outside kMinBits..kMaxBits bits.
  static Result<StatusList> FromBytes(std::string_view bytes);

  // The published form of an encodedList: "u" + base64url(gzip(bytes)). nullopt when `encoded`
  // is not that (wrong prefix, bad base64url, not one gzip member, corrupt) or when the bits it
  // holds are fewer than kMinBits or more than kMaxBits; inflation stops at the bound, so a
  // compression bomb costs at most kMaxBits / 8 bytes.
  static std::optional<StatusList> Decode(std::string_view encoded);

  // Number of bits (entries).
  std::int64_t size() const { return static_cast<std::int64_t>(bytes_.size()) * 8; }

  // The bit at `index`; false for an index outside 0..size()-1 (no certificate sits there).
  bool Get(std::int64_t index) const;

  // Sets the bit at `index`. InvalidArgument (credential.bad_status_index) when `index` is
  // outside 0..size()-1.
  Status Set(std::int64_t index, bool value);

  // How many bits are 1.
  std::int64_t CountSet() const;

  // The encodedList value of a BitstringStatusList: "u" + base64url(gzip(bytes)), no padding.
  // Throws std::bad_alloc when zlib cannot get memory (an environment failure, not an input one).
  std::string Encode() const;

  // The raw bytes, for storage; FromBytes reads them back.
  const std::string& bytes() const { return bytes_; }

  friend bool operator==(const StatusList&, const StatusList&) = default;

 private:
  explicit StatusList(std::string bytes) : bytes_(std::move(bytes)) {}

  std::string bytes_;  // size() / 8 bytes, most significant bit first
};

// A uniformly random index whose bit in `used` is 0, drawn with libsodium's randombytes_uniform
// (unbiased, from the operating system's random source). The caller sets that bit in `used` and
// stores `used` in the same transaction as the certificate, so one index never serves two
// certificates. Conflict (credential.status_list_full) when every bit of `used` is 1.
Result<std::int64_t> RandomFreeIndex(const StatusList& used);

// base64url without padding (RFC 4648 section 5), through libsodium.
std::string Base64UrlEncode(std::string_view bytes);

// The bytes of a base64url text without padding; nullopt for any other character, for "=" and
// for a non-canonical final character (unused bits that are not 0).
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace bsg::course

#endif  // BSG_MODULES_COURSE_STATUS_LIST_H_
