// The demo programme's events reproduce the progress report's numbers because the statistics
// count them: over 700 delegates trained from 74 countries and 80 organizations, over 300 of them
// in 2019; nine regional group meetings and two forums since August 2019.
#include "modules/events/seed.h"

#include <gtest/gtest.h>

#include "modules/events/service.h"
#include "modules/events/stats.h"
#include "modules/events/store.h"
#include "modules/identity/audit.h"
#include "platform/time/clock.h"
#include "support/test_db.h"

namespace bsg::events {
namespace {

class EventsSeedTest : public bsg::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    identity::RegisterAuditRecorder();
  }
};

TEST_P(EventsSeedTest, ReproducesTheReportsNumbersAndIsIdempotent) {
  auto first = SeedDemoEvents(db());
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_GT(first->events_created, 30);
  EXPECT_GT(first->people_created, 700);
  EXPECT_EQ(first->organizations_created, 80);

  auto outcomes = stats::ComputeTrainingOutcomes(db(), {});
  ASSERT_TRUE(outcomes.ok()) << outcomes.status().ToString();
  const auto& total = outcomes->total;
  EXPECT_GT(total.delegates_trained, 700);
  EXPECT_EQ(total.countries, 74);
  EXPECT_EQ(total.organizations, 80);
  ASSERT_TRUE(outcomes->by_year.count(2019));
  EXPECT_GT(outcomes->by_year.at(2019).delegates_trained, 300);
  // Most trainees come from developing countries; unknown genders stay unknown.
  EXPECT_GT(*total.development.ShareOfKnown("developing"), 0.8);
  EXPECT_GT(total.gender.Get(kNotStated), 0);
  EXPECT_GT(*total.gender.ShareOfKnown("female"), 0.3);

  // Since August 2019: nine regional group meetings and two forums held.
  const stats::Window since_aug{.since = "2019-08-01", .until = "2020-07-31"};
  auto rg = stats::ComputeGeography(db(), since_aug, EventKind::kRegionalGroupMeeting);
  ASSERT_TRUE(rg.ok());
  EXPECT_EQ(rg->figures.total.held, 9);
  EXPECT_EQ(rg->figures.total.planned, 1);
  auto rsf = stats::ComputeGeography(db(), since_aug, EventKind::kRegionalStandardizationForum);
  ASSERT_TRUE(rsf.ok());
  EXPECT_EQ(rsf->figures.total.held, 2);
  auto trainings = stats::ComputeGeography(db(), {.since = "2019-09-01", .until = "2020-07-31"},
                                           EventKind::kBsgTraining);
  ASSERT_TRUE(trainings.ok());
  EXPECT_EQ(trainings->figures.total.held, 7);  // Table 2's six held, and Entebbe
  EXPECT_EQ(trainings->figures.total.planned, 3);
  auto participation = stats::ComputeParticipation(db(), since_aug);
  ASSERT_TRUE(participation.ok());
  EXPECT_GT(participation->attended_remote, 100);
  EXPECT_GT(participation->attended_in_person, participation->attended_remote);

  // The planned month-precision training is stored as such.
  EventService service(db());
  EventFilter f;
  f.q = "SG13 Regional Group for Africa";
  f.kind = EventKind::kBsgTraining;
  auto abuja = service.ListEvents(f);
  ASSERT_TRUE(abuja.ok());
  ASSERT_EQ(abuja->size(), 1u);
  EXPECT_EQ(abuja->front().date_precision, DatePrecision::kMonth);
  EXPECT_EQ(abuja->front().status, EventStatus::kPlanned);
  EXPECT_EQ(DatesLabel(abuja->front()), "February 2020");

  // A second run creates nothing.
  auto second = SeedDemoEvents(db());
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->events_created, 0);
  EXPECT_EQ(second->people_created, 0);
  EXPECT_EQ(second->organizations_created, 0);
  EXPECT_EQ(second->registrations_created, 0);
  auto again = stats::ComputeTrainingOutcomes(db(), {});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->total.delegates_trained, total.delegates_trained);

  // The figures are counted: one more attendee moves them.
  f = EventFilter();
  f.kind = EventKind::kBsgTraining;
  f.q = "Arab Smart Agriculture";
  auto doha = service.ListEvents(f);
  ASSERT_TRUE(doha.ok());
  ASSERT_EQ(doha->size(), 1u);
  std::int64_t person = 0;
  ASSERT_TRUE(db().InTransaction([&](db::Transaction& tx) -> Status {
                    BSG_ASSIGN_OR_RETURN(auto countries, directory::Countries(tx));
                    NewPersonInfo p;
                    p.given_name = "Extra";
                    p.family_name = "Trainee";
                    p.email = "extra.trainee@example.org";
                    p.country = "VU";  // Vanuatu: a 75th country
                    p.gender = "female";
                    BSG_ASSIGN_OR_RETURN(person, directory::CreatePerson(tx, *countries, p,
                                                                         time::CurrentTimestamp()));
                    return Status::Ok();
                  })
                  .ok());
  RegistrationInput in;
  in.person_id = person;
  in.mode = ParticipationMode::kInPerson;
  auto reg = service.Register(SystemCaller("test"), doha->front().id, in);
  ASSERT_TRUE(reg.ok()) << reg.status().ToString();
  Attendance a;
  a.day = doha->front().start_date;
  a.mode = ParticipationMode::kInPerson;
  a.source = AttendanceSource::kCheckin;
  ASSERT_TRUE(service.RecordAttendance(SystemCaller("test"), doha->front().id, reg->id, a).ok());
  auto moved = stats::ComputeTrainingOutcomes(db(), {});
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->total.delegates_trained, total.delegates_trained + 1);
  EXPECT_EQ(moved->total.countries, 75);
  EXPECT_EQ(moved->total.organization.Get(kNotStated), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, EventsSeedTest, bsg::testing::AllBackends(),
                         bsg::testing::BackendName);

}  // namespace
}  // namespace bsg::events
