// The client's address behind reverse proxies. A request's peer is the client unless the peer is
// a trusted proxy (server.trusted_proxies); then the client is the rightmost address of
// X-Forwarded-For that is not itself a trusted proxy. Entries left of it are whatever the client
// sent and are never believed.
//
// Thread-safety: a TrustedProxies is immutable after Parse and may be shared.
#ifndef BSG_PLATFORM_HTTP_FORWARDED_H_
#define BSG_PLATFORM_HTTP_FORWARDED_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "platform/status.h"

namespace bsg::http {

class TrustedProxies {
 public:
  // Each entry an IPv4 or IPv6 address, or a network in CIDR form ("10.0.0.0/8", "fd00::/8").
  // InvalidArgument (config.bad_value) naming the first bad entry.
  static Result<TrustedProxies> Parse(const std::vector<std::string>& entries);

  bool empty() const { return networks_.empty(); }
  // True when `address` (an IP address in text form) lies in one of the networks.
  bool Contains(std::string_view address) const;

 private:
  struct Network {
    bool v6 = false;
    std::array<std::uint8_t, 16> bytes{};
    int prefix = 0;  // bits
  };
  std::vector<Network> networks_;
};

// The client address for a request from `peer` carrying `x_forwarded_for` (empty when absent).
std::string ClientAddress(std::string_view peer, std::string_view x_forwarded_for,
                          const TrustedProxies& trusted);

// True when a request from `peer` came over https according to its `x_forwarded_proto` header
// (empty when absent): only a trusted proxy's header counts, and of a list ("https, http") only
// the last value, the one the trusted peer itself set or appended.
bool ForwardedHttps(std::string_view peer, std::string_view x_forwarded_proto,
                    const TrustedProxies& trusted);

}  // namespace bsg::http

#endif  // BSG_PLATFORM_HTTP_FORWARDED_H_
