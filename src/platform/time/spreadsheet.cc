// Spreadsheet serial dates; see spreadsheet.h.
#include "platform/time/spreadsheet.h"

#include <cmath>
#include <cstdint>

#include "platform/time/digits_internal.h"

namespace bsg::time {
namespace {

// Serial 25569 is 1970-01-01 for every serial from 61 on.
constexpr std::int64_t kUnixEpochSerial = 25569;
constexpr double kLastSerial = 2958466;  // 10000-01-01, the first serial past Excel's dates

}  // namespace

std::string CellDateTime::ToString() const {
  std::string out = date.ToString();
  if (second_of_day == 0) return out;
  out += ' ';
  internal::AppendDigits(out, second_of_day / 3600, 2);
  out += ':';
  internal::AppendDigits(out, second_of_day / 60 % 60, 2);
  out += ':';
  internal::AppendDigits(out, second_of_day % 60, 2);
  return out;
}

std::optional<CellDateTime> FromSpreadsheetSerial(double serial) {
  if (!std::isfinite(serial) || serial < 1 || serial >= kLastSerial) return std::nullopt;
  auto whole = static_cast<std::int64_t>(std::floor(serial));
  auto seconds = static_cast<std::int64_t>(std::llround((serial - std::floor(serial)) * 86400.0));
  if (seconds == 86400) {  // rounds up to the next midnight
    ++whole;
    seconds = 0;
  }
  if (whole == 60 || whole >= static_cast<std::int64_t>(kLastSerial)) return std::nullopt;
  // Before the phantom 29 February the count starts a day later: serial 1 is 1900-01-01.
  const std::int64_t days = whole - kUnixEpochSerial + (whole < 60 ? 1 : 0);
  return CellDateTime{Date::FromDays(days), static_cast<int>(seconds)};
}

}  // namespace bsg::time
