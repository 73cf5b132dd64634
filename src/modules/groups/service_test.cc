// GroupsService on SQLite and PostgreSQL: groups and positions change together with their audit
// events, in one transaction.
#include "modules/groups/service.h"

#include <gtest/gtest.h>

#include <string>

#include "modules/identity/audit.h"
#include "modules/registry/rules.h"
#include "platform/audit.h"
#include "support/test_db.h"

namespace bsg::groups {
namespace {

constexpr const char* kNow = "2024-03-01T10:00:00.000Z";

// Fails every event, as an unreachable audit table would.
class FailingRecorder final : public AuditRecorder {
 public:
  Status Record(db::Session&, time::TimePoint, const AuditActor&, std::string_view,
                std::string_view, std::string_view, const std::optional<nlohmann::json>&,
                const std::optional<nlohmann::json>&) override {
    return Status::Unavailable("test.audit_down", "audit is down");
  }
};

class GroupsServiceTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    identity::RegisterAuditRecorder();
    service_ = std::make_unique<GroupsService>(db());
    Status s = db().InTransaction([&](db::Transaction& tx) -> Status {
      const registry::Store people;
      BSG_ASSIGN_OR_RETURN(auto held_index, people.LoadClassIndex(tx));
      const registry::ClassIndex& index = *held_index;
      registry::PersonDraft d;
      d.full_name = "Kofi Sampleton";
      d.country = "GH";
      BSG_RETURN_IF_ERROR(registry::ValidatePerson(d, index));
      BSG_ASSIGN_OR_RETURN(person_, people.CreatePerson(tx, d, kNow));
      BSG_ASSIGN_OR_RETURN(auto sg3, store_.FindGroup(tx, "2017-2020", "SG3"));
      sg3_ = sg3->id;
      return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  void TearDown() override {
    identity::RegisterAuditRecorder();  // after tests that swap in their own recorder
    service_.reset();
    DatabaseTest::TearDown();
  }

  PositionDraft Chair() {
    PositionDraft d;
    d.group_id = sg3_;
    d.person_id = person_;
    d.role = "chair";
    d.start_date = "2017-01-01";
    return d;
  }

  std::int64_t Count(const std::string& sql) {
    auto row = db().QueryOne(sql, {});
    EXPECT_TRUE(row.ok()) << row.status().ToString();
    return row.ok() ? row->Int(0) : -1;
  }

  GroupsService& service() { return *service_; }
  std::unique_ptr<GroupsService> service_;
  const Store store_;
  std::int64_t person_ = 0;
  std::int64_t sg3_ = 0;
};

TEST_P(GroupsServiceTest, CreatePositionWritesTheRowAndItsAuditEvent) {
  auto saved = service().CreatePosition({3, "ada@example.org", "192.0.2.1", "r1"}, Chair(), kNow);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->position.group_code, "SG3");
  EXPECT_EQ(saved->person_name, "Kofi Sampleton");
  EXPECT_EQ(saved->position.created_at, kNow);
  auto rows = db().Query(
      "SELECT record_id, action, actor_user_id, before_json, after_json FROM audit_event "
      "WHERE record_type = 'position'");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Text(0), std::to_string(saved->position.id));
  EXPECT_EQ((*rows)[0].Text(1), "create");
  EXPECT_EQ((*rows)[0].Int(2), 3);
  EXPECT_TRUE((*rows)[0].IsNull(3));
  const auto after = nlohmann::json::parse((*rows)[0].Text(4));
  EXPECT_EQ(after["person_name"], "Kofi Sampleton");
  EXPECT_EQ(after["role"], "chair");

  PositionDraft vice = Chair();
  vice.role = "vice_chair";
  auto updated =
      service().UpdatePosition(CliActor("t"), saved->position.id, vice, "2024-03-02T10:00:00.000Z");
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->position.role, "vice_chair");
  auto update = db().Query(
      "SELECT before_json, after_json FROM audit_event WHERE record_type = 'position' AND "
      "action = 'update'");
  ASSERT_TRUE(update.ok());
  ASSERT_EQ(update->size(), 1u);
  const auto before = nlohmann::json::parse((*update)[0].Text(0));
  EXPECT_EQ(before["role"], "chair");
  EXPECT_TRUE(before["person_name"].is_null());  // the before image names no holder
  EXPECT_EQ(nlohmann::json::parse((*update)[0].Text(1))["role"], "vice_chair");

  ASSERT_TRUE(service().DeletePosition(CliActor("t"), saved->position.id).ok());
  EXPECT_EQ(service().GetPosition(saved->position.id).status().reason(), "position.not_found");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_event WHERE record_type = 'position'"), 3);
}

TEST_P(GroupsServiceTest, AFailedAuditEventLeavesNoPosition) {
  FailingRecorder failing;
  SetAuditRecorder(&failing);
  auto saved = service().CreatePosition(CliActor("t"), Chair(), kNow);
  identity::RegisterAuditRecorder();
  EXPECT_EQ(saved.status().reason(), "test.audit_down");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM group_position"), 0);
  auto page = service().ListPositions({});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 0);
}

TEST_P(GroupsServiceTest, AFailedChangeRecordsNothing) {
  PositionDraft bad = Chair();
  bad.role = "boss";
  EXPECT_EQ(service().CreatePosition(CliActor("t"), bad, kNow).status().reason(),
            "position.invalid");
  EXPECT_EQ(service().UpdatePosition(CliActor("t"), 999, Chair(), kNow).status().reason(),
            "position.not_found");
  EXPECT_EQ(service().DeletePosition(CliActor("t"), 999).reason(), "position.not_found");
  GroupDraft g;
  g.period = "1999-2000";
  g.kind = "study_group";
  g.code = "SG99";
  g.title = "Nowhere";
  auto group = service().CreateGroup(CliActor("t"), g);
  EXPECT_EQ(group.status().reason(), "group.invalid");
  EXPECT_EQ(group.status().fields().count("period"), 1u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_event"), 0);
}

TEST_P(GroupsServiceTest, CreateGroupUnderItsParentAndListIt) {
  GroupDraft g;
  g.period = "2017-2020";
  g.kind = "regional_group";
  g.code = "SG3RG-TEST";
  g.parent = "SG3";
  g.region = "AFR";
  g.title = "A test regional group";
  auto group = service().CreateGroup(CliActor("t"), g);
  ASSERT_TRUE(group.ok()) << group.status().ToString();
  EXPECT_EQ(group->parent_id, sg3_);
  auto detail = service().GetGroup(sg3_);
  ASSERT_TRUE(detail.ok());
  bool listed = false;
  for (const auto& r : detail->regional_groups) listed = listed || r.id == group->id;
  EXPECT_TRUE(listed);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_event WHERE record_type = 'group' AND action = "
                  "'create'"),
            1);
  EXPECT_EQ(service().GroupPositions(999999, {}).status().reason(), "group.not_found");
}

INSTANTIATE_TEST_SUITE_P(Backends, GroupsServiceTest, testing::AllBackends(), testing::BackendName);

}  // namespace
}  // namespace bsg::groups
