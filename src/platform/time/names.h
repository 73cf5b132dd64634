// Month names and written-out dates in the six UN languages: Arabic ("ar"), Chinese ("zh"),
// English ("en"), French ("fr"), Russian ("ru") and Spanish ("es"). Any other language code
// gets English.
//
// The forms are those of UN and ITU documents: French and Spanish months in lower case; Russian
// months in the nominative on their own ("сентябрь") and in the genitive in a date ("12 сентября
// 2019"); Arabic the month names of ITU's Arabic texts ("سبتمبر"), with Western digits; Chinese
// numbered months ("9月", "2019年9月12日").
//
// Thread-safety: pure functions; safe from any thread.
#ifndef BSG_PLATFORM_TIME_NAMES_H_
#define BSG_PLATFORM_TIME_NAMES_H_

#include <string>
#include <string_view>

#include "platform/time/date.h"

namespace bsg::time {

// The name of `month` (1-12) on its own: "September", "septembre", "сентябрь", "9月".
// A month outside 1-12 is a bug (std::out_of_range).
std::string_view MonthName(int month, std::string_view lang = "en");

// A day written out: "12 September 2019", "1er septembre 2019", "12 de septiembre de 2019",
// "12 сентября 2019", "12 سبتمبر 2019", "2019年9月12日". `d` must be valid (std::out_of_range
// otherwise).
std::string FormatLongDate(const Date& d, std::string_view lang = "en");

// A month written out: "September 2019", "septembre 2019", "septiembre de 2019",
// "сентябрь 2019", "سبتمبر 2019", "2019年9月". `d` must be valid (std::out_of_range
// otherwise); its day is not shown.
std::string FormatMonthYear(const Date& d, std::string_view lang = "en");

}  // namespace bsg::time

#endif  // BSG_PLATFORM_TIME_NAMES_H_
