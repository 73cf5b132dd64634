// Calendar dates; see date.h.
#include "platform/time/date.h"

#include "platform/time/digits_internal.h"

namespace bsg::time {
namespace {

using internal::AppendDigits;
using internal::Digits;

bool ValidYear(int year) { return year >= kMinYear && year <= kMaxYear; }

// "YYYY-MM" at the start of `text` (which the caller has sized), checked.
std::optional<Date> ParseYearMonth(std::string_view text) {
  if (text[4] != '-') return std::nullopt;
  const auto year = Digits(text, 0, 4);
  const auto month = Digits(text, 5, 2);
  if (!year || !month || !ValidYear(*year) || *month < 1 || *month > 12) return std::nullopt;
  return Date{*year, *month, 1};
}

}  // namespace

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

std::optional<Date> Date::Parse(std::string_view text) {
  if (text.size() != 10 || text[7] != '-') return std::nullopt;
  auto d = ParseYearMonth(text);
  const auto day = Digits(text, 8, 2);
  if (!d || !day || *day < 1 || *day > DaysInMonth(d->year, d->month)) return std::nullopt;
  d->day = *day;
  return d;
}

std::optional<Date> Date::ParseMonth(std::string_view text) {
  if (text.size() != 7) return std::nullopt;
  return ParseYearMonth(text);
}

// Howard Hinnant's civil_from_days and days_from_civil
// (https://howardhinnant.github.io/date_algorithms.html), exact for every int64 day count that
// maps to an int year.
Date Date::FromDays(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

std::int64_t Date::ToDays() const {
  const std::int64_t y = month <= 2 ? std::int64_t{year} - 1 : year;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool Date::valid() const {
  return ValidYear(year) && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

Result<Date> Date::AddDays(std::int64_t days) const {
  if (!valid()) {
    return Status::InvalidArgument("time.bad_date", "\"" + ToString() + "\" is not a date");
  }
  // The valid years span under 3.3 million days: a larger step cannot land inside them, and
  // ruling it out first keeps the sum from overflowing.
  constexpr std::int64_t kSpan = 4 * 1000 * 1000;
  std::optional<Date> out;
  if (days > -kSpan && days < kSpan) out = FromDays(ToDays() + days);
  if (!out || !out->valid()) {
    return Status::InvalidArgument("time.date_out_of_range",
                                   ToString() + " plus " + std::to_string(days) +
                                       " days falls outside the years " + std::to_string(kMinYear) +
                                       " to " + std::to_string(kMaxYear));
  }
  return *out;
}

Date Date::FirstOfMonth() const { return {year, month, 1}; }

Date Date::LastOfMonth() const { return {year, month, DaysInMonth(year, month)}; }

std::string Date::ToString() const {
  std::string out;
  out.reserve(10);
  AppendDigits(out, year, 4);
  out += '-';
  AppendDigits(out, month, 2);
  out += '-';
  AppendDigits(out, day, 2);
  return out;
}

std::string Date::MonthString() const {
  std::string out;
  out.reserve(7);
  AppendDigits(out, year, 4);
  out += '-';
  AppendDigits(out, month, 2);
  return out;
}

std::string Date::ToBasicString() const {
  std::string out;
  out.reserve(8);
  AppendDigits(out, year, 4);
  AppendDigits(out, month, 2);
  AppendDigits(out, day, 2);
  return out;
}

bool IsIsoDate(std::string_view text) { return Date::Parse(text).has_value(); }

Result<std::string> AddDays(std::string_view date, std::int64_t days) {
  const auto d = Date::Parse(date);
  if (!d) {
    return Status::InvalidArgument("time.bad_date",
                                   "\"" + std::string(date) + "\" is not a date (YYYY-MM-DD)");
  }
  BSG_ASSIGN_OR_RETURN(const Date out, d->AddDays(days));
  return out.ToString();
}

std::optional<PartialDate> PartialDate::Parse(std::string_view text) {
  switch (text.size()) {
    case 4: {
      const auto year = Digits(text, 0, 4);
      if (!year || !ValidYear(*year)) return std::nullopt;
      return PartialDate{{*year, 1, 1}, Precision::kYear};
    }
    case 7:
      if (auto d = Date::ParseMonth(text)) return PartialDate{*d, Precision::kMonth};
      return std::nullopt;
    case 10:
      if (auto d = Date::Parse(text)) return PartialDate{*d, Precision::kDay};
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

Date PartialDate::last() const {
  switch (precision) {
    case Precision::kYear:
      return {first.year, 12, 31};
    case Precision::kMonth:
      return first.LastOfMonth();
    case Precision::kDay:
      return first;
  }
  return first;
}

std::optional<int> ParseTimeOfDay(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  const auto h = Digits(text, 0, 2);
  const auto m = Digits(text, 3, 2);
  if (!h || !m || *h > 23 || *m > 59) return std::nullopt;
  return *h * 60 + *m;
}

}  // namespace bsg::time
