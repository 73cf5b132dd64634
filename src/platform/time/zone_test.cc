#include "platform/time/zone.h"

#include <gtest/gtest.h>

#include "platform/time/date.h"

namespace bsg::time {
namespace {

std::int64_t Seconds(const Date& d, int hour, int minute) {
  return d.ToDays() * 86400 + hour * 3600 + minute * 60;
}

TEST(ZoneTest, ConvertsLocalTimesToUtc) {
  // 22 October 2019 09:30 in Geneva is CEST (UTC+2).
  const std::int64_t local = Seconds({2019, 10, 22}, 9, 30);
  auto utc = LocalToUtc("Europe/Zurich", local);
  ASSERT_TRUE(utc.ok()) << utc.status().ToString();
  EXPECT_EQ(*utc, local - 2 * 3600);
  // 25 November 2019 in Geneva is CET (UTC+1): daylight saving time has ended.
  const std::int64_t winter = Seconds({2019, 11, 25}, 9, 0);
  EXPECT_EQ(*LocalToUtc("Europe/Zurich", winter), winter - 3600);
  // Colombo is UTC+5:30 all year; UTC is UTC.
  EXPECT_EQ(*LocalToUtc("Asia/Colombo", local), local - 5 * 3600 - 1800);
  EXPECT_EQ(*LocalToUtc("UTC", local), local);
  EXPECT_EQ(*LocalToUtc("Etc/UTC", local), local);
}

TEST(ZoneTest, ReadsTheOffsetInForce) {
  EXPECT_EQ(*OffsetAt("Europe/Zurich", Seconds({2019, 7, 1}, 12, 0)), 7200);
  EXPECT_EQ(*OffsetAt("Europe/Zurich", Seconds({2019, 1, 1}, 12, 0)), 3600);
  EXPECT_EQ(*OffsetAt("America/New_York", Seconds({2019, 7, 1}, 12, 0)), -4 * 3600);
  EXPECT_EQ(*OffsetAt("Asia/Kolkata", Seconds({2019, 7, 1}, 12, 0)), 5 * 3600 + 1800);
}

TEST(ZoneTest, HandlesTheDaylightSavingGapAndOverlap) {
  // Geneva springs forward on 31 March 2019 at 02:00 to 03:00: 02:30 does not exist and is read
  // with the offset before the gap (UTC+1).
  const std::int64_t gap = Seconds({2019, 3, 31}, 2, 30);
  EXPECT_EQ(*LocalToUtc("Europe/Zurich", gap), gap - 3600);
  // It falls back on 27 October 2019 at 03:00 to 02:00: 02:30 happens twice; the earlier
  // (still UTC+2) is chosen.
  const std::int64_t overlap = Seconds({2019, 10, 27}, 2, 30);
  EXPECT_EQ(*LocalToUtc("Europe/Zurich", overlap), overlap - 7200);
}

TEST(ZoneTest, KnowsWhichNamesExist) {
  EXPECT_TRUE(IsKnownZone("America/El_Salvador"));
  EXPECT_TRUE(IsKnownZone("Europe/Zurich"));
  EXPECT_TRUE(IsKnownZone("UTC"));
  EXPECT_FALSE(IsKnownZone("../etc/passwd"));
  EXPECT_FALSE(IsKnownZone("/etc/passwd"));
  EXPECT_FALSE(IsKnownZone("Mars/Olympus"));
  EXPECT_FALSE(IsKnownZone(""));
  EXPECT_FALSE(IsKnownZone("Europe/Zurich "));
}

TEST(ZoneTest, FailsOnAnUnknownName) {
  auto utc = LocalToUtc("Nope/Nope", 0);
  ASSERT_FALSE(utc.ok());
  EXPECT_EQ(utc.status().reason(), "time.unknown_zone");
  EXPECT_EQ(utc.status().code(), ErrorCode::kUnprocessable);
  EXPECT_EQ(utc.status().fields().count("time_zone"), 1u);
  EXPECT_EQ(OffsetAt("Mars/Olympus", 0).status().reason(), "time.unknown_zone");
}

}  // namespace
}  // namespace bsg::time
