// The SQLite backend of platform/db (sqlite3 C API). Internal to platform/db: code elsewhere uses
// Database::Open("sqlite:...").
#ifndef BSG_PLATFORM_DB_SQLITE_DATABASE_H_
#define BSG_PLATFORM_DB_SQLITE_DATABASE_H_

#include <memory>
#include <string>
#include <string_view>

#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::db {

// Opens "sqlite:///abs/path.db", "sqlite://relative.db" or "sqlite::memory:". Every pooled
// connection runs PRAGMA journal_mode=WAL (files only), foreign_keys=ON, busy_timeout and
// synchronous=FULL. "sqlite::memory:" gives each Database its own in-memory database, shared by
// its pooled connections through SQLite's shared cache. Fails with db.unreachable when the file
// cannot be opened.
Result<std::unique_ptr<Database>> OpenSqlite(const std::string& url, const Options& options);

// Maps an extended SQLite result code to a Status (see database.h for the reasons); `message` is
// the driver's message.
Status StatusFromSqlite(int extended_code, std::string_view message);

}  // namespace bsg::db

#endif  // BSG_PLATFORM_DB_SQLITE_DATABASE_H_
