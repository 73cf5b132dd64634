// IANA time zones; see zone.h. A reader of TZif files (RFC 8536), version 1 and 2+ data blocks.
#include "platform/time/zone.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace bsg::time {
namespace {

constexpr std::string_view kZoneDir = "/usr/share/zoneinfo/";

struct Zone {
  std::vector<std::int64_t> transitions;   // UTC seconds, ascending
  std::vector<std::uint8_t> type_indices;  // per transition
  std::vector<std::int32_t> offsets;       // per type
  std::vector<bool> is_dst;                // per type

  std::int32_t OffsetAt(std::int64_t t) const {
    if (offsets.empty()) return 0;
    if (transitions.empty() || t < transitions.front()) {
      // Before the first transition: the first standard-time type (RFC 8536 section 3.2).
      for (std::size_t i = 0; i < offsets.size(); ++i) {
        if (!is_dst[i]) return offsets[i];
      }
      return offsets.front();
    }
    auto it = std::upper_bound(transitions.begin(), transitions.end(), t);
    std::size_t idx = static_cast<std::size_t>(std::distance(transitions.begin(), it)) - 1;
    std::uint8_t type = type_indices[idx];
    return type < offsets.size() ? offsets[type] : 0;
  }
};

bool ValidName(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.back() == '/') return false;
  if (name.find("..") != std::string_view::npos) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
           c == '_' || c == '-' || c == '+';
  });
}

std::int64_t ReadBig(const std::string& b, std::size_t pos, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<std::uint8_t>(b[pos + i]);
  if (bytes == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
  return static_cast<std::int64_t>(v);
}

std::optional<Zone> Parse(const std::string& b) {
  auto header = [&](std::size_t pos, std::int64_t counts[6]) {
    if (pos + 44 > b.size() || b.compare(pos, 4, "TZif") != 0) return false;
    for (int i = 0; i < 6; ++i) {
      counts[i] = ReadBig(b, pos + 20 + 4 * i, 4);
      if (counts[i] < 0 || counts[i] > 100000) return false;
    }
    return true;
  };
  std::int64_t c[6];  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  if (!header(0, c)) return std::nullopt;
  int time_size = 4;
  std::size_t pos = 44;
  if (b[4] >= '2') {
    pos += c[3] * 5 + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0];
    if (!header(pos, c)) return std::nullopt;
    pos += 44;
    time_size = 8;
  }
  const std::size_t need = c[3] * (time_size + 1) + c[4] * 6;
  if (pos + need > b.size() || c[4] <= 0) return std::nullopt;
  Zone z;
  for (std::int64_t i = 0; i < c[3]; ++i) {
    z.transitions.push_back(ReadBig(b, pos + i * time_size, time_size));
  }
  pos += c[3] * time_size;
  for (std::int64_t i = 0; i < c[3]; ++i) z.type_indices.push_back(b[pos + i]);
  pos += c[3];
  for (std::int64_t i = 0; i < c[4]; ++i) {
    z.offsets.push_back(static_cast<std::int32_t>(ReadBig(b, pos + i * 6, 4)));
    z.is_dst.push_back(b[pos + i * 6 + 4] != 0);
  }
  return z;
}

std::shared_ptr<const Zone> Load(std::string_view name) {
  static std::mutex mu;
  static auto* cache = new std::map<std::string, std::shared_ptr<const Zone>, std::less<>>();
  std::lock_guard<std::mutex> lock(mu);
  if (auto it = cache->find(name); it != cache->end()) return it->second;
  std::shared_ptr<const Zone> zone;
  if (name == "UTC" || name == "Etc/UTC") {
    auto z = std::make_shared<Zone>();
    z->offsets = {0};
    z->is_dst = {false};
    zone = z;
  } else if (ValidName(name)) {
    std::ifstream in(std::string(kZoneDir) + std::string(name), std::ios::binary);
    if (in) {
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (auto z = Parse(bytes)) zone = std::make_shared<Zone>(std::move(*z));
    }
  }
  if (zone) cache->emplace(std::string(name), zone);
  return zone;
}

Status UnknownZone(std::string_view zone) {
  return Status::Unprocessable("time.unknown_zone",
                               "unknown time zone \"" + std::string(zone) + "\"",
                               {{"time_zone", "is not a known IANA time zone name"}});
}

}  // namespace

bool IsKnownZone(std::string_view zone) { return Load(zone) != nullptr; }

Result<std::int32_t> OffsetAt(std::string_view zone, std::int64_t utc_seconds) {
  auto z = Load(zone);
  if (!z) return UnknownZone(zone);
  return z->OffsetAt(utc_seconds);
}

Result<std::int64_t> LocalToUtc(std::string_view zone, std::int64_t local_seconds) {
  auto z = Load(zone);
  if (!z) return UnknownZone(zone);
  // Candidates: the offsets in force a day either side of the local time.
  const std::int32_t before = z->OffsetAt(local_seconds - 86400);
  const std::int32_t after = z->OffsetAt(local_seconds + 86400);
  std::optional<std::int64_t> best;
  for (std::int32_t off : {before, after}) {
    std::int64_t u = local_seconds - off;
    if (z->OffsetAt(u) == off && (!best || u < *best)) best = u;
  }
  if (best) return *best;
  return local_seconds - before;  // in a gap: read with the offset before it
}

}  // namespace bsg::time
