// The platform's audit interface: RecordAudit forwards to the registered recorder, and fails
// loudly when none is. (The identity module's recorder is tested with identity.)
#include "platform/audit.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "platform/db/database.h"
#include "platform/time/clock.h"

namespace bsg {
namespace {

// A session that runs nothing: the recorders here never touch it.
class NoSession final : public db::Session {
 public:
  Result<db::Rows> Query(std::string_view, const db::Params&) override { return db::Rows{}; }
  Result<std::int64_t> Exec(std::string_view, const db::Params&) override { return 0; }
  Status BulkInsert(std::string_view, const std::vector<std::string>&,
                    const std::vector<db::Params>&) override {
    return Status::Ok();
  }
  db::Kind kind() const override { return db::Kind::kSqlite; }
};

struct Seen {
  db::Session* tx = nullptr;
  time::TimePoint at;
  AuditActor actor;
  std::string record_type, record_id, action;
  std::optional<nlohmann::json> before, after;
};

class FakeRecorder final : public AuditRecorder {
 public:
  Status Record(db::Session& tx, time::TimePoint at, const AuditActor& actor,
                std::string_view record_type, std::string_view record_id, std::string_view action,
                const std::optional<nlohmann::json>& before,
                const std::optional<nlohmann::json>& after) override {
    seen.push_back({&tx, at, actor, std::string(record_type), std::string(record_id),
                    std::string(action), before, after});
    return result;
  }
  std::vector<Seen> seen;
  Status result = Status::Ok();
};

class AuditTest : public ::testing::Test {
 protected:
  void TearDown() override { SetAuditRecorder(nullptr); }
  NoSession tx_;
};

TEST_F(AuditTest, RecordForwardsEverythingToTheRegisteredRecorder) {
  FakeRecorder recorder;
  SetAuditRecorder(&recorder);
  const time::TimePoint now = *time::ParseTimestamp("2024-05-01T09:30:00.123Z");
  time::ScopedTestClock clock(now);
  AuditActor actor{42, "ada@example.org", "192.0.2.1", "req-1"};
  ASSERT_TRUE(RecordAudit(tx_, actor, "person", "7", "update", nlohmann::json{{"a", 1}},
                          nlohmann::json{{"a", 2}})
                  .ok());
  ASSERT_EQ(recorder.seen.size(), 1u);
  const Seen& s = recorder.seen[0];
  EXPECT_EQ(s.tx, &tx_);
  EXPECT_EQ(s.at, now) << "timestamped by the product's clock";
  EXPECT_EQ(s.actor.user_id, 42);
  EXPECT_EQ(s.actor.label, "ada@example.org");
  EXPECT_EQ(s.actor.remote_address, "192.0.2.1");
  EXPECT_EQ(s.actor.request_id, "req-1");
  EXPECT_EQ(s.record_type, "person");
  EXPECT_EQ(s.record_id, "7");
  EXPECT_EQ(s.action, "update");
  EXPECT_EQ(s.before, (nlohmann::json{{"a", 1}}));
  EXPECT_EQ(s.after, (nlohmann::json{{"a", 2}}));

  clock.Advance(std::chrono::minutes(1));
  ASSERT_TRUE(
      RecordAudit(tx_, CliActor("t"), "user", "1", "create", std::nullopt, nlohmann::json::object())
          .ok());
  ASSERT_EQ(recorder.seen.size(), 2u);
  EXPECT_EQ(recorder.seen[1].at, now + std::chrono::minutes(1));
  EXPECT_FALSE(recorder.seen[1].before);
}

TEST_F(AuditTest, TheRecordersFailureIsTheCallersFailure) {
  FakeRecorder recorder;
  recorder.result = Status::Conflict("db.unique_violation", "taken");
  SetAuditRecorder(&recorder);
  Status s = RecordAudit(tx_, CliActor("t"), "x", "1", "create", std::nullopt, std::nullopt);
  EXPECT_EQ(s.reason(), "db.unique_violation");
}

TEST_F(AuditTest, RecordingWithoutARecorderIsABug) {
  SetAuditRecorder(nullptr);
  EXPECT_THROW(
      (void)RecordAudit(tx_, CliActor("t"), "person", "1", "create", std::nullopt, std::nullopt),
      std::logic_error);
}

TEST(AuditActorTest, CliActorNamesTheCommand) {
  const AuditActor a = CliActor("bsg user add");
  EXPECT_EQ(a.label, "cli: bsg user add");
  EXPECT_FALSE(a.user_id);
  EXPECT_TRUE(a.remote_address.empty());
  EXPECT_TRUE(a.request_id.empty());
}

}  // namespace
}  // namespace bsg
