// Numbered schema migrations, one folder per backend: db/migrations/{sqlite,postgres}/NNNN_name.sql.
// The files are embedded into the binary at build time (cmake/embed_migrations.cmake), so a
// deployed `bsg` needs no source tree. Applied migrations are recorded in `schema_migrations`
// (version, name, applied_at); each migration runs in its own transaction.
#ifndef BSG_PLATFORM_DB_MIGRATE_H_
#define BSG_PLATFORM_DB_MIGRATE_H_

#include <string>
#include <vector>

#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::db {

struct Migration {
  int version;
  std::string name;
  std::string sql;
};

// The migrations compiled into this binary for `kind`, ascending by version.
const std::vector<Migration>& EmbeddedMigrations(Kind kind);
// The highest version this binary knows for `kind` (0 when none).
int KnownSchemaVersion(Kind kind);

// The highest applied version (0 for a new database, creating nothing).
Result<int> CurrentSchemaVersion(Database& db);

// Applies every embedded migration above the current version, in order. Idempotent: a second
// call applies nothing and returns 0. Returns the number applied. Fails with
// schema.too_new (kFailedPrecondition-like kUnprocessable) when the database is newer than this
// binary knows.
Result<int> Migrate(Database& db);

// Ok when the database's version equals KnownSchemaVersion; schema.too_new when newer (the
// server must refuse to start), schema.outdated when older (run `bsg migrate`).
Status CheckSchemaVersion(Database& db);

}  // namespace bsg::db

#endif  // BSG_PLATFORM_DB_MIGRATE_H_
