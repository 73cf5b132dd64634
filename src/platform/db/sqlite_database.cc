// The SQLite backend of platform/db: a pool of sqlite3 connections, each with its own cache of
// persistent prepared statements, behind the Database / Transaction interface of database.h.
#include "platform/db/sqlite_database.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "platform/db/pool.h"

namespace bsg::db {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kStatementCacheLimit = 256;

bool IsBusyOrLocked(int rc) {
  const int primary = rc & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

Status Bug(std::string message) { return Status::Internal("db.error", std::move(message)); }

// [A-Za-z_][A-Za-z0-9_]*, optionally "schema.name": safe to splice into SQL unquoted.
bool IsPlainIdentifier(std::string_view s, bool allow_schema) {
  if (s.empty()) return false;
  bool at_start = true;
  for (char c : s) {
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (c == '.' && allow_schema && !at_start) {
      allow_schema = false;
      at_start = true;
      continue;
    }
    if (!(alpha || (digit && !at_start))) return false;
    at_start = false;
  }
  return !at_start;
}

// One sqlite3 connection and its statement cache. Used by one thread at a time.
class Connection {
 public:
  Connection(sqlite3* db, bool shared_cache, int busy_timeout_ms)
      : db_(db), shared_cache_(shared_cache), busy_timeout_ms_(busy_timeout_ms) {}
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() {
    ClearCache();
    sqlite3_close_v2(db_);
  }

  sqlite3* handle() const { return db_; }

  // While set, statements that would write fail as PostgreSQL's READ ONLY transactions do
  // (SQLITE_READONLY). Checked per statement with sqlite3_stmt_readonly rather than by
  // `PRAGMA query_only`, because changing a flag pragma expires every prepared statement of the
  // connection: each read-only transaction would then prepare its statements anew.
  void set_query_only(bool on) { query_only_ = on; }

  // Runs one statement with `params`; returns its rows and, when `changes` is set, the number of
  // rows it changed.
  Result<Rows> Run(std::string_view sql, const Params& params, std::int64_t* changes) {
    BSG_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql));
    return Execute(stmt, params, changes);
  }

  // Runs every statement of `sql` in turn (no parameters, no cache).
  Status ExecScript(std::string_view sql) {
    const char* p = sql.data();
    const char* end = sql.data() + sql.size();
    while (p < end) {
      sqlite3_stmt* stmt = nullptr;
      const char* tail = nullptr;
      int rc = WaitForLocks(
          [&] { return sqlite3_prepare_v3(db_, p, static_cast<int>(end - p), 0, &stmt, &tail); });
      if (rc != SQLITE_OK) return Error(rc);
      p = tail;
      if (stmt == nullptr) continue;  // whitespace or a comment
      if (query_only_ && !sqlite3_stmt_readonly(stmt)) {
        sqlite3_finalize(stmt);
        return ReadOnlyRefusal();
      }
      rc = StepFirst(stmt);
      while (rc == SQLITE_ROW) rc = sqlite3_step(stmt);
      Status status = rc == SQLITE_DONE ? Status::Ok() : Error(rc);
      sqlite3_finalize(stmt);
      BSG_RETURN_IF_ERROR(status);
    }
    return Status::Ok();
  }

  // Inserts `rows` with one cached INSERT statement.
  Status BulkInsert(std::string_view table, const std::vector<std::string>& columns,
                    const std::vector<Params>& rows) {
    if (!IsPlainIdentifier(table, true) || columns.empty()) {
      return Bug("BulkInsert: bad table name or no columns");
    }
    std::string sql = "INSERT INTO " + std::string(table) + " (";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (!IsPlainIdentifier(columns[i], false)) return Bug("BulkInsert: bad column name");
      sql += (i ? ", " : "") + columns[i];
    }
    sql += ") VALUES (";
    for (std::size_t i = 0; i < columns.size(); ++i) sql += i ? ", ?" : "?";
    sql += ")";
    BSG_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql));
    for (const Params& row : rows) {
      if (row.size() != columns.size()) {
        return Bug("BulkInsert: a row has " + std::to_string(row.size()) + " values for " +
                   std::to_string(columns.size()) + " columns");
      }
      BSG_RETURN_IF_ERROR(Execute(stmt, row, nullptr).status());
    }
    return Status::Ok();
  }

  Status Error(int rc) const { return StatusFromSqlite(rc, sqlite3_errmsg(db_)); }
  static Status ReadOnlyRefusal() {
    return StatusFromSqlite(SQLITE_READONLY, "attempt to write in a read-only transaction");
  }

 private:
  // Retries `attempt` while a shared-cache connection (sqlite::memory:) meets a table lock,
  // which SQLite's busy handler does not wait out, up to the busy timeout. File databases wait
  // in SQLite's busy handler instead.
  template <typename F>
  int WaitForLocks(F attempt) {
    int rc = attempt();
    if (!shared_cache_ || !IsBusyOrLocked(rc)) return rc;
    const auto deadline = Clock::now() + std::chrono::milliseconds(busy_timeout_ms_);
    auto pause = std::chrono::microseconds(100);
    while (IsBusyOrLocked(rc) && Clock::now() < deadline) {
      std::this_thread::sleep_for(pause);
      pause = std::min(pause * 2, std::chrono::microseconds(5000));
      rc = attempt();
    }
    return rc;
  }

  // The first step of a statement, which takes its locks.
  int StepFirst(sqlite3_stmt* stmt) {
    return WaitForLocks([&] {
      int rc = sqlite3_step(stmt);
      if (IsBusyOrLocked(rc)) sqlite3_reset(stmt);
      return rc;
    });
  }

  // Returns the cached statement for `sql`, preparing it when new. Rejects several statements.
  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    std::string key(sql);
    if (auto it = stmts_.find(key); it != stmts_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc = WaitForLocks([&] {
      return sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
    });
    if (rc != SQLITE_OK) return Error(rc);
    if (stmt == nullptr) return Bug("empty SQL statement");
    const char* end = key.data() + key.size();
    if (tail != nullptr && tail < end) {
      sqlite3_stmt* next = nullptr;
      sqlite3_prepare_v3(db_, tail, static_cast<int>(end - tail), 0, &next, nullptr);
      if (next != nullptr) {
        sqlite3_finalize(next);
        sqlite3_finalize(stmt);
        return Bug("several SQL statements in one call; use ExecScript");
      }
    }
    if (stmts_.size() >= kStatementCacheLimit) ClearCache();
    stmts_.emplace(std::move(key), stmt);
    return stmt;
  }

  void ClearCache() {
    for (auto& [sql, stmt] : stmts_) sqlite3_finalize(stmt);
    stmts_.clear();
  }

  Status Bind(sqlite3_stmt* stmt, const Params& params) {
    const int expected = sqlite3_bind_parameter_count(stmt);
    if (expected != static_cast<int>(params.size())) {
      return Bug("statement has " + std::to_string(expected) + " placeholders but " +
                 std::to_string(params.size()) + " values were given");
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int index = static_cast<int>(i) + 1;
      // The values outlive the statement's use (bindings are cleared after it), so SQLITE_STATIC.
      int rc = std::visit(
          [&](const auto& v) -> int {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
              return sqlite3_bind_null(stmt, index);
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
              return sqlite3_bind_int64(stmt, index, v);
            } else if constexpr (std::is_same_v<T, double>) {
              return sqlite3_bind_double(stmt, index, v);
            } else if constexpr (std::is_same_v<T, std::string>) {
              return sqlite3_bind_text64(stmt, index, v.data(), v.size(), SQLITE_STATIC,
                                         SQLITE_UTF8);
            } else {
              // A null pointer would bind NULL, so an empty blob is a zero-length zeroblob.
              if (v.empty()) return sqlite3_bind_zeroblob(stmt, index, 0);
              return sqlite3_bind_blob64(stmt, index, v.data(), v.size(), SQLITE_STATIC);
            }
          },
          params[i].get());
      if (rc != SQLITE_OK) return Error(rc);
    }
    return Status::Ok();
  }

  Row ReadRow(sqlite3_stmt* stmt, const std::shared_ptr<const std::vector<std::string>>& names) {
    const int n = sqlite3_column_count(stmt);
    std::vector<Value> values;
    values.reserve(n);
    for (int c = 0; c < n; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_INTEGER:
          values.emplace_back(static_cast<long long>(sqlite3_column_int64(stmt, c)));
          break;
        case SQLITE_FLOAT:
          values.emplace_back(sqlite3_column_double(stmt, c));
          break;
        case SQLITE_TEXT: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          values.emplace_back(std::string(text, sqlite3_column_bytes(stmt, c)));
          break;
        }
        case SQLITE_BLOB: {
          const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt, c));
          const int size = sqlite3_column_bytes(stmt, c);
          values.emplace_back(data == nullptr ? Blob() : Blob(data, data + size));
          break;
        }
        default:
          values.emplace_back();
          break;
      }
    }
    return Row(names, std::move(values));
  }

  Result<Rows> Execute(sqlite3_stmt* stmt, const Params& params, std::int64_t* changes) {
    // Leaves the cached statement reset and unbound whatever happens.
    struct Resetter {
      sqlite3_stmt* stmt;
      ~Resetter() {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
      }
    } resetter{stmt};
    if (query_only_ && !sqlite3_stmt_readonly(stmt)) return ReadOnlyRefusal();
    BSG_RETURN_IF_ERROR(Bind(stmt, params));
    Rows rows;
    std::shared_ptr<const std::vector<std::string>> names;
    int rc = StepFirst(stmt);
    while (rc == SQLITE_ROW) {
      if (names == nullptr) {
        auto list = std::make_shared<std::vector<std::string>>();
        for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
          const char* name = sqlite3_column_name(stmt, c);
          list->emplace_back(name ? name : "");
        }
        names = std::move(list);
      }
      rows.push_back(ReadRow(stmt, names));
      rc = sqlite3_step(stmt);
    }
    if (rc != SQLITE_DONE) return Error(rc);
    if (changes != nullptr) *changes = sqlite3_stmt_readonly(stmt) ? 0 : sqlite3_changes64(db_);
    return rows;
  }

  sqlite3* db_;
  const bool shared_cache_;
  const int busy_timeout_ms_;
  std::unordered_map<std::string, sqlite3_stmt*> stmts_;
  bool query_only_ = false;
};

using Lease = ConnectionPool<Connection>::Lease;

class SqliteTransaction final : public Transaction {
 public:
  SqliteTransaction(Lease lease, bool read_only, std::uint64_t database_id)
      : lease_(std::move(lease)), read_only_(read_only), database_id_(database_id) {}
  ~SqliteTransaction() override {
    if (!finished_) (void)End("ROLLBACK");
  }

  Result<Rows> Query(std::string_view sql, const Params& params) override {
    BSG_RETURN_IF_ERROR(Usable());
    return Track(lease_->Run(sql, params, nullptr));
  }

  Result<std::int64_t> Exec(std::string_view sql, const Params& params) override {
    BSG_RETURN_IF_ERROR(Usable());
    std::int64_t changes = 0;
    Result<Rows> rows = Track(lease_->Run(sql, params, &changes));
    if (!rows.ok()) return rows.status();
    return changes;
  }

  Status ExecScript(std::string_view sql) override {
    BSG_RETURN_IF_ERROR(Usable());
    return Track(lease_->ExecScript(sql));
  }

  Status BulkInsert(std::string_view table, const std::vector<std::string>& columns,
                    const std::vector<Params>& rows) override {
    BSG_RETURN_IF_ERROR(Usable());
    return Track(lease_->BulkInsert(table, columns, rows));
  }

  Status Commit() override {
    BSG_RETURN_IF_ERROR(Usable());
    Status status = End("COMMIT");
    if (!status.ok()) failed_ = status;  // the destructor rolls back
    return status;
  }

  Kind kind() const override { return Kind::kSqlite; }
  std::uint64_t database_id() const override { return database_id_; }
  bool read_only() const override { return read_only_; }

 private:
  Status Usable() const {
    if (finished_) return Bug("transaction used after it ended");
    if (!failed_.ok()) return failed_.WithContext("transaction spoiled by an earlier failure");
    return Status::Ok();
  }

  template <typename T>
  T Track(T result) {
    if constexpr (std::is_same_v<T, Status>) {
      if (!result.ok()) failed_ = result;
    } else {
      if (!result.ok()) failed_ = result.status();
    }
    return result;
  }

  // Ends the transaction with COMMIT or ROLLBACK and lifts the read-only guard.
  Status End(const char* sql) {
    sqlite3* db = lease_->handle();
    Status status;
    if (!sqlite3_get_autocommit(db)) {  // SQLite may have rolled back already after an error
      Result<Rows> done = lease_->Run(sql, {}, nullptr);
      if (!done.ok()) status = done.status();
    }
    // Over once no transaction is open (a COMMIT that fails on a deferred constraint leaves it
    // open for the rollback).
    finished_ = sqlite3_get_autocommit(db) != 0;
    if (finished_ && read_only_) lease_->set_query_only(false);
    return status;
  }

  Lease lease_;
  const bool read_only_;
  const std::uint64_t database_id_;
  bool finished_ = false;
  Status failed_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string url, std::string path, bool memory, const Options& options)
      : url_(std::move(url)),
        path_(std::move(path)),
        memory_(memory),
        options_(options),
        pool_(options.pool_size, options.acquire_timeout_ms,
              {[this] { return OpenConnection(); }, [](Connection&) { return true; },
               // One still inside a transaction (its rollback failed) is closed, which rolls
               // back, rather than reused in an unknown state.
               [](Connection& c) { return sqlite3_get_autocommit(c.handle()) != 0; }}) {}

  // Opens the first connection (and, for memory, the one that keeps the database alive).
  Status Init() {
    if (memory_) {
      BSG_ASSIGN_OR_RETURN(anchor_, OpenConnection());
    }
    return pool_.Init();
  }

  Kind kind() const override { return Kind::kSqlite; }
  std::string redacted_url() const override { return url_; }

  Result<Rows> Query(std::string_view sql, const Params& params) override {
    BSG_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
    return conn->Run(sql, params, nullptr);
  }

  Result<std::int64_t> Exec(std::string_view sql, const Params& params) override {
    BSG_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
    std::int64_t changes = 0;
    BSG_RETURN_IF_ERROR(conn->Run(sql, params, &changes).status());
    return changes;
  }

  Status ExecScript(std::string_view sql) override {
    BSG_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
    return conn->ExecScript(sql);
  }

  Result<std::unique_ptr<Transaction>> Begin(const TxOptions& options) override {
    BSG_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
    // A write transaction takes the write lock up front, so it never fails half-way on a lock
    // upgrade (SQLITE_BUSY_SNAPSHOT) that waiting cannot fix.
    Result<Rows> begin = conn->Run(options.read_only ? "BEGIN" : "BEGIN IMMEDIATE", {}, nullptr);
    if (!begin.ok()) return begin.status();
    // Makes writes fail, as PostgreSQL's READ ONLY does.
    if (options.read_only) conn->set_query_only(true);
    return std::unique_ptr<Transaction>(
        std::make_unique<SqliteTransaction>(std::move(conn), options.read_only, id()));
  }

  Status Ping() override { return Query("SELECT 1", {}).status(); }

  PoolStats pool_stats() const override { return pool_.stats(); }

 private:
  Result<std::unique_ptr<Connection>> OpenConnection() {
    sqlite3* db = nullptr;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (memory_) flags |= SQLITE_OPEN_URI | SQLITE_OPEN_SHAREDCACHE;
    int rc = sqlite3_open_v2(path_.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
      std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
      sqlite3_close_v2(db);
      return Status::Unavailable(std::string(kUnreachable),
                                 "cannot open SQLite database " + url_ + ": " + message);
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, options_.busy_timeout_ms);
    auto conn = std::make_unique<Connection>(db, memory_, options_.busy_timeout_ms);
    BSG_RETURN_IF_ERROR(conn->Run("PRAGMA foreign_keys=ON", {}, nullptr).status());
    if (!memory_) {
      BSG_ASSIGN_OR_RETURN(Rows mode, conn->Run("PRAGMA journal_mode=WAL", {}, nullptr));
      if (mode.empty() || mode[0].Text(0) != "wal") {
        return Status::Unavailable(std::string(kUnreachable),
                                   "cannot switch SQLite database " + url_ + " to WAL");
      }
      BSG_RETURN_IF_ERROR(conn->Run("PRAGMA synchronous=FULL", {}, nullptr).status());
    }
    return conn;
  }

  const std::string url_;
  const std::string path_;
  const bool memory_;
  const Options options_;
  std::unique_ptr<Connection> anchor_;  // keeps a memory database alive; never used

  ConnectionPool<Connection> pool_;  // after anchor_: closed before it
};

}  // namespace

Status StatusFromSqlite(int extended_code, std::string_view message) {
  std::string detail = "sqlite: " + std::string(message) + " (" + sqlite3_errstr(extended_code) +
                       ", code " + std::to_string(extended_code) + ")";
  switch (extended_code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_ROWID:
      return Status::Conflict(std::string(kUniqueViolation), std::move(detail));
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return Status::Conflict(std::string(kForeignKeyViolation), std::move(detail));
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
      return Status::Unprocessable(std::string(kCheckViolation), std::move(detail));
    default:
      break;
  }
  if (IsBusyOrLocked(extended_code)) {
    return Status::Retryable(std::string(kBusy), std::move(detail));
  }
  return Status::Internal("db.error", std::move(detail));
}

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& url, const Options& options) {
  static std::atomic<std::uint64_t> next_memory_id{0};
  std::string path;
  bool memory = false;
  std::string_view u = url;
  if (u == "sqlite::memory:") {
    memory = true;
    path = "file:bsgmem" + std::to_string(next_memory_id++) + "?mode=memory&cache=shared";
  } else if (u.starts_with("sqlite://") && u.size() > 9) {
    path = std::string(u.substr(9));
    // This SQLite build reads URI filenames: keep a relative path from being taken as one.
    if (path.starts_with("file:")) path = "./" + path;
  } else {
    return Status::InvalidArgument(
        "db.invalid_url",
        "expected sqlite:///abs/path.db, sqlite://relative.db or sqlite::memory:");
  }
  Options checked = options;
  checked.pool_size = std::max(1, options.pool_size);
  auto db = std::make_unique<SqliteDatabase>(url, std::move(path), memory, checked);
  BSG_RETURN_IF_ERROR(db->Init());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace bsg::db
