#include "platform/db/data_version.h"

namespace bsg::db {

Result<std::string> DataVersion(Database& db) {
  BSG_ASSIGN_OR_RETURN(Rows rows,
                       db.Query("SELECT topic, version FROM data_version ORDER BY topic"));
  std::string out;
  out.reserve(rows.size() * 16);
  for (const Row& row : rows) {
    if (!out.empty()) out += ';';
    out += row.Text(0);
    out += '=';
    out += std::to_string(row.Int(1));
  }
  return out;
}

Result<std::optional<std::int64_t>> TopicVersion(Session& s, std::string_view topic) {
  BSG_ASSIGN_OR_RETURN(Rows rows,
                       s.Query("SELECT version FROM data_version WHERE topic = ?", {topic}));
  if (rows.empty()) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(rows.front().Int(0));
}

}  // namespace bsg::db
