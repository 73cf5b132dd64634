// The PostgreSQL backend of platform/db: a pool of libpq connections, each with its own cache of
// named prepared statements, behind the Database / Transaction interface of database.h.
// Parameters go as text (blobs as binary), results come back as text and are converted by column
// type; BulkInsert uses COPY FROM STDIN.
#include "platform/db/postgres_database.h"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <limits>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "platform/db/pool.h"

namespace bsg::db {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kStatementCacheLimit = 256;
constexpr std::size_t kCopyChunk = 1 << 20;

// Type OIDs from pg_type.dat; stable across PostgreSQL versions.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

Status Bug(std::string message) { return Status::Internal("db.error", std::move(message)); }

bool IsIdentChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

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

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes bytea text output: hex ("\x0102") or the old escape format.
Blob DecodeBytea(const char* text, int length) {
  if (length >= 2 && text[0] == '\\' && text[1] == 'x') {
    Blob out;
    out.reserve((length - 2) / 2);
    for (int i = 2; i + 1 < length; i += 2) {
      out.push_back(static_cast<std::uint8_t>(HexValue(text[i]) * 16 + HexValue(text[i + 1])));
    }
    return out;
  }
  std::size_t size = 0;
  unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &size);
  if (raw == nullptr) return Blob();
  Blob out(raw, raw + size);
  PQfreemem(raw);
  return out;
}

Value ConvertField(Oid type, const char* text, int length) {
  std::string_view s(text, length);
  switch (type) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid: {
      std::int64_t v = 0;
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (ec == std::errc() && end == s.data() + s.size()) return Value(static_cast<long long>(v));
      break;
    }
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: {
      if (s == "NaN") return Value(std::numeric_limits<double>::quiet_NaN());
      if (s == "Infinity") return Value(std::numeric_limits<double>::infinity());
      if (s == "-Infinity") return Value(-std::numeric_limits<double>::infinity());
      double v = 0;
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (ec == std::errc() && end == s.data() + s.size()) return Value(v);
      break;  // e.g. a numeric beyond double's range: keep its text
    }
    case kBoolOid:
      return Value(s == "t");
    case kByteaOid:
      return Value(DecodeBytea(text, length));
    default:
      break;
  }
  return Value(std::string(s));
}

// Appends `s` escaped for COPY's text format.
void AppendCopyText(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

void AppendCopyValue(std::string& out, const Value& value) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          out += "\\N";
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          char buf[24];
          auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
          out.append(buf, end);
        } else if constexpr (std::is_same_v<T, double>) {
          out += FormatDouble(v);
        } else if constexpr (std::is_same_v<T, std::string>) {
          AppendCopyText(out, v);
        } else {
          out += "\\\\x";  // bytea's "\x" prefix, its backslash escaped for COPY
          for (std::uint8_t b : v) {
            out += kHex[b >> 4];
            out += kHex[b & 15];
          }
        }
      },
      value.get());
}

Status CheckNoNul(const Value& value) {
  if (const auto* s = std::get_if<std::string>(&value.get())) {
    if (s->find('\0') != std::string::npos) {
      return Bug("a text value contains a NUL byte, which PostgreSQL cannot store");
    }
  }
  return Status::Ok();
}

// One libpq connection and its prepared statements. Used by one thread at a time.
class Connection {
 public:
  explicit Connection(PGconn* conn) : conn_(conn) {}
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() { PQfinish(conn_); }

  PGconn* handle() const { return conn_; }
  bool broken() const { return PQstatus(conn_) != CONNECTION_OK; }

  // The Status for a failed command: db.unreachable once the connection is gone, else by SQLSTATE.
  Status Error(const PGresult* res) const {
    std::string message = res != nullptr ? PQresultErrorMessage(res) : "";
    if (message.empty()) message = PQerrorMessage(conn_);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    if (broken()) {
      return Status::Unavailable(std::string(kUnreachable),
                                 "postgresql: connection lost: " + message);
    }
    const char* state = res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    return StatusFromSqlstate(state != nullptr ? state : "", message);
  }

  // Runs a parameterless command with the simple protocol (BEGIN, COMMIT, scripts). Sets
  // `*command` to the command tag of the last statement.
  Status Simple(const std::string& sql, std::string* command = nullptr) {
    PgResult res(PQexec(conn_, sql.c_str()));
    const ExecStatusType status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
      return Error(res.get());
    }
    if (command != nullptr) *command = PQcmdStatus(res.get());
    return Status::Ok();
  }

  // Runs one statement with `params` through the statement cache; returns its rows and, when
  // `changes` is set, the number of rows it changed.
  Result<Rows> Run(std::string_view sql, const Params& params, std::int64_t* changes) {
    bool stale = false;
    Result<Rows> rows = RunPrepared(sql, params, changes, &stale);
    // After a schema change, a cached SELECT * may no longer match its table: outside a
    // transaction, prepare it afresh once.
    if (stale && PQtransactionStatus(conn_) == PQTRANS_IDLE) {
      rows = RunPrepared(sql, params, changes, &stale);
    }
    return rows;
  }

  // COPY table (columns) FROM STDIN in text format.
  Status BulkInsert(std::string_view table, const std::vector<std::string>& columns,
                    const std::vector<Params>& rows) {
    if (!IsPlainIdentifier(table, true) || columns.empty()) {
      return Bug("BulkInsert: bad table name or no columns");
    }
    std::string sql = "COPY " + std::string(table) + " (";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (!IsPlainIdentifier(columns[i], false)) return Bug("BulkInsert: bad column name");
      sql += (i ? ", " : "") + columns[i];
    }
    sql += ") FROM STDIN";
    // Check everything first: once COPY has started, only an abort gets out of it.
    for (const Params& row : rows) {
      if (row.size() != columns.size()) {
        return Bug("BulkInsert: a row has " + std::to_string(row.size()) + " values for " +
                   std::to_string(columns.size()) + " columns");
      }
      for (const Value& v : row) BSG_RETURN_IF_ERROR(CheckNoNul(v));
    }
    if (rows.empty()) return Status::Ok();

    PgResult start(PQexec(conn_, sql.c_str()));
    if (!start || PQresultStatus(start.get()) != PGRES_COPY_IN) return Error(start.get());
    std::string buffer;
    buffer.reserve(kCopyChunk + 4096);
    bool sent = true;
    for (const Params& row : rows) {
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (i) buffer += '\t';
        AppendCopyValue(buffer, row[i]);
      }
      buffer += '\n';
      if (buffer.size() >= kCopyChunk) {
        sent = PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) == 1;
        buffer.clear();
        if (!sent) break;
      }
    }
    if (sent && !buffer.empty()) {
      sent = PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) == 1;
    }
    if (PQputCopyEnd(conn_, sent ? nullptr : "client failed to send data") != 1) {
      return Error(nullptr);
    }
    Status status;
    while (PGresult* raw = PQgetResult(conn_)) {
      PgResult res(raw);
      if (status.ok() && PQresultStatus(raw) != PGRES_COMMAND_OK) status = Error(raw);
    }
    return status;
  }

 private:
  struct Prepared {
    std::string name;
    int params;
  };

  // Runs `sql` through the statement cache; sets `*stale` when the cached statement was dropped
  // because the table's columns changed since it was prepared.
  Result<Rows> RunPrepared(std::string_view sql, const Params& params, std::int64_t* changes,
                           bool* stale) {
    *stale = false;
    BSG_ASSIGN_OR_RETURN(const Prepared* prepared, Prepare(sql));
    if (prepared->params != static_cast<int>(params.size())) {
      return Bug("statement has " + std::to_string(prepared->params) + " placeholders but " +
                 std::to_string(params.size()) + " values were given");
    }
    const std::size_t n = params.size();
    std::vector<std::string> text(n);
    std::vector<const char*> values(n, nullptr);
    std::vector<int> lengths(n, 0);
    std::vector<int> formats(n, 0);
    static const char kEmpty[] = "";
    for (std::size_t i = 0; i < n; ++i) {
      const Value::Variant& v = params[i].get();
      if (const auto* p = std::get_if<std::int64_t>(&v)) {
        text[i] = std::to_string(*p);
        values[i] = text[i].c_str();
      } else if (const auto* p = std::get_if<double>(&v)) {
        text[i] = FormatDouble(*p);
        values[i] = text[i].c_str();
      } else if (const auto* p = std::get_if<std::string>(&v)) {
        BSG_RETURN_IF_ERROR(CheckNoNul(params[i]));
        values[i] = p->c_str();
      } else if (const auto* p = std::get_if<Blob>(&v)) {
        // Binary: the raw bytes, no escaping. A null pointer would mean NULL, hence kEmpty.
        values[i] = p->empty() ? kEmpty : reinterpret_cast<const char*>(p->data());
        lengths[i] = static_cast<int>(p->size());
        formats[i] = 1;
      }
    }
    PgResult res(PQexecPrepared(conn_, prepared->name.c_str(), static_cast<int>(n), values.data(),
                                lengths.data(), formats.data(), 0));
    const ExecStatusType status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      Status error = Error(res.get());
      const char* state = res ? PQresultErrorField(res.get(), PG_DIAG_SQLSTATE) : nullptr;
      if (state != nullptr && std::string_view(state) == "0A000" &&
          error.message().find("cached plan must not change result type") != std::string::npos) {
        *stale = true;
        if (PQtransactionStatus(conn_) == PQTRANS_IDLE) {
          (void)Simple("DEALLOCATE " + prepared->name);
        }
        prepared_.erase(std::string(sql));  // a failed transaction keeps the old one; no harm
      }
      return error;
    }
    if (changes != nullptr) {
      const std::string_view tag = PQcmdStatus(res.get());
      const char* count = PQcmdTuples(res.get());
      *changes = (*count == '\0' || tag.starts_with("SELECT")) ? 0 : std::atoll(count);
    }
    return ReadRows(res.get());
  }

  Result<const Prepared*> Prepare(std::string_view sql) {
    std::string key(sql);
    if (auto it = prepared_.find(key); it != prepared_.end()) return &it->second;
    if (prepared_.size() >= kStatementCacheLimit) {
      BSG_RETURN_IF_ERROR(Simple("DEALLOCATE ALL"));
      prepared_.clear();
    }
    int count = 0;
    const std::string rewritten = RewritePlaceholders(sql, &count);
    Prepared prepared{"bsg_" + std::to_string(next_id_++), count};
    // Parameter types are left to the server to infer from their context.
    PgResult res(PQprepare(conn_, prepared.name.c_str(), rewritten.c_str(), 0, nullptr));
    if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK) return Error(res.get());
    auto [it, inserted] = prepared_.emplace(std::move(key), std::move(prepared));
    return &it->second;
  }

  static Rows ReadRows(const PGresult* res) {
    Rows rows;
    const int nrows = PQntuples(res);
    const int nfields = PQnfields(res);
    if (nrows == 0) return rows;
    auto names = std::make_shared<std::vector<std::string>>();
    std::vector<Oid> types(nfields);
    for (int c = 0; c < nfields; ++c) {
      names->emplace_back(PQfname(res, c));
      types[c] = PQftype(res, c);
    }
    std::shared_ptr<const std::vector<std::string>> shared_names = std::move(names);
    rows.reserve(nrows);
    for (int r = 0; r < nrows; ++r) {
      std::vector<Value> values;
      values.reserve(nfields);
      for (int c = 0; c < nfields; ++c) {
        if (PQgetisnull(res, r, c)) {
          values.emplace_back();
        } else {
          values.push_back(ConvertField(types[c], PQgetvalue(res, r, c), PQgetlength(res, r, c)));
        }
      }
      rows.emplace_back(shared_names, std::move(values));
    }
    return rows;
  }

  PGconn* conn_;
  std::unordered_map<std::string, Prepared> prepared_;
  std::uint64_t next_id_ = 0;
};

using Lease = ConnectionPool<Connection>::Lease;

class PostgresTransaction final : public Transaction {
 public:
  PostgresTransaction(Lease lease, bool read_only, std::uint64_t database_id)
      : lease_(std::move(lease)), read_only_(read_only), database_id_(database_id) {}
  ~PostgresTransaction() override {
    // A failed ROLLBACK leaves the connection unusable; the pool then drops it.
    if (!finished_ && !lease_->broken()) (void)lease_->Simple("ROLLBACK");
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
    return Track(lease_->Simple(std::string(sql)));
  }

  Status BulkInsert(std::string_view table, const std::vector<std::string>& columns,
                    const std::vector<Params>& rows) override {
    BSG_RETURN_IF_ERROR(Usable());
    return Track(lease_->BulkInsert(table, columns, rows));
  }

  Status Commit() override {
    BSG_RETURN_IF_ERROR(Usable());
    std::string command;
    Status status = lease_->Simple("COMMIT", &command);
    // The server answers COMMIT of an aborted transaction with ROLLBACK rather than an error.
    if (status.ok() && command == "ROLLBACK") status = Bug("the transaction was rolled back");
    finished_ = true;  // after COMMIT the transaction is over, committed or not
    return status;
  }

  Kind kind() const override { return Kind::kPostgres; }
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

  Lease lease_;
  const bool read_only_;
  const std::uint64_t database_id_;
  bool finished_ = false;
  Status failed_;
};

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::string url, const Options& options)
      : url_(std::move(url)),
        redacted_(RedactPostgresUrl(url_)),
        options_(options),
        pool_(options.pool_size, options.acquire_timeout_ms,
              {[this] { return Connect(); }, [](Connection& c) { return !c.broken(); },
               [](Connection& c) { return Reusable(c); }}) {}

  Status Init() { return pool_.Init(); }

  Kind kind() const override { return Kind::kPostgres; }
  std::string redacted_url() const override { return redacted_; }

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
    return conn->Simple(std::string(sql));
  }

  Result<std::unique_ptr<Transaction>> Begin(const TxOptions& options) override {
    BSG_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
    BSG_RETURN_IF_ERROR(
        conn->Simple(options.read_only ? "BEGIN READ ONLY" : "BEGIN ISOLATION LEVEL SERIALIZABLE"));
    return std::unique_ptr<Transaction>(
        std::make_unique<PostgresTransaction>(std::move(conn), options.read_only, id()));
  }

  // SELECT 1; a pooled connection found dead is replaced once.
  Status Ping() override {
    Status status;
    for (int attempt = 0; attempt < 2; ++attempt) {
      BSG_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
      status = conn->Simple("SELECT 1");
      if (status.ok() || status.reason() != kUnreachable) break;
    }
    return status;
  }

  PoolStats pool_stats() const override { return pool_.stats(); }

 private:
  // A returned connection left inside a transaction is rolled back; a broken one, or one that
  // cannot be rolled back, is closed (the next Acquire connects anew).
  static bool Reusable(Connection& conn) {
    if (!conn.broken() && PQtransactionStatus(conn.handle()) != PQTRANS_IDLE) {
      (void)conn.Simple("ROLLBACK");
    }
    return !conn.broken() && PQtransactionStatus(conn.handle()) == PQTRANS_IDLE;
  }

  Result<std::unique_ptr<Connection>> Connect() {
    // Keywords before "dbname" are defaults the URL may override; those after it win.
    const std::string timeout = std::to_string(options_.connect_timeout_s);
    const char* keys[] = {"connect_timeout", "fallback_application_name", "dbname",
                          "client_encoding", nullptr};
    const char* values[] = {timeout.c_str(), "bsg", url_.c_str(), "UTF8", nullptr};
    PGconn* raw = PQconnectdbParams(keys, values, 1);
    if (raw == nullptr) return Status::Unavailable(std::string(kUnreachable), "out of memory");
    auto conn = std::make_unique<Connection>(raw);
    if (PQstatus(raw) != CONNECTION_OK) {
      std::string message = PQerrorMessage(raw);
      while (!message.empty() && message.back() == '\n') message.pop_back();
      return Status::Unavailable(std::string(kUnreachable),
                                 "cannot connect to " + redacted_ + ": " + message);
    }
    // Notices (e.g. "relation already exists, skipping") are not errors; keep them off stderr.
    PQsetNoticeProcessor(
        raw, [](void*, const char*) {}, nullptr);
    return conn;
  }

  const std::string url_;  // holds the password: never log it
  const std::string redacted_;
  const Options options_;

  ConnectionPool<Connection> pool_;
};

}  // namespace

std::string RewritePlaceholders(std::string_view sql, int* count) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  const std::size_t len = sql.size();
  std::size_t i = 0;
  // Copies sql[i, end) to the output and moves past it.
  auto copy_to = [&](std::size_t end) {
    end = std::min(end, len);
    out.append(sql.substr(i, end - i));
    i = end;
  };
  while (i < len) {
    const char c = sql[i];
    const char next = i + 1 < len ? sql[i + 1] : '\0';
    if (c == '\'' || c == '"') {
      // E'...' strings take backslash escapes; a doubled quote is a quote in both kinds.
      const bool backslash = c == '\'' && i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') &&
                             (i < 2 || !IsIdentChar(sql[i - 2]));
      std::size_t j = i + 1;
      while (j < len) {
        if (backslash && sql[j] == '\\') {
          j += 2;
        } else if (sql[j] == c) {
          if (j + 1 < len && sql[j + 1] == c) {
            j += 2;
          } else {
            break;
          }
        } else {
          ++j;
        }
      }
      copy_to(j + 1);
    } else if (c == '-' && next == '-') {
      const std::size_t eol = sql.find('\n', i);
      copy_to(eol == std::string_view::npos ? len : eol + 1);
    } else if (c == '/' && next == '*') {
      int depth = 1;  // PostgreSQL block comments nest
      std::size_t j = i + 2;
      while (j < len && depth > 0) {
        if (sql[j] == '/' && j + 1 < len && sql[j + 1] == '*') {
          ++depth;
          j += 2;
        } else if (sql[j] == '*' && j + 1 < len && sql[j + 1] == '/') {
          --depth;
          j += 2;
        } else {
          ++j;
        }
      }
      copy_to(j);
    } else if (c == '$' && (i == 0 || !IsIdentChar(sql[i - 1]))) {
      // A dollar-quoted string: $$...$$ or $tag$...$tag$ (a tag does not start with a digit).
      std::size_t j = i + 1;
      while (j < len && IsIdentChar(sql[j]) && !(j == i + 1 && sql[j] >= '0' && sql[j] <= '9')) {
        ++j;
      }
      if (j < len && sql[j] == '$') {
        const std::string_view tag = sql.substr(i, j - i + 1);
        const std::size_t close = sql.find(tag, j + 1);
        copy_to(close == std::string_view::npos ? len : close + tag.size());
      } else {
        copy_to(i + 1);
      }
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++n);
      ++i;
    } else {
      copy_to(i + 1);
    }
  }
  if (count != nullptr) *count = n;
  return out;
}

std::string RedactPostgresUrl(std::string_view url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return "postgresql://(unparsable URL)";
  const std::size_t auth_start = scheme_end + 3;
  std::size_t auth_end = url.find_first_of("/?#", auth_start);
  if (auth_end == std::string_view::npos) auth_end = url.size();
  std::string out(url.substr(0, auth_start));
  std::string_view authority = url.substr(auth_start, auth_end - auth_start);
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    out += userinfo.substr(0, userinfo.find(':'));
    out += authority.substr(at);
  } else {
    out += authority;
  }
  const std::size_t query = url.find('?', auth_end);
  out += url.substr(auth_end, (query == std::string_view::npos ? url.size() : query) - auth_end);
  if (query != std::string_view::npos) {
    std::string kept;
    std::string_view rest = url.substr(query + 1);
    while (!rest.empty()) {
      const std::size_t amp = rest.find('&');
      const std::string_view param = rest.substr(0, amp);
      if (!param.starts_with("password=") && param != "password") {
        kept += kept.empty() ? "" : "&";
        kept += param;
      }
      rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    }
    if (!kept.empty()) out += "?" + kept;
  }
  return out;
}

Status StatusFromSqlstate(std::string_view sqlstate, std::string_view message) {
  std::string detail = "postgresql: " + std::string(message);
  if (!sqlstate.empty()) detail += " (SQLSTATE " + std::string(sqlstate) + ")";
  if (sqlstate == "23505") return Status::Conflict(std::string(kUniqueViolation), detail);
  if (sqlstate == "23503") return Status::Conflict(std::string(kForeignKeyViolation), detail);
  if (sqlstate == "23514" || sqlstate == "23502") {
    return Status::Unprocessable(std::string(kCheckViolation), detail);
  }
  if (sqlstate == "40001" || sqlstate == "40P01") {
    return Status::Retryable(std::string(kSerializationFailure), detail);
  }
  // Class 08: connection exceptions; 57P01-57P03: the server is shutting down or starting.
  if (sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" ||
      sqlstate == "57P03") {
    return Status::Unavailable(std::string(kUnreachable), detail);
  }
  return Status::Internal("db.error", detail);
}

Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url, const Options& options) {
  Options checked = options;
  checked.pool_size = std::max(1, options.pool_size);
  auto db = std::make_unique<PostgresDatabase>(url, checked);
  BSG_RETURN_IF_ERROR(db->Init());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace bsg::db
