#include "modules/events/ical.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "modules/events/ical_testing.h"

namespace bsg::events::ical {
namespace {

Entry Hybrid() {
  Entry en;
  Event& e = en.event;
  e.id = 42;
  e.kind = EventKind::kStudyGroupMeeting;
  e.title =
      "ITU-T SG13 meeting; \"Future networks\", with remote participation, "
      "and a long title — with non-ASCII: Genève, Женева, 日内瓦, جنيف";
  e.description = "Line one\nLine two; with, punctuation \\ backslash";
  e.start_date = "2019-10-14";
  e.end_date = "2019-10-25";
  e.start_time = "09:30";
  e.end_time = "17:30";
  e.time_zone = "Europe/Zurich";
  e.city = "Geneva";
  e.country = "CH";
  e.mode = EventMode::kHybrid;
  e.status = EventStatus::kHeld;
  e.remote.link = "https://meet.example.org/j/123456789?pwd=abcdefghijklmnopqrstuvwxyz";
  e.remote.interpretation_languages = {"ar", "fr"};
  e.sequence = 3;
  e.created_at = "2019-08-01T10:00:00.000Z";
  e.updated_at = "2019-10-01T11:22:33.444Z";
  en.include_conference = true;
  en.group_names = {"ITU-T SG13"};
  return en;
}

Entry Cancelled() {
  Entry en;
  Event& e = en.event;
  e.id = 43;
  e.kind = EventKind::kBsgTraining;
  e.title = "BSG training";
  e.start_date = "2020-07-01";
  e.end_date = "2020-07-31";
  e.date_precision = DatePrecision::kMonth;
  e.city = "Geneva";
  e.country = "CH";
  e.status = EventStatus::kCancelled;
  e.parent_id = 42;
  e.created_at = e.updated_at = "2019-12-01T00:00:00.000Z";
  return en;
}

TEST(IcalTest, EscapesText) {
  EXPECT_EQ(EscapeText("a\\b;c,d\ne\r\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
  EXPECT_EQ(EscapeText(std::string("x\x01y", 3)), "xy");
}

TEST(IcalTest, FoldsAt75OctetsWithoutSplittingUtf8) {
  std::string line = "DESCRIPTION:";
  for (int i = 0; i < 100; ++i) line += "é日";  // 2- and 3-octet characters
  const std::string folded = FoldLine(line);
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < folded.size()) {
    const std::size_t end = folded.find("\r\n", pos);
    ASSERT_NE(end, std::string::npos);
    lines.push_back(folded.substr(pos, end - pos));
    pos = end + 2;
  }
  ASSERT_GT(lines.size(), 3u);
  std::string unfolded;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_LE(lines[i].size(), 75u);
    EXPECT_TRUE(IsValidUtf8(lines[i])) << "line " << i << " splits a character";
    unfolded += i == 0 ? lines[i] : lines[i].substr(1);
  }
  EXPECT_EQ(unfolded, line);
  EXPECT_EQ(FoldLine("SHORT:x"), "SHORT:x\r\n");
}

TEST(IcalTest, RendersEventsThatPassStrictChecks) {
  auto cal = RenderCalendar({Hybrid(), Cancelled()}, {});
  ASSERT_TRUE(cal.ok()) << cal.status().ToString();
  const CheckReport report = CheckCalendar(*cal);
  EXPECT_TRUE(report.problems.empty()) << report.problems.front();
  EXPECT_EQ(report.events, 2);
  const std::string& s = *cal;
  EXPECT_NE(s.find("UID:event-42@bsg.invalid\r\n"), std::string::npos);
  EXPECT_NE(s.find("SEQUENCE:3\r\n"), std::string::npos);
  // 09:30 CEST = 07:30 UTC.
  EXPECT_NE(s.find("DTSTART:20191014T073000Z\r\n"), std::string::npos);
  EXPECT_NE(s.find("DTEND:20191025T153000Z\r\n"), std::string::npos);
  EXPECT_NE(s.find("STATUS:CANCELLED\r\n"), std::string::npos);
  EXPECT_NE(s.find("DTSTART;VALUE=DATE:20200701\r\n"), std::string::npos);
  EXPECT_NE(s.find("DTEND;VALUE=DATE:20200801\r\n"), std::string::npos);
  EXPECT_NE(s.find("RELATED-TO;RELTYPE=PARENT:event-42@bsg.invalid"), std::string::npos);
  const std::string unfolded = Unfold(s);
  EXPECT_NE(unfolded.find("CONFERENCE;VALUE=URI;FEATURE=VIDEO,AUDIO;LABEL=\""), std::string::npos);
  EXPECT_NE(
      unfolded.find(":https://meet.example.org/j/123456789?pwd=abcdefghijklmnopqrstuvwxyz\r\n"),
      std::string::npos);
  EXPECT_NE(unfolded.find("Line one\\nLine two\\; with\\, punctuation \\\\ backslash"),
            std::string::npos);
  EXPECT_NE(unfolded.find("Remote participation: https://meet.example.org/"), std::string::npos);
}

TEST(IcalTest, OmitsTheConferenceWhenNotAllowed) {
  Entry en = Hybrid();
  en.include_conference = false;
  auto cal = RenderCalendar({en}, {});
  ASSERT_TRUE(cal.ok());
  EXPECT_EQ(Unfold(*cal).find("meet.example.org"), std::string::npos);
  EXPECT_EQ(cal->find("CONFERENCE"), std::string::npos);
}

TEST(IcalTest, ParsesInPythonIcalendar) {
  if (!std::filesystem::exists("/usr/bin/python3")) GTEST_SKIP() << "no /usr/bin/python3";
  auto cal = RenderCalendar({Hybrid(), Cancelled()}, {});
  ASSERT_TRUE(cal.ok());
  ParseResult parsed = ParseWithPythonIcalendar(*cal);
  if (parsed.unavailable) GTEST_SKIP() << "python3-icalendar is not installed";
  EXPECT_EQ(parsed.exit_code, 0) << parsed.output;
  EXPECT_EQ(parsed.events, 2) << parsed.output;
  EXPECT_NE(parsed.output.find("CANCELLED"), std::string::npos) << parsed.output;
}

}  // namespace
}  // namespace bsg::events::ical
