// gzip (RFC 1952) in memory, through zlib: HTTP bodies, status lists, exports.
#ifndef BSG_PLATFORM_COMPRESS_H_
#define BSG_PLATFORM_COMPRESS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace bsg {

// `data` gzip-compressed at zlib's default level; nullopt if zlib fails (out of memory).
std::optional<std::string> Gzip(std::string_view data);

// The content of one gzip member; nullopt when `data` is not gzip, is truncated or corrupt, or
// would inflate to more than `max_bytes` (a bound against compression bombs).
std::optional<std::string> Gunzip(std::string_view data, std::size_t max_bytes);

}  // namespace bsg

#endif  // BSG_PLATFORM_COMPRESS_H_
