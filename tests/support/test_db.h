// Throwaway databases for tests, so that every store test runs the same cases on SQLite and on
// PostgreSQL.
//
// Usage, in a module's store_test.cc:
//
//   #include "support/test_db.h"
//
//   class FooStoreTest : public bsg::testing::DatabaseTest {};
//
//   TEST_P(FooStoreTest, CreatesAFoo) {
//     FooStore store(db());
//     ...
//   }
//
//   INSTANTIATE_TEST_SUITE_P(Backends, FooStoreTest, bsg::testing::AllBackends(),
//                            bsg::testing::BackendName);
//
// DatabaseTest::SetUp opens a fresh database for each test and applies the embedded migrations
// (override MigrateOnSetUp() to skip that, DatabaseOptions() to change pool or timeouts);
// TearDown deletes the database. A subclass that overrides SetUp calls DatabaseTest::SetUp()
// first and returns when IsSkipped() or HasFatalFailure().
//
// SQLite cases use a new file in the temporary folder, deleted afterwards. PostgreSQL cases
// connect to the server named by the environment variable BSG_TEST_POSTGRES_URL (a superuser URL,
// e.g. from `scripts/pg-test-server.sh start DIR`), create a database bsg_test_<random> and drop it
// afterwards. Without that variable the PostgreSQL cases are skipped, with a message saying so.
//
// Header-only on purpose: every test binary can include it without linking anything new.
#ifndef BSG_TESTS_SUPPORT_TEST_DB_H_
#define BSG_TESTS_SUPPORT_TEST_DB_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <random>
#include <string>
#include <string_view>
#include <utility>

#include "platform/db/database.h"
#include "platform/db/migrate.h"

namespace bsg::db {

// Lets gtest print a backend parameter by name ("GetParam() = postgres").
inline void PrintTo(Kind kind, std::ostream* os) {
  *os << (kind == Kind::kSqlite ? "sqlite" : "postgres");
}

}  // namespace bsg::db

namespace bsg::testing {

// The parameter of backend-parameterized tests.
using Backend = db::Kind;

// Both backends, for INSTANTIATE_TEST_SUITE_P.
inline auto AllBackends() { return ::testing::Values(db::Kind::kSqlite, db::Kind::kPostgres); }

// "sqlite" or "postgres": test names such as Backends/FooStoreTest.CreatesAFoo/postgres.
inline std::string BackendName(const ::testing::TestParamInfo<db::Kind>& info) {
  return info.param == db::Kind::kSqlite ? "sqlite" : "postgres";
}

// The URL of the PostgreSQL server for tests, or "" when BSG_TEST_POSTGRES_URL is not set.
inline std::string TestPostgresUrl() {
  const char* url = std::getenv("BSG_TEST_POSTGRES_URL");
  return url != nullptr ? url : "";
}

// Whether tests can run on `kind` (SQLite always can; PostgreSQL needs BSG_TEST_POSTGRES_URL).
inline bool BackendAvailable(db::Kind kind) {
  return kind == db::Kind::kSqlite || !TestPostgresUrl().empty();
}

namespace internal {

inline std::string RandomSuffix() {
  thread_local std::mt19937_64 rng(std::random_device{}() ^ static_cast<std::uint64_t>(getpid()));
  char buf[20];
  std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(rng()));
  return buf;
}

// `url` with its database name (the path) replaced by `name`.
inline std::string WithDatabaseName(const std::string& url, const std::string& name) {
  const std::size_t scheme = url.find("://");
  const std::size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  const std::size_t query = url.find('?', start);
  const std::size_t path = url.find('/', start);
  const std::size_t end = query == std::string::npos ? url.size() : query;
  const std::size_t from = (path == std::string::npos || path > end) ? end : path;
  return url.substr(0, from) + "/" + name + url.substr(end);
}

// A Database that owns a throwaway database: forwards everything to `inner`, and on destruction
// closes it, then runs `cleanup` (delete the file, drop the database).
class OwnedTestDatabase final : public db::Database {
 public:
  OwnedTestDatabase(std::unique_ptr<db::Database> inner, std::function<void()> cleanup)
      : inner_(std::move(inner)), cleanup_(std::move(cleanup)) {}
  ~OwnedTestDatabase() override {
    inner_.reset();
    cleanup_();
  }

  db::Kind kind() const override { return inner_->kind(); }
  std::string redacted_url() const override { return inner_->redacted_url(); }
  Result<db::Rows> Query(std::string_view sql, const db::Params& params = {}) override {
    return inner_->Query(sql, params);
  }
  Result<std::int64_t> Exec(std::string_view sql, const db::Params& params = {}) override {
    return inner_->Exec(sql, params);
  }
  Status ExecScript(std::string_view sql) override { return inner_->ExecScript(sql); }
  Result<std::unique_ptr<db::Transaction>> Begin(const db::TxOptions& options = {}) override {
    return inner_->Begin(options);
  }
  Status Ping() override { return inner_->Ping(); }
  db::PoolStats pool_stats() const override { return inner_->pool_stats(); }

 private:
  std::unique_ptr<db::Database> inner_;
  std::function<void()> cleanup_;
};

}  // namespace internal

// Opens a new, empty database on `kind` that is deleted when the returned object is destroyed.
// Returns nullptr, after recording a test failure, when that fails; check BackendAvailable()
// first (DatabaseTest does).
inline std::unique_ptr<db::Database> OpenTestDatabase(db::Kind kind,
                                                      const db::Options& options = {}) {
  if (kind == db::Kind::kSqlite) {
    const std::filesystem::path file =
        std::filesystem::temp_directory_path() / ("bsg_test_" + internal::RandomSuffix() + ".db");
    Result<std::unique_ptr<db::Database>> opened =
        db::Database::Open("sqlite://" + file.string(), options);
    auto remove_files = [file] {
      std::error_code ignored;
      for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(file.string() + suffix, ignored);
      }
    };
    if (!opened.ok()) {
      remove_files();
      ADD_FAILURE() << "cannot open a SQLite test database: " << opened.status().ToString();
      return nullptr;
    }
    return std::make_unique<internal::OwnedTestDatabase>(std::move(opened).value(), remove_files);
  }

  const std::string server = TestPostgresUrl();
  if (server.empty()) {
    ADD_FAILURE() << "BSG_TEST_POSTGRES_URL is not set";
    return nullptr;
  }
  Result<std::unique_ptr<db::Database>> admin_opened = db::Database::Open(server, {.pool_size = 1});
  if (!admin_opened.ok()) {
    ADD_FAILURE() << "cannot reach the PostgreSQL test server: "
                  << admin_opened.status().ToString();
    return nullptr;
  }
  std::shared_ptr<db::Database> admin = std::move(admin_opened).value();
  const std::string name = "bsg_test_" + internal::RandomSuffix();
  // The name is ours (hex digits), so splicing it is safe; CREATE DATABASE takes no parameters.
  if (Status created = admin->ExecScript("CREATE DATABASE " + name); !created.ok()) {
    ADD_FAILURE() << "cannot create PostgreSQL test database: " << created.ToString();
    return nullptr;
  }
  auto drop = [admin, name] {
    Status dropped = admin->ExecScript("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    if (!dropped.ok()) ADD_FAILURE() << "cannot drop " << name << ": " << dropped.ToString();
  };
  Result<std::unique_ptr<db::Database>> opened =
      db::Database::Open(internal::WithDatabaseName(server, name), options);
  if (!opened.ok()) {
    drop();
    ADD_FAILURE() << "cannot open PostgreSQL test database: " << opened.status().ToString();
    return nullptr;
  }
  return std::make_unique<internal::OwnedTestDatabase>(std::move(opened).value(), drop);
}

// A fixture giving each test of a backend-parameterized suite its own fresh database.
class DatabaseTest : public ::testing::TestWithParam<db::Kind> {
 protected:
  void SetUp() override {
    if (!BackendAvailable(GetParam())) {
      GTEST_SKIP() << "PostgreSQL cases need BSG_TEST_POSTGRES_URL (see scripts/pg-test-server.sh)";
    }
    db_ = OpenTestDatabase(GetParam(), DatabaseOptions());
    ASSERT_NE(db_, nullptr);
    if (MigrateOnSetUp()) {
      Result<int> migrated = db::Migrate(*db_);
      ASSERT_TRUE(migrated.ok()) << migrated.status().ToString();
    }
  }
  void TearDown() override { db_.reset(); }

  // Whether SetUp applies the embedded migrations.
  virtual bool MigrateOnSetUp() const { return true; }
  // The options the test database is opened with.
  virtual db::Options DatabaseOptions() const { return {}; }

  db::Database& db() { return *db_; }
  db::Kind kind() const { return GetParam(); }
  // The statement for the backend under test, where the two dialects differ.
  std::string Sql(std::string_view sqlite, std::string_view postgres) const {
    return std::string(kind() == db::Kind::kSqlite ? sqlite : postgres);
  }

  std::unique_ptr<db::Database> db_;
};

}  // namespace bsg::testing

#endif  // BSG_TESTS_SUPPORT_TEST_DB_H_
