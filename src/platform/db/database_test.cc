// Tests of the platform/db contract (database.h), run on both SQLite and PostgreSQL: typed
// binding, error classification, transactions and retries, BulkInsert, the connection pool.
#include "platform/db/database.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/test_db.h"

namespace bsg::db {
namespace {

using ::bsg::testing::DatabaseTest;

// Asserts that a Result is ok, printing its status otherwise, and yields its value.
#define ASSERT_OK_AND_ASSIGN(lhs, expr) \
  ASSERT_OK_AND_ASSIGN_IMPL_(BSG_CONCAT_(test_result_, __LINE__), lhs, expr)
#define ASSERT_OK_AND_ASSIGN_IMPL_(tmp, lhs, expr)  \
  auto tmp = (expr);                                \
  ASSERT_TRUE(tmp.ok()) << tmp.status().ToString(); \
  lhs = std::move(tmp).value()
#define ASSERT_OK(expr)                                            \
  do {                                                             \
    ::bsg::Status assert_status_ = (expr);                         \
    ASSERT_TRUE(assert_status_.ok()) << assert_status_.ToString(); \
  } while (0)

class DbTest : public DatabaseTest {
 protected:
  bool MigrateOnSetUp() const override { return false; }

  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_OK(db().ExecScript(Schema()));
  }

  std::string Schema() const {
    return Sql("CREATE TABLE vals (id INTEGER PRIMARY KEY, i INTEGER, d REAL, t TEXT, b BLOB);",
               "CREATE TABLE vals (id BIGSERIAL PRIMARY KEY, i BIGINT, d DOUBLE PRECISION, "
               "t TEXT, b BYTEA);") +
           "CREATE TABLE parent (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
           "  qty INTEGER NOT NULL CHECK (qty >= 0));"
           "CREATE TABLE child (id INTEGER PRIMARY KEY,"
           "  parent_id INTEGER NOT NULL REFERENCES parent (id));"
           "CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);"
           "INSERT INTO counter (id, n) VALUES (1, 0);";
  }

  // Inserts `v` into column `column` of vals and reads back the stored row.
  Row RoundTrip(const std::string& column, const Value& v) {
    Result<Row> id =
        db().QueryOne("INSERT INTO vals (" + column + ") VALUES (?) RETURNING id", {v});
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    if (!id.ok()) return Row(std::make_shared<const std::vector<std::string>>(), {});
    Result<Row> row = db().QueryOne("SELECT i, d, t, b FROM vals WHERE id = ?", {id->Int(0)});
    EXPECT_TRUE(row.ok()) << row.status().ToString();
    return row.ok() ? *row : Row(std::make_shared<const std::vector<std::string>>(), {});
  }

  int64_t Count(const std::string& table) {
    Result<Row> row = db().QueryOne("SELECT COUNT(*) FROM " + table, {});
    EXPECT_TRUE(row.ok()) << row.status().ToString();
    return row.ok() ? row->Int(0) : -1;
  }
};

TEST_P(DbTest, IntegersRoundTrip) {
  const std::vector<std::int64_t> values = {0,
                                            1,
                                            -1,
                                            42,
                                            (std::int64_t{1} << 53) + 1,
                                            std::numeric_limits<std::int64_t>::min(),
                                            std::numeric_limits<std::int64_t>::max()};
  for (std::int64_t v : values) {
    Row row = RoundTrip("i", v);
    ASSERT_EQ(row.size(), 4u);
    EXPECT_EQ(row.Int(0), v);
    EXPECT_EQ(row.OptInt(0), v);
    EXPECT_EQ(row.Text(0), std::to_string(v));
  }
  EXPECT_EQ(RoundTrip("i", true).Int(0), 1);
  EXPECT_EQ(RoundTrip("i", false).Int(0), 0);
  EXPECT_EQ(RoundTrip("i", 7u).Int(0), 7);
  EXPECT_EQ(RoundTrip("i", 8LL).Int(0), 8);
}

TEST_P(DbTest, DoublesRoundTrip) {
  const std::vector<double> values = {0.0,
                                      0.1,
                                      -2.5,
                                      1.0 / 3.0,
                                      3.141592653589793,
                                      1e308,
                                      -1e-300,
                                      5e-324,
                                      std::numeric_limits<double>::infinity(),
                                      -std::numeric_limits<double>::infinity()};
  for (double v : values) {
    Row row = RoundTrip("d", v);
    EXPECT_EQ(row.Double(1), v) << v;
    EXPECT_EQ(row.OptDouble(1), v);
  }
}

TEST_P(DbTest, TextRoundTrips) {
  const std::vector<std::string> values = {"",
                                           "plain",
                                           "it's \"quoted\"",
                                           "what?",
                                           "'?'",
                                           "ünïcødé ✓ 中文 العربية Русский",
                                           "tab\tnewline\nreturn\rbackslash\\N",
                                           std::string(100000, 'x')};
  for (const std::string& v : values) {
    Row row = RoundTrip("t", v);
    EXPECT_EQ(row.Text(2), v);
    EXPECT_EQ(row.OptText(2), v);
  }
  EXPECT_EQ(RoundTrip("t", std::string_view("view")).Text(2), "view");
}

TEST_P(DbTest, PlaceholdersInsideLiteralsAndCommentsAreNotParameters) {
  ASSERT_OK_AND_ASSIGN(Row row,
                       db().QueryOne("SELECT 'what?' AS a, CAST(? AS TEXT) AS b, 'it''s ?' AS c, "
                                     "CAST(? AS INTEGER) AS d /* why? */ -- really?\n",
                                     {"param", 5}));
  EXPECT_EQ(row.Text(0), "what?");
  EXPECT_EQ(row.Text(1), "param");
  EXPECT_EQ(row.Text(2), "it's ?");
  EXPECT_EQ(row.Int(3), 5);
  EXPECT_EQ(row.ColumnName(1), "b");
}

TEST_P(DbTest, BlobsRoundTrip) {
  Blob all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<std::uint8_t>(i));
  const std::vector<Blob> values = {Blob{0x00}, Blob{0x00, 0x01, 0x00, 0xff, '\\', '\'', 0x00}, all,
                                    Blob{}};
  for (const Blob& v : values) {
    Row row = RoundTrip("b", v);
    ASSERT_FALSE(row.IsNull(3));
    EXPECT_EQ(row.GetBlob(3), v);
  }
}

TEST_P(DbTest, NullsAndOptionals) {
  Row row = RoundTrip("t", Value());
  EXPECT_TRUE(row.IsNull(2));
  EXPECT_EQ(row.OptText(2), std::nullopt);
  EXPECT_EQ(row.OptInt(0), std::nullopt);
  EXPECT_EQ(row.OptDouble(1), std::nullopt);
  EXPECT_TRUE(RoundTrip("t", nullptr).IsNull(2));
  EXPECT_TRUE(RoundTrip("i", std::optional<std::int64_t>()).IsNull(0));
  EXPECT_EQ(RoundTrip("i", std::optional<std::int64_t>(9)).OptInt(0), 9);
  EXPECT_EQ(RoundTrip("t", std::optional<std::string>("x")).OptText(2), "x");
  EXPECT_TRUE(RoundTrip("t", std::optional<std::string>()).IsNull(2));
  EXPECT_EQ(RoundTrip("d", std::optional<double>(2.5)).OptDouble(1), 2.5);
  ASSERT_OK_AND_ASSIGN(Rows rows, db().Query("SELECT id FROM vals WHERE t IS NULL", {}));
  EXPECT_GE(rows.size(), 3u);
}

TEST_P(DbTest, ReturningIdAndQueryOne) {
  ASSERT_OK_AND_ASSIGN(Row first,
                       db().QueryOne("INSERT INTO vals (t) VALUES (?) RETURNING id", {"a"}));
  ASSERT_OK_AND_ASSIGN(Row second,
                       db().QueryOne("INSERT INTO vals (t) VALUES (?) RETURNING id", {"b"}));
  EXPECT_GT(second.Int(0), first.Int(0));
  ASSERT_OK_AND_ASSIGN(Row found,
                       db().QueryOne("SELECT t FROM vals WHERE id = ?", {second.Int(0)}));
  EXPECT_EQ(found.Text(0), "b");

  Result<Row> missing = db().QueryOne("SELECT t FROM vals WHERE id = ?", {-5}, "vals.not_found");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(missing.status().reason(), "vals.not_found");
}

TEST_P(DbTest, ExecReturnsChangedRows) {
  ASSERT_OK_AND_ASSIGN(std::int64_t inserted,
                       db().Exec("INSERT INTO vals (i) VALUES (?), (?), (?)", {1, 2, 3}));
  EXPECT_EQ(inserted, 3);
  ASSERT_OK_AND_ASSIGN(std::int64_t updated,
                       db().Exec("UPDATE vals SET i = i + 10 WHERE i >= ?", {2}));
  EXPECT_EQ(updated, 2);
  ASSERT_OK_AND_ASSIGN(std::int64_t none, db().Exec("DELETE FROM vals WHERE i = ?", {999}));
  EXPECT_EQ(none, 0);
  ASSERT_OK_AND_ASSIGN(std::int64_t selected, db().Exec("SELECT * FROM vals", {}));
  EXPECT_EQ(selected, 0);
}

TEST_P(DbTest, UniqueViolation) {
  ASSERT_OK(db().Exec("INSERT INTO parent (id, code, qty) VALUES (1, 'a', 1)").status());
  Result<std::int64_t> same_code =
      db().Exec("INSERT INTO parent (id, code, qty) VALUES (?, ?, ?)", {2, "a", 1});
  EXPECT_EQ(same_code.status().reason(), kUniqueViolation) << same_code.status().ToString();
  EXPECT_EQ(same_code.status().code(), ErrorCode::kConflict);
  Result<std::int64_t> same_key =
      db().Exec("INSERT INTO parent (id, code, qty) VALUES (?, ?, ?)", {1, "b", 1});
  EXPECT_EQ(same_key.status().reason(), kUniqueViolation) << same_key.status().ToString();
}

TEST_P(DbTest, ForeignKeyViolation) {
  Result<std::int64_t> orphan =
      db().Exec("INSERT INTO child (id, parent_id) VALUES (?, ?)", {1, 999});
  EXPECT_EQ(orphan.status().reason(), kForeignKeyViolation) << orphan.status().ToString();
  EXPECT_EQ(orphan.status().code(), ErrorCode::kConflict);
}

TEST_P(DbTest, CheckAndNotNullViolations) {
  Result<std::int64_t> negative =
      db().Exec("INSERT INTO parent (id, code, qty) VALUES (?, ?, ?)", {1, "a", -1});
  EXPECT_EQ(negative.status().reason(), kCheckViolation) << negative.status().ToString();
  EXPECT_EQ(negative.status().code(), ErrorCode::kUnprocessable);
  Result<std::int64_t> null_code =
      db().Exec("INSERT INTO parent (id, code, qty) VALUES (?, ?, ?)", {1, Value(), 1});
  EXPECT_EQ(null_code.status().reason(), kCheckViolation) << null_code.status().ToString();
}

TEST_P(DbTest, BugsAreInternalErrors) {
  Result<Rows> syntax = db().Query("SELEKT 1");
  EXPECT_EQ(syntax.status().code(), ErrorCode::kInternal);
  EXPECT_EQ(syntax.status().reason(), "db.error");
  Result<Rows> missing_param = db().Query("SELECT t FROM vals WHERE id = ? AND i = ?", {1});
  EXPECT_EQ(missing_param.status().code(), ErrorCode::kInternal);
  Result<Rows> two = db().Query("SELECT 1; SELECT 2");
  EXPECT_EQ(two.status().code(), ErrorCode::kInternal);
}

TEST_P(DbTest, CommitPersistsAndRollbackOnDestruction) {
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Transaction> tx, db().Begin());
    EXPECT_EQ(tx->kind(), kind());
    ASSERT_OK(tx->Exec("INSERT INTO vals (t) VALUES (?)", {"kept"}).status());
    ASSERT_OK(tx->Commit());
  }
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Transaction> tx, db().Begin());
    ASSERT_OK(tx->Exec("INSERT INTO vals (t) VALUES (?)", {"dropped"}).status());
    ASSERT_OK_AND_ASSIGN(Row inside, tx->QueryOne("SELECT COUNT(*) FROM vals", {}));
    EXPECT_EQ(inside.Int(0), 2);  // a transaction sees its own writes
  }
  EXPECT_EQ(Count("vals"), 1);
  ASSERT_OK_AND_ASSIGN(Row row, db().QueryOne("SELECT t FROM vals", {}));
  EXPECT_EQ(row.Text(0), "kept");
  EXPECT_EQ(db().pool_stats().in_use, 0);
}

TEST_P(DbTest, ReadOnlyTransactionRefusesWrites) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Transaction> tx, db().Begin({.read_only = true}));
  ASSERT_OK_AND_ASSIGN(Row row, tx->QueryOne("SELECT n FROM counter WHERE id = 1", {}));
  EXPECT_EQ(row.Int(0), 0);
  EXPECT_FALSE(tx->Exec("UPDATE counter SET n = 5").ok());
  tx.reset();
  // Each way of writing is refused, and a read after a refused write still sees the old value.
  ASSERT_OK_AND_ASSIGN(tx, db().Begin({.read_only = true}));
  EXPECT_FALSE(tx->ExecScript("SELECT 1; UPDATE counter SET n = 6").ok());
  tx.reset();
  ASSERT_OK_AND_ASSIGN(tx, db().Begin({.read_only = true}));
  EXPECT_FALSE(tx->BulkInsert("vals", {"t"}, {{std::string("x")}}).ok());
  tx.reset();
  EXPECT_EQ(Count("vals"), 0);
  // The connection goes back to the pool writable.
  ASSERT_OK_AND_ASSIGN(std::int64_t changed, db().Exec("UPDATE counter SET n = 5"));
  EXPECT_EQ(changed, 1);
}

TEST_P(DbTest, FailedStatementSpoilsTheTransaction) {
  ASSERT_OK(db().Exec("INSERT INTO parent (id, code, qty) VALUES (1, 'a', 1)").status());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Transaction> tx, db().Begin());
  ASSERT_OK(tx->Exec("INSERT INTO vals (t) VALUES ('x')").status());
  Result<std::int64_t> dup = tx->Exec("INSERT INTO parent (id, code, qty) VALUES (2, 'a', 1)");
  EXPECT_EQ(dup.status().reason(), kUniqueViolation);
  EXPECT_EQ(tx->Exec("INSERT INTO vals (t) VALUES ('y')").status().reason(), kUniqueViolation);
  EXPECT_EQ(tx->Commit().reason(), kUniqueViolation);
  tx.reset();
  EXPECT_EQ(Count("vals"), 0);
}

TEST_P(DbTest, UsingAFinishedTransactionIsAnError) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Transaction> tx, db().Begin());
  ASSERT_OK(tx->Commit());
  EXPECT_EQ(tx->Commit().code(), ErrorCode::kInternal);
  EXPECT_EQ(tx->Query("SELECT 1").status().code(), ErrorCode::kInternal);
}

TEST_P(DbTest, TransactionExecScript) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Transaction> tx, db().Begin());
  ASSERT_OK(
      tx->ExecScript("CREATE TABLE extra (k TEXT PRIMARY KEY); -- a comment; with a semicolon\n"
                     "INSERT INTO extra (k) VALUES ('one;two');\n"
                     "INSERT INTO extra (k) VALUES ('three');"));
  ASSERT_OK(tx->Commit());
  EXPECT_EQ(Count("extra"), 2);
  EXPECT_FALSE(db().ExecScript("INSERT INTO extra (k) VALUES ('four'); SELEKT").ok());
}

// Two transactions that conflict: SQLite's second writer finds the database busy (after the busy
// timeout); PostgreSQL's SERIALIZABLE transactions fail with a serialization failure.
TEST_P(DbTest, ConcurrentTransactionsConflictAsRetryable) {
  if (kind() == Kind::kSqlite) {
    std::unique_ptr<Database> fast =
        bsg::testing::OpenTestDatabase(kind(), {.busy_timeout_ms = 50});
    ASSERT_NE(fast, nullptr);
    ASSERT_OK(fast->ExecScript(Schema()));
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Transaction> first, fast->Begin());
    ASSERT_OK(first->Exec("UPDATE counter SET n = n + 1").status());
    Result<std::unique_ptr<Transaction>> second = fast->Begin();
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.status().reason(), kBusy);
    EXPECT_EQ(second.status().code(), ErrorCode::kRetryable);
    Result<std::int64_t> autocommit = fast->Exec("UPDATE counter SET n = n + 1");
    EXPECT_EQ(autocommit.status().reason(), kBusy);
    ASSERT_OK(first->Commit());
    return;
  }
  // Write skew: each reads what the other writes.
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Transaction> first, db().Begin());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Transaction> second, db().Begin());
  ASSERT_OK(first->Query("SELECT COUNT(*) FROM parent").status());
  ASSERT_OK(second->Query("SELECT COUNT(*) FROM parent").status());
  ASSERT_OK(first->Exec("INSERT INTO parent (id, code, qty) VALUES (1, 'a', 1)").status());
  Status status = second->Exec("INSERT INTO parent (id, code, qty) VALUES (2, 'b', 1)").status();
  ASSERT_OK(first->Commit());
  if (status.ok()) status = second->Commit();
  EXPECT_EQ(status.reason(), kSerializationFailure) << status.ToString();
  EXPECT_EQ(status.code(), ErrorCode::kRetryable);
}

TEST_P(DbTest, InTransactionRetriesThenSucceeds) {
  int attempts = 0;
  Status status = db().InTransaction([&](Transaction& tx) -> Status {
    ++attempts;
    BSG_RETURN_IF_ERROR(tx.Exec("INSERT INTO vals (i) VALUES (?)", {attempts}).status());
    if (attempts < 3) return Status::Retryable(std::string(kBusy), "simulated");
    return Status::Ok();
  });
  ASSERT_OK(status);
  EXPECT_EQ(attempts, 3);
  // The failed attempts were rolled back.
  ASSERT_OK_AND_ASSIGN(Rows rows, db().Query("SELECT i FROM vals"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Int(0), 3);
}

TEST_P(DbTest, InTransactionGivesUpAfterMaxAttempts) {
  int attempts = 0;
  Status status = db().InTransaction(
      [&](Transaction&) -> Status {
        ++attempts;
        return Status::Retryable(std::string(kSerializationFailure), "simulated");
      },
      {.max_attempts = 3});
  EXPECT_EQ(status.code(), ErrorCode::kRetryable);
  EXPECT_EQ(attempts, 3);
}

TEST_P(DbTest, InTransactionDoesNotRetryOtherFailures) {
  int attempts = 0;
  Status status = db().InTransaction([&](Transaction& tx) -> Status {
    ++attempts;
    BSG_RETURN_IF_ERROR(tx.Exec("INSERT INTO vals (i) VALUES (1)").status());
    return Status::Conflict("test.conflict", "no");
  });
  EXPECT_EQ(status.reason(), "test.conflict");
  EXPECT_EQ(attempts, 1);
  EXPECT_EQ(Count("vals"), 0);
}

TEST_P(DbTest, InTransactionResultGivesTheCommittedAttemptsValue) {
  int attempts = 0;
  Result<std::int64_t> id =
      InTransactionResult<std::int64_t>(db(), {}, [&](Transaction& tx) -> Result<std::int64_t> {
        ++attempts;
        BSG_ASSIGN_OR_RETURN(
            Row row, tx.QueryOne("INSERT INTO vals (i) VALUES (?) RETURNING id", {attempts}));
        if (attempts < 2) return Status::Retryable(std::string(kBusy), "simulated");
        return row.Int(0);
      });
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(attempts, 2);
  ASSERT_OK_AND_ASSIGN(Rows rows, db().Query("SELECT id, i FROM vals"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Int(0), *id);
  EXPECT_EQ(rows[0].Int(1), 2);

  Result<std::int64_t> failed =
      InTransactionResult<std::int64_t>(db(), {}, [&](Transaction& tx) -> Result<std::int64_t> {
        BSG_RETURN_IF_ERROR(tx.Exec("INSERT INTO vals (i) VALUES (9)").status());
        return Status::Conflict("test.conflict", "no");
      });
  EXPECT_EQ(failed.status().reason(), "test.conflict");
  EXPECT_EQ(Count("vals"), 1);  // rolled back
}

TEST_P(DbTest, InTransactionSurvivesRealContention) {
  constexpr int kThreads = 4;
  constexpr int kIncrements = 15;
  std::atomic<int> calls{0};
  std::vector<std::thread> threads;
  std::vector<Status> failures(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kIncrements; ++i) {
        Status s = db().InTransaction(
            [&](Transaction& tx) -> Status {
              ++calls;
              BSG_ASSIGN_OR_RETURN(Row row, tx.QueryOne("SELECT n FROM counter WHERE id = 1", {}));
              BSG_ASSIGN_OR_RETURN(
                  std::int64_t changed,
                  tx.Exec("UPDATE counter SET n = ? WHERE id = 1", {row.Int(0) + 1}));
              return changed == 1 ? Status::Ok() : Status::Internal("test", "no row");
            },
            {.max_attempts = 200});
        if (!s.ok()) failures[t] = s;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const Status& s : failures) EXPECT_TRUE(s.ok()) << s.ToString();
  ASSERT_OK_AND_ASSIGN(Row row, db().QueryOne("SELECT n FROM counter WHERE id = 1", {}));
  EXPECT_EQ(row.Int(0), kThreads * kIncrements);
  std::cout << "[   INFO   ] " << calls.load() << " attempts for " << kThreads * kIncrements
            << " contended increments on " << KindName(kind()) << "\n";
}

TEST_P(DbTest, BulkInsertManyTrickyRows) {
  constexpr int kRows = 100000;
  const std::vector<Value> texts = {
      "tab\there", "line\nbreak",    "cr\rlf\r\n",     "back\\slash\\",  "\\N", "\\.", Value(), "",
      "ünïcødé ✓", "quote ' \" end", "comma,semi;col", "trailing space "};
  std::vector<Params> rows;
  rows.reserve(kRows);
  for (int i = 0; i < kRows; ++i) {
    Value blob = i % 7 == 0 ? Value() : Value(Blob{0x00, '\\', '\t', static_cast<std::uint8_t>(i)});
    Value number = i % 5 == 0 ? Value() : Value(i * 0.5);
    rows.push_back(
        {i + 1, static_cast<long long>(i) * 1000003, number, texts[i % texts.size()], blob});
  }
  const auto start = std::chrono::steady_clock::now();
  ASSERT_OK(db().InTransaction([&](Transaction& tx) {
    return tx.BulkInsert("vals", {"id", "i", "d", "t", "b"}, rows);
  }));
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  std::cout << "[   INFO   ] BulkInsert of " << kRows << " rows on " << KindName(kind()) << ": "
            << ms << " ms\n";

  EXPECT_EQ(Count("vals"), kRows);
  ASSERT_OK_AND_ASSIGN(Row nulls, db().QueryOne("SELECT COUNT(*) FROM vals WHERE t IS NULL", {}));
  EXPECT_EQ(nulls.Int(0),
            kRows / static_cast<int>(texts.size()) + (kRows % texts.size() > 6 ? 1 : 0));
  for (int i : {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 99998, 99999}) {
    ASSERT_OK_AND_ASSIGN(Row row,
                         db().QueryOne("SELECT i, d, t, b FROM vals WHERE id = ?", {i + 1}));
    EXPECT_EQ(row.Int(0), static_cast<long long>(i) * 1000003);
    if (i % 5 == 0) {
      EXPECT_TRUE(row.IsNull(1));
    } else {
      EXPECT_EQ(row.Double(1), i * 0.5);
    }
    const Value& text = texts[i % texts.size()];
    if (text.is_null()) {
      EXPECT_TRUE(row.IsNull(2)) << i;
    } else {
      EXPECT_EQ(row.OptText(2), std::get<std::string>(text.get())) << i;
    }
    if (i % 7 == 0) {
      EXPECT_TRUE(row.IsNull(3));
    } else {
      EXPECT_EQ(row.GetBlob(3), (Blob{0x00, '\\', '\t', static_cast<std::uint8_t>(i)}));
    }
  }
}

TEST_P(DbTest, BulkInsertChecksItsInput) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Transaction> tx, db().Begin());
  EXPECT_EQ(tx->BulkInsert("vals; DROP TABLE vals", {"t"}, {{"x"}}).code(), ErrorCode::kInternal);
  tx.reset();
  ASSERT_OK_AND_ASSIGN(tx, db().Begin());
  EXPECT_EQ(tx->BulkInsert("vals", {"t\""}, {{"x"}}).code(), ErrorCode::kInternal);
  tx.reset();
  ASSERT_OK_AND_ASSIGN(tx, db().Begin());
  EXPECT_EQ(tx->BulkInsert("vals", {"t", "i"}, {{"x"}}).code(), ErrorCode::kInternal);
  tx.reset();
  ASSERT_OK_AND_ASSIGN(tx, db().Begin());
  ASSERT_OK(tx->BulkInsert("vals", {"t"}, {}));
  ASSERT_OK(tx->Commit());
  // Constraint failures are classified as usual.
  tx.reset();
  ASSERT_OK_AND_ASSIGN(tx, db().Begin());
  EXPECT_EQ(tx->BulkInsert("parent", {"id", "code", "qty"}, {{1, "a", 1}, {2, "a", 1}}).reason(),
            kUniqueViolation);
  tx.reset();
  EXPECT_EQ(Count("vals"), 0);
}

TEST_P(DbTest, PoolServesManyThreads) {
  std::unique_ptr<Database> pooled = bsg::testing::OpenTestDatabase(kind(), {.pool_size = 3});
  ASSERT_NE(pooled, nullptr);
  constexpr int kThreads = 8;
  constexpr int kQueries = 100;
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kQueries; ++i) {
        const std::int64_t v = t * 1000 + i;
        Result<Row> row = pooled->QueryOne("SELECT CAST(? AS BIGINT) + 1", {v});
        if (!row.ok() || row->Int(0) != v + 1) ++wrong;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
  const PoolStats stats = pooled->pool_stats();
  EXPECT_GE(stats.size, 1);
  EXPECT_LE(stats.size, 3);
  EXPECT_EQ(stats.in_use, 0);
  EXPECT_EQ(stats.waiting, 0);
  ASSERT_OK(pooled->Ping());
}

TEST_P(DbTest, PoolWaitsForAConnectionThenTimesOut) {
  std::unique_ptr<Database> single =
      bsg::testing::OpenTestDatabase(kind(), {.pool_size = 1, .acquire_timeout_ms = 100});
  ASSERT_NE(single, nullptr);
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Transaction> tx, single->Begin());
    EXPECT_EQ(single->pool_stats().in_use, 1);
    Result<Rows> starved = single->Query("SELECT 1");
    EXPECT_EQ(starved.status().reason(), kBusy);
  }
  // A waiter gets the connection as soon as it comes back.
  std::unique_ptr<Database> patient =
      bsg::testing::OpenTestDatabase(kind(), {.pool_size = 1, .acquire_timeout_ms = 10000});
  ASSERT_NE(patient, nullptr);
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Transaction> tx, patient->Begin());
  std::atomic<bool> done{false};
  std::thread waiter([&] {
    Result<Rows> rows = patient->Query("SELECT 1");
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    done = true;
  });
  for (int i = 0; i < 500 && patient->pool_stats().waiting == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  EXPECT_EQ(patient->pool_stats().waiting, 1);
  EXPECT_FALSE(done.load());
  ASSERT_OK(tx->Commit());
  tx.reset();
  waiter.join();
  EXPECT_TRUE(done.load());
}

TEST_P(DbTest, CachedStatementsSurviveSchemaChanges) {
  ASSERT_OK(db().Exec("INSERT INTO counter (id, n) VALUES (2, 5)").status());
  ASSERT_OK_AND_ASSIGN(Row before, db().QueryOne("SELECT * FROM counter WHERE id = 2", {}));
  EXPECT_EQ(before.size(), 2u);
  ASSERT_OK(db().ExecScript("ALTER TABLE counter ADD COLUMN note TEXT"));
  ASSERT_OK_AND_ASSIGN(Row after, db().QueryOne("SELECT * FROM counter WHERE id = 2", {}));
  EXPECT_EQ(after.size(), 3u);
  EXPECT_EQ(after.ColumnName(2), "note");
}

TEST_P(DbTest, ReportsKindAndUrl) {
  EXPECT_EQ(db().kind(), kind());
  EXPECT_FALSE(db().redacted_url().empty());
  ASSERT_OK(db().Ping());
}

INSTANTIATE_TEST_SUITE_P(Backends, DbTest, bsg::testing::AllBackends(), bsg::testing::BackendName);

// Row accessors convert where lossless and throw on misuse (a bug, not an expected failure).
TEST(RowTest, AccessorsConvertOrThrow) {
  auto names = std::make_shared<const std::vector<std::string>>(
      std::vector<std::string>{"nothing", "count", "ratio", "word", "data", "digits", "whole"});
  Row row(names, {Value(), Value(5), Value(2.5), Value("abc"), Value(Blob{1, 2}), Value("42"),
                  Value(4.0)});
  EXPECT_EQ(row.size(), 7u);
  EXPECT_THROW(row.Int(0), std::logic_error);
  EXPECT_THROW(row.Double(0), std::logic_error);
  EXPECT_THROW(row.Text(0), std::logic_error);
  EXPECT_THROW(row.GetBlob(0), std::logic_error);
  EXPECT_EQ(row.OptInt(0), std::nullopt);
  EXPECT_EQ(row.OptText(0), std::nullopt);

  EXPECT_EQ(row.Int(1), 5);
  EXPECT_EQ(row.Double(1), 5.0);
  EXPECT_EQ(row.Text(1), "5");
  EXPECT_THROW(row.GetBlob(1), std::logic_error);

  EXPECT_THROW(row.Int(2), std::logic_error);  // 2.5 is not an integer
  EXPECT_EQ(row.Text(2), "2.5");
  EXPECT_EQ(row.Int(6), 4);

  EXPECT_THROW(row.Int(3), std::logic_error);
  EXPECT_THROW(row.Double(3), std::logic_error);
  EXPECT_THROW(row.OptInt(3), std::logic_error);
  EXPECT_EQ(row.Int(5), 42);
  EXPECT_EQ(row.Double(5), 42.0);

  EXPECT_EQ(row.GetBlob(4), (Blob{1, 2}));
  EXPECT_THROW(row.Int(4), std::logic_error);

  EXPECT_THROW(row.Int(7), std::out_of_range);
  EXPECT_THROW(row.at(7), std::out_of_range);
  EXPECT_THROW(row.ColumnName(7), std::out_of_range);
  // The message names the column.
  EXPECT_THAT([&] { (void)row.Int(3); },
              ::testing::ThrowsMessage<std::logic_error>(::testing::HasSubstr("word")));
}

TEST(OpenTest, KindNamesAndBadUrls) {
  EXPECT_EQ(KindName(Kind::kSqlite), "sqlite");
  EXPECT_EQ(KindName(Kind::kPostgres), "postgresql");
  Result<std::unique_ptr<Database>> bad = Database::Open("mysql://root:secret@localhost/x");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().reason(), "db.invalid_url");
  EXPECT_EQ(bad.status().message().find("secret"), std::string::npos);
}

}  // namespace
}  // namespace bsg::db
