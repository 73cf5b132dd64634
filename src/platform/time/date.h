// Calendar dates: the one place BSG Platform parses, formats and counts days.
//
// A date is a day of the proleptic Gregorian calendar, written ISO 8601 "YYYY-MM-DD" with a
// four-digit year from kMinYear to kMaxYear (1000 to 9999) and no sign. The width is fixed, so
// text order is date order: stores compare dates as text, in C++ and in SQL.
//
// Some dates are known only to the month or the year (an LDC inclusion "1971", an event planned
// for "2025-03"): a PartialDate names that whole period and takes effect on its first day.
//
// Thread-safety: values and pure functions; safe from any thread.
#ifndef BSG_PLATFORM_TIME_DATE_H_
#define BSG_PLATFORM_TIME_DATE_H_

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/status.h"

namespace bsg::time {

// The product's one valid range of years, for dates and timestamps alike.
inline constexpr int kMinYear = 1000;
inline constexpr int kMaxYear = 9999;

bool IsLeapYear(int year);
// The number of days in `month` (1-12) of `year`; 0 for a month outside 1-12.
int DaysInMonth(int year, int month);

// A calendar day. Construct from parts ({2019, 10, 22}) or parse; valid() says whether the parts
// name a real day within the valid years.
struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  // Strict "YYYY-MM-DD": exactly ten characters, a real day of a real month, a year in
  // kMinYear..kMaxYear. nullopt otherwise (other widths, signs, spaces, 2019-02-29, 2019-13-01).
  static std::optional<Date> Parse(std::string_view text);
  // Strict "YYYY-MM" with a month 1-12 and a valid year: the month's first day.
  static std::optional<Date> ParseMonth(std::string_view text);
  // The day `days` days after 1970-01-01 (before it when negative), for counts within a
  // trillion days either way. The result may lie outside the valid years, which valid() tells.
  static Date FromDays(std::int64_t days);

  bool valid() const;
  // Days since 1970-01-01 (negative before it). Meaningful for a valid date.
  std::int64_t ToDays() const;
  // This date `days` days later (earlier when negative).
  // time.bad_date [kInvalidArgument] when this date is not valid; time.date_out_of_range
  // [kInvalidArgument] when the result falls outside the valid years.
  Result<Date> AddDays(std::int64_t days) const;
  // The first and the last day of this date's month.
  Date FirstOfMonth() const;
  Date LastOfMonth() const;

  // "2019-10-22"
  std::string ToString() const;
  // "2019-10"
  std::string MonthString() const;
  // "20191022" (ISO 8601 basic format, as iCalendar writes dates)
  std::string ToBasicString() const;

  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

// True for a strict "YYYY-MM-DD" that Date::Parse accepts.
bool IsIsoDate(std::string_view text);

// `date` ("YYYY-MM-DD") plus `days` days, as text. time.bad_date when `date` is not a valid date;
// time.date_out_of_range as Date::AddDays.
Result<std::string> AddDays(std::string_view date, std::int64_t days);

// How much of a date is known.
enum class Precision { kYear, kMonth, kDay };

// A date known to the year ("1971"), the month ("1994-12") or the day ("1994-12-16"); it names
// the whole year, month or day.
struct PartialDate {
  Date first;  // the period's first day: the day the date takes effect
  Precision precision = Precision::kDay;

  // "YYYY", "YYYY-MM" or "YYYY-MM-DD", each as strict as Date::Parse; nullopt otherwise.
  static std::optional<PartialDate> Parse(std::string_view text);
  // The period's last day.
  Date last() const;
};

// A time of day "HH:MM" on the 24-hour clock (00:00 to 23:59) as minutes after midnight;
// nullopt otherwise (24:00, 9:30, 09:60).
std::optional<int> ParseTimeOfDay(std::string_view text);

}  // namespace bsg::time

#endif  // BSG_PLATFORM_TIME_DATE_H_
