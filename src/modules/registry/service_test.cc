// RegistryService on SQLite and PostgreSQL: a change and its audit event are one transaction,
// so a failure of either leaves neither.
#include "modules/registry/service.h"

#include <gtest/gtest.h>

#include <string>

#include "modules/identity/audit.h"
#include "platform/audit.h"
#include "support/test_db.h"

namespace bsg::registry {
namespace {

constexpr const char* kNow = "2024-03-01T10:00:00.000Z";

// Records into a table of the test's own, and fails from the `fail_from`-th call on, after
// writing: so a test sees whether what it wrote survives the use case's failure.
class TableRecorder final : public AuditRecorder {
 public:
  explicit TableRecorder(int fail_from) : fail_from_(fail_from) {}
  Status Record(db::Session& tx, time::TimePoint, const AuditActor&, std::string_view record_type,
                std::string_view record_id, std::string_view action,
                const std::optional<nlohmann::json>&,
                const std::optional<nlohmann::json>&) override {
    BSG_RETURN_IF_ERROR(tx.Exec("INSERT INTO test_audit (what) VALUES (?)",
                                {std::string(record_type) + ":" + std::string(record_id) + ":" +
                                 std::string(action)})
                            .status());
    if (++calls_ >= fail_from_) return Status::Unavailable("test.audit_down", "audit is down");
    return Status::Ok();
  }

 private:
  int fail_from_;
  int calls_ = 0;
};

class RegistryServiceTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    identity::RegisterAuditRecorder();
    service_ = std::make_unique<RegistryService>(db());
  }
  void TearDown() override {
    identity::RegisterAuditRecorder();  // after tests that swap in their own recorder
    service_.reset();
    DatabaseTest::TearDown();
  }

  std::int64_t Count(const std::string& sql) {
    auto row = db().QueryOne(sql, {});
    EXPECT_TRUE(row.ok()) << row.status().ToString();
    return row.ok() ? row->Int(0) : -1;
  }

  OrganizationDraft Org(const std::string& name) {
    OrganizationDraft d;
    d.name = name;
    d.kind = "academia";
    d.country = "sn";
    return d;
  }

  RegistryService& service() { return *service_; }
  std::unique_ptr<RegistryService> service_;
};

TEST_P(RegistryServiceTest, CreateOrganizationWritesTheRowAndItsAuditEvent) {
  AuditActor actor{7, "ada@example.org", "192.0.2.1", "req-9"};
  auto saved = service().CreateOrganization(actor, Org("Université Exemple"), kNow);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->country, "SN");  // validated and normalized
  EXPECT_EQ(saved->created_at, kNow);
  auto read = service().GetOrganization(saved->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->name, "Université Exemple");

  auto rows = db().Query(
      "SELECT record_id, action, actor_user_id, actor_label, remote_address, request_id, "
      "before_json, after_json FROM audit_event WHERE record_type = 'organization'");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  const db::Row& e = (*rows)[0];
  EXPECT_EQ(e.Text(0), std::to_string(saved->id));
  EXPECT_EQ(e.Text(1), "create");
  EXPECT_EQ(e.Int(2), 7);
  EXPECT_EQ(e.Text(3), "ada@example.org");
  EXPECT_EQ(e.Text(4), "192.0.2.1");
  EXPECT_EQ(e.Text(5), "req-9");
  EXPECT_TRUE(e.IsNull(6));
  EXPECT_EQ(nlohmann::json::parse(e.Text(7))["name"], "Université Exemple");

  auto updated = service().UpdateOrganization(actor, saved->id, Org("Université Exemple II"),
                                              "2024-03-02T10:00:00.000Z");
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_event WHERE record_type = 'organization' AND "
                  "action = 'update' AND before_json IS NOT NULL"),
            1);
}

TEST_P(RegistryServiceTest, AFailedChangeRecordsNothing) {
  OrganizationDraft bad = Org("");
  EXPECT_EQ(service().CreateOrganization(CliActor("t"), bad, kNow).status().reason(),
            "organization.invalid");
  EXPECT_EQ(service().UpdateOrganization(CliActor("t"), 999, Org("X"), kNow).status().reason(),
            "organization.not_found");
  EXPECT_EQ(service().DeletePerson(CliActor("t"), 999).reason(), "person.not_found");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_event"), 0);
}

TEST_P(RegistryServiceTest, AFailedAuditEventLeavesNoRow) {
  ASSERT_TRUE(db().ExecScript("CREATE TABLE test_audit (what TEXT NOT NULL)").ok());
  TableRecorder failing(/*fail_from=*/1);
  SetAuditRecorder(&failing);
  auto saved = service().CreateOrganization(CliActor("t"), Org("Tiny Labs"), kNow);
  EXPECT_EQ(saved.status().reason(), "test.audit_down");
  identity::RegisterAuditRecorder();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM organization"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM test_audit"), 0);
}

TEST_P(RegistryServiceTest, AFailureAfterTheFirstAuditEventRollsItBack) {
  PersonDraft a;
  a.full_name = "Kofi Sampleton";
  PersonDraft b;
  b.full_name = "Kofi A. Sampleton";
  auto from = service().CreatePerson(CliActor("t"), a, kNow);
  auto into = service().CreatePerson(CliActor("t"), b, kNow);
  ASSERT_TRUE(from.ok() && into.ok());
  ASSERT_TRUE(db().ExecScript("CREATE TABLE test_audit (what TEXT NOT NULL)").ok());
  // A merge records two events, on both records; the second one fails.
  TableRecorder second_fails(/*fail_from=*/2);
  SetAuditRecorder(&second_fails);
  auto merged = service().MergePerson(CliActor("t"), from->id, into->id, kNow);
  EXPECT_EQ(merged.status().reason(), "test.audit_down");
  identity::RegisterAuditRecorder();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM test_audit"), 0);  // the first event went too
  auto still = service().GetPerson({.reads_anyone = true}, from->id);
  ASSERT_TRUE(still.ok());
  EXPECT_FALSE(still->merged_into);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_event WHERE action LIKE 'merge%'"), 0);
}

TEST_P(RegistryServiceTest, EraseKeepsCountsAndAuditsWhatWasKept) {
  PersonDraft a;
  a.full_name = "Awa Fictivo";
  a.email = "awa@example.org";
  a.country = "SN";
  a.gender = "female";
  auto p = service().CreatePerson(CliActor("t"), a, kNow);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  auto erased = service().ErasePerson(CliActor("t"), p->id, "2024-03-02T00:00:00.000Z");
  ASSERT_TRUE(erased.ok()) << erased.status().ToString();
  EXPECT_FALSE(erased->full_name);
  EXPECT_EQ(erased->country, "SN");
  EXPECT_EQ(service().ErasePerson(CliActor("t"), p->id, kNow).status().reason(),
            "person.already_erased");
  EXPECT_EQ(service().UpdatePerson(CliActor("t"), p->id, a, kNow).status().reason(),
            "person.read_only");
  auto rows = db().Query(
      "SELECT before_json, after_json FROM audit_event WHERE record_type = 'person' AND action = "
      "'erase'");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_TRUE((*rows)[0].IsNull(0));
  EXPECT_EQ((*rows)[0].Text(1).find("awa@example.org"), std::string::npos);
}

TEST_P(RegistryServiceTest, ClassChangeIsAuditedAndReturnsTheHistory) {
  auto history =
      service().ChangeClass(CliActor("t"), "BD", {"ldc", "leave", "2026-11-24", "UNGA resolution"});
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  bool closed = false;
  for (const auto& p : *history) closed = closed || (p.cls == "ldc" && p.until == "2026-11-24");
  EXPECT_TRUE(closed);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_event WHERE record_type = 'country_class' AND "
                  "record_id = 'BD' AND action = 'class_change'"),
            1);
  EXPECT_EQ(
      service().ChangeClass(CliActor("t"), "XX", {"ldc", "leave", "2027", "x"}).status().reason(),
      "country.not_found");
  auto bd = service().Classify("BD", "2026-11-24");
  ASSERT_TRUE(bd.ok());
  EXPECT_FALSE(bd->ldc);
}

TEST_P(RegistryServiceTest, PeopleReadersSeeAnyoneOthersOnlyThemselves) {
  PersonDraft a;
  a.full_name = "Ada One";
  auto p = service().CreatePerson(CliActor("t"), a, kNow);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(service().GetPerson({.reads_anyone = true}, p->id).ok());
  EXPECT_EQ(service().GetPerson({.reads_anyone = false, .user_id = 5}, p->id).status().reason(),
            "person.not_own");
  EXPECT_EQ(service().ExportPerson({.reads_anyone = false, .user_id = 5}, p->id).status().reason(),
            "person.not_own");
  auto exported = service().ExportPerson({.reads_anyone = true}, p->id);
  ASSERT_TRUE(exported.ok()) << exported.status().ToString();
  EXPECT_EQ(exported->person.id, p->id);
  EXPECT_FALSE(exported->organization);
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryServiceTest, testing::AllBackends(),
                         testing::BackendName);

}  // namespace
}  // namespace bsg::registry
