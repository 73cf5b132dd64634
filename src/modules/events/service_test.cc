// The events use cases on SQLite and PostgreSQL: events, registrations with the waiting list
// (including races for the last place), attendance, participant imports and statistics.
#include "modules/events/service.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "modules/events/directory.h"
#include "modules/events/stats.h"
#include "modules/events/store.h"
#include "modules/identity/audit.h"
#include "platform/tabular/csv.h"
#include "platform/tabular/xlsx.h"
#include "platform/time/clock.h"
#include "support/test_db.h"

namespace bsg::events {
namespace {

using nlohmann::json;

class EventServiceTest : public bsg::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    identity::RegisterAuditRecorder();
  }

  db::Options DatabaseOptions() const override {
    db::Options o;
    o.pool_size = 12;
    return o;
  }

  // A made-up person in `country` (an organization per country when `org` is set).
  // Registers `person` for `e` in person and checks them in on its first day.
  void Attend(const Event& e, std::int64_t person) {
    auto r = Register(e.id, person);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    Attendance a;
    a.day = e.start_date;
    a.mode = ParticipationMode::kInPerson;
    a.source = AttendanceSource::kCheckin;
    ASSERT_TRUE(service().RecordAttendance(SystemCaller("test"), e.id, r->id, a).ok());
  }

  std::int64_t Person(const std::string& email, const std::string& country = "KE",
                      const std::string& gender = "female", bool org = true) {
    std::int64_t id = 0;
    Status s = db().InTransaction([&](db::Transaction& tx) -> Status {
      BSG_ASSIGN_OR_RETURN(auto held_countries, directory::Countries(tx));
      const registry::ClassIndex& countries = *held_countries;
      NewPersonInfo p;
      p.given_name = "Test";
      p.family_name = email.substr(0, email.find('@'));
      p.email = email;
      p.country = country;
      p.gender = gender;
      if (org) {
        BSG_ASSIGN_OR_RETURN(p.organization_id, directory::OrganizationByName(
                                                    tx, countries, "Org of " + country, country,
                                                    true, time::CurrentTimestamp()));
      }
      BSG_ASSIGN_OR_RETURN(id, directory::CreatePerson(tx, countries, p, time::CurrentTimestamp()));
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return id;
  }

  Event Training(const std::string& date = "2019-10-22") {
    Event e;
    e.kind = EventKind::kBsgTraining;
    e.title = "BSG training";
    e.start_date = date;
    e.end_date = date;
    e.time_zone = "Europe/Zurich";
    e.city = "Geneva";
    e.country = "CH";
    e.mode = EventMode::kHybrid;
    e.status = EventStatus::kHeld;
    e.remote.link = "https://meet.example.org/x";
    return e;
  }

  Event Create(Event e) {
    auto created = service().CreateEvent(SystemCaller("test"), e);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : Event();
  }

  Result<Registration> Register(std::int64_t event_id, std::int64_t person_id,
                                ParticipationMode mode = ParticipationMode::kInPerson) {
    RegistrationInput in;
    in.person_id = person_id;
    in.mode = mode;
    return service().Register(SystemCaller("test"), event_id, in);
  }

  EventService& service() {
    if (!service_) service_ = std::make_unique<EventService>(db());
    return *service_;
  }

  std::int64_t CountStatus(std::int64_t event_id, RegistrationStatus status) {
    auto regs = service().Registrations(event_id, status);
    EXPECT_TRUE(regs.ok());
    return regs.ok() ? static_cast<std::int64_t>(regs->size()) : -1;
  }

  std::unique_ptr<EventService> service_;
};

TEST_P(EventServiceTest, CreatesUpdatesAndBumpsSequence) {
  Event e = Create(Training());
  ASSERT_GT(e.id, 0);
  EXPECT_EQ(e.sequence, 0);
  auto updated = service().UpdateEvent(SystemCaller("test"), e.id, json{{"title", "Renamed"}});
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->title, "Renamed");
  EXPECT_EQ(updated->sequence, 1);
  updated = service().UpdateEvent(SystemCaller("test"), e.id, json{{"status", "cancelled"}});
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->sequence, 2);
  // Audited in the same transaction.
  auto rows = db().Query(
      "SELECT COUNT(*) FROM audit_event WHERE record_type = 'event' AND "
      "record_id = ?",
      {std::to_string(e.id)});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->front().Int(0), 3);
}

TEST_P(EventServiceTest, RefusesInvalidEventsWithFields) {
  Event e = Training();
  e.end_date = "2099-01-01";  // held, in the future
  auto r = service().CreateEvent(SystemCaller("test"), e);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kUnprocessable);
  EXPECT_TRUE(r.status().fields().count("end_date"));

  Event parent = Create(Training("2019-10-14"));
  Event child = Training("2019-10-20");
  child.parent_id = parent.id;
  r = service().CreateEvent(SystemCaller("test"), child);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().fields().count("parent_id")) << r.status().ToString();
  child.start_date = child.end_date = "2019-10-15";  // adjoins
  auto ok = service().CreateEvent(SystemCaller("test"), child);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  // Moving the parent away from its collocated event is refused too.
  auto moved =
      service().UpdateEvent(SystemCaller("test"), parent.id,
                            json{{"start_date", "2019-09-01"}, {"end_date", "2019-09-02"}});
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.status().reason(), "events.collocation");

  Event unknown = Training();
  unknown.country = "XX";
  unknown.group_ids = {999999};
  unknown.programme = 3;
  unknown.pillar = "nonsense";
  r = service().CreateEvent(SystemCaller("test"), unknown);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().fields().count("country"));
  EXPECT_TRUE(r.status().fields().count("group_ids"));
  EXPECT_TRUE(r.status().fields().count("pillar"));
  EXPECT_FALSE(r.status().fields().count("programme"));
}

TEST_P(EventServiceTest, WaitingListPromotesInOrder) {
  Event e = Training();
  e.status = EventStatus::kConfirmed;
  e.start_date = e.end_date = "2099-05-05";
  e.capacity_in_person = 2;
  e = Create(e);
  std::vector<std::int64_t> rids;
  for (int i = 0; i < 5; ++i) {
    auto r = Register(e.id, Person("p" + std::to_string(i) + "@example.org"));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->status, i < 2 ? RegistrationStatus::kRegistered : RegistrationStatus::kWaitlisted);
    rids.push_back(r->id);
  }
  // Remote places are unlimited.
  auto remote = Register(e.id, Person("remote@example.org"), ParticipationMode::kRemote);
  ASSERT_TRUE(remote.ok());
  EXPECT_EQ(remote->status, RegistrationStatus::kRegistered);
  // A duplicate is refused.
  auto again = Register(e.id, remote->person_id, ParticipationMode::kInPerson);
  EXPECT_EQ(again.status().reason(), "events.already_registered");

  ASSERT_TRUE(service().Cancel(SystemCaller("test"), e.id, rids[0]).ok());
  auto third = service().GetRegistration(e.id, rids[2]);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->status, RegistrationStatus::kRegistered);
  EXPECT_FALSE(third->waitlist_position.has_value());
  EXPECT_EQ(service().GetRegistration(e.id, rids[3])->status, RegistrationStatus::kWaitlisted);
  // Cancelling a waitlisted registration frees nothing.
  ASSERT_TRUE(service().Cancel(SystemCaller("test"), e.id, rids[3]).ok());
  EXPECT_EQ(service().GetRegistration(e.id, rids[4])->status, RegistrationStatus::kWaitlisted);
  // Raising the capacity promotes the next one.
  ASSERT_TRUE(
      service().UpdateEvent(SystemCaller("test"), e.id, json{{"capacity_in_person", 3}}).ok());
  EXPECT_EQ(service().GetRegistration(e.id, rids[4])->status, RegistrationStatus::kRegistered);
  // Lowering it below the places taken is refused.
  auto lower = service().UpdateEvent(SystemCaller("test"), e.id, json{{"capacity_in_person", 1}});
  EXPECT_TRUE(lower.status().fields().count("capacity_in_person"));
  auto ev = service().GetEvent(e.id);
  EXPECT_EQ(ev->taken_in_person, 3);
  EXPECT_EQ(ev->taken_remote, 1);
}

TEST_P(EventServiceTest, RaceForTheLastPlaceGivesItOnce) {
  Event e = Training();
  e.status = EventStatus::kConfirmed;
  e.start_date = e.end_date = "2099-05-05";
  e.capacity_in_person = 3;
  e = Create(e);
  // Two places go first; then eight people race for the last one.
  ASSERT_TRUE(Register(e.id, Person("first@example.org")).ok());
  ASSERT_TRUE(Register(e.id, Person("second@example.org")).ok());
  constexpr int kThreads = 8;
  std::vector<std::int64_t> people;
  for (int i = 0; i < kThreads; ++i)
    people.push_back(Person("racer" + std::to_string(i) + "@example.org"));
  std::atomic<int> go{0};
  std::atomic<int> registered{0}, waitlisted{0}, failed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      while (go.load() == 0) std::this_thread::yield();
      auto r = Register(e.id, people[i]);
      if (!r.ok()) {
        ++failed;
        ADD_FAILURE() << r.status().ToString();
      } else if (r->status == RegistrationStatus::kRegistered) {
        ++registered;
      } else {
        ++waitlisted;
      }
    });
  }
  go = 1;
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(registered.load(), 1);
  EXPECT_EQ(waitlisted.load(), kThreads - 1);
  EXPECT_EQ(CountStatus(e.id, RegistrationStatus::kRegistered), 3);
  EXPECT_EQ(service().GetEvent(e.id)->taken_in_person, 3);
}

TEST_P(EventServiceTest, CancelAndPromoteRaceNeverOverbooks) {
  Event e = Training();
  e.status = EventStatus::kConfirmed;
  e.start_date = e.end_date = "2099-05-05";
  e.capacity_in_person = 4;
  e = Create(e);
  std::vector<std::int64_t> holders;
  for (int i = 0; i < 4; ++i) {
    auto r = Register(e.id, Person("holder" + std::to_string(i) + "@example.org"));
    ASSERT_TRUE(r.ok());
    holders.push_back(r->id);
  }
  std::vector<std::int64_t> waiting;
  for (int i = 0; i < 4; ++i) {
    auto r = Register(e.id, Person("waiting" + std::to_string(i) + "@example.org"));
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->status, RegistrationStatus::kWaitlisted);
    waiting.push_back(r->id);
  }
  std::vector<std::int64_t> newcomers;
  for (int i = 0; i < 6; ++i)
    newcomers.push_back(Person("new" + std::to_string(i) + "@example.org"));
  // Concurrently: two holders cancel while six newcomers register.
  std::atomic<int> go{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&, i] {
      while (go.load() == 0) std::this_thread::yield();
      if (!service().Cancel(SystemCaller("test"), e.id, holders[i]).ok()) ++failures;
    });
  }
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&, i] {
      while (go.load() == 0) std::this_thread::yield();
      if (!Register(e.id, newcomers[i]).ok()) ++failures;
    });
  }
  go = 1;
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(CountStatus(e.id, RegistrationStatus::kRegistered), 4);
  EXPECT_EQ(service().GetEvent(e.id)->taken_in_person, 4);
  // The freed places went to the first two on the waiting list, in order.
  EXPECT_EQ(service().GetRegistration(e.id, waiting[0])->status, RegistrationStatus::kRegistered);
  EXPECT_EQ(service().GetRegistration(e.id, waiting[1])->status, RegistrationStatus::kRegistered);
  EXPECT_EQ(service().GetRegistration(e.id, waiting[2])->status, RegistrationStatus::kWaitlisted);
  EXPECT_EQ(CountStatus(e.id, RegistrationStatus::kWaitlisted), 2 + 6);
}

TEST_P(EventServiceTest, AttendanceDerivesAttended) {
  Event e = Create(Training());
  auto r = Register(e.id, Person("a@example.org"), ParticipationMode::kRemote);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  Attendance a;
  a.day = e.start_date;
  a.mode = ParticipationMode::kRemote;
  a.source = AttendanceSource::kRemoteJoin;
  auto out = service().RecordAttendance(SystemCaller("test"), e.id, r->id, a);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(out->created);
  EXPECT_EQ(out->registration.status, RegistrationStatus::kAttended);
  out = service().RecordAttendance(SystemCaller("test"), e.id, r->id, a);
  ASSERT_TRUE(out.ok());
  EXPECT_FALSE(out->created);
  a.day = "2019-10-23";
  auto bad = service().RecordAttendance(SystemCaller("test"), e.id, r->id, a);
  EXPECT_TRUE(bad.status().fields().count("day"));
  auto back = service().RemoveAttendance(SystemCaller("test"), e.id, r->id, e.start_date);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->status, RegistrationStatus::kRegistered);
  // A delegate (not an officer) cannot check people in.
  Caller delegate;
  delegate.roles = {"delegate"};
  delegate.user_id = 12345;
  a.day = e.start_date;
  a.mode = ParticipationMode::kInPerson;
  a.source = AttendanceSource::kCheckin;
  EXPECT_EQ(service().RecordAttendance(delegate, e.id, r->id, a).status().code(),
            ErrorCode::kPermissionDenied);
}

TEST_P(EventServiceTest, ImportWithABadRowImportsNothing) {
  Event e = Create(Training());
  Person("known@example.org");
  const std::string csv =
      "email,full_name,country,gender,mode,attended\r\n"
      "known@example.org,,,,,yes\r\n"
      "new.one@example.org,New One,Kenya,female,in person,yes\r\n"
      "bad-email,Someone,KE,male,,yes\r\n"
      "new.two@example.org,New Two,Atlantis,male,,no\r\n";
  auto report = service().ImportParticipants(SystemCaller("test"), e.id, csv, tabular::Format::kCsv,
                                             false, true);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->errors.size(), 2u);
  EXPECT_EQ(report->errors[0].row, 4);
  EXPECT_EQ(report->errors[0].column, "email");
  EXPECT_EQ(report->errors[0].value, "bad-email");
  EXPECT_EQ(report->errors[1].row, 5);
  EXPECT_EQ(report->errors[1].column, "country");
  EXPECT_EQ(CountStatus(e.id, RegistrationStatus::kAttended), 0);
  auto people = db().Query("SELECT COUNT(*) FROM person WHERE email = 'new.one@example.org'");
  EXPECT_EQ(people->front().Int(0), 0);

  // Without create_missing, an unknown person is an error naming the row.
  const std::string good =
      "email,full_name,country,gender,mode,attended\r\n"
      "known@example.org,,,,,yes\r\n"
      "new.one@example.org,New One,Kenya,female,in person,yes\r\n";
  report = service().ImportParticipants(SystemCaller("test"), e.id, good, tabular::Format::kCsv,
                                        false, false);
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].row, 3);
  // Dry run: checks, writes nothing.
  report = service().ImportParticipants(SystemCaller("test"), e.id, good, tabular::Format::kCsv,
                                        true, true);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->errors.empty());
  EXPECT_EQ(report->people_created, 1);
  EXPECT_EQ(CountStatus(e.id, RegistrationStatus::kAttended), 0);
  // For real.
  report = service().ImportParticipants(SystemCaller("test"), e.id, good, tabular::Format::kCsv,
                                        false, true);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->errors.empty());
  EXPECT_EQ(report->people_matched, 1);
  EXPECT_EQ(report->people_created, 1);
  EXPECT_EQ(report->attendance_days, 2);
  EXPECT_EQ(CountStatus(e.id, RegistrationStatus::kAttended), 2);
  // Importing again changes nothing.
  report = service().ImportParticipants(SystemCaller("test"), e.id, good, tabular::Format::kCsv,
                                        false, true);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->registrations_existing, 2);
  EXPECT_EQ(report->attendance_days, 0);
}

TEST_P(EventServiceTest, ExportedParticipantListsImportBackUnchanged) {
  Event e = Create(Training());
  Person("known@example.org");
  const std::string list =
      "email,full_name,country,gender,mode,attended,days\r\n"
      "known@example.org,,,,,yes,\r\n"
      "new.one@example.org,New One,Kenya,female,remote,yes,\r\n"
      "new.two@example.org,New Two,SN,male,in person,no,\r\n";
  auto report = service().ImportParticipants(SystemCaller("test"), e.id, list,
                                             tabular::Format::kCsv, false, true);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_TRUE(report->errors.empty());

  for (tabular::Format format : {tabular::Format::kCsv, tabular::Format::kXlsx}) {
    auto bytes = service().ExportParticipants(SystemCaller("test"), e.id, format);
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    auto table = tabular::ReadTable(*bytes, format);
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    EXPECT_EQ(table->header,
              (std::vector<std::string>{"email", "full_name", "country", "organization", "gender",
                                        "mode", "role", "attended", "days"}));
    ASSERT_EQ(table->rows.size(), 3u);
    const auto& remote = table->rows[1].cells;
    EXPECT_EQ(remote[0], "new.one@example.org");
    EXPECT_EQ(remote[2], "KE");
    EXPECT_EQ(remote[4], "female");
    EXPECT_EQ(remote[5], "remote");
    EXPECT_EQ(remote[7], "yes");
    EXPECT_EQ(remote[8], e.start_date);
    EXPECT_EQ(table->rows[2].cells[7], "no");
    // The export imports back into the event without an error and without a change.
    auto again =
        service().ImportParticipants(SystemCaller("test"), e.id, *bytes, format, false, false);
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_TRUE(again->errors.empty()) << tabular::FormatError("export", again->errors.front());
    EXPECT_EQ(again->registrations_existing, 3);
    EXPECT_EQ(again->registrations_created, 0);
    EXPECT_EQ(again->attendance_days, 0);
  }
  EXPECT_EQ(CountStatus(e.id, RegistrationStatus::kAttended), 2);

  Caller delegate;
  delegate.roles = {"delegate"};
  delegate.user_id = 12345;
  EXPECT_EQ(service().ExportParticipants(delegate, e.id, tabular::Format::kCsv).status().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(service()
                .ExportParticipants(SystemCaller("test"), 999999, tabular::Format::kCsv)
                .status()
                .code(),
            ErrorCode::kNotFound);
}

TEST_P(EventServiceTest, ImportsFiveThousandRowsInOneTransaction) {
  Event e = Create(Training());
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 5000; ++i) {
    rows.push_back({"bulk" + std::to_string(i) + "@example.org", "Bulk Person " + std::to_string(i),
                    i % 2 ? "KE" : "Senegal", i % 3 ? "female" : "male",
                    i % 4 ? "in_person" : "remote", "yes"});
  }
  const std::vector<std::string> header = {"email",  "full_name", "country",
                                           "gender", "mode",      "attended"};
  // A bad row near the end spoils the whole file.
  auto bad_rows = rows;
  bad_rows[4321][2] = "Nowhere";
  auto report =
      service().ImportParticipants(SystemCaller("test"), e.id, tabular::WriteCsv(header, bad_rows),
                                   tabular::Format::kCsv, false, true);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].row, 4323);  // header is row 1
  EXPECT_EQ(db().Query("SELECT COUNT(*) FROM person WHERE email LIKE 'bulk%'")->front().Int(0), 0);

  auto xlsx = tabular::WriteXlsx(header, rows);
  ASSERT_TRUE(xlsx.ok());
  report = service().ImportParticipants(SystemCaller("test"), e.id, *xlsx, tabular::Format::kXlsx,
                                        false, true);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->errors.empty()) << tabular::FormatError("x", report->errors.front());
  EXPECT_EQ(report->people_created, 5000);
  EXPECT_EQ(report->registrations_created, 5000);
  EXPECT_EQ(CountStatus(e.id, RegistrationStatus::kAttended), 5000);
  // One import audit event for the event, in the same transaction.
  auto audits = db().Query(
      "SELECT COUNT(*) FROM audit_event WHERE record_type = 'event' AND action = "
      "'import_participants'");
  EXPECT_EQ(audits->front().Int(0), 1);
  auto stats = stats::ComputeTrainingOutcomes(db(), {});
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->total.delegates_trained, 5000);
}

TEST_P(EventServiceTest, TrainingOutcomesUseClassesAsOfTheTrainingDate) {
  // South Sudan became independent in 2011; use Afghanistan (an LDC since 1971) and Switzerland.
  Event t1 = Create(Training("2019-10-22"));
  Event t2 = Create(Training("2020-03-16"));
  const std::int64_t af = Person("af@example.org", "AF", "female");
  const std::int64_t ch = Person("ch@example.org", "CH", "male");
  const std::int64_t unknown = Person("unknown@example.org", "KE", "not_stated", false);
  // A person without a country.
  std::int64_t nowhere = 0;
  ASSERT_TRUE(db().InTransaction([&](db::Transaction& tx) -> Status {
                    BSG_ASSIGN_OR_RETURN(auto held_countries, directory::Countries(tx));
                    const registry::ClassIndex& countries = *held_countries;
                    NewPersonInfo p;
                    p.given_name = "No";
                    p.family_name = "Country";
                    p.email = "nocountry@example.org";
                    BSG_ASSIGN_OR_RETURN(nowhere, directory::CreatePerson(
                                                      tx, countries, p, time::CurrentTimestamp()));
                    return Status::Ok();
                  })
                  .ok());
  Attend(t1, af);
  Attend(t1, ch);
  Attend(t1, nowhere);
  Attend(t2, af);                     // trained twice: counted once
  auto r = Register(t2.id, unknown);  // registered, never attended
  ASSERT_TRUE(r.ok());

  auto out = stats::ComputeTrainingOutcomes(db(), {});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const auto& t = out->total;
  EXPECT_EQ(t.delegates_trained, 3);
  EXPECT_EQ(t.countries, 2);
  EXPECT_EQ(t.organizations, 2);
  EXPECT_EQ(t.trainings, 2);
  EXPECT_EQ(t.development.Get("developing"), 1);
  EXPECT_EQ(t.development.Get("developed"), 1);
  EXPECT_EQ(t.development.Get(kNotStated), 1);
  EXPECT_EQ(t.ldc.Get("ldc"), 1);
  EXPECT_DOUBLE_EQ(*t.ldc.ShareOfKnown("ldc"), 0.5);
  EXPECT_EQ(t.gender.Get("female"), 1);
  EXPECT_EQ(t.gender.Get(kNotStated), 1);
  EXPECT_EQ(t.organization.Get(kNotStated), 1);
  ASSERT_EQ(out->by_year.size(), 2u);
  EXPECT_EQ(out->by_year.at(2019).delegates_trained, 3);
  EXPECT_EQ(out->by_year.at(2020).delegates_trained, 1);
  // A window.
  out = stats::ComputeTrainingOutcomes(db(), {.since = "2020-01-01", .until = std::nullopt});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->total.delegates_trained, 1);
  EXPECT_EQ(stats::ComputeTrainingOutcomes(db(), {.since = "2020-13-01", .until = std::nullopt})
                .status()
                .code(),
            ErrorCode::kUnprocessable);

  // Geography and participation.
  auto geo = stats::ComputeGeography(db(), {}, EventKind::kBsgTraining);
  ASSERT_TRUE(geo.ok());
  EXPECT_EQ(geo->figures.total.held, 2);
  EXPECT_EQ(geo->figures.regions.at("EUR").held, 2);
  auto part = stats::ComputeParticipation(db(), {});
  ASSERT_TRUE(part.ok());
  EXPECT_EQ(part->attended_in_person, 4);
  ASSERT_EQ(part->months.size(), 2u);
  EXPECT_EQ(part->months[0].month, "2019-10");
  EXPECT_EQ(part->months[0].in_person, 3);
  ASSERT_FALSE(part->events.empty());
  EXPECT_EQ(part->events[0].event_id, t1.id);
  EXPECT_EQ(part->events[0].registered_in_person, 3);
  EXPECT_EQ(part->events[0].attended, 3);
}

TEST_P(EventServiceTest,
       TrainingOutcomesCountAMergedPersonOnceAndAnUnclassifiedCountryAsNotStated) {
  Event t1 = Create(Training("2019-10-22"));
  Event t2 = Create(Training("2020-03-16"));
  const std::int64_t af = Person("af@example.org", "AF", "female");
  const std::int64_t duplicate = Person("af.other@example.org", "KE", "male");
  const std::int64_t ch = Person("ch@example.org", "CH", "male");
  Attend(t1, af);
  Attend(t1, duplicate);  // the same delegate under a second record, at the same training
  Attend(t2, duplicate);
  Attend(t1, ch);
  auto before = stats::ComputeTrainingOutcomes(db(), {});
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  EXPECT_EQ(before->total.delegates_trained, 3);

  // The second record is merged into the first; its registrations stay where they are (the
  // first already holds a registration for t1), and it counts as the survivor, once.
  ASSERT_TRUE(db().Exec("UPDATE person SET merged_into = ? WHERE id = ?", {af, duplicate}).ok());
  auto after = stats::ComputeTrainingOutcomes(db(), {});
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->total.delegates_trained, 2);
  EXPECT_EQ(after->total.gender.Get("female"), 1);  // the survivor's gender
  EXPECT_EQ(after->total.gender.Get("male"), 1);
  EXPECT_EQ(after->total.countries, 2);  // AF and CH; not KE
  EXPECT_EQ(after->by_year.at(2019).delegates_trained, 2);
  EXPECT_EQ(after->by_year.at(2020).delegates_trained, 1);
  EXPECT_EQ(after->by_year.at(2020).development.Get("developing"), 1);

  // A country whose development class is not recorded is not stated, never developed.
  EXPECT_EQ(after->total.development.Get("developed"), 1);
  ASSERT_TRUE(db().Exec("DELETE FROM country_class WHERE iso2 = 'CH'", {}).ok());
  after = stats::ComputeTrainingOutcomes(db(), {});
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->total.development.Get("developed"), 0);
  EXPECT_EQ(after->total.development.Get(kNotStated), 1);
  EXPECT_EQ(after->total.development.Get("developing"), 1);
  EXPECT_EQ(after->total.countries, 2);  // the country is still stated
}

INSTANTIATE_TEST_SUITE_P(Backends, EventServiceTest, bsg::testing::AllBackends(),
                         bsg::testing::BackendName);

}  // namespace
}  // namespace bsg::events
