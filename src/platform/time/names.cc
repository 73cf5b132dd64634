// Month names and written-out dates; see names.h.
#include "platform/time/names.h"

#include <array>
#include <stdexcept>

namespace bsg::time {
namespace {

using Months = std::array<std::string_view, 12>;

enum class Lang { kAr, kEn, kEs, kFr, kRu, kZh };

Lang LangOf(std::string_view lang) {
  if (lang == "ar") return Lang::kAr;
  if (lang == "es") return Lang::kEs;
  if (lang == "fr") return Lang::kFr;
  if (lang == "ru") return Lang::kRu;
  if (lang == "zh") return Lang::kZh;
  return Lang::kEn;
}

constexpr Months kEnglish = {"January", "February", "March",     "April",   "May",      "June",
                             "July",    "August",   "September", "October", "November", "December"};
constexpr Months kFrench = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                            "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
constexpr Months kSpanish = {"enero", "febrero", "marzo",      "abril",   "mayo",      "junio",
                             "julio", "agosto",  "septiembre", "octubre", "noviembre", "diciembre"};
constexpr Months kRussian = {"январь", "февраль", "март",     "апрель",  "май",    "июнь",
                             "июль",   "август",  "сентябрь", "октябрь", "ноябрь", "декабрь"};
constexpr Months kRussianGenitive = {"января",   "февраля", "марта",  "апреля",
                                     "мая",      "июня",    "июля",   "августа",
                                     "сентября", "октября", "ноября", "декабря"};
constexpr Months kArabic = {"يناير", "فبراير", "مارس",   "أبريل",  "مايو",   "يونيو",
                            "يوليو", "أغسطس",  "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"};
constexpr Months kChinese = {"1月", "2月", "3月", "4月",  "5月",  "6月",
                             "7月", "8月", "9月", "10月", "11月", "12月"};

const Months& MonthsOf(Lang lang) {
  switch (lang) {
    case Lang::kAr:
      return kArabic;
    case Lang::kEs:
      return kSpanish;
    case Lang::kFr:
      return kFrench;
    case Lang::kRu:
      return kRussian;
    case Lang::kZh:
      return kChinese;
    case Lang::kEn:
      return kEnglish;
  }
  return kEnglish;
}

void CheckValid(const Date& d) {
  if (!d.valid()) throw std::out_of_range("not a valid date: " + d.ToString());
}

}  // namespace

std::string_view MonthName(int month, std::string_view lang) {
  if (month < 1 || month > 12) throw std::out_of_range("month " + std::to_string(month));
  return MonthsOf(LangOf(lang))[month - 1];
}

std::string FormatLongDate(const Date& d, std::string_view lang) {
  CheckValid(d);
  const std::string day = std::to_string(d.day);
  const std::string year = std::to_string(d.year);
  const std::size_t m = d.month - 1;
  switch (LangOf(lang)) {
    case Lang::kZh:
      return year + "年" + std::to_string(d.month) + "月" + day + "日";
    case Lang::kFr:
      // French writes the first day of a month as an ordinal: "1er septembre".
      return (d.day == 1 ? "1er" : day) + " " + std::string(kFrench[m]) + " " + year;
    case Lang::kEs:
      return day + " de " + std::string(kSpanish[m]) + " de " + year;
    case Lang::kRu:
      return day + " " + std::string(kRussianGenitive[m]) + " " + year;
    case Lang::kAr:
      return day + " " + std::string(kArabic[m]) + " " + year;
    case Lang::kEn:
      return day + " " + std::string(kEnglish[m]) + " " + year;
  }
  return day + " " + std::string(kEnglish[m]) + " " + year;
}

std::string FormatMonthYear(const Date& d, std::string_view lang) {
  CheckValid(d);
  const std::string year = std::to_string(d.year);
  switch (LangOf(lang)) {
    case Lang::kZh:
      return year + "年" + std::to_string(d.month) + "月";
    case Lang::kEs:
      return std::string(kSpanish[d.month - 1]) + " de " + year;
    default:
      return std::string(MonthsOf(LangOf(lang))[d.month - 1]) + " " + year;
  }
}

}  // namespace bsg::time
