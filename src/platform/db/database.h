// The storage interface of BSG Platform: one small API over SQLite (sqlite3) and PostgreSQL
// (libpq).
//
// SQL is written once with `?` placeholders; the PostgreSQL implementation rewrites them to $1..$n
// (outside string literals). Values are always bound, never spliced into SQL text. Statements are
// prepared once per connection and cached by their text.
//
// Errors come back as Status values with these reasons (code in brackets):
//   db.unique_violation       [kConflict]    a UNIQUE or PRIMARY KEY constraint failed
//   db.foreign_key_violation  [kConflict]    a FOREIGN KEY constraint failed
//   db.check_violation        [kUnprocessable] a CHECK or NOT NULL constraint failed
//   db.busy                   [kRetryable]   SQLite busy/locked after the busy timeout
//   db.serialization_failure  [kRetryable]   PostgreSQL 40001 / 40P01 (deadlock)
//   db.unreachable            [kUnavailable] cannot connect / connection lost
//   db.error                  [kInternal]    anything else (syntax errors are bugs)
// The detail (driver message, SQLSTATE) is in the message and is logged, never shown to users
// by the HTTP layer for kInternal.
//
// Thread-safety: Database is thread-safe (a pool of connections). Transaction and Session are
// used by one thread at a time.
#ifndef BSG_PLATFORM_DB_DATABASE_H_
#define BSG_PLATFORM_DB_DATABASE_H_

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "platform/status.h"

namespace bsg::db {

inline constexpr std::string_view kUniqueViolation = "db.unique_violation";
inline constexpr std::string_view kForeignKeyViolation = "db.foreign_key_violation";
inline constexpr std::string_view kCheckViolation = "db.check_violation";
inline constexpr std::string_view kBusy = "db.busy";
inline constexpr std::string_view kSerializationFailure = "db.serialization_failure";
inline constexpr std::string_view kUnreachable = "db.unreachable";

enum class Kind { kSqlite, kPostgres };
std::string_view KindName(Kind kind);  // "sqlite" | "postgresql"

using Blob = std::vector<std::uint8_t>;

// A value bound to a placeholder or read from a column.
class Value {
 public:
  using Variant = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;
  Value() = default;  // NULL
  Value(std::nullptr_t) {}
  Value(int v) : v_(static_cast<std::int64_t>(v)) {}
  Value(long v) : v_(static_cast<std::int64_t>(v)) {}
  Value(long long v) : v_(static_cast<std::int64_t>(v)) {}
  Value(unsigned v) : v_(static_cast<std::int64_t>(v)) {}
  Value(bool v) : v_(static_cast<std::int64_t>(v ? 1 : 0)) {}
  Value(double v) : v_(v) {}
  Value(std::string v) : v_(std::move(v)) {}
  Value(std::string_view v) : v_(std::string(v)) {}
  Value(const char* v) : v_(std::string(v)) {}
  Value(Blob v) : v_(std::move(v)) {}
  template <typename T>
  Value(const std::optional<T>& v) {
    if (v) *this = Value(*v);
  }

  bool is_null() const { return std::holds_alternative<std::monostate>(v_); }
  const Variant& get() const { return v_; }

 private:
  Variant v_;
};

using Params = std::vector<Value>;

// One result row. Column access by 0-based index; accessors convert where lossless
// (an integer column read as text gives its decimal form). Reading NULL with a non-optional
// accessor is a bug and throws std::logic_error.
class Row {
 public:
  Row(std::shared_ptr<const std::vector<std::string>> names, std::vector<Value> values)
      : names_(std::move(names)), values_(std::move(values)) {}
  std::size_t size() const { return values_.size(); }
  bool IsNull(std::size_t i) const { return values_.at(i).is_null(); }
  std::int64_t Int(std::size_t i) const;
  double Double(std::size_t i) const;
  std::string Text(std::size_t i) const;
  Blob GetBlob(std::size_t i) const;
  std::optional<std::int64_t> OptInt(std::size_t i) const;
  std::optional<double> OptDouble(std::size_t i) const;
  std::optional<std::string> OptText(std::size_t i) const;
  const Value& at(std::size_t i) const { return values_.at(i); }
  const std::string& ColumnName(std::size_t i) const { return names_->at(i); }

 private:
  std::shared_ptr<const std::vector<std::string>> names_;
  std::vector<Value> values_;
};

using Rows = std::vector<Row>;

// Something that runs statements: a transaction, or a pooled connection in autocommit mode.
class Session {
 public:
  virtual ~Session() = default;
  // Runs one statement and returns its rows (empty for statements without results).
  virtual Result<Rows> Query(std::string_view sql, const Params& params = {}) = 0;
  // Runs one statement and returns the number of rows changed.
  virtual Result<std::int64_t> Exec(std::string_view sql, const Params& params = {}) = 0;
  // Convenience: the first row, or NotFound(`not_found_reason`) when there is none.
  Result<Row> QueryOne(std::string_view sql, const Params& params,
                       std::string_view not_found_reason = "db.not_found");
  // Inserts many rows into `table` (columns in order) as fast as the backend allows:
  // COPY on PostgreSQL, one cached prepared INSERT on SQLite. Call inside a transaction.
  virtual Status BulkInsert(std::string_view table, const std::vector<std::string>& columns,
                            const std::vector<Params>& rows) = 0;
  virtual Kind kind() const = 0;
  // Which Database this session reads (Database::id), or 0 when it is not one a process-wide
  // cache of data may serve (VersionedCache).
  virtual std::uint64_t database_id() const { return 0; }
  // A read-only transaction: what it reads is committed data, so a cache may keep it.
  virtual bool read_only() const { return false; }
};

// A transaction on one pooled connection. Rolled back on destruction unless committed.
// After a statement fails, the transaction is spoiled on both backends (as PostgreSQL requires):
// every later call, Commit included, returns that first failure, and only rollback remains.
// The Database must outlive its transactions.
class Transaction : public Session {
 public:
  virtual Status Commit() = 0;
  // Runs a script of several statements separated by semicolons inside this transaction
  // (migrations); no parameters.
  virtual Status ExecScript(std::string_view sql) = 0;
};

struct TxOptions {
  // SQLite write transactions start with BEGIN IMMEDIATE; PostgreSQL ones run SERIALIZABLE.
  bool read_only = false;
  // InTransaction retries the whole function this many times on kRetryable.
  int max_attempts = 5;
};

struct PoolStats {
  int size = 0;     // connections open
  int in_use = 0;   // connections checked out now
  int waiting = 0;  // callers waiting for a connection
};

struct Options {
  int pool_size = 8;
  int busy_timeout_ms = 5000;  // SQLite busy timeout; PostgreSQL lock_timeout is not set
  int connect_timeout_s = 5;
  // How long a caller waits for a free pooled connection before failing with db.busy.
  int acquire_timeout_ms = 30000;
};

class Database {
 public:
  Database();
  virtual ~Database() = default;

  // A number naming this object among every Database the process opened (never reused), so that
  // process-wide caches keep the data of two databases apart.
  std::uint64_t id() const { return id_; }

  // Opens `url`: "sqlite:///abs/path.db", "sqlite://relative.db", "sqlite::memory:" (one
  // in-memory database shared by this object's pooled connections, living as long as the
  // object), or "postgresql://user@host:port/db?..." (or "postgres://...").
  // SQLite connections use WAL, foreign_keys=ON, the busy timeout and synchronous=FULL.
  // Opens one connection at once: fails with db.unreachable when that is impossible, or
  // db.invalid_url [kInvalidArgument] for a URL of no known scheme.
  static Result<std::unique_ptr<Database>> Open(const std::string& url,
                                                const Options& options = {});

  virtual Kind kind() const = 0;
  // The URL with any password removed, safe to log.
  virtual std::string redacted_url() const = 0;

  // Autocommit statements on a pooled connection.
  virtual Result<Rows> Query(std::string_view sql, const Params& params = {}) = 0;
  virtual Result<std::int64_t> Exec(std::string_view sql, const Params& params = {}) = 0;
  // Convenience: the first row, or NotFound(`not_found_reason`) when there is none.
  Result<Row> QueryOne(std::string_view sql, const Params& params,
                       std::string_view not_found_reason = "db.not_found");
  // Runs a script of several statements separated by semicolons (migrations); no parameters.
  virtual Status ExecScript(std::string_view sql) = 0;

  // Starts a transaction on a pooled connection.
  virtual Result<std::unique_ptr<Transaction>> Begin(const TxOptions& options = {}) = 0;

  // Runs `fn` in a transaction and commits when it returns ok (so `fn` does not call Commit);
  // rolls back otherwise. On a kRetryable failure (from Begin, fn or commit) it retries up to
  // options.max_attempts times with a short randomized backoff. Returns fn's status, or the last
  // retryable failure.
  Status InTransaction(const std::function<Status(Transaction&)>& fn,
                       const TxOptions& options = {});

  // Cheap reachability check (SELECT 1) for /api/health.
  virtual Status Ping() = 0;
  virtual PoolStats pool_stats() const = 0;

 private:
  const std::uint64_t id_;
};

// Runs `fn` (Transaction& -> Result<T>) as Database::InTransaction does, and returns the value of
// the attempt that committed, or the failure. For use cases that produce a value:
//
//   Result<Person> saved = db::InTransactionResult<Person>(
//       db, {}, [&](db::Transaction& tx) -> Result<Person> { ... });
template <typename T, typename Fn>
Result<T> InTransactionResult(Database& db, const TxOptions& options, Fn&& fn) {
  std::optional<T> out;
  Status s = db.InTransaction(
      [&](Transaction& tx) -> Status {
        out.reset();
        Result<T> r = fn(tx);
        if (!r.ok()) return r.status();
        out = std::move(r).value();
        return Status::Ok();
      },
      options);
  if (!s.ok()) return s;
  return std::move(*out);
}

}  // namespace bsg::db

#endif  // BSG_PLATFORM_DB_DATABASE_H_
