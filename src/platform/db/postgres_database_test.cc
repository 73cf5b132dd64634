// Tests specific to the PostgreSQL backend: placeholder rewriting, URL redaction, SQLSTATE
// classification, column type conversion and reconnection. The last two need a server
// (BSG_TEST_POSTGRES_URL) and are skipped without one.
#include "platform/db/postgres_database.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "support/test_db.h"

namespace bsg::db {
namespace {

std::string Rewrite(std::string_view sql, int expected_count) {
  int count = -1;
  std::string out = RewritePlaceholders(sql, &count);
  EXPECT_EQ(count, expected_count) << sql;
  return out;
}

TEST(PostgresRewriteTest, NumbersPlaceholdersOutsideQuotesAndComments) {
  EXPECT_EQ(Rewrite("SELECT 1", 0), "SELECT 1");
  EXPECT_EQ(Rewrite("SELECT ?, ?", 2), "SELECT $1, $2");
  EXPECT_EQ(Rewrite("WHERE a=? AND b IN (?,?)", 3), "WHERE a=$1 AND b IN ($2,$3)");
  EXPECT_EQ(Rewrite("SELECT 'what?', ?", 1), "SELECT 'what?', $1");
  EXPECT_EQ(Rewrite("SELECT 'it''s ?', ?", 1), "SELECT 'it''s ?', $1");
  EXPECT_EQ(Rewrite("SELECT E'a\\'?', ?", 1), "SELECT E'a\\'?', $1");
  EXPECT_EQ(Rewrite("SELECT 'a\\', ?", 1), "SELECT 'a\\', $1");  // no escapes in '...'
  EXPECT_EQ(Rewrite("SELECT \"odd?col\" FROM t WHERE x = ?", 1),
            "SELECT \"odd?col\" FROM t WHERE x = $1");
  EXPECT_EQ(Rewrite("SELECT \"a\"\"?\" , ?", 1), "SELECT \"a\"\"?\" , $1");
  EXPECT_EQ(Rewrite("SELECT ? -- why?\n, ?", 2), "SELECT $1 -- why?\n, $2");
  EXPECT_EQ(Rewrite("SELECT ? -- trailing?", 1), "SELECT $1 -- trailing?");
  EXPECT_EQ(Rewrite("SELECT /* a /* nested? */ still? */ ?", 1),
            "SELECT /* a /* nested? */ still? */ $1");
  EXPECT_EQ(Rewrite("SELECT $$dollar?$$, $tag$x?$y$tag$, ?", 1),
            "SELECT $$dollar?$$, $tag$x?$y$tag$, $1");
  EXPECT_EQ(Rewrite("SELECT a$b, ?", 1), "SELECT a$b, $1");
  EXPECT_EQ(Rewrite("SELECT 'unterminated ?", 0), "SELECT 'unterminated ?");
  EXPECT_EQ(Rewrite("SELECT ?::text, 5::int", 1), "SELECT $1::text, 5::int");
}

TEST(PostgresRedactTest, RemovesPasswords) {
  EXPECT_EQ(RedactPostgresUrl("postgresql://bsg:s3cret@db.example:5432/bsg"),
            "postgresql://bsg@db.example:5432/bsg");
  EXPECT_EQ(RedactPostgresUrl("postgresql://bsg@127.0.0.1/bsg?sslmode=require"),
            "postgresql://bsg@127.0.0.1/bsg?sslmode=require");
  EXPECT_EQ(RedactPostgresUrl("postgres://u:p%40ss@h/d?password=x&sslmode=disable"),
            "postgres://u@h/d?sslmode=disable");
  EXPECT_EQ(RedactPostgresUrl("postgresql://h/d?password=only"), "postgresql://h/d");
  EXPECT_EQ(RedactPostgresUrl("postgresql://u:p@h"), "postgresql://u@h");
  EXPECT_EQ(RedactPostgresUrl("postgresql:///d"), "postgresql:///d");
}

TEST(PostgresClassifyTest, MapsSqlstates) {
  EXPECT_EQ(StatusFromSqlstate("23505", "m").reason(), kUniqueViolation);
  EXPECT_EQ(StatusFromSqlstate("23505", "m").code(), ErrorCode::kConflict);
  EXPECT_EQ(StatusFromSqlstate("23503", "m").reason(), kForeignKeyViolation);
  EXPECT_EQ(StatusFromSqlstate("23514", "m").reason(), kCheckViolation);
  EXPECT_EQ(StatusFromSqlstate("23502", "m").reason(), kCheckViolation);
  EXPECT_EQ(StatusFromSqlstate("23502", "m").code(), ErrorCode::kUnprocessable);
  EXPECT_EQ(StatusFromSqlstate("40001", "m").reason(), kSerializationFailure);
  EXPECT_EQ(StatusFromSqlstate("40P01", "m").code(), ErrorCode::kRetryable);
  EXPECT_EQ(StatusFromSqlstate("08006", "m").reason(), kUnreachable);
  EXPECT_EQ(StatusFromSqlstate("08006", "m").code(), ErrorCode::kUnavailable);
  EXPECT_EQ(StatusFromSqlstate("42601", "m").reason(), "db.error");
  EXPECT_EQ(StatusFromSqlstate("", "m").code(), ErrorCode::kInternal);
  EXPECT_NE(StatusFromSqlstate("42601", "syntax").message().find("42601"), std::string::npos);
}

TEST(PostgresOpenTest, UnreachableServerHidesThePassword) {
  Result<std::unique_ptr<Database>> db =
      Database::Open("postgresql://bsg:hunter2@127.0.0.1:1/bsg", {.connect_timeout_s = 2});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().reason(), kUnreachable);
  EXPECT_EQ(db.status().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(db.status().message().find("hunter2"), std::string::npos) << db.status().message();
}

class PostgresServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!bsg::testing::BackendAvailable(Kind::kPostgres)) {
      GTEST_SKIP() << "needs BSG_TEST_POSTGRES_URL (see scripts/pg-test-server.sh)";
    }
    db_ = bsg::testing::OpenTestDatabase(Kind::kPostgres, {.pool_size = 1});
    ASSERT_NE(db_, nullptr);
  }
  std::unique_ptr<Database> db_;
};

TEST_F(PostgresServerTest, ConvertsColumnTypes) {
  Result<Row> row = db_->QueryOne(
      "SELECT CAST(7 AS SMALLINT), 8, CAST(9 AS BIGINT), CAST(1.5 AS REAL), 2.25, "
      "CAST(12345678901234 AS NUMERIC), true, false, CAST('\\x00ff' AS BYTEA), "
      "DATE '2024-02-29', CAST('NaN' AS DOUBLE PRECISION), SUM(x) "
      "FROM (VALUES (CAST(4 AS BIGINT)), (5)) AS v (x)",
      {});
  ASSERT_TRUE(row.ok()) << row.status().ToString();
  EXPECT_EQ(std::get<std::int64_t>(row->at(0).get()), 7);
  EXPECT_EQ(std::get<std::int64_t>(row->at(1).get()), 8);
  EXPECT_EQ(std::get<std::int64_t>(row->at(2).get()), 9);
  EXPECT_EQ(std::get<double>(row->at(3).get()), 1.5);
  EXPECT_EQ(std::get<double>(row->at(4).get()), 2.25);  // numeric
  EXPECT_EQ(row->Int(5), 12345678901234);
  EXPECT_EQ(std::get<std::int64_t>(row->at(6).get()), 1);
  EXPECT_EQ(row->Int(7), 0);
  EXPECT_EQ(row->GetBlob(8), (Blob{0x00, 0xff}));
  EXPECT_EQ(std::get<std::string>(row->at(9).get()), "2024-02-29");
  EXPECT_TRUE(std::isnan(row->Double(10)));
  EXPECT_EQ(row->Int(11), 9);  // SUM(bigint) is numeric
}

TEST_F(PostgresServerTest, TextParametersFitTypedColumns) {
  ASSERT_TRUE(db_->ExecScript("CREATE TABLE typed (flag BOOLEAN, day DATE, amount NUMERIC(12, 2),"
                              " small SMALLINT)")
                  .ok());
  ASSERT_TRUE(
      db_->Exec("INSERT INTO typed VALUES (?, ?, ?, ?)", {true, "2024-01-31", 12.5, 3}).ok());
  Result<Row> row =
      db_->QueryOne("SELECT flag, day, amount, small FROM typed WHERE flag = ?", {true});
  ASSERT_TRUE(row.ok()) << row.status().ToString();
  EXPECT_EQ(row->Int(0), 1);
  EXPECT_EQ(row->Text(1), "2024-01-31");
  EXPECT_EQ(row->Double(2), 12.5);
  EXPECT_EQ(row->Int(3), 3);
  Result<Rows> nul = db_->Query("SELECT CAST(? AS TEXT)", {std::string("a\0b", 3)});
  EXPECT_EQ(nul.status().code(), ErrorCode::kInternal);
}

TEST_F(PostgresServerTest, ReconnectsAfterTheConnectionIsLost) {
  Result<Row> pid = db_->QueryOne("SELECT pg_backend_pid()", {});
  ASSERT_TRUE(pid.ok()) << pid.status().ToString();
  std::unique_ptr<Database> other = bsg::testing::OpenTestDatabase(Kind::kPostgres);
  ASSERT_NE(other, nullptr);
  ASSERT_TRUE(other->Query("SELECT pg_terminate_backend(?, 5000)", {pid->Int(0)}).ok());

  Result<Rows> lost = db_->Query("SELECT 1");
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.status().reason(), kUnreachable) << lost.status().ToString();
  // The dead connection was dropped; the next call connects anew.
  Result<Row> again = db_->QueryOne("SELECT pg_backend_pid()", {});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_NE(again->Int(0), pid->Int(0));
  EXPECT_EQ(db_->pool_stats().size, 1);

  // Ping replaces a dead pooled connection by itself.
  ASSERT_TRUE(other->Query("SELECT pg_terminate_backend(?, 5000)", {again->Int(0)}).ok());
  EXPECT_TRUE(db_->Ping().ok());
}

TEST_F(PostgresServerTest, TransactionsAreSerializableOrReadOnly) {
  Result<std::unique_ptr<Transaction>> tx = db_->Begin();
  ASSERT_TRUE(tx.ok());
  Result<Row> level = (*tx)->QueryOne("SHOW transaction_isolation", {});
  ASSERT_TRUE(level.ok());
  EXPECT_EQ(level->Text(0), "serializable");
  tx->reset();
  tx = db_->Begin({.read_only = true});
  ASSERT_TRUE(tx.ok());
  Result<Row> read_only = (*tx)->QueryOne("SHOW transaction_read_only", {});
  ASSERT_TRUE(read_only.ok());
  EXPECT_EQ(read_only->Text(0), "on");
}

}  // namespace
}  // namespace bsg::db
