// Timestamps; see timestamp.h.
#include "platform/time/timestamp.h"

#include <cstdint>

#include "platform/time/digits_internal.h"

namespace bsg::time {
namespace {

using internal::AppendDigits;
using internal::Digits;

constexpr std::int64_t kMillisPerDay = 86400000;

// A TimePoint split into its UTC day and the milliseconds since that day's midnight.
struct Split {
  Date date;
  std::int64_t millis = 0;  // 0 to 86,399,999
};

Split SplitOf(TimePoint t) {
  const std::int64_t ms = t.time_since_epoch().count();
  std::int64_t days = ms / kMillisPerDay;
  std::int64_t rest = ms % kMillisPerDay;
  if (rest < 0) {
    rest += kMillisPerDay;
    --days;
  }
  return {Date::FromDays(days), rest};
}

}  // namespace

std::string FormatTimestamp(TimePoint t) {
  const Split s = SplitOf(t);
  std::string out = s.date.ToString();
  out.reserve(24);
  out += 'T';
  AppendDigits(out, s.millis / 3600000, 2);
  out += ':';
  AppendDigits(out, s.millis / 60000 % 60, 2);
  out += ':';
  AppendDigits(out, s.millis / 1000 % 60, 2);
  out += '.';
  AppendDigits(out, s.millis % 1000, 3);
  out += 'Z';
  return out;
}

std::string FormatBasicTimestamp(TimePoint t) {
  const Split s = SplitOf(t);
  std::string out = s.date.ToBasicString();
  out.reserve(16);
  out += 'T';
  AppendDigits(out, s.millis / 3600000, 2);
  AppendDigits(out, s.millis / 60000 % 60, 2);
  AppendDigits(out, s.millis / 1000 % 60, 2);
  out += 'Z';
  return out;
}

std::optional<TimePoint> ParseTimestamp(std::string_view text) {
  const auto date = Date::Parse(text.substr(0, 10));
  if (!date) return std::nullopt;
  std::int64_t millis = 0;
  if (text.size() > 10) {
    // "THH:MM:SS", an optional fraction, "Z".
    if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
        text.back() != 'Z') {
      return std::nullopt;
    }
    const auto h = Digits(text, 11, 2);
    const auto m = Digits(text, 14, 2);
    const auto sec = Digits(text, 17, 2);
    if (!h || !m || !sec || *h > 23 || *m > 59 || *sec > 59) return std::nullopt;
    millis = ((*h * 60 + *m) * 60 + *sec) * std::int64_t{1000};
    const std::string_view fraction = text.substr(19, text.size() - 20);  // ".fff" or empty
    if (!fraction.empty()) {
      if (fraction[0] != '.' || fraction.size() < 2 || fraction.size() > 10) return std::nullopt;
      const auto digits = Digits(fraction, 1, fraction.size() - 1);
      if (!digits) return std::nullopt;
      // Keep milliseconds: scale the fraction to three digits.
      int value = *digits;
      std::size_t n = fraction.size() - 1;
      for (; n > 3; --n) value /= 10;
      for (; n < 3; ++n) value *= 10;
      millis += value;
    }
  }
  return TimePoint(std::chrono::milliseconds(date->ToDays() * kMillisPerDay + millis));
}

std::optional<std::string> NormalizeTimestamp(std::string_view text) {
  const auto t = ParseTimestamp(text);
  if (!t) return std::nullopt;
  return FormatTimestamp(*t);
}

Date DateOf(TimePoint t) { return SplitOf(t).date; }

}  // namespace bsg::time
