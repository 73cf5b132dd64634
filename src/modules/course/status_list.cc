#include "modules/course/status_list.h"

#include <sodium.h>

#include <bit>
#include <cstdlib>
#include <new>

#include "platform/compress.h"

namespace bsg::course {
namespace {

// libsodium must be initialized before its random source is used. Without a working random
// source no index can be assigned safely, so a failure here stops the process.
void EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) std::abort();
}

constexpr std::size_t kMinBytes = StatusList::kMinBits / 8;
constexpr std::size_t kMaxBytes = StatusList::kMaxBits / 8;

// The longest encodedList that can hold kMaxBytes: gzip never grows data by more than a few
// bytes per 16 KiB block plus its header and trailer, and base64 adds a third. Anything longer
// is refused before it is decoded at all.
constexpr std::size_t kMaxEncodedChars = 1 + (kMaxBytes + 64 * 1024) / 3 * 4 + 4;

Status BadSize() {
  return Status::InvalidArgument(
      "credential.bad_status_list_size",
      "a status list must hold a multiple of 8 bits, at least 131072 and at most 16777216");
}

bool SizeAllowed(std::size_t bytes) { return bytes >= kMinBytes && bytes <= kMaxBytes; }

}  // namespace

StatusList::StatusList() : bytes_(kMinBytes, '\0') {}

Result<StatusList> StatusList::WithSize(std::int64_t bits) {
  if (bits < kMinBits || bits > kMaxBits || bits % 8 != 0) return BadSize();
  return StatusList(std::string(static_cast<std::size_t>(bits / 8), '\0'));
}

Result<StatusList> StatusList::FromBytes(std::string_view bytes) {
  if (!SizeAllowed(bytes.size())) return BadSize();
  return StatusList(std::string(bytes));
}

std::optional<StatusList> StatusList::Decode(std::string_view encoded) {
  // Multibase: the first character names the base; "u" is base64url without padding.
  if (encoded.empty() || encoded.front() != 'u') return std::nullopt;
  if (encoded.size() > kMaxEncodedChars) return std::nullopt;
  std::optional<std::string> compressed = Base64UrlDecode(encoded.substr(1));
  if (!compressed) return std::nullopt;
  std::optional<std::string> bytes = Gunzip(*compressed, kMaxBytes);
  if (!bytes || !SizeAllowed(bytes->size())) return std::nullopt;
  return StatusList(std::move(*bytes));
}

bool StatusList::Get(std::int64_t index) const {
  if (index < 0 || index >= size()) return false;
  const auto byte = static_cast<unsigned char>(bytes_[static_cast<std::size_t>(index / 8)]);
  // Index 0 is the most significant bit of the first byte.
  return (byte >> (7 - index % 8)) & 1U;
}

Status StatusList::Set(std::int64_t index, bool value) {
  if (index < 0 || index >= size()) {
    return Status::InvalidArgument("credential.bad_status_index",
                                   "the status list index is outside the list");
  }
  auto& byte = reinterpret_cast<unsigned char&>(bytes_[static_cast<std::size_t>(index / 8)]);
  const auto mask = static_cast<unsigned char>(0x80U >> (index % 8));
  byte = value ? static_cast<unsigned char>(byte | mask)
               : static_cast<unsigned char>(byte & static_cast<unsigned char>(~mask));
  return Status::Ok();
}

std::int64_t StatusList::CountSet() const {
  std::int64_t count = 0;
  for (char c : bytes_) count += std::popcount(static_cast<unsigned char>(c));
  return count;
}

std::string StatusList::Encode() const {
  std::optional<std::string> compressed = Gzip(bytes_);
  // zlib fails only when it cannot allocate; that is the environment failing, not the input.
  if (!compressed) throw std::bad_alloc();
  return "u" + Base64UrlEncode(*compressed);
}

Result<std::int64_t> RandomFreeIndex(const StatusList& used) {
  EnsureSodium();
  const std::int64_t free = used.size() - used.CountSet();
  if (free <= 0) {
    return Status::Conflict("credential.status_list_full",
                            "every position in the status list is taken");
  }
  // Draw the rank of the free position first and then find it, rather than drawing positions
  // until a free one comes up: the draw stays uniform over the free positions and takes the same
  // time however full the list is. kMaxBits fits in 32 bits, as randombytes_uniform needs.
  std::int64_t rank = randombytes_uniform(static_cast<std::uint32_t>(free));
  const std::string& bytes = used.bytes();
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto byte = static_cast<unsigned char>(bytes[i]);
    const int zeros = 8 - std::popcount(byte);
    if (rank >= zeros) {
      rank -= zeros;
      continue;
    }
    for (int bit = 0; bit < 8; ++bit) {
      if (((byte >> (7 - bit)) & 1U) == 0) {
        if (rank == 0) return static_cast<std::int64_t>(i) * 8 + bit;
        --rank;
      }
    }
  }
  // Unreachable: `free` zero bits were counted above.
  return Status::Internal("internal.status_list_scan", "no free status list position found");
}

std::string Base64UrlEncode(std::string_view bytes) {
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), kVariant);
  out.resize(out.size() - 1);  // the encoded length counts the terminating NUL
  return out;
}

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  // No characters are ignored and the whole text must be consumed (b64_end is null), so
  // whitespace, padding and trailing garbage are all refused.
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

}  // namespace bsg::course
