// Tests of the schema migrations (migrate.h) on both SQLite and PostgreSQL.
#include "platform/db/migrate.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "platform/time/timestamp.h"
#include "support/test_db.h"

namespace bsg::db {
namespace {

class MigrateTest : public bsg::testing::DatabaseTest {
 protected:
  bool MigrateOnSetUp() const override { return false; }
  Options DatabaseOptions() const override { return {.pool_size = 4}; }
};

TEST_P(MigrateTest, EmbeddedMigrationsAreAscending) {
  const std::vector<Migration>& migrations = EmbeddedMigrations(kind());
  ASSERT_FALSE(migrations.empty());
  EXPECT_EQ(migrations.front().version, 1);
  EXPECT_EQ(migrations.front().name, "0001_platform");
  EXPECT_NE(migrations.front().sql.find("platform_info"), std::string::npos);
  for (std::size_t i = 1; i < migrations.size(); ++i) {
    EXPECT_LT(migrations[i - 1].version, migrations[i].version);
  }
  EXPECT_EQ(KnownSchemaVersion(kind()), migrations.back().version);
}

TEST_P(MigrateTest, NewDatabaseIsVersionZeroAndUntouched) {
  Result<int> version = CurrentSchemaVersion(db());
  ASSERT_TRUE(version.ok()) << version.status().ToString();
  EXPECT_EQ(*version, 0);
  // Asking created nothing.
  EXPECT_FALSE(db().Query("SELECT version FROM schema_migrations").ok());
  Status check = CheckSchemaVersion(db());
  EXPECT_EQ(check.reason(), "schema.outdated");
}

TEST_P(MigrateTest, AppliesOnceThenNothing) {
  Result<int> first = Migrate(db());
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(*first, static_cast<int>(EmbeddedMigrations(kind()).size()));
  Result<int> second = Migrate(db());
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(*second, 0);

  Result<int> version = CurrentSchemaVersion(db());
  ASSERT_TRUE(version.ok()) << version.status().ToString();
  EXPECT_EQ(*version, KnownSchemaVersion(kind()));
  EXPECT_TRUE(CheckSchemaVersion(db()).ok());

  Result<Rows> recorded = db().Query("SELECT version, name, applied_at FROM schema_migrations");
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  ASSERT_EQ(recorded->size(), EmbeddedMigrations(kind()).size());
  EXPECT_EQ((*recorded)[0].Int(0), 1);
  EXPECT_EQ((*recorded)[0].Text(1), "0001_platform");
  EXPECT_TRUE(time::ParseTimestamp((*recorded)[0].Text(2)));  // 2024-01-02T03:04:05.678Z
  EXPECT_EQ((*recorded)[0].Text(2).size(), 24u);

  // The first migration's table works.
  ASSERT_TRUE(
      db().Exec("INSERT INTO platform_info (key, value) VALUES (?, ?)", {"demo_seeded", "yes"})
          .ok());
  Result<Row> info =
      db().QueryOne("SELECT value FROM platform_info WHERE key = ?", {"demo_seeded"});
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->Text(0), "yes");
}

TEST_P(MigrateTest, RefusesANewerDatabase) {
  ASSERT_TRUE(Migrate(db()).ok());
  const int newer = KnownSchemaVersion(kind()) + 1;
  ASSERT_TRUE(db().Exec("INSERT INTO schema_migrations (version, name, applied_at) "
                        "VALUES (?, ?, ?)",
                        {newer, "9999_from_the_future", "2099-01-01T00:00:00Z"})
                  .ok());
  Result<int> migrated = Migrate(db());
  ASSERT_FALSE(migrated.ok());
  EXPECT_EQ(migrated.status().reason(), "schema.too_new");
  EXPECT_EQ(CheckSchemaVersion(db()).reason(), "schema.too_new");
  Result<int> version = CurrentSchemaVersion(db());
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, newer);
}

TEST_P(MigrateTest, AFailingMigrationLeavesNoTrace) {
  // A table the first migration will try to create makes it fail half-way.
  ASSERT_TRUE(db().ExecScript("CREATE TABLE platform_info (x INTEGER)").ok());
  Result<int> migrated = Migrate(db());
  ASSERT_FALSE(migrated.ok());
  EXPECT_NE(migrated.status().message().find("0001_platform"), std::string::npos)
      << migrated.status().ToString();
  Result<int> version = CurrentSchemaVersion(db());
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, 0);
}

TEST_P(MigrateTest, ConcurrentRunsTakeTurns) {
  constexpr int kRunners = 4;
  std::vector<Result<int>> results(kRunners, Result<int>(0));
  std::vector<std::thread> threads;
  for (int i = 0; i < kRunners; ++i) {
    threads.emplace_back([&, i] { results[i] = Migrate(db()); });
  }
  for (std::thread& thread : threads) thread.join();
  int applied = 0;
  for (const Result<int>& result : results) {
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    applied += *result;
  }
  EXPECT_EQ(applied, static_cast<int>(EmbeddedMigrations(kind()).size()));
  EXPECT_TRUE(CheckSchemaVersion(db()).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, MigrateTest, bsg::testing::AllBackends(),
                         bsg::testing::BackendName);

}  // namespace
}  // namespace bsg::db
