// Breakdown arithmetic for the statistics of aggregates.h (the SQL is in aggregates_sql.cc).
#include "modules/events/aggregates.h"

namespace bsg::events {

std::int64_t Breakdown::Get(const std::string& bucket) const {
  auto it = buckets.find(bucket);
  return it == buckets.end() ? 0 : it->second;
}

std::int64_t Breakdown::Known() const { return Total() - Get(kNotStated); }

std::int64_t Breakdown::Total() const {
  std::int64_t n = 0;
  for (const auto& [k, v] : buckets) n += v;
  return n;
}

std::optional<double> Breakdown::ShareOfKnown(const std::string& bucket) const {
  const std::int64_t known = Known();
  if (known == 0) return std::nullopt;
  return static_cast<double>(Get(bucket)) / static_cast<double>(known);
}

}  // namespace bsg::events
