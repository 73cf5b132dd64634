#include "platform/time/spreadsheet.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace bsg::time {
namespace {

std::string Text(double serial) {
  auto dt = FromSpreadsheetSerial(serial);
  return dt ? dt->ToString() : "none";
}

TEST(SpreadsheetTest, ReadsSerialDates) {
  EXPECT_EQ(Text(43831), "2020-01-01");
  EXPECT_EQ(Text(25569), "1970-01-01");
  EXPECT_EQ(Text(43760), "2019-10-22");
  EXPECT_EQ(Text(2958465), "9999-12-31");
}

TEST(SpreadsheetTest, HandlesThe1900LeapYearBug) {
  EXPECT_EQ(Text(1), "1900-01-01");
  EXPECT_EQ(Text(59), "1900-02-28");
  EXPECT_EQ(Text(60), "none") << "1900-02-29 never was";
  EXPECT_EQ(Text(60.5), "none");
  EXPECT_EQ(Text(61), "1900-03-01");
}

TEST(SpreadsheetTest, ReadsTheTimeOfDayToTheSecond) {
  EXPECT_EQ(Text(43831.5), "2020-01-01 12:00:00");
  EXPECT_EQ(Text(43831.25 + 1.0 / 86400), "2020-01-01 06:00:01");
  EXPECT_EQ(Text(43831 + 0.4 / 86400), "2020-01-01") << "rounds to midnight";
  EXPECT_EQ(Text(43831.9999999), "2020-01-02") << "rounds up to the next midnight";
  auto dt = FromSpreadsheetSerial(43831.75);
  ASSERT_TRUE(dt);
  EXPECT_EQ(dt->date, (Date{2020, 1, 1}));
  EXPECT_EQ(dt->second_of_day, 18 * 3600);
}

TEST(SpreadsheetTest, RejectsSerialsOutsideExcelsDates) {
  EXPECT_EQ(Text(0), "none");
  EXPECT_EQ(Text(0.5), "none");
  EXPECT_EQ(Text(-1), "none");
  EXPECT_EQ(Text(2958466), "none");
  EXPECT_EQ(Text(1e300), "none");
  EXPECT_EQ(Text(std::numeric_limits<double>::quiet_NaN()), "none");
  EXPECT_EQ(Text(std::numeric_limits<double>::infinity()), "none");
}

TEST(SpreadsheetTest, FormatsCellDateTimes) {
  EXPECT_EQ((CellDateTime{{2019, 10, 22}, 0}).ToString(), "2019-10-22");
  EXPECT_EQ((CellDateTime{{2019, 10, 22}, 9 * 3600 + 30 * 60 + 5}).ToString(),
            "2019-10-22 09:30:05");
}

}  // namespace
}  // namespace bsg::time
