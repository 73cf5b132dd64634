// The backend-independent part of platform/db: Row accessors, Session::QueryOne,
// Database::InTransaction (retry with jittered backoff) and Database::Open, which picks the
// backend from the URL scheme.
#include "platform/db/database.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>

#include "platform/db/postgres_database.h"
#include "platform/db/sqlite_database.h"

namespace bsg::db {

Database::Database()
    : id_([] {
        static std::atomic<std::uint64_t> next{1};
        return next.fetch_add(1, std::memory_order_relaxed);
      }()) {}

namespace {

// Row accessor misuse is a bug in the caller, hence an exception rather than a Status.
[[noreturn]] void ThrowMisuse(const Row& row, std::size_t i, std::string_view what) {
  throw std::logic_error("db::Row column " + std::to_string(i) + " (" + row.ColumnName(i) +
                         "): " + std::string(what));
}

std::string_view TypeName(const Value& v) {
  switch (v.get().index()) {
    case 0:
      return "NULL";
    case 1:
      return "an integer";
    case 2:
      return "a double";
    case 3:
      return "text";
    default:
      return "a blob";
  }
}

// Parses the whole of `s` as a decimal integer.
std::optional<std::int64_t> ParseInt(std::string_view s) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

// Parses the whole of `s` as a double (locale-independent).
std::optional<double> ParseDouble(std::string_view s) {
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

}  // namespace

std::string FormatDouble(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);  // shortest exact round trip
  return std::string(buf, ec == std::errc() ? end : buf);
}

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kSqlite:
      return "sqlite";
    case Kind::kPostgres:
      return "postgresql";
  }
  return "unknown";
}

std::int64_t Row::Int(std::size_t i) const {
  const Value& v = at(i);
  if (const auto* p = std::get_if<std::int64_t>(&v.get())) return *p;
  if (const auto* p = std::get_if<double>(&v.get())) {
    // Lossless only for an integral value within range (2^63 is exactly representable).
    if (std::trunc(*p) == *p && *p >= -9223372036854775808.0 && *p < 9223372036854775808.0) {
      return static_cast<std::int64_t>(*p);
    }
    ThrowMisuse(*this, i, "double " + FormatDouble(*p) + " read as an integer");
  }
  if (const auto* p = std::get_if<std::string>(&v.get())) {
    if (auto parsed = ParseInt(*p)) return *parsed;
    ThrowMisuse(*this, i, "text that is not an integer read as an integer");
  }
  ThrowMisuse(*this, i, std::string(TypeName(v)) + " read as an integer");
}

double Row::Double(std::size_t i) const {
  const Value& v = at(i);
  if (const auto* p = std::get_if<double>(&v.get())) return *p;
  if (const auto* p = std::get_if<std::int64_t>(&v.get())) return static_cast<double>(*p);
  if (const auto* p = std::get_if<std::string>(&v.get())) {
    if (auto parsed = ParseDouble(*p)) return *parsed;
    ThrowMisuse(*this, i, "text that is not a number read as a double");
  }
  ThrowMisuse(*this, i, std::string(TypeName(v)) + " read as a double");
}

std::string Row::Text(std::size_t i) const {
  const Value& v = at(i);
  if (const auto* p = std::get_if<std::string>(&v.get())) return *p;
  if (const auto* p = std::get_if<std::int64_t>(&v.get())) return std::to_string(*p);
  if (const auto* p = std::get_if<double>(&v.get())) return FormatDouble(*p);
  if (const auto* p = std::get_if<Blob>(&v.get())) return std::string(p->begin(), p->end());
  ThrowMisuse(*this, i, "NULL read as text (use OptText)");
}

Blob Row::GetBlob(std::size_t i) const {
  const Value& v = at(i);
  if (const auto* p = std::get_if<Blob>(&v.get())) return *p;
  if (const auto* p = std::get_if<std::string>(&v.get())) return Blob(p->begin(), p->end());
  ThrowMisuse(*this, i, std::string(TypeName(v)) + " read as a blob");
}

std::optional<std::int64_t> Row::OptInt(std::size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Int(i);
}

std::optional<double> Row::OptDouble(std::size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Double(i);
}

std::optional<std::string> Row::OptText(std::size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Text(i);
}

namespace {

Result<Row> FirstRow(Result<Rows> rows, std::string_view not_found_reason) {
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound(std::string(not_found_reason), "no such record");
  return std::move(rows->front());
}

}  // namespace

Result<Row> Session::QueryOne(std::string_view sql, const Params& params,
                              std::string_view not_found_reason) {
  return FirstRow(Query(sql, params), not_found_reason);
}

Result<Row> Database::QueryOne(std::string_view sql, const Params& params,
                               std::string_view not_found_reason) {
  return FirstRow(Query(sql, params), not_found_reason);
}

Status Database::InTransaction(const std::function<Status(Transaction&)>& fn,
                               const TxOptions& options) {
  thread_local std::mt19937 rng(std::random_device{}());
  const int attempts = std::max(1, options.max_attempts);
  Status last;
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    if (attempt > 1) {
      // Exponential backoff from 2 ms, capped at 100 ms, with full jitter in [base/2, base] so
      // that the transactions that collided do not collide again.
      const int base_us = std::min(100'000, 2'000 << std::min(attempt - 2, 10));
      std::uniform_int_distribution<int> jitter(base_us / 2, base_us);
      std::this_thread::sleep_for(std::chrono::microseconds(jitter(rng)));
    }
    Result<std::unique_ptr<Transaction>> tx = Begin(options);
    if (!tx.ok()) {
      last = tx.status();
    } else {
      last = fn(**tx);
      if (last.ok()) last = (*tx)->Commit();
      // A transaction that was not committed rolls back here, before any retry.
    }
    if (last.ok() || last.code() != ErrorCode::kRetryable) return last;
  }
  return last;
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& url, const Options& options) {
  std::string_view u = url;
  if (u.starts_with("sqlite:")) return OpenSqlite(url, options);
  if (u.starts_with("postgresql://") || u.starts_with("postgres://")) {
    return OpenPostgres(url, options);
  }
  // The URL may hold a password: name only its scheme.
  std::string scheme(u.substr(0, std::min(u.find(':'), std::size_t{16})));
  return Status::InvalidArgument("db.invalid_url", "unknown database URL scheme \"" + scheme +
                                                       "\"; expected sqlite: or postgresql://");
}

}  // namespace bsg::db
