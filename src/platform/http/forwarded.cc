// See forwarded.h.
#include "platform/http/forwarded.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <optional>

#include "platform/http/http_internal.h"

namespace bsg::http {
namespace {

struct Parsed {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};
};

// An IPv4 or IPv6 address (an IPv4-mapped IPv6 address counts as IPv4), or nullopt.
std::optional<Parsed> ParseAddress(std::string_view text) {
  std::string s(text);
  Parsed p;
  if (inet_pton(AF_INET, s.c_str(), p.bytes.data()) == 1) return p;
  if (inet_pton(AF_INET6, s.c_str(), p.bytes.data()) == 1) {
    static constexpr std::uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(std::begin(kMapped), std::end(kMapped), p.bytes.begin())) {
      std::copy(p.bytes.begin() + 12, p.bytes.end(), p.bytes.begin());
      std::fill(p.bytes.begin() + 4, p.bytes.end(), 0);
      return p;
    }
    p.v6 = true;
    return p;
  }
  return std::nullopt;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::Parse(const std::vector<std::string>& entries) {
  TrustedProxies out;
  for (const std::string& entry : entries) {
    auto bad = [&](const std::string& why) {
      return Status::InvalidArgument("config.bad_value",
                                     "server.trusted_proxies: '" + entry + "' " + why,
                                     {{"server.trusted_proxies", why}});
    };
    std::string_view text = internal::TrimOws(entry);
    std::optional<int> prefix;
    if (auto slash = text.find('/'); slash != std::string_view::npos) {
      int bits = -1;
      std::string_view digits = text.substr(slash + 1);
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
      if (ec != std::errc() || end != digits.data() + digits.size()) {
        return bad("has a bad prefix length");
      }
      prefix = bits;
      text = text.substr(0, slash);
    }
    auto address = ParseAddress(text);
    if (!address) return bad("is not an IP address or network");
    const int max_bits = address->v6 ? 128 : 32;
    if (prefix && (*prefix < 0 || *prefix > max_bits)) return bad("has a bad prefix length");
    out.networks_.push_back({address->v6, address->bytes, prefix.value_or(max_bits)});
  }
  return out;
}

bool TrustedProxies::Contains(std::string_view address) const {
  auto a = ParseAddress(internal::TrimOws(address));
  if (!a) return false;
  for (const Network& n : networks_) {
    if (n.v6 != a->v6) continue;
    int bits = n.prefix;
    bool match = true;
    for (int i = 0; bits > 0 && match; ++i, bits -= 8) {
      const std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
      match = (a->bytes[i] & mask) == (n.bytes[i] & mask);
    }
    if (match) return true;
  }
  return false;
}

std::string ClientAddress(std::string_view peer, std::string_view x_forwarded_for,
                          const TrustedProxies& trusted) {
  if (trusted.empty() || x_forwarded_for.empty() || !trusted.Contains(peer)) {
    return std::string(peer);
  }
  std::string_view rest = x_forwarded_for;
  std::string client(peer);
  while (!rest.empty()) {
    const std::size_t comma = rest.rfind(',');
    const std::string_view hop =
        internal::TrimOws(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    if (!ParseAddress(hop)) return client;  // garbage: keep the last address we can vouch for
    client = std::string(hop);
    if (!trusted.Contains(hop)) return client;
  }
  return client;
}

bool ForwardedHttps(std::string_view peer, std::string_view x_forwarded_proto,
                    const TrustedProxies& trusted) {
  if (trusted.empty() || x_forwarded_proto.empty() || !trusted.Contains(peer)) return false;
  const std::size_t comma = x_forwarded_proto.rfind(',');
  const std::string_view last = internal::TrimOws(
      comma == std::string_view::npos ? x_forwarded_proto : x_forwarded_proto.substr(comma + 1));
  return internal::EqualsIgnoreCase(last, "https");
}

}  // namespace bsg::http
