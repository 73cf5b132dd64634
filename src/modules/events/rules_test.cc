#include "modules/events/rules.h"

#include <gtest/gtest.h>

namespace bsg::events {
namespace {

Event ValidEvent() {
  Event e;
  e.kind = EventKind::kBsgTraining;
  e.title = "BSG training";
  e.start_date = "2019-10-22";
  e.end_date = "2019-10-22";
  e.time_zone = "Europe/Zurich";
  e.city = "Geneva";
  e.country = "CH";
  e.mode = EventMode::kInPerson;
  e.status = EventStatus::kHeld;
  return e;
}

TEST(CalendarTest, LabelsDates) {
  Event e = ValidEvent();
  e.start_date = e.end_date = "2019-09-12";
  EXPECT_EQ(DatesLabel(e), "12 September 2019");
  e.start_date = "2019-10-20";
  e.end_date = "2019-10-21";
  EXPECT_EQ(DatesLabel(e), "20-21 October 2019");
  e.start_date = "2019-09-30";
  e.end_date = "2019-10-02";
  EXPECT_EQ(DatesLabel(e), "30 September - 2 October 2019");
  e.start_date = "2019-12-30";
  e.end_date = "2020-01-02";
  EXPECT_EQ(DatesLabel(e), "30 December 2019 - 2 January 2020");
  e.date_precision = DatePrecision::kMonth;
  e.start_date = "2020-02-01";
  e.end_date = "2020-02-29";
  EXPECT_EQ(DatesLabel(e), "February 2020");
}

TEST(ValidateEventTest, AcceptsAValidEvent) {
  Event e = ValidEvent();
  EXPECT_TRUE(ValidateEvent(e, nullptr, "2024-01-01").ok());
}

TEST(ValidateEventTest, NormalizesMonthPrecision) {
  Event e = ValidEvent();
  e.status = EventStatus::kPlanned;
  e.date_precision = DatePrecision::kMonth;
  e.start_date = "2020-02";
  e.end_date = "";
  ASSERT_TRUE(ValidateEvent(e, nullptr, "2019-12-01").ok());
  EXPECT_EQ(e.start_date, "2020-02-01");
  EXPECT_EQ(e.end_date, "2020-02-29");
  EXPECT_EQ(DatesLabel(e), "February 2020");
}

TEST(ValidateEventTest, DatesAreRealDaysInTheProductsRange) {
  Event e = ValidEvent();
  e.start_date = e.end_date = "1000-01-01";
  EXPECT_TRUE(ValidateEvent(e, nullptr, "2024-01-01").ok()) << "years 1000-9999 (platform/time)";
  for (const char* bad : {"0999-12-31", "2019-02-29", "2019-13-01", "2019-10-2", "2019-10"}) {
    e = ValidEvent();
    e.start_date = bad;
    EXPECT_TRUE(ValidateEvent(e, nullptr, "2024-01-01").fields().count("start_date")) << bad;
  }
  e = ValidEvent();
  e.status = EventStatus::kPlanned;
  e.date_precision = DatePrecision::kMonth;
  for (const char* bad : {"2019", "2019-13", "0999-12", "2019-02-30"}) {
    e.start_date = bad;
    EXPECT_TRUE(ValidateEvent(e, nullptr, "2024-01-01").fields().count("start_date")) << bad;
  }
  e.start_date = "2019-02-14";
  e.end_date = "2019-03";
  ASSERT_TRUE(ValidateEvent(e, nullptr, "2024-01-01").ok());
  EXPECT_EQ(e.start_date, "2019-02-01");
  EXPECT_EQ(e.end_date, "2019-03-31");
}

TEST(ValidateEventTest, HeldEventCannotEndInTheFuture) {
  Event e = ValidEvent();
  e.end_date = "2030-01-01";
  Status s = ValidateEvent(e, nullptr, "2024-01-01");
  EXPECT_EQ(s.code(), ErrorCode::kUnprocessable);
  EXPECT_EQ(s.reason(), "events.invalid");
  EXPECT_TRUE(s.fields().count("end_date"));
  EXPECT_TRUE(s.fields().count("status"));
}

TEST(ValidateEventTest, HeldEventNeedsExactDates) {
  Event e = ValidEvent();
  e.date_precision = DatePrecision::kMonth;
  Status s = ValidateEvent(e, nullptr, "2024-01-01");
  EXPECT_TRUE(s.fields().count("date_precision"));
}

TEST(ValidateEventTest, ChecksFields) {
  Event e = ValidEvent();
  e.title = "  ";
  e.end_date = "2019-10-01";
  e.time_zone = "Mars/Olympus";
  e.country = "Switzerland";
  e.start_time = "25:00";
  e.remote.link = "ftp://x";
  Status s = ValidateEvent(e, nullptr, "2024-01-01");
  ASSERT_FALSE(s.ok());
  for (const char* f : {"title", "end_date", "time_zone", "country", "start_time", "remote.link"}) {
    EXPECT_TRUE(s.fields().count(f)) << f;
  }
}

TEST(ValidateEventTest, VenueRequiredUnlessVirtual) {
  Event e = ValidEvent();
  e.city.reset();
  e.country.reset();
  EXPECT_TRUE(ValidateEvent(e, nullptr, "2024-01-01").fields().count("city"));
  e.mode = EventMode::kVirtual;
  EXPECT_TRUE(ValidateEvent(e, nullptr, "2024-01-01").ok());
}

TEST(ValidateEventTest, CollocatedEventMustOverlapOrAdjoinItsParent) {
  Event parent = ValidEvent();
  parent.id = 7;
  parent.start_date = "2019-10-14";
  parent.end_date = "2019-10-25";
  Event e = ValidEvent();
  e.parent_id = 7;
  e.start_date = e.end_date = "2019-10-26";  // adjoins
  EXPECT_TRUE(ValidateEvent(e, &parent, "2024-01-01").ok());
  e.start_date = e.end_date = "2019-10-13";  // adjoins before
  EXPECT_TRUE(ValidateEvent(e, &parent, "2024-01-01").ok());
  e.start_date = e.end_date = "2019-10-28";
  Status s = ValidateEvent(e, &parent, "2024-01-01");
  EXPECT_EQ(s.code(), ErrorCode::kUnprocessable);
  EXPECT_TRUE(s.fields().count("parent_id"));
  EXPECT_TRUE(s.fields().count("start_date"));
  e.start_date = e.end_date = "2019-10-20";
  EXPECT_TRUE(ValidateEvent(e, nullptr, "2024-01-01").fields().count("parent_id"));
  e.id = 7;
  EXPECT_TRUE(ValidateEvent(e, &parent, "2024-01-01").fields().count("parent_id"));
}

TEST(RegistrationRulesTest, ModesAndClosedEvents) {
  Event e = ValidEvent();
  e.status = EventStatus::kConfirmed;
  EXPECT_TRUE(CheckCanRegister(e, ParticipationMode::kInPerson, false).ok());
  EXPECT_EQ(CheckCanRegister(e, ParticipationMode::kRemote, false).reason(),
            "events.mode_not_offered");
  e.mode = EventMode::kHybrid;
  EXPECT_TRUE(CheckCanRegister(e, ParticipationMode::kRemote, false).ok());
  e.status = EventStatus::kHeld;
  EXPECT_EQ(CheckCanRegister(e, ParticipationMode::kRemote, false).code(), ErrorCode::kConflict);
  EXPECT_TRUE(CheckCanRegister(e, ParticipationMode::kRemote, true).ok());
  e.status = EventStatus::kCancelled;
  EXPECT_EQ(CheckCanRegister(e, ParticipationMode::kRemote, true).code(), ErrorCode::kConflict);
}

TEST(RegistrationRulesTest, Capacity) {
  Event e = ValidEvent();
  EXPECT_TRUE(HasFreePlace(e, ParticipationMode::kInPerson));
  e.capacity_in_person = 2;
  e.taken_in_person = 2;
  EXPECT_FALSE(HasFreePlace(e, ParticipationMode::kInPerson));
  EXPECT_TRUE(HasFreePlace(e, ParticipationMode::kRemote));
}

TEST(RegistrationRulesTest, Transitions) {
  using S = RegistrationStatus;
  Event e = ValidEvent();
  EXPECT_FALSE(CheckTransition(e, S::kRegistered, S::kApproved, "2024-01-01").ok());
  e.requires_endorsement = true;
  EXPECT_TRUE(CheckTransition(e, S::kRegistered, S::kApproved, "2024-01-01").ok());
  EXPECT_FALSE(CheckTransition(e, S::kCancelled, S::kApproved, "2024-01-01").ok());
  EXPECT_TRUE(CheckTransition(e, S::kWaitlisted, S::kCancelled, "2024-01-01").ok());
  EXPECT_FALSE(CheckTransition(e, S::kAttended, S::kCancelled, "2024-01-01").ok());
  EXPECT_TRUE(CheckTransition(e, S::kApproved, S::kNoShow, "2024-01-01").ok());
  EXPECT_FALSE(CheckTransition(e, S::kApproved, S::kNoShow, "2019-01-01").ok());
  EXPECT_FALSE(CheckTransition(e, S::kRegistered, S::kAttended, "2024-01-01").ok());
}

TEST(RegistrationRulesTest, Attendance) {
  Event e = ValidEvent();
  e.mode = EventMode::kHybrid;
  e.end_date = "2019-10-23";
  Registration r;
  r.status = RegistrationStatus::kRegistered;
  Attendance a;
  a.day = "2019-10-23";
  a.mode = ParticipationMode::kRemote;
  a.source = AttendanceSource::kRemoteJoin;
  EXPECT_TRUE(CheckAttendance(e, r, a, "2024-01-01").ok());
  a.day = "2019-10-24";
  EXPECT_TRUE(CheckAttendance(e, r, a, "2024-01-01").fields().count("day"));
  EXPECT_TRUE(CheckAttendance(e, r, a, "2019-10-22").fields().count("day"));
  a.day = "2019-10-22";
  a.mode = ParticipationMode::kInPerson;
  EXPECT_TRUE(CheckAttendance(e, r, a, "2024-01-01").fields().count("source"));
  a.source = AttendanceSource::kCheckin;
  r.status = RegistrationStatus::kWaitlisted;
  EXPECT_EQ(CheckAttendance(e, r, a, "2024-01-01").code(), ErrorCode::kConflict);
  r.status = RegistrationStatus::kApproved;
  EXPECT_EQ(StatusAfterAttendance(r, 1), RegistrationStatus::kAttended);
  r.status = RegistrationStatus::kNoShow;
  EXPECT_EQ(StatusAfterAttendance(r, 1), RegistrationStatus::kAttended);
}

}  // namespace
}  // namespace bsg::events
