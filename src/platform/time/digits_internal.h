// Fixed-width decimal fields, shared by the date and timestamp parsers and formatters of
// platform/time. Not part of the library's interface.
#ifndef BSG_PLATFORM_TIME_DIGITS_INTERNAL_H_
#define BSG_PLATFORM_TIME_DIGITS_INTERNAL_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace bsg::time::internal {

// The value of exactly `n` ASCII digits at `s[pos]`; nullopt when any is not a digit or `s` is
// too short. n <= 9.
inline std::optional<int> Digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos > s.size() || n > s.size() - pos) return std::nullopt;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// Appends `value` zero-padded to `width` digits (more when it needs more; a negative value gets
// a leading '-').
inline void AppendDigits(std::string& out, long long value, int width) {
  if (value < 0) {
    out += '-';
    value = value == (-9223372036854775807LL - 1) ? 9223372036854775807LL : -value;
  }
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0 && n < 20);
  for (int i = n; i < width; ++i) out += '0';
  while (n > 0) out += buf[--n];
}

}  // namespace bsg::time::internal

#endif  // BSG_PLATFORM_TIME_DIGITS_INTERNAL_H_
