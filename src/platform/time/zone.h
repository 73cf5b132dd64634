// IANA time zones, resolved from the system's time zone database (TZif files under
// /usr/share/zoneinfo, Debian's tzdata): which names exist, and how a local wall-clock time (a
// venue's) maps to UTC. libstdc++ 12 has no std::chrono::tzdb, hence this small reader.
//
// Offsets after the last transition in a file (2037 in Debian's "fat" files) are those of the
// last transition; the POSIX rule in the file's footer is not evaluated.
//
// Thread-safety: every function is safe to call from any thread (parsed zones are cached under a
// mutex).
#ifndef BSG_PLATFORM_TIME_ZONE_H_
#define BSG_PLATFORM_TIME_ZONE_H_

#include <cstdint>
#include <string_view>

#include "platform/status.h"

namespace bsg::time {

// True for a syntactically valid zone name ("Europe/Zurich", "UTC") that the database knows.
bool IsKnownZone(std::string_view zone);

// Seconds since the Unix epoch (UTC) of the local wall-clock time `local_seconds` (seconds since
// 1970-01-01T00:00 on the local calendar) in `zone`. In a gap (spring forward) the time is read
// with the offset before the gap; in an overlap, the earlier instant is chosen.
// Fails with time.unknown_zone [kUnprocessable] (field "time_zone") for a name the database
// does not know.
Result<std::int64_t> LocalToUtc(std::string_view zone, std::int64_t local_seconds);

// The UTC offset in seconds in force in `zone` at `utc_seconds`. Fails as LocalToUtc.
Result<std::int32_t> OffsetAt(std::string_view zone, std::int64_t utc_seconds);

}  // namespace bsg::time

#endif  // BSG_PLATFORM_TIME_ZONE_H_
