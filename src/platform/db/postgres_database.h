// The PostgreSQL backend of platform/db (libpq), and helpers shared with the rest of platform/db.
// Internal to platform/db: code elsewhere uses Database::Open("postgresql://...").
#ifndef BSG_PLATFORM_DB_POSTGRES_DATABASE_H_
#define BSG_PLATFORM_DB_POSTGRES_DATABASE_H_

#include <memory>
#include <string>
#include <string_view>

#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::db {

// Opens a pool of libpq connections to `url` (a libpq connection URI; connect_timeout and
// fallback_application_name default from `options` unless the URL sets them). Connects once at
// once: fails with db.unreachable when the server cannot be reached.
Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url, const Options& options);

// Rewrites `?` placeholders to $1..$n, leaving alone those inside single-quoted strings (also
// E'...' with backslash escapes), double-quoted identifiers, dollar-quoted strings and -- or
// /* */ comments. Sets `*count` to the number of placeholders. PostgreSQL's jsonb operators
// `?`, `?|` and `?&` therefore cannot be written; use jsonb_exists() and friends.
std::string RewritePlaceholders(std::string_view sql, int* count);

// `url` with any password (userinfo or `password=` parameter) removed.
std::string RedactPostgresUrl(std::string_view url);

// Maps a SQLSTATE to a Status (see database.h for the reasons); `message` is the server's message.
Status StatusFromSqlstate(std::string_view sqlstate, std::string_view message);

// The shortest text that reads back as exactly `v`; "NaN", "Infinity", "-Infinity" for the
// special values (PostgreSQL's spelling). Defined in database.cc.
std::string FormatDouble(double v);

}  // namespace bsg::db

#endif  // BSG_PLATFORM_DB_POSTGRES_DATABASE_H_
