// Timestamps: instants in UTC to the millisecond, written as fixed-width ISO 8601
// "2024-05-01T09:30:00.123Z". Every stored "…_at" column and every timestamp in the API has this
// form, so text order is time order (stores compare timestamps as text, in C++ and in SQL).
//
// Years are those of date.h (1000 to 9999). TimePoint counts milliseconds in 64 bits, so it holds
// every one of them (std::chrono::system_clock's nanoseconds end in 2262).
//
// Thread-safety: values and pure functions; safe from any thread.
#ifndef BSG_PLATFORM_TIME_TIMESTAMP_H_
#define BSG_PLATFORM_TIME_TIMESTAMP_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "platform/time/date.h"

namespace bsg::time {

using TimePoint = std::chrono::sys_time<std::chrono::milliseconds>;

// "2024-05-01T09:30:00.123Z".
std::string FormatTimestamp(TimePoint t);

// "YYYY-MM-DDTHH:MM:SS[.f]Z" (one to nine fraction digits, truncated to milliseconds) or a plain
// date "YYYY-MM-DD" (its midnight UTC). A real calendar day in the valid years, hours 00-23,
// minutes and seconds 00-59; only "Z" as the zone. nullopt otherwise.
std::optional<TimePoint> ParseTimestamp(std::string_view text);

// The stored form of what ParseTimestamp accepts ("2999-01-01" ->
// "2999-01-01T00:00:00.000Z"); nullopt when it does not.
std::optional<std::string> NormalizeTimestamp(std::string_view text);

// The UTC calendar day `t` falls on.
Date DateOf(TimePoint t);

// "20240501T093000Z": ISO 8601 basic format to the second, as iCalendar writes UTC times.
std::string FormatBasicTimestamp(TimePoint t);

}  // namespace bsg::time

#endif  // BSG_PLATFORM_TIME_TIMESTAMP_H_
