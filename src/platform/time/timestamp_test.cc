#include "platform/time/timestamp.h"

#include <gtest/gtest.h>

namespace bsg::time {
namespace {

using std::chrono::milliseconds;

TEST(TimestampTest, FormatsFixedWidthWithMilliseconds) {
  EXPECT_EQ(FormatTimestamp(TimePoint(milliseconds(0))), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatTimestamp(TimePoint(milliseconds(1714555800123))), "2024-05-01T09:30:00.123Z");
  EXPECT_EQ(FormatTimestamp(TimePoint(milliseconds(-1))), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatTimestamp(TimePoint(milliseconds(86399999))), "1970-01-01T23:59:59.999Z");
}

TEST(TimestampTest, ParsesWhatItFormats) {
  for (const char* text :
       {"2024-05-01T09:30:00.123Z", "1000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z",
        "2999-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z", "2020-02-29T12:00:00.001Z"}) {
    const auto t = ParseTimestamp(text);
    ASSERT_TRUE(t) << text;
    EXPECT_EQ(FormatTimestamp(*t), text);
  }
  EXPECT_EQ(ParseTimestamp("2024-05-01T09:30:00.123Z")->time_since_epoch().count(), 1714555800123);
}

TEST(TimestampTest, AcceptsAPlainDateAsMidnightAndAnyFraction) {
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2024-05-01")), "2024-05-01T00:00:00.000Z");
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2024-05-01T09:30:00Z")), "2024-05-01T09:30:00.000Z");
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2024-05-01T09:30:00.5Z")), "2024-05-01T09:30:00.500Z");
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2024-05-01T09:30:00.12Z")),
            "2024-05-01T09:30:00.120Z");
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2024-05-01T09:30:00.123456789Z")),
            "2024-05-01T09:30:00.123Z")
      << "truncated, not rounded";
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2999-01-01")), "2999-01-01T00:00:00.000Z");
}

TEST(TimestampTest, RejectsMalformedTimestamps) {
  for (const char* text : {"",
                           "2024-02-30",
                           "2024-13-01",
                           "2024-05-01 09:30:00",
                           "2024-05-01T09:30:00",
                           "2024-05-01T09:30:00+02:00",
                           "2024-05-01T09:30Z",
                           "2024-05-01T24:00:00Z",
                           "2024-05-01T09:60:00Z",
                           "2024-05-01T09:30:60Z",
                           "2024-05-01T09:30:00.Z",
                           "2024-05-01T09:30:00.1234567890Z",
                           "2024-05-01T09:30:00,123Z",
                           "2024-05-01T9:30:00.000Z",
                           "2024-05-01t09:30:00.000Z",
                           "2024-05-01T09:30:00.000z",
                           "0999-12-31T23:59:59.999Z",
                           "0999-12-31",
                           "x' OR 1=1 --",
                           "2024-05-01T09:30:00.12aZ"}) {
    EXPECT_FALSE(ParseTimestamp(text)) << '"' << text << '"';
    EXPECT_FALSE(NormalizeTimestamp(text)) << '"' << text << '"';
  }
}

TEST(TimestampTest, NormalizesToTheStoredForm) {
  EXPECT_EQ(NormalizeTimestamp("2999-01-01"), "2999-01-01T00:00:00.000Z");
  EXPECT_EQ(NormalizeTimestamp("2024-05-01T09:30:00.1234Z"), "2024-05-01T09:30:00.123Z");
  EXPECT_EQ(NormalizeTimestamp("2024-05-01T09:30:00Z"), "2024-05-01T09:30:00.000Z");
}

TEST(TimestampTest, TextOrderIsTimeOrder) {
  const char* ordered[] = {"1000-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z",
                           "1970-01-01T00:00:00.000Z", "2024-05-01T09:30:00.099Z",
                           "2024-05-01T09:30:00.100Z", "2024-05-01T10:00:00.000Z",
                           "9999-12-31T23:59:59.999Z"};
  for (std::size_t i = 1; i < std::size(ordered); ++i) {
    EXPECT_LT(std::string(ordered[i - 1]), std::string(ordered[i]));
    EXPECT_LT(*ParseTimestamp(ordered[i - 1]), *ParseTimestamp(ordered[i]));
  }
}

TEST(TimestampTest, GivesTheUtcDay) {
  EXPECT_EQ(DateOf(*ParseTimestamp("2024-05-01T23:59:59.999Z")), (Date{2024, 5, 1}));
  EXPECT_EQ(DateOf(*ParseTimestamp("2024-05-02T00:00:00.000Z")), (Date{2024, 5, 2}));
  EXPECT_EQ(DateOf(*ParseTimestamp("1969-12-31T23:59:59.999Z")), (Date{1969, 12, 31}));
}

TEST(TimestampTest, FormatsTheBasicFormToTheSecond) {
  EXPECT_EQ(FormatBasicTimestamp(*ParseTimestamp("2024-05-01T09:30:07.999Z")), "20240501T093007Z");
  EXPECT_EQ(FormatBasicTimestamp(TimePoint(milliseconds(0))), "19700101T000000Z");
}

}  // namespace
}  // namespace bsg::time
