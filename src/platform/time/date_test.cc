#include "platform/time/date.h"

#include <gtest/gtest.h>

namespace bsg::time {
namespace {

TEST(DateTest, ParsesAndFormatsRoundTrip) {
  for (const char* text : {"2019-10-22", "2020-02-29", "1000-01-01", "9999-12-31", "1971-01-01",
                           "1900-03-01", "2000-02-29"}) {
    const auto d = Date::Parse(text);
    ASSERT_TRUE(d) << text;
    EXPECT_TRUE(d->valid()) << text;
    EXPECT_EQ(d->ToString(), text);
  }
  EXPECT_EQ(Date::Parse("2019-10-22"), (Date{2019, 10, 22}));
  EXPECT_EQ((Date{2019, 1, 2}).ToString(), "2019-01-02");
  EXPECT_EQ((Date{2019, 1, 2}).MonthString(), "2019-01");
  EXPECT_EQ((Date{2019, 1, 2}).ToBasicString(), "20190102");
}

TEST(DateTest, RejectsDaysThatDoNotExist) {
  EXPECT_FALSE(Date::Parse("2019-02-29")) << "2019 is not a leap year";
  EXPECT_FALSE(Date::Parse("1900-02-29")) << "1900 is not a leap year";
  EXPECT_FALSE(Date::Parse("2020-02-30"));
  EXPECT_FALSE(Date::Parse("2020-04-31"));
  EXPECT_FALSE(Date::Parse("2020-13-01"));
  EXPECT_FALSE(Date::Parse("2020-00-10"));
  EXPECT_FALSE(Date::Parse("2020-01-00"));
  EXPECT_FALSE(Date::Parse("2020-01-32"));
  EXPECT_FALSE((Date{2019, 2, 29}).valid());
  EXPECT_FALSE((Date{2019, 0, 1}).valid());
}

TEST(DateTest, RejectsYearsOutsideTheOneRange) {
  EXPECT_FALSE(Date::Parse("0999-12-31"));
  EXPECT_FALSE(Date::Parse("0000-01-01"));
  EXPECT_FALSE(Date::Parse("10000-01-01"));
  EXPECT_FALSE((Date{999, 12, 31}).valid());
  EXPECT_FALSE((Date{10000, 1, 1}).valid());
  EXPECT_TRUE((Date{kMinYear, 1, 1}).valid());
  EXPECT_TRUE((Date{kMaxYear, 12, 31}).valid());
}

TEST(DateTest, RejectsOtherShapes) {
  for (const char* text :
       {"", "2019-1-01", "2019-01-1", "19-01-01", "2019-01-011", "2019-01-01x", " 2019-01-01",
        "2019-01-01 ", "2019/01/01", "2019-01_01", "+019-01-01", "-2019-01-01", "2019-+1-01",
        "2019-01--1", "2O19-01-01", "20190101", "2019-01-01T00:00:00Z"}) {
    EXPECT_FALSE(Date::Parse(text)) << '"' << text << '"';
    EXPECT_FALSE(IsIsoDate(text)) << '"' << text << '"';
  }
  EXPECT_TRUE(IsIsoDate("2019-01-01"));
}

TEST(DateTest, KnowsLeapYearsAndMonthLengths) {
  EXPECT_TRUE(IsLeapYear(2020));
  EXPECT_TRUE(IsLeapYear(2000));
  EXPECT_FALSE(IsLeapYear(1900));
  EXPECT_FALSE(IsLeapYear(2019));
  EXPECT_EQ(DaysInMonth(2020, 2), 29);
  EXPECT_EQ(DaysInMonth(2019, 2), 28);
  EXPECT_EQ(DaysInMonth(2100, 2), 28);
  EXPECT_EQ(DaysInMonth(2019, 4), 30);
  EXPECT_EQ(DaysInMonth(2019, 12), 31);
  EXPECT_EQ(DaysInMonth(2019, 0), 0);
  EXPECT_EQ(DaysInMonth(2019, 13), 0);
  EXPECT_EQ((Date{2020, 2, 14}).FirstOfMonth(), (Date{2020, 2, 1}));
  EXPECT_EQ((Date{2020, 2, 14}).LastOfMonth(), (Date{2020, 2, 29}));
}

TEST(DateTest, CountsDaysFromTheEpochAndBack) {
  EXPECT_EQ((Date{1970, 1, 1}).ToDays(), 0);
  EXPECT_EQ((Date{1970, 1, 2}).ToDays(), 1);
  EXPECT_EQ((Date{1969, 12, 31}).ToDays(), -1);
  EXPECT_EQ((Date{2000, 3, 1}).ToDays(), 11017);
  EXPECT_EQ(Date::FromDays(0), (Date{1970, 1, 1}));
  EXPECT_EQ(Date::FromDays(18262), (Date{2020, 1, 1}));
  // Every day of two centuries, and every 97th day of the whole range, comes back unchanged and
  // follows the day before.
  for (std::int64_t n = (Date{1899, 1, 1}).ToDays(); n <= (Date{2101, 1, 1}).ToDays(); ++n) {
    const Date d = Date::FromDays(n);
    ASSERT_TRUE(d.valid()) << n;
    ASSERT_EQ(d.ToDays(), n);
    ASSERT_LT(Date::FromDays(n - 1), d);
  }
  for (std::int64_t n = (Date{kMinYear, 1, 1}).ToDays(); n <= (Date{kMaxYear, 12, 31}).ToDays();
       n += 97) {
    const Date d = Date::FromDays(n);
    ASSERT_TRUE(d.valid()) << n;
    ASSERT_EQ(Date::Parse(d.ToString()), d);
    ASSERT_EQ(d.ToDays(), n);
  }
  EXPECT_FALSE(Date::FromDays((Date{kMinYear, 1, 1}).ToDays() - 1).valid());
  EXPECT_FALSE(Date::FromDays((Date{kMaxYear, 12, 31}).ToDays() + 1).valid());
}

TEST(DateTest, ComparesInCalendarOrderAsItsTextDoes) {
  const Date a{2019, 12, 31}, b{2020, 1, 1}, c{2020, 1, 10};
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_GT(c, a);
  EXPECT_EQ(b, (Date{2020, 1, 1}));
  EXPECT_NE(a, b);
  EXPECT_LT(a.ToString(), b.ToString());
  EXPECT_LT(b.ToString(), c.ToString());
}

TEST(DateTest, AddsDaysAcrossMonthsYearsAndLeapDays) {
  EXPECT_EQ(*(Date{2019, 12, 31}).AddDays(1), (Date{2020, 1, 1}));
  EXPECT_EQ(*(Date{2020, 3, 1}).AddDays(-1), (Date{2020, 2, 29}));
  EXPECT_EQ(*(Date{2019, 3, 1}).AddDays(-1), (Date{2019, 2, 28}));
  EXPECT_EQ(*(Date{2020, 1, 31}).AddDays(29), (Date{2020, 2, 29}));
  EXPECT_EQ(*(Date{2019, 10, 22}).AddDays(0), (Date{2019, 10, 22}));
  EXPECT_EQ(*(Date{2019, 10, 22}).AddDays(-365), (Date{2018, 10, 22}));
  EXPECT_EQ(*(Date{2020, 2, 29}).AddDays(366), (Date{2021, 3, 1}));
  EXPECT_EQ(*AddDays("2019-12-31", 1), "2020-01-01");
  EXPECT_EQ(*AddDays("2020-03-01", -1), "2020-02-29");
}

TEST(DateTest, AddDaysFailsOnABadDateInsteadOfReturningIt) {
  auto bad = (Date{2019, 2, 29}).AddDays(1);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().reason(), "time.bad_date");
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  auto text = AddDays("2019-02-29", 1);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().reason(), "time.bad_date");
  EXPECT_NE(text.status().message().find("2019-02-29"), std::string::npos);
  EXPECT_EQ(AddDays("", 1).status().reason(), "time.bad_date");
  EXPECT_EQ(AddDays("2019-10-22x", 1).status().reason(), "time.bad_date");
}

TEST(DateTest, AddDaysFailsWhenTheResultLeavesTheRange) {
  EXPECT_EQ((Date{kMaxYear, 12, 31}).AddDays(1).status().reason(), "time.date_out_of_range");
  EXPECT_EQ((Date{kMinYear, 1, 1}).AddDays(-1).status().reason(), "time.date_out_of_range");
  EXPECT_EQ(AddDays("9999-12-31", 1).status().reason(), "time.date_out_of_range");
  EXPECT_EQ((Date{2019, 1, 1}).AddDays(INT64_MAX).status().reason(), "time.date_out_of_range");
  EXPECT_EQ((Date{2019, 1, 1}).AddDays(INT64_MIN).status().reason(), "time.date_out_of_range");
  EXPECT_EQ(*(Date{kMinYear, 1, 1})
                 .AddDays((Date{kMaxYear, 12, 31}).ToDays() - (Date{kMinYear, 1, 1}).ToDays()),
            (Date{kMaxYear, 12, 31}));
}

TEST(DateTest, ParsesMonths) {
  EXPECT_EQ(Date::ParseMonth("2019-10"), (Date{2019, 10, 1}));
  EXPECT_EQ(Date::ParseMonth("1000-01"), (Date{1000, 1, 1}));
  for (const char* text : {"2019-13", "2019-00", "2019-1", "2019-10-01", "0999-12", "2019/10",
                           "201910", "", "2019-1x"}) {
    EXPECT_FALSE(Date::ParseMonth(text)) << '"' << text << '"';
  }
}

TEST(PartialDateTest, NamesAYearAMonthOrADay) {
  auto year = PartialDate::Parse("1971");
  ASSERT_TRUE(year);
  EXPECT_EQ(year->precision, Precision::kYear);
  EXPECT_EQ(year->first, (Date{1971, 1, 1}));
  EXPECT_EQ(year->last(), (Date{1971, 12, 31}));

  auto month = PartialDate::Parse("2020-02");
  ASSERT_TRUE(month);
  EXPECT_EQ(month->precision, Precision::kMonth);
  EXPECT_EQ(month->first, (Date{2020, 2, 1}));
  EXPECT_EQ(month->last(), (Date{2020, 2, 29}));

  auto day = PartialDate::Parse("1994-12-16");
  ASSERT_TRUE(day);
  EXPECT_EQ(day->precision, Precision::kDay);
  EXPECT_EQ(day->first, (Date{1994, 12, 16}));
  EXPECT_EQ(day->last(), (Date{1994, 12, 16}));
}

TEST(PartialDateTest, IsAsStrictAsFullDates) {
  for (const char* text : {"", "197", "19711", "0971", "+971", "1994-13", "1994-00", "1994-1",
                           "1994-12-32", "2019-02-29", "1994-12-1", "1994 ", "1994-12-01x"}) {
    EXPECT_FALSE(PartialDate::Parse(text)) << '"' << text << '"';
  }
}

TEST(TimeOfDayTest, ParsesHoursAndMinutes) {
  EXPECT_EQ(ParseTimeOfDay("09:30"), 570);
  EXPECT_EQ(ParseTimeOfDay("00:00"), 0);
  EXPECT_EQ(ParseTimeOfDay("23:59"), 23 * 60 + 59);
  for (const char* text : {"24:00", "09:60", "9:30", "09:3", "0930", "09-30", "09:30:00", "",
                           " 9:30", "-1:30", "ab:cd"}) {
    EXPECT_FALSE(ParseTimeOfDay(text)) << '"' << text << '"';
  }
}

}  // namespace
}  // namespace bsg::time
