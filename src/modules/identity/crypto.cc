#include "modules/identity/crypto.h"

#include <sodium.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <vector>

namespace bsg::identity {
namespace {

// Parses exactly `n` digits at `s[pos]`.
std::optional<int> Digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace

Clock SystemClock() {
  return [] { return std::chrono::system_clock::now(); };
}

void EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) std::abort();
}

std::string RandomToken(std::size_t bytes) {
  EnsureSodium();
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), buf.data(), buf.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  sodium_memzero(buf.data(), buf.size());
  return out;
}

std::string HashToken(std::string_view token) {
  EnsureSodium();
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof(digest), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[crypto_generichash_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
  return std::string(hex);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  EnsureSodium();
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string FormatTimestamp(TimePoint t) {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  const auto ms_total = duration_cast<milliseconds>(t.time_since_epoch()).count();
  auto secs = static_cast<std::time_t>(ms_total / 1000);
  auto ms = static_cast<int>(ms_total % 1000);
  if (ms < 0) {
    ms += 1000;
    --secs;
  }
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
  return buf;
}

namespace {

struct TimestampParts {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
};

std::optional<TimestampParts> ParseParts(std::string_view s) {
  auto year = Digits(s, 0, 4), month = Digits(s, 5, 2), day = Digits(s, 8, 2);
  if (!year || !month || !day || s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  TimestampParts p;
  p.year = *year;
  p.month = *month;
  p.day = *day;
  if (s.size() > 10) {
    if (s[10] != 'T' || s.back() != 'Z' || s.size() < 20 || s[13] != ':' || s[16] != ':') {
      return std::nullopt;
    }
    auto h = Digits(s, 11, 2), mi = Digits(s, 14, 2), se = Digits(s, 17, 2);
    if (!h || !mi || !se) return std::nullopt;
    p.hour = *h;
    p.minute = *mi;
    p.second = *se;
    std::string_view rest = s.substr(19, s.size() - 20);  // between the seconds and the Z
    if (!rest.empty()) {
      if (rest[0] != '.' || rest.size() < 2 || rest.size() > 10) return std::nullopt;
      auto frac = Digits(rest, 1, rest.size() - 1);
      if (!frac) return std::nullopt;
      // Keep milliseconds: scale the fraction to three digits.
      int value = *frac;
      std::size_t digits = rest.size() - 1;
      for (; digits > 3; --digits) value /= 10;
      for (; digits < 3; ++digits) value *= 10;
      p.millis = value;
    }
  }
  namespace chr = std::chrono;
  const chr::year_month_day ymd{chr::year(p.year), chr::month(static_cast<unsigned>(p.month)),
                                chr::day(static_cast<unsigned>(p.day))};
  if (!ymd.ok() || p.hour > 23 || p.minute > 59 || p.second > 59) return std::nullopt;
  return p;
}

}  // namespace

std::optional<TimePoint> ParseTimestamp(std::string_view s) {
  auto p = ParseParts(s);
  // system_clock counts nanoseconds in 64 bits: years 1678 to 2261 only.
  if (!p || p->year < 1700 || p->year > 2250) return std::nullopt;
  namespace chr = std::chrono;
  const chr::year_month_day ymd{chr::year(p->year), chr::month(static_cast<unsigned>(p->month)),
                                chr::day(static_cast<unsigned>(p->day))};
  return chr::time_point_cast<chr::system_clock::duration>(
      chr::sys_days(ymd) + chr::hours(p->hour) + chr::minutes(p->minute) + chr::seconds(p->second) +
      chr::milliseconds(p->millis));
}

std::optional<std::string> NormalizeTimestamp(std::string_view text) {
  auto p = ParseParts(text);
  if (!p) return std::nullopt;
  char buf[96];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", p->year, p->month, p->day,
                p->hour, p->minute, p->second, p->millis);
  return std::string(buf);
}

}  // namespace bsg::identity
