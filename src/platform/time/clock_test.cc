#include "platform/time/clock.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace bsg::time {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;

TEST(ClockTest, ReadsTheSystemClockWhenNoTestClockIsSet) {
  const auto before = std::chrono::time_point_cast<milliseconds>(std::chrono::system_clock::now());
  const TimePoint now = Now();
  const auto after = std::chrono::time_point_cast<milliseconds>(std::chrono::system_clock::now());
  EXPECT_LE(before, now);
  EXPECT_LE(now, after);
  EXPECT_TRUE(Today().valid());
  EXPECT_EQ(CurrentTimestamp().size(), 24u);
  EXPECT_TRUE(ParseTimestamp(CurrentTimestamp()));
}

TEST(ClockTest, ATestClockSetsNowAndToday) {
  {
    ScopedTestClock clock(*ParseTimestamp("2019-10-22T23:30:00.250Z"));
    EXPECT_EQ(CurrentTimestamp(), "2019-10-22T23:30:00.250Z");
    EXPECT_EQ(FormatTimestamp(Now()), "2019-10-22T23:30:00.250Z");
    EXPECT_EQ(Today(), (Date{2019, 10, 22}));
    EXPECT_EQ(Now(), Now()) << "a test clock stands still";

    clock.Advance(minutes(30));
    EXPECT_EQ(CurrentTimestamp(), "2019-10-23T00:00:00.250Z");
    EXPECT_EQ(Today(), (Date{2019, 10, 23}));

    clock.Advance(-hours(48));
    EXPECT_EQ(Today(), (Date{2019, 10, 21}));

    clock.Set(*ParseTimestamp("2999-01-01"));
    EXPECT_EQ(CurrentTimestamp(), "2999-01-01T00:00:00.000Z");
    EXPECT_EQ(Today(), (Date{2999, 1, 1}));
  }
  // Gone with its scope: the system clock again.
  EXPECT_LT(Today(), (Date{2999, 1, 1}));
  EXPECT_GT(Today(), (Date{2024, 1, 1}));
}

TEST(ClockTest, OnlyOneTestClockAtATime) {
  ScopedTestClock clock(*ParseTimestamp("2024-05-01"));
  EXPECT_THROW(ScopedTestClock second(*ParseTimestamp("2030-01-01")), std::logic_error);
  EXPECT_EQ(Today(), (Date{2024, 5, 1})) << "the first clock keeps its time";
}

}  // namespace
}  // namespace bsg::time
