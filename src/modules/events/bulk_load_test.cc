// The events store's bulk loading for generated data, on SQLite and PostgreSQL: events with their
// groups, registrations and attendance days land with the ids the caller chose, the place
// counters are recounted, and later inserts get ids above the loaded ones.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "modules/events/store.h"
#include "modules/groups/store.h"
#include "modules/registry/store.h"
#include "support/test_db.h"

namespace bsg::events {
namespace {

constexpr char kNow[] = "2024-01-01T00:00:00.000Z";

class EventsBulkLoadTest : public bsg::testing::DatabaseTest {
 protected:
  std::int64_t NewPerson(db::Session& s, const std::string& email) {
    registry::PersonDraft d;
    d.full_name = "Bulk " + email;
    d.email = email;
    d.sort_key = email;
    auto id = registry::Store().CreatePerson(s, d, kNow);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  static Event Meeting(std::int64_t id, std::vector<std::int64_t> groups) {
    Event e;
    e.id = id;
    e.code = "bulk-" + std::to_string(id);
    e.kind = EventKind::kStudyGroupMeeting;
    e.title = "Bulk meeting " + std::to_string(id);
    e.start_date = "2019-10-21";
    e.end_date = "2019-10-23";
    e.city = "Geneva";
    e.country = "CH";
    e.host = "ITU";
    e.mode = EventMode::kHybrid;
    e.status = EventStatus::kHeld;
    e.group_ids = std::move(groups);
    e.programme = 1;
    e.pillar = "engagement";
    e.created_at = kNow;
    e.updated_at = kNow;
    return e;
  }

  static Registration Reg(std::int64_t id, std::int64_t event, std::int64_t person,
                          ParticipationMode mode, RegistrationStatus status) {
    Registration r;
    r.id = id;
    r.event_id = event;
    r.person_id = person;
    r.mode = mode;
    r.status = status;
    r.created_at = kNow;
    r.updated_at = kNow;
    return r;
  }

  static Attendance Day(std::int64_t id, std::int64_t registration, const std::string& day) {
    Attendance a;
    a.id = id;
    a.registration_id = registration;
    a.day = day;
    a.recorded_at = day + "T09:00:00.000Z";
    return a;
  }

  const EventStore& store_ = SqlEventStore();
};

TEST_P(EventsBulkLoadTest, RowsLandWithTheirIdsAndLaterInsertsGoAbove) {
  std::int64_t group = 0;
  std::int64_t a = 0, b = 0, c = 0;
  {
    auto tx = db().Begin();
    ASSERT_TRUE(tx.ok());
    auto groups =
        groups::Store().ListGroups(**tx, std::string("2017-2020"), std::string("study_group"));
    ASSERT_TRUE(groups.ok() && !groups->empty());
    group = groups->front().id;
    a = NewPerson(**tx, "a@example.org");
    b = NewPerson(**tx, "b@example.org");
    c = NewPerson(**tx, "c@example.org");
    EXPECT_EQ(*store_.MaxEventId(**tx), 0);
    EXPECT_EQ(*store_.MaxRegistrationId(**tx), 0);
    EXPECT_EQ(*store_.MaxAttendanceId(**tx), 0);

    Event training = Meeting(501, {group});
    training.kind = EventKind::kBsgTraining;
    training.parent_id = 500;
    training.programme = 3;
    training.pillar = "know_how";
    Status loaded = store_.BulkLoadEvents(**tx, {Meeting(500, {group}), training});
    ASSERT_TRUE(loaded.ok()) << loaded.ToString();
    loaded = store_.BulkLoadEvents(**tx, {Meeting(510, {})});
    ASSERT_TRUE(loaded.ok()) << loaded.ToString();
    loaded = store_.BulkLoadRegistrations(
        **tx, {Reg(900, 500, a, ParticipationMode::kInPerson, RegistrationStatus::kAttended),
               Reg(901, 500, b, ParticipationMode::kRemote, RegistrationStatus::kRegistered),
               Reg(902, 500, c, ParticipationMode::kInPerson, RegistrationStatus::kCancelled),
               Reg(903, 501, a, ParticipationMode::kInPerson, RegistrationStatus::kNoShow)});
    ASSERT_TRUE(loaded.ok()) << loaded.ToString();
    Attendance remote = Day(1001, 900, "2019-10-22");
    remote.mode = ParticipationMode::kRemote;
    remote.source = AttendanceSource::kRemoteJoin;
    loaded = store_.BulkLoadAttendance(**tx, {Day(1000, 900, "2019-10-21"), remote});
    ASSERT_TRUE(loaded.ok()) << loaded.ToString();
    ASSERT_TRUE(store_.RecountPlacesAbove(**tx, 499).ok());
    ASSERT_TRUE(store_.AdvanceIdSequences(**tx).ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }

  auto tx = db().Begin();
  ASSERT_TRUE(tx.ok());
  EXPECT_EQ(*store_.MaxEventId(**tx), 510);
  EXPECT_EQ(*store_.MaxRegistrationId(**tx), 903);
  EXPECT_EQ(*store_.MaxAttendanceId(**tx), 1001);

  auto meeting = store_.FindEvent(**tx, 500);
  ASSERT_TRUE(meeting.ok()) << meeting.status().ToString();
  EXPECT_EQ(meeting->code, "bulk-500");
  EXPECT_EQ(meeting->kind, EventKind::kStudyGroupMeeting);
  EXPECT_EQ(meeting->group_ids, std::vector<std::int64_t>{group});
  EXPECT_EQ(meeting->pillar, "engagement");
  EXPECT_EQ(meeting->created_at, kNow);
  // Recounted: a in person (attended), b remote (registered); c cancelled holds no place.
  EXPECT_EQ(meeting->taken_in_person, 1);
  EXPECT_EQ(meeting->taken_remote, 1);
  auto training = store_.FindEvent(**tx, 501);
  ASSERT_TRUE(training.ok());
  EXPECT_EQ(training->parent_id, 500);
  EXPECT_EQ(training->kind, EventKind::kBsgTraining);
  EXPECT_EQ(training->taken_in_person, 1);  // a no-show held a place
  auto empty = store_.FindEvent(**tx, 510);
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->group_ids.empty());
  EXPECT_EQ(empty->taken_in_person, 0);

  auto reg = store_.FindRegistration(**tx, 901);
  ASSERT_TRUE(reg.ok());
  EXPECT_EQ(reg->person_id, b);
  EXPECT_EQ(reg->mode, ParticipationMode::kRemote);
  auto days = store_.ListAttendance(**tx, 900);
  ASSERT_TRUE(days.ok());
  ASSERT_EQ(days->size(), 2u);
  EXPECT_EQ((*days)[0].id, 1000);
  EXPECT_EQ((*days)[1].mode, ParticipationMode::kRemote);
  EXPECT_EQ((*days)[1].source, AttendanceSource::kRemoteJoin);

  // The sequences moved past the loaded ids.
  Event later = Meeting(0, {});
  later.code = "later";
  auto event_id = store_.InsertEvent(**tx, later, kNow);
  ASSERT_TRUE(event_id.ok()) << event_id.status().ToString();
  EXPECT_GT(*event_id, 510);
  auto reg_id = store_.InsertRegistration(
      **tx, Reg(0, *event_id, c, ParticipationMode::kInPerson, RegistrationStatus::kAttended),
      std::nullopt, kNow);
  ASSERT_TRUE(reg_id.ok()) << reg_id.status().ToString();
  EXPECT_GT(*reg_id, 903);
  auto day_id = store_.InsertAttendance(**tx, Day(0, *reg_id, "2019-10-21"));
  ASSERT_TRUE(day_id.ok()) << day_id.status().ToString();
  EXPECT_GT(*day_id, 1001);
}

INSTANTIATE_TEST_SUITE_P(Backends, EventsBulkLoadTest, bsg::testing::AllBackends(),
                         bsg::testing::BackendName);

}  // namespace
}  // namespace bsg::events
