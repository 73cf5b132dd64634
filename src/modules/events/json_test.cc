#include "modules/events/json.h"

#include <gtest/gtest.h>

namespace bsg::events {
namespace {

using nlohmann::json;

TEST(EventJsonTest, DecodesOverABaseAndNamesBadFields) {
  Event base;
  base.title = "Old";
  base.city = "Geneva";
  auto e = DecodeEvent(json{{"title", "New"},
                            {"city", nullptr},
                            {"kind", "bsg_training"},
                            {"remote", {{"link", "https://x.example.org"}, {"link_public", true}}},
                            {"programme", 3},
                            {"group_ids", {3, 1}}},
                       base);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->title, "New");
  EXPECT_FALSE(e->city.has_value());
  EXPECT_EQ(e->kind, EventKind::kBsgTraining);
  EXPECT_TRUE(e->remote.link_public);
  EXPECT_EQ(e->programme, 3);

  auto bad = DecodeEvent(json{{"title", 5},
                              {"kind", "party"},
                              {"colour", "red"},
                              {"remote", {{"link", 1}}},
                              {"capacity_in_person", "ten"}},
                         base);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kUnprocessable);
  for (const char* f : {"title", "kind", "colour", "remote.link", "capacity_in_person"}) {
    EXPECT_TRUE(bad.status().fields().count(f)) << f;
  }
  EXPECT_EQ(DecodeEvent(json::array(), base).status().code(), ErrorCode::kInvalidArgument);
}

TEST(EventJsonTest, EncodesTheRemoteLinkOnlyWhenVisible) {
  Event e;
  e.remote.link = "https://meet.example.org/x";
  e.remote.dial_in = "+41 22";
  EventView hidden;
  json j = EncodeEvent(e, hidden);
  EXPECT_TRUE(j["remote"]["link"].is_null());
  EXPECT_TRUE(j["remote"]["dial_in"].is_null());
  EXPECT_TRUE(j["remote"]["has_link"].get<bool>());
  EventView shown;
  shown.show_remote_link = true;
  EXPECT_EQ(EncodeEvent(e, shown)["remote"]["link"], "https://meet.example.org/x");
}

TEST(EventJsonTest, DecodesRegistrationsAndAttendance) {
  auto r = DecodeRegistrationInput(json{{"mode", "remote"}, {"role", "speaker"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->mode, ParticipationMode::kRemote);
  EXPECT_EQ(r->role, RegistrationRole::kSpeaker);
  EXPECT_TRUE(DecodeRegistrationInput(json::object()).status().fields().count("mode"));
  auto a =
      DecodeAttendance(json{{"day", "2019-10-22"}, {"mode", "remote"}, {"source", "remote_join"}});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->source, AttendanceSource::kRemoteJoin);
  auto missing = DecodeAttendance(json{{"mode", "somewhere"}});
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(missing.status().fields().count("day"));
  EXPECT_TRUE(missing.status().fields().count("mode"));
  EXPECT_TRUE(missing.status().fields().count("source"));
}

}  // namespace
}  // namespace bsg::events
