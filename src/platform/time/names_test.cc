#include "platform/time/names.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace bsg::time {
namespace {

TEST(MonthNameTest, NamesMonthsInTheSixLanguages) {
  EXPECT_EQ(MonthName(1), "January");
  EXPECT_EQ(MonthName(9, "en"), "September");
  EXPECT_EQ(MonthName(1, "fr"), "janvier");
  EXPECT_EQ(MonthName(2, "fr"), "février");
  EXPECT_EQ(MonthName(8, "fr"), "août");
  EXPECT_EQ(MonthName(12, "fr"), "décembre");
  EXPECT_EQ(MonthName(1, "es"), "enero");
  EXPECT_EQ(MonthName(9, "es"), "septiembre");
  EXPECT_EQ(MonthName(1, "ru"), "январь");
  EXPECT_EQ(MonthName(9, "ru"), "сентябрь");
  EXPECT_EQ(MonthName(5, "ru"), "май");
  EXPECT_EQ(MonthName(1, "ar"), "يناير");
  EXPECT_EQ(MonthName(9, "ar"), "سبتمبر");
  EXPECT_EQ(MonthName(12, "ar"), "ديسمبر");
  EXPECT_EQ(MonthName(1, "zh"), "1月");
  EXPECT_EQ(MonthName(12, "zh"), "12月");
}

TEST(MonthNameTest, EveryLanguageHasTwelveDistinctNames) {
  for (const char* lang : {"ar", "en", "es", "fr", "ru", "zh"}) {
    for (int a = 1; a <= 12; ++a) {
      EXPECT_FALSE(MonthName(a, lang).empty()) << lang << " " << a;
      for (int b = a + 1; b <= 12; ++b) EXPECT_NE(MonthName(a, lang), MonthName(b, lang)) << lang;
    }
  }
}

TEST(MonthNameTest, FallsBackToEnglishAndRejectsBadMonths) {
  EXPECT_EQ(MonthName(3, "de"), "March");
  EXPECT_EQ(MonthName(3, ""), "March");
  EXPECT_THROW(MonthName(0), std::out_of_range);
  EXPECT_THROW(MonthName(13, "fr"), std::out_of_range);
}

TEST(LongDateTest, WritesADayOutInTheSixLanguages) {
  const Date d{2019, 9, 12};
  EXPECT_EQ(FormatLongDate(d), "12 September 2019");
  EXPECT_EQ(FormatLongDate(d, "fr"), "12 septembre 2019");
  EXPECT_EQ(FormatLongDate(d, "es"), "12 de septiembre de 2019");
  EXPECT_EQ(FormatLongDate(d, "ru"), "12 сентября 2019") << "genitive in a date";
  EXPECT_EQ(FormatLongDate(d, "ar"), "12 سبتمبر 2019");
  EXPECT_EQ(FormatLongDate(d, "zh"), "2019年9月12日");
  EXPECT_EQ(FormatLongDate({2019, 10, 1}), "1 October 2019");
  EXPECT_EQ(FormatLongDate({2019, 10, 1}, "fr"), "1er octobre 2019");
  EXPECT_EQ(FormatLongDate({2020, 5, 9}, "ru"), "9 мая 2020");
  EXPECT_THROW(FormatLongDate({2019, 2, 30}), std::out_of_range);
}

TEST(LongDateTest, WritesAMonthOutInTheSixLanguages) {
  const Date d{2020, 2, 29};
  EXPECT_EQ(FormatMonthYear(d), "February 2020");
  EXPECT_EQ(FormatMonthYear(d, "fr"), "février 2020");
  EXPECT_EQ(FormatMonthYear(d, "es"), "febrero de 2020");
  EXPECT_EQ(FormatMonthYear(d, "ru"), "февраль 2020") << "nominative on its own";
  EXPECT_EQ(FormatMonthYear(d, "ar"), "فبراير 2020");
  EXPECT_EQ(FormatMonthYear(d, "zh"), "2020年2月");
  EXPECT_THROW(FormatMonthYear({2020, 13, 1}), std::out_of_range);
}

}  // namespace
}  // namespace bsg::time
