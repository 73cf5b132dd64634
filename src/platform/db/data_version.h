// The versions of the modules' data (table data_version, migration 0012_platform): what a
// document built from the data is current for. See README.md, "Data versions".
#ifndef BSG_PLATFORM_DB_DATA_VERSION_H_
#define BSG_PLATFORM_DB_DATA_VERSION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/db/database.h"
#include "platform/status.h"

namespace bsg::db {

// Every topic's version as one string, topics in name order: "events=12;groups=3;...". Two reads
// give the same string exactly when no transaction that wrote a module's tables committed in
// between. One indexed read of a few rows.
Result<std::string> DataVersion(Database& db);

// One topic's version as `s` sees it (inside its transaction), or nullopt when the topic has no
// row. One indexed read.
Result<std::optional<std::int64_t>> TopicVersion(Session& s, std::string_view topic);

}  // namespace bsg::db

#endif  // BSG_PLATFORM_DB_DATA_VERSION_H_
