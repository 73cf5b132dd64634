// Tests specific to the SQLite backend: URL forms, connection settings, the shared in-memory
// database, error classification.
#include "platform/db/sqlite_database.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "platform/db/database.h"

namespace bsg::db {
namespace {

std::unique_ptr<Database> MustOpen(const std::string& url, const Options& options = {}) {
  Result<std::unique_ptr<Database>> db = Database::Open(url, options);
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  return db.ok() ? std::move(db).value() : nullptr;
}

TEST(SqliteTest, MemoryDatabaseIsSharedByPooledConnections) {
  std::unique_ptr<Database> db = MustOpen("sqlite::memory:", {.pool_size = 4});
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(db->kind(), Kind::kSqlite);
  EXPECT_EQ(db->redacted_url(), "sqlite::memory:");
  ASSERT_TRUE(db->ExecScript("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('seen')").ok());
  // Hold one connection so that the next query runs on another.
  Result<std::unique_ptr<Transaction>> held = db->Begin({.read_only = true});
  ASSERT_TRUE(held.ok()) << held.status().ToString();
  Result<Row> row = db->QueryOne("SELECT v FROM t", {});
  ASSERT_TRUE(row.ok()) << row.status().ToString();
  EXPECT_EQ(row->Text(0), "seen");
  EXPECT_EQ(db->pool_stats().size, 2);
}

TEST(SqliteTest, MemoryDatabasesAreSeparate) {
  std::unique_ptr<Database> a = MustOpen("sqlite::memory:");
  std::unique_ptr<Database> b = MustOpen("sqlite::memory:");
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(a->ExecScript("CREATE TABLE only_in_a (v INTEGER)").ok());
  EXPECT_TRUE(a->Query("SELECT * FROM only_in_a").ok());
  EXPECT_FALSE(b->Query("SELECT * FROM only_in_a").ok());
}

// Shared-cache table locks are not covered by SQLite's busy handler; the backend waits them out.
TEST(SqliteTest, MemoryDatabaseTakesConcurrentWriters) {
  std::unique_ptr<Database> db = MustOpen("sqlite::memory:", {.pool_size = 4});
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->ExecScript("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER)").ok());
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        Status s = db->InTransaction([&](Transaction& tx) -> Status {
          BSG_RETURN_IF_ERROR(tx.Query("SELECT COUNT(*) FROM t").status());
          const Params row = {t * 100 + i};
          return tx.Exec("INSERT INTO t (n) VALUES (?)", row).status();
        });
        Result<Rows> read = db->Query("SELECT COUNT(*) FROM t");
        if (!s.ok() || !read.ok()) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  Result<Row> count = db->QueryOne("SELECT COUNT(*) FROM t", {});
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(count->Int(0), 100);
}

TEST(SqliteTest, FileConnectionsUseWalForeignKeysAndFullSync) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("bsg_sqlite_test_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  {
    std::unique_ptr<Database> db =
        MustOpen("sqlite://" + (dir / "a.db").string(), {.busy_timeout_ms = 1234});
    ASSERT_NE(db, nullptr);
    auto pragma = [&](const std::string& name) {
      Result<Row> row = db->QueryOne("PRAGMA " + name, {});
      EXPECT_TRUE(row.ok()) << row.status().ToString();
      return row.ok() ? row->Text(0) : "";
    };
    EXPECT_EQ(pragma("journal_mode"), "wal");
    EXPECT_EQ(pragma("foreign_keys"), "1");
    EXPECT_EQ(pragma("synchronous"), "2");  // FULL
    EXPECT_EQ(pragma("busy_timeout"), "1234");
  }
  // A relative path is taken from the working directory.
  const std::filesystem::path cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  {
    std::unique_ptr<Database> db = MustOpen("sqlite://relative.db");
    ASSERT_NE(db, nullptr);
    EXPECT_TRUE(db->ExecScript("CREATE TABLE t (v INTEGER)").ok());
  }
  std::filesystem::current_path(cwd);
  EXPECT_TRUE(std::filesystem::exists(dir / "relative.db"));
  std::filesystem::remove_all(dir);
}

TEST(SqliteTest, OpenFailures) {
  Result<std::unique_ptr<Database>> missing_dir =
      Database::Open("sqlite:///nonexistent-bsg-dir/sub/x.db");
  ASSERT_FALSE(missing_dir.ok());
  EXPECT_EQ(missing_dir.status().reason(), kUnreachable);
  EXPECT_EQ(missing_dir.status().code(), ErrorCode::kUnavailable);

  for (const char* url : {"sqlite:", "sqlite://", "sqlite:relative.db"}) {
    Result<std::unique_ptr<Database>> bad = Database::Open(url);
    ASSERT_FALSE(bad.ok()) << url;
    EXPECT_EQ(bad.status().reason(), "db.invalid_url") << url;
  }
}

TEST(SqliteTest, ClassifiesExtendedResultCodes) {
  EXPECT_EQ(StatusFromSqlite(SQLITE_CONSTRAINT_UNIQUE, "m").reason(), kUniqueViolation);
  EXPECT_EQ(StatusFromSqlite(SQLITE_CONSTRAINT_PRIMARYKEY, "m").reason(), kUniqueViolation);
  EXPECT_EQ(StatusFromSqlite(SQLITE_CONSTRAINT_FOREIGNKEY, "m").reason(), kForeignKeyViolation);
  EXPECT_EQ(StatusFromSqlite(SQLITE_CONSTRAINT_CHECK, "m").reason(), kCheckViolation);
  EXPECT_EQ(StatusFromSqlite(SQLITE_CONSTRAINT_NOTNULL, "m").reason(), kCheckViolation);
  EXPECT_EQ(StatusFromSqlite(SQLITE_BUSY, "m").code(), ErrorCode::kRetryable);
  EXPECT_EQ(StatusFromSqlite(SQLITE_BUSY_SNAPSHOT, "m").reason(), kBusy);
  EXPECT_EQ(StatusFromSqlite(SQLITE_LOCKED_SHAREDCACHE, "m").reason(), kBusy);
  EXPECT_EQ(StatusFromSqlite(SQLITE_ERROR, "m").reason(), "db.error");
  EXPECT_EQ(StatusFromSqlite(SQLITE_ERROR, "m").code(), ErrorCode::kInternal);
  EXPECT_NE(StatusFromSqlite(SQLITE_ERROR, "no such table: x").message().find("no such table"),
            std::string::npos);
}

}  // namespace
}  // namespace bsg::db
